/* common_test.c: buffers, arenas, errors, pages mapped in bulk. */
#define _DEFAULT_SOURCE  /* MAP_ANONYMOUS, mincore */
#include "helpers.h"
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* Copies are not zeroed first (they are written whole); allocations
 * between them still are, even on memory that held text before. */
static void test_common__arena_copies_and_zeroed_allocations(void **state)
{
	char junk[300];
	size_t round, i, k;
	(void)state;
	memset(junk, 'j', sizeof(junk));
	for (round = 0; round < 3; round++) {
		resdiff_arena *a = resdiff_arena_new();
		char *copy[600], *zero[600];
		assert_non_null(a);
		for (i = 0; i < 600; i++) {
			copy[i] = resdiff_arena_strndup(a, junk, i % 300);
			zero[i] = resdiff_arena_alloc(a, i % 300 + 1);
			assert_non_null(copy[i]);
			assert_non_null(zero[i]);
			for (k = 0; k < i % 300 + 1; k++)
				if (zero[i][k])
					fail_msg("round %zu, allocation %zu, byte %zu not zero", round, i, k);
			memset(zero[i], 'z', i % 300 + 1);
		}
		for (i = 0; i < 600; i++) {
			assert_int_equal(strlen(copy[i]), i % 300);
			assert_memory_equal(copy[i], junk, i % 300);
		}
		resdiff_arena_free(a);
	}
}

/* An arena of many chunks (those past the first few are mapped in one
 * call when made) gives back every allocation zeroed and keeps what was
 * written to each. */
static void test_common__arena_many_chunks(void **state)
{
	resdiff_arena *a = resdiff_arena_new();
	char *s[4096];
	size_t i, k;
	assert_non_null(a);
	for (i = 0; i < 4096; i++) {
		s[i] = resdiff_arena_alloc(a, 200);
		assert_non_null(s[i]);
		for (k = 0; k < 200; k++)
			if (s[i][k])
				fail_msg("allocation %zu, byte %zu not zero", i, k);
		snprintf(s[i], 200, "clause %zu", i);
	}
	for (i = 0; i < 4096; i++) {
		char want[32];
		snprintf(want, sizeof(want), "clause %zu", i);
		assert_string_equal(s[i], want);
	}
	resdiff_arena_free(a);
}

/* Mapping pages in bulk never changes what they hold, whatever the
 * alignment of the range, and is refused for ranges under its minimum. */
static void test_common__populate_keeps_contents(void **state)
{
	size_t n = 4 * MEMORY_POPULATE_MIN + 123, i;
	unsigned char *p = malloc(n);
	assert_non_null(p);
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	memory_populate(p + 1, n - 1);
	memory_populate(p, n);
	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + 3))
			fail_msg("byte %zu changed", i);
	assert_false(memory_populate(p, MEMORY_POPULATE_MIN - 1));
	assert_false(memory_populate(NULL, n));
	free(p);
}

/* Where the kernel supports it, every whole page of the range is mapped
 * on return, and no page beyond it. */
static void test_common__populate_maps_the_range(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), pages = 2 * MEMORY_POPULATE_MIN / page + 4, i;
	unsigned char *m = mmap(NULL, pages * page, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *vec = calloc(pages, 1);
	assert_true(m != MAP_FAILED);
	assert_non_null(vec);
	/* from the middle of page 1 to the middle of page pages - 2: pages
	 * 2 .. pages - 3 are whole */
	if (memory_populate(m + page + page / 2, (pages - 3) * page)) {
		assert_int_equal(mincore(m, pages * page, vec), 0);
		for (i = 0; i < pages; i++)
			if ((vec[i] & 1) != (i >= 2 && i <= pages - 3))
				fail_msg("page %zu of %zu: resident %d", i, pages, vec[i] & 1);
	}
	munmap(m, pages * page);
	free(vec);
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
		cmocka_unit_test(test_common__arena_many_chunks),
		cmocka_unit_test(test_common__arena_copies_and_zeroed_allocations),
		cmocka_unit_test(test_common__populate_keeps_contents),
		cmocka_unit_test(test_common__populate_maps_the_range),
		cmocka_unit_test(test_common__error_message_and_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
