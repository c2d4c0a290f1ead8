/* render_stats.c: series statistics as text (with a per-year chart of
 * Unicode bars), JSON, and an HTML page with an SVG chart. Walks a
 * resdiff_series_stats only. */
#include "resdiff/provenance.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>

/* Width of the longest bar, in characters. */
#define STATS_BAR_WIDTH 40
/* Years without a member are drawn as empty rows up to this span. */
#define STATS_MAX_EMPTY_SPAN 60
/* The SVG chart. */
#define STATS_SVG_HEIGHT 240
#define STATS_SVG_BAR 28

static int put(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s ? s : "", s ? strlen(s) : 0, false);
}

static int put_html(resdiff_buf *out, const char *s)
{
	return resdiff_html_escape_text(out, s ? s : "", s ? strlen(s) : 0, false);
}

static int year_of(const char *date)
{
	return atoi(date);
}

static int put_bar(resdiff_buf *out, size_t carried, size_t fresh, size_t max)
{
	size_t a = max ? (carried * STATS_BAR_WIDTH + max / 2) / max : 0;
	size_t b = max ? ((carried + fresh) * STATS_BAR_WIDTH + max / 2) / max : 0;
	size_t i;
	int error = 0;
	if (b < a)
		b = a;
	if (carried + fresh && b == 0)
		b = 1;
	for (i = 0; i < b && !error; i++)
		error = resdiff_buf_puts(out, i < a ? "\xe2\x96\x88" : "\xe2\x96\x91");
	return error;
}

int resdiff_render_stats_text(resdiff_buf *out, const resdiff_series_stats *st)
{
	size_t j, k, max = 0;
	int error, y, y0, y1;

	if ((error = put(out, st->slug)) < 0 ||
	    (error = resdiff_buf_puts(out, " (")) < 0 || (error = put(out, st->language)) < 0 ||
	    (error = resdiff_buf_printf(out, "): %zu member%s\n", st->count, st->count == 1 ? "" : "s")) < 0)
		return error;
	for (j = 0; j < st->count && !error; j++) {
		const resdiff_member_stats *m = &st->members[j];
		if ((error = resdiff_buf_printf(out, "\n%s  ", m->date)) < 0 || (error = put(out, m->symbol)) < 0 ||
		    (error = resdiff_buf_printf(out, "  %zu clause%s\n", m->units, m->units == 1 ? "" : "s")) < 0)
			break;
		if (j == 0) {
			error = resdiff_buf_puts(out, "  first member: every clause is new\n");
			continue;
		}
		if ((error = resdiff_buf_puts(out, "  since ")) < 0 || (error = put(out, st->members[j - 1].symbol)) < 0 ||
		    (error = resdiff_buf_puts(out, ":")) < 0)
			break;
		for (k = 0; k < RESDIFF_REL_COUNT && !error; k++)
			error = resdiff_buf_printf(out, " %zu %s,", m->relations[k], resdiff_relation_name((resdiff_relation)k));
		if (!error)
			error = resdiff_buf_printf(out, " %zu moved\n", m->moved);
		if (!error)
			error = resdiff_buf_printf(out, "  signals: %zu rolling update%s only, "
				"%zu verb%s strengthened, %zu weakened\n", m->rolling, m->rolling == 1 ? "" : "s",
				m->strengthened, m->strengthened == 1 ? "" : "s", m->weakened);
		if (!error)
			error = resdiff_buf_printf(out, "  carried over from %s: %zu of %zu clause%s (%.0f%%), "
				"%.0f%% of the text\n", st->members[j - 1].symbol, m->carried_units, m->previous_units,
				m->previous_units == 1 ? "" : "s",
				m->previous_units ? 100.0 * (double)m->carried_units / (double)m->previous_units : 0.0,
				100.0 * m->carried_text);
		if (!error)
			error = resdiff_buf_printf(out, "  new in this member: %zu clause%s\n", m->new_units,
				m->new_units == 1 ? "" : "s");
		if (!error && m->oldest_count) {
			error = resdiff_buf_puts(out, "  oldest still present:");
			for (k = 0; k < m->oldest_count && !error; k++) {
				if ((error = resdiff_buf_puts(out, k ? ", " : " ")) < 0 ||
				    (error = put(out, m->oldest[k].unit)) < 0 ||
				    (error = resdiff_buf_puts(out, " (since ")) < 0 ||
				    (error = put(out, m->oldest[k].symbol)) < 0)
					break;
				error = resdiff_buf_printf(out, ", %.4s)", m->oldest[k].date);
			}
			if (!error)
				error = resdiff_buf_putc(out, '\n');
		}
	}
	if (error || !st->count)
		return error;
	/* per year: clauses carried over and new, summed over the members adopted that year */
	for (j = 0; j < st->count; j++)
		if (st->members[j].units > max)
			max = st->members[j].units;
	y0 = year_of(st->members[0].date);
	y1 = year_of(st->members[st->count - 1].date);
	for (j = 0, y = y0; y <= y1; y++) {
		size_t c = 0, n = 0, members = 0;
		for (; j < st->count && year_of(st->members[j].date) == y; j++, members++) {
			c += st->members[j].units - st->members[j].new_units;
			n += st->members[j].new_units;
		}
		if (c + n > max)
			max = c + n;
		(void)members;
	}
	if ((error = resdiff_buf_puts(out, "\nclauses per year (\xe2\x96\x88 carried over, \xe2\x96\x91 new):\n")) < 0)
		return error;
	for (j = 0, y = y0; y <= y1 && !error; y++) {
		size_t c = 0, n = 0, members = 0;
		for (; j < st->count && year_of(st->members[j].date) == y; j++, members++) {
			c += st->members[j].units - st->members[j].new_units;
			n += st->members[j].new_units;
		}
		if (!members && y1 - y0 > STATS_MAX_EMPTY_SPAN)
			continue;
		if ((error = resdiff_buf_printf(out, members ? "%04d " : "%04d", y)) < 0 ||
		    (error = put_bar(out, c, n, max)) < 0)
			break;
		error = members ? resdiff_buf_printf(out, " %zu (%zu new)\n", c + n, n) : resdiff_buf_putc(out, '\n');
	}
	return error;
}

