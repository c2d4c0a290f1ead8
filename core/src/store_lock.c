/* store_lock.c: the repository-wide writer lock and stale-lock handling. */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A ref lock file older than this is reported as left behind. */
#define REF_LOCK_STALE_SECONDS 2
/* Deepest directory under refs/ we look into for lock files. */
#define REF_LOCK_MAX_DEPTH 16
/* A resdiff.lock whose content cannot be read is stale after this. */
#define LOCK_UNREADABLE_STALE_SECONDS 10

typedef enum { HOLDER_ALIVE, HOLDER_DEAD, HOLDER_UNKNOWN } holder_state;

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

/* Who holds the lock at path: *pid gets the process id written in it. */
static holder_state lock_holder(const char *path, long *pid)
{
	char content[256], host[128], myhost[128];
	struct stat st;
	ssize_t n;
	int fd;

	*pid = 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		return HOLDER_UNKNOWN;
	n = read(fd, content, sizeof(content) - 1);
	close(fd);
	content[n > 0 ? n : 0] = '\0';
	host[0] = '\0';
	if (n <= 0 || sscanf(content, "%ld %127s", pid, host) < 1 || *pid <= 0) {
		if (stat(path, &st) == 0 && time(NULL) - st.st_mtime > LOCK_UNREADABLE_STALE_SECONDS)
			return HOLDER_DEAD;
		return HOLDER_ALIVE; /* being written right now */
	}
	if (gethostname(myhost, sizeof(myhost)) == 0) {
		myhost[sizeof(myhost) - 1] = '\0';
		if (host[0] && strcmp(host, myhost))
			return HOLDER_UNKNOWN;
	}
	if (kill((pid_t)*pid, 0) == 0 || errno == EPERM)
		return HOLDER_ALIVE;
	return HOLDER_DEAD;
}

static long lock_timeout_ms(void)
{
	const char *env = getenv("RESDIFF_LOCK_TIMEOUT_MS");
	long v;
	if (env && (v = strtol(env, NULL, 10)) >= 0)
		return v;
	return RESDIFF_STORE_LOCK_TIMEOUT_MS;
}

int store_lock_acquire(resdiff_store *s)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	long long deadline = now_ms() + lock_timeout_ms();
	unsigned seed = (unsigned)getpid();
	char content[200], host[128];
	int error = 0, fd;

	if (s->locked)
		return 0;
	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		return error;
	if (gethostname(host, sizeof(host)) < 0)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(content, sizeof(content), "%ld %s\n", (long)getpid(), host);
	for (;;) {
		long pid;
		holder_state st;

		fd = open(path.ptr, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0) {
			ssize_t len = (ssize_t)strlen(content);
			if (write(fd, content, (size_t)len) != len) {
				error = resdiff_error_set(RESDIFF_EIO, "cannot write '%s': %s",
					path.ptr, strerror(errno));
				close(fd);
				unlink(path.ptr);
				goto done;
			}
			close(fd);
			s->locked = true;
			goto done;
		}
		if (errno != EEXIST) {
			error = resdiff_error_set(RESDIFF_EIO, "Unable to create '%s': %s",
				path.ptr, strerror(errno));
			goto done;
		}
		st = lock_holder(path.ptr, &pid);
		if (st == HOLDER_DEAD) {
			error = resdiff_error_set(RESDIFF_ELOCKED,
				"Unable to create '%s': File exists. It was left by process %ld, "
				"which is no longer running. Remove the stale lock with 'resdiff unlock'.",
				path.ptr, pid);
			goto done;
		}
		if (now_ms() > deadline) {
			error = resdiff_error_set(RESDIFF_ELOCKED,
				"Unable to create '%s': File exists. Another resdiff process (%ld) "
				"is writing to this repository; if none is running, run 'resdiff unlock'.",
				path.ptr, pid);
			goto done;
		}
		sleep_ms(1 + (long)(rand_r(&seed) % 8));
	}
done:
	resdiff_buf_dispose(&path);
	return error;
}

void store_lock_release(resdiff_store *s)
{
	resdiff_buf path = RESDIFF_BUF_INIT;

	if (!s->locked)
		return;
	if (resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE) == 0)
		unlink(path.ptr);
	s->locked = false;
	resdiff_buf_dispose(&path);
}

/* Calls fn(path, payload) for every *.lock file git may leave: under refs/
 * (iteratively, bounded depth), packed-refs.lock, HEAD.lock, config.lock. */
