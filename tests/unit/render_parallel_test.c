/* render_parallel_test.c: the renderers of the parallel view (text,
 * columns, JSON Lines, HTML) on documents built by hand. */
#include "helpers.h"
#include "resdiff/json.h"
#include "resdiff/parallel.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	resdiff_doc *docs[3];
	resdiff_parallel *p;
} fixture;

/* English and Arabic, the Arabic without OP2; Chinese text with a control
 * character and markup in it. */
static void build(fixture *f)
{
	static const char *const en[][3] = {
		{ "OP1", "1.", "Calls upon States to ensure access to safe drinking water and sanitation for all by 2030;" },
		{ "OP2", "2.", "Requests the Secretary-General to report on the implementation of the present resolution;" },
		{ "OP3", "3.", "Decides to remain seized of the matter <script>alert(1)</script>." },
	};
	static const char *const ar[][3] = {
		{ "OP1", "1.", "تهيب بالدول أن تكفل حصول الجميع على مياه الشرب المأمونة والصرف الصحي بحلول عام 2030؛" },
		{ "OP3", "3.", "تقرر أن تبقي المسألة قيد نظرها <script>alert(1)</script>." },
	};
	static const char *const zh[][3] = {
		{ "OP1", "1.", "吁请各国确保到2030年人人都能获得安全饮用水和环境卫生服务；" },
		{ "OP2", "2.", "请秘书长就本决议的执行情况\x1b[K提出报告；" },
		{ "OP3", "3.", "决定继续处理此案 <script>alert(1)</script>。" },
	};
	size_t i;
	for (i = 0; i < 3; i++)
		assert_int_equal(resdiff_doc_new(&f->docs[i]), 0);
	resdiff_doc_set_meta(f->docs[0], &f->docs[0]->meta.language, "en");
	resdiff_doc_set_meta(f->docs[1], &f->docs[1]->meta.language, "ar");
	resdiff_doc_set_meta(f->docs[2], &f->docs[2]->meta.language, "zh");
	for (i = 0; i < 3; i++) {
		assert_int_equal(resdiff_doc_add_unit(NULL, f->docs[0], en[i][0], RESDIFF_UNIT_OPERATIVE,
			en[i][1], en[i][2], i + 1), 0);
		assert_int_equal(resdiff_doc_add_unit(NULL, f->docs[2], zh[i][0], RESDIFF_UNIT_OPERATIVE,
			zh[i][1], zh[i][2], i + 1), 0);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(resdiff_doc_add_unit(NULL, f->docs[1], ar[i][0], RESDIFF_UNIT_OPERATIVE,
			ar[i][1], ar[i][2], i + 1), 0);
	assert_int_equal(resdiff_parallel_align(&f->p, (const resdiff_doc *const *)f->docs, 3), 0);
	assert_int_equal(f->p->row_count, 3);
	assert_int_equal(f->p->flagged, 1);
}

static void dispose(fixture *f)
{
	size_t i;
	resdiff_parallel_free(f->p);
	for (i = 0; i < 3; i++)
		resdiff_doc_free(f->docs[i]);
}

static const char *const sources[] = { "en.txt", "ar.txt", "zh.txt" };

static void test_render_parallel__text_blocks(void **state)
{
	fixture f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_parallel_render_options opts;
	(void)state;
	build(&f);
	memset(&opts, 0, sizeof(opts));
	opts.sources = sources;
	assert_int_equal(resdiff_render_parallel_text(&out, f.p, &opts), 0);
	assert_non_null(strstr(out.ptr, "ar    ar.txt\n"));
	assert_non_null(strstr(out.ptr, "3 rows, 3 anchored by printed numbers, 1 flagged: missing 1\n"));
	assert_non_null(strstr(out.ptr, "\nrow 2  missing  "));
	assert_non_null(strstr(out.ptr, "  ar    -\n"));
	assert_non_null(strstr(out.ptr, "  why  missing ar: no counterpart\n"));
	/* the terminal sanitizer: no escape reaches it */
	assert_null(strchr(out.ptr, '\x1b'));
	resdiff_buf_clear(&out);
	opts.flagged_only = true;
	assert_int_equal(resdiff_render_parallel_text(&out, f.p, &opts), 0);
	assert_null(strstr(out.ptr, "row 1 "));
	assert_non_null(strstr(out.ptr, "row 2 "));
	resdiff_buf_dispose(&out);
	dispose(&f);
}

/* Display cells of a line: East Asian wide characters take two. */
static size_t cells(const char *s, size_t len)
{
	size_t i = 0, adv, n = 0;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		n += resdiff_text_is_cjk((uint32_t)cp) || (cp >= 0xFF00 && cp <= 0xFF60) ||
			(cp >= 0x3000 && cp <= 0x303F) ? 2 : 1;
		i += adv ? adv : 1;
	}
	return n;
}

