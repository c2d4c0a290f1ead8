/* bench_jansson.c: the diff JSON as a jansson tree, dumped compactly. */
#include "json_bench.h"

#include <jansson.h>
#include <stdlib.h>

/* ---- jansson: the same document as a json_t tree ---- */

static json_t *js(const char *s)
{
	return s ? json_string(s) : json_null();  /* json_string validates UTF-8 */
}

static json_t *jansson_meta(const resdiff_doc *d, const char *source)
{
	json_t *o = json_object();
	json_object_set_new(o, "source", js(source));
	json_object_set_new(o, "symbol", js(d->meta.symbol));
	json_object_set_new(o, "body", js(d->meta.body));
	json_object_set_new(o, "kind", js(d->meta.kind));
	json_object_set_new(o, "date", js(d->meta.date));
	json_object_set_new(o, "meeting", js(d->meta.meeting));
	json_object_set_new(o, "title", js(d->meta.title));
	json_object_set_new(o, "language", js(d->meta.language));
	json_object_set_new(o, "series", js(d->meta.series));
	json_object_set_new(o, "units", json_integer((json_int_t)d->unit_count));
	return o;
}

static json_t *jansson_ids(const resdiff_doc *d, const size_t *u, size_t n, bool labels)
{
	json_t *a = json_array();
	size_t i, k;
	for (i = 0; i < n; i++) {
		if (!labels)
			json_array_append_new(a, js(d->units[u[i]].id));
		for (k = 0; labels && k < d->units[u[i]].fnref_count; k++)
			json_array_append_new(a, js(d->units[u[i]].fnrefs[k].label));
	}
	return a;
}

int render_jansson(resdiff_buf *out, const resdiff_diff *diff, const char *o, const char *n)
{
	const resdiff_alignment *al = diff->alignment;
	size_t stats[RESDIFF_REL_COUNT] = { 0 }, moved = 0, renumbered = 0, i, k;
	json_t *root = json_object(), *changes = json_array(), *st = json_object();
	char *text;
	int error = 0;

	json_object_set_new(root, "schema", json_integer(RESDIFF_DIFF_JSON_SCHEMA));
	json_object_set_new(root, "old", jansson_meta(al->old_doc, o));
	json_object_set_new(root, "new", jansson_meta(al->new_doc, n));
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		json_t *ch = json_object(), *edits = json_array();
		stats[c->relation]++;
		moved += c->moved;
		renumbered += c->renumbered;
		json_object_set_new(ch, "relation", json_string(resdiff_relation_name(c->relation)));
		json_object_set_new(ch, "old", jansson_ids(al->old_doc, c->old_units, c->old_count, false));
		json_object_set_new(ch, "new", jansson_ids(al->new_doc, c->new_units, c->new_count, false));
		json_object_set_new(ch, "similarity", c->similarity < 0 ? json_null() : json_real(c->similarity));
		json_object_set_new(ch, "moved", json_boolean(c->moved));
		json_object_set_new(ch, "renumbered", json_boolean(c->renumbered));
		json_object_set_new(ch, "editorial", json_boolean(c->editorial));
		json_object_set_new(ch, "pinned", json_boolean(c->pinned));
		if (c->footnotes) {
			json_t *f = json_object();
			json_object_set_new(f, "old", jansson_ids(al->old_doc, c->old_units, c->old_count, true));
			json_object_set_new(f, "new", jansson_ids(al->new_doc, c->new_units, c->new_count, true));
			json_object_set_new(ch, "footnotes", f);
		} else {
			json_object_set_new(ch, "footnotes", json_null());
		}
		for (k = 0; k < diff->edit_count[i]; k++) {
			json_t *e = json_object();
			json_object_set_new(e, "op", json_string(resdiff_edit_op_name(diff->edits[i][k].op)));
			json_object_set_new(e, "text", js(diff->edits[i][k].text));
			json_array_append_new(edits, e);
		}
		json_object_set_new(ch, "edits", edits);
		json_array_append_new(changes, ch);
	}
	json_object_set_new(root, "changes", changes);
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		json_object_set_new(st, resdiff_relation_name((resdiff_relation)i), json_integer((json_int_t)stats[i]));
	json_object_set_new(st, "moved", json_integer((json_int_t)moved));
	json_object_set_new(st, "renumbered", json_integer((json_int_t)renumbered));
	json_object_set_new(root, "stats", st);
	text = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(3));
	if (!text || resdiff_buf_puts(out, text) < 0 || resdiff_buf_putc(out, '\n') < 0)
		error = -1;
	free(text);
	json_decref(root);
	return error;
}
