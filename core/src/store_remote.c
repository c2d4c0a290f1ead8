/* store_remote.c: clone, pull, push and resolve (resdiff/remote.h).
 * git's remotes are the distributed engine: fetch and push are libgit2's;
 * what is resdiff's own is the reconciliation of two records that
 * diverged (a merge of their trees, document by document) and the order in
 * which refs travel: the record fast-forward only, the derived refs after
 * it, trusted by readers only when they name the record's tip. */
#define _XOPEN_SOURCE 700  /* nftw */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/canon.h"
#include "resdiff/name.h"
#include "resdiff/provenance.h"
#include "resdiff/remote.h"

#include <git2/sys/commit.h>
#include <nettle/base64.h>
#include <nettle/hmac.h>
#include <ctype.h>
#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest line of a known_hosts file we read. */
#define KNOWN_HOSTS_LINE_MAX 16384
/* The system's CA certificates (Debian's ca-certificates; $SSL_CERT_FILE
 * and $SSL_CERT_DIR override, as for OpenSSL). */
#define CA_BUNDLE_FILE "/etc/ssl/certs/ca-certificates.crt"
#define CA_BUNDLE_DIR "/etc/ssl/certs"
/* Most refs one push names (derived refs: views and symbols). */
#define PUSH_REFS_MAX 1000000

/* ---- credentials and host keys -------------------------------------- */

typedef struct {
	int tries;
	char error[512];   /* what a refused push said, else "" */
	char refused[256]; /* the ref refused */
} remote_ctx;

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		unsigned int allowed, void *payload)
{
	remote_ctx *c = payload;
	const char *key = getenv("RESDIFF_SSH_KEY");
	const char *user = user_from_url;

	(void)url;
	if (++c->tries > RESDIFF_REMOTE_AUTH_TRIES) {
		git_error_set_str(GIT_ERROR_NET, "authentication failed (tried ssh-agent, "
			"$RESDIFF_SSH_KEY, $RESDIFF_TOKEN as they apply)");
		return GIT_EAUTH;
	}
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (!user || !user[0])
			user = getenv("RESDIFF_SSH_USER");
		if (!user || !user[0])
			user = "git";
		/* the key file first when one is named, ssh-agent on the next try */
		if (key && key[0] && c->tries == 1) {
			char pub[4200];
			struct stat st;
			snprintf(pub, sizeof(pub), "%s.pub", key);
			return git_credential_ssh_key_new(out, user, stat(pub, &st) == 0 ? pub : NULL, key,
				getenv("RESDIFF_SSH_PASSPHRASE"));
		}
		if (!getenv("SSH_AUTH_SOCK") || !getenv("SSH_AUTH_SOCK")[0]) {
			git_error_set(GIT_ERROR_NET, key && key[0] ?
				"the server refused the key %s of user %s (and no ssh-agent: $SSH_AUTH_SOCK "
				"is not set)" : "no ssh key: start ssh-agent or name a key file in "
				"$RESDIFF_SSH_KEY (user %s)", key && key[0] ? key : user, user);
			return GIT_EAUTH;
		}
		return git_credential_ssh_key_from_agent(out, user);
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		const char *token = getenv("RESDIFF_TOKEN");
		if (!token || !token[0]) {
			git_error_set_str(GIT_ERROR_NET, "the server asks for a password: set $RESDIFF_TOKEN "
				"(and $RESDIFF_USER)");
			return GIT_EAUTH;
		}
		if (getenv("RESDIFF_USER") && getenv("RESDIFF_USER")[0])
			user = getenv("RESDIFF_USER");
		return git_credential_userpass_plaintext_new(out, user && user[0] ? user : "resdiff", token);
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user && user[0] ? user : "git");
	return GIT_PASSTHROUGH;
}

/* Does one host pattern of a known_hosts line name host ("name" on port
 * 22, "[name]:port" otherwise), plainly or hashed (|1|salt|hash)? */
static bool host_matches(const char *pattern, size_t plen, const char *host)
{
	if (plen > 3 && !strncmp(pattern, "|1|", 3)) {
		struct base64_decode_ctx b;
		uint8_t salt[64], want[64], mac[SHA1_DIGEST_SIZE];
		size_t slen = sizeof(salt), wlen = sizeof(want);
		const char *bar = memchr(pattern + 3, '|', plen - 3);
		struct hmac_sha1_ctx h;
		if (!bar)
			return false;
		base64_decode_init(&b);
		if (!base64_decode_update(&b, &slen, salt, (size_t)(bar - pattern - 3), pattern + 3) ||
		    !base64_decode_final(&b))
			return false;
		base64_decode_init(&b);
		if (!base64_decode_update(&b, &wlen, want, plen - (size_t)(bar + 1 - pattern), bar + 1) ||
		    !base64_decode_final(&b) || wlen != SHA1_DIGEST_SIZE)
			return false;
		hmac_sha1_set_key(&h, slen, salt);
		hmac_sha1_update(&h, strlen(host), (const uint8_t *)host);
		hmac_sha1_digest(&h, sizeof(mac), mac);
		return memcmp(mac, want, sizeof(mac)) == 0;
	}
	return strlen(host) == plen && !strncmp(pattern, host, plen);
}

/* Is key (raw, as the server sent it) the one known_hosts has for host? */
static int known_host(bool *found, bool *other_key, const char *file, const char *host,
		const unsigned char *key, size_t keylen)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	uint8_t *dec = NULL;
	int error = 0;

	*found = *other_key = false;
	if (!f)
		return 0;
	if (!(line = malloc(KNOWN_HOSTS_LINE_MAX)) || !(dec = malloc(KNOWN_HOSTS_LINE_MAX))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	while (fgets(line, KNOWN_HOSTS_LINE_MAX, f)) {
		char *hosts = line, *type, *b64, *p;
		size_t declen = KNOWN_HOSTS_LINE_MAX;
		struct base64_decode_ctx b;
		bool named = false;
		while (*hosts == ' ' || *hosts == '\t')
			hosts++;
		if (*hosts == '#' || *hosts == '\n' || !*hosts || *hosts == '@')
			continue;  /* comments; @cert-authority and @revoked are not ours */
		if (!(type = strpbrk(hosts, " \t")))
			continue;
		*type++ = '\0';
		while (*type == ' ' || *type == '\t')
			type++;
		if (!(b64 = strpbrk(type, " \t")))
			continue;
		*b64++ = '\0';
		while (*b64 == ' ' || *b64 == '\t')
			b64++;
		for (p = b64; *p && !isspace((unsigned char)*p); p++)
			;
		*p = '\0';
		for (p = hosts; *p;) {
			size_t n = strcspn(p, ",");
			if (host_matches(p, n, host))
				named = true;
			p += n + (p[n] == ',');
		}
		if (!named)
			continue;
		base64_decode_init(&b);
		if (!base64_decode_update(&b, &declen, dec, strlen(b64), b64) || !base64_decode_final(&b))
			continue;
		if (declen == keylen && !memcmp(dec, key, keylen))
			*found = true;
		else
			*other_key = true;
	}
done:
	free(line);
	free(dec);
	fclose(f);
	return error;
}

