/* name_test.c: the reversible symbol <-> name mapping. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

static void roundtrip(const char *symbol, const char *expect)
{
	char *name = NULL, *back = NULL;
	assert_int_equal(resdiff_name_from_symbol(&name, symbol), 0);
	assert_string_equal(name, expect);
	assert_int_equal(resdiff_name_to_symbol(&back, name), 0);
	assert_string_equal(back, symbol);
	free(name);
	free(back);
}

static void test_name__corpus_symbols(void **state)
{
	roundtrip("E/RES/2009/7", "E_RES_2009_7");
	roundtrip("A/66/64-E/2011/77", "A_66_64-E_2011_77");
	roundtrip("A/80/L.2", "A_80_L.2");
	roundtrip("A/RES/ES-10/1", "A_RES_ES-10_1");
}

static void test_name__unsafe_symbols_are_escaped(void **state)
{
	roundtrip("..", "%2E%2E");
	roundtrip(".git", "%2Egit");
	roundtrip("a..b", "a.%2Eb");
	roundtrip("x.lock.", "x.lock%2E");
	roundtrip("A/1.lock", "A_1%2Elock");   /* git refuses ref names ending in .lock */
	roundtrip("A/1.locks", "A_1.locks");
	roundtrip("A_B", "A%5FB");
	roundtrip("refs/heads/main", "refs_heads_main");
	roundtrip("a b%", "a%20b%25");
	roundtrip("决议", "%E5%86%B3%E8%AE%AE");
}

static void test_name__refused(void **state)
{
	char *name = NULL;
	char longsym[RESDIFF_SYMBOL_MAX + 2];
	assert_int_equal(resdiff_name_from_symbol(&name, ""), RESDIFF_EINVALID);
	assert_int_equal(resdiff_name_from_symbol(&name, "A/\x1b[31m"), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "control character"));
	memset(longsym, 'A', sizeof(longsym) - 1);
	longsym[sizeof(longsym) - 1] = '\0';
	assert_int_equal(resdiff_name_from_symbol(&name, longsym), RESDIFF_EINVALID);
	assert_int_equal(resdiff_name_to_symbol(&name, "A%2"), RESDIFF_EINVALID);
	assert_int_equal(resdiff_name_to_symbol(&name, "a..b"), RESDIFF_EINVALID);
	assert_int_equal(resdiff_name_to_symbol(&name, "A%41"), RESDIFF_EINVALID); /* not canonical */
	assert_null(name);
}

static void test_name__corpus_files(void **state)
{
	char *f = NULL, *sym = NULL, *lang = NULL;
	assert_int_equal(resdiff_name_corpus_file(&f, "A/66/64-E/2011/77", "zh"), 0);
	assert_string_equal(f, "A_66_64-E_2011_77.zh.txt");
	assert_int_equal(resdiff_name_parse_corpus_file(&sym, &lang, "corpus/A_80_L.2.en.txt"), 0);
	assert_string_equal(sym, "A/80/L.2");
	assert_string_equal(lang, "en");
	free(f); free(sym); free(lang);
	assert_int_equal(resdiff_name_parse_corpus_file(&sym, &lang, "x.txt"), RESDIFF_EINVALID);
	assert_int_equal(resdiff_name_corpus_file(&f, "E/1", "ZH"), RESDIFF_EINVALID);
	assert_false(resdiff_name_series_ok("../x"));
	assert_false(resdiff_name_series_ok("refs/heads"));
	assert_true(resdiff_name_series_ok("ecosoc-wsis"));
}

/* Which symbols are resolutions, drafts and revisions (docs/DRAFTS.md). */
static void test_name__kinds_of_symbol(void **state)
{
	size_t base;
	unsigned rev;

	assert_true(resdiff_name_is_resolution("A/RES/80/1"));
	assert_true(resdiff_name_is_resolution("E/RES/2017/21"));
	assert_true(resdiff_name_is_resolution("S/RES/2334 (2016)"));
	assert_false(resdiff_name_is_resolution("A/80/1"));
	assert_false(resdiff_name_is_resolution("A/RES"));
	assert_false(resdiff_name_is_resolution("RES/80/1"));
	assert_false(resdiff_name_is_resolution("A/80/L.2"));
	assert_false(resdiff_name_is_resolution("A/RES//1"));
	assert_false(resdiff_name_is_resolution(NULL));

	assert_true(resdiff_name_draft_base(&base, &rev, "A/80/L.2"));
	assert_int_equal(base, 8);
	assert_int_equal(rev, 0);
	assert_true(resdiff_name_draft_base(&base, &rev, "A/80/L.2/Rev.1"));
	assert_int_equal(base, 8);
	assert_int_equal(rev, 1);
	assert_true(resdiff_name_draft_base(&base, &rev, "A/C.2/80/L.3/Rev.12"));
	assert_int_equal(base, strlen("A/C.2/80/L.3"));
	assert_int_equal(rev, 12);
	assert_true(resdiff_name_is_draft("E/2017/L.24"));
	assert_false(resdiff_name_is_draft("A/80/L.2/Add.1"));
	assert_false(resdiff_name_is_draft("A/80/L.2/Rev.1/Rev.2"));
	assert_false(resdiff_name_is_draft("A/80/L.x"));
	assert_false(resdiff_name_is_draft("L.2"));
	assert_false(resdiff_name_is_draft("A/RES/80/1"));
	assert_false(resdiff_name_is_draft("A/80/Rev.1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name__corpus_symbols),
		cmocka_unit_test(test_name__kinds_of_symbol),
		cmocka_unit_test(test_name__unsafe_symbols_are_escaped),
		cmocka_unit_test(test_name__refused),
		cmocka_unit_test(test_name__corpus_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
