/* render_diff_html.c: one self-contained HTML page, side by side. No
 * script, no network; every text sanitised and HTML-escaped. */
#include "resdiff/lang.h"
#include "resdiff/diff.h"
#include "resdiff/render.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>

static const char STYLE[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222}"
	"table{border-collapse:collapse}"
	"table.summary td,table.summary th{border:1px solid #ccc;padding:.2em .6em;text-align:right}"
	"table.diff{width:100%;table-layout:fixed}"
	"table.diff td{border-top:1px solid #ddd;padding:.4em;vertical-align:top;line-height:1.6}"
	"table.diff .id{width:8em}table.diff td.id{font-family:monospace;white-space:nowrap}"
	"table.diff th{text-align:left;border-bottom:2px solid #888}"
	"tr.unchanged td{color:#888}"
	"tr.added td.new{background:#eaffea}tr.dropped td.old{background:#ffecec}"
	"tr.stub td{color:#888;font-style:italic}"
	"del{background:#ffc8c8;text-decoration:line-through}"
	"ins{background:#b8f0b8;text-decoration:none}"
	/* the relation label wraps inside the id column ("reworded 0.84
	 * footnotes" overflowed into the text beside it) */
	".rel{font-size:.8em;color:#555;display:block;white-space:normal;overflow-wrap:anywhere;"
	"font-family:sans-serif}"
	".fn{margin-top:.4em;font-size:.9em;color:#444}.fn .label{font-family:monospace}"
	"a{color:#0645ad}"
	/* signals: the verb's move and the rolling update, dimmed */
	".badge{display:inline-block;border-radius:.3em;padding:0 .3em;margin:.1em 0;color:#222}"
	".badge.strengthened{background:#ffd9a8}.badge.weakened{background:#c8dcff}"
	".badge.same,.badge.unranked{background:#e4e4e4}.badge.rolling{background:#eee;color:#666}"
	"del.rolling,ins.rolling{background:#eee;color:#666}";

static int esc(resdiff_buf *out, const char *s, size_t len)
{
	resdiff_buf clean = RESDIFF_BUF_INIT;
	int error;
	if ((error = resdiff_text_sanitize(&clean, s, len, true)) == 0)
		error = resdiff_html_escape(out, clean.ptr ? clean.ptr : "", clean.size);
	resdiff_buf_dispose(&clean);
	return error;
}

static int escs(resdiff_buf *out, const char *s)
{
	return esc(out, s ? s : "", s ? strlen(s) : 0);
}

/* Ids with anchors: o-OP6 / n-OP21 (ids are [A-Za-z0-9()] but escaped
 * anyway). */
static int put_ids(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n,
		const char *side, const char *pfx)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		const char *id = doc->units[units[i]].id;
		if ((error = resdiff_buf_printf(out, "%s<span id=\"%s%s-", i ? "<br>" : "", pfx, side)) < 0 ||
		    (error = escs(out, id)) < 0 || (error = resdiff_buf_puts(out, "\">")) < 0 ||
		    (error = escs(out, id)) < 0)
			break;
		error = resdiff_buf_puts(out, "</span>");
	}
	return error;
}

static int put_texts(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = resdiff_buf_puts(out, "<br>");
		if (!error)
			error = escs(out, doc->units[units[i]].text);
	}
	return error;
}

/* One side of the edits: equal runs plus this side's changes. */
static int put_edits(resdiff_buf *out, const resdiff_edit *e, size_t n, resdiff_edit_op mine)
{
	size_t i, k;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		const char *tag = e[i].op == RESDIFF_EDIT_DELETE ? "del" : "ins";
		if (e[i].op != RESDIFF_EDIT_EQUAL && e[i].op != mine)
			continue;
		if (e[i].op != RESDIFF_EDIT_EQUAL && (error = resdiff_buf_printf(out, "<%s%s>", tag,
				e[i].rolling ? " class=\"rolling\"" : "")) < 0)
			break;
		/* clause boundaries inside a split or merge become line breaks */
		for (k = 0; k < e[i].len && !error;) {
			const char *nl = memchr(e[i].text + k, '\n', e[i].len - k);
			size_t end = nl ? (size_t)(nl - e[i].text) : e[i].len;
			error = esc(out, e[i].text + k, end - k);
			if (!error && nl)
				error = resdiff_buf_puts(out, "<br>");
			k = end + (nl ? 1 : 0);
		}
		if (!error && e[i].op != RESDIFF_EDIT_EQUAL)
			error = resdiff_buf_printf(out, "</%s>", tag);
	}
	return error;
}

