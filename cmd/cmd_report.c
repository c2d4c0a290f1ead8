/* cmd_report.c: resdiff report REV1..REV2, inside a git repository of a corpus. */
#include "cmd.h"

static const cmd_opt report_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "manifest", 0, OPT_VALUE, "PATH", "the corpus manifest: only its texts, with their languages" },
	{ "lang", 0, OPT_VALUE, "LANG", "the texts' language (default: manifest, else detect)" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_report(int argc, char **argv)
{
	cmd_args args;
	resdiff_report_options opts = RESDIFF_REPORT_OPTIONS_INIT;
	resdiff_report *report = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	int rc, r, error;

	r = cmd_args_parse(&args, report_opts, argc, argv,
		"resdiff report [--format=FORMAT] [--manifest PATH] REV1..REV2",
		"Run inside a git repository that holds a corpus: for every text changed\n"
		"between two revisions (every *.txt and *.pdf, or the texts of --manifest),\n"
		"read both versions, parse and align them, and print a clause-level report\n"
		"(Markdown for a pull-request comment, or JSON). REV alone means REV^..REV.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_format_find(&format, "report", cmd_arg(&args, report_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (args.nargs != 1) {
		rc = cmd_fail("report takes one range REV1..REV2 (see 'resdiff report --help')");
		goto done;
	}
	opts.manifest = cmd_arg(&args, report_opts, "manifest");
	opts.language = cmd_arg(&args, report_opts, "lang");
	if (resdiff_report_build(&report, cmd_global_repo, args.args[0], &opts) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	error = format->render.report(&out, report);
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_report_free(report);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
