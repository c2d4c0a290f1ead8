/* store_test.c: the resdiff repository, with the real git program as oracle. */
#define _GNU_SOURCE  /* MAP_ANONYMOUS, unshare */
#include "store_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

static char *new_repo(resdiff_store **out)
{
	char *dir = test_tmpdir();
	bool created;
	assert_int_equal(resdiff_store_init(out, &created, dir), 0);
	assert_true(created);
	return dir;
}

static void import_one(resdiff_store *s, const resdiff_doc *doc, resdiff_import_result want)
{
	resdiff_store_item item;
	memset(&item, 0, sizeof(item));
	item.doc = doc;
	if (resdiff_store_import(s, &item, 1) < 0)
		fail_msg("import %s: %s", doc->meta.symbol, resdiff_error_last());
	assert_int_equal(item.result, want);
}

static char *git_out(const char *repo, const char *args)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' %s 2>&1", repo, args);
	if (status != 0)
		fail_msg("git %s: exit %d: %s", args, status, out);
	return out;
}

static void rm_rf(const char *dir)
{
	test_system("rm -rf '%s'", dir);
}

static void test_store__init_and_discovery(void **state)
{
	resdiff_store *s = NULL, *t = NULL;
	char *dir = new_repo(&s), sub[4200], *plain;
	bool created;

	/* init again: opened unchanged */
	assert_int_equal(resdiff_store_init(&t, &created, dir), 0);
	assert_false(created);
	resdiff_store_free(t);
	/* discovery from a directory inside the repository */
	snprintf(sub, sizeof(sub), "%s/refs/heads", dir);
	assert_int_equal(resdiff_store_open(&t, sub), 0);
	resdiff_store_free(t);
	/* $RESDIFF_REPO when no start is given */
	setenv(RESDIFF_STORE_ENV, dir, 1);
	assert_int_equal(resdiff_store_open(&t, NULL), 0);
	resdiff_store_free(t);
	unsetenv(RESDIFF_STORE_ENV);
	/* a git repository that is not a resdiff one is refused, so is init in it */
	plain = test_tmpdir();
	assert_int_equal(test_system("git init -q '%s'", plain), 0);
	assert_int_equal(resdiff_store_open(&t, plain), RESDIFF_ENOTFOUND);
	assert_non_null(strstr(resdiff_error_last(), "not a resdiff repository"));
	assert_int_equal(resdiff_store_init(&t, &created, plain), RESDIFF_EINVALID);
	/* HEAD is the readme, a branch resdiff never moves, naming the format */
	{
		char want_fmt[16], *head = git_out(dir, "symbolic-ref HEAD");
		assert_string_equal(head, "refs/heads/readme\n");
		free(head);
		head = git_out(dir, "show readme:resdiff-format");
		snprintf(want_fmt, sizeof(want_fmt), "%d\n", RESDIFF_STORE_FORMAT);
		assert_string_equal(head, want_fmt);
		free(head);
	}
	resdiff_store_free(s);
	rm_rf(dir);
	rm_rf(plain);
	free(dir);
	free(plain);
}

/* A transaction of RESDIFF_STORE_PACK_MIN_DOCS or more documents is one
 * pack with an index written by resdiff itself: git must accept both. */
static void test_store__large_import_is_one_valid_pack(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out, sym[32];
	resdiff_store_item items[40];
	resdiff_doc *docs[40], *back = NULL;
	size_t i;
	int status;

	memset(items, 0, sizeof(items));
	for (i = 0; i < 40; i++) {
		char date[11];
		snprintf(sym, sizeof(sym), "A/RES/70/%zu", i + 1);
		snprintf(date, sizeof(date), "2015-%02zu-%02zu", i % 12 + 1, i % 28 + 1);
		docs[i] = test_make_doc(sym, "en", "ga-test", date, 20, (unsigned)i);
		items[i].doc = docs[i];
	}
	assert_int_equal(resdiff_store_import(s, items, 40), 0);
	out = test_capture(&status, "ls '%s'/objects/pack/*.idx | wc -l && "
		"git -C '%s' verify-pack '%s'/objects/pack/*.idx && echo verified", dir, dir, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "verified"));
	assert_int_equal(atoi(out), 1);
	free(out);
	test_assert_fsck(dir);
	/* read back through libgit2 from the new pack */
	assert_int_equal(resdiff_store_read(&back, NULL, s, "A/RES/70/17", "en", NULL), 0);
	test_assert_docs_equal(docs[16], back);
	resdiff_doc_free(back);
	for (i = 0; i < 40; i++)
		resdiff_doc_free(docs[i]);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static void test_store__roundtrip_and_corrections(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *before, *after, *log;
	resdiff_doc *doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 30, 1);
	resdiff_doc *next = test_make_doc("E/RES/2017/21", "zh", "ecosoc-wsis", "2017-07-06", 35, 2);
	resdiff_doc *fixed = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 30, 9);
	resdiff_doc *back = NULL;
	resdiff_store_item items[2];
	char sha[65];

	memset(items, 0, sizeof(items));
	items[0].doc = doc;
	items[0].source_sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	items[1].doc = next;
	assert_int_equal(resdiff_store_import(s, items, 2), 0);
	assert_int_equal(items[0].result, RESDIFF_IMPORT_ADDED);
	assert_int_equal(strlen(items[0].commit), 40);
	/* exact round trip, source hash included */
	assert_int_equal(resdiff_store_read(&back, sha, s, "E/RES/2009/7", "zh", NULL), 0);
	test_assert_docs_equal(doc, back);
	assert_string_equal(sha, items[0].source_sha256);
	resdiff_doc_free(back);

	/* identical re-import: no new commit anywhere */
	before = git_out(dir, "for-each-ref --format='%(objectname) %(refname)'");
	items[0].result = items[1].result = RESDIFF_IMPORT_ADDED;
	assert_int_equal(resdiff_store_import(s, items, 2), 0);
	assert_int_equal(items[0].result, RESDIFF_IMPORT_UNCHANGED);
	assert_int_equal(items[1].result, RESDIFF_IMPORT_UNCHANGED);
	after = git_out(dir, "for-each-ref --format='%(objectname) %(refname)'");
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* a changed text is a correction in the record, shown in its place in the series */
	import_one(s, fixed, RESDIFF_IMPORT_AMENDED);
	log = git_out(dir, "log --format=%s record");
	assert_string_equal(log, "amend E/RES/2009/7 (zh) text\nimport E/RES/2017/21 (zh)\n"
		"import E/RES/2009/7 (zh)\n");
	free(log);
	assert_int_equal(resdiff_store_read(&back, NULL, s, "2009/7", "zh", NULL), RESDIFF_ENOTFOUND);
	assert_int_equal(resdiff_store_read(&back, NULL, s, "E/RES/2009/7", "zh", NULL), 0);
	test_assert_docs_equal(fixed, back);
	resdiff_doc_free(back);
	/* the older text stays readable at an earlier record revision */
	assert_int_equal(resdiff_store_read(&back, NULL, s, "E/RES/2009/7", "zh", "~1"), 0);
	test_assert_docs_equal(doc, back);
	resdiff_doc_free(back);
	log = git_out(dir, "show series/ecosoc-wsis/zh~1:ecosoc-wsis.zh.txt");
	assert_non_null(strstr(log, "PP1\tUnit 1 of E/RES/2009/7, version 9:"));
	free(log);
	log = git_out(dir, "log --format=%s series/ecosoc-wsis/zh");
	assert_string_equal(log, "E/RES/2017/21: Information and communications technologies for development\n"
		"E/RES/2009/7: Information and communications technologies for development\n");
	free(log);
	test_assert_fsck(dir);

	resdiff_doc_free(doc);
	resdiff_doc_free(next);
	resdiff_doc_free(fixed);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

