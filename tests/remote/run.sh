#!/bin/sh
# tests/remote/run.sh: a corpus is a git remote (issue 14).
#
#   sh tests/remote/run.sh BUILD/resdiff SRCDIR
#
# Starts real servers on the loopback interface, each on a free port, and
# stops them on exit: git daemon (read and push), git's smart HTTP
# (git http-backend as CGI behind lighttpd), sshd with a throwaway host
# key and user key; plus file:// and a plain path. On each transport:
# resdiff clone and a stock git clone (bare) of a hub, an import on each
# side, a refused push (exit 1, naming 'resdiff pull'), pull both ways,
# then git fsck --strict and identical records and logs everywhere.
# Then: a pull cut off mid-transfer (a relay kills the git daemon after
# part of the pack) leaves the local copy as it was; 4 clones pushing to
# one hub at once, each retrying pull + push when refused, leave every
# import in the hub exactly once; a true conflict is kept, reported (exit
# 1), shown by log and show, blocks push, and is settled by resolve; a plain git clone
# stays clean (git status) under resdiff commands. Every command runs
# under timeout. Exits 77 ("skipped: why") when a server cannot be had.
name=remote
. "$(dirname "$0")/../lib/sandbox.sh"
git config --global protocol.file.allow always
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null; done
  sleep 0.2
  for p in $pids; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
G() { timeout "$T" git "$@"; }

for tool in timeout python3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
gitcore=$(git --exec-path)
[ -x "$gitcore/git-daemon" ] || skip "git daemon is not installed"
[ -x "$gitcore/git-http-backend" ] || skip "git http-backend is not installed"
command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || skip "lighttpd is not installed (.ci/deps.sh)"
[ -x /usr/sbin/sshd ] || skip "sshd is not installed (openssh-server, .ci/deps.sh)"
command -v ssh-keygen >/dev/null || skip "ssh-keygen is not installed (openssh-client)"

# a free loopback port (bound and released by the kernel's choice)
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait until a TCP port accepts connections
wait_port() {
  i=0
  while ! python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && return 1
    sleep 0.1
  done
}

srv="$work/srv"
mkdir -p "$srv"
# the hub every transport starts from: the bundled corpus
base="$work/base.git"
R init "$base" >/dev/null || fail "init"
R -C "$base" import -q --manifest "$src/corpus/corpus.manifest" >/dev/null || fail "import of the corpus"
new_hub() {  # new_hub NAME: a copy of base in $srv, pushable over every transport
  rm -rf "$srv/$1"
  cp -R "$base" "$srv/$1"
  git -C "$srv/$1" config http.receivepack true
}
en() { echo "$src/tests/data/en/$1.txt"; }
import_en() {  # import_en REPO SYMBOL_FILE DATE
  R -C "$1" import -q --lang en --series ga-ict4sd --date "$3" --symbol "$(echo "$2" | tr _ /)" "$(en "$2")" >/dev/null
}

# ---- servers ------------------------------------------------------------

daemon_port=$(free_port)
"$gitcore/git-daemon" --reuseaddr --listen=127.0.0.1 --port="$daemon_port" --base-path="$srv" \
  --export-all --enable=receive-pack --informative-errors "$srv" >"$work/daemon.log" 2>&1 &
daemon_pid=$!
pids="$pids $daemon_pid"
wait_port "$daemon_port" || skip "git daemon did not start: $(cat "$work/daemon.log")"

http_port=$(free_port)
mkdir -p "$work/www"
cat >"$work/lighttpd.conf" <<EOF
server.document-root = "$work/www"
server.bind = "127.0.0.1"
server.port = $http_port
server.modules = ( "mod_alias", "mod_cgi", "mod_setenv" )
server.errorlog = "$work/lighttpd.err"
alias.url = ( "/git" => "$gitcore/git-http-backend" )
\$HTTP["url"] =~ "^/git" {
  cgi.assign = ( "" => "" )
  setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$srv", "GIT_HTTP_EXPORT_ALL" => "1" )
}
EOF
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
"$lighttpd" -D -f "$work/lighttpd.conf" >"$work/lighttpd.log" 2>&1 &
pids="$pids $!"
wait_port "$http_port" || skip "lighttpd did not start: $(cat "$work/lighttpd.log" "$work/lighttpd.err" 2>/dev/null)"

