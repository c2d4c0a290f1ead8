/* render_diff_text.c: the git-like text diff, the --stat line and the
 * --signals summary. */
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

/* One verb; an Arabic one closed by a left-to-right mark, or the arrow
 * after it would take its direction and show the change backwards. */
static int put_verb_text(writer *w, const char *verb)
{
	size_t len = strlen(verb);
	int error = put_text(w, verb, len);
	if (!error && resdiff_text_has_rtl(verb, len))
		error = put(w, RESDIFF_TEXT_LRM);
	return error;
}

/* "encourages → urges +3": the verbs as the ladders read them. */
static int put_verb_pair(writer *w, const resdiff_verb_change *v)
{
	int error, shift;
	if ((error = put_verb_text(w, v->old_verb)) < 0 ||
	    (error = put(w, " \xe2\x86\x92 ")) < 0 ||
	    (error = put_verb_text(w, v->new_verb)) < 0)
		return error;
	return resdiff_verb_shift(v, &shift) ? resdiff_buf_printf(w->out, " %+d", shift) : 0;
}

/* " verb ↑ encourages → urges +3" */
static int put_verb(writer *w, const resdiff_verb_change *v)
{
	int error;
	if ((error = resdiff_buf_printf(w->out, " verb %s ", resdiff_verb_mark(v))) < 0)
		return error;
	return put_verb_pair(w, v);
}

static int put_header(writer *w, const resdiff_diff *diff, size_t change)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_change *c = &al->changes[change];
	const resdiff_change_signals *sg = &diff->signals[change];
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
	    (c->pinned && (error = put(w, " pinned")) < 0) ||
	    (sg->rolling && (error = put(w, " rolling")) < 0) ||
	    (!sg->rolling && sg->rolling_runs && (error = put(w, " partly rolling")) < 0))
		return error;
	if (sg->verb_changed && (error = put_verb(w, &sg->verb)) < 0)
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
			whole.rolling = false;
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
	if (opts->ignore_rolling) {
		resdiff_diff_counts counts;
		resdiff_diff_count(&counts, diff, opts);
		if (counts.rolling_hidden &&
		    (error = resdiff_buf_printf(out, "(%zu clause%s changed only by the rolling update "
				"hidden: --ignore-rolling)\n", counts.rolling_hidden,
				counts.rolling_hidden == 1 ? "" : "s")) < 0)
			return error;
	}
	/* unchanged clauses are not shown: those only renumbered are named */
	{
		size_t at = out->size;
		if ((error = resdiff_diff_renumbered_say(out, diff, opts)) < 0 ||
		    (out->size > at && (error = resdiff_buf_putc(out, '\n')) < 0))
			return error;
	}
	/* two headers and nothing under them read as a failure: say it */
	if (resdiff_diff_identical(diff, NULL)) {
		if ((error = resdiff_diff_identical_say(out, diff)) < 0 ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	} else if (opts->only_operative && !resdiff_diff_has_changes(diff, opts) &&
		   (error = resdiff_buf_puts(out, "(no operative clause changed; the changes to "
			   "other clauses are not shown: --only=operative)\n")) < 0) {
		return error;
	}
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		if (c->relation == RESDIFF_REL_UNCHANGED && !c->moved && !c->footnotes)
			continue;
		if ((error = put_header(&w, diff, i)) < 0)
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
	resdiff_diff_counts counts;
	size_t i;
	int error;

	resdiff_diff_count(&counts, diff, opts);
	if ((error = resdiff_buf_printf(out, " %zu \xe2\x86\x92 %zu %sclauses:",
			counts.old_clauses, counts.new_clauses,
			opts && opts->only_operative ? "operative " : "")) < 0)
		return error;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if ((error = resdiff_buf_printf(out, "%s %zu %s", i ? "," : "", counts.relations[i],
				resdiff_relation_name((resdiff_relation)i))) < 0)
			return error;
	if ((error = resdiff_buf_printf(out, "; %zu moved, %zu renumbered; %zu rolling, "
			"%zu strengthened, %zu weakened", counts.moved, counts.renumbered, counts.rolling,
			counts.strengthened, counts.weakened)) < 0)
		return error;
	if (counts.rolling_hidden &&
	    (error = resdiff_buf_printf(out, " (%zu rolling hidden)", counts.rolling_hidden)) < 0)
		return error;
	return resdiff_buf_putc(out, '\n');
}

/* ---- --signals: what a negotiator reads first ------------------------------ */

/* The ids of a change, "OP44 → OP45" (one side when they are the same). */
static int put_change_ids(writer *w, const resdiff_diff *diff, const resdiff_change *c)
{
	const resdiff_alignment *al = diff->alignment;
	int error;
	bool same = c->old_count == 1 && c->new_count == 1 &&
		!strcmp(al->old_doc->units[c->old_units[0]].id, al->new_doc->units[c->new_units[0]].id);
	if (same || !c->old_count)
		return put_ids(w, al->new_doc, c->new_units, c->new_count);
	if ((error = put_ids(w, al->old_doc, c->old_units, c->old_count)) < 0 || !c->new_count)
		return error;
	if ((error = put(w, " \xe2\x86\x92 ")) < 0)
		return error;
	return put_ids(w, al->new_doc, c->new_units, c->new_count);
}

