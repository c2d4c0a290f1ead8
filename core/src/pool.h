/* pool.h: a fixed set of threads that run batches of independent jobs.
 *
 * resdiff_pool_run(p, n, fn, ctx) calls fn(ctx, 0) .. fn(ctx, n - 1), each
 * once, on the pool's workers and on the calling thread, and returns when
 * all have returned. The jobs of one batch must not depend on each other's
 * results, nor call libgit2 (they run on other threads; the caller keeps
 * every libgit2 call on its own thread between batches). The result of a
 * batch does not depend on which thread ran which job: a job writes only
 * its own slot. On failure the batch's first failing job by number (not by
 * time) gives the error code and its message, set on the calling thread,
 * so a failure reads the same whatever the thread count.
 *
 * A pool of one thread starts no thread and runs the jobs in order on the
 * caller. Ownership: the pool is the caller's (resdiff_pool_free). */
#ifndef RESDIFF_POOL_H
#define RESDIFF_POOL_H

#include <stddef.h>

/* Threads a pool may have, the caller's included. */
#define RESDIFF_POOL_THREADS_MAX 16

typedef struct resdiff_pool resdiff_pool;
typedef int (*resdiff_pool_fn)(void *ctx, size_t job);

/* A pool of `threads` threads (1 .. RESDIFF_POOL_THREADS_MAX: the caller
 * and threads - 1 workers). When a worker cannot be started the pool has
 * fewer (at least the caller): a pool never fails for lack of threads. */
int resdiff_pool_new(resdiff_pool **out, size_t threads);
/* The threads the pool runs jobs on, the caller's included. */
size_t resdiff_pool_threads(const resdiff_pool *p);
int resdiff_pool_run(resdiff_pool *p, size_t jobs, resdiff_pool_fn fn, void *ctx);
void resdiff_pool_free(resdiff_pool *p);

#endif