static int certificate_check(git_cert *cert, int valid, const char *host, void *payload)
{
	git_cert_hostkey *hk = (git_cert_hostkey *)cert;
	const char *file = getenv("RESDIFF_KNOWN_HOSTS"), *url = payload;
	char path[4200], name[600];
	bool found = false, other = false;
	int port = 22;

	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
		return valid ? 0 : GIT_PASSTHROUGH;  /* TLS: libgit2's own check */
	if (!(hk->type & GIT_CERT_SSH_RAW)) {
		git_error_set_str(GIT_ERROR_SSH, "the server's host key cannot be checked");
		return GIT_ECERTIFICATE;
	}
	if (!file || !file[0]) {
		snprintf(path, sizeof(path), "%s/.ssh/known_hosts", getenv("HOME") ? getenv("HOME") : "");
		file = path;
	}
	/* the port, from an ssh://host:port/ URL */
	if (url && !strncmp(url, "ssh://", 6)) {
		const char *h = strchr(url + 6, '@'), *slash = strchr(url + 6, '/'), *colon;
		h = h && (!slash || h < slash) ? h + 1 : url + 6;
		if (*h == '[')
			h = strchr(h, ']') ? strchr(h, ']') : h;
		colon = strchr(h, ':');
		if (colon && (!slash || colon < slash))
			port = atoi(colon + 1);
	}
	if (port == 22)
		snprintf(name, sizeof(name), "%s", host);
	else
		snprintf(name, sizeof(name), "[%s]:%d", host, port);
	if (known_host(&found, &other, file, name, (const unsigned char *)hk->hostkey,
			hk->hostkey_len) < 0)
		return GIT_ECERTIFICATE;
	if (found)
		return 0;
	git_error_set(GIT_ERROR_SSH, other ?
		"the host key of %s is not the one %s has for it: refusing (someone may be "
		"impersonating the server)" :
		"the host key of %s is not in %s: add it (ssh-keyscan, or one ssh login) and retry",
		name, file);
	return GIT_ECERTIFICATE;
}

/* ---- the remote -------------------------------------------------------- */

/* Does name look like a path or URL rather than a remote's name? */
static bool looks_like_location(const char *name)
{
	struct stat st;
	return strchr(name, '/') || strchr(name, ':') || strchr(name, '\\') || name[0] == '.' ||
		name[0] == '~' || stat(name, &st) == 0;
}

/* An https remote: load the CA certificates, once a process. libgit2
 * loads its compiled-in location at init, but the executable makes that
 * load nothing (cmd/startup.c: a diff must not pay for it), so they are
 * named here, where they are needed, and only then. */
static int tls_setup(const char *url)
{
	static bool done;
	const char *file = getenv("SSL_CERT_FILE"), *dir = getenv("SSL_CERT_DIR");
	struct stat st;

	if (done || !url || strncmp(url, "https://", 8))
		return 0;
	if (!file || !file[0])
		file = stat(CA_BUNDLE_FILE, &st) == 0 ? CA_BUNDLE_FILE : NULL;
	if (!dir || !dir[0])
		dir = !file && stat(CA_BUNDLE_DIR, &st) == 0 ? CA_BUNDLE_DIR : NULL;
	if (!file && !dir)
		return 0;  /* none on this system: libgit2's own, if any */
	if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir) < 0) {
		int error = resdiff_error_set(RESDIFF_EIO, "cannot load the CA certificates %s: %s",
			file ? file : dir, git_error_last() ? git_error_last()->message : "unknown error");
		git_error_clear();
		return error;
	}
	done = true;
	return 0;
}

/* A remote URL that is a relative path (not absolute, no scheme, not
 * host:path) means a path from the repository's directory, as git reads
 * it in `git -C REPO push`; libgit2 would read it from this process's
 * working directory. Sets this remote instance's URL (the stored
 * configuration is left as it is). */
static bool relative_path_url(const char *url)
{
	const char *colon, *slash;
	if (!url || !url[0] || url[0] == '/' || url[0] == '~' || strstr(url, "://"))
		return false;
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	return !colon || (slash && slash < colon);
}

static int remote_resolve_relative(git_remote *remote, resdiff_store *s)
{
	const char *dir = git_repository_is_bare(s->repo) ? git_repository_path(s->repo)
		: git_repository_workdir(s->repo);
	const char *urls[2] = { git_remote_url(remote), git_remote_pushurl(remote) };
	resdiff_buf b = RESDIFF_BUF_INIT;
	int k, error = 0;

	for (k = 0; k < 2 && !error; k++) {
		if (!dir || !relative_path_url(urls[k]))
			continue;
		resdiff_buf_clear(&b);
		if ((error = resdiff_buf_printf(&b, "%s%s%s", dir,
				dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", urls[k])) < 0)
			break;
		if ((k ? git_remote_set_instance_pushurl(remote, b.ptr)
		       : git_remote_set_instance_url(remote, b.ptr)) < 0)
			error = resdiff_git_fail(-1, git_remote_name(remote));
	}
	resdiff_buf_dispose(&b);
	return error;
}

static int remote_open(git_remote **out, resdiff_store *s, const char *name)
{
	git_strarray names = { NULL, 0 };
	resdiff_buf list = RESDIFF_BUF_INIT;
	size_t i;
	int gerr = git_remote_lookup(out, s->repo, name), error;

	if (gerr == 0 && ((error = remote_resolve_relative(*out, s)) < 0 ||
	    (error = tls_setup(git_remote_url(*out))) < 0)) {
		git_remote_free(*out);
		*out = NULL;
		return error;
	}
	if (gerr != GIT_ENOTFOUND && gerr != GIT_EINVALIDSPEC)
		return gerr < 0 ? resdiff_git_fail(gerr, name) : 0;
	git_error_clear();
	if (git_remote_list(&names, s->repo) == 0)
		for (i = 0; i < names.count; i++)
			if (resdiff_buf_printf(&list, "%s%s", i ? ", " : "", names.strings[i]) < 0)
				break;
	git_error_clear();
	if (looks_like_location(name))
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "'%s' is a path or URL, not the name of a "
			"remote: name it once (git -C %s remote add NAME %s), then use NAME; this "
			"repository's remotes: %s", name, s->gitdir, name, list.size ? list.ptr : "none");
	else if (list.size)
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no remote '%s' in %s; its remotes: %s "
			"(add one: git -C %s remote add %s URL)", name, s->gitdir, list.ptr, s->gitdir, name);
	else
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no remote '%s' in %s, which has no remotes "
			"(add one: git -C %s remote add %s URL)", name, s->gitdir, s->gitdir, name);
	git_strarray_dispose(&names);
	resdiff_buf_dispose(&list);
	return error;
}

/* The remote's message, with its name and URL. A local remote (a path,
 * file://) whose path is gone is said so: libgit2 says "unsupported URL
 * protocol" of it. */
static int remote_fail(git_remote *remote, const char *what)
{
	const git_error *e = git_error_last();
	const char *url = git_remote_url(remote), *path = url;
	const char *colon = url ? strchr(url, ':') : NULL, *slash = url ? strchr(url, '/') : NULL;
	char gone[600] = "";
	struct stat st;
	int error;

	if (url && !strncmp(url, "file://", 7))
		path = url + 7;
	else if (url && (strstr(url, "://") || (colon && (!slash || colon < slash))))
		path = NULL;  /* ssh://, git://, http(s)://, user@host:path */
	if (path && path[0] && stat(path, &st) < 0)
		snprintf(gone, sizeof(gone), "no repository at %s: %s", path, strerror(errno));
	error = resdiff_error_set(RESDIFF_EIO, "cannot %s %s (%s): %s", what,
		git_remote_name(remote) ? git_remote_name(remote) : "?", url ? url : "?",
		gone[0] ? gone : e && e->message ? e->message : "unknown error");
	git_error_clear();
	return error;
}

/* certificate_check wants the URL (for the port): payload of the ctx. */
typedef struct {
	remote_ctx ctx;
	const char *url;
} remote_session;

static int cert_with_url(git_cert *cert, int valid, const char *host, void *payload)
{
	remote_session *rs = payload;
	return certificate_check(cert, valid, host, (void *)rs->url);
}

static int cred_with_url(git_credential **out, const char *url, const char *user,
		unsigned int allowed, void *payload)
{
	remote_session *rs = payload;
	return credentials(out, url, user, allowed, &rs->ctx);
}

static void session_callbacks(git_remote_callbacks *cb, remote_session *rs, git_remote *remote)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	rs->url = git_remote_url(remote);
	cb->credentials = cred_with_url;
	cb->certificate_check = cert_with_url;
	cb->payload = rs;
}

/* ---- reconciling two records ------------------------------------------ */

