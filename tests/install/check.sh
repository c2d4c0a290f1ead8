#!/bin/sh
# Install the build into a scratch prefix and link a program against it
# through pkg-config, as another project would.
set -eu
build=$1; src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cmake --install "$build" --prefix "$dir" >/dev/null
test -x "$dir/bin/resdiff"
# the man pages: resdiff(1) and one per command
for page in resdiff resdiff-diff resdiff-parse resdiff-check; do
  test -s "$dir/share/man/man1/$page.1" || { echo "man page $page.1 not installed"; exit 1; }
done
MANWIDTH=80 man -l "$dir/share/man/man1/resdiff-diff.1" 2>/dev/null | grep -q -- '--exit-code' ||
  { echo "installed resdiff-diff.1 does not render"; exit 1; }
PKG_CONFIG_PATH="$dir/lib/pkgconfig:$dir/lib64/pkgconfig" export PKG_CONFIG_PATH
# shellcheck disable=SC2046
${CC:-cc} "$src/tests/install/app.c" -o "$dir/app" $(pkg-config --cflags --libs resdiff)
out=$("$dir/app")
[ "$out" = "0.1.0 2 units" ] || { echo "unexpected output: $out"; exit 1; }
echo "install: 1 passed, 0 failed"