static int json_member(resdiff_json *w, const resdiff_member_stats *m)
{
	size_t k;

	resdiff_json_object_open(w);
	resdiff_json_key_string(w, "symbol", m->symbol);
	resdiff_json_key_string(w, "date", m->date);
	resdiff_json_key_uint(w, "units", m->units);
	resdiff_json_key(w, "relations");
	resdiff_json_object_open(w);
	for (k = 0; k < RESDIFF_REL_COUNT; k++)
		resdiff_json_key_uint(w, resdiff_relation_name((resdiff_relation)k), m->relations[k]);
	resdiff_json_key_uint(w, "moved", m->moved);
	resdiff_json_object_close(w);
	resdiff_json_key_uint(w, "carried_units", m->carried_units);
	resdiff_json_key_uint(w, "previous_units", m->previous_units);
	resdiff_json_key_fixed(w, "carried_text", m->carried_text, 4);
	resdiff_json_key_uint(w, "new_units", m->new_units);
	resdiff_json_key_uint(w, "rolling", m->rolling);
	resdiff_json_key_uint(w, "strengthened", m->strengthened);
	resdiff_json_key_uint(w, "weakened", m->weakened);
	resdiff_json_key(w, "oldest");
	resdiff_json_array_open(w);
	for (k = 0; k < m->oldest_count; k++) {
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "unit", m->oldest[k].unit);
		resdiff_json_key_string(w, "since", m->oldest[k].symbol);
		resdiff_json_key_string(w, "since_date", m->oldest[k].date);
		resdiff_json_object_close(w);
	}
	resdiff_json_array_close(w);
	return resdiff_json_object_close(w);
}

int resdiff_render_stats_json(resdiff_buf *out, const resdiff_series_stats *st)
{
	resdiff_json w;
	size_t j;

	resdiff_json_init(&w, out, false);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_PROVENANCE_JSON_SCHEMA);
	resdiff_json_key_string(&w, "series", st->slug);
	resdiff_json_key_string(&w, "language", st->language);
	resdiff_json_key(&w, "members");
	resdiff_json_list_open(&w);
	for (j = 0; j < st->count; j++)
		json_member(&w, &st->members[j]);
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}

