/* repo.c: opening the repository for the commands that use one. */
#include "cmd.h"
#include <string.h>

int cmd_store_open(resdiff_store **out)
{
	resdiff_buf report = RESDIFF_BUF_INIT;
	int n;

	if (resdiff_store_open(out, cmd_global_repo) < 0)
		return cmd_fail_last();
	n = resdiff_store_lock_check(&report, *out);
	if (n > 0) {
		/* each line names a lock file, as git does */
		const char *p = report.ptr;
		while (*p) {
			const char *nl = strchr(p, '\n');
			fprintf(stderr, "resdiff: warning: %.*s\n", (int)(nl - p), p);
			p = nl + 1;
		}
	}
	resdiff_buf_dispose(&report);
	return CMD_EXIT_OK;
}

void cmd_store_close(resdiff_store *store)
{
	const char *p, *nl;

	if (!store)
		return;
	for (p = resdiff_store_notes(store); *p; p = nl + 1) {
		nl = strchr(p, '\n');
		fprintf(stderr, "resdiff: %.*s\n", (int)(nl - p), p);
	}
	resdiff_store_free(store);
}
