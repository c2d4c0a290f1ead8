/*
 * resdiff/text.h: UTF-8 and script helpers (ICU underneath) shared by the
 * parser, the differ and the renderers.
 *
 * Nothing here allocates except the functions taking a resdiff_buf, whose
 * bytes belong to the caller.
 */
#ifndef RESDIFF_TEXT_H
#define RESDIFF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The one UTF-8 decoder of resdiff: decode the code point at s (at most
 * `len` bytes) and store the number of bytes it took in *adv (>= 1).
 * Well-formed means Unicode's table 3-7: no overlong forms, surrogates or
 * code points past U+10FFFF. On an ill-formed sequence returns -1 and
 * *adv covers its maximal subpart (the lead byte and the trail bytes that
 * could still have completed it), exactly as ICU's U8_NEXT: each such
 * subpart is one U+FFFD or one escaped run, never more. */
int32_t resdiff_utf8_decode_full(const char *s, size_t len, size_t *adv);

/* The decoder's common cases inline (it runs once per character of every
 * pass: issue 18): ASCII, and a three-byte sequence whose lead byte puts
 * no limit on its second byte (U+1000..U+CFFF, U+E000..U+FFFF: CJK, Hangul,
 * Indic, punctuation); everything else in resdiff_utf8_decode_full. */
static inline int32_t resdiff_utf8_decode(const char *s, size_t len, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len && p[0] < 0x80) {
		*adv = 1;
		return p[0];
	}
	if (len >= 3 && p[0] >= 0xE1 && p[0] != 0xED && p[0] <= 0xEF &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*adv = 3;
		return (int32_t)(((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
			(p[2] & 0x3F));
	}
	return resdiff_utf8_decode_full(s, len, adv);
}

/* The last code point of s[0..len): back from the last byte over
 * continuation bytes to the lead byte; 0 when len is 0 or the sequence is
 * not UTF-8. *at gets the byte offset where it starts (len when len is 0). */
static inline uint32_t resdiff_utf8_last(const char *s, size_t len, size_t *at)
{
	size_t i, adv;
	int32_t cp;
	*at = len;
	if (!len)
		return 0;
	i = len - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	*at = i;
	cp = resdiff_utf8_decode(s + i, len - i, &adv);
	return cp < 0 ? 0 : (uint32_t)cp;
}

/* Check that s[0..len) is well-formed UTF-8 (by resdiff_utf8_decode). On
 * failure returns RESDIFF_EINVALID and stores the offset of the first bad
 * byte in *bad_offset (may be NULL). */
int resdiff_utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* Check that text[0..len), the bytes read from source (a file name, for
 * the message), is UTF-8 text a user can be told how to fix: not UTF-16 or
 * UTF-32 (the message names the iconv command that converts it), no NUL
 * byte, well-formed UTF-8 (a byte-order mark is). Offsets and lines count
 * from text[0], a byte-order mark included: "SOURCE: invalid UTF-8 at byte
 * offset N (line L)". Returns 0, or RESDIFF_EINVALID with the last error
 * set. The parser and the amendment reader check their input with it. */
int resdiff_text_check_encoding(const char *source, const char *text, size_t len);

/* When text[0..len) holds no text at all (nothing; a UTF-8 byte-order
 * mark; white space; a byte-order mark and white space), write what it
 * holds into reason (NUL-terminated, cut to size), with the byte offsets
 * a user can check with a hex dump ("only a UTF-8 byte-order mark, bytes
 * 0-2: no text", "only white space after a UTF-8 byte-order mark, bytes
 * 3-9: no text", "empty input"),
 * and return true; else (or for input that is not UTF-8) return false.
 * The parser, the amendment reader and the AKN reader say it instead of a
 * reason that does not name the cause. */
bool resdiff_text_describe_blank(char *reason, size_t size, const char *text, size_t len);

/* Encode cp into out (4 bytes room); returns the byte length (0 if bad).
 * Inline: the comparison keys encode every character. */
static inline size_t resdiff_utf8_encode(char out[4], uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	} else if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Number of code points in s[0..len). */
size_t resdiff_utf8_count(const char *s, size_t len);

/* The value (0-9) of the decimal digit at s, in any of the digit sets the
 * six languages print numbers in: ASCII, Arabic-Indic (U+0660-U+0669),
 * Extended Arabic-Indic (U+06F0-U+06F9) and the full-width digits of CJK
 * text (U+FF10-U+FF19, "１２"); -1 for anything else. Stores the digit's
 * length in bytes in *adv (1, 2 or 3; 0 when no digit). The parser reads
 * structure (labels, footnote markers, dates) through it, so that "١ -"
 * and "１．" are paragraph 1 as "1 -" and "1." are. */
static inline int resdiff_digit_at(const char *s, size_t len, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s;
	*adv = 0;
	if (len && p[0] >= '0' && p[0] <= '9') {
		*adv = 1;
		return p[0] - '0';
	}
	if (len >= 2 && ((p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) ||
	                 (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9))) {
		*adv = 2;
		return p[1] & 0x0F;
	}
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
		*adv = 3;
		return p[2] - 0x90;
	}
	return -1;
}