static void test_render_parallel__columns_fit_the_width(void **state)
{
	fixture f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_parallel_render_options opts;
	const char *line, *end;
	size_t wide_lines = 0;
	(void)state;
	build(&f);
	memset(&opts, 0, sizeof(opts));
	opts.width = 96;
	assert_int_equal(resdiff_render_parallel_text(&out, f.p, &opts), 0);
	for (line = out.ptr; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (cells(line, (size_t)(end - line)) > 96)
			fail_msg("a line wider than 96 cells: %.*s", (int)(end - line), line);
		{
			const char *zh = strstr(line, "吁请");
			wide_lines += zh && zh < end;
		}
	}
	/* the Chinese text is in the third column of the row's first line */
	assert_int_equal(wide_lines, 1);
	assert_non_null(strstr(out.ptr, "OP1  Calls upon"));
	/* the keys over the columns: en at 0, ar and zh a column further each */
	assert_non_null(strstr(out.ptr, "\nen                              ar                              zh\n"));
	/* too narrow for three columns of RESDIFF_PARALLEL_COLUMN_MIN: blocks */
	resdiff_buf_clear(&out);
	opts.width = 3 * RESDIFF_PARALLEL_COLUMN_MIN;
	assert_int_equal(resdiff_render_parallel_text(&out, f.p, &opts), 0);
	assert_non_null(strstr(out.ptr, "  en    OP1  Calls upon"));
	resdiff_buf_dispose(&out);
	dispose(&f);
}

static void test_render_parallel__json_lines(void **state)
{
	fixture f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *p;
	size_t lines = 0;
	(void)state;
	build(&f);
	assert_int_equal(resdiff_render_parallel_json(&out, f.p, NULL), 0);
	for (p = out.ptr; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 3);
	/* the shape docs/JSON.md gives */
	assert_non_null(strstr(out.ptr, "{\"units\":{\"en\":\"OP2\",\"ar\":null,\"zh\":\"OP2\"},"
		"\"flags\":[\"missing\"],\"confidence\":"));
	assert_non_null(strstr(out.ptr, "\"reasons\":[{\"flag\":\"missing\",\"lang\":\"ar\","
		"\"text\":\"no counterpart\"}]}\n"));
	assert_non_null(strstr(out.ptr, "{\"units\":{\"en\":\"OP1\",\"ar\":\"OP1\",\"zh\":\"OP1\"},"
		"\"flags\":[],"));
	resdiff_buf_dispose(&out);
	dispose(&f);
}

static void test_render_parallel__html_table(void **state)
{
	fixture f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_parallel_render_options opts;
	(void)state;
	build(&f);
	memset(&opts, 0, sizeof(opts));
	opts.sources = sources;
	opts.title = "A/RES/98/1 <six>";
	assert_int_equal(resdiff_render_parallel_html(&out, f.p, &opts), 0);
	assert_non_null(strstr(out.ptr, "<title>A/RES/98/1 &lt;six&gt;</title>"));
	assert_non_null(strstr(out.ptr, "<td lang=\"ar\" dir=\"rtl\">"));
	assert_non_null(strstr(out.ptr, "<td lang=\"zh\" dir=\"ltr\">"));
	assert_non_null(strstr(out.ptr, "<tr id=\"row2\" class=\"flagged\">"));
	assert_non_null(strstr(out.ptr, "<td class=\"none\">&mdash;</td>"));
	assert_non_null(strstr(out.ptr, "<li>missing ar: no counterpart</li>"));
	assert_null(strstr(out.ptr, "<script"));
	assert_non_null(strstr(out.ptr, "&lt;script&gt;"));
	assert_null(strchr(out.ptr, '\x1b'));
	resdiff_buf_dispose(&out);
	dispose(&f);
}

/* Metadata that disagrees: a block before the rows in text, row 0 in
 * JSON, a box above the table in HTML. */
static void test_render_parallel__metadata(void **state)
{
	fixture f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	(void)state;
	build(&f);
	resdiff_parallel_free(f.p);
	resdiff_doc_set_meta(f.docs[0], &f.docs[0]->meta.symbol, "A/RES/98/1");
	resdiff_doc_set_meta(f.docs[2], &f.docs[2]->meta.symbol, "A/RES/98/2");
	assert_int_equal(resdiff_parallel_align(&f.p, (const resdiff_doc *const *)f.docs, 3), 0);
	assert_int_equal(resdiff_render_parallel_text(&out, f.p, NULL), 0);
	assert_non_null(strstr(out.ptr, "\nmetadata  numbers\n  why  numbers en: symbol A/RES/98/1 where another "
		"has A/RES/98/2\n  why  numbers zh: symbol A/RES/98/2 where another has A/RES/98/1\n"));
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_parallel_json(&out, f.p, NULL), 0);
	{
		static const char want[] = "{\"units\":{},\"flags\":[\"numbers\"],\"confidence\":1.00,\"row\":0,"
			"\"anchored\":false,\"metadata\":true,\"reasons\":[{\"flag\":\"numbers\",\"lang\":\"en\",";
		assert_true(!strncmp(out.ptr, want, strlen(want)));
	}
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_parallel_html(&out, f.p, NULL), 0);
	assert_non_null(strstr(out.ptr, "<div class=\"meta\"><span class=\"flag\">numbers</span>"));
	resdiff_buf_dispose(&out);
	dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_parallel__text_blocks),
		cmocka_unit_test(test_render_parallel__columns_fit_the_width),
		cmocka_unit_test(test_render_parallel__json_lines),
		cmocka_unit_test(test_render_parallel__html_table),
		cmocka_unit_test(test_render_parallel__metadata),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
