/* check_account.c: every word and number of the source is accounted for.
 *
 * The parser says where each line went (resdiff_parse_traced). For each
 * unit, the letters and digits of its source lines, less its printed label
 * and the footnote markers taken out, must be the letters and digits of its
 * text, in order: what the parser removed beyond that is a finding ("loss").
 * Footnote bodies are held to the same rule. Spacing and punctuation are
 * not compared (they are what the parser normalises).
 *
 * A second kind ("marker") is a marker taken in a weak form (a number set
 * off by spaces, or at the start of a line) while the same number stands
 * in the same unit in a strong form, glued to a word ("Agreement,3"),
 * taken or not: the parser took the wrong one; and a footnote cited for
 * the first time after a higher one (footnotes are numbered in the order
 * they are first cited).
 *
 * Linear: one pass over the lines groups them by unit, one over each
 * unit's lines and text compares them. */
#include "resdiff/check.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define CONTEXT_BYTES 24   /* bytes of source shown either side of a loss */

/* Letters and digits: what must survive the parse. Superscript digits
 * count (they are markers or numbers), spaces and punctuation do not. */
static bool countable(int32_t cp)
{
	return cp > 0 && (u_isalnum((UChar32)cp) || u_charType((UChar32)cp) == U_OTHER_NUMBER);
}

static size_t countable_len(const char *s)
{
	size_t i = 0, n = 0, adv, len = strlen(s);
	while (i < len) {
		n += countable(resdiff_utf8_decode(s + i, len - i, &adv));
		i += adv;
	}
	return n;
}

/* A walk over the countable code points of some source lines, skipping
 * the first `skip` of the first line (a label) and the digits of the
 * markers that stood in them. */
typedef struct {
	const resdiff_parse_trace *trace;
	const size_t *lines;     /* line indexes (0-based), in order */
	size_t nlines, li;       /* the lines and the one being read */
	size_t at;               /* byte in the current line */
	size_t skip;             /* countable code points still to skip */
	const resdiff_marker_trace *markers; /* this unit's markers, in order */
	size_t nmarkers, mi;
} source_walk;

/* Next countable code point, or -1 at the end; *line and *byte say where. */
static int32_t source_next(source_walk *w, size_t *line, size_t *byte)
{
	while (w->li < w->nlines) {
		size_t ln = w->lines[w->li];
		const char *s = w->trace->lines[ln].text;
		size_t len = strlen(s), adv;
		while (w->at < len) {
			int32_t cp;
			/* a marker that stood here: its digits are not text */
			while (w->mi < w->nmarkers && (w->markers[w->mi].line - 1 < ln ||
			       (w->markers[w->mi].line - 1 == ln && w->markers[w->mi].byte <= w->at))) {
				w->skip += countable_len(w->markers[w->mi].label);
				w->mi++;
			}
			/* what went to the metadata (a chapeau inside the line) */
			if (w->trace->lines[ln].cut_len && w->at == w->trace->lines[ln].cut_at) {
				w->at += w->trace->lines[ln].cut_len;
				continue;
			}
			cp = resdiff_utf8_decode(s + w->at, len - w->at, &adv);
			*line = ln;
			*byte = w->at;
			w->at += adv;
			if (!countable(cp))
				continue;
			if (w->skip) {
				w->skip--;
				continue;
			}
			return cp;
		}
		w->li++;
		w->at = 0;
	}
	return -1;
}

