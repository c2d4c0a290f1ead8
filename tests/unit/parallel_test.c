/* parallel_test.c: the language versions of one document side by side
 * (resdiff/parallel.h): the six UDHR texts against each other, copies of
 * them broken on purpose, and documents built by hand. */
#include "helpers.h"
#include "resdiff/parallel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The UN's order. */
static const char *const udhr_langs[] = { "ar", "zh", "en", "fr", "ru", "es" };
#define UDHR_LANGS 6

/* ---- the UDHR as units ---------------------------------------------------- */

#include "parallel_udhr.inc"

static char *udhr_text(const char *lang)
{
	char path[64];
	snprintf(path, sizeof(path), "tests/data/udhr/udhr_%s.txt", lang);
	return test_read_source(path, NULL);
}

/* Replace the first `old` in *text by `new` (the test fails without one). */
static void edit(char **text, const char *old, const char *new)
{
	char *at = strstr(*text, old), *out;
	size_t before, olen = strlen(old), nlen = strlen(new);
	if (!at)
		fail_msg("\"%s\" is not in the text", old);
	before = (size_t)(at - *text);
	out = malloc(strlen(*text) - olen + nlen + 1);
	assert_non_null(out);
	memcpy(out, *text, before);
	memcpy(out + before, new, nlen);
	strcpy(out + before + nlen, at + olen);
	free(*text);
	*text = out;
}

