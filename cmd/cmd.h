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
/* Write a buffer to stdout; returns CMD_EXIT_ERROR on a write error. */
int cmd_write(const resdiff_buf *buf);

int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_series(int argc, char **argv);
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

/* Open the resdiff repository named by -C/--repo, $RESDIFF_REPO or found
 * from the current directory upwards; warns on stderr about lock files
 * left behind. Prints the error and returns CMD_EXIT_ERROR on failure. */
struct resdiff_store;
int cmd_store_open(struct resdiff_store **out);
/* Print the store's notes (resdiff_store_notes) to stderr, one
 * "resdiff: ..." line each, and free it. */
void cmd_store_close(struct resdiff_store *store);

#endif
