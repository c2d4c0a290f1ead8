/*
 * resdiff/parallel.h: the language versions of one document side by side.
 *
 * The language versions of a resolution (Arabic, Chinese, English, French,
 * Russian, Spanish: all equally authentic) have the same paragraphs in the
 * same order; an editor wants them in rows, one column per language, with
 * the rows where they disagree flagged. Words cannot be compared across
 * languages, so the aligner uses what survives translation (docs/PARALLEL.md):
 *
 * - printed numbers: units whose ids come from a printed number (OP12,
 *   OP2(a), P7, ART13; not PP3 or H2, which count positions) pair by id
 *   where the ids keep their order (a longest increasing chain); they
 *   anchor the rows;
 * - between two anchors, the best monotone alignment of the units (one to
 *   one, one to none, one to two or three) by dynamic programming, as
 *   sentence alignment in parallel corpora does (Gale and Church): the
 *   length of each unit in letters and digits against the ratio typical
 *   for the language pair (resdiff_lang.length_ratio, length_noise), the
 *   numbers (digits in any script, the months of dates, document symbols)
 *   they hold, their kinds, and the Latin-script names a text in another
 *   script keeps. A paragraph missing in one language therefore costs
 *   one row, not a shift of every later pair. The programme runs in a
 *   band around the diagonal of each gap between anchors, so the work is
 *   linear in the units;
 * - more than two documents: the second is aligned with the first, each
 *   further one with the rows built so far (its units against the rows'
 *   lengths, numbers and kinds).
 *
 * Each row holds, for every document, no unit, one unit, or several
 * consecutive units (the paragraph is split in that language), flags, and
 * a confidence: the posterior probability of the row's pairing under the
 * alignment model (forward-backward over the band), the lowest of the
 * steps that built it.
 *
 * Ownership: resdiff_parallel_align() returns a result the caller frees
 * with resdiff_parallel_free(); it borrows the documents, which must
 * outlive it. Rows, cells and keys live in the result's arena.
 */
#ifndef RESDIFF_PARALLEL_H
#define RESDIFF_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits. */
#define RESDIFF_PARALLEL_MAX_DOCS 16        /* documents side by side */
#define RESDIFF_PARALLEL_MAX_UNITS 200000   /* units per document */
/* The dynamic programme between two anchors looks at most this many
 * units off the gap's diagonal (on either side): a run of that many
 * paragraphs missing in one language is still found. */
#define RESDIFF_PARALLEL_BAND 32
/* At most this many consecutive units of one document make one row
 * (one paragraph split in two or three in another language). */
#define RESDIFF_PARALLEL_SPLIT_MAX 3

/* Flag `length` when the lengths of two units of a row stray from the
 * pair's ratio by more than this many standard deviations ... */
#define RESDIFF_PARALLEL_LENGTH_SD 4.0
/* ... and the longer holds at least this many letters and digits
 * (counted as English would): short headings vary too much. */
#define RESDIFF_PARALLEL_LENGTH_MIN 40

/* Row flags. */
enum {
	RESDIFF_PARALLEL_MISSING = 1 << 0,  /* no unit in some document */
	RESDIFF_PARALLEL_NUMBERS = 1 << 1,  /* digits, dates or symbols differ */
	RESDIFF_PARALLEL_LENGTH = 1 << 2,   /* a length ratio far outside the pair's */
	RESDIFF_PARALLEL_KIND = 1 << 3,     /* different unit kinds */
	RESDIFF_PARALLEL_SPLIT = 1 << 4,    /* several units in some document */
	RESDIFF_PARALLEL_LIST = 1 << 5      /* lists of different lengths inside
	                                       the units ("(a) ...; (b) ...") */
};
#define RESDIFF_PARALLEL_FLAG_COUNT 6

/* "missing", "numbers", "length", "kind", "split", "list" for the flag
 * with index i (0 .. RESDIFF_PARALLEL_FLAG_COUNT - 1, in bit order). */
const char *resdiff_parallel_flag_name(size_t i);
/* The same for one flag bit (RESDIFF_PARALLEL_MISSING: "missing"). */
const char *resdiff_parallel_flag_bit_name(unsigned flag);

/* A document's part of a row: units [first, first + count) of that
 * document; count 0 when it has none. */
typedef struct {
	size_t first;
	size_t count;
} resdiff_parallel_cell;

/* Why a row is flagged: per flag, the documents that disagree and how.
 * The odd ones out are found by majority: with six languages, the one
 * whose "1949" the other five print as "1948" is named, not the five. */
#define RESDIFF_PARALLEL_NO_DOC ((size_t)-1)
typedef struct {
	unsigned flag;      /* one RESDIFF_PARALLEL_* bit */
	size_t doc;         /* the document it concerns (an index into docs) */
	const char *text;   /* "no counterpart", "has 1949; lacks 1948",
	                       "heading where the others have paragraph",
	                       "2 units", "55% of the length the others give",
	                       "3 list items where the others have 4" */
} resdiff_parallel_reason;

