/* manifest_test.c: the corpus manifest. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
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
	expect_error("[document \"a\"\n\tsymbol = E/1\n",
		"test.manifest:1: a section header without its closing ']'");
	expect_error("[document \"a\"]\n\tsymbol = A/80/L.2\n\tlanguage = en\n\tsource = a\n"
		     "\tdraft-of = A/80/1\n", "draft-of 'A/80/1' is not a resolution symbol");
	expect_error("[document \"a\"]\n\tsymbol = A/RES/80/1\n\tlanguage = en\n\tsource = a\n"
		     "\tdraft-of = A/RES/80/1\n", "draft-of names the document itself");
	expect_error("[document \"a\"]\n\tsymbol = E/\x01x\n\tlanguage = zh\n\tsource = a\n", "byte 2 (0x01)");
	/* a symbol import would refuse is the manifest's error, named there:
	 * import named the text file, where the symbol is not */
	expect_error("[document \"a\"]\n\tsymbol = A/RES/1/1$\n\tlanguage = en\n\tsource = a\n",
		"test.manifest: a: 'A/RES/1/1$' is not a document symbol: byte 9 ('$')");
	expect_error("[document \"a\"]\n\tsymbol = ../../x\n\tlanguage = en\n\tsource = a\n",
		"test.manifest: a: '../../x' is not a document symbol");
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

static void expect_same_entry(const resdiff_manifest_entry *x, const resdiff_manifest_entry *y)
{
	const char *fx[] = { x->name, x->symbol, x->language, x->date, x->source, x->path, x->title };
	const char *fy[] = { y->name, y->symbol, y->language, y->date, y->source, y->path, y->title };
	size_t k;
	for (k = 0; k < sizeof(fx) / sizeof(fx[0]); k++)
		if ((fx[k] == NULL) != (fy[k] == NULL) || (fx[k] && strcmp(fx[k], fy[k])))
			fail_msg("field %zu: '%s' vs '%s'", k, fx[k] ? fx[k] : "(null)", fy[k] ? fy[k] : "(null)");
}

/* import FILE --manifest M takes M's sections of FILE only: as many
 * entries for one file in a manifest of 2 000 sections as in one of 1
 * (the count, not the time, so that a growth with the manifest is caught
 * without timing), the same entry the whole load gives, by base name or by
 * path, with the keys of a section given again further on; the others'
 * syntax is still checked, a file not of the plain form is read whole. */
