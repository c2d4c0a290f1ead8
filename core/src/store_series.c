/* store_series.c: the adoption-ordered histories as readers see them:
 * from the view refs while refs/resdiff/views names the record's tip, else
 * computed from the record in memory (readers never write). */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/canon.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How often a reader tries for a consistent record, views and stamp. */
#define SNAPSHOT_TRIES 3

const char *store_trailer(const git_message_trailer_array *t, const char *key)
{
	size_t i;
	for (i = 0; i < t->count; i++)
		if (!strcmp(t->trailers[i].key, key))
			return t->trailers[i].value;
	return NULL;
}

static int load_view(resdiff_series *series, resdiff_series_list *list, resdiff_store *s,
		const char *refname)
{
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	git_message_trailer_array tr = { NULL, 0, NULL };
	git_oid id;
	size_t alloc = 0;
	int error = 0, gerr;

	GIT_TRY(git_revwalk_new(&walk, s->repo), refname);
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_simplify_first_parent(walk);
	GIT_TRY(git_revwalk_push_ref(walk, refname), refname);
	while ((gerr = git_revwalk_next(&id, walk)) == 0) {
		resdiff_member *m;
		const char *summary, *sym, *date;
		git_commit_free(commit);
		commit = NULL;
		GIT_TRY(git_commit_lookup(&commit, s->repo, &id), refname);
		git_message_trailer_array_free(&tr);
		memset(&tr, 0, sizeof(tr));
		GIT_TRY(git_message_trailers(&tr, git_commit_message(commit)), refname);
		sym = store_trailer(&tr, "Symbol");
		date = store_trailer(&tr, "Adopted");
		if (!sym || !date) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: commit %.12s has no Symbol:/Adopted: trailers", refname,
				git_oid_tostr_s(&id));
			goto done;
		}
		if (series->count == alloc) {
			size_t n = alloc ? alloc * 2 : 16;
			resdiff_member *ms = realloc(series->members, n * sizeof(*ms));
			if (!ms) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			series->members = ms;
			alloc = n;
		}
		m = &series->members[series->count++];
		memset(m, 0, sizeof(*m));
		m->symbol = resdiff_arena_strdup(list->arena, sym);
		m->language = series->language;
		m->date = resdiff_arena_strdup(list->arena, date);
		m->meeting = store_trailer(&tr, "Meeting") ?
			resdiff_arena_strdup(list->arena, store_trailer(&tr, "Meeting")) : NULL;
		summary = git_commit_summary(commit);
		if (summary && !strncmp(summary, sym, strlen(sym)) &&
		    !strncmp(summary + strlen(sym), ": ", 2))
			m->title = resdiff_arena_strdup(list->arena, summary + strlen(sym) + 2);
		git_oid_tostr(m->commit, sizeof(m->commit), &id);
		if (!m->symbol || !m->date) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (gerr != GIT_ITEROVER)
		error = resdiff_git_fail(gerr, refname);
done:
	git_message_trailer_array_free(&tr);
	git_blob_free(blob);
	git_tree_free(tree);
	git_commit_free(commit);
	git_revwalk_free(walk);
	return error;
}

static int load_member_doc(resdiff_member *m, resdiff_store *s)
{
	git_oid id;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	const git_tree_entry *e;
	int error = 0;

	git_oid_fromstr(&id, m->commit);
	GIT_TRY(git_commit_lookup(&commit, s->repo, &id), m->symbol);
	GIT_TRY(git_commit_tree(&tree, commit), m->symbol);
	if (git_tree_entrycount(tree) != 1 ||
	    git_tree_entry_type(e = git_tree_entry_byindex(tree, 0)) != GIT_OBJECT_BLOB) {
		error = resdiff_error_set(RESDIFF_EINVALID, "view commit %s is not one file", m->commit);
		goto done;
	}
	GIT_TRY(git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)), m->symbol);
	error = resdiff_canon_read(&m->doc, NULL, git_blob_rawcontent(blob),
		(size_t)git_blob_rawsize(blob), RESDIFF_CANON_FULL);
done:
	git_blob_free(blob);
	git_tree_free(tree);
	git_commit_free(commit);
	return error;
}

