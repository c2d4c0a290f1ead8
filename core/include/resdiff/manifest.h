/*
 * resdiff/manifest.h: the corpus manifest (docs/MANIFEST.md).
 *
 * A manifest is a git-config file with one section per document (read by
 * resdiff's own reader when it has the plain form below, by libgit2's
 * config parser otherwise: the two agree, docs/MANIFEST.md "Reading"):
 *
 *   [document "E_RES_2009_7.zh"]
 *       symbol = E/RES/2009/7
 *       language = zh
 *       body = ECOSOC
 *       kind = resolution
 *       series = ecosoc-wsis
 *       date = 2009-07-24
 *       meeting = 36
 *       title = ...
 *       source = E_RES_2009_7.zh.txt
 *       format = text                       (or akn: Akoma Ntoso XML)
 *       accept = footnote 2 is not cited    (optional, repeatable)
 *       draft-of = A/RES/80/1               (a draft: the resolution it
 *                                           leads to; docs/DRAFTS.md)
 *
 * Ownership: resdiff_manifest_load() returns a manifest the caller frees
 * with resdiff_manifest_free(); entries and their strings live as long as
 * the manifest. Empty values are stored as NULL ("unknown").
 */
#ifndef RESDIFF_MANIFEST_H
#define RESDIFF_MANIFEST_H

#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_MANIFEST_MAX_DOCUMENTS 100000
/* A document section's name, in bytes with its NUL. */
#define RESDIFF_MANIFEST_NAME_MAX 512

typedef struct {
	const char *name;      /* the section's subsection name */
	const char *symbol;
	const char *language;
	const char *body;
	const char *kind;
	const char *series;
	const char *date;
	const char *meeting;
	const char *title;
	const char *source;    /* as written, relative to the manifest */
	const char *format;    /* of the source: "text" (NULL) or "akn" */
	const char *draft_of;  /* a draft's resolution symbol, or NULL */
	const char *path;      /* source joined to the manifest's directory */
	const char **accept;   /* known findings of the source text ("accept"
	                        * may be given several times), NULL-terminated */
	size_t accept_count;
} resdiff_manifest_entry;

typedef struct resdiff_manifest {
	const char *path;
	resdiff_manifest_entry *entries;
	size_t count;
	resdiff_arena *arena;
} resdiff_manifest;

/* Load and validate (required keys, valid dates, languages, series slugs,
 * kinds, unique symbol+language). Errors name the manifest file and the
 * document section. */
int resdiff_manifest_load(resdiff_manifest **out, const char *path);

/* As resdiff_manifest_load, for importing `files` (nfiles paths, as given
 * on the command line): every line's syntax is checked as there, but only
 * the sections whose source is one of the files (the file's path is the
 * source joined to the manifest's directory, or its base name is the
 * source) are taken, validated and checked for a shared symbol and
 * language; the others are not read past their syntax. One document into
 * a corpus of 10 001 sections read 229 M instructions of manifest this way
 * (docs/PERFORMANCE.md, section 5, "Seventh round"). A manifest that is
 * not of the plain form the own reader reads is read whole, as there. The
 * strings of `files` need not outlive the call. */
int resdiff_manifest_load_sources(resdiff_manifest **out, const char *path,
		const char *const *files, size_t nfiles);

/* Which reader parses the file's syntax. ANY: resdiff's own when the file
 * is of the plain subset it reads, libgit2's otherwise (what
 * resdiff_manifest_load does); LIBGIT2: libgit2's always; OWN: the own
 * reader only, RESDIFF_ENOTFOUND if the file is not of its subset. For
 * tests and benchmarks: the readers must give the same manifest and the
 * same errors. *used_own (may be NULL) says which one read it. */
typedef enum {
	RESDIFF_MANIFEST_READ_ANY,
	RESDIFF_MANIFEST_READ_LIBGIT2,
	RESDIFF_MANIFEST_READ_OWN
} resdiff_manifest_reader;

int resdiff_manifest_load_reader(resdiff_manifest **out, const char *path,
		resdiff_manifest_reader reader, int *used_own);
void resdiff_manifest_free(resdiff_manifest *manifest);

/* The entry for this symbol and language, or NULL. */
const resdiff_manifest_entry *resdiff_manifest_find(const resdiff_manifest *m,
		const char *symbol, const char *language);

/* Overwrite the document's metadata with the entry's known values. */
int resdiff_manifest_apply(resdiff_doc *doc, const resdiff_manifest_entry *entry);

/* True if s is a valid ISO 8601 calendar date YYYY-MM-DD. */
int resdiff_date_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
