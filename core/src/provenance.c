/* provenance.c: blame and trace over the clause index (docs/PROVENANCE.md).
 * Reads the index through index_internal.h; checks every file it uses
 * against the record and rebuilds the index when they disagree. */
#include "index_internal.h"

#include <stdlib.h>
#include <string.h>
#include "resdiff/text.h"

#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")
/* Internal: an index file disagrees with the record. */
#define INDEX_STALE 1

typedef struct {
	index_entry e;
	unsigned *stamp;          /* per clause: the walk that last visited it */
} pentry;

typedef struct {
	resdiff_store *s;
	resdiff_provenance *prov;
	git_tree *index, *record;   /* the stored index (when fresh), the record */
	index_mem *mem;             /* else the index computed in memory */
	bool full;                  /* compute every entry (the stored ones lied) */
	const char *language;
	pentry **table;           /* open addressing on the symbol */
	size_t mask, count;
	unsigned walk;
} prov_ctx;

typedef struct {
	pentry *from, *to;
	size_t from_unit, to_unit;
	const index_link *link;
} edge;

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int table_grow(prov_ctx *c)
{
	size_t n = c->mask ? (c->mask + 1) * 2 : 256, i;
	pentry **t = calloc(n, sizeof(*t));
	if (!t)
		return NOMEM();
	for (i = 0; c->table && i <= c->mask; i++)
		if (c->table[i]) {
			size_t k = str_hash(c->table[i]->e.symbol) & (n - 1);
			while (t[k])
				k = (k + 1) & (n - 1);
			t[k] = c->table[i];
		}
	free(c->table);
	c->table = t;
	c->mask = n - 1;
	return 0;
}

static pentry *table_find(const prov_ctx *c, const char *symbol)
{
	size_t k;
	if (!c->table)
		return NULL;
	for (k = str_hash(symbol) & c->mask; c->table[k]; k = (k + 1) & c->mask)
		if (!strcmp(c->table[k]->e.symbol, symbol))
			return c->table[k];
	return NULL;
}

static int table_add(prov_ctx *c, pentry *p)
{
	size_t k;
	int error;
	if ((c->count + 1) * 2 > c->mask + 1 && (error = table_grow(c)) < 0)
		return error;
	for (k = str_hash(p->e.symbol) & c->mask; c->table[k]; k = (k + 1) & c->mask)
		;
	c->table[k] = p;
	c->count++;
	return 0;
}

/* Check an entry against the record and add it to the table. */
static int entry_add(pentry **out, prov_ctx *c, pentry *p, const char *path)
{
	git_tree_entry *rec = NULL;
	int error = 0;

	/* never trusted blindly: the file must describe the record's text */
	if (git_tree_entry_bypath(&rec, c->record, path) < 0 ||
	    !git_oid_equal(git_tree_entry_id(rec), &p->e.blob) || strcmp(p->e.language, c->language)) {
		git_error_clear();
		error = INDEX_STALE;
		goto done;
	}
	if (!(p->stamp = resdiff_arena_alloc(c->prov->arena, (p->e.unit_count + 1) * sizeof(unsigned)))) {
		error = NOMEM();
		goto done;
	}
	memset(p->stamp, 0, (p->e.unit_count + 1) * sizeof(unsigned));
	if ((error = table_add(c, p)) < 0)
		goto done;
	*out = p;
done:
	git_tree_entry_free(rec);
	return error;
}

/* Parse one index file of the stored index. */
static int entry_from_blob(pentry **out, prov_ctx *c, const git_oid *file, const char *path)
{
	resdiff_arena *arena = c->prov->arena;
	git_blob *blob = NULL;
	pentry *p;
	int error = 0;

	*out = NULL;
	if (git_blob_lookup(&blob, c->s->repo, file) < 0) {
		git_error_clear();
		return INDEX_STALE;
	}
	if (!(p = resdiff_arena_alloc(arena, sizeof(*p)))) {
		error = NOMEM();
		goto done;
	}
	if (index_entry_parse(&p->e, arena, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
			path, false) < 0) {
		resdiff_error_clear();
		error = INDEX_STALE;
		goto done;
	}
	error = entry_add(out, c, p, path);
done:
	git_blob_free(blob);
	return error;
}