ssh_port=$(free_port)
ssh-keygen -q -t ecdsa -N "" -f "$work/host_key" >/dev/null || fail "ssh-keygen"
ssh-keygen -q -t ecdsa -m PEM -N "" -f "$work/user_key" >/dev/null || fail "ssh-keygen"
cp "$work/user_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
me=$(id -un)
cat >"$work/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $ssh_port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowUsers $me
SetEnv PATH=/usr/bin:/bin:$gitcore
EOF
mkdir -p /run/sshd 2>/dev/null
/usr/sbin/sshd -D -e -f "$work/sshd_config" >"$work/sshd.log" 2>&1 &
pids="$pids $!"
wait_port "$ssh_port" || skip "sshd did not start: $(cat "$work/sshd.log")"
echo "[127.0.0.1]:$ssh_port $(cut -d' ' -f1,2 "$work/host_key.pub")" >"$work/known_hosts"
export RESDIFF_KNOWN_HOSTS="$work/known_hosts" RESDIFF_SSH_KEY="$work/user_key"
unset SSH_AUTH_SOCK
# stock git's ssh: the same key and known_hosts
export GIT_SSH_COMMAND="ssh -F /dev/null -i $work/user_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$work/known_hosts -o BatchMode=yes"
say "servers: git daemon :$daemon_port, lighttpd :$http_port, sshd :$ssh_port"

# ---- the exchange, on every transport ----------------------------------

same_record() {  # same_record REPO...: one record tip, fsck clean, one log
  first=""; firstlog=""
  for r in "$@"; do
    tip=$(git -C "$r" rev-parse record) || fail "$r has no record"
    [ -z "$first" ] && first=$tip
    [ "$tip" = "$first" ] || fail "records differ: $r at $tip, $1 at $first"
    G -C "$r" fsck --strict --no-dangling >"$work/fsck.out" 2>&1 || fail "git fsck $r: $(cat "$work/fsck.out")"
    log=$(R -C "$r" log 2>/dev/null) || fail "resdiff log in $r"
    [ -z "$firstlog" ] && { firstlog=$log; echo "$log" >"$work/first.log"; }
    [ "$log" = "$firstlog" ] || fail "resdiff log differs in $r: $(echo "$log" | diff - "$work/first.log")"
  done
}

exchange() {  # exchange LABEL URL HUBNAME
  label=$1; url=$2; hub="$srv/$3"; d="$work/x-$label"
  mkdir -p "$d"
  R clone "$url" "$d/a" >"$d/out" 2>&1 || fail "$label: resdiff clone: $(cat "$d/out")"
  G clone -q --bare "$url" "$d/b" >"$d/out" 2>&1 || fail "$label: git clone --bare: $(cat "$d/out")"
  # the stock clone reads as is: no note, same log as the hub
  [ "$(R -C "$d/b" log 2>&1)" = "$(R -C "$hub" log 2>&1)" ] || fail "$label: the stock clone reads otherwise"
  import_en "$d/a" A_RES_74_197 2019-12-19 || fail "$label: import in a"
  import_en "$d/b" A_RES_75_202 2020-12-21 || fail "$label: import in b"
  R -C "$d/a" push >"$d/out" 2>&1 || fail "$label: push a: $(cat "$d/out")"
  R -C "$d/b" push >"$d/out" 2>&1; rc=$?
  [ $rc -eq 1 ] || fail "$label: a push behind the remote exits $rc, not 1: $(cat "$d/out")"
  grep -q "resdiff pull" "$d/out" || fail "$label: the refusal does not say 'resdiff pull': $(cat "$d/out")"
  R -C "$d/b" pull >"$d/out" 2>&1 || fail "$label: pull b: $(cat "$d/out")"
  grep -q "merged origin's record: 1 document taken, 0 conflicts" "$d/out" || fail "$label: pull b said: $(cat "$d/out")"
  R -C "$d/b" push >"$d/out" 2>&1 || fail "$label: push b: $(cat "$d/out")"
  R -C "$d/a" pull >"$d/out" 2>&1 || fail "$label: pull a: $(cat "$d/out")"
  grep -q "fast-forward" "$d/out" || fail "$label: pull a said: $(cat "$d/out")"
  same_record "$d/a" "$d/b" "$hub"
  R -C "$d/a" log ga-ict4sd | grep -q "2019-12-19  A/RES/74/197" || fail "$label: 74/197 missing"
  R -C "$d/a" log ga-ict4sd | grep -q "2020-12-21  A/RES/75/202" || fail "$label: 75/202 missing"
  # derived refs travelled: readers of the hub and of a trust them
  for r in "$d/a" "$hub"; do
    [ "$(git -C "$r" rev-parse refs/heads/resdiff/views)" = "$(git -C "$r" rev-parse record)" ] ||
      fail "$label: the views stamp of $r is not the record"
    R -C "$r" blame A/RES/75/202:OP1 >/dev/null 2>"$d/err" || fail "$label: blame in $r"
    [ -s "$d/err" ] && fail "$label: blame in $r said: $(cat "$d/err")"
  done
  say "$label: clone, import on both sides, refused push, pull both ways: same record, fsck clean"
}

