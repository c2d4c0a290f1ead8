#!/bin/sh
# tests/startup/no_ca.sh RESDIFF SRC: a diff (which initialises libgit2 for
# its word edits) and a stored diff never open the system's CA certificates,
# which Debian's libgit2 would parse at init (cmd/startup.c,
# docs/PERFORMANCE.md), and give the same output with the init thread on
# and off. (LeakSanitizer cannot run under ptrace: off for the traced runs.)
set -eu
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
old=corpus/E_RES_2009_7.zh.txt
new=corpus/E_RES_2017_21.zh.txt
fail=0

ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$tmp/trace" "$bin" diff --no-pager "$old" "$new" >"$tmp/on" || true
if ! grep -q "$old" "$tmp/trace"; then
	echo "FAIL: strace saw no open of the inputs"; fail=1
fi
if grep -E 'open.*(ca-certificates|/etc/ssl/certs)' "$tmp/trace"; then
	echo "FAIL: resdiff diff opened the CA certificates"; fail=1
fi
RESDIFF_NO_INIT_THREAD=1 "$bin" diff --no-pager "$old" "$new" >"$tmp/off" || true
if ! cmp -s "$tmp/on" "$tmp/off" || ! [ -s "$tmp/on" ]; then
	echo "FAIL: the diff differs with the init thread off"; fail=1
fi

"$bin" init "$tmp/repo" >/dev/null
"$bin" -C "$tmp/repo" import --manifest corpus/corpus.manifest >/dev/null
ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$tmp/trace2" "$bin" -C "$tmp/repo" diff --no-pager 2009/7 2017/21 \
	>/dev/null || true
if grep -E 'open.*(ca-certificates|/etc/ssl/certs)' "$tmp/trace2"; then
	echo "FAIL: resdiff diff of stored symbols opened the CA certificates"; fail=1
fi
[ "$fail" -eq 0 ] && echo "startup: 1 passed, 0 failed" || echo "startup: 0 passed, 1 failed"
exit "$fail"
