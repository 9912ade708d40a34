/*===- cuda_driver.h - The CUDA driver API, loaded at run time -----*- C -*-===*
 *
 * The few CUDA driver types, constants and functions the runtime uses,
 * declared here (values as in the CUDA 12/13 cuda.h) so that the runtime
 * neither includes cuda.h nor links libcuda: the driver is dlopen()ed the
 * first time a "cuda" model is opened, and a machine without one keeps
 * running "cpu" models.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_CUDA_DRIVER_H
#define KILN_RUNTIME_LIB_CUDA_DRIVER_H

#include "kiln/runtime/kiln_runtime.h"

#include <stddef.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUmemPoolHandle_st *CUmemoryPool;

enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_NO_DEVICE = 100,
};

enum {
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
  CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED = 115,
};

enum {
  CU_JIT_INFO_LOG_BUFFER = 3,
  CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
};

enum { CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8 };
enum { CU_STREAM_NON_BLOCKING = 1 };
enum { CU_MEMPOOL_ATTR_RELEASE_THRESHOLD = 4 };

/** Dynamic shared memory a kernel may use without raising its limit. */
#define KILN_CUDA_DEFAULT_SHARED_BYTES (48u * 1024u)

/// The driver entry points, by the versioned names libcuda.so.1 exports.
typedef struct kiln_cuda_driver {
  CUresult (*cuInit)(unsigned flags);
  CUresult (*cuDriverGetVersion)(int *version);
  CUresult (*cuGetErrorName)(CUresult error, const char **name);
  CUresult (*cuGetErrorString)(CUresult error, const char **text);
  CUresult (*cuDeviceGetCount)(int *count);
  CUresult (*cuDeviceGet)(CUdevice *device, int ordinal);
  CUresult (*cuDeviceGetName)(char *name, int length, CUdevice device);
  CUresult (*cuDeviceGetAttribute)(int *value, int attribute, CUdevice device);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *context, CUdevice device);
  CUresult (*cuDevicePrimaryCtxRelease)(CUdevice device);
  CUresult (*cuCtxPushCurrent)(CUcontext context);
  CUresult (*cuCtxPopCurrent)(CUcontext *context);
  CUresult (*cuModuleLoadDataEx)(CUmodule *module, const void *image,
                                 unsigned numOptions, int *options,
                                 void **values);
  CUresult (*cuModuleUnload)(CUmodule module);
  CUresult (*cuModuleGetFunction)(CUfunction *function, CUmodule module,
                                  const char *name);
  CUresult (*cuModuleGetGlobal)(CUdeviceptr *pointer, size_t *bytes,
                                CUmodule module, const char *name);
  CUresult (*cuCtxSynchronize)(void);
  CUresult (*cuFuncSetAttribute)(CUfunction function, int attribute, int value);
  CUresult (*cuStreamCreate)(CUstream *stream, unsigned flags);
  CUresult (*cuStreamDestroy)(CUstream stream);
  CUresult (*cuStreamSynchronize)(CUstream stream);
  CUresult (*cuMemAlloc)(CUdeviceptr *pointer, size_t bytes);
  CUresult (*cuMemFree)(CUdeviceptr pointer);
  /// Stream-ordered allocation (CUDA 11.2+); NULL when the driver lacks it.
  CUresult (*cuMemAllocAsync)(CUdeviceptr *pointer, size_t bytes,
                              CUstream stream);
  CUresult (*cuMemFreeAsync)(CUdeviceptr pointer, CUstream stream);
  /// Optional too: used to keep freed memory in the device's default pool.
  CUresult (*cuDeviceGetDefaultMemPool)(CUmemoryPool *pool, CUdevice device);
  CUresult (*cuMemPoolSetAttribute)(CUmemoryPool pool, int attribute,
                                    void *value);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr dst, const void *src, size_t bytes);
  CUresult (*cuMemcpyDtoH)(void *dst, CUdeviceptr src, size_t bytes);
  CUresult (*cuMemcpyHtoDAsync)(CUdeviceptr dst, const void *src, size_t bytes,
                                CUstream stream);
  CUresult (*cuMemcpyDtoHAsync)(void *dst, CUdeviceptr src, size_t bytes,
                                CUstream stream);
  CUresult (*cuLaunchKernel)(CUfunction function, unsigned gx, unsigned gy,
                             unsigned gz, unsigned bx, unsigned by, unsigned bz,
                             unsigned sharedBytes, CUstream stream,
                             void **params, void **extra);
  /// The path the driver was loaded from, for messages.
  const char *path;
} kiln_cuda_driver_t;

/** Loads and initializes (cuInit) the driver once per process: the file named
 *  by $KILN_CUDA_DRIVER, else libcuda.so.1. On failure stores NULL and a
 *  reason ("libcuda.so.1 could not be loaded: ..." or "cuInit failed: ...")
 *  in `why`; the same outcome is returned on every later call. */
const kiln_cuda_driver_t *kiln_cuda_driver(char *why, size_t size);

/** Writes "NAME (description)" of a driver error code into `buffer`. */
void kiln_cuda_error_text(const kiln_cuda_driver_t *driver, CUresult result,
                          char *buffer, size_t size);

#endif /* KILN_RUNTIME_LIB_CUDA_DRIVER_H */
