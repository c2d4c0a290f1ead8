/* align.c: clause alignment (see resdiff/align.h and docs/DIFF.md): the
 * entry point, pins, and the result. What is compared is in
 * align_score.c, what is decided in align_assign.c. */
#include "align_internal.h"
#include "resdiff/compare.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const relation_names[RESDIFF_REL_COUNT] = {
	"unchanged", "reworded", "split", "merged", "added", "dropped"
};

const char *resdiff_relation_name(resdiff_relation rel)
{
	return (unsigned)rel < RESDIFF_REL_COUNT ? relation_names[rel] : "unknown";
}

int resdiff_relation_from_name(const char *name)
{
	int i;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if (!strcmp(name, relation_names[i]))
			return i;
	return -1;
}

bool resdiff_change_low_confidence(const resdiff_change *change)
{
	return change->old_count && change->new_count && !change->pinned &&
	       change->confidence >= 0 && change->confidence < RESDIFF_ALIGN_LOW_CONFIDENCE;
}

int resdiff_align_pin_parse(resdiff_align_pin *pin, char *spec)
{
	char *eq = strchr(spec, '=');

	memset(pin, 0, sizeof(*pin));
	if (!eq || eq == spec || !eq[1])
		return resdiff_error_set(RESDIFF_EINVALID, "bad pin '%s' (want OLD=NEW or OLD!=NEW)", spec);
	pin->new_id = eq + 1;
	if (eq > spec && eq[-1] == '!') {
		pin->forbid = true;
		eq--;
		if (eq == spec)
			return resdiff_error_set(RESDIFF_EINVALID, "bad pin '%s'", spec);
	}
	*eq = '\0';
	pin->old_id = spec;
	return 0;
}

int align_oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

void *align_scratch_calloc(aligner *a, size_t count, size_t size)
{
	void *p;
	size_t bytes;
	if (count && size > SIZE_MAX / count)
		return NULL;
	bytes = count * size;
	if (bytes == 0)
		bytes = 1;
	p = resdiff_arena_alloc(a->scratch, bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

bool align_key_equal(const aligner *a, size_t o, size_t n)
{
	return a->o.keylen[o] == a->n.keylen[n] &&
	       !memcmp(a->o.key[o], a->n.key[n], a->o.keylen[o]);
}

/* Groups. */
int align_group_new(size_t *out, aligner *a)
{
	*out = 0;  /* set on every path: gcc 12 -O3 cannot see the callers check errors */
	if (a->ngroups == a->agroups) {
		size_t na = a->agroups ? a->agroups * 2 : 64;
		align_group *g = realloc(a->groups, na * sizeof(*g));
		if (!g)
			return align_oom();
		a->groups = g;
		a->agroups = na;
	}
	memset(&a->groups[a->ngroups], 0, sizeof(align_group));
	*out = a->ngroups++;
	return 0;
}

int align_group_add(aligner *a, size_t g, size_t o, size_t n)
{
	align_group *gr = &a->groups[g];
	if (o != NONE) {
		if (gr->nold == RESDIFF_ALIGN_MAX_GROUP)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"more than %d clauses pinned together", RESDIFF_ALIGN_MAX_GROUP);
		gr->old[gr->nold++] = o;
		a->o.group[o] = g;
	}
	if (n != NONE) {
		if (gr->nnew == RESDIFF_ALIGN_MAX_GROUP)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"more than %d clauses pinned together", RESDIFF_ALIGN_MAX_GROUP);
		gr->new[gr->nnew++] = n;
		a->n.group[n] = g;
	}
	return 0;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

static int cmp_pair(const void *x, const void *y)
{
	const align_pair *a = x, *b = y;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

bool align_is_forbidden(const aligner *a, size_t o, size_t n)
{
	align_pair key = { o, n };
	return a->nforbidden &&
	       bsearch(&key, a->forbidden, a->nforbidden, sizeof(align_pair), cmp_pair) != NULL;
}

static int unit_index(size_t *out, const resdiff_doc *doc, const char *id, const char *which)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, id);
	if (!u)
		return resdiff_error_set(RESDIFF_ENOTFOUND, "pin: no clause %s in the %s text", id, which);
	*out = (size_t)(u - doc->units);
	return 0;
}

