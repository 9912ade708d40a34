/*===- arena.h - Per-model cache of scratch arenas -----------------*- C -*-===*
 *
 * Every kiln_run needs an arena of its own. Arenas are taken from a per-model
 * free list (allocated when it is empty) and returned after the run, so
 * steady-state runs do not allocate, and concurrent runs never share one.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_LIB_ARENA_H
#define KILN_RUNTIME_LIB_ARENA_H

#include "kiln/runtime/kiln_runtime.h"

#include <pthread.h>

/// A free list of arenas of one size and alignment.
typedef struct kiln_arena_cache {
  pthread_mutex_t lock;
  uint64_t size;
  uint64_t alignment;
  /// Free arenas, linked through their first pointer-sized bytes.
  void *freeList;
} kiln_arena_cache_t;

/** Initializes an empty cache for arenas of `size` bytes aligned to
 *  `alignment` (a power of two). */
void kiln_arena_cache_init(kiln_arena_cache_t *cache, uint64_t size,
                           uint64_t alignment);

/** Frees every cached arena. No arena may be in use. */
void kiln_arena_cache_destroy(kiln_arena_cache_t *cache);

/** Takes an arena for exclusive use. Stores NULL when the size is 0. On
 *  allocation failure records an error. */
kiln_status_t kiln_arena_acquire(kiln_arena_cache_t *cache, void **arena);

/** Returns an arena obtained from kiln_arena_acquire (NULL is a no-op). */
void kiln_arena_release(kiln_arena_cache_t *cache, void *arena);

#endif /* KILN_RUNTIME_LIB_ARENA_H */
