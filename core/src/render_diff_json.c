/* render_diff_json.c: the diff as one JSON object (docs/JSON-DIFF.md). */
#include "resdiff/diff.h"
#include "resdiff/render.h"

static int put_meta(resdiff_json *w, const resdiff_doc *doc, const char *source)
{
	const resdiff_meta *m = &doc->meta;

	resdiff_json_object_open(w);
	resdiff_json_key_string(w, "source", source);
	resdiff_json_key_string(w, "symbol", m->symbol);
	resdiff_json_key_string(w, "body", m->body);
	resdiff_json_key_string(w, "kind", m->kind);
	resdiff_json_key_string(w, "date", m->date);
	resdiff_json_key_string(w, "meeting", m->meeting);
	resdiff_json_key_string(w, "title", m->title);
	resdiff_json_key_string(w, "language", m->language);
	resdiff_json_key_string(w, "series", m->series);
	resdiff_json_key_uint(w, "units", doc->unit_count);
	return resdiff_json_object_close(w);
}

static int put_ids(resdiff_json *w, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	resdiff_json_array_open(w);
	for (i = 0; i < n; i++)
		resdiff_json_string(w, doc->units[units[i]].id);
	return resdiff_json_array_close(w);
}

static int put_fnlabels(resdiff_json *w, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i, k;
	resdiff_json_array_open(w);
	for (i = 0; i < n; i++)
		for (k = 0; k < doc->units[units[i]].fnref_count; k++)
			resdiff_json_string(w, doc->units[units[i]].fnrefs[k].label);
	return resdiff_json_array_close(w);
}

static int put_change(resdiff_json *w, const resdiff_diff *diff, size_t i)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_change *c = &al->changes[i];
	const resdiff_change_signals *sg = &diff->signals[i];
	size_t k;
	int shift;

	resdiff_json_object_open(w);
	resdiff_json_key_string(w, "relation", resdiff_relation_name(c->relation));
	resdiff_json_key(w, "old");
	put_ids(w, al->old_doc, c->old_units, c->old_count);
	resdiff_json_key(w, "new");
	put_ids(w, al->new_doc, c->new_units, c->new_count);
	resdiff_json_key(w, "similarity");
	if (c->similarity < 0)
		resdiff_json_null(w);
	else
		resdiff_json_fixed(w, c->similarity, 3);
	resdiff_json_key(w, "confidence");
	if (c->confidence < 0)
		resdiff_json_null(w);
	else
		resdiff_json_fixed(w, c->confidence, 3);
	resdiff_json_key_bool(w, "moved", c->moved);
	resdiff_json_key_bool(w, "renumbered", c->renumbered);
	resdiff_json_key_bool(w, "editorial", c->editorial);
	resdiff_json_key_bool(w, "pinned", c->pinned);
	resdiff_json_key(w, "footnotes");
	if (!c->footnotes) {
		resdiff_json_null(w);
	} else {
		resdiff_json_object_open(w);
		resdiff_json_key(w, "old");
		put_fnlabels(w, al->old_doc, c->old_units, c->old_count);
		resdiff_json_key(w, "new");
		put_fnlabels(w, al->new_doc, c->new_units, c->new_count);
		resdiff_json_object_close(w);
	}
	resdiff_json_key_bool(w, "rolling", sg->rolling);
	resdiff_json_key(w, "verb");
	if (!sg->verb_changed) {
		resdiff_json_null(w);
	} else {
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "old", sg->verb.old_verb);
		resdiff_json_key_string(w, "new", sg->verb.new_verb);
		resdiff_json_key(w, "shift");
		if (resdiff_verb_shift(&sg->verb, &shift))
			resdiff_json_int(w, shift);
		else
			resdiff_json_null(w);
		resdiff_json_object_close(w);
	}
	resdiff_json_key(w, "edits");
	resdiff_json_array_open(w);
	for (k = 0; k < diff->edit_count[i]; k++) {
		const resdiff_edit *e = &diff->edits[i][k];
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "op", resdiff_edit_op_name(e->op));
		resdiff_json_key_string(w, "text", e->text);
		if (e->op != RESDIFF_EDIT_EQUAL)
			resdiff_json_key_bool(w, "rolling", e->rolling);
		resdiff_json_object_close(w);
	}
	resdiff_json_array_close(w);
	return resdiff_json_object_close(w);
}

int resdiff_diff_json_write(resdiff_json *w, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	resdiff_diff_render_options all = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	resdiff_diff_counts counts;
	size_t i;

	/* JSON keeps the changes --ignore-rolling hides from the other formats */
	if (opts)
		all = *opts;
	all.ignore_rolling = false;
	resdiff_diff_count(&counts, diff, &all);
	resdiff_json_object_open(w);
	resdiff_json_key_uint(w, "schema", RESDIFF_DIFF_JSON_SCHEMA);
	resdiff_json_key(w, "old");
	put_meta(w, al->old_doc, opts ? opts->old_source : NULL);
	resdiff_json_key(w, "new");
	put_meta(w, al->new_doc, opts ? opts->new_source : NULL);
	resdiff_json_key(w, "changes");
	resdiff_json_list_open(w);
	for (i = 0; i < al->change_count; i++)
		if (resdiff_diff_change_shown(diff, i, &all))
			put_change(w, diff, i);
	resdiff_json_array_close(w);
	resdiff_json_key(w, "stats");
	resdiff_json_object_open(w);
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		resdiff_json_key_uint(w, resdiff_relation_name((resdiff_relation)i), counts.relations[i]);
	resdiff_json_key_uint(w, "moved", counts.moved);
	resdiff_json_key_uint(w, "renumbered", counts.renumbered);
	resdiff_json_key_uint(w, "rolling", counts.rolling);
	resdiff_json_key_uint(w, "strengthened", counts.strengthened);
	resdiff_json_key_uint(w, "weakened", counts.weakened);
	resdiff_json_object_close(w);
	/* the texts read the same (the options hide nothing from it) */
	resdiff_json_key_bool(w, "identical", resdiff_diff_identical(diff, NULL));
	return resdiff_json_object_close(w);
}

int resdiff_render_diff_json(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	resdiff_json w;
	resdiff_json_init(&w, out, opts && opts->json_lines);
	resdiff_diff_json_write(&w, diff, opts);
	return resdiff_json_end(&w);
}