static void test_store__adoption_order_and_git_diff(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out;
	resdiff_doc *d2017 = test_make_doc("E/RES/2017/21", "zh", "ecosoc-wsis", "2017-07-06", 30, 2);
	resdiff_doc *d2009 = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 30, 1);
	resdiff_doc *d2013 = test_make_doc("E/RES/2013/9", "zh", "ecosoc-wsis", "2013-07-22", 30, 4);
	resdiff_series_list *list = NULL;

	/* newest first: the view is rebuilt in adoption order each time */
	import_one(s, d2017, RESDIFF_IMPORT_ADDED);
	import_one(s, d2009, RESDIFF_IMPORT_ADDED);
	import_one(s, d2013, RESDIFF_IMPORT_ADDED);
	out = git_out(dir, "log --reverse --date=short --format='%ad %(trailers:key=Symbol,valueonly)' "
		"series/ecosoc-wsis/zh | grep -v '^$'");
	assert_string_equal(out, "2009-07-24 E/RES/2009/7\n2013-07-22 E/RES/2013/9\n2017-07-06 E/RES/2017/21\n");
	free(out);
	/* record keeps the order of the imports */
	out = git_out(dir, "log --reverse --format=%s record");
	assert_string_equal(out, "import E/RES/2017/21 (zh)\nimport E/RES/2009/7 (zh)\nimport E/RES/2013/9 (zh)\n");
	free(out);
	/* stock git diff between two members: changed lines of one file */
	out = git_out(dir, "diff --name-status resdiff/symbols/zh/E_RES_2009_7 resdiff/symbols/zh/E_RES_2017_21");
	assert_string_equal(out, "M\tecosoc-wsis.zh.txt\n");
	free(out);
	out = git_out(dir, "diff resdiff/symbols/zh/E_RES_2009_7 resdiff/symbols/zh/E_RES_2017_21");
	assert_non_null(strstr(out, "\n-PP1\tUnit 1 of E/RES/2009/7, version 1"));
	assert_non_null(strstr(out, "\n+PP1\tUnit 1 of E/RES/2017/21, version 2"));
	assert_null(strstr(out, "@unit")); /* no provenance noise in the view */
	free(out);
	/* trailers */
	out = git_out(dir, "log -1 --format=%B resdiff/symbols/zh/E_RES_2013_9");
	assert_non_null(strstr(out, "Symbol: E/RES/2013/9\nLanguage: zh\nAdopted: 2013-07-22\n"));
	free(out);
	/* the library reads the same order */
	assert_int_equal(resdiff_store_series(&list, s, "ecosoc-wsis", NULL, true), 0);
	assert_int_equal(list->count, 1);
	assert_int_equal(list->series[0].count, 3);
	assert_string_equal(list->series[0].members[0].symbol, "E/RES/2009/7");
	assert_string_equal(list->series[0].members[1].symbol, "E/RES/2013/9");
	assert_string_equal(list->series[0].members[2].date, "2017-07-06");
	assert_int_equal(list->series[0].members[2].doc->unit_count, 30);
	resdiff_series_list_free(list);
	assert_int_equal(resdiff_store_series(&list, s, "no-such", NULL, false), RESDIFF_ENOTFOUND);
	test_assert_fsck(dir);

	resdiff_doc_free(d2009);
	resdiff_doc_free(d2013);
	resdiff_doc_free(d2017);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

