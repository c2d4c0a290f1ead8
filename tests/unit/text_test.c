/* text_test.c: UTF-8, scripts, language detection, sanitising. */
#include "helpers.h"

#include <string.h>

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

static void test_text__natural_order(void **state)
{
	assert_true(resdiff_text_natural_cmp("E/RES/2009/7", "E/RES/2009/10") < 0);
	assert_true(resdiff_text_natural_cmp("A/RES/65/141", "A/RES/65/0141") == 0);
	assert_true(resdiff_text_natural_cmp("A/66/64", "A/66/64-E") < 0);
	assert_true(resdiff_text_natural_cmp("b", "a") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__utf8_validate),
		cmocka_unit_test(test_text__cjk_classes),
		cmocka_unit_test(test_text__detect_language),
		cmocka_unit_test(test_text__sanitize_masks_controls),
		cmocka_unit_test(test_text__natural_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
