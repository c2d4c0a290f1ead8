/* cmd_diff.c: resdiff diff OLD NEW, clause by clause. */
#include "cmd.h"

#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const cmd_opt diff_opts[] = {
	{ "format", 0, OPT_VALUE, "FORMAT", NULL },
	{ "amend-lang", 0, OPT_VALUE, "LANG", "language of --format=amendments: ar, en, es, fr, ru or zh (default: the new text's; English when it has none, said on standard error)" },
	{ "lang", 0, OPT_VALUE, "LANG", "the inputs' language (ar, zh, en, fr, ru, es); default: detect" },
	{ "color", 0, OPT_VALUE, "WHEN", "colour the text format: auto (default), always, never" },
	{ "stat", 0, OPT_FLAG, NULL, "print only the counts per relation" },
	{ "signals", 0, OPT_FLAG, NULL, "print only what moved: verbs up or down, rolling updates, substance" },
	{ "ignore-rolling", 0, OPT_FLAG, NULL, "hide clauses changed only by the rolling update (not from JSON)" },
	{ "only", 0, OPT_VALUE, "KIND", "operative: hide changes of preambular paragraphs and headings" },
	{ "pin", 0, OPT_MULTI, "OLD=NEW", "align clause OLD with clause NEW (repeatable)" },
	{ "unpin", 0, OPT_MULTI, "OLD=NEW", "never align clause OLD with clause NEW (repeatable)" },
	{ "concordance", 0, OPT_VALUE, "FILE", "pins from a file: OLD=NEW, OLD!=NEW or gold-format lines" },
	{ "min-confidence", 0, OPT_VALUE, "X", "matches less confident than X (0-1) become dropped + added" },
	{ "threshold", 0, OPT_VALUE, "X", "matches less similar than X (0-1) become dropped + added" },
	{ "manifest", 0, OPT_VALUE, "FILE", "corpus manifest: metadata for the inputs, and --series" },
	{ "series", 0, OPT_VALUE, "SLUG", "diff each consecutive pair of a series (stored, or of --manifest)" },
	{ "chain", 0, OPT_VALUE, "SYMBOL", "diff draft -> revisions -> adopted text, over the stored members "
		"of SYMBOL's draft chain (resdiff drafts)" },
	{ "exit-code", 0, OPT_FLAG, NULL, "exit 1 when there are changes, 0 when none" },
	{ "no-pager", 0, OPT_FLAG, NULL, "do not page the output on a terminal" },
	{ "timing", 0, OPT_FLAG, NULL, "print where the time went on standard error" },
	{ NULL, 0, 0, NULL, NULL }
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double render_seconds, align_seconds, edits_seconds, init_seconds;
static size_t align_work;  /* resdiff_alignment.work, summed over the pairs */

/* The inputs: the repository is opened on first use by a stored symbol. */
static cmd_input diff_input = CMD_INPUT_INIT;

/* Report an error unless it was reported when the repository failed to open. */
static int fail(void)
{
	return cmd_input_fail(&diff_input);
}

/* A number in [0, 1] for --threshold and --min-confidence: 0, or the
 * exit status of the error it printed. */
static int fraction_arg(double *out, const char *option, const char *value)
{
	char *end;
	*out = strtod(value, &end);
	if (end == value || *end || !(*out >= 0 && *out <= 1))
		return cmd_fail("%s takes a number between 0 and 1, not '%s'", option, value);
	return 0;
}

static bool use_color(const char *when)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (!when || !strcmp(when, "auto"))
		return isatty(STDOUT_FILENO) && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
	return !strcmp(when, "always");
}

/* Page like git: RESDIFF_PAGER, PAGER, or `less -FRX`; "" or "cat" off. */
static FILE *pager_open(void)
{
	const char *pager = getenv("RESDIFF_PAGER");
	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = "less -FRX";
	if (!*pager || !strcmp(pager, "cat"))
		return NULL;
	setenv("LESS", "FRX", 0);
	setenv("LV", "-c", 0);
	fflush(stdout);
	return popen(pager, "w");
}

/* The shell's exit statuses for a command it could not find or run. */
#define SHELL_NOT_FOUND 127
#define SHELL_NOT_RUN 126

