/* compare.c: comparison keys (ICU NFKC + folding) and n-gram sets. */
#include "resdiff/compare.h"
#include "resdiff/parse.h"
#include "lang_internal.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* every paragraph the parser accepts can be compared */
_Static_assert(RESDIFF_COMPARE_MAX_TEXT >= RESDIFF_PARSE_MAX_UNIT, "a parsed paragraph too long to compare");

/* Whitespace is dropped; the folds of the script and language tables
 * (the punctuation every language shares, and each language's own:
 * "。" -> ".") give the rest. */
static uint32_t fold_cp(const lang_folds *f, uint32_t cp)
{
	if (cp < 0x80)
		return (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) ? 0 : cp;
	if (resdiff_text_is_space(cp))
		return 0;
	return lang_fold(f, cp);
}

uint32_t resdiff_compare_fold_cp(uint32_t cp)
{
	return fold_cp(lang_key_folds(), cp);
}

/* The ASCII code points ICU's general category puts in a punctuation
 * class (P*: ! " # % & ' ( ) * , - . / : ; ? @ [ \\ ] _ { }), bit cp % 64 of
 * word cp / 64; compare_test checks it against u_charType(). The words
 * key asks for every character (issue 18: an ICU call per ASCII letter). */
static const uint64_t ascii_punct[2] = { 0x8C00F7EE00000000ull, 0x28000000B8000001ull };

static bool is_punct(uint32_t cp)
{
	int8_t t;
	if (cp < 0x80)
		return (ascii_punct[cp / 64] >> (cp % 64)) & 1;
	t = u_charType((UChar32)cp);
	return t == U_DASH_PUNCTUATION || t == U_START_PUNCTUATION ||
	       t == U_END_PUNCTUATION || t == U_CONNECTOR_PUNCTUATION ||
	       t == U_OTHER_PUNCTUATION || t == U_INITIAL_PUNCTUATION ||
	       t == U_FINAL_PUNCTUATION;
}

