/* repo.c: opening the repository for the commands that use one. */
#include "cmd.h"
#include <string.h>

/* Each line of `lines` as one "resdiff: <prefix><line>" message. */
static void print_lines(const char *prefix, const char *lines)
{
	resdiff_buf line = RESDIFF_BUF_INIT;
	const char *p, *nl;
	for (p = lines; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		resdiff_buf_clear(&line);
		if (resdiff_buf_puts(&line, prefix) < 0 || resdiff_buf_put(&line, p, (size_t)(nl - p)) < 0)
			break;
		cmd_message(line.ptr);
	}
	resdiff_buf_dispose(&line);
}

/* A writer waiting for another says so once, not silently for minutes. */
static void say_waiting(long holder_pid, long timeout_ms, void *payload)
{
	(void)payload;
	if (holder_pid)
		fprintf(stderr, "resdiff: waiting for another resdiff process (process %ld) to finish "
			"writing to this repository (up to %ld s; Ctrl-C stops)\n", holder_pid, timeout_ms / 1000);
	else
		fprintf(stderr, "resdiff: waiting for another resdiff process to finish writing to "
			"this repository (up to %ld s; Ctrl-C stops)\n", timeout_ms / 1000);
}

int cmd_store_open(resdiff_store **out)
{
	resdiff_buf report = RESDIFF_BUF_INIT;
	int n;

	if (resdiff_store_open(out, cmd_global_repo) < 0)
		return cmd_fail_last();
	resdiff_store_set_wait_cb(*out, say_waiting, NULL);
	n = resdiff_store_lock_check(&report, *out);
	if (n > 0) {
		/* each line names a lock file, as git does */
		print_lines("warning: ", report.ptr);
	}
	resdiff_buf_dispose(&report);
	return CMD_EXIT_OK;
}

void cmd_store_close(resdiff_store *store)
{
	if (!store)
		return;
	print_lines("", resdiff_store_notes(store));
	resdiff_store_free(store);
}

void cmd_conflicts_print(const char *lines)
{
	resdiff_buf msg = RESDIFF_BUF_INIT;
	const char *p, *nl;
	for (p = lines; p && *p; p = nl + 1) {
		const char *tab = strchr(p, '\t'), *tab2 = tab ? strchr(tab + 1, '\t') : NULL, *what;
		nl = strchr(p, '\n');
		if (!tab2 || !nl || tab2 > nl)
			break;
		/* SYMBOL\tlang\tHOW (resdiff_remote_conflicts) */
		if (!strncmp(tab2 + 1, "withdrawn-there", 15))
			what = "changed here and withdrawn on the other side; this copy's text is kept "
				"('theirs' withdraws it)";
		else if (!strncmp(tab2 + 1, "withdrawn-here", 14))
			what = "withdrawn here and changed on the other side; their text is kept aside "
				"('ours' withdraws it, 'theirs' takes their text)";
		else
			what = "changed differently on both sides; both texts are kept";
		resdiff_buf_clear(&msg);
		if (resdiff_buf_puts(&msg, "conflict: ") < 0 ||
		    resdiff_text_sanitize(&msg, p, (size_t)(tab - p), false) < 0 ||
		    resdiff_buf_printf(&msg, " (%.*s) %s: resdiff resolve '",
				(int)(tab2 - tab - 1), tab + 1, what) < 0 ||
		    resdiff_text_sanitize(&msg, p, (size_t)(tab - p), false) < 0 ||
		    resdiff_buf_printf(&msg, "' --lang %.*s --take=ours|theirs|FILE",
				(int)(tab2 - tab - 1), tab + 1) < 0)
			break;
		cmd_message(msg.ptr);
	}
	resdiff_buf_dispose(&msg);
}

void cmd_nothing_note(resdiff_store *store, const char *what, const char *lang)
{
	resdiff_store_listing *all = NULL;
	bool empty = resdiff_store_list(&all, store, NULL) == 0 && all->count == 0;
	if (empty)
		fprintf(stderr, "resdiff: note: no %s stored: the record is empty (import documents "
			"with 'resdiff import')\n", what);
	else if (lang)
		fprintf(stderr, "resdiff: note: no %s stored in language '%s' ('resdiff ls' lists "
			"every document)\n", what, lang);
	else
		fprintf(stderr, "resdiff: note: no %s stored ('resdiff ls' lists the documents in "
			"no series)\n", what);
	resdiff_error_clear();
	resdiff_store_listing_free(all);
}

void cmd_conflicts_note(resdiff_store *store)
{
	resdiff_buf lines = RESDIFF_BUF_INIT;
	if (resdiff_remote_conflicts(&lines, store) == 0 && lines.size)
		cmd_conflicts_print(lines.ptr);
	resdiff_buf_dispose(&lines);
}
