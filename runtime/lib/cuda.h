/*===- cuda.h - The CUDA backend of the runtime --------------------*- C -*-===*
 *
 * Everything a "cuda" model needs beyond a "cpu" one: the device and its
 * primary context, the loaded module and kernels, a per-model cache of run
 * slots (stream, device arena, device copies of the inputs and outputs) and
 * the kiln_gpu_api_t services handed to the entry function.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_CUDA_H
#define KILN_RUNTIME_LIB_CUDA_H

#include "cuda_driver.h"

#include <pthread.h>
#include <stdbool.h>

struct kiln_model;

/// What one concurrent run owns: a stream, a device arena and device
/// buffers for the inputs and outputs of host-pointer runs.
typedef struct kiln_cuda_slot {
  struct kiln_cuda_slot *next;
  CUstream stream;
  CUdeviceptr arenaBase, arena;
  CUdeviceptr io;
} kiln_cuda_slot_t;

/// A device block kept for reuse by the fallback allocator.
typedef struct kiln_cuda_block {
  CUdeviceptr pointer;
  uint64_t size;
} kiln_cuda_block_t;

typedef struct kiln_cuda_model {
  const kiln_cuda_driver_t *driver;
  const kiln_model_desc_t *desc;
  CUdevice device;
  int ordinal;
  CUcontext context;
  /// Compute capability, major * 10 + minor.
  uint32_t sm;
  /// Whether kernels' temporaries use cuMemAllocAsync / cuMemFreeAsync;
  /// otherwise the per-model cache below.
  bool streamOrderedAlloc;
  const kiln_gpu_image_t *image;
  CUmodule module;
  CUfunction *functions;
  /// Dynamic shared memory each kernel is allowed (atomic accesses).
  uint32_t *sharedLimits;
  kiln_gpu_api_t api;
  /// Offset of each input, then each output, in a slot's `io` block.
  uint64_t *ioOffsets;
  uint64_t ioBytes;
  char device_name[16];
  char description[384];

  /// Protects the slot list and the block cache.
  pthread_mutex_t lock;
  kiln_cuda_slot_t *freeSlots;
  kiln_cuda_block_t *blocks;
  size_t numBlocks, blockCapacity;
} kiln_cuda_model_t;

/** The kiln_gpu_api_t of every model but its `sm` (cuda_run.c). */
extern const kiln_gpu_api_t kiln_cuda_api_template;

/** Loads the driver, picks device `ordinal`, retains its primary context,
 *  loads the image that fits and looks up every kernel of `desc`. `path`
 *  names the model in messages. */
kiln_status_t kiln_cuda_open(const kiln_model_desc_t *desc, const char *path,
                             uint32_t ordinal, kiln_cuda_model_t **cuda);

/** Releases everything kiln_cuda_open and the runs acquired. NULL is a
 *  no-op. */
void kiln_cuda_close(kiln_cuda_model_t *cuda);

/** Makes the model's context current on the calling thread, and restores the
 *  previous one. */
kiln_status_t kiln_cuda_enter(kiln_cuda_model_t *cuda);
void kiln_cuda_leave(kiln_cuda_model_t *cuda);

/** Records "<what> failed: NAME (description)" and returns `status`. */
kiln_status_t kiln_cuda_fail(const kiln_cuda_model_t *cuda,
                             kiln_status_t status, CUresult result,
                             const char *what);

/** Takes a slot for one run (creating it when none is free); needs the
 *  context current. */
kiln_status_t kiln_cuda_slot_acquire(kiln_cuda_model_t *cuda,
                                     kiln_cuda_slot_t **slot);
void kiln_cuda_slot_release(kiln_cuda_model_t *cuda, kiln_cuda_slot_t *slot);

/** Takes a block of at least `bytes` from the fallback cache (false when
 *  none fits), and puts one back. */
bool kiln_cuda_cache_take(kiln_cuda_model_t *cuda, uint64_t bytes,
                          kiln_cuda_block_t *block);
kiln_status_t kiln_cuda_cache_put(kiln_cuda_model_t *cuda,
                                  kiln_cuda_block_t block);

/** Host-pointer run of a "cuda" model whose buffers kiln_check_run_args has
 *  accepted: copies inputs in, runs, copies outputs out. */
kiln_status_t kiln_cuda_run_host(struct kiln_model *model,
                                 const kiln_tensor_t *inputs,
                                 const kiln_tensor_t *outputs);

#endif /* KILN_RUNTIME_LIB_CUDA_H */