static int series_from_views(resdiff_series_list **out, resdiff_store *s, const char *slug,
		const char *language, bool load_docs)
{
	resdiff_series_list *list = NULL;
	resdiff_buf refs = RESDIFF_BUF_INIT;
	const char *p;
	size_t alloc = 0, i, j;
	int error = 0;

	*out = NULL;
	if (!(list = calloc(1, sizeof(*list))) || !(list->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if ((error = store_list_refs(&refs, s, RESDIFF_STORE_SERIES_PREFIX)) < 0)
		goto done;
	for (p = refs.ptr; p && *p; p = strchr(p, '\n') + 1) {
		size_t len = (size_t)(strchr(p, '\n') - p);
		char *ref = strndup(p, len), *rest, *slash;
		resdiff_series *sr;
		if (!ref) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		rest = ref + strlen(RESDIFF_STORE_SERIES_PREFIX);
		slash = strchr(rest, '/');
		if (!slash || (slug && (strlen(slug) != (size_t)(slash - rest) ||
		                        strncmp(rest, slug, (size_t)(slash - rest)))) ||
		    (language && strcmp(slash + 1, language))) {
			free(ref);
			continue;
		}
		if (list->count == alloc) {
			size_t n = alloc ? alloc * 2 : 16;
			resdiff_series *ss = realloc(list->series, n * sizeof(*ss));
			if (!ss) {
				free(ref);
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			list->series = ss;
			alloc = n;
		}
		sr = &list->series[list->count++];
		memset(sr, 0, sizeof(*sr));
		sr->slug = resdiff_arena_strndup(list->arena, rest, (size_t)(slash - rest));
		sr->language = resdiff_arena_strdup(list->arena, slash + 1);
		error = sr->slug && sr->language ? load_view(sr, list, s, ref)
			: resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		free(ref);
		if (error < 0)
			goto done;
		for (j = 0; load_docs && j < sr->count; j++)
			if ((error = load_member_doc(&sr->members[j], s)) < 0)
				goto done;
	}
	*out = list;
	list = NULL;
done:
	(void)i;
	resdiff_series_list_free(list);
	resdiff_buf_dispose(&refs);
	return error;
}


/* ---- in memory, from the record ----------------------------------------- */

typedef struct {
	store_doc_info *info;
	const char *language;
	git_oid blob;
} record_member;

static int cmp_record_member(const void *pa, const void *pb)
{
	const record_member *a = pa, *b = pb;
	int c = strcmp(a->info->series, b->info->series);
	if (c || (c = strcmp(a->language, b->language)))
		return c;
	return store_info_cmp(a->info, b->info);
}

/* A view commit's subject line keeps no control character: the same here. */
static char *title_line(resdiff_arena *arena, const char *title)
{
	char *t, *p;
	if (!title || !(t = resdiff_arena_strdup(arena, title)))
		return NULL;
	for (p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	return t;
}

static int member_doc_from_record(resdiff_member *m, resdiff_store *s, const git_oid *blob_id)
{
	git_blob *blob = NULL;
	const char *data;
	size_t len;
	int error = 0;

	GIT_TRY(git_blob_lookup(&blob, s->repo, blob_id), m->symbol);
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	/* the reading part, as a view stores it */
	error = resdiff_canon_read(&m->doc, NULL, data, resdiff_canon_reading_len(data, len),
		RESDIFF_CANON_FULL);
done:
	git_blob_free(blob);
	return error;
}

typedef struct {
	record_member *items;
	size_t count, alloc;
	const char *language;     /* of the documents being added */
	const char *slug;         /* or NULL: every series */
	resdiff_arena *arena;     /* of the list being built */
} member_scan;

static int scan_language(const char *lang, void *payload)
{
	member_scan *m = payload;
	if (!(m->language = resdiff_arena_strdup(m->arena, lang)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

static int scan_member(store_doc_info *info, void *payload)
{
	member_scan *m = payload;
	if (!info->series || !info->date || (m->slug && strcmp(info->series, m->slug)))
		return 0;
	if (m->count == m->alloc) {
		size_t na = m->alloc ? m->alloc * 2 : 64;
		record_member *r = realloc(m->items, na * sizeof(*r));
		if (!r)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		m->items = r;
		m->alloc = na;
	}
	m->items[m->count].info = info;
	m->items[m->count].language = m->language;
	git_oid_cpy(&m->items[m->count].blob, &info->blob);
	m->count++;
	return 0;
}

static int series_from_record(resdiff_series_list **out, resdiff_store *s, const git_oid *record,
		const char *slug, const char *language, bool load_docs)
{
	resdiff_series_list *list = NULL;
	member_scan scan;
	record_member *rm;
	git_commit *commit = NULL;
	git_tree *root = NULL;
	size_t nrm, i, j, k, alloc = 0;
	int error = 0;

	*out = NULL;
	memset(&scan, 0, sizeof(scan));
	scan.slug = slug;
	if (!(list = calloc(1, sizeof(*list))) || !(list->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (git_oid_is_zero(record))
		goto found;
	GIT_TRY(git_commit_lookup(&commit, s->repo, record), "cannot read the record");
	GIT_TRY(git_commit_tree(&root, commit), "cannot read the record");
	/* readers write nothing: no view blobs */
	scan.arena = list->arena;
	if ((error = store_each_record_doc(s, root, language, scan_language, scan_member, &scan)) < 0)
		goto done;
	rm = scan.items;
	nrm = scan.count;
	if (nrm)
		qsort(rm, nrm, sizeof(*rm), cmp_record_member);
	for (i = 0; i < nrm; i = j) {
		resdiff_series *sr;
		for (j = i; j < nrm && !strcmp(rm[j].info->series, rm[i].info->series) &&
		            !strcmp(rm[j].language, rm[i].language); j++)
			;
		if (list->count == alloc) {
			size_t na = alloc ? alloc * 2 : 16;
			resdiff_series *ss = realloc(list->series, na * sizeof(*ss));
			if (!ss) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			list->series = ss;
			alloc = na;
		}
		sr = &list->series[list->count++];
		memset(sr, 0, sizeof(*sr));
		sr->slug = resdiff_arena_strdup(list->arena, rm[i].info->series);
		sr->language = rm[i].language;
		if (!sr->slug || !(sr->members = calloc(j - i, sizeof(*sr->members)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		for (k = i; k < j; k++) {
			resdiff_member *m = &sr->members[sr->count++];
			const store_doc_info *info = rm[k].info;
			m->symbol = resdiff_arena_strdup(list->arena, info->symbol);
			m->language = sr->language;
			m->date = resdiff_arena_strdup(list->arena, info->date);
			m->title = title_line(list->arena, info->title);
			m->meeting = info->meeting ? resdiff_arena_strdup(list->arena, info->meeting) : NULL;
			m->commit[0] = '\0';  /* no view commit: computed */
			if (!m->symbol || !m->date) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			if (load_docs && (error = member_doc_from_record(m, s, &rm[k].blob)) < 0)
				goto done;
		}
	}
found:
	*out = list;
	list = NULL;
done:
	free(scan.items);
	git_tree_free(root);
	git_commit_free(commit);
	resdiff_series_list_free(list);
	return error;
}

/* The record's tip and the stamp of the views (zero when absent). */
static int read_heads(git_oid *record, git_oid *stamp, resdiff_store *s)
{
	int gerr;
	memset(record, 0, sizeof(*record));
	memset(stamp, 0, sizeof(*stamp));
	if ((gerr = git_reference_name_to_id(record, s->repo, s->record_ref)) < 0 &&
	    gerr != GIT_ENOTFOUND)
		return resdiff_git_fail(gerr, s->record_ref);
	if ((gerr = git_reference_name_to_id(stamp, s->repo, store_views_ref(s))) < 0 &&
	    gerr != GIT_ENOTFOUND)
		return resdiff_git_fail(gerr, store_views_ref(s));
	git_error_clear();
	return 0;
}

int resdiff_store_series(resdiff_series_list **out, resdiff_store *s, const char *slug,
		const char *language, bool load_docs)
{
	resdiff_series_list *list = NULL;
	git_oid record, stamp, record2, stamp2;
	int error = 0, attempt;

	*out = NULL;
	/* Writers move the record, then the views, then the stamp: views read
	 * between two looks at an unchanged record and stamp that agree are
	 * the views of that record. */
	for (attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
		if ((error = read_heads(&record, &stamp, s)) < 0)
			return error;
		if (git_oid_is_zero(&record) || !git_oid_equal(&record, &stamp))
			break;
		if ((error = series_from_views(&list, s, slug, language, load_docs)) < 0)
			return error;
		if ((error = read_heads(&record2, &stamp2, s)) < 0) {
			resdiff_series_list_free(list);
			return error;
		}
		if (git_oid_equal(&record, &record2) && git_oid_equal(&stamp, &stamp2))
			goto found;
		resdiff_series_list_free(list);
		list = NULL;
	}
	if (git_oid_is_zero(&record)) {
		error = series_from_record(&list, s, &record, slug, language, load_docs);
	} else {
		/* lagging (an interrupted writer) or moving under us */
		if ((error = series_from_record(&list, s, &record, slug, language, load_docs)) < 0)
			return error;
		error = store_note(s, "the stored series views lag the record; computed them from the "
			"record (the next import stores them)");
	}
	if (error < 0) {
		resdiff_series_list_free(list);
		return error;
	}
found:
	if (slug && list->count == 0) {
		resdiff_series_list_free(list);
		return resdiff_error_set(RESDIFF_ENOTFOUND, "no series '%s'%s%s (see 'resdiff series')",
			slug, language ? " in " : "", language ? language : "");
	}
	*out = list;
	return 0;
}

void resdiff_series_list_free(resdiff_series_list *list)
{
	size_t i, j;
	if (!list)
		return;
	for (i = 0; i < list->count; i++) {
		for (j = 0; j < list->series[i].count; j++)
			resdiff_doc_free(list->series[i].members[j].doc);
		free(list->series[i].members);
	}
	free(list->series);
	resdiff_arena_free(list->arena);
	free(list);
}
