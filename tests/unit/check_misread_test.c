/* check_misread_test.c: the "misread" check (core/src/check_misread.c):
 * a resolution read as a report, clauses swallowed by the front matter,
 * in the six languages of the table, and the reports it must pass. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document of `kind` (NULL: none) in `lang`, whose text says its
 * language clearly when `sure`, with report paragraphs P1, P2 … */
static resdiff_doc *report_doc(const char *kind, const char *lang, bool sure,
		const char *const *paragraphs)
{
	resdiff_doc *doc = NULL;
	size_t i;
	char id[16];
	assert_int_equal(resdiff_doc_new(&doc), 0);
	if (kind)
		assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, kind), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, lang), 0);
	doc->text_language = sure ? doc->meta.language : NULL;
	for (i = 0; paragraphs[i]; i++) {
		snprintf(id, sizeof(id), "P%zu", i + 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_PARAGRAPH, "",
			paragraphs[i], 10 * (i + 1)), 0);
	}
	return doc;
}

/* The "misread" findings of doc (and trace, may be NULL); the first in
 * *first (may be NULL). */
static size_t misread(const resdiff_doc *doc, const resdiff_parse_trace *trace,
		resdiff_finding *first)
{
	resdiff_findings *f = NULL;
	size_t n = 0, i;
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_misread(f, doc, trace, "t.txt", NULL), 0);
	for (i = 0; i < f->count; i++) {
		assert_string_equal(f->items[i].kind, "misread");
		if (first && !n) {
			static char msg[1024];
			snprintf(msg, sizeof(msg), "%s", f->items[i].message);
			*first = f->items[i];
			first->message = msg;
			first->file = NULL;
		}
		n++;
	}
	resdiff_findings_free(f);
	return n;
}

/* Three clauses (two recitals, one operative paragraph) and one
 * paragraph of prose in each language, as a report would hold them. */
static const struct {
	const char *lang;
	const char *p[5];
} clauses[] = {
	{ "ar", { "وإذ تشير إلى قرارها 70/1،", "تلاحظ مع القلق التقرير،",
		  "تطلب إلى الأمين العام أن يقدم تقريرا؛", "التقرير يغطي عام 2024.", NULL } },
	{ "en", { "Recalling its resolution 70/1,", "Noting with concern the report,",
		  "Requests the Secretary-General to report;", "The report covers the year 2024.",
		  NULL } },
	{ "es", { "Recordando su resolución 70/1,", "Observando con preocupación el informe,",
		  "Solicita al Secretario General que presente un informe;",
		  "El informe abarca el año 2024.", NULL } },
	{ "fr", { "Rappelant sa résolution 70/1,", "Notant avec préoccupation le rapport,",
		  "Prie le Secrétaire général de lui présenter un rapport ;",
		  "Le rapport porte sur l’année 2024.", NULL } },
	{ "ru", { "Ссылаясь на свою резолюцию 70/1,", "Отмечая с тревогой доклад,",
		  "Просит Генерального секретаря представить доклад;",
		  "Доклад охватывает 2024 год.", NULL } },
	{ "zh", { "回顾其第70/1号决议，", "关切地注意到报告，", "请秘书长提交报告；",
		  "本报告涵盖 2024 年。", NULL } },
};

/* Rule 1 in each language, through its own word lists only (the text
 * says its language): three of four paragraphs open as clauses. */
static void test_check_misread__report_of_clauses_in_six_languages(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(clauses) / sizeof(clauses[0]); i++) {
		resdiff_doc *doc = report_doc("report", clauses[i].lang, true, clauses[i].p);
		resdiff_finding first;
		if (misread(doc, NULL, &first) != 1)
			fail_msg("%s: a report of clauses is not flagged", clauses[i].lang);
		assert_int_equal(first.line, 10);
		assert_non_null(strstr(first.message, "read as a report, but 3 of its 4 paragraphs"));
		resdiff_doc_free(doc);
	}
}

/* A real report's paragraphs rarely open with a clause's verb: one of
 * four passes, and so do two clauses alone (too few to tell). */
static void test_check_misread__report_of_prose_passes(void **state)
{
	static const char *const prose[] = { "The Secretary-General submits this report.",
		"Requests were received from 12 Member States.", "In 2024 the Commission met twice.",
		"The present report covers the period.", NULL };
	static const char *const two[] = { "Recalling its resolution 70/1,", "Decides to continue;",
		NULL };
	resdiff_doc *doc = report_doc("report", "en", true, prose);
	(void)state;
	/* "Requests were received" opens with an operative verb: 1 of 4 */
	assert_int_equal(misread(doc, NULL, NULL), 0);
	resdiff_doc_free(doc);
	doc = report_doc("report", "en", true, two);
	assert_int_equal(misread(doc, NULL, NULL), 0);
	resdiff_doc_free(doc);
}

