/*
 * cmd.h: the CLI's shared pieces: the command table, declarative option
 * tables (which also print --help), exit codes and output helpers.
 * Commands are thin: they parse options, call core/, and print.
 */
#ifndef RESDIFF_CMD_H
#define RESDIFF_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include "resdiff/resdiff.h"

/* Exit codes, as git diff: 0 ok / no changes, 1 changes or findings,
 * 2 usage, input or internal errors. */
enum {
	CMD_EXIT_OK = 0,
	CMD_EXIT_CHANGES = 1,
	CMD_EXIT_ERROR = 2
};

#define CMD_MAX_OPTS 32
#define CMD_MAX_ARGS 4096

typedef enum { OPT_FLAG, OPT_VALUE, OPT_MULTI } cmd_opt_kind;

typedef struct {
	const char *name;     /* long name without "--" */
	char shortname;       /* 0 if none */
	cmd_opt_kind kind;
	const char *arg;      /* value placeholder for --help ("FORMAT") */
	const char *help;
} cmd_opt;

typedef struct {
	const char *values[CMD_MAX_OPTS]; /* last value (or "1" for flags), NULL if absent */
	const char **multi[CMD_MAX_OPTS]; /* OPT_MULTI: all values, NULL-terminated */
	size_t multi_count[CMD_MAX_OPTS];
	const char *args[CMD_MAX_ARGS];   /* positional arguments */
	int nargs;
} cmd_args;

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} cmd_command;

/* Output formats: one table (cmd/format.c) holds, per command, every
 * --format it prints and the renderer of each; a command's first row is
 * its default. A new format is a renderer in core/ plus one row. */
enum {
	CMD_FORMAT_COLOR = 1 << 0,  /* ANSI colours on a terminal (--color) */
	CMD_FORMAT_PAGE = 1 << 1,   /* one HTML page holds the diffs of a series */
	CMD_FORMAT_LINES = 1 << 2   /* JSON: a series is JSON Lines, one diff a line */
};

typedef struct {
	const char *command;  /* "diff" */
	const char *name;     /* "json" */
	const char *note;     /* shown in --help after the name, or NULL */
	unsigned flags;       /* CMD_FORMAT_* */
	union {               /* the member for what the command prints */
		int (*doc)(resdiff_buf *out, const resdiff_doc *doc, const char *source,
				const char *blob);
		int (*diff)(resdiff_buf *out, const resdiff_diff *diff,
				const resdiff_diff_render_options *opts);
		int (*findings)(resdiff_buf *out, const resdiff_findings *findings);
		int (*provenance)(resdiff_buf *out, const resdiff_provenance *prov);
		int (*stats)(resdiff_buf *out, const resdiff_series_stats *stats);
		int (*report)(resdiff_buf *out, const resdiff_report *report);
		int (*export_doc)(resdiff_buf *out, const resdiff_doc *doc,
				const resdiff_akn_options *opts);
		int (*parallel)(resdiff_buf *out, const resdiff_parallel *parallel,
				const resdiff_parallel_render_options *opts);
		int (*listing)(resdiff_buf *out, const struct resdiff_store_listing *list);
	} render;
} cmd_format;

/* The format `name` of `command`, its default when name is NULL. An
 * unknown name prints "unknown format 'x' (a, b, c)" with the command's
 * formats and returns CMD_EXIT_ERROR. */
int cmd_format_find(const cmd_format **out, const char *command, const char *name);
/* Append the names of command's formats, separated by sep; with notes,
 * "(default)" after the first and each row's note. Returns how many
 * (0: the command prints no formats) or a negative error. */
int cmd_format_list(resdiff_buf *out, const char *command, const char *sep, bool notes);

/* Global options given before the command (-C DIR, --repo DIR). */
extern const char *cmd_global_repo;

/* Parse argv[1..] (argv[0] is the command name) against opts. Prints
 * usage and returns -1 on a bad option; returns 1 when --help was shown. */
int cmd_args_parse(cmd_args *out, const cmd_opt *opts, int argc, char **argv,
		const char *usage, const char *description);
