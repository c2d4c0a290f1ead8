#!/bin/sh
# bench/corpus/same-blame.sh: blame and trace of a sample of clauses give
# the same output from two stores (e.g. before and after `resdiff upgrade`).
#
#   sh bench/corpus/same-blame.sh BIN_A STORE_A BIN_B STORE_B [EVERY] [LANGS]
#        (defaults: every 97th document of each language, ar,zh,en,fr,es,ru)
#
# The sample: every EVERY-th document of each language of STORE_A's record
# (in path order), clauses OP1 and OP3 (PP1 when it has no OP3), blame and
# trace each. Prints the count compared and exits 1 at the first difference.
set -eu
bina=$1 sa=$2 binb=$3 sb=$4 every=${5:-97} langs=${6:-ar,zh,en,fr,es,ru}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for lang in $(echo "$langs" | tr , ' '); do
  git -C "$sa" ls-tree -r --name-only record -- "$lang" | awk -v e="$every" 'NR % e == 1' >"$tmp/paths"
  while read -r path; do
    sym=$(git -C "$sa" show "record:$path" | awk -F'\t' '$1 == "symbol" { print $2; exit }')
    for unit in OP1 OP3 PP1; do
      for verb in blame trace; do
        "$bina" -C "$sa" "$verb" --lang "$lang" "$sym:$unit" >"$tmp/a" 2>&1 || true
        "$binb" -C "$sb" "$verb" --lang "$lang" "$sym:$unit" >"$tmp/b" 2>&1 || true
        if ! cmp -s "$tmp/a" "$tmp/b"; then
          echo "bench/corpus/same-blame: $verb --lang $lang $sym:$unit differs:" >&2
          diff "$tmp/a" "$tmp/b" | head -20 >&2
          exit 1
        fi
        n=$((n + 1))
      done
    done
  done <"$tmp/paths"
done
echo "same-blame: $n blame and trace outputs identical"
