/* cmd_install_diff_driver.c: resdiff install-diff-driver [--repo DIR] */
#include "cmd.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cmd_opt install_opts[] = {
	{ "repo", 0, OPT_VALUE, "DIR", "the git repository (default: -C DIR, else the current one)" },
	{ "command", 0, OPT_VALUE, "CMD", "the textconv command (default: this resdiff, by absolute path, and 'textconv')" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_install_diff_driver(int argc, char **argv)
{
	cmd_args args;
	resdiff_buf out = RESDIFF_BUF_INIT, command = RESDIFF_BUF_INIT;
	const char *repo, *cmdopt;
	char self[PATH_MAX];
	ssize_t n;
	int rc, r;

	r = cmd_args_parse(&args, install_opts, argc, argv,
		"resdiff install-diff-driver [--repo DIR] [--command CMD]",
		"Set up a git repository so that git diff and git log -p show *.txt texts and\n"
		"*.pdf files paragraph by paragraph: diff.resdiff.textconv in the repository's\n"
		"config, '*.txt diff=resdiff' and '*.pdf diff=resdiff' in its .gitattributes\n"
		"(info/attributes when bare).");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	repo = cmd_arg(&args, install_opts, "repo");
	cmdopt = cmd_arg(&args, install_opts, "command");
	if (!repo)
		repo = cmd_global_repo;
	if (args.nargs) {
		rc = cmd_fail("install-diff-driver takes no arguments");
		goto done;
	}
	if (cmdopt) {
		r = resdiff_buf_puts(&command, cmdopt);
	} else {
		if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0) {
			rc = cmd_fail("cannot find this program's path; give --command");
			goto done;
		}
		self[n] = '\0';
		/* git runs the command through the shell: quote the path */
		if (strchr(self, '\'')) {
			rc = cmd_fail("the path of this program has a quote; give --command");
			goto done;
		}
		r = resdiff_buf_printf(&command, "'%s' textconv", self);
	}
	if (r < 0 || resdiff_diff_driver_install(&out, repo, command.ptr) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&out);
done:
	resdiff_buf_dispose(&command);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