/* Remove the line holding `part`. */
static void delete_line(char **text, const char *part)
{
	char *at = strstr(*text, part), *start, *end;
	if (!at)
		fail_msg("\"%s\" is not in the text", part);
	for (start = at; start > *text && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	memmove(start, end ? end + 1 : at + strlen(at), strlen(end ? end + 1 : at + strlen(at)) + 1);
}

/* ---- what a row looks like -------------------------------------------------- */

/* "ar=- zh=PP4 en=PP4+PP5 | missing,split" */
static void row_string(char *out, size_t size, const resdiff_parallel *p, size_t r)
{
	const resdiff_parallel_row *row = &p->rows[r];
	size_t d, k, n = 0, f;
	bool first = true;
	out[0] = '\0';
	for (d = 0; d < p->doc_count; d++) {
		const resdiff_parallel_cell *c = &row->cells[d];
		n += (size_t)snprintf(out + n, size - n, "%s%s=", d ? " " : "", p->keys[d]);
		if (!c->count)
			n += (size_t)snprintf(out + n, size - n, "-");
		for (k = 0; k < c->count; k++)
			n += (size_t)snprintf(out + n, size - n, "%s%s", k ? "+" : "",
				p->docs[d]->units[c->first + k].id);
	}
	n += (size_t)snprintf(out + n, size - n, " |");
	for (f = 0; f < RESDIFF_PARALLEL_FLAG_COUNT; f++)
		if (row->flags >> f & 1) {
			n += (size_t)snprintf(out + n, size - n, "%s%s", first ? " " : ",",
				resdiff_parallel_flag_name(f));
			first = false;
		}
}

/* A unit renamed in one language by a break: units after a deleted or an
 * added paragraph keep their counterparts under other ids. */
typedef struct {
	const char *key;    /* the column */
	const char *id;     /* its id there */
	const char *as;     /* the id of its counterpart in the others */
} renamed;

static const char *canonical(const resdiff_parallel *p, size_t d, const char *id,
		const renamed *renames)
{
	for (; renames && renames->key; renames++)
		if (!strcmp(renames->key, p->keys[d]) && !strcmp(renames->id, id))
			return renames->as;
	return id;
}

/* Every row is either one of `flagged` (exactly, in order) or unflagged
 * with one unit per document and the same id (after `renames`)
 * everywhere. */
static void check_rows(const resdiff_parallel *p, const char *const *flagged, const renamed *renames)
{
	char s[1024];
	size_t r, d, nf = 0;
	for (r = 0; r < p->row_count; r++) {
		const resdiff_parallel_row *row = &p->rows[r];
		const char *id0 = NULL;
		row_string(s, sizeof(s), p, r);
		if (row->flags) {
			if (!flagged[nf])
				fail_msg("row %zu flagged, none expected: %s", r, s);
			if (strcmp(s, flagged[nf]))
				fail_msg("row %zu: %s, expected %s", r, s, flagged[nf]);
			nf++;
			continue;
		}
		for (d = 0; d < p->doc_count; d++) {
			const resdiff_parallel_cell *c = &row->cells[d];
			const char *id;
			if (c->count != 1)
				fail_msg("row %zu unflagged but not one unit each: %s", r, s);
			id = canonical(p, d, p->docs[d]->units[c->first].id, renames);
			if (!id0)
				id0 = id;
			else if (strcmp(id, id0))
				fail_msg("row %zu pairs different paragraphs: %s", r, s);
		}
	}
	if (flagged[nf])
		fail_msg("expected a flagged row %s", flagged[nf]);
}

/* "numbers fr: has 1949; lacks 1948 / missing ar: no counterpart" */
static void reasons_string(char *out, size_t size, const resdiff_parallel *p, size_t r)
{
	const resdiff_parallel_row *row = &p->rows[r];
	size_t i, n = 0;
	out[0] = '\0';
	for (i = 0; i < row->reason_count && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s %s: %s", i ? " / " : "",
			resdiff_parallel_flag_bit_name(row->reasons[i].flag), p->keys[row->reasons[i].doc],
			row->reasons[i].text);
}

/* The reasons of the flagged row whose string (row_string) is `row`. */
static void check_reasons(const resdiff_parallel *p, const char *row, const char *want)
{
	char s[1024], why[1024];
	size_t r;
	for (r = 0; r < p->row_count; r++) {
		row_string(s, sizeof(s), p, r);
		if (strcmp(s, row))
			continue;
		reasons_string(why, sizeof(why), p, r);
		if (strcmp(why, want))
			fail_msg("row %s: reasons \"%s\", expected \"%s\"", row, why, want);
		return;
	}
	fail_msg("no row %s", row);
}

static resdiff_parallel *align_texts(char **texts, const char *const *langs, size_t n,
		resdiff_doc **docs)
{
	resdiff_parallel *p = NULL;
	size_t i;
	for (i = 0; i < n; i++)
		docs[i] = udhr_doc(langs[i], texts[i]);
	if (resdiff_parallel_align(&p, (const resdiff_doc *const *)docs, n) < 0)
		fail_msg("%s", resdiff_error_last());
	return p;
}

static void free_all(resdiff_parallel *p, resdiff_doc **docs, char **texts, size_t n)
{
	size_t i;
	resdiff_parallel_free(p);
	for (i = 0; i < n; i++) {
		resdiff_doc_free(docs[i]);
		free(texts[i]);
	}
}

/* ---- the six texts --------------------------------------------------------- */

/* The recital on friendly relations between nations (PP4 elsewhere) is
 * not in the Arabic text: that row, and nothing else, is flagged; the
 * Arabic recitals after it pair with their counterparts. */
static const renamed arabic_recitals[] = {
	{ "ar", "PP4", "PP5" }, { "ar", "PP5", "PP6" }, { "ar", "PP6", "PP7" }, { NULL, NULL, NULL }
};

static void test_parallel__udhr_six_languages(void **state)
{
	char *texts[UDHR_LANGS];
	resdiff_doc *docs[UDHR_LANGS];
	resdiff_parallel *p;
	static const char *const flagged[] = {
		"ar=- zh=PP4 en=PP4 fr=PP4 ru=PP4 es=PP4 | missing", NULL
	};
	size_t i;
	(void)state;
	for (i = 0; i < UDHR_LANGS; i++)
		texts[i] = udhr_text(udhr_langs[i]);
	p = align_texts(texts, udhr_langs, UDHR_LANGS, docs);
	check_rows(p, flagged, arabic_recitals);
	/* 7 recitals, the proclamation, 30 articles, 50 paragraphs */
	assert_int_equal(p->row_count, 88);
	assert_int_equal(p->anchors, 30);
	assert_int_equal(p->flagged, 1);
	assert_true(p->rows[3].confidence > 0.5);
	check_reasons(p, flagged[0], "missing ar: no counterpart");
	free_all(p, docs, texts, UDHR_LANGS);
}

/* Every pair of languages, both ways round. */
static void test_parallel__udhr_every_pair(void **state)
{
	size_t a, b;
	(void)state;
	for (a = 0; a < UDHR_LANGS; a++)
		for (b = 0; b < UDHR_LANGS; b++) {
			const char *langs[2] = { udhr_langs[a], udhr_langs[b] };
			char *texts[2], expect[64];
			const char *flagged[2] = { NULL, NULL };
			resdiff_doc *docs[2];
			resdiff_parallel *p;
			if (a == b)
				continue;
			texts[0] = udhr_text(langs[0]);
			texts[1] = udhr_text(langs[1]);
			if (!strcmp(langs[0], "ar") || !strcmp(langs[1], "ar")) {
				snprintf(expect, sizeof(expect), "%s=%s %s=%s | missing", langs[0],
					strcmp(langs[0], "ar") ? "PP4" : "-", langs[1],
					strcmp(langs[1], "ar") ? "PP4" : "-");
				flagged[0] = expect;
			}
			p = align_texts(texts, langs, 2, docs);
			check_rows(p, flagged, arabic_recitals);
			free_all(p, docs, texts, 2);
		}
}

/* ---- broken on purpose ----------------------------------------------------- */

/* A paragraph deleted in one language: a recital (no printed number, the
 * later ones renumbered) and an article's second paragraph. */
static void test_parallel__udhr_deleted_paragraph(void **state)
{
	static const char *const langs[] = { "en", "fr", "es", "zh" };
	static const char *const flagged[] = {
		"en=PP3 fr=PP3 es=- zh=PP3 | missing",
		"en=ART13.2 fr=- es=ART13.2 zh=ART13.2 | missing",
		NULL
	};
	static const renamed renames[] = {
		{ "es", "PP3", "PP4" }, { "es", "PP4", "PP5" }, { "es", "PP5", "PP6" },
		{ "es", "PP6", "PP7" }, { NULL, NULL, NULL }
	};
	char *texts[4];
	resdiff_doc *docs[4];
	resdiff_parallel *p;
	size_t i;
	(void)state;
	for (i = 0; i < 4; i++)
		texts[i] = udhr_text(langs[i]);
	delete_line(&texts[2], "Considerando esencial que los derechos humanos");
	delete_line(&texts[1], "Toute personne a le droit de quitter tout pays");
	p = align_texts(texts, langs, 4, docs);
	check_rows(p, flagged, renames);
	free_all(p, docs, texts, 4);
}

/* A paragraph added in one language: a recital, and a paragraph in an
 * article that has one. */
static void test_parallel__udhr_added_paragraph(void **state)
{
	static const char *const langs[] = { "zh", "en", "ru" };
	static const char *const flagged[] = {
		"zh=PP3 en=- ru=- | missing",
		"zh=- en=- ru=ART5.2 | missing",
		NULL
	};
	static const renamed renames[] = {
		{ "zh", "PP4", "PP3" }, { "zh", "PP5", "PP4" }, { "zh", "PP6", "PP5" },
		{ "zh", "PP7", "PP6" }, { "zh", "PP8", "PP7" }, { NULL, NULL, NULL }
	};
	char *texts[3];
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++)
		texts[i] = udhr_text(langs[i]);
	edit(&texts[0], "      鉴于为使人类",
		"      鉴于大会1946年12月11日第95(I)号决议确认了纽伦堡法庭宪章所承认的国际法原则,\n"
		"      鉴于为使人类");
	edit(&texts[2], "унижающим его достоинство обращению и наказанию.",
		"унижающим его достоинство обращению и наказанию.\n"
		"      Это положение не препятствует применению законных санкций, назначенных "
		"независимым и беспристрастным судом в соответствии с законом, при условии, что "
		"такие санкции соразмерны, не унижают человеческого достоинства и подлежат "
		"пересмотру вышестоящим судом.");
	p = align_texts(texts, langs, 3, docs);
	check_rows(p, flagged, renames);
	free_all(p, docs, texts, 3);
}

