/* parse_test.c: the parser on the corpus, the English samples and bad input. */
#include "helpers.h"
#include "parse_state.h"
#include "resdiff/text.h"

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

/* A report's front matter ends at its first heading whether the numeral
 * is followed by "、", "." or the full-width "．": the text after it is
 * never taken for front matter. */
static void test_parse__report_front_ends_at_any_heading_label(void **state)
{
	static const char *const labels[] = { "一、", "一.", "一．" };
	size_t i;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		char text[256];
		resdiff_doc *doc;
		const resdiff_unit *u;
		snprintf(text, sizeof(text), "关于某某事项的说明\n\n%s导言\n\n本报告介绍有关情况。\n\n"
			"1. 第一段文字。\n", labels[i]);
		doc = test_parse_string(text, "zh");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "H1"));
		assert_string_equal(u->label, labels[i]);
		assert_string_equal(u->text, "导言");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
		assert_string_equal(u->text, "本报告介绍有关情况。");
		resdiff_doc_free(doc);
	}
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
	/* one space kept between an ideograph and a Latin word, as in the source */
	assert_string_equal(f->text, "见 A/C.2/59/3，附件和 A/60/687；还可在 www.itu.int/wsis/index.html 上查阅成果文件。");
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

/* The word from s up to a space holds an ASCII letter. */
static bool latin_word_after(const char *s)
{
	for (; *s && *s != ' ' && (unsigned char)*s < 0x80; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return true;
	return false;
}

/* The word that ends before t[j] holds an ASCII letter. */
static bool latin_word_before(const char *t, size_t j)
{
	for (; j > 0 && t[j - 1] != ' ' && (unsigned char)t[j - 1] < 0x80; j--)
		if ((t[j - 1] >= 'a' && t[j - 1] <= 'z') || (t[j - 1] >= 'A' && t[j - 1] <= 'Z'))
			return true;
	return false;
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
			/* no space beside a CJK character, but one between an
			 * ideograph and a word with a Latin letter (PARSE.md rule 7) */
			for (j = 0; j < len; j += adv) {
				int32_t cp = resdiff_utf8_decode(t + j, len - j, &adv);
				uint32_t next = j + 1 < len ? (uint32_t)resdiff_utf8_decode(t + j + 1, len - j - 1, &(size_t){0}) : 0;
				if (cp == ' ' && (resdiff_text_is_cjk(prev) || resdiff_text_is_cjk(next)) &&
				    !(resdiff_text_is_ideograph(prev) && latin_word_after(t + j + 1)) &&
				    !(resdiff_text_is_ideograph(next) && latin_word_before(t, j)))
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

/* Annex headings in French and Russian, in any case, open an annex; a
 * heading that only starts with the word does not. */
static void test_parse__annex_headings_in_every_language(void **state)
{
	static const struct {
		const char *lang, *chapeau, *pp, *op, *heading;
		bool annex;
	} c[] = {
		{ "fr", "L’Assemblée générale,", "Rappelant ses résolutions antérieures,",
		  "Adopte les principes qui figurent", "Annexe I", true },
		{ "fr", "L’Assemblée générale,", "Rappelant ses résolutions antérieures,",
		  "Adopte les principes qui figurent", "ANNEXE", true },
		{ "ru", "Генеральная Ассамблея,", "ссылаясь на свои резолюции,",
		  "утверждает принципы, содержащиеся", "Приложение II", true },
		{ "ru", "Генеральная Ассамблея,", "ссылаясь на свои резолюции,",
		  "утверждает принципы, содержащиеся", "ПРИЛОЖЕНИЕ", true },
		{ "ru", "Генеральная Ассамблея,", "ссылаясь на свои резолюции,",
		  "утверждает принципы, содержащиеся", "Приложения и дополнения", false },
	};
	size_t i;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char text[1024];
		resdiff_doc *doc;
		snprintf(text, sizeof(text), "%s\n\n%s\n\n1. %s\nи далее;\n\n%s\n\nПринципы\n\n"
			"1. Первый принцип\nи далее;\n\n2. Второй принцип\nи далее.\n", c[i].chapeau,
			c[i].pp, c[i].op,
			c[i].heading);
		doc = test_parse_string(text, c[i].lang);
		if ((resdiff_doc_unit_by_id(doc, "ANNEX1") != NULL) != c[i].annex)
			fail_msg("'%s': annex %d expected", c[i].heading, c[i].annex);
		if (c[i].annex) {
			assert_string_equal(resdiff_doc_unit_by_id(doc, "ANNEX1")->text, c[i].heading);
			assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-OP2"));
			assert_null(resdiff_doc_unit_by_id(doc, "OP2"));
		}
		resdiff_doc_free(doc);
	}
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

/* "2 - تطلب …" right after the line before (no blank line) is paragraph 2,
 * not the marker of footnote 2 that has yet to be cited. */
static void test_parse__dash_number_is_no_footnote_marker(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"إن الجمعية العامة،\n\n"
		"إذ تشير إلى قرارها 75/202 المؤرخ 21 كانون الأول/ديسمبر 2020 بشأن تكنولوجيا\n"
		"المعلومات والاتصالات لأغراض التنمية المستدامة (1)،\n\n"
		"1 - تسلم بأن تكنولوجيا المعلومات والاتصالات توفر حلولا جديدة لتحديات\n"
		"التنمية؛\n"
		"2 - تطلب إلى الأمين العام أن يقدم إليها تقريرا (2)؛\n\n"
		"3 - تقرر أن تبقي المسألة قيد نظرها.\n"
		"__________________\n\n"
		"(1) القرارات 56/183 و 57/238 و 74/197.\n"
		"(2) A/76/64.\n", "ar");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_int_equal(u->fnref_count, 0);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2"));
	assert_string_equal(u->label, "2 -");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "2");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* A sponsor note "* On behalf of …" at the foot of page 1 with no rule
 * above it, its marker in the front matter ("Iraq:* draft resolution"):
 * a footnote, not text spliced into the recital that the page break cuts. */
static void test_parse__star_note_without_rule(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/en/A_C.2_80_L.3.txt", NULL);
	const resdiff_unit *pp4 = resdiff_doc_unit_by_id(doc, "PP4");
	const resdiff_footnote *f = resdiff_doc_footnote(doc, "*");
	assert_non_null(pp4);
	assert_null(strstr(pp4->text, "On behalf"));
	assert_non_null(strstr(pp4->text, "targets with concrete policies and actions"));
	assert_non_null(f);
	assert_int_equal(strncmp(f->text, "On behalf of the States", 23), 0);
	assert_int_equal(doc->meta.footnote_count, 1);
	assert_string_equal(doc->meta.footnotes[0], "*");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* "2014–20242": the end year of a range with the next footnote's marker
 * glued to it, on one line or across a line break ("2015–\n20303"); a
 * number that is not the next label stays as printed. */
static void test_parse__marker_glued_to_a_year_range(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling the Programme of Action for the Decade 2014–20241 and its\n"
		"review,\n\n"
		"Recalling also the Sendai Framework for Disaster Risk Reduction 2015–\n"
		"20302 and the Paris Agreement,\n\n"
		"1. Notes the 2014–20247 cases reported for the period;\n\n"
		"2. Decides to remain seized of the matter.\n"
		"__________________\n\n"
		"1 Resolution 69/137, annex II.\n"
		"2 Resolution 69/283, annex II.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "Decade 2014–2024 and its review,"));
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_non_null(strstr(u->text, "Reduction 2015–2030 and the Paris"));
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "2");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_non_null(strstr(u->text, "2014–20247 cases"));
	assert_int_equal(u->fnref_count, 0);
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* parse_opens_with() skips a phrase whose first letter differs before
 * lower-casing it (issue 18): the text's case, a mark before its first
 * letter (looked through) and Cyrillic capitals must not hide a phrase
 * that opens it, and a text that no phrase opens gets 0. */
static void test_parse__opens_with_looks_through_case_and_marks(void **state)
{
	/* "Acknowledging": lower-cased on the text's side, the phrase's bytes */
	const char *en = "Acknowledging also that";
	/* U+064E (a mark) before "وإذ تشير": the mark is taken with the phrase */
	const char *ar = "\xd9\x8e\xd9\x88\xd8\xa5\xd8\xb0 \xd8\xaa\xd8\xb4\xd9\x8a\xd8\xb1";
	/* "Отмечая, что": Cyrillic capital O */
	const char *ru = "\xd0\x9e\xd1\x82\xd0\xbc\xd0\xb5\xd1\x87\xd0\xb0\xd1\x8f, \xd1\x87\xd1\x82\xd0\xbe";
	(void)state;
	assert_int_equal(resdiff_lang_load(), 0);
	assert_int_equal(parse_opens_with(en, strlen(en), RESDIFF_SECTION_LEADING_WORDS), 13);
	assert_int_equal(parse_opens_with(ar, strlen(ar), RESDIFF_SECTION_LEADING_WORDS), 8);
	assert_int_equal(parse_opens_with(ru, strlen(ru), RESDIFF_SECTION_LEADING_WORDS), 14);
	assert_int_equal(parse_opens_with("Zebras graze", 12, RESDIFF_SECTION_LEADING_WORDS), 0);
	assert_int_equal(parse_opens_with("", 0, RESDIFF_SECTION_LEADING_WORDS), 0);
}

/* A recital that starts right under the short last line of the one before
 * (no blank line) is a recital of its own; the lettered list after a
 * recital that ends in a colon is that recital's (PP2(a)), not OP0(a). */
static void test_parse__recital_without_blank_line_and_its_list(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Reaffirming that the Programme of Action is based on a comprehensive and\n"
		"results-oriented partnership for landlocked developing countries that is fully\n"
		"aligned with the 2030 Agenda for Sustainable Development and its Sustainable\n"
		"Development Goals,\n"
		"Reaffirming also that the Programme of Action is grounded in three priority\n"
		"areas, as follows:\n\n"
		"(a) Structural transformation and science, technology and innovation;\n\n"
		"(b) Trade, trade facilitation and regional integration;\n\n"
		"(c) Means of implementation,\n\n"
		"Recognizing the importance of national-level implementation of the Programme\n"
		"of Action and its mainstreaming into national development plans,\n\n"
		"1. Calls upon Member States to act in the following areas, as appropriate:\n\n"
		"(a) Transport and connectivity;\n\n"
		"(b) Adaptive capacity and resilience.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_null(strstr(u->text, "Reaffirming also"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_int_equal(strncmp(u->text, "Reaffirming also that", 21), 0);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2(c)"));
	assert_int_equal(u->kind, RESDIFF_UNIT_SUBPARAGRAPH);
	assert_false(resdiff_unit_is_operative(u));
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP3"));
	assert_null(resdiff_doc_unit_by_id(doc, "PP3(a)"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(b)"));
	assert_true(resdiff_unit_is_operative(u));
	assert_null(resdiff_doc_unit_by_id(doc, "OP0(a)"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* An annex whose title stands right under "Annex", a roman heading label
 * alone on its line with the heading on the next, and a labelled heading
 * that wraps onto a second line: ANNEX1, ANNEX1-H1 and ANNEX1-H2, each
 * one unit, and the annex paragraphs ANNEX1-OP<n>. */
static void test_parse__annex_title_and_wrapped_headings(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolutions on the convening of the Third United Nations\n"
		"Conference on Landlocked Developing Countries,\n\n"
		"1.\nEndorses the political declaration adopted by the Conference, which is\n"
		"contained in the annex to the present resolution;\n\n"
		"2.\nExpresses its profound gratitude to the host Government for hosting the\n"
		"Conference.\n\n"
		"Annex\nAwaza Political Declaration\n\n"
		"1.\nWe, the Heads of State and Government and high-level representatives, met\n"
		"in Awaza at the Third United Nations Conference on Landlocked Developing Countries.\n"
		"I.\nGlobal context and shared commitments\n"
		"2.\nWe gather at a critical juncture marked by overlapping global challenges,\n"
		"including geopolitical tensions and conflicts and high transportation costs.\n\n"
		"II. Implementation of the Awaza Programme of Action for Landlocked Developing\n"
		"Countries for the Decade 2024–2034\n"
		"3. We strongly commit ourselves to the full implementation of the Awaza\n"
		"Programme of Action throughout the coming decade.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1"));
	assert_string_equal(u->text, "Annex Awaza Political Declaration");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-OP1"));
	assert_null(strstr(u->text, "I."));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-H1"));
	assert_string_equal(u->label, "I.");
	assert_string_equal(u->text, "Global context and shared commitments");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-H2"));
	assert_string_equal(u->label, "II.");
	assert_non_null(strstr(u->text, "Landlocked Developing Countries for the Decade"));
	assert_null(resdiff_doc_unit_by_id(doc, "ANNEX1-H3"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-OP3"));
	assert_null(resdiff_doc_unit_by_id(doc, "OP1~2"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* The warnings among a document's diagnostics (notes left out). */
static size_t test_count_warnings(const resdiff_doc *doc)
{
	size_t i, n = 0;
	for (i = 0; i < doc->diag_count; i++)
		n += doc->diags[i].level == RESDIFF_DIAG_WARNING;
	return n;
}

/* Sections that each number their paragraphs from 1 under a roman
 * numeral and a heading that wraps over full lines: the heading ends at
 * the blank line (its recitals are PP<n>, not part of it), a number
 * printed again is OP<n>~<m> with a note, not a warning, and a section's
 * one operative paragraph printed without a number is a paragraph of its
 * own (OP1~<m>, empty label), where a recital ending in a comma is not. */
static void test_parse__sections_that_restart_their_numbering(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n\n\n"
		"I\n\n\n"
		"Conditions of service and compensation for officials other than Secretariat\n"
		"officials: members of the International Court of Justice and President and judges\n"
		"of the International Residual Mechanism for Criminal Tribunals\n\n\n"
		"Recalling its resolutions 37/240 of 21 December 1982 and 40/257 A to C of\n"
		"18 December 1985 on the conditions of service of the members of the Court,\n\n"
		"Having considered the report of the Secretary-General on the conditions of\n"
		"service and the related report of the Advisory Committee,\n\n"
		"1.\nTakes note of the report of the Secretary-General;\n\n"
		"2.\nEndorses the conclusions and recommendations contained in the report of\n"
		"the Advisory Committee on Administrative and Budgetary Questions;\n\n\n\n"
		"II\n\n\n"
		"Strategic heritage plan of the United Nations Office at Geneva\n\n\n"
		"Recalling part XI of its resolution 64/243 of 24 December 2009 and section VII of\n"
		"its resolution 66/247 of 24 December 2011,\n\n"
		"1.\nTakes note of the report of the Secretary-General;\n\n"
		"2.\nAppropriates the amount of 82,193,200 United States dollars for 2026, under\n"
		"section 33 of the proposed programme budget for 2026;\n\n\n\n"
		"III\n\n\n"
		"Gross jointly financed budget of the Joint Inspection Unit\n\n\n"
		"Approves the gross budget for the Joint Inspection Unit for 2026 in the amount\n"
		"of 9,666,200 dollars;\n\n\n\n"
		"IV\n\n\n"
		"Contingency fund\n\n\n"
		"Recalls its resolution 79/258 A, in which the level of the contingency fund for\n"
		"the year 2026 was set at 0.75 per cent of the approved programme budget,\n\n"
		"1.\nNotes that a balance of 15,869,600 dollars remains in the contingency fund;\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H1"));
	assert_string_equal(u->text, "Conditions of service and compensation for officials other than "
		"Secretariat officials: members of the International Court of Justice and President "
		"and judges of the International Residual Mechanism for Criminal Tribunals");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_true(!strncmp(u->text, "Recalling its resolutions 37/240", 32));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_true(!strncmp(u->text, "Having considered", 17));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H2"));
	assert_string_equal(u->text, "Strategic heritage plan of the United Nations Office at Geneva");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP3"));
	assert_true(!strncmp(u->text, "Recalling part XI", 17));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1~2"));
	assert_string_equal(u->text, "Takes note of the report of the Secretary-General;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2~2"));
	assert_int_equal(u->kind, RESDIFF_UNIT_OPERATIVE);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H3"));
	assert_string_equal(u->text, "Gross jointly financed budget of the Joint Inspection Unit");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1~3"));
	assert_int_equal(u->kind, RESDIFF_UNIT_OPERATIVE);
	assert_string_equal(u->label, "");
	assert_true(!strncmp(u->text, "Approves the gross budget", 25));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP4"));
	assert_true(!strncmp(u->text, "Recalls its resolution 79/258 A", 31));
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1~4"));
	assert_null(resdiff_doc_unit_by_id(doc, "OP1~5"));
	assert_int_equal(test_count_warnings(doc), 0);
	assert_true(doc->diag_count >= 3); /* a note per restart */
	resdiff_doc_free(doc);
}

/* Numbers out of order after a heading are still reported: only a
 * restart at 1 right after a heading is a section of its own. */
static void test_parse__restart_without_heading_is_reported(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 79/258 A,\n\n"
		"1. Takes note of the report of the Secretary-General;\n\n"
		"2. Endorses the conclusions of the Advisory Committee;\n\n"
		"1. Requests the Secretary-General to report at its eighty-first session;\n", "en");
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1~2"));
	assert_true(test_count_warnings(doc) >= 1);
	resdiff_doc_free(doc);
}

/* "The General Assembly" without its comma, right before paragraph 1 and
 * with no recitals: still the chapeau of a resolution, whose paragraphs
 * are operative (not a report's P<n>). */
static void test_parse__chapeau_without_its_comma(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"Proposed programme budget for 2026: section 26, Palestine refugees\n\n\n"
		"The General Assembly\n\n"
		"1.\nRecalls its resolution 302 (IV) of 8 December 1949, by which it established\n"
		"the Agency, and affirms that no organization can replace the Agency;\n\n"
		"2.\nRequests the Secretary-General to report on progress to the General Assembly\n"
		"at its eighty-first session.\n", "en");
	const resdiff_unit *u;
	assert_non_null(doc->meta.chapeau);
	assert_string_equal(doc->meta.chapeau, "The General Assembly");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_int_equal(u->kind, RESDIFF_UNIT_OPERATIVE);
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP2"));
	assert_null(resdiff_doc_unit_by_id(doc, "P1"));
	resdiff_doc_free(doc);
	/* a line that only names the body, with recitals after it, is no chapeau
	 * without its comma: "General Assembly" in a masthead stays front matter */
	doc = test_parse_string("General Assembly\nEightieth session\n\n"
		"Report of the Secretary-General\n\n1. The present report is submitted.\n", "en");
	assert_null(doc->meta.chapeau);
	resdiff_doc_free(doc);
}

/* "The General Assembly" without its comma, then one operative paragraph
 * with no number, the closing lines and an annex whose paragraphs stand
 * with no blank line between them: a resolution, not a report. Nothing of
 * it may go: the paragraph is OP1 (empty label), the annex line and its
 * title ANNEX1, the annex paragraphs ANNEX1-OP<n>. */
static void test_parse__bare_chapeau_before_an_unnumbered_paragraph(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"Resolution adopted by the General Assembly on 3 March 2031\n\n"
		"99/50. Charter of the Lakes\n\n"
		"The General Assembly\n\n"
		"Endorses the Charter of the Lakes, the text of which is annexed to the present\n"
		"resolution.\n\n"
		"12th plenary meeting\n3 March 2031\n\n"
		"Annex\nCharter of the Lakes\n\n"
		"1.\nWe, the riparian States, commit ourselves to keeping the lakes clean and\n"
		"to sharing what we know of them.\n"
		"2.\nWe will publish the water levels of every lake each year.\n", "en");
	const resdiff_unit *u;
	assert_non_null(doc->meta.chapeau);
	assert_string_equal(doc->meta.chapeau, "The General Assembly");
	assert_non_null(doc->meta.kind);
	assert_string_equal(doc->meta.kind, "resolution");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_int_equal(u->kind, RESDIFF_UNIT_OPERATIVE);
	assert_string_equal(u->label, "");
	assert_string_equal(u->text, "Endorses the Charter of the Lakes, the text of which is "
		"annexed to the present resolution.");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1"));
	assert_string_equal(u->text, "Annex Charter of the Lakes");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-OP2"));
	assert_string_equal(u->text, "We will publish the water levels of every lake each year.");
	assert_null(resdiff_doc_unit_by_id(doc, "P1"));
	assert_null(resdiff_doc_unit_by_id(doc, "PP1"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
	/* a masthead's "General Assembly" (the body's name and nothing more)
	 * before a recital is no chapeau: the text lacks its chapeau */
	doc = test_parse_string("General Assembly \n\n"
		"Recalling its resolution 98/7 of 1 May 2030 on the protection of lakes,\n\n"
		"1. Decides to remain seized of the matter.\n", "en");
	assert_null(doc->meta.chapeau);
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP1"));
	assert_true(test_count_warnings(doc) >= 1); /* the chapeau is missing */
	resdiff_doc_free(doc);
}

/* A draft decision whose chapeau shares its line with a recital in lower
 * case ("The General Assembly, recalling …:") is a resolution, not a
 * report: the chapeau goes to the metadata, the recital is PP1. */
static void test_parse__chapeau_opens_a_recital_line(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"Ruritania and Freedonia: draft decision\n\n"
		"Lakes of the world\n\n"
		"The General Assembly, recalling its resolution 98/7 of 1 May 2030, in which it\n"
		"decided to hold a conference on the lakes of the world in 2032:\n\n"
		"(a)\nDecides that the conference shall meet for three days, from 4 to 6 May 2032;\n\n"
		"(b)\nAlso decides to include the item in the agenda of its next session.\n", "en");
	const resdiff_unit *u;
	assert_non_null(doc->meta.chapeau);
	assert_string_equal(doc->meta.chapeau, "The General Assembly,");
	assert_non_null(doc->meta.kind);
	assert_string_equal(doc->meta.kind, "draft"); /* "draft decision" */
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_int_equal(u->kind, RESDIFF_UNIT_PREAMBLE);
	assert_string_equal(u->text, "recalling its resolution 98/7 of 1 May 2030, in which it decided "
		"to hold a conference on the lakes of the world in 2032:");
	assert_null(resdiff_doc_unit_by_id(doc, "P0(a)"));
	resdiff_doc_free(doc);
	/* a line that opens with the chapeau and goes on in capitals is no
	 * recital: nothing is cut from it */
	doc = test_parse_string(
		"The General Assembly, Lakes and Rivers Section, notes the following.\n\n"
		"1. The lakes are clean.\n", "en");
	assert_null(doc->meta.chapeau);
	resdiff_doc_free(doc);
}

/* A decision's front lines and paragraphs, shared by the two tests below. */
#define LAKES_CALENDAR_FRONT \
	"Draft decision submitted by the Chair\n\n" \
	"Calendar of the lakes conference\n\n"
#define LAKES_CALENDAR_BODY \
	"(a)\nApproves the calendar of the lakes conference set out below;\n\n" \
	"(b)\nRequests the Chair to circulate it.\n\n" \
	"Calendar of meetings\n\n" \
	"1.\nOpening of the conference.\n"

/* A decision's chapeau that ends in a colon ("The General Assembly:",
 * "L'Assemblée générale :") before its lettered or numbered paragraphs is
 * the chapeau: a resolution, not a report whose front matter swallows
 * the paragraphs. "The General Assembly decides:" is no chapeau (its verb
 * is text), nor is the colon line before a line that opens no paragraph. */
static void test_parse__chapeau_ends_in_a_colon(void **state)
{
	static const char *const no_chapeau[] = {
		"The General Assembly decides:\n\n"
		"(a) To hold the conference in 2032;\n\n"
		"(b) To review it in 2035.\n",
		"The General Assembly:\n\n"
		"annual report on the lakes, second part\n\n"
		"1. The lakes are clean.\n",
	};
	size_t k;
	resdiff_doc *doc = test_parse_string(
		LAKES_CALENDAR_FRONT "The General Assembly:\n\n" LAKES_CALENDAR_BODY
		"2.\nElection of officers:\n\n"
		"(a)\nPresident;\n\n"
		"(b)\nRapporteur.\n"
		"3. Closing of the conference.\n", "en");
	const resdiff_unit *u;
	assert_non_null(doc->meta.chapeau);
	assert_string_equal(doc->meta.chapeau, "The General Assembly:");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP0(a)"));
	assert_string_equal(u->text, "Approves the calendar of the lakes conference set out below;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP0(b)"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H1"));
	assert_string_equal(u->text, "Calendar of meetings");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2(b)"));
	assert_string_equal(u->text, "Rapporteur.");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP3"));
	assert_string_equal(u->text, "Closing of the conference.");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
	doc = test_parse_string(
		"L’Assemblée générale\xC2\xA0:\n\n"
		"1. Approuve le calendrier de la conférence.\n", "fr");
	assert_non_null(doc->meta.chapeau);
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1"));
	resdiff_doc_free(doc);
	/* a verb after the body's name (text, not a chapeau); the colon line
	 * before a line that opens no paragraph */
	for (k = 0; k < sizeof(no_chapeau) / sizeof(no_chapeau[0]); k++) {
		doc = test_parse_string(no_chapeau[k], "en");
		assert_null(doc->meta.chapeau);
		resdiff_doc_free(doc);
	}
}

/* A text read as a report (no chapeau) whose lettered paragraphs stand
 * before paragraph 1 ("(a)" / "Approves the calendar …;"): the front
 * matter ends at "(a)" as it does at paragraph 1, so the paragraphs stay
 * units (P0(a), P0(b), with a warning) and are not dropped as front lines
 * with no diagnostic; a front line "(a)" that opens no clause is still
 * front matter. */
static void test_parse__report_front_stops_at_a_lettered_clause(void **state)
{
	resdiff_doc *doc = test_parse_string(
		LAKES_CALENDAR_FRONT LAKES_CALENDAR_BODY "2. Closing of the conference.\n", "en");
	const resdiff_unit *u;
	assert_null(doc->meta.chapeau);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "P0(a)"));
	assert_string_equal(u->text, "Approves the calendar of the lakes conference set out below;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "P0(b)"));
	assert_string_equal(u->text, "Requests the Chair to circulate it.");
	assert_non_null(resdiff_doc_unit_by_id(doc, "P2"));
	assert_true(test_count_warnings(doc) >= 1);
	resdiff_doc_free(doc);
	doc = test_parse_string(
		"Lakes of the world\n\n"
		"(a) lakes, rivers and wetlands\n\n"
		"1. The lakes are clean.\n", "en");
	assert_null(resdiff_doc_unit_by_id(doc, "P0(a)"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "P1"));
	resdiff_doc_free(doc);
}

/* A run of stars glued to a word in the front matter ("Freedonia:**
 * draft decision") cites the "**" note at the page's foot. */
static void test_parse__double_star_in_the_sponsor_line(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"Item 5 of the provisional agenda*\n\n"
		"Ruritania and Freedonia:** draft decision\n\n"
		"Lakes of the world\n\n"
		"The General Assembly,\n\n"
		"Recalling its resolution 98/7 of 1 May 2030,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n"
		"* A/99/150.\n\n"
		"** Any changes to the list of sponsors will be reflected in the record.\n", "en");
	size_t k;
	bool seen = false;
	assert_int_equal(doc->diag_count, 0);
	for (k = 0; k < doc->meta.footnote_count; k++)
		seen |= !strcmp(doc->meta.footnotes[k], "**");
	assert_true(seen);
	resdiff_doc_free(doc);
}

/* A decision's lettered paragraphs with no numbered paragraph above them
 * ("(a) Expresses …", "(b) Endorses …") are operative: OP0(a), OP0(b),
 * no diagnostic, even after a recital that ends in a colon; a recital's
 * own list ("… as follows:" then "(a) Clean water;") stays PP<n>(a). */
static void test_parse__decision_lettered_paragraphs_are_operative(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 98/7 of 1 May 2030,\n\n"
		"Recalling also its decision 98/550 of 2 June 2030, to hold the conference:\n\n"
		"(a)\nExpresses its gratitude to the host country of the conference;\n\n"
		"(b)\nEndorses the outcome of the conference.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP0(a)"));
	assert_int_equal(u->kind, RESDIFF_UNIT_SUBPARAGRAPH);
	assert_string_equal(u->text, "Expresses its gratitude to the host country of the conference;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP0(b)"));
	assert_string_equal(u->text, "Endorses the outcome of the conference.");
	assert_null(resdiff_doc_unit_by_id(doc, "PP2(a)"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
	doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling the priorities of the lakes programme, as follows:\n\n"
		"(a)\nClean water;\n\n(b)\nOpen data,\n\n"
		"1. Decides to remain seized of the matter.\n", "en");
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP1(a)"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP1(b)"));
	assert_null(resdiff_doc_unit_by_id(doc, "OP0(a)"));
	resdiff_doc_free(doc);
}

