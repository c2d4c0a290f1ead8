/* render_doc_akn.c: a document as Akoma Ntoso 3.0 (AKN4UN), written with
 * libxml2's xmlTextWriter (docs/AKN.md has the template). Walks the
 * document, and the alignments with the members before and after it when
 * given; never parses, never touches git. */
#include "akn_internal.h"
#include "resdiff/manifest.h"
#include "resdiff/text.h"

#include <libxml/hash.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")

/* ---- the writer: libxml2's, with a sticky error and our indentation ---- */

/* Element-only content is indented by hand: xmlTextWriter's own indenting
 * puts white space into mixed content (a paragraph with a footnote). */
typedef struct {
	xmlTextWriterPtr w;
	int depth;
	int error;
	resdiff_buf scratch;
} xw;

static void xw_check(xw *x, int rc)
{
	if (rc < 0 && !x->error)
		x->error = resdiff_error_set(RESDIFF_ENOMEM, "writing XML failed (out of memory)");
}

static void xw_indent(xw *x)
{
	static const char spaces[] = "\n                                                                ";
	int n = 2 * x->depth + 1;

	if (x->error)
		return;
	if (n > (int)sizeof(spaces) - 1)
		n = (int)sizeof(spaces) - 1;
	xw_check(x, xmlTextWriterWriteRawLen(x->w, BAD_CAST spaces, n));
}

/* An element whose children are elements, each on its own line. */
static void xw_open(xw *x, const char *name)
{
	xw_indent(x);
	if (!x->error)
		xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
	x->depth++;
}

static void xw_close(xw *x)
{
	x->depth--;
	xw_indent(x);
	if (!x->error)
		xw_check(x, xmlTextWriterEndElement(x->w));
}

/* An element on its own line holding text (mixed content) or nothing. */
static void xw_leaf(xw *x, const char *name)
{
	xw_indent(x);
	if (!x->error)
		xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

/* Inside mixed content: no white space added. */
static void xw_start(xw *x, const char *name)
{
	if (!x->error)
		xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void xw_end(xw *x)
{
	if (!x->error)
		xw_check(x, xmlTextWriterEndElement(x->w));
}

static void xw_attr(xw *x, const char *name, const char *value)
{
	if (!x->error && value)
		xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

static void xw_attr_uint(xw *x, const char *name, size_t value)
{
	char num[32];
	snprintf(num, sizeof(num), "%zu", value);
	xw_attr(x, name, num);
}

static void xw_text_len(xw *x, const char *s, size_t len)
{
	if (x->error || !len)
		return;
	resdiff_buf_clear(&x->scratch);
	if (resdiff_buf_put(&x->scratch, s, len) < 0) {
		x->error = NOMEM();
		return;
	}
	xw_check(x, xmlTextWriterWriteString(x->w, BAD_CAST x->scratch.ptr));
}

static void xw_text(xw *x, const char *s)
{
	if (s)
		xw_text_len(x, s, strlen(s));
}

/* <name attr="value"/> on its own line. */
static void xw_empty(xw *x, const char *name, const char *attr, const char *value)
{
	xw_leaf(x, name);
	xw_attr(x, attr, value);
	xw_end(x);
}

/* ---- what XML can carry --------------------------------------------- */

/* XML 1.0 characters: TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and the
 * supplementary planes. */
static int xml_check(const char *s, const char *what, const char *id)
{
	size_t len, off = 0, adv;
	int32_t cp;

	if (!s)
		return 0;
	len = strlen(s);
	while (off < len) {
		cp = resdiff_utf8_decode(s + off, len - off, &adv);
		if (cp < 0)
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s%s%s: invalid UTF-8 at byte %zu: XML cannot carry it",
				what, id ? " " : "", id ? id : "", off);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s%s%s: character U+%04X at byte %zu cannot be written in XML",
				what, id ? " " : "", id ? id : "", (unsigned)cp, off);
		off += adv;
	}
	return 0;
}

static int doc_check(const resdiff_doc *doc)
{
	const resdiff_meta *m = &doc->meta;
	const char *fields[][2] = {
		{ "symbol", m->symbol }, { "body", m->body }, { "kind", m->kind }, { "date", m->date },
		{ "meeting", m->meeting }, { "title", m->title }, { "language", m->language },
		{ "chapeau", m->chapeau }, { "series", m->series },
	};
	size_t i, k;
	int error = 0;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]) && !error; i++)
		error = xml_check(fields[i][1], fields[i][0], NULL);
	for (i = 0; i < m->footnote_count && !error; i++)
		error = xml_check(m->footnotes[i], "footnote cited by the title", NULL);
	for (i = 0; i < doc->unit_count && !error; i++) {
		const resdiff_unit *u = &doc->units[i];
		if ((error = xml_check(u->id, "unit id", NULL)) < 0 ||
		    (error = xml_check(u->label, "label of unit", u->id)) < 0 ||
		    (error = xml_check(u->text, "unit", u->id)) < 0)
			break;
		for (k = 0; k < u->fnref_count && !error; k++)
			error = xml_check(u->fnrefs[k].label, "footnote marker of unit", u->id);
	}
	for (i = 0; i < doc->footnote_count && !error; i++)
		if ((error = xml_check(doc->footnotes[i].label, "footnote label", NULL)) == 0)
			error = xml_check(doc->footnotes[i].text, "footnote", doc->footnotes[i].label);
	for (i = 0; i < doc->diag_count && !error; i++)
		error = xml_check(doc->diags[i].message, "diagnostic", NULL);
	if (error && m->symbol)
		resdiff_error_prefix(m->symbol);
	return error;
}

