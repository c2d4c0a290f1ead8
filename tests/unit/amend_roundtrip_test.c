/* amend_roundtrip_test.c: `diff --format=amendments OLD NEW` read back by
 * `amend` and applied to OLD gives NEW's units (issue 19), for every pair
 * the project has: the twelve aligner gold pairs of the corpus and
 * tests/data/en, the sample pair of tests/data/synthetic, and the constructed pairs of tests/data/align_classes, with
 * the amendments written in English and in Chinese; and the four languages
 * whose phrases came last (French, Spanish, Russian, Arabic), each on its
 * own pair of tests/data/amend_langs and on its UDHR edition. */
#include "helpers.h"
#include "lang_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The aligner's gold pairs (tests/golden/align). */
static const char *const gold_pairs[][2] = {
	{ "tests/data/en/A_80_L.2.txt", "tests/data/en/A_RES_80_1.txt" },
	{ "tests/data/en/A_C.2_80_L.3.txt", "tests/data/en/A_RES_80_155.txt" },
	{ "corpus/A_RES_65_141.zh.txt", "corpus/E_RES_2017_21.zh.txt" },
	{ "tests/data/en/A_RES_74_197.txt", "tests/data/en/A_RES_75_202.txt" },
	{ "tests/data/en/A_RES_74_197.txt", "tests/data/en/A_RES_76_189.txt" },
	{ "tests/data/en/A_RES_75_202.txt", "tests/data/en/A_RES_76_189.txt" },
	{ "tests/data/en/A_RES_76_189.txt", "tests/data/en/A_RES_78_132.txt" },
	{ "tests/data/en/A_RES_78_166.txt", "tests/data/en/A_C.2_80_L.3.txt" },
	{ "tests/data/en/A_RES_78_166.txt", "tests/data/en/A_RES_80_155.txt" },
	{ "tests/data/en/A_RES_80_3.txt", "tests/data/en/A_RES_80_151.txt" },
	{ "corpus/E_RES_2009_7.zh.txt", "corpus/A_RES_65_141.zh.txt" },
	{ "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt" },
	/* and the sample pair of tests/data/synthetic */
	{ "tests/data/en/A_RES_80_1.txt", "tests/data/synthetic/A_RES_80_1.preamble-edit.txt" },
};

/* The first unit where `got` differs from `want` (id, kind or text),
 * described in buf; NULL when they are the same. */
static const char *first_difference(char *buf, size_t size, const resdiff_doc *got,
		const resdiff_doc *want)
{
	size_t i;
	for (i = 0; i < got->unit_count && i < want->unit_count; i++) {
		const resdiff_unit *g = &got->units[i], *w = &want->units[i];
		if (strcmp(g->id, w->id) || g->kind != w->kind || strcmp(g->text, w->text)) {
			snprintf(buf, size, "unit %zu: got %s \"%.80s\", want %s \"%.80s\"", i, g->id,
				g->text, w->id, w->text);
			return buf;
		}
	}
	if (got->unit_count != want->unit_count) {
		snprintf(buf, size, "%zu units, want %zu", got->unit_count, want->unit_count);
		return buf;
	}
	return NULL;
}

/* One pair of documents (freed here) in one language of amendments: NULL
 * when it round-trips, else why not (in buf); the amendments written are
 * copied to written[0..written_size) when it is not NULL. */
static const char *round_trip_docs(char *buf, size_t size, resdiff_doc *a, resdiff_doc *b,
		const char *amend_lang, char *written, size_t written_size)
{
	resdiff_diff *diff = NULL;
	resdiff_diff_render_options ropts;
	resdiff_amend_read_options aopts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *am = NULL;
	resdiff_amend_result *res = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *why = NULL;
	size_t i;

	memset(&ropts, 0, sizeof(ropts));
	ropts.amend_lang = amend_lang;
	aopts.language = amend_lang;
	assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), 0);
	if (written)
		snprintf(written, written_size, "%s", out.ptr);
	if (resdiff_amendments_read(&am, out.ptr, out.size, &aopts) < 0) {
		snprintf(buf, size, "read: %s", resdiff_error_last());
		why = buf;
		goto done;
	}
	assert_int_equal(resdiff_amendments_apply(&res, a, am), 0);
	for (i = 0; i < res->count && !why; i++)
		if (res->outcomes[i].status != RESDIFF_AMEND_APPLIED) {
			snprintf(buf, size, "amendment %zu (line %zu) %s: %s",
				res->outcomes[i].amendment->number, res->outcomes[i].amendment->line,
				resdiff_amend_status_name(res->outcomes[i].status),
				res->outcomes[i].reason ? res->outcomes[i].reason : "");
			why = buf;
		}
	if (!why)
		why = first_difference(buf, size, res->doc, b);
