/*===- workers.c - Test model exposing the thread pool's chunking ----------===*
 *
 * Input x: f32 [10] (unused). Outputs:
 *   worker:      i32 [10], the worker that processed each index of a
 *                parallel_for over 10 indices;
 *   nested:      i32 [10], the worker seen by a parallel_for nested inside
 *                that one (it must run inline on the same worker);
 *   num_threads: i32 [] (a scalar), ctx->num_threads;
 *   visits:      i32 [10], how many times the outer parallel_for processed
 *                each index (1 when it is processed exactly once);
 *   max_worker:  i32 [], the largest worker that ran an index of the outer
 *                parallel_for in any call since the model was loaded (the
 *                other outputs show the last call only).
 * Each index of the outer loop busy-waits a few microseconds, so that the
 * pool's threads, not only the caller, claim chunks.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>

#define N 10

static const int64_t shape[1] = {N};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 1, shape}};
static const kiln_tensor_desc_t outputs[5] = {
    {"worker", KILN_DTYPE_I32, 1, shape},
    {"nested", KILN_DTYPE_I32, 1, shape},
    {"num_threads", KILN_DTYPE_I32, 0, NULL},
    {"visits", KILN_DTYPE_I32, 1, shape},
    {"max_worker", KILN_DTYPE_I32, 0, NULL},
};

static int32_t maxWorker = -1;

typedef struct outer_args {
  const kiln_exec_ctx_t *ctx;
  int32_t *worker;
  int32_t *nested;
  int32_t *visits;
} outer_args_t;

typedef struct inner_args {
  int32_t *nested;
  int64_t offset;
} inner_args_t;

static void inner(void *data, int64_t begin, int64_t end, uint32_t worker) {
  const inner_args_t *args = (const inner_args_t *)data;
  for (int64_t i = begin; i < end; ++i)
    args->nested[args->offset + i] = (int32_t)worker;
}

static void outer(void *data, int64_t begin, int64_t end, uint32_t worker) {
  const outer_args_t *args = (const outer_args_t *)data;
  for (int64_t i = begin; i < end; ++i) {
    args->worker[i] = (int32_t)worker;
    __atomic_fetch_add(&args->visits[i], 1, __ATOMIC_RELAXED);
    for (volatile int spin = 0; spin < 20000; ++spin)
      ;
  }
  int32_t seen = __atomic_load_n(&maxWorker, __ATOMIC_RELAXED);
  while ((int32_t)worker > seen &&
         !__atomic_compare_exchange_n(&maxWorker, &seen, (int32_t)worker, 1,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ;
  inner_args_t innerArgs = {args->nested, begin};
  args->ctx->parallel_for(args->ctx, end - begin, inner, &innerArgs);
}

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  (void)in;
  (void)arena;
  outer_args_t args = {ctx, (int32_t *)out[0], (int32_t *)out[1],
                       (int32_t *)out[3]};
  for (int i = 0; i < N; ++i) {
    args.worker[i] = args.nested[i] = -1;
    args.visits[i] = 0;
  }
  ctx->parallel_for(ctx, N, outer, &args);
  *(int32_t *)out[2] = (int32_t)ctx->num_threads;
  *(int32_t *)out[4] = __atomic_load_n(&maxWorker, __ATOMIC_RELAXED);
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "workers",
    "cpu",
    1,
    5,
    inputs,
    outputs,
    0,
    64,
    entry,
    0,
    0,
    NULL,
    NULL,
    0,
    NULL,
};

const kiln_model_desc_t *kiln_query_model(uint32_t runtime_abi_version) {
  (void)runtime_abi_version;
  return &desc;
}
