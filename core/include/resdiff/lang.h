/*
 * resdiff/lang.h: the language table and the script table, the one place
 * that says what resdiff knows about a language or a writing system.
 *
 * Languages. Everything resdiff knows about one language is in one data
 * file, core/lang/<code>.txt (docs/LANGUAGES.md: the format and every
 * section), embedded into the library at build time and read on first
 * use; `table` in core/src/lang.c lists the languages in order. Adding a
 * language is adding its file and one line to that table. The parser, the
 * comparison keys, the aligner and the amendment writer read the sections
 * through this interface and nothing else.
 *
 * Scripts. What depends on the writing system rather than the language
 * (words separated by spaces or not, right to left, which code points
 * belong to it, the punctuation every language shares) is in the script
 * table of core/src/script.c; a language file names its script.
 *
 * Entries are UTF-8 strings in the form the section says (most in
 * comparison form: lower case). Keyed sections hold "KEY = text" lines.
 *
 * Ownership: everything returned is owned by the library, read-only, and
 * lives until the process ends. The table is loaded once, thread-safely.
 */
#ifndef RESDIFF_LANG_H
#define RESDIFF_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- scripts ------------------------------------------------------------ */

/* In the order language detection prefers them (resdiff_text_detect_language). */
typedef enum {
	RESDIFF_SCRIPT_HAN = 0,      /* Han, with kana, Hangul and Bopomofo */
	RESDIFF_SCRIPT_ARABIC,
	RESDIFF_SCRIPT_CYRILLIC,
	RESDIFF_SCRIPT_LATIN,
	RESDIFF_SCRIPT_COMMON,       /* digits, punctuation, symbols, others */
	RESDIFF_SCRIPT_COUNT
} resdiff_script_id;

typedef struct {
	resdiff_script_id id;
	const char *name;            /* "latin": the name language files use */
	bool spaced;                 /* words separated by spaces; else one
	                              * character is a token of the word diff */
	bool rtl;                    /* written right to left */
	unsigned detect_weight;      /* detection: the script wins over Latin
	                              * letters when count * weight >= Latin's
	                              * (0: never counted against Latin) */
	const uint32_t (*key_folds)[2];  /* {from, to} code points keys fold
	                              * in every text (to 0: dropped) */
	size_t key_fold_count;
} resdiff_script;

const resdiff_script *resdiff_script_get(resdiff_script_id id);
/* The script a language file names ("latin"), or NULL. */
const resdiff_script *resdiff_script_named(const char *name);
/* The script of a code point: ASCII letters and U+0080..U+024F are Latin,
 * U+0400..U+04FF Cyrillic, U+0600..U+06FF Arabic, what
 * resdiff_text_is_ideograph() accepts Han, everything else Common. */
const resdiff_script *resdiff_script_of(uint32_t cp);

/* ---- languages ---------------------------------------------------------- */

/* The sections of a language file, by what reads them. docs/LANGUAGES.md
 * describes each; core/src/lang.c names them ("function-words", ...). */
typedef enum {
	RESDIFF_SECTION_FUNCTION_WORDS = 0, /* detection */
	RESDIFF_SECTION_BODIES,             /* parser: front matter, closing lines */
	RESDIFF_SECTION_CHAPEAU_WORDS,
	RESDIFF_SECTION_ADOPTED_WORDS,
	RESDIFF_SECTION_DRAFT_WORDS,
	RESDIFF_SECTION_AMENDMENT_WORDS,
	RESDIFF_SECTION_REPORT_LINES,
	RESDIFF_SECTION_SUMMARY_LINES,
	RESDIFF_SECTION_PLENARY_WORDS,
	RESDIFF_SECTION_ANNEX_WORDS,        /* parser: the body */
	RESDIFF_SECTION_SUB_LETTERS,
	RESDIFF_SECTION_LABEL_NUMERALS,
	RESDIFF_SECTION_REFERENCE_WORDS,
	RESDIFF_SECTION_QUANTITY_WORDS,
	RESDIFF_SECTION_CITATION_ABBREVIATIONS,
	RESDIFF_SECTION_MONTHS,             /* dates */
	RESDIFF_SECTION_MONTH_VARIANTS,
	RESDIFF_SECTION_DAY_SUFFIXES,
	RESDIFF_SECTION_DATE_JOINERS,
	RESDIFF_SECTION_NUMERIC_DATE,
	RESDIFF_SECTION_LEADING_WORDS,      /* aligner */
	RESDIFF_SECTION_LEADING_MODIFIERS,
	RESDIFF_SECTION_NUMBER_WORDS,
	RESDIFF_SECTION_SESSION_WORDS,
	RESDIFF_SECTION_AGENDA_WORDS,       /* aligner: agenda paragraphs (align_assign.c) */
	RESDIFF_SECTION_KIND_RECASTS,       /* aligner: an operative opening and its preambular recast */
	RESDIFF_SECTION_KEY_FOLDS,          /* comparison keys */
	RESDIFF_SECTION_AMENDMENT_PHRASES,  /* amendment writer */
	RESDIFF_SECTION_OPERATIVE_LADDER,   /* verb strength (the diff's signals) */
	RESDIFF_SECTION_PREAMBULAR_LADDER,
	RESDIFF_SECTION_ORDINALS,           /* rolling updates */
	RESDIFF_SECTION_NUMERALS,
	RESDIFF_SECTION_NUMERAL_CONTEXTS,  /* resdiff parallel: numerals read as numbers */
	RESDIFF_SECTION_ARTICLE_HEADINGS,   /* slots, read by nothing yet */
	RESDIFF_SECTION_PREAMBLE_OPENERS,
	RESDIFF_SECTION_PROCLAIMING_FORMULAS,
	RESDIFF_SECTION_AMENDMENT_GRAMMAR,
	RESDIFF_SECTION_PLURAL_REFERENCE_WORDS, /* parser: "Goals 5 and" needs a list */
	RESDIFF_SECTION_COUNT
} resdiff_lang_section;

