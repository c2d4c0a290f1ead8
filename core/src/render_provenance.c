/* render_provenance.c: blame and trace as text and JSON. Walks a
 * resdiff_provenance only. */
#include "resdiff/provenance.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <string.h>

static int put(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s ? s : "", s ? strlen(s) : 0, false);
}

/* "E/RES/2009/7 OP6 (2009-07-24)" */
static int put_ref(resdiff_buf *out, const resdiff_clause_ref *r, bool series)
{
	int error;
	if ((error = put(out, r->symbol)) < 0 || (error = resdiff_buf_putc(out, ' ')) < 0 ||
	    (error = put(out, r->unit)) < 0 || (error = resdiff_buf_puts(out, " (")) < 0 ||
	    (error = put(out, r->date ? r->date : "undated")) < 0)
		return error;
	if (series && r->series && ((error = resdiff_buf_puts(out, ", ")) < 0 || (error = put(out, r->series)) < 0))
		return error;
	return resdiff_buf_putc(out, ')');
}

static bool same_series(const resdiff_lineage_step *s)
{
	return s->from.series && s->to.series && !strcmp(s->from.series, s->to.series);
}

static int put_step(resdiff_buf *out, const resdiff_lineage_step *s, bool forwards)
{
	int error;
	if ((error = resdiff_buf_putc(out, '\t')) < 0 ||
	    (error = put_ref(out, forwards ? &s->from : &s->to, false)) < 0 ||
	    (error = resdiff_buf_puts(out, forwards ? " \xe2\x86\x92 " : " \xe2\x86\x90 ")) < 0 ||
	    (error = put_ref(out, forwards ? &s->to : &s->from, true)) < 0 ||
	    (error = resdiff_buf_printf(out, ": %s", resdiff_relation_name(s->relation))) < 0 ||
	    (s->confidence >= 0 && s->confidence < RESDIFF_ALIGN_LOW_CONFIDENCE &&
	     (error = resdiff_buf_puts(out, " (low confidence)")) < 0))
		return error;
	if (s->relation != RESDIFF_REL_UNCHANGED &&
	    (error = resdiff_buf_printf(out, " %.2f", s->similarity)) < 0)
		return error;
	if (s->moved && (error = resdiff_buf_puts(out, ", moved")) < 0)
		return error;
	if (!same_series(s))
		error = resdiff_buf_puts(out, ", across series");
	else if (s->across)
		error = resdiff_buf_puts(out, ", from an earlier member");
	if (!error)
		error = resdiff_buf_putc(out, '\n');
	return error;
}

int resdiff_render_provenance_text(resdiff_buf *out, const resdiff_provenance *p)
{
	size_t i, k;
	int error = 0;

	if (p->count && ((error = resdiff_buf_puts(out, p->forwards ? "trace " : "blame ")) < 0 ||
	    (error = put(out, p->lineages[0].clause.symbol)) < 0 ||
	    (error = resdiff_buf_puts(out, " (")) < 0 ||
	    (error = put(out, p->lineages[0].clause.language)) < 0 ||
	    (error = resdiff_buf_puts(out, ", ")) < 0 ||
	    (error = put(out, p->lineages[0].clause.date ? p->lineages[0].clause.date : "undated")) < 0 ||
	    (error = p->lineages[0].clause.series ? resdiff_buf_puts(out, ", ") : 0) < 0 ||
	    (error = p->lineages[0].clause.series ? put(out, p->lineages[0].clause.series) : 0) < 0 ||
	    (error = resdiff_buf_puts(out, ")\n")) < 0))
		return error;
	for (i = 0; i < p->count && !error; i++) {
		const resdiff_lineage *l = &p->lineages[i];
		if ((error = put(out, l->clause.unit)) < 0 || (error = resdiff_buf_putc(out, '\t')) < 0)
			break;
		if (!l->step_count) {
			error = p->forwards ? resdiff_buf_puts(out, "not carried further\n")
				: resdiff_buf_puts(out, "first seen here\n");
			continue;
		}
		if (p->forwards) {
			error = resdiff_buf_printf(out, "carried on in %zu step%s; latest: ", l->step_count,
				l->step_count == 1 ? "" : "s");
		} else {
			error = resdiff_buf_puts(out, "earliest: ");
		}
		for (k = 0; k < l->end_count && !error; k++) {
			if (k && (error = resdiff_buf_puts(out, "; ")) < 0)
				break;
			error = put_ref(out, &l->ends[k], false);
		}
		if (!error && !p->forwards)
			error = resdiff_buf_printf(out, ", %zu step%s", l->step_count,
				l->step_count == 1 ? "" : "s");
		if (!error)
			error = resdiff_buf_putc(out, '\n');
		for (k = 0; k < l->step_count && !error; k++)
			error = put_step(out, &l->steps[k], p->forwards);
	}
	return error;
}

