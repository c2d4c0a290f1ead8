/* check.c: corpus checks (parse cleanly, no debris, manifest agrees). */
#include "resdiff/check.h"
#include "resdiff/name.h"
#include "resdiff/parse.h"
#include "resdiff/pdf.h"
#include "resdiff/store.h"
#include "resdiff/text.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Does the word that ends at t[end] or starts at t[start] (up to a space
 * or a CJK character) hold a Latin letter? `dir` -1 reads backwards. */
static bool latin_word(const char *t, size_t len, size_t i, int dir)
{
	size_t adv;
	while (i < len) {
		int32_t cp;
		size_t k = i;
		if (dir < 0)
			while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
		cp = resdiff_utf8_decode(t + k, len - k, &adv);
		if (cp < 0 || cp == ' ' || resdiff_text_is_cjk((uint32_t)cp))
			return false;
		if (resdiff_text_is_latin((uint32_t)cp))
			return true;
		if (dir < 0 && k == 0)
			return false;
		i = dir < 0 ? k - 1 : k + adv;
	}
	return false;
}

/* A space next to a CJK character is debris, but for one between an
 * ideograph and a Latin word (docs/PARSE.md rule 7: "社会 and 知识"). */
static bool cjk_space(const char *t, size_t len, size_t i, uint32_t prev)
{
	uint32_t next = i + 1 < len ? (uint32_t)resdiff_utf8_decode(t + i + 1, len - i - 1, &(size_t){0}) : 0;
	if (!resdiff_text_is_cjk(prev) && !resdiff_text_is_cjk(next))
		return false;
	if (resdiff_text_is_ideograph(prev) && !resdiff_text_is_cjk(next) && latin_word(t, len, i + 1, 1))
		return false;
	if (resdiff_text_is_ideograph(next) && !resdiff_text_is_cjk(prev) && i > 0 &&
	    latin_word(t, len, i - 1, -1))
		return false;
	return true;
}

/* What debris looks like inside a paragraph: a job number "09-49042", a
 * superscript digit, a Markdown link remnant, a separator, a space next to
 * a CJK character (but one between an ideograph and a Latin word), or
 * nothing but a number. Returns a description or NULL. */
/* What makes a parse implausible (kind "shape"). */
#define SHAPE_LONG_UNIT_MIN 1000  /* characters a unit must exceed to be "far longer" */
#define SHAPE_LONG_UNIT_RATIO 12  /* ... and this many times the median unit (set on
                                   * the UDHR parses of issue 12, 12.4-13.4, against
                                   * 11.3 for a real 2,038-character list, A/RES/80/7) */
#define SHAPE_MEDIAN_UNITS 5      /* the median is asked only of this many units or more */
#define SHAPE_TITLE_SENTENCES 2   /* a title with this many sentences swallowed text */
#define SHAPE_TITLE_MAX 400       /* ... as did a title longer than this (characters) */
#define SHAPE_MARKUP_NAME_MAX 16  /* "<para>", "</p>": a tag name this long at most */

/* "<para>", "</p>", "<br/>" in a unit's text: the byte where it starts. */
static bool markup_in(const char *t, size_t *at)
{
	const char *p = t;
	while ((p = strchr(p, '<')) != NULL) {
		size_t k = p[1] == '/' ? 2 : 1, n = 0;
		while (p[k + n] >= 'a' && p[k + n] <= 'z' && n < SHAPE_MARKUP_NAME_MAX)
			n++;
		if (n && (p[k + n] == '>' || (p[k + n] == '/' && p[k + n + 1] == '>'))) {
			*at = (size_t)(p - t);
			return true;
		}
		p++;
	}
	return false;
}

