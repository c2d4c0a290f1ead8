/* lang_test.c: the language table (core/lang/<code>.txt, core/src/lang.c)
 * and the script table: every file loads and is well formed, the table
 * and the files agree, malformed files are refused, and the parser, the
 * keys, the word diff, the aligner, detection and the amendment writer
 * change when a (temporary) language says something new. */
#include "helpers.h"
#include "lang_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the built-in files --------------------------------------------------- */

/* Every embedded file parses strictly (UTF-8, every section's rules, no
 * entry twice) and names every section, so each file shows the slots. */
static void test_lang__every_file_loads_and_has_every_section(void **state)
{
	size_t i, s;
	char header[64];
	(void)state;
	assert_true(lang_file_count >= 6);
	for (i = 0; i < lang_file_count; i++) {
		resdiff_lang *l = NULL;
		if (lang_parse(&l, lang_files[i].code, lang_files[i].text, lang_files[i].len) < 0)
			fail_msg("%s.txt: %s", lang_files[i].code, resdiff_error_last());
		assert_string_equal(l->code, lang_files[i].code);
		assert_non_null(l->script);
		for (s = 0; s < RESDIFF_SECTION_COUNT; s++) {
			snprintf(header, sizeof(header), "\n[%s]\n",
				resdiff_lang_section_name((resdiff_lang_section)s));
			if (!strstr(lang_files[i].text, header))
				fail_msg("%s.txt has no section %s", l->code, header + 1);
		}
		lang_parsed_free(l);
	}
	assert_int_equal(resdiff_lang_load(), 0);
}

/* Every code of the table has a file, and every file a line in the table. */
static void test_lang__table_and_files_agree(void **state)
{
	size_t i, k;
	(void)state;
	assert_int_equal(resdiff_lang_count(), lang_file_count);
	for (i = 0; i < resdiff_lang_count(); i++) {
		for (k = 0; k < lang_file_count; k++)
			if (!strcmp(lang_files[k].code, resdiff_lang_at(i)->code))
				break;
		assert_true(k < lang_file_count);
	}
	for (k = 0; k < lang_file_count; k++)
		assert_true(resdiff_lang_known(lang_files[k].code));
	/* the UN's order, which the CLI's messages show */
	assert_string_equal(resdiff_lang_at(0)->code, "ar");
	assert_string_equal(resdiff_lang_at(5)->code, "es");
	assert_false(resdiff_lang_known("de"));
	assert_string_equal(resdiff_lang_get("de")->code, "");
	assert_int_equal(resdiff_lang_get(NULL)->script->id, RESDIFF_SCRIPT_LATIN);
}

/* What the files say, as the readers see it. */
static void test_lang__sections_as_read(void **state)
{
	const resdiff_lang *zh = resdiff_lang_get("zh"), *ar = resdiff_lang_get("ar");
	const resdiff_lang_list *months = &resdiff_lang_get("fr")->section[RESDIFF_SECTION_MONTHS];
	(void)state;
	assert_false(zh->script->spaced);
	assert_true(ar->script->rtl);
	assert_true(ar->paragraph_number_dash);
	assert_false(zh->paragraph_number_dash);
	assert_string_equal(ar->iso639_2, "ara");
	assert_int_equal(months->count, 12);
	assert_int_equal(months->entry[7].number, 8);
	assert_string_equal(months->entry[7].text, "août");
	assert_string_equal(resdiff_lang_phrase(zh, RESDIFF_SECTION_NUMERIC_DATE, "year"), "年");
	assert_int_equal(zh->section[RESDIFF_SECTION_LABEL_NUMERALS].entry[1].cp, 0x4E8C); /* 二 */
	assert_string_equal(resdiff_lang_phrase(resdiff_lang_get("en"),
		RESDIFF_SECTION_AMENDMENT_PHRASES, "list-last"), " and ");
	assert_null(resdiff_lang_phrase(zh, RESDIFF_SECTION_AMENDMENT_PHRASES, "no-such-key"));
	/* every language's bodies, in table order: Arabic's first */
	assert_string_equal(resdiff_lang_all(RESDIFF_SECTION_BODIES)->entry[0].key, "ECOSOC");
	assert_true(resdiff_lang_all(RESDIFF_SECTION_BODIES)->count >= 24);
}

