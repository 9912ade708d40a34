/*===- fake_cuda.c - A CUDA driver stand-in for testing without a GPU ------===*
 *
 * Implements the cu* functions the Kiln runtime loads from libcuda.so.1, on
 * host memory, so that tests load it through KILN_CUDA_DRIVER and exercise
 * the runtime's whole host side on machines without a GPU:
 *  - device memory is malloc()ed and registered; copies and kernel pointer
 *    arguments must lie inside live device allocations (host pointers
 *    passed as device pointers, or the reverse, fail as on a real GPU);
 *  - a module "loads" a PTX image (".target sm_NN" at most the device's
 *    architecture) or a fake cubin ("KILN-FAKE-CUBIN sm_NN", exactly the
 *    device's); its kernels are the ".entry" names in the text, and a launch
 *    runs the C function of that name below over the whole grid (a kernel
 *    without one, as in compiled models, fails to launch); its globals are
 *    the ".global ... .b8 NAME[SIZE];" declarations, zeroed device memory
 *    that cuModuleGetGlobal finds;
 *  - every call that needs a context checks that one is current on the
 *    calling thread, launches check the stream, grid, block and dynamic
 *    shared memory (above 48 KiB only after cuFuncSetAttribute).
 * Configuration (environment, read at each call):
 *  FAKE_CUDA_SM=NN       compute capability as major*10+minor (default 90)
 *  FAKE_CUDA_DEVICES=N   number of devices (default 1)
 *  FAKE_CUDA_POOLS=0|1   whether stream-ordered allocation is supported (1)
 *  FAKE_CUDA_FAIL=WHAT   init | launch:KERNEL (launches of KERNEL fail) |
 *                        sync | alloc (every cuMemAlloc* fails) |
 *                        upload (copies into module globals fail) |
 *                        ctxsync (cuCtxSynchronize fails)
 *  FAKE_CUDA_TRACE=FILE  append one line per interesting call to FILE
 *  FAKE_CUDA_DUMP=DIR    when a module is unloaded, write each of its globals
 *                        to DIR/NAME.bin
 * fake_cuda_stream_launches(stream) tells tests how many kernels a stream got.
 *
 *===----------------------------------------------------------------------===*/

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

enum {
  SUCCESS = 0,
  INVALID_VALUE = 1,
  OUT_OF_MEMORY = 2,
  NOT_INITIALIZED = 3,
  NO_DEVICE = 100,
  INVALID_DEVICE = 101,
  INVALID_IMAGE = 200,
  INVALID_CONTEXT = 201,
  NO_BINARY_FOR_GPU = 209,
  INVALID_PTX = 218,
  INVALID_HANDLE = 400,
  NOT_FOUND = 500,
  ILLEGAL_ADDRESS = 700,
  LAUNCH_FAILED = 719,
};