/* Sentences in a title: ". " before a capital, "。", "!" or "?" ends one. */
static size_t sentences_in(const char *t)
{
	size_t len = strlen(t), i, adv, n = 0;
	for (i = 0; i < len; i += adv) {
		int32_t cp = resdiff_utf8_decode(t + i, len - i, &adv);
		if (cp == 0x3002 || ((cp == '.' || cp == '!' || cp == '?') &&
		    (i + adv == len || (t[i + adv] == ' ' && i + adv + 1 < len &&
					t[i + adv + 1] >= 'A' && t[i + adv + 1] <= 'Z'))))
			n++;
	}
	return n;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* A parse that lost structure (issue 12): a unit far longer than the
 * document's others, a resolution with no operative part, markup in the
 * text, a title that swallowed several sentences. */
static int check_shape(resdiff_findings *f, const resdiff_doc *doc, const char *file,
		const char *const *accept)
{
	size_t i, n = 0, median = 0, at, *lens = NULL;
	bool operative = false;
	int error = 0;

	if (doc->unit_count && !(lens = malloc(doc->unit_count * sizeof(*lens))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		operative |= resdiff_unit_is_operative(u) != 0;
		if (u->kind != RESDIFF_UNIT_HEADING && u->kind != RESDIFF_UNIT_ARTICLE)
			lens[n++] = resdiff_utf8_count(u->text, strlen(u->text));
		if (markup_in(u->text, &at) && (error = resdiff_check_add(f, file, u->line, "shape",
				accept, "%s contains markup at byte %zu", u->id, at)) < 0)
			goto done;
	}
	if (n >= SHAPE_MEDIAN_UNITS) {
		qsort(lens, n, sizeof(*lens), cmp_size);
		median = lens[n / 2];
	}
	for (i = 0; median && i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		size_t chars = resdiff_utf8_count(u->text, strlen(u->text));
		if (chars > SHAPE_LONG_UNIT_MIN && chars > SHAPE_LONG_UNIT_RATIO * median &&
		    (error = resdiff_check_add(f, file, u->line, "shape", accept, "%s has %zu "
				"characters, over %d times the median unit (%zu): paragraphs were "
				"joined", u->id, chars, SHAPE_LONG_UNIT_RATIO, median)) < 0)
			goto done;
	}
	/* a report has no operative part, nor has an amendment to a draft: its
	 * instructions change the draft's (docs/CHECK.md) */
	if (doc->meta.kind && strcmp(doc->meta.kind, "report") && strcmp(doc->meta.kind, "amendment") &&
	    doc->unit_count && !operative &&
	    (error = resdiff_check_add(f, file, 0, "shape", accept, "the %s has no operative "
			"part (%zu units, none operative)", doc->meta.kind, doc->unit_count)) < 0)
		goto done;
	if (doc->meta.title && (sentences_in(doc->meta.title) >= SHAPE_TITLE_SENTENCES ||
	     resdiff_utf8_count(doc->meta.title, strlen(doc->meta.title)) > SHAPE_TITLE_MAX) &&
	    (error = resdiff_check_add(f, file, 0, "shape", accept, "the title holds %zu "
			"characters in %zu sentences: text went into the metadata",
			resdiff_utf8_count(doc->meta.title, strlen(doc->meta.title)),
			sentences_in(doc->meta.title))) < 0)
		goto done;
done:
	free(lens);
	return error;
}

/* "Reaffirms its resolution 80/___ of ______________ 2025;": a draft's
 * blank to be filled in, not a footnote separator: the underscores stand
 * between words of the sentence and a year or a closing mark follows. */
static bool fill_in_blank(const char *t, size_t len, size_t i)
{
	size_t k = i, d = 0;
	while (i > 0 && t[i - 1] == '_')
		i--; /* from the start of the run */
	while (k < len && t[k] == '_')
		k++;
	if (i == 0 || (t[i - 1] != ' ' && t[i - 1] != '/'))
		return false;
	if (k < len && (t[k] == ',' || t[k] == ';' || t[k] == '.' || t[k] == ')'))
		return true;
	if (k >= len || t[k] != ' ')
		return false;
	k++;
	while (k + d < len && t[k + d] >= '0' && t[k + d] <= '9')
		d++;
	return d == 4 && (t[k] == '1' || t[k] == '2') && (k + d == len || t[k + d] == ';' ||
		t[k + d] == ',' || t[k + d] == '.' || t[k + d] == ' ');
}

static const char *debris_in(const char *t, size_t *at)
{
	size_t len = strlen(t), i, adv;
	uint32_t prev = 0;
	bool digits_only = len > 0;

	for (i = 0; i < len; i += adv) {
		int32_t cp = resdiff_utf8_decode(t + i, len - i, &adv);
		*at = i;
		if (cp < 0)
			return "invalid UTF-8";
		if (cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079))
			return "a superscript footnote marker";
		if (cp == ' ' && cjk_space(t, len, i, prev))
			return "a space next to a CJK character";
		if (cp == ']' && i + 3 < len && !strncmp(t + i, "](#)", 4))
			return "a Markdown link remnant";
		if (cp == '_' && i + 4 < len && !strncmp(t + i, "_____", 5) && !fill_in_blank(t, len, i))
			return "a footnote separator";
		if (cp >= '0' && cp <= '9' && !(prev >= '0' && prev <= '9') && i + 8 <= len) {
			size_t k = i;
			while (k < len && t[k] >= '0' && t[k] <= '9')
				k++;
			if (k - i == 2 && t[k] == '-') {
				size_t m = k + 1;
				while (m < len && t[m] >= '0' && t[m] <= '9')
					m++;
				if (m - k - 1 == 5 && (m == len || t[m] == ' ' || t[m] == '('))
					return "a job number";
			}
		}
		if (!(cp >= '0' && cp <= '9') && cp != '*')
			digits_only = false;
		prev = (uint32_t)cp;
	}
	*at = 0;
	return digits_only ? "nothing but a footnote label" : NULL;
}

int resdiff_check_diagnostics(resdiff_findings *f, const resdiff_doc *doc, const char *file,
		const char *const *accept)
{
	size_t i;
	int error = 0;

	for (i = 0; i < doc->diag_count && !error; i++) {
		const resdiff_diag *d = &doc->diags[i];
		if (d->level == RESDIFF_DIAG_NOTE)
			error = resdiff_findings_note(f, file, d->line, d->message);
		else
			error = resdiff_check_add(f, file, d->line, "diagnostic", accept, "%s", d->message);
	}
	return error;
}

int resdiff_check_doc(resdiff_findings *f, const resdiff_doc *doc, const char *file,
		const char *const *accept)
{
	size_t i;
	int error;

	if ((error = resdiff_check_diagnostics(f, doc, file, accept)) < 0)
		return error;
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		size_t at;
		const char *what = debris_in(u->text, &at);
		if (what && (error = resdiff_check_add(f, file, u->line, "debris", accept,
				"%s contains %s at byte %zu", u->id, what, at)) < 0)
			return error;
	}
	return check_shape(f, doc, file, accept);
}

