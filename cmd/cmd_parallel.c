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
	{ "langs", 0, OPT_VALUE, "LANG,...", "languages of a stored SYMBOL, comma-separated (en,fr,es,ru,ar,zh); default: every language stored" },
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
	"must agree too. One language given twice, or two symbols, is warned of.\n"
	"Each flag comes with its reason: the\n"
	"language that disagrees and how. Each argument is a file (parsed) or a\n"
	"stored SYMBOL[@REV], read in each language of --langs. Exit status 0, or 1\n"
	"with --exit-code when a row is flagged; 2 on errors.";

/* The inputs, in argument order: a document and where it came from. */
typedef struct {
	resdiff_doc *docs[RESDIFF_PARALLEL_MAX_DOCS];
	char *sources[RESDIFF_PARALLEL_MAX_DOCS];
	size_t count;
	cmd_input input;     /* the seam to files and the repository */
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

/* One stored language version of SYMBOL[@REV] ("A/RES/217A (en)").
 * Returns 1 when the symbol is not stored in that language and `quiet`. */
static int load_stored_one(inputs *in, const char *arg, const char *lang, bool quiet)
{
	resdiff_doc *doc = NULL;
	resdiff_buf source = RESDIFF_BUF_INIT;
	const char *at = strrchr(arg, '@');
	int error;

	if ((error = cmd_input_load(&doc, &in->input, arg, lang, NULL)) < 0)
		return quiet && error == RESDIFF_ENOTFOUND && in->input.store ? 1 : error;
	if ((error = resdiff_buf_printf(&source, "%s (%s)%s", doc->meta.symbol ? doc->meta.symbol : arg,
			doc->meta.language ? doc->meta.language : lang, at ? at : "")) < 0)
		resdiff_doc_free(doc);
	else
		error = input_add(in, doc, source.ptr);
	resdiff_buf_dispose(&source);
	return error;
}

/* SYMBOL[@REV] in each language of `langs` ("en,fr"), or in every
 * language of the table that stores it. */
static int load_stored(inputs *in, const char *arg, const char *langs)
{
	char *list = NULL, *lang, *save = NULL;
	size_t i, before = in->count;
	int error = 0;

	if (langs) {
		if (!(list = strdup(langs)))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		for (lang = strtok_r(list, ",", &save); lang && error >= 0; lang = strtok_r(NULL, ",", &save))
			error = load_stored_one(in, arg, lang, false);
		free(list);
	} else {
		for (i = 0; i < resdiff_lang_count() && error >= 0; i++)
			error = load_stored_one(in, arg, resdiff_lang_at(i)->code, true);
		if (error >= 0 && in->count == before)
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "'%s' is not stored in any language", arg);
	}
	return error < 0 ? error : 0;
}

/* Inputs that are not language versions of one document: one language
 * given twice (two texts of one language are diffed, not set side by
 * side), or two symbols. Warned, not refused: the columns are keyed en,
 * en#2 and the symbols flagged as metadata (docs/PARALLEL.md). */
static void warn_not_versions(const inputs *in)
{
	resdiff_buf w = RESDIFF_BUF_INIT;
	size_t d, e;
	bool langs_warned = false, symbols_warned = false;

	for (d = 0; d < in->count; d++)
		for (e = d + 1; e < in->count; e++) {
			const resdiff_meta *a = &in->docs[d]->meta, *b = &in->docs[e]->meta;
			resdiff_buf_clear(&w);
			if (!langs_warned && a->language && b->language && !strcmp(a->language, b->language)) {
				langs_warned = true;
				if (resdiff_buf_printf(&w, "warning: %s and %s are both in %s: parallel sets the "
						"language versions of a text side by side; 'resdiff diff' compares two "
						"versions of one text", in->sources[d], in->sources[e],
						resdiff_lang_get(a->language)->name) == 0)
					cmd_message(w.ptr);
			}
			resdiff_buf_clear(&w);
			if (!symbols_warned && a->symbol && b->symbol && strcmp(a->symbol, b->symbol)) {
				symbols_warned = true;
				if (resdiff_buf_printf(&w, "warning: %s is %s and %s is %s: are they language "
						"versions of one document?", in->sources[d], a->symbol, in->sources[e],
						b->symbol) == 0)
					cmd_message(w.ptr);
			}
		}
	resdiff_buf_dispose(&w);
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
	bool any_stored = false;
	int rc = CMD_EXIT_OK, r, error;

	memset(&in, 0, sizeof(in));
	in.input = (cmd_input)CMD_INPUT_INIT;
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
		resdiff_doc *doc = NULL;
		/* a file (parsed, its language detected) or a stored symbol
		 * (one document per language), as cmd_input_load tells them */
		bool stored = strcmp(arg, "-") && stat(arg, &sb) < 0 && cmd_input_is_symbol(arg);
		if (stored)
			error = load_stored(&in, arg, langs);
		else if ((error = cmd_input_load(&doc, &in.input, arg, NULL, NULL)) == 0)
			error = input_add(&in, doc, arg);
		if (error < 0) {
			rc = cmd_input_fail(&in.input);
			goto done;
		}
		any_stored |= stored;
	}
	if (langs && !any_stored) {
		rc = cmd_fail("--langs names the languages of a stored SYMBOL; the files are read in their own");
		goto done;
	}
	if (in.count < 2) {
		rc = cmd_fail("parallel needs two or more language versions, found %zu", in.count);
		goto done;
	}
	warn_not_versions(&in);
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
	cmd_input_close(&in.input);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