done:
	resdiff_amend_result_free(res);
	resdiff_amendments_free(am);
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return why;
}

/* One pair of files in one language of amendments. */
static const char *round_trip(char *buf, size_t size, const char *old_path, const char *new_path,
		const char *amend_lang)
{
	return round_trip_docs(buf, size, test_parse_source(old_path, NULL),
		test_parse_source(new_path, NULL), amend_lang, NULL, 0);
}

typedef struct {
	size_t pairs, exact, annex; /* annex: pairs whose old text has an annex */
} tally;

/* Amendments cannot yet name a paragraph of an annex (ANNEX1-OP13(e) is
 * written "operative paragraph 1-OP13(e)" and not read back): a pair whose
 * old text has an annex is counted apart, and must fail only so. */
static bool has_annex(const char *path)
{
	resdiff_doc *d = test_parse_source(path, NULL);
	bool annex = resdiff_doc_unit_by_id(d, "ANNEX1") != NULL;
	resdiff_doc_free(d);
	return annex;
}

static void try_pair(tally *t, const char *old_path, const char *new_path)
{
	/* every language with amendment phrases: the pairs are English and
	 * Chinese texts, but each language's phrases must read back on every
	 * kind of amendment they hold (subparagraphs, headings, sections,
	 * several new paragraphs, moves that retype) */
	static const char *const langs[] = { "en", "zh", "fr", "es", "ru", "ar" };
	char why[600];
	size_t k;
	bool annex = has_annex(old_path);
	for (k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
		const char *r = round_trip(why, sizeof(why), old_path, new_path, langs[k]);
		t->pairs++;
		t->exact += !r;
		if (r && annex) {
			t->annex++;
			assert_non_null(strstr(r, "unread"));
		}
		if (r)
			print_message("  %s -> %s [%s]: %s\n", old_path, new_path, langs[k], r);
	}
}

static void test_amend_roundtrip__gold_pairs(void **state)
{
	tally t = { 0, 0, 0 };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(gold_pairs) / sizeof(gold_pairs[0]); i++)
		try_pair(&t, gold_pairs[i][0], gold_pairs[i][1]);
	print_message("gold and sample pairs: %zu of %zu round-trip exactly\n", t.exact, t.pairs);
	assert_int_equal(t.pairs, 13 * 6);
	assert_true(t.annex <= 6); /* A/RES/80/3, its annex since the parser reads it */
	assert_int_equal(t.exact + t.annex, t.pairs);
}

static void classes_of(tally *t, const char *lang)
{
	char dir[4096], old_path[600], new_path[600];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/data/align_classes/%s", RESDIFF_SOURCE_DIR, lang);
	assert_non_null(d = opendir(dir));
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 8 || strcmp(e->d_name + n - 8, ".old.txt") || n > 200)
			continue;
		snprintf(old_path, sizeof(old_path), "tests/data/align_classes/%s/%s", lang, e->d_name);
		snprintf(new_path, sizeof(new_path), "tests/data/align_classes/%s/%.*s.new.txt", lang,
			(int)(n - 8), e->d_name);
		try_pair(t, old_path, new_path);
	}
	closedir(d);
}

static void test_amend_roundtrip__constructed_pairs(void **state)
{
	tally t = { 0, 0, 0 };
	(void)state;
	classes_of(&t, "en");
	classes_of(&t, "zh");
	print_message("constructed pairs: %zu of %zu round-trip exactly\n", t.exact, t.pairs);
	assert_true(t.pairs >= 90);
	assert_int_equal(t.exact, t.pairs);
}

