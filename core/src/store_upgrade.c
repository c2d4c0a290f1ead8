/* store_upgrade.c: `resdiff upgrade`, bringing a repository from an older
 * storage format to this resdiff's, one version at a time (docs/FORMAT.md,
 * "Versions"). Each step is kept for as long as the oldest format is read. */
#include "git_error.h"
#include "index_internal.h"
#include "store_internal.h"
#include "resdiff/name.h"
#include "resdiff/parse.h"
#include "resdiff/provenance.h"

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
	      (git_reference_name_to_id(&stamp, s->repo, RESDIFF_STORE_VIEWS_REF_V2) < 0 ||
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

/* Move every ref under `from` (or the ref `from` itself) to `to`; the
 * new ones are written before the old ones go, so a crash between leaves
 * both and the step, run again, finishes. */
static int move_refs(resdiff_store *s, const char *from, const char *to, bool prefix)
{
	resdiff_buf names = RESDIFF_BUF_INIT, dst = RESDIFF_BUF_INIT;
	const char *p, *nl;
	int error = 0;

	if (prefix)
		error = store_list_refs(&names, s, from);
	else {
		git_oid id;
		if (git_reference_name_to_id(&id, s->repo, from) == 0)
			error = resdiff_buf_printf(&names, "%s\n", from);
		git_error_clear();
	}
	if (error < 0)
		goto done;
	for (p = names.ptr; p && *p; p = nl + 1) {
		git_reference *ref = NULL;
		git_oid id;
		char *name;
		nl = strchr(p, '\n');
		if (!(name = strndup(p, (size_t)(nl - p)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		resdiff_buf_clear(&dst);
		if (git_reference_name_to_id(&id, s->repo, name) < 0 ||
		    (error = resdiff_buf_printf(&dst, "%s%s", to, prefix ? name + strlen(from) : "")) < 0) {
			free(name);
			if (error < 0)
				goto done;
			continue;
		}
		if (!prefix) {
			/* a ref readers trust: published with its directories synced */
			git_oid cur;
			bool has = git_reference_name_to_id(&cur, s->repo, dst.ptr) == 0;
			git_error_clear();
			error = has && git_oid_equal(&cur, &id) ? 0 :
				store_ref_publish(s, dst.ptr, has ? &cur : NULL, &id, "resdiff upgrade");
			free(name);
			if (error < 0)
				goto done;
			continue;
		}
		if (git_reference_create(&ref, s->repo, dst.ptr, &id, 1, "resdiff upgrade") < 0) {
			error = resdiff_error_set(RESDIFF_EIO, "cannot write %s: %s", dst.ptr,
				git_error_last() ? git_error_last()->message : "?");
			free(name);
			goto done;
		}
		git_reference_free(ref);
		free(name);
	}
	if ((error = store_sync_all(s)) < 0)
		goto done;
	for (p = names.ptr; p && *p; p = nl + 1) {
		char *name;
		nl = strchr(p, '\n');
		if (!(name = strndup(p, (size_t)(nl - p)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		git_reference_remove(s->repo, name);
		free(name);
	}
done:
	git_error_clear();
	resdiff_buf_dispose(&names);
	resdiff_buf_dispose(&dst);
	return error;
}

/* Write the readme commit naming `format` (store_readme_commit) and point
 * RESDIFF_STORE_README_REF at it: created when missing; when `move`, an
 * existing one (an older format's readme) is moved too, so a stock clone
 * reads the format the step leaves. Redoing it after a crash is harmless:
 * the commit is a pure function of the format. */
static int publish_readme(resdiff_store *s, int format, bool move)
{
	git_oid readme, cur;
	int error, saved = s->format;
	bool has;

	s->format = format;  /* the readme names the format it is made for */
	error = store_readme_commit(&readme, s);
	s->format = saved;
	if (error < 0 || (error = store_sync_objects(s)) < 0)
		return error;
	has = git_reference_name_to_id(&cur, s->repo, RESDIFF_STORE_README_REF) == 0;
	git_error_clear();
	if (has && (!move || git_oid_equal(&cur, &readme)))
		return 0;
	return store_ref_publish(s, RESDIFF_STORE_README_REF, has ? &cur : NULL, &readme,
		"resdiff upgrade");
}

/* Format 2 -> 3: every ref a reader needs goes under refs/heads/, so a
 * stock clone carries it (symbols, the views stamp, the clause index), and
 * HEAD names the readme, a branch only an upgrade moves (a plain clone checks
 * it out and stays clean). The record may then have merge commits (pull).
 * The clause index is brought up to date afterwards (resdiff_store_upgrade). */
static int upgrade_2_to_3(resdiff_store *s, resdiff_buf *report)
{
	git_reference *head = NULL;
	int error;

	if ((error = move_refs(s, RESDIFF_STORE_SYMBOL_PREFIX_V2, RESDIFF_STORE_SYMBOL_PREFIX, true)) < 0 ||
	    (error = move_refs(s, RESDIFF_STORE_VIEWS_REF_V2, RESDIFF_STORE_VIEWS_REF, false)) < 0 ||
	    (error = move_refs(s, RESDIFF_INDEX_REF_V2, RESDIFF_INDEX_REF, false)) < 0)
		return error;
	if ((error = publish_readme(s, RESDIFF_STORE_FORMAT_REFS_HEADS, false)) < 0)
		return error;
	if (git_reference_symbolic_create(&head, s->repo, "HEAD", RESDIFF_STORE_README_REF, 1,
			"resdiff upgrade") < 0)
		return resdiff_error_set(RESDIFF_EIO, "cannot write HEAD: %s",
			git_error_last() ? git_error_last()->message : "?");
	git_reference_free(head);
	if ((error = store_sync_all(s)) < 0)
		return error;
	return resdiff_buf_puts(report, "moved the symbol refs, the views stamp and the clause index "
		"under refs/heads/resdiff/; HEAD names the branch readme\n");
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
		/* an empty record: no view to rebuild, the readme all the same */
		return publish_readme(s, RESDIFF_STORE_FORMAT_DRAFT_LINKS, true);
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
	if (error < 0 || (error = store_views_rebuild(s)) < 0 ||
	    (error = publish_readme(s, RESDIFF_STORE_FORMAT_DRAFT_LINKS, true)) < 0)
		return error;
	return resdiff_buf_printf(report, "rebuilt the series views: drafts belong to none "
		"(%zu draft%s stored); the readme names format %d\n", drafts, drafts == 1 ? "" : "s",
		RESDIFF_STORE_FORMAT_DRAFT_LINKS);
}

/* Draft links -> RESDIFF_STORE_FORMAT_WITHDRAWALS (docs/FORMAT.md, "The
 * withdrawals list"): the record's withdrawals, found by one walk of its
 * history, are written as the list of RESDIFF_STORE_WITHDRAWALS_REF
 * stamped with the record's tip; from then on every writer moves it with
 * the record. Nothing else is rewritten; run twice, the list is current
 * and nothing is written. The readme names the new format. */
static int upgrade_withdrawals(resdiff_store *s, resdiff_buf *report)
{
	size_t count;
	int error;

	if ((error = store_withdrawals_publish(&count, s)) < 0 ||
	    (error = publish_readme(s, RESDIFF_STORE_FORMAT_WITHDRAWALS, true)) < 0)
		return error;
	return resdiff_buf_printf(report, "listed the record's withdrawals (%zu) in %s; the readme "
		"names format %d\n", count, RESDIFF_STORE_WITHDRAWALS_REF, RESDIFF_STORE_FORMAT_WITHDRAWALS);
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
	[RESDIFF_STORE_FORMAT_REFS_HEADS - 1 - RESDIFF_STORE_FORMAT_OLDEST] = upgrade_2_to_3,
	[RESDIFF_STORE_FORMAT_DRAFT_LINKS - 1 - RESDIFF_STORE_FORMAT_OLDEST] = upgrade_draft_links,
	[RESDIFF_STORE_FORMAT_WITHDRAWALS - 1 - RESDIFF_STORE_FORMAT_OLDEST] = upgrade_withdrawals,
};

int resdiff_store_upgrade(resdiff_buf *report, resdiff_store *s)
{
	int error = 0, from = s->format;

	if (s->format == RESDIFF_STORE_FORMAT) {
		/* a clause index of an older index format brought to this one:
		 * its files kept when only the catalogue is missing, else
		 * recomputed (RESDIFF_INDEX_LINKS_FORMAT) */
		resdiff_index_status st;
		bool converted;
		if ((error = index_upgrade(&st, &converted, s)) < 0)
			return error;
		if (converted && (error = resdiff_buf_printf(report, "brought the clause index to index "
				"format %d (%zu documents, %zu computed)\n", RESDIFF_INDEX_FORMAT, st.documents,
				st.computed)) < 0)
			return error;
		return resdiff_buf_printf(report, "%s is in storage format %d already\n", s->gitdir,
			s->format);
	}
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
	{
		/* the index moved with the refs; an old or stale one is brought
		 * up to date here, as a writer would */
		resdiff_index_status st;
		if ((error = resdiff_index_update(&st, s)) < 0)
			goto done;
		if (st.computed && (error = resdiff_buf_printf(report, "brought the clause index up to "
				"date (%zu of %zu documents computed)\n", st.computed, st.documents)) < 0)
			goto done;
	}
	error = resdiff_buf_printf(report, "upgraded %s from storage format %d to %d\n", s->gitdir,
		from, s->format);
done:
	store_lock_release(s);
	return error;
}
