/* manifest.c: the corpus manifest, a git-config file read through libgit2. */
#include "resdiff/manifest.h"
#include "resdiff/name.h"
#include "resdiff/text.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "resdiff/parse.h"

static const char *const doc_kinds[] = { "resolution", "draft", "report", "decision" };

int resdiff_date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* The entries by section name while loading: open addressing on
 * entry index + 1 (0: empty), at most half full. */
typedef struct {
	size_t *slots;
	size_t mask;
} name_table;

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of `name`: its entry's, or the empty one where it goes. */
static size_t *name_slot(const name_table *t, const resdiff_manifest *m, const char *name)
{
	size_t k;
	for (k = name_hash(name) & t->mask; t->slots[k]; k = (k + 1) & t->mask)
		if (!strcmp(m->entries[t->slots[k] - 1].name, name))
			break;
	return &t->slots[k];
}

static int name_table_grow(name_table *t, const resdiff_manifest *m)
{
	size_t n = t->slots ? (t->mask + 1) * 2 : 64, i;
	name_table g;
	if (!(g.slots = calloc(n, sizeof(*g.slots))))
		return -1;
	g.mask = n - 1;
	for (i = 0; i < m->count; i++)
		*name_slot(&g, m, m->entries[i].name) = i + 1;
	free(t->slots);
	*t = g;
	return 0;
}

static resdiff_manifest_entry *entry_for(resdiff_manifest *m, name_table *t, const char *name,
		size_t *alloc)
{
	size_t *slot;
	resdiff_manifest_entry *e;

	/* keys of one section come together: the last entry first; else by
	 * name (a linear search for every new section was quadratic: half a
	 * second of an import's CPU with a manifest of 10 000 documents) */
	if (m->count && !strcmp(m->entries[m->count - 1].name, name))
		return &m->entries[m->count - 1];
	if ((m->count + 1) * 2 > (t->slots ? t->mask + 1 : 0) && name_table_grow(t, m) < 0)
		return NULL;
	slot = name_slot(t, m, name);
	if (*slot)
		return &m->entries[*slot - 1];
	if (m->count == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 16;
		e = realloc(m->entries, n * sizeof(*e));
		if (!e)
			return NULL;
		m->entries = e;
		*alloc = n;
	}
	e = &m->entries[m->count];
	memset(e, 0, sizeof(*e));
	if (!(e->name = resdiff_arena_strdup(m->arena, name)))
		return NULL;
	*slot = ++m->count;
	return e;
}

static const char **field_for(resdiff_manifest_entry *e, const char *key)
{
	if (!strcmp(key, "symbol")) return &e->symbol;
	if (!strcmp(key, "language")) return &e->language;
	if (!strcmp(key, "body")) return &e->body;
	if (!strcmp(key, "kind")) return &e->kind;
	if (!strcmp(key, "series")) return &e->series;
	if (!strcmp(key, "date")) return &e->date;
	if (!strcmp(key, "meeting")) return &e->meeting;
	if (!strcmp(key, "title")) return &e->title;
	if (!strcmp(key, "source")) return &e->source;
	if (!strcmp(key, "format")) return &e->format;
	if (!strcmp(key, "draft-of")) return &e->draft_of;
	return NULL;
}

static int validate(resdiff_manifest *m, resdiff_manifest_entry *e)
{
	const char *mp = m->path;
	char *name = NULL;
	size_t i;
	int error;
	int kind_ok = 0;

	if (!e->symbol)
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": missing 'symbol'", mp, e->name);
	if ((error = resdiff_name_from_symbol(&name, e->symbol)) < 0) {
		resdiff_error_prefix(e->name);
		resdiff_error_prefix(mp);
		return error;
	}
	free(name);
	if (!e->language || !resdiff_name_language_ok(e->language))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": missing or invalid 'language'", mp, e->name);
	if (!e->source)
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": missing 'source'", mp, e->name);
	if (e->date && !resdiff_date_valid(e->date))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": invalid date '%s' (want YYYY-MM-DD)", mp, e->name, e->date);
	if (e->series && !resdiff_name_series_ok(e->series))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": invalid series slug '%s' (lower-case letters, digits, '-')",
			mp, e->name, e->series);
	if (e->draft_of && !resdiff_name_is_resolution(e->draft_of))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": draft-of '%s' is not a resolution symbol (like A/RES/80/1)",
			mp, e->name, e->draft_of);
	if (e->draft_of && !strcmp(e->draft_of, e->symbol))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": draft-of names the document itself (a cycle)", mp, e->name);
	if (e->format && strcmp(e->format, "text") && strcmp(e->format, "akn"))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": unknown format '%s' (text, akn)", mp, e->name, e->format);
	if (e->kind) {
		for (i = 0; i < sizeof(doc_kinds) / sizeof(doc_kinds[0]); i++)
			kind_ok |= !strcmp(e->kind, doc_kinds[i]);
		if (!kind_ok)
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s: document \"%s\": unknown kind '%s' (resolution, draft, report, decision)",
				mp, e->name, e->kind);
	}
	return 0;
}

