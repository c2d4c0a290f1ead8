#!/bin/sh
# Checks the hand-written gold alignments in this directory (format in README.md):
# every unit id of both parsed texts appears exactly once, relation names are
# valid, the arity fits the relation (1:1 unchanged/reworded, 1:n split, n:1
# merged, 0:1 added, 1:0 dropped), every matched line carries a valid
# class=NAME first in its note, and `resdiff diff --concordance` accepts the
# file.
#   sh tests/golden/align/check.sh BUILD/resdiff SRCDIR
set -u
bin=$1; src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$src" || exit 2
parsed_old=$(mktemp); parsed_new=$(mktemp)
trap 'rm -f "$parsed_old" "$parsed_new"' EXIT
failed=0; checked=0

# text_of SYMBOL: the text a gold file name refers to (Chinese corpus or English samples)
text_of() {
  for f in "corpus/$1.zh.txt" "tests/data/en/$1.txt" "tests/data/en_heldout/$1.txt" "tests/data/en_heldout2/$1.txt" "tests/data/en_heldout3/$1.txt" "tests/data/en_heldout4/$1.txt" "tests/data/en_heldout5/$1.txt" "tests/data/en_heldout6/$1.txt" "tests/data/en_heldout7/$1.txt" "tests/data/en_heldout8/$1.txt" "tests/data/en_heldout10a/$1.txt" "tests/data/en_heldout11/$1.txt" "tests/data/en_heldout18/$1.txt" "tests/data/en_heldout19/$1.txt" "tests/data/en_heldout21/$1.txt" "tests/data/en_heldout23/$1.txt" "tests/data/en_train19/$1.txt" "tests/data/en_train20/$1.txt" "tests/data/en_train21/$1.txt"; do
    [ -f "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

for gold in tests/golden/align/*.gold tests/data/align_classes/*/*.gold tests/data/align_kind/*/*.gold tests/data/align_heldout/*.gold tests/data/align_heldout2/*.gold tests/data/align_heldout3/*.gold tests/data/align_heldout4/*.gold tests/data/align_heldout5/*.gold; do
  [ -e "$gold" ] || continue
  base=$(basename "$gold" .gold)
  case $gold in
  tests/data/align_classes/*|tests/data/align_kind/*|tests/data/align_heldout/*|tests/data/align_heldout2/*|tests/data/align_heldout3/*|tests/data/align_heldout4/*|tests/data/align_heldout5/*)
    dir=$(dirname "$gold"); old="$dir/$base.old.txt"; new="$dir/$base.new.txt"
    if [ ! -f "$old" ]; then   # a real pair of the held-out set: SYMBOL__SYMBOL
      old=$(text_of "${base%%__*}") || old=""; new=$(text_of "${base#*__}") || new=""
    fi ;;
  *)
    if ! old=$(text_of "${base%%__*}") || ! new=$(text_of "${base#*__}"); then
      echo "FAIL $gold: no text for ${base%%__*} or ${base#*__}"; failed=$((failed + 1)); continue
    fi
    ;;
  esac
  if ! "$bin" parse "$old" >"$parsed_old" || ! "$bin" parse "$new" >"$parsed_new"; then
    echo "FAIL $gold: cannot parse $old or $new"; failed=$((failed + 1)); continue
  fi
  if ! awk -F '\t' -v gold="$gold" '
    FILENAME == ARGV[1] { if ($1 !~ /^\[/) want_old[$1] = 1; next }
    FILENAME == ARGV[2] { if ($1 !~ /^\[/) want_new[$1] = 1; next }
    /^#/ || /^$/ { next }
    {
      where = gold ":" FNR ": "
      if (NF < 3 || NF > 4) { print where "wants 3 or 4 TAB-separated fields"; bad = 1; next }
      no = ($2 == "-") ? 0 : split($2, o, ",")
      nn = ($3 == "-") ? 0 : split($3, n, ",")
      rel = $1
      if (rel == "unchanged" || rel == "reworded") ok = (no == 1 && nn == 1)
      else if (rel == "split") ok = (no == 1 && nn >= 2)
      else if (rel == "merged") ok = (no >= 2 && nn == 1)
      else if (rel == "added") ok = (no == 0 && nn == 1)
      else if (rel == "dropped") ok = (no == 1 && nn == 0)
      else { print where "unknown relation " rel; bad = 1; next }
      if (!ok) { print where rel " with " no " old and " nn " new ids"; bad = 1 }
      if (no > 0 && nn > 0 && $4 !~ /^class=(same|rolling|edit|expansion|trim|kind|kindchange|split|merge|recast)(;|$)/) {
        print where "matched line without a valid class=NAME note"; bad = 1
      }
      for (i = 1; i <= no; i++) {
        if (!(o[i] in want_old)) { print where o[i] " is not a unit of the old text"; bad = 1 }
        if (seen_old[o[i]]++) { print where o[i] " (old) appears twice"; bad = 1 }
      }
      for (i = 1; i <= nn; i++) {
        if (!(n[i] in want_new)) { print where n[i] " is not a unit of the new text"; bad = 1 }
        if (seen_new[n[i]]++) { print where n[i] " (new) appears twice"; bad = 1 }
      }
    }
    END {
      for (u in want_old) if (!(u in seen_old)) { print gold ": old unit " u " missing"; bad = 1 }
      for (u in want_new) if (!(u in seen_new)) { print gold ": new unit " u " missing"; bad = 1 }
      exit bad
    }' "$parsed_old" "$parsed_new" "$gold"; then
    echo "FAIL $gold"; failed=$((failed + 1)); continue
  fi
  if ! "$bin" diff --concordance "$gold" "$old" "$new" >/dev/null; then
    echo "FAIL $gold: resdiff diff --concordance does not accept it"; failed=$((failed + 1)); continue
  fi
  checked=$((checked + 1))
done
echo "gold alignments: $checked checked, $failed failed"
[ "$failed" -eq 0 ] && [ "$checked" -gt 0 ]
