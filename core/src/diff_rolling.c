/* diff_rolling.c: which edits are only the rolling update of an annual
 * resolution (docs/DIFF.md, "Rolling updates"): a session ordinal, a
 * session number, a year or a date, a document symbol or the number of a
 * previous resolution, moved forward by the distance between the two
 * texts ("seventy-fourth" -> "seventy-fifth", "第六十四届" -> "第六十五届",
 * A/74/62 -> A/75/62, 73/218 -> 74/197, "20 December 2018" -> "19 December
 * 2019").
 *
 * Each run of deletions and insertions is widened to the values it touches
 * (a run "fourth" -> "fifth" inside "seventy-fourth" reads the whole
 * ordinal), runs that touch one value are joined, and a run is rolling when
 * both sides hold the same sequence of values and words, every word is the
 * same, and every value that differs moved forward by a step: the session
 * or year distance of the two texts (their symbols and dates), or when
 * neither is known the distance most values of the diff moved by. */
#include "diff_signals.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Words of one run looked up as a number ("soixante et onzième"): the
 * lookup reads at most this many at once. */
#define ROLLING_WORDS_MAX 8
/* A value, a word or a punctuation mark of a text: at most this many per
 * side of a change are read (longer texts are not rolling updates). */
#define ROLLING_ITEMS_MAX 100000
/* Years: four digits in this range. */
#define YEAR_MIN 1900
#define YEAR_MAX 2199

#define NOMEM() resdiff_error_set(RESDIFF_ENOMEM, "out of memory")

typedef enum {
	ITEM_WORD = 0,   /* a word or a punctuation mark */
	ITEM_NUMBER,     /* digits, a number in words or numerals */
	ITEM_SYMBOL,     /* digits and '/': "A/74/62", "74/197", "2019/24" */
	ITEM_MONTH
} item_kind;

typedef struct {
	item_kind kind;
	size_t start, end;   /* bytes of the text */
	long value;          /* NUMBER, MONTH */
	bool year;           /* NUMBER: four digits from YEAR_MIN, or marked 年 */
	bool ordinal;        /* NUMBER: in words or numerals, or "52nd" */
} item;

typedef struct {
	item *v;
	size_t n, alloc;
} items;

/* An array of *alloc elements of `size` bytes grown to twice as many
 * (`first` when empty): the new array, *alloc updated; NULL when out of
 * memory, the old array kept. */
static void *grow(void *v, size_t *alloc, size_t size, size_t first)
{
	size_t na = *alloc ? *alloc * 2 : first;
	void *p = realloc(v, na * size);
	if (p)
		*alloc = na;
	return p;
}

