/*===- cuda_run.c - Running "cuda" models ----------------------------------===*
 *
 * Host-pointer runs (kiln_run on a "cuda" model), device-pointer runs
 * (kiln_run_device), the kiln_gpu_api_t services the entry function calls
 * (launch, alloc, free) and the device-memory helpers of the C API.
 *
 *===----------------------------------------------------------------------===*/

#include "cuda.h"

#include "error.h"
#include "model.h"
#include "validate.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Entry-argument arrays up to this size live on the stack.
#define STACK_POINTERS 16

/// A growable list of device blocks.
typedef struct block_list {
  kiln_cuda_block_t *items;
  size_t count, capacity;
} block_list_t;

static bool pushBlock(block_list_t *list, kiln_cuda_block_t block) {
  if (list->count == list->capacity) {
    size_t capacity = list->capacity ? 2 * list->capacity : 8;
    kiln_cuda_block_t *items = (kiln_cuda_block_t *)realloc(
        list->items, capacity * sizeof(kiln_cuda_block_t));
    if (!items)
      return false;
    list->items = items;
    list->capacity = capacity;
  }
  list->items[list->count++] = block;
  return true;
}

/// The state of one entry call. `ctx` comes first so that the GPU services,
/// which receive the context, find the run.
typedef struct cuda_run {
  kiln_exec_ctx_t ctx;
  kiln_cuda_model_t *cuda;
  CUstream stream;
  /// Blocks the model allocated and has not freed yet.
  block_list_t live;
  /// Blocks freed during the call, returned to the model's cache once the
  /// stream has finished (fallback allocator only).
  block_list_t freed;
  /// First failure of a GPU service, reported instead of the entry's code.
  kiln_status_t failure;
  char message[768];
} cuda_run_t;

__attribute__((format(printf, 3, 4))) static int32_t
recordFailure(cuda_run_t *run, kiln_status_t status, const char *format, ...) {
  if (run->failure == KILN_STATUS_OK) {
    va_list args;
    va_start(args, format);
    vsnprintf(run->message, sizeof(run->message), format, args);
    va_end(args);
    run->failure = status;
  }
  return -1;
}

static int32_t recordDriverFailure(cuda_run_t *run, CUresult result,
                                   const char *what) {
  char text[256];
  kiln_cuda_error_text(run->cuda->driver, result, text, sizeof(text));
  recordFailure(run,
                result == 2 /* CUDA_ERROR_OUT_OF_MEMORY */
                    ? KILN_STATUS_OUT_OF_MEMORY
                    : KILN_STATUS_DEVICE_ERROR,
                "%s failed: %s", what, text);
  return result;
}

//===----------------------------------------------------------------------===//
// The GPU services of kiln_gpu_api_t
//===----------------------------------------------------------------------===//

/// The run whose context the model passed back (the context is the run's
/// first member; models see it const, the runtime owns it).
static cuda_run_t *runOf(const kiln_exec_ctx_t *ctx) {
  return (cuda_run_t *)(uintptr_t)ctx;
}

static int32_t gpuLaunch(const kiln_exec_ctx_t *ctx, uint32_t kernel,
                         uint32_t gx, uint32_t gy, uint32_t gz, uint32_t bx,
                         uint32_t by, uint32_t bz, uint32_t sharedBytes,
                         void **args) {
  cuda_run_t *run = runOf(ctx);
  kiln_cuda_model_t *cuda = run->cuda;
  const kiln_model_desc_t *desc = cuda->desc;
  if (kernel >= desc->num_gpu_kernels)
    return recordFailure(run, KILN_STATUS_MODEL_FAILED,
                         "it launched kernel #%u, but it has %u kernel%s",
                         kernel, desc->num_gpu_kernels,
                         desc->num_gpu_kernels == 1 ? "" : "s");
  const kiln_cuda_driver_t *d = cuda->driver;
  CUfunction function = cuda->functions[kernel];
  char what[512];
  if (sharedBytes >
      __atomic_load_n(&cuda->sharedLimits[kernel], __ATOMIC_RELAXED)) {
    // Above 48 KiB a kernel must opt in; raising the limit is idempotent,
    // so racing calls are harmless.
    CUresult result = d->cuFuncSetAttribute(
        function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
        (int)sharedBytes);
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what),
               "allowing kernel '%.200s' %u bytes of shared memory",
               desc->gpu_kernel_names[kernel], sharedBytes);
      return recordDriverFailure(run, result, what);
    }
    __atomic_store_n(&cuda->sharedLimits[kernel], sharedBytes,
                     __ATOMIC_RELAXED);
  }
  CUresult result = d->cuLaunchKernel(function, gx, gy, gz, bx, by, bz,
                                      sharedBytes, run->stream, args, NULL);
  if (result != CUDA_SUCCESS) {
    snprintf(what, sizeof(what),
             "launching kernel '%.200s' (grid [%u, %u, %u], block [%u, %u, "
             "%u], %u bytes of shared memory)",
             desc->gpu_kernel_names[kernel], gx, gy, gz, bx, by, bz,
             sharedBytes);
    return recordDriverFailure(run, result, what);
  }
  return 0;
}

