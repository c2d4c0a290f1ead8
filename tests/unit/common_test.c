/* common_test.c: buffers, arenas, errors. */
#include "helpers.h"

#include <string.h>

static void test_common__buf_grows_and_terminates(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	int i;
	for (i = 0; i < 1000; i++)
		assert_int_equal(resdiff_buf_printf(&b, "%d,", i), 0);
	assert_int_equal(b.ptr[b.size], '\0');
	assert_true(strstr(b.ptr, "998,999,") != NULL);
	resdiff_buf_clear(&b);
	assert_int_equal(b.size, 0);
	assert_string_equal(b.ptr, "");
	resdiff_buf_dispose(&b);
	assert_null(b.ptr);
}

static void test_common__arena_big_and_small(void **state)
{
	resdiff_arena *a = resdiff_arena_new();
	char *big, *small;
	assert_non_null(a);
	small = resdiff_arena_strdup(a, "small");
	big = resdiff_arena_alloc(a, 1 << 20);
	assert_non_null(big);
	memset(big, 'x', 1 << 20);
	assert_string_equal(small, "small");
	assert_string_equal(resdiff_arena_strndup(a, "abcdef", 3), "abc");
	resdiff_arena_free(a);
}

static void test_common__error_message_and_prefix(void **state)
{
	assert_int_equal(resdiff_error_set(RESDIFF_EINVALID, "byte %d", 7), RESDIFF_EINVALID);
	resdiff_error_prefix("file.txt");
	assert_string_equal(resdiff_error_last(), "file.txt: byte 7");
	resdiff_error_clear();
	assert_string_equal(resdiff_error_last(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common__buf_grows_and_terminates),
		cmocka_unit_test(test_common__arena_big_and_small),
		cmocka_unit_test(test_common__error_message_and_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
