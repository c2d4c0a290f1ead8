/*
 * sort.h (internal): the sorts the diff core needs on large arrays of
 * integers, without a comparison callback per element. Not recursive.
 */
#ifndef RESDIFF_SORT_H
#define RESDIFF_SORT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Shell sort (Ciura gaps, extended): small and medium arrays. */
static inline void sort_u32(uint32_t *a, size_t n)
{
	static const size_t gaps[] = { 260591, 115817, 51473, 22877, 10168, 4519, 2009, 893,
		397, 178, 79, 35, 16, 7, 3, 1 };
	size_t g, i, j;
	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];
		for (i = gap; i < n; i++) {
			uint32_t v = a[i];
			for (j = i; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

static inline void sort_u64_small(uint64_t *a, size_t n)
{
	static const size_t gaps[] = { 260591, 115817, 51473, 22877, 10168, 4519, 2009, 893,
		397, 178, 79, 35, 16, 7, 3, 1 };
	size_t g, i, j;
	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];
		for (i = gap; i < n; i++) {
			uint64_t v = a[i];
			for (j = i; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

/* Stable LSD radix sort of a[0..n) by the upper 32 bits of each value, in
 * three passes of 11, 11 and 10 bits; tmp has room for n values. */
static inline void sort_u64_by_high32(uint64_t *a, uint64_t *tmp, size_t n)
{
	size_t count[2048];  /* 16 KiB of stack */
	static const unsigned shifts[3] = { 32, 43, 54 };
	uint64_t *src = a, *dst = tmp;
	unsigned p;
	size_t i;

	for (p = 0; p < 3; p++) {
		unsigned shift = shifts[p];
		uint64_t mask = p == 2 ? 0x3FF : 0x7FF;
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(src[i] >> shift) & mask]++;
		for (i = 0; i <= mask; i++) {
			size_t c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & mask]++] = src[i];
		{
			uint64_t *t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

#endif