/* An unlabelled heading between operative paragraphs that wraps onto a
 * second, short line with no blank line between ("Office of Lakes and
 * Rivers/Water" / "Data Unit") is one heading; two headings stand apart,
 * a blank line between them. */
static void test_parse__unlabelled_heading_wraps_onto_a_short_line(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 98/7 of 1 May 2030 on the protection of lakes and\n"
		"rivers and on the data that the Member States share about them,\n\n"
		"1. Requests the Secretary-General to keep the state of the lakes and rivers\n"
		"under review and to report thereon at its next session;\n\n"
		"Office of Lakes and Rivers/Water\n"
		"Data Unit\n\n"
		"2. Encourages the Office to publish its data on water levels every year, in\n"
		"all the official languages of the United Nations;\n\n"
		"Follow-up\n\n"
		"Reporting\n\n"
		"3. Decides to remain seized of the matter.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H1"));
	assert_int_equal(u->kind, RESDIFF_UNIT_HEADING);
	assert_string_equal(u->text, "Office of Lakes and Rivers/Water Data Unit");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H2"));
	assert_string_equal(u->text, "Follow-up");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "H3"));
	assert_string_equal(u->text, "Reporting");
	assert_null(resdiff_doc_unit_by_id(doc, "H4"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP3"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* "… with the Paris Principles. 2 They are …": a spaced marker after a
 * sentence's full stop. "Principles" is a word that points ("principle
 * 6"), but the full stop ends its sentence; only an abbreviation's full
 * stop keeps the number on it ("para. 2" stays text). */
static void test_parse__spaced_marker_after_a_sentence_end(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 99/1 on national institutions,1 and noting that such\n"
		"institutions act in compliance with the Paris Principles. 2 They are to be\n"
		"consulted on every report,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 Resolution 99/1.\n"
		"2 Resolution 48/134, annex.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "the Paris Principles. They are to be consulted"));
	assert_int_equal(u->fnref_count, 2);
	assert_string_equal(u->fnrefs[1].label, "2");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
	doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 99/1 on national institutions,1 and its report (see\n"
		"para. 2 of the annex) on their work,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 Resolution 99/1.\n"
		"2 Resolution 48/134, annex.\n", "en");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "para. 2 of the annex"));
	assert_int_equal(u->fnref_count, 1);
	resdiff_doc_free(doc);
}

/* "programmes 5, 7, 2, 9, 12 and 22": a number the list goes on after is
 * an item of a list of numbers, never a footnote marker, though a
 * footnote 2 exists and nothing else cites it (it stays a warning). */
static void test_parse__number_in_a_list_of_numbers_is_no_marker(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 79/247 of 24 December 2024 on programme planning,1\n\n"
		"1. Approves, on an exceptional basis, for programmes 5, 7, 2, 9, 12 and 22 of the\n"
		"proposed programme budget, a programme narrative composed of the mandates;\n\n"
		"2. Requests the Secretary-General to report thereon at its eighty-first session.\n"
		"__________________\n"
		"1 A/80/16.\n"
		"2 Ibid., chap. II.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_non_null(strstr(u->text, "programmes 5, 7, 2, 9, 12 and 22 of"));
	assert_int_equal(u->fnref_count, 0);
	assert_true(test_count_warnings(doc) >= 1); /* footnote 2 is not cited */
	resdiff_doc_free(doc);
}

/* "dated 20 October 2025 2 and", "for 20253 and": the marker of the next
 * footnote spaced after a full date, or glued to a year after a short
 * word, is the marker; the year stays whole. */
static void test_parse__markers_after_a_date_and_glued_to_a_year(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Having considered the report of the Committee on the work of its session,1 the\n"
		"letters from the Chair of the Third Committee dated 20 October 2025 2 and from the\n"
		"Chair of the Fourth Committee, and the programme performance for 20253 and the\n"
		"related report of the Advisory Committee,\n\n"
		"1. Takes note of the report;\n"
		"__________________\n"
		"1 A/80/16.\n"
		"2 A/C.5/80/13.\n"
		"3 A/80/6.\n", "en");
	const resdiff_unit *u;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "dated 20 October 2025 and from the"));
	assert_non_null(strstr(u->text, "performance for 2025 and the"));
	assert_int_equal(u->fnref_count, 3);
	assert_int_equal(test_count_warnings(doc), 0);
	resdiff_doc_free(doc);
	/* a number after a word that points ("resolution 20253") is no year */
	doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its decisions,1 and Treaty Series No. 20253 and the protocols,\n\n"
		"1. Takes note of the report;\n"
		"__________________\n"
		"1 A/80/16.\n"
		"3 A/80/6.\n", "en");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "No. 20253 and"));
	resdiff_doc_free(doc);
}

/* "the declaration adopted 4 April 2025": the day of a date is never a
 * footnote marker, though footnote 4 exists and is the next one to cite
 * (found on A/RES/80/58, where the day was deleted); the same in Spanish
 * and Russian, where the month is lower case or in another script. A
 * lower-case "may" without a year is a verb: the spaced marker before it
 * is still taken. */
static void test_parse__day_of_a_date_is_no_marker(void **state)
{
	static const struct {
		const char *lang, *text, *kept;
	} cases[] = {
		{ "en",
		  "The General Assembly,\n\n"
		  "Recalling the report of the Conference,1 the Treaty,2 its plan,3 and the\n"
		  "declaration adopted 4 April 2025 by the ministerial meeting,\n\n"
		  "1. Decides to remain seized of the matter.\n"
		  "__________________\n"
		  "1 A/80/27.\n2 A/80/88.\n3 A/80/89.\n4 A/80/99.\n",
		  "adopted 4 April 2025 by" },
		{ "es",
		  "La Asamblea General,\n\n"
		  "Recordando el informe de la Conferencia,1 el Tratado,2 su plan,3 y la\n"
		  "declaración aprobada 4 de abril de 2025 por la reunión ministerial,\n\n"
		  "1. Decide seguir ocupándose de la cuestión.\n"
		  "__________________\n"
		  "1 A/80/27.\n2 A/80/88.\n3 A/80/89.\n4 A/80/99.\n",
		  "aprobada 4 de abril de 2025 por" },
		{ "ru",
		  "Генеральная Ассамблея,\n\n"
		  "ссылаясь на доклад Конференции,1 Договор,2 свой план,3 и декларацию,\n"
		  "принятую Совещанием 4 апреля 2025 года,\n\n"
		  "1. постановляет продолжать заниматься этим вопросом.\n"
		  "__________________\n"
		  "1 A/80/27.\n2 A/80/88.\n3 A/80/89.\n4 A/80/99.\n",
		  "Совещанием 4 апреля 2025 года" },
	};
	const resdiff_unit *u;
	resdiff_doc *doc;
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		doc = test_parse_string(cases[k].text, cases[k].lang);
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
		if (!strstr(u->text, cases[k].kept))
			fail_msg("%s: \"%s\" lost its day: %s", cases[k].lang, cases[k].kept, u->text);
		assert_int_equal(u->fnref_count, 3);
		resdiff_doc_free(doc);
	}
	doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling the report of the Conference,1 the Treaty,2 its plan,3 and noting that\n"
		"the Declaration 4 may guide the work of the ministerial meeting,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 A/80/27.\n2 A/80/88.\n3 A/80/89.\n4 A/80/99.\n", "en");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "the Declaration may guide"));
	assert_int_equal(u->fnref_count, 4);
	resdiff_doc_free(doc);
}

/* "Sustainable Development Goals 2 and the targets": a plural word that
 * points ("Goals", "objetivos") needs two numbers; one alone, no list
 * going on, is the next footnote's spaced marker, with a note (found on
 * A/RES/79/43, where "5" stayed in the text). Singular "Goal 5 and target"
 * and the list "paragraphs 3 and 4" stay text. */
static void test_parse__one_number_after_a_plural_reference_is_a_marker(void **state)
{
	static const struct {
		const char *lang, *text, *want;
	} cases[] = {
		{ "en",
		  "The General Assembly,\n\n"
		  "Recalling the 2030 Agenda for Sustainable Development,1 in particular Sustainable\n"
		  "Development Goals 2 and the targets of Goal 16, and paragraphs 3 and 4 of its\n"
		  "resolution 70/1, and the Programme,3 noting that Goal 5 and target 5.1 matter,\n\n"
		  "1. Decides to remain seized of the matter.\n"
		  "__________________\n"
		  "1 Resolution 70/1.\n2 Resolution 70/1, annex.\n3 A/80/27.\n",
		  "Development Goals and the targets of Goal 16, and paragraphs 3 and 4 of its "
		  "resolution 70/1, and the Programme, noting that Goal 5 and target 5.1 matter," },
		{ "es",
		  "La Asamblea General,\n\n"
		  "Recordando la Agenda 2030 para el Desarrollo Sostenible,1 en particular los\n"
		  "Objetivos 2 y las metas del Objetivo 16, y los párrafos 3 y 4 de su resolución\n"
		  "70/1, y el Programa,3\n\n"
		  "1. Decide seguir ocupándose de la cuestión.\n"
		  "__________________\n"
		  "1 Resolución 70/1.\n2 Resolución 70/1, anexo.\n3 A/80/27.\n",
		  "los Objetivos y las metas del Objetivo 16, y los párrafos 3 y 4 de su" },
	};
	const resdiff_unit *u;
	resdiff_doc *doc;
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		doc = test_parse_string(cases[k].text, cases[k].lang);
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
		if (!strstr(u->text, cases[k].want))
			fail_msg("%s: %s", cases[k].lang, u->text);
		assert_int_equal(u->fnref_count, 3);
		assert_string_equal(u->fnrefs[1].label, "2");
		assert_int_equal(test_count_warnings(doc), 0);
		resdiff_doc_free(doc);
	}
}

/* "on Their Destruction of 1972 1 and": the next footnote's marker spaced
 * after a bare year that follows a short word is the marker, as after a
 * full date (A/RES/79/50 PP3 kept "1972 1" and "1993 2", and warned that
 * both footnotes went uncited); before a word that counts it stays text. */
static void test_parse__spaced_marker_after_a_bare_year(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Bearing in mind that the Convention on Their Destruction of 1972 1  and the\n"
		"Convention on Their Destruction of 1993 2  have established legal regimes,\n\n"
		"Noting that since 2015 3 billion people have gained access,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 United Nations, Treaty Series, vol. 1015, No. 14860.\n"
		"2 Ibid., vol. 1974, No. 33757.\n"
		"3 A/80/99.\n", "en");
	const resdiff_unit *u;
	(void)state;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "of 1972 and the Convention on Their Destruction of 1993 have"));
	assert_int_equal(u->fnref_count, 2);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_non_null(strstr(u->text, "since 2015 3 billion people"));
	assert_int_equal(u->fnref_count, 0);
	resdiff_doc_free(doc);
}

/* A paragraph number printed without its full stop, alone on its line
 * after a blank line ("3" / "Condemns …"), the next number, and no footnote
 * 3 anywhere: the label of OP3 with a note, not a footnote marker with no
 * body and its text joined to OP2 (issue 10, class AA). Out of sequence
 * ("7" after paragraph 2) it stays what it was: a marker, with warnings. */
