/* manifest.c: the corpus manifest, a git-config file: read by resdiff's own
 * reader when it is of the plain form resdiff writes, else by libgit2. */
#include "resdiff/manifest.h"
#include "resdiff/name.h"
#include "resdiff/text.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "resdiff/parse.h"

static const char *const doc_kinds[] = { "resolution", "draft", "report", "decision", "amendment" };

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
	/* the grammar import stores by, checked here so that the message
	 * names the manifest and the document, not the text file */
	if ((error = resdiff_name_symbol_check(e->symbol)) < 0 ||
	    (error = resdiff_name_from_symbol(&name, e->symbol)) < 0) {
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
				"%s: document \"%s\": unknown kind '%s' (resolution, draft, report, decision, amendment)",
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
static int refuse_includes(const char *text, size_t len, const char *path)
{
	const char *p = text, *end = text + len;
	size_t line = 1;

	/* from '[' to '[' (a byte loop here was 13 % of importing one
	 * document with a manifest of 10 001 sections); lines counted for
	 * the message only */
	while ((p = memchr(p, '[', (size_t)(end - p)))) {
		const char *k = ++p, *q;
		while (k < end && (*k == ' ' || *k == '\t'))
			k++;
		if (end - k < 7 || strncasecmp(k, "include", 7))
			continue;
		for (q = text; (q = memchr(q, '\n', (size_t)(p - q))); q++)
			line++;
		return resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: a manifest cannot include "
			"other files ([include], [includeIf])", path, line);
	}
	return 0;
}

/* One key of one [document "NAME"] section, in file order: the same for
 * both readers, so that they cannot differ in what they accept after the
 * syntax. `full` is the key's whole name (for the one message naming it). */