/* "Most": at least half of at least three paragraphs; a document of no
 * kind is asked too, a resolution never (check_shape asks it for its
 * operative part). */
static void test_check_misread__report_threshold(void **state)
{
	static const char *const half[] = { "Recalling its resolution 70/1,", "Decides to continue;",
		"The report covers the year.", "The Commission met twice.", NULL };
	static const char *const one_of_three[] = { "Recalling its resolution 70/1,",
		"The report covers the year.", "The Commission met twice.", NULL };
	static const char *const two_of_three[] = { "Recalling its resolution 70/1,",
		"Decides to continue;", "The report covers the year.", NULL };
	resdiff_doc *doc;
	resdiff_finding first;
	(void)state;
	doc = report_doc("report", "en", true, half);
	assert_int_equal(misread(doc, NULL, NULL), 1);
	resdiff_doc_free(doc);
	doc = report_doc("report", "en", true, one_of_three);
	assert_int_equal(misread(doc, NULL, NULL), 0);
	resdiff_doc_free(doc);
	doc = report_doc(NULL, "en", true, two_of_three);
	assert_int_equal(misread(doc, NULL, &first), 1);
	assert_non_null(strstr(first.message, "read as a document, but 2 of its 3 paragraphs open "
		"as clauses do (P1 \"recalling\")"));
	resdiff_doc_free(doc);
	doc = report_doc("resolution", "en", true, two_of_three);
	assert_int_equal(misread(doc, NULL, NULL), 0);
	resdiff_doc_free(doc);
}

/* The document's language alone when the text says it clearly; every
 * language when it does not (a short Spanish text detected as English). */
static void test_check_misread__unsure_language_asks_every_language(void **state)
{
	resdiff_doc *doc;
	(void)state;
	doc = report_doc("report", "en", true, clauses[2].p);  /* Spanish, said to be English */
	assert_int_equal(misread(doc, NULL, NULL), 0);
	resdiff_doc_free(doc);
	doc = report_doc("report", "en", false, clauses[2].p);
	assert_int_equal(misread(doc, NULL, NULL), 1);
	resdiff_doc_free(doc);
}

/* A trace of front-matter lines: roles and texts, lines 1, 2 … */
static size_t front_findings(const char *lang, const resdiff_line_role *roles,
		const char *const *texts, size_t n, resdiff_finding *first)
{
	static const char *const none[] = { NULL };
	resdiff_doc *doc = report_doc("resolution", lang, true, none);
	resdiff_line_trace lines[16];
	resdiff_parse_trace trace;
	size_t i, count;

	assert_true(n <= 16);
	memset(&trace, 0, sizeof(trace));
	memset(lines, 0, sizeof(lines));
	for (i = 0; i < n; i++) {
		lines[i].role = roles[i];
		lines[i].text = texts[i];
	}
	trace.lines = lines;
	trace.line_count = n;
	count = misread(doc, &trace, first);
	resdiff_doc_free(doc);
	return count;
}

#define F RESDIFF_LINE_FRONT
#define B RESDIFF_LINE_BLANK
#define D RESDIFF_LINE_DEBRIS
#define C RESDIFF_LINE_CHAPEAU
#define U RESDIFF_LINE_UNIT

/* Rule 2: a recital before the chapeau, its footnote marker after the
 * comma, page debris inside it. */
static void test_check_misread__recital_in_front_matter(void **state)
{
	static const resdiff_line_role roles[] = { F, B, F, B, F, D, F, B, C, B, U };
	static const char *const texts[] = {
		"Resolution adopted by the General Assembly on 20 December 2010", "",
		"65/141. Information and communication technologies for development", "",
		"Recalling its resolution 56/183 of 21 December 2001 and", "21-19246 (E)",
		"its resolution 57/270 B of 23 June 2003,1", "", "The General Assembly,", "",
		"Reaffirming the Declaration," };
	resdiff_finding first;
	(void)state;
	assert_int_equal(front_findings("en", roles, texts, 11, &first), 1);
	assert_int_equal(first.line, 5);
	assert_string_equal(first.message, "1 front-matter block opens and ends as a clause "
		"(\"recalling\" …): the body was found too late and its first clauses went "
		"into the metadata");
}