/* A declaration: the constructed editions of the UDHR in French, Spanish,
 * Russian and Arabic (tests/data/editions), whose edits fall in recitals
 * and in articles' paragraphs ("In paragraph 19.1, replace ..."), with
 * amendments in English and Chinese. Every amendment applies, the amended
 * text keeps the article ids, and `diff` finds no change between it and
 * the edition (the Arabic edition's Arabic-Indic "١" and dropped tanwin
 * are no change to the diff, so they are not amended either). */
static void test_amend_roundtrip__declaration_editions(void **state)
{
	static const char *const langs[] = { "fr", "es", "ru", "ar" };
	char old_path[128], new_path[128];
	size_t l, k, i;
	(void)state;
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++)
	for (k = 0; k < 3; k++) {
		/* English, Chinese, and the text's own language */
		const char *const amend_langs[] = { "en", "zh", langs[l] };
		resdiff_doc *a, *b;
		resdiff_diff *diff = NULL, *check = NULL;
		resdiff_diff_render_options ropts;
		resdiff_amend_read_options aopts = RESDIFF_AMEND_READ_OPTIONS_INIT;
		resdiff_amendments *am = NULL;
		resdiff_amend_result *res = NULL;
		resdiff_buf out = RESDIFF_BUF_INIT;
		snprintf(old_path, sizeof(old_path), "tests/data/udhr/udhr_%s.txt", langs[l]);
		snprintf(new_path, sizeof(new_path), "tests/data/editions/udhr_%s.next.txt", langs[l]);
		a = test_parse_source(old_path, NULL);
		b = test_parse_source(new_path, NULL);
		memset(&ropts, 0, sizeof(ropts));
		ropts.amend_lang = aopts.language = amend_langs[k];
		assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
		assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), 0);
		if (resdiff_amendments_read(&am, out.ptr, out.size, &aopts) < 0)
			fail_msg("%s [%s]: %s", old_path, amend_langs[k], resdiff_error_last());
		assert_int_equal(resdiff_amendments_apply(&res, a, am), 0);
		for (i = 0; i < res->count; i++)
			if (res->outcomes[i].status != RESDIFF_AMEND_APPLIED)
				fail_msg("%s [%s]: amendment %zu: %s", old_path, amend_langs[k], i + 1,
					res->outcomes[i].reason ? res->outcomes[i].reason : "");
		assert_int_equal(res->doc->unit_count, b->unit_count);
		for (i = 0; i < b->unit_count; i++)
			assert_string_equal(res->doc->units[i].id, b->units[i].id);
		assert_int_equal(resdiff_diff_docs(&check, res->doc, b, NULL), 0);
		if (resdiff_diff_has_changes(check, NULL))
			fail_msg("%s [%s]: the amended text differs from the edition", old_path,
				amend_langs[k]);
		resdiff_diff_free(check);
		resdiff_amend_result_free(res);
		resdiff_amendments_free(am);
		resdiff_buf_dispose(&out);
		resdiff_diff_free(diff);
		resdiff_doc_free(a);
		resdiff_doc_free(b);
	}
}

/* A language whose file has some amendment phrases but not all (a
 * language being filled in, key by key, each from a source) writes
 * English's, all of them, and says which phrase it lacks; before, the
 * writer failed on the first phrase missing ("no amendment phrase none")
 * and `diff --format=amendments` printed nothing. A language with none
 * (none of the six shipped languages since French, Spanish, Russian and
 * Arabic have theirs)
 * writes English's as before, now said by resdiff_amendments_lang. */