static int get_entry(pentry **out, prov_ctx *c, const char *symbol)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	git_tree_entry *te = NULL;
	int error;

	if ((*out = table_find(c, symbol)))
		return 0;
	if ((error = store_doc_path(&path, symbol, c->language)) < 0)
		goto done;
	if (c->mem) {
		const index_entry *e = index_mem_find(c->mem, path.ptr);
		pentry *p;
		if (!e) {
			error = INDEX_STALE;
			goto done;
		}
		if (!(p = resdiff_arena_alloc(c->prov->arena, sizeof(*p)))) {
			error = NOMEM();
			goto done;
		}
		p->e = *e;
		error = entry_add(out, c, p, path.ptr);
		goto done;
	}
	if (git_tree_entry_bypath(&te, c->index, path.ptr) < 0) {
		git_error_clear();
		error = INDEX_STALE;
		goto done;
	}
	error = entry_from_blob(out, c, git_tree_entry_id(te), path.ptr);
done:
	git_tree_entry_free(te);
	resdiff_buf_dispose(&path);
	return error;
}

static size_t unit_index(const pentry *p, const char *id)
{
	size_t u;
	for (u = 0; u < p->e.unit_count; u++)
		if (!strcmp(p->e.unit_ids[u], id))
			return u;
	return SIZE_MAX;
}

/* The length of an id's kind prefix ("OP" of "OP12"), or 0 when the id
 * is not a prefix and a plain number ("OP3(a)", "OP3~2", "H1.2"). */
static size_t plain_prefix(const char *id)
{
	size_t k = 0;
	while (id[k] >= 'A' && id[k] <= 'Z')
		k++;
	if (!k || !id[k])
		return 0;
	return id[k + strspn(id + k, "0123456789")] ? 0 : k;
}

#define CLAUSE_RUNS_MAX 6  /* runs of clause ids named when one is not found */

/* "PP1-PP14, OP1-OP28": the document's top-level clause ids, each run of
 * one kind as its first and last (headings inside a run left out), for the
 * "has no clause" message. */
static int clause_runs(resdiff_buf *out, const pentry *p)
{
	size_t u = 0, runs = 0, k;
	int error = 0;
	while (u < p->e.unit_count && !error) {
		size_t first = u, last, len = plain_prefix(p->e.unit_ids[u]);
		if (!len) {
			u++;
			continue;
		}
		for (last = u, k = u + 1; k < p->e.unit_count; k++) {
			size_t l = plain_prefix(p->e.unit_ids[k]);
			/* sub-clauses, and headings between clauses of one kind
			 * (H1, H2: docs/PARSE.md), do not end a run */
			if (!l || (l == 1 && p->e.unit_ids[k][0] == 'H' && len > 1))
				continue;
			if (l != len || strncmp(p->e.unit_ids[k], p->e.unit_ids[first], len))
				break;
			last = k;
		}
		u = k;
		if (runs++ == CLAUSE_RUNS_MAX) {
			error = resdiff_buf_puts(out, ", ...");
			break;
		}
		error = first == last ? resdiff_buf_printf(out, "%s%s", runs > 1 ? ", " : "",
				p->e.unit_ids[first])
			: resdiff_buf_printf(out, "%s%s-%s", runs > 1 ? ", " : "", p->e.unit_ids[first],
				p->e.unit_ids[last]);
	}
	return error;
}

static void clause_ref(resdiff_clause_ref *r, const pentry *p, size_t unit)
{
	r->symbol = p->e.symbol;
	r->language = p->e.language;
	r->date = p->e.date;
	r->series = p->e.series;
	r->unit = p->e.unit_ids[unit];
}

