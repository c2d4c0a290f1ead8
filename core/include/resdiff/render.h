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

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_JSON_SCHEMA 1

/* A JSON string literal (with quotes) or `null` for NULL. */
int resdiff_json_str(resdiff_buf *out, const char *s);
/* HTML-escaped text (& < > " '). */
int resdiff_html_escape(resdiff_buf *out, const char *s, size_t len);

/* `ID<TAB>text` per unit, then `[label]<TAB>text` per footnote. Text is
 * sanitised (no control characters) when `sanitize` is set. */
int resdiff_render_doc_text(resdiff_buf *out, const resdiff_doc *doc, bool sanitize);
/* One JSON object (no trailing newline), docs/JSON.md schema 1. */
int resdiff_render_doc_json(resdiff_buf *out, const resdiff_doc *doc, const char *source);
/* One summary line: symbol, language, counts per kind, footnotes, diags. */
int resdiff_render_doc_summary(resdiff_buf *out, const resdiff_doc *doc, const char *source);

struct resdiff_findings;
/* Check findings: "text" (file:line: kind: message), "json" (one object,
 * docs/CHECK.md) or "github" (::error file=…,line=…::… annotations). */
int resdiff_render_findings(resdiff_buf *out, const struct resdiff_findings *f,
		const char *format);

#ifdef __cplusplus
}
#endif
#endif
