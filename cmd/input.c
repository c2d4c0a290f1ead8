/* input.c: one argument of diff or amend to a parsed document: a file
 * ("-" is standard input) or a stored symbol (SYMBOL@REV). */
#include "cmd.h"

#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_input_store(cmd_input *in)
{
	if (in->store)
		return 0;
	if (cmd_store_open(&in->store) != CMD_EXIT_OK) {
		in->store_failed = true;
		return RESDIFF_ERROR;
	}
	cmd_conflicts_note(in->store);  /* a kept conflict: stored texts are ours */
	return 0;
}

int cmd_input_fail(const cmd_input *in)
{
	return in->store_failed ? CMD_EXIT_ERROR : cmd_fail_last();
}

void cmd_input_close(cmd_input *in)
{
	cmd_store_close(in->store);
	in->store = NULL;
	in->store_failed = false;
}

/* "2009/7", "E/RES/2009/7@~1", "65/141@<commit>": a stored document. */
static int load_stored(resdiff_doc **out, cmd_input *in, const char *arg, const char *lang)
{
	char *query = strdup(arg), *at, *symbol = NULL, *language = NULL;
	int error;

	if (!query)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if ((at = strrchr(query, '@')) != NULL)
		*at++ = '\0';
	if ((error = cmd_input_store(in)) < 0)
		goto done;
	if ((error = resdiff_store_resolve(&symbol, &language, in->store, query, lang,
			at && *at ? at : NULL)) < 0 ||
	    (error = resdiff_store_read(out, NULL, in->store, symbol, language,
			at && *at ? at : NULL)) < 0)
		goto done;
done:
	free(query);
	free(symbol);
	free(language);
	return error;
}

/* "texts/x.txt", "./x", "/tmp/x", "../../etc": a file name (mistyped if
 * missing), not a stored symbol ("2009/7", "E/RES/2009/7@~1"): what is not
 * a symbol by the grammar every command shares (resdiff/name.h). */
static bool looks_like_path(const char *arg)
{
	size_t len = strlen(arg);
	char symbol[RESDIFF_SYMBOL_MAX + 1];
	const char *at = strrchr(arg, '@');
	size_t n = at ? (size_t)(at - arg) : len;
	if (len > 4 && !strcmp(arg + len - 4, ".txt"))
		return true;
	if (n > RESDIFF_SYMBOL_MAX)
		return true;
	memcpy(symbol, arg, n);
	symbol[n] = '\0';
	return resdiff_name_symbol_check(symbol) < 0;
}

bool cmd_input_is_symbol(const char *arg)
{
	return !looks_like_path(arg);
}

int cmd_input_load(resdiff_doc **out, cmd_input *in, const char *arg, const char *lang,
		const resdiff_manifest *manifest)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	const resdiff_manifest_entry *entry = NULL;
	char *text = NULL;
	size_t len, k;
	double t0 = now();
	struct stat sb;
	int error;

	*out = NULL;
	for (k = 0; manifest && k < manifest->count; k++)
		if (!strcmp(manifest->entries[k].path, arg) || !strcmp(manifest->entries[k].source, arg))
			entry = &manifest->entries[k];
	if (!entry && strcmp(arg, "-") && stat(arg, &sb) < 0 && !looks_like_path(arg)) {
		error = load_stored(out, in, arg, lang);
		in->parse_seconds += now() - t0;
		return error;
	}
	popts.language = lang ? lang : entry ? entry->language : NULL;
	popts.source = pdf.source = arg;
	if ((error = resdiff_file_read(&text, &len, entry ? entry->path : arg)) < 0 ||
	    (error = resdiff_pdf_convert(&text, &len, &pdf)) < 0)
		goto done;
	in->read_seconds += now() - t0;
	t0 = now();
	/* Akoma Ntoso (what 'resdiff export' writes) is read as such */
	if ((error = resdiff_akn_detect(text, len) ? resdiff_akn_parse(out, text, len, &popts) :
			resdiff_parse(out, text, len, &popts)) < 0)
		goto done;
	if (entry && (error = resdiff_manifest_apply(*out, entry)) < 0)
		goto done;
	in->parse_seconds += now() - t0;
done:
	if (error < 0) {
		resdiff_doc_free(*out);
		*out = NULL;
	}
	free(text);
	return error;
}