/* The value of the decimal digit (as resdiff_digit_at) that ends just
 * before s[i], or -1; its length in bytes in *adv. For reading back. */
static inline int resdiff_digit_before(const char *s, size_t i, size_t *adv)
{
	int d;
	if (i >= 3 && (d = resdiff_digit_at(s + i - 3, 3, adv)) >= 0 && *adv == 3)
		return d;
	if (i >= 2 && (d = resdiff_digit_at(s + i - 2, 2, adv)) >= 0 && *adv == 2)
		return d;
	if (i >= 1 && (d = resdiff_digit_at(s + i - 1, 1, adv)) >= 0)
		return d;
	*adv = 0;
	return -1;
}

/* The run of decimal digits (resdiff_digit_at) at s, at most max_digits
 * of them: returns the bytes read (0: no digit) and writes the digits in
 * ASCII, NUL-terminated, to ascii (caller's, room for max_digits + 1), so
 * that "١٢" reads as "12". A digit past max_digits is left unread. */
size_t resdiff_digits_read(const char *s, size_t len, size_t max_digits, char *ascii);

/* The character predicates below run once or more per character of every
 * parser pass (issue 18): their common cases are inline, and only a code
 * point outside the two big blocks of CJK ideographs asks ICU, through
 * resdiff_text_script_is_cjk (Han, Hiragana, Katakana, Hangul or Bopomofo
 * script). */
bool resdiff_text_script_is_cjk(uint32_t cp);

/* Han, kana or Hangul letters only (tokenised one character per token). */
static inline bool resdiff_text_is_ideograph(uint32_t cp)
{
	if (cp < 0x2E80)
		return false;
	/* the two blocks of CJK ideographs every Chinese text is made of, all
	 * Han since Unicode 14 (ICU 70): no ICU call for most characters */
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return true;
	return resdiff_text_script_is_cjk(cp);
}

/* Han, kana, Hangul, Bopomofo and CJK punctuation/full-width forms: the
 * characters next to which no space is kept when lines are joined (but
 * one between an ideograph and a Latin word, docs/PARSE.md rule 7). */
static inline bool resdiff_text_is_cjk(uint32_t cp)
{
	if (cp < 0x2E80)
		return false;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) ||  /* the common case first */
	    (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK symbols and punctuation */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||  /* half-/full-width forms */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||  /* CJK compatibility forms */
	    (cp >= 0xFE10 && cp <= 0xFE1F))    /* vertical forms */
		return true;
	return resdiff_text_is_ideograph(cp);
}

