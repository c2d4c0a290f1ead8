/*
 * memory.h (internal): pages mapped in bulk.
 *
 * A page of fresh memory costs this machine's kernel one trap at its
 * first write; on the shared VM of docs/PERFORMANCE.md the trap, not the
 * zeroing, is most of that cost (~13 us a page against ~7 us for the
 * same page mapped in bulk). An array about to be written in full is
 * mapped in one call instead (Linux's MADV_POPULATE_WRITE), so that its
 * writes find their pages. The whole 2 MiB pages of such a range are
 * asked for as huge pages first (MADV_HUGEPAGE, for that range only):
 * where the kernel has them, a huge page costs about what one small page
 * does, 512 times fewer. What it does not change: the contents (a page
 * already mapped keeps its bytes), and nothing is allocated or freed: the
 * caller owns p as before. Callers ask for pages they are about to write,
 * or a bounded number past them (an arena's last chunk, the grams mapped
 * ahead), so the pages the process holds stay about what they were.
 */
#ifndef RESDIFF_MEMORY_H
#define RESDIFF_MEMORY_H

#include <stdbool.h>
#include <stddef.h>

/* Below this many bytes the call costs about what the traps it saves do. */
#define MEMORY_POPULATE_MIN ((size_t)64 * 1024)
/* The x86-64 huge page: a range that holds whole ones asks for them. */
#define MEMORY_HUGE_PAGE ((size_t)2 * 1024 * 1024)

/* Map the whole pages of p[0..bytes) now, for writing. Advisory: false
 * (and nothing done) when the range holds no whole page, is under
 * MEMORY_POPULATE_MIN, or the kernel does not support it (before Linux
 * 5.14, other systems); the memory is usable either way. */
bool memory_populate(void *p, size_t bytes);

#endif