static void test_parse__paragraph_number_without_full_stop(void **state)
{
	static const char text[] =
		"The General Assembly,\n\n"
		"Recalling its resolution 70/1,1\n\n"
		"1. Takes note of the report;\n\n"
		"2. Welcomes the efforts of the States;2\n\n"
		"3\nCondemns any attempt to deny the history;\n\n"
		"4\nAffirms its commitment to remembrance;\n\n"
		"5. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 Resolution 70/1.\n"
		"2 A/80/1.\n";
	resdiff_doc *doc = test_parse_string(text, "en");
	const resdiff_unit *u;
	(void)state;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2"));
	assert_string_equal(u->text, "Welcomes the efforts of the States;");
	assert_int_equal(u->fnref_count, 1);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP3"));
	assert_string_equal(u->text, "Condemns any attempt to deny the history;");
	assert_string_equal(u->label, "3");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP4"));
	assert_string_equal(u->text, "Affirms its commitment to remembrance;");
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP5"));
	assert_int_equal(doc->footnote_count, 2);
	assert_int_equal(test_count_warnings(doc), 0);
	assert_true(has_diag(doc, "'3' alone on its line is read as paragraph number 3"));
	resdiff_doc_free(doc);

	doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 70/1,1\n\n"
		"1. Takes note of the report;\n\n"
		"2. Welcomes the efforts of the States;\n\n"
		"7\nCondemns any attempt to deny the history;\n\n"
		"3. Decides to remain seized of the matter.\n"
		"__________________\n"
		"1 Resolution 70/1.\n", "en");
	assert_null(resdiff_doc_unit_by_id(doc, "OP7"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP3"));
	assert_true(has_diag(doc, "footnote marker 7 has no footnote text"));
	resdiff_doc_free(doc);
}

/* A number alone on its line that is taken as a marker but has no body
 * ("9" under a recital) must not stop the markers after it: "report;2"
 * and "matter.3" have their bodies and are read (issue 10, class AB). */
static void test_parse__marker_without_body_keeps_later_markers(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\n"
		"Recalling its resolution 70/1,1\n\n"
		"Noting the report of the Secretary-General,\n"
		"9\n\n"
		"1. Welcomes the report;2\n\n"
		"2. Decides to remain seized of the matter.3\n"
		"__________________\n"
		"1 Resolution 70/1.\n"
		"2 A/80/1.\n"
		"3 A/80/2.\n", "en");
	const resdiff_unit *u;
	(void)state;
	assert_true(has_diag(doc, "footnote marker 9 has no footnote text"));
	assert_false(has_diag(doc, "is not cited"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_string_equal(u->text, "Welcomes the report;");
	assert_int_equal(u->fnref_count, 1);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2"));
	assert_string_equal(u->text, "Decides to remain seized of the matter.");
	assert_int_equal(u->fnref_count, 1);
	resdiff_doc_free(doc);
}

/* All 28 Russian sub-letters "а)" … "я)": past the 26th the id doubles
 * its letter as UN texts do after (z): "ю)" is (aa), "я)" (bb), never
 * the characters after "z". */
static void test_parse__sub_letters_past_z(void **state)
{
	static const char *const letters[] = { "а", "б", "в", "г", "д", "е", "ж", "з", "и",
		"к", "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ",
		"э", "ю", "я" };
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_doc *doc;
	const resdiff_unit *u;
	size_t i;

	resdiff_buf_puts(&b, "Генеральная Ассамблея,\n\nссылаясь на свою резолюцию,\n\n"
		"1. постановляет:\n\n");
	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		resdiff_buf_printf(&b, "%s) пункт номер %zu;\n\n", letters[i], i + 1);
	doc = test_parse_string(b.ptr, "ru");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(z)"));
	assert_string_equal(u->text, "пункт номер 26;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(aa)"));
	assert_string_equal(u->label, "ю)");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(bb)"));
	assert_string_equal(u->label, "я)");
	assert_null(resdiff_doc_unit_by_id(doc, "OP1({)"));
	assert_int_equal(doc->diag_count, 0); /* (aa) follows (z) as it should */
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&b);
}

/* ---- declarations and articles (issue 12) ---- */

/* The Universal Declaration in the six languages (tests/data/udhr, one
 * line per paragraph): the same ids in each, the chapeau and the title
 * in the metadata, nothing left over. */
static void test_parse__udhr_six_languages(void **state)
{
	static const struct {
		const char *lang, *chapeau, *title, *art1;
		size_t pp;
	} c[] = {
		{ "ar", "فإن الجمعية العامة", "الإعلان العالمي لحقوق الإنسان", "المادة 1", 6 },
		{ "en", "The General Assembly", "Universal Declaration of Human Rights", "Article 1", 7 },
		{ "es", "La Asamblea General", "Declaración Universal de Derechos Humanos", "Artículo 1", 7 },
		{ "fr", "L’Assemblée générale", "Déclaration universelle des droits de l’homme",
		  "Article premier", 7 },
		{ "ru", "Генеральная Ассамблея,", "Всеобщая декларация прав человека", "Статья 1", 7 },
		{ "zh", "大会,", "世界人权宣言", "第一条", 7 },
	};
	/* paragraphs per article, the same in every version */
	static const int paras[30] = { 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 2, 2, 3, 2, 1, 1, 2,
		3, 1, 4, 1, 2, 3, 2, 1, 3, 1 };
	size_t i, k, u;
	char path[64], id[32];

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		resdiff_doc *doc;
		snprintf(path, sizeof(path), "tests/data/udhr/udhr_%s.txt", c[i].lang);
		doc = test_parse_source(path, NULL);
		assert_string_equal(doc->meta.language, c[i].lang);
		assert_string_equal(doc->meta.chapeau, c[i].chapeau);
		assert_string_equal(doc->meta.title, c[i].title);
		assert_string_equal(doc->meta.body, "GA");
		/* the "Preamble" heading, the recitals, the proclamation */
		assert_string_equal(doc->units[0].id, "H1");
		for (k = 1; k <= c[i].pp; k++) {
			snprintf(id, sizeof(id), "PP%zu", k);
			assert_string_equal(doc->units[k].id, id);
			assert_int_equal(doc->units[k].kind, RESDIFF_UNIT_PREAMBLE);
		}
		u = k;
		assert_string_equal(doc->units[u].id, "OP1");
		assert_int_equal(doc->units[u].kind, RESDIFF_UNIT_OPERATIVE);
		assert_string_equal(doc->units[u].label, "");
		assert_null(strstr(doc->units[u].text, c[i].chapeau));
		u++;
		for (k = 1; k <= 30; k++) {
			int p;
			snprintf(id, sizeof(id), "ART%zu", k);
			assert_string_equal(doc->units[u].id, id);
			assert_int_equal(doc->units[u].kind, RESDIFF_UNIT_ARTICLE);
			if (k == 1)
				assert_string_equal(doc->units[u].text, c[i].art1);
			u++;
			for (p = 1; p <= paras[k - 1]; p++, u++) {
				snprintf(id, sizeof(id), "ART%zu.%d", k, p);
				assert_string_equal(doc->units[u].id, id);
				assert_int_equal(doc->units[u].kind, RESDIFF_UNIT_PARAGRAPH);
				assert_true(resdiff_unit_is_operative(&doc->units[u]));
			}
		}
		assert_int_equal(u, doc->unit_count);
		if (doc->diag_count)
			fail_msg("%s: %s", path, doc->diags[0].message);
		resdiff_doc_free(doc);
	}
}

/* Article headings in every language's form, in a hard-wrapped text with
 * blank lines between paragraphs, and the heading's number as printed. */
static void test_parse__article_headings(void **state)
{
	static const struct {
		const char *text, *lang, *id;
	} c[] = {
		{ "Article premier", "fr", "ART1" },
		{ "Article 12", "en", "ART12" },
		{ "ARTICLE 12", "en", "ART12" },
		{ "Article 12.", "en", "ART12" },
		{ "Article 12 – Definitions", "en", "ART12" },
		{ "Artículo 7", "es", "ART7" },
		{ "Статья 30", "ru", "ART30" },
		{ "المادة ١٢", "ar", "ART12" },
		{ "المادة 3", "ar", "ART3" },
		{ "第二十一条", "zh", "ART21" },
		{ "第十条", "zh", "ART10" },
		{ "Article IV", "en", "ART4" },
	};
	size_t i;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char text[512];
		resdiff_doc *doc;
		const resdiff_unit *a, *p;
		char pid[40];
		snprintf(text, sizeof(text), "Title of the convention\n\nWhereas the parties agree,\n\n"
			"%s\n\nThe parties shall cooperate in\ngood faith.\n\nThey shall report.\n", c[i].text);
		doc = test_parse_string(text, c[i].lang);
		a = resdiff_doc_unit_by_id(doc, c[i].id);
		if (!a)
			fail_msg("'%s': no %s", c[i].text, c[i].id);
		assert_int_equal(a->kind, RESDIFF_UNIT_ARTICLE);
		assert_string_equal(a->text, c[i].text);
		snprintf(pid, sizeof(pid), "%s.1", c[i].id);
		assert_non_null(p = resdiff_doc_unit_by_id(doc, pid));
		assert_string_equal(p->text, "The parties shall cooperate in good faith.");
		snprintf(pid, sizeof(pid), "%s.2", c[i].id);
		assert_non_null(resdiff_doc_unit_by_id(doc, pid));
		resdiff_doc_free(doc);
	}
}

/* A wrapped line that starts with "Article 5 of …" is text, not a heading;
 * numbered article paragraphs keep their numbers; articles in an annex
 * take its prefix; a number out of order is said. */
static void test_parse__article_paragraph_ids(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"The General Assembly,\n\nRecalling the Charter of the United\nNations,\n\n"
		"1. Adopts the Convention annexed to the\npresent resolution;\n\n"
		"Annex\n\nConvention on things\n\nArticle 1\n\n1. Each State shall act under\n"
		"article 5 of the Charter.\n\n2. Each State shall report\nto the others:\n\n"
		"(a) yearly and in\nwriting;\n\n(b) on request of the\nothers.\n\n"
		"Article 3\n\nNothing here is to\nbe read otherwise.\n", "en");
	const resdiff_unit *u;
	bool jump = false;
	size_t i;
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-ART1.1"));
	assert_string_equal(u->label, "1.");
	assert_string_equal(u->text, "Each State shall act under article 5 of the Charter.");
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-ART1.2"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "ANNEX1-ART1.2(b)"));
	assert_int_equal(u->kind, RESDIFF_UNIT_SUBPARAGRAPH);
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-ART3.1"));
	assert_null(resdiff_doc_unit_by_id(doc, "ART5"));
	for (i = 0; i < doc->diag_count; i++)
		jump |= strstr(doc->diags[i].message, "article numbers jump from 1 to 3") != NULL;
	assert_true(jump);
	resdiff_doc_free(doc);
}

/* One line per paragraph, no blank line between (text copied from a web
 * page): every line that ends a clause ends its paragraph, a line that
 * does not goes on, and a recital opener starts one even after "; и". */
static void test_parse__one_line_per_paragraph(void **state)
{
	static const char ru[] =
		"Декларация о чём-то важном\n"
		"Принимая во внимание, что все государства должны содействовать развитию дружественных "
		"отношений между народами и укреплению всеобщего мира на основе равноправия; и\n"
		"принимая во внимание, что народы Объединенных Наций подтвердили в Уставе свою веру в "
		"основные права человека и в достоинство и ценность человеческой личности; и\n"
		"принимая во внимание, что государства-члены обязались содействовать всеобщему уважению "
		"прав человека и основных свобод в сотрудничестве с Организацией,\n"
		"Генеральная Ассамблея\n"
		"провозглашает настоящую Декларацию\n"
		"в качестве задачи, к выполнению которой должны стремиться все народы и государства.\n"
		"Статья 1\n"
		"Все люди рождаются свободными и равными в своем достоинстве и правах, и все они должны "
		"поступать в отношении друг друга в духе братства и взаимного уважения.\n"
		"Каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность, и это "
		"право охраняется законом во всех государствах без какого бы то ни было различия.\n";
	resdiff_doc *doc = test_parse_string(ru, NULL);
	const resdiff_unit *op;
	assert_string_equal(doc->meta.title, "Декларация о чём-то важном");
	assert_string_equal(doc->meta.chapeau, "Генеральная Ассамблея");
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 3);
	assert_non_null(op = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_string_equal(op->text, "провозглашает настоящую Декларацию в качестве задачи, к "
		"выполнению которой должны стремиться все народы и государства.");
	assert_non_null(resdiff_doc_unit_by_id(doc, "ART1.1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ART1.2"));
	assert_int_equal(doc->unit_count, 7);
	resdiff_doc_free(doc);
}

/* A short recital that ends without a clause mark (", и" where the
 * others end "; и") is a recital, not a heading: found by diffing an
 * edited copy of the Russian UDHR, where it came out dropped + added. */
static void test_parse__short_recital_is_no_heading(void **state)
{
	static const char ru[] =
		"Декларация о чём-то важном\n"
		"Принимая во внимание, что все государства должны содействовать развитию дружественных "
		"отношений между народами и укреплению всеобщего мира на основе равноправия; и\n"
		"принимая во внимание, что необходимо содействовать развитию отношений, и\n"
		"принимая во внимание, что государства-члены обязались содействовать всеобщему уважению "
		"прав человека и основных свобод в сотрудничестве с Организацией,\n"
		"Генеральная Ассамблея\n"
		"провозглашает настоящую Декларацию.\n"
		"Статья 1\n"
		"Все люди рождаются свободными и равными в своем достоинстве и правах.\n";
	resdiff_doc *doc = test_parse_string(ru, NULL);
	const resdiff_unit *pp;
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 3);
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_HEADING), 0);
	assert_non_null(pp = resdiff_doc_unit_by_id(doc, "PP2"));
	assert_string_equal(pp->text, "принимая во внимание, что необходимо содействовать развитию "
		"отношений, и");
	resdiff_doc_free(doc);
}

/* "12 - text" numbers a paragraph in any language, not in Arabic only;
 * a line that wraps onto a year ("2014 - 2015"), a range ("12 - 15 juin")
 * or a number mid-sentence stays in its paragraph. */
static void test_parse__dash_paragraph_numbers_in_any_language(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"L'Assemblée générale,\n\n"
		"Rappelant sa résolution 70/1 et les textes adoptés pour l'exercice biennal\n"
		"2014 - 2015, ainsi que ses décisions antérieures,\n\n"
		"1 - Décide de tenir une réunion du 10 au\n"
		"12 - 15 juin s'il y a lieu, au Siège ;\n\n"
		"2 - Prie le Secrétaire général de lui faire rapport sur le paragraphe\n"
		"12 - tel qu'il a été modifié - à sa prochaine session ;\n\n"
		"3 – Décide de rester saisie de la question.\n", "fr");
	const resdiff_unit *u;
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_PREAMBLE), 1);
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), 3);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "biennal 2014 - 2015, ainsi"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
	assert_string_equal(u->label, "1 -");
	assert_string_equal(u->text, "Décide de tenir une réunion du 10 au 12 - 15 juin s'il y a lieu, au Siège ;");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2"));
	assert_non_null(strstr(u->text, "paragraphe 12 - tel"));
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP3"));
	assert_string_equal(u->label, "3 -");
	assert_null(resdiff_doc_unit_by_id(doc, "OP12"));
	resdiff_doc_free(doc);
}

/* The chapeau inside the formula ("因此现在,大会,发布…") goes to the
 * metadata and the formula stays the operative part. */
static void test_parse__chapeau_inside_the_formula(void **state)
{
	resdiff_doc *doc = test_parse_string("某某宣言\n\n鉴于各国应当合作,\n\n鉴于各国应当报告,\n\n"
		"因此现在,大会,发布这一宣言,作为共同标准;\n\n第一条\n\n人人平等。\n", "zh");
	const resdiff_unit *op = resdiff_doc_unit_by_id(doc, "OP1");
	assert_string_equal(doc->meta.chapeau, "大会,");
	assert_non_null(op);
	assert_string_equal(op->text, "因此现在,发布这一宣言,作为共同标准;");
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP2"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "ART1.1"));
	resdiff_doc_free(doc);
}

/* ---- bad input ---- */

static int parse_bytes(resdiff_doc **doc, const char *text, size_t len)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	opts.source = "bad.txt";
	return resdiff_parse(doc, text, len, &opts);
}

/* Characters of one to four bytes reach the clause whole (the spacing
 * pass copies each itself). */
static void test_parse__characters_of_every_width_kept(void **state)
{
	resdiff_doc *doc = NULL;
	const char text[] = "The General Assembly,\n\n1. Decides a \xC3\xA9 x \xE4\xB8\xAD y "
		"\xF0\x9F\x98\x80 z \xF0\xA0\x80\x80;\n";
	size_t i;
	bool found = false;

	(void)state;
	assert_int_equal(parse_bytes(&doc, text, sizeof(text) - 1), 0);
	for (i = 0; i < doc->unit_count; i++)
		if (doc->units[i].text && strstr(doc->units[i].text, "Decides a \xC3\xA9 x")) {
			assert_non_null(strstr(doc->units[i].text, "\xE4\xB8\xAD"));
			assert_non_null(strstr(doc->units[i].text, "\xF0\x9F\x98\x80 z"));
			assert_non_null(strstr(doc->units[i].text, "\xF0\xA0\x80\x80;"));
			found = true;
		}
	assert_true(found);
	resdiff_doc_free(doc);
}

/* The count of visible characters (the layout's line widths) takes
 * the common ideographs by their bytes: every code point counts as the
 * predicates say, next to ASCII and to an ideograph. */
