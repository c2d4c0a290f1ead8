/* render_diff_text.c: the git-like text diff and the --stat line. */
#include "resdiff/diff.h"
#include "resdiff/text.h"

#include <string.h>

#define COLOR_META "\033[1m"
#define COLOR_FRAG "\033[36m"
#define COLOR_OLD "\033[31m"
#define COLOR_NEW "\033[32m"
#define COLOR_RESET "\033[m"

typedef struct {
	resdiff_buf *out;
	bool color;
} writer;

static int put(writer *w, const char *s)
{
	return resdiff_buf_puts(w->out, s);
}

static int put_color(writer *w, const char *color)
{
	return w->color ? resdiff_buf_puts(w->out, color) : 0;
}

/* Text from a document: never raw to a terminal. */
static int put_text(writer *w, const char *s, size_t len)
{
	return resdiff_text_sanitize(w->out, s, len, true);
}

static int put_ids(writer *w, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = put(w, ", ");
		if (!error)
			error = put_text(w, doc->units[units[i]].id, strlen(doc->units[units[i]].id));
	}
	return error;
}

static int put_side(writer *w, const char *marker, const resdiff_doc *doc, const char *source)
{
	int error;
	if ((error = put_color(w, COLOR_META)) < 0 || (error = put(w, marker)) < 0)
		return error;
	if (source && (error = put_text(w, source, strlen(source))) < 0)
		return error;
	if (doc->meta.symbol || doc->meta.date) {
		if ((error = put(w, source ? " (" : "(")) < 0)
			return error;
		if (doc->meta.symbol && (error = put_text(w, doc->meta.symbol, strlen(doc->meta.symbol))) < 0)
			return error;
		if (doc->meta.symbol && doc->meta.date && (error = put(w, ", ")) < 0)
			return error;
		if (doc->meta.date && (error = put_text(w, doc->meta.date, strlen(doc->meta.date))) < 0)
			return error;
		if ((error = put(w, ")")) < 0)
			return error;
	}
	if ((error = put_color(w, COLOR_RESET)) < 0)
		return error;
	return put(w, "\n");
}

static int put_header(writer *w, const resdiff_diff *diff, const resdiff_change *c)
{
	const resdiff_alignment *al = diff->alignment;
	int error;

	if ((error = put_color(w, COLOR_FRAG)) < 0 || (error = put(w, "@@ ")) < 0)
		return error;
	if (c->relation == RESDIFF_REL_ADDED) {
		if ((error = put(w, "+ ")) < 0 ||
		    (error = put_ids(w, al->new_doc, c->new_units, c->new_count)) < 0)
			return error;
	} else if (c->relation == RESDIFF_REL_DROPPED) {
		if ((error = put(w, "- ")) < 0 ||
		    (error = put_ids(w, al->old_doc, c->old_units, c->old_count)) < 0)
			return error;
	} else {
		if ((error = put_ids(w, al->old_doc, c->old_units, c->old_count)) < 0 ||
		    (error = put(w, " \xe2\x86\x92 ")) < 0 ||
		    (error = put_ids(w, al->new_doc, c->new_units, c->new_count)) < 0)
			return error;
	}
	if ((error = resdiff_buf_printf(w->out, " %s", resdiff_relation_name(c->relation))) < 0 ||
	    (resdiff_change_low_confidence(c) && (error = put(w, " (low confidence)")) < 0))
		return error;
	if (c->similarity >= 0 && c->relation != RESDIFF_REL_UNCHANGED &&
	    (error = resdiff_buf_printf(w->out, " %.2f", c->similarity)) < 0)
		return error;
	if ((c->moved && (error = put(w, " moved")) < 0) ||
	    (c->renumbered && (error = put(w, " renumbered")) < 0) ||
	    (c->editorial && (error = put(w, " editorial")) < 0) ||
	    (c->footnotes && (error = put(w, " footnotes")) < 0) ||
	    (c->pinned && (error = put(w, " pinned")) < 0))
		return error;
	if ((error = put(w, " @@")) < 0 || (error = put_color(w, COLOR_RESET)) < 0)
		return error;
	return put(w, "\n");
}

/* Whole clauses, one line each, prefixed like a unified diff. */
static int put_clauses(writer *w, const resdiff_doc *doc, const size_t *units, size_t n,
		const char *prefix, const char *color)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		const char *text = doc->units[units[i]].text;
		if ((error = put_color(w, color)) < 0 || (error = put(w, prefix)) < 0 ||
		    (error = put_text(w, text, strlen(text))) < 0 ||
		    (error = put_color(w, COLOR_RESET)) < 0)
			break;
		error = put(w, "\n");
	}
	return error;
}

