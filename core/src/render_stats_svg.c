/* render_stats_svg.c: the picture of a series as SVG. A column per member
 * in adoption order, a box per clause coloured by how it arrived from the
 * member before (unchanged, reworded, new) and outlined in red when the
 * next member drops it, bands from each clause to its successors (a
 * split forks from one box, a merge into one). Every box has a <title>
 * (the hover text of a browser): member, clause id and first words. No
 * script, no external reference. Walks a resdiff_series_stats only. */
#include "resdiff/provenance.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>

/* Geometry, in SVG user units (pixels). */
#define SVG_LEFT 24          /* left margin */
#define SVG_TOP 150          /* top of the first box: title, legend, column labels above */
#define SVG_BOX_W 30         /* width of a clause box */
#define SVG_BAND_W 52        /* room for the bands between two columns */
#define SVG_BOX_H 8          /* height of a clause box */
#define SVG_PITCH 10         /* from one box to the next below it */
#define SVG_BOTTOM 24
#define SVG_RIGHT 120        /* room for the last column's slanted label */
#define SVG_MIN_WIDTH 560    /* the legend's width */
/* Hover text: the clause's first words, at most this many code points. */
#define SVG_FIRST_WORDS 60

static int put(resdiff_buf *out, const char *s)
{
	return s ? resdiff_html_escape_text(out, s, strlen(s), false) : 0;
}

/* Up to SVG_FIRST_WORDS code points of TEXT (LEN bytes), cut at a space
 * when there is one in the second half, then "…". */
static int put_cut_words(resdiff_buf *out, const char *text, size_t len)
{
	size_t byte = 0, cp = 0, adv, cut = 0;
	int32_t c;

	while (byte < len && cp < SVG_FIRST_WORDS) {
		c = resdiff_utf8_decode(text + byte, len - byte, &adv);
		if (c == ' ' && cp > SVG_FIRST_WORDS / 2)
			cut = byte;
		byte += adv;
		cp++;
	}
	if (byte >= len)
		return put(out, text);
	if (!cut)
		cut = byte;
	{
		int error = resdiff_html_escape_text(out, text, cut, false);
		return error < 0 ? error : resdiff_buf_puts(out, " \xe2\x80\xa6");
	}
}

/* The first words of a text: up to SVG_FIRST_WORDS code points, cut at a
 * space when there is one in the second half, then "…". A text holding
 * right-to-left script is put in a first-strong isolate (U+2068 … U+2069)
 * with its "…": the tooltip reads left to right (it opens with the
 * symbol), so the "…" alone would show at the right, the start of an
 * Arabic text, and the words before the cut would seem cut at the wrong
 * end. */
static int put_first_words(resdiff_buf *out, const char *text)
{
	size_t len = strlen(text);
	bool rtl = resdiff_text_has_rtl(text, len);
	int error;

	if ((rtl && (error = resdiff_buf_puts(out, "\xe2\x81\xa8")) < 0) ||
	    (error = put_cut_words(out, text, len)) < 0)
		return error;
	return rtl ? resdiff_buf_puts(out, "\xe2\x81\xa9") : 0;
}

static const char *fate(resdiff_relation arrival)
{
	switch (arrival) {
	case RESDIFF_REL_UNCHANGED: return "unchanged";
	case RESDIFF_REL_ADDED: return "new";
	default: return "reworded";   /* reworded, or a piece of a split or merge */
	}
}

static const char *band_class(resdiff_relation rel)
{
	return rel == RESDIFF_REL_UNCHANGED ? "unchanged" : rel == RESDIFF_REL_REWORDED ? "reworded" : "forked";
}

static int column_x(size_t j)
{
	return SVG_LEFT + (int)j * (SVG_BOX_W + SVG_BAND_W);
}

static int clause_y(size_t u)
{
	return SVG_TOP + (int)u * SVG_PITCH;
}

/* The bands from member j-1 to member j. A clause with several bands
 * gives each an equal slice of its box, in the order of the other ends. */