static const struct {
  CUresult code;
  const char *name, *text;
} errors[] = {
    {SUCCESS, "CUDA_SUCCESS", "no error"},
    {INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {NO_DEVICE, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE",
     "device kernel image is invalid"},
    {INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {NO_BINARY_FOR_GPU, "CUDA_ERROR_NO_BINARY_FOR_GPU",
     "no kernel image is available for execution on the device"},
    {INVALID_PTX, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {ILLEGAL_ADDRESS, "CUDA_ERROR_ILLEGAL_ADDRESS",
     "an illegal memory access was encountered"},
    {LAUNCH_FAILED, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"},
};

//===----------------------------------------------------------------------===//
// State
//===----------------------------------------------------------------------===//

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized;

static int envInt(const char *name, int fallback) {
  const char *value = getenv(name);
  return value && value[0] ? atoi(value) : fallback;
}

static int deviceSm(void) { return envInt("FAKE_CUDA_SM", 90); }

static int failing(const char *what) {
  const char *fail = getenv("FAKE_CUDA_FAIL");
  return fail && strcmp(fail, what) == 0;
}

__attribute__((format(printf, 1, 2))) static void trace(const char *format,
                                                        ...) {
  const char *path = getenv("FAKE_CUDA_TRACE");
  if (!path || !path[0])
    return;
  FILE *file = fopen(path, "a");
  if (!file)
    return;
  va_list args;
  va_start(args, format);
  vfprintf(file, format, args);
  va_end(args);
  fputc('\n', file);
  fclose(file);
}

/// Device allocations (malloc()ed blocks).
typedef struct allocation {
  char *base;
  size_t size;
  int device;
  /// Whether it holds a module global.
  int global;
} allocation_t;
static allocation_t *allocations;
static size_t numAllocations, allocationCapacity;

/// Whether [address, address + bytes) lies in one live allocation.
static int isDevice(const void *address, size_t bytes) {
  const char *p = (const char *)address;
  pthread_mutex_lock(&lock);
  int found = 0;
  for (size_t i = 0; i < numAllocations && !found; ++i)
    found = p >= allocations[i].base &&
            p + bytes <= allocations[i].base + allocations[i].size;
  pthread_mutex_unlock(&lock);
  return found;
}

/// Whether `address` lies in the memory of a module global.
static int isGlobal(const void *address) {
  const char *p = (const char *)address;
  pthread_mutex_lock(&lock);
  int found = 0;
  for (size_t i = 0; i < numAllocations && !found; ++i)
    found = allocations[i].global && p >= allocations[i].base &&
            p < allocations[i].base + allocations[i].size;
  pthread_mutex_unlock(&lock);
  return found;
}

/// Allocates `bytes` of zeroed device memory on `device` (for a module
/// global when `global`) into *memory; non-zero when out of memory.
static int registerMemory(size_t bytes, int device, int global, char **memory) {
  *memory = (char *)calloc(1, bytes);
  if (!*memory)
    return 1;
  pthread_mutex_lock(&lock);
  if (numAllocations == allocationCapacity) {
    allocationCapacity = allocationCapacity ? 2 * allocationCapacity : 64;
    allocations = (allocation_t *)realloc(
        allocations, allocationCapacity * sizeof(allocation_t));
  }
  allocations[numAllocations++] =
      (allocation_t){*memory, bytes, device, global};
  pthread_mutex_unlock(&lock);
  return 0;
}

/// Frees device memory from registerMemory; returns its size, 0 when
/// `memory` is not the start of a live allocation.
static size_t unregisterMemory(char *memory) {
  pthread_mutex_lock(&lock);
  size_t i = 0;
  while (i < numAllocations && allocations[i].base != memory)
    ++i;
  if (i == numAllocations) {
    pthread_mutex_unlock(&lock);
    return 0;
  }
  size_t bytes = allocations[i].size;
  allocations[i] = allocations[--numAllocations];
  pthread_mutex_unlock(&lock);
  free(memory);
  return bytes;
}

typedef struct context {
  int device;
  int refcount;
} context_t;
static context_t contexts[8];

static _Thread_local context_t *contextStack[16];
static _Thread_local int contextDepth;

static int haveContext(void) {
  return contextDepth > 0 && contextStack[contextDepth - 1]->refcount > 0;
}

#define STREAM_MAGIC 0x5743a3e1u
typedef struct stream {
  unsigned magic;
  int device;
  /// Kernels launched on this stream.
  unsigned launches;
} stream_t;
/// Live streams and modules per device.
static int liveStreams[8], liveModules[8];

struct module;
typedef void (*kernel_fn_t)(const struct module *module, void **args,
                            unsigned index, unsigned count);

typedef struct function {
  const struct module *module;
  char name[128];
  /// NULL for a kernel this driver cannot run.
  kernel_fn_t run;
  unsigned sharedLimit;
} function_t;

/// A module global: zeroed device memory.
typedef struct global {
  char name[128];
  char *memory;
  size_t size;
} global_t;

#define MAX_FUNCTIONS 4096
#define MAX_GLOBALS 4096
typedef struct module {
  int device;
  function_t functions[MAX_FUNCTIONS];
  unsigned numFunctions;
  global_t globals[MAX_GLOBALS];
  unsigned numGlobals;
} module_t;

/// The memory of module global `name`, or NULL.
static const global_t *findGlobal(const module_t *module, const char *name) {
  for (unsigned i = 0; i < module->numGlobals; ++i)
    if (strcmp(module->globals[i].name, name) == 0)
      return &module->globals[i];
  return NULL;
}

//===----------------------------------------------------------------------===//
// Kernels: one call per thread of the grid, `index` its linear global index
// along x and `count` the number of such threads.
//===----------------------------------------------------------------------===//

/// kiln_scale(const float *x, float *y, float s, unsigned n): y = x * s.
static void kernelScale(const module_t *module, void **args, unsigned i,
                        unsigned count) {
  (void)module, (void)count;
  const float *x = *(const float **)args[0];
  float *y = *(float **)args[1];
  float s = *(const float *)args[2];
  unsigned n = *(const unsigned *)args[3];
  if (i < n)
    y[i] = x[i] * s;
}

/// kiln_add_scalar(const float *x, float *y, float s, unsigned n): y = x + s.
static void kernelAddScalar(const module_t *module, void **args, unsigned i,
                            unsigned count) {
  (void)module, (void)count;
  const float *x = *(const float **)args[0];
  float *y = *(float **)args[1];
  float s = *(const float *)args[2];
  unsigned n = *(const unsigned *)args[3];
  if (i < n)
    y[i] = x[i] + s;
}

/// kiln_scale_w(const float *x, float *y, float unused, unsigned n):
/// y = x * w[i % 64], w the module's 64-float global kiln_w (a weight the
/// runtime uploads).
static void kernelScaleW(const module_t *module, void **args, unsigned i,
                         unsigned count) {
  (void)count;
  const float *x = *(const float **)args[0];
  float *y = *(float **)args[1];
  unsigned n = *(const unsigned *)args[3];
  const global_t *w = findGlobal(module, "kiln_w");
  if (i < n && w && w->size == 64 * sizeof(float))
    y[i] = x[i] * ((const float *)w->memory)[i % 64];
}

static const struct {
  const char *name;
  kernel_fn_t run;
  /// Which of the first four parameters are float pointers of n elements.
  unsigned pointerMask;
} kernels[] = {
    {"kiln_scale", kernelScale, 0x3},
    {"kiln_add_scalar", kernelAddScalar, 0x3},
    {"kiln_scale_w", kernelScaleW, 0x3},
};

//===----------------------------------------------------------------------===//
// Driver API
//===----------------------------------------------------------------------===//

EXPORT CUresult cuInit(unsigned flags) {
  if (flags != 0)
    return INVALID_VALUE;
  if (failing("init"))
    return NO_DEVICE;
  initialized = 1;
  trace("cuInit");
  return SUCCESS;
}

EXPORT CUresult cuDriverGetVersion(int *version) {
  *version = 13000;
  return SUCCESS;
}

EXPORT CUresult cuGetErrorName(CUresult error, const char **name) {
  for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); ++i)
    if (errors[i].code == error) {
      *name = errors[i].name;
      return SUCCESS;
    }
  *name = NULL;
  return INVALID_VALUE;
}

EXPORT CUresult cuGetErrorString(CUresult error, const char **text) {
  for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); ++i)
    if (errors[i].code == error) {
      *text = errors[i].text;
      return SUCCESS;
    }
  *text = NULL;
  return INVALID_VALUE;
}

