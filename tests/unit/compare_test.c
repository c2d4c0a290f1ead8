/* compare_test.c: comparison keys and n-gram similarity. */
#include "helpers.h"
#include "resdiff/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

static char *key(const char *s, unsigned flags)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_compare_key(&b, s, strlen(s), flags), 0);
	return resdiff_buf_detach(&b);
}

static void assert_same_key(const char *a, const char *b, unsigned flags)
{
	char *ka = key(a, flags), *kb = key(b, flags);
	if (strcmp(ka, kb))
		fail_msg("keys differ:\n  %s -> %s\n  %s -> %s", a, ka, b, kb);
	free(ka);
	free(kb);
}

static void assert_other_key(const char *a, const char *b, unsigned flags)
{
	char *ka = key(a, flags), *kb = key(b, flags);
	if (!strcmp(ka, kb))
		fail_msg("keys equal: %s / %s -> %s", a, b, ka);
	free(ka);
	free(kb);
}

static void test_compare__width_and_spacing_fold(void **state)
{
	assert_same_key("回顾大会第61/16号决议，", "回顾大会第６１／１６号决议,", 0);
	assert_same_key("“信息社会”。", "\"信息社会\".", 0);
	assert_same_key("The  General\nAssembly,", "TheGeneral Assembly，", 0);
	assert_same_key("ｅｆｆｉｃｉｅｎｃｙ", "efficiency", 0);
	assert_same_key("A—B", "A-B", 0);
}

/* The keys' UTF-8 path (no ICU conversion) takes the full-width forms of
 * ASCII and the CJK ideographs itself (copying the bytes of an ideograph
 * no table folds): its keys must be those of ICU's path, for every one. A text ending in "ﬁ" (not NFKC-inert) takes ICU's path; the same
 * text ending in "fi" takes the UTF-8 path: their keys must be equal, for
 * every full-width character in a few contexts, in every kind of key. */
