#!/bin/sh
# tests/readonly/run.sh: readers never write (issue 13).
#
#   sh tests/readonly/run.sh BUILD/resdiff SRCDIR
#
# A repository whose clause index lags the record and whose views lag the
# stamp is copied, made read-only (chmod -R a-w), and read by every
# reading command as a user who cannot write it: root bypasses file modes,
# so as root the commands run as `nobody` (setpriv). Each must answer as on
# the writable original, blame and log saying in one line that they
# computed in memory, and no file may change (sizes and times compared).
# Writers fail cleanly. Exits 77 (skipped, with the reason) when no
# unprivileged user can be had.
set -u
bin=$1; src=$2
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
# the reader runs a copy of the binary from this world-readable directory,
# so the test does not depend on the permissions of the build's path
cp "$bin" "$work/resdiff" && chmod 755 "$work/resdiff" && bin=$work/resdiff
as_reader=""
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || { echo "readonly: skipped: running as root without setpriv to drop to nobody"; exit 77; }
  as_reader="setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=$work"
  $as_reader true 2>/dev/null || { echo "readonly: skipped: cannot run as nobody here"; exit 77; }
fi
repo="$work/r.git"
"$bin" init "$repo" >/dev/null
"$bin" -C "$repo" import -q --manifest "$src/corpus/corpus.manifest" >/dev/null
# the index lags: an import without it
"$bin" -C "$repo" import -q --no-index --lang en --series ga-ict4sd "$src/tests/data/en/A_RES_74_197.txt" >/dev/null
# the views lag: as if a writer had been stopped after the record moved
git -C "$repo" update-ref refs/heads/resdiff/views record~1
cmds="log|series|show 2017/21|show E/RES/2017/21@record~1|blame 2017/21:OP21|trace 2009/7:OP6|stats ecosoc-wsis|diff --stat 2009/7 2017/21|diff --stat --series ecosoc-wsis"
fail=0
# answers on the writable repository (which the readers must not fix either)
IFS='|'
for c in $cmds; do
  IFS=' '
  # shellcheck disable=SC2086
  "$bin" -C "$repo" $c >"$work/want.$(echo "$c" | tr ' /:@' '____')" 2>/dev/null
  IFS='|'
done
IFS=' '
cp -a "$repo" "$work/ro.git"
# another user's repository: libgit2 will not open it, and resdiff says why
if [ -n "$as_reader" ]; then
  $as_reader "$bin" -C "$work/ro.git" log >/dev/null 2>"$work/err" &&
    { echo "FAIL another user's repository was opened"; fail=$((fail + 1)); }
  grep -q "belongs to another user.*safe.directory" "$work/err" ||
    { echo "FAIL another user's repository refused without saying why: $(cat "$work/err")"; fail=$((fail + 1)); }
  # named relatively, the setting to add is still the absolute path (git
  # matches safe.directory against that; 'ro.git' would never match)
  (cd "$work" && $as_reader "$bin" -C ro.git log) >/dev/null 2>"$work/err"
  grep -q "safe.directory $work/ro.git'" "$work/err" ||
    { echo "FAIL safe.directory not given as an absolute path: $(cat "$work/err")"; fail=$((fail + 1)); }
  # clone says the same, not "no repository" (it is one)
  $as_reader "$bin" clone "$work/ro.git" "$work/never.git" >/dev/null 2>"$work/err" &&
    { echo "FAIL another user's repository was cloned"; fail=$((fail + 1)); }
  grep -q "belongs to another user.*safe.directory" "$work/err" ||
    { echo "FAIL clone of another user's repository: $(cat "$work/err")"; fail=$((fail + 1)); }
fi
# the reader owns it (libgit2, as git, opens no repository of another
# user), but the files' modes forbid every write
[ -n "$as_reader" ] && chown -R nobody:nogroup "$work/ro.git"
chmod -R a+rX,a-w "$work/ro.git"
snapshot() { (cd "$work/ro.git" && find . -printf '%p %s %T@ %m\n' | sort); }
before=$(snapshot)
IFS='|'
for c in $cmds; do
  IFS=' '
  name=$(echo "$c" | tr ' /:@' '____')
  # shellcheck disable=SC2086
  if ! $as_reader "$bin" -C "$work/ro.git" $c >"$work/got" 2>"$work/err"; then
    echo "FAIL '$c' on the read-only copy: $(cat "$work/err")"; fail=$((fail + 1))
  elif ! cmp -s "$work/got" "$work/want.$name"; then
    echo "FAIL '$c' answers otherwise on the read-only copy"; fail=$((fail + 1))
  fi
  case $c in
  blame*|trace*)
    grep -q "computed in memory" "$work/err" ||
      { echo "FAIL '$c' does not say it computed the index in memory"; fail=$((fail + 1)); } ;;
  log*|series*|stats*|diff*--series*)
    [ "$(grep -c "computed them from the record" "$work/err")" -eq 1 ] ||
      { echo "FAIL '$c' does not say once that it computed the histories"; fail=$((fail + 1)); } ;;
  esac
  IFS='|'
done
IFS=' '
[ "$(snapshot)" = "$before" ] || { echo "FAIL a reader changed a file"; fail=$((fail + 1)); }
# writers fail, with a message, and change nothing
cp "$src/tests/data/en/A_RES_75_202.txt" "$work/next.txt" && chmod 644 "$work/next.txt"
for w in "import --lang en $work/next.txt" "index" "rm 2009/7"; do
  # shellcheck disable=SC2086
  if $as_reader "$bin" -C "$work/ro.git" $w >/dev/null 2>"$work/err"; then
    echo "FAIL '$w' wrote to a read-only repository"; fail=$((fail + 1))
  elif ! grep -q "resdiff: .*cannot write to this repository" "$work/err"; then
    echo "FAIL '$w' fails without saying why: $(cat "$work/err")"; fail=$((fail + 1))
  fi
done
[ "$(snapshot)" = "$before" ] || { echo "FAIL a writer changed a read-only repository"; fail=$((fail + 1)); }
echo "readonly: $(echo "$cmds" | tr '|' '\n' | wc -l) readers and 3 writers on a read-only copy${as_reader:+ (as nobody)}, $fail failed"
[ "$fail" -eq 0 ]
