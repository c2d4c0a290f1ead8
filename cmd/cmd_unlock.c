/* cmd_unlock.c: resdiff unlock */
#include "cmd.h"

static const cmd_opt unlock_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_unlock(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf report = RESDIFF_BUF_INIT;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, unlock_opts, argc, argv, "resdiff unlock",
		"Remove lock files a crashed or killed git process left in the repository\n"
		"(git's *.lock files under refs/, packed-refs.lock, HEAD.lock, config.lock),\n"
		"after waiting for any resdiff writer at work. resdiff's own writer lock is\n"
		"a kernel lock: it goes with its process and never needs removing. Objects\n"
		"and refs are untouched.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs) {
		rc = cmd_fail("unlock takes no arguments");
		goto done;
	}
	if (resdiff_store_open(&store, cmd_global_repo) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (resdiff_store_unlock(&report, store) < 0) {
		cmd_write(&report);
		rc = cmd_fail_last();
		goto done;
	}
	if (!report.size)
		resdiff_buf_puts(&report, "no lock files\n");
	rc = cmd_write(&report);
done:
	resdiff_buf_dispose(&report);
	resdiff_store_free(store);
	cmd_args_dispose(&args);
	return rc;
}
