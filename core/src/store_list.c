/* store_list.c: every document at the record's tip, in series or not
 * (reports, undated texts and drafts are in no series view). Readers
 * write nothing. */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	resdiff_store_listing *list;
	size_t alloc;
	const char *language;   /* arena copy, of the documents being added */
} list_scan;

static const char *dup_or_null(resdiff_arena *a, const char *s, int *error)
{
	char *d;
	if (!s)
		return NULL;
	if (!(d = resdiff_arena_strdup(a, s)))
		*error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return d;
}

static int add_entry(store_doc_info *info, void *payload)
{
	list_scan *ls = payload;
	resdiff_store_listing *l = ls->list;
	resdiff_store_entry *e;
	int error = 0;

	if (l->count == ls->alloc) {
		size_t na = ls->alloc ? ls->alloc * 2 : 64;
		resdiff_store_entry *n = realloc(l->entries, na * sizeof(*n));
		if (!n)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		l->entries = n;
		ls->alloc = na;
	}
	e = &l->entries[l->count];
	memset(e, 0, sizeof(*e));
	e->language = ls->language;
	e->symbol = dup_or_null(l->arena, info->symbol, &error);
	e->series = dup_or_null(l->arena, info->series, &error);
	e->date = dup_or_null(l->arena, info->date, &error);
	e->title = dup_or_null(l->arena, info->title, &error);
	e->draft_of = dup_or_null(l->arena, info->draft_of, &error);
	e->draft = info->draft;
	if (error == 0)
		l->count++;
	return error;
}

static int set_language(const char *lang, void *payload)
{
	list_scan *ls = payload;
	if (!(ls->language = resdiff_arena_strdup(ls->list->arena, lang)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

/* Language, then symbol (digit runs as numbers). */
static int entry_cmp(const void *pa, const void *pb)
{
	const resdiff_store_entry *a = pa, *b = pb;
	int c = strcmp(a->language, b->language);
	return c ? c : resdiff_text_natural_cmp(a->symbol, b->symbol);
}

int resdiff_store_list(resdiff_store_listing **out, resdiff_store *s, const char *language)
{
	resdiff_store_listing *list = NULL;
	list_scan scan;
	git_commit *commit = NULL;
	git_tree *root = NULL;
	git_oid record;
	int error = 0, gerr;

	*out = NULL;
	memset(&scan, 0, sizeof(scan));
	if (!(list = calloc(1, sizeof(*list))) || !(list->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	scan.list = list;
	if ((gerr = git_reference_name_to_id(&record, s->repo, s->record_ref)) == GIT_ENOTFOUND) {
		git_error_clear();
		goto found;   /* nothing imported yet */
	}
	GIT_TRY(gerr, s->record_ref);
	GIT_TRY(git_commit_lookup(&commit, s->repo, &record), "cannot read the record");
	GIT_TRY(git_commit_tree(&root, commit), "cannot read the record");
	if ((error = store_each_record_doc(s, root, language, set_language, add_entry, &scan)) < 0)
		goto done;
	if (list->count)
		qsort(list->entries, list->count, sizeof(*list->entries), entry_cmp);
found:
	*out = list;
	list = NULL;
done:
	git_tree_free(root);
	git_commit_free(commit);
	resdiff_store_listing_free(list);
	return error;
}

void resdiff_store_listing_free(resdiff_store_listing *list)
{
	if (!list)
		return;
	free(list->entries);
	resdiff_arena_free(list->arena);
	free(list);
}