static int32_t gpuAlloc(const kiln_exec_ctx_t *ctx, uint64_t bytes,
                        void **pointer) {
  cuda_run_t *run = runOf(ctx);
  kiln_cuda_model_t *cuda = run->cuda;
  const kiln_cuda_driver_t *d = cuda->driver;
  *pointer = NULL;
  if (bytes == 0)
    return 0;
  kiln_cuda_block_t block = {0, bytes};
  CUresult result = CUDA_SUCCESS;
  if (cuda->streamOrderedAlloc)
    result = d->cuMemAllocAsync(&block.pointer, (size_t)bytes, run->stream);
  else if (!kiln_cuda_cache_take(cuda, bytes, &block))
    result = d->cuMemAlloc(&block.pointer, (size_t)bytes);
  if (result != CUDA_SUCCESS) {
    char what[128];
    snprintf(what, sizeof(what),
             "allocating %" PRIu64 " bytes of device memory", bytes);
    return recordDriverFailure(run, result, what);
  }
  if (!pushBlock(&run->live, block)) {
    if (cuda->streamOrderedAlloc)
      d->cuMemFreeAsync(block.pointer, run->stream);
    else
      kiln_cuda_cache_put(cuda, block);
    return recordFailure(run, KILN_STATUS_OUT_OF_MEMORY,
                         "cannot record a device allocation");
  }
  *pointer = (void *)(uintptr_t)block.pointer;
  return 0;
}

static int32_t gpuFree(const kiln_exec_ctx_t *ctx, void *pointer) {
  cuda_run_t *run = runOf(ctx);
  if (!pointer)
    return 0;
  CUdeviceptr address = (CUdeviceptr)(uintptr_t)pointer;
  size_t i = run->live.count;
  while (i > 0 && run->live.items[i - 1].pointer != address)
    --i;
  if (i == 0)
    return recordFailure(run, KILN_STATUS_MODEL_FAILED,
                         "it freed device address 0x%llx, which it did not "
                         "allocate in this call (or freed twice)",
                         (unsigned long long)address);
  kiln_cuda_block_t block = run->live.items[i - 1];
  run->live.items[i - 1] = run->live.items[--run->live.count];
  kiln_cuda_model_t *cuda = run->cuda;
  if (cuda->streamOrderedAlloc) {
    CUresult result = cuda->driver->cuMemFreeAsync(address, run->stream);
    if (result != CUDA_SUCCESS)
      return recordDriverFailure(run, result, "freeing device memory");
    return 0;
  }
  // The stream may still be using the block: it becomes reusable once the
  // call has synchronized.
  if (!pushBlock(&run->freed, block)) {
    pushBlock(&run->live, block); // Cannot fail: the slot was just freed.
    return recordFailure(run, KILN_STATUS_OUT_OF_MEMORY,
                         "cannot record a device free");
  }
  return 0;
}

const kiln_gpu_api_t kiln_cuda_api_template = {
    sizeof(kiln_gpu_api_t), 0, gpuLaunch, gpuAlloc, gpuFree,
};

//===----------------------------------------------------------------------===//
// Runs
//===----------------------------------------------------------------------===//