typedef int (*lock_file_cb)(const char *path, void *payload);

static bool ends_with_lock(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && !strcmp(name + n - 5, ".lock");
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
			struct stat st;
			if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
				continue;
			resdiff_buf_clear(&p);
			if ((error = resdiff_buf_printf(&p, "%s/%s", dir, e->d_name)) < 0)
				break;
			if (lstat(p.ptr, &st) < 0)
				continue;
			if (S_ISDIR(st.st_mode)) {
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

static int first_git_lock(const char *path, void *payload)
{
	struct stat st;
	resdiff_buf *found = payload;
	if (found->size)
		return 0;
	if (stat(path, &st) == 0 && time(NULL) - st.st_mtime < REF_LOCK_STALE_SECONDS)
		return 0;
	return resdiff_buf_puts(found, path);
}

int store_check_git_locks(resdiff_store *s)
{
	resdiff_buf found = RESDIFF_BUF_INIT;
	int error;

	if ((error = each_git_lock(s, first_git_lock, &found)) == 0 && found.size)
		error = resdiff_error_set(RESDIFF_ELOCKED,
			"Unable to update refs: '%s' exists. Another git process seems to be "
			"running in this repository, or one crashed and left the lock behind; "
			"if none is running, remove it with 'resdiff unlock'.", found.ptr);
	resdiff_buf_dispose(&found);
	return error;
}

static int report_git_lock(const char *path, void *payload)
{
	struct stat st;
	resdiff_buf *report = payload;
	if (stat(path, &st) == 0 && time(NULL) - st.st_mtime < REF_LOCK_STALE_SECONDS)
		return 0;
	return resdiff_buf_printf(report, "lock file '%s' left behind (run 'resdiff unlock')\n", path);
}

int resdiff_store_lock_check(resdiff_buf *report, resdiff_store *s)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	int found = 0, error;
	long pid;

	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		goto done;
	if (access(path.ptr, F_OK) == 0 && lock_holder(path.ptr, &pid) == HOLDER_DEAD) {
		if ((error = resdiff_buf_printf(report,
				"lock file '%s' left by process %ld, which is no longer running "
				"(run 'resdiff unlock')\n", path.ptr, pid)) < 0)
			goto done;
		found++;
	}
	if (access(path.ptr, F_OK) != 0) {
		size_t before = report->size;
		if ((error = each_git_lock(s, report_git_lock, report)) < 0)
			goto done;
		/* count the lines added */
		for (; before < report->size; before++)
			found += report->ptr[before] == '\n';
	}
	error = found;
done:
	resdiff_buf_dispose(&path);
	return error;
}

static int remove_git_lock(const char *path, void *payload)
{
	resdiff_buf *report = payload;
	if (unlink(path) < 0 && errno != ENOENT)
		return resdiff_error_set(RESDIFF_EIO, "cannot remove '%s': %s", path, strerror(errno));
	return resdiff_buf_printf(report, "removed %s\n", path);
}

int resdiff_store_unlock(resdiff_buf *report, resdiff_store *s, bool force)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	holder_state st;
	long pid;
	int error;

	if ((error = resdiff_buf_printf(&path, "%s%s", s->gitdir, RESDIFF_STORE_LOCK_FILE)) < 0)
		goto done;
	if (access(path.ptr, F_OK) == 0) {
		st = lock_holder(path.ptr, &pid);
		if (st != HOLDER_DEAD && !force) {
			error = resdiff_error_set(RESDIFF_ELOCKED,
				"'%s' is held by process %ld, which is still running "
				"(use --force if you are sure it is not writing)", path.ptr, pid);
			goto done;
		}
		if (unlink(path.ptr) < 0 && errno != ENOENT) {
			error = resdiff_error_set(RESDIFF_EIO, "cannot remove '%s': %s",
				path.ptr, strerror(errno));
			goto done;
		}
		if ((error = resdiff_buf_printf(report, "removed %s\n", path.ptr)) < 0)
			goto done;
	}
	/* Hold the writer lock while removing git's lock files, so that no
	 * resdiff writer is between taking and releasing one of them. */
	if ((error = store_lock_acquire(s)) < 0)
		goto done;
	error = each_git_lock(s, remove_git_lock, report);
	store_lock_release(s);
done:
	resdiff_buf_dispose(&path);
	return error;
}