static void test_manifest__sources_only(void **state)
{
	resdiff_buf text = RESDIFF_BUF_INIT;
	resdiff_manifest *all = NULL, *m = NULL;
	char *dir = test_tmpdir(), *path, file[600];
	const char *files[2];
	size_t i;

	(void)state;
	for (i = 0; i < 2000; i++)
		assert_int_equal(resdiff_buf_printf(&text, "[document \"d%zu\"]\n\tsymbol = A/RES/70/%zu\n"
			"\tlanguage = en\n\tsource = A_RES_70_%zu.en.txt\n\ttitle = T %zu\n", i, i + 1, i + 1,
			i), 0);
	assert_int_equal(resdiff_buf_puts(&text, "[document \"d1234\"]\n\tdate = 2015-12-01\n"), 0);
	path = write_manifest(dir, text.ptr);
	assert_int_equal(resdiff_manifest_load(&all, path), 0);
	assert_int_equal(all->count, 2000);

	files[0] = "elsewhere/A_RES_70_1235.en.txt";   /* by base name */
	if (resdiff_manifest_load_sources(&m, path, files, 1) < 0)
		fail_msg("load: %s", resdiff_error_last());
	assert_int_equal(m->count, 1);
	expect_same_entry(&m->entries[0], resdiff_manifest_find(all, "A/RES/70/1235", "en"));
	assert_string_equal(m->entries[0].date, "2015-12-01");
	resdiff_manifest_free(m);

	snprintf(file, sizeof(file), "%s/A_RES_70_7.en.txt", dir);   /* by path */
	files[0] = file;
	files[1] = "A_RES_70_2000.en.txt";
	assert_int_equal(resdiff_manifest_load_sources(&m, path, files, 2), 0);
	assert_int_equal(m->count, 2);
	expect_same_entry(&m->entries[0], resdiff_manifest_find(all, "A/RES/70/7", "en"));
	expect_same_entry(&m->entries[1], resdiff_manifest_find(all, "A/RES/70/2000", "en"));
	resdiff_manifest_free(m);

	files[0] = "no_such.en.txt";   /* no section: no entry, no error */
	assert_int_equal(resdiff_manifest_load_sources(&m, path, files, 1), 0);
	assert_int_equal(m->count, 0);
	resdiff_manifest_free(m);
	resdiff_manifest_free(all);
	free(path);

	/* the file's section is validated; another's values are not read */
	resdiff_buf_clear(&text);
	assert_int_equal(resdiff_buf_puts(&text, "[document \"a\"]\n\tsymbol = A/RES/1/1\n"
		"\tlanguage = en\n\tsource = a.txt\n\tdate = 2001-02-30\n"
		"[document \"b\"]\n\tsymbol = A/RES/1/2\n\tlanguage = en\n\tsource = b.txt\n"), 0);
	path = write_manifest(dir, text.ptr);
	files[0] = "b.txt";
	assert_int_equal(resdiff_manifest_load_sources(&m, path, files, 1), 0);
	assert_int_equal(m->count, 1);
	resdiff_manifest_free(m);
	files[0] = "a.txt";
	assert_true(resdiff_manifest_load_sources(&m, path, files, 1) < 0);
	assert_non_null(strstr(resdiff_error_last(), "invalid date"));
	free(path);

	/* every line's syntax: a line of no section refuses it, as before */
	path = write_manifest(dir, "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n"
		"\tsource = a.txt\n[document \"b\"]\n\tnot a key line\n");
	files[0] = "a.txt";
	assert_true(resdiff_manifest_load_sources(&m, path, files, 1) < 0);
	free(path);

	/* not of the plain form (a quoted value elsewhere): read whole */
	path = write_manifest(dir, "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n"
		"\tsource = a.txt\n[document \"b\"]\n\tsymbol = \"A/RES/1/2\"\n\tlanguage = en\n"
		"\tsource = b.txt\n");
	assert_int_equal(resdiff_manifest_load_sources(&m, path, files, 1), 0);
	assert_int_equal(m->count, 2);
	resdiff_manifest_free(m);
	free(path);
	resdiff_buf_dispose(&text);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Load `path` with libgit2's reader and with the default one (resdiff's
 * own where the file is of its subset): the same manifest or the same
 * error. Returns whether the own reader read it. */
static int readers_agree(const char *path)
{
	resdiff_manifest *a = NULL, *b = NULL;
	char err_a[1024] = "";
	int ra, rb, own = 0;
	size_t i, k;

	ra = resdiff_manifest_load_reader(&a, path, RESDIFF_MANIFEST_READ_LIBGIT2, NULL);
	if (ra < 0)
		snprintf(err_a, sizeof(err_a), "%s", resdiff_error_last());
	rb = resdiff_manifest_load_reader(&b, path, RESDIFF_MANIFEST_READ_ANY, &own);
	if (ra != rb)
		fail_msg("%s: libgit2 %d (%s), own %d (%s)", path, ra, err_a, rb,
			rb < 0 ? resdiff_error_last() : "");
	if (ra < 0) {
		if (strcmp(err_a, resdiff_error_last()))
			fail_msg("%s: libgit2 '%s', own '%s'", path, err_a, resdiff_error_last());
		return own;
	}
	assert_int_equal(a->count, b->count);
	for (i = 0; i < a->count; i++) {
		const resdiff_manifest_entry *x = &a->entries[i], *y = &b->entries[i];
		const char *fx[] = { x->name, x->symbol, x->language, x->body, x->kind, x->series,
			x->date, x->meeting, x->title, x->source, x->format, x->draft_of, x->path };
		const char *fy[] = { y->name, y->symbol, y->language, y->body, y->kind, y->series,
			y->date, y->meeting, y->title, y->source, y->format, y->draft_of, y->path };
		for (k = 0; k < sizeof(fx) / sizeof(fx[0]); k++)
			if (!same_str(fx[k], fy[k]))
				fail_msg("%s: entry %zu field %zu: '%s' vs '%s'", path, i, k,
					fx[k] ? fx[k] : "(null)", fy[k] ? fy[k] : "(null)");
		assert_int_equal(x->accept_count, y->accept_count);
		for (k = 0; k < x->accept_count; k++)
			assert_string_equal(x->accept[k], y->accept[k]);
	}
	resdiff_manifest_free(a);
	resdiff_manifest_free(b);
	return own;
}

