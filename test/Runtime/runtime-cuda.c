/*===- runtime-cuda.c - The CUDA side of the C API on the fake driver ------===*
 *
 * Usage: KILN_CUDA_DRIVER=<fake_cuda.so> runtime-cuda MODEL_DIR
 *
 * Runs the "cuda" test models through the C API on fake_cuda.c (device
 * memory on the host, kernels in C): host-pointer and device-pointer runs
 * checked exactly against (2 * x + 0.5) + 0.5, image choice by
 * architecture, device selection, errors from the driver and the model,
 * both allocators, and two threads running one model at once. Prints one
 * line per check for FileCheck; messages have the model directory replaced
 * by "<dir>".
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_runtime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (16 * 128)

static char modelDir[4096];
static const int64_t shape[2] = {16, 128};

/// Prints "<label>: <status>: <message>" with the model directory elided.
static void report(const char *label, kiln_status_t status) {
  const char *message = kiln_last_error();
  const char *dir = strstr(message, modelDir);
  if (dir)
    printf("%s: %s: %.*s<dir>%s\n", label, kiln_status_string(status),
           (int)(dir - message), message, dir + strlen(modelDir));
  else
    printf("%s: %s: %s\n", label, kiln_status_string(status), message);
}

static kiln_model_t *openModel(const char *label, const char *name,
                               uint32_t device, uint32_t index) {
  char path[8192];
  snprintf(path, sizeof(path), "%s/%s.so", modelDir, name);
  kiln_open_options_t options = {sizeof(options), 0, device, index};
  kiln_model_t *model = NULL;
  kiln_status_t status = kiln_open(path, &options, &model);
  if (status != KILN_STATUS_OK)
    report(label, status);
  return model;
}

static void fill(float *x, unsigned seed) {
  for (int i = 0; i < N; ++i)
    x[i] = (float)((int)((i * 7919u + seed * 104729u) % 2001u) - 1000) / 37.0f;
}

/// Whether y == (2 * x + 0.5) + 0.5 exactly, as the kernels compute it.
static int check(const float *x, const float *y) {
  for (int i = 0; i < N; ++i) {
    float expected = (x[i] * 2.0f + 0.5f) + 0.5f;
    if (y[i] != expected)
      return 0;
  }
  return 1;
}

static kiln_status_t hostRun(kiln_model_t *model, const float *x, float *y) {
  kiln_tensor_t in = {(void *)(uintptr_t)x, KILN_DTYPE_F32, 2, shape};
  kiln_tensor_t out = {y, KILN_DTYPE_F32, 2, shape};
  return kiln_run(model, &in, 1, &out, 1);
}

/// One host-pointer run on fresh data; prints the outcome.
static void runOnce(const char *label, kiln_model_t *model) {
  float x[N], y[N];
  fill(x, 1);
  memset(y, 0xff, sizeof(y));
  kiln_status_t status = hostRun(model, x, y);
  if (status != KILN_STATUS_OK)
    report(label, status);
  else
    printf("%s: %s\n", label, check(x, y) ? "exact" : "WRONG");
}

typedef struct worker {
  kiln_model_t *model;
  unsigned seed;
  int runs, good;
} worker_t;

/// Alternates host-pointer and device-pointer runs.
static void *work(void *data) {
  worker_t *w = (worker_t *)data;
  static float xs[2][N], ys[2][N];
  float *x = xs[w->seed % 2], *y = ys[w->seed % 2];
  uint64_t dx = 0, dy = 0;
  if (kiln_device_alloc(w->model, sizeof(float) * N, &dx) != KILN_STATUS_OK ||
      kiln_device_alloc(w->model, sizeof(float) * N, &dy) != KILN_STATUS_OK)
    return NULL;
  for (int r = 0; r < w->runs; ++r) {
    fill(x, w->seed * 1000 + (unsigned)r);
    memset(y, 0, sizeof(float) * N);
    kiln_status_t status;
    if (r % 2 == 0) {
      status = hostRun(w->model, x, y);
    } else {
      kiln_device_tensor_t in = {dx, KILN_DTYPE_F32, 2, shape};
      kiln_device_tensor_t out = {dy, KILN_DTYPE_F32, 2, shape};
      status = kiln_device_upload(w->model, dx, x, sizeof(float) * N);
      if (status == KILN_STATUS_OK)
        status = kiln_run_device(w->model, &in, 1, &out, 1, 0);
      if (status == KILN_STATUS_OK)
        status = kiln_device_download(w->model, y, dy, sizeof(float) * N);
    }
    if (status == KILN_STATUS_OK && check(x, y))
      ++w->good;
  }
  kiln_device_free(w->model, dx);
  kiln_device_free(w->model, dy);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s MODEL_DIR\n", argv[0]);
    return 2;
  }
  snprintf(modelDir, sizeof(modelDir), "%s", argv[1]);

  // Host-pointer runs.
  kiln_model_t *model =
      openModel("open", "cuda_affine", KILN_DEVICE_DEFAULT, 0);
  if (!model)
    return 1;
  printf("target %s, device %s, %s, %u thread(s)\n", kiln_model_target(model),
         kiln_model_device(model), kiln_model_device_description(model),
         kiln_get_threads(model));
  runOnce("host run", model);
  runOnce("host run again", model);

  // Device-pointer runs.
  float x[N], y[N];
  fill(x, 2);
  uint64_t dx = 0, dy = 0, unused;
  kiln_status_t status = kiln_device_alloc(model, sizeof(x), &dx);
  if (status == KILN_STATUS_OK)
    status = kiln_device_alloc(model, sizeof(y), &dy);
  if (status == KILN_STATUS_OK)
    status = kiln_device_upload(model, dx, x, sizeof(x));
  kiln_device_tensor_t in = {dx, KILN_DTYPE_F32, 2, shape};
  kiln_device_tensor_t out = {dy, KILN_DTYPE_F32, 2, shape};
  if (status == KILN_STATUS_OK)
    status = kiln_run_device(model, &in, 1, &out, 1, 0);
  if (status == KILN_STATUS_OK)
    status = kiln_device_download(model, y, dy, sizeof(y));
  if (status != KILN_STATUS_OK)
    report("device run", status);
  else
    printf("device run: %s\n", check(x, y) ? "exact" : "WRONG");
  int64_t wide[2] = {16, 129};
  kiln_device_tensor_t bad = {dx, KILN_DTYPE_F32, 2, wide};
  report("device run, wrong shape",
         kiln_run_device(model, &bad, 1, &out, 1, 0));
  bad = in;
  bad.address = 0;
  report("device run, null address",
         kiln_run_device(model, &bad, 1, &out, 1, 0));
  report("device run, two inputs", kiln_run_device(model, &in, 2, &out, 1, 0));
  report("device run, overlap", kiln_run_device(model, &in, 1, &in, 1, 0));
  report("device run, null outputs",
         kiln_run_device(model, &in, 1, NULL, 1, 0));
  report("device alloc, null result", kiln_device_alloc(model, 64, NULL));
  report("upload, null source", kiln_device_upload(model, dx, NULL, 64));
  report("download, null address", kiln_device_download(model, y, 0, 64));

  // A device run on the caller's stream: create one through the same
  // driver (dlopen of the same file gives the runtime's copy) in the
  // device's primary context, and count the launches it receives.
  void *driver = dlopen(getenv("KILN_CUDA_DRIVER"), RTLD_NOW);
  typedef int (*retain_fn)(void **, int);
  typedef int (*push_fn)(void *);
  typedef int (*pop_fn)(void **);
  typedef int (*create_fn)(void **, unsigned);
  typedef int (*destroy_fn)(void *);
  typedef int (*release_fn)(int);
  typedef unsigned (*launches_fn)(const void *);
  retain_fn retain;
  push_fn push;
  pop_fn pop;
  create_fn create;
  destroy_fn destroy;
  release_fn release;
  launches_fn launches;
  *(void **)&retain = dlsym(driver, "cuDevicePrimaryCtxRetain");
  *(void **)&push = dlsym(driver, "cuCtxPushCurrent_v2");
  *(void **)&pop = dlsym(driver, "cuCtxPopCurrent_v2");
  *(void **)&create = dlsym(driver, "cuStreamCreate");
  *(void **)&destroy = dlsym(driver, "cuStreamDestroy_v2");
  *(void **)&release = dlsym(driver, "cuDevicePrimaryCtxRelease_v2");
  *(void **)&launches = dlsym(driver, "fake_cuda_stream_launches");
  void *context = NULL, *stream = NULL, *popped;
  if (retain && launches && retain(&context, 0) == 0 && push(context) == 0 &&
      create(&stream, 1) == 0 && pop(&popped) == 0) {
    fill(x, 3);
    memset(y, 0, sizeof(y));
    status = kiln_device_upload(model, dx, x, sizeof(x));
    if (status == KILN_STATUS_OK)
      status =
          kiln_run_device(model, &in, 1, &out, 1, (uint64_t)(uintptr_t)stream);
    if (status == KILN_STATUS_OK)
      status = kiln_device_download(model, y, dy, sizeof(y));
    if (status != KILN_STATUS_OK)
      report("caller stream", status);
    else
      printf("caller stream: %s, %u launches on it\n",
             check(x, y) ? "exact" : "WRONG", launches(stream));
    push(context);
    destroy(stream);
    pop(&popped);
    release(0);
  } else {
    printf("caller stream: cannot create a stream through the driver\n");
  }
  kiln_device_free(model, dx);
  kiln_device_free(model, dy);

  // Two threads at once, each alternating host and device runs.
  worker_t workers[2] = {{model, 1, 400, 0}, {model, 2, 400, 0}};
  pthread_t threads[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&threads[i], NULL, work, &workers[i]);
  for (int i = 0; i < 2; ++i)
    pthread_join(threads[i], NULL);
  printf("two threads: %d + %d of %d runs exact\n", workers[0].good,
         workers[1].good, workers[0].runs + workers[1].runs);

  // Errors the driver reports during a run, then recovery.
  setenv("FAKE_CUDA_FAIL", "launch:kiln_add_scalar", 1);
  runOnce("failing launch", model);
  setenv("FAKE_CUDA_FAIL", "sync", 1);
  runOnce("failing sync", model);
  setenv("FAKE_CUDA_FAIL", "alloc", 1);
  runOnce("run with memory cached", model);
  // Two runs at once need a second slot, which cannot be allocated.
  kiln_model_t *starved =
      openModel("open starved", "cuda_affine", KILN_DEVICE_DEFAULT, 0);
  runOnce("failing alloc", starved);
  report("device alloc", kiln_device_alloc(model, 64, &unused));
  unsetenv("FAKE_CUDA_FAIL");
  runOnce("after failures", model);
  runOnce("starved model after failures", starved);
  kiln_close(starved);

  // Stream-ordered allocation versus the per-model cache.
  setenv("FAKE_CUDA_POOLS", "0", 1);
  kiln_model_t *cached =
      openModel("open cached", "cuda_affine", KILN_DEVICE_DEFAULT, 0);
  runOnce("run without memory pools", cached);
  runOnce("again without memory pools", cached);
  kiln_close(cached);
  unsetenv("FAKE_CUDA_POOLS");

  // The model's own errors.
  kiln_model_t *badLaunch =
      openModel("open bad launch", "cuda_bad_launch", KILN_DEVICE_DEFAULT, 0);
  runOnce("bad launch", badLaunch);
  kiln_close(badLaunch);
  openModel("missing kernel", "cuda_missing_kernel", KILN_DEVICE_DEFAULT, 0);
  openModel("short descriptor", "cuda_short_desc", KILN_DEVICE_DEFAULT, 0);
  openModel("ptx without nul", "cuda_ptx_no_nul", KILN_DEVICE_DEFAULT, 0);
  openModel("bad image format", "cuda_bad_format", KILN_DEVICE_DEFAULT, 0);
  openModel("empty kernel name", "cuda_empty_kernel_name", KILN_DEVICE_DEFAULT,
            0);
  openModel("bad ptx", "cuda_bad_ptx", KILN_DEVICE_DEFAULT, 0);
  kiln_model_t *fallback =
      openModel("open fallback", "cuda_fallback", KILN_DEVICE_DEFAULT, 0);
  if (fallback)
    printf("fallback: %s\n", kiln_model_device_description(fallback));
  runOnce("fallback run", fallback);
  kiln_close(fallback);

  // Device kinds and indices.
  openModel("cuda model on cpu", "cuda_affine", KILN_DEVICE_CPU, 0);
  openModel("cpu model on cuda", "affine", KILN_DEVICE_CUDA, 0);
  openModel("device index 1", "cuda_affine", KILN_DEVICE_CUDA, 1);
  openModel("device kind 7", "cuda_affine", 7, 0);
  // A caller built before the device fields existed passes 8 bytes; the
  // fields it lacks keep their defaults (the model's target, device 0).
  {
    char path[8192];
    snprintf(path, sizeof(path), "%s/cuda_affine.so", modelDir);
    kiln_open_options_t old = {.struct_size = 8,
                               .num_threads = 0,
                               .device = KILN_DEVICE_CPU,
                               .device_index = 5};
    kiln_model_t *legacy = NULL;
    kiln_status_t opened = kiln_open(path, &old, &legacy);
    if (opened != KILN_STATUS_OK)
      report("8-byte options", opened);
    else
      printf("8-byte options: %s\n", kiln_model_device(legacy));
    kiln_close(legacy);
  }
  setenv("FAKE_CUDA_DEVICES", "3", 1);
  kiln_model_t *third =
      openModel("open device 2", "cuda_affine", KILN_DEVICE_CUDA, 2);
  if (third)
    printf("device 2: %s\n", kiln_model_device_description(third));
  runOnce("run on device 2", third);
  kiln_close(third);
  setenv("FAKE_CUDA_DEVICES", "0", 1);
  openModel("no devices", "cuda_affine", KILN_DEVICE_DEFAULT, 0);
  unsetenv("FAKE_CUDA_DEVICES");

  // Image choice by architecture.
  static const char *const sms[] = {"90", "80", "86", "75", "70"};
  for (size_t i = 0; i < sizeof(sms) / sizeof(sms[0]); ++i) {
    setenv("FAKE_CUDA_SM", sms[i], 1);
    char label[64];
    snprintf(label, sizeof(label), "multi on sm_%s", sms[i]);
    kiln_model_t *multi =
        openModel(label, "cuda_multi", KILN_DEVICE_DEFAULT, 0);
    if (!multi)
      continue;
    printf("%s: %s\n", label, kiln_model_device_description(multi));
    runOnce(label, multi);
    kiln_close(multi);
  }
  setenv("FAKE_CUDA_SM", "70", 1);
  openModel("affine on sm_70", "cuda_affine", KILN_DEVICE_DEFAULT, 0);
  unsetenv("FAKE_CUDA_SM");

  // Device memory on a cpu model.
  kiln_model_t *cpu = openModel("open cpu", "affine", KILN_DEVICE_DEFAULT, 0);
  printf("cpu model device: %s (%s)\n", kiln_model_device(cpu),
         kiln_model_device_description(cpu));
  report("device alloc on cpu", kiln_device_alloc(cpu, 64, &unused));
  report("device run on cpu", kiln_run_device(cpu, &in, 1, &out, 1, 0));
  kiln_close(cpu);

  kiln_close(model);
  printf("done\n");
  return 0;
}
