//===- header_check.cpp - The runtime headers compile as strict C++ -------===//
//
// Built with -std=c++11 -pedantic -Werror as part of the test dependencies.
//
//===----------------------------------------------------------------------===//

#include "kiln/runtime/kiln_abi.h"
#include "kiln/runtime/kiln_runtime.h"

#include <cstddef>

static_assert(offsetof(kiln_model_desc_t, abi_version) == 0,
              "abi_version must stay the first field");
static_assert(sizeof(kiln_model_desc_t) == 112, "descriptor layout changed");
static_assert(sizeof(kiln_gpu_weight_t) == 24, "weight layout changed");
static_assert(sizeof(kiln_exec_ctx_t) == 32, "context layout changed");
static_assert(sizeof(kiln_open_options_t) == 16, "options layout changed");
static_assert(sizeof(kiln_device_tensor_t) == 24,
              "device tensor layout changed");

int kilnHeaderCheckCxx();
int kilnHeaderCheckCxx() {
  kiln_open_options_t options = {sizeof(options), 0, KILN_DEVICE_DEFAULT, 0};
  return static_cast<int>(kiln_dtype_size(KILN_DTYPE_I64)) +
         static_cast<int>(options.num_threads);
}