static void test_parse__visible_chars_of_every_code_point(void **state)
{
	uint32_t cp;

	(void)state;
	for (cp = 1; cp <= 0x10FFFF; cp++) {
		char text[16];
		size_t n, len, want;
		/* ASCII: all but space and tab (the lines hold no other) */
		bool cjk, visible = cp < 0x80 ? cp != ' ' && cp != '\t' : !resdiff_text_is_space(cp);
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		text[0] = 'a';
		len = 1 + resdiff_utf8_encode(text + 1, cp);
		memcpy(text + len, "\xE4\xB8\xAD", 3);  /* 中 */
		len += 3;
		n = parse_visible_chars(text, len, &cjk);
		want = 2 + visible;
		if (n != want || cjk != ((size_t)(1 + (visible && resdiff_text_is_cjk(cp))) * 2 > want))
			fail_msg("U+%04X: %zu visible (want %zu), cjk %d", (unsigned)cp, n, want, cjk);
	}
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

/* UTF-16 and UTF-32 text was reported as "NUL byte": the encoding is
 * named, by its byte-order mark or by the NULs beside ASCII letters. */
static void test_parse__wide_encodings_are_named(void **state)
{
	static const struct { const char *text; size_t len; const char *want; } cases[] = {
		{ "\xFF\xFEH\0e\0l\0l\0o\0", 12, "UTF-16 encoded (little-endian); convert to UTF-8 "
			"(iconv -f UTF-16LE -t UTF-8)" },
		{ "\xFE\xFF\0H\0e", 6, "UTF-16 encoded (big-endian)" },
		{ "T\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l\0", 22, "UTF-16 encoded (little-endian)" },
		{ "\0T\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l", 22, "UTF-16 encoded (big-endian)" },
		{ "\xFF\xFE\0\0H\0\0\0", 8, "UTF-32 encoded (little-endian)" },
		{ "T\0\0\0h\0\0\0e\0\0\0 \0\0\0", 16, "UTF-32 encoded (little-endian)" },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resdiff_doc *doc = NULL;
		assert_int_equal(parse_bytes(&doc, cases[i].text, cases[i].len), RESDIFF_EINVALID);
		assert_null(doc);
		if (!strstr(resdiff_error_last(), cases[i].want) || !strstr(resdiff_error_last(), "bad.txt"))
			fail_msg("case %zu: %s", i, resdiff_error_last());
	}
	(void)state;
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

/* A paragraph of many short lines over the clause limit: refused at parse
 * time with its line, not later by the aligner with no name at all. */
static void test_parse__huge_paragraph_refused(void **state)
{
	static const char head[] = "The General Assembly,\n\n1. Decides";
	static const char tail[] = "\n\n2. Requests a report.\n";
	size_t line = 64u * 1024, lines = RESDIFF_PARSE_MAX_UNIT / line + 2, n, i;
	char *text, *p;
	resdiff_doc *doc = NULL;
	(void)state;
	n = sizeof(head) - 1 + lines * line + sizeof(tail) - 1;
	assert_non_null(text = malloc(n + 1));
	p = text;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	for (i = 0; i < lines; i++, p += line) {
		memset(p, 'a', line);
		p[0] = '\n';
		for (size_t k = 8; k < line; k += 8)
			p[k] = ' ';
	}
	memcpy(p, tail, sizeof(tail));
	assert_int_equal(parse_bytes(&doc, text, n), RESDIFF_ETOOBIG);
	assert_non_null(strstr(resdiff_error_last(), "line 3: paragraph OP1 is longer than 8 MiB"));
	assert_null(doc);
	/* one line under the limit parses */
	text[sizeof(head) - 1 + (lines - 10) * line] = '\0';
	assert_int_equal(parse_bytes(&doc, text, strlen(text)), 0);
	resdiff_doc_free(doc);
	free(text);
}

/* A text whose script is not its language's, or in a language resdiff
 * does not read, says so (check counts it) instead of parsing silently
 * as something else. */
static void test_parse__language_doubted_aloud(void **state)
{
	static const char de[] =
		"Die Generalversammlung,\n\n"
		"unter Hinweis auf ihre Resolution 74/197 vom 19. Dezember 2019 \u00fcber Informations- und "
		"Kommunikationstechnologien f\u00fcr nachhaltige Entwicklung sowie auf ihre fr\u00fcheren "
		"Resolutionen zu dieser Frage,\n\n"
		"in Anerkennung der Tatsache, dass die Informations- und Kommunikationstechnologien neue "
		"Chancen und Herausforderungen mit sich bringen und dass es dringend notwendig ist, die "
		"gr\u00f6\u00dften Hindernisse zu beseitigen,\n\n"
		"1. fordert alle Interessentr\u00e4ger auf, die Entwicklungsl\u00e4nder weiterhin bei der "
		"Nutzung der Informations- und Kommunikationstechnologien zu unterst\u00fctzen;\n\n"
		"2. ersucht den Generalsekret\u00e4r, ihr auf ihrer sechsundsiebzigsten Tagung einen "
		"Bericht \u00fcber die Durchf\u00fchrung dieser Resolution vorzulegen.\n";
	resdiff_doc *doc = NULL;
	size_t i;
	bool found = false;
	(void)state;
	assert_int_equal(parse_bytes(&doc, de, strlen(de)), 0);
	for (i = 0; i < doc->diag_count; i++)
		found |= strstr(doc->diags[i].message, "no common word of any language of the Latin script") != NULL;
	assert_true(found);
	resdiff_doc_free(doc);
	/* English given as Arabic */
	doc = test_parse_source("tests/data/en/A_80_L.2.txt", "ar");
	assert_true(doc->diag_count > 0);
	assert_non_null(strstr(doc->diags[0].message,
		"written in Latin script, not in the Arabic script of Arabic"));
	resdiff_doc_free(doc);
	/* and the right language, given or guessed, says nothing (every
	 * corpus and tests/data/en text: test_parse__unit_counts) */
	doc = test_parse_source("tests/data/en/A_80_L.2.txt", "en");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
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

/* The reader gives back every byte of a file whatever its size (one
 * buffer of the file's size, or chunks for a pipe), NUL terminated, and
 * takes a file of exactly RESDIFF_PARSE_MAX_INPUT bytes but not one more. */
static void test_parse__file_read_whole(void **state)
{
	static const size_t sizes[] = { 0, 1, 65535, 65536, 65537, 131071, 200003 };
	char *dir = test_tmpdir(), path[512], *text = NULL;
	size_t len, i, k;
	FILE *f;
	snprintf(path, sizeof(path), "%s/f.txt", dir);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		f = fopen(path, "wb");
		assert_non_null(f);
		for (k = 0; k < sizes[i]; k++)
			fputc('a' + (int)(k % 23), f);
		fclose(f);
		assert_int_equal(resdiff_file_read(&text, &len, path), 0);
		assert_int_equal(len, sizes[i]);
		for (k = 0; k < len; k++)
			if (text[k] != 'a' + (int)(k % 23))
				fail_msg("size %zu: byte %zu", sizes[i], k);
		assert_int_equal(text[len], '\0');
		free(text);
		/* the same bytes through a pipe: no size known in advance */
		snprintf(path, sizeof(path), "%s/fifo", dir);
		assert_int_equal(test_system("mkfifo '%s' && (cat '%s/f.txt' > '%s' &)", path, dir, path), 0);
		assert_int_equal(resdiff_file_read(&text, &len, path), 0);
		assert_int_equal(len, sizes[i]);
		for (k = 0; k < len; k++)
			if (text[k] != 'a' + (int)(k % 23))
				fail_msg("pipe, size %zu: byte %zu", sizes[i], k);
		assert_int_equal(text[len], '\0');
		free(text);
		unlink(path);
		snprintf(path, sizeof(path), "%s/f.txt", dir);
	}
	for (k = 0; k < 2; k++) {
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fseek(f, (long)RESDIFF_PARSE_MAX_INPUT + (long)k - 1, SEEK_SET), 0);
		fputc('\n', f);
		fclose(f);
		text = NULL;
		assert_int_equal(resdiff_file_read(&text, &len, path), k ? RESDIFF_ETOOBIG : 0);
		if (!k)
			assert_int_equal(len, RESDIFF_PARSE_MAX_INPUT);
		free(text);
	}
	unlink(path);
	rmdir(dir);
	free(dir);
}

static size_t parse_work(const char *text, size_t len);

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
	/* 360 000 lines of page debris, parsed right; and the parser's step
	 * count (resdiff_parse_traced) per byte must stay flat from a quarter
	 * of it: a time would bound nothing on a shared machine */
	resdiff_buf small = RESDIFF_BUF_INIT, big = RESDIFF_BUF_INIT;
	resdiff_doc *doc = NULL;
	double per_byte_small, per_byte_big;

	debris_text(&small, 2250);
	debris_text(&big, 9000);
	assert_int_equal(parse_bytes(&doc, big.ptr, big.size), 0);
	assert_int_equal(test_count_kind(doc, RESDIFF_UNIT_OPERATIVE), 9000);
	assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP7")->text, "Summit and of the follow-up;"));
	assert_null(strstr(resdiff_doc_unit_by_id(doc, "OP7")->text, "Short title"));
	resdiff_doc_free(doc);
	per_byte_small = (double)parse_work(small.ptr, small.size) / (double)small.size;
	per_byte_big = (double)parse_work(big.ptr, big.size) / (double)big.size;
	if (per_byte_big > per_byte_small * 1.25)
		fail_msg("%.3f parser steps a byte at %zu bytes, %.3f at %zu: not linear", per_byte_small,
			small.size, per_byte_big, big.size);
	resdiff_buf_dispose(&small);
	resdiff_buf_dispose(&big);
}

/* ---- classes found on unseen English texts (issue 10) ---- */

static size_t count_level(const resdiff_doc *doc, resdiff_diag_level level)
{
	size_t i, n = 0;
	for (i = 0; i < doc->diag_count; i++)
		n += doc->diags[i].level == level;
	return n;
}

static void assert_fnrefs(const resdiff_doc *doc, const char *id, const char *labels)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, id);
	char got[64] = "";
	size_t k;
	assert_non_null(u);
	for (k = 0; k < u->fnref_count; k++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", k ? " " : "",
			u->fnrefs[k].label);
	if (strcmp(got, labels))
		fail_msg("%s: footnote markers '%s', want '%s'", id, got, labels);
}

/* A number in running text is not taken for a footnote marker when it
 * reads as a paragraph or article number, when the label stands glued to a
 * word later before the footnote ("paragraph 3 … Agreement,3"), or when a
 * word follows it ("5 billion": kept, with a note). */
static void test_parse__number_that_is_not_the_marker_stays(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/marker_after_a_number.en.txt", NULL);
	test_assert_unit_text(doc, "PP2", "Recalling also paragraph 3 of its resolution 72/279 and the "
		"Paris Agreement, adopted under the Convention, which entered into force on 4 November 2016,");
	assert_fnrefs(doc, "PP2", "2 3");
	test_assert_unit_text(doc, "PP3", "Noting the report of the Special Rapporteur 4 years after "
		"the adoption of the Declaration,");
	assert_fnrefs(doc, "PP3", "4");
	test_assert_unit_text(doc, "PP4", "Recognizing that in the Least Developed Countries 5 billion "
		"dollars are still needed, as set out in the Addis Ababa Action Agenda and in article 6 of "
		"the Convention,");
	assert_fnrefs(doc, "PP4", "5 6");
	/* a number after a part of a document symbol is part of it */
	test_assert_unit_text(doc, "PP5", "Taking note of the corrigendum E/2012/31/Corr.1 to its report "
		"and of document A/70/1/Add.1 and Add.2,");
	assert_fnrefs(doc, "PP5", "");
	/* the one unsure number is a note, not a warning */
	assert_int_equal(count_level(doc, RESDIFF_DIAG_WARNING), 0);
	assert_int_equal(count_level(doc, RESDIFF_DIAG_NOTE), 1);
	assert_non_null(strstr(doc->diags[0].message, "the number 5 after \"Countries\""));
	assert_int_equal(doc->diags[0].line, 20);
	resdiff_doc_free(doc);
}

/* A footnote body that wraps onto a line starting with a sales number or
 * a symbol stays in its footnote, not in the paragraph after the page
 * break. */
static void test_parse__footnote_wraps_onto_a_sales_number(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/footnote_wraps_onto_a_sales_number.en.txt", NULL);
	test_assert_unit_text(doc, "OP2", "Requests the Secretary-General to report to it at its next "
		"session on the implementation of the present resolution;");
	assert_string_equal(resdiff_doc_footnote(doc, "2")->text, "Report of the International "
		"Conference on Population and Development, Cairo, 5–13 September 1994 (United Nations "
		"publication, Sales No. E.95.XIII.18), chap. I, resolution 1, annex.");
	assert_non_null(strstr(resdiff_doc_footnote(doc, "1")->text, "1995. A/CONF.177/20/Rev.1, chap. I"));
	/* a list of references goes on after a semicolon; "New York,\n17
	 * March" is no footnote 17; "2024–\n2034" is one range */
	assert_string_equal(resdiff_doc_footnote(doc, "3")->text, "Official Records of the Economic "
		"and Social Council, 2011, Supplement No. 11 (E/2011/31); ibid., 2012, Supplement No. 11 "
		"(E/2012/31).");
	assert_non_null(strstr(resdiff_doc_footnote(doc, "4")->text, "New York, 17 March 2022, and Doha"));
	assert_int_equal(doc->footnote_count, 4);
	test_assert_unit_text(doc, "OP1", "Decides to keep the matter under review during the Decade 2024–2034;");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* A wrapped line that starts with a date ("18 December 1991, 50/6 of") is
 * text, not a footnote body, in the text and inside a footnote zone; a
 * cluster of labelled lines that does not carry on the numbering is text;
 * a line that carries on a paragraph at a page's foot stays in it though
 * it is a piece of the title (found on unseen texts: A/C.2/80/L.10 and
 * two others lost whole paragraphs into footnotes "18" and "19"). */
static void test_parse__date_at_line_start_is_text(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/date_at_line_start.en.txt", NULL);
	test_assert_unit_text(doc, "PP1", "Recalling its resolutions 40/1 of 2 December 1985, 42/7 of "
		"12 December 1987, 44/9 of 11 December 1989, 46/3 of 10 December 1990, 48/2 of "
		"18 December 1991, 50/6 of 7 December 1995, 52/8 of 9 December 1997, 54/4 of "
		"1 December 1999, 56/5 of 6 December 2001, 58/1 of 3 December 2003 and 60/2 of "
		"19 December 2005,");
	test_assert_unit_text(doc, "PP2", "Recalling also the Declaration on the Right to Development, "
		"which sets out the principles of international cooperation,");
	test_assert_unit_text(doc, "PP3", "Reaffirming the Convention on the Protection of Constructed "
		"Texts of Every Kind and on Their Testing, and the report of the Secretary-General,");
	assert_int_equal(doc->footnote_count, 2);
	assert_string_equal(resdiff_doc_footnote(doc, "2")->text, "Report of the Meeting of Experts, "
		"held in Geneva from 1 to 3 December 2029 (A/99/2).");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);

	doc = test_parse_source("tests/data/parse-classes/numbers_at_line_start.en.txt", NULL);
	test_assert_unit_text(doc, "PP1", "Recalling the items on its agenda, of which item 12 concerns "
		"water and item 13 sanitation,");
	test_assert_unit_text(doc, "PP2", "Recalling also the report of the Secretary-General,");
	assert_int_equal(doc->footnote_count, 2);
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* A line at the head of a page that carries on the paragraph across the
 * page break (the line before the break ends no clause, a footnote zone
 * between) and opens with a small letter stays in the paragraph though it
 * is a piece of the title; a running title wrapped over two lines in a
 * page head, its second line opening with a small letter, is still
 * furniture (found on unseen text: A/80/L.26 OP1 lost a line). */
static void test_parse__title_piece_after_a_page_break_is_text(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/title_piece_after_a_page_break.en.txt", NULL);
	(void)state;
	test_assert_unit_text(doc, "OP1", "Welcomes the report of the Secretary-General on the presence "
		"and activities of the United Nations, other international organizations and third States "
		"in constructed territories, and takes note of its recommendations;");
	test_assert_unit_text(doc, "OP2", "Requests the Secretary-General to report on the obligations "
		"of States in relation to the presence of the United Nations at its hundredth session.");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* When wrapped lines that start with numbers are still read as footnotes
 * (they carry on the numbering), the diagnostics say which lines left the
 * paragraphs; a gap before the first footnote names no footnote 0. */
static void test_parse__text_read_as_footnote_is_reported(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling the items on its agenda,1 of which item\n"
		"2 concerns water and item\n"
		"3 sanitation,\n\n"
		"Noting the report,4\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n"
		"1 A/99/1.\n\n"
		"4 A/99/4.\n", "en");
	assert_true(has_diag(doc, "lines 4 to 4 were read as the text of footnote 2, which nothing "
		"cites: if they belong to a paragraph, they are missing from it"));
	assert_true(has_diag(doc, "lines 5 to 5 were read as the text of footnote 3"));
	resdiff_doc_free(doc);

	doc = test_parse_string("The General Assembly,\n\n"
		"Noting the report,5\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n"
		"5 A/99/5.\n", "en");
	assert_true(has_diag(doc, "footnote 1 is missing: the first numbered footnote is 5"));
	assert_false(has_diag(doc, "from 0"));
	resdiff_doc_free(doc);
}

/* A digit after a capital letter and a full stop is part of a document
 * symbol ("GC(99)/RES/9 A.2", "annex B.4"), never a footnote marker; the
 * real markers after it are taken (found on unseen texts: A/RES/80/7 OP2
 * lost the "2" and "3" of "A.2" and "A.3" and kept its real markers, and
 * `check` found nothing). */
static void test_parse__symbol_keeps_its_digits(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/symbol_letter_before_number.en.txt", NULL);
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, "OP1");
	test_assert_unit_text(doc, "OP1", "Takes note of resolutions GC(99)/RES/9 A.2, entitled “Support "
		"to the Campaign”, and GC(99)/RES/9 A.3, entitled “Zoonotic Disease Action”, and of annex "
		"B.4 to document GC(99)/5, adopted by the General Conference at its session held from 15 "
		"to 19 September 2029; and of the statements with regard to agenda item 8 entitled "
		"“Elections”; item 15 entitled “Cooperation”;");
	assert_int_equal(u->fnref_count, 2);
	assert_string_equal(u->fnrefs[0].label, "2");
	assert_string_equal(u->fnrefs[1].label, "3");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* A label glued after a number ("2029;2") that stays text because its
 * footnote was cited before is reported: one of the two places is wrong. */
static void test_parse__marker_cited_twice_is_reported(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling the Agreement,1 and the Convention,2\n\n"
		"1. Takes note of the session held from 15 to 19 September 2029;2 and of the statements;\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n", "en");
	assert_true(has_diag(doc, "the number 2 after \"September 2029;\" stays in the text, though it "
		"stands like the marker of footnote 2, which was taken from line 3 before: one of the two "
		"is not its marker"));
	resdiff_doc_free(doc);
}

/* A reference word that ends a title ("Programme of Action 3 and") names
 * a document: the next footnote's number after it is its marker; after a
 * word that points ("the provisions of Article 5") it stays text (found on
 * unseen texts: A/RES/80/10 PP3 kept "Programme of Action 9 and"). */
static void test_parse__marker_after_a_title(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/marker_after_a_title.en.txt", NULL);
	test_assert_unit_text(doc, "PP1", "Recalling the Universal Declaration of Human Rights, the "
		"Beijing Declaration and Platform for Action, the Durban Declaration and Programme of "
		"Action and the Programme of Action of the International Conference on Population and "
		"Development,");
	test_assert_unit_text(doc, "PP2", "Recalling also the provisions of Article 5 and the purposes "
		"of the Charter of the United Nations,");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP1")->fnref_count, 4);
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* A marker glued to the year of a date ("16 September 20295") is the next
 * footnote's, and the markers after it resolve (found on unseen texts:
 * A/C.1/80/L.22 kept "20055", "2006,6" and "79/42,7" and merged three
 * paragraphs). A five-digit number after a month stays when it is not the
 * next footnote. */
static void test_parse__marker_glued_to_a_date(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling the Convention,1\n\n"
		"Recalling also the Summit held on 16 September 20292 and the Strategy of\n"
		"8 September 2030,3\n\n"
		"Noting the meeting of 3 March 20299 and the report,4\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n\n3 A/99/3.\n\n4 A/99/4.\n", "en");
	test_assert_unit_text(doc, "PP2", "Recalling also the Summit held on 16 September 2029 and the "
		"Strategy of 8 September 2030,");
	test_assert_unit_text(doc, "PP3", "Noting the meeting of 3 March 20299 and the report,");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP2")->fnref_count, 2);
	resdiff_doc_free(doc);
}

/* Class AD (docs/HELDOUT.md, ninth set): the marker glued to a year after
 * a short lower-case word, when that word ends the line before and the
 * year opens its line ("… the Tribunal for" / "20294 and"), is taken as it
 * is on one line ("for 20294 and"); a year after a reference word on the
 * line before stays a number (found on unseen text: A/C.5/80/L.13 kept
 * "20244" in its paragraph 7). */
static void test_parse__marker_glued_to_a_year_at_a_line_start(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Having considered the report,1\n\n"
		"1. Decides to credit the share reported for the Tribunal for\n"
		"20292 and detailed in the annex;\n\n"
		"2. Recalls its resolution\n"
		"20293 and the annex thereto.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n", "en");
	test_assert_unit_text(doc, "OP1", "Decides to credit the share reported for the Tribunal for "
		"2029 and detailed in the annex;");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "OP1")->fnref_count, 1);
	test_assert_unit_text(doc, "OP2", "Recalls its resolution 20293 and the annex thereto.");
	resdiff_doc_free(doc);
	(void)state;
}

/* Class AH (docs/HELDOUT.md, tenth set): a number glued after a dotted
 * number ("indicator 5.4.1, and", "target 5.4 and") goes on the number
 * unless the sentence ends after it; the digit stays, a note says so when
 * it could have been the next marker, and the marker is found where it
 * stands ("Action 1 and"). After a full stop that ends a sentence
 * ("… 2030.2" at a paragraph's end) a glued number is still the marker
 * (found on unseen text: A/C.2/80/L.30 lost the "1" of "5.4.1"). */
