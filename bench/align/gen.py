#!/usr/bin/env python3
"""bench/align/gen.py SHAPE N DIR: write DIR/old.txt and DIR/new.txt, two
resolutions of about N operative clauses each in one of the shapes that
make a clause aligner slow (issue 18, "No input may be slow"): equal
content under distinct comparison keys, so that no key is crowded and
every clause shares its grams with all the others. Deterministic: the
same arguments give the same bytes.

  punct    one sentence, the words joined by punctuation that differs
           from clause to clause (" ", ", ", "; ", " - ")
  number   one sentence with two numbers that differ in every clause;
           the new text's numbers are the old ones plus one
  word     one sentence with one word that differs in every clause
  prefix   a long common opening (~300 characters) and a short tail of
           three words that differs
  huge     the old text one clause of N x 10 words, the new text N
           clauses of 10 words: its pieces
  tiny     very many clauses of two short words ("Decides vokaru.")
"""
import os
import sys

WORDS = ("information communications technologies sustainable development "
         "assembly recalls requests secretary general report implementation "
         "outcomes world summit society enhanced cooperation capacity building "
         "developing countries digital divide broadband access").split()
PREFIX = ("Requests the Secretary-General, in consultation with Member States "
          "and the relevant organizations of the United Nations system, "
          "including the funds and programmes and the specialized agencies, "
          "to submit to the General Assembly at its next session a report on "
          "the implementation of the present resolution, containing "
          "recommendations on")


def pseudo(i, letters=4):
    """A pronounceable word of its own for each i."""
    cons, vow = "bdfgklmnprstvz", "aeiou"
    out = ""
    for k in range(letters):
        if k % 2 == 0:
            out += cons[i % len(cons)]
            i //= len(cons)
        else:
            out += vow[i % len(vow)]
            i //= len(vow)
    return out


def clause(shape, i, side):
    if shape == "punct":
        seps = (" ", ", ", "; ", " - ")
        words = "Decides to remain actively seized of the matter and to consider it".split()
        x, out = i + side, words[0]
        for w in words[1:]:
            out += seps[x % 4] + w
            x //= 4
        return out + ";"
    if shape == "number":
        return ("Requests the Secretary-General to report on paragraph %d of "
                "resolution %d of the present session;" % (i + side, 3 * i + side))
    if shape == "word":
        return ("Calls upon all States to consider %s measures to strengthen "
                "international cooperation;" % pseudo(2 * i + side, 6))
    if shape == "prefix":
        return "%s %s %s %s;" % (PREFIX, pseudo(i, 6), pseudo(7 * i + side, 6),
                                 pseudo(13 * i + 3, 6))
    if shape == "tiny":
        return "Decides %s." % pseudo(2 * i + side, 6)
    raise SystemExit("unknown shape " + shape)


def huge_words(n):
    return [WORDS[(k * 7 + (k // len(WORDS)) * 3) % len(WORDS)] + ("" if k % 5 else pseudo(k))
            for k in range(n)]


def wrap(text, width=90):
    """Hard wraps, as a PDF's text has them: a line is at most 1 MiB."""
    out, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = w if not line else line + " " + w
    out.append(line)
    return "\n".join(out)


def write(path, paras):
    with open(path, "w", encoding="utf-8") as f:
        f.write("United Nations\nA/RES/99/1\nGeneral Assembly\n\n"
                "99/1. A generated resolution\n\nThe General Assembly,\n\n")
        for i, p in enumerate(paras, 1):
            f.write("%s\n\n" % wrap("%d. %s" % (i, p)))


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    shape, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(d, exist_ok=True)
    if shape == "huge":
        w = huge_words(10 * n)
        old = [" ".join(w) + ";"]
        new = [" ".join(w[k:k + 10]) + ";" for k in range(0, len(w), 10)]
    else:
        old = [clause(shape, i, 0) for i in range(n)]
        new = [clause(shape, i, 1) for i in range(n)]
    write(os.path.join(d, "old.txt"), old)
    write(os.path.join(d, "new.txt"), new)


if __name__ == "__main__":
    main()
