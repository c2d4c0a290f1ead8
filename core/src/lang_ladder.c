/* lang_ladder.c: the verb ladders and the number words of a language (see
 * resdiff/lang.h): which rung of the operative or preambular ladder a
 * clause opens with, and the value of a number written in words
 * ("seventy-fourth", "soixante et onzième") or in numerals ("六十四"), for
 * the diff's verb shifts and rolling updates (docs/DIFF.md, "Signals").
 * The sections are short (dozens of entries): lookups scan them. */
#include "resdiff/lang.h"
#include "resdiff/common.h"
#include "resdiff/text.h"

#include <string.h>

/* Does the entry text e[0..elen) equal s[0..elen), '-' in the entry
 * matching a space? */
static bool same_words(const char *e, const char *s, size_t elen)
{
	size_t i;
	for (i = 0; i < elen; i++)
		if (e[i] != s[i] && !(e[i] == '-' && s[i] == ' '))
			return false;
	return true;
}

const resdiff_lang_entry *resdiff_lang_ladder_match(const resdiff_lang *lang,
		resdiff_lang_section ladder, const char *key, size_t len, size_t *matched)
{
	const resdiff_lang_list *l;
	const resdiff_lang_entry *best = NULL;
	size_t i;

	*matched = 0;
	if (ladder != RESDIFF_SECTION_OPERATIVE_LADDER && ladder != RESDIFF_SECTION_PREAMBULAR_LADDER)
		return NULL;
	l = &lang->section[ladder];
	for (i = 0; i < l->count; i++) {
		const resdiff_lang_entry *e = &l->entry[i];
		if (e->len > len || e->len <= *matched || !same_words(e->text, key, e->len))
			continue;
		if (lang->script->spaced && e->len < len && key[e->len] != ' ')
			continue;  /* "notes" is not the start of "notesx" */
		best = e;
		*matched = e->len;
	}
	return best;
}

/* Does the entry read words[0..k) exactly? Its words are separated by
 * '-' or ' '. */
static bool entry_reads(const resdiff_lang_entry *e, const char *const *words, size_t k)
{
	const char *p = e->text, *end = e->text + e->len;
	size_t w;
	for (w = 0; w < k; w++) {
		size_t wl = strlen(words[w]);
		if ((size_t)(end - p) < wl || memcmp(p, words[w], wl))
			return false;
		p += wl;
		if (w + 1 < k) {
			if (p == end || (*p != '-' && *p != ' '))
				return false;
			p++;
		}
	}
	return p == end;
}

/* The value of the longest entry at words[0..n), in *value; the words it
 * spans, 0 for none. */
static size_t number_at(const resdiff_lang_list *l, const char *const *words, size_t n, long *value)
{
	size_t i, k, best = 0, stem = 0;
	long stem_value = 0;

	for (i = 0; i < l->count; i++) {
		const resdiff_lang_entry *e = &l->entry[i];
		if (e->len > 1 && e->text[e->len - 1] == '*') {
			/* a stem: one word starting with it, the longest stem wins */
			size_t sl = e->len - 1;
			if (sl > stem && strlen(words[0]) >= sl && !memcmp(words[0], e->text, sl)) {
				stem = sl;
				stem_value = e->number;
			}
			continue;
		}
		for (k = n < RESDIFF_LANG_NUMBER_SPAN ? n : RESDIFF_LANG_NUMBER_SPAN; k > best; k--)
			if (entry_reads(e, words, k)) {
				best = k;
				*value = e->number;
				break;
			}
	}
	if (!best && stem) {
		*value = stem_value;
		return 1;
	}
	return best;
}

size_t resdiff_lang_number_words(const resdiff_lang *lang, const char *const *words, size_t n,
		long *value)
{
	const resdiff_lang_list *l = &lang->section[RESDIFF_SECTION_ORDINALS];
	size_t used = 0, k;
	long v;

	*value = 0;
	while (used < n && (k = number_at(l, words + used, n - used, &v)) > 0) {
		*value += v;
		used += k;
	}
	return used;
}

/* A run of numerals stops growing past this value (no overflow). */
#define LANG_NUMERALS_MAX 1000000000000L

/* The numeral of cp: its value, or -1. */
static long numeral_value(const resdiff_lang *lang, uint32_t cp)
{
	const resdiff_lang_list *l = &lang->section[RESDIFF_SECTION_NUMERALS];
	size_t i;
	if (!(lang->numeral_bits & (1ull << (cp % 64))))
		return -1;
	for (i = 0; i < l->count; i++)
		if (l->entry[i].cp == cp)
			return l->entry[i].number;
	return -1;
}

bool resdiff_lang_is_numeral(const resdiff_lang *lang, uint32_t cp)
{
	return numeral_value(lang, cp) >= 0;
}

/* Numerals with units ("六十四", "一百零二": a digit before a unit
 * multiplies it, a unit alone counts once; "十二万" and "一万二千": a unit
 * of ten thousand or more multiplies all that stands before it) or digits
 * alone, read as positions ("二〇一九"). */
long resdiff_lang_numerals(const resdiff_lang *lang, const char *s, size_t len, size_t *used)
{
	long total = 0, section = 0, digit = -1, positional = 0;
	bool units = false;
	size_t i = 0, adv;

	*used = 0;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		long v = cp < 0 ? -1 : numeral_value(lang, (uint32_t)cp);
		if (v < 0 || total > LANG_NUMERALS_MAX || section > LANG_NUMERALS_MAX ||
		    positional > LANG_NUMERALS_MAX)
			break;
		if (v >= 10000) {
			section += digit > 0 ? digit : 0;
			total += (section ? section : 1) * v;
			section = 0;
			digit = -1;
			units = true;
		} else if (v >= 10) {
			section += (digit > 0 ? digit : 1) * v;
			digit = -1;
			units = true;
		} else {
			digit = v;
			positional = positional * 10 + v;
		}
		i += adv;
	}
	*used = i;
	if (!i)
		return 0;
	return units ? total + section + (digit > 0 ? digit : 0) : positional;
}
