/*===- model.c - Loading, describing and configuring models ----------------===*
 *
 * kiln_open / kiln_close, the descriptor accessors and the thread-count
 * setter.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE // pthread_rwlockattr_setkind_np
#endif

#include "model.h"

#include "error.h"
#include "validate.h"
#include "weights.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint32_t kiln_default_threads(void) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus < 1)
    return 1;
  return cpus > (long)KILN_MAX_THREADS ? KILN_MAX_THREADS : (uint32_t)cpus;
}

/// Maps 0 to the default thread count and rejects out-of-range values.
static kiln_status_t resolveThreads(uint32_t requested, uint32_t *threads) {
  if (requested > KILN_MAX_THREADS)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "thread count %u is out of range [1, %u]", requested,
                      KILN_MAX_THREADS);
  *threads = requested ? requested : kiln_default_threads();
  return KILN_STATUS_OK;
}

/// dlopen()s `path`. A path without a slash would make dlopen search the
/// library path instead of the working directory, so such paths get "./".
static void *loadLibrary(const char *path) {
  if (strchr(path, '/'))
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
  size_t length = strlen(path);
  char *relative = (char *)malloc(length + 3);
  if (!relative)
    return NULL;
  memcpy(relative, "./", 2);
  memcpy(relative + 2, path, length + 1);
  void *handle = dlopen(relative, RTLD_NOW | RTLD_LOCAL);
  free(relative);
  return handle;
}

/// Loads the shared object and returns its checked descriptor.
static kiln_status_t loadModel(const char *path, void **handle,
                               const kiln_model_desc_t **desc) {
  struct stat info;
  if (stat(path, &info) != 0)
    return kiln_error(KILN_STATUS_LOAD_FAILED, "cannot open model '%s': %s",
                      path, strerror(errno));
  if (!S_ISREG(info.st_mode))
    return kiln_error(KILN_STATUS_LOAD_FAILED,
                      "cannot open model '%s': not a regular file", path);

  dlerror();
  *handle = loadLibrary(path);
  if (!*handle) {
    const char *reason = dlerror();
    return kiln_error(KILN_STATUS_LOAD_FAILED, "cannot load model '%s': %s",
                      path, reason ? reason : "out of memory");
  }

  dlerror();
  void *symbol = dlsym(*handle, KILN_QUERY_SYMBOL);
  if (!symbol)
    return kiln_error(KILN_STATUS_SYMBOL_NOT_FOUND,
                      "model '%s' does not export '%s'; is it a Kiln model?",
                      path, KILN_QUERY_SYMBOL);
  kiln_query_model_fn_t query;
  // POSIX-sanctioned conversion of an object pointer to a function pointer.
  memcpy(&query, &symbol, sizeof(query));

  *desc = query(KILN_ABI_VERSION);
  if (!*desc)
    return kiln_error(KILN_STATUS_VERSION_MISMATCH,
                      "model '%s' does not support runtime ABI version %u",
                      path, KILN_ABI_VERSION);
  if ((*desc)->abi_version != KILN_ABI_VERSION)
    return kiln_error(KILN_STATUS_VERSION_MISMATCH,
                      "model '%s' was built for ABI version %u, this runtime "
                      "supports version %u",
                      path, (*desc)->abi_version, KILN_ABI_VERSION);
  return kiln_check_model_desc(*desc, path);
}

kiln_status_t kiln_open(const char *path, const kiln_open_options_t *options,
                        kiln_model_t **model) {
  kiln_clear_error();
  if (!model)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_open: model pointer is null");
  *model = NULL;
  if (!path || !path[0])
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_open: model path is null or empty");
  uint32_t requested = 0, device = KILN_DEVICE_DEFAULT, deviceIndex = 0;
  if (options) {
    // Callers built against an older header pass a smaller struct: the
    // fields it lacks keep their defaults.
    const uint32_t coreSize = offsetof(kiln_open_options_t, device);
    uint32_t size = options->struct_size ? options->struct_size
                                         : (uint32_t)sizeof(*options);
    if (size < coreSize)
      return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                        "kiln_open: options size %u is smaller than %u",
                        options->struct_size, coreSize);
    requested = options->num_threads;
    if (size >= offsetof(kiln_open_options_t, device_index) + sizeof(uint32_t)) {
      device = options->device;
      deviceIndex = options->device_index;
    }
  }
  if (device > KILN_DEVICE_CUDA)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_open: unknown device kind %u", device);
  uint32_t threads;
  kiln_status_t status = resolveThreads(requested, &threads);
  if (status != KILN_STATUS_OK)
    return status;

  void *handle = NULL;
  const kiln_model_desc_t *desc = NULL;
  status = loadModel(path, &handle, &desc);
  if (status != KILN_STATUS_OK) {
    if (handle)
      dlclose(handle);
    return status;
  }
  bool isCuda = strcmp(desc->target, "cuda") == 0;
  if (device != KILN_DEVICE_DEFAULT &&
      isCuda != (device == KILN_DEVICE_CUDA)) {
    // The descriptor lives in the shared object: format before dlclose.
    status = kiln_error(KILN_STATUS_UNSUPPORTED,
                        "model '%s' was compiled for %s and cannot run on %s "
                        "(compile it with --target=%s)",
                        path, isCuda ? "cuda" : "cpu",
                        isCuda ? "the cpu" : "cuda", isCuda ? "cpu" : "cuda");
    dlclose(handle);
    return status;
  }
  // A cuda model's host side only enqueues work: one thread unless asked.
  if (isCuda && requested == 0)
    threads = 1;
  kiln_cuda_model_t *cuda = NULL;
  if (isCuda) {
    status = kiln_cuda_open(desc, path, deviceIndex, &cuda);
    if (status != KILN_STATUS_OK) {
      dlclose(handle);
      return status;
    }
  }

  // A cpu model reads its weights from its read-only data at every run.
  if (!isCuda)
    kiln_weights_to_huge_pages(handle, path);
  kiln_model_t *result = (kiln_model_t *)calloc(1, sizeof(kiln_model_t));
  if (!result) {
    kiln_cuda_close(cuda);
    dlclose(handle);
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY, "cannot allocate model '%s'",
                      path);
  }
  status = kiln_pool_create(threads, &result->pool);
  if (status != KILN_STATUS_OK) {
    free(result);
    kiln_cuda_close(cuda);
    dlclose(handle);
    return status;
  }
  result->handle = handle;
  result->desc = desc;
  result->cuda = cuda;
  result->numThreads = threads;
  pthread_rwlockattr_t attributes;
  pthread_rwlockattr_init(&attributes);
  // A waiting kiln_set_threads must not starve behind a stream of runs.
  pthread_rwlockattr_setkind_np(&attributes,
                                PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(&result->poolLock, &attributes);
  pthread_rwlockattr_destroy(&attributes);
  kiln_arena_cache_init(&result->arenas, desc->arena_size,
                        desc->arena_alignment);
  *model = result;
  return KILN_STATUS_OK;
}

void kiln_close(kiln_model_t *model) {
  if (!model)
    return;
  kiln_pool_destroy(model->pool);
  kiln_profile_destroy(model->profile);
  kiln_cuda_close(model->cuda);
  kiln_arena_cache_destroy(&model->arenas);
  pthread_rwlock_destroy(&model->poolLock);
  dlclose(model->handle);
  free(model);
}

const kiln_model_desc_t *kiln_model_desc(const kiln_model_t *model) {
  return model ? model->desc : NULL;
}

const char *kiln_model_name(const kiln_model_t *model) {
  return model ? model->desc->name : NULL;
}

const char *kiln_model_target(const kiln_model_t *model) {
  return model ? model->desc->target : NULL;
}

const char *kiln_model_device(const kiln_model_t *model) {
  if (!model)
    return NULL;
  return model->cuda ? model->cuda->device_name : "cpu";
}

const char *kiln_model_device_description(const kiln_model_t *model) {
  if (!model)
    return NULL;
  return model->cuda ? model->cuda->description : "cpu";
}

uint32_t kiln_model_num_inputs(const kiln_model_t *model) {
  return model ? model->desc->num_inputs : 0;
}

uint32_t kiln_model_num_outputs(const kiln_model_t *model) {
  return model ? model->desc->num_outputs : 0;
}

const kiln_tensor_desc_t *kiln_model_input(const kiln_model_t *model,
                                           uint32_t index) {
  if (!model || index >= model->desc->num_inputs)
    return NULL;
  return &model->desc->inputs[index];
}

const kiln_tensor_desc_t *kiln_model_output(const kiln_model_t *model,
                                            uint32_t index) {
  if (!model || index >= model->desc->num_outputs)
    return NULL;
  return &model->desc->outputs[index];
}

kiln_status_t kiln_set_threads(kiln_model_t *model, uint32_t num_threads) {
  kiln_clear_error();
  if (!model)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_set_threads: model is null");
  uint32_t threads;
  kiln_status_t status = resolveThreads(num_threads, &threads);
  if (status != KILN_STATUS_OK)
    return status;
  // Start the new pool before retiring the old one so that failure leaves
  // the model usable.
  kiln_pool_t *pool;
  status = kiln_pool_create(threads, &pool);
  if (status != KILN_STATUS_OK)
    return status;
  pthread_rwlock_wrlock(&model->poolLock);
  kiln_pool_t *old = model->pool;
  model->pool = pool;
  __atomic_store_n(&model->numThreads, threads, __ATOMIC_RELAXED);
  pthread_rwlock_unlock(&model->poolLock);
  kiln_pool_destroy(old);
  return KILN_STATUS_OK;
}

uint32_t kiln_get_threads(const kiln_model_t *model) {
  if (!model)
    return 0;
  return __atomic_load_n(&model->numThreads, __ATOMIC_RELAXED);
}

kiln_status_t kiln_set_profiling(kiln_model_t *model, int enabled) {
  kiln_clear_error();
  if (!model)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_set_profiling: model is null");
  if (model->cuda)
    return kiln_error(KILN_STATUS_UNSUPPORTED,
                      "kiln_set_profiling: model '%s' runs on %s; profiling "
                      "times the kernels of cpu models only",
                      model->desc->name, model->cuda->device_name);
  kiln_profile_t *profile = NULL;
  if (enabled) {
    profile = kiln_profile_create();
    if (!profile)
      return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                        "cannot allocate the profile");
  }
  pthread_rwlock_wrlock(&model->poolLock);
  kiln_profile_t *old = model->profile;
  model->profile = profile;
  pthread_rwlock_unlock(&model->poolLock);
  kiln_profile_destroy(old);
  return KILN_STATUS_OK;
}

kiln_status_t kiln_get_profile(kiln_model_t *model,
                               const kiln_profile_entry_t **entries,
                               size_t *count, uint64_t *runs) {
  kiln_clear_error();
  if (!model || !entries || !count)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_get_profile: %s is null",
                      !model ? "model" : !entries ? "entries" : "count");
  pthread_rwlock_rdlock(&model->poolLock);
  kiln_status_t status =
      model->profile
          ? kiln_profile_snapshot(model->profile, entries, count, runs)
          : kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                       "kiln_get_profile: profiling of model '%s' is off "
                       "(kiln_set_profiling turns it on)",
                       model->desc->name);
  pthread_rwlock_unlock(&model->poolLock);
  return status;
}
