/*===- two_io.c - Test model with mixed dtypes and ranks -------------------===*
 *
 * Inputs a: f32 [2, 3] and b: i64 [3]; outputs "sum:0" = a + b (b broadcast
 * over rows, as f32) and "b/scaled" = 3 * b (i64 [3]). The output names hold
 * characters that kiln-run must sanitize for file names. Needs no arena.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>

static const int64_t matrix[2] = {2, 3};
static const int64_t vector[1] = {3};
static const kiln_tensor_desc_t inputs[2] = {
    {"a", KILN_DTYPE_F32, 2, matrix},
    {"b", KILN_DTYPE_I64, 1, vector},
};
static const kiln_tensor_desc_t outputs[2] = {
    {"sum:0", KILN_DTYPE_F32, 2, matrix},
    {"b/scaled", KILN_DTYPE_I64, 1, vector},
};

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  (void)ctx;
  if (arena)
    return 1; // arena_size is 0: the runtime must pass NULL.
  const float *a = (const float *)in[0];
  const int64_t *b = (const int64_t *)in[1];
  float *sum = (float *)out[0];
  int64_t *scaled = (int64_t *)out[1];
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c)
      sum[r * 3 + c] = a[r * 3 + c] + (float)b[c];
  for (int c = 0; c < 3; ++c)
    scaled[c] = 3 * b[c];
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "two_io",
    "cpu",
    2,
    2,
    inputs,
    outputs,
    0,
    1,
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