static int take_entry(resdiff_manifest *m, name_table *names, size_t *alloc,
		const char *full, const char *subname, const char *key, const char *value)
{
	resdiff_manifest_entry *e;
	const char **field;
	const char *path = m->path;

	if (!*subname)
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: '%s': a document needs a name: [document \"NAME\"]", path, full);
	if (!(e = entry_for(m, names, subname, alloc)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if (m->count > RESDIFF_MANIFEST_MAX_DOCUMENTS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: more than %d documents",
			path, RESDIFF_MANIFEST_MAX_DOCUMENTS);
	if (!strcmp(key, "accept")) {
		const char **a = resdiff_arena_alloc(m->arena, (e->accept_count + 2) * sizeof(*a));
		if (!a)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		if (e->accept_count)
			memcpy(a, e->accept, e->accept_count * sizeof(*a));
		if (!(a[e->accept_count] = resdiff_arena_strdup(m->arena, value ? value : "")))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		a[++e->accept_count] = NULL;
		e->accept = a;
		return 0;
	}
	if (!(field = field_for(e, key)))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": unknown key '%s'", path, subname, key);
	if (*field)
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: document \"%s\": '%s' given twice", path, subname, key);
	if (value && value[0] && !(*field = resdiff_arena_strdup(m->arena, value)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

/* libgit2's reasons for refusing a config file, in resdiff's words. */
static const struct {
	const char *git, *ours;
} manifest_git_reasons[] = {
	{ "invalid configuration key", "not a section header, a comment or a 'key = value' line "
		"(a key is letters, digits and '-')" },
	{ "missing ']' in section header", "a section header without its closing ']'" },
	{ "missing quotation marks in section header", "a section name must be quoted: "
		"[document \"NAME\"]" },
	{ "missing closing quotation mark in section header", "a section name without its closing '\"'" },
	{ "unexpected end-of-line in section header", "a section name without its closing '\"'" },
	{ "unexpected text after closing quotes", "text after the closing '\"' of a section name "
		"(it must end in '\"]')" },
	{ "unexpected character in header", "a character a section name cannot hold" },
	{ "invalid section header, line too long", "a section header too long" },
};

/* Where libgit2's "invalid escape at REST" was met: the first backslash,
 * on a line that is not a comment or a section header, before any
 * comment on it, followed by a character that is no escape of git-config
 * (\n \t \b \" \\, or the end of the line). Its byte offset, or len when
 * none is found. */
static size_t find_bad_escape(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t eol = i, j;
		bool quoted = false;
		while (eol < len && text[eol] != '\n')
			eol++;
		for (j = i; j < eol && (text[j] == ' ' || text[j] == '\t'); j++)
			;
		if (j < eol && text[j] != '#' && text[j] != ';' && text[j] != '[') {
			for (; j < eol; j++) {
				if (text[j] == '"') {
					quoted = !quoted;
				} else if (!quoted && (text[j] == '#' || text[j] == ';')) {
					break;
				} else if (text[j] == '\\') {
					if (j + 1 < eol && text[j + 1] != '\r' && !strchr("ntb\"\\", text[j + 1]))
						return j;
					j++;
				}
			}
		}
		i = eol + 1;
	}
	return len;
}

/* libgit2's message about manifest `path` (text, len: its bytes, when
 * read) as resdiff's error: "PATH:LINE: reason", the line taken from
 * the message, or found for an escape, whose message names none. */
static int manifest_git_error(const char *path, const char *text, size_t len, const char *msg)
{
	static const char prefix[] = "failed to parse config file: ";
	const char *in, *reason;
	size_t i, reason_len, line = 0;

	if (!msg)
		return resdiff_error_set(RESDIFF_EINVALID, "%s: cannot be read as a manifest", path);
	if (!strncmp(msg, "invalid escape at ", strlen("invalid escape at ")) && text) {
		size_t at = find_bad_escape(text, len), k;
		if (at < len) {
			for (k = 0, line = 1; k < at; k++)
				line += text[k] == '\n';
			return resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: '\\%c' is no escape a manifest "
				"knows (\\n \\t \\b \\\" \\\\) (byte offset %zu)", path, line,
				text[at + 1] >= 0x20 && text[at + 1] < 0x7f ? text[at + 1] : '?', at);
		}
		return resdiff_error_set(RESDIFF_EINVALID, "%s: a '\\' that is no escape a manifest knows "
			"(\\n \\t \\b \\\" \\\\)", path);
	}
	if (strncmp(msg, prefix, strlen(prefix)) || !(in = strstr(msg, " (in ")))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: %s", path, msg);
	reason = msg + strlen(prefix);
	reason_len = (size_t)(in - reason);
	/* " (in PATH:LINE)" or " (in PATH:LINE, column C)": the last ':' */
	{
		const char *colon = strrchr(in, ':'), *comma = strstr(in, ", column ");
		if (comma && comma > in && colon > comma)
			for (colon = comma; colon > in && *colon != ':'; colon--)
				;
		if (colon && colon > in)
			line = strtoul(colon + 1, NULL, 10);
	}
	for (i = 0; i < sizeof(manifest_git_reasons) / sizeof(manifest_git_reasons[0]); i++)
		if (strlen(manifest_git_reasons[i].git) == reason_len &&
		    !strncmp(manifest_git_reasons[i].git, reason, reason_len))
			break;
	if (!line)
		return resdiff_error_set(RESDIFF_EINVALID, "%s: %.*s", path, (int)reason_len, reason);
	if (i < sizeof(manifest_git_reasons) / sizeof(manifest_git_reasons[0]))
		return resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: %s", path, line,
			manifest_git_reasons[i].ours);
	return resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: %.*s", path, line, (int)reason_len, reason);
}

/* The manifest through libgit2's config parser: every syntax git-config
 * has (quotes, escapes, continuation lines, comments after values,
 * upper-case names, CRLF), its refusals said in resdiff's words
 * (manifest_git_error). text, len: the file's bytes (NULL for "-"). */
static int read_libgit2(resdiff_manifest *m, name_table *names, size_t *alloc, const char *text,
		size_t len)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *ce;
	const char *path = m->path;
	int error = 0, gerr;

	git_libgit2_init();
	if ((gerr = git_config_open_ondisk(&cfg, path)) < 0) {
		const git_error *ge = git_error_last();
		if (gerr == GIT_ENOTFOUND)
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s: %s", path,
				ge ? ge->message : "cannot read manifest");
		else
			error = manifest_git_error(path, text, len, ge ? ge->message : NULL);
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
		char subname[RESDIFF_MANIFEST_NAME_MAX];

		if (strncmp(ce->name, "document.", strlen("document.")))
			continue;  /* other sections are not ours */
		if (key < sub || (size_t)(key - sub) >= sizeof(subname)) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: '%s': a document needs a name: [document \"NAME\"]", path, ce->name);
			goto done;
		}
		memcpy(subname, sub, (size_t)(key - sub));
		subname[key - sub] = '\0';
		if ((error = take_entry(m, names, alloc, ce->name, subname, key + 1, ce->value)) < 0)
			goto done;
	}
	if (gerr != GIT_ITEROVER)
		error = manifest_git_error(path, text, len, git_error_last() ? git_error_last()->message : NULL);
