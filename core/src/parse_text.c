/* parse_text.c: what a piece of text is, for every pass of the parser:
 * code points at either end, clause ends, joining and spacing, heading
 * shape, footnote labels, document symbols and dates. No parser state: the
 * passes call down into this file, never the reverse. */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

uint32_t parse_last_cp(const char *s, size_t len)
{
	size_t at;
	return resdiff_utf8_last(s, len, &at);
}

uint32_t parse_first_cp(const char *s, size_t len)
{
	size_t adv;
	int32_t cp = len ? resdiff_utf8_decode(s, len, &adv) : 0;
	return cp < 0 ? 0 : (uint32_t)cp;
}

int parse_join(resdiff_buf *raw, const char *s, size_t len)
{
	int error;
	if (raw->size) {
		/* "multi-\nstakeholder" joins without a space, keeping the
		 * hyphen, and so does a range of numbers: "2024–\n2034" */
		uint32_t last = parse_last_cp(raw->ptr, raw->size);
		size_t dash = last == '-' ? 1 : last == 0x2013 ? 3 : 0;
		uint32_t before = dash && raw->size > dash ? parse_last_cp(raw->ptr, raw->size - dash) : 0;
		bool joined = (last == '-' && u_isalpha((UChar32)before)) ||
			      (dash && before >= '0' && before <= '9' && len && s[0] >= '0' && s[0] <= '9');
		if (!joined && (error = resdiff_buf_putc(raw, ' ')) < 0)
			return error;
	}
	return resdiff_buf_put(raw, s, len);
}

/* Does the word that starts at s[i] (up to a space or a CJK character)
 * hold a Latin letter? */
static bool latin_word_at(const char *s, size_t len, size_t i)
{
	size_t adv;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp < 0 || resdiff_text_is_space((uint32_t)cp) || resdiff_text_is_cjk((uint32_t)cp))
			return false;
		if (resdiff_text_is_latin((uint32_t)cp))
			return true;
		i += adv;
	}
	return false;
}

int parse_normalize(resdiff_buf *out, const char *s, size_t len,
		const size_t *pos, size_t *offsets, size_t npos)
{
	size_t i = 0, adv, p = 0, cps = 0;
	bool pending = false, latin = false; /* the word before holds a Latin letter */
	uint32_t prev = 0;
	char *o;
	int error;

	/* a whitespace run becomes one space at most: the text never grows,
	 * so one allocation does */
	if ((error = resdiff_buf_grow(out, out->size + len + 1)) < 0)
		return error;
	o = out->ptr + out->size;
	while (i < len) {
		uint32_t c;
		bool space;
		while (p < npos && pos[p] <= i)
			offsets[p++] = cps;
		if ((unsigned char)s[i] < 0x80) {
			c = (unsigned char)s[i];
			adv = 1;
		} else {
			int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
			if (cp < 0) {
				i += adv;
				continue;
			}
			c = (uint32_t)cp;
		}
		if (resdiff_text_is_space(c)) {
			pending = cps > 0;
			i += adv;
			continue;
		}
		/* one space between words; none next to CJK, except between an
		 * ideograph and a Latin word ("社会 and 知识", "见 A/60/687") */
		space = pending && (!resdiff_text_is_cjk(prev) && !resdiff_text_is_cjk(c) ?
			true :
			(resdiff_text_is_ideograph(prev) && !resdiff_text_is_cjk(c) && latin_word_at(s, len, i)) ||
			(latin && resdiff_text_is_ideograph(c)));
		if (space) {
			*o++ = ' ';
			cps++;
		}
		if (pending || resdiff_text_is_cjk(c))
			latin = false;
		latin |= resdiff_text_is_latin(c);
		pending = false;
		/* a well-formed code point: 1 to 4 bytes, copied inline (a
		 * memcpy call per character was 2 % of a 10 000-paragraph diff) */
		o[0] = s[i];
		if (adv > 1) {
			o[1] = s[i + 1];
			if (adv > 2) {
				o[2] = s[i + 2];
				if (adv > 3)
					o[3] = s[i + 3];
			}
		}
		o += adv;
		cps++;
		prev = c;
		i += adv;
	}
	while (p < npos)
		offsets[p++] = cps;
	*o = '\0';
	out->size = (size_t)(o - out->ptr);
	return 0;
}