static void test_store__pre1970_dates(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out;
	resdiff_doc *d1946 = test_make_doc("A/RES/1(I)", "en", "ga-atomic", "1946-01-24", 5, 1);
	resdiff_doc *d1959 = test_make_doc("A/RES/1379(XIV)", "en", "ga-atomic", "1959-11-20", 5, 2);
	resdiff_doc *d1975 = test_make_doc("A/RES/3472(XXX)", "en", "ga-atomic", "1975-12-11", 5, 3);
	resdiff_series_list *list = NULL;

	import_one(s, d1975, RESDIFF_IMPORT_ADDED);
	import_one(s, d1959, RESDIFF_IMPORT_ADDED);
	import_one(s, d1946, RESDIFF_IMPORT_ADDED);
	test_assert_fsck(dir);
	/* stock git shows clamped dates from 1970 on, and the real ones in the trailer */
	out = git_out(dir, "log --reverse --date=iso-strict --format='%ad %cd' series/ga-atomic/en");
	assert_string_equal(out, "1970-01-01T00:00:00+00:00 1970-01-01T00:00:00+00:00\n"
		"1970-01-01T00:00:00+00:00 1970-01-01T00:00:00+00:00\n"
		"1975-12-11T00:00:00+00:00 1975-12-11T00:00:00+00:00\n");
	free(out);
	out = git_out(dir, "log --reverse --format='%(trailers:key=Adopted,valueonly)' series/ga-atomic/en "
		"| grep -v '^$'");
	assert_string_equal(out, "1946-01-24\n1959-11-20\n1975-12-11\n");
	free(out);
	/* resdiff orders and displays by the trailer */
	assert_int_equal(resdiff_store_series(&list, s, "ga-atomic", "en", false), 0);
	assert_string_equal(list->series[0].members[0].date, "1946-01-24");
	assert_string_equal(list->series[0].members[0].symbol, "A/RES/1(I)");
	assert_string_equal(list->series[0].members[1].date, "1959-11-20");
	resdiff_series_list_free(list);
	assert_int_equal(resdiff_store_days_from_date("1970-01-01"), 0);
	assert_int_equal(resdiff_store_days_from_date("1946-01-24"), -8743);
	assert_int_equal(resdiff_store_days_from_date("2000-03-01"), 11017);

	resdiff_doc_free(d1946);
	resdiff_doc_free(d1959);
	resdiff_doc_free(d1975);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

static void test_store__undated_and_moved_members(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out;
	resdiff_doc *report = test_make_doc("E/2006/85", "zh", NULL, NULL, 10, 1);
	resdiff_doc *undated = test_make_doc("E/RES/2020/1", "zh", "ecosoc-wsis", NULL, 10, 2);
	resdiff_doc *dated = test_make_doc("E/RES/2020/1", "zh", "ecosoc-wsis", "2020-07-01", 10, 2);
	resdiff_doc *moved = test_make_doc("E/RES/2020/1", "zh", "ecosoc-ict", "2020-07-01", 10, 2);
	resdiff_doc *other = test_make_doc("E/RES/2019/5", "zh", "ecosoc-wsis", "2019-07-01", 10, 3);
	resdiff_doc *back = NULL;
	int status;

	import_one(s, report, RESDIFF_IMPORT_ADDED);
	import_one(s, undated, RESDIFF_IMPORT_ADDED);
	import_one(s, other, RESDIFF_IMPORT_ADDED);
	/* undated documents are in the record and readable, in no history */
	assert_int_equal(resdiff_store_read(&back, NULL, s, "E/2006/85", "zh", NULL), 0);
	resdiff_doc_free(back);
	out = git_out(dir, "for-each-ref --format='%(refname)' refs/heads/series refs/heads/resdiff/symbols");
	assert_string_equal(out, "refs/heads/resdiff/symbols/zh/E_RES_2019_5\nrefs/heads/series/ecosoc-wsis/zh\n");
	free(out);
	/* dated by a correction: joins the series */
	import_one(s, dated, RESDIFF_IMPORT_AMENDED);
	out = git_out(dir, "log --format=%s record -1");
	assert_string_equal(out, "amend E/RES/2020/1 (zh) metadata\n");
	free(out);
	out = git_out(dir, "log --reverse --format='%(trailers:key=Symbol,valueonly)' series/ecosoc-wsis/zh "
		"| grep -v '^$'");
	assert_string_equal(out, "E/RES/2019/5\nE/RES/2020/1\n");
	free(out);
	/* moved to another series: leaves the first, its symbol ref follows */
	import_one(s, moved, RESDIFF_IMPORT_AMENDED);
	out = git_out(dir, "log --format='%(trailers:key=Symbol,valueonly)' series/ecosoc-wsis/zh | grep -v '^$'");
	assert_string_equal(out, "E/RES/2019/5\n");
	free(out);
	out = git_out(dir, "rev-parse resdiff/symbols/zh/E_RES_2020_1 series/ecosoc-ict/zh");
	assert_memory_equal(out, out + 41, 40);
	free(out);
	/* undated again: no longer in any history, no symbol ref */
	import_one(s, undated, RESDIFF_IMPORT_AMENDED);
	free(test_capture(&status, "git -C '%s' rev-parse -q --verify refs/heads/resdiff/symbols/zh/E_RES_2020_1", dir));
	assert_int_not_equal(status, 0);
	free(test_capture(&status, "git -C '%s' rev-parse -q --verify refs/heads/series/ecosoc-ict/zh", dir));
	assert_int_not_equal(status, 0);
	test_assert_fsck(dir);

	resdiff_doc_free(report);
	resdiff_doc_free(undated);
	resdiff_doc_free(dated);
	resdiff_doc_free(moved);
	resdiff_doc_free(other);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

static void test_store__forgiving_symbols(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *sym = NULL, *lang = NULL;
	resdiff_doc *a = test_make_doc("E/RES/2009/7", "zh", NULL, "2009-07-24", 3, 1);
	resdiff_doc *a_en = test_make_doc("E/RES/2009/7", "en", NULL, "2009-07-24", 3, 1);
	resdiff_doc *b = test_make_doc("E/RES/2010/7", "zh", NULL, "2010-07-24", 3, 2);
	resdiff_doc *c = test_make_doc("A/RES/65/141", "zh", NULL, "2010-12-20", 3, 3);

	import_one(s, a, RESDIFF_IMPORT_ADDED);
	import_one(s, b, RESDIFF_IMPORT_ADDED);
	import_one(s, c, RESDIFF_IMPORT_ADDED);
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2009/7", NULL, NULL), 0);
	assert_string_equal(sym, "E/RES/2009/7");
	assert_string_equal(lang, "zh");
	free(sym);
	free(lang);
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "65/141", NULL, NULL), 0);
	assert_string_equal(sym, "A/RES/65/141");
	free(sym);
	free(lang);
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "E_RES_2010_7", NULL, NULL), 0);
	assert_string_equal(sym, "E/RES/2010/7");
	free(sym);
	free(lang);
	/* "7" is ambiguous: the candidates are listed */
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "7", NULL, NULL), RESDIFF_EAMBIGUOUS);
	assert_non_null(strstr(resdiff_error_last(), "E/RES/2009/7 (zh)"));
	assert_non_null(strstr(resdiff_error_last(), "E/RES/2010/7 (zh)"));
	assert_null(sym);
	/* not a component boundary: "09/7" does not match */
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "09/7", NULL, NULL), RESDIFF_ENOTFOUND);
	/* two languages: ask for one */
	import_one(s, a_en, RESDIFF_IMPORT_ADDED);
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2009/7", NULL, NULL), RESDIFF_EAMBIGUOUS);
	assert_non_null(strstr(resdiff_error_last(), "--lang"));
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2009/7", "en", NULL), 0);
	assert_string_equal(lang, "en");
	free(sym);
	free(lang);
	/* at an older record revision the English text was not there yet */
	assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2009/7", NULL, "~1"), 0);
	assert_string_equal(lang, "zh");
	free(sym);
	free(lang);

	resdiff_doc_free(a);
	resdiff_doc_free(a_en);
	resdiff_doc_free(b);
	resdiff_doc_free(c);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

/* Is `ref` a ref name git accepts? git's own rules, not ours. */
static bool git_ref_ok(const char *ref)
{
	int status;
	free(test_capture(&status, "git check-ref-format '%s'", ref));
	return status == 0;
}

