"""Check what Chromium drew of the series picture against resdiff diff's
JSON (tests/browser/stats_svg.sh). Usage: stats_svg_check.py OUTDIR SLUG..."""
import html
import html.parser
import json
import os
import re
import sys

out, slugs = sys.argv[1], sys.argv[2:]
MATCHED = ("unchanged", "reworded", "split", "merged")
fail = []


def expected(slug):
    """Members, their clause ids and fates, and the bands, from the diffs."""
    pairs = [json.loads(line) for line in open(os.path.join(out, slug + ".diff.jsonl"), encoding="utf-8")]
    members = []
    first = {"symbol": pairs[0]["old"]["symbol"], "units": pairs[0]["old"]["units"], "ids": None,
             "counts": {"new": pairs[0]["old"]["units"]}}
    members.append(first)
    bands = []
    for k, p in enumerate(pairs):
        m = {"symbol": p["new"]["symbol"], "units": p["new"]["units"], "ids": [],
             "counts": {"unchanged": 0, "reworded": 0, "new": 0}}
        dropped, nband, forked = 0, 0, 0
        for c in p["changes"]:
            rel = c["relation"]
            m["ids"] += c["new"]
            if rel == "dropped":
                dropped += len(c["old"])
            elif rel == "added":
                m["counts"]["new"] += len(c["new"])
            elif rel == "unchanged":
                m["counts"]["unchanged"] += len(c["new"])
            else:
                m["counts"]["reworded"] += len(c["new"])
            if rel in MATCHED:
                nband += len(c["old"]) * len(c["new"])
                if rel in ("split", "merged"):
                    forked += len(c["old"]) * len(c["new"])
        members[k]["counts"]["dropped"] = dropped
        members.append(m)
        bands.append((nband, forked))
    members[-1]["counts"]["dropped"] = 0
    for m in members:
        m["counts"] = {k: v for k, v in m["counts"].items() if v}
    return members, bands


class Dom(html.parser.HTMLParser):
    """Count what resdiff's own HTML page holds once the browser built it."""

    def __init__(self):
        super().__init__()
        self.members = 0
        self.clauses = 0
        self.bands = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "").split()
        self.scripts += tag == "script"
        self.members += tag == "g" and "member" in cls
        self.clauses += tag == "rect" and "clause" in cls
        self.bands += tag == "path" and "band" in cls


# Each member's clause ids in document order (stats_svg.sh writes them).
order = {}
for slug in slugs:
    order[slug] = {}
    for line in open(os.path.join(out, slug + ".order"), encoding="utf-8"):
        sym, _, ids = line.rstrip("\n").partition("\t")
        order[slug][sym] = ids.split()

for slug in slugs:
    want, want_bands = expected(slug)
    dom = open(os.path.join(out, slug + ".probe.dom"), encoding="utf-8").read()
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    if not m or not m.group(1):
        fail.append("%s: the probe page gave no result" % slug)
        continue
    got = json.loads(html.unescape(m.group(1)))
    if got["script"]:
        fail.append("%s: a <script> inside the SVG" % slug)
    if [g["symbol"] for g in got["members"]] != [w["symbol"] for w in want]:
        fail.append("%s: columns %s, want members %s in adoption order" %
                    (slug, [g["symbol"] for g in got["members"]], [w["symbol"] for w in want]))
        continue
    fills = {}
    columns = []
    for j, (g, w) in enumerate(zip(got["members"], want)):
        if g["counts"] != w["counts"]:
            fail.append("%s %s: boxes %s, want %s" % (slug, w["symbol"], g["counts"], w["counts"]))
        if len(g["boxes"]) != w["units"]:
            fail.append("%s %s: %d boxes for %d clauses" % (slug, w["symbol"], len(g["boxes"]), w["units"]))
        for fate, colours in g["fills"].items():
            fills.setdefault(fate, set()).update(colours)
        if g["strokes"] and list(g["strokes"]) != ["rgb(224, 49, 49)"]:
            fail.append("%s %s: dropped boxes outlined %s" % (slug, w["symbol"], list(g["strokes"])))
        xs = {b[0] for b in g["boxes"]}
        if len(xs) != 1:
            fail.append("%s %s: a column's boxes at several x: %s" % (slug, w["symbol"], sorted(xs)))
        columns.append(min(xs) if xs else 0)
        ys = sorted(b[1] for b in g["boxes"])
        if any(b - a < g["boxes"][0][3] for a, b in zip(ys, ys[1:])):
            fail.append("%s %s: boxes overlap" % (slug, w["symbol"]))
        titles = [t.split(" ", 2) for t in g["titles"]]
        if any(len(t) < 3 or t[0] != w["symbol"] for t in titles):
            fail.append("%s %s: a box without a title naming its member" % (slug, w["symbol"]))
        elif w["ids"] is not None and sorted(w["ids"]) != sorted(order[slug][w["symbol"]]):
            fail.append("%s %s: the diff's clauses are not the member's" % (slug, w["symbol"]))
        elif w["ids"] is not None and [t[1] for t in titles] != order[slug][w["symbol"]]:
            got_ids = [t[1] for t in titles]
            at = next(i for i, (a, b) in enumerate(zip(got_ids, order[slug][w["symbol"]] + [None] * len(got_ids))) if a != b)
            fail.append("%s %s: box %d names %s, want the clauses in document order (%s)" %
                        (slug, w["symbol"], at, got_ids[at], order[slug][w["symbol"]][at:at + 3]))
    if columns != sorted(columns) or len(set(columns)) != len(columns):
        fail.append("%s: columns not left to right in adoption order: %s" % (slug, columns))
    for fate, colours in fills.items():
        if len(colours) != 1:
            fail.append("%s: boxes of fate %s in several colours %s" % (slug, fate, colours))
    distinct = {next(iter(c)) for c in fills.values()}
    if len(distinct) != len(fills):
        fail.append("%s: two fates share a colour: %s" % (slug, fills))
    got_bands = [(p["bands"], p["forked"]) for p in got["pairs"]]
    if got_bands != want_bands:
        fail.append("%s: bands (all, forked) per pair %s, want %s" % (slug, got_bands, want_bands))
    # resdiff's own page: the same picture, no script
    d = Dom()
    d.feed(open(os.path.join(out, slug + ".dom"), encoding="utf-8").read())
    if d.scripts:
        fail.append("%s: a <script> in resdiff's HTML page" % slug)
    total_bands = sum(b for b, _ in want_bands)
    if (d.members, d.clauses, d.bands) != (len(want), sum(w["units"] for w in want), total_bands):
        fail.append("%s: the HTML page has %d columns, %d boxes, %d bands; want %d, %d, %d" %
                    (slug, d.members, d.clauses, d.bands, len(want), sum(w["units"] for w in want), total_bands))
    png = os.path.join(out, slug + ".png")
    size = os.path.getsize(png) if os.path.exists(png) else 0
    if size < 10000:
        fail.append("%s: no screenshot" % slug)
    print("%s: %d columns, %d boxes, %d bands (%d forked), %dx%d px, colours %s, screenshot %s (%d bytes)" % (
        slug, len(got["members"]), sum(len(g["boxes"]) for g in got["members"]), total_bands,
        sum(f for _, f in want_bands), got["width"], got["height"],
        {k: next(iter(v)) for k, v in sorted(fills.items())}, png, size))

if fail:
    print("FAIL:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("series picture in chromium: ok")