static int json_ref(resdiff_buf *out, const resdiff_clause_ref *r)
{
	int error;
	if ((error = resdiff_buf_puts(out, "{\"symbol\":")) < 0 || (error = resdiff_json_str(out, r->symbol)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"unit\":")) < 0 || (error = resdiff_json_str(out, r->unit)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"date\":")) < 0 || (error = resdiff_json_str(out, r->date)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"series\":")) < 0 || (error = resdiff_json_str(out, r->series)) < 0)
		return error;
	return resdiff_buf_putc(out, '}');
}

int resdiff_render_provenance_json(resdiff_buf *out, const resdiff_provenance *p)
{
	size_t i, k;
	int error;

	if ((error = resdiff_buf_printf(out, "{\"schema\":%d,\"direction\":\"%s\",\"language\":",
			RESDIFF_PROVENANCE_JSON_SCHEMA, p->forwards ? "trace" : "blame")) < 0 ||
	    (error = resdiff_json_str(out, p->count ? p->lineages[0].clause.language : NULL)) < 0 ||
	    (error = resdiff_buf_puts(out, ",\"clauses\":[")) < 0)
		return error;
	for (i = 0; i < p->count && !error; i++) {
		const resdiff_lineage *l = &p->lineages[i];
		if ((error = resdiff_buf_puts(out, i ? ",\n{\"clause\":" : "\n{\"clause\":")) < 0 ||
		    (error = json_ref(out, &l->clause)) < 0 ||
		    (error = resdiff_buf_puts(out, ",\"text\":")) < 0 ||
		    (error = resdiff_json_str(out, l->text)) < 0 ||
		    (error = resdiff_buf_puts(out, ",\"steps\":[")) < 0)
			break;
		for (k = 0; k < l->step_count && !error; k++) {
			const resdiff_lineage_step *s = &l->steps[k];
			if ((error = resdiff_buf_puts(out, k ? ",{\"from\":" : "{\"from\":")) < 0 ||
			    (error = json_ref(out, &s->from)) < 0 ||
			    (error = resdiff_buf_puts(out, ",\"to\":")) < 0 ||
			    (error = json_ref(out, &s->to)) < 0)
				break;
			error = resdiff_buf_printf(out, ",\"relation\":\"%s\",\"similarity\":%.3f,"
				"\"confidence\":%.3f,\"moved\":%s,\"across_series\":%s,\"earlier_member\":%s}",
				resdiff_relation_name(s->relation), s->similarity, s->confidence,
				s->moved ? "true" : "false",
				same_series(s) ? "false" : "true", same_series(s) && s->across ? "true" : "false");
		}
		if (!error)
			error = resdiff_buf_puts(out, p->forwards ? "],\"latest\":[" : "],\"origins\":[");
		for (k = 0; k < l->end_count && !error; k++) {
			if (k && (error = resdiff_buf_putc(out, ',')) < 0)
				break;
			error = json_ref(out, &l->ends[k]);
		}
		if (!error)
			error = resdiff_buf_puts(out, "]}");
	}
	if (!error)
		error = resdiff_buf_puts(out, "\n]}\n");
	return error;
}
