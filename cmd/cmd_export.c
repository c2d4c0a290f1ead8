/* cmd_export.c: resdiff export --format=akn FILE|SYMBOL[@REV] [-o OUT]
 *               resdiff export --format=akn --series SLUG [-o DIR] */
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const cmd_opt export_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "output", 'o', OPT_VALUE, "OUT", "write to OUT (default or '-': standard output; with --series a "
		"directory, default the current one)" },
	{ "series", 0, OPT_VALUE, "SLUG", "every member of a stored series, one file each, with the "
		"changes from member to member" },
	{ "lang", 0, OPT_VALUE, "LANG", "the language of the stored document or series" },
	{ "manifest", 0, OPT_VALUE, "FILE", "metadata for a FILE argument from a corpus manifest" },
	{ NULL, 0, 0, NULL, NULL }
};

/* The export goes to PATH.resdiff-tmp.PID, then takes PATH's place: a
 * write that fails (a full disk, a file size limit, a signal) leaves no
 * half-written file and the previous export as it was. A PATH that is
 * not a regular file (/dev/stdout, a pipe) is written in place. */
static int write_file(const char *path, const resdiff_buf *buf)
{
	resdiff_buf tmp = RESDIFF_BUF_INIT;
	struct stat st;
	bool in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	const char *target = path;
	FILE *f = NULL;
	int ok, error = 0;

	if (!in_place) {
		if (resdiff_buf_printf(&tmp, "%s.resdiff-tmp.%ld", path, (long)getpid()) < 0) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		target = tmp.ptr;
	}
	if (!(f = fopen(target, "wb"))) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	ok = (!buf->size || fwrite(buf->ptr, 1, buf->size, f) == buf->size);
	ok &= fflush(f) == 0;
	if (!ok) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: write error: %s; nothing was written",
			path, strerror(errno));
		goto done;
	}
	ok = fclose(f) == 0;
	f = NULL;
	if (!ok || (!in_place && rename(target, path) < 0))
		error = resdiff_error_set(RESDIFF_EIO, "%s: write error: %s; nothing was written",
			path, strerror(errno));
done:
	if (f)
		fclose(f);
	if (error < 0 && !in_place && tmp.ptr)
		unlink(tmp.ptr);
	resdiff_buf_dispose(&tmp);
	return error;
}

/* A file ("-" is standard input) is parsed, with its manifest metadata;
 * anything else is a stored SYMBOL[@REV]. */
/* A file ("-", an existing path, or one that looks like a path), or a
 * stored SYMBOL[@REV]? As 'resdiff diff' decides. */
static bool is_file(const char *arg, const resdiff_manifest *manifest)
{
	struct stat sb;
	size_t len = strlen(arg), k;

	for (k = 0; manifest && k < manifest->count; k++)
		if (!strcmp(manifest->entries[k].path, arg) || !strcmp(manifest->entries[k].source, arg))
			return true;
	return !strcmp(arg, "-") || stat(arg, &sb) == 0 || arg[0] == '.' || arg[0] == '/' ||
		arg[0] == '~' || (len > 4 && !strcmp(arg + len - 4, ".txt"));
}

static int load_input(resdiff_doc **out, resdiff_store *store, const char *arg,
		const char *lang, const resdiff_manifest *manifest)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	const resdiff_manifest_entry *entry = NULL;
	char *text = NULL, *query = NULL, *at, *symbol = NULL, *language = NULL;
	size_t len, k;
	int error;

	*out = NULL;
	for (k = 0; manifest && k < manifest->count; k++)
		if (!strcmp(manifest->entries[k].path, arg) || !strcmp(manifest->entries[k].source, arg))
			entry = &manifest->entries[k];
	if (!store) {
		popts.language = lang ? lang : entry ? entry->language : NULL;
		popts.source = pdf.source = cmd_input_name(arg);
		if ((error = resdiff_file_read(&text, &len, entry ? entry->path : arg)) == 0 &&
		    (error = resdiff_pdf_convert(&text, &len, &pdf)) == 0 &&
		    (error = resdiff_parse(out, text, len, &popts)) == 0 && entry)
			error = resdiff_manifest_apply(*out, entry);
		goto done;
	}
	if (!(query = strdup(arg))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if ((at = strrchr(query, '@')) != NULL)
		*at++ = '\0';
	if ((error = resdiff_store_resolve(&symbol, &language, store, query, lang,
			at && *at ? at : NULL)) == 0)
		error = resdiff_store_read(out, NULL, store, symbol, language, at && *at ? at : NULL);
done:
	if (error < 0) {
		resdiff_doc_free(*out);
		*out = NULL;
	}
	free(text);
	free(query);
	free(symbol);
	free(language);
	return error;
}

/* Every member of each (slug, language) history, one file each: member k
 * carries the changes from member k-1 (activeModifications) and to member
 * k+1 (passiveModifications). The record holds each text with all its
 * attributes, so members are read from it. */
