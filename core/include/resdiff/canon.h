/*
 * resdiff/canon.h: the canonical serialization of a document, the bytes
 * resdiff stores in git (docs/FORMAT.md, format version 1).
 *
 *   resdiff-document 1                  <- format line
 *   symbol<TAB>E/RES/2009/7             <- metadata header, fixed key order,
 *   language<TAB>zh                        a key is absent when unknown
 *   ...
 *   <blank>
 *   PP1<TAB>text                        <- reading part: one unit per line,
 *   OP1<TAB>text                           as `resdiff parse` prints them
 *   <blank>
 *   [1]<TAB>footnote text               <- footnotes
 *   <blank>
 *   @unit<TAB>PP1<TAB>preamble<TAB><TAB>12[<TAB>1<TAB>57]...   <- provenance:
 *   @footnote<TAB>1<TAB>88                 kinds, labels, source lines,
 *   @diag<TAB>12<TAB>message               footnote offsets, diagnostics
 *
 * Every field is escaped (\\ \t \n \r and \xHH for other control bytes),
 * so any resdiff_doc round-trips exactly: resdiff_canon_read of
 * resdiff_canon_write's output gives an equal document.
 *
 * The "reading part" (everything before the provenance section) is what
 * the adoption-ordered series views store: it changes only where the text
 * changes, while source line numbers shift on every line.
 *
 * Ownership: writers append to a caller-owned resdiff_buf; readers return
 * a new document the caller frees with resdiff_doc_free().
 */
#ifndef RESDIFF_CANON_H
#define RESDIFF_CANON_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_CANON_VERSION 1
/* Largest canonical document accepted by the reader. */
#define RESDIFF_CANON_MAX_SIZE (256u * 1024 * 1024)
/* Most footnote references on one unit, footnote labels cited by the title. */
#define RESDIFF_CANON_MAX_REFS 1024

/* Append the canonical form of doc. source_sha256 (64 hex digits, or NULL)
 * is the SHA-256 of the bytes the document was parsed from. */
int resdiff_canon_write(resdiff_buf *out, const resdiff_doc *doc, const char *source_sha256);

typedef enum {
	RESDIFF_CANON_FULL = 0,       /* everything */
	RESDIFF_CANON_HEADER_ONLY = 1 /* metadata only: units etc. not read */
} resdiff_canon_mode;

/* Read data[0..len). source_sha256 (may be NULL) receives the stored hash,
 * or "" when there is none. A file without a provenance section (a series
 * view) reads too: kinds then follow from the ids, labels are "" and lines
 * 0. Errors (RESDIFF_EINVALID) name the line of the canonical file. */
int resdiff_canon_read(resdiff_doc **out, char source_sha256[65], const char *data,
		size_t len, resdiff_canon_mode mode);

/* Length of the reading part of a canonical file (header, units and
 * footnotes, without the provenance section). */
size_t resdiff_canon_reading_len(const char *data, size_t len);

/* The kind a unit id implies (PP preamble, OP operative, OPn(a)
 * subparagraph, H heading, P paragraph, otherwise block). */
resdiff_unit_kind resdiff_canon_kind_from_id(const char *id);

#ifdef __cplusplus
}
#endif
#endif