static void test_amend_roundtrip__incomplete_language_writes_english(void **state)
{
	static const char partial[] =
		"[language]\ncode = xw\nname = Halfish\nscript = latin\niso639-2 = xxw\n"
		"[amendment-phrases]\nheader = Halfish amendments to {old-symbol}\n"
		"quote-open = <\nquote-close = >\n";
	const char *missing = "unset";
	resdiff_doc *a, *b;
	resdiff_diff *diff = NULL;
	resdiff_diff_render_options ropts;
	resdiff_amend_read_options aopts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *am = NULL;
	resdiff_amend_result *res = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	char why[600];
	(void)state;

	assert_string_equal(resdiff_amendments_lang("en", &missing), "en");
	assert_null(missing);
	assert_string_equal(resdiff_amendments_lang("zh", &missing), "zh");
	assert_null(missing);
	assert_string_equal(resdiff_amendments_lang("fr", &missing), "fr");
	assert_null(missing);
	assert_string_equal(resdiff_amendments_lang("qq", &missing), "en");
	assert_string_equal(resdiff_amendments_lang(NULL, NULL), "en");

	assert_int_equal(lang_register("xw.txt", partial, strlen(partial)), 0);
	assert_string_equal(resdiff_amendments_lang("xw", &missing), "en");
	assert_string_equal(missing, "none");

	a = test_parse_source("tests/data/udhr/udhr_fr.txt", NULL);
	b = test_parse_source("tests/data/editions/udhr_fr.next.txt", NULL);
	memset(&ropts, 0, sizeof(ropts));
	ropts.amend_lang = "xw";
	assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
	if (resdiff_render_diff_amendments(&out, diff, &ropts) < 0)
		fail_msg("render: %s", resdiff_error_last());
	assert_non_null(strstr(out.ptr, "Amendments to "));
	assert_null(strstr(out.ptr, "Halfish"));
	assert_null(strstr(out.ptr, "<"));
	/* and what it wrote reads back in that language's name, with
	 * English's phrases too (before, with its own three, nothing read),
	 * and applies */
	aopts.language = "xw";
	if (resdiff_amendments_read(&am, out.ptr, out.size, &aopts) < 0)
		fail_msg("read: %s", resdiff_error_last());
	assert_int_equal(resdiff_amendments_apply(&res, a, am), 0);
	assert_null(first_difference(why, sizeof(why), res->doc, b));
	resdiff_amend_result_free(res);
	resdiff_amendments_free(am);
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* French, Spanish, Russian and Arabic amendments (core/lang/<code>.txt,
 * [amendment-phrases]): each language's pair of tests/data/amend_langs (a
 * word replaced, a recital deleted, one moved, one inserted) written in its
 * own language, read back and applied, gives the new text; and the
 * language is its own, not English. */
static void test_amend_roundtrip__four_languages(void **state)
{
	static const char *const langs[] = { "fr", "es", "ru", "ar" };
	char old_path[128], new_path[128], why[600];
	const char *missing = "unset";
	size_t l;
	(void)state;
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		const char *r;
		assert_string_equal(resdiff_amendments_lang(langs[l], &missing), langs[l]);
		assert_null(missing);
		snprintf(old_path, sizeof(old_path), "tests/data/amend_langs/%s.old.txt", langs[l]);
		snprintf(new_path, sizeof(new_path), "tests/data/amend_langs/%s.new.txt", langs[l]);
		if ((r = round_trip(why, sizeof(why), old_path, new_path, langs[l])) != NULL)
			fail_msg("%s [%s]: %s", old_path, langs[l], r);
	}
}

/* The typography of the amendments written: French quotes with no-break
 * spaces inside ("«\u00a0dignité\u00a0»"), Arabic's ”…“ and Arabic comma,
 * and no direction mark or embedding in the Arabic (LRM, RLM, U+202A-U+202E,
 * U+2066-U+2069): the text is Arabic throughout, the bidirectional algorithm
 * orders it. */
static void test_amend_roundtrip__four_languages_typography(void **state)
{
	static const char *const marks[] = { "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
		"\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069" };
	static const char *const langs[] = { "fr", "ar" };
	char old_path[128], new_path[128];
	size_t l, k;
	(void)state;
	for (l = 0; l < 2; l++) {
		resdiff_doc *a, *b;
		resdiff_diff *diff = NULL;
		resdiff_diff_render_options ropts;
		resdiff_buf out = RESDIFF_BUF_INIT;
		snprintf(old_path, sizeof(old_path), "tests/data/amend_langs/%s.old.txt", langs[l]);
		snprintf(new_path, sizeof(new_path), "tests/data/amend_langs/%s.new.txt", langs[l]);
		a = test_parse_source(old_path, NULL);
		b = test_parse_source(new_path, NULL);
		memset(&ropts, 0, sizeof(ropts));
		ropts.amend_lang = langs[l];
		assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
		assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), 0);
		if (l == 0) {
			assert_non_null(strstr(out.ptr, "\u00ab\u00a0dignit\u00e9\u00a0\u00bb"));
		} else {
			assert_non_null(strstr(out.ptr, "\u201d\u0628\u0627\u0644\u0642\u064a\u0645\u0629\u201c"));
			assert_non_null(strstr(out.ptr, "\u060c "));
			for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
				assert_null(strstr(out.ptr, marks[k]));
		}
		resdiff_buf_dispose(&out);
		resdiff_diff_free(diff);
		resdiff_doc_free(a);
		resdiff_doc_free(b);
	}
}

