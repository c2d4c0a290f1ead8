/* cmd_push.c: resdiff push [REMOTE] */
#include "cmd.h"

static const cmd_opt push_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_push(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf report = RESDIFF_BUF_INIT;
	int rc = CMD_EXIT_OK, r, error;

	r = cmd_args_parse(&args, push_opts, argc, argv, "resdiff push [REMOTE]",
		"Push the record to REMOTE (default 'origin'), fast-forward only, then the\n"
		"series views, symbol refs and clause index it was built from. When the\n"
		"remote's record has imports this copy lacks, the push is refused (exit 1):\n"
		"run 'resdiff pull', then push again. While conflicts a pull kept are\n"
		"unresolved nothing is pushed (exit 1): 'resdiff resolve' each. Errors exit 2.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	cmd_tls_enable();  /* an https remote needs the CA certificates */
	if (args.nargs > 1) {
		rc = cmd_fail("push takes at most one remote");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if ((error = resdiff_remote_push(&report, store, args.nargs ? args.args[0] : NULL)) < 0) {
		rc = cmd_fail_last();
		if (error == RESDIFF_EMODIFIED)
			rc = CMD_EXIT_CHANGES;  /* refused, as git's: exit 1 */
		else if (error == RESDIFF_ECONFLICT) {
			/* each conflict on its own line, as pull says them */
			resdiff_buf_clear(&report);
			if (resdiff_remote_conflicts(&report, store) == 0)
				cmd_conflicts_print(report.ptr);
			rc = CMD_EXIT_CHANGES;
		}
		goto done;
	}
	rc = cmd_write(&report);
done:
	resdiff_buf_dispose(&report);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
