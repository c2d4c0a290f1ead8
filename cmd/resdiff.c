/* resdiff.c: global options and dispatch to cmd_<verb>.c. */
#define _XOPEN_SOURCE 700  /* realpath */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <git2.h>

const cmd_command cmd_commands[] = {
	{ "parse", cmd_parse, "parse documents into paragraphs (text, JSON, summary)" },
	{ "check", cmd_check, "check a corpus: clean parses, no debris, manifest agrees" },
	{ "diff", cmd_diff, "align two texts clause by clause and show the changes" },
	{ "amend", cmd_amend, "apply tabled amendments to a draft; report those that clash" },
	{ "init", cmd_init, "create a resdiff repository" },
	{ "import", cmd_import, "parse documents and store them in the repository" },
	{ "rm", cmd_rm, "withdraw a document imported by mistake (its history stays)" },
	{ "log", cmd_log, "members of each series in adoption order" },
	{ "ls", cmd_ls, "every stored document, in a series or not (reports, drafts)" },
	{ "series", cmd_series, "list the series in the repository" },
	{ "drafts", cmd_drafts, "the chain from a resolution's drafts and revisions to the adopted text" },
	{ "show", cmd_show, "show a stored document (text or JSON)" },
	{ "unlock", cmd_unlock, "remove lock files left by a crashed process" },
	{ "upgrade", cmd_upgrade, "bring a repository of an older resdiff to this storage format" },
	{ "clone", cmd_clone, "copy a resdiff repository from a git remote (path, ssh, git, http)" },
	{ "pull", cmd_pull, "bring in what a remote imported; reconcile diverged records" },
	{ "push", cmd_push, "send the record to a remote (fast-forward only) and its views" },
	{ "resolve", cmd_resolve, "settle a conflict a pull kept: --take=ours|theirs|FILE" },
	{ "index", cmd_index, "bring the clause index of blame and trace up to date" },
	{ "blame", cmd_blame, "where each clause of a stored document came from" },
	{ "trace", cmd_trace, "where a stored clause went afterwards, in every series" },
	{ "stats", cmd_stats, "per member of a series: relations, carry-over, oldest clauses" },
	{ "parallel", cmd_parallel, "the language versions of one document side by side, disagreements flagged" },
	{ "export", cmd_export, "write a document or a whole series as Akoma Ntoso XML (AKN4UN)" },
	{ "report", cmd_report, "clause-level report of corpus texts changed between two git revisions" },
	{ "textconv", cmd_textconv, "print a text one paragraph per line (git diff driver)" },
	{ "install-diff-driver", cmd_install_diff_driver, "make git diff show *.txt and *.pdf texts by paragraph" },
	{ NULL, NULL, NULL }
};

const char cmd_global_usage[] = "resdiff [--version] [--help] [-C DIR] [--repo DIR] <command> [<args>]";
const char cmd_global_description[] =
	"resdiff keeps United Nations resolutions as structured paragraphs and\n"
	"shows, clause by clause, how successive resolutions changed.";
/* Parsed by hand in main (they come before the command); listed for the
 * man page. */
const cmd_opt cmd_global_opts[] = {
	{ "version", 0, OPT_FLAG, NULL, "print the version of resdiff and of libgit2" },
	{ "repo", 'C', OPT_VALUE, "DIR", "the resdiff repository (default: $RESDIFF_REPO, else the "
		"repository found from the current directory upwards)" },
	{ NULL, 0, 0, NULL, NULL }
};

static void usage(FILE *f)
{
	size_t i;
	fprintf(f, "usage: %s\n\n%s\n\ncommands:\n", cmd_global_usage, cmd_global_description);
	for (i = 0; cmd_commands[i].name; i++)
		fprintf(f, "  %-20s %s\n", cmd_commands[i].name, cmd_commands[i].summary);
	fprintf(f, "\n'resdiff <command> --help' describes a command.\n");
}

/* -C DIR or --repo DIR (the same option): given twice, they must name one
 * directory (as given, or once resolved), else which one wins would be
 * a guess. CMD_EXIT_OK or the error. */
static int set_global_repo(const char *option, const char *dir)
{
	static const char *first_option;
	char *a, *b;
	bool same;

	struct stat st;

	/* a file named by mistake (-C corpus.manifest): say so, not "not a
	 * repository (or any of the parent directories)", nor, for init,
	 * that the directory exists */
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return cmd_fail("%s %s: not a directory, so not a resdiff repository (%s names "
			"the repository's directory)", option, dir, option);
	if (!cmd_global_repo || !strcmp(cmd_global_repo, dir)) {
		cmd_global_repo = dir;
		first_option = option;
		return CMD_EXIT_OK;
	}
	a = realpath(cmd_global_repo, NULL);
	b = realpath(dir, NULL);
	same = a && b && !strcmp(a, b);
	free(a);
	free(b);
	if (same)
		return CMD_EXIT_OK;
	return cmd_fail("%s %s and %s %s name different repositories: give one", first_option,
		cmd_global_repo, option, dir);
}

static int run(int argc, char **argv)
{
	int i = 1, rc;
	size_t k;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--version")) {
			printf("resdiff %s (libgit2 %s)\n", RESDIFF_VERSION, LIBGIT2_VERSION);
			return CMD_EXIT_OK;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return CMD_EXIT_OK;
		} else if (!strcmp(argv[i], "--man-pages") && i + 1 < argc) {
			return cmd_man_pages(argv[i + 1]);
		} else if ((!strcmp(argv[i], "-C") || !strcmp(argv[i], "--repo")) && i + 1 < argc) {
			if ((rc = set_global_repo(argv[i], argv[i + 1])) != CMD_EXIT_OK)
				return rc;
			i += 2;
		} else if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--repo")) {
			fprintf(stderr, "resdiff: %s needs a directory\n", argv[i]);
			return CMD_EXIT_ERROR;
		} else if (!strncmp(argv[i], "--repo=", 7)) {
			if ((rc = set_global_repo("--repo", argv[i] + 7)) != CMD_EXIT_OK)
				return rc;
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
	for (k = 0; cmd_commands[k].name; k++)
		if (!strcmp(cmd_commands[k].name, argv[i]))
			return cmd_commands[k].fn(argc - i, argv + i);
	return cmd_fail("'%s' is not a resdiff command. See 'resdiff --help'.", argv[i]);
}

int main(int argc, char **argv)
{
	int rc;
	cmd_startup_begin(argc, argv);
	rc = run(argc, argv);
	cmd_startup_end();
	return cmd_stdout_close(rc);
}