/* UN amendments quote words without their edge spaces: "delete
 * “strongly”", "after “Secretary-General to” insert “submit a”". The
 * writer quotes so wherever the reader's spacing rule (amend_space.h)
 * gives back exactly the new text, and keeps the spaces where the trimmed
 * words would be found more than once. Each case round-trips. */
static void test_amend_roundtrip__tidy_quotes(void **state)
{
	static const struct {
		const char *old, *new, *want;
	} cases[] = {
		{ "Encourages strongly Member States to act;",
		  "Encourages Member States to act;",
		  "1. In operative paragraph 1, delete \u201cstrongly\u201d.\n" },
		{ "Requests the Secretary-General to report to it at its eightieth session;",
		  "Requests the Secretary-General to submit a report to it at its eighty-first session;",
		  "1. In operative paragraph 1, after \u201cSecretary-General to\u201d insert "
		  "\u201csubmit a\u201d; replace \u201ceightieth\u201d with \u201ceighty-first\u201d.\n" },
		{ "Decides to remain seized of the matter.",
		  "Decides to remain actively seized of the matter.",
		  "1. In operative paragraph 1, after \u201cDecides to remain\u201d insert "
		  "\u201cactively\u201d.\n" },
		/* a word deleted before punctuation takes the space before it */
		{ "Decides to act strongly, without delay;",
		  "Decides to act, without delay;",
		  "1. In operative paragraph 1, delete \u201cstrongly\u201d.\n" },
		{ "Decides to act strongly; and to report",
		  "Decides to act; and to report",
		  "1. In operative paragraph 1, delete \u201cstrongly\u201d.\n" },
		/* an insertion at the clause's end */
		{ "Takes note of the report of the Secretary-General on the implementation of the "
		  "present resolution",
		  "Takes note of the report of the Secretary-General on the implementation of the "
		  "present resolution with appreciation",
		  "1. In operative paragraph 1, after \u201cpresent resolution\u201d insert "
		  "\u201cwith appreciation\u201d.\n" },
		/* "an" is in "analysis" and "plan" too: the exact quote is kept */
		{ "Requests an analysis of the plan",
		  "Requests analysis of the plan",
		  "1. In operative paragraph 1, delete \u201can \u201d.\n" },
	};
	char old_text[512], new_text[512], written[2048], why[600];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *r, *body;
		snprintf(old_text, sizeof(old_text), "The General Assembly,\n\n1. %s\n", cases[i].old);
		snprintf(new_text, sizeof(new_text), "The General Assembly,\n\n1. %s\n", cases[i].new);
		r = round_trip_docs(why, sizeof(why), test_parse_string(old_text, "en"),
			test_parse_string(new_text, "en"), "en", written, sizeof(written));
		if (r)
			fail_msg("case %zu: %s", i, r);
		assert_non_null(body = strstr(written, "\n\n"));
		assert_string_equal(body + 2, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amend_roundtrip__gold_pairs),
		cmocka_unit_test(test_amend_roundtrip__constructed_pairs),
		cmocka_unit_test(test_amend_roundtrip__declaration_editions),
		cmocka_unit_test(test_amend_roundtrip__incomplete_language_writes_english),
		cmocka_unit_test(test_amend_roundtrip__four_languages),
		cmocka_unit_test(test_amend_roundtrip__four_languages_typography),
		cmocka_unit_test(test_amend_roundtrip__tidy_quotes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
