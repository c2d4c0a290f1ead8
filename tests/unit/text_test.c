/* text_test.c: UTF-8, scripts, language detection, sanitising. */
#include "helpers.h"
#include "resdiff/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* resdiff_utf8_decode against ICU's U8_NEXT on b[0..n): the same code
 * point (or both ill-formed) and the same number of bytes consumed.
 * Returns 1 on a disagreement, after printing it. */
static int decode_differs(const uint8_t *b, int32_t n)
{
	size_t adv = 0;
	int32_t ours = resdiff_utf8_decode((const char *)b, (size_t)n, &adv), i = 0, k;
	UChar32 icu;

	U8_NEXT(b, i, n, icu);
	if (icu < 0)
		icu = -1;
	if (ours == icu && adv == (size_t)i)
		return 0;
	fprintf(stderr, "decode of");
	for (k = 0; k < n; k++)
		fprintf(stderr, " %02X", b[k]);
	fprintf(stderr, ": resdiff %d (%zu bytes), ICU %d (%d bytes)\n", ours, adv, icu, i);
	return 1;
}

/* Every sequence of 1, 2 and 3 bytes (16 843 008 in all), and of the 4-byte
 * sequences: all whose lead is F0..F4 (5 x 2^24, the only leads that read
 * a fourth byte), and for every other lead every 3-byte prefix with a
 * fourth byte that varies over the prefixes (so each fourth-byte value
 * comes with 65 536 prefixes). RESDIFF_TEST_UTF8_ALL=1 runs all 2^32. */
static void test_text__utf8_decode_agrees_with_icu(void **state)
{
	const char *all = getenv("RESDIFF_TEST_UTF8_ALL");
	uint8_t b[4];
	uint32_t x, lead;
	size_t bad = 0;

	for (x = 0; x < 0x100; x++) {
		b[0] = (uint8_t)x;
		bad += (size_t)decode_differs(b, 1);
	}
	for (x = 0; x < 0x10000 && bad < 10; x++) {
		b[0] = (uint8_t)(x >> 8), b[1] = (uint8_t)x;
		bad += (size_t)decode_differs(b, 2);
	}
	for (x = 0; x < 0x1000000 && bad < 10; x++) {
		b[0] = (uint8_t)(x >> 16), b[1] = (uint8_t)(x >> 8), b[2] = (uint8_t)x;
		bad += (size_t)decode_differs(b, 3);
		b[3] = (uint8_t)(x * 7 + (x >> 8) * 13 + (x >> 16));
		if (b[0] < 0xF0 || b[0] > 0xF4)
			bad += (size_t)decode_differs(b, 4);
	}
	for (lead = 0xF0; lead <= 0xF4 && bad < 10; lead++)
		for (x = 0; x < 0x1000000 && bad < 10; x++) {
			b[0] = (uint8_t)lead, b[1] = (uint8_t)(x >> 16), b[2] = (uint8_t)(x >> 8);
			b[3] = (uint8_t)x;
			bad += (size_t)decode_differs(b, 4);
		}
	if (all && !strcmp(all, "1"))
		for (x = 0; ; x++) {
			b[0] = (uint8_t)(x >> 24), b[1] = (uint8_t)(x >> 16), b[2] = (uint8_t)(x >> 8);
			b[3] = (uint8_t)x;
			bad += (size_t)decode_differs(b, 4);
			if (x == UINT32_MAX || bad >= 10)
				break;
		}
	assert_int_equal(bad, 0);
}

/* The rules by example: overlong forms, surrogates, past U+10FFFF and
 * truncated sequences are ill-formed, each maximal subpart at once. */
static void test_text__utf8_decode_rules(void **state)
{
	size_t adv;
	assert_int_equal(resdiff_utf8_decode("\xE2\x80\xAE", 3, &adv), 0x202E);
	assert_int_equal(adv, 3);
	assert_int_equal(resdiff_utf8_decode("\xE0\x80\xAF", 3, &adv), -1); /* overlong '/' */
	assert_int_equal(adv, 1);
	assert_int_equal(resdiff_utf8_decode("\xED\xA0\x80", 3, &adv), -1); /* surrogate */
	assert_int_equal(adv, 1);
	assert_int_equal(resdiff_utf8_decode("\xF0\x80\x80\xAF", 4, &adv), -1);
	assert_int_equal(adv, 1);
	assert_int_equal(resdiff_utf8_decode("\xE5\x86x", 3, &adv), -1); /* truncated */
	assert_int_equal(adv, 2);
	assert_int_equal(resdiff_utf8_decode("\xF4\x8F\xBF\xBF", 4, &adv), 0x10FFFF);
	assert_int_equal(adv, 4);
}

