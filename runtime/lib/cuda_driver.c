/*===- cuda_driver.c - Loading the CUDA driver with dlopen -----------------===*
 *
 * Finds libcuda.so.1 (or $KILN_CUDA_DRIVER), resolves the entry points the
 * runtime uses and calls cuInit, once per process.
 *
 *===----------------------------------------------------------------------===*/

#include "cuda_driver.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t driverOnce = PTHREAD_ONCE_INIT;
static kiln_cuda_driver_t driver;
static const kiln_cuda_driver_t *loaded;
static char failure[512];

/// Resolves `name` into `*slot`; false (and a message) when it is missing and
/// `required`.
static bool resolve(void *handle, const char *name, void *slot, bool required) {
  void *symbol = dlsym(handle, name);
  // POSIX-sanctioned conversion of an object pointer to a function pointer.
  memcpy(slot, &symbol, sizeof(symbol));
  if (!symbol && required) {
    snprintf(failure, sizeof(failure),
             "%s could not be used: it does not export %s", driver.path, name);
    return false;
  }
  return true;
}

static void loadDriver(void) {
  const char *path = getenv("KILN_CUDA_DRIVER");
  if (!path || !path[0])
    path = "libcuda.so.1";
  driver.path = strdup(path);
  if (!driver.path) {
    snprintf(failure, sizeof(failure), "out of memory");
    return;
  }
  dlerror();
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *reason = dlerror();
    snprintf(failure, sizeof(failure), "%s could not be loaded: %s", path,
             reason ? reason : "unknown error");
    return;
  }
  bool ok = true;
#define REQUIRE(field, symbol)                                                 \
  ok = ok && resolve(handle, symbol, &driver.field, true)
  REQUIRE(cuInit, "cuInit");
  REQUIRE(cuDriverGetVersion, "cuDriverGetVersion");
  REQUIRE(cuGetErrorName, "cuGetErrorName");
  REQUIRE(cuGetErrorString, "cuGetErrorString");
  REQUIRE(cuDeviceGetCount, "cuDeviceGetCount");
  REQUIRE(cuDeviceGet, "cuDeviceGet");
  REQUIRE(cuDeviceGetName, "cuDeviceGetName");
  REQUIRE(cuDeviceGetAttribute, "cuDeviceGetAttribute");
  REQUIRE(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  REQUIRE(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
  REQUIRE(cuCtxPushCurrent, "cuCtxPushCurrent_v2");
  REQUIRE(cuCtxPopCurrent, "cuCtxPopCurrent_v2");
  REQUIRE(cuModuleLoadDataEx, "cuModuleLoadDataEx");
  REQUIRE(cuModuleUnload, "cuModuleUnload");
  REQUIRE(cuModuleGetFunction, "cuModuleGetFunction");
  REQUIRE(cuModuleGetGlobal, "cuModuleGetGlobal_v2");
  REQUIRE(cuCtxSynchronize, "cuCtxSynchronize");
  REQUIRE(cuFuncSetAttribute, "cuFuncSetAttribute");
  REQUIRE(cuStreamCreate, "cuStreamCreate");
  REQUIRE(cuStreamDestroy, "cuStreamDestroy_v2");
  REQUIRE(cuStreamSynchronize, "cuStreamSynchronize");
  REQUIRE(cuMemAlloc, "cuMemAlloc_v2");
  REQUIRE(cuMemFree, "cuMemFree_v2");
  REQUIRE(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
  REQUIRE(cuMemcpyDtoH, "cuMemcpyDtoH_v2");
  REQUIRE(cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2");
  REQUIRE(cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2");
  REQUIRE(cuLaunchKernel, "cuLaunchKernel");
#undef REQUIRE
  if (ok) {
    resolve(handle, "cuMemAllocAsync", &driver.cuMemAllocAsync, false);
    resolve(handle, "cuMemFreeAsync", &driver.cuMemFreeAsync, false);
    resolve(handle, "cuDeviceGetDefaultMemPool",
            &driver.cuDeviceGetDefaultMemPool, false);
    resolve(handle, "cuMemPoolSetAttribute", &driver.cuMemPoolSetAttribute,
            false);
    if (!driver.cuMemAllocAsync || !driver.cuMemFreeAsync)
      driver.cuMemAllocAsync = NULL, driver.cuMemFreeAsync = NULL;
  }
  if (!ok) {
    dlclose(handle);
    return;
  }
  CUresult result = driver.cuInit(0);
  if (result != CUDA_SUCCESS) {
    char text[256];
    kiln_cuda_error_text(&driver, result, text, sizeof(text));
    snprintf(failure, sizeof(failure), "cuInit failed: %s", text);
    // Keep the library loaded: the driver may have started threads.
    return;
  }
  // The driver stays loaded for the life of the process: it owns contexts
  // that other libraries in the process may share.
  loaded = &driver;
}

const kiln_cuda_driver_t *kiln_cuda_driver(char *why, size_t size) {
  pthread_once(&driverOnce, loadDriver);
  if (!loaded && size)
    snprintf(why, size, "%s", failure);
  return loaded;
}

void kiln_cuda_error_text(const kiln_cuda_driver_t *driver, CUresult result,
                          char *buffer, size_t size) {
  const char *name = NULL, *text = NULL;
  if (driver->cuGetErrorName(result, &name) != CUDA_SUCCESS || !name)
    name = NULL;
  if (driver->cuGetErrorString(result, &text) != CUDA_SUCCESS || !text)
    text = NULL;
  if (name && text)
    snprintf(buffer, size, "%s (%s)", name, text);
  else
    snprintf(buffer, size, "CUDA error %d", result);
}
