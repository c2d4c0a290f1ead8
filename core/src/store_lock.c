/* store_lock.c: the repository-wide writer lock, a kernel lock on an open
 * file (flock), and the git lock files a killed writer leaves behind. */
#define _DEFAULT_SOURCE  /* d_type's DT_ values */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Deepest directory under refs/ we look into for lock files. */
#define REF_LOCK_MAX_DEPTH 16
/* Longest wait between two tries of a held lock (a random 1..this ms). */
#define LOCK_POLL_MAX_MS 8

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static long lock_timeout_ms(void)
{
	const char *env = getenv("RESDIFF_LOCK_TIMEOUT_MS");
	long v;
	if (env && (v = strtol(env, NULL, 10)) >= 0)
		return v;
	return RESDIFF_STORE_LOCK_TIMEOUT_MS;
}

/* What the holder wrote into the lock file: "pid host start-time". A
 * holder empties it when it lets go, so content found by the next holder
 * is that of a writer that was killed. Returns the pid (0 if none). */
static long lock_holder(int fd, time_t *since)
{
	char content[256], host[128];
	ssize_t n = pread(fd, content, sizeof(content) - 1, 0);
	long pid = 0;
	long long start = 0;
	content[n > 0 ? n : 0] = '\0';
	if (since)
		*since = 0;
	if (n <= 0 || sscanf(content, "%ld %127s %lld", &pid, host, &start) < 1 || pid <= 0)
		return 0;
	if (since)
		*since = (time_t)start;
	return pid;
}

/* Calls fn(path, payload) for every *.lock file git may leave: under refs/
 * (iteratively, bounded depth), packed-refs.lock, HEAD.lock, config.lock. */
typedef int (*lock_file_cb)(const char *path, void *payload);

static bool ends_with_lock(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && !strcmp(name + n - 5, ".lock");
}

/* 1 when the directory entry e of dir is a directory, 0 when it is not,
 * -1 when it is gone. The type comes from readdir where the file system
 * gives it (d_type); lstat only where it says DT_UNKNOWN (or has none). */
static int entry_is_dir(const char *dir, const struct dirent *e)
{
	char path[4096];
	struct stat st;
#if defined(_DIRENT_HAVE_D_TYPE) && defined(DT_UNKNOWN)
	if (e->d_type != DT_UNKNOWN)
		return e->d_type == DT_DIR;
#endif
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path) ||
	    lstat(path, &st) < 0)
		return -1;
	return S_ISDIR(st.st_mode) ? 1 : 0;
}

