/* render_diff_markdown.c: the diff for a pull-request comment. */
#include "resdiff/diff.h"
#include "resdiff/text.h"

#include <string.h>

/* Markdown-escape text (and mask control characters): the characters
 * that make emphasis, code, links, HTML or tables are backslashed, and
 * those that start a list or heading when they open the text. */
static int put_md(resdiff_buf *out, const char *s, size_t len)
{
	resdiff_buf clean = RESDIFF_BUF_INIT;
	size_t i;
	int error;

	if ((error = resdiff_text_sanitize(&clean, s, len, true)) < 0)
		goto done;
	for (i = 0; i < clean.size && !error; i++) {
		char c = clean.ptr[i];
		if (c == '\n') {  /* clause boundary inside a split or merge */
			error = resdiff_buf_puts(out, " \xc2\xb6 ");
			continue;
		}
		if (c == '&') {  /* "&lt;" in a text must not become "<" */
			error = resdiff_buf_puts(out, "&amp;");
			continue;
		}
		if (strchr("\\`*_[]<>|~", c) || (i == 0 && strchr("#+-", c)))
			error = resdiff_buf_putc(out, '\\');
		if (!error)
			error = resdiff_buf_putc(out, c);
	}
done:
	resdiff_buf_dispose(&clean);
	return error;
}

static int put_ids(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	if (!n)
		return resdiff_buf_puts(out, "—");
	for (i = 0; i < n && !error; i++) {
		const char *id = doc->units[units[i]].id;
		if (i)
			error = resdiff_buf_puts(out, ", ");
		if (!error)
			error = put_md(out, id, strlen(id));
	}
	return error;
}

static int put_title(resdiff_buf *out, const resdiff_doc *doc, const char *source)
{
	const char *name = doc->meta.symbol ? doc->meta.symbol : source ? source : "?";
	int error = put_md(out, name, strlen(name));
	if (!error && doc->meta.date) {
		if ((error = resdiff_buf_puts(out, " (")) == 0 &&
		    (error = put_md(out, doc->meta.date, strlen(doc->meta.date))) == 0)
			error = resdiff_buf_putc(out, ')');
	}
	return error;
}

/* Word edits as <del>/<ins> (GitHub does not close ~~ or ** between CJK
 * punctuation and a letter). */
static int put_edits(resdiff_buf *out, const resdiff_edit *edits, size_t n)
{
	size_t k;
	int error = 0;
	for (k = 0; k < n && !error; k++) {
		const resdiff_edit *e = &edits[k];
		const char *open = e->op == RESDIFF_EDIT_DELETE ? "<del>" :
				   e->op == RESDIFF_EDIT_INSERT ? "<ins>" : "";
		const char *close = e->op == RESDIFF_EDIT_DELETE ? "</del>" :
				    e->op == RESDIFF_EDIT_INSERT ? "</ins>" : "";
		if ((error = resdiff_buf_puts(out, open)) < 0 ||
		    (error = put_md(out, e->text, e->len)) < 0)
			break;
		error = resdiff_buf_puts(out, close);
	}
	return error;
}

/* A line of text from out->ptr[start] on sits in a list item that an ID
 * opens, left to right: when it holds right-to-left letters it is closed
 * by U+200F, so that its final punctuation stays at its Arabic end. */
static int close_rtl(resdiff_buf *out, size_t start)
{
	if (!resdiff_text_has_rtl(out->ptr + start, out->size - start))
		return 0;
	return resdiff_buf_puts(out, "\xe2\x80\x8f");
}

/* The footnotes of a change whose footnotes changed, one line each:
 * "footnote 9 → 10: …", "footnote 3 (new): …", "footnote 4 (gone): …"
 * (after the clause's own line, if it has one). */
