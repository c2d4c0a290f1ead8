/*
 * lang_internal.h (internal): the embedded language files and the key
 * folds compiled from the table, for lang.c, compare.c and the tests.
 */
#ifndef RESDIFF_LANG_INTERNAL_H
#define RESDIFF_LANG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/lang.h"

/* core/lang/<code>.txt as embedded by core/lang/embed.cmake, sorted by
 * code (lang_files.c in the build directory). */
typedef struct {
	const char *code;
	const char *text;
	size_t len;
} lang_file;

extern const lang_file lang_files[];
extern const size_t lang_file_count;

/* core/lang/formula/<code>.txt, the formula tables (docs/DIFF.md, "Fifth
 * round"): the word runs many resolutions share, one words key a line,
 * "0" for a word with a digit, "#" starts a comment; sorted by code. formula_file_count entries
 * (the array has one empty entry when there is none). */
extern const lang_file formula_files[];
extern const size_t formula_file_count;

/* The key folds of every script and language: keys hold to[i] where the
 * text has from[i] (0: nothing). `has` marks the folded code points of
 * the Basic Multilingual Plane, where all of them are. */
#define LANG_FOLDS_MAX 512

typedef struct {
	uint64_t has[0x10000 / 64];
	uint32_t from[LANG_FOLDS_MAX], to[LANG_FOLDS_MAX];  /* sorted by from */
	size_t count;
} lang_folds;

/* The folds of the loaded table (empty when loading failed). Never NULL. */
const lang_folds *lang_key_folds(void);

static inline uint32_t lang_fold(const lang_folds *f, uint32_t cp)
{
	size_t lo = 0, hi = f->count;
	if (cp > 0xFFFF || !(f->has[cp / 64] & (1ull << (cp % 64))))
		return cp;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->from[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f->to[lo];
}

/* Add the language of a language file's text to the end of the table (the
 * tests' temporary languages). Not thread-safe: call it before other
 * threads use the table. RESDIFF_EINVALID for a malformed file, naming
 * `source` and the line. */
int lang_register(const char *source, const char *text, size_t len);

/* Parse a language file into a language of its own, outside the table
 * (the tests' check of every file); free it with lang_parsed_free(). */
int lang_parse(resdiff_lang **out, const char *source, const char *text, size_t len);
void lang_parsed_free(resdiff_lang *lang);

#endif
