/* text.c: UTF-8 and script helpers. */
#include "resdiff/text.h"
#include "resdiff/lang.h"

#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Unicode's table 3-7: the second byte's range depends on the lead (E0:
 * A0..BF, ED: 80..9F, F0: 90..BF, F4: 80..8F), which rules out overlong
 * forms, surrogates and code points past U+10FFFF. */
int32_t resdiff_utf8_decode_full(const char *s, size_t len, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n, k;
	uint32_t cp;

	*adv = 1;
	if (len == 0)
		return -1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2; cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3; cp = p[0] & 0x0F;
		lo = p[0] == 0xE0 ? 0xA0 : 0x80;
		hi = p[0] == 0xED ? 0x9F : 0xBF;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4; cp = p[0] & 0x07;
		lo = p[0] == 0xF0 ? 0x90 : 0x80;
		hi = p[0] == 0xF4 ? 0x8F : 0xBF;
	} else {
		return -1;
	}
	for (k = 1; k < n; k++, lo = 0x80, hi = 0xBF) {
		if (k >= len || p[k] < lo || p[k] > hi) {
			*adv = k;
			return -1;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	*adv = n;
	return (int32_t)cp;
}

int resdiff_utf8_validate(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0, adv;

	while (i < len) {
		/* ASCII eight bytes at a time (most of a manifest, of an English
		 * or French text): 11 instructions a byte were 12 % of importing
		 * one document with a manifest of 10 001 sections */
		if ((unsigned char)s[i] < 0x80) {
			uint64_t w;
			while (len - i >= 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			while (i < len && (unsigned char)s[i] < 0x80)
				i++;
			continue;
		}
		if (resdiff_utf8_decode(s + i, len - i, &adv) < 0) {
			if (bad_offset)
				*bad_offset = i;
			return RESDIFF_EINVALID;
		}
		i += adv;
	}
	return 0;
}

/* Bytes looked at for the NUL pattern of UTF-16 and UTF-32 text. */
#define WIDE_SNIFF_BYTES 64

/* "UTF-16" or "UTF-32" when text[0..len) starts with their byte-order mark
 * or, without one, has the NUL bytes they put beside ASCII letters (every
 * second byte, or three of every four, in its first WIDE_SNIFF_BYTES);
 * else NULL. *order receives "little-endian" or "big-endian". */
static const char *wide_encoding(const char *text, size_t len, const char **order)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i, n = len < WIDE_SNIFF_BYTES ? len & ~(size_t)3 : WIDE_SNIFF_BYTES, nul[4] = { 0 };

	*order = "little-endian";
	if (len >= 4 && !memcmp(u, "\xFF\xFE\0\0", 4))
		return "UTF-32";
	if (len >= 4 && !memcmp(u, "\0\0\xFE\xFF", 4)) {
		*order = "big-endian";
		return "UTF-32";
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return "UTF-16";
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*order = "big-endian";
		return "UTF-16";
	}
	if (n < 8)
		return NULL;
	for (i = 0; i < n; i++)
		nul[i % 4] += u[i] == 0;
	if (nul[1] == n / 4 && nul[2] == n / 4 && nul[3] == n / 4 && nul[0] == 0)
		return "UTF-32";
	if (nul[0] == 0 && nul[1] == 0 && nul[2] == n / 4 && nul[3] == n / 4) {
		*order = "big-endian";
		return "UTF-32";
	}
	if (nul[1] == n / 4 && nul[3] == n / 4 && nul[0] + nul[2] == 0)
		return "UTF-16";
	if (nul[0] == n / 4 && nul[2] == n / 4 && nul[1] + nul[3] == 0) {
		*order = "big-endian";
		return "UTF-16";
	}
	return NULL;
}

/* 1 + the number of line ends in text[0..off). */
static size_t line_of(const char *text, size_t off)
{
	const char *p = text, *end = text + off;
	size_t ln = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		ln++;
		p++;
	}
	return ln;
}

int resdiff_text_check_encoding(const char *source, const char *text, size_t len)
{
	const char *wide, *order, *nul;
	size_t bad;

	if ((wide = wide_encoding(text, len, &order)))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: %s encoded (%s); convert to UTF-8 "
			"(iconv -f %s%s -t UTF-8)", source, wide, order, wide,
			order[0] == 'l' ? "LE" : "BE");
	if ((nul = memchr(text, '\0', len)))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: NUL byte at byte offset %zu (line %zu)",
			source, (size_t)(nul - text), line_of(text, (size_t)(nul - text)));
	if (resdiff_utf8_validate(text, len, &bad) < 0)
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: invalid UTF-8 at byte offset %zu (line %zu)", source, bad,
			line_of(text, bad));
	return 0;
}

