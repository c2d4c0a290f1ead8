/* bench_jsonc.c: the diff JSON as a json-c tree, dumped plainly. */
#include "json_bench.h"

#include <json-c/json.h>
#include <stdio.h>

/* ---- json-c: the same document as a json_object tree ---- */

static json_object *jc(const char *s)
{
	return s ? json_object_new_string(s) : NULL;  /* NULL is null */
}

static json_object *jsonc_meta(const resdiff_doc *d, const char *source)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "source", jc(source));
	json_object_object_add(o, "symbol", jc(d->meta.symbol));
	json_object_object_add(o, "body", jc(d->meta.body));
	json_object_object_add(o, "kind", jc(d->meta.kind));
	json_object_object_add(o, "date", jc(d->meta.date));
	json_object_object_add(o, "meeting", jc(d->meta.meeting));
	json_object_object_add(o, "title", jc(d->meta.title));
	json_object_object_add(o, "language", jc(d->meta.language));
	json_object_object_add(o, "series", jc(d->meta.series));
	json_object_object_add(o, "units", json_object_new_int64((int64_t)d->unit_count));
	return o;
}

static json_object *jsonc_ids(const resdiff_doc *d, const size_t *u, size_t n, bool labels)
{
	json_object *a = json_object_new_array();
	size_t i, k;
	for (i = 0; i < n; i++) {
		if (!labels)
			json_object_array_add(a, jc(d->units[u[i]].id));
		for (k = 0; labels && k < d->units[u[i]].fnref_count; k++)
			json_object_array_add(a, jc(d->units[u[i]].fnrefs[k].label));
	}
	return a;
}

int render_jsonc(resdiff_buf *out, const resdiff_diff *diff, const char *o, const char *n)
{
	const resdiff_alignment *al = diff->alignment;
	size_t stats[RESDIFF_REL_COUNT] = { 0 }, moved = 0, renumbered = 0, i, k;
	json_object *root = json_object_new_object(), *changes = json_object_new_array();
	json_object *st = json_object_new_object();
	const char *text;
	int error = 0;

	json_object_object_add(root, "schema", json_object_new_int(RESDIFF_DIFF_JSON_SCHEMA));
	json_object_object_add(root, "old", jsonc_meta(al->old_doc, o));
	json_object_object_add(root, "new", jsonc_meta(al->new_doc, n));
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		json_object *ch = json_object_new_object(), *edits = json_object_new_array();
		char sim[32];
		stats[c->relation]++;
		moved += c->moved;
		renumbered += c->renumbered;
		snprintf(sim, sizeof(sim), "%.3f", c->similarity);
		json_object_object_add(ch, "relation", json_object_new_string(resdiff_relation_name(c->relation)));
		json_object_object_add(ch, "old", jsonc_ids(al->old_doc, c->old_units, c->old_count, false));
		json_object_object_add(ch, "new", jsonc_ids(al->new_doc, c->new_units, c->new_count, false));
		json_object_object_add(ch, "similarity",
			c->similarity < 0 ? NULL : json_object_new_double_s(c->similarity, sim));
		json_object_object_add(ch, "moved", json_object_new_boolean(c->moved));
		json_object_object_add(ch, "renumbered", json_object_new_boolean(c->renumbered));
		json_object_object_add(ch, "editorial", json_object_new_boolean(c->editorial));
		json_object_object_add(ch, "pinned", json_object_new_boolean(c->pinned));
		if (c->footnotes) {
			json_object *f = json_object_new_object();
			json_object_object_add(f, "old", jsonc_ids(al->old_doc, c->old_units, c->old_count, true));
			json_object_object_add(f, "new", jsonc_ids(al->new_doc, c->new_units, c->new_count, true));
			json_object_object_add(ch, "footnotes", f);
		} else {
			json_object_object_add(ch, "footnotes", NULL);
		}
		for (k = 0; k < diff->edit_count[i]; k++) {
			json_object *e = json_object_new_object();
			json_object_object_add(e, "op", json_object_new_string(resdiff_edit_op_name(diff->edits[i][k].op)));
			json_object_object_add(e, "text", jc(diff->edits[i][k].text));
			json_object_array_add(edits, e);
		}
		json_object_object_add(ch, "edits", edits);
		json_object_array_add(changes, ch);
	}
	json_object_object_add(root, "changes", changes);
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		json_object_object_add(st, resdiff_relation_name((resdiff_relation)i),
			json_object_new_int64((int64_t)stats[i]));
	json_object_object_add(st, "moved", json_object_new_int64((int64_t)moved));
	json_object_object_add(st, "renumbered", json_object_new_int64((int64_t)renumbered));
	json_object_object_add(root, "stats", st);
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text || resdiff_buf_puts(out, text) < 0 || resdiff_buf_putc(out, '\n') < 0)
		error = -1;
	json_object_put(root);
	return error;
}
