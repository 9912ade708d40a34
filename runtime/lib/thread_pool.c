/*===- thread_pool.c - Fork-join pthread pool with dynamic chunks ----------===*
 *
 * A fork-join pool: parallel_for publishes one job (a generation), wakes the
 * pool threads that sleep, and then every participant, the calling thread
 * included, claims contiguous chunks of the range until none is left; the
 * call returns when every claimed chunk has finished. The range is cut into
 * one contiguous share per thread, each with its own atomic counter: a
 * thread claims the chunks of its own share first, in order, then those
 * left in the others' shares. Worker t then runs the same part of every
 * kernel whose tiles split the same way (the same rows of consecutive
 * convolutions), so what one kernel wrote is in that core's cache when the
 * next reads it, while a thread that is late to wake (or descheduled by
 * other load) still only claims less: the others take its share's rest.
 * Between jobs, pool threads
 * spin for a short while (KILN_POOL_SPIN_US, default 100 us) before they
 * sleep on a condition variable, so that the kernels of one model run, a
 * few microseconds apart, do not each pay a futex wake-up.
 *
 * Only one parallel_for owns a pool at a time; a concurrent or nested call
 * runs its range inline instead of waiting, so progress never depends on
 * the pool being free.
 *
 * Each share's claim counter holds the generation in its high 32 bits and
 * the next index to claim in its low 32 bits: a thread that read the job of
 * generation g can only claim from g (its compare-and-swap fails once the
 * caller has published g + 1), and the caller publishes g + 1 only after
 * every index of g was claimed and finished, so a claimed chunk always runs
 * the task it was claimed for.
 *
 *===----------------------------------------------------------------------===*/

#include "thread_pool.h"

#include "error.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KILN_CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define KILN_CPU_RELAX() __asm__ __volatile__("yield")
#else
#define KILN_CPU_RELAX() ((void)0)
#endif

/// Spin time of an idle pool thread before it sleeps, when
/// KILN_POOL_SPIN_US is not set.
#define KILN_DEFAULT_SPIN_US 100

/// One thread's share of a job: its claim counter, alone on a cache line
/// (its owner claims from it at every chunk).
typedef struct kiln_share {
  _Alignas(64) _Atomic uint64_t claim;
} kiln_share_t;

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
  /// How long an idle pool thread spins before sleeping, in nanoseconds.
  int64_t spinNs;

  /// Held by the parallel_for that owns the pool for its whole duration.
  pthread_mutex_t ownerLock;

  /// The current job: written by its caller before the generation is
  /// published, read by the pool threads after they see the generation.
  _Atomic(kiln_task_fn_t) task;
  _Atomic(void *) data;
  _Atomic int64_t n;
  _Atomic int64_t chunk;
  /// Incremented to publish a job (and once more to stop the pool).
  _Atomic uint64_t generation;
  /// Per thread, on a cache line of its own: (generation << 32) | next
  /// index to claim in that thread's share, see the file comment.
  struct kiln_share *shares;
  /// Indices of the current job claimed but not yet finished, plus the
  /// indices not yet claimed: the job is over when it reaches 0.
  _Atomic int64_t remaining;
  _Atomic bool stopping;

  /// Sleeping: pool threads wait on `wake` for a new generation, the caller
  /// waits on `done` for `remaining` to reach 0. `sleepers` counts the pool
  /// threads that are (about to be) waiting on `wake`.
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_cond_t done;
  _Atomic uint32_t sleepers;
  _Atomic bool callerSleeping;
};

/// Worker index of the task this thread is running, or -1 outside tasks.
static _Thread_local int64_t currentWorker = -1;

static int64_t nowNs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
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

/// The end of share `share` of [0, n) cut into `shares` contiguous shares
/// (n < 2^32 and shares <= KILN_MAX_THREADS: the product fits).
static int64_t shareEnd(int64_t n, uint32_t shares, uint32_t share) {
  return n * ((int64_t)share + 1) / shares;
}

/// Claims and runs the chunks left in share `share` of generation `gen` as
/// `worker`. Returns when the share has none left (or `gen` is over).
static void claimShare(kiln_pool_t *pool, uint32_t gen, kiln_task_fn_t task,
                       void *data, int64_t n, int64_t chunk, uint32_t share,
                       uint32_t worker) {
  _Atomic uint64_t *counter = &pool->shares[share].claim;
  int64_t shareEndIndex = shareEnd(n, pool->numThreads, share);
  uint64_t claim = atomic_load_explicit(counter, memory_order_relaxed);
  for (;;) {
    if ((uint32_t)(claim >> 32) != gen)
      return;
    int64_t begin = (int64_t)(uint32_t)claim;
    if (begin >= shareEndIndex)
      return;
    int64_t end = begin + chunk < shareEndIndex ? begin + chunk : shareEndIndex;
    uint64_t next = ((uint64_t)gen << 32) | (uint64_t)end;
    if (!atomic_compare_exchange_weak_explicit(
            counter, &claim, next, memory_order_acq_rel, memory_order_relaxed))
      continue;
    runChunk(task, data, begin, end, worker);
    if (atomic_fetch_sub_explicit(&pool->remaining, end - begin,
                                  memory_order_seq_cst) == end - begin &&
        atomic_load_explicit(&pool->callerSleeping, memory_order_seq_cst)) {
      pthread_mutex_lock(&pool->lock);
      pthread_cond_signal(&pool->done);
      pthread_mutex_unlock(&pool->lock);
    }
    claim = atomic_load_explicit(counter, memory_order_relaxed);
  }
}

