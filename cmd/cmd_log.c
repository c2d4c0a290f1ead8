/* cmd_log.c: resdiff log [SERIES] [--lang LANG] [--stat] */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const cmd_opt log_opts[] = {
	{ "lang", 0, OPT_VALUE, "LANG", "only this language" },
	{ "stat", 0, OPT_FLAG, NULL, "clauses per relation of the differ against the previous member" },
	{ NULL, 0, 0, NULL, NULL }
};

static int put_clean(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s, strlen(s), false);
}

/* The differ's relations from the previous member to this one, both read
 * from the record (which keeps every attribute of a text). */
static int relation_stat(resdiff_buf *out, resdiff_store *store, const resdiff_member *prev,
		const resdiff_member *cur)
{
	resdiff_doc *a = NULL, *b = NULL;
	resdiff_alignment *al = NULL;
	int error;

	if ((error = resdiff_store_read(&a, NULL, store, prev->symbol, prev->language, NULL)) < 0 ||
	    (error = resdiff_store_read(&b, NULL, store, cur->symbol, cur->language, NULL)) < 0 ||
	    (error = resdiff_align(&al, a, b, NULL)) < 0)
		goto done;
	if ((error = resdiff_buf_printf(out,
			"              %zu unchanged, %zu reworded, %zu split, %zu merged, %zu added, "
			"%zu dropped; %zu moved, %zu renumbered since ",
			al->stats[RESDIFF_REL_UNCHANGED], al->stats[RESDIFF_REL_REWORDED],
			al->stats[RESDIFF_REL_SPLIT], al->stats[RESDIFF_REL_MERGED],
			al->stats[RESDIFF_REL_ADDED], al->stats[RESDIFF_REL_DROPPED],
			al->moved, al->renumbered)) < 0 ||
	    (error = put_clean(out, prev->symbol)) < 0)
		goto done;
	error = resdiff_buf_putc(out, '\n');
done:
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return error;
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
	if (lang && !resdiff_name_language_ok(lang)) {
		rc = cmd_fail("invalid language code '%s'", lang);
		goto done;
	}
	if ((rc = cmd_store_open(&store)) != CMD_EXIT_OK)
		goto done;
	cmd_conflicts_note(store);
	if (resdiff_store_series(&list, store, args.nargs ? args.args[0] : NULL, lang, true) < 0) {
		rc = cmd_fail_last();
		goto done;
	}
	if (!list->count)
		cmd_nothing_note(store, "series", lang);
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
			if (stat && j > 0)
				error = relation_stat(&out, store, &s->members[j - 1], m);
		}
	}
	rc = error < 0 ? cmd_fail_last() : cmd_write(&out);
done:
	resdiff_buf_dispose(&out);
	resdiff_series_list_free(list);
	cmd_store_close(store);
	cmd_args_dispose(&args);
	return rc;
}
