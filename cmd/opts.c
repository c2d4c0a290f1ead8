/* opts.c: declarative option tables, --help (and --man, cmd/man.c), and
 * error output. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *cmd_global_repo;

const char *cmd_usage(resdiff_buf *buf, const char *usage, const char *command)
{
	const char *at = strstr(usage, "--format=FORMAT");

	resdiff_buf_clear(buf);
	if (!at || resdiff_buf_put(buf, usage, (size_t)(at - usage) + strlen("--format=")) < 0 ||
	    cmd_format_list(buf, command, "|", false) <= 0 ||
	    resdiff_buf_puts(buf, at + strlen("--format=FORMAT")) < 0)
		return usage;
	return buf->ptr;
}

const char *cmd_opt_help(resdiff_buf *buf, const cmd_opt *opt, const char *command)
{
	if (opt->help || strcmp(opt->name, "format"))
		return opt->help ? opt->help : "";
	resdiff_buf_clear(buf);
	return cmd_format_list(buf, command, ", ", true) > 0 ? buf->ptr : "";
}

static void print_help(FILE *f, const cmd_opt *opts, const char *usage, const char *description,
		const char *command)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t i;
	fprintf(f, "usage: %s\n", cmd_usage(&buf, usage, command));
	if (description)
		fprintf(f, "\n%s\n", description);
	if (opts && opts[0].name)
		fprintf(f, "\noptions:\n");
	for (i = 0; opts && opts[i].name; i++) {
		char left[64];
		if (opts[i].kind == OPT_FLAG)
			snprintf(left, sizeof(left), "%s%c%s--%s", opts[i].shortname ? "-" : "",
				opts[i].shortname ? opts[i].shortname : ' ',
				opts[i].shortname ? ", " : "  ", opts[i].name);
		else
			snprintf(left, sizeof(left), "%s%c%s--%s=%s", opts[i].shortname ? "-" : "",
				opts[i].shortname ? opts[i].shortname : ' ',
				opts[i].shortname ? ", " : "  ", opts[i].name, opts[i].arg);
		fprintf(f, "  %-28s %s\n", left + (opts[i].shortname ? 0 : 1),
			cmd_opt_help(&buf, &opts[i], command));
	}
	fprintf(f, "  %-28s %s\n", "  --help", "show this help");
	resdiff_buf_dispose(&buf);
}

static int add_multi(cmd_args *out, size_t i, const char *value)
{
	const char **m = realloc(out->multi[i], (out->multi_count[i] + 2) * sizeof(*m));
	if (!m)
		return -1;
	m[out->multi_count[i]++] = value;
	m[out->multi_count[i]] = NULL;
	out->multi[i] = m;
	return 0;
}

/* A value whose placeholder is "LANG" is a language code, "LANG,..." a
 * list of them: one check for every command, in any case (lower-cased in
 * place). -1 when one is unknown (reported). */
static int lang_values_check(const cmd_opt opt, char *value)
{
	char option[64], *code = value, *end;
	size_t k;

	for (k = 0; value[k]; k++)
		value[k] = (char)tolower((unsigned char)value[k]);
	snprintf(option, sizeof(option), "--%s", opt.name);
	if (!strcmp(opt.arg, "LANG"))
		return cmd_lang_check(option, value) == CMD_EXIT_OK ? 0 : -1;
	for (;; code = end + 1) {
		int rc;
		if ((end = strchr(code, ',')))
			*end = '\0';
		rc = cmd_lang_check(option, code);
		if (end)
			*end = ',';
		if (rc != CMD_EXIT_OK)
			return -1;
		if (!end)
			return 0;
	}
}

int cmd_args_parse(cmd_args *out, const cmd_opt *opts, int argc, char **argv,
		const char *usage, const char *description)
{
	int i;
	bool only_args = false;

	memset(out, 0, sizeof(*out));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *value = NULL;
		size_t k, namelen;
		int found = -1;

		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			if (out->nargs >= CMD_MAX_ARGS) {
				fprintf(stderr, "resdiff: too many arguments (at most %d)\n", CMD_MAX_ARGS);
				return -1;
			}
			out->args[out->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help(stdout, opts, usage, description, argv[0]);
			return 1;
		}
		if (!strcmp(a, "--man")) {
			cmd_man_command(stdout, opts, usage, description, argv[0]);
			return 1;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			namelen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			for (k = 0; opts && opts[k].name; k++)
				if (strlen(opts[k].name) == namelen && !strncmp(opts[k].name, a + 2, namelen))
					found = (int)k;
			if (found >= 0 && eq)
				value = eq + 1;
			if (found >= 0 && eq && opts[found].kind == OPT_FLAG) {
				fprintf(stderr, "resdiff: option --%s takes no value\n", opts[found].name);
				goto usage;
			}
		} else if (a[2] == '\0') {
			for (k = 0; opts && opts[k].name; k++)
				if (opts[k].shortname == a[1])
					found = (int)k;
		} else {
			for (k = 0; opts && opts[k].name; k++)
				if (opts[k].shortname == a[1] && opts[k].kind != OPT_FLAG)
					found = (int)k, value = a + 2;
		}
		if (found < 0) {
			cmd_fail("unknown option '%s'", a);
			goto usage;
		}
		if (opts[found].kind == OPT_FLAG) {
			out->values[found] = "1";
			continue;
		}
		if (!value) {
			if (i + 1 >= argc) {
				fprintf(stderr, "resdiff: option --%s needs a value (%s)\n",
					opts[found].name, opts[found].arg);
				goto usage;
			}
			value = argv[++i];
		}
		if (opts[found].arg && !strncmp(opts[found].arg, "LANG", 4) &&
		    lang_values_check(opts[found], argv[i] + (value - argv[i])) < 0)
			return -1;  /* (value is in argv[i]) */
		out->values[found] = value;
		if (opts[found].kind == OPT_MULTI && add_multi(out, (size_t)found, value) < 0) {
			fprintf(stderr, "resdiff: out of memory\n");
			return -1;
		}
	}
	return 0;
