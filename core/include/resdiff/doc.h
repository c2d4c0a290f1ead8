/*
 * resdiff/doc.h: the document tree every stage shares.
 *
 * A document is metadata plus an ordered list of units (preambular and
 * operative paragraphs, sub-paragraphs, headings, report paragraphs), the
 * footnotes, and the parser's diagnostics. Units never nest in memory: a
 * sub-paragraph is the unit after its parent, and its id says whose it is
 * ("OP61(a)" belongs to "OP61").
 *
 * Ownership: a resdiff_doc and every string it points to live in one arena
 * owned by the document; resdiff_doc_free() releases all of it. Pointers
 * into a document are valid until it is freed. Strings are UTF-8, NUL
 * terminated, never NULL except where a comment says "or NULL".
 *
 * Ids are a contract (docs/PARSE.md): PP<n> preamble, OP<n> operative,
 * OP<n>(a)(i) subparagraph, H<n> heading, P<n> report paragraph,
 * B<n> unnumbered report block, ART<n> article heading and ART<n>.<k>
 * its paragraphs, ANNEX<k>- prefix inside annexes.
 */
#ifndef RESDIFF_DOC_H
#define RESDIFF_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	RESDIFF_UNIT_PREAMBLE = 0,
	RESDIFF_UNIT_OPERATIVE,
	RESDIFF_UNIT_SUBPARAGRAPH,
	RESDIFF_UNIT_HEADING,
	RESDIFF_UNIT_PARAGRAPH,  /* numbered paragraph of a report */
	RESDIFF_UNIT_BLOCK,      /* unnumbered block of a report (summary ...) */
	RESDIFF_UNIT_ARTICLE     /* an article's heading line ("Article 12"); its
	                          * paragraphs are RESDIFF_UNIT_PARAGRAPH units */
} resdiff_unit_kind;

/* "preamble", "operative", ... as used in JSON and the storage format. */
const char *resdiff_unit_kind_name(resdiff_unit_kind kind);
/* Inverse of resdiff_unit_kind_name; returns -1 for an unknown name. */
int resdiff_unit_kind_from_name(const char *name);

/* A footnote marker that was in the text: its label ("1", "*") and where
 * it stood, as an offset in Unicode code points into the unit's text. */
typedef struct {
	const char *label;
	size_t offset;
} resdiff_fnref;

typedef struct {
	const char *id;         /* "PP3", "OP61(a)", "H2" ... */
	resdiff_unit_kind kind;
	const char *label;      /* as printed, digits in ASCII: "1.", "(a)", "一.", "" */
	const char *text;       /* without label and footnote markers */
	size_t line;            /* 1-based source line where it starts */
	resdiff_fnref *fnrefs;
	size_t fnref_count;
} resdiff_unit;

typedef struct {
	const char *label;      /* "1", "*", "**" */
	const char *text;
	size_t line;
} resdiff_footnote;

/* A warning says the text (or the parse) is wrong and `resdiff check`
 * counts it; a note says the parser was unsure and kept the text as it is
 * (a number that could be a footnote marker): check lists it, CI passes. */
typedef enum {
	RESDIFF_DIAG_WARNING = 0,
	RESDIFF_DIAG_NOTE
} resdiff_diag_level;

typedef struct {
	size_t line;            /* 0 when not tied to a line */
	const char *message;
	resdiff_diag_level level;
} resdiff_diag;

/* "warning", "note" as in JSON. */
const char *resdiff_diag_level_name(resdiff_diag_level level);

/* Metadata; a member is NULL when unknown. */
typedef struct {
	const char *symbol;     /* "E/RES/2009/7" */
	const char *body;       /* "ECOSOC", "GA", "Secretariat" */
	const char *kind;       /* "resolution", "draft", "report" */
	const char *date;       /* ISO 8601 "2009-07-24" */
	const char *meeting;    /* "36" */
	const char *title;
	const char *language;   /* "zh", "en", "fr", "es", "ru", "ar" */
	const char *chapeau;    /* "经济及社会理事会，", "The General Assembly," */
	const char *series;     /* series slug, from a manifest or flag */
	const char *draft_of;   /* a draft's resolution ("A/RES/80/1"), from a
	                         * manifest, `import --draft-of` or the draft's
	                         * own front lines (docs/DRAFTS.md) */
	const char **footnotes; /* footnote labels cited by title/front matter */
	size_t footnote_count;
} resdiff_meta;

typedef struct resdiff_doc {
	resdiff_meta meta;
	resdiff_unit *units;
	size_t unit_count;
	resdiff_footnote *footnotes;
	size_t footnote_count;
	resdiff_diag *diags;
	size_t diag_count;
	/* The text says it was adopted: a front line of the language's
	 * adopted-words ("Resolution adopted by the General Assembly on …") or
	 * a plenary meeting line at its end, and no draft-words. Set by the
	 * parser; like diags, not stored (a stored document reads back false).
	 * A draft that reads as adopted is imported only when forced
	 * (docs/DRAFTS.md). */
	bool reads_adopted;
	/* What the text says of itself, which metadata given for it (a flag,
	 * a manifest) must not contradict (resdiff_store_check_text). Set by
	 * the parser from the text alone; not stored (NULL when read back):
	 * the script its letters are written in ("latin"), when the text has
	 * enough letters to tell; the language it clearly reads as, when the
	 * evidence is strong (docs/LANGUAGES.md, "What the text says"); the
	 * adoption date it states (a "Resolution adopted … on" line, a date by
	 * the plenary meeting line). Owned by the arena. */
	const char *text_script;
	const char *text_language;
	const char *text_date;
	resdiff_arena *arena;   /* owns everything above */
	size_t unit_alloc, footnote_alloc, diag_alloc;
} resdiff_doc;

/* Create an empty document. Free with resdiff_doc_free(). */
int resdiff_doc_new(resdiff_doc **out);
void resdiff_doc_free(resdiff_doc *doc);

/* Copy `value` (or NULL) into the document and store it in *field, which
 * must be one of doc->meta's string members. */
int resdiff_doc_set_meta(resdiff_doc *doc, const char **field, const char *value);

/* Append a unit; strings are copied. *out (may be NULL) points at the new
 * unit, valid until the next append. */
int resdiff_doc_add_unit(resdiff_unit **out, resdiff_doc *doc, const char *id,
		resdiff_unit_kind kind, const char *label, const char *text, size_t line);
int resdiff_doc_add_fnref(resdiff_doc *doc, resdiff_unit *unit,
		const char *label, size_t offset);
int resdiff_doc_add_footnote(resdiff_doc *doc, const char *label,
		const char *text, size_t line);
int resdiff_doc_add_meta_footnote(resdiff_doc *doc, const char *label);
int resdiff_doc_add_diag(resdiff_doc *doc, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* A diagnostic at the note level (see resdiff_diag_level). */
int resdiff_doc_add_note(resdiff_doc *doc, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Is the unit part of what a resolution decides: an operative paragraph,
 * a sub-paragraph, or a paragraph of an article (ART12.1)? What
 * --only=operative, the amendment writer and the exports count. */
int resdiff_unit_is_operative(const resdiff_unit *unit);

/* Lookups; NULL when absent. */
const resdiff_unit *resdiff_doc_unit_by_id(const resdiff_doc *doc, const char *id);
const resdiff_footnote *resdiff_doc_footnote(const resdiff_doc *doc, const char *label);

#ifdef __cplusplus
}
#endif
#endif
