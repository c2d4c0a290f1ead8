/* diff_notes.c: the footnotes of a change, old beside new.
 *
 * A change whose footnotes changed (resdiff_change.footnotes) showed only
 * that flag. Here its old clauses' footnotes and its new clauses' footnotes
 * are listed in the order they are cited (a footnote cited twice counted
 * once); those whose bodies are equal on both sides are left out (a
 * renumbered footnote is no change), the rest are paired in order, and a
 * pair gets the word edits of its bodies. */
#include "diff_notes.h"

#include <stdlib.h>
#include <string.h>
#include <git2.h>

/* The footnotes a change's clauses cite on one side, each once, in order. */
static int cited(const resdiff_footnote ***out, size_t *n, const resdiff_doc *doc,
		const size_t *units, size_t count)
{
	const resdiff_footnote **list = NULL;
	size_t total = 0, i, k, m;

	*out = NULL;
	*n = 0;
	for (i = 0; i < count; i++)
		total += doc->units[units[i]].fnref_count;
	if (!total)
		return 0;
	if (!(list = malloc(total * sizeof(*list))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < count; i++) {
		const resdiff_unit *u = &doc->units[units[i]];
		for (k = 0; k < u->fnref_count; k++) {
			const resdiff_footnote *f = resdiff_doc_footnote(doc, u->fnrefs[k].label);
			bool seen = false;
			for (m = 0; m < *n && !seen; m++)
				seen = list[m] == f;
			if (f && !seen)
				list[(*n)++] = f;
		}
	}
	*out = list;
	return 0;
}

static int change_notes(resdiff_diff *diff, size_t ci, bool *git_up)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_change *c = &al->changes[ci];
	const resdiff_footnote **olds = NULL, **news = NULL;
	size_t no = 0, nn = 0, i, k, io = 0, in = 0, n = 0;
	resdiff_footnote_edit *notes;
	int error;

	if ((error = cited(&olds, &no, al->old_doc, c->old_units, c->old_count)) < 0 ||
	    (error = cited(&news, &nn, al->new_doc, c->new_units, c->new_count)) < 0)
		goto done;
	/* the same body on both sides is no change: drop both */
	for (i = 0; i < no; i++)
		for (k = 0; k < nn; k++)
			if (olds[i] && news[k] && !strcmp(olds[i]->text, news[k]->text)) {
				olds[i] = news[k] = NULL;
				break;
			}
	if (!(notes = resdiff_arena_alloc(diff->arena, (no + nn + 1) * sizeof(*notes)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	/* the rest in order, paired while both sides have one */
	for (;;) {
		resdiff_footnote_edit *e;
		while (io < no && !olds[io])
			io++;
		while (in < nn && !news[in])
			in++;
		if (io >= no && in >= nn)
			break;
		e = &notes[n++];
		memset(e, 0, sizeof(*e));
		e->old_note = io < no ? olds[io++] : NULL;
		e->new_note = in < nn ? news[in++] : NULL;
		if (!e->old_note || !e->new_note)
			continue;
		if (!*git_up) {
			if (git_libgit2_init() < 0) {
				error = resdiff_error_set(RESDIFF_ERROR, "libgit2: init failed");
				goto done;
			}
			*git_up = true;
		}
		if ((error = resdiff_worddiff(&e->edits, &e->edit_count, diff->arena,
				e->old_note->text, strlen(e->old_note->text),
				e->new_note->text, strlen(e->new_note->text))) < 0)
			goto done;
	}
	diff->notes[ci] = n ? notes : NULL;
	diff->note_count[ci] = n;
done:
	free(olds);
	free(news);
	return error;
}

int diff_footnote_edits(resdiff_diff *diff)
{
	size_t n = diff->alignment->change_count, i;
	bool git_up = false;
	int error = 0;

	if (!(diff->notes = resdiff_arena_alloc(diff->arena, (n ? n : 1) * sizeof(*diff->notes))) ||
	    !(diff->note_count = resdiff_arena_alloc(diff->arena, (n ? n : 1) * sizeof(size_t))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < n && !error; i++) {
		diff->notes[i] = NULL;
		diff->note_count[i] = 0;
		if (diff->alignment->changes[i].footnotes)
			error = change_notes(diff, i, &git_up);
	}
	if (git_up)
		git_libgit2_shutdown();
	return error;
}