static int compare_meta(resdiff_findings *f, const char *file, const char *what,
		const char *in_text, const char *in_manifest, const char *const *accept)
{
	if (!in_text || !in_manifest || !strcmp(in_text, in_manifest))
		return 0;
	return resdiff_check_add(f, file, 0, "metadata", accept, "the manifest says %s %s but the text says %s",
		what, in_manifest, in_text);
}

/* What `import` would refuse of a parsed document given the manifest
 * entry (may be NULL): the checks of resdiff/store.h on the metadata it
 * would be stored with (the entry's, else the text's, else the corpus
 * file name's symbol). A finding of kind "import"; the date is left to
 * compare_meta when the entry gives one the text contradicts. */
static int import_refusals(resdiff_findings *f, resdiff_doc *doc, const char *path,
		const resdiff_manifest_entry *entry, const char *const *accept)
{
	char *fsym = NULL, *flang = NULL;
	bool dated_by_entry = entry && entry->date;
	int error;

	if (entry && (error = resdiff_manifest_apply(doc, entry)) < 0)
		return error;
	if (!doc->meta.symbol && resdiff_name_parse_corpus_file(&fsym, &flang, path) == 0 &&
	    (error = resdiff_doc_set_meta(doc, &doc->meta.symbol, fsym)) < 0)
		goto done;
	if (dated_by_entry)
		doc->text_date = NULL;  /* compare_meta says it */
	if ((error = resdiff_store_check_doc(doc)) < 0 ||
	    (error = resdiff_store_check_draft(doc, false)) < 0 ||
	    (error = resdiff_store_check_text(doc, false, NULL, 0)) < 0) {
		if (error == RESDIFF_ENOMEM)
			goto done;
		error = resdiff_check_add(f, path, 0, "import", accept, "refused: %s",
			resdiff_error_last());
	}
done:
	free(fsym);
	free(flang);
	return error;
}