/// Releases what the model allocated; the stream has finished.
static void settleAllocations(cuda_run_t *run) {
  kiln_cuda_model_t *cuda = run->cuda;
  for (size_t i = 0; i < run->live.count; ++i) {
    // Memory the model forgot to free goes back too.
    if (cuda->streamOrderedAlloc)
      cuda->driver->cuMemFreeAsync(run->live.items[i].pointer, run->stream);
    else
      kiln_cuda_cache_put(cuda, run->live.items[i]);
  }
  for (size_t i = 0; i < run->freed.count; ++i)
    kiln_cuda_cache_put(cuda, run->freed.items[i]);
  free(run->live.items);
  free(run->freed.items);
}

/// Calls the entry on `stream` with device pointers and waits for the
/// stream. The context is current.
static kiln_status_t runEntry(kiln_model_t *model, kiln_cuda_slot_t *slot,
                              CUstream stream, void **pointers) {
  kiln_cuda_model_t *cuda = model->cuda;
  const kiln_model_desc_t *desc = model->desc;
  cuda_run_t run;
  memset(&run, 0, sizeof(run));
  run.cuda = cuda;
  run.stream = stream;
  pthread_rwlock_rdlock(&model->poolLock);
  run.ctx.struct_size = sizeof(kiln_exec_ctx_t);
  run.ctx.num_threads = kiln_pool_size(model->pool);
  run.ctx.parallel_for = kiln_pool_parallel_for;
  run.ctx.runtime_data = model->pool;
  run.ctx.gpu = &cuda->api;
  int32_t code = desc->entry(&run.ctx, pointers, pointers + desc->num_inputs,
                             (void *)(uintptr_t)slot->arena);
  pthread_rwlock_unlock(&model->poolLock);

  CUresult synced = cuda->driver->cuStreamSynchronize(stream);
  settleAllocations(&run);
  if (run.failure != KILN_STATUS_OK)
    return kiln_error(run.failure, "model '%s' failed: %s", desc->name,
                      run.message);
  if (code != 0)
    return kiln_error(KILN_STATUS_MODEL_FAILED,
                      "model '%s' failed with code %d", desc->name, (int)code);
  if (synced != CUDA_SUCCESS) {
    char what[256];
    snprintf(what, sizeof(what), "model '%.200s': waiting for its kernels",
             desc->name);
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, synced, what);
  }
  return KILN_STATUS_OK;
}

kiln_status_t kiln_cuda_run_host(kiln_model_t *model,
                                 const kiln_tensor_t *inputs,
                                 const kiln_tensor_t *outputs) {
  kiln_cuda_model_t *cuda = model->cuda;
  const kiln_cuda_driver_t *d = cuda->driver;
  const kiln_model_desc_t *desc = model->desc;
  uint32_t numInputs = desc->num_inputs, count = numInputs + desc->num_outputs;
  void *stackPointers[STACK_POINTERS];
  void **pointers = stackPointers;
  if (count > STACK_POINTERS) {
    pointers = (void **)malloc(count * sizeof(void *));
    if (!pointers)
      return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                        "cannot allocate %u buffer pointers", count);
  }
  kiln_status_t status = kiln_cuda_enter(cuda);
  if (status != KILN_STATUS_OK)
    goto done;
  kiln_cuda_slot_t *slot;
  status = kiln_cuda_slot_acquire(cuda, &slot);
  if (status != KILN_STATUS_OK) {
    kiln_cuda_leave(cuda);
    goto done;
  }
  char what[320];
  for (uint32_t i = 0; i < count && status == KILN_STATUS_OK; ++i) {
    bool isInput = i < numInputs;
    const kiln_tensor_t *t = isInput ? &inputs[i] : &outputs[i - numInputs];
    uint64_t bytes = 0;
    kiln_tensor_bytes(t->dtype, t->rank, t->shape, &bytes);
    CUdeviceptr device = bytes ? slot->io + cuda->ioOffsets[i] : 0;
    pointers[i] = (void *)(uintptr_t)device;
    if (!isInput || !bytes)
      continue;
    CUresult result =
        d->cuMemcpyHtoDAsync(device, t->data, (size_t)bytes, slot->stream);
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what), "copying input '%.200s' to the device",
               desc->inputs[i].name);
      status = kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
    }
  }
  if (status == KILN_STATUS_OK)
    status = runEntry(model, slot, slot->stream, pointers);
  for (uint32_t i = 0; i < desc->num_outputs && status == KILN_STATUS_OK; ++i) {
    uint64_t bytes = 0;
    kiln_tensor_bytes(outputs[i].dtype, outputs[i].rank, outputs[i].shape,
                      &bytes);
    if (!bytes)
      continue;
    CUresult result = d->cuMemcpyDtoHAsync(
        outputs[i].data, (CUdeviceptr)(uintptr_t)pointers[numInputs + i],
        (size_t)bytes, slot->stream);
    if (result != CUDA_SUCCESS) {
      snprintf(what, sizeof(what), "copying output '%.200s' from the device",
               desc->outputs[i].name);
      status = kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result, what);
    }
  }
  CUresult synced = d->cuStreamSynchronize(slot->stream);
  if (status == KILN_STATUS_OK && synced != CUDA_SUCCESS)
    status = kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, synced,
                            "copying the outputs from the device");
  kiln_cuda_slot_release(cuda, slot);
  kiln_cuda_leave(cuda);