static int write_out(const resdiff_buf *buf, bool page)
{
	FILE *pager = page ? pager_open() : NULL;
	int status;

	if (!pager)
		return cmd_write(buf);
	signal(SIGPIPE, SIG_IGN);  /* quitting the pager early is not an error */
	if (buf->size)
		(void)fwrite(buf->ptr, 1, buf->size, pager);
	status = pclose(pager);
	/* a pager that could not start took the output with it: written
	 * to the terminal instead, as git does */
	if (status != -1 && WIFEXITED(status) &&
	    (WEXITSTATUS(status) == SHELL_NOT_FOUND || WEXITSTATUS(status) == SHELL_NOT_RUN)) {
		fprintf(stderr, "resdiff: the pager could not be run (RESDIFF_PAGER, PAGER); "
			"the diff is written without it\n");
		return cmd_write(buf);
	}
	return CMD_EXIT_OK;
}

typedef struct {
	int (*render)(resdiff_buf *out, const resdiff_diff *diff,
			const resdiff_diff_render_options *opts);  /* the format's, or --stat's */
	unsigned flags;          /* the format's CMD_FORMAT_* (--stat: a line per diff) */
	bool stat;               /* --stat or --signals: a summary per pair */
	size_t series_pair;      /* 1, 2, ... while diffing a series; 0 otherwise */
	resdiff_diff_render_options ropts;
	resdiff_align_options aopts;
} diff_settings;

/* Amendments in a language that lacks an amendment phrase are written
 * in English: said once, on standard error (docs/LANGUAGES.md). */
static void note_amendments_lang(const resdiff_diff *diff, const diff_settings *s)
{
	static bool noted;
	const char *code = s->ropts.amend_lang ? s->ropts.amend_lang :
			   diff->alignment->new_doc->meta.language;
	const char *missing = NULL;
	if (noted || s->render != resdiff_render_diff_amendments || !code ||
	    !resdiff_lang_known(code) || !strcmp(resdiff_amendments_lang(code, &missing), code))
		return;
	noted = true;
	fprintf(stderr, "resdiff: %s: the amendments are written in English\n",
		cmd_amendments_lack(code, missing));
}

static int render(resdiff_buf *out, const resdiff_diff *diff, const diff_settings *s)
{
	double t0 = now();
	note_amendments_lang(diff, s);
	int error = s->render(out, diff, &s->ropts);
	render_seconds += now() - t0;
	return error;
}

/* One pair of a series: --stat names the pair, JSON is one line (JSON
 * Lines), HTML is one section of a single page with its own ids, and the
 * other formats leave a blank line between pairs. */
static int render_series_pair(resdiff_buf *out, const resdiff_diff *diff, const resdiff_doc *a,
		const resdiff_doc *b, diff_settings *s)
{
	char prefix[32];
	int error;

	if (s->series_pair > 1 && !(s->flags & (CMD_FORMAT_PAGE | CMD_FORMAT_LINES)) &&
	    (error = resdiff_buf_putc(out, '\n')) < 0)
		goto done;
	snprintf(prefix, sizeof(prefix), "p%zu-", s->series_pair);
	s->ropts.html_fragment = true;
	s->ropts.html_id_prefix = prefix;
	s->ropts.json_lines = true;
	if (s->stat) {
		const char *o = a->meta.symbol ? a->meta.symbol : s->ropts.old_source;
		const char *n = b->meta.symbol ? b->meta.symbol : s->ropts.new_source;
		if ((error = resdiff_text_sanitize(out, o, strlen(o), false)) < 0 ||
		    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
		    (error = resdiff_text_sanitize(out, n, strlen(n), false)) < 0 ||
		    (error = resdiff_buf_puts(out, ":")) < 0)
			goto done;
	}
	error = render(out, diff, s);
done:
	s->series_pair++;
	s->ropts.html_fragment = false;
	s->ropts.html_id_prefix = NULL;
	s->ropts.json_lines = false;
	return error;
}

/* Diff two documents into out; *changed says whether anything changed. */
static int diff_docs_pair(resdiff_buf *out, bool *changed, const resdiff_doc *a,
		const resdiff_doc *b, const char *old_arg, const char *new_arg, diff_settings *s)
{
	resdiff_diff *diff = NULL;
	int error;

	if (a->meta.language && b->meta.language && strcmp(a->meta.language, b->meta.language)) {
		/* two language versions are aligned by parallel, not diffed */
		resdiff_buf w = RESDIFF_BUF_INIT;
		if (resdiff_buf_printf(&w, "warning: %s is in %s and %s in %s: diff compares two versions "
				"of one text; 'resdiff parallel' aligns the language versions of a text",
				old_arg, resdiff_lang_get(a->meta.language)->name, new_arg,
				resdiff_lang_get(b->meta.language)->name) == 0)
			cmd_message(w.ptr);
		resdiff_buf_dispose(&w);
	}
	if ((error = resdiff_diff_docs(&diff, a, b, &s->aopts)) < 0)
		goto done;
	align_seconds += diff->align_seconds;
	align_work += diff->alignment->work;
	edits_seconds += diff->edits_seconds;
	init_seconds += diff->init_seconds;
	s->ropts.old_source = old_arg;
	s->ropts.new_source = new_arg;
	if (!s->series_pair) {
		if ((error = render(out, diff, s)) < 0)
			goto done;
	} else if ((error = render_series_pair(out, diff, a, b, s)) < 0) {
		goto done;
	}
	*changed |= resdiff_diff_has_changes(diff, &s->ropts);
done:
	resdiff_diff_free(diff);
	return error;
}

