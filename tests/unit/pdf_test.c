/* pdf_test.c: PDF input. The layout is checked on pages built by hand (no
 * poppler needed); the whole route on the PDFs of tests/data/pdf, made by
 * tests/data/pdf/make.py from known text, against that text's units. */
#include "helpers.h"
#include "pdf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef RESDIFF_PDF_HELPER_BIN
#define NEED_HELPER() ((void)0)
#else
#define NEED_HELPER() skip()  /* built without poppler-glib */
#define RESDIFF_PDF_HELPER_BIN "resdiff-pdf"
#endif

/* ---- pages built by hand ---- */

#define PAGE_W 595.0f
#define PAGE_H 842.0f

/* One reader line: characters left to right from x at the given top, each
 * `adv` wide (a CJK character twice that), then the end of the line. */
static void add_line(pdf_doc *doc, const char *text, float x, float top, float size, float adv)
{
	size_t i = 0, n = strlen(text), step;
	pdf_glyph g;

	while (i < n) {
		int32_t cp = resdiff_utf8_decode(text + i, n - i, &step);
		float w = resdiff_text_is_cjk((uint32_t)cp) ? 2 * adv : adv;
		g.cp = (uint32_t)cp;
		g.x1 = x;
		g.x2 = x + w;
		g.y1 = top;
		g.y2 = top + 1.3f * size;
		g.size = size;
		assert_int_equal(pdf_doc_add_glyph(doc, &g), 0);
		x += w;
		i += step;
	}
	g.cp = '\n';
	g.x1 = g.x2 = x;
	assert_int_equal(pdf_doc_add_glyph(doc, &g), 0);
}

/* A right-to-left line given in logical order, drawn from the right edge
 * leftwards; runs of digits and Latin are drawn left to right (as a PDF
 * draws them) and each character keeps its own box. */
static void add_rtl_line(pdf_doc *doc, const char *text, float right, float top, float size,
		float adv)
{
	size_t i = 0, n = strlen(text), step;
	float x = right;
	pdf_glyph g;

	while (i < n) {
		int32_t cp = resdiff_utf8_decode(text + i, n - i, &step);
		bool ltr = (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'z');
		if (ltr) {
			/* the whole run: measure, then place left to right */
			size_t j = i, len = 0, k;
			while (j < n && (((text[j] >= '0' && text[j] <= '9') || (text[j] >= 'A' && text[j] <= 'z')) ||
					 (text[j] == '/' && j + 1 < n && text[j + 1] >= '0' && text[j + 1] <= '9'))) {
				j++;
				len++;
			}
			x -= (float)len * adv;
			for (k = 0; k < len; k++) {
				g.cp = (uint32_t)(unsigned char)text[i + k];
				g.x1 = x + (float)k * adv;
				g.x2 = g.x1 + adv;
				g.y1 = top;
				g.y2 = top + 1.3f * size;
				g.size = size;
				assert_int_equal(pdf_doc_add_glyph(doc, &g), 0);
			}
			i = j;
			continue;
		}
		g.cp = (uint32_t)cp;
		g.x2 = x;
		g.x1 = x - adv;
		g.y1 = top;
		g.y2 = top + 1.3f * size;
		g.size = size;
		assert_int_equal(pdf_doc_add_glyph(doc, &g), 0);
		x -= adv;
		i += step;
	}
	g.cp = '\n';
	g.x1 = g.x2 = x;
	assert_int_equal(pdf_doc_add_glyph(doc, &g), 0);
}

static char *layout_text(const pdf_doc *doc)
{
	resdiff_buf out = RESDIFF_BUF_INIT;
	assert_int_equal(pdf_layout(&out, doc, "hand.pdf"), 0);
	assert_int_equal(resdiff_buf_put(&out, "", 0), 0);
	return resdiff_buf_detach(&out);
}