done:
  if (pointers != stackPointers)
    free(pointers);
  return status;
}

/// Fails with a clear message when `model` is not a "cuda" model.
static kiln_status_t requireCuda(const kiln_model_t *model,
                                 const char *function) {
  if (!model)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT, "%s: model is null",
                      function);
  if (!model->cuda)
    return kiln_error(KILN_STATUS_UNSUPPORTED,
                      "%s: model '%s' runs on the cpu; device memory needs a "
                      "cuda model",
                      function, model->desc->name);
  return KILN_STATUS_OK;
}

kiln_status_t kiln_run_device(kiln_model_t *model,
                              const kiln_device_tensor_t *inputs,
                              size_t num_inputs,
                              const kiln_device_tensor_t *outputs,
                              size_t num_outputs, uint64_t stream) {
  kiln_clear_error();
  kiln_status_t status = requireCuda(model, "kiln_run_device");
  if (status != KILN_STATUS_OK)
    return status;
  const kiln_model_desc_t *desc = model->desc;
  // The checks of kiln_run apply unchanged to addresses; counts first, so
  // that the arrays below are read only within the model's counts.
  if (num_inputs != desc->num_inputs || num_outputs != desc->num_outputs)
    return kiln_check_run_args(desc, NULL, num_inputs, NULL, num_outputs);
  kiln_tensor_t stackTensors[STACK_POINTERS];
  void *stackPointers[STACK_POINTERS];
  size_t count = num_inputs + num_outputs;
  kiln_tensor_t *tensors = stackTensors;
  void **pointers = stackPointers;
  if (count > STACK_POINTERS) {
    tensors = (kiln_tensor_t *)malloc(count * sizeof(kiln_tensor_t));
    pointers = (void **)malloc(count * sizeof(void *));
    if (!tensors || !pointers) {
      status = kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                          "cannot allocate %zu buffer descriptions", count);
      goto done;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    const kiln_device_tensor_t *array = i < num_inputs ? inputs : outputs;
    if (!array)
      continue; // kiln_check_run_args names the missing array.
    const kiln_device_tensor_t *t = &array[i < num_inputs ? i : i - num_inputs];
    tensors[i].data = (void *)(uintptr_t)t->address;
    tensors[i].dtype = t->dtype;
    tensors[i].rank = t->rank;
    tensors[i].shape = t->shape;
    pointers[i] = tensors[i].data;
  }
  status =
      kiln_check_run_args(desc, inputs ? tensors : NULL, num_inputs,
                          outputs ? tensors + num_inputs : NULL, num_outputs);
  if (status != KILN_STATUS_OK)
    goto done;
  kiln_cuda_model_t *cuda = model->cuda;
  status = kiln_cuda_enter(cuda);
  if (status != KILN_STATUS_OK)
    goto done;
  kiln_cuda_slot_t *slot;
  status = kiln_cuda_slot_acquire(cuda, &slot);
  if (status == KILN_STATUS_OK) {
    status =
        runEntry(model, slot,
                 stream ? (CUstream)(uintptr_t)stream : slot->stream, pointers);
    kiln_cuda_slot_release(cuda, slot);
  }
  kiln_cuda_leave(cuda);
done:
  if (tensors != stackTensors)
    free(tensors);
  if (pointers != stackPointers)
    free(pointers);
  return status;
}

