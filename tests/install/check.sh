#!/bin/sh
# Install the build into a scratch prefix and link a program against it
# through pkg-config, as another project would.
set -eu
build=$1; src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cmake --install "$build" --prefix "$dir" >/dev/null
test -x "$dir/bin/resdiff"
PKG_CONFIG_PATH="$dir/lib/pkgconfig:$dir/lib64/pkgconfig" export PKG_CONFIG_PATH
# shellcheck disable=SC2046
${CC:-cc} "$src/tests/install/app.c" -o "$dir/app" $(pkg-config --cflags --libs resdiff)
out=$("$dir/app")
[ "$out" = "0.1.0 2 units" ] || { echo "unexpected output: $out"; exit 1; }
echo "install: 1 passed, 0 failed"
