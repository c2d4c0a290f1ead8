# tests/lib/sandbox.sh: the sandbox every shell test of resdiff runs in,
# sourced after setting `name` (the test's name in its messages):
#
#   name=remote_errors
#   . "$(dirname "$0")/../lib/sandbox.sh"      # with "$1" BUILD/resdiff, "$2" SRCDIR
#
# Sets bin and src (absolute), work (a fresh directory, removed on exit by
# the EXIT trap; a test that stops servers sets its own trap and removes
# $work in it), HOME inside it with a git identity and no system git
# configuration; defines fail (exit 1), skip (exit 77, ctest's skip code)
# and say, T (seconds any one command may take) and R (resdiff under
# timeout T).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$(cd "$2" && pwd)
export GIT_CONFIG_NOSYSTEM=1
work=$(mktemp -d)
export HOME="$work/home"
mkdir -p "$HOME"
git config --global user.name "resdiff $name test"
git config --global user.email "$name@test.invalid"
trap 'rm -rf "$work"' EXIT
fail() { echo "$name: FAIL: $*"; exit 1; }
skip() { echo "$name: skipped: $*"; exit 77; }
say() { echo "$name: $*"; }
T=60
R() { timeout "$T" "$bin" "$@"; }
