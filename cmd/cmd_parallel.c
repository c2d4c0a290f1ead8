/* cmd_parallel.c: resdiff parallel A B [C ...]: the language versions of
 * one document side by side, their disagreements flagged. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const cmd_opt parallel_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "langs", 0, OPT_VALUE, "LIST", "languages of a stored SYMBOL, comma-separated (en,fr,es,ru,ar,zh); default: every language stored" },
	{ "width", 0, OPT_VALUE, "N", "text: columns side by side for a terminal N cells wide (0: one block per row); default: the terminal's" },
	{ "flagged", 0, OPT_FLAG, NULL, "show only the rows with a flag" },
	{ "exit-code", 0, OPT_FLAG, NULL, "exit 1 when a row is flagged, 0 when none" },
	{ NULL, 0, 0, NULL, NULL }
};

static const char parallel_usage[] =
	"resdiff parallel [--format=FORMAT] [--langs=LIST] [--flagged] [--exit-code] A B [C ...]";
static const char parallel_description[] =
	"Put the language versions of one document side by side, one column per\n"
	"language, and flag the rows where they disagree: missing (no counterpart in\n"
	"some language), numbers (digits, dates or document symbols differ), length\n"
	"(a length ratio far outside the pair's), kind (different unit kinds), split\n"
	"(one paragraph is several in some language), list (lists of different\n"
	"lengths inside the paragraphs); the documents' adoption dates and symbols\n"
	"must agree too. Each flag comes with its reason: the\n"
	"language that disagrees and how. Each argument is a file (parsed) or a\n"
	"stored SYMBOL[@REV], read in each language of --langs. Exit status 0, or 1\n"
	"with --exit-code when a row is flagged; 2 on errors.";

/* The inputs, in argument order: a document and where it came from. */
typedef struct {
	resdiff_doc *docs[RESDIFF_PARALLEL_MAX_DOCS];
	char *sources[RESDIFF_PARALLEL_MAX_DOCS];
	size_t count;
	resdiff_store *store;
} inputs;

static int input_add(inputs *in, resdiff_doc *doc, const char *source)
{
	if (in->count == RESDIFF_PARALLEL_MAX_DOCS) {
		resdiff_doc_free(doc);
		return resdiff_error_set(RESDIFF_EINVALID, "at most %d documents side by side",
			RESDIFF_PARALLEL_MAX_DOCS);
	}
	in->docs[in->count] = doc;
	if (!(in->sources[in->count++] = strdup(source)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	return 0;
}

static int load_file(inputs *in, const char *path)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	char *text = NULL;
	size_t len;
	int error;

	popts.source = pdf.source = path;
	if ((error = resdiff_file_read(&text, &len, path)) == 0 &&
	    (error = resdiff_pdf_convert(&text, &len, &pdf)) == 0 &&
	    (error = resdiff_parse(&doc, text, len, &popts)) == 0)
		error = input_add(in, doc, path);
	free(text);
	return error;
}

/* One stored language version: SYMBOL (forgiving) at rev in `lang`.
 * Returns 1 when the symbol is not stored in that language and `quiet`. */
static int load_stored_one(inputs *in, const char *query, const char *rev, const char *lang, bool quiet)
{
	resdiff_doc *doc = NULL;
	resdiff_buf source = RESDIFF_BUF_INIT;
	char *symbol = NULL, *language = NULL;
	int error;

	if ((error = resdiff_store_resolve(&symbol, &language, in->store, query, lang, rev)) < 0) {
		if (quiet && error == RESDIFF_ENOTFOUND)
			error = 1;
		goto done;
	}
	if ((error = resdiff_store_read(&doc, NULL, in->store, symbol, language, rev)) < 0 ||
	    (error = resdiff_buf_printf(&source, "%s (%s)%s%s", symbol, language, rev ? "@" : "",
			rev ? rev : "")) < 0)
		goto done;
	error = input_add(in, doc, source.ptr);
	doc = NULL;
done:
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&source);
	free(symbol);
	free(language);
	return error;
}

/* SYMBOL[@REV] in each language of `langs` ("en,fr"), or in every
 * language of the table that stores it. */