static void test_parse__number_glued_after_a_dotted_number(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling target 4.2 and indicator 4.2.1, and the Plan of Action 1 and its review,\n\n"
		"Noting the period 2021\u20132030.2\n\n"
		"1. Decides to review indicator 3.1 and\n"
		"3.1.2 in 2027.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n", "en");
	test_assert_unit_text(doc, "PP1", "Recalling target 4.2 and indicator 4.2.1, and the Plan of "
		"Action and its review,");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP1")->fnref_count, 1);
	test_assert_unit_text(doc, "PP2", "Noting the period 2021\u20132030.");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP2")->fnref_count, 1);
	test_assert_unit_text(doc, "OP1", "Decides to review indicator 3.1 and 3.1.2 in 2027.");
	assert_true(has_diag(doc, "\"2.1\" stays in the text"));
	resdiff_doc_free(doc);
	(void)state;
}

/* Class AI (docs/HELDOUT.md, tenth set, found on a constructed example
 * while fixing AH): a title that ends in a reference word may break
 * before that word ("Programme of" / "Action 2 and"); the number after it
 * is the marker as when the title stands on one line, while a reference
 * word opening its line after a line that ends no title ("provisions of"
 * / "Article 3 and") still points. */
static void test_parse__spaced_marker_after_a_title_across_lines(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling the Beijing Declaration and Platform for Action,1 the Durban\n"
		"Declaration and Programme of\n"
		"Action 2 and the outcome of the review, and the provisions of\n"
		"Article 3 and the purposes of the Charter,\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n\n3 A/99/3.\n", "en");
	test_assert_unit_text(doc, "PP1", "Recalling the Beijing Declaration and Platform for Action, "
		"the Durban Declaration and Programme of Action and the outcome of the review, and the "
		"provisions of Article 3 and the purposes of the Charter,");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP1")->fnref_count, 2);
	resdiff_doc_free(doc);
	(void)state;
}

/* Class AE (docs/HELDOUT.md, ninth set): a number set off by spaces after a
 * short lower-case word ("the building plan 1 and") is the marker when it
 * is the very next footnote, a lower-case word follows and no other number
 * of that label stands in the text before the footnote's zone (a
 * paragraph's own "1." aside); with a second "3" in the text it stays (found
 * on unseen text: A/C.5/80/L.11 kept "capital master plan 1 and"). */
static void test_parse__spaced_marker_after_a_short_word(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Having considered the report on the building plan 1 and the related report\n"
		"of the Committee,2\n\n"
		"1. Takes note of the reports;\n\n"
		"2. Decides that 3 members and 3 alternates shall serve.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n\n3 A/99/3.\n", "en");
	test_assert_unit_text(doc, "PP1", "Having considered the report on the building plan and the "
		"related report of the Committee,");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP1")->fnref_count, 2);
	test_assert_unit_text(doc, "OP2", "Decides that 3 members and 3 alternates shall serve.");
	resdiff_doc_free(doc);
	/* not the next footnote (1 is not cited yet): it stays */
	doc = test_parse_string("The General Assembly,\n\n"
		"Having considered the building plan 2 and the report,1\n\n"
		"1. Takes note of the reports.\n"
		"__________________\n\n1 A/99/1.\n\n2 A/99/2.\n", "en");
	test_assert_unit_text(doc, "PP1", "Having considered the building plan 2 and the report,");
	resdiff_doc_free(doc);
	(void)state;
}

/* Class AF (docs/HELDOUT.md, ninth set): "Annex I" alone, then its title
 * set apart by a blank line, then a table: the title is the annex's
 * heading ANNEX1-H1, not a recital (found on unseen text: A/C.5/80/L.13
 * read both annex titles as ANNEX<k>-PP1). */
static void test_parse__annex_title_apart(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling its resolution 99/1,\n\n"
		"1. Decides to appropriate the amount set out in annex I.\n\n\n"
		"Annex I\n\n\n"
		"Financing for 2029 of the Imaginary Tribunal\n\n\n"
		"Gross\nNet of staff\nassessment\n(United States dollars)\n"
		"Estimated appropriation for 2029\n56 234 300\n51 375 900\nOf which:\n\n\n"
		"Contributions apportioned to Member States in accordance with\n"
		"the scale of assessments for 2029\n28 063 300\n25 634 100\n\n\n"
		"a See A/99/2.\n", "en");
	const resdiff_unit *u;
	test_assert_unit_text(doc, "ANNEX1", "Annex I");
	u = resdiff_doc_unit_by_id(doc, "ANNEX1-H1");
	assert_non_null(u);
	assert_string_equal(u->text, "Financing for 2029 of the Imaginary Tribunal");
	assert_int_equal(u->kind, RESDIFF_UNIT_HEADING);
	/* the table is read line by line, as before (docs/PARSE.md: not handled) */
	assert_non_null(resdiff_doc_unit_by_id(doc, "ANNEX1-PP2"));
	assert_null(resdiff_doc_unit_by_id(doc, "ANNEX1-PP3"));
	resdiff_doc_free(doc);
	(void)state;
}

/* Class AG (docs/HELDOUT.md, ninth set): a sponsor line that ends in its
 * star ("Uzbekistan:*", "draft resolution" on the next line) records the
 * front matter's footnote once, not twice (found on unseen text:
 * A/80/L.24's metadata listed "*" twice). */
static void test_parse__front_star_at_a_line_end(void **state)
{
	resdiff_doc *doc = test_parse_string("United Nations A/99/L.1\n\nGeneral Assembly\n"
		"Distr.: Limited\n1 December 2029\nOriginal: English\n\n"
		"Ninety-ninth session\nAgenda item 13\n\n"
		"Freedonia and Sylvania:*\ndraft resolution\n\n"
		"International Year of Things\n\n"
		"The General Assembly,\n\nRecalling its resolution 98/1,\n\n"
		"1. Decides to proclaim the year 2030 the International Year of Things.\n"
		"__________________\n\n* Any changes to the list of sponsors will be reflected "
		"in the official record of the meeting.\n", "en");
	assert_int_equal(doc->meta.footnote_count, 1);
	assert_string_equal(doc->meta.footnotes[0], "*");
	resdiff_doc_free(doc);
	(void)state;
}

/* A roman section number alone on its line ("IV", no full stop) labels
 * the heading below it, which may wrap onto a second line; a bare numeral
 * inside a clause that goes on ("annex\nII\nto its report") is text
 * (found on unseen texts: A/C.6/80/L.10 gave "I" and "Legislative
 * activities" as two headings, and one heading as two). */
static void test_parse__roman_section_numbers(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/roman_section_numbers.en.txt", NULL);
	const resdiff_unit *u;
	test_assert_unit_text(doc, "H1", "Legislative work");
	assert_string_equal(resdiff_doc_unit_by_id(doc, "H1")->label, "I");
	test_assert_unit_text(doc, "OP2(b)", "The guide to the model law, as set out in annex II to "
		"its report;");
	test_assert_unit_text(doc, "H2", "Establishment and operationalization of the Constructed "
		"Centre on Imaginary Dispute Resolution");
	assert_string_equal(resdiff_doc_unit_by_id(doc, "H2")->label, "II");
	test_assert_unit_text(doc, "OP3", "Notes the progress made in establishing the Centre, "
		"including the statute approved in 2029 and the rules set out in chapter IV of its report;");
	u = resdiff_doc_unit_by_id(doc, "H3");
	assert_non_null(u);
	assert_string_equal(u->label, "IV");
	assert_string_equal(u->text, "Travel assistance");
	assert_null(resdiff_doc_unit_by_id(doc, "H4"));
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
	/* "VX" is no numeral: a heading's text, not its label */
	doc = test_parse_string("The General Assembly,\n\nRecalling its work,\n\nVX\n\n"
		"1. Decides to remain seized of the matter.\n", "en");
	test_assert_unit_text(doc, "H1", "VX");
	assert_string_equal(resdiff_doc_unit_by_id(doc, "H1")->label, "");
	resdiff_doc_free(doc);
}

/* An unlabelled short line between recitals, followed by one that opens a
 * clause, is a heading and preambular numbering runs on across it; a short
 * recital that opens a clause itself and lost its comma stays a recital
 * (found on unseen texts: A/C.2/80/L.15 read "Countries in special
 * situations" as PP18). */
static void test_parse__heading_among_recitals(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/heading_among_recitals.en.txt", NULL);
	test_assert_unit_text(doc, "H1", "Countries in special situations");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "H1")->kind, RESDIFF_UNIT_HEADING);
	test_assert_unit_text(doc, "PP3", "Underlining the difficulties of landlocked developing "
		"countries in meeting their own energy demand,");
	test_assert_unit_text(doc, "PP4", "Recalling its resolution 97/12");
	test_assert_unit_text(doc, "PP5", "Noting the outcome of the Constructed Conference,");
	assert_null(resdiff_doc_unit_by_id(doc, "H2"));
	resdiff_doc_free(doc);
}

/* A spaced number before a word that counts ("Development, 2 States") is
 * the marker when it is set off by a comma, is the very next footnote and
 * nothing else before that footnote's zone could cite it, with a note; when
 * the label stands again later ("Agenda 3 and"), the first stays text with
 * a note (found on unseen texts: A/C.6/80/L.10 OP28 kept "38 States" and
 * left footnote 38 uncited). */
static void test_parse__marker_before_a_counting_word(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/marker_before_a_counting_word.en.txt", NULL);
	test_assert_unit_text(doc, "PP2", "Welcoming the Sevilla Commitment of the Fourth Constructed "
		"Conference on Financing for Development, States having expressed their resolve to "
		"support its follow-up,");
	assert_fnrefs(doc, "PP2", "2");
	test_assert_unit_text(doc, "PP3", "Noting that, 3 countries having acceded, the Constructed "
		"Agenda and the Constructed Protocol remain open,");
	assert_fnrefs(doc, "PP3", "3");
	assert_int_equal(count_level(doc, RESDIFF_DIAG_WARNING), 0);
	assert_int_equal(count_level(doc, RESDIFF_DIAG_NOTE), 2);
	assert_non_null(strstr(doc->diags[0].message, "is read as the marker of footnote 2"));
	assert_non_null(strstr(doc->diags[1].message, "the number 3 after \"that,\" stays in the text"));
	resdiff_doc_free(doc);
}

/* A resolution pasted without its chapeau ("The General Assembly,") keeps
 * its recitals as preambular paragraphs, with a warning, in any language
 * of the table (found by use: the recitals vanished into front matter and
 * the operative paragraphs came out as a report's P1, P2, silently). A
 * report whose first lines read like a recital stays a report. */
static void test_parse__resolution_without_chapeau(void **state)
{
	static const char en[] = "Information and communications technologies\n\n"
		"Recalling its resolution 70/1 of 25 September 2015,\n\n"
		"Noting with concern the persistent gaps in access,\n\n"
		"1. Requests the Secretary-General to report on the matter;\n\n"
		"2. Decides to remain seized of the matter.\n";
	static const char zh[] = "回顾其2015年9月25日第70/1号决议，\n\n"
		"1. 请秘书长就此事项提出报告；\n";
	static const char report[] = "Report of the Secretary-General\n\nSummary\n\n"
		"Noting the progress made, the present report reviews the year.\n\n"
		"1. The present report responds to resolution 70/1.\n";
	resdiff_doc *doc = test_parse_string(en, "en");
	test_assert_unit_text(doc, "PP1", "Recalling its resolution 70/1 of 25 September 2015,");
	test_assert_unit_text(doc, "PP2", "Noting with concern the persistent gaps in access,");
	test_assert_unit_text(doc, "OP2", "Decides to remain seized of the matter.");
	assert_string_equal(doc->meta.kind, "resolution");
	assert_string_equal(doc->meta.title, "Information and communications technologies");
	assert_int_equal(count_level(doc, RESDIFF_DIAG_WARNING), 1);
	assert_int_equal(doc->diags[0].line, 3);
	assert_non_null(strstr(doc->diags[0].message, "no chapeau"));
	resdiff_doc_free(doc);

	doc = test_parse_string(zh, "zh");
	test_assert_unit_text(doc, "PP1", "回顾其2015年9月25日第70/1号决议，");
	test_assert_unit_text(doc, "OP1", "请秘书长就此事项提出报告；");
	assert_int_equal(count_level(doc, RESDIFF_DIAG_WARNING), 1);
	resdiff_doc_free(doc);

	doc = test_parse_string(report, "en");
	assert_string_equal(doc->meta.kind, "report");
	assert_null(resdiff_doc_unit_by_id(doc, "PP1"));
	assert_int_equal(count_level(doc, RESDIFF_DIAG_WARNING), 0);
	resdiff_doc_free(doc);
}

/* A short text typed one paragraph a line, blank lines between, whose
 * recitals are about as long as each other: not a hard-wrapped
 * extraction (its lines of one width each end a clause), so each recital
 * is a paragraph, with its footnote, in every language (found by use: two
 * or three recitals became one PP in en, fr, es and ru). */
/* A resolution pasted without its chapeau, in each of the six languages:
 * the recitals open with words of the language tables that are not on
 * the preambular ladder ("Reaffirming", "Rappelant", "Wishing"), one
 * names a body ("…委员会…的作用，") and is no chapeau, one opens with
 * "Considérant" and makes no declaration, a footnote marker follows a
 * recital's comma, Arabic numbers "1 - ", and Russian recitals open in
 * lower case. */
static void test_parse__recitals_without_a_chapeau_in_six_languages(void **state)
{
	static const struct { const char *lang, *text, *pp1, *last_pp, *op1; } cases[] = {
		{ "en", "Operational activities for development\n\n"
			"Reaffirming its resolution 75/233 of 21 December 2020,1\n\n"
			"Wishing to promote cooperation between the United Nations and the Forum,\n\n"
			"1. Decides to invite the Forum to participate in the sessions;\n\n"
			"2. Requests the Secretary-General to take the action necessary.\n"
			"__________________\n1 See A/75/233.\n",
			"Reaffirming its resolution 75/233 of 21 December 2020,",
			"Wishing to promote cooperation between the United Nations and the Forum,",
			"Decides to invite the Forum to participate in the sessions;" },
		{ "fr", "Les technologies de l’information\n\n"
			"Rappelant sa résolution 75/202 du 21 décembre 2020,\n\n"
			"Considérant le rôle de la Commission de la science et de la technique,\n\n"
			"1. Prie le Secrétaire général de lui présenter un rapport.\n",
			"Rappelant sa résolution 75/202 du 21 décembre 2020,",
			"Considérant le rôle de la Commission de la science et de la technique,",
			"Prie le Secrétaire général de lui présenter un rapport." },
		{ "es", "Las tecnologías de la información\n\n"
			"Recordando su resolución 75/202, de 21 de diciembre de 2020,\n\n"
			"Reafirmando su resolución 70/1, de 25 de septiembre de 2015,\n\n"
			"1. Solicita al Secretario General que le presente un informe.\n",
			"Recordando su resolución 75/202, de 21 de diciembre de 2020,",
			"Reafirmando su resolución 70/1, de 25 de septiembre de 2015,",
			"Solicita al Secretario General que le presente un informe." },
		{ "ru", "99/1. Информационно-коммуникационные технологии\n\n"
			"ссылаясь на свою резолюцию 75/202 от 21 декабря 2020 года,\n\n"
			"признавая роль Комиссии по науке и технике в целях развития,\n\n"
			"1. просит Генерального секретаря представить доклад.\n",
			"ссылаясь на свою резолюцию 75/202 от 21 декабря 2020 года,",
			"признавая роль Комиссии по науке и технике в целях развития,",
			"просит Генерального секретаря представить доклад." },
		{ "zh", "信息和通信技术促进发展\n\n"
			"回顾其2020年12月21日第75/202号决议，\n\n"
			"确认科学和技术促进发展委员会的作用，\n\n"
			"1. 请秘书长提交一份报告。\n",
			"回顾其2020年12月21日第75/202号决议，",
			"确认科学和技术促进发展委员会的作用，",
			"请秘书长提交一份报告。" },
		{ "ar", "تكنولوجيا المعلومات والاتصالات\n\n"
			"إذ تشير إلى قرارها 75/202 المؤرخ 21 كانون الأول/ديسمبر 2020،\n\n"
			"وإذ تعيد تأكيد قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،\n\n"
			"1 - تطلب إلى الأمين العام أن يقدم تقريرا.\n",
			"إذ تشير إلى قرارها 75/202 المؤرخ 21 كانون الأول/ديسمبر 2020،",
			"وإذ تعيد تأكيد قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،",
			"تطلب إلى الأمين العام أن يقدم تقريرا." },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resdiff_doc *doc = test_parse_string(cases[i].text, cases[i].lang);
		if (!doc->meta.kind || strcmp(doc->meta.kind, "resolution"))
			fail_msg("%s: read as %s", cases[i].lang, doc->meta.kind ? doc->meta.kind : "nothing");
		assert_null(doc->meta.chapeau);
		test_assert_unit_text(doc, "PP1", cases[i].pp1);
		test_assert_unit_text(doc, "PP2", cases[i].last_pp);
		assert_null(resdiff_doc_unit_by_id(doc, "PP3"));
		test_assert_unit_text(doc, "OP1", cases[i].op1);
		assert_non_null(strstr(doc->diags[0].message, "no chapeau"));
		resdiff_doc_free(doc);
	}
}

/* No recital, but paragraph 1 opens with an operative verb, its number
 * alone on the line above ("1." / "Recalls …"): a resolution's operative
 * part, not a report's paragraphs; a report's paragraph 1 stays P1. */
