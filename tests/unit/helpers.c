/* helpers.c: shared by the cmocka unit tests. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

char *test_read_source(const char *relpath, size_t *len)
{
	char path[4096];
	char *text = NULL;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", RESDIFF_SOURCE_DIR, relpath);
	if (resdiff_file_read(&text, &n, path) < 0)
		fail_msg("%s", resdiff_error_last());
	if (len)
		*len = n;
	return text;
}

resdiff_doc *test_parse_source(const char *relpath, const char *lang)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	size_t len;
	char *text = test_read_source(relpath, &len);

	opts.language = lang;
	opts.source = relpath;
	if (resdiff_parse(&doc, text, len, &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	free(text);
	return doc;
}

resdiff_doc *test_parse_string(const char *text, const char *lang)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL;

	opts.language = lang;
	opts.source = "<string>";
	if (resdiff_parse(&doc, text, strlen(text), &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	return doc;
}

size_t test_count_kind(const resdiff_doc *doc, resdiff_unit_kind kind)
{
	size_t i, n = 0;
	for (i = 0; i < doc->unit_count; i++)
		n += doc->units[i].kind == kind;
	return n;
}

void test_assert_unit_text(const resdiff_doc *doc, const char *id, const char *text)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, id);
	if (!u)
		fail_msg("no unit %s", id);
	if (strcmp(u->text, text))
		fail_msg("unit %s:\n  got:  %s\n  want: %s", id, u->text, text);
}

char *test_tmpdir(void)
{
	char tmpl[] = "/tmp/resdiff-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	if (!d)
		fail_msg("mkdtemp failed");
	return strdup(d);
}

int test_system(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}
