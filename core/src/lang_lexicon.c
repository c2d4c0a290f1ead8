/* lang_lexicon.c: the aligner's word lists of one language compiled for
 * lookups (see resdiff/lang.h). The lists are the sections leading-words,
 * leading-modifiers, months, month-variants, number-words and
 * session-words of the language's file: words that every rolling update
 * of a resolution changes and that say nothing about which clause it is.
 * The aligner weighs them down, never removes them (docs/DIFF.md). A word
 * missing from them costs a little similarity, never a wrong match: in
 * spaced scripts the first word of a clause is weighed down whether listed
 * or not. */
#include "resdiff/lang.h"
#include "resdiff/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LEXICON_SLOTS 2048   /* a power of two, over twice the longest table */
#define LEXICON_PATTERNS 64

typedef struct {
	const char *word;    /* NULL: empty slot */
	size_t len;
	unsigned classes;
} lexicon_slot;

typedef struct {
	const char *text;    /* without the '*' */
	size_t len;
	bool prefix;         /* "pre*"; else "*suf" */
	unsigned classes;
} lexicon_pattern;

struct resdiff_lang_lexicon {
	lexicon_slot slot[LEXICON_SLOTS];
	lexicon_pattern pattern[LEXICON_PATTERNS];
	size_t npatterns;
	size_t longest;      /* bytes of the longest exact entry */
	/* per class (leading, modifier, rolling): a 1024-bit filter of the
	 * entries' first characters, and the byte lengths entries have */
	uint64_t first[3][16];
	uint64_t lengths[3];
};

static unsigned class_index(unsigned classes)
{
	return classes == RESDIFF_LANG_LEADING ? 0 : classes == RESDIFF_LANG_MODIFIER ? 1 : 2;
}

static uint32_t word_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* The filter slot of a code point, and of a text's first character. */
static unsigned cp_slot(uint32_t cp)
{
	return (cp * 2654435761u) >> 22;
}

static unsigned first_slot(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp = u[0];
	if (cp >= 0xF0 && len >= 4)
		cp = ((cp & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
	else if (cp >= 0xE0 && len >= 3)
		cp = ((cp & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
	else if (cp >= 0xC0 && len >= 2)
		cp = ((cp & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	return cp_slot(cp);
}

static void lexicon_add(resdiff_lang_lexicon *lx, const resdiff_lang_list *list, unsigned classes)
{
	size_t i;
	for (i = 0; i < list->count; i++) {
		const char *e = list->entry[i].text;
		size_t len = list->entry[i].len, k;
		if (len > 1 && (e[len - 1] == '*' || e[0] == '*')) {
			if (lx->npatterns < LEXICON_PATTERNS) {
				lexicon_pattern *p = &lx->pattern[lx->npatterns++];
				p->prefix = e[len - 1] == '*';
				p->text = p->prefix ? e : e + 1;
				p->len = len - 1;
				p->classes = classes;
			}
			continue;
		}
		for (k = word_hash(e, len) & (LEXICON_SLOTS - 1); lx->slot[k].word;
		     k = (k + 1) & (LEXICON_SLOTS - 1))
			if (lx->slot[k].len == len && !memcmp(lx->slot[k].word, e, len))
				break;
		if (!lx->slot[k].word) {
			lx->slot[k].word = e;
			lx->slot[k].len = len;
		}
		{
			unsigned f = first_slot(e, len), c = class_index(classes);
			lx->first[c][f / 64] |= 1ull << (f % 64);
			if (len < 64)
				lx->lengths[c] |= 1ull << len;
		}
		lx->slot[k].classes |= classes;
		if (len > lx->longest)
			lx->longest = len;
	}
}

int resdiff_lang_lexicon_new(resdiff_lang_lexicon **out, const resdiff_lang *lang)
{
	resdiff_lang_lexicon *lx = calloc(1, sizeof(*lx));
	*out = NULL;
	if (!lx)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_LEADING_WORDS], RESDIFF_LANG_LEADING);
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_LEADING_MODIFIERS], RESDIFF_LANG_MODIFIER);
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_MONTHS], RESDIFF_LANG_ROLLING);
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_MONTH_VARIANTS], RESDIFF_LANG_ROLLING);
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_NUMBER_WORDS], RESDIFF_LANG_ROLLING);
	lexicon_add(lx, &lang->section[RESDIFF_SECTION_SESSION_WORDS], RESDIFF_LANG_ROLLING);
	*out = lx;
	return 0;
}

