/* render_doc.c: parsed documents as text, JSON and one-line summaries. */
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <string.h>

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

int resdiff_html_escape_text(resdiff_buf *out, const char *s, size_t len, bool keep_newlines)
{
	resdiff_buf clean = RESDIFF_BUF_INIT;
	int error;
	if ((error = resdiff_text_sanitize(&clean, s, len, keep_newlines)) == 0)
		error = resdiff_html_escape(out, clean.ptr ? clean.ptr : "", clean.size);
	resdiff_buf_dispose(&clean);
	return error;
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

static int card_line(resdiff_buf *out, const char *key, const char *value)
{
	int error;
	if (!value)
		return 0;
	if ((error = resdiff_buf_printf(out, "%-9s ", key)) < 0 ||
	    (error = resdiff_text_sanitize(out, value, strlen(value), false)) < 0)
		return error;
	return resdiff_buf_putc(out, '\n');
}

int resdiff_render_doc_card(resdiff_buf *out, const resdiff_doc *doc, const char *blob)
{
	const resdiff_meta *m = &doc->meta;
	int error;

	if ((error = card_line(out, "symbol", m->symbol)) < 0 ||
	    (error = card_line(out, "language", m->language)) < 0 ||
	    (error = card_line(out, "body", m->body)) < 0 ||
	    (error = card_line(out, "kind", m->kind)) < 0 ||
	    (error = card_line(out, "series", m->series)) < 0 ||
	    (error = card_line(out, "draft-of", m->draft_of)) < 0 ||
	    (error = card_line(out, "adopted", m->date)) < 0 ||
	    (error = card_line(out, "meeting", m->meeting)) < 0 ||
	    (error = card_line(out, "title", m->title)) < 0 ||
	    (error = card_line(out, "chapeau", m->chapeau)) < 0 ||
	    (error = card_line(out, "source", blob && blob[0] ? blob : NULL)) < 0 ||
	    (error = resdiff_buf_putc(out, '\n')) < 0)
		return error;
	return resdiff_render_doc_text(out, doc, true);
}

/* A document is one line (JSON Lines when there are several). */
int resdiff_render_doc_json(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	const resdiff_meta *m = &doc->meta;
	resdiff_json w;
	size_t i, j;

	resdiff_json_init(&w, out, true);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_JSON_SCHEMA);
	resdiff_json_key_string(&w, "source", source);
	resdiff_json_key(&w, "meta");
	resdiff_json_object_open(&w);
	resdiff_json_key_string(&w, "symbol", m->symbol);
	resdiff_json_key_string(&w, "body", m->body);
	resdiff_json_key_string(&w, "kind", m->kind);
	resdiff_json_key_string(&w, "date", m->date);
	resdiff_json_key_string(&w, "meeting", m->meeting);
	resdiff_json_key_string(&w, "title", m->title);
	resdiff_json_key_string(&w, "language", m->language);
	resdiff_json_key_string(&w, "chapeau", m->chapeau);
	resdiff_json_key_string(&w, "series", m->series);
	resdiff_json_key(&w, "footnotes");
	resdiff_json_array_open(&w);
	for (i = 0; i < m->footnote_count; i++)
		resdiff_json_string(&w, m->footnotes[i]);
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	resdiff_json_key(&w, "units");
	resdiff_json_list_open(&w);
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		resdiff_json_object_open(&w);
		resdiff_json_key_string(&w, "id", u->id);
		resdiff_json_key_string(&w, "kind", resdiff_unit_kind_name(u->kind));
		resdiff_json_key_string(&w, "label", u->label);
		resdiff_json_key_string(&w, "text", u->text);
		resdiff_json_key_uint(&w, "line", u->line);
		resdiff_json_key(&w, "footnotes");
		resdiff_json_array_open(&w);
		for (j = 0; j < u->fnref_count; j++) {
			resdiff_json_object_open(&w);
			resdiff_json_key_string(&w, "label", u->fnrefs[j].label);
			resdiff_json_key_uint(&w, "offset", u->fnrefs[j].offset);
			resdiff_json_object_close(&w);
		}
		resdiff_json_array_close(&w);
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_key(&w, "footnotes");
	resdiff_json_list_open(&w);
	for (i = 0; i < doc->footnote_count; i++) {
		resdiff_json_object_open(&w);
		resdiff_json_key_string(&w, "label", doc->footnotes[i].label);
		resdiff_json_key_string(&w, "text", doc->footnotes[i].text);
		resdiff_json_key_uint(&w, "line", doc->footnotes[i].line);
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_key(&w, "diagnostics");
	resdiff_json_list_open(&w);
	for (i = 0; i < doc->diag_count; i++) {
		resdiff_json_object_open(&w);
		resdiff_json_key_uint(&w, "line", doc->diags[i].line);
		resdiff_json_key_string(&w, "level", resdiff_diag_level_name(doc->diags[i].level));
		resdiff_json_key_string(&w, "message", doc->diags[i].message);
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}

int resdiff_render_doc_summary(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	size_t counts[RESDIFF_UNIT_ARTICLE + 1] = { 0 };
	size_t i;
	int error;

	for (i = 0; i < doc->unit_count; i++)
		if ((size_t)doc->units[i].kind <= RESDIFF_UNIT_ARTICLE)
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
	if (counts[RESDIFF_UNIT_ARTICLE] &&
	    (error = resdiff_buf_printf(out, " %3zu articles %3zu paragraphs",
			counts[RESDIFF_UNIT_ARTICLE], counts[RESDIFF_UNIT_PARAGRAPH])) < 0)
		return error;
	if ((error = resdiff_buf_printf(out, " %3zu headings %3zu footnotes %zu diagnostics  ",
			counts[RESDIFF_UNIT_HEADING], doc->footnote_count, doc->diag_count)) < 0)
		return error;
	if ((error = resdiff_text_sanitize(out, source ? source : "-",
			strlen(source ? source : "-"), false)) < 0)
		return error;
	return resdiff_buf_putc(out, '\n');
}