/* "…paragraph 3 of the…": the source around a byte, on one line. */
static void context(char *out, size_t outsz, const char *s, size_t at)
{
	size_t len = strlen(s), from = at > CONTEXT_BYTES ? at - CONTEXT_BYTES : 0;
	size_t to = at + CONTEXT_BYTES < len ? at + CONTEXT_BYTES : len;
	while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
		from--;
	while (to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
		to++;
	snprintf(out, outsz, "%s%.*s%s", from ? "…" : "", (int)(to - from), s + from, to < len ? "…" : "");
}

/* Compare one unit's (or footnote's) source with its text; one finding at
 * the first difference. */
static int compare(resdiff_findings *f, const char *file, const char *const *accept,
		const char *what, const char *text, source_walk *w)
{
	size_t ti = 0, tlen = strlen(text), adv, line = 0, byte = 0;
	char ctx[4 * CONTEXT_BYTES + 16];

	for (;;) {
		int32_t tc = -1, sc;
		while (ti < tlen) {
			tc = resdiff_utf8_decode(text + ti, tlen - ti, &adv);
			ti += adv;
			if (countable(tc))
				break;
			tc = -1;
		}
		sc = source_next(w, &line, &byte);
		if (sc < 0 && tc < 0)
			return 0;
		if (sc == tc)
			continue;
		if (sc < 0)
			return resdiff_check_add(f, file, 0, "loss", accept,
				"%s has text its source lines do not have, at byte %zu", what, ti - adv);
		context(ctx, sizeof(ctx), w->trace->lines[line].text, byte);
		return resdiff_check_add(f, file, line + 1, "loss", accept,
			"%s lost text of its source: \"%s\" at byte %zu of the line", what, ctx, byte);
	}
}

#define LABEL_VALUES 1000   /* footnote labels are 1..999 */

/* Where a number stands glued in the source ("Agreement,3"): right after
 * a letter or a closing mark, not followed by a letter or digit. Returns
 * its value (1..999), or 0. */
static int glued_number(const char *s, size_t len, size_t i)
{
	size_t k, e = i, adv;
	int32_t before, after;
	int v = 0;
	if (i == 0 || s[i] < '1' || s[i] > '9')
		return 0;
	while (e < len && s[e] >= '0' && s[e] <= '9' && e - i < 4)
		v = v * 10 + (s[e++] - '0');
	if (e - i > 3 || (e < len && s[e] >= '0' && s[e] <= '9'))
		return 0;
	after = e < len ? resdiff_utf8_decode(s + e, len - e, &adv) : ' ';
	if (after > 0 && u_isalpha((UChar32)after))
		return 0;
	k = i - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	before = resdiff_utf8_decode(s + k, i - k, &adv);
	if ((before >= '0' && before <= '9') || (before == '.' && resdiff_text_symbol_part_before(s, i)))
		return 0;
	if (before == '.' && k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9') {
		/* "indicator 5.4.1, and": the number goes on, unless a sentence
		 * ends after it (docs/PARSE.md) */
		if (e < len && s[e] != ' ')
			return 0;
		while (e < len && s[e] == ' ')
			e++;
		after = e < len ? resdiff_utf8_decode(s + e, len - e, &adv) : ' ';
		if (after > 0 && u_islower((UChar32)after))
			return 0;
	}
	return before > 0 && (u_isalpha((UChar32)before) || before == ',' || before == '.' ||
	       before == ';' || before == ')' || before == 0x201D || before == 0x2019 ||
	       before == '"') ? v : 0;
}

/* Glued numbers that stay text, found in one pass over a unit's lines:
 * stamp[v] is the unit's stamp where value v occurs, at where[v]. */
typedef struct {
	size_t stamp[LABEL_VALUES];
	size_t line[LABEL_VALUES], byte[LABEL_VALUES];
} glued_table;

/* A marker taken in a weak form (spaced, leading) while the same number
 * stays glued to a word in the unit's text. */
static int audit_markers(resdiff_findings *f, const char *file, const char *const *accept,
		glued_table *g, const resdiff_doc *doc, const resdiff_parse_trace *t, size_t unit,
		const size_t *lines, size_t nlines, const resdiff_marker_trace *m, size_t nm)
{
	size_t i, k, b, mi = 0, stamp = unit + 1;
	char ctx[4 * CONTEXT_BYTES + 16], ctx2[4 * CONTEXT_BYTES + 16];
	bool weak = false;

	for (i = 0; i < nm; i++)
		weak |= !strcmp(m[i].form, "spaced") || !strcmp(m[i].form, "leading");
	if (!weak)
		return 0;
	for (k = 0; k < nlines; k++) {
		const char *s = t->lines[lines[k]].text;
		size_t len = strlen(s);
		for (b = 0; b < len; b++) {
			int v;
			while (mi < nm && (m[mi].line - 1 < lines[k] ||
			       (m[mi].line - 1 == lines[k] && m[mi].byte < b)))
				mi++;
			if (mi < nm && m[mi].line - 1 == lines[k] && m[mi].byte == b)
				continue; /* taken as a marker */
			if ((v = glued_number(s, len, b)) && g->stamp[v] != stamp) {
				g->stamp[v] = stamp;
				g->line[v] = lines[k];
				g->byte[v] = b;
			}
		}
	}
	/* a strong form of the label taken as a marker too */
	for (i = 0; i < nm; i++)
		if (strcmp(m[i].form, "spaced") && strcmp(m[i].form, "leading")) {
			int v = atoi(m[i].label);
			if (v > 0 && v < LABEL_VALUES && g->stamp[v] != stamp) {
				g->stamp[v] = stamp;
				g->line[v] = m[i].line - 1;
				g->byte[v] = m[i].byte;
			}
		}
	for (i = 0; i < nm; i++) {
		int v = atoi(m[i].label);
		if ((strcmp(m[i].form, "spaced") && strcmp(m[i].form, "leading")) ||
		    v <= 0 || v >= LABEL_VALUES || g->stamp[v] != stamp)
			continue;
		context(ctx, sizeof(ctx), t->lines[m[i].line - 1].text, m[i].byte);
		context(ctx2, sizeof(ctx2), t->lines[g->line[v]].text, g->byte[v]);
		return resdiff_check_add(f, file, m[i].line, "marker", accept,
			"%s: footnote marker %s was taken from \"%s\" (%s), but \"%s\" (line %zu) "
			"has a %s glued to a word", doc->units[unit].id, m[i].label, ctx, m[i].form,
			ctx2, g->line[v] + 1, m[i].label);
	}
	return 0;
}

/* Footnotes are numbered in the order they are first cited: a first
 * citation out of that order is a number taken for a marker, or a marker
 * left in the text. */
static int audit_order(resdiff_findings *f, const char *file, const char *const *accept,
		const resdiff_doc *doc)
{
	bool *seen = calloc(LABEL_VALUES, sizeof(*seen));
	size_t i, k;
	int last = 0, error = 0;

	if (!seen)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < doc->unit_count && !error; i++)
		for (k = 0; k < doc->units[i].fnref_count && !error; k++) {
			const char *label = doc->units[i].fnrefs[k].label;
			int v = atoi(label);
			if (v <= 0 || v >= LABEL_VALUES || seen[v])
				continue;
			seen[v] = true;
			if (v < last)
				error = resdiff_check_add(f, file, doc->units[i].line, "marker", accept,
					"%s cites footnote %d for the first time after footnote %d",
					doc->units[i].id, v, last);
			last = v > last ? v : last;
		}
	free(seen);
	return error;
}

