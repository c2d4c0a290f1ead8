/* memory.c: pages mapped in bulk (memory.h). */
#define _DEFAULT_SOURCE  /* madvise, MADV_POPULATE_WRITE */
#include "memory.h"

#include <stdint.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

bool memory_populate(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	long sz = sysconf(_SC_PAGESIZE);
	size_t page = sz > 0 ? (size_t)sz : 4096;
	uintptr_t first, end;

	if (!p || bytes < MEMORY_POPULATE_MIN)
		return false;
	first = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
	end = ((uintptr_t)p + bytes) & ~(uintptr_t)(page - 1);
	if (end <= first)
		return false;
#ifdef MADV_HUGEPAGE
	{
		/* the whole huge pages of the range, mapped as such where the
		 * kernel has them (memory.h) */
		uintptr_t hfirst = (first + MEMORY_HUGE_PAGE - 1) & ~(uintptr_t)(MEMORY_HUGE_PAGE - 1);
		uintptr_t hend = end & ~(uintptr_t)(MEMORY_HUGE_PAGE - 1);
		if (hend > hfirst)
			madvise((void *)hfirst, hend - hfirst, MADV_HUGEPAGE);
	}
#endif
	return madvise((void *)first, end - first, MADV_POPULATE_WRITE) == 0;
#else
	(void)p;
	(void)bytes;
	return false;
#endif
}
