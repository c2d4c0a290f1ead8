/* findings.c: the list of findings that `resdiff check` and its
 * checks (check.c, check_account.c, check_misread.c) add to: findings,
 * counted; accepted ones, only counted; the parser's notes, listed
 * apart. The checks call down to it; it calls nothing of theirs. */
#include "resdiff/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int resdiff_findings_new(resdiff_findings **out)
{
	resdiff_findings *f = calloc(1, sizeof(*f));
	*out = NULL;
	if (!f || !(f->arena = resdiff_arena_new())) {
		free(f);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	*out = f;
	return 0;
}

void resdiff_findings_free(resdiff_findings *f)
{
	if (!f)
		return;
	free(f->items);
	free(f->notes);
	resdiff_arena_free(f->arena);
	free(f);
}

/* Append to a list of findings (the findings or the notes). */
static int append(resdiff_findings *f, resdiff_finding **items, size_t *count, size_t *alloc,
		const char *file, size_t line, const char *kind, const char *msg)
{
	resdiff_finding *it;
	if (*count == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 32;
		resdiff_finding *p = realloc(*items, n * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		*items = p;
		*alloc = n;
	}
	it = &(*items)[*count];
	it->file = resdiff_arena_strdup(f->arena, file);
	it->line = line;
	it->kind = kind;
	it->message = resdiff_arena_strdup(f->arena, msg);
	if (!it->file || !it->message)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	(*count)++;
	return 0;
}

static int vadd(resdiff_findings *f, const char *file, size_t line, const char *kind,
		const char *const *accept, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static int vadd(resdiff_findings *f, const char *file, size_t line, const char *kind,
		const char *const *accept, const char *fmt, va_list ap)
{
	char msg[1024];
	size_t k;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (k = 0; accept && accept[k]; k++)
		if (!strcmp(accept[k], msg)) {
			f->accepted++;
			return 0;
		}
	return append(f, &f->items, &f->count, &f->alloc, file, line, kind, msg);
}

int resdiff_findings_add(resdiff_findings *f, const char *file, size_t line,
		const char *kind, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = vadd(f, file, line, kind, NULL, fmt, ap);
	va_end(ap);
	return error;
}

int resdiff_check_add(resdiff_findings *f, const char *file, size_t line, const char *kind,
		const char *const *accept, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = vadd(f, file, line, kind, accept, fmt, ap);
	va_end(ap);
	return error;
}

int resdiff_findings_note(resdiff_findings *f, const char *file, size_t line, const char *msg)
{
	return append(f, &f->notes, &f->note_count, &f->note_alloc, file, line, "note", msg);
}
