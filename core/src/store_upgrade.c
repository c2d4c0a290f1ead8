/* store_upgrade.c: `resdiff upgrade`, bringing a repository from an older
 * storage format to this resdiff's, one version at a time (docs/FORMAT.md,
 * "Versions"). Each step is kept for as long as the oldest format is read. */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/name.h"
#include "resdiff/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A format 1 lock file whose content cannot be read is being written for
 * this long at most (format 1 wrote it right after creating it). */
#define FORMAT1_LOCK_UNREADABLE_S 10

/*
 * Format 1 writers took the lock by creating resdiff.lock with O_EXCL and
 * deleting it when done; format 2 keeps the file and locks it with flock.
 * A format 1 writer may still be running against this repository (an old
 * binary): create the file the format 1 way first, so that such a writer
 * sees it held (by us: it waits, then gives up), and refuse while one
 * holds it. A file left by a killed format 1 writer is taken over.
 */
static int exclude_format1_writers(resdiff_store *s, resdiff_buf *report)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	char content[256], host[128], myhost[128] = "";
	struct stat st;
	long pid = 0;
	ssize_t n;
	int fd, error = 0;

	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		return error;
	if ((fd = open(path.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) >= 0) {
		close(fd);
		goto done;
	}
	if (errno != EEXIST) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot write to this repository: cannot create "
			"'%s': %s", path.ptr, strerror(errno));
		goto done;
	}
	if ((fd = open(path.ptr, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot read '%s': %s", path.ptr, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	n = read(fd, content, sizeof(content) - 1);
	close(fd);
	content[n > 0 ? n : 0] = '\0';
	host[0] = '\0';
	if (n <= 0 || sscanf(content, "%ld %127s", &pid, host) < 1 || pid <= 0) {
		if (time(NULL) - st.st_mtime < FORMAT1_LOCK_UNREADABLE_S) {
			error = resdiff_error_set(RESDIFF_ELOCKED, "'%s' was just created by another "
				"resdiff process; try again when it is done", path.ptr);
			goto done;
		}
	} else {
		if (gethostname(myhost, sizeof(myhost)) == 0)
			myhost[sizeof(myhost) - 1] = '\0';
		if (host[0] && strcmp(host, myhost)) {
			error = resdiff_error_set(RESDIFF_ELOCKED, "'%s' is held by process %ld on host %s; "
				"upgrade when no resdiff writes to this repository", path.ptr, pid, host);
			goto done;
		}
		if (kill((pid_t)pid, 0) == 0 || errno == EPERM) {
			error = resdiff_error_set(RESDIFF_ELOCKED, "a resdiff writer (process %ld) holds "
				"'%s'; upgrade when it is done", pid, path.ptr);
			goto done;
		}
		error = resdiff_buf_printf(report, "taking over '%s', left by process %ld, which is no "
			"longer running\n", path.ptr, pid);
	}
done:
	resdiff_buf_dispose(&path);
	return error;
}

/* Format 1 -> 2: the writer lock becomes a kernel lock on a permanent
 * file; the record is the one ref readers trust, so the views must match
 * it (a format 1 writer killed between the two left them behind). Index
 * commits chain from the next update on; nothing else is rewritten. */
static int upgrade_1_to_2(resdiff_store *s, resdiff_buf *report)
{
	git_oid record, stamp;
	bool lag;
	int error;

	lag = git_reference_name_to_id(&record, s->repo, RESDIFF_STORE_RECORD_REF) == 0 &&
	      (git_reference_name_to_id(&stamp, s->repo, RESDIFF_STORE_VIEWS_REF) < 0 ||
	       !git_oid_equal(&record, &stamp));
	git_error_clear();
	if (lag) {
		if ((error = store_views_repair(s)) < 0)
			return error;
		if ((error = resdiff_buf_puts(report, "rebuilt the series views, which lagged the "
				"record\n")) < 0)
			return error;
	}
	return 0;
}

/* Drafts -> RESDIFF_STORE_FORMAT_DRAFT_LINKS (docs/FORMAT.md, "Draft
 * links"): documents may carry a draft-of key (written as
 * "resdiff-document 2"; the stored version 1 files stay valid and are not
 * rewritten), and drafts leave the series views. A draft stored by an
 * older format with a series and a date was a member of its view: every
 * view and symbol ref is rebuilt from the record, which drops them. */
static int count_view_draft(store_doc_info *info, void *payload)
{
	/* info->series is NULL for a draft; its presence in the old views
	 * is what the rebuild undoes */
	*(size_t *)payload += info->draft;
	return 0;
}

static int upgrade_draft_links(resdiff_store *s, resdiff_buf *report)
{
	git_tree *root = NULL;
	size_t drafts = 0, i;
	int error;

	if ((error = store_record_tree(&root, s)) == RESDIFF_ENOTFOUND) {
		resdiff_error_clear();
		return 0; /* an empty record: no view to rebuild */
	}
	if (error < 0)
		return error;
	for (i = 0; i < git_tree_entrycount(root) && !error; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(root, i);
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    resdiff_name_language_ok(git_tree_entry_name(e)))
			error = store_each_doc(s, root, git_tree_entry_name(e), false, count_view_draft,
				&drafts);
	}
	git_tree_free(root);
	if (error < 0 || (error = store_views_rebuild(s)) < 0)
		return error;
	return resdiff_buf_printf(report, "rebuilt the series views: drafts belong to none "
		"(%zu draft%s stored)\n", drafts, drafts == 1 ? "" : "s");
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Set resdiff.format durably. libgit2 renames its config.lock into place
 * without syncing it first; a power cut could then leave an empty config.
 * So: take config.lock as git does, let libgit2 edit a scratch copy, write
 * the result into the lock file, sync it, rename it, sync the directory.
 */
static int set_format(resdiff_store *s, int format)
{
	resdiff_buf cfg = RESDIFF_BUF_INIT, lock = RESDIFF_BUF_INIT, tmp = RESDIFF_BUF_INIT;
	git_config *scratch = NULL;
	char *content = NULL;
	size_t len;
	int fd = -1, error = 0;

	if ((error = resdiff_buf_printf(&cfg, "%sconfig", s->gitdir)) < 0 ||
	    (error = resdiff_buf_printf(&lock, "%sconfig.lock", s->gitdir)) < 0 ||
	    (error = resdiff_buf_printf(&tmp, "%stmp_config_%ld", s->gitdir, (long)getpid())) < 0)
		goto done;
	if ((fd = open(lock.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
		error = resdiff_error_set(errno == EEXIST ? RESDIFF_ELOCKED : RESDIFF_EIO,
			"cannot lock the configuration '%s': %s", lock.ptr, strerror(errno));
		goto done;
	}
	if ((error = resdiff_file_read(&content, &len, cfg.ptr)) < 0)
		goto done;
	{
		int tfd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (tfd < 0 || write_all(tfd, content, len) < 0) {
			if (tfd >= 0)
				close(tfd);
			error = resdiff_error_set(RESDIFF_EIO, "cannot write '%s': %s", tmp.ptr, strerror(errno));
			goto done;
		}
		close(tfd);
	}
	free(content);
	content = NULL;
	GIT_TRY(git_config_open_ondisk(&scratch, tmp.ptr), "cannot read the configuration");
	GIT_TRY(git_config_set_int32(scratch, "resdiff.format", format), "cannot set resdiff.format");
	if ((error = resdiff_file_read(&content, &len, tmp.ptr)) < 0)
		goto done;
	if (write_all(fd, content, len) < 0 || (s->fsync && fsync(fd) < 0)) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot write '%s': %s", lock.ptr, strerror(errno));
		goto done;
	}
	close(fd);
	fd = -1;
	if (rename(lock.ptr, cfg.ptr) < 0) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot write '%s': %s", cfg.ptr, strerror(errno));
		goto done;
	}
	lock.size = 0;  /* renamed: nothing to remove */
	error = store_fsync_path(s, s->gitdir);
done:
	if (fd >= 0)
		close(fd);
	if (lock.size)
		unlink(lock.ptr);
	if (tmp.size)
		unlink(tmp.ptr);
	git_config_free(scratch);
	free(content);
	resdiff_buf_dispose(&cfg);
	resdiff_buf_dispose(&lock);
	resdiff_buf_dispose(&tmp);
	return error;
}

typedef int (*upgrade_step)(resdiff_store *s, resdiff_buf *report);

/* steps[v - RESDIFF_STORE_FORMAT_OLDEST] upgrades format v to v + 1 */
static const upgrade_step steps[] = {
	[1 - RESDIFF_STORE_FORMAT_OLDEST] = upgrade_1_to_2,
	[RESDIFF_STORE_FORMAT_DRAFT_LINKS - 1 - RESDIFF_STORE_FORMAT_OLDEST] = upgrade_draft_links,
};

int resdiff_store_upgrade(resdiff_buf *report, resdiff_store *s)
{
	int error = 0, from = s->format;

	if (s->format == RESDIFF_STORE_FORMAT)
		return resdiff_buf_printf(report, "%s is in storage format %d already\n", s->gitdir,
			s->format);
	if (RESDIFF_STORE_FORMAT - RESDIFF_STORE_FORMAT_OLDEST !=
	    (int)(sizeof(steps) / sizeof(steps[0])))
		return resdiff_error_set(RESDIFF_ERROR, "internal: no upgrade step for every format");
	for (int v = from; v < RESDIFF_STORE_FORMAT; v++)
		if (!steps[v - RESDIFF_STORE_FORMAT_OLDEST])
			return resdiff_error_set(RESDIFF_ERROR, "internal: no upgrade step from format %d", v);
	if (from == 1 && (error = exclude_format1_writers(s, report)) < 0)
		return error;
	if ((error = store_lock_acquire(s)) < 0)
		return error;
	if ((error = store_sync_configure(s)) < 0)
		goto done;
	while (s->format < RESDIFF_STORE_FORMAT) {
		/* each step is done when the configuration says so (an atomic
		 * rename of the config file): a crash redoes the step */
		if ((error = steps[s->format - RESDIFF_STORE_FORMAT_OLDEST](s, report)) < 0 ||
		    (error = set_format(s, s->format + 1)) < 0)
			goto done;
		s->format++;
	}
	error = resdiff_buf_printf(report, "upgraded %s from storage format %d to %d\n", s->gitdir,
		from, s->format);
done:
	store_lock_release(s);
	return error;
}
