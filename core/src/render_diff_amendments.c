/* render_diff_amendments.c: the changes as formal amendment instructions
 * citing the old numbering, in a language's [amendment-phrases]
 * (core/lang/<code>.txt; English's when it lacks one). */
#include "amend_space.h"
#include "resdiff/diff.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many edits, or under this similarity, a clause is replaced
 * whole rather than edited piece by piece. */
#define AMEND_MAX_EDITS 6
#define AMEND_MIN_SIMILARITY 0.5
/* Characters of context quoted before an insertion. */
#define AMEND_CONTEXT 12
#define AMEND_CONTEXT_WORD 40

typedef struct {
	resdiff_buf *out;
	const resdiff_lang *lang;          /* whose amendment-phrases are written */
	const resdiff_diff *diff;
	size_t item;                       /* number of the amendment being written */
	const resdiff_unit *insert_anchor; /* old clause the last insertion followed */
	bool *part;                        /* new clauses written as insertions of their own:
	                                    * the later parts of a split whose parts are
	                                    * apart or of other kinds */
	size_t insert_item;                /* ... and its amendment number (0: none) */
	bool script_spaced;                /* the texts' script spaces its words */
} amender;

/* The values of one phrase: each {name} it holds is written from these. */
typedef struct {
	amender *m;
	const resdiff_unit *ref;           /* {ref}, {n} */
	const size_t *refs;                /* {refs}: old clauses */
	size_t ref_count;
	const size_t *texts;               /* {texts}: new clauses texts[0..count), */
	size_t first, count;               /* or count from first; {count} */
	size_t item;                       /* {item} */
	resdiff_unit_kind kind;            /* {noun} */
	size_t new_unit;                   /* {where}, {place}, {place-bare} */
	const resdiff_edit *old, *new;     /* {old}, {new} */
	const char *context;               /* {context}: context_len bytes */
	const resdiff_edit *edits;         /* {edits}: edit_count of them */
	size_t context_len, edit_count;
	const char *old_symbol, *new_symbol;
	const char *section;               /* {section}: a heading's label */
} phrase_values;

static int value(resdiff_buf *out, const char *name, size_t len, void *ctx);

/* Write the phrase `key` of the amender's language with these values. */
static int say(amender *m, const char *key, phrase_values *v)
{
	const char *phrase = resdiff_lang_phrase(m->lang, RESDIFF_SECTION_AMENDMENT_PHRASES, key);
	phrase_values none = { 0 };
	if (!phrase)
		return resdiff_error_set(RESDIFF_EINVALID, "core/lang/%s.txt: no amendment phrase %s",
			m->lang->code, key);
	v = v ? v : &none;
	v->m = m;
	return resdiff_lang_expand(m->out, phrase, value, v);
}

static int put_quoted(amender *m, const char *s, size_t len)
{
	int error;
	if ((error = say(m, "quote-open", NULL)) < 0 ||
	    (error = resdiff_text_sanitize(m->out, s, len, false)) < 0)
		return error;
	return say(m, "quote-close", NULL);
}

/* "OP61(a)" -> "61(a)", "PP3" -> "3". */
static const char *number_of(const char *id)
{
	while (*id >= 'A' && *id <= 'Z')
		id++;
	return id;
}

/* The phrase `what` ("ref", "noun") of a unit kind: "ref-operative". */
static int say_kind(amender *m, const char *what, resdiff_unit_kind kind, phrase_values *v)
{
	static const char *const kinds[] = { "preambular", "operative", "subparagraph", "heading" };
	char key[32];
	snprintf(key, sizeof(key), "%s-%s", what,
		kind <= RESDIFF_UNIT_HEADING ? kinds[kind] : "other");
	return say(m, key, v);
}

/* "operative paragraph 5" / "执行部分第5段". */
static int put_ref(amender *m, const resdiff_unit *u)
{
	phrase_values v = { .ref = u };
	return say_kind(m, "ref", u->kind, &v);
}

