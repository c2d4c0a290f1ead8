/* sort_test.c: the internal integer sorts (core/src/sort.h). */
#include "helpers.h"
#include "sort.h"

#include <stdlib.h>
#include <string.h>

/* Park-Miller: the same values on every machine. */
static uint32_t next_rand(uint32_t *seed)
{
	*seed = (uint32_t)((uint64_t)*seed * 48271u % 2147483647u);
	return *seed;
}

/* The bucketed sort (one MSD pass, small LSD sorts; align_weights) gives
 * exactly what the whole-array stable radix sort gives: by the upper 32
 * bits, equal keys in their first order. Keys from a small range too, so
 * that many are equal and a few buckets are large. */
static void test_sort__buckets_match_whole_radix(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 100, 224, 240, 5000, 200000 };  /* 224, 240: buckets around SORT_BUCKET_SMALL */
	static const uint32_t ranges[] = { 0, 7, 3000 };  /* 0: any 32-bit key */
	size_t s, r, i;
	uint32_t seed = 12345;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
			size_t n = sizes[s], biggest = 0;
			uint64_t *a = malloc((n + 1) * sizeof(*a)), *b = malloc((n + 1) * sizeof(*b));
			uint64_t *tmp = malloc((n + 1) * sizeof(*tmp));
			size_t *start = calloc(SORT_BUCKETS + 1, sizeof(*start));
			size_t *next = calloc(SORT_BUCKETS, sizeof(*next));
			assert_non_null(a);
			assert_non_null(b);
			assert_non_null(tmp);
			assert_non_null(start);
			assert_non_null(next);
			for (i = 0; i < n; i++) {
				uint32_t key = next_rand(&seed) ^ (next_rand(&seed) << 16);
				if (ranges[r])
					key = (key % ranges[r]) * 0x9E3779B1u;  /* spread over buckets */
				a[i] = ((uint64_t)key << 32) | i;
				start[(key >> (32 - SORT_BUCKET_BITS)) + 1]++;
			}
			for (i = 0; i < SORT_BUCKETS; i++) {
				if (start[i + 1] > biggest)
					biggest = start[i + 1];
				start[i + 1] += start[i];
				next[i] = start[i];
			}
			for (i = 0; i < n; i++)
				b[next[a[i] >> (64 - SORT_BUCKET_BITS)]++] = a[i];
			sort_u64_radix(a, tmp, n, 32, 32, 11);
			sort_u64_buckets_by_high32(b, tmp, start, SORT_BUCKETS);
			assert_true(biggest <= n);
			if (n)
				assert_memory_equal(a, b, n * sizeof(*a));
			for (i = 1; i < n; i++)
				assert_true(a[i - 1] < a[i]);  /* by key, equal keys by index */
			free(a);
			free(b);
			free(tmp);
			free(start);
			free(next);
		}
}

typedef void (*counted_sort_fn)(uint64_t *a, uint64_t *tmp, size_t n);

/* The sizes both counted sorts are checked on: around and past their
 * limits. */
static const size_t counted_sizes[] = { 0, 1, 15, 16, 17, 120, 700, SORT_BYTES_MAX,
	SORT_BYTES_MAX + 1, 5000 };

/* Sorts the n values of a with the Shell sort and a copy with sort, and
 * checks the two agree and are in order. a is the caller's; the copy and
 * sort's scratch are allocated and freed here. */
static void check_against_shell(uint64_t *a, size_t n, counted_sort_fn sort)
{
	uint64_t *b = malloc((n + 1) * sizeof(*b)), *tmp = malloc((n + 1) * sizeof(*tmp));
	size_t i;

	assert_non_null(b);
	assert_non_null(tmp);
	if (n)
		memcpy(b, a, n * sizeof(*a));
	sort_u64_small(a, n);
	sort(b, tmp, n);
	if (n)
		assert_memory_equal(a, b, n * sizeof(*a));
	for (i = 1; i < n; i++)
		assert_true(a[i - 1] <= a[i]);
	free(b);
	free(tmp);
}

/* The aligner's per-clause sort (sort_u64_bytes) gives what the Shell
 * sort gives, on well-mixed values, on values sharing a top byte (its
 * insertion pass does all the work) and on repeated values (a clause's
 * repeated n-grams before they are made unique). */
static void test_sort__bytes_match_shell(void **state)
{
	size_t s, shape, i;
	uint32_t seed = 777;

	(void)state;
	for (s = 0; s < sizeof(counted_sizes) / sizeof(counted_sizes[0]); s++)
		for (shape = 0; shape < 3; shape++) {
			size_t n = counted_sizes[s];
			uint64_t *a = malloc((n + 1) * sizeof(*a));
			assert_non_null(a);
			for (i = 0; i < n; i++) {
				uint64_t hash = next_rand(&seed) ^ ((uint64_t)next_rand(&seed) << 16);
				if (shape == 1)
					hash = (hash & 0xFFFFFFu) | 0xAB000000u;   /* one top byte */
				else if (shape == 2)
					hash = (hash % 13) * 0x9E3779B1u;          /* repeats */
				a[i] = ((hash & 0xFFFFFFFFu) << 32) | (next_rand(&seed) & 3);
			}
			check_against_shell(a, n, sort_u64_bytes);
			free(a);
		}
}

/* The gram ranges' sort (sort_u64_ranks) gives what the Shell sort gives:
 * rolling bit, posting counts small, at the cap (127) and far above it
 * (all out of order within the last bucket), slots increasing or not. */
static void test_sort__ranks_match_shell(void **state)
{
	size_t s, shape, i;
	uint32_t seed = 4242;

	(void)state;
	for (s = 0; s < sizeof(counted_sizes) / sizeof(counted_sizes[0]); s++)
		for (shape = 0; shape < 3; shape++) {
			size_t n = counted_sizes[s];
			uint64_t *a = malloc((n + 1) * sizeof(*a));
			assert_non_null(a);
			for (i = 0; i < n; i++) {
				uint64_t count = next_rand(&seed) % 200, slot = shape == 2 ?
					next_rand(&seed) : 1000 + i;
				if (shape == 1)
					count = 100 + count * 5000;   /* mostly past the cap */
				a[i] = ((uint64_t)(next_rand(&seed) & 1) << 63) | (count << 32) |
					(slot & 0xFFFFFFFFu);
			}
			check_against_shell(a, n, sort_u64_ranks);
			free(a);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort__buckets_match_whole_radix),
		cmocka_unit_test(test_sort__bytes_match_shell),
		cmocka_unit_test(test_sort__ranks_match_shell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
