/* cmd_resolve.c: resdiff resolve SYMBOL --take=ours|theirs|FILE */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cmd_opt resolve_opts[] = {
	{ "take", 0, OPT_VALUE, "ours|theirs|FILE", "the text that stays: this copy's, the other side's, or FILE parsed" },
	{ "lang", 0, OPT_VALUE, "LANG", "the document's language when it is stored in several" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_resolve(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf line = RESDIFF_BUF_INIT;
	resdiff_doc *doc = NULL;
	resdiff_settle how = RESDIFF_SETTLE_TEXT;
	char *symbol = NULL, *lang = NULL, *text = NULL, commit[41];
	const char *take;
	size_t len;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, resolve_opts, argc, argv,
		"resdiff resolve SYMBOL --take=ours|theirs|FILE [--lang LANG]",
		"Settle a conflict a pull kept (both sides changed the same document in the\n"
		"same language differently, or one withdrew it; 'resdiff log' lists them):\n"
		"one record commit keeps this copy's text, the other side's, or the text of\n"
		"FILE ('ours' and 'theirs' may be a withdrawal).");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	take = cmd_arg(&args, resolve_opts, "take");
	if (args.nargs != 1 || !take || !take[0]) {
		rc = cmd_fail("resolve takes one SYMBOL and --take=ours|theirs|FILE (see 'resdiff resolve --help')");
		goto done;
	}
	if (!strcmp(take, "ours"))
		how = RESDIFF_SETTLE_OURS;
	else if (!strcmp(take, "theirs"))
		how = RESDIFF_SETTLE_THEIRS;
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	/* the conflicts first: a document this copy withdrew is stored in
	 * no tree but theirs; else the stored documents, whose error says more
	 * (no such document, or it has no conflict) */
	r = resdiff_remote_conflict_find(&symbol, &lang, store, args.args[0],
		cmd_arg(&args, resolve_opts, "lang"));
	if (r == RESDIFF_ENOTFOUND) {
		resdiff_error_clear();
		r = resdiff_store_resolve(&symbol, &lang, store, args.args[0],
			cmd_arg(&args, resolve_opts, "lang"), NULL);
	}
	if (r < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (how == RESDIFF_SETTLE_TEXT && access(take, F_OK) != 0) {
		rc = cmd_fail("--take=%s: no such file; --take is 'ours', 'theirs' or the file "
			"of the text to keep", take);
		goto done;
	}
	if (how == RESDIFF_SETTLE_TEXT) {
		resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
		popts.language = lang;
		popts.source = take;
		if (resdiff_file_read(&text, &len, take) < 0 || resdiff_parse(&doc, text, len, &popts) < 0) {
			rc = cmd_fail_last();
			goto done;
		}
		/* as import refuses without --force: a text that names itself
		 * otherwise is the wrong file, not a resolution */
		if (doc->meta.symbol && strcmp(doc->meta.symbol, symbol)) {
			rc = cmd_fail("%s: the text names itself %s, not %s (the document in conflict): "
				"give a text of %s, or --take=ours|theirs", take, doc->meta.symbol, symbol,
				symbol);
			goto done;
		}
		if (resdiff_doc_set_meta(doc, &doc->meta.symbol, symbol) < 0 ||
		    resdiff_doc_set_meta(doc, &doc->meta.language, lang) < 0 ||
		    resdiff_store_inherit_meta(store, doc) < 0) {
			rc = cmd_fail_last();
			goto done;
		}
	}
	if (resdiff_remote_resolve(commit, store, symbol, lang, how, doc) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (resdiff_buf_puts(&line, "resolved ") < 0 ||
	    resdiff_text_sanitize(&line, symbol, strlen(symbol), false) < 0 ||
	    resdiff_buf_printf(&line, " (%s)  %.12s\n", lang, commit) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if ((rc = cmd_write(&line)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_index_update(NULL, store) < 0)
		cmd_message("warning: the clause index was not updated (blame computes it when needed)");
done:
	free(symbol);
	free(lang);
	free(text);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&line);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
