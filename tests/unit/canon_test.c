/* canon_test.c: the canonical serialization round-trips every document. */
#include "store_helpers.h"

#include <stdlib.h>
#include <string.h>

static resdiff_doc *roundtrip(const resdiff_doc *doc, const char *sha, resdiff_buf *bytes)
{
	resdiff_doc *back = NULL;
	resdiff_buf again = RESDIFF_BUF_INIT;
	char got[65];

	resdiff_buf_clear(bytes);
	assert_int_equal(resdiff_canon_write(bytes, doc, sha), 0);
	if (resdiff_canon_read(&back, got, bytes->ptr, bytes->size, RESDIFF_CANON_FULL) < 0)
		fail_msg("%s\n%s", resdiff_error_last(), bytes->ptr);
	assert_string_equal(got, sha ? sha : "");
	test_assert_docs_equal(doc, back);
	/* canonical: writing what was read gives the same bytes */
	assert_int_equal(resdiff_canon_write(&again, back, sha), 0);
	assert_int_equal(again.size, bytes->size);
	assert_memory_equal(again.ptr, bytes->ptr, bytes->size);
	resdiff_buf_dispose(&again);
	return back;
}

static void test_canon__roundtrip_builder(void **state)
{
	resdiff_buf bytes = RESDIFF_BUF_INIT;
	resdiff_doc *doc = test_make_doc("A/RES/65/141", "zh", "ga-ict4d", "2010-12-20", 40, 3);
	resdiff_doc *back = roundtrip(doc, "d88024a0415de33a86aa6c57c4881b860504d42b3ab32386676aa3b01f30aae0", &bytes);

	/* the unit lines are what `resdiff parse` prints: ID<TAB>text */
	assert_non_null(strstr(bytes.ptr, "\nPP1\tUnit 1 of A/RES/65/141"));
	assert_non_null(strstr(bytes.ptr, "\n[1]\tA/RES/70/125.\n"));
	assert_non_null(strstr(bytes.ptr, "\nseries\tga-ict4d\n"));
	resdiff_doc_free(back);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&bytes);
}

static void test_canon__escapes_and_nulls(void **state)
{
	resdiff_buf bytes = RESDIFF_BUF_INIT;
	resdiff_doc *doc = NULL, *back;
	resdiff_unit *u = NULL;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	/* NULL and "" metadata are different and both survive */
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, "E/RES/2009/7"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.title, ""), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.chapeau, "tab\there\\ and\nnewline\r\x01\x7f"), 0);
	assert_int_equal(resdiff_doc_add_meta_footnote(doc, ""), 0);
	assert_int_equal(resdiff_doc_add_meta_footnote(doc, "a\tb"), 0);
	assert_int_equal(resdiff_doc_add_unit(&u, doc, "", RESDIFF_UNIT_BLOCK, "", "", 0), 0);
	assert_int_equal(resdiff_doc_add_unit(&u, doc, "[1]\t@unit", RESDIFF_UNIT_PARAGRAPH,
		"\\x", "text with \\t literal, \\\\ and \xe2\x80\xae bidi", 123456789), 0);
	assert_int_equal(resdiff_doc_add_fnref(doc, u, "]\t[", 0), 0);
	assert_int_equal(resdiff_doc_add_fnref(doc, u, "", 99), 0);
	assert_int_equal(resdiff_doc_add_footnote(doc, "]", "\n", 1), 0);
	assert_int_equal(resdiff_doc_add_footnote(doc, "", "", 0), 0);
	assert_int_equal(resdiff_doc_add_diag(doc, 0, "%s", "diag\twith tab"), 0);
	back = roundtrip(doc, NULL, &bytes);
	assert_null(back->meta.date);
	assert_non_null(back->meta.title);
	assert_string_equal(back->meta.title, "");
	/* no raw control character but line ends and field TABs reaches the file */
	{
		size_t i;
		for (i = 0; i < bytes.size; i++)
			if (bytes.ptr[i] != '\n' && bytes.ptr[i] != '\t')
				assert_false((unsigned char)bytes.ptr[i] < 0x20 || bytes.ptr[i] == 0x7f);
	}
	resdiff_doc_free(back);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&bytes);
}