int resdiff_check_file(resdiff_findings *f, const char *path,
		const resdiff_manifest_entry *entry, const char *language)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	const char *const *accept = entry ? entry->accept : NULL;
	resdiff_parse_trace *trace = NULL;
	resdiff_doc *doc = NULL;
	char *text = NULL;
	size_t len;
	int error;
	const char *source = path;  /* read from; "-" is standard input */
	const char *name = strcmp(path, "-") ? path : "standard input";

	opts.source = pdf.source = name;
	opts.language = language ? language : entry ? entry->language : NULL;
	if ((error = resdiff_file_read(&text, &len, source)) < 0 ||
	    (error = resdiff_pdf_convert(&text, &len, &pdf)) < 0 ||
	    (error = resdiff_parse_traced(&doc, &trace, text, len, &opts)) < 0) {
		/* "FILE: invalid UTF-8 at byte offset 33 (line 3)" */
		const char *msg = resdiff_error_last();
		size_t plen = strlen(name), line = 0;
		const char *l;
		if (error == RESDIFF_ENOMEM)
			goto done;
		if (!strncmp(msg, name, plen) && !strncmp(msg + plen, ": ", 2))
			msg += plen + 2;
		if ((l = strstr(msg, "line ")))
			line = (size_t)strtoul(l + 5, NULL, 10);
		error = resdiff_check_add(f, name, line, "parse", accept, "does not parse: %s", msg);
		goto done;
	}
	if ((error = resdiff_check_doc(f, doc, name, accept)) < 0 ||
	    (error = resdiff_check_account(f, doc, trace, name, accept)) < 0 ||
	    (error = resdiff_check_misread(f, doc, trace, name, accept)) < 0)
		goto done;
	if (entry) {
		if ((error = compare_meta(f, name, "symbol", doc->meta.symbol, entry->symbol, accept)) < 0 ||
		    (error = compare_meta(f, name, "date", doc->meta.date, entry->date, accept)) < 0 ||
		    (error = compare_meta(f, name, "meeting", doc->meta.meeting, entry->meeting, accept)) < 0 ||
		    (error = compare_meta(f, name, "language", doc->meta.language, entry->language, accept)) < 0)
			goto done;
	}
	error = import_refusals(f, doc, name, entry, accept);
done:
	resdiff_parse_trace_free(trace);
	resdiff_doc_free(doc);
	free(text);
	return error;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in directory d ending in one of `suffixes` (".pdf" in any
 * case), sorted by byte so that a check reads them in the same order on
 * every file system; *names is malloc'd, as each name, and freed by
 * names_free. */
static int names_in(char ***names, size_t *count, DIR *d, const char *const *suffixes)
{
	struct dirent *e;
	size_t n = 0, alloc = 0, k;
	int error = 0;

	*names = NULL;
	*count = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		bool wanted = false;
		for (k = 0; suffixes[k] && !wanted; k++) {
			size_t sl = strlen(suffixes[k]);
			wanted = len > sl && !strcasecmp(e->d_name + len - sl, suffixes[k]) &&
				(!strcmp(suffixes[k], ".pdf") || !strcmp(e->d_name + len - sl, suffixes[k]));
		}
		if (!wanted)
			continue;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 32;
			char **p = realloc(*names, na * sizeof(*p));
			if (!p) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			*names = p;
			alloc = na;
		}
		if (!((*names)[n] = strdup(e->d_name))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		n++;
	}
	if (n)
		qsort(*names, n, sizeof(**names), cmp_str);
done:
	*count = n;
	return error;
}

