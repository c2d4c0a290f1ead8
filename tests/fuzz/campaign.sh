#!/bin/sh
# A recorded fuzzing campaign (docs/TESTING.md, "Fuzzing"): every target of
# BUILD (configured with -DRESDIFF_FUZZ=ON) for SECONDS each, one after the
# other on one core at the lowest priority, continuing past crashes
# (libFuzzer's fork mode with one job); each crash, leak or timeout is kept
# in OUT/<target>/. The binaries are copied first, so rebuilding while it
# runs does not change what is fuzzed.
# Usage: sh tests/fuzz/campaign.sh BUILD OUT SECONDS [TARGET...]
set -eu
src=$(cd "$(dirname "$0")" && pwd)
build=$1 out=$2 secs=$3
shift 3
targets=$*
[ -n "$targets" ] || targets=$(sed -n 's/^resdiff_fuzz_target(\([a-z_]*\)).*/\1/p' "$src/../CMakeLists.txt")
mkdir -p "$out/bin"
for t in $targets; do cp "$build/tests/${t}_fuzz" "$out/bin/"; done
for t in $targets; do
  d="$out/$t"
  mkdir -p "$d/corpus"
  cp "$src/${t}_seeds/"* "$d/corpus/"
  dict=""
  [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
  echo "$(date -u +%H:%M:%S) $t start" >>"$out/summary"
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1 nice -n 19 "$out/bin/${t}_fuzz" -fork=1 -ignore_crashes=1 \
    -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$secs" -max_len=20000 -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$d/" $dict "$d/corpus" \
    >"$d/log" 2>&1 || true
  echo "$(date -u +%H:%M:%S) $t end: $(grep -E '^#[0-9]+' "$d/log" | tail -1)" >>"$out/summary"
done
echo "$(date -u +%H:%M:%S) done" >>"$out/summary"