/* The rank of a clause's opening on a ladder of the files: the longest
 * entry, at a word boundary in a spaced script. */
static int rank_of(const char *code, resdiff_lang_section ladder, const char *key, size_t *matched)
{
	const resdiff_lang_entry *e = resdiff_lang_ladder_match(resdiff_lang_get(code), ladder, key,
		strlen(key), matched);
	return e ? e->number : 0;
}

static void test_lang__ladders(void **state)
{
	const resdiff_lang_section op = RESDIFF_SECTION_OPERATIVE_LADDER;
	const resdiff_lang_section pp = RESDIFF_SECTION_PREAMBULAR_LADDER;
	size_t m;
	(void)state;
	/* the order: notes < welcomes < invites < encourages < calls
	 * upon < requests < urges < demands < decides */
	assert_int_equal(rank_of("en", op, "notes the progress", &m), 1);
	assert_int_equal(rank_of("en", op, "welcomes the holding", &m), 2);
	assert_int_equal(rank_of("en", op, "invites all relevant", &m), 3);
	assert_int_equal(rank_of("en", op, "encourages countries to", &m), 4);
	assert_int_equal(rank_of("en", op, "calls upon all stakeholders", &m), 5);
	assert_int_equal(m, strlen("calls upon"));
	assert_int_equal(rank_of("en", op, "requests the secretary general", &m), 6);
	assert_int_equal(rank_of("en", op, "urges a continued", &m), 7);
	assert_int_equal(rank_of("en", op, "demands that", &m), 8);
	assert_int_equal(rank_of("en", op, "decides to include", &m), 9);
	/* qualified forms: the longest entry */
	assert_int_equal(rank_of("en", op, "also requests the secretary general", &m), 6);
	assert_int_equal(m, strlen("also requests"));
	assert_int_equal(rank_of("en", op, "strongly encourages member states", &m), 5);
	assert_int_equal(rank_of("en", op, "further invites", &m), 3);
	assert_int_equal(rank_of("en", op, "reiterates its call upon states", &m), 5);
	assert_int_equal(rank_of("en", op, "notes with concern that", &m), 2);
	/* a word boundary, and unknown verbs unranked */
	assert_int_equal(rank_of("en", op, "notesx", &m), 0);
	assert_int_equal(rank_of("en", op, "recognizes the importance", &m), 0);
	assert_int_equal(m, 0);
	/* preambular: recalling < welcoming < recognizing < concerned <
	 * deeply concerned < alarmed */
	assert_int_equal(rank_of("en", pp, "recalling also the", &m), 1);
	assert_int_equal(rank_of("en", pp, "welcoming the convening", &m), 2);
	assert_int_equal(rank_of("en", pp, "recognizing the role", &m), 3);
	assert_int_equal(rank_of("en", pp, "concerned that", &m), 4);
	assert_int_equal(rank_of("en", pp, "noting with great concern the", &m), 5);
	assert_int_equal(rank_of("en", pp, "alarmed by", &m), 6);
	/* Chinese: unspaced, and 请 / 要求 left unranked */
	assert_int_equal(rank_of("zh", op, "又鼓励各区域委员会", &m), 4);
	assert_int_equal(m, strlen("又鼓励"));
	assert_int_equal(rank_of("zh", op, "吁请所有利益攸关方", &m), 5);
	assert_int_equal(rank_of("zh", op, "促请联合国各实体", &m), 6);
	assert_int_equal(rank_of("zh", op, "敦促所有国家", &m), 7);
	assert_int_equal(rank_of("zh", op, "决定将因特网治理", &m), 9);
	assert_int_equal(rank_of("zh", op, "请秘书长每年", &m), 0);
	assert_int_equal(rank_of("zh", op, "要求", &m), 0);
	assert_int_equal(rank_of("zh", pp, "又回顾其", &m), 1);
	/* constructed sentences of the languages not yet checked on real text */
	assert_int_equal(rank_of("fr", op, "prie le secrétaire général", &m), 6);
	assert_int_equal(rank_of("fr", op, "se félicite de", &m), 2);
	assert_int_equal(rank_of("fr", op, "engage tous les états", &m), 0);
	assert_int_equal(rank_of("es", op, "solicita al secretario general", &m), 6);
	assert_int_equal(rank_of("es", pp, "acogiendo con beneplácito también la", &m), 2);
	assert_int_equal(rank_of("ru", op, "просит генерального секретаря", &m), 6);
	assert_int_equal(rank_of("ru", op, "призывает государства", &m), 5);
	assert_int_equal(rank_of("ar", op, "تطلب إلى الأمين العام", &m), 6);
	assert_int_equal(rank_of("ar", pp, "وإذ تحيط علما بتقرير", &m), 1);
	/* only the two ladders are ladders */
	assert_null(resdiff_lang_ladder_match(resdiff_lang_get("en"), RESDIFF_SECTION_MONTHS, "may", 3, &m));
}