static void test_text__utf8_validate(void **state)
{
	size_t off = 0;
	assert_int_equal(resdiff_utf8_validate("决议 ok", strlen("决议 ok"), &off), 0);
	assert_int_equal(resdiff_utf8_validate("ab\xC0\xAF", 4, &off), RESDIFF_EINVALID);
	assert_int_equal(off, 2); /* overlong */
	assert_int_equal(resdiff_utf8_validate("a\xED\xA0\x80", 4, &off), RESDIFF_EINVALID);
	assert_int_equal(off, 1); /* surrogate */
	assert_int_equal(resdiff_utf8_validate("abc\xE5\x86", 5, &off), RESDIFF_EINVALID);
	assert_int_equal(off, 3); /* truncated */
	assert_int_equal(resdiff_utf8_validate("\xF4\x90\x80\x80", 4, &off), RESDIFF_EINVALID);
	assert_int_equal(resdiff_utf8_count("决议a", strlen("决议a")), 3);
}

static void test_text__check_encoding(void **state)
{
	(void)state;
	assert_int_equal(resdiff_text_check_encoding("a.txt", "决议\nok\n", strlen("决议\nok\n")), 0);
	/* offsets count from the file's first byte, its byte-order mark too */
	assert_int_equal(resdiff_text_check_encoding("a.txt", "\xEF\xBB\xBF" "Decides \xFF\n", 13),
		RESDIFF_EINVALID);
	assert_string_equal(resdiff_error_last(), "a.txt: invalid UTF-8 at byte offset 11 (line 1)");
	assert_int_equal(resdiff_text_check_encoding("a.txt", "a\nb\nc\0", 6), RESDIFF_EINVALID);
	assert_string_equal(resdiff_error_last(), "a.txt: NUL byte at byte offset 5 (line 3)");
	assert_int_equal(resdiff_text_check_encoding("a.txt", "\xFE\xFF\0D\0e", 6), RESDIFF_EINVALID);
	assert_string_equal(resdiff_error_last(),
		"a.txt: UTF-16 encoded (big-endian); convert to UTF-8 (iconv -f UTF-16BE -t UTF-8)");
}

static void test_text__cjk_classes(void **state)
{
	assert_true(resdiff_text_is_cjk(0x51B3));   /* 决 */
	assert_true(resdiff_text_is_cjk(0xFF0C));   /* ， */
	assert_true(resdiff_text_is_cjk(0x3002));   /* 。 */
	assert_true(resdiff_text_is_cjk(0x30AB));   /* カ */
	assert_true(resdiff_text_is_cjk(0xD55C));   /* 한 */
	assert_false(resdiff_text_is_cjk('a'));
	assert_false(resdiff_text_is_cjk(0x0627));  /* ا */
	assert_true(resdiff_text_is_space(0x3000));
	assert_true(resdiff_text_is_space(0x00A0));
}

/* resdiff_text_is_ideograph against ICU's script property on every
 * assigned code point: its shortcut for the CJK ideograph blocks must not
 * change an answer. */
static void test_text__ideograph_agrees_with_icu(void **state)
{
	UChar32 cp;
	size_t bad = 0;
	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc;
		bool icu;
		if (u_charType(cp) == U_UNASSIGNED)
			continue;
		sc = uscript_getScript(cp, &err);
		icu = cp >= 0x2E80 && (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
			sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO);
		if (resdiff_text_is_ideograph((uint32_t)cp) != icu && bad++ < 5)
			fprintf(stderr, "U+%04X: resdiff %d, ICU %d\n", (unsigned)cp, !icu, icu);
	}
	assert_int_equal(bad, 0);
}

