/* diff_signals_test.c: what the diff reads for a negotiator (verb shifts,
 * rolling updates) on clauses built by hand in several languages. */
#include "helpers.h"
#include "diff_signals.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document of one clause of the given kind. */
static resdiff_doc *doc1(const char *symbol, const char *lang, resdiff_unit_kind kind,
		const char *text)
{
	resdiff_doc *doc = NULL;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, symbol), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, lang), 0);
	assert_int_equal(resdiff_doc_add_unit(NULL, doc, kind == RESDIFF_UNIT_PREAMBLE ? "PP1" : "OP1",
		kind, kind == RESDIFF_UNIT_PREAMBLE ? NULL : "1.", text, 1), 0);
	return doc;
}

/* Two one-clause documents and their diff (which borrows them). */
typedef struct {
	resdiff_doc *old_doc, *new_doc;
	resdiff_diff *diff;
} pair;

static void pair_make(pair *p, const char *osym, const char *nsym, const char *lang,
		resdiff_unit_kind kind, const char *old_text, const char *new_text)
{
	resdiff_align_options aopts = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_align_pin pin = { "OP1", "OP1", false };
	if (kind == RESDIFF_UNIT_PREAMBLE)
		pin.old_id = pin.new_id = "PP1";
	aopts.pins = &pin;  /* the clause pair is what is tested, not the aligner */
	aopts.pin_count = 1;
	p->old_doc = doc1(osym, lang, kind, old_text);
	p->new_doc = doc1(nsym, lang, kind, new_text);
	p->diff = NULL;
	if (resdiff_diff_docs(&p->diff, p->old_doc, p->new_doc, &aopts) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_int_equal(p->diff->alignment->change_count, 1);
}

static void pair_dispose(pair *p)
{
	resdiff_diff_free(p->diff);
	resdiff_doc_free(p->old_doc);
	resdiff_doc_free(p->new_doc);
}

/* The opening verbs of the one change of a `kind` clause, and their shift
 * when ranked. */
static void assert_verb_kind(resdiff_unit_kind kind, const char *lang, const char *old_text,
		const char *new_text, const char *old_verb, const char *new_verb, bool ranked, int shift)
{
	pair p;
	const resdiff_change_signals *sg;
	int got;
	pair_make(&p, "A/RES/74/1", "A/RES/75/1", lang, kind, old_text, new_text);
	sg = &p.diff->signals[0];
	assert_true(sg->verb_changed);
	assert_string_equal(sg->verb.old_verb, old_verb);
	assert_string_equal(sg->verb.new_verb, new_verb);
	assert_int_equal(resdiff_verb_shift(&sg->verb, &got), ranked);
	if (ranked)
		assert_int_equal(got, shift);
	pair_dispose(&p);
}

static void assert_verb(const char *lang, const char *old_text, const char *new_text,
		const char *old_verb, const char *new_verb, bool ranked, int shift)
{
	assert_verb_kind(RESDIFF_UNIT_OPERATIVE, lang, old_text, new_text, old_verb, new_verb, ranked, shift);
}

/* The preambular scale of disapproval (A/80/L.2 PP2 -> A/RES/80/1 PP2). */
static void test_diff_signals__preambular_disapproval(void **state)
{
	(void)state;
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "en",
		"Deploring, in this regard, the decision to deny visas to the delegation,",
		"Regretting, in this regard, the decision to deny visas to the delegation,",
		"deploring", "regretting", true, -2);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "en",
		"Expressing concern at the continued attacks,",
		"Strongly condemning the continued attacks,",
		"expressing concern", "strongly condemning", true, 4);
}

