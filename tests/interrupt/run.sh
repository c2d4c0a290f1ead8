#!/bin/sh
# tests/interrupt/run.sh: SIGINT, SIGTERM and SIGHUP stop an import at a
# transaction boundary (docs/STORE.md, "Locks and interrupted writers").
#
#   sh tests/interrupt/run.sh BUILD/resdiff SRCDIR
#
# The signal comes from the test hook $RESDIFF_TEST_SIGNAL_AFTER=K[:SIGNUM]
# (raised once K documents went through the writer), so each case stops at
# a known point: the import says how many documents it kept, dies of the
# signal (exit 128 + signal), and the repository holds exactly the
# transactions before it: record, views and git fsck agree, readers say
# nothing, and the same import run again adds the rest. Then a real signal
# (kill -INT) ends an import waiting for another writer's lock.
name=interrupt
. "$(dirname "$0")/../lib/sandbox.sh"
manifest="$src/corpus/corpus.manifest"
total=$(grep -c '^\[' "$manifest")
[ "$total" -ge 5 ] || fail "the corpus manifest has $total documents, want 5 or more"

# stopped REPO KEPT: the repository holds exactly KEPT imports, and is whole
stopped() {
  n=$(git -C "$1" log --format=%s record 2>/dev/null | grep -c '^import ')
  [ "$n" -eq "$2" ] || fail "$1: $n imports in the record, want $2"
  git -C "$1" fsck --strict --no-dangling >"$work/fsck" 2>&1 || fail "$1: git fsck: $(cat "$work/fsck")"
  if [ "$2" -gt 0 ]; then
    [ "$(git -C "$1" rev-parse refs/heads/resdiff/views)" = "$(git -C "$1" rev-parse record)" ] ||
      fail "$1: the views stamp is not the record"
    "$bin" -C "$1" log >/dev/null 2>"$work/err" || fail "$1: log"
    [ -s "$work/err" ] && fail "$1: log says: $(cat "$work/err")"
  fi
  find "$1" -name '*.lock' -o -name 'tmp_*' -o -name '*.tmp' | grep -v resdiff.lock >"$work/left"
  [ -s "$work/left" ] && fail "$1: files left: $(cat "$work/left")"
  return 0
}

# case NAME K SIGNUM BATCH WANT_STATUS KEPT
case_() {
  name=$1; k=$2; sig=$3; batch=$4; want=$5; kept=$6; r="$work/$name.git"
  "$bin" init "$r" >/dev/null || fail "init"
  RESDIFF_TEST_SIGNAL_AFTER="$k:$sig" "$bin" -C "$r" import --batch "$batch" --manifest "$manifest" \
    >"$work/out" 2>"$work/err"; rc=$?
  [ "$rc" -eq "$want" ] || fail "$name: exit $rc, want $want: $(cat "$work/err")"
  grep -q "interrupted (SIG[A-Z]*): $kept of $total documents imported" "$work/err" ||
    fail "$name: does not say what it kept: $(cat "$work/err")"
  [ "$(grep -c '^added ' "$work/out")" -eq "$kept" ] || fail "$name: printed $(grep -c '^added ' "$work/out") added, kept $kept"
  stopped "$r" "$kept"
  "$bin" -C "$r" import --batch "$batch" --manifest "$manifest" >"$work/out" 2>&1 || fail "$name: again: $(cat "$work/out")"
  grep -q "^$((total - kept)) added, 0 amended, $kept unchanged$" "$work/out" || fail "$name: again said: $(cat "$work/out")"
  stopped "$r" "$total"
  say "$name: signal $sig after document $k (transactions of $batch): exit $rc, $kept of $total kept, the rest imported again"
}
case_ sigint-mid   3 2  2 130 2   # in the 2nd transaction: it is dropped
case_ sighup-end   4 1  2 129 2   # after the 2nd's last document, before its record moves
case_ sigterm-first 1 15 5 143 0  # in the only transaction: nothing kept
case_ sigint-one   3 2  1 130 2   # one document a transaction: the 3rd is dropped

# a real signal, while the import waits for another writer's lock
if command -v flock >/dev/null; then
  r="$work/locked.git"
  "$bin" init "$r" >/dev/null || fail "init"
  # the lock's holder: a process that takes it and sleeps (exec: killing it frees the lock)
  sh -c 'exec 9>"$1"; flock 9; exec sleep 30' sh "$r/resdiff.lock" &
  holder=$!
  sleep 0.5
  RESDIFF_LOCK_TIMEOUT_MS=60000 "$bin" -C "$r" import --manifest "$manifest" >"$work/out" 2>"$work/err" &
  importer=$!
  sleep 2
  kill -INT "$importer"
  wait "$importer"; rc=$?
  kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
  [ "$rc" -eq 130 ] || fail "an import waiting for the lock, sent SIGINT: exit $rc: $(cat "$work/err")"
  grep -q "interrupted (SIGINT): 0 of $total documents imported" "$work/err" || fail "lock wait: $(cat "$work/err")"
  stopped "$r" 0
  say "kill -INT while waiting for the lock: exit 130, nothing imported"
else
  say "skipped the lock-wait case: no flock(1)"
fi
say "all passed"
