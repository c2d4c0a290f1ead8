/* name.c: the reversible symbol <-> file/ref name mapping. */
#include "resdiff/name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool plain_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool symbol_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == ' ' || c == '/' || c == '-' || c == '.' || c == '(' || c == ')' || c == '_' ||
	       c == ',' || c == '+' || c == '*';
}

/* The symbol as it may be shown in a message: other bytes as \xHH. */
static void shown(char *out, size_t size, const char *s)
{
	size_t n = 0;
	for (; *s && n + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7F)
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, size - n, "\\x%02X", c);
	}
	out[n] = '\0';
}

int resdiff_name_symbol_check(const char *symbol)
{
	char show[4 * RESDIFF_SYMBOL_MAX + 8];
	size_t i, len = symbol ? strlen(symbol) : 0;
	const char *why = NULL;

	if (len == 0)
		return resdiff_error_set(RESDIFF_EINVALID, "empty document symbol");
	shown(show, sizeof(show), symbol);
	if (len > RESDIFF_SYMBOL_MAX)
		return resdiff_error_set(RESDIFF_EINVALID, "'%.40s...' is not a document symbol: longer "
			"than %d bytes", show, RESDIFF_SYMBOL_MAX);
	for (i = 0; i < len && !why; i++) {
		unsigned char c = (unsigned char)symbol[i];
		if (!symbol_char(c)) {
			char what[8];
			snprintf(what, sizeof(what), c >= 0x20 && c < 0x7F ? "'%c'" : "0x%02X", c);
			return resdiff_error_set(RESDIFF_EINVALID, "'%s' is not a document symbol: byte %zu "
				"(%s) is not one of letters, digits, space and / - . ( ) _ , + *", show, i, what);
		}
		if (c == '/' && (i == 0 || i + 1 == len || symbol[i + 1] == '/'))
			why = "a component is empty";
		else if (c == '.' && (i == 0 || symbol[i - 1] == '/'))
			why = "a component starts with '.'";
	}
	if (!why && (symbol[0] == ' ' || symbol[len - 1] == ' '))
		why = "it starts or ends with a space";
	if (!why && symbol[0] == '-')
		why = "it starts with '-'";
	if (why)
		return resdiff_error_set(RESDIFF_EINVALID, "'%s' is not a document symbol: %s", show, why);
	return 0;
}

int resdiff_name_from_symbol(char **out, const char *symbol)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t i, len;
	int error = 0;

	*out = NULL;
	len = symbol ? strlen(symbol) : 0;
	if (len == 0)
		return resdiff_error_set(RESDIFF_EINVALID, "empty document symbol");
	if (len > RESDIFF_SYMBOL_MAX)
		return resdiff_error_set(RESDIFF_EINVALID,
			"document symbol longer than %d bytes", RESDIFF_SYMBOL_MAX);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)symbol[i];
		if (c < 0x20 || c == 0x7F)
			return resdiff_error_set(RESDIFF_EINVALID,
				"document symbol contains a control character at byte %zu", i);
	}
	for (i = 0; i < len && !error; i++) {
		unsigned char c = (unsigned char)symbol[i];
		/* no name starts or ends with '.', contains "..", or ends in ".lock" */
		bool esc_dot = c == '.' && (i == 0 || i + 1 == len || symbol[i - 1] == '.' ||
			(i + 5 == len && !strcmp(symbol + i, ".lock")));
		if (c == '/')
			error = resdiff_buf_putc(&buf, '_');
		else if (plain_char(c) && !esc_dot)
			error = resdiff_buf_putc(&buf, (char)c);
		else
			error = resdiff_buf_printf(&buf, "%%%02X", c);
	}
	if (error < 0) {
		resdiff_buf_dispose(&buf);
		return error;
	}
	*out = resdiff_buf_detach(&buf);
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	return -1;
}

int resdiff_name_to_symbol(char **out, const char *name)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t i, len = strlen(name);
	int error = 0;
	char *check = NULL;

	*out = NULL;
	for (i = 0; i < len && !error; i++) {
		char c = name[i];
		if (c == '_') {
			error = resdiff_buf_putc(&buf, '/');
		} else if (c == '%') {
			int hi = i + 2 < len ? hexval(name[i + 1]) : -1;
			int lo = hi >= 0 ? hexval(name[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				error = resdiff_error_set(RESDIFF_EINVALID,
					"'%s' is not a mapped document name (bad escape at byte %zu)", name, i);
				break;
			}
			error = resdiff_buf_putc(&buf, (char)(hi * 16 + lo));
			i += 2;
		} else if (plain_char((unsigned char)c)) {
			error = resdiff_buf_putc(&buf, c);
		} else {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"'%s' is not a mapped document name (byte %zu)", name, i);
		}
	}
	if (error < 0)
		goto done;
	/* Only canonical names map back: re-encode and compare. */
	if ((error = resdiff_name_from_symbol(&check, buf.ptr ? buf.ptr : "")) < 0)
		goto done;
	if (strcmp(check, name)) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"'%s' is not a canonical document name", name);
		goto done;
	}
	*out = resdiff_buf_detach(&buf);
done:
	free(check);
	resdiff_buf_dispose(&buf);
	return error;
}

