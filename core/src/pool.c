/* pool.c: a fixed set of threads that run batches of independent jobs
 * (pool.h). One mutex guards the batch: jobs are coarse (an alignment,
 * milliseconds), so taking one under the lock costs nothing that shows. */
#include "pool.h"
#include "resdiff/common.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_MESSAGE_MAX 1024

struct resdiff_pool {
	pthread_mutex_t mu;
	pthread_cond_t go;          /* a batch started, or quit */
	pthread_cond_t done;        /* the batch's last job returned */
	pthread_t workers[RESDIFF_POOL_THREADS_MAX];
	size_t started;             /* workers running */
	bool quit;
	uint64_t batch;             /* batches started so far */
	resdiff_pool_fn fn;
	void *ctx;
	size_t jobs, next, running; /* the batch: jobs, the next one to take,
	                               the ones running */
	size_t error_job;           /* the first failing job, or SIZE_MAX */
	int error;
	char message[POOL_MESSAGE_MAX];
};

/* Take and run the batch's jobs until none is left; called with p->mu
 * held, returns with it held. */
static void run_jobs(resdiff_pool *p)
{
	while (p->next < p->jobs) {
		size_t job = p->next++;
		resdiff_pool_fn fn = p->fn;
		void *ctx = p->ctx;
		int error;

		p->running++;
		pthread_mutex_unlock(&p->mu);
		error = fn(ctx, job);
		pthread_mutex_lock(&p->mu);
		if (error < 0 && job < p->error_job) {
			p->error_job = job;
			p->error = error;
			snprintf(p->message, sizeof(p->message), "%s", resdiff_error_last());
		}
		if (--p->running == 0 && p->next >= p->jobs)
			pthread_cond_broadcast(&p->done);
	}
}

static void *worker(void *arg)
{
	resdiff_pool *p = arg;
	uint64_t seen = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->batch == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit)
			break;
		seen = p->batch;
		run_jobs(p);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int resdiff_pool_new(resdiff_pool **out, size_t threads)
{
	resdiff_pool *p;

	*out = NULL;
	if (threads < 1 || threads > RESDIFF_POOL_THREADS_MAX)
		return resdiff_error_set(RESDIFF_EINVALID, "a pool of %zu threads (1 to %d)",
			threads, RESDIFF_POOL_THREADS_MAX);
	if (!(p = calloc(1, sizeof(*p))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if (pthread_mutex_init(&p->mu, NULL) != 0) {
		free(p);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory (a mutex)");
	}
	if (pthread_cond_init(&p->go, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		free(p);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory (a condition)");
	}
	if (pthread_cond_init(&p->done, NULL) != 0) {
		pthread_cond_destroy(&p->go);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory (a condition)");
	}
	p->error_job = SIZE_MAX;
	while (p->started + 1 < threads &&
	       pthread_create(&p->workers[p->started], NULL, worker, p) == 0)
		p->started++;
	*out = p;
	return 0;
}

size_t resdiff_pool_threads(const resdiff_pool *p)
{
	return p ? p->started + 1 : 1;
}

int resdiff_pool_run(resdiff_pool *p, size_t jobs, resdiff_pool_fn fn, void *ctx)
{
	int error = 0;
	size_t j;

	if (!jobs)
		return 0;
	if (!p || !p->started) {
		/* in order on the caller: the first failure stops the batch */
		for (j = 0; j < jobs; j++)
			if ((error = fn(ctx, j)) < 0)
				return error;
		return 0;
	}
	pthread_mutex_lock(&p->mu);
	p->fn = fn;
	p->ctx = ctx;
	p->jobs = jobs;
	p->next = 0;
	p->running = 0;
	p->error_job = SIZE_MAX;
	p->error = 0;
	p->batch++;
	pthread_cond_broadcast(&p->go);
	run_jobs(p);
	while (p->running)
		pthread_cond_wait(&p->done, &p->mu);
	if (p->error_job != SIZE_MAX) {
		error = p->error;
		resdiff_error_set(error, "%s", p->message);
	}
	p->fn = NULL;
	p->ctx = NULL;
	pthread_mutex_unlock(&p->mu);
	return error;
}

void resdiff_pool_free(resdiff_pool *p)
{
	size_t i;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->started; i++)
		pthread_join(p->workers[i], NULL);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->go);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
