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

/* Stable LSD radix sort of a[0..n) by bits [lo, lo + nbits) of each value
 * (nbits <= 32), in passes of 8 bits; tmp has room for n values. Meant for
 * small arrays (a bucket of sort_u64_buckets_by_high32): 256 counts a pass. */
static inline void sort_u64_by_bits(uint64_t *a, uint64_t *tmp, size_t n, unsigned lo,
		unsigned nbits)
{
	size_t count[256];
	uint64_t *src = a, *dst = tmp;
	unsigned shift;
	size_t i;

	for (shift = lo; shift < lo + nbits; shift += 8) {
		unsigned width = lo + nbits - shift < 8 ? lo + nbits - shift : 8;
		uint64_t mask = ((uint64_t)1 << width) - 1;
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

/* The bits of the top-level buckets of a sort by the upper 32 bits. */
#define SORT_BUCKET_BITS 11
#define SORT_BUCKETS (1u << SORT_BUCKET_BITS)

/* The second half of a sort by the upper 32 bits done as one MSD pass
 * and small LSD sorts: a[0..n) already holds its values scattered into
 * SORT_BUCKETS buckets by their top SORT_BUCKET_BITS bits, bucket b at
 * a[start[b] .. start[b + 1]) (start has SORT_BUCKETS + 1 entries), each
 * bucket in the order wanted for equal keys. Sorts every bucket stably by
 * the remaining bits; tmp has room for the largest bucket. The result is
 * that of sort_u64_by_high32 on the same values in bucket order, with one
 * scratch array the size of a bucket instead of the whole input (cache
 * sized passes, no second array of n). */
static inline void sort_u64_buckets_by_high32(uint64_t *a, uint64_t *tmp, const size_t *start)
{
	size_t b;
	for (b = 0; b < SORT_BUCKETS; b++)
		if (start[b + 1] - start[b] > 1)
			sort_u64_by_bits(a + start[b], tmp, start[b + 1] - start[b], 32,
				32 - SORT_BUCKET_BITS);
}

#endif