/* The inline predicates against their definitions on every code point:
 * White_Space (ICU) plus U+200B and U+FEFF; CJK = the punctuation and
 * full-width blocks, or an ideograph. */
static void test_text__space_and_cjk_agree_with_icu(void **state)
{
	UChar32 cp;
	size_t bad = 0;
	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		bool space = u_isUWhiteSpace(cp) || cp == 0x200B || cp == 0xFEFF;
		bool cjk = (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
			(cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
			resdiff_text_is_ideograph((uint32_t)cp);
		if ((resdiff_text_is_space((uint32_t)cp) != space ||
		     resdiff_text_is_cjk((uint32_t)cp) != cjk) && bad++ < 5)
			fprintf(stderr, "U+%04X: space %d, cjk %d\n", (unsigned)cp, space, cjk);
	}
	assert_int_equal(bad, 0);
}

static void test_text__detect_language(void **state)
{
	const char *zh = "经济及社会理事会，回顾信息社会世界首脑会议的成果文件 A/60/687，";
	const char *ar = "إن الجمعية العامة، إذ تشير إلى قراراتها السابقة";
	const char *ru = "Генеральная Ассамблея, ссылаясь на свои резолюции";
	const char *en = "The General Assembly, Recalling its resolutions on the question of the";
	const char *fr = "L'Assemblée générale, Rappelant les résolutions et les décisions des organes";
	const char *es = "La Asamblea General, Recordando las resoluciones y los informes de la";
	assert_string_equal(resdiff_text_detect_language(zh, strlen(zh)), "zh");
	assert_string_equal(resdiff_text_detect_language(ar, strlen(ar)), "ar");
	assert_string_equal(resdiff_text_detect_language(ru, strlen(ru)), "ru");
	assert_string_equal(resdiff_text_detect_language(en, strlen(en)), "en");
	assert_string_equal(resdiff_text_detect_language(fr, strlen(fr)), "fr");
	assert_string_equal(resdiff_text_detect_language(es, strlen(es)), "es");
	/* « », no-break spaces, §, ° and × are no Latin letters */
	{
		const char *sym = "«Да» «Нет» «Да»\u00A0§\u00A0§\u00A0°\u00A0×\u00A0«»\u00A0«»\u00A0«»";
		assert_string_equal(resdiff_text_detect_language(sym, strlen(sym)), "ru");
		assert_int_equal(resdiff_script_of(0xAB)->id, RESDIFF_SCRIPT_COMMON);
		assert_int_equal(resdiff_script_of(0xA0)->id, RESDIFF_SCRIPT_COMMON);
		assert_int_equal(resdiff_script_of(0xD7)->id, RESDIFF_SCRIPT_COMMON);
		assert_int_equal(resdiff_script_of(0xE9)->id, RESDIFF_SCRIPT_LATIN);
	}
	assert_true(resdiff_text_language_valid("ar"));
	assert_false(resdiff_text_language_valid("de"));
}

static void test_text__sanitize_masks_controls(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	const char *evil = "a\x1b[31mred\x07\tb\nc\xc2\x9b" "d\xe2\x80\xaeq";
	assert_int_equal(resdiff_text_sanitize(&b, evil, strlen(evil), false), 0);
	assert_string_equal(b.ptr, "a^[[31mred^G\tb^Jc<U+009B>d<U+202E>q");
	resdiff_buf_clear(&b);
	assert_int_equal(resdiff_text_sanitize(&b, "x\ny", 3, true), 0);
	assert_string_equal(b.ptr, "x\ny");
	resdiff_buf_dispose(&b);
}

/* Every bidi embedding, override and isolate, and the line and paragraph
 * separators, are masked; the marks Arabic text uses stay. */
static void test_text__sanitize_masks_bidi_and_separators(void **state)
{
	static const uint32_t masked[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
		0x2067, 0x2068, 0x2069, 0x2028, 0x2029 };
	static const uint32_t kept[] = { 0x200E, 0x200F, 0x061C };
	resdiff_buf b = RESDIFF_BUF_INIT;
	char enc[4], want[16];
	size_t i, n;

	for (i = 0; i < sizeof(masked) / sizeof(masked[0]); i++) {
		n = resdiff_utf8_encode(enc, masked[i]);
		resdiff_buf_clear(&b);
		assert_int_equal(resdiff_text_sanitize(&b, enc, n, true), 0);
		snprintf(want, sizeof(want), "<U+%04X>", (unsigned)masked[i]);
		assert_string_equal(b.ptr, want);
	}
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		n = resdiff_utf8_encode(enc, kept[i]);
		resdiff_buf_clear(&b);
		assert_int_equal(resdiff_text_sanitize(&b, enc, n, false), 0);
		assert_int_equal(b.size, n);
		assert_memory_equal(b.ptr, enc, n);
	}
	resdiff_buf_dispose(&b);
}

