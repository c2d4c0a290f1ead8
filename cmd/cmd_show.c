/* cmd_show.c: resdiff show SYMBOL[@REV] [--lang LANG] [--format=FORMAT] */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt show_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "language of the document (when several are stored)" },
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_show(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_doc *doc = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT, source = RESDIFF_BUF_INIT;
	char *query = NULL, *rev = NULL, *at, *symbol = NULL, *lang = NULL;
	char sha[65];
	const cmd_format *format;
	int rc = CMD_EXIT_OK, r, error;

	r = cmd_args_parse(&args, show_opts, argc, argv,
		"resdiff show [--lang LANG] [--format=FORMAT] SYMBOL[@REV]",
		"Show a stored document. SYMBOL may be shortened when unambiguous (2009/7,\n"
		"65/141); @REV is a revision of the record (a commit id, record~2, or ~2).");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_format_find(&format, "show", cmd_arg(&args, show_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (args.nargs != 1) {
		rc = cmd_fail("show takes one SYMBOL[@REV] (see 'resdiff show --help')");
		goto done;
	}
	if (!(query = strdup(args.args[0]))) {
		rc = cmd_fail("out of memory");
		goto done;
	}
	if ((at = strrchr(query, '@'))) {
		*at = '\0';
		rev = at + 1;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	cmd_conflicts_note(store);
	if (resdiff_store_resolve(&symbol, &lang, store, query, cmd_arg(&args, show_opts, "lang"),
			rev) < 0 ||
	    resdiff_store_read(&doc, sha, store, symbol, lang, rev) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if ((error = resdiff_buf_printf(&source, "%s@%s", symbol, rev ? rev : "record")) == 0)
		error = format->render.doc(&out, doc, source.ptr, sha);
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	free(query);
	free(symbol);
	free(lang);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&out);
	resdiff_buf_dispose(&source);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
