/* store_meta.c: a correction inherits what it does not say. */
#include "resdiff/store.h"

#include <string.h>

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
	if (error == RESDIFF_ENOTFOUND)
		return 0; /* a new document: nothing to inherit */
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
