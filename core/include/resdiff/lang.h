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

/* Does the word w[0..len) match an entry of the NULL-terminated list
 * (exactly, or by a "pre*" / "*suf" pattern)? */
bool resdiff_lang_word_in(const char *const *list, const char *w, size_t len);

/* The longest entry of `list` that s[0..len) starts with: its byte
 * length, or 0 when none does (ideographic matching). */
size_t resdiff_lang_prefix_in(const char *const *list, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
