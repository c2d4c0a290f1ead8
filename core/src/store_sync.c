/* store_sync.c: durability. A writer makes what a ref will publish durable
 * (objects, packs, their directories) before the ref moves: a crash or a
 * power cut then leaves every ref naming objects that are on disk. libgit2
 * does it for what it writes itself (GIT_OPT_ENABLE_FSYNC_GITDIR: loose
 * objects and refs, each with its directory); this file does the rest. */
#define _GNU_SOURCE  /* syncfs */
#include "store_internal.h"

#include <git2/sys/refdb_backend.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* libgit2 reads GIT_OPT_ENABLE_FSYNC_GITDIR for loose objects at every
 * write, but for refs once, when the ref database's backend is made: make
 * a fresh one under the setting wanted. */
static int refdb_sync(resdiff_store *s, bool on)
{
	git_refdb *db = NULL;
	git_refdb_backend *backend = NULL;
	int error = 0;

	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on ? 1 : 0);
	if (git_repository_refdb(&db, s->repo) < 0 || git_refdb_backend_fs(&backend, s->repo) < 0 ||
	    git_refdb_set_backend(db, backend) < 0) {
		if (backend && backend->free)
			backend->free(backend);
		error = resdiff_error_set(RESDIFF_EIO, "cannot open the refs: %s",
			git_error_last() ? git_error_last()->message : "unknown error");
	}
	git_refdb_free(db);
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, s->fsync ? 1 : 0);
	return error;
}

int store_sync_configure(resdiff_store *s)
{
	/* process-wide in libgit2: set it for the store that writes now */
	return refdb_sync(s, s->fsync);
}

int store_sync_derived_refs(resdiff_store *s, bool start)
{
	return refdb_sync(s, start ? false : s->fsync);
}

int store_fsync_path(resdiff_store *s, const char *path)
{
	int fd, error = 0;

	if (!s->fsync)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return resdiff_error_set(RESDIFF_EIO, "cannot open '%s' to sync it: %s", path,
			strerror(errno));
	/* EINVAL: a file system that cannot sync (tmpfs directories can) */
	if (fsync(fd) < 0 && errno != EINVAL)
		error = resdiff_error_set(RESDIFF_EIO, "cannot sync '%s': %s", path, strerror(errno));
	close(fd);
	return error;
}

int store_fsync_dir(resdiff_store *s, const char *rel, bool parents)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	int error;

	if (!s->fsync)
		return 0;
	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, rel)) < 0)
		return error;
	for (;;) {
		char *slash;
		if ((error = store_fsync_path(s, path.ptr)) < 0 || !parents)
			break;
		/* up to the git dir itself (which has a trailing '/') */
		if (path.size <= strlen(s->gitdir) || !(slash = strrchr(path.ptr, '/')) ||
		    (size_t)(slash - path.ptr) < strlen(s->gitdir) - 1)
			break;
		*slash = '\0';
		path.size = (size_t)(slash - path.ptr);
	}
	resdiff_buf_dispose(&path);
	return error;
}

int store_sync_all(resdiff_store *s)
{
	int fd, error = 0;

	if (!s->fsync)
		return 0;
	if ((fd = open(s->gitdir, O_RDONLY | O_CLOEXEC)) < 0)
		return resdiff_error_set(RESDIFF_EIO, "cannot open '%s': %s", s->gitdir, strerror(errno));
	if (syncfs(fd) < 0)
		error = resdiff_error_set(RESDIFF_EIO, "cannot sync '%s': %s", s->gitdir, strerror(errno));
	close(fd);
	return error;
}

int store_note(resdiff_store *s, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = resdiff_buf_vprintf(&s->notes, fmt, ap);
	va_end(ap);
	return error < 0 ? error : resdiff_buf_putc(&s->notes, '\n');
}
