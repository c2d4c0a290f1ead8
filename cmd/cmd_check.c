/* cmd_check.c: resdiff check [PATH...] */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cmd_opt check_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "lang", 0, OPT_VALUE, "LANG", "language of text files given without a manifest" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_check(int argc, char **argv)
{
	cmd_args args;
	resdiff_findings *f = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *lang;
	const char *defaults[] = { "corpus" };
	const char **paths;
	int npaths, i, rc = CMD_EXIT_OK, r, error = 0;

	r = cmd_args_parse(&args, check_opts, argc, argv,
		"resdiff check [--format=FORMAT] [PATH...]",
		"Check a corpus: every text parses with no diagnostic, no debris is left in a\n"
		"paragraph, no resolution is read as a report or loses clauses to its front\n"
		"matter, the manifest and the files agree. PATH is a manifest, a directory\n"
		"(its manifests, or its .txt files), a text file or - (standard input);\n"
		"default: corpus/.\n"
		"Exit status: 0 clean, 1 findings, 2 usage or internal errors.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	lang = cmd_arg(&args, check_opts, "lang");
	if ((rc = cmd_format_find(&format, "check", cmd_arg(&args, check_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	paths = args.nargs ? args.args : defaults;
	npaths = args.nargs ? args.nargs : 1;
	if (resdiff_findings_new(&f) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	for (i = 0; i < npaths && !error; i++) {
		struct stat sb;
		size_t len = strlen(paths[i]);
		if (!strcmp(paths[i], "-")) {
			error = resdiff_check_file(f, "-", NULL, lang);
			continue;
		}
		if (stat(paths[i], &sb) < 0) {
			rc = args.nargs ? cmd_fail("%s: no such file or directory", paths[i]) :
				cmd_fail("%s: no such file or directory (the default path: run it "
					 "where corpus/ is, or name a path)", paths[i]);
			goto done;
		}
		if (S_ISDIR(sb.st_mode))
			error = resdiff_check_dir(f, paths[i], lang);
		else if (len > 9 && !strcmp(paths[i] + len - 9, ".manifest"))
			error = resdiff_check_manifest(f, paths[i]);
		else
			error = resdiff_check_file(f, paths[i], NULL, lang);
	}
	if (error < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (format->render.findings(&out, f) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if ((rc = cmd_write(&out)) == CMD_EXIT_OK && f->count)
		rc = CMD_EXIT_CHANGES;
done:
	resdiff_buf_dispose(&out);
	resdiff_findings_free(f);
	cmd_args_dispose(&args);
	return rc;
}
