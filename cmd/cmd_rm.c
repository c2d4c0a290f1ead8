/* cmd_rm.c: resdiff rm [--lang LANG] SYMBOL */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt rm_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "the document's language when it is stored in several" },
	{ "no-index", 0, OPT_FLAG, NULL, "do not update the clause index (blame computes it when needed)" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_rm(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf line = RESDIFF_BUF_INIT;
	char *symbol = NULL, *lang = NULL, commit[41];
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, rm_opts, argc, argv, "resdiff rm [--lang LANG] SYMBOL",
		"Withdraw a document imported by mistake: a record commit removes it (its\n"
		"history stays in the record: 'git log record' and 'resdiff show SYMBOL@~1'\n"
		"read it), its series history is rebuilt without it and its symbol ref goes.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs != 1) {
		rc = cmd_fail("rm takes one SYMBOL (see 'resdiff rm --help')");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_store_resolve(&symbol, &lang, store, args.args[0], cmd_arg(&args, rm_opts, "lang"),
			NULL) < 0 ||
	    resdiff_store_withdraw(store, symbol, lang, commit) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (resdiff_buf_puts(&line, "withdrawn ") < 0 ||
	    resdiff_text_sanitize(&line, symbol, strlen(symbol), false) < 0 ||
	    resdiff_buf_printf(&line, " (%s)  %.12s\n", lang, commit) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if ((rc = cmd_write(&line)) != CMD_EXIT_OK)
		goto done;
	if (!cmd_flag(&args, rm_opts, "no-index") && resdiff_index_update(NULL, store) < 0) {
		resdiff_buf_clear(&line);
		if (resdiff_buf_printf(&line, "warning: the clause index was not updated (blame computes "
				"it when needed): %s", resdiff_error_last()) == 0)
			cmd_message(line.ptr);
	}
done:
	free(symbol);
	free(lang);
	resdiff_buf_dispose(&line);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
