/* cmd_log.c: resdiff log [SERIES] [--lang LANG] [--stat] */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt log_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "only this language" },
	{ "stat", 0, OPT_FLAG, NULL, "units added, dropped and changed against the previous member (by id)" },
	{ NULL, 0, 0, NULL, NULL }
};

static int put_clean(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s, strlen(s), false);
}

/* Units added, dropped and changed (same id, other text) from a to b. */
static void unit_stat(const resdiff_doc *a, const resdiff_doc *b, size_t *added,
		size_t *dropped, size_t *changed)
{
	size_t i;
	*added = *dropped = *changed = 0;
	for (i = 0; i < b->unit_count; i++) {
		const resdiff_unit *u = resdiff_doc_unit_by_id(a, b->units[i].id);
		if (!u)
			(*added)++;
		else if (strcmp(u->text, b->units[i].text))
			(*changed)++;
	}
	for (i = 0; i < a->unit_count; i++)
		if (!resdiff_doc_unit_by_id(b, a->units[i].id))
			(*dropped)++;
}

int cmd_log(int argc, char **argv)
{
	cmd_args args;
	resdiff_store *store = NULL;
	resdiff_series_list *list = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *lang;
	bool stat;
	size_t i, j;
	int rc = CMD_EXIT_OK, r, error = 0;

	r = cmd_args_parse(&args, log_opts, argc, argv, "resdiff log [--lang LANG] [--stat] [SERIES]",
		"The members of each series in adoption order: date, symbol, number of units,\n"
		"title. Without SERIES, every series.");
	if (r)
		return r > 0 ? CMD_EXIT_OK : CMD_EXIT_ERROR;
	lang = cmd_arg(&args, log_opts, "lang");
	stat = cmd_flag(&args, log_opts, "stat");
	if (args.nargs > 1) {
		rc = cmd_fail("log takes at most one series");
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	if (resdiff_store_series(&list, store, args.nargs ? args.args[0] : NULL, lang, true) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	for (i = 0; i < list->count && !error; i++) {
		const resdiff_series *s = &list->series[i];
		error = resdiff_buf_printf(&out, "%s%s (%s)\n", i ? "\n" : "", s->slug, s->language);
		for (j = 0; j < s->count && !error; j++) {
			const resdiff_member *m = &s->members[j];
			if ((error = resdiff_buf_printf(&out, "  %s  ", m->date)) < 0 ||
			    (error = put_clean(&out, m->symbol)) < 0 ||
			    (error = resdiff_buf_printf(&out, "%*s %4zu units  ",
					(int)(strlen(m->symbol) < 16 ? 16 - strlen(m->symbol) : 0), "",
					m->doc->unit_count)) < 0 ||
			    (error = put_clean(&out, m->title ? m->title : "")) < 0 ||
			    (error = resdiff_buf_putc(&out, '\n')) < 0)
				break;
			if (stat && j > 0) {
				size_t a, d, c;
				unit_stat(s->members[j - 1].doc, m->doc, &a, &d, &c);
				error = resdiff_buf_printf(&out,
					"              %zu added, %zu dropped, %zu changed since %s\n",
					a, d, c, s->members[j - 1].symbol);
			}
		}
	}
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_buf_dispose(&out);
	resdiff_series_list_free(list);
	resdiff_store_free(store);
	cmd_args_dispose(&args);
	return rc;
}
