/* text_fuzz.c: fuzz target for what every output goes through: the one
 * UTF-8 decoder, the terminal sanitizer and the JSON writer (core/src/
 * text.c, json.c), on any bytes (file names, symbols, titles and texts
 * read from disk or a repository). Checked, with a decoder of its own:
 * the sanitizer's output is valid UTF-8 without control characters (but
 * tab, and newline when kept), bidi embeddings, overrides, isolates or
 * U+2028/9; the JSON writer's output is valid UTF-8 whose strings hold no
 * raw control character, only valid escapes and no lone surrogate; the
 * decoder agrees with the validator and with its own code point count.
 * Its seeds in tests/fuzz/text_seeds replay in every test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"
#include "fuzz_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool valid_utf8(const resdiff_buf *b)
{
	size_t i = 0, adv;
	while (i < b->size) {
		if (fuzz_next_cp((const unsigned char *)b->ptr + i, b->size - i, &adv) < 0)
			return false;
		i += adv;
	}
	return true;
}

static void check_sanitized(const resdiff_buf *b, bool keep_newlines)
{
	size_t i = 0, adv;
	if (!valid_utf8(b))
		abort();
	while (i < b->size) {
		long cp = fuzz_next_cp((const unsigned char *)b->ptr + i, b->size - i, &adv);
		if ((cp < 0x20 && cp != '\t' && !(keep_newlines && cp == '\n')) ||
		    (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
			abort();
		i += adv;
	}
}

static int hex4(const char *p)
{
	int v = 0, i;
	for (i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= c - '0';
		else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
		else return -1;
	}
	return v;
}

/* Every string of the JSON text: no raw control character, valid escapes,
 * surrogate escapes in pairs. */
static void check_json(const resdiff_buf *b)
{
	const char *p = b->ptr, *end = b->ptr + b->size;
	bool in = false;

	if (!valid_utf8(b))
		abort();
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (!in) {
			in = c == '"';
			p++;
			continue;
		}
		if (c < 0x20)
			abort();
		if (c == '"') {
			in = false;
			p++;
		} else if (c == '\\') {
			int u;
			if (p + 1 >= end)
				abort();
			if (strchr("\"\\/bfnrt", p[1]) && p[1]) {
				p += 2;
				continue;
			}
			if (p[1] != 'u' || end - p < 6 || (u = hex4(p + 2)) < 0)
				abort();
			if (u >= 0xDC00 && u <= 0xDFFF)
				abort();
			if (u >= 0xD800 && u <= 0xDBFF) {
				int lo;
				if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || (lo = hex4(p + 8)) < 0xDC00 ||
				    lo > 0xDFFF)
					abort();
				p += 6;
			}
			p += 6;
		} else {
			p++;
		}
	}
	if (in)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_json w;
	size_t i = 0, adv, points = 0, bad = 0;
	bool well_formed = true;
	char *cstr;

	/* the decoder: always advances, within bounds; agrees with validate */
	while (i < size) {
		int32_t cp = resdiff_utf8_decode(s + i, size - i, &adv);
		if (adv < 1 || adv > 4 || adv > size - i)
			abort();
		if (cp < 0)
			well_formed = false;
		else if (fuzz_next_cp((const unsigned char *)s + i, size - i, &adv) != cp)
			abort();
		i += adv;
		points++;
	}
	if ((resdiff_utf8_validate(s, size, &bad) == 0) != well_formed)
		abort();
	if (well_formed && resdiff_utf8_count(s, size) != points)
		abort();

	if (resdiff_text_sanitize(&out, s, size, false) == 0)
		check_sanitized(&out, false);
	resdiff_buf_clear(&out);
	if (resdiff_text_sanitize(&out, s, size, true) == 0)
		check_sanitized(&out, true);
	resdiff_buf_clear(&out);

	if (!(cstr = malloc(size + 1)))
		abort();
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	resdiff_json_init(&w, &out, size % 2 == 0);
	resdiff_json_object_open(&w);
	resdiff_json_key_string(&w, cstr, cstr);
	resdiff_json_key(&w, "value");
	resdiff_json_list_open(&w);
	resdiff_json_string_len(&w, s, size);
	resdiff_json_string(&w, cstr);
	resdiff_json_null(&w);
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	if (resdiff_json_end(&w) == 0)
		check_json(&out);
	free(cstr);
	resdiff_buf_dispose(&out);
	return 0;
}
