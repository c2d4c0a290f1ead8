/* render_parallel_text.c: the parallel view on a terminal
 * (resdiff/parallel.h): one block per row, or the documents in columns
 * side by side when the terminal is wide enough. Every text goes through
 * the terminal sanitizer; widths are East Asian widths. */
#include "resdiff/parallel.h"
#include "resdiff/text.h"

#include <string.h>

/* Cells between two columns. */
#define COLUMN_GAP 2

static int put_clean(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s ? s : "", s ? strlen(s) : 0, false);
}

/* "missing numbers" (flags) and the confidence: the row's head line. */
static int row_head(resdiff_buf *out, const resdiff_parallel_row *row, size_t r)
{
	size_t i;
	int error = resdiff_buf_printf(out, "row %zu", r + 1);
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT && !error; i++)
		if (row->flags & (1u << i))
			error = resdiff_buf_printf(out, "  %s", resdiff_parallel_flag_name(i));
	if (!error)
		error = resdiff_buf_printf(out, "  %.2f%s\n", row->confidence, row->anchored ? "  anchored" : "");
	return error;
}

/* "  why  ar: no counterpart", one line per reason. */
static int reason_lines(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_reason *list,
		size_t count)
{
	size_t i;
	int error = 0;
	for (i = 0; i < count && !error; i++) {
		const resdiff_parallel_reason *why = &list[i];
		if ((error = resdiff_buf_printf(out, "  why  %s %s: ", resdiff_parallel_flag_bit_name(why->flag),
				why->doc < p->doc_count ? p->keys[why->doc] : "")) == 0 &&
		    (error = put_clean(out, why->text)) == 0)
			error = resdiff_buf_putc(out, '\n');
	}
	return error;
}

/* A cell's ids and texts as one string: "ART13.2 text / ART13.3 text". */
static int cell_text(resdiff_buf *out, const resdiff_doc *doc, const resdiff_parallel_cell *c)
{
	size_t i;
	int error = 0;
	if (!c->count)
		return resdiff_buf_puts(out, "-");
	for (i = 0; i < c->count && !error; i++) {
		const resdiff_unit *u = &doc->units[c->first + i];
		if ((i && (error = resdiff_buf_puts(out, " / ")) < 0) ||
		    (error = put_clean(out, u->id)) < 0 || (error = resdiff_buf_puts(out, "  ")) < 0)
			break;
		error = put_clean(out, u->text);
	}
	return error;
}

static int blocks(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_row *row, size_t r)
{
	size_t d;
	int error = row_head(out, row, r);
	for (d = 0; d < p->doc_count && !error; d++) {
		if ((error = resdiff_buf_printf(out, "  %-5s ", p->keys[d])) == 0 &&
		    (error = cell_text(out, p->docs[d], &row->cells[d])) == 0)
			error = resdiff_buf_putc(out, '\n');
	}
	return error ? error : reason_lines(out, p, row->reasons, row->reason_count);
}

/* ---- columns ------------------------------------------------------------- */

/* The end (a byte offset) of the line of at most `width` cells that starts
 * at s[start]; *next is where the following line starts (past a space it
 * broke at). */
static size_t wrap_line(const char *s, size_t len, size_t start, size_t width, size_t *next,
		size_t *used)
{
	size_t i = start, w = 0, adv, space = 0, space_w = 0;
	bool seen_space = false;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		size_t cw = resdiff_text_cp_width(cp);
		if (!adv)
			adv = 1;
		if (cp == ' ') {
			space = i;
			space_w = w;
			seen_space = true;
		}
		if (w + cw > width && i > start) {
			if (seen_space && cp != ' ') {
				*next = space + 1;
				*used = space_w;
				return space;
			}
			*next = cp == ' ' ? i + 1 : i;
			*used = w;
			return i;
		}
		w += cw;
		i += adv;
	}
	*next = len;
	*used = w;
	return len;
}

