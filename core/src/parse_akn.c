/* parse_akn.c: an Akoma Ntoso 3.0 XML file to a document (docs/AKN.md).
 *
 * A parser stage: libxml2 builds the tree (no network, no entity
 * substitution, no DTD loading; a document type declaration is refused, so
 * no entity is ever expanded), then one walk in document order turns the
 * preface into metadata and the preamble, bodies and attachments into
 * units. What resdiff wrote reads back exactly (the resdiff: attributes
 * and the proprietary block); a file from elsewhere gets ids by the
 * contract of docs/PARSE.md, its texts with white space collapsed, and
 * every structure resdiff does not model flattened into a unit of its
 * text, named in a diagnostic. Nothing recurses: tree walks follow parent
 * pointers or a bounded stack. Never prints. */
#include "akn_internal.h"
#include "resdiff/text.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")
/* Distinct element names whose flattening is counted for a diagnostic. */
#define AKN_FLAT_NAMES 64

/* Text being collected (a unit's, a footnote's, the title's). With
 * `collapse`, white space runs become one space and the ends are trimmed,
 * as a file from elsewhere is indented at will. */
typedef struct {
	resdiff_buf buf;
	size_t cp;             /* code points in buf */
	bool collapse;
	bool pending_space;
} text_acc;

typedef struct {
	const char *label;
	size_t offset;
	size_t order;          /* place among the unit's markers */
} pending_ref;

typedef struct {
	unsigned long order;   /* the eId's number when resdiff wrote it, else after those */
	char *label, *text, *eid;
	size_t line;
} read_note;

typedef struct {
	char name[48];
	size_t count, line;
} flat_count;

typedef struct {
	resdiff_doc *doc;
	const char *source;
	bool verbatim;          /* written by resdiff */
	int error;
	resdiff_arena *arena;   /* scratch strings */
	text_acc *acc;          /* where text goes */
	pending_ref *refs;      /* footnote markers of the text being read */
	size_t ref_count, ref_alloc;
	bool meta_notes;        /* markers are cited by the title */
	read_note *notes;
	size_t note_count, note_alloc;
	xmlHashTablePtr note_eids;   /* eId -> index + 1 */
	xmlHashTablePtr ids;         /* unit ids given so far */
	flat_count flat[AKN_FLAT_NAMES];
	size_t flat_names;
	size_t pp, op, p, h, b, art, annex;
	const char *doc_element, *doc_name;
	const char *frbr_date, *frbr_author, *frbr_subtype, *frbr_name;
	const char *author_show;
	bool has_resdiff_doc;
	bool in_flat;           /* reading a flattened block: its inside is not counted */
} reader;

static void fail_nomem(reader *r)
{
	if (!r->error)
		r->error = NOMEM();
}

static bool is_akn(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		!strcmp((const char *)n->ns->href, RESDIFF_AKN_NS) &&
		(!name || !strcmp((const char *)n->name, name));
}

static bool is_resdiff(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		!strcmp((const char *)n->ns->href, RESDIFF_AKN_RESDIFF_NS) &&
		!strcmp((const char *)n->name, name);
}

static bool name_in(const xmlNode *n, const char *const *names)
{
	size_t i;
	if (!is_akn(n, NULL))
		return false;
	for (i = 0; names[i]; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return true;
	return false;
}

static xmlNodePtr first_element(xmlNodePtr n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	return n ? first_element(n->next) : NULL;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (n = n ? first_element(n->children) : NULL; n; n = next_element(n))
		if (is_akn(n, name))
			return n;
	return NULL;
}

/* An attribute's value copied into the arena, or NULL. */
static const char *attr(reader *r, xmlNodePtr n, const char *name, const char *ns)
{
	xmlChar *v = ns ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns) : xmlGetNoNsProp(n, BAD_CAST name);
	char *copy;

	if (!v)
		return NULL;
	if (!(copy = resdiff_arena_strdup(r->arena, (const char *)v)))
		fail_nomem(r);
	xmlFree(v);
	return copy;
}

static const char *rattr(reader *r, xmlNodePtr n, const char *name)
{
	return attr(r, n, name, RESDIFF_AKN_RESDIFF_NS);
}

static size_t line_of(reader *r, xmlNodePtr n, const char *given)
{
	char *end;
	unsigned long long v;

	if (given) {
		v = strtoull(given, &end, 10);
		if (*given && !*end)
			return (size_t)v;
	}
	return (size_t)xmlGetLineNo(n);
}

/* ---- text ----------------------------------------------------------------- */

static void acc_init(text_acc *a, bool collapse)
{
	memset(a, 0, sizeof(*a));
	a->collapse = collapse;
}

static void acc_append(reader *r, const char *s)
{
	text_acc *a = r->acc;
	size_t len = strlen(s), off = 0, adv;
	int32_t cp;

	if (!a->collapse) {
		if (resdiff_buf_puts(&a->buf, s) < 0)
			fail_nomem(r);
		a->cp += resdiff_utf8_count(s, len);
		return;
	}
	while (off < len && !r->error) {
		cp = resdiff_utf8_decode(s + off, len - off, &adv);
		if (cp >= 0 && resdiff_text_is_space((uint32_t)cp)) {
			a->pending_space = a->buf.size > 0;
		} else {
			if (a->pending_space && resdiff_buf_putc(&a->buf, ' ') < 0)
				fail_nomem(r);
			a->cp += a->pending_space;
			a->pending_space = false;
			if (resdiff_buf_put(&a->buf, s + off, adv) < 0)
				fail_nomem(r);
			a->cp++;
		}
		off += adv;
	}
}

/* A marker is where the text stands now (a pending space stays before it
 * only if text follows), unless resdiff wrote its offset (one past the
 * end of the text) and its place among the unit's markers. */
