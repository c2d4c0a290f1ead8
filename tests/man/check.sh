#!/bin/sh
# The man pages written by the build (BUILD/man): one per command plus
# resdiff(1), each formatted by `man --warnings` without a warning, each
# listing every option its command's --help lists.
#   sh tests/man/check.sh BUILD/resdiff BUILD/man
set -u
bin=$1; dir=$2
pass=0; failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
commands=$("$bin" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || { echo "no commands in resdiff --help"; exit 1; }
for page in "$dir/resdiff.1" $(for c in $commands; do echo "$dir/resdiff-$c.1"; done); do
  if [ ! -s "$page" ]; then fail "$page: missing"; continue; fi
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  if [ -n "$warnings" ]; then fail "$page: $warnings"; continue; fi
  pass=$((pass + 1))
done
# Each option of `resdiff CMD --help` is in the page (rendered as plain text).
for c in $commands; do
  text=$(MANWIDTH=200 man -E UTF-8 -l "$dir/resdiff-$c.1" 2>/dev/null)
  for opt in $("$bin" "$c" --help | sed -n '/^options:/,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$text" | grep -q -- "$opt" || fail "resdiff-$c.1: no $opt"
  done
  pass=$((pass + 1))
done
echo "man: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
