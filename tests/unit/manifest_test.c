/* manifest_test.c: the corpus manifest. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *write_manifest(const char *dir, const char *text)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof(path), "%s/test.manifest", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return strdup(path);
}

static void test_manifest__corpus(void **state)
{
	resdiff_manifest *m = NULL;
	const resdiff_manifest_entry *e;
	char path[512];
	size_t i;

	snprintf(path, sizeof(path), "%s/corpus/corpus.manifest", RESDIFF_SOURCE_DIR);
	assert_int_equal(resdiff_manifest_load(&m, path), 0);
	assert_int_equal(m->count, 5);
	e = resdiff_manifest_find(m, "E/RES/2009/7", "zh");
	assert_non_null(e);
	assert_string_equal(e->series, "ecosoc-wsis");
	assert_string_equal(e->date, "2009-07-24");
	assert_string_equal(e->meeting, "36");
	assert_string_equal(e->body, "ECOSOC");
	e = resdiff_manifest_find(m, "A/RES/65/141", "zh");
	assert_string_equal(e->series, "ga-ict4d");
	e = resdiff_manifest_find(m, "A/66/64-E/2011/77", "zh");
	assert_non_null(e);
	assert_null(e->date);   /* reports: no date invented */
	assert_null(e->series);
	assert_string_equal(e->kind, "report");
	assert_null(resdiff_manifest_find(m, "E/RES/2009/7", "en"));
	/* every source exists and its name is the mapping of symbol and language */
	for (i = 0; i < m->count; i++) {
		char *name = NULL;
		assert_int_equal(access(m->entries[i].path, R_OK), 0);
		assert_int_equal(resdiff_name_corpus_file(&name, m->entries[i].symbol,
			m->entries[i].language), 0);
		assert_string_equal(name, m->entries[i].source);
		free(name);
	}
	resdiff_manifest_free(m);
}

static void expect_error(const char *text, const char *needle)
{
	char *dir = test_tmpdir(), *path = write_manifest(dir, text);
	resdiff_manifest *m = NULL;
	assert_true(resdiff_manifest_load(&m, path) < 0);
	assert_null(m);
	if (!strstr(resdiff_error_last(), needle))
		fail_msg("want '%s' in: %s", needle, resdiff_error_last());
	assert_non_null(strstr(resdiff_error_last(), "test.manifest"));
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

static void test_manifest__errors_name_file_and_document(void **state)
{
	expect_error("[document \"a\"]\n\tlanguage = zh\n\tsource = a.txt\n", "missing 'symbol'");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n\tdate = 2009-02-30\n",
		"invalid date '2009-02-30'");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n\tseries = ../x\n",
		"invalid series slug");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n\tcolour = red\n",
		"unknown key 'colour'");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n"
		     "[document \"b\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = b\n",
		"are both E/1 (zh)");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n\tkind = poem\n",
		"unknown kind 'poem'");
	expect_error("[document \"a\"\n\tsymbol = E/1\n", "test.manifest:1)");
	expect_error("[document \"a\"]\n\tsymbol = A/80/L.2\n\tlanguage = en\n\tsource = a\n"
		     "\tdraft-of = A/80/1\n", "draft-of 'A/80/1' is not a resolution symbol");
	expect_error("[document \"a\"]\n\tsymbol = A/RES/80/1\n\tlanguage = en\n\tsource = a\n"
		     "\tdraft-of = A/RES/80/1\n", "draft-of names the document itself");
	expect_error("[document \"a\"]\n\tsymbol = E/\x01x\n\tlanguage = zh\n\tsource = a\n", "control character");
}

