/* cmd_blame.c: resdiff blame SYMBOL[:ID] and resdiff trace SYMBOL:ID */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt prov_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "lang", 0, OPT_VALUE, "LANG", "the document's language when it is stored in several" },
	{ NULL, 0, 0, NULL, NULL }
};

static const cmd_opt blame_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "lang", 0, OPT_VALUE, "LANG", "the document's language when it is stored in several" },
	{ "drafts", 0, OPT_FLAG, NULL, "also the stored drafts the clause went through: the first "
		"draft that carried it and each step to the adopted text (resdiff drafts)" },
	{ NULL, 0, 0, NULL, NULL }
};

static int run(int argc, char **argv, bool forwards)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_provenance *prov = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *colon;
	char *symbol = NULL;
	int rc = CMD_EXIT_OK, r, error;

	const cmd_opt *opts = forwards ? prov_opts : blame_opts;

	r = cmd_args_parse(&args, opts, argc, argv, forwards ?
		"resdiff trace [--format=FORMAT] [--lang LANG] SYMBOL:ID" :
		"resdiff blame [--format=FORMAT] [--lang LANG] [--drafts] SYMBOL[:ID]",
		forwards ?
		"Where a stored clause went afterwards: every later clause it became, in its\n"
		"series and in others (forks included), with the relation and similarity of\n"
		"each step as 'resdiff diff' gives them. A low-confidence step into another\n"
		"series is listed but not followed: its clause is only 'possibly' a carrier." :
		"Where each clause of a stored document came from (or the one named): its\n"
		"lineage backwards through its series and across series, the earliest\n"
		"resolution that carried it, and each step with its relation and similarity.\n"
		"A low-confidence step from another series is listed but not followed: its\n"
		"clause is only 'possibly' the source, the clause's own series names its origin.\n"
		"With --drafts, also the drafts it went through before adoption.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_format_find(&format, argv[0], cmd_arg(&args, opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (args.nargs != 1) {
		rc = cmd_fail(forwards ? "trace takes one SYMBOL:ID (see 'resdiff trace --help')" :
			"blame takes one SYMBOL[:ID] (see 'resdiff blame --help')");
		goto done;
	}
	/* ids never contain ':' while symbols never end in one */
	colon = strrchr(args.args[0], ':');
	if (!(symbol = colon ? strndup(args.args[0], (size_t)(colon - args.args[0])) : strdup(args.args[0]))) {
		rc = cmd_fail("out of memory");
		goto done;
	}
	if (forwards && !colon) {
		rc = cmd_fail("trace takes SYMBOL:ID (e.g. 2009/7:OP6)");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	cmd_conflicts_note(store);  /* a kept conflict: the answer is of our text */
	error = forwards
		? resdiff_provenance_trace(&prov, store, symbol, cmd_arg(&args, opts, "lang"), colon + 1)
		: resdiff_provenance_blame(&prov, store, symbol, cmd_arg(&args, opts, "lang"),
			colon ? colon + 1 : NULL);
	if (error == 0 && !forwards && cmd_flag(&args, opts, "drafts"))
		error = resdiff_provenance_drafts(prov, store);
	if (error < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (prov->index_in_memory)
		fprintf(stderr, "resdiff: note: the stored clause index %s; computed in memory "
			"('resdiff index%s' stores it)\n",
			prov->index_disagrees ? "disagrees with the record" :
			prov->index_why ? prov->index_why : "is stale, lost or of another format",
			prov->index_disagrees ? " --full" : "");
	error = format->render.provenance(&out, prov);
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_provenance_free(prov);
	cmd_store_close(store);
	resdiff_buf_dispose(&out);
	free(symbol);
	cmd_args_dispose(&args);
	return rc;
}

int cmd_blame(int argc, char **argv)
{
	return run(argc, argv, false);
}

int cmd_trace(int argc, char **argv)
{
	return run(argc, argv, true);
}
