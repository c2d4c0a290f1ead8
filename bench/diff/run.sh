#!/bin/sh
# bench/diff/run.sh BUILD_DIR: figures for `resdiff diff` (not a timed test).
#   1. the corpus pair 2009/7 -> 2017/21: whole-process time (median) and
#      CPU time (user+sys) against `git diff --no-index --word-diff-regex=.`
#      on the same two files, the same pair stored in a repository and
#      diffed by symbol, in one hyperfine run with the load average before
#      and after (the machine is shared: quote CPU time and ratios), the
#      loader's own figures and where resdiff's time goes (--timing);
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

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. corpus pair: $old -> $new"
# the same pair stored in a repository, diffed by symbol
"$bin" init "$tmp/repo" >/dev/null
"$bin" -C "$tmp/repo" import --manifest corpus/corpus.manifest >/dev/null
# One hyperfine run: the file diff, the same with libgit2's init on the
# critical path again (RESDIFF_NO_INIT_THREAD), the stored diff, git.
hyperfine -N -w 5 -r 40 -i --export-json "$tmp/pair.json" \
  "$bin diff --no-pager --color=never $old $new" \
  "env RESDIFF_NO_INIT_THREAD=1 $bin diff --no-pager --color=never $old $new" \
  "$bin -C $tmp/repo diff --no-pager --color=never 2009/7 2017/21" \
  "git diff --no-index --word-diff-regex=. --color=never $old $new" \
  "$bin --version" "git --version" >/dev/null
echo "   load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$tmp/pair.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
names = ["resdiff diff A B (files)", "  same, init thread off", "resdiff diff 2009/7 2017/21 (stored)",
         "git diff --no-index --word-diff-regex=.", "resdiff --version", "git --version"]
git = r[3]
gcpu = git["user"] + git["system"]
print("  %-42s %9s %9s %9s %9s %9s" % ("", "median", "user+sys", "ratio", "cpu ratio", "stddev"))
for n, x in zip(names, r):
    base = r[5] if "version" in n else git
    bcpu = base["user"] + base["system"]
    cpu = x["user"] + x["system"]
    print("  %-42s %7.1fms %7.1fms %8.2fx %8.2fx %7.1fms" % (n, x["median"] * 1e3, cpu * 1e3,
          x["median"] / base["median"], cpu / bcpu, x["stddev"] * 1e3))
PY
echo "  loader (LD_DEBUG=statistics, resdiff --version):"
LD_DEBUG=statistics "$bin" --version 2>&1 >/dev/null | grep -E "startup time|number of relocations:" |
  sed 's/^[[:space:]]*[0-9]*:[[:space:]]*/    /'
echo "  shared libraries loaded: $(ldd "$bin" | wc -l) (git: $(ldd "$(command -v git)" | wc -l))"
echo "  breakdown of one run (--timing):"
"$bin" diff --no-pager --timing "$old" "$new" 2>&1 >/dev/null | sed 's/^/    /'
"$bin" -C "$tmp/repo" diff --no-pager --timing 2009/7 2017/21 2>&1 >/dev/null | sed 's/^/    /'

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
