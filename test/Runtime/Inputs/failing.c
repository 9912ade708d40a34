/*===- failing.c - Test model whose entry reports an error -----------------===*
 *
 * A valid descriptor whose entry function always returns 42.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

static const int64_t shape[1] = {4};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 1, shape}};
static const kiln_tensor_desc_t outputs[1] = {{"y", KILN_DTYPE_F32, 1, shape}};

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  (void)ctx;
  (void)in;
  (void)out;
  (void)arena;
  return 42;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "failing",
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
