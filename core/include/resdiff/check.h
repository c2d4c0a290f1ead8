/*
 * resdiff/check.h: checks on a corpus (docs/CHECK.md). Every text parses
 * with no diagnostic, no debris is left in a paragraph, metadata in the
 * text agrees with the manifest, and the manifest and the files agree.
 * Findings name the file and, where there is one, the line.
 *
 * Ownership: resdiff_findings_new() returns a list the caller frees with
 * resdiff_findings_free(); findings and their strings live as long as it.
 */
#ifndef RESDIFF_CHECK_H
#define RESDIFF_CHECK_H

#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/manifest.h"
#include "resdiff/parse.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	const char *file;     /* as given (manifest-relative paths joined) */
	size_t line;          /* 1-based, 0 when the finding has no line */
	const char *kind;     /* "parse", "diagnostic", "debris", "loss", "marker",
	                       * "shape", "misread", "metadata", "manifest", "import" */
	const char *message;
} resdiff_finding;

typedef struct resdiff_findings {
	resdiff_finding *items;
	size_t count, alloc;
	size_t accepted;      /* findings matched by a manifest "accept" line */
	resdiff_finding *notes; /* the parser's notes (kind "note"): listed, not
	                         * counted among the findings */
	size_t note_count, note_alloc;
	resdiff_arena *arena;
} resdiff_findings;

int resdiff_findings_new(resdiff_findings **out);
void resdiff_findings_free(resdiff_findings *f);
int resdiff_findings_add(resdiff_findings *f, const char *file, size_t line,
		const char *kind, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* A note of the parser (kind "note"): listed in f->notes, not counted
 * among the findings. The message is copied. */
int resdiff_findings_note(resdiff_findings *f, const char *file, size_t line, const char *msg);

/* resdiff_findings_add(), unless the message is one of `accept` (a NULL-
 * terminated list, may be NULL): then it is only counted in f->accepted. */
int resdiff_check_add(resdiff_findings *f, const char *file, size_t line, const char *kind,
		const char *const *accept, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* The parser's diagnostics of a parsed document: its warnings as findings
 * of kind "diagnostic" (those whose message is one of `accept`, may be
 * NULL, only counted in f->accepted), its notes in f->notes. What `import`
 * and `parse` print on standard error (resdiff_render_findings_lines). */
int resdiff_check_diagnostics(resdiff_findings *f, const resdiff_doc *doc, const char *file,
		const char *const *accept);

/* Findings in a parsed document: its diagnostics and any debris left in
 * a unit's text. `accept` (may be NULL) lists messages to let pass.
 * Diagnostics at the note level go to f->notes. */
int resdiff_check_doc(resdiff_findings *f, const resdiff_doc *doc, const char *file,
		const char *const *accept);

/* Every word and number of the source accounted for (the trace of the
 * parse that made `doc`): a unit's or footnote's text lost something of
 * its source lines ("loss"), or a footnote marker was taken in a weak form
 * while the same number stays glued to a word in the unit ("marker"). */
int resdiff_check_account(resdiff_findings *f, const resdiff_doc *doc,
		const resdiff_parse_trace *trace, const char *file, const char *const *accept);

/* A resolution the parser read as something else (kind "misread",
 * core/src/check_misread.c): a document read as a report whose
 * paragraphs mostly open as clauses do, and front-matter blocks (of
 * `trace`, may be NULL) that open and end as clauses. What opens a clause
 * is the word lists of the document's language (resdiff/lang.h). */
int resdiff_check_misread(resdiff_findings *f, const resdiff_doc *doc,
		const resdiff_parse_trace *trace, const char *file, const char *const *accept);

/* Read and parse one file (a file that does not parse is a finding, not an
 * error); with a manifest entry, also compare the metadata; and what
 * `import` would refuse (kind "import": no symbol, a language or date the
 * text contradicts, a draft that reads as adopted; resdiff/store.h). Path
 * "-" reads standard input, named "standard input" in the findings. */
int resdiff_check_file(resdiff_findings *f, const char *path,
		const resdiff_manifest_entry *entry, const char *language);

/* A manifest and every text it lists, plus the texts beside it that it
 * does not list. A manifest that does not load is a finding. */
int resdiff_check_manifest(resdiff_findings *f, const char *manifest_path);

/* A directory: its *.manifest files, or every *.txt and *.pdf in it when
 * it has none (resdiff_check_file with `language`), in byte order of
 * their names, so that the findings come in the same order on every file
 * system. A directory that cannot be opened is an error. */
int resdiff_check_dir(resdiff_findings *f, const char *dir, const char *language);

#ifdef __cplusplus
}
#endif
#endif