static void test_diff_signals__verb_strengthened_and_weakened(void **state)
{
	(void)state;
	assert_verb("en", "Encourages Member States to support the programme;",
		"Urges Member States to support the programme;", "encourages", "urges", true, 3);
	assert_verb("en", "Decides to consider the question at its next session;",
		"Invites the Assembly to consider the question at its next session;",
		"decides", "invites", true, -6);
	/* modifiers before a ranked verb (held-out A/RES/80/4 OP3) */
	assert_verb("en", "Encourages States to repeal such laws;",
		"Once again urges States to repeal such laws;", "encourages", "once again urges", true, 3);
	assert_verb("en", "Requests the Secretary-General to submit a report;",
		"Also requests the Secretary-General to submit a report;",
		"requests", "also requests", true, 0);
	/* a declaration speaks in the first person (A/RES/80/3's annex) */
	assert_verb("en", "We invite Member States to support the programme;",
		"Urges Member States to support the programme;", "we invite", "urges", true, 4);
	assert_verb("en", "We further welcome the programme;", "Notes the programme;",
		"we further welcome", "notes", true, -1);
	assert_verb("fr", "Encourage les États Membres à soutenir le programme;",
		"Prie les États Membres de soutenir le programme;", "encourage", "prie", true, 2);
	/* the longest entry: "prie instamment" (urges) is not "prie" (requests) */
	assert_verb("fr", "Encourage les États Membres à soutenir le programme;",
		"Prie instamment les États Membres de soutenir le programme;", "encourage",
		"prie instamment", true, 3);
	assert_verb("ru", "Призывает государства поддержать программу;",
		"Просит государства поддержать программу;", "призывает", "просит", true, 1);
	assert_verb("ar", "تناشد الدول دعم البرنامج؛", "تطلب إلى الدول دعم البرنامج؛", "تناشد", "تطلب",
		true, 1);
	assert_verb("zh", "鼓励各会员国支持该方案；", "敦促各会员国支持该方案；", "鼓励", "敦促",
		true, 3);
	assert_verb("zh", "决定继续审议该问题；", "邀请会员国继续审议该问题；", "决定", "邀请",
		true, -6);
}

/* An unlisted verb is not an error: it is named, unranked. */
static void test_diff_signals__unranked_verb_has_no_shift(void **state)
{
	(void)state;
	assert_verb("en", "Recognizes the role of the programme;",
		"Stresses the role of the programme;", "recognizes", "stresses", false, 0);
	/* a modifier before an unranked verb (A/RES/76/189 OP17 -> 78/132 OP22) */
	assert_verb("en", "Also recognizes the importance of broadband access;",
		"Stresses the need to provide broadband access;", "also recognizes", "stresses", false, 0);
}

/* The verb ladders against the openers of real text in each language: the
 * six UDHR files (tests/data/udhr). Their recitals open with "Whereas",
 * "Considérant", "Considerando", "принимая во внимание", "لما كان",
 * "鉴于" and the formula with "proclaims" and its renderings: none has an
 * agreed strength, so none may match a ladder entry (an entry such as
 * "considérant", which also renders "recognizing", or a prefix match of
 * "prie" in "proclame" would rank them). docs/LANGUAGES.md, "Verb ladders". */
static void test_diff_signals__udhr_openers_stay_unranked(void **state)
{
	static const char *const langs[] = { "ar", "zh", "en", "fr", "ru", "es" };
	size_t l, i, checked = 0;
	(void)state;
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		char path[64];
		resdiff_doc *doc;
		const resdiff_lang *lang = resdiff_lang_get(langs[l]);
		snprintf(path, sizeof(path), "tests/data/udhr/udhr_%s.txt", langs[l]);
		doc = test_parse_source(path, langs[l]);
		for (i = 0; i < doc->unit_count; i++) {
			const resdiff_unit *u = &doc->units[i];
			resdiff_buf key = RESDIFF_BUF_INIT;
			size_t matched = 0;
			resdiff_lang_section ladder = u->kind == RESDIFF_UNIT_PREAMBLE ?
				RESDIFF_SECTION_PREAMBULAR_LADDER : RESDIFF_SECTION_OPERATIVE_LADDER;
			if (u->kind != RESDIFF_UNIT_PREAMBLE && u->kind != RESDIFF_UNIT_OPERATIVE)
				continue;
			assert_int_equal(resdiff_compare_key(&key, u->text, strlen(u->text), RESDIFF_KEY_WORDS), 0);
			if (resdiff_lang_ladder_match(lang, ladder, key.ptr, key.size, &matched))
				fail_msg("%s %s: \"%.40s\" matched a ladder entry", langs[l], u->id, u->text);
			checked++;
			resdiff_buf_dispose(&key);
		}
		resdiff_doc_free(doc);
	}
	/* 7 recitals and the formula in five files, 6 + 1 in the Arabic */
	assert_int_equal(checked, 5 * 8 + 7);
}