/* Overlong forms and surrogates never reach a terminal raw: every byte of
 * the ill-formed sequence is shown escaped. */
static void test_text__sanitize_escapes_overlong(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	const char *s = "a\xE0\x80\xAF" "b\xC0\x9B" "c\xED\xA0\x80" "d\xE5\x86";
	assert_int_equal(resdiff_text_sanitize(&b, s, strlen(s), false), 0);
	assert_string_equal(b.ptr, "a\\xe0\\x80\\xafb\\xc0\\x9bc\\xed\\xa0\\x80d\\xe5\\x86");
	resdiff_buf_dispose(&b);
}

static void test_text__natural_order(void **state)
{
	assert_true(resdiff_text_natural_cmp("E/RES/2009/7", "E/RES/2009/10") < 0);
	assert_true(resdiff_text_natural_cmp("A/RES/65/141", "A/RES/65/0141") == 0);
	assert_true(resdiff_text_natural_cmp("A/66/64", "A/66/64-E") < 0);
	assert_true(resdiff_text_natural_cmp("b", "a") > 0);
}

/* Terminal cells: CJK and full-width forms take two, marks none; and
 * `resdiff ls` pads its columns by cells, so a wide symbol or series does
 * not push the columns after it out of line. */
static void test_text__display_width(void **state)
{
	resdiff_store_entry e[2];
	resdiff_store_listing l;
	resdiff_buf b = RESDIFF_BUF_INIT;
	const char *line2;

	assert_int_equal(resdiff_text_width("abc", 3), 3);
	assert_int_equal(resdiff_text_width("决议", strlen("决议")), 4);
	assert_int_equal(resdiff_text_width("\xef\xbc\x8c", 3), 2);        /* full-width comma */
	assert_int_equal(resdiff_text_width("e\xcc\x81", 3), 1);            /* e + combining acute */
	assert_int_equal(resdiff_text_width("\xd8\xa7\xd9\x8e", 4), 1);    /* alef + fatha */
	assert_int_equal(resdiff_text_width("\xff", 1), 1);                  /* ill-formed byte */
	assert_int_equal(resdiff_text_cp_width(0x6C7A), 2);
	assert_int_equal(resdiff_text_cp_width('a'), 1);

	memset(e, 0, sizeof(e));
	e[0].symbol = "A/RES/80/1";
	e[0].language = "zh";
	e[0].series = "ga-x";
	e[0].date = "2025-09-19";
	e[0].title = "T";
	e[1].symbol = "决议/80/1";
	e[1].language = "zh";
	e[1].draft = true;
	e[1].draft_of = "决议/1";      /* "draft of 决议/1": 15 cells, 18 bytes */
	e[1].title = "T";
	l.entries = e;
	l.count = 2;
	l.arena = NULL;
	assert_int_equal(resdiff_render_listing_text(&b, &l), 0);
	line2 = strchr(b.ptr, '\n') + 1;
	/* the language and the title start in the same cell on both lines */
	assert_int_equal(resdiff_text_width(b.ptr, (size_t)(strstr(b.ptr, " zh ") - b.ptr)),
		resdiff_text_width(line2, (size_t)(strstr(line2, " zh ") - line2)));
	assert_int_equal(resdiff_text_width(b.ptr, (size_t)(strstr(b.ptr, "T\n") - b.ptr)),
		resdiff_text_width(line2, (size_t)(strstr(line2, "T\n") - line2)));
	resdiff_buf_dispose(&b);
}

/* A clause ends at , ; . : ! ? in every script's form, looking through
 * closing quotes and brackets; a title does not. */
