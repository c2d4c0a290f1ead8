/* parse_test.c: the parser on the corpus, the English samples and bad input. */
#include "helpers.h"
#include "parse_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- golden counts ---- */

typedef struct {
	const char *path;
	const char *symbol;
	size_t pp, op, sub, headings, paragraphs, footnotes;
} count_case;

static const count_case counts[] = {
	{ "corpus/E_RES_2009_7.zh.txt", "E/RES/2009/7", 11, 49, 0, 2, 0, 6 },
	{ "corpus/E_RES_2017_21.zh.txt", "E/RES/2017/21", 9, 66, 5, 5, 0, 11 },
	{ "corpus/A_RES_65_141.zh.txt", "A/RES/65/141", 25, 24, 0, 0, 0, 11 },
	{ "tests/data/en/A_RES_74_197.txt", "A/RES/74/197", 41, 45, 0, 0, 0, 17 },
	{ "tests/data/en/A_RES_75_202.txt", "A/RES/75/202", 43, 46, 0, 0, 0, 16 },
	{ "tests/data/en/A_RES_76_189.txt", "A/RES/76/189", 43, 47, 0, 0, 0, 17 },
	{ "tests/data/en/A_RES_80_1.txt", "A/RES/80/1", 5, 3, 3, 0, 0, 1 },
	{ "tests/data/en/A_80_L.2.txt", "A/80/L.2", 4, 3, 3, 0, 0, 2 },
};

static void test_parse__golden_counts(void **state)
{
	size_t i;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		const count_case *c = &counts[i];
		resdiff_doc *doc = test_parse_source(c->path, NULL);
		char id[32];
		size_t k;
		assert_string_equal(doc->meta.symbol, c->symbol);
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), c->pp);
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), c->op);
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_SUBPARAGRAPH), c->sub);
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_HEADING), c->headings);
		assert_int_equal(doc->footnote_count, c->footnotes);
		/* ids in order: PP1..PPn, OP1..OPn */
		for (k = 1; k <= c->pp; k++) {
			snprintf(id, sizeof(id), "PP%zu", k);
			assert_non_null(resdiff_doc_unit_by_id(doc, id));
		}
		for (k = 1; k <= c->op; k++) {
			snprintf(id, sizeof(id), "OP%zu", k);
			assert_non_null(resdiff_doc_unit_by_id(doc, id));
		}
		if (doc->diag_count)
			fail_msg("%s: unexpected diagnostic at line %zu: %s", c->path,
				doc->diags[0].line, doc->diags[0].message);
		resdiff_doc_free(doc);
	}
}

static void test_parse__resolution_metadata(void **state)
{
	resdiff_doc *doc = test_parse_source("corpus/E_RES_2009_7.zh.txt", NULL);
	assert_string_equal(doc->meta.body, "ECOSOC");
	assert_string_equal(doc->meta.kind, "resolution");
	assert_string_equal(doc->meta.date, "2009-07-24");
	assert_string_equal(doc->meta.meeting, "36");
	assert_string_equal(doc->meta.language, "zh");
	assert_string_equal(doc->meta.chapeau, "经济及社会理事会，");
	assert_string_equal(doc->meta.title, "信息社会世界首脑会议成果文件执行和后续行动方面进展情况评估");
	resdiff_doc_free(doc);

	doc = test_parse_source("corpus/E_RES_2017_21.zh.txt", NULL);
	assert_string_equal(doc->meta.date, "2017-07-06");
	assert_string_equal(doc->meta.meeting, "41");
	assert_string_equal(doc->meta.title, "评估信息社会世界首脑会议成果落实和后续工作方面取得的进展");
	resdiff_doc_free(doc);

	doc = test_parse_source("corpus/A_RES_65_141.zh.txt", NULL);
	assert_string_equal(doc->meta.body, "GA");
	assert_string_equal(doc->meta.date, "2010-12-20");
	assert_string_equal(doc->meta.meeting, "69");
	assert_string_equal(doc->meta.chapeau, "大会，");
	resdiff_doc_free(doc);

	doc = test_parse_source("tests/data/en/A_RES_76_189.txt", NULL);
	assert_string_equal(doc->meta.language, "en");
	assert_string_equal(doc->meta.chapeau, "The General Assembly,");
	assert_string_equal(doc->meta.date, "2021-12-17");
	assert_string_equal(doc->meta.meeting, "54");
	assert_string_equal(doc->meta.title,
		"Information and communications technologies for sustainable development");
	resdiff_doc_free(doc);

	doc = test_parse_source("tests/data/en/A_80_L.2.txt", NULL);
	assert_string_equal(doc->meta.kind, "draft");
	assert_null(doc->meta.date);
	assert_int_equal(doc->meta.footnote_count, 1);
	assert_string_equal(doc->meta.footnotes[0], "*");
	resdiff_doc_free(doc);
}

