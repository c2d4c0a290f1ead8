#!/usr/bin/env python3
"""Build the constructed "next editions" of tests/data/udhr (README.md here).

Each edit is (paragraph as the parser ids it, old text, new text); the old
text must occur exactly once in the source file, so a changed source fails
loudly instead of producing a silently different edition.
  python3 tests/data/editions/make.py      (from the source root)
"""
import sys

NNBSP = "\u202f"

EDITS = {
    "fr": [
        ("PP4", "relations amicales entre nations,", "relations amicales entre les nations,"),
        ("PP6", "les États Membres se sont engagés", "les États membres se sont engagés"),
        ("ART1.1", "de raison et de conscience et doivent", "de raison et de conscience, et doivent"),
        ("ART2.1", "ou de toute autre opinion, d’origine", "ou d’une autre opinion, d’origine"),
        ("ART2.1", "d’opinion politique", "d'opinion politique"),
        ("ART18.1", "de religion ; ce droit", "de religion" + NNBSP + "; ce droit"),
        ("ART19.1", "Tout individu a droit à la liberté d’opinion", "Toute personne a droit à la liberté d’opinion"),
    ],
    "es": [
        ("PP3", "un régimen de Derecho", "un régimen de derecho"),
        ("PP4", "el desarrollo de relaciones amistosas", "el desarrollo de las relaciones amistosas"),
        ("ART3.1", "a la libertad y a la seguridad de su persona", "a la libertad, y a la seguridad de su persona"),
        ("ART19.1", "Todo individuo tiene derecho a la libertad de opinión", "Toda persona tiene derecho a la libertad de opinión"),
    ],
    "ru": [
        ("PP4", "между народами; и", "между народами, и"),
        ("ART1.1", "в своем достоинстве", "в своём достоинстве"),
        ("ART18.1", "свободу менять свою религию или убеждения", "свободу смены своей религии или убеждений"),
        ("ART3.1", "на жизнь, на свободу и на личную неприкосновенность", "на жизнь, свободу и личную неприкосновенность"),
    ],
    "ar": [
        ("ART1", "المادة 1\n", "المادة ١\n"),
        ("ART1.1", "يولد جميع الناس أحرارًا", "يولد جميع الناس أحرارا"),
        ("ART3.1", "والحرية وسلامة شخصه.", "والحرية والأمان على شخصه."),
        ("ART19.1", "حرية الرأي والتعبير. ويشمل", "حرية الرأي والتعبير، ويشمل"),
    ],
}


def main():
    for lang, edits in EDITS.items():
        with open(f"tests/data/udhr/udhr_{lang}.txt", encoding="utf-8") as f:
            text = f.read()
        for unit, old, new in edits:
            if text.count(old) != 1:
                sys.exit(f"{lang} {unit}: {old!r} occurs {text.count(old)} times, want 1")
            text = text.replace(old, new)
        with open(f"tests/data/editions/udhr_{lang}.next.txt", "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
