/* format.c: the one table of output formats: per command, every --format
 * it prints and the renderer of each. A new format is a renderer in core/
 * plus one row here; --help, the man pages and the unknown-format error
 * are all read from this table. */
#include "cmd.h"

#include <string.h>

/* The document renderers take what parse and show know of a document. */
static int doc_text(resdiff_buf *out, const resdiff_doc *doc, const char *source, const char *blob)
{
	return resdiff_render_doc_text(out, doc, true);
}

static int doc_json(resdiff_buf *out, const resdiff_doc *doc, const char *source, const char *blob)
{
	return resdiff_render_doc_json(out, doc, source);
}

static int doc_summary(resdiff_buf *out, const resdiff_doc *doc, const char *source, const char *blob)
{
	return resdiff_render_doc_summary(out, doc, source);
}

static int doc_card(resdiff_buf *out, const resdiff_doc *doc, const char *source, const char *blob)
{
	return resdiff_render_doc_card(out, doc, blob);
}

/* The first row of a command is its default format. */
static const cmd_format formats[] = {
	{ "parse", "text", NULL, 0, { .doc = doc_text } },
	{ "parse", "json", "JSON Lines for several files", 0, { .doc = doc_json } },
	{ "parse", "summary", NULL, 0, { .doc = doc_summary } },
	/* no renderer: parse prints the text it would parse */
	{ "parse", "extracted", "the text the parser reads; of a PDF, what its layout gave", 0, { .doc = NULL } },
	{ "show", "text", NULL, 0, { .doc = doc_card } },
	{ "show", "json", "as 'resdiff parse --format=json'", 0, { .doc = doc_json } },
	{ "amend", "text", NULL, 0, { .doc = doc_text } },
	{ "amend", "json", "as 'resdiff parse --format=json' of the amended text", 0, { .doc = doc_json } },
	{ "amend", "summary", NULL, 0, { .doc = doc_summary } },
	{ "diff", "text", NULL, CMD_FORMAT_COLOR, { .diff = resdiff_render_diff_text } },
	{ "diff", "json", NULL, CMD_FORMAT_LINES, { .diff = resdiff_render_diff_json } },
	{ "diff", "markdown", NULL, 0, { .diff = resdiff_render_diff_markdown } },
	{ "diff", "html", NULL, CMD_FORMAT_PAGE, { .diff = resdiff_render_diff_html } },
	{ "diff", "amendments", NULL, 0, { .diff = resdiff_render_diff_amendments } },
	{ "check", "text", NULL, 0, { .findings = resdiff_render_findings_text } },
	{ "check", "json", NULL, 0, { .findings = resdiff_render_findings_json } },
	{ "check", "github", "GitHub Actions annotations", 0, { .findings = resdiff_render_findings_github } },
	{ "blame", "text", NULL, 0, { .provenance = resdiff_render_provenance_text } },
	{ "blame", "json", NULL, 0, { .provenance = resdiff_render_provenance_json } },
	{ "trace", "text", NULL, 0, { .provenance = resdiff_render_provenance_text } },
	{ "trace", "json", NULL, 0, { .provenance = resdiff_render_provenance_json } },
	{ "stats", "text", NULL, 0, { .stats = resdiff_render_stats_text } },
	{ "stats", "json", NULL, 0, { .stats = resdiff_render_stats_json } },
	{ "stats", "html", "the picture of the series, a chart and the table", 0, { .stats = resdiff_render_stats_html } },
	{ "stats", "svg", "the picture of the series: clauses from member to member", 0, { .stats = resdiff_render_stats_svg } },
	{ "report", "markdown", NULL, 0, { .report = resdiff_render_report_markdown } },
	{ "report", "json", NULL, 0, { .report = resdiff_render_report_json } },
	{ "parallel", "text", "columns on a terminal wide enough, else one block per row", 0, { .parallel = resdiff_render_parallel_text } },
	{ "parallel", "json", "JSON Lines, one row a line", 0, { .parallel = resdiff_render_parallel_json } },
	{ "parallel", "html", "a table, one column per language", 0, { .parallel = resdiff_render_parallel_html } },
	{ "ls", "text", NULL, 0, { .listing = resdiff_render_listing_text } },
	{ "ls", "json", NULL, 0, { .listing = resdiff_render_listing_json } },
	{ "export", "akn", "Akoma Ntoso 3.0, AKN4UN", 0, { .export_doc = resdiff_render_doc_akn } },
};

#define FORMAT_COUNT (sizeof(formats) / sizeof(formats[0]))

int cmd_format_list(resdiff_buf *out, const char *command, const char *sep, bool notes)
{
	size_t i;
	int n = 0, error = 0;

	for (i = 0; i < FORMAT_COUNT && !error; i++) {
		if (strcmp(formats[i].command, command))
			continue;
		if ((n++ && (error = resdiff_buf_puts(out, sep)) < 0) ||
		    (error = resdiff_buf_puts(out, formats[i].name)) < 0 ||
		    (notes && n == 1 && (error = resdiff_buf_puts(out, " (default)")) < 0))
			break;
		if (notes && formats[i].note)
			error = resdiff_buf_printf(out, " (%s)", formats[i].note);
	}
	return error < 0 ? error : n;
}

int cmd_format_find(const cmd_format **out, const char *command, const char *name)
{
	resdiff_buf list = RESDIFF_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < FORMAT_COUNT; i++)
		if (!strcmp(formats[i].command, command) && (!name || !strcmp(formats[i].name, name))) {
			*out = &formats[i];
			return CMD_EXIT_OK;
		}
	rc = cmd_format_list(&list, command, ", ", false) < 0 ? cmd_fail_last()
		: cmd_fail("unknown format '%s' (%s)", name ? name : "", list.ptr ? list.ptr : "");
	resdiff_buf_dispose(&list);
	return rc;
}
