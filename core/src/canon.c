/* canon.c: the canonical serialization of a document (docs/FORMAT.md). */
#include "resdiff/canon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version 2 is version 1 with the draft-of key; a document without it is
 * written as version 1, byte for byte what earlier formats stored. */
#define FORMAT_LINE "resdiff-document 1"
#define FORMAT_LINE_DRAFT "resdiff-document 2"
#define MAX_FIELDS (5 + 2 * RESDIFF_CANON_MAX_REFS)

/* Metadata keys in the order they are written. */
enum { K_SYMBOL, K_LANGUAGE, K_BODY, K_KIND, K_DATE, K_MEETING, K_TITLE,
       K_CHAPEAU, K_SERIES, K_DRAFT_OF, K_COUNT };
static const char *const meta_keys[K_COUNT] = {
	"symbol", "language", "body", "kind", "date", "meeting", "title",
	"chapeau", "series", "draft-of"
};

static const char **meta_field(resdiff_meta *m, int k)
{
	switch (k) {
	case K_SYMBOL: return &m->symbol;
	case K_LANGUAGE: return &m->language;
	case K_BODY: return &m->body;
	case K_KIND: return &m->kind;
	case K_DATE: return &m->date;
	case K_MEETING: return &m->meeting;
	case K_TITLE: return &m->title;
	case K_CHAPEAU: return &m->chapeau;
	case K_SERIES: return &m->series;
	default: return &m->draft_of;
	}
}

static int put_escaped(resdiff_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *start = p;
	int error = 0;

	for (; *p && !error; p++) {
		const char *rep = NULL;
		char hex[5];
		if (*p == '\\') rep = "\\\\";
		else if (*p == '\t') rep = "\\t";
		else if (*p == '\n') rep = "\\n";
		else if (*p == '\r') rep = "\\r";
		else if (*p < 0x20 || *p == 0x7F) {
			snprintf(hex, sizeof(hex), "\\x%02X", *p);
			rep = hex;
		}
		if (!rep)
			continue;
		if ((error = resdiff_buf_put(out, (const char *)start, (size_t)(p - start))) == 0)
			error = resdiff_buf_puts(out, rep);
		start = p + 1;
	}
	if (error)
		return error;
	return resdiff_buf_put(out, (const char *)start, (size_t)(p - start));
}

