/*===- arena.c - Per-model cache of scratch arenas -------------------------===*
 *
 * Implements the arena free list declared in arena.h.
 *
 *===----------------------------------------------------------------------===*/

#include "arena.h"

#include "error.h"

#include <inttypes.h>
#include <stdlib.h>

_Static_assert(sizeof(size_t) == sizeof(uint64_t),
               "the runtime assumes a 64-bit address space");

void kiln_arena_cache_init(kiln_arena_cache_t *cache, uint64_t size,
                           uint64_t alignment) {
  pthread_mutex_init(&cache->lock, NULL);
  cache->size = size;
  cache->alignment = alignment;
  cache->freeList = NULL;
}

void kiln_arena_cache_destroy(kiln_arena_cache_t *cache) {
  while (cache->freeList) {
    void *next = *(void **)cache->freeList;
    free(cache->freeList);
    cache->freeList = next;
  }
  pthread_mutex_destroy(&cache->lock);
}

kiln_status_t kiln_arena_acquire(kiln_arena_cache_t *cache, void **arena) {
  *arena = NULL;
  if (cache->size == 0)
    return KILN_STATUS_OK;

  pthread_mutex_lock(&cache->lock);
  void *reused = cache->freeList;
  if (reused)
    cache->freeList = *(void **)reused;
  pthread_mutex_unlock(&cache->lock);
  if (reused) {
    *arena = reused;
    return KILN_STATUS_OK;
  }

  // posix_memalign wants a multiple of sizeof(void *), and a free arena must
  // hold the list link.
  size_t alignment = cache->alignment < sizeof(void *)
                         ? sizeof(void *)
                         : (size_t)cache->alignment;
  size_t size =
      cache->size < sizeof(void *) ? sizeof(void *) : (size_t)cache->size;
  void *memory = NULL;
  if (posix_memalign(&memory, alignment, size) != 0)
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate an arena of %" PRIu64
                      " bytes aligned to %" PRIu64,
                      cache->size, cache->alignment);
  *arena = memory;
  return KILN_STATUS_OK;
}

void kiln_arena_release(kiln_arena_cache_t *cache, void *arena) {
  if (!arena)
    return;
  pthread_mutex_lock(&cache->lock);
  *(void **)arena = cache->freeList;
  cache->freeList = arena;
  pthread_mutex_unlock(&cache->lock);
}
