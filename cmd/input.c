/* input.c: one argument of diff or amend to a parsed document: a file
 * ("-" is standard input) or a stored symbol (SYMBOL@REV). */
#define _DEFAULT_SOURCE  /* getloadavg, _SC_NPROCESSORS_ONLN */
#include "cmd.h"

#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
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
	if ((error = cmd_input_store(in)) < 0) {
		/* say why a repository was wanted: the argument names no file */
		fprintf(stderr, "resdiff: no file '%s' here, so it was read as the symbol of a "
			"stored document\n", arg);
		goto done;
	}
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

const char *cmd_input_name(const char *arg)
{
	return arg && !strcmp(arg, "-") ? "standard input" : arg;
}

bool cmd_input_is_symbol(const char *arg)
{
	return !looks_like_path(arg);
}

/* The manifest's entry for arg (by path or by source), or NULL. */
static const resdiff_manifest_entry *manifest_entry(const resdiff_manifest *manifest,
		const char *arg)
{
	const resdiff_manifest_entry *entry = NULL;
	size_t k;
	for (k = 0; manifest && k < manifest->count; k++)
		if (!strcmp(manifest->entries[k].path, arg) || !strcmp(manifest->entries[k].source, arg))
			entry = &manifest->entries[k];
	return entry;
}

/* Is arg a stored symbol rather than a file: no manifest entry, not
 * standard input, no such file, and not shaped like a path. */
static bool names_stored(const char *arg, const resdiff_manifest_entry *entry)
{
	struct stat sb;
	return !entry && strcmp(arg, "-") && stat(arg, &sb) < 0 && !looks_like_path(arg);
}

/* Read and parse one file ("-": standard input). Touches nothing shared
 * but the parser's (thread safe: resdiff/parse.h), so two can run at once;
 * the times spent go to *read_seconds and *parse_seconds. */
static int load_file(resdiff_doc **out, double *read_seconds, double *parse_seconds,
		const char *arg, const char *lang, const resdiff_manifest_entry *entry)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	char *text = NULL;
	size_t len;
	double t0 = now();
	int error;

	*out = NULL;
	popts.language = lang ? lang : entry ? entry->language : NULL;
	popts.source = pdf.source = cmd_input_name(arg);
	if ((error = resdiff_file_read(&text, &len, entry ? entry->path : arg)) < 0 ||
	    (error = resdiff_pdf_convert(&text, &len, &pdf)) < 0)
		goto done;
	*read_seconds += now() - t0;
	t0 = now();
	/* Akoma Ntoso (what 'resdiff export' writes) is read as such */
	if ((error = resdiff_akn_detect(text, len) ? resdiff_akn_parse(out, text, len, &popts) :
			resdiff_parse(out, text, len, &popts)) < 0)
		goto done;
	if (entry && (error = resdiff_manifest_apply(*out, entry)) < 0)
		goto done;
	*parse_seconds += now() - t0;
done:
	if (error < 0) {
		resdiff_doc_free(*out);
		*out = NULL;
	}
	free(text);
	return error;
}

void cmd_input_warn_language(const resdiff_doc *doc, const char *arg, const char *then)
{
	char why[256];
	resdiff_buf msg = RESDIFF_BUF_INIT;
	if (resdiff_store_check_text(doc, true, why, sizeof(why)) == 0 && why[0] &&
	    resdiff_buf_printf(&msg, "%s: warning: %s; %s", cmd_input_name(arg), why, then) == 0)
		cmd_message(msg.ptr);
	resdiff_buf_dispose(&msg);
}

/* A file read under --lang that its text contradicts: said, since its
 * keys, verbs and amendment phrases then follow the language told. */
static void warn_told(const resdiff_doc *doc, const char *arg, const char *lang,
		const resdiff_manifest_entry *entry)
{
	if (doc && (lang || entry))
		cmd_input_warn_language(doc, arg, "it is read as told");
}

int cmd_input_load(resdiff_doc **out, cmd_input *in, const char *arg, const char *lang,
		const resdiff_manifest *manifest)
{
	const resdiff_manifest_entry *entry = manifest_entry(manifest, arg);
	double t0 = now();
	int error;

	*out = NULL;
	if (names_stored(arg, entry)) {
		error = load_stored(out, in, arg, lang);
		in->parse_seconds += now() - t0;
		return error;
	}
	if ((error = load_file(out, &in->read_seconds, &in->parse_seconds, arg, lang, entry)) == 0)
		warn_told(*out, arg, lang, entry);
	return error;
}

/* Two files are parsed side by side when each is at least this long: below,
 * the thread's start (its stack, its malloc arena, the trim) costs more
 * than half the smaller parse saves (generated pairs, bench/diff/gen.py,
 * wall under no competing load: 111 KB a file +0.6 ms, 370 KB -5.3 ms). */