/* resdiff's own manifest reader against libgit2's config parser: every
 * manifest of the repository (the corpus's, the fuzz seeds, the ones the
 * benchmark and test generators write) and manifests in every syntax
 * git-config allows, valid or not. */
static void test_manifest__own_reader_agrees_with_libgit2(void **state)
{
	static const struct { const char *text; int own; } cases[] = {
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 1 },
		{ "# c\n; c\n\n  \t\n[document \"a b.é\"]\n symbol=A/RES/1/1  \n\tlanguage\t=\ten \t\n"
		  "\tsource = a.txt\n\ttitle = Two  spaces  inside\n\taccept = x y\n\taccept =\n"
		  "\tmeeting = \n\tdate =2001-01-01", 1 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n"
		  "[document \"b\"]\n\tsymbol = A/RES/1/2\n\tlanguage = en\n\tsource = b.txt\n"
		  "[document \"a\"]\n\tseries = s-1\n", 1 },
		/* everything else goes to libgit2 */
		{ "[document \"a\"]\n\tsymbol = \"A/RES/1/1\" ; c\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1 # c\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n"
		  "\ttitle = one \\\n two\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n"
		  "\ttitle = a\\tb \\\"q\\\"\n", 0 },
		{ "[document \"a\"]\r\n\tsymbol = A/RES/1/1\r\n\tlanguage = en\r\n\tsource = a.txt\r\n", 0 },
		{ "\xef\xbb\xbf[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[Document \"a\"]\n\tSymbol = A/RES/1/1\n\tLANGUAGE = en\n\tsource = a.txt\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n\ttitle = a\tb\n", 0 },
		{ "[document \"a\\\"b\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document.a]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document \"a\"] \n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n\tbare\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n[core]\n\tbare = true\n", 0 },
		{ "\tsymbol = A/RES/1/1\n[document \"a\"]\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document \"\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n", 0 },
		{ "[document]\n\tsymbol = A/RES/1/1\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n\t2x = 1\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n\tx_y = 1\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = \"a.txt\n", 0 },
		{ "[document \"a\"\n\tsymbol = A/RES/1/1\n", 0 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n\tsource = a.txt\n\tcolour = red\n", 1 },
		{ "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tsymbol = A/RES/1/2\n\tlanguage = en\n\tsource = a\n", 1 },
		{ "[document \"a\"]\n\tlanguage = en\n\tsource = a.txt\n", 1 },
	};
	char *dir = test_tmpdir(), *path, found[1024];
	const char *const seeds = RESDIFF_SOURCE_DIR "/tests/fuzz/manifest_seeds";
	DIR *d;
	struct dirent *de;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		path = write_manifest(dir, cases[i].text);
		if (readers_agree(path) != cases[i].own)
			fail_msg("case %zu: own reader %s", i, cases[i].own ? "not used" : "used");
		unlink(path);
		free(path);
	}
	/* every byte the own reader refuses in a value, at every place of an
	 * eight-byte word (it checks eight bytes at a time) */
	for (i = 0; i < 7 * 20; i++) {
		static const char specials[] = "\"#;\\\t\x01\x7f";
		char title[40] = "Title with words and more words", text[200];
		size_t at = i % 20 + 1;   /* a tab first would be space around the value */
		title[at] = specials[i / 20];
		snprintf(text, sizeof(text), "[document \"a\"]\n\tsymbol = A/RES/1/1\n\tlanguage = en\n"
			"\ttitle = %s\n\tsource = a.txt\n", title);
		path = write_manifest(dir, text);
		if (readers_agree(path))
			fail_msg("'%c' at %zu: own reader used", specials[i / 20], at);
		unlink(path);
		free(path);
	}
	assert_int_equal(readers_agree(RESDIFF_SOURCE_DIR "/corpus/corpus.manifest"), 1);
	assert_non_null(d = opendir(seeds));
	while ((de = readdir(d)))
		if (strstr(de->d_name, ".manifest")) {
			snprintf(found, sizeof(found), "%s/%s", seeds, de->d_name);
			readers_agree(found);
		}
	closedir(d);
	/* the generators' manifests: the benchmark's corpus (six languages)
	 * and the synthetic series of the tests; both read by the own reader */
	assert_int_equal(test_system("mkdir -p '%s/g' '%s/s' && awk -v n=60 -v dir='%s/g' -v langs=ar,zh,en,fr,es,ru -v series=2 "
		"-f '%s/bench/gen-resolutions.awk' && awk -v n=5 -v dir='%s/s' -f '%s/tests/data/synthetic/gen-series.awk'",
		dir, dir, dir, RESDIFF_SOURCE_DIR, dir, RESDIFF_SOURCE_DIR), 0);
	snprintf(found, sizeof(found), "%s/g/bench.manifest", dir);
	assert_int_equal(readers_agree(found), 1);
	snprintf(found, sizeof(found), "%s/s/series.manifest", dir);
	assert_int_equal(readers_agree(found), 1);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* libgit2's refusals in resdiff's words, with the line: they read
 * "failed to parse config file: invalid configuration key (in
 * test.manifest:3)", and an escape named no line at all ("invalid escape
 * at q"). A '\' in a comment or a section header is no escape. */