EXPORT CUresult cuDeviceGetCount(int *count) {
  if (!initialized)
    return NOT_INITIALIZED;
  *count = envInt("FAKE_CUDA_DEVICES", 1);
  return SUCCESS;
}

EXPORT CUresult cuDeviceGet(CUdevice *device, int ordinal) {
  if (!initialized)
    return NOT_INITIALIZED;
  if (ordinal < 0 || ordinal >= envInt("FAKE_CUDA_DEVICES", 1) || ordinal >= 8)
    return INVALID_DEVICE;
  *device = ordinal;
  return SUCCESS;
}

EXPORT CUresult cuDeviceGetName(char *name, int length, CUdevice device) {
  snprintf(name, (size_t)length, "Fake CUDA Device %d", device);
  return SUCCESS;
}

EXPORT CUresult cuDeviceGetAttribute(int *value, int attribute,
                                     CUdevice device) {
  (void)device;
  switch (attribute) {
  case 75: // COMPUTE_CAPABILITY_MAJOR
    *value = deviceSm() / 10;
    return SUCCESS;
  case 76: // COMPUTE_CAPABILITY_MINOR
    *value = deviceSm() % 10;
    return SUCCESS;
  case 115: // MEMORY_POOLS_SUPPORTED
    *value = envInt("FAKE_CUDA_POOLS", 1);
    return SUCCESS;
  default:
    return INVALID_VALUE;
  }
}

