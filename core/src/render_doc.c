/* render_doc.c: parsed documents as text, JSON and one-line summaries. */
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <string.h>

int resdiff_json_str(resdiff_buf *out, const char *s)
{
	const unsigned char *p;
	int error = 0;

	if (!s)
		return resdiff_buf_puts(out, "null");
	if ((error = resdiff_buf_putc(out, '"')) < 0)
		return error;
	for (p = (const unsigned char *)s; *p && !error; p++) {
		switch (*p) {
		case '"': error = resdiff_buf_puts(out, "\\\""); break;
		case '\\': error = resdiff_buf_puts(out, "\\\\"); break;
		case '\n': error = resdiff_buf_puts(out, "\\n"); break;
		case '\r': error = resdiff_buf_puts(out, "\\r"); break;
		case '\t': error = resdiff_buf_puts(out, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				error = resdiff_buf_printf(out, "\\u%04x", *p);
			else
				error = resdiff_buf_putc(out, (char)*p);
		}
	}
	return error ? error : resdiff_buf_putc(out, '"');
}

int resdiff_html_escape(resdiff_buf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	int error;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		}
		if (!rep)
			continue;
		if ((error = resdiff_buf_put(out, s + start, i - start)) < 0 ||
		    (error = resdiff_buf_puts(out, rep)) < 0)
			return error;
		start = i + 1;
	}
	return resdiff_buf_put(out, s + start, len - start);
}

static int put_text(resdiff_buf *out, const char *s, bool sanitize)
{
	if (sanitize)
		return resdiff_text_sanitize(out, s, strlen(s), false);
	return resdiff_buf_puts(out, s);
}

int resdiff_render_doc_text(resdiff_buf *out, const resdiff_doc *doc, bool sanitize)
{
	size_t i;
	int error = 0;

	for (i = 0; i < doc->unit_count && !error; i++) {
		const resdiff_unit *u = &doc->units[i];
		if ((error = put_text(out, u->id, sanitize)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 ||
		    (error = put_text(out, u->text, sanitize)) < 0)
			break;
		error = resdiff_buf_putc(out, '\n');
	}
	for (i = 0; i < doc->footnote_count && !error; i++) {
		const resdiff_footnote *f = &doc->footnotes[i];
		if ((error = resdiff_buf_putc(out, '[')) < 0 ||
		    (error = put_text(out, f->label, sanitize)) < 0 ||
		    (error = resdiff_buf_puts(out, "]\t")) < 0 ||
		    (error = put_text(out, f->text, sanitize)) < 0)
			break;
		error = resdiff_buf_putc(out, '\n');
	}
	return error;
}

static int json_key(resdiff_buf *out, const char *key, const char *value, bool first)
{
	int error;
	if ((error = resdiff_buf_puts(out, first ? "\"" : ", \"")) < 0 ||
	    (error = resdiff_buf_puts(out, key)) < 0 ||
	    (error = resdiff_buf_puts(out, "\": ")) < 0)
		return error;
	return resdiff_json_str(out, value);
}

int resdiff_render_doc_json(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	const resdiff_meta *m = &doc->meta;
	size_t i, j;
	int error;

	if ((error = resdiff_buf_printf(out, "{\"schema\": %d, ", RESDIFF_JSON_SCHEMA)) < 0 ||
	    (error = json_key(out, "source", source, true)) < 0 ||
	    (error = resdiff_buf_puts(out, ", \"meta\": {")) < 0 ||
	    (error = json_key(out, "symbol", m->symbol, true)) < 0 ||
	    (error = json_key(out, "body", m->body, false)) < 0 ||
	    (error = json_key(out, "kind", m->kind, false)) < 0 ||
	    (error = json_key(out, "date", m->date, false)) < 0 ||
	    (error = json_key(out, "meeting", m->meeting, false)) < 0 ||
	    (error = json_key(out, "title", m->title, false)) < 0 ||
	    (error = json_key(out, "language", m->language, false)) < 0 ||
	    (error = json_key(out, "chapeau", m->chapeau, false)) < 0 ||
	    (error = json_key(out, "series", m->series, false)) < 0 ||
	    (error = resdiff_buf_puts(out, ", \"footnotes\": [")) < 0)
		return error;
	for (i = 0; i < m->footnote_count; i++)
		if ((i && (error = resdiff_buf_puts(out, ", ")) < 0) ||
		    (error = resdiff_json_str(out, m->footnotes[i])) < 0)
			return error;
	if ((error = resdiff_buf_puts(out, "]}, \"units\": [")) < 0)
		return error;
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		if ((i && (error = resdiff_buf_puts(out, ", ")) < 0) ||
		    (error = resdiff_buf_putc(out, '{')) < 0 ||
		    (error = json_key(out, "id", u->id, true)) < 0 ||
		    (error = json_key(out, "kind", resdiff_unit_kind_name(u->kind), false)) < 0 ||
		    (error = json_key(out, "label", u->label, false)) < 0 ||
		    (error = json_key(out, "text", u->text, false)) < 0 ||
		    (error = resdiff_buf_printf(out, ", \"line\": %zu, \"footnotes\": [", u->line)) < 0)
			return error;
		for (j = 0; j < u->fnref_count; j++)
			if ((j && (error = resdiff_buf_puts(out, ", ")) < 0) ||
			    (error = resdiff_buf_putc(out, '{')) < 0 ||
			    (error = json_key(out, "label", u->fnrefs[j].label, true)) < 0 ||
			    (error = resdiff_buf_printf(out, ", \"offset\": %zu}", u->fnrefs[j].offset)) < 0)
				return error;
		if ((error = resdiff_buf_puts(out, "]}")) < 0)
			return error;
	}
	if ((error = resdiff_buf_puts(out, "], \"footnotes\": [")) < 0)
		return error;
	for (i = 0; i < doc->footnote_count; i++) {
		const resdiff_footnote *f = &doc->footnotes[i];
		if ((i && (error = resdiff_buf_puts(out, ", ")) < 0) ||
		    (error = resdiff_buf_putc(out, '{')) < 0 ||
		    (error = json_key(out, "label", f->label, true)) < 0 ||
		    (error = json_key(out, "text", f->text, false)) < 0 ||
		    (error = resdiff_buf_printf(out, ", \"line\": %zu}", f->line)) < 0)
			return error;
	}
	if ((error = resdiff_buf_puts(out, "], \"diagnostics\": [")) < 0)
		return error;
	for (i = 0; i < doc->diag_count; i++) {
		const resdiff_diag *d = &doc->diags[i];
		if ((i && (error = resdiff_buf_puts(out, ", ")) < 0) ||
		    (error = resdiff_buf_printf(out, "{\"line\": %zu, \"level\": \"%s\", ", d->line,
				resdiff_diag_level_name(d->level))) < 0 ||
		    (error = json_key(out, "message", d->message, true)) < 0 ||
		    (error = resdiff_buf_putc(out, '}')) < 0)
			return error;
	}
	return resdiff_buf_puts(out, "]}");
}

