/*===- cuda.c - Opening "cuda" models: device, context, module -------------===*
 *
 * kiln_cuda_open picks the device, retains its primary context, chooses the
 * device code image by the rule of kiln_abi.h (a cubin of the device's own
 * architecture, else PTX for an older or equal one), loads it and looks up
 * every kernel. Also the per-model caches of run slots and device blocks.
 *
 *===----------------------------------------------------------------------===*/

#include "cuda.h"

#include "error.h"
#include "validate.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Device allocations are at least this aligned (cuMemAlloc's guarantee).
#define DEVICE_ALIGNMENT 256u

static const char *formatName(uint32_t format) {
  return format == KILN_GPU_IMAGE_CUBIN ? "cubin" : "ptx";
}

/// "cubin sm_90, ptx sm_80": the architectures of the model's images.
static void describeImages(const kiln_model_desc_t *desc, char *buffer,
                           size_t size) {
  size_t used = 0;
  buffer[0] = '\0';
  for (uint32_t i = 0; i < desc->num_gpu_images && used < size; ++i) {
    const kiln_gpu_image_t *image = &desc->gpu_images[i];
    used +=
        (size_t)snprintf(buffer + used, size - used, "%s%s sm_%u",
                         i ? ", " : "", formatName(image->format), image->sm);
  }
}

kiln_status_t kiln_cuda_fail(const kiln_cuda_model_t *cuda,
                             kiln_status_t status, CUresult result,
                             const char *what) {
  char text[256];
  kiln_cuda_error_text(cuda->driver, result, text, sizeof(text));
  return kiln_error(status, "%s failed: %s", what, text);
}

kiln_status_t kiln_cuda_enter(kiln_cuda_model_t *cuda) {
  CUresult result = cuda->driver->cuCtxPushCurrent(cuda->context);
  if (result != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "cuCtxPushCurrent");
  return KILN_STATUS_OK;
}

void kiln_cuda_leave(kiln_cuda_model_t *cuda) {
  CUcontext previous;
  cuda->driver->cuCtxPopCurrent(&previous);
}

/// The image to load on a device of compute capability `sm`, or NULL.
static const kiln_gpu_image_t *pickImage(const kiln_model_desc_t *desc,
                                         uint32_t sm, uint32_t format) {
  for (uint32_t i = 0; i < desc->num_gpu_images; ++i) {
    const kiln_gpu_image_t *image = &desc->gpu_images[i];
    if (image->format != format)
      continue;
    if (format == KILN_GPU_IMAGE_CUBIN ? image->sm == sm : image->sm <= sm)
      return image;
  }
  return NULL;
}

