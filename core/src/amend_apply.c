/* amend_apply.c: amendments applied to a draft (resdiff/amend.h).
 *
 * In four passes, none recursive:
 *
 * 1. Resolve: every amendment's references to the draft's clauses (as
 *    tabled, whatever the amendments before it did) and every quoted text
 *    to its place in its clause, which must be exactly one. What an
 *    amendment touches becomes a claim: words of a clause (a span, or a
 *    point where words go in), a clause's place, a clause's kind. An
 *    amendment that cannot resolve fails with its reason.
 * 2. Clash: two amendments whose claims on one clause overlap both fail,
 *    each naming the other (sorted sweep per clause, O(n log n)); then an
 *    insertion after the text of an amendment that is not applied fails,
 *    and so does a move that would go round in a circle.
 * 3. Place: the draft's clauses in order, each followed by what the
 *    applied amendments put after it (insertions and moved clauses, in
 *    amendment order), walked with an explicit stack; each clause's text
 *    with its applied edits.
 * 4. Number: the result numbered as it would be printed (PP1.., OP1..,
 *    OP1(a).., H1..), labels to match, footnote markers carried to where
 *    their words went. */
#include "amend_space.h"
#include "resdiff/amend.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_MAX 96
/* How many times a quoted text is counted in a clause before "many". */
#define COUNT_MAX 1000

enum { CLAIM_TEXT = 0, CLAIM_PLACE, CLAIM_KIND };

/* What an amendment touches of one clause. */
typedef struct {
	size_t unit;
	int what;                 /* CLAIM_* */
	size_t start, end;        /* CLAIM_TEXT: bytes of the tabled text; start == end: a point */
	bool whole;               /* all of it */
	size_t amendment;         /* index of the amendment */
} claim;

/* An edit placed in its clause's tabled text. */
typedef struct {
	size_t unit;
	size_t start, end;        /* bytes replaced; start == end: an insertion */
	const char *text;         /* what goes there ("" for a deletion) */
	bool tidy;                /* the quote had no space at its ends: mind the spaces */
	size_t amendment, order;
	size_t out_start, out_end;/* where it went in the amended text */
} span_edit;

/* A node of the placement: the start of the text, a draft clause, or a
 * text an insertion brought. Its attachments are what goes after it. */
enum { N_START = 0, N_UNIT, N_INSERT };

typedef struct {
	int type;
	size_t unit;                    /* N_UNIT */
	const resdiff_amend_op *op;     /* N_INSERT */
	resdiff_unit_kind kind;         /* N_INSERT: of its texts */
	size_t anchor;                  /* the node it follows (attachments) */
	size_t amendment;
} node;

typedef struct {
	bool deleted;
	const resdiff_amend_op *replace;  /* its text is replaced by these */
	bool replace_here;                /* ... which stand here (the first clause replaced) */
	bool moved;                       /* it goes after an anchor, not here */
	bool retyped;
	resdiff_unit_kind kind;
} unit_state;

/* One operation's clauses, resolved. */
typedef struct {
	size_t *units;                    /* per reference */
	size_t anchor;                    /* insert, move: the node it follows */
} resolved_op;

/* A clause of the amended text before it is numbered. */
typedef struct {
	resdiff_unit_kind kind;
	const char *text;
	const resdiff_unit *origin;       /* the draft's clause whose text this is (edited), or NULL */
	const resdiff_unit *like;         /* the draft's clause it stands for (style, prefix), or NULL */
	span_edit *edits;                 /* origin's applied edits, for its footnote markers */
	size_t edit_count;
} placed;

typedef struct {
	const resdiff_doc *draft;
	const resdiff_amendments *am;
	resdiff_amend_result *res;
	resolved_op **ops;                /* per amendment, per op */
	claim *claims;
	size_t claim_count, claim_alloc;
	span_edit *edits;
	size_t edit_count, edit_alloc;
	node *nodes;
	size_t node_count, node_alloc;
	size_t *last_insert;              /* per amendment: its last insertion's node, or 0 */
	unit_state *units;
	placed *out;
	size_t out_count, out_alloc;
	resdiff_buf scratch;
} applier;

static int nomem(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

static int grow(void **p, size_t *alloc, size_t count, size_t size)
{
	size_t na;
	void *q;
	if (count < *alloc)
		return 0;
	na = *alloc ? *alloc * 2 : 64;
	if (!(q = realloc(*p, na * size)))
		return nomem();
	*p = q;
	*alloc = na;
	return 0;
}

static const char *status_names[] = { "applied", "unread", "failed", "clash" };

const char *resdiff_amend_status_name(resdiff_amend_status status)
{
	return status <= RESDIFF_AMEND_CLASH ? status_names[status] : "";
}

/* ---- messages ------------------------------------------------------------------ */

static int fail(applier *ap, size_t i, resdiff_amend_status status, size_t other,
		const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* The amendment i does not apply: say why (the first reason stays). */
static int fail(applier *ap, size_t i, resdiff_amend_status status, size_t other,
		const char *fmt, ...)
{
	resdiff_amend_outcome *o = &ap->res->outcomes[i];
	char msg[512];
	va_list va;
	if (o->status != RESDIFF_AMEND_APPLIED)
		return 0;
	va_start(va, fmt);
	vsnprintf(msg, sizeof(msg), fmt, va);
	va_end(va);
	o->status = status;
	o->clash_with = other;
	if (!(o->reason = resdiff_arena_strdup(ap->res->arena, msg)))
		return nomem();
	return 0;
}

/* "OP61(a)" -> "61(a)", as the writer cites it. */
static const char *number_of(const char *id)
{
	while (*id >= 'A' && *id <= 'Z')
		id++;
	return id;
}

/* "operative paragraph 5": a clause as a message names it. */
static const char *name_of(char *buf, size_t size, resdiff_unit_kind kind, const char *number)
{
	static const char *const names[] = {
		"preambular paragraph", "operative paragraph", "operative paragraph",
		"heading", "paragraph", "paragraph"
	};
	snprintf(buf, size, "%s %s", kind <= RESDIFF_UNIT_BLOCK ? names[kind] : "paragraph", number);
	return buf;
}

static const char *unit_name(char *buf, size_t size, const resdiff_unit *u)
{
	return name_of(buf, size, u->kind, number_of(u->id));
}

/* A quoted text in a message: at most 60 bytes of it, cut at a character. */
static const char *short_quote(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = len < 60 ? len : 60;
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	snprintf(buf, size, "\xe2\x80\x9c%.*s%s\xe2\x80\x9d", (int)n, s, n < len ? "\xe2\x80\xa6" : "");
	return buf;
}

/* ---- pass 1: resolve ----------------------------------------------------------- */

static bool kind_fits(resdiff_unit_kind cited, resdiff_unit_kind kind, bool sub)
{
	if (sub)
		return kind == RESDIFF_UNIT_SUBPARAGRAPH;
	if (cited == RESDIFF_UNIT_PARAGRAPH)
		return kind == RESDIFF_UNIT_PARAGRAPH || kind == RESDIFF_UNIT_BLOCK;
	return kind == cited;
}

/* The draft's clause a reference cites; fails the amendment when there
 * is none, or more than one. "paragraph 4" of a resolution is its
 * operative paragraph 4. */
static int resolve_ref(applier *ap, size_t i, const resdiff_amend_ref *r, size_t *out, bool *ok)
{
	const resdiff_doc *d = ap->draft;
	bool sub = strchr(r->number, '(') != NULL;
	size_t k, found = SIZE_MAX, n = 0, pass;
	char name[128];

	*ok = false;
	for (pass = 0; pass < 2 && !n; pass++) {
		resdiff_unit_kind cited = r->kind;
		if (pass == 1) {
			if (r->kind != RESDIFF_UNIT_PARAGRAPH)
				break;
			cited = RESDIFF_UNIT_OPERATIVE;
		}
		for (k = 0; k < d->unit_count; k++)
			if (kind_fits(cited, d->units[k].kind, sub) &&
			    !strcmp(number_of(d->units[k].id), r->number) && n++ == 0)
				found = k;
	}
	name_of(name, sizeof(name), sub ? RESDIFF_UNIT_SUBPARAGRAPH : r->kind, r->number);
	if (!n)
		return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "the draft has no %s", name);
	if (n > 1)
		return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "the draft has %zu paragraphs that are %s",
			n, name);
	*out = found;
	*ok = true;
	return 0;
}