static void test_store__unsafe_names(void **state)
{
	/* in the grammar, but names git or a file system would take for
	 * something else: stored under their mapped names only */
	static const char *const mapped[] = {
		"refs/heads/main", "HEAD", "A/RES/ES-10/1", "A/1.lock", "x/y.", "S/RES/2334 (2016)",
		"A/RES/73/277*", "E_RES_2009_7"
	};
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out, *p, *save = NULL;
	resdiff_doc *doc;
	resdiff_store_item item;
	size_t i;

	for (i = 0; i < sizeof(mapped) / sizeof(mapped[0]); i++) {
		resdiff_doc *back = NULL;
		doc = test_make_doc(mapped[i], "en", "odd-series", "2001-01-01", 2, (unsigned)i);
		import_one(s, doc, RESDIFF_IMPORT_ADDED);
		assert_int_equal(resdiff_store_read(&back, NULL, s, mapped[i], "en", NULL), 0);
		assert_string_equal(back->meta.symbol, mapped[i]);
		resdiff_doc_free(back);
		resdiff_doc_free(doc);
	}
	out = git_out(dir, "for-each-ref --format='%(refname)'");
	assert_null(strstr(out, "refs/heads/main"));
	assert_null(strstr(out, "refs/heads/HEAD"));
	assert_non_null(strstr(out, "refs/heads/resdiff/symbols/en/refs_heads_main\n"));
	assert_non_null(strstr(out, "refs/heads/resdiff/symbols/en/A_1%2Elock\n"));
	/* every ref made is one git itself accepts */
	for (p = strtok_r(out, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
		if (!git_ref_ok(p))
			fail_msg("git rejects the ref name '%s'", p);
	free(out);
	out = git_out(dir, "ls-tree -r --name-only record");
	assert_null(strstr(out, "/.git"));
	assert_null(strstr(out, "/../"));
	free(out);
	test_assert_fsck(dir);

	/* refused, nothing written: not symbols by the grammar (no '.'
	 * components, no control characters, no '@' or ':'), bad languages,
	 * series and dates */
	{
		struct { const char *symbol, *lang, *series, *date, *why; } bad[] = {
			{ "..", "en", NULL, NULL, "starts with '.'" },
			{ "a/../../b", "en", NULL, NULL, "starts with '.'" },
			{ ".git", "en", NULL, NULL, "starts with '.'" },
			{ "x/.git/config", "en", NULL, NULL, "starts with '.'" },
			{ "@{-1}", "en", NULL, NULL, "'@'" },
			{ "A/RES/1:OP1", "en", NULL, NULL, "':'" },
			{ "A//1", "en", NULL, NULL, "empty" },
			{ "-A/1", "en", NULL, NULL, "starts with '-'" },
			{ "A/\x1b[31m", "en", NULL, NULL, "0x1B" },
			{ "A/1", "../", NULL, NULL, "language" },
			{ "A/1", "EN", NULL, NULL, "language" },
			{ "A/1", "en", "../main", NULL, "series" },
			{ "A/1", "en", "Main", NULL, "series" },
			{ "A/1", "en", NULL, "2009-02-30", "date" },
			{ "", "en", NULL, NULL, "symbol" },
		};
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char *before = git_out(dir, "for-each-ref");
			doc = test_make_doc(bad[i].symbol, bad[i].lang, bad[i].series, bad[i].date, 2, 1);
			memset(&item, 0, sizeof(item));
			item.doc = doc;
			assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_EINVALID);
			if (!strstr(resdiff_error_last(), bad[i].why))
				fail_msg("'%s': %s", bad[i].symbol, resdiff_error_last());
			out = git_out(dir, "for-each-ref");
			assert_string_equal(before, out);
			free(out);
			free(before);
			resdiff_doc_free(doc);
		}
	}
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

/* The README's main job through the command line, on the real corpus. */
static void test_store__cli_corpus(void **state)
{
	char *dir = test_tmpdir(), *out, *parsed, *shown;
	const char *bin = RESDIFF_BINARY, *src = RESDIFF_SOURCE_DIR;
	int status;

	rm_rf(dir);
	out = test_capture(&status, "%s init '%s'", bin, dir);
	assert_int_equal(status, 0);
	free(out);
	out = test_capture(&status, "%s -C '%s' import --manifest %s/corpus/corpus.manifest", bin, dir, src);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "5 added, 0 amended, 0 unchanged"));
	free(out);
	/* adoption order, with dates, in resdiff and in stock git */
	out = test_capture(&status, "%s -C '%s' log ecosoc-wsis", bin, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "ecosoc-wsis (zh)\n  2009-07-24  E/RES/2009/7 "));
	assert_true(strstr(out, "2009-07-24") < strstr(out, "2017-07-06  E/RES/2017/21"));
	free(out);
	out = git_out(dir, "log --date=short --format=%ad series/ecosoc-wsis/zh");
	assert_string_equal(out, "2017-07-06\n2009-07-24\n");
	free(out);
	/* show --format=json: the units, footnotes and diagnostics of the parse */
	parsed = test_capture(&status, "cd %s && %s parse --format=json --manifest corpus/corpus.manifest "
		"corpus/E_RES_2017_21.zh.txt", src, bin);
	assert_int_equal(status, 0);
	shown = test_capture(&status, "cd '%s/refs' && %s show 2017/21 --format=json", dir, bin);
	assert_int_equal(status, 0);
	assert_non_null(strstr(parsed, "\"units\":[{"));
	assert_string_equal(strstr(parsed, "\"units\":["), strstr(shown, "\"units\":["));
	assert_string_equal(strstr(parsed, "\"meta\":{"), strstr(shown, "\"meta\":{"));
	free(parsed);
	free(shown);
	/* $RESDIFF_REPO, and a report (undated) found by its full symbol */
	out = test_capture(&status, "RESDIFF_REPO='%s' %s show A/66/64-E/2011/77 | head -1", dir, bin);
	assert_string_equal(out, "symbol    A/66/64-E/2011/77\n");
	free(out);
	/* ambiguous: candidates listed, exit 2 */
	out = test_capture(&status, "%s -C '%s' import --force --symbol E/RES/2010/7 --date 2010-07-20 "
		"%s/corpus/E_RES_2009_7.zh.txt >/dev/null && %s -C '%s' show 7 2>&1", bin, dir, src, bin, dir);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "E/RES/2009/7 (zh)"));
	assert_non_null(strstr(out, "E/RES/2010/7 (zh)"));
	free(out);
	/* a symbol ending in ".lock" maps to a safe ref name (A_1%2Elock) */
	out = test_capture(&status, "%s -C '%s' import --force --symbol A/1.lock %s/corpus/E_RES_2009_7.zh.txt 2>&1",
		bin, dir, src);
	assert_int_equal(status, 0);
	free(out);
	out = test_capture(&status, "git -C '%s' fsck --strict 2>&1 && git -C '%s' for-each-ref "
		"--format='%%(refname)' refs/heads/resdiff/symbols", dir, dir);
	assert_int_equal(status, 0);
	assert_null(strstr(out, ".lock\n"));
	free(out);
	/* unsafe names: exit 2, nothing written */
	out = test_capture(&status, "%s -C '%s' import --series ../main %s/corpus/E_RES_2009_7.zh.txt 2>&1",
		bin, dir, src);
	assert_int_equal(status, 2);
	free(out);
	out = test_capture(&status, "%s -C /nonexistent-dir log 2>&1", bin);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "/nonexistent-dir: no such directory"));
	free(out);
	test_assert_fsck(dir);
	rm_rf(dir);
	free(dir);
}

/* ---- concurrency, crashes, locks, disk full ----------------------------- */

#define WRITERS 8
#define DOCS_PER_WRITER 50

/* Writer w imports its 50 documents one per transaction (w % 4 == 0) or
 * ten per transaction, so single and batched transactions interleave. */
static void writer(const char *dir, int w)
{
	resdiff_store *s = NULL;
	resdiff_store_item items[10];
	resdiff_doc *docs[10];
	int i, k, batch = w % 4 == 0 ? 1 : 10;

	if (resdiff_store_open(&s, dir) < 0)
		_exit(10);
	/* locks and order are tested here; durability has tests of its own,
	 * and 400 transactions of fsyncs take long on a shared disk */
	resdiff_store_set_fsync(s, false);
	for (i = 0; i < DOCS_PER_WRITER; i += batch) {
		for (k = 0; k < batch; k++) {
			char symbol[64], date[16], series[16];
			int n = i + k;
			/* dates interleave across writers, so views are rebuilt out of order */
			snprintf(symbol, sizeof(symbol), "E/RES/%d/%d", 1990 + n % 30, w * 100 + n);
			snprintf(date, sizeof(date), "%04d-%02d-%02d", 1960 + (n * 7 + w * 3) % 60,
				1 + (w + n) % 12, 1 + n % 28);
			snprintf(series, sizeof(series), "series-%d", (w + n) % 4);
			docs[k] = test_make_doc(symbol, w % 2 ? "zh" : "en", series, date, 6,
				(unsigned)(w * 1000 + n));
			memset(&items[k], 0, sizeof(items[k]));
			items[k].doc = docs[k];
		}
		if (resdiff_store_import(s, items, (size_t)batch) < 0) {
			fprintf(stderr, "writer %d: %s\n", w, resdiff_error_last());
			_exit(11);
		}
		for (k = 0; k < batch; k++) {
			if (items[k].result != RESDIFF_IMPORT_ADDED)
				_exit(12);
			resdiff_doc_free(docs[k]);
		}
	}
	resdiff_store_free(s);
	_exit(0);
}