/// Loads `image` into cuda->module; on failure records a message quoting
/// the first line of the JIT error log.
static kiln_status_t loadImage(kiln_cuda_model_t *cuda, const char *path,
                               const kiln_gpu_image_t *image) {
  char log[1024] = "";
  int options[2] = {CU_JIT_ERROR_LOG_BUFFER,
                    CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[2] = {log, (void *)(uintptr_t)sizeof(log)};
  CUresult result = cuda->driver->cuModuleLoadDataEx(&cuda->module, image->data,
                                                     2, options, values);
  if (result == CUDA_SUCCESS) {
    cuda->image = image;
    return KILN_STATUS_OK;
  }
  cuda->module = NULL;
  log[sizeof(log) - 1] = '\0';
  char *newline = strchr(log, '\n');
  if (newline)
    *newline = '\0';
  char what[512];
  snprintf(what, sizeof(what), "model '%s': loading its %s sm_%u image on %s",
           path, formatName(image->format), image->sm, cuda->description);
  kiln_status_t status =
      kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
  if (log[0]) {
    char message[1024];
    snprintf(message, sizeof(message), "%s", kiln_last_error());
    return kiln_error(status, "%s: %s", message, log);
  }
  return status;
}

/// Finds the device, its architecture and its context.
static kiln_status_t openDevice(kiln_cuda_model_t *cuda, const char *path,
                                const char *images, uint32_t ordinal) {
  const kiln_cuda_driver_t *d = cuda->driver;
  int count = 0;
  CUresult result = d->cuDeviceGetCount(&count);
  if (result != CUDA_SUCCESS && result != CUDA_ERROR_NO_DEVICE) {
    char text[256];
    kiln_cuda_error_text(d, result, text, sizeof(text));
    return kiln_error(KILN_STATUS_DEVICE_UNAVAILABLE,
                      "model '%s' targets cuda (%s) but the CUDA driver "
                      "cannot list devices: %s",
                      path, images, text);
  }
  if (count <= 0)
    return kiln_error(KILN_STATUS_DEVICE_UNAVAILABLE,
                      "model '%s' targets cuda (%s) but the CUDA driver "
                      "reports no device",
                      path, images);
  if (ordinal >= (uint32_t)count)
    return kiln_error(KILN_STATUS_DEVICE_UNAVAILABLE,
                      "model '%s': CUDA device %u does not exist; the driver "
                      "reports %d device%s (0 to %d)",
                      path, ordinal, count, count == 1 ? "" : "s", count - 1);
  cuda->ordinal = (int)ordinal;
  result = d->cuDeviceGet(&cuda->device, (int)ordinal);
  if (result != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "cuDeviceGet");
  char name[256] = "";
  int major = 0, minor = 0, pools = 0;
  if ((result = d->cuDeviceGetName(name, (int)sizeof(name), cuda->device)) !=
          CUDA_SUCCESS ||
      (result = d->cuDeviceGetAttribute(
           &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
           cuda->device)) != CUDA_SUCCESS ||
      (result = d->cuDeviceGetAttribute(
           &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
           cuda->device)) != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "querying the CUDA device");
  name[sizeof(name) - 1] = '\0';
  if (d->cuMemAllocAsync &&
      d->cuDeviceGetAttribute(&pools,
                              CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED,
                              cuda->device) == CUDA_SUCCESS)
    cuda->streamOrderedAlloc = pools != 0;
  CUmemoryPool pool;
  if (cuda->streamOrderedAlloc && d->cuDeviceGetDefaultMemPool &&
      d->cuMemPoolSetAttribute &&
      d->cuDeviceGetDefaultMemPool(&pool, cuda->device) == CUDA_SUCCESS) {
    // By default the pool hands freed memory back to the driver at every
    // synchronization, so each run would map its temporaries anew; keep it
    // (as CUDA frameworks do). Only a performance setting: failure is fine.
    uint64_t keep = UINT64_MAX;
    d->cuMemPoolSetAttribute(pool, CU_MEMPOOL_ATTR_RELEASE_THRESHOLD, &keep);
  }
  cuda->sm = (uint32_t)(major * 10 + minor);
  snprintf(cuda->device_name, sizeof(cuda->device_name), "cuda:%u", ordinal);
  snprintf(cuda->description, sizeof(cuda->description),
           "cuda:%u (%.200s, sm_%u)", ordinal, name, cuda->sm);
  cuda->api.sm = cuda->sm;

  result = d->cuDevicePrimaryCtxRetain(&cuda->context, cuda->device);
  if (result != CUDA_SUCCESS) {
    cuda->context = NULL;
    char what[512];
    snprintf(what, sizeof(what), "model '%s': retaining the context of %s",
             path, cuda->description);
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
  }
  return KILN_STATUS_OK;
}

/// Copies every weight of the descriptor into its device global of the
/// loaded image and waits for the copies; the context is current.
static kiln_status_t uploadWeights(kiln_cuda_model_t *cuda, const char *path) {
  const kiln_model_desc_t *desc = cuda->desc;
  // Descriptors from before the weight fields have no weights to upload.
  if (desc->struct_size <
      offsetof(kiln_model_desc_t, gpu_weights) + sizeof(desc->gpu_weights))
    return KILN_STATUS_OK;
  const kiln_cuda_driver_t *d = cuda->driver;
  const kiln_gpu_image_t *image = cuda->image;
  char what[512];
  for (uint32_t i = 0; i < desc->num_gpu_weights; ++i) {
    const kiln_gpu_weight_t *weight = &desc->gpu_weights[i];
    CUdeviceptr address = 0;
    size_t bytes = 0;
    CUresult result =
        d->cuModuleGetGlobal(&address, &bytes, cuda->module, weight->name);
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what),
               "model '%s': looking up the device global '%.200s' of weight "
               "#%u in its %s sm_%u image",
               path, weight->name, i, formatName(image->format), image->sm);
      return kiln_cuda_fail(cuda, KILN_STATUS_INVALID_MODEL, result, what);
    }
    if ((uint64_t)bytes != weight->size)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': the device global '%.200s' of its %s "
                        "sm_%u image has %zu bytes but weight #%u has %" PRIu64,
                        path, weight->name, formatName(image->format),
                        image->sm, bytes, i, weight->size);
    result = d->cuMemcpyHtoD(address, weight->data, (size_t)weight->size);
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what),
               "model '%s': uploading weight #%u ('%.200s', %" PRIu64
               " bytes) to %s",
               path, i, weight->name, weight->size, cuda->description);
      return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
    }
  }
  // Runs use non-blocking streams, which do not wait for these copies.
  if (desc->num_gpu_weights > 0) {
    CUresult result = d->cuCtxSynchronize();
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what), "model '%s': waiting for its weight upload",
               path);
      return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
    }
  }
  return KILN_STATUS_OK;
}

