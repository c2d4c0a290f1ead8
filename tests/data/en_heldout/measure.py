#!/usr/bin/env python3
"""Held-out measurement: compare `resdiff parse --format=json` with the
hand-checked expected paragraphs in expected/<NAME>.json (a list of
[id, text]; see docs/HELDOUT.md for how they were made).

usage: python3 tests/data/en_heldout/measure.py build/resdiff [DIR]

DIR (default: this directory) holds <NAME>.txt and expected/<NAME>.json;
tests/data/en_heldout2 and tests/data/en_heldout3 are further sets measured
the same way.

Per text it prints the expected paragraph count, how many the parse gives
with the same id and byte-identical text, how many have identical text under
another id, and the ids whose text the parse does not reproduce; then the
pooled figures. It exits 0 whatever the figures: it measures, it is not a
test.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(resdiff, name, here=HERE):
    with open(os.path.join(here, 'expected', name + '.json'), encoding='utf-8') as f:
        expected = json.load(f)
    out = subprocess.run([resdiff, 'parse', '--format=json', os.path.join(here, name + '.txt')],
                         check=True, capture_output=True).stdout
    units = [(u['id'], u['text']) for u in json.loads(out)['units']]
    by_id = dict(units)
    texts = set(t for _, t in units)
    exact = wrong_id = 0
    bad = []
    for uid, text in expected:
        if by_id.get(uid) == text:
            exact += 1
        elif text in texts:
            wrong_id += 1
        else:
            bad.append(uid)
    return len(expected), len(units), exact, wrong_id, bad


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit('usage: measure.py PATH/TO/resdiff [DIR]')
    here = os.path.abspath(sys.argv[2]) if len(sys.argv) == 3 else HERE
    names = sorted(n[:-5] for n in os.listdir(os.path.join(here, 'expected')) if n.endswith('.json'))
    total = [0, 0, 0]
    print('%-16s %5s %5s %6s %8s  %s' % ('text', 'paras', 'parse', 'exact', 'wrong-id', 'text not reproduced'))
    for name in names:
        n, got, exact, wrong_id, bad = measure(sys.argv[1], name, here)
        print('%-16s %5d %5d %6d %8d  %s' % (name, n, got, exact, wrong_id, ' '.join(bad) or '-'))
        total[0] += n
        total[1] += exact
        total[2] += wrong_id
    n, exact, wrong_id = total
    print('pooled: %d paragraphs; text byte-exact %d (%.1f %%); id and text right %d (%.1f %%)'
          % (n, exact + wrong_id, 100.0 * (exact + wrong_id) / n, exact, 100.0 * exact / n))


if __name__ == '__main__':
    main()
