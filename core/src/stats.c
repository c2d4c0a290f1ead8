/* stats.c: per-member statistics of a series (resdiff stats). Aligns each
 * member with the one before; a clause's age follows its matches back to
 * the member it first appeared in. */
#include "resdiff/provenance.h"
#include "resdiff/diff.h"

#include <stdlib.h>
#include <string.h>

#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")

/* Length in code points (the share of text counts characters, not bytes). */
static size_t cp_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The clauses of a member, all new until aligned with the one before. */
static int clauses_init(resdiff_series_stats *st, resdiff_member_stats *ms, const resdiff_doc *doc)
{
	size_t u;

	if (doc->unit_count &&
	    !(ms->clauses = resdiff_arena_alloc(st->arena, doc->unit_count * sizeof(*ms->clauses))))
		return NOMEM();
	for (u = 0; u < doc->unit_count; u++) {
		ms->clauses[u].arrival = RESDIFF_REL_ADDED;
		ms->clauses[u].dropped_next = false;
		if (!(ms->clauses[u].id = resdiff_arena_strdup(st->arena, doc->units[u].id)) ||
		    !(ms->clauses[u].text = resdiff_arena_strdup(st->arena, doc->units[u].text)))
			return NOMEM();
	}
	return 0;
}

/* How each clause of `cur` arrived, which of `prev` die, and the bands. */
static int clauses_link(resdiff_series_stats *st, resdiff_member_stats *prev, resdiff_member_stats *cur,
		const resdiff_alignment *al)
{
	size_t i, k, l, n = 0;

	for (i = 0; i < prev->units; i++)
		prev->clauses[i].dropped_next = al->changes[al->old_change[i]].relation == RESDIFF_REL_DROPPED;
	for (i = 0; i < cur->units; i++)
		cur->clauses[i].arrival = al->changes[al->new_change[i]].relation;
	for (i = 0; i < al->change_count; i++)
		n += al->changes[i].old_count * al->changes[i].new_count;
	if (n && !(cur->links = resdiff_arena_alloc(st->arena, n * sizeof(*cur->links))))
		return NOMEM();
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *ch = &al->changes[i];
		for (k = 0; k < ch->old_count; k++)
			for (l = 0; l < ch->new_count; l++) {
				resdiff_member_link *ln = &cur->links[cur->link_count++];
				ln->from = ch->old_units[k];
				ln->to = ch->new_units[l];
				ln->relation = ch->relation;
				ln->moved = ch->moved;
			}
	}
	return 0;
}