/* Symbol and language of a record path "<lang>/<dir>/<NAME>.txt". */
static int path_symbol(char **symbol, char lang[8], const char *path)
{
	const char *slash = strchr(path, '/'), *base = strrchr(path, '/');
	char name[1024];
	size_t n;

	*symbol = NULL;
	if (!slash || !base || (size_t)(slash - path) >= 8)
		return resdiff_error_set(RESDIFF_EINVALID, "not a record path: %s", path);
	memcpy(lang, path, (size_t)(slash - path));
	lang[slash - path] = '\0';
	n = strlen(base + 1);
	if (n < 5 || n >= sizeof(name) || strcmp(base + 1 + n - 4, ".txt"))
		return resdiff_error_set(RESDIFF_EINVALID, "not a record path: %s", path);
	memcpy(name, base + 1, n - 4);
	name[n - 4] = '\0';
	return resdiff_name_to_symbol(symbol, name);
}

static bool entry_id(git_oid *out, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	if (!tree || git_tree_entry_bypath(&e, tree, path) < 0) {
		git_error_clear();
		return false;
	}
	git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return true;
}

static bool same(bool has_a, const git_oid *a, bool has_b, const git_oid *b)
{
	return has_a == has_b && (!has_a || git_oid_equal(a, b));
}

typedef struct {
	git_tree_update *updates;
	size_t count, alloc;
	char **paths;          /* owned copies of the update paths */
} update_list;

static int updates_add(update_list *u, const char *path, const git_oid *blob)
{
	git_tree_update *up;
	if (u->count == u->alloc) {
		size_t n = u->alloc ? u->alloc * 2 : 64;
		git_tree_update *nu = realloc(u->updates, n * sizeof(*nu));
		char **np;
		if (!nu)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		u->updates = nu;
		if (!(np = realloc(u->paths, n * sizeof(*np))))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		u->paths = np;
		u->alloc = n;
	}
	if (!(u->paths[u->count] = strdup(path)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	up = &u->updates[u->count];
	memset(up, 0, sizeof(*up));
	up->path = u->paths[u->count];
	if (blob) {
		up->action = GIT_TREE_UPDATE_UPSERT;
		up->filemode = GIT_FILEMODE_BLOB;
		git_oid_cpy(&up->id, blob);
	} else
		up->action = GIT_TREE_UPDATE_REMOVE;
	u->count++;
	return 0;
}

static void updates_dispose(update_list *u)
{
	size_t i;
	for (i = 0; i < u->count; i++)
		free(u->paths[i]);
	free(u->paths);
	free(u->updates);
}

/* The merge of the trees of ours and theirs over their merge base (NULL
 * when they share no history): a document changed on one side only takes
 * that side's version; changed differently on both, ours stays and theirs
 * is kept under RESDIFF_REMOTE_CONFLICT_DIR. */
static int merge_trees(git_oid *out, resdiff_pull_result *res, resdiff_buf *trailers,
		resdiff_store *s, git_tree *base, git_tree *ours, git_tree *theirs)
{
	git_diff *diff = NULL;
	update_list u = { NULL, 0, 0, NULL };
	resdiff_buf cpath = RESDIFF_BUF_INIT;
	git_oid empty;
	size_t i;
	int error = 0;

	GIT_TRY(git_diff_tree_to_tree(&diff, s->repo, base, theirs, NULL), "cannot compare records");
	GIT_TRY(git_blob_create_from_buffer(&empty, s->repo, "", 0), "cannot write a blob");
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
		git_oid b, o, t;
		bool hb = entry_id(&b, base, path), ho = entry_id(&o, ours, path),
		     ht = entry_id(&t, theirs, path);
		bool in_conflicts = !strncmp(path, RESDIFF_REMOTE_CONFLICT_DIR "/",
			strlen(RESDIFF_REMOTE_CONFLICT_DIR) + 1);
		char *symbol = NULL, lang[8];

		if (same(ho, &o, hb, &b)) {
			/* ours did not touch it: theirs */
			if ((error = updates_add(&u, path, ht ? &t : NULL)) < 0)
				goto done;
			if (!in_conflicts)
				res->taken++;
			continue;
		}
		if (same(ho, &o, ht, &t) || in_conflicts)
			continue;  /* the same change on both sides; or a conflict both keep */
		/* a true conflict: both texts stay */
		resdiff_buf_clear(&cpath);
		if ((error = resdiff_buf_printf(&cpath, "%s/%s", RESDIFF_REMOTE_CONFLICT_DIR, path)) < 0 ||
		    (error = updates_add(&u, cpath.ptr, ht ? &t : &empty)) < 0 ||
		    (error = path_symbol(&symbol, lang, path)) < 0)
			goto done;
		error = resdiff_buf_printf(trailers, "Conflict: %s (%s)\n", symbol, lang);
		free(symbol);
		if (error < 0)
			goto done;
		res->conflicts++;
	}
	GIT_TRY(git_tree_create_updated(out, s->repo, ours, u.count, u.updates),
		"cannot write the merged record");
done:
	resdiff_buf_dispose(&cpath);
	updates_dispose(&u);
	git_diff_free(diff);
	return error;
}

/* The remote's storage format must be ours (its readme names it). */
static int check_remote_format(resdiff_store *s, const char *name)
{
	char spec[600];
	git_object *obj = NULL;
	int format = 0, error = 0;

	snprintf(spec, sizeof(spec), "refs/remotes/%s/readme:%s", name, RESDIFF_STORE_FORMAT_FILE);
	if (git_revparse_single(&obj, s->repo, spec) == 0 && git_object_type(obj) == GIT_OBJECT_BLOB) {
		char num[16];
		size_t n = (size_t)git_blob_rawsize((git_blob *)obj);
		if (n && n < sizeof(num)) {
			memcpy(num, git_blob_rawcontent((git_blob *)obj), n);
			num[n] = '\0';
			format = atoi(num);
		}
	}
	git_object_free(obj);
	git_error_clear();
	if (format != s->format)
		error = resdiff_error_set(RESDIFF_EINVALID, format ?
			"the record of '%s' is in storage format %d, this repository in %d: upgrade the "
			"older one first ('resdiff upgrade', or a newer resdiff)" :
			"'%s' has a record but no readme naming its storage format: it was written by a "
			"resdiff older than format 3; run 'resdiff upgrade' there first", name, format,
			s->format);
	return error;
}

static int reconcile(resdiff_pull_result *res, resdiff_store *s, const char *name)
{
	char theirs_ref[600];
	git_oid ours, theirs, base, tree_id, merge;
	git_commit *oc = NULL, *tc = NULL, *bc = NULL;
	git_tree *ot = NULL, *tt = NULL, *bt = NULL;
	git_signature *sig = NULL;
	resdiff_buf msg = RESDIFF_BUF_INIT, trailers = RESDIFF_BUF_INIT;
	bool has_ours, has_base;
	int error = 0, gerr;

	snprintf(theirs_ref, sizeof(theirs_ref), "refs/remotes/%s/record", name);
	if (git_reference_name_to_id(&theirs, s->repo, theirs_ref) < 0) {
		git_error_clear();
		goto done;  /* the remote has no record yet */
	}
	if ((error = check_remote_format(s, name)) < 0)
		goto done;
	has_ours = git_reference_name_to_id(&ours, s->repo, RESDIFF_STORE_RECORD_REF) == 0;
	git_error_clear();
	if (!has_ours) {
		if ((error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, NULL, &theirs,
				"resdiff pull: fast-forward")) < 0)
			goto done;
		res->outcome = RESDIFF_PULL_FAST_FORWARD;
		goto done;
	}
	gerr = git_merge_base(&base, s->repo, &ours, &theirs);
	if (gerr < 0 && gerr != GIT_ENOTFOUND) {
		error = resdiff_git_fail(gerr, "cannot compare the records");
		goto done;
	}
	git_error_clear();
	has_base = gerr == 0;
	if (has_base && git_oid_equal(&base, &theirs))
		goto done;  /* we have all of theirs */
	if (has_base && git_oid_equal(&base, &ours)) {
		if ((error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, &ours, &theirs,
				"resdiff pull: fast-forward")) < 0)
			goto done;
		res->outcome = RESDIFF_PULL_FAST_FORWARD;
		goto done;
	}
	GIT_TRY(git_commit_lookup(&oc, s->repo, &ours), "cannot read the record");
	GIT_TRY(git_commit_lookup(&tc, s->repo, &theirs), theirs_ref);
	GIT_TRY(git_commit_tree(&ot, oc), "cannot read the record");
	GIT_TRY(git_commit_tree(&tt, tc), theirs_ref);
	if (has_base) {
		GIT_TRY(git_commit_lookup(&bc, s->repo, &base), "cannot read the record");
		GIT_TRY(git_commit_tree(&bt, bc), "cannot read the record");
	}
	if ((error = merge_trees(&tree_id, res, &trailers, s, bt, ot, tt)) < 0)
		goto done;
	if ((error = resdiff_buf_printf(&msg, "merge %s: %zu document%s from %s", name, res->taken,
			res->taken == 1 ? "" : "s", name)) < 0 ||
	    (res->conflicts && (error = resdiff_buf_printf(&msg, ", %zu conflict%s", res->conflicts,
			res->conflicts == 1 ? "" : "s")) < 0) ||
	    (error = resdiff_buf_puts(&msg, "\n")) < 0 ||
	    (trailers.size && (error = resdiff_buf_printf(&msg, "\n%s", trailers.ptr)) < 0))
		goto done;
	if ((error = store_record_signature(&sig, s)) < 0)
		goto done;
	{
		const git_oid *parents[2] = { &ours, &theirs };
		GIT_TRY(git_commit_create_from_ids(&merge, s->repo, NULL, sig, sig, NULL, msg.ptr,
			&tree_id, 2, parents), "cannot write the merge commit");
	}
	if ((error = store_sync_objects(s)) < 0 ||
	    (error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, &ours, &merge,
			"resdiff pull: merge")) < 0)
		goto done;
	res->outcome = RESDIFF_PULL_MERGED;