/* text[0..len) in NFKC, UTF-16, in *out (malloc'd) of *outlen units. */
static int normalize(UChar **out, int32_t *outlen, const char *text, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	UChar *src = NULL, *norm = NULL;
	int32_t srclen = 0, normlen;
	int error = 0;

	*out = NULL;
	*outlen = 0;
	if (U_FAILURE(err))
		return resdiff_error_set(RESDIFF_ERROR, "ICU: NFKC unavailable: %s", u_errorName(err));
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	if (!(src = malloc((len + 1) * sizeof(UChar)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	u_strFromUTF8WithSub(src, (int32_t)len + 1, &srclen, text, (int32_t)len, 0xFFFD, NULL, &err);
	if (U_FAILURE(err)) {
		error = resdiff_error_set(RESDIFF_EINVALID, "ICU: %s", u_errorName(err));
		goto done;
	}
	/* Most text is NFKC already (ICU's quick check, one pass without
	 * copying): then the key is made from it as it is. */
	if (unorm2_spanQuickCheckYes(nfkc, src, srclen, &err) == srclen && U_SUCCESS(err)) {
		*out = src;
		*outlen = srclen;
		return 0;
	}
	err = U_ZERO_ERROR;
	/* NFKC can expand (ligatures, "…"): ask for the length first. */
	normlen = unorm2_normalize(nfkc, src, srclen, NULL, 0, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		error = resdiff_error_set(RESDIFF_ERROR, "ICU: %s", u_errorName(err));
		goto done;
	}
	err = U_ZERO_ERROR;
	if (!(norm = malloc(((size_t)normlen + 1) * sizeof(UChar)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	normlen = unorm2_normalize(nfkc, src, srclen, norm, normlen + 1, &err);
	if (U_FAILURE(err)) {
		error = resdiff_error_set(RESDIFF_ERROR, "ICU: %s", u_errorName(err));
		goto done;
	}
	*out = norm;
	*outlen = normlen;
	norm = NULL;
done:
	free(src);
	free(norm);
	return error;
}

/* Case-folded copy of s[0..n) in *out (malloc'd). */
static int fold_case(UChar **out, int32_t *outlen, const UChar *s, int32_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t flen = u_strFoldCase(NULL, 0, s, n, U_FOLD_CASE_DEFAULT, &err);
	UChar *folded;

	*out = NULL;
	err = U_ZERO_ERROR;
	if (!(folded = malloc(((size_t)flen + 1) * sizeof(UChar))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	*outlen = u_strFoldCase(folded, flen + 1, s, n, U_FOLD_CASE_DEFAULT, &err);
	if (U_FAILURE(err)) {
		free(folded);
		return resdiff_error_set(RESDIFF_ERROR, "ICU: %s", u_errorName(err));
	}
	*out = folded;
	return 0;
}

/* Append the key of one code point c at out->ptr[*w] (room made by the
 * caller); `fold` folds it on the way (simple case folding). */
static inline void emit_cp(resdiff_buf *out, size_t *w, size_t start, bool *gap,
		const lang_folds *folds, uint32_t c, unsigned flags, bool fold)
{
	uint32_t f = fold_cp(folds, c);
	if (fold && f < 0x80)
		f = f >= 'A' && f <= 'Z' ? f + 32 : f;
	else if (fold && !(f >= 0x2E80 && f < 0xA000))  /* CJK has no case */
		f = (uint32_t)u_foldCase((UChar32)f, U_FOLD_CASE_DEFAULT);
	if (flags & RESDIFF_KEY_WORDS) {
		if (!f || is_punct(f)) {
			*gap = true;
			return;
		}
		if (*gap && *w > start)
			out->ptr[(*w)++] = ' ';
		*gap = false;
	} else if (!f || ((flags & RESDIFF_KEY_LOOSE) && is_punct(f))) {
		return;
	}
	*w += resdiff_utf8_encode(out->ptr + *w, f);
}

/* Append the key of normalized (and, for LOOSE, folded) text; `fold`
 * folds each code point on the way (simple case folding). */
static int emit(resdiff_buf *out, const UChar *p, int32_t n, unsigned flags, bool fold)
{
	const lang_folds *folds = lang_key_folds();
	size_t start = out->size, w;
	bool gap = false;
	int32_t i;
	int error;

	/* One code unit never takes more than 3 bytes, a pair 4; a space
	 * between words takes one more at most per unit. */
	if ((error = resdiff_buf_grow(out, out->size + (size_t)n * 4 + 1)) < 0)
		return error;
	w = out->size;
	for (i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(p, i, n, c);
		emit_cp(out, &w, start, &gap, folds, (uint32_t)c, flags, fold);
	}
	out->size = w;
	out->ptr[w] = '\0';
	return 0;
}

/* Code points nfkc_stable() takes without asking ICU: the CJK Unified
 * Ideographs block, all NFKC-inert (compare_test checks each against ICU),
 * and the full-width forms of ASCII (，；（）１), which NFKC maps one by
 * one to ASCII (U+FF01..U+FF5E -> U+0021..U+007E) and which nothing
 * composes with: emit_utf8() maps them. Chinese text is full of them, and
 * took the whole ICU path (UTF-16, two normalizations) for its commas. */
#define COMPARE_IDEOGRAPHS_FIRST 0x4E00
#define COMPARE_IDEOGRAPHS_LAST 0x9FFF
#define COMPARE_FULLWIDTH_FIRST 0xFF01
#define COMPARE_FULLWIDTH_LAST 0xFF5E
#define COMPARE_FULLWIDTH_SHIFT 0xFEE0

/* Whether NFKC (and, with `loose`, full case folding) leaves the UTF-8
 * text[0..len) as it is, so that its key can be made from the bytes
 * without ICU's conversions (issue 18: the word edits make a key per
 * token, mostly one ideograph). True when it is well-formed and every code
 * point is ASCII or NFKC-inert (ICU: it neither changes nor interacts with
 * its neighbours), or (not `loose`) a full-width form of ASCII, which NFKC
 * changes alone; with `loose` the inert ones must also be CJK (no case).
 * Otherwise the caller takes the ICU path. */
static bool nfkc_stable(const char *text, size_t len, bool loose)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = NULL;
	size_t i = 0, adv;

	while (i < len) {
		int32_t c = resdiff_utf8_decode(text + i, len - i, &adv);
		if (c < 0)
			return false;
		i += adv;
		if (c < 0x80 || (c >= COMPARE_IDEOGRAPHS_FIRST && c <= COMPARE_IDEOGRAPHS_LAST))
			continue;
		if (!loose && c >= COMPARE_FULLWIDTH_FIRST && c <= COMPARE_FULLWIDTH_LAST)
			continue;
		if (loose && !(c >= 0x2E80 && c < 0xA000))
			return false;
		if (!nfkc && (!(nfkc = unorm2_getNFKCInstance(&err)) || U_FAILURE(err)))
			return false;
		if (!unorm2_isInert(nfkc, c))
			return false;
	}
	return true;
}

/* emit() for text that nfkc_stable() passed, straight from UTF-8 (its
 * full-width forms of ASCII mapped as NFKC maps them);
 * `lower` lower-cases ASCII before the folds (LOOSE: fold_case() on ASCII
 * and CJK). */
static int emit_utf8(resdiff_buf *out, const char *text, size_t len, unsigned flags, bool fold,
		bool lower)
{
	const lang_folds *folds = lang_key_folds();
	size_t start = out->size, w, i = 0, adv;
	bool gap = false;
	int error;

	/* a code point of k >= 1 bytes gives at most 4 bytes and a space */
	if ((error = resdiff_buf_grow(out, out->size + len * 5 + 1)) < 0)
		return error;
	w = out->size;
	while (i < len) {
		int32_t c = resdiff_utf8_decode(text + i, len - i, &adv);
		i += adv;
		if (c >= COMPARE_IDEOGRAPHS_FIRST && c <= COMPARE_IDEOGRAPHS_LAST &&
		    !(folds->has[c / 64] & (1ull << (c % 64)))) {
			/* what emit_cp() does to an ideograph no table folds: no
			 * case, no punctuation, its own three bytes */
			if ((flags & RESDIFF_KEY_WORDS) && gap && w > start)
				out->ptr[w++] = ' ';
			gap = false;
			memcpy(out->ptr + w, text + i - adv, 3);
			w += 3;
			continue;
		}
		if (c >= COMPARE_FULLWIDTH_FIRST && c <= COMPARE_FULLWIDTH_LAST)
			c -= COMPARE_FULLWIDTH_SHIFT;  /* NFKC: "，" -> "," */
		if (lower && c >= 'A' && c <= 'Z')
			c += 32;
		emit_cp(out, &w, start, &gap, folds, (uint32_t)c, flags, fold);
	}
	out->size = w;
	out->ptr[w] = '\0';
	return 0;
}

int resdiff_compare_key(resdiff_buf *out, const char *text, size_t len, unsigned flags)
{
	UChar *norm = NULL, *folded = NULL;
	int32_t normlen = 0, flen = 0;
	int error;

	if (len > RESDIFF_COMPARE_MAX_TEXT)
		return resdiff_error_set(RESDIFF_ETOOBIG, "clause longer than %u bytes",
			RESDIFF_COMPARE_MAX_TEXT);
	if (len == 0)
		return resdiff_buf_put(out, "", 0);
	if (nfkc_stable(text, len, (flags & RESDIFF_KEY_LOOSE) != 0)) {
		/* LOOSE: ASCII and CJK only, whose full case folding is ASCII's
		 * lower case, applied before the folds as fold_case() does */
		if (flags & RESDIFF_KEY_LOOSE)
			return emit_utf8(out, text, len, flags, false, true);
		return emit_utf8(out, text, len, flags, (flags & RESDIFF_KEY_WORDS) != 0, false);
	}
	if ((error = normalize(&norm, &normlen, text, len)) < 0)
		goto done;
	if (flags & RESDIFF_KEY_LOOSE) {
		if ((error = fold_case(&folded, &flen, norm, normlen)) < 0)
			goto done;
		error = emit(out, folded, flen, flags, false);
	} else {
		error = emit(out, norm, normlen, flags, (flags & RESDIFF_KEY_WORDS) != 0);
	}
done:
	free(norm);
	free(folded);
	return error;
}

/* Both keys of resdiff_compare_keys() in one pass over the UTF-8 text:
 * what nfkc_stable(text, len, false) then emit_utf8() for each key would
 * give (issue 18: three passes, 11 % of a 10 000-paragraph alignment).
 * Returns 1 when done, 0 (both buffers as they were) when a code point
 * needs ICU's path, or an error. */
static int keys_utf8(resdiff_buf *exact, resdiff_buf *words, const char *text, size_t len)
{
	const lang_folds *folds = lang_key_folds();
	const UNormalizer2 *nfkc = NULL;
	size_t se = exact->size, sw = words->size, we, ww, i = 0, adv;
	bool gap_e = false, gap_w = false;
	int error;

	if ((error = resdiff_buf_grow(exact, exact->size + len * 5 + 1)) < 0 ||
	    (error = resdiff_buf_grow(words, words->size + len * 5 + 1)) < 0)
		return error;
	we = se;
	ww = sw;
	while (i < len) {
		int32_t c = resdiff_utf8_decode(text + i, len - i, &adv);
		if (c < 0)
			goto icu;
		i += adv;
		if (c >= COMPARE_IDEOGRAPHS_FIRST && c <= COMPARE_IDEOGRAPHS_LAST &&
		    !(folds->has[c / 64] & (1ull << (c % 64)))) {
			/* emit_utf8()'s copy of an ideograph no table folds */
			memcpy(exact->ptr + we, text + i - adv, 3);
			we += 3;
			if (gap_w && ww > sw)
				words->ptr[ww++] = ' ';
			gap_w = false;
			memcpy(words->ptr + ww, text + i - adv, 3);
			ww += 3;
			continue;
		}
		if (c >= COMPARE_FULLWIDTH_FIRST && c <= COMPARE_FULLWIDTH_LAST) {
			c -= COMPARE_FULLWIDTH_SHIFT;  /* NFKC: "，" -> "," */
		} else if (c >= 0x80 && !(c >= COMPARE_IDEOGRAPHS_FIRST && c <= COMPARE_IDEOGRAPHS_LAST)) {
			UErrorCode err = U_ZERO_ERROR;
			if (!nfkc && (!(nfkc = unorm2_getNFKCInstance(&err)) || U_FAILURE(err)))
				goto icu;
			if (!unorm2_isInert(nfkc, c))
				goto icu;
		}
		emit_cp(exact, &we, se, &gap_e, folds, (uint32_t)c, RESDIFF_KEY_EXACT, false);
		emit_cp(words, &ww, sw, &gap_w, folds, (uint32_t)c, RESDIFF_KEY_WORDS, true);
	}
	exact->size = we;
	exact->ptr[we] = '\0';
	words->size = ww;
	words->ptr[ww] = '\0';
	return 1;
icu:
	exact->ptr[se] = '\0';
	words->ptr[sw] = '\0';
	return 0;
}

int resdiff_compare_keys(resdiff_buf *exact, resdiff_buf *words, const char *text, size_t len)
{
	UChar *norm = NULL;
	int32_t normlen = 0;
	int error;

	if (len > RESDIFF_COMPARE_MAX_TEXT)
		return resdiff_error_set(RESDIFF_ETOOBIG, "clause longer than %u bytes",
			RESDIFF_COMPARE_MAX_TEXT);
	if (len == 0) {
		if ((error = resdiff_buf_put(exact, "", 0)) < 0)
			return error;
		return resdiff_buf_put(words, "", 0);
	}
	if ((error = keys_utf8(exact, words, text, len)) != 0)
		return error < 0 ? error : 0;
	if ((error = normalize(&norm, &normlen, text, len)) < 0 ||
	    (error = emit(exact, norm, normlen, RESDIFF_KEY_EXACT, false)) < 0)
		goto done;
	error = emit(words, norm, normlen, RESDIFF_KEY_WORDS, true);
done:
	free(norm);
	return error;
}

bool resdiff_compare_is_ideographic(const char *key, size_t len)
{
	size_t i = 0, adv, ideo = 0, letters = 0;

	while (i < len) {
		int32_t cp = resdiff_utf8_decode(key + i, len - i, &adv);
		i += adv;
		if (cp < 0 || !u_isalpha(cp))
			continue;
		letters++;
		ideo += resdiff_text_is_ideograph((uint32_t)cp);
	}
	return letters && ideo * 2 >= letters;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

#define GRAM_PAD 0x1FFFFFu

int resdiff_ngrams_build(uint64_t **out, size_t *count, const char *key, size_t len,
		unsigned n)
{
	uint32_t window[3] = { GRAM_PAD, GRAM_PAD, GRAM_PAD };
	uint64_t *grams = NULL;
	size_t cps = resdiff_utf8_count(key, len), i = 0, adv, seen = 0, k = 0, w;

	*out = NULL;
	*count = 0;
	if (n < 2 || n > 3)
		return resdiff_error_set(RESDIFF_EINVALID, "n-grams of %u code points", n);
	if (cps == 0)
		return 0;
	if (!(grams = malloc((cps < n ? 1 : cps - n + 1) * sizeof(*grams))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(key + i, len - i, &adv);
		uint64_t g = 0;
		i += adv;
		window[0] = window[1];
		window[1] = window[2];
		window[2] = cp < 0 ? 0xFFFDu : (uint32_t)cp;
		if (++seen < n)
			continue;
		for (w = 3 - n; w < 3; w++)
			g = (g << 21) | window[w];
		grams[k++] = g;
	}
	if (k == 0) {  /* shorter than n: the whole key, padded */
		uint64_t g = 0;
		for (w = 3 - n; w < 3; w++)
			g = (g << 21) | window[w];
		grams[k++] = g;
	}
	qsort(grams, k, sizeof(*grams), cmp_u64);
	for (i = 0, seen = 0; i < k; i++)
		if (seen == 0 || grams[seen - 1] != grams[i])
			grams[seen++] = grams[i];
	*out = grams;
	*count = seen;
	return 0;
}

size_t resdiff_ngrams_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			n++, i++, j++;
	}
	return n;
}

double resdiff_ngrams_dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	if (na + nb == 0)
		return 1.0;
	return 2.0 * (double)resdiff_ngrams_common(a, na, b, nb) / (double)(na + nb);
}

int resdiff_compare_similarity(double *out, const char *a, const char *b)
{
	resdiff_buf ka = RESDIFF_BUF_INIT, kb = RESDIFF_BUF_INIT;
	uint64_t *ga = NULL, *gb = NULL;
	size_t na = 0, nb = 0;
	unsigned n;
	int error;

	*out = 0;
	if ((error = resdiff_compare_key(&ka, a, strlen(a), 0)) < 0 ||
	    (error = resdiff_compare_key(&kb, b, strlen(b), 0)) < 0)
		goto done;
	n = resdiff_compare_is_ideographic(ka.ptr, ka.size) ? 2 : 3;
	if ((error = resdiff_ngrams_build(&ga, &na, ka.ptr, ka.size, n)) < 0 ||
	    (error = resdiff_ngrams_build(&gb, &nb, kb.ptr, kb.size, n)) < 0)
		goto done;
	*out = resdiff_ngrams_dice(ga, na, gb, nb);
done:
	free(ga);
	free(gb);
	resdiff_buf_dispose(&ka);
	resdiff_buf_dispose(&kb);
	return error;
}
