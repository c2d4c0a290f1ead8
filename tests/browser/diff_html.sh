#!/bin/sh
# Open `resdiff diff --format=html` of the corpus pair in headless Chromium,
# check the DOM the browser built, and keep a screenshot in OUTDIR.
#   sh tests/browser/diff_html.sh RESDIFF SRCDIR CHROMIUM OUTDIR
set -eu
bin=$1; src=$2; chromium=$3; out=$4
if [ -z "$chromium" ] || ! [ -x "$chromium" ]; then
  echo "diff_html_browser: skipped: no chromium installed (apt-get install chromium; .ci/run does)"
  exit 77
fi
mkdir -p "$out"
cd "$src"
"$bin" diff --format=html corpus/E_RES_2009_7.zh.txt corpus/E_RES_2017_21.zh.txt >"$out/diff.html"
"$bin" diff --format=json corpus/E_RES_2009_7.zh.txt corpus/E_RES_2017_21.zh.txt >"$out/diff.json"
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir=$out/profile"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --dump-dom "file://$out/diff.html" >"$out/dom.html" 2>"$out/chromium.log"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --window-size=1400,2400 --screenshot="$out/diff.png" \
  "file://$out/diff.html" >>"$out/chromium.log" 2>&1
python3 - "$out/dom.html" "$out/diff.json" "$out/diff.png" <<'PY'
import html.parser, json, os, sys
dom, js, png = sys.argv[1:4]
stats = json.load(open(js, encoding="utf-8"))["stats"]

class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = {}
        self.tags = {}
        self.ids = set()
        self.hrefs = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a":
            self.hrefs.append(a.get("href", ""))
        if tag == "tr" and a.get("id", "").startswith("c"):
            rel = a.get("class", "").split()[0]
            self.rows[rel] = self.rows.get(rel, 0) + 1

d = Dom()
d.feed(open(dom, encoding="utf-8").read())
fail = []
for rel in ("unchanged", "reworded", "split", "merged", "added", "dropped"):
    if d.rows.get(rel, 0) != stats[rel]:
        fail.append("%s rows: DOM %d, JSON %d" % (rel, d.rows.get(rel, 0), stats[rel]))
if "script" in d.tags:
    fail.append("a <script> element")
if not d.tags.get("del") or not d.tags.get("ins"):
    fail.append("no <del>/<ins> edits")
if "summary" not in d.ids or "diff" not in d.ids:
    fail.append("summary or diff table missing")
for h in d.hrefs:
    if not h.startswith("#") or h[1:] not in d.ids:
        fail.append("link %r goes nowhere in the page" % h)
if not os.path.exists(png) or os.path.getsize(png) < 10000:
    fail.append("no screenshot")
print("DOM rows:", d.rows, "del:", d.tags.get("del"), "ins:", d.tags.get("ins"),
      "links:", len(d.hrefs), "screenshot:", png, os.path.getsize(png) if os.path.exists(png) else 0, "bytes")
if fail:
    print("FAIL:", "; ".join(fail))
    sys.exit(1)
print("html in chromium: ok")
PY
