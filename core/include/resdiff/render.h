/*
 * resdiff/render.h: renderers for parsed documents and the shared escaping
 * helpers every renderer uses. Renderers only walk data they are given:
 * they never parse, never touch git and never decide what changed.
 *
 * All functions append to a caller-owned resdiff_buf.
 */
#ifndef RESDIFF_RENDER_H
#define RESDIFF_RENDER_H

#include <stdbool.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/json.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_JSON_SCHEMA 1

/* HTML-escaped text (& < > " '). */
int resdiff_html_escape(resdiff_buf *out, const char *s, size_t len);
/* The same after the terminal sanitizer (resdiff_text_sanitize: control
 * characters and bidi controls masked), for text from documents. */
int resdiff_html_escape_text(resdiff_buf *out, const char *s, size_t len, bool keep_newlines);

/* `ID<TAB>text` per unit, then `[label]<TAB>text` per footnote. Text is
 * sanitised (no control characters) when `sanitize` is set. */
int resdiff_render_doc_text(resdiff_buf *out, const resdiff_doc *doc, bool sanitize);
/* A stored document for a reader: one "key value" line per known
 * metadata field (symbol, language, body, kind, series, adopted, meeting,
 * title, chapeau, and source: the stored text's object id `blob`, when
 * given), a blank line, then resdiff_render_doc_text(), all sanitised. */
int resdiff_render_doc_card(resdiff_buf *out, const resdiff_doc *doc, const char *blob);
/* One JSON object on one line with its newline (docs/JSON.md, schema 1):
 * several documents make JSON Lines. */
int resdiff_render_doc_json(resdiff_buf *out, const resdiff_doc *doc, const char *source);
/* One summary line: symbol, language, counts per kind, footnotes, diags. */
int resdiff_render_doc_summary(resdiff_buf *out, const resdiff_doc *doc, const char *source);

struct resdiff_findings;
/* Check findings as text (file:line: kind: message, or "no findings"),
 * JSON (one object, docs/CHECK.md) or GitHub Actions annotations
 * (::error file=…,line=…::…). */
int resdiff_render_findings_text(resdiff_buf *out, const struct resdiff_findings *f);
int resdiff_render_findings_json(resdiff_buf *out, const struct resdiff_findings *f);
int resdiff_render_findings_github(resdiff_buf *out, const struct resdiff_findings *f);
/* The findings of one file as lines for standard error (import, parse):
 * "FILE:LINE: kind: message" each (the notes too when `notes`), then, when
 * a line was written, one summary "<prefix>FILE: 3 warnings" (", 1 note"
 * when notes are shown; "; 2 accepted by the manifest" when some were).
 * Nothing when there is nothing to show. File names and messages go
 * through the terminal sanitizer; prefix (may be NULL) is written as is.
 * At most RESDIFF_FINDINGS_LINES_MAX warnings (and as many notes) are
 * written, then one line says how many more there are and that `resdiff
 * check FILE` lists them all: a text of 200 000 broken paragraphs must
 * not bury the terminal. The summary counts them all. */
#define RESDIFF_FINDINGS_LINES_MAX 100
int resdiff_render_findings_lines(resdiff_buf *out, const struct resdiff_findings *f,
		const char *file, const char *prefix, bool notes);

struct resdiff_store_listing;
/* The documents of a repository (resdiff/store.h, resdiff_store_list):
 * text, one line each (symbol, language, adoption date, series or "draft
 * of …" or "-", title; sanitised), or JSON (one object, docs/JSON.md
 * style: {"schema":1,"documents":[…]}). */
int resdiff_render_listing_text(resdiff_buf *out, const struct resdiff_store_listing *l);
int resdiff_render_listing_json(resdiff_buf *out, const struct resdiff_store_listing *l);

#ifdef __cplusplus
}
#endif
#endif