/* One side of the footnotes of a change whose footnotes changed: per
 * footnote a line "[9] text", its edits marked on this side. */
static int put_notes(resdiff_buf *out, const resdiff_diff *diff, size_t change, bool old_side)
{
	size_t k, n = diff->notes ? diff->note_count[change] : 0;
	int error = 0;
	for (k = 0; k < n && !error; k++) {
		const resdiff_footnote_edit *fe = &diff->notes[change][k];
		const resdiff_footnote *f = old_side ? fe->old_note : fe->new_note;
		if (!f)
			continue;
		if ((error = resdiff_buf_puts(out, "<div class=\"fn\"><span class=\"label\">[")) < 0 ||
		    (error = escs(out, f->label)) < 0 || (error = resdiff_buf_puts(out, "]</span> ")) < 0)
			break;
		if (fe->old_note && fe->new_note) {
			error = put_edits(out, fe->edits, fe->edit_count,
				old_side ? RESDIFF_EDIT_DELETE : RESDIFF_EDIT_INSERT);
		} else {
			const char *tag = old_side ? "del" : "ins";
			if ((error = resdiff_buf_printf(out, "<%s>", tag)) < 0 || (error = escs(out, f->text)) < 0)
				break;
			error = resdiff_buf_printf(out, "</%s>", tag);
		}
		if (!error)
			error = resdiff_buf_puts(out, "</div>");
	}
	return error;
}

