/* name_fuzz.c: fuzz target for the one mapping from symbols to file and
 * ref names (core/src/name.c, docs/NAMES.md), which reads symbols typed by
 * users, file names of a corpus directory and names found in a repository.
 * The input is one string (cut at the first NUL). Checked: a symbol that
 * maps comes back unchanged, and its name is never ".", "..", ".git",
 * never holds "..", '/', a control byte nor ends in ".lock"; a name read
 * back maps to itself; a corpus file name round-trips. Its seeds in
 * tests/fuzz/name_seeds replay in every test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *name)
{
	size_t n = strlen(name), i;

	if (!n || !strcmp(name, ".") || strstr(name, "..") || strchr(name, '/') ||
	    !strcmp(name, ".git") || (n >= 5 && !strcmp(name + n - 5, ".lock")))
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] >= 0x7F)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *name = NULL, *back = NULL, *file = NULL, *sym = NULL,
	     *lang = NULL, *name2 = NULL;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	(void)resdiff_name_symbol_check(s);
	(void)resdiff_name_language_ok(s);
	(void)resdiff_name_series_ok(s);
	if (resdiff_name_from_symbol(&name, s) == 0) {
		check_name(name);
		if (resdiff_name_to_symbol(&back, name) < 0 || strcmp(back, s))
			abort();
		if (resdiff_name_corpus_file(&file, s, "en") == 0) {
			if (resdiff_name_parse_corpus_file(&sym, &lang, file) < 0 ||
			    strcmp(sym, s) || strcmp(lang, "en"))
				abort();
		}
	}
	free(back);
	back = NULL;
	if (resdiff_name_to_symbol(&back, s) == 0) {
		/* a name read back is the name of what it maps to */
		if (resdiff_name_from_symbol(&name2, back) == 0 && strcmp(name2, s))
			abort();
	}
	free(sym);
	free(lang);
	sym = lang = NULL;
	(void)resdiff_name_parse_corpus_file(&sym, &lang, s);
	free(s);
	free(name);
	free(back);
	free(file);
	free(sym);
	free(lang);
	free(name2);
	return 0;
}