static int item_push(items *l, item_kind kind, size_t start, size_t end)
{
	item *it;
	if (l->n == ROLLING_ITEMS_MAX)
		return 1;
	if (l->n == l->alloc) {
		item *p = grow(l->v, &l->alloc, sizeof(*p), 64);
		if (!p)
			return NOMEM();
		l->v = p;
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->start = start;
	it->end = end;
	return 0;
}

/* ---- reading a text into items ------------------------------------------- */

static bool is_alnum(int32_t cp)
{
	return cp >= 0 && (u_isalnum(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK));
}

static bool is_han(int32_t cp)
{
	return cp >= 0 && !resdiff_script_of((uint32_t)cp)->spaced;
}

static bool is_connector(int32_t cp)
{
	return cp == '/' || cp == '.' || cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static bool is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* A word in comparison form (case-folded) into out, NUL terminated. */
static int fold_word(resdiff_buf *out, const char *s, size_t len)
{
	size_t i;
	bool ascii = true;
	int error;
	resdiff_buf_clear(out);
	for (i = 0; i < len; i++)
		ascii &= (unsigned char)s[i] < 0x80;
	if (!ascii) {
		error = resdiff_compare_key(out, s, len, RESDIFF_KEY_WORDS);
	} else {
		error = 0;
		for (i = 0; i < len && !error; i++)
			error = resdiff_buf_putc(out, (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]));
	}
	return error ? error : resdiff_buf_put(out, "", 0);
}

static bool listed(const resdiff_lang_list *l, const char *w, long *value)
{
	size_t i;
	for (i = 0; i < l->count; i++)
		if (!strcmp(l->entry[i].text, w)) {
			*value = l->entry[i].number;
			return true;
		}
	return false;
}

/* A run of letters, hyphenated words included, split into words: each
 * becomes a number (several may make one), a month or a word. */
typedef struct {
	size_t start[ROLLING_WORDS_MAX], end[ROLLING_WORDS_MAX];
	char *word[ROLLING_WORDS_MAX];
	size_t n;
} word_run;

static void run_free(word_run *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		free(r->word[i]);
	r->n = 0;
}

static int run_flush(items *out, word_run *r, const resdiff_lang *lang)
{
	size_t at = 0;
	int error = 0;

	while (at < r->n && !error) {
		long value = 0;
		size_t used = resdiff_lang_number_words(lang, (const char *const *)r->word + at,
			r->n - at, &value);
		if (used) {
			if ((error = item_push(out, ITEM_NUMBER, r->start[at], r->end[at + used - 1])) == 0) {
				out->v[out->n - 1].value = value;
				out->v[out->n - 1].ordinal = true;
			}
			at += used;
			continue;
		}
		if (listed(&lang->section[RESDIFF_SECTION_MONTHS], r->word[at], &value) ||
		    listed(&lang->section[RESDIFF_SECTION_MONTH_VARIANTS], r->word[at], &value)) {
			if ((error = item_push(out, ITEM_MONTH, r->start[at], r->end[at])) == 0)
				out->v[out->n - 1].value = value;
		} else {
			error = item_push(out, ITEM_WORD, r->start[at], r->end[at]);
		}
		at++;
	}
	run_free(r);
	return error;
}

static int run_add(items *out, word_run *r, const resdiff_lang *lang, resdiff_buf *tmp,
		const char *s, size_t start, size_t end)
{
	int error;
	if (r->n == ROLLING_WORDS_MAX && (error = run_flush(out, r, lang)) != 0)
		return error;
	if ((error = fold_word(tmp, s + start, end - start)) < 0)
		return error;
	if (!(r->word[r->n] = strdup(tmp->ptr)))
		return NOMEM();
	r->start[r->n] = start;
	r->end[r->n++] = end;
	return 0;
}

/* Digits, maybe with an ordinal ending ("52nd"), or a symbol. */
static int digits_item(items *out, const resdiff_lang *lang, resdiff_buf *tmp, const char *s,
		size_t start, size_t end)
{
	size_t i = start, k;
	long v = 0;
	bool slash = false, digit = false, letter = false;
	int error;

	for (k = start; k < end; k++) {
		slash |= s[k] == '/';
		digit |= s[k] >= '0' && s[k] <= '9';
		letter |= !(s[k] >= '0' && s[k] <= '9') && s[k] != '/' && s[k] != '.' && s[k] != '-';
	}
	if (slash && digit)
		return item_push(out, ITEM_SYMBOL, start, end);
	while (i < end && s[i] >= '0' && s[i] <= '9' && i - start < 9)
		v = v * 10 + (s[i++] - '0');
	if (i == start || (i < end && s[i] >= '0' && s[i] <= '9'))
		return item_push(out, ITEM_WORD, start, end);
	if (i < end) {  /* "52nd": an ordinal when the ending is the language's */
		size_t m;
		const resdiff_lang_list *sfx = &lang->section[RESDIFF_SECTION_DAY_SUFFIXES];
		bool ok = false;
		if (letter && (error = fold_word(tmp, s + i, end - i)) < 0)
			return error;
		for (m = 0; letter && m < sfx->count && !ok; m++)
			ok = !strcmp(sfx->entry[m].text, tmp->ptr);
		if (!ok)
			return item_push(out, ITEM_WORD, start, end);
		if ((error = item_push(out, ITEM_NUMBER, start, end)) == 0) {
			out->v[out->n - 1].value = v;
			out->v[out->n - 1].ordinal = true;
		}
		return error;
	}
	if ((error = item_push(out, ITEM_NUMBER, start, end)) == 0) {
		out->v[out->n - 1].value = v;
		out->v[out->n - 1].year = end - start == 4 && v >= YEAR_MIN && v <= YEAR_MAX;
	}
	return error;
}

/* A mark of a numeric date after digits ("2019年", "7月", "23日"). The
 * phrases are looked up only after digits (issue 18: three lookups, each a
 * strcmp per entry, for every Han character were 5 % of a 10 000-paragraph
 * diff). */
static bool date_mark(item *prev, const resdiff_lang *lang, const char *s, size_t start, size_t end)
{
	const char *y, *m, *d;
	size_t len = end - start;
	if (prev->kind != ITEM_NUMBER || prev->ordinal || prev->end != start)
		return false;
	y = resdiff_lang_phrase(lang, RESDIFF_SECTION_NUMERIC_DATE, "year");
	m = resdiff_lang_phrase(lang, RESDIFF_SECTION_NUMERIC_DATE, "month");
	d = resdiff_lang_phrase(lang, RESDIFF_SECTION_NUMERIC_DATE, "day");
	if (y && strlen(y) == len && !memcmp(y, s + start, len)) {
		prev->year = true;
	} else if (m && strlen(m) == len && !memcmp(m, s + start, len) && prev->value >= 1 &&
		   prev->value <= 12) {
		prev->kind = ITEM_MONTH;
	} else if (!(d && strlen(d) == len && !memcmp(d, s + start, len))) {
		return false;
	}
	prev->end = end;
	return true;
}

/* The items of s[0..len). 1 when there are too many. */
static int scan(items *out, const char *s, size_t len, const resdiff_lang *lang)
{
	resdiff_buf tmp = RESDIFF_BUF_INIT;
	word_run run;
	size_t i = 0, adv;
	int error = 0;

	out->n = 0;
	run.n = 0;
	while (i < len && !error) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		size_t start = i, j, a2;
		bool digit;
		if (cp >= 0 && resdiff_text_is_space((uint32_t)cp)) {
			i += adv;
			continue;
		}
		if (is_han(cp)) {
			size_t used = 0;
			long v = resdiff_lang_numerals(lang, s + i, len - i, &used);
			if ((error = run_flush(out, &run, lang)) != 0)
				break;
			if (used) {
				if ((error = item_push(out, ITEM_NUMBER, i, i + used)) == 0) {
					out->v[out->n - 1].value = v;
					out->v[out->n - 1].ordinal = true;
				}
				i += used;
			} else {
				if (!out->n || !date_mark(&out->v[out->n - 1], lang, s, i, i + adv))
					error = item_push(out, ITEM_WORD, i, i + adv);
				i += adv;
			}
			continue;
		}
		if (!is_alnum(cp)) {  /* a punctuation mark is a word of its own */
			if ((error = run_flush(out, &run, lang)) == 0)
				error = item_push(out, ITEM_WORD, i, i + adv);
			i += adv;
			continue;
		}
		/* a token: letters and digits, with '/', '.' and '-' inside */
		digit = false;
		for (j = i; j < len;) {
			int32_t c2 = resdiff_utf8_decode(s + j, len - j, &a2);
			if (is_alnum(c2) && !is_han(c2)) {
				digit |= c2 >= '0' && c2 <= '9';
				j += a2;
				continue;
			}
			if (is_connector(c2) && j + a2 < len) {
				size_t a3;
				int32_t c3 = resdiff_utf8_decode(s + j + a2, len - j - a2, &a3);
				if (is_alnum(c3) && !is_han(c3)) {
					j += a2;
					continue;
				}
			}
			break;
		}
		if (digit) {
			if ((error = run_flush(out, &run, lang)) == 0)
				error = digits_item(out, lang, &tmp, s, start, j);
		} else {  /* words; a hyphen separates them, '/' and '.' do not */
			size_t w = start;
			for (i = start; i <= j && !error; ) {
				int32_t c2 = i < j ? resdiff_utf8_decode(s + i, j - i, &a2) : -1;
				if (i == j || is_hyphen(c2)) {
					if (i > w)
						error = run_add(out, &run, lang, &tmp, s, w, i);
					if (i == j)
						break;
					i += a2;
					w = i;
				} else {
					i += a2;
				}
			}
		}
		i = j;
	}
	if (!error)
		error = run_flush(out, &run, lang);
	run_free(&run);
	resdiff_buf_dispose(&tmp);
	return error;
}

