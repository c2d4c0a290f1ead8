#!/bin/sh
# tests/crash/run.sh: crash testing by fault injection (issue 13).
#
#   sh tests/crash/run.sh BUILD/resdiff SRCDIR [WORKDIR]
#   CRASH_EVERY=K CRASH_SCENARIOS='small pack rm' sh tests/crash/run.sh ...
#
# Each scenario is one resdiff command that writes several transactions.
# A reference run counts, per system call that changes what is on disk
# (write, pwrite64, ftruncate, fsync, fdatasync, syncfs, mkdir, link,
# rename, unlink), how often the command makes it. Then, for every call
# and every count N, the command runs again under
#   strace -e inject=CALL:signal=KILL:when=N
# which kills it on entering the N-th such call: one stop point. After
# each stop point the repository must be at a transaction boundary:
#   - `git fsck --strict` clean (dangling objects allowed), every ref
#     naming a complete commit;
#   - the record holds a number of commits the reference went through at
#     the end of a transaction, with the tree the reference had then;
#   - what readers see (`resdiff log`, `resdiff blame`) is what they see
#     when the derived refs are deleted and everything is computed from
#     the record: stored views and index are either right or not trusted;
#   - the next writer needs no `resdiff unlock`: the same command run
#     again ends where the reference ended.
# Killing keeps the page cache, so this checks atomicity, not power cuts;
# tests/crash/audit.sh checks the order of syncs from a trace.
# Prints "crash: N stop points, M failed" and exits non-zero on failure.
set -u
bin=$1; src=$2
work=${3:-$(mktemp -d)}
keep=${3:+yes}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
# LeakSanitizer cannot run under ptrace: the sanitizer build traces without it
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
command -v strace >/dev/null || { echo "crash: skipped: strace is not installed"; exit 77; }
strace -qq -o /dev/null -e trace=write -e inject=write:retval=1:when=65535 true 2>/dev/null ||
  { echo "crash: skipped: strace cannot trace here (ptrace not permitted)"; exit 77; }
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
calls="write pwrite64 ftruncate fsync fdatasync syncfs mkdir link rename unlink"
# CRASH_EVERY=K tries every K-th count of each call only (a quicker sample)
every=${CRASH_EVERY:-1}

# the documents: the bundled corpus, three English members, 18 synthetic
# resolutions (a transaction of 16 or more is one pack)
mkdir -p "$work/texts"
awk -v n=18 -v dir="$work/texts" -f "$src/bench/gen-resolutions.awk"

# scenario NAME: set up $work/base.git; the command under test; and the
# commands that take base.git, one transaction each, through the states a
# stopped command may leave (the oracle: run apart, not by the code tested)
setup() { # $1: scenario
  rm -rf "$work/base.git"
  "$bin" init "$work/base.git" >/dev/null
  case $1 in
  small|rm) "$bin" -C "$work/base.git" import -q --manifest "$src/corpus/corpus.manifest" >/dev/null ;;
  esac
}
en="$src/tests/data/en"
command_of() { # $1: scenario
  case $1 in
  small) echo "import --batch 1 --lang en --series ga-ict4sd $en/A_RES_74_197.txt $en/A_RES_75_202.txt $en/A_RES_76_189.txt" ;;
  pack)  echo "import --manifest $work/texts/bench.manifest" ;;
  rm)    echo "rm 2017/21" ;;
  esac
}
steps_of() { # $1: scenario -> one command a line
  case $1 in
  small) for f in A_RES_74_197 A_RES_75_202 A_RES_76_189; do
           echo "import --lang en --series ga-ict4sd $en/$f.txt"; done ;;
  *) command_of "$1" ;;
  esac
}

reader_view() { # $1: repo -> what readers see
  "$bin" -C "$1" log 2>/dev/null
  "$bin" -C "$1" blame 2009/7:OP6 2>/dev/null
  "$bin" -C "$1" blame 65/141:OP7 2>/dev/null
  "$bin" -C "$1" trace 2009/7:OP6 2>/dev/null
}
empty_tree=4b825dc642cb6eb9a060e54bf8d69288fbee4904
tree_of() { git -C "$1" rev-parse -q --verify 'record^{tree}' 2>/dev/null || echo $empty_tree; }

fail=0 points=0
report() { echo "FAIL $scenario $call#$n: $*"; fail=$((fail + 1)); }