/* At most this many numbers are named in one reason ("has 1, 2, 3 ..."). */
#define RESDIFF_PARALLEL_REASON_NUMBERS 8

typedef struct {
	resdiff_parallel_cell *cells;  /* one per document, in input order */
	unsigned flags;                /* RESDIFF_PARALLEL_* */
	const resdiff_parallel_reason *reasons;  /* reason_count, in flag then
	                                            document order */
	size_t reason_count;
	double confidence;             /* [0, 1] */
	bool anchored;                 /* paired by printed numbers */
} resdiff_parallel_row;

typedef struct resdiff_parallel {
	const resdiff_doc *const *docs;   /* borrowed, doc_count of them */
	size_t doc_count;
	/* Per document: its language code ("en"; "" when unknown), and the key
	 * that names its column: the code, "en#2" for the second English
	 * input, "und" (or "und#2") without a language. */
	const char **languages;
	const char **keys;
	resdiff_parallel_row *rows;       /* in the documents' reading order */
	size_t row_count;
	size_t anchors;                   /* rows paired by printed numbers */
	size_t flagged;                   /* rows with at least one flag */
	size_t flag_rows[RESDIFF_PARALLEL_FLAG_COUNT];  /* rows per flag */
	/* The documents' metadata: the adoption date and the symbol, where
	 * two or more documents give one, must agree ("1948-12-10" in five
	 * adoption lines, "1949-12-10" in the sixth). Flag NUMBERS and its
	 * reasons ("date 1949-12-10 where the others have 1948-12-10") when
	 * they do not; not counted in flagged or flag_rows. */
	unsigned meta_flags;
	const resdiff_parallel_reason *meta_reasons;
	size_t meta_reason_count;
	resdiff_arena *arena;
} resdiff_parallel;

/* Align `count` (2 .. RESDIFF_PARALLEL_MAX_DOCS) language versions of one
 * document; each document's language is its meta.language (detected
 * from its text when NULL). Errors: RESDIFF_EINVALID for a count out of
 * range, RESDIFF_ETOOBIG over RESDIFF_PARALLEL_MAX_UNITS, RESDIFF_ENOMEM. */
int resdiff_parallel_align(resdiff_parallel **out, const resdiff_doc *const *docs, size_t count);
void resdiff_parallel_free(resdiff_parallel *parallel);

/* The length model of one language, learnt from parallel documents. */
typedef struct {
	double ratio;   /* letters and digits per those of the first document */
	double noise;   /* standard deviation of its own log length */
	size_t pairs;   /* unit pairs it was learnt from (with the first document) */
} resdiff_parallel_length;

/* Learn the length model from `count` (3 ..) versions of one text whose
 * units pair by equal ids (a parser's, as the UDHR's ART13.2): the units
 * with equal ids and neither preambular (their ids are positions, and a
 * recital may be missing in one language), nor headings of articles
 * (labels such as "Article premier"). ratio[i] is exp of the mean log
 * ratio of document i's lengths to document 0's; noise[i] solves
 * var(log a - log b) = noise[a]^2 + noise[b]^2 over all pairs of
 * documents by least squares. `out` has `count` entries. RESDIFF_EINVALID
 * when some pair of documents shares fewer than 3 such ids. */
int resdiff_parallel_learn_lengths(resdiff_parallel_length *out, const resdiff_doc *const *docs,
		size_t count);

/* How to render a parallel view. */
typedef struct {
	const char *const *sources;  /* per document: the argument it came from,
	                                or NULL (headers of text and HTML) */
	size_t width;                /* text: columns per language when each
	                                gets at least RESDIFF_PARALLEL_COLUMN_MIN
	                                cells of this terminal width; 0: blocks */
	const char *title;           /* HTML page title, or NULL */
	bool flagged_only;           /* only the rows with a flag */
} resdiff_parallel_render_options;

#define RESDIFF_PARALLEL_COLUMN_MIN 28

/* Text: a header (the documents, the counts), then one block per row
 * ("row 3  missing  0.97", "  en  ART13.2  text" per document, "  why
 * ar: no counterpart" per reason), or with a width, the documents in
 * columns side by side, texts wrapped by their East Asian widths;
 * everything through the terminal sanitizer. */
int resdiff_render_parallel_text(resdiff_buf *out, const resdiff_parallel *parallel,
		const resdiff_parallel_render_options *opts);
/* JSON Lines, one row per line (docs/JSON.md, "resdiff parallel"). */
int resdiff_render_parallel_json(resdiff_buf *out, const resdiff_parallel *parallel,
		const resdiff_parallel_render_options *opts);
/* One self-contained HTML page: a table, one column per document, with
 * lang and dir attributes per cell, flagged rows marked; no script. */
int resdiff_render_parallel_html(resdiff_buf *out, const resdiff_parallel *parallel,
		const resdiff_parallel_render_options *opts);

#ifdef __cplusplus
}
#endif
#endif
