#!/usr/bin/env python3
"""Write expected/<NAME>.json for the tenth held-out set (docs/HELDOUT.md,
"A tenth held-out set"): the units each text should parse into, made
without the parser, from reading the texts. It shares no code with resdiff.

Reading (docs/PARSE.md's id contract), as for the ninth set:
- the front matter goes up to the chapeau "The General Assembly,";
- the body stops at the plenary line or the end;
- page furniture goes: a footnote zone runs from the "____" rule to the page
  break (an empty line in the extracted text), the `*` sponsor note of
  A/C.3/80/L.25 included; a page head runs from the page break until both
  the job number ("25-17785") and the page number ("2/6") have been seen,
  and the blank lines right after a page head go with it;
- every footnote marker is removed by hand below, at the place the source has
  it; every page break that falls inside a paragraph is joined by hand below;
- paragraphs break at blank lines; "1." alone on its line or at the start of
  one opens OP<n>; "(a)" opens OP<n>(a) under the numbered paragraph above;
  every other block before paragraph 1 is a recital PP<n>; a roman numeral
  alone on its line ("II") is the label of the heading on the next line,
  H<n>. A/C.5/80/L.18 numbers the paragraphs of its section II from 1
  again: the second "1." is OP1~2 (docs/PARSE.md, `<id>~<m>` row), and the
  recitals after the heading are PP3, PP4 (one count for the whole text);
- lines that open with a number which is neither a paragraph number nor a
  footnote marker ("1 United States dollar invested …", "1 July 2024 to
  30 June 2025;", "16 December 1981 and …", "2022 commending …") are
  ordinary wrapped lines;
- wrapped lines join with one space, except that a line ending in
  "letter-" joins without one ("fifty-" / "third", "Secretary-" /
  "General", "work-" / "planning"); whitespace runs become one space.

The code that reads is ../heldout_expected.py, shared with the other sets
that read this way (en_heldout12, 13, 14, 19); regenerating gives the same
expected/ byte for byte.

usage: cd tests/data/en_heldout14 && python3 make_expected.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import expect  # noqa: E402

if __name__ == '__main__':
    expect('A_C.2_80_L.30', [
        ('Platform for Action 1 and', 'Platform for Action and'),
        ('Population and Development 2 and', 'Population and Development and'),
        ('Social Development 3  and', 'Social Development and'),
        ('sixty-ninth sessions,4\n', 'sixty-ninth sessions,\n'),
        ('11 October 2023,5 as well', '11 October 2023, as well'),
    ], [
        ('education, and the health', 'and social sectors, of domestic'),
    ])
    expect('A_C.3_80_L.25', [
        ('24 March 2011,1 19/25', '24 March 2011, 19/25'),
        ('23 March 2012,2 22/31', '23 March 2012, 22/31'),
        ('22 March 2013,3 28/29', '22 March 2013, 28/29'),
        ('27 March 2015,4 31/26', '27 March 2015, 31/26'),
        ('24 March 2016, 5 34/32', '24 March 2016, 34/32'),
        ('24 March 2017, 6 37/38', '24 March 2017, 37/38'),
        ('23 March 2018, 7 40/25', '23 March 2018, 40/25'),
        ('22 March 2019,8 43/34', '22 March 2019, 43/34'),
        ('22 June 2020,9 46/27', '22 June 2020, 46/27'),
        ('24 March 2021,10 49/31', '24 March 2021, 49/31'),
        ('\n2022,11 52/38', '\n2022, 52/38'),
        ('4 April 202312 and', '4 April 2023 and'),
        ('4 April 2025,13 and', '4 April 2025, and'),
        ('\nRights14 provides', '\nRights provides'),
        ('5 October 2012,15\n', '5 October 2012,\n'),
        ('the Secretary-General;16\n', 'the Secretary-General;\n'),
    ], [
        ('49/31 of 1 April', '2022, 52/38 of 4 April'),
        ('against discrimination and hate crimes,', 'increasing interreligious, interfaith'),
        ('and urges States to take effective', 'measures, as set forth in'),
    ])
    expect('A_C.4_80_L.18', [
        ('Secretary-General1 submitted', 'Secretary-General submitted'),
        ('31 August 2025,2\n', '31 August 2025,\n'),
        ('Human Rights3 and', 'Human Rights and'),
        ('progress report,4 and', 'progress report, and'),
        ('13 September 1993, 5 to', '13 September 1993, to'),
    ])
    expect('A_C.5_80_L.18', [
        ('to 30 June 2025,1\n', 'to 30 June 2025,\n'),
        ('to 31 July 2025, 2\n', 'to 31 July 2025,\n'),
    ], [
        ('of its individual functions, and', 'looks forward to feedback'),
        ('of 23 December 2005 and 77/278,', 'notes the distinct mandates'),
    ])
    expect('A_C.6_80_L.18', [
        ('third session,1 and', 'third session, and'),
        ('successive oral reports, 2\n', 'successive oral reports,\n'),
        ('\nGeneral,3\n', '\nGeneral,\n'),
        ('wrongful acts, 4 and commends', 'wrongful acts, and commends'),
        ('observations of Governments5 and', 'observations of Governments and'),
        ('of the General Assembly;6\n', 'of the General Assembly;\n'),
    ])
    expect('A_C.3_80_L.10', [
        ('Development\n1  and its implementation', 'Development\nand its implementation'),
        ('for Sustainable Development, 2\n', 'for Sustainable Development,\n'),
        ('Sevilla Commitment,3 which', 'Sevilla Commitment, which'),
        ('through social inclusion\u201d;4\n', 'through social inclusion\u201d;\n'),
    ], [
        ('and to building upon', 'the achievements of the Millennium'),
        ('deprivation in areas such', 'as access to quality healthcare'),
        ('including civic, social,', 'economic, cultural and political'),
        ('including rural-urban,', 'youth-older persons and gender'),
    ])
    expect('A_C.2_80_L.25', [
        ('Resilient Prosperity, 1 which', 'Resilient Prosperity, which'),
        ('(SAMOA) Pathway,2 the', '(SAMOA) Pathway, the'),
        ('\nDeveloping States3 and the Barbados', '\nDeveloping States and the Barbados'),
        ('Developing States,4 and noting', 'Developing States, and noting'),
        ('Sustainable Development,5 the Addis', 'Sustainable Development, the Addis'),
        ('\nDevelopment,6 the Sevilla Commitment,7 the', '\nDevelopment, the Sevilla Commitment, the'),
        ('Climate Change8 and the Paris Agreement,9 as', 'Climate Change and the Paris Agreement, as'),
        ('2015\u20132030, 10 the New Urban Agenda 11 and', '2015\u20132030, the New Urban Agenda and'),
        ('Biodiversity Framework,12 and', 'Biodiversity Framework, and'),
        ('the Secretary-General;13\n', 'the Secretary-General;\n'),
        ('developing States14 and its', 'developing States and its'),
        ('from 9 to 13 June 2025;15\n', 'from 9 to 13 June 2025;\n'),
        ('\nExcellence,16 and', '\nExcellence, and'),
    ], [
        ('their economies are robust,', 'diversified, adaptable and able'),
    ])
    expect('A_C.1_80_L.41', [
        ('Indiscriminate Effects,1 and appreciating', 'Indiscriminate Effects, and appreciating'),
        ('of 7 October 2022,2\n', 'of 7 October 2022,\n'),
        ('the Secretary General3 and', 'the Secretary General and'),
    ], [
        ('May Be Deemed to Be Excessively', 'Injurious or to Have Indiscriminate'),
    ])
