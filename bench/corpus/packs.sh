#!/bin/sh
# bench/corpus/packs.sh: what the number of packs in a repository costs an
# import. A bulk import writes one pack per transaction of 1000 documents,
# so a corpus of N documents holds N/1000 packs (180 at 180 000).
#
#   sh bench/corpus/packs.sh [BUILD_DIR] [PACKS] [RUNS]
#        (defaults: build, 180, 2)
#
# Generates 2000 documents (six languages), imports the first 1000
# (--no-index: one pack), copies that repository and adds PACKS - 1 more
# packs to the copy (copies of its one pack under other names: the same
# objects, so what changes is only how many packs libgit2 looks through),
# then imports the other 1000 into a fresh copy of each, RUNS times
# alternating, under /usr/bin/time: CPU (user+sys) a document with one
# pack and with PACKS. The difference is what libgit2's object database
# does with many packs: every object written is first looked for, and a
# miss re-reads objects/pack (docs/PERFORMANCE.md, section 4, "import19").
set -eu
export MALLOC_TOP_PAD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456
build=${1:-build}
packs=${2:-180}
runs=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$build" && pwd)/resdiff
[ -x "$bin" ] || { echo "bench/corpus/packs: no $bin (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/corpus/packs: needs /usr/bin/time" >&2; exit 2; }
work=$(mktemp -d /tmp/resdiff-packs-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/texts"
awk -v n=2000 -v dir="$work/texts" -v langs=ar,zh,en,fr,es,ru -v series=16 \
  -f "$here/../gen-resolutions.awk"
awk '/^\[document/ { k++ } k <= 1000 { print }' "$work/texts/bench.manifest" >"$work/texts/a.manifest"
awk '/^\[document/ { k++ } k > 1000 { print }' "$work/texts/bench.manifest" >"$work/texts/b.manifest"
"$bin" init "$work/one" >/dev/null
"$bin" -C "$work/one" import -q --no-index --manifest "$work/texts/a.manifest" >/dev/null
cp -a "$work/one" "$work/many"
p=$(ls "$work/one/objects/pack/"*.pack | head -1)
i=1
while [ "$i" -lt "$packs" ]; do
  h=$(printf '%040x' "$i")
  cp "$p" "$work/many/objects/pack/pack-$h.pack"
  cp "${p%.pack}.idx" "$work/many/objects/pack/pack-$h.idx"
  i=$((i + 1))
done
echo "== 1000 documents into a repository of 1000, with 1 pack and with $packs"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
k=0
while [ "$k" -lt "$runs" ]; do
  for r in one many; do
    rm -rf "$work/t"
    cp -a "$work/$r" "$work/t"
    /usr/bin/time -f "%U %S" -o "$work/time" "$bin" -C "$work/t" import -q --no-index \
      --manifest "$work/texts/b.manifest" >/dev/null
    n=$(ls "$work/t/objects/pack" | grep -c '\.pack$')
    awk -v r="$r" -v n="$n" '{ printf "  %-4s (%3d packs after) cpu %.2f s, %.2f ms a document\n", r, n, $1 + $2, ($1 + $2) }' "$work/time"
  done
  k=$((k + 1))
done
echo "   load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