static int cmp_entry_ptr(const void *a, const void *b)
{
	const resdiff_manifest_entry *x = *(const resdiff_manifest_entry *const *)a;
	const resdiff_manifest_entry *y = *(const resdiff_manifest_entry *const *)b;
	int c = strcmp(x->symbol, y->symbol);
	if (!c)
		c = strcmp(x->language, y->language);
	return c ? c : (x < y ? -1 : x > y);
}

/* Symbol and language identify a document: no two entries share them
 * (sorted, so O(n log n) for large manifests). */
static int check_unique(resdiff_manifest *m)
{
	const resdiff_manifest_entry **v;
	size_t i;
	int error = 0;

	if (m->count < 2)
		return 0;
	if (!(v = malloc(m->count * sizeof(*v))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < m->count; i++)
		v[i] = &m->entries[i];
	qsort(v, m->count, sizeof(*v), cmp_entry_ptr);
	for (i = 1; i < m->count && !error; i++)
		if (!strcmp(v[i - 1]->symbol, v[i]->symbol) && !strcmp(v[i - 1]->language, v[i]->language))
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: documents \"%s\" and \"%s\" are both %s (%s)", m->path,
				v[i - 1]->name, v[i]->name, v[i]->symbol, v[i]->language);
	free(v);
	return error;
}

/* libgit2 follows [include] and [includeIf] sections, so a manifest that
 * came with a corpus could have any file read (a FIFO or a device hangs
 * the reader): refuse them before libgit2 sees the file. Conservative: a
 * '[' then "include" anywhere is refused (a header may follow another on
 * the same line). */
static int refuse_includes(const char *path)
{
	char *text = NULL;
	size_t len, i, line = 1;
	int error = 0;

	if (resdiff_file_read(&text, &len, path) < 0)
		return 0;  /* libgit2 says why it cannot be read */
	for (i = 0; i < len && !error; i++) {
		size_t k = i + 1;
		if (text[i] == '\n')
			line++;
		if (text[i] != '[')
			continue;
		while (k < len && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (len - k >= 7 && !strncasecmp(text + k, "include", 7))
			error = resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: a manifest cannot include "
				"other files ([include], [includeIf])", path, line);
	}
	free(text);
	return error;
}