/* ---- runs of edits -------------------------------------------------------- */

typedef struct {
	size_t os, oe, ns, ne;        /* bytes of the old and new texts */
	size_t first, last;           /* its edits, first..last */
	size_t oi0, oi1, ni0, ni1;    /* the items it touches on each side */
} edit_run;

/* The items of l that [s, e) touches: those it overlaps, or for an empty
 * span the one around it. */
static void touched(const items *l, size_t s, size_t e, size_t *i0, size_t *i1)
{
	size_t k = 0;
	while (k < l->n && l->v[k].end <= s && !(s == e && l->v[k].end > s))
		k++;
	*i0 = k;
	if (s == e) {
		*i1 = k < l->n && l->v[k].start < s ? k + 1 : k;
		return;
	}
	while (k < l->n && l->v[k].start < e)
		k++;
	*i1 = k;
}

/* ---- judging a run --------------------------------------------------------- */

typedef struct {
	const long *steps;        /* the moves that count; steps[0..nsteps) */
	size_t nsteps;
	long *deltas;             /* when collecting: every move seen */
	size_t ndeltas, dalloc;
	bool collect;
	bool year_moved;          /* a year of the change moved by a step */
	int error;
} judge;

static bool is_step(judge *j, long delta)
{
	size_t k;
	if (delta <= 0)
		return false;
	if (j->collect) {
		if (j->ndeltas == j->dalloc) {
			long *p = grow(j->deltas, &j->dalloc, sizeof(*p), 64);
			if (!p) {
				j->error = NOMEM();
				return false;
			}
			j->deltas = p;
		}
		j->deltas[j->ndeltas++] = delta;
	}
	for (k = 0; k < j->nsteps; k++)
		if (j->steps[k] == delta)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0 && len <= 9;
}

