/* diff.c: alignment + word edits = the edit script of two documents. */
#include "resdiff/diff.h"
#include "diff_notes.h"
#include "diff_signals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <git2.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int join_texts(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = resdiff_buf_putc(out, '\n');
		if (!error)
			error = resdiff_buf_puts(out, doc->units[units[i]].text);
	}
	return error ? error : resdiff_buf_put(out, "", 0);
}

int resdiff_diff_docs(resdiff_diff **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts)
{
	resdiff_diff *diff = NULL;
	resdiff_buf bo = RESDIFF_BUF_INIT, bn = RESDIFF_BUF_INIT;
	size_t i, n;
	bool git_up = false;
	double t0;
	int error;

	*out = NULL;
	if (!(diff = calloc(1, sizeof(*diff))) || !(diff->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	t0 = now();
	if ((error = resdiff_align(&diff->alignment, old_doc, new_doc, opts)) < 0)
		goto done;
	diff->align_seconds = now() - t0;
	t0 = now();
	n = diff->alignment->change_count;
	if (!(diff->edits = resdiff_arena_alloc(diff->arena, (n ? n : 1) * sizeof(*diff->edits))) ||
	    !(diff->edit_count = resdiff_arena_alloc(diff->arena, (n ? n : 1) * sizeof(size_t)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		const resdiff_change *c = &diff->alignment->changes[i];
		diff->edits[i] = NULL;
		diff->edit_count[i] = 0;
		if (c->relation != RESDIFF_REL_REWORDED && c->relation != RESDIFF_REL_SPLIT &&
		    c->relation != RESDIFF_REL_MERGED)
			continue;
		if (!git_up) {  /* one libgit2 init for every clause */
			double t1 = now();
			int r = git_libgit2_init();
			diff->init_seconds = now() - t1;
			if (r < 0) {
				error = resdiff_error_set(RESDIFF_ERROR, "libgit2: init failed");
				goto done;
			}
			git_up = true;
		}
		resdiff_buf_clear(&bo);
		resdiff_buf_clear(&bn);
		if ((error = join_texts(&bo, old_doc, c->old_units, c->old_count)) < 0 ||
		    (error = join_texts(&bn, new_doc, c->new_units, c->new_count)) < 0 ||
		    (error = resdiff_worddiff(&diff->edits[i], &diff->edit_count[i], diff->arena,
				bo.ptr, bo.size, bn.ptr, bn.size)) < 0)
			goto done;
	}
	if ((error = diff_footnote_edits(diff)) < 0)
		goto done;
	if (!(diff->signals = resdiff_arena_alloc(diff->arena, (n ? n : 1) * sizeof(*diff->signals)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	memset(diff->signals, 0, (n ? n : 1) * sizeof(*diff->signals));
	if ((error = diff_verbs(diff)) < 0 || (error = diff_rolling(diff)) < 0)
		goto done;
	diff->edits_seconds = now() - t0 - diff->init_seconds;
	*out = diff;
	diff = NULL;
done:
	if (git_up)
		git_libgit2_shutdown();
	resdiff_buf_dispose(&bo);
	resdiff_buf_dispose(&bn);
	resdiff_diff_free(diff);
	return error;
}

void resdiff_diff_free(resdiff_diff *diff)
{
	if (!diff)
		return;
	resdiff_alignment_free(diff->alignment);
	resdiff_arena_free(diff->arena);
	free(diff);
}

bool resdiff_diff_has_changes(const resdiff_diff *diff, const resdiff_diff_render_options *opts)
{
	size_t i;
	for (i = 0; i < diff->alignment->change_count; i++) {
		const resdiff_change *c = &diff->alignment->changes[i];
		if ((c->relation != RESDIFF_REL_UNCHANGED || c->moved || c->renumbered || c->footnotes) &&
		    resdiff_diff_change_shown(diff, i, opts))
			return true;
	}
	return false;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool resdiff_diff_identical(const resdiff_diff *diff, bool *exact)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_doc *o = al->old_doc, *n = al->new_doc;
	size_t i;
	bool same = true;

	if (exact)
		*exact = false;
	if (resdiff_diff_has_changes(diff, NULL) || o->unit_count != n->unit_count)
		return false;
	for (i = 0; i < al->change_count && same; i++) {
		const resdiff_change *c = &al->changes[i];
		const resdiff_unit *uo = &o->units[c->old_units[0]], *un = &n->units[c->new_units[0]];
		same = same_text(uo->text, un->text) && same_text(uo->id, un->id) &&
			same_text(uo->label, un->label);
	}
	same = same && o->footnote_count == n->footnote_count;
	for (i = 0; i < o->footnote_count && same; i++)
		same = same_text(o->footnotes[i].label, n->footnotes[i].label) &&
			same_text(o->footnotes[i].text, n->footnotes[i].text);
	if (exact)
		*exact = same;
	return true;
}

int resdiff_diff_identical_say(resdiff_buf *out, const resdiff_diff *diff)
{
	const resdiff_doc *doc = diff->alignment->new_doc;
	bool exact;
	char notes[64] = "";

	if (!resdiff_diff_identical(diff, &exact))
		return 0;
	if (doc->footnote_count)
		snprintf(notes, sizeof(notes), ", %zu footnote%s", doc->footnote_count,
			doc->footnote_count == 1 ? "" : "s");
	return exact
		? resdiff_buf_printf(out, "The texts are identical: %zu clause%s%s, none changed.",
			doc->unit_count, doc->unit_count == 1 ? "" : "s", notes)
		: resdiff_buf_printf(out, "The texts are identical clause for clause: %zu clause%s%s, "
			"none changed; some characters differ only in width or as quote or dash variants, "
			"which the comparison treats as one (docs/DIFF.md, Comparison keys).",
			doc->unit_count, doc->unit_count == 1 ? "" : "s", notes);
}

/* Renumbered and nothing else: what resdiff_diff_renumbered_say lists. */
static bool renumbered_only(const resdiff_diff *diff, size_t i,
		const resdiff_diff_render_options *opts)
{
	const resdiff_change *c = &diff->alignment->changes[i];
	return c->relation == RESDIFF_REL_UNCHANGED && c->renumbered && !c->moved &&
	       !c->footnotes && c->old_count == 1 && c->new_count == 1 &&
	       resdiff_diff_change_shown(diff, i, opts);
}

int resdiff_diff_renumbered_say(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t i, n = 0;
	int error = 0;

	for (i = 0; i < al->change_count && error >= 0; i++) {
		const resdiff_change *c = &al->changes[i], *last = c;
		size_t j = i;
		if (!renumbered_only(diff, i, opts))
			continue;
		/* a run: the next one's old and new units follow this one's */
		while (j + 1 < al->change_count && renumbered_only(diff, j + 1, opts) &&
		       al->changes[j + 1].old_units[0] == last->old_units[0] + 1 &&
		       al->changes[j + 1].new_units[0] == last->new_units[0] + 1)
			last = &al->changes[++j];
		error = resdiff_buf_printf(out, "%s%s", n++ ? ", " : "Renumbered, text unchanged: ",
			al->old_doc->units[c->old_units[0]].id);
		if (error >= 0 && last != c)
			error = resdiff_buf_printf(out, "\xe2\x80\x93%s", al->old_doc->units[last->old_units[0]].id);
		if (error >= 0)
			error = resdiff_buf_printf(out, " \xe2\x86\x92 %s", al->new_doc->units[c->new_units[0]].id);
		if (error >= 0 && last != c)
			error = resdiff_buf_printf(out, "\xe2\x80\x93%s", al->new_doc->units[last->new_units[0]].id);
		i = j;
	}
	if (error >= 0 && n)
		error = resdiff_buf_putc(out, '.');
	return error < 0 ? error : 0;
}

/* A change that is only a rolling update, in place: --ignore-rolling
 * hides it. */
static bool rolling_only(const resdiff_diff *diff, size_t change)
{
	return diff->signals[change].rolling && !diff->alignment->changes[change].moved;
}

bool resdiff_diff_change_shown(const resdiff_diff *diff, size_t change,
		const resdiff_diff_render_options *opts)
{
	const resdiff_change *c = &diff->alignment->changes[change];
	size_t k;

	if (opts && opts->ignore_rolling && rolling_only(diff, change))
		return false;
	if (!opts || !opts->only_operative)
		return true;
	for (k = 0; k < c->old_count; k++)
		if (resdiff_unit_is_operative(&diff->alignment->old_doc->units[c->old_units[k]]))
			return true;
	for (k = 0; k < c->new_count; k++)
		if (resdiff_unit_is_operative(&diff->alignment->new_doc->units[c->new_units[k]]))
			return true;
	return false;
}

void resdiff_diff_count(resdiff_diff_counts *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		const resdiff_change_signals *sg = &diff->signals[i];
		int shift;
		if (!opts || !opts->only_operative || resdiff_diff_change_shown(diff, i,
				&(resdiff_diff_render_options){ .only_operative = true })) {
			out->old_clauses += c->old_count;
			out->new_clauses += c->new_count;
		}
		if (!resdiff_diff_change_shown(diff, i, opts)) {
			if (opts && opts->ignore_rolling && rolling_only(diff, i)) {
				resdiff_diff_render_options all = *opts;
				all.ignore_rolling = false;
				out->rolling_hidden += resdiff_diff_change_shown(diff, i, &all);
			}
			continue;
		}
		out->relations[c->relation]++;
		out->moved += c->moved;
		out->renumbered += c->renumbered;
		out->rolling += sg->rolling;
		if (sg->verb_changed && resdiff_verb_shift(&sg->verb, &shift)) {
			out->strengthened += shift > 0;
			out->weakened += shift < 0;
		}
	}
}
