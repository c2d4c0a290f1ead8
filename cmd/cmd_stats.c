/* cmd_stats.c: resdiff stats SERIES */
#include "cmd.h"

#include <string.h>

static const cmd_opt stats_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", "text (default), json or html (an SVG chart)" },
	{ "lang", 0, OPT_VALUE, "LANG", "the series' language when it has several" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_stats(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_series_stats *stats = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *format;
	int rc = CMD_EXIT_OK, r, error;

	r = cmd_args_parse(&args, stats_opts, argc, argv,
		"resdiff stats [--format=text|json|html] [--lang LANG] SERIES",
		"Per member of a series: clauses per relation against the previous member,\n"
		"the share of the previous text carried over, the clauses new in it and the\n"
		"oldest still present; then a per-year chart.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	format = cmd_arg(&args, stats_opts, "format");
	if (!format)
		format = "text";
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html")) {
		rc = cmd_fail("unknown format '%s' (text, json, html)", format);
		goto done;
	}
	if (args.nargs != 1) {
		rc = cmd_fail("stats takes one SERIES (see 'resdiff series')");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_series_stats_build(&stats, store, args.args[0], cmd_arg(&args, stats_opts, "lang")) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	error = !strcmp(format, "json") ? resdiff_render_stats_json(&out, stats)
		: !strcmp(format, "html") ? resdiff_render_stats_html(&out, stats)
		: resdiff_render_stats_text(&out, stats);
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_series_stats_free(stats);
	cmd_store_close(store);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