bool resdiff_text_describe_blank(char *reason, size_t size, const char *text, size_t len)
{
	size_t bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0, i, adv;
	int32_t cp;

	for (i = bom; i < len; i += adv) {
		cp = resdiff_utf8_decode(text + i, len - i, &adv);
		if (cp < 0 || !resdiff_text_is_space((uint32_t)cp))
			return false;
	}
	if (len == 0)
		snprintf(reason, size, "empty input");
	else if (bom && len == bom)
		snprintf(reason, size, "only a UTF-8 byte-order mark, bytes 0-2: no text");
	else if (bom)
		snprintf(reason, size, "only white space after a UTF-8 byte-order mark, "
			"bytes 3-%zu: no text", len - 1);
	else
		snprintf(reason, size, "only white space, bytes 0-%zu: no text", len - 1);
	return true;
}

size_t resdiff_utf8_count(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t resdiff_digits_read(const char *s, size_t len, size_t max_digits, char *ascii)
{
	size_t i = 0, n = 0, adv;
	int d;
	while (n < max_digits && (d = resdiff_digit_at(s + i, len - i, &adv)) >= 0) {
		ascii[n++] = (char)('0' + d);
		i += adv;
	}
	ascii[n] = '\0';
	return i;
}

bool resdiff_text_script_is_cjk(uint32_t cp)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)cp, &err);

	if (U_FAILURE(err))
		return false;
	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
	       sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO;
}

bool resdiff_text_language_valid(const char *lang)
{
	return resdiff_lang_known(lang);
}

/* Count occurrences of ` word ` (ASCII, lower case) in a Latin text. */
static size_t count_word(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word), i, n = 0;
	for (i = 0; i + wl + 1 < len; i++) {
		if (s[i] == word[0] && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n') &&
		    !memcmp(s + i, word, wl) && (s[i + wl] == ' ' || s[i + wl] == ','))
			n++;
	}
	return n;
}

#define DETECT_SAMPLE_MAX (256 * 1024)
#define DETECT_WORDS_MAX (32 * 1024)  /* function words are counted in this much */

/* The script whose letters win (resdiff/lang.h: scripts in the order
 * detection prefers them, each against Latin letters by its weight), then
 * among the table's languages of that script the one whose function words
 * are most frequent (the first in table order on a tie). */
const char *resdiff_text_detect_language(const char *s, size_t len)
{
	resdiff_text_guess g;
	resdiff_text_guess_language(&g, s, len);
	return g.code;
}

void resdiff_text_guess_language(resdiff_text_guess *out, const char *s, size_t len)
{
	size_t count[RESDIFF_SCRIPT_COUNT] = { 0 }, i = 0, k, adv, best_words = 0, candidates = 0,
		runner_up = 0;
	resdiff_script_id win = RESDIFF_SCRIPT_LATIN, sc, t;
	const resdiff_lang *best = NULL;

	if (len > DETECT_SAMPLE_MAX)
		len = DETECT_SAMPLE_MAX;
	while (i < len) {
		int32_t cp;
		if ((unsigned char)s[i] < 0x80) {  /* most bytes: no call */
			count[RESDIFF_SCRIPT_LATIN] += (unsigned)((s[i++] | 0x20) - 'a') < 26u;
			continue;
		}
		cp = resdiff_utf8_decode(s + i, len - i, &adv);
		i += adv;
		if (cp >= 0)
			count[resdiff_script_of((uint32_t)cp)->id]++;
	}
	/* Latin letters come with every script (symbols, URLs): weigh them low. */
	for (sc = 0; sc < RESDIFF_SCRIPT_LATIN && win == RESDIFF_SCRIPT_LATIN; sc++) {
		bool most = count[sc] > 0 &&
			count[sc] * resdiff_script_get(sc)->detect_weight >= count[RESDIFF_SCRIPT_LATIN];
		for (t = sc + 1; t < RESDIFF_SCRIPT_LATIN && most; t++)
			most = count[sc] >= count[t];
		win = most ? sc : win;
	}
	if (len > DETECT_WORDS_MAX)
		len = DETECT_WORDS_MAX;
	for (i = 0; i < resdiff_lang_count(); i++) {
		const resdiff_lang *l = resdiff_lang_at(i);
		const resdiff_lang_list *fw = &l->section[RESDIFF_SECTION_FUNCTION_WORDS];
		size_t words = 0;
		for (k = 0; l->script->id == win && k < fw->count; k++)
			words += count_word(s, len, fw->entry[k].text);
		if (l->script->id != win)
			continue;
		candidates++;
		if (!best || words > best_words) {
			runner_up = best ? best_words : 0;
			best = l;
			best_words = words;
		} else if (words > runner_up) {
			runner_up = words;
		}
	}
	out->code = best ? best->code : "en";
	out->script = (int)win;
	out->letters = count[win];
	out->words = best_words;
	out->runner_up_words = runner_up;
	out->candidates = candidates;
}

