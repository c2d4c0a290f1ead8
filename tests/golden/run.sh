#!/bin/sh
# Golden end-to-end tests: for every tests/golden/cases/NAME.args, run
# `resdiff $(cat NAME.args)` from the source root and compare its stdout
# (and exit status, in NAME.status, default 0) with NAME.out, and its
# standard error with NAME.err when that file exists. A case that exits
# non-zero must have a NAME.err: an error is checked by what it says.
#   sh tests/golden/run.sh BUILD/resdiff SRCDIR            check
#   sh tests/golden/run.sh BUILD/resdiff SRCDIR --update   rewrite .out files, and
#       .err files of cases that exit non-zero or have one (read the diff)
set -u
bin=$1; src=$2; update=${3:-}
cd "$src" || exit 2
pass=0; failed=0
tmp=$(mktemp)
err=$(mktemp)
store=$(mktemp -d)
trap 'rm -rf "$tmp" "$err" "$store"' EXIT
# Cases that read a resdiff repository (blame, trace, stats) find one with
# the bundled corpus imported through $RESDIFF_REPO.
"$bin" init "$store/corpus.git" >/dev/null &&
  "$bin" -C "$store/corpus.git" import -q --manifest corpus/corpus.manifest >/dev/null ||
  { echo "golden: cannot build the corpus repository"; exit 1; }
# Cases named drafts_* read a repository holding a draft chain
# (docs/DRAFTS.md): A/80/L.2 linked to A/RES/80/1, a constructed Rev.2,
# the adopted text; Rev.1 is missing.
"$bin" init "$store/drafts.git" >/dev/null &&
  "$bin" -C "$store/drafts.git" import -q --draft-of A/RES/80/1 tests/data/en/A_80_L.2.txt >/dev/null &&
  "$bin" -C "$store/drafts.git" import -q tests/data/drafts/A_80_L.2_Rev.2.txt \
    tests/data/en/A_RES_80_1.txt >/dev/null ||
  { echo "golden: cannot build the drafts repository"; exit 1; }
for args in tests/golden/cases/*.args; do
  [ -e "$args" ] || continue
  name=${args%.args}
  want_status=0
  [ -f "$name.status" ] && want_status=$(cat "$name.status")
  case ${name##*/} in
    drafts_*) RESDIFF_REPO="$store/drafts.git" ;;
    *) RESDIFF_REPO="$store/corpus.git" ;;
  esac
  export RESDIFF_REPO
  # shellcheck disable=SC2046
  NO_COLOR=1 "$bin" $(cat "$args") >"$tmp" 2>"$err"
  status=$?
  if [ "$update" = "--update" ]; then
    cp "$tmp" "$name.out"
    if [ "$status" -ne 0 ]; then echo "$status" >"$name.status"; else rm -f "$name.status"; fi
    want_status=$status
    { [ "$status" -ne 0 ] || [ -f "$name.err" ]; } && cp "$err" "$name.err"
  fi
  if [ "$status" -ne "$want_status" ]; then
    echo "FAIL $name: exit status $status, want $want_status"
    failed=$((failed + 1))
  elif ! cmp -s "$tmp" "$name.out"; then
    echo "FAIL $name: output differs:"
    diff -u "$name.out" "$tmp" | head -40
    failed=$((failed + 1))
  elif [ "$want_status" -ne 0 ] && [ ! -f "$name.err" ]; then
    echo "FAIL $name: exits $status but has no $name.err to check its message"
    failed=$((failed + 1))
  elif [ -f "$name.err" ] && ! cmp -s "$err" "$name.err"; then
    echo "FAIL $name: standard error differs:"
    diff -u "$name.err" "$err" | head -20
    failed=$((failed + 1))
  else
    pass=$((pass + 1))
  fi
done
echo "golden: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