new_hub file.git
exchange file "file://$srv/file.git" file.git
new_hub path.git
exchange path "$srv/path.git" path.git
new_hub daemon.git
exchange git-daemon "git://127.0.0.1:$daemon_port/daemon.git" daemon.git
new_hub http.git
exchange http "http://127.0.0.1:$http_port/git/http.git" http.git
new_hub ssh.git
exchange ssh "ssh://$me@127.0.0.1:$ssh_port$srv/ssh.git" ssh.git

# the SSH host key is checked: a known_hosts naming another key refuses
ssh-keygen -q -t ecdsa -N "" -f "$work/other_key" >/dev/null
echo "[127.0.0.1]:$ssh_port $(cut -d' ' -f1,2 "$work/other_key.pub")" >"$work/known_hosts.bad"
RESDIFF_KNOWN_HOSTS="$work/known_hosts.bad" R clone "ssh://$me@127.0.0.1:$ssh_port$srv/ssh.git" \
  "$work/badkey" >"$work/out" 2>&1; rc=$?
[ $rc -eq 2 ] || fail "a changed host key: clone exits $rc: $(cat "$work/out")"
grep -q "not the one" "$work/out" || fail "a changed host key: $(cat "$work/out")"
[ -e "$work/badkey" ] && fail "a failed clone left $work/badkey"
: >"$work/known_hosts.none"
RESDIFF_KNOWN_HOSTS="$work/known_hosts.none" R clone "ssh://$me@127.0.0.1:$ssh_port$srv/ssh.git" \
  "$work/nokey" >"$work/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "is not in" "$work/out" || fail "an unknown host: clone exits $rc: $(cat "$work/out")"
# hashed host names (ssh-keygen -H) are recognised
cp "$work/known_hosts" "$work/known_hosts.hashed"
ssh-keygen -q -H -f "$work/known_hosts.hashed" >/dev/null 2>&1 || fail "ssh-keygen -H"
grep -q '^|1|' "$work/known_hosts.hashed" || fail "known_hosts not hashed"
RESDIFF_KNOWN_HOSTS="$work/known_hosts.hashed" R clone "ssh://$me@127.0.0.1:$ssh_port$srv/ssh.git" \
  "$work/hashed" >"$work/out" 2>&1 || fail "a hashed known_hosts: $(cat "$work/out")"
say "ssh: an unknown or changed host key is refused, nothing left behind; hashed names are read"

# ---- a plain git clone stays clean -------------------------------------
new_hub plain.git
G clone -q "file://$srv/plain.git" "$work/plain" 2>"$work/out" || fail "git clone: $(cat "$work/out")"
[ "$(R -C "$work/plain" log 2>/dev/null)" = "$(R -C "$srv/plain.git" log)" ] || fail "plain clone: log differs"
import_en "$work/plain" A_RES_76_189 2021-12-17 || fail "import in the plain clone"
R -C "$work/plain" push >/dev/null 2>&1 || fail "push from the plain clone"
R -C "$work/plain" pull >/dev/null 2>&1 || fail "pull in the plain clone"
[ -z "$(git -C "$work/plain" status --porcelain)" ] || fail "plain clone: git status: $(git -C "$work/plain" status --porcelain)"
[ "$(git -C "$work/plain" symbolic-ref HEAD)" = refs/heads/readme ] || fail "plain clone: HEAD moved"
same_record "$work/plain" "$srv/plain.git"
say "plain git clone: import, push, pull; git status clean, HEAD on readme"

# ---- a pull cut off mid-transfer ----------------------------------------
new_hub cut.git
R clone "git://127.0.0.1:$daemon_port/cut.git" "$work/cut" >/dev/null 2>&1 || fail "clone for the cut"
# the hub gets more than the relay lets through
for f in A_RES_74_197:2019-12-19 A_RES_75_202:2020-12-21 A_RES_76_189:2021-12-17 A_RES_78_132:2023-12-19; do
  import_en "$srv/cut.git" "${f%%:*}" "${f#*:}" || fail "import in the hub"
