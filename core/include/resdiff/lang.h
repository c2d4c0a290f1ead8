/*
 * resdiff/lang.h: what resdiff knows about each of the six UN languages,
 * one static block per language in core/src/lang.c, found through one
 * table keyed by the language code.
 *
 * Today the table holds what the aligner needs to compare content rather
 * than the words every rolling update changes (docs/DIFF.md, "Rolling
 * words"): the verbs and participles that open a clause and the adverbs
 * that go with them ("Recalling also", "又回顾"), month names, number and
 * ordinal words ("sixty-fourth", "第六十四"), and session words. It is the
 * seed of the language table of issue 11: parser labels and renderer
 * strings are meant to become further members of the same struct.
 *
 * Word lists are NULL-terminated arrays of UTF-8 strings in comparison
 * form: NFKC, case-folded, no punctuation. In a spaced script an entry is
 * one word; "pre*" matches every word beginning with "pre" and "*ième"
 * every word ending in "ième". In an ideographic script (zh) entries are
 * character strings matched where they stand in the text, leading words
 * repeatedly from the start of the clause.
 *
 * Ownership: everything is static and read-only.
 */
#ifndef RESDIFF_LANG_H
#define RESDIFF_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	RESDIFF_SCRIPT_SPACED = 0,   /* words separated by spaces */
	RESDIFF_SCRIPT_IDEOGRAPHIC   /* Han: one character carries a word */
} resdiff_script;

/* At most this many words (spaced) or list entries (ideographic) open a
 * clause as its leading verb phrase. */
#define RESDIFF_LANG_LEADING_MAX 6

typedef struct {
	const char *code;                /* "en", "zh", "fr", "es", "ru", "ar" */
	const char *name;                /* "English" */
	resdiff_script script;
	const char *const *leading;      /* verbs and participles opening a clause */
	const char *const *modifiers;    /* words that go with them: "also", "with", "又" */
	const char *const *months;
	const char *const *numbers;      /* number and ordinal words */
	const char *const *sessions;     /* "session", "届会议" */
} resdiff_lang;

/* The entry of a language code; for NULL or an unknown code a neutral
 * entry (code "", spaced script, empty lists). Never NULL. */
const resdiff_lang *resdiff_lang_get(const char *code);

/* The lists of one language compiled for lookups (a hash table of the
 * entries, the "*" patterns beside it): what a word is, or the longest
 * listed word a text starts with. Built once per use of many lookups
 * (the aligner builds one per document); the caller frees it. */
typedef struct resdiff_lang_lexicon resdiff_lang_lexicon;

enum {
	RESDIFF_LANG_LEADING = 1,    /* in `leading` */
	RESDIFF_LANG_MODIFIER = 2,   /* in `modifiers` */
	RESDIFF_LANG_ROLLING = 4     /* in `months`, `numbers` or `sessions` */
};

/* RESDIFF_ENOMEM on failure. */
int resdiff_lang_lexicon_new(resdiff_lang_lexicon **out, const resdiff_lang *lang);
void resdiff_lang_lexicon_free(resdiff_lang_lexicon *lx);
/* The classes (RESDIFF_LANG_* bits, 0 for none) of the word w[0..len),
 * listed exactly or matching a "pre*" / "*suf" pattern. */
unsigned resdiff_lang_lexicon_classify(const resdiff_lang_lexicon *lx, const char *w,
		size_t len);
/* The byte length of the longest listed entry with one of the `classes`
 * that s[0..len) starts with, or 0 (ideographic scripts, where words are
 * not separated). */
size_t resdiff_lang_lexicon_prefix(const resdiff_lang_lexicon *lx, const char *s, size_t len,
		unsigned classes);
/* False when no listed entry with one of the `classes` starts with the
 * code point cp (a quick filter before resdiff_lang_lexicon_prefix;
 * true may still find none). */
bool resdiff_lang_lexicon_may_start(const resdiff_lang_lexicon *lx, uint32_t cp,
		unsigned classes);

#ifdef __cplusplus
}
#endif
#endif
