/*===- affine.c - Test model: y = 2 * x + 1 --------------------------------===*
 *
 * A hand-written model following kiln_abi.h, standing in for generated code:
 * one f32 [16, 128] input, one output of the same shape. Rows are spread over
 * ctx->parallel_for; each row goes through the arena (t = 2 * x, then
 * y = t + 1), so runs that shared an arena would corrupt each other. Returns
 * 2 when the context is malformed and 3 when the arena is misaligned.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>

#define ROWS 16
#define COLS 128
#define ARENA_ALIGNMENT 4096

static const int64_t shape[2] = {ROWS, COLS};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 2, shape}};
static const kiln_tensor_desc_t outputs[1] = {{"y", KILN_DTYPE_F32, 2, shape}};

typedef struct rows_args {
  const float *x;
  float *y;
  float *scratch;
} rows_args_t;

static void rows(void *data, int64_t begin, int64_t end, uint32_t worker) {
  const rows_args_t *args = (const rows_args_t *)data;
  (void)worker;
  for (int64_t r = begin; r < end; ++r) {
    float *t = args->scratch + r * COLS;
    for (int64_t c = 0; c < COLS; ++c)
      t[c] = 2.0f * args->x[r * COLS + c];
    for (int64_t c = 0; c < COLS; ++c)
      args->y[r * COLS + c] = t[c] + 1.0f;
  }
}

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  if (!ctx || ctx->struct_size < sizeof(kiln_exec_ctx_t) ||
      ctx->num_threads < 1 || !ctx->parallel_for)
    return 2;
  if (!arena || (uintptr_t)arena % ARENA_ALIGNMENT != 0)
    return 3;
  rows_args_t args = {(const float *)in[0], (float *)out[0], (float *)arena};
  ctx->parallel_for(ctx, ROWS, rows, &args);
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "affine",
    "cpu",
    1,
    1,
    inputs,
    outputs,
    ROWS *COLS * sizeof(float),
    ARENA_ALIGNMENT,
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