static void add_ref(reader *r, const char *label, xmlNodePtr n)
{
	const char *ref = n && r->verbatim ? rattr(r, n, "ref") : NULL;
	const char *offset = n && r->verbatim ? rattr(r, n, "offset") : NULL;
	pending_ref *p;

	if (r->ref_count == r->ref_alloc) {
		size_t na = r->ref_alloc ? 2 * r->ref_alloc : 8;
		p = realloc(r->refs, na * sizeof(*p));
		if (!p) {
			fail_nomem(r);
			return;
		}
		r->refs = p;
		r->ref_alloc = na;
	}
	p = &r->refs[r->ref_count];
	p->label = label ? label : "";
	p->offset = offset ? (size_t)strtoull(offset, NULL, 10) : r->acc->cp;
	p->order = ref ? (size_t)strtoull(ref, NULL, 10) : r->ref_count;
	r->ref_count++;
}

static void flattened(reader *r, xmlNodePtr n)
{
	size_t i;

	if (r->in_flat)
		return;
	for (i = 0; i < r->flat_names; i++)
		if (!strcmp(r->flat[i].name, (const char *)n->name))
			break;
	if (i == r->flat_names) {
		if (r->flat_names == AKN_FLAT_NAMES)
			return;
		snprintf(r->flat[i].name, sizeof(r->flat[i].name), "%s", (const char *)n->name);
		r->flat[i].line = (size_t)xmlGetLineNo(n);
		r->flat_names++;
	}
	r->flat[i].count++;
}

/* The node after n in document order below top, into n's children when
 * `descend`; NULL at the end. A walk without recursion or stack. */
static xmlNodePtr walk_next(xmlNodePtr n, xmlNodePtr top, bool descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != top && !n->next)
		n = n->parent;
	return !n || n == top ? NULL : n->next;
}

static unsigned long eid_number(const char *eid, const char *prefix)
{
	size_t n = strlen(prefix);
	char *end;
	unsigned long v;

	if (!eid || strncmp(eid, prefix, n) || !eid[n])
		return 0;
	v = strtoul(eid + n, &end, 10);
	return *end ? 0 : v;
}

static void read_inline(reader *r, xmlNodePtr top);
static void read_text(reader *r, xmlNodePtr n);

/* A footnote's body (authorialNote, or note in meta/notes). */
static size_t add_note(reader *r, xmlNodePtr n, const char *label)
{
	text_acc acc, *saved = r->acc;
	size_t saved_refs = r->ref_count, index;
	const char *eid = attr(r, n, "eId", NULL);
	unsigned long order = 0;
	read_note *rn;

	if (r->note_count == r->note_alloc) {
		size_t na = r->note_alloc ? 2 * r->note_alloc : 16;
		read_note *p = realloc(r->notes, na * sizeof(*p));
		if (!p) {
			fail_nomem(r);
			return 0;
		}
		r->notes = p;
		r->note_alloc = na;
	}
	if (r->verbatim && !(order = eid_number(eid, "authorialNote_")))
		order = eid_number(eid, "note_");
	acc_init(&acc, !r->verbatim);
	r->acc = &acc;
	read_text(r, n);   /* the body's own markers are not kept */
	r->acc = saved;
	r->ref_count = saved_refs;
	index = r->note_count;
	rn = &r->notes[r->note_count++];
	rn->order = order ? order : (unsigned long)-1;
	rn->label = resdiff_arena_strdup(r->arena, label ? label : "");
	rn->text = resdiff_arena_strdup(r->arena, acc.buf.ptr ? acc.buf.ptr : "");
	rn->eid = eid ? (char *)eid : NULL;
	rn->line = line_of(r, n, rattr(r, n, "line"));
	resdiff_buf_dispose(&acc.buf);
	if (!rn->label || !rn->text)
		fail_nomem(r);
	/* a second note with one eId keeps the first's */
	if (eid && !r->error && !xmlHashLookup(r->note_eids, BAD_CAST eid) &&
	    xmlHashAddEntry(r->note_eids, BAD_CAST eid, (void *)(index + 1)) < 0)
		fail_nomem(r);
	return index;
}

/* The marker of a note: its marker attribute, else its num. */
static const char *note_label(reader *r, xmlNodePtr n)
{
	const char *m = attr(r, n, "marker", NULL);
	xmlNodePtr num;
	xmlChar *t;
	char *copy;

	if (m || !(num = child(n, "num")))
		return m;
	t = xmlNodeGetContent(num);
	copy = resdiff_arena_strdup(r->arena, t ? (const char *)t : "");
	xmlFree(t);
	if (!copy)
		fail_nomem(r);
	return copy;
}

/* Append the text under top to r->acc: footnotes become markers (their
 * bodies notes), other inline elements their text. */
static void read_inline(reader *r, xmlNodePtr top)
{
	xmlNodePtr n = top->children;

	while (n && !r->error) {
		bool descend = false;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				acc_append(r, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && is_akn(n, "authorialNote")) {
			const char *label = note_label(r, n);
			add_note(r, n, label);
			add_ref(r, label, n);
		} else if (n->type == XML_ELEMENT_NODE && is_akn(n, "noteRef")) {
			const char *label = attr(r, n, "marker", NULL), *href = attr(r, n, "href", NULL);
			void *hit = href && href[0] == '#' ? xmlHashLookup(r->note_eids, BAD_CAST href + 1) : NULL;
			if (!label && hit)
				label = r->notes[(size_t)hit - 1].label;
			add_ref(r, label, n);
		} else if (n->type == XML_ELEMENT_NODE) {
			static const char *const breaks[] = { "p", "eol", "br", "eop", "td", "th", "tr", "li",
				"item", "listIntroduction", "listWrapUp", NULL };
			static const char *const plain[] = { "p", "docTitle", "docNumber", "docDate", NULL };
			if (n != top && name_in(n, breaks) && r->acc->buf.size)
				acc_append(r, r->acc->collapse ? " " : "\n");
			if (!name_in(n, plain))
				flattened(r, n);
			descend = true;
		}
		n = walk_next(n, top, descend);
	}
}

/* Elements whose children are blocks (p, ...): their text is the blocks'
 * texts, one after the other; the white space between them is layout. */
static const char *const block_holders[] = {
	"content", "intro", "wrapUp", "formula", "authorialNote", "note", "recital", "citation",
	"container", "blockContainer", "subFlow", NULL
};
/* Consumed with the unit they belong to. */
static const char *const head_names[] = { "num", "heading", "subheading", "intro", "content", NULL };