done:
	git_signature_free(sig);
	git_tree_free(ot);
	git_tree_free(tt);
	git_tree_free(bt);
	git_commit_free(oc);
	git_commit_free(tc);
	git_commit_free(bc);
	resdiff_buf_dispose(&msg);
	resdiff_buf_dispose(&trailers);
	return error;
}

/* refs/remotes/NAME/X for our refs/heads/X, into buf. */
static void remote_name_of(char *buf, size_t size, const char *name, const char *ref)
{
	snprintf(buf, size, "refs/remotes/%s/%s", name, ref + strlen("refs/heads/"));
}

/* Does moving `ref` from its value (absent: *had false) to `theirs` lose
 * nothing: absent, equal, or an ancestor of theirs? */
static bool ref_follows(resdiff_store *s, const git_oid *ours, bool had, const git_oid *theirs)
{
	bool ok = !had || git_oid_equal(ours, theirs) ||
		git_graph_descendant_of(s->repo, theirs, ours) == 1;
	git_error_clear();
	return ok;
}

/* One derived ref taken from the remote when ref_follows. */
static int adopt_one(resdiff_store *s, const char *name, const char *ref)
{
	char rref[1200];
	git_oid ours, theirs;
	bool had;

	remote_name_of(rref, sizeof(rref), name, ref);
	if (git_reference_name_to_id(&theirs, s->repo, rref) < 0) {
		git_error_clear();
		return 0;
	}
	had = git_reference_name_to_id(&ours, s->repo, ref) == 0;
	git_error_clear();
	if ((had && git_oid_equal(&ours, &theirs)) || !ref_follows(s, &ours, had, &theirs))
		return 0;
	return store_ref_publish(s, ref, had ? &ours : NULL, &theirs, "resdiff pull: the remote's");
}

/* After a pull that left our record the remote's (a clone, a
 * fast-forward), the remote's derived refs are what this copy would
 * compute: taken as they are, rather than computed again into commits of
 * our own. A clone wrote its own index and withdrawals commits (same
 * trees, no parent), so its first push replaced the remote's by force and
 * left them dangling there and here. A ref is taken only when ours is
 * absent or an ancestor of theirs (nothing of ours is left unreachable);
 * the views (series, symbol refs, stamp) only all together, when their
 * stamp names the record and every view ref of ours follows; the stamp
 * last. What is not taken is computed as before (views repair, index
 * update), and those check what was taken against the record. */
static int adopt_derived(resdiff_store *s, const char *name)
{
	static const char *const groups[] = { RESDIFF_STORE_SERIES_PREFIX, RESDIFF_STORE_SYMBOL_PREFIX };
	resdiff_buf theirs = RESDIFF_BUF_INIT, ours = RESDIFF_BUF_INIT;
	char rref[1200], rprefix[600];
	git_oid record, their_record, stamp, our_stamp;
	const char *p, *nl;
	size_t g;
	int error = 0;
	bool ok = true;

	if (s->format < 3)
		return 0;  /* derived refs outside refs/heads/: not fetched */
	remote_name_of(rref, sizeof(rref), name, RESDIFF_STORE_RECORD_REF);
	if (git_reference_name_to_id(&record, s->repo, RESDIFF_STORE_RECORD_REF) < 0 ||
	    git_reference_name_to_id(&their_record, s->repo, rref) < 0 ||
	    !git_oid_equal(&record, &their_record)) {
		git_error_clear();
		return 0;
	}
	if ((error = adopt_one(s, name, RESDIFF_INDEX_REF)) < 0 ||
	    (error = adopt_one(s, name, RESDIFF_STORE_WITHDRAWALS_REF)) < 0)
		goto done;
	/* the views: their stamp must name the record, ours must not yet */
	remote_name_of(rref, sizeof(rref), name, RESDIFF_STORE_VIEWS_REF);
	if (git_reference_name_to_id(&stamp, s->repo, rref) < 0 || !git_oid_equal(&stamp, &record) ||
	    (git_reference_name_to_id(&our_stamp, s->repo, RESDIFF_STORE_VIEWS_REF) == 0 &&
	     git_oid_equal(&our_stamp, &record))) {
		git_error_clear();
		goto done;
	}
	git_error_clear();
	for (g = 0; g < 2 && ok; g++) {
		resdiff_buf_clear(&ours);
		if ((error = store_list_refs(&ours, s, groups[g])) < 0)
			goto done;
		for (p = ours.ptr; ok && p && *p; p = nl + 1) {
			char ref[1200];
			git_oid o, t;
			nl = strchr(p, '\n');
			snprintf(ref, sizeof(ref), "%.*s", (int)(nl - p), p);
			remote_name_of(rref, sizeof(rref), name, ref);
			ok = git_reference_name_to_id(&o, s->repo, ref) == 0 &&
				git_reference_name_to_id(&t, s->repo, rref) == 0 && ref_follows(s, &o, true, &t);
			git_error_clear();
		}
	}
	for (g = 0; g < 2 && ok && !error; g++) {
		remote_name_of(rprefix, sizeof(rprefix), name, groups[g]);
		resdiff_buf_clear(&theirs);
		if ((error = store_list_refs(&theirs, s, rprefix)) < 0)
			goto done;
		for (p = theirs.ptr; p && *p && !error; p = nl + 1) {
			char ref[1200];
			nl = strchr(p, '\n');
			snprintf(ref, sizeof(ref), "%s%.*s", groups[g], (int)(nl - p - strlen(rprefix)),
				p + strlen(rprefix));
			error = adopt_one(s, name, ref);
		}
	}
	if (ok && !error)
		error = adopt_one(s, name, RESDIFF_STORE_VIEWS_REF);
done:
	resdiff_buf_dispose(&theirs);
	resdiff_buf_dispose(&ours);
	return error;
}

