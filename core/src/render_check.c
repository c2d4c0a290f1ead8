/* render_check.c: findings as text, JSON or GitHub Actions annotations. */
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

/* One list of findings (the findings or the parser's notes) in JSON. */
static void json_list(resdiff_json *w, const resdiff_finding *items, size_t n)
{
	size_t i;
	resdiff_json_list_open(w);
	for (i = 0; i < n; i++) {
		resdiff_json_object_open(w);
		resdiff_json_key_string(w, "file", items[i].file);
		resdiff_json_key_uint(w, "line", items[i].line);
		resdiff_json_key_string(w, "kind", items[i].kind);
		resdiff_json_key_string(w, "message", items[i].message);
		resdiff_json_object_close(w);
	}
	resdiff_json_array_close(w);
}

int resdiff_render_findings_json(resdiff_buf *out, const resdiff_findings *f)
{
	resdiff_json w;

	resdiff_json_init(&w, out, false);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_JSON_SCHEMA);
	resdiff_json_key(&w, "findings");
	json_list(&w, f->items, f->count);
	resdiff_json_key_uint(&w, "count", f->count);
	resdiff_json_key_uint(&w, "accepted", f->accepted);
	/* the parser's notes: listed, not counted */
	resdiff_json_key(&w, "notes");
	json_list(&w, f->notes, f->note_count);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}

/* GitHub annotations: findings are errors, the parser's notes notices. */
static int github_list(resdiff_buf *out, const resdiff_finding *items, size_t n, const char *command)
{
	size_t i;
	int error = 0;

	for (i = 0; i < n && !error; i++) {
		const resdiff_finding *it = &items[i];
		if ((error = resdiff_buf_printf(out, "::%s file=", command)) < 0 ||
		    (error = gh_escape(out, it->file, true)) < 0 ||
		    (it->line && (error = resdiff_buf_printf(out, ",line=%zu", it->line)) < 0) ||
		    (error = resdiff_buf_printf(out, ",title=resdiff %s::", it->kind)) < 0 ||
		    (error = gh_escape(out, it->message, false)) < 0)
			return error;
		error = resdiff_buf_putc(out, '\n');
	}
	return error;
}

int resdiff_render_findings_github(resdiff_buf *out, const resdiff_findings *f)
{
	int error = github_list(out, f->items, f->count, "error");
	return error < 0 ? error : github_list(out, f->notes, f->note_count, "notice");
}

static int text_list(resdiff_buf *out, const resdiff_finding *items, size_t n)
{
	size_t i;
	int error = 0;

	for (i = 0; i < n && !error; i++) {
		const resdiff_finding *it = &items[i];
		if ((error = resdiff_text_sanitize(out, it->file, strlen(it->file), false)) < 0 ||
		    (it->line && (error = resdiff_buf_printf(out, ":%zu", it->line)) < 0) ||
		    (error = resdiff_buf_printf(out, ": %s: ", it->kind)) < 0 ||
		    (error = resdiff_text_sanitize(out, it->message, strlen(it->message), false)) < 0)
			return error;
		error = resdiff_buf_putc(out, '\n');
	}
	return error;
}

int resdiff_render_findings_text(resdiff_buf *out, const resdiff_findings *f)
{
	int error;

	if ((error = text_list(out, f->items, f->count)) < 0 ||
	    (error = text_list(out, f->notes, f->note_count)) < 0)
		return error;
	if (!f->count)
		error = resdiff_buf_printf(out, "no findings%s\n", f->accepted ? " (accepted ones aside)" : "");
	return error;
}

int resdiff_render_findings_lines(resdiff_buf *out, const resdiff_findings *f,
		const char *file, const char *prefix, bool notes)
{
	size_t shown_notes = notes ? f->note_count : 0;
	size_t items = f->count < RESDIFF_FINDINGS_LINES_MAX ? f->count : RESDIFF_FINDINGS_LINES_MAX;
	size_t nts = shown_notes < RESDIFF_FINDINGS_LINES_MAX ? shown_notes : RESDIFF_FINDINGS_LINES_MAX;
	size_t more = f->count - items + shown_notes - nts;
	int error;

	if (!f->count && !shown_notes)
		return 0;

	if ((error = text_list(out, f->items, items)) < 0 ||
	    (error = text_list(out, f->notes, nts)) < 0)
		return error;
	if (more && ((error = resdiff_buf_puts(out, prefix ? prefix : "")) < 0 ||
		     (error = resdiff_text_sanitize(out, file, strlen(file), false)) < 0 ||
		     (error = resdiff_buf_printf(out, ": %zu more not shown here ('resdiff check' "
				"lists them all)\n", more)) < 0))
		return error;
	if ((error = resdiff_buf_puts(out, prefix ? prefix : "")) < 0 ||
	    (error = resdiff_text_sanitize(out, file, strlen(file), false)) < 0 ||
	    (error = resdiff_buf_printf(out, ": %zu warning%s", f->count, f->count == 1 ? "" : "s")) < 0 ||
	    (shown_notes && (error = resdiff_buf_printf(out, ", %zu note%s", shown_notes,
			shown_notes == 1 ? "" : "s")) < 0) ||
	    (f->accepted && (error = resdiff_buf_printf(out, "; %zu accepted by the manifest",
			f->accepted)) < 0))
		return error;
	return resdiff_buf_putc(out, '\n');
}
