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

/* Check that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). On failure returns RESDIFF_EINVALID and
 * stores the offset of the first bad byte in *bad_offset (may be NULL). */
int resdiff_utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* Decode the code point at s (at most `len` bytes; s must be valid UTF-8
 * there) and store its byte length in *adv. Returns the code point, or -1
 * (with *adv = 1) on a malformed sequence. */
int32_t resdiff_utf8_decode(const char *s, size_t len, size_t *adv);

/* Encode cp into out (4 bytes room); returns the byte length (0 if bad). */
size_t resdiff_utf8_encode(char out[4], uint32_t cp);

/* Number of code points in s[0..len). */
size_t resdiff_utf8_count(const char *s, size_t len);

/* Han, kana, Hangul, Bopomofo and CJK punctuation/full-width forms: the
 * characters next to which no space is kept when lines are joined (but
 * one between an ideograph and a Latin word, docs/PARSE.md rule 7). */
bool resdiff_text_is_cjk(uint32_t cp);
/* Han, kana or Hangul letters only (tokenised one character per token). */
bool resdiff_text_is_ideograph(uint32_t cp);
/* A letter of the Latin script (ASCII, Latin-1, Latin Extended). */
bool resdiff_text_is_latin(uint32_t cp);
/* Unicode White_Space, plus U+200B and U+FEFF. */
bool resdiff_text_is_space(uint32_t cp);

/* Guess the UN language ("zh", "ar", "ru", "en", "fr", "es") from the
 * script mix and, for Latin texts, frequent function words. Never NULL. */
const char *resdiff_text_detect_language(const char *s, size_t len);

/* Compare strings with runs of digits compared as numbers, so that
 * E/RES/2009/7 sorts before E/RES/2009/10 (strcmp-like result). */
int resdiff_text_natural_cmp(const char *a, const char *b);

/* True for the six UN language codes. */
bool resdiff_text_language_valid(const char *lang);

/* Append s[0..len) to out with control characters (C0 except TAB and
 * newline when allowed, DEL, C1, bidi overrides) replaced by U+FFFD-free
 * visible escapes ("\x1b" -> "^["), so terminal escape sequences from a
 * text never reach a terminal. */
int resdiff_text_sanitize(resdiff_buf *out, const char *s, size_t len, bool keep_newlines);

#ifdef __cplusplus
}
#endif
#endif