/* ---- reports ---- */

static void check_report(const char *path, size_t paragraphs, size_t footnotes,
		const char **headings)
{
	resdiff_doc *doc = test_parse_source(path, NULL);
	size_t i, n = 0;
	char id[16];

	/* every footnote, labelled in order (1..n, or * and ** in front) */
	assert_int_equal(doc->footnote_count, footnotes);
	for (i = 0; i < doc->footnote_count; i++)
		if (doc->footnotes[i].label[0] != '*') {
			snprintf(id, sizeof(id), "%zu", ++n);
			assert_string_equal(doc->footnotes[i].label, id);
		}
	n = 0;

	assert_null(doc->meta.date);
	assert_string_equal(doc->meta.kind, "report");
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PARAGRAPH), paragraphs);
	/* P1..Pn in document order */
	for (i = 0; i < doc->unit_count; i++) {
		if (doc->units[i].kind != RESDIFF_UNIT_PARAGRAPH)
			continue;
		snprintf(id, sizeof(id), "P%zu", ++n);
		assert_string_equal(doc->units[i].id, id);
	}
	for (i = 0; headings[i]; i++) {
		size_t k;
		bool found = false;
		for (k = 0; k < doc->unit_count && !found; k++)
			found = doc->units[k].kind == RESDIFF_UNIT_HEADING &&
				!strcmp(doc->units[k].text, headings[i]);
		if (!found)
			fail_msg("%s: no heading '%s'", path, headings[i]);
	}
	resdiff_doc_free(doc);
}

static void test_parse__reports(void **state)
{
	const char *h2006[] = { "导言", "执行和后续行动", "机构间执行工作的协调", "建议",
		"政府间的后续行动", "结论", NULL };
	const char *h2011[] = { "主要趋势", "移动连接的持续增长和变化", "非洲", "亚洲及太平洋",
		"西亚", "拉丁美洲和加勒比", "欧洲", "大会", "结论和建议", NULL };
	resdiff_doc *doc;

	check_report("corpus/E_2006_85.zh.txt", 50, 2, h2006);
	check_report("corpus/A_66_64-E_2011_77.zh.txt", 167, 47, h2011);
	/* numbered sub-headings keep their label */
	doc = test_parse_source("corpus/A_66_64-E_2011_77.zh.txt", NULL);
	{
		size_t i;
		bool found = false;
		for (i = 0; i < doc->unit_count; i++)
			if (!strcmp(doc->units[i].text, "非洲")) {
				assert_string_equal(doc->units[i].label, "1.");
				found = true;
			}
		assert_true(found);
	}
	resdiff_doc_free(doc);
}

/* ---- golden texts ---- */

typedef struct {
	const char *id;
	const char *text;
} text_case;

static const struct {
	const char *path;
	text_case units[12];
} texts[] = {
#include "parse_golden_texts.inc"
};

static void test_parse__golden_texts(void **state)
{
	size_t i, k;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		resdiff_doc *doc = test_parse_source(texts[i].path, NULL);
		for (k = 0; texts[i].units[k].id; k++)
			test_assert_unit_text(doc, texts[i].units[k].id, texts[i].units[k].text);
		resdiff_doc_free(doc);
	}
}

