/* cmd_upgrade.c: resdiff upgrade */
#include "cmd.h"

static const cmd_opt upgrade_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_upgrade(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf report = RESDIFF_BUF_INIT;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, upgrade_opts, argc, argv, "resdiff upgrade",
		"Bring a repository written by an older resdiff to this resdiff's storage\n"
		"format (docs/FORMAT.md, \"Versions\"). Older formats are read as they are;\n"
		"writing to them needs this first. Records, views and indexes are kept.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs) {
		rc = cmd_fail("upgrade takes no arguments");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_store_upgrade(&report, store) < 0) {
		cmd_write(&report);
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&report);
done:
	resdiff_buf_dispose(&report);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