static long words_value(const char *code, size_t *used, const char *a, const char *b, const char *c)
{
	const char *w[3] = { a, b, c };
	size_t n = c ? 3 : b ? 2 : 1;
	long v;
	*used = resdiff_lang_number_words(resdiff_lang_get(code), w, n, &v);
	return v;
}

static void test_lang__numbers(void **state)
{
	const resdiff_lang *zh = resdiff_lang_get("zh");
	size_t used;
	(void)state;
	assert_int_equal(words_value("en", &used, "seventy", "fourth", NULL), 74);
	assert_int_equal(used, 2);
	assert_int_equal(words_value("en", &used, "eightieth", "session", NULL), 80);
	assert_int_equal(used, 1);
	assert_int_equal(words_value("en", &used, "twenty", "second", "session"), 22);
	assert_int_equal(used, 2);
	words_value("en", &used, "session", NULL, NULL);
	assert_int_equal(used, 0);
	assert_int_equal(words_value("fr", &used, "soixante", "et", "onzième"), 71);
	assert_int_equal(used, 3);
	assert_int_equal(words_value("fr", &used, "quatre", "vingt", "unième"), 81);
	assert_int_equal(words_value("fr", &used, "soixante", "dix", "septième"), 77);
	assert_int_equal(words_value("es", &used, "septuagésimo", "quinto", NULL), 75);
	assert_int_equal(words_value("es", &used, "noventa", NULL, NULL), 90);
	assert_int_equal(words_value("ru", &used, "семьдесят", "пятой", NULL), 75);
	assert_int_equal(words_value("ru", &used, "пятидесятой", NULL, NULL), 50);
	assert_int_equal(words_value("ar", &used, "التاسعة", "والستون", NULL), 69);
	assert_int_equal(words_value("ar", &used, "الحادية", "عشرة", NULL), 11);
	assert_int_equal(resdiff_lang_numerals(zh, "六十四届", strlen("六十四届"), &used), 64);
	assert_int_equal(used, strlen("六十四"));
	assert_int_equal(resdiff_lang_numerals(zh, "二〇一九", strlen("二〇一九"), &used), 2019);
	assert_int_equal(resdiff_lang_numerals(zh, "十四", strlen("十四"), &used), 14);
	assert_int_equal(resdiff_lang_numerals(zh, "一百零二", strlen("一百零二"), &used), 102);
	assert_int_equal(resdiff_lang_numerals(zh, "十二万", strlen("十二万"), &used), 120000);
	assert_int_equal(resdiff_lang_numerals(zh, "一万二千", strlen("一万二千"), &used), 12000);
	assert_int_equal(resdiff_lang_numerals(zh, "三十", strlen("三十"), &used), 30);
	assert_int_equal(resdiff_lang_numerals(zh, "两百", strlen("两百"), &used), 200);
	assert_int_equal(resdiff_lang_numerals(zh, "届", strlen("届"), &used), 0);
	assert_int_equal(used, 0);
	assert_true(resdiff_lang_is_numeral(zh, 0x5341));   /* 十 */
	assert_false(resdiff_lang_is_numeral(resdiff_lang_get("en"), 0x5341));
	{
		/* every listed numeral of every language passes the quick
		 * filter (numeral_bits) and reads as its value */
		size_t i, k;
		for (i = 0; i < resdiff_lang_count(); i++) {
			const resdiff_lang *l = resdiff_lang_at(i);
			const resdiff_lang_list *nl = &l->section[RESDIFF_SECTION_NUMERALS];
			for (k = 0; k < nl->count; k++) {
				if (!resdiff_lang_is_numeral(l, nl->entry[k].cp))
					fail_msg("%s: numeral %s not found", l->code, nl->entry[k].text);
				assert_int_equal(resdiff_lang_numerals(l, nl->entry[k].text,
					nl->entry[k].len, &used), nl->entry[k].number);
			}
		}
	}
}