static void test_parse__footnote_references(void **state)
{
	resdiff_doc *doc = test_parse_source("corpus/E_RES_2009_7.zh.txt", NULL);
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, "PP1");
	const resdiff_footnote *f;

	/* PP1 "回顾信息社会世界首脑会议的成果文件，" carries footnote 1 at its end */
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	assert_int_equal(u->fnrefs[0].offset, resdiff_utf8_count(u->text, strlen(u->text)));
	f = resdiff_doc_footnote(doc, "1");
	assert_non_null(f);
	assert_string_equal(f->text, "见A/C.2/59/3，附件和A/60/687；还可在www.itu.int/wsis/index.html上查阅成果文件。");
	/* OP31: marker 5 mid-sentence, after 《联合国残疾人权利公约》 */
	u = resdiff_doc_unit_by_id(doc, "OP31");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "5");
	assert_int_equal(u->fnrefs[0].offset, 28);
	resdiff_doc_free(doc);

	/* superscripts, re-cited footnote 1 in 2017/21 OP16 */
	doc = test_parse_source("corpus/E_RES_2017_21.zh.txt", NULL);
	u = resdiff_doc_unit_by_id(doc, "OP16");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	u = resdiff_doc_unit_by_id(doc, "OP61(d)");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "10");
	f = resdiff_doc_footnote(doc, "2");
	assert_string_equal(f->text, "A/72/64-E/2017/12。"); /* Markdown link remnant gone */
	resdiff_doc_free(doc);

	/* English: glued ("issue,1"), spaced ("Development 10"), and real
	 * numbers that stay ("from 17 to 20 October 2016", "all 17") */
	doc = test_parse_source("tests/data/en/A_RES_74_197.txt", NULL);
	u = resdiff_doc_unit_by_id(doc, "PP1");
	assert_string_equal(u->fnrefs[0].label, "1");
	u = resdiff_doc_unit_by_id(doc, "OP3");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "10");
	assert_non_null(strstr(u->text, "Sustainable Development and other"));
	assert_non_null(strstr(u->text, "across all 17 Sustainable"));
	u = resdiff_doc_unit_by_id(doc, "PP5");
	assert_non_null(strstr(u->text, "from 17 to 20 October 2016,"));
	resdiff_doc_free(doc);
}

/* Real numbers are never taken for footnote markers (found in review:
 * "、4 个国家" lost its 4, "that 2 regional commissions" its 2). */
static void test_parse__numbers_that_look_like_markers_stay(void **state)
{
	resdiff_doc *doc = test_parse_source("corpus/A_66_64-E_2011_77.zh.txt", NULL);
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, "P21");
	assert_non_null(strstr(u->text, "非洲有43个国家已经制定、4个国家正在制定"));
	resdiff_doc_free(doc);
	/* while "(…)47 所指出" after a bracket is still footnote 47 */
	doc = test_parse_source("corpus/A_66_64-E_2011_77.zh.txt", NULL);
	u = resdiff_doc_unit_by_id(doc, "P167");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "47");
	resdiff_doc_free(doc);

	doc = test_parse_string(
		"The General Assembly,\n\nRecalling its resolution 1/1,1\n\n"
		"Noting that 2 regional commissions and 3 agencies reported,2\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n1 A/1/1.\n\n2 A/2/2.\n", "en");
	test_assert_unit_text(doc, "PP2", "Noting that 2 regional commissions and 3 agencies reported,");
	u = resdiff_doc_unit_by_id(doc, "PP2");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "2");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);

	/* "its report 11  and": a spaced marker after a longer word is kept as one */
	doc = test_parse_source("tests/data/en/A_RES_74_197.txt", NULL);
	u = resdiff_doc_unit_by_id(doc, "OP13");
	assert_int_equal(u->fnref_count, 2);
	assert_string_equal(u->fnrefs[0].label, "11");
	assert_non_null(strstr(u->text, "its report and the establishment"));
	resdiff_doc_free(doc);
}

/* Parse a corpus file with sed applied (a seeded broken copy). */
static resdiff_doc *parse_edited(const char *relpath, const char *sed)
{
	char *dir = test_tmpdir(), path[512];
	resdiff_doc *doc;
	snprintf(path, sizeof(path), "%s/x.txt", dir);
	assert_int_equal(test_system("sed -e '%s' '%s/%s' > '%s'", sed, RESDIFF_SOURCE_DIR, relpath, path), 0);
	{
		resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
		char *text = NULL;
		size_t len;
		assert_int_equal(resdiff_file_read(&text, &len, path), 0);
		assert_int_equal(resdiff_parse(&doc, text, len, &opts), 0);
		free(text);
	}
	test_system("rm -rf '%s'", dir);
	free(dir);
	return doc;
}

static bool has_diag(const resdiff_doc *doc, const char *needle)
{
	size_t i;
	for (i = 0; i < doc->diag_count; i++)
		if (strstr(doc->diags[i].message, needle))
			return true;
	return false;
}

