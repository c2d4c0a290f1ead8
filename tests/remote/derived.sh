#!/bin/sh
# tests/remote/derived.sh: the derived refs (index, withdrawals, views)
# across clone, pull and push, over paths only (fast, no servers).
#
#   sh tests/remote/derived.sh BUILD/resdiff SRCDIR
#
# 1. A clone holds the remote's derived refs as they are: it wrote its own
#    index and withdrawals commits (same trees, no parent), and its first
#    push replaced the remote's by force, leaving them dangling there and
#    in the clone (`git fsck`: "dangling commit").
# 2. Two copies that both imported, one pull merging them, push: the
#    index and withdrawals each copy computed stay reachable (the pushed
#    commit has the remote's as a second parent): `git fsck` reports no
#    dangling commit in the hub or either copy; blame and index still work.
name=remote_derived
. "$(dirname "$0")/../lib/sandbox.sh"
cd "$work" || exit 2
m="$src/corpus/corpus.manifest"
c="$src/corpus"
refs() { git -C "$1" for-each-ref --format='%(objectname) %(refname)' refs/heads/; }
no_dangling() {
  for r in "$@"; do
    out=$(git -C "$r" fsck --strict 2>&1) || fail "git fsck --strict in $r: $out"
    echo "$out" | grep dangling && fail "$r: git fsck reports dangling objects"
  done
  return 0
}

# the hub's index has a history (two imports): a clone's own index would not
R init hub.git >/dev/null || fail "init"
R -C hub.git import -q --manifest "$m" "$c/E_RES_2009_7.zh.txt" >/dev/null || fail "import 1"
R -C hub.git import -q --manifest "$m" "$c/A_RES_65_141.zh.txt" >/dev/null || fail "import 2"
R clone hub.git a >/dev/null 2>&1 || fail "clone a"
refs a >a.refs; refs hub.git >hub.refs
cmp -s a.refs hub.refs || fail "the clone's refs differ from the hub's: $(diff a.refs hub.refs)"
R clone hub.git b >/dev/null 2>&1 || fail "clone b"
R -C a import -q --manifest "$m" "$c/E_RES_2017_21.zh.txt" >/dev/null || fail "import in a"
R -C a push >/dev/null 2>&1 || fail "push a"
no_dangling hub.git a
say "a clone has the remote's derived refs; its import and push leave nothing dangling"

# b imported too: its push is refused, pull merges, push
R -C b import -q --manifest "$m" "$c/A_66_64-E_2011_77.zh.txt" >/dev/null || fail "import in b"
R -C b push >/dev/null 2>&1 && fail "b's push before its pull was taken"
R -C b pull >/dev/null 2>&1 || fail "pull b"
R -C b push >/dev/null 2>&1 || fail "push b"
R -C a pull >/dev/null 2>&1 || fail "pull a"
no_dangling hub.git a b
[ "$(git -C a rev-parse resdiff/index)" = "$(git -C hub.git rev-parse resdiff/index)" ] ||
  fail "a's index is not the hub's after its pull"
R -C a index 2>/dev/null | grep -q "up to date" || fail "a's index taken from the hub is not up to date"
R -C a blame 2017/21:OP1 >/dev/null 2>&1 || fail "blame in a"
R -C b blame 2017/21:OP1 >/dev/null 2>&1 || fail "blame in b"
say "two copies merged and pushed: the index and withdrawals of both stay reachable, git fsck finds nothing dangling"
say "all passed"
