#!/usr/bin/env python3
"""Headless measurement: does the parser read a resolution the same when its
chapeau ("The General Assembly,", "L'Assemblée générale,", "大会，",
"إن الجمعية العامة،" ...) is missing, as in PDF extractions and pasted
excerpts?

usage: python3 tests/headless/measure.py RESDIFF SOURCE_DIR
           [--min-same N] [--min-kept N] [--verbose]

For every text input the tests and the corpus hold (SOURCE_DIR/corpus,
SOURCE_DIR/tests/data/**, SOURCE_DIR/tests/golden/inputs: every *.txt that
`resdiff parse --format=json` reads to units with a chapeau), it parses the
text, removes the chapeau line(s) from it (the line, or two consecutive
lines, whose text joined is the chapeau the parse reported), parses again
and compares:

  same  the units are the same: ids, kinds, labels, texts and footnote
        references in the same order (source line numbers aside, as a line
        was removed);
  kept  paragraphs of the original parse found again in the headless parse
        with the same kind and text (as a multiset).

Texts whose chapeau shares its line with other text (a declaration's
"Now, therefore, The General Assembly proclaims ...") are left out and
counted apart. With --min-same/--min-kept it exits 1 when a figure falls
below the floor (ctest parse_headless); without them it only measures.
Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def inputs(root):
    dirs = [os.path.join(root, 'corpus'), os.path.join(root, 'tests', 'data'),
            os.path.join(root, 'tests', 'golden', 'inputs')]
    out = []
    for d in dirs:
        for base, subdirs, files in os.walk(d):
            subdirs.sort()
            for f in sorted(files):
                if f.endswith('.txt'):
                    out.append(os.path.join(base, f))
    return out


def parse(resdiff, data):
    p = subprocess.run([resdiff, 'parse', '--format=json', '-'], input=data,
                       capture_output=True)
    if p.returncode != 0:
        return None
    try:
        return json.loads(p.stdout)
    except ValueError:
        return None


def unit_key(u):
    return (u['id'], u['kind'], u['label'], u['text'],
            tuple((f['label'], f['offset']) for f in u.get('footnotes') or []))


def without_chapeau(data, chapeau):
    """The input with the chapeau line(s) removed, or None when the chapeau
    stands on no line of its own."""
    lines = data.split(b'\n')
    want = chapeau.strip()
    for i, line in enumerate(lines):
        if line.decode('utf-8', 'replace').strip() == want:
            return b'\n'.join(lines[:i] + lines[i + 1:])
    for i in range(len(lines) - 1):
        a = lines[i].decode('utf-8', 'replace').strip()
        b = lines[i + 1].decode('utf-8', 'replace').strip()
        if a and b and (a + ' ' + b == want or a + b == want):
            return b'\n'.join(lines[:i] + lines[i + 2:])
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('resdiff')
    ap.add_argument('root')
    ap.add_argument('--min-same', type=int)
    ap.add_argument('--min-kept', type=int)
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()

    texts = same = kept = total = inline = 0
    by_lang = collections.defaultdict(lambda: [0, 0, 0, 0])
    for path in inputs(a.root):
        with open(path, 'rb') as f:
            data = f.read()
        doc = parse(a.resdiff, data)
        if not doc or not doc['units'] or not doc['meta'].get('chapeau'):
            continue
        cut = without_chapeau(data, doc['meta']['chapeau'])
        if cut is None:
            inline += 1
            continue
        head = parse(a.resdiff, cut)
        before = [unit_key(u) for u in doc['units']]
        after = [unit_key(u) for u in head['units']] if head else []
        pool = collections.Counter((k[1], k[3]) for k in after)
        k = 0
        for key in before:
            if pool[(key[1], key[3])] > 0:
                pool[(key[1], key[3])] -= 1
                k += 1
        lang = doc['meta'].get('language') or '?'
        texts += 1
        total += len(before)
        kept += k
        s = before == after
        same += s
        row = by_lang[lang]
        row[0] += 1
        row[1] += s
        row[2] += k
        row[3] += len(before)
        if a.verbose and not s:
            print('differs: %s (%d/%d kept)' % (os.path.relpath(path, a.root), k, len(before)))
    for lang in sorted(by_lang):
        r = by_lang[lang]
        print('%s: %d/%d texts the same, %d/%d paragraphs kept' % (lang, r[1], r[0], r[2], r[3]))
    print('headless: %d/%d texts the same, %d/%d paragraphs kept '
          '(%d texts with the chapeau inside a line left out)' % (same, texts, kept, total, inline))
    bad = False
    if a.min_same is not None and same < a.min_same:
        print('FAIL: %d texts the same, the floor is %d' % (same, a.min_same))
        bad = True
    if a.min_kept is not None and kept < a.min_kept:
        print('FAIL: %d paragraphs kept, the floor is %d' % (kept, a.min_kept))
        bad = True
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