/* ---- eIds (docs/AKN.md "eIds") ---------------------------------------- */

static size_t digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static bool prefixed(const char *s, const char *prefix, size_t *n)
{
	size_t len = strlen(prefix);
	if (strncmp(s, prefix, len) || !(*n = digits(s + len)))
		return false;
	*n += len;
	return true;
}

/* The annex number of an id ("ANNEX2-OP3" and "ANNEX2" are in annex 2),
 * 0 when it is in the main text. */
static unsigned long annex_of(const char *id)
{
	size_t n;
	if (!prefixed(id, "ANNEX", &n) || (id[n] && id[n] != '-'))
		return 0;
	return strtoul(id + 5, NULL, 10);
}

/* The eId an id stands for under the naming convention: PP3 rec_3, OP5
 * para_5, P5 para_5, OP61(a)(i) para_61__point_a__point_i, H2
 * hcontainer_2, B1 block_1, ART13 art_13, ART13.2 art_13__para_2, ANNEX1
 * att_1, ANNEX1-OP3 att_1__para_3, OP2~2 para_2-2. 0, or -1 when the id
 * has none of these shapes. */
static int id_to_eid(resdiff_buf *b, const char *id)
{
	static const struct { const char *prefix, *ref; } bases[] = {
		{ "PP", "rec_" }, { "OP", "para_" }, { "ART", "art_" }, { "P", "para_" },
		{ "H", "hcontainer_" }, { "B", "block_" },
	};
	const char *p = id;
	size_t n, i;
	int error = 0;

	resdiff_buf_clear(b);
	if (prefixed(p, "ANNEX", &n)) {
		if ((error = resdiff_buf_puts(b, "att_")) < 0 ||
		    (error = resdiff_buf_put(b, p + 5, n - 5)) < 0)
			return error;
		if (!p[n])
			return 0;
		if (p[n] != '-')
			return -1;
		if ((error = resdiff_buf_puts(b, "__")) < 0)
			return error;
		p += n + 1;
	}
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		if (prefixed(p, bases[i].prefix, &n))
			break;
	if (i == sizeof(bases) / sizeof(bases[0]))
		return -1;
	if ((error = resdiff_buf_puts(b, bases[i].ref)) < 0 ||
	    (error = resdiff_buf_put(b, p + strlen(bases[i].prefix), n - strlen(bases[i].prefix))) < 0)
		return error;
	p += n;
	if (!strcmp(bases[i].prefix, "ART") && p[0] == '.' && (n = digits(p + 1)) > 0) {
		if ((error = resdiff_buf_puts(b, "__para_")) < 0 || (error = resdiff_buf_put(b, p + 1, n)) < 0)
			return error;
		p += n + 1;
	}
	while (*p && !error) {
		if (p[0] == '~' && (n = digits(p + 1)) > 0) {
			if ((error = resdiff_buf_putc(b, '-')) == 0)
				error = resdiff_buf_put(b, p + 1, n);
			p += n + 1;
		} else if (p[0] == '(') {
			const char *close = strchr(p, ')');
			const char *c;
			if (!close || close == p + 1)
				return -1;
			if ((error = resdiff_buf_puts(b, "__point_")) < 0)
				return error;
			for (c = p + 1; c < close && !error; c++) {
				unsigned char ch = (unsigned char)*c;
				bool keep = ch >= 0x80 || (ch >= '0' && ch <= '9') ||
					(ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
				error = resdiff_buf_putc(b, keep ? (char)ch : '_');
			}
			p = close + 1;
		} else {
			return -1;
		}
	}
	return error;
}

/* The eIds of a document's units, unique in it: a second use of an eId
 * gets "-2", "-3", ... Strings live in `arena`. */
static int unit_eids(const char ***out, resdiff_arena *arena, const resdiff_doc *doc)
{
	const char **eids = NULL;
	xmlHashTablePtr seen = NULL;
	resdiff_buf b = RESDIFF_BUF_INIT, uniq = RESDIFF_BUF_INIT;
	size_t i, k;
	int error = 0, shape;

	*out = NULL;
	if (!(eids = resdiff_arena_alloc(arena, (doc->unit_count + 1) * sizeof(*eids))) ||
	    !(seen = xmlHashCreate((int)(doc->unit_count < 16 ? 16 : doc->unit_count)))) {
		error = NOMEM();
		goto done;
	}
	for (i = 0; i < doc->unit_count; i++) {
		if ((shape = id_to_eid(&b, doc->units[i].id)) < -1) {
			error = shape;
			goto done;
		}
		if (shape < 0) {
			resdiff_buf_clear(&b);
			if ((error = resdiff_buf_printf(&b, "unit_%zu", i + 1)) < 0)
				goto done;
		}
		resdiff_buf_clear(&uniq);
		if ((error = resdiff_buf_puts(&uniq, b.ptr)) < 0)
			goto done;
		for (k = 2; xmlHashLookup(seen, BAD_CAST uniq.ptr); k++) {
			resdiff_buf_clear(&uniq);
			if ((error = resdiff_buf_printf(&uniq, "%s-%zu", b.ptr, k)) < 0)
				goto done;
		}
		if (!(eids[i] = resdiff_arena_strdup(arena, uniq.ptr)) ||
		    xmlHashAddEntry(seen, BAD_CAST eids[i], (void *)eids[i]) < 0) {
			error = NOMEM();
			goto done;
		}
	}
	*out = eids;
done:
	xmlHashFree(seen, NULL);
	resdiff_buf_dispose(&b);
	resdiff_buf_dispose(&uniq);
	return error;
}

/* Length of the id of the unit this one belongs to: "OP61(a)(i)" ->
 * "OP61(a)", "ART13.2" -> "ART13", "OP2~2(a)" -> "OP2~2"; 0 for none. */
static size_t parent_len(const char *id)
{
	size_t n = strlen(id), k;
	const char *dot;

	k = n;
	while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
		k--;
	if (k > 0 && k < n && id[k - 1] == '~')
		n = k - 1;
	if (n > 0 && id[n - 1] == ')') {
		for (k = n - 1; k > 0; k--)
			if (id[k - 1] == '(')
				return k - 1;
		return 0;
	}
	/* ...ART<n>.<k> */
	for (dot = id + n; dot > id && dot[-1] != '.'; dot--)
		;
	if (dot == id || dot == id + n || digits(dot) != (size_t)(id + n - dot))
		return 0;
	k = (size_t)(dot - 1 - id);
	while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
		k--;
	if (k >= 3 && k < (size_t)(dot - 1 - id) && !strncmp(id + k - 3, "ART", 3) &&
	    (k == 3 || id[k - 4] == '-'))
		return (size_t)(dot - 1 - id);
	return 0;
}

/* Is unit j a part of unit i (its id names i's as its parent)? */
static bool belongs_to(const resdiff_doc *doc, size_t j, size_t i)
{
	size_t n;
	if (j >= doc->unit_count)
		return false;
	n = parent_len(doc->units[j].id);
	return n && n == strlen(doc->units[i].id) && !strncmp(doc->units[j].id, doc->units[i].id, n);
}

/* The unit of an annex's own heading line: ANNEX<k>. */
static bool is_annex_heading(const char *id)
{
	size_t n;
	return prefixed(id, "ANNEX", &n) && !id[n];
}

/* Articles: ids ART<n> (ANNEX<k>-ART<n>), or the kind "article". */
static bool is_article(const resdiff_unit *u)
{
	const char *id = u->id;
	size_t n;
	if (!strcmp(resdiff_unit_kind_name(u->kind), "article"))
		return true;
	if (prefixed(id, "ANNEX", &n) && id[n] == '-')
		id += n + 1;
	return prefixed(id, "ART", &n) && !id[n];
}

/* ---- FRBR identification ---------------------------------------------- */

typedef struct {
	char work[512];        /* /akn/un/statement/deliberation/unga/2010-12-20/65-141 */
	char expression[560];  /* <work>/zho@ */
	const char *date;      /* a valid date or RESDIFF_AKN_UNKNOWN_DATE */
	char author[64];       /* eId of the author ("unga") */
	const akn_doctype *type;
} akn_iri;

/* The number part of a symbol: A/RES/65/141 -> 65-141, E/RES/2009/7 ->
 * 2009-7, other symbols whole (A/80/L.2 -> A-80-L.2); "nn" when there is
 * none (the naming convention's "undefined number"). */
static void iri_number(char *out, size_t size, const char *symbol)
{
	const char *res = symbol ? strstr(symbol, "/RES/") : NULL;
	const char *s = res ? res + 5 : symbol;
	size_t n = 0;

	if (!s || !*s)
		s = "nn";
	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		out[n++] = c == '/' ? '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			(c >= 'A' && c <= 'Z') || c == '.' || c == '-') ? (char)c : '_';
	}
	out[n] = '\0';
}

