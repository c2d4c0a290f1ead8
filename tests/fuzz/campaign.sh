#!/bin/sh
# A recorded fuzzing campaign (docs/TESTING.md, "Fuzzing"): the targets of
# BUILD (configured with -DRESDIFF_FUZZ=ON) in turn, a run of CHUNK seconds
# each (default 60), round after round, until they have used CPU-SECONDS
# of CPU time in all. CPU time, not wall time: on a shared machine at the
# lowest priority a run may get a few per cent of a core. One process at a
# time (one core at most), at nice 19. Each run goes on from its target's
# corpus (OUT/<target>/corpus, seeded from tests/fuzz/<target>_seeds); a
# crash, leak or timeout is kept in OUT/<target>/ and fuzzing goes on. The
# binaries are copied first, so rebuilding while it runs does not change
# what is fuzzed. OUT/summary gets one line per run: the target's
# executions, coverage (cov, ft), CPU seconds so far and inputs that failed.
# Usage: sh tests/fuzz/campaign.sh BUILD OUT CPU-SECONDS [TARGET...]
set -eu
src=$(cd "$(dirname "$0")" && pwd)
build=$1 out=$2 budget=$3
shift 3
chunk=${CHUNK:-60}
targets=$*
[ -n "$targets" ] || targets=$(sed -n 's/^resdiff_fuzz_target(\([a-z_]*\)).*/\1/p' "$src/../CMakeLists.txt")
mkdir -p "$out/bin"
for t in $targets; do
  cp "$build/tests/${t}_fuzz" "$out/bin/"
  mkdir -p "$out/$t/corpus"
  cp "$src/${t}_seeds/"* "$out/$t/corpus/"
  echo "0 0 0" >"$out/$t/totals"   # executions, CPU ticks, runs
done
# CPU time of this shell's finished children, in clock ticks
cpu() { awk '{ print $16 + $17 }' /proc/$$/stat; }
tck=$(getconf CLK_TCK)
c00=$(cpu) round=0
echo "$(date -u +%H:%M:%S) start: $targets; $budget CPU-s in runs of ${chunk}s" >>"$out/summary"
while [ $(( ($(cpu) - c00) / tck )) -lt "$budget" ]; do
  round=$((round + 1))
  for t in $targets; do
    d="$out/$t"
    read -r execs ticks runs <"$d/totals"
    runs=$((runs + 1))
    dict=""
    [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
    c0=$(cpu)
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1 nice -n 19 "$out/bin/${t}_fuzz" -max_total_time="$chunk" \
      -max_len=20000 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$d/" $dict "$d/corpus" >"$d/log.$runs" 2>&1 || true
    ticks=$((ticks + $(cpu) - c0))
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log.$runs")
    [ -n "$n" ] || n=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$d/log.$runs" | tail -1)
    execs=$((execs + ${n:-0}))
    echo "$execs $ticks $runs" >"$d/totals"
    cov=$(grep -a -h -E '^#[0-9]+.*cov:' "$d/log.$runs" | tail -1 |
          sed 's/.*\(cov: [0-9]* ft: [0-9]*\).*/\1/')
    fails=$(cd "$d" && ls crash-* leak-* timeout-* oom-* slow-unit-* 2>/dev/null | tr '\n' ' ')
    echo "$(date -u +%H:%M:%S) round $round $t: execs $execs, $cov, cpu $((ticks / tck))s," \
      "total cpu $(( ($(cpu) - c00) / tck ))s, failed: ${fails:-none}" >>"$out/summary"
  done
done
echo "$(date -u +%H:%M:%S) done" >>"$out/summary"