static void test_text__ends_clause(void **state)
{
	static const char *const ends[] = {
		"Recalling its resolution 60/252,", "Decides to remain seized of the matter.",
		"entitled \u201cThe age of digital interdependence\u201d,  ",
		"(A/76/530, para. 11);", "\u56de\u987e\u5176\u51b3\u8bae\uff0c",
		"\u8bf7\u79d8\u4e66\u957f\u63d0\u4ea4\u62a5\u544a\u3002",
		"\u0648\u0625\u0630 \u062a\u0634\u064a\u0631\u060c", "as follows:", NULL
	};
	static const char *const open[] = {
		"Information and communications technologies for development",
		"Report of the Secretary-General", "(A/76/530)", "", "   ", NULL
	};
	size_t i;
	(void)state;
	for (i = 0; ends[i]; i++)
		assert_true(resdiff_text_ends_clause(ends[i], strlen(ends[i])));
	for (i = 0; open[i]; i++)
		assert_false(resdiff_text_ends_clause(open[i], strlen(open[i])));
	/* the code points it looks for, one by one (amend's "at the end" too) */
	assert_true(resdiff_text_clause_punct('.') && resdiff_text_clause_punct(0x3002) &&
		    resdiff_text_clause_punct(0x061B) && resdiff_text_clause_punct('?'));
	assert_false(resdiff_text_clause_punct('a') || resdiff_text_clause_punct(0x201D) ||
		     resdiff_text_clause_punct(0));
}

/* The three digit sets read alike, in ASCII; a cut or foreign sequence
 * is no digit ("٪", U+066A, comes right after "٩"). */
static void test_text__digits_of_three_sets(void **state)
{
	char out[8];
	size_t adv;
	(void)state;
	assert_int_equal(resdiff_digit_at("7", 1, &adv), 7);
	assert_int_equal(adv, 1);
	assert_int_equal(resdiff_digit_at("٧", 2, &adv), 7);
	assert_int_equal(adv, 2);
	assert_int_equal(resdiff_digit_at("۷", 2, &adv), 7);
	assert_int_equal(resdiff_digit_at("٠", 2, &adv), 0);
	assert_int_equal(resdiff_digit_at("۹", 2, &adv), 9);
	assert_int_equal(resdiff_digit_at("٧", 1, &adv), -1);
	assert_int_equal(adv, 0);
	assert_int_equal(resdiff_digit_at("٪", 2, &adv), -1);
	assert_int_equal(resdiff_digit_at("a", 1, &adv), -1);
	assert_int_equal(resdiff_digit_at("", 0, &adv), -1);
	assert_int_equal(resdiff_digit_before("x١٢", strlen("x١٢"), &adv), 2);
	assert_int_equal(adv, 2);
	assert_int_equal(resdiff_digit_before("x1", 2, &adv), 1);
	assert_int_equal(resdiff_digit_before("x", 1, &adv), -1);
	assert_int_equal(resdiff_digits_read("١2۳ -", strlen("١2۳ -"), 5, out), 5);
	assert_string_equal(out, "123");
	assert_int_equal(resdiff_digits_read("١٢٣٤", strlen("١٢٣٤"), 2, out), 4);
	assert_string_equal(out, "12");
	assert_int_equal(resdiff_digits_read("-1", 2, 5, out), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__utf8_validate),
		cmocka_unit_test(test_text__check_encoding),
		cmocka_unit_test(test_text__utf8_decode_rules),
		cmocka_unit_test(test_text__utf8_decode_agrees_with_icu),
		cmocka_unit_test(test_text__cjk_classes),
		cmocka_unit_test(test_text__ideograph_agrees_with_icu),
		cmocka_unit_test(test_text__space_and_cjk_agree_with_icu),
		cmocka_unit_test(test_text__detect_language),
		cmocka_unit_test(test_text__sanitize_masks_controls),
		cmocka_unit_test(test_text__sanitize_masks_bidi_and_separators),
		cmocka_unit_test(test_text__sanitize_escapes_overlong),
		cmocka_unit_test(test_text__natural_order),
		cmocka_unit_test(test_text__display_width),
		cmocka_unit_test(test_text__ends_clause),
		cmocka_unit_test(test_text__digits_of_three_sets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
