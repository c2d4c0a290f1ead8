#!/bin/sh
# The picture of a series (resdiff stats --format=svg, and inside
# --format=html) opened in headless Chromium, for the corpus series
# ecosoc-wsis and a synthetic series of 20 members of about 80 clauses
# (tests/data/synthetic/gen-series.awk). What the browser built is checked
# against `resdiff diff --series --format=json`: one column per member in
# adoption order, a box per clause with its fate (unchanged, reworded, new;
# outlined when dropped next time) in one colour per fate, a band per
# matched old and new clause (forked for splits and merges), a <title> on
# every box naming the member and clause; no script in resdiff's page.
# Screenshots are kept in OUTDIR.
#   sh tests/browser/stats_svg.sh RESDIFF SRCDIR CHROMIUM OUTDIR
set -eu
bin=$1; src=$2; chromium=$3; out=$4
if [ -z "$chromium" ] || ! [ -x "$chromium" ]; then
  echo "stats_svg_browser: skipped: no chromium installed (apt-get install chromium; .ci/run does)"
  exit 77
fi
rm -rf "$out/repo" "$out/series"
mkdir -p "$out/series"
cd "$src"
awk -v n=20 -v clauses=80 -v dir="$out/series" -f tests/data/synthetic/gen-series.awk
"$bin" init "$out/repo" >/dev/null
"$bin" -C "$out/repo" import -q --no-index --manifest corpus/corpus.manifest >/dev/null
"$bin" -C "$out/repo" import -q --no-index --manifest "$out/series/series.manifest" >/dev/null
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars --user-data-dir=$out/profile"
for slug in ecosoc-wsis synth-20; do
  "$bin" -C "$out/repo" stats "$slug" --format=svg >"$out/$slug.svg"
  "$bin" -C "$out/repo" stats "$slug" --format=html >"$out/$slug.html"
  "$bin" -C "$out/repo" diff --series "$slug" --format=json >"$out/$slug.diff.jsonl"
  # each member's clauses in document order (a split's parts can be far
  # apart, so the diff's reading order is not the document's)
  python3 - "$bin" "$out/repo" "$out/$slug.diff.jsonl" >"$out/$slug.order" <<'PY'
import json, subprocess, sys
bin, repo, path = sys.argv[1:4]
for line in open(path, encoding="utf-8"):
    sym = json.loads(line)["new"]["symbol"]
    shown = subprocess.run([bin, "-C", repo, "show", sym, "--format=json"],
                           capture_output=True, text=True, check=True).stdout
    print(sym + "\t" + " ".join(u["id"] for u in json.loads(shown)["units"]))
PY
  # a page of the test's own (not resdiff's) holding the same SVG and a
  # script that asks the browser what it drew
  { echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
    sed 1d "$out/$slug.svg"
    cat "$src/tests/browser/stats_svg_probe.html"
    echo '</body></html>'; } >"$out/$slug.probe.html"
  # shellcheck disable=SC2086
  timeout 120 "$chromium" $flags --dump-dom "file://$out/$slug.probe.html" >"$out/$slug.probe.dom" 2>"$out/chromium.log"
  # shellcheck disable=SC2086
  timeout 120 "$chromium" $flags --dump-dom "file://$out/$slug.html" >"$out/$slug.dom" 2>>"$out/chromium.log"
  # shellcheck disable=SC2086
  timeout 120 "$chromium" $flags --window-size=1800,1100 --screenshot="$out/$slug.png" \
    "file://$out/$slug.svg" >>"$out/chromium.log" 2>&1
done
python3 "$src/tests/browser/stats_svg_check.py" "$out" ecosoc-wsis synth-20