/* A language's amendment phrases are keys English has: a language file
 * may hold some and not others (each phrase set only with its source,
 * docs/LANGUAGES.md), and one that lacks any phrase English has is
 * written in English, whole (resdiff_amendments_lang), which holds for
 * each of English's phrases: the writer says every one of them. */
static void test_lang__amendment_phrases_complete(void **state)
{
	const resdiff_lang_list *en =
		&resdiff_lang_get("en")->section[RESDIFF_SECTION_AMENDMENT_PHRASES];
	resdiff_buf file = RESDIFF_BUF_INIT;
	const char *missing = "unset";
	size_t i, k;
	(void)state;
	assert_true(en->count > 20);
	for (i = 0; i < resdiff_lang_count(); i++) {
		const resdiff_lang *l = resdiff_lang_at(i);
		const resdiff_lang_list *p = &l->section[RESDIFF_SECTION_AMENDMENT_PHRASES];
		for (k = 0; k < p->count; k++)
			if (!resdiff_lang_phrase(resdiff_lang_get("en"), RESDIFF_SECTION_AMENDMENT_PHRASES,
					p->entry[k].key))
				fail_msg("%s.txt: amendment phrase %s is not one of English's", l->code,
					p->entry[k].key);
		if (p->count == en->count)
			assert_string_equal(resdiff_amendments_lang(l->code, NULL), l->code);
	}
	assert_string_equal(resdiff_amendments_lang("en", &missing), "en");
	assert_null(missing);
	/* English's phrases but the last: written in English, and said */
	resdiff_buf_puts(&file, "[language]\ncode = qa\nname = Q\nscript = latin\n"
		"[amendment-phrases]\n");
	for (k = 0; k + 1 < en->count; k++)
		resdiff_buf_printf(&file, "%s = \"%s\"\n", en->entry[k].key, en->entry[k].text);
	assert_int_equal(lang_register("qa.txt", file.ptr, file.size), 0);
	assert_string_equal(resdiff_amendments_lang("qa", &missing), "en");
	assert_non_null(missing);
	assert_string_equal(missing, en->entry[en->count - 1].key);
	resdiff_buf_dispose(&file);
}

static int name_value(resdiff_buf *out, const char *name, size_t len, void *ctx)
{
	(void)ctx;
	if (len == 1 && name[0] == 'x')
		return resdiff_error_set(RESDIFF_EINVALID, "no {x}");
	return resdiff_buf_printf(out, "<%.*s>", (int)len, name);
}

static void test_lang__expand(void **state)
{
	resdiff_buf out = RESDIFF_BUF_INIT;
	(void)state;
	assert_int_equal(resdiff_lang_expand(&out, "在{ref}之后插入{new}。", name_value, NULL), 0);
	assert_string_equal(out.ptr, "在<ref>之后插入<new>。");
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_lang_expand(&out, "a { b", name_value, NULL), 0);
	assert_string_equal(out.ptr, "a { b");
	assert_int_equal(resdiff_lang_expand(&out, "{x}", name_value, NULL), RESDIFF_EINVALID);
	resdiff_buf_dispose(&out);
}

