/* amend_read.c: an amendment document to amendments (resdiff/amend.h), a
 * parser stage: text in, operations out, each amendment with its number
 * and source line. It never prints and knows no document.
 *
 * The phrases it reads are a language's [amendment-phrases] (what
 * `resdiff diff --format=amendments` writes) and [amendment-grammar] (the
 * usual UN phrasings), docs/LANGUAGES.md. They are compiled into a small
 * program of a backtracking matcher, as a regular expression is: literals
 * (case and spacing do not matter), alternatives, loops for lists, and
 * instructions that read a quoted text, a paragraph number or an ordinal.
 * A quoted text may hold quotation marks of its own (a title, or a word
 * diff's piece of one), so where it ends is a choice the matcher makes
 * and undoes: first the closing mark that balances the opening one, then
 * each later closing mark in turn, until the rest of the amendment reads.
 * Every choice is on an explicit stack (no recursion on the input), and
 * an amendment that needs more than RESDIFF_AMEND_MAX_STEPS steps is
 * reported as unread. What the matcher recognised is a log of events,
 * cut back on every undone choice, from which the operations are built. */
#include "resdiff/amend.h"
#include "resdiff/lang.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Phrases nest (an edit holds quotes, a place holds a reference): deeper
 * than this is a phrase that names itself. */
#define NEST_MAX 6
/* Quote pairs, end marks and other short lists of one language. */
#define PAIRS_MAX 8
/* Digits of a paragraph number or an amendment number. */
#define DIGITS_MAX 6

/* ---- the program ------------------------------------------------------------ */

typedef enum {
	I_LIT,      /* the literal lits[a .. a+b) */
	I_SPLIT,    /* go on at a; when that fails, at b */
	I_JMP,      /* go on at a */
	I_QUOTE,    /* a quoted text: event EV_QUOTE with role a */
	I_NUMBER,   /* {n}: "5", "19.1", "61(a)", "1 (a)", "1~2" */
	I_ORDINAL,  /* {ordinal}: "second", "第二" */
	I_SUB,      /* {sub}: "(a)", "(a)(i)" */
	I_COUNT,    /* {count}: digits or a cardinal ("two") */
	I_ITEM,     /* {item}: an amendment's number */
	I_MARK,     /* event a with value b */
	I_END,      /* nothing but spaces left */
	I_MATCH
} opcode;

typedef struct {
	unsigned char op;
	int a, b;
} insn;

/* What the matcher saw: the log it leaves. */
typedef enum {
	EV_SENT,    /* a sentence: value = resdiff_amend_op_kind */
	EV_REF,     /* a reference ends: value = resdiff_unit_kind */
	EV_NUMBER,  /* span: digits as written; or value > 0 from an ordinal */
	EV_SUB,     /* span: "(a)" as written */
	EV_NOUN,    /* value = resdiff_unit_kind */
	EV_EDIT,    /* value = resdiff_amend_edit_kind */
	EV_QUOTE,   /* value = role; span: the text inside the quotes */
	EV_PLACE,   /* value = resdiff_amend_place_kind */
	EV_ITEM,    /* value: an amendment's number */
	EV_COUNT    /* value */
} event_kind;

enum { ROLE_OLD = 0, ROLE_NEW, ROLE_TEXT };

typedef struct {
	unsigned char kind;
	int value;
	size_t start, end;
} event;

/* A word list of the grammar with the value each entry stands for. */
typedef struct {
	const char *text;
	size_t len;
	int value;
} word;

typedef struct {
	const resdiff_lang *lang;     /* whose [amendment-grammar] */
	const resdiff_lang *phrases;  /* whose [amendment-phrases]: its own when it has
	                               * them all, else English's */
	insn *code;
	size_t count, alloc;
	resdiff_buf lits;
	/* quote pairs: open[i] closes with close[i] */
	const char *open[PAIRS_MAX], *close[PAIRS_MAX];
	size_t pairs;
	word *ordinals, *cardinals;
	size_t ordinal_count, cardinal_count;
	const char *ends[PAIRS_MAX];  /* marks that end a sentence: ".", "。" */
	size_t end_count;
	int item_start;               /* entry of the program that reads one amendment */
	int depth;
} grammar;

/* ---- text helpers ---------------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
	int32_t cp = resdiff_utf8_decode(s + i, len - i, adv);
	return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

/* Literals compare folded: case (ICU's simple folding), full-width forms
 * of ASCII ("，" is ","). */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	return (uint32_t)u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
	size_t adv;
	while (i < len && resdiff_text_is_space(cp_at(s, len, i, &adv)))
		i += adv;
	return i;
}

/* A letter or digit of a spaced script: what two words are made of. */
static bool is_word_cp(uint32_t cp)
{
	return u_isalnum((UChar32)cp) && !resdiff_text_is_cjk(cp);
}

/* Does the literal t[0..tlen) match s at i? Spaces in the literal match
 * any run of spaces, or none. On a match *end is where it ends. */
static bool lit_match(const char *t, size_t tlen, const char *s, size_t len, size_t i, size_t *end)
{
	size_t k = 0, ta, sa;
	while (k < tlen) {
		uint32_t tc = cp_at(t, tlen, k, &ta);
		if (resdiff_text_is_space(tc)) {
			k += ta;
			i = skip_space(s, len, i);
			continue;
		}
		if (i >= len || fold(cp_at(s, len, i, &sa)) != fold(tc))
			return false;
		k += ta;
		i += sa;
	}
	*end = i;
	return true;
}

static bool has_prefix(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	return n && i + n <= len && !memcmp(s + i, p, n);
}

/* ---- compiling ---------------------------------------------------------------- */

