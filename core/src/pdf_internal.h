/*
 * pdf_internal.h: the page model between the reader (pdf.c, which gets it
 * from resdiff-pdf) and the layout (pdf_layout.c, which makes the text).
 * Tests build pages by hand to check the layout without poppler.
 */
#ifndef RESDIFF_PDF_INTERNAL_H
#define RESDIFF_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/common.h"

typedef struct {
	uint32_t cp;           /* '\n' ends one of the reader's lines */
	float x1, y1, x2, y2;  /* box in points, y growing down the page */
	float size;            /* font size in points */
} pdf_glyph;

typedef struct {
	float width, height;
	size_t first, count;   /* its glyphs: glyphs[first .. first + count) */
} pdf_page;

/* Caller-owned; zero it to start, release with pdf_doc_dispose(). */
typedef struct {
	pdf_glyph *glyphs;
	size_t glyph_count, glyph_alloc;
	pdf_page *pages;
	size_t page_count, page_alloc;
} pdf_doc;

/* Start a page / add a character to the last page (RESDIFF_ETOOBIG past
 * RESDIFF_PDF_MAX_GLYPHS). */
int pdf_doc_add_page(pdf_doc *doc, float width, float height);
int pdf_doc_add_glyph(pdf_doc *doc, const pdf_glyph *glyph);
void pdf_doc_dispose(pdf_doc *doc);

/* Read one line of resdiff-pdf's output (without its newline) into doc;
 * "e" sets *done, "!" records become the error they report. `name`
 * names the PDF in messages. */
int pdf_read_record(pdf_doc *doc, char *line, bool *done, const char *name, unsigned max_pages);

/* Append the text of the document to out (see resdiff/pdf.h for its
 * shape). RESDIFF_EINVALID, naming `source`, when no page has text. */
int pdf_layout(resdiff_buf *out, const pdf_doc *doc, const char *source);

#endif