done
git -C "$work/cut" for-each-ref >"$work/cut.refs.before"
find "$work/cut" -type f | sort >"$work/cut.files.before"
R -C "$work/cut" log >"$work/cut.log.before" 2>&1
relay_port=$(free_port)
# a relay that kills the git daemon once 4000 bytes of its answer went through
cat >"$work/relay.py" <<'EOF'
import os, signal, socket, sys, threading
lport, dport, dpid, limit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", lport)); ls.listen(8)
lock = threading.Lock(); sent = [0]; done = threading.Event()
def pipe(a, b, count):
    try:
        while not done.is_set():
            x = a.recv(4096)
            if not x: break
            if count:
                with lock:
                    sent[0] += len(x)
                    over = sent[0] >= limit
                if over:
                    b.sendall(x[:len(x) // 2])
                    os.kill(dpid, signal.SIGKILL)   # the server dies mid-transfer
                    done.set()
                    break
            b.sendall(x)
    except OSError: pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
ls.settimeout(0.2)
while not done.is_set():
    try: c, _ = ls.accept()
    except socket.timeout: continue
    d = socket.create_connection(("127.0.0.1", dport))
    threading.Thread(target=pipe, args=(c, d, False), daemon=True).start()
    threading.Thread(target=pipe, args=(d, c, True), daemon=True).start()
EOF
python3 "$work/relay.py" "$relay_port" "$daemon_port" "$daemon_pid" 4000 &
relay_pid=$!
pids="$pids $relay_pid"
wait_port "$relay_port" || fail "relay did not start"
git -C "$work/cut" remote set-url origin "git://127.0.0.1:$relay_port/cut.git"
R -C "$work/cut" pull >"$work/out" 2>&1; rc=$?
kill "$relay_pid" 2>/dev/null
[ $rc -eq 2 ] || fail "a pull cut off exits $rc: $(cat "$work/out")"
sleep 0.2
case "$(ps -o stat= -p "$daemon_pid" 2>/dev/null)" in
  ""|Z*) ;;
  *) fail "the relay did not kill the git daemon" ;;
esac
git -C "$work/cut" for-each-ref >"$work/cut.refs.after"
cmp -s "$work/cut.refs.before" "$work/cut.refs.after" || fail "a cut pull changed refs: $(diff "$work/cut.refs.before" "$work/cut.refs.after")"
find "$work/cut" -type f | sort >"$work/cut.files.after"
cmp -s "$work/cut.files.before" "$work/cut.files.after" || fail "a cut pull left files: $(diff "$work/cut.files.before" "$work/cut.files.after")"
R -C "$work/cut" log >"$work/cut.log.after" 2>&1
cmp -s "$work/cut.log.before" "$work/cut.log.after" || fail "a cut pull changed what log says"
G -C "$work/cut" fsck --strict --no-dangling >/dev/null 2>&1 || fail "a cut pull: fsck"
say "pull cut off mid-transfer (server killed after 4000 bytes): exit 2, refs, files and log unchanged, fsck clean"
# the daemon again, for what follows
"$gitcore/git-daemon" --reuseaddr --listen=127.0.0.1 --port="$daemon_port" --base-path="$srv" \
  --export-all --enable=receive-pack "$srv" >>"$work/daemon.log" 2>&1 &
daemon_pid=$!
pids="$pids $daemon_pid"
wait_port "$daemon_port" || fail "git daemon did not restart"
git -C "$work/cut" remote set-url origin "git://127.0.0.1:$daemon_port/cut.git"
R -C "$work/cut" pull >"$work/out" 2>&1 || fail "the pull again: $(cat "$work/out")"
same_record "$work/cut" "$srv/cut.git"

# ---- 4 clones push at once ---------------------------------------------
new_hub busy.git
url="git://127.0.0.1:$daemon_port/busy.git"
set -- A_RES_74_197:2019-12-19 A_RES_75_202:2020-12-21 A_RES_76_189:2021-12-17 A_RES_78_132:2023-12-19
i=0
for f in "$@"; do
  i=$((i + 1))
  R clone "$url" "$work/busy$i" >/dev/null 2>&1 || fail "clone busy$i"
  import_en "$work/busy$i" "${f%%:*}" "${f#*:}" || fail "import in busy$i"
