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

/* Read a file ("-" is standard input) within RESDIFF_PARSE_MAX_INPUT into
 * a malloc'd buffer (*out, NUL terminated; caller frees). */
int resdiff_file_read(char **out, size_t *len, const char *path);

#ifdef __cplusplus
}
#endif
#endif