static void assert_views_ordered(const char *dir, size_t want_total)
{
	char *out = git_out(dir, "for-each-ref --format='%(refname)' refs/heads/series");
	char *p, *save = NULL;
	size_t total = 0;

	for (p = strtok_r(out, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char cmd[512], *dates, *q, prev[16] = "";
		size_t n = 0;
		snprintf(cmd, sizeof(cmd), "log --reverse --format='%%(trailers:key=Adopted,valueonly)' %s "
			"| grep -v '^$'", p);
		dates = git_out(dir, cmd);
		for (q = dates; *q; q += 11, n++) {
			assert_true(strncmp(prev, q, 10) <= 0);
			memcpy(prev, q, 10);
			prev[10] = '\0';
		}
		total += n;
		free(dates);
	}
	assert_int_equal(total, want_total);
	free(out);
}

static void test_store__concurrent_importers(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out;
	pid_t pids[WRITERS];
	int w, status;

	resdiff_store_free(s);
	for (w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0)
			writer(dir, w);
	}
	for (w = 0; w < WRITERS; w++) {
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	/* all 400 in the record, one commit each, and in their histories in order */
	out = git_out(dir, "ls-tree -r --name-only record | wc -l");
	assert_int_equal(atoi(out), WRITERS * DOCS_PER_WRITER);
	free(out);
	out = git_out(dir, "rev-list --count record");
	assert_int_equal(atoi(out), WRITERS * DOCS_PER_WRITER);
	free(out);
	out = git_out(dir, "for-each-ref refs/heads/resdiff/symbols | wc -l");
	assert_int_equal(atoi(out), WRITERS * DOCS_PER_WRITER);
	free(out);
	assert_views_ordered(dir, WRITERS * DOCS_PER_WRITER);
	test_assert_fsck(dir);
	rm_rf(dir);
	free(dir);
}

/* Shared with a killed importer: transactions done, and whether it is
 * inside resdiff_store_import right now. */
typedef struct {
	volatile int done;
	volatile int inside;
} import_progress;

/* Import documents forever in batches of 20; the parent kills us. */
static void endless_importer(const char *dir, import_progress *progress)
{
	resdiff_store *s = NULL;
	unsigned n = 0;

	if (resdiff_store_open(&s, dir) < 0)
		_exit(10);
	for (;;) {
		resdiff_store_item items[20];
		resdiff_doc *docs[20];
		int i;
		for (i = 0; i < 20; i++, n++) {
			char symbol[64], date[16];
			snprintf(symbol, sizeof(symbol), "A/RES/%u/%u", 40 + n % 30, n);
			snprintf(date, sizeof(date), "%04u-06-%02u", 1950 + (n * 13) % 70, 1 + n % 28);
			docs[i] = test_make_doc(symbol, "en", n % 3 ? "ga-a" : "ga-b", date, 40, n);
			memset(&items[i], 0, sizeof(items[i]));
			items[i].doc = docs[i];
		}
		progress->inside = 1;
		if (resdiff_store_import(s, items, 20) < 0)
			_exit(12);
		progress->inside = 0;
		progress->done++;
		for (i = 0; i < 20; i++)
			resdiff_doc_free(docs[i]);
	}
}

static void assert_refs_complete(const char *dir)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' for-each-ref --format='%%(refname)' | "
		"while read r; do git -C '%s' cat-file -e \"$r^{commit}\" || echo \"broken $r\"; done",
		dir, dir);
	assert_string_equal(out, "");
	free(out);
}

/* Is the writer lock of the repository held by another process? */
static bool writer_lock_held(const char *dir)
{
	char path[4200];
	int fd;
	bool held;
	snprintf(path, sizeof(path), "%s/resdiff.lock", dir);
	if ((fd = open(path, O_RDONLY)) < 0)
		return false;
	held = flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);  /* releases our lock if we got it */
	return held;
}

/* What readers see agrees with the record: every dated document of the
 * record is a member of its series history, once. */
static void assert_readers_consistent(const char *dir)
{
	resdiff_store *s = NULL;
	resdiff_series_list *list = NULL;
	size_t i, members = 0;
	char *docs = git_out(dir, "ls-tree -r --name-only record | wc -l");

	assert_int_equal(resdiff_store_open(&s, dir), 0);
	assert_int_equal(resdiff_store_series(&list, s, NULL, NULL, false), 0);
	for (i = 0; i < list->count; i++)
		members += list->series[i].count;
	assert_int_equal(members, strtoul(docs, NULL, 10));
	resdiff_series_list_free(list);
	resdiff_store_free(s);
	free(docs);
}

/* kill -9 while a writer holds the lock, inside a transaction: the
 * repository is at a transaction boundary (the record holds a multiple of
 * 20 documents), fsck is clean, readers agree with the record, and the
 * next writer works at once: the kernel dropped the lock. */
static void test_store__kill9_mid_import(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);
	static const int after_us[] = { 0, 300, 1000, 3000, 7000, 15000 };
	import_progress *progress = mmap(NULL, sizeof(*progress), PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	size_t k, landed = 0;

	assert_true(progress != MAP_FAILED);
	resdiff_store_free(s);
	s = NULL;
	for (k = 0; k < sizeof(after_us) / sizeof(after_us[0]); k++) {
		struct timespec ts = { 0, after_us[k] * 1000L };
		resdiff_doc *doc;
		resdiff_store_item item;
		char *count;
		int status, spins = 0, before_done;
		pid_t pid;

		progress->done = progress->inside = 0;
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			endless_importer(dir, progress);
		/* wait for the second transaction to begin and hold the lock */
		while (!(progress->done >= 1 && progress->inside && writer_lock_held(dir)) && spins++ < 200000) {
			struct timespec tick = { 0, 100000 };
			nanosleep(&tick, NULL);
		}
		assert_true(progress->inside);
		before_done = progress->done;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		/* it landed inside the transaction it had begun */
		landed += progress->inside && progress->done == before_done;
		test_assert_fsck(dir);
		assert_refs_complete(dir);
		count = git_out(dir, "ls-tree -r --name-only record | grep -c /A_RES_");
		assert_int_equal(strtoul(count, NULL, 10) % 20, 0);
		free(count);
		assert_readers_consistent(dir);
		/* the next writer needs no unlock */
		assert_int_equal(resdiff_store_open(&s, dir), 0);
		doc = test_make_doc("E/RES/2000/1", "en", "after-kill", "2000-01-01", 3, (unsigned)k);
		memset(&item, 0, sizeof(item));
		item.doc = doc;
		if (resdiff_store_import(s, &item, 1) < 0)
			fail_msg("import after kill: %s", resdiff_error_last());
		resdiff_doc_free(doc);
		resdiff_store_free(s);
		s = NULL;
		test_assert_fsck(dir);
	}
	/* most kills hit a transaction (a kill 15 ms late may find the next) */
	assert_true(landed >= 3);
	/* the views agree with the record again: every dated member has its ref */
	{
		char *docs = git_out(dir, "ls-tree -r --name-only record | wc -l");
		char *refs = git_out(dir, "for-each-ref refs/heads/resdiff/symbols | wc -l");
		assert_int_equal(strtoul(docs, NULL, 10), strtoul(refs, NULL, 10));
		free(docs);
		free(refs);
	}
	munmap(progress, sizeof(*progress));
	rm_rf(dir);
	free(dir);
}