static void read_text(reader *r, xmlNodePtr n)
{
	xmlNodePtr c;
	bool first = true;

	if (!name_in(n, block_holders)) {
		read_inline(r, n);
		return;
	}
	for (c = n->children; c && !r->error; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (name_in(c, head_names))
				continue;
			if (!first && r->acc->buf.size)
				acc_append(r, r->acc->collapse ? " " : "\n");
			first = false;
			if (!is_akn(c, "p"))
				flattened(r, c);
			read_inline(r, c);
		} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			const char *t = (const char *)c->content;
			while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
				t++;
			if (*t)
				acc_append(r, (const char *)c->content);
		}
	}
}

/* ---- units ---------------------------------------------------------------- */

/* Give an id not used yet: "OP3", else "OP3~2", "OP3~3", ... */
static const char *unique_id(reader *r, const char *id)
{
	char buf[600];
	size_t m;

	if (!xmlHashLookup(r->ids, BAD_CAST id))
		return id;
	for (m = 2;; m++) {
		snprintf(buf, sizeof(buf), "%s~%zu", id, m);
		if (!xmlHashLookup(r->ids, BAD_CAST buf))
			break;
	}
	if (!(id = resdiff_arena_strdup(r->arena, buf)))
		fail_nomem(r);
	return id;
}

/* Add the unit whose text is in r->acc with the markers in r->refs. */
static void emit_unit(reader *r, const char *id, resdiff_unit_kind kind, const char *label, size_t line)
{
	resdiff_unit *u;
	size_t i, len;

	if (r->error)
		return;
	if (r->acc->collapse && r->acc->buf.size) {
		/* a trailing space was never written; clamp markers past the end */
		len = r->acc->cp;
		for (i = 0; i < r->ref_count; i++)
			if (r->refs[i].offset > len && !r->verbatim)
				r->refs[i].offset = len;
	}
	if (resdiff_doc_add_unit(&u, r->doc, id, kind, label ? label : "",
			r->acc->buf.ptr ? r->acc->buf.ptr : "", line) < 0) {
		r->error = RESDIFF_ENOMEM;
		return;
	}
	for (i = 1; i < r->ref_count; i++) {   /* into the order resdiff kept, if any */
		pending_ref p = r->refs[i];
		size_t k = i;
		for (; k > 0 && r->refs[k - 1].order > p.order; k--)
			r->refs[k] = r->refs[k - 1];
		r->refs[k] = p;
	}
	for (i = 0; i < r->ref_count && !r->error; i++)
		if (resdiff_doc_add_fnref(r->doc, u, r->refs[i].label, r->refs[i].offset) < 0)
			r->error = RESDIFF_ENOMEM;
	/* ids resdiff wrote are taken as they are, repeated or not */
	if (!r->error && !xmlHashLookup(r->ids, BAD_CAST u->id) &&
	    xmlHashAddEntry(r->ids, BAD_CAST u->id, (void *)1) < 0)
		fail_nomem(r);
	r->ref_count = 0;
}

/* The text of `n` as a new unit: reset the accumulator, read, emit. */
static void unit_from(reader *r, xmlNodePtr text_node, const char *id, resdiff_unit_kind kind,
		const char *label, size_t line)
{
	text_acc acc, *saved = r->acc;

	acc_init(&acc, !r->verbatim);
	r->acc = &acc;
	r->ref_count = 0;
	if (text_node)
		read_text(r, text_node);
	emit_unit(r, id, kind, label, line);
	r->acc = saved;
	resdiff_buf_dispose(&acc.buf);
}

static const char *text_of(reader *r, xmlNodePtr n);

/* The printed number of an element (its num), as a string. */
static const char *num_of(reader *r, xmlNodePtr n)
{
	xmlNodePtr num = child(n, "num");
	const char *label = num ? text_of(r, num) : "";
	return label ? label : "";
}

/* The first digit run of a label ("Article 13" -> "13"), or NULL. */
static const char *digits_of(reader *r, const char *label)
{
	const char *s = label;
	size_t n = 0;

	while (*s && (*s < '0' || *s > '9'))
		s++;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n ? resdiff_arena_strndup(r->arena, s, n) : NULL;
}

/* The ASCII letters and digits of a label ("(a)" -> "a"), or NULL. */
static const char *letters_of(reader *r, const char *label)
{
	char buf[64];
	size_t n = 0;

	for (; *label && n + 1 < sizeof(buf); label++)
		if ((*label >= 'a' && *label <= 'z') || (*label >= 'A' && *label <= 'Z') ||
		    (*label >= '0' && *label <= '9') || (unsigned char)*label >= 0x80)
			buf[n++] = *label;
	buf[n] = '\0';
	return n ? resdiff_arena_strdup(r->arena, buf) : NULL;
}