/* Where `quote` is in the clause's text: exactly once, or the amendment
 * fails. */
static int find_once(applier *ap, size_t i, const resdiff_unit *u, const char *quote,
		size_t *at, bool *ok)
{
	const char *t = u->text, *p;
	size_t n = 0, qlen = strlen(quote);
	char name[128], q[128];

	*ok = false;
	if (!qlen)
		return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "it quotes nothing to find in %s",
			unit_name(name, sizeof(name), u));
	for (p = strstr(t, quote); p && n < COUNT_MAX; p = strstr(p + 1, quote))
		if (n++ == 0)
			*at = (size_t)(p - t);
	short_quote(q, sizeof(q), quote, qlen);
	unit_name(name, sizeof(name), u);
	if (!n)
		return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "%s is not in %s", q, name);
	if (n > 1)
		return fail(ap, i, RESDIFF_AMEND_FAILED, 0,
			"%s is in %s %zu times; quote enough of the text to say which", q, name, n);
	*ok = true;
	return 0;
}

/* A quote without a space at its ends is applied by the tidy rule
 * (amend_space.h). */
static bool tidy_quote(const char *s)
{
	return resdiff_amend_space_tidy(s, strlen(s));
}

static int add_claim(applier *ap, size_t unit, int what, size_t start, size_t end, bool whole,
		size_t i)
{
	int error;
	if ((error = grow((void **)&ap->claims, &ap->claim_alloc, ap->claim_count, sizeof(claim))) < 0)
		return error;
	ap->claims[ap->claim_count++] = (claim){ unit, what, start, end, whole, i };
	return 0;
}

static int add_edit(applier *ap, size_t unit, size_t start, size_t end, const char *text,
		bool tidy, size_t i, size_t order)
{
	int error;
	if ((error = grow((void **)&ap->edits, &ap->edit_alloc, ap->edit_count, sizeof(span_edit))) < 0)
		return error;
	memset(&ap->edits[ap->edit_count], 0, sizeof(span_edit));
	ap->edits[ap->edit_count].unit = unit;
	ap->edits[ap->edit_count].start = start;
	ap->edits[ap->edit_count].end = end;
	ap->edits[ap->edit_count].text = text;
	ap->edits[ap->edit_count].tidy = tidy;
	ap->edits[ap->edit_count].amendment = i;
	ap->edits[ap->edit_count].order = order;
	ap->edit_count++;
	return 0;
}

static int cmp_edit(const void *x, const void *y)
{
	const span_edit *a = x, *b = y;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	/* at one place: insertions before what is replaced there */
	if ((a->end > a->start) != (b->end > b->start))
		return a->end > a->start ? 1 : -1;
	if (a->amendment != b->amendment)
		return a->amendment < b->amendment ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Where "at the end, add X" inserts in a clause of len bytes: before its
 * closing punctuation ("… session" + ", and requests a review" + "."), as
 * UN amendments mean it, unless X ends with punctuation of its own (a
 * sentence added after the last: then after it). */
static size_t end_place(const char *clause, size_t len, const char *text)
{
	size_t at;
	if (resdiff_text_clause_punct(resdiff_utf8_last(clause, len, &at)) &&
	    !resdiff_text_ends_clause(text, strlen(text)))
		return at;
	return len;
}

/* The edits of one clause by one amendment. */
static int resolve_edits(applier *ap, size_t i, const resdiff_amend_op *op, size_t unit,
		size_t *order)
{
	const resdiff_unit *u = &ap->draft->units[unit];
	size_t k, len = strlen(u->text), first = ap->edit_count;
	char name[128];
	int error;

	for (k = 0; k < op->edit_count; k++) {
		const resdiff_amend_edit *e = &op->edits[k];
		size_t at = 0, qlen = e->old ? strlen(e->old) : 0, start, end;
		const char *text = e->new ? e->new : "";
		bool ok = true;
		if (e->kind != RESDIFF_AMEND_EDIT_INSERT_START && e->kind != RESDIFF_AMEND_EDIT_INSERT_END) {
			if (!e->old)
				return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "an edit without its quoted words");
			if ((error = find_once(ap, i, u, e->old, &at, &ok)) < 0 || !ok)
				return error;
		}
		switch (e->kind) {
		case RESDIFF_AMEND_EDIT_REPLACE:
		case RESDIFF_AMEND_EDIT_DELETE:
			start = at;
			end = at + qlen;
			if (e->kind == RESDIFF_AMEND_EDIT_DELETE)
				text = "";
			break;
		case RESDIFF_AMEND_EDIT_INSERT_AFTER:
			start = end = at + qlen;
			break;
		case RESDIFF_AMEND_EDIT_INSERT_BEFORE:
			start = end = at;
			break;
		case RESDIFF_AMEND_EDIT_INSERT_START:
			start = end = 0;
			break;
		default:
			start = end = end_place(u->text, len, text);
			break;
		}
		if ((error = add_edit(ap, unit, start, end, text, tidy_quote(*text ? text :
				e->old ? e->old : ""), i, (*order)++)) < 0)
			return error;
	}
	/* one amendment's edits of one clause must not overlap */
	if (ap->edit_count - first > 1)
		qsort(ap->edits + first, ap->edit_count - first, sizeof(span_edit), cmp_edit);
	for (k = first + 1; k < ap->edit_count; k++) {
		const span_edit *a = &ap->edits[k - 1], *b = &ap->edits[k];
		if (b->start < a->end)
			return fail(ap, i, RESDIFF_AMEND_FAILED, 0, "its edits of %s overlap",
				unit_name(name, sizeof(name), u));
	}
	for (k = first; k < ap->edit_count; k++)
		if ((error = add_claim(ap, unit, CLAIM_TEXT, ap->edits[k].start, ap->edits[k].end,
				false, i)) < 0)
			return error;
	return 0;
}

