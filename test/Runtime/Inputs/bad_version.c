/*===- bad_version.c - Test model built for another ABI version ------------===*
 *
 * Reports abi_version KILN_ABI_VERSION + 1; the runtime must refuse it
 * without reading anything past that field.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

/// Only abi_version is meaningful: a runtime must not look further.
static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
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
