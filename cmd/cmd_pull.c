/* cmd_pull.c: resdiff pull [REMOTE] */
#include "cmd.h"

static const cmd_opt pull_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_pull(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf report = RESDIFF_BUF_INIT;
	resdiff_pull_result res;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, pull_opts, argc, argv, "resdiff pull [REMOTE]",
		"Fetch what REMOTE (default 'origin') imported and bring it together with\n"
		"this copy's record: a fast-forward when one has all of the other, else a\n"
		"merge commit holding every version from both sides. A document both sides\n"
		"changed differently keeps both texts: the pull says so and exits 1 (as\n"
		"long as a conflict is unresolved), and 'resdiff resolve' settles it. Views and clause index are rebuilt. A fetch\n"
		"that fails (a server gone mid-transfer) changes nothing.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	cmd_tls_enable();  /* an https remote needs the CA certificates */
	if (args.nargs > 1) {
		rc = cmd_fail("pull takes at most one remote");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_remote_pull(&res, &report, store, args.nargs ? args.args[0] : NULL) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if ((rc = cmd_write(&report)) != CMD_EXIT_OK)
		goto done;
	/* the conflicts this pull kept, and those an earlier one kept and no
	 * resolve settled yet: "already up to date" with exit 0 would read as
	 * ready to push */
	resdiff_buf_clear(&report);
	if (resdiff_remote_conflicts(&report, store) == 0 && report.size) {
		cmd_conflicts_print(report.ptr);
		rc = CMD_EXIT_CHANGES;
	}
done:
	resdiff_buf_dispose(&report);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
