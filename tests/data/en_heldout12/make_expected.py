#!/usr/bin/env python3
"""Write expected/<NAME>.json for the eighth held-out set (docs/HELDOUT.md,
"An eighth held-out set"): the units each text should parse into, made
without the parser, from reading the texts. It shares no code with resdiff.

Reading (docs/PARSE.md's id contract), as for the seventh set:
- the front matter goes up to the chapeau "The General Assembly,"; when the
  chapeau shares its line with a recital ("The General Assembly, recalling
  its decision …:"), the chapeau is cut and the rest is the recital PP1;
- the body stops at the plenary line ("52nd plenary meeting") or the end;
- page furniture goes: a footnote zone runs from the "____" rule to the page
  break (an empty line in the extracted text); a page head runs from the page
  break until both the job number ("25-19806") and the page number ("2/2")
  have been seen (the symbol and the running title sit in it, before or after
  them), and the blank lines right after a page head go with it;
- every footnote marker is removed by hand below, at the place the source has
  it; every page break that falls inside a paragraph is joined by hand below
  (the others start a new paragraph: the next page opens with a label or a
  new recital);
- paragraphs break at blank lines; "1." alone on its line or at the start of
  one opens OP<n>; "(a)" opens OP<n>(a) under the numbered paragraph above
  it, or OP0(a) with none above it (a decision's lettered paragraphs); every
  other block is a recital PP<n>;
- A/C.3/80/L.2 prints "25" and "26" alone on their lines, with no period,
  between paragraphs 24 and 27 ("25 \n" / "Condemns without reservation …");
  my reading is that they are the labels of paragraphs 25 and 26 (the
  numbering runs 1–74 and paragraph 68 cites "paragraphs … 28, 29"), so the
  period is put back by hand below, as a marker is taken out by hand;
- wrapped lines join with one space, except that a line ending in
  "letter-" joins without one; whitespace runs become one space.

The code that reads is ../heldout_expected.py, shared with the other sets
that read this way (en_heldout12, 13, 14, 19); regenerating gives the same
expected/ byte for byte.

usage: cd tests/data/en_heldout12 && python3 make_expected.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import expect, expect_amendment  # noqa: E402

if __name__ == '__main__':
    expect('A_RES_80_13', [
        ('13 July 1979,1\n', '13 July 1979,\n'),
        ('February 2003,2 in which', 'February 2003, in which'),
        ('Ad Hoc Committee,3\n', 'Ad Hoc Committee,\n'),
    ])
    expect('A_RES_80_14', [
        ('11 April 1996,1\n', '11 April 1996,\n'),
        ('occasion,2 in which', 'occasion, in which'),
        ('12 April 1996,3 in which', '12 April 1996, in which'),
        ('the Treaty4 that', 'the Treaty that'),
        ('Nuclear Weapons5 that', 'Nuclear Weapons that'),
    ])
    expect('A_RES_80_16', [], [('General Assembly in its', 'resolution 79/237, and')])
    expect('A_RES_80_17', [
        ('General Assembly,1\n', 'General Assembly,\n'),
        ('resolution 79/16,2\n', 'resolution 79/16,\n'),
        ('Nuclear Weapons;3\n', 'Nuclear Weapons;\n'),
        ('10 October 19904 or', '10 October 1990 or'),
    ], [('and in', 'particular paragraph 63 (d)')])
    expect('A_C.4_80_L.2', [
        ('Secretary-General,1 prepared', 'Secretary-General, prepared'),
    ], [('made by States and to', 'provide all the facilities')])
    expect('A_C.4_80_L.3')
    # added to the set before the parser had run on them (see README)
    expect('A_RES_80_30', [
        ('devoted to disarmament, 1\n', 'devoted to disarmament,\n'),
        ('contained therein,2\n', 'contained therein,\n'),
        ('(SSOD-IV),3\n', '(SSOD-IV),\n'),
    ])
    expect('A_C.6_80_L.2')
    expect_amendment('A_80_L.20', '* Any changes')
    expect('A_C.3_80_L.9', [
        ('trafficking in\nwildlife\u201d,1\n', 'trafficking in\nwildlife\u201d,\n'),
        ('16 October 2020,2 11/3', '16 October 2020, 11/3'),
        ('\n20223 and 12/4', '\n2022 and 12/4'),
        ('18 October 2024,4 on', '18 October 2024, on'),
        ('on the environment\u201d,5\n', 'on the environment\u201d,\n'),
        ('the Rule of Law,6 in which', 'the Rule of Law, in which'),
        ('Rights of Indigenous Peoples,7\n', 'Rights of Indigenous Peoples,\n'),
        ('Organized Crime 8 and the', 'Organized Crime and the'),
        ('Convention against Corruption,9\n', 'Convention against Corruption,\n'),
        ('Wild Fauna and Flora, 10 and also', 'Wild Fauna and Flora, and also'),
    ], [
        ('the international legal', 'framework for international cooperation'),
        ('the territorial integrity', 'of States and the principle'),
        ('as defined in', 'the Organized Crime Convention and as mandated'),
        ('of the application and', 'collective implementation of the Convention'),
    ])
    expect('A_C.3_80_L.2', [
        ('Human\nRights,1 the', 'Human\nRights, the'),
        ('Political Rights, 2 the', 'Political Rights, the'),
        ('Racial Discrimination 3 and other', 'Racial Discrimination and other'),
        ('16 April 20044 and 2005/5 of 14 April 20055 and',
         '16 April 2004 and 2005/5 of 14 April 2005 and'),
        ('28 March 2008,6 18/15', '28 March 2008, 18/15'),
        ('\n20117 and 21/33', '\n2011 and 21/33'),
        ('28 September 2012,8 as well', '28 September 2012, as well'),
        ('8 September 2001, 9 in particular', '8 September 2001, in particular'),
        ('24 April 2009,10 in particular', '24 April 2009, in particular'),
        ('resolution 79/160;11\n', 'resolution 79/160;\n'),
        ('by States, 12 also', 'by States, also'),
        ('Conventions of 1949; 13\n', 'Conventions of 1949;\n'),
        ('\u201d nations;14\n', '\u201d nations;\n'),
        ('\n25\nCondemns', '\n25.\nCondemns'),     # a label, see the docstring
        ('\n26\nAffirms', '\n26.\nAffirms'),
        ('Holocaust\ndenial;15\n', 'Holocaust\ndenial;\n'),
        ('punishable by law, 16  and that', 'punishable by law, and that'),
        ('Sustainable Development 17  on data', 'Sustainable Development on data'),
        ('number of countries; 18\n', 'number of countries;\n'),
        ('xenophobic character;19\n', 'xenophobic character;\n'),
        ('to incite\nviolence;20\n', 'to incite\nviolence;\n'),
        ('enhanced penalties,21 and', 'enhanced penalties, and'),
        ('Nazism and Fascism;22\n', 'Nazism and Fascism;\n'),
    ], [
        ('70/139 of 17 December', '2015, 71/179 of 19 December 2016'),
    ])
    expect('A_C.3_80_L.6', [
        ('Human Rights,1 the Vienna', 'Human Rights, the Vienna'),
        ('Programme of Action2 and', 'Programme of Action and'),
        ('Political Rights, 3 the International', 'Political Rights, the International'),
        ('Cultural Rights4 and', 'Cultural Rights and'),
        ('of the Child,5\n', 'of the Child,\n'),
        ('Programmes, 6 adopted', 'Programmes, adopted'),
        ('Financing for Development,7 the Sendai', 'Financing for Development, the Sendai'),
        ('2015\u20132030, 8 the Doha', '2015\u20132030, the Doha'),
        ('Countries,9 the Vienna', 'Countries, the Vienna'),
        ('2014\u20132024,10 the SIDS', '2014\u20132024, the SIDS'),
        ('Pathway,11 the Global', 'Pathway, the Global'),
        ('Regular Migration,12 the Global', 'Regular Migration, the Global'),
        ('Compact on Refugees 13  and', 'Compact on Refugees and'),
        ('(Habitat III),14\n', '(Habitat III),\n'),
        ('Development 15  and the Beijing', 'Development and the Beijing'),
        ('Platform for Action, 16  and the', 'Platform for Action, and the'),
        ('for Youth17 are', 'for Youth are'),
        ('in his report,18 when', 'in his report, when'),
        ('Sustainable Development, 19  recalls', 'Sustainable Development, recalls'),
        ('Secretary-General20 and', 'Secretary-General and'),
    ], [
        ('of the General Assembly at', 'its eightieth session, to mark'),
        ('within the United Nations system', 'and its strategic function'),
        ('of robust social security', 'systems as well as social protection'),
        ('improve digital', 'inclusion and realize gender equality'),
        ('relationships between women', 'and men, to enable them'),
    ])