/* ---- malformed files ------------------------------------------------------- */

static void assert_refused(const char *text, const char *message)
{
	resdiff_lang *l = NULL;
	assert_int_equal(lang_parse(&l, "bad.txt", text, strlen(text)), RESDIFF_EINVALID);
	assert_null(l);
	if (!strstr(resdiff_error_last(), message))
		fail_msg("\"%s\" does not say \"%s\"", resdiff_error_last(), message);
}

#define HEAD "[language]\ncode = xx\nname = Test\nscript = latin\n"

/* Every formula table (core/lang/formula/<code>.txt) names a known
 * language and every line is its own words key (the aligner hashes the
 * lines' words as they stand: a line in another form would never match). */
static void test_lang__formula_tables_are_words_keys(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < formula_file_count; i++) {
		const char *t = formula_files[i].text, *end = t + formula_files[i].len;
		assert_true(resdiff_lang_known(formula_files[i].code));
		while (t < end) {
			const char *nl = memchr(t, '\n', (size_t)(end - t));
			size_t len = nl ? (size_t)(nl - t) : (size_t)(end - t);
			if (len && t[0] != '#') {
				resdiff_buf exact = RESDIFF_BUF_INIT, words = RESDIFF_BUF_INIT;
				assert_int_equal(resdiff_compare_keys(&exact, &words, t, len), 0);
				if (words.size != len || memcmp(words.ptr, t, len))
					fail_msg("%s formula table: \"%.*s\" is not a words key (\"%.*s\")",
						formula_files[i].code, (int)len, t, (int)words.size, words.ptr);
				resdiff_buf_dispose(&exact);
				resdiff_buf_dispose(&words);
			}
			t += len + 1;
		}
	}
}

static void test_lang__malformed_files_refused(void **state)
{
	resdiff_lang *l = NULL;
	(void)state;
	assert_int_equal(lang_parse(&l, "ok.txt", HEAD, strlen(HEAD)), 0);
	assert_string_equal(l->iso639_2, "xx");
	/* without a length model: English's ratio, the default spread */
	assert_true(l->length_ratio == 1 && l->length_noise == RESDIFF_LANG_LENGTH_NOISE);
	lang_parsed_free(l);
	/* numerals start at 0 ("0 = 零"), ranks and ordinals at 1 */
	assert_int_equal(lang_parse(&l, "ok.txt", HEAD "[numerals]\n0 = 零\n",
		strlen(HEAD "[numerals]\n0 = 零\n")), 0);
	assert_int_equal(l->section[RESDIFF_SECTION_NUMERALS].entry[0].number, 0);
	lang_parsed_free(l);
	assert_refused(HEAD "[chapeau-words]\nassembly\ncouncil\nassembly\n", "lists \"assembly\" twice");
	assert_refused(HEAD "[amendment-phrases]\nnone = a\nnone = b\n", "gives \"none\" twice");
	/* the grammar of tabled amendments gives a key several ways, never one way twice */
	assert_int_equal(lang_parse(&l, "ok.txt", HEAD "[amendment-grammar]\nend = .\nend = ;\n",
		strlen(HEAD "[amendment-grammar]\nend = .\nend = ;\n")), 0);
	lang_parsed_free(l);
	assert_refused(HEAD "[amendment-grammar]\nend = .\nend = .\n", "gives \"end = .\" twice");
	assert_refused(HEAD "[no-such-thing]\n", "bad.txt:5: unknown section");
	assert_refused(HEAD "[months]\njanuary\n", "bad.txt:6: KEY = text expected");
	assert_refused(HEAD "[months]\nfirst = january\n", "a number from 1 expected");
	assert_refused(HEAD "[label-numerals]\n1 = 一二\n", "one character expected");
	assert_refused(HEAD "[numerals]\nzero = 零\n", "a number expected");
	assert_refused(HEAD "[numerals]\n10 = 十一\n", "one character expected");
	assert_refused(HEAD "[operative-ladder]\n0 = notes\n", "a number from 1 expected");
	assert_refused(HEAD "[ordinals]\n1 = first\n2 = first\n", "lists \"first\" twice");
	assert_refused(HEAD "[key-folds]\nab = c\n", "one character expected");
	assert_refused(HEAD "[months]\n1 = a\n[months]\n2 = b\n", "section given twice");
	assert_refused("january\n", "bad.txt:1: an entry before any section");
	assert_refused(HEAD "script2 = x\n", "unknown setting");
	assert_refused("[language]\ncode = xx\nname = T\nscript = klingon\n", "no such script");
	assert_refused("[language]\ncode = xx\nscript = latin\n", "needs code, name and script");
	assert_refused(HEAD "paragraph-number-dash = maybe\n", "yes or no expected");
	assert_refused(HEAD "length-ratio = long\n", "a positive number expected");
	assert_refused(HEAD "length-noise = -0.1\n", "a positive number expected");
	assert_refused(HEAD "[chapeau-words]\n\"\"\n", "empty entry");
	assert_refused(HEAD "[amendment-phrases]\nnone =\n", "empty entry");
	assert_refused(HEAD "[chapeau-words]\nas\xC3sembly\n", "invalid UTF-8");
}

