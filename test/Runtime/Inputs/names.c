/*===- names.c - Test model with names that are unsafe as file names -------===*
 *
 * Input "in/put": f32 [2]; four outputs, each a copy of it, named ".hidden",
 * "a/b", "a:b" and "a_b_2". kiln-run must turn them into distinct, safe file
 * names.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <string.h>

static const int64_t shape[1] = {2};
static const kiln_tensor_desc_t inputs[1] = {
    {"in/put", KILN_DTYPE_F32, 1, shape}};
static const kiln_tensor_desc_t outputs[4] = {
    {".hidden", KILN_DTYPE_F32, 1, shape},
    {"a/b", KILN_DTYPE_F32, 1, shape},
    {"a:b", KILN_DTYPE_F32, 1, shape},
    {"a_b_2", KILN_DTYPE_F32, 1, shape},
};

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  int i;
  (void)ctx;
  (void)arena;
  for (i = 0; i < 4; ++i)
    memcpy(out[i], in[0], 2 * sizeof(float));
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "names",
    "cpu",
    1,
    4,
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
