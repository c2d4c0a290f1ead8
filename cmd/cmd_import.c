/* cmd_import.c: resdiff import FILE... [--manifest FILE] [--series S] ... */
#include "cmd.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmd_opt import_opts[] = {
	{ "manifest", 0, OPT_VALUE, "FILE", "corpus manifest; without FILE arguments import all its documents" },
	{ "series", 0, OPT_VALUE, "SLUG", "series of the documents (e.g. ecosoc-wsis); not of drafts" },
	{ "symbol", 0, OPT_VALUE, "SYMBOL", "document symbol (one FILE only)" },
	{ "date", 0, OPT_VALUE, "YYYY-MM-DD", "adoption date" },
	{ "draft-of", 0, OPT_VALUE, "SYMBOL", "the documents are drafts of this resolution (A/RES/80/1); "
		"it need not be stored yet" },
	{ "lang", 0, OPT_VALUE, "LANG", "language of the documents (default: manifest, then detected)" },
	{ "format", 0, OPT_VALUE, "FORMAT", "of the files: text (default) or akn (Akoma Ntoso XML, as "
		"'resdiff export' writes; the manifest key 'format' says it per document)" },
	{ "force", 0, OPT_FLAG, NULL, "store a text that names another symbol, is clearly in another "
		"language or states another adoption date than given, a correction that shares little "
		"wording with the stored text, or a draft whose text reads as adopted (recorded as "
		"Forced:)" },
	{ "batch", 0, OPT_VALUE, "N", "documents per transaction (default and most: 1000)" },
	{ "quiet", 'q', OPT_FLAG, NULL, "print only the summary line (no parser warnings either)" },
	{ "verbose", 'v', OPT_FLAG, NULL, "print the parser's notes on standard error too" },
	{ "no-index", 0, OPT_FLAG, NULL, "do not update the clause index (blame computes it when needed)" },
	{ "no-fsync", 0, OPT_FLAG, NULL, "do not sync to disk before refs move (bulk loads that can be "
		"redone: a power cut may lose or damage the import)" },
	{ NULL, 0, 0, NULL, NULL }
};

typedef struct {
	const char *series, *symbol, *date, *lang, *format, *draft_of;
	bool force;
} overrides;

#define FORCE_REASON_MAX 200

/* Read, hash and parse one file; apply the manifest entry and flags. A
 * text whose own header names another symbol than the one it would be
 * stored under is refused unless forced (then `forced` says why). */
static int load_one(resdiff_doc **out, char sha[65], char forced[FORCE_REASON_MAX],
		const char *path, const resdiff_manifest_entry *entry, const overrides *o)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	char *text = NULL, *fsym = NULL, *flang = NULL, *own = NULL;
	const char *format;
	size_t len;
	int error;

	*out = NULL;
	popts.language = o->lang ? o->lang : entry ? entry->language : NULL;
	popts.source = pdf.source = cmd_input_name(path);
	if ((error = resdiff_file_read(&text, &len, path)) < 0)
		goto done;
	/* the source hash is of the bytes imported: of a PDF, the PDF's */
	resdiff_store_source_hash(sha, text, len);
	format = o->format ? o->format : entry && entry->format ? entry->format :
		resdiff_akn_detect(text, len) ? "akn" : "text";
	if (!strcmp(format, "akn"))
		error = resdiff_akn_parse(&doc, text, len, &popts);
	else if ((error = resdiff_pdf_convert(&text, &len, &pdf)) == 0)
		error = resdiff_parse(&doc, text, len, &popts);
	if (error < 0)
		goto done;
	if (doc->meta.symbol && !(own = strdup(doc->meta.symbol))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (entry && (error = resdiff_manifest_apply(doc, entry)) < 0)
		goto done;
	/* no symbol in text or manifest: the corpus file name may say it */
	if ((!doc->meta.symbol || !doc->meta.language) &&
	    resdiff_name_parse_corpus_file(&fsym, &flang, path) == 0) {
		if (!doc->meta.symbol && (error = resdiff_doc_set_meta(doc, &doc->meta.symbol, fsym)) < 0)
			goto done;
		if (!doc->meta.language && (error = resdiff_doc_set_meta(doc, &doc->meta.language, flang)) < 0)
			goto done;
	}
	if ((o->symbol && (error = resdiff_doc_set_meta(doc, &doc->meta.symbol, o->symbol)) < 0) ||
	    (o->lang && (error = resdiff_doc_set_meta(doc, &doc->meta.language, o->lang)) < 0) ||
	    (o->series && (error = resdiff_doc_set_meta(doc, &doc->meta.series, o->series)) < 0) ||
	    (o->date && (error = resdiff_doc_set_meta(doc, &doc->meta.date, o->date)) < 0) ||
	    (o->draft_of && (error = resdiff_doc_set_meta(doc, &doc->meta.draft_of, o->draft_of)) < 0))
		goto done;
	if ((error = resdiff_store_check_doc(doc)) < 0)
		goto done;
	if (o->series && resdiff_store_doc_is_draft(doc)) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s is a draft: drafts belong to no series "
			"history, so --series does not apply to it (import it without --series)",
			doc->meta.symbol);
		goto done;
	}
	/* the store checks it again; here the error can name the file */
	if ((error = resdiff_store_check_draft(doc, o->force)) < 0 ||
	    (error = resdiff_store_check_text(doc, o->force, NULL, 0)) < 0)
		goto done;
	forced[0] = '\0';
	if (own && strcmp(own, doc->meta.symbol)) {
		if (!o->force) {
			error = resdiff_error_set(RESDIFF_EINVALID, "the text names itself %s, but %s would "
				"store it as %s: use --force to store it so", own,
				o->symbol ? "--symbol" : "the manifest", doc->meta.symbol);
			goto done;
		}
		snprintf(forced, FORCE_REASON_MAX, "the text names itself %s", own);
	}
	*out = doc;
	doc = NULL;