/* ---- a temporary language: every reader consults the table ----------------- */

static const char temporary[] =
	"[language]\ncode = xx\nname = Testish\nscript = latin\niso639-2 = xxx\n"
	"[function-words]\nzzq\n"
	"[bodies]\nGA = la parlamentet\n"
	"[chapeau-words]\nparlamentet\n"
	"[months]\n3 = marzipan\n"
	"[leading-words]\nglorbs\n"
	"[key-folds]\nʼ = '\n";

static resdiff_doc *parse_text(const char *text)
{
	resdiff_doc *doc = NULL;
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	opts.language = "en";
	if (resdiff_parse(&doc, text, strlen(text), &opts) < 0)
		fail_msg("parse: %s", resdiff_error_last());
	return doc;
}

static char *key_of(const char *s)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_compare_key(&b, s, strlen(s), 0), 0);
	return resdiff_buf_detach(&b);
}

static size_t edits_of(const char *a, const char *b)
{
	resdiff_arena *arena = resdiff_arena_new();
	resdiff_edit *e = NULL;
	size_t n = 0, i, changed = 0;
	assert_int_equal(resdiff_worddiff(&e, &n, arena, a, strlen(a), b, strlen(b)), 0);
	for (i = 0; i < n; i++)
		changed += e[i].op != RESDIFF_EDIT_EQUAL;
	resdiff_arena_free(arena);
	return changed;
}

static unsigned classify(const char *word)
{
	resdiff_lang_lexicon *lx = NULL;
	unsigned c;
	assert_int_equal(resdiff_lang_lexicon_new(&lx, resdiff_lang_get("xx")), 0);
	c = resdiff_lang_lexicon_classify(lx, word, strlen(word));
	resdiff_lang_lexicon_free(lx);
	return c;
}

/* The leading verb of a clause's words key: the first word, or the one
 * after a modifier, in a spaced script; modifiers and a verb where they
 * stand in Chinese; nothing for a clause that opens with no listed verb. */
static size_t leading(const char *code, const char *text)
{
	resdiff_lang_lexicon *lx = NULL;
	resdiff_buf key = RESDIFF_BUF_INIT;
	size_t n;
	assert_int_equal(resdiff_lang_lexicon_new(&lx, resdiff_lang_get(code)), 0);
	assert_int_equal(resdiff_compare_key(&key, text, strlen(text), RESDIFF_KEY_WORDS), 0);
	n = resdiff_lang_lexicon_leading(lx, resdiff_lang_get(code), key.ptr, key.size);
	resdiff_buf_dispose(&key);
	resdiff_lang_lexicon_free(lx);
	return n;
}

