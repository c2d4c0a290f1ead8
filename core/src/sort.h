/*
 * sort.h (internal): the sorts the diff core needs on large arrays of
 * integers, without a comparison callback per element. Not recursive.
 */
#ifndef RESDIFF_SORT_H
#define RESDIFF_SORT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* qsort's comparison of two uint32_t, for the callers that keep qsort
 * (its O(n log n) bound on arrays of any size). */
static inline int sort_cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

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

/* The most values sort_u64_bytes sorts by itself; above it, the Shell sort
 * (its insertion pass costs about n * n / 512 moves). */
#define SORT_BYTES_MAX 2048

/* The bucket of v in sort_u64_counted: its top byte, or (ranked) its top
 * bit and the 31 bits under it capped at 127 (the aligner's gram ranges:
 * rolling << 63 | count << 32 | slot). Either is monotone in v. */
static inline size_t sort_u64_bucket(uint64_t v, int ranked)
{
	uint64_t count;

	if (!ranked)
		return (size_t)(v >> 56);
	count = (v >> 32) & 0x7FFFFFFFu;
	return (size_t)((v >> 63) << 7 | (count < 127 ? count : 127));
}

/* One counting pass by sort_u64_bucket into tmp (room for n), then an
 * insertion sort of a nearly sorted array (only values of one bucket are
 * out of order). The same result as sort_u64_small, without its
 * unpredictable branches; outside [16, SORT_BYTES_MAX] values, the Shell
 * sort. */
static inline void sort_u64_counted(uint64_t *a, uint64_t *tmp, size_t n, int ranked)
{
	size_t count[257], i, j;

	if (n > SORT_BYTES_MAX || n < 16) {
		sort_u64_small(a, n);
		return;
	}
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[sort_u64_bucket(a[i], ranked) + 1]++;
	for (i = 0; i < 256; i++)
		count[i + 1] += count[i];
	for (i = 0; i < n; i++)
		tmp[count[sort_u64_bucket(a[i], ranked)]++] = a[i];
	a[0] = tmp[0];
	for (i = 1; i < n; i++) {
		uint64_t v = tmp[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Sort of a short array of well-mixed values (hashes in the upper 32
 * bits), bucketed by the top byte: the per-clause sort of the aligner's
 * n-grams. */
static inline void sort_u64_bytes(uint64_t *a, uint64_t *tmp, size_t n)
{
	sort_u64_counted(a, tmp, n, 0);
}

/* Sort of a clause's gram ranges (rolling << 63 | posting count << 32 |
 * slot; few distinct counts, mostly small), bucketed by the rolling bit
 * and the count up to 127: the order lookup() in align_score.c takes. */
static inline void sort_u64_ranks(uint64_t *a, uint64_t *tmp, size_t n)
{
	sort_u64_counted(a, tmp, n, 1);
}

/* The widest pass of sort_u64_radix: 2048 counts (16 KiB of stack). */
#define SORT_RADIX_MAX_BITS 11

/* Stable LSD radix sort of a[0..n) by bits [lo, lo + nbits) of each value
 * (nbits <= 32), in passes of width bits (<= SORT_RADIX_MAX_BITS; the last
 * pass takes what is left); tmp has room for n values. A whole array by
 * its upper 32 bits: lo 32, nbits 32, width 11 (three passes); a small
 * bucket: width 8, so each pass clears 256 counts only. */
static inline void sort_u64_radix(uint64_t *a, uint64_t *tmp, size_t n, unsigned lo,
		unsigned nbits, unsigned width)
{
	size_t count[(size_t)1 << SORT_RADIX_MAX_BITS];
	uint64_t *src = a, *dst = tmp;
	unsigned shift;
	size_t i;

	for (shift = lo; shift < lo + nbits; shift += width) {
		unsigned w = lo + nbits - shift < width ? lo + nbits - shift : width;
		uint64_t mask = ((uint64_t)1 << w) - 1;
		size_t sum = 0;
		memset(count, 0, (size_t)(mask + 1) * sizeof(*count));
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
/* A bucket of at most this many values is sorted by insertion: the
 * radix passes clear and sum 3 × 256 counts whatever the bucket's size,
 * which for the few grams a bucket of a short text holds was 17 % of
 * `resdiff index` (issue 18). The same order: both are stable. */
#define SORT_BUCKET_SMALL 32

/* The second half of a sort by the upper 32 bits done as one MSD pass
 * and small LSD sorts: a[0..n) already holds its values scattered into
 * nbuckets consecutive buckets by their top SORT_BUCKET_BITS bits (all
 * SORT_BUCKETS of them, or a run), bucket b at a[start[b] .. start[b + 1])
 * (start has nbuckets + 1 entries), each
 * bucket in the order wanted for equal keys. Sorts every bucket stably by
 * the remaining bits; tmp has room for the largest bucket. The result is
 * that of sort_u64_radix(…, 32, 32, 11) on the same values in bucket order, with one
 * scratch array the size of a bucket instead of the whole input (cache
 * sized passes, no second array of n). */
static inline void sort_u64_buckets_by_high32(uint64_t *a, uint64_t *tmp, const size_t *start,
		size_t nbuckets)
{
	size_t b, i, j;
	for (b = 0; b < nbuckets; b++) {
		uint64_t *x = a + start[b];
		size_t n = start[b + 1] - start[b];
		if (n > SORT_BUCKET_SMALL) {
			sort_u64_radix(x, tmp, n, 32, 32 - SORT_BUCKET_BITS, 8);
			continue;
		}
		for (i = 1; i < n; i++) {   /* stable: equal keys keep their order */
			uint64_t v = x[i];
			for (j = i; j > 0 && (x[j - 1] >> 32) > (v >> 32); j--)
				x[j] = x[j - 1];
			x[j] = v;
		}
	}
}

#endif