/* Verbs a real UN text shows in the language, ranked as their English
 * counterparts (docs/LANGUAGES.md, "Verb ladders", names each source):
 * Arabic ترحب (welcomes), تشجع (encourages), تهيب (calls upon), تقرر
 * (decides); Russian "отмечая с серьезной обеспокоенностью" (noting with
 * serious concern), printed with "ё" or not. Before, each was unranked. */
static void test_diff_signals__arabic_and_russian_verbs_from_un_texts(void **state)
{
	(void)state;
	assert_verb("ar", "ترحب بالتقرير؛", "تشجع الدول على دعم البرنامج؛", "ترحب", "تشجع", true, 2);
	assert_verb("ar", "تهيب بالدول دعم البرنامج؛", "تقرر دعم البرنامج؛", "تهيب", "تقرر", true, 4);
	assert_verb("ar", "تقرر دعم البرنامج؛", "ترحب بالبرنامج؛", "تقرر", "ترحب", true, -7);
	assert_verb("ar", "تناشد الدول دعم البرنامج؛", "تهيب بالدول دعم البرنامج؛", "تناشد", "تهيب",
		true, 0);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "ru", "ссылаясь на свою резолюцию 70/1,",
		"отмечая с серьезной обеспокоенностью доклад,", "ссылаясь",
		"отмечая с серьезной обеспокоенностью", true, 4);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "ru", "Отмечая с серьёзной обеспокоенностью доклад,",
		"Приветствуя доклад,", "отмечая с серьезной обеспокоенностью", "приветствуя", true, -3);
}

/* The same verb: no verb change. */
static void test_diff_signals__same_verb_is_no_signal(void **state)
{
	pair p;
	(void)state;
	pair_make(&p, "A/RES/74/1", "A/RES/75/1", "en", RESDIFF_UNIT_OPERATIVE,
		"Urges Member States to support the programme;",
		"Urges all Member States to support the programme;");
	assert_false(p.diff->signals[0].verb_changed);
	pair_dispose(&p);
}

/* An adverb or a particle that opens a clause is not its verb: "وإذ"
 * (and whereas) opens almost every Arabic recital, so naming it as the
 * verb hid every change of the verb after it; "вновь" (again),
 * "настоятельно" (urgently: "настоятельно призывает" renders "urges"),
 * "profundamente" (deeply) go with the verb they precede. */
static void test_diff_signals__adverb_or_particle_is_not_the_verb(void **state)
{
	pair p;
	(void)state;
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "ar", "وإذ تعيد تأكيد قرارها 70/1،",
		"وإذ تؤكد قرارها 70/1،", "وإذ تعيد", "وإذ تؤكد", false, 0);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "ru", "вновь подтверждая свою резолюцию 70/1,",
		"признавая свою резолюцию 70/1,", "вновь подтверждая", "признавая", false, 0);
	assert_verb("ru", "Призывает государства поддержать программу;",
		"Настоятельно призывает государства поддержать программу;", "призывает",
		"настоятельно призывает", true, 2);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "es", "Recordando su resolución 70/1,",
		"Profundamente preocupada por su resolución 70/1,", "recordando",
		"profundamente preocupada", false, 0);
	assert_verb_kind(RESDIFF_UNIT_PREAMBLE, "en", "Fully aware of the role of the programme,",
		"Fully convinced of the role of the programme,", "fully aware", "fully convinced", false, 0);
	/* the same opening on both sides is still no signal */
	pair_make(&p, "A/RES/74/1", "A/RES/75/1", "ar", RESDIFF_UNIT_PREAMBLE,
		"وإذ تؤكد قرارها 70/1،", "وإذ تؤكد من جديد قرارها 70/1،");
	assert_false(p.diff->signals[0].verb_changed);
	pair_dispose(&p);
}