/* The node an insertion or a move follows. */
static int resolve_place(applier *ap, size_t i, const resdiff_amend_place *pl, size_t *node_out,
		bool *ok)
{
	size_t k, unit;
	int error;
	*ok = false;
	switch (pl->kind) {
	case RESDIFF_AMEND_AT_START:
		*node_out = 0;
		*ok = true;
		return 0;
	case RESDIFF_AMEND_AFTER_CLAUSE:
		if ((error = resolve_ref(ap, i, &pl->ref, &unit, ok)) < 0 || !*ok)
			return error;
		*node_out = unit + 1;
		return 0;
	case RESDIFF_AMEND_AFTER_INSERTED:
		for (k = 0; k < i; k++)
			if (ap->am->items[k].number == pl->item)
				break;
		if (k == i)
			return fail(ap, i, RESDIFF_AMEND_FAILED, 0,
				"no amendment %zu before it inserts text to follow", pl->item);
		if (!ap->last_insert[k])
			return fail(ap, i, RESDIFF_AMEND_FAILED, 0,
				"amendment %zu inserts no text to follow", pl->item);
		*node_out = ap->last_insert[k];
		*ok = true;
		return 0;
	}
	return 0;
}

static int add_node(applier *ap, size_t *out, int type, size_t unit, const resdiff_amend_op *op,
		size_t anchor, size_t i)
{
	int error;
	if ((error = grow((void **)&ap->nodes, &ap->node_alloc, ap->node_count, sizeof(node))) < 0)
		return error;
	memset(&ap->nodes[ap->node_count], 0, sizeof(node));
	ap->nodes[ap->node_count].type = type;
	ap->nodes[ap->node_count].unit = unit;
	ap->nodes[ap->node_count].op = op;
	ap->nodes[ap->node_count].anchor = anchor;
	ap->nodes[ap->node_count].amendment = i;
	*out = ap->node_count++;
	return 0;
}

/* One amendment's operations against the draft. Its claims and edits are
 * taken back when it fails. */
static int resolve(applier *ap, size_t i)
{
	const resdiff_amendment *a = &ap->am->items[i];
	size_t claims = ap->claim_count, edits = ap->edit_count, nodes = ap->node_count;
	size_t k, r, order = 0;
	int error = 0;
	bool ok = true;

	if (!(ap->ops[i] = resdiff_arena_alloc(ap->res->arena, (a->op_count + 1) * sizeof(resolved_op))))
		return nomem();
	for (k = 0; k < a->op_count && ok && !error; k++) {
		const resdiff_amend_op *op = &a->ops[k];
		resolved_op *ro = &ap->ops[i][k];
		if (!(ro->units = resdiff_arena_alloc(ap->res->arena, (op->ref_count + 1) * sizeof(size_t))))
			return nomem();
		for (r = 0; r < op->ref_count && ok && !error; r++)
			error = resolve_ref(ap, i, &op->refs[r], &ro->units[r], &ok);
		if (error || !ok)
			break;
		if ((op->kind == RESDIFF_AMEND_INSERT || op->kind == RESDIFF_AMEND_MOVE) &&
		    ((error = resolve_place(ap, i, &op->place, &ro->anchor, &ok)) < 0 || !ok))
			break;
		switch (op->kind) {
		case RESDIFF_AMEND_EDIT:
			error = resolve_edits(ap, i, op, ro->units[0], &order);
			break;
		case RESDIFF_AMEND_DELETE:
		case RESDIFF_AMEND_REPLACE:
			for (r = 0; r < op->ref_count && !error; r++) {
				size_t u = ro->units[r];
				bool del = op->kind == RESDIFF_AMEND_DELETE;
				if ((error = add_claim(ap, u, CLAIM_TEXT, 0, 0, true, i)) < 0 ||
				    ((del || r > 0) && (error = add_claim(ap, u, CLAIM_PLACE, 0, 0, true, i)) < 0) ||
				    (del && (error = add_claim(ap, u, CLAIM_KIND, 0, 0, true, i)) < 0))
					break;
			}
			break;
		case RESDIFF_AMEND_INSERT: {
			size_t n;
			if ((error = add_node(ap, &n, N_INSERT, 0, op, ro->anchor, i)) < 0)
				break;
			ap->last_insert[i] = n;
			break;
		}
		case RESDIFF_AMEND_MOVE:
			if (ro->anchor == ro->units[0] + 1) {
				char name[128];
				error = fail(ap, i, RESDIFF_AMEND_FAILED, 0, "it moves %s after itself",
					unit_name(name, sizeof(name), &ap->draft->units[ro->units[0]]));
				break;
			}
			if ((error = add_claim(ap, ro->units[0], CLAIM_PLACE, 0, 0, true, i)) < 0 ||
			    (op->has_kind && (error = add_claim(ap, ro->units[0], CLAIM_KIND, 0, 0, true, i)) < 0))
				break;
			break;
		case RESDIFF_AMEND_RETYPE:
			error = add_claim(ap, ro->units[0], CLAIM_KIND, 0, 0, true, i);
			break;
		}
		ok = ap->res->outcomes[i].status == RESDIFF_AMEND_APPLIED;
	}
	if (!error && ap->res->outcomes[i].status != RESDIFF_AMEND_APPLIED) {
		ap->claim_count = claims;
		ap->edit_count = edits;
		ap->node_count = nodes;
		ap->last_insert[i] = 0;
	}
	return error;
}