size_t parse_visible_chars(const char *s, size_t len, bool *cjk)
{
	size_t i = 0, adv, n = 0, c = 0;
	while (i < len) {
		int32_t cp;
		if ((unsigned char)s[i] < 0x80) { /* ASCII: no decoding */
			n += s[i] != ' ' && s[i] != '\t';
			i++;
			continue;
		}
		/* an ideograph of U+4E00..U+9FFF (lead byte E4..E9): visible
		 * and CJK, without the predicates (issue 18: this count reads
		 * every line of a Chinese text) */
		if ((unsigned char)s[i] >= 0xE4 && (unsigned char)s[i] <= 0xE9 && len - i >= 3 &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80 &&
		    ((unsigned char)s[i] > 0xE4 || (unsigned char)s[i + 1] >= 0xB8)) {
			n++;
			c++;
			i += 3;
			continue;
		}
		cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp > 0 && !resdiff_text_is_space((uint32_t)cp)) {
			n++;
			c += resdiff_text_is_cjk((uint32_t)cp);
		}
		i += adv;
	}
	*cjk = c * 2 > n;
	return n;
}

bool parse_heading_shaped(const char *s, size_t len)
{
	bool cjk;
	size_t n, i;
	/* asked of a whole paragraph at every labelled line: a longer text
	 * is no heading, and need not be read to the end; nor need a clause's
	 * (most paragraphs end like one) */
	if (len > HEADING_MAX_BYTES || parse_ends_clause(s, len))
		return false;
	n = parse_visible_chars(s, len, &cjk);
	if (n == 0)
		return false;
	/* a heading is one phrase: no sentence ends inside it */
	for (i = 0; i + 1 < len; i++)
		if ((s[i] == '.' || s[i] == ';') && s[i + 1] == ' ')
			return false;
	for (i = 0; i + 3 <= len; i++)
		if ((unsigned char)s[i] >= 0xE3 && (!memcmp(s + i, "。", 3) || !memcmp(s + i, "；", 3)))
			return false;
	return n <= (cjk ? HEADING_MAX_CJK : HEADING_MAX_LATIN);
}

size_t parse_note_label(const char *s, size_t len, char out[16], bool *superscript)
{
	size_t i = 0, n = 0, adv;
	int32_t cp;

	*superscript = false;
	out[0] = '\0';
	if (len && s[0] == '*') {
		while (i < len && s[i] == '*' && n < 3)
			out[n++] = s[i++];
		out[n] = '\0';
		return (i < len && s[i] == '*') ? 0 : i;
	}
	/* the digits in any digit set ("(١)"), the label in ASCII */
	if (len >= 3 && s[0] == '(' && resdiff_digit_at(s + 1, len - 1, &adv) > 0) {
		/* "(1)": Arabic texts put footnote numbers in parentheses */
		i = 1 + resdiff_digits_read(s + 1, len - 1, 3, out);
		return i < len && s[i] == ')' ? i + 1 : 0;
	}
	if (resdiff_digit_at(s, len, &adv) > 0) {
		i = resdiff_digits_read(s, len, 4, out);
		return strlen(out) <= 3 && resdiff_digit_at(s + i, len - i, &adv) < 0 ? i : 0;
	}
	while (i < len && n < 3) {
		cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (parse_superscript_digit(cp) < 0)
			break;
		if (n == 0 && parse_superscript_digit(cp) == 0)
			return 0;
		out[n++] = (char)('0' + parse_superscript_digit(cp));
		i += adv;
	}
	out[n] = '\0';
	*superscript = n > 0;
	return i;
}


/* Lower-case a UTF-8 string (ASCII, Latin-1, Cyrillic) into out. */
void parse_lower(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i = 0, o = 0, adv;
	while (i < len && o + 4 < outsz) {
		int32_t cp = parse_lower_cp(resdiff_utf8_decode(s + i, len - i, &adv));
		char enc[4];
		size_t n;
		n = cp >= 0 ? resdiff_utf8_encode(enc, (uint32_t)cp) : 0;
		if (n) {
			memcpy(out + o, enc, n);
			o += n;
		}
		i += adv;
	}
	out[o] = '\0';
}

/* The month a word names in any language's dates (months-inside-words:
 * anywhere in the word), or 0. */
static int month_of(const char *word)
{
	size_t n, m;
	for (n = 0; n < resdiff_lang_count(); n++) {
		const resdiff_lang *l = resdiff_lang_at(n);
		const resdiff_lang_list *months = &l->section[RESDIFF_SECTION_MONTHS];
		for (m = 0; m < months->count; m++)
			if (l->months_inside_words ? strstr(word, months->entry[m].text) != NULL :
			    !strcmp(word, months->entry[m].text))
				return months->entry[m].number;
	}
	return 0;
}