/* One date in six ways: 10 December 1948 agrees with 1948年12月10日,
 * "10 de diciembre de 1948", "10 декабря 1948 года" and "10 ديسمبر 1948";
 * a year changed in one language is flagged on its row alone. */
static void test_parallel__udhr_changed_number(void **state)
{
	static const char *const flagged[] = {
		"ar=- zh=PP4 en=PP4 fr=PP4 ru=PP4 es=PP4 | missing",
		"ar=ART13.1 zh=ART13.1 en=ART13.1 fr=ART13.1 ru=ART13.1 es=ART13.1 | numbers", NULL
	};
	const char *const agreed[] = { flagged[0], NULL };
	char *texts[UDHR_LANGS];
	resdiff_doc *docs[UDHR_LANGS];
	resdiff_parallel *p;
	size_t i;
	int round;
	(void)state;
	for (round = 0; round < 2; round++) {
		for (i = 0; i < UDHR_LANGS; i++)
			texts[i] = udhr_text(udhr_langs[i]);
		edit(&texts[0], "داخل حدود كل دولة.", "داخل حدود كل دولة منذ 10 ديسمبر 1948.");
		edit(&texts[1], "人人在各国境内有权自由迁徙和居住。",
			"人人在各国境内有权自由迁徙和居住,自1948年12月10日起。");
		edit(&texts[2], "within the borders of each State.",
			"within the borders of each State since 10 December 1948.");
		edit(&texts[3], "à l’intérieur d’un État.", round ?
			"à l’intérieur d’un État depuis le 10 décembre 1949." :
			"à l’intérieur d’un État depuis le 10 décembre 1948.");
		edit(&texts[4], "в пределах каждого государства.",
			"в пределах каждого государства с 10 декабря 1948 года.");
		edit(&texts[5], "en el territorio de un Estado.",
			"en el territorio de un Estado desde el 10 de diciembre de 1948.");
		p = align_texts(texts, udhr_langs, UDHR_LANGS, docs);
		check_rows(p, round ? flagged : agreed, arabic_recitals);
		/* the one language that differs is named, not the five */
		if (round)
			check_reasons(p, flagged[1], "numbers fr: has 1949; lacks 1948");
		free_all(p, docs, texts, UDHR_LANGS);
	}
}

