/*===- header_check.c - The runtime headers compile as strict C99 ----------===*
 *
 * Built with -std=c99 -pedantic -Werror as part of the test dependencies.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"
#include "kiln/runtime/kiln_runtime.h"

/// Layout facts the code generator relies on (LP64).
typedef char check_tensor_desc[sizeof(kiln_tensor_desc_t) == 24 ? 1 : -1];
typedef char check_exec_ctx[sizeof(kiln_exec_ctx_t) == 32 ? 1 : -1];
typedef char check_model_desc[sizeof(kiln_model_desc_t) == 112 ? 1 : -1];
typedef char check_gpu_weight[sizeof(kiln_gpu_weight_t) == 24 ? 1 : -1];
typedef char check_gpu_api[sizeof(kiln_gpu_api_t) == 32 ? 1 : -1];
typedef char check_gpu_image[sizeof(kiln_gpu_image_t) == 24 ? 1 : -1];
typedef char check_tensor[sizeof(kiln_tensor_t) == 24 ? 1 : -1];
typedef char check_open_options[sizeof(kiln_open_options_t) == 16 ? 1 : -1];
typedef char check_device_tensor[sizeof(kiln_device_tensor_t) == 24 ? 1 : -1];

int kiln_header_check_c(void);
int kiln_header_check_c(void) {
  return (int)kiln_dtype_size(KILN_DTYPE_F32) + (int)KILN_ABI_VERSION;
}