static int export_series(resdiff_store *store, const cmd_format *format, const char *slug,
		const char *lang, const char *dir)
{
	resdiff_series_list *list = NULL;
	resdiff_doc *docs[3] = { NULL, NULL, NULL };
	resdiff_alignment *before = NULL, *after = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT, path = RESDIFF_BUF_INIT, line = RESDIFF_BUF_INIT;
	char *name = NULL;
	size_t s, k;
	int error;

	if ((error = resdiff_store_series(&list, store, slug, lang, false)) < 0)
		goto done;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: %s", dir, strerror(errno));
		goto done;
	}
	{
		struct stat st;
		if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: not a directory (--series writes "
				"one file per member into the directory -o names)", dir);
			goto done;
		}
	}
	for (s = 0; s < list->count && !error; s++) {
		const resdiff_series *sr = &list->series[s];
		for (k = 0; k < sr->count && !error; k++) {
			resdiff_akn_options opts = RESDIFF_AKN_OPTIONS_INIT;
			/* docs[0] the member before, docs[1] this one, docs[2] the next */
			if (k == 0 && (error = resdiff_store_read(&docs[1], NULL, store, sr->members[0].symbol,
					sr->language, NULL)) < 0)
				break;
			if (k + 1 < sr->count &&
			    ((error = resdiff_store_read(&docs[2], NULL, store, sr->members[k + 1].symbol,
					sr->language, NULL)) < 0 ||
			     (error = resdiff_align(&after, docs[1], docs[2], NULL)) < 0))
				break;
			opts.previous = before;
			opts.next = after;
			resdiff_buf_clear(&out);
			resdiff_buf_clear(&path);
			resdiff_buf_clear(&line);
			free(name);
			name = NULL;
			if ((error = format->render.export_doc(&out, docs[1], &opts)) < 0 ||
			    (error = resdiff_name_corpus_file(&name, sr->members[k].symbol, sr->language)) < 0 ||
			    (error = resdiff_buf_printf(&path, "%s%s%.*s.xml", dir,
					dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
					(int)(strlen(name) - strlen(".txt")), name)) < 0 ||
			    (error = write_file(path.ptr, &out)) < 0)
				break;
			if ((error = resdiff_buf_puts(&line, "wrote ")) < 0 ||
			    (error = resdiff_text_sanitize(&line, path.ptr, path.size, false)) < 0 ||
			    (error = resdiff_buf_putc(&line, '\n')) < 0 || cmd_write(&line) != CMD_EXIT_OK) {
				error = error < 0 ? error : RESDIFF_EIO;
				break;
			}
			resdiff_alignment_free(before);
			before = after;
			after = NULL;
			resdiff_doc_free(docs[0]);
			docs[0] = docs[1];
			docs[1] = docs[2];
			docs[2] = NULL;
		}
		resdiff_alignment_free(before);
		resdiff_alignment_free(after);
		before = after = NULL;
		for (k = 0; k < 3; k++) {
			resdiff_doc_free(docs[k]);
			docs[k] = NULL;
		}
	}
done:
	resdiff_alignment_free(before);
	resdiff_alignment_free(after);
	for (k = 0; k < 3; k++)
		resdiff_doc_free(docs[k]);
	resdiff_series_list_free(list);
	resdiff_buf_dispose(&out);
	resdiff_buf_dispose(&path);
	resdiff_buf_dispose(&line);
	free(name);
	return error;
}

int cmd_export(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_manifest *manifest = NULL;
	resdiff_doc *doc = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const cmd_format *format;
	const char *output, *series, *lang, *mpath;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, export_opts, argc, argv,
		"resdiff export [--format=FORMAT] [--lang LANG] [--manifest FILE] [-o OUT] FILE|SYMBOL[@REV]\n"
		"       resdiff export [--lang LANG] --series SLUG [-o DIR]",
		"Write a document as Akoma Ntoso 3.0 XML in the UN's profile (AKN4UN,\n"
		"docs/AKN.md): a text file or a PDF is parsed, a SYMBOL[@REV] read from the\n"
		"resdiff repository. With --series, every member of a stored series is written\n"
		"to DIR/<NAME>.<lang>.xml, each with the changes from the member before it and\n"
		"to the member after it as AKN textual modifications. 'resdiff import\n"
		"--format=akn' reads the files back.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	output = cmd_arg(&args, export_opts, "output");
	series = cmd_arg(&args, export_opts, "series");
	lang = cmd_arg(&args, export_opts, "lang");
	mpath = cmd_arg(&args, export_opts, "manifest");
	if ((rc = cmd_format_find(&format, "export", cmd_arg(&args, export_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (series) {
		if (args.nargs) {
			rc = cmd_fail("--series takes no FILE or SYMBOL arguments");
			goto done;
		}
		if (output && !strcmp(output, "-")) {
			rc = cmd_fail("--series writes one file per member: -o names a directory, "
				"not '-' (standard output)");
			goto done;
		}
		if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
			goto done;
		if (export_series(store, format, series, lang, output ? output : ".") < 0)
			rc = cmd_fail_last();
		goto done;
	}
	if (args.nargs != 1) {
		rc = cmd_fail("export takes one FILE or SYMBOL[@REV] (see 'resdiff export --help')");
		goto done;
	}
	if (mpath && resdiff_manifest_load(&manifest, mpath) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (!is_file(args.args[0], manifest) && (rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (load_input(&doc, store, args.args[0], lang, manifest) < 0 ||
	    format->render.export_doc(&out, doc, NULL) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (output && strcmp(output, "-"))  /* "-" is standard output, as for inputs */
		rc = write_file(output, &out) < 0 ? cmd_fail_last() : CMD_EXIT_OK;
	else
		rc = cmd_write(&out);
done:
	resdiff_doc_free(doc);
	resdiff_manifest_free(manifest);
	resdiff_store_free(store);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