/// Claims and runs chunks of generation `gen` as `worker` until none is
/// left: its own share first, then the others' in turn. `task`, `data`, `n`
/// and `chunk` are the job of `gen`. Workers from `n` on claim nothing: the
/// ABI promises tasks workers in [0, min(n, T)), so that a kernel may size
/// per-worker scratch by its trip count.
static void claimAndRun(kiln_pool_t *pool, uint32_t gen, kiln_task_fn_t task,
                        void *data, int64_t n, int64_t chunk, uint32_t worker) {
  if ((int64_t)worker >= n)
    return;
  uint32_t shares = pool->numThreads;
  for (uint32_t i = 0; i < shares; ++i)
    claimShare(pool, gen, task, data, n, chunk, (worker + i) % shares, worker);
}

static void *workerMain(void *arg) {
  kiln_worker_t *self = (kiln_worker_t *)arg;
  kiln_pool_t *pool = self->pool;
  uint64_t seen = 0;
  for (;;) {
    // Wait for a generation after `seen`: spin, then sleep.
    uint64_t gen = atomic_load_explicit(&pool->generation, memory_order_acquire);
    if (gen == seen) {
      int64_t deadline = pool->spinNs > 0 ? nowNs() + pool->spinNs : 0;
      for (unsigned i = 1; gen == seen && pool->spinNs > 0; ++i) {
        KILN_CPU_RELAX();
        gen = atomic_load_explicit(&pool->generation, memory_order_acquire);
        if ((i & 63) == 0 && nowNs() > deadline)
          break;
      }
      if (gen == seen) {
        pthread_mutex_lock(&pool->lock);
        atomic_fetch_add_explicit(&pool->sleepers, 1, memory_order_seq_cst);
        while ((gen = atomic_load_explicit(&pool->generation,
                                           memory_order_seq_cst)) == seen)
          pthread_cond_wait(&pool->wake, &pool->lock);
        atomic_fetch_sub_explicit(&pool->sleepers, 1, memory_order_relaxed);
        pthread_mutex_unlock(&pool->lock);
      }
    }
    seen = gen;
    if (atomic_load_explicit(&pool->stopping, memory_order_acquire))
      break;
    kiln_task_fn_t task =
        atomic_load_explicit(&pool->task, memory_order_relaxed);
    void *data = atomic_load_explicit(&pool->data, memory_order_relaxed);
    int64_t n = atomic_load_explicit(&pool->n, memory_order_relaxed);
    int64_t chunk = atomic_load_explicit(&pool->chunk, memory_order_relaxed);
    claimAndRun(pool, (uint32_t)gen, task, data, n, chunk, self->index);
  }
  return NULL;
}

/// The spin time from KILN_POOL_SPIN_US (microseconds, 0 to 1000000), or the
/// default when it is unset or not such a number.
static int64_t getSpinNs(void) {
  const char *value = getenv("KILN_POOL_SPIN_US");
  if (value && *value) {
    char *end = NULL;
    long us = strtol(value, &end, 10);
    if (end && *end == '\0' && us >= 0 && us <= 1000000)
      return (int64_t)us * 1000;
  }
  return (int64_t)KILN_DEFAULT_SPIN_US * 1000;
}

kiln_status_t kiln_pool_create(uint32_t num_threads, kiln_pool_t **out) {
  *out = NULL;
  if (num_threads == 0 || num_threads > KILN_MAX_THREADS)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "thread count %u is out of range [1, %u]", num_threads,
                      KILN_MAX_THREADS);
  kiln_pool_t *pool = (kiln_pool_t *)calloc(1, sizeof(kiln_pool_t));
  uint32_t numWorkers = num_threads - 1;
  if (pool) {
    // One share per thread, each on a cache line of its own (the size is a
    // multiple of the alignment, as aligned_alloc wants).
    pool->shares = (kiln_share_t *)aligned_alloc(
        _Alignof(kiln_share_t), num_threads * sizeof(kiln_share_t));
    if (numWorkers) {
      pool->threads = (pthread_t *)calloc(numWorkers, sizeof(pthread_t));
      pool->workers =
          (kiln_worker_t *)calloc(numWorkers, sizeof(kiln_worker_t));
    }
  }
  if (!pool || !pool->shares ||
      (numWorkers && (!pool->threads || !pool->workers))) {
    if (pool) {
      free(pool->threads);
      free(pool->workers);
      free(pool->shares);
      free(pool);
    }
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate a thread pool of %u threads",
                      num_threads);
  }
  for (uint32_t i = 0; i < num_threads; ++i)
    atomic_init(&pool->shares[i].claim, 0);
  pool->numThreads = num_threads;
  pool->spinNs = getSpinNs();
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

