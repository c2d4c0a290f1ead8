#!/bin/sh
# Recreate tests/data/format2/repo.tar.gz: a resdiff repository written by
# resdiff at commit 50a1b3c (storage format 2, clause index format 4).
#   sh make.sh RESDIFF_BINARY SOURCE_DIR OUT.tar.gz
# The binary must be built from 50a1b3c (git worktree add /tmp/r1 50a1b3c;
# cmake -S /tmp/r1 -B /tmp/r1/build && cmake --build /tmp/r1/build).
set -eu
bin=$1; src=$2; out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
repo="$work/format2.git"
"$bin" init "$repo" >/dev/null
# the bundled corpus: 3 dated resolutions in 2 series, 2 undated reports
"$bin" -C "$repo" import -q --manifest "$src/corpus/corpus.manifest"
# two English members of one series, imported newest first
for f in A_RES_75_202:2020-12-21 A_RES_74_197:2019-12-19; do
  name=${f%%:*}; date=${f#*:}
  "$bin" -C "$repo" import -q --lang en --series ga-ict4sd --date "$date" \
    --symbol "$(echo "$name" | tr _ /)" "$src/tests/data/en/$name.txt"
done
# a correction of the text of E/RES/2009/7 (one character changed)
sed '48s/满意地/欣然/' "$src/corpus/E_RES_2009_7.zh.txt" >"$work/E_RES_2009_7.zh.txt"
# ... imported with --no-index: the clause index lags the record
"$bin" -C "$repo" import -q --no-index --manifest "$src/corpus/corpus.manifest" "$work/E_RES_2009_7.zh.txt"
git -C "$repo" fsck --strict
tar -C "$work" -czf "$out" format2.git