/// Loads the image that fits, uploads the weights and looks up every
/// kernel; the context is current.
static kiln_status_t loadKernels(kiln_cuda_model_t *cuda, const char *path,
                                 const char *images) {
  const kiln_model_desc_t *desc = cuda->desc;
  const kiln_gpu_image_t *cubin =
      pickImage(desc, cuda->sm, KILN_GPU_IMAGE_CUBIN);
  const kiln_gpu_image_t *ptx = pickImage(desc, cuda->sm, KILN_GPU_IMAGE_PTX);
  if (!cubin && !ptx)
    return kiln_error(KILN_STATUS_UNSUPPORTED,
                      "model '%s' has no code for %s: its images are %s (a "
                      "cubin runs only on its own architecture, PTX on its "
                      "own or a newer one)",
                      path, cuda->description, images);
  kiln_status_t status = KILN_STATUS_DEVICE_ERROR;
  if (cubin)
    status = loadImage(cuda, path, cubin);
  // A cubin the driver refuses (say, built by a newer toolkit) still leaves
  // the PTX route.
  if (status != KILN_STATUS_OK && ptx)
    status = loadImage(cuda, path, ptx);
  if (status != KILN_STATUS_OK)
    return status;
  status = uploadWeights(cuda, path);
  if (status != KILN_STATUS_OK)
    return status;

  size_t count = desc->num_gpu_kernels ? desc->num_gpu_kernels : 1;
  cuda->functions = (CUfunction *)calloc(count, sizeof(CUfunction));
  cuda->sharedLimits = (uint32_t *)calloc(count, sizeof(uint32_t));
  if (!cuda->functions || !cuda->sharedLimits)
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate the kernel table of model '%s'", path);
  for (uint32_t k = 0; k < desc->num_gpu_kernels; ++k) {
    const char *name = desc->gpu_kernel_names[k];
    CUresult result = cuda->driver->cuModuleGetFunction(&cuda->functions[k],
                                                        cuda->module, name);
    if (result != CUDA_SUCCESS) {
      char what[512];
      snprintf(what, sizeof(what),
               "model '%s': looking up kernel '%.200s' in its %s sm_%u image",
               path, name, formatName(cuda->image->format), cuda->image->sm);
      return kiln_cuda_fail(cuda, KILN_STATUS_INVALID_MODEL, result, what);
    }
    cuda->sharedLimits[k] = KILN_CUDA_DEFAULT_SHARED_BYTES;
  }
  size_t length = strlen(cuda->description);
  snprintf(cuda->description + length, sizeof(cuda->description) - length,
           ", %s image for sm_%u", formatName(cuda->image->format),
           cuda->image->sm);
  return KILN_STATUS_OK;
}

/// Lays out the device copies of the inputs and outputs in one block.
static kiln_status_t layOutIo(kiln_cuda_model_t *cuda, const char *path) {
  const kiln_model_desc_t *desc = cuda->desc;
  uint32_t count = desc->num_inputs + desc->num_outputs;
  cuda->ioOffsets = (uint64_t *)calloc(count, sizeof(uint64_t));
  if (!cuda->ioOffsets)
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate the buffer table of model '%s'", path);
  uint64_t offset = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const kiln_tensor_desc_t *t = i < desc->num_inputs
                                      ? &desc->inputs[i]
                                      : &desc->outputs[i - desc->num_inputs];
    uint64_t bytes = 0;
    kiln_tensor_bytes(t->dtype, t->rank, t->shape, &bytes);
    cuda->ioOffsets[i] = offset;
    uint64_t padded =
        (bytes + DEVICE_ALIGNMENT - 1) / DEVICE_ALIGNMENT * DEVICE_ALIGNMENT;
    if (padded < bytes || offset + padded < offset)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': its inputs and outputs are too large",
                        path);
    offset += padded;
  }
  cuda->ioBytes = offset;
  return KILN_STATUS_OK;
}

