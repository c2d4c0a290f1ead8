/* cmd_drafts.c: resdiff drafts SYMBOL [--lang LANG] (docs/DRAFTS.md) */
#include "cmd.h"

#include <string.h>

static const cmd_opt drafts_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "the chain in this language (needed when several have drafts)" },
	{ NULL, 0, 0, NULL, NULL }
};

static const char *role_name(resdiff_chain_role role)
{
	return role == RESDIFF_CHAIN_DRAFT ? "draft" : role == RESDIFF_CHAIN_REVISION ? "revision" :
		"adopted";
}

/* One line a member: role, symbol, and whether the store holds it. */
int cmd_drafts_print(resdiff_buf *out, const resdiff_draft_chain *c)
{
	size_t i, stored = 0;
	int error;

	for (i = 0; i < c->count; i++)
		stored += c->members[i].stored;
	if ((error = resdiff_text_sanitize(out, c->resolution, strlen(c->resolution), false)) < 0 ||
	    (error = resdiff_buf_printf(out, " (%s): %zu in the chain, %zu stored\n", c->language,
			c->count, stored)) < 0)
		return error;
	for (i = 0; i < c->count && !error; i++) {
		const resdiff_chain_member *m = &c->members[i];
		if ((error = resdiff_buf_printf(out, "  %-9s ", role_name(m->role))) < 0 ||
		    (error = resdiff_text_sanitize(out, m->symbol, strlen(m->symbol), false)) < 0)
			break;
		error = resdiff_buf_puts(out, m->stored ? "\n" : "  (not stored)\n");
	}
	return error;
}

int cmd_drafts(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_draft_chain *chain = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *lang;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, drafts_opts, argc, argv, "resdiff drafts [--lang LANG] SYMBOL",
		"The chain from drafts to an adopted resolution: every stored draft whose\n"
		"draft-of names it, the revisions of each (A/80/L.2/Rev.1 follows A/80/L.2),\n"
		"then the resolution. SYMBOL is any member, or the resolution before it is\n"
		"stored. A revision missing between stored ones is listed as not stored.\n"
		"'resdiff diff --chain SYMBOL' shows the changes along the chain.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	lang = cmd_arg(&args, drafts_opts, "lang");
	if (args.nargs != 1) {
		rc = cmd_fail("drafts takes one symbol (see 'resdiff drafts --help')");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_store_draft_chain(&chain, store, args.args[0], lang) < 0 ||
	    cmd_drafts_print(&out, chain) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&out);
done:
	resdiff_draft_chain_free(chain);
	resdiff_buf_dispose(&out);
	resdiff_store_free(store);
	cmd_args_dispose(&args);
	return rc;
}