static int write_bands(resdiff_buf *out, const resdiff_series_stats *st, size_t j)
{
	const resdiff_member_stats *a = &st->members[j - 1], *b = &st->members[j];
	size_t *out_deg = NULL, *in_deg = NULL, *out_seen = NULL, *in_seen = NULL, i;
	double x0 = column_x(j - 1) + SVG_BOX_W, x1 = column_x(j), xm = (x0 + x1) / 2;
	int error = 0;

	if (!b->link_count)
		return resdiff_buf_puts(out, "<g class=\"pair\"></g>\n");
	out_deg = calloc(a->units + 1, sizeof(*out_deg));
	out_seen = calloc(a->units + 1, sizeof(*out_seen));
	in_deg = calloc(b->units + 1, sizeof(*in_deg));
	in_seen = calloc(b->units + 1, sizeof(*in_seen));
	if (!out_deg || !out_seen || !in_deg || !in_seen) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < b->link_count; i++) {
		out_deg[b->links[i].from]++;
		in_deg[b->links[i].to]++;
	}
	if ((error = resdiff_buf_printf(out, "<g class=\"pair\">\n")) < 0)
		goto done;
	for (i = 0; i < b->link_count && !error; i++) {
		const resdiff_member_link *ln = &b->links[i];
		double h0 = (double)SVG_BOX_H / (double)out_deg[ln->from];
		double h1 = (double)SVG_BOX_H / (double)in_deg[ln->to];
		double y0 = clause_y(ln->from) + h0 * (double)out_seen[ln->from]++;
		double y1 = clause_y(ln->to) + h1 * (double)in_seen[ln->to]++;
		if ((error = resdiff_buf_printf(out, "<path class=\"band %s%s\" d=\"M%.1f %.2fC%.1f %.2f %.1f %.2f "
				"%.1f %.2fL%.1f %.2fC%.1f %.2f %.1f %.2f %.1f %.2fZ\"><title>",
				band_class(ln->relation), ln->moved ? " moved" : "",
				x0, y0, xm, y0, xm, y1, x1, y1, x1, y1 + h1, xm, y1 + h1, xm, y0 + h0, x0, y0 + h0)) < 0 ||
		    (error = put(out, a->clauses[ln->from].id)) < 0 ||
		    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
		    (error = put(out, b->clauses[ln->to].id)) < 0 ||
		    (error = resdiff_buf_printf(out, ": %s%s</title></path>\n",
				resdiff_relation_name(ln->relation), ln->moved ? ", moved" : "")) < 0)
			break;
	}
	if (!error)
		error = resdiff_buf_puts(out, "</g>\n");
done:
	free(out_deg);
	free(out_seen);
	free(in_deg);
	free(in_seen);
	return error;
}

static int write_member(resdiff_buf *out, const resdiff_series_stats *st, size_t j)
{
	const resdiff_member_stats *m = &st->members[j];
	int x = column_x(j), error;
	size_t u;

	if ((error = resdiff_buf_puts(out, "<g class=\"member\" data-symbol=\"")) < 0 ||
	    (error = put(out, m->symbol)) < 0 ||
	    (error = resdiff_buf_printf(out, "\">\n<text class=\"label\" transform=\"translate(%d %d) rotate(-40)\">",
			x + 4, SVG_TOP - 8)) < 0 ||
	    (error = put(out, m->symbol)) < 0 ||
	    (error = resdiff_buf_puts(out, " <tspan class=\"date\">")) < 0 || (error = put(out, m->date)) < 0 ||
	    (error = resdiff_buf_puts(out, "</tspan></text>\n")) < 0)
		return error;
	for (u = 0; u < m->units && !error; u++) {
		const resdiff_member_clause *c = &m->clauses[u];
		if ((error = resdiff_buf_printf(out, "<rect class=\"clause %s%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
				"height=\"%d\"><title>", fate(c->arrival), c->dropped_next ? " dropped" : "",
				x, clause_y(u), SVG_BOX_W, SVG_BOX_H)) < 0 ||
		    (error = put(out, m->symbol)) < 0 || (error = resdiff_buf_putc(out, ' ')) < 0 ||
		    (error = put(out, c->id)) < 0 ||
		    (error = resdiff_buf_printf(out, " (%s%s): ", j == 0 ? "first member" : fate(c->arrival),
				c->dropped_next ? ", dropped next time" : "")) < 0 ||
		    (error = put_first_words(out, c->text)) < 0)
			break;
		error = resdiff_buf_puts(out, "</title></rect>\n");
	}
	return error < 0 ? error : resdiff_buf_puts(out, "</g>\n");
}

