/*
 * parse_state.h (internal): the parser's passes and the state they share.
 * Calls go one way, from the driver down to the passes and from the passes
 * down to the helpers; nothing calls back up:
 *
 *   parse.c         the driver: runs the passes below in this order
 *   parse_lines.c   bytes -> lines (UTF-8 checks, limits, trimming) and the
 *                   page debris classifier (headers, job numbers, page numbers)
 *   parse_meta.c    front matter, chapeau, closing meeting/date lines, metadata
 *   parse_notes.c   footnote zones, bodies and markers; the footnotes and
 *                   their diagnostics added to the document
 *   parse_blocks.c  main-text lines joined into blocks (paragraphs, headings)
 *   parse_units.c   blocks to units: ids, kinds, numbering diagnostics
 *   parse_trace.c   on request: where each line went (resdiff_parse_traced)
 *   parse_labels.c  the label a line starts with ("12.", "(a)", "一.")
 *   parse_text.c    what a piece of text is: clause ends, spacing, footnote
 *                   labels, symbols, dates (no parser state)
 *
 * Everything is allocated from the document's arena, from the scratch
 * arena (the lines of the input) or from the pass state, both freed at the
 * end of resdiff_parse(); nothing recurses.
 */
#ifndef RESDIFF_PARSE_STATE_H
#define RESDIFF_PARSE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/doc.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

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

/* A footnote marker found inside a line: byte offset in the line's text
 * (markers removed) and in its source (markers in), and the form it had. */
typedef struct {
	size_t pos;
	size_t src;
	const char *label;
	const char *form;    /* static: "superscript", "glued", "spaced", ... */
} line_marker;

/* One source line; lines[i] is line i + 1 of the input. */
typedef struct {
	const char *text;    /* trimmed, NUL terminated (scratch or document arena);
	                        inline markers removed */
	const char *source;  /* the same line before the markers were removed */
	size_t len;          /* bytes of text */
	const char *marker;  /* LINE_MARKER: label */
	const char *why;     /* LINE_DEBRIS: what debris it is (static string) */
	line_marker *markers;/* markers inside a LINE_TEXT line (removed from text) */
	uint32_t marker_count, marker_alloc;
	int note;            /* LINE_NOTE: index of the footnote it belongs to */
	int block;           /* LINE_TEXT: index of the block it went to, or -1 */
	line_class cls;
	uint8_t indent;      /* leading whitespace characters in the source (255 at most) */
	bool wide_blank;     /* whitespace-only line of >= SEPARATOR_SPACES */
	bool page_break;     /* debris or a form feed stood since the previous text line */
	bool lead_marker;    /* the line began with a footnote marker: a continuation */
	uint16_t cut_at, cut_len; /* bytes of text the chapeau took from the middle of
	                       * the line ("因此现在,大会,发布…"), kept in the metadata */
} parse_line;

/* A footnote body as found, before it is added to the document. */
typedef struct {
	const char *label;
	size_t line;          /* line of the label */
	size_t first, last;   /* line index range of the body */
	resdiff_buf text;     /* joined body text (raw, normalised later) */
	bool in_zone;         /* found in a zone (separator, cluster, superscript) */
	bool clustered;       /* its zone is a cluster of labelled lines: no rule above */
	bool cited;
	size_t cited_line;    /* line index of its first citation, when cited */
	int open;             /* brackets opened and not yet closed in the body */
	size_t footnote;      /* index in doc->footnotes once added, else NO_FOOTNOTE */
} parse_note;

#define NO_FOOTNOTE ((size_t)-1)

typedef struct {
	resdiff_doc *doc;
	resdiff_arena *scratch; /* the lines' text: freed when the parse returns
	                         * (the document keeps copies of what it holds) */
	const char *source;
	const char *language;
	const resdiff_lang *lang; /* the language table's entry for it */
	parse_line *lines;
	size_t count;
	parse_note *notes;
	size_t note_count, note_alloc;
	int *index;           /* label -> note, see parse_notes.c */
	size_t index_size, index_live;
	size_t body_start;    /* first line after the chapeau / front matter */
	size_t body_end;      /* one past the last body line */
	bool is_resolution;   /* a chapeau was found */
	bool double_spaced;   /* blank lines between wrapped lines: not paragraph breaks */
	bool indent_signal;   /* paragraph starts are indented, wrapped lines not */
	bool wrapped;         /* hard-wrapped at a fixed width (not one line per paragraph) */
	bool line_paragraphs; /* one line per paragraph, no blank line between (text
	                       * copied from a web page): a line that ends a clause ends it */
	bool declaration;     /* the preamble comes before the chapeau ("Whereas …",
	                       * then "The General Assembly proclaims …") */
	size_t chapeau_line;  /* declarations: index of the line that holds the chapeau,
	                       * or (size_t)-1 */
	size_t work;          /* steps of every loop whose length is not fixed: the
	                       * linear-growth test counts these, never time */
} parse_state;

