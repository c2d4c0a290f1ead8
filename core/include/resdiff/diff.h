/*
 * resdiff/diff.h: the edit script of two documents (alignment + the word
 * edits of every reworded, split or merged clause) and its renderers.
 *
 * resdiff_diff_docs() runs the two diff stages: resdiff_align() and, for
 * each matched change that is not unchanged, resdiff_worddiff() on the old
 * texts joined in order ("\n" between clauses) against the new texts
 * joined in order. It neither parses nor touches git repositories nor
 * prints.
 *
 * The renderers walk a resdiff_diff: they never parse, never touch git
 * and never decide what changed. Text that reaches a terminal goes through
 * resdiff_text_sanitize(); JSON strings are escaped; nothing else is
 * interpreted.
 *
 * Ownership: resdiff_diff_docs() returns a diff the caller frees with
 * resdiff_diff_free(); it borrows both documents, which must outlive it.
 * Renderers append to a caller-owned resdiff_buf.
 */
#ifndef RESDIFF_DIFF_H
#define RESDIFF_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/json.h"
#include "resdiff/align.h"
#include "resdiff/worddiff.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_DIFF_JSON_SCHEMA 1

/* A footnote of a change whose footnotes changed, old beside new: the
 * footnotes its old and its new clauses cite, in citation order, without
 * those whose bodies are the same on both sides, paired in order. */
typedef struct {
	const resdiff_footnote *old_note;  /* borrowed from the old document; NULL: none */
	const resdiff_footnote *new_note;  /* borrowed from the new document; NULL: none */
	resdiff_edit *edits;               /* word edits of the body when both are there */
	size_t edit_count;
} resdiff_footnote_edit;

/* The opening verb of a matched change, old beside new (docs/DIFF.md,
 * "Verb strength"): the entry of the language's ladder the clause opens
 * with (the operative ladder for operative paragraphs and sub-paragraphs,
 * the preambular one for preambular paragraphs, docs/LANGUAGES.md), else
 * its leading verb as the language's leading-words list it, in
 * comparison form ("encourages", "also requests", "鼓励"). */
typedef struct {
	const char *old_verb;  /* in the diff's arena; NULL: none recognised */
	const char *new_verb;
	int old_rank;          /* the rank on its ladder; 0: unranked */
	int new_rank;
	bool same_ladder;      /* both clauses read on the same ladder */
} resdiff_verb_change;

/* The signed number of ranks from the old verb to the new (positive:
 * stronger) in *shift, and true; false when either verb is unranked or
 * the two are on different ladders (a preambular paragraph recast as
 * operative). */
bool resdiff_verb_shift(const resdiff_verb_change *verb, int *shift);

/* How the verb moved, in one mark: "↑" stronger, "↓" weaker, "=" the same
 * rank, "?" unranked. */
const char *resdiff_verb_mark(const resdiff_verb_change *verb);

/* The same in a word: "strengthened", "weakened", "same rank", "unranked"
 * (Markdown, HTML classes). */
const char *resdiff_verb_word(const resdiff_verb_change *verb);

/* What a negotiator reads first, per change (docs/DIFF.md, "Signals"). */
typedef struct {
	resdiff_verb_change verb;
	bool verb_changed;     /* reworded, split or merged, both opening verbs
	                          recognised, and different */
	bool rolling;          /* edited, and every edit of the clause and of
	                          its footnotes is a rolling update */
	size_t edit_runs;      /* runs of deletions and insertions (clause and
	                          footnotes; a footnote new or gone counts one) */
	size_t rolling_runs;   /* of them, rolling updates */
} resdiff_change_signals;

typedef struct resdiff_diff {
	resdiff_alignment *alignment;  /* owned */
	resdiff_edit **edits;          /* per change; NULL when none */
	size_t *edit_count;            /* per change */
	resdiff_footnote_edit **notes; /* per change; NULL when its footnotes did not change */
	size_t *note_count;            /* per change */
	resdiff_change_signals *signals; /* per change */
	long steps[2];                 /* what moved forward counts as a rolling
	                                  update: the numbers of sessions and
	                                  years between the two texts (0: none) */
	double align_seconds;          /* time spent in each stage */
	double init_seconds;           /* libgit2 init (once, when edits are needed) */
	double edits_seconds;          /* word edits, init excluded */
	resdiff_arena *arena;
} resdiff_diff;

int resdiff_diff_docs(resdiff_diff **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts);
void resdiff_diff_free(resdiff_diff *diff);



typedef struct {
	const char *old_source;  /* names shown for the two sides (paths, refs) */
	const char *new_source;
	bool color;              /* ANSI colours (text) */
	bool only_operative;     /* show only changes touching operative clauses
	                            (sub-paragraphs included) */
	const char *amend_lang;  /* amendments: a language code ("zh"); NULL: the new text's */
	bool html_fragment;      /* html: one <section>, for a page of several
	                            diffs (resdiff_render_diff_html_open/close) */
	const char *html_id_prefix; /* html: prefix of element ids ("p2-"), NULL: none */
	bool json_lines;         /* json: the whole object on one line (JSON Lines) */
	bool ignore_rolling;     /* hide changes that are only rolling updates
	                            (not moved) from text, Markdown and HTML;
	                            JSON keeps them */
} resdiff_diff_render_options;