kiln_status_t kiln_cuda_open(const kiln_model_desc_t *desc, const char *path,
                             uint32_t ordinal, kiln_cuda_model_t **result) {
  *result = NULL;
  char images[256];
  describeImages(desc, images, sizeof(images));
  char why[512];
  const kiln_cuda_driver_t *driver = kiln_cuda_driver(why, sizeof(why));
  if (!driver)
    return kiln_error(KILN_STATUS_DEVICE_UNAVAILABLE,
                      "model '%s' targets cuda (%s) but %s", path, images, why);

  kiln_cuda_model_t *cuda =
      (kiln_cuda_model_t *)calloc(1, sizeof(kiln_cuda_model_t));
  if (!cuda)
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY, "cannot allocate model '%s'",
                      path);
  cuda->driver = driver;
  cuda->desc = desc;
  pthread_mutex_init(&cuda->lock, NULL);
  cuda->api = kiln_cuda_api_template;

  kiln_status_t status = openDevice(cuda, path, images, ordinal);
  if (status == KILN_STATUS_OK)
    status = layOutIo(cuda, path);
  if (status == KILN_STATUS_OK) {
    status = kiln_cuda_enter(cuda);
    if (status == KILN_STATUS_OK) {
      status = loadKernels(cuda, path, images);
      kiln_cuda_leave(cuda);
    }
  }
  if (status != KILN_STATUS_OK) {
    kiln_cuda_close(cuda);
    return status;
  }
  *result = cuda;
  return KILN_STATUS_OK;
}

void kiln_cuda_close(kiln_cuda_model_t *cuda) {
  if (!cuda)
    return;
  const kiln_cuda_driver_t *d = cuda->driver;
  if (cuda->context && kiln_cuda_enter(cuda) == KILN_STATUS_OK) {
    while (cuda->freeSlots) {
      kiln_cuda_slot_t *slot = cuda->freeSlots;
      cuda->freeSlots = slot->next;
      if (slot->arenaBase)
        d->cuMemFree(slot->arenaBase);
      if (slot->io)
        d->cuMemFree(slot->io);
      d->cuStreamDestroy(slot->stream);
      free(slot);
    }
    for (size_t i = 0; i < cuda->numBlocks; ++i)
      d->cuMemFree(cuda->blocks[i].pointer);
    if (cuda->module)
      d->cuModuleUnload(cuda->module);
    kiln_cuda_leave(cuda);
  }
  if (cuda->context)
    d->cuDevicePrimaryCtxRelease(cuda->device);
  free(cuda->blocks);
  free(cuda->functions);
  free(cuda->sharedLimits);
  free(cuda->ioOffsets);
  pthread_mutex_destroy(&cuda->lock);
  free(cuda);
}

/// cuMemAlloc of `bytes` aligned to `alignment` (a power of two): stores
/// the allocation in *base and the aligned address in *aligned.
static CUresult allocAligned(const kiln_cuda_driver_t *d, uint64_t bytes,
                             uint64_t alignment, CUdeviceptr *base,
                             CUdeviceptr *aligned) {
  uint64_t extra = alignment > DEVICE_ALIGNMENT ? alignment - 1 : 0;
  CUresult result = d->cuMemAlloc(base, (size_t)(bytes + extra));
  if (result != CUDA_SUCCESS) {
    *base = *aligned = 0;
    return result;
  }
  *aligned = (*base + extra) & ~(CUdeviceptr)(extra ? alignment - 1 : 0);
  return CUDA_SUCCESS;
}