/* The next component of a symbol at *p (split at '/' and '-'). */
static size_t component(const char *s, size_t *p, size_t end)
{
	size_t start = *p;
	while (*p < end && s[*p] != '/' && s[*p] != '-')
		(*p)++;
	return start;
}

/* A symbol moved forward: same components, the first that differs a
 * number moved by a step, later ones numbers (a report's or a
 * resolution's own number), years among them moved by a step. */
static bool symbol_forward(judge *j, const char *a, size_t as, size_t ae, const char *b,
		size_t bs, size_t be)
{
	bool moved = false;
	while (as < ae && bs < be) {
		size_t a0 = component(a, &as, ae), b0 = component(b, &bs, be);
		size_t al = as - a0, bl = bs - b0;
		if (al != bl || memcmp(a + a0, b + b0, al)) {
			long av, bv;
			if (!all_digits(a + a0, al) || !all_digits(b + b0, bl))
				return false;
			av = atol(a + a0);
			bv = atol(b + b0);
			if (!moved) {
				if (!is_step(j, bv - av))
					return false;
				moved = true;
			} else if (av >= YEAR_MIN && bv >= YEAR_MIN && !is_step(j, bv - av)) {
				return false;
			}
		}
		if ((as < ae) != (bs < be) || (as < ae && a[as] != b[bs]))
			return false;
		if (as < ae) {
			as++;
			bs++;
		}
	}
	return moved && as >= ae && bs >= be;
}

/* A day of a date: a small number next to a month, or a few items from it
 * ("from 10 to 12 June": the first day is three items from the month). */
#define DATE_REACH 3
static bool in_date(const items *l, size_t k)
{
	size_t d;
	if (l->v[k].kind != ITEM_NUMBER || l->v[k].ordinal || l->v[k].year || l->v[k].value < 1 ||
	    l->v[k].value > 31)
		return false;
	for (d = 1; d <= DATE_REACH; d++)
		if ((k >= d && l->v[k - d].kind == ITEM_MONTH) ||
		    (k + d < l->n && l->v[k + d].kind == ITEM_MONTH))
			return true;
	return false;
}

typedef struct {
	const char *text;
	const items *l;
} side;