int resdiff_manifest_load(resdiff_manifest **out, const char *path)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *ce;
	resdiff_manifest *m = NULL;
	name_table names = { NULL, 0 };
	size_t alloc = 0, i, dirlen;
	const char *slash;
	int error, gerr;

	*out = NULL;
	git_libgit2_init();
	if (!(m = calloc(1, sizeof(*m))) || !(m->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	m->path = resdiff_arena_strdup(m->arena, path);
	if ((error = refuse_includes(path)) < 0)
		goto done;
	if ((gerr = git_config_open_ondisk(&cfg, path)) < 0) {
		const git_error *ge = git_error_last();
		error = resdiff_error_set(gerr == GIT_ENOTFOUND ? RESDIFF_ENOTFOUND : RESDIFF_EINVALID,
			"%s: %s", path, ge ? ge->message : "cannot read manifest");
		goto done;
	}
	/* every entry, filtered here: libgit2's glob iterator compiles a
	 * regular expression whose match data leaks when the loop stops early
	 * (found by fuzzing, tests/fuzz/manifest_seeds/other_sections.manifest) */
	if (git_config_iterator_new(&it, cfg) < 0) {
		error = resdiff_error_set(RESDIFF_ERROR, "%s: %s", path, git_error_last()->message);
		goto done;
	}
	while ((gerr = git_config_next(&ce, it)) == 0) {
		const char *sub = ce->name + strlen("document.");
		const char *key = strrchr(ce->name, '.');
		char subname[512];
		resdiff_manifest_entry *e;
		const char **field;

		if (strncmp(ce->name, "document.", strlen("document.")))
			continue;  /* other sections are not ours */
		if (key <= sub || (size_t)(key - sub) >= sizeof(subname)) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: '%s': a document needs a name: [document \"NAME\"]", path, ce->name);
			goto done;
		}
		memcpy(subname, sub, (size_t)(key - sub));
		subname[key - sub] = '\0';
		key++;
		if (!(e = entry_for(m, &names, subname, &alloc))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		if (m->count > RESDIFF_MANIFEST_MAX_DOCUMENTS) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "%s: more than %d documents",
				path, RESDIFF_MANIFEST_MAX_DOCUMENTS);
			goto done;
		}
		if (!strcmp(key, "accept")) {
			const char **a = resdiff_arena_alloc(m->arena, (e->accept_count + 2) * sizeof(*a));
			if (!a) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			if (e->accept_count)
				memcpy(a, e->accept, e->accept_count * sizeof(*a));
			if (!(a[e->accept_count] = resdiff_arena_strdup(m->arena, ce->value ? ce->value : ""))) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			a[++e->accept_count] = NULL;
			e->accept = a;
			continue;
		}
		if (!(field = field_for(e, key))) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: document \"%s\": unknown key '%s'", path, subname, key);
			goto done;
		}
		if (*field) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: document \"%s\": '%s' given twice", path, subname, key);
			goto done;
		}
		if (ce->value && ce->value[0] &&
		    !(*field = resdiff_arena_strdup(m->arena, ce->value))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (gerr != GIT_ITEROVER) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: %s", path, git_error_last()->message);
		goto done;
	}
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	for (i = 0; i < m->count; i++) {
		resdiff_manifest_entry *e = &m->entries[i];
		resdiff_buf p = RESDIFF_BUF_INIT;
		if ((error = validate(m, e)) < 0)
			goto done;
		if (e->source[0] == '/')
			dirlen = 0;
		if (resdiff_buf_put(&p, path, dirlen) < 0 || resdiff_buf_puts(&p, e->source) < 0 ||
		    !(e->path = resdiff_arena_strdup(m->arena, p.ptr))) {
			resdiff_buf_dispose(&p);
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		resdiff_buf_dispose(&p);
		dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	}
	if ((error = check_unique(m)) < 0)
		goto done;
	*out = m;
	m = NULL;
	error = 0;
done:
	free(names.slots);
	git_config_iterator_free(it);
	git_config_free(cfg);
	resdiff_manifest_free(m);
	return error;
}

void resdiff_manifest_free(resdiff_manifest *m)
{
	if (!m)
		return;
	free(m->entries);
	resdiff_arena_free(m->arena);
	free(m);
}

const resdiff_manifest_entry *resdiff_manifest_find(const resdiff_manifest *m,
		const char *symbol, const char *language)
{
	size_t i;
	for (i = 0; i < m->count; i++)
		if (!strcmp(m->entries[i].symbol, symbol) &&
		    !strcmp(m->entries[i].language, language))
			return &m->entries[i];
	return NULL;
}

int resdiff_manifest_apply(resdiff_doc *doc, const resdiff_manifest_entry *e)
{
	struct { const char **field; const char *value; } f[] = {
		{ &doc->meta.symbol, e->symbol }, { &doc->meta.language, e->language },
		{ &doc->meta.body, e->body }, { &doc->meta.kind, e->kind },
		{ &doc->meta.series, e->series }, { &doc->meta.date, e->date },
		{ &doc->meta.meeting, e->meeting }, { &doc->meta.title, e->title },
		{ &doc->meta.draft_of, e->draft_of },
	};
	size_t i;
	int error;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].value && (error = resdiff_doc_set_meta(doc, f[i].field, f[i].value)) < 0)
			return error;
	return 0;
}