for scenario in ${CRASH_SCENARIOS:-small pack rm}; do
  setup "$scenario"
  cmd=$(command_of "$scenario")
  # the states between transactions, and what readers see in each
  rm -rf "$work/state.git" "$work"/state.*; cp -a "$work/base.git" "$work/state.git"
  k=0
  echo "$(tree_of "$work/state.git")" >"$work/state.0.tree"
  reader_view "$work/state.git" >"$work/state.0.view"
  steps_of "$scenario" | while read -r step; do
    k=$((k + 1))
    # shellcheck disable=SC2086
    "$bin" -C "$work/state.git" $step >/dev/null 2>&1 || echo "crash: step failed: $step"
    tree_of "$work/state.git" >"$work/state.$k.tree"
    reader_view "$work/state.git" >"$work/state.$k.view"
  done
  last=$(ls "$work"/state.*.tree | wc -l); last=$((last - 1))
  # the reference run: how often the command makes each call
  rm -rf "$work/ref.git"; cp -a "$work/base.git" "$work/ref.git"
  # shellcheck disable=SC2086
  strace -f -qq -o "$work/ref.trace" -e trace="$(echo $calls | tr ' ' ,)" \
    "$bin" -C "$work/ref.git" $cmd >/dev/null 2>&1 || { echo "crash: reference run failed"; exit 1; }
  [ "$(tree_of "$work/ref.git")" = "$(cat "$work/state.$last.tree")" ] &&
    [ "$(reader_view "$work/ref.git")" = "$(cat "$work/state.$last.view")" ] ||
    { echo "crash: the reference run does not end as its steps do"; exit 1; }
  before=$points
  for call in $calls; do
    count=$(awk -v c="$call" '$2 ~ "^"c"\\(" { n++ } END { print n + 0 }' "$work/ref.trace")
    n=1
    while [ "$n" -le "$count" ]; do
      points=$((points + 1))
      rm -rf "$work/r.git"; cp -a "$work/base.git" "$work/r.git"
      # shellcheck disable=SC2086
      strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:signal=KILL:when=$n" \
        "$bin" -C "$work/r.git" $cmd >/dev/null 2>&1
      # 1. git's own check, and complete refs
      if ! out=$(git -C "$work/r.git" fsck --strict --no-progress 2>&1); then
        report "fsck: $out"
      elif echo "$out" | grep -v -e '^dangling ' -e '^notice: ' | grep -q .; then
        report "fsck: $out"
      fi
      git -C "$work/r.git" for-each-ref --format='%(objectname)' | while read -r id; do
        git -C "$work/r.git" cat-file -e "$id^{commit}" 2>/dev/null || echo "broken $id"
      done | grep -q broken && report "a ref names an incomplete commit"
      # 2. a transaction boundary, and 3. readers see that state exactly
      tree_now=$(tree_of "$work/r.git")
      k=0
      while [ "$k" -le "$last" ] && [ "$(cat "$work/state.$k.tree")" != "$tree_now" ]; do k=$((k + 1)); done
      if [ "$k" -gt "$last" ]; then
        report "the record is at a tree no transaction boundary has"
      elif [ "$(reader_view "$work/r.git")" != "$(cat "$work/state.$k.view")" ]; then
        report "readers do not see what they see at that boundary (state $k)"
      fi
      # 4. the next writer goes on, with no unlock, and ends as the reference
      # shellcheck disable=SC2086
      "$bin" -C "$work/r.git" $cmd >"$work/out" 2>&1 ||
        grep -q "no document '2017/21'" "$work/out" ||
        report "the next run failed: $(cat "$work/out")"
      [ "$(tree_of "$work/r.git")" = "$(cat "$work/state.$last.tree")" ] ||
        report "the next run did not end where the reference did"
      [ "$(reader_view "$work/r.git")" = "$(cat "$work/state.$last.view")" ] ||
        report "after the next run, readers see something else than the reference"
      n=$((n + every))
    done
  done
  echo "crash: $scenario: $((points - before)) stop points ($(awk '{ sub(/\(.*/, "", $2); n[$2]++ }
    END { for (c in n) printf "%s%s %d", s++ ? ", " : "", c, n[c] }' "$work/ref.trace"))"
done
echo "crash: $points stop points, $fail failed"
[ "$fail" -eq 0 ]
