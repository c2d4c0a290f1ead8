#!/bin/sh
# bench/diff/run.sh BUILD_DIR: figures for `resdiff diff` (not a timed test).
#   1. the corpus pair 2009/7 -> 2017/21: whole-process time against
#      `git diff --no-index --word-diff-regex=.` on the same two files
#      (hyperfine), and where resdiff's time goes (--timing);
#   2. a generated 20-member series: `resdiff diff --series` in one process
#      against git word-diff run on the same 19 pairs one after another;
#   3. two generated texts of 10 000 paragraphs: time and peak memory.
# Needs hyperfine and python3. Generated inputs go to a temporary directory.
set -eu
build=${1:-build}
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$build" && pwd)/resdiff
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
old=corpus/E_RES_2009_7.zh.txt
new=corpus/E_RES_2017_21.zh.txt

echo "== 1. corpus pair: $old -> $new"
hyperfine -N -w 5 -r 30 -i --export-json "$tmp/pair.json" \
  "$bin diff --no-pager $old $new" \
  "git diff --no-index --word-diff-regex=. $old $new" >/dev/null
python3 - "$tmp/pair.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["mean"], r[1]["mean"]
print("  resdiff diff        %.1f ms (± %.1f)" % (a * 1e3, r[0]["stddev"] * 1e3))
print("  git diff word-diff  %.1f ms (± %.1f)" % (b * 1e3, r[1]["stddev"] * 1e3))
print("  ratio resdiff/git   %.2f" % (a / b))
PY
hyperfine -N -w 5 -r 30 --export-json "$tmp/start.json" "$bin --version" >/dev/null
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('  process start (resdiff --version) %.1f ms' % (r['mean']*1e3))" "$tmp/start.json"
echo "  breakdown of one run:"
"$bin" diff --no-pager --timing "$old" "$new" 2>&1 >/dev/null | sed 's/^/    /'

echo "== 2. generated series of 20 versions (19 pairs)"
python3 bench/diff/gen.py series "$tmp/series" 20
cat >"$tmp/git-series.sh" <<SH
#!/bin/sh
cd "$tmp/series"
prev=
for v in \$(seq 0 19); do
  f=E_RES_\$((2000 + v))_\$((10 + v)).zh.txt
  [ -n "\$prev" ] && git diff --no-index --word-diff-regex=. "\$prev" "\$f" >/dev/null
  prev=\$f
done
exit 0
SH
hyperfine -N -w 2 -r 10 -i --export-json "$tmp/series.json" \
  "$bin diff --no-pager --manifest $tmp/series/series.manifest --series bench-series" \
  "sh $tmp/git-series.sh" >/dev/null
python3 - "$tmp/series.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["mean"], r[1]["mean"]
print("  resdiff diff --series (1 process)   %.1f ms" % (a * 1e3))
print("  git word-diff, 19 processes         %.1f ms" % (b * 1e3))
print("  ratio resdiff/git                   %.2f" % (a / b))
PY

echo "== 3. two generated texts of 10 000 paragraphs"
python3 bench/diff/gen.py big "$tmp" 10000
size=$(cat "$tmp/big_old.txt" "$tmp/big_new.txt" | wc -c)
/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" diff --no-pager --stat --timing \
  "$tmp/big_old.txt" "$tmp/big_new.txt" 2>"$tmp/timing" | sed 's/^/  /'
sed 's/^/  /' "$tmp/timing"
read -r el us sy kb <"$tmp/time"
echo "  elapsed ${el}s (user ${us}s, sys ${sy}s), peak RSS ${kb} KB for $size input bytes" \
  "($(python3 -c "print('%.1f' % ($kb * 1024 / $size))")x)"