static void test_compare__fullwidth_fast_path_matches_icu(void **state)
{
	static const char *const contexts[][2] = { { "", "" }, { "中", "文" }, { "a", "" },
		{ "", "中 b" }, { "１", "（" } };
	static const unsigned flags[] = { RESDIFF_KEY_EXACT, RESDIFF_KEY_WORDS, RESDIFF_KEY_LOOSE };
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	uint32_t cp;
	size_t c, f;

	(void)state;
	assert_true(U_SUCCESS(err));
	for (cp = 0x4E00; cp <= 0x9FFF; cp++) {
		char icu[16], fast[16];
		if (!unorm2_isInert(nfkc, (UChar32)cp))
			fail_msg("U+%04X is not NFKC-inert", (unsigned)cp);
		snprintf(icu, sizeof(icu), "a %c%c%c\xEF\xAC\x81", 0xE0 | (cp >> 12),
			0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
		snprintf(fast, sizeof(fast), "a %c%c%cfi", 0xE0 | (cp >> 12),
			0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
		for (f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
			assert_same_key(icu, fast, flags[f]);
	}
	for (cp = 0xFF01; cp <= 0xFF5E; cp++) {
		char ch[4] = { (char)0xEF, (char)(0xBC + ((cp - 0xFF00) >> 6)),
			(char)(0x80 | (cp & 0x3F)), 0 };
		for (c = 0; c < sizeof(contexts) / sizeof(contexts[0]); c++) {
			char text[64], icu[80], fast[80];
			resdiff_buf exact = RESDIFF_BUF_INIT, words = RESDIFF_BUF_INIT;
			char *k;
			snprintf(text, sizeof(text), "%s%s%s", contexts[c][0], ch, contexts[c][1]);
			snprintf(icu, sizeof(icu), "%s\xEF\xAC\x81", text);  /* U+FB01 */
			snprintf(fast, sizeof(fast), "%sfi", text);
			for (f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
				assert_same_key(icu, fast, flags[f]);
			/* both keys at once: the same as one by one */
			assert_int_equal(resdiff_compare_keys(&exact, &words, fast, strlen(fast)), 0);
			k = key(icu, RESDIFF_KEY_EXACT);
			assert_string_equal(exact.ptr, k);
			free(k);
			k = key(icu, RESDIFF_KEY_WORDS);
			assert_string_equal(words.ptr, k);
			free(k);
			resdiff_buf_dispose(&exact);
			resdiff_buf_dispose(&words);
		}
	}
}

/* Both keys at once (resdiff_compare_keys: one pass over the text when
 * no code point needs ICU) are the keys one by one, appended to what the
 * buffers held, in every script and when the pass gives up half way (a
 * ligature, ill-formed UTF-8, NFKC's "…"). */
static void test_compare__keys_at_once_match_one_by_one(void **state)
{
	static const char *const texts[] = { "", "a", "Decides, to continue (a) [b]; “c”…",
		"回顾大会第61/16号决议，并注意到。", "１．（ａ）决定「继续」", "中文 mixed 文本",
		"a\xEF\xAC\x81 b 中", "中文\xEF\xAC\x81", "ab\377cd 中", "в своём, достоинстве",
		"المادة ١٢، الجمعيــة", "d’opinion\u202f; ce droit", "  lead  and\ttrail  ",
		"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "…中…" };
	size_t t;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		resdiff_buf exact = RESDIFF_BUF_INIT, words = RESDIFF_BUF_INIT;
		char *ke = key(texts[t], RESDIFF_KEY_EXACT), *kw = key(texts[t], RESDIFF_KEY_WORDS);
		assert_int_equal(resdiff_buf_puts(&exact, "x"), 0);
		assert_int_equal(resdiff_buf_puts(&words, "y"), 0);
		assert_int_equal(resdiff_compare_keys(&exact, &words, texts[t], strlen(texts[t])), 0);
		if (strcmp(exact.ptr + 1, ke) || exact.size != strlen(ke) + 1)
			fail_msg("exact key of %s: %s, one by one %s", texts[t], exact.ptr + 1, ke);
		if (strcmp(words.ptr + 1, kw) || words.size != strlen(kw) + 1)
			fail_msg("words key of %s: %s, one by one %s", texts[t], words.ptr + 1, kw);
		free(ke);
		free(kw);
		resdiff_buf_dispose(&exact);
		resdiff_buf_dispose(&words);
	}
}

/* The words key breaks at ASCII punctuation as ICU classes it (the
 * table in compare.c) and at white space, nowhere else. */
static void test_compare__ascii_punctuation_is_icus(void **state)
{
	unsigned c;

	(void)state;
	for (c = 1; c < 0x80; c++) {
		char text[4] = { 'a', (char)c, 'b', 0 };
		char *k = key(text, RESDIFF_KEY_WORDS);
		int8_t t = u_charType((UChar32)c);
		bool punct = t == U_DASH_PUNCTUATION || t == U_START_PUNCTUATION ||
			t == U_END_PUNCTUATION || t == U_CONNECTOR_PUNCTUATION ||
			t == U_OTHER_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
			t == U_FINAL_PUNCTUATION;
		bool space = c == ' ' || (c >= 0x09 && c <= 0x0D);
		if ((strchr(k, ' ') != NULL) != (punct || space))
			fail_msg("U+%04X: words key \"%s\"", c, k);
		free(k);
	}
}

static void test_compare__real_changes_differ(void **state)
{
	assert_other_key("满意地注意到", "注意到", 0);
	assert_other_key("Decides", "decides", 0);
	assert_other_key("a, b", "a; b", 0);
}

/* Per script (issue 12, core/lang/ru.txt and ar.txt): Cyrillic "ё" is "е"
 * in keys; Arabic tatweel and the optional vowel marks go, and
 * Arabic-Indic and Persian digits are ASCII ones; French typography
 * (curly apostrophe, no-break space before ";") changes no key. The words
 * themselves still differ. */
static void test_compare__script_folds(void **state)
{
	assert_same_key("в своём достоинстве", "в своем достоинстве", 0);
	assert_same_key("Ёлка", "Елка", 0);
	assert_same_key("يولد جميع الناس أحرارًا", "يولد جميع الناس أحرارا", 0);
	assert_same_key("الجمعيــة العامة", "الجمعية العامة", 0);
	assert_same_key("مُتَّحِدَة", "متحدة", 0);
	assert_same_key("المادة ١٢", "المادة 12", 0);
	assert_same_key("۱۹۴۸", "1948", 0);
	assert_same_key("d’opinion ; ce droit", "d'opinion\u202f; ce droit", 0);
	assert_other_key("своем", "своим", 0);
	assert_other_key("وسلامة", "والأمان", 0);
	assert_other_key("المادة ١٢", "المادة 13", 0);
}

static void test_compare__loose_key_folds_case_and_punctuation(void **state)
{
	assert_same_key("Decides, to continue", "decides to continue", RESDIFF_KEY_LOOSE);
	assert_same_key("决定，继续", "决定继续", RESDIFF_KEY_LOOSE);
	assert_other_key("决定继续", "决定停止", RESDIFF_KEY_LOOSE);
}

static void test_compare__similarity(void **state)
{
	double s;
	assert_int_equal(resdiff_compare_similarity(&s, "请秘书长提交报告", "请秘书长提交报告"), 0);
	assert_true(s == 1.0);
	assert_int_equal(resdiff_compare_similarity(&s, "请秘书长提交报告", "请秘书长向大会提交报告"), 0);
	assert_true(s > 0.6 && s < 1.0);
	assert_int_equal(resdiff_compare_similarity(&s, "请秘书长提交报告", "欢迎各国政府作出努力"), 0);
	assert_true(s < 0.1);
	assert_int_equal(resdiff_compare_similarity(&s, "", ""), 0);
	assert_true(s == 1.0);
	/* A key shorter than n is one gram: equal short headings match. */
	assert_int_equal(resdiff_compare_similarity(&s, "A", "A"), 0);
	assert_true(s == 1.0);
}

static void test_compare__invalid_utf8_is_replaced(void **state)
{
	char *k = key("ab\xff" "cd", 0);
	assert_string_equal(k, "ab\xef\xbf\xbd" "cd");
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__width_and_spacing_fold),
		cmocka_unit_test(test_compare__fullwidth_fast_path_matches_icu),
		cmocka_unit_test(test_compare__keys_at_once_match_one_by_one),
		cmocka_unit_test(test_compare__ascii_punctuation_is_icus),
		cmocka_unit_test(test_compare__real_changes_differ),
		cmocka_unit_test(test_compare__script_folds),
		cmocka_unit_test(test_compare__loose_key_folds_case_and_punctuation),
		cmocka_unit_test(test_compare__similarity),
		cmocka_unit_test(test_compare__invalid_utf8_is_replaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
