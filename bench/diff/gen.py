#!/usr/bin/env python3
"""Generate inputs for bench/diff/run.sh (deterministic, seed 1).

  gen.py series DIR N      N versions of a resolution (from corpus 2009/7),
                           each a mutation of the one before, + DIR/series.manifest
  gen.py big DIR N         two resolutions of N operative paragraphs each
                           (DIR/big_old.txt, DIR/big_new.txt)
"""
import os, random, re, sys

random.seed(1)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def corpus_paragraphs():
    text = open(os.path.join(ROOT, "corpus", "E_RES_2009_7.zh.txt"), encoding="utf-8").read()
    chars = [c for c in text if '\u4e00' <= c <= '\u9fff']
    return chars

CHARS = corpus_paragraphs()

def sentence(n):
    return "".join(random.choice(CHARS) for _ in range(n))

def mutate(paras):
    out = []
    for p in paras:
        r = random.random()
        if r < 0.03:
            continue                                  # dropped
        if r < 0.15:                                  # reworded
            k = random.randrange(len(p))
            p = p[:k] + sentence(random.randint(2, 8)) + p[k + random.randint(0, 6):]
        out.append(p)
        if random.random() < 0.03:
            out.append(sentence(random.randint(40, 160)) + "；")   # added
    if len(out) > 3 and random.random() < 0.5:        # one move
        p = out.pop(random.randrange(len(out)))
        out.insert(random.randrange(len(out)), p)
    return out

def write_resolution(path, symbol, paras):
    with open(path, "w", encoding="utf-8") as f:
        f.write("决议 %s\n\n经济及社会理事会，\n\n" % symbol)
        for i, p in enumerate(paras, 1):
            f.write("%d. %s\n\n" % (i, p))

def main():
    kind, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(d, exist_ok=True)
    if kind == "series":
        paras = [sentence(random.randint(40, 200)) + "；" for _ in range(60)]
        with open(os.path.join(d, "series.manifest"), "w", encoding="utf-8") as m:
            for v in range(n):
                sym = "E/RES/%d/%d" % (2000 + v, 10 + v)
                name = "E_RES_%d_%d.zh" % (2000 + v, 10 + v)
                write_resolution(os.path.join(d, name + ".txt"), sym, paras)
                m.write('[document "%s"]\n\tsymbol = %s\n\tlanguage = zh\n\tbody = ECOSOC\n'
                        '\tkind = resolution\n\tseries = bench-series\n\tdate = %d-07-01\n'
                        '\tsource = %s.txt\n\n' % (name, sym, 2000 + v, name))
                paras = mutate(paras)
    else:
        paras = [sentence(random.randint(40, 200)) + "；" for _ in range(n)]
        write_resolution(os.path.join(d, "big_old.txt"), "E/RES/2000/1", paras)
        write_resolution(os.path.join(d, "big_new.txt"), "E/RES/2001/1", mutate(paras))

main()