done:
	git_config_iterator_free(it);
	git_config_free(cfg);
	return error;
}

/* The bytes of a value to read_own: a byte of it, a space, a tab (the two
 * around it are not part of it; a tab inside it goes to libgit2), or one
 * that sends the file to libgit2 ('"', '\\', '#', ';', other control
 * bytes). */
enum { VALUE_BYTE, VALUE_SPACE, VALUE_TAB, VALUE_BAD };
static const unsigned char value_class[256] = {
	[0x00] = VALUE_BAD, [0x01] = VALUE_BAD, [0x02] = VALUE_BAD, [0x03] = VALUE_BAD,
	[0x04] = VALUE_BAD, [0x05] = VALUE_BAD, [0x06] = VALUE_BAD, [0x07] = VALUE_BAD,
	[0x08] = VALUE_BAD, ['\t'] = VALUE_TAB, [0x0a] = VALUE_BAD, [0x0b] = VALUE_BAD,
	[0x0c] = VALUE_BAD, [0x0d] = VALUE_BAD, [0x0e] = VALUE_BAD, [0x0f] = VALUE_BAD,
	[0x10] = VALUE_BAD, [0x11] = VALUE_BAD, [0x12] = VALUE_BAD, [0x13] = VALUE_BAD,
	[0x14] = VALUE_BAD, [0x15] = VALUE_BAD, [0x16] = VALUE_BAD, [0x17] = VALUE_BAD,
	[0x18] = VALUE_BAD, [0x19] = VALUE_BAD, [0x1a] = VALUE_BAD, [0x1b] = VALUE_BAD,
	[0x1c] = VALUE_BAD, [0x1d] = VALUE_BAD, [0x1e] = VALUE_BAD, [0x1f] = VALUE_BAD,
	[' '] = VALUE_SPACE, ['"'] = VALUE_BAD, ['#'] = VALUE_BAD, [';'] = VALUE_BAD,
	['\\'] = VALUE_BAD, [0x7f] = VALUE_BAD,
};

/* Are the 8 bytes at p all VALUE_BYTE or VALUE_SPACE (no control byte,
 * tab, '"', '#', ';', '\\' or DEL)? Word at a time: a byte below 0x20, or
 * one equal to c (a zero byte of w ^ c), sets the high bit of its lane;
 * exact as a yes or no. */
static int value_chunk_plain(const char *p)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t w, q, d, s, b, del;
	memcpy(&w, p, 8);
	q = w ^ (ones * '"');
	d = w ^ (ones * '#');
	s = w ^ (ones * ';');
	b = w ^ (ones * '\\');
	del = w ^ (ones * 0x7f);
	return !((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((d - ones) & ~d) |
		((s - ones) & ~s) | ((b - ones) & ~b) | ((del - ones) & ~del)) & highs);
}

/* The sections asked for (resdiff_manifest_load_sources): the files, the
 * manifest's directory their sources are relative to, and the names of the
 * sections whose source is one of them (slices of the text, found by the
 * check pass, taken by the take pass). */
typedef struct {
	const char *const *files;
	size_t nfiles;
	const char *dir;       /* the manifest's path up to its last '/' */
	size_t dirlen;
	struct { const char *name; size_t len; } *names;
	size_t count, alloc;
} source_filter;

/* Is `value` (vlen bytes) the source of one of the files, as import
 * matches them: the file's path is the source joined to the manifest's
 * directory, or its base name is the source? */
static int filter_matches(const source_filter *f, const char *value, size_t vlen)
{
	size_t i;
	for (i = 0; i < f->nfiles; i++) {
		const char *file = f->files[i], *base = strrchr(file, '/');
		size_t flen = strlen(file), dl = vlen && value[0] == '/' ? 0 : f->dirlen;
		base = base ? base + 1 : file;
		if (strlen(base) == vlen && !memcmp(base, value, vlen))
			return 1;
		if (flen == dl + vlen && !memcmp(file, f->dir, dl) && !memcmp(file + dl, value, vlen))
			return 1;
	}
	return 0;
}

static int filter_has(const source_filter *f, const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < f->count; i++)
		if (f->names[i].len == len && !memcmp(f->names[i].name, name, len))
			return 1;
	return 0;
}

