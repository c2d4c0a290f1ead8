/* cmd_parse.c: resdiff parse FILE... */
#include "cmd.h"
#include "resdiff/lang.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt parse_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "lang", 0, OPT_VALUE, "LANG", "the input language (ar, zh, en, fr, ru, es); default: detect" },
	{ "manifest", 0, OPT_VALUE, "FILE", "apply a corpus manifest; without FILE arguments parse all its documents" },
	{ "quiet", 'q', OPT_FLAG, NULL, "do not print the parser's warnings on standard error" },
	{ "verbose", 'v', OPT_FLAG, NULL, "print the parser's notes on standard error too" },
	{ NULL, 0, 0, NULL, NULL }
};

/* Parse and render one file; its diagnostics go to stderr at `diag`. */
static int parse_one(resdiff_buf *out, const char *path, const cmd_format *format,
		const char *lang, const resdiff_manifest_entry *entry, cmd_diag_level diag)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	char *text = NULL;
	size_t len;
	int error;

	popts.language = lang ? lang : entry ? entry->language : NULL;
	popts.source = pdf.source = cmd_input_name(path);
	if ((error = resdiff_file_read(&text, &len, path)) < 0 ||
	    (error = resdiff_pdf_convert(&text, &len, &pdf)) < 0)
		goto done;
	if (!format->render.doc) {
		/* --format=extracted: the text the parser would read */
		error = resdiff_text_sanitize(out, text, len, true);
		goto done;
	}
	if ((error = resdiff_akn_detect(text, len) ? resdiff_akn_parse(&doc, text, len, &popts) :
			resdiff_parse(&doc, text, len, &popts)) < 0)
		goto done;
	if (entry && (error = resdiff_manifest_apply(doc, entry)) < 0)
		goto done;
	if ((error = format->render.doc(out, doc, path, NULL)) < 0)
		goto done;
	if ((error = cmd_diagnostics_print(doc, path, entry, diag)) < 0)
		goto done;
	/* a language (or date) given that the text contradicts: parsed as
	 * told, but said, since import refuses it (docs/LANGUAGES.md); another
	 * script is one of the parser's diagnostics already */
	if (diag != CMD_DIAG_QUIET && (lang || entry) &&
	    !(doc->text_script && doc->meta.language &&
	      resdiff_lang_get(doc->meta.language)->code[0] &&
	      strcmp(doc->text_script, resdiff_lang_get(doc->meta.language)->script->name))) {
		cmd_input_warn_language(doc, path, "'resdiff import' refuses it without --force");
	}
done:
	resdiff_doc_free(doc);
	free(text);
	return error;
}

int cmd_parse(int argc, char **argv)
{
	cmd_args args;
	resdiff_manifest *manifest = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *lang, *mpath;
	cmd_diag_level diag;
	int rc = CMD_EXIT_OK, failed = CMD_EXIT_OK, i, r;

	r = cmd_args_parse(&args, parse_opts, argc, argv,
		"resdiff parse [--format=FORMAT] [--lang=LANG] [--manifest=FILE] [-q | -v] FILE...",
		"Parse UN resolutions and reports into paragraphs. '-' reads standard input.\n"
		"A PDF (FILE.pdf or %PDF- content) is read through its layout first.\n"
		"The parser's warnings go to standard error as FILE:LINE: diagnostic: message\n"
		"(those a manifest's accept lines name stay hidden; at most 100 a file:\n"
		"'resdiff check FILE' lists them all).\n"
		"Exit status: 0, or 2 on errors; a FILE that cannot be read or parsed is\n"
		"named on standard error and the others are still parsed.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	lang = cmd_arg(&args, parse_opts, "lang");
	mpath = cmd_arg(&args, parse_opts, "manifest");
	diag = cmd_flag(&args, parse_opts, "quiet") ? CMD_DIAG_QUIET :
		cmd_flag(&args, parse_opts, "verbose") ? CMD_DIAG_NOTES : CMD_DIAG_WARNINGS;
	if ((rc = cmd_format_find(&format, "parse", cmd_arg(&args, parse_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (mpath && resdiff_manifest_load(&manifest, mpath) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (args.nargs == 0 && !manifest) {
		rc = cmd_fail("no input files (see 'resdiff parse --help')");
		goto done;
	}
	if (args.nargs == 0 && !manifest->count) {
		rc = cmd_fail("%s: no [document \"NAME\"] section: no input files (docs/MANIFEST.md)",
			mpath);
		goto done;
	}
	/* a file that does not parse is named on standard error and the
	 * others are still parsed (exit 2 at the end); a failed write stops */
	if (args.nargs == 0) {
		for (i = 0; i < (int)manifest->count && rc == CMD_EXIT_OK; i++) {
			resdiff_buf_clear(&out);
			if (parse_one(&out, manifest->entries[i].path, format, lang,
					&manifest->entries[i], diag) < 0)
				failed = cmd_fail_last();
			else
				rc = cmd_write(&out);
		}
	}
	for (i = 0; i < args.nargs && rc == CMD_EXIT_OK; i++) {
		const resdiff_manifest_entry *entry = NULL;
		size_t k;
		for (k = 0; manifest && k < manifest->count; k++)
			if (!strcmp(manifest->entries[k].path, args.args[i]))
				entry = &manifest->entries[k];
		resdiff_buf_clear(&out);
		if (parse_one(&out, args.args[i], format, lang, entry, diag) < 0)
			failed = cmd_fail_last();
		else
			rc = cmd_write(&out);
	}
	if (rc == CMD_EXIT_OK)
		rc = failed;
done:
	resdiff_buf_dispose(&out);
	resdiff_manifest_free(manifest);
	cmd_args_dispose(&args);
	return rc;
}