static int place_pins(aligner *a, const resdiff_align_options *opts)
{
	size_t i, k, nf = 0;
	int error;

	if (opts->pin_count > RESDIFF_ALIGN_MAX_PINS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d pins", RESDIFF_ALIGN_MAX_PINS);
	for (i = 0; i < opts->pin_count; i++)
		nf += opts->pins[i].forbid;
	if (nf && !(a->forbidden = align_scratch_calloc(a, nf, sizeof(align_pair))))
		return align_oom();
	for (i = 0; i < opts->pin_count; i++) {
		const resdiff_align_pin *p = &opts->pins[i];
		size_t o = NONE, n = NONE, go, gn, g;
		if ((error = unit_index(&o, a->o.doc, p->old_id, "old")) < 0 ||
		    (error = unit_index(&n, a->n.doc, p->new_id, "new")) < 0)
			return error;
		if (p->forbid) {
			a->forbidden[a->nforbidden].o = o;
			a->forbidden[a->nforbidden++].n = n;
			continue;
		}
		go = a->o.group[o];
		gn = a->n.group[n];
		if (go == NONE && gn == NONE) {
			if ((error = align_group_new(&g, a)) < 0 || (error = align_group_add(a, g, o, n)) < 0)
				return error;
			a->groups[g].pinned = true;
		} else if (go == NONE) {
			if ((error = align_group_add(a, gn, o, NONE)) < 0)
				return error;
		} else if (gn == NONE) {
			if ((error = align_group_add(a, go, NONE, n)) < 0)
				return error;
		} else if (go != gn) {
			/* Two pinned groups joined by a third pin: one group. */
			align_group *src = &a->groups[gn];
			for (k = 0; k < src->nold; k++)
				if ((error = align_group_add(a, go, src->old[k], NONE)) < 0)
					return error;
			for (k = 0; k < src->nnew; k++)
				if ((error = align_group_add(a, go, NONE, src->new[k])) < 0)
					return error;
			src->nold = src->nnew = 0;
		}
	}
	for (i = 0; i < a->nforbidden; i++) {
		size_t go = a->o.group[a->forbidden[i].o];
		if (go != NONE && go == a->n.group[a->forbidden[i].n])
			return resdiff_error_set(RESDIFF_EINVALID, "pin: %s=%s is both pinned and forbidden",
				a->o.doc->units[a->forbidden[i].o].id, a->n.doc->units[a->forbidden[i].n].id);
	}
	if (a->nforbidden)
		qsort(a->forbidden, a->nforbidden, sizeof(align_pair), cmp_pair);
	return 0;
}

/* Footnotes of a clause as a sorted list of body keys (labels are
 * renumbered between versions; the bodies are what matter). */
static int footnote_keys(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	char **keys = NULL;
	size_t nkeys = 0, total = 0, i, k;
	int error = 0;

	for (i = 0; i < n; i++)
		total += doc->units[units[i]].fnref_count;
	if (!total)
		return 0;
	if (!(keys = calloc(total, sizeof(*keys))))
		return align_oom();
	for (i = 0; i < n; i++) {
		const resdiff_unit *u = &doc->units[units[i]];
		for (k = 0; k < u->fnref_count; k++) {
			const resdiff_footnote *f = resdiff_doc_footnote(doc, u->fnrefs[k].label);
			resdiff_buf key = RESDIFF_BUF_INIT;
			if (f)
				error = resdiff_compare_key(&key, f->text, strlen(f->text), RESDIFF_KEY_EXACT);
			else
				error = resdiff_buf_printf(&key, "#%s", u->fnrefs[k].label);
			if (!error && !key.ptr)
				error = resdiff_buf_put(&key, "", 0);
			if (error) {
				resdiff_buf_dispose(&key);
				goto done;
			}
			keys[nkeys++] = resdiff_buf_detach(&key);
		}
	}
	for (i = 1; i < nkeys; i++) {  /* insertion sort: a clause cites few footnotes */
		char *x = keys[i];
		for (k = i; k > 0 && strcmp(keys[k - 1], x) > 0; k--)
			keys[k] = keys[k - 1];
		keys[k] = x;
	}
	for (i = 0; i < nkeys && !error; i++)
		if ((error = resdiff_buf_puts(out, keys[i])) == 0)
			error = resdiff_buf_putc(out, '\n');
done:
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return error;
}

static int footnotes_changed(bool *out, const aligner *a, const align_group *g)
{
	resdiff_buf fo = RESDIFF_BUF_INIT, fn = RESDIFF_BUF_INIT;
	int error;

	*out = false;
	if ((error = footnote_keys(&fo, a->o.doc, g->old, g->nold)) < 0 ||
	    (error = footnote_keys(&fn, a->n.doc, g->new, g->nnew)) < 0)
		goto done;
	*out = fo.size != fn.size || (fo.size && memcmp(fo.ptr, fn.ptr, fo.size));
done:
	resdiff_buf_dispose(&fo);
	resdiff_buf_dispose(&fn);
	return error;
}

/* Moved: matched groups outside the longest increasing run of new
 * positions taken in old order (patience LIS with predecessors). */
static int mark_moves(aligner *a)
{
	size_t *order = NULL, *tails = NULL, *prev = NULL, n = 0, len = 0, i;
	int error = 0;

	if (!a->ngroups)
		return 0;
	if (!(order = malloc(a->ngroups * sizeof(*order))) ||
	    !(tails = malloc(a->ngroups * sizeof(*tails))) ||
	    !(prev = malloc(a->ngroups * sizeof(*prev)))) {
		error = align_oom();
		goto done;
	}
	/* Groups in old order: walk the old units. */
	for (i = 0; i < a->o.n; i++) {
		size_t g = a->o.group[i];
		if (g != NONE && a->groups[g].nnew && a->groups[g].old[0] == i)
			order[n++] = g;
	}
	for (i = 0; i < n; i++) {
		size_t key = a->groups[order[i]].new[0], lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (a->groups[order[tails[mid]]].new[0] < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tails[lo - 1] : NONE;
		tails[lo] = i;
		if (lo == len)
			len++;
		a->groups[order[i]].moved = true;
	}
	for (i = len ? tails[len - 1] : NONE; i != NONE; i = prev[i])
		a->groups[order[i]].moved = false;
done:
	free(order);
	free(tails);
	free(prev);
	return error;
}

/* Equal once case and punctuation are ignored (the loose keys, whose
 * hashes align_score.c keeps). */
static bool editorial(const aligner *a, size_t o, size_t n)
{
	return a->o.loose[o] == a->n.loose[n];
}

static int cmp_group_order(const void *x, const void *y)
{
	const align_group *a = x, *b = y;
	if (a->sort_pos != b->sort_pos)
		return a->sort_pos < b->sort_pos ? -1 : 1;
	if (a->sort_sub != b->sort_sub)
		return a->sort_sub < b->sort_sub ? -1 : 1;
	return a->old[0] < b->old[0] ? -1 : a->old[0] > b->old[0];
}

static int build(resdiff_alignment *al, aligner *a)
{
	size_t i, k, live = 0;
	long before;  /* new position of the last old clause read that has one */
	int error;

	/* Every free unit is added or dropped. */
	for (i = 0; i < a->o.n; i++)
		if (a->o.group[i] == NONE &&
		    ((error = align_group_new(&k, a)) < 0 || (error = align_group_add(a, k, i, NONE)) < 0))
			return error;
	for (i = 0; i < a->n.n; i++)
		if (a->n.group[i] == NONE &&
		    ((error = align_group_new(&k, a)) < 0 || (error = align_group_add(a, k, NONE, i)) < 0))
			return error;
	/* Drop emptied groups (pins joined), sort members. */
	for (i = 0; i < a->ngroups; i++) {
		align_group *g = &a->groups[i];
		if (!g->nold && !g->nnew)
			continue;
		qsort(g->old, g->nold, sizeof(size_t), cmp_size);
		qsort(g->new, g->nnew, sizeof(size_t), cmp_size);
		a->groups[live++] = *g;
	}
	a->ngroups = live;
	for (i = 0; i < a->ngroups; i++) {
		for (k = 0; k < a->groups[i].nold; k++)
			a->o.group[a->groups[i].old[k]] = i;
		for (k = 0; k < a->groups[i].nnew; k++)
			a->n.group[a->groups[i].new[k]] = i;
	}
	if ((error = mark_moves(a)) < 0)
		return error;
	/* Reading order: by first new clause; a dropped clause after the
	 * change holding the nearest old clause before it that has a new
	 * side. One pass in old order carries that clause's position (a
	 * walk back from each dropped clause was quadratic in a run of
	 * dropped clauses: 20 000 of them took 2 * 10^8 steps). */
	for (i = 0; i < a->ngroups; i++) {
		align_group *g = &a->groups[i];
		g->sort_pos = g->nnew ? (long)g->new[0] : -1;
		g->sort_sub = g->nnew ? 0 : 1;
	}
	for (i = 0, before = -1; i < a->o.n; i++) {
		align_group *g = &a->groups[a->o.group[i]];
		if (g->nnew)
			before = (long)g->new[0];
		else if (g->old[0] == i)
			g->sort_pos = before;
	}
	if (a->ngroups)
		qsort(a->groups, a->ngroups, sizeof(align_group), cmp_group_order);

	al->change_count = a->ngroups;
	if (!(al->changes = resdiff_arena_alloc(al->arena, (a->ngroups ? a->ngroups : 1) * sizeof(resdiff_change))) ||
	    !(al->old_change = resdiff_arena_alloc(al->arena, (a->o.n ? a->o.n : 1) * sizeof(size_t))) ||
	    !(al->new_change = resdiff_arena_alloc(al->arena, (a->n.n ? a->n.n : 1) * sizeof(size_t))))
		return align_oom();
	for (i = 0; i < a->ngroups; i++) {
		align_group *g = &a->groups[i];
		resdiff_change *c = &al->changes[i];
		size_t *olds = NULL, *news = NULL;

		memset(c, 0, sizeof(*c));
		if ((g->nold && !(olds = resdiff_arena_alloc(al->arena, g->nold * sizeof(size_t)))) ||
		    (g->nnew && !(news = resdiff_arena_alloc(al->arena, g->nnew * sizeof(size_t)))))
			return align_oom();
		if (g->nold)
			memcpy(olds, g->old, g->nold * sizeof(size_t));
		if (g->nnew)
			memcpy(news, g->new, g->nnew * sizeof(size_t));
		c->old_units = olds;
		c->old_count = g->nold;
		c->new_units = news;
		c->new_count = g->nnew;
		c->pinned = g->pinned;
		for (k = 0; k < g->nold; k++)
			al->old_change[g->old[k]] = i;
		for (k = 0; k < g->nnew; k++)
			al->new_change[g->new[k]] = i;
		if (!g->nnew) {
			c->relation = RESDIFF_REL_DROPPED;
			c->similarity = -1;
			c->confidence = -1;
		} else if (!g->nold) {
			c->relation = RESDIFF_REL_ADDED;
			c->similarity = -1;
			c->confidence = -1;
		} else {
			const resdiff_unit *uo = &a->o.doc->units[g->old[0]];
			const resdiff_unit *un = &a->n.doc->units[g->new[0]];
			if (g->nold == 1 && g->nnew == 1 && align_key_equal(a, g->old[0], g->new[0])) {
				c->relation = RESDIFF_REL_UNCHANGED;
				c->similarity = 1.0;
			} else {
				if (g->nold == 1 && g->nnew == 1)
					c->relation = RESDIFF_REL_REWORDED;
				else
					c->relation = g->nnew >= g->nold ? RESDIFF_REL_SPLIT : RESDIFF_REL_MERGED;
				c->similarity = g->similarity;
				if (c->similarity >= 1.0)
					c->similarity = 0.999;  /* same n-grams, different text */
				c->editorial = c->relation == RESDIFF_REL_REWORDED &&
					editorial(a, g->old[0], g->new[0]);
			}
			c->confidence = g->confidence;
			c->moved = g->moved;
			c->renumbered = !g->moved && strcmp(uo->id, un->id) &&
				((uo->label && uo->label[0]) || (un->label && un->label[0]));
			if ((error = footnotes_changed(&c->footnotes, a, g)) < 0)
				return error;
			al->moved += c->moved;
			al->renumbered += c->renumbered;
		}
		al->stats[c->relation]++;
	}
	return 0;
}

/* Matched changes under the user's floors (--min-confidence,
 * --threshold) become dropped + added; pins stay, and so does a clause
 * found again with the same text (one to one, similarity 1): its
 * confidence is just under 1, and `--min-confidence 1` turned every
 * identical clause into dropped + added (found in review). */
static void apply_floors(aligner *a, const resdiff_align_options *opts)
{
	size_t i, k;
	for (i = 0; i < a->ngroups; i++) {
		align_group *g = &a->groups[i];
		if (g->pinned || !g->nold || !g->nnew ||
		    (g->nold == 1 && g->nnew == 1 && g->similarity >= 1.0))
			continue;
		if (!(opts->min_confidence > 0 && g->confidence < opts->min_confidence) &&
		    !(opts->threshold > 0 && g->similarity < opts->threshold))
			continue;
		for (k = 0; k < g->nold; k++)
			a->o.group[g->old[k]] = NONE;
		for (k = 0; k < g->nnew; k++)
			a->n.group[g->new[k]] = NONE;
		g->nold = g->nnew = 0;
	}
}

/* Every candidate, as the model saw it, to the caller's function. */
static void report_candidates(const aligner *a, const resdiff_alignment *al,
		const resdiff_align_options *opts)
{
	size_t i;
	for (i = 0; opts->on_candidate && i < a->ncands; i++) {
		const align_cand *c = &a->cands[i];
		resdiff_align_candidate rc;
		memset(&rc, 0, sizeof(rc));
		rc.old_unit = c->o;
		rc.new_unit = c->n;
		memcpy(rc.feature, c->feature, sizeof(rc.feature));
		rc.probability = c->p;
		rc.best = c->best;
		rc.chosen = al->old_change[c->o] == al->new_change[c->n];
		opts->on_candidate(&rc, opts->payload);
	}
}

static void side_dispose(align_side *s)
{
	if (!s->borrowed) {
		free(s->gram);
		free(s->rolling);
	}
	free(s->weight);
	free(s->prange);
}

/* The inverted index (align_weights) is read by align_candidates only:
 * released before the model runs, so that the postings and the
 * candidates are never resident together. */
static void index_free(aligner *a)
{
	free(a->post);
	free(a->o.prange);
	a->post = NULL;
	a->o.prange = NULL;
}

/* A side of aligner a: prepared here from doc, or borrowed from prep. */
static int side_of(aligner *a, align_side *s, const resdiff_doc *doc,
		const resdiff_align_prepared *prep)
{
	if (!prep)
		return align_side_prepare(a, s, doc);
	if (prep->model != a->model)
		return resdiff_error_set(RESDIFF_EINVALID, "a side prepared for another alignment model");
	return align_side_borrow(a, s, &prep->side);
}

/* The across-series gate (docs/DIFF.md, "Across-series gate"): with a
 * gate, formula grams weigh as any other first; when the candidates say
 * the two texts share less than the gate (texts of different series), the
 * weights and candidates are computed again with the model's factor.
 * Texts that share more (a series' successive texts) are aligned as
 * without the formula model, by construction; a language without a
 * table (no gram marked) never pays for the second pass. */
static int formula_gate(aligner *a)
{
	double factor = align_model_formula(a->model);
	int error;

	if (a->model->formula_gate <= 0 || factor >= 1 || a->formula == factor ||
	    !(a->o.formulas || a->n.formulas) || align_share(a) >= a->model->formula_gate)
		return 0;
	a->formula = factor;
	a->ncands = 0;
	index_free(a);
	if ((error = align_weights(a)) < 0)
		return error;
	return align_candidates(a);
}

static int align_run(resdiff_alignment **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_prepared *old_prep,
		const resdiff_align_prepared *new_prep, const resdiff_align_options *opts)
{
	static const resdiff_align_options defaults = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al = NULL;
	aligner a;
	int error;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	memset(&a, 0, sizeof(a));
	a.model = opts->model ? opts->model : resdiff_align_model_default();
	if (!(a.scratch = resdiff_arena_new()) || !(al = calloc(1, sizeof(*al))) ||
	    !(al->arena = resdiff_arena_new())) {
		error = align_oom();
		goto done;
	}
	al->old_doc = old_doc;
	al->new_doc = new_doc;
	a.formula = a.model->formula_gate > 0 ? 1 : align_model_formula(a.model);
	if ((error = side_of(&a, &a.o, old_doc, old_prep)) < 0 ||
	    (error = side_of(&a, &a.n, new_doc, new_prep)) < 0 ||
	    (error = align_weights(&a)) < 0 ||
	    (error = place_pins(&a, opts)) < 0 ||
	    (error = align_candidates(&a)) < 0 ||
	    (error = formula_gate(&a)) < 0)
		goto done;
	index_free(&a);
	if ((error = align_assign(&a)) < 0 ||
	    (error = align_split_merge(&a)) < 0 ||
	    (error = align_confidence(&a)) < 0)
		goto done;
	apply_floors(&a, opts);
	if ((error = build(al, &a)) < 0)
		goto done;
	report_candidates(&a, al, opts);
	al->work = a.work;
	*out = al;
	al = NULL;
done:
	side_dispose(&a.o);
	side_dispose(&a.n);
	align_group_memo_free(&a);
	free(a.groups);
	free(a.cands);
	free(a.post);
	resdiff_arena_free(a.scratch);
	resdiff_alignment_free(al);
	return error;
}

int resdiff_align(resdiff_alignment **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts)
{
	return align_run(out, old_doc, new_doc, NULL, NULL, opts);
}

int resdiff_align_prepare(resdiff_align_prepared **out, const resdiff_doc *doc,
		const resdiff_align_options *opts)
{
	resdiff_align_prepared *p = NULL;
	aligner a;
	int error = 0;

	*out = NULL;
	memset(&a, 0, sizeof(a));
	if (!(p = calloc(1, sizeof(*p))) || !(p->arena = resdiff_arena_new())) {
		error = align_oom();
		goto done;
	}
	p->model = a.model = opts && opts->model ? opts->model : resdiff_align_model_default();
	a.scratch = p->arena;
	if ((error = align_side_prepare(&a, &p->side, doc)) < 0)
		goto done;
	/* weights, sums and groups belong to each alignment; the grams were
	 * allocated for the worst case: keep what was written */
	free(p->side.weight);
	p->side.weight = NULL;
	if (p->side.total) {
		uint32_t *g = realloc(p->side.gram, p->side.total * sizeof(*g));
		uint8_t *r = realloc(p->side.rolling, p->side.total);
		if (g)
			p->side.gram = g;
		if (r)
			p->side.rolling = r;
	}
	*out = p;
	p = NULL;
done:
	resdiff_align_prepared_free(p);
	return error;
}

void resdiff_align_prepared_free(resdiff_align_prepared *prepared)
{
	if (!prepared)
		return;
	prepared->side.borrowed = false;
	side_dispose(&prepared->side);
	resdiff_arena_free(prepared->arena);
	free(prepared);
}

int resdiff_align_prepared_run(resdiff_alignment **out, const resdiff_align_prepared *old_side,
		const resdiff_align_prepared *new_side, const resdiff_align_options *opts)
{
	return align_run(out, old_side->side.doc, new_side->side.doc, old_side, new_side, opts);
}

void resdiff_alignment_free(resdiff_alignment *alignment)
{
	if (!alignment)
		return;
	resdiff_arena_free(alignment->arena);
	free(alignment);
}