static int filter_add(source_filter *f, const char *name, size_t len)
{
	if (filter_has(f, name, len))
		return 0;
	if (f->count == f->alloc) {
		size_t n = f->alloc ? f->alloc * 2 : 8;
		void *g = realloc(f->names, n * sizeof(*f->names));
		if (!g)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		f->names = g;
		f->alloc = n;
	}
	f->names[f->count].name = name;
	f->names[f->count++].len = len;
	return 0;
}

/* resdiff's own reader, for the manifests resdiff and its generators
 * write (docs/MANIFEST.md, "Reading"): libgit2's parser copies every entry
 * twice for its iterator, 43 % of importing one document into a corpus of
 * 10 000. It reads a subset of git-config whose meaning is beyond doubt:
 *
 *   blank lines (spaces, tabs); comment lines ('#' or ';' first, no '\');
 *   [document "NAME"]          NAME 1..RESDIFF_MANIFEST_NAME_MAX-1 bytes,
 *                              no '"', '\', control bytes; nothing after ']'
 *   <ws>key<ws>=<ws>value<ws>  key [a-z][a-z0-9-]*; value without '"',
 *                              '\', '#', ';' or control bytes; the
 *                              spaces and tabs around it are not part of it
 *
 * every line ending in '\n' (or the end of the file), no NUL, no byte
 * order mark, no key before the first section. Any other line and the
 * whole file goes to libgit2 (read_libgit2), so what a manifest means and
 * which manifests are refused do not depend on the reader:
 * tests/unit/manifest_test.c compares the two on every manifest of the
 * repository. With take 0 only checks; with take 1 (after a check) adds
 * the entries, writing NULs into `text`. Returns 1 if the file is of the
 * subset, 0 if not, < 0 on an error of take_entry. With a filter `f`, the
 * check pass notes the sections whose source is one of f's files and the
 * take pass adds those only (the others' lines are skipped: checked once). */
static int read_own(resdiff_manifest *m, name_table *names, size_t *alloc,
		char *text, size_t len, int take, source_filter *f)
{
	const char *subname = NULL;
	size_t i = 0, subname_len = 0;
	int error, skip = 0;

	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		return 0;
	while (i < len) {
		size_t eol = i, k, ks, ke, vs, ve;
		int tab = 0;
		const char *nl = memchr(text + i, '\n', len - i);

		eol = nl ? (size_t)(nl - text) : len;
		for (k = i; k < eol && (text[k] == ' ' || text[k] == '\t'); k++)
			;
		/* a section not asked for, in the take pass: its lines were
		 * checked by the check pass */
		if (skip && k < eol && text[k] != '[') {
			i = eol + 1;
			continue;
		}
		if (k == eol) {
			i = eol + 1;
			continue;
		}
		if (text[k] == '#' || text[k] == ';') {
			for (; k < eol; k++)
				if (text[k] == '\\' || !text[k] || text[k] == '\r')
					return 0;
			i = eol + 1;
			continue;
		}
		if (text[k] == '[') {
			static const char head[] = "[document \"";
			size_t ns;
			if (eol - k < sizeof(head) - 1 + 3 || memcmp(text + k, head, sizeof(head) - 1) ||
			    text[eol - 1] != ']' || text[eol - 2] != '"')
				return 0;
			ns = k + sizeof(head) - 1;
			if (eol - 2 <= ns || eol - 2 - ns >= RESDIFF_MANIFEST_NAME_MAX)
				return 0;
			for (k = ns; k < eol - 2; k++)
				if ((unsigned char)text[k] < 0x20 || text[k] == '"' || text[k] == '\\' ||
				    text[k] == 0x7f)
					return 0;
			if (take && f && !filter_has(f, text + ns, eol - 2 - ns)) {
				skip = 1;
				subname = "";
			} else if (take) {
				skip = 0;
				text[eol - 2] = '\0';
				subname = text + ns;
			} else {
				subname = text + ns;
				subname_len = eol - 2 - ns;
			}
			i = eol + 1;
			continue;
		}
		if (!subname || text[k] < 'a' || text[k] > 'z')
			return 0;
		for (ks = k; k < eol && ((text[k] >= 'a' && text[k] <= 'z') ||
		     (text[k] >= '0' && text[k] <= '9') || text[k] == '-'); k++)
			;
		ke = k;
		for (; k < eol && (text[k] == ' ' || text[k] == '\t'); k++)
			;
		if (k == eol || text[k] != '=')
			return 0;
		for (k++; k < eol && (text[k] == ' ' || text[k] == '\t'); k++)
			;
		vs = k;
		/* eight plain bytes at a time, else a byte class table: the
		 * comparisons byte by byte were half of the pass */
		for (ve = vs; k < eol; k++) {
			unsigned char c;
			if (!tab && eol - k >= 8 && value_chunk_plain(text + k)) {
				size_t j = 8;
				while (j > 0 && text[k + j - 1] == ' ')
					j--;
				if (j)
					ve = k + j;
				k += 7;
				continue;
			}
			c = value_class[(unsigned char)text[k]];
			if (c == VALUE_BAD)
				return 0;
			if (c == VALUE_TAB)
				tab = 1;
			else if (c == VALUE_BYTE && tab)
				return 0;  /* a tab inside a value: libgit2's business */
			else if (c == VALUE_BYTE)
				ve = k + 1;
		}
		if (!take && f && ke - ks == 6 && !memcmp(text + ks, "source", 6) &&
		    filter_matches(f, text + vs, ve - vs) &&
		    (error = filter_add(f, subname, subname_len)) < 0)
			return error;
		if (take) {
			char full[RESDIFF_MANIFEST_NAME_MAX + 64];
			text[ke] = '\0';
			text[ve] = '\0';
			/* the whole name only for the message of a nameless section,
			 * which this reader never sees: "" keeps it cheap */
			full[0] = '\0';
			if ((error = take_entry(m, names, alloc, full, subname, text + ks, text + vs)) < 0)
				return error;
		}
		i = eol + 1;
	}
	return 1;
}

