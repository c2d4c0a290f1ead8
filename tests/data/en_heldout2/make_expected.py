#!/usr/bin/env python3
"""Write expected/<NAME>.json for the second held-out set: the paragraphs
each text should parse into, made without the parser (docs/HELDOUT.md,
"Method"). Every footnote marker is removed by hand below, at the place the
source has it; a page break inside a paragraph is joined by hand.

usage: cd tests/data/en_heldout2 && python3 make_expected.py
"""
import json,re,sys
def expect(name, symbol, furniture, markers):
    t=open(name+'.txt').read()
    lines=[l.strip() for l in t.split('\n')]
    start=lines.index('The General Assembly,')+1
    body=[]; skip=False
    for s in lines[start:]:
        if s.startswith('____'): skip=True; continue
        if s==symbol: skip=False; continue
        if skip or s in furniture: continue
        body.append(s)
    text='\n'.join(body)
    for a,b in markers:
        assert text.count(a)==1,a
        text=text.replace(a,b)
    paras=[]; cur=[]
    for s in text.split('\n')+['']:
        if s=='':
            if cur: paras.append(cur); cur=[]
            continue
        cur.append(s)
    out=[]; pp=0
    for p in paras:
        label=None
        if re.fullmatch(r'\d+\.',p[0]): label=p[0][:-1]; p=p[1:]
        j=''
        for s in p:
            if not j: j=s
            elif j.endswith('-') and j[-2:-1].isalpha(): j+=s
            else: j+=' '+s
        j=re.sub(r'\s+',' ',j)
        if label: out.append(['OP'+label,j])
        else: pp+=1; out.append(['PP%d'%pp,j])
    json.dump(out,open('expected/'+name+'.json','w'),ensure_ascii=False,indent=1)
    for i,t in out: print(i,t[:70],'…',t[-30:])


if __name__ == '__main__':
    expect('A_C.1_80_L.5', 'A/C.1/80/L.5', ('25-15905', '2/3', '3/3'), [
        ('devoted to disarmament, 1\n', 'devoted to disarmament,\n'),
        ('Disarmament2 submitted', 'Disarmament submitted'),
        ('devoted to disarmament, 3 and', 'devoted to disarmament, and'),
        ('devoted to disarmament,4 as', 'devoted to disarmament, as'),
        ('1992 session,5\n', '1992 session,\n'),
        ('Nuclear Weapons, 6\n', 'Nuclear Weapons,\n'),
        ('25 February 2003,7 which', '25 February 2003, which')])
    expect('A_C.1_80_L.13', 'A/C.1/80/L.13', ('25-16444', '2/2'), [
        ('resolution 79/45,1\n', 'resolution 79/45,\n')])
    expect('A_C.1_80_L.22', 'A/C.1/80/L.22', ('25-16534', '2/3', '3/3'), [
        ('Nuclear Terrorism,1\n', 'Nuclear Terrorism,\n'),
        ('Amendment2 to', 'Amendment to'),
        ('Nuclear Material 3 by', 'Nuclear Material by'),
        ('Disarmament Matters,4\n', 'Disarmament Matters,\n'),
        ('16 September 20055 and', '16 September 2005 and'),
        ('8 September 2006,6\n', '8 September 2006,\n'),
        ('resolution 79/42,7\n', 'resolution 79/42,\n')])
    expect('A_80_L.14', 'A/80/L.14', ('25-18767', '2/3', '3/3'), [
        ('“The future we want”,1\n', '“The future we want”,\n'),
        ('our future: call\n\n\n\nfor action', 'our future: call\nfor action')])
    expect('A_C.2_80_L.20', 'A/C.2/80/L.20', ('25-16735', '2/2'), [
        ('on that session; 1\n', 'on that session;\n'),
        ('Sevilla Commitment,2 the', 'Sevilla Commitment, the'),
        ('New York\n\n\nfrom 4 to 8', 'New York\nfrom 4 to 8')])
