#!/usr/bin/env python3
"""Write expected/<NAME>.json for the seventh held-out set: the units each
text should parse into, made without the parser (docs/HELDOUT.md, "Method"),
from reading the texts. Every footnote marker is removed by hand below, at
the place the source has it; every page break inside a paragraph is joined by
hand; where the text stops (a sponsor note with no rule above it) is named by
hand.

Reading (docs/PARSE.md's id contract): the front matter goes up to the
chapeau "The General Assembly,"; when the chapeau shares its line with a
recital ("The General Assembly, recalling its resolution …:"), the chapeau
is taken out and the rest of the sentence is the recital PP1. A label alone
on its line ("1." then the text on the next line) opens OP<n>; every other
block is a recital PP<n>. A decision's lettered paragraphs printed with no
numbered paragraph above them ("(a) Decides …", "(b) Also decides …") are
its operative paragraphs: my reading gives them the id the parser's own
fallback gives a sub-paragraph with no numbered paragraph, OP0(a), OP0(b)
(the contract has no other id for them), whether the recital before them
ends in a colon or not (they open with clause verbs: they are not the
recital's list). Page furniture: the symbol line, the job number, "n/m", the
footnote zone from the "____" rule to the page's end.

usage: cd tests/data/en_heldout8 && python3 make_expected.py
"""
import json, re
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import join_lines  # noqa: E402


def expect(name, symbol, markers, joins=(), stop=None):
    t = open(name + '.txt', encoding='utf-8').read()
    lines = [l.strip() for l in t.split('\n')]
    start = next(i for i, s in enumerate(lines) if s.startswith('The General Assembly,'))
    rest = lines[start][len('The General Assembly,'):].strip()
    body = [rest] if rest else []
    skip = False
    for s in lines[start + 1:]:
        if stop is not None and s.startswith(stop):
            break
        if s.startswith('____'):
            skip = True
            continue
        if s == symbol:
            skip = False
            continue
        if skip or re.fullmatch(r'\d\d-\d{5}|\d+/\d+', s):
            continue
        body.append(s)
    text = '\n'.join(body)
    for a, b in markers:
        assert text.count(a) == 1, a
        text = text.replace(a, b)
    for a, b in joins:   # a page break inside a paragraph, by hand
        pat = re.escape(a) + r'\n\n+' + re.escape(b)
        assert len(re.findall(pat, text)) == 1, (a, b)
        text = re.sub(pat, lambda m: a + '\n' + b, text)
    paras, cur = [], []
    for s in text.split('\n') + ['']:
        if s == '':
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(s)
    out = []
    pp = 0
    for p in paras:
        j = join_lines(p)
        m = re.match(r'(\d+)\.(?: (.*)|$)', j)
        if m:
            out.append(['OP%d' % int(m.group(1)), m.group(2)])
            continue
        m = re.match(r'\(([a-z])\)(?: (.*)|$)', j)
        if m:
            out.append(['OP0(%s)' % m.group(1), m.group(2)])
            continue
        pp += 1
        out.append(['PP%d' % pp, j])
    ids = [i for i, _ in out]
    assert len(ids) == len(set(ids)), name
    with open('expected/' + name + '.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    for i, x in out:
        print(i, x[:60], '…', x[-40:])


if __name__ == '__main__':
    expect('A_C.6_80_L.3', 'A/C.6/80/L.3', [])
    expect('A_C.6_80_L.9', 'A/C.6/80/L.9', [])
    expect('A_C.2_80_L.2', 'A/C.2/80/L.2', [], stop='* On behalf of')
    expect('A_80_L.1', 'A/80/L.1', [('State Solution;1\n', 'State Solution;\n')])
    expect('A_80_L.12', 'A/80/L.12', [
        ('Middle\nEast,1\n', 'Middle\nEast,\n'),
        ('12 August 1949,2 to', '12 August 1949, to'),
    ])
