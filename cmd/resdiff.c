/* resdiff.c: global options and dispatch to cmd_<verb>.c. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <git2.h>

static const cmd_command commands[] = {
	{ "parse", cmd_parse, "parse documents into paragraphs (text, JSON, summary)" },
	{ "check", cmd_check, "check a corpus: clean parses, no debris, manifest agrees" },
	{ "diff", cmd_diff, "align two texts clause by clause and show the changes" },
	{ "init", cmd_init, "create a resdiff repository" },
	{ "import", cmd_import, "parse documents and store them in the repository" },
	{ "rm", cmd_rm, "withdraw a document imported by mistake (its history stays)" },
	{ "log", cmd_log, "members of each series in adoption order" },
	{ "series", cmd_series, "list the series in the repository" },
	{ "show", cmd_show, "show a stored document (text or JSON)" },
	{ "unlock", cmd_unlock, "remove lock files left by a crashed process" },
	{ "upgrade", cmd_upgrade, "bring a repository of an older resdiff to this storage format" },
	{ "index", cmd_index, "bring the clause index of blame and trace up to date" },
	{ "blame", cmd_blame, "where each clause of a stored document came from" },
	{ "trace", cmd_trace, "where a stored clause went afterwards, in every series" },
	{ "stats", cmd_stats, "per member of a series: relations, carry-over, oldest clauses" },
	{ "report", cmd_report, "clause-level report of corpus texts changed between two git revisions" },
	{ "textconv", cmd_textconv, "print a text one paragraph per line (git diff driver)" },
	{ "install-diff-driver", cmd_install_diff_driver, "make git diff show *.txt texts by paragraph" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	size_t i;
	fprintf(f, "usage: resdiff [--version] [--help] [-C DIR] [--repo DIR] <command> [<args>]\n\n"
		   "resdiff keeps United Nations resolutions as structured paragraphs and\n"
		   "shows, clause by clause, how successive resolutions changed.\n\ncommands:\n");
	for (i = 0; commands[i].name; i++)
		fprintf(f, "  %-20s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'resdiff <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	int i = 1;
	size_t k;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--version")) {
			printf("resdiff %s (libgit2 %s)\n", RESDIFF_VERSION, LIBGIT2_VERSION);
			return CMD_EXIT_OK;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return CMD_EXIT_OK;
		} else if ((!strcmp(argv[i], "-C") || !strcmp(argv[i], "--repo")) && i + 1 < argc) {
			cmd_global_repo = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--repo")) {
			fprintf(stderr, "resdiff: %s needs a directory\n", argv[i]);
			return CMD_EXIT_ERROR;
		} else if (!strncmp(argv[i], "--repo=", 7)) {
			cmd_global_repo = argv[i] + 7;
			i++;
		} else {
			cmd_fail("unknown option '%s'", argv[i]);
			usage(stderr);
			return CMD_EXIT_ERROR;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CMD_EXIT_ERROR;
	}
	for (k = 0; commands[k].name; k++)
		if (!strcmp(commands[k].name, argv[i]))
			return commands[k].fn(argc - i, argv + i);
	return cmd_fail("'%s' is not a resdiff command. See 'resdiff --help'.", argv[i]);
}