static int cmp_ref(const void *pa, const void *pb)
{
	const resdiff_clause_ref *a = pa, *b = pb;
	int c;
	if (!a->date != !b->date)
		return a->date ? -1 : 1;
	if (a->date && (c = strcmp(a->date, b->date)))
		return c;
	if ((c = resdiff_text_natural_cmp(a->symbol, b->symbol)))
		return c;
	return resdiff_text_natural_cmp(a->unit, b->unit);
}

/* Growable arrays for one walk. */
typedef struct {
	resdiff_lineage_step *steps;
	size_t steps_n, steps_alloc;
	resdiff_clause_ref *ends;
	size_t ends_n, ends_alloc;
	resdiff_clause_ref *weak;     /* reached by a weak step across series only */
	size_t weak_n, weak_alloc;
	edge *queue;
	size_t q_head, q_n, q_alloc;
} walk_bufs;

static int push_step(walk_bufs *w, const edge *ed)
{
	resdiff_lineage_step *st;
	if (w->steps_n >= RESDIFF_PROVENANCE_MAX_STEPS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d steps in one lineage",
			RESDIFF_PROVENANCE_MAX_STEPS);
	if (w->steps_n == w->steps_alloc) {
		size_t na = w->steps_alloc ? w->steps_alloc * 2 : 32;
		resdiff_lineage_step *s = realloc(w->steps, na * sizeof(*s));
		if (!s)
			return NOMEM();
		w->steps = s;
		w->steps_alloc = na;
	}
	st = &w->steps[w->steps_n++];
	clause_ref(&st->from, ed->from, ed->from_unit);
	clause_ref(&st->to, ed->to, ed->to_unit);
	st->relation = ed->link->relation;
	st->similarity = ed->link->similarity;
	st->confidence = ed->link->confidence;
	st->moved = ed->link->moved;
	st->across = ed->link->across;
	return 0;
}

static int push_ref(resdiff_clause_ref **refs, size_t *n, size_t *alloc, const pentry *p, size_t unit)
{
	if (*n == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 8;
		resdiff_clause_ref *e = realloc(*refs, na * sizeof(*e));
		if (!e)
			return NOMEM();
		*refs = e;
		*alloc = na;
	}
	clause_ref(&(*refs)[(*n)++], p, unit);
	return 0;
}

static int push_end(walk_bufs *w, const pentry *p, size_t unit)
{
	return push_ref(&w->ends, &w->ends_n, &w->ends_alloc, p, unit);
}

/* A clause reached only by a weak step across series, once per walk. */
static int push_weak(walk_bufs *w, const pentry *p, size_t unit)
{
	size_t k;
	for (k = 0; k < w->weak_n; k++)
		if (w->weak[k].symbol == p->e.symbol && !strcmp(w->weak[k].unit, p->e.unit_ids[unit]))
			return 0;
	return push_ref(&w->weak, &w->weak_n, &w->weak_alloc, p, unit);
}

/* A link the walk lists but does not follow: weak (under the confidence
 * `resdiff diff` calls low) and across series (the two documents in
 * different series, or one in none). The clause's own series' history
 * decides its origin; such a step is a possibility, shown as one. */
static bool weak_across(const pentry *a, const pentry *b, const index_link *l)
{
	bool same = a->e.series && b->e.series && !strcmp(a->e.series, b->e.series);
	return !same && l->confidence >= 0 && l->confidence < RESDIFF_ALIGN_LOW_CONFIDENCE;
}

/* The queue holds nodes to visit as edges whose `to` (blame: `from`) is
 * the node; the start node is an edge with no link. */
static int enqueue(walk_bufs *w, pentry *p, size_t unit, const edge *via)
{
	edge *e;
	if (w->q_n == w->q_alloc) {
		size_t na = w->q_alloc ? w->q_alloc * 2 : 32;
		edge *q = realloc(w->queue, na * sizeof(*q));
		if (!q)
			return NOMEM();
		w->queue = q;
		w->q_alloc = na;
	}
	e = &w->queue[w->q_n++];
	memset(e, 0, sizeof(*e));
	if (via)
		*e = *via;
	e->to = p;          /* the node */
	e->to_unit = unit;
	return 0;
}

