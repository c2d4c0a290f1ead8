/*
 * resdiff/pdf.h: the bytes of a PDF to the text that resdiff_parse() reads.
 *
 * The characters, their boxes and font sizes come from poppler through the
 * helper program resdiff-pdf (pdf/resdiff_pdf.c), run only when a PDF is
 * read; this stage then uses the layout: running headers, footers and page
 * numbers are dropped by position and repetition across pages, superscript
 * glyphs become footnote markers, the small lines at a page's foot become
 * footnote bodies, right-to-left lines are put in logical order and hard
 * wraps are joined. The result is one paragraph per line, a blank line
 * between paragraphs, and the footnotes after a "_____" line at the end.
 * Nothing here prints; docs/PARSE.md ("PDF input") gives the rules.
 */
#ifndef RESDIFF_PDF_H
#define RESDIFF_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits: larger documents are refused with RESDIFF_ETOOBIG. */
#define RESDIFF_PDF_MAX_PAGES 5000                    /* pages per document */
#define RESDIFF_PDF_MAX_GLYPHS (8u * 1024 * 1024)     /* characters per document */

typedef struct {
	const char *source;  /* name used in error messages */
	const char *helper;  /* resdiff-pdf to run; NULL: the one beside the
	                        running program, else the installed one */
	unsigned max_pages;  /* 0: RESDIFF_PDF_MAX_PAGES */
} resdiff_pdf_options;

#define RESDIFF_PDF_OPTIONS_INIT { NULL, NULL, 0 }

/* Is data[0..len) a PDF? True when it starts with "%PDF-" or when `path`
 * (may be NULL) ends in ".pdf" (any case), so that a damaged file named
 * .pdf is refused as a PDF rather than read as text. */
bool resdiff_pdf_detect(const char *data, size_t len, const char *path);

/* Extract the text of pdf[0..len). On success *text is a malloc'd,
 * NUL-terminated UTF-8 string of *text_len bytes that the caller frees.
 * Errors name opts->source: an encrypted PDF, one whose permissions forbid
 * copying text, a damaged one (no %%EOF at the end, unreadable by poppler,
 * or the reader crashed), one without a text layer (scanned, image only)
 * are RESDIFF_EINVALID; over a limit RESDIFF_ETOOBIG; no resdiff-pdf
 * installed RESDIFF_ENOTFOUND. */
int resdiff_pdf_extract(char **text, size_t *text_len, const char *pdf, size_t len,
		const resdiff_pdf_options *opts);

/* If (*data, *len) holds a PDF (resdiff_pdf_detect with opts->source as
 * the path), replace it with its text: the PDF bytes are freed and *data
 * becomes the malloc'd text. Anything else is left as it is. */
int resdiff_pdf_convert(char **data, size_t *len, const resdiff_pdf_options *opts);

#ifdef __cplusplus
}
#endif
#endif