#define RESDIFF_DIFF_RENDER_OPTIONS_INIT { NULL, NULL, false, false, NULL, false, NULL, false, false }

/* True when the diff has something to show under the options (anything
 * but unchanged clauses in place with the same footnotes, among the
 * changes --only=operative and --ignore-rolling keep; opts may be NULL):
 * `resdiff diff --exit-code`. */
bool resdiff_diff_has_changes(const resdiff_diff *diff, const resdiff_diff_render_options *opts);

/* Do the two texts read the same: every clause unchanged, in place, under
 * the same id and with the same footnotes, whatever the options hide?
 * *exact (may be NULL) says whether their clauses and footnotes are
 * besides the same byte for byte (else they differ only in characters
 * the comparison key folds: widths, quote and dash variants, docs/DIFF.md
 * "Comparison keys"). */
bool resdiff_diff_identical(const resdiff_diff *diff, bool *exact);

/* When the texts are identical (resdiff_diff_identical), append one
 * plain sentence saying so, counts included, no newline, no markup
 * ("The texts are identical: 62 clauses, 6 footnotes, none changed."):
 * the text, Markdown and HTML formats print it rather than nothing.
 * Appends nothing otherwise. */
int resdiff_diff_identical_say(resdiff_buf *out, const resdiff_diff *diff);

/* The clauses renumbered and otherwise unchanged (not moved, same text
 * and footnotes) among the changes shown under the options, appended as
 * one plain sentence in runs, no newline, no markup ("Renumbered, text
 * unchanged: OP3 → OP4, OP6–OP9 → OP8–OP11."): the text and Markdown
 * formats, which show no unchanged clause, print it so that a diff whose
 * only change is a number does not look empty. Appends nothing when
 * there are none. */
int resdiff_diff_renumbered_say(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);

/* Is this change shown under the options (--only=operative,
 * --ignore-rolling)? */
bool resdiff_diff_change_shown(const resdiff_diff *diff, size_t change,
		const resdiff_diff_render_options *opts);

/* The counts a summary shows, over the changes shown under the options. */
typedef struct {
	size_t relations[RESDIFF_REL_COUNT];
	size_t moved, renumbered;
	size_t rolling;          /* changes that are only rolling updates */
	size_t strengthened;     /* verb moved up its ladder */
	size_t weakened;         /* verb moved down */
	size_t rolling_hidden;   /* left out by ignore_rolling */
	size_t old_clauses, new_clauses; /* units of each side in the changes
	                         * only_operative keeps (all of them without it;
	                         * ignore_rolling hides none of these) */
} resdiff_diff_counts;

void resdiff_diff_count(resdiff_diff_counts *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);

/* git-like text: a header, then one block per change with its ids,
 * relation, similarity and flags, the edits inline ([-old-]{+new+}, or
 * red/green with colour). Unchanged clauses are shown only when they
 * moved or their footnotes changed. */
int resdiff_render_diff_text(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* One summary line: counts per relation, moved and renumbered. */
int resdiff_render_diff_stat(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* What a negotiator reads first (`resdiff diff --signals`, docs/DIFF.md,
 * "Signals"): the verbs that moved up or down their ladder, the clauses
 * changed only (or partly) by the rolling update, and what substance is
 * left, counted per relation. */
int resdiff_render_diff_signals(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* One JSON object (docs/JSON-DIFF.md, schema RESDIFF_DIFF_JSON_SCHEMA)
 * and a newline, one change per line (or all on one line with
 * json_lines). */
int resdiff_render_diff_json(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* The same object as a value of a larger JSON document being written. */
int resdiff_diff_json_write(resdiff_json *w, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* Markdown for a pull-request comment: a summary table, then the changes
 * with ~~deleted~~ and **inserted** text. */
int resdiff_render_diff_markdown(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);

/* One self-contained HTML page (no script, no network; a CSP forbids
 * both): a summary table, then every change side by side with inline
 * <del>/<ins> edits; a moved clause leaves a row at its old place linking
 * to where it went (and back). Every text is sanitised and escaped. */
int resdiff_render_diff_html(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);
/* A page holding several diffs (a series): open, then each diff rendered
 * with html_fragment and a distinct html_id_prefix, then close. */
int resdiff_render_diff_html_open(resdiff_buf *out, const char *title, const char *lang);
int resdiff_render_diff_html_close(resdiff_buf *out);

/* The changes as formal amendment instructions citing the old numbering
 * ("In operative paragraph 5, replace "…" with "…"", "Delete operative
 * paragraph 12", "在执行部分第5段中，将“…”改为“…”"), one numbered line
 * each, in the phrases of a language file (opts->amend_lang, else the new
 * text's language; English's for a language that lacks one of them:
 * resdiff_amendments_lang in resdiff/lang.h, docs/LANGUAGES.md). A clause with more than
 * a few edits, or little similarity, is replaced whole. */
int resdiff_render_diff_amendments(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts);

#ifdef __cplusplus
}
#endif
#endif
