/*===- aligned.c - Test model that checks the alignment of its buffers ----===*
 *
 * Input x: f32 [512, 256] (512 KB, a size that malloc serves by mmap at 16
 * bytes past a page boundary); output y = x + 1. Fails with code 2 when x
 * and with code 3 when y is not aligned to 64 bytes, the cache line that
 * kiln-run and the Python package align every buffer they allocate to.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>

static const int64_t shape[2] = {512, 256};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 2, shape}};
static const kiln_tensor_desc_t outputs[1] = {{"y", KILN_DTYPE_F32, 2, shape}};

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  (void)ctx;
  (void)arena;
  if ((uintptr_t)in[0] % 64 != 0)
    return 2;
  if ((uintptr_t)out[0] % 64 != 0)
    return 3;
  const float *x = (const float *)in[0];
  float *y = (float *)out[0];
  for (int64_t i = 0; i < shape[0] * shape[1]; ++i)
    y[i] = x[i] + 1.0f;
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "aligned",
    "cpu",
    1,
    1,
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
