#!/bin/sh
# bench/corpus/index.sh: `resdiff index --full` of one store, by several
# binaries and thread counts, each one process under /usr/bin/time, with
# the index tree each made (they must all be the same).
#
#   sh bench/corpus/index.sh STORE BIN[:THREADS] ...
#
# STORE is an imported repository (bench/corpus/run.sh with
# RESDIFF_BENCH_KEEP=1 leaves one per size: n<N>/store.git). THREADS sets
# RESDIFF_INDEX_THREADS (unset: the binary's default). The load average is
# printed before each run; on a busy machine run the script under
# `chrt -f 1` (as root) so that the threads find the cores free. Prints
# "BIN THREADS wall_s cpu_s peak_MB tree".
set -eu
[ $# -ge 2 ] || { echo "usage: sh bench/corpus/index.sh STORE BIN[:THREADS] ..." >&2; exit 2; }
store=$1; shift
export MALLOC_TOP_PAD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for spec in "$@"; do
  bin=${spec%%:*} th=
  [ "$bin" = "$spec" ] || th=${spec#*:}
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "$th" ]; then
    RESDIFF_INDEX_THREADS=$th /usr/bin/time -f "%e %U %S %M" -o "$out" "$bin" -C "$store" index --full >/dev/null
  else
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$bin" -C "$store" index --full >/dev/null
  fi
  tree=$(git -C "$store" rev-parse --short refs/heads/resdiff/index^{tree})
  awk -v b="$bin" -v t="${th:-default}" -v tree="$tree" \
    '{ printf "%s %s %.2f %.2f %.1f %s\n", b, t, $1, $2 + $3, $4 / 1024, tree }' "$out"
done