/* A paragraph split in two in one language: a recital and an article's
 * paragraph; the rows after each pair right. */
static void test_parallel__udhr_split_paragraph(void **state)
{
	static const char *const langs[] = { "en", "fr", "zh" };
	static const char *const flagged[] = {
		"en=PP2 fr=PP2+PP3 zh=PP2 | split",
		"en=ART2.1 fr=ART2.1 zh=ART2.1+ART2.2 | split",
		NULL
	};
	static const renamed renames[] = {
		{ "fr", "PP4", "PP3" }, { "fr", "PP5", "PP4" }, { "fr", "PP6", "PP5" },
		{ "fr", "PP7", "PP6" }, { "fr", "PP8", "PP7" }, { "zh", "ART2.3", "ART2.2" },
		{ NULL, NULL, NULL }
	};
	char *texts[3];
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++)
		texts[i] = udhr_text(langs[i]);
	edit(&texts[1], "de l’humanité et que l’avènement d’un monde",
		"de l’humanité,\n      Considérant que l’avènement d’un monde");
	edit(&texts[2], "一切权利和自由,不分种族", "一切权利和自由。\n      不分种族");
	p = align_texts(texts, langs, 3, docs);
	check_rows(p, flagged, renames);
	check_reasons(p, flagged[0], "split fr: 2 units");
	check_reasons(p, flagged[1], "split zh: 2 units");
	free_all(p, docs, texts, 3);
}

/* Half a paragraph gone in one language: its length is far outside the
 * pair's ratio. */
static void test_parallel__udhr_shortened_paragraph(void **state)
{
	static const char *const langs[] = { "ru", "en", "ar" };
	static const char *const flagged[] = {
		"ru=PP4 en=PP4 ar=- | missing",
		"ru=ART7.1 en=ART7.1 ar=ART7.1 | length",
		NULL
	};
	char *texts[3];
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++)
		texts[i] = udhr_text(langs[i]);
	edit(&texts[0], " Все люди имеют право на равную защиту от какой бы то ни было дискриминации, "
		"нарушающей настоящую Декларацию, и от какого бы то ни было подстрекательства к такой "
		"дискриминации.", "");
	p = align_texts(texts, langs, 3, docs);
	check_rows(p, flagged, arabic_recitals);
	/* the shortened one is named, with its share of the length */
	check_reasons(p, flagged[1], "length ru: 31% of the length the others give");
	free_all(p, docs, texts, 3);
}