/* Is the pair (a, b) the same, or moved forward? *moved when a value moved. */
static bool pair_ok(judge *j, const side *o, size_t ka, const side *n, size_t kb, bool *moved)
{
	const item *a = &o->l->v[ka], *b = &n->l->v[kb];
	size_t alen = a->end - a->start, blen = b->end - b->start;

	if (alen == blen && !memcmp(o->text + a->start, n->text + b->start, alen))
		return true;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case ITEM_WORD:
		return false;
	case ITEM_SYMBOL:
		return (*moved = symbol_forward(j, o->text, a->start, a->end, n->text, b->start, b->end));
	case ITEM_MONTH:  /* another month of a date whose year moved */
		return a->value != b->value && (*moved = j->year_moved);
	case ITEM_NUMBER:
		if (a->value == b->value && (a->year == b->year))
			return true;  /* "74th" and "seventy-fourth" */
		if ((a->year && b->year) || (a->ordinal && b->ordinal))
			return (*moved = is_step(j, b->value - a->value));
		if (in_date(o->l, ka) && in_date(n->l, kb))
			return (*moved = j->year_moved);
		return false;
	}
	return false;
}

static bool run_rolling(judge *j, const side *o, const side *n, const edit_run *r)
{
	size_t k, len = r->oi1 - r->oi0;
	bool moved = false;
	if (len != r->ni1 - r->ni0 || !len)
		return false;
	for (k = 0; k < len; k++)
		if (!pair_ok(j, o, r->oi0 + k, n, r->ni0 + k, &moved))
			return false;
	return moved;
}

/* ---- one list of edits ----------------------------------------------------- */

/* The old and new texts the edits spell, and their runs, joined where they
 * touch the same items. */
typedef struct {
	resdiff_buf old_text, new_text;
	items oi, ni;
	edit_run *runs;
	size_t nruns, ralloc;
	bool too_long;
} edits_view;

static void view_dispose(edits_view *v)
{
	resdiff_buf_dispose(&v->old_text);
	resdiff_buf_dispose(&v->new_text);
	free(v->oi.v);
	free(v->ni.v);
	free(v->runs);
	memset(v, 0, sizeof(*v));
}

static bool overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
	return a0 < a1 && b0 < b1 && b0 < a1 && a0 < b1;
}

/* [*a0, *a1) becomes the smallest range holding it and [b0, b1). */
static void widen(size_t *a0, size_t *a1, size_t b0, size_t b1)
{
	if (b0 == b1)
		return;
	if (*a0 == *a1 || b0 < *a0)
		*a0 = b0;
	if (b1 > *a1)
		*a1 = b1;
}

static int view_build(edits_view *v, const resdiff_edit *e, size_t n, const resdiff_lang *olang,
		const resdiff_lang *nlang)
{
	size_t i, k;
	int error = 0, r1, r2;

	for (i = 0; i < n && !error; i++) {
		if (e[i].op == RESDIFF_EDIT_EQUAL) {
			error = resdiff_buf_put(&v->old_text, e[i].text, e[i].len);
			if (!error)
				error = resdiff_buf_put(&v->new_text, e[i].text, e[i].len);
			continue;
		}
		if (i == 0 || e[i - 1].op == RESDIFF_EDIT_EQUAL) {  /* a run starts */
			edit_run *r;
			if (v->nruns == v->ralloc) {
				edit_run *p = grow(v->runs, &v->ralloc, sizeof(*p), 16);
				if (!p)
					return NOMEM();
				v->runs = p;
			}
			r = &v->runs[v->nruns++];
			memset(r, 0, sizeof(*r));
			r->first = i;
			r->os = r->oe = v->old_text.size;
			r->ns = r->ne = v->new_text.size;
		}
		v->runs[v->nruns - 1].last = i;
		if (e[i].op == RESDIFF_EDIT_DELETE) {
			error = resdiff_buf_put(&v->old_text, e[i].text, e[i].len);
			v->runs[v->nruns - 1].oe = v->old_text.size;
		} else {
			error = resdiff_buf_put(&v->new_text, e[i].text, e[i].len);
			v->runs[v->nruns - 1].ne = v->new_text.size;
		}
	}
	if (error)
		return error;
	r1 = scan(&v->oi, v->old_text.ptr ? v->old_text.ptr : "", v->old_text.size, olang);
	r2 = scan(&v->ni, v->new_text.ptr ? v->new_text.ptr : "", v->new_text.size, nlang);
	if (r1 < 0 || r2 < 0)
		return r1 < 0 ? r1 : r2;
	v->too_long = r1 > 0 || r2 > 0;
	for (i = 0; i < v->nruns; i++) {
		edit_run *r = &v->runs[i];
		touched(&v->oi, r->os, r->oe, &r->oi0, &r->oi1);
		touched(&v->ni, r->ns, r->ne, &r->ni0, &r->ni1);
	}
	/* join runs that touch the same item ("A/[74]/62-E/[2019/6]") */
	for (i = 1, k = 0; i < v->nruns; i++) {
		edit_run *p = &v->runs[k], *r = &v->runs[i];
		if (overlap(p->oi0, p->oi1, r->oi0, r->oi1) || overlap(p->ni0, p->ni1, r->ni0, r->ni1)) {
			p->last = r->last;
			p->oe = r->oe;
			p->ne = r->ne;
			widen(&p->oi0, &p->oi1, r->oi0, r->oi1);
			widen(&p->ni0, &p->ni1, r->ni0, r->ni1);
		} else {
			v->runs[++k] = *r;
		}
	}
	if (v->nruns)
		v->nruns = k + 1;
	return 0;
}