/* Load with `reader`; with `f`, only the sections f asks for when the own
 * reader reads the file (libgit2's reads every section). */
static int manifest_load(resdiff_manifest **out, const char *path,
		resdiff_manifest_reader reader, int *used_own, source_filter *f)
{
	resdiff_manifest *m = NULL;
	name_table names = { NULL, 0 };
	size_t alloc = 0, i, dirlen, len = 0;
	const char *slash;
	char *text = NULL;
	int error, own = 0;

	*out = NULL;
	if (used_own)
		*used_own = 0;
	if (!(m = calloc(1, sizeof(*m))) || !(m->arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	m->path = resdiff_arena_strdup(m->arena, path);
	/* "-" is a file of that name to libgit2, stdin to resdiff_file_read */
	if (strcmp(path, "-")) {
		/* a manifest that cannot be read is an error naming it: libgit2
		 * opens a missing file as an empty configuration, which read as
		 * a manifest of no documents ("nothing to import", exit 0 from
		 * parse) */
		if ((error = resdiff_file_read(&text, &len, path)) < 0)
			goto done;
		if ((error = refuse_includes(text, len, path)) < 0)
			goto done;
		/* its values (title, meeting, ...) are stored as they are: bytes
		 * that are not UTF-8 would reach the repository, and no export
		 * could carry them; refused here, with their offset and line */
		if ((error = resdiff_text_check_encoding(path, text, len)) < 0)
			goto done;
		if (reader != RESDIFF_MANIFEST_READ_LIBGIT2)
			own = read_own(m, &names, &alloc, text, len, 0, f);
	}
	if (used_own)
		*used_own = own;
	if (own) {
		if (own < 0 || (error = read_own(m, &names, &alloc, text, len, 1, f)) < 0) {
			error = own < 0 ? own : error;
			goto done;
		}
	} else if (reader == RESDIFF_MANIFEST_READ_OWN) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s: not of the subset resdiff reads", path);
		goto done;
	} else if ((error = read_libgit2(m, &names, &alloc, text, len)) < 0) {
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
	free(text);
	free(names.slots);
	resdiff_manifest_free(m);
	return error;
}

int resdiff_manifest_load_reader(resdiff_manifest **out, const char *path,
		resdiff_manifest_reader reader, int *used_own)
{
	return manifest_load(out, path, reader, used_own, NULL);
}

int resdiff_manifest_load(resdiff_manifest **out, const char *path)
{
	return manifest_load(out, path, RESDIFF_MANIFEST_READ_ANY, NULL, NULL);
}

int resdiff_manifest_load_sources(resdiff_manifest **out, const char *path,
		const char *const *files, size_t nfiles)
{
	source_filter f;
	const char *slash = strrchr(path, '/');
	int error;

	memset(&f, 0, sizeof(f));
	f.files = files;
	f.nfiles = nfiles;
	f.dir = path;
	f.dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	error = manifest_load(out, path, RESDIFF_MANIFEST_READ_ANY, NULL, &f);
	free(f.names);
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
