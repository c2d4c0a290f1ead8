/* store_meta.c: a correction inherits what it does not say, and so does
 * a withdrawn document imported again. */
#include "git_error.h"
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

/* Read the record's withdrawals once ("withdraw SYMBOL (lang)" commits,
 * first parents from the tip): s->withdrawn. Each commit is looked up
 * once, following its first parent (a revwalk parsed every commit for
 * its own list before git_commit_lookup; 10 % of this walk at 10 000
 * documents). Still one commit read per record commit: linear in the
 * record's history (docs/PERFORMANCE.md, section 5, third round). */
static int withdrawals_read(resdiff_store *s)
{
	git_commit *commit = NULL;
	git_oid id;
	int error = 0, gerr;

	if (s->withdrawn_read)
		return 0;
	if ((gerr = git_reference_name_to_id(&id, s->repo, s->record_ref)) == GIT_ENOTFOUND)
		goto read;  /* an empty record */
	GIT_TRY(gerr, "cannot read the record");
	for (;;) {
		const char *sum, *open;
		git_commit_free(commit);
		commit = NULL;
		GIT_TRY(git_commit_lookup(&commit, s->repo, &id), "cannot read the record");
		sum = git_commit_summary(commit);
		if (sum && !strncmp(sum, "withdraw ", 9) && git_commit_parentcount(commit) >= 1 &&
		    (open = strrchr(sum, '(')) && open >= sum + 10 && open[-1] == ' ' &&
		    (error = resdiff_buf_printf(&s->withdrawn, "%.*s\t%.*s\t%s\n",
				(int)strcspn(open + 1, ")"), open + 1, (int)(open - 1 - (sum + 9)), sum + 9,
				git_oid_tostr_s(git_commit_parent_id(commit, 0)))) < 0)
			goto done;
		if (!git_commit_parentcount(commit))
			break;
		git_oid_cpy(&id, git_commit_parent_id(commit, 0));
	}
read:
	s->withdrawn_read = true;
done:
	git_commit_free(commit);
	return error;
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