/* Judge the edits of one clause or footnote: tag the rolling ones, count
 * runs. A year moved by a step anywhere in them lets the days and months
 * of dates move too. */
static int judge_edits(judge *j, resdiff_edit *e, size_t n, const resdiff_lang *olang,
		const resdiff_lang *nlang, size_t *runs, size_t *rolling)
{
	edits_view v;
	side o, nw;
	size_t i, k, m;
	int error;

	memset(&v, 0, sizeof(v));
	if ((error = view_build(&v, e, n, olang, nlang)) < 0)
		goto done;
	*runs += v.nruns;
	if (v.too_long)
		goto done;
	o.text = v.old_text.ptr ? v.old_text.ptr : "";
	o.l = &v.oi;
	nw.text = v.new_text.ptr ? v.new_text.ptr : "";
	nw.l = &v.ni;
	j->year_moved = false;
	for (i = 0; i < v.nruns && !j->year_moved; i++) {
		const edit_run *r = &v.runs[i];
		for (k = 0; r->oi1 - r->oi0 == r->ni1 - r->ni0 && r->oi0 + k < r->oi1; k++) {
			const item *a = &v.oi.v[r->oi0 + k], *b = &v.ni.v[r->ni0 + k];
			bool collect = j->collect;
			j->collect = false;
			if (a->kind == ITEM_NUMBER && b->kind == ITEM_NUMBER && a->year && b->year &&
			    is_step(j, b->value - a->value))
				j->year_moved = true;
			j->collect = collect;
		}
	}
	for (i = 0; i < v.nruns; i++) {
		if (!run_rolling(j, &o, &nw, &v.runs[i]))
			continue;
		(*rolling)++;
		for (m = v.runs[i].first; m <= v.runs[i].last; m++)
			if (e[m].op != RESDIFF_EDIT_EQUAL)
				e[m].rolling = true;
	}
	error = j->error;
done:
	view_dispose(&v);
	return error;
}

/* ---- the steps ------------------------------------------------------------- */

/* A GA session ("A/RES/74/197", "A/80/L.2": the first number under 1900
 * after "A") and a year ("E/RES/2009/7") of a symbol; 0 when none. */
static void symbol_numbers(const char *symbol, long *session, long *year)
{
	const char *p = symbol;
	bool ga = symbol && symbol[0] == 'A' && symbol[1] == '/';
	*session = *year = 0;
	while (p && *p) {
		const char *q = p;
		long v = 0;
		while (*q >= '0' && *q <= '9' && v < 100000)
			v = v * 10 + (*q++ - '0');
		if (q > p && (*q == '/' || !*q)) {
			if (v >= YEAR_MIN && v <= YEAR_MAX && !*year)
				*year = v;
			else if (ga && v > 0 && v < YEAR_MIN && !*session)
				*session = v;
		}
		p = strchr(p, '/');
		if (p)
			p++;
	}
}