/* A footnote body missing from its zone is reported; the paragraphs around
 * it stay paragraphs (found in review: PP10 and PP11 became footnotes). */
static void test_parse__missing_footnote_body(void **state)
{
	resdiff_doc *doc = parse_edited("corpus/E_RES_2009_7.zh.txt", "69,70d");
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 11);
	assert_int_equal(doc->footnote_count, 5);
	assert_true(has_diag(doc, "footnote marker 2 has no footnote text"));
	assert_null(strstr(resdiff_doc_unit_by_id(doc, "PP9")->text, "A/64/64"));
	resdiff_doc_free(doc);

	doc = parse_edited("tests/data/en/A_RES_74_197.txt", "/^5  See resolution 59\\/220/d");
	assert_true(has_diag(doc, "footnote 5 is missing: the footnotes jump from 4"));
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 41);
	resdiff_doc_free(doc);
}

/* No unit text in the corpus contains debris. */
static void test_parse__no_debris(void **state)
{
	const char *paths[] = { "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt",
		"corpus/A_RES_65_141.zh.txt", "corpus/E_2006_85.zh.txt",
		"corpus/A_66_64-E_2011_77.zh.txt", "tests/data/en/A_RES_74_197.txt",
		"tests/data/en/A_RES_75_202.txt", "tests/data/en/A_RES_76_189.txt", NULL };
	const char *debris[] = { "09-49042", "E/2009/INF/2/Add.1", "](#)", "¹", "²", "³", "⁴",
		"⁵", "⁶", "⁷", "⁸", "⁹", "⁰", "21-19246", "2/13", "__", "A/RES/76/189", NULL };
	size_t p, i, k;

	for (p = 0; paths[p]; p++) {
		resdiff_doc *doc = test_parse_source(paths[p], NULL);
		for (i = 0; i < doc->unit_count; i++) {
			const char *t = doc->units[i].text;
			size_t len = strlen(t), j, adv;
			uint32_t prev = 0;
			for (k = 0; debris[k]; k++)
				if (strstr(t, debris[k]))
					fail_msg("%s %s contains debris '%s': %s", paths[p],
						doc->units[i].id, debris[k], t);
			for (k = 0; k < doc->footnote_count; k++)
				if (strlen(doc->footnotes[k].text) > 12 && strstr(t, doc->footnotes[k].text))
					fail_msg("%s %s contains footnote %s", paths[p],
						doc->units[i].id, doc->footnotes[k].label);
			/* no space beside a CJK character */
			for (j = 0; j < len; j += adv) {
				int32_t cp = resdiff_utf8_decode(t + j, len - j, &adv);
				if (cp == ' ' && (resdiff_text_is_cjk(prev) ||
				    (j + 1 < len && resdiff_text_is_cjk((uint32_t)resdiff_utf8_decode(t + j + 1, len - j - 1, &(size_t){0})))))
					fail_msg("%s %s: space beside CJK at byte %zu: %s", paths[p],
						doc->units[i].id, j, t);
				prev = (uint32_t)cp;
			}
			if (len == 0 && doc->units[i].kind != RESDIFF_UNIT_HEADING)
				fail_msg("%s %s is empty", paths[p], doc->units[i].id);
		}
		resdiff_doc_free(doc);
	}
}

/* ---- cleaning rules on small inputs ---- */

static void test_parse__english_hyphen_and_wraps(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\nRecalling the multi-\nstakeholder process and the\n"
		"outcome,\n\n1. Decides to  keep the item\nunder review;\n", "en");
	test_assert_unit_text(doc, "PP1", "Recalling the multi-stakeholder process and the outcome,");
	test_assert_unit_text(doc, "OP1", "Decides to keep the item under review;");
	assert_string_equal(resdiff_doc_unit_by_id(doc, "OP1")->label, "1.");
	resdiff_doc_free(doc);
}

static void test_parse__numbering_diagnostics(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\nRecalling x,\n\n1. Decides a;\n\n2. Decides b;\n\n"
		"4. Decides d;\n\n(b) orphan start;\n", "en");
	size_t i;
	bool jump = false, subs = false;
	for (i = 0; i < doc->diag_count; i++) {
		jump |= strstr(doc->diags[i].message, "jump from 2 to 4") != NULL && doc->diags[i].line == 9;
		subs |= strstr(doc->diags[i].message, "start at (b)") != NULL;
	}
	assert_true(jump);
	assert_true(subs);
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP4(b)"));
	resdiff_doc_free(doc);
}