/* Holds the writer lock of dir like a writer, until killed. */
static pid_t lock_holder(const char *dir)
{
	char path[4200];
	int ready[2], fd;
	pid_t pid;
	char c;

	snprintf(path, sizeof(path), "%s/resdiff.lock", dir);
	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char content[32];
		if ((fd = open(path, O_RDWR | O_CREAT, 0644)) < 0 || flock(fd, LOCK_EX) < 0)
			_exit(1);
		snprintf(content, sizeof(content), "%ld host\n", (long)getpid());
		if (pwrite(fd, content, strlen(content), 0) < 0 || write(ready[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

/* The wait callback's calls: count, last holder and timeout. */
static int waits;
static long wait_pid, wait_timeout;

static void count_wait(long holder_pid, long timeout_ms, void *payload)
{
	(void)payload;
	waits++;
	wait_pid = holder_pid;
	wait_timeout = timeout_ms;
}

static void test_store__locks(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), path[4200], *out;
	resdiff_doc *doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 3, 1);
	resdiff_buf report = RESDIFF_BUF_INIT;
	resdiff_store_item item;
	struct utimbuf old = { 1000000000, 1000000000 };
	pid_t holder;
	int status, fd;
	FILE *f;

	memset(&item, 0, sizeof(item));
	item.doc = doc;
	/* a live writer: others wait, then give up naming its process */
	holder = lock_holder(dir);
	setenv("RESDIFF_LOCK_TIMEOUT_MS", "50", 1);
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_ELOCKED);
	snprintf(path, sizeof(path), "another resdiff process (process %ld) is writing", (long)holder);
	assert_non_null(strstr(resdiff_error_last(), path));
	assert_int_equal(resdiff_store_unlock(&report, s), RESDIFF_ELOCKED);
	/* a wait of RESDIFF_STORE_LOCK_NOTE_MS or more is told once, naming
	 * the holder (an import used to wait two minutes in silence) */
	resdiff_store_set_wait_cb(s, count_wait, NULL);
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_ELOCKED);
	assert_int_equal(waits, 0);   /* 50 ms: not told */
	setenv("RESDIFF_LOCK_TIMEOUT_MS", "1200", 1);
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_ELOCKED);
	assert_int_equal(waits, 1);
	assert_int_equal(wait_pid, (long)holder);
	assert_int_equal(wait_timeout, 1200);
	resdiff_store_set_wait_cb(s, NULL, NULL);
	unsetenv("RESDIFF_LOCK_TIMEOUT_MS");
	/* killed: the kernel drops its lock, the next writer goes on at once */
	kill(holder, SIGKILL);
	waitpid(holder, &status, 0);
	import_one(s, doc, RESDIFF_IMPORT_ADDED);
	/* a lock file with a dead process's id in it is just a file */
	snprintf(path, sizeof(path), "%s/resdiff.lock", dir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%ld localhost\n", (long)holder);
	fclose(f);
	resdiff_doc_free(doc);
	doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 3, 2);
	item.doc = doc;
	import_one(s, doc, RESDIFF_IMPORT_AMENDED);

	/* a ref lock made while a resdiff writer, since killed, held the
	 * lock is that writer's: removed at once, and said to be */
	snprintf(path, sizeof(path), "%s/resdiff.lock", dir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%ld localhost %lld\n", (long)holder, (long long)time(NULL) - 1);
	fclose(f);
	snprintf(path, sizeof(path), "%s/refs/heads/record.lock", dir);
	assert_true((fd = open(path, O_CREAT | O_WRONLY, 0644)) >= 0);
	close(fd);
	out = test_capture(&status, "%s -C '%s' import --force --symbol E/RES/1/2 "
		"%s/corpus/E_RES_2009_7.zh.txt 2>&1", RESDIFF_BINARY, dir, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "made by a resdiff writer that was killed"));
	assert_non_null(strstr(out, path));
	free(out);
	assert_int_equal(access(path, F_OK), -1);

	/* a ref lock a killed git process left: named by readers, removed by
	 * the next writer, which says so */
	snprintf(path, sizeof(path), "%s/refs/heads/record.lock", dir);
	assert_true((fd = open(path, O_CREAT | O_WRONLY, 0644)) >= 0);
	close(fd);
	utime(path, &old);
	resdiff_buf_clear(&report);
	assert_int_equal(resdiff_store_lock_check(&report, s), 1);
	assert_non_null(strstr(report.ptr, path));
	out = test_capture(&status, "cd '%s' && %s show 2009/7 2>&1 >/dev/null; "
		"%s -C '%s' import --force --symbol E/RES/1/1 %s/corpus/E_RES_2009_7.zh.txt 2>&1", dir,
		RESDIFF_BINARY, RESDIFF_BINARY, dir, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "resdiff: warning: lock file"));   /* show warns */
	assert_non_null(strstr(out, "resdiff: removed lock file"));    /* import removes it */
	assert_non_null(strstr(out, "left behind (untouched for"));    /* whose, unknown */
	assert_null(strstr(out, "killed"));
	assert_non_null(strstr(out, path));
	assert_non_null(strstr(out, "1 added"));
	free(out);
	assert_int_equal(access(path, F_OK), -1);
	/* one just made may belong to a git process at work: it stays, and the
	 * ref update it blocks fails naming it; 'resdiff unlock' removes it */
	assert_true((fd = open(path, O_CREAT | O_WRONLY, 0644)) >= 0);
	close(fd);
	resdiff_doc_free(doc);
	doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 3, 3);
	item.doc = doc;
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_ELOCKED);
	assert_non_null(strstr(resdiff_error_last(), "record"));
	assert_non_null(strstr(resdiff_error_last(), "resdiff unlock"));
	out = test_capture(&status, "%s -C '%s' unlock", RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, path));
	free(out);
	import_one(s, doc, RESDIFF_IMPORT_AMENDED);
	/* deep in refs/, beside the symbol refs (the scan takes their type
	 * from the directory entry, not one stat each): found, and removed */
	snprintf(path, sizeof(path), "%s/refs/heads/resdiff/deep/er/x.lock", dir);
	out = test_capture(&status, "mkdir -p '%s/refs/heads/resdiff/deep/er'", dir);
	free(out);
	assert_true((fd = open(path, O_CREAT | O_WRONLY, 0644)) >= 0);
	close(fd);
	utime(path, &old);
	resdiff_buf_clear(&report);
	assert_int_equal(resdiff_store_lock_check(&report, s), 1);
	assert_non_null(strstr(report.ptr, path));
	resdiff_buf_clear(&report);
	assert_int_equal(resdiff_store_unlock(&report, s), 0);
	assert_non_null(strstr(report.ptr, path));
	assert_int_equal(access(path, F_OK), -1);
	test_assert_fsck(dir);

	resdiff_buf_dispose(&report);
	resdiff_doc_free(doc);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}


