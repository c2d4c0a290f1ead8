/* cmd_init.c: resdiff init [DIR] */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cmd_opt init_opts[] = {
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_init(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_buf path = RESDIFF_BUF_INIT;
	const char *dir;
	struct stat st;
	bool created;
	int rc = CMD_EXIT_OK, r;

	r = cmd_args_parse(&args, init_opts, argc, argv, "resdiff init [DIR]",
		"Create a resdiff repository (a bare git repository) in DIR, by default the\n"
		"current directory (or the -C directory). DIR must be new or empty.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if (args.nargs > 1) {
		rc = cmd_fail("init takes at most one directory");
		goto done;
	}
	dir = args.nargs ? args.args[0] : ".";
	if (cmd_global_repo && dir[0] != '/')
		r = resdiff_buf_printf(&path, "%s/%s", cmd_global_repo, dir);
	else
		r = resdiff_buf_puts(&path, dir);
	/* a file: libgit2 said "failed to make directory 'F': directory exists" */
	if (r == 0 && stat(path.ptr, &st) == 0 && !S_ISDIR(st.st_mode)) {
		rc = cmd_fail("%s: a file, not a directory; resdiff init wants an empty or new "
			"directory", path.ptr);
		goto done;
	}
	if (r < 0 || resdiff_store_init(&store, &created, path.ptr) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	printf("%s resdiff repository in %s\n", created ? "Initialized empty" : "Reinitialized existing",
		resdiff_store_path(store));
done:
	resdiff_store_free(store);
	resdiff_buf_dispose(&path);
	cmd_args_dispose(&args);
	return rc;
}
