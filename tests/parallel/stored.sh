#!/bin/sh
# resdiff parallel on stored documents: the UDHR in three languages
# imported under one symbol reads as the files do (JSON rows equal), with
# --langs or every stored language, and fails clearly on a language the
# store does not hold.
#   sh tests/parallel/stored.sh RESDIFF SRCDIR
set -u
bin=$1; src=$2
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # what, want, got
  if [ "$2" != "$3" ]; then echo "FAIL $1: want [$2], got [$3]"; fail=1; else echo "ok $1"; fi
}
repo=$tmp/r.git
"$bin" init "$repo" >/dev/null || exit 1
for l in en fr ar; do
  "$bin" -C "$repo" import -q --symbol A/RES/217A --lang $l tests/data/udhr/udhr_$l.txt >/dev/null ||
    { echo "FAIL import $l"; exit 1; }
done
U=tests/data/udhr
# the files in the table's order of languages (ar, zh, en, fr, ru, es)
"$bin" parallel --format=json $U/udhr_ar.txt $U/udhr_en.txt $U/udhr_fr.txt >"$tmp/files.json"
"$bin" -C "$repo" parallel --format=json A/RES/217A >"$tmp/all.json"; st=$?
check "every stored language: exit" 0 "$st"
check "every stored language: rows as from the files" "" "$(cmp "$tmp/files.json" "$tmp/all.json" 2>&1)"
"$bin" parallel --format=json $U/udhr_fr.txt $U/udhr_ar.txt >"$tmp/files2.json"
"$bin" -C "$repo" parallel --format=json --langs=fr,ar 217A >"$tmp/langs.json"; st=$?
check "--langs=fr,ar, a forgiving symbol: exit" 0 "$st"
check "--langs=fr,ar: rows as from the files" "" "$(cmp "$tmp/files2.json" "$tmp/langs.json" 2>&1)"
# a stored symbol beside a file, and the source it names
"$bin" -C "$repo" parallel --width=0 --langs=en A/RES/217A $U/udhr_fr.txt >"$tmp/mixed.txt"; st=$?
check "symbol and file: exit" 0 "$st"
check "symbol and file: the stored one's source" "en    A/RES/217A (en)" "$(head -1 "$tmp/mixed.txt")"
# a language the store does not hold
"$bin" -C "$repo" parallel --langs=en,ru A/RES/217A >/dev/null 2>"$tmp/err"; st=$?
check "a language not stored: exit" 2 "$st"
grep -q "ru" "$tmp/err" || { echo "FAIL a language not stored: the error names no language: $(cat "$tmp/err")"; fail=1; }
"$bin" -C "$repo" parallel A/RES/999 >/dev/null 2>"$tmp/err"; st=$?
check "a symbol not stored: exit" 2 "$st"
check "a symbol not stored: message" "resdiff: 'A/RES/999' is not stored in any language" "$(cat "$tmp/err")"
exit $fail
