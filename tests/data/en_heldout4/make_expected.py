#!/usr/bin/env python3
"""Write expected/<NAME>.json for the fourth held-out set: the units each
text should parse into, made without the parser (docs/HELDOUT.md, "Method").
Every footnote marker is removed by hand below, at the place the source has
it; every page break inside a paragraph is joined by hand.

Beyond the third set's script, this one reads what that set lacked:
sections whose operative numbering restarts (a Fifth Committee omnibus
text, sections I to XXIV, each numbered from 1). It follows the id
contract of docs/PARSE.md as it stands: a paragraph number printed again is
OP<n>~<m> (the m-th use of n), its sub-paragraphs OP<n>~<m>(a); recitals keep
one PP count over the whole text; a roman numeral alone on a line and the
heading text below it are one heading H<k> (text without the numeral), and
so is an unlabelled heading line between paragraphs and a lettered one
("A. Pension Administration": text after the label). Given by hand:
- a paragraph that opens with an operative verb, carries no number and is
  the operative part of its section ("Approves the gross budget …") is
  an operative paragraph of its own; as the section's first, its number is
  1 (OP1~<m>). (The contract names no id for it; this is my reading.)
- the two staffing tables (cells, one per line, and their abbreviations
  line) are not units: the contract has no table unit. They are left out
  of the expected list, which is then silent on them.

usage: cd tests/data/en_heldout4 && python3 make_expected.py
"""
import json, re
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import join_lines  # noqa: E402

ROMAN = {'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'}