static void test_parse__duplicate_numbers_get_unique_ids(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\nRecalling x,\n\n1. Decides a;\n\n2. Decides b;\n\n"
		"2. Decides again;\n", "en");
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP2"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP2~2"));
	assert_true(doc->diag_count >= 1);
	resdiff_doc_free(doc);
}

static void test_parse__annex_ids_do_not_collide(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\nRecalling its earlier resolutions on the\nquestion,\n\n"
		"1. Adopts the principles contained in the annex\nto the present resolution;\n\n"
		"Annex\n\nPrinciples\n\n1. States should cooperate with one\nanother;\n\n"
		"2. States should report on progress in the\nimplementation.\n", "en");
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-OP1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-OP2"));
	assert_null(resdiff_doc_unit_by_id(doc, "OP2"));
	resdiff_doc_free(doc);
}

static void test_parse__language_detection(void **state)
{
	resdiff_doc *doc = test_parse_string("Генеральная Ассамблея,\n\nссылаясь на резолюцию,\n\n"
		"1. постановляет продолжить рассмотрение;\n", NULL);
	assert_string_equal(doc->meta.language, "ru");
	assert_string_equal(doc->meta.body, "GA");
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), 1);
	resdiff_doc_free(doc);
	doc = test_parse_string("L'Assemblée générale,\n\nRappelant les résolutions et les décisions,\n\n"
		"1. Décide de poursuivre l'examen de la question et des rapports;\n", NULL);
	assert_string_equal(doc->meta.language, "fr");
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 1);
	resdiff_doc_free(doc);
}

/* The same resolution shaped as a PDF extraction in French, Spanish,
 * Russian and Arabic (tests/data/synthetic): one rule set for all. */
static void test_parse__four_more_languages(void **state)
{
	static const struct {
		const char *path, *lang, *chapeau, *first_pp;
	} c[] = {
		{ "tests/data/synthetic/A_RES_99_1.fr.txt", "fr", "L’Assemblée générale,", "Rappelant sa résolution 75/202" },
		{ "tests/data/synthetic/A_RES_99_1.es.txt", "es", "La Asamblea General,", "Recordando su resolución 75/202" },
		{ "tests/data/synthetic/A_RES_99_1.ru.txt", "ru", "Генеральная Ассамблея,", "ссылаясь на свою резолюцию 75/202" },
		{ "tests/data/synthetic/A_RES_99_1.ar.txt", "ar", "إن الجمعية العامة،", "إذ تشير إلى قرارها 75/202" },
	};
	size_t i;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		resdiff_doc *doc = test_parse_source(c[i].path, NULL);
		const resdiff_unit *pp1 = resdiff_doc_unit_by_id(doc, "PP1");
		const resdiff_footnote *f = resdiff_doc_footnote(doc, "1");
		assert_string_equal(doc->meta.language, c[i].lang);
		assert_string_equal(doc->meta.symbol, "A/RES/99/1");
		assert_string_equal(doc->meta.body, "GA");
		assert_string_equal(doc->meta.chapeau, c[i].chapeau);
		assert_string_equal(doc->meta.date, "2021-12-17");
		assert_string_equal(doc->meta.meeting, "54");
		assert_non_null(doc->meta.title);
		assert_non_null(pp1);
		assert_int_equal(strncmp(pp1->text, c[i].first_pp, strlen(c[i].first_pp)), 0);
		/* the footnote marker left the text and points at its body */
		assert_int_equal(pp1->fnref_count, 1);
		assert_string_equal(pp1->fnrefs[0].label, "1");
		assert_non_null(f);
		assert_non_null(strstr(f->text, "56/183"));
		/* sub-paragraphs a) б) (ب) all get Latin ids */
		assert_non_null(resdiff_doc_unit_by_id(doc, "OP2(a)"));
		assert_non_null(resdiff_doc_unit_by_id(doc, "OP2(b)"));
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), 2);
		/* running headers ("Les technologies de l’information …") are gone */
		assert_null(strstr(resdiff_doc_unit_by_id(doc, "OP2")->text, "21-19246"));
		if (doc->diag_count)
			fail_msg("%s: %s", c[i].path, doc->diags[0].message);
		resdiff_doc_free(doc);
	}
}