/* What a terminal must not receive raw (text.h); U+200E, U+200F and
 * U+061C stay: Arabic text uses them. */
static bool terminal_unsafe(int32_t cp, bool keep_newlines)
{
	return (cp < 0x20 && cp != '\t' && !(keep_newlines && cp == '\n')) ||
	       (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int resdiff_text_sanitize(resdiff_buf *out, const char *s, size_t len, bool keep_newlines)
{
	size_t i = 0, adv, start = 0, k;
	int error;

	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp >= 0 && !terminal_unsafe(cp, keep_newlines)) {
			i += adv;
			continue;
		}
		if ((error = resdiff_buf_put(out, s + start, i - start)) < 0)
			return error;
		if (cp < 0) {  /* every byte of an ill-formed sequence */
			for (k = 0; k < adv; k++)
				if ((error = resdiff_buf_printf(out, "\\x%02x", (unsigned char)s[i + k])) < 0)
					return error;
		} else if (cp < 0x20 || cp == 0x7F) {
			error = resdiff_buf_printf(out, "^%c", cp == 0x7F ? '?' : (char)(cp + '@'));
		} else {
			error = resdiff_buf_printf(out, "<U+%04X>", (unsigned)cp);
		}
		if (error < 0)
			return error;
		i += adv;
		start = i;
	}
	return resdiff_buf_put(out, s + start, len - start);
}

bool resdiff_text_has_rtl(const char *s, size_t len)
{
	size_t i = 0, adv;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp >= 0) {
			UCharDirection d = u_charDirection((UChar32)cp);
			if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
				return true;
		}
		i += adv ? adv : 1;
	}
	return false;
}

int resdiff_text_natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *ea, *eb;
			size_t la, lb;
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			if (memcmp(a, b, la))
				return memcmp(a, b, la) < 0 ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* Parts of document symbols a number follows after a full stop. */
static const char *const symbol_parts[] = { "Add", "Rev", "Corr", "Suppl", "Amend", "Ser" };

/* A closing quote or bracket, looked through at a clause end. */
static bool closer(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == ')' || c == ']' ||
	       c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x00BB;
}

bool resdiff_text_clause_punct(uint32_t c)
{
	return c == ',' || c == ';' || c == '.' || c == ':' || c == '!' || c == '?' ||
	       c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == 0xFF1A || c == 0xFF01 ||
	       c == 0xFF1F || c == 0xFF0E || c == 0x060C || c == 0x061B || c == 0x06D4;
}

bool resdiff_text_ends_clause(const char *s, size_t len)
{
	size_t closers = 0;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len) {
		size_t k;
		uint32_t c = resdiff_utf8_last(s, len, &k);
		if (c && closer(c) && closers++ < RESDIFF_TEXT_CLOSERS_MAX) {
			len = k;
			continue;
		}
		return resdiff_text_clause_punct(c);
	}
	return false;
}

bool resdiff_text_symbol_part_before(const char *s, size_t i)
{
	size_t k, start, n;
	if (i < 2 || s[i - 1] != '.')
		return false;
	k = i - 1;
	while (k > 0 && s[k - 1] != ' ' && s[k - 1] != '(')
		k--;
	start = k;
	if (i - 1 - start == 1 && s[start] >= 'A' && s[start] <= 'Z')
		return true;
	for (k = start; k + 1 < i; k++)
		if (s[k] == '/')
			return true;
	for (k = 0; k < sizeof(symbol_parts) / sizeof(symbol_parts[0]); k++) {
		n = strlen(symbol_parts[k]);
		if (i - 1 - start == n && !memcmp(s + start, symbol_parts[k], n))
			return true;
	}
	return false;
}

size_t resdiff_text_cp_width(int32_t cp)
{
	int ea;
	if (cp < 0)
		return 1;
	if (u_getCombiningClass(cp) || u_charType(cp) == U_NON_SPACING_MARK ||
	    u_charType(cp) == U_ENCLOSING_MARK || u_charType(cp) == U_FORMAT_CHAR)
		return 0;
	ea = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
	return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

size_t resdiff_text_width(const char *s, size_t len)
{
	size_t i = 0, w = 0, adv;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		w += resdiff_text_cp_width(cp);
		i += adv ? adv : 1;
	}
	return w;
}
