# tests/crash/audit.awk: the fsync-order audit (issue 13) over a trace of
# resdiff writing a repository:
#   strace -f -qq -y -e trace=write,pwrite64,ftruncate,fsync,fdatasync,syncfs,\
#     mkdir,link,rename,unlink -o LOG resdiff ...
#   awk -v repo=/abs/path/to/repo.git/ -f audit.awk LOG
#
# A kill keeps the page cache; a power cut does not. What a power cut can
# lose is whatever was not synced: data written since its file's last
# fsync, and names (rename, link, mkdir) made since their directory's last
# fsync. The rules, for the names readers trust (objects and packs, the
# record, the views stamp, the index ref, the config of an upgrade):
#   1. a file's data is synced before its name is published (renamed or
#      linked into place);
#   2. when a trusted ref moves, every name made before it in the
#      repository is durable (its directory synced since): the objects it
#      names, the directories they sit in, and the derived refs (views,
#      symbols) a stamp vouches for;
#   3. at the end, every trusted name is durable.
# Derived refs themselves are written unsynced and made durable together
# (syncfs) before the stamp moves: rule 2 checks that.
# syncfs makes everything durable. Prints one line per breach and a
# summary; exits 1 on any breach.

function rel(p) { return index(p, repo) == 1 ? substr(p, length(repo) + 1) : p }
function dir_of(p,   q) { q = p; sub(/\/[^\/]*$/, "", q); return q }
function temp(p) { return p ~ /\.lock$/ || p ~ /\/tmp_[^\/]*$/ || p ~ /tmp_object_git2_/ }
function trusted_ref(r) {
	return r == "refs/heads/record" || r == "refs/resdiff/views" || r == "refs/resdiff/index" ||
	       r == "refs/heads/resdiff/views" || r == "refs/heads/resdiff/index" ||
	       r == "refs/heads/readme" || r == "config" || r == "packed-refs" || r == "HEAD"
}
function derived_ref(r) {
	return r ~ /^refs\/heads\/series\// || r ~ /^refs\/symbols\// || r ~ /^refs\/heads\/resdiff\/symbols\//
}
function object(r) { return r ~ /^objects\/[0-9a-f][0-9a-f]\// || r ~ /^objects\/pack\/pack-/ }
# the path an "N</path>" argument names
function fd_path(s,   a, b) {
	a = index(s, "</"); if (!a) return ""
	s = substr(s, a + 1); b = index(s, ">"); return substr(s, 1, b - 1)
}
function breach(msg) { printf "audit: line %d: %s\n", NR, msg; bad++ }
function all_durable() { delete dirty; delete pending; npend = 0 }
# a name made in directory d: pending until d is synced
function name_made(p, what) { pending[p] = dir_of(p); kind[p] = what }
function synced_dir(d,   p) { for (p in pending) if (pending[p] == d) delete pending[p] }

BEGIN { bad = 0; checks = 0 }
# skip the unfinished/resumed halves of calls another thread interrupted:
# the writes that matter are the main thread's
/<\.\.\. [a-z0-9]+ resumed>/ { next }
{
	line = $0
	sub(/^[0-9]+ +/, "", line)
	call = line; sub(/\(.*/, "", call)
	if (line ~ / = -1 /) next   # failed calls change nothing
}
call == "write" || call == "pwrite64" || call == "ftruncate" {
	p = fd_path(line); if (p != "") dirty[p] = 1; next
}
call == "fsync" || call == "fdatasync" {
	p = fd_path(line); delete dirty[p]; synced_dir(p); next
}
call == "syncfs" { all_durable(); next }
call == "mkdir" {
	split(line, q, "\""); name_made(q[2], "dir"); next
}
call == "unlink" { next }   # what goes away is temporary or garbage
call == "link" || call == "rename" {
	split(line, q, "\""); from = q[2]; to = q[4]; r = rel(to)
	if (temp(to)) next
	if (trusted_ref(r) || object(r)) {
		checks++
		# rule 1: the data before the name
		if (from in dirty)
			breach(r " published from " rel(from) " before its data was synced")
		# rule 2: a trusted ref moves only over durable names (but for
		# the directories it is made in: losing them loses only this ref,
		# which readers then do without; rule 3 wants them synced after)
		if (trusted_ref(r))
			for (p in pending)
				if (index(to, p "/") != 1)
					breach(r " moved while " rel(p) " (" kind[p] ") was not durable")
	}
	name_made(to, trusted_ref(r) ? "trusted ref" : object(r) ? "object" : \
		derived_ref(r) ? "derived ref" : "file")
	delete dirty[to]   # the name carries the data it had
	if (from in dirty) { dirty[to] = 1; delete dirty[from] }
	next
}
END {
	# rule 3: what readers trust is durable when the command is done
	for (p in pending)
		if (kind[p] != "derived ref" && kind[p] != "file")
			breach("at the end, " rel(p) " (" kind[p] ") is not durable")
	printf "audit: %d publications checked, %d breaches\n", checks, bad
	exit bad > 0
}
