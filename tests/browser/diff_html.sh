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
# Layout: no id cell's content (ids and the relation label, "reworded
# 0.84 footnotes") may overflow into the text beside it. The page forbids
# scripts, so a copy without its CSP measures itself and writes the
# result into the DOM. Both the corpus pair and an English pair, whose
# labels are longer.
"$bin" diff --format=html tests/data/en/A_RES_74_197.txt tests/data/en/A_RES_75_202.txt >"$out/diff-en.html"
for page in diff diff-en; do
  sed -e '/Content-Security-Policy/d' -e 's|</body>|<script>var bad = [], n = 0;\
document.querySelectorAll("td.id").forEach(function (td) { n++;\
  if (td.scrollWidth > td.clientWidth + 1) bad.push(td.parentNode.id); });\
document.body.setAttribute("data-idcells", n);\
document.body.setAttribute("data-overflow", bad.join(" "));</script></body>|' \
    "$out/$page.html" >"$out/$page-measure.html"
  # shellcheck disable=SC2086
  timeout 120 "$chromium" $flags --window-size=1400,2400 --dump-dom \
    "file://$out/$page-measure.html" >"$out/$page-measure-dom.html" 2>>"$out/chromium.log"
done
python3 - "$out/dom.html" "$out/diff.json" "$out/diff.png" "$out/diff-measure-dom.html" "$out/diff-en-measure-dom.html" <<'PY'
import html.parser, json, os, sys
dom, js, png = sys.argv[1:4]
measured = sys.argv[4:]
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
import re
for m in measured:
    text = open(m, encoding="utf-8").read()
    cells = re.search(r'data-idcells="(\d+)"', text)
    over = re.search(r'data-overflow="([^"]*)"', text)
    if not cells or int(cells.group(1)) == 0 or over is None:
        fail.append("%s: the layout was not measured" % os.path.basename(m))
    elif over.group(1):
        fail.append("%s: id cells overflow into the text in rows %s" % (os.path.basename(m), over.group(1)))
    else:
        print("%s: %s id cells, none overflows" % (os.path.basename(m), cells.group(1)))
print("DOM rows:", d.rows, "del:", d.tags.get("del"), "ins:", d.tags.get("ins"),
      "links:", len(d.hrefs), "screenshot:", png, os.path.getsize(png) if os.path.exists(png) else 0, "bytes")
if fail:
    print("FAIL:", "; ".join(fail))
    sys.exit(1)
print("html in chromium: ok")
PY