/* Group line indexes by owner (unit or footnote): a counting sort. */
static int group(size_t **start_out, size_t **lines_out, const resdiff_parse_trace *t,
		resdiff_line_role role, size_t owners)
{
	size_t *start = calloc(owners + 2, sizeof(*start)), *lines = NULL, i, *fill = NULL;
	int error = 0;

	if (!start || !(lines = malloc((t->line_count + 1) * sizeof(*lines))) ||
	    !(fill = malloc((owners + 1) * sizeof(*fill)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < t->line_count; i++)
		if (t->lines[i].role == role && t->lines[i].index < owners)
			start[t->lines[i].index + 1]++;
	for (i = 0; i < owners; i++)
		start[i + 1] += start[i];
	memcpy(fill, start, (owners + 1) * sizeof(*fill));
	for (i = 0; i < t->line_count; i++)
		if (t->lines[i].role == role && t->lines[i].index < owners)
			lines[fill[t->lines[i].index]++] = i;
	*start_out = start;
	*lines_out = lines;
	start = lines = NULL;
done:
	free(start);
	free(lines);
	free(fill);
	return error;
}

/* Page furniture, footnotes and separators lie between two halves of a
 * paragraph that runs across a page break; the nearest line on each side
 * that is none of these. */
static bool furniture(resdiff_line_role r)
{
	return r == RESDIFF_LINE_BLANK || r == RESDIFF_LINE_DEBRIS || r == RESDIFF_LINE_FOOTNOTE ||
	       r == RESDIFF_LINE_SEPARATOR || r == RESDIFF_LINE_MARKER;
}

static bool running_guess(const resdiff_line_trace *l)
{
	return l->role == RESDIFF_LINE_DEBRIS && l->reason && !strncmp(l->reason, "running title (", 15);
}

/* Words silently taken out of the body as page furniture: a line of text
 * taken as a running title that does not recur (a guess: "a piece of the
 * title", "between page debris"), opening with a small letter (a running
 * title opens with a capital; its second line, right under its first, is
 * left alone), while the unit on both sides of it is the same one: the
 * sentence ran on through the line and lost its words. A recurring
 * running title is left alone (it is furniture on every page).
 * Linear: each line is looked at from at most two such lines' sides, and
 * the search stops at the first line that is not furniture. */
static int audit_dropped_lines(resdiff_findings *f, const char *file, const char *const *accept,
		const resdiff_doc *doc, const resdiff_parse_trace *t)
{
	size_t i, a, b;
	int error;
	for (i = 0; i < t->line_count; i++) {
		const resdiff_line_trace *l = &t->lines[i];
		size_t adv, up;
		if (!running_guess(l) || !countable_len(l->text) ||
		    !u_islower((UChar32)resdiff_utf8_decode(l->text, strlen(l->text), &adv)))
			continue;
		for (up = i; up > 0 && t->lines[up - 1].role == RESDIFF_LINE_BLANK; up--)
			;
		if (up > 0 && t->lines[up - 1].role == RESDIFF_LINE_DEBRIS && t->lines[up - 1].reason &&
		    !strncmp(t->lines[up - 1].reason, "running title", 13))
			continue; /* the second line of a running title wrapped over two */
		for (a = i; a > 0 && furniture(t->lines[a - 1].role); a--)
			;
		for (b = i + 1; b < t->line_count && furniture(t->lines[b].role); b++)
			;
		if (a == 0 || b == t->line_count || t->lines[a - 1].role != RESDIFF_LINE_UNIT ||
		    t->lines[b].role != RESDIFF_LINE_UNIT || t->lines[a - 1].index != t->lines[b].index ||
		    t->lines[b].index >= doc->unit_count)
			continue;
		error = resdiff_check_add(f, file, i + 1, "loss", accept,
			"%zu letters and digits taken out of %s as a %s (\"%.60s\"): the paragraph runs "
			"on through the line", countable_len(l->text), doc->units[t->lines[b].index].id,
			l->reason, l->text);
		if (error < 0)
			return error;
	}
	return 0;
}

int resdiff_check_account(resdiff_findings *f, const resdiff_doc *doc,
		const resdiff_parse_trace *t, const char *file, const char *const *accept)
{
	size_t *ustart = NULL, *ulines = NULL, *fstart = NULL, *flines = NULL, i, mi = 0;
	glued_table *g = NULL;
	char what[160];
	int error;

	if (!(g = calloc(1, sizeof(*g))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");

	for (i = 0; i < t->line_count; i++)
		if (t->lines[i].role == RESDIFF_LINE_UNPLACED &&
		    (error = resdiff_check_add(f, file, i + 1, "loss", accept,
				"the line went into no unit and no footnote: \"%.60s\"", t->lines[i].text)) < 0)
			goto done;
	if ((error = audit_order(f, file, accept, doc)) < 0 ||
	    (error = audit_dropped_lines(f, file, accept, doc, t)) < 0 ||
	    (error = group(&ustart, &ulines, t, RESDIFF_LINE_UNIT, doc->unit_count)) < 0 ||
	    (error = group(&fstart, &flines, t, RESDIFF_LINE_FOOTNOTE, doc->footnote_count)) < 0)
		goto done;
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		source_walk w;
		size_t first = mi;
		memset(&w, 0, sizeof(w));
		while (mi < t->marker_count && t->markers[mi].unit == i)
			mi++;
		w.trace = t;
		w.lines = ulines + ustart[i];
		w.nlines = ustart[i + 1] - ustart[i];
		w.markers = t->markers ? t->markers + first : NULL;  /* none at all: NULL */
		w.nmarkers = mi - first;
		w.skip = countable_len(u->label);
		snprintf(what, sizeof(what), "%s", u->id);
		if ((error = compare(f, file, accept, what, u->text, &w)) < 0 ||
		    (error = audit_markers(f, file, accept, g, doc, t, i, w.lines, w.nlines,
				w.markers, w.nmarkers)) < 0)
			goto done;
	}
	for (i = 0; i < doc->footnote_count; i++) {
		source_walk w;
		memset(&w, 0, sizeof(w));
		w.trace = t;
		w.lines = flines + fstart[i];
		w.nlines = fstart[i + 1] - fstart[i];
		w.skip = countable_len(doc->footnotes[i].label);
		snprintf(what, sizeof(what), "footnote %s", doc->footnotes[i].label);
		if ((error = compare(f, file, accept, what, doc->footnotes[i].text, &w)) < 0)
			goto done;
	}
done:
	free(g);
	free(ustart);
	free(ulines);
	free(fstart);
	free(flines);
	return error;
}