/* One lineage from (start, unit): breadth first, each clause once.
 * Backwards the edges are the node's links ("from"), forwards its reverse
 * links ("to"), each confirmed by the later file's own link. */
static int walk(resdiff_lineage *out, prov_ctx *c, pentry *start, size_t unit)
{
	walk_bufs w;
	resdiff_arena *arena = c->prov->arena;
	size_t wk, kept;
	int error = 0;

	memset(&w, 0, sizeof(w));
	c->walk++;
	start->stamp[unit] = c->walk;
	if ((error = enqueue(&w, start, unit, NULL)) < 0)
		goto done;
	while (w.q_head < w.q_n) {
		pentry *node = w.queue[w.q_head].to;
		size_t nu = w.queue[w.q_head].to_unit, k, found = 0;
		w.q_head++;
		if (!c->prov->forwards) {
			for (k = 0; k < node->e.link_count; k++) {
				const index_link *l = &node->e.links[k];
				pentry *src;
				size_t su;
				edge ed;
				if (l->unit != nu)
					continue;
				if ((error = get_entry(&src, c, l->src_symbol)) != 0)
					goto done;
				if ((su = unit_index(src, l->src_unit)) == SIZE_MAX) {
					error = INDEX_STALE;
					goto done;
				}
				ed.from = src;
				ed.from_unit = su;
				ed.to = node;
				ed.to_unit = nu;
				ed.link = l;
				if ((error = push_step(&w, &ed)) < 0)
					goto done;
				if (weak_across(node, src, l)) {
					if ((error = push_weak(&w, src, su)) < 0)
						goto done;
					continue;
				}
				found++;
				if (src->stamp[su] != c->walk) {
					src->stamp[su] = c->walk;
					if ((error = enqueue(&w, src, su, NULL)) < 0)
						goto done;
				}
			}
		} else {
			for (k = 0; k < node->e.rlink_count; k++) {
				const index_link *l = &node->e.rlinks[k];
				pentry *dst;
				size_t du, j;
				bool confirmed = false;
				edge ed;
				if (l->unit != nu)
					continue;
				if ((error = get_entry(&dst, c, l->src_symbol)) != 0)
					goto done;
				if ((du = unit_index(dst, l->src_unit)) == SIZE_MAX) {
					error = INDEX_STALE;
					goto done;
				}
				/* the later file must say the same: its link back */
				for (j = 0; j < dst->e.link_count && !confirmed; j++)
					confirmed = dst->e.links[j].unit == du &&
						!strcmp(dst->e.links[j].src_symbol, node->e.symbol) &&
						!strcmp(dst->e.links[j].src_unit, node->e.unit_ids[nu]);
				if (!confirmed) {
					error = INDEX_STALE;
					goto done;
				}
				ed.from = node;
				ed.from_unit = nu;
				ed.to = dst;
				ed.to_unit = du;
				ed.link = l;
				if ((error = push_step(&w, &ed)) < 0)
					goto done;
				if (weak_across(node, dst, l)) {
					if ((error = push_weak(&w, dst, du)) < 0)
						goto done;
					continue;
				}
				found++;
				if (dst->stamp[du] != c->walk) {
					dst->stamp[du] = c->walk;
					if ((error = enqueue(&w, dst, du, NULL)) < 0)
						goto done;
				}
			}
		}
		if (!found && (error = push_end(&w, node, nu)) < 0)
			goto done;
	}
	if (w.ends_n > 1)
		qsort(w.ends, w.ends_n, sizeof(*w.ends), cmp_ref);
	/* a clause the walk also reached through its own history is no mere
	 * possibility */
	for (wk = 0, kept = 0; wk < w.weak_n; wk++) {
		const pentry *p = table_find(c, w.weak[wk].symbol);
		size_t u = p ? unit_index(p, w.weak[wk].unit) : SIZE_MAX;
		if (u == SIZE_MAX || p->stamp[u] != c->walk)
			w.weak[kept++] = w.weak[wk];
	}
	w.weak_n = kept;
	if (w.weak_n > 1)
		qsort(w.weak, w.weak_n, sizeof(*w.weak), cmp_ref);
	clause_ref(&out->clause, start, unit);
	out->step_count = w.steps_n;
	out->end_count = w.ends_n;
	out->weak_end_count = w.weak_n;
	if ((w.steps_n && !(out->steps = resdiff_arena_alloc(arena, w.steps_n * sizeof(*out->steps)))) ||
	    (w.ends_n && !(out->ends = resdiff_arena_alloc(arena, w.ends_n * sizeof(*out->ends)))) ||
	    (w.weak_n && !(out->weak_ends = resdiff_arena_alloc(arena, w.weak_n * sizeof(*out->weak_ends))))) {
		error = NOMEM();
		goto done;
	}
	if (w.steps_n)
		memcpy(out->steps, w.steps, w.steps_n * sizeof(*out->steps));
	if (w.ends_n)
		memcpy(out->ends, w.ends, w.ends_n * sizeof(*out->ends));
	if (w.weak_n)
		memcpy(out->weak_ends, w.weak, w.weak_n * sizeof(*out->weak_ends));
done:
	free(w.steps);
	free(w.ends);
	free(w.weak);
	free(w.queue);
	return error;
}

