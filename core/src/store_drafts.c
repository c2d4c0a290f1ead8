/* store_drafts.c: drafts and the resolutions they lead to (docs/DRAFTS.md).
 *
 * A draft names its resolution in its draft-of key; a revision
 * ("A/80/L.2/Rev.1") follows its draft, so it needs no link of its own. The
 * link is a symbol, looked up when read: it may name a resolution that is
 * not stored yet, and the chain finds it once it arrives. */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/name.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool resdiff_store_doc_is_draft(const resdiff_doc *doc)
{
	const resdiff_meta *m = &doc->meta;
	return m->draft_of || (m->kind && !strcmp(m->kind, "draft")) ||
	       (m->symbol && resdiff_name_is_draft(m->symbol));
}

int resdiff_store_check_draft(const resdiff_doc *doc, bool force)
{
	const resdiff_meta *m = &doc->meta;
	if (!doc->reads_adopted || force || !resdiff_store_doc_is_draft(doc))
		return 0;
	return resdiff_error_set(RESDIFF_EINVALID, "%s (%s): the text reads as adopted (a line "
		"\"Resolution adopted by …\" or a plenary meeting), but it would be stored as a "
		"draft%s%s: is it the resolution? Use --force to store it as a draft", m->symbol ? m->symbol : "?",
		m->language ? m->language : "?", m->draft_of ? " of " : "",
		m->draft_of ? m->draft_of : "");
}

void resdiff_draft_chain_free(resdiff_draft_chain *chain)
{
	if (!chain)
		return;
	free(chain->members);
	resdiff_arena_free(chain->arena);
	free(chain);
}

/* The documents of one language at the record's tip, as the chain needs
 * them (strings owned by the store's info cache). */
typedef struct {
	const char *symbol, *draft_of;
	bool draft;
} known_doc;

typedef struct {
	known_doc *items;
	size_t count, alloc;
} known_docs;

static int known_add(store_doc_info *info, void *payload)
{
	known_docs *k = payload;
	if (k->count == k->alloc) {
		size_t na = k->alloc ? k->alloc * 2 : 64;
		known_doc *n = realloc(k->items, na * sizeof(*n));
		if (!n)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		k->items = n;
		k->alloc = na;
	}
	k->items[k->count].symbol = info->symbol;
	k->items[k->count].draft_of = info->draft_of;
	k->items[k->count].draft = info->draft;
	k->count++;
	return 0;
}

static const known_doc *known_find(const known_docs *k, const char *symbol, size_t len)
{
	size_t i;
	for (i = 0; i < k->count; i++)
		if (strlen(k->items[i].symbol) == len && !memcmp(k->items[i].symbol, symbol, len))
			return &k->items[i];
	return NULL;
}

/* The resolution a stored draft leads to: its own link, else its base
 * draft's (a revision follows its draft); NULL when unlinked. */
static const char *link_of(const known_docs *k, const known_doc *d)
{
	size_t base;
	unsigned rev;
	const known_doc *b;

	if (d->draft_of)
		return d->draft_of;
	if (!resdiff_name_draft_base(&base, &rev, d->symbol) || !rev)
		return NULL;
	b = known_find(k, d->symbol, base);
	return b ? b->draft_of : NULL;
}

/* Follow draft-of links from `start` through the documents of `k` (and the
 * extra links `from`/`to` of an import not yet stored); RESDIFF_EINVALID
 * when they come back to a symbol seen, or run longer than a chain may. */
static int check_cycle(const known_docs *k, const char *start, const char *const *from,
		const char *const *to, size_t nextra)
{
	const char *seen[RESDIFF_STORE_CHAIN_MAX + 1];
	const char *at = start;
	size_t n = 0, i;

	while (at) {
		const char *next = NULL;
		const known_doc *d;
		for (i = 0; i < n; i++)
			if (!strcmp(seen[i], at))
				return resdiff_error_set(RESDIFF_EINVALID, "%s: its draft-of links make a "
					"cycle (%s leads back to %s)", start, seen[n - 1], at);
		if (n == RESDIFF_STORE_CHAIN_MAX)
			return resdiff_error_set(RESDIFF_EINVALID, "%s: its draft-of links run longer "
				"than %d documents (a cycle?)", start, RESDIFF_STORE_CHAIN_MAX);
		seen[n++] = at;
		for (i = 0; i < nextra && !next; i++)
			if (!strcmp(from[i], at))
				next = to[i];
		if (!next && (d = known_find(k, at, strlen(at))) != NULL)
			next = link_of(k, d);
		at = next;
	}
	return 0;
}

static int scan(known_docs *k, resdiff_store *s, git_tree *root, const char *lang)
{
	k->count = 0;
	return root ? store_each_doc(s, root, lang, false, known_add, k) : 0;
}