static int load_stored(inputs *in, const char *arg, const char *langs)
{
	char *query = strdup(arg), *at, *list = NULL, *lang, *save = NULL;
	const char *rev = NULL;
	size_t i, before = in->count;
	int error = 0;

	if (!query)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if ((at = strrchr(query, '@'))) {
		*at = '\0';
		rev = at[1] ? at + 1 : NULL;
	}
	if (!in->store && cmd_store_open(&in->store) != CMD_EXIT_OK) {
		error = RESDIFF_ERROR;   /* cmd_store_open printed why */
		goto done;
	}
	if (langs) {
		if (!(list = strdup(langs))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		for (lang = strtok_r(list, ",", &save); lang && error >= 0; lang = strtok_r(NULL, ",", &save))
			error = load_stored_one(in, query, rev, lang, false);
	} else {
		for (i = 0; i < resdiff_lang_count() && error >= 0; i++)
			error = load_stored_one(in, query, rev, resdiff_lang_at(i)->code, true);
		if (error >= 0 && in->count == before)
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "'%s' is not stored in any language", arg);
	}
done:
	free(query);
	free(list);
	return error < 0 ? error : 0;
}

/* The width of the terminal on standard output, or 0. */
static size_t terminal_width(void)
{
	struct winsize ws;
	const char *term = getenv("TERM");
	if (!isatty(STDOUT_FILENO) || (term && !strcmp(term, "dumb")))
		return 0;
	return ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

int cmd_parallel(int argc, char **argv)
{
	cmd_args args;
	inputs in;
	resdiff_parallel *p = NULL;
	resdiff_parallel_render_options ropts;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *langs, *width;
	size_t i;
	struct stat sb;
	int rc = CMD_EXIT_OK, r, error;

	memset(&in, 0, sizeof(in));
	memset(&ropts, 0, sizeof(ropts));
	r = cmd_args_parse(&args, parallel_opts, argc, argv, parallel_usage, parallel_description);
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_format_find(&format, "parallel", cmd_arg(&args, parallel_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	langs = cmd_arg(&args, parallel_opts, "langs");
	if ((width = cmd_arg(&args, parallel_opts, "width"))) {
		char *end;
		unsigned long w = strtoul(width, &end, 10);
		if (end == width || *end || w > 100000) {
			rc = cmd_fail("--width wants a number of terminal cells, not '%s'", width);
			goto done;
		}
		ropts.width = (size_t)w;
	} else {
		ropts.width = terminal_width();
	}
	if (args.nargs < 1) {
		rc = cmd_fail("parallel wants two or more files, or a stored SYMBOL (see 'resdiff parallel --help')");
		goto done;
	}
	for (i = 0; i < (size_t)args.nargs; i++) {
		const char *arg = args.args[i];
		char symbol[RESDIFF_SYMBOL_MAX + 1];
		const char *at = strrchr(arg, '@');
		size_t n = at ? (size_t)(at - arg) : strlen(arg);
		bool stored = false;
		/* what is not a file and is a symbol by the grammar every
		 * command shares (resdiff/name.h) is a stored document */
		if (stat(arg, &sb) < 0 && n <= RESDIFF_SYMBOL_MAX &&
		    !(n > 4 && !strcmp(arg + n - 4, ".txt"))) {
			memcpy(symbol, arg, n);
			symbol[n] = '\0';
			stored = resdiff_name_symbol_check(symbol) == 0;
		}
		error = stored ? load_stored(&in, arg, langs) : load_file(&in, arg);
		if (error < 0) {
			rc = in.store || !stored ? cmd_fail_last() : CMD_EXIT_ERROR;
			goto done;
		}
	}
	if (langs && !in.store) {
		rc = cmd_fail("--langs names the languages of a stored SYMBOL; the files are read in their own");
		goto done;
	}
	if (in.count < 2) {
		rc = cmd_fail("parallel needs two or more language versions, found %zu", in.count);
		goto done;
	}
	if (resdiff_parallel_align(&p, (const resdiff_doc *const *)in.docs, in.count) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	ropts.sources = (const char *const *)in.sources;
	ropts.flagged_only = cmd_flag(&args, parallel_opts, "flagged");
	if (format->render.parallel(&out, p, &ropts) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&out);
	if (rc == CMD_EXIT_OK && cmd_flag(&args, parallel_opts, "exit-code") &&
	    (p->flagged || p->meta_flags))
		rc = CMD_EXIT_CHANGES;
done:
	resdiff_parallel_free(p);
	for (i = 0; i < in.count; i++) {
		resdiff_doc_free(in.docs[i]);
		free(in.sources[i]);
	}
	if (in.store)
		cmd_store_close(in.store);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
