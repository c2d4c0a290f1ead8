/* akn_internal.h: what the Akoma Ntoso writer (render_doc_akn.c) and
 * reader (parse_akn.c) share: libxml2's one-time set-up and the tables
 * that map resdiff's metadata to AKN's document types and authors. */
#ifndef RESDIFF_AKN_INTERNAL_H
#define RESDIFF_AKN_INTERNAL_H

#include "resdiff/akn.h"

/* Initialise libxml2 once per process (thread-safe). */
void akn_init(void);

/* How a document kind is written: the AKN document type (the element under
 * akomaNtoso, and the FRBR IRI's type), its name attribute and the FRBR
 * subtype (NULL: none). */
typedef struct {
	const char *kind;      /* resdiff's kind; NULL for the fallback row */
	const char *element;   /* "statement", "doc" */
	const char *name;      /* "resolution", "report", ... */
	const char *subtype;   /* "deliberation", ... or NULL */
} akn_doctype;

/* The row for a kind (the fallback row for NULL and unknown kinds). */
const akn_doctype *akn_doctype_for_kind(const char *kind);
/* The kind a document type and name stand for (a file from elsewhere),
 * or NULL. */
const char *akn_kind_for_doctype(const char *element, const char *name,
		const char *subtype);

/* The author of the FRBR identification: resdiff's body "GA" is the
 * organisation "unga". Unknown bodies are written lower-cased with every
 * byte outside [a-z0-9] as '-' into buf; NULL is "un". */
const char *akn_author_for_body(const char *body, char *buf, size_t size);
/* The body an author eId stands for ("unga" -> "GA"), or NULL. */
const char *akn_body_for_author(const char *eid);
/* The full name of an author eId ("unga" -> "General Assembly"), or NULL. */
const char *akn_author_name(const char *eid);

#endif
