/*===- model.h - The loaded-model object ---------------------------*- C -*-===*
 *
 * Definition of kiln_model_t shared by the loader and the run path.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_MODEL_H
#define KILN_RUNTIME_LIB_MODEL_H

#include "arena.h"
#include "cuda.h"
#include "profile.h"
#include "thread_pool.h"

#include <pthread.h>

struct kiln_model {
  /// dlopen handle of the model shared object.
  void *handle;
  /// The model's descriptor, validated by kiln_check_model_desc.
  const kiln_model_desc_t *desc;
  /// Runs hold it shared; kiln_set_threads holds it exclusively to swap the
  /// pool.
  pthread_rwlock_t poolLock;
  kiln_pool_t *pool;
  /// Size of `pool`, readable without the lock (atomic accesses).
  uint32_t numThreads;
  kiln_arena_cache_t arenas;
  /// The kernel timings while profiling is on, else NULL; swapped under
  /// `poolLock` held exclusively.
  kiln_profile_t *profile;
  /// The CUDA side of a "cuda" model; NULL for a "cpu" model.
  kiln_cuda_model_t *cuda;
};

#endif /* KILN_RUNTIME_LIB_MODEL_H */
