/*===- thread_pool.h - Fork-join pthread pool ----------------------*- C -*-===*
 *
 * The pool behind kiln_exec_ctx_t::parallel_for. One pool per model; the
 * thread that calls parallel_for works as worker 0 next to num_threads - 1
 * pool threads.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_THREAD_POOL_H
#define KILN_RUNTIME_LIB_THREAD_POOL_H

#include "kiln/runtime/kiln_runtime.h"

#include <stdbool.h>

typedef struct kiln_pool kiln_pool_t;

/** Starts a pool of `num_threads` workers (num_threads - 1 threads). On
 *  failure records an error and stores NULL. */
kiln_status_t kiln_pool_create(uint32_t num_threads, kiln_pool_t **pool);

/** Stops and joins the pool threads. No parallel_for may be running. NULL is
 *  a no-op. */
void kiln_pool_destroy(kiln_pool_t *pool);

/** Number of workers, including the calling thread. */
uint32_t kiln_pool_size(const kiln_pool_t *pool);

/** Whether the calling thread is running a task of a parallel_for (a
 *  parallel_for called now is nested and runs inline). */
bool kiln_pool_in_task(void);

/** The kiln_parallel_for_fn_t given to models; ctx->runtime_data is the
 *  pool. */
void kiln_pool_parallel_for(const kiln_exec_ctx_t *ctx, int64_t n,
                            kiln_task_fn_t task, void *data);

#endif /* KILN_RUNTIME_LIB_THREAD_POOL_H */
