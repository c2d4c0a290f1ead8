#!/bin/sh
# Open `resdiff parallel --format=html` in headless Chromium and check what
# the browser built against the JSON rows: one table row per row, the
# flagged ones marked, Arabic cells laid out right to left, nothing wider
# than the window; a screenshot is kept in OUTDIR.
#   sh tests/browser/parallel_html.sh RESDIFF SRCDIR CHROMIUM OUTDIR
set -eu
bin=$1; src=$2; chromium=$3; out=$4
if [ -z "$chromium" ] || ! [ -x "$chromium" ]; then
  echo "parallel_html_browser: skipped: no chromium installed (apt-get install chromium; .ci/run does)"
  exit 77
fi
mkdir -p "$out"
cd "$src"
set -- tests/data/parallel/A_RES_98_1.en.txt tests/data/parallel/A_RES_98_1.fr-broken.txt \
  tests/data/synthetic/A_RES_99_1.ar.txt
"$bin" parallel --format=html "$@" >"$out/parallel.html"
"$bin" parallel --format=json "$@" >"$out/parallel.json"
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir=$out/profile"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --window-size=1400,2400 --screenshot="$out/parallel.png" \
  "file://$out/parallel.html" >"$out/chromium.log" 2>&1
# The page forbids scripts: a copy without its CSP measures itself.
sed -e '/Content-Security-Policy/d' -e 's|</body>|<script>\
var rows = document.querySelectorAll("tbody tr"), flagged = [], dirs = [];\
rows.forEach(function (tr) { if (tr.classList.contains("flagged")) flagged.push(tr.id); });\
document.querySelectorAll("td[lang]").forEach(function (td) {\
  dirs.push(td.getAttribute("lang") + ":" + getComputedStyle(td).direction); });\
document.body.setAttribute("data-rows", rows.length);\
document.body.setAttribute("data-flagged", flagged.join(" "));\
document.body.setAttribute("data-dirs", dirs.join(" "));\
document.body.setAttribute("data-wide", document.documentElement.scrollWidth > window.innerWidth ? "yes" : "no");\
</script></body>|' "$out/parallel.html" >"$out/parallel-measure.html"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --window-size=1400,2400 --dump-dom \
  "file://$out/parallel-measure.html" >"$out/dom.html" 2>>"$out/chromium.log"
python3 - "$out/dom.html" "$out/parallel.json" "$out/parallel.png" <<'PY'
import json, os, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
# row 0, the documents' metadata, is a box above the table
meta = [r for r in rows if r.get("metadata")]
rows = [r for r in rows if not r.get("metadata")]
if meta and 'class="meta"' not in dom:
    sys.exit("parallel_html_browser: the metadata disagrees and the page does not say so")
def attr(name):
    m = re.search(r'<body[^>]* data-%s="([^"]*)"' % name, dom)
    if not m:
        sys.exit("parallel_html_browser: no data-%s on the body (did the page load?)" % name)
    return m.group(1)
bad = []
if int(attr("rows")) != len(rows):
    bad.append("%s table rows for %d JSON rows" % (attr("rows"), len(rows)))
want = " ".join("row%d" % r["row"] for r in rows if r["flags"])
if attr("flagged") != want:
    bad.append("flagged rows %r, JSON says %r" % (attr("flagged"), want))
dirs = attr("dirs").split()
if not any(d == "ar:rtl" for d in dirs) or any(d.startswith("ar:") and d != "ar:rtl" for d in dirs):
    bad.append("Arabic cells not all right to left: %s" % sorted(set(dirs)))
if any(d != "ar:rtl" and d.endswith(":rtl") for d in dirs):
    bad.append("a cell of another language right to left")
if attr("wide") != "no":
    bad.append("the page is wider than the window")
if not os.path.exists(sys.argv[3]) or os.path.getsize(sys.argv[3]) < 1000:
    bad.append("no screenshot")
for b in bad:
    print("FAIL", b)
print("parallel_html_browser: %d rows, %d flagged, %d cells with a language, %s" %
      (len(rows), sum(1 for r in rows if r["flags"]), len(dirs), "ok" if not bad else "FAILED"))
sys.exit(1 if bad else 0)
PY
