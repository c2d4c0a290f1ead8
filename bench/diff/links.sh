#!/bin/sh
# Compare the alignment of two resdiff binaries: every pair of the gold
# alignments (tests/golden/align, training; tests/data/align_*, held out)
# whose texts are in the tree, and the two generated
# texts of 10 000 paragraphs, through `diff --format=json` (every change
# with its clauses, relation and similarity). A data-structure change of
# the aligner must print "same" for every pair.
#   sh bench/diff/links.sh BEFORE_BIN AFTER_BIN [BIG_DIR]
set -eu
before=$1 after=$2 big=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find_text() {
	find corpus tests/data -name "$1.txt" -o -name "$1.zh.txt" 2>/dev/null | sort | head -n 1 | grep .
}
pairs=""
for gold in tests/golden/align/*.gold tests/data/align_*/*.gold; do
	name=$(basename "$gold" .gold) dir=$(dirname "$gold")
	if [ -f "$dir/$name.old.txt" ]; then
		pairs="$pairs $dir/$name.old.txt:$dir/$name.new.txt"
		continue
	fi
	a=$(find_text "${name%%__*}") || continue
	b=$(find_text "${name##*__}") || continue
	pairs="$pairs $a:$b"
done
[ -n "$big" ] && pairs="$pairs $big/big_old.txt:$big/big_new.txt"
fail=0
for p in $pairs; do
	a=${p%%:*} b=${p##*:}
	"$before" diff --no-pager --format=json "$a" "$b" >"$tmp/before" 2>/dev/null || true
	"$after" diff --no-pager --format=json "$a" "$b" >"$tmp/after" 2>/dev/null || true
	if cmp -s "$tmp/before" "$tmp/after" && [ -s "$tmp/before" ]; then
		echo "same     $a -> $b"
	else
		echo "DIFFERS  $a -> $b"
		fail=1
	fi
done
exit $fail
