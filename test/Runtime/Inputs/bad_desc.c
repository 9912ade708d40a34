/*===- bad_desc.c - Test models with one defect in their descriptor --------===*
 *
 * Built once per defect with -DBAD_DESC_<NAME>; each variant must be refused
 * by kiln_open with a message naming the defect.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stddef.h>

static const int64_t shape[2] = {2, 3};
#ifdef BAD_DESC_NEGATIVE_DIM
static const int64_t badShape[2] = {2, -3};
#else
static const int64_t *const badShape = shape;
#endif

static const kiln_tensor_desc_t inputs[2] = {
    {"x", KILN_DTYPE_F32, 2, badShape},
#ifdef BAD_DESC_DUPLICATE_NAME
    {"x", KILN_DTYPE_F32, 2, shape},
#else
    {"z", KILN_DTYPE_F32, 2, shape},
#endif
};

static const kiln_tensor_desc_t outputs[1] = {
#ifdef BAD_DESC_RANK
    {"y", KILN_DTYPE_F32, KILN_MAX_RANK + 1, shape},
#else
    {"y", KILN_DTYPE_F32, 2, shape},
#endif
};

#ifndef BAD_DESC_NULL_ENTRY
static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  (void)ctx;
  (void)in;
  (void)out;
  (void)arena;
  return 0;
}
#endif

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "bad_desc",
#if defined(BAD_DESC_CUDA)
    "cuda",
#elif defined(BAD_DESC_TARGET)
    "tpu",
#else
    "cpu",
#endif
    2,
#ifdef BAD_DESC_NO_OUTPUTS
    0,
#else
    1,
#endif
    inputs,
    outputs,
    64,
#ifdef BAD_DESC_ALIGNMENT
    48,
#else
    16,
#endif
#ifdef BAD_DESC_NULL_ENTRY
    NULL,
#else
    entry,
#endif
    0,
    0,
    NULL,
    NULL,
    0,
    NULL,
};

const kiln_model_desc_t *kiln_query_model(uint32_t runtime_abi_version) {
  (void)runtime_abi_version;
#ifdef BAD_DESC_NULL_QUERY
  (void)desc;
  return NULL;
#else
  return &desc;
#endif
}
