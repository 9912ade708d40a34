/*===- runtime-threads.c - Concurrency test of the Kiln runtime ------------===*
 *
 * Usage: runtime-threads AFFINE.so TWO_IO.so
 *
 * Loads two models (and the first one twice) in one process, then runs one
 * model from several threads at once, many times, while another thread runs
 * the second model and another resizes the first one's thread pool. Every
 * result is compared with the exact expected value. Also checks that error
 * messages are per thread. Prints "PASS ..." and exits 0, or prints every
 * failure and exits 1.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_runtime.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 16
#define COLS 128
#define RUNNERS 3
#define ITERATIONS 3000

static const int64_t affineShape[2] = {ROWS, COLS};
static const int64_t matrixShape[2] = {2, 3};
static const int64_t vectorShape[1] = {3};

static pthread_mutex_t failureLock = PTHREAD_MUTEX_INITIALIZER;
static int failures;

static void fail(const char *what, const char *detail) {
  pthread_mutex_lock(&failureLock);
  if (++failures <= 20)
    fprintf(stderr, "FAIL: %s: %s\n", what, detail);
  pthread_mutex_unlock(&failureLock);
}

/// Runs affine on a pattern derived from `key` and checks y == 2x + 1.
static int checkAffine(kiln_model_t *model, unsigned key) {
  static _Thread_local float x[ROWS * COLS], y[ROWS * COLS];
  for (int i = 0; i < ROWS * COLS; ++i) {
    x[i] = (float)((key * 7919u + (unsigned)i * 31u) % 1000u) - 500.0f;
    y[i] = -1.0f;
  }
  kiln_tensor_t in = {x, KILN_DTYPE_F32, 2, affineShape};
  kiln_tensor_t out = {y, KILN_DTYPE_F32, 2, affineShape};
  if (kiln_run(model, &in, 1, &out, 1) != KILN_STATUS_OK) {
    fail("affine run", kiln_last_error());
    return 1;
  }
  if (kiln_last_error()[0]) {
    fail("affine run", "message not cleared after success");
    return 1;
  }
  for (int i = 0; i < ROWS * COLS; ++i)
    if (y[i] != 2.0f * x[i] + 1.0f) {
      char detail[128];
      snprintf(detail, sizeof(detail), "key %u: y[%d] = %g, expected %g", key,
               i, (double)y[i], (double)(2.0f * x[i] + 1.0f));
      fail("affine result", detail);
      return 1;
    }
  return 0;
}

/// Runs two_io on values derived from `key` and checks both outputs.
static int checkTwoIo(kiln_model_t *model, unsigned key) {
  float a[6], sum[6];
  int64_t b[3], scaled[3];
  for (int i = 0; i < 6; ++i)
    a[i] = (float)(key % 97) + 0.5f * (float)i;
  for (int i = 0; i < 3; ++i)
    b[i] = (int64_t)key * 3 + i;
  kiln_tensor_t in[2] = {{a, KILN_DTYPE_F32, 2, matrixShape},
                         {b, KILN_DTYPE_I64, 1, vectorShape}};
  kiln_tensor_t out[2] = {{sum, KILN_DTYPE_F32, 2, matrixShape},
                          {scaled, KILN_DTYPE_I64, 1, vectorShape}};
  if (kiln_run(model, in, 2, out, 2) != KILN_STATUS_OK) {
    fail("two_io run", kiln_last_error());
    return 1;
  }
  for (int i = 0; i < 6; ++i)
    if (sum[i] != a[i] + (float)b[i % 3]) {
      fail("two_io result", "sum:0 differs");
      return 1;
    }
  for (int i = 0; i < 3; ++i)
    if (scaled[i] != 3 * b[i]) {
      fail("two_io result", "b/scaled differs");
      return 1;
    }
  return 0;
}

typedef struct runner {
  kiln_model_t *model;
  unsigned id;
  int runs;
} runner_t;

static void *affineRunner(void *arg) {
  runner_t *runner = (runner_t *)arg;
  for (unsigned i = 0; i < ITERATIONS; ++i, ++runner->runs)
    if (checkAffine(runner->model, runner->id * 100003u + i))
      break;
  return NULL;
}

static void *twoIoRunner(void *arg) {
  runner_t *runner = (runner_t *)arg;
  for (unsigned i = 0; i < ITERATIONS; ++i, ++runner->runs)
    if (checkTwoIo(runner->model, i))
      break;
  return NULL;
}

static void *resizer(void *arg) {
  runner_t *runner = (runner_t *)arg;
  for (unsigned i = 0; i < 200; ++i, ++runner->runs)
    if (kiln_set_threads(runner->model, 1 + i % 3) != KILN_STATUS_OK) {
      fail("kiln_set_threads", kiln_last_error());
      break;
    }
  return NULL;
}

/// Two threads fail differently at the same time; each must see its own
/// message.
typedef struct error_thread {
  kiln_model_t *model;
  pthread_barrier_t *barrier;
  int wrongDtype;
} error_thread_t;

static void *errorThread(void *arg) {
  error_thread_t *self = (error_thread_t *)arg;
  float x[ROWS * COLS + 1], y[ROWS * COLS];
  int64_t wrongShape[2] = {ROWS, COLS + 1};
  kiln_tensor_t in = {x, self->wrongDtype ? KILN_DTYPE_F64 : KILN_DTYPE_F32, 2,
                      self->wrongDtype ? affineShape : wrongShape};
  kiln_tensor_t out = {y, KILN_DTYPE_F32, 2, affineShape};
  kiln_status_t status = kiln_run(self->model, &in, 1, &out, 1);
  pthread_barrier_wait(self->barrier); // Both threads have failed now.
  const char *expected = self->wrongDtype
                             ? "input 'x': expected dtype f32, got f64"
                             : "input 'x': expected shape [16, 128], got "
                               "[16, 129]";
  kiln_status_t expectedStatus = self->wrongDtype ? KILN_STATUS_DTYPE_MISMATCH
                                                  : KILN_STATUS_SHAPE_MISMATCH;
  if (status != expectedStatus || strcmp(kiln_last_error(), expected) != 0)
    fail("thread-local error", kiln_last_error());
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: runtime-threads AFFINE.so TWO_IO.so\n");
    return 2;
  }
  kiln_open_options_t two = {.struct_size = sizeof(kiln_open_options_t),
                             .num_threads = 2};
  kiln_open_options_t one = {.struct_size = sizeof(kiln_open_options_t),
                             .num_threads = 1};
  kiln_model_t *affine = NULL, *affineAgain = NULL, *twoIo = NULL;
  if (kiln_open(argv[1], &two, &affine) != KILN_STATUS_OK ||
      kiln_open(argv[1], &one, &affineAgain) != KILN_STATUS_OK ||
      kiln_open(argv[2], NULL, &twoIo) != KILN_STATUS_OK) {
    fprintf(stderr, "FAIL: open: %s\n", kiln_last_error());
    return 1;
  }

  // Two models, one of them loaded twice, in one process.
  checkAffine(affine, 1);
  checkAffine(affineAgain, 2);
  checkTwoIo(twoIo, 3);
  // Closing one handle of a file leaves the other working.
  kiln_close(affineAgain);
  checkAffine(affine, 4);

  // One model from several threads at once, next to another model and a
  // thread that keeps resizing the first model's pool.
  pthread_t threads[RUNNERS + 2];
  runner_t runners[RUNNERS + 2];
  for (unsigned i = 0; i < RUNNERS + 2; ++i) {
    runners[i].model = i == RUNNERS ? twoIo : affine;
    runners[i].id = i + 1;
    runners[i].runs = 0;
    void *(*body)(void *) = i < RUNNERS    ? affineRunner
                            : i == RUNNERS ? twoIoRunner
                                           : resizer;
    if (pthread_create(&threads[i], NULL, body, &runners[i]) != 0) {
      fprintf(stderr, "FAIL: pthread_create\n");
      return 1;
    }
  }
  int affineRuns = 0;
  for (unsigned i = 0; i < RUNNERS + 2; ++i) {
    pthread_join(threads[i], NULL);
    if (i < RUNNERS)
      affineRuns += runners[i].runs;
  }

  // Per-thread error messages.
  pthread_barrier_t barrier;
  pthread_barrier_init(&barrier, NULL, 2);
  error_thread_t errorThreads[2] = {{affine, &barrier, 0},
                                    {affine, &barrier, 1}};
  pthread_t errorIds[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&errorIds[i], NULL, errorThread, &errorThreads[i]);
  for (int i = 0; i < 2; ++i)
    pthread_join(errorIds[i], NULL);
  pthread_barrier_destroy(&barrier);
  if (kiln_last_error()[0])
    fail("thread-local error", "leaked into the main thread");

  kiln_close(affine);
  kiln_close(twoIo);
  if (failures) {
    fprintf(stderr, "%d failures\n", failures);
    return 1;
  }
  printf("PASS: %d concurrent affine runs, %d two_io runs, %d resizes\n",
         affineRuns, runners[RUNNERS].runs, runners[RUNNERS + 1].runs);
  return 0;
}