EXPORT CUresult cuDevicePrimaryCtxRetain(context_t **context, CUdevice device) {
  if (!initialized)
    return NOT_INITIALIZED;
  if (device < 0 || device >= 8)
    return INVALID_DEVICE;
  pthread_mutex_lock(&lock);
  contexts[device].device = device;
  ++contexts[device].refcount;
  pthread_mutex_unlock(&lock);
  *context = &contexts[device];
  return SUCCESS;
}

EXPORT CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
  if (device < 0 || device >= 8 || contexts[device].refcount <= 0)
    return INVALID_CONTEXT;
  pthread_mutex_lock(&lock);
  int last = --contexts[device].refcount == 0;
  size_t allocationsLeft = 0;
  for (size_t i = 0; i < numAllocations; ++i)
    allocationsLeft += allocations[i].device == device;
  int streamsLeft = liveStreams[device], modulesLeft = liveModules[device];
  pthread_mutex_unlock(&lock);
  if (last)
    trace("primary context %d released: %zu allocations, %d streams, %d "
          "modules alive",
          device, allocationsLeft, streamsLeft, modulesLeft);
  return SUCCESS;
}

EXPORT CUresult cuCtxPushCurrent_v2(context_t *context) {
  if (!context || context->refcount <= 0)
    return INVALID_CONTEXT;
  if (contextDepth == 16)
    return INVALID_VALUE;
  contextStack[contextDepth++] = context;
  return SUCCESS;
}

EXPORT CUresult cuCtxPopCurrent_v2(context_t **context) {
  if (contextDepth == 0)
    return INVALID_CONTEXT;
  context_t *top = contextStack[--contextDepth];
  if (context)
    *context = top;
  return SUCCESS;
}

/// Reads the NN of "KEY sm_NN" in `text`, or -1.
static int findSm(const char *text, const char *key) {
  const char *at = strstr(text, key);
  if (!at)
    return -1;
  at += strlen(key);
  while (*at == ' ')
    ++at;
  if (strncmp(at, "sm_", 3) != 0)
    return -1;
  return atoi(at + 3);
}

