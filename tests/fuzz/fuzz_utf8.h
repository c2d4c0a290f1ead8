/* fuzz_utf8.h: the fuzz targets' own UTF-8 decoder, independent of
 * core/src/text.c's (table 3-7 of Unicode), so a target can check what
 * resdiff writes without trusting resdiff's decoder. Header only. */
#ifndef RESDIFF_FUZZ_UTF8_H
#define RESDIFF_FUZZ_UTF8_H

#include <stddef.h>

/* Next code point of s[0..len), -1 for a byte that starts no well-formed
 * (shortest-form, non-surrogate) UTF-8 sequence; *adv gets the bytes read
 * (1 on error). */
static inline long fuzz_next_cp(const unsigned char *s, size_t len, size_t *adv)
{
	long cp, min;
	size_t n, i;

	*adv = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	else
		return -1;
	if (len < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*adv = n;
	return cp;
}

#endif
