/* cmd_index.c: resdiff index, bring the clause index up to date. */
#include "cmd.h"

static const cmd_opt index_opts[] = {
	{ "full", 0, OPT_FLAG, NULL, "compute every document again (an index that disagrees with the record)" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_index(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_index_status st;
	int rc, r;

	r = cmd_args_parse(&args, index_opts, argc, argv, "resdiff index [--full]",
		"Bring the clause index (refs/heads/resdiff/index, docs/PROVENANCE.md) up to date\n"
		"with the record. import does this after storing; blame and trace never\n"
		"write: on a stale or lost index they compute what they need in memory.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs) {
		rc = cmd_fail("index takes no arguments");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if ((cmd_flag(&args, index_opts, "full") ? resdiff_index_rebuild(&st, store)
	                                        : resdiff_index_update(&st, store)) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (!st.written && st.commit[0])
		printf("index up to date: %.12s\n", st.commit);
	else if (!st.commit[0])
		printf("the record is empty: nothing to index\n");
	else
		printf("index %.12s: %zu documents, %zu computed, %zu reused%s%s%s\n", st.commit,
			st.documents, st.computed, st.reused,
			st.untrusted ? "; the stored index " : "", st.untrusted ? st.untrusted : "",
			st.untrusted ? " (kept as the new one's parent)" : "");
done:
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