int resdiff_canon_write(resdiff_buf *out, const resdiff_doc *doc, const char *source_sha256)
{
	resdiff_meta *m = (resdiff_meta *)&doc->meta;
	size_t i, j;
	int k, error;

	if ((error = resdiff_buf_puts(out, m->draft_of ? FORMAT_LINE_DRAFT "\n" :
			FORMAT_LINE "\n")) < 0)
		return error;
	for (k = 0; k < K_COUNT; k++) {
		const char *v = *meta_field(m, k);
		if (!v)
			continue;
		if ((error = resdiff_buf_puts(out, meta_keys[k])) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 ||
		    (error = put_escaped(out, v)) < 0 ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	if (m->footnote_count) {
		if ((error = resdiff_buf_puts(out, "cites")) < 0)
			return error;
		for (i = 0; i < m->footnote_count; i++)
			if ((error = resdiff_buf_putc(out, '\t')) < 0 ||
			    (error = put_escaped(out, m->footnotes[i])) < 0)
				return error;
		if ((error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	if (source_sha256 && source_sha256[0] &&
	    (error = resdiff_buf_printf(out, "source-sha256\t%s\n", source_sha256)) < 0)
		return error;
	if ((error = resdiff_buf_putc(out, '\n')) < 0)
		return error;

	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		if ((error = put_escaped(out, u->id)) < 0 ||
		    (error = resdiff_buf_putc(out, '\t')) < 0 ||
		    (error = put_escaped(out, u->text)) < 0 ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	if ((error = resdiff_buf_putc(out, '\n')) < 0)
		return error;
	for (i = 0; i < doc->footnote_count; i++) {
		const resdiff_footnote *f = &doc->footnotes[i];
		if ((error = resdiff_buf_putc(out, '[')) < 0 ||
		    (error = put_escaped(out, f->label)) < 0 ||
		    (error = resdiff_buf_puts(out, "]\t")) < 0 ||
		    (error = put_escaped(out, f->text)) < 0 ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	if ((error = resdiff_buf_putc(out, '\n')) < 0)
		return error;

	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		if ((error = resdiff_buf_puts(out, "@unit\t")) < 0 ||
		    (error = put_escaped(out, u->id)) < 0 ||
		    (error = resdiff_buf_printf(out, "\t%s\t", resdiff_unit_kind_name(u->kind))) < 0 ||
		    (error = put_escaped(out, u->label)) < 0 ||
		    (error = resdiff_buf_printf(out, "\t%zu", u->line)) < 0)
			return error;
		for (j = 0; j < u->fnref_count; j++)
			if ((error = resdiff_buf_putc(out, '\t')) < 0 ||
			    (error = put_escaped(out, u->fnrefs[j].label)) < 0 ||
			    (error = resdiff_buf_printf(out, "\t%zu", u->fnrefs[j].offset)) < 0)
				return error;
		if ((error = resdiff_buf_putc(out, '\n')) < 0)
			return error;
	}
	for (i = 0; i < doc->footnote_count; i++)
		if ((error = resdiff_buf_puts(out, "@footnote\t")) < 0 ||
		    (error = put_escaped(out, doc->footnotes[i].label)) < 0 ||
		    (error = resdiff_buf_printf(out, "\t%zu\n", doc->footnotes[i].line)) < 0)
			return error;
	for (i = 0; i < doc->diag_count; i++)
		if (doc->diags[i].level == RESDIFF_DIAG_WARNING && /* notes are not stored */
		    ((error = resdiff_buf_printf(out, "@diag\t%zu\t", doc->diags[i].line)) < 0 ||
		     (error = put_escaped(out, doc->diags[i].message)) < 0 ||
		     (error = resdiff_buf_putc(out, '\n')) < 0))
			return error;
	return 0;
}

resdiff_unit_kind resdiff_canon_kind_from_id(const char *id)
{
	if (!strncmp(id, "PP", 2))
		return RESDIFF_UNIT_PREAMBLE;
	if (!strncmp(id, "OP", 2))
		return strchr(id, '(') ? RESDIFF_UNIT_SUBPARAGRAPH : RESDIFF_UNIT_OPERATIVE;
	if (!strncmp(id, "ART", 3)) /* "ART12", "ART12.1", "ART12.1(a)" */
		return strchr(id, '(') ? RESDIFF_UNIT_SUBPARAGRAPH :
			strchr(id, '.') ? RESDIFF_UNIT_PARAGRAPH : RESDIFF_UNIT_ARTICLE;
	if (id[0] == 'H')
		return RESDIFF_UNIT_HEADING;
	if (id[0] == 'P')
		return strchr(id, '(') ? RESDIFF_UNIT_SUBPARAGRAPH : RESDIFF_UNIT_PARAGRAPH;
	return RESDIFF_UNIT_BLOCK;
}

/* Reader state: one line at a time, fields split at TABs. */
typedef struct {
	const char *ptr;
	size_t len;
} field;

typedef struct {
	resdiff_doc *doc;
	size_t lineno;
	resdiff_buf scratch;
	field fields[MAX_FIELDS];
	size_t nfields;
	int version;        /* of the format line: 1, or 2 (with draft-of) */
} reader;

static int bad(reader *r, const char *what)
{
	return resdiff_error_set(RESDIFF_EINVALID,
		"canonical document, line %zu: %s", r->lineno, what);
}

static int split(reader *r, const char *line, size_t len)
{
	size_t i, start = 0;

	r->nfields = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && line[i] != '\t')
			continue;
		if (r->nfields == MAX_FIELDS)
			return bad(r, "too many fields");
		r->fields[r->nfields].ptr = line + start;
		r->fields[r->nfields].len = i - start;
		r->nfields++;
		start = i + 1;
	}
	return 0;
}

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	return -1;
}

/* Unescape field f into r->scratch (NUL terminated). */
static int unescape(reader *r, field f)
{
	size_t i;
	int error = 0;

	resdiff_buf_clear(&r->scratch);
	if ((error = resdiff_buf_put(&r->scratch, "", 0)) < 0)
		return error;
	for (i = 0; i < f.len && !error; i++) {
		char c = f.ptr[i];
		if ((unsigned char)c < 0x20 || c == 0x7F)
			return bad(r, "unescaped control character");
		if (c != '\\') {
			error = resdiff_buf_putc(&r->scratch, c);
			continue;
		}
		if (++i >= f.len)
			return bad(r, "backslash at the end of a field");
		switch (f.ptr[i]) {
		case '\\': error = resdiff_buf_putc(&r->scratch, '\\'); break;
		case 't': error = resdiff_buf_putc(&r->scratch, '\t'); break;
		case 'n': error = resdiff_buf_putc(&r->scratch, '\n'); break;
		case 'r': error = resdiff_buf_putc(&r->scratch, '\r'); break;
		case 'x': {
			int hi = i + 2 < f.len ? hexdigit(f.ptr[i + 1]) : -1;
			int lo = hi >= 0 ? hexdigit(f.ptr[i + 2]) : -1;
			if (hi < 0 || lo < 0 || hi * 16 + lo == 0)
				return bad(r, "bad \\x escape");
			error = resdiff_buf_putc(&r->scratch, (char)(hi * 16 + lo));
			i += 2;
			break;
		}
		default:
			return bad(r, "unknown escape");
		}
	}
	return error;
}

static int number(reader *r, field f, size_t *out)
{
	size_t i, v = 0;

	*out = 0;  /* set on every path: gcc 12 -O3 cannot see the callers check errors */
	if (f.len == 0 || f.len > 19)
		return bad(r, "bad number");
	for (i = 0; i < f.len; i++) {
		if (f.ptr[i] < '0' || f.ptr[i] > '9')
			return bad(r, "bad number");
		v = v * 10 + (size_t)(f.ptr[i] - '0');
	}
	*out = v;
	return 0;
}

static bool field_is(field f, const char *s)
{
	return strlen(s) == f.len && !memcmp(f.ptr, s, f.len);
}

static int header_line(reader *r, char sha[65])
{
	resdiff_doc *doc = r->doc;
	size_t i;
	int k, error;

	if (r->nfields < 2)
		return bad(r, "metadata line without a value");
	for (k = 0; k < K_COUNT; k++) {
		const char **f = meta_field(&doc->meta, k);
		if (!field_is(r->fields[0], meta_keys[k]))
			continue;
		if (k == K_DRAFT_OF && r->version < 2)
			return bad(r, "draft-of in a version 1 document");
		if (*f)
			return bad(r, "metadata key given twice");
		if (r->nfields != 2)
			return bad(r, "metadata line with more than one value");
		if ((error = unescape(r, r->fields[1])) < 0)
			return error;
		return resdiff_doc_set_meta(doc, f, r->scratch.ptr);
	}
	if (field_is(r->fields[0], "cites")) {
		if (doc->meta.footnote_count)
			return bad(r, "metadata key given twice");
		if (r->nfields - 1 > RESDIFF_CANON_MAX_REFS)
			return bad(r, "too many cited footnotes");
		for (i = 1; i < r->nfields; i++)
			if ((error = unescape(r, r->fields[i])) < 0 ||
			    (error = resdiff_doc_add_meta_footnote(doc, r->scratch.ptr)) < 0)
				return error;
		return 0;
	}
	if (field_is(r->fields[0], "source-sha256")) {
		if (r->nfields != 2 || r->fields[1].len != 64)
			return bad(r, "bad source-sha256");
		for (i = 0; i < 64; i++) {
			char c = r->fields[1].ptr[i];
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
				return bad(r, "bad source-sha256");
		}
		if (sha) {
			memcpy(sha, r->fields[1].ptr, 64);
			sha[64] = '\0';
		}
		return 0;
	}
	return bad(r, "unknown metadata key");
}

static int unit_line(reader *r)
{
	resdiff_buf id = RESDIFF_BUF_INIT;
	int error;

	if (r->nfields != 2)
		return bad(r, "a unit line is ID<TAB>text");
	if ((error = unescape(r, r->fields[0])) < 0 ||
	    (error = resdiff_buf_puts(&id, r->scratch.ptr)) < 0 ||
	    (error = unescape(r, r->fields[1])) < 0)
		goto done;
	error = resdiff_doc_add_unit(NULL, r->doc, id.ptr,
		resdiff_canon_kind_from_id(id.ptr), "", r->scratch.ptr, 0);
done:
	resdiff_buf_dispose(&id);
	return error;
}

static int footnote_line(reader *r)
{
	resdiff_buf label = RESDIFF_BUF_INIT;
	field f;
	int error;

	if (r->nfields != 2 || r->fields[0].len < 2 || r->fields[0].ptr[0] != '[' ||
	    r->fields[0].ptr[r->fields[0].len - 1] != ']')
		return bad(r, "a footnote line is [label]<TAB>text");
	f.ptr = r->fields[0].ptr + 1;
	f.len = r->fields[0].len - 2;
	if ((error = unescape(r, f)) < 0 ||
	    (error = resdiff_buf_puts(&label, r->scratch.ptr)) < 0 ||
	    (error = unescape(r, r->fields[1])) < 0)
		goto done;
	error = resdiff_doc_add_footnote(r->doc, label.ptr, r->scratch.ptr, 0);
done:
	resdiff_buf_dispose(&label);
	return error;
}

/* Provenance lines; *unit_i and *fn_i count the @unit/@footnote lines. */
static int provenance_line(reader *r, size_t *unit_i, size_t *fn_i)
{
	resdiff_doc *doc = r->doc;
	size_t i, n;
	int kind, error;

	if (field_is(r->fields[0], "@unit")) {
		resdiff_unit *u;
		if (r->nfields < 5 || (r->nfields - 5) % 2)
			return bad(r, "@unit wants id, kind, label, line and label/offset pairs");
		if (*unit_i >= doc->unit_count)
			return bad(r, "@unit line for a unit that is not in the text");
		u = &doc->units[*unit_i];
		if ((error = unescape(r, r->fields[1])) < 0)
			return error;
		if (strcmp(r->scratch.ptr, u->id))
			return bad(r, "@unit lines are not in the order of the units");
		if ((error = unescape(r, r->fields[2])) < 0)
			return error;
		if ((kind = resdiff_unit_kind_from_name(r->scratch.ptr)) < 0)
			return bad(r, "unknown unit kind");
		u->kind = (resdiff_unit_kind)kind;
		if ((error = unescape(r, r->fields[3])) < 0)
			return error;
		if (!(u->label = resdiff_arena_strdup(doc->arena, r->scratch.ptr)))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		if ((error = number(r, r->fields[4], &u->line)) < 0)
			return error;
		for (i = 5; i < r->nfields; i += 2) {
			if ((error = number(r, r->fields[i + 1], &n)) < 0 ||
			    (error = unescape(r, r->fields[i])) < 0 ||
			    (error = resdiff_doc_add_fnref(doc, u, r->scratch.ptr, n)) < 0)
				return error;
		}
		(*unit_i)++;
		return 0;
	}
	if (field_is(r->fields[0], "@footnote")) {
		if (r->nfields != 3)
			return bad(r, "@footnote wants label and line");
		if (*fn_i >= doc->footnote_count)
			return bad(r, "@footnote line for a footnote that is not in the text");
		if ((error = unescape(r, r->fields[1])) < 0)
			return error;
		if (strcmp(r->scratch.ptr, doc->footnotes[*fn_i].label))
			return bad(r, "@footnote lines are not in the order of the footnotes");
		if ((error = number(r, r->fields[2], &doc->footnotes[*fn_i].line)) < 0)
			return error;
		(*fn_i)++;
		return 0;
	}
	if (field_is(r->fields[0], "@diag")) {
		if (r->nfields != 3)
			return bad(r, "@diag wants line and message");
		if ((error = number(r, r->fields[1], &n)) < 0 ||
		    (error = unescape(r, r->fields[2])) < 0)
			return error;
		return resdiff_doc_add_diag(doc, n, "%s", r->scratch.ptr);
	}
	return bad(r, "unknown provenance line");
}

int resdiff_canon_read(resdiff_doc **out, char source_sha256[65], const char *data,
		size_t len, resdiff_canon_mode mode)
{
	enum { S_FORMAT, S_HEADER, S_UNITS, S_FOOTNOTES, S_PROVENANCE } state = S_FORMAT;
	reader r;
	size_t pos = 0, unit_i = 0, fn_i = 0;
	int error = 0;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (source_sha256)
		source_sha256[0] = '\0';
	if (len > RESDIFF_CANON_MAX_SIZE)
		return resdiff_error_set(RESDIFF_ETOOBIG,
			"canonical document larger than %u MiB", RESDIFF_CANON_MAX_SIZE >> 20);
	if ((error = resdiff_doc_new(&r.doc)) < 0)
		return error;
	while (pos < len) {
		const char *line = data + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos;

		pos += llen + (nl ? 1 : 0);
		r.lineno++;
		if (memchr(line, '\0', llen)) {
			error = bad(&r, "NUL byte");
			goto done;
		}
		if (state == S_FORMAT) {
			if (llen == strlen(FORMAT_LINE) && !memcmp(line, FORMAT_LINE, llen))
				r.version = 1;
			else if (llen == strlen(FORMAT_LINE_DRAFT) && !memcmp(line, FORMAT_LINE_DRAFT, llen))
				r.version = 2;
			else {
				error = llen > 17 && !memcmp(line, "resdiff-document ", 17)
					? bad(&r, "unsupported format version (this resdiff reads versions 1 and 2)")
					: bad(&r, "not a resdiff document (want '" FORMAT_LINE "')");
				goto done;
			}
			state = S_HEADER;
			continue;
		}
		if (llen == 0) {
			if (state == S_HEADER && mode == RESDIFF_CANON_HEADER_ONLY)
				break;
			if (state == S_PROVENANCE) {
				error = bad(&r, "blank line in the provenance section");
				goto done;
			}
			state++;
			continue;
		}
		if ((error = split(&r, line, llen)) < 0)
			goto done;
		switch (state) {
		case S_HEADER: error = header_line(&r, source_sha256); break;
		case S_UNITS: error = unit_line(&r); break;
		case S_FOOTNOTES: error = footnote_line(&r); break;
		default: error = provenance_line(&r, &unit_i, &fn_i); break;
		}
		if (error < 0)
			goto done;
	}
	if (state == S_FORMAT) {
		error = resdiff_error_set(RESDIFF_EINVALID, "canonical document: empty");
		goto done;
	}
	if (r.version == 2 && !r.doc->meta.draft_of) {
		error = resdiff_error_set(RESDIFF_EINVALID, "canonical document: version 2 without draft-of");
		goto done;
	}
	if (state == S_PROVENANCE && (unit_i != r.doc->unit_count || fn_i != r.doc->footnote_count)) {
		error = bad(&r, "provenance section does not cover every unit and footnote");
		goto done;
	}
	*out = r.doc;
	r.doc = NULL;
done:
	resdiff_buf_dispose(&r.scratch);
	resdiff_doc_free(r.doc);
	return error;
}

size_t resdiff_canon_reading_len(const char *data, size_t len)
{
	size_t pos = 0, blanks = 0;

	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - (data + pos)) : len - pos;
		if (llen == 0 && ++blanks == 3)
			return pos;
		pos += llen + (nl ? 1 : 0);
	}
	return len;
}
