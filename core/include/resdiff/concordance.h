/*
 * resdiff/concordance.h: pins for the aligner (resdiff/align.h) given by a
 * user: `diff --pin OLD=NEW`, `--unpin OLD=NEW` and concordance files
 * (`diff --concordance FILE`, docs/DIFF.md).
 *
 * A concordance file has one pin per line, "OLD=NEW" or "OLD!=NEW"
 * (never pair them), or a gold alignment line
 * "relation<TAB>old-ids<TAB>new-ids[<TAB>note]" whose comma-separated id
 * lists pin every old id to every new id ("-" for none). '#' starts a
 * comment; blank lines, leading spaces and trailing white space are
 * ignored. Errors (RESDIFF_EINVALID) name the file and its line; more than
 * RESDIFF_CONCORDANCE_MAX_PINS pins is RESDIFF_ETOOBIG.
 *
 * Ownership: resdiff_concordance_new() returns a concordance the caller
 * frees with resdiff_concordance_free(); its pins and their strings live
 * as long as it does (pass pins/count as resdiff_align_options.pins and
 * .pin_count).
 */
#ifndef RESDIFF_CONCORDANCE_H
#define RESDIFF_CONCORDANCE_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/align.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most pins read: what the aligner takes (a gold line pins every old id
 * to every new id, so a short line could ask for millions). */
#define RESDIFF_CONCORDANCE_MAX_PINS RESDIFF_ALIGN_MAX_PINS

typedef struct resdiff_concordance {
	resdiff_align_pin *pins;  /* in the order given */
	size_t count;
	size_t alloc;
	resdiff_arena *arena;
} resdiff_concordance;

int resdiff_concordance_new(resdiff_concordance **out);
void resdiff_concordance_free(resdiff_concordance *concordance);

/* Add one pin "OLD=NEW" or "OLD!=NEW". With forbid (--unpin) "OLD=NEW"
 * forbids the pair and "OLD!=NEW" is refused. `where` (may be NULL)
 * prefixes error messages ("--pin"). */
int resdiff_concordance_add(resdiff_concordance *concordance, const char *spec, bool forbid,
		const char *where);

/* Add the pins of a concordance file's bytes data[0..len); `name` (the
 * file's name) starts every error message, with the line number. */
int resdiff_concordance_read(resdiff_concordance *concordance, const char *data, size_t len,
		const char *name);

/* Read the file at path (resdiff_file_read) and add its pins. */
int resdiff_concordance_load(resdiff_concordance *concordance, const char *path);

#ifdef __cplusplus
}
#endif
#endif
