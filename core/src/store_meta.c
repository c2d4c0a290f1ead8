/* store_meta.c: a correction inherits what it does not say, and so does
 * a withdrawn document imported again. */
#include "git_error.h"
#include "store_internal.h"
#include <git2/sys/commit.h>

#include <stdio.h>
#include <string.h>

/* The lines of a stored withdrawals list are "<lang>\t<symbol>\t<40 hex
 * digits>\n". A list in any other form is not used (the walk finds the
 * withdrawals instead). */
static bool list_well_formed(const char *p, size_t len)
{
	const char *end = p + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *tab, *tab2;
		size_t i;
		if (!nl || !(tab = memchr(p, '\t', (size_t)(nl - p))) || tab == p ||
		    !(tab2 = memchr(tab + 1, '\t', (size_t)(nl - tab - 1))) || tab2 == tab + 1 ||
		    nl - tab2 - 1 != GIT_OID_HEXSZ)
			return false;
		for (i = 1; i <= GIT_OID_HEXSZ; i++)
			if (!tab2[i] || !strchr("0123456789abcdef", tab2[i]))
				return false;
		p = nl + 1;
	}
	return true;
}

/* The stored list (format 5): into *list, stamped *stamp, with *found;
 * nothing found when the ref is missing or its commit, trailer or blob is
 * not in the form resdiff writes. `commit_id` gets the ref's value. */
static int stored_list_read(resdiff_buf *list, git_oid *stamp, bool *found, git_oid *commit_id,
		bool *has_ref, resdiff_store *s)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	const git_tree_entry *e;
	const char *msg, *rec;
	int error = 0;

	*found = *has_ref = false;
	if (git_reference_name_to_id(commit_id, s->repo, RESDIFF_STORE_WITHDRAWALS_REF) < 0)
		goto done;
	*has_ref = true;
	if (git_commit_lookup(&commit, s->repo, commit_id) < 0 ||
	    !(msg = git_commit_message(commit)) || !(rec = strstr(msg, "\nRecord: ")) ||
	    git_oid_fromstrn(stamp, rec + 9, GIT_OID_HEXSZ) < 0 ||
	    (rec[9 + GIT_OID_HEXSZ] != '\n' && rec[9 + GIT_OID_HEXSZ] != '\0') ||
	    git_commit_tree(&tree, commit) < 0 ||
	    !(e = git_tree_entry_byname(tree, RESDIFF_STORE_WITHDRAWALS_FILE)) ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)) < 0)
		goto done;
	if (!list_well_formed(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)))
		goto done;
	resdiff_buf_clear(list);
	if ((error = resdiff_buf_put(list, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob))) < 0)
		goto done;
	*found = true;
done:
	git_error_clear();
	git_blob_free(blob);
	git_tree_free(tree);
	git_commit_free(commit);
	return error;
}

/*
 * The record's withdrawals as of the record commit `record` ("withdraw
 * SYMBOL (lang)" commits, first parents from it) into s->withdrawn. The
 * record commits are walked from `record` down to the commit a known list
 * was made for (the list already read by this process, else the stored
 * one of format 5), whose lines then follow the new ones; a walk that
 * never meets that commit (no list, a list in another form, a record
 * rewritten under it) reads the whole history and uses no list, as
 * before the list existed (docs/PERFORMANCE.md, section 5, fourth round).
 * So a list that lags (an interrupted writer, a record moved by git or an
 * older resdiff) costs the commits after its stamp, never a wrong answer.
 */
