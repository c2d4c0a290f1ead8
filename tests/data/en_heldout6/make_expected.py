#!/usr/bin/env python3
"""Write expected/<NAME>.json for the sixth held-out set: the units each text
should parse into, made without the parser (docs/HELDOUT.md, "Method").
Every footnote marker is removed by hand below, at the place the source has
it; every page break inside a paragraph is joined by hand; every unlabelled
heading is named by hand.

Read as the fourth set's script reads (docs/PARSE.md's id contract): a label
alone on its line ("1." then the text on the next line) and an inline label
("10. Encourages") both open OP<n>; "(a)" opens OP<n>(a); a roman "(i)" that
does not follow the letter before it opens OP<n>(<letter>)(i); an unlabelled
heading block between paragraphs is H<k> (its wrapped lines joined); every
other block after the chapeau is a recital PP<n>. The text ends at the
"<n>th plenary meeting" line. Page furniture: the symbol line, the job
number, "n/m", and the lines of the running title, and the footnote zone
from the "____" rule to the next symbol line.

usage: cd tests/data/en_heldout6 && python3 make_expected.py
"""
import json, re
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from heldout_expected import join_lines  # noqa: E402

ROMAN = {'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'}


def expect(name, symbol, furniture, markers, joins, headings=(),
           chapeau='The General Assembly,', unnumbered_ops=(), label_breaks=False):
    t = open(name + '.txt', encoding='utf-8').read()
    lines = [l.strip() for l in t.split('\n')]
    start = lines.index(chapeau) + 1
    end = next(i for i, s in enumerate(lines) if re.fullmatch(r'\d+(st|nd|rd|th) plenary meeting', s))
    if lines[end + 1:end + 4] and 'Annex' in lines[end + 1:end + 4]:
        # the closing lines stand before an annex: drop them (and the date), read on
        lines = lines[:end] + lines[end + 2:]
        end = len(lines)
    body = []
    skip = False
    for s in lines[start:end]:
        if label_breaks and re.match(r'(\d+\.|\([a-z]+\))( |$)', s):
            body.append('')   # a label opens a paragraph even with no blank line above
        if s.startswith('____'):
            skip = True
            continue
        if s == symbol:
            skip = False
            continue
        if skip or s in furniture:
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
    op = None
    letter = None
    pre = ''
    for p in paras:
        j = join_lines(p)
        if p[0] == 'Annex':   # the annex line and the title under it: ANNEX1
            out.append(['ANNEX1', j])
            pre = 'ANNEX1-'
            pp = h = 0
            op = letter = None
            continue
        if any(j.startswith(u) for u in unnumbered_ops):   # OP1, empty label (my reading)
            op = pre + 'OP1'
            out.append([op, j])
            continue
        if j in headings:
            h += 1
            out.append([pre + 'H%d' % h, j])
            continue
        m = re.match(r'(\d+)\.(?: (.*)|$)', j)
        if m:
            op = pre + 'OP%d' % int(m.group(1))
            letter = None
            out.append([op, m.group(2)])
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
        out.append([pre + 'PP%d' % pp, j])
    ids = [i for i, _ in out]
    assert len(ids) == len(set(ids)), name
    with open('expected/' + name + '.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    for i, x in out:
        print(i, x[:60], '…', x[-40:])


if __name__ == '__main__':
    expect('A_RES_80_15', 'A/RES/80/15',
           ('25-19973', '2/3', '3/3',
            'Treaty for the Prohibition of Nuclear Weapons in Latin America',
            'and the Caribbean (Treaty of Tlatelolco)'), [
        ('(Treaty of Tlatelolco)1 was', '(Treaty of Tlatelolco) was'),
        ('priority objective,2\n', 'priority objective,\n'),
        ('Rarotonga, 3\nBangkok4 and Pelindaba5 and', 'Rarotonga,\nBangkok and Pelindaba and'),
        ('Asia,6 as', 'Asia, as'),
        ('Antarctic Treaty7 and', 'Antarctic Treaty and'),
        ('Final Document,8 encouraged', 'Final Document, encouraged'),
        ('Tlatelolco9 to review', 'Tlatelolco to review'),
        ('Nuclear Weapons,10 reaffirming', 'Nuclear Weapons, reaffirming'),
    ], [])
    expect('A_RES_80_2', 'A/RES/80/2',
           ('25-15779', '2/2',
            'Scale of assessments for the apportionment of the expenses of the',
            'United Nations: requests under Article 19 of the Charter'), [
        ('eighty-fifth session,1\n', 'eighty-fifth session,\n'),
    ], [])
    expect('A_RES_80_11', 'A/RES/80/11',
           ('25-19633',) + tuple('%d/7' % i for i in range(2, 8)) +
           ('2025 review of the United Nations peacebuilding architecture',), [
        ('and sustaining peace,1\n', 'and sustaining peace,\n'),
        ('25 November 20242 and', '25 November 2024 and'),
        ('13 November 20243 and', '13 November 2024 and'),
        ('21 November 2024,4\n', '21 November 2024,\n'),
    ], [
        ('and further acknowledging', 'the inputs from the group'),
        ('meaningful and safe', 'participation of women, and promoting'),
        ('local peacebuilders, grass-roots', 'organizations, and women-led'),
        ('leadership of women', 'in peacebuilding, including through'),
    ], headings=('Peacebuilding Commission', 'Peacebuilding financing',
                 'Department of Political and Peacebuilding Affairs/Peacebuilding Support Office'))
    expect('A_RES_80_9', 'A/RES/80/9',
           ('25-19346',) + tuple('%d/8' % i for i in range(2, 9)) +
           ('2025 Political Declaration on the Implementation of the United Nations',
            'Global Plan of Action to Combat Trafficking in Persons'), [
        ('Trafficking in Persons,1 reaffirm', 'Trafficking in Persons, reaffirm'),
        ('Declarations of 20172 and 2021,3 and', 'Declarations of 2017 and 2021, and'),
        ('Development,4 recognizing', 'Development, recognizing'),
        ('Organized Crime 5  and the Protocol', 'Organized Crime and the Protocol'),
        ('Organized Crime,6 taking', 'Organized Crime, taking'),
        ('Rights of the Child 7 and', 'Rights of the Child and'),
        ('trafficking in persons.8\n', 'trafficking in persons.\n'),
        ('Regular Migration, 9 the', 'Regular Migration, the'),
        ('on Refugees,10 and', 'on Refugees, and'),
        ('global migration.11\n', 'global migration.\n'),
        ('Trafficking in Persons.12\n', 'Trafficking in Persons.\n'),
        ('Paris Principles. 13 We will', 'Paris Principles. We will'),
        ('Serious Crimes;14\n', 'Serious Crimes;\n'),
        ('Human Rights.15 We stress', 'Human Rights. We stress'),
    ], [
        ('indivisible nature and acknowledging', 'that the 2030 Agenda includes'),
        ('alleviate reliance on victims’', 'testimonies. We also commit'),
        ('with the United Nations', 'Office on Drugs and Crime as its coordinator'),
        ('involving the coercion of', 'victims, in particular of women and girls'),
        ('including the criminalization', 'of these practices and provisions'),
    ], chapeau='The General Assembly', unnumbered_ops=('Adopts the 2025 Political Declaration',),
       label_breaks=True)