done
worker() {  # push, and on refusal pull and push again
  n=0
  while [ $n -lt 30 ]; do
    n=$((n + 1))
    R -C "$1" push >>"$1.log" 2>&1; rc=$?
    [ $rc -eq 0 ] && { echo "pushed after $n tries" >>"$1.log"; return 0; }
    [ $rc -eq 1 ] || { echo "push exit $rc" >>"$1.log"; return 1; }
    R -C "$1" pull >>"$1.log" 2>&1; rc=$?
    [ $rc -le 1 ] || { echo "pull exit $rc" >>"$1.log"; return 1; }
  done
  return 1
}
wpids=""
for i in 1 2 3 4; do worker "$work/busy$i" & wpids="$wpids $!"; done
ok=1
for p in $wpids; do wait "$p" || ok=0; done
[ $ok -eq 1 ] || fail "concurrent pushes: $(cat "$work"/busy?.log)"
for f in "$@"; do
  sym=$(echo "${f%%:*}" | tr _ /)
  n=$(git -C "$srv/busy.git" log --format=%s record | grep -c "^import $sym (en)$")
  [ "$n" -eq 1 ] || fail "$sym imported $n times in the hub"
  R -C "$srv/busy.git" log ga-ict4sd | grep -q "  $sym  " || fail "$sym not in the hub's series"
done
for i in 1 2 3 4; do R -C "$work/busy$i" pull >/dev/null 2>&1 || fail "final pull busy$i"; done
same_record "$srv/busy.git" "$work/busy1" "$work/busy2" "$work/busy3" "$work/busy4"
say "4 clones pushing at once with retry: every import in the hub once ($(grep -h 'pushed after' "$work"/busy?.log | tr '\n' ' '))"