int resdiff_remote_pull(resdiff_pull_result *res, resdiff_buf *report, resdiff_store *s,
		const char *name)
{
	git_remote *remote = NULL;
	git_fetch_options fo;
	remote_session rs;
	char spec[600];
	char *specs[1] = { spec };
	git_strarray refspecs = { specs, 1 };
	git_oid tip;
	int error = 0;

	memset(res, 0, sizeof(*res));
	memset(&rs, 0, sizeof(rs));
	if (!name)
		name = RESDIFF_REMOTE_DEFAULT;
	if ((error = store_check_writable(s)) < 0 || (error = store_lock_acquire(s)) < 0)
		return error;
	if ((error = store_sync_configure(s)) < 0 || (error = remote_open(&remote, s, name)) < 0)
		goto done;
	{
		/* a pull may have to write a merge commit: known before anything moves */
		bool fallback;
		if ((error = store_identity_check(s, &fallback)) < 0)
			goto done;
	}
	/* every branch of the remote, as a stock clone has them */
	snprintf(spec, sizeof(spec), "+refs/heads/*:refs/remotes/%s/*", name);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	session_callbacks(&fo.callbacks, &rs, remote);
	fo.prune = GIT_FETCH_PRUNE;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (git_remote_fetch(remote, &refspecs, &fo, "resdiff pull") < 0) {
		error = remote_fail(remote, "fetch from");
		goto done;
	}
	if ((error = reconcile(res, s, name)) < 0 || (error = adopt_derived(s, name)) < 0)
		goto done;
	/* views and index follow the record (views first: the stamp says) */
	if ((error = store_views_repair(s)) < 0)
		goto done;
	if (git_reference_name_to_id(&tip, s->repo, RESDIFF_STORE_RECORD_REF) == 0)
		git_oid_tostr(res->record, sizeof(res->record), &tip);
	git_error_clear();
	if ((error = resdiff_index_update(NULL, s)) < 0)
		goto done;
	switch (res->outcome) {
	case RESDIFF_PULL_UP_TO_DATE:
		error = resdiff_buf_printf(report, "already up to date with %s\n", name);
		break;
	case RESDIFF_PULL_FAST_FORWARD:
		error = resdiff_buf_printf(report, "fast-forward to %s's record %.12s\n", name,
			res->record);
		break;
	case RESDIFF_PULL_MERGED:
		error = resdiff_buf_printf(report, "merged %s's record: %zu document%s taken, "
			"%zu conflict%s; record %.12s\n", name, res->taken, res->taken == 1 ? "" : "s",
			res->conflicts, res->conflicts == 1 ? "" : "s", res->record);
		break;
	}
done:
	store_lock_release(s);
	git_remote_free(remote);
	return error;
}

/* ---- clone ------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Remove what init made in a new or empty directory (nftw: no recursion
 * of ours). */
static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;
	if (!d)
		return true;
	while (empty && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/* A local source (a path, file://) is looked at before anything is made:
 * missing, not a git repository, or a git repository with branches but
 * neither record nor readme. Other transports are checked after the fetch. */
static int check_clone_source(const char *url)
{
	const char *path = url, *colon = strchr(url, ':'), *slash = strchr(url, '/');
	git_repository *repo = NULL;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	struct stat st;
	bool branches = false, resdiff = false;
	int error = 0;

	if (!strncmp(url, "file://", 7))
		path = url + 7;
	else if (strstr(url, "://") || (colon && (!slash || colon < slash)))
		return 0;  /* ssh://, git://, http(s)://, user@host:path */
	if (stat(path, &st) < 0)
		return resdiff_error_set(RESDIFF_ENOTFOUND, "no repository at %s: %s", path,
			strerror(errno));
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		git_error_clear();
		/* it may be one another user owns: that is why, not "no repository" */
		if ((error = store_refuse_foreign_owner(path)) < 0)
			return error;
		return resdiff_error_set(RESDIFF_ENOTFOUND, "no repository at %s (%s, but not a git "
			"repository)", path, S_ISDIR(st.st_mode) ? "a directory" : "a file");
	}
	if (git_reference_iterator_glob_new(&it, repo, "refs/heads/*") == 0) {
		while (git_reference_next(&ref, it) == 0) {
			const char *n = git_reference_name(ref);
			branches = true;
			if (!strcmp(n, RESDIFF_STORE_RECORD_REF) || !strcmp(n, RESDIFF_STORE_README_REF))
				resdiff = true;
			git_reference_free(ref);
		}
	}
	git_reference_iterator_free(it);
	git_repository_free(repo);
	git_error_clear();
	if (branches && !resdiff)
		error = resdiff_error_set(RESDIFF_EINVALID, "%s is a git repository but not a resdiff "
			"one (no record, no readme branch): nothing cloned", path);
	return error;
}

int resdiff_remote_clone(resdiff_pull_result *res, resdiff_buf *report, const char *url,
		const char *path)
{
	resdiff_store *s = NULL;
	git_remote *remote = NULL;
	resdiff_buf pulled = RESDIFF_BUF_INIT;
	char source[PATH_MAX];
	const char *stored = url;
	bool created = false, existed;
	struct stat st;
	int error = 0;

	memset(res, 0, sizeof(*res));
	git_libgit2_init();  /* as resdiff_store_init: released at exit */
	if ((error = check_clone_source(url)) < 0)
		return error;
	existed = stat(path, &st) == 0;
	if (existed && !S_ISDIR(st.st_mode))
		return resdiff_error_set(RESDIFF_EINVALID, "cannot clone into %s: it is a file (name a "
			"new or empty directory)", path);
	if (existed) {
		git_repository *r = NULL;
		if (git_repository_open_ext(&r, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
			git_repository_free(r);
			error = resdiff_error_set(RESDIFF_EINVALID, "cannot clone into %s: it is a git "
				"repository already (in a resdiff copy, 'resdiff pull' brings it up to date); "
				"name a new or empty directory", path);
			return error;
		}
		git_error_clear();
		if (!dir_empty(path))
			return resdiff_error_set(RESDIFF_EINVALID, "cannot clone into %s: the directory is "
				"not empty (name a new or empty directory)", path);
	}
	if ((error = resdiff_store_init(&s, &created, path)) < 0)
		goto done;
	if (!created) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s is a resdiff repository already; "
			"'resdiff pull' brings it up to date", path);
		goto done;
	}
	/* a relative source path is stored absolute, as git clone stores it:
	 * the clone's remote is then read from wherever it runs */
	if (relative_path_url(url) && realpath(url, source))
		stored = source;
	if (git_remote_create(&remote, s->repo, RESDIFF_REMOTE_DEFAULT, stored) < 0) {
		error = resdiff_git_fail(-1, url);
		goto done;
	}
	/* pull's own line ("already up to date with origin", "fast-forward
	 * to ...") says nothing of a clone: the clone's line below says it */
	error = resdiff_remote_pull(res, &pulled, s, RESDIFF_REMOTE_DEFAULT);
	resdiff_buf_dispose(&pulled);
	if (error < 0)
		goto done;
	if (!res->record[0]) {
		/* branches but neither record nor readme: some other git repository */
		resdiff_buf theirs = RESDIFF_BUF_INIT;
		git_reference *readme = NULL;
		/* a hub 'resdiff init' made and nothing pushed yet has its readme:
		 * an empty resdiff repository, cloned as such */
		bool has_readme = git_reference_lookup(&readme, s->repo, "refs/remotes/"
			RESDIFF_REMOTE_DEFAULT "/readme") == 0;  /* RESDIFF_STORE_README_REF */
		git_reference_free(readme);
		git_error_clear();
		error = store_list_refs(&theirs, s, "refs/remotes/" RESDIFF_REMOTE_DEFAULT "/");
		if (error == 0 && theirs.size && !has_readme)
			error = resdiff_error_set(RESDIFF_EINVALID, "%s is a git repository but not a "
				"resdiff one (no record, no readme branch): nothing cloned", url);
		resdiff_buf_dispose(&theirs);
		if (error < 0)
			goto done;
	}
	if (!res->record[0])
		error = resdiff_buf_printf(report, "cloned %s into %s: its record is empty\n", url, path);
	else
		error = resdiff_buf_printf(report, "cloned %s into %s: record %.12s\n", url, path,
			res->record);