/* ---- pass 2: clashes ------------------------------------------------------------ */

static int cmp_claim(const void *x, const void *y)
{
	const claim *a = x, *b = y;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->what != b->what)
		return a->what < b->what ? -1 : 1;
	if (a->whole != b->whole)
		return a->whole ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->amendment < b->amendment ? -1 : a->amendment > b->amendment;
}

static bool overlap(const claim *a, const claim *b)
{
	bool pa = a->start == a->end, pb = b->start == b->end;
	if (a->whole || b->whole)
		return true;
	if (pa && pb)
		return a->start == b->start;
	if (pa)
		return b->start < a->start && a->start < b->end;
	if (pb)
		return a->start < b->start && b->start < a->end;
	return a->start < b->end && b->start < a->end;
}

static int clash(applier *ap, const claim *a, const claim *b)
{
	const resdiff_amendments *am = ap->am;
	const resdiff_unit *u = &ap->draft->units[a->unit];
	char name[128], q[160];
	const char *what;
	int error;

	unit_name(name, sizeof(name), u);
	if (a->what == CLAIM_TEXT && !a->whole && !b->whole && a->start != a->end) {
		short_quote(q, sizeof(q), u->text + a->start, a->end - a->start);
		what = q;
	} else {
		what = a->what == CLAIM_TEXT ? "the words of" : a->what == CLAIM_PLACE ?
			"the place of" : "the kind of";
		snprintf(q, sizeof(q), "%s", what);
		what = q;
	}
	if ((error = fail(ap, a->amendment, RESDIFF_AMEND_CLASH, am->items[b->amendment].number,
			"clashes with amendment %zu: both change %s%s%s", am->items[b->amendment].number,
			what, a->what == CLAIM_TEXT && !a->whole && !b->whole && a->start != a->end ?
			" in " : " ", name)) < 0)
		return error;
	return fail(ap, b->amendment, RESDIFF_AMEND_CLASH, am->items[a->amendment].number,
		"clashes with amendment %zu: both change %s%s%s", am->items[a->amendment].number,
		what, a->what == CLAIM_TEXT && !a->whole && !b->whole && a->start != a->end ?
		" in " : " ", name);
}

/* Overlapping claims of different amendments, one clause and one kind of
 * claim at a time: sorted, wholes first, then by start; a span clashes
 * with an earlier span iff the one reaching furthest overlaps it; a point
 * with an earlier span that started before it and reaches past it, or
 * with a point at the same place. */
static int find_clashes(applier *ap)
{
	size_t g = 0, k;
	int error = 0;

	/* no qsort of an empty list: its pointer may be NULL (UBSan) */
	if (ap->claim_count > 1)
		qsort(ap->claims, ap->claim_count, sizeof(claim), cmp_claim);
	while (g < ap->claim_count && !error) {
		size_t end = g, whole = SIZE_MAX, reach = SIZE_MAX;
		const claim *point = NULL;
		while (end < ap->claim_count && ap->claims[end].unit == ap->claims[g].unit &&
		       ap->claims[end].what == ap->claims[g].what)
			end++;
		for (k = g; k < end && !error; k++) {
			const claim *c = &ap->claims[k];
			if (whole != SIZE_MAX) {
				if (ap->claims[whole].amendment != c->amendment)
					error = clash(ap, &ap->claims[whole], c);
			} else if (c->whole) {
				whole = k;
			}
			if (c->whole || error)
				continue;
			if (c->start == c->end) {
				if (reach != SIZE_MAX && ap->claims[reach].amendment != c->amendment &&
				    overlap(&ap->claims[reach], c))
					error = clash(ap, &ap->claims[reach], c);
				else if (point && point->amendment != c->amendment && point->start == c->start)
					error = clash(ap, point, c);
				if (!point || point->start != c->start || point->amendment == c->amendment)
					point = c;
			} else {
				if (reach != SIZE_MAX && ap->claims[reach].amendment != c->amendment &&
				    overlap(&ap->claims[reach], c))
					error = clash(ap, &ap->claims[reach], c);
				if (reach == SIZE_MAX || c->end > ap->claims[reach].end)
					reach = k;
			}
		}
		g = end;
	}
	return error;
}

/* Insertions after the text of an amendment that is not applied, and
 * moves that go round in a circle, do not apply either. */
static int check_dependencies(applier *ap)
{
	const resdiff_amendments *am = ap->am;
	size_t i, k, n;
	int error = 0;

	for (i = 0; i < am->count && !error; i++) {
		if (ap->res->outcomes[i].status != RESDIFF_AMEND_APPLIED)
			continue;
		for (k = 0; k < am->items[i].op_count && !error; k++) {
			const resdiff_amend_op *op = &am->items[i].ops[k];
			size_t anchor = ap->ops[i][k].anchor;
			if ((op->kind == RESDIFF_AMEND_INSERT || op->kind == RESDIFF_AMEND_MOVE) &&
			    anchor > ap->draft->unit_count && anchor < ap->node_count &&
			    ap->res->outcomes[ap->nodes[anchor].amendment].status != RESDIFF_AMEND_APPLIED)
				error = fail(ap, i, RESDIFF_AMEND_FAILED, 0,
					"amendment %zu, whose text it follows, is not applied",
					am->items[ap->nodes[anchor].amendment].number);
		}
	}
	/* moves: from each moved clause, follow what it follows; a clause
	 * met again is a circle */
	for (n = 0; n < ap->draft->unit_count; n++)
		ap->units[n].moved = false;
	for (i = 0; i < am->count; i++) {
		if (ap->res->outcomes[i].status != RESDIFF_AMEND_APPLIED)
			continue;
		for (k = 0; k < am->items[i].op_count; k++)
			if (am->items[i].ops[k].kind == RESDIFF_AMEND_MOVE) {
				size_t u = ap->ops[i][k].units[0];
				ap->units[u].moved = true;
				ap->nodes[u + 1].anchor = ap->ops[i][k].anchor;
				ap->nodes[u + 1].amendment = i;
			}
	}
	for (n = 1; n <= ap->draft->unit_count && !error; n++) {
		size_t at = n, steps = 0;
		if (!ap->units[n - 1].moved)
			continue;
		/* a circle has at most as many steps as there are nodes */
		while (steps++ <= ap->node_count) {
			const node *x = &ap->nodes[at];
			if (x->type == N_START || (x->type == N_UNIT && !ap->units[x->unit].moved && at != n))
				break;
			if (x->type == N_UNIT && at == n && steps > 1)
				break;
			at = x->type == N_UNIT && !ap->units[x->unit].moved ? 0 : x->anchor;
		}
		if (at == n) {
			char name[128];
			size_t i2 = ap->nodes[n].amendment;
			ap->units[n - 1].moved = false;
			error = fail(ap, i2, RESDIFF_AMEND_FAILED, 0,
				"its move of %s goes round in a circle with other moves",
				unit_name(name, sizeof(name), &ap->draft->units[n - 1]));
			n = 0;   /* again, without it */
		}
	}
	return error;
}