/* Diff one pair of arguments (files or stored symbols). */
static int diff_pair(resdiff_buf *out, bool *changed, const char *old_arg, const char *new_arg,
		const char *lang, const resdiff_manifest *manifest, diff_settings *s)
{
	resdiff_doc *a = NULL, *b = NULL;
	int error;

	if ((error = cmd_input_load_pair(&a, &b, &diff_input, old_arg, new_arg, lang, manifest)) == 0)
		error = diff_docs_pair(out, changed, a, b, old_arg, new_arg, s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return error;
}

/* Each consecutive pair of a stored series, in adoption order. */
static int diff_stored_series(resdiff_buf *out, bool *changed, const char *slug,
		const char *lang, diff_settings *s)
{
	resdiff_series_list *list = NULL;
	size_t i, k;
	int error;

	if ((error = cmd_input_store(&diff_input)) < 0)
		return error;
	if ((error = resdiff_store_series(&list, diff_input.store, slug, lang, false)) < 0)
		return error;
	for (i = 0; i < list->count && !error; i++) {
		const resdiff_series *sr = &list->series[i];
		resdiff_doc *prev = NULL, *cur = NULL;
		for (k = 0; k < sr->count && !error; k++) {
			/* the record holds each text with all its attributes */
			if ((error = resdiff_store_read(&cur, NULL, diff_input.store, sr->members[k].symbol,
					sr->members[k].language, NULL)) < 0)
				break;
			if (prev)
				error = diff_docs_pair(out, changed, prev, cur, sr->members[k - 1].symbol,
					sr->members[k].symbol, s);
			resdiff_doc_free(prev);
			prev = cur;
			cur = NULL;
		}
		resdiff_doc_free(prev);
		resdiff_doc_free(cur);
	}
	if (!error && s->series_pair == 1)
		error = resdiff_error_set(RESDIFF_ENOTFOUND,
			"series '%s' has fewer than two members in the repository", slug);
	resdiff_series_list_free(list);
	return error;
}

/* Each consecutive pair of the stored members of a draft chain: draft,
 * revisions, adopted text. A member the store lacks is named on standard
 * error and skipped. */
static int diff_stored_chain(resdiff_buf *out, bool *changed, const char *symbol,
		const char *lang, diff_settings *s)
{
	resdiff_draft_chain *chain = NULL;
	resdiff_doc *prev = NULL, *cur = NULL;
	const char *prev_symbol = NULL;
	size_t k;
	int error;

	if ((error = cmd_input_store(&diff_input)) < 0 ||
	    (error = resdiff_store_draft_chain(&chain, diff_input.store, symbol, lang)) < 0)
		goto done;
	for (k = 0; k < chain->count; k++) {
		const resdiff_chain_member *m = &chain->members[k];
		if (!m->stored) {
			resdiff_buf note = RESDIFF_BUF_INIT;
			if (resdiff_text_sanitize(&note, m->symbol, strlen(m->symbol), false) == 0)
				fprintf(stderr, "resdiff: %s (%s) is not stored: skipped\n", note.ptr,
					chain->language);
			resdiff_buf_dispose(&note);
			continue;
		}
		if ((error = resdiff_store_read(&cur, NULL, diff_input.store, m->symbol,
				chain->language, NULL)) < 0)
			goto done;
		if (prev && (error = diff_docs_pair(out, changed, prev, cur, prev_symbol, m->symbol,
				s)) < 0)
			goto done;
		resdiff_doc_free(prev);
		prev = cur;
		cur = NULL;
		prev_symbol = m->symbol;
	}
	if (s->series_pair == 1)
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "the draft chain of %s has fewer than two "
			"stored members (resdiff drafts %s)", chain->resolution, chain->resolution);
done:
	resdiff_doc_free(prev);
	resdiff_doc_free(cur);
	resdiff_draft_chain_free(chain);
	return error;
}

static int cmp_entry_date(const void *x, const void *y)
{
	const resdiff_manifest_entry *a = *(const resdiff_manifest_entry *const *)x;
	const resdiff_manifest_entry *b = *(const resdiff_manifest_entry *const *)y;
	int c = strcmp(a->date ? a->date : "", b->date ? b->date : "");
	return c ? c : strcmp(a->symbol, b->symbol);
}