def expect(name, chapeau, symbol, furniture, markers, joins, headings=None,
           unnumbered_ops=(), tables=()):
    headings = headings or {}
    t = open(name + '.txt', encoding='utf-8').read()
    lines = [l.strip() for l in t.split('\n')]
    start = lines.index(chapeau) + 1
    body = []
    skip = False
    for s in lines[start:]:
        if s.startswith('____'):
            skip = True
            continue
        if s == symbol:
            skip = False
            continue
        if skip or s in furniture:
            continue
        body.append(s)
    for first, last, keep in tables:   # a table: drop its cells, keep its headings
        i = body.index(first)
        k = body.index(last, i)
        body[i:k + 1] = [x for x in body[i:k + 1] if x in keep or x == '']
    text = '\n'.join(body)
    for a, b in markers:
        assert text.count(a) == 1, a
        text = text.replace(a, b)
    for a, b in joins:   # a page break inside a paragraph, by hand
        pat = re.escape(a) + r'\n\n+' + re.escape(b)
        assert len(re.findall(pat, text)) == 1, (a, b)
        text = re.sub(pat, lambda m: a + '\n' + b, text)
    paras = []
    cur = []
    for s in text.split('\n') + ['']:
        if s == '':
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(s)
    out = []
    pp = h = 0
    uses = {}
    op = None
    letter = None
    roman_pending = False
    for p in paras:
        first = p[0]
        if re.fullmatch(r'[IVX]+', first) and len(p) == 1:
            roman_pending = True      # the heading's text is the next block
            continue
        j = join_lines(p)
        if roman_pending or j in headings:
            roman_pending = False
            h += 1
            out.append(['H%d' % h, headings.get(j) or j])
            continue
        m = re.match(r'(\d+)\.(?: (.*)|$)', j)
        if m or any(j.startswith(u) for u in unnumbered_ops):
            n = int(m.group(1)) if m else 1
            uses[n] = uses.get(n, 0) + 1
            op = 'OP%d' % n if uses[n] == 1 else 'OP%d~%d' % (n, uses[n])
            letter = None
            out.append([op, m.group(2) if m else j])
            continue
        m = re.match(r'\(([a-z]+)\)(?: (.*)|$)', j)
        if m:
            lab = m.group(1)
            if lab in ROMAN and letter is not None and lab != chr(ord(letter) + 1):
                out.append(['%s(%s)(%s)' % (op, letter, lab), m.group(2)])
            else:
                letter = lab
                out.append(['%s(%s)' % (op, lab), m.group(2)])
            continue
        pp += 1
        out.append(['PP%d' % pp, j])
    ids = [i for i, _ in out]
    assert len(ids) == len(set(ids)), name
    with open('expected/' + name + '.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    for i, x in out:
        print(i, x[:60], '…', x[-30:])


if __name__ == '__main__':
    expect('A_C.5_80_L.5', 'The General Assembly,', 'A/C.5/80/L.5',
           ('25-21159',) + tuple('%d/21' % i for i in range(2, 22)), [
        ('Criminal Tribunals1 and', 'Criminal Tribunals and'),
        ('Budgetary Questions,2\n', 'Budgetary Questions,\n'),
        ('Office at Geneva 3 and', 'Office at Geneva and'),
        ('Advisory Committee,4\n', 'Advisory Committee,\n'),
        ('Secretary-General,5\n', 'Secretary-General,\n'),
        ('Courts of Cambodia6 and', 'Courts of Cambodia and'),
        ('Advisory Committee,7\n', 'Advisory Committee,\n'),
        ('(the Addendum) 8 with', '(the Addendum) with'),
        ('Sierra Leone9 and', 'Sierra Leone and'),
        ('Advisory Committee,10\n', 'Advisory Committee,\n'),
        ('Sierra Leone,11 and', 'Sierra Leone, and'),
        ('Secretary-General12 and', 'Secretary-General and'),
        ('Advisory Committee,13\n', 'Advisory Committee,\n'),
        ('Secretary-General14 and', 'Secretary-General and'),
        ('Advisory Committee,15\n', 'Advisory Committee,\n'),
        ('Secretary-General16 and', 'Secretary-General and'),
        ('Advisory Committee,17\n', 'Advisory Committee,\n'),
        ('Secretary-General18 and', 'Secretary-General and'),
        ('Advisory Committee,19\n', 'Advisory Committee,\n'),
        ('of the United Nations,20 while', 'of the United Nations, while'),
        ('Secretary-General21 and', 'Secretary-General and'),
        ('Advisory Committee,22\n', 'Advisory Committee,\n'),
        ('Secretary-General23 and', 'Secretary-General and'),
        ('Advisory Committee,24\n', 'Advisory Committee,\n'),
        ('Pension Fund,25 the statement', 'Pension Fund, the statement'),
        ('Pension Board,26 the financial', 'Pension Board, the financial'),
        ('on the Fund27 and', 'on the Fund and'),
        ('Pension Fund28 and', 'Pension Fund and'),
        ('Advisory Committee,29\n', 'Advisory Committee,\n'),
        ('for 202530 and', 'for 2025 and'),
        ('Advisory Committee,31\n', 'Advisory Committee,\n'),
        ('for 202432 and', 'for 2024 and'),
        ('Advisory Committee,33\n', 'Advisory Committee,\n'),
        ('Secretary-General34 and', 'Secretary-General and'),
        ('Advisory Committee,35\n', 'Advisory Committee,\n'),
        ('Secretary-General36 and', 'Secretary-General and'),
        ('Advisory Committee,37\n', 'Advisory Committee,\n'),
        ('3 April 2025,38 60/2', '3 April 2025, 60/2'),
        ('7 October 2025;39\n', '7 October 2025;\n'),
        ('Security Council 40 and', 'Security Council and'),
        ('2025/26 period 41 as', '2025/26 period as'),
        ('Advisory Committee,42\n', 'Advisory Committee,\n'),
        ('Advisory Committee; 43\n', 'Advisory Committee;\n'),
        ('Advisory Committee, 44  and', 'Advisory Committee, and'),
        ('Advisory Committee, 45 and', 'Advisory Committee, and'),
        ('Advisory Committee; 46\n', 'Advisory Committee;\n'),
        ('Advisory Committee, 47\n', 'Advisory Committee,\n'),
        ('Advisory Committee, 48 and', 'Advisory Committee, and'),
        ('Advisory Committee, 49  and', 'Advisory Committee, and'),
        ('Advisory Committee, 50  and', 'Advisory Committee, and'),
        ('Advisory Committee; 51\n', 'Advisory Committee;\n'),
        ('Advisory Committee, 52 and', 'Advisory Committee, and'),
        ('Advisory Committee, 53\n', 'Advisory Committee,\n'),
        ('Advisory Committee; 54\n', 'Advisory Committee;\n'),
        ('Advisory Committee, 55  and', 'Advisory Committee, and'),
        ('and inflation 56 and', 'and inflation and'),
        ('Advisory Committee,57\n', 'Advisory Committee,\n'),
    ], [
        ('full-time members of the International Civil Service Commission',
         'and the Chair of the Advisory Committee on Administrative'),
        ('records of the Extraordinary Chambers,', 'and recalls the importance'),
        ('section XIV of its resolution', '75/253 A, section XV'),
        ('value engineering and the use of', 'local materials and knowledge, and also'),
        ('approved by the General Assembly,', 'and requests the Secretary-General to ensure that any future'),
        ('strengthening relations with all', 'stakeholders, and encourages'),
        ('other related measures introduced', 'by the Secretary-General cannot solve'),
        ('Security Council with regard to', 'special political missions, and requests'),
    ], headings={
        'A. Pension Administration': 'Pension Administration',
        'B. Office of Investment Management': 'Office of Investment Management',
        'Office of the Special Envoy of the Secretary-General for Syria': None,
        'Office of the Special Envoy of the Secretary-General for the Horn of Africa': None,
        'Office of the Special Envoy of the Secretary-General for Yemen': None,
        'Panel of Experts on Haiti': None,
        'Counter-Terrorism Committee Executive Directorate': None,
        'United Nations Office for West Africa and the Sahel': None,
        'United Nations Transitional Assistance Mission in Somalia': None,
        'United Nations Regional Office for Central Africa': None,
        'United Nations Support Mission in Libya': None,
        'United Nations Mission to Support the Hudaydah Agreement': None,
        'United Nations Integrated Office in Haiti': None,
    }, unnumbered_ops=(
        'Approves resources in the amount of 22,055,700',
        'Approves the gross budget for the Joint Inspection Unit',
        'Approves the gross budget for the International Civil Service Commission',
        'Notes the gross budget for the United Nations System',
        'Approves the gross jointly financed budget',
        'Takes note of the revised estimates arising',
    ), tables=(
        ('Action', 'Abbreviations: GS (OL), General Service (Other level); GS (PL), '
         'General Service (Principal level).', ('B. Office of Investment Management',)),
    ))
    expect('A_C.5_80_L.9', 'The General Assembly,', 'A/C.5/80/L.9', ('25-20795', '2/3', '3/3'), [
        ('Methods of Evaluation,1 by', 'Methods of Evaluation, by'),
        ('sixty-fifth session, 2 the reports', 'sixty-fifth session, the reports'),
        ('performance for 2024, 3 and the letters', 'performance for 2024, and the letters'),
        ('dated 9 October 2025,4 the', 'dated 9 October 2025, the'),
        ('dated 20 October 2025,5 the', 'dated 20 October 2025, the'),
        ('dated 20 October 2025 6 and', 'dated 20 October 2025 and'),
        ('dated 17 October 2025 7 addressed', 'dated 17 October 2025 addressed'),
        ('for 20248 and on evaluation,9 contained', 'for 2024 and on evaluation, contained'),
    ], [
        ('proposed programme', 'plan for 2026 and programme performance'),
        ('Presidents of the General Assembly', 'and Chairs of the Fifth Committee'),
    ])
    # "The General Assembly" without its comma; the sponsor note "*" has no rule above it
    expect('A_C.5_80_L.10', 'The General Assembly', 'A/C.5/80/L.10', ('25-20579', '2/2',
            '* On behalf of the States that are members of the Group of 77 and China, taking into account also',
            'the provisions of General Assembly resolution ES-10/23 of 10 May 2024.'), [
        ('Budgetary Questions,1 expresses', 'Budgetary Questions, expresses'),
        ('United Nations,2 and requests', 'United Nations, and requests'),
    ], [])
    expect('A_80_L.9', 'The General Assembly,', 'A/80/L.9', ('25-17846', '2/5', '3/5', '4/5', '5/5'), [
        ('International Criminal Court 1\nreaffirms', 'International Criminal Court\nreaffirms'),
        ('\nCourt,2\n', '\nCourt,\n'),
        ('Relationship Agreement, 3 which', 'Relationship Agreement, which'),
        ('for 2024/25;4\n', 'for 2024/25;\n'),
        ('Criminal Court,5 and', 'Criminal Court, and'),
        ('status and mandate,6 and', 'status and mandate, and'),
        ('Criminal Court,7 and', 'Criminal Court, and'),
        ('Agreement;8\n', 'Agreement;\n'),
        ('12 February 2013, 9 in which', '12 February 2013, in which'),
        ('Organization;10\n', 'Organization;\n'),
    ], [
        ('in various situations', 'and cases which were referred'),
        ('Secretary-General to continue to', 'include information relevant'),
    ])