static void test_parse__operative_part_without_a_chapeau(void **state)
{
	static const char op[] = "United Nations Relief and Works Agency\n\n1.\n"
		"Recalls its resolution 302 (IV) of 8 December 1949;\n\n"
		"2. Reaffirms the essential mandate of the Agency.\n";
	static const char report[] = "Progress in the year\n\n"
		"1. The present report responds to resolution 70/1.\n\n"
		"2. It reviews the year.\n";
	resdiff_doc *doc = test_parse_string(op, "en");
	assert_string_equal(doc->meta.kind, "resolution");
	test_assert_unit_text(doc, "OP1", "Recalls its resolution 302 (IV) of 8 December 1949;");
	test_assert_unit_text(doc, "OP2", "Reaffirms the essential mandate of the Agency.");
	resdiff_doc_free(doc);
	doc = test_parse_string(report, "en");
	assert_null(resdiff_doc_unit_by_id(doc, "OP1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "P1"));
	resdiff_doc_free(doc);
}

/* A declaration whose chapeau is missing proclaims in its first block
 * after the recitals that ends a sentence: OP1, in lower case too. */
static void test_parse__declaration_without_its_chapeau(void **state)
{
	static const char ru[] = "Всеобщая декларация прав человека\n\n"
		"Принимая во внимание, что признание достоинства является основой свободы,\n\n"
		"принимая во внимание, что пренебрежение правами человека привело к варварским актам,\n\n"
		"провозглашает настоящую Всеобщую декларацию прав человека.\n\n"
		"Статья 1\n\nВсе люди рождаются свободными.\n";
	resdiff_doc *doc = test_parse_string(ru, "ru");
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP2"));
	assert_null(resdiff_doc_unit_by_id(doc, "PP3"));
	test_assert_unit_text(doc, "OP1", "провозглашает настоящую Всеобщую декларацию прав человека.");
	resdiff_doc_free(doc);
}

/* A running title between page debris (a job number above, a page number
 * below) goes even when the text has no chapeau and no title to match it
 * against; and a two-line running title whose first line ends in a comma
 * goes when it recurs at two page breaks. */
static void test_parse__running_title_without_a_chapeau(void **state)
{
	static const char one[] = "Recalling its resolution 70/1 of 25 September 2015, entitled\n"
		"\xE2\x80\x9CTransforming our world\xE2\x80\x9D, and its resolution 73/218 of\n"
		"09-12345\n"
		"Information and communications technologies for development\n"
		"2/3\n"
		"20 December 2018,\n\n"
		"1. Decides to remain seized of the matter.\n";
	static const char two[] = "Recalling its resolution 70/1 of 25 September 2015,\n\n"
		"Noting the report of the Secretary-General on the question\n"
		"A/RES/99/5\n"
		"Oceans and the law of the sea: sustainable fisheries,\n"
		"including through the 1995 Agreement\n\n"
		"of sustainable fisheries,\n\n"
		"1. Decides to remain seized of the matter, and\n"
		"A/RES/99/5\n"
		"Oceans and the law of the sea: sustainable fisheries,\n"
		"including through the 1995 Agreement\n\n"
		"to continue its consideration.\n";
	resdiff_doc *doc = test_parse_string(one, "en");
	assert_string_equal(doc->meta.kind, "resolution");
	test_assert_unit_text(doc, "PP1", "Recalling its resolution 70/1 of 25 September 2015, entitled "
		"\xE2\x80\x9CTransforming our world\xE2\x80\x9D, and its resolution 73/218 of 20 December 2018,");
	test_assert_unit_text(doc, "OP1", "Decides to remain seized of the matter.");
	resdiff_doc_free(doc);

	doc = test_parse_string(two, "en");
	test_assert_unit_text(doc, "PP2", "Noting the report of the Secretary-General on the question "
		"of sustainable fisheries,");
	test_assert_unit_text(doc, "OP1", "Decides to remain seized of the matter, and to continue its consideration.");
	resdiff_doc_free(doc);
}

/* A two-line running title whose first line ends in a comma
 * ("Alpha beta gamma," / "delta epsilon zeta") is a header, and a one-line
 * recital cut by that page break ("Noting that … a better" / debris /
 * "flow of information can help,") goes on across it: it was one title
 * line left in the text and the recital cut in two (docs/HELDOUT.md,
 * class N; the file is tests/data/en_heldout5's constructed case). */
static void test_parse__recital_across_a_comma_ended_running_title(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/en_heldout5/running_title_comma.txt", "en");
	(void)state;
	assert_int_equal(doc->unit_count, 5);
	test_assert_unit_text(doc, "PP2", "Noting that the work of the committees on the matter has been "
		"of great value and that a better flow of information can help,");
	test_assert_unit_text(doc, "OP2", "Requests the Secretary-General to report on the matter at its "
		"ninety-first session;");
	resdiff_doc_free(doc);
}

/* "rule 5(1)", "article 12(3)": a number in brackets right after a number
 * is a reference's sub-number, never a footnote marker, even when a
 * footnote of that number exists; a note says so. After a year
 * ("2015(1)") or a symbol ("70/1(2)") it is still the marker. */
static void test_parse__bracketed_number_after_a_number_is_a_reference(void **state)
{
	static const char en[] = "The General Assembly,\n\n"
		"Recalling rule 5(1) of its rules of procedure and article 12(3) of the Charter,(1)\n\n"
		"Noting article 4(2) of the Convention,(2)\n\n"
		"1. Decides to remain seized of the matter.\n"
		"__________________\n(1) See A/520/Rev.20.\n(2) See A/80/1.\n(3) See A/80/2.\n";
	static const char ar[] = "إن الجمعية العامة،\n\n"
		"إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015(1)،\n\n"
		"وإذ تشير أيضا إلى قرارها 70/1(2)،\n\n"
		"1 - تطلب إلى الأمين العام أن يقدم تقريرا؛\n\n"
		"__________________\n(1) القرار 70/1.\n(2) A/80/123.\n";
	resdiff_doc *doc = test_parse_string(en, "en");
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, "PP1");
	size_t i, notes = 0;
	test_assert_unit_text(doc, "PP1",
		"Recalling rule 5(1) of its rules of procedure and article 12(3) of the Charter,");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	assert_int_equal(u->fnrefs[0].offset, 79);
	test_assert_unit_text(doc, "PP2", "Noting article 4(2) of the Convention,");
	for (i = 0; i < doc->diag_count; i++)
		if (doc->diags[i].level == RESDIFF_DIAG_NOTE && strstr(doc->diags[i].message, "reference"))
			notes++;
	assert_int_equal(notes, 3);
	resdiff_doc_free(doc);

	doc = test_parse_string(ar, "ar");
	u = resdiff_doc_unit_by_id(doc, "PP1");
	assert_non_null(u);
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	u = resdiff_doc_unit_by_id(doc, "PP2");
	assert_non_null(u);
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "2");
	resdiff_doc_free(doc);
}

static void test_parse__short_recitals_one_a_line(void **state)
{
	static const struct {
		const char *lang, *pp1, *pp2;
	} cases[] = {
		{ "en", "Recalling its resolution 70/1 of 25 September 2015,",
		  "Noting the report of the Secretary-General," },
		{ "fr", "Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer notre "
		  "monde : le Programme de développement durable à l'horizon 2030 »,",
		  "Prenant note du rapport du Secrétaire général," },
		{ "es", "Recordando su resolución 70/1, de 25 de septiembre de 2015,",
		  "Tomando nota del informe del Secretario General," },
		{ "ru", "ссылаясь на свою резолюцию 70/1 от 25 сентября 2015 года,",
		  "принимая к сведению доклад Генерального секретаря," },
		{ "ar", "إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،",
		  "وإذ تحيط علما بتقرير الأمين العام،" },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[128];
		resdiff_doc *doc;
		snprintf(path, sizeof(path), "tests/data/parse-classes/short_recitals_one_a_line.%s.txt",
			cases[i].lang);
		doc = test_parse_source(path, NULL);
		test_assert_unit_text(doc, "PP1", cases[i].pp1);
		test_assert_unit_text(doc, "PP2", cases[i].pp2);
		assert_fnrefs(doc, "PP1", "1");
		assert_fnrefs(doc, "PP2", "2");
		assert_non_null(resdiff_doc_unit_by_id(doc, "OP1"));
		assert_int_equal(doc->diag_count, 0);
		resdiff_doc_free(doc);
	}
}

/* A line that is a document symbol and a full stop ends a sentence: it is
 * text, in a paragraph ("contained in document\nA/99/123.") and in a
 * footnote body ("… and\nA/C.6/98/SR.27."), not page debris (found on
 * unseen texts: A/C.6/80/L.12 footnote 1 lost "A/C.6/80/SR.24." silently). */
static void test_parse__symbol_line_ending_a_sentence(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/symbol_line_ending_a_sentence.en.txt", NULL);
	test_assert_unit_text(doc, "OP1", "Takes note of the report of the Secretary-General contained "
		"in document A/99/123.");
	assert_int_equal(doc->footnote_count, 1);
	assert_string_equal(doc->footnotes[0].text, "See A/C.6/98/SR.12, A/C.6/98/SR.13, "
		"A/C.6/98/SR.25, A/C.6/98/SR.26 and A/C.6/98/SR.27.");
	/* the document's own symbol line, with no full stop, is still debris */
	test_assert_unit_text(doc, "PP1", "Taking into account the discussions held in the Sixth "
		"Committee at its ninety-eighth session,");
	assert_string_equal(doc->meta.symbol, "A/C.6/99/L.12");
	assert_int_equal(doc->diag_count, 0);
	resdiff_doc_free(doc);
}

/* One space stays between an ideograph and a Latin word where the source
 * has one (PARSE.md rule 7); the comparison key ignores it. */
static void test_parse__latin_word_in_chinese_keeps_its_space(void **state)
{
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/latin_words_in_chinese.zh.txt", NULL);
	resdiff_buf a = RESDIFF_BUF_INIT, b = RESDIFF_BUF_INIT;
	const char *glued = "促请所有利益攸关方加强能力建设，以发展数字强化的社会and知识经济；";
	test_assert_unit_text(doc, "PP1", "回顾其2008年7月18日第2008/3号决议，");
	test_assert_unit_text(doc, "OP1", "促请所有利益攸关方加强能力建设，以发展数字强化的社会 and 知识经济；");
	test_assert_unit_text(doc, "OP2", "注意到行动方针 C7 和秘书长的报告 A/60/687 所载的建议。");
	assert_int_equal(resdiff_compare_key(&a, resdiff_doc_unit_by_id(doc, "OP1")->text,
		strlen(resdiff_doc_unit_by_id(doc, "OP1")->text), 0), 0);
	assert_int_equal(resdiff_compare_key(&b, glued, strlen(glued), 0), 0);
	assert_string_equal(a.ptr, b.ptr);
	resdiff_buf_dispose(&a);
	resdiff_buf_dispose(&b);
	resdiff_doc_free(doc);
}

/* A line of text that recurs word for word near two page breaks is no
 * running title: a title stands right next to the page's debris (found in
 * review: A/RES/76/189 OP24 and OP46 lost "progress made in the
 * implementation of and follow-up to the outcomes of the World"). */
static void test_parse__text_line_that_recurs_near_page_breaks_stays(void **state)
{
	const char *line = "progress made in the implementation of and follow-up to the outcomes of the World Summit";
	resdiff_doc *doc = test_parse_source("tests/data/parse-classes/text_line_that_recurs_near_page_breaks.en.txt", NULL);
	size_t i;
	assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP1")->text, line));
	assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP3")->text, line));
	for (i = 0; i < doc->unit_count; i++) /* the real running title is gone */
		assert_null(strstr(doc->units[i].text, "A constructed resolution"));
	resdiff_doc_free(doc);
	doc = test_parse_source("tests/data/en/A_RES_76_189.txt", NULL);
	assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP24")->text, "as part of his annual reporting on the progress made in the implementation of and follow-up"));
	assert_non_null(strstr(resdiff_doc_unit_by_id(doc, "OP46")->text, line));
	resdiff_doc_free(doc);
}

/* ---- no input may be slow (issue 18) ---- */

/* The shapes that once made the parser super-linear, each at a given
 * number of repetitions. The text is built in `b`. */
typedef void (*shape_fn)(resdiff_buf *b, size_t n, const char *resolution);

static void shape_repeated(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	for (i = 0; i < n; i++)
		resdiff_buf_puts(b, resolution); /* every paragraph number repeats */
}

static void shape_huge_paragraph(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	(void)resolution;
	resdiff_buf_puts(b, "The General Assembly,\n\nRecalling x,\n\n1. Decides that\n");
	for (i = 0; i < n * 40; i++) /* labelled lines inside the one paragraph */
		resdiff_buf_printf(b, "%s in\n%zu. the implementation of item %zu and\n",
			i % 3 ? "(a) of the outcome" : "A. of the outcome", 1990 + i % 30, i);
	resdiff_buf_puts(b, "so on.\n");
}

static void shape_tiny_paragraphs(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	(void)resolution;
	resdiff_buf_puts(b, "The General Assembly,\n\nRecalling x,\n\n");
	for (i = 1; i <= n * 120; i++)
		resdiff_buf_printf(b, "%zu. Decides;\n\n", i % 99999 + 1);
}

static void shape_no_numbers(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	(void)resolution;
	for (i = 0; i < n * 120; i++)
		resdiff_buf_puts(b, "Recalling the outcome of the World Summit on the Information\n"
			"Society and its follow-up in every region,\n\n");
}

static void shape_footnotes_and_debris(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i, k;
	(void)resolution;
	resdiff_buf_puts(b, "The General Assembly,\n\n");
	for (i = 1; i <= n * 30; i++) {
		resdiff_buf_printf(b, "Recalling the report,%zu\n\n", i % 40 + 1);
		if (i % 4 == 0) {
			resdiff_buf_puts(b, "__________________\n\n");
			for (k = 3; k <= 6; k++) /* the same labels again and again */
				resdiff_buf_printf(b, "%zu See A/%zu/%zu.\n\n", (i - 6 + k) % 40 + 1, i, k);
			/* runs of debris, blank lines and page numbers */
			for (k = 0; k < 6; k++)
				resdiff_buf_printf(b, "21-19246\n\n%zu/40\nA/RES/99/1\n", k + 1);
			resdiff_buf_puts(b, "\n\n\n\n\n\n\n\n");
		}
	}
}

static void shape_markers_in_one_line(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	(void)resolution;
	resdiff_buf_puts(b, "The General Assembly,\n\nRecalling the issue,1\n\n");
	for (i = 0; i < n * 200; i++)
		resdiff_buf_puts(b, "issue,1 ");
	resdiff_buf_puts(b, "and more,\n\n__________________\n\n1 A/1/1.\n");
}

/* class AE's test (a spaced number after a short word is the marker only
 * when its label stands nowhere else before the zone) counts the label
 * once per zone, not once per number: many "the plan 1 and" lines before
 * one footnote stay linear */
static void shape_short_word_numbers(resdiff_buf *b, size_t n, const char *resolution)
{
	size_t i;
	(void)resolution;
	resdiff_buf_puts(b, "The General Assembly,\n\n");
	for (i = 0; i < n * 200; i++)
		resdiff_buf_puts(b, "Recalling the plan 1 and the report of the plan 1 and more,\n");
	resdiff_buf_puts(b, "\n1. Decides to act.\n__________________\n\n1 A/1/1.\n");
}

static size_t parse_work(const char *text, size_t len)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_parse_trace *trace = NULL;
	resdiff_doc *doc = NULL;
	size_t work;
	opts.language = "en";
	assert_int_equal(resdiff_parse_traced(&doc, &trace, text, len, &opts), 0);
	work = trace->work;
	resdiff_parse_trace_free(trace);
	resdiff_doc_free(doc);
	return work;
}

/* The parser's step count per byte of input must not grow with the input:
 * four times the text, at most 1.25 times the steps per byte. A count,
 * not a time, so the test cannot be flaky on a busy machine. */
static void test_parse__work_grows_linearly(void **state)
{
	static const struct {
		const char *name;
		shape_fn fn;
	} shapes[] = {
		{ "one resolution pasted again and again", shape_repeated },
		{ "one huge paragraph with labelled lines", shape_huge_paragraph },
		{ "many tiny paragraphs", shape_tiny_paragraphs },
		{ "no numbers at all", shape_no_numbers },
		{ "footnotes and page debris", shape_footnotes_and_debris },
		{ "a line full of footnote markers", shape_markers_in_one_line },
		{ "numbers after short words before one footnote", shape_short_word_numbers },
	};
	size_t len, i;
	char *resolution = test_read_source("tests/data/en/A_RES_76_189.txt", &len);

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		resdiff_buf small = RESDIFF_BUF_INIT, big = RESDIFF_BUF_INIT;
		double per_byte_small, per_byte_big;
		shapes[i].fn(&small, 8, resolution);
		shapes[i].fn(&big, 32, resolution);
		per_byte_small = (double)parse_work(small.ptr, small.size) / (double)small.size;
		per_byte_big = (double)parse_work(big.ptr, big.size) / (double)big.size;
		if (getenv("RESDIFF_TEST_VERBOSE"))
			print_message("%s: %.3f steps a byte at %zu bytes, %.3f at %zu\n", shapes[i].name,
				per_byte_small, small.size, per_byte_big, big.size);
		if (per_byte_big > per_byte_small * 1.25)
			fail_msg("%s: %.3f steps a byte at %zu bytes, %.3f at %zu", shapes[i].name,
				per_byte_small, small.size, per_byte_big, big.size);
		resdiff_buf_dispose(&small);
		resdiff_buf_dispose(&big);
	}
	free(resolution);
}

/* Issue 10, class X: an amendment to a draft with numbered instructions
 * ("1." alone on its line, the instruction on the next) is a document of
 * kind amendment, not a draft; its title is the line under the amendment
 * line, and its instructions are numbered paragraphs P<n>, none operative.
 * The phrase is read from each language's amendment-words. */
static void test_parse__amendment_with_numbered_instructions(void **state)
{
	static const struct {
		const char *lang, *text;
	} cases[] = {
		{ "en", "A/C.3/99/L.70\n\nNinety-ninth session\nThird Committee\nAgenda item 12\n\n"
		  "Ruritania and Freedonia: amendment to revised draft resolution\nA/C.3/99/L.7/Rev.1\n\n"
		  " Lakes of the world\n\n"
		  "1.\nIn operative paragraph 5, replace “all lakes” with “large lakes”.\n"
		  "2.\nDelete the third preambular paragraph.\n" },
		{ "fr", "A/C.3/99/L.70\n\nQuatre-vingt-dix-neuvième session\nTroisième Commission\n\n"
		  "Ruritanie : amendement au projet de résolution A/C.3/99/L.7\n\n"
		  "Les lacs du monde\n\n"
		  "1.\nAu paragraphe 5 du dispositif, remplacer « tous les lacs » par « les grands lacs ».\n"
		  "2.\nSupprimer le troisième alinéa du préambule.\n" },
		{ "es", "A/C.3/99/L.70\n\nNonagésimo noveno período de sesiones\nTercera Comisión\n\n"
		  "Ruritania: enmienda al proyecto de resolución A/C.3/99/L.7\n\n"
		  "Los lagos del mundo\n\n"
		  "1.\nEn el párrafo 5 de la parte dispositiva, sustitúyase “todos los lagos” por “los grandes lagos”.\n"
		  "2.\nSuprímase el tercer párrafo del preámbulo.\n" },
		{ "ru", "A/C.3/99/L.70\n\nДевяносто девятая сессия\nТретий комитет\n\n"
		  "Руритания: поправка к пересмотренному проекту резолюции A/C.3/99/L.7/Rev.1\n\n"
		  "Озера мира\n\n"
		  "1.\nВ пункте 5 постановляющей части заменить слова «все озера» словами «крупные озера».\n"
		  "2.\nИсключить третий пункт преамбулы.\n" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resdiff_doc *doc = test_parse_string(cases[i].text, cases[i].lang);
		const resdiff_unit *u;
		size_t k;
		assert_non_null(doc->meta.kind);
		assert_string_equal(doc->meta.kind, "amendment");
		assert_non_null(doc->meta.symbol);
		assert_string_equal(doc->meta.symbol, "A/C.3/99/L.70");
		assert_non_null(doc->meta.title);
		assert_int_equal(doc->unit_count, 2);
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "P1"));
		assert_int_equal(u->kind, RESDIFF_UNIT_PARAGRAPH);
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "P2"));
		for (k = 0; k < doc->unit_count; k++)
			assert_false(resdiff_unit_is_operative(&doc->units[k]));
		resdiff_doc_free(doc);
	}
}

/* Issue 10, class W: an amendment with one instruction and no number
 * ("Operative paragraph 3: Delete the paragraph.") has a body: the front
 * matter ends after the draft's title under the amendment line. The text
 * of a paragraph the instruction inserts is a block of its own; with no
 * title (the block after the amendment line ends a clause) the front
 * matter ends with the amendment line's block. */
static void test_parse__amendment_with_one_instruction(void **state)
{
	resdiff_doc *doc;
	const resdiff_unit *u;
	(void)state;

	doc = test_parse_string(
		"United Nations\nA/C.1/99/L.71\n\nGeneral Assembly\nDistr.: Limited\n1 November 2099\n"
		"Original: English\n\nNinety-ninth session\nFirst Committee\nAgenda item 98\n\n"
		"Freedonia: amendment to draft resolution A/C.1/99/L.9\n\n"
		" Quiet rivers\n\n"
		"Operative paragraph 3: Delete the paragraph.\n", "en");
	assert_string_equal(doc->meta.kind, "amendment");
	assert_non_null(doc->meta.symbol);
	assert_string_equal(doc->meta.symbol, "A/C.1/99/L.71");
	assert_non_null(doc->meta.title);
	assert_string_equal(doc->meta.title, "Quiet rivers");
	assert_int_equal(doc->unit_count, 1);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
	assert_string_equal(u->text, "Operative paragraph 3: Delete the paragraph.");
	resdiff_doc_free(doc);

	/* an instruction and the paragraph it inserts, the title on two lines */
	doc = test_parse_string(
		"A/C.3/99/L.72\n\nNinety-ninth session\nThird Committee\nAgenda item 12\n\n"
		"Freedonia: amendments to the draft resolution\nA/C.3/99/L.7\n\n"
		"Quiet rivers and\nloud waterfalls\n\n"
		"After the second preambular paragraph, insert a new preambular paragraph\nreading:\n\n"
		"Recalling that rivers run to the sea and\nthat the sea is not full,\n", "en");
	assert_string_equal(doc->meta.kind, "amendment");
	assert_string_equal(doc->meta.title, "Quiet rivers and loud waterfalls");
	assert_int_equal(doc->unit_count, 2);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
	assert_string_equal(u->text, "After the second preambular paragraph, insert a new "
		"preambular paragraph reading:");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B2"));
	assert_string_equal(u->text, "Recalling that rivers run to the sea and that the sea is not full,");
	resdiff_doc_free(doc);

	/* no title: the instruction right under the amendment line */
	doc = test_parse_string(
		"A/C.3/99/L.73\n\n对订正决议草案A/C.3/99/L.7/Rev.1的修正\n\n"
		"删除序言部分第三段。\n", "zh");
	assert_string_equal(doc->meta.kind, "amendment");
	assert_null(doc->meta.title);
	assert_int_equal(doc->unit_count, 1);
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
	assert_string_equal(u->text, "删除序言部分第三段。");
	resdiff_doc_free(doc);

	/* Arabic */
	doc = test_parse_string(
		"A/C.3/99/L.74\n\nروريتانيا: تعديل على مشروع القرار A/C.3/99/L.7\n\n"
		"البحيرات في العالم\n\n"
		"تحذف الفقرة الثالثة من الديباجة.\n", "ar");
	assert_string_equal(doc->meta.kind, "amendment");
	assert_int_equal(doc->unit_count, 1);
	assert_non_null(resdiff_doc_unit_by_id(doc, "B1"));
	resdiff_doc_free(doc);
}