/* {refs}: old clauses, joined by the language's list separators. */
static int put_refs(const phrase_values *v)
{
	size_t i;
	int error = 0;
	for (i = 0; i < v->ref_count && !error; i++) {
		if (i)
			error = say(v->m, i + 1 == v->ref_count ? "list-last" : "list-separator", NULL);
		if (!error)
			error = put_ref(v->m, &v->m->diff->alignment->old_doc->units[v->refs[i]]);
	}
	return error;
}

/* {texts}: new clauses, quoted. */
static int put_texts(const phrase_values *v)
{
	size_t i;
	int error = 0;
	for (i = 0; i < v->count && !error; i++) {
		const resdiff_unit *u = &v->m->diff->alignment->new_doc->units[
			v->texts ? v->texts[i] : v->first + i];
		if (i)
			error = say(v->m, "separator", NULL);
		if (!error)
			error = put_quoted(v->m, u->text, strlen(u->text));
	}
	return error;
}

/* The old clause a new clause follows: the old counterpart of the nearest
 * matched new clause before it, or NULL at the start. Of clauses merged
 * into one it is the first, where the merged text stands: after the last,
 * an insertion went where that clause was, not where the text was moved. */
static const resdiff_unit *old_anchor(const amender *m, size_t new_unit)
{
	const resdiff_alignment *al = m->diff->alignment;
	while (new_unit-- > 0) {
		const resdiff_change *c = &al->changes[al->new_change[new_unit]];
		if (c->old_count && !m->part[new_unit])
			return &al->old_doc->units[c->old_units[c->new_count == 1 ? 0 : c->old_count - 1]];
	}
	return NULL;
}

/* "after operative paragraph 7" / "在执行部分第7段之后"; bare: the form a
 * verb that already says where takes ("执行部分第7段之后" in "移至…"). */
static int put_place(amender *m, size_t new_unit, bool bare)
{
	phrase_values v = { .ref = old_anchor(m, new_unit) };
	if (!v.ref)
		return say(m, bare ? "place-start-bare" : "place-start", NULL);
	return say(m, bare ? "place-after-bare" : "place-after", &v);
}

/* Where an insertion goes. Several insertions after the same old clause
 * (new paragraphs, then a heading, then more paragraphs) are applied in
 * order: each goes after the text the previous one inserted, not after the
 * old clause again, or applying them one by one would reverse them (found
 * in review). */
static int put_insert_place(amender *m, size_t new_unit)
{
	const resdiff_unit *a = old_anchor(m, new_unit);
	phrase_values v = { .item = m->insert_item };
	int error;
	if (m->insert_item && a == m->insert_anchor)
		error = say(m, "after-inserted", &v);
	else
		error = put_place(m, new_unit, false);
	m->insert_anchor = a;
	m->insert_item = m->item;
	return error;
}

/* The last AMEND_CONTEXT characters of an equal run; in scripts that
 * space their words (`words`), from a word's start: "meetings at the",
 * not "ment at the", and "representatives", not "resentatives" (a word
 * longer than the context is quoted whole). */
static void tail_of(const char *s, size_t len, bool words, const char **start, size_t *n)
{
	size_t i = len, chars = 0;
	while (i > 0 && chars < AMEND_CONTEXT) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	}
	if (words && i > 0 && s[i - 1] != ' ') {
		size_t k = i;
		const char *space;
		/* back to the word's start, within AMEND_CONTEXT_WORD bytes */
		while (k > 0 && s[k - 1] != ' ' && i - k < AMEND_CONTEXT_WORD)
			k--;
		if (k == 0 || s[k - 1] == ' ')
			i = k;
		else if ((space = memchr(s + i, ' ', len - i)) != NULL)
			i = (size_t)(space - s) + 1;  /* the next word's start */
		else  /* one word longer than AMEND_CONTEXT_WORD: quoted whole */
			while (i > 0 && s[i - 1] != ' ')
				i--;
	}
	*start = s + i;
	*n = len - i;
}

