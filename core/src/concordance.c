/* concordance.c: pins from the command line and from concordance files
 * (resdiff/concordance.h). */
#include "resdiff/concordance.h"
#include "resdiff/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int resdiff_concordance_new(resdiff_concordance **out)
{
	resdiff_concordance *c;

	*out = NULL;
	if (!(c = calloc(1, sizeof(*c))) || !(c->arena = resdiff_arena_new())) {
		free(c);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	*out = c;
	return 0;
}

void resdiff_concordance_free(resdiff_concordance *c)
{
	if (!c)
		return;
	free(c->pins);
	resdiff_arena_free(c->arena);
	free(c);
}

static int pin_add(resdiff_concordance *c, const char *old_id, const char *new_id, bool forbid,
		const char *where)
{
	if (c->count >= RESDIFF_CONCORDANCE_MAX_PINS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s%smore than %d pins", where ? where : "",
			where ? ": " : "", RESDIFF_CONCORDANCE_MAX_PINS);
	if (c->count == c->alloc) {
		size_t na = c->alloc ? c->alloc * 2 : 16;
		resdiff_align_pin *p = realloc(c->pins, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		c->pins = p;
		c->alloc = na;
	}
	c->pins[c->count].old_id = resdiff_arena_strdup(c->arena, old_id);
	c->pins[c->count].new_id = resdiff_arena_strdup(c->arena, new_id);
	c->pins[c->count].forbid = forbid;
	if (!c->pins[c->count].old_id || !c->pins[c->count].new_id)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	c->count++;
	return 0;
}

int resdiff_concordance_add(resdiff_concordance *c, const char *spec, bool forbid,
		const char *where)
{
	resdiff_align_pin pin;
	char *copy = resdiff_arena_strdup(c->arena, spec);
	int error;

	if (!copy)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if ((error = resdiff_align_pin_parse(&pin, copy)) < 0) {
		if (where)
			resdiff_error_prefix(where);
		return error;
	}
	if (forbid && pin.forbid)
		return resdiff_error_set(RESDIFF_EINVALID, "--unpin takes OLD=NEW, not '%s'", spec);
	return pin_add(c, pin.old_id, pin.new_id, forbid || pin.forbid, where);
}

/* A gold line: every id of the comma-separated list olds pinned to every
 * id of news ("-" for none). */
static int gold_pins(resdiff_concordance *c, char *olds, const char *news, const char *where)
{
	char *o, *n, *so = NULL, *sn = NULL, *ncopy;
	int error;

	if (!strcmp(olds, "-") || !strcmp(news, "-"))
		return 0;
	for (o = strtok_r(olds, ",", &so); o; o = strtok_r(NULL, ",", &so)) {
		if (!(ncopy = resdiff_arena_strdup(c->arena, news)))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		for (n = strtok_r(ncopy, ",", &sn); n; n = strtok_r(NULL, ",", &sn))
			if ((error = pin_add(c, o, n, false, where)) < 0)
				return error;
	}
	return 0;
}

/* One line (NUL-terminated, without its '\n'; modified). */
static int read_line(resdiff_concordance *c, char *line, const char *where)
{
	char *hash = strchr(line, '#'), *end, *f[4] = { NULL, NULL, NULL, NULL };
	size_t nf = 0;

	if (hash)
		*hash = '\0';
	for (end = line + strlen(line); end > line && (end[-1] == ' ' || end[-1] == '\r' ||
			end[-1] == '\t'); )
		*--end = '\0';
	while (*line == ' ')
		line++;
	if (!*line)
		return 0;
	if (strchr(line, '\t')) {
		char *s2 = NULL, *tok;
		for (tok = strtok_r(line, "\t", &s2); tok && nf < 4; tok = strtok_r(NULL, "\t", &s2))
			f[nf++] = tok;
		if (nf < 3 || resdiff_relation_from_name(f[0]) < 0)
			return resdiff_error_set(RESDIFF_EINVALID,
				"%s: want 'relation<TAB>old-ids<TAB>new-ids'", where);
		return gold_pins(c, f[1], f[2], where);
	}
	return resdiff_concordance_add(c, line, false, where);
}

int resdiff_concordance_read(resdiff_concordance *c, const char *data, size_t len,
		const char *name)
{
	char *copy = NULL, where[320];
	size_t start = 0, lineno = 0;
	int error = 0;

	if (!(copy = malloc(len + 1)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	while (start < len) {
		char *nl = memchr(copy + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - copy) : len;
		char *nul = memchr(copy + start, '\0', end - start);
		lineno++;
		snprintf(where, sizeof(where), "%.256s:%zu", name, lineno);
		if (nul) {
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: NUL byte at byte offset %zu",
				where, (size_t)(nul - copy));
			goto done;
		}
		copy[end] = '\0';
		if ((error = read_line(c, copy + start, where)) < 0)
			goto done;
		start = end + 1;
	}
done:
	free(copy);
	return error;
}

int resdiff_concordance_load(resdiff_concordance *c, const char *path)
{
	char *text = NULL;
	size_t len;
	int error;

	if ((error = resdiff_file_read(&text, &len, path)) < 0)
		return error;
	error = resdiff_concordance_read(c, text, len, path);
	free(text);
	return error;
}