/* A paragraph label at the start of a line (parse_labels.c). */
typedef enum { LABEL_NONE, LABEL_NUMBER, LABEL_SUB, LABEL_HEADING, LABEL_ARTICLE } label_kind;

#define LABEL_MAX 32

typedef struct {
	label_kind kind;
	int number;           /* LABEL_NUMBER; LABEL_ARTICLE: the article's number */
	char sub[8];          /* LABEL_SUB: "a", "iv" */
	bool numbered;        /* LABEL_SUB printed as a number, Arabic's "’1‘" for "(i)":
	                       * sub is its roman numeral, always the level under
	                       * the letters */
	char text[LABEL_MAX]; /* as printed: "1.", "(a)", "一." */
	size_t len;           /* bytes of the label and following spaces */
	bool in_sequence_only; /* "12 - " outside Arabic: a label only as the next number */
} label_t;

/* Main-text lines joined into one paragraph or heading (parse_blocks.c),
 * before it becomes a unit (parse_units.c). */
typedef struct {
	size_t line;          /* first line index */
	resdiff_buf raw;      /* joined text, whitespace not yet normalised */
	line_marker *markers; /* byte offsets into raw */
	size_t marker_count, marker_alloc;
	label_t label;
	size_t nlines;
	const parse_line *last;
	int unit;             /* index in doc->units once emitted, or -1 */
	int into;             /* index of the block it was joined to, or -1 */
} block;

typedef struct {
	block *blocks;
	size_t count, alloc;
} block_list;

/* The passes, in the order parse.c runs them. */

/* parse_lines.c */
int parse_split_lines(parse_state *st, const char *text, size_t len);
void parse_mark_debris(parse_state *st);

/* parse_meta.c */
int parse_front_matter(parse_state *st);
int parse_end_matter(parse_state *st);

/* parse_notes.c: find bodies and markers (before blocks are assembled), then
 * add the footnotes to the document (after the units). */
int parse_footnotes(parse_state *st);
int parse_footnotes_emit(parse_state *st);

/* parse_blocks.c: *bl is disposed with parse_blocks_dispose() */
int parse_assemble(parse_state *st, block_list *bl);
void parse_blocks_dispose(block_list *bl);
/* Record a footnote marker at byte `pos` of the block's raw text. */
int parse_block_marker(block *b, size_t pos, const char *label);

/* parse_units.c */
int parse_build_units(parse_state *st, block_list *bl);

/* parse_trace.c: on request, after all the others; reads, changes nothing */
struct resdiff_parse_trace;
int parse_trace_build(struct resdiff_parse_trace **out, const parse_state *st,
		const block_list *bl);

/* Helpers the passes share; they call nothing above them. */

/* parse_labels.c */
void parse_label_detect(label_t *lab, const char *s, size_t len, const resdiff_lang *lang);
/* A numeral of heading labels ("一.", "(二)"): its value, or 0. */
int parse_label_numeral(uint32_t cp);
/* An article heading at the start of s ("Article 12", "Article premier",
 * "Статья 3", "المادة ١٢", "第十二条", the language files' article-
 * headings): the article's number, or 0; *end is the byte after it. */
int parse_article_heading(const char *s, size_t len, size_t *end);
/* The bytes of the longest entry of `section` (every language, any case,
 * Arabic vowel marks looked through) that s starts with as whole words,
 * or 0: "Whereas" (preamble-openers), "Now, therefore" (proclaiming-
 * formulas). */
size_t parse_opens_with(const char *s, size_t len, resdiff_lang_section section);

/* parse_text.c */
/* Last code point of s[0..len) (0 if empty). */
uint32_t parse_last_cp(const char *s, size_t len);
uint32_t parse_first_cp(const char *s, size_t len);
/* Sentence/clause terminators that end a paragraph (resdiff/text.h,
 * resdiff_text_ends_clause). */
static inline bool parse_ends_clause(const char *s, size_t len)
{
	return resdiff_text_ends_clause(s, len);
}
/* Normalise whitespace of raw joined text into out: no space next to CJK,
 * other runs one space, trimmed. Markers at byte positions `pos` (sorted)
 * get code point offsets in `offsets`. */