usage:
	{
		resdiff_buf buf = RESDIFF_BUF_INIT;
		fprintf(stderr, "usage: %s\n(see 'resdiff %s --help')\n",
			cmd_usage(&buf, usage, argv[0]), argv[0]);
		resdiff_buf_dispose(&buf);
	}
	return -1;
}

void cmd_args_dispose(cmd_args *args)
{
	size_t i;
	for (i = 0; i < CMD_MAX_OPTS; i++)
		free(args->multi[i]);
	memset(args, 0, sizeof(*args));
}

static int opt_index(const cmd_opt *opts, const char *name)
{
	int i;
	for (i = 0; opts[i].name; i++)
		if (!strcmp(opts[i].name, name))
			return i;
	abort(); /* programming error: option not in the table */
}

const char *cmd_arg(const cmd_args *args, const cmd_opt *opts, const char *name)
{
	return args->values[opt_index(opts, name)];
}

bool cmd_flag(const cmd_args *args, const cmd_opt *opts, const char *name)
{
	return args->values[opt_index(opts, name)] != NULL;
}

const char **cmd_multi(const cmd_args *args, const cmd_opt *opts, const char *name, size_t *count)
{
	int i = opt_index(opts, name);
	*count = args->multi_count[i];
	return args->multi[i];
}

void cmd_message(const char *msg)
{
	const unsigned char *p;
	fputs("resdiff: ", stderr);
	for (p = (const unsigned char *)msg; *p; p++) {
		/* a name may hold any byte: none may start a line of its own */
		if (*p == '\n' && p[1] == ' ' && p[2] == ' ')
			fputc('\n', stderr);   /* "\n  candidate": an indented list */
		else if (*p < 0x20 && *p != '\t')
			fprintf(stderr, "\\x%02X", *p);
		else if (*p == 0x7F)
			fputs("\\x7F", stderr);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

int cmd_fail(const char *fmt, ...)
{
	resdiff_buf msg = RESDIFF_BUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && resdiff_buf_grow(&msg, (size_t)n + 1) == 0) {
		va_start(ap, fmt);
		vsnprintf(msg.ptr, (size_t)n + 1, fmt, ap);
		va_end(ap);
		cmd_message(msg.ptr);
	} else {
		cmd_message("out of memory");
	}
	resdiff_buf_dispose(&msg);
	return CMD_EXIT_ERROR;
}

int cmd_fail_last(void)
{
	const char *msg = resdiff_error_last();
	return cmd_fail("%s", msg[0] ? msg : "unknown error");
}

const char *cmd_amendments_lack(const char *code, const char *missing)
{
	static char say[160];
	const resdiff_lang *l = resdiff_lang_get(code);
	if (!l->section[RESDIFF_SECTION_AMENDMENT_PHRASES].count)
		snprintf(say, sizeof(say), "core/lang/%s.txt has no amendment phrases", l->code);
	else
		snprintf(say, sizeof(say), "core/lang/%s.txt lacks the amendment phrase '%s'",
			l->code, missing);
	return say;
}

int cmd_lang_check(const char *option, const char *lang)
{
	/* --amend-lang takes a language with every amendment phrase the
	 * writer says (resdiff_amendments_lang), --lang any */
	bool all = strcmp(option, "--amend-lang") != 0;
	resdiff_buf list = RESDIFF_BUF_INIT;
	const char *code[64], *missing = NULL;
	size_t i, n = 0;
	int rc;
	for (i = 0; i < resdiff_lang_count() && n < 64; i++)
		if (all || !strcmp(resdiff_amendments_lang(resdiff_lang_at(i)->code, NULL),
				resdiff_lang_at(i)->code))
			code[n++] = resdiff_lang_at(i)->code;
	for (i = 0; lang && i < n && strcmp(lang, code[i]); i++)
		;
	if (!lang || i < n)
		return CMD_EXIT_OK;
	for (i = 0; i < n; i++)
		resdiff_buf_printf(&list, "%s%s", !i ? "" : i + 1 < n || all ? ", " : " or ", code[i]);
	if (!all && resdiff_lang_known(lang))
		(void)resdiff_amendments_lang(lang, &missing);
	rc = all ? cmd_fail("unknown language '%s' (%s)", lang, list.ptr ? list.ptr : "") :
		missing ? cmd_fail("%s takes %s, not '%s': %s (docs/LANGUAGES.md)", option,
			list.ptr ? list.ptr : "", lang, cmd_amendments_lack(lang, missing)) :
		cmd_fail("%s takes %s, not '%s'", option, list.ptr ? list.ptr : "", lang);
	resdiff_buf_dispose(&list);
	return rc;
}

int cmd_write(const resdiff_buf *buf)
{
	if (buf->size && fwrite(buf->ptr, 1, buf->size, stdout) != buf->size)
		return cmd_fail("write error on standard output: %s", strerror(errno));
	return CMD_EXIT_OK;
}

int cmd_stdout_close(int rc)
{
	int failed, err;

	errno = 0;
	failed = fflush(stdout) != 0 || ferror(stdout);
	err = errno;
	if (fclose(stdout) != 0 && !failed)
		failed = 1, err = errno;
	if (!failed || rc == CMD_EXIT_ERROR)  /* an error was already reported */
		return rc;
	return err ? cmd_fail("write error on standard output: %s", strerror(err))
		   : cmd_fail("write error on standard output");
}
