#!/usr/bin/env python3
"""Make the amendment pairs of tests/data/amend_langs (run from the source root).

<lang>.old.txt: tests/data/udhr/udhr_<lang>.txt up to Article 4 (its first
lines, unchanged). <lang>.new.txt: the same with four constructed edits, one
of each kind the amendment writer words differently:
  replace   one word of a recital by another (an `edit`)
  delete    a recital removed (a `delete`)
  insert    a new recital, constructed, after the last one (an `insert-one`)
  move      a recital moved after another (a `move`)
Refuses to run when an old text is not found exactly once."""
import sys

# lang: (article-4 heading, (replace old, new), recital to delete (its
# opening words), inserted recital, (recital to move, recital it goes after))
EDITS = {
    "fr": ("Article 4", ("reconnaissance de la dignité", "reconnaissance de la valeur"),
           "Considérant qu’il est essentiel d’encourager",
           "Considérant que l’éducation aux droits de l’homme contribue à la paix,",
           ("Considérant que la méconnaissance", "Considérant qu’il est essentiel que")),
    "es": ("Artículo 4", ("tienen por base", "tienen por fundamento"),
           "Considerando también esencial",
           "Considerando que la educación en derechos humanos contribuye a la paz;",
           ("Considerando que el desconocimiento", "Considerando esencial que")),
    "ru": ("Статья 4", ("признание достоинства", "признание ценности"),
           "принимая во внимание, что необходимо содейств",
           "принимая во внимание, что образование в области прав человека способствует миру,",
           ("принимая во внимание, что пренебрежение", "принимая во внимание, что необходимо, чтобы")),
    "ar": ("المادة 4", ("بالكرامة المتأصلة", "بالقيمة المتأصلة"),
           "ولما كانت الدول الأعضاء",
           "ولما كان التثقيف في مجال حقوق الإنسان يسهم في السلام،",
           ("ولما كان تناسي", "ولما كان من الضروري")),
}


def one(lines, prefix):
    hits = [i for i, l in enumerate(lines) if l.strip().startswith(prefix)]
    if len(hits) != 1:
        sys.exit(f"{prefix!r}: found {len(hits)} times")
    return hits[0]


for lang, (art4, (old, new), dele, ins, (mv, after)) in EDITS.items():
    text = open(f"tests/data/udhr/udhr_{lang}.txt", encoding="utf-8").read()
    lines = text.split("\n")
    lines = lines[:one(lines, art4)]
    while lines and not lines[-1].strip():
        lines.pop()
    open(f"tests/data/amend_langs/{lang}.old.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
    indent = lines[one(lines, mv)][:len(lines[one(lines, mv)]) - len(lines[one(lines, mv)].lstrip())]
    joined = "\n".join(lines)
    if joined.count(old) != 1:
        sys.exit(f"{lang}: {old!r} found {joined.count(old)} times")
    lines = "\n".join(lines).replace(old, new).split("\n")
    del lines[one(lines, dele)]
    moved = lines.pop(one(lines, mv))
    lines.insert(one(lines, after) + 1, moved)
    # the new recital after the last one (the line before the proclaiming formula)
    last = max(i for i, l in enumerate(lines) if l.strip().startswith(mv.split()[0].split("،")[0][:4]) or
               l.strip().lower().startswith(ins.split()[0].lower()[:4]))
    lines.insert(last + 1, indent + ins)
    open(f"tests/data/amend_langs/{lang}.new.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("ok")
