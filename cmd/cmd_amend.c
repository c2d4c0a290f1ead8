/* cmd_amend.c: resdiff amend DRAFT AMENDMENTS: tabled amendments applied
 * to a draft (resdiff/amend.h). */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt amend_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "diff", 0, OPT_FLAG, NULL, "print the diff of draft -> amended text; --format is then one of diff's" },
	{ "lang", 0, OPT_VALUE, "LANG", "the draft's language (ar, zh, en, fr, ru, es); default: detect" },
	{ "amend-lang", 0, OPT_VALUE, "LANG", "the amendments' language: ar, en, es, fr, ru or zh; default: the one that reads most" },
	{ "strict", 0, OPT_FLAG, NULL, "print nothing when any amendment does not apply" },
	{ "quiet", 'q', OPT_FLAG, NULL, "do not list the amendments that did not apply" },
	{ NULL, 0, 0, NULL, NULL }
};

/* "resdiff: amendment 3 (amendments.txt:7) not applied: ..." per amendment
 * that did not apply, on standard error. */
static void report_outcomes(const resdiff_amend_result *result, const char *source)
{
	resdiff_buf msg = RESDIFF_BUF_INIT;
	size_t i;

	for (i = 0; i < result->count; i++) {
		const resdiff_amend_outcome *o = &result->outcomes[i];
		if (o->status == RESDIFF_AMEND_APPLIED)
			continue;
		resdiff_buf_clear(&msg);
		if (resdiff_buf_printf(&msg, "amendment %zu (%s:%zu) not applied (%s): %s",
				o->amendment->number, source, o->amendment->line,
				resdiff_amend_status_name(o->status), o->reason ? o->reason : "") < 0)
			break;
		cmd_message(msg.ptr);
	}
	resdiff_buf_dispose(&msg);
}

int cmd_amend(int argc, char **argv)
{
	cmd_args args;
	cmd_input input = CMD_INPUT_INIT;
	resdiff_amend_read_options ropts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *amendments = NULL;
	resdiff_amend_result *result = NULL;
	resdiff_diff *diff = NULL;
	resdiff_doc *draft = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *lang, *amend_lang, *draft_arg, *amend_arg;
	char *text = NULL;
	size_t len;
	bool as_diff;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, amend_opts, argc, argv,
		"resdiff amend [--format=FORMAT] [--diff] [--strict] [-q] [--lang=LANG] [--amend-lang=LANG] DRAFT AMENDMENTS",
		"Apply amendments tabled to a draft and print the amended text, or with --diff\n"
		"the clause-level diff of draft -> amended text in any format of 'resdiff diff'.\n"
		"DRAFT is a file or a stored document (as for 'resdiff diff'); AMENDMENTS is a\n"
		"text file ('-' is standard input) in the wording of 'resdiff diff\n"
		"--format=amendments' or the usual UN phrasings, in any of the six languages\n"
		"(docs/AMEND.md). Every number cites the draft as tabled. An amendment that\n"
		"cannot apply (words not found or found twice, no such paragraph, two\n"
		"amendments touching the same words) is listed with its number and line on\n"
		"standard error and not applied; the others are.\n"
		"Exit status: 0 when all applied, 1 when any did not, 2 on errors (nothing printed),\n"
		"among them an AMENDMENTS file that is empty or in which nothing reads as an amendment.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	as_diff = cmd_flag(&args, amend_opts, "diff");
	lang = cmd_arg(&args, amend_opts, "lang");
	amend_lang = cmd_arg(&args, amend_opts, "amend-lang");
	if ((rc = cmd_format_find(&format, as_diff ? "diff" : "amend",
			cmd_arg(&args, amend_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (args.nargs != 2) {
		rc = cmd_fail("amend takes two inputs, DRAFT and AMENDMENTS (see 'resdiff amend --help')");
		goto done;
	}
	draft_arg = args.args[0];
	amend_arg = args.args[1];
	if (!strcmp(draft_arg, "-") && !strcmp(amend_arg, "-")) {
		rc = cmd_fail("standard input ('-') can be only one of DRAFT and AMENDMENTS");
		goto done;
	}
	ropts.language = amend_lang;
	ropts.source = cmd_input_name(amend_arg);
	if (cmd_input_load(&draft, &input, draft_arg, lang, NULL) < 0) {
		rc = cmd_input_fail(&input);
		goto done;
	}
	if (resdiff_file_read(&text, &len, amend_arg) < 0 ||
	    resdiff_amendments_read(&amendments, text, len, &ropts) < 0 ||
	    resdiff_amendments_apply(&result, draft, amendments) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (as_diff) {
		resdiff_diff_render_options dopts;
		memset(&dopts, 0, sizeof(dopts));
		dopts.old_source = draft_arg;
		dopts.new_source = "amended";
		if (resdiff_diff_docs(&diff, draft, result->doc, NULL) < 0 ||
		    format->render.diff(&out, diff, &dopts) < 0) {
			rc = cmd_fail_last();
			goto done;
		}
	} else if (format->render.doc(&out, result->doc, draft_arg, NULL) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (!cmd_flag(&args, amend_opts, "quiet"))
		report_outcomes(result, amend_arg);
	if (result->applied == result->count)
		rc = cmd_write(&out);
	else if (cmd_flag(&args, amend_opts, "strict"))
		rc = CMD_EXIT_CHANGES;
	else if ((rc = cmd_write(&out)) == CMD_EXIT_OK)
		rc = CMD_EXIT_CHANGES;
done:
	resdiff_diff_free(diff);
	resdiff_amend_result_free(result);
	resdiff_amendments_free(amendments);
	resdiff_doc_free(draft);
	free(text);
	resdiff_buf_dispose(&out);
	cmd_input_close(&input);
	cmd_args_dispose(&args);
	return rc;
}
