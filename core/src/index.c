/* index.c: the clause fingerprint index, refs/resdiff/index
 * (docs/PROVENANCE.md). Builds the lineage links of every stored document
 * with the aligner and keeps them, with the fingerprints, in git. */
#include "git_error.h"
#include "index_internal.h"
#include "pool.h"
#include "sort.h"
#include "store_pack.h"
#include "resdiff/canon.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"
#include "resdiff/name.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "resdiff/text.h"

#define INDEX_MAGIC "resdiff-index"
/* Transactions writing at least this many files build one pack. */
#define INDEX_PACK_MIN RESDIFF_STORE_PACK_MIN_DOCS


#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")

/* Format 15: beside its files, each language tree of the index holds its
 * summary (one line per document, in adoption order: what an update needs
 * of every document), its catalogue split by directory (a tree, one blob
 * per directory of documents: each document's record blob and index
 * file) and its postings (each fingerprint's first
 * RESDIFF_INDEX_POSTING_MAX clauses in adoption order, or the place of
 * the document that filled them), so that an update reads the summary,
 * the postings, the catalogues of the directories that changed and the
 * few files it needs rather than every file of the language, and writes
 * the summary, the postings and the changed directories' catalogues.
 * (Format 13 held one catalogue of the language, @catalogue as a blob.)
 * '@' is never in a mapped name (docs/NAMES.md): no directory of documents
 * can be called so. */
#define INDEX_CATALOGUE "@catalogue"
#define INDEX_SUMMARY "@summary"
#define INDEX_POSTINGS "@postings"
#define CATALOGUE_MAGIC "resdiff-catalogue 2"
#define SUMMARY_MAGIC "resdiff-summary 1"
#define POSTINGS_MAGIC "resdiff-postings 1"


/* ---- the file format ---------------------------------------------------- */

/* Fields are symbols, ids, dates and slugs: no control characters. */
static int put_field(resdiff_buf *out, const char *s)
{
	const char *p;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return resdiff_error_set(RESDIFF_EINVALID,
				"'%s' has a control character and cannot be indexed", s);
	return resdiff_buf_puts(out, s);
}

/* v as 8 lowercase hex digits (printf's "%08x", which was 3.6 % of a full
 * index: a call per fingerprint), `before` and `after` around it unless
 * NUL. */
static int put_hex32(resdiff_buf *out, char before, uint32_t v, char after)
{
	static const char digits[] = "0123456789abcdef";
	char hex[10], *q = hex;
	int i;
	if (before)
		*q++ = before;
	for (i = 28; i >= 0; i -= 4)
		*q++ = digits[(v >> i) & 0xF];
	if (after)
		*q++ = after;
	return resdiff_buf_put(out, hex, (size_t)(q - hex));
}

