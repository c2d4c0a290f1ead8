/* provenance_drafts.c: blame --drafts, the drafts a clause of a resolution
 * went through (docs/PROVENANCE.md, "Drafts"). The stored members of the
 * draft chain (store_drafts.c) up to the blamed document are aligned pair
 * by pair, as `resdiff diff --chain` does, and each clause is followed
 * backwards through the matched changes. Nothing recurses: the walk goes
 * member by member with a set of clause indices. */
#include "resdiff/align.h"
#include "resdiff/provenance.h"
#include "resdiff/store.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *symbol;   /* owned by the chain */
	resdiff_doc *doc;
} member;

/* A growable array of steps, copied into the arena when done. */
typedef struct {
	resdiff_lineage_step *items;
	size_t count, alloc;
} step_list;

static int step_add(step_list *l, const resdiff_lineage_step *s)
{
	if (l->count == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		resdiff_lineage_step *n = realloc(l->items, na * sizeof(*n));
		if (!n)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		l->items = n;
		l->alloc = na;
	}
	l->items[l->count++] = *s;
	return 0;
}

static void set_ref(resdiff_clause_ref *r, const member *m, const char *language, size_t unit)
{
	r->symbol = m->doc->meta.symbol;
	r->language = language;
	r->date = m->doc->meta.date;
	r->series = NULL;     /* drafts belong to no series */
	r->unit = m->doc->units[unit].id;
}

/* Copy a ref's strings into the arena (they pointed into documents and
 * the chain, freed when resdiff_provenance_drafts returns). */
static int ref_keep(resdiff_clause_ref *r, resdiff_arena *arena)
{
	const char **f[4] = { &r->symbol, &r->language, &r->date, &r->unit };
	size_t i;
	for (i = 0; i < 4; i++)
		if (*f[i] && !(*f[i] = resdiff_arena_strdup(arena, *f[i])))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

/* Follow the clause `unit` of members[n-1] back through the alignments
 * al[j] (members[j] → members[j+1]). `cur` and `next` hold up to the
 * units of the longest member. */
static int walk(resdiff_lineage *l, resdiff_arena *arena, const member *members,
		resdiff_alignment *const *al, size_t n, const char *language, size_t unit,
		size_t *cur, size_t *next, bool *seen)
{
	step_list steps = { NULL, 0, 0 };
	size_t ncur = 1, nnext, j, i, k;
	int error = 0;

	cur[0] = unit;
	for (j = n - 1; j > 0 && ncur; j--) {
		const resdiff_alignment *a = al[j - 1];
		memset(seen, 0, members[j - 1].doc->unit_count * sizeof(*seen));
		nnext = 0;
		for (i = 0; i < ncur && !error; i++) {
			const resdiff_change *c = &a->changes[a->new_change[cur[i]]];
			for (k = 0; k < c->old_count && !error; k++) {
				resdiff_lineage_step s;
				size_t o = c->old_units[k];
				memset(&s, 0, sizeof(s));
				set_ref(&s.from, &members[j - 1], language, o);
				set_ref(&s.to, &members[j], language, cur[i]);
				s.relation = c->relation;
				s.similarity = c->relation == RESDIFF_REL_UNCHANGED ? 1.0 : c->similarity;
				s.confidence = c->confidence;
				s.moved = c->moved;
				s.across = false;
				error = step_add(&steps, &s);
				if (!seen[o]) {
					seen[o] = true;
					next[nnext++] = o;
				}
			}
		}
		if (error)
			goto done;
		if (nnext) {
			set_ref(&l->draft_first, &members[j - 1], language, next[0]);
			memcpy(cur, next, nnext * sizeof(*cur));
		}
		ncur = nnext;
	}
	if (steps.count) {
		if (!(l->draft_steps = resdiff_arena_alloc(arena, steps.count * sizeof(*l->draft_steps)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		memcpy(l->draft_steps, steps.items, steps.count * sizeof(*l->draft_steps));
		l->draft_step_count = steps.count;
	}
done:
	free(steps.items);
	return error;
}

int resdiff_provenance_drafts(resdiff_provenance *prov, resdiff_store *store)
{
	resdiff_draft_chain *chain = NULL;
	member *members = NULL;
	resdiff_alignment **al = NULL;
	size_t *cur = NULL, *next = NULL, n = 0, at, i, most = 1;
	bool *seen = NULL;
	const resdiff_lineage *first;
	int error;

	prov->drafts = true;
	prov->draft_members = 0;
	if (prov->forwards || !prov->count)
		return 0;
	first = &prov->lineages[0];
	if ((error = resdiff_store_draft_chain(&chain, store, first->clause.symbol,
			first->clause.language)) == RESDIFF_ENOTFOUND) {
		resdiff_error_clear();
		return 0;
	}
	if (error < 0)
		return error;
	for (at = 0; at < chain->count && strcmp(chain->members[at].symbol, first->clause.symbol); at++)
		;
	if (at == chain->count)
		goto done;
	if (!(members = calloc(at + 1, sizeof(*members))) || !(al = calloc(at + 1, sizeof(*al)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	/* the stored members up to the blamed document, in chain order */
	for (i = 0; i <= at; i++) {
		if (!chain->members[i].stored)
			continue;
		members[n].symbol = chain->members[i].symbol;
		if ((error = resdiff_store_read(&members[n].doc, NULL, store, members[n].symbol,
				chain->language, NULL)) < 0)
			goto done;
		if (members[n].doc->unit_count > most)
			most = members[n].doc->unit_count;
		n++;
	}
	if (n < 2)
		goto done;
	for (i = 0; i + 1 < n; i++)
		if ((error = resdiff_align(&al[i], members[i].doc, members[i + 1].doc, NULL)) < 0)
			goto done;
	if (!(cur = calloc(most, sizeof(*cur))) || !(next = calloc(most, sizeof(*next))) ||
	    !(seen = calloc(most, sizeof(*seen)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	prov->draft_members = n - 1;
	for (i = 0; i < prov->count; i++) {
		resdiff_lineage *l = &prov->lineages[i];
		const resdiff_doc *doc = members[n - 1].doc;
		size_t u;
		for (u = 0; u < doc->unit_count && strcmp(doc->units[u].id, l->clause.unit); u++)
			;
		if (u == doc->unit_count)
			continue;   /* cannot happen: blame read the same document */
		if ((error = walk(l, prov->arena, members, al, n, chain->language, u, cur, next, seen)) < 0)
			goto done;
	}
	/* the refs point into the documents: keep their strings in the arena */
	for (i = 0; i < prov->count; i++) {
		resdiff_lineage *l = &prov->lineages[i];
		size_t k;
		for (k = 0; k < l->draft_step_count && !error; k++) {
			resdiff_clause_ref *r[2] = { &l->draft_steps[k].from, &l->draft_steps[k].to };
			size_t m;
			for (m = 0; m < 2 && !error; m++)
				error = ref_keep(r[m], prov->arena);
		}
		if (!error && l->draft_first.symbol)
			error = ref_keep(&l->draft_first, prov->arena);
		if (error)
			goto done;
	}
done:
	for (i = 0; members && i < n; i++)
		resdiff_doc_free(members[i].doc);
	for (i = 0; al && i <= at; i++)
		resdiff_alignment_free(al[i]);
	free(members);
	free(al);
	free(cur);
	free(next);
	free(seen);
	resdiff_draft_chain_free(chain);
	return error;
}