static void ctx_reset(prov_ctx *c)
{
	git_tree_free(c->index);
	git_tree_free(c->record);
	free(c->table);
	c->index = c->record = NULL;
	c->table = NULL;
	c->mask = c->count = 0;
	index_mem_free(c->mem);
	c->mem = NULL;
	resdiff_provenance_free(c->prov);
	c->prov = NULL;
}

/* One attempt; INDEX_STALE when the index disagrees with the record. */
static int run(prov_ctx *c, bool forwards, const char *symbol, const char *unit)
{
	git_oid record;
	git_commit *rc = NULL;
	pentry *start;
	resdiff_doc *doc = NULL;
	size_t i, u = 0;
	int error = 0;

	if (!(c->prov = calloc(1, sizeof(*c->prov))) || !(c->prov->arena = resdiff_arena_new()))
		return NOMEM();
	c->prov->forwards = forwards;
	if (!c->full && (error = index_fresh_tree(&c->index, &c->prov->index_why, &record, c->s)) < 0)
		goto done;
	if (!c->index) {
		/* stale, lost or wrong: readers never write, so compute it here */
		if ((error = index_mem_build(&c->mem, &record, c->s, c->full)) < 0)
			goto done;
		c->prov->index_in_memory = true;
	} else {
		c->prov->index_why = NULL;
	}
	if (git_commit_lookup(&rc, c->s->repo, &record) < 0 || git_commit_tree(&c->record, rc) < 0) {
		error = resdiff_error_set(RESDIFF_EIO, "cannot read the record");
		goto done;
	}
	if ((error = get_entry(&start, c, symbol)) != 0)
		goto done;
	if (unit && (u = unit_index(start, unit)) == SIZE_MAX) {
		resdiff_buf runs = RESDIFF_BUF_INIT;
		if (clause_runs(&runs, start) == 0 && runs.size)
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s (%s) has no clause %s; its "
				"clauses: %s ('resdiff show %s' prints them)", symbol, c->language, unit,
				runs.ptr, symbol);
		else
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s (%s) has no clause %s", symbol,
				c->language, unit);
		resdiff_buf_dispose(&runs);
		goto done;
	}
	if ((error = resdiff_store_read(&doc, NULL, c->s, symbol, c->language, NULL)) < 0)
		goto done;
	c->prov->count = unit ? 1 : start->e.unit_count;
	if (c->prov->count &&
	    !(c->prov->lineages = resdiff_arena_alloc(c->prov->arena, c->prov->count * sizeof(resdiff_lineage)))) {
		error = NOMEM();
		goto done;
	}
	if (doc->unit_count != start->e.unit_count) {
		error = INDEX_STALE;
		goto done;
	}
	for (i = 0; i < c->prov->count; i++) {
		size_t which = unit ? u : i;
		resdiff_lineage *l = &c->prov->lineages[i];
		memset(l, 0, sizeof(*l));
		if ((error = walk(l, c, start, which)) != 0)
			goto done;
		l->text = resdiff_arena_strdup(c->prov->arena, doc->units[which].text);
	}
