/* man.c: the man pages, written from the same tables as --help: resdiff(1)
 * from the command table and the global options, resdiff-CMD(1) from the
 * option table, usage and description each command hands to
 * cmd_args_parse (`resdiff CMD --man`). The build writes them all with
 * `resdiff --man-pages DIR`. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

/* Text for roff: '\' and '-' escaped, and no line that starts with a
 * control character ('.' or '\''). */
static void roff_n(FILE *f, const char *s, size_t len)
{
	const char *end = s + len;
	bool line_start = true;
	for (; s < end; s++) {
		if (line_start && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
		line_start = *s == '\n';
	}
}

static void roff(FILE *f, const char *s)
{
	roff_n(f, s, strlen(s));
}

static void header(FILE *f, const char *page, const char *name, const char *summary)
{
	const char *p;
	fputs(".TH ", f);
	for (p = page; *p; p++)
		fputc(toupper((unsigned char)*p), f);
	fprintf(f, " 1 \"\" \"resdiff %s\" \"resdiff manual\"\n.SH NAME\n", RESDIFF_VERSION);
	roff(f, name);
	fputs(" \\- ", f);
	roff(f, summary);
	fputs("\n", f);
}

static void synopsis(FILE *f, const char *usage)
{
	const char *line, *end;
	fputs(".SH SYNOPSIS\n.ad l\n.nh\n", f);  /* wrapped, not justified nor hyphenated */
	for (line = usage; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		while (*line == ' ')
			line++;
		if (line != usage)
			fputs(".br\n", f);
		roff_n(f, line, (size_t)(end - line));
		fputs("\n", f);
	}
	fputs(".hy\n.ad b\n", f);
}

static void options(FILE *f, const cmd_opt *opts, const char *command, bool help)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t i;

	fputs(".SH OPTIONS\n", f);
	for (i = 0; opts && opts[i].name; i++) {
		fputs(".TP\n", f);
		if (opts[i].shortname)
			fprintf(f, "\\fB\\-%c\\fR, ", opts[i].shortname);
		fputs("\\fB\\-\\-", f);
		roff(f, opts[i].name);
		fputs("\\fR", f);
		if (opts[i].kind != OPT_FLAG) {
			fputs("=\\fI", f);
			roff(f, opts[i].arg);
			fputs("\\fR", f);
		}
		fputs("\n", f);
		roff(f, cmd_opt_help(&buf, &opts[i], command));
		fputs("\n", f);
	}
	if (help)
		fputs(".TP\n\\fB\\-\\-help\\fR\nshow the help of the command\n", f);
	resdiff_buf_dispose(&buf);
}

static const char *summary_of(const char *command)
{
	size_t i;
	for (i = 0; cmd_commands[i].name; i++)
		if (!strcmp(cmd_commands[i].name, command))
			return cmd_commands[i].summary;
	return "";
}

void cmd_man_command(FILE *f, const cmd_opt *opts, const char *usage, const char *description,
		const char *command)
{
	resdiff_buf buf = RESDIFF_BUF_INIT, page = RESDIFF_BUF_INIT;

	resdiff_buf_printf(&page, "resdiff-%s", command);
	header(f, page.ptr ? page.ptr : "resdiff", page.ptr ? page.ptr : "resdiff", summary_of(command));
	synopsis(f, cmd_usage(&buf, usage, command));
	if (description) {
		fputs(".SH DESCRIPTION\n", f);
		roff(f, description);
		fputs("\n", f);
	}
	options(f, opts, command, true);
	fputs(".SH SEE ALSO\n.BR resdiff (1)\n", f);
	resdiff_buf_dispose(&buf);
	resdiff_buf_dispose(&page);
}

static void man_resdiff(FILE *f)
{
	size_t i;

	header(f, "resdiff", "resdiff", "clause-by-clause history of United Nations resolutions");
	synopsis(f, cmd_global_usage);
	fputs(".SH DESCRIPTION\n", f);
	roff(f, cmd_global_description);
	fputs("\n", f);
	options(f, cmd_global_opts, "", false);
	fputs(".TP\n\\fB\\-\\-help\\fR\nlist the commands\n.SH COMMANDS\n", f);
	for (i = 0; cmd_commands[i].name; i++) {
		fputs(".TP\n.BR resdiff\\-", f);
		roff(f, cmd_commands[i].name);
		fputs(" (1)\n", f);
		roff(f, cmd_commands[i].summary);
		fputs("\n", f);
	}
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n\\fBRESDIFF_REPO\\fR\nthe resdiff repository when neither \\fB\\-C\\fR nor "
	      "\\fB\\-\\-repo\\fR is given\n"
	      ".TP\n\\fBRESDIFF_PAGER\\fR, \\fBPAGER\\fR\nthe pager of \\fBresdiff diff\\fR on a terminal "
	      "(default \\fBless \\-FRX\\fR; empty or \\fBcat\\fR: none)\n"
	      ".TP\n\\fBNO_COLOR\\fR\nwhen set and not empty, no colours unless \\fB\\-\\-color=always\\fR\n"
	      ".SH EXIT STATUS\n"
	      "0 on success (no changes, no findings); 1 when \\fBdiff \\-\\-exit\\-code\\fR found changes "
	      "or \\fBcheck\\fR found problems; 2 on usage, input or internal errors, a failed write "
	      "to standard output included.\n"
	      ".SH SEE ALSO\n.BR git (1)\n", f);
}

int cmd_man_pages(const char *dir)
{
	char path[4096];
	size_t i;

	for (i = 0; cmd_commands[i].name; i++) {
		char *argv[] = { (char *)cmd_commands[i].name, (char *)"--man", NULL };
		snprintf(path, sizeof(path), "%s/resdiff-%s.1", dir, cmd_commands[i].name);
		if (!freopen(path, "w", stdout))
			return cmd_fail("%s: %s", path, strerror(errno));
		if (cmd_commands[i].fn(2, argv) != CMD_EXIT_OK || fflush(stdout) != 0)
			return cmd_fail("%s: cannot write the man page", path);
	}
	snprintf(path, sizeof(path), "%s/resdiff.1", dir);
	if (!freopen(path, "w", stdout))
		return cmd_fail("%s: %s", path, strerror(errno));
	man_resdiff(stdout);
	return CMD_EXIT_OK;
}
