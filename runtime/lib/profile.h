/*===- profile.h - Per-kernel timing of CPU runs -------------------*- C -*-===*
 *
 * While profiling is on (kiln_set_profiling), kiln_run hands the model a
 * parallel_for that times each call around the pool's and adds it to the
 * model's table, keyed by the task function; the rest of a run's wall time
 * is the serial code between those calls.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_PROFILE_H
#define KILN_RUNTIME_LIB_PROFILE_H

#include "thread_pool.h"

#include <pthread.h>

typedef struct kiln_profile kiln_profile_t;

/** A zeroed table, or NULL when out of memory. */
kiln_profile_t *kiln_profile_create(void);
void kiln_profile_destroy(kiln_profile_t *profile);

/** The state of one profiled run: what the model's exec context points to
 *  instead of the pool. */
typedef struct kiln_profile_run {
  kiln_pool_t *pool;
  kiln_profile_t *profile;
  /// Wall time of this run's parallel_for calls, in seconds.
  double kernelSeconds;
} kiln_profile_run_t;

/** The parallel_for of profiled runs; ctx->runtime_data is a
 *  kiln_profile_run_t. */
void kiln_profile_parallel_for(const kiln_exec_ctx_t *ctx, int64_t n,
                               kiln_task_fn_t task, void *data);

/** Monotonic time in seconds. */
double kiln_profile_now(void);

/** Adds a finished run of `seconds` wall time to the table. */
void kiln_profile_end_run(kiln_profile_run_t *run, double seconds);

/** The table with kernel names resolved (see kiln_get_profile). */
kiln_status_t kiln_profile_snapshot(kiln_profile_t *profile,
                                    const kiln_profile_entry_t **entries,
                                    size_t *count, uint64_t *runs);

#endif /* KILN_RUNTIME_LIB_PROFILE_H */