EXPORT CUresult cuModuleLoadDataEx(module_t **result, const void *image,
                                   unsigned numOptions, int *options,
                                   void **values) {
  if (!haveContext())
    return INVALID_CONTEXT;
  char *errorLog = NULL;
  size_t errorLogSize = 0;
  for (unsigned i = 0; i < numOptions; ++i) {
    if (options[i] == 5)
      errorLog = (char *)values[i];
    else if (options[i] == 6)
      errorLogSize = (size_t)(uintptr_t)values[i];
  }
  const char *text = (const char *)image;
  int sm = deviceSm();
  if (strncmp(text, "KILN-FAKE-CUBIN", 15) == 0) {
    int target = findSm(text, "KILN-FAKE-CUBIN");
    if (target != sm)
      return NO_BINARY_FOR_GPU;
    if (strstr(text, "corrupt"))
      return INVALID_IMAGE;
    trace("load cubin sm_%d", target);
  } else if (strstr(text, ".version") && strstr(text, ".target")) {
    int target = findSm(text, ".target");
    if (target < 0 || target > sm) {
      if (errorLog && errorLogSize)
        snprintf(errorLog, errorLogSize,
                 "ptxas application ptx input, line 2; fatal   : Unsupported "
                 ".target 'sm_%d'\nptxas fatal   : Ptx assembly aborted due "
                 "to errors",
                 target);
      return INVALID_PTX;
    }
    if (strstr(text, "KILN-FAKE-PTX-ERROR")) {
      if (errorLog && errorLogSize)
        snprintf(errorLog, errorLogSize,
                 "ptxas application ptx input, line 4; error   : syntax error "
                 "at 'KILN'\nptxas fatal   : Ptx assembly aborted due to "
                 "errors");
      return INVALID_PTX;
    }
    trace("load ptx sm_%d", target);
  } else {
    return INVALID_IMAGE;
  }
  module_t *module = (module_t *)calloc(1, sizeof(module_t));
  if (!module)
    return OUT_OF_MEMORY;
  module->device = contextStack[contextDepth - 1]->device;
  for (const char *at = strstr(text, ".entry "); at;
       at = strstr(at + 1, ".entry ")) {
    const char *name = at + 7;
    size_t length = strcspn(name, "( \n");
    if (length == 0 || length >= sizeof(module->functions[0].name) ||
        module->numFunctions == MAX_FUNCTIONS)
      continue;
    function_t *f = &module->functions[module->numFunctions++];
    f->module = module;
    memcpy(f->name, name, length);
    f->sharedLimit = 48 * 1024;
    for (size_t k = 0; k < sizeof(kernels) / sizeof(kernels[0]); ++k)
      if (strcmp(kernels[k].name, f->name) == 0)
        f->run = kernels[k].run;
  }
  // Globals: ".global [.align N] .b8 NAME[SIZE];" (initializers are not
  // read: every global starts zeroed).
  for (const char *at = strstr(text, ".global "); at;
       at = strstr(at + 1, ".global ")) {
    size_t line = strcspn(at, "\n;");
    const char *b8 = strstr(at, ".b8 ");
    if (!b8 || b8 > at + line || module->numGlobals == MAX_GLOBALS)
      continue;
    const char *name = b8 + 4;
    size_t length = strcspn(name, "[ \n;");
    global_t *g = &module->globals[module->numGlobals];
    if (name[length] != '[' || length == 0 || length >= sizeof(g->name))
      continue;
    g->size = strtoull(name + length + 1, NULL, 10);
    if (g->size == 0 || registerMemory(g->size, module->device, 1, &g->memory))
      continue;
    memcpy(g->name, name, length);
    ++module->numGlobals;
  }
  pthread_mutex_lock(&lock);
  ++liveModules[module->device];
  pthread_mutex_unlock(&lock);
  *result = module;
  return SUCCESS;
}

EXPORT CUresult cuModuleUnload(module_t *module) {
  if (!module)
    return INVALID_HANDLE;
  const char *dump = getenv("FAKE_CUDA_DUMP");
  for (unsigned i = 0; i < module->numGlobals; ++i) {
    const global_t *g = &module->globals[i];
    if (dump && dump[0]) {
      char path[4096];
      snprintf(path, sizeof(path), "%s/%s.bin", dump, g->name);
      FILE *file = fopen(path, "wb");
      if (file) {
        fwrite(g->memory, 1, g->size, file);
        fclose(file);
      }
    }
    unregisterMemory(g->memory);
  }
  pthread_mutex_lock(&lock);
  --liveModules[module->device];
  pthread_mutex_unlock(&lock);
  free(module);
  return SUCCESS;
}

EXPORT CUresult cuModuleGetGlobal_v2(CUdeviceptr *pointer, size_t *bytes,
                                     module_t *module, const char *name) {
  if (!haveContext())
    return INVALID_CONTEXT;
  if (!module || !name)
    return INVALID_VALUE;
  const global_t *g = findGlobal(module, name);
  if (!g)
    return NOT_FOUND;
  if (pointer)
    *pointer = (CUdeviceptr)(uintptr_t)g->memory;
  if (bytes)
    *bytes = g->size;
  trace("global %s: %zu bytes", name, g->size);
  return SUCCESS;
}

EXPORT CUresult cuCtxSynchronize(void) {
  if (!haveContext())
    return INVALID_CONTEXT;
  if (failing("ctxsync"))
    return ILLEGAL_ADDRESS;
  trace("context synchronized");
  return SUCCESS;
}