static int put_edits(writer *w, const resdiff_edit *edits, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		const resdiff_edit *e = &edits[i];
		const char *open = "", *close = "", *color = NULL;
		if (e->op == RESDIFF_EDIT_DELETE) {
			open = "[-", close = "-]", color = COLOR_OLD;
		} else if (e->op == RESDIFF_EDIT_INSERT) {
			open = "{+", close = "+}", color = COLOR_NEW;
		}
		if (color && w->color) {
			if ((error = put(w, color)) < 0 || (error = put_text(w, e->text, e->len)) < 0)
				break;
			error = put(w, COLOR_RESET);
		} else {
			if ((error = put(w, open)) < 0 || (error = put_text(w, e->text, e->len)) < 0)
				break;
			error = put(w, close);
		}
	}
	return error ? error : put(w, "\n");
}

/* The footnotes of a change whose footnotes changed: " footnote 9 → 10:
 * edits", " footnote 3 (new): text", " footnote 4 (gone): text". */
static int put_notes(writer *w, const resdiff_diff *diff, size_t change)
{
	size_t k, n = diff->notes ? diff->note_count[change] : 0;
	int error = 0;
	for (k = 0; k < n && !error; k++) {
		const resdiff_footnote_edit *fe = &diff->notes[change][k];
		const resdiff_footnote *f = fe->old_note ? fe->old_note : fe->new_note;
		if ((error = put_color(w, COLOR_FRAG)) < 0 || (error = put(w, " footnote ")) < 0 ||
		    (error = put_text(w, f->label, strlen(f->label))) < 0)
			break;
		if (fe->old_note && fe->new_note) {
			if ((error = put(w, " \xe2\x86\x92 ")) < 0 ||
			    (error = put_text(w, fe->new_note->label, strlen(fe->new_note->label))) < 0 ||
			    (error = put(w, ":")) < 0 || (error = put_color(w, COLOR_RESET)) < 0 ||
			    (error = put(w, " ")) < 0)
				break;
			error = put_edits(w, fe->edits, fe->edit_count);
		} else {
			resdiff_edit whole;
			whole.op = fe->old_note ? RESDIFF_EDIT_DELETE : RESDIFF_EDIT_INSERT;
			whole.text = f->text;
			whole.len = strlen(f->text);
			if ((error = put(w, fe->old_note ? " (gone):" : " (new):")) < 0 ||
			    (error = put_color(w, COLOR_RESET)) < 0 || (error = put(w, " ")) < 0)
				break;
			error = put_edits(w, &whole, 1);
		}
	}
	return error;
}

int resdiff_render_diff_text(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	static const resdiff_diff_render_options defaults = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	const resdiff_alignment *al = diff->alignment;
	writer w;
	size_t i;
	int error;

	if (!opts)
		opts = &defaults;
	w.out = out;
	w.color = opts->color;
	if ((error = put_side(&w, "--- ", al->old_doc, opts->old_source)) < 0 ||
	    (error = put_side(&w, "+++ ", al->new_doc, opts->new_source)) < 0)
		return error;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		if (c->relation == RESDIFF_REL_UNCHANGED && !c->moved && !c->footnotes)
			continue;
		if ((error = put_header(&w, diff, c)) < 0)
			return error;
		switch (c->relation) {
		case RESDIFF_REL_ADDED:
			error = put_clauses(&w, al->new_doc, c->new_units, c->new_count, "+", COLOR_NEW);
			break;
		case RESDIFF_REL_DROPPED:
			error = put_clauses(&w, al->old_doc, c->old_units, c->old_count, "-", COLOR_OLD);
			break;
		case RESDIFF_REL_UNCHANGED:
			break;
		default:
			error = put_edits(&w, diff->edits[i], diff->edit_count[i]);
		}
		if (error < 0 || (error = put_notes(&w, diff, i)) < 0)
			return error;
	}
	return 0;
}

int resdiff_render_diff_stat(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t stats[RESDIFF_REL_COUNT] = { 0 }, moved = 0, renumbered = 0, i;
	int error;

	for (i = 0; i < al->change_count; i++) {
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		stats[al->changes[i].relation]++;
		moved += al->changes[i].moved;
		renumbered += al->changes[i].renumbered;
	}
	if ((error = resdiff_buf_printf(out, " %zu \xe2\x86\x92 %zu clauses:",
			al->old_doc->unit_count, al->new_doc->unit_count)) < 0)
		return error;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if ((error = resdiff_buf_printf(out, "%s %zu %s", i ? "," : "", stats[i],
				resdiff_relation_name((resdiff_relation)i))) < 0)
			return error;
	return resdiff_buf_printf(out, "; %zu moved, %zu renumbered\n", moved, renumbered);
}
