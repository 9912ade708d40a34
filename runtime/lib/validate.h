/*===- validate.h - Descriptor and buffer checks -------------------*- C -*-===*
 *
 * Sanity checks of a model descriptor at load time, and of caller buffers
 * against it before every run.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_VALIDATE_H
#define KILN_RUNTIME_LIB_VALIDATE_H

#include "kiln/runtime/kiln_runtime.h"

#include <stdbool.h>

/** Computes the byte size of a dense tensor. Returns false when a dimension
 *  is negative, the dtype is invalid, or the size overflows int64_t. */
bool kiln_tensor_bytes(kiln_dtype_t dtype, uint32_t rank, const int64_t *shape,
                       uint64_t *bytes);

/** Checks everything kiln_model_desc_t promises past abi_version (which the
 *  caller has checked): pointers, counts, names, dtypes, ranks, shapes, arena
 *  and target. `path` names the model in messages. */
kiln_status_t kiln_check_model_desc(const kiln_model_desc_t *desc,
                                    const char *path);

/** Checks caller buffers against the descriptor: counts, data pointers,
 *  dtypes, shapes, and that outputs overlap no other buffer. */
kiln_status_t kiln_check_run_args(const kiln_model_desc_t *desc,
                                  const kiln_tensor_t *inputs,
                                  size_t num_inputs,
                                  const kiln_tensor_t *outputs,
                                  size_t num_outputs);

#endif /* KILN_RUNTIME_LIB_VALIDATE_H */