int parse_normalize(resdiff_buf *out, const char *s, size_t len,
		const size_t *pos, size_t *offsets, size_t npos);
/* Join line text to a raw block buffer (space or, after "x-", nothing). */
int parse_join(resdiff_buf *raw, const char *s, size_t len);
/* Characters that are not whitespace; *cjk tells whether CJK dominates. */
size_t parse_visible_chars(const char *s, size_t len, bool *cjk);
/* One short phrase without a clause end: a heading, if the layout agrees. */
bool parse_heading_shaped(const char *s, size_t len);
/* Lower-case a UTF-8 string (ASCII, Latin-1, Cyrillic) into out[outsz]:
 * each code point through parse_lower_cp(), what does not decode dropped. */
void parse_lower(char *out, size_t outsz, const char *s, size_t len);
static inline int32_t parse_lower_cp(int32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}
/* Value of a superscript digit (¹ ² ³ ⁰ ⁴-⁹), -1 for any other code
 * point. Inline: the footnote passes ask it of every character. */
static inline int32_t parse_superscript_digit(int32_t cp)
{
	if (cp >= 0x2074 && cp <= 0x2079)
		return cp - 0x2070;
	if (cp == 0x2070)
		return 0;
	if (cp == 0x00B9)
		return 1;
	return cp == 0x00B2 || cp == 0x00B3 ? cp - 0xB0 : -1;
}
/* Decode a footnote label at s: ASCII digits (1-3), '*'-runs, or
 * superscript digits. Returns bytes consumed (0 if none) and writes the
 * label (ASCII) to out. */
size_t parse_note_label(const char *s, size_t len, char out[16], bool *superscript);
/* Is w[0..len), in any case, one of the reference-words of a language
 * file, which name what a number points to ("paragraph", "Goal": before
 * it), or a quantity-word, which counts ("billion", "years": after it)? */
bool parse_reference_word(const char *w, size_t len);
bool parse_quantity_word(const char *w, size_t len);
/* Is w one of the plural reference-words ("paragraphs", "Goals"), which
 * point to two numbers or more: one number alone after it, the list not
 * going on, is no reference ("Goals 5 and the targets")? */
bool parse_plural_reference_word(const char *w, size_t len);
/* Does s start with a month's name and a number ("December 1997,")? After
 * a day at a line's start it is a wrapped date, not a footnote body. */
bool parse_month_then_number(const char *s, size_t len);
/* Does s, the text just after a number, go on as a date ("4 April 2025",
 * "4 de abril", "4 апреля"): spaces, a date joiner maybe, a month's name?
 * Such a number is a day, never a footnote marker. */
bool parse_day_then_month(const char *s, size_t len);
/* FNV-1a hash of a NUL-terminated string, for the passes' lookup tables. */
uint32_t parse_hash(const char *s);
/* A document symbol alone on a line ("A/RES/76/189", "E/2009/INF/2/Add.1"). */
bool parse_is_symbol(const char *s, size_t len);
/* Parse a date expression anywhere in s (the months and numeric-date
 * marks of every language file); writes YYYY-MM-DD. */
bool parse_find_date(const char *s, size_t len, char out[11]);

#define SEPARATOR_SPACES 20   /* a whitespace-only line this wide separates footnotes */
#define HEADING_MAX_CJK 40    /* a heading is at most this many characters ... */
#define HEADING_MAX_LATIN 120 /* ... or, without CJK, this many */
#define HEADING_MAX_BYTES 2048 /* ... and at most this many bytes, spaces included */
#define HEADING_WRAP_LINES_MAX 3 /* an unlabelled heading wraps over at most this many lines */
#define SUB_LETTER_REPEAT_MAX 3 /* "(aa)", "(aaa)": a letter doubled past (z), at most this often */
#define CLOSERS_MAX RESDIFF_TEXT_CLOSERS_MAX
#define PARSE_NUMBER_DIGITS 5 /* paragraph numbers longer than this are not labels */
/* "12 - text" outside Arabic: a number of at most this many digits (a year
 * that wraps to a line start, "2014 - 2015", is none) */
#define PARSE_DASH_NUMBER_DIGITS 3
/* Arabic's numbered items "’1‘" (the level of "(i)"): at most this number,
 * the last roman numeral parse_units.c reads as that level */
#define PARSE_NUMBERED_ITEM_MAX 20

#endif
