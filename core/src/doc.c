/* doc.c: the document tree (construction and lookup). */
#include "resdiff/doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const unit_kind_names[] = {
	"preamble", "operative", "subparagraph", "heading", "paragraph", "block", "article"
};

int resdiff_unit_is_operative(const resdiff_unit *u)
{
	const char *art, *id = strchr(u->id, '-') ? strchr(u->id, '-') + 1 : u->id;
	if (u->kind == RESDIFF_UNIT_OPERATIVE)
		return 1;
	if (u->kind == RESDIFF_UNIT_SUBPARAGRAPH) /* not a recital's list: PP6(a) */
		return strncmp(id, "PP", 2) != 0;
	/* "ART12.1", "ANNEX1-ART3.2" */
	art = strstr(u->id, "ART");
	return u->kind == RESDIFF_UNIT_PARAGRAPH && art && (art == u->id || art[-1] == '-') &&
		art[3] >= '0' && art[3] <= '9' && strchr(art, '.') != NULL;
}

const char *resdiff_unit_kind_name(resdiff_unit_kind kind)
{
	if ((size_t)kind >= sizeof(unit_kind_names) / sizeof(unit_kind_names[0]))
		return "unknown";
	return unit_kind_names[kind];
}

int resdiff_unit_kind_from_name(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(unit_kind_names) / sizeof(unit_kind_names[0]); i++)
		if (!strcmp(name, unit_kind_names[i]))
			return (int)i;
	return -1;
}

int resdiff_doc_new(resdiff_doc **out)
{
	resdiff_doc *doc;

	*out = NULL;
	doc = calloc(1, sizeof(*doc));
	if (!doc || !(doc->arena = resdiff_arena_new())) {
		free(doc);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	*out = doc;
	return 0;
}

void resdiff_doc_free(resdiff_doc *doc)
{
	if (!doc)
		return;
	free(doc->units);
	free(doc->footnotes);
	free(doc->diags);
	free((void *)doc->meta.footnotes);
	resdiff_arena_free(doc->arena);
	free(doc);
}

/* Grow a malloc'd array of `elem` bytes to hold one more element. */
static int grow(void **array, size_t *alloc, size_t count, size_t elem)
{
	size_t n;
	void *p;

	if (count < *alloc)
		return 0;
	n = *alloc ? *alloc * 2 : 16;
	if (n > SIZE_MAX / elem)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	p = realloc(*array, n * elem);
	if (!p)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	*array = p;
	*alloc = n;
	return 0;
}

static const char *dup(resdiff_doc *doc, const char *s)
{
	return resdiff_arena_strdup(doc->arena, s ? s : "");
}

int resdiff_doc_set_meta(resdiff_doc *doc, const char **field, const char *value)
{
	if (!value) {
		*field = NULL;
		return 0;
	}
	if (!(*field = dup(doc, value)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

int resdiff_doc_add_unit(resdiff_unit **out, resdiff_doc *doc, const char *id,
		resdiff_unit_kind kind, const char *label, const char *text, size_t line)
{
	resdiff_unit *u;
	int error;

	if ((error = grow((void **)&doc->units, &doc->unit_alloc, doc->unit_count,
			sizeof(*doc->units))) < 0)
		return error;
	u = &doc->units[doc->unit_count];
	memset(u, 0, sizeof(*u));
	u->id = dup(doc, id);
	u->label = dup(doc, label);
	u->text = dup(doc, text);
	if (!u->id || !u->label || !u->text)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	u->kind = kind;
	u->line = line;
	doc->unit_count++;
	if (out)
		*out = u;
	return 0;
}

int resdiff_doc_add_fnref(resdiff_doc *doc, resdiff_unit *unit,
		const char *label, size_t offset)
{
	/* fnrefs live in the arena, which cannot grow an array in place: the
	 * capacity doubles (4, 8, 16 ...: full when the count is 0 or a power
	 * of two from 4 on), so a paragraph with many markers stays linear */
	resdiff_fnref *refs = unit->fnrefs;
	size_t n = unit->fnref_count;

	if (n == 0 || (n >= 4 && !(n & (n - 1)))) {
		refs = resdiff_arena_alloc(doc->arena, (n ? n * 2 : 4) * sizeof(*refs));
		if (!refs)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		if (n)
			memcpy(refs, unit->fnrefs, n * sizeof(*refs));
	}
	refs[n].label = dup(doc, label);
	refs[n].offset = offset;
	if (!refs[n].label)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	unit->fnrefs = refs;
	unit->fnref_count = n + 1;
	return 0;
}

int resdiff_doc_add_footnote(resdiff_doc *doc, const char *label,
		const char *text, size_t line)
{
	resdiff_footnote *f;
	int error;

	if ((error = grow((void **)&doc->footnotes, &doc->footnote_alloc,
			doc->footnote_count, sizeof(*doc->footnotes))) < 0)
		return error;
	f = &doc->footnotes[doc->footnote_count];
	f->label = dup(doc, label);
	f->text = dup(doc, text);
	f->line = line;
	if (!f->label || !f->text)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	doc->footnote_count++;
	return 0;
}

int resdiff_doc_add_meta_footnote(resdiff_doc *doc, const char *label)
{
	const char **p;
	size_t n = doc->meta.footnote_count;

	p = realloc((void *)doc->meta.footnotes, (n + 1) * sizeof(*p));
	if (!p)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	doc->meta.footnotes = p;
	if (!(p[n] = dup(doc, label)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	doc->meta.footnote_count = n + 1;
	return 0;
}

const char *resdiff_diag_level_name(resdiff_diag_level level)
{
	return level == RESDIFF_DIAG_NOTE ? "note" : "warning";
}

static int add_diag(resdiff_doc *doc, resdiff_diag_level level, size_t line, const char *fmt,
		va_list ap) __attribute__((format(printf, 4, 0)));

static int add_diag(resdiff_doc *doc, resdiff_diag_level level, size_t line, const char *fmt,
		va_list ap)
{
	va_list again;
	int n, error;
	char *msg;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return resdiff_error_set(RESDIFF_ERROR, "bad diagnostic format");
	}
	if (!(msg = resdiff_arena_alloc(doc->arena, (size_t)n + 1))) {
		va_end(again);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	if ((error = grow((void **)&doc->diags, &doc->diag_alloc, doc->diag_count,
			sizeof(*doc->diags))) < 0)
		return error;
	doc->diags[doc->diag_count].line = line;
	doc->diags[doc->diag_count].message = msg;
	doc->diags[doc->diag_count].level = level;
	doc->diag_count++;
	return 0;
}

int resdiff_doc_add_diag(resdiff_doc *doc, size_t line, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = add_diag(doc, RESDIFF_DIAG_WARNING, line, fmt, ap);
	va_end(ap);
	return error;
}

int resdiff_doc_add_note(resdiff_doc *doc, size_t line, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = add_diag(doc, RESDIFF_DIAG_NOTE, line, fmt, ap);
	va_end(ap);
	return error;
}

const resdiff_unit *resdiff_doc_unit_by_id(const resdiff_doc *doc, const char *id)
{
	size_t i;
	for (i = 0; i < doc->unit_count; i++)
		if (!strcmp(doc->units[i].id, id))
			return &doc->units[i];
	return NULL;
}

const resdiff_footnote *resdiff_doc_footnote(const resdiff_doc *doc, const char *label)
{
	size_t i;
	for (i = 0; i < doc->footnote_count; i++)
		if (!strcmp(doc->footnotes[i].label, label))
			return &doc->footnotes[i];
	return NULL;
}
