/*===- values.h - Random inputs and printed values -----------------*- C -*-===*
 *
 * Element-level helpers of kiln-run: seeded random tensor contents and a
 * short printed preview of a tensor.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_TOOLS_KILN_RUN_VALUES_H
#define KILN_TOOLS_KILN_RUN_VALUES_H

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>
#include <stdio.h>

/// State of the splitmix64 generator behind random inputs.
typedef struct random_state {
  uint64_t state;
} random_state_t;

/** Fills `count` elements of `dtype` at `data`: floating-point types uniform
 *  in [-1, 1), integer types uniform in [0, 9], bool 0 or 1. Deterministic
 *  for a given generator state on every platform. */
void fill_random(random_state_t *random, kiln_dtype_t dtype, void *data,
                 uint64_t count);

/** Prints the first `limit` elements of a tensor as "[a, b, ...]". */
void print_values(FILE *stream, kiln_dtype_t dtype, const void *data,
                  uint64_t count, uint64_t limit);

#endif /* KILN_TOOLS_KILN_RUN_VALUES_H */