/* ---- the length model ------------------------------------------------------- */

/* The ratios and spreads in core/lang/<code>.txt are what the UDHR gives
 * (to the third decimal); a changed text or parser shows here, with the
 * values to paste. */
static void test_parallel__length_model_learnt_from_udhr(void **state)
{
	static const char *const order[] = { "en", "ar", "zh", "fr", "ru", "es" };
	resdiff_parallel_length learnt[UDHR_LANGS];
	resdiff_doc *docs[UDHR_LANGS];
	char *texts[UDHR_LANGS];
	size_t i;
	bool ok = true;
	(void)state;
	for (i = 0; i < UDHR_LANGS; i++) {
		texts[i] = udhr_text(order[i]);
		docs[i] = udhr_doc(order[i], texts[i]);
	}
	assert_int_equal(resdiff_parallel_learn_lengths(learnt, (const resdiff_doc *const *)docs,
		UDHR_LANGS), 0);
	for (i = 0; i < UDHR_LANGS; i++) {
		const resdiff_lang *l = resdiff_lang_get(order[i]);
		printf("%s: length-ratio = %.3f, length-noise = %.3f (%zu pairs with en)\n", order[i],
			learnt[i].ratio, learnt[i].noise, learnt[i].pairs);
		ok &= fabs(l->length_ratio - learnt[i].ratio) < 0.0005 &&
			fabs(l->length_noise - learnt[i].noise) < 0.0005;
		if (i)
			assert_int_equal(learnt[i].pairs, 51);
	}
	if (!ok)
		fail_msg("core/lang/*.txt disagree with the values learnt above");
	for (i = 0; i < UDHR_LANGS; i++) {
		resdiff_doc_free(docs[i]);
		free(texts[i]);
	}
}

/* ---- documents built by hand ------------------------------------------------ */

typedef struct {
	const char *id;
	resdiff_unit_kind kind;
	const char *label;
	const char *text;
} hand_unit;

static resdiff_doc *hand_doc(const char *lang, const hand_unit *units)
{
	resdiff_doc *doc;
	size_t i;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, lang), 0);
	for (i = 0; units[i].id; i++)
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, units[i].id, units[i].kind, units[i].label,
			units[i].text, i + 1), 0);
	return doc;
}