static int entry_write(resdiff_buf *out, const index_entry *e)
{
	char hex[GIT_OID_HEXSZ + 1];
	size_t i, k;
	int error;

	if ((error = resdiff_buf_printf(out, "%s %d\nsymbol\t", INDEX_MAGIC, RESDIFF_INDEX_FILE_FORMAT)) < 0 ||
	    (error = put_field(out, e->symbol)) < 0 ||
	    (error = resdiff_buf_puts(out, "\nlanguage\t")) < 0 ||
	    (error = put_field(out, e->language)) < 0)
		return error;
	if (e->date && ((error = resdiff_buf_puts(out, "\ndate\t")) < 0 || (error = put_field(out, e->date)) < 0))
		return error;
	if (e->series && ((error = resdiff_buf_puts(out, "\nseries\t")) < 0 || (error = put_field(out, e->series)) < 0))
		return error;
	git_oid_tostr(hex, sizeof(hex), &e->blob);
	if ((error = resdiff_buf_printf(out, "\nblob\t%s\n", hex)) < 0)
		return error;
	if (e->has_prev) {
		git_oid_tostr(hex, sizeof(hex), &e->prev_blob);
		if ((error = resdiff_buf_puts(out, "previous\t")) < 0 ||
		    (error = put_field(out, e->prev_symbol)) < 0 ||
		    (error = resdiff_buf_printf(out, "\t%s\n", hex)) < 0)
			return error;
	}
	if ((error = resdiff_buf_putc(out, '\n')) < 0)
		return error;
	for (i = 0; i < e->unit_count; i++) {
		if ((error = resdiff_buf_puts(out, "unit\t")) < 0 || (error = put_field(out, e->unit_ids[i])) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0)
			return error;
		for (k = 0; k < RESDIFF_INDEX_SKETCH && e->sketch[i * RESDIFF_INDEX_SKETCH + k]; k++)
			if ((error = put_hex32(out, k ? ' ' : '\0',
					e->sketch[i * RESDIFF_INDEX_SKETCH + k], '\0')) < 0)
				return error;
		if ((error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	if ((error = resdiff_buf_putc(out, '\n')) < 0)
		return error;
	for (i = 0; i < e->link_count + e->rlink_count; i++) {
		bool rev = i >= e->link_count;
		const index_link *l = rev ? &e->rlinks[i - e->link_count] : &e->links[i];
		if (rev && i == e->link_count && (error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
		if ((error = resdiff_buf_puts(out, rev ? "to\t" : "from\t")) < 0 ||
		    (error = put_field(out, e->unit_ids[l->unit])) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 ||
		    (error = put_field(out, l->src_symbol)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 ||
		    (error = put_field(out, l->src_unit)) < 0 ||
		    (error = resdiff_buf_printf(out, "\t%s\t%.4f\t%.4f\t%s\n",
				resdiff_relation_name(l->relation), l->similarity, l->confidence,
				l->moved && l->across ? "moved,across" : l->moved ? "moved" :
				l->across ? "across" : "-")) < 0)
			return error;
	}
	return 0;
}

/* Split line[0..len) at tabs into f (at most max fields); returns count. */
static size_t split_tabs(char **f, size_t max, char *line)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		char *t = strchr(p, '\t');
		f[n++] = p;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

/* The fingerprint at s as entry_write writes it ("%08x", then a space or
 * the end): decoded by hand, since strtoul was a quarter of parsing the
 * index files an update reads. Anything else goes to strtoul, so what is
 * accepted does not change. */
static unsigned long hex_fingerprint(const char *s, char **end)
{
	unsigned long v = 0;
	size_t i;
	for (i = 0; i < 8; i++) {
		unsigned c = (unsigned char)s[i], d;
		if (c - '0' < 10)
			d = c - '0';
		else if ((c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			return strtoul(s, end, 16);
		v = v << 4 | d;
	}
	if (s[8] != ' ' && s[8] != '\0')
		return strtoul(s, end, 16);
	*end = (char *)s + 8;
	return v;
}

/* A similarity or confidence as entry_write writes it ("%.4f" of a value
 * in [0, 1]): the integer of its digits over 10 000, a quotient of two
 * exact doubles, is correctly rounded, so it is the double strtod gives
 * (strtod was a third of parsing the index files an update reads).
 * Anything else goes to strtod. */
static double fixed4(const char *s, char **end)
{
	const char *p = s;
	unsigned long whole = 0, frac = 0;
	size_t i;
	for (i = 0; i < 3 && *p >= '0' && *p <= '9'; i++, p++)
		whole = whole * 10 + (unsigned long)(*p - '0');
	if (!i || *p != '.')
		return strtod(s, end);
	for (i = 0, p++; i < 4; i++, p++) {
		if (*p < '0' || *p > '9')
			return strtod(s, end);
		frac = frac * 10 + (unsigned long)(*p - '0');
	}
	if (*p >= '0' && *p <= '9')
		return strtod(s, end);
	*end = (char *)p;
	return (double)(whole * 10000 + frac) / 10000.0;
}

static int bad_entry(const char *path, size_t line, const char *what)
{
	return resdiff_error_set(RESDIFF_EINVALID, "index file %s, line %zu: %s", path, line, what);
}

/* Parse lines from p on (line: the number of the line before p, section:
 * the section p is in) to the end. With defer, parsing stops where the
 * links begin (section 2): the rest is kept in e->links_text for
 * index_entry_parse_links. */
static int parse_lines(index_entry *e, resdiff_arena *arena, char *p, size_t line, size_t section,
		bool want_sketch, bool defer)
{
	const char *path = e->path;
	char *f[8] = { NULL };  /* initialised: gcc -O3 cannot see split_tabs fill f[2] when n == 3 */
	size_t units_alloc = e->unit_count, links_alloc = 0, rlinks_alloc = 0, n, k;
	size_t last_unit = 0;

	for (; *p; ) {
		char *nl = strchr(p, '\n');
		if (!nl)
			return bad_entry(path, line + 1, "no line end");
		if (defer && section == 2) {
			e->links_text = p;
			break;
		}
		*nl = '\0';
		line++;
		if (line == 1) {
			char want[32];
			snprintf(want, sizeof(want), "%s %d", INDEX_MAGIC, RESDIFF_INDEX_FILE_FORMAT);
			if (strcmp(p, want))
				return bad_entry(path, line, "not an index file of this format");
		} else if (!*p) {
			section++;
		} else if (section == 0) {
			n = split_tabs(f, 3, p);
			if (n < 2)
				return bad_entry(path, line, "malformed header line");
			if (!strcmp(f[0], "symbol")) e->symbol = f[1];
			else if (!strcmp(f[0], "language")) e->language = f[1];
			else if (!strcmp(f[0], "date")) e->date = f[1];
			else if (!strcmp(f[0], "series")) e->series = f[1];
			else if (!strcmp(f[0], "blob")) {
				if (git_oid_fromstr(&e->blob, f[1]) < 0)
					return bad_entry(path, line, "bad blob id");
			} else if (!strcmp(f[0], "previous") && n == 3) {
				e->has_prev = true;
				e->prev_symbol = f[1];
				if (git_oid_fromstr(&e->prev_blob, f[2]) < 0)
					return bad_entry(path, line, "bad blob id");
			} else {
				return bad_entry(path, line, "unknown header line");
			}
		} else if (section == 1) {
			char *s;
			if (split_tabs(f, 3, p) != 3 || strcmp(f[0], "unit"))
				return bad_entry(path, line, "want unit<TAB>ID<TAB>fingerprints");
			if (e->unit_count == units_alloc) {
				size_t na = units_alloc ? units_alloc * 2 : 64;
				const char **ids = resdiff_arena_alloc(arena, na * sizeof(*ids));
				uint32_t *sk = want_sketch ?
					resdiff_arena_alloc(arena, na * RESDIFF_INDEX_SKETCH * sizeof(*sk)) : NULL;
				if (!ids || (want_sketch && !sk))
					return NOMEM();
				if (e->unit_count) {
					memcpy(ids, e->unit_ids, e->unit_count * sizeof(*ids));
					if (want_sketch)
						memcpy(sk, e->sketch, e->unit_count * RESDIFF_INDEX_SKETCH * sizeof(*sk));
				}
				e->unit_ids = ids;
				e->sketch = sk;
				units_alloc = na;
			}
			e->unit_ids[e->unit_count] = f[1];
			if (!want_sketch) {
				e->unit_count++;
				p = nl + 1;
				continue;
			}
			memset(&e->sketch[e->unit_count * RESDIFF_INDEX_SKETCH], 0,
				RESDIFF_INDEX_SKETCH * sizeof(uint32_t));
			for (k = 0, s = f[2]; *s && k < RESDIFF_INDEX_SKETCH; k++) {
				char *end;
				unsigned long v = hex_fingerprint(s, &end);
				if (end == s || v == 0 || v > 0xFFFFFFFFul)
					return bad_entry(path, line, "bad fingerprint");
				e->sketch[e->unit_count * RESDIFF_INDEX_SKETCH + k] = (uint32_t)v;
				s = *end == ' ' ? end + 1 : end;
			}
			e->unit_count++;
		} else if (section == 2 || section == 3) {
			/* from: links to earlier clauses; to: the reverse */
			index_link *l, **list = section == 2 ? &e->links : &e->rlinks;
			size_t *count = section == 2 ? &e->link_count : &e->rlink_count;
			size_t *alloc = section == 2 ? &links_alloc : &rlinks_alloc;
			int rel;
			char *end;
			if (split_tabs(f, 8, p) != 8 || strcmp(f[0], section == 2 ? "from" : "to") ||
			    (rel = resdiff_relation_from_name(f[4])) < 0)
				return bad_entry(path, line, "want from|to<TAB>ID<TAB>SYMBOL<TAB>ID<TAB>RELATION<TAB>SIMILARITY<TAB>CONFIDENCE<TAB>FLAGS");
			if (*count == *alloc) {
				size_t na = *alloc ? *alloc * 2 : 64;
				index_link *ls = resdiff_arena_alloc(arena, na * sizeof(*ls));
				if (!ls)
					return NOMEM();
				if (*count)
					memcpy(ls, *list, *count * sizeof(*ls));
				*list = ls;
				*alloc = na;
			}
			l = &(*list)[*count];
			memset(l, 0, sizeof(*l));
			/* links come in clause order: search on from the last one */
			for (k = 0; k < e->unit_count; k++)
				if (!strcmp(e->unit_ids[(last_unit + k) % e->unit_count], f[1]))
					break;
			if (k == e->unit_count)
				return bad_entry(path, line, "link of a clause the file does not list");
			k = last_unit = (last_unit + k) % e->unit_count;
			l->unit = k;
			l->src_symbol = f[2];
			l->src_unit = f[3];
			l->relation = (resdiff_relation)rel;
			l->similarity = fixed4(f[5], &end);
			if (*end)
				return bad_entry(path, line, "bad similarity");
			l->confidence = fixed4(f[6], &end);
			if (*end)
				return bad_entry(path, line, "bad confidence");
			l->moved = strstr(f[7], "moved") != NULL;
			l->across = strstr(f[7], "across") != NULL;
			(*count)++;
		} else {
			return bad_entry(path, line, "too many sections");
		}
		p = nl + 1;
	}
	e->lines = line;
	return 0;
}

static int entry_parse(index_entry *e, resdiff_arena *arena, const char *data, size_t len,
		const char *path, bool want_sketch, bool defer)
{
	char *copy = resdiff_arena_strndup(arena, data, len);
	int error;

	memset(e, 0, sizeof(*e));
	if (!copy)
		return NOMEM();
	if (!(e->path = resdiff_arena_strdup(arena, path)))
		return NOMEM();
	if ((error = parse_lines(e, arena, copy, 0, 0, want_sketch, defer)) < 0)
		return error;
	if (!e->symbol || !e->language || git_oid_is_zero(&e->blob))
		return bad_entry(path, e->lines, "symbol, language or blob missing");
	return 0;
}

int index_entry_parse(index_entry *e, resdiff_arena *arena, const char *data, size_t len,
		const char *path, bool want_sketch)
{
	return entry_parse(e, arena, data, len, path, want_sketch, false);
}

int index_entry_parse_head(index_entry *e, resdiff_arena *arena, const char *data, size_t len,
		const char *path)
{
	return entry_parse(e, arena, data, len, path, true, true);
}

int index_entry_parse_links(index_entry *e, resdiff_arena *arena)
{
	char *text = e->links_text;
	int error;

	if (!text)
		return 0;
	e->links_text = NULL;
	if ((error = parse_lines(e, arena, text, e->lines, 2, false, false)) < 0) {
		e->links = e->rlinks = NULL;
		e->link_count = e->rlink_count = 0;
	}
	return error;
}

/* ---- fingerprints ------------------------------------------------------- */

static uint32_t mix32(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (uint32_t)(x >> 32) | 1u;  /* never 0: 0 marks "none" */
}

/* The bottom-k sketch of a clause: the RESDIFF_INDEX_SKETCH smallest
 * distinct hashes of its key's trigrams, ascending, 0-padded. */
static int sketch_text(uint32_t out[RESDIFF_INDEX_SKETCH], const char *text)
{
	resdiff_buf key = RESDIFF_BUF_INIT;
	uint64_t *grams = NULL;
	size_t n = 0, i, have = 0;
	int error;

	memset(out, 0, RESDIFF_INDEX_SKETCH * sizeof(uint32_t));
	if ((error = resdiff_compare_key(&key, text, strlen(text), RESDIFF_KEY_EXACT)) < 0 ||
	    (error = resdiff_ngrams_build(&grams, &n, key.ptr ? key.ptr : "", key.size, RESDIFF_ALIGN_GRAM)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		uint32_t h = mix32(grams[i]);
		size_t j;
		for (j = 0; j < have && out[j] < h; j++)
			;
		if (j < have && out[j] == h)
			continue;
		if (j >= RESDIFF_INDEX_SKETCH)
			continue;
		if (have < RESDIFF_INDEX_SKETCH)
			have++;
		memmove(&out[j + 1], &out[j], (have - 1 - j) * sizeof(uint32_t));
		out[j] = h;
	}
done:
	free(grams);
	resdiff_buf_dispose(&key);
	return error;
}

/* ---- the index commit ----------------------------------------------------- */

/* Why a stored index is not trusted, as the rest of "the stored clause
 * index ..." (readers' note, `resdiff index`). */
#define WHY_MISSING "is missing or unreadable"
#define WHY_FORMAT "is of another index format"
#define WHY_SKETCH "was computed with another sketch size"
#define WHY_LANG "was computed with other language data, by a resdiff with other language files"
#define WHY_STALE "describes an earlier record"

/* The index commit's tree when it is a well-formed index of this format
 * or of the one before whose links are still the aligner's (the same
 * files, no catalogue: *format says which); its Record trailer in
 * *built_from. An index of another format gives no tree; *stated (may be
 * NULL) is the format its commit names, 0 when there is none; *why (may
 * be NULL) why there is no tree (WHY_*), NULL when there is one. */
static int index_commit_tree_why(git_tree **tree, git_oid *commit_id, git_oid *built_from,
		int *format, int *stated, const char **why, resdiff_store *s);

static int index_commit_tree(git_tree **tree, git_oid *commit_id, git_oid *built_from,
		int *format, int *stated, resdiff_store *s)
{
	return index_commit_tree_why(tree, commit_id, built_from, format, stated, NULL, s);
}

static int index_commit_tree_why(git_tree **tree, git_oid *commit_id, git_oid *built_from,
		int *format, int *stated, const char **why, resdiff_store *s)
{
	const char *reason = WHY_MISSING;
	git_commit *commit = NULL;
	git_message_trailer_array tr = { NULL, 0, NULL };
	const char *fmt, *rec, *sk, *lang;
	char want[24], prev[24];
	bool this_format = false;

	*tree = NULL;
	*format = 0;
	if (stated)
		*stated = 0;
	memset(built_from, 0, sizeof(git_oid));
	memset(commit_id, 0, sizeof(git_oid));
	if (git_reference_name_to_id(commit_id, s->repo, store_index_ref(s)) < 0 ||
	    git_commit_lookup(&commit, s->repo, commit_id) < 0 ||
	    git_message_trailers(&tr, git_commit_message(commit)) < 0)
		goto done;
	fmt = store_trailer(&tr, "Index-Format");
	rec = store_trailer(&tr, "Record");
	sk = store_trailer(&tr, "Sketch");
	lang = store_trailer(&tr, "Lang");
	if (fmt && stated)
		*stated = atoi(fmt);
	snprintf(want, sizeof(want), "%d", RESDIFF_INDEX_FORMAT);
	/* the format before, when its links are today's (else it is recomputed) */
	snprintf(prev, sizeof(prev), "%d", RESDIFF_INDEX_FORMAT - 1 >= RESDIFF_INDEX_LINKS_FORMAT ?
		RESDIFF_INDEX_FORMAT - 1 : RESDIFF_INDEX_FORMAT);
	reason = WHY_FORMAT;
	if (!fmt || (strcmp(fmt, want) && strcmp(fmt, prev)) || !rec || git_oid_fromstr(built_from, rec) < 0)
		goto done;
	this_format = !strcmp(fmt, want);
	snprintf(want, sizeof(want), "%d", RESDIFF_INDEX_SKETCH);
	reason = WHY_SKETCH;
	if (!sk || strcmp(sk, want))
		goto done;
	/* computed with other language data (a verb, a recast, a fold):
	 * its links may not be the aligner's any more */
	snprintf(want, sizeof(want), "%016" PRIx64, resdiff_lang_fingerprint());
	reason = WHY_LANG;
	if (!lang || strcmp(lang, want))
		goto done;
	reason = WHY_MISSING;
	if (git_commit_tree(tree, commit) < 0)
		*tree = NULL;
	else
		*format = this_format ? RESDIFF_INDEX_FORMAT : RESDIFF_INDEX_FORMAT - 1;
done:
	if (why)
		*why = *tree ? NULL : reason;
	git_error_clear();
	git_message_trailer_array_free(&tr);
	git_commit_free(commit);
	return 0;
}

int index_fresh_tree(git_tree **tree, const char **why, git_oid *record, resdiff_store *s)
{
	git_oid built_from, commit_id;
	int format;

	*tree = NULL;
	if (why)
		*why = WHY_MISSING;
	memset(record, 0, sizeof(git_oid));
	if (git_reference_name_to_id(record, s->repo, s->record_ref) < 0) {
		git_error_clear();
		memset(record, 0, sizeof(git_oid));
		return 0;
	}
	/* the previous format's files are this one's: readers take either */
	index_commit_tree_why(tree, &commit_id, &built_from, &format, NULL, why, s);
	if (*tree && !git_oid_equal(&built_from, record)) {
		git_tree_free(*tree);
		*tree = NULL;
		if (why)
			*why = WHY_STALE;
	}
	return 0;
}

/* ---- building ------------------------------------------------------------ */

typedef struct {
	index_entry e;           /* the new entry (strings: the build arena or
	                            the old entry's arena) */
	const index_entry *old;  /* the previous index's entry at this path */
	bool compute;
	bool touched;            /* its "to" links may have changed: a computed
	                            document links (or linked) into it */
	size_t prev;             /* participant index of the previous member */
	bool is_prev;            /* the previous member of a document to compute */
	bool dir_same;           /* its record directory is the old index's */
	bool kept;               /* doc and side kept for that member */
	bool cached;             /* doc and side kept after serving as a
	                            candidate (build_ctx.cache) */
	uint64_t used;           /* when last a candidate (build_ctx.tick) */
	resdiff_doc *doc;        /* loaded while computing, and kept after for
	                            the next member when is_prev */
	resdiff_align_prepared *side;  /* doc prepared for the aligner, once */
	git_blob *blob;          /* looked up, to be read by a job (doc_fetch) */
	bool fetching;           /* queued to be read and prepared */
	unsigned pins;           /* uses by the window's documents */
	bool drop;               /* released while pinned: done at the last unpin */
} build_doc;

typedef struct {
	uint32_t fp;
	uint32_t doc, unit;
	uint32_t next;           /* next posting of the same fingerprint, or UINT32_MAX */
} posting;

typedef struct {
	uint32_t *heads;         /* open addressing: fingerprint -> first posting */
	uint32_t *counts;
	uint32_t *keys;
	uint32_t *sat;           /* 1 + the document whose posting made the
	                            fingerprint too common, 0 while it is not */
	size_t mask;
	posting *p;
	size_t count, alloc, keys_used;
} postings;

static int postings_init(postings *ps, size_t expected)
{
	size_t cap = 1024;
	while (cap < expected * 2)
		cap <<= 1;
	memset(ps, 0, sizeof(*ps));
	ps->mask = cap - 1;
	if (!(ps->heads = malloc(cap * sizeof(uint32_t))) || !(ps->counts = calloc(cap, sizeof(uint32_t))) ||
	    !(ps->keys = calloc(cap, sizeof(uint32_t))) || !(ps->sat = calloc(cap, sizeof(uint32_t))))
		return NOMEM();
	memset(ps->heads, 0xFF, cap * sizeof(uint32_t));
	return 0;
}

static void postings_dispose(postings *ps)
{
	free(ps->heads);
	free(ps->counts);
	free(ps->keys);
	free(ps->sat);
	free(ps->p);
	memset(ps, 0, sizeof(*ps));
}

static size_t postings_slot(const postings *ps, uint32_t fp)
{
	size_t i = (fp * 2654435761u) & ps->mask;
	while (ps->keys[i] && ps->keys[i] != fp)
		i = (i + 1) & ps->mask;
	return i;
}

static int postings_add(postings *ps, uint32_t fp, uint32_t doc, uint32_t unit)
{
	size_t slot = postings_slot(ps, fp);
	if (!ps->keys[slot]) {
		if ((ps->keys_used + 1) * 2 > ps->mask + 1)
			return resdiff_error_set(RESDIFF_ETOOBIG, "fingerprint table full");
		ps->keys_used++;
	}
	if (ps->counts[slot] >= RESDIFF_INDEX_POSTING_MAX)
		return 0;  /* too common to name a source: the clause is not listed */
	if (ps->count == ps->alloc) {
		size_t na = ps->alloc ? ps->alloc * 2 : 4096;
		posting *p = realloc(ps->p, na * sizeof(*p));
		if (!p)
			return NOMEM();
		ps->p = p;
		ps->alloc = na;
	}
	ps->p[ps->count].fp = fp;
	ps->p[ps->count].doc = doc;
	ps->p[ps->count].unit = unit;
	ps->p[ps->count].next = ps->heads[slot];
	ps->heads[slot] = (uint32_t)ps->count++;
	ps->keys[slot] = fp;
	if (++ps->counts[slot] == RESDIFF_INDEX_POSTING_MAX)
		ps->sat[slot] = doc + 1;
	return 0;
}

/* fp made too common by document doc's posting (a stored postings file's
 * mark): no clause of it is listed any more */
static int postings_saturate(postings *ps, uint32_t fp, uint32_t doc)
{
	size_t slot = postings_slot(ps, fp);
	if (ps->keys[slot])
		return resdiff_error_set(RESDIFF_EINVALID, "fingerprint %08x twice", (unsigned)fp);
	if ((ps->keys_used + 1) * 2 > ps->mask + 1)
		return resdiff_error_set(RESDIFF_ETOOBIG, "fingerprint table full");
	ps->keys_used++;
	ps->keys[slot] = fp;
	ps->counts[slot] = RESDIFF_INDEX_POSTING_MAX;
	ps->sat[slot] = doc + 1;
	return 0;
}

/* v in decimal, then the character after: by hand, as printf for each
 * posting was 5 % of one more document's instructions at 10k */
static int put_number(resdiff_buf *out, size_t v, char after)
{
	char num[24], *q = num + sizeof(num);
	*--q = after;
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10));
	return resdiff_buf_put(out, q, (size_t)(num + sizeof(num) - q));
}

/* The postings of one language (documents from `base` on) as its
 * postings file: fingerprints in order; each with its clauses
 * ("<place>.<clause>", places in the catalogue) in adoption order, or
 * "*<place>" of the document that made it too common. A function of the
 * language's dated documents alone. */
static int postings_write(resdiff_buf *out, const postings *ps, size_t base)
{
	uint32_t *fps = NULL, *chain = NULL;
	size_t i, n = 0, k, len;
	int error = 0;

	if (!(fps = malloc((ps->keys_used + 1) * sizeof(*fps))) ||
	    !(chain = malloc((RESDIFF_INDEX_POSTING_MAX + 1) * sizeof(*chain)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i <= ps->mask; i++)
		if (ps->keys[i])
			fps[n++] = ps->keys[i];
	if (n > 1)
		qsort(fps, n, sizeof(*fps), sort_cmp_u32);
	if ((error = resdiff_buf_puts(out, POSTINGS_MAGIC "\n")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		size_t slot = postings_slot(ps, fps[i]);
		uint32_t pi;
		if (ps->sat[slot]) {
			if ((error = put_hex32(out, '\0', fps[i], '\t')) < 0 ||
			    (error = resdiff_buf_putc(out, '*')) < 0 ||
			    (error = put_number(out, (size_t)ps->sat[slot] - 1 - base, '\n')) < 0)
				goto done;
			continue;
		}
		for (len = 0, pi = ps->heads[slot]; pi != UINT32_MAX && len < RESDIFF_INDEX_POSTING_MAX;
				pi = ps->p[pi].next)
			chain[len++] = pi;
		if ((error = put_hex32(out, '\0', fps[i], '\t')) < 0)
			goto done;
		for (k = len; k-- > 0; )
			if ((error = put_number(out, (size_t)ps->p[chain[k]].doc - base, '.')) < 0 ||
			    (error = put_number(out, ps->p[chain[k]].unit, k ? ' ' : '\n')) < 0)
				goto done;
	}
done:
	free(fps);
	free(chain);
	return error;
}

/* A fingerprint's hit: a clause of an earlier document. */
typedef struct {
	uint32_t doc, unit;
} pair;

/* A document computed in a window (window_run). */
typedef struct {
	size_t doc;                 /* docs[] */
	bool *root;                 /* per clause: no source in the previous member */
	size_t nroot;
	resdiff_alignment *al;      /* with the previous member */
	size_t cand[RESDIFF_INDEX_CROSS_DOCS], ncand;
	bool cloaded[RESDIFF_INDEX_CROSS_DOCS];  /* read for this document */
	resdiff_alignment *cal[RESDIFF_INDEX_CROSS_DOCS];
	bool pinned, prev_pinned;   /* its documents pinned (doc_pin) */
} window_item;

/* One pair to align on the pool: docs[old] against docs[new_doc]. */
typedef struct {
	size_t old, new_doc;
	resdiff_alignment **out;
} align_job;

/* One recomputed language's postings: the previous index's (its file,
 * read) and the new one's (to write). */
typedef struct {
	const char *name;
	char *old;                  /* the old postings file (old arena), or NULL */
	git_tree *cat;              /* the old index's catalogue tree of the
	                               language (one blob a directory), or NULL */
	resdiff_buf text;           /* the new postings file */
	bool done;                  /* text made */
} lang_postings;

/* A language of the old index carried into the new one unread. */
typedef struct {
	const char *name;           /* the record's and the index's top tree name */
	git_oid tree;               /* the old index's tree of it */
} carried_lang;

typedef struct {
	resdiff_store *s;
	resdiff_arena *arena;       /* the new entries' strings */
	build_doc *docs;
	size_t count, alloc;
	/* old index */
	resdiff_arena *old_arena;
	index_entry *old;
	size_t old_count, old_alloc;
	size_t kept;                /* documents kept loaded for their next member */
	size_t cache[RESDIFF_INDEX_CACHE_MAX];  /* cached candidates (docs[]) */
	size_t cached, cache_max;   /* cache_max: RESDIFF_INDEX_CACHE_MAX, or
	                               RESDIFF_INDEX_CACHE_ENV's smaller value */
	uint64_t tick;              /* candidate uses so far */
	size_t prepared;            /* resdiff_index_status.prepared */
	size_t read;                /* resdiff_index_status.read */
	/* an update's old files are parsed up to their links, which are
	 * parsed where needed (old_links): links_read of them */
	bool lazy;
	size_t links_read;          /* resdiff_index_status.links_read */
	bool damaged;               /* an old file's links did not parse */
	/* languages whose record tree is the one the old index was built
	 * from: their index tree is carried as it is, never read */
	carried_lang *carry;
	size_t carry_count, carried;
	/* format 13: an update reads each recomputed language's catalogue
	 * (old entries with their header only) and postings, and the files it
	 * needs; when they cannot serve (missing, damaged, or a fingerprint
	 * too common for the postings to say which clauses came first),
	 * `fallback` asks the update to start again reading every file */
	bool catalogued;
	bool fallback;
	bool write_catalogue;       /* make each language's postings file */
	git_tree *old_tree;         /* the old index tree (borrowed) */
	/* format 15: the record tree the old index was built from (borrowed,
	 * NULL when unknown); while the record is walked, dir_same says the
	 * current directory's record tree is the one there (its documents'
	 * blobs are the summary's) */
	git_tree *old_root;
	bool record_walk, dir_same;
	lang_postings *lp;
	size_t lp_count, lp_alloc;
	/* the documents computed together (one when there is one thread):
	 * their alignments run as batches on the pool */
	resdiff_pool *pool;
	size_t threads;             /* RESDIFF_INDEX_THREADS_MAX, the online
	                               processors or RESDIFF_INDEX_THREADS_ENV */
	size_t window;              /* 1, or RESDIFF_INDEX_WINDOW */
	window_item win[RESDIFF_INDEX_WINDOW];
	size_t nwin;
	size_t prep[(2 + RESDIFF_INDEX_CROSS_DOCS) * RESDIFF_INDEX_WINDOW];
	size_t nprep;               /* documents to read and prepare (doc_fetch) */
	align_job jobs[(1 + RESDIFF_INDEX_CROSS_DOCS) * RESDIFF_INDEX_WINDOW];
	size_t njobs;
	pair *hits;                 /* candidates_find's */
	size_t hits_alloc;
} build_ctx;

/* A series' last member so far, by series name (open addressing). */
typedef struct {
	const char *series;
	size_t doc;
} series_last;

static size_t series_slot(const series_last *t, size_t mask, const char *series)
{
	size_t h = 1469598103934665603ull, k;
	const char *p;
	for (p = series; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (k = h & mask; t[k].series && strcmp(t[k].series, series); k = (k + 1) & mask)
		;
	return k;
}

static int load_doc(resdiff_doc **out, build_ctx *c, const git_oid *blob_id,
		resdiff_canon_mode mode, const char *path)
{
	git_blob *blob = NULL;
	int error = 0;

	*out = NULL;
	GIT_TRY(git_blob_lookup(&blob, c->s->repo, blob_id), path);
	if ((error = resdiff_canon_read(out, NULL, git_blob_rawcontent(blob),
			(size_t)git_blob_rawsize(blob), mode)) < 0)
		resdiff_error_prefix(path);
done:
	git_blob_free(blob);
	return error;
}

static void doc_release(build_ctx *c, size_t i)
{
	build_doc *b = &c->docs[i];
	size_t k;

	if (b->kept) {
		b->kept = false;
		c->kept--;
	}
	if (b->cached) {
		for (k = 0; c->cache[k] != i; k++)
			;
		c->cache[k] = c->cache[--c->cached];
		b->cached = false;
	}
	if (b->pins) {
		b->drop = true;  /* still in use by the window: freed at the last unpin */
		return;
	}
	resdiff_align_prepared_free(b->side);
	resdiff_doc_free(b->doc);
	b->side = NULL;
	b->doc = NULL;
}

/* docs[i], loaded for a candidate and no longer in use, kept for the
 * candidates that follow; the least recently used cached document is
 * given up for it when the cache is full */
static void doc_cache(build_ctx *c, size_t i)
{
	size_t k, lru = 0;

	if (!c->cache_max) {
		doc_release(c, i);
		return;
	}
	if (c->cached == c->cache_max) {
		for (k = 1; k < c->cached; k++)
			if (c->docs[c->cache[k]].used < c->docs[c->cache[lru]].used)
				lru = k;
		doc_release(c, c->cache[lru]);
	}
	c->docs[i].cached = true;
	c->cache[c->cached++] = i;
}

static int cmp_old_path(const void *a, const void *b)
{
	return strcmp(((const index_entry *)a)->path, ((const index_entry *)b)->path);
}

static const index_entry *old_find(const build_ctx *c, const char *path)
{
	index_entry key;
	key.path = path;
	return c->old_count ? bsearch(&key, c->old, c->old_count, sizeof(*c->old), cmp_old_path) : NULL;
}

static bool lang_carried(const build_ctx *c, const char *lang)
{
	size_t i;
	for (i = 0; i < c->carry_count; i++)
		if (!strcmp(c->carry[i].name, lang))
			return true;
	return false;
}

/* Call fn for every blob of a "<lang>/<dir>/<file>" tree (the record and
 * the index share that layout), with its path; carried languages are
 * skipped. */
typedef int (*file_fn)(build_ctx *c, const char *lang, const char *path,
		const git_tree_entry *file);

static int walk_files(build_ctx *c, git_tree *root, const char *what, file_fn fn)
{
	size_t i, j, k;
	git_tree *lt = NULL, *dt = NULL, *old_lt = NULL;
	int error = 0;

	for (i = 0; i < git_tree_entrycount(root) && !error; i++) {
		const git_tree_entry *le = git_tree_entry_byindex(root, i), *ole;
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE || lang_carried(c, git_tree_entry_name(le)))
			continue;
		git_tree_free(lt);
		git_tree_free(old_lt);
		lt = old_lt = NULL;
		GIT_TRY(git_tree_lookup(&lt, c->s->repo, git_tree_entry_id(le)), what);
		/* the record's language tree the old index was built from */
		if (c->record_walk && c->old_root &&
		    (ole = git_tree_entry_byname(c->old_root, git_tree_entry_name(le))) &&
		    git_tree_entry_type(ole) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&old_lt, c->s->repo, git_tree_entry_id(ole)) < 0) {
			git_error_clear();
			old_lt = NULL;
		}
		for (j = 0; j < git_tree_entrycount(lt) && !error; j++) {
			const git_tree_entry *de = git_tree_entry_byindex(lt, j), *ode;
			/* '@': the index's catalogue, not a directory of documents */
			if (git_tree_entry_type(de) != GIT_OBJECT_TREE || git_tree_entry_name(de)[0] == '@')
				continue;
			c->dir_same = old_lt && (ode = git_tree_entry_byname(old_lt, git_tree_entry_name(de))) &&
				git_oid_equal(git_tree_entry_id(ode), git_tree_entry_id(de));
			git_tree_free(dt);
			dt = NULL;
			GIT_TRY(git_tree_lookup(&dt, c->s->repo, git_tree_entry_id(de)), what);
			for (k = 0; k < git_tree_entrycount(dt) && !error; k++) {
				const git_tree_entry *fe = git_tree_entry_byindex(dt, k);
				char path[1024];
				if (git_tree_entry_type(fe) != GIT_OBJECT_BLOB)
					continue;
				snprintf(path, sizeof(path), "%s/%s/%s", git_tree_entry_name(le),
					git_tree_entry_name(de), git_tree_entry_name(fe));
				error = fn(c, git_tree_entry_name(le), path, fe);
			}
		}
	}
done:
	c->dir_same = false;
	git_tree_free(dt);
	git_tree_free(lt);
	git_tree_free(old_lt);
	return error;
}

/* Room for one more old entry. */
static int old_grow(build_ctx *c)
{
	if (c->old_count == c->old_alloc) {
		size_t na = c->old_alloc ? c->old_alloc * 2 : 256;
		index_entry *o = realloc(c->old, na * sizeof(*o));
		if (!o)
			return NOMEM();
		c->old = o;
		c->old_alloc = na;
	}
	return 0;
}

/* One file of the old index tree. */
static int load_old_file(build_ctx *c, const char *lang, const char *path, const git_tree_entry *fe)
{
	git_odb_object *obj = NULL;
	int error = 0;

	if ((error = old_grow(c)) < 0)
		return error;
	GIT_TRY(git_odb_read(&obj, c->s->odb, git_tree_entry_id(fe)), path);
	c->read++;
	if (c->lazy)
		error = index_entry_parse_head(&c->old[c->old_count], c->old_arena,
			git_odb_object_data(obj), git_odb_object_size(obj), path);
	else
		error = index_entry_parse(&c->old[c->old_count], c->old_arena,
			git_odb_object_data(obj), git_odb_object_size(obj), path, true);
	git_odb_object_free(obj);
	if (error < 0) {
		/* a damaged file: recompute that document */
		resdiff_error_clear();
		return 0;
	}
	git_oid_cpy(&c->old[c->old_count].file, git_tree_entry_id(fe));
	c->old_count++;
done:
	return error;
}

static lang_postings *lp_find(build_ctx *c, const char *lang, bool add)
{
	size_t i;
	for (i = 0; i < c->lp_count; i++)
		if (!strcmp(c->lp[i].name, lang))
			return &c->lp[i];
	if (!add)
		return NULL;
	if (c->lp_count == c->lp_alloc) {
		size_t na = c->lp_alloc ? c->lp_alloc * 2 : 8;
		lang_postings *l = realloc(c->lp, na * sizeof(*l));
		if (!l)
			return NULL;
		c->lp = l;
		c->lp_alloc = na;
	}
	memset(&c->lp[c->lp_count], 0, sizeof(c->lp[0]));
	if (!(c->lp[c->lp_count].name = resdiff_arena_strdup(c->arena, lang)))
		return NULL;
	return &c->lp[c->lp_count++];
}

static int catalogue_unusable(build_ctx *c, const char *lang, const char *what)
{
	c->fallback = true;
	return resdiff_error_set(RESDIFF_EINVALID, "index catalogue of %s: %s", lang, what);
}

/* An optional catalogue field: "" absent, "+value" present. */
static bool catalogue_opt(const char **out, char *f)
{
	if (!*f) {
		*out = NULL;
		return true;
	}
	*out = f + 1;
	return *f == '+';
}

/* A language's summary into old entries (header only, head_only, and
 * summary_only: no blob nor index file yet), one line each in adoption
 * order: "<dir>/<file> symbol date series clauses", optional fields as
 * catalogue_opt. */
static int summary_parse(build_ctx *c, const char *lang, const char *data, size_t len)
{
	char *copy = resdiff_arena_strndup(c->old_arena, data, len), *p, *nl, *f[5] = { NULL };
	const char *lname = resdiff_arena_strdup(c->old_arena, lang);
	size_t pos = 0, ll = strlen(lang);
	int error;

	if (!copy || !lname)
		return NOMEM();
	if (strncmp(copy, SUMMARY_MAGIC "\n", sizeof(SUMMARY_MAGIC)))
		return catalogue_unusable(c, lang, "not a summary of this format");
	for (p = copy + sizeof(SUMMARY_MAGIC); *p; p = nl + 1, pos++) {
		index_entry *e;
		char *path, *end;
		if (!(nl = strchr(p, '\n')))
			return catalogue_unusable(c, lang, "summary: no line end");
		*nl = '\0';
		if (split_tabs(f, 5, p) != 5 || !strchr(f[0], '/'))
			return catalogue_unusable(c, lang, "summary: not five fields");
		if ((error = old_grow(c)) < 0)
			return error;
		e = &c->old[c->old_count];
		memset(e, 0, sizeof(*e));
		if (!(path = resdiff_arena_alloc(c->old_arena, ll + strlen(f[0]) + 2)))
			return NOMEM();
		memcpy(path, lang, ll);
		path[ll] = '/';
		strcpy(path + ll + 1, f[0]);
		e->path = path;
		e->symbol = f[1];
		e->language = lname;
		if (!*f[1] || !catalogue_opt(&e->date, f[2]) || !catalogue_opt(&e->series, f[3]) ||
		    f[4][0] < '0' || f[4][0] > '9')
			return catalogue_unusable(c, lang, "summary: a malformed line");
		e->unit_count = (size_t)strtoul(f[4], &end, 10);
		if (*end)
			return catalogue_unusable(c, lang, "summary: a malformed line");
		e->head_only = true;
		e->summary_only = true;
		e->pos = pos;
		c->old_count++;
	}
	return 0;
}

/* The old index of the languages to recompute from their summaries and
 * postings (format 15): two objects a language, and the catalogue trees
 * (their directories' blobs read when needed, old_detail). */
static int load_catalogues(build_ctx *c, git_tree *tree)
{
	git_tree *lt = NULL;
	git_odb_object *obj = NULL;
	size_t i;
	int error = 0;

	for (i = 0; i < git_tree_entrycount(tree) && !error; i++) {
		const git_tree_entry *le = git_tree_entry_byindex(tree, i), *ce, *se, *pe;
		const char *lang = git_tree_entry_name(le);
		lang_postings *l;
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE || lang_carried(c, lang))
			continue;
		git_tree_free(lt);
		lt = NULL;
		GIT_TRY(git_tree_lookup(&lt, c->s->repo, git_tree_entry_id(le)), "index");
		if (!(ce = git_tree_entry_byname(lt, INDEX_CATALOGUE)) || git_tree_entry_type(ce) != GIT_OBJECT_TREE ||
		    !(se = git_tree_entry_byname(lt, INDEX_SUMMARY)) || !(pe = git_tree_entry_byname(lt, INDEX_POSTINGS))) {
			error = catalogue_unusable(c, lang, "missing");
			goto done;
		}
		if (!(l = lp_find(c, lang, true))) {
			error = NOMEM();
			goto done;
		}
		GIT_TRY(git_tree_lookup(&l->cat, c->s->repo, git_tree_entry_id(ce)), lang);
		GIT_TRY(git_odb_read(&obj, c->s->odb, git_tree_entry_id(se)), lang);
		c->read++;
		error = summary_parse(c, lang, git_odb_object_data(obj), git_odb_object_size(obj));
		git_odb_object_free(obj);
		obj = NULL;
		if (error < 0)
			goto done;
		GIT_TRY(git_odb_read(&obj, c->s->odb, git_tree_entry_id(pe)), lang);
		c->read++;
		if (!(l->old = resdiff_arena_strndup(c->old_arena, git_odb_object_data(obj),
				git_odb_object_size(obj)))) {
			error = NOMEM();
			goto done;
		}
		git_odb_object_free(obj);  /* copied: the next language reads again */
		obj = NULL;
	}
done:
	git_odb_object_free(obj);
	git_tree_free(lt);
	return error;
}

/* The previous member of each summary's entry, from the summary's order
 * (as build() finds them: the last earlier dated member of its series);
 * c->old sorted by path. */
static int summary_prevs(build_ctx *c)
{
	index_entry **order = NULL;
	series_last *last = NULL;
	size_t i, j, n, mask, cap;
	int error = 0;

	if (!c->old_count)
		return 0;
	for (cap = 2; cap < 2 * c->old_count; cap *= 2)
		;
	if (!(order = calloc(c->old_count, sizeof(*order))) || !(last = malloc(cap * sizeof(*last)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < c->lp_count; i++) {
		const char *lang = c->lp[i].name;
		memset(order, 0, c->old_count * sizeof(*order));
		for (j = n = 0; j < c->old_count; j++)
			if (!strcmp(c->old[j].language, lang) && c->old[j].pos < c->old_count) {
				if (order[c->old[j].pos]) {
					error = catalogue_unusable(c, lang, "summary: a place twice");
					goto done;
				}
				order[c->old[j].pos] = &c->old[j];
				n++;
			}
		for (mask = 1; mask + 1 < 2 * n; mask = mask * 2 + 1)
			;
		memset(last, 0, (mask + 1) * sizeof(*last));
		for (j = 0; j < n; j++) {
			index_entry *e = order[j];
			size_t slot;
			if (!e) {
				error = catalogue_unusable(c, lang, "summary: a place missing");
				goto done;
			}
			if (!e->date || !e->series)
				continue;
			slot = series_slot(last, mask, e->series);
			if (last[slot].series) {
				e->has_prev = true;
				e->prev_symbol = order[last[slot].doc]->symbol;
				e->prev_path = order[last[slot].doc]->path;
			}
			last[slot].series = e->series;
			last[slot].doc = j;
		}
	}
done:
	free(order);
	free(last);
	return error;
}

/* The record blob and index file of a summary's entry (and of every other
 * entry of its directory), from its directory's catalogue:
 * "<file> blob index-file" a line, in the order of the directory's tree. */
static int old_detail(build_ctx *c, index_entry *o)
{
	lang_postings *l;
	const git_tree_entry *de;
	git_odb_object *obj = NULL;
	char dir[256], *copy = NULL, *p, *nl, *f[3];
	size_t ll, dl;
	int error = 0;

	if (!o->summary_only)
		return 0;
	ll = strlen(o->language);
	if (!(l = lp_find(c, o->language, false)) || !l->cat ||
	    (dl = strcspn(o->path + ll + 1, "/")) >= sizeof(dir))
		return catalogue_unusable(c, o->language, "no catalogue");
	memcpy(dir, o->path + ll + 1, dl);
	dir[dl] = '\0';
	if (!(de = git_tree_entry_byname(l->cat, dir)) || git_tree_entry_type(de) != GIT_OBJECT_BLOB)
		return catalogue_unusable(c, o->language, "a directory without its catalogue");
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	error = git_odb_read(&obj, c->s->odb, git_tree_entry_id(de));
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (error < 0) {
		c->fallback = true;
		return resdiff_git_fail(error, dir);
	}
	c->read++;
	if (!(copy = strndup(git_odb_object_data(obj), git_odb_object_size(obj)))) {
		error = NOMEM();
		goto done;
	}
	if (strncmp(copy, CATALOGUE_MAGIC "\n", sizeof(CATALOGUE_MAGIC))) {
		error = catalogue_unusable(c, o->language, "not a catalogue of this format");
		goto done;
	}
	for (p = copy + sizeof(CATALOGUE_MAGIC); *p; p = nl + 1) {
		char path[1024];
		index_entry *e;
		if (!(nl = strchr(p, '\n')) || (*nl = '\0', split_tabs(f, 3, p)) != 3 ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s/%s", o->language, dir, f[0]) >= sizeof(path)) {
			error = catalogue_unusable(c, o->language, "a malformed directory catalogue");
			goto done;
		}
		if (!(e = (index_entry *)old_find(c, path)) || strcmp(e->language, o->language)) {
			error = catalogue_unusable(c, o->language, "a document of a directory not in the summary");
			goto done;
		}
		if (!e->summary_only)
			continue;
		if (git_oid_fromstr(&e->blob, f[1]) < 0 || git_oid_fromstr(&e->file, f[2]) < 0) {
			error = catalogue_unusable(c, o->language, "a malformed directory catalogue");
			goto done;
		}
		e->summary_only = false;
	}
	if (o->summary_only)
		error = catalogue_unusable(c, o->language, "a document of the summary not in its directory's");
done:
	free(copy);
	git_odb_object_free(obj);
	return error;
}

/* An old entry of a catalogue (head_only) with its file read, up to its
 * links (as an update reads them). A file that does not parse is damaged:
 * c->damaged asks the update to start again reading every file whole. */
static int old_load(build_ctx *c, index_entry *o)
{
	git_odb_object *obj = NULL;
	git_tree_entry *te = NULL;
	index_entry e;
	bool same;
	int error = 0;

	if (!o->head_only)
		return 0;
	if ((error = old_detail(c, o)) < 0)
		return error;
	/* the tree names the file the catalogue does: else the tree was
	 * changed behind it (a damaged file), and every file is read */
	same = c->old_tree && git_tree_entry_bypath(&te, c->old_tree, o->path) == 0 &&
		git_oid_equal(git_tree_entry_id(te), &o->file);
	git_tree_entry_free(te);
	git_error_clear();
	if (!same) {
		c->damaged = true;
		return resdiff_error_set(RESDIFF_EINVALID, "index file %s: not the catalogue's", o->path);
	}
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	error = git_odb_read(&obj, c->s->odb, &o->file);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (error < 0) {
		c->damaged = true;
		return resdiff_git_fail(error, o->path);
	}
	c->read++;
	error = index_entry_parse_head(&e, c->old_arena, git_odb_object_data(obj),
		git_odb_object_size(obj), o->path);
	git_odb_object_free(obj);
	if (error < 0) {
		c->damaged = true;
		return error;
	}
	git_oid_cpy(&e.file, &o->file);
	e.pos = o->pos;
	*o = e;
	return 0;
}

/* Read every file of the old index tree. The files are derived data,
 * checked as they are parsed (a damaged one is recomputed) and inflated
 * through zlib's checksum: libgit2's SHA-1 of each object read (git does
 * not hash objects on read either) was a fifth of importing one document
 * into a corpus of 10 000, so it is off while they are read. */
static int load_old(build_ctx *c, git_tree *tree)
{
	int error;

	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (c->catalogued)
		error = load_catalogues(c, tree);
	else
		error = walk_files(c, tree, "index", load_old_file);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (!error && c->old_count)
		qsort(c->old, c->old_count, sizeof(*c->old), cmp_old_path);
	if (!error && c->catalogued)
		error = summary_prevs(c);
	return error;
}

/* The index files under a language tree of the index ("<dir>/<file>"). */
static int count_files(size_t *count, build_ctx *c, const git_oid *lang_tree, const char *lang)
{
	git_tree *lt = NULL, *dt = NULL;
	size_t j, k;
	int error = 0;

	GIT_TRY(git_tree_lookup(&lt, c->s->repo, lang_tree), lang);
	for (j = 0; j < git_tree_entrycount(lt); j++) {
		const git_tree_entry *de = git_tree_entry_byindex(lt, j);
		if (git_tree_entry_type(de) != GIT_OBJECT_TREE || git_tree_entry_name(de)[0] == '@')
			continue;
		git_tree_free(dt);
		dt = NULL;
		GIT_TRY(git_tree_lookup(&dt, c->s->repo, git_tree_entry_id(de)), lang);
		for (k = 0; k < git_tree_entrycount(dt); k++)
			*count += git_tree_entry_type(git_tree_entry_byindex(dt, k)) == GIT_OBJECT_BLOB;
	}
done:
	git_tree_free(dt);
	git_tree_free(lt);
	return error;
}

/* The languages an update carries unread: those whose record tree is the
 * very tree the old index was built from (old_root), and which the old
 * index holds. A language's index files depend on its own documents
 * alone (previous members, candidates and reverse links never leave a
 * language), so its old index tree is, entry for entry, what a rebuild
 * would write. */
static int carry_find(build_ctx *c, git_tree *root, git_tree *old_root, git_tree *old_index)
{
	size_t i, n = git_tree_entrycount(root);
	int error = 0;

	if (!n)
		return 0;
	if (!(c->carry = calloc(n, sizeof(*c->carry))))
		return NOMEM();
	for (i = 0; i < n; i++) {
		const git_tree_entry *le = git_tree_entry_byindex(root, i), *oe, *ie;
		const char *name = git_tree_entry_name(le);
		carried_lang *cl;
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE ||
		    !(oe = git_tree_entry_byname(old_root, name)) ||
		    git_tree_entry_type(oe) != GIT_OBJECT_TREE ||
		    !git_oid_equal(git_tree_entry_id(oe), git_tree_entry_id(le)) ||
		    !(ie = git_tree_entry_byname(old_index, name)) ||
		    git_tree_entry_type(ie) != GIT_OBJECT_TREE)
			continue;
		cl = &c->carry[c->carry_count];
		if (!(cl->name = resdiff_arena_strdup(c->arena, name)))
			return NOMEM();
		git_oid_cpy(&cl->tree, git_tree_entry_id(ie));
		/* trees of the index (derived data): not hashed as read, as its
		 * files are not (load_old) */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		error = count_files(&c->carried, c, &cl->tree, name);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
		if (error < 0)
			return error;
		c->carry_count++;
	}
	return 0;
}

/* One document of the record, with its metadata. */
static int scan_record_file(build_ctx *c, const char *lang, const char *path,
		const git_tree_entry *fe)
{
	const char *fname = git_tree_entry_name(fe);
	size_t fl = strlen(fname);
	resdiff_doc *doc = NULL;
	build_doc *b;
	int error = 0;

	if (fl < 5 || strcmp(fname + fl - 4, ".txt"))
		return 0;
	if (c->count == c->alloc) {
		size_t na = c->alloc ? c->alloc * 2 : 256;
		build_doc *d = realloc(c->docs, na * sizeof(*d));
		if (!d)
			return NOMEM();
		c->docs = d;
		c->alloc = na;
	}
	b = &c->docs[c->count];
	memset(b, 0, sizeof(*b));
	b->prev = SIZE_MAX;
	git_oid_cpy(&b->e.blob, git_tree_entry_id(fe));
	if (!(b->e.path = resdiff_arena_strdup(c->arena, path)))
		return NOMEM();
	b->old = old_find(c, path);
	b->dir_same = c->dir_same;
	/* a summary's entry: in a directory of the record that did not
	 * change, its blob is this one; else its directory's catalogue says */
	if (b->old && b->old->summary_only) {
		index_entry *o = &c->old[b->old - c->old];
		if (b->dir_same)
			git_oid_cpy(&o->blob, &b->e.blob);
		else if ((error = old_detail(c, o)) < 0)
			return error;
	}
	if (b->old && git_oid_equal(&b->old->blob, &b->e.blob)) {
		b->e.symbol = b->old->symbol;
		b->e.language = b->old->language;
		b->e.date = b->old->date;
		b->e.series = b->old->series;
	} else {
		if ((error = load_doc(&doc, c, &b->e.blob, RESDIFF_CANON_HEADER_ONLY, path)) < 0)
			return error;
		b->e.symbol = doc->meta.symbol ? resdiff_arena_strdup(c->arena, doc->meta.symbol) : NULL;
		b->e.language = resdiff_arena_strdup(c->arena, lang);
		b->e.date = doc->meta.date ? resdiff_arena_strdup(c->arena, doc->meta.date) : NULL;
		b->e.series = doc->meta.series ? resdiff_arena_strdup(c->arena, doc->meta.series) : NULL;
		resdiff_doc_free(doc);
		if (!b->e.symbol || !b->e.language)
			return resdiff_error_set(RESDIFF_EINVALID, "%s: no symbol", path);
	}
	c->count++;
	return 0;
}

/* Every document of the record, with its metadata. */
static int scan_record(build_ctx *c, git_tree *root)
{
	int error;
	c->record_walk = true;
	error = walk_files(c, root, "record", scan_record_file);
	c->record_walk = false;
	return error;
}

/* Language, then adoption order (date, then symbol as the views order
 * members); undated documents last. */
static int cmp_build(const void *pa, const void *pb)
{
	const build_doc *a = pa, *b = pb;
	int c = strcmp(a->e.language, b->e.language);
	if (c)
		return c;
	if (!a->e.date != !b->e.date)
		return a->e.date ? -1 : 1;
	if (a->e.date && (c = strcmp(a->e.date, b->e.date)))
		return c;
	return resdiff_text_natural_cmp(a->e.symbol, b->e.symbol);
}

static int add_link(build_ctx *c, index_entry *e, size_t *alloc, size_t unit, const char *src_symbol,
		const char *src_unit, const resdiff_change *ch, bool across)
{
	index_link *l;
	if (e->link_count == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 64;
		index_link *ls = resdiff_arena_alloc(c->arena, na * sizeof(*ls));
		if (!ls)
			return NOMEM();
		if (e->link_count)
			memcpy(ls, e->links, e->link_count * sizeof(*ls));
		e->links = ls;
		*alloc = na;
	}
	l = &e->links[e->link_count++];
	l->unit = unit;
	l->src_symbol = src_symbol;
	l->src_unit = resdiff_arena_strdup(c->arena, src_unit);
	l->relation = ch->relation;
	l->similarity = ch->relation == RESDIFF_REL_UNCHANGED ? 1.0 : ch->similarity;
	l->confidence = ch->confidence;
	l->moved = ch->moved;
	l->across = across;
	return l->src_unit ? 0 : NOMEM();
}

static bool matched(const resdiff_change *ch)
{
	return ch->relation != RESDIFF_REL_ADDED && ch->relation != RESDIFF_REL_DROPPED;
}

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* The postings of the documents dated before docs[j] (and before it in
 * order) added, from docs[*added] on. */
static int postings_advance(build_ctx *c, postings *ps, size_t *added, size_t j)
{
	int error = 0;

	while (*added < j && strcmp(c->docs[*added].e.date, c->docs[j].e.date) < 0) {
		build_doc *a = &c->docs[*added];
		size_t u, k;
		for (u = 0; u < a->e.unit_count && !error; u++)
			for (k = 0; k < RESDIFF_INDEX_SKETCH && a->e.sketch[u * RESDIFF_INDEX_SKETCH + k] && !error; k++)
				error = postings_add(ps, a->e.sketch[u * RESDIFF_INDEX_SKETCH + k],
					(uint32_t)*added, (uint32_t)u);
		if (error < 0)
			return error;
		(*added)++;
	}
	return 0;
}

/* docs[i] to be loaded and prepared by the next batch of preparations:
 * its blob looked up here (libgit2 stays on this thread), read and
 * prepared by a job (prep_job). Nothing when it is prepared or queued. */
static int doc_fetch(build_ctx *c, size_t i)
{
	build_doc *b = &c->docs[i];
	int error = 0;

	if (b->side || b->fetching)
		return 0;
	if (!b->doc)
		GIT_TRY(git_blob_lookup(&b->blob, c->s->repo, &b->e.blob), b->e.path);
	b->fetching = true;
	c->prep[c->nprep++] = i;
	c->prepared++;
done:
	return error;
}

/* A job: a fetched document read and prepared for the aligner. */
static int prep_job(void *ctx, size_t k)
{
	build_ctx *c = ctx;
	build_doc *b = &c->docs[c->prep[k]];
	int error;

	if (!b->doc && (error = resdiff_canon_read(&b->doc, NULL, git_blob_rawcontent(b->blob),
			(size_t)git_blob_rawsize(b->blob), RESDIFF_CANON_FULL)) < 0) {
		resdiff_error_prefix(b->e.path);
		return error;
	}
	if ((error = resdiff_align_prepare(&b->side, b->doc, NULL)) < 0)
		resdiff_error_prefix(b->e.path);
	return error;
}

/* The queue of documents to prepare emptied, their blobs released. */
static void prep_clear(build_ctx *c)
{
	size_t k;

	for (k = 0; k < c->nprep; k++) {
		build_doc *b = &c->docs[c->prep[k]];
		git_blob_free(b->blob);
		b->blob = NULL;
		b->fetching = false;
	}
	c->nprep = 0;
}

/* The queued documents read and prepared, on the pool. */
static int prep_run(build_ctx *c)
{
	int error = resdiff_pool_run(c->pool, c->nprep, prep_job, c);

	prep_clear(c);
	return error;
}

/* A job: one pair aligned, old side against new side, both prepared. */
static int align_job_run(void *ctx, size_t k)
{
	build_ctx *c = ctx;
	const align_job *j = &c->jobs[k];

	return resdiff_align_prepared_run(j->out, c->docs[j->old].side, c->docs[j->new_doc].side, NULL);
}

static void job_add(build_ctx *c, size_t old, size_t new_doc, resdiff_alignment **out)
{
	c->jobs[c->njobs].old = old;
	c->jobs[c->njobs].new_doc = new_doc;
	c->jobs[c->njobs++].out = out;
}

/* The queued pairs aligned, on the pool. */
static int jobs_run(build_ctx *c)
{
	int error = resdiff_pool_run(c->pool, c->njobs, align_job_run, c);

	c->njobs = 0;
	return error;
}

static void doc_pin(build_ctx *c, size_t i)
{
	c->docs[i].pins++;
}

/* One use of docs[i] by a window's document done: a release asked for
 * while it was in use happens now. */
static void doc_unpin(build_ctx *c, size_t i)
{
	build_doc *b = &c->docs[i];

	if (--b->pins == 0 && b->drop) {
		b->drop = false;
		doc_release(c, i);
	}
}

/* The best RESDIFF_INDEX_CROSS_DOCS earlier documents for the clauses of
 * w's document with no source in its previous member (w->root), by
 * fingerprints shared; ties go to the later document. */
static int candidates_find(build_ctx *c, window_item *w, const postings *ps, size_t *score,
		size_t *touched)
{
	build_doc *b = &c->docs[w->doc];
	const index_entry *e = &b->e;
	size_t u, k, j, nt = 0, nhits;

	w->ncand = 0;
	w->nroot = 0;
	for (u = 0; u < e->unit_count; u++) {
		const uint32_t *sk = &e->sketch[u * RESDIFF_INDEX_SKETCH];
		size_t nsk = 0, run;
		if (!w->root[u])
			continue;
		w->nroot++;
		nhits = 0;
		for (k = 0; k < RESDIFF_INDEX_SKETCH && sk[k]; k++) {
			size_t slot = postings_slot(ps, sk[k]);
			uint32_t pi;
			nsk++;
			if (!ps->keys[slot] || ps->counts[slot] >= RESDIFF_INDEX_POSTING_MAX)
				continue;
			for (pi = ps->heads[slot]; pi != UINT32_MAX; pi = ps->p[pi].next) {
				if (ps->p[pi].doc == b->prev)
					continue;
				if (nhits == c->hits_alloc) {
					size_t na = c->hits_alloc ? c->hits_alloc * 2 : 256;
					pair *h = realloc(c->hits, na * sizeof(*h));
					if (!h)
						return NOMEM();
					c->hits = h;
					c->hits_alloc = na;
				}
				c->hits[nhits].doc = ps->p[pi].doc;
				c->hits[nhits++].unit = ps->p[pi].unit;
			}
		}
		if (nhits > 1)
			qsort(c->hits, nhits, sizeof(*c->hits), cmp_pair);
		for (k = 0; k < nhits; k += run) {
			for (run = 1; k + run < nhits && !cmp_pair(&c->hits[k], &c->hits[k + run]); run++)
				;
			if (run >= (nsk < RESDIFF_INDEX_MIN_HITS ? nsk : RESDIFF_INDEX_MIN_HITS)) {
				if (!score[c->hits[k].doc])
					touched[nt++] = c->hits[k].doc;
				score[c->hits[k].doc] += run;
			}
		}
	}
	for (k = 0; k < nt; k++) {
		size_t d = touched[k];
		for (j = 0; j < w->ncand; j++)
			if (score[d] > score[w->cand[j]] || (score[d] == score[w->cand[j]] && d > w->cand[j]))
				break;
		if (j < RESDIFF_INDEX_CROSS_DOCS) {
			size_t m = w->ncand < RESDIFF_INDEX_CROSS_DOCS ? w->ncand : RESDIFF_INDEX_CROSS_DOCS - 1;
			memmove(&w->cand[j + 1], &w->cand[j], (m - j) * sizeof(size_t));
			w->cand[j] = d;
			if (w->ncand < RESDIFF_INDEX_CROSS_DOCS)
				w->ncand++;
		}
	}
	for (k = 0; k < nt; k++)
		score[touched[k]] = 0;
	return 0;
}

/* w's links: its previous member's first, then for each clause new in
 * its series the most confident match among the candidates (ties: the
 * later document); then what w's documents no longer need is released,
 * kept or cached as when computed one at a time. */
static int window_links(build_ctx *c, window_item *w)
{
	build_doc *b = &c->docs[w->doc];
	index_entry *e = &b->e;
	size_t *best_doc = NULL, link_alloc = 0, u, k, j;
	double *best_sim = NULL;
	int error = 0;

	if (w->al) {
		build_doc *p = &c->docs[b->prev];
		for (u = 0; u < e->unit_count; u++) {
			const resdiff_change *ch = &w->al->changes[w->al->new_change[u]];
			if (!matched(ch))
				continue;
			for (k = 0; k < ch->old_count; k++)
				if ((error = add_link(c, e, &link_alloc, u, p->e.symbol,
						p->doc->units[ch->old_units[k]].id, ch, false)) < 0)
					goto done;
		}
	}
	if (w->ncand) {
		if (!(best_doc = malloc((e->unit_count + 1) * sizeof(*best_doc))) ||
		    !(best_sim = malloc((e->unit_count + 1) * sizeof(*best_sim)))) {
			error = NOMEM();
			goto done;
		}
		for (u = 0; u < e->unit_count; u++) {
			best_doc[u] = SIZE_MAX;
			best_sim[u] = -1;
		}
		for (k = 0; k < w->ncand; k++) {
			for (u = 0; u < e->unit_count; u++) {
				const resdiff_change *ch = &w->cal[k]->changes[w->cal[k]->new_change[u]];
				double sim;
				if (!w->root[u] || !matched(ch))
					continue;
				sim = ch->confidence;
				if (sim > best_sim[u] || (sim == best_sim[u] && w->cand[k] > w->cand[best_doc[u]])) {
					best_sim[u] = sim;
					best_doc[u] = k;
				}
			}
		}
		for (u = 0; u < e->unit_count; u++) {
			const resdiff_change *ch;
			if (!w->root[u] || best_doc[u] == SIZE_MAX)
				continue;
			k = best_doc[u];
			ch = &w->cal[k]->changes[w->cal[k]->new_change[u]];
			for (j = 0; j < ch->old_count; j++)
				if ((error = add_link(c, e, &link_alloc, u, c->docs[w->cand[k]].e.symbol,
						c->docs[w->cand[k]].doc->units[ch->old_units[j]].id, ch, true)) < 0)
					goto done;
		}
	}
	/* its uses done: the previous member has had its one next member, the
	 * candidates read for it are cached, and it is kept, prepared, for its
	 * own next member (a bounded number of them: the series open at this
	 * date) */
	doc_unpin(c, w->doc);
	if (b->prev != SIZE_MAX) {
		doc_unpin(c, b->prev);
		doc_release(c, b->prev);
	}
	for (k = 0; k < w->ncand; k++) {
		doc_unpin(c, w->cand[k]);
		if (w->cloaded[k] && c->docs[w->cand[k]].doc)
			doc_cache(c, w->cand[k]);
	}
	w->pinned = false;
	if (b->is_prev && c->kept < RESDIFF_INDEX_KEEP_MAX) {
		b->kept = true;
		c->kept++;
	} else
		doc_release(c, w->doc);
done:
	free(best_doc);
	free(best_sim);
	return error;
}

/* A window item's memory, and its pins when its links were not made (a
 * failure). */
static void window_item_dispose(build_ctx *c, window_item *w)
{
	size_t k;

	if (w->pinned) {
		doc_unpin(c, w->doc);
		if (c->docs[w->doc].prev != SIZE_MAX && w->prev_pinned)
			doc_unpin(c, c->docs[w->doc].prev);
		for (k = 0; k < w->ncand; k++)
			doc_unpin(c, w->cand[k]);
		w->pinned = false;
	}
	resdiff_alignment_free(w->al);
	for (k = 0; k < RESDIFF_INDEX_CROSS_DOCS; k++)
		resdiff_alignment_free(w->cal[k]);
	free(w->root);
	memset(w, 0, sizeof(*w));
}

/* Compute the links of the window's documents (c->win, in adoption
 * order): each with its previous member in full, then with the best
 * earlier documents for the clauses new in its series. The alignments are
 * independent of each other and run as batches on the pool; everything
 * else (libgit2, postings, links, the documents kept) runs here in order,
 * so the links are the same whatever the number of threads. A window of
 * one document is the computation one document at a time. */
static int window_run(build_ctx *c, postings *ps, size_t *added, size_t *score, size_t *touched)
{
	size_t n = c->nwin, i, k, u;
	int error = 0;

	/* each document and its previous member, read and prepared; aligned */
	for (i = 0; i < n; i++) {
		window_item *w = &c->win[i];
		build_doc *b = &c->docs[w->doc];
		if (!(w->root = malloc((b->e.unit_count + 1) * sizeof(*w->root)))) {
			error = NOMEM();
			goto done;
		}
		for (u = 0; u < b->e.unit_count; u++)
			w->root[u] = true;
		doc_pin(c, w->doc);
		w->pinned = true;
		if (b->prev != SIZE_MAX) {
			doc_pin(c, b->prev);
			w->prev_pinned = true;
			if ((error = doc_fetch(c, w->doc)) < 0 || (error = doc_fetch(c, b->prev)) < 0)
				goto done;
		}
	}
	if ((error = prep_run(c)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		if (c->docs[c->win[i].doc].prev != SIZE_MAX)
			job_add(c, c->docs[c->win[i].doc].prev, c->win[i].doc, &c->win[i].al);
	if ((error = jobs_run(c)) < 0)
		goto done;
	/* in order: the postings as at each document's date, its clauses with
	 * no source in its previous member, its candidates across series */
	for (i = 0; i < n; i++) {
		window_item *w = &c->win[i];
		build_doc *b = &c->docs[w->doc];
		if ((error = postings_advance(c, ps, added, w->doc)) < 0)
			goto done;
		for (u = 0; w->al && u < b->e.unit_count; u++)
			if (matched(&w->al->changes[w->al->new_change[u]]))
				w->root[u] = false;
		if ((error = candidates_find(c, w, ps, score, touched)) < 0)
			goto done;
		for (k = 0; k < w->ncand; k++) {
			build_doc *cb = &c->docs[w->cand[k]];
			/* a candidate kept for its next member or cached is lent,
			 * else read here */
			w->cloaded[k] = !cb->doc && !cb->fetching;
			cb->used = ++c->tick;
			doc_pin(c, w->cand[k]);
			if ((error = doc_fetch(c, w->doc)) < 0 || (error = doc_fetch(c, w->cand[k])) < 0) {
				w->ncand = k + 1;
				goto done;
			}
		}
	}
	if ((error = prep_run(c)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		for (k = 0; k < c->win[i].ncand; k++)
			job_add(c, c->win[i].cand[k], c->win[i].doc, &c->win[i].cal[k]);
	if ((error = jobs_run(c)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		if ((error = window_links(c, &c->win[i])) < 0)
			goto done;
		window_item_dispose(c, &c->win[i]);
	}
done:
	prep_clear(c);
	for (i = 0; i < n; i++)
		window_item_dispose(c, &c->win[i]);
	c->nwin = 0;
	return error;
}

static int sketch_doc(build_ctx *c, build_doc *b)
{
	resdiff_doc *doc = NULL;
	size_t u;
	int error;

	if ((error = load_doc(&doc, c, &b->e.blob, RESDIFF_CANON_FULL, b->e.path)) < 0)
		return error;
	b->e.unit_count = doc->unit_count;
	if (!(b->e.unit_ids = resdiff_arena_alloc(c->arena, (doc->unit_count + 1) * sizeof(char *))) ||
	    !(b->e.sketch = resdiff_arena_alloc(c->arena,
			(doc->unit_count + 1) * RESDIFF_INDEX_SKETCH * sizeof(uint32_t)))) {
		error = NOMEM();
		goto done;
	}
	for (u = 0; u < doc->unit_count && !error; u++) {
		if (!(b->e.unit_ids[u] = resdiff_arena_strdup(c->arena, doc->units[u].id)))
			error = NOMEM();
		else
			error = sketch_text(&b->e.sketch[u * RESDIFF_INDEX_SKETCH], doc->units[u].text);
	}
done:
	resdiff_doc_free(doc);
	return error;
}

static int cmp_doc_symbol(const void *pa, const void *pb)
{
	const build_doc *a = *(const build_doc *const *)pa, *b = *(const build_doc *const *)pb;
	int c = strcmp(a->e.language, b->e.language);
	return c ? c : strcmp(a->e.symbol, b->e.symbol);
}

static build_doc *find_doc(build_doc **bysym, size_t n, const char *lang, const char *symbol)
{
	build_doc key, *kp = &key, **hit;
	key.e.language = lang;
	key.e.symbol = symbol;
	hit = bsearch(&kp, bysym, n, sizeof(*bysym), cmp_doc_symbol);
	return hit ? *hit : NULL;
}

static size_t find_unit(const index_entry *e, const char *id)
{
	size_t u;
	for (u = 0; u < e->unit_count; u++)
		if (!strcmp(e->unit_ids[u], id))
			return u;
	return SIZE_MAX;
}

/* The links of an old entry read up to its links (c->lazy), parsed on
 * first need. Links that do not parse make a damaged file, which the
 * eager read recomputes: c->damaged asks the update to start again so. */
static int old_links(build_ctx *c, const index_entry *old)
{
	index_entry *o = &c->old[old - c->old];
	int error;

	if ((error = old_load(c, o)) < 0)
		return error;
	if (!o->links_text)
		return 0;
	c->links_read++;
	if ((error = index_entry_parse_links(o, c->old_arena)) < 0)
		c->damaged = true;
	return error;
}

/* A reused document's links, from its old entry. */
static int reused_links(build_ctx *c, build_doc *b)
{
	int error;
	if (b->compute)
		return 0;
	if ((error = old_links(c, b->old)) < 0)
		return error;
	/* a catalogue's entry has its clauses once its file is read */
	b->e.unit_count = b->old->unit_count;
	b->e.unit_ids = b->old->unit_ids;
	b->e.sketch = b->old->sketch;
	b->e.links = b->old->links;
	b->e.link_count = b->old->link_count;
	return 0;
}

/* Every document's "to" links: the links of later documents into it,
 * in adoption order (trace walks them). Lazily (an update: c->lazy),
 * only those of the documents it writes, the computed and the touched,
 * from the links of the computed documents and of the reused ones their
 * old "to" lines name: a reused document's links did not change, so the
 * previous index listed each of them in its target's file. */
static int reverse_links(build_ctx *c)
{
	build_doc **bysym = NULL, **srcs = NULL, *src;
	size_t *count = NULL, i, k, links = 0, at;
	unsigned char *used = NULL, *from = NULL;
	int error = 0;

	if (!c->count)
		return 0;
	if (!(bysym = malloc(c->count * sizeof(*bysym))) || !(count = calloc(c->count, sizeof(*count))) ||
	    !(from = calloc(c->count, 1))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < c->count; i++)
		bysym[i] = &c->docs[i];
	qsort(bysym, c->count, sizeof(*bysym), cmp_doc_symbol);
	/* whose "to" links can differ from the previous index: the sources of
	 * computed documents' links, new and old, and of documents gone */
	if (!(used = calloc(c->old_count + 1, 1))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < c->count; i++) {
		const build_doc *b = &c->docs[i];
		if (b->old)
			used[b->old - c->old] = 1;
		if (!b->compute)
			continue;
		for (k = 0; k < b->e.link_count; k++)
			if ((src = find_doc(bysym, c->count, b->e.language, b->e.links[k].src_symbol)))
				src->touched = true;
		if (b->old && (error = old_links(c, b->old)) < 0)
			goto done;
		for (k = 0; b->old && k < b->old->link_count; k++)
			if ((src = find_doc(bysym, c->count, b->e.language, b->old->links[k].src_symbol)))
				src->touched = true;
	}
	for (i = 0; i < c->old_count; i++) {
		if (used[i])
			continue;
		if ((error = old_links(c, &c->old[i])) < 0)
			goto done;
		for (k = 0; k < c->old[i].link_count; k++)
			if ((src = find_doc(bysym, c->count, c->old[i].language, c->old[i].links[k].src_symbol)))
				src->touched = true;
	}
	/* the documents whose links are walked */
	for (i = 0; i < c->count; i++) {
		build_doc *b = &c->docs[i];
		if (!c->lazy || b->compute)
			from[i] = 1;
		if (!c->lazy || (!b->compute && !b->touched))
			continue;
		if ((error = reused_links(c, b)) < 0 || (b->old && (error = old_links(c, b->old)) < 0))
			goto done;
		for (k = 0; b->old && k < b->old->rlink_count; k++)
			if ((src = find_doc(bysym, c->count, b->e.language, b->old->rlinks[k].src_symbol)))
				from[src - c->docs] = 1;
	}
	for (i = 0; i < c->count; i++) {
		if (!from[i])
			continue;
		if (c->lazy && (error = reused_links(c, &c->docs[i])) < 0)
			goto done;
		links += c->docs[i].e.link_count;
	}
	/* each link's source, looked up once for the two passes below (the
	 * second lookup was 4 % of one more document's instructions at 10k) */
	if (!(srcs = malloc((links + 1) * sizeof(*srcs)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0, at = 0; i < c->count; i++)
		for (k = 0; from[i] && k < c->docs[i].e.link_count; k++) {
			if (!(src = find_doc(bysym, c->count, c->docs[i].e.language, c->docs[i].e.links[k].src_symbol))) {
				error = resdiff_error_set(RESDIFF_EINVALID, "%s: a link names %s, not in the record",
					c->docs[i].e.path, c->docs[i].e.links[k].src_symbol);
				goto done;
			}
			if (c->lazy && !src->compute && !src->touched)
				src = NULL;  /* not written */
			else
				count[src - c->docs]++;
			srcs[at++] = src;
		}
	for (i = 0; i < c->count; i++) {
		c->docs[i].e.rlink_count = 0;
		c->docs[i].e.rlinks = NULL;
		if (count[i] && !(c->docs[i].e.rlinks = resdiff_arena_alloc(c->arena, count[i] * sizeof(index_link)))) {
			error = NOMEM();
			goto done;
		}
	}
	for (i = 0, at = 0; i < c->count; i++)
		for (k = 0; from[i] && k < c->docs[i].e.link_count; k++) {
			const index_link *l = &c->docs[i].e.links[k];
			index_link *r;
			size_t su;
			if (!(src = srcs[at++]))
				continue;
			if ((su = find_unit(&src->e, l->src_unit)) == SIZE_MAX) {
				error = resdiff_error_set(RESDIFF_EINVALID, "%s: a link names %s %s, not in it",
					c->docs[i].e.path, l->src_symbol, l->src_unit);
				goto done;
			}
			r = &src->e.rlinks[src->e.rlink_count++];
			*r = *l;
			r->unit = su;
			r->src_symbol = c->docs[i].e.symbol;
			r->src_unit = c->docs[i].e.unit_ids[l->unit];
		}
done:
	free(bysym);
	free(srcs);
	free(count);
	free(used);
	free(from);
	return error;
}

static int cmp_doc_ptr_path(const void *pa, const void *pb)
{
	const build_doc *a = *(const build_doc *const *)pa, *b = *(const build_doc *const *)pb;
	return strcmp(a->e.path, b->e.path);
}

/* Component `n` (0: language, 1: directory, 2: file) of a record path
 * "<lang>/<dir>/<file>" into buf; its length, or SIZE_MAX when too long
 * or missing. */
static size_t path_part(char *buf, size_t size, const char *path, int n)
{
	size_t len;
	for (; n > 0 && path; n--)
		if ((path = strchr(path, '/')))
			path++;
	if (!path)
		return SIZE_MAX;
	len = strcspn(path, "/");
	if (len >= size)
		return SIZE_MAX;
	memcpy(buf, path, len);
	buf[len] = '\0';
	return len;
}

/* An optional catalogue field (catalogue_opt). */
static int catalogue_put_opt(resdiff_buf *out, const char *s)
{
	int error;
	if (s && ((error = resdiff_buf_putc(out, '+')) < 0 || (error = put_field(out, s)) < 0))
		return error;
	return resdiff_buf_putc(out, '\t');
}

/* The summary of docs[i..end) (one language, in adoption order): what an
 * update needs of every document (summary_parse). */
static int summary_write(resdiff_buf *out, const build_ctx *c, size_t i, size_t end)
{
	int error = resdiff_buf_puts(out, SUMMARY_MAGIC "\n");

	for (; i < end && !error; i++) {
		const index_entry *e = &c->docs[i].e;
		const char *rel = strchr(e->path, '/');
		if ((error = put_field(out, rel ? rel + 1 : e->path)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 || (error = put_field(out, e->symbol)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 || (error = catalogue_put_opt(out, e->date)) < 0 ||
		    (error = catalogue_put_opt(out, e->series)) < 0)
			return error;
		error = put_number(out, e->unit_count, '\n');
	}
	return error;
}

/* One directory's catalogue: "<file> record-blob index-file" for
 * byp[j..k) (its documents, by path), their files written (e.file). */
static int catalogue_dir_write(resdiff_buf *out, build_doc *const *byp, size_t j, size_t k)
{
	char hex[GIT_OID_HEXSZ + 1];
	int error = resdiff_buf_puts(out, CATALOGUE_MAGIC "\n");

	for (; j < k && !error; j++) {
		const index_entry *e = &byp[j]->e;
		const char *file = strrchr(e->path, '/');
		git_oid_tostr(hex, sizeof(hex), &e->blob);
		if ((error = put_field(out, file ? file + 1 : e->path)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 || (error = resdiff_buf_puts(out, hex)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0)
			return error;
		git_oid_tostr(hex, sizeof(hex), &e->file);
		if ((error = resdiff_buf_puts(out, hex)) < 0)
			return error;
		error = resdiff_buf_putc(out, '\n');
	}
	return error;
}

/* A language's summary, catalogue tree (cat: its directories' blobs) and
 * postings into its tree (writers of format 15). */
static int lang_meta_insert(git_treebuilder *lang, git_treebuilder *cat, build_ctx *c, const char *lname)
{
	resdiff_buf sum = RESDIFF_BUF_INIT;
	lang_postings *l = lp_find(c, lname, false);
	git_oid id;
	size_t i, end;
	int error = 0;

	if (!c->write_catalogue)
		return 0;
	for (i = 0; i < c->count && strcmp(c->docs[i].e.language, lname); i++)
		;
	for (end = i; end < c->count && !strcmp(c->docs[end].e.language, lname); end++)
		;
	if (!l || !l->done) {
		error = resdiff_error_set(RESDIFF_ERROR, "internal: no postings of %s", lname);
		goto done;
	}
	if ((error = summary_write(&sum, c, i, end)) < 0)
		goto done;
	GIT_TRY(git_blob_create_from_buffer(&id, c->s->repo, sum.ptr, sum.size), INDEX_SUMMARY);
	GIT_TRY(git_treebuilder_insert(NULL, lang, INDEX_SUMMARY, &id, GIT_FILEMODE_BLOB), lname);
	GIT_TRY(git_treebuilder_write(&id, cat), INDEX_CATALOGUE);
	GIT_TRY(git_treebuilder_insert(NULL, lang, INDEX_CATALOGUE, &id, GIT_FILEMODE_TREE), lname);
	GIT_TRY(git_blob_create_from_buffer(&id, c->s->repo, l->text.ptr, l->text.size), INDEX_POSTINGS);
	GIT_TRY(git_treebuilder_insert(NULL, lang, INDEX_POSTINGS, &id, GIT_FILEMODE_BLOB), lname);
done:
	resdiff_buf_dispose(&sum);
	return error;
}

/* A directory of the old index (format 15) that an update keeps as it
 * is, with its catalogue: its record directory unchanged and none of its
 * documents written again. *tree and *cat are the old ones. */
static bool dir_clean(git_oid *tree, git_oid *cat, build_ctx *c, build_doc *const *byp, size_t j,
		size_t k, const char *lname, const char *dname)
{
	lang_postings *l;
	git_tree_entry *te = NULL;
	const git_tree_entry *ce;
	char path[600];
	bool ok;

	if (!c->catalogued || !c->old_tree || !(l = lp_find(c, lname, false)) || !l->cat)
		return false;
	for (; j < k; j++)
		if (!byp[j]->dir_same || byp[j]->compute || byp[j]->touched || !byp[j]->old)
			return false;
	if (!(ce = git_tree_entry_byname(l->cat, dname)) || git_tree_entry_type(ce) != GIT_OBJECT_BLOB)
		return false;
	snprintf(path, sizeof(path), "%s/%s", lname, dname);
	ok = git_tree_entry_bypath(&te, c->old_tree, path) == 0 && git_tree_entry_type(te) == GIT_OBJECT_TREE;
	if (ok) {
		git_oid_cpy(tree, git_tree_entry_id(te));
		git_oid_cpy(cat, git_tree_entry_id(ce));
	}
	git_tree_entry_free(te);
	git_error_clear();
	return ok;
}

/* The index tree: one file per document at its record path, and the
 * carried languages' trees as they are. Built level by level (language,
 * directory, files) so that no tree is written that the index does not
 * hold. */
static int write_tree(git_oid *out, build_ctx *c)
{
	git_treebuilder *root = NULL, *lang = NULL, *dir = NULL, *cat = NULL;
	build_doc **byp = NULL;
	resdiff_buf file = RESDIFF_BUF_INIT;
	char lname[256], dname[256], fname[256], next[256];
	git_oid id, cat_id;
	size_t i, j, k, m;
	int error = 0;

	if (c->count && !(byp = malloc(c->count * sizeof(*byp)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < c->count; i++) {
		build_doc *b = &c->docs[i];
		git_oid same;
		byp[i] = b;
		if (!b->compute && !b->touched) {
			/* a summary's entry: when its directory is written */
			if (!b->old->summary_only)
				git_oid_cpy(&b->e.file, &b->old->file);
			continue;
		}
		/* a reused document's file changes when later links into it do */
		resdiff_buf_clear(&file);
		if ((error = entry_write(&file, &b->e)) < 0)
			goto done;
		if (!b->compute && git_odb_hash(&same, file.ptr, file.size, GIT_OBJECT_BLOB) == 0 &&
		    git_oid_equal(&same, &b->old->file))
			git_oid_cpy(&b->e.file, &b->old->file);
		else
			GIT_TRY(git_blob_create_from_buffer(&b->e.file, c->s->repo, file.ptr, file.size),
				b->e.path);
	}
	if (c->count)
		qsort(byp, c->count, sizeof(*byp), cmp_doc_ptr_path);
	GIT_TRY(git_treebuilder_new(&root, c->s->repo, NULL), "index tree");
	for (i = 0; i < c->count; i = j) {
		if (path_part(lname, sizeof(lname), byp[i]->e.path, 0) == SIZE_MAX) {
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: not <language>/<dir>/<file>",
				byp[i]->e.path);
			goto done;
		}
		GIT_TRY(git_treebuilder_new(&lang, c->s->repo, NULL), lname);
		GIT_TRY(git_treebuilder_new(&cat, c->s->repo, NULL), lname);
		for (j = i; j < c->count && path_part(next, sizeof(next), byp[j]->e.path, 0) != SIZE_MAX &&
				!strcmp(next, lname); j = k) {
			if (path_part(dname, sizeof(dname), byp[j]->e.path, 1) == SIZE_MAX) {
				error = resdiff_error_set(RESDIFF_EINVALID, "%s: not <language>/<dir>/<file>",
					byp[j]->e.path);
				goto done;
			}
			for (k = j; k < c->count && path_part(next, sizeof(next), byp[k]->e.path, 0) != SIZE_MAX &&
					!strcmp(next, lname) && path_part(next, sizeof(next), byp[k]->e.path, 1) != SIZE_MAX &&
					!strcmp(next, dname); k++)
				;
			/* a directory no document of which changed: its tree and
			 * catalogue as they were, unread */
			if (dir_clean(&id, &cat_id, c, byp, j, k, lname, dname)) {
				GIT_TRY(git_treebuilder_insert(NULL, lang, dname, &id, GIT_FILEMODE_TREE), dname);
				GIT_TRY(git_treebuilder_insert(NULL, cat, dname, &cat_id, GIT_FILEMODE_BLOB), dname);
				continue;
			}
			GIT_TRY(git_treebuilder_new(&dir, c->s->repo, NULL), dname);
			for (m = j; m < k; m++) {
				build_doc *b = byp[m];
				if (path_part(fname, sizeof(fname), b->e.path, 2) == SIZE_MAX) {
					error = resdiff_error_set(RESDIFF_EINVALID, "%s: not <language>/<dir>/<file>",
						b->e.path);
					goto done;
				}
				if (!b->compute && !b->touched && b->old->summary_only) {
					if ((error = old_detail(c, &c->old[b->old - c->old])) < 0)
						goto done;
					git_oid_cpy(&b->e.file, &b->old->file);
				}
				GIT_TRY(git_treebuilder_insert(NULL, dir, fname, &b->e.file, GIT_FILEMODE_BLOB),
					b->e.path);
			}
			GIT_TRY(git_treebuilder_write(&id, dir), dname);
			git_treebuilder_free(dir);
			dir = NULL;
			GIT_TRY(git_treebuilder_insert(NULL, lang, dname, &id, GIT_FILEMODE_TREE), dname);
			if (c->write_catalogue) {
				resdiff_buf_clear(&file);
				if ((error = catalogue_dir_write(&file, byp, j, k)) < 0)
					goto done;
				GIT_TRY(git_blob_create_from_buffer(&cat_id, c->s->repo, file.ptr, file.size), dname);
				GIT_TRY(git_treebuilder_insert(NULL, cat, dname, &cat_id, GIT_FILEMODE_BLOB), dname);
			}
		}
		if ((error = lang_meta_insert(lang, cat, c, lname)) < 0)
			goto done;
		git_treebuilder_free(cat);
		cat = NULL;
		GIT_TRY(git_treebuilder_write(&id, lang), lname);
		git_treebuilder_free(lang);
		lang = NULL;
		GIT_TRY(git_treebuilder_insert(NULL, root, lname, &id, GIT_FILEMODE_TREE), lname);
	}
	/* the carried languages, unread */
	for (k = 0; k < c->carry_count; k++)
		GIT_TRY(git_treebuilder_insert(NULL, root, c->carry[k].name, &c->carry[k].tree,
			GIT_FILEMODE_TREE), c->carry[k].name);
	GIT_TRY(git_treebuilder_write(out, root), "index tree");
done:
	git_treebuilder_free(dir);
	git_treebuilder_free(cat);
	git_treebuilder_free(lang);
	git_treebuilder_free(root);
	resdiff_buf_dispose(&file);
	free(byp);
	return error;
}

/* The postings of docs[i..end) (one language) from its stored postings:
 * those of the documents before the first computed one (the catalogue's
 * first places: the same documents in the same order), *added past them.
 * Every later dated document must be computed (its fingerprints are not
 * read), and no fingerprint too common only from a later place: else
 * c->fallback (every file read). */
static int stored_postings(build_ctx *c, postings *ps, size_t i, size_t end, size_t *added)
{
	lang_postings *l = lp_find(c, c->docs[i].e.language, false);
	size_t j, keep = 0, fps = 0, units = 0;
	char *text = NULL, *p, *nl;
	int error = 0;

	for (j = i; j < end && c->docs[j].e.date && !c->docs[j].compute; j++)
		if (!c->docs[j].old || c->docs[j].old->pos != j - i)
			return catalogue_unusable(c, c->docs[i].e.language, "not in the record's order");
	keep = j - i;
	for (; j < end && c->docs[j].e.date; j++) {
		if (!c->docs[j].compute)
			return catalogue_unusable(c, c->docs[i].e.language, "a document reused after a computed one");
		units += c->docs[j].e.unit_count;
	}
	if (keep && (!l || !l->old))
		return catalogue_unusable(c, c->docs[i].e.language, "no postings");
	if (l && l->old && strncmp(l->old, POSTINGS_MAGIC "\n", sizeof(POSTINGS_MAGIC)))
		return catalogue_unusable(c, c->docs[i].e.language, "not a postings file of this format");
	if (l && l->old)
		for (p = l->old; (p = strchr(p, '\n')); p++)
			fps++;
	if ((error = postings_init(ps, fps + units * RESDIFF_INDEX_SKETCH + 1)) < 0)
		return error;
	*added = i + keep;
	if (!keep)
		return 0;
	/* a copy: the text is parsed in place */
	if (!(text = strdup(l->old + sizeof(POSTINGS_MAGIC))))
		return NOMEM();
	for (p = text; *p && !error; p = nl + 1) {
		char *q;
		unsigned long fp;
		if (!(nl = strchr(p, '\n'))) {
			error = catalogue_unusable(c, l->name, "postings: no line end");
			break;
		}
		*nl = '\0';
		fp = strtoul(p, &q, 16);
		if (q != p + 8 || *q != '\t' || !fp || fp > UINT32_MAX) {
			error = catalogue_unusable(c, l->name, "postings: a malformed line");
			break;
		}
		q++;
		if (*q == '*') {
			unsigned long at = strtoul(q + 1, &q, 10);
			if (*q) {
				error = catalogue_unusable(c, l->name, "postings: a malformed line");
				break;
			}
			if (at >= keep) {
				error = catalogue_unusable(c, l->name, "a fingerprint too common from a later place");
				break;
			}
			error = postings_saturate(ps, (uint32_t)fp, (uint32_t)(i + at));
			continue;
		}
		while (*q && !error) {
			unsigned long at = strtoul(q, &q, 10), unit;
			if (*q != '.') {
				error = catalogue_unusable(c, l->name, "postings: a malformed line");
				break;
			}
			unit = strtoul(q + 1, &q, 10);
			if (*q == ' ')
				q++;
			else if (*q) {
				error = catalogue_unusable(c, l->name, "postings: a malformed line");
				break;
			}
			if (at >= keep)
				break;  /* in adoption order: the rest are later */
			if (unit >= c->docs[i + at].e.unit_count) {
				error = catalogue_unusable(c, l->name, "postings: no such clause");
				break;
			}
			error = postings_add(ps, (uint32_t)fp, (uint32_t)(i + at), (uint32_t)unit);
		}
	}
	free(text);
	return error;
}

/* The new postings file of docs[i..end) (one language): ps holds the
 * documents before docs[added]; the dated ones from there are added. */
static int lang_postings_make(build_ctx *c, postings *ps, size_t i, size_t end, size_t added)
{
	lang_postings *l = lp_find(c, c->docs[i].e.language, true);
	int error = 0;

	if (!l)
		return NOMEM();
	for (; added < end && c->docs[added].e.date && !error; added++) {
		const build_doc *a = &c->docs[added];
		size_t u, k;
		if (!a->e.sketch)
			return resdiff_error_set(RESDIFF_ERROR, "internal: %s has no fingerprints", a->e.path);
		for (u = 0; u < a->e.unit_count && !error; u++)
			for (k = 0; k < RESDIFF_INDEX_SKETCH && a->e.sketch[u * RESDIFF_INDEX_SKETCH + k] && !error; k++)
				error = postings_add(ps, a->e.sketch[u * RESDIFF_INDEX_SKETCH + k], (uint32_t)added,
					(uint32_t)u);
	}
	if (error < 0)
		return error;
	resdiff_buf_clear(&l->text);
	if ((error = postings_write(&l->text, ps, i)) < 0)
		return error;
	l->done = true;
	return 0;
}

/* Everything of an update but writing: the record's documents, the old
 * index's entries that still hold, the links of the others and every
 * document's reverse links. Reads only. With old_root, the record tree
 * the old index was built from, the languages whose record tree is
 * unchanged are carried (c->carry) and neither read nor computed. */
static int build(build_ctx *c, resdiff_index_status *st, git_tree *root, git_tree *old_tree,
		git_tree *old_root, bool full)
{
	postings ps;
	size_t *score = NULL, *touched = NULL, i, j, ncompute = 0;
	unsigned char *old_used = NULL;
	series_last *last = NULL;
	size_t cap = 2;
	int error = 0;

	memset(&ps, 0, sizeof(ps));
	if (old_tree && old_root && !full && (error = carry_find(c, root, old_root, old_tree)) < 0)
		goto done;
	c->old_tree = old_tree;
	c->old_root = c->catalogued ? old_root : NULL;
	if (old_tree && !full && (error = load_old(c, old_tree)) < 0)
		goto done;
	if ((error = scan_record(c, root)) < 0)
		goto done;
	if (c->count)
		qsort(c->docs, c->count, sizeof(*c->docs), cmp_build);
	/* the old entries still in the record, in their language: the others
	 * are gone (one pass, not one search of the language's documents per
	 * old entry) */
	while (cap < 2 * c->count)
		cap *= 2;
	if (!(old_used = calloc(c->old_count + 1, 1)) || !(last = malloc(cap * sizeof(*last)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < c->count; i++)
		if (c->docs[i].old && !strcmp(c->docs[i].old->language, c->docs[i].e.language))
			old_used[c->docs[i].old - c->old] = 1;
	/* previous members; what must be recomputed: a new or changed text,
	 * a new previous member, or a change on or before its date */
	for (i = 0; i < c->count; ) {
		const char *lang = c->docs[i].e.language, *min_changed = NULL;
		size_t end, mask = 1;
		for (end = i; end < c->count && !strcmp(c->docs[end].e.language, lang); end++)
			;
		/* each series' last member so far: the previous member of the
		 * next one, found in one step (a backwards search was quadratic
		 * in a language of many short series) */
		while (mask + 1 < 2 * (end - i))
			mask = mask * 2 + 1;
		memset(last, 0, (mask + 1) * sizeof(*last));
		for (j = i; j < end; j++) {
			build_doc *b = &c->docs[j];
			if (b->e.date && b->e.series) {
				size_t slot = series_slot(last, mask, b->e.series);
				if (last[slot].series)
					b->prev = last[slot].doc;
				last[slot].series = b->e.series;
				last[slot].doc = j;
			}
			if (b->prev != SIZE_MAX) {
				b->e.has_prev = true;
				b->e.prev_symbol = c->docs[b->prev].e.symbol;
				git_oid_cpy(&b->e.prev_blob, &c->docs[b->prev].e.blob);
			}
			if (!b->old || !git_oid_equal(&b->old->blob, &b->e.blob)) {
				if (b->e.date && (!min_changed || strcmp(b->e.date, min_changed) < 0))
					min_changed = b->e.date;
				if (b->old && b->old->date && (!min_changed || strcmp(b->old->date, min_changed) < 0))
					min_changed = b->old->date;
			}
		}
		for (j = 0; j < c->old_count; j++) {
			/* an old document gone from the record (or moved elsewhere) */
			const index_entry *o = &c->old[j];
			if (old_used[j] || strcmp(o->language, lang) || !o->date)
				continue;
			if (!min_changed || strcmp(o->date, min_changed) < 0)
				min_changed = o->date;
		}
		for (j = i; j < end; j++) {
			build_doc *b = &c->docs[j];
			/* a summary's entry names its previous member by path: were
			 * that member's text changed, min_changed is on or before
			 * this document's date */
			bool same = b->old && git_oid_equal(&b->old->blob, &b->e.blob) &&
				b->old->has_prev == b->e.has_prev &&
				(!b->e.has_prev || (b->old->prev_path ?
					!strcmp(b->old->prev_path, c->docs[b->prev].e.path) :
					git_oid_equal(&b->old->prev_blob, &b->e.prev_blob))) &&
				(!b->e.date || !min_changed || strcmp(b->e.date, min_changed) < 0);
			b->compute = full || !same;
			if (b->compute && b->prev != SIZE_MAX)
				c->docs[b->prev].is_prev = true;
			if (!b->compute) {
				b->e.unit_count = b->old->unit_count;
				b->e.unit_ids = b->old->unit_ids;
				b->e.sketch = b->old->sketch;
				b->e.links = b->old->links;
				b->e.link_count = b->old->link_count;
			} else {
				ncompute++;
			}
		}
		i = end;
	}
	st->documents = c->count + c->carried;
	st->computed = ncompute;
	st->reused = st->documents - ncompute;
	st->read = c->read;
	st->carried = c->carried;
	if (ncompute || c->write_catalogue) {
		/* fingerprints of the documents to compute; then links in adoption
		 * order, the postings holding every earlier-dated document */
		for (i = 0; i < c->count; i++)
			if (c->docs[i].compute && (error = sketch_doc(c, &c->docs[i])) < 0)
				goto done;
		if (!(score = calloc(c->count + 1, sizeof(*score))) ||
		    !(touched = malloc((c->count + 1) * sizeof(*touched)))) {
			error = NOMEM();
			goto done;
		}
		/* threads for the alignments when there is more than one
		 * document's worth of them */
		c->window = 1;
		if (c->threads > 1 && ncompute > 1) {
			if ((error = resdiff_pool_new(&c->pool, c->threads)) < 0)
				goto done;
			if (resdiff_pool_threads(c->pool) > 1)
				c->window = RESDIFF_INDEX_WINDOW;
		}
		for (i = 0; i < c->count; ) {
			const char *lang = c->docs[i].e.language;
			size_t end, added = i, lang_units = 0, dated = SIZE_MAX;
			bool any = false;
			for (end = i; end < c->count && !strcmp(c->docs[end].e.language, lang); end++) {
				lang_units += c->docs[end].e.unit_count;
				any |= c->docs[end].compute;
			}
			if (!any && !c->write_catalogue) {
				i = end;
				continue;
			}
			/* postings are per language, sized for its clauses (they were
			 * sized for every language's, six times too large in a
			 * rebuild), and only where a document is computed or they
			 * are written; from the catalogue, the stored postings of the
			 * documents before the first computed one, then those after */
			if (c->catalogued)
				error = stored_postings(c, &ps, i, end, &added);
			else
				error = postings_init(&ps, lang_units * RESDIFF_INDEX_SKETCH + 1);
			if (error < 0)
				goto done;
			for (j = i; j < end && any; j++) {
				build_doc *b = &c->docs[j];
				if (!b->e.date)
					break;  /* undated: no lineage */
				dated = j;
				if (!b->compute)
					continue;
				b->e.links = NULL;
				b->e.link_count = 0;
				c->win[c->nwin++].doc = j;
				if (c->nwin == c->window &&
				    (error = window_run(c, &ps, &added, score, touched)) < 0)
					goto done;
			}
			if (c->nwin && (error = window_run(c, &ps, &added, score, touched)) < 0)
				goto done;
			/* the postings of every dated document, as one at a time left
			 * them, for the catalogue */
			if (dated != SIZE_MAX && (error = postings_advance(c, &ps, &added, dated)) < 0)
				goto done;
			for (j = i; j < end; j++)
				doc_release(c, j);
			if (c->write_catalogue && (error = lang_postings_make(c, &ps, i, end, added)) < 0)
				goto done;
			postings_dispose(&ps);
			i = end;
		}
	}
	st->prepared = c->prepared;
	resdiff_pool_free(c->pool);
	c->pool = NULL;
	error = reverse_links(c);
	st->read = c->read;  /* with the files a catalogue's update needed */
	st->links_read = c->lazy ? c->links_read : c->read;
done:
	resdiff_pool_free(c->pool);
	c->pool = NULL;
	for (i = 0; i < c->count; i++)
		doc_release(c, i);
	free(old_used);
	free(last);
	postings_dispose(&ps);
	free(score);
	free(touched);
	return error;
}

static void ctx_dispose(build_ctx *c)
{
	size_t i;
	for (i = 0; i < c->count; i++)
		doc_release(c, i);
	free(c->docs);
	free(c->old);
	free(c->carry);
	for (i = 0; i < c->lp_count; i++) {
		resdiff_buf_dispose(&c->lp[i].text);
		git_tree_free(c->lp[i].cat);
	}
	free(c->lp);
	free(c->hits);
	resdiff_arena_free(c->arena);
	resdiff_arena_free(c->old_arena);
	memset(c, 0, sizeof(*c));
}

static int ctx_init(build_ctx *c, resdiff_store *s)
{
	const char *env = getenv(RESDIFF_INDEX_CACHE_ENV);
	long online;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->cache_max = RESDIFF_INDEX_CACHE_MAX;
	if (env && env[0] >= '0' && env[0] <= '9' && strtoul(env, NULL, 10) < RESDIFF_INDEX_CACHE_MAX)
		c->cache_max = (size_t)strtoul(env, NULL, 10);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	c->threads = online < 1 ? 1 : online > RESDIFF_INDEX_THREADS_MAX ?
		RESDIFF_INDEX_THREADS_MAX : (size_t)online;
	env = getenv(RESDIFF_INDEX_THREADS_ENV);
	if (env && env[0] >= '1' && env[0] <= '9' && strtoul(env, NULL, 10) <= RESDIFF_INDEX_THREADS_MAX)
		c->threads = (size_t)strtoul(env, NULL, 10);
	if (!(c->arena = resdiff_arena_new()) || !(c->old_arena = resdiff_arena_new()))
		return NOMEM();
	return 0;
}

/* An index computed in memory, for readers (index_internal.h). */
struct index_mem {
	build_ctx c;
	build_doc **bypath;       /* docs sorted by path */
};

static int cmp_doc_path(const void *pa, const void *pb)
{
	const build_doc *a = *(const build_doc *const *)pa, *b = *(const build_doc *const *)pb;
	return strcmp(a->e.path, b->e.path);
}

int index_mem_build(index_mem **out, git_oid *record, resdiff_store *s, bool full)
{
	index_mem *m = NULL;
	resdiff_index_status st;
	git_oid old_commit, built_from;
	git_tree *old_tree = NULL, *root = NULL;
	git_commit *rec_commit = NULL;
	size_t i;
	int error = 0, format;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	if (!(m = calloc(1, sizeof(*m)))) {
		error = NOMEM();
		goto done;
	}
	if ((error = ctx_init(&m->c, s)) < 0)
		goto done;
	if (git_reference_name_to_id(record, s->repo, s->record_ref) < 0) {
		git_error_clear();
		memset(record, 0, sizeof(*record));
		goto done;  /* empty record: an empty index */
	}
	/* incrementally from the last stored index, whatever record it names */
	index_commit_tree(&old_tree, &old_commit, &built_from, &format, NULL, s);
	GIT_TRY(git_commit_lookup(&rec_commit, s->repo, record), "record");
	GIT_TRY(git_commit_tree(&root, rec_commit), "record");
	if ((error = build(&m->c, &st, root, old_tree, NULL, full)) < 0)
		goto done;
	if (m->c.count && !(m->bypath = malloc(m->c.count * sizeof(*m->bypath)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < m->c.count; i++)
		m->bypath[i] = &m->c.docs[i];
	if (m->c.count)
		qsort(m->bypath, m->c.count, sizeof(*m->bypath), cmp_doc_path);
	*out = m;
	m = NULL;
done:
	index_mem_free(m);
	git_tree_free(root);
	git_tree_free(old_tree);
	git_commit_free(rec_commit);
	return error;
}

const index_entry *index_mem_find(const index_mem *m, const char *path)
{
	build_doc key, *kp = &key, **hit;
	if (!m->c.count)
		return NULL;
	key.e.path = path;
	hit = bsearch(&kp, m->bypath, m->c.count, sizeof(*m->bypath), cmp_doc_path);
	return hit ? &(*hit)->e : NULL;
}

void index_mem_free(index_mem *m)
{
	if (!m)
		return;
	ctx_dispose(&m->c);
	free(m->bypath);
	free(m);
}

/* The update's build started again, after one that could not use the old
 * index as it meant to (a damaged file, a catalogue that cannot serve):
 * from the old files, parsed up to their links when `lazy`, else whole. */
static int build_again(build_ctx *c, resdiff_index_status *st, resdiff_store *s, bool lazy,
		git_tree *root, git_tree *old_tree, git_tree *old_root, bool full)
{
	int error;

	resdiff_error_clear();
	ctx_dispose(c);
	memset(st, 0, sizeof(*st));
	if ((error = ctx_init(c, s)) < 0)
		return error;
	c->lazy = lazy;
	c->write_catalogue = true;
	return build(c, st, root, old_tree, old_root, full);
}

int index_update(resdiff_index_status *status, resdiff_store *s, bool full)
{
	build_ctx c;
	resdiff_index_status st;
	git_oid record, old_commit, built_from, tree_id, commit_id;
	git_tree *old_tree = NULL, *root = NULL, *tree = NULL, *old_root = NULL;
	git_commit *rec_commit = NULL, *parent = NULL, *old_rec = NULL;
	git_signature *sig = NULL;
	resdiff_buf msg = RESDIFF_BUF_INIT;
	bool locked_here = !store_locked(s), pack = false, damaged;
	int error = 0, format;

	memset(&st, 0, sizeof(st));
	if ((error = ctx_init(&c, s)) < 0 || (error = store_check_writable(s)) < 0 ||
	    (error = store_lock_acquire(s)) < 0)
		goto done;
	if ((error = store_sync_configure(s)) < 0)
		goto done;
	if (git_reference_name_to_id(&record, s->repo, RESDIFF_STORE_RECORD_REF) < 0) {
		git_error_clear();
		goto done;  /* empty record: nothing to index */
	}
	index_commit_tree_why(&old_tree, &old_commit, &built_from, &format, NULL, &st.untrusted, s);
	if (git_oid_is_zero(&old_commit))
		st.untrusted = NULL;  /* there was none: nothing to report */
	/* an index of the previous format (no catalogues) is not fresh: its
	 * files are read, and written again with them */
	if (old_tree && !full && git_oid_equal(&built_from, &record) && format == RESDIFF_INDEX_FORMAT) {
		git_oid_tostr(st.commit, sizeof(st.commit), &old_commit);
		goto done;  /* fresh */
	}
	GIT_TRY(git_commit_lookup(&rec_commit, s->repo, &record), "record");
	GIT_TRY(git_commit_tree(&root, rec_commit), "record");
	/* once a transaction of this store has an in-memory backend (a large
	 * import before us in this process), every object goes there and must
	 * be written as a pack, however few */
	if (s->txn)
		pack = true;
	/* the record the old index was built from: its languages that did not
	 * change are carried (when it is gone, every language is read) */
	if (old_tree && !full && format == RESDIFF_INDEX_FORMAT &&
	    (git_commit_lookup(&old_rec, s->repo, &built_from) < 0 || git_commit_tree(&old_root, old_rec) < 0)) {
		git_error_clear();
		old_root = NULL;
	}
	/* the old files' links parsed where needed; a file whose links do
	 * not parse is damaged: again, every file parsed whole, as a reader
	 * does, so that it is recomputed */
	/* an index of this format: each recomputed language's catalogue and
	 * postings, and the files needed; when they cannot serve (c.fallback),
	 * again reading every file */
	c.lazy = true;
	c.catalogued = format == RESDIFF_INDEX_FORMAT;
	c.write_catalogue = true;
	if ((error = build(&c, &st, root, old_tree, old_root, full)) < 0 && (c.damaged || c.fallback)) {
		damaged = c.damaged;
		if ((error = build_again(&c, &st, s, !damaged, root, old_tree, old_root, full)) < 0 &&
		    c.damaged && c.lazy)
			error = build_again(&c, &st, s, false, root, old_tree, old_root, full);
	}
	if (error < 0)
		goto done;
	/* through the store's layer, as an import: a write then does not
	 * re-read objects/pack (store_pack.c) */
	if (st.computed >= INDEX_PACK_MIN && !s->txn) {
		if ((error = store_txn_begin(s)) < 0)
			goto done;
		pack = true;
	}
	/* a directory's catalogue that cannot serve (missing, malformed) may
	 * show only when its directory is written: again, reading every file */
	if ((error = write_tree(&tree_id, &c)) < 0 && c.fallback &&
	    (error = build_again(&c, &st, s, true, root, old_tree, old_root, full)) == 0)
		error = write_tree(&tree_id, &c);
	if (error < 0)
		goto done;
	GIT_TRY(git_tree_lookup(&tree, s->repo, &tree_id), "index tree");
	GIT_TRY(git_signature_new(&sig, "resdiff", "resdiff@localhost",
		git_commit_committer(rec_commit)->when.time, 0), "signature");
	{
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &record);
		/* every document the index holds, the carried languages' too */
		if ((error = resdiff_buf_printf(&msg, "index of record %.12s: %zu document%s\n\n"
				"Index-Format: %d\nSketch: %d\nLang: %016" PRIx64 "\nRecord: %s\n", hex,
				st.documents, st.documents == 1 ? "" : "s", RESDIFF_INDEX_FORMAT, RESDIFF_INDEX_SKETCH,
				resdiff_lang_fingerprint(), hex)) < 0)
			goto done;
	}
	/* the index the ref named is the parent, of this format or not (one
	 * computed with other language data, of another format): replaced
	 * indexes stay reachable, so an update leaves no dangling commit
	 * behind, and a push of it is a fast-forward */
	if (!git_oid_is_zero(&old_commit) && git_commit_lookup(&parent, s->repo, &old_commit) < 0) {
		git_error_clear();
		parent = NULL;
	}
	GIT_TRY(git_commit_create(&commit_id, s->repo, NULL, sig, sig, NULL, msg.ptr, tree,
		parent ? 1 : 0, (const git_commit **)&parent), "index commit");
	if (pack) {
		if ((error = store_txn_write_pack(s->txn, s->odb, s->gitdir, s->fsync)) < 0)
			goto done;
		pack = false;
	} else if ((error = store_fsync_dir(s, "objects", false)) < 0) {
		goto done;
	}
	if ((error = store_ref_publish(s, store_index_ref(s),
			git_oid_is_zero(&old_commit) ? NULL : &old_commit, &commit_id, "resdiff: index")) < 0)
		goto done;
	st.written = true;
	git_oid_tostr(st.commit, sizeof(st.commit), &commit_id);
done:
	if (pack && s->txn)
		store_txn_reset(s->txn);
	if (locked_here)
		store_lock_release(s);
	if (status)
		*status = st;
	ctx_dispose(&c);
	resdiff_buf_dispose(&msg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(root);
	git_tree_free(old_tree);
	git_tree_free(old_root);
	git_commit_free(parent);
	git_commit_free(old_rec);
	git_commit_free(rec_commit);
	return error;
}

int index_upgrade(resdiff_index_status *status, bool *converted, resdiff_store *s)
{
	git_tree *tree = NULL;
	git_oid commit_id, built_from;
	int format, stated;

	*converted = false;
	if (status)
		memset(status, 0, sizeof(*status));
	index_commit_tree(&tree, &commit_id, &built_from, &format, &stated, s);
	git_tree_free(tree);
	/* none, or of this format; one of a format before it is brought to
	 * this one: from its files when its links are today's (no catalogue
	 * yet), else recomputed, as the next update would */
	if (!stated || stated >= RESDIFF_INDEX_FORMAT)
		return 0;
	*converted = true;
	return index_update(status, s, false);
}

int resdiff_index_update(resdiff_index_status *status, resdiff_store *store)
{
	return index_update(status, store, false);
}

int resdiff_index_rebuild(resdiff_index_status *status, resdiff_store *store)
{
	return index_update(status, store, true);
}