/* ---- pass 3: place -------------------------------------------------------------- */

/* The clause's tabled text with its applied edits (sorted, no overlap),
 * into ap->scratch; each edit learns where it went. Hand-written edits
 * (tidy) keep one space between words by the rule of amend_space.h,
 * which the writer shares: "delete “grave”" takes a space with the word,
 * "after “the” insert “new”" and "after “regard,” insert “with regret”"
 * put one in. */
static int edited_text(applier *ap, const char *t, span_edit *e, size_t n)
{
	resdiff_buf *out = &ap->scratch;
	size_t k, pos = 0, len = strlen(t);
	int error = 0;

	resdiff_buf_clear(out);
	if ((error = resdiff_buf_puts(out, "")) < 0)
		return error;
	for (k = 0; k < n && !error; k++) {
		error = resdiff_amend_space_splice(out, t, len, &pos, e[k].start, e[k].end, e[k].text,
			strlen(e[k].text), e[k].tidy, &e[k].out_start);
		e[k].out_end = out->size;
	}
	if (!error)
		error = resdiff_buf_put(out, t + pos, len - pos);
	return error;
}

static int place_out(applier *ap, resdiff_unit_kind kind, const char *text,
		const resdiff_unit *origin, const resdiff_unit *like, span_edit *edits, size_t n)
{
	int error;
	placed *p;
	if ((error = grow((void **)&ap->out, &ap->out_alloc, ap->out_count, sizeof(placed))) < 0)
		return error;
	p = &ap->out[ap->out_count++];
	p->kind = kind;
	p->text = text;
	p->origin = origin;
	p->like = like;
	p->edits = edits;
	p->edit_count = n;
	return 0;
}

/* The kind of an insertion's texts when it does not say ("a new
 * paragraph"): that of the clause it follows, or after a heading of the
 * next clause that is not one. */
static resdiff_unit_kind insert_kind(const applier *ap, const node *x)
{
	const node *a = &ap->nodes[x->anchor];
	const resdiff_doc *d = ap->draft;
	size_t u;
	if (x->op->has_kind)
		return x->op->new_kind;
	if (a->type == N_INSERT)
		return a->kind;
	u = a->type == N_UNIT ? a->unit : 0;
	while (u < d->unit_count && d->units[u].kind == RESDIFF_UNIT_HEADING)
		u++;
	if (u < d->unit_count)
		return ap->units[u].kind;
	return d->unit_count ? ap->units[0].kind : RESDIFF_UNIT_OPERATIVE;
}

/* What node n puts in the amended text. */
static int content(applier *ap, size_t n, span_edit **next_edit, span_edit *edits_end)
{
	node *x = &ap->nodes[n];
	size_t k;
	int error = 0;

	if (x->type == N_START)
		return 0;
	if (x->type == N_INSERT) {
		const resdiff_unit *like = x->anchor >= 1 && x->anchor <= ap->draft->unit_count ?
			&ap->draft->units[x->anchor - 1] : NULL;
		for (k = 0; k < x->op->text_count && !error; k++)
			error = place_out(ap, x->kind, x->op->texts[k], NULL, like, NULL, 0);
		return error;
	}
	{
		const resdiff_unit *u = &ap->draft->units[x->unit];
		unit_state *st = &ap->units[x->unit];
		span_edit *e = *next_edit, *first;
		char *text;
		if (st->deleted || (st->replace && !st->replace_here))
			return 0;
		if (st->replace) {
			for (k = 0; k < st->replace->text_count && !error; k++)
				error = place_out(ap, st->kind, st->replace->texts[k], NULL, u, NULL, 0);
			return error;
		}
		/* this clause's applied edits: a run of the sorted edits */
		while (e < edits_end && e->unit < x->unit)
			e++;
		first = e;
		while (e < edits_end && e->unit == x->unit)
			e++;
		if ((error = edited_text(ap, u->text, first, (size_t)(e - first))) < 0)
			return error;
		if (!(text = resdiff_arena_strndup(ap->res->arena, ap->scratch.ptr, ap->scratch.size)))
			return nomem();
		return place_out(ap, st->kind, text, u, u, first, (size_t)(e - first));
	}
}

/* Walk the placement: the start, then each clause that stays where it
 * is, each node followed by its attachments (explicit stack). */