done:
	if (error < 0 && strncmp(resdiff_error_last(), path, strlen(path)))
		resdiff_error_prefix(path);
	free(own);
	free(fsym);
	free(flang);
	free(text);
	resdiff_doc_free(doc);
	return error;
}

static const char *result_name(resdiff_import_result r)
{
	return r == RESDIFF_IMPORT_ADDED ? "added" : r == RESDIFF_IMPORT_AMENDED ? "amended" : "unchanged";
}

/* What an amendment changed, after its commit: "  text", "  metadata only",
 * "  source only (...)"; "" for the others. */
static const char *change_note(resdiff_import_change change)
{
	switch (change) {
	case RESDIFF_IMPORT_CHANGE_TEXT: return "  text";
	case RESDIFF_IMPORT_CHANGE_METADATA: return "  metadata only (the text is the same)";
	case RESDIFF_IMPORT_CHANGE_SOURCE: return "  source only (the same text and metadata, read from another file)";
	case RESDIFF_IMPORT_CHANGE_SOURCE_LINES: return "  source lines only (the same text and metadata)";
	case RESDIFF_IMPORT_CHANGE_NONE: break;
	}
	return "";
}

/* One transaction's worth of documents, parsed by a worker thread while
 * the previous batch is stored (parsing is about half of an import). */
typedef struct {
	const char **paths;
	const resdiff_manifest_entry **entries;
	const overrides *o;
	size_t start, count;
	resdiff_doc *docs[RESDIFF_STORE_BATCH_MAX];
	char shas[RESDIFF_STORE_BATCH_MAX][65];
	char forced[RESDIFF_STORE_BATCH_MAX][FORCE_REASON_MAX];
	int error;
	char message[1024];
} batch;

/* Parse b->docs[from..to); the first error wins. */
typedef struct {
	batch *b;
	size_t from, to;
	int error;
	char message[1024];
} batch_part;

static void *parse_part(void *arg)
{
	batch_part *p = arg;
	size_t i;

	p->error = 0;
	for (i = p->from; i < p->to; i++) {
		batch *b = p->b;
		if ((p->error = load_one(&b->docs[i], b->shas[i], b->forced[i], b->paths[b->start + i],
				b->entries[b->start + i], b->o)) < 0) {
			/* the last-error message is per thread: hand it over */
			snprintf(p->message, sizeof(p->message), "%s", resdiff_error_last());
			break;
		}
	}
	return NULL;
}

/* Parse a batch in two threads (the machine this runs on has two cores
 * at least; the store runs beside them and mostly waits on them). */
static void *parse_batch(void *arg)
{
	batch *b = arg;
	batch_part parts[2];
	pthread_t helper;
	bool helper_running;

	parts[0].b = parts[1].b = b;
	parts[0].from = 0;
	parts[0].to = parts[1].from = b->count / 2;
	parts[1].to = b->count;
	helper_running = pthread_create(&helper, NULL, parse_part, &parts[1]) == 0;
	parse_part(&parts[0]);
	if (helper_running)
		pthread_join(helper, NULL);
	else
		parse_part(&parts[1]);
	b->error = parts[0].error < 0 ? parts[0].error : parts[1].error;
	snprintf(b->message, sizeof(b->message), "%s",
		parts[0].error < 0 ? parts[0].message : parts[1].message);
	return NULL;
}