void cmd_args_dispose(cmd_args *args);
/* Value of the option named `name` (NULL if not given). */
const char *cmd_arg(const cmd_args *args, const cmd_opt *opts, const char *name);
bool cmd_flag(const cmd_args *args, const cmd_opt *opts, const char *name);
const char **cmd_multi(const cmd_args *args, const cmd_opt *opts, const char *name, size_t *count);

/* The usage line with "--format=FORMAT" spelled out from the table of
 * formats ("--format=text|json|summary"), and an option's help (that of
 * --format: the command's formats). Both may return text kept in buf. */
const char *cmd_usage(resdiff_buf *buf, const char *usage, const char *command);
const char *cmd_opt_help(resdiff_buf *buf, const cmd_opt *opt, const char *command);

/* Man pages (cmd/man.c), from the same tables as --help: the page of one
 * command (`resdiff CMD --man`), and every page into a directory
 * (`resdiff --man-pages DIR`: resdiff.1 and resdiff-CMD.1 per command). */
void cmd_man_command(FILE *f, const cmd_opt *opts, const char *usage, const char *description,
		const char *command);
int cmd_man_pages(const char *dir);

/* The command table (resdiff.c), NULL-terminated, and the global options,
 * usage and description of resdiff itself. */
extern const cmd_command cmd_commands[];
extern const cmd_opt cmd_global_opts[];
extern const char cmd_global_usage[];
extern const char cmd_global_description[];

/* Print "resdiff: <msg>" and a newline to stderr. Control characters in
 * msg are shown as \xHH (names may hold any byte), but for a newline that
 * starts an indented continuation line: nothing can fake a line. */
void cmd_message(const char *msg);
/* Print "resdiff: <msg>" to stderr as cmd_message does, and return
 * CMD_EXIT_ERROR. */