bool resdiff_name_language_ok(const char *lang)
{
	size_t i, len = lang ? strlen(lang) : 0;
	if (len < 2 || len > 3)
		return false;
	for (i = 0; i < len; i++)
		if (lang[i] < 'a' || lang[i] > 'z')
			return false;
	return true;
}

bool resdiff_name_series_ok(const char *slug)
{
	size_t i, len = slug ? strlen(slug) : 0;
	if (len < 1 || len > 64 || slug[0] == '-')
		return false;
	for (i = 0; i < len; i++) {
		char c = slug[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

int resdiff_name_corpus_file(char **out, const char *symbol, const char *lang)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	char *name = NULL;
	int error;

	*out = NULL;
	if (!resdiff_name_language_ok(lang))
		return resdiff_error_set(RESDIFF_EINVALID, "invalid language code '%s'",
			lang ? lang : "");
	if ((error = resdiff_name_from_symbol(&name, symbol)) < 0)
		return error;
	if ((error = resdiff_buf_printf(&buf, "%s.%s.txt", name, lang)) < 0)
		goto done;
	*out = resdiff_buf_detach(&buf);
done:
	free(name);
	resdiff_buf_dispose(&buf);
	return error;
}

int resdiff_name_parse_corpus_file(char **symbol, char **lang, const char *filename)
{
	const char *base = strrchr(filename, '/');
	size_t len;
	const char *dot;
	char *stem = NULL, *l = NULL;
	int error = 0;

	*symbol = *lang = NULL;
	base = base ? base + 1 : filename;
	len = strlen(base);
	if (len < 8 || strcmp(base + len - 4, ".txt"))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: not a corpus file name (SYMBOL.LANG.txt)", filename);
	len -= 4;
	for (dot = base + len - 1; dot > base && *dot != '.'; dot--)
		;
	if (*dot != '.')
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: not a corpus file name (SYMBOL.LANG.txt)", filename);
	if (!(l = strndup(dot + 1, (size_t)(base + len - dot - 1))) ||
	    !(stem = strndup(base, (size_t)(dot - base)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (!resdiff_name_language_ok(l)) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: invalid language code '%s'", filename, l);
		goto done;
	}
	if ((error = resdiff_name_to_symbol(symbol, stem)) < 0)
		goto done;
	*lang = l;
	l = NULL;
done:
	free(stem);
	free(l);
	return error;
}

/* ---- kinds of symbol ------------------------------------------------- */

/* The component of `symbol` starting at *pos (advanced past it and its
 * '/'); false at the end. */
static bool next_component(const char **start, size_t *len, const char *symbol, size_t *pos)
{
	const char *p = symbol + *pos, *slash;
	if (!*p)
		return false;
	slash = strchr(p, '/');
	*start = p;
	*len = slash ? (size_t)(slash - p) : strlen(p);
	*pos += *len + (slash ? 1 : 0);
	return true;
}

/* "L.2", "Rev.1": `prefix` then one or more digits and nothing else;
 * the number goes to *n (bounded: a long run is not a number). */
static bool prefix_number(unsigned *n, const char *c, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix), i;
	unsigned v = 0;
	if (len <= pl || len - pl > 6 || memcmp(c, prefix, pl))
		return false;
	for (i = pl; i < len; i++) {
		if (c[i] < '0' || c[i] > '9')
			return false;
		v = v * 10 + (unsigned)(c[i] - '0');
	}
	*n = v;
	return true;
}

bool resdiff_name_is_resolution(const char *symbol)
{
	const char *c;
	size_t len, pos = 0, k = 0;

	if (!symbol || resdiff_name_symbol_check(symbol) < 0) {
		resdiff_error_clear();
		return false;
	}
	while (next_component(&c, &len, symbol, &pos)) {
		if (k > 0 && len == 3 && !memcmp(c, "RES", 3))
			return symbol[pos] != '\0';
		k++;
	}
	return false;
}

bool resdiff_name_draft_base(size_t *base_len, unsigned *revision, const char *symbol)
{
	const char *c;
	size_t len, pos = 0, k = 0, after_l = 0;
	unsigned n, rev = 0;
	bool draft = false;

	if (!symbol || resdiff_name_symbol_check(symbol) < 0) {
		resdiff_error_clear();
		return false;
	}
	while (next_component(&c, &len, symbol, &pos)) {
		if (k > 0 && !draft && prefix_number(&n, c, len, "L.")) {
			draft = true;
			after_l = pos;
		} else if (draft && symbol[pos] == '\0' && prefix_number(&rev, c, len, "Rev.")) {
			/* the last component, right after the L. one */
			if (c != symbol + after_l)
				return false;
		} else if (draft) {
			return false;   /* "A/80/L.2/Add.1", "A/80/L.2/Corr.1": not a draft text */
		}
		k++;
	}
	if (!draft)
		return false;
	*revision = rev;
	*base_len = rev ? (size_t)(after_l - 1) : strlen(symbol);
	return true;
}

bool resdiff_name_is_draft(const char *symbol)
{
	size_t base;
	unsigned rev;
	return resdiff_name_draft_base(&base, &rev, symbol);
}