static void test_manifest__syntax_errors_in_our_words(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[document \"a\"]\n\tsymbol = E/1\n\tbad key = 1\n",
		  "test.manifest:3: not a section header, a comment or a 'key = value' line" },
		{ "[document a]\n\tsymbol = E/1\n", "test.manifest:1: a section name must be quoted" },
		{ "[document \"a\" x]\n", "test.manifest:1: text after the closing '\"' of a section name" },
		{ "[doc!ument \"a\"]\n", "test.manifest:1: a character a section name cannot hold" },
		{ "# a \\q comment\n[document \"a\\q\"]\n\tsymbol = E/1 ; \\q\n\ttitle = \"x \\\" \\w\"\n",
		  "test.manifest:4: '\\w' is no escape a manifest knows" },
		{ "[document \"a\"]\r\n\tsymbol = E/1\r\n\ttitle = a\\\r\n\tb \\z\r\n",
		  "test.manifest:4: '\\z' is no escape" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *dir = test_tmpdir(), *path = write_manifest(dir, cases[i].text);
		resdiff_manifest *m = NULL;
		assert_true(resdiff_manifest_load(&m, path) < 0);
		if (!strstr(resdiff_error_last(), cases[i].want) ||
		    strstr(resdiff_error_last(), "config file") || strstr(resdiff_error_last(), "(in "))
			fail_msg("case %zu: want '%s' in: %s", i, cases[i].want, resdiff_error_last());
		unlink(path);
		rmdir(dir);
		free(path);
		free(dir);
	}
}

/* Syntax errors name the line, whichever reader met the file first: a
 * file the own reader does not take goes to libgit2 whole. */