static void test_lang__lexicon_leading_verb(void **state)
{
	(void)state;
	assert_int_equal(leading("en", "Recalling its resolution 75/202,"), strlen("recalling"));
	assert_int_equal(leading("en", "Also requests the Secretary-General"), strlen("also requests"));
	assert_int_equal(leading("en", "The Secretary-General requests"), 0);
	assert_int_equal(leading("fr", "Prie le Secr\u00e9taire g\u00e9n\u00e9ral"), strlen("prie"));
	assert_int_equal(leading("zh", "\u53c8\u8868\u793a\u6ce8\u610f\u5230\u62a5\u544a"),
		strlen("\u53c8\u8868\u793a\u6ce8\u610f\u5230"));
	assert_int_equal(leading("zh", "\u4fe1\u606f\u793e\u4f1a"), 0);
}

static void test_lang__temporary_language_is_consulted(void **state)
{
	static const char text[] = "La Parlamentet,\n\nRecalling its work of 3 marzipan 2020,\n\n"
		"1. Decides to go on.\n";
	static const char detect[] = "zzq blorp zzq flim zzq";
	resdiff_doc *before, *after;
	char *k1, *k2;
	(void)state;

	before = parse_text(text);
	k1 = key_of("lʼeau");
	assert_string_equal(resdiff_text_detect_language(detect, strlen(detect)), "en");
	assert_int_equal(edits_of("lʼeau", "l'eau"), 2);
	assert_false(resdiff_text_language_valid("xx"));

	assert_int_equal(lang_register("xx.txt", temporary, strlen(temporary)), 0);
	assert_int_equal(lang_register("xx.txt", temporary, strlen(temporary)), RESDIFF_EINVALID);
	after = parse_text(text);
	k2 = key_of("lʼeau");

	/* the parser: a chapeau, its body and a date in the new words */
	assert_null(before->meta.chapeau);
	assert_string_equal(after->meta.chapeau, "La Parlamentet,");
	assert_string_equal(after->meta.body, "GA");
	assert_string_equal(after->units[0].id, "PP1");
	/* the keys and the word diff: the new fold */
	assert_string_equal(k1, "lʼeau");
	assert_string_equal(k2, "l'eau");
	assert_int_equal(edits_of("lʼeau", "l'eau"), 0);
	/* the aligner's words, detection, validation, AKN's code */
	assert_int_equal(classify("glorbs"), RESDIFF_LANG_LEADING);
	assert_int_equal(classify("marzipan"), RESDIFF_LANG_ROLLING);
	assert_string_equal(resdiff_text_detect_language(detect, strlen(detect)), "xx");
	assert_true(resdiff_text_language_valid("xx"));
	assert_string_equal(resdiff_akn_language("xx"), "xxx");
	assert_string_equal(resdiff_akn_language_from_iso("xxx"), "xx");

	free(k1);
	free(k2);
	resdiff_doc_free(before);
	resdiff_doc_free(after);
}

/* The amendment writer takes its phrases from the language asked for:
 * a language with phrases of its own writes them. */
