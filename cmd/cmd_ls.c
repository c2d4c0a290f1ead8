/* cmd_ls.c: resdiff ls [--lang LANG] [--format=FORMAT] */
#include "cmd.h"

static const cmd_opt ls_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "only this language" },
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_ls(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_store_listing *list = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *fmt;
	const char *lang;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, ls_opts, argc, argv, "resdiff ls [--lang LANG] [--format=FORMAT]",
		"Every document stored at the record's tip, in a series or not: symbol,\n"
		"language, adoption date, series (or \"draft of SYMBOL\", or \"-\" for a text in\n"
		"no series, such as a report), title. 'resdiff log' shows the series only.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	lang = cmd_arg(&args, ls_opts, "lang");
	if (args.nargs) {
		rc = cmd_fail("ls takes no arguments (did you mean 'resdiff show %s'?)", args.args[0]);
		goto done;
	}
	if (lang && !resdiff_name_language_ok(lang)) {
		rc = cmd_fail("invalid language code '%s'", lang);
		goto done;
	}
	if ((rc = cmd_format_find(&fmt, "ls", cmd_arg(&args, ls_opts, "format"))) != CMD_EXIT_OK ||
	    (rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	cmd_conflicts_note(store);
	if (resdiff_store_list(&list, store, lang) < 0 || fmt->render.listing(&out, list) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (!list->count)
		cmd_nothing_note(store, "document", lang);
	rc = cmd_write(&out);
done:
	resdiff_buf_dispose(&out);
	resdiff_store_listing_free(list);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
