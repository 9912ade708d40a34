/*===- thread_pool.c - Static-chunking pthread pool ------------------------===*
 *
 * A fork-join pool: parallel_for publishes one job (a generation), wakes the
 * pool threads, runs chunk 0 itself and waits until the threads that own a
 * chunk have finished theirs. Only one parallel_for owns a pool at a time;
 * a concurrent or nested call runs its range inline instead of waiting, so
 * progress never depends on the pool being free.
 *
 *===----------------------------------------------------------------------===*/

#include "thread_pool.h"

#include "error.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/// One pool thread's start argument.
typedef struct kiln_worker {
  struct kiln_pool *pool;
  uint32_t index;
} kiln_worker_t;

struct kiln_pool {
  uint32_t numThreads;
  /// Pool threads actually started (numThreads - 1 once created).
  uint32_t numStarted;
  pthread_t *threads;
  kiln_worker_t *workers;

  /// Held by the parallel_for that owns the pool for its whole duration.
  pthread_mutex_t ownerLock;

  /// Protects everything below.
  pthread_mutex_t lock;
  /// Signalled when a new generation is published or the pool stops.
  pthread_cond_t wake;
  /// Signalled when the last chunk of a generation finishes.
  pthread_cond_t done;
  uint64_t generation;
  bool stopping;
  kiln_task_fn_t task;
  void *data;
  int64_t n;
  uint32_t numChunks;
  /// Chunks of the current generation not yet finished by pool threads.
  uint32_t pending;
};

/// Worker index of the task this thread is running, or -1 outside tasks.
static _Thread_local int64_t currentWorker = -1;

/// Bounds of chunk `k` of `numChunks` over [0, n): n / numChunks indices
/// each, plus one for the first n % numChunks chunks.
static void chunkBounds(int64_t n, uint32_t numChunks, uint32_t k,
                        int64_t *begin, int64_t *end) {
  int64_t base = n / numChunks, rem = n % numChunks;
  *begin = (int64_t)k * base + ((int64_t)k < rem ? (int64_t)k : rem);
  *end = *begin + base + ((int64_t)k < rem ? 1 : 0);
}

/// Runs `task` on [begin, end) as `worker`, marking the thread as inside a
/// task so that nested parallel_for calls run inline.
static void runChunk(kiln_task_fn_t task, void *data, int64_t begin,
                     int64_t end, uint32_t worker) {
  int64_t saved = currentWorker;
  currentWorker = worker;
  task(data, begin, end, worker);
  currentWorker = saved;
}

static void *workerMain(void *arg) {
  kiln_worker_t *self = (kiln_worker_t *)arg;
  kiln_pool_t *pool = self->pool;
  uint64_t seen = 0;
  pthread_mutex_lock(&pool->lock);
  for (;;) {
    while (!pool->stopping && pool->generation == seen)
      pthread_cond_wait(&pool->wake, &pool->lock);
    if (pool->stopping)
      break;
    seen = pool->generation;
    if (self->index >= pool->numChunks)
      continue;
    kiln_task_fn_t task = pool->task;
    void *data = pool->data;
    int64_t begin, end;
    chunkBounds(pool->n, pool->numChunks, self->index, &begin, &end);
    pthread_mutex_unlock(&pool->lock);
    runChunk(task, data, begin, end, self->index);
    pthread_mutex_lock(&pool->lock);
    if (--pool->pending == 0)
      pthread_cond_signal(&pool->done);
  }
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

kiln_status_t kiln_pool_create(uint32_t num_threads, kiln_pool_t **out) {
  *out = NULL;
  if (num_threads == 0 || num_threads > KILN_MAX_THREADS)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "thread count %u is out of range [1, %u]", num_threads,
                      KILN_MAX_THREADS);
  kiln_pool_t *pool = (kiln_pool_t *)calloc(1, sizeof(kiln_pool_t));
  uint32_t numWorkers = num_threads - 1;
  if (pool && numWorkers) {
    pool->threads = (pthread_t *)calloc(numWorkers, sizeof(pthread_t));
    pool->workers = (kiln_worker_t *)calloc(numWorkers, sizeof(kiln_worker_t));
  }
  if (!pool || (numWorkers && (!pool->threads || !pool->workers))) {
    if (pool) {
      free(pool->threads);
      free(pool->workers);
      free(pool);
    }
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate a thread pool of %u threads",
                      num_threads);
  }
  pool->numThreads = num_threads;
  pthread_mutex_init(&pool->ownerLock, NULL);
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);

  // Pool threads never handle signals: block them all while starting threads
  // (the new threads inherit the mask), then restore the caller's mask.
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &saved);
  int rc = 0;
  for (uint32_t i = 0; i < numWorkers; ++i) {
    pool->workers[i].pool = pool;
    pool->workers[i].index = i + 1;
    rc = pthread_create(&pool->threads[i], NULL, workerMain, &pool->workers[i]);
    if (rc != 0)
      break;
    ++pool->numStarted;
  }
  pthread_sigmask(SIG_SETMASK, &saved, NULL);

  if (rc != 0) {
    kiln_pool_destroy(pool);
    return kiln_error(KILN_STATUS_RESOURCE_EXHAUSTED,
                      "cannot start thread pool of %u threads: %s", num_threads,
                      strerror(rc));
  }
  *out = pool;
  return KILN_STATUS_OK;
}

void kiln_pool_destroy(kiln_pool_t *pool) {
  if (!pool)
    return;
  pthread_mutex_lock(&pool->lock);
  pool->stopping = true;
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);
  for (uint32_t i = 0; i < pool->numStarted; ++i)
    pthread_join(pool->threads[i], NULL);
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->lock);
  pthread_mutex_destroy(&pool->ownerLock);
  free(pool->threads);
  free(pool->workers);
  free(pool);
}

uint32_t kiln_pool_size(const kiln_pool_t *pool) { return pool->numThreads; }

void kiln_pool_parallel_for(const kiln_exec_ctx_t *ctx, int64_t n,
                            kiln_task_fn_t task, void *data) {
  if (n <= 0 || !task)
    return;
  kiln_pool_t *pool = ctx ? (kiln_pool_t *)ctx->runtime_data : NULL;
  uint32_t numChunks =
      pool ? (n < (int64_t)pool->numThreads ? (uint32_t)n : pool->numThreads)
           : 1;
  // Inline: one worker, a nested call, or a pool owned by another call.
  if (numChunks <= 1 || currentWorker >= 0 ||
      pthread_mutex_trylock(&pool->ownerLock) != 0) {
    runChunk(task, data, 0, n,
             currentWorker >= 0 ? (uint32_t)currentWorker : 0);
    return;
  }

  pthread_mutex_lock(&pool->lock);
  pool->task = task;
  pool->data = data;
  pool->n = n;
  pool->numChunks = numChunks;
  pool->pending = numChunks - 1;
  ++pool->generation;
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);

  int64_t begin, end;
  chunkBounds(n, numChunks, 0, &begin, &end);
  runChunk(task, data, begin, end, 0);

  pthread_mutex_lock(&pool->lock);
  while (pool->pending != 0)
    pthread_cond_wait(&pool->done, &pool->lock);
  pthread_mutex_unlock(&pool->lock);
  pthread_mutex_unlock(&pool->ownerLock);
}
