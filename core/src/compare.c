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

static bool is_punct(uint32_t cp)
{
	int8_t t = u_charType((UChar32)cp);
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
		uint32_t f;

		U16_NEXT(p, i, n, c);
		f = fold_cp(folds, (uint32_t)c);
		if (fold && f < 0x80)
			f = f >= 'A' && f <= 'Z' ? f + 32 : f;
		else if (fold && !(f >= 0x2E80 && f < 0xA000))  /* CJK has no case */
			f = (uint32_t)u_foldCase((UChar32)f, U_FOLD_CASE_DEFAULT);
		if (flags & RESDIFF_KEY_WORDS) {
			if (!f || is_punct(f)) {
				gap = true;
				continue;
			}
			if (gap && w > start)
				out->ptr[w++] = ' ';
			gap = false;
		} else if (!f || ((flags & RESDIFF_KEY_LOOSE) && is_punct(f))) {
			continue;
		}
		w += resdiff_utf8_encode(out->ptr + w, f);
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