bool diff_rolling_steps(long steps[2], const resdiff_doc *old_doc, const resdiff_doc *new_doc)
{
	long os, oy, ns, ny;
	symbol_numbers(old_doc->meta.symbol, &os, &oy);
	symbol_numbers(new_doc->meta.symbol, &ns, &ny);
	if (old_doc->meta.date && new_doc->meta.date &&
	    strlen(old_doc->meta.date) >= 4 && strlen(new_doc->meta.date) >= 4) {
		oy = atol(old_doc->meta.date);
		ny = atol(new_doc->meta.date);
	}
	steps[0] = os && ns ? ns - os : 0;
	steps[1] = oy && ny ? ny - oy : 0;
	if (steps[0] <= 0)
		steps[0] = 0;
	if (steps[1] <= 0)
		steps[1] = 0;
	/* one session a year: each stands in for the other when unknown */
	if (!steps[0] && !(os && ns))
		steps[0] = steps[1];
	if (!steps[1] && !(oy && ny))
		steps[1] = steps[0];
	return (os && ns) || (oy && ny);
}

/* The move most values made, for texts whose distance is unknown. */
static long commonest(const long *d, size_t n)
{
	long best = 0;
	size_t i, k, best_count = 0;
	for (i = 0; i < n; i++) {
		size_t c = 0;
		for (k = 0; k < n && c + (n - k) > best_count; k++)
			c += d[k] == d[i];
		if (c > best_count || (c == best_count && d[i] < best)) {
			best = d[i];
			best_count = c;
		}
	}
	return best;
}

/* One pass over every change: judge (or only collect moves). */
static int pass(resdiff_diff *diff, judge *j)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_lang *olang = resdiff_lang_get(al->old_doc->meta.language);
	const resdiff_lang *nlang = resdiff_lang_get(al->new_doc->meta.language);
	size_t i, k;
	int error = 0;

	for (i = 0; i < al->change_count && !error; i++) {
		resdiff_change_signals *sg = &diff->signals[i];
		size_t runs = 0, rolling = 0;
		if (diff->edit_count[i])
			error = judge_edits(j, diff->edits[i], diff->edit_count[i], olang, nlang,
				&runs, &rolling);
		for (k = 0; !error && diff->notes && k < diff->note_count[i]; k++) {
			resdiff_footnote_edit *fe = &diff->notes[i][k];
			if (!fe->old_note || !fe->new_note)
				runs++;  /* a footnote new or gone is never a rolling update */
			else
				error = judge_edits(j, fe->edits, fe->edit_count, olang, nlang,
					&runs, &rolling);
		}
		if (j->collect)
			continue;
		sg->edit_runs = runs;
		sg->rolling_runs = rolling;
		sg->rolling = runs > 0 && rolling == runs;
	}
	return error;
}

int diff_rolling(resdiff_diff *diff)
{
	judge j;
	long steps[2];
	bool known;
	int error;

	memset(&j, 0, sizeof(j));
	known = diff_rolling_steps(diff->steps, diff->alignment->old_doc, diff->alignment->new_doc);
	steps[0] = diff->steps[0];
	steps[1] = diff->steps[1];
	j.steps = steps;
	j.nsteps = steps[0] == steps[1] ? 1 : 2;
	if (!known) {
		/* nothing says how far apart the texts are: the commonest move */
		j.collect = true;
		j.nsteps = 0;
		if ((error = pass(diff, &j)) < 0)
			goto done;
		steps[0] = steps[1] = commonest(j.deltas, j.ndeltas);
		diff->steps[0] = diff->steps[1] = steps[0];
		j.collect = false;
		j.nsteps = steps[0] ? 1 : 0;
	} else if (!steps[0]) {
		j.steps = steps + 1;
		j.nsteps = steps[1] ? 1 : 0;
	} else if (!steps[1]) {
		j.nsteps = 1;
	}
	error = pass(diff, &j);
done:
	free(j.deltas);
	return error;
}
