#!/usr/bin/env python3
"""Write expected/<NAME>.json for the twelfth held-out set (docs/HELDOUT.md,
"A twelfth held-out set"): plenary drafts A/80/L.* and First Committee
drafts A/C.1/80/L.*. The reading is ../heldout_expected.py's (docs/PARSE.md's
id contract); what these texts need of their own:

- A/80/L.26 quotes the Court's findings under a recital that ends in a
  colon ("Having received the advisory opinion …, in which the Court found
  that:"): its list "(a)" … "(f)", with "(i)" … "(vi)" under "(a)" running
  across a page break, is that recital's (PP<n>(a), PP<n>(a)(i): the
  `PP<n>(a)` row of the contract; `recital_lists=`). The question the
  Assembly put to the Court, printed as its own block under the recital
  that ends "on the following question:", is read as the contract reads any
  other block before paragraph 1: a recital of its own (my reading where
  the contract is thin);
- the numbered amendments (A/80/L.30, A/80/L.35) list their instructions
  "1." / "In the fourth preambular paragraph, …" with no blank line between
  them, one glued to its label ("10. In operative paragraph 33, …"); read
  as ../parse-amend's make_expected.py reads numbered instructions: P<n> as
  printed. The one-instruction amendments (A/80/L.31, L.32) are B1, as
  ../heldout_expected.py's expect_amendment reads them; A/80/L.31's
  inserted text carries a `**` marker glued to a word ("Development** and"),
  taken out by hand, its `**` note (no rule above it) not a unit;
- footnote markers and page breaks inside a paragraph are taken out and
  joined by hand, as in every set.

usage: cd tests/data/en_heldout22 && python3 make_expected.py
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import _write, amendment_lines, expect, expect_amendment  # noqa: E402


def expect_numbered_amendment(name, stop):
    """Numbered instructions after the draft's title under the amendment
    line: a line opening with "<n>." starts P<n>; lines join with one space."""
    units, cur = [], None
    for s in amendment_lines(name):
        if s.startswith(stop):
            break
        m = re.match(r'(\d+)\.(?:\s+(.*)|$)', s)
        if m:
            cur = ['P%d' % int(m.group(1)), [m.group(2)] if m.group(2) else []]
            units.append(cur)
            continue
        if s and cur is not None:
            cur[1].append(s)
    out = [[k, re.sub(r'\s+', ' ', ' '.join(v)).strip()] for k, v in units]
    _write(name, out)
    for k, x in out:
        print(name, k, x)


if __name__ == '__main__':
    expect('A_80_L.26', [
        ('Two-State Solution,1 and', 'Two-State Solution, and'),
        ('of 19 July 20242 and', 'of 19 July 2024 and'),
        ('22 October 2025,3 in which', '22 October 2025, in which'),
        ('the United Nations4 to ensure', 'the United Nations to ensure'),
        ('Conventions,5 all States', 'Conventions, all States'),
        ('Geneva Convention, 6 leaving', 'Geneva Convention, leaving'),
    ], [
        ('ongoing Israeli occupation,', 'commending in this regard'),
        ('the presence and activities', 'of the United Nations, other international organizations'),
    ], recital_lists=('Having received the advisory opinion',))
    expect('A_C.1_80_L.3', [
        ('Celestial Bodies,1\n', 'Celestial Bodies,\n'),
        ('General Assembly,2 in which', 'General Assembly, in which'),
        ('13 February 1992,3\n', '13 February 1992,\n'),
        ('arms race in outer space,4\n', 'arms race in outer space,\n'),
        ('version in 2014,5\n', 'version in 2014,\n'),
        ('16 August 2024,6\n', '16 August 2024,\n'),
    ], [
        ('at its regular sessions and of the', 'recommendations made to the competent organs'),
    ])
    expect('A_C.1_80_L.9', [
        ('Aspects,1 as well', 'Aspects, as well'),
        ('Organized Crime, 2 and', 'Organized Crime, and'),
        ('Light Weapons,3\n', 'Light Weapons,\n'),
        ('Ammunition Management,4 which', 'Ammunition Management, which'),
        ('Arms Trade Treaty,5\n', 'Arms Trade Treaty,\n'),
        ('Sustainable Development, 6  and', 'Sustainable Development, and'),
        ('its invitation7 to', 'its invitation to'),
        ('States Parties, 8  and', 'States Parties, and'),
        ('All Its Aspects,9 in June', 'All Its Aspects, in June'),
    ], [
        ('thereby preventing the exacerbation', 'of armed violence, the commission'),
        ('prevent and eradicate the illicit and', 'unregulated trade in conventional arms, including in preventing'),
    ])
    expect('A_C.1_80_L.16', [
        ('in Africa,1 the', 'in Africa, the'),
        ('Asia and the Pacific2 and', 'Asia and the Pacific and'),
        ('Caribbean,3\n', 'Caribbean,\n'),
    ])
    expect_numbered_amendment('A_80_L.30', '* Any changes')
    expect_numbered_amendment('A_80_L.35', '* Any changes')
    expect_amendment('A_80_L.31', '* Any changes', [('Development** and', 'Development and')])
    expect_amendment('A_80_L.32', '* Any changes')