static const hand_unit list_en[] = {
	{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling its resolution 64/292 of 28 July 2010 and paragraph 2 (a) of resolution 70/1," },
	{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Encourages States to give priority to: (a) people living in rural areas; (b) women and girls; (c) persons with disabilities;" },
	{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Decides to remain seized of the matter." },
	{ NULL, 0, NULL, NULL }
};
static const hand_unit list_fr[] = {
	{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Rappelant sa résolution 64/292 du 28 juillet 2010 et l’alinéa a) du paragraphe 2 de la résolution 70/1," },
	{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Encourage les États à accorder la priorité : a) aux personnes vivant en zone rurale ; b) aux femmes et aux filles ; c) aux personnes handicapées ;" },
	{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Décide de rester saisie de la question." },
	{ NULL, 0, NULL, NULL }
};
static const hand_unit list_fr_short[] = {
	{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Rappelant sa résolution 64/292 du 28 juillet 2010 et l’alinéa a) du paragraphe 2 de la résolution 70/1," },
	{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Encourage les États à accorder la priorité : a) aux personnes vivant en zone rurale ; b) aux femmes et aux filles ;" },
	{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Décide de rester saisie de la question." },
	{ NULL, 0, NULL, NULL }
};
static const hand_unit list_zh[] = {
	{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "回顾其2010年7月28日第64/292号决议和第70/1号决议第2(a)段，" },
	{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "鼓励各国优先考虑：(a) 农村地区居民；(b) 妇女和女童；(c) 残疾人；" },
	{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "决定继续处理此案。" },
	{ NULL, 0, NULL, NULL }
};

static resdiff_parallel *align_hand(resdiff_doc **docs, size_t n)
{
	resdiff_parallel *p = NULL;
	if (resdiff_parallel_align(&p, (const resdiff_doc *const *)docs, n) < 0)
		fail_msg("%s", resdiff_error_last());
	return p;
}

static void free_hand(resdiff_parallel *p, resdiff_doc **docs, size_t n)
{
	size_t i;
	resdiff_parallel_free(p);
	for (i = 0; i < n; i++)
		resdiff_doc_free(docs[i]);
}

/* A list of three items in two languages, of two in a third: the row is
 * flagged `list` and the short one named; lists of equal length, and a
 * reference such as "paragraph 2 (a)", flag nothing. */
static void test_parallel__list_item_dropped(void **state)
{
	static const char *const flagged[] = { "en=OP1 fr=OP1 zh=OP1 | list", NULL };
	static const char *const none[] = { NULL };
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	(void)state;
	docs[0] = hand_doc("en", list_en);
	docs[1] = hand_doc("fr", list_fr);
	docs[2] = hand_doc("zh", list_zh);
	p = align_hand(docs, 3);
	check_rows(p, none, NULL);
	free_hand(p, docs, 3);

	docs[0] = hand_doc("en", list_en);
	docs[1] = hand_doc("fr", list_fr_short);
	docs[2] = hand_doc("zh", list_zh);
	p = align_hand(docs, 3);
	check_rows(p, flagged, NULL);
	check_reasons(p, flagged[0], "list fr: 2 list items where the others have 3");
	free_hand(p, docs, 3);
}

/* A document symbol changed in one language of three: `numbers`, and
 * the odd one named with what it has and lacks; a paragraph only one
 * language of three has is named where it is. */
static void test_parallel__reasons_name_the_odd_one(void **state)
{
	static const hand_unit fr_symbol[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Rappelant sa résolution 64/292 du 28 juillet 2010 et l’alinéa a) du paragraphe 2 de la résolution 70/1," },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Encourage les États à accorder la priorité : a) aux personnes vivant en zone rurale ; b) aux femmes et aux filles ; c) aux personnes handicapées ;" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Décide de rester saisie de la question." },
		{ "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "Prie le Secrétaire général de lui faire rapport à sa quatre-vingtième session, comme demandé dans le document A/78/176." },
		{ NULL, 0, NULL, NULL }
	};
	static const hand_unit en_symbol[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling its resolution 64/292 of 28 July 2010 and paragraph 2 (a) of resolution 70/1," },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Encourages States to give priority to: (a) people living in rural areas; (b) women and girls; (c) persons with disabilities;" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Decides to remain seized of the matter." },
		{ "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "Requests the Secretary-General to report to it at its eightieth session, as requested in document A/78/167." },
		{ NULL, 0, NULL, NULL }
	};
	static const char *const flagged[] = {
		"en=OP3 fr=OP3 zh=- | missing,numbers", NULL
	};
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	(void)state;
	docs[0] = hand_doc("en", en_symbol);
	docs[1] = hand_doc("fr", fr_symbol);
	docs[2] = hand_doc("zh", list_zh);
	p = align_hand(docs, 3);
	check_rows(p, flagged, NULL);
	check_reasons(p, flagged[0], "missing zh: no counterpart / numbers en: has A/78/167"
		" / numbers fr: has A/78/176");
	free_hand(p, docs, 3);

	/* two of three lack it: it is named where it is */
	docs[0] = hand_doc("zh", list_zh);
	docs[1] = hand_doc("fr", fr_symbol);
	docs[2] = hand_doc("en", list_en);
	p = align_hand(docs, 3);
	check_reasons(p, "zh=- fr=OP3 en=- | missing", "missing fr: only here: the others lack it");
	free_hand(p, docs, 3);
}

/* Chinese numerals where the others print digits (zh.txt
 * [numeral-contexts]): a year and a date written in numerals, an article
 * cited "第十二条", a percentage "百分之五", a number of days "三十日"
 * agree with 1948, 10 December, article 12, 5 per cent, 30 days; a session
 * "第七十五届" is no number, as "seventy-fifth" is none. The same text
 * citing "第十三条" is flagged, and the reason shows the numeral as
 * printed (12 it still has: the month of "十二月"). */
static void test_parallel__chinese_numerals(void **state)
{
	static const hand_unit en[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling the Universal Declaration of Human Rights, adopted on 10 December 1948, and article 12 thereof," },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Decides that, as from its seventy-fifth session, at least 5 per cent of the budget shall go to the programme;" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Requests a report within 30 days." },
		{ NULL, 0, NULL, NULL }
	};
	static const hand_unit fr[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "Rappelant la Déclaration universelle des droits de l’homme, adoptée le 10 décembre 1948, et son article 12," },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Décide qu’à compter de sa soixante-quinzième session, au moins 5 % du budget seront consacrés au programme ;" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Demande qu’un rapport soit présenté dans les 30 jours." },
		{ NULL, 0, NULL, NULL }
	};
	static const hand_unit zh[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "回顾一九四八年十二月十日通过的《世界人权宣言》及其第十二条，" },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "决定自第七十五届会议起，将预算的至少百分之五用于该方案；" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "请在三十日内提交报告。" },
		{ NULL, 0, NULL, NULL }
	};
	static const hand_unit zh_misprint[] = {
		{ "PP1", RESDIFF_UNIT_PREAMBLE, "", "回顾一九四八年十二月十日通过的《世界人权宣言》及其第十三条，" },
		{ "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "决定自第七十五届会议起，将预算的至少百分之五用于该方案；" },
		{ "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "请在三十日内提交报告。" },
		{ NULL, 0, NULL, NULL }
	};
	static const char *const none[] = { NULL };
	static const char *const flagged[] = { "en=PP1 fr=PP1 zh=PP1 | numbers", NULL };
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	(void)state;
	docs[0] = hand_doc("en", en);
	docs[1] = hand_doc("fr", fr);
	docs[2] = hand_doc("zh", zh);
	p = align_hand(docs, 3);
	check_rows(p, none, NULL);
	free_hand(p, docs, 3);

	docs[0] = hand_doc("en", en);
	docs[1] = hand_doc("fr", fr);
	docs[2] = hand_doc("zh", zh_misprint);
	p = align_hand(docs, 3);
	check_rows(p, flagged, NULL);
	check_reasons(p, flagged[0], "numbers zh: has 第十三条 = 13");
	free_hand(p, docs, 3);
}

/* The adoption date of one language of three differs: the metadata is
 * flagged and that language named; a date only one gives, or dates that
 * agree, flag nothing. */
static void test_parallel__metadata_dates_agree(void **state)
{
	resdiff_doc *docs[3];
	resdiff_parallel *p;
	static const char *const dates[][3] = {
		{ "1948-12-10", "1948-12-10", "1949-12-10" },
		{ "1948-12-10", "1948-12-10", "1948-12-10" },
		{ NULL, "1948-12-10", NULL },
	};
	size_t round, d;
	(void)state;
	for (round = 0; round < 3; round++) {
		docs[0] = hand_doc("en", list_en);
		docs[1] = hand_doc("fr", list_fr);
		docs[2] = hand_doc("zh", list_zh);
		for (d = 0; d < 3; d++)
			assert_int_equal(resdiff_doc_set_meta(docs[d], &docs[d]->meta.date, dates[round][d]), 0);
		p = align_hand(docs, 3);
		assert_int_equal(p->flagged, 0);
		if (round == 0) {
			assert_int_equal(p->meta_flags, RESDIFF_PARALLEL_NUMBERS);
			assert_int_equal(p->meta_reason_count, 1);
			assert_int_equal(p->meta_reasons[0].doc, 2);
			assert_string_equal(p->meta_reasons[0].text, "date 1949-12-10 where the others have 1948-12-10");
		} else {
			assert_int_equal(p->meta_flags, 0);
			assert_int_equal(p->meta_reason_count, 0);
		}
		free_hand(p, docs, 3);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parallel__udhr_six_languages),
		cmocka_unit_test(test_parallel__udhr_every_pair),
		cmocka_unit_test(test_parallel__udhr_deleted_paragraph),
		cmocka_unit_test(test_parallel__udhr_added_paragraph),
		cmocka_unit_test(test_parallel__udhr_changed_number),
		cmocka_unit_test(test_parallel__udhr_split_paragraph),
		cmocka_unit_test(test_parallel__udhr_shortened_paragraph),
		cmocka_unit_test(test_parallel__length_model_learnt_from_udhr),
		cmocka_unit_test(test_parallel__list_item_dropped),
		cmocka_unit_test(test_parallel__chinese_numerals),
		cmocka_unit_test(test_parallel__reasons_name_the_odd_one),
		cmocka_unit_test(test_parallel__metadata_dates_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
