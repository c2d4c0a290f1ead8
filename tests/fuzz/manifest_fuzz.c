/* manifest_fuzz.c: fuzz target for the corpus manifest reader
 * (core/src/manifest.c, docs/MANIFEST.md): a manifest comes with a corpus
 * like the texts it lists. The input is written to a manifest file in a
 * private temporary directory (libgit2 reads config files from disk) and
 * loaded, by the default reader and by libgit2's alone, which must agree
 * (the same result, the same entries). Checked also: every entry has its required fields, a valid date
 * when it has one, and is the one resdiff_manifest_find returns for its
 * symbol and language. Its seeds in tests/fuzz/manifest_seeds replay in
 * every test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096], path[4200];

static void remove_dir(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_manifest *m = NULL, *g = NULL;
	FILE *f;
	size_t i;
	int r;

	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/resdiff-manifest-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/manifest", dir);
		atexit(remove_dir);
	}
	if (!(f = fopen(path, "wb")) || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	r = resdiff_manifest_load(&m, path);
	/* resdiff's own reader (taken when the file is of its plain subset)
	 * and libgit2's agree: the same result, the same entries */
	if (resdiff_manifest_load_reader(&g, path, RESDIFF_MANIFEST_READ_LIBGIT2, NULL) != r ||
	    (m && (!g || g->count != m->count)))
		abort();
	for (i = 0; m && i < m->count; i++) {
		const resdiff_manifest_entry *x = &m->entries[i], *y = &g->entries[i];
		const char *fx[] = { x->name, x->symbol, x->language, x->body, x->kind, x->series,
			x->date, x->meeting, x->title, x->source, x->format, x->draft_of, x->path };
		const char *fy[] = { y->name, y->symbol, y->language, y->body, y->kind, y->series,
			y->date, y->meeting, y->title, y->source, y->format, y->draft_of, y->path };
		size_t k;
		for (k = 0; k < sizeof(fx) / sizeof(fx[0]); k++)
			if ((!fx[k]) != (!fy[k]) || (fx[k] && strcmp(fx[k], fy[k])))
				abort();
		if (x->accept_count != y->accept_count)
			abort();
		for (k = 0; k < x->accept_count; k++)
			if (strcmp(x->accept[k], y->accept[k]))
				abort();
	}
	resdiff_manifest_free(g);
	if (r == 0) {
		for (i = 0; i < m->count; i++) {
			const resdiff_manifest_entry *e = &m->entries[i];
			if (!e->name || !e->symbol || !e->language || !e->source || !e->path)
				abort();
			if (e->date && !resdiff_date_valid(e->date))
				abort();
			if (resdiff_manifest_find(m, e->symbol, e->language) != e)
				abort();
		}
	}
	resdiff_manifest_free(m);
	return 0;
}