/* A resolution whose recital cites "amendments to draft resolution …" is
 * no amendment: the amendment line must come before any chapeau or
 * recital. */
static void test_parse__recital_citing_amendments_is_no_amendment(void **state)
{
	resdiff_doc *doc = test_parse_string(
		"Ruritania: draft resolution\n\n"
		"Lakes of the world\n\n"
		"The General Assembly,\n\n"
		"Recalling the amendments to draft resolution A/C.3/98/L.7 adopted last year,\n\n"
		"1. Decides to remain seized of the matter.\n", "en");
	(void)state;
	assert_string_equal(doc->meta.kind, "draft");
	assert_non_null(resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(resdiff_doc_unit_by_id(doc, "OP1"));
	resdiff_doc_free(doc);
}

/* Issue 10, class Y (found on held-out amendments, A/C.3/80/L.58): a star
 * glued to a word of the body ("the Rome Statute of the Court* that"),
 * whose body stands at the foot with no rule above it, is the marker of
 * that footnote; a star with no footnote body stays text. */
static void test_parse__star_marker_glued_in_the_body(void **state)
{
	resdiff_doc *doc;
	const resdiff_unit *u;
	(void)state;

	doc = test_parse_string(
		"A/C.3/99/L.75\n\nNinety-ninth session\nThird Committee\n\n"
		"Freedonia: amendment to draft resolution A/C.3/99/L.7\n\n"
		"Quiet rivers\n\n"
		"In the second preambular paragraph, delete “and recalling the Convention on\n"
		"Rivers* that protects them,”.\n\n\n"
		"* United Nations, Treaty Series, vol. 9999, No. 12345.\n", "en");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
	assert_string_equal(u->text, "In the second preambular paragraph, delete “and recalling the "
		"Convention on Rivers that protects them,”.");
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "*");
	assert_int_equal(doc->footnote_count, 1);
	assert_int_equal(test_count_warnings(doc), 0);
	resdiff_doc_free(doc);

	/* no footnote body: the star is text */
	doc = test_parse_string(
		"A/C.3/99/L.76\n\nNinety-ninth session\nThird Committee\n\n"
		"Freedonia: amendment to draft resolution A/C.3/99/L.7\n\n"
		"Quiet rivers\n\n"
		"In the second preambular paragraph, replace “Rivers*” with “Rivers”.\n", "en");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "B1"));
	assert_string_equal(u->text, "In the second preambular paragraph, replace “Rivers*” with “Rivers”.");
	assert_int_equal(u->fnref_count, 0);
	resdiff_doc_free(doc);
}


/* ---- Arabic-Indic digits ---- */

/* text with every ASCII digit outside a token holding a Latin letter
 * (a symbol, "A/76/64-E/2021/11") written in the digit set whose zero is
 * `zero` (U+0660 Arabic-Indic, U+06F0 Extended): "١ -", "(١)",
 * "٧٥/٢٠٢", "الجلسة العامة ٥٤". Caller frees. */
static char *indic_digits(const char *text, uint32_t zero)
{
	size_t len = strlen(text), i, o = 0;
	char *out = malloc(len * 2 + 1);
	assert_non_null(out);
	for (i = 0; i < len; i++) {
		bool latin = false;
		size_t a = i, b = i;
		if (text[i] < '0' || text[i] > '9') {
			out[o++] = text[i];
			continue;
		}
		while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n')
			a--;
		while (b < len && text[b] != ' ' && text[b] != '\n')
			b++;
		for (; a < b; a++)
			latin = latin || (text[a] >= 'A' && text[a] <= 'Z') || (text[a] >= 'a' && text[a] <= 'z');
		if (latin)
			out[o++] = text[i];
		else
			o += resdiff_utf8_encode(out + o, zero + (uint32_t)(text[i] - '0'));
	}
	out[o] = '\0';
	return out;
}

/* s with its Arabic-Indic and Extended digits read back as ASCII, in a
 * static buffer (for comparing texts). */
static const char *ascii_digits(const char *s, char out[4096])
{
	size_t i = 0, o = 0, adv, len = s ? strlen(s) : 0;
	int d;
	while (i < len && o + 1 < 4096) {
		if ((d = resdiff_digit_at(s + i, len - i, &adv)) >= 0) {
			out[o++] = (char)('0' + d);
			i += adv;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return out;
}

static void assert_same_reading(const resdiff_doc *a, const resdiff_doc *b)
{
	char x[4096], y[4096];
	size_t i, k;
	assert_string_equal(ascii_digits(a->meta.symbol, x), ascii_digits(b->meta.symbol, y));
	assert_string_equal(ascii_digits(a->meta.date, x), ascii_digits(b->meta.date, y));
	assert_string_equal(ascii_digits(a->meta.meeting, x), ascii_digits(b->meta.meeting, y));
	assert_string_equal(ascii_digits(a->meta.title, x), ascii_digits(b->meta.title, y));
	assert_true(!a->meta.date == !b->meta.date && !a->meta.meeting == !b->meta.meeting);
	assert_int_equal(a->unit_count, b->unit_count);
	for (i = 0; i < a->unit_count; i++) {
		const resdiff_unit *u = &a->units[i], *v = &b->units[i];
		assert_string_equal(u->id, v->id);
		assert_int_equal(u->kind, v->kind);
		assert_string_equal(u->label, v->label);
		assert_string_equal(ascii_digits(u->text, x), ascii_digits(v->text, y));
		assert_int_equal(u->fnref_count, v->fnref_count);
		for (k = 0; k < u->fnref_count; k++) {
			assert_string_equal(u->fnrefs[k].label, v->fnrefs[k].label);
			assert_int_equal(u->fnrefs[k].offset, v->fnrefs[k].offset);
		}
	}
	assert_int_equal(a->footnote_count, b->footnote_count);
	for (i = 0; i < a->footnote_count; i++) {
		assert_string_equal(a->footnotes[i].label, b->footnotes[i].label);
		assert_string_equal(ascii_digits(a->footnotes[i].text, x),
			ascii_digits(b->footnotes[i].text, y));
	}
	assert_int_equal(a->diag_count, b->diag_count);
}

/* An Arabic text whose numbers are printed in Arabic-Indic or Extended
 * Arabic-Indic digits reads as the same text in ASCII digits: "١ -" is
 * OP1, "(١)" footnote 1, the meeting and date of the front matter the
 * same; the texts keep their digits as printed (found in review: "١ -"
 * was a recital, "(١)" text). */
static void test_parse__arabic_indic_digits_read_as_ascii(void **state)
{
	static const char *const files[] = { "tests/data/pdf/ar.txt", "tests/data/udhr/udhr_ar.txt" };
	static const uint32_t zeros[] = { 0x0660, 0x06F0 };
	size_t f, z, len;
	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char *text = test_read_source(files[f], &len);
		resdiff_doc *ascii = test_parse_string(text, "ar");
		assert_true(ascii->unit_count > 5);
		for (z = 0; z < 2; z++) {
			char *indic = indic_digits(text, zeros[z]);
			resdiff_doc *doc = test_parse_string(indic, "ar");
			assert_same_reading(ascii, doc);
			free(indic);
			resdiff_doc_free(doc);
		}
		resdiff_doc_free(ascii);
		free(text);
	}
}

/* A Chinese text whose paragraph numbers are printed with the full-width
 * full stop ("1．确认") or in full-width digits too ("１．确认"), and its
 * dates in full-width digits ("２０２１ 年 １２ 月 １７ 日"), reads as the
 * same text in ASCII (found in review: "1．" and "１．" numbered nothing,
 * every operative paragraph was read as a recital, and the date was not
 * found). Footnote markers stay ASCII: full-width ones are not read. */
static void test_parse__fullwidth_numbers_read_as_ascii(void **state)
{
	size_t len, i;
	char *text = test_read_source("tests/data/pdf/zh.txt", &len);
	resdiff_doc *ascii = test_parse_string(text, "zh");
	int wide;
	(void)state;
	assert_non_null(resdiff_doc_unit_by_id(ascii, "OP5"));
	assert_non_null(ascii->meta.date);
	for (wide = 0; wide < 2; wide++) {
		char *out = malloc(len * 3 + 1), *o = out;
		resdiff_doc *doc;
		assert_non_null(out);
		for (i = 0; i < len; i++) {
			size_t k = i;
			bool date_line = !strncmp(text + i, "2021 年 12 月 17 日大会决议", 34);
			if (i > 0 && text[i - 1] != '\n')
				goto copy;
			while (k < len && text[k] >= '0' && text[k] <= '9')
				k++;
			if (date_line) {
				/* the date line in full-width digits */
				for (; i < len && text[i] != '\n'; i++)
					if (text[i] >= '0' && text[i] <= '9')
						o += resdiff_utf8_encode(o, 0xFF10 + (uint32_t)(text[i] - '0'));
					else
						*o++ = text[i];
				i--;
				continue;
			}
			if (k > i && k + 1 < len && text[k] == '.' && text[k + 1] == ' ') {
				for (; i < k; i++)
					if (wide)
						o += resdiff_utf8_encode(o, 0xFF10 + (uint32_t)(text[i] - '0'));
					else
						*o++ = text[i];
				memcpy(o, "．", 3);
				o += 3;
				i = k + 1;
				continue;
			}
		copy:
			*o++ = text[i];
		}
		*o = '\0';
		doc = test_parse_string(out, "zh");
		assert_same_reading(ascii, doc);
		assert_string_equal(resdiff_doc_unit_by_id(doc, "OP1")->label, "1.");
		resdiff_doc_free(doc);
		free(out);
	}
	resdiff_doc_free(ascii);
	free(text);
}

/* "١- ", "١." and "١ -" number paragraphs; "(١)" marks a footnote whose
 * body is "(١) …"; the paragraph's text keeps its own digits. */
static void test_parse__arabic_indic_labels_and_markers(void **state)
{
	static const char *const forms[] = { "- ", " - ", ". " };
	size_t k;
	(void)state;
	for (k = 0; k < 3; k++) {
		char text[2048];
		resdiff_doc *doc;
		const resdiff_unit *u;
		snprintf(text, sizeof(text),
			"إن الجمعية العامة،\n\n"
			"إذ تشير إلى قرارها ٧٥/٢٠٢ المؤرخ ٢١ كانون الأول/ديسمبر ٢٠٢٠(١)،\n\n"
			"١%sتسلم بأن تكنولوجيا المعلومات والاتصالات توفر حلولا جديدة؛\n\n"
			"۲%sتطلب إلى الأمين العام أن يقدم إليها تقريرا(۲)؛\n\n"
			"١٠%sتقرر أن تبقي المسألة قيد نظرها.\n"
			"__________________\n\n"
			"(١) القرارات ٥٦/١٨٣ و ٧٤/١٩٧.\n"
			"(۲) A/76/64.\n", forms[k], forms[k], forms[k]);
		doc = test_parse_string(text, "ar");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
		assert_string_equal(u->text, "إذ تشير إلى قرارها ٧٥/٢٠٢ المؤرخ ٢١ كانون الأول/ديسمبر ٢٠٢٠،");
		assert_int_equal(u->fnref_count, 1);
		assert_string_equal(u->fnrefs[0].label, "1");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1"));
		assert_string_equal(u->label, k == 2 ? "1." : "1 -");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP2"));
		assert_int_equal(u->fnref_count, 1);
		assert_string_equal(u->fnrefs[0].label, "2");
		assert_non_null(resdiff_doc_unit_by_id(doc, "OP10"));
		assert_int_equal(doc->footnote_count, 2);
		assert_string_equal(doc->footnotes[0].label, "1");
		assert_string_equal(doc->footnotes[0].text, "القرارات ٥٦/١٨٣ و ٧٤/١٩٧.");
		assert_string_equal(doc->footnotes[1].label, "2");
		resdiff_doc_free(doc);
	}
}

/* Arabic numbers the items under a lettered sub-paragraph between single
 * quotation marks, "’1‘", where English has "(i)": they are sub-paragraphs
 * with the roman ids of English, "OP1(h)(i)", in ASCII or Arabic-Indic
 * digits and with the marks either way round (a reversed layout), even
 * after "(ح)", the eighth letter, whose next letter has id "i". Found in
 * review: "’1‘" was no label and every item was joined to the letter
 * above it. A number between the marks that is not one ("‘2020’") stays
 * text. */
static void test_parse__arabic_numbered_items(void **state)
{
	static const char *const forms[][3] = {
		{ "’1‘", "’2‘", "’3‘" }, { "’١‘", "’٢‘", "’٣‘" }, { "‘1’", "‘2’", "‘3’" },
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
		char text[4096];
		resdiff_doc *doc;
		const resdiff_unit *u;
		snprintf(text, sizeof(text),
			"إن الجمعية العامة،\n\n"
			"إذ تشير إلى قراراتها السابقة،\n\n"
			"1 - تطلب إلى الأمين العام ما يلي:\n"
			"(أ) أن يقدم تقريرا؛\n(ب) أن يتشاور؛\n(ج) أن يجمع؛\n(د) أن ينشر؛\n"
			"(هـ) أن يقيم؛\n(و) أن يدعم؛\n(ز) أن يشجع؛\n"
			"(ح) أن يتخذ التدابير التالية:\n"
			"%s جمع البيانات؛\n"
			"%s نشر النتائج؛\n"
			"%s تقييم الأثر؛\n"
			"(ط) أن يبلغ الجمعية العامة؛\n"
			"2 - تقرر أن تبقي المسألة قيد نظرها حتى عام\n"
			"‘2020’ وما بعده.\n", forms[k][0], forms[k][1], forms[k][2]);
		doc = test_parse_string(text, "ar");
		test_assert_unit_text(doc, "OP1(h)", "أن يتخذ التدابير التالية:");
		assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(h)(i)"));
		/* the label in ASCII digits, as "١ -" is "1 -" */
		assert_string_equal(u->label, k == 2 ? "‘1’" : "’1‘");
		assert_string_equal(u->text, "جمع البيانات؛");
		test_assert_unit_text(doc, "OP1(h)(ii)", "نشر النتائج؛");
		test_assert_unit_text(doc, "OP1(h)(iii)", "تقييم الأثر؛");
		test_assert_unit_text(doc, "OP1(i)", "أن يبلغ الجمعية العامة؛");
		test_assert_unit_text(doc, "OP2", "تقرر أن تبقي المسألة قيد نظرها حتى عام ‘2020’ وما بعده.");
		resdiff_doc_free(doc);
	}
}

/* Older UN Arabic texts store a letter's parentheses mirrored, ")ب(" (the
 * UN's own sentence pairs quote ")ب( تتاح لجميع رؤساء الوفود …"): a
 * sub-paragraph labelled "(ب)", as "(ب)" is. A Latin letter so printed,
 * ")a(", is text. Found in review: the letters were joined to the
 * paragraph above them. */
static void test_parse__arabic_mirrored_letter_parentheses(void **state)
{
	resdiff_doc *doc = test_parse_string("إن الجمعية العامة،\n\n"
		"إذ تشير إلى قراراتها السابقة،\n\n"
		"١ - تطلب إلى الأمين العام ما يلي:\n"
		")أ( أن يقدم تقريرا؛\n"
		")ب( أن يتشاور؛\n"
		"٢ - تقرر أن تبقي المسألة قيد نظرها؛\n"
		")a( text\n", "ar");
	const resdiff_unit *u;
	(void)state;
	test_assert_unit_text(doc, "OP1", "تطلب إلى الأمين العام ما يلي:");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(a)"));
	assert_string_equal(u->label, "(أ)");
	assert_string_equal(u->text, "أن يقدم تقريرا؛");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "OP1(b)"));
	assert_string_equal(u->label, "(ب)");
	assert_null(resdiff_doc_unit_by_id(doc, "OP2(a)"));
	resdiff_doc_free(doc);
}

/* "المادة ٥(١)": a bracketed number after a number in Arabic-Indic digits
 * is a reference's sub-number, as "article 12(3)" is; the marker after
 * it is read. */
static void test_parse__arabic_indic_reference_number_stays(void **state)
{
	resdiff_doc *doc = test_parse_string("إن الجمعية العامة،\n\n"
		"إذ تشير إلى المادة ٥(١) من النظام الداخلي(١)،\n\n"
		"١ - تطلب إلى الأمين العام أن يقدم تقريرا؛\n\n"
		"__________________\n(١) A/520/Rev.20.\n", "ar");
	const resdiff_unit *u;
	(void)state;
	test_assert_unit_text(doc, "PP1", "إذ تشير إلى المادة ٥(١) من النظام الداخلي،");
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_int_equal(u->fnref_count, 1);
	assert_string_equal(u->fnrefs[0].label, "1");
	assert_true(has_diag(doc, "reads as a reference"));
	resdiff_doc_free(doc);
}

/* A/C.5/80/L.4 (tests/data/en_heldout24): "Part I" / "Overall …" and
 * "Section 1" / "…" are two headings, each wrapped over two lines, a
 * blank line between them; they stood as one heading. */
static void test_parse__wrapped_headings_stand_apart(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Reaffirming its resolutions 41/213 of 19 December 1986,\n\n"
		"46. Recalls paragraph 29 of its resolution 79/257 and decides to further reduce \n"
		"the recosting amount by $8,400,000; \n \n"
		"Part I \nOverall policymaking, direction and coordination \n \n"
		"Section 1 \nOverall policymaking, direction and coordination \n \n \n"
		"47. Requests the Secretary-General to explore synergies among entities under \n"
		"section 1 to enhance efficiencies; \n \n"
		"Part II \nPolitical affairs \n \nSection 3 \nPolitical affairs \n \n \n"
		"56. Recalls its resolution 78/257; \n", "en");
	(void)state;
	test_assert_unit_text(doc, "H1", "Part I Overall policymaking, direction and coordination");
	test_assert_unit_text(doc, "H2", "Section 1 Overall policymaking, direction and coordination");
	test_assert_unit_text(doc, "H3", "Part II Political affairs");
	test_assert_unit_text(doc, "H4", "Section 3 Political affairs");
	test_assert_unit_text(doc, "OP47", "Requests the Secretary-General to explore synergies among "
		"entities under section 1 to enhance efficiencies;");
	resdiff_doc_free(doc);
}

/* A/C.5/80/L.4: "paragraph IV.15 of the report", "paragraphs VIII.20 and
 * VIII.21": the number after a roman chapter and its full stop goes on
 * the paragraph number; it was taken for a footnote marker. The marker
 * after the comma still goes. */
