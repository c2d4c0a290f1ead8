#!/usr/bin/env python3
"""Decode src/<NAME>.esc (the JSON-escaped "text" value copied from
wannli/un-docs-downloader data/extracted/<NAME>.json) into <NAME>.txt, check
that json.dumps gives the escaped string back, and print where the closing
quote of "text" must fall in the source file (PROVENANCE.md, "quote at")."""
import hashlib, json, sys
for name, symbol, title in [(a.split('|')[0], a.split('|')[1], a.split('|')[2]) for a in sys.argv[1:]]:
    esc = open('src/%s.esc' % name, encoding='ascii').read().rstrip('\n')
    text = json.loads('"' + esc + '"')
    assert json.dumps(text) == '"' + esc + '"', name
    prefix = '{\n  "symbol": %s,\n  "filename": %s,\n  "title": %s,\n  "text": "' % (
        json.dumps(symbol), json.dumps(name + '.pdf'), json.dumps(title))
    data = text.encode('utf-8')
    open(name + '.txt', 'wb').write(data)
    print(name, 'quote at', len(prefix) + len(esc), 'bytes', len(data), hashlib.sha256(data).hexdigest()[:16])
