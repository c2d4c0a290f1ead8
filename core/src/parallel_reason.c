/* parallel_reason.c: why a row of the parallel view is flagged
 * (resdiff_parallel_reason): per flag, the documents that disagree and
 * how. The odd ones out are found by majority over the documents that
 * have a unit in the row, so that with six languages the one that prints
 * "1949" where five print "1948" is named, not the five. */
#include "parallel_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A length is named as odd when it strays from the row's median (as
 * English would have it) by more than this factor. */
#define REASON_LENGTH_FACTOR 1.5

typedef struct {
	resdiff_parallel_reason *list;
	size_t count, alloc;
	resdiff_arena *arena;
	resdiff_buf text;
} reasons;

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

/* Add a reason with the text in r->text, then clear it. */
static int add(reasons *r, unsigned flag, size_t doc)
{
	resdiff_parallel_reason *p;
	if (r->count == r->alloc) {
		size_t na = r->alloc ? r->alloc * 2 : 8;
		resdiff_parallel_reason *np = resdiff_arena_alloc(r->arena, na * sizeof(*np));
		if (!np)
			return oom();
		if (r->count)
			memcpy(np, r->list, r->count * sizeof(*np));
		r->list = np;
		r->alloc = na;
	}
	p = &r->list[r->count];
	p->flag = flag;
	p->doc = doc;
	if (!(p->text = resdiff_arena_strdup(r->arena, r->text.ptr ? r->text.ptr : "")))
		return oom();
	r->count++;
	resdiff_buf_clear(&r->text);
	return 0;
}

/* ---- numbers ------------------------------------------------------------- */

/* One distinct number of the row: its text, and which documents hold it. */
typedef struct {
	uint64_t hash;
	const char *name;     /* in the tokens of the first document holding it */
	size_t holders;
	unsigned char *held;  /* per document */
} row_number;

/* Append `prefix` and the numbers document d holds that a minority of
 * the row holds (held), or that a majority holds and d does not (!held);
 * returns how many, or an error. */
static int list_numbers(reasons *r, const row_number *nums, size_t n, size_t d, bool held,
		size_t present, const char *prefix)
{
	size_t i, shown = 0;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		bool odd = nums[i].holders * 2 <= present;   /* a minority holds it */
		if (held ? !(nums[i].held[d] && odd) : (nums[i].held[d] || odd))
			continue;
		if (shown == RESDIFF_PARALLEL_REASON_NUMBERS) {
			error = resdiff_buf_puts(&r->text, ", ...");
			break;
		}
		error = resdiff_buf_printf(&r->text, "%s%s", shown++ ? ", " : prefix, nums[i].name);
	}
	return error < 0 ? error : (int)shown;
}

static int number_reasons(reasons *r, const resdiff_parallel_row *row, const par_doc *docs,
		size_t ndocs, size_t present)
{
	par_tokens *toks = calloc(ndocs, sizeof(*toks));
	row_number *nums = NULL;
	unsigned char *held = NULL;
	size_t n = 0, alloc = 0, d, t, i;
	int error = 0, has = 0, lacks = 0;

	if (!toks)
		return oom();
	for (d = 0; d < ndocs && !error; d++)
		if (row->cells[d].count)
			error = par_range_tokens(&toks[d], &docs[d], row->cells[d].first, row->cells[d].count);
	for (d = 0; d < ndocs && !error; d++)
		for (t = 0; t < toks[d].count && !error; t++) {
			uint64_t h = toks[d].tok[t].hash;
			for (i = 0; i < n && nums[i].hash != h; i++)
				;
			if (i == n) {
				if (n == alloc) {
					size_t na = alloc ? alloc * 2 : 16;
					row_number *p = realloc(nums, na * sizeof(*p));
					if (!p) {
						error = oom();
						break;
					}
					nums = p;
					alloc = na;
				}
				nums[n].hash = h;
				nums[n].name = toks[d].names.ptr + toks[d].tok[t].name;
				nums[n].holders = 0;
				n++;
			}
		}
	if (!error && n && !(held = calloc(n, ndocs)))
		error = oom();
	for (i = 0; i < n && !error; i++) {
		nums[i].held = held + i * ndocs;
		for (d = 0; d < ndocs; d++)
			for (t = 0; t < toks[d].count; t++)
				if (toks[d].tok[t].hash == nums[i].hash && !nums[i].held[d]) {
					nums[i].held[d] = 1;
					nums[i].holders++;
				}
	}
	for (d = 0; d < ndocs && !error; d++) {
		if (!row->cells[d].count)
			continue;
		resdiff_buf_clear(&r->text);
		if ((has = list_numbers(r, nums, n, d, true, present, "has ")) < 0 ||
		    (lacks = list_numbers(r, nums, n, d, false, present, has ? "; lacks " : "lacks ")) < 0)
			error = has < 0 ? has : lacks;
		else if (has || lacks)
			error = add(r, RESDIFF_PARALLEL_NUMBERS, d);
	}
	for (d = 0; d < ndocs; d++)
		par_tokens_dispose(&toks[d]);
	free(toks);
	free(nums);
	free(held);
	return error;
}

