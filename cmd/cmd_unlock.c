/* cmd_unlock.c: resdiff unlock [--force] */
#include "cmd.h"

static const cmd_opt unlock_opts[] = {
	{ "force", 'f', OPT_FLAG, NULL, "also remove a resdiff.lock whose process still runs" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_unlock(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf report = RESDIFF_BUF_INIT;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, unlock_opts, argc, argv, "resdiff unlock [--force]",
		"Remove lock files left behind by a crashed or killed resdiff or git process:\n"
		"resdiff.lock (when its process is gone) and git's *.lock files under refs/.\n"
		"Objects and refs are untouched; the next import repairs lagging series views.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (resdiff_store_open(&store, cmd_global_repo) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (resdiff_store_unlock(&report, store, cmd_flag(&args, unlock_opts, "force")) < 0) {
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