static int each_git_lock(resdiff_store *s, lock_file_cb fn, void *payload)
{
	static const char *const top[] = { "packed-refs.lock", "HEAD.lock", "config.lock" };
	char *stack[REF_LOCK_MAX_DEPTH * 64];
	size_t depth = 0, i;
	resdiff_buf p = RESDIFF_BUF_INIT;
	int error = 0;

	for (i = 0; i < sizeof(top) / sizeof(top[0]) && !error; i++) {
		resdiff_buf_clear(&p);
		if ((error = resdiff_buf_printf(&p, "%s%s", s->gitdir, top[i])) < 0)
			break;
		if (access(p.ptr, F_OK) == 0)
			error = fn(p.ptr, payload);
	}
	resdiff_buf_clear(&p);
	if (error || (error = resdiff_buf_printf(&p, "%srefs", s->gitdir)) < 0)
		goto done;
	if (!(stack[depth++] = strdup(p.ptr))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	while (depth && !error) {
		char *dir = stack[--depth];
		DIR *d = opendir(dir);
		struct dirent *e;

		while (d && !error && (e = readdir(d))) {
			int is_dir;
			if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
				continue;
			/* a ref that is neither a directory nor a lock file needs no
			 * look at all: the directory entry's type says which it is
			 * (a repository has a loose ref per document until they are
			 * packed: one stat each was a system call per document) */
			if ((is_dir = entry_is_dir(dir, e)) < 0)
				continue;
			if (!is_dir && !ends_with_lock(e->d_name))
				continue;
			resdiff_buf_clear(&p);
			if ((error = resdiff_buf_printf(&p, "%s/%s", dir, e->d_name)) < 0)
				break;
			if (is_dir) {
				if (depth >= sizeof(stack) / sizeof(stack[0]))
					continue;
				if (!(stack[depth] = strdup(p.ptr)))
					error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				else
					depth++;
			} else if (ends_with_lock(e->d_name)) {
				error = fn(p.ptr, payload);
			}
		}
		if (d)
			closedir(d);
		free(dir);
	}
done:
	while (depth)
		free(stack[--depth]);
	resdiff_buf_dispose(&p);
	return error;
}

static bool lock_file_old(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && time(NULL) - st.st_mtime >= RESDIFF_STORE_GIT_LOCK_STALE_S;
}

typedef struct {
	resdiff_buf *report;   /* "removed PATH\n" lines */
	bool all;              /* also lock files younger than the stale age */
	time_t dead_since;     /* a killed writer held the lock from then (or 0) */
} remove_ctx;

static int remove_git_lock(const char *path, void *payload)
{
	remove_ctx *rc = payload;
	struct stat st;
	bool seen = stat(path, &st) == 0;
	bool killed_writer = seen && rc->dead_since && st.st_mtime >= rc->dead_since;
	/* old ones, and those made while a writer that was killed held the
	 * lock; a younger one may be a git process's, between taking and
	 * releasing it */
	if (!rc->all && !lock_file_old(path) && !killed_writer)
		return 0;
	if (unlink(path) < 0)
		return errno == ENOENT ? 0 : resdiff_error_set(RESDIFF_EIO,
			"cannot remove '%s': %s", path, strerror(errno));
	if (rc->all)
		return resdiff_buf_printf(rc->report, "removed %s\n", path);
	/* say what is known: whose it was only when a killed resdiff writer
	 * held the lock when it was made; else only its age */
	if (killed_writer)
		return resdiff_buf_printf(rc->report,
			"removed lock file '%s' made by a resdiff writer that was killed\n", path);
	return resdiff_buf_printf(rc->report,
		"removed lock file '%s' left behind (untouched for %lld s, and no writer holds "
		"the repository)\n", path, seen ? (long long)(time(NULL) - st.st_mtime) : 0LL);
}

int store_lock_acquire(resdiff_store *s)
{
	resdiff_buf path = RESDIFF_BUF_INIT, removed = RESDIFF_BUF_INIT;
	long long start = now_ms(), deadline = start + lock_timeout_ms();
	bool told = false;
	unsigned seed = (unsigned)getpid();
	char content[200], host[128];
	remove_ctx rc;
	int error = 0, fd = -1;

	if (s->lock_fd >= 0)
		return 0;
	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		return error;
	if ((fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		error = resdiff_error_set(RESDIFF_EIO,
			"cannot write to this repository: cannot open '%s': %s", path.ptr, strerror(errno));
		goto done;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error = resdiff_error_set(RESDIFF_EIO, "cannot lock '%s': %s", path.ptr,
				strerror(errno));
			goto done;
		}
		if (resdiff_interrupted()) {
			error = resdiff_error_set(RESDIFF_EINTERRUPTED, "interrupted while waiting for "
				"another resdiff process to finish writing ('%s' is locked)", path.ptr);
			goto done;
		}
		/* before the deadline's test: a wait that long is told, however
		 * late the poll wakes */
		if (!told && s->wait_cb && now_ms() - start >= RESDIFF_STORE_LOCK_NOTE_MS) {
			s->wait_cb(lock_holder(fd, NULL), lock_timeout_ms(), s->wait_payload);
			told = true;
		}
		if (now_ms() > deadline) {
			long pid = lock_holder(fd, NULL);
			char who[64] = "";
			if (pid)
				snprintf(who, sizeof(who), " (process %ld)", pid);
			error = resdiff_error_set(RESDIFF_ELOCKED,
				"another resdiff process%s is writing to this repository ('%s' is locked); "
				"waited %ld s", who, path.ptr, lock_timeout_ms() / 1000);
			goto done;
		}
		sleep_ms(1 + (long)(rand_r(&seed) % LOCK_POLL_MAX_MS));
	}
	/* a killed holder left its content: the git lock files made since it
	 * took the lock are its own */
	rc.dead_since = 0;
	if (lock_holder(fd, &rc.dead_since) && rc.dead_since)
		rc.dead_since--;  /* file times are whole seconds */
	/* ours: say who holds it, since when (for those who wait, and the
	 * next holder if we are killed) */
	if (gethostname(host, sizeof(host)) < 0)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(content, sizeof(content), "%ld %s %lld\n", (long)getpid(), host,
		(long long)time(NULL));
	if (ftruncate(fd, 0) < 0 || pwrite(fd, content, strlen(content), 0) < 0) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot write '%s': %s", path.ptr, strerror(errno));
		goto done;
	}
	s->lock_fd = fd;
	fd = -1;
	/* Holding the lock, no resdiff writer is between taking and releasing
	 * one of git's lock files: an old one was left by a killed process. */
	rc.report = &removed;
	rc.all = false;
	if ((error = each_git_lock(s, remove_git_lock, &rc)) < 0) {
		store_lock_release(s);
		goto done;
	}
	if (removed.size && (error = resdiff_buf_put(&s->notes, removed.ptr, removed.size)) < 0)
		goto done;
	/* a stock clone becomes a resdiff repository of its own on its first write */
	if ((error = store_adopt_clone(s)) < 0)
		store_lock_release(s);
done:
	if (fd >= 0)
		close(fd);
	resdiff_buf_dispose(&path);
	resdiff_buf_dispose(&removed);
	return error;
}