static void test_lang__amendment_phrases_are_consulted(void **state)
{
	static const char old_text[] = "The General Assembly,\n\n1. Decides to meet.\n";
	static const char new_text[] = "The General Assembly,\n\n1. Decides to meet again.\n";
	const resdiff_lang_list *en =
		&resdiff_lang_get("en")->section[RESDIFF_SECTION_AMENDMENT_PHRASES];
	resdiff_buf file = RESDIFF_BUF_INIT, out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options ropts;
	resdiff_doc *a = parse_text(old_text), *b = parse_text(new_text), *c;
	resdiff_diff *diff = NULL;
	size_t k;
	(void)state;

	/* "yy": English's phrases, with the edit and header phrases changed */
	resdiff_buf_puts(&file, "[language]\ncode = yy\nname = Y\nscript = latin\n"
		"[amendment-phrases]\n");
	for (k = 0; k < en->count; k++) {
		const char *t = en->entry[k].text;
		if (!strcmp(en->entry[k].key, "header"))
			t = "Änderungen an {old-symbol}";
		else if (!strcmp(en->entry[k].key, "edit"))
			t = "In {ref}: {edits}!";
		else if (!strcmp(en->entry[k].key, "edit-insert-after"))
			t = "nach {context} einfügen {new}";
		else if (!strcmp(en->entry[k].key, "delete"))
			t = "Streichen {nonsense}.";
		resdiff_buf_printf(&file, "%s = \"%s\"\n", en->entry[k].key, t);
	}
	assert_int_equal(lang_register("yy.txt", file.ptr, file.size), 0);
	assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
	memset(&ropts, 0, sizeof(ropts));
	ropts.amend_lang = "yy";
	ropts.old_source = "old.txt";
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), 0);
	assert_string_equal(out.ptr, "Änderungen an old.txt\n\n"
		"1. In operative paragraph 1: nach “Decides to meet” "
		"einfügen “again”!\n");
	/* a phrase with a value the writer does not have is an error */
	resdiff_diff_free(diff);
	resdiff_buf_clear(&out);
	c = parse_text("The General Assembly,\n\n1. Decides to meet again.\n\n2. Decides to part.\n");
	assert_int_equal(resdiff_diff_docs(&diff, c, b, NULL), 0);
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "yy.txt: an amendment phrase holds {nonsense}"));
	/* and a language without phrases writes English's */
	resdiff_buf_clear(&out);
	ropts.amend_lang = "xx";
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &ropts), 0);
	assert_non_null(strstr(out.ptr, "Amendments to old.txt"));

	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(c);
	resdiff_buf_dispose(&file);
	resdiff_buf_dispose(&out);
}

/* ---- the script table -------------------------------------------------------- */

static void test_lang__scripts(void **state)
{
	size_t i;
	(void)state;
	assert_int_equal(resdiff_script_of('a')->id, RESDIFF_SCRIPT_LATIN);
	assert_int_equal(resdiff_script_of('1')->id, RESDIFF_SCRIPT_COMMON);
	assert_int_equal(resdiff_script_of(0x00E9)->id, RESDIFF_SCRIPT_LATIN);    /* é */
	assert_int_equal(resdiff_script_of(0x0431)->id, RESDIFF_SCRIPT_CYRILLIC); /* б */
	assert_int_equal(resdiff_script_of(0x0628)->id, RESDIFF_SCRIPT_ARABIC);   /* ب */
	assert_int_equal(resdiff_script_of(0x5927)->id, RESDIFF_SCRIPT_HAN);      /* 大 */
	assert_int_equal(resdiff_script_of(0x3002)->id, RESDIFF_SCRIPT_COMMON);   /* 。 */
	for (i = 0; i < RESDIFF_SCRIPT_COUNT; i++) {
		const resdiff_script *sc = resdiff_script_get((resdiff_script_id)i);
		assert_int_equal(sc->id, i);
		assert_ptr_equal(resdiff_script_named(sc->name), sc);
	}
	assert_null(resdiff_script_named("klingon"));
	/* the word diff cuts an unspaced script's text per character */
	assert_false(resdiff_script_get(RESDIFF_SCRIPT_HAN)->spaced);
	assert_int_equal(edits_of("鼓励各国", "敦促各国"), 2);
	assert_int_equal(edits_of("encourages States", "urges States"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* the built-in table first: the later tests add languages */
		cmocka_unit_test(test_lang__every_file_loads_and_has_every_section),
		cmocka_unit_test(test_lang__table_and_files_agree),
		cmocka_unit_test(test_lang__sections_as_read),
		cmocka_unit_test(test_lang__ladders),
		cmocka_unit_test(test_lang__numbers),
		cmocka_unit_test(test_lang__amendment_phrases_complete),
		cmocka_unit_test(test_lang__expand),
		cmocka_unit_test(test_lang__malformed_files_refused),
		cmocka_unit_test(test_lang__formula_tables_are_words_keys),
		cmocka_unit_test(test_lang__scripts),
		cmocka_unit_test(test_lang__lexicon_leading_verb),
		cmocka_unit_test(test_lang__temporary_language_is_consulted),
		cmocka_unit_test(test_lang__amendment_phrases_are_consulted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