static int put_notes(resdiff_buf *out, const resdiff_diff *diff, size_t change, bool after)
{
	size_t k, n = diff->notes ? diff->note_count[change] : 0;
	int error = 0;
	for (k = 0; k < n && !error; k++) {
		const resdiff_footnote_edit *fe = &diff->notes[change][k];
		const resdiff_footnote *f = fe->old_note ? fe->old_note : fe->new_note;
		size_t start;
		if ((error = resdiff_buf_puts(out, k || after ? "  \n  footnote " : "footnote ")) < 0 ||
		    (error = put_md(out, f->label, strlen(f->label))) < 0)
			break;
		start = out->size;
		if (fe->old_note && fe->new_note) {
			if ((error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
			    (error = put_md(out, fe->new_note->label, strlen(fe->new_note->label))) < 0 ||
			    (error = resdiff_buf_puts(out, ": ")) < 0)
				break;
			error = put_edits(out, fe->edits, fe->edit_count);
		} else {
			if ((error = resdiff_buf_puts(out, fe->old_note ? " (gone): <del>" : " (new): <ins>")) < 0 ||
			    (error = put_md(out, f->text, strlen(f->text))) < 0)
				break;
			error = resdiff_buf_puts(out, fe->old_note ? "</del>" : "</ins>");
		}
		if (!error)
			error = close_rtl(out, start);
	}
	return error;
}

/* One verb; an Arabic one closed by a left-to-right mark, or the arrow
 * after it would take its direction and show the change backwards. */
static int put_verb(resdiff_buf *out, const char *verb)
{
	size_t len = strlen(verb);
	int error = put_md(out, verb, len);
	if (!error && resdiff_text_has_rtl(verb, len))
		error = resdiff_buf_puts(out, RESDIFF_TEXT_LRM);
	return error;
}

/* The change's signals in words: ", rolling update only", ", verb
 * strengthened: encourages → urges (+3)". */
static int put_signals(resdiff_buf *out, const resdiff_change_signals *sg)
{
	int error, shift;

	if ((sg->rolling && (error = resdiff_buf_puts(out, ", rolling update only")) < 0) ||
	    (!sg->rolling && sg->rolling_runs &&
	     (error = resdiff_buf_puts(out, ", partly rolling update")) < 0))
		return error;
	if (!sg->verb_changed)
		return 0;
	if ((error = resdiff_buf_printf(out, ", verb %s: ", resdiff_verb_word(&sg->verb))) < 0 ||
	    (error = put_verb(out, sg->verb.old_verb)) < 0 ||
	    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
	    (error = put_verb(out, sg->verb.new_verb)) < 0)
		return error;
	if (resdiff_verb_shift(&sg->verb, &shift) && shift &&
	    (error = resdiff_buf_printf(out, " (%+d rank%s)", shift, shift == 1 || shift == -1 ?
			"" : "s")) < 0)
		return error;
	return 0;
}

int resdiff_render_diff_markdown(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	static const resdiff_diff_render_options defaults = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	const resdiff_alignment *al = diff->alignment;
	resdiff_diff_counts counts;
	size_t i, line;
	int error;

	if (!opts)
		opts = &defaults;
	resdiff_diff_count(&counts, diff, opts);
	if ((error = resdiff_buf_puts(out, "### ")) < 0 ||
	    (error = put_title(out, al->old_doc, opts->old_source)) < 0 ||
	    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
	    (error = put_title(out, al->new_doc, opts->new_source)) < 0 ||
	    (error = resdiff_buf_puts(out, "\n\n| relation | clauses |\n|---|---:|\n")) < 0)
		return error;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if ((error = resdiff_buf_printf(out, "| %s | %zu |\n",
				resdiff_relation_name((resdiff_relation)i), counts.relations[i])) < 0)
			return error;
	if ((error = resdiff_buf_printf(out, "| moved | %zu |\n| renumbered | %zu |\n"
			"| rolling update only | %zu |\n| verb strengthened | %zu |\n"
			"| verb weakened | %zu |\n", counts.moved, counts.renumbered, counts.rolling,
			counts.strengthened, counts.weakened)) < 0 ||
	    (counts.rolling_hidden && (error = resdiff_buf_printf(out,
			"| rolling update only, hidden | %zu |\n", counts.rolling_hidden)) < 0) ||
	    (error = resdiff_buf_puts(out, "\n")) < 0)
		return error;
	if (resdiff_diff_identical(diff, NULL) &&
	    ((error = resdiff_diff_identical_say(out, diff)) < 0 ||
	     (error = resdiff_buf_puts(out, "\n\n")) < 0))
		return error;
	{	/* unchanged clauses are not listed: those only renumbered are named */
		size_t at = out->size;
		if ((error = resdiff_diff_renumbered_say(out, diff, opts)) < 0 ||
		    (out->size > at && (error = resdiff_buf_puts(out, "\n\n")) < 0))
			return error;
	}
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!resdiff_diff_change_shown(diff, i, opts) ||
		    (c->relation == RESDIFF_REL_UNCHANGED && !c->moved && !c->footnotes))
			continue;
		if ((error = resdiff_buf_puts(out, "- **")) < 0 ||
		    (error = put_ids(out, al->old_doc, c->old_units, c->old_count)) < 0 ||
		    (error = resdiff_buf_puts(out, " \xe2\x86\x92 ")) < 0 ||
		    (error = put_ids(out, al->new_doc, c->new_units, c->new_count)) < 0 ||
		    (error = resdiff_buf_printf(out, "** %s", resdiff_relation_name(c->relation))) < 0 ||
		    (resdiff_change_low_confidence(c) &&
		     (error = resdiff_buf_puts(out, " (low confidence)")) < 0))
			return error;
		if (c->similarity >= 0 && c->relation != RESDIFF_REL_UNCHANGED &&
		    (error = resdiff_buf_printf(out, " %.2f", c->similarity)) < 0)
			return error;
		if ((c->moved && (error = resdiff_buf_puts(out, ", moved")) < 0) ||
		    (c->renumbered && (error = resdiff_buf_puts(out, ", renumbered")) < 0) ||
		    (c->editorial && (error = resdiff_buf_puts(out, ", editorial")) < 0) ||
		    (c->footnotes && (error = resdiff_buf_puts(out, ", footnotes changed")) < 0) ||
		    (error = put_signals(out, &diff->signals[i])) < 0 ||
		    (error = resdiff_buf_puts(out, "  \n  ")) < 0)
			return error;
		line = out->size;
		if (c->relation == RESDIFF_REL_ADDED || c->relation == RESDIFF_REL_DROPPED) {
			const resdiff_doc *doc = c->new_count ? al->new_doc : al->old_doc;
			size_t idx = c->new_count ? c->new_units[0] : c->old_units[0];
			/* <ins>/<del>, not ** and ~~: GitHub does not close ~~ or **
			 * between CJK punctuation and a letter (found in review) */
			if ((error = resdiff_buf_puts(out, c->new_count ? "<ins>" : "<del>")) < 0 ||
			    (error = put_md(out, doc->units[idx].text, strlen(doc->units[idx].text))) < 0 ||
			    (error = resdiff_buf_puts(out, c->new_count ? "</ins>" : "</del>")) < 0)
				return error;
		}
		if ((error = put_edits(out, diff->edits[i], diff->edit_count[i])) < 0 ||
		    (error = close_rtl(out, line)) < 0 ||
		    (error = put_notes(out, diff, i, diff->edit_count[i] ||
				c->relation == RESDIFF_REL_ADDED || c->relation == RESDIFF_REL_DROPPED)) < 0 ||
		    (error = resdiff_buf_puts(out, "\n")) < 0)
			return error;
	}
	return 0;
}