/* The import of a big document fails on a full disk; nothing moved. */
static void assert_full_disk_changes_nothing(const char *dir, resdiff_store *s)
{
	resdiff_doc *doc = test_big_doc("A/RES/99/1", 2048, 7), *back = NULL;
	resdiff_store_item item;
	char *before = git_out(dir, "for-each-ref"), *after;
	int rc;

	memset(&item, 0, sizeof(item));
	item.doc = doc;
	rc = resdiff_store_import(s, &item, 1);
	assert_int_equal(rc, RESDIFF_EIO);
	assert_true(strstr(resdiff_error_last(), "space") || strstr(resdiff_error_last(), "large") ||
	            strstr(resdiff_error_last(), "write"));
	after = git_out(dir, "for-each-ref");
	assert_string_equal(before, after);
	assert_int_equal(resdiff_store_read(&back, NULL, s, "A/RES/99/1", "en", NULL), RESDIFF_ENOTFOUND);
	test_assert_fsck(dir);
	free(after);
	/* the same through the pack writer (a transaction of 20 documents):
	 * no ref moves, no temporary pack or index is left behind */
	{
		resdiff_store_item items[20];
		resdiff_doc *docs[20];
		char sym[32], *left;
		size_t i;
		int status;
		memset(items, 0, sizeof(items));
		for (i = 0; i < 20; i++) {
			snprintf(sym, sizeof(sym), "A/RES/98/%zu", i + 1);
			docs[i] = test_big_doc(sym, 256, (unsigned)i);
			items[i].doc = docs[i];
		}
		assert_int_equal(resdiff_store_import(s, items, 20), RESDIFF_EIO);
		after = git_out(dir, "for-each-ref");
		assert_string_equal(before, after);
		free(after);
		left = test_capture(&status, "ls '%s'/objects/pack | grep -c tmp_ || true", dir);
		assert_int_equal(atoi(left), 0);
		free(left);
		test_assert_fsck(dir);
		for (i = 0; i < 20; i++)
			resdiff_doc_free(docs[i]);
	}
	free(before);
	resdiff_doc_free(doc);
}

/* The disk-full test on a 3 MiB tmpfs mounted at mnt. */
static void full_tmpfs(const char *mnt)
{
	char repo[4200], filler[4200];
	resdiff_store *s = NULL;
	resdiff_doc *doc;
	bool created;

	snprintf(repo, sizeof(repo), "%s/repo", mnt);
	snprintf(filler, sizeof(filler), "%s/filler", mnt);
	if (resdiff_store_init(&s, &created, repo) < 0)
		fail_msg("init on the tmpfs: %s", resdiff_error_last());
	doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 20, 1);
	import_one(s, doc, RESDIFF_IMPORT_ADDED);
	/* fill the disk but for a little */
	test_system("dd if=/dev/zero of='%s' bs=64k 2>/dev/null; rm -f '%s.small'", filler, filler);
	test_system("truncate -s -256k '%s'", filler);
	assert_full_disk_changes_nothing(repo, s);
	/* space again: the same import works */
	unlink(filler);
	{
		resdiff_doc *big = test_big_doc("A/RES/99/1", 512, 7);
		import_one(s, big, RESDIFF_IMPORT_ADDED);
		resdiff_doc_free(big);
	}
	test_assert_fsck(repo);
	resdiff_doc_free(doc);
	resdiff_store_free(s);
}

/* Write one line to a /proc file of this process (user namespace maps). */
static bool proc_write(const char *path, const char *line)
{
	int fd = open(path, O_WRONLY);
	bool ok = fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line);
	if (fd >= 0)
		close(fd);
	return ok;
}

static void test_store__disk_full_tmpfs(void **state)
{
	char *mnt = test_tmpdir(), map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();
	pid_t pid;
	int status, err;

	if (mount("tmpfs", mnt, "tmpfs", 0, "size=3m") == 0) {
		full_tmpfs(mnt);
		assert_int_equal(umount(mnt), 0);
		rm_rf(mnt);
		free(mnt);
		return;
	}
	err = errno;
	/* not root: a user and mount namespace of our own can mount one */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			_exit(77);
		snprintf(map, sizeof(map), "0 %ld 1", (long)uid);
		proc_write("/proc/self/setgroups", "deny");
		if (!proc_write("/proc/self/uid_map", map))
			_exit(77);
		snprintf(map, sizeof(map), "0 %ld 1", (long)gid);
		proc_write("/proc/self/gid_map", map);
		if (mount("tmpfs", mnt, "tmpfs", 0, "size=3m") < 0)
			_exit(77);
		full_tmpfs(mnt);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	rm_rf(mnt);
	free(mnt);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		printf("skipped: cannot mount a tmpfs: %s, and no user namespace either (needs root or "
			"unprivileged user namespaces); the rlimit test still runs\n", strerror(err));
		skip();
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_store__disk_full_rlimit(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);
	resdiff_doc *doc = test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 20, 1);
	pid_t pid;
	int status;

	import_one(s, doc, RESDIFF_IMPORT_ADDED);
	resdiff_store_free(s);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* no file may grow past 256 KiB: the pack write fails like ENOSPC */
		struct rlimit rl = { 256 * 1024, 256 * 1024 };
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		if (resdiff_store_open(&s, dir) < 0)
			_exit(10);
		assert_full_disk_changes_nothing(dir, s);
		resdiff_store_free(s);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	test_assert_fsck(dir);
	resdiff_doc_free(doc);
	rm_rf(dir);
	free(dir);
}

/* What the text says of itself (docs/LANGUAGES.md): a language in another
 * script, another language of the same script by its function words, or
 * another adoption date than the text states is refused with nothing
 * written, and stored only when forced, with a Forced: trailer; languages
 * of one script are told apart only on strong evidence. */
static void test_store__text_contradicting_metadata_needs_force(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *before, *after, *msg;
	resdiff_doc *as_fr = test_parse_source("tests/data/en/A_RES_80_151.txt", "fr");
	resdiff_doc *as_ru = test_parse_source("tests/data/en/A_RES_80_151.txt", "ru");
	resdiff_doc *en = test_parse_source("tests/data/en/A_RES_80_151.txt", "en");
	resdiff_doc *es_as_fr = test_parse_source("tests/data/udhr/udhr_es.txt", "fr");
	resdiff_doc *fr = test_parse_source("tests/data/udhr/udhr_fr.txt", "fr");
	resdiff_doc *made = test_make_doc("A/RES/1/1", "fr", "s", "2001-01-01", 4, 1);
	resdiff_store_item item;
	char why[200];

	assert_string_equal(en->text_language, "en");
	assert_string_equal(en->text_script, "latin");
	assert_string_equal(en->text_date, "2025-12-15");
	assert_int_equal(resdiff_store_check_text(en, false, why, sizeof(why)), 0);
	assert_string_equal(why, "");
	assert_int_equal(resdiff_store_check_text(fr, false, NULL, 0), 0);
	assert_int_equal(resdiff_store_check_text(made, false, NULL, 0), 0);  /* says nothing */
	assert_int_equal(resdiff_store_check_text(as_ru, false, NULL, 0), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "A/RES/80/151 (ru): the text is written in "
		"Latin script, not in the Cyrillic script of Russian (it reads as English)"));
	assert_int_equal(resdiff_store_check_text(es_as_fr, false, NULL, 0), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "the text reads as Spanish, not French"));
	assert_int_equal(resdiff_doc_set_meta(en, &en->meta.date, "2024-01-01"), 0);
	assert_int_equal(resdiff_store_check_text(en, false, NULL, 0), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "the text states it was adopted on 2025-12-15, "
		"not on 2024-01-01: check the date given for it, or use --force"));

	before = git_out(dir, "for-each-ref");
	memset(&item, 0, sizeof(item));
	item.doc = as_fr;
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "A/RES/80/151 (fr): the text reads as English, "
		"not French"));
	item.doc = en;
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_EINVALID);
	after = git_out(dir, "for-each-ref");
	assert_string_equal(before, after);
	item.doc = as_fr;
	item.force = true;
	assert_int_equal(resdiff_store_import(s, &item, 1), 0);
	assert_int_equal(item.result, RESDIFF_IMPORT_ADDED);
	assert_non_null(strstr(item.forced, "the text reads as English, not French"));
	msg = git_out(dir, "log -1 --format=%B " RESDIFF_STORE_RECORD_REF);
	assert_non_null(strstr(msg, "\nForced: the text reads as English, not French"));
	free(msg);
	free(before);
	free(after);
	resdiff_doc_free(as_fr);
	resdiff_doc_free(as_ru);
	resdiff_doc_free(en);
	resdiff_doc_free(es_as_fr);
	resdiff_doc_free(fr);
	resdiff_doc_free(made);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A document withdrawn by mistake and imported again without its
 * manifest (no series, no date) goes back into its series: it inherits
 * from the version it withdrew, as a correction does from the tip. */