done:
	git_remote_free(remote);
	resdiff_store_free(s);
	if (error < 0 && created) {
		/* nothing half-made is left */
		char *keep = strdup(resdiff_error_last());
		remove_tree(path);
		if (existed)
			mkdir(path, 0755);
		if (keep) {
			resdiff_error_set(error, "%s", keep);
			free(keep);
		}
	}
	return error;
}

/* ---- push ---------------------------------------------------------------- */

static int push_update(const char *ref, const char *status, void *payload)
{
	remote_session *rs = payload;
	if (status && !rs->ctx.error[0]) {
		snprintf(rs->ctx.error, sizeof(rs->ctx.error), "%s", status);
		snprintf(rs->ctx.refused, sizeof(rs->ctx.refused), "%s", ref);
	}
	return 0;
}

typedef struct {
	char **items;
	size_t count, alloc;
} spec_list;

/* Add the push refspec "[+]src:dst" (dst NULL: same as src; src NULL:
 * delete dst). */
static int specs_add(spec_list *l, bool force, const char *src, const char *dst)
{
	char buf[2500];
	if (l->count >= PUSH_REFS_MAX)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d refs to push", PUSH_REFS_MAX);
	if (l->count == l->alloc) {
		size_t n = l->alloc ? l->alloc * 2 : 64;
		char **ni = realloc(l->items, n * sizeof(*ni));
		if (!ni)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		l->items = ni;
		l->alloc = n;
	}
	snprintf(buf, sizeof(buf), "%s%s:%s", force ? "+" : "", src ? src : "", dst ? dst : src);
	if (!(l->items[l->count] = strdup(buf)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	l->count++;
	return 0;
}

static void specs_dispose(spec_list *l)
{
	size_t i;
	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
}

static int push_specs(git_remote *remote, remote_session *rs, spec_list *l)
{
	git_push_options po;
	git_strarray arr;
	int gerr;

	if (!l->count)
		return 0;
	arr.strings = l->items;
	arr.count = l->count;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	session_callbacks(&po.callbacks, rs, remote);
	po.callbacks.push_update_reference = push_update;
	rs->ctx.error[0] = rs->ctx.refused[0] = '\0';
	rs->ctx.tries = 0;  /* a new connection */
	if ((gerr = git_remote_push(remote, &arr, &po)) == GIT_ENONFASTFORWARD) {
		/* the local transport refuses before the update: as a server would */
		snprintf(rs->ctx.error, sizeof(rs->ctx.error), "non-fast-forward");
		snprintf(rs->ctx.refused, sizeof(rs->ctx.refused), "%s", RESDIFF_STORE_RECORD_REF);
		git_error_clear();
		return 0;
	}
	if (gerr < 0)
		return remote_fail(remote, "push to");
	return 0;
}

/* Derived refs the remote has and we do not: deleted there. */
static int add_deletions(spec_list *l, resdiff_store *s, const char *name, const char *prefix)
{
	resdiff_buf theirs = RESDIFF_BUF_INIT, rp = RESDIFF_BUF_INIT;
	const char *p, *nl;
	int error;

	if ((error = resdiff_buf_printf(&rp, "refs/remotes/%s/%s", name, prefix + strlen("refs/heads/"))) < 0 ||
	    (error = store_list_refs(&theirs, s, rp.ptr)) < 0)
		goto done;
	for (p = theirs.ptr; p && *p; p = nl + 1) {
		char ours[1200];
		git_oid id;
		nl = strchr(p, '\n');
		snprintf(ours, sizeof(ours), "%s%.*s", prefix, (int)(nl - p - rp.size), p + rp.size);
		if (git_reference_name_to_id(&id, s->repo, ours) < 0) {
			git_error_clear();
			if ((error = specs_add(l, false, NULL, ours)) < 0)
				goto done;
		}
	}
done:
	resdiff_buf_dispose(&theirs);
	resdiff_buf_dispose(&rp);
	return error;
}

/* Before anything is pushed: the remote must hold this storage format or
 * nothing at all. Its readme commit is a pure function of the format, so
 * one look at the remote's refs tells; when it differs, the readme is
 * fetched (refs/remotes/NAME/readme) so the error names both formats.
 * Without this, a server (which takes refs one by one) could accept the
 * record of one format beside the readme of another. */
static int check_push_format(resdiff_store *s, git_remote *remote, remote_session *rs,
		const char *name)
{
	git_remote_callbacks cb;
	const git_remote_head **heads = NULL;
	git_oid ours;
	size_t n = 0, i;
	bool has_readme = false, has_record = false, same = false;
	int error = 0;

	if ((error = store_readme_commit(&ours, s)) < 0)
		return error;
	session_callbacks(&cb, rs, remote);
	if (git_remote_connect(remote, GIT_DIRECTION_FETCH, &cb, NULL, NULL) < 0 ||
	    git_remote_ls(&heads, &n, remote) < 0) {
		error = remote_fail(remote, "read the refs of");
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (!strcmp(heads[i]->name, RESDIFF_STORE_README_REF)) {
			has_readme = true;
			same = git_oid_equal(&heads[i]->oid, &ours);
		} else if (!strcmp(heads[i]->name, RESDIFF_STORE_RECORD_REF)) {
			has_record = true;
		}
	}
	git_remote_disconnect(remote);
	if (same || (!has_readme && !has_record))
		goto done;
	if (!has_readme) {
		error = resdiff_error_set(RESDIFF_EINVALID, "'%s' has a record but no readme naming its "
			"storage format: it was written by a resdiff older than format 3; run 'resdiff "
			"upgrade' there first; nothing pushed", name);
		goto done;
	}
	{
		git_fetch_options fo;
		char spec[600];
		char *specs[1] = { spec };
		git_strarray refspecs = { specs, 1 };
		snprintf(spec, sizeof(spec), "+%s:refs/remotes/%s/readme", RESDIFF_STORE_README_REF, name);
		git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
		session_callbacks(&fo.callbacks, rs, remote);
		fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
		if (git_remote_fetch(remote, &refspecs, &fo, "resdiff push: the remote's format") < 0) {
			error = remote_fail(remote, "fetch the readme of");
			goto done;
		}
	}
	if ((error = check_remote_format(s, name)) == 0)
		error = resdiff_error_set(RESDIFF_EINVALID, "'%s' holds a readme that is not the one of "
			"storage format %d: it was not written by resdiff; nothing pushed", name, s->format);
done:
	git_error_clear();
	return error;
}

/* Before a derived ref that is a single chain (the index, the
 * withdrawals list) is pushed by force over a value of the remote's that
 * ours does not contain (two copies each computed their own after a pull
 * merged their records): our commit again, with the remote's as a
 * second parent (same tree, message, author and committer: readers see
 * the same index), so the remote's stays reachable there and here
 * instead of dangling, and the push is a fast-forward. The remote's value
 * is the one the last fetch saw (refs/remotes/NAME/...); one pushed since
 * by another copy is unknown here and is replaced as before. Under the
 * writer lock; the ref moves only from the value read. */
static int fold_remote_derived(resdiff_store *s, const char *name, const char *ref)
{
	char rref[1200];
	git_oid ours, theirs, merged;
	git_commit *oc = NULL, *tc = NULL;
	git_tree *tree = NULL;
	bool locked = false;
	int error = 0;

	remote_name_of(rref, sizeof(rref), name, ref);
	if (git_reference_name_to_id(&ours, s->repo, ref) < 0 ||
	    git_reference_name_to_id(&theirs, s->repo, rref) < 0 || git_oid_equal(&ours, &theirs) ||
	    git_graph_descendant_of(s->repo, &ours, &theirs) != 0 ||
	    git_commit_lookup(&tc, s->repo, &theirs) < 0) {
		git_error_clear();
		goto done;  /* nothing to fold: absent, equal, contained, or not here */
	}
	if ((error = store_check_writable(s)) < 0 || (!store_locked(s) &&
	    ((error = store_lock_acquire(s)) < 0 || !(locked = true))))
		goto done;
	GIT_TRY(git_commit_lookup(&oc, s->repo, &ours), ref);
	GIT_TRY(git_commit_tree(&tree, oc), ref);
	{
		const git_commit *parents[2] = { oc, tc };
		GIT_TRY(git_commit_create(&merged, s->repo, NULL, git_commit_author(oc),
			git_commit_committer(oc), git_commit_message_encoding(oc), git_commit_message(oc),
			tree, 2, parents), "cannot write the derived commit");
	}
	if ((error = store_fsync_dir(s, "objects", false)) == 0)
		error = store_ref_publish(s, ref, &ours, &merged, "resdiff push: the remote's kept");
done:
	if (locked)
		store_lock_release(s);
	git_tree_free(tree);
	git_commit_free(oc);
	git_commit_free(tc);
	return error;
}

int resdiff_remote_push(resdiff_buf *report, resdiff_store *s, const char *name)
{
	git_remote *remote = NULL;
	remote_session rs;
	spec_list first = { NULL, 0, 0 }, derived = { NULL, 0, 0 };
	resdiff_buf refs = RESDIFF_BUF_INIT;
	const char *p, *nl;
	git_oid tip;
	int error = 0;

	memset(&rs, 0, sizeof(rs));
	if (!name)
		name = RESDIFF_REMOTE_DEFAULT;
	if (git_reference_name_to_id(&tip, s->repo, RESDIFF_STORE_RECORD_REF) < 0) {
		git_error_clear();
		return resdiff_error_set(RESDIFF_ENOTFOUND, "the record is empty: nothing to push");
	}
	/* conflicts a pull kept stay local until settled: pushed, they would
	 * reach every copy unresolved */
	if ((error = resdiff_remote_conflicts(&refs, s)) < 0)
		goto done;
	if (refs.size) {
		size_t n = 0;
		for (p = refs.ptr; *p; p = nl + 1, n++)
			nl = strchr(p, '\n');
		p = strchr(refs.ptr, '\t');
		nl = strchr(p + 1, '\t');  /* SYMBOL\tlang\thow */
		error = resdiff_error_set(RESDIFF_ECONFLICT, "the record holds %zu unresolved "
			"conflict%s (first: %.*s (%.*s)): settle %s with 'resdiff resolve SYMBOL "
			"--take=ours|theirs|FILE' ('resdiff log' lists them), then push; nothing pushed",
			n, n == 1 ? "" : "s", (int)(p - refs.ptr), refs.ptr, (int)(nl - p - 1), p + 1,
			n == 1 ? "it" : "each");
		goto done;
	}
	if ((error = remote_open(&remote, s, name)) < 0 ||
	    (error = check_push_format(s, remote, &rs, name)) < 0)
		goto done;
	/* 1. the record (and the readme) fast-forward only: git's compare-and-swap */
	if ((error = specs_add(&first, false, RESDIFF_STORE_README_REF, NULL)) < 0 ||
	    (error = specs_add(&first, false, RESDIFF_STORE_RECORD_REF, NULL)) < 0 ||
	    (error = push_specs(remote, &rs, &first)) < 0)
		goto done;
	if (rs.ctx.error[0]) {
		error = resdiff_error_set(RESDIFF_EMODIFIED, "%s refused %s (%s): its record has "
			"changes this copy lacks; run 'resdiff pull %s', then push again", name,
			rs.ctx.refused, rs.ctx.error, name);
		goto done;
	}
	/* 2. the derived refs, forced: each names the record it was built from,
	 * and readers of the remote rebuild what does not match its record;
	 * the single chains keep the remote's value reachable */
	if ((error = fold_remote_derived(s, name, RESDIFF_INDEX_REF)) < 0 ||
	    (error = fold_remote_derived(s, name, RESDIFF_STORE_WITHDRAWALS_REF)) < 0)
		goto done;
	if ((error = store_list_refs(&refs, s, RESDIFF_STORE_SERIES_PREFIX)) < 0 ||
	    (error = store_list_refs(&refs, s, RESDIFF_STORE_SYMBOL_PREFIX)) < 0)
		goto done;
	for (p = refs.ptr; p && *p; p = nl + 1) {
		char ref[1200];
		nl = strchr(p, '\n');
		snprintf(ref, sizeof(ref), "%.*s", (int)(nl - p), p);
		if ((error = specs_add(&derived, true, ref, NULL)) < 0)
			goto done;
	}
	if ((error = add_deletions(&derived, s, name, RESDIFF_STORE_SERIES_PREFIX)) < 0 ||
	    (error = add_deletions(&derived, s, name, RESDIFF_STORE_SYMBOL_PREFIX)) < 0)
		goto done;
	{
		git_oid id;
		if (git_reference_name_to_id(&id, s->repo, RESDIFF_INDEX_REF) == 0 &&
		    (error = specs_add(&derived, true, RESDIFF_INDEX_REF, NULL)) < 0)
			goto done;
		/* the withdrawals list names its record too (format 5) */
		if (git_reference_name_to_id(&id, s->repo, RESDIFF_STORE_WITHDRAWALS_REF) == 0 &&
		    (error = specs_add(&derived, true, RESDIFF_STORE_WITHDRAWALS_REF, NULL)) < 0)
			goto done;
		/* the stamp last: it vouches for the views */
		if (git_reference_name_to_id(&id, s->repo, RESDIFF_STORE_VIEWS_REF) == 0 &&
		    (error = specs_add(&derived, true, RESDIFF_STORE_VIEWS_REF, NULL)) < 0)
			goto done;
		git_error_clear();
	}
	if ((error = push_specs(remote, &rs, &derived)) < 0)
		goto done;
	if (rs.ctx.error[0])
		error = resdiff_buf_printf(report, "warning: %s refused %s (%s); its readers compute it "
			"from the record\n", name, rs.ctx.refused, rs.ctx.error);
	if (error >= 0)
		error = resdiff_buf_printf(report, "pushed the record %.12s to %s\n",
			git_oid_tostr_s(&tip), name);
done:
	resdiff_buf_dispose(&refs);
	specs_dispose(&first);
	specs_dispose(&derived);
	git_remote_free(remote);
	return error;
}

/* ---- conflicts ---------------------------------------------------------- */

int resdiff_remote_conflicts(resdiff_buf *out, resdiff_store *s)
{
	git_object *obj = NULL;
	git_tree *top = NULL, *lt = NULL, *dt = NULL;
	char spec[300];
	size_t i, j, k;
	int error = 0;

	snprintf(spec, sizeof(spec), "%s^{tree}", s->record_ref);
	if (git_revparse_single(&obj, s->repo, spec) < 0) {
		git_error_clear();
		return 0;
	}
	{
		git_tree_entry *e = NULL;
		if (git_tree_entry_bypath(&e, (git_tree *)obj, RESDIFF_REMOTE_CONFLICT_DIR) < 0 ||
		    git_tree_lookup(&top, s->repo, git_tree_entry_id(e)) < 0) {
			git_tree_entry_free(e);
			git_error_clear();
			goto done;
		}
		git_tree_entry_free(e);
	}
	for (i = 0; i < git_tree_entrycount(top); i++) {
		const git_tree_entry *le = git_tree_entry_byindex(top, i);
		git_tree_free(lt);
		lt = NULL;
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE)
			continue;
		GIT_TRY(git_tree_lookup(&lt, s->repo, git_tree_entry_id(le)), "conflicts");
		for (j = 0; j < git_tree_entrycount(lt); j++) {
			const git_tree_entry *de = git_tree_entry_byindex(lt, j);
			git_tree_free(dt);
			dt = NULL;
			if (git_tree_entry_type(de) != GIT_OBJECT_TREE)
				continue;
			GIT_TRY(git_tree_lookup(&dt, s->repo, git_tree_entry_id(de)), "conflicts");
			for (k = 0; k < git_tree_entrycount(dt); k++) {
				const git_tree_entry *fe = git_tree_entry_byindex(dt, k);
				char path[1200], *symbol = NULL, lang[8];
				const char *how = "changed";
				git_oid ours;
				git_blob *theirs = NULL;
				snprintf(path, sizeof(path), "%s/%s/%s", git_tree_entry_name(le),
					git_tree_entry_name(de), git_tree_entry_name(fe));
				if (path_symbol(&symbol, lang, path) < 0)
					continue;
				/* an empty text there is their withdrawal; no text at the
				 * document's path is ours */
				if (git_blob_lookup(&theirs, s->repo, git_tree_entry_id(fe)) == 0 &&
				    git_blob_rawsize(theirs) == 0)
					how = "withdrawn-there";
				else if (!entry_id(&ours, (git_tree *)obj, path))
					how = "withdrawn-here";
				git_blob_free(theirs);
				git_error_clear();
				error = resdiff_buf_printf(out, "%s\t%s\t%s\n", symbol, lang, how);
				free(symbol);
				if (error < 0)
					goto done;
			}
		}
	}
done:
	git_tree_free(dt);
	git_tree_free(lt);
	git_tree_free(top);
	git_object_free(obj);
	return error;
}

int resdiff_remote_conflict_find(char **symbol, char **lang, resdiff_store *s, const char *query,
		const char *lang_filter)
{
	resdiff_buf lines = RESDIFF_BUF_INIT, found = RESDIFF_BUF_INIT;
	const char *p, *tab, *tab2, *nl;
	size_t n = 0;
	int error;

	*symbol = *lang = NULL;
	if ((error = resdiff_remote_conflicts(&lines, s)) < 0)
		goto done;
	for (p = lines.ptr; p && *p; p = nl + 1) {
		char *name = NULL;
		bool hit;
		tab = strchr(p, '\t');
		tab2 = tab ? strchr(tab + 1, '\t') : NULL;
		nl = strchr(p, '\n');
		if (!tab2 || !nl || tab2 > nl)
			break;
		if (lang_filter && ((size_t)(tab2 - tab - 1) != strlen(lang_filter) ||
		    strncmp(tab + 1, lang_filter, (size_t)(tab2 - tab - 1))))
			continue;
		{
			char *sym = strndup(p, (size_t)(tab - p));
			if (!sym) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			hit = store_symbol_matches(p, (size_t)(tab - p), query) ||
			      (resdiff_name_from_symbol(&name, sym) == 0 && !strcmp(name, query));
			resdiff_error_clear();
			free(name);
			free(sym);
		}
		if (!hit)
			continue;
		if (n++ == 0 && (!(*symbol = strndup(p, (size_t)(tab - p))) ||
		    !(*lang = strndup(tab + 1, (size_t)(tab2 - tab - 1))))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		if ((error = resdiff_buf_printf(&found, "%s%.*s (%.*s)", n > 1 ? ", " : "",
				(int)(tab - p), p, (int)(tab2 - tab - 1), tab + 1)) < 0)
			goto done;
	}
	if (n == 0)
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no conflict of '%s'", query);
	else if (n > 1)
		error = resdiff_error_set(RESDIFF_EAMBIGUOUS, "'%s' names %zu conflicts: %s (name "
			"one, and its language with --lang)", query, n, found.ptr);
done:
	if (error < 0) {
		free(*symbol);
		free(*lang);
		*symbol = *lang = NULL;
	}
	resdiff_buf_dispose(&found);
	resdiff_buf_dispose(&lines);
	return error;
}

int resdiff_remote_resolve(char commit[41], resdiff_store *s, const char *symbol, const char *lang,
		resdiff_settle take, const resdiff_doc *doc)
{
	resdiff_buf path = RESDIFF_BUF_INIT, cpath = RESDIFF_BUF_INIT, msg = RESDIFF_BUF_INIT,
		canon = RESDIFF_BUF_INIT;
	git_oid tip, theirs, ours, tree_id, id, blob;
	git_commit *tc = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_blob *tb = NULL;
	git_tree_update upd[2];
	size_t n = 0;
	bool has_ours;
	const char *how = take == RESDIFF_SETTLE_OURS ? "ours" : take == RESDIFF_SETTLE_THEIRS ?
		"theirs" : "a new text";
	int error = 0;

	commit[0] = '\0';
	memset(upd, 0, sizeof(upd));
	if ((error = store_check_writable(s)) < 0 || (error = store_lock_acquire(s)) < 0)
		return error;
	if ((error = store_sync_configure(s)) < 0 ||
	    (error = store_doc_path(&path, symbol, lang)) < 0 ||
	    (error = resdiff_buf_printf(&cpath, "%s/%s", RESDIFF_REMOTE_CONFLICT_DIR, path.ptr)) < 0)
		goto done;
	if (git_reference_name_to_id(&tip, s->repo, RESDIFF_STORE_RECORD_REF) < 0) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "the record is empty");
		goto done;
	}
	GIT_TRY(git_commit_lookup(&tc, s->repo, &tip), "cannot read the record");
	GIT_TRY(git_commit_tree(&tree, tc), "cannot read the record");
	if (!entry_id(&theirs, tree, cpath.ptr)) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s (%s) has no conflict to resolve",
			symbol, lang);
		goto done;
	}
	has_ours = entry_id(&ours, tree, path.ptr);
	upd[n].action = GIT_TREE_UPDATE_REMOVE;
	upd[n++].path = cpath.ptr;
	if (take == RESDIFF_SETTLE_THEIRS) {
		GIT_TRY(git_blob_lookup(&tb, s->repo, &theirs), cpath.ptr);
		upd[n].path = path.ptr;
		if (git_blob_rawsize(tb) == 0) {
			/* the other side withdrew it */
			if (has_ours)
				upd[n++].action = GIT_TREE_UPDATE_REMOVE;
		} else {
			upd[n].action = GIT_TREE_UPDATE_UPSERT;
			upd[n].filemode = GIT_FILEMODE_BLOB;
			git_oid_cpy(&upd[n++].id, &theirs);
		}
	} else if (take == RESDIFF_SETTLE_TEXT) {
		if (!doc || !doc->meta.symbol || !doc->meta.language ||
		    strcmp(doc->meta.symbol, symbol) || strcmp(doc->meta.language, lang)) {
			error = resdiff_error_set(RESDIFF_EINVALID, "the text to resolve %s (%s) with names "
				"another document", symbol, lang);
			goto done;
		}
		if ((error = resdiff_canon_write(&canon, doc, NULL)) < 0)
			goto done;
		GIT_TRY(git_blob_create_from_buffer(&blob, s->repo, canon.ptr, canon.size),
			"cannot write a blob");
		upd[n].path = path.ptr;
		upd[n].action = GIT_TREE_UPDATE_UPSERT;
		upd[n].filemode = GIT_FILEMODE_BLOB;
		git_oid_cpy(&upd[n++].id, &blob);
	}
	GIT_TRY(git_tree_create_updated(&tree_id, s->repo, tree, n, upd), "cannot write a tree");
	if ((error = resdiff_buf_printf(&msg, "resolve %s (%s): took %s\n\nSymbol: %s\nLanguage: %s\n"
			"Resolved: %s\n", symbol, lang, how, symbol, lang, how)) < 0 ||
	    (error = store_record_signature(&sig, s)) < 0)
		goto done;
	{
		const git_oid *parents[1] = { &tip };
		GIT_TRY(git_commit_create_from_ids(&id, s->repo, NULL, sig, sig, NULL, msg.ptr, &tree_id,
			1, parents), "cannot write a record commit");
	}
	if ((error = store_sync_objects(s)) < 0 ||
	    (error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, &tip, &id, "resdiff resolve")) < 0)
		goto done;
	git_oid_tostr(commit, 41, &id);
	error = store_views_repair(s);
done:
	store_lock_release(s);
	git_blob_free(tb);
	git_signature_free(sig);
	git_tree_free(tree);
	git_commit_free(tc);
	resdiff_buf_dispose(&path);
	resdiff_buf_dispose(&cpath);
	resdiff_buf_dispose(&msg);
	resdiff_buf_dispose(&canon);
	return error;
}