//===----------------------------------------------------------------------===//
// Device memory
//===----------------------------------------------------------------------===//

kiln_status_t kiln_device_alloc(kiln_model_t *model, uint64_t bytes,
                                uint64_t *address) {
  kiln_clear_error();
  if (!address)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_device_alloc: address pointer is null");
  *address = 0;
  kiln_status_t status = requireCuda(model, "kiln_device_alloc");
  if (status != KILN_STATUS_OK || bytes == 0)
    return status;
  kiln_cuda_model_t *cuda = model->cuda;
  if ((status = kiln_cuda_enter(cuda)) != KILN_STATUS_OK)
    return status;
  CUdeviceptr pointer = 0;
  CUresult result = cuda->driver->cuMemAlloc(&pointer, (size_t)bytes);
  kiln_cuda_leave(cuda);
  if (result != CUDA_SUCCESS) {
    char what[128];
    snprintf(what, sizeof(what),
             "kiln_device_alloc: allocating %" PRIu64 " bytes", bytes);
    return kiln_cuda_fail(cuda,
                          result == 2 ? KILN_STATUS_OUT_OF_MEMORY
                                      : KILN_STATUS_DEVICE_ERROR,
                          result, what);
  }
  *address = pointer;
  return KILN_STATUS_OK;
}

kiln_status_t kiln_device_free(kiln_model_t *model, uint64_t address) {
  kiln_clear_error();
  kiln_status_t status = requireCuda(model, "kiln_device_free");
  if (status != KILN_STATUS_OK || address == 0)
    return status;
  kiln_cuda_model_t *cuda = model->cuda;
  if ((status = kiln_cuda_enter(cuda)) != KILN_STATUS_OK)
    return status;
  CUresult result = cuda->driver->cuMemFree(address);
  kiln_cuda_leave(cuda);
  if (result != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "kiln_device_free");
  return KILN_STATUS_OK;
}

kiln_status_t kiln_device_upload(kiln_model_t *model, uint64_t device_dst,
                                 const void *host_src, uint64_t bytes) {
  kiln_clear_error();
  kiln_status_t status = requireCuda(model, "kiln_device_upload");
  if (status != KILN_STATUS_OK || bytes == 0)
    return status;
  if (!host_src || !device_dst)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_device_upload: null address");
  kiln_cuda_model_t *cuda = model->cuda;
  if ((status = kiln_cuda_enter(cuda)) != KILN_STATUS_OK)
    return status;
  CUresult result =
      cuda->driver->cuMemcpyHtoD(device_dst, host_src, (size_t)bytes);
  kiln_cuda_leave(cuda);
  if (result != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "kiln_device_upload");
  return KILN_STATUS_OK;
}

kiln_status_t kiln_device_download(kiln_model_t *model, void *host_dst,
                                   uint64_t device_src, uint64_t bytes) {
  kiln_clear_error();
  kiln_status_t status = requireCuda(model, "kiln_device_download");
  if (status != KILN_STATUS_OK || bytes == 0)
    return status;
  if (!host_dst || !device_src)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "kiln_device_download: null address");
  kiln_cuda_model_t *cuda = model->cuda;
  if ((status = kiln_cuda_enter(cuda)) != KILN_STATUS_OK)
    return status;
  CUresult result =
      cuda->driver->cuMemcpyDtoH(host_dst, device_src, (size_t)bytes);
  kiln_cuda_leave(cuda);
  if (result != CUDA_SUCCESS)
    return kiln_cuda_fail(cuda, KILN_STATUS_DEVICE_ERROR, result,
                          "kiln_device_download");
  return KILN_STATUS_OK;
}