static void test_store__withdrawn_and_back_keeps_its_series(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *log, commit[41];
	resdiff_doc *a = test_make_doc("E/RES/2009/7", "en", "wsis", "2009-07-24", 4, 1);
	resdiff_doc *b = test_make_doc("E/RES/2017/21", "en", "wsis", "2017-07-06", 4, 2);
	resdiff_doc *back = test_make_doc("E/RES/2017/21", "en", NULL, NULL, 4, 2);
	resdiff_doc *fresh = test_make_doc("E/RES/2020/1", "en", NULL, NULL, 4, 3);

	import_one(s, a, RESDIFF_IMPORT_ADDED);
	import_one(s, b, RESDIFF_IMPORT_ADDED);
	assert_int_equal(resdiff_store_withdraw(s, "E/RES/2017/21", "en", commit), 0);
	log = git_out(dir, "log --format=%s series/wsis/en");
	assert_null(strstr(log, "E/RES/2017/21"));
	free(log);
	{
		/* asked for at the tip, it says it was withdrawn and where it is;
		 * a document never stored says only that it is not there */
		char *sym = NULL, *lang = NULL;
		assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2017/21", NULL, NULL),
			RESDIFF_ENOTFOUND);
		if (!strstr(resdiff_error_last(), "E/RES/2017/21 was withdrawn ('resdiff show "
				"E/RES/2017/21@"))
			fail_msg("%s", resdiff_error_last());
		assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2020/1", "en", NULL),
			RESDIFF_ENOTFOUND);
		assert_null(strstr(resdiff_error_last(), "withdrawn"));
		assert_int_equal(resdiff_store_resolve(&sym, &lang, s, "2017/21", "fr", NULL),
			RESDIFF_ENOTFOUND);  /* withdrawn in English only */
		assert_null(strstr(resdiff_error_last(), "withdrawn"));
	}
	assert_int_equal(resdiff_store_inherit_meta(s, back), 0);
	assert_string_equal(back->meta.series, "wsis");
	assert_string_equal(back->meta.date, "2017-07-06");
	assert_int_equal(resdiff_store_inherit_meta(s, fresh), 0);  /* never stored */
	assert_null(fresh->meta.series);
	import_one(s, back, RESDIFF_IMPORT_ADDED);
	log = git_out(dir, "log --format=%s series/wsis/en");
	assert_non_null(strstr(log, "E/RES/2017/21"));
	free(log);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(back);
	resdiff_doc_free(fresh);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

/* SYMBOL@~N counts the document's own versions, not the imports of other
 * documents between them; HEAD is the record, not the readme branch. */
static void test_store__versions_back_are_the_documents_own(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);
	resdiff_doc *v1 = test_make_doc("E/RES/2009/7", "en", "wsis", "2009-07-24", 4, 1);
	resdiff_doc *v2 = test_make_doc("E/RES/2009/7", "en", "wsis", "2009-07-24", 4, 1);
	resdiff_doc *other = test_make_doc("E/RES/2017/21", "en", "wsis", "2017-07-06", 4, 2);
	resdiff_doc *other2 = test_make_doc("E/RES/2018/1", "en", NULL, NULL, 4, 3);
	resdiff_doc *got = NULL;

	assert_int_equal(resdiff_doc_set_meta(v2, (const char **)&v2->units[0].text,
		"A corrected first paragraph of the text, one word more"), 0);
	import_one(s, v1, RESDIFF_IMPORT_ADDED);
	import_one(s, v2, RESDIFF_IMPORT_AMENDED);
	import_one(s, other, RESDIFF_IMPORT_ADDED);
	import_one(s, other2, RESDIFF_IMPORT_ADDED);
	/* two imports of other documents since: ~1 is still v1 */
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2009/7", "en", "~1"), 0);
	assert_string_equal(got->units[0].text, v1->units[0].text);
	resdiff_doc_free(got);
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2009/7", "en", "^"), 0);
	assert_string_equal(got->units[0].text, v1->units[0].text);
	resdiff_doc_free(got);
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2009/7", "en", "~2"), RESDIFF_ENOTFOUND);
	assert_non_null(strstr(resdiff_error_last(), "E/RES/2009/7 (en)@~2: the record holds 1 earlier "
		"version of it"));
	/* record revisions stay record revisions; HEAD is the record */
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2009/7", "en", "HEAD"), 0);
	assert_string_equal(got->units[0].text, v2->units[0].text);
	resdiff_doc_free(got);
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2017/21", "en", "HEAD~1"), 0);
	resdiff_doc_free(got);
	assert_int_equal(resdiff_store_read(&got, NULL, s, "E/RES/2017/21", "en", "record~2"),
		RESDIFF_ENOTFOUND);
	resdiff_doc_free(v1);
	resdiff_doc_free(v2);
	resdiff_doc_free(other);
	resdiff_doc_free(other2);
	resdiff_store_free(s);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store__init_and_discovery),
		cmocka_unit_test(test_store__roundtrip_and_corrections),
		cmocka_unit_test(test_store__adoption_order_and_git_diff),
		cmocka_unit_test(test_store__pre1970_dates),
		cmocka_unit_test(test_store__undated_and_moved_members),
		cmocka_unit_test(test_store__forgiving_symbols),
		cmocka_unit_test(test_store__unsafe_names),
		cmocka_unit_test(test_store__text_contradicting_metadata_needs_force),
		cmocka_unit_test(test_store__withdrawn_and_back_keeps_its_series),
		cmocka_unit_test(test_store__versions_back_are_the_documents_own),
		cmocka_unit_test(test_store__cli_corpus),
		cmocka_unit_test(test_store__concurrent_importers),
		cmocka_unit_test(test_store__kill9_mid_import),
		cmocka_unit_test(test_store__locks),
		cmocka_unit_test(test_store__large_import_is_one_valid_pack),
		cmocka_unit_test(test_store__disk_full_tmpfs),
		cmocka_unit_test(test_store__disk_full_rlimit),
	};
	/* git as the oracle must not read the user's configuration */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	if (getenv("RESDIFF_TEST_FILTER")) /* run one test: RESDIFF_TEST_FILTER='*kill9*' */
		cmocka_set_test_filter(getenv("RESDIFF_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