static int place_all(applier *ap)
{
	const resdiff_amendments *am = ap->am;
	size_t *start = NULL, *child = NULL, *stack = NULL, depth = 0, n, i, k, kept;
	span_edit *edits, *edits_end;
	int error = 0;

	/* the applied edits, sorted by clause */
	for (i = kept = 0; i < ap->edit_count; i++)
		if (ap->res->outcomes[ap->edits[i].amendment].status == RESDIFF_AMEND_APPLIED)
			ap->edits[kept++] = ap->edits[i];
	ap->edit_count = kept;
	if (ap->edit_count > 1)
		qsort(ap->edits, ap->edit_count, sizeof(span_edit), cmp_edit);
	edits = ap->edits;
	/* no edits: ap->edits may be NULL, and NULL + 0 is undefined */
	edits_end = ap->edit_count ? ap->edits + ap->edit_count : ap->edits;

	/* the clauses' states */
	for (n = 0; n < ap->draft->unit_count; n++)
		ap->units[n].kind = ap->draft->units[n].kind;
	for (i = 0; i < am->count; i++) {
		if (ap->res->outcomes[i].status != RESDIFF_AMEND_APPLIED)
			continue;
		for (k = 0; k < am->items[i].op_count; k++) {
			const resdiff_amend_op *op = &am->items[i].ops[k];
			const size_t *u = ap->ops[i][k].units;
			size_t r, lowest = SIZE_MAX;
			switch (op->kind) {
			case RESDIFF_AMEND_DELETE:
				for (r = 0; r < op->ref_count; r++)
					ap->units[u[r]].deleted = true;
				break;
			case RESDIFF_AMEND_REPLACE:
				for (r = 0; r < op->ref_count; r++) {
					ap->units[u[r]].replace = op;
					lowest = u[r] < lowest ? u[r] : lowest;
				}
				ap->units[lowest].replace_here = true;
				break;
			case RESDIFF_AMEND_RETYPE:
			case RESDIFF_AMEND_MOVE:
				if (op->kind == RESDIFF_AMEND_RETYPE || op->has_kind) {
					ap->units[u[0]].retyped = true;
					ap->units[u[0]].kind = op->new_kind;
				}
				break;
			default:
				break;
			}
		}
	}
	/* kinds of the insertions (after retypes: "a new paragraph" after a
	 * clause that became preambular is preambular) */
	for (n = ap->draft->unit_count + 1; n < ap->node_count; n++)
		if (ap->res->outcomes[ap->nodes[n].amendment].status == RESDIFF_AMEND_APPLIED)
			ap->nodes[n].kind = insert_kind(ap, &ap->nodes[n]);

	/* attachments: for each node, the nodes after it, in amendment order */
	if (!(start = calloc(ap->node_count + 2, sizeof(size_t))) ||
	    !(child = calloc(ap->node_count + 1, sizeof(size_t))) ||
	    !(stack = calloc(ap->node_count + 1, sizeof(size_t)))) {
		error = nomem();
		goto done;
	}
	{
		size_t *order = NULL, nk = 0;
		if (!(order = calloc(ap->node_count + 1, sizeof(size_t)))) {
			error = nomem();
			goto done;
		}
		/* the attached nodes in amendment order: insertions, moved clauses */
		for (i = 0; i < am->count; i++) {
			if (ap->res->outcomes[i].status != RESDIFF_AMEND_APPLIED)
				continue;
			for (n = ap->draft->unit_count + 1; n < ap->node_count; n++)
				;
			for (k = 0; k < am->items[i].op_count; k++) {
				const resdiff_amend_op *op = &am->items[i].ops[k];
				if (op->kind == RESDIFF_AMEND_MOVE && ap->units[ap->ops[i][k].units[0]].moved &&
				    ap->nodes[ap->ops[i][k].units[0] + 1].amendment == i)
					order[nk++] = ap->ops[i][k].units[0] + 1;
			}
			for (n = ap->draft->unit_count + 1; n < ap->node_count; n++)
				if (ap->nodes[n].amendment == i)
					order[nk++] = n;
		}
		/* counting sort by anchor, stable */
		for (k = 0; k < nk; k++)
			start[ap->nodes[order[k]].anchor + 1]++;
		for (n = 0; n < ap->node_count; n++)
			start[n + 1] += start[n];
		{
			size_t *fill = calloc(ap->node_count + 1, sizeof(size_t));
			if (!fill) {
				free(order);
				error = nomem();
				goto done;
			}
			for (k = 0; k < nk; k++) {
				size_t a = ap->nodes[order[k]].anchor;
				child[start[a] + fill[a]++] = order[k];
			}
			free(fill);
		}
		free(order);
	}
	/* walk: roots are the start and the clauses that stay */
	for (n = 0; n <= ap->draft->unit_count && !error; n++) {
		if (n > 0 && ap->units[n - 1].moved)
			continue;
		stack[depth++] = n;
		while (depth && !error) {
			size_t x = stack[--depth], c;
			if ((error = content(ap, x, &edits, edits_end)) < 0)
				break;
			for (c = start[x + 1]; c > start[x]; c--)
				stack[depth++] = child[c - 1];
		}
	}
done:
	free(start);
	free(child);
	free(stack);
	return error;
}

/* ---- pass 4: number -------------------------------------------------------------- */

typedef struct {
	char prefix[ID_MAX];      /* "ANNEX1-" inside an annex */
	size_t pp, h, b;
	int number;               /* the last paragraph number */
	char parent[ID_MAX];      /* the last numbered paragraph's id */
	size_t sub[2];            /* sub-paragraph counters */
	int level;                /* the last sub-paragraph's level, 0: none */
	const char *number_label; /* a numbered paragraph's label to follow ("1.") */
	char article[ID_MAX];     /* the last article's id ("ART12"), "" before one */
	int art_para;             /* its last paragraph number (ART12.<k>) */
} numbering;

/* A numbered paragraph or an article opened as `id`: the parent of the
 * sub-paragraphs that follow, which count from the start again. */
static void numbering_open(numbering *nb, const char *id)
{
	snprintf(nb->parent, sizeof(nb->parent), "%s", id);
	nb->sub[0] = nb->sub[1] = 0;
	nb->level = 0;
}

/* Used ids, for "~2" on a number used twice: an open-addressing table of
 * each id and how many times it was used, kept under half full, so a
 * draft of n paragraphs is numbered in O(n), not O(n^2) string compares. */
typedef struct {
	const char *id;
	size_t uses;
} id_slot;

typedef struct {
	id_slot *slots;
	size_t count, size;   /* size: 0 or a power of two */
} id_set;

static size_t id_hash(const char *id)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ULL;
	return (size_t)h;
}

static id_slot *id_find(id_slot *slots, size_t size, const char *id)
{
	size_t i = id_hash(id) & (size - 1);
	while (slots[i].id && strcmp(slots[i].id, id))
		i = (i + 1) & (size - 1);
	return &slots[i];
}

/* How many times id is used, this one included (1 the first time); 0 with
 * *error set when out of memory. */
static size_t id_uses(id_set *s, const char *id, resdiff_arena *arena, int *error)
{
	id_slot *slot;
	if (2 * (s->count + 1) > s->size) {
		size_t size = s->size ? 2 * s->size : 64, k;
		id_slot *slots = calloc(size, sizeof(*slots));
		if (!slots) {
			*error = nomem();
			return 0;
		}
		for (k = 0; k < s->size; k++)
			if (s->slots[k].id)
				*id_find(slots, size, s->slots[k].id) = s->slots[k];
		free(s->slots);
		s->slots = slots;
		s->size = size;
	}
	slot = id_find(s->slots, s->size, id);
	if (!slot->id) {
		if (!(slot->id = resdiff_arena_strdup(arena, id))) {
			*error = nomem();
			return 0;
		}
		s->count++;
	}
	return ++slot->uses;
}

