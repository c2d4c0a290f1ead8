#!/usr/bin/env python3
"""Measure `resdiff check`'s "misread" findings (docs/CHECK.md).

    python3 bench/misread/sweep.py build/resdiff [--heldout]

1. Every real text (corpus/, tests/data/**, ../shared/samples/**; the
   held-out sets tests/data/*heldout* only with --heldout, and then only
   them): the number of "misread" findings, which must be 0.
2. Cut variants of every real resolution (a text the parser reads as a
   resolution with preambular and operative paragraphs), built here:
   - nochapeau: the chapeau line removed;
   - bare: the chapeau line and every front line above it removed, so the
     text starts at its first recital;
   - nolabel1: the chapeau removed and paragraph 1's number with it
     ("1. Requests" becomes "Requests"), so no paragraph 1 ends the
     front-matter search;
   - late1, late2, late3: the chapeau moved down past the first 1, 2 or 3
     recitals (the front matter's end moved).
   A variant counts as misread when its parse is wrong in the way the rules
   name: read as a report (kind "report" or none), or a preambular or
   operative paragraph of the original whose first 40 characters are in no
   unit of the variant (it went into the front matter). Declarations (with
   articles) are not cut: their articles open with no verb.
   Found: misread variants with a "misread" finding; flagged: variants read
   correctly that have one; silent otherwise: misread variants on which
   `resdiff check` says nothing else (no finding but "import"), the
   failures that passed before this check.
"""
import json, os, re, subprocess, sys, tempfile, collections

OPENING = 40   # characters of a clause looked for in the variant's units

def texts(root, heldout):
    dirs = ["corpus", "tests/data", os.path.join("..", "shared", "samples")]
    if not os.path.isdir(dirs[2]):
        dirs[2] = "/work/shared/samples"
    out = []
    for d in dirs:
        for dp, _, fs in os.walk(d):
            if ("heldout" in dp) != heldout:
                continue
            for f in sorted(fs):
                if f.endswith(".txt"):
                    out.append(os.path.join(dp, f))
    return sorted(out)

def parse(exe, path):
    r = subprocess.run([exe, "parse", "--format=json", "-q", path], capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        return None
    return json.loads(r.stdout.splitlines()[0])

def findings(exe, path, lang=None):
    args = [exe, "check", "--format=json"] + (["--lang=" + lang] if lang else []) + [path]
    r = subprocess.run(args, capture_output=True, text=True)
    try:
        return json.loads(r.stdout)["findings"]
    except ValueError:
        return []

def misread(exe, path, lang=None):
    return [x for x in findings(exe, path, lang) if x["kind"] == "misread"]

def counts(doc):
    c = collections.Counter(u["kind"] for u in doc["units"])
    return c["preamble"], c["operative"]

def variants(lines, doc):
    chap = doc["meta"].get("chapeau")
    if not chap:
        return
    ci = next((i for i, l in enumerate(lines) if l.strip() == chap.strip()), None)
    if ci is None:
        return
    pp = [u for u in doc["units"] if u["kind"] == "preamble"]
    op = [u for u in doc["units"] if u["kind"] == "operative"]
    yield "nochapeau", lines[:ci] + lines[ci + 1:], 0
    yield "bare", lines[ci + 1:], 0
    if op:
        k = op[0]["line"] - 1
        v = list(lines)
        v[k] = re.sub(r"^(\s*)1\.\s*", r"\1", v[k], count=1)
        if v[k] != lines[k]:
            yield "nolabel1", v[:ci] + v[ci + 1:], 0
    for m in (1, 2, 3):
        if len(pp) > m:
            at = pp[m]["line"] - 1   # before recital m+1
            v = lines[:ci] + lines[ci + 1:at] + [lines[ci], "\n"] + lines[at:]
            yield "late%d" % m, v, 0

def main():
    exe = sys.argv[1]
    heldout = "--heldout" in sys.argv
    files = texts(".", heldout)
    false_real = []
    declarations = 0
    per_lang = collections.Counter()
    # misread, found, read right, flagged, misread silently, found of those
    var = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    by_lang = collections.defaultdict(lambda: [0, 0, 0, 0])
    for p in files:
        f = misread(exe, p)
        doc = parse(exe, p)
        if f:
            false_real.append((p, f))
        if not doc:
            continue
        per_lang[doc["meta"].get("language")] += 1
        pp, op = counts(doc)
        if doc["meta"].get("kind") not in ("resolution", "draft") or not pp or not op:
            continue
        if any(u["kind"] == "article" for u in doc["units"]):
            declarations += 1   # articles open with no verb: not cut
            continue
        with open(p, encoding="utf-8") as fh:
            lines = fh.read().splitlines(True)
        for name, v, _ in variants(lines, doc):
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
                t.writelines(v)
            try:
                vd = parse(exe, t.name)
                if not vd:
                    continue
                vpp, vop = counts(vd)
                kind = vd["meta"].get("kind")
                body = " ".join(u["text"] for u in vd["units"])
                lost = [u for u in doc["units"] if u["kind"] in ("preamble", "operative")
                        and u["text"][:OPENING] not in body]
                wrong = kind in (None, "report") or bool(lost)
                allf = findings(exe, t.name, doc["meta"].get("language"))
                found = [x for x in allf if x["kind"] == "misread"]
                # silent: nothing but "misread" (and "import", which asks
                # only for a symbol) says the parse went wrong
                silent = not [x for x in allf if x["kind"] not in ("misread", "import")]
                if os.environ.get("SWEEP_SHOW"):
                    for x in found:
                        print("  show %s %s%s: %s" % (name, p, " (silent otherwise)" if silent else "", x["message"]))
                found = bool(found)
                s = var[name]
                bl = by_lang[doc["meta"].get("language")]
                bl[0 if wrong else 2] += 1
                bl[1 if wrong else 3] += found
                if wrong:
                    s[0] += 1
                    s[1] += found
                    s[4] += silent
                    s[5] += silent and found
                    if not found:
                        print("  missed %s %s (kind %s, %d/%d PP, %d/%d OP)" % (name, p, kind, vpp, pp, vop, op))
                else:
                    s[2] += 1
                    s[3] += found
                    if found:
                        print("  false  %s %s (kind %s, %d/%d PP, %d/%d OP)" % (name, p, kind, vpp, pp, vop, op))
            finally:
                os.unlink(t.name)
    print("real texts: %d (%s), misread findings: %d" % (len(files),
          ", ".join("%s %d" % (k, n) for k, n in sorted(per_lang.items(), key=lambda x: str(x[0]))),
          len(false_real)))
    print("declarations (articles) not cut: %d" % declarations)
    for p, f in false_real:
        for x in f:
            print("  %s:%s: %s" % (p, x["line"], x["message"]))
    tm = tf = tn = tx = ts = tsf = 0
    for name in sorted(var):
        m, fo, n, x, si, sf = var[name]
        tm += m; tf += fo; tn += n; tx += x; ts += si; tsf += sf
        print("variant %-9s misread %3d found %3d | read right %3d flagged %d | silent otherwise %3d found %3d"
              % (name, m, fo, n, x, si, sf))
    for lang in sorted(by_lang, key=str):
        m, fo, n, x = by_lang[lang]
        print("language %-8s misread %3d found %3d | read right %3d flagged %d" % (lang, m, fo, n, x))
    print("all variants       misread %3d found %3d | read right %3d flagged %d | silent otherwise %3d found %3d"
          % (tm, tf, tn, tx, ts, tsf))

main()