static int withdrawals_at(resdiff_store *s, const git_oid *record)
{
	resdiff_buf base = RESDIFF_BUF_INIT, fresh = RESDIFF_BUF_INIT;
	git_commit *commit = NULL;
	git_oid id, base_at, ref_id;
	bool has_base = false, has_ref;
	int error = 0;

	if (s->withdrawn_read && git_oid_equal(&s->withdrawn_at, record))
		return 0;
	if (s->withdrawn_read) {
		/* what this process read last: usually the record's previous tip */
		if ((error = resdiff_buf_put(&base, s->withdrawn.ptr ? s->withdrawn.ptr : "",
				s->withdrawn.size)) < 0)
			goto done;
		git_oid_cpy(&base_at, &s->withdrawn_at);
		has_base = true;
	} else if ((error = stored_list_read(&base, &base_at, &has_base, &ref_id, &has_ref, s)) < 0)
		goto done;
	git_oid_cpy(&id, record);
	for (;;) {
		const char *sum, *open;
		if (has_base && git_oid_equal(&id, &base_at)) {
			if ((error = resdiff_buf_put(&fresh, base.ptr ? base.ptr : "", base.size)) < 0)
				goto done;
			break;
		}
		git_commit_free(commit);
		commit = NULL;
		GIT_TRY(git_commit_lookup(&commit, s->repo, &id), "cannot read the record");
		s->withdrawal_commits_read++;
		sum = git_commit_summary(commit);
		if (sum && !strncmp(sum, "withdraw ", 9) && git_commit_parentcount(commit) >= 1 &&
		    (open = strrchr(sum, '(')) && open >= sum + 10 && open[-1] == ' ' &&
		    (error = resdiff_buf_printf(&fresh, "%.*s\t%.*s\t%s\n",
				(int)strcspn(open + 1, ")"), open + 1, (int)(open - 1 - (sum + 9)), sum + 9,
				git_oid_tostr_s(git_commit_parent_id(commit, 0)))) < 0)
			goto done;
		if (!git_commit_parentcount(commit))
			break;
		git_oid_cpy(&id, git_commit_parent_id(commit, 0));
	}
	resdiff_buf_clear(&s->withdrawn);
	if ((error = resdiff_buf_put(&s->withdrawn, fresh.ptr ? fresh.ptr : "", fresh.size)) < 0)
		goto done;
	git_oid_cpy(&s->withdrawn_at, record);
	s->withdrawn_read = true;
done:
	if (error < 0)
		s->withdrawn_read = false;
	git_commit_free(commit);
	resdiff_buf_dispose(&base);
	resdiff_buf_dispose(&fresh);
	return error;
}

/* The withdrawals as of the record's tip (s->withdrawn; empty for an
 * empty record). */
static int withdrawals_read(resdiff_store *s)
{
	git_oid tip;
	int gerr;

	if ((gerr = git_reference_name_to_id(&tip, s->repo, s->record_ref)) == GIT_ENOTFOUND) {
		git_error_clear();
		s->withdrawn_read = false;
		resdiff_buf_clear(&s->withdrawn);
		return 0;
	}
	if (gerr < 0)
		return resdiff_git_fail(gerr, "cannot read the record");
	return withdrawals_at(s, &tip);
}

int store_withdrawals_commit(git_oid *out, bool *stale, git_oid *was, bool *had,
		resdiff_store *s, const git_oid *record)
{
	resdiff_buf stored = RESDIFF_BUF_INIT, msg = RESDIFF_BUF_INIT;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_oid stamp, blob, tree;
	bool found;
	size_t n = 0;
	const char *p;
	int error;

	*stale = false;
	if ((error = stored_list_read(&stored, &stamp, &found, was, had, s)) < 0 ||
	    (found && git_oid_equal(&stamp, record)))
		goto done;
	if ((error = withdrawals_at(s, record)) < 0)
		goto done;
	for (p = s->withdrawn.ptr; p && *p; p = strchr(p, '\n') + 1)
		n++;
	GIT_TRY(git_blob_create_from_buffer(&blob, s->repo, s->withdrawn.ptr ? s->withdrawn.ptr : "",
		s->withdrawn.size), "cannot write the withdrawals list");
	GIT_TRY(git_treebuilder_new(&tb, s->repo, NULL), "cannot write the withdrawals list");
	GIT_TRY(git_treebuilder_insert(NULL, tb, RESDIFF_STORE_WITHDRAWALS_FILE, &blob,
		GIT_FILEMODE_BLOB), "cannot write the withdrawals list");
	GIT_TRY(git_treebuilder_write(&tree, tb), "cannot write the withdrawals list");
	/* a pure function of the list, its stamp and its parent */
	GIT_TRY(git_signature_new(&sig, "resdiff", "resdiff@localhost", 0, 0),
		"cannot make a signature");
	if ((error = resdiff_buf_printf(&msg, "withdrawals: %zu in the record\n\nRecord: %s\n", n,
			git_oid_tostr_s(record))) < 0)
		goto done;
	{
		const git_oid *parents[1] = { was };
		GIT_TRY(git_commit_create_from_ids(out, s->repo, NULL, sig, sig, NULL, msg.ptr, &tree,
			*had ? 1 : 0, parents), "cannot write the withdrawals list");
	}
	*stale = true;
done:
	git_signature_free(sig);
	git_treebuilder_free(tb);
	resdiff_buf_dispose(&stored);
	resdiff_buf_dispose(&msg);
	return error;
}

