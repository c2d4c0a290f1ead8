#!/usr/bin/env python3
"""Write expected/<NAME>.json for the amendment texts: the units each text
should parse into, made without the parser, from reading the texts.

Reading (docs/PARSE.md's id contract, docs/AMEND.md): an amendment document
is a symbol, a date, "Original: English", the session, the committee, the
agenda item, "<sponsors>: amendment to [revised] draft resolution <symbol>"
(the symbol may wrap onto the next line), the title of the draft, then the
instructions. The front matter ends after that title, the first block
after the amendment line. The instructions are the body: an instruction
numbered "1." (the label alone on its line, the text on the next) is
P<n>, numbered as printed; every other block (an unnumbered instruction,
the text of a paragraph it inserts) is B<n>, counted in order. Lines of a
block are joined with one space; the texts have no footnotes and no page
breaks (each is one page).

usage: cd tests/data/parse-amend && python3 make_expected.py
"""
import json, os, re

NAMES = ['A_C.3_80_L.61', 'A_C.3_80_L.62', 'A_C.3_80_L.63', 'A_C.3_80_L.64', 'A_C.3_80_L.65']


def blocks(lines):
    """Blocks between blank lines; a label alone on its line ("2.") also
    opens one (numbered instructions follow each other with no blank)."""
    out, cur = [], []
    for s in lines + ['']:
        if s == '' or (re.fullmatch(r'\d+\.', s) and cur):
            if cur:
                out.append(cur)
            cur = [s] if s else []
        else:
            cur.append(s)
    return out


def expect(name):
    lines = [l.strip() for l in open(name + '.txt', encoding='utf-8').read().split('\n')]
    am = next(i for i, s in enumerate(lines) if re.search(r'amendment to (revised )?draft resolution', s))
    bl = blocks(lines[am:])
    body = bl[2:]          # the amendment line's block, the title, then the body
    units, b = [], 0
    for p in body:
        m = re.fullmatch(r'(\d+)\.', p[0])
        text = re.sub(r'\s+', ' ', ' '.join(p[1:] if m else p)).strip()
        if m:
            units.append(['P%d' % int(m.group(1)), text])
        else:
            b += 1
            units.append(['B%d' % b, text])
    return units


os.makedirs('expected', exist_ok=True)
for n in NAMES:
    with open(os.path.join('expected', n + '.json'), 'w', encoding='utf-8') as f:
        json.dump(expect(n), f, ensure_ascii=False, indent=1)
        f.write('\n')