/* ---- bad input ---- */

static int parse_bytes(resdiff_doc **doc, const char *text, size_t len)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	opts.source = "bad.txt";
	return resdiff_parse(doc, text, len, &opts);
}

static void test_parse__invalid_utf8_names_offset(void **state)
{
	resdiff_doc *doc = NULL;
	const char text[] = "The General Assembly,\n\nRecalling \xC3\x28 x,\n";
	assert_int_equal(parse_bytes(&doc, text, sizeof(text) - 1), RESDIFF_EINVALID);
	assert_null(doc);
	assert_non_null(strstr(resdiff_error_last(), "bad.txt"));
	assert_non_null(strstr(resdiff_error_last(), "byte offset 33"));
	assert_non_null(strstr(resdiff_error_last(), "line 3"));
}

static void test_parse__nul_byte(void **state)
{
	resdiff_doc *doc = NULL;
	const char text[] = "The General Assembly,\n\0\n1. Decides;\n";
	assert_int_equal(parse_bytes(&doc, text, sizeof(text) - 1), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "NUL byte at byte offset 22 (line 2)"));
}

/* A limit that is hit says so: a paragraph number of six digits is not a
 * label (PARSE_NUMBER_DIGITS), and the diagnostic names it and its line. */
static void test_parse__paragraph_number_over_limit(void **state)
{
	resdiff_doc *doc = NULL;
	const char text[] = "The General Assembly,\n\n99999. Decides to go on;\n\n100000. Decides to stop.\n";
	size_t i;
	bool found = false;

	assert_int_equal(parse_bytes(&doc, text, sizeof(text) - 1), 0);
	assert_int_equal(doc->unit_count, 1);
	assert_string_equal(doc->units[0].id, "OP99999");
	assert_non_null(strstr(doc->units[0].text, "100000. Decides to stop."));
	for (i = 0; i < doc->diag_count; i++)
		if (doc->diags[i].line == 5 && strstr(doc->diags[i].message, "'100000.' has more than 5 digits"))
			found = true;
	assert_true(found);
	resdiff_doc_free(doc);
}

static void test_parse__bom_and_crlf_are_transparent(void **state)
{
	size_t len;
	char *text = test_read_source("corpus/E_RES_2009_7.zh.txt", &len);
	resdiff_buf crlf = RESDIFF_BUF_INIT;
	resdiff_buf a = RESDIFF_BUF_INIT, b = RESDIFF_BUF_INIT;
	resdiff_doc *plain = NULL, *dos = NULL;
	size_t i;

	resdiff_buf_puts(&crlf, "\xEF\xBB\xBF");
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			resdiff_buf_putc(&crlf, '\r');
		resdiff_buf_putc(&crlf, text[i]);
	}
	assert_int_equal(parse_bytes(&plain, text, len), 0);
	assert_int_equal(parse_bytes(&dos, crlf.ptr, crlf.size), 0);
	resdiff_render_doc_json(&a, plain, "x");
	resdiff_render_doc_json(&b, dos, "x");
	assert_string_equal(a.ptr, b.ptr);
	resdiff_doc_free(plain);
	resdiff_doc_free(dos);
	resdiff_buf_dispose(&a);
	resdiff_buf_dispose(&b);
	resdiff_buf_dispose(&crlf);
	free(text);
}

static void test_parse__empty_and_unrecognisable(void **state)
{
	resdiff_doc *doc = NULL;
	assert_int_equal(parse_bytes(&doc, "", 0), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "no recognisable paragraphs"));
	assert_int_equal(parse_bytes(&doc, "\n\n   \n", 6), RESDIFF_EINVALID);
	assert_int_equal(parse_bytes(&doc, "21-19246\n2/13\n", 14), RESDIFF_EINVALID);
	assert_null(doc);
}

static void test_parse__long_line_refused(void **state)
{
	size_t n = 10u * 1024 * 1024;
	char *text = malloc(n + 1);
	resdiff_doc *doc = NULL;
	assert_non_null(text);
	memset(text, 'a', n);
	text[n] = '\0';
	assert_int_equal(parse_bytes(&doc, text, n), RESDIFF_ETOOBIG);
	assert_non_null(strstr(resdiff_error_last(), "line 1 longer than"));
	free(text);
}

