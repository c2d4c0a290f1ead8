/*
 * parse_internal.h: the parser's passes and the line table they share.
 *
 *   parse_lines.c  bytes -> lines (UTF-8 checks, limits, trimming) and the
 *                  page debris classifier (headers, job numbers, page numbers)
 *   parse_meta.c   front matter, chapeau, closing meeting/date lines, metadata
 *   parse_notes.c  footnote zones, bodies and markers
 *   parse.c        paragraphs: joining lines, labels, ids, diagnostics
 *
 * Everything is allocated from the document's arena or from the pass state
 * freed at the end of resdiff_parse(); nothing recurses.
 */
#ifndef RESDIFF_PARSE_INTERNAL_H
#define RESDIFF_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/doc.h"

/* What a line is, once classified. */
typedef enum {
	LINE_BLANK = 0,
	LINE_TEXT,       /* main text (paragraphs, headings) */
	LINE_DEBRIS,     /* page header/footer, job number, page number, barcode */
	LINE_SEPARATOR,  /* footnote separator: ____ or a long run of spaces */
	LINE_FRONT,      /* front matter before the chapeau (metadata only) */
	LINE_CHAPEAU,
	LINE_END,        /* closing meeting / date lines */
	LINE_NOTE,       /* footnote body or its label */
	LINE_MARKER      /* a footnote marker alone on a line */
} line_class;

/* A footnote marker found inside a line: byte offset in line text. */
typedef struct {
	size_t pos;
	const char *label;
} line_marker;

typedef struct {
	const char *text;    /* trimmed, NUL terminated (arena) */
	size_t len;
	size_t lineno;       /* 1-based */
	unsigned indent;     /* leading whitespace characters in the source */
	bool wide_blank;     /* whitespace-only line of >= SEPARATOR_SPACES */
	bool page_break;     /* debris or a form feed stood since the previous text line */
	bool lead_marker;    /* the line began with a footnote marker: a continuation */
	line_class cls;
	int note;            /* LINE_NOTE: index of the footnote it belongs to */
	const char *marker;  /* LINE_MARKER: label */
	line_marker *markers;/* markers inside a LINE_TEXT line (removed from text) */
	size_t marker_count;
} parse_line;

/* A footnote body as found, before it is added to the document. */
typedef struct {
	const char *label;
	size_t line;          /* line of the label */
	size_t first, last;   /* line index range of the body */
	resdiff_buf text;     /* joined body text (raw, normalised later) */
	bool in_zone;         /* found in a zone (separator, cluster, superscript) */
	bool cited;
} parse_note;

typedef struct {
	resdiff_doc *doc;
	const char *source;
	const char *language;
	bool cjk;             /* Han/kana/Hangul text: no spaces at joins */
	parse_line *lines;
	size_t count;
	parse_note *notes;
	size_t note_count, note_alloc;
	int *index;           /* label -> note, see parse_notes.c */
	size_t index_size;
	size_t body_start;    /* first line after the chapeau / front matter */
	size_t body_end;      /* one past the last body line */
	bool is_resolution;   /* a chapeau was found */
	bool double_spaced;   /* blank lines between wrapped lines: not paragraph breaks */
	bool indent_signal;   /* paragraph starts are indented, wrapped lines not */
	bool wrapped;         /* hard-wrapped at a fixed width (not one line per paragraph) */
} parse_state;

/* A count of the parser's steps (lines, blocks and candidates visited,
 * note lookups probed) for the test that bounds its growth: linear input
 * growth must give linear work. Per thread, reset by resdiff_parse. */
extern _Thread_local size_t parse_work;
#define PARSE_WORK(n) (parse_work += (n))
/* The work of the last resdiff_parse on this thread. */
size_t parse_work_last(void);

/* parse_lines.c */
int parse_split_lines(parse_state *st, const char *text, size_t len);
void parse_mark_debris(parse_state *st);
bool parse_is_symbol(const char *s, size_t len);

/* parse_meta.c */
int parse_front_matter(parse_state *st);
int parse_end_matter(parse_state *st);

/* parse_notes.c */
int parse_footnotes(parse_state *st);
/* Decode a footnote label at s: ASCII digits (1-3), '*'-runs, or
 * superscript digits. Returns bytes consumed (0 if none) and writes the
 * label (ASCII) to out. */
size_t parse_note_label(const char *s, size_t len, char out[16], bool *superscript);
int parse_note_find(const parse_state *st, const char *label);

/* parse.c: shared helpers */
/* Last code point of s[0..len) (0 if empty). */
uint32_t parse_last_cp(const char *s, size_t len);
uint32_t parse_first_cp(const char *s, size_t len);
/* Sentence/clause terminators that end a paragraph: ， ； 。 ： , ; . : ، ؛
 * and ! ?, looking through closing quotes and brackets. */
bool parse_ends_clause(const char *s, size_t len);
/* Normalise whitespace of raw joined text into out: no space next to CJK,
 * other runs one space, trimmed. Markers at byte positions `pos` (sorted)
 * get code point offsets in `offsets`. */
int parse_normalize(resdiff_buf *out, const char *s, size_t len,
		const size_t *pos, size_t *offsets, size_t npos);
/* Join line text to a raw block buffer (space or, after "x-", nothing). */
int parse_join(resdiff_buf *raw, const char *s, size_t len);
/* Parse a date expression (Chinese, English, French, Spanish, Russian,
 * Arabic month names) anywhere in s; writes YYYY-MM-DD. */
bool parse_find_date(const char *s, size_t len, char out[11]);

#define SEPARATOR_SPACES 20   /* a whitespace-only line this wide separates footnotes */
#define HEADING_MAX_CJK 40    /* a heading is at most this many characters ... */
#define HEADING_MAX_LATIN 120 /* ... or, without CJK, this many */
#define PARSE_NUMBER_DIGITS 5 /* paragraph numbers longer than this are not labels */

#endif
