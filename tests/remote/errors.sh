#!/bin/sh
# tests/remote/errors.sh: what clone, pull and push say when a new user
# gets something wrong, over file:// remotes only (fast, no servers).
#
#   sh tests/remote/errors.sh BUILD/resdiff SRCDIR
#
# 1. Conflicts: a pull that keeps a conflict lists it (symbol, language,
#    'resdiff resolve') and exits 1; push then refuses (exit 1, names
#    'resdiff resolve', moves nothing at the remote); series, log, blame,
#    stats and a diff of stored documents mention it; once resolved, push goes through. A withdrawal against a
#    correction, on either side: pull says which, a pull again still lists
#    it (exit 1), and resolve settles it (also for a document this copy
#    withdrew); --take=FILE of another document is refused.
# 2. Clear errors: clone of a missing path, of a directory that is no
#    repository, of a git repository that is not a resdiff one, into a
#    non-empty directory or an existing repository (exit 2, nothing left
#    behind); pull/push given a path say 'git remote add'; an unknown
#    remote name lists the configured ones; a remote whose path is gone
#    says so.
name=remote_errors
. "$(dirname "$0")/../lib/sandbox.sh"
# expect STATUS PATTERN CMD...: CMD exits STATUS and its stderr has PATTERN
expect() {
  want=$1; pat=$2; shift 2
  R "$@" >"$work/out" 2>"$work/err"; rc=$?
  [ "$rc" -eq "$want" ] || fail "'$*' exits $rc, not $want: $(cat "$work/err")"
  grep -q -- "$pat" "$work/err" || fail "'$*' does not say '$pat': $(cat "$work/err")"
}
cd "$work" || exit 2

hub="$work/hub.git"
R init "$hub" >/dev/null && R -C "$hub" import -q --manifest "$src/corpus/corpus.manifest" >/dev/null ||
  fail "the hub"

# ---- clear errors -------------------------------------------------------
expect 2 "no repository at $work/missing" clone "$work/missing" x
expect 2 "no repository at $work/missing" clone "file://$work/missing" x
mkdir plain
expect 2 "no repository at plain (a directory, but not a git repository)" clone plain x
git init -q other
git -C other commit -q --allow-empty -m one
expect 2 "other is a git repository but not a resdiff one" clone other x
expect 2 "is a git repository but not a resdiff one" clone "file://$work/other" x
[ -e x ] && fail "a refused clone left x"
mkdir full; : >full/keep
expect 2 "cannot clone into full: the directory is not empty" clone "$hub" full
[ "$(ls full)" = keep ] || fail "a refused clone changed full: $(ls full)"
R clone "file://$hub" a >/dev/null 2>&1 || fail "clone a"
expect 2 "cannot clone into a: it is a git repository already" clone "file://$hub" a
expect 2 "git -C .* remote add NAME $hub" -C a pull "$hub"
expect 2 "remote add NAME ../hub.git" -C a push ../hub.git
expect 2 "no remote 'nope' in .*; its remotes: origin" -C a pull nope
git -C a remote add second "file://$hub"
expect 2 "its remotes: origin, second" -C a push nope
R init lonely.git >/dev/null
expect 2 "which has no remotes" -C lonely.git pull
# a remote whose path is gone (moved, a typo): libgit2 says "unsupported
# URL protocol", which sends the user looking at the wrong thing
git -C lonely.git remote add gone "$work/moved.git"
git -C lonely.git remote add gonefile "file://$work/moved.git"
expect 2 "cannot fetch from gone ($work/moved.git): no repository at $work/moved.git: No such file" -C lonely.git pull gone
git -C a remote add gone "$work/moved.git"
expect 2 "cannot read the refs of gone .*: no repository at $work/moved.git" -C a push gone
git -C a remote remove gone
expect 2 "no repository at $work/moved.git" -C lonely.git pull gonefile
# an empty git repository is a hub to be: cloned, its record empty
git init -q --bare empty.git
R clone empty.git e >"$work/out" 2>"$work/err" || fail "clone of an empty repository: $(cat "$work/err")"
grep -q "its record is empty" "$work/out" || fail "clone of an empty repository said: $(cat "$work/out")"
# one line on stdout: pull's "already up to date with origin" said nothing
# of a clone
[ "$(wc -l <"$work/out")" -eq 1 ] || fail "clone of an empty repository said more than one line: $(cat "$work/out")"
# so is a hub 'resdiff init' made, nothing pushed yet: it has its readme
# branch (it was refused as "not a resdiff one (no record, no readme branch)")
R init fresh.git >/dev/null
R clone fresh.git f >"$work/out" 2>"$work/err" || fail "clone of a fresh resdiff hub: $(cat "$work/err")"
grep -q "its record is empty" "$work/out" || fail "clone of a fresh resdiff hub said: $(cat "$work/out")"
R clone "$hub" one >"$work/out" 2>"$work/err" || fail "clone of the hub: $(cat "$work/err")"
grep -q "^cloned $hub into one: record [0-9a-f]\{12\}$" "$work/out" && [ "$(wc -l <"$work/out")" -eq 1 ] ||
  fail "clone of the hub said: $(cat "$work/out")"