static void iri_build(akn_iri *iri, const resdiff_doc *doc)
{
	char number[256], author[64];
	const char *a;

	iri->type = akn_doctype_for_kind(doc->meta.kind);
	iri->date = doc->meta.date && resdiff_date_valid(doc->meta.date) ? doc->meta.date
		: RESDIFF_AKN_UNKNOWN_DATE;
	a = akn_author_for_body(doc->meta.body, author, sizeof(author));
	snprintf(iri->author, sizeof(iri->author), "%s", a);
	iri_number(number, sizeof(number), doc->meta.symbol);
	snprintf(iri->work, sizeof(iri->work), "/akn/un/%s%s%s/%s/%s/%s", iri->type->element,
		iri->type->subtype ? "/" : "", iri->type->subtype ? iri->type->subtype : "",
		iri->author, iri->date, number);
	snprintf(iri->expression, sizeof(iri->expression), "%s/%s@", iri->work,
		resdiff_akn_language(doc->meta.language));
}

/* FRBRthis, FRBRuri, FRBRdate and FRBRauthor, which every FRBR level has;
 * between uri and date (the schema's order, coreProperties) a draft's
 * link to its resolution when draft_of is not NULL. */
static void write_frbr_level(xw *x, const char *this_iri, const char *uri, const char *draft_of,
		const char *date, const char *date_name, const char *author_href)
{
	xw_empty(x, "FRBRthis", "value", this_iri);
	xw_empty(x, "FRBRuri", "value", uri);
	if (draft_of) {
		xw_leaf(x, "FRBRalias");
		xw_attr(x, "value", draft_of);
		xw_attr(x, "name", RESDIFF_AKN_ALIAS_DRAFT_OF);
		xw_end(x);
	}
	xw_leaf(x, "FRBRdate");
	xw_attr(x, "date", date);
	xw_attr(x, "name", date_name);
	xw_end(x);
	xw_empty(x, "FRBRauthor", "href", author_href);
}