static const char *make_id(reader *r, unsigned long annex, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static const char *make_id(reader *r, unsigned long annex, const char *fmt, ...)
{
	char buf[512];
	int n = 0;
	va_list ap;
	char *id;

	if (annex)
		n = snprintf(buf, sizeof(buf), "ANNEX%lu-", annex);
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (!(id = resdiff_arena_strdup(r->arena, buf))) {
		fail_nomem(r);
		return "";
	}
	return unique_id(r, id);
}

/* ---- the walk ------------------------------------------------------------- */

typedef enum {
	MODE_DOCUMENT,     /* children are a document's parts (preface, mainBody, ...) */
	MODE_PREAMBLE,
	MODE_RECITALS,
	MODE_BODY,         /* hierarchical elements and blocks */
	MODE_ATTACHMENTS
} walk_mode;

typedef struct {
	xmlNodePtr next;       /* the next child to look at */
	walk_mode mode;
	const char *owner;     /* the unit these are parts of, or NULL */
	const char *article;   /* the enclosing article's id, or NULL */
	size_t unnumbered;     /* parts without a number so far */
	unsigned long annex;   /* 0: main text */
	bool main;             /* the main document (its preface is metadata) */
	bool parts;            /* an element's parts: its num, heading, intro, content were read */
} frame;

typedef struct {
	frame f[RESDIFF_AKN_MAX_DEPTH];
	size_t depth;
} walk_stack;

static void push(reader *r, walk_stack *st, xmlNodePtr parent, walk_mode mode, const char *owner,
		const char *article, unsigned long annex, bool main)
{
	frame *f;

	if (st->depth == RESDIFF_AKN_MAX_DEPTH) {
		if (!r->error)
			r->error = resdiff_error_set(RESDIFF_ETOOBIG, "%s: line %ld: nested deeper than %d elements",
				r->source, xmlGetLineNo(parent), RESDIFF_AKN_MAX_DEPTH);
		return;
	}
	f = &st->f[st->depth++];
	memset(f, 0, sizeof(*f));
	f->next = parent->children;
	f->mode = mode;
	f->owner = owner;
	f->article = article;
	f->annex = annex;
	f->main = main;
}

static const char *const hier_names[] = {
	"paragraph", "point", "article", "hcontainer", "subparagraph", "section", "part", "chapter",
	"title", "book", "tome", "division", "list", "indent", "alinea", "rule", "subrule", "proviso",
	"subsection", "subpart", "subchapter", "subtitle", "subdivision", "clause", "subclause",
	"sublist", "level", "transitional", NULL
};
static const char *const body_names[] = {
	"mainBody", "body", "judgmentBody", "debateBody", "amendmentBody", "collectionBody",
	"portionBody", "conclusions", NULL
};
/* A block (or anything else resdiff does not model) as a unit of its
 * text, kind block, named in a diagnostic; an empty one is skipped (the
 * writer puts an empty <p/> into a body that has no units). */
static void flatten_block(reader *r, xmlNodePtr n, unsigned long annex, bool quiet)
{
	text_acc acc, *saved = r->acc;
	const char *id;
	size_t line = (size_t)xmlGetLineNo(n);

	acc_init(&acc, !r->verbatim);
	r->acc = &acc;
	r->ref_count = 0;
	r->in_flat = true;
	read_inline(r, n);
	r->in_flat = false;
	if ((acc.buf.size || r->ref_count) && !r->error) {
		id = make_id(r, annex, "B%zu", ++r->b);
		emit_unit(r, id, RESDIFF_UNIT_BLOCK, "", line);
		if (!quiet && resdiff_doc_add_diag(r->doc, line, "AKN <%s> flattened into %s",
				(const char *)n->name, id) < 0)
			r->error = RESDIFF_ENOMEM;
	}
	r->ref_count = 0;
	r->acc = saved;
	resdiff_buf_dispose(&acc.buf);
}

static bool has_hier_children(xmlNodePtr n)
{
	for (n = first_element(n->children); n; n = next_element(n))
		if (name_in(n, hier_names) || is_akn(n, "crossHeading") || is_akn(n, "wrapUp"))
			return true;
	return false;
}

static resdiff_unit_kind kind_named(const char *name, resdiff_unit_kind fallback)
{
	int k = name ? resdiff_unit_kind_from_name(name) : -1;
	return k >= 0 ? (resdiff_unit_kind)k : fallback;
}

/* One hierarchical element: its unit, then its parts in a new frame. */
static void read_hier(reader *r, walk_stack *st, xmlNodePtr n, frame *f)
{
	const char *rid = rattr(r, n, "id"), *rkind = rattr(r, n, "kind");
	const char *name = (const char *)n->name, *hname = attr(r, n, "name", NULL);
	const char *label = num_of(r, n), *num, *id;
	xmlNodePtr heading = child(n, "heading"), intro = child(n, "intro"), content = child(n, "content");
	size_t line = line_of(r, n, rattr(r, n, "line"));
	resdiff_unit_kind kind;
	bool article = !strcmp(name, "article"), modelled = true;
	unsigned long annex = f->owner ? 0 : f->annex;  /* a part's id has its owner's prefix */

	if (article)
		kind = kind_named("article", RESDIFF_UNIT_HEADING);
	else if (!strcmp(name, "paragraph"))
		kind = f->article ? RESDIFF_UNIT_PARAGRAPH : f->owner ? RESDIFF_UNIT_SUBPARAGRAPH :
			r->doc->meta.kind && !strcmp(r->doc->meta.kind, "report") ? RESDIFF_UNIT_PARAGRAPH
			: RESDIFF_UNIT_OPERATIVE;
	else if (!strcmp(name, "point") || !strcmp(name, "subparagraph") || !strcmp(name, "indent") ||
		 !strcmp(name, "alinea"))
		kind = RESDIFF_UNIT_SUBPARAGRAPH;
	else if (!strcmp(name, "hcontainer") && hname && !strcmp(hname, "recital"))
		kind = RESDIFF_UNIT_PREAMBLE;
	else if (!strcmp(name, "hcontainer") && hname && !strcmp(hname, "block"))
		kind = RESDIFF_UNIT_BLOCK;
	else if (!strcmp(name, "hcontainer") && hname && strcmp(hname, "heading"))
		kind = kind_named(hname, (content || intro) && !heading ? RESDIFF_UNIT_BLOCK : RESDIFF_UNIT_HEADING);
	else
		kind = (content || intro) && !heading ? RESDIFF_UNIT_BLOCK : RESDIFF_UNIT_HEADING;
	if (!article && kind == RESDIFF_UNIT_HEADING && strcmp(name, "hcontainer"))
		modelled = false;   /* a section, chapter, ... becomes a heading */
	if (rkind)
		kind = kind_named(rkind, kind);
	if (rid && r->verbatim) {
		id = rid;
	} else if (article) {
		id = (num = digits_of(r, label)) ? make_id(r, annex, "ART%s", num)
			: make_id(r, annex, "ART%zu", ++r->art);
	} else if (kind == RESDIFF_UNIT_PARAGRAPH && f->article) {
		id = (num = digits_of(r, label)) ? make_id(r, 0, "%s.%s", f->article, num)
			: make_id(r, 0, "%s.%zu", f->article, ++f->unnumbered);
	} else if (f->owner) {
		id = (num = letters_of(r, label)) ? make_id(r, 0, "%s(%s)", f->owner, num)
			: make_id(r, 0, "%s(%zu)", f->owner, ++f->unnumbered);
	} else if (kind == RESDIFF_UNIT_OPERATIVE || kind == RESDIFF_UNIT_PARAGRAPH ||
		   kind == RESDIFF_UNIT_SUBPARAGRAPH) {
		const char *prefix = kind == RESDIFF_UNIT_OPERATIVE ? "OP" : "P";
		size_t *count = kind == RESDIFF_UNIT_OPERATIVE ? &r->op : &r->p;
		id = (num = digits_of(r, label)) ? make_id(r, annex, "%s%s", prefix, num)
			: make_id(r, annex, "%s%zu", prefix, ++*count);
	} else if (kind == RESDIFF_UNIT_PREAMBLE) {
		id = make_id(r, annex, "PP%zu", ++r->pp);
	} else if (kind == RESDIFF_UNIT_BLOCK) {
		id = make_id(r, annex, "B%zu", ++r->b);
	} else {
		id = make_id(r, annex, "H%zu", ++r->h);
	}
	if (r->error)
		return;
	if (kind == RESDIFF_UNIT_HEADING || article) {
		unit_from(r, heading, id, kind, label, line);
		if (intro || content) {   /* text beside the heading: a unit of its own */
			const char *part = article ? make_id(r, 0, "%s.%zu", id, ++f->unnumbered)
				: make_id(r, annex, "B%zu", ++r->b);
			unit_from(r, intro ? intro : content, part,
				article ? RESDIFF_UNIT_PARAGRAPH : RESDIFF_UNIT_BLOCK, "", line);
			if (!r->verbatim && resdiff_doc_add_diag(r->doc, line,
					"AKN <%s> text beside its heading read as %s", name, part) < 0)
				r->error = RESDIFF_ENOMEM;
		}
	} else {
		unit_from(r, intro ? intro : content, id, kind, label, line);
	}
	if (!modelled && !r->verbatim &&
	    resdiff_doc_add_diag(r->doc, line, "AKN <%s> flattened into heading %s", name, id) < 0)
		r->error = RESDIFF_ENOMEM;
	/* a section's parts belong to what the section is in */
	if (!r->error && has_hier_children(n)) {
		push(r, st, n, MODE_BODY, modelled ? id : f->owner, article ? id : f->article, f->annex, false);
		if (!r->error)
			st->f[st->depth - 1].parts = true;
	}
}

/* The heading of a group of recitals (recitals/num and recitals/heading). */
static void read_recitals_heading(reader *r, xmlNodePtr n, unsigned long annex)
{
	xmlNodePtr heading = child(n, "heading");
	const char *label = num_of(r, n), *rid, *rkind, *id;

	if (!heading && !*label)
		return;
	rid = heading ? rattr(r, heading, "id") : NULL;
	rkind = heading ? rattr(r, heading, "kind") : NULL;
	id = rid && r->verbatim ? rid : make_id(r, annex, "H%zu", ++r->h);
	unit_from(r, heading, id, kind_named(rkind, RESDIFF_UNIT_HEADING), label,
		line_of(r, heading ? heading : n, heading ? rattr(r, heading, "line") : NULL));
}

/* A preambular paragraph (recital, citation). */
static void read_recital(reader *r, xmlNodePtr n, unsigned long annex)
{
	const char *rid = rattr(r, n, "id");
	const char *id = rid && r->verbatim ? rid : make_id(r, annex, "PP%zu", ++r->pp);

	unit_from(r, n, id, kind_named(rattr(r, n, "kind"), RESDIFF_UNIT_PREAMBLE), num_of(r, n),
		line_of(r, n, rattr(r, n, "line")));
}

/* An attachment: its own heading line (ANNEX<k>) and the document in it. */
static void read_attachment(reader *r, walk_stack *st, xmlNodePtr n)
{
	unsigned long annex = ++r->annex;
	const char *rid = rattr(r, n, "id"), *label = num_of(r, n), *id;
	xmlNodePtr heading = child(n, "heading"), c;
	char buf[32];

	if (rid || heading || *label) {
		snprintf(buf, sizeof(buf), "ANNEX%lu", annex);
		id = rid && r->verbatim ? rid : unique_id(r, resdiff_arena_strdup(r->arena, buf));
		unit_from(r, heading, id, kind_named(rattr(r, n, "kind"), RESDIFF_UNIT_HEADING), label,
			line_of(r, n, rattr(r, n, "line")));
	}
	for (c = first_element(n->children); c && !r->error; c = next_element(c)) {
		if (name_in(c, head_names))
			continue;
		if (is_akn(c, "interstitial") || is_akn(c, "toc")) {
			flatten_block(r, c, annex, false);
			continue;
		}
		if (is_akn(c, "documentRef"))
			continue;
		push(r, st, c, MODE_DOCUMENT, NULL, NULL, annex, false);
		break;
	}
}

/* Walk the parts of the document element `top` in document order. */
static void walk(reader *r, xmlNodePtr top)
{
	walk_stack *st = calloc(1, sizeof(*st));
	xmlNodePtr n;
	frame *f;

	if (!st) {
		fail_nomem(r);
		return;
	}
	push(r, st, top, MODE_DOCUMENT, NULL, NULL, 0, true);
	while (st->depth && !r->error) {
		f = &st->f[st->depth - 1];
		if (!(n = first_element(f->next))) {
			st->depth--;
			continue;
		}
		f->next = n->next;
		if (!is_akn(n, NULL)) {
			if (!is_resdiff(n, "document"))
				flatten_block(r, n, f->annex, false);
			continue;
		}
		switch (f->mode) {
		case MODE_DOCUMENT:
			if (is_akn(n, "meta") || (f->main && is_akn(n, "preface")))
				break;
			if (is_akn(n, "preface") || is_akn(n, "coverPage"))
				flatten_block(r, n, f->annex, false);
			else if (is_akn(n, "preamble"))
				push(r, st, n, MODE_PREAMBLE, NULL, NULL, f->annex, f->main);
			else if (name_in(n, body_names)) {
				if (is_akn(n, "conclusions"))
					flattened(r, n);
				push(r, st, n, MODE_BODY, NULL, NULL, f->annex, false);
			} else if (is_akn(n, "attachments") || is_akn(n, "components"))
				push(r, st, n, MODE_ATTACHMENTS, NULL, NULL, f->annex, false);
			else
				flatten_block(r, n, f->annex, false);
			break;
		case MODE_PREAMBLE:
		case MODE_RECITALS:
			if (is_akn(n, "formula") && f->main && f->mode == MODE_PREAMBLE && !r->doc->meta.chapeau) {
				text_acc acc, *saved = r->acc;
				acc_init(&acc, !r->verbatim);
				r->acc = &acc;
				read_text(r, n);
				r->acc = saved;
				if (resdiff_doc_set_meta(r->doc, &r->doc->meta.chapeau, acc.buf.ptr ? acc.buf.ptr : "") < 0)
					r->error = RESDIFF_ENOMEM;
				resdiff_buf_dispose(&acc.buf);
			} else if (is_akn(n, "recitals") || is_akn(n, "citations")) {
				read_recitals_heading(r, n, f->annex);
				push(r, st, n, MODE_RECITALS, NULL, NULL, f->annex, false);
			} else if (is_akn(n, "recital") || is_akn(n, "citation")) {
				read_recital(r, n, f->annex);
			} else if (f->mode == MODE_RECITALS && name_in(n, head_names)) {
				break;   /* read with the group */
			} else {
				flatten_block(r, n, f->annex, false);
			}
			break;
		case MODE_BODY:
			if (f->parts && name_in(n, head_names))
				break;
			if (name_in(n, hier_names))
				read_hier(r, st, n, f);
			else if (is_akn(n, "crossHeading"))
				unit_from(r, n, make_id(r, f->annex, "H%zu", ++r->h), RESDIFF_UNIT_HEADING, "",
					(size_t)xmlGetLineNo(n));
			else
				flatten_block(r, n, f->annex, false);
			break;
		case MODE_ATTACHMENTS:
			if (is_akn(n, "attachment") || is_akn(n, "component"))
				read_attachment(r, st, n);
			else
				flatten_block(r, n, f->annex, false);
			break;
		}
	}
	free(st);
}

/* ---- metadata ------------------------------------------------------------- */

/* The text of an element (its markers dropped). */
static const char *text_of(reader *r, xmlNodePtr n)
{
	text_acc acc, *saved = r->acc;
	size_t saved_refs = r->ref_count;
	char *copy;

	acc_init(&acc, !r->verbatim);
	r->acc = &acc;
	read_inline(r, n);
	r->acc = saved;
	r->ref_count = saved_refs;
	copy = resdiff_arena_strdup(r->arena, acc.buf.ptr ? acc.buf.ptr : "");
	resdiff_buf_dispose(&acc.buf);
	if (!copy)
		fail_nomem(r);
	return copy;
}

static void set_meta(reader *r, const char **field, const char *value)
{
	if (!r->error && value && resdiff_doc_set_meta(r->doc, field, value) < 0)
		r->error = RESDIFF_ENOMEM;
}

static void read_meta(reader *r, xmlNodePtr meta)
{
	xmlNodePtr n, c, d;
	const char *v;
	resdiff_meta *m = &r->doc->meta;

	/* resdiff's own block first: it says the texts are to be read as they are */
	for (n = first_element(meta->children); n; n = next_element(n))
		for (c = is_akn(n, "proprietary") ? first_element(n->children) : NULL; c; c = next_element(c))
			if (is_resdiff(c, "document")) {
				r->verbatim = r->has_resdiff_doc = true;
				set_meta(r, &m->body, attr(r, c, "body", NULL));
				set_meta(r, &m->kind, attr(r, c, "kind", NULL));
				set_meta(r, &m->series, attr(r, c, "series", NULL));
				set_meta(r, &m->meeting, attr(r, c, "meeting", NULL));
				set_meta(r, &m->date, attr(r, c, "date", NULL));
			}
	for (n = first_element(meta->children); n && !r->error; n = next_element(n)) {
		if (is_akn(n, "identification")) {
			for (c = first_element(n->children); c; c = next_element(c)) {
				for (d = first_element(c->children); d; d = next_element(d)) {
					if (is_akn(c, "FRBRWork") && is_akn(d, "FRBRdate"))
						r->frbr_date = attr(r, d, "date", NULL);
					else if (is_akn(c, "FRBRWork") && is_akn(d, "FRBRauthor"))
						r->frbr_author = attr(r, d, "href", NULL);
					else if (is_akn(c, "FRBRWork") && is_akn(d, "FRBRsubtype"))
						r->frbr_subtype = attr(r, d, "value", NULL);
					else if (is_akn(c, "FRBRWork") && is_akn(d, "FRBRname"))
						r->frbr_name = attr(r, d, "value", NULL);
					else if (is_akn(c, "FRBRWork") && is_akn(d, "FRBRalias") &&
					         !m->draft_of && (v = attr(r, d, "name", NULL)) &&
					         !strcmp(v, RESDIFF_AKN_ALIAS_DRAFT_OF))
						/* a draft's resolution (the store checks it
						 * is a resolution symbol) */
						set_meta(r, &m->draft_of, attr(r, d, "value", NULL));
					else if (is_akn(c, "FRBRExpression") && is_akn(d, "FRBRlanguage") && !m->language)
						set_meta(r, &m->language, resdiff_akn_language_from_iso(attr(r, d, "language", NULL)));
				}
			}
		} else if (is_akn(n, "references")) {
			for (c = first_element(n->children); c; c = next_element(c)) {
				const char *eid = attr(r, c, "eId", NULL);
				if (is_akn(c, "TLCOrganization") && eid && r->frbr_author &&
				    !strcmp(r->frbr_author[0] == '#' ? r->frbr_author + 1 : r->frbr_author, eid))
					r->author_show = attr(r, c, "showAs", NULL);
			}
		} else if (is_akn(n, "notes")) {
			for (c = first_element(n->children); c; c = next_element(c))
				if (is_akn(c, "note"))
					add_note(r, c, note_label(r, c));
		} else if (is_akn(n, "proprietary")) {
			for (c = first_element(n->children); c; c = next_element(c)) {
				if (is_resdiff(c, "diagnostic")) {
					xmlChar *t = xmlNodeGetContent(c);
					const char *line = attr(r, c, "line", NULL);
					const char *level = attr(r, c, "level", NULL);
					size_t at = line ? (size_t)strtoull(line, NULL, 10) : 0;
					const char *msg = t ? (const char *)t : "";
					if ((level && !strcmp(level, resdiff_diag_level_name(RESDIFF_DIAG_NOTE))
							? resdiff_doc_add_note(r->doc, at, "%s", msg)
							: resdiff_doc_add_diag(r->doc, at, "%s", msg)) < 0)
						r->error = RESDIFF_ENOMEM;
					xmlFree(t);
				}
			}
		}
	}
}

/* Markers read into r->refs are the title's (meta) footnotes. */
static void take_meta_refs(reader *r)
{
	size_t i;
	for (i = 0; i < r->ref_count && !r->error; i++)
		if (resdiff_doc_add_meta_footnote(r->doc, r->refs[i].label) < 0)
			r->error = RESDIFF_ENOMEM;
	r->ref_count = 0;
}

/* The preface: symbol (docNumber), title (docTitle, with the footnotes it
 * cites), date (docDate). Its other text is front matter: a block each
 * (a file from elsewhere), named in a diagnostic. */
static void read_preface(reader *r, xmlNodePtr preface)
{
	xmlNodePtr e, n;
	resdiff_meta *m = &r->doc->meta;

	for (e = first_element(preface->children); e && !r->error; e = next_element(e)) {
		bool found = false, other = false;
		text_acc scratch, *saved = r->acc;

		acc_init(&scratch, true);
		r->acc = &scratch;
		r->ref_count = 0;
		n = e;
		while (n && !r->error) {
			bool descend = false;
			if (n->type == XML_ELEMENT_NODE && is_akn(n, "docNumber")) {
				set_meta(r, &m->symbol, text_of(r, n));
				found = true;
			} else if (n->type == XML_ELEMENT_NODE && is_akn(n, "docTitle")) {
				text_acc title;
				acc_init(&title, !r->verbatim);
				r->acc = &title;
				read_inline(r, n);
				r->acc = &scratch;
				set_meta(r, &m->title, title.buf.ptr ? title.buf.ptr : "");
				resdiff_buf_dispose(&title.buf);
				found = true;
			} else if (n->type == XML_ELEMENT_NODE && is_akn(n, "docDate")) {
				const char *date = attr(r, n, "date", NULL);
				set_meta(r, &m->date, date ? date : text_of(r, n));
				found = true;
			} else if (n->type == XML_ELEMENT_NODE && (is_akn(n, "authorialNote") || is_akn(n, "noteRef"))) {
				const char *label = is_akn(n, "authorialNote") ? note_label(r, n) : attr(r, n, "marker", NULL);
				if (is_akn(n, "authorialNote"))
					add_note(r, n, label);
				else if (!label) {
					const char *href = attr(r, n, "href", NULL);
					void *hit = href && href[0] == '#' ? xmlHashLookup(r->note_eids, BAD_CAST href + 1) : NULL;
					label = hit ? r->notes[(size_t)hit - 1].label : "";
				}
				add_ref(r, label, n);
				found = true;
			} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
				const char *t = (const char *)n->content;
				for (; t && *t; t++)
					other |= !(*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r');
			} else if (n->type == XML_ELEMENT_NODE) {
				descend = true;
			}
			n = walk_next(n, e, descend);
		}
		r->acc = saved;
		resdiff_buf_dispose(&scratch.buf);
		take_meta_refs(r);
		if (!found && other)
			flatten_block(r, e, 0, false);
		else if (found && other && !r->verbatim &&
			 resdiff_doc_add_diag(r->doc, (size_t)xmlGetLineNo(e),
				"AKN preface text beside the symbol, title or date not kept") < 0)
			r->error = RESDIFF_ENOMEM;
	}
}

static int cmp_notes(const void *a, const void *b)
{
	const read_note *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Footnotes in their order (resdiff's numbering, else as they came), and
 * one diagnostic per kind of inline markup kept only as text. */
static void finish(reader *r)
{
	size_t i;
	read_note *sorted;

	if (r->note_count && !(sorted = malloc(r->note_count * sizeof(*sorted)))) {
		fail_nomem(r);
		return;
	}
	if (r->note_count) {
		memcpy(sorted, r->notes, r->note_count * sizeof(*sorted));
		/* qsort is not stable: equal orders compare by position in the copy */
		for (i = 0; i < r->note_count; i++)
			if (sorted[i].order == (unsigned long)-1)
				sorted[i].order = (unsigned long)-1 - r->note_count + i;
		qsort(sorted, r->note_count, sizeof(*sorted), cmp_notes);
		for (i = 0; i < r->note_count && !r->error; i++)
			if (resdiff_doc_add_footnote(r->doc, sorted[i].label, sorted[i].text, sorted[i].line) < 0)
				r->error = RESDIFF_ENOMEM;
		free(sorted);
	}
	for (i = 0; i < r->flat_names && !r->error; i++)
		if (resdiff_doc_add_diag(r->doc, r->flat[i].line, "AKN <%s> kept as plain text (%zu time%s)",
				r->flat[i].name, r->flat[i].count, r->flat[i].count == 1 ? "" : "s") < 0)
			r->error = RESDIFF_ENOMEM;
}

/* Metadata a file from elsewhere gives only in its FRBR identification. */
static void meta_from_frbr(reader *r, xmlNodePtr top)
{
	resdiff_meta *m = &r->doc->meta;
	const char *author = r->frbr_author;

	if (r->has_resdiff_doc)
		return;
	if (author && author[0] == '#')
		author++;
	if (!m->symbol)
		set_meta(r, &m->symbol, r->frbr_name);
	if (!m->date && r->frbr_date && strcmp(r->frbr_date, RESDIFF_AKN_UNKNOWN_DATE))
		set_meta(r, &m->date, r->frbr_date);
	if (!m->body)
		set_meta(r, &m->body, akn_body_for_author(author) ? akn_body_for_author(author) : r->author_show);
	if (!m->kind)
		set_meta(r, &m->kind, akn_kind_for_doctype((const char *)top->name,
			attr(r, top, "name", NULL), r->frbr_subtype));
}

/* A document type declaration stops the parser where it stands, before
 * its internal subset (entity declarations) is read. */
typedef struct {
	bool seen, external;
	int line;
} doctype_seen;

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
		const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	doctype_seen *d = ctxt->_private;

	d->seen = true;
	d->external = external_id || system_id;
	d->line = ctxt->input ? ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

/* Whether the XML declaration at the start of data[0..len) names an
 * encoding other than UTF-8 (a document may be in another, which libxml2
 * converts); without one, XML is UTF-8 (or UTF-16, with its mark). */
static bool declares_other_encoding(const char *data, size_t len)
{
	const char *end, *enc;
	size_t n = len < 200 ? len : 200;
	char head[201];

	memcpy(head, data, n);
	head[n] = '\0';
	if (strncmp(head, "<?xml", 5) || !(end = strstr(head, "?>")))
		return false;
	if (!(enc = strstr(head, "encoding")) || enc > end)
		return false;
	for (enc += strlen("encoding"); *enc == ' ' || *enc == '=' || *enc == '"' || *enc == '\''; enc++)
		;
	return strncasecmp(enc, "UTF-8", 5) && strncasecmp(enc, "UTF8", 4);
}

int resdiff_akn_parse(resdiff_doc **out, const char *data, size_t len,
		const resdiff_parse_options *opts)
{
	const char *source = opts && opts->source ? opts->source : "<akn>";
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr xdoc = NULL;
	xmlNodePtr root, top, n;
	doctype_seen doctype = { false, false, 0 };
	reader r;
	int error = 0;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.source = source;
	if (len > RESDIFF_PARSE_MAX_INPUT)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: larger than %u MiB", source,
			RESDIFF_PARSE_MAX_INPUT >> 20);
	if (len > (size_t)0x7fffffff)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: too large for the XML parser", source);
	akn_init();
	if (!(ctxt = xmlNewParserCtxt())) {
		error = NOMEM();
		goto done;
	}
	ctxt->_private = &doctype;
	ctxt->sax->internalSubset = refuse_doctype;
	/* no network, no entity substitution, no DTD loading or defaults,
	 * no XInclude; errors are returned, not printed */
	xdoc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
		XML_PARSE_BIG_LINES);
	if (doctype.seen || (xdoc && (xdoc->intSubset || xdoc->extSubset))) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: line %d: a document type declaration is refused%s (Akoma Ntoso has none, "
			"and no entity is ever expanded)", source, doctype.line,
			doctype.external ? "; it names an external DTD" : "");
		goto done;
	}
	if (!xdoc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[512];
		size_t k;
		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "not well-formed XML");
		/* bytes that are not UTF-8 in a UTF-8 document: the message of
		 * every other input, with its byte offset ("Input is not proper
		 * UTF-8, indicate encoding !\nBytes: ..." says neither) */
		if (!declares_other_encoding(data, len) &&
		    (error = resdiff_text_check_encoding(source, data, len)) < 0)
			goto done;
		/* nothing but a byte-order mark or white space: say so, not
		 * libxml2's "Start tag expected" */
		if (resdiff_text_describe_blank(msg, sizeof(msg), data, len)) {
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: not Akoma Ntoso (%s)",
				source, msg);
			goto done;
		}
		for (k = strlen(msg); k > 0 && (msg[k - 1] == '\n' || msg[k - 1] == ' '); k--)
			msg[k - 1] = '\0';
		/* libxml2 breaks some messages over lines: one line for the user */
		for (k = 0; msg[k]; k++)
			if (msg[k] == '\n' || msg[k] == '\r')
				msg[k] = ' ';
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: line %d: not well-formed XML: %s",
			source, e ? e->line : 0, msg);
		goto done;
	}
	root = xmlDocGetRootElement(xdoc);
	if (!is_akn(root, "akomaNtoso")) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: line %ld: not Akoma Ntoso 3.0: the root element is <%s>%s%s%s", source,
			root ? xmlGetLineNo(root) : 0L, root ? (const char *)root->name : "",
			root && root->ns ? " in namespace \"" : " in no namespace",
			root && root->ns ? (const char *)root->ns->href : "", root && root->ns ? "\"" : "");
		goto done;
	}
	if (!(top = first_element(root->children)) || !is_akn(top, NULL)) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: line %ld: <akomaNtoso> holds no document",
			source, xmlGetLineNo(root));
		goto done;
	}
	if ((error = resdiff_doc_new(&r.doc)) < 0)
		goto done;
	if (!(r.arena = resdiff_arena_new()) || !(r.note_eids = xmlHashCreate(64)) ||
	    !(r.ids = xmlHashCreate(256))) {
		error = NOMEM();
		goto done;
	}
	if ((n = child(top, "meta")))
		read_meta(&r, n);
	meta_from_frbr(&r, top);
	if (!r.doc->meta.language && opts && opts->language)
		set_meta(&r, &r.doc->meta.language, opts->language);
	if (!r.error && (n = child(top, "preface")))
		read_preface(&r, n);
	if (!r.error)
		walk(&r, top);
	if (!r.error)
		finish(&r);
	if ((error = r.error) < 0) {
		if (error == RESDIFF_ENOMEM)
			resdiff_error_set(error, "%s: out of memory", source);
		goto done;
	}
	*out = r.doc;
	r.doc = NULL;
done:
	resdiff_doc_free(r.doc);
	resdiff_arena_free(r.arena);
	xmlHashFree(r.note_eids, NULL);
	xmlHashFree(r.ids, NULL);
	free(r.refs);
	free(r.notes);
	xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(ctxt);
	return error;
}
