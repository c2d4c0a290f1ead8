/* render_report.c: a report of changed corpus texts, as Markdown for a
 * pull-request comment or as JSON. Walks a resdiff_report only. */
#include "resdiff/report.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <string.h>

static int put_md(resdiff_buf *out, const char *s)
{
	resdiff_buf clean = RESDIFF_BUF_INIT;
	size_t i;
	int error;

	if ((error = resdiff_text_sanitize(&clean, s, strlen(s), false)) < 0)
		goto done;
	for (i = 0; i < clean.size && !error; i++) {
		if (strchr("\\`*_[]<>|~#", clean.ptr[i]))
			error = resdiff_buf_putc(out, '\\');
		if (!error)
			error = resdiff_buf_putc(out, clean.ptr[i]);
	}
done:
	resdiff_buf_dispose(&clean);
	return error;
}

static const char *file_path(const resdiff_report_file *f)
{
	return f->new_path ? f->new_path : f->old_path;
}

static int put_counts(resdiff_buf *out, const resdiff_report_file *f)
{
	const resdiff_alignment *al;
	resdiff_diff_counts counts;
	size_t k;
	int error = 0;
	bool any = false;

	if (!f->diff)
		return resdiff_buf_puts(out, "—");
	al = f->diff->alignment;
	for (k = 0; k < RESDIFF_REL_COUNT && !error; k++) {
		if (k == RESDIFF_REL_UNCHANGED || !al->stats[k])
			continue;
		error = resdiff_buf_printf(out, "%s%zu %s", any ? ", " : "", al->stats[k],
			resdiff_relation_name((resdiff_relation)k));
		any = true;
	}
	if (!error && al->moved)
		error = resdiff_buf_printf(out, "%s%zu moved", any ? ", " : "", al->moved), any = true;
	/* the signals (docs/DIFF.md): what a negotiator looks at first */
	resdiff_diff_count(&counts, f->diff, NULL);
	if (!error && counts.rolling)
		error = resdiff_buf_printf(out, "%s%zu only the rolling update", any ? ", " : "",
			counts.rolling), any = true;
	if (!error && counts.strengthened)
		error = resdiff_buf_printf(out, "%s%zu verb%s strengthened", any ? ", " : "",
			counts.strengthened, counts.strengthened == 1 ? "" : "s"), any = true;
	if (!error && counts.weakened)
		error = resdiff_buf_printf(out, "%s%zu verb%s weakened", any ? ", " : "",
			counts.weakened, counts.weakened == 1 ? "" : "s"), any = true;
	if (!error && !any)
		error = resdiff_buf_puts(out, "no clause changed");
	return error;
}

int resdiff_render_report_markdown(resdiff_buf *out, const resdiff_report *r)
{
	size_t i;
	int error;

	if ((error = resdiff_buf_printf(out, "## resdiff report `%.12s..%.12s`\n\n",
			r->old_commit, r->new_commit)) < 0)
		return error;
	if (!r->count)
		return resdiff_buf_puts(out, "No corpus text changed.\n");
	error = resdiff_buf_puts(out, "| text | status | clauses |\n|---|---|---|\n");
	for (i = 0; i < r->count && !error; i++) {
		const resdiff_report_file *f = &r->files[i];
		if ((error = resdiff_buf_puts(out, "| ")) < 0 ||
		    (error = put_md(out, file_path(f))) < 0 ||
		    (error = resdiff_buf_printf(out, " | %s | ", resdiff_report_status_name(f->status))) < 0 ||
		    (error = f->error ? resdiff_buf_puts(out, "does not parse") : put_counts(out, f)) < 0)
			break;
		error = resdiff_buf_puts(out, " |\n");
	}
	for (i = 0; i < r->count && !error; i++) {
		const resdiff_report_file *f = &r->files[i];
		resdiff_diff_render_options ro = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
		ro.old_source = f->old_path ? f->old_path : "/dev/null";
		ro.new_source = f->new_path ? f->new_path : "/dev/null";
		if ((error = resdiff_buf_puts(out, "\n---\n\n**")) < 0 ||
		    (error = put_md(out, file_path(f))) < 0 ||
		    (error = resdiff_buf_printf(out, "** (%s", resdiff_report_status_name(f->status))) < 0)
			break;
		if (f->status == RESDIFF_REPORT_RENAMED &&
		    ((error = resdiff_buf_puts(out, " from ")) < 0 || (error = put_md(out, f->old_path)) < 0))
			break;
		if ((error = resdiff_buf_puts(out, ")\n\n")) < 0)
			break;
		if (f->error) {
			if ((error = resdiff_buf_puts(out, "> does not parse: ")) == 0 &&
			    (error = put_md(out, f->error)) == 0)
				error = resdiff_buf_putc(out, '\n');
			continue;
		}
		error = resdiff_render_diff_markdown(out, f->diff, &ro);
	}
	return error;
}

int resdiff_render_report_json(resdiff_buf *out, const resdiff_report *r)
{
	resdiff_json w;
	size_t i;

	resdiff_json_init(&w, out, false);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_REPORT_JSON_SCHEMA);
	resdiff_json_key_string(&w, "range", r->range);
	resdiff_json_key_string(&w, "old_commit", r->old_commit);
	resdiff_json_key_string(&w, "new_commit", r->new_commit);
	resdiff_json_key(&w, "files");
	resdiff_json_list_open(&w);
	for (i = 0; i < r->count; i++) {
		const resdiff_report_file *f = &r->files[i];
		resdiff_diff_render_options ro = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
		ro.old_source = f->old_path;
		ro.new_source = f->new_path;
		resdiff_json_object_open(&w);
		resdiff_json_key_string(&w, "old_path", f->old_path);
		resdiff_json_key_string(&w, "new_path", f->new_path);
		resdiff_json_key_string(&w, "status", resdiff_report_status_name(f->status));
		resdiff_json_key_string(&w, "old_blob", f->old_blob[0] ? f->old_blob : NULL);
		resdiff_json_key_string(&w, "new_blob", f->new_blob[0] ? f->new_blob : NULL);
		resdiff_json_key_string(&w, "error", f->error);
		resdiff_json_key(&w, "diff");
		if (f->diff)
			resdiff_diff_json_write(&w, f->diff, &ro);
		else
			resdiff_json_null(&w);
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}
