/* render_parallel_html.c: the parallel view as one self-contained HTML
 * page: a table, one column per document, each cell with its language
 * and direction, flagged rows marked and their reasons beside them. No
 * script, no network; every text sanitised and HTML-escaped. */
#include "resdiff/lang.h"
#include "resdiff/parallel.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <string.h>

static const char STYLE[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222}"
	"table.parallel{border-collapse:collapse;width:100%;table-layout:fixed}"
	"table.parallel td,table.parallel th{border-top:1px solid #ddd;padding:.4em;vertical-align:top;"
	"line-height:1.6;overflow-wrap:anywhere}"
	"table.parallel th{text-align:left;border-bottom:2px solid #888}"
	"table.parallel .row{width:11em;font-size:.85em}"
	".id{font-family:monospace;color:#555;margin-inline-end:.5em}"
	"tr.flagged td{background:#fff6e0}tr.flagged td.row{background:#ffe3b0}"
	"td.none{background:#ffecec !important;color:#a00;text-align:center}"
	".flag{display:inline-block;font-weight:bold;color:#a33;margin-right:.4em}"
	"ul.why{margin:.3em 0 0 1em;padding:0;color:#444}"
	"td p{margin:0 0 .4em 0}"
	"div.meta{background:#ffe3b0;padding:.4em;margin:.5em 0}";

static int esc(resdiff_buf *out, const char *s)
{
	resdiff_buf clean = RESDIFF_BUF_INIT;
	int error;
	if ((error = resdiff_text_sanitize(&clean, s ? s : "", s ? strlen(s) : 0, true)) == 0)
		error = resdiff_html_escape(out, clean.ptr ? clean.ptr : "", clean.size);
	resdiff_buf_dispose(&clean);
	return error;
}

/* lang="ar" dir="rtl" of document d (no lang when it is unknown). */
static int lang_attrs(resdiff_buf *out, const resdiff_parallel *p, size_t d)
{
	const char *code = p->languages[d];
	const resdiff_lang *l = code[0] ? resdiff_lang_get(code) : NULL;
	int error = 0;
	if (code[0] && ((error = resdiff_buf_puts(out, " lang=\"")) < 0 || (error = esc(out, code)) < 0 ||
	    (error = resdiff_buf_putc(out, '"')) < 0))
		return error;
	return resdiff_buf_puts(out, l && l->script->rtl ? " dir=\"rtl\"" : " dir=\"ltr\"");
}

static int put_reasons(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_reason *list,
		size_t count)
{
	size_t i;
	int error;
	if (!count)
		return 0;
	if ((error = resdiff_buf_puts(out, "<ul class=\"why\">")) < 0)
		return error;
	for (i = 0; i < count && !error; i++) {
		const resdiff_parallel_reason *why = &list[i];
		if ((error = resdiff_buf_printf(out, "<li>%s ", resdiff_parallel_flag_bit_name(why->flag))) < 0 ||
		    (error = esc(out, why->doc < p->doc_count ? p->keys[why->doc] : "")) < 0 ||
		    (error = resdiff_buf_puts(out, ": ")) < 0 || (error = esc(out, why->text)) < 0)
			break;
		error = resdiff_buf_puts(out, "</li>");
	}
	return error ? error : resdiff_buf_puts(out, "</ul>");
}

