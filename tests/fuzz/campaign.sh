#!/bin/sh
# A recorded fuzzing campaign (docs/TESTING.md, "Fuzzing"): every target of
# BUILD (configured with -DRESDIFF_FUZZ=ON) for SECONDS of wall time each,
# one after the other on one core at the lowest priority. A crash, leak or
# timeout is kept in OUT/<target>/ and fuzzing goes on from the corpus for
# the rest of the target's time. The binaries are copied first, so
# rebuilding while it runs does not change what is fuzzed. OUT/summary gets
# one line per target: executions, coverage (cov, ft) of the last run, CPU
# seconds used (the machine may be shared: wall time is not CPU time) and
# the inputs that failed.
# Usage: sh tests/fuzz/campaign.sh BUILD OUT SECONDS [TARGET...]
set -eu
src=$(cd "$(dirname "$0")" && pwd)
build=$1 out=$2 secs=$3
shift 3
targets=$*
[ -n "$targets" ] || targets=$(sed -n 's/^resdiff_fuzz_target(\([a-z_]*\)).*/\1/p' "$src/../CMakeLists.txt")
mkdir -p "$out/bin"
for t in $targets; do cp "$build/tests/${t}_fuzz" "$out/bin/"; done
# CPU time of this shell's finished children, in clock ticks
cpu() { awk '{ print $16 + $17 }' /proc/$$/stat; }
tck=$(getconf CLK_TCK)
for t in $targets; do
  d="$out/$t"
  mkdir -p "$d/corpus"
  cp "$src/${t}_seeds/"* "$d/corpus/"
  dict=""
  [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
  start=$(date +%s) c0=$(cpu) runs=0 execs=0
  echo "$(date -u +%H:%M:%S) $t start" >>"$out/summary"
  while left=$((secs - ($(date +%s) - start))); [ "$left" -gt 5 ]; do
    runs=$((runs + 1))
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1 nice -n 19 "$out/bin/${t}_fuzz" -max_total_time="$left" \
      -max_len=20000 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$d/" $dict "$d/corpus" >"$d/log.$runs" 2>&1 || true
    n=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$d/log.$runs" | tail -1)
    execs=$((execs + ${n:-0}))
  done
  cpus=$(( ($(cpu) - c0) / tck ))
  last=$(grep -h -E '^#[0-9]+.*cov:' "$d/log.$runs" | tail -1 | sed 's/.*\(cov: [0-9]* ft: [0-9]*\).*/\1/')
  fails=$(cd "$d" && ls crash-* leak-* timeout-* oom-* 2>/dev/null | tr '\n' ' ')
  echo "$(date -u +%H:%M:%S) $t end: execs $execs, $last, cpu ${cpus}s, runs $runs, failed: ${fails:-none}" \
    >>"$out/summary"
done
echo "$(date -u +%H:%M:%S) done" >>"$out/summary"
