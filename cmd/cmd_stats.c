/* cmd_stats.c: resdiff stats SERIES */
#include "cmd.h"

static const cmd_opt stats_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "lang", 0, OPT_VALUE, "LANG", "the series' language when it has several" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_stats(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_series_stats *stats = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	int rc = CMD_EXIT_OK, r, error;

	r = cmd_args_parse(&args, stats_opts, argc, argv,
		"resdiff stats [--format=FORMAT] [--lang LANG] SERIES",
		"Per member of a series: clauses per relation against the previous member,\n"
		"the share of the previous text carried over, the clauses new in it and the\n"
		"oldest still present; then a per-year chart.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_format_find(&format, "stats", cmd_arg(&args, stats_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (args.nargs != 1) {
		rc = cmd_fail("stats takes one SERIES (see 'resdiff stats --help'; 'resdiff series' lists them)");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	cmd_conflicts_note(store);
	if (resdiff_series_stats_build(&stats, store, args.args[0], cmd_arg(&args, stats_opts, "lang")) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	error = format->render.stats(&out, stats);
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_series_stats_free(stats);
	cmd_store_close(store);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