static void test_canon__random_documents(void **state)
{
	resdiff_buf bytes = RESDIFF_BUF_INIT;
	unsigned seed = 12345;
	int n;

	for (n = 0; n < 200; n++) {
		resdiff_doc *doc = NULL, *back;
		char s[64];
		int k, units = rand_r(&seed) % 12;
		assert_int_equal(resdiff_doc_new(&doc), 0);
		for (k = 0; k < units; k++) {
			resdiff_unit *u = NULL;
			size_t j, len = (size_t)(rand_r(&seed) % 40);
			for (j = 0; j < len; j++)
				s[j] = (char)(1 + rand_r(&seed) % 255); /* any byte but NUL */
			s[len] = '\0';
			assert_int_equal(resdiff_doc_add_unit(&u, doc, s, (resdiff_unit_kind)(rand_r(&seed) % 6),
				s + len / 2, s + len / 3, (size_t)rand_r(&seed)), 0);
			if (rand_r(&seed) % 2)
				assert_int_equal(resdiff_doc_add_fnref(doc, u, s + len / 4, len), 0);
			if (rand_r(&seed) % 3 == 0)
				assert_int_equal(resdiff_doc_add_footnote(doc, s + len / 5, s, (size_t)k), 0);
		}
		if (n % 2)
			assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.meeting, "36"), 0);
		back = roundtrip(doc, NULL, &bytes);
		resdiff_doc_free(back);
		resdiff_doc_free(doc);
	}
	resdiff_buf_dispose(&bytes);
}

static void test_canon__corpus_roundtrip(void **state)
{
	static const char *const files[] = {
		"corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt", "corpus/A_RES_65_141.zh.txt",
		"corpus/E_2006_85.zh.txt", "corpus/A_66_64-E_2011_77.zh.txt"
	};
	resdiff_buf bytes = RESDIFF_BUF_INIT, text = RESDIFF_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		resdiff_doc *doc = test_parse_source(files[i], "zh"), *back;
		size_t start;
		back = roundtrip(doc, NULL, &bytes);
		/* the reading part holds the parse text output verbatim */
		resdiff_buf_clear(&text);
		assert_int_equal(resdiff_render_doc_text(&text, doc, false), 0);
		start = (size_t)(strstr(bytes.ptr, "\n\n") - bytes.ptr) + 2;
		assert_memory_equal(bytes.ptr + start, text.ptr, doc->unit_count ?
			strcspn(text.ptr, "[") : 0);
		resdiff_doc_free(back);
		resdiff_doc_free(doc);
	}
	resdiff_buf_dispose(&bytes);
	resdiff_buf_dispose(&text);
}

static void test_canon__reading_part(void **state)
{
	resdiff_buf bytes = RESDIFF_BUF_INIT;
	resdiff_doc *doc = test_make_doc("E/RES/2017/21", "zh", "ecosoc-wsis", "2017-07-06", 20, 1);
	resdiff_doc *view = NULL;
	size_t len, i;

	assert_int_equal(resdiff_canon_write(&bytes, doc, NULL), 0);
	len = resdiff_canon_reading_len(bytes.ptr, bytes.size);
	assert_true(len < bytes.size);
	assert_int_equal(bytes.ptr[len - 1], '\n');
	assert_memory_equal(bytes.ptr + len, "\n@unit\t", 7);
	assert_int_equal(resdiff_canon_read(&view, NULL, bytes.ptr, len, RESDIFF_CANON_FULL), 0);
	assert_int_equal(view->unit_count, doc->unit_count);
	assert_int_equal(view->footnote_count, doc->footnote_count);
	for (i = 0; i < doc->unit_count; i++) {
		assert_string_equal(view->units[i].text, doc->units[i].text);
		assert_int_equal(view->units[i].kind, doc->units[i].kind); /* from the id */
		assert_int_equal(view->units[i].line, 0);
	}
	/* the view has no provenance line */
	{
		char *cut = strndup(bytes.ptr, len);
		assert_null(strstr(cut, "@unit"));
		free(cut);
	}
	resdiff_doc_free(view);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&bytes);
}