/* The level of a draft sub-paragraph: "OP1(a)" 1, "OP1(a)(i)" 2. */
static int level_of(const char *id)
{
	int n = 0;
	for (; *id; id++)
		n += *id == '(';
	return n > 2 ? 2 : n;
}

static void roman(char *out, size_t size, size_t v)
{
	static const char *const r[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
	static const size_t val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	size_t k, n = 0;
	out[0] = '\0';
	for (k = 0; k < 13 && n + 3 < size; k++)
		while (v >= val[k] && n + 3 < size) {
			n += (size_t)snprintf(out + n, size - n, "%s", r[k]);
			v -= val[k];
		}
}

/* a..z, then aa, bb, ... as sub-paragraphs go on. */
static void letter(char *out, size_t size, size_t v)
{
	size_t k, times = (v - 1) / 26 + 1;
	for (k = 0; k < times && k + 1 < size; k++)
		out[k] = (char)('a' + (v - 1) % 26);
	out[k] = '\0';
}

/* A numbered paragraph's label: the pattern's digits replaced ("1." ->
 * "12."), or "12.". */
static int number_label(resdiff_buf *out, const char *pattern, int n)
{
	const char *d = pattern;
	resdiff_buf_clear(out);
	while (d && *d && !(*d >= '0' && *d <= '9'))
		d++;
	if (!d || !*d)
		return resdiff_buf_printf(out, "%d.", n);
	if (resdiff_buf_put(out, pattern, (size_t)(d - pattern)) < 0 ||
	    resdiff_buf_printf(out, "%d", n) < 0)
		return nomem();
	while (*d >= '0' && *d <= '9')
		d++;
	return resdiff_buf_puts(out, d);
}

/* The printed number of a draft paragraph ("OP12~2" 12), or 0. */
static int printed_number(const char *id)
{
	const char *n = number_of(id);
	return *n >= '0' && *n <= '9' ? atoi(n) : 0;
}

/* Carry a clause's footnote markers through its edits: a marker keeps
 * its place among the words that stay, goes after words that replace
 * those it stood in, and stays before words inserted where it stands. */
static size_t carry_offset(const char *old_text, const char *new_text, const span_edit *e,
		size_t n, size_t cps)
{
	size_t b = 0, k, adv, count = 0, out, len = strlen(old_text);
	while (b < len && count < cps) {
		resdiff_utf8_decode(old_text + b, len - b, &adv);
		b += adv;
		count++;
	}
	out = b;
	for (k = 0; k < n; k++) {
		if (b <= e[k].start) {
			out = b + e[k].out_start - e[k].start;
			break;
		}
		if (b < e[k].end) {
			out = e[k].out_end;
			break;
		}
		out = e[k].out_end + (b - e[k].end);
	}
	return resdiff_utf8_count(new_text, out < strlen(new_text) ? out : strlen(new_text));
}

static int number_all(applier *ap, resdiff_doc *doc)
{
	const resdiff_doc *d = ap->draft;
	const resdiff_lang *lang = resdiff_lang_get(d->meta.language);
	const resdiff_lang_list *letters = &lang->section[RESDIFF_SECTION_SUB_LETTERS];
	bool resolution = false;
	numbering nb;
	id_set used = { NULL, 0, 0 };
	resdiff_buf label = RESDIFF_BUF_INIT;
	size_t k, f;
	int error = 0;

	memset(&nb, 0, sizeof(nb));
	for (k = 0; k < d->unit_count; k++) {
		resdiff_unit_kind kind = d->units[k].kind;
		resolution |= kind == RESDIFF_UNIT_PREAMBLE || kind == RESDIFF_UNIT_OPERATIVE;
		if (!nb.number_label && (kind == RESDIFF_UNIT_OPERATIVE || kind == RESDIFF_UNIT_PARAGRAPH))
			nb.number_label = d->units[k].label;
	}
	for (k = 0; k < ap->out_count && !error; k++) {
		const placed *p = &ap->out[k];
		const resdiff_unit *like = p->like;
		char id[ID_MAX * 2], x[32], y[32];
		const char *lab = "";
		resdiff_unit *u;
		bool same = like && like->kind == p->kind;

		resdiff_buf_clear(&label);
		switch (p->kind) {
		case RESDIFF_UNIT_PREAMBLE:
			snprintf(id, sizeof(id), "%sPP%zu", nb.prefix, ++nb.pp);
			lab = same ? like->label : "";
			nb.level = 0;
			break;
		case RESDIFF_UNIT_ARTICLE: {
			/* a declaration's article keeps its number, as printed
			 * in its heading; a new one follows the last */
			const char *n = same ? strstr(like->id, "ART") : NULL;
			int number = n && n[3] >= '0' && n[3] <= '9' ? atoi(n + 3) :
				(nb.article[0] ? atoi(strstr(nb.article, "ART") + 3) + 1 : 1);
			snprintf(id, sizeof(id), "%sART%d", nb.prefix, number);
			snprintf(nb.article, sizeof(nb.article), "%s", id);
			nb.art_para = 0;
			numbering_open(&nb, id);
			lab = same ? like->label : "";
			break;
		}
		case RESDIFF_UNIT_PARAGRAPH:
			if (nb.article[0]) {  /* a paragraph of the article: ART12.<k> */
				snprintf(id, sizeof(id), "%s.%d", nb.article, ++nb.art_para);
				if (same && like->label[0]) {
					if ((error = number_label(&label, like->label, nb.art_para)) < 0)
						break;
					lab = label.ptr;
				}
				numbering_open(&nb, id);
				break;
			}
			/* fall through */
		case RESDIFF_UNIT_OPERATIVE: {
			size_t uses;
			/* a number printed again (an annex starting again at 1)
			 * starts the count again */
			if (p->origin && p->origin->kind == p->kind && strchr(p->origin->id, '~'))
				nb.number = printed_number(p->origin->id) - 1;
			nb.number++;
			snprintf(id, sizeof(id), "%s%s%d", nb.prefix,
				resolution ? "OP" : "P", nb.number);
			if (!(uses = id_uses(&used, id, ap->res->arena, &error)) && error)
				break;
			if (uses > 1)
				snprintf(id + strlen(id), sizeof(id) - strlen(id), "~%zu", uses);
			if (same && like->label[0])
				nb.number_label = like->label;
			if (same && !like->label[0]) {
				lab = "";  /* printed unnumbered (a declaration's proclamation) */
			} else {
				if ((error = number_label(&label, nb.number_label, nb.number)) < 0)
					break;
				lab = label.ptr;
			}
			numbering_open(&nb, id);
			break;
		}
		case RESDIFF_UNIT_SUBPARAGRAPH: {
			int level = p->origin && p->origin->kind == p->kind ? level_of(number_of(p->origin->id)) :
				(like && like->kind == p->kind ? level_of(number_of(like->id)) :
				 nb.level ? nb.level : 1);
			if (level == 2 && !nb.sub[0])
				level = 1;
			if (!nb.parent[0])
				snprintf(nb.parent, sizeof(nb.parent), "%s%s0", nb.prefix,
					resolution ? "OP" : "P");
			if (level == 1) {
				nb.sub[0]++;
				nb.sub[1] = 0;
			} else {
				nb.sub[1]++;
			}
			letter(x, sizeof(x), nb.sub[0]);
			roman(y, sizeof(y), nb.sub[1]);
			if (level == 1)
				snprintf(id, sizeof(id), "%s(%s)", nb.parent, x);
			else
				snprintf(id, sizeof(id), "%s(%s)(%s)", nb.parent, x, y);
			if (level == 1 && letters->count >= nb.sub[0])
				error = resdiff_buf_printf(&label, "(%s)", letters->entry[nb.sub[0] - 1].text);
			else
				error = resdiff_buf_printf(&label, "(%s)", level == 1 ? x : y);
			lab = label.ptr;
			nb.level = level;
			break;
		}
		case RESDIFF_UNIT_HEADING:
			if (like && !strncmp(like->id, "ANNEX", 5) && !strchr(like->id, '-') && same) {
				/* an annex: its own numbering, ids with its prefix */
				snprintf(id, sizeof(id), "%s", like->id);
				snprintf(nb.prefix, sizeof(nb.prefix), "%s-", like->id);
				nb.pp = nb.h = nb.b = 0;
				nb.number = 0;
				nb.parent[0] = '\0';
				nb.article[0] = '\0';
				nb.art_para = 0;
			} else {
				snprintf(id, sizeof(id), "%sH%zu", nb.prefix, ++nb.h);
			}
			lab = same ? like->label : "";
			nb.level = 0;
			break;
		default:
			snprintf(id, sizeof(id), "%sB%zu", nb.prefix, ++nb.b);
			lab = same ? like->label : "";
			break;
		}
		if (error < 0 || (error = resdiff_doc_add_unit(&u, doc, id, p->kind, lab, p->text,
				p->origin ? p->origin->line : 0)) < 0)
			break;
		for (f = 0; p->origin && f < p->origin->fnref_count && !error; f++)
			error = resdiff_doc_add_fnref(doc, u, p->origin->fnrefs[f].label,
				carry_offset(p->origin->text, p->text, p->edits, p->edit_count,
					p->origin->fnrefs[f].offset));
	}
	free(used.slots);
	resdiff_buf_dispose(&label);
	return error;
}

static int copy_meta(resdiff_doc *doc, const resdiff_doc *d)
{
	const resdiff_meta *m = &d->meta;
	size_t k;
	int error;
	if ((error = resdiff_doc_set_meta(doc, &doc->meta.symbol, m->symbol)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.body, m->body)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.kind, m->kind)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.date, m->date)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.meeting, m->meeting)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.title, m->title)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.language, m->language)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.chapeau, m->chapeau)) < 0 ||
	    (error = resdiff_doc_set_meta(doc, &doc->meta.series, m->series)) < 0)
		return error;
	for (k = 0; k < m->footnote_count; k++)
		if ((error = resdiff_doc_add_meta_footnote(doc, m->footnotes[k])) < 0)
			return error;
	for (k = 0; k < d->footnote_count; k++)
		if ((error = resdiff_doc_add_footnote(doc, d->footnotes[k].label, d->footnotes[k].text,
				d->footnotes[k].line)) < 0)
			return error;
	return 0;
}

