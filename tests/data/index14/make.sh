#!/bin/sh
# Recreate tests/data/index14/repo.tar.gz: a resdiff repository whose
# clause index is of index format 14 (one catalogue blob a language, not
# split by directory), written by resdiff at commit ee78c1c (storage
# format 5).
#   sh make.sh RESDIFF_BINARY SOURCE_DIR OUT.tar.gz
# The binary must be built from ee78c1c (git archive ee78c1c | tar -x -C /tmp/r14;
# cmake -S /tmp/r14 -B /tmp/r14/build && cmake --build /tmp/r14/build).
set -eu
bin=$1; src=$2; out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
repo="$work/index14.git"
"$bin" init "$repo" >/dev/null
# the bundled corpus: 3 dated resolutions in 2 series (zh), 2 undated reports
"$bin" -C "$repo" import -q --manifest "$src/corpus/corpus.manifest"
# four English resolutions in one series, each import indexed
for d in A_RES_74_197:2019-12-19 A_RES_75_202:2020-12-21 A_RES_76_189:2021-12-17 \
    A_RES_78_132:2023-12-19; do
  "$bin" -C "$repo" import -q --lang en --series ga-ict4sd --date "${d#*:}" \
    "$src/tests/data/en/${d%%:*}.txt"
done
git -C "$repo" log -1 --format=%B refs/heads/resdiff/index | grep -qx 'Index-Format: 14'
git -C "$repo" fsck --strict
tar -C "$work" -czf "$out" index14.git
