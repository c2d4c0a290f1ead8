#!/bin/sh
# Build the libFuzzer targets (clang, -DRESDIFF_FUZZ=ON) and fuzz each one
# for a bounded time: SECONDS per target (default 5, about a minute in all).
# Usage: .ci/fuzz.sh [SECONDS] [BUILD-DIR] [TARGET...]
# Each target starts from a copy of its seeds (tests/fuzz/<name>_seeds); a
# crash stops the script with the input saved in BUILD-DIR/fuzz-out/<name>/
# (add it to the seeds with the fix, docs/TESTING.md "Fuzzing").
set -eu
cd "$(dirname "$0")/.."
secs=${1:-5}
build=${2:-build-fuzz}
[ $# -gt 2 ] && shift 2 || set --
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DRESDIFF_FUZZ=ON -DRESDIFF_WERROR=ON \
  -DRESDIFF_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=$*
[ -n "$targets" ] || targets=$(sed -n 's/^resdiff_fuzz_target(\([a-z_]*\)).*/\1/p' tests/CMakeLists.txt)
# shellcheck disable=SC2046
cmake --build "$build" -j"$(nproc)" --target $(for t in $targets; do echo "${t}_fuzz"; done) >/dev/null
for t in $targets; do
  out="$build/fuzz-out/$t"
  rm -rf "$out"
  mkdir -p "$out/corpus"
  cp tests/fuzz/"$t"_seeds/* "$out/corpus/"
  echo "== fuzz $t (${secs}s)"
  opts=""
  [ -f tests/fuzz/"$t".dict ] && opts="-dict=tests/fuzz/$t.dict"
  # shellcheck disable=SC2086
  if ! "$build/tests/${t}_fuzz" -max_total_time="$secs" -max_len=20000 -timeout=20 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" $opts "$out/corpus" \
       >"$out/log" 2>&1; then
    tail -40 "$out/log"
    echo "fuzz target $t failed: input in $out/"
    exit 1
  fi
  grep -E "^#[0-9]+.*(DONE|cov:)" "$out/log" | tail -1
done
