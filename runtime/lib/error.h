/*===- error.h - Thread-local error messages -----------------------*- C -*-===*
 *
 * Internal helpers that record the message kiln_last_error() returns.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_ERROR_H
#define KILN_RUNTIME_LIB_ERROR_H

#include "kiln/runtime/kiln_runtime.h"

#include <stddef.h>
#include <stdint.h>

/** Clears the calling thread's message; called on entry to every
 *  status-returning API function. */
void kiln_clear_error(void);

/** Records a printf-style message for the calling thread and returns
 *  `status`, so that error paths read `return kiln_error(...)`. Messages that
 *  do not fit the buffer are truncated. */
kiln_status_t kiln_error(kiln_status_t status, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/** Writes "[d0, d1, ...]" into `buffer` (always NUL-terminated, truncated
 *  with "..." if too small). */
void kiln_format_shape(char *buffer, size_t size, uint32_t rank,
                       const int64_t *shape);

#endif /* KILN_RUNTIME_LIB_ERROR_H */
