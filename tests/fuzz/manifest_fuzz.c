/* manifest_fuzz.c: fuzz target for the corpus manifest reader
 * (core/src/manifest.c, docs/MANIFEST.md): a manifest comes with a corpus
 * like the texts it lists. The input is written to a manifest file in a
 * private temporary directory (libgit2 reads config files from disk) and
 * loaded. Checked: every entry has its required fields, a valid date
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
	resdiff_manifest *m = NULL;
	FILE *f;
	size_t i;

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
	if (resdiff_manifest_load(&m, path) == 0) {
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
