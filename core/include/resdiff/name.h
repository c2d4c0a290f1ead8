/*
 * resdiff/name.h: the one reversible mapping from document symbols (and
 * languages, series slugs) to file and ref names. docs/NAMES.md describes it.
 *
 *   E/RES/2009/7      -> E_RES_2009_7
 *   A/66/64-E/2011/77 -> A_66_64-E_2011_77
 *   A/80/L.2          -> A_80_L.2
 *
 * '/' becomes '_'; ASCII letters, digits, '-' and '.' stay; every other
 * byte (including '_' and '%') becomes %XX. A '.' at the start, at the
 * end or after another '.' is escaped too, so no name is ".", "..",
 * ".git", contains ".." or ends in ".lock". Symbols with control
 * characters, empty symbols and symbols over RESDIFF_SYMBOL_MAX bytes are
 * refused (RESDIFF_EINVALID).
 *
 * Output strings are malloc'd; the caller frees them.
 */
#ifndef RESDIFF_NAME_H
#define RESDIFF_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_SYMBOL_MAX 128

/*
 * The one symbol grammar of every command: what `import` stores, `show`,
 * `diff`, `blame`, `trace` and `rm` resolve (a forgiving query such as
 * "2009/7" or the mapped "E_RES_2009_7" is a symbol too). A symbol is 1 to
 * RESDIFF_SYMBOL_MAX bytes of ASCII letters, digits, space and
 * / - . ( ) _ , + * : components separated by single '/', none empty, none
 * starting with '.' (so no ".", "..", ".git"), no space at either end, and
 * no '-' first (it would read as an option). '@' and ':' are not in it:
 * "SYMBOL@REV" and "SYMBOL:CLAUSE" are how commands name a revision and a
 * clause. RESDIFF_EINVALID says which rule failed.
 */
int resdiff_name_symbol_check(const char *symbol);

/* Symbol -> safe name component. */
int resdiff_name_from_symbol(char **out, const char *symbol);
/* Safe name component -> symbol (RESDIFF_EINVALID if not a mapped name). */
int resdiff_name_to_symbol(char **out, const char *name);

/* "E/RES/2009/7", "zh" -> "E_RES_2009_7.zh.txt" */
int resdiff_name_corpus_file(char **out, const char *symbol, const char *lang);
/* "E_RES_2009_7.zh.txt" -> symbol and language (both malloc'd). */
int resdiff_name_parse_corpus_file(char **symbol, char **lang, const char *filename);

/* Language codes: 2-3 lower-case ASCII letters. Series slugs: lower-case
 * ASCII letters, digits and '-', not starting with '-', 1-64 bytes. */
bool resdiff_name_language_ok(const char *lang);
bool resdiff_name_series_ok(const char *slug);

/*
 * What kind of document a symbol names (docs/DRAFTS.md). A resolution
 * symbol has a component "RES" followed by at least one more component
 * ("A/RES/80/1", "E/RES/2017/21", "S/RES/2334 (2016)"). A draft symbol has
 * a component "L.<digits>" ("A/80/L.2", "E/2017/L.24", "A/C.2/80/L.3") and
 * may end in a revision "/Rev.<digits>" ("A/80/L.2/Rev.1"). Both take a
 * valid symbol (resdiff_name_symbol_check); anything else is false.
 */
bool resdiff_name_is_resolution(const char *symbol);
bool resdiff_name_is_draft(const char *symbol);
/* For a draft symbol: the length of its base draft (the symbol without its
 * "/Rev.N") and N in *revision (0 for the draft itself). Returns false for
 * a symbol that is not a draft. */
bool resdiff_name_draft_base(size_t *base_len, unsigned *revision, const char *symbol);

#ifdef __cplusplus
}
#endif
#endif