static int put_head(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_render_options *opts)
{
	size_t d, i, shown = 0;
	int error;

	if ((error = resdiff_buf_puts(out, "<p class=\"summary\">")) < 0 ||
	    (error = resdiff_buf_printf(out, "%zu rows, %zu anchored by printed numbers, %zu flagged",
			p->row_count, p->anchors, p->flagged)) < 0)
		return error;
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT && !error; i++)
		if (p->flag_rows[i])
			error = resdiff_buf_printf(out, "%s%s %zu", shown++ ? ", " : ": ",
				resdiff_parallel_flag_name(i), p->flag_rows[i]);
	/* the documents' metadata is in no row: counted on its own */
	if (!error && p->meta_reason_count)
		error = resdiff_buf_printf(out, "; %zu metadata disagreement%s", p->meta_reason_count,
			p->meta_reason_count == 1 ? "" : "s");
	if (error || (error = resdiff_buf_puts(out, "</p>\n")) < 0)
		return error;
	if (p->meta_reason_count &&
	    ((error = resdiff_buf_puts(out, "<div class=\"meta\"><span class=\"flag\">numbers</span> "
			"in the documents' metadata")) < 0 ||
	     (error = put_reasons(out, p, p->meta_reasons, p->meta_reason_count)) < 0 ||
	     (error = resdiff_buf_puts(out, "</div>\n")) < 0))
		return error;
	if ((error = resdiff_buf_puts(out, "<table class=\"parallel\">\n<thead><tr>"
			"<th class=\"row\">row</th>")) < 0)
		return error;
	for (d = 0; d < p->doc_count && !error; d++) {
		const char *src = opts && opts->sources ? opts->sources[d] : NULL;
		if ((error = resdiff_buf_puts(out, "<th>")) < 0 || (error = esc(out, p->keys[d])) < 0)
			break;
		if (src && ((error = resdiff_buf_puts(out, "<br><small>")) < 0 || (error = esc(out, src)) < 0 ||
		    (error = resdiff_buf_puts(out, "</small>")) < 0))
			break;
		error = resdiff_buf_puts(out, "</th>");
	}
	return error ? error : resdiff_buf_puts(out, "</tr></thead>\n<tbody>\n");
}

static int put_row(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_row *row, size_t r)
{
	size_t d, i;
	int error;

	if ((error = resdiff_buf_printf(out, "<tr id=\"row%zu\"%s><td class=\"row\">%zu <small>%.2f</small><br>",
			r + 1, row->flags ? " class=\"flagged\"" : "", r + 1, row->confidence)) < 0)
		return error;
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT && !error; i++)
		if (row->flags & (1u << i))
			error = resdiff_buf_printf(out, "<span class=\"flag\">%s</span>", resdiff_parallel_flag_name(i));
	if (error || (error = put_reasons(out, p, row->reasons, row->reason_count)) < 0 || (error = resdiff_buf_puts(out, "</td>")) < 0)
		return error;
	for (d = 0; d < p->doc_count && !error; d++) {
		const resdiff_parallel_cell *c = &row->cells[d];
		if (!c->count) {
			error = resdiff_buf_puts(out, "<td class=\"none\">&mdash;</td>");
			continue;
		}
		if ((error = resdiff_buf_puts(out, "<td")) < 0 || (error = lang_attrs(out, p, d)) < 0 ||
		    (error = resdiff_buf_putc(out, '>')) < 0)
			break;
		for (i = 0; i < c->count && !error; i++) {
			const resdiff_unit *u = &p->docs[d]->units[c->first + i];
			if ((error = resdiff_buf_puts(out, "<p><span class=\"id\" dir=\"ltr\">")) < 0 ||
			    (error = esc(out, u->id)) < 0 || (error = resdiff_buf_puts(out, "</span>")) < 0 ||
			    (error = esc(out, u->text)) < 0)
				break;
			error = resdiff_buf_puts(out, "</p>");
		}
		if (!error)
			error = resdiff_buf_puts(out, "</td>");
	}
	return error ? error : resdiff_buf_puts(out, "</tr>\n");
}

int resdiff_render_parallel_html(resdiff_buf *out, const resdiff_parallel *p,
		const resdiff_parallel_render_options *opts)
{
	const char *title = opts && opts->title ? opts->title : "Language versions side by side";
	size_t r;
	int error;

	if ((error = resdiff_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			"style-src 'unsafe-inline'\">\n<title>")) < 0 ||
	    (error = esc(out, title)) < 0 ||
	    (error = resdiff_buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", STYLE)) < 0 ||
	    (error = esc(out, title)) < 0 || (error = resdiff_buf_puts(out, "</h1>\n")) < 0 ||
	    (error = put_head(out, p, opts)) < 0)
		return error;
	for (r = 0; r < p->row_count && !error; r++)
		if (!(opts && opts->flagged_only && !p->rows[r].flags))
			error = put_row(out, p, &p->rows[r], r);
	return error ? error : resdiff_buf_puts(out, "</tbody>\n</table>\n</body>\n</html>\n");
}