static int emit(grammar *g, opcode op, int a, int b)
{
	if (g->count == g->alloc) {
		size_t na = g->alloc ? g->alloc * 2 : 512;
		insn *p = realloc(g->code, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		g->code = p;
		g->alloc = na;
	}
	g->code[g->count].op = (unsigned char)op;
	g->code[g->count].a = a;
	g->code[g->count].b = b;
	return (int)g->count++;
}

/* A literal; 0 or an error. */
static int emit_lit(grammar *g, const char *s, size_t len)
{
	size_t at = g->lits.size;
	int error;
	if (!len)
		return 0;
	if ((error = resdiff_buf_put(&g->lits, s, len)) < 0)
		return error;
	return emit(g, I_LIT, (int)at, (int)len) < 0 ? RESDIFF_ENOMEM : 0;
}

/* A literal that never matches. */
static int emit_never(grammar *g)
{
	return emit(g, I_LIT, 0, -1) < 0 ? RESDIFF_ENOMEM : 0;
}

/* The entries of `key` in a section (a keyed list), one after another. */
typedef struct {
	const resdiff_lang_list *list;
	size_t next;
	const char *key;
	size_t key_len;     /* 0: the key exactly; else keys starting with key[0..key_len) */
} entry_iter;

static const resdiff_lang_entry *next_entry(entry_iter *it)
{
	while (it->list && it->next < it->list->count) {
		const resdiff_lang_entry *e = &it->list->entry[it->next++];
		if (it->key_len ? !strncmp(e->key, it->key, it->key_len) : !strcmp(e->key, it->key))
			return e;
	}
	return NULL;
}

/* The phrases of `key`: the writer's ([amendment-phrases]) then the
 * grammar's. */
typedef struct {
	entry_iter part[2];
	int at;
} phrase_iter;

static void phrases_of(phrase_iter *pi, const grammar *g, const char *key)
{
	memset(pi, 0, sizeof(*pi));
	pi->part[0].list = &g->phrases->section[RESDIFF_SECTION_AMENDMENT_PHRASES];
	pi->part[1].list = &g->lang->section[RESDIFF_SECTION_AMENDMENT_GRAMMAR];
	pi->part[0].key = pi->part[1].key = key;
}

static const resdiff_lang_entry *next_phrase(phrase_iter *pi)
{
	const resdiff_lang_entry *e;
	for (; pi->at < 2; pi->at++)
		if ((e = next_entry(&pi->part[pi->at])) != NULL)
			return e;
	return NULL;
}

static int compile_template(grammar *g, const char *text, size_t len, const char *key);

/* A list of alternatives: code for each, in turn. */
typedef struct {
	int split;      /* the pending SPLIT whose second branch is the next alternative */
	int jumps[64];  /* JMPs to the end */
	size_t njumps;
	size_t n;
} alt_builder;

static int alt_begin(grammar *g, alt_builder *ab)
{
	int at;
	if (ab->n++ && ab->split >= 0)
		g->code[ab->split].b = (int)g->count;
	if ((at = emit(g, I_SPLIT, (int)g->count + 1, -1)) < 0)
		return at;
	ab->split = at;
	return 0;
}

static int alt_end(grammar *g, alt_builder *ab)
{
	int at;
	if (ab->njumps == sizeof(ab->jumps) / sizeof(ab->jumps[0]))
		return resdiff_error_set(RESDIFF_ETOOBIG,
			"core/lang/%s.txt: more than %zu ways to say one amendment phrase",
			g->lang->code, sizeof(ab->jumps) / sizeof(ab->jumps[0]));
	if ((at = emit(g, I_JMP, -1, 0)) < 0)
		return at;
	ab->jumps[ab->njumps++] = at;
	return 0;
}

/* Close the alternatives: the last SPLIT's other branch fails. */
static int alt_close(grammar *g, alt_builder *ab)
{
	size_t k;
	int error;
	/* no alternative at all, or the last SPLIT's second branch: a literal
	 * that never matches */
	if (ab->n)
		g->code[ab->split].b = (int)g->count;
	if ((error = emit_never(g)) < 0)
		return error;
	for (k = 0; k < ab->njumps; k++)
		g->code[ab->jumps[k]].a = (int)g->count;
	return 0;
}

/* Alternatives over the phrases of one key, each followed (or preceded)
 * by a mark. */
static int compile_key_alts(grammar *g, alt_builder *ab, const char *key, int mark_before,
		int mark_after, int value)
{
	phrase_iter pi;
	const resdiff_lang_entry *e;
	int error;
	phrases_of(&pi, g, key);
	while ((e = next_phrase(&pi)) != NULL) {
		if ((error = alt_begin(g, ab)) < 0 ||
		    (mark_before >= 0 && (error = emit(g, I_MARK, mark_before, value)) < 0) ||
		    (error = compile_template(g, e->text, e->len, key)) < 0 ||
		    (mark_after >= 0 && (error = emit(g, I_MARK, mark_after, value)) < 0) ||
		    (error = alt_end(g, ab)) < 0)
			return error;
	}
	return 0;
}

static const char *const kind_keys[] = { "preambular", "operative", "subparagraph", "heading", "other" };
static const resdiff_unit_kind kind_of_key[] = {
	RESDIFF_UNIT_PREAMBLE, RESDIFF_UNIT_OPERATIVE, RESDIFF_UNIT_SUBPARAGRAPH,
	RESDIFF_UNIT_HEADING, RESDIFF_UNIT_PARAGRAPH
};

/* {ref} or {noun}: the phrases ref-preambular, ref-operative, ... */
static int compile_kinds(grammar *g, const char *what, int ev)
{
	alt_builder ab = { .split = -1 };
	size_t k;
	int error;
	for (k = 0; k < sizeof(kind_keys) / sizeof(kind_keys[0]); k++) {
		char key[40];
		snprintf(key, sizeof(key), "%s-%s", what, kind_keys[k]);
		if ((error = compile_key_alts(g, &ab, key, -1, ev, (int)kind_of_key[k])) < 0)
			return error;
	}
	return alt_close(g, &ab);
}

/* A loop: item (separator item)*, the separators being the phrases of
 * the keys given (NULL-terminated). */
typedef int (*compile_fn)(grammar *g);

static int compile_list(grammar *g, compile_fn item, const char *const *separators)
{
	int top = (int)g->count, split, error;
	alt_builder ab = { .split = -1 };
	size_t k;

	if ((error = item(g)) < 0)
		return error;
	if ((split = emit(g, I_SPLIT, (int)g->count + 1, -1)) < 0)
		return split;
	for (k = 0; separators[k]; k++)
		if ((error = compile_key_alts(g, &ab, separators[k], -1, -1, 0)) < 0)
			return error;
	if ((error = alt_close(g, &ab)) < 0 || (error = emit(g, I_JMP, top, 0)) < 0)
		return error;
	g->code[split].b = (int)g->count;
	return 0;
}

static int compile_ref(grammar *g)
{
	return compile_kinds(g, "ref", EV_REF);
}

/* An optional "the words" before a quote, then the quote. */
static int compile_quote(grammar *g, int role)
{
	alt_builder ab = { .split = -1 };
	int error;
	if (role != ROLE_TEXT) {
		if ((error = compile_key_alts(g, &ab, "quote-lead", -1, -1, 0)) < 0 ||
		    (error = alt_begin(g, &ab)) < 0 || (error = alt_end(g, &ab)) < 0 ||
		    (error = alt_close(g, &ab)) < 0)
			return error;
	}
	return emit(g, I_QUOTE, role, 0) < 0 ? RESDIFF_ENOMEM : 0;
}

static int compile_text(grammar *g)
{
	return compile_quote(g, ROLE_TEXT);
}

static int compile_number(grammar *g)
{
	return emit(g, I_NUMBER, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
}

static const struct {
	const char *key;
	resdiff_amend_edit_kind kind;
} edit_keys[] = {
	{ "edit-replace", RESDIFF_AMEND_EDIT_REPLACE },
	{ "edit-delete", RESDIFF_AMEND_EDIT_DELETE },
	{ "edit-insert-after", RESDIFF_AMEND_EDIT_INSERT_AFTER },
	{ "edit-insert-before", RESDIFF_AMEND_EDIT_INSERT_BEFORE },
	{ "edit-insert-start", RESDIFF_AMEND_EDIT_INSERT_START },
	{ "edit-insert-end", RESDIFF_AMEND_EDIT_INSERT_END },
};

static int compile_edit(grammar *g)
{
	alt_builder ab = { .split = -1 };
	size_t k;
	int error;
	for (k = 0; k < sizeof(edit_keys) / sizeof(edit_keys[0]); k++)
		if ((error = compile_key_alts(g, &ab, edit_keys[k].key, EV_EDIT, -1,
				(int)edit_keys[k].kind)) < 0)
			return error;
	return alt_close(g, &ab);
}

/* {where}, {place}, {place-bare}. */
static int compile_place(grammar *g, bool where, bool bare)
{
	alt_builder ab = { .split = -1 };
	int error;
	if ((where && (error = compile_key_alts(g, &ab, "after-inserted", -1, EV_PLACE,
			RESDIFF_AMEND_AFTER_INSERTED)) < 0) ||
	    (error = compile_key_alts(g, &ab, bare ? "place-start-bare" : "place-start", -1,
			EV_PLACE, RESDIFF_AMEND_AT_START)) < 0 ||
	    (error = compile_key_alts(g, &ab, bare ? "place-after-bare" : "place-after", -1,
			EV_PLACE, RESDIFF_AMEND_AFTER_CLAUSE)) < 0)
		return error;
	return alt_close(g, &ab);
}

static const char *const ref_separators[] = { "list-separator", "list-last", NULL };
static const char *const text_separators[] = { "separator", "text-separator", NULL };
static const char *const edit_separators[] = { "separator", "edit-separator", NULL };

static int compile_slot(grammar *g, const char *name, size_t len, const char *key)
{
#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
	if (IS("n"))
		return emit(g, I_NUMBER, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
	if (IS("ordinal"))
		return emit(g, I_ORDINAL, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
	if (IS("sub"))
		return emit(g, I_SUB, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
	if (IS("count"))
		return emit(g, I_COUNT, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
	if (IS("item"))
		return emit(g, I_ITEM, 0, 0) < 0 ? RESDIFF_ENOMEM : 0;
	if (IS("old") || IS("context"))
		return compile_quote(g, ROLE_OLD);
	if (IS("new"))
		return compile_quote(g, ROLE_NEW);
	if (IS("texts"))
		return compile_list(g, compile_text, text_separators);
	if (IS("ref"))
		return compile_ref(g);
	if (IS("refs"))
		return compile_list(g, compile_ref, ref_separators);
	if (IS("ns"))  /* "paragraphs 27 and 43": one reference a number */
		return compile_list(g, compile_number, ref_separators);
	if (IS("noun") || IS("a-noun"))
		return compile_kinds(g, IS("noun") ? "noun" : "a-noun", EV_NOUN);
	if (IS("edits"))
		return compile_list(g, compile_edit, edit_separators);
	if (IS("where") || IS("place") || IS("place-bare"))
		return compile_place(g, IS("where"), IS("place-bare"));
	return resdiff_error_set(RESDIFF_EINVALID,
		"core/lang/%s.txt: the amendment phrase %s holds {%.*s}, which the reader does not know",
		g->lang->code, key, (int)len, name);
#undef IS
}

/* A phrase: literals and {values}. */
static int compile_template(grammar *g, const char *text, size_t len, const char *key)
{
	size_t i = 0;
	int error = 0;

	if (++g->depth > NEST_MAX) {
		g->depth--;
		return resdiff_error_set(RESDIFF_EINVALID,
			"core/lang/%s.txt: the amendment phrase %s nests too deep (names itself?)",
			g->lang->code, key);
	}
	while (i < len && !error) {
		const char *open = memchr(text + i, '{', len - i);
		const char *close = open ? memchr(open, '}', len - (size_t)(open - text)) : NULL;
		size_t lit_end = close ? (size_t)(open - text) : len;
		if ((error = emit_lit(g, text + i, lit_end - i)) < 0)
			break;
		if (!close)
			break;
		error = compile_slot(g, open + 1, (size_t)(close - open - 1), key);
		i = (size_t)(close - text) + 1;
	}
	g->depth--;
	return error;
}

static const struct {
	const char *key;
	resdiff_amend_op_kind kind;
} sentence_keys[] = {
	{ "delete", RESDIFF_AMEND_DELETE },
	{ "insert-one", RESDIFF_AMEND_INSERT },
	{ "insert-many", RESDIFF_AMEND_INSERT },
	{ "replace-one", RESDIFF_AMEND_REPLACE },
	{ "replace-many", RESDIFF_AMEND_REPLACE },
	{ "edit", RESDIFF_AMEND_EDIT },
	{ "move", RESDIFF_AMEND_MOVE },
	{ "move-retype", RESDIFF_AMEND_MOVE },
	{ "retype", RESDIFF_AMEND_RETYPE },
};

/* The length of a sentence without the mark that ends it (the marks of
 * [end] read between sentences). */
static size_t without_end(const grammar *g, const char *text, size_t len)
{
	size_t k;
	while (len && (text[len - 1] == ' '))
		len--;
	for (k = 0; k < g->end_count; k++) {
		size_t n = strlen(g->ends[k]);
		if (n && n <= len && !memcmp(text + len - n, g->ends[k], n))
			return len - n;
	}
	return len;
}

/* Optional end marks. */
static int compile_ends(grammar *g)
{
	alt_builder ab = { .split = -1 };
	size_t k;
	int error;
	for (k = 0; k < g->end_count; k++)
		if ((error = alt_begin(g, &ab)) < 0 ||
		    (error = emit_lit(g, g->ends[k], strlen(g->ends[k]))) < 0 ||
		    (error = alt_end(g, &ab)) < 0)
			return error;
	if ((error = alt_begin(g, &ab)) < 0 || (error = alt_end(g, &ab)) < 0)
		return error;
	return alt_close(g, &ab);
}

/* One amendment: sentences, each an operation, then the end. */
static int compile_item(grammar *g)
{
	alt_builder ab = { .split = -1 };
	int top = (int)g->count, split, error;
	size_t k;

	for (k = 0; k < sizeof(sentence_keys) / sizeof(sentence_keys[0]); k++) {
		phrase_iter pi;
		const resdiff_lang_entry *e;
		phrases_of(&pi, g, sentence_keys[k].key);
		while ((e = next_phrase(&pi)) != NULL) {
			if ((error = alt_begin(g, &ab)) < 0 ||
			    (error = emit(g, I_MARK, EV_SENT, (int)sentence_keys[k].kind)) < 0 ||
			    (error = compile_template(g, e->text, without_end(g, e->text, e->len),
					sentence_keys[k].key)) < 0 ||
			    (error = alt_end(g, &ab)) < 0)
				return error;
		}
	}
	if ((error = alt_close(g, &ab)) < 0)
		return error;
	if ((split = emit(g, I_SPLIT, (int)g->count + 1, -1)) < 0)
		return split;
	/* the end ... */
	if ((error = compile_ends(g)) < 0 || (error = emit(g, I_END, 0, 0)) < 0 ||
	    (error = emit(g, I_MATCH, 0, 0)) < 0)
		return error;
	/* ... or another sentence */
	g->code[split].b = (int)g->count;
	if ((error = compile_ends(g)) < 0)
		return error;
	return emit(g, I_JMP, top, 0) < 0 ? RESDIFF_ENOMEM : 0;
}

static int words_of(grammar *g, word **out, size_t *count, const char *prefix)
{
	const resdiff_lang_list *l = &g->lang->section[RESDIFF_SECTION_AMENDMENT_GRAMMAR];
	size_t k, n = 0, plen = strlen(prefix);
	*out = calloc(l->count + 1, sizeof(**out));
	if (!*out)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (k = 0; k < l->count; k++) {
		const resdiff_lang_entry *e = &l->entry[k];
		char *end;
		long v;
		if (strncmp(e->key, prefix, plen))
			continue;
		v = strtol(e->key + plen, &end, 10);
		if (end == e->key + plen || *end || v < 1 || v > 1000000)
			return resdiff_error_set(RESDIFF_EINVALID,
				"core/lang/%s.txt: [amendment-grammar] %s: a number after '%s' expected",
				g->lang->code, e->key, prefix);
		(*out)[n].text = e->text;
		(*out)[n].len = e->len;
		(*out)[n].value = (int)v;
		n++;
	}
	*count = n;
	return 0;
}

static void grammar_dispose(grammar *g)
{
	free(g->code);
	free(g->ordinals);
	free(g->cardinals);
	resdiff_buf_dispose(&g->lits);
	memset(g, 0, sizeof(*g));
}

/* Collect the pairs of two keys, in order ("quote-open" with "quote-close"). */
static void pairs_of(grammar *g)
{
	const resdiff_lang_list *lists[2] = {
		&g->phrases->section[RESDIFF_SECTION_AMENDMENT_PHRASES],
		&g->lang->section[RESDIFF_SECTION_AMENDMENT_GRAMMAR],
	};
	size_t s;
	for (s = 0; s < 2; s++) {
		entry_iter o = { .list = lists[s], .key = "quote-open" };
		entry_iter c = { .list = lists[s], .key = "quote-close" };
		const resdiff_lang_entry *eo, *ec;
		while ((eo = next_entry(&o)) != NULL && (ec = next_entry(&c)) != NULL &&
		       g->pairs < PAIRS_MAX) {
			if (!eo->len || !ec->len)
				continue;
			g->open[g->pairs] = eo->text;
			g->close[g->pairs++] = ec->text;
		}
	}
	for (s = 0; s < 2; s++) {
		entry_iter e = { .list = lists[s], .key = "end" };
		const resdiff_lang_entry *ee;
		while ((ee = next_entry(&e)) != NULL && g->end_count < PAIRS_MAX)
			if (ee->len)
				g->ends[g->end_count++] = ee->text;
	}
}

static int grammar_build(grammar *g, const resdiff_lang *lang)
{
	int error;
	memset(g, 0, sizeof(*g));
	g->lang = lang;
	g->phrases = resdiff_lang_get(resdiff_amendments_lang(lang->code, NULL));
	pairs_of(g);
	/* offset 0 of the literals is never a literal's start: I_LIT with
	 * length -1 is the literal that never matches */
	if ((error = resdiff_buf_putc(&g->lits, '\0')) < 0 ||
	    (error = words_of(g, &g->ordinals, &g->ordinal_count, "ordinal-")) < 0 ||
	    (error = words_of(g, &g->cardinals, &g->cardinal_count, "cardinal-")) < 0)
		goto done;
	g->item_start = (int)g->count;
	error = compile_item(g);
done:
	if (error < 0)
		grammar_dispose(g);
	return error;
}

/* ---- matching ---------------------------------------------------------------- */

typedef struct {
	int pc;
	size_t pos;
	size_t events;
	size_t candidate;   /* I_QUOTE: the next closing mark to try; else SIZE_MAX */
} frame;

typedef struct {
	const grammar *g;
	const char *s;
	size_t len;
	frame *stack;
	size_t depth, stack_alloc;
	event *ev;
	size_t nev, ev_alloc;
	size_t steps;
	bool over_budget;
} matcher;

static int push_frame(matcher *m, int pc, size_t pos, size_t candidate)
{
	if (m->depth == m->stack_alloc) {
		size_t na = m->stack_alloc ? m->stack_alloc * 2 : 256;
		frame *p = realloc(m->stack, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		m->stack = p;
		m->stack_alloc = na;
	}
	m->stack[m->depth].pc = pc;
	m->stack[m->depth].pos = pos;
	m->stack[m->depth].events = m->nev;
	m->stack[m->depth].candidate = candidate;
	m->depth++;
	return 0;
}

static int push_event(matcher *m, event_kind kind, int value, size_t start, size_t end)
{
	if (m->nev == m->ev_alloc) {
		size_t na = m->ev_alloc ? m->ev_alloc * 2 : 64;
		event *p = realloc(m->ev, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		m->ev = p;
		m->ev_alloc = na;
	}
	m->ev[m->nev].kind = (unsigned char)kind;
	m->ev[m->nev].value = value;
	m->ev[m->nev].start = start;
	m->ev[m->nev].end = end;
	m->nev++;
	return 0;
}

/* The quote pair that opens at i, or -1. */
static int quote_pair(const matcher *m, size_t i)
{
	size_t k;
	for (k = 0; k < m->g->pairs; k++)
		if (has_prefix(m->s, m->len, i, m->g->open[k]))
			return (int)k;
	return -1;
}

/* The n-th closing mark to try for the quote of `pair` whose text starts
 * at c: the one that balances the opening mark first (when the marks
 * differ), then each other one from left to right. SIZE_MAX: no more. */
static size_t quote_close(matcher *m, int pair, size_t c, size_t n)
{
	const char *open = m->g->open[pair], *close = m->g->close[pair];
	size_t i, balanced = SIZE_MAX, depth = 1, k = 0;
	bool nests = strcmp(open, close) != 0;

	for (i = c; nests && i < m->len; i++) {
		m->steps++;
		if (has_prefix(m->s, m->len, i, close) && --depth == 0) {
			balanced = i;
			break;
		}
		if (has_prefix(m->s, m->len, i, open))
			depth++;
	}
	if (n == 0 && balanced != SIZE_MAX)
		return balanced;
	if (balanced != SIZE_MAX)
		n--;
	for (i = c; i < m->len; i++) {
		m->steps++;
		if (!has_prefix(m->s, m->len, i, close) || i == balanced)
			continue;
		if (k++ == n)
			return i;
	}
	return SIZE_MAX;
}

/* {n}: digits, then ".1" (an article's paragraph), then "(a)" groups (a
 * space may precede each), then "~2"
 * (the writer's second paragraph printed with one number) or "-OP3" (a
 * paragraph of an annex). *end is where it ends. */
static bool scan_number(const char *s, size_t len, size_t i, size_t *end)
{
	size_t start = i, k;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < DIGITS_MAX)
		i++;
	if (i == start || (i < len && s[i] >= '0' && s[i] <= '9'))
		return false;
	/* ".1": a paragraph of an article ("paragraph 19.1", ART19.1) */
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		k = i + 1;
		while (k < len && s[k] >= '0' && s[k] <= '9' && k - i <= DIGITS_MAX)
			k++;
		if (k == len || s[k] < '0' || s[k] > '9')
			i = k;
	}
	for (;;) {
		size_t j = i;
		while (j < len && s[j] == ' ')
			j++;
		if (j < len && s[j] == '(') {
			k = j + 1;
			while (k < len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')) &&
			       k - j < 8)
				k++;
			if (k > j + 1 && k < len && s[k] == ')') {
				i = k + 1;
				continue;
			}
		}
		break;
	}
	if (i + 1 < len && (s[i] == '~' || (s[i] == '-' && s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) {
		k = i + 1;
		while (k < len && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
			k++;
		if (k > i + 1 && s[k - 1] >= '0' && s[k - 1] <= '9')
			i = k;
	}
	*end = i;
	return true;
}

/* {sub}: "(a)", "(a)(i)", "(a) (i)". */
static bool scan_sub(const char *s, size_t len, size_t i, size_t *end)
{
	size_t start = i;
	for (;;) {
		size_t j = i, k;
		while (j < len && s[j] == ' ' && i > start)
			j++;
		if (j >= len || s[j] != '(')
			break;
		k = j + 1;
		while (k < len && s[k] >= 'a' && s[k] <= 'z' && k - j < 8)
			k++;
		if (k == j + 1 || k >= len || s[k] != ')')
			break;
		i = k + 1;
	}
	*end = i;
	return i > start;
}

/* The longest word of the list at i; its value, or 0. A word that ends in
 * a letter of a spaced script must end a word of the text. */
static int scan_word(const word *w, size_t n, const char *s, size_t len, size_t i, size_t *end)
{
	size_t k, best = 0, e;
	int value = 0;
	for (k = 0; k < n; k++) {
		size_t adv, last;
		if (!lit_match(w[k].text, w[k].len, s, len, i, &e) || e - i <= best)
			continue;
		/* the word's last character */
		for (last = w[k].len; last > 0 && ((unsigned char)w[k].text[last - 1] & 0xC0) == 0x80; last--)
			;
		if (last && is_word_cp(cp_at(w[k].text, w[k].len, last - 1, &adv)) && e < len &&
		    is_word_cp(cp_at(s, len, e, &adv)))
			continue;
		best = e - i;
		value = w[k].value;
	}
	*end = i + best;
	return value;
}

static size_t scan_digits(const char *s, size_t len, size_t i, size_t *value)
{
	size_t start = i;
	*value = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < DIGITS_MAX)
		*value = *value * 10 + (size_t)(s[i++] - '0');
	return i - start;
}

/* Run the program on s[0..len). 1: it reads; 0: it does not (or not
 * within the budget); < 0: an error. */
/* Can a text without quotes start at p, its slot opening at `slot`? Only
 * after a colon (":" or "：") and with a word, so the punctuation after a
 * quoted text or a further sentence is never taken for one. */
static bool unquoted_start(const char *s, size_t len, size_t slot, size_t p)
{
	size_t i = slot, adv;
	if (p >= len || !u_isalnum((UChar32)cp_at(s, len, p, &adv)))
		return false;
	while (i > 0) {
		size_t b = i - 1;
		uint32_t cp;
		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		cp = cp_at(s, len, b, &adv);
		if (!resdiff_text_is_space(cp))
			return cp == ':' || cp == 0xFF1A;
		i = b;
	}
	return false;
}

/* The end of a text without quotes that starts at p: the amendment's
 * end, spaces excluded. */
static size_t unquoted_end(const char *s, size_t len, size_t p)
{
	size_t e = len, adv;
	for (;;) {
		size_t i = e;
		while (i > p && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
			i--;
		if (i <= p || !resdiff_text_is_space(cp_at(s, len, i - 1, &adv)))
			return e;
		e = i - 1;
	}
}

static int run(matcher *m)
{
	const grammar *g = m->g;
	int pc = g->item_start, error;
	size_t pos = 0;

	m->depth = m->nev = 0;
	m->steps = 0;
	m->over_budget = false;
	for (;;) {
		const insn *in;
		size_t p, e, v;
		int value;
		if (++m->steps > RESDIFF_AMEND_MAX_STEPS) {
			m->over_budget = true;
			return 0;
		}
		in = &g->code[pc];
		switch ((opcode)in->op) {
		case I_LIT:
			if (in->b < 0 || !lit_match(g->lits.ptr + in->a, (size_t)in->b, m->s, m->len,
					skip_space(m->s, m->len, pos), &e))
				goto fail;
			pos = e;
			pc++;
			continue;
		case I_SPLIT:
			if ((error = push_frame(m, in->b, pos, SIZE_MAX)) < 0)
				return error;
			pc = in->a;
			continue;
		case I_JMP:
			pc = in->a;
			continue;
		case I_QUOTE:
			if ((error = push_frame(m, pc, pos, 0)) < 0)
				return error;
			goto fail;   /* tries the first closing mark */
		case I_NUMBER:
			p = skip_space(m->s, m->len, pos);
			if (!scan_number(m->s, m->len, p, &e))
				goto fail;
			if ((error = push_event(m, EV_NUMBER, 0, p, e)) < 0)
				return error;
			pos = e;
			pc++;
			continue;
		case I_ORDINAL:
			p = skip_space(m->s, m->len, pos);
			if (!(value = scan_word(g->ordinals, g->ordinal_count, m->s, m->len, p, &e)))
				goto fail;
			if ((error = push_event(m, EV_NUMBER, value, p, p)) < 0)
				return error;
			pos = e;
			pc++;
			continue;
		case I_SUB:
			p = skip_space(m->s, m->len, pos);
			if (!scan_sub(m->s, m->len, p, &e))
				goto fail;
			if ((error = push_event(m, EV_SUB, 0, p, e)) < 0)
				return error;
			pos = e;
			pc++;
			continue;
		case I_COUNT:
		case I_ITEM:
			p = skip_space(m->s, m->len, pos);
			if ((e = scan_digits(m->s, m->len, p, &v)) > 0) {
				e += p;
			} else if (in->op == I_COUNT &&
				   (v = (size_t)scan_word(g->cardinals, g->cardinal_count, m->s, m->len, p, &e)) > 0) {
				;
			} else {
				goto fail;
			}
			if ((error = push_event(m, in->op == I_COUNT ? EV_COUNT : EV_ITEM, (int)v, p, e)) < 0)
				return error;
			pos = e;
			pc++;
			continue;
		case I_MARK:
			if ((error = push_event(m, (event_kind)in->a, in->b, pos, pos)) < 0)
				return error;
			pc++;
			continue;
		case I_END:
			if (skip_space(m->s, m->len, pos) != m->len)
				goto fail;
			pc++;
			continue;
		case I_MATCH:
			return 1;
		}
fail:
		/* undo to the last choice */
		for (;;) {
			frame *f;
			int pair;
			size_t c, q;
			if (!m->depth)
				return 0;
			f = &m->stack[m->depth - 1];
			m->nev = f->events;
			if (f->candidate == SIZE_MAX) {
				pc = f->pc;
				pos = f->pos;
				m->depth--;
				break;
			}
			/* a quote: its next closing mark */
			p = skip_space(m->s, m->len, f->pos);
			if ((pair = quote_pair(m, p)) < 0) {
				/* a text printed without quotes right after a colon
				 * ("…, reading:" then the paragraph) runs to the end
				 * of the amendment and keeps its own end mark; tried
				 * once */
				if (g->code[f->pc].a != ROLE_TEXT || f->candidate++ ||
				    !unquoted_start(m->s, m->len, f->pos, p) ||
				    (q = unquoted_end(m->s, m->len, p)) == p) {
					m->depth--;
					continue;
				}
				if ((error = push_event(m, EV_QUOTE, ROLE_TEXT, p, q)) < 0)
					return error;
				pc = f->pc + 1;
				pos = m->len;
				break;
			}
			c = p + strlen(g->open[pair]);
			if ((q = quote_close(m, pair, c, f->candidate++)) == SIZE_MAX) {
				m->depth--;
				continue;
			}
			if ((error = push_event(m, EV_QUOTE, g->code[f->pc].a, c, q)) < 0)
				return error;
			pc = f->pc + 1;
			pos = q + strlen(g->close[pair]);
			break;
		}
	}
}

/* ---- operations from the events -------------------------------------------------- */

typedef struct {
	resdiff_amendments *am;
	resdiff_amendment *item;
	const char *s;
	size_t len;
} builder;

static char *dup_span(resdiff_arena *a, const char *s, size_t start, size_t end)
{
	return resdiff_arena_strndup(a, s + start, end - start);
}

/* "1 (a)" as "1(a)". */
static char *number_text(resdiff_arena *a, const char *s, size_t start, size_t end,
		const char *sub, size_t sub_len)
{
	char *out = resdiff_arena_alloc(a, end - start + sub_len + 1);
	size_t i, n = 0;
	if (!out)
		return NULL;
	for (i = start; i < end; i++)
		if (s[i] != ' ')
			out[n++] = s[i];
	for (i = 0; i < sub_len; i++)
		if (sub[i] != ' ')
			out[n++] = sub[i];
	out[n] = '\0';
	return out;
}

/* Growing arrays in the arena: the counts are small (an amendment's
 * references, edits and texts), so each append copies. */
static void *arena_append(resdiff_arena *a, void *array, size_t count, size_t size)
{
	char *p = resdiff_arena_alloc(a, (count + 1) * size);
	if (p && count)
		memcpy(p, array, count * size);
	return p;
}

static int fail_item(builder *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int fail_item(builder *b, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!(b->item->error = resdiff_arena_strdup(b->am->arena, msg)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

/* "In operative paragraphs 27 and 43, delete ...": the same edits in each
 * paragraph cited, one operation a paragraph (op, the item's last, is
 * the first of them; the edits are shared, read-only). */
static int split_edit(builder *b, resdiff_amend_op *op)
{
	size_t at = (size_t)(op - b->item->ops), n = op->ref_count, k;
	resdiff_amend_op *ops = resdiff_arena_alloc(b->am->arena,
		(b->item->op_count + n - 1) * sizeof(*ops));
	if (!ops)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	memcpy(ops, b->item->ops, b->item->op_count * sizeof(*ops));
	for (k = 0; k < n; k++) {
		ops[at + k] = *op;
		ops[at + k].refs = op->refs + k;
		ops[at + k].ref_count = 1;
	}
	b->item->ops = ops;
	b->item->op_count += n - 1;
	return 0;
}

/* An operation is complete: check what the grammar cannot. */
static int finish_op(builder *b, resdiff_amend_op *op, size_t count, bool has_count,
		resdiff_amend_ref *pending, size_t npending)
{
	resdiff_arena *a = b->am->arena;
	size_t k;
	for (k = 0; k < npending; k++) {
		resdiff_amend_ref *r = arena_append(a, op->refs, op->ref_count, sizeof(*r));
		if (!r)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		r[op->ref_count] = pending[k];
		op->refs = r;
		op->ref_count++;
	}
	if (has_count && count != op->text_count)
		return fail_item(b, "it says %zu new paragraphs and quotes %zu", count, op->text_count);
	if (op->kind == RESDIFF_AMEND_EDIT && op->ref_count > 1)
		return split_edit(b, op);
	if ((op->kind == RESDIFF_AMEND_EDIT || op->kind == RESDIFF_AMEND_MOVE ||
	     op->kind == RESDIFF_AMEND_RETYPE) && op->ref_count != 1)
		return fail_item(b, "it cites %zu paragraphs where one is expected", op->ref_count);
	return 0;
}

#define PENDING_MAX 256

static int build_ops(builder *b, const event *ev, size_t nev)
{
	resdiff_arena *a = b->am->arena;
	resdiff_amend_ref pending[PENDING_MAX];
	resdiff_amend_op *op = NULL;
	resdiff_amend_edit *edit = NULL;
	size_t npending = 0, k, count = 0, item = 0;
	const event *numbers[PENDING_MAX], *sub = NULL;  /* since the last reference */
	size_t nnumbers = 0;
	bool has_count = false;
	int error = 0;

	for (k = 0; k < nev; k++) {
		const event *e = &ev[k];
		switch ((event_kind)e->kind) {
		case EV_SENT: {
			resdiff_amend_op *ops;
			if (op && ((error = finish_op(b, op, count, has_count, pending, npending)) < 0 ||
				   b->item->error))
				return error < 0 ? error : 0;
			if (!(ops = arena_append(a, b->item->ops, b->item->op_count, sizeof(*ops))))
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			b->item->ops = ops;
			op = &ops[b->item->op_count++];
			memset(op, 0, sizeof(*op));
			op->kind = (resdiff_amend_op_kind)e->value;
			npending = count = 0;
			has_count = false;
			edit = NULL;
			nnumbers = 0;
			sub = NULL;
			break;
		}
		case EV_NUMBER:
			if (nnumbers == PENDING_MAX)
				return fail_item(b, "too many paragraphs cited");
			numbers[nnumbers++] = e;
			break;
		case EV_SUB:
			sub = e;
			break;
		case EV_REF: {
			/* one reference a number: "operative paragraphs 27 and 43"
			 * are two; a sub-paragraph belongs to the last number */
			size_t j;
			if (!nnumbers || npending + nnumbers > PENDING_MAX)
				return fail_item(b, "too many paragraphs cited");
			for (j = 0; j < nnumbers; j++) {
				const event *number = numbers[j];
				resdiff_amend_ref *r = &pending[npending++];
				char digits[16];
				const char *subtext = sub && j + 1 == nnumbers ? b->s + sub->start : "";
				size_t sub_len = sub && j + 1 == nnumbers ? sub->end - sub->start : 0;
				r->kind = (resdiff_unit_kind)e->value;
				if (number->value > 0) {
					snprintf(digits, sizeof(digits), "%d", number->value);
					r->number = number_text(a, digits, 0, strlen(digits), subtext, sub_len);
				} else {
					r->number = number_text(a, b->s, number->start, number->end, subtext,
						sub_len);
				}
				if (!r->number)
					return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				if (strchr(r->number, '(') &&
				    (r->kind == RESDIFF_UNIT_OPERATIVE || r->kind == RESDIFF_UNIT_PARAGRAPH))
					r->kind = RESDIFF_UNIT_SUBPARAGRAPH;
			}
			nnumbers = 0;
			sub = NULL;
			break;
		}
		case EV_NOUN:
			if (op) {
				op->has_kind = e->value != RESDIFF_UNIT_PARAGRAPH;
				op->new_kind = (resdiff_unit_kind)e->value;
			}
			break;
		case EV_EDIT: {
			resdiff_amend_edit *edits;
			if (!op)
				break;
			if (!(edits = arena_append(a, op->edits, op->edit_count, sizeof(*edits))))
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			op->edits = edits;
			edit = &edits[op->edit_count++];
			memset(edit, 0, sizeof(*edit));
			edit->kind = (resdiff_amend_edit_kind)e->value;
			break;
		}
		case EV_QUOTE: {
			char *t = dup_span(a, b->s, e->start, e->end);
			if (!t)
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			if (e->value == ROLE_TEXT && op) {
				const char **texts = arena_append(a, (void *)op->texts, op->text_count,
					sizeof(*texts));
				if (!texts)
					return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				texts[op->text_count++] = t;
				op->texts = texts;
			} else if (edit && e->value == ROLE_OLD) {
				edit->old = t;
			} else if (edit) {
				edit->new = t;
			}
			break;
		}
		case EV_PLACE:
			if (!op)
				break;
			op->place.kind = (resdiff_amend_place_kind)e->value;
			if (e->value == RESDIFF_AMEND_AFTER_CLAUSE && npending)
				op->place.ref = pending[--npending];
			if (e->value == RESDIFF_AMEND_AFTER_INSERTED)
				op->place.item = item;
			break;
		case EV_ITEM:
			item = (size_t)e->value;
			break;
		case EV_COUNT:
			count = (size_t)e->value;
			has_count = true;
			break;
		}
	}
	if (op && (error = finish_op(b, op, count, has_count, pending, npending)) < 0)
		return error;
	return 0;
}

/* ---- the document ---------------------------------------------------------------- */

/* "3." "3)" "(3)" "3．" "3、" at the start of a line: the amendment's
 * number; *skip is where its text starts. */
static bool item_marker(const char *s, size_t len, size_t *number, size_t *skip)
{
	size_t i = skip_space(s, len, 0), n, v;
	bool paren = i < len && s[i] == '(';
	if (paren)
		i++;
	if (!(n = scan_digits(s, len, i, &v)))
		return false;
	i += n;
	if (paren) {
		if (i >= len || s[i] != ')')
			return false;
		i++;
	} else if (i < len && (s[i] == '.' || s[i] == ')')) {
		i++;
	} else if (has_prefix(s, len, i, "\xef\xbc\x8e") || has_prefix(s, len, i, "\xe3\x80\x81")) {
		i += 3;       /* "．" "、" */
	} else {
		return false;
	}
	/* "1.5 per cent" is not a number of an amendment */
	if (i < len && s[i] >= '0' && s[i] <= '9')
		return false;
	*number = v;
	*skip = skip_space(s, len, i);
	return true;
}

typedef struct {
	size_t start, len;   /* the line in the text */
	size_t line;
} line_span;

/* s[0..len) without spaces and end marks at its end. */
static size_t trim_end(const grammar *g, const char *s, size_t len)
{
	bool again = true;
	while (again) {
		size_t k, i = len, adv;
		again = false;
		while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > 0 && resdiff_text_is_space(cp_at(s, len, i - 1, &adv))) {
			len = i - 1;
			again = true;
			continue;
		}
		for (k = 0; k < g->end_count && !again; k++) {
			size_t n = strlen(g->ends[k]);
			if (n <= len && !memcmp(s + len - n, g->ends[k], n)) {
				len -= n;
				again = true;
			}
		}
	}
	return len;
}

/* Does the line read, whole, as one of the phrases of `key`? Its values
 * ({symbol}) match any text of one character or more. */
static bool line_is(const grammar *g, const char *key, const char *s, size_t len)
{
	phrase_iter pi;
	const resdiff_lang_entry *e;

	len = trim_end(g, s, len);
	phrases_of(&pi, g, key);
	while ((e = next_phrase(&pi)) != NULL) {
		const char *t = e->text;
		size_t tl = trim_end(g, t, e->len), ti = 0, si = skip_space(s, len, 0), end;
		bool ok = true, after_value = false;
		while (ok && ti < tl) {
			const char *open = memchr(t + ti, '{', tl - ti);
			const char *close = open ? memchr(open, '}', tl - (size_t)(open - t)) : NULL;
			size_t lit_end = close ? (size_t)(open - t) : tl, from;
			if (skip_space(t, lit_end, ti) < lit_end) {
				if (!after_value) {
					ok = lit_match(t + ti, lit_end - ti, s, len, si, &end);
				} else {
					/* a value takes one character or more, then the literal */
					ok = false;
					for (from = si + 1; from < len && !ok; from++)
						ok = lit_match(t + ti, lit_end - ti, s, len, from, &end);
				}
				if (ok) {
					si = end;
					after_value = false;
				}
			}
			if (!close)
				break;
			after_value = true;
			ti = (size_t)(close - t) + 1;
		}
		if (ok && (after_value ? skip_space(s, len, si) < len : skip_space(s, len, si) == len))
			return true;
	}
	return false;
}

static bool joins_unspaced(const char *s, size_t len)
{
	size_t adv, i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 && resdiff_text_is_cjk(cp_at(s, len, i - 1, &adv));
}

/* One amendment's text: its lines joined, a space between them but
 * between two Han characters. */
static int item_text(resdiff_buf *out, const char *text, const line_span *lines, size_t from,
		size_t to, size_t first_skip)
{
	size_t k;
	int error = 0;
	resdiff_buf_clear(out);
	for (k = from; k < to && !error; k++) {
		const char *l = text + lines[k].start + (k == from ? first_skip : 0);
		size_t n = lines[k].len - (k == from ? first_skip : 0), adv;
		size_t a = skip_space(l, n, 0);
		for (;;) {
			size_t i = n;
			while (i > a && ((unsigned char)l[i - 1] & 0xC0) == 0x80)
				i--;
			if (i <= a || !resdiff_text_is_space(cp_at(l, n, i - 1, &adv)))
				break;
			n = i - 1;
		}
		if (n <= a)
			continue;
		if (out->size && !(joins_unspaced(out->ptr, out->size) &&
				   resdiff_text_is_cjk(cp_at(l, n, a, &adv))))
			error = resdiff_buf_putc(out, ' ');
		if (!error)
			error = resdiff_buf_put(out, l + a, n - a);
	}
	return error;
}

/* Read the amendments of one language; *read counts those it reads. */
static int read_with(resdiff_amendments *am, const grammar *g, const char *text,
		const line_span *lines, size_t nlines, size_t *read)
{
	matcher m;
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t k, first = nlines, number, skip;
	bool numbered = false;
	int error = 0;

	memset(&m, 0, sizeof(m));
	m.g = g;
	*read = 0;
	for (k = 0; k < nlines; k++)
		if (item_marker(text + lines[k].start, lines[k].len, &number, &skip)) {
			numbered = true;
			break;
		}
	/* front matter: the header, "No amendments." */
	for (k = 0; k < nlines; k++) {
		const char *l = text + lines[k].start;
		if (numbered && item_marker(l, lines[k].len, &number, &skip)) {
			first = k;
			break;
		}
		if (!am->header && line_is(g, "header", l, lines[k].len)) {
			if (!(am->header = resdiff_arena_strndup(am->arena, l + skip_space(l, lines[k].len, 0),
					lines[k].len - skip_space(l, lines[k].len, 0))))
				goto nomem;
			continue;
		}
		if (line_is(g, "none", l, lines[k].len)) {
			am->none = true;
			continue;
		}
		if (!numbered && skip_space(l, lines[k].len, 0) < lines[k].len) {
			first = k;
			break;
		}
	}
	/* the amendments: numbered, each to the next number; else one per
	 * block of lines */
	for (k = first; k < nlines && !error;) {
		size_t end = k + 1, start_skip = 0, n = am->count + 1;
		resdiff_amendment *it;
		builder b;
		if (numbered) {
			item_marker(text + lines[k].start, lines[k].len, &n, &start_skip);
			while (end < nlines && !item_marker(text + lines[end].start, lines[end].len, &number, &skip))
				end++;
		} else {
			while (end < nlines && skip_space(text + lines[end].start, lines[end].len, 0) < lines[end].len)
				end++;
		}
		if ((error = item_text(&buf, text, lines, k, end, start_skip)) < 0)
			break;
		if (!buf.size) {
			k = end;
			while (!numbered && k < nlines && skip_space(text + lines[k].start, lines[k].len, 0) == lines[k].len)
				k++;
			continue;
		}
		if (am->count == RESDIFF_AMEND_MAX_ITEMS) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "more than %d amendments",
				RESDIFF_AMEND_MAX_ITEMS);
			break;
		}
		it = &am->items[am->count++];
		memset(it, 0, sizeof(*it));
		it->number = n;
		it->line = lines[k].line;
		if (!(it->text = resdiff_arena_strndup(am->arena, buf.ptr, buf.size)))
			goto nomem;
		m.s = it->text;
		m.len = buf.size;
		if ((error = run(&m)) < 0)
			break;
		b.am = am;
		b.item = it;
		b.s = it->text;
		b.len = buf.size;
		if (error == 0) {
			it->error = m.over_budget ?
				"its quotation marks can be read too many ways" :
				"it reads as no amendment phrase";
			error = 0;
		} else if ((error = build_ops(&b, m.ev, m.nev)) < 0) {
			break;
		} else if (!it->error) {
			(*read)++;
		}
		k = end;
		while (!numbered && k < nlines && skip_space(text + lines[k].start, lines[k].len, 0) == lines[k].len)
			k++;
	}
	goto done;
nomem:
	error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
done:
	free(m.stack);
	free(m.ev);
	resdiff_buf_dispose(&buf);
	return error;
}

static int split_lines(line_span **out, size_t *count, const char *text, size_t len)
{
	size_t i = 0, n = 0, alloc = 0, line = 0;
	line_span *l = NULL;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 64;
			line_span *p = realloc(l, na * sizeof(*p));
			if (!p) {
				free(l);
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			}
			l = p;
			alloc = na;
		}
		l[n].start = i;
		l[n].len = e - i;
		l[n].line = ++line;
		n++;
		if (e + 1 < len && text[e] == '\r' && text[e + 1] == '\n')
			e++;
		i = e + 1;
	}
	*out = l;
	*count = n;
	return 0;
}

void resdiff_amendments_free(resdiff_amendments *am)
{
	if (!am)
		return;
	free(am->items);
	resdiff_arena_free(am->arena);
	free(am);
}

static int new_list(resdiff_amendments **out, size_t nlines)
{
	resdiff_amendments *am = calloc(1, sizeof(*am));
	*out = am;
	if (!am || !(am->arena = resdiff_arena_new()) ||
	    !(am->items = calloc(nlines + 1, sizeof(*am->items)))) {
		resdiff_amendments_free(am);
		*out = NULL;
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	return 0;
}

/* Each language that has phrases of its own (the others read as English)
 * reads the lines; the one that reads most replaces *best when it reads
 * more than *best_read (the first in the table's order on a tie; then
 * "No amendments.", then a header). */
static int read_languages(resdiff_amendments **best, size_t *best_read, const char *text,
		const line_span *lines, size_t nlines, const char *only)
{
	resdiff_amendments *am = NULL;
	size_t k;
	int error = 0;

	for (k = 0; k < resdiff_lang_count() && !error; k++) {
		const resdiff_lang *l = resdiff_lang_at(k);
		grammar g;
		size_t read = 0;
		if (only ? strcmp(only, l->code) :
		    !l->section[RESDIFF_SECTION_AMENDMENT_PHRASES].count &&
		    !l->section[RESDIFF_SECTION_AMENDMENT_GRAMMAR].count)
			continue;
		if ((error = grammar_build(&g, l)) < 0)
			break;
		if ((error = new_list(&am, nlines)) == 0 &&
		    (error = read_with(am, &g, text, lines, nlines, &read)) == 0) {
			am->language = l->code;
			if (!*best || read > *best_read ||
			    (read == *best_read && (am->none > (*best)->none ||
			     (am->none == (*best)->none && am->header && !(*best)->header)))) {
				resdiff_amendments_free(*best);
				*best = am;
				*best_read = read;
				am = NULL;
			}
		}
		resdiff_amendments_free(am);
		am = NULL;
		grammar_dispose(&g);
	}
	return error;
}

/* A tabled amendment document as downloaded (the text of its PDF: page
 * headers, job numbers, "1." alone on its line, hard wraps, an
 * unnumbered single amendment) is what the document parser reads
 * (docs/PARSE.md, kind "amendment"): its units, one amendment each,
 * numbered as printed (else in order), are read as the lines of a clean
 * list. The result replaces *best when it reads more amendments; each
 * amendment keeps its line in the source. A text the parser does not
 * take for an amendment document leaves *best as it is. */
static int read_parsed(resdiff_amendments **best, size_t *best_read, const char *text,
		size_t len, const char *only, const char *source)
{
	resdiff_parse_options po = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_amendments *mine = NULL;
	resdiff_doc *doc = NULL;
	resdiff_buf clean = RESDIFF_BUF_INIT;
	line_span *lines = NULL;
	size_t nlines = 0, read = 0, k, *src = NULL;
	int error = 0;

	po.language = only;
	po.source = source;
	if (resdiff_parse(&doc, text, len, &po) < 0) {
		resdiff_error_clear();  /* not a document: the lines alone are read */
		return 0;
	}
	if (!doc->meta.kind || strcmp(doc->meta.kind, "amendment") || !doc->unit_count)
		goto done;
	if (!(src = malloc(doc->unit_count * sizeof(*src)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	{
		const resdiff_lang *l = resdiff_lang_get(doc->meta.language ? doc->meta.language : "");
		const char *qo = resdiff_lang_phrase(l, RESDIFF_SECTION_AMENDMENT_PHRASES, "quote-open");
		const char *qc = resdiff_lang_phrase(l, RESDIFF_SECTION_AMENDMENT_PHRASES, "quote-close");
		bool numbered = false, colon = false;
		size_t n, skip, item = 0;
		for (k = 0; k < doc->unit_count; k++)
			numbered |= item_marker(doc->units[k].label, strlen(doc->units[k].label), &n, &skip);
		for (k = 0; k < doc->unit_count && !error; k++) {
			const resdiff_unit *u = &doc->units[k];
			bool marked = item_marker(u->label, strlen(u->label), &n, &skip);
			/* the text an amendment inserts, printed as a paragraph of
			 * its own after "…, reading:": one paragraph, or in a
			 * numbered list every one up to the next number */
			if (item && !marked && (numbered || colon)) {
				bool quote = colon && qo && qc && strncmp(u->text, qo, strlen(qo));
				error = resdiff_buf_printf(&clean, " %s%s%s", quote ? qo : "", u->text,
					quote ? qc : "");
				colon = colon && numbered;
				continue;
			}
			if (item && (error = resdiff_buf_putc(&clean, '\n')) < 0)
				break;
			src[item++] = u->line;
			error = marked ? resdiff_buf_printf(&clean, "%s %s", u->label, u->text) :
				resdiff_buf_printf(&clean, "%zu. %s", item, u->text);
			n = strlen(u->text);
			colon = n && (u->text[n - 1] == ':' ||
				      (n >= 3 && !memcmp(u->text + n - 3, "\xef\xbc\x9a", 3)));  /* "：" */
		}
		if (!error && item)
			error = resdiff_buf_putc(&clean, '\n');
	}
	if (error < 0 || (error = split_lines(&lines, &nlines, clean.ptr, clean.size)) < 0 ||
	    (error = read_languages(&mine, &read, clean.ptr, lines, nlines, only)) < 0)
		goto done;
	/* more read; as many, with fewer left unread (the line reading takes
	 * the front matter of a PDF's text for amendments) */
	if (mine && (read > *best_read || (read == *best_read && *best &&
		     mine->count < (*best)->count))) {
		for (k = 0; k < mine->count; k++)  /* line k + 1 of the list: src[k] */
			if (mine->items[k].line >= 1 && mine->items[k].line <= nlines)
				mine->items[k].line = src[mine->items[k].line - 1];
		resdiff_amendments_free(*best);
		*best = mine;
		*best_read = read;
		mine = NULL;
	}
done:
	resdiff_amendments_free(mine);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&clean);
	free(lines);
	free(src);
	return error;
}

int resdiff_amendments_read(resdiff_amendments **out, const char *text, size_t len,
		const resdiff_amend_read_options *opts)
{
	const char *source = opts && opts->source ? opts->source : "amendments";
	const char *only = opts ? opts->language : NULL;
	resdiff_amendments *best = NULL;
	line_span *lines = NULL;
	size_t nlines = 0, best_read = 0;
	int error;

	*out = NULL;
	if ((error = resdiff_lang_load()) < 0)
		return error;
	if (len > RESDIFF_AMEND_MAX_INPUT)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: over %u bytes", source,
			RESDIFF_AMEND_MAX_INPUT);
	if ((error = resdiff_text_check_encoding(source, text, len)) < 0)
		return error;
	if (only && !resdiff_lang_known(only))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: no language '%s'", source, only);
	if ((error = split_lines(&lines, &nlines, text, len)) < 0)
		return error;
	if ((error = read_languages(&best, &best_read, text, lines, nlines, only)) == 0 &&
	    !(best && best->none))
		error = read_parsed(&best, &best_read, text, len, only, source);
	if (!error && !best)
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: no language has amendment phrases to read it with", source);
	if (!error && !best_read && !best->none) {
		char blank[128];
		error = resdiff_text_describe_blank(blank, sizeof(blank), text, len)
			? resdiff_error_set(RESDIFF_EINVALID, "%s: no amendment (%s)",
				source, blank)
			: resdiff_error_set(RESDIFF_EINVALID, "%s: nothing in it reads as an amendment "
				"(docs/AMEND.md lists the phrasings)", source);
	}
	if (!error) {
		*out = best;
		best = NULL;
	}
	resdiff_amendments_free(best);
	free(lines);
	return error;
}

const char *resdiff_amend_op_kind_name(resdiff_amend_op_kind kind)
{
	static const char *const names[] = { "edit", "delete", "insert", "replace", "move", "retype" };
	return kind <= RESDIFF_AMEND_RETYPE ? names[kind] : "";
}