static bool is_in(const char *w, resdiff_lang_section section)
{
	const resdiff_lang_list *l = resdiff_lang_all(section);
	size_t i;
	for (i = 0; i < l->count; i++)
		if (!strcmp(w, l->entry[i].text))
			return true;
	return false;
}

/* "17", "1st", "1er", "١٧": a day or a year, else -1. */
static int num_of(const char *w, size_t maxdigits)
{
	size_t i = 0, n = 0, len = strlen(w), adv;
	int v = 0, d;
	while (n < maxdigits && (d = resdiff_digit_at(w + i, len - i, &adv)) >= 0) {
		v = v * 10 + d;
		i += adv;
		n++;
	}
	if (n == 0 || (w[i] && !is_in(w + i, RESDIFF_SECTION_DAY_SUFFIXES)))
		return -1;
	return v;
}

/* "2009 年 7 月 24 日": the number at s[*j] (`min` to `max` digits) and
 * the mark after it, spaces optional; false when either is missing. */
static bool numeric_part(const char *s, size_t len, size_t *j, size_t min, size_t max, int *v,
		const char *mark)
{
	size_t k, ml = mark ? strlen(mark) : 0, adv;
	int d;
	*v = 0;
	for (k = 0; k < max && (d = resdiff_digit_at(s + *j, len - *j, &adv)) >= 0; k++, *j += adv)
		*v = *v * 10 + d;
	if (k < min)
		return false;
	while (*j < len && s[*j] == ' ')
		(*j)++;
	if (!ml || *j + ml > len || memcmp(s + *j, mark, ml))
		return false;
	*j += ml;
	while (*j < len && s[*j] == ' ')
		(*j)++;
	return true;
}

#define DATE_MAX_WORDS 64

bool parse_find_date(const char *s, size_t len, char out[11])
{
	char low[1024], *words[DATE_MAX_WORDS], *p;
	size_t nw = 0, i, n;

	/* 2009 年 7 月 24 日 (spaces optional), in each language that has
	 * numeric dates */
	for (n = 0; n < resdiff_lang_count(); n++) {
		const resdiff_lang *l = resdiff_lang_at(n);
		const char *ym, *mm, *dm;
		if (!l->section[RESDIFF_SECTION_NUMERIC_DATE].count)
			continue;
		ym = resdiff_lang_phrase(l, RESDIFF_SECTION_NUMERIC_DATE, "year");
		mm = resdiff_lang_phrase(l, RESDIFF_SECTION_NUMERIC_DATE, "month");
		dm = resdiff_lang_phrase(l, RESDIFF_SECTION_NUMERIC_DATE, "day");
		for (i = 0; ym && i + 4 <= len; i++) {
			size_t j = i, adv;
			int y, m, d;
			/* the year's first digit, in any digit set ("２００９年") */
			if (resdiff_digit_at(s + i, len - i, &adv) < 0 || resdiff_digit_before(s, i, &adv) >= 0 ||
			    !numeric_part(s, len, &j, 4, 4, &y, ym) ||
			    !numeric_part(s, len, &j, 1, 2, &m, mm) || !numeric_part(s, len, &j, 1, 2, &d, dm))
				continue;
			if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
				snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
				return true;
			}
		}
	}
	/* words: "17 December 2021", "17 décembre 2021", "17 de diciembre de
	 * 2021", "17 декабря 2021 года", "December 17, 2021" */
	if (len >= sizeof(low) / 2)
		len = sizeof(low) / 2 - 1;
	parse_lower(low, sizeof(low), s, len);
	for (p = low; *p && nw < DATE_MAX_WORDS;) {
		while (*p == ' ' || *p == ',' || *p == '.' || *p == '/')
			*p++ = '\0';
		if (!*p)
			break;
		words[nw++] = p;
		while (*p && *p != ' ' && *p != ',' && *p != '.')
			p++;
	}
	for (i = 0; i < nw; i++) {
		int m = month_of(words[i]), d = -1, y = -1;
		char year[6];
		size_t k;
		if (!m)
			continue;
		if (i > 0)
			d = num_of(words[i - 1], 2);
		/* "17 de diciembre", "17 كانون الأول/ديسمبر", "10 كانون الأول / ديسمبر" */
		if (d < 0 && i > 1)
			d = num_of(words[i - 2], 2);
		if (d < 0 && i > 2)
			d = num_of(words[i - 3], 2);
		k = i + 1;
		if (k < nw && is_in(words[k], RESDIFF_SECTION_DATE_JOINERS))
			k++;
		if (d < 0 && k < nw) { /* December 17, 2021 */
			d = num_of(words[k], 2);
			k++;
		}
		/* a year: four digits, the word's whole ("٢٠٢١" too) */
		if (k < nw && resdiff_digits_read(words[k], strlen(words[k]), 5, year) ==
		    strlen(words[k]) && strlen(year) == 4)
			y = atoi(year);
		if (d >= 1 && d <= 31 && y >= 1000) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
			return true;
		}
	}
	return false;
}

