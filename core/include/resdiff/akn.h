/*
 * resdiff/akn.h: Akoma Ntoso 3.0 in the UN's profile (AKN4UN), out and in
 * (docs/AKN.md gives the template and the mapping).
 *
 * The writer is a renderer: it walks a document (and, for a member of a
 * series, its alignments with the members before and after it) and writes
 * one Akoma Ntoso document with libxml2's xmlTextWriter. It never parses,
 * never touches git and never decides what changed: the caller aligns.
 * Everything the store keeps of a document is written, so that reading
 * the output back gives the same document: metadata in the preface, the
 * FRBR identification and a `proprietary` block; per unit its id, kind and
 * source line in `resdiff:` attributes; footnotes as `authorialNote`s at
 * their markers; diagnostics in the proprietary block. The source's
 * SHA-256 is not written: it names the bytes of one import, and importing
 * the XML makes the XML those bytes.
 *
 * The reader is a parser stage: the bytes of an Akoma Ntoso XML file to a
 * resdiff_doc. It parses with libxml2 without network access, without
 * entity substitution and without loading any DTD, and refuses a document
 * type declaration (so no entity, internal or external, is ever expanded),
 * malformed XML and any root but an Akoma Ntoso 3.0 `akomaNtoso`. A file
 * written by resdiff reads back exactly; a file from elsewhere keeps the
 * text of the structures resdiff does not model, flattened into units,
 * each flattening named in a diagnostic. The reader never prints.
 *
 * Ownership: the writer appends to a caller-owned resdiff_buf; the reader
 * returns a new document the caller frees with resdiff_doc_free(). Both
 * borrow their inputs.
 */
#ifndef RESDIFF_AKN_H
#define RESDIFF_AKN_H

#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/align.h"
#include "resdiff/parse.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Akoma Ntoso 3.0 namespace, and resdiff's own for what AKN has no
 * element for (the `resdiff:` attributes and the proprietary block). */
#define RESDIFF_AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define RESDIFF_AKN_RESDIFF_NS "urn:resdiff:akn:1"
/* Elements nested in one another beyond this depth are refused by the
 * reader (libxml2 itself stops at 256); the writer nests sub-paragraphs
 * no deeper than this and writes deeper ones beside their parents. */
#define RESDIFF_AKN_MAX_DEPTH 256
/* A draft's resolution (resdiff_meta.draft_of, docs/DRAFTS.md) is the
 * work's <FRBRalias name="draftOf" value="A/RES/80/1"/>: written and read
 * back. */
#define RESDIFF_AKN_ALIAS_DRAFT_OF "draftOf"
/* FRBR dates must be dates: an undated document is dated this. */
#define RESDIFF_AKN_UNKNOWN_DATE "0001-01-01"

typedef struct {
	/* The alignment of the member before with this document (new side),
	 * written as activeModifications, or NULL. */
	const resdiff_alignment *previous;
	/* The alignment of this document (old side) with the member after it,
	 * written as passiveModifications, or NULL. */
	const resdiff_alignment *next;
} resdiff_akn_options;

#define RESDIFF_AKN_OPTIONS_INIT { NULL, NULL }

/* One Akoma Ntoso document (UTF-8, ending in a newline). opts may be NULL.
 * RESDIFF_EINVALID when a string of the document is not valid UTF-8 or
 * holds a character XML 1.0 cannot carry (a C0 control other than TAB,
 * LF and CR, U+FFFE, U+FFFF), naming the unit or field. */
int resdiff_render_doc_akn(resdiff_buf *out, const resdiff_doc *doc,
		const resdiff_akn_options *opts);

/* Read an Akoma Ntoso document from data[0..len). opts->source names the
 * file in errors ("FILE: line N: ..."); opts->language is used when the
 * file names no language. Errors: RESDIFF_EINVALID (not well-formed, a
 * DTD, not Akoma Ntoso 3.0), RESDIFF_ETOOBIG (over RESDIFF_PARSE_MAX_INPUT
 * or RESDIFF_AKN_MAX_DEPTH), RESDIFF_ENOMEM. */
int resdiff_akn_parse(resdiff_doc **out, const char *data, size_t len,
		const resdiff_parse_options *opts);

/* Does data[0..len) look like XML ("<?xml" or "<akomaNtoso", after a BOM
 * and white space)? The readers of a document argument then read it with
 * resdiff_akn_parse(), which says so when it is XML but not Akoma Ntoso. */
bool resdiff_akn_detect(const char *data, size_t len);

/* The ISO 639-2 code AKN uses for a resdiff language ("zh" -> "zho", the
 * iso639-2 of the language's file; others unchanged; NULL -> "und"), and
 * back (NULL for "und" and "mul"). */
const char *resdiff_akn_language(const char *language);
const char *resdiff_akn_language_from_iso(const char *iso);

#ifdef __cplusplus
}
#endif
#endif
