#!/bin/sh
# tests/config/run.sh: git configuration a new user may have wrong
# (docs/STORE.md, "Identity and git configuration").
#
#   sh tests/config/run.sh BUILD/resdiff SRCDIR
#
# 1. A malformed ~/.gitconfig is skipped with a warning naming it: readers
#    and writers work (it failed every command before).
# 2. An unreadable ~/.gitconfig is skipped the same way. Root reads every
#    file, so this case runs as user nobody (setpriv) when the test runs as
#    root; as another user, chmod 000 does it.
# 3. Identity: a copy with a remote refuses to write (import, pull) while
#    git knows no user.name/user.email, saying how to set them, and writes
#    nothing; set in the repository's config, the commits carry it. A copy
#    with no remote writes with resdiff <resdiff@localhost>.
# 4. A malformed repository config is an error naming its file and line.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); src=$(cd "$2" && pwd)
export GIT_CONFIG_NOSYSTEM=1
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
work=$(mktemp -d)
chmod 755 "$work"
export HOME="$work/home"
mkdir -p "$HOME"
trap 'rm -rf "$work"' EXIT
fail() { echo "user_config: FAIL: $*"; exit 1; }
say() { echo "user_config: $*"; }
manifest="$src/corpus/corpus.manifest"
en="$src/tests/data/en/A_RES_74_197.txt"
cd "$work" || exit 2

# 1. a malformed ~/.gitconfig
"$bin" init hub.git >/dev/null || fail "init"
printf '[user\n\tname = Broken\n' >"$HOME/.gitconfig"
"$bin" -C hub.git import -q --manifest "$manifest" >out 2>err || fail "import with a malformed ~/.gitconfig: $(cat err)"
grep -q "warning: skipping the git config file $HOME/.gitconfig (.*missing" err ||
  fail "the warning does not name the file and the fault: $(cat err)"
"$bin" -C hub.git log >out 2>err || fail "log with a malformed ~/.gitconfig: $(cat err)"
[ -s out ] || fail "log printed nothing"
grep -q "skipping the git config file $HOME/.gitconfig" err || fail "log does not warn: $(cat err)"
"$bin" -C hub.git show 2009/7 >/dev/null 2>err || fail "show with a malformed ~/.gitconfig: $(cat err)"
say "a malformed ~/.gitconfig: skipped with a warning naming it; import, log, show work"

# 2. an unreadable one
printf '[user]\n\tname = Hidden\n\temail = hidden@test.invalid\n' >"$HOME/.gitconfig"
chmod 000 "$HOME/.gitconfig"
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
     setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$bin" --version >/dev/null 2>&1; then
    # nobody's own repository (libgit2 opens no repository another user owns)
    chmod a+rx "$HOME"; mkdir nb; chown nobody nb
    as_nobody() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$HOME" "$bin" "$@"; }
    as_nobody init nb/r.git >/dev/null 2>err || fail "init as nobody: $(cat err)"
    as_nobody -C nb/r.git import -q --manifest "$manifest" >/dev/null 2>err ||
      fail "import as nobody with an unreadable ~/.gitconfig: $(cat err)"
    as_nobody -C nb/r.git log >out 2>err || fail "log as nobody with an unreadable ~/.gitconfig: $(cat err)"
    [ -s out ] || fail "log as nobody printed nothing: $(cat err)"
    grep -q "skipping the git config file $HOME/.gitconfig (cannot read it: Permission denied)" err ||
      fail "no warning for an unreadable ~/.gitconfig: $(cat err)"
    say "an unreadable ~/.gitconfig (as nobody): skipped with a warning naming it; import and log work"
  else
    say "skipped: unreadable ~/.gitconfig: running as root, and cannot run as nobody (setpriv)"
  fi
else
  "$bin" -C hub.git log >out 2>err || fail "log with an unreadable ~/.gitconfig: $(cat err)"
  grep -q "cannot read it" err || fail "no warning for an unreadable ~/.gitconfig: $(cat err)"
  say "an unreadable ~/.gitconfig: skipped with a warning naming it; log works"
fi
rm -f "$HOME/.gitconfig"

# 3. identity
git config --global protocol.file.allow always
"$bin" -C hub.git import -q --symbol A/RES/74/197 --lang en --date 2019-12-19 "$en" >out 2>err ||
  fail "import with no identity and no remote: $(cat err)"
[ "$(git -C hub.git log -1 --format='%an <%ae>' record)" = "resdiff <resdiff@localhost>" ] ||
  fail "a copy with no remote: author $(git -C hub.git log -1 --format='%an <%ae>' record)"
"$bin" clone hub.git copy.git >out 2>err; rc=$?
[ $rc -eq 2 ] || fail "clone with no identity exits $rc: $(cat err)"
grep -q "git config --global user.name" err || fail "clone does not say how to set the identity: $(cat err)"
[ -e copy.git ] && fail "a refused clone left copy.git"
git config --global user.name "Config Test"
git config --global user.email "config@test.invalid"
"$bin" clone hub.git copy.git >/dev/null 2>err || fail "clone: $(cat err)"
git config --global --unset user.name
before=$(git -C copy.git rev-parse record)
"$bin" -C copy.git import -q --symbol A/RES/75/202 --lang en --date 2020-12-21 \
  "$src/tests/data/en/A_RES_75_202.txt" >out 2>err; rc=$?
[ $rc -eq 2 ] || fail "import with no user.name in a copy with a remote exits $rc: $(cat err)"
grep -q "user.name and user.email: set them with git config --global user.name" err ||
  fail "the refusal does not say how: $(cat err)"
grep -q "nothing was imported" err || fail "the refusal does not say nothing was imported: $(cat err)"
[ "$(git -C copy.git rev-parse record)" = "$before" ] || fail "a refused import moved the record"
"$bin" -C copy.git pull >out 2>err; rc=$?
[ $rc -eq 2 ] && grep -q "git config --global user.name" err || fail "pull with no identity exits $rc: $(cat err)"
"$bin" -C copy.git log >/dev/null 2>err || fail "log with no identity: $(cat err)"
git -C copy.git config user.name "Repo Name"
"$bin" -C copy.git import -q --symbol A/RES/75/202 --lang en --date 2020-12-21 \
  "$src/tests/data/en/A_RES_75_202.txt" >out 2>err || fail "import with the repository's user.name: $(cat err)"
[ "$(git -C copy.git log -1 --format='%an <%ae>' record)" = "Repo Name <config@test.invalid>" ] ||
  fail "author: $(git -C copy.git log -1 --format='%an <%ae>' record)"
say "identity: a copy with a remote refuses to write without user.name/email (clone, import, pull; nothing moved), reads work; one without writes as resdiff"

# 4. a malformed repository config: an error naming it
printf '[broken\n' >>copy.git/config
"$bin" -C copy.git log >out 2>err; rc=$?
[ $rc -eq 2 ] || fail "log with a malformed repository config exits $rc"
grep -q "copy.git/config" err || fail "the error does not name the repository config: $(cat err)"
say "a malformed repository config: exit 2, the message names it"
say "all passed"