/// Publishes the next generation and wakes the pool threads that sleep.
static uint32_t publish(kiln_pool_t *pool) {
  uint64_t gen =
      atomic_fetch_add_explicit(&pool->generation, 1, memory_order_seq_cst) +
      1;
  if (atomic_load_explicit(&pool->sleepers, memory_order_seq_cst) != 0) {
    pthread_mutex_lock(&pool->lock);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
  }
  return (uint32_t)gen;
}

void kiln_pool_destroy(kiln_pool_t *pool) {
  if (!pool)
    return;
  atomic_store_explicit(&pool->stopping, true, memory_order_release);
  publish(pool);
  for (uint32_t i = 0; i < pool->numStarted; ++i)
    pthread_join(pool->threads[i], NULL);
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->lock);
  pthread_mutex_destroy(&pool->ownerLock);
  free(pool->threads);
  free(pool->workers);
  free(pool->shares);
  free(pool);
}

uint32_t kiln_pool_size(const kiln_pool_t *pool) { return pool->numThreads; }

bool kiln_pool_in_task(void) { return currentWorker >= 0; }

void kiln_pool_parallel_for(const kiln_exec_ctx_t *ctx, int64_t n,
                            kiln_task_fn_t task, void *data) {
  if (n <= 0 || !task)
    return;
  kiln_pool_t *pool = ctx ? (kiln_pool_t *)ctx->runtime_data : NULL;
  // Inline: one worker, one index, a range too long for the claim counter,
  // a nested call, or a pool owned by another call.
  if (!pool || pool->numThreads <= 1 || n == 1 || n > (int64_t)UINT32_MAX ||
      currentWorker >= 0 || pthread_mutex_trylock(&pool->ownerLock) != 0) {
    runChunk(task, data, 0, n,
             currentWorker >= 0 ? (uint32_t)currentWorker : 0);
    return;
  }

  // Chunks of a sixteenth of a thread's share: kiln-compile makes 8-56
  // thread tiles of a kernel, so they are single tiles there, and a thread
  // that finishes waits for at most one tile of the other's. With a quarter of
  // a fair share (3 of ResNet-50's 28 tiles), the kernels' fastest calls added
  // up to 52.5-62.6 ms on 2 threads, against 50.6-54.1 with single tiles
  // (kiln-run --profile, 3 alternating runs). A claim is one atomic
  // compare-and-swap; very long ranges still claim in chunks.
  int64_t chunk = n / ((int64_t)pool->numThreads * 16);
  if (chunk < 1)
    chunk = 1;
  atomic_store_explicit(&pool->task, task, memory_order_relaxed);
  atomic_store_explicit(&pool->data, data, memory_order_relaxed);
  atomic_store_explicit(&pool->n, n, memory_order_relaxed);
  atomic_store_explicit(&pool->chunk, chunk, memory_order_relaxed);
  atomic_store_explicit(&pool->remaining, n, memory_order_relaxed);
  uint32_t gen = (uint32_t)(atomic_load_explicit(&pool->generation,
                                                 memory_order_relaxed) +
                            1);
  for (uint32_t i = 0; i < pool->numThreads; ++i)
    atomic_store_explicit(
        &pool->shares[i].claim,
        ((uint64_t)gen << 32) |
            (uint64_t)(i == 0 ? 0 : shareEnd(n, pool->numThreads, i - 1)),
        memory_order_release);
  publish(pool);

  claimAndRun(pool, gen, task, data, n, chunk, 0);

  // Wait for the chunks other threads claimed: spin briefly, then sleep.
  for (unsigned i = 0;
       atomic_load_explicit(&pool->remaining, memory_order_acquire) != 0;
       ++i) {
    if (i < 4096) {
      KILN_CPU_RELAX();
      continue;
    }
    pthread_mutex_lock(&pool->lock);
    atomic_store_explicit(&pool->callerSleeping, true, memory_order_seq_cst);
    while (atomic_load_explicit(&pool->remaining, memory_order_seq_cst) != 0)
      pthread_cond_wait(&pool->done, &pool->lock);
    atomic_store_explicit(&pool->callerSleeping, false, memory_order_relaxed);
    pthread_mutex_unlock(&pool->lock);
  }
  pthread_mutex_unlock(&pool->ownerLock);
}