int store_drafts_check(resdiff_store *s, const resdiff_store_item *items, size_t count)
{
	known_docs k = { NULL, 0, 0 };
	git_tree *root = NULL;
	const char **from = NULL, **to = NULL;
	size_t i, j, n;
	int error = 0;

	for (i = 0; i < count; i++)
		if ((error = resdiff_store_check_draft(items[i].doc, items[i].force)) < 0)
			return error;
	for (i = 0, n = 0; i < count; i++)
		n += items[i].doc->meta.draft_of != NULL;
	if (!n)
		return 0;
	if ((error = store_record_tree(&root, s)) == RESDIFF_ENOTFOUND) {
		resdiff_error_clear();
		error = 0;
	}
	if (error < 0)
		goto done;
	if (!(from = calloc(count, sizeof(*from))) || !(to = calloc(count, sizeof(*to)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < count && !error; i++) {
		const resdiff_meta *m = &items[i].doc->meta;
		if (!m->draft_of)
			continue;
		/* the links of this import, in its language, over the stored ones */
		for (j = 0, n = 0; j < count; j++)
			if (items[j].doc->meta.draft_of &&
			    !strcmp(items[j].doc->meta.language, m->language)) {
				from[n] = items[j].doc->meta.symbol;
				to[n++] = items[j].doc->meta.draft_of;
			}
		if ((error = scan(&k, s, root, m->language)) < 0)
			goto done;
		error = check_cycle(&k, m->symbol, from, to, n);
	}
done:
	free(from);
	free(to);
	free(k.items);
	git_tree_free(root);
	return error;
}

/* Members before the resolution: by base draft, then revision. */
typedef struct {
	const char *base;       /* arena string */
	resdiff_chain_member m;
} chain_item;

static int item_cmp(const void *pa, const void *pb)
{
	const chain_item *a = pa, *b = pb;
	int c = resdiff_text_natural_cmp(a->base, b->base);
	if (c)
		return c;
	return a->m.revision < b->m.revision ? -1 : a->m.revision > b->m.revision;
}

static int chain_add(chain_item **items, size_t *count, size_t *alloc, resdiff_arena *arena,
		const char *symbol, size_t base_len, unsigned rev, bool stored)
{
	chain_item *it;
	if (*count == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 8;
		chain_item *n = realloc(*items, na * sizeof(*n));
		if (!n)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		*items = n;
		*alloc = na;
	}
	it = &(*items)[(*count)++];
	memset(it, 0, sizeof(*it));
	it->base = resdiff_arena_strndup(arena, symbol, base_len);
	it->m.symbol = resdiff_arena_strdup(arena, symbol);
	if (!it->base || !it->m.symbol)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	it->m.role = rev ? RESDIFF_CHAIN_REVISION : RESDIFF_CHAIN_DRAFT;
	it->m.revision = rev;
	it->m.stored = stored;
	return 0;
}

/* Which resolution `query` means in this language: a stored document (a
 * draft means the resolution it leads to) or a draft-of value; NULL when
 * neither. *ambiguous when several symbols match a forgiving query. */
static const char *chain_target(const known_docs *k, const char *query, bool *ambiguous)
{
	const char *found = NULL;
	size_t i, pass;

	*ambiguous = false;
	for (pass = 0; pass < 2 && !found; pass++)
		for (i = 0; i < k->count; i++) {
			const known_doc *d = &k->items[i];
			const char *cand = NULL;
			/* "80/1" names "A/RES/80/1" on the second pass, as
			 * resdiff_store_resolve's forgiving symbols do */
			bool hit = pass == 0 ? !strcmp(d->symbol, query) :
				store_symbol_matches(d->symbol, strlen(d->symbol), query);
			if (hit)
				cand = d->draft ? link_of(k, d) : d->symbol;
			else if (d->draft_of && (pass == 0 ? !strcmp(d->draft_of, query) :
				store_symbol_matches(d->draft_of, strlen(d->draft_of), query)))
				cand = d->draft_of;
			if (!cand)
				continue;
			if (found && strcmp(found, cand))
				*ambiguous = true;
			found = cand;
		}
	return found;
}

static int chain_build(resdiff_draft_chain *c, const known_docs *k, const char *resolution)
{
	chain_item *items = NULL;
	size_t count = 0, alloc = 0, i, j;
	int error = 0;

	for (i = 0; i < k->count; i++) {
		const known_doc *d = &k->items[i];
		const char *to = d->draft ? link_of(k, d) : NULL;
		size_t base;
		unsigned rev = 0;
		if (!to || strcmp(to, resolution))
			continue;
		if (!resdiff_name_draft_base(&base, &rev, d->symbol))
			base = strlen(d->symbol);
		if ((error = chain_add(&items, &count, &alloc, c->arena, d->symbol, base, rev, true)) < 0)
			goto done;
	}
	if (!count) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no stored %s draft leads to %s (link one "
			"with 'resdiff import --draft-of %s')", c->language, resolution, resolution);
		goto done;
	}
	qsort(items, count, sizeof(*items), item_cmp);
	/* name what is missing: a revision between two stored members of one
	 * draft, or the draft of a stored revision */
	for (i = 0, j = count; i < j; i++) {
		unsigned want = i > 0 && !strcmp(items[i - 1].base, items[i].base) ?
			items[i - 1].m.revision + 1 : 0;
		unsigned r;
		for (r = want; r < items[i].m.revision; r++) {
			char sym[RESDIFF_SYMBOL_MAX + 16];
			size_t bl = strlen(items[i].base);
			if (r == 0)
				snprintf(sym, sizeof(sym), "%s", items[i].base);
			else
				snprintf(sym, sizeof(sym), "%s/Rev.%u", items[i].base, r);
			if ((error = chain_add(&items, &count, &alloc, c->arena, sym, bl, r, false)) < 0)
				goto done;
			if (count - j > RESDIFF_STORE_CHAIN_MAX) {
				error = resdiff_error_set(RESDIFF_EINVALID, "the chain of %s names more than "
					"%d missing revisions", resolution, RESDIFF_STORE_CHAIN_MAX);
				goto done;
			}
		}
	}
	qsort(items, count, sizeof(*items), item_cmp);
	if (count + 1 > RESDIFF_STORE_CHAIN_MAX) {
		error = resdiff_error_set(RESDIFF_EINVALID, "the chain of %s is longer than %d documents",
			resolution, RESDIFF_STORE_CHAIN_MAX);
		goto done;
	}
	if (!(c->members = calloc(count + 1, sizeof(*c->members)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < count; i++)
		c->members[i] = items[i].m;
	c->members[count].symbol = c->resolution;
	c->members[count].role = RESDIFF_CHAIN_ADOPTED;
	c->members[count].stored = known_find(k, resolution, strlen(resolution)) != NULL;
	c->count = count + 1;
done:
	free(items);
	return error;
}

int resdiff_store_draft_chain(resdiff_draft_chain **out, resdiff_store *s, const char *symbol,
		const char *language)
{
	resdiff_draft_chain *c = NULL;
	known_docs k = { NULL, 0, 0 };
	git_tree *root = NULL;
	const char *target = NULL, *target_lang = NULL;
	resdiff_buf langs = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	*out = NULL;
	if ((error = resdiff_name_symbol_check(symbol)) < 0 ||
	    (error = store_record_tree(&root, s)) < 0)
		goto done;
	if (!(c = calloc(1, sizeof(*c))) || !(c->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < git_tree_entrycount(root); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(root, i);
		const char *lang = git_tree_entry_name(e);
		const char *t;
		bool ambiguous;
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE || !resdiff_name_language_ok(lang) ||
		    (language && strcmp(lang, language)))
			continue;
		if ((error = scan(&k, s, root, lang)) < 0)
			goto done;
		t = chain_target(&k, symbol, &ambiguous);
		if (ambiguous) {
			error = resdiff_error_set(RESDIFF_EAMBIGUOUS, "'%s' names several resolutions in "
				"%s: give the full symbol", symbol, lang);
			goto done;
		}
		if (!t)
			continue;
		if (target && (error = resdiff_buf_puts(&langs, ", ")) < 0)
			goto done;
		if ((error = resdiff_buf_puts(&langs, lang)) < 0)
			goto done;
		if (!target) {
			target = resdiff_arena_strdup(c->arena, t);
			target_lang = resdiff_arena_strdup(c->arena, lang);
			if (!target || !target_lang) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
		} else {
			error = resdiff_error_set(RESDIFF_EAMBIGUOUS, "'%s' has drafts in several "
				"languages (%s): give --lang", symbol, langs.ptr);
			goto done;
		}
	}
	if (!target) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "'%s': no stored draft or resolution "
			"with draft links%s%s", symbol, language ? " in " : "", language ? language : "");
		goto done;
	}
	c->resolution = target;
	c->language = target_lang;
	if ((error = scan(&k, s, root, target_lang)) < 0 ||
	    (error = check_cycle(&k, target, NULL, NULL, 0)) < 0 ||
	    (error = chain_build(c, &k, target)) < 0)
		goto done;
	*out = c;
	c = NULL;
done:
	resdiff_draft_chain_free(c);
	resdiff_buf_dispose(&langs);
	free(k.items);
	git_tree_free(root);
	return error;
}
