#!/bin/sh
# Recreate tests/data/format3-drafts/repo.tar.gz: a resdiff repository
# written by resdiff at commit cb2b933 (storage format 3, branch remote's),
# holding a draft that format 3 kept in a series view.
#   sh make.sh RESDIFF_BINARY SOURCE_DIR OUT.tar.gz
# The binary must be built from cb2b933 (git worktree add --detach /tmp/r3
# cb2b933; cmake -S /tmp/r3 -B /tmp/r3/build && cmake --build /tmp/r3/build).
set -eu
bin=$1; src=$2; out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
repo="$work/format3.git"
"$bin" init "$repo" >/dev/null
# the bundled corpus: 3 dated resolutions in 2 series, 2 undated reports
"$bin" -C "$repo" import -q --manifest "$src/corpus/corpus.manifest"
# a draft and its resolution, both dated and in one series: format 3 made
# the draft the first member of the view
"$bin" -C "$repo" import -q --lang en --series ga-palestine --date 2025-09-15 \
  "$src/tests/data/en/A_80_L.2.txt"
"$bin" -C "$repo" import -q --lang en --series ga-palestine --date 2025-09-19 \
  "$src/tests/data/en/A_RES_80_1.txt"
# an undated draft (in no view in any format)
"$bin" -C "$repo" import -q --lang en "$src/tests/data/en/A_C.2_80_L.3.txt"
git -C "$repo" fsck --strict
tar -C "$work" -czf "$out" format3.git