kiln_status_t kiln_cuda_slot_acquire(kiln_cuda_model_t *cuda,
                                     kiln_cuda_slot_t **result) {
  pthread_mutex_lock(&cuda->lock);
  kiln_cuda_slot_t *slot = cuda->freeSlots;
  if (slot)
    cuda->freeSlots = slot->next;
  pthread_mutex_unlock(&cuda->lock);
  if (slot) {
    *result = slot;
    return KILN_STATUS_OK;
  }

  const kiln_cuda_driver_t *d = cuda->driver;
  slot = (kiln_cuda_slot_t *)calloc(1, sizeof(kiln_cuda_slot_t));
  if (!slot)
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY, "cannot allocate a run slot");
  CUresult r = d->cuStreamCreate(&slot->stream, CU_STREAM_NON_BLOCKING);
  if (r != CUDA_SUCCESS) {
    free(slot);
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, r, "cuStreamCreate");
  }
  const kiln_model_desc_t *desc = cuda->desc;
  char what[192];
  if (desc->arena_size) {
    r = allocAligned(d, desc->arena_size, desc->arena_alignment,
                     &slot->arenaBase, &slot->arena);
    snprintf(what, sizeof(what),
             "model '%.60s': allocating a device arena of %" PRIu64 " bytes",
             desc->name, desc->arena_size);
  }
  if (r == CUDA_SUCCESS && cuda->ioBytes) {
    r = d->cuMemAlloc(&slot->io, (size_t)cuda->ioBytes);
    snprintf(what, sizeof(what),
             "model '%.60s': allocating %" PRIu64 " bytes of device buffers "
             "for the inputs and outputs",
             desc->name, cuda->ioBytes);
  }
  if (r != CUDA_SUCCESS) {
    kiln_status_t status = kiln_cuda_fail(
        cuda,
        r == 2 /* CUDA_ERROR_OUT_OF_MEMORY */ ? KILN_STATUS_OUT_OF_MEMORY
                                              : KILN_STATUS_DEVICE_ERROR,
        r, what);
    if (slot->arenaBase)
      d->cuMemFree(slot->arenaBase);
    if (slot->io)
      d->cuMemFree(slot->io);
    d->cuStreamDestroy(slot->stream);
    free(slot);
    return status;
  }
  *result = slot;
  return KILN_STATUS_OK;
}

void kiln_cuda_slot_release(kiln_cuda_model_t *cuda, kiln_cuda_slot_t *slot) {
  pthread_mutex_lock(&cuda->lock);
  slot->next = cuda->freeSlots;
  cuda->freeSlots = slot;
  pthread_mutex_unlock(&cuda->lock);
}

bool kiln_cuda_cache_take(kiln_cuda_model_t *cuda, uint64_t bytes,
                          kiln_cuda_block_t *block) {
  pthread_mutex_lock(&cuda->lock);
  // Best fit among blocks no more than twice the request.
  size_t best = cuda->numBlocks;
  for (size_t i = 0; i < cuda->numBlocks; ++i) {
    uint64_t size = cuda->blocks[i].size;
    if (size >= bytes && size / 2 <= bytes &&
        (best == cuda->numBlocks || size < cuda->blocks[best].size))
      best = i;
  }
  bool found = best < cuda->numBlocks;
  if (found) {
    *block = cuda->blocks[best];
    cuda->blocks[best] = cuda->blocks[--cuda->numBlocks];
  }
  pthread_mutex_unlock(&cuda->lock);
  return found;
}

kiln_status_t kiln_cuda_cache_put(kiln_cuda_model_t *cuda,
                                  kiln_cuda_block_t block) {
  pthread_mutex_lock(&cuda->lock);
  if (cuda->numBlocks == cuda->blockCapacity) {
    size_t capacity = cuda->blockCapacity ? 2 * cuda->blockCapacity : 16;
    kiln_cuda_block_t *blocks = (kiln_cuda_block_t *)realloc(
        cuda->blocks, capacity * sizeof(kiln_cuda_block_t));
    if (!blocks) {
      pthread_mutex_unlock(&cuda->lock);
      // Cannot cache it: give it back to the driver (the context is
      // current and the stream that used it has finished).
      cuda->driver->cuMemFree(block.pointer);
      return KILN_STATUS_OK;
    }
    cuda->blocks = blocks;
    cuda->blockCapacity = capacity;
  }
  cuda->blocks[cuda->numBlocks++] = block;
  pthread_mutex_unlock(&cuda->lock);
  return KILN_STATUS_OK;
}
