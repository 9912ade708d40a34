/*===- npy.h - Reading and writing NumPy .npy files ----------------*- C -*-===*
 *
 * The subset of the .npy format Kiln tensors need: format versions 1.0 to
 * 3.0, C order, little-endian (or byte-order-free) element types that map to
 * a kiln_dtype_t. bf16 tensors are stored as raw uint16 bits ('<u2').
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_TOOLS_KILN_RUN_NPY_H
#define KILN_TOOLS_KILN_RUN_NPY_H

#include "kiln/runtime/kiln_abi.h"

#include <stddef.h>
#include <stdint.h>

/// A dense array read from a .npy file.
typedef struct npy_array {
  kiln_dtype_t dtype;
  uint32_t rank;
  int64_t shape[KILN_MAX_RANK];
  /// Owned; free() it. May be NULL when bytes is 0.
  void *data;
  uint64_t bytes;
} npy_array_t;

/** Reads `path`. On failure writes a message (lowercase, naming the file) to
 *  `error` and returns -1; on success returns 0. */
int npy_read(const char *path, npy_array_t *array, char *error,
             size_t errorSize);

/** Writes a dense C-order array to `path` as .npy version 1.0. Returns 0, or
 *  -1 with a message in `error`. */
int npy_write(const char *path, kiln_dtype_t dtype, uint32_t rank,
              const int64_t *shape, const void *data, uint64_t bytes,
              char *error, size_t errorSize);

/** `bytes` (at least one) of memory aligned to 64 bytes, a cache line, and
 *  zeroed; free() it. NULL when out of memory. Tensors handed to a model are
 *  allocated this way: malloc aligns a large block to 16 bytes only, so a
 *  kernel's 32- or 64-byte rows would straddle two cache lines. */
void *npy_alloc(uint64_t bytes);

/** The .npy descr of `dtype` ("<f4", "|b1", ...; bf16 is "<u2"). */
const char *npy_descr(kiln_dtype_t dtype);

#endif /* KILN_TOOLS_KILN_RUN_NPY_H */