int cmd_fail(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
int cmd_fail_last(void);
/* CMD_EXIT_OK when the value of --lang (--amend-lang) is NULL or a code of
 * the language table (with amendment phrases); else cmd_fail() naming them.
 * cmd_args_parse calls it for every option whose placeholder is "LANG"
 * (each code of "LANG,..."),
 * after lower-casing the value in place: commands need not. */
int cmd_lang_check(const char *option, const char *lang);
/* "core/lang/fr.txt has no amendment phrases" (or "lacks the amendment
 * phrase 'move'") for a known language `code` whose amendments are
 * written in English, `missing` from resdiff_amendments_lang; a static
 * buffer, overwritten by the next call. */
const char *cmd_amendments_lack(const char *code, const char *missing);
/* Write a buffer to stdout; returns CMD_EXIT_ERROR on a write error. */
int cmd_write(const resdiff_buf *buf);
/* Flush and close stdout once the command has run: a write that failed
 * (a full disk, /dev/full) turns exit status rc into CMD_EXIT_ERROR with
 * one message, unless rc already is an error that was reported. */
int cmd_stdout_close(int rc);

/* How much of the parser's diagnostics import and parse show on stderr:
 * none (-q), the warnings (default), the notes too (-v). */
typedef enum { CMD_DIAG_QUIET, CMD_DIAG_WARNINGS, CMD_DIAG_NOTES } cmd_diag_level;
/* Print the diagnostics of `doc`, parsed from `path`, on stderr
 * (cmd/diagnostics.c): "FILE:LINE: diagnostic: message" each, then
 * "resdiff: FILE: N warnings"; warnings the manifest entry (may be NULL)
 * accepts stay hidden. 0, or a negative error with the last-error
 * message set (out of memory). */
int cmd_diagnostics_print(const resdiff_doc *doc, const char *path,
		const resdiff_manifest_entry *entry, cmd_diag_level level);

int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_drafts(int argc, char **argv);
/* The draft chain as `resdiff drafts` prints it (also diff --chain). */
int cmd_drafts_print(resdiff_buf *out, const resdiff_draft_chain *chain);
int cmd_show(int argc, char **argv);
int cmd_unlock(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_rm(int argc, char **argv);
int cmd_textconv(int argc, char **argv);
int cmd_install_diff_driver(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_blame(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_parallel(int argc, char **argv);
int cmd_amend(int argc, char **argv);
int cmd_clone(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
/* Print the unsettled conflicts ("SYMBOL\tlang\tHOW\n" lines of
 * resdiff_remote_conflicts) to stderr with how to settle them. */
void cmd_conflicts_print(const char *lines);
/* The same for the record of store, when it has any (log, show). */
void cmd_conflicts_note(struct resdiff_store *store);
/* When a listing command found nothing to print: say on stderr why (an
 * empty record, or nothing in language `lang`, may be NULL) and what
 * lists the rest; `what` is "series" or "document". */
void cmd_nothing_note(struct resdiff_store *store, const char *what, const char *lang);

/* Open the resdiff repository named by -C/--repo, $RESDIFF_REPO or found
 * from the current directory upwards; warns on stderr about lock files
 * left behind. Prints the error and returns CMD_EXIT_ERROR on failure. */
struct resdiff_store;
int cmd_store_open(struct resdiff_store **out);
/* Print the store's notes (resdiff_store_notes) to stderr, one
 * "resdiff: ..." line each, and free it. */
void cmd_store_close(struct resdiff_store *store);

/*
 * The seam between the command line and the documents (cmd/input.c): one
 * argument of diff or amend to a parsed document. An argument that names a
 * file ("-" is standard input) is parsed, with the manifest's metadata when
 * the manifest lists it; anything else is a stored symbol ("2009/7") or
 * SYMBOL@REV (REV a revision of the record: "~1", a commit) in the resdiff
 * repository found as git finds one (-C/--repo, $RESDIFF_REPO, the current
 * directory), opened on first use and kept in the cmd_input until
 * cmd_input_close. The caller frees *out with resdiff_doc_free.
 */
typedef struct {
	struct resdiff_store *store;  /* opened on first use; owned */
	bool store_failed;            /* opening it failed and was reported */
	double read_seconds, parse_seconds;
} cmd_input;

#define CMD_INPUT_INIT { NULL, false, 0, 0 }

int cmd_input_load(resdiff_doc **out, cmd_input *in, const char *arg, const char *lang,
		const struct resdiff_manifest *manifest);
/* Say on standard error, as "ARG: warning: WHY; THEN", when doc's text
 * contradicts the language (or date) it was read under
 * (resdiff_store_check_text); nothing otherwise. cmd_input_load says it
 * of every file read under --lang or a manifest's entry. */
void cmd_input_warn_language(const resdiff_doc *doc, const char *arg, const char *then);
/* OLD and NEW of a diff, as cmd_input_load each. Two files (neither a
 * stored symbol, each a regular file of 256 KiB or more) are read and
 * parsed at once, NEW on a thread of its own, when the load average
 * leaves a core idle; otherwise, or if the thread cannot start, one after
 * the other. On error
 * both are NULL and the last error is OLD's if OLD failed, else NEW's, on
 * the calling thread. read_seconds and parse_seconds grow by the slower of
 * the two. The caller frees both with resdiff_doc_free. */
int cmd_input_load_pair(resdiff_doc **old_doc, resdiff_doc **new_doc, cmd_input *in,
		const char *old_arg, const char *new_arg, const char *lang,
		const struct resdiff_manifest *manifest);
/* Open the repository if it is not open yet (its error is printed). */
int cmd_input_store(cmd_input *in);
/* Report the last error unless opening the repository failed (reported
 * then); returns CMD_EXIT_ERROR. */
int cmd_input_fail(const cmd_input *in);
void cmd_input_close(cmd_input *in);
/* Is arg, when no such file exists, a stored SYMBOL[@REV] to
 * cmd_input_load (not a mistyped file name)? */
bool cmd_input_is_symbol(const char *arg);
/* The name errors give an input file: "standard input" for "-", else
 * the argument itself (not a copy). */
const char *cmd_input_name(const char *arg);

/* Start-up (cmd/startup.c): libgit2 initialised on a thread from the first
 * line of main, joined and released by cmd_startup_end() before exit; CA
 * certificates are loaded only after cmd_tls_enable() (clone, pull, push:
 * core/ then loads the system bundle when a remote is reached over https). */
extern bool cmd_tls_certificates;
void cmd_tls_enable(void);
extern double cmd_startup_cpu_seconds;  /* CPU time before main */
void cmd_startup_begin(int argc, char **argv);
void cmd_startup_end(void);

#endif