/* Chinese extractions put a blank line between the wrapped lines of one
 * paragraph; a superscript marker ends the last. */
static void test_check_misread__wrapped_recital_in_front_matter_zh(void **state)
{
	static const resdiff_line_role roles[] = { F, B, F, B, F, B, F, B, C };
	static const char *const texts[] = {
		"65/141. 信息和通信技术促进发展", "",
		"回顾其 2001 年 12 月 21 日第 56/183 号决议、", "",
		"2003 年 6 月 23 日第 57/270 B 号决议，¹", "",
		"又回顾信息社会世界首脑会议成果文件，", "",
		"大会，" };
	resdiff_finding first;
	(void)state;
	assert_int_equal(front_findings("zh", roles, texts, 9, &first), 1);
	assert_int_equal(first.line, 3);
	assert_non_null(strstr(first.message, "2 front-matter blocks open and end as a clause "
		"(\"回顾\" …)"));
}

/* What a front matter holds and is no clause: a title that opens with a
 * gerund but ends with no punctuation, a line that ends with a colon but
 * opens with no verb, a bracketed note, a draft's sponsors. */
static void test_check_misread__front_matter_of_a_resolution_passes(void **state)
{
	static const resdiff_line_role roles[] = { F, B, F, F, B, F, B, F, B, F, B, C };
	static const char *const texts[] = {
		"Agenda item 98:", "",
		"Taking forward multilateral nuclear disarmament", "negotiations", "",
		"[on the report of the First Committee (A/80/530, para. 11)]", "",
		"Austria, Brazil, Mexico: draft resolution", "",
		"Resolution adopted by the General Assembly on 1 December 2025", "",
		"The General Assembly," };
	(void)state;
	assert_int_equal(front_findings("en", roles, texts, 12, NULL), 0);
}

/* End to end on the parser's reading: a chapeau moved below the first
 * recital puts that recital in the front matter. */
static void test_check_misread__parsed_late_chapeau(void **state)
{
	static const char text[] =
		"Resolution adopted by the General Assembly on 17 December 2021\n\n"
		"76/189. Information and communications technologies\n\n"
		"Recalling its resolution 75/202 of 21 December 2020,\n\n"
		"The General Assembly,\n\n"
		"Reaffirming its resolution 70/1 of 25 September 2015,\n\n"
		"Noting the report of the Secretary-General,\n\n"
		"1. Requests the Secretary-General to report to it at its seventy-eighth session;\n\n"
		"2. Decides to include the item in the provisional agenda.\n";
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_parse_trace *trace = NULL;
	resdiff_doc *doc = NULL;
	resdiff_finding first;
	(void)state;
	opts.language = "en";
	assert_int_equal(resdiff_parse_traced(&doc, &trace, text, strlen(text), &opts), 0);
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 2);
	assert_int_equal(misread(doc, trace, &first), 1);
	assert_int_equal(first.line, 5);
	resdiff_parse_trace_free(trace);
	resdiff_doc_free(doc);
}

/* The two Secretary-General reports of the corpus are reports. */
static void test_check_misread__corpus_reports_pass(void **state)
{
	static const char *const reports[] = { "corpus/E_2006_85.zh.txt",
		"corpus/A_66_64-E_2011_77.zh.txt" };
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
		resdiff_parse_trace *trace = NULL;
		resdiff_doc *doc = NULL;
		size_t len;
		char *text = test_read_source(reports[i], &len);
		assert_int_equal(resdiff_parse_traced(&doc, &trace, text, len, &opts), 0);
		assert_string_equal(doc->meta.kind, "report");
		assert_int_equal(misread(doc, trace, NULL), 0);
		resdiff_parse_trace_free(trace);
		resdiff_doc_free(doc);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_misread__report_of_clauses_in_six_languages),
		cmocka_unit_test(test_check_misread__report_of_prose_passes),
		cmocka_unit_test(test_check_misread__report_threshold),
		cmocka_unit_test(test_check_misread__unsure_language_asks_every_language),
		cmocka_unit_test(test_check_misread__recital_in_front_matter),
		cmocka_unit_test(test_check_misread__wrapped_recital_in_front_matter_zh),
		cmocka_unit_test(test_check_misread__front_matter_of_a_resolution_passes),
		cmocka_unit_test(test_check_misread__parsed_late_chapeau),
		cmocka_unit_test(test_check_misread__corpus_reports_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
