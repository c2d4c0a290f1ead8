/*
 * resdiff/parse.h: bytes of one UN document (PDF or web extraction, UTF-8)
 * to a resdiff_doc. The parser never prints; problems in the text (gaps in
 * the numbering, unresolved footnote markers, ...) become diagnostics in
 * doc->diags, and only input it cannot read at all (invalid UTF-8, NUL
 * bytes, over a limit, nothing recognisable) is an error.
 *
 * docs/PARSE.md describes the rules, the ids and the limits.
 */
#ifndef RESDIFF_PARSE_H
#define RESDIFF_PARSE_H

#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits: larger inputs are refused with RESDIFF_ETOOBIG. */
#define RESDIFF_PARSE_MAX_INPUT (64u * 1024 * 1024)  /* bytes per document */
#define RESDIFF_PARSE_MAX_LINE (1024u * 1024)        /* bytes per line */
/* bytes per paragraph or footnote, joined lines: what the comparison of
 * clauses takes (RESDIFF_COMPARE_MAX_TEXT, which compare.c checks) */
#define RESDIFF_PARSE_MAX_UNIT (8u * 1024 * 1024)

typedef struct {
	const char *language;  /* "zh", "en", ...; NULL to detect from the script */
	const char *source;    /* name used in error messages ("-" for stdin) */
} resdiff_parse_options;

#define RESDIFF_PARSE_OPTIONS_INIT { NULL, NULL }

/* Parse text[0..len). On success *out is a new document the caller frees
 * with resdiff_doc_free(). Errors name the source and the byte offset or
 * line. A UTF-8 BOM is skipped; CRLF and CR line ends are accepted. */
int resdiff_parse(resdiff_doc **out, const char *text, size_t len,
		const resdiff_parse_options *opts);

/* How the text was read, line by line: what `resdiff check` holds a
 * document against (every word and number of a line that went into a
 * unit is in the unit's text, or is one of its footnote markers), and a
 * count of the parser's steps, which grows linearly with the input
 * whatever its shape (the tests check the count, never a time). */
typedef enum {
	RESDIFF_LINE_BLANK = 0,
	RESDIFF_LINE_UNIT,       /* text of doc->units[index] */
	RESDIFF_LINE_FOOTNOTE,   /* body of doc->footnotes[index] */
	RESDIFF_LINE_MARKER,     /* a footnote marker alone on its line */
	RESDIFF_LINE_FRONT,      /* front matter: metadata only */
	RESDIFF_LINE_CHAPEAU,
	RESDIFF_LINE_CLOSING,    /* meeting and date lines at the end */
	RESDIFF_LINE_DEBRIS,     /* page debris; `reason` says which */
	RESDIFF_LINE_SEPARATOR,  /* footnote separator */
	RESDIFF_LINE_UNPLACED    /* text that went nowhere (a parser bug) */
} resdiff_line_role;

typedef struct {
	resdiff_line_role role;
	size_t index;            /* UNIT and FOOTNOTE: index into the document */
	const char *reason;      /* DEBRIS: "job number", "page number", ... */
	const char *text;        /* the line as read, trimmed, markers still in */
	size_t cut_at, cut_len;  /* UNIT: bytes of text that went to the metadata
	                          * instead (a declaration's chapeau inside the
	                          * line: "因此现在,大会,发布…"); cut_len 0: none */
} resdiff_line_trace;

/* A footnote marker taken out of a line of text. */
typedef struct {
	size_t line;             /* 1-based source line */
	size_t byte;             /* where it stood in that line's `text` */
	size_t unit;             /* index into doc->units */
	const char *label;
	const char *form;        /* "glued" ("issue,1"), "spaced" ("Development 10"),
	                          * "leading" (at the start of a line), "superscript",
	                          * "parenthesised" ("(1)") */
} resdiff_marker_trace;

typedef struct resdiff_parse_trace {
	resdiff_line_trace *lines;   /* lines[k] is source line k + 1 */
	size_t line_count;
	resdiff_marker_trace *markers;
	size_t marker_count;
	size_t work;                 /* steps taken by the parser's loops */
	resdiff_arena *arena;        /* owns everything above */
} resdiff_parse_trace;

/* resdiff_parse(), and in *trace (on success) how each line was read. The
 * caller frees the trace with resdiff_parse_trace_free(); it owns its
 * strings and outlives the document. */
int resdiff_parse_traced(resdiff_doc **out, resdiff_parse_trace **trace, const char *text,
		size_t len, const resdiff_parse_options *opts);
void resdiff_parse_trace_free(resdiff_parse_trace *trace);

/* Read a file ("-" is standard input) within RESDIFF_PARSE_MAX_INPUT into
 * a malloc'd buffer (*out, NUL terminated; caller frees). */
int resdiff_file_read(char **out, size_t *len, const char *path);

#ifdef __cplusplus
}
#endif
#endif