/* The verb changes whose mark is `mark`, one line each. */
static int put_verb_lines(writer *w, const resdiff_diff *diff, const resdiff_diff_render_options *opts,
		const char *mark)
{
	size_t i;
	int error = 0;
	for (i = 0; i < diff->alignment->change_count && !error; i++) {
		const resdiff_change_signals *sg = &diff->signals[i];
		if (!sg->verb_changed || !resdiff_diff_change_shown(diff, i, opts) ||
		    strcmp(resdiff_verb_mark(&sg->verb), mark))
			continue;
		if ((error = resdiff_buf_printf(w->out, "  %s ", mark)) < 0 ||
		    (error = put_change_ids(w, diff, &diff->alignment->changes[i])) < 0 ||
		    (error = put(w, ": ")) < 0 || (error = put_verb_pair(w, &sg->verb)) < 0 ||
		    (resdiff_change_low_confidence(&diff->alignment->changes[i]) &&
		     (error = put(w, " (low confidence match)")) < 0))
			break;
		error = put(w, "\n");
	}
	return error;
}

/* The changes whose rolling state is `full` (only rolling) or partly, as
 * one line: "rolling update only: 3 (PP15, OP15, OP45 → OP46)". */
static int put_rolling_line(writer *w, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts, bool full, const char *label)
{
	resdiff_diff_render_options all = *opts;
	size_t i, n = 0;
	int error;

	all.ignore_rolling = false;  /* named even when hidden from the diff */
	for (i = 0; i < diff->alignment->change_count; i++)
		n += resdiff_diff_change_shown(diff, i, &all) && diff->signals[i].rolling_runs &&
			diff->signals[i].rolling == full;
	if ((error = resdiff_buf_printf(w->out, "%s: %zu", label, n)) < 0 || !n)
		return error ? error : put(w, "\n");
	if ((error = put(w, " (")) < 0)
		return error;
	for (i = 0, n = 0; i < diff->alignment->change_count; i++) {
		if (!resdiff_diff_change_shown(diff, i, &all) || !diff->signals[i].rolling_runs ||
		    diff->signals[i].rolling != full)
			continue;
		if ((n++ && (error = put(w, ", ")) < 0) ||
		    (error = put_change_ids(w, diff, &diff->alignment->changes[i])) < 0)
			return error;
	}
	return put(w, full && opts->ignore_rolling ? "; hidden by --ignore-rolling)\n" : ")\n");
}

int resdiff_render_diff_signals(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	static const resdiff_diff_render_options defaults = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	const resdiff_alignment *al = diff->alignment;
	writer w;
	size_t i, same = 0, unranked = 0, other[RESDIFF_REL_COUNT] = { 0 }, moved = 0;
	resdiff_diff_counts counts;
	int error;

	if (!opts)
		opts = &defaults;
	w.out = out;
	w.color = false;
	resdiff_diff_count(&counts, diff, opts);
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		const resdiff_change_signals *sg = &diff->signals[i];
		int shift;
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		if (sg->verb_changed && !resdiff_verb_shift(&sg->verb, &shift))
			unranked++;
		else if (sg->verb_changed && !shift)
			same++;
		if (sg->rolling || (c->relation == RESDIFF_REL_UNCHANGED && !c->footnotes))
			continue;  /* the substance is what is left */
		other[c->relation]++;
		moved += c->moved;
	}
	if ((error = put_side(&w, "--- ", al->old_doc, opts->old_source)) < 0 ||
	    (error = put_side(&w, "+++ ", al->new_doc, opts->new_source)) < 0 ||
	    (error = resdiff_buf_printf(out, "verbs: %zu strengthened, %zu weakened, %zu same rank, "
			"%zu unranked\n", counts.strengthened, counts.weakened, same, unranked)) < 0 ||
	    (error = put_verb_lines(&w, diff, opts, "\xe2\x86\x91")) < 0 ||
	    (error = put_verb_lines(&w, diff, opts, "\xe2\x86\x93")) < 0 ||
	    (error = put_verb_lines(&w, diff, opts, "=")) < 0 ||
	    (error = put_verb_lines(&w, diff, opts, "?")) < 0 ||
	    (error = put_rolling_line(&w, diff, opts, true, "rolling update only")) < 0 ||
	    (error = put_rolling_line(&w, diff, opts, false, "partly rolling")) < 0)
		return error;
	return resdiff_buf_printf(out, "substance: %zu reworded, %zu split, %zu merged, %zu added, "
		"%zu dropped, %zu unchanged with footnotes changed; %zu moved\n",
		other[RESDIFF_REL_REWORDED], other[RESDIFF_REL_SPLIT], other[RESDIFF_REL_MERGED],
		other[RESDIFF_REL_ADDED], other[RESDIFF_REL_DROPPED], other[RESDIFF_REL_UNCHANGED], moved);
}