done:
	resdiff_doc_free(doc);
	git_commit_free(rc);
	return error;
}

/* A full symbol stored in one language (the common case for programs)
 * is found at its path; anything else goes through the forgiving
 * resdiff_store_resolve(), which reads every name of the record. */
static int resolve(char **symbol, char **lang, resdiff_store *s, const char *query,
		const char *language)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	git_object *obj = NULL;
	git_tree *root = NULL;
	git_tree_entry *te = NULL;
	const char *found = NULL;
	size_t i, hits = 0;

	*symbol = *lang = NULL;
	if (git_revparse_single(&obj, s->repo, s->record_ref) < 0 ||
	    git_object_peel((git_object **)&root, obj, GIT_OBJECT_TREE) < 0)
		goto fallback;
	for (i = 0; i < git_tree_entrycount(root); i++) {
		const char *l = git_tree_entry_name(git_tree_entry_byindex(root, i));
		if (language && strcmp(l, language))
			continue;
		resdiff_buf_clear(&path);
		if (store_doc_path(&path, query, l) < 0)
			goto fallback;
		if (git_tree_entry_bypath(&te, root, path.ptr) == 0) {
			hits++;
			found = l;
		}
		git_tree_entry_free(te);
		te = NULL;
	}
	if (hits == 1 && (*symbol = strdup(query)) && (*lang = strdup(found)))
		goto done;
	free(*symbol);
	*symbol = NULL;
fallback:
	resdiff_error_clear();
	git_error_clear();
	git_tree_free(root);
	git_object_free(obj);
	resdiff_buf_dispose(&path);
	return resdiff_store_resolve(symbol, lang, s, query, language, NULL);
done:
	git_tree_free(root);
	git_object_free(obj);
	resdiff_buf_dispose(&path);
	return 0;
}

static int provenance(resdiff_provenance **out, resdiff_store *store, bool forwards,
		const char *query, const char *language, const char *unit)
{
	prov_ctx c;
	char *symbol = NULL, *lang = NULL;
	int attempt, error;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.s = store;
	if (unit && !*unit)   /* "2009/7:": said as "has no clause " before */
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: no clause id after ':' (e.g. %s:OP1%s)", query, query,
			forwards ? "" : "; without ':', every clause");
	if ((error = resolve(&symbol, &lang, store, query, language)) < 0)
		goto done;
	c.language = lang;
	for (attempt = 0; attempt < 2; attempt++) {
		error = run(&c, forwards, symbol, unit);
		if (error != INDEX_STALE)
			break;
		/* the stored index disagrees with the record: compute it whole */
		ctx_reset(&c);
		c.full = true;
	}
	if (error == INDEX_STALE)
		error = resdiff_error_set(RESDIFF_ERROR, "the clause index disagrees with the record "
			"even when computed again");
	if (error < 0)
		goto done;
	c.prov->index_disagrees = c.full;
	/* the answer's strings live in the index computed in memory */
	c.prov->index_mem = c.mem;
	c.mem = NULL;
	*out = c.prov;
	c.prov = NULL;
done:
	ctx_reset(&c);
	free(symbol);
	free(lang);
	return error;
}

int resdiff_provenance_blame(resdiff_provenance **out, resdiff_store *store,
		const char *symbol, const char *language, const char *unit)
{
	return provenance(out, store, false, symbol, language, unit);
}

int resdiff_provenance_trace(resdiff_provenance **out, resdiff_store *store,
		const char *symbol, const char *language, const char *unit)
{
	if (!unit)
		return resdiff_error_set(RESDIFF_EINVALID, "trace needs a clause: SYMBOL:ID");
	return provenance(out, store, true, symbol, language, unit);
}

void resdiff_provenance_free(resdiff_provenance *prov)
{
	if (!prov)
		return;
	index_mem_free(prov->index_mem);
	resdiff_arena_free(prov->arena);
	free(prov);
}
