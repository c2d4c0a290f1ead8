#!/bin/sh
# Export every text the project holds (corpus/*.txt and every *.txt and
# *.pdf under tests/data, whatever lands there, but the broken PDFs of
# tests/data/pdf/bad) and a stored series as Akoma Ntoso, and
# validate all of it against the OASIS schema with xmllint; then import the
# corpus exports into a fresh repository and export them again: the same
# bytes.
#   sh tests/akn/validate.sh RESDIFF SRCDIR XMLLINT
set -eu
bin=$1; src=$2; xmllint=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$src"
schema=tests/data/akn-schema/akomantoso30.xsd
n=0
for f in corpus/*.txt $(find tests/data \( -name '*.txt' -o -name '*.pdf' \) -not -path '*/bad/*' | sort); do
  n=$((n + 1))
  "$bin" export --manifest corpus/corpus.manifest "$f" -o "$out/$n.xml" ||
    { echo "FAIL: resdiff export $f"; exit 1; }
  echo "$f" >"$out/$n.name"
done
"$bin" init "$out/r" >/dev/null
"$bin" -C "$out/r" import -q --manifest corpus/corpus.manifest >/dev/null
"$bin" -C "$out/r" export --series ecosoc-wsis -o "$out/series" >/dev/null
# a stored draft carries its resolution as <FRBRalias name="draftOf">
"$bin" -C "$out/r" import -q --draft-of A/RES/80/1 tests/data/en/A_80_L.2.txt >/dev/null
"$bin" -C "$out/r" export A/80/L.2 -o "$out/draft.xml"
grep -q '<FRBRalias value="A/RES/80/1" name="draftOf"/>' "$out/draft.xml" ||
  { echo "FAIL: the export of a draft does not name its resolution"; exit 1; }
s=$(ls "$out/series"/*.xml | wc -l)
if ! "$xmllint" --noout --nonet --schema "$schema" "$out"/*.xml "$out/series"/*.xml 2>"$out/log"; then
  grep -v ' validates$' "$out/log" | head -20
  echo "FAIL: not valid against $schema"
  exit 1
fi
# export -> import -> export, through repositories, for every corpus document
# and the draft
"$bin" init "$out/s" >/dev/null
m=0
for sym in E/RES/2009/7 E/RES/2017/21 A/RES/65/141 E/2006/85 A/66/64-E/2011/77 A/80/L.2; do
  f=$(echo "$sym" | tr / _)
  [ -e "$out/$f.a.xml" ] && continue
  "$bin" -C "$out/r" export "$sym" -o "$out/$f.a.xml"
  "$bin" -C "$out/s" import -q --format=akn "$out/$f.a.xml" >/dev/null
  "$bin" -C "$out/s" export "$sym" -o "$out/$f.b.xml"
  cmp -s "$out/$f.a.xml" "$out/$f.b.xml" || { echo "FAIL: $sym: export, import, export differs"; exit 1; }
  m=$((m + 1))
done
echo "akn: $n texts and $s series members valid against akomantoso30.xsd; $m documents (the corpus, a draft) round-trip byte for byte"
