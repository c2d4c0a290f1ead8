#!/usr/bin/env python3
"""Write expected/<NAME>.json for the held-out amendment texts, without the
parser, from reading the texts; written and committed before resdiff was
run on them. The reading is ../parse-amend/make_expected.py's (the front
matter ends after the draft's title under the amendment line; numbered
instructions P<n>, other blocks B<n>), and by hand: A/C.3/80/L.58's
footnote marker ("Court*") is removed from the text where it stands, and
its footnote body ("* United Nations, Treaty Series, …") at the end is no
unit.

usage: cd tests/data/parse-amend-heldout && python3 make_expected.py
"""
import json, os, re

# name, markers to remove (text before, text after), line prefix where the body stops
TEXTS = [
    ('A_C.3_80_L.56', [], None),
    ('A_C.3_80_L.57', [], None),
    ('A_C.3_80_L.58', [('Criminal Court* that', 'Criminal Court that')], '* United Nations'),
]


def blocks(lines):
    out, cur = [], []
    for s in lines + ['']:
        if s == '' or (re.fullmatch(r'\d+\.', s) and cur):
            if cur:
                out.append(cur)
            cur = [s] if s else []
        else:
            cur.append(s)
    return out


def expect(name, markers, stop):
    lines = [l.strip() for l in open(name + '.txt', encoding='utf-8').read().split('\n')]
    if stop:
        lines = lines[:next(i for i, s in enumerate(lines) if s.startswith(stop))]
    am = next(i for i, s in enumerate(lines) if re.search(r'amendment to (revised )?draft resolution', s))
    units, b = [], 0
    for p in blocks(lines[am:])[2:]:
        m = re.fullmatch(r'(\d+)\.', p[0])
        text = re.sub(r'\s+', ' ', ' '.join(p[1:] if m else p)).strip()
        for a, r in markers:
            if a in text:
                text = text.replace(a, r)
        if m:
            units.append(['P%d' % int(m.group(1)), text])
        else:
            b += 1
            units.append(['B%d' % b, text])
    return units


os.makedirs('expected', exist_ok=True)
for name, markers, stop in TEXTS:
    with open(os.path.join('expected', name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(expect(name, markers, stop), f, ensure_ascii=False, indent=1)
        f.write('\n')