/* ---- the other flags ----------------------------------------------------- */

/* The value most documents of the row have (the first among equals). */
static size_t majority(const size_t *value, const resdiff_parallel_row *row, size_t ndocs)
{
	size_t d, e, best = 0, best_n = 0;
	for (d = 0; d < ndocs; d++) {
		size_t n = 0;
		if (!row->cells[d].count)
			continue;
		for (e = 0; e < ndocs; e++)
			n += row->cells[e].count && value[e] == value[d];
		if (n > best_n) {
			best_n = n;
			best = value[d];
		}
	}
	return best;
}

static int kind_reasons(reasons *r, const resdiff_parallel_row *row, const par_doc *docs,
		size_t ndocs, size_t *value)
{
	size_t d, mode;
	int error = 0;
	for (d = 0; d < ndocs; d++)
		value[d] = row->cells[d].count ? (size_t)docs[d].units[row->cells[d].first].kind : 0;
	mode = majority(value, row, ndocs);
	for (d = 0; d < ndocs && !error; d++)
		if (row->cells[d].count && value[d] != mode &&
		    (error = resdiff_buf_printf(&r->text, "%s where the others have %s",
				resdiff_unit_kind_name((resdiff_unit_kind)value[d]),
				resdiff_unit_kind_name((resdiff_unit_kind)mode))) == 0)
			error = add(r, RESDIFF_PARALLEL_KIND, d);
	return error;
}

static int list_reasons(reasons *r, const resdiff_parallel_row *row, const par_doc *docs,
		size_t ndocs, size_t *value)
{
	size_t d, i, mode;
	int error = 0;
	for (d = 0; d < ndocs; d++) {
		value[d] = 0;
		for (i = 0; i < row->cells[d].count; i++)
			value[d] += docs[d].units[row->cells[d].first + i].list_items;
	}
	mode = majority(value, row, ndocs);
	for (d = 0; d < ndocs && !error; d++)
		if (row->cells[d].count && value[d] != mode &&
		    (error = resdiff_buf_printf(&r->text, "%zu list item%s where the others have %zu",
				value[d], value[d] == 1 ? "" : "s", mode)) == 0)
			error = add(r, RESDIFF_PARALLEL_LIST, d);
	return error;
}

static int length_reasons(reasons *r, const resdiff_parallel_row *row, const par_doc *docs,
		size_t ndocs)
{
	double x[RESDIFF_PARALLEL_MAX_DOCS], sorted[RESDIFF_PARALLEL_MAX_DOCS], median, worst = 0;
	size_t d, e, n = 0, worst_doc = RESDIFF_PARALLEL_NO_DOC;
	int error = 0;

	for (d = 0; d < ndocs; d++) {
		const resdiff_parallel_cell *c = &row->cells[d];
		if (!c->count)
			continue;
		x[d] = log((double)(docs[d].prefix[c->first + c->count] - docs[d].prefix[c->first])) -
			docs[d].log_ratio;
		/* insertion into sorted */
		for (e = n++; e > 0 && sorted[e - 1] > x[d]; e--)
			sorted[e] = sorted[e - 1];
		sorted[e] = x[d];
	}
	if (n < 2)
		return 0;
	median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	/* with two documents the median is between them: name the shorter */
	for (d = 0; d < ndocs; d++)
		if (row->cells[d].count && (fabs(x[d] - median) > worst ||
		    (n == 2 && fabs(x[d] - median) == worst && x[d] < median))) {
			worst = fabs(x[d] - median);
			worst_doc = d;
		}
	for (d = 0; d < ndocs && !error; d++) {
		if (!row->cells[d].count || (d != worst_doc && fabs(x[d] - median) <= log(REASON_LENGTH_FACTOR)))
			continue;
		if ((error = resdiff_buf_printf(&r->text, "%.0f%% of the length the others give",
				100 * exp(x[d] - median))) == 0)
			error = add(r, RESDIFF_PARALLEL_LENGTH, d);
	}
	return error;
}

