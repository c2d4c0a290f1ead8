/* cmd_clone.c: resdiff clone URL [DIR] */
#include "cmd.h"

#include <string.h>

static const cmd_opt clone_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_clone(int argc, char **argv)
{
	cmd_args args;
	resdiff_buf report = RESDIFF_BUF_INIT, path = RESDIFF_BUF_INIT;
	resdiff_pull_result res;
	const char *url, *dir, *base;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, clone_opts, argc, argv, "resdiff clone URL [DIR]",
		"Copy the resdiff repository at URL (a path, file://, ssh://, git:// or\n"
		"http(s)://) into DIR, a new bare repository whose remote 'origin' is URL:\n"
		"the record, the series views and the clause index, checked against the\n"
		"record. A stock 'git clone' (plain, --bare or --mirror) works too.\n"
		"Credentials: docs/STORE.md, \"Remotes\".");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	cmd_tls_enable();  /* an https remote needs the CA certificates */
	if (args.nargs < 1 || args.nargs > 2) {
		rc = cmd_fail("clone takes a URL and at most one directory (see 'resdiff clone --help')");
		goto done;
	}
	url = args.args[0];
	if (args.nargs == 2)
		dir = args.args[1];
	else {
		/* as git: the last component of the URL */
		size_t n = strlen(url);
		while (n > 1 && url[n - 1] == '/')
			n--;
		for (base = url + n; base > url && base[-1] != '/' && base[-1] != ':'; base--)
			;
		if (resdiff_buf_put(&path, base, (size_t)(url + n - base)) < 0) {
			rc = cmd_fail_last();
			goto done;
		}
		dir = path.ptr;
	}
	if (!dir[0]) {
		rc = cmd_fail("clone: name a directory (resdiff clone URL DIR)");
		goto done;
	}
	if (resdiff_remote_clone(&res, &report, url, dir) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	rc = cmd_write(&report);
done:
	resdiff_buf_dispose(&report);
	resdiff_buf_dispose(&path);
	cmd_args_dispose(&args);
	return rc;
}
