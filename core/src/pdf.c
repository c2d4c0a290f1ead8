/* pdf.c: read a PDF through resdiff-pdf, then lay out its text.
 *
 * resdiff-pdf (pdf/resdiff_pdf.c) is the only program that links poppler:
 * running it here, only when a PDF is read, keeps poppler, glib and cairo
 * out of every other command's start-up, and a crash or a runaway on a
 * hostile PDF ends that process (its CPU time and memory are limited), not
 * the caller. The PDF goes to it through an unlinked temporary file; its
 * records come back on a pipe (the format is in pdf/resdiff_pdf.c).
 */
#include "pdf_internal.h"
#include "resdiff/parse.h"
#include "resdiff/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RESDIFF_PDF_HELPER_INSTALLED
#define RESDIFF_PDF_HELPER_INSTALLED "/usr/local/bin/resdiff-pdf"
#endif
#define PDF_HELPER_NAME "resdiff-pdf"
#define PDF_TAIL 1024   /* "%%EOF" must stand in the last bytes */

extern char **environ;

bool resdiff_pdf_detect(const char *data, size_t len, const char *path)
{
	size_t n = path ? strlen(path) : 0;
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return true;
	return n >= 4 && !strcasecmp(path + n - 4, ".pdf");
}

static const char *name_of(const resdiff_pdf_options *opts)
{
	return opts && opts->source ? opts->source : "PDF";
}

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;
	for (i = 0; i + n <= len; i++)
		if (!memcmp(s + i, needle, n))
			return true;
	return false;
}

/* The helper beside the running program, else the installed one. */
static int find_helper(char *out, size_t size, const resdiff_pdf_options *opts)
{
	char self[PATH_MAX];
	ssize_t n;

	if (opts && opts->helper) {
		snprintf(out, size, "%s", opts->helper);
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(out, size, "%s/%s", self, PDF_HELPER_NAME);
			if (access(out, X_OK) == 0)
				return 0;
		}
	}
	snprintf(out, size, "%s", RESDIFF_PDF_HELPER_INSTALLED);
	if (access(out, X_OK) == 0)
		return 0;
	return resdiff_error_set(RESDIFF_ENOTFOUND,
		"%s: cannot read PDF files: %s is not installed (resdiff was built without "
		"poppler-glib; install libpoppler-glib-dev and rebuild)",
		name_of(opts), PDF_HELPER_NAME);
}

int pdf_read_record(pdf_doc *doc, char *line, bool *done, const char *name, unsigned max_pages)
{
	char *end;

	if (line[0] == '!') {
		char *kind = line[1] ? line + 2 : line + 1, *msg = strchr(kind, ' ');
		if (msg)
			*msg++ = '\0';
		else
			msg = "";
		if (!strcmp(kind, "encrypted"))
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s: the PDF is encrypted (it needs a password)", name);
		if (!strcmp(kind, "copy"))
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s: the PDF's permissions do not allow copying its text", name);
		if (!strcmp(kind, "pages"))
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"%s: more than %u pages (%s)", name, max_pages, msg);
		if (!strcmp(kind, "input"))
			return resdiff_error_set(RESDIFF_ETOOBIG, "%s: %s", name, msg);
		return resdiff_error_set(RESDIFF_EINVALID, "%s: damaged PDF (%s)", name, msg);
	}
	if (line[0] == 'e' && line[1] == '\0') {
		*done = true;
		return 0;
	}
	if (line[0] == 'p' && line[1] == ' ') {
		long w = strtol(line + 2, &end, 10), h = strtol(end, &end, 10);
		if (doc->page_count >= max_pages)
			return resdiff_error_set(RESDIFF_ETOOBIG, "%s: more than %u pages",
				name, max_pages);
		return pdf_doc_add_page(doc, (float)w / 100, (float)h / 100);
	}
	{
		pdf_glyph g;
		long v[5];
		int i;
		g.cp = (uint32_t)strtoul(line, &end, 16);
		for (i = 0; i < 5; i++)
			v[i] = strtol(end, &end, 10);
		if (end == line || *end != '\0')
			return resdiff_error_set(RESDIFF_ERROR,
				"%s: unexpected output from %s", name, PDF_HELPER_NAME);
		if (g.cp > 0x10FFFF)
			g.cp = 0xFFFD;
		g.x1 = (float)v[0] / 100;
		g.y1 = (float)v[1] / 100;
		g.x2 = (float)v[2] / 100;
		g.y2 = (float)v[3] / 100;
		g.size = (float)v[4] / 100;
		return pdf_doc_add_glyph(doc, &g);
	}
}

