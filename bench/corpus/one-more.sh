#!/bin/sh
# bench/corpus/one-more.sh: the incremental import, binary against binary.
#
#   sh bench/corpus/one-more.sh BEFORE_BIN AFTER_BIN [N] [RUNS]
#        (defaults: N 1000, RUNS 3)
#
# Writes the corpus of bench/corpus/run.sh at size N (N + 1 documents in
# six languages), imports the first N with --no-index and indexes them
# with BEFORE_BIN, so that both binaries start from the very same store.
# Then, RUNS times, before and after interleaved, each on a fresh copy:
#   first     the first document into an empty repository (with the
#             N + 1-document manifest, as run.sh does)
#   one-more  the last document (the last member of its series) into the
#             N-document store, import and index update
# and prints the median CPU (user+sys) of each, the peak RSS, and checks
# that both binaries leave the same refs and trees (commit times aside).
# When AFTER_BIN writes a newer storage format, it runs on a copy of the
# store it upgraded first (not timed), and the refs the new format adds
# (the withdrawals list of format 5) and the readme naming the format are
# left out of the comparison. RESDIFF_BENCH_DIR holding texts/ and
# store.git from an earlier run (RESDIFF_BENCH_KEEP=1) reuses them: the
# 10k setup takes many minutes.
# With valgrind installed, one run of each under callgrind gives the
# instruction counts (load-independent: quote these on a busy machine).
# Default durability (fsync on). Not a test: nothing here fails on time.
set -eu
before=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
after=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
n=${3:-1000}
runs=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
export MALLOC_TOP_PAD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456
work=${RESDIFF_BENCH_DIR:-$(mktemp -d /tmp/resdiff-one-more-XXXXXX)}
mkdir -p "$work/texts"
[ -n "${RESDIFF_BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

full="$work/texts/bench.manifest"
if [ ! -d "$work/store.git" ]; then
  awk -v n=$((n + 1)) -v dir="$work/texts" -v langs=ar,zh,en,fr,es,ru \
    -v series=$(( (n / 6 / 20) > 0 ? n / 6 / 20 : 1 )) -f "$here/../gen-resolutions.awk"
  awk '/^\[document/ { k++ } { sec[k] = sec[k] $0 "\n" } END { for (i = 0; i < k; i++) printf "%s", sec[i] }' \
    "$full" >"$work/texts/first.manifest"
  "$before" init "$work/store.git" >/dev/null
  "$before" -C "$work/store.git" import -q --no-index --manifest "$work/texts/first.manifest" >/dev/null
fi
last=$(awk -F' = ' '/^\tsource = / { s = $2 } END { print s }' "$full")
first=$(awk -F' = ' '/^\tsource = / { print $2; exit }' "$full")
"$before" -C "$work/store.git" index >/dev/null
# the store as AFTER_BIN writes it: upgraded when its format is newer
rm -rf "$work/store-after.git"
cp -a "$work/store.git" "$work/store-after.git"
"$after" -C "$work/store-after.git" upgrade >/dev/null
echo "== $n documents; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# refs and what they name (a commit by its tree: commit times differ),
# but the readme (it names the format) and the refs format 5 added; the
# clause index by its document files (index format 13 added a catalogue
# and postings beside them, '@' entries)
refs() {
  { git -C "$1" for-each-ref --format='%(refname) %(objecttype) %(tree) %(objectname)' |
      grep -v -e '^refs/heads/readme ' -e '^refs/heads/resdiff/withdrawals ' -e '^refs/heads/resdiff/index ' |
      awk '{ print $1, ($2 == "commit" ? $3 : $4) }'
    git -C "$1" ls-tree -r refs/heads/resdiff/index | grep -v '/@'; } | md5sum | cut -c1-12
}
# one BIN NAME: one run of each step; appends "name step cpu rss"
one() {
  rm -rf "$work/copy.git" "$work/one.git"
  cp -a "$work/store$([ "$2" = after ] && echo -after).git" "$work/copy.git"
  "$1" init "$work/one.git" >/dev/null
  /usr/bin/time -f "$2 first %U %S %M" -a -o "$work/times" \
    "$1" -C "$work/one.git" import -q --manifest "$full" "$work/texts/$first" >/dev/null
  /usr/bin/time -f "$2 one-more %U %S %M" -a -o "$work/times" \
    "$1" -C "$work/copy.git" import -q --manifest "$full" "$work/texts/$last" >/dev/null
  echo "$2 $(refs "$work/copy.git")" >>"$work/refs"
}
: >"$work/times"
: >"$work/refs"
i=0
while [ "$i" -lt "$runs" ]; do
  one "$before" before
  one "$after" after
  i=$((i + 1))
done
echo "   load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  step        binary   median cpu s   runs (cpu s)              peak MB"
for step in first one-more; do
  for b in before after; do
    awk -v s="$step" -v b="$b" '$1 == b && $2 == s { c[++k] = $3 + $4; if ($5 > r) r = $5 }
      END { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
        l = ""; for (i = 1; i <= k; i++) l = l sprintf(" %.2f", c[i])
        printf "  %-10s  %-7s %10.3f      %-24s %8.1f\n", s, b, c[int((k + 1) / 2)], l, r / 1024 }' "$work/times"
  done
done
if [ "$(awk '{ print $2 }' "$work/refs" | sort -u | wc -l)" -ne 1 ]; then
  echo "bench/corpus/one-more: the binaries left different refs:" >&2
  cat "$work/refs" >&2
  exit 1
fi
echo "  refs and trees after one more: identical for both ($(head -1 "$work/refs" | cut -d' ' -f2))"
if command -v valgrind >/dev/null 2>&1; then
  for b in before after; do
    eval bin=\$$b
    rm -rf "$work/copy.git" "$work/one.git"
    cp -a "$work/store$([ "$b" = after ] && echo -after).git" "$work/copy.git"
    "$bin" init "$work/one.git" >/dev/null
    f=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" -C "$work/one.git" import -q \
      --manifest "$full" "$work/texts/$first" 2>&1 | awk '/Collected/ { print $4 }')
    o=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" -C "$work/copy.git" import -q \
      --manifest "$full" "$work/texts/$last" 2>&1 | awk '/Collected/ { print $4 }')
    printf "  instructions %-7s first %14s   one-more %14s\n" "$b" "$f" "$o"
  done
fi