say "clone, pull and push explain a missing or wrong source, a busy directory, a path for a remote"

# ---- conflicts block push -----------------------------------------------
R clone "file://$hub" b >/dev/null 2>&1 || fail "clone b"
f="$src/corpus/E_RES_2009_7.zh.txt"
mkdir -p mine theirs
sed '48s/满意地/欣然/' "$f" >mine/E_RES_2009_7.zh.txt
sed '48s/满意地/高兴地/' "$f" >theirs/E_RES_2009_7.zh.txt
cmp -s "$f" mine/E_RES_2009_7.zh.txt && fail "the correction changed nothing"
R -C a import -q --manifest "$src/corpus/corpus.manifest" mine/E_RES_2009_7.zh.txt >/dev/null || fail "import a"
R -C b import -q --manifest "$src/corpus/corpus.manifest" theirs/E_RES_2009_7.zh.txt >/dev/null || fail "import b"
R -C a push >/dev/null 2>&1 || fail "push a"
hub_before=$(git -C "$hub" for-each-ref)
expect 1 "conflict: E/RES/2009/7 (zh) .*resdiff resolve" -C b pull
R -C b push >"$work/out" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "push with a conflict exits $rc: $(cat "$work/err")"
grep -q "unresolved conflict" "$work/err" || fail "push does not say why: $(cat "$work/err")"
grep -q "resdiff resolve" "$work/err" || fail "push does not name resdiff resolve: $(cat "$work/err")"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "push does not list the conflict: $(cat "$work/err")"
grep -q "nothing pushed" "$work/err" || fail "push does not say nothing was pushed: $(cat "$work/err")"
[ "$(git -C "$hub" for-each-ref)" = "$hub_before" ] || fail "a refused push moved refs at the hub"
R -C b series >/dev/null 2>"$work/err" || fail "series"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "series does not mention the conflict"
R -C b log >/dev/null 2>"$work/err" || fail "log"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "log does not mention the conflict"
R -C b blame 2009/7:OP6 >/dev/null 2>"$work/err" || fail "blame"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "blame does not mention the conflict"
R -C b stats ecosoc-wsis >/dev/null 2>"$work/err" || fail "stats"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "stats does not mention the conflict"
R -C b diff 2009/7 2017/21 >/dev/null 2>"$work/err"; [ $? -le 1 ] || fail "diff"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "diff of stored documents does not mention the conflict"
R -C b resolve 2009/7 --take=ours >/dev/null 2>&1 || fail "resolve"
R -C b push >"$work/out" 2>&1 || fail "push after resolve: $(cat "$work/out")"
R -C b series >/dev/null 2>"$work/err" && [ ! -s "$work/err" ] || fail "series after resolve: $(cat "$work/err")"
R -C a pull >/dev/null 2>&1 || fail "pull a after resolve"
[ "$(git -C a rev-parse record)" = "$(git -C "$hub" rev-parse record)" ] || fail "a and the hub differ"
say "a kept conflict: pull lists it (exit 1), push refuses (exit 1, nothing moved), series and log say it; resolved, push goes"