static void test_pdf__running_lines_and_page_numbers_go(void **state)
{
	pdf_doc doc;
	char *text;
	int p;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	for (p = 1; p <= 2; p++) {
		char number[16];
		assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
		add_line(&doc, "A/RES/99/1 Information technologies", 72, 30, 9, 5);
		add_line(&doc, p == 1 ? "Recalling its resolution 75/202 of 21 December 2020,"
				: "Noting the work of the Internet Governance Forum,", 72, 120, 11, 6);
		snprintf(number, sizeof(number), "%d/2", p);
		add_line(&doc, number, 290, 800, 9, 5);
	}
	text = layout_text(&doc);
	assert_null(strstr(text, "A/RES/99/1"));
	assert_null(strstr(text, "1/2"));
	assert_null(strstr(text, "2/2"));
	assert_non_null(strstr(text, "Recalling its resolution 75/202 of 21 December 2020,"));
	assert_non_null(strstr(text, "Noting the work"));
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__a_line_on_one_page_only_stays(void **state)
{
	pdf_doc doc;
	char *text;
	(void)state;

	/* the same place on both pages, but different words: not running */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_line(&doc, "United Nations", 72, 30, 11, 6);
	add_line(&doc, "The General Assembly,", 72, 120, 11, 6);
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_line(&doc, "Recalling further", 72, 30, 11, 6);
	text = layout_text(&doc);
	assert_non_null(strstr(text, "United Nations"));
	assert_non_null(strstr(text, "Recalling further"));
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__superscript_digits_become_markers(void **state)
{
	pdf_doc doc;
	pdf_glyph g = { '1', 200, 117, 203.5f, 126, 6.4f };
	char *text;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_line(&doc, "resolutions on the issue,", 50, 120, 11, 6);
	doc.glyph_count--;  /* the superscript goes before the line's end */
	doc.pages[0].count--;
	assert_int_equal(pdf_doc_add_glyph(&doc, &g), 0);
	g.cp = '\n';
	assert_int_equal(pdf_doc_add_glyph(&doc, &g), 0);
	/* "m" then a raised small "2" that is not smaller than SUP_SIZE: text */
	add_line(&doc, "an area of 5 m2.", 50, 160, 11, 6);
	text = layout_text(&doc);
	assert_non_null(strstr(text, "resolutions on the issue,\xC2\xB9"));
	assert_non_null(strstr(text, "5 m2."));
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__footnotes_at_the_foot_go_to_the_end(void **state)
{
	pdf_doc doc;
	char *text;
	int i;
	(void)state;

	/* a page of body text in 11 pt, then two notes in 9 pt at its foot */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_line(&doc, "Recalling its previous resolutions on the issue,1", 72, 100, 11, 6);
	add_line(&doc, "Taking note of the report,2", 72, 130, 11, 6);
	for (i = 0; i < 10; i++)
		add_line(&doc, "Noting the many lines of body text that a page of a resolution holds,",
			72, 160 + 30 * (float)i, 11, 6);
	add_line(&doc, "1 Resolutions 56/183, 57/238, 59/220, 60/252, 62/182, 63/202, 64/187,", 72, 700, 9, 5);
	add_line(&doc, "68/198 and 69/204.", 72, 712, 9, 5);
	add_line(&doc, "2 On the 2030 Agenda for Sustainable Development, see A/RES/70/1, in", 72, 724, 9, 5);
	add_line(&doc, "2030 Agenda terms.", 72, 736, 9, 5);
	text = layout_text(&doc);
	if (!strstr(text, "__________________\n\n1 Resolutions"))
		fail_msg("%s", text);
	assert_non_null(strstr(text, "__________________\n\n1 Resolutions 56/183, 57/238, 59/220, "
		"60/252, 62/182, 63/202, 64/187, 68/198 and 69/204.\n\n2 On the 2030 Agenda for "
		"Sustainable Development, see A/RES/70/1, in 2030 Agenda terms.\n"));
	/* the body before the separator holds no footnote text */
	assert_true(strstr(text, "Resolutions 56/183") > strstr(text, "__________________"));
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__a_note_runs_on_to_the_next_page(void **state)
{
	pdf_doc doc;
	char *text;
	int p, i;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	for (p = 0; p < 2; p++) {
		assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
		for (i = 0; i < 10; i++)
			add_line(&doc, "Noting the many lines of body text that a page of a resolution holds,",
				72, 100 + 30 * (float)i, 11, 6);
		if (p == 0) {
			add_line(&doc, "1 Resolutions 56/183 and 57/238 of the General Assembly and its", 72, 700, 9, 5);
		} else {
			/* the rest of note 1, starting with a number, then note 2 */
			add_line(&doc, "2015 decisions on the issue.", 72, 700, 9, 5);
			add_line(&doc, "2 A/76/64-E/2021/11.", 72, 712, 9, 5);
		}
	}
	text = layout_text(&doc);
	if (!strstr(text, "\n1 Resolutions 56/183 and 57/238 of the General Assembly and its 2015 "
			"decisions on the issue.\n\n2 A/76/64-E/2021/11.\n"))
		fail_msg("%s", text);
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__hard_wraps_join_and_paragraphs_do_not(void **state)
{
	pdf_doc doc;
	char *text;
	(void)state;

	/* a column from 72 to 72 + 60 x 6 = 432; pitch 15 */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_line(&doc, "    Reaffirming its commitment to working tirelessly for a", 72, 100, 11, 6);
	add_line(&doc, "comprehensive, far-reaching and people-centred set of people-", 72, 115, 11, 6);
	add_line(&doc, "centred goals,", 72, 130, 11, 6);
	add_line(&doc, "    Recognizing the role of the Commission on Science and", 72, 151, 11, 6);
	add_line(&doc, "Technology for Development,", 72, 166, 11, 6);
	/* Chinese: no space where the line breaks */
	add_line(&doc, "  回顾其关于信息和通信技术促进可持续发展的第 75/202 号决议以", 72, 200, 11, 6);
	add_line(&doc, "及关于这个问题的以往各项决议，", 72, 215, 11, 6);
	text = layout_text(&doc);
	assert_string_equal(text,
		"Reaffirming its commitment to working tirelessly for a comprehensive, "
		"far-reaching and people-centred set of people-centred goals,\n\n"
		"Recognizing the role of the Commission on Science and Technology for Development,\n\n"
		"回顾其关于信息和通信技术促进可持续发展的第 75/202 号决议以及关于这个问题的以往各项决议，\n");
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__right_to_left_lines_in_logical_order(void **state)
{
	pdf_doc doc;
	char *text;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	add_rtl_line(&doc, "إذ تشير إلى قرارها 75/202 المؤرخ 21 كانون الأول/ديسمبر 2020،", 500, 100, 12, 5);
	add_rtl_line(&doc, "(أ) التقدم المحرز في A/76/64؛", 500, 150, 12, 5);
	text = layout_text(&doc);
	assert_string_equal(text,
		"إذ تشير إلى قرارها 75/202 المؤرخ 21 كانون الأول/ديسمبر 2020،\n\n"
		"(أ) التقدم المحرز في A/76/64؛\n");
	free(text);
	pdf_doc_dispose(&doc);
}

static void test_pdf__pages_without_text_are_an_error(void **state)
{
	resdiff_buf out = RESDIFF_BUF_INIT;
	pdf_doc doc;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	assert_int_equal(pdf_doc_add_page(&doc, PAGE_W, PAGE_H), 0);
	assert_int_equal(pdf_layout(&out, &doc, "scan.pdf"), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "scan.pdf: no text layer"));
	resdiff_buf_dispose(&out);
	pdf_doc_dispose(&doc);
}

static void test_pdf__detect(void **state)
{
	(void)state;
	assert_true(resdiff_pdf_detect("%PDF-1.7\n", 9, NULL));
	assert_true(resdiff_pdf_detect("garbage", 7, "A_RES_74_197.PDF"));
	assert_false(resdiff_pdf_detect("The General Assembly,", 21, "a.txt"));
	assert_false(resdiff_pdf_detect("%PD", 3, "-"));
}

static void test_pdf__convert_leaves_text_alone(void **state)
{
	resdiff_pdf_options opts = RESDIFF_PDF_OPTIONS_INIT;
	char *data = strdup("The General Assembly,\n");
	size_t len = strlen(data);
	const char *before = data;
	(void)state;

	opts.source = "a.txt";
	opts.helper = "/nonexistent/resdiff-pdf";  /* never run */
	assert_int_equal(resdiff_pdf_convert(&data, &len, &opts), 0);
	assert_ptr_equal(data, before);
	assert_string_equal(data, "The General Assembly,\n");
	free(data);
}

/* ---- the whole route on the generated PDFs ---- */

static char *extract_file(const char *relpath, int *error, unsigned max_pages)
{
	resdiff_pdf_options opts = RESDIFF_PDF_OPTIONS_INIT;
	size_t len, text_len;
	char *pdf = test_read_source(relpath, &len), *text = NULL;

	opts.source = relpath;
	opts.helper = RESDIFF_PDF_HELPER_BIN;
	opts.max_pages = max_pages;
	*error = resdiff_pdf_extract(&text, &text_len, pdf, len, &opts);
	free(pdf);
	return text;
}

/* Units (id, kind, label, text, footnote references) and footnotes equal. */
static void assert_same_units(const resdiff_doc *a, const resdiff_doc *b)
{
	size_t i, k;
	assert_int_equal(a->unit_count, b->unit_count);
	for (i = 0; i < a->unit_count; i++) {
		const resdiff_unit *x = &a->units[i], *y = &b->units[i];
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->kind, y->kind);
		assert_string_equal(x->label, y->label);
		assert_string_equal(x->text, y->text);
		assert_int_equal(x->fnref_count, y->fnref_count);
		for (k = 0; k < x->fnref_count; k++) {
			assert_string_equal(x->fnrefs[k].label, y->fnrefs[k].label);
			assert_int_equal(x->fnrefs[k].offset, y->fnrefs[k].offset);
		}
	}
	assert_int_equal(a->footnote_count, b->footnote_count);
	for (i = 0; i < a->footnote_count; i++) {
		assert_string_equal(a->footnotes[i].label, b->footnotes[i].label);
		assert_string_equal(a->footnotes[i].text, b->footnotes[i].text);
	}
}

static void assert_same_meta(const resdiff_meta *a, const resdiff_meta *b)
{
	const char *fa[] = { a->symbol, a->title, a->date, a->meeting, a->chapeau, a->language };
	const char *fb[] = { b->symbol, b->title, b->date, b->meeting, b->chapeau, b->language };
	size_t i;
	for (i = 0; i < sizeof(fa) / sizeof(fa[0]); i++) {
		assert_non_null(fa[i]);
		assert_non_null(fb[i]);
		assert_string_equal(fa[i], fb[i]);
	}
}

/* The PDF gives the units, footnotes and metadata of the text. */
static void units_equal(const char *txt, const char *pdf, size_t preamble, size_t operative,
		size_t subparagraphs, size_t footnotes)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *from_text, *from_pdf = NULL;
	char *text;
	int error;

	NEED_HELPER();
	from_text = test_parse_source(txt, NULL);
	text = extract_file(pdf, &error, 0);
	if (error < 0)
		fail_msg("%s", resdiff_error_last());
	popts.source = pdf;
	assert_int_equal(resdiff_parse(&from_pdf, text, strlen(text), &popts), 0);
	/* the document is read, not just equally misread */
	assert_int_equal(test_count_kind(from_pdf, RESDIFF_UNIT_PREAMBLE), preamble);
	assert_int_equal(test_count_kind(from_pdf, RESDIFF_UNIT_OPERATIVE), operative);
	assert_int_equal(test_count_kind(from_pdf, RESDIFF_UNIT_SUBPARAGRAPH), subparagraphs);
	assert_int_equal(from_pdf->footnote_count, footnotes);
	assert_int_equal(from_pdf->diag_count, 0);
	assert_same_units(from_text, from_pdf);
	assert_same_meta(&from_text->meta, &from_pdf->meta);
	/* the running header (symbol and short title) is gone from the body */
	assert_null(strstr(text, "A/RES/99/1 "));
	assert_null(strstr(text, "A/RES/74/197 Information"));
	resdiff_doc_free(from_text);
	resdiff_doc_free(from_pdf);
	free(text);
}

static void test_pdf__units_equal_text_en(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/en.txt", "tests/data/pdf/en.pdf", 6, 5, 2, 2);
}

static void test_pdf__units_equal_text_zh(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/zh.txt", "tests/data/pdf/zh.pdf", 6, 5, 2, 2);
}

static void test_pdf__units_equal_text_ar(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/ar.txt", "tests/data/pdf/ar.pdf", 6, 5, 2, 2);
}

static void test_pdf__units_equal_text_fr(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/fr.txt", "tests/data/pdf/fr.pdf", 6, 5, 2, 2);
}

static void test_pdf__units_equal_text_es(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/es.txt", "tests/data/pdf/es.pdf", 6, 5, 2, 2);
}

static void test_pdf__units_equal_text_ru(void **state)
{
	(void)state;
	units_equal("tests/data/pdf/ru.txt", "tests/data/pdf/ru.pdf", 6, 5, 2, 2);
}

/* A/RES/74/197 typeset again in the UN's layout (11 A4 pages, first-page
 * block and footer, headers on alternate sides, 17 footnotes, some cited
 * twice) against tests/data/en/A_RES_74_197.txt, a text extraction of the
 * UN's own PDF of it. */
static void test_pdf__units_equal_text_un_layout(void **state)
{
	(void)state;
	units_equal("tests/data/en/A_RES_74_197.txt", "tests/data/pdf/A_RES_74_197.en.pdf", 41, 45, 0, 17);
}

static void refused(const char *relpath, int code, const char *message, unsigned max_pages)
{
	char *text;
	int error;

	NEED_HELPER();
	text = extract_file(relpath, &error, max_pages);
	assert_null(text);
	assert_int_equal(error, code);
	if (!strstr(resdiff_error_last(), message) || strncmp(resdiff_error_last(), relpath, strlen(relpath)))
		fail_msg("unexpected message: %s", resdiff_error_last());
}

static void test_pdf__encrypted_is_refused(void **state)
{
	(void)state;
	refused("tests/data/pdf/bad/encrypted.pdf", RESDIFF_EINVALID, "encrypted", 0);
}

static void test_pdf__copy_protected_is_refused(void **state)
{
	(void)state;
	refused("tests/data/pdf/bad/nocopy.pdf", RESDIFF_EINVALID, "do not allow copying", 0);
}

static void test_pdf__truncated_is_refused(void **state)
{
	(void)state;
	/* the marker as it stands in the file, "%%EOF" */
	refused("tests/data/pdf/bad/truncated.pdf", RESDIFF_EINVALID,
		"damaged PDF (truncated: no %%EOF at the end)", 0);
}

/* Padding after the %%EOF marker (NULs or blanks, as some download tools
 * and mail gateways leave) is not truncation: the PDF reads as without it.
 * Anything else after the last marker is damage, named as such. */
static void test_pdf__padding_after_eof_is_not_truncation(void **state)
{
	resdiff_pdf_options opts = RESDIFF_PDF_OPTIONS_INIT;
	size_t len, text_len, padded_len;
	char *pdf, *padded, *want = NULL, *got = NULL, message[200];
	int error;

	(void)state;
	NEED_HELPER();
	pdf = test_read_source("tests/data/pdf/en.pdf", &len);
	opts.source = "en.pdf";
	opts.helper = RESDIFF_PDF_HELPER_BIN;
	assert_int_equal(resdiff_pdf_extract(&want, &text_len, pdf, len, &opts), 0);
	padded_len = len + 3000;
	assert_non_null(padded = malloc(padded_len));
	memcpy(padded, pdf, len);
	memset(padded + len, 0, 2000);
	memset(padded + len + 2000, ' ', 999);
	padded[padded_len - 1] = '\n';
	error = resdiff_pdf_extract(&got, &text_len, padded, padded_len, &opts);
	if (error < 0)
		fail_msg("padded PDF refused: %s", resdiff_error_last());
	assert_string_equal(got, want);
	free(got);
	got = NULL;
	/* bytes that are not padding after the last marker: damaged, not
	 * "truncated" (its marker is there) */
	memcpy(padded + len + 1500, "1 0 obj << >> endobj", 20);
	assert_int_equal(resdiff_pdf_extract(&got, &text_len, padded, padded_len, &opts), RESDIFF_EINVALID);
	snprintf(message, sizeof(message), "en.pdf: damaged PDF (data after its last %%%%EOF marker, "
		"at byte offset %zu)", len + 1500);
	if (strcmp(resdiff_error_last(), message))
		fail_msg("unexpected message: %s", resdiff_error_last());
	free(padded);
	free(pdf);
	free(want);
}

static void test_pdf__garbage_is_refused(void **state)
{
	(void)state;
	refused("tests/data/pdf/bad/garbage.pdf", RESDIFF_EINVALID, "damaged PDF", 0);
}

static void test_pdf__image_only_is_refused(void **state)
{
	(void)state;
	refused("tests/data/pdf/bad/image.pdf", RESDIFF_EINVALID, "no text layer", 0);
}

static void test_pdf__page_limit(void **state)
{
	char *text;
	int error;
	(void)state;

	refused("tests/data/pdf/bad/three.pdf", RESDIFF_ETOOBIG, "more than 2 pages", 2);
	text = extract_file("tests/data/pdf/bad/three.pdf", &error, 3);
	assert_int_equal(error, 0);
	assert_non_null(strstr(text, "Page 3 of a text that resdiff can read."));
	free(text);
}

static void test_pdf__missing_reader_is_an_error(void **state)
{
	resdiff_pdf_options opts = RESDIFF_PDF_OPTIONS_INIT;
	size_t len, text_len;
	char *pdf = test_read_source("tests/data/pdf/en.pdf", &len), *text = NULL;
	(void)state;

	opts.source = "en.pdf";
	opts.helper = "/nonexistent/resdiff-pdf";
	assert_int_equal(resdiff_pdf_extract(&text, &text_len, pdf, len, &opts), RESDIFF_ENOTFOUND);
	assert_null(text);
	assert_non_null(strstr(resdiff_error_last(), "en.pdf: cannot run /nonexistent/resdiff-pdf"));
	free(pdf);
}

/* ---- the CLI: import keeps the PDF's hash; bad PDFs import nothing ---- */

static void test_pdf__import_stores_the_pdf_hash(void **state)
{
	char *dir = test_tmpdir(), *pdf, *log, expect[65];
	char cmd[4096];
	size_t len;
	FILE *f;
	(void)state;

	NEED_HELPER();
	pdf = test_read_source("tests/data/pdf/en.pdf", &len);
	resdiff_store_source_hash(expect, pdf, len);
	free(pdf);
	assert_int_equal(test_system("'%s' init '%s/r' >/dev/null", RESDIFF_BINARY, dir), 0);
	/* refused PDFs: exit 2, nothing imported */
	assert_int_equal(test_system("cd '%s' && '%s' -C '%s/r' import tests/data/pdf/bad/encrypted.pdf "
		"2>/dev/null >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, dir), 2);
	assert_int_equal(test_system("cd '%s' && '%s' -C '%s/r' import tests/data/pdf/bad/image.pdf "
		"2>/dev/null >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, dir), 2);
	assert_int_equal(test_system("git -C '%s/r' rev-parse -q --verify refs/heads/record >/dev/null",
		dir), 1);
	assert_int_equal(test_system("cd '%s' && '%s' -C '%s/r' import -q tests/data/pdf/en.pdf >/dev/null",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, dir), 0);
	snprintf(cmd, sizeof(cmd), "git -C '%s/r' log -1 --format=%%B refs/heads/record", dir);
	assert_non_null(f = popen(cmd, "r"));
	log = calloc(1, 65536);
	assert_non_null(log);
	len = fread(log, 1, 65535, f);
	pclose(f);
	log[len] = '\0';
	snprintf(cmd, sizeof(cmd), "Source-SHA256: %s", expect);
	if (!strstr(log, cmd))
		fail_msg("no '%s' in:\n%s", cmd, log);
	/* the stored units are those of the text route */
	assert_int_equal(test_system("'%s' -C '%s/r' show A/RES/99/1 | sed '1,/^$/d' > '%s/stored.txt' && "
		"'%s' parse '%s/tests/data/pdf/en.txt' > '%s/text.txt' && cmp -s '%s/stored.txt' '%s/text.txt'",
		RESDIFF_BINARY, dir, dir, RESDIFF_BINARY, RESDIFF_SOURCE_DIR, dir, dir, dir), 0);
	free(log);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static void test_pdf__diff_reads_pdfs(void **state)
{
	(void)state;
	NEED_HELPER();
	/* no changes between the text and the PDF of one document: exit 0 */
	assert_int_equal(test_system("cd '%s' && '%s' diff tests/data/pdf/zh.txt tests/data/pdf/zh.pdf "
		">/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 0);
	assert_int_equal(test_system("cd '%s' && '%s' diff tests/data/pdf/en.pdf "
		"tests/data/pdf/bad/truncated.pdf >/dev/null 2>&1", RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 2);
}

/* check and textconv read a PDF as parse does: the canonical text of the
 * PDF is that of the text route, check finds nothing in a clean PDF and
 * names a refused one as a finding of that file. */
static void test_pdf__check_and_textconv_read_pdfs(void **state)
{
	(void)state;
	NEED_HELPER();
	assert_int_equal(test_system("cd '%s' && '%s' textconv tests/data/pdf/fr.pdf > /tmp/rd_tc_pdf.$$ && "
		"'%s' textconv tests/data/pdf/fr.txt | cmp -s - /tmp/rd_tc_pdf.$$; r=$?; rm -f /tmp/rd_tc_pdf.$$; "
		"exit $r", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, RESDIFF_BINARY), 0);
	assert_int_equal(test_system("cd '%s' && '%s' textconv tests/data/pdf/bad/encrypted.pdf "
		">/dev/null 2>&1", RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 2);
	assert_int_equal(test_system("cd '%s' && '%s' check tests/data/pdf/ru.pdf >/dev/null",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 0);
	assert_int_equal(test_system("cd '%s' && '%s' check tests/data/pdf/bad/encrypted.pdf 2>&1 | "
		"grep -q '^tests/data/pdf/bad/encrypted.pdf: parse: .*encrypted'",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 0);
}

static void test_pdf__huge_is_refused(void **state)
{
	char *dir = test_tmpdir();
	(void)state;

	/* a sparse file past the input limit, named .pdf */
	assert_int_equal(test_system("truncate -s 65M '%s/huge.pdf'", dir), 0);
	assert_int_equal(test_system("'%s' parse '%s/huge.pdf' 2>'%s/err' >/dev/null", RESDIFF_BINARY,
		dir, dir), 2);
	assert_int_equal(test_system("grep -q 'huge.pdf: larger than 64 MiB' '%s/err'", dir), 0);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf__running_lines_and_page_numbers_go),
		cmocka_unit_test(test_pdf__a_line_on_one_page_only_stays),
		cmocka_unit_test(test_pdf__superscript_digits_become_markers),
		cmocka_unit_test(test_pdf__footnotes_at_the_foot_go_to_the_end),
		cmocka_unit_test(test_pdf__a_note_runs_on_to_the_next_page),
		cmocka_unit_test(test_pdf__hard_wraps_join_and_paragraphs_do_not),
		cmocka_unit_test(test_pdf__right_to_left_lines_in_logical_order),
		cmocka_unit_test(test_pdf__pages_without_text_are_an_error),
		cmocka_unit_test(test_pdf__detect),
		cmocka_unit_test(test_pdf__convert_leaves_text_alone),
		cmocka_unit_test(test_pdf__units_equal_text_en),
		cmocka_unit_test(test_pdf__units_equal_text_zh),
		cmocka_unit_test(test_pdf__units_equal_text_ar),
		cmocka_unit_test(test_pdf__units_equal_text_ru),
		cmocka_unit_test(test_pdf__units_equal_text_fr),
		cmocka_unit_test(test_pdf__units_equal_text_es),
		cmocka_unit_test(test_pdf__units_equal_text_un_layout),
		cmocka_unit_test(test_pdf__encrypted_is_refused),
		cmocka_unit_test(test_pdf__copy_protected_is_refused),
		cmocka_unit_test(test_pdf__truncated_is_refused),
		cmocka_unit_test(test_pdf__padding_after_eof_is_not_truncation),
		cmocka_unit_test(test_pdf__garbage_is_refused),
		cmocka_unit_test(test_pdf__image_only_is_refused),
		cmocka_unit_test(test_pdf__page_limit),
		cmocka_unit_test(test_pdf__check_and_textconv_read_pdfs),
		cmocka_unit_test(test_pdf__missing_reader_is_an_error),
		cmocka_unit_test(test_pdf__import_stores_the_pdf_hash),
		cmocka_unit_test(test_pdf__diff_reads_pdfs),
		cmocka_unit_test(test_pdf__huge_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
