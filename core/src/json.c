/* json.c: the one JSON writer (resdiff/json.h). */
#include "resdiff/json.h"
#include "resdiff/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void resdiff_json_init(resdiff_json *w, resdiff_buf *out, bool lines)
{
	w->out = out;
	w->lines = lines;
	w->after_key = false;
	w->error = 0;
	w->depth = 0;
}

static int fail(resdiff_json *w, int error)
{
	if (!w->error)
		w->error = error;
	return w->error;
}

static int put(resdiff_json *w, const char *s, size_t len)
{
	int error;
	if (!w->error && (error = resdiff_buf_put(w->out, s, len)) < 0)
		fail(w, error);
	return w->error;
}

/* Before any value or key: the separator and, in a list, the line break. */
static int begin(resdiff_json *w, bool is_key)
{
	resdiff_json_level *l = w->depth ? &w->level[w->depth - 1] : NULL;

	if (w->error)
		return w->error;
	if (w->after_key) {
		w->after_key = false;
		return is_key ? fail(w, resdiff_error_set(RESDIFF_EINVALID,
			"JSON: a key where a value is due")) : 0;
	}
	if ((l && l->object != is_key) || (!l && is_key))
		return fail(w, resdiff_error_set(RESDIFF_EINVALID,
			"JSON: a key outside an object, or a value without a key"));
	if (l && l->count++ && put(w, ",", 1) < 0)
		return w->error;
	if (l && l->list && !w->lines)
		put(w, "\n", 1);
	return w->error;
}

/* After a value: a top-level value ends its line. */
static int end(resdiff_json *w)
{
	return w->depth == 0 ? put(w, "\n", 1) : w->error;
}

static int open_value(resdiff_json *w, char bracket, bool list, bool object)
{
	if (begin(w, false) < 0)
		return w->error;
	if (w->depth == RESDIFF_JSON_DEPTH_MAX)
		return fail(w, resdiff_error_set(RESDIFF_EINVALID, "JSON: nested too deep"));
	w->level[w->depth].count = 0;
	w->level[w->depth].list = list;
	w->level[w->depth].object = object;
	w->depth++;
	return put(w, &bracket, 1);
}

static int close_value(resdiff_json *w, char bracket, bool object)
{
	resdiff_json_level *l = w->depth ? &w->level[w->depth - 1] : NULL;

	if (w->error)
		return w->error;
	if (!l || l->object != object || w->after_key)
		return fail(w, resdiff_error_set(RESDIFF_EINVALID,
			"JSON: '%c' closes nothing open", bracket));
	if (l->list && l->count && !w->lines && put(w, "\n", 1) < 0)
		return w->error;
	w->depth--;
	if (put(w, &bracket, 1) < 0)
		return w->error;
	return end(w);
}

int resdiff_json_object_open(resdiff_json *w)
{
	return open_value(w, '{', false, true);
}

int resdiff_json_object_close(resdiff_json *w)
{
	return close_value(w, '}', true);
}

int resdiff_json_array_open(resdiff_json *w)
{
	return open_value(w, '[', false, false);
}

int resdiff_json_list_open(resdiff_json *w)
{
	return open_value(w, '[', true, false);
}

int resdiff_json_array_close(resdiff_json *w)
{
	return close_value(w, ']', false);
}

/* The quoted, escaped string; ill-formed UTF-8 becomes U+FFFD. */
static int put_string(resdiff_json *w, const char *s, size_t len)
{
	size_t i = 0, start = 0, adv;

	put(w, "\"", 1);
	while (i < len && !w->error) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char esc[8];

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) {
			i++;
			continue;
		}
		adv = 1;
		if (c >= 0x80 && resdiff_utf8_decode(s + i, len - i, &adv) >= 0) {
			i += adv;
			continue;
		}
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		default:
			if (c >= 0x80) {
				rep = "\xEF\xBF\xBD";
			} else {
				snprintf(esc, sizeof(esc), "\\u%04x", c);
				rep = esc;
			}
		}
		put(w, s + start, i - start);
		put(w, rep, strlen(rep));
		i += adv;
		start = i;
	}
	put(w, s + start, len - start);
	return put(w, "\"", 1);
}

int resdiff_json_key(resdiff_json *w, const char *key)
{
	if (begin(w, true) < 0 || put_string(w, key, strlen(key)) < 0 || put(w, ":", 1) < 0)
		return w->error;
	w->after_key = true;
	return 0;
}

int resdiff_json_string_len(resdiff_json *w, const char *s, size_t len)
{
	if (begin(w, false) < 0 || put_string(w, s, len) < 0)
		return w->error;
	return end(w);
}

/* An unquoted value: null, true, a number. */
static int put_raw(resdiff_json *w, const char *raw)
{
	if (begin(w, false) < 0 || put(w, raw, strlen(raw)) < 0)
		return w->error;
	return end(w);
}

int resdiff_json_string(resdiff_json *w, const char *s)
{
	return s ? resdiff_json_string_len(w, s, strlen(s)) : put_raw(w, "null");
}

int resdiff_json_null(resdiff_json *w)
{
	return put_raw(w, "null");
}

int resdiff_json_bool(resdiff_json *w, bool b)
{
	return put_raw(w, b ? "true" : "false");
}

int resdiff_json_uint(resdiff_json *w, size_t n)
{
	char num[24];
	snprintf(num, sizeof(num), "%zu", n);
	return put_raw(w, num);
}

int resdiff_json_int(resdiff_json *w, long n)
{
	char num[24];
	snprintf(num, sizeof(num), "%ld", n);
	return put_raw(w, num);
}

int resdiff_json_fixed(resdiff_json *w, double x, int decimals)
{
	char num[352];  /* DBL_MAX has 309 digits */
	if (!isfinite(x) || decimals < 0 || decimals > 17)
		return put_raw(w, "null");
	snprintf(num, sizeof(num), "%.*f", decimals, x);
	return put_raw(w, num);
}

int resdiff_json_key_string(resdiff_json *w, const char *key, const char *s)
{
	return resdiff_json_key(w, key) < 0 ? w->error : resdiff_json_string(w, s);
}

int resdiff_json_key_uint(resdiff_json *w, const char *key, size_t n)
{
	return resdiff_json_key(w, key) < 0 ? w->error : resdiff_json_uint(w, n);
}

int resdiff_json_key_bool(resdiff_json *w, const char *key, bool b)
{
	return resdiff_json_key(w, key) < 0 ? w->error : resdiff_json_bool(w, b);
}

int resdiff_json_key_fixed(resdiff_json *w, const char *key, double x, int decimals)
{
	return resdiff_json_key(w, key) < 0 ? w->error : resdiff_json_fixed(w, x, decimals);
}

int resdiff_json_end(resdiff_json *w)
{
	if (!w->error && (w->depth || w->after_key))
		fail(w, resdiff_error_set(RESDIFF_EINVALID, "JSON: a value is left open"));
	return w->error;
}
