#!/usr/bin/env python3
"""Write expected/<NAME>.json for the eleventh held-out set (docs/HELDOUT.md,
"An eleventh held-out set"): plenary drafts A/80/L.* and Second Committee
drafts A/C.2/80/L.*. The reading is ../heldout_expected.py's (docs/PARSE.md's
id contract); what these texts need of their own:

- A/80/L.16 prints its `*` sponsor note with no rule above it at the foot of
  page 1: dropped by hand (`drop=`);
- A/C.2/80/L.60 is a decision whose chapeau ends in a colon ("The General
  Assembly:"), its two lettered paragraphs OP0(a), OP0(b), then a list under
  the heading "Draft programme of work" (H1; its marker "work1" taken out)
  whose items "1." … "13." follow one another with no blank line between
  and hold lettered sub-items: read by the contract as OP1 … OP13 and
  OP2(a) …; the contract has no rule of its own for a list a decision
  approves, so this is my reading where it is thin;
- A/C.2/80/L.61 is a decision of one sentence: "The General Assembly,
  recalling … development:" (the chapeau cut, the rest PP1), then OP0(a),
  OP0(b);
- A/80/L.19, A/80/L.29 and A/80/L.33 are amendments (B1 the instruction, B2
  the paragraph it deletes, replaces or inserts); A/80/L.19's quoted
  paragraph carries a `**` marker glued after a comma ("Court,** and"),
  taken out by hand.

usage: cd tests/data/en_heldout20 && python3 make_expected.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import expect, expect_amendment  # noqa: E402

if __name__ == '__main__':
    expect('A_80_L.13', [
        ('Law of the Sea1 on', 'Law of the Sea on'),
        ('of the conference,2\n', 'of the conference,\n'),
        ('National Jurisdiction,3 by consensus', 'National Jurisdiction, by consensus'),
        ('of the Commission; 4\n', 'of the Commission;\n'),
        ('Conference of the Parties;5\n', 'Conference of the Parties;\n'),
    ], [
        ('marine biological diversity', 'of areas beyond national jurisdiction'),
    ])
    expect('A_80_L.16', [
        ('Territory,1 in which', 'Territory, in which'),
        ('Territory,2\n', 'Territory,\n'),
        ('Territory,3 and recalling', 'Territory, and recalling'),
        ('civilian population, 4\n', 'civilian population,\n'),
        ('12 August 19495 (Fourth', '12 August 1949 (Fourth'),
        ('Palestinian people,6 and', 'Palestinian people, and'),
        ('23 September 2011,7 and', '23 September 2011, and'),
        ('18 April 2024,8 and', '18 April 2024, and'),
        ('Secretary-General,9\n', 'Secretary-General,\n'),
        ('28 March 2002,10 and', '28 March 2002, and'),
        ('Solution,11 and mandates', 'Solution, and mandates'),
        ('Gaza Conflict, 12 and', 'Gaza Conflict, and'),
    ], [
        ('at enhancing', 'development support and assistance'),
        ('Implementation of the', 'Two-State Solution, held at'),
        ('associated regime,', 'including, inter alia, the obligations'),
    ], drop=(
        '* Any changes to the list of sponsors will be reflected in the official record of the meeting.',
    ))
    expect('A_C.2_80_L.4', [
        ('Developing Countries,1\n', 'Developing Countries,\n'),
        ('Paris Agreement 2  and', 'Paris Agreement and'),
        ('Climate Change3 that', 'Climate Change that'),
        ('2024\u20132034,4\n', '2024\u20132034,\n'),
        ('outcome document,5 and', 'outcome document, and'),
        ('cooperation;6\n', 'cooperation;\n'),
        ('Sustainable Development7 and', 'Sustainable Development and'),
        ('Resilient Prosperity 8 at', 'Resilient Prosperity at'),
    ], [
        ('working tirelessly for', 'the full implementation of the Agenda by 2030'),
        ('in the pursuit of the 2030', 'Agenda and its Sustainable Development Goals, and calling'),
        ('promote digital transitions', 'and foster the exchange'),
        ('continue mainstreaming South-South and', 'triangular cooperation into the United Nations'),
        ('for the measurement of', 'South-South cooperation, and acknowledges'),
    ])
    expect('A_C.2_80_L.60', [
        ('Draft programme of work1\n', 'Draft programme of work\n'),
    ], headings=('Draft programme of work',))
    expect('A_C.2_80_L.61')
    expect_amendment('A_80_L.19', '* Any changes', [('Court,** and', 'Court, and')])
    expect_amendment('A_80_L.29', '* Any changes')
    expect_amendment('A_80_L.33', '* Any changes')