int resdiff_render_stats_html(resdiff_buf *out, const resdiff_series_stats *st)
{
	size_t j, max = 1;
	int error, width = (int)(st->count * (STATS_SVG_BAR + 12) + 60);

	for (j = 0; j < st->count; j++)
		if (st->members[j].units > max)
			max = st->members[j].units;
	/* The page carries the series' language, as a diff page carries its
	 * texts' ("und" when none is known); its clause texts are in the
	 * chart's tooltips, an Arabic one in an isolate (render_stats_svg.c). */
	if ((error = resdiff_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"")) < 0 ||
	    (error = put_html(out, st->language && st->language[0] ? st->language : "und")) < 0 ||
	    (error = resdiff_buf_puts(out, "\"><head><meta charset=\"utf-8\">\n"
			"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
			"<title>resdiff stats ")) < 0 ||
	    (error = put_html(out, st->slug)) < 0 ||
	    (error = resdiff_buf_puts(out, "</title>\n<style>body{font-family:sans-serif;margin:2em}"
			"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
			".carried{fill:#2b6cb0}.new{fill:#f6ad55}</style></head><body>\n<h1>")) < 0 ||
	    (error = put_html(out, st->slug)) < 0 ||
	    (error = resdiff_buf_puts(out, " (")) < 0 || (error = put_html(out, st->language)) < 0 ||
	    (error = resdiff_buf_puts(out, ")</h1>\n<h2>Clauses from member to member</h2>\n")) < 0 ||
	    (error = resdiff_stats_svg_write(out, st)) < 0 ||
	    (error = resdiff_buf_printf(out, "<h2>Carried over and new</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
			"height=\"%d\" role=\"img\" aria-label=\"clauses per member: carried over and new\">\n",
			width, STATS_SVG_HEIGHT + 40)) < 0)
		return error;
	for (j = 0; j < st->count && !error; j++) {
		const resdiff_member_stats *m = &st->members[j];
		int x = (int)(40 + j * (STATS_SVG_BAR + 12));
		int hc = (int)((m->units - m->new_units) * STATS_SVG_HEIGHT / max);
		int hn = (int)(m->new_units * STATS_SVG_HEIGHT / max);
		if ((error = resdiff_buf_printf(out, "<g><title>")) < 0 || (error = put_html(out, m->symbol)) < 0 ||
		    (error = resdiff_buf_printf(out, " (%s): %zu carried over, %zu new</title>"
				"<rect class=\"carried\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
				"<rect class=\"new\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></g>"
				"<text x=\"%d\" y=\"%d\" font-size=\"10\">%.4s</text>\n",
				m->date, m->units - m->new_units, m->new_units,
				x, STATS_SVG_HEIGHT - hc, STATS_SVG_BAR, hc,
				x, STATS_SVG_HEIGHT - hc - hn, STATS_SVG_BAR, hn,
				x, STATS_SVG_HEIGHT + 14, m->date)) < 0)
			break;
	}
	if (!error)
		error = resdiff_buf_puts(out, "</svg>\n<p><svg width=\"10\" height=\"10\"><rect class=\"carried\" "
			"width=\"10\" height=\"10\"/></svg> carried over <svg width=\"10\" height=\"10\"><rect "
			"class=\"new\" width=\"10\" height=\"10\"/></svg> new</p>\n<table><tr><th>adopted</th>"
			"<th>symbol</th><th>clauses</th><th>unchanged</th><th>reworded</th><th>split</th>"
			"<th>merged</th><th>added</th><th>dropped</th><th>moved</th><th>carried over</th>"
			"<th>text carried</th><th>rolling only</th><th>verbs stronger</th>"
			"<th>verbs weaker</th></tr>\n");
	for (j = 0; j < st->count && !error; j++) {
		const resdiff_member_stats *m = &st->members[j];
		if ((error = resdiff_buf_printf(out, "<tr><td>%s</td><td>", m->date)) < 0 ||
		    (error = put_html(out, m->symbol)) < 0)
			break;
		if (j == 0)
			error = resdiff_buf_printf(out, "</td><td>%zu</td><td colspan=\"12\">first member</td></tr>\n",
				m->units);
		else
			error = resdiff_buf_printf(out, "</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td>"
				"<td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu of %zu</td><td>%.0f%%</td>"
				"<td>%zu</td><td>%zu</td><td>%zu</td></tr>\n",
				m->units, m->relations[0], m->relations[1], m->relations[2], m->relations[3],
				m->relations[4], m->relations[5], m->moved, m->carried_units, m->previous_units,
				100.0 * m->carried_text, m->rolling, m->strengthened, m->weakened);
	}
	if (!error)
		error = resdiff_buf_puts(out, "</table>\n</body></html>\n");
	return error;
}