static void test_parse__huge_file_refused_by_reader(void **state)
{
	char *dir = test_tmpdir(), path[512], *text = NULL;
	size_t len;
	FILE *f;
	snprintf(path, sizeof(path), "%s/huge.txt", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	/* a sparse 100 MB file: the reader stops at the limit */
	assert_int_equal(fseek(f, 100L * 1024 * 1024 - 1, SEEK_SET), 0);
	fputc('\n', f);
	fclose(f);
	assert_int_equal(resdiff_file_read(&text, &len, path), RESDIFF_ETOOBIG);
	assert_null(text);
	assert_non_null(strstr(resdiff_error_last(), "huge.txt: larger than"));
	unlink(path);
	rmdir(dir);
	free(dir);
}

/* `paragraphs` numbered paragraphs of 22 wrapped lines, each followed by
 * a page's debris (running symbol and title, job number, page number). */
static void debris_text(resdiff_buf *b, size_t paragraphs)
{
	size_t i, k;
	resdiff_buf_puts(b, "The General Assembly,\n\nRecalling x,\n\n");
	for (i = 1; i <= paragraphs; i++) {
		resdiff_buf_printf(b, "%zu. Decides to keep under review the question of\n", i);
		for (k = 0; k < 20; k++)
			resdiff_buf_printf(b, "the implementation of item %zu.%zu and of the Summit and\n", i, k);
		resdiff_buf_printf(b, "of the follow-up;\n\nA/RES/1/1\nShort title\n21-19246\n%zu/900\n\n",
			i % 900 + 1);
	}
}

static void test_parse__many_short_lines_stay_linear(void **state)
{
	/* up to 360 000 lines of page debris. The parser counts its steps
	 * (parse_work: lines, blocks, running-title candidates and note
	 * lookups visited); doubling the input must not more than double
	 * them, as a quadratic pass would (a time would bound nothing on a
	 * shared machine) */
	static const size_t sizes[] = { 2250, 4500, 9000 };
	size_t work[3], i;
	resdiff_doc *doc = NULL;

	for (i = 0; i < 3; i++) {
		resdiff_buf b = RESDIFF_BUF_INIT;
		debris_text(&b, sizes[i]);
		assert_int_equal(parse_bytes(&doc, b.ptr, b.size), 0);
		work[i] = parse_work_last();
		assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), sizes[i]);
		if (i == 2) {
			assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP7")->text,
				"Summit and of the follow-up;"));
			assert_null(strstr(resdiff_doc_unit_by_id(doc, "OP7")->text, "Short title"));
		}
		resdiff_doc_free(doc);
		resdiff_buf_dispose(&b);
	}
	/* at least a step a line, and growth in proportion */
	if (work[2] < 9000 * 28 || work[1] * 100 > work[0] * 205 || work[2] * 100 > work[1] * 205)
		fail_msg("parse work %zu, %zu, %zu for %zu, %zu, %zu paragraphs: not linear", work[0],
			work[1], work[2], sizes[0], sizes[1], sizes[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse__golden_counts),
		cmocka_unit_test(test_parse__resolution_metadata),
		cmocka_unit_test(test_parse__reports),
		cmocka_unit_test(test_parse__golden_texts),
		cmocka_unit_test(test_parse__footnote_references),
		cmocka_unit_test(test_parse__numbers_that_look_like_markers_stay),
		cmocka_unit_test(test_parse__missing_footnote_body),
		cmocka_unit_test(test_parse__no_debris),
		cmocka_unit_test(test_parse__english_hyphen_and_wraps),
		cmocka_unit_test(test_parse__numbering_diagnostics),
		cmocka_unit_test(test_parse__duplicate_numbers_get_unique_ids),
		cmocka_unit_test(test_parse__annex_ids_do_not_collide),
		cmocka_unit_test(test_parse__language_detection),
		cmocka_unit_test(test_parse__four_more_languages),
		cmocka_unit_test(test_parse__invalid_utf8_names_offset),
		cmocka_unit_test(test_parse__nul_byte),
		cmocka_unit_test(test_parse__paragraph_number_over_limit),
		cmocka_unit_test(test_parse__bom_and_crlf_are_transparent),
		cmocka_unit_test(test_parse__empty_and_unrecognisable),
		cmocka_unit_test(test_parse__long_line_refused),
		cmocka_unit_test(test_parse__huge_file_refused_by_reader),
		cmocka_unit_test(test_parse__many_short_lines_stay_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