/* A letter of the Latin script (ASCII, Latin-1, Latin Extended). */
static inline bool resdiff_text_is_latin(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Unicode White_Space, plus U+200B and U+FEFF. Unicode's White_Space set
 * is small and fixed: tested directly (ICU's property lookup was a fifth
 * of the parser's time). */
static inline bool resdiff_text_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	if (cp < 0x2000)
		return cp == 0x85 || cp == 0xA0 || cp == 0x1680;
	if (cp <= 0x200B)
		return true;  /* U+2000..U+200A, U+200B */
	return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == 0xFEFF;
}

/* Does s[0..len) end as a clause or a sentence does: , ; . : ! ? and
 * their full-width (， ； 。 ： ！ ？ ．) and Arabic (، ؛ ۔) forms, after
 * trailing spaces and up to RESDIFF_TEXT_CLOSERS_MAX closing quotes and
 * brackets? The parser's paragraph ends, and `resdiff check`'s. */
#define RESDIFF_TEXT_CLOSERS_MAX 8
bool resdiff_text_ends_clause(const char *s, size_t len);
/* Is c punctuation that closes a clause (what resdiff_text_ends_clause
 * looks for): full stop, comma, semicolon, colon, ! and ?, in their ASCII,
 * full-width, ideographic and Arabic forms? */
bool resdiff_text_clause_punct(uint32_t c);

/* Does the word that ends with the full stop s[i - 1] read as a part of a
 * document symbol, so that a number glued after it is part of the symbol
 * too ("E/2012/31/Corr.1", "Add.2", "GC(69)/RES/9 A.2"): it holds a '/',
 * it is "Add.", "Rev.", "Corr." ..., or it is one capital letter? */
bool resdiff_text_symbol_part_before(const char *s, size_t i);

/* Guess the language (a code of the language table, resdiff/lang.h) from
 * the script mix (the script table's weights) and, among the languages of
 * one script, their function words. Never NULL. */
const char *resdiff_text_detect_language(const char *s, size_t len);

/* What resdiff_text_detect_language() decides, and on what evidence. */
typedef struct {
	const char *code;      /* the language chosen; never NULL */
	int script;            /* the resdiff_script_id whose letters won */
	size_t letters;        /* letters of that script in the sample */
	size_t words;          /* function words of `code` found (0: chosen by
	                        * its script alone) */
	size_t runner_up_words; /* most function words of another language of
	                        * that script (0 when there is none) */
	size_t candidates;     /* languages of that script in the table */
} resdiff_text_guess;
void resdiff_text_guess_language(resdiff_text_guess *out, const char *s, size_t len);

/* Compare strings with runs of digits compared as numbers, so that
 * E/RES/2009/7 sorts before E/RES/2009/10 (strcmp-like result). */
int resdiff_text_natural_cmp(const char *a, const char *b);

/* True for the codes of the language table (the six UN languages). */
bool resdiff_text_language_valid(const char *lang);

/* Display width in terminal cells, by Unicode's East Asian width: 2 for
 * wide and full-width characters (Han, kana, Hangul, full-width forms), 0
 * for combining and enclosing marks and format characters, else 1. Of one
 * code point, and of s[0..len) (UTF-8; an ill-formed byte counts 1). */
size_t resdiff_text_cp_width(int32_t cp);
size_t resdiff_text_width(const char *s, size_t len);

/* The terminal sanitizer: append s[0..len) to out with what could drive
 * a terminal or reorder the text shown around it replaced by visible
 * escapes: C0 controls except TAB (and newline when kept) as "^[", DEL as
 * "^?", C1 controls, bidi embeddings, overrides and isolates (U+202A..E,
 * U+2066..9) and the line/paragraph separators U+2028/9 as "<U+202E>",
 * and each byte of an ill-formed sequence (overlong forms included) as
 * "\xe0". The marks U+200E, U+200F and U+061C are kept. */
int resdiff_text_sanitize(resdiff_buf *out, const char *s, size_t len, bool keep_newlines);

/* True when s[0..len) holds a letter written right to left (Unicode bidi
 * class R or AL: Arabic, Hebrew). A renderer that puts such a text beside
 * its own left-to-right words and arrows closes it with U+200E (text) or
 * isolates it (<bdi> in HTML), so the line reads in the order written. */
bool resdiff_text_has_rtl(const char *s, size_t len);

/* The left-to-right mark U+200E in UTF-8. */
#define RESDIFF_TEXT_LRM "\xe2\x80\x8e"

#ifdef __cplusplus
}
#endif
#endif