static int columns(resdiff_buf *out, const resdiff_parallel *p, const resdiff_parallel_row *row,
		size_t r, size_t colw)
{
	resdiff_buf text[RESDIFF_PARALLEL_MAX_DOCS];
	size_t pos[RESDIFF_PARALLEL_MAX_DOCS], d, k;
	bool more = true;
	int error;

	memset(text, 0, sizeof(text));
	error = row_head(out, row, r);
	for (d = 0; d < p->doc_count && !error; d++) {
		pos[d] = 0;
		error = cell_text(&text[d], p->docs[d], &row->cells[d]);
	}
	while (more && !error) {
		more = false;
		for (d = 0; d < p->doc_count && !error; d++) {
			size_t end = 0, next = 0, used = 0, len = text[d].size;
			if (pos[d] < len)
				end = wrap_line(text[d].ptr, len, pos[d], colw, &next, &used);
			if (pos[d] < len && (error = resdiff_buf_put(out, text[d].ptr + pos[d], end - pos[d])) < 0)
				break;
			pos[d] = pos[d] < len ? next : len;
			more |= pos[d] < len;
			/* pad to the column, but not after the last */
			for (k = used; d + 1 < p->doc_count && k < colw + COLUMN_GAP && !error; k++)
				error = resdiff_buf_putc(out, ' ');
		}
		/* no trailing blanks */
		while (!error && out->size && out->ptr[out->size - 1] == ' ')
			out->size--;
		if (!error)
			error = resdiff_buf_putc(out, '\n');
	}
	for (d = 0; d < p->doc_count; d++)
		resdiff_buf_dispose(&text[d]);
	return error ? error : reason_lines(out, p, row->reasons, row->reason_count);
}

int resdiff_render_parallel_text(resdiff_buf *out, const resdiff_parallel *p,
		const resdiff_parallel_render_options *opts)
{
	size_t d, r, i, colw = 0, shown = 0;
	int error = 0;

	if (opts && opts->width) {
		size_t gaps = (p->doc_count - 1) * COLUMN_GAP;
		colw = opts->width > gaps ? (opts->width - gaps) / p->doc_count : 0;
		if (colw < RESDIFF_PARALLEL_COLUMN_MIN)
			colw = 0;
	}
	for (d = 0; d < p->doc_count && !error; d++) {
		const char *src = opts && opts->sources ? opts->sources[d] : NULL;
		if ((error = resdiff_buf_printf(out, "%-5s ", p->keys[d])) == 0 &&
		    (error = put_clean(out, src ? src : "")) == 0)
			error = resdiff_buf_putc(out, '\n');
	}
	if (!error)
		error = resdiff_buf_printf(out, "%zu rows, %zu anchored by printed numbers, %zu flagged",
			p->row_count, p->anchors, p->flagged);
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT && !error; i++)
		if (p->flag_rows[i])
			error = resdiff_buf_printf(out, "%s%s %zu", shown++ ? ", " : ": ",
				resdiff_parallel_flag_name(i), p->flag_rows[i]);
	/* the documents' metadata is in no row: counted on its own */
	if (!error && p->meta_reason_count)
		error = resdiff_buf_printf(out, "; %zu metadata disagreement%s", p->meta_reason_count,
			p->meta_reason_count == 1 ? "" : "s");
	if (!error)
		error = resdiff_buf_putc(out, '\n');
	/* in columns, the keys over them */
	for (d = 0; colw && d < p->doc_count && !error; d++) {
		size_t k = strlen(p->keys[d]);
		if ((error = resdiff_buf_printf(out, "%s%s", d ? "" : "\n", p->keys[d])) < 0)
			break;
		for (; d + 1 < p->doc_count && k < colw + COLUMN_GAP && !error; k++)
			error = resdiff_buf_putc(out, ' ');
		if (!error && d + 1 == p->doc_count)
			error = resdiff_buf_putc(out, '\n');
	}
	/* the documents' metadata, when it disagrees */
	if (!error && p->meta_reason_count &&
	    (error = resdiff_buf_puts(out, "\nmetadata  numbers\n")) == 0)
		error = reason_lines(out, p, p->meta_reasons, p->meta_reason_count);
	for (r = 0; r < p->row_count && !error; r++) {
		if (opts && opts->flagged_only && !p->rows[r].flags)
			continue;
		if ((error = resdiff_buf_putc(out, '\n')) < 0)
			break;
		error = colw ? columns(out, p, &p->rows[r], r, colw) : blocks(out, p, &p->rows[r], r);
	}
	return error;
}