int resdiff_series_stats_build(resdiff_series_stats **out, resdiff_store *store,
		const char *slug, const char *language)
{
	resdiff_series_list *list = NULL;
	resdiff_series_stats *st = NULL;
	resdiff_diff *diff = NULL;
	const resdiff_alignment *al;
	size_t *origin = NULL, *prev_origin = NULL, j, u, k;
	const resdiff_series *s;
	int error = 0;

	*out = NULL;
	if ((error = resdiff_store_series(&list, store, slug, language, false)) < 0)
		goto done;
	if (list->count > 1) {
		error = resdiff_error_set(RESDIFF_EAMBIGUOUS,
			"series '%s' is stored in several languages: choose one with --lang", slug);
		goto done;
	}
	/* each text as the record holds it, with its footnote citations (a
	 * view keeps only the reading part): the signals are those of diff */
	for (j = 0; j < list->series[0].count; j++) {
		resdiff_member *m = &list->series[0].members[j];
		if ((error = resdiff_store_read(&m->doc, NULL, store, m->symbol, m->language, NULL)) < 0)
			goto done;
	}
	s = &list->series[0];
	if (!(st = calloc(1, sizeof(*st))) || !(st->arena = resdiff_arena_new()) ||
	    !(st->slug = resdiff_arena_strdup(st->arena, s->slug)) ||
	    !(st->language = resdiff_arena_strdup(st->arena, s->language)) ||
	    (s->count && !(st->members = resdiff_arena_alloc(st->arena, s->count * sizeof(*st->members))))) {
		error = NOMEM();
		goto done;
	}
	st->count = s->count;
	for (j = 0; j < s->count; j++) {
		const resdiff_member *m = &s->members[j];
		resdiff_member_stats *ms = &st->members[j];
		const resdiff_doc *doc = m->doc;
		double total = 0, kept = 0;

		memset(ms, 0, sizeof(*ms));
		if (!(ms->symbol = resdiff_arena_strdup(st->arena, m->symbol)) ||
		    !(ms->date = resdiff_arena_strdup(st->arena, m->date)) ||
		    !(origin = malloc((doc->unit_count + 1) * sizeof(*origin)))) {
			error = NOMEM();
			goto done;
		}
		ms->units = doc->unit_count;
		for (u = 0; u < doc->unit_count; u++)
			origin[u] = j;
		if ((error = clauses_init(st, ms, doc)) < 0)
			goto done;
		if (j > 0) {
			const resdiff_doc *old = s->members[j - 1].doc;
			resdiff_diff_counts counts;
			/* the word edits too: the signals read them */
			if ((error = resdiff_diff_docs(&diff, old, doc, NULL)) < 0) {
				resdiff_error_prefix(m->symbol);
				goto done;
			}
			al = diff->alignment;
			resdiff_diff_count(&counts, diff, NULL);
			ms->rolling = counts.rolling;
			ms->strengthened = counts.strengthened;
			ms->weakened = counts.weakened;
			for (k = 0; k < RESDIFF_REL_COUNT; k++)
				ms->relations[k] = al->stats[k];
			ms->moved = al->moved;
			ms->previous_units = old->unit_count;
			for (u = 0; u < old->unit_count; u++) {
				const resdiff_change *ch = &al->changes[al->old_change[u]];
				double len = (double)cp_len(old->units[u].text);
				total += len;
				if (ch->relation == RESDIFF_REL_DROPPED)
					continue;
				ms->carried_units++;
				kept += len * (ch->relation == RESDIFF_REL_UNCHANGED ? 1.0 : ch->similarity);
			}
			ms->carried_text = total > 0 ? kept / total : 0;
			for (u = 0; u < doc->unit_count; u++) {
				const resdiff_change *ch = &al->changes[al->new_change[u]];
				for (k = 0; k < ch->old_count; k++)
					if (prev_origin[ch->old_units[k]] < origin[u])
						origin[u] = prev_origin[ch->old_units[k]];
			}
			if ((error = clauses_link(st, &st->members[j - 1], ms, al)) < 0)
				goto done;
			resdiff_diff_free(diff);
			diff = NULL;
		}
		/* new clauses; the oldest still present, oldest first, in reading order */
		for (u = 0; u < doc->unit_count; u++)
			ms->new_units += origin[u] == j;
		for (k = 0; k < j && ms->oldest_count < RESDIFF_STATS_OLDEST; k++)
			for (u = 0; u < doc->unit_count && ms->oldest_count < RESDIFF_STATS_OLDEST; u++) {
				resdiff_clause_ref *r;
				if (origin[u] != k)
					continue;
				r = &ms->oldest[ms->oldest_count];
				r->symbol = st->members[k].symbol;
				r->date = st->members[k].date;
				r->language = st->language;
				r->series = st->slug;
				if (!(r->unit = resdiff_arena_strdup(st->arena, doc->units[u].id))) {
					error = NOMEM();
					goto done;
				}
				ms->oldest_count++;
			}
		free(prev_origin);
		prev_origin = origin;
		origin = NULL;
	}
	*out = st;
	st = NULL;
done:
	resdiff_diff_free(diff);
	free(origin);
	free(prev_origin);
	resdiff_series_stats_free(st);
	resdiff_series_list_free(list);
	return error;
}

void resdiff_series_stats_free(resdiff_series_stats *stats)
{
	if (!stats)
		return;
	resdiff_arena_free(stats->arena);
	free(stats);
}