typedef struct {
	const char *key;    /* keyed sections: the part before " = "; else NULL */
	const char *text;   /* the entry, NUL terminated */
	size_t len;         /* bytes of text */
	uint32_t cp;        /* its first code point (0 when empty) */
	int number;         /* the key as a number when it is digits, else -1 */
} resdiff_lang_entry;

typedef struct {
	const resdiff_lang_entry *entry;   /* in file order */
	size_t count;
} resdiff_lang_list;

typedef struct {
	const char *code;                  /* "en" */
	const char *name;                  /* "English" */
	const char *iso639_2;              /* "eng" (Akoma Ntoso) */
	const resdiff_script *script;
	bool paragraph_number_dash;        /* "12 - text" numbers a paragraph */
	bool months_inside_words;          /* month names are found inside words */
	/* The length model of `resdiff parallel` (resdiff/parallel.h): a
	 * paragraph of this language has about length_ratio times the letters
	 * and digits of its English version, and the log of its length strays
	 * from that by length_noise (a standard deviation); English is 1 and
	 * the rest learnt from the UDHR (docs/PARALLEL.md). Defaults: 1 and
	 * RESDIFF_LANG_LENGTH_NOISE. */
	double length_ratio;
	double length_noise;
	resdiff_lang_list section[RESDIFF_SECTION_COUNT];
	/* bit cp % 64 set for the code point of each [numerals] entry: a
	 * code point whose bit is clear is no numeral, without a look at the
	 * list (the word edits ask for every Han character) */
	uint64_t numeral_bits;
} resdiff_lang;

/* The code of the language whose [amendment-phrases] the amendments of
 * language `code` are written in: `code`'s own when its file has every
 * phrase the writer says, else "en" (also for an unknown or NULL code).
 * *missing (when not NULL) is the first phrase `code` lacks, NULL when
 * it lacks none; static strings, nothing to free. Callers say the
 * fallback to the user (`resdiff diff` does, on standard error); the
 * amendment writer (resdiff/diff.h) and reader (resdiff/amend.h) use it. */
const char *resdiff_amendments_lang(const char *code, const char **missing);

/* Load the table (once; later calls return the first result). The
 * functions below load it too and see an empty table when loading failed;
 * the pipeline's entry points call this to report why. RESDIFF_ENOMEM, or
 * RESDIFF_EINVALID for a malformed language file. */
int resdiff_lang_load(void);

/* The length noise of a language whose file does not give one: larger
 * than any learnt, so an unknown pair flags only gross differences. */
#define RESDIFF_LANG_LENGTH_NOISE 0.2

/* The languages in table order. */
size_t resdiff_lang_count(void);
const resdiff_lang *resdiff_lang_at(size_t i);
/* The entry of a language code; for NULL or an unknown code a neutral
 * entry (code "", Latin script, empty sections). Never NULL. */
const resdiff_lang *resdiff_lang_get(const char *code);
bool resdiff_lang_known(const char *code);
/* One section of every language, concatenated in table order: what the
 * parser reads, since it finds every language's words in any text. */
const resdiff_lang_list *resdiff_lang_all(resdiff_lang_section section);
/* The text of the first entry of `section` whose key is `key`, or NULL. */
const char *resdiff_lang_phrase(const resdiff_lang *lang, resdiff_lang_section section,
		const char *key);
/* "function-words" */
const char *resdiff_lang_section_name(resdiff_lang_section section);
/* A fingerprint of the language data the library embeds (every language
 * file and formula table, their comment and blank lines aside): what a
 * stored result computed with that data (the clause index) records, so
 * that it is recomputed when the data changes. */
uint64_t resdiff_lang_fingerprint(void);

/* Write a phrase to out: its text, with each "{name}" replaced by what
 * value(out, name, len, ctx) appends (it returns 0 or an error, which
 * stops the expansion and is returned). */