/* One edit of a clause as it is written: the old clause's bytes [s, e)
 * replaced by new_text (s == e: an insertion), quoted within the window
 * [cs, ce) of the old text, which holds it and occurs in the clause once. */
typedef struct {
	size_t s, e, cs, ce;
	const char *new_text;
	size_t new_len;
} hunk;

/* How many times needle[0..n) is in hay, counting up to 2. */
static size_t occurrences(const char *hay, size_t hlen, const char *needle, size_t n)
{
	size_t i, k = 0;
	if (!n)
		return 2;
	for (i = 0; i + n <= hlen && k < 2; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, n))
			k++;
	return k;
}

static bool spaced(const char *s, size_t len)
{
	return memchr(s, ' ', len) != NULL;
}

/* One word (a code point where words are not spaced) further left or right. */
static size_t word_left(const char *s, size_t i, bool words)
{
	if (!words) {
		while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
			;
		return i;
	}
	while (i > 0 && s[i - 1] == ' ')
		i--;
	while (i > 0 && s[i - 1] != ' ')
		i--;
	return i;
}

static size_t word_right(const char *s, size_t len, size_t i, bool words)
{
	if (!words) {
		while (i < len && ((unsigned char)s[++i] & 0xC0) == 0x80)
			;
		return i;
	}
	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Grow h's window until its words are in the clause once: leftwards first
 * (an insertion keeps "after X insert Y"), then rightwards. Where the quote
 * is found more than once the reader cannot say which is meant
 * (amend_apply.c refuses to guess), so the writer never writes one. */
static void widen(hunk *h, const char *old, size_t olen, bool words)
{
	bool left = true;
	while (occurrences(old, olen, old + h->cs, h->ce - h->cs) > 1 &&
	       (h->cs > 0 || h->ce < olen)) {
		if ((left && h->cs > 0) || h->ce == olen)
			h->cs = word_left(old, h->cs, words);
		else
			h->ce = word_right(old, olen, h->ce, words);
		left = h->s != h->e ? !left : h->cs > 0;
	}
}

/* The old window's text with the hunks from..to applied. */
static int window_new(resdiff_buf *b, const char *old, const hunk *h, size_t from, size_t to)
{
	size_t k, at = h[from].cs;
	int error = 0;
	resdiff_buf_clear(b);
	for (k = from; k <= to && !error; k++) {
		if ((error = resdiff_buf_put(b, old + at, h[k].s - at)) < 0 ||
		    (error = resdiff_buf_put(b, h[k].new_text, h[k].new_len)) < 0)
			break;
		at = h[k].e;
	}
	if (!error)
		error = resdiff_buf_put(b, old + at, h[to].ce - at);
	return error;
}

/* One amendment edit as written: "at the start insert N", "after Q insert
 * N" or "replace Q with N" / "delete Q" (N empty); Q is old[qs, qe), N is
 * news[ns, ne) of the clause's buffer of new texts. */
typedef enum { QUOTE_START, QUOTE_AFTER, QUOTE_REPLACE } quote_how;

typedef struct {
	quote_how how;
	size_t qs, qe, ns, ne;
} quote_form;

/* The exact form of the hunks from..to, whose windows were merged into
 * h[from]'s: its quotes hold their edge spaces. Its new text is appended
 * to news. */
static int exact_form(quote_form *f, resdiff_buf *news, const char *old, const hunk *h,
		size_t from, size_t to, resdiff_buf *scratch)
{
	int error;
	f->qs = h[from].cs;
	f->qe = h[to].ce;
	f->how = QUOTE_REPLACE;
	f->ns = news->size;
	if (from == to && h[from].s == h[from].e &&
	    ((h[from].cs == h[from].s && h[from].s == 0) || h[from].ce == h[from].e)) {
		f->how = h[from].s == 0 && h[from].cs == 0 ? QUOTE_START : QUOTE_AFTER;
		f->qe = h[from].s;
		error = resdiff_buf_put(news, h[from].new_text, h[from].new_len);
	} else if ((error = window_new(scratch, old, h, from, to)) >= 0) {
		error = resdiff_buf_put(news, scratch->ptr ? scratch->ptr : "", scratch->size);
	}
	f->ne = news->size;
	return error;
}

/* The tidy form of f (its quotes without edge spaces), or false when
 * there is none other than f: a quote or an insertion that is all space. */
static bool tidy_form(const quote_form *f, const char *old, const char *news, quote_form *t)
{
	size_t a, b;
	*t = *f;
	if (f->how != QUOTE_START) {
		resdiff_amend_space_trim(old + f->qs, f->qe - f->qs, &a, &b);
		if (a == b)
			return false;
		t->qs = f->qs + a;
		t->qe = f->qs + b;
	}
	resdiff_amend_space_trim(news + f->ns, f->ne - f->ns, &a, &b);
	if (a == b && (f->how != QUOTE_REPLACE || f->ne > f->ns))
		return false;
	t->ns = f->ns + a;
	t->ne = f->ns + b;
	return t->qs != f->qs || t->qe != f->qe || t->ns != f->ns || t->ne != f->ne;
}

/* Whether the reader (amend_apply.c) applying the forms f[0..n) to the
 * old clause gets back exactly `want`: each quote found in the clause
 * once, the edits in order and apart, spaced by the shared rule of
 * amend_space.h. */
static int forms_apply(const quote_form *f, size_t n, const char *old, size_t olen,
		const char *news, const char *want, size_t wlen, resdiff_buf *out, bool *same)
{
	size_t k, pos = 0, last_end = 0, at = 0, out_start;
	int error = 0;

	*same = false;
	resdiff_buf_clear(out);
	for (k = 0; k < n; k++) {
		size_t ql = f[k].qe - f[k].qs, nl = f[k].ne - f[k].ns, start = 0, end = 0;
		const char *q = old + f[k].qs, *p;
		if (f[k].how != QUOTE_START) {
			if (occurrences(old, olen, q, ql) != 1)
				return 0;
			for (p = old; memcmp(p, q, ql); p++)
				;
			at = (size_t)(p - old);
			start = f[k].how == QUOTE_AFTER ? at + ql : at;
			end = at + ql;
		}
		if (start < last_end || start < pos)
			return 0;
		/* the reader judges a quote tidy by its new text, or by its old
		 * one when it inserts nothing */
		if ((error = resdiff_amend_space_splice(out, old, olen, &pos, start, end,
				news + f[k].ns, nl, resdiff_amend_space_tidy(nl ? news + f[k].ns : q,
				nl ? nl : ql), &out_start)) < 0)
			return error;
		last_end = end;
	}
	if ((error = resdiff_buf_put(out, old + pos, olen - pos)) < 0)
		return error;
	*same = out->size == wlen && (!wlen || !memcmp(out->ptr, want, wlen));
	return 0;
}

/* Write one form. */
static int put_form(amender *m, const char *old, const char *news, const quote_form *f)
{
	resdiff_edit eo = { RESDIFF_EDIT_DELETE, old + f->qs, f->qe - f->qs, false };
	resdiff_edit en = { RESDIFF_EDIT_INSERT, news + f->ns, f->ne - f->ns, false };
	phrase_values v = { .old = &eo, .new = &en };

	if (f->how == QUOTE_START)
		return say(m, "edit-insert-start", &v);
	if (f->how == QUOTE_AFTER) {
		v.context = eo.text;
		v.context_len = eo.len;
		return say(m, "edit-insert-after", &v);
	}
	return say(m, en.len ? "edit-replace" : "edit-delete", &v);
}

/* The old clause's text is what the edits keep and delete, in order. */
static bool edits_cover(const resdiff_edit *e, size_t n, const char *old, size_t olen)
{
	size_t i, at = 0;
	for (i = 0; i < n; i++) {
		if (e[i].op == RESDIFF_EDIT_INSERT)
			continue;
		if (at + e[i].len > olen || memcmp(old + at, e[i].text, e[i].len))
			return false;
		at += e[i].len;
	}
	return at == olen;
}

/* The new clause: what the edits keep and insert. */
static int new_text(resdiff_buf *b, const resdiff_edit *e, size_t n)
{
	size_t i;
	int error = resdiff_buf_puts(b, "");
	for (i = 0; i < n && error >= 0; i++)
		if (e[i].op != RESDIFF_EDIT_DELETE)
			error = resdiff_buf_put(b, e[i].text, e[i].len);
	return error < 0 ? error : 0;
}

/* The edits of one clause, each quoting enough to be found once. */
static int put_edits(amender *m, const resdiff_unit *u, const resdiff_edit *e, size_t n)
{
	const char *old = u->text;
	size_t olen = strlen(old), i, at = 0, nh = 0, from;
	size_t nf = 0;
	bool words = spaced(old, olen);
	resdiff_buf scratch = RESDIFF_BUF_INIT, news = RESDIFF_BUF_INIT, want = RESDIFF_BUF_INIT;
	hunk *h = NULL;
	quote_form *f = NULL;
	int error = 0;

	if (!edits_cover(e, n, old, olen))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: word edits do not cover its text", u->id);
	if (n && (!(h = calloc(n, sizeof(*h))) || !(f = calloc(n, sizeof(*f))))) {
		free(h);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	/* tidy quotes only in scripts that space their words */
	words = words && m->script_spaced;
	if ((error = resdiff_buf_puts(&news, "")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		hunk *x = &h[nh];
		if (e[i].op == RESDIFF_EDIT_EQUAL) {
			at += e[i].len;
			continue;
		}
		x->s = at;
		if (e[i].op == RESDIFF_EDIT_DELETE) {
			at += e[i].len;
			if (i + 1 < n && e[i + 1].op == RESDIFF_EDIT_INSERT)
				i++, x->new_text = e[i].text, x->new_len = e[i].len;
		} else {
			x->new_text = e[i].text;
			x->new_len = e[i].len;
		}
		x->e = at;
		x->cs = x->s;
		x->ce = x->e;
		if (x->s == x->e && x->s > 0) {
			/* an insertion follows a few words of context */
			const char *ctx;
			size_t clen;
			tail_of(old, x->s, words, &ctx, &clen);
			x->cs = (size_t)(ctx - old);
		}
		if (x->s != x->e || x->s > 0)
			widen(x, old, olen, words);
		nh++;
	}
	/* windows that meet are written as one: the second's words are then
	 * quoted once, and no two edits of one amendment touch */
	for (from = 0, i = 0; i < nh && !error; i++) {
		if (i + 1 < nh && h[i + 1].cs <= h[i].ce) {
			h[i + 1].cs = h[from].cs;
			if (h[i + 1].ce < h[i].ce)
				h[i + 1].ce = h[i].ce;
			continue;
		}
		error = exact_form(&f[nf++], &news, old, h, from, i, &scratch);
		from = i + 1;
	}
	/* UN amendments quote words without their edge spaces ("delete
	 * “strongly”"): each form is made tidy where the reader then gives
	 * back exactly the new clause, else it keeps its spaces */
	if (!error && words && (error = new_text(&want, e, n)) >= 0)
		for (i = 0; i < nf && !error; i++) {
			quote_form keep = f[i];
			bool same = false;
			if (!tidy_form(&keep, old, news.ptr, &f[i]))
				continue;
			if ((error = forms_apply(f, nf, old, olen, news.ptr, want.ptr, want.size,
					&scratch, &same)) >= 0 && !same)
				f[i] = keep;
		}
	for (i = 0; i < nf && !error; i++)
		if ((!i || (error = say(m, "separator", NULL)) >= 0))
			error = put_form(m, old, news.ptr, &f[i]);
done:
	free(h);
	free(f);
	resdiff_buf_dispose(&scratch);
	resdiff_buf_dispose(&news);
	resdiff_buf_dispose(&want);
	return error;
}

/* The label of the heading a clause stands under ("II" for OP3~2 of a
 * text whose sections number their paragraphs from 1 again), or NULL. */
static const char *section_of(const amender *m, const resdiff_unit *u)
{
	const resdiff_alignment *al = m->diff->alignment;
	const resdiff_doc *docs[2] = { al->old_doc, al->new_doc };
	size_t d, i;
	for (d = 0; d < 2; d++) {
		if (!docs[d] || u < docs[d]->units || u >= docs[d]->units + docs[d]->unit_count)
			continue;
		for (i = (size_t)(u - docs[d]->units); i-- > 0;)
			if (docs[d]->units[i].kind == RESDIFF_UNIT_HEADING && docs[d]->units[i].label[0])
				return docs[d]->units[i].label;
		return NULL;
	}
	return NULL;
}

/* Write the value of {name}. */
static int value(resdiff_buf *out, const char *name, size_t len, void *ctx)
{
#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
	phrase_values *v = ctx;
	amender *m = v->m;
	const char *sym = IS("old-symbol") ? v->old_symbol : IS("new-symbol") ? v->new_symbol : NULL;
	if (IS("n") && v->ref) {
		/* an id read from a repository can hold anything (found by
		 * fuzzing, tests/fuzz/render_seeds/amendments_id_escape.txt) */
		const char *n = number_of(v->ref->id), *t = strchr(n, '~'), *after;
		phrase_values sv = { .m = m };
		int error;
		const char *phrase = resdiff_lang_phrase(m->lang, RESDIFF_SECTION_AMENDMENT_PHRASES,
			"in-section");
		if (!t || !phrase || !(sv.section = section_of(m, v->ref)))
			return resdiff_text_sanitize(out, n, strlen(n), false);
		/* "OP3~2(a)" under heading "II": "3(a) of section II", the
		 * number as printed, not the parser's count of its uses */
		for (after = t + 1; *after >= '0' && *after <= '9'; after++)
			;
		if ((error = resdiff_text_sanitize(out, n, (size_t)(t - n), false)) < 0 ||
		    (error = resdiff_text_sanitize(out, after, strlen(after), false)) < 0)
			return error;
		return resdiff_lang_expand(out, phrase, value, &sv);
	}
	if (IS("section") && v->section)
		return resdiff_text_sanitize(out, v->section, strlen(v->section), false);
	if (IS("ref") && v->ref)
		return put_ref(m, v->ref);
	if (IS("refs") || IS("texts"))
		return name[0] == 'r' ? put_refs(v) : put_texts(v);
	if (IS("count") || IS("item"))
		return resdiff_buf_printf(out, "%zu", name[0] == 'c' ? v->count : v->item);
	if (IS("noun") || IS("a-noun"))
		return say_kind(m, IS("noun") ? "noun" : "a-noun", v->kind, NULL);
	if (IS("where"))
		return put_insert_place(m, v->new_unit);
	if (IS("place") || IS("place-bare"))
		return put_place(m, v->new_unit, len > 5);
	if ((IS("old") && v->old) || (IS("new") && v->new))
		return name[0] == 'o' ? put_quoted(m, v->old->text, v->old->len) :
			put_quoted(m, v->new->text, v->new->len);
	if (IS("context") && v->context)
		return put_quoted(m, v->context, v->context_len);
	if (IS("edits") && v->edits)
		return put_edits(m, v->ref, v->edits, v->edit_count);
	if (sym)
		return resdiff_text_sanitize(out, sym, strlen(sym), false);
	return resdiff_error_set(RESDIFF_EINVALID,
		"core/lang/%s.txt: an amendment phrase holds {%.*s}, which has no value there",
		m->lang->code, (int)len, name);
#undef IS
}

static size_t edit_count(const resdiff_edit *e, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += e[i].op != RESDIFF_EDIT_EQUAL &&
		     !(e[i].op == RESDIFF_EDIT_INSERT && i > 0 && e[i - 1].op == RESDIFF_EDIT_DELETE);
	return k;
}

/* A split whose parts follow each other and are of one kind: "Replace
 * operative paragraph 5 with the following paragraphs: ...". Other splits
 * replace the old clause with their first part and insert the others
 * where they stand, in their turn (found when the aligner began to split
 * a clause into parts far apart: applied, "replace with A; B" put B
 * before the clauses between them). */
static bool split_together(const resdiff_alignment *al, const resdiff_change *c)
{
	size_t k;
	for (k = 1; k < c->new_count; k++)
		if (c->new_units[k] != c->new_units[k - 1] + 1 ||
		    al->new_doc->units[c->new_units[k]].kind != al->new_doc->units[c->new_units[0]].kind)
			return false;
	return true;
}

/* One clause that is now of another kind (or a split's first part). */
static bool kind_changed(const resdiff_alignment *al, const resdiff_change *c)
{
	return c->old_count >= 1 && c->new_count >= 1 &&
		(c->new_count == 1 || !split_together(al, c)) &&
		al->old_doc->units[c->old_units[0]].kind != al->new_doc->units[c->new_units[0]].kind;
}

static int amend_one(amender *m, size_t ci, const resdiff_diff_render_options *opts,
		size_t *consumed)
{
	const resdiff_diff *diff = m->diff;
	const resdiff_alignment *al = diff->alignment;
	const resdiff_change *c = &al->changes[ci];
	const resdiff_doc *od = al->old_doc, *nd = al->new_doc;
	phrase_values v = { .refs = c->old_units, .ref_count = c->old_count };
	bool retyped;
	int error = 0;

	switch (c->relation) {
	case RESDIFF_REL_DROPPED:
		return say(m, "delete", &v);
	case RESDIFF_REL_ADDED: {
		/* This and the added clauses right after it, of the same kind:
		 * one insertion. */
		size_t last = ci;
		v.kind = nd->units[c->new_units[0]].kind;
		while (last + 1 < al->change_count &&
		       al->changes[last + 1].relation == RESDIFF_REL_ADDED &&
		       al->changes[last + 1].new_units[0] == al->changes[last].new_units[0] + 1 &&
		       nd->units[al->changes[last + 1].new_units[0]].kind == v.kind &&
		       resdiff_diff_change_shown(diff, last + 1, opts))
			last++;
		*consumed = last - ci;
		v.first = v.new_unit = c->new_units[0];
		v.count = last - ci + 1;
		return say(m, last > ci ? "insert-many" : "insert-one", &v);
	}
	case RESDIFF_REL_UNCHANGED:
		break;
	default:
		if (c->relation != RESDIFF_REL_REWORDED || c->old_count != 1 ||
		    edit_count(diff->edits[ci], diff->edit_count[ci]) > AMEND_MAX_EDITS ||
		    !edits_cover(diff->edits[ci], diff->edit_count[ci], od->units[c->old_units[0]].text,
			    strlen(od->units[c->old_units[0]].text)) ||
		    c->similarity < AMEND_MIN_SIMILARITY) {
			/* Replace whole: "Replace operative paragraph 5 with: ..." */
			v.texts = c->new_units;
			v.count = split_together(al, c) ? c->new_count : 1;
			if ((error = say(m, v.count > 1 ? "replace-many" : "replace-one", &v)) < 0)
				return error;
		} else {
			v.ref = &od->units[c->old_units[0]];
			v.edits = diff->edits[ci];
			v.edit_count = diff->edit_count[ci];
			if ((error = say(m, "edit", &v)) < 0)
				return error;
		}
	}
	/* a clause that becomes another kind (a preambular paragraph made
	 * operative, a paragraph made a sub-paragraph) says so, or applying
	 * the amendments would keep its old kind */
	retyped = kind_changed(al, c);
	if (c->moved || retyped) {
		phrase_values mv = { .ref = &od->units[c->old_units[0]], .new_unit = c->new_units[0],
			.kind = nd->units[c->new_units[0]].kind };
		if (c->relation != RESDIFF_REL_UNCHANGED && (error = say(m, "move-separator", NULL)) < 0)
			return error;
		error = say(m, !c->moved ? "retype" : retyped ? "move-retype" : "move", &mv);
	}
	return error;
}

/* The later parts of splits written as insertions of their own, up to
 * (not including) the new clause `until`, each an amendment. */
static int put_parts(amender *m, size_t *next, size_t until)
{
	const resdiff_doc *nd = m->diff->alignment->new_doc;
	int error = 0;
	for (; *next < until && !error; (*next)++) {
		phrase_values v = { .first = *next, .new_unit = *next, .count = 1 };
		if (!m->part[*next])
			continue;
		v.kind = nd->units[*next].kind;
		m->item++;
		if ((error = resdiff_buf_printf(m->out, "%zu. ", m->item)) < 0 ||
		    (error = say(m, "insert-one", &v)) < 0)
			break;
		error = resdiff_buf_puts(m->out, "\n");
	}
	return error;
}

int resdiff_render_diff_amendments(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	const char *lang = opts && opts->amend_lang ? opts->amend_lang : al->new_doc->meta.language;
	phrase_values header = {
		.old_symbol = al->old_doc->meta.symbol ? al->old_doc->meta.symbol :
			      opts && opts->old_source ? opts->old_source : "?",
		.new_symbol = al->new_doc->meta.symbol ? al->new_doc->meta.symbol :
			      opts && opts->new_source ? opts->new_source : "?",
	};
	amender m;
	size_t i, k, next = 0;
	int error;

	memset(&m, 0, sizeof(m));
	m.out = out;
	m.diff = diff;
	/* a language without every amendment phrase gets English's */
	m.lang = resdiff_lang_get(resdiff_amendments_lang(lang, NULL));
	{
		const resdiff_lang *text_lang = resdiff_lang_get(al->new_doc->meta.language);
		m.script_spaced = !text_lang->script || text_lang->script->spaced;
	}
	if (!(m.part = calloc(al->new_doc->unit_count + 1, sizeof(*m.part))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < al->change_count; i++)
		if (resdiff_diff_change_shown(diff, i, opts) && !split_together(al, &al->changes[i]))
			for (k = 1; k < al->changes[i].new_count; k++)
				m.part[al->changes[i].new_units[k]] = true;
	if ((error = resdiff_lang_load()) < 0 || (error = say(&m, "header", &header)) < 0 ||
	    (error = resdiff_buf_puts(out, "\n\n")) < 0)
		goto done;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		size_t consumed = 0;
		if (!resdiff_diff_change_shown(diff, i, opts) ||
		    (c->relation == RESDIFF_REL_UNCHANGED && !c->moved && !kind_changed(al, c)))
			continue;
		if (c->new_count && (error = put_parts(&m, &next, c->new_units[0])) < 0)
			goto done;
		m.item++;
		if ((error = resdiff_buf_printf(out, "%zu. ", m.item)) < 0 ||
		    (error = amend_one(&m, i, opts, &consumed)) < 0 || (error = resdiff_buf_puts(out, "\n")) < 0)
			goto done;
		i += consumed;
	}
	if ((error = put_parts(&m, &next, al->new_doc->unit_count)) < 0)
		goto done;
	if (!m.item && (error = say(&m, "none", NULL)) >= 0)
		error = resdiff_buf_puts(out, "\n");
done:
	free(m.part);
	return error < 0 ? error : 0;
}