void resdiff_lang_lexicon_free(resdiff_lang_lexicon *lx)
{
	free(lx);
}

static unsigned exact_classes(const resdiff_lang_lexicon *lx, const char *w, size_t len)
{
	size_t k;
	if (len > lx->longest)
		return 0;
	for (k = word_hash(w, len) & (LEXICON_SLOTS - 1); lx->slot[k].word;
	     k = (k + 1) & (LEXICON_SLOTS - 1))
		if (lx->slot[k].len == len && !memcmp(lx->slot[k].word, w, len))
			return lx->slot[k].classes;
	return 0;
}

unsigned resdiff_lang_lexicon_classify(const resdiff_lang_lexicon *lx, const char *w, size_t len)
{
	unsigned classes = exact_classes(lx, w, len);
	size_t i;
	for (i = 0; i < lx->npatterns; i++) {
		const lexicon_pattern *p = &lx->pattern[i];
		if (len >= p->len && !memcmp(p->prefix ? w : w + len - p->len, p->text, p->len))
			classes |= p->classes;
	}
	return classes;
}

bool resdiff_lang_lexicon_may_start(const resdiff_lang_lexicon *lx, uint32_t cp, unsigned classes)
{
	unsigned f = cp_slot(cp), c;
	for (c = 0; c < 3; c++)
		if ((classes & (1u << c)) && (lx->first[c][f / 64] & (1ull << (f % 64))))
			return true;
	return false;
}

size_t resdiff_lang_lexicon_prefix(const resdiff_lang_lexicon *lx, const char *s, size_t len,
		unsigned classes)
{
	uint64_t lengths = 0;
	unsigned f, c;
	size_t n;

	if (!len)
		return 0;
	f = first_slot(s, len);
	for (c = 0; c < 3; c++)
		if ((classes & (1u << c)) && (lx->first[c][f / 64] & (1ull << (f % 64))))
			lengths |= lx->lengths[c];
	lengths &= len < 63 ? (2ull << len) - 1 : ~0ull;
	while (lengths) {
		n = 63 - (size_t)__builtin_clzll(lengths);
		lengths &= ~(1ull << n);
		if (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
			continue;  /* not at a character boundary */
		if (exact_classes(lx, s, n) & classes)
			return n;
	}
	return 0;
}

/* A word in both leading-words and leading-modifiers ("вновь", "وإذ",
 * "profondément") opens a clause alone ("Вновь, ...") or goes with the
 * listed verb after it ("вновь подтверждая", "وإذ تشير"): the bytes of
 * that verb at key[0..len), 0 when the next word is none. */
static size_t leading_after(const resdiff_lang_lexicon *lx, const char *key, size_t len)
{
	const char *sp = memchr(key, ' ', len);
	size_t n = sp ? (size_t)(sp - key) : len;
	return n && (resdiff_lang_lexicon_classify(lx, key, n) & RESDIFF_LANG_LEADING) ? n : 0;
}

size_t resdiff_lang_lexicon_leading(const resdiff_lang_lexicon *lx, const resdiff_lang *lang,
		const char *key, size_t len)
{
	size_t at = 0, k, n;
	bool verb = false;

	if (lang->script->spaced) {
		size_t after;
		/* the first word, or the one after a modifier ("also recognizes") */
		for (k = 0; k < 2 && at < len; k++) {
			const char *sp = memchr(key + at, ' ', len - at);
			unsigned cls;
			n = sp ? (size_t)(sp - key) - at : len - at;
			cls = n ? resdiff_lang_lexicon_classify(lx, key + at, n) : 0;
			if ((cls & RESDIFF_LANG_LEADING) && (cls & RESDIFF_LANG_MODIFIER) && sp &&
			    (after = leading_after(lx, key + at + n + 1, len - at - n - 1)) > 0)
				return at + n + 1 + after;
			if (cls & RESDIFF_LANG_LEADING)
				return at + n;
			if (!(cls & RESDIFF_LANG_MODIFIER) || !sp)
				return 0;
			at += n + 1;
		}
		return 0;
	}
	for (k = 0; k < RESDIFF_LANG_LEADING_MAX && at < len; k++) {
		size_t m = resdiff_lang_lexicon_prefix(lx, key + at, len - at, RESDIFF_LANG_LEADING);
		if (m) {
			verb = true;
		} else if (!(m = resdiff_lang_lexicon_prefix(lx, key + at, len - at,
				RESDIFF_LANG_MODIFIER))) {
			break;
		}
		at += m;
		if (verb)
			break;
	}
	return verb ? at : 0;
}