static bool rolling_of(const char *osym, const char *nsym, const char *lang,
		const char *old_text, const char *new_text, size_t *runs, size_t *rolling)
{
	pair p;
	bool r;
	size_t k, tagged = 0;
	pair_make(&p, osym, nsym, lang, RESDIFF_UNIT_OPERATIVE, old_text, new_text);
	r = p.diff->signals[0].rolling;
	*runs = p.diff->signals[0].edit_runs;
	*rolling = p.diff->signals[0].rolling_runs;
	/* the edits carry the tag the counts say: equal runs never */
	for (k = 0; k < p.diff->edit_count[0]; k++) {
		if (p.diff->edits[0][k].op == RESDIFF_EDIT_EQUAL)
			assert_false(p.diff->edits[0][k].rolling);
		tagged += p.diff->edits[0][k].rolling;
	}
	assert_true((tagged > 0) == (*rolling > 0));
	pair_dispose(&p);
	return r;
}

static void test_diff_signals__rolling_updates(void **state)
{
	size_t runs, rolling;
	(void)state;
	assert_true(rolling_of("A/RES/74/197", "A/RES/75/202", "en",
		"Decides to include in the provisional agenda of its seventy-fifth session the item;",
		"Decides to include in the provisional agenda of its seventy-sixth session the item;",
		&runs, &rolling));
	assert_int_equal(runs, 1);
	assert_int_equal(rolling, 1);
	/* a report symbol, a year and the previous resolution of the series */
	assert_true(rolling_of("A/RES/74/197", "A/RES/75/202", "en",
		"Recalling its resolution 73/218 of 20 December 2018 and taking note of A/74/62-E/2019/6;",
		"Recalling its resolution 74/197 of 19 December 2019 and taking note of A/75/62-E/2020/6;",
		&runs, &rolling));
	/* the dates of an annual session (A/RES/75/202 -> 76/189 PP18) */
	assert_true(rolling_of("A/RES/75/202", "A/RES/76/189", "en",
		"Noting the holding of the session from 10 to 12 June 2020;",
		"Noting the holding of the session from 17 to 21 May 2021;", &runs, &rolling));
	assert_true(rolling_of("A/RES/74/1", "A/RES/75/1", "fr",
		"Décide d’inscrire la question à l’ordre du jour de sa soixante-quatorzième session;",
		"Décide d’inscrire la question à l’ordre du jour de sa soixante-quinzième session;",
		&runs, &rolling));
	assert_true(rolling_of("A/RES/74/1", "A/RES/75/1", "es",
		"Decide incluir el tema en el programa provisional de su septuagésimo cuarto período de sesiones;",
		"Decide incluir el tema en el programa provisional de su septuagésimo quinto período de sesiones;",
		&runs, &rolling));
	assert_true(rolling_of("A/RES/74/1", "A/RES/75/1", "ru",
		"Постановляет включить этот пункт в предварительную повестку дня своей семьдесят четвертой сессии;",
		"Постановляет включить этот пункт в предварительную повестку дня своей семьдесят пятой сессии;",
		&runs, &rolling));
	assert_true(rolling_of("A/RES/74/1", "A/RES/75/1", "ar",
		"تقرر أن تدرج هذا البند في جدول الأعمال المؤقت لدورتها الرابعة والسبعين؛",
		"تقرر أن تدرج هذا البند في جدول الأعمال المؤقت لدورتها الخامسة والسبعين؛",
		&runs, &rolling));
	/* two sessions on in Russian is a postponement, not the update */
	assert_false(rolling_of("A/RES/74/1", "A/RES/75/1", "ru",
		"Постановляет включить этот пункт в предварительную повестку дня своей семьдесят четвертой сессии;",
		"Постановляет включить этот пункт в предварительную повестку дня своей семьдесят шестой сессии;",
		&runs, &rolling));
	assert_true(rolling_of("A/RES/74/1", "A/RES/75/1", "zh",
		"决定将该项目列入大会第七十四届会议临时议程；",
		"决定将该项目列入大会第七十五届会议临时议程；", &runs, &rolling));
	assert_true(rolling_of("E/RES/2019/24", "E/RES/2020/12", "zh",
		"回顾其2019年7月23日第2019/24号决议；",
		"回顾其2020年7月17日第2020/12号决议；", &runs, &rolling));
}