/* The prefix of element ids (several diffs on one page). */
static const char *pfx(const resdiff_diff_render_options *opts)
{
	return opts && opts->html_id_prefix ? opts->html_id_prefix : "";
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A side's title: its symbol (and date), else its source. When the other
 * side has the very same symbol and date (a draft and its amended text,
 * two editions of one file), the source comes first, as in the text
 * format ("amended (A/80/L.2)"), so the two sides can be told apart. */
static int put_title(resdiff_buf *out, const resdiff_doc *doc, const resdiff_doc *other,
		const char *source)
{
	bool named = source && doc->meta.symbol && str_same(doc->meta.symbol, other->meta.symbol) &&
		     str_same(doc->meta.date, other->meta.date);
	int error = 0;
	if (named && ((error = escs(out, source)) < 0 || (error = resdiff_buf_puts(out, " (")) < 0))
		return error;
	error = escs(out, doc->meta.symbol ? doc->meta.symbol : source ? source : "?");
	if (!error && doc->meta.date) {
		if ((error = resdiff_buf_puts(out, named ? ", " : " (")) == 0 &&
		    (error = escs(out, doc->meta.date)) == 0 && !named)
			error = resdiff_buf_puts(out, ")");
	}
	if (!error && named)
		error = resdiff_buf_puts(out, ")");
	return error;
}

/* The stubs of moved clauses, each under the row of the change that holds
 * the old unit before the clause's first ("moved to"), or above every row
 * for a clause that was first: made in one pass over the changes, each
 * host's in change order. A pass over the changes per row was quadratic:
 * 9 % of the HTML diff of two texts of 10 000 paragraphs. first[h]: host
 * h's first stub (first[change_count]: the top's), next[m]: the stub after
 * m; STUB_NONE ends a list. */
#define STUB_NONE ((size_t)-1)

typedef struct {
	size_t *first, *next;
} stub_index;

static int stubs_index(stub_index *idx, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t n = al->change_count, m;

	idx->next = NULL;
	if (!(idx->first = malloc((n + 1) * sizeof(size_t))) ||
	    (n && !(idx->next = malloc(n * sizeof(size_t))))) {
		free(idx->first);
		idx->first = NULL;
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	for (m = 0; m <= n; m++)
		idx->first[m] = STUB_NONE;
	/* backwards, each pushed in front: every list in change order */
	for (m = n; m-- > 0;) {
		const resdiff_change *c = &al->changes[m];
		size_t h;
		if (!c->moved || !resdiff_diff_change_shown(diff, m, opts))
			continue;
		h = c->old_units[0] ? al->old_change[c->old_units[0] - 1] : n;
		idx->next[m] = idx->first[h];
		idx->first[h] = m;
	}
	return 0;
}

static void stubs_dispose(stub_index *idx)
{
	free(idx->first);
	free(idx->next);
}

/* The stubs under host's row (host == change_count: above every row). */
static int put_stubs(resdiff_buf *out, const resdiff_diff *diff, const stub_index *idx,
		size_t host, const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	size_t m;
	int error = 0;

	for (m = idx->first[host]; m != STUB_NONE && !error; m = idx->next[m]) {
		const resdiff_change *c = &al->changes[m];
		if ((error = resdiff_buf_printf(out, "<tr class=\"stub\" id=\"%ss%zu\"><td class=\"id\">",
				pfx(opts), m)) < 0 ||
		    (error = escs(out, al->old_doc->units[c->old_units[0]].id)) < 0 ||
		    (error = resdiff_buf_printf(out, "</td><td>moved to <a href=\"#%sc%zu\">", pfx(opts), m)) < 0 ||
		    (error = escs(out, al->new_doc->units[c->new_units[0]].id)) < 0)
			break;
		error = resdiff_buf_puts(out, "</a></td><td class=\"id\"></td><td></td></tr>\n");
	}
	return error;
}

/* The opening of a text cell: its class, and the lang of the document
 * its text is from, with dir="rtl" for a script written right to left
 * (Arabic), so a browser lays the text out and picks fonts right. */
static int text_cell(resdiff_buf *out, const char *cls, const resdiff_doc *doc)
{
	const char *code = doc->meta.language;
	const resdiff_lang *l = code && code[0] ? resdiff_lang_get(code) : NULL;
	int error;
	if ((error = resdiff_buf_printf(out, "</td><td class=\"%s\"", cls)) < 0)
		return error;
	if (code && code[0] && ((error = resdiff_buf_puts(out, " lang=\"")) < 0 ||
	    (error = escs(out, code)) < 0 || (error = resdiff_buf_putc(out, '"')) < 0))
		return error;
	if (l && l->script->rtl && (error = resdiff_buf_puts(out, " dir=\"rtl\"")) < 0)
		return error;
	return resdiff_buf_putc(out, '>');
}

static int page_open(resdiff_buf *out, const char *title_html, const char *lang)
{
	int error;
	if ((error = resdiff_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"")) < 0 ||
	    (error = escs(out, lang ? lang : "und")) < 0 ||
	    (error = resdiff_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>")) < 0 ||
	    (error = resdiff_buf_puts(out, title_html)) < 0)
		return error;
	return resdiff_buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", STYLE);
}

int resdiff_render_diff_html_open(resdiff_buf *out, const char *title, const char *lang)
{
	resdiff_buf t = RESDIFF_BUF_INIT;
	int error;
	if ((error = escs(&t, title ? title : "")) == 0 &&
	    (error = page_open(out, t.ptr ? t.ptr : "", lang)) == 0)
		error = resdiff_buf_printf(out, "<h1>%s</h1>\n", t.ptr ? t.ptr : "");
	resdiff_buf_dispose(&t);
	return error;
}

int resdiff_render_diff_html_close(resdiff_buf *out)
{
	return resdiff_buf_puts(out, "</body>\n</html>\n");
}

/* One verb; an Arabic one isolated, or the arrow after it would take its
 * direction and show the change backwards. */
static int put_verb(resdiff_buf *out, const char *verb)
{
	bool rtl = resdiff_text_has_rtl(verb, strlen(verb));
	int error;
	if ((rtl && (error = resdiff_buf_puts(out, "<bdi>")) < 0) || (error = escs(out, verb)) < 0)
		return error;
	return rtl ? resdiff_buf_puts(out, "</bdi>") : 0;
}

/* The change's signals as badges: the rolling update, the verb's move
 * ("↑ encourages → urges +3"). */
static int put_badges(resdiff_buf *out, const resdiff_change_signals *sg)
{
	const char *word = resdiff_verb_word(&sg->verb);
	int error, shift;

	if ((sg->rolling && (error = resdiff_buf_puts(out,
			" <span class=\"badge rolling\">rolling update</span>")) < 0) ||
	    (!sg->rolling && sg->rolling_runs && (error = resdiff_buf_puts(out,
			" <span class=\"badge rolling\">partly rolling</span>")) < 0))
		return error;
	if (!sg->verb_changed)
		return 0;
	if ((error = resdiff_buf_printf(out, " <span class=\"badge %s\" title=\"verb %s\">%s ",
			strcmp(word, "same rank") ? word : "same", word, resdiff_verb_mark(&sg->verb))) < 0 ||
	    (error = put_verb(out, sg->verb.old_verb)) < 0 ||
	    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
	    (error = put_verb(out, sg->verb.new_verb)) < 0)
		return error;
	if (resdiff_verb_shift(&sg->verb, &shift) &&
	    (error = resdiff_buf_printf(out, " %+d", shift)) < 0)
		return error;
	return resdiff_buf_puts(out, "</span>");
}

int resdiff_render_diff_html(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	static const resdiff_diff_render_options defaults = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	const resdiff_alignment *al = diff->alignment;
	resdiff_diff_counts counts;
	stub_index stubs = { NULL, NULL };
	size_t i;
	const char *lang = al->new_doc->meta.language ? al->new_doc->meta.language : "und";
	int error;

	if (!opts)
		opts = &defaults;
	resdiff_diff_count(&counts, diff, opts);
	if ((error = stubs_index(&stubs, diff, opts)) < 0)
		return error;
	if (!opts->html_fragment) {
		resdiff_buf title = RESDIFF_BUF_INIT;
		if ((error = put_title(&title, al->old_doc, al->new_doc, opts->old_source)) == 0 &&
		    (error = resdiff_buf_puts(&title, " \xe2\x86\x92 ")) == 0 &&
		    (error = put_title(&title, al->new_doc, al->old_doc, opts->new_source)) == 0)
			error = page_open(out, title.ptr, lang);
		resdiff_buf_dispose(&title);
		if (error < 0)
			goto done;
	}
	if ((error = resdiff_buf_printf(out, "<section id=\"%sdiff\">\n<h%c>", pfx(opts),
			opts->html_fragment ? '2' : '1')) < 0 ||
	    (error = put_title(out, al->old_doc, al->new_doc, opts->old_source)) < 0 ||
	    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
	    (error = put_title(out, al->new_doc, al->old_doc, opts->new_source)) < 0 ||
	    (error = resdiff_buf_printf(out, "</h%c>\n<table class=\"summary\" id=\"%ssummary\">\n"
			"<tr><th>relation</th><th>clauses</th></tr>\n",
			opts->html_fragment ? '2' : '1', pfx(opts))) < 0)
		goto done;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if ((error = resdiff_buf_printf(out, "<tr class=\"%s\"><th>%s</th><td>%zu</td></tr>\n",
				resdiff_relation_name((resdiff_relation)i),
				resdiff_relation_name((resdiff_relation)i), counts.relations[i])) < 0)
			goto done;
	if ((error = resdiff_buf_printf(out, "<tr><th>moved</th><td>%zu</td></tr>\n"
			"<tr><th>renumbered</th><td>%zu</td></tr>\n"
			"<tr class=\"rolling\"><th>rolling update only</th><td>%zu</td></tr>\n"
			"<tr class=\"strengthened\"><th>verb strengthened</th><td>%zu</td></tr>\n"
			"<tr class=\"weakened\"><th>verb weakened</th><td>%zu</td></tr>\n",
			counts.moved, counts.renumbered, counts.rolling, counts.strengthened,
			counts.weakened)) < 0 ||
	    (counts.rolling_hidden && (error = resdiff_buf_printf(out,
			"<tr class=\"hidden\"><th>rolling update only, hidden</th><td>%zu</td></tr>\n",
			counts.rolling_hidden)) < 0) ||
	    (error = resdiff_buf_puts(out, "</table>\n")) < 0 ||
	    (resdiff_diff_identical(diff, NULL) &&
	     ((error = resdiff_buf_printf(out, "<p class=\"identical\" id=\"%sidentical\">",
			pfx(opts))) < 0 ||
	      (error = resdiff_diff_identical_say(out, diff)) < 0 ||
	      (error = resdiff_buf_puts(out, "</p>\n")) < 0)) ||
	    (error = resdiff_buf_printf(out,
			"<table class=\"diff\" id=\"%stable\">\n<tr><th class=\"id\">old</th><th>",
			pfx(opts))) < 0 ||
	    (error = put_title(out, al->old_doc, al->new_doc, opts->old_source)) < 0 ||
	    (error = resdiff_buf_puts(out, "</th><th class=\"id\">new</th><th>")) < 0 ||
	    (error = put_title(out, al->new_doc, al->old_doc, opts->new_source)) < 0 ||
	    (error = resdiff_buf_puts(out, "</th></tr>\n")) < 0 ||
	    (error = put_stubs(out, diff, &stubs, al->change_count, opts)) < 0)
		goto done;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		const char *rel = resdiff_relation_name(c->relation);
		if (!resdiff_diff_change_shown(diff, i, opts))
			continue;
		if ((error = resdiff_buf_printf(out, "<tr class=\"%s%s\" id=\"%sc%zu\"><td class=\"id\">",
				rel, c->moved ? " moved" : "", pfx(opts), i)) < 0 ||
		    (error = put_ids(out, al->old_doc, c->old_units, c->old_count, "o", pfx(opts))) < 0 ||
		    (error = resdiff_buf_printf(out, "<span class=\"rel\">%s", rel)) < 0 ||
		    (resdiff_change_low_confidence(c) &&
		     (error = resdiff_buf_puts(out, " (low confidence)")) < 0))
			goto done;
		if (c->similarity >= 0 && c->relation != RESDIFF_REL_UNCHANGED &&
		    (error = resdiff_buf_printf(out, " %.2f", c->similarity)) < 0)
			goto done;
		if ((c->moved && (error = resdiff_buf_printf(out,
				" <a href=\"#%ss%zu\">moved</a>", pfx(opts), i)) < 0) ||
		    (c->renumbered && (error = resdiff_buf_puts(out, " renumbered")) < 0) ||
		    (c->editorial && (error = resdiff_buf_puts(out, " editorial")) < 0) ||
		    (c->footnotes && (error = resdiff_buf_puts(out, " footnotes")) < 0) ||
		    (error = put_badges(out, &diff->signals[i])) < 0 ||
		    (error = resdiff_buf_puts(out, "</span>")) < 0 ||
		    (error = text_cell(out, "old", al->old_doc)) < 0)
			goto done;
		if (diff->edit_count[i])
			error = put_edits(out, diff->edits[i], diff->edit_count[i], RESDIFF_EDIT_DELETE);
		else
			error = put_texts(out, al->old_doc, c->old_units, c->old_count);
		if (error < 0 || (error = put_notes(out, diff, i, true)) < 0 ||
		    (error = resdiff_buf_puts(out, "</td><td class=\"id\">")) < 0 ||
		    (error = put_ids(out, al->new_doc, c->new_units, c->new_count, "n", pfx(opts))) < 0 ||
		    (error = text_cell(out, "new", al->new_doc)) < 0)
			goto done;
		if (diff->edit_count[i])
			error = put_edits(out, diff->edits[i], diff->edit_count[i], RESDIFF_EDIT_INSERT);
		else
			error = put_texts(out, al->new_doc, c->new_units, c->new_count);
		if (error < 0 || (error = put_notes(out, diff, i, false)) < 0 ||
		    (error = resdiff_buf_puts(out, "</td></tr>\n")) < 0 ||
		    (error = put_stubs(out, diff, &stubs, i, opts)) < 0)
			goto done;
	}
	if ((error = resdiff_buf_puts(out, "</table>\n</section>\n")) == 0 && !opts->html_fragment)
		error = resdiff_render_diff_html_close(out);
done:
	stubs_dispose(&stubs);
	return error;
}