static void batch_clear(batch *b)
{
	size_t i;
	for (i = 0; i < RESDIFF_STORE_BATCH_MAX; i++) {
		resdiff_doc_free(b->docs[i]);
		b->docs[i] = NULL;
	}
}

static void index_warning(void)
{
	resdiff_buf msg = RESDIFF_BUF_INIT;
	if (resdiff_buf_printf(&msg, "warning: the clause index was not updated (blame computes it "
			"when needed): %s", resdiff_error_last()) == 0)
		cmd_message(msg.ptr);
	resdiff_buf_dispose(&msg);
}

/* An import stopped at the transaction that starts with document
 * `start` of `total`: say what was stored before it and what was not. */
static int fail_batch(const char *message, size_t start, size_t total)
{
	if (!start)
		return cmd_fail("%s; nothing was imported", message);
	return cmd_fail("%s; the %zu documents before this transaction were imported, the %zu from "
		"it on were not", message, start, total - start);
}

/* SIGINT, SIGTERM, SIGHUP: the import stops at its next transaction
 * boundary (resdiff_interrupt), says what it kept, and then dies of the
 * same signal, so that the caller sees 128 + the signal. */
static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
	resdiff_interrupt();
}

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define STOP_SIGNALS (sizeof(stop_signals) / sizeof(stop_signals[0]))

static void signals_catch(struct sigaction old[STOP_SIGNALS])
{
	struct sigaction sa;
	size_t i;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &sa, &old[i]);
}