/* Run the helper on the PDF and read its records into doc. */
static int run_helper(pdf_doc *doc, const char *pdf, size_t len, const resdiff_pdf_options *opts)
{
	const char *name = name_of(opts);
	unsigned max_pages = opts && opts->max_pages ? opts->max_pages : RESDIFF_PDF_MAX_PAGES;
	char helper[PATH_MAX], pages_arg[48], bytes_arg[48], *line = NULL;
	char *argv[4];
	posix_spawn_file_actions_t actions;
	bool actions_ready = false, done = false, header = false;
	FILE *input = NULL, *output = NULL;
	int fds[2] = { -1, -1 }, error, status = 0, rc;
	size_t cap = 0;
	pid_t pid = -1;

	if ((error = find_helper(helper, sizeof(helper), opts)) < 0)
		return error;
	if (!(input = tmpfile()) || fwrite(pdf, 1, len, input) != len || fflush(input) != 0 ||
	    fseek(input, 0, SEEK_SET) != 0) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: cannot write a temporary file: %s",
			name, strerror(errno));
		goto done;
	}
	if (pipe(fds) != 0) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: pipe: %s", name, strerror(errno));
		goto done;
	}
	/* (a program spawning in another thread meanwhile may inherit these;
	 * then the read below waits for that child too, it does not hang) */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fcntl(fileno(input), F_SETFD, FD_CLOEXEC);
	snprintf(pages_arg, sizeof(pages_arg), "--max-pages=%u", max_pages);
	snprintf(bytes_arg, sizeof(bytes_arg), "--max-bytes=%u", RESDIFF_PARSE_MAX_INPUT);
	argv[0] = helper;
	argv[1] = pages_arg;
	argv[2] = bytes_arg;
	argv[3] = NULL;
	if (posix_spawn_file_actions_init(&actions) != 0) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	actions_ready = true;
	if (posix_spawn_file_actions_adddup2(&actions, fileno(input), 0) != 0 ||
	    posix_spawn_file_actions_adddup2(&actions, fds[1], 1) != 0 ||
	    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) != 0) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = posix_spawn(&pid, helper, &actions, NULL, argv, environ)) != 0) {
		pid = -1;
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s: cannot run %s: %s",
			name, helper, strerror(rc));
		goto done;
	}
	close(fds[1]);
	fds[1] = -1;
	if (!(output = fdopen(fds[0], "r"))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	fds[0] = -1;
	for (;;) {
		ssize_t n = getline(&line, &cap, output);
		if (n < 0)
			break;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!header) {
			if (strcmp(line, "%resdiff-pdf 1")) {
				error = resdiff_error_set(RESDIFF_ERROR,
					"%s: %s speaks another version", name, helper);
				goto done;
			}
			header = true;
			continue;
		}
		if ((error = pdf_read_record(doc, line, &done, name, max_pages)) < 0 || done)
			break;
	}
done:
	if (pid > 0) {
		if (error < 0 || !done)
			kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	if (error == 0 && !done) {
		if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))
			error = resdiff_error_set(RESDIFF_ETOOBIG,
				"%s: the PDF takes too long or too much memory to read", name);
		else if (WIFSIGNALED(status))
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: damaged PDF (its reader stopped on signal %d)", name, WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			error = resdiff_error_set(RESDIFF_ENOTFOUND,
				"%s: %s could not start (is libpoppler-glib8 installed?)", name, helper);
		else
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: damaged PDF (its reader stopped early)", name);
	}
	free(line);
	if (output)
		fclose(output);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (input)
		fclose(input);
	if (actions_ready)
		posix_spawn_file_actions_destroy(&actions);
	return error;
}

/* The offset of the last "%%EOF" in pdf[0..len), or len if there is none. */
static size_t last_eof_marker(const char *pdf, size_t len)
{
	size_t i;
	for (i = len; i >= 5; i--)
		if (!memcmp(pdf + i - 5, "%%EOF", 5))
			return i - 5;
	return len;
}

static bool is_padding(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

int resdiff_pdf_extract(char **text, size_t *text_len, const char *pdf, size_t len,
		const resdiff_pdf_options *opts)
{
	resdiff_buf out = RESDIFF_BUF_INIT;
	pdf_doc doc;
	size_t head = len < PDF_TAIL ? len : PDF_TAIL;
	int error;

	*text = NULL;
	*text_len = 0;
	memset(&doc, 0, sizeof(doc));
	if (!contains(pdf, head, "%PDF-")) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: not a PDF (no %%PDF- header)",
			name_of(opts));
		goto done;
	}
	if (!contains(pdf + len - head, head, "%%EOF")) {
		/* padding after the last marker (NULs, blanks: some download
		 * tools and mail gateways add them) is not truncation, and is
		 * not given to the reader; other bytes there are damage */
		size_t eof = last_eof_marker(pdf, len), k;
		if (eof == len) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: damaged PDF (truncated: no %%%%EOF at the end)", name_of(opts));
			goto done;
		}
		for (k = eof + 5; k < len && is_padding(pdf[k]); k++)
			;
		if (k < len) {
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: damaged PDF (data after its last "
				"%%%%EOF marker, at byte offset %zu)", name_of(opts), k);
			goto done;
		}
		len = eof + 5;
	}
	if ((error = run_helper(&doc, pdf, len, opts)) < 0)
		goto done;
	if ((error = pdf_layout(&out, &doc, name_of(opts))) < 0 ||
	    (error = resdiff_buf_put(&out, "", 0)) < 0)
		goto done;
	*text_len = out.size;
	*text = resdiff_buf_detach(&out);
done:
	if (error < 0 && strncmp(resdiff_error_last(), name_of(opts), strlen(name_of(opts))))
		resdiff_error_prefix(name_of(opts));
	pdf_doc_dispose(&doc);
	resdiff_buf_dispose(&out);
	return error;
}

int resdiff_pdf_convert(char **data, size_t *len, const resdiff_pdf_options *opts)
{
	char *text;
	size_t text_len;
	int error;

	if (!resdiff_pdf_detect(*data, *len, opts ? opts->source : NULL))
		return 0;
	if ((error = resdiff_pdf_extract(&text, &text_len, *data, *len, opts)) < 0)
		return error;
	free(*data);
	*data = text;
	*len = text_len;
	return 0;
}