static void expect_invalid(const char *text, const char *message)
{
	resdiff_doc *doc = NULL;
	assert_int_equal(resdiff_canon_read(&doc, NULL, text, strlen(text), RESDIFF_CANON_FULL),
		RESDIFF_EINVALID);
	assert_null(doc);
	if (!strstr(resdiff_error_last(), message))
		fail_msg("error '%s' does not say '%s'", resdiff_error_last(), message);
}

/* A draft's link is the one key of version 2: only a document with it is
 * written so, and one without it keeps the version 1 bytes earlier formats
 * stored (a re-import of an unlinked text stays unchanged). */
static void test_canon__draft_of_is_version_2(void **state)
{
	resdiff_buf bytes = RESDIFF_BUF_INIT;
	resdiff_doc *doc = test_make_doc("A/80/L.2", "en", NULL, NULL, 6, 5), *back;

	back = roundtrip(doc, NULL, &bytes);
	assert_true(bytes.size > 19 && !memcmp(bytes.ptr, "resdiff-document 1\n", 19));
	assert_null(strstr(bytes.ptr, "draft-of"));
	resdiff_doc_free(back);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.draft_of, "A/RES/80/1"), 0);
	back = roundtrip(doc, NULL, &bytes);
	assert_true(!memcmp(bytes.ptr, "resdiff-document 2\n", 19));
	/* after series, before cites and source-sha256 */
	assert_non_null(strstr(bytes.ptr, "\ndraft-of\tA/RES/80/1\ncites\t"));
	assert_string_equal(back->meta.draft_of, "A/RES/80/1");
	resdiff_doc_free(back);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&bytes);
}

static void test_canon__rejects_bad_input(void **state)
{
	expect_invalid("", "empty");
	expect_invalid("resdiff-document 3\n", "unsupported format version");
	expect_invalid("resdiff-document 1\ndraft-of\tA/RES/80/1\n\n", "draft-of in a version 1 document");
	expect_invalid("resdiff-document 2\nsymbol\tA/80/L.2\n\n", "version 2 without draft-of");
	expect_invalid("hello\n", "not a resdiff document");
	expect_invalid("resdiff-document 1\ncolour\tred\n\n", "line 2: unknown metadata key");
	expect_invalid("resdiff-document 1\nsymbol\ta\nsymbol\tb\n", "given twice");
	expect_invalid("resdiff-document 1\n\nPP1\tbad \\q escape\n", "line 3: unknown escape");
	expect_invalid("resdiff-document 1\n\nPP1\tend\\\n", "backslash at the end");
	expect_invalid("resdiff-document 1\n\nPP1\n", "ID<TAB>text");
	expect_invalid("resdiff-document 1\n\nPP1\ta\n\n1\tno brackets\n", "[label]<TAB>text");
	expect_invalid("resdiff-document 1\n\nPP1\ta\n\n\n@unit\tOP1\tpreamble\t\t1\n", "order of the units");
	expect_invalid("resdiff-document 1\n\nPP1\ta\n\n\n@unit\tPP1\tpoem\t\t1\n", "unknown unit kind");
	expect_invalid("resdiff-document 1\n\nPP1\ta\n\n\n@unit\tPP1\tpreamble\t\tx\n", "bad number");
	expect_invalid("resdiff-document 1\n\nPP1\ta\nPP2\tb\n\n\n@unit\tPP1\tpreamble\t\t1\n",
		"does not cover every unit");
	expect_invalid("resdiff-document 1\n\nPP1\tnul\\x00\n", "bad \\x escape");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canon__roundtrip_builder),
		cmocka_unit_test(test_canon__escapes_and_nulls),
		cmocka_unit_test(test_canon__random_documents),
		cmocka_unit_test(test_canon__corpus_roundtrip),
		cmocka_unit_test(test_canon__reading_part),
		cmocka_unit_test(test_canon__draft_of_is_version_2),
		cmocka_unit_test(test_canon__rejects_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