void resdiff_amend_result_free(resdiff_amend_result *r)
{
	if (!r)
		return;
	resdiff_doc_free(r->doc);
	free(r->outcomes);
	resdiff_arena_free(r->arena);
	free(r);
}

int resdiff_amendments_apply(resdiff_amend_result **out, const resdiff_doc *draft,
		const resdiff_amendments *am)
{
	applier ap;
	resdiff_amend_result *res = calloc(1, sizeof(*res));
	size_t i, n;
	int error = 0;

	*out = NULL;
	memset(&ap, 0, sizeof(ap));
	ap.draft = draft;
	ap.am = am;
	ap.res = res;
	if (!res || !(res->arena = resdiff_arena_new()) ||
	    !(res->outcomes = calloc(am->count + 1, sizeof(*res->outcomes))) ||
	    !(ap.ops = calloc(am->count + 1, sizeof(*ap.ops))) ||
	    !(ap.last_insert = calloc(am->count + 1, sizeof(size_t))) ||
	    !(ap.units = calloc(draft->unit_count + 1, sizeof(unit_state)))) {
		error = nomem();
		goto done;
	}
	res->count = am->count;
	/* node 0 is the start of the text, node u + 1 the draft's clause u */
	for (n = 0; n <= draft->unit_count && !error; n++) {
		size_t at;
		error = add_node(&ap, &at, n ? N_UNIT : N_START, n ? n - 1 : 0, NULL, 0, 0);
	}
	for (i = 0; i < am->count && !error; i++) {
		res->outcomes[i].amendment = &am->items[i];
		if (am->items[i].error) {
			res->outcomes[i].status = RESDIFF_AMEND_UNREAD;
			res->outcomes[i].reason = am->items[i].error;
			continue;
		}
		error = resolve(&ap, i);
	}
	if (error < 0 || (error = find_clashes(&ap)) < 0 || (error = check_dependencies(&ap)) < 0 ||
	    (error = place_all(&ap)) < 0 || (error = resdiff_doc_new(&res->doc)) < 0 ||
	    (error = copy_meta(res->doc, draft)) < 0 || (error = number_all(&ap, res->doc)) < 0)
		goto done;
	for (i = 0; i < am->count; i++)
		res->applied += res->outcomes[i].status == RESDIFF_AMEND_APPLIED;
	*out = res;
	res = NULL;
done:
	free(ap.ops);
	free(ap.claims);
	free(ap.edits);
	free(ap.nodes);
	free(ap.last_insert);
	free(ap.units);
	free(ap.out);
	resdiff_buf_dispose(&ap.scratch);
	resdiff_amend_result_free(res);
	return error;
}