uint32_t parse_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* A document symbol alone on a line: "E/2009/INF/2/Add.1", "A/RES/76/189",
 * "A/66/64-E/2011/77" (an optional trailing '*' is a footnote marker). */
bool parse_is_symbol(const char *s, size_t len)
{
	size_t i = 0, slashes = 0, letters = 0;

	if (len && s[len - 1] == '*')
		len--;
	while (i < len && s[i] >= 'A' && s[i] <= 'Z')
		i++, letters++;
	if (letters == 0 || letters > 6 || i >= len || s[i] != '/')
		return false;
	for (; i < len; i++) {
		char c = s[i];
		if (c == '/') {
			if (i + 1 >= len || s[i + 1] == '/')
				return false;
			slashes++;
		} else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			     c == '.' || c == '-')) {
			return false;
		}
	}
	return slashes >= 1;
}

/* Does w[0..len), lower-cased, stand in this section of any language? */
static bool word_in(const char *w, size_t len, resdiff_lang_section section)
{
	char low[64];
	if (len == 0 || len >= sizeof(low) / 2)
		return false;
	parse_lower(low, sizeof(low), w, len);
	return is_in(low, section);
}

/* "December 1997, 54/200 of": a month's name (whole word, any language
 * whose dates print it as a word) and, after a space, a number. */
bool parse_month_then_number(const char *s, size_t len)
{
	char low[64];
	size_t k = 0;
	while (k < len && s[k] != ' ' && s[k] != ',' && k < sizeof(low) / 2)
		k++;
	if (k == 0 || k + 1 >= len || s[k] != ' ' || !(s[k + 1] >= '0' && s[k + 1] <= '9'))
		return false;
	parse_lower(low, sizeof(low), s, k);
	return month_of(low) != 0 && strlen(low) > 2;
}

/* The end of the word at s[k..len): a space, a comma, a full stop or a
 * closing bracket ends it. */
static size_t word_end(const char *s, size_t len, size_t k)
{
	while (k < len && s[k] != ' ' && s[k] != ',' && s[k] != '.' && s[k] != ';' &&
	       s[k] != ')')
		k++;
	return k;
}

/* Past the spaces at s[k] and, when the word there is a date joiner
 * ("de" of "4 de abril de 2025"), past it and the spaces after it. */
static size_t skip_date_joiner(const char *s, size_t len, size_t k)
{
	char low[64];
	size_t e;
	while (k < len && s[k] == ' ')
		k++;
	e = word_end(s, len, k);
	if (e == k || e - k >= sizeof(low) / 2)
		return k;
	parse_lower(low, sizeof(low), s + k, e - k);
	if (!is_in(low, RESDIFF_SECTION_DATE_JOINERS))
		return k;
	for (k = e; k < len && s[k] == ' '; k++)
		;
	return k;
}

bool parse_day_then_month(const char *s, size_t len)
{
	char low[64];
	size_t k, e;
	if (len == 0 || s[0] != ' ')
		return false;
	k = skip_date_joiner(s, len, 0);
	e = word_end(s, len, k);
	if (e == k || e - k >= sizeof(low) / 2)
		return false;
	parse_lower(low, sizeof(low), s + k, e - k);
	if (!month_of(low) || strlen(low) <= 2)
		return false;
	/* a lower-case ASCII month ("may", "march") may be a verb: it needs a
	 * year after it ("4 may 2025" is a date, "Goal 4 may be" is not);
	 * capitalised ("4 May") or in another script ("4 апреля") it is one */
	if (!(s[k] >= 'a' && s[k] <= 'z'))
		return true;
	for (k = e; k < len && (s[k] == ' ' || s[k] == ','); k++)
		;
	k = skip_date_joiner(s, len, k);
	for (e = k; e < len && s[e] >= '0' && s[e] <= '9'; e++)
		;
	return e - k == 4;
}

bool parse_reference_word(const char *w, size_t len)
{
	return word_in(w, len, RESDIFF_SECTION_REFERENCE_WORDS);
}

bool parse_plural_reference_word(const char *w, size_t len)
{
	return word_in(w, len, RESDIFF_SECTION_PLURAL_REFERENCE_WORDS);
}

bool parse_quantity_word(const char *w, size_t len)
{
	return word_in(w, len, RESDIFF_SECTION_QUANTITY_WORDS);
}
