/*
 * resdiff/report.h: resdiff inside an ordinary git repository that holds a
 * corpus (docs/REPORT.md): the clause-level report of the corpus texts
 * changed between two revisions, and the git diff driver (textconv) that
 * makes stock `git diff` and `git log -p` show paragraphs.
 *
 * Pipeline: resdiff_report_build() reads both versions of every changed
 * text through libgit2, parses and diffs them (it never prints);
 * resdiff_render_report_markdown/json() walk the result (they never parse
 * nor touch git).
 *
 * Ownership: resdiff_report_build() returns a report the caller frees with
 * resdiff_report_free(); it owns its documents and diffs. Renderers and
 * resdiff_textconv() append to a caller-owned resdiff_buf.
 */
#ifndef RESDIFF_REPORT_H
#define RESDIFF_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/diff.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_REPORT_JSON_SCHEMA 1
/* Most changed files in one report (RESDIFF_ETOOBIG beyond). */
#define RESDIFF_REPORT_MAX_FILES 10000
/* The git attribute line and the diff driver's name. */
#define RESDIFF_DIFF_DRIVER "resdiff"
/* the files the driver is set for: texts and the PDFs users download */
#define RESDIFF_DIFF_DRIVER_PATTERNS { "*.txt", "*.pdf" }

/* The canonical reading form of a text (docs/FORMAT.md section 1: the
 * metadata header, one unit per line, the footnotes), as the diff driver
 * prints it. A text that does not parse is appended unchanged and
 * *parsed is false: git diff must never fail because of one file. */
int resdiff_textconv(resdiff_buf *out, bool *parsed, const char *text, size_t len,
		const char *language);

/* Configure the diff driver in the git repository found from `start`
 * (NULL: the current directory): diff.resdiff.textconv = `command`
 * (e.g. "/usr/bin/resdiff textconv") in the repository's config, and
 * "*.txt diff=resdiff" and "*.pdf diff=resdiff" in its .gitattributes
 * (info/attributes for a bare repository), each unless already there. `where` (may be NULL) receives a
 * line per file changed. */
int resdiff_diff_driver_install(resdiff_buf *where, const char *start, const char *command);

typedef enum {
	RESDIFF_REPORT_MODIFIED = 0,
	RESDIFF_REPORT_ADDED,
	RESDIFF_REPORT_DELETED,
	RESDIFF_REPORT_RENAMED
} resdiff_report_status;

/* "modified", "added", "deleted", "renamed" */
const char *resdiff_report_status_name(resdiff_report_status status);

typedef struct {
	const char *old_path;       /* NULL when added */
	const char *new_path;       /* NULL when deleted */
	resdiff_report_status status;
	char old_blob[41], new_blob[41];  /* "" when absent */
	resdiff_doc *old_doc;       /* owned; an empty document when absent */
	resdiff_doc *new_doc;       /* owned */
	resdiff_diff *diff;         /* owned; NULL when a side did not parse */
	const char *error;          /* the parse error, or NULL */
} resdiff_report_file;

typedef struct resdiff_report {
	const char *range;          /* as given, "REV1..REV2" */
	char old_commit[41], new_commit[41];
	resdiff_report_file *files; /* by path */
	size_t count;
	resdiff_arena *arena;
} resdiff_report;

typedef struct {
	const char *manifest;       /* path in the work tree, or NULL: every *.txt */
	const char *language;       /* parse language; NULL: manifest, then detect */
} resdiff_report_options;

#define RESDIFF_REPORT_OPTIONS_INIT { NULL, NULL }

/* Build the report of `range` ("REV1..REV2", or "REV" for REV^..REV) in
 * the git repository found from `start` (NULL: the current directory).
 * With a manifest, the texts it lists (sources relative to it) are the
 * corpus and give each text its language and metadata; without, every
 * changed *.txt is. A text that does not parse is kept with its error. */
int resdiff_report_build(resdiff_report **out, const char *start, const char *range,
		const resdiff_report_options *opts);
void resdiff_report_free(resdiff_report *report);

/* Markdown for a pull-request comment: a table of the files, then per file
 * the clause-level diff (resdiff_render_diff_markdown). */
int resdiff_render_report_markdown(resdiff_buf *out, const resdiff_report *report);
/* One JSON object (docs/REPORT.md) and a newline; each file carries the
 * diff object of docs/JSON-DIFF.md. */
int resdiff_render_report_json(resdiff_buf *out, const resdiff_report *report);

#ifdef __cplusplus
}
#endif
#endif
