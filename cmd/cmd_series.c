/* cmd_series.c: resdiff series */
#include "cmd.h"

#include <string.h>

static const cmd_opt series_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "only this language" },
	{ NULL, 0, 0, NULL, NULL }
};

int cmd_series(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_series_list *list = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	size_t i;
	int rc = CMD_EXIT_OK, r, error = 0;

	r = cmd_args_parse(&args, series_opts, argc, argv, "resdiff series [--lang LANG]",
		"The series (adoption-ordered histories) in the repository: slug, language,\n"
		"number of members, first and last adoption date, and the git ref.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_store_series(&list, store, NULL, cmd_arg(&args, series_opts, "lang"), false) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	for (i = 0; i < list->count && !error; i++) {
		const resdiff_series *s = &list->series[i];
		error = resdiff_buf_printf(&out, "%-24s %-3s %4zu member%s  %s .. %s  %s%s/%s\n",
			s->slug, s->language, s->count, s->count == 1 ? " " : "s", s->count ? s->members[0].date : "-",
			s->count ? s->members[s->count - 1].date : "-",
			RESDIFF_STORE_SERIES_PREFIX, s->slug, s->language);
	}
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
	if (rc == CMD_EXIT_OK && !list->count)  /* say why nothing is listed, as log and ls do */
		cmd_nothing_note(store, "series", cmd_arg(&args, series_opts, "lang"));
	if (rc == CMD_EXIT_OK)
		cmd_conflicts_note(store);
done:
	resdiff_buf_dispose(&out);
	resdiff_series_list_free(list);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