#define PARSE_THREAD_MIN_BYTES (256 * 1024)

/* Is arg a regular file of at least PARSE_THREAD_MIN_BYTES? */
static bool worth_a_thread(const char *arg, const resdiff_manifest_entry *entry)
{
	struct stat sb;
	const char *path = entry ? entry->path : arg;
	return strcmp(path, "-") && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		sb.st_size >= PARSE_THREAD_MIN_BYTES;
}

/* Is a core idle, by the 1-minute load average (as make -l decides)? Two
 * threads of one process share what the scheduler gives the process
 * when the cores are busy (Linux groups a session's threads: autogroup):
 * there the thread only adds its costs (10 000-paragraph pair at load
 * 11-12: wall 1.39 -> 1.59 s, CPU 0.52 -> 0.60 s). */
static bool core_idle(void)
{
	double load;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 1 && getloadavg(&load, 1) == 1 && load + 1 <= (double)cores;
}

/* The helper thread's last-error message, handed over (core's is as long). */
#define PAIR_MESSAGE_MAX 1024

/* One file of a pair, loaded on the helper thread. */
typedef struct {
	resdiff_doc *doc;
	const char *arg, *lang;
	const resdiff_manifest_entry *entry;
	double read_seconds, parse_seconds;
	int error;
	char message[PAIR_MESSAGE_MAX];
} pair_load;

static void *load_on_thread(void *arg)
{
	pair_load *p = arg;
	if ((p->error = load_file(&p->doc, &p->read_seconds, &p->parse_seconds, p->arg, p->lang,
			p->entry)) < 0)
		snprintf(p->message, sizeof(p->message), "%s", resdiff_error_last());
	return NULL;
}

int cmd_input_load_pair(resdiff_doc **old_doc, resdiff_doc **new_doc, cmd_input *in,
		const char *old_arg, const char *new_arg, const char *lang,
		const resdiff_manifest *manifest)
{
	const resdiff_manifest_entry *old_entry = manifest_entry(manifest, old_arg);
	pair_load helper;
	pthread_t thread;
	double read_seconds = 0, parse_seconds = 0;
	int error;

	*old_doc = *new_doc = NULL;
	memset(&helper, 0, sizeof(helper));
	helper.arg = new_arg;
	helper.lang = lang;
	helper.entry = manifest_entry(manifest, new_arg);
	/* a stored symbol goes through the repository, which one thread uses;
	 * RESDIFF_NO_PARSE_THREAD=1 turns the lever off, to measure it, and
	 * RESDIFF_PARSE_THREAD=1 takes it whatever the sizes and the load
	 * (tests, and to measure it on a busy machine) */
	if (names_stored(old_arg, old_entry) || names_stored(new_arg, helper.entry) ||
	    getenv("RESDIFF_NO_PARSE_THREAD") ||
	    (!getenv("RESDIFF_PARSE_THREAD") &&
	     (!worth_a_thread(old_arg, old_entry) || !worth_a_thread(new_arg, helper.entry) ||
	      !core_idle())) ||
	    pthread_create(&thread, NULL, load_on_thread, &helper) != 0) {
		if ((error = cmd_input_load(old_doc, in, old_arg, lang, manifest)) == 0)
			error = cmd_input_load(new_doc, in, new_arg, lang, manifest);
		goto done;
	}
	error = load_file(old_doc, &read_seconds, &parse_seconds, old_arg, lang, old_entry);
	pthread_join(thread, NULL);
	warn_told(*old_doc, old_arg, lang, old_entry);
	warn_told(helper.doc, new_arg, lang, helper.entry);
#ifdef __GLIBC__
	/* glibc gave the thread a malloc arena of its own, where the parse's
	 * freed scratch stays out of the aligner's reach (+5 MB, 9.4x -> 10.2x
	 * the input, on the 10 000-paragraph pair): give it back. (One arena
	 * for all, M_ARENA_MAX 1, keeps the peak but serialises the two
	 * parses on its lock: no faster than one after the other.) */
	malloc_trim(0);
#endif
	*new_doc = helper.doc;
	/* side by side, the pair took as long as the slower of the two */
	in->read_seconds += read_seconds > helper.read_seconds ? read_seconds : helper.read_seconds;
	in->parse_seconds += parse_seconds > helper.parse_seconds ? parse_seconds :
		helper.parse_seconds;
	/* OLD's error first, as when they were loaded one after the other */
	if (error == 0 && helper.error < 0)
		error = resdiff_error_set(helper.error, "%s", helper.message);
done:
	if (error < 0) {
		resdiff_doc_free(*old_doc);
		resdiff_doc_free(*new_doc);
		*old_doc = *new_doc = NULL;
	}
	return error;
}