int resdiff_stats_svg_write(resdiff_buf *out, const resdiff_series_stats *st)
{
	size_t j, rows = 0;
	int width, height, error;

	for (j = 0; j < st->count; j++)
		if (st->members[j].units > rows)
			rows = st->members[j].units;
	width = column_x(st->count) - SVG_BAND_W + SVG_RIGHT;
	if (width < SVG_MIN_WIDTH)
		width = SVG_MIN_WIDTH;
	height = clause_y(rows) + SVG_BOTTOM;
	if ((error = resdiff_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"series\" "
			"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", width, height,
			width, height)) < 0 ||
	    (error = put(out, st->slug)) < 0 ||
	    (error = resdiff_buf_puts(out, ": the clauses of each member and where they went\">\n"
			"<style>\n"
			"svg.series{font-family:sans-serif;font-size:11px}\n"
			".series .clause{stroke:#fff;stroke-width:.5}\n"
			".series .unchanged{fill:#8c9bab}\n"
			".series .reworded{fill:#f59f00}\n"
			".series .new{fill:#2b8a3e}\n"
			".series .dropped{stroke:#e03131;stroke-width:2}\n"
			".series .band{opacity:.55}\n"
			".series .band.unchanged{fill:#adb5bd}\n"
			".series .band.reworded{fill:#ffc078}\n"
			".series .band.forked{fill:#9775fa}\n"
			".series .band.moved{opacity:.85}\n"
			".series .clause:hover,.series .band:hover{opacity:1;stroke:#000;stroke-width:1}\n"
			".series .label{font-size:11px;fill:#212529}\n"
			".series .date{fill:#868e96}\n"
			".series .title{font-size:14px;font-weight:bold}\n"
			"</style>\n<text class=\"title\" x=\"")) < 0 ||
	    (error = resdiff_buf_printf(out, "%d\" y=\"18\">", SVG_LEFT)) < 0 ||
	    (error = put(out, st->slug)) < 0 || (error = resdiff_buf_puts(out, " (")) < 0 ||
	    (error = put(out, st->language)) < 0 ||
	    (error = resdiff_buf_printf(out, "): %zu member%s, clause by clause</text>\n", st->count,
			st->count == 1 ? "" : "s")) < 0)
		return error;
	/* the legend */
	{
		static const struct { const char *cls, *text; } keys[] = {
			{ "key unchanged", "unchanged" }, { "key reworded", "reworded" },
			{ "key new", "new" }, { "key unchanged dropped", "dropped next time" },
			{ "key band forked", "split or merged" },
		};
		size_t k;
		int x = SVG_LEFT;
		if ((error = resdiff_buf_puts(out, "<g class=\"legend\">\n")) < 0)
			return error;
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]) && !error; k++) {
			error = resdiff_buf_printf(out, "<rect class=\"%s\" x=\"%d\" y=\"30\" width=\"14\" height=\"%d\"/>"
				"<text x=\"%d\" y=\"38\">%s</text>\n", keys[k].cls, x, SVG_BOX_H, x + 18, keys[k].text);
			x += 24 + 7 * (int)strlen(keys[k].text);
		}
		if (!error)
			error = resdiff_buf_puts(out, "</g>\n");
	}
	for (j = 1; j < st->count && !error; j++)
		error = write_bands(out, st, j);
	for (j = 0; j < st->count && !error; j++)
		error = write_member(out, st, j);
	return error < 0 ? error : resdiff_buf_puts(out, "</svg>\n");
}

int resdiff_render_stats_svg(resdiff_buf *out, const resdiff_series_stats *st)
{
	int error = resdiff_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	return error < 0 ? error : resdiff_stats_svg_write(out, st);
}