int store_withdrawals_publish(size_t *count, resdiff_store *s)
{
	git_oid tip, list, was;
	bool stale, had;
	const char *p;
	int error, gerr;

	*count = 0;
	if ((gerr = git_reference_name_to_id(&tip, s->repo, RESDIFF_STORE_RECORD_REF)) == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;  /* an empty record: the first writer writes the list */
	}
	if (gerr < 0)
		return resdiff_git_fail(gerr, "cannot read the record");
	if ((error = store_withdrawals_commit(&list, &stale, &was, &had, s, &tip)) < 0 ||
	    (error = withdrawals_at(s, &tip)) < 0)
		return error;
	for (p = s->withdrawn.ptr; p && *p; p = strchr(p, '\n') + 1)
		(*count)++;
	if (!stale)
		return 0;
	if ((error = store_sync_objects(s)) < 0)
		return error;
	return store_ref_publish(s, RESDIFF_STORE_WITHDRAWALS_REF, had ? &was : NULL, &list,
		"resdiff: withdrawals listed");
}

/* The record commit before the last withdrawal of symbol (language), or
 * "" when it was never withdrawn. */
static int withdrawn_before(char rev[41], resdiff_store *s, const char *symbol,
		const char *language)
{
	resdiff_buf key = RESDIFF_BUF_INIT;
	const char *at;
	int error;

	rev[0] = '\0';
	if ((error = withdrawals_read(s)) < 0 ||
	    (error = resdiff_buf_printf(&key, "%s\t%s\t", language, symbol)) < 0)
		goto done;
	for (at = s->withdrawn.ptr; at && *at; at = strchr(at, '\n') + 1)
		if (!strncmp(at, key.ptr, key.size)) {
			snprintf(rev, 41, "%.40s", at + key.size);
			break;
		}
done:
	resdiff_buf_dispose(&key);
	return error;
}

int store_withdrawn_find(char *sym, size_t symsz, char rev[41], resdiff_store *s,
		const char *query, const char *language)
{
	const char *at, *tab, *tab2, *nl;
	size_t sl;
	int error;

	sym[0] = rev[0] = '\0';
	if ((error = withdrawals_read(s)) < 0)
		return error;
	for (at = s->withdrawn.ptr; at && *at; at = nl + 1) {
		if (!(tab = strchr(at, '\t')) || !(tab2 = strchr(tab + 1, '\t')) ||
		    !(nl = strchr(tab2, '\n')))
			break;
		sl = (size_t)(tab2 - tab - 1);
		if (language && (strlen(language) != (size_t)(tab - at) ||
				 strncmp(at, language, (size_t)(tab - at))))
			continue;
		if (!store_symbol_matches(tab + 1, sl, query))
			continue;
		snprintf(sym, symsz, "%.*s", (int)sl, tab + 1);
		snprintf(rev, 41, "%.40s", tab2 + 1);
		break;
	}
	return 0;
}

int resdiff_store_inherit_meta(resdiff_store *store, resdiff_doc *doc)
{
	resdiff_meta *m = &doc->meta;
	resdiff_doc *old = NULL;
	const char **fields[] = { &m->series, &m->date, &m->meeting, &m->title, &m->body,
		&m->kind, &m->chapeau, &m->draft_of };
	const char *const *from;
	size_t i, missing = 0;
	int error;

	if (!m->symbol || !m->language)
		return 0;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		missing += *fields[i] == NULL;
	if (!missing)
		return 0;
	error = resdiff_store_read(&old, NULL, store, m->symbol, m->language, NULL);
	if (error == RESDIFF_ENOTFOUND) {
		/* new, or withdrawn and back: then as it was when withdrawn */
		char rev[41];
		resdiff_error_clear();
		if ((error = withdrawn_before(rev, store, m->symbol, m->language)) < 0 || !rev[0])
			return error;
		error = resdiff_store_read(&old, NULL, store, m->symbol, m->language, rev);
	}
	if (error < 0)
		return error;
	{
		const char *const olds[] = { old->meta.series, old->meta.date, old->meta.meeting,
			old->meta.title, old->meta.body, old->meta.kind, old->meta.chapeau,
			old->meta.draft_of };
		from = olds;
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]) && !error; i++)
			if (!*fields[i] && from[i])
				error = resdiff_doc_set_meta(doc, fields[i], from[i]);
	}
	resdiff_doc_free(old);
	return error;
}