# ---- a withdrawal against a correction ------------------------------------
# a conflict whose document one side withdrew: the message says which side,
# a second pull still lists it (exit 1, not "up to date" and 0), and resolve
# finds it also when this copy withdrew it (stored in no tree but conflicts/)
fix() { sed '0,/注意到/s//欣见/' "$src/corpus/$1.zh.txt" >"$2/$1.zh.txt"; cmp -s "$src/corpus/$1.zh.txt" "$2/$1.zh.txt" && fail "the correction of $1 changed nothing"; }
fix E_RES_2017_21 theirs
R -C b pull >/dev/null 2>&1
R -C a rm -q 2017/21 >/dev/null 2>&1 || R -C a rm 2017/21 >/dev/null 2>&1 || fail "rm 2017/21 in a"
R -C b import -q --manifest "$src/corpus/corpus.manifest" theirs/E_RES_2017_21.zh.txt >/dev/null || fail "correct 2017/21 in b"
R -C a push >/dev/null 2>&1 || fail "push the withdrawal"
expect 1 "conflict: E/RES/2017/21 (zh) changed here and withdrawn on the other side.*'theirs' withdraws it" -C b pull
expect 1 "conflict: E/RES/2017/21 (zh) .*resdiff resolve" -C b pull
grep -q "up to date" "$work/out" || fail "the second pull said: $(cat "$work/out")"
expect 2 "take=nope: no such file; --take is 'ours', 'theirs' or the file" -C b resolve 2017/21 --take=nope
expect 2 "the text names itself E/RES/2009/7, not E/RES/2017/21" -C b resolve 2017/21 --take="$src/corpus/E_RES_2009_7.zh.txt"
R -C b resolve 2017/21 --take=theirs >/dev/null 2>&1 || fail "resolve a withdrawal there"
R -C b ls 2>/dev/null | grep -q "E/RES/2017/21" && fail "the withdrawal taken left 2017/21 listed"
R -C b pull >/dev/null 2>&1 || fail "pull after resolve exits non-zero"
R -C b push >/dev/null 2>&1 || fail "push b after the first withdrawal conflict"
fix A_RES_65_141 mine
R -C a pull >/dev/null 2>&1 || fail "pull a"
R -C a import -q --manifest "$src/corpus/corpus.manifest" mine/A_RES_65_141.zh.txt >/dev/null || fail "correct 65/141 in a"
R -C b rm 65/141 >/dev/null 2>&1 || fail "rm 65/141 in b"
R -C a push >/dev/null 2>&1 || fail "push the correction"
expect 1 "conflict: A/RES/65/141 (zh) withdrawn here and changed on the other side" -C b pull
R -C b resolve 65/141 --take=theirs >"$work/out" 2>"$work/err" || fail "resolve of a document this copy withdrew: $(cat "$work/err")"
R -C b show 65/141 2>/dev/null | grep -q 欣见 || fail "resolve --take=theirs did not bring their text back"
R -C b push >/dev/null 2>&1 || fail "push b after the second withdrawal conflict"
R -C a pull >/dev/null 2>&1 || fail "pull a after both"
[ "$(git -C a rev-parse record)" = "$(git -C "$hub" rev-parse record)" ] || fail "a and the hub differ"
say "a withdrawal against a correction: pull says which side withdrew and repeats it until resolved; resolve settles it on either side"
# 3. A remote named by a relative path is read from the repository's
#    directory, as git reads it (git -C REPO push), not from the working
#    directory resdiff runs in.
mkdir -p rel && git init -q --bare rel/hub.git && R init rel/a.git >/dev/null ||
  fail "the relative-remote repositories"
git -C rel/a.git remote add origin ../hub.git || fail "remote add ../hub.git"
R -C rel/a.git import -q --manifest "$src/corpus/corpus.manifest" >/dev/null || fail "import in rel/a.git"
R -C rel/a.git push >"$work/out" 2>"$work/err" || fail "push to ../hub.git from $work: $(cat "$work/err")"
[ "$(git -C rel/a.git rev-parse record)" = "$(git -C rel/hub.git rev-parse record)" ] ||
  fail "push to ../hub.git did not reach rel/hub.git"
R -C rel/a.git pull >/dev/null 2>&1 || fail "pull from ../hub.git"
say "a remote given as a relative path is read from the repository, as git reads it"
say "all passed"