static void names_free(char **names, size_t count)
{
	size_t i;
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

static const char *const text_suffixes[] = { ".txt", ".pdf", NULL };

/* Texts beside the manifest that it does not list. */
static int unlisted_texts(resdiff_findings *f, const resdiff_manifest *m, const char *dir)
{
	DIR *d = opendir(dir[0] ? dir : ".");
	char **names = NULL;
	size_t n = 0, i, k;
	int error = 0;

	if (!d)
		return resdiff_check_add(f, m->path, 0, "manifest", NULL, "cannot list the directory %s", dir);
	if ((error = names_in(&names, &n, d, text_suffixes)) < 0)
		goto done;
	for (i = 0; i < n && !error; i++) {
		bool listed = false;
		for (k = 0; k < m->count && !listed; k++)
			listed = !strcmp(m->entries[k].source, names[i]);
		if (!listed)
			error = resdiff_check_add(f, m->path, 0, "manifest", NULL,
				"%s%s%s is not listed in the manifest", dir, dir[0] ? "/" : "", names[i]);
	}
done:
	names_free(names, n);
	closedir(d);
	return error;
}

int resdiff_check_dir(resdiff_findings *f, const char *dir, const char *language)
{
	static const char *const manifest_suffix[] = { ".manifest", NULL };
	DIR *d = opendir(dir);
	resdiff_buf path = RESDIFF_BUF_INIT;
	char **names = NULL;
	size_t n = 0, i;
	bool manifests;
	int error = 0;

	if (!d)
		return resdiff_error_set(RESDIFF_ENOTFOUND, "%s: cannot open directory", dir);
	if ((error = names_in(&names, &n, d, manifest_suffix)) < 0)
		goto done;
	if (!(manifests = n > 0)) {
		rewinddir(d);
		if ((error = names_in(&names, &n, d, text_suffixes)) < 0)
			goto done;
	}
	for (i = 0; i < n && !error; i++) {
		resdiff_buf_clear(&path);
		if ((error = resdiff_buf_printf(&path, "%s/%s", dir, names[i])) < 0)
			break;
		error = manifests ? resdiff_check_manifest(f, path.ptr) :
			resdiff_check_file(f, path.ptr, NULL, language);
	}
done:
	resdiff_buf_dispose(&path);
	names_free(names, n);
	closedir(d);
	return error;
}

static int cmp_series_member(const void *a, const void *b)
{
	const resdiff_manifest_entry *x = *(const resdiff_manifest_entry *const *)a;
	const resdiff_manifest_entry *y = *(const resdiff_manifest_entry *const *)b;
	int c = strcmp(x->series, y->series);
	if (!c)
		c = strcmp(x->language, y->language);
	return c ? c : (x < y ? -1 : x > y); /* then manifest order */
}

/* Members of a series (per language) are listed in adoption order: sort
 * by series, language and position, then compare neighbours' dates. */
static int series_order(resdiff_findings *f, const resdiff_manifest *m)
{
	const resdiff_manifest_entry **v;
	const resdiff_manifest_entry *last = NULL;
	size_t i, n = 0;
	int error = 0;

	if (!(v = malloc((m->count + 1) * sizeof(*v))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < m->count; i++)
		if (m->entries[i].series && m->entries[i].date)
			v[n++] = &m->entries[i];
	if (n)
		qsort(v, n, sizeof(*v), cmp_series_member);
	for (i = 0; i < n && !error; i++) {
		const resdiff_manifest_entry *e = v[i];
		if (last && (strcmp(last->series, e->series) || strcmp(last->language, e->language)))
			last = NULL;
		if (last && strcmp(last->date, e->date) > 0)
			error = resdiff_check_add(f, m->path, 0, "manifest", NULL,
				"document \"%s\" (%s) is listed after \"%s\" (%s) in series %s",
				e->name, e->date, last->name, last->date, e->series);
		/* compare with the latest date listed so far */
		if (!last || strcmp(e->date, last->date) > 0)
			last = e;
	}
	free(v);
	return error;
}

int resdiff_check_manifest(resdiff_findings *f, const char *manifest_path)
{
	resdiff_manifest *m = NULL;
	char dir[4096];
	const char *slash = strrchr(manifest_path, '/');
	size_t i;
	int error;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - manifest_path) : 0, manifest_path);
	if ((error = resdiff_manifest_load(&m, manifest_path)) < 0) {
		const char *msg = resdiff_error_last(), *l;
		size_t plen = strlen(manifest_path), line = 0;
		if (error == RESDIFF_ENOMEM)
			return error;
		/* "PATH:LINE: reason" (manifest.c), or a line named further on */
		for (l = strstr(msg, manifest_path); l; l = strstr(l + 1, manifest_path))
			if (l[plen] == ':' && l[plen + 1] >= '0' && l[plen + 1] <= '9')
				line = (size_t)strtoul(l + plen + 1, NULL, 10);
		if (!strncmp(msg, manifest_path, plen) && !strncmp(msg + plen, ": ", 2)) {
			msg += plen + 2;
		} else if (!strncmp(msg, manifest_path, plen) && msg[plen] == ':' && line) {
			const char *rest = strstr(msg + plen + 1, ": ");
			if (rest)
				msg = rest + 2;
		}
		return resdiff_check_add(f, manifest_path, line, "manifest", NULL, "%s", msg);
	}
	for (i = 0; i < m->count; i++) {
		const resdiff_manifest_entry *e = &m->entries[i];
		struct stat sb;
		char *want = NULL;

		if ((error = resdiff_name_corpus_file(&want, e->symbol, e->language)) < 0)
			goto done;
		if (strcmp(want, e->source) && strchr(e->source, '/') == NULL)
			error = resdiff_check_add(f, manifest_path, 0, "manifest", e->accept,
				"document \"%s\": file %s should be named %s (symbol and language)",
				e->name, e->source, want);
		free(want);
		if (error < 0)
			goto done;
		if (stat(e->path, &sb) < 0) {
			if ((error = resdiff_check_add(f, manifest_path, 0, "manifest", NULL,
					"document \"%s\": %s does not exist", e->name, e->path)) < 0)
				goto done;
			continue;
		}
		if (e->series && !e->date &&
		    (error = resdiff_check_add(f, manifest_path, 0, "manifest", NULL,
				"document \"%s\": a member of series %s needs a date", e->name, e->series)) < 0)
			goto done;
		if ((error = resdiff_check_file(f, e->path, e, NULL)) < 0)
			goto done;
	}
	if ((error = series_order(f, m)) < 0)
		goto done;
	error = unlisted_texts(f, m, dir);
done:
	resdiff_manifest_free(m);
	return error;
}
