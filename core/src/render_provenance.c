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
	if (!s->from.series && !s->to.series)
		error = resdiff_buf_puts(out, ", in no series");  /* "across" would be no truer */
	else if (!same_series(s))
		error = resdiff_buf_puts(out, ", across series");
	else if (s->across)
		error = resdiff_buf_puts(out, ", from an earlier member");
	if (!error)
		error = resdiff_buf_putc(out, '\n');
	return error;
}

/* "\t\tA/RES/80/1 PP2 ← A/80/L.2/Rev.2 PP2: reworded 0.93" */
static int put_draft_step(resdiff_buf *out, const resdiff_lineage_step *s)
{
	int error;
	if ((error = resdiff_buf_puts(out, "\t\t")) < 0 || (error = put(out, s->to.symbol)) < 0 ||
	    (error = resdiff_buf_putc(out, ' ')) < 0 || (error = put(out, s->to.unit)) < 0 ||
	    (error = resdiff_buf_puts(out, " \xe2\x86\x90 ")) < 0 || (error = put(out, s->from.symbol)) < 0 ||
	    (error = resdiff_buf_putc(out, ' ')) < 0 || (error = put(out, s->from.unit)) < 0 ||
	    (error = resdiff_buf_printf(out, ": %s", resdiff_relation_name(s->relation))) < 0 ||
	    (s->confidence >= 0 && s->confidence < RESDIFF_ALIGN_LOW_CONFIDENCE &&
	     (error = resdiff_buf_puts(out, " (low confidence)")) < 0) ||
	    (s->relation != RESDIFF_REL_UNCHANGED &&
	     (error = resdiff_buf_printf(out, " %.2f", s->similarity)) < 0) ||
	    (s->moved && (error = resdiff_buf_puts(out, ", moved")) < 0))
		return error;
	return resdiff_buf_putc(out, '\n');
}

/* blame --drafts: "\tdrafts: first in A/80/L.2 PP2, 2 steps", the steps */
static int put_drafts(resdiff_buf *out, const resdiff_provenance *p, const resdiff_lineage *l)
{
	size_t k;
	int error;

	if (!p->draft_members)
		return 0;
	if (!l->draft_first.symbol)
		return resdiff_buf_puts(out, "\tdrafts: in none of the stored drafts (added at adoption)\n");
	if ((error = resdiff_buf_puts(out, "\tdrafts: first in ")) < 0 ||
	    (error = put(out, l->draft_first.symbol)) < 0 || (error = resdiff_buf_putc(out, ' ')) < 0 ||
	    (error = put(out, l->draft_first.unit)) < 0 ||
	    (error = resdiff_buf_printf(out, ", %zu step%s\n", l->draft_step_count,
			l->draft_step_count == 1 ? "" : "s")) < 0)
		return error;
	for (k = 0; k < l->draft_step_count && !error; k++)
		error = put_draft_step(out, &l->draft_steps[k]);
	return error;
}

/* The walk went nowhere from the clause: its only end is itself (weak
 * steps across series aside, which it lists but does not follow). */
static bool only_itself(const resdiff_lineage *l)
{
	return !l->step_count || (l->end_count == 1 && !strcmp(l->ends[0].symbol, l->clause.symbol) &&
		!strcmp(l->ends[0].unit, l->clause.unit));
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
		bool alone = only_itself(l);
		if ((error = put(out, l->clause.unit)) < 0 || (error = resdiff_buf_putc(out, '\t')) < 0)
			break;
		if (alone) {
			/* no step, or only weak ones across series (not followed) */
			error = p->forwards ? resdiff_buf_puts(out, "not carried further")
				: resdiff_buf_puts(out, "first seen here");
		} else if (p->forwards) {
			error = resdiff_buf_printf(out, "carried on in %zu step%s; latest: ", l->step_count,
				l->step_count == 1 ? "" : "s");
		} else {
			error = resdiff_buf_puts(out, "earliest: ");
		}
		for (k = 0; k < l->end_count && !error && !alone; k++) {
			if (k && (error = resdiff_buf_puts(out, "; ")) < 0)
				break;
			error = put_ref(out, &l->ends[k], false);
		}
		if (!error && !p->forwards && !alone)
			error = resdiff_buf_printf(out, ", %zu step%s", l->step_count,
				l->step_count == 1 ? "" : "s");
		/* "; possibly from E/RES/2009/7 OP4 (2009-07-24, ecosoc-wsis), low confidence" */
		for (k = 0; k < l->weak_end_count && !error; k++) {
			if ((error = resdiff_buf_puts(out, k ? "; " : p->forwards ? "; possibly into "
					: "; possibly from ")) < 0 ||
			    (error = put_ref(out, &l->weak_ends[k], true)) < 0)
				break;
			if (k + 1 == l->weak_end_count)
				error = resdiff_buf_puts(out, l->clause.series || l->weak_ends[k].series ?
					", low confidence, across series" : ", low confidence, in no series");
		}
		if (!error)
			error = resdiff_buf_putc(out, '\n');
		for (k = 0; k < l->step_count && !error; k++)
			error = put_step(out, &l->steps[k], p->forwards);
		if (!error && p->drafts)
			error = put_drafts(out, p, l);
	}
	return error;
}

