#!/bin/sh
# Recreate tests/data/format4-withdrawals/repo.tar.gz: a resdiff repository
# written by resdiff at commit b2c13b7 (storage format 4), with
# withdrawals in its record and no withdrawals list.
#   sh make.sh RESDIFF_BINARY SOURCE_DIR OUT.tar.gz
# The binary must be built from b2c13b7 (git worktree add --detach /tmp/r4
# b2c13b7; cmake -S /tmp/r4 -B /tmp/r4/build && cmake --build /tmp/r4/build).
set -eu
bin=$1; src=$2; out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
repo="$work/format4.git"
"$bin" init "$repo" >/dev/null
# the bundled corpus: 3 dated resolutions in 2 series, 2 undated reports
"$bin" -C "$repo" import -q --manifest "$src/corpus/corpus.manifest"
# a resolution imported, withdrawn, imported again, withdrawn again: the
# newest withdrawal is the one a re-import inherits from
"$bin" -C "$repo" import -q --lang en --series ga-palestine --date 2025-09-19 \
  "$src/tests/data/en/A_RES_80_1.txt"
"$bin" -C "$repo" rm --lang en A/RES/80/1 >/dev/null
"$bin" -C "$repo" import -q --lang en --series ga-question --date 2025-09-19 \
  "$src/tests/data/en/A_RES_80_1.txt"
"$bin" -C "$repo" rm --lang en A/RES/80/1 >/dev/null
# a corpus member withdrawn, and one more import after the withdrawals
"$bin" -C "$repo" rm --lang zh E/RES/2009/7 >/dev/null
"$bin" -C "$repo" import -q --lang en "$src/tests/data/en/A_C.2_80_L.3.txt"
git -C "$repo" fsck --strict
tar -C "$work" -czf "$out" format4.git