/* FRBRWork, FRBRExpression, FRBRManifestation of the main document
 * (component "main") or of an annex ("annex_1"). */
static void write_identification(xw *x, const resdiff_doc *doc, const akn_iri *iri,
		const char *component)
{
	char v[700], uri[600], author_href[80];
	const char *dname = strcmp(iri->date, RESDIFF_AKN_UNKNOWN_DATE) ? "adoption" : "unknown";

	snprintf(author_href, sizeof(author_href), "#%s", iri->author);
	xw_open(x, "identification");
	xw_attr(x, "source", "#resdiff");
	xw_open(x, "FRBRWork");
	snprintf(v, sizeof(v), "%s/!%s", iri->work, component);
	write_frbr_level(x, v, iri->work, strcmp(component, "main") ? NULL : doc->meta.draft_of,
		iri->date, dname, author_href);
	xw_empty(x, "FRBRcountry", "value", "un");
	if (iri->type->subtype)
		xw_empty(x, "FRBRsubtype", "value", iri->type->subtype);
	if (doc->meta.symbol)
		xw_empty(x, "FRBRname", "value", doc->meta.symbol);
	xw_close(x);
	xw_open(x, "FRBRExpression");
	snprintf(v, sizeof(v), "%s/!%s", iri->expression, component);
	write_frbr_level(x, v, iri->expression, NULL, iri->date, dname, author_href);
	xw_empty(x, "FRBRlanguage", "language", resdiff_akn_language(doc->meta.language));
	xw_close(x);
	xw_open(x, "FRBRManifestation");
	snprintf(v, sizeof(v), "%s/!%s.xml", iri->expression, component);
	snprintf(uri, sizeof(uri), "%s.akn", iri->expression);
	write_frbr_level(x, v, uri, NULL, iri->date, "transform", "#resdiff");
	xw_close(x);
	xw_close(x);
}

/* ---- the document ------------------------------------------------------ */

typedef struct {
	xw x;
	const resdiff_doc *doc;
	const char **eids;
	akn_iri iri;
	bool *placed;          /* per footnote: written at a marker already */
	bool *cited;           /* per footnote: some marker or the title cites it */
	resdiff_arena *arena;
} akn_writer;

/* The footnote a marker label refers to (the first with that label). */
static size_t footnote_index(const resdiff_doc *doc, const char *label)
{
	size_t i;
	for (i = 0; i < doc->footnote_count; i++)
		if (!strcmp(doc->footnotes[i].label, label))
			return i;
	return (size_t)-1;
}

/* A footnote at its marker: the body at the first citation
 * (authorialNote), a noteRef to it at later ones. `ref` (the marker's
 * place among the unit's markers, when they are not in text order) and
 * `offset` (when past the end of the text) are kept for the reader. */
static void write_note(akn_writer *aw, const char *label, const char *ref, const char *offset)
{
	xw *x = &aw->x;
	size_t f = footnote_index(aw->doc, label);
	char href[64];

	if (f != (size_t)-1 && !aw->placed[f]) {
		aw->placed[f] = true;
		snprintf(href, sizeof(href), "authorialNote_%zu", f + 1);
		xw_start(x, "authorialNote");
		xw_attr(x, "marker", label);
		xw_attr(x, "placement", "bottom");
		xw_attr(x, "eId", href);
		xw_attr_uint(x, "resdiff:line", aw->doc->footnotes[f].line);
		xw_attr(x, "resdiff:ref", ref);
		xw_attr(x, "resdiff:offset", offset);
		xw_start(x, "p");
		xw_text(x, aw->doc->footnotes[f].text);
		xw_end(x);
		xw_end(x);
		return;
	}
	if (f != (size_t)-1)
		snprintf(href, sizeof(href), "#authorialNote_%zu", f + 1);
	else
		snprintf(href, sizeof(href), "#");
	xw_start(x, "noteRef");
	xw_attr(x, "marker", label);
	xw_attr(x, "href", href);
	xw_attr(x, "resdiff:ref", ref);
	xw_attr(x, "resdiff:offset", offset);
	xw_end(x);
}