static void test_manifest__same_symbol_other_language_is_parallel(void **state)
{
	char *dir = test_tmpdir();
	char *path = write_manifest(dir,
		"[document \"x.zh\"]\n\tsymbol = E/RES/2009/7\n\tlanguage = zh\n\tsource = x.zh.txt\n"
		"[document \"x.en\"]\n\tsymbol = E/RES/2009/7\n\tlanguage = en\n\tsource = sub/x.en.txt\n");
	resdiff_manifest *m = NULL;
	resdiff_doc *doc = NULL;
	char want[600];

	assert_int_equal(resdiff_manifest_load(&m, path), 0);
	assert_int_equal(m->count, 2);
	snprintf(want, sizeof(want), "%s/sub/x.en.txt", dir);
	assert_string_equal(resdiff_manifest_find(m, "E/RES/2009/7", "en")->path, want);
	/* applying an entry overrides parsed metadata */
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, "E/RES/2009/0"), 0);
	assert_int_equal(resdiff_manifest_apply(doc, &m->entries[1]), 0);
	assert_string_equal(doc->meta.symbol, "E/RES/2009/7");
	assert_string_equal(doc->meta.language, "en");
	resdiff_doc_free(doc);
	resdiff_manifest_free(m);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

/* libgit2 follows [include]: a manifest that came with a corpus could
 * have any file read, a FIFO or a device hanging the reader. */
static void test_manifest__includes_are_refused(void **state)
{
	char *dir = test_tmpdir(), other[600];
	FILE *f;

	snprintf(other, sizeof(other), "%s/other.cfg", dir);
	assert_non_null(f = fopen(other, "w"));
	fputs("[document \"x.en\"]\n\tsymbol = A/1\n\tlanguage = en\n\tsource = x.txt\n", f);
	fclose(f);
	expect_error("# corpus\n[include]\n\tpath = other.cfg\n", "test.manifest:2: a manifest cannot include");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tsource = a\n"
		"[core] [ IncludeIf \"gitdir:/\"]\n\tpath = other.cfg\n", "test.manifest:5: a manifest cannot");
	unlink(other);
	rmdir(dir);
	free(dir);
}

static void test_manifest__dates(void **state)
{
	assert_true(resdiff_date_valid("1946-01-24"));
	assert_true(resdiff_date_valid("2000-02-29"));
	assert_false(resdiff_date_valid("1900-02-29"));
	assert_false(resdiff_date_valid("2009-13-01"));
	assert_false(resdiff_date_valid("2009-7-24"));
	assert_false(resdiff_date_valid(""));
}

/* A section named again later adds to its document (git-config's rule),
 * among many: the sections are found by name, in a table that grows. */
static void test_manifest__section_again_among_many(void **state)
{
	resdiff_buf text = RESDIFF_BUF_INIT;
	resdiff_manifest *m = NULL;
	const resdiff_manifest_entry *e;
	char *dir = test_tmpdir(), *path;
	size_t i;

	(void)state;
	for (i = 0; i < 300; i++)
		assert_int_equal(resdiff_buf_printf(&text, "[document \"d%zu\"]\n\tsymbol = A/RES/70/%zu\n"
			"\tlanguage = en\n\tsource = A_RES_70_%zu.en.txt\n", i, i + 1, i + 1), 0);
	for (i = 0; i < 300; i += 7)
		assert_int_equal(resdiff_buf_printf(&text, "[document \"d%zu\"]\n\tdate = 2015-12-%02zu\n",
			i, i % 28 + 1), 0);
	path = write_manifest(dir, text.ptr);
	if (resdiff_manifest_load(&m, path) < 0)
		fail_msg("load: %s", resdiff_error_last());
	assert_int_equal(m->count, 300);
	for (i = 0; i < 300; i++) {
		char sym[32];
		snprintf(sym, sizeof(sym), "A/RES/70/%zu", i + 1);
		assert_non_null(e = resdiff_manifest_find(m, sym, "en"));
		if (i % 7 == 0) {
			char date[16];
			snprintf(date, sizeof(date), "2015-12-%02zu", i % 28 + 1);
			assert_non_null(e->date);
			assert_string_equal(e->date, date);
		} else {
			assert_null(e->date);
		}
	}
	resdiff_manifest_free(m);
	resdiff_buf_dispose(&text);
	free(path);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest__corpus),
		cmocka_unit_test(test_manifest__errors_name_file_and_document),
		cmocka_unit_test(test_manifest__same_symbol_other_language_is_parallel),
		cmocka_unit_test(test_manifest__includes_are_refused),
		cmocka_unit_test(test_manifest__dates),
		cmocka_unit_test(test_manifest__section_again_among_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
