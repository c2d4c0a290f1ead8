#!/usr/bin/env python3
"""tests/json/diff_contract.py: `resdiff diff --format=json` against
docs/JSON-DIFF.md, on real pairs (the corpus, tests/data/en, a kind change,
a merge made by pins, a concordance, --min-confidence, --series).

  python3 tests/json/diff_contract.py BUILD/resdiff SRCDIR

Checks that the keys of `changes` are those of the table in
docs/JSON-DIFF.md (no more, no fewer), each with its documented type, and
what the page promises: every unit in exactly one change, the arity of
each relation, similarity and confidence null exactly for added and
dropped, 1 for unchanged and pinned, verb only on reworded/split/merged,
stats equal to the changes counted, adjacent edits never sharing an op, a
deletion before its insertion, and the `equal`+`insert` texts spelling
the new clauses exactly, the `equal`+`delete` texts the old ones up to the
comparison key's folds (width, punctuation variants, spacing)."""
import json, re, subprocess, sys, unicodedata

SIDE = ["source","symbol","body","kind","date","meeting","title","language","series","units"]
CHG = ["relation","old","new","similarity","confidence","moved","renumbered","editorial","pinned","footnotes","rolling","verb","edits"]
STATS = ["unchanged","reworded","split","merged","added","dropped","moved","renumbered","rolling","strengthened","weakened"]
REL = {"unchanged","reworded","split","merged","added","dropped"}
errs = []
def E(m): errs.append(m)
def isnum(x): return isinstance(x,(int,float)) and not isinstance(x,bool)
def check(d, pold=None, pnew=None, only=False):
    if set(d) != {"schema","old","new","changes","stats","identical"}: E("top keys %s" % sorted(d))
    # identical: every clause unchanged, in place, same id, same footnotes (options aside)
    if not only and not isinstance(d.get("identical"), bool): E("identical %r" % d.get("identical"))
    if not only and d.get("identical") != all(c["relation"] == "unchanged" and not c["moved"] and not c["renumbered"]
            and c["footnotes"] is None and c["old"] == c["new"] for c in d["changes"]):
        E("identical %r but the changes say otherwise" % d.get("identical"))
    if d.get("schema") != 1: E("schema %r" % d.get("schema"))
    for s in ("old","new"):
        m = d[s]
        if set(m) != set(SIDE): E("%s keys extra %s missing %s" % (s, set(m)-set(SIDE), set(SIDE)-set(m)))
        for k in SIDE:
            v = m.get(k)
            if k == "units":
                if not isinstance(v,int) or isinstance(v,bool): E("%s.units type %r" % (s,v))
            elif v is not None and not isinstance(v,str): E("%s.%s type %r" % (s,k,v))
    seen = {"old":[], "new":[]}
    st = {k:0 for k in STATS}
    for i,c in enumerate(d["changes"]):
        w = "change %d %s" % (i, c.get("relation"))
        if list(c) != CHG and set(c) != set(CHG): E("%s keys extra %s missing %s" % (w, set(c)-set(CHG), set(CHG)-set(c)))
        r = c["relation"]
        if r not in REL: E("%s bad relation" % w)
        st[r] = st.get(r,0)+1
        for s in ("old","new"):
            if not isinstance(c[s], list) or not all(isinstance(x,str) for x in c[s]): E("%s %s not list of str" % (w,s))
            seen[s] += c[s]
        no, nn = len(c["old"]), len(c["new"])
        exp = {"unchanged":(1,1),"reworded":(1,1),"added":(0,1),"dropped":(1,0)}.get(r)
        if exp and (no,nn) != exp: E("%s arity %d:%d" % (w,no,nn))
        if r == "split" and not (no == 1 and nn >= 2): E("%s arity %d:%d" % (w,no,nn))
        if r == "merged" and not (no >= 2 and nn == 1): E("%s arity %d:%d" % (w,no,nn))
        for k in ("similarity","confidence"):
            v = c[k]
            if r in ("added","dropped"):
                if v is not None: E("%s %s not null: %r" % (w,k,v))
            elif not isnum(v) or not 0 <= v <= 1: E("%s %s %r" % (w,k,v))
        if r == "unchanged" and c["similarity"] != 1: E("%s similarity %r not 1" % (w,c["similarity"]))
        if c["pinned"] and c["confidence"] != 1: E("%s pinned confidence %r" % (w,c["confidence"]))
        for k in ("moved","renumbered","editorial","pinned","rolling"):
            if not isinstance(c[k], bool): E("%s %s not bool" % (w,k))
        if c["moved"] and c["renumbered"]: E("%s moved and renumbered" % w)
        if c["editorial"] and r != "reworded": E("%s editorial but %s" % (w,r))
        st["moved"] += c["moved"]; st["renumbered"] += c["renumbered"]; st["rolling"] += c["rolling"]
        f = c["footnotes"]
        if f is not None and (not isinstance(f,dict) or set(f) != {"old","new"}): E("%s footnotes %r" % (w,f))
        v = c["verb"]
        if v is not None:
            if r not in ("reworded","split","merged"): E("%s verb on %s" % (w,r))
            if not isinstance(v,dict) or set(v) != {"old","new","shift"}: E("%s verb keys %r" % (w,v))
            else:
                if not isinstance(v["old"],str) or not isinstance(v["new"],str): E("%s verb strs" % w)
                if v["old"] == v["new"]: E("%s verb same %r" % (w,v))
                if v["shift"] is not None and (not isinstance(v["shift"],int) or isinstance(v["shift"],bool)): E("%s shift %r" % (w,v["shift"]))
                if v["shift"] is not None and v["shift"] > 0: st["strengthened"] += 1
                if v["shift"] is not None and v["shift"] < 0: st["weakened"] += 1
        ed = c["edits"]
        if not isinstance(ed, list): E("%s edits not list" % w); continue
        if r in ("unchanged","added","dropped") and ed: E("%s edits not empty" % w)
        prev = None
        for e in ed:
            op = e.get("op")
            keys = {"op","text"} | ({"rolling"} if op in ("insert","delete") else set())
            if set(e) != keys: E("%s edit keys %s" % (w, sorted(e)))
            if op not in ("equal","insert","delete"): E("%s edit op %r" % (w,op))
            if op in ("insert","delete") and not isinstance(e.get("rolling"),bool): E("%s edit rolling" % w)
            if not isinstance(e.get("text"),str): E("%s edit text" % w)
            if prev == op: E("%s adjacent %s" % (w,op))
            if prev == "insert" and op == "delete": E("%s insert before delete" % w)
            prev = op
        if c["rolling"] and not any(e["op"] != "equal" for e in ed) and c["footnotes"] is None: E("%s rolling with no edits" % w)
        if c["rolling"] and any(e["op"] != "equal" and not e["rolling"] for e in ed): E("%s rolling but a non-rolling edit" % w)
        if pold and pnew and r in ("reworded","split","merged"):
            o = "".join(e["text"] for e in ed if e["op"] != "insert")
            n = "".join(e["text"] for e in ed if e["op"] != "delete")
            ot = "\n".join(pold[x] for x in c["old"]); nt = "\n".join(pnew[x] for x in c["new"])
            if n != nt: E("%s new text not spelled: %r vs %r" % (w, n[:80], nt[:80]))
            if fold(o) != fold(ot): E("%s old text not spelled: %r vs %r" % (w, o[:80], ot[:80]))
    if set(d["stats"]) != set(STATS): E("stats keys extra %s missing %s" % (set(d["stats"])-set(STATS), set(STATS)-set(d["stats"])))
    for k in STATS:
        if d["stats"].get(k) != st.get(k): E("stats.%s %r but counted %r" % (k, d["stats"].get(k), st.get(k)))
    if not only:
        for s in ("old","new"):
            if len(seen[s]) != len(set(seen[s])): E("%s ids repeated" % s)
            if len(set(seen[s])) != d[s]["units"]: E("%s units %d but %d ids in changes" % (s, d[s]["units"], len(set(seen[s]))))
            p = pold if s == "old" else pnew
            if p and set(seen[s]) != set(p): E("%s ids differ from parse: missing %s extra %s" % (s, sorted(set(p)-set(seen[s]))[:5], sorted(set(seen[s])-set(p))[:5]))
