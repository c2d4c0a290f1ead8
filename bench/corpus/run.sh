#!/bin/sh
# bench/corpus/run.sh: resdiff on a synthetic corpus of N documents in six
# languages, at several sizes, so that the growth curve shows.
#
#   sh bench/corpus/run.sh [BUILD_DIR] [SIZES] [LANGS]
#        (defaults: build, "1000 10000", ar,zh,en,fr,es,ru)
#
# At each size N, bench/gen-resolutions.awk writes N+1 documents (N/6
# resolutions in six languages, series of about 20 members each); the first
# N are measured, the last is the "one more document" of the incremental
# import. Every step is one process under /usr/bin/time -v (wall, user+sys
# CPU, peak RSS), with the default durability (fsync on):
#   import      resdiff import --no-index of the N documents, batched
#   index       resdiff index: the clause index from nothing
#   fast-import git fast-import of `git fast-export --all` of that
#               repository: the very same objects and refs, the floor for
#               writing them (ratio import/fast-import, same run)
#   log         resdiff log (every series)
#   blame       resdiff blame of one clause of the last member of the
#               longest series (median of 5)
#   stats       resdiff stats of that series (median of 3)
#   series diff resdiff diff --series of that series, against git
#               word-diff (`--word-diff-regex=.`) over the same pairs
#   +1 doc      import (with its index) of one more member of that series
#               into the corpus, against the first document into an empty
#               repository
# then a table of CPU milliseconds per document at each size and the
# growth exponent between the two largest sizes (1 = linear), with an
# extrapolation to 180 000 documents (say so when you quote it).
#
# Wall times on a shared machine scatter with its load (printed before and
# after each size); quote the CPU times and the ratios of the same run.
# Both importers run with glibc's heap trimming off, as in bench/import.
set -eu
export MALLOC_TOP_PAD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456
build=${1:-build}
sizes=${2:-1000 10000}
langs=${3:-ar,zh,en,fr,es,ru}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$build" && pwd)/resdiff
[ -x "$bin" ] || { echo "bench/corpus: no $bin (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/corpus: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=${RESDIFF_BENCH_DIR:-$(mktemp -d /tmp/resdiff-corpus-XXXXXX)}
mkdir -p "$work"
[ -n "${RESDIFF_BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
nlang=$(echo "$langs" | awk -F, '{ print NF }')
summary="$work/summary"
: >"$summary"

# measure NAME K CMD...: run CMD K times under /usr/bin/time -v; append
# "NAME wall_s cpu_s rss_mb" (medians of wall and CPU, largest RSS)
measure() {
  name=$1 k=$2; shift 2
  i=0
  : >"$work/runs"
  while [ "$i" -lt "$k" ]; do
    /usr/bin/time -v -o "$work/time.out" "$@" >/dev/null 2>"$work/err" ||
      { echo "bench/corpus: $name failed:" >&2; cat "$work/err" "$work/time.out" >&2; exit 1; }
    awk -F': ' '/Elapsed \(wall/ { n = split($2, t, ":"); w = 0; for (j = 1; j <= n; j++) w = w * 60 + t[j] }
      /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
      END { printf "%.3f %.3f %.1f\n", w, u + s, r / 1024 }' "$work/time.out" >>"$work/runs"
    i=$((i + 1))
  done
  sort -n -k1,1 "$work/runs" | awk -v k="$k" 'NR == int((k + 1) / 2) { print $1 }' >"$work/w"
  sort -n -k2,2 "$work/runs" | awk -v k="$k" 'NR == int((k + 1) / 2) { print $2 }' >"$work/c"
  sort -n -k3,3 "$work/runs" | tail -1 | awk '{ print $3 }' >"$work/r"
  echo "$name $(cat "$work/w") $(cat "$work/c") $(cat "$work/r")" >>"$work/rows"
}
row() { # NAME DOCS [PEER]: one printed line, per-document figures when DOCS > 0
  awk -v name="$1" -v docs="$2" -v peer="${3:-}" '
    $1 == name { w = $2; c = $3; r = $4 } $1 == peer { pc = $3 }
    END {
      if (r > 0) printf "  %-26s %9.3f %9.3f %8.1f", name, w, c, r
      else printf "  %-26s %9s %9.3f %8s", name, "-", c, "-"
      if (docs > 0) printf " %9.3f", c * 1000 / docs; else printf " %9s", ""
      if (peer != "" && pc > 0) printf "   %6.2fx %s", c / pc, peer
      printf "\n"
    }' "$work/rows"
}

for n in $sizes; do
  d="$work/n$n"
  rm -rf "$d"; mkdir -p "$d/texts"
  nres=$(( (n + nlang - 1) / nlang ))
  series=$(( nres / 20 )); [ "$series" -ge 1 ] || series=1
  awk -v n=$((n + 1)) -v dir="$d/texts" -v langs="$langs" -v series="$series" \
    -f "$here/../gen-resolutions.awk"
  full="$d/texts/bench.manifest"
  # the manifest of the first N: all but the last [document] section
  awk '/^\[document/ { k++ } { sec[k] = sec[k] $0 "\n" } END { for (i = 0; i < k; i++) printf "%s", sec[i] }' \
    "$full" >"$d/texts/first.manifest"
  last_src=$(awk -F' = ' '/^\tsource = / { s = $2 } END { print s }' "$full")
  first_src=$(awk -F' = ' '/^\tsource = / { print $2; exit }' "$full")
  # the clause, series and language of the benchmark: the last resolution
  # of the first N documents in English (or the first language given)
  bl=$(echo "$langs" | tr , '\n' | grep -x en || echo "$langs" | cut -d, -f1)
  lastres=$(( (n - 1) / nlang ))
  # the last resolution imported in the blame language (the generator's
  # last resolution may lack it: n + 1 documents end part-way through the
  # languages, and the one more document is left out)
  sym=$(awk -v lang="$bl" -F' = ' '
    /^\[document/ { if (l == lang) last = y; y = ""; l = "" } /^\tsymbol = / { y = $2 } /^\tlanguage = / { l = $2 }
    END { if (l == lang) last = y; print last }' "$d/texts/first.manifest")
  slug=$(printf 'bench-%02d' $((lastres % series)))
  bytes=$(du -sb "$d/texts" | cut -f1)
  : >"$work/rows"
  echo "== $n documents ($nres resolutions x $nlang languages, $series series, $((bytes / 1048576)) MB of text)"
  echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

  repo="$d/store.git"
  "$bin" init "$repo" >/dev/null
  measure import 1 "$bin" -C "$repo" import -q --no-index --manifest "$d/texts/first.manifest"
  measure index 1 "$bin" -C "$repo" index
  git -C "$repo" fast-export --all --signed-tags=strip >"$d/stream"
  git init -q --bare "$d/fast.git"
  measure fast-import 1 sh -c 'git -C "$1" fast-import --quiet --active-branches=1000 <"$2"' sh "$d/fast.git" "$d/stream"
  a=$(git -C "$repo" for-each-ref --format='%(objectname) %(refname)' | sort | md5sum)
  b=$(git -C "$d/fast.git" for-each-ref --format='%(objectname) %(refname)' | sort | md5sum)
  [ "$a" = "$b" ] || { echo "bench/corpus: fast-import made different refs" >&2; exit 1; }
  rm -rf "$d/fast.git" "$d/stream"
  awk '$1 == "import" { i = $3 } $1 == "index" { x = $3 } END { printf "import+index %.3f %.3f 0\n", 0, i + x }' \
    "$work/rows" >>"$work/rows"

  measure log 3 "$bin" -C "$repo" log
  measure blame-clause 5 "$bin" -C "$repo" blame --lang "$bl" "$sym:OP3"
  measure stats 3 "$bin" -C "$repo" stats --lang "$bl" "$slug"
  measure series-diff 3 "$bin" -C "$repo" diff --no-pager --color=never --lang "$bl" --series "$slug"
  # git word-diff over the same consecutive pairs, one process each
  members=$(awk -v slug="$slug" -v lang="$bl" -F' = ' '
    /^\[document/ { s = ""; l = "" } /^\tseries = / { s = $2 } /^\tlanguage = / { l = $2 }
    /^\tsource = / && s == slug && l == lang { print $2 }' "$d/texts/first.manifest")
  pairs=$(( $(echo "$members" | wc -l) - 1 ))
  echo "$members" | awk -v t="$d/texts" 'NR > 1 { printf "git diff --no-index --word-diff-regex=. %s/%s %s/%s >/dev/null\n", t, p, t, $0 } { p = $0 }
    END { print "exit 0" }' >"$d/wordiff.sh"
  measure git-word-diff 3 sh "$d/wordiff.sh"

  # one more document: the last member of its series, index included,
  # against the first document into an empty repository
  "$bin" init "$d/one.git" >/dev/null
  measure first-doc 1 "$bin" -C "$d/one.git" import -q --manifest "$full" "$d/texts/$first_src"
  measure one-more-doc 1 "$bin" -C "$repo" import -q --manifest "$full" "$d/texts/$last_src"
  rm -rf "$d/one.git"
  echo "   load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  step                          wall s     cpu s  peak MB  cpu ms/doc    ratio (cpu)"
  row import "$n" fast-import
  row index "$n"
  row import+index "$n" fast-import
  row fast-import "$n"
  row log 0
  row blame-clause 0
  row stats 0
  row series-diff 0 git-word-diff
  echo "  (series $slug, $pairs pairs; blame $sym:OP3 --lang $bl)"
  row git-word-diff 0
  row first-doc 0
  row one-more-doc 0 first-doc
  awk -v n="$n" '{ print n, $0 }' "$work/rows" >>"$summary"
  rm -rf "$d/texts"
  [ -n "${RESDIFF_BENCH_KEEP:-}" ] || rm -rf "$repo"
done

# the growth curve: CPU per document at each size; exponent b of t ~ n^b
# between the two largest sizes; 180 000 documents extrapolated with it
echo "== growth (CPU ms per document; b: exponent between the two largest sizes, 1 = linear)"
awk '
  { n = $1; sz[n] = 1; c[n, $2] = $4 }
  END {
    k = 0; for (n in sz) ns[++k] = n + 0
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (ns[j] < ns[i]) { t = ns[i]; ns[i] = ns[j]; ns[j] = t }
    split("import index import+index fast-import log blame-clause stats series-diff one-more-doc", steps, " ")
    printf "  %-14s", "step"; for (i = 1; i <= k; i++) printf " %11s", ns[i]; printf " %6s %14s\n", "b", "180k (extrap.)"
    for (s = 1; s in steps; s++) {
      st = steps[s]; per = st ~ /^(import|index|import\+index|fast-import)$/
      printf "  %-14s", st
      for (i = 1; i <= k; i++) printf " %11.3f", per ? c[ns[i], st] * 1000 / ns[i] : c[ns[i], st] * 1000
      if (k >= 2 && c[ns[k - 1], st] > 0 && c[ns[k], st] > 0) {
        b = log(c[ns[k], st] / c[ns[k - 1], st]) / log(ns[k] / ns[k - 1])
        x = c[ns[k], st] * (180000 / ns[k]) ^ b
        if (per) printf " %6.2f %12.0f s", b, x; else printf " %6.2f %11.0f ms", b, x * 1000
      }
      printf "\n"
    }
    print "  (per document for import, index, fast-import; whole ms for the rest)"
  }' "$summary"
