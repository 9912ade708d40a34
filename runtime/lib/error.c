/*===- error.c - Thread-local error messages and status names --------------===*
 *
 * Implements kiln_last_error(), kiln_status_string() and the helpers that
 * build messages.
 *
 *===----------------------------------------------------------------------===*/

#include "error.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/// The calling thread's last message; empty after a successful call.
static _Thread_local char errorMessage[1024];

void kiln_clear_error(void) { errorMessage[0] = '\0'; }

kiln_status_t kiln_error(kiln_status_t status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(errorMessage, sizeof(errorMessage), format, args);
  va_end(args);
  return status;
}

const char *kiln_last_error(void) { return errorMessage; }

const char *kiln_status_string(kiln_status_t status) {
  switch (status) {
  case KILN_STATUS_OK:
    return "ok";
  case KILN_STATUS_INVALID_ARGUMENT:
    return "invalid argument";
  case KILN_STATUS_LOAD_FAILED:
    return "load failed";
  case KILN_STATUS_SYMBOL_NOT_FOUND:
    return "symbol not found";
  case KILN_STATUS_VERSION_MISMATCH:
    return "version mismatch";
  case KILN_STATUS_INVALID_MODEL:
    return "invalid model";
  case KILN_STATUS_UNSUPPORTED:
    return "unsupported";
  case KILN_STATUS_COUNT_MISMATCH:
    return "count mismatch";
  case KILN_STATUS_DTYPE_MISMATCH:
    return "dtype mismatch";
  case KILN_STATUS_SHAPE_MISMATCH:
    return "shape mismatch";
  case KILN_STATUS_OUT_OF_MEMORY:
    return "out of memory";
  case KILN_STATUS_RESOURCE_EXHAUSTED:
    return "resource exhausted";
  case KILN_STATUS_MODEL_FAILED:
    return "model failed";
  case KILN_STATUS_DEVICE_UNAVAILABLE:
    return "device unavailable";
  case KILN_STATUS_DEVICE_ERROR:
    return "device error";
  }
  return "unknown status";
}

void kiln_format_shape(char *buffer, size_t size, uint32_t rank,
                       const int64_t *shape) {
  static const char ellipsis[] = "...]";
  if (size < sizeof(ellipsis)) {
    if (size)
      buffer[0] = '\0';
    return;
  }
  size_t used = 0;
  buffer[used++] = '[';
  for (uint32_t i = 0; i < rank; ++i) {
    char dim[32];
    int len = snprintf(dim, sizeof(dim), "%s%" PRId64, i ? ", " : "", shape[i]);
    // Keep room for "...]" and the terminator.
    if (used + (size_t)len + sizeof(ellipsis) > size) {
      memcpy(buffer + used, ellipsis, sizeof(ellipsis));
      return;
    }
    memcpy(buffer + used, dim, (size_t)len);
    used += (size_t)len;
  }
  buffer[used++] = ']';
  buffer[used] = '\0';
}