def fold(s):
    """What the comparison key lets an equal run differ in: NFKC (width),
    every punctuation mark alike (the key's folds), no whitespace."""
    out = []
    for ch in unicodedata.normalize("NFKC", s):
        cat = unicodedata.category(ch)
        if cat[0] == "Z" or ch.isspace():
            continue
        out.append("." if cat[0] == "P" or cat == "Sm" and ch in "-−" else ch)
    return "".join(out)

def documented_keys(page):
    """The first cells of the table under '## `changes`'."""
    keys, on = [], False
    for line in open(page, encoding="utf-8"):
        if line.startswith("## "):
            on = line.startswith("## `changes`")
        elif on and line.startswith("| `"):
            keys += re.findall(r"`([a-z_]+)`", line.split("|")[1])
    return keys

def run(args, cwd):
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        E("%s exits %d: %s" % (" ".join(args[1:]), p.returncode, p.stderr.decode()[:200]))
    return p.stdout.decode("utf-8")

def units(bin, src, path):
    d = json.loads(run([bin, "parse", "--format=json", path], src).splitlines()[0])
    return {u["id"]: u["text"] for u in d["units"]}

PAIRS = [
    ([], "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt"),
    ([], "corpus/E_RES_2009_7.zh.txt", "corpus/A_RES_65_141.zh.txt"),
    ([], "corpus/E_2006_85.zh.txt", "corpus/E_RES_2009_7.zh.txt"),
    ([], "tests/data/en/A_RES_74_197.txt", "tests/data/en/A_RES_75_202.txt"),
    ([], "tests/data/en/A_RES_78_132.txt", "tests/data/en/A_RES_78_166.txt"),
    ([], "tests/data/en/A_80_L.2.txt", "tests/data/en/A_RES_80_1.txt"),
    ([], "tests/data/en/A_C.2_80_L.3.txt", "tests/data/en/A_RES_80_3.txt"),
    ([], "tests/data/align_kind/en/kind_78_166.old.txt", "tests/data/align_kind/en/kind_78_166.new.txt"),
    ([], "tests/golden/inputs/rolling_74.en.txt", "tests/golden/inputs/substance_75.en.txt"),
    (["--pin", "OP1=OP1", "--pin", "OP2=OP1"], "tests/golden/inputs/substance_75.en.txt", "tests/golden/inputs/rolling_74.en.txt"),
    (["--concordance", "tests/golden/align/E_RES_2009_7__E_RES_2017_21.gold"], "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt"),
    (["--min-confidence=0.9"], "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt"),
    ([], "tests/data/en/A_RES_74_197.txt", "tests/data/pdf/A_RES_74_197.en.pdf"),
]

