/*
 * resdiff/compare.h: comparison keys and n-gram similarity, the only things
 * the aligner looks at when it decides whether two clauses are the same.
 *
 * A comparison key is derived from a unit's text and never shown: Unicode
 * NFKC, full-/half-width and typographic punctuation folded to one form
 * (。 -> ".", 、 -> ",", curly and corner quotes -> '"', dashes -> "-":
 * the key folds of the script and language tables, resdiff/lang.h, applied
 * to every text), and whitespace removed. Two texts with equal keys differ only in width,
 * spacing or compatibility forms and are "unchanged". With
 * RESDIFF_KEY_LOOSE the key is also case-folded and stripped of
 * punctuation: texts whose loose keys agree but whose keys differ were
 * edited only in case or punctuation ("editorial"). RESDIFF_KEY_WORDS
 * keeps word boundaries as single spaces instead.
 *
 * N-gram sets: the sorted, de-duplicated code-point n-grams of a key (the
 * aligner uses n = 3 for every script, see resdiff/align.h), each packed exactly
 * into 64 bits (21 bits per code point), so set operations are merges of
 * sorted arrays and never collide. A key shorter than n contributes itself
 * as one padded gram, so one-word headings still compare.
 *
 * Ownership: keys are appended to a caller-owned resdiff_buf; n-gram
 * arrays are malloc'd and freed by the caller with free().
 */
#ifndef RESDIFF_COMPARE_H
#define RESDIFF_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Texts longer than this are refused (RESDIFF_ETOOBIG): one clause is
 * never megabytes long, and the key is computed in UTF-16 memory. */
#define RESDIFF_COMPARE_MAX_TEXT (8u * 1024 * 1024)

enum {
	RESDIFF_KEY_EXACT = 0,
	RESDIFF_KEY_LOOSE = 1,  /* also fold case and drop punctuation */
	RESDIFF_KEY_WORDS = 2   /* fold case (simple folding, code point by
	                           code point); every run of whitespace and
	                           punctuation becomes one space (none at
	                           either end): the words of a text, for the
	                           aligner's content features */
};

/* Append the comparison key of text[0..len) (UTF-8; invalid bytes become
 * U+FFFD) to out. */
int resdiff_compare_key(resdiff_buf *out, const char *text, size_t len, unsigned flags);

/* Both keys the aligner needs from one normalization: the exact key to
 * `exact`, the RESDIFF_KEY_WORDS key to `words`. */
int resdiff_compare_keys(resdiff_buf *exact, resdiff_buf *words, const char *text, size_t len);

/* Fold one code point as keys do (after NFKC): the folded code point, or
 * 0 when it is whitespace and dropped. Exposed for the word differ, which
 * compares tokens by the same rules. */
uint32_t resdiff_compare_fold_cp(uint32_t cp);

/* True when most letters of key[0..len) are Han, kana or Hangul. */
bool resdiff_compare_is_ideographic(const char *key, size_t len);

/* The n-gram set of key[0..len) (n = 2 or 3) in *out (malloc'd, or NULL
 * when the key is empty) and its size in *count. */
int resdiff_ngrams_build(uint64_t **out, size_t *count, const char *key, size_t len,
		unsigned n);

/* |a ∩ b| of two n-gram sets. */
size_t resdiff_ngrams_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* Dice coefficient 2|a∩b| / (|a|+|b|) in [0, 1]; 1 for two empty sets. */
double resdiff_ngrams_dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* Dice similarity of two texts' keys (a convenience for tests and the
 * baseline): bigrams for ideographic texts, trigrams otherwise. */
int resdiff_compare_similarity(double *out, const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
