/* cmd_textconv.c: resdiff textconv FILE, the git diff driver's textconv. */
#include "cmd.h"

#include <stdlib.h>

static const cmd_opt textconv_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "the text's language (default: detect)" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_textconv(int argc, char **argv)
{
	cmd_args args;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	resdiff_buf out = RESDIFF_BUF_INIT;
	char *text = NULL;
	size_t len;
	bool parsed;
	int rc, r;

	r = cmd_args_parse(&args, textconv_opts, argc, argv, "resdiff textconv [--lang LANG] FILE",
		"Print a text in its canonical form, one paragraph per line (the metadata\n"
		"header, the units, the footnotes), for git's diff driver: with\n"
		"'*.txt diff=resdiff' in .gitattributes and diff.resdiff.textconv set (see\n"
		"'resdiff install-diff-driver'), git diff and git log -p show paragraphs.\n"
		"A PDF is read through its layout first (as by 'resdiff parse'); one\n"
		"that cannot be read is an error. A text file that does not parse is\n"
		"printed unchanged.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs != 1) {
		rc = cmd_fail("textconv takes one FILE (see 'resdiff textconv --help')");
		goto done;
	}
	pdf.source = cmd_input_name(args.args[0]);
	if (resdiff_file_read(&text, &len, args.args[0]) < 0 ||
	    resdiff_pdf_convert(&text, &len, &pdf) < 0 ||
	    resdiff_textconv(&out, &parsed, text, len, cmd_arg(&args, textconv_opts, "lang")) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&out);
done:
	free(text);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