int resdiff_render_doc_summary(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	size_t counts[RESDIFF_UNIT_BLOCK + 1] = { 0 };
	size_t i;
	int error;

	for (i = 0; i < doc->unit_count; i++)
		counts[doc->units[i].kind]++;
	if ((error = resdiff_buf_printf(out, "%-20s %-3s %-10s",
			doc->meta.symbol ? doc->meta.symbol : "?",
			doc->meta.language ? doc->meta.language : "?",
			doc->meta.date ? doc->meta.date : "-")) < 0)
		return error;
	if (counts[RESDIFF_UNIT_PREAMBLE] || counts[RESDIFF_UNIT_OPERATIVE])
		error = resdiff_buf_printf(out, " %3zu PP %3zu OP %3zu sub",
			counts[RESDIFF_UNIT_PREAMBLE], counts[RESDIFF_UNIT_OPERATIVE],
			counts[RESDIFF_UNIT_SUBPARAGRAPH]);
	else
		error = resdiff_buf_printf(out, " %3zu P  %3zu sub %3zu block",
			counts[RESDIFF_UNIT_PARAGRAPH], counts[RESDIFF_UNIT_SUBPARAGRAPH],
			counts[RESDIFF_UNIT_BLOCK]);
	if (error < 0)
		return error;
	if ((error = resdiff_buf_printf(out, " %3zu headings %3zu footnotes %zu diagnostics  ",
			counts[RESDIFF_UNIT_HEADING], doc->footnote_count, doc->diag_count)) < 0)
		return error;
	if ((error = resdiff_text_sanitize(out, source ? source : "-",
			strlen(source ? source : "-"), false)) < 0)
		return error;
	return resdiff_buf_putc(out, '\n');
}