/* Put the handlers back; when a signal was caught, die of it. */
static void signals_release(const struct sigaction old[STOP_SIGNALS])
{
	size_t i;
	for (i = 0; i < STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &old[i], NULL);
	if (caught_signal) {
		int sig = caught_signal;
		fflush(NULL);
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

/* Stopped by a signal before the transaction that starts with document
 * `start` of `total`. */
static int interrupted(size_t start, size_t total)
{
	const char *name = caught_signal == SIGTERM ? "SIGTERM" : caught_signal == SIGHUP ?
		"SIGHUP" : "SIGINT";
	if (!start)
		return cmd_fail("interrupted (%s): 0 of %zu documents imported; the repository is as "
			"it was", name, total);
	return cmd_fail("interrupted (%s): %zu of %zu documents imported (every transaction before "
		"document %zu); the %zu from it on were not: run the same import again for them",
		name, start, total, start + 1, total - start);
}

int cmd_import(int argc, char **argv)
{
	struct sigaction old_actions[STOP_SIGNALS];
	bool catching = false;
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_manifest *manifest = NULL;
	resdiff_store_item *items = NULL;
	batch *batches = NULL, *cur, *next;
	const char **paths = NULL;
	const resdiff_manifest_entry **entries = NULL;
	resdiff_buf line = RESDIFF_BUF_INIT;
	pthread_t worker;
	bool worker_running = false;
	overrides o;
	const char *mpath;
	size_t n = 0, i, start, counts[3] = { 0, 0, 0 }, same_text = 0, bmax = RESDIFF_STORE_BATCH_MAX;
	bool quiet;
	cmd_diag_level diag;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, import_opts, argc, argv,
		"resdiff import [--manifest FILE] [--series SLUG] [--symbol S] [--date YYYY-MM-DD] "
		"[--draft-of SYMBOL] [--lang LANG] [--format text|akn] [--force] [--batch] [--no-index] "
		"[--no-fsync] [-q | -v] [FILE...]",
		"Parse documents and store them: one record commit per new or changed text,\n"
		"then the series histories they belong to. Re-importing an identical text does\n"
		"nothing; a changed text of the same symbol and language is a correction.\n"
		"A draft names the resolution it leads to with --draft-of (or a manifest's\n"
		"draft-of key); drafts belong to no series history (resdiff drafts).\n"
		"The parser's warnings go to standard error as FILE:LINE: diagnostic: message\n"
		"(those a manifest's accept lines name stay hidden; at most 100 a file:\n"
		"'resdiff check FILE' lists them all).");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	mpath = cmd_arg(&args, import_opts, "manifest");
	o.series = cmd_arg(&args, import_opts, "series");
	o.symbol = cmd_arg(&args, import_opts, "symbol");
	o.date = cmd_arg(&args, import_opts, "date");
	o.draft_of = cmd_arg(&args, import_opts, "draft-of");
	o.lang = cmd_arg(&args, import_opts, "lang");
	o.format = cmd_arg(&args, import_opts, "format");
	o.force = cmd_flag(&args, import_opts, "force");
	quiet = cmd_flag(&args, import_opts, "quiet");
	diag = quiet ? CMD_DIAG_QUIET : cmd_flag(&args, import_opts, "verbose") ? CMD_DIAG_NOTES :
		CMD_DIAG_WARNINGS;
	if (cmd_arg(&args, import_opts, "batch")) {
		char *end;
		unsigned long v = strtoul(cmd_arg(&args, import_opts, "batch"), &end, 10);
		if (*end || v < 1 || v > RESDIFF_STORE_BATCH_MAX) {
			rc = cmd_fail("--batch wants a number from 1 to %d", RESDIFF_STORE_BATCH_MAX);
			goto done;
		}
		bmax = (size_t)v;
	}
	if (o.format && strcmp(o.format, "text") && strcmp(o.format, "akn")) {
		rc = cmd_fail("unknown input format '%s' (text, akn)", o.format);
		goto done;
	}
	if (o.series && !resdiff_name_series_ok(o.series)) {
		rc = cmd_fail("invalid series name '%s' (lower-case letters, digits, '-')", o.series);
		goto done;
	}
	if (o.draft_of && !resdiff_name_is_resolution(o.draft_of)) {
		rc = cmd_fail("--draft-of '%s' is not a resolution symbol (like A/RES/80/1)", o.draft_of);
		goto done;
	}
	if (o.series && o.draft_of) {
		rc = cmd_fail("--series and --draft-of: a draft belongs to no series history; give the "
			"series to the resolution when it is imported (docs/DRAFTS.md)");
		goto done;
	}
	if (o.date && !resdiff_date_valid(o.date)) {
		rc = cmd_fail("invalid date '%s' (want YYYY-MM-DD)", o.date);
		goto done;
	}
	/* with files named, their sections only (the rest of a corpus's
	 * manifest was most of importing one more document into it) */
	if (mpath && (args.nargs ? resdiff_manifest_load_sources(&manifest, mpath,
			args.args, (size_t)args.nargs) :
			resdiff_manifest_load(&manifest, mpath)) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	n = args.nargs ? (size_t)args.nargs : manifest ? manifest->count : 0;
	if (n == 0 && manifest) {
		rc = cmd_fail("%s: no [document \"NAME\"] section: nothing to import "
			"(docs/MANIFEST.md)", mpath);
		goto done;
	}
	if (n == 0) {
		rc = cmd_fail("nothing to import (see 'resdiff import --help')");
		goto done;
	}
	if (o.symbol && n > 1) {
		rc = cmd_fail("--symbol names one document, but %zu are given", n);
		goto done;
	}
	signals_catch(old_actions);
	catching = true;
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (cmd_flag(&args, import_opts, "no-fsync"))
		resdiff_store_set_fsync(store, false);
	paths = calloc(n, sizeof(*paths));
	entries = calloc(n, sizeof(*entries));
	batches = calloc(2, sizeof(*batches));
	items = calloc(RESDIFF_STORE_BATCH_MAX, sizeof(*items));
	if (!paths || !entries || !batches || !items) {
		rc = cmd_fail("out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (!args.nargs) {
			paths[i] = manifest->entries[i].path;
			entries[i] = &manifest->entries[i];
			continue;
		}
		paths[i] = args.args[i];
		if (manifest) {
			const char *base = strrchr(paths[i], '/');
			size_t k;
			base = base ? base + 1 : paths[i];
			for (k = 0; k < manifest->count; k++)
				if (!strcmp(manifest->entries[k].path, paths[i]) ||
				    !strcmp(manifest->entries[k].source, base))
					entries[i] = &manifest->entries[k];
		}
	}
	for (i = 0; i < 2; i++) {
		batches[i].paths = paths;
		batches[i].entries = entries;
		batches[i].o = &o;
	}
	/* one transaction per `bmax` documents; batch k+1 is parsed by a
	 * worker thread while batch k is stored */
	cur = &batches[0];
	next = &batches[1];
	cur->start = 0;
	cur->count = n < bmax ? n : bmax;
	parse_batch(cur);
	for (start = 0; start < n && rc == CMD_EXIT_OK; start += bmax) {
		batch *swap;
		size_t m = cur->count;
		if (start + m < n) {
			next->start = start + m;
			next->count = n - next->start < bmax ? n - next->start : bmax;
			if (pthread_create(&worker, NULL, parse_batch, next) == 0)
				worker_running = true;
			else
				parse_batch(next);
		}
		if (resdiff_interrupted()) {
			rc = interrupted(start, n);
			break;
		}
		if (cur->error < 0) {
			rc = fail_batch(cur->message, start, n);
			break;
		}
		for (i = 0; i < m && rc == CMD_EXIT_OK; i++) {
			/* the parser's warnings, in the order of the files */
			if (cmd_diagnostics_print(cur->docs[i], paths[start + i], entries[start + i],
					diag) < 0) {
				rc = cmd_fail_last();
				break;
			}
			memset(&items[i], 0, sizeof(items[i]));
			if (resdiff_store_inherit_meta(store, cur->docs[i]) < 0)
				rc = fail_batch(resdiff_error_last(), start, n);
			items[i].doc = cur->docs[i];
			items[i].source_sha256 = cur->shas[i];
			items[i].force = o.force;
			items[i].force_reason = cur->forced[i][0] ? cur->forced[i] : NULL;
		}
		if (rc != CMD_EXIT_OK)
			break;
		if ((r = resdiff_store_import(store, items, m)) == RESDIFF_EINTERRUPTED)
			rc = interrupted(start, n);
		else if (r < 0)
			rc = fail_batch(resdiff_error_last(), start, n);
		for (i = 0; i < m && rc == CMD_EXIT_OK; i++) {
			counts[items[i].result]++;
			same_text += items[i].result == RESDIFF_IMPORT_AMENDED &&
				items[i].change != RESDIFF_IMPORT_CHANGE_TEXT;
			if (quiet)
				continue;
			resdiff_buf_clear(&line);
			if (resdiff_buf_printf(&line, "%-9s ", result_name(items[i].result)) < 0 ||
			    resdiff_text_sanitize(&line, cur->docs[i]->meta.symbol,
					strlen(cur->docs[i]->meta.symbol), false) < 0 ||
			    resdiff_buf_printf(&line, " (%s) %zu units%s%.12s",
					cur->docs[i]->meta.language, cur->docs[i]->unit_count,
					items[i].commit[0] ? "  " : "", items[i].commit) < 0 ||
			    resdiff_buf_puts(&line, change_note(items[i].change)) < 0 ||
			    (items[i].forced[0] &&
			     (resdiff_buf_puts(&line, "  forced: ") < 0 ||
			      resdiff_text_sanitize(&line, items[i].forced, strlen(items[i].forced), false) < 0)) ||
			    resdiff_buf_putc(&line, '\n') < 0)
				rc = cmd_fail_last();
			else
				rc = cmd_write(&line);
		}
		batch_clear(cur);
		if (worker_running) {
			pthread_join(worker, NULL);
			worker_running = false;
		}
		swap = cur;
		cur = next;
		next = swap;
	}
	if (worker_running)
		pthread_join(worker, NULL);
	if (rc == CMD_EXIT_OK && same_text)
		printf("%zu added, %zu amended, %zu unchanged; %zu of the amended in metadata or "
			"source only, the text the same\n", counts[RESDIFF_IMPORT_ADDED],
			counts[RESDIFF_IMPORT_AMENDED], counts[RESDIFF_IMPORT_UNCHANGED], same_text);
	else if (rc == CMD_EXIT_OK)
		printf("%zu added, %zu amended, %zu unchanged\n", counts[RESDIFF_IMPORT_ADDED],
			counts[RESDIFF_IMPORT_AMENDED], counts[RESDIFF_IMPORT_UNCHANGED]);
	/* the clause index (docs/PROVENANCE.md) follows the record, also when
	 * an earlier writer was stopped before it (a no-op when it is fresh); a
	 * failure here loses nothing: blame and trace compute it meanwhile */
	if (rc == CMD_EXIT_OK && !resdiff_interrupted() && !cmd_flag(&args, import_opts, "no-index") &&
	    resdiff_index_update(NULL, store) < 0)
		index_warning();
	if (rc == CMD_EXIT_OK && resdiff_interrupted())
		cmd_message("interrupted after the last transaction: every document was imported; "
			"the clause index follows with the next writer");
done:
	for (i = 0; batches && i < 2; i++)
		batch_clear(&batches[i]);
	free(batches);
	free(items);
	free(paths);
	free(entries);
	resdiff_buf_dispose(&line);
	resdiff_manifest_free(manifest);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	if (catching)
		signals_release(old_actions);
	return rc;
}
