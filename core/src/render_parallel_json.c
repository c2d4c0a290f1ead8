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

static void put_reasons(resdiff_json *w, const resdiff_parallel *p, const resdiff_parallel_reason *list,
		size_t count)
{
	size_t i;
	resdiff_json_key(w, "reasons");
	resdiff_json_array_open(w);
	for (i = 0; i < count; i++) {
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "flag", resdiff_parallel_flag_bit_name(list[i].flag));
		resdiff_json_key_string(w, "lang", list[i].doc < p->doc_count ? p->keys[list[i].doc] : NULL);
		resdiff_json_key_string(w, "text", list[i].text);
		resdiff_json_object_close(w);
	}
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
	put_reasons(w, p, row->reasons, row->reason_count);
	return resdiff_json_object_close(w);
}

/* Row 0: the documents' metadata, only when it disagrees. */
static int put_meta(resdiff_json *w, const resdiff_parallel *p)
{
	resdiff_json_object_open(w);
	resdiff_json_key(w, "units");
	resdiff_json_object_open(w);
	resdiff_json_object_close(w);
	resdiff_json_key(w, "flags");
	resdiff_json_array_open(w);
	resdiff_json_string(w, resdiff_parallel_flag_bit_name(p->meta_flags));
	resdiff_json_array_close(w);
	resdiff_json_key_fixed(w, "confidence", 1, 2);
	resdiff_json_key_uint(w, "row", 0);
	resdiff_json_key_bool(w, "anchored", false);
	resdiff_json_key_bool(w, "metadata", true);
	put_reasons(w, p, p->meta_reasons, p->meta_reason_count);
	return resdiff_json_object_close(w);
}

int resdiff_render_parallel_json(resdiff_buf *out, const resdiff_parallel *p,
		const resdiff_parallel_render_options *opts)
{
	resdiff_json w;
	size_t r;

	resdiff_json_init(&w, out, true);
	if (p->meta_reason_count)
		put_meta(&w, p);
	for (r = 0; r < p->row_count; r++) {
		if (opts && opts->flagged_only && !p->rows[r].flags)
			continue;
		put_row(&w, p, &p->rows[r], r);
	}
	return resdiff_json_end(&w);
}
