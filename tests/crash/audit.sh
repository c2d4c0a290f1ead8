#!/bin/sh
# tests/crash/audit.sh: the fsync-order audit (tests/crash/audit.awk) over
# strace logs of every kind of write resdiff makes: an import of loose
# objects, an import of one pack, a correction, a withdrawal, a full index
# rebuild, and the upgrade of the format 1 fixture.
#
#   sh tests/crash/audit.sh BUILD/resdiff SRCDIR
set -u
bin=$1; src=$2
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
# LeakSanitizer cannot run under ptrace: the sanitizer build traces without it
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
command -v strace >/dev/null || { echo "audit: skipped: strace is not installed"; exit 77; }
strace -qq -o /dev/null -e trace=write true 2>/dev/null ||
  { echo "audit: skipped: strace cannot trace here (ptrace not permitted)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
calls=write,pwrite64,ftruncate,fsync,fdatasync,syncfs,mkdir,link,rename,unlink
awk -v n=18 -v dir="$work/texts" -f "$src/bench/gen-resolutions.awk" 2>/dev/null ||
  { mkdir -p "$work/texts" && awk -v n=18 -v dir="$work/texts" -f "$src/bench/gen-resolutions.awk"; }
sed '48s/满意地/欣然/' "$src/corpus/E_RES_2009_7.zh.txt" >"$work/E_RES_2009_7.zh.txt"
repo="$work/r.git"
"$bin" init "$repo" >/dev/null
failed=0
audit() { # $1: what; rest: resdiff arguments
  what=$1; shift
  strace -f -qq -y -e trace="$calls" -o "$work/trace" "$bin" -C "$r" "$@" >/dev/null 2>"$work/err" ||
    { echo "audit: $what: resdiff failed: $(cat "$work/err")"; failed=$((failed + 1)); return; }
  if out=$(awk -v repo="$(cd "$r" && pwd)/" -f "$src/tests/crash/audit.awk" "$work/trace"); then
    echo "$what: ${out#audit: }"
  else
    echo "$out" | sed "s/^audit:/audit: $what:/"
    failed=$((failed + 1))
  fi
}
r=$repo
audit "import of the corpus (loose objects)" import --manifest "$src/corpus/corpus.manifest"
audit "import of 18 documents (one pack)" import --manifest "$work/texts/bench.manifest"
audit "a correction" import --manifest "$src/corpus/corpus.manifest" "$work/E_RES_2009_7.zh.txt"
audit "a withdrawal" rm 65/141
audit "a full index rebuild" index --full
tar -C "$work" -xzf "$src/tests/data/format1/repo.tar.gz"
r="$work/format1.git"
git -C "$r" update-ref refs/resdiff/views record~1  # views to rebuild too
audit "the upgrade of the format 1 fixture" upgrade
# the audit can fail: the same import without syncing must breach it
rm -rf "$repo"; "$bin" init "$repo" >/dev/null; r=$repo
strace -f -qq -y -e trace="$calls" -o "$work/trace" "$bin" -C "$r" import --no-fsync \
  --manifest "$src/corpus/corpus.manifest" >/dev/null 2>&1
if awk -v repo="$(cd "$r" && pwd)/" -f "$src/tests/crash/audit.awk" "$work/trace" >/dev/null; then
  echo "audit: an import with --no-fsync passed the audit: the audit checks nothing"
  failed=$((failed + 1))
else
  echo "control: an import with --no-fsync breaches the audit, as it must"
fi
[ "$failed" -eq 0 ] && echo "audit: every publication preceded by the syncs it needs" ||
  echo "audit: $failed runs with breaches"
[ "$failed" -eq 0 ]