int par_row_reasons(resdiff_parallel_row *row, const par_doc *docs, size_t ndocs,
		resdiff_arena *arena)
{
	reasons r;
	size_t d, present = 0, value[RESDIFF_PARALLEL_MAX_DOCS];
	int error = 0;

	memset(&r, 0, sizeof(r));
	r.arena = arena;
	row->reasons = NULL;
	row->reason_count = 0;
	if (!row->flags)
		return 0;
	for (d = 0; d < ndocs; d++)
		present += row->cells[d].count > 0;
	/* a paragraph most languages lack is named where it is; one that
	 * most have, where it is missing */
	for (d = 0; d < ndocs && !error && (row->flags & RESDIFF_PARALLEL_MISSING); d++) {
		bool odd = present * 2 < ndocs ? row->cells[d].count > 0 : !row->cells[d].count;
		if (odd && (error = resdiff_buf_puts(&r.text, row->cells[d].count ? "only here: the others lack it"
				: "no counterpart")) == 0)
			error = add(&r, RESDIFF_PARALLEL_MISSING, d);
	}
	if (!error && (row->flags & RESDIFF_PARALLEL_NUMBERS))
		error = number_reasons(&r, row, docs, ndocs, present);
	if (!error && (row->flags & RESDIFF_PARALLEL_LENGTH))
		error = length_reasons(&r, row, docs, ndocs);
	if (!error && (row->flags & RESDIFF_PARALLEL_KIND))
		error = kind_reasons(&r, row, docs, ndocs, value);
	for (d = 0; d < ndocs && !error && (row->flags & RESDIFF_PARALLEL_SPLIT); d++)
		if (row->cells[d].count > 1 &&
		    (error = resdiff_buf_printf(&r.text, "%zu units", row->cells[d].count)) == 0)
			error = add(&r, RESDIFF_PARALLEL_SPLIT, d);
	if (!error && (row->flags & RESDIFF_PARALLEL_LIST))
		error = list_reasons(&r, row, docs, ndocs, value);
	if (!error) {
		row->reasons = r.list;
		row->reason_count = r.count;
	}
	resdiff_buf_dispose(&r.text);
	return error;
}

/* ---- the documents' metadata --------------------------------------------- */

/* One field of every document: the documents whose value is not the
 * majority's are named ("date 1949-12-10 where the others have
 * 1948-12-10"); documents without one are left out. */
static int meta_field(reasons *r, const resdiff_parallel *p, const char *name, size_t offset)
{
	const char *value[RESDIFF_PARALLEL_MAX_DOCS], *mode = NULL;
	size_t d, e, given = 0, best = 0;
	int error = 0;

	for (d = 0; d < p->doc_count; d++) {
		value[d] = *(const char *const *)((const char *)&p->docs[d]->meta + offset);
		if (value[d] && !*value[d])
			value[d] = NULL;
		given += value[d] != NULL;
	}
	if (given < 2)
		return 0;
	for (d = 0; d < p->doc_count; d++) {
		size_t n = 0;
		for (e = 0; value[d] && e < p->doc_count; e++)
			n += value[e] && !strcmp(value[e], value[d]);
		if (n > best) {
			best = n;
			mode = value[d];
		}
	}
	for (d = 0; d < p->doc_count && !error; d++) {
		const char *other = mode;
		if (!value[d])
			continue;
		/* no majority: every document is named, against another value */
		if (best * 2 <= given && !strcmp(value[d], mode))
			for (e = 0; e < p->doc_count; e++)
				if (value[e] && strcmp(value[e], mode)) {
					other = value[e];
					break;
				}
		if (!strcmp(value[d], other))
			continue;
		if ((error = resdiff_buf_printf(&r->text, best * 2 <= given ? "%s %s where another has %s" :
				"%s %s where the others have %s", name, value[d], other)) == 0)
			error = add(r, RESDIFF_PARALLEL_NUMBERS, d);
	}
	return error;
}

int par_meta_reasons(resdiff_parallel *p)
{
	reasons r;
	int error;

	memset(&r, 0, sizeof(r));
	r.arena = p->arena;
	if ((error = meta_field(&r, p, "date", offsetof(resdiff_meta, date))) == 0)
		error = meta_field(&r, p, "symbol", offsetof(resdiff_meta, symbol));
	if (!error) {
		p->meta_reasons = r.list;
		p->meta_reason_count = r.count;
		p->meta_flags = r.count ? RESDIFF_PARALLEL_NUMBERS : 0;
	}
	resdiff_buf_dispose(&r.text);
	return error;
}