/* Numbers that change by something else than the distance between the two
 * texts are substance. */
static void test_diff_signals__number_changes_that_are_substance(void **state)
{
	size_t runs, rolling;
	(void)state;
	assert_false(rolling_of("A/RES/74/1", "A/RES/75/1", "en",
		"Decides to allocate 10 per cent of the budget to the programme;",
		"Decides to allocate 20 per cent of the budget to the programme;", &runs, &rolling));
	assert_int_equal(rolling, 0);
	/* one session on, but the session moved by two: a postponement */
	assert_false(rolling_of("A/RES/74/1", "A/RES/75/1", "en",
		"Decides to include the item in the agenda of its seventy-fifth session;",
		"Decides to include the item in the agenda of its seventy-seventh session;",
		&runs, &rolling));
	/* a year moved back */
	assert_false(rolling_of("A/RES/74/1", "A/RES/75/1", "en",
		"Requests a report by 2021;", "Requests a report by 2020;", &runs, &rolling));
	/* a rolling session and a substantive word: partly rolling */
	assert_false(rolling_of("A/RES/74/1", "A/RES/75/1", "en",
		"Requests a report at its seventy-fifth session;",
		"Requests an oral report at its seventy-sixth session;", &runs, &rolling));
	assert_int_equal(runs, 2);
	assert_int_equal(rolling, 1);
}

/* How far apart two texts are, from their symbols. */
static void test_diff_signals__steps_from_symbols_and_dates(void **state)
{
	resdiff_doc *a = doc1("A/RES/74/197", "en", RESDIFF_UNIT_OPERATIVE, "x");
	resdiff_doc *b = doc1("A/RES/76/189", "en", RESDIFF_UNIT_OPERATIVE, "x");
	resdiff_doc *c = doc1("E/RES/2017/21", "en", RESDIFF_UNIT_OPERATIVE, "x");
	resdiff_doc *d = doc1("E/RES/2009/7", "en", RESDIFF_UNIT_OPERATIVE, "x");
	long steps[2];
	(void)state;
	assert_true(diff_rolling_steps(steps, a, b));
	assert_int_equal(steps[0], 2);
	assert_int_equal(steps[1], 2);
	assert_true(diff_rolling_steps(steps, d, c));
	assert_int_equal(steps[0], 8);
	assert_int_equal(steps[1], 8);
	/* backwards: nothing moves forward */
	assert_true(diff_rolling_steps(steps, b, a));
	assert_int_equal(steps[0], 0);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(c);
	resdiff_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_signals__verb_strengthened_and_weakened),
		cmocka_unit_test(test_diff_signals__unranked_verb_has_no_shift),
		cmocka_unit_test(test_diff_signals__udhr_openers_stay_unranked),
		cmocka_unit_test(test_diff_signals__preambular_disapproval),
		cmocka_unit_test(test_diff_signals__arabic_and_russian_verbs_from_un_texts),
		cmocka_unit_test(test_diff_signals__same_verb_is_no_signal),
		cmocka_unit_test(test_diff_signals__adverb_or_particle_is_not_the_verb),
		cmocka_unit_test(test_diff_signals__rolling_updates),
		cmocka_unit_test(test_diff_signals__number_changes_that_are_substance),
		cmocka_unit_test(test_diff_signals__steps_from_symbols_and_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