EXPORT CUresult cuModuleGetFunction(function_t **function, module_t *module,
                                    const char *name) {
  if (!haveContext())
    return INVALID_CONTEXT;
  for (unsigned i = 0; i < module->numFunctions; ++i)
    if (strcmp(module->functions[i].name, name) == 0) {
      *function = &module->functions[i];
      return SUCCESS;
    }
  return NOT_FOUND;
}

EXPORT CUresult cuFuncSetAttribute(function_t *function, int attribute,
                                   int value) {
  if (attribute != 8 || value < 0 || value > 227 * 1024)
    return INVALID_VALUE;
  function->sharedLimit = (unsigned)value;
  trace("allow %s %d bytes of shared memory", function->name, value);
  return SUCCESS;
}

EXPORT CUresult cuStreamCreate(stream_t **stream, unsigned flags) {
  (void)flags;
  if (!haveContext())
    return INVALID_CONTEXT;
  *stream = (stream_t *)calloc(1, sizeof(stream_t));
  if (!*stream)
    return OUT_OF_MEMORY;
  (*stream)->magic = STREAM_MAGIC;
  (*stream)->device = contextStack[contextDepth - 1]->device;
  pthread_mutex_lock(&lock);
  ++liveStreams[(*stream)->device];
  pthread_mutex_unlock(&lock);
  return SUCCESS;
}

static int validStream(const stream_t *stream) {
  return stream && stream->magic == STREAM_MAGIC;
}

EXPORT CUresult cuStreamDestroy_v2(stream_t *stream) {
  if (!validStream(stream))
    return INVALID_HANDLE;
  stream->magic = 0;
  pthread_mutex_lock(&lock);
  --liveStreams[stream->device];
  pthread_mutex_unlock(&lock);
  free(stream);
  return SUCCESS;
}

EXPORT CUresult cuStreamSynchronize(stream_t *stream) {
  if (!validStream(stream))
    return INVALID_HANDLE;
  // Work ran when it was queued; a failing sync stands for a kernel fault.
  return failing("sync") ? ILLEGAL_ADDRESS : SUCCESS;
}

static CUresult allocate(CUdeviceptr *pointer, size_t bytes, const char *how) {
  if (!haveContext())
    return INVALID_CONTEXT;
  if (bytes == 0)
    return INVALID_VALUE;
  if (failing("alloc"))
    return OUT_OF_MEMORY;
  char *memory;
  if (registerMemory(bytes, contextStack[contextDepth - 1]->device, 0, &memory))
    return OUT_OF_MEMORY;
  *pointer = (CUdeviceptr)(uintptr_t)memory;
  trace("alloc %zu (%s)", bytes, how);
  return SUCCESS;
}

static CUresult release(CUdeviceptr pointer, const char *how) {
  if (!haveContext())
    return INVALID_CONTEXT;
  size_t bytes = unregisterMemory((char *)(uintptr_t)pointer);
  if (!bytes)
    return INVALID_VALUE;
  trace("free %zu (%s)", bytes, how);
  return SUCCESS;
}

EXPORT CUresult cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes) {
  return allocate(pointer, bytes, "sync");
}

EXPORT CUresult cuMemFree_v2(CUdeviceptr pointer) {
  return release(pointer, "sync");
}

EXPORT CUresult cuMemAllocAsync(CUdeviceptr *pointer, size_t bytes,
                                stream_t *stream) {
  if (!envInt("FAKE_CUDA_POOLS", 1))
    return INVALID_VALUE; // The runtime must not use pools then.
  if (!validStream(stream))
    return INVALID_HANDLE;
  return allocate(pointer, bytes, "stream");
}

EXPORT CUresult cuMemFreeAsync(CUdeviceptr pointer, stream_t *stream) {
  if (!validStream(stream))
    return INVALID_HANDLE;
  return release(pointer, "stream");
}

EXPORT CUresult cuDeviceGetDefaultMemPool(void **pool, CUdevice device) {
  if (device < 0 || device >= 8 || !envInt("FAKE_CUDA_POOLS", 1))
    return INVALID_VALUE;
  *pool = &contexts[device]; // Any stable handle.
  return SUCCESS;
}

