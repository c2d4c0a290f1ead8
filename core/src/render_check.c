/* render_check.c: findings as text, JSON Lines-free JSON, or GitHub
 * Actions annotations. */
#include "resdiff/check.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <string.h>

/* GitHub workflow commands: '%', CR and LF are escaped in messages, and
 * ',' and ':' too in property values. */
static int gh_escape(resdiff_buf *out, const char *s, bool property)
{
	int error = 0;
	for (; *s && !error; s++) {
		switch (*s) {
		case '%': error = resdiff_buf_puts(out, "%25"); break;
		case '\r': error = resdiff_buf_puts(out, "%0D"); break;
		case '\n': error = resdiff_buf_puts(out, "%0A"); break;
		case ':': error = property ? resdiff_buf_puts(out, "%3A") : resdiff_buf_putc(out, ':'); break;
		case ',': error = property ? resdiff_buf_puts(out, "%2C") : resdiff_buf_putc(out, ','); break;
		default: error = resdiff_buf_putc(out, *s);
		}
	}
	return error;
}

/* One finding (or note) as text or as a GitHub annotation. */
static int render_line(resdiff_buf *out, const resdiff_finding *it, const char *format)
{
	int error;
	if (!strcmp(format, "github")) {
		bool note = !strcmp(it->kind, "note");
		if ((error = resdiff_buf_puts(out, note ? "::notice file=" : "::error file=")) < 0 ||
		    (error = gh_escape(out, it->file, true)) < 0 ||
		    (it->line && (error = resdiff_buf_printf(out, ",line=%zu", it->line)) < 0) ||
		    (error = resdiff_buf_printf(out, ",title=resdiff %s::", it->kind)) < 0 ||
		    (error = gh_escape(out, it->message, false)) < 0)
			return error;
	} else {
		if ((error = resdiff_text_sanitize(out, it->file, strlen(it->file), false)) < 0 ||
		    (it->line && (error = resdiff_buf_printf(out, ":%zu", it->line)) < 0) ||
		    (error = resdiff_buf_printf(out, ": %s: ", it->kind)) < 0 ||
		    (error = resdiff_text_sanitize(out, it->message, strlen(it->message), false)) < 0)
			return error;
	}
	return resdiff_buf_putc(out, '\n');
}

static int render_json_list(resdiff_buf *out, const resdiff_finding *items, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		const resdiff_finding *it = &items[i];
		if ((i && (error = resdiff_buf_puts(out, ", ")) < 0) ||
		    (error = resdiff_buf_puts(out, "{\"file\": ")) < 0 ||
		    (error = resdiff_json_str(out, it->file)) < 0 ||
		    (error = resdiff_buf_printf(out, ", \"line\": %zu, \"kind\": ", it->line)) < 0 ||
		    (error = resdiff_json_str(out, it->kind)) < 0 ||
		    (error = resdiff_buf_puts(out, ", \"message\": ")) < 0 ||
		    (error = resdiff_json_str(out, it->message)) < 0)
			return error;
		error = resdiff_buf_putc(out, '}');
	}
	return error;
}

int resdiff_render_findings(resdiff_buf *out, const resdiff_findings *f, const char *format)
{
	size_t i;
	int error = 0;

	if (!strcmp(format, "json")) {
		if ((error = resdiff_buf_printf(out, "{\"schema\": %d, \"findings\": [", RESDIFF_JSON_SCHEMA)) < 0 ||
		    (error = render_json_list(out, f->items, f->count)) < 0 ||
		    (error = resdiff_buf_printf(out, "], \"count\": %zu, \"accepted\": %zu, \"notes\": [",
				f->count, f->accepted)) < 0 ||
		    (error = render_json_list(out, f->notes, f->note_count)) < 0)
			return error;
		return resdiff_buf_puts(out, "]}\n");
	}
	for (i = 0; i < f->count && !error; i++)
		error = render_line(out, &f->items[i], format);
	for (i = 0; i < f->note_count && !error; i++)
		error = render_line(out, &f->notes[i], format);
	return error;
}