void store_lock_release(resdiff_store *s)
{
	if (s->lock_fd < 0)
		return;
	/* nobody's pid: the file itself stays, it is the lock's inode */
	if (ftruncate(s->lock_fd, 0) < 0) {
		/* harmless: the next holder truncates it */
	}
	close(s->lock_fd);  /* releases the kernel lock */
	s->lock_fd = -1;
}

static int report_git_lock(const char *path, void *payload)
{
	resdiff_buf *report = payload;
	if (!lock_file_old(path))
		return 0;
	return resdiff_buf_printf(report, "lock file '%s' left behind (the next import removes it; "
		"or run 'resdiff unlock')\n", path);
}

int resdiff_store_lock_check(resdiff_buf *report, resdiff_store *s)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	size_t before = report->size;
	int found = 0, error, fd = -1;

	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		goto done;
	/* a writer at work holds git's lock files for a moment: look only when
	 * none is (a shared lock for the time of the look) */
	if ((fd = open(path.ptr, O_RDONLY | O_CLOEXEC)) >= 0 && flock(fd, LOCK_SH | LOCK_NB) < 0) {
		error = 0;
		goto done;
	}
	if ((error = each_git_lock(s, report_git_lock, report)) < 0)
		goto done;
	for (; before < report->size; before++)
		found += report->ptr[before] == '\n';
	error = found;
done:
	if (fd >= 0)
		close(fd);  /* releases the shared lock */
	resdiff_buf_dispose(&path);
	return error;
}

int resdiff_store_unlock(resdiff_buf *report, resdiff_store *s)
{
	remove_ctx rc = { NULL, true, 0 };
	int error;

	/* Take the writer lock as a writer would: no resdiff writer can be
	 * between taking and releasing one of git's lock files then. */
	if ((error = store_lock_acquire(s)) < 0)
		return error;
	if (s->notes.size) {
		error = resdiff_buf_put(report, s->notes.ptr, s->notes.size);
		resdiff_buf_clear(&s->notes);
	}
	rc.report = report;
	rc.all = true;
	if (!error)
		error = each_git_lock(s, remove_git_lock, &rc);
	store_lock_release(s);
	return error;
}