typedef int (*resdiff_lang_value_fn)(resdiff_buf *out, const char *name, size_t len, void *ctx);
int resdiff_lang_expand(resdiff_buf *out, const char *phrase, resdiff_lang_value_fn value,
		void *ctx);

/* ---- the aligner's lexicon ---------------------------------------------- */

/* At most this many words (spaced) or list entries (unspaced) open a
 * clause as its leading verb phrase. */
#define RESDIFF_LANG_LEADING_MAX 6

/* The word lists of one language compiled for lookups (a hash table of
 * the entries, the "*" patterns beside it): what a word is, or the
 * longest listed word a text starts with. Built once per use of many
 * lookups (the aligner builds one per document); the caller frees it. */
typedef struct resdiff_lang_lexicon resdiff_lang_lexicon;

enum {
	RESDIFF_LANG_LEADING = 1,    /* in leading-words */
	RESDIFF_LANG_MODIFIER = 2,   /* in leading-modifiers */
	RESDIFF_LANG_ROLLING = 4     /* in months, month-variants, number-words
	                              * or session-words */
};

/* RESDIFF_ENOMEM on failure. */
int resdiff_lang_lexicon_new(resdiff_lang_lexicon **out, const resdiff_lang *lang);
void resdiff_lang_lexicon_free(resdiff_lang_lexicon *lx);
/* The classes (RESDIFF_LANG_* bits, 0 for none) of the word w[0..len),
 * listed exactly or matching a "pre*" / "*suf" pattern. */
unsigned resdiff_lang_lexicon_classify(const resdiff_lang_lexicon *lx, const char *w,
		size_t len);
/* The byte length of the longest listed entry with one of the `classes`
 * that s[0..len) starts with, or 0 (unspaced scripts, where words are not
 * separated). */
size_t resdiff_lang_lexicon_prefix(const resdiff_lang_lexicon *lx, const char *s, size_t len,
		unsigned classes);
/* False when no listed entry with one of the `classes` starts with the
 * code point cp (a quick filter before resdiff_lang_lexicon_prefix;
 * true may still find none). */
bool resdiff_lang_lexicon_may_start(const resdiff_lang_lexicon *lx, uint32_t cp,
		unsigned classes);

/* The leading verb phrase of a clause, from its words key key[0..len)
 * (resdiff/compare.h, RESDIFF_KEY_WORDS) and the lexicon of its language
 * `lang`: in a spaced script its first word when in leading-words, or its
 * second after one of leading-modifiers ("also recognizes"); a word in
 * both lists takes the listed verb after it too ("وإذ تؤكد"); in an
 * unspaced one the listed modifiers and the verb it starts with
 * ("又表示注意到", at most RESDIFF_LANG_LEADING_MAX entries). Returns the
 * bytes of key it covers, 0 when the clause opens with no listed verb.
 * What the diff's verb shifts and `resdiff check` (kind "misread") read. */
size_t resdiff_lang_lexicon_leading(const resdiff_lang_lexicon *lx, const resdiff_lang *lang,
		const char *key, size_t len);

/* ---- verb ladders and numbers (docs/LANGUAGES.md, docs/DIFF.md) -------- */

/* The entry of a ladder (RESDIFF_SECTION_OPERATIVE_LADDER or
 * _PREAMBULAR_LADDER) that the words key key[0..len) (resdiff/compare.h,
 * RESDIFF_KEY_WORDS: case-folded, words separated by one space) of a
 * clause's opening starts with: the longest, ending at a word boundary in
 * a spaced script ('-' in an entry matches a space of the key). NULL when
 * none; *matched receives the bytes of the key it covers. The entry's
 * number is its rank. */
const resdiff_lang_entry *resdiff_lang_ladder_match(const resdiff_lang *lang,
		resdiff_lang_section ladder, const char *key, size_t len, size_t *matched);

/* A number written in words at the start of words[0..n) (each a word in
 * comparison form, NUL terminated; a hyphenated word given as its parts):
 * the longest `ordinals` entry spanning up to RESDIFF_LANG_NUMBER_SPAN
 * words ('-' and ' ' in an entry separate its words), or a one-word
 * "stem*" entry, then the next, and so on, the values summed
 * ("seventy" "fourth" is 74, "soixante" "et" "onzième" 71). Returns the
 * number of words read (0: the first is no number word) and the sum in
 * *value. */
#define RESDIFF_LANG_NUMBER_SPAN 3
size_t resdiff_lang_number_words(const resdiff_lang *lang, const char *const *words, size_t n,
		long *value);

/* The value of the run of `numerals` characters that s[0..len) starts with
 * ("六十四" is 64, "一百零二" 102, "二〇一九" 2019): *used receives its
 * bytes (0: s starts with none). Returns the value. */
long resdiff_lang_numerals(const resdiff_lang *lang, const char *s, size_t len, size_t *used);

/* Is cp one of the language's `numerals` characters? */
bool resdiff_lang_is_numeral(const resdiff_lang *lang, uint32_t cp);

#ifdef __cplusplus
}
#endif
#endif
