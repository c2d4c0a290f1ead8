/*
 * resdiff/json.h: the one JSON writer. Every JSON output of resdiff (parse,
 * show, diff, check, blame, trace, stats, report) goes through it, so all
 * of it has one spacing style and is valid UTF-8 whatever the input:
 *
 * - separators are "," and ":" with no space;
 * - a list (resdiff_json_list_open: the units of a document, the changes
 *   of a diff, the clauses, members, files, findings) puts each element
 *   on a line of its own and its closing bracket on the next line; nothing
 *   else breaks a line;
 * - in JSON Lines mode (`lines`) nothing breaks a line, so each top-level
 *   value is exactly one line;
 * - each top-level value ends with a newline;
 * - strings escape '"', '\\', newline, CR and TAB as \" \\ \n \r \t, the
 *   other C0 controls and DEL as \u00XX; every ill-formed UTF-8 sequence
 *   (one maximal subpart, resdiff_utf8_decode) becomes U+FFFD; NULL is
 *   written as null;
 * - numbers are integers, or fixed-point with a given number of decimals
 *   (a NaN or an infinity is null).
 *
 * Errors are sticky: after the first failure every call does nothing and
 * returns it, so a renderer may check only the last call (or
 * resdiff_json_end). Calls out of order (a value where a key is due,
 * too deep a nesting) are RESDIFF_EINVALID.
 *
 * Ownership: the writer is a caller-owned struct that appends to a
 * caller-owned resdiff_buf; it allocates nothing else and needs no
 * disposal.
 */
#ifndef RESDIFF_JSON_H
#define RESDIFF_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_JSON_DEPTH_MAX 16

typedef struct {
	size_t count;  /* elements (or keys) written so far */
	bool list;     /* one element per line */
	bool object;
} resdiff_json_level;

typedef struct {
	resdiff_buf *out;
	bool lines;        /* JSON Lines: no line breaks inside a value */
	bool after_key;    /* a key was written: its value is due */
	int error;         /* first error, sticky */
	size_t depth;
	resdiff_json_level level[RESDIFF_JSON_DEPTH_MAX];
} resdiff_json;

void resdiff_json_init(resdiff_json *w, resdiff_buf *out, bool lines);

int resdiff_json_object_open(resdiff_json *w);
int resdiff_json_object_close(resdiff_json *w);
int resdiff_json_array_open(resdiff_json *w);
/* An array of records: one element per line (unless in JSON Lines mode). */
int resdiff_json_list_open(resdiff_json *w);
int resdiff_json_array_close(resdiff_json *w);

/* The key of the next member of the current object. */
int resdiff_json_key(resdiff_json *w, const char *key);
/* A string (NUL-terminated; NULL writes null). */
int resdiff_json_string(resdiff_json *w, const char *s);
int resdiff_json_string_len(resdiff_json *w, const char *s, size_t len);
int resdiff_json_null(resdiff_json *w);
int resdiff_json_bool(resdiff_json *w, bool b);
int resdiff_json_uint(resdiff_json *w, size_t n);
int resdiff_json_int(resdiff_json *w, long n);
/* `decimals` digits after the point ("%.3f"). */
int resdiff_json_fixed(resdiff_json *w, double x, int decimals);

/* A key and its value in one call. */
int resdiff_json_key_string(resdiff_json *w, const char *key, const char *s);
int resdiff_json_key_uint(resdiff_json *w, const char *key, size_t n);
int resdiff_json_key_bool(resdiff_json *w, const char *key, bool b);
int resdiff_json_key_fixed(resdiff_json *w, const char *key, double x, int decimals);

/* After the last value: the first error (0 when none), or
 * RESDIFF_EINVALID when an object or array is left open. */
int resdiff_json_end(resdiff_json *w);

#ifdef __cplusplus
}
#endif
#endif
