/* render_diff_json.c: the diff as one JSON object (docs/JSON-DIFF.md). */
#include "resdiff/diff.h"
#include "resdiff/render.h"

#include <string.h>

static int put_meta(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	const resdiff_meta *m = &doc->meta;
	int error;

	if ((error = resdiff_buf_puts(out, "{\"source\":")) < 0 ||
	    (error = resdiff_json_str(out, source)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"symbol\":")) < 0 ||
	    (error = resdiff_json_str(out, m->symbol)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"body\":")) < 0 ||
	    (error = resdiff_json_str(out, m->body)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"kind\":")) < 0 ||
	    (error = resdiff_json_str(out, m->kind)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"date\":")) < 0 ||
	    (error = resdiff_json_str(out, m->date)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"meeting\":")) < 0 ||
	    (error = resdiff_json_str(out, m->meeting)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"title\":")) < 0 ||
	    (error = resdiff_json_str(out, m->title)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"language\":")) < 0 ||
	    (error = resdiff_json_str(out, m->language)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"series\":")) < 0 ||
	    (error = resdiff_json_str(out, m->series)) < 0)
		return error;
	return resdiff_buf_printf(out, ",\"units\":%zu}", doc->unit_count);
}

static int put_ids(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = resdiff_buf_putc(out, '[');
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = resdiff_buf_putc(out, ',');
		if (!error)
			error = resdiff_json_str(out, doc->units[units[i]].id);
	}
	return error ? error : resdiff_buf_putc(out, ']');
}

static int put_fnlabels(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i, k;
	bool first = true;
	int error = resdiff_buf_putc(out, '[');
	for (i = 0; i < n && !error; i++) {
		const resdiff_unit *u = &doc->units[units[i]];
		for (k = 0; k < u->fnref_count && !error; k++) {
			if (!first)
				error = resdiff_buf_putc(out, ',');
			first = false;
			if (!error)
				error = resdiff_json_str(out, u->fnrefs[k].label);
		}
	}
	return error ? error : resdiff_buf_putc(out, ']');
}

static const char *boolean(bool b)
{
	return b ? "true" : "false";
}

int resdiff_render_diff_json(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t stats[RESDIFF_REL_COUNT] = { 0 }, moved = 0, renumbered = 0, i, k;
	bool first = true;
	int error;

	if ((error = resdiff_buf_printf(out, "{\"schema\":%d,\"old\":", RESDIFF_DIFF_JSON_SCHEMA)) < 0 ||
	    (error = put_meta(out, al->old_doc, opts ? opts->old_source : NULL)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"new\":")) < 0 ||
	    (error = put_meta(out, al->new_doc, opts ? opts->new_source : NULL)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"changes\":[")) < 0)
		return error;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		stats[c->relation]++;
		moved += c->moved;
		renumbered += c->renumbered;
		if ((!first && (error = resdiff_buf_putc(out, ',')) < 0) ||
		    (error = resdiff_buf_printf(out, "\n{\"relation\":\"%s\",\"old\":",
				resdiff_relation_name(c->relation))) < 0 ||
		    (error = put_ids(out, al->old_doc, c->old_units, c->old_count)) < 0 ||
		    (error = resdiff_buf_puts(out, ",\"new\":")) < 0 ||
		    (error = put_ids(out, al->new_doc, c->new_units, c->new_count)) < 0)
			return error;
		first = false;
		if (c->similarity < 0)
			error = resdiff_buf_puts(out, ",\"similarity\":null,\"confidence\":null");
		else
			error = resdiff_buf_printf(out, ",\"similarity\":%.3f,\"confidence\":%.3f",
				c->similarity, c->confidence);
		if (error < 0 ||
		    (error = resdiff_buf_printf(out, ",\"moved\":%s,\"renumbered\":%s,\"editorial\":%s,"
				"\"pinned\":%s,\"footnotes\":", boolean(c->moved), boolean(c->renumbered),
				boolean(c->editorial), boolean(c->pinned))) < 0)
			return error;
		if (!c->footnotes) {
			error = resdiff_buf_puts(out, "null");
		} else if ((error = resdiff_buf_puts(out, "{\"old\":")) == 0 &&
			   (error = put_fnlabels(out, al->old_doc, c->old_units, c->old_count)) == 0 &&
			   (error = resdiff_buf_puts(out, ",\"new\":")) == 0 &&
			   (error = put_fnlabels(out, al->new_doc, c->new_units, c->new_count)) == 0) {
			error = resdiff_buf_putc(out, '}');
		}
		if (error < 0 || (error = resdiff_buf_puts(out, ",\"edits\":[")) < 0)
			return error;
		for (k = 0; k < diff->edit_count[i]; k++) {
			const resdiff_edit *e = &diff->edits[i][k];
			if ((k && (error = resdiff_buf_putc(out, ',')) < 0) ||
			    (error = resdiff_buf_printf(out, "{\"op\":\"%s\",\"text\":",
					resdiff_edit_op_name(e->op))) < 0 ||
			    (error = resdiff_json_str(out, e->text)) < 0 ||
			    (error = resdiff_buf_putc(out, '}')) < 0)
				return error;
		}
		if ((error = resdiff_buf_puts(out, "]}")) < 0)
			return error;
	}
	if ((error = resdiff_buf_puts(out, "],\n\"stats\":{")) < 0)
		return error;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if ((error = resdiff_buf_printf(out, "\"%s\":%zu,",
				resdiff_relation_name((resdiff_relation)i), stats[i])) < 0)
			return error;
	return resdiff_buf_printf(out, "\"moved\":%zu,\"renumbered\":%zu}}\n", moved, renumbered);
}
