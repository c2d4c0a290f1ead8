#!/usr/bin/env python3
"""bench/parse/gen.py SHAPE MB OUT: write a text of about MB megabytes in
one of the shapes that once made a parser slow (issue 18, "No input may be
slow"). Deterministic: the same arguments give the same bytes.

  repeated    one English resolution (tests/data/en/A_RES_76_189.txt)
              pasted again and again: every paragraph number repeats
  many        the corpus and English texts one after another, a file
              holding many resolutions (Chinese and English, reports too)
  huge        one operative paragraph hard-wrapped over lines of ~90
              characters, no blank line, no number after "1."
  tiny        a resolution with very many one-line paragraphs ("12. Decides;")
  nonumbers   prose lines with no digit and no label anywhere
  footnotes   paragraphs each citing a footnote ("issue,7"), with footnote
              zones at every page foot and page debris between
"""
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
WORDS = ("information communications technologies sustainable development "
         "assembly recalls requests secretary general report implementation "
         "outcomes world summit society enhanced cooperation capacity building "
         "developing countries digital divide broadband access").split()


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def words(n, seed):
    return " ".join(WORDS[(seed * 7 + k * 13) % len(WORDS)] for k in range(n))


def wrap(text, width=90):
    out, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = w if not line else line + " " + w
    if line:
        out.append(line)
    return out


def head():
    return ("United Nations\nA/RES/99/1\nGeneral Assembly\n\n"
            "99/1. A generated resolution\n\nThe General Assembly,\n\n"
            "Recalling its earlier resolutions,\n\n")


def gen(shape, size, out):
    with open(out, "wb") as f:
        n = 0
        if shape in ("repeated", "many"):
            texts = [read("tests/data/en/A_RES_76_189.txt")]
            if shape == "many":
                texts = [read(os.path.join(d, x))
                         for d in ("corpus", "tests/data/en")
                         for x in sorted(os.listdir(os.path.join(ROOT, d)))
                         if x.endswith(".txt")]
            k = 0
            while n < size:
                t = texts[k % len(texts)]
                f.write(t)
                n += len(t)
                k += 1
            return
        f.write(head().encode())
        k = 0
        if shape == "huge":
            f.write(b"1. Decides ")
            line = 0
            while n < size:
                for ln in wrap(words(60, line)):
                    b = (ln + "\n").encode()
                    f.write(b)
                    n += len(b)
                line += 1
            f.write(b"and so on.\n")
            return
        while n < size:
            k += 1
            if shape == "tiny":
                s = "%d. Decides %s;\n\n" % (k % 99999 + 1, WORDS[k % len(WORDS)])
            elif shape == "nonumbers":
                s = "\n".join(wrap("Recalling " + words(40, k) + ",")) + "\n\n"
            elif shape == "footnotes":
                label = k % 40 + 1
                s = "%d. Recalls the %s,%d and %s;\n\n" % (
                    k % 99999 + 1, words(12, k), label, words(8, k + 1))
                if label % 4 == 0:
                    s += "__________________\n\n"
                    for m in range(label - 3, label + 1):
                        s += "%d See A/%d/%d, %s.\n\n" % (m, k % 80, m, words(6, m))
                    s += "21-19246\n%d/40\nA/RES/99/1\n\n" % (label // 4 + 1)
            else:
                raise SystemExit("unknown shape " + shape)
            b = s.encode()
            f.write(b)
            n += len(b)
        f.write(b"54th plenary meeting\n17 December 2021\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    gen(sys.argv[1], int(float(sys.argv[2]) * 1024 * 1024), sys.argv[3])
