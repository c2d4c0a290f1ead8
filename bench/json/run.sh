#!/bin/sh
# bench/json/run.sh BUILD_DIR: the diff JSON of two generated texts of
# 10 000 paragraphs (bench/diff/gen.py) written by resdiff's own JSON
# writer, by jansson and by json-c: time per rendering (median and best of
# RUNS), bytes, peak RSS, and whether the three give the same values.
# BUILD_DIR is configured with -DRESDIFF_BENCH=ON (needs libjansson-dev and
# libjson-c-dev); not a test.
set -eu
build=${1:-build-bench}
runs=${RUNS:-9}
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$build" && pwd)/bench/json/json_bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/bench/diff/gen.py" big "$tmp" 10000
cd "$tmp"
echo "== diff JSON of big_old.txt -> big_new.txt (10 000 paragraphs), $runs renderings each"
for w in resdiff jansson json-c; do
  "$bin" "$w" big_old.txt big_new.txt "$runs" >"$w.json" 2>"$w.err"
  sed 's/^/  /' "$w.err"
done
python3 - <<'PY'
import json
ours = json.load(open("resdiff.json"))
for w in ("jansson", "json-c"):
    same = json.load(open(w + ".json")) == ours
    print("  %-8s same values as resdiff's: %s" % (w, "yes" if same else "NO"))
PY
