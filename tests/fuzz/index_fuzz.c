/* index_fuzz.c: fuzz target for the parser of clause index files
 * (refs/resdiff/index, docs/PROVENANCE.md): files in a repository are
 * input like any other. Both modes run (with and without fingerprints) and
 * a parsed file's contract is checked: every link names a listed clause.
 * Its seeds in tests/fuzz/index_seeds replay in every test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "index_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int mode;
	for (mode = 0; mode < 2; mode++) {
		resdiff_arena *arena = resdiff_arena_new();
		index_entry e;
		size_t i;
		if (!arena)
			abort();
		if (index_entry_parse(&e, arena, (const char *)data, size, "fuzz", mode == 1) == 0) {
			if (!e.symbol || !e.language)
				abort();
			for (i = 0; i < e.link_count; i++)
				if (e.links[i].unit >= e.unit_count || !e.links[i].src_symbol ||
				    !e.links[i].src_unit)
					abort();
			for (i = 0; mode == 1 && i < e.unit_count * RESDIFF_INDEX_SKETCH; i++)
				(void)e.sketch[i];
		}
		resdiff_arena_free(arena);
	}
	return 0;
}