int cmd_diff(int argc, char **argv)
{
	double t_start = now();
	cmd_args args;
	resdiff_concordance *pins = NULL;
	resdiff_manifest *manifest = NULL;
	const resdiff_manifest_entry **members = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	diff_settings s;
	const cmd_format *format;
	const char *color, *only, *concordance, *mpath, *series, *chain, *lang, *threshold, *min_confidence;
	const char **multi;
	size_t nmulti, i, nmembers = 0;
	bool changed = false, signals;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, diff_opts, argc, argv,
		"resdiff diff [--format=FORMAT] [--stat | --signals] [--ignore-rolling] [--only=operative] "
		"[--min-confidence X] [--lang LANG] [--no-pager] [--pin OLD=NEW]... [--unpin OLD=NEW]... "
		"[--concordance FILE] [--exit-code] OLD NEW\n"
		"       resdiff diff [--manifest FILE] --series SLUG [options]\n"
		"       resdiff diff --chain SYMBOL [options]",
		"Align two texts clause by clause and show what was added, reworded, dropped,\n"
		"moved, split or merged. OLD and NEW are files ('-' is standard input) or\n"
		"documents of the resdiff repository: a symbol ('2009/7', 'E/RES/2009/7') or\n"
		"SYMBOL@REV with REV a revision of the record ('2009/7@~1'). --series walks\n"
		"each consecutive pair of a stored series, or of a manifest's with --manifest.\n"
		"--chain walks a resolution's stored drafts and revisions to the adopted text.\n"
		"Exit status: 0, or 1 with --exit-code when there are changes; 2 on errors.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	memset(&s, 0, sizeof(s));
	s.stat = cmd_flag(&args, diff_opts, "stat");
	signals = cmd_flag(&args, diff_opts, "signals");
	color = cmd_arg(&args, diff_opts, "color");
	only = cmd_arg(&args, diff_opts, "only");
	concordance = cmd_arg(&args, diff_opts, "concordance");
	mpath = cmd_arg(&args, diff_opts, "manifest");
	series = cmd_arg(&args, diff_opts, "series");
	chain = cmd_arg(&args, diff_opts, "chain");
	lang = cmd_arg(&args, diff_opts, "lang");
	threshold = cmd_arg(&args, diff_opts, "threshold");
	min_confidence = cmd_arg(&args, diff_opts, "min-confidence");
	if ((rc = cmd_format_find(&format, "diff", cmd_arg(&args, diff_opts, "format"))) != CMD_EXIT_OK)
		goto done;
	if (s.stat && signals) {
		rc = cmd_fail("--stat and --signals are two summaries: pick one");
		goto done;
	}
	/* the summaries are text; the JSON carries both ("stats", and each
	 * change's "verb" and "rolling"), so another format is refused rather
	 * than silently printed as text */
	if ((s.stat || signals) && strcmp(format->name, "text")) {
		rc = cmd_fail("--%s prints text only, not --format=%s (JSON has the counts "
			"in \"stats\" and each change's \"verb\" and \"rolling\")",
			s.stat ? "stat" : "signals", format->name);
		goto done;
	}
	s.render = s.stat ? resdiff_render_diff_stat : signals ? resdiff_render_diff_signals :
		format->render.diff;
	s.flags = s.stat ? CMD_FORMAT_LINES : signals ? 0 : format->flags;
	s.ropts.ignore_rolling = cmd_flag(&args, diff_opts, "ignore-rolling");
	s.ropts.amend_lang = cmd_arg(&args, diff_opts, "amend-lang");
	if (color && strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
		rc = cmd_fail("--color takes auto, always or never, not '%s'", color);
		goto done;
	}
	if (only && strcmp(only, "operative")) {
		rc = cmd_fail("--only takes 'operative', not '%s'", only);
		goto done;
	}
	if ((threshold && (rc = fraction_arg(&s.aopts.threshold, "--threshold", threshold)) != 0) ||
	    (min_confidence && (rc = fraction_arg(&s.aopts.min_confidence, "--min-confidence",
			min_confidence)) != 0))
		goto done;
	s.ropts.color = (s.flags & CMD_FORMAT_COLOR) && use_color(color);
	s.ropts.only_operative = only != NULL;
	if (resdiff_concordance_new(&pins) < 0) {
		rc = cmd_fail("out of memory");
		goto done;
	}
	multi = cmd_multi(&args, diff_opts, "pin", &nmulti);
	for (i = 0; i < nmulti; i++)
		if (resdiff_concordance_add(pins, multi[i], false, "--pin") < 0) {
			rc = cmd_fail_last();
			goto done;
		}
	multi = cmd_multi(&args, diff_opts, "unpin", &nmulti);
	for (i = 0; i < nmulti; i++)
		if (resdiff_concordance_add(pins, multi[i], true, "--unpin") < 0) {
			rc = cmd_fail_last();
			goto done;
		}
	if (concordance && resdiff_concordance_load(pins, concordance) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	s.aopts.pins = pins->pins;
	s.aopts.pin_count = pins->count;
	if (mpath && resdiff_manifest_load(&manifest, mpath) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (series && chain) {
		rc = cmd_fail("--series and --chain are two walks: pick one");
		goto done;
	}
	if ((series || chain) && args.nargs) {
		rc = cmd_fail("--%s takes no OLD NEW arguments", series ? "series" : "chain");
		goto done;
	}
	if (chain && manifest) {
		rc = cmd_fail("--chain walks the stored chain; --manifest does not apply");
		goto done;
	}
	if (series || chain) {
		s.series_pair = 1;
		if (s.flags & CMD_FORMAT_PAGE) {
			char title[200];
			snprintf(title, sizeof(title), "%s %s", series ? "series" : "draft chain",
				series ? series : chain);
			if (resdiff_render_diff_html_open(&out, title, lang) < 0) {
				rc = cmd_fail_last();
				goto done;
			}
		}
	}
	if (chain) {
		if (diff_stored_chain(&out, &changed, chain, lang, &s) < 0) {
			rc = fail();
			goto done;
		}
	} else if (series && !manifest) {
		if (diff_stored_series(&out, &changed, series, lang, &s) < 0) {
			rc = fail();
			goto done;
		}
	} else if (series) {
		if (!(members = calloc(manifest->count + 1, sizeof(*members)))) {
			rc = cmd_fail("out of memory");
			goto done;
		}
		for (i = 0; i < manifest->count; i++)
			if (manifest->entries[i].series && !strcmp(manifest->entries[i].series, series))
				members[nmembers++] = &manifest->entries[i];
		if (nmembers < 2) {
			rc = cmd_fail("series '%s' has %zu document(s) in %s; a diff needs two",
				series, nmembers, mpath);
			goto done;
		}
		qsort(members, nmembers, sizeof(*members), cmp_entry_date);
		for (i = 0; i + 1 < nmembers; i++) {
			if (diff_pair(&out, &changed, members[i]->path, members[i + 1]->path,
					lang, manifest, &s) < 0) {
				rc = cmd_fail_last();
				goto done;
			}
		}
	} else {
		if (args.nargs != 2) {
			rc = cmd_fail("diff takes two inputs, OLD and NEW (see 'resdiff diff --help')");
			goto done;
		}
		if (!strcmp(args.args[0], "-") && !strcmp(args.args[1], "-")) {
			rc = cmd_fail("standard input ('-') can be only one of OLD and NEW");
			goto done;
		}
		if (diff_pair(&out, &changed, args.args[0], args.args[1], lang, manifest, &s) < 0) {
			rc = fail();
			goto done;
		}
	}
	if ((series || chain) && (s.flags & CMD_FORMAT_PAGE) && resdiff_render_diff_html_close(&out) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = write_out(&out, !cmd_flag(&args, diff_opts, "no-pager") && isatty(STDOUT_FILENO));
	if (rc == CMD_EXIT_OK && changed && cmd_flag(&args, diff_opts, "exit-code"))
		rc = CMD_EXIT_CHANGES;
	if (cmd_flag(&args, diff_opts, "timing")) {
		struct timespec cpu;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		/* libgit2 init: the wait for the start-up thread's init, if any */
		fprintf(stderr, "resdiff diff: read %.2f ms, parse %.2f ms, align %.2f ms, "
			"libgit2 init %.2f ms, word edits %.2f ms, render %.2f ms, command total %.2f ms; "
			"CPU before main %.2f ms, process CPU so far %.2f ms; align search steps %zu\n",
			diff_input.read_seconds * 1e3, diff_input.parse_seconds * 1e3, align_seconds * 1e3,
			init_seconds * 1e3,
			edits_seconds * 1e3, render_seconds * 1e3, (now() - t_start) * 1e3,
			cmd_startup_cpu_seconds * 1e3,
			((double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9) * 1e3, align_work);
	}
done:
	cmd_input_close(&diff_input);
	free(members);
	resdiff_concordance_free(pins);
	resdiff_manifest_free(manifest);
	resdiff_buf_dispose(&out);
	cmd_args_dispose(&args);
	return rc;
}