static int json_ref(resdiff_json *w, const resdiff_clause_ref *r)
{
	resdiff_json_object_open(w);
	resdiff_json_key_string(w, "symbol", r->symbol);
	resdiff_json_key_string(w, "unit", r->unit);
	resdiff_json_key_string(w, "date", r->date);
	resdiff_json_key_string(w, "series", r->series);
	return resdiff_json_object_close(w);
}

/* One step of a lineage; a series step (not a draft's) also says whether
 * it crosses series or reaches back to an earlier member. */
static void json_step(resdiff_json *w, const resdiff_lineage_step *s, bool series_keys)
{
	resdiff_json_object_open(w);
	resdiff_json_key(w, "from");
	json_ref(w, &s->from);
	resdiff_json_key(w, "to");
	json_ref(w, &s->to);
	resdiff_json_key_string(w, "relation", resdiff_relation_name(s->relation));
	resdiff_json_key_fixed(w, "similarity", s->similarity, 3);
	resdiff_json_key_fixed(w, "confidence", s->confidence, 3);
	resdiff_json_key_bool(w, "moved", s->moved);
	if (series_keys) {
		resdiff_json_key_bool(w, "across_series", !same_series(s));
		resdiff_json_key_bool(w, "earlier_member", same_series(s) && s->across);
	}
	resdiff_json_object_close(w);
}

int resdiff_render_provenance_json(resdiff_buf *out, const resdiff_provenance *p)
{
	resdiff_json w;
	size_t i, k;

	resdiff_json_init(&w, out, false);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_PROVENANCE_JSON_SCHEMA);
	resdiff_json_key_string(&w, "direction", p->forwards ? "trace" : "blame");
	resdiff_json_key_string(&w, "language", p->count ? p->lineages[0].clause.language : NULL);
	resdiff_json_key(&w, "clauses");
	resdiff_json_list_open(&w);
	for (i = 0; i < p->count; i++) {
		const resdiff_lineage *l = &p->lineages[i];
		resdiff_json_object_open(&w);
		resdiff_json_key(&w, "clause");
		json_ref(&w, &l->clause);
		resdiff_json_key_string(&w, "text", l->text);
		resdiff_json_key(&w, "steps");
		resdiff_json_array_open(&w);
		for (k = 0; k < l->step_count; k++) {
			const resdiff_lineage_step *s = &l->steps[k];
			json_step(&w, s, true);
		}
		resdiff_json_array_close(&w);
		resdiff_json_key(&w, p->forwards ? "latest" : "origins");
		resdiff_json_array_open(&w);
		for (k = 0; k < l->end_count; k++)
			json_ref(&w, &l->ends[k]);
		resdiff_json_array_close(&w);
		/* reached only by a weak step across series: not followed */
		resdiff_json_key(&w, p->forwards ? "possible_latest" : "possible_origins");
		resdiff_json_array_open(&w);
		for (k = 0; k < l->weak_end_count; k++)
			json_ref(&w, &l->weak_ends[k]);
		resdiff_json_array_close(&w);
		if (p->drafts) {
			/* blame --drafts: "drafts":{"first":{…}|null,"steps":[…]} */
			resdiff_json_key(&w, "drafts");
			resdiff_json_object_open(&w);
			resdiff_json_key(&w, "first");
			if (l->draft_first.symbol)
				json_ref(&w, &l->draft_first);
			else
				resdiff_json_null(&w);
			resdiff_json_key(&w, "steps");
			resdiff_json_array_open(&w);
			for (k = 0; k < l->draft_step_count; k++) {
				const resdiff_lineage_step *s = &l->draft_steps[k];
				json_step(&w, s, false);
			}
			resdiff_json_array_close(&w);
			resdiff_json_object_close(&w);
		}
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}