# ---- a true conflict ------------------------------------------------------
new_hub conflict.git
url="file://$srv/conflict.git"
R clone "$url" "$work/ca" >/dev/null 2>&1 && R clone "$url" "$work/cb" >/dev/null 2>&1 || fail "clones for the conflict"
f="$src/corpus/E_RES_2009_7.zh.txt"
sed '48s/满意地/欣然/' "$f" >"$work/E_RES_2009_7.zh.txt"
mkdir -p "$work/other"
sed '48s/满意地/高兴地/' "$f" >"$work/other/E_RES_2009_7.zh.txt"
cmp -s "$f" "$work/E_RES_2009_7.zh.txt" && fail "the correction changed nothing"
R -C "$work/ca" import -q --manifest "$src/corpus/corpus.manifest" "$work/E_RES_2009_7.zh.txt" >/dev/null || fail "correction in ca"
R -C "$work/cb" import -q --manifest "$src/corpus/corpus.manifest" "$work/other/E_RES_2009_7.zh.txt" >/dev/null || fail "correction in cb"
import_en "$work/cb" A_RES_75_202 2020-12-21 || fail "import in cb"
R -C "$work/ca" push >/dev/null 2>&1 || fail "push ca"
R -C "$work/cb" pull >"$work/out" 2>&1; rc=$?
[ $rc -eq 1 ] || fail "a conflicting pull exits $rc: $(cat "$work/out")"
grep -q "conflict: E/RES/2009/7 (zh)" "$work/out" || fail "the pull does not name the conflict: $(cat "$work/out")"
git -C "$work/cb" log -1 --format=%B record | grep -q "^Conflict: E/RES/2009/7 (zh)$" || fail "no Conflict: trailer"
# both texts are in the record
git -C "$work/cb" show record:zh/E_RES_2009/E_RES_2009_7.txt | grep -q 高兴地 || fail "ours lost"
git -C "$work/cb" show record:conflicts/zh/E_RES_2009/E_RES_2009_7.txt | grep -q 欣然 || fail "theirs lost"
R -C "$work/cb" log >/dev/null 2>"$work/err"; grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "log does not show the conflict"
R -C "$work/cb" show 2009/7 >/dev/null 2>"$work/err"; grep -q "conflict: E/RES/2009/7 (zh)" "$work/err" || fail "show does not show the conflict"
# it stays local until settled: push refuses, nothing moves at the hub
hub_refs=$(git -C "$srv/conflict.git" for-each-ref)
R -C "$work/cb" push >"$work/out" 2>&1; rc=$?
[ $rc -eq 1 ] || fail "push cb with the conflict exits $rc: $(cat "$work/out")"
grep -q "resdiff resolve" "$work/out" || fail "push with the conflict does not name resolve: $(cat "$work/out")"
[ "$(git -C "$srv/conflict.git" for-each-ref)" = "$hub_refs" ] || fail "a push refused for a conflict moved refs"
R -C "$work/cb" resolve 2009/7 --take=theirs >"$work/out" 2>&1 || fail "resolve: $(cat "$work/out")"
R -C "$work/cb" show 2009/7 2>"$work/err" | grep -q 欣然 || fail "resolve --take=theirs: not theirs"
[ -s "$work/err" ] && fail "show after resolve says: $(cat "$work/err")"
git -C "$work/cb" rev-parse -q --verify record:conflicts >/dev/null && fail "conflicts left after resolve"
R -C "$work/cb" push >/dev/null 2>&1 && R -C "$work/ca" pull >/dev/null 2>&1 || fail "exchange after resolve"
same_record "$work/ca" "$work/cb" "$srv/conflict.git"
say "a true conflict: both texts kept, pull exits 1, log and show say so, push refuses, resolve --take=theirs settles it"
# a second one, settled with a third text (--take=FILE)
sed '48s/满意地/喜悦地/' "$f" >"$work/E_RES_2009_7.zh.txt"
sed '48s/满意地/愉快地/' "$f" >"$work/other/E_RES_2009_7.zh.txt"
R -C "$work/ca" import -q --manifest "$src/corpus/corpus.manifest" "$work/E_RES_2009_7.zh.txt" >/dev/null || fail "second correction in ca"
R -C "$work/cb" import -q --manifest "$src/corpus/corpus.manifest" "$work/other/E_RES_2009_7.zh.txt" >/dev/null || fail "second correction in cb"
R -C "$work/ca" push >/dev/null 2>&1 || fail "push ca (second)"
R -C "$work/cb" pull >"$work/out" 2>&1; rc=$?
[ $rc -eq 1 ] || fail "the second conflicting pull exits $rc: $(cat "$work/out")"
R -C "$work/cb" resolve 2009/7 --take="$f" >"$work/out" 2>&1 || fail "resolve --take=FILE: $(cat "$work/out")"
R -C "$work/cb" show 2009/7 2>"$work/err" >"$work/shown" || fail "show after resolve --take=FILE"
grep -q 满意地 "$work/shown" || fail "resolve --take=FILE: not the file's text"
grep -q "喜悦地\|愉快地" "$work/shown" && fail "resolve --take=FILE: a side's text left"
[ -s "$work/err" ] && fail "show after resolve --take=FILE says: $(cat "$work/err")"
git -C "$work/cb" rev-parse -q --verify record:conflicts >/dev/null && fail "conflicts left after resolve --take=FILE"
R -C "$work/cb" push >/dev/null 2>&1 && R -C "$work/ca" pull >/dev/null 2>&1 || fail "exchange after resolve --take=FILE"
same_record "$work/ca" "$work/cb" "$srv/conflict.git"
say "a second conflict settled with a third text (resolve --take=FILE)"
# a copy upgraded to this format pushes to a remote of the older one:
# refused before anything moves, naming both formats (it said "non-fast-
# forward ... run resdiff pull" before, and a server taking refs one by one
# could have taken the record beside the old readme)
mkdir -p "$work/f3"
tar -C "$work/f3" -xzf "$src/tests/data/format3-drafts/repo.tar.gz" || fail "untar format 3"
old3=$(git -C "$work/f3/format3.git" rev-parse record)
G clone -q --bare "$work/f3/format3.git" "$work/f3/copy.git" || fail "stock clone of a format-3 remote"  # resdiff clone refuses it
R -C "$work/f3/copy.git" upgrade >/dev/null 2>&1 || fail "upgrade of the copy"
import_en "$work/f3/copy.git" A_RES_75_202 2020-12-21 || fail "import in the upgraded copy"
R -C "$work/f3/copy.git" push >"$work/out" 2>&1; rc=$?
[ $rc -ne 0 ] || fail "a push to an older format succeeds"
grep -q "storage format 3, this repository in" "$work/out" || fail "the push does not name the formats: $(cat "$work/out")"
grep -q "resdiff pull" "$work/out" && fail "the push says to pull: $(cat "$work/out")"
[ "$(git -C "$work/f3/format3.git" rev-parse record)" = "$old3" ] || fail "the older remote's record moved"
[ "$(git -C "$work/f3/format3.git" cat-file -p readme:resdiff-format)" = 3 ] || fail "the older remote's readme moved"
say "a push to a remote of an older storage format is refused, naming both, nothing moved"
say "all passed"
