/*===- dtype.c - Element type names ----------------------------------------===*
 *
 * Maps kiln_dtype_t values to the short names used in messages and tools.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_runtime.h"

#include <string.h>

/// Names indexed by kiln_dtype_code.
static const char *const dtypeNames[KILN_DTYPE_COUNT_] = {
    [KILN_DTYPE_INVALID] = "invalid", [KILN_DTYPE_F32] = "f32",
    [KILN_DTYPE_F16] = "f16",         [KILN_DTYPE_BF16] = "bf16",
    [KILN_DTYPE_F64] = "f64",         [KILN_DTYPE_I8] = "i8",
    [KILN_DTYPE_I16] = "i16",         [KILN_DTYPE_I32] = "i32",
    [KILN_DTYPE_I64] = "i64",         [KILN_DTYPE_U8] = "u8",
    [KILN_DTYPE_BOOL] = "bool",
};

const char *kiln_dtype_name(kiln_dtype_t dtype) {
  if (dtype >= KILN_DTYPE_COUNT_)
    return "invalid";
  return dtypeNames[dtype];
}

kiln_dtype_t kiln_dtype_from_name(const char *name) {
  if (!name)
    return KILN_DTYPE_INVALID;
  for (kiln_dtype_t dtype = 1; dtype < KILN_DTYPE_COUNT_; ++dtype)
    if (strcmp(name, dtypeNames[dtype]) == 0)
      return dtype;
  return KILN_DTYPE_INVALID;
}

uint32_t kiln_runtime_abi_version(void) { return KILN_ABI_VERSION; }
