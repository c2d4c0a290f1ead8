/* render_parallel_json.c: the parallel view as JSON Lines, one row per
 * line (docs/JSON.md, "resdiff parallel"). */
#include "resdiff/json.h"
#include "resdiff/parallel.h"

static void put_cell(resdiff_json *w, const resdiff_doc *doc, const resdiff_parallel_cell *c)
{
	size_t i;
	if (!c->count) {
		resdiff_json_null(w);
		return;
	}
	if (c->count == 1) {
		resdiff_json_string(w, doc->units[c->first].id);
		return;
	}
	resdiff_json_array_open(w);
	for (i = 0; i < c->count; i++)
		resdiff_json_string(w, doc->units[c->first + i].id);
	resdiff_json_array_close(w);
}

static int put_row(resdiff_json *w, const resdiff_parallel *p, const resdiff_parallel_row *row,
		size_t r)
{
	size_t d, i;

	resdiff_json_object_open(w);
	resdiff_json_key(w, "units");
	resdiff_json_object_open(w);
	for (d = 0; d < p->doc_count; d++) {
		resdiff_json_key(w, p->keys[d]);
		put_cell(w, p->docs[d], &row->cells[d]);
	}
	resdiff_json_object_close(w);
	resdiff_json_key(w, "flags");
	resdiff_json_array_open(w);
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT; i++)
		if (row->flags & (1u << i))
			resdiff_json_string(w, resdiff_parallel_flag_name(i));
	resdiff_json_array_close(w);
	resdiff_json_key_fixed(w, "confidence", row->confidence, 2);
	resdiff_json_key_uint(w, "row", r + 1);
	resdiff_json_key_bool(w, "anchored", row->anchored);
	resdiff_json_key(w, "reasons");
	resdiff_json_array_open(w);
	for (i = 0; i < row->reason_count; i++) {
		const resdiff_parallel_reason *why = &row->reasons[i];
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "flag", resdiff_parallel_flag_bit_name(why->flag));
		resdiff_json_key_string(w, "lang", why->doc < p->doc_count ? p->keys[why->doc] : NULL);
		resdiff_json_key_string(w, "text", why->text);
		resdiff_json_object_close(w);
	}
	resdiff_json_array_close(w);
	return resdiff_json_object_close(w);
}

int resdiff_render_parallel_json(resdiff_buf *out, const resdiff_parallel *p,
		const resdiff_parallel_render_options *opts)
{
	resdiff_json w;
	size_t r;

	resdiff_json_init(&w, out, true);
	for (r = 0; r < p->row_count; r++) {
		if (opts && opts->flagged_only && !p->rows[r].flags)
			continue;
		put_row(&w, p, &p->rows[r], r);
	}
	return resdiff_json_end(&w);
}
