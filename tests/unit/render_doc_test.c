/* render_doc_test.c: documents as text, JSON, summaries; escaping. */
#include "helpers.h"

#include <string.h>

static resdiff_doc *small_doc(void)
{
	resdiff_doc *doc = NULL;
	resdiff_unit *u;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_set_meta(doc, &doc->meta.symbol, "A/RES/1/1");
	resdiff_doc_set_meta(doc, &doc->meta.meeting, "3");
	resdiff_doc_add_unit(&u, doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling \"x\"\\y,", 5);
	resdiff_doc_add_fnref(doc, u, "1", 10);
	resdiff_doc_add_unit(NULL, doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Decides\x1b[2J;", 7);
	resdiff_doc_add_footnote(doc, "1", "See <A/1>.", 9);
	resdiff_doc_add_diag(doc, 4, "paragraph numbers jump from %d to %d", 1, 3);
	return doc;
}

static void test_render_doc__json(void **state)
{
	resdiff_doc *doc = small_doc();
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_render_doc_json(&b, doc, "in.txt"), 0);
	assert_string_equal(b.ptr,
		"{\"schema\":1,\"source\":\"in.txt\",\"meta\":{\"symbol\":\"A/RES/1/1\","
		"\"body\":null,\"kind\":null,\"date\":null,\"meeting\":\"3\",\"title\":null,"
		"\"language\":null,\"chapeau\":null,\"series\":null,\"footnotes\":[]},"
		"\"units\":[{\"id\":\"PP1\",\"kind\":\"preamble\",\"label\":\"\","
		"\"text\":\"Recalling \\\"x\\\"\\\\y,\",\"line\":5,\"footnotes\":[{\"label\":\"1\",\"offset\":10}]},"
		"{\"id\":\"OP1\",\"kind\":\"operative\",\"label\":\"1.\",\"text\":\"Decides\\u001b[2J;\","
		"\"line\":7,\"footnotes\":[]}],\"footnotes\":[{\"label\":\"1\",\"text\":\"See <A/1>.\","
		"\"line\":9}],\"diagnostics\":[{\"line\":4,\"level\":\"warning\",\"message\":\"paragraph numbers jump from 1 to 3\"}]}\n");
	resdiff_buf_dispose(&b);
	resdiff_doc_free(doc);
}

static void test_render_doc__text_is_sanitised(void **state)
{
	resdiff_doc *doc = small_doc();
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_render_doc_text(&b, doc, true), 0);
	assert_string_equal(b.ptr, "PP1\tRecalling \"x\"\\y,\nOP1\tDecides^[[2J;\n[1]\tSee <A/1>.\n");
	resdiff_buf_dispose(&b);
	resdiff_doc_free(doc);
}

static void test_render_doc__html_escape(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_html_escape(&b, "<a href='x'>&\"</a>", 18), 0);
	assert_string_equal(b.ptr, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
	resdiff_buf_dispose(&b);
}

static void test_render_doc__long_diagnostics_are_kept_whole(void **state)
{
	resdiff_doc *doc = NULL;
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_add_diag(doc, 3, "long: %s", big), 0);
	assert_int_equal(strlen(doc->diags[0].message), strlen(big) + 6);
	resdiff_doc_free(doc);
}

static void test_render_doc__kind_names_roundtrip(void **state)
{
	int k;
	for (k = RESDIFF_UNIT_PREAMBLE; k <= RESDIFF_UNIT_BLOCK; k++)
		assert_int_equal(resdiff_unit_kind_from_name(resdiff_unit_kind_name((resdiff_unit_kind)k)), k);
	assert_int_equal(resdiff_unit_kind_from_name("nonsense"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_doc__json),
		cmocka_unit_test(test_render_doc__text_is_sanitised),
		cmocka_unit_test(test_render_doc__html_escape),
		cmocka_unit_test(test_render_doc__long_diagnostics_are_kept_whole),
		cmocka_unit_test(test_render_doc__kind_names_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