static void test_manifest__syntax_errors_name_the_line(void **state)
{
	resdiff_buf text = RESDIFF_BUF_INIT;
	char *dir, *path;
	resdiff_manifest *m = NULL;
	size_t i;

	(void)state;
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tbad key = 1\n", "test.manifest:3");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\tlanguage = zh\n\tx!y = 1\n", "test.manifest:4");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n\ttitle = a \\q\n",
		"test.manifest:3: '\\q' is no escape a manifest knows (\\n \\t \\b \\\" \\\\) (byte offset 40)");
	expect_error("[document \"a\"]\n\tsymbol = E/1\n[document \"b\n", "test.manifest:3");
	/* 200 plain sections, then one bad line */
	for (i = 0; i < 200; i++)
		assert_int_equal(resdiff_buf_printf(&text, "[document \"d%zu\"]\n\tsymbol = A/RES/70/%zu\n"
			"\tlanguage = en\n\tsource = d.txt\n", i, i + 1), 0);
	assert_int_equal(resdiff_buf_puts(&text, "\t=x\n"), 0);
	dir = test_tmpdir();
	path = write_manifest(dir, text.ptr);
	assert_true(resdiff_manifest_load(&m, path) < 0);
	if (!strstr(resdiff_error_last(), "test.manifest:801"))
		fail_msg("want line 801 in: %s", resdiff_error_last());
	assert_int_equal(resdiff_manifest_load_reader(&m, path, RESDIFF_MANIFEST_READ_OWN, NULL),
		RESDIFF_ENOTFOUND);
	assert_null(m);
	resdiff_buf_dispose(&text);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
}

/* A value the repository would store (title, meeting, body) must be UTF-8:
 * a Latin-1 title was stored as it was, and every later export of the
 * document failed ("XML cannot carry it"). The manifest is refused at
 * load, naming its byte offset and line, before anything is imported. */
static void test_manifest__invalid_utf8_is_refused_with_its_line(void **state)
{
	(void)state;
	expect_error("[document \"a\"]\n\tsymbol = A/RES/80/1\n\tlanguage = en\n"
		"\tsource = a.txt\n\ttitle = Caf\xe9\n", "invalid UTF-8 at byte offset 79 (line 5)");
	/* the same through libgit2's reader (quotes are not of the own subset) */
	expect_error("[document \"a\"]\n\tsymbol = A/RES/80/1\n\tlanguage = en\n"
		"\tsource = a.txt\n\ttitle = \"Caf\xe9\"\n", "(line 5)");
	/* in a comment too: the file is UTF-8 text, as every input is */
	expect_error("# r\xe9solutions\n[document \"a\"]\n\tsymbol = A/RES/80/1\n"
		"\tlanguage = en\n\tsource = a.txt\n", "invalid UTF-8 at byte offset 3 (line 1)");
}

static void test_manifest__missing_file_is_an_error(void **state)
{
	resdiff_manifest *m = NULL;
	char *dir = test_tmpdir(), path[4096];

	(void)state;
	/* libgit2 opens a missing file as an empty configuration: it must not
	 * read as a manifest of no documents */
	snprintf(path, sizeof(path), "%s/nope.manifest", dir);
	assert_int_equal(resdiff_manifest_load(&m, path), RESDIFF_ENOTFOUND);
	assert_null(m);
	if (!strstr(resdiff_error_last(), "nope.manifest: No such file"))
		fail_msg("want the file named in: %s", resdiff_error_last());
	/* a directory is not a manifest either */
	assert_int_equal(resdiff_manifest_load(&m, dir), RESDIFF_EINVALID);
	assert_null(m);
	rmdir(dir);
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
		cmocka_unit_test(test_manifest__sources_only),
		cmocka_unit_test(test_manifest__own_reader_agrees_with_libgit2),
		cmocka_unit_test(test_manifest__syntax_errors_name_the_line),
		cmocka_unit_test(test_manifest__syntax_errors_in_our_words),
		cmocka_unit_test(test_manifest__missing_file_is_an_error),
		cmocka_unit_test(test_manifest__invalid_utf8_is_refused_with_its_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