static void test_parse__roman_chapter_paragraph_number_stays(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Having considered the report of the Advisory Committee,\n\n"
		"65. Recalls paragraph IV.15 of the report of the Advisory Committee, 1 and \n"
		"further decides not to approve the proposed abolishment of three P-2/1 posts (vacant); \n \n"
		"85. Takes note of paragraphs VIII.20 and VIII.21 of the report of the Advisory \n"
		"Committee,2 and decides to approve the proposed redeployments to Bonn; \n"
		"__________________ \n \n1 A/80/7/Add.9. \n \n2 Ibid. \n", "en");
	(void)state;
	test_assert_unit_text(doc, "OP65", "Recalls paragraph IV.15 of the report of the Advisory "
		"Committee, and further decides not to approve the proposed abolishment of three P-2/1 "
		"posts (vacant);");
	test_assert_unit_text(doc, "OP85", "Takes note of paragraphs VIII.20 and VIII.21 of the report "
		"of the Advisory Committee, and decides to approve the proposed redeployments to Bonn;");
	resdiff_doc_free(doc);
}

/* A/C.5/80/L.4: "Annex" / "Staffing table for 2026" then a table printed
 * one cell per line (a long block, no heading): the annex opens all the
 * same; the table was joined to the last operative paragraph. */
static void test_parse__annex_before_a_table(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Reaffirming its resolutions 41/213 of 19 December 1986,\n\n"
		"101. Notes with concern the significant variance between the general income; \n \n"
		"102. Decides to increase the interest income under income section 2 by \n"
		"3,000,000 dollars. \n \nAnnex \nStaffing table for 2026 \n \n \nCategory \n"
		"Number of posts (excluding \nspecial political missions)\nNumber of posts (special \n"
		"political missions)a\nTotal\nExpenditure sections \n \n \n \nProfessional and higher \n"
		" \n \n \nDeputy Secretary-General \n1 \n\xe2\x80\x93 \n1 \nUnder-Secretary-General \n39 \n"
		"17 \n56 \n", "en");
	(void)state;
	test_assert_unit_text(doc, "OP102", "Decides to increase the interest income under income "
		"section 2 by 3,000,000 dollars.");
	test_assert_unit_text(doc, "ANNEX1", "Annex Staffing table for 2026");
	resdiff_doc_free(doc);
}

/* A/C.3/80/L.33 (tests/data/en_heldout24): "Article 2 (4) of the
 * Charter": a bracketed number one space after a reference's number is
 * the reference's, not the marker of footnote 4; it was taken out. */
static void test_parse__spaced_bracket_after_a_reference_number_stays(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling the International Covenant on Civil and Political Rights,1 the Convention "
		"against Torture 2  and the Optional Protocol thereto, 3  the Convention on the Rights "
		"of the Child4 and its Protocol,\n\n"
		"Condemning also the war of aggression against Ukraine by the Russian \n"
		"Federation in violation of Article 2 (4) of the Charter, and the use of Crimea for this \n"
		"and to support the attempted illegal annexation,\n\n"
		"1. Condemns the war;\n__________________ \n \n1 A. \n \n2 B. \n \n3 C. \n \n4 D. \n", "en");
	(void)state;
	test_assert_unit_text(doc, "PP2", "Condemning also the war of aggression against Ukraine by the "
		"Russian Federation in violation of Article 2 (4) of the Charter, and the use of Crimea "
		"for this and to support the attempted illegal annexation,");
	resdiff_doc_free(doc);
}

/* A/C.3/80/L.33: in a run of markers after resolution numbers and dates,
 * "78/22127" (27 glued to the symbol 78/221) is missed; the markers after
 * it ("79/184,28", "2022,29", …) were then all left in the text, each
 * waiting for 27 (here 1 to 11, "UNHCR6" missed: a label glued to a capital
 * is none). The next label found, a missed one or two before,
 * takes up the order again. */
static void test_parse__marker_order_resumes_after_a_missed_one(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Welcoming also the reports of the Secretary-General submitted pursuant to resolutions "
		"73/263, 1 74/168, 2 75/192, 3 \n"
		"76/179,4 77/229,5 and of UNHCR6 and 79/184,7 and recalling with deep concern the reports \n"
		"of the Independent International Commission of Inquiry on Ukraine of 18 October \n"
		"2022,8 15 March 2023,9 19 October 2023,10 18 March 2024,11 pursuant to Human Rights \n"
		"Council resolutions 49/1 and 52/32,\n\n"
		"1. Condemns the war;\n__________________ \n \n1 A/74/276. \n \n2 A/75/334. \n \n"
		"3 A/76/260. \n \n4 A/77/220. \n \n5 A/78/340. \n \n6 A/79/258. \n \n7 A/80/315. \n \n"
		"8 A/77/533. \n \n9 A/HRC/52/62. \n \n10  A/78/540. \n \n11  A/HRC/55/66. \n", "en");
	const resdiff_unit *u;
	(void)state;
	assert_non_null(u = resdiff_doc_unit_by_id(doc, "PP1"));
	assert_non_null(strstr(u->text, "73/263, 74/168, 75/192, 76/179, 77/229, and of UNHCR6"));
	assert_non_null(strstr(u->text, "and 79/184, and recalling with deep concern the reports of the "
		"Independent International Commission of Inquiry on Ukraine of 18 October 2022, 15 March "
		"2023, 19 October 2023, 18 March 2024, pursuant to Human Rights Council resolutions 49/1 "
		"and 52/32,"));
	resdiff_doc_free(doc);
}

/* A/C.3/80/L.17: a footnote's body broke across a page, so the rule of
 * the next page opens with its last line ("corrigendum (E/2005/27 …),
 * chap. I, sect. D.") before footnote 43 (here 1 and 2): the zone was not seen and both
 * footnotes were joined to paragraph 42. */
static void test_parse__footnote_carried_over_under_the_next_rule(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling its resolution 79/159,\n\n"
		"34. Encourages States to consider the resolutions 49/7 of \n"
		"11 March 2005, entitled \xe2\x80\x9cIndigenous women\xe2\x80\x9d,1 and 56/4 of 9 March 2012, entitled \n"
		"__________________ \n \n"
		"1 See Official Records of the Economic and Social Council, 2005, Supplement No. 7 and \n"
		"\nA/C.3/80/L.17 \n \n25-16913\n12/15 \n \n"
		"\xe2\x80\x9cIndigenous women: key actors in poverty and hunger eradication\xe2\x80\x9d, 2 as well as to \n"
		"consider general recommendation No. 39 (2022); \n \n"
		"42. Invites Member States to support Indigenous Peoples, as custodians of their own "
		"languages, to initiate and develop \n"
		"__________________ \n"
		"corrigendum (E/2005/27 and E/2005/27/Corr.1), chap. I, sect. D. \n \n"
		"2 Ibid., 2012, Supplement No. 7 and corrigendum (E/2012/27 and E/2012/27/Corr.1), chap. I, \n"
		"sect. D. \n\nA/C.3/80/L.17\n \n13/15\n25-16913 \n \n"
		"appropriate measures for the implementation of the International Decade; \n", "en");
	(void)state;
	test_assert_unit_text(doc, "OP42", "Invites Member States to support Indigenous Peoples, as "
		"custodians of their own languages, to initiate and develop appropriate measures for the "
		"implementation of the International Decade;");
	test_assert_unit_text(doc, "OP34", "Encourages States to consider the resolutions 49/7 of "
		"11 March 2005, entitled \xe2\x80\x9cIndigenous women\xe2\x80\x9d, and 56/4 of 9 March 2012, "
		"entitled \xe2\x80\x9cIndigenous women: key actors in poverty and hunger eradication\xe2\x80\x9d, "
		"as well as to consider general recommendation No. 39 (2022);");
	resdiff_doc_free(doc);
}

/* A/C.3/80/L.33 (tests/data/en_heldout24): paragraph 7 lists (a) to (z),
 * then (aa) to (dd); "(aa)", "(bb)", "(dd)" were no labels and their
 * text was joined to (z) or (cc). */
static void test_parse__doubled_letters_after_z(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Recalling its resolution 68/262,\n\n"
		"7. \nUrges the Russian Federation: \n \n"
		"(y) \nTo provide full information on the current whereabouts of all Ukrainian children; \n \n"
		"(z) \nTo cease forcible transfers or deportation of Ukraine\xe2\x80\x99s children; \n \n"
		"(aa) To cooperate fully and immediately with the Office of the United Nations \n"
		"High Commissioner for Human Rights; \n \n"
		"(bb) To create the conditions for the return of all internally \n"
		"displaced persons and refugees; \n \n"
		"(cc) To secure appropriate conditions for the detention of Ukrainian prisoners \n"
		"of war; \n \n"
		"(dd) To ensure compliance with obligations under international law; \n \n"
		"8. \nCalls upon the Russian Federation to address the concerns; \n", "en");
	(void)state;
	test_assert_unit_text(doc, "OP7(z)", "To cease forcible transfers or deportation of "
		"Ukraine\xe2\x80\x99s children;");
	test_assert_unit_text(doc, "OP7(aa)", "To cooperate fully and immediately with the Office of "
		"the United Nations High Commissioner for Human Rights;");
	test_assert_unit_text(doc, "OP7(bb)", "To create the conditions for the return of all "
		"internally displaced persons and refugees;");
	test_assert_unit_text(doc, "OP7(cc)", "To secure appropriate conditions for the detention of "
		"Ukrainian prisoners of war;");
	test_assert_unit_text(doc, "OP7(dd)", "To ensure compliance with obligations under "
		"international law;");
	assert_false(has_diag(doc, "follows (z)"));
	assert_false(has_diag(doc, "joined to OP7"));
	resdiff_doc_free(doc);
}

/* A/C.3/80/L.33 and A/C.5/80/L.4 (tests/data/en_heldout24): the next
 * label glued to a resolution's number ("78/22127": 78/221 and 27) or to
 * a report's paragraph after a roman chapter ("VIII.7441": VIII.74 and
 * 41), and a label set off after a resolution's symbol ("71/205 20  and
 * 72/190"), were left in the text. */
static void test_parse__markers_after_symbols_and_chapter_paragraphs(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Welcoming also the reports submitted pursuant to resolutions 71/205 1  and 72/190, 2  and "
		"the reports of the \nSecretary-General submitted pursuant to resolutions 77/229,3 78/2214 "
		"and 79/184,5 and recalling the reports,\n\n"
		"89. Recalls paragraphs VIII.1746 and VIII.1967 of the reports of the Advisory \n"
		"Committee, and requests the Secretary-General to enhance functional reporting; \n"
		"__________________ \n \n1 See A/72/498. \n \n2 See A/73/404. \n \n3 A/78/340. \n \n"
		"4 A/79/258. \n \n5 A/80/315. \n \n6 A/80/7. \n \n7 A/80/7/Add.9. \n", "en");
	(void)state;
	test_assert_unit_text(doc, "PP1", "Welcoming also the reports submitted pursuant to resolutions "
		"71/205 and 72/190, and the reports of the Secretary-General submitted pursuant to "
		"resolutions 77/229, 78/221 and 79/184, and recalling the reports,");
	test_assert_unit_text(doc, "OP89", "Recalls paragraphs VIII.174 and VIII.196 of the reports of "
		"the Advisory Committee, and requests the Secretary-General to enhance functional reporting;");
	resdiff_doc_free(doc);
}

/* A/C.5/80/L.4: the annex's staffing table, one cell a line ("Under-
 * Secretary-General" / "39" / "17" / "56"): its numbers were read as
 * markers of footnotes with no text, forty findings of `check`. */
static void test_parse__table_cells_are_no_markers(void **state)
{
	resdiff_doc *doc = test_parse_string("The General Assembly,\n\n"
		"Reaffirming its resolutions 41/213 of 19 December 1986,\n\n"
		"1. Decides to increase the interest income by \n3,000,000 dollars. \n \n"
		"Annex \nStaffing table for 2026 \n \n \nCategory \nTotal\nExpenditure sections \n \n"
		"Deputy Secretary-General \n1 \n\xe2\x80\x93 \n1 \nUnder-Secretary-General \n39 \n17 \n56 \n"
		"Assistant Secretary-General \n34 \n14 \n48 \n", "en");
	(void)state;
	assert_false(has_diag(doc, "has no footnote text"));
	resdiff_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse__golden_counts),
		cmocka_unit_test(test_parse__resolution_metadata),
		cmocka_unit_test(test_parse__reports),
		cmocka_unit_test(test_parse__report_front_ends_at_any_heading_label),
		cmocka_unit_test(test_parse__amendment_with_numbered_instructions),
		cmocka_unit_test(test_parse__amendment_with_one_instruction),
		cmocka_unit_test(test_parse__recital_citing_amendments_is_no_amendment),
		cmocka_unit_test(test_parse__star_marker_glued_in_the_body),
		cmocka_unit_test(test_parse__golden_texts),
		cmocka_unit_test(test_parse__udhr_six_languages),
		cmocka_unit_test(test_parse__article_headings),
		cmocka_unit_test(test_parse__article_paragraph_ids),
		cmocka_unit_test(test_parse__one_line_per_paragraph),
		cmocka_unit_test(test_parse__short_recital_is_no_heading),
		cmocka_unit_test(test_parse__dash_paragraph_numbers_in_any_language),
		cmocka_unit_test(test_parse__chapeau_inside_the_formula),
		cmocka_unit_test(test_parse__footnote_references),
		cmocka_unit_test(test_parse__numbers_that_look_like_markers_stay),
		cmocka_unit_test(test_parse__missing_footnote_body),
		cmocka_unit_test(test_parse__no_debris),
		cmocka_unit_test(test_parse__english_hyphen_and_wraps),
		cmocka_unit_test(test_parse__numbering_diagnostics),
		cmocka_unit_test(test_parse__duplicate_numbers_get_unique_ids),
		cmocka_unit_test(test_parse__annex_ids_do_not_collide),
		cmocka_unit_test(test_parse__annex_headings_in_every_language),
		cmocka_unit_test(test_parse__language_detection),
		cmocka_unit_test(test_parse__four_more_languages),
		cmocka_unit_test(test_parse__sub_letters_past_z),
		cmocka_unit_test(test_parse__dash_number_is_no_footnote_marker),
		cmocka_unit_test(test_parse__star_note_without_rule),
		cmocka_unit_test(test_parse__marker_glued_to_a_year_range),
		cmocka_unit_test(test_parse__opens_with_looks_through_case_and_marks),
		cmocka_unit_test(test_parse__recital_without_blank_line_and_its_list),
		cmocka_unit_test(test_parse__annex_title_and_wrapped_headings),
		cmocka_unit_test(test_parse__sections_that_restart_their_numbering),
		cmocka_unit_test(test_parse__restart_without_heading_is_reported),
		cmocka_unit_test(test_parse__chapeau_without_its_comma),
		cmocka_unit_test(test_parse__bare_chapeau_before_an_unnumbered_paragraph),
		cmocka_unit_test(test_parse__chapeau_opens_a_recital_line),
		cmocka_unit_test(test_parse__chapeau_ends_in_a_colon),
		cmocka_unit_test(test_parse__report_front_stops_at_a_lettered_clause),
		cmocka_unit_test(test_parse__decision_lettered_paragraphs_are_operative),
		cmocka_unit_test(test_parse__double_star_in_the_sponsor_line),
		cmocka_unit_test(test_parse__unlabelled_heading_wraps_onto_a_short_line),
		cmocka_unit_test(test_parse__spaced_marker_after_a_sentence_end),
		cmocka_unit_test(test_parse__number_in_a_list_of_numbers_is_no_marker),
		cmocka_unit_test(test_parse__markers_after_a_date_and_glued_to_a_year),
		cmocka_unit_test(test_parse__day_of_a_date_is_no_marker),
		cmocka_unit_test(test_parse__spaced_marker_after_a_bare_year),
		cmocka_unit_test(test_parse__paragraph_number_without_full_stop),
		cmocka_unit_test(test_parse__marker_without_body_keeps_later_markers),
		cmocka_unit_test(test_parse__one_number_after_a_plural_reference_is_a_marker),
		cmocka_unit_test(test_parse__characters_of_every_width_kept),
		cmocka_unit_test(test_parse__visible_chars_of_every_code_point),
		cmocka_unit_test(test_parse__invalid_utf8_names_offset),
		cmocka_unit_test(test_parse__nul_byte),
		cmocka_unit_test(test_parse__wide_encodings_are_named),
		cmocka_unit_test(test_parse__paragraph_number_over_limit),
		cmocka_unit_test(test_parse__bom_and_crlf_are_transparent),
		cmocka_unit_test(test_parse__empty_and_unrecognisable),
		cmocka_unit_test(test_parse__long_line_refused),
		cmocka_unit_test(test_parse__huge_paragraph_refused),
		cmocka_unit_test(test_parse__language_doubted_aloud),
		cmocka_unit_test(test_parse__huge_file_refused_by_reader),
		cmocka_unit_test(test_parse__file_read_whole),
		cmocka_unit_test(test_parse__many_short_lines_stay_linear),
		cmocka_unit_test(test_parse__work_grows_linearly),
		cmocka_unit_test(test_parse__number_that_is_not_the_marker_stays),
		cmocka_unit_test(test_parse__footnote_wraps_onto_a_sales_number),
		cmocka_unit_test(test_parse__date_at_line_start_is_text),
		cmocka_unit_test(test_parse__title_piece_after_a_page_break_is_text),
		cmocka_unit_test(test_parse__text_read_as_footnote_is_reported),
		cmocka_unit_test(test_parse__symbol_keeps_its_digits),
		cmocka_unit_test(test_parse__marker_cited_twice_is_reported),
		cmocka_unit_test(test_parse__marker_after_a_title),
		cmocka_unit_test(test_parse__marker_glued_to_a_date),
		cmocka_unit_test(test_parse__marker_glued_to_a_year_at_a_line_start),
		cmocka_unit_test(test_parse__spaced_marker_after_a_short_word),
		cmocka_unit_test(test_parse__number_glued_after_a_dotted_number),
		cmocka_unit_test(test_parse__spaced_marker_after_a_title_across_lines),
		cmocka_unit_test(test_parse__annex_title_apart),
		cmocka_unit_test(test_parse__front_star_at_a_line_end),
		cmocka_unit_test(test_parse__text_line_that_recurs_near_page_breaks_stays),
		cmocka_unit_test(test_parse__latin_word_in_chinese_keeps_its_space),
		cmocka_unit_test(test_parse__roman_section_numbers),
		cmocka_unit_test(test_parse__heading_among_recitals),
		cmocka_unit_test(test_parse__marker_before_a_counting_word),
		cmocka_unit_test(test_parse__symbol_line_ending_a_sentence),
		cmocka_unit_test(test_parse__resolution_without_chapeau),
		cmocka_unit_test(test_parse__short_recitals_one_a_line),
		cmocka_unit_test(test_parse__recitals_without_a_chapeau_in_six_languages),
		cmocka_unit_test(test_parse__operative_part_without_a_chapeau),
		cmocka_unit_test(test_parse__declaration_without_its_chapeau),
		cmocka_unit_test(test_parse__running_title_without_a_chapeau),
		cmocka_unit_test(test_parse__bracketed_number_after_a_number_is_a_reference),
		cmocka_unit_test(test_parse__recital_across_a_comma_ended_running_title),
		cmocka_unit_test(test_parse__arabic_indic_digits_read_as_ascii),
		cmocka_unit_test(test_parse__fullwidth_numbers_read_as_ascii),
		cmocka_unit_test(test_parse__arabic_indic_labels_and_markers),
		cmocka_unit_test(test_parse__arabic_numbered_items),
		cmocka_unit_test(test_parse__arabic_mirrored_letter_parentheses),
		cmocka_unit_test(test_parse__arabic_indic_reference_number_stays),
		cmocka_unit_test(test_parse__wrapped_headings_stand_apart),
		cmocka_unit_test(test_parse__roman_chapter_paragraph_number_stays),
		cmocka_unit_test(test_parse__annex_before_a_table),
		cmocka_unit_test(test_parse__spaced_bracket_after_a_reference_number_stays),
		cmocka_unit_test(test_parse__marker_order_resumes_after_a_missed_one),
		cmocka_unit_test(test_parse__footnote_carried_over_under_the_next_rule),
		cmocka_unit_test(test_parse__doubled_letters_after_z),
		cmocka_unit_test(test_parse__markers_after_symbols_and_chapter_paragraphs),
		cmocka_unit_test(test_parse__table_cells_are_no_markers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