def main():
    bin, src = sys.argv[1], sys.argv[2]
    doc = documented_keys(src + "/docs/JSON-DIFF.md")
    if set(doc) != set(CHG):
        E("docs/JSON-DIFF.md documents %s; the test knows %s" % (sorted(doc), sorted(CHG)))
    seen = set()
    for opts, old, new in PAIRS:
        before = len(errs)
        d = json.loads(run([bin, "diff", "--format=json"] + opts + [old, new], src))
        check(d, units(bin, src, old), units(bin, src, new), False)
        if "--min-confidence=0.9" in opts and any(c["confidence"] is not None and c["confidence"] < 0.9 for c in d["changes"]):
            E("--min-confidence=0.9 kept a match under 0.9")
        if d["identical"]: seen.add("identical")
        for c in d["changes"]:
            seen.add(c["relation"])
            if c["pinned"]: seen.add("pinned")
            if c["verb"]: seen.add("verb")
            if c["confidence"] is not None and c["confidence"] < 0.7: seen.add("low confidence")
        print("%s %s %s: %d changes, %d problems" % (" ".join(opts), old, new, len(d["changes"]), len(errs) - before))
    # --series: one object per line (JSON Lines)
    lines = run([bin, "diff", "--manifest", "corpus/corpus.manifest", "--series", "ecosoc-wsis", "--format=json"], src).splitlines()
    for l in lines:
        check(json.loads(l), None, None, False)
    for want in ("unchanged", "reworded", "merged", "added", "dropped", "pinned", "verb", "low confidence", "identical"):
        if want not in seen:
            E("no pair shows %s: the test lost its coverage" % want)
    for m in errs[:40]:
        print("  " + m)
    print("diff_contract: %d problems" % len(errs))
    sys.exit(1 if errs else 0)

main()