EXPORT CUresult cuMemPoolSetAttribute(void *pool, int attribute, void *value) {
  if (attribute != 4 || !value) // RELEASE_THRESHOLD, a cuuint64_t
    return INVALID_VALUE;
  trace("pool of device %d: release threshold %llu",
        ((context_t *)pool)->device, *(unsigned long long *)value);
  return SUCCESS;
}

static CUresult copy(void *dst, const void *src, size_t bytes, int toDevice,
                     stream_t *stream, int async) {
  if (!haveContext())
    return INVALID_CONTEXT;
  if (async && !validStream(stream))
    return INVALID_HANDLE;
  if (!isDevice(toDevice ? dst : src, bytes))
    return INVALID_VALUE;
  if (isDevice(toDevice ? src : dst, 1))
    return INVALID_VALUE; // A device address where host memory belongs.
  if (toDevice && failing("upload") && isGlobal(dst))
    return ILLEGAL_ADDRESS;
  memcpy(dst, src, bytes);
  trace("copy %zu bytes to the %s", bytes, toDevice ? "device" : "host");
  return SUCCESS;
}

EXPORT CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src,
                                size_t bytes) {
  return copy((void *)(uintptr_t)dst, src, bytes, 1, NULL, 0);
}

EXPORT CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
  return copy(dst, (const void *)(uintptr_t)src, bytes, 0, NULL, 0);
}

EXPORT CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void *src,
                                     size_t bytes, stream_t *stream) {
  return copy((void *)(uintptr_t)dst, src, bytes, 1, stream, 1);
}

EXPORT CUresult cuMemcpyDtoHAsync_v2(void *dst, CUdeviceptr src, size_t bytes,
                                     stream_t *stream) {
  return copy(dst, (const void *)(uintptr_t)src, bytes, 0, stream, 1);
}

EXPORT CUresult cuLaunchKernel(function_t *function, unsigned gx, unsigned gy,
                               unsigned gz, unsigned bx, unsigned by,
                               unsigned bz, unsigned sharedBytes,
                               stream_t *stream, void **params, void **extra) {
  if (!haveContext())
    return INVALID_CONTEXT;
  if (!function || !validStream(stream) || !params || extra)
    return INVALID_HANDLE;
  if (!gx || !gy || !gz || !bx || !by || !bz ||
      (unsigned long long)bx * by * bz > 1024)
    return INVALID_VALUE;
  if (sharedBytes > function->sharedLimit)
    return INVALID_VALUE;
  const char *fail = getenv("FAKE_CUDA_FAIL");
  if (fail && strncmp(fail, "launch:", 7) == 0 &&
      strcmp(fail + 7, function->name) == 0)
    return LAUNCH_FAILED;
  if (!function->run) {
    trace("launch %s: no fake implementation", function->name);
    return LAUNCH_FAILED;
  }
  trace("launch %s grid [%u, %u, %u] block [%u, %u, %u] shared %u",
        function->name, gx, gy, gz, bx, by, bz, sharedBytes);
  // Every kernel here is 1-D over n elements with pointer parameters that
  // must be device memory.
  unsigned n = *(const unsigned *)params[3];
  for (size_t k = 0; k < sizeof(kernels) / sizeof(kernels[0]); ++k) {
    if (kernels[k].run != function->run)
      continue;
    for (unsigned p = 0; p < 4; ++p)
      if (kernels[k].pointerMask & (1u << p)) {
        const void *pointer = *(void *const *)params[p];
        if (n && !isDevice(pointer, (size_t)n * sizeof(float)))
          return ILLEGAL_ADDRESS;
      }
  }
  __atomic_add_fetch(&stream->launches, 1, __ATOMIC_RELAXED);
  // The kernels index along x only: threads that differ in y or z would
  // repeat the same writes, so one x row of the grid stands for all.
  unsigned count = gx * bx;
  for (unsigned i = 0; i < count; ++i)
    function->run(function->module, params, i, count);
  return SUCCESS;
}

/// Not a driver function: lets tests check which stream got the launches.
EXPORT unsigned fake_cuda_stream_launches(const stream_t *stream) {
  return validStream(stream)
             ? __atomic_load_n(&stream->launches, __ATOMIC_RELAXED)
             : 0;
}
