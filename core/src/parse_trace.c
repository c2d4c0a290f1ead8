/* parse_trace.c: the last pass, run on request: where every source line
 * went (resdiff/parse.h, resdiff_parse_trace). It reads the state the
 * other passes left and changes nothing. */
#include "parse_state.h"
#include "resdiff/parse.h"

#include <stdlib.h>
#include <string.h>

void resdiff_parse_trace_free(resdiff_parse_trace *trace)
{
	if (!trace)
		return;
	free(trace->lines);
	free(trace->markers);
	resdiff_arena_free(trace->arena);
	free(trace);
}

/* The unit a block's text went to: its own, or that of the block it was
 * joined to. -1 for none. */
static int unit_of(const block_list *bl, int b)
{
	if (b < 0 || (size_t)b >= bl->count)
		return -1;
	if (bl->blocks[b].into >= 0)
		b = bl->blocks[b].into;
	return bl->blocks[b].unit;
}

static void place(resdiff_line_trace *t, const parse_state *st, const block_list *bl,
		const parse_line *l)
{
	int u;
	switch (l->cls) {
	case LINE_BLANK:
		t->role = RESDIFF_LINE_BLANK;
		break;
	case LINE_TEXT:
		if ((u = unit_of(bl, l->block)) >= 0) {
			t->role = RESDIFF_LINE_UNIT;
			t->index = (size_t)u;
		} else {
			t->role = RESDIFF_LINE_UNPLACED;
		}
		break;
	case LINE_NOTE:
		if (l->note >= 0 && (size_t)l->note < st->note_count &&
		    st->notes[l->note].footnote != NO_FOOTNOTE) {
			t->role = RESDIFF_LINE_FOOTNOTE;
			t->index = st->notes[l->note].footnote;
		} else {
			t->role = RESDIFF_LINE_UNPLACED;
		}
		break;
	case LINE_MARKER:
		t->role = RESDIFF_LINE_MARKER;
		break;
	case LINE_FRONT:
		t->role = RESDIFF_LINE_FRONT;
		break;
	case LINE_CHAPEAU:
		t->role = RESDIFF_LINE_CHAPEAU;
		break;
	case LINE_END:
		t->role = RESDIFF_LINE_CLOSING;
		break;
	case LINE_DEBRIS:
		t->role = RESDIFF_LINE_DEBRIS;
		t->reason = l->why ? l->why : "page debris";
		break;
	case LINE_SEPARATOR:
		t->role = RESDIFF_LINE_SEPARATOR;
		break;
	}
}

int parse_trace_build(resdiff_parse_trace **out, const parse_state *st, const block_list *bl)
{
	resdiff_parse_trace *t = calloc(1, sizeof(*t));
	size_t i, k, m = 0;
	int error = 0;

	*out = NULL;
	if (!t || !(t->arena = resdiff_arena_new()) ||
	    !(t->lines = calloc(st->count + 1, sizeof(*t->lines)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < st->count; i++)
		if (st->lines[i].cls == LINE_TEXT)
			m += st->lines[i].marker_count;
	if (m && !(t->markers = calloc(m, sizeof(*t->markers)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < st->count; i++) {
		const parse_line *l = &st->lines[i];
		resdiff_line_trace *lt = &t->lines[i];
		if (!(lt->text = resdiff_arena_strdup(t->arena, l->source))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		place(lt, st, bl, l);
		if (l->cls != LINE_TEXT || lt->role != RESDIFF_LINE_UNIT)
			continue;
		if (l->cut_len && l->marker_count == 0) { /* as parse_blocks.c cut it */
			lt->cut_at = l->cut_at;
			lt->cut_len = l->cut_len;
		}
		for (k = 0; k < l->marker_count; k++) {
			resdiff_marker_trace *mt = &t->markers[t->marker_count++];
			mt->line = i + 1;
			mt->byte = l->markers[k].src;
			mt->unit = lt->index;
			mt->form = l->markers[k].form;
			if (!(mt->label = resdiff_arena_strdup(t->arena, l->markers[k].label))) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
		}
	}
	t->line_count = st->count;
	t->work = st->work;
	*out = t;
	t = NULL;
done:
	resdiff_parse_trace_free(t);
	return error;
}
