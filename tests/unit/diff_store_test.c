/* diff_store_test.c: resdiff diff on stored documents (symbols, SYMBOL@REV,
 * stored series), through the command line against a scratch repository. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char *repo;

static int setup(void **state)
{
	repo = test_tmpdir();
	if (test_system("cd '%s' && '%s' init '%s/r' >/dev/null && '%s' -C '%s/r' import "
			"--manifest corpus/corpus.manifest >/dev/null",
			RESDIFF_SOURCE_DIR, RESDIFF_BINARY, repo, RESDIFF_BINARY, repo) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	test_system("rm -rf '%s'", repo);
	free(repo);
	return 0;
}

/* Run a command, return its standard output (malloc'd) and status. */
static char *run(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *run(int *status, const char *fmt, ...)
{
	char cmd[4096], out[256];
	va_list ap;
	resdiff_buf b = RESDIFF_BUF_INIT;
	FILE *p;
	size_t n;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(out, 1, sizeof(out), p)) > 0)
		resdiff_buf_put(&b, out, n);
	st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	resdiff_buf_put(&b, "", 0);
	return resdiff_buf_detach(&b);
}

static void test_diff_store__symbols_match_files(void **state)
{
	int st1, st2;
	char *stored = run(&st1, "cd '%s' && '%s' -C '%s/r' diff --format=json 2009/7 E/RES/2017/21",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, repo);
	char *files = run(&st2, "cd '%s' && '%s' diff --format=json --manifest corpus/corpus.manifest "
		"corpus/E_RES_2009_7.zh.txt corpus/E_RES_2017_21.zh.txt", RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
	const char *cs = strstr(stored, "\"changes\""), *cf = strstr(files, "\"changes\"");
	assert_int_equal(st1, 0);
	assert_int_equal(st2, 0);
	assert_non_null(cs);
	assert_non_null(cf);
	/* same alignment and edits whether read from the store or the files */
	assert_string_equal(cs, cf);
	free(stored);
	free(files);
}

static void test_diff_store__stored_series(void **state)
{
	int st1, st2;
	char *stored = run(&st1, "'%s' -C '%s/r' diff --stat --series ecosoc-wsis", RESDIFF_BINARY, repo);
	char *files = run(&st2, "cd '%s' && '%s' diff --stat --manifest corpus/corpus.manifest --series ecosoc-wsis",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
	assert_int_equal(st1, 0);
	assert_string_equal(stored, files);
	assert_non_null(strstr(stored, "62 → 85 clauses"));
	free(stored);
	free(files);
	stored = run(&st1, "'%s' -C '%s/r' diff --series no-such-series 2>&1", RESDIFF_BINARY, repo);
	assert_int_equal(st1, 2);
	free(stored);
}

/* Found in review: a series diff as JSON was not JSON Lines, as HTML two
 * pages in one file, and --stat did not say which pair a line is for. */
static void test_diff_store__series_formats(void **state)
{
	int st;
	char *out = run(&st, "'%s' -C '%s/r' diff --series ecosoc-wsis --format=json | "
		"python3 -c 'import sys, json; print(sum(1 for l in sys.stdin if json.loads(l)))'",
		RESDIFF_BINARY, repo);
	assert_int_equal(st, 0);
	assert_string_equal(out, "1\n");
	free(out);
	out = run(&st, "'%s' -C '%s/r' diff --series ecosoc-wsis --format=html", RESDIFF_BINARY, repo);
	assert_non_null(strstr(out, "<title>series ecosoc-wsis</title>"));
	assert_null(strstr(strstr(out, "<html") + 1, "<html"));
	assert_non_null(strstr(out, "<section id=\"p1-diff\">"));
	assert_non_null(strstr(out, "id=\"p1-summary\""));
	free(out);
	out = run(&st, "'%s' -C '%s/r' diff --series ecosoc-wsis --stat", RESDIFF_BINARY, repo);
	assert_non_null(strstr(out, "E/RES/2009/7 → E/RES/2017/21: 62 → 85 clauses"));
	free(out);
}

static void test_diff_store__symbol_at_revision(void **state)
{
	int st;
	char *out;
	/* correct PP2 of 2009/7, then diff the record's previous text with it */
	assert_int_equal(test_system("sed 's/确认所有利益攸关方努力执行/确认所有利益攸关方积极执行/' "
		"'%s/corpus/E_RES_2009_7.zh.txt' > '%s/E_RES_2009_7.zh.txt'", RESDIFF_SOURCE_DIR, repo), 0);
	assert_int_equal(test_system("cd '%s' && '%s' -C '%s/r' import --manifest corpus/corpus.manifest "
		"'%s/E_RES_2009_7.zh.txt' >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, repo, repo), 0);
	out = run(&st, "'%s' -C '%s/r' diff --exit-code --no-pager --color=never 2009/7@~1 2009/7",
		RESDIFF_BINARY, repo);
	assert_int_equal(st, 1);
	assert_non_null(strstr(out, "@@ PP2 → PP2 reworded"));
	assert_non_null(strstr(out, "[-努力-]{+积极+}"));
	free(out);
	out = run(&st, "'%s' -C '%s/r' diff --stat 2009/7@~1 2009/7", RESDIFF_BINARY, repo);
	assert_non_null(strstr(out, "62 → 62 clauses: 61 unchanged, 1 reworded"));
	free(out);
}

static void test_diff_store__log_stat_uses_the_differ(void **state)
{
	int st;
	char *out = run(&st, "'%s' -C '%s/r' log --stat ecosoc-wsis", RESDIFF_BINARY, repo);
	assert_int_equal(st, 0);
	/* the same counts as resdiff diff --stat 2009/7 2017/21 */
	assert_non_null(strstr(out, "1 unchanged, 16 reworded, 0 split, 0 merged, 68 added, 45 dropped; "
		"5 moved, 6 renumbered since E/RES/2009/7"));
	free(out);
}

/* Found in review: a corrected file imported without its flags fell out
 * of its series. It keeps what the stored version says. */
static void test_diff_store__correction_keeps_its_series(void **state)
{
	int st;
	char *out;
	assert_int_equal(test_system("mkdir -p '%s/fix' && sed 's/回顾联合国承认各组织/回顾联合国承认各个组织/' "
		"'%s/corpus/E_RES_2009_7.zh.txt' > '%s/fix/E_RES_2009_7.zh.txt'", repo, RESDIFF_SOURCE_DIR, repo), 0);
	out = run(&st, "'%s' -C '%s/r' import '%s/fix/E_RES_2009_7.zh.txt'", RESDIFF_BINARY, repo, repo);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "amended   E/RES/2009/7 (zh)"));
	free(out);
	out = run(&st, "'%s' -C '%s/r' log ecosoc-wsis", RESDIFF_BINARY, repo);
	assert_non_null(strstr(out, "2009-07-24  E/RES/2009/7"));
	assert_non_null(strstr(out, "2017-07-06  E/RES/2017/21"));
	free(out);
	out = run(&st, "'%s' -C '%s/r' show --format=json 2009/7", RESDIFF_BINARY, repo);
	assert_non_null(strstr(out, "\"series\":\"ecosoc-wsis\""));
	assert_non_null(strstr(out, "回顾联合国承认各个组织"));
	free(out);
}

static void test_diff_store__errors(void **state)
{
	int st;
	char *out = run(&st, "'%s' -C '%s/r' diff 2009/7 no/such 2>&1", RESDIFF_BINARY, repo);
	assert_int_equal(st, 2);
	assert_non_null(strstr(out, "no/such"));
	free(out);
	out = run(&st, "'%s' -C '%s/none' diff 2009/7 2017/21 2>&1", RESDIFF_BINARY, repo);
	assert_int_equal(st, 2);
	assert_non_null(strstr(out, "none: no such directory"));
	/* reported once, not twice */
	assert_null(strstr(strstr(out, "no such directory") + 1, "no such directory"));
	free(out);
	/* a directory that holds no repository */
	out = run(&st, "mkdir -p '%s/empty' && '%s' -C '%s/empty' diff 2009/7 2017/21 2>&1", repo,
		RESDIFF_BINARY, repo);
	assert_int_equal(st, 2);
	assert_non_null(strstr(out, "not a resdiff repository"));
	assert_null(strstr(strstr(out, "not a resdiff repository") + 1, "not a resdiff repository"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_store__symbols_match_files),
		cmocka_unit_test(test_diff_store__stored_series),
		cmocka_unit_test(test_diff_store__series_formats),
		cmocka_unit_test(test_diff_store__symbol_at_revision),
		cmocka_unit_test(test_diff_store__log_stat_uses_the_differ),
		cmocka_unit_test(test_diff_store__correction_keeps_its_series),
		cmocka_unit_test(test_diff_store__errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