/* Text with its footnotes at their offsets (code points), in offset order. */
static void write_inline(akn_writer *aw, const char *text, const resdiff_fnref *refs, size_t count)
{
	size_t *order = NULL, i, k, len = strlen(text), byte = 0, cp = 0, adv;
	size_t cps = resdiff_utf8_count(text, len);
	bool in_order = true;
	char ref[32], offset[32];

	if (count && !(order = malloc(count * sizeof(*order)))) {
		aw->x.error = aw->x.error ? aw->x.error : NOMEM();
		return;
	}
	for (i = 0; i < count; i++) {   /* stable insertion sort by offset */
		in_order &= i == 0 || refs[i - 1].offset <= refs[i].offset;
		for (k = i; k > 0 && refs[order[k - 1]].offset > refs[i].offset; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (i = 0; i < count; i++) {
		const resdiff_fnref *fr = &refs[order[i]];
		size_t start = byte;
		while (cp < fr->offset && byte < len) {
			resdiff_utf8_decode(text + byte, len - byte, &adv);
			byte += adv;
			cp++;
		}
		xw_text_len(&aw->x, text + start, byte - start);
		snprintf(ref, sizeof(ref), "%zu", order[i]);
		snprintf(offset, sizeof(offset), "%zu", fr->offset);
		write_note(aw, fr->label, in_order ? NULL : ref, fr->offset > cps ? offset : NULL);
	}
	xw_text_len(&aw->x, text + byte, len - byte);
	free(order);
}

/* resdiff:id, resdiff:kind and resdiff:line of a unit. */
static void write_unit_attrs(akn_writer *aw, size_t i)
{
	const resdiff_unit *u = &aw->doc->units[i];
	xw_attr(&aw->x, "resdiff:id", u->id);
	xw_attr(&aw->x, "resdiff:kind", resdiff_unit_kind_name(u->kind));
	xw_attr_uint(&aw->x, "resdiff:line", u->line);
}

/* <num>label</num> when there is a label. */
static void write_num(akn_writer *aw, const char *label)
{
	if (!*label)
		return;
	xw_leaf(&aw->x, "num");
	xw_text(&aw->x, label);
	xw_end(&aw->x);
}

/* <wrapper><p>text</p></wrapper> */
static void write_block(akn_writer *aw, const char *wrapper, const resdiff_unit *u)
{
	xw_open(&aw->x, wrapper);
	xw_leaf(&aw->x, "p");
	write_inline(aw, u->text, u->fnrefs, u->fnref_count);
	xw_end(&aw->x);
	xw_close(&aw->x);
}

static void write_heading_text(akn_writer *aw, const resdiff_unit *u)
{
	xw_leaf(&aw->x, "heading");
	write_inline(aw, u->text, u->fnrefs, u->fnref_count);
	xw_end(&aw->x);
}

/* The units [*i, end) of one body (mainBody of the document or of an
 * annex), nested by their ids: sub-paragraphs in their paragraph, the
 * paragraphs of an article in it. Returns with *i at end. */
static void write_units(akn_writer *aw, size_t *i, size_t end)
{
	size_t stack[RESDIFF_AKN_MAX_DEPTH / 4], depth = 0, j;
	const resdiff_doc *doc = aw->doc;

	for (j = *i; j < end && !aw->x.error; j++) {
		const resdiff_unit *u = &doc->units[j];
		const char *kind = resdiff_unit_kind_name(u->kind);
		bool article = is_article(u), heading = article || u->kind == RESDIFF_UNIT_HEADING;
		bool parent;

		while (depth && !belongs_to(doc, j, stack[depth - 1])) {
			xw_close(&aw->x);
			depth--;
		}
		parent = depth < sizeof(stack) / sizeof(stack[0]) && j + 1 < end && belongs_to(doc, j + 1, j);
		if (article)
			xw_open(&aw->x, "article");
		else if (u->kind == RESDIFF_UNIT_SUBPARAGRAPH)
			xw_open(&aw->x, "point");
		else if (u->kind == RESDIFF_UNIT_OPERATIVE || u->kind == RESDIFF_UNIT_PARAGRAPH)
			xw_open(&aw->x, "paragraph");
		else
			xw_open(&aw->x, "hcontainer");
		xw_attr(&aw->x, "eId", aw->eids[j]);
		if (!article && u->kind != RESDIFF_UNIT_SUBPARAGRAPH && u->kind != RESDIFF_UNIT_OPERATIVE &&
		    u->kind != RESDIFF_UNIT_PARAGRAPH)
			xw_attr(&aw->x, "name", u->kind == RESDIFF_UNIT_PREAMBLE ? "recital" : kind);
		write_unit_attrs(aw, j);
		write_num(aw, u->label);
		if (heading)
			write_heading_text(aw, u);
		else
			write_block(aw, parent ? "intro" : "content", u);
		if (parent)
			stack[depth++] = j;
		else
			xw_close(&aw->x);
	}
	while (depth--)
		xw_close(&aw->x);
	*i = end;
}

/* Is unit i where a group of recitals starts: a preambular paragraph, or
 * a heading followed by one? */
static bool recitals_start(const resdiff_doc *doc, size_t i)
{
	if (i >= doc->unit_count)
		return false;
	if (doc->units[i].kind == RESDIFF_UNIT_PREAMBLE)
		return true;
	return doc->units[i].kind == RESDIFF_UNIT_HEADING && !is_article(&doc->units[i]) &&
		i + 1 < doc->unit_count && doc->units[i + 1].kind == RESDIFF_UNIT_PREAMBLE;
}

/* The chapeau and the leading preambular paragraphs (with the headings
 * just before them): preamble/formula and recitals/recital. */
static void write_preamble(akn_writer *aw, size_t *i)
{
	const resdiff_doc *doc = aw->doc;
	xw *x = &aw->x;

	if (!doc->meta.chapeau && !recitals_start(doc, *i))
		return;
	xw_open(x, "preamble");
	if (doc->meta.chapeau) {
		xw_open(x, "formula");
		xw_attr(x, "name", "chapeau");
		xw_leaf(x, "p");
		xw_text(x, doc->meta.chapeau);
		xw_end(x);
		xw_close(x);
	}
	while (recitals_start(doc, *i) && !x->error) {
		xw_open(x, "recitals");
		if (doc->units[*i].kind == RESDIFF_UNIT_HEADING) {
			const resdiff_unit *h = &doc->units[*i];
			write_num(aw, h->label);
			xw_leaf(x, "heading");
			xw_attr(x, "eId", aw->eids[*i]);
			write_unit_attrs(aw, *i);
			write_inline(aw, h->text, h->fnrefs, h->fnref_count);
			xw_end(x);
			(*i)++;
		}
		for (; *i < doc->unit_count && doc->units[*i].kind == RESDIFF_UNIT_PREAMBLE &&
				!belongs_to(doc, *i + 1, *i); (*i)++) {
			const resdiff_unit *u = &doc->units[*i];
			xw_open(x, "recital");
			xw_attr(x, "eId", aw->eids[*i]);
			write_unit_attrs(aw, *i);
			write_num(aw, u->label);
			xw_leaf(x, "p");
			write_inline(aw, u->text, u->fnrefs, u->fnref_count);
			xw_end(x);
			xw_close(x);
		}
		xw_close(x);
		if (*i < doc->unit_count && doc->units[*i].kind == RESDIFF_UNIT_PREAMBLE)
			break;  /* one with parts: the main body holds it */
	}
	xw_close(x);
}

/* A body must hold something: an empty paragraph, which the reader skips. */
static void write_body(akn_writer *aw, size_t *i, size_t end)
{
	xw_open(&aw->x, "mainBody");
	if (*i == end)
		xw_empty(&aw->x, "p", NULL, NULL);
	write_units(aw, i, end);
	xw_close(&aw->x);
}

/* The end of the run of units starting at i that stay in one annex: the
 * next unit of another annex. */
static size_t annex_end(const resdiff_doc *doc, size_t i, unsigned long annex)
{
	for (; i < doc->unit_count; i++) {
		unsigned long a = annex_of(doc->units[i].id);
		if (a && a != annex)
			break;
	}
	return i;
}

static void write_attachments(akn_writer *aw, size_t *i)
{
	const resdiff_doc *doc = aw->doc;
	xw *x = &aw->x;
	char component[40];

	if (*i >= doc->unit_count)
		return;
	xw_open(x, "attachments");
	while (*i < doc->unit_count && !x->error) {
		unsigned long annex = annex_of(doc->units[*i].id);
		const resdiff_unit *u = &doc->units[*i];
		size_t end = annex_end(doc, *i + 1, annex);

		snprintf(component, sizeof(component), "annex_%lu", annex);
		xw_open(x, "attachment");
		if (annex && is_annex_heading(u->id)) {
			xw_attr(x, "eId", aw->eids[*i]);
			write_unit_attrs(aw, *i);
			write_num(aw, u->label);
			write_heading_text(aw, u);
			(*i)++;
		}
		xw_open(x, "doc");
		xw_attr(x, "name", "annex");
		xw_open(x, "meta");
		write_identification(x, doc, &aw->iri, component);
		xw_close(x);
		write_body(aw, i, end);
		xw_close(x);
		xw_close(x);
	}
	xw_close(x);
}

/* ---- metadata ----------------------------------------------------------- */

static const char *mod_type(const resdiff_change *c)
{
	switch (c->relation) {
	case RESDIFF_REL_UNCHANGED: return c->moved || c->renumbered ? "renumbering" : NULL;
	case RESDIFF_REL_REWORDED: return "substitution";
	case RESDIFF_REL_SPLIT: return "split";
	case RESDIFF_REL_MERGED: return "join";
	case RESDIFF_REL_ADDED: return "insertion";
	case RESDIFF_REL_DROPPED: return "repeal";
	}
	return NULL;
}

/* One end of a textualMod: the clauses of one side, or that side's
 * document as a whole when the change has none there. Clauses of this
 * document are local (#eId), of the other member global
 * (<expression>/!main~eId), as the naming convention wants. */
static void write_mod_ends(akn_writer *aw, const char *element, const size_t *units, size_t count,
		bool local, const char **eids, const akn_iri *iri)
{
	char href[700];
	size_t k;

	if (!count) {
		xw_empty(&aw->x, element, "href", iri->expression);
		return;
	}
	for (k = 0; k < count; k++) {
		if (local)
			snprintf(href, sizeof(href), "#%s", eids[units[k]]);
		else
			snprintf(href, sizeof(href), "%s/!main~%s", iri->expression, eids[units[k]]);
		xw_empty(&aw->x, element, "href", href);
	}
}

/* The changes between two consecutive members as textualMods, in the
 * newer member (activeModifications: it made them) or in the older
 * (passiveModifications: it underwent them). The source is always the
 * newer member's clauses, the destination the older's. */
static int write_mods(akn_writer *aw, const resdiff_alignment *al, bool active)
{
	const resdiff_doc *other = active ? al->old_doc : al->new_doc;
	const char **other_eids = NULL, **old_eids, **new_eids;
	akn_iri other_iri;
	const akn_iri *old_iri, *new_iri;
	size_t i, n = 0;
	int error;

	for (i = 0; i < al->change_count; i++)
		n += mod_type(&al->changes[i]) != NULL;
	if (!n)
		return 0;
	if ((error = unit_eids(&other_eids, aw->arena, other)) < 0)
		return error;
	iri_build(&other_iri, other);
	old_eids = active ? other_eids : aw->eids;
	new_eids = active ? aw->eids : other_eids;
	old_iri = active ? &other_iri : &aw->iri;
	new_iri = active ? &aw->iri : &other_iri;
	xw_open(&aw->x, active ? "activeModifications" : "passiveModifications");
	for (i = 0, n = 0; i < al->change_count && !aw->x.error; i++) {
		const resdiff_change *c = &al->changes[i];
		const char *type = mod_type(c);
		char eid[32];
		if (!type)
			continue;
		snprintf(eid, sizeof(eid), "%s_%zu", active ? "amod" : "pmod", ++n);
		xw_open(&aw->x, "textualMod");
		xw_attr(&aw->x, "type", type);
		xw_attr(&aw->x, "eId", eid);
		if (c->relation != RESDIFF_REL_ADDED && c->relation != RESDIFF_REL_DROPPED) {
			char sim[16];
			snprintf(sim, sizeof(sim), "%.3f", c->relation == RESDIFF_REL_UNCHANGED ? 1.0 : c->similarity);
			xw_attr(&aw->x, "resdiff:similarity", sim);
		}
		write_mod_ends(aw, "source", c->new_units, c->new_count, active, new_eids, new_iri);
		write_mod_ends(aw, "destination", c->old_units, c->old_count, !active, old_eids, old_iri);
		xw_close(&aw->x);
	}
	xw_close(&aw->x);
	return 0;
}

static void write_references(akn_writer *aw)
{
	xw *x = &aw->x;
	char href[128];
	const char *name = akn_author_name(aw->iri.author);

	xw_open(x, "references");
	xw_attr(x, "source", "#resdiff");
	snprintf(href, sizeof(href), "/akn/ontology/organizations/un/%s", aw->iri.author);
	xw_leaf(x, "TLCOrganization");
	xw_attr(x, "eId", aw->iri.author);
	xw_attr(x, "href", href);
	xw_attr(x, "showAs", name ? name : aw->doc->meta.body ? aw->doc->meta.body : "United Nations");
	xw_end(x);
	xw_leaf(x, "TLCObject");
	xw_attr(x, "eId", "resdiff");
	xw_attr(x, "href", "/akn/ontology/objects/resdiff");
	xw_attr(x, "showAs", "resdiff");
	xw_end(x);
	xw_close(x);
}

/* Footnotes no marker and not the title cites: meta/notes. */
static void write_uncited_notes(akn_writer *aw)
{
	const resdiff_doc *doc = aw->doc;
	xw *x = &aw->x;
	char eid[40];
	size_t i, n = 0;

	for (i = 0; i < doc->footnote_count; i++)
		n += !aw->cited[i];
	if (!n)
		return;
	xw_open(x, "notes");
	xw_attr(x, "source", "#resdiff");
	for (i = 0; i < doc->footnote_count; i++) {
		if (aw->cited[i])
			continue;
		snprintf(eid, sizeof(eid), "note_%zu", i + 1);
		xw_open(x, "note");
		xw_attr(x, "eId", eid);
		xw_attr(x, "marker", doc->footnotes[i].label);
		xw_attr_uint(x, "resdiff:line", doc->footnotes[i].line);
		xw_leaf(x, "p");
		xw_text(x, doc->footnotes[i].text);
		xw_end(x);
		xw_close(x);
	}
	xw_close(x);
}

/* What AKN has no element for: body, kind, series, meeting (and a date
 * that is not one), and the parser's diagnostics. */
static void write_proprietary(akn_writer *aw)
{
	const resdiff_meta *m = &aw->doc->meta;
	xw *x = &aw->x;
	size_t i;

	xw_open(x, "proprietary");
	xw_attr(x, "source", "#resdiff");
	xw_leaf(x, "resdiff:document");
	xw_attr(x, "version", "1");
	xw_attr(x, "body", m->body);
	xw_attr(x, "kind", m->kind);
	xw_attr(x, "series", m->series);
	xw_attr(x, "meeting", m->meeting);
	if (m->date && !resdiff_date_valid(m->date))
		xw_attr(x, "date", m->date);
	xw_end(x);
	for (i = 0; i < aw->doc->diag_count; i++) {
		xw_leaf(x, "resdiff:diagnostic");
		xw_attr_uint(x, "line", aw->doc->diags[i].line);
		if (aw->doc->diags[i].level != RESDIFF_DIAG_WARNING)
			xw_attr(x, "level", resdiff_diag_level_name(aw->doc->diags[i].level));
		xw_text(x, aw->doc->diags[i].message);
		xw_end(x);
	}
	xw_close(x);
}

static int write_meta(akn_writer *aw, const resdiff_akn_options *opts)
{
	xw *x = &aw->x;
	int error = 0;

	xw_open(x, "meta");
	write_identification(x, aw->doc, &aw->iri, "main");
	if (opts && (opts->previous || opts->next)) {
		xw_open(x, "analysis");
		xw_attr(x, "source", "#resdiff");
		if (opts->previous)
			error = write_mods(aw, opts->previous, true);
		if (!error && opts->next)
			error = write_mods(aw, opts->next, false);
		xw_close(x);
	}
	write_references(aw);
	write_uncited_notes(aw);
	write_proprietary(aw);
	xw_close(x);
	return error;
}

/* Symbol, title (with the footnotes it cites) and date. */
static void write_preface(akn_writer *aw)
{
	const resdiff_meta *m = &aw->doc->meta;
	xw *x = &aw->x;
	size_t i;

	if (!m->symbol && !m->title && !m->footnote_count && !(m->date && resdiff_date_valid(m->date)))
		return;
	xw_open(x, "preface");
	if (m->symbol) {
		xw_leaf(x, "p");
		xw_attr(x, "class", "symbol");
		xw_start(x, "docNumber");
		xw_text(x, m->symbol);
		xw_end(x);
		xw_end(x);
	}
	if (m->title || m->footnote_count) {
		xw_leaf(x, "p");
		xw_attr(x, "class", m->title ? "title" : "notes");
		if (m->title) {
			xw_start(x, "docTitle");
			xw_text(x, m->title);
		}
		for (i = 0; i < m->footnote_count; i++)
			write_note(aw, m->footnotes[i], NULL, NULL);
		if (m->title)
			xw_end(x);
		xw_end(x);
	}
	if (m->date && resdiff_date_valid(m->date)) {
		xw_leaf(x, "p");
		xw_attr(x, "class", "date");
		xw_start(x, "docDate");
		xw_attr(x, "date", m->date);
		xw_text(x, m->date);
		xw_end(x);
		xw_end(x);
	}
	xw_close(x);
}

/* Which footnotes some marker (or the title) cites. */
static void mark_cited(akn_writer *aw)
{
	const resdiff_doc *doc = aw->doc;
	size_t i, k, f;

	for (i = 0; i < doc->meta.footnote_count; i++)
		if ((f = footnote_index(doc, doc->meta.footnotes[i])) != (size_t)-1)
			aw->cited[f] = true;
	for (i = 0; i < doc->unit_count; i++)
		for (k = 0; k < doc->units[i].fnref_count; k++)
			if ((f = footnote_index(doc, doc->units[i].fnrefs[k].label)) != (size_t)-1)
				aw->cited[f] = true;
}

int resdiff_render_doc_akn(resdiff_buf *out, const resdiff_doc *doc, const resdiff_akn_options *opts)
{
	akn_writer aw;
	xmlBufferPtr xml = NULL;
	size_t i = 0, main_end;
	int error;

	memset(&aw, 0, sizeof(aw));
	aw.doc = doc;
	if ((error = doc_check(doc)) < 0)
		return error;
	if (opts && opts->previous && opts->previous->new_doc != doc)
		return resdiff_error_set(RESDIFF_EINVALID, "akn: the previous alignment is not of this document");
	if (opts && opts->next && opts->next->old_doc != doc)
		return resdiff_error_set(RESDIFF_EINVALID, "akn: the next alignment is not of this document");
	akn_init();
	if (!(aw.arena = resdiff_arena_new()) ||
	    !(aw.placed = calloc(doc->footnote_count + 1, sizeof(*aw.placed))) ||
	    !(aw.cited = calloc(doc->footnote_count + 1, sizeof(*aw.cited))) ||
	    !(xml = xmlBufferCreate()) || !(aw.x.w = xmlNewTextWriterMemory(xml, 0))) {
		error = NOMEM();
		goto done;
	}
	if ((error = unit_eids(&aw.eids, aw.arena, doc)) < 0)
		goto done;
	iri_build(&aw.iri, doc);
	mark_cited(&aw);
	xw_check(&aw.x, xmlTextWriterStartDocument(aw.x.w, NULL, "UTF-8", NULL));
	xw_start(&aw.x, "akomaNtoso");
	xw_attr(&aw.x, "xmlns", RESDIFF_AKN_NS);
	xw_attr(&aw.x, "xmlns:resdiff", RESDIFF_AKN_RESDIFF_NS);
	aw.x.depth = 1;
	xw_open(&aw.x, aw.iri.type->element);
	xw_attr(&aw.x, "name", aw.iri.type->name);
	if ((error = write_meta(&aw, opts)) < 0)
		goto done;
	write_preface(&aw);
	write_preamble(&aw, &i);
	for (main_end = i; main_end < doc->unit_count && !annex_of(doc->units[main_end].id); main_end++)
		;
	write_body(&aw, &i, main_end);
	write_attachments(&aw, &i);
	xw_close(&aw.x);
	aw.x.depth = 0;
	xw_indent(&aw.x);
	xw_end(&aw.x);
	xw_check(&aw.x, xmlTextWriterEndDocument(aw.x.w));
	if ((error = aw.x.error) < 0)
		goto done;
	xmlFreeTextWriter(aw.x.w);   /* flushes into xml */
	aw.x.w = NULL;
	error = resdiff_buf_put(out, (const char *)xmlBufferContent(xml), (size_t)xmlBufferLength(xml));
done:
	xmlFreeTextWriter(aw.x.w);
	xmlBufferFree(xml);
	resdiff_buf_dispose(&aw.x.scratch);
	free(aw.placed);
	free(aw.cited);
	resdiff_arena_free(aw.arena);
	return error;
}
