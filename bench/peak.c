/* Peak probes of this machine for bench/compare.py (never part of the tests).
 *
 *   peak THREADS
 *
 * prints, for THREADS threads running at once:
 *   fma_gflops  fp32 FMA throughput, all threads together: 12 independent
 *               accumulators per thread (hides the FMA latency) on the widest
 *               vectors clang -march=native has;
 *   copy_gbs    a STREAM-like copy b[i] = a[i] over 2 x 64 MiB per thread,
 *               bytes read + written per second, all threads together.
 * Each is the best of 5 rounds. Build: clang -O2 -march=native -pthread. */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define STORE _mm512_storeu_ps
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define STORE _mm256_storeu_ps
#endif

enum { ITERATIONS = 20000000, ACCUMULATORS = 12 };
static const size_t kCopyFloats = (size_t)16 << 20;

static pthread_barrier_t barrier;

static void *fmaThread(void *sink) {
  vec acc[ACCUMULATORS];
  vec b = SET1(1.0000001f), c = SET1(1e-7f);
  for (int i = 0; i < ACCUMULATORS; ++i)
    acc[i] = SET1((float)i);
  pthread_barrier_wait(&barrier);
  for (long i = 0; i < ITERATIONS; ++i)
    for (int j = 0; j < ACCUMULATORS; ++j)
      acc[j] = FMA(acc[j], b, c);
  float lanes[LANES];
  float sum = 0;
  for (int i = 0; i < ACCUMULATORS; ++i) {
    STORE(lanes, acc[i]);
    sum += lanes[0];
  }
  *(float *)sink = sum;
  return NULL;
}

struct copyArgs {
  float *a, *b;
};

static void *copyThread(void *p) {
  struct copyArgs *args = p;
  pthread_barrier_wait(&barrier);
  memcpy(args->b, args->a, kCopyFloats * sizeof(float));
  return NULL;
}

/* Runs `fn` on `threads` threads started together; returns the seconds from
 * the common start to the last finish. */
static double runThreads(int threads, void *(*fn)(void *), void **args) {
  pthread_t ids[64];
  pthread_barrier_init(&barrier, NULL, threads + 1);
  for (int t = 0; t < threads; ++t)
    pthread_create(&ids[t], NULL, fn, args[t]);
  pthread_barrier_wait(&barrier);
  double start = now();
  for (int t = 0; t < threads; ++t)
    pthread_join(ids[t], NULL);
  double seconds = now() - start;
  pthread_barrier_destroy(&barrier);
  return seconds;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1 || threads > 64) {
    fprintf(stderr, "usage: peak THREADS (1-64)\n");
    return 2;
  }
  void *args[64];
  float sinks[64];
  double best = 0;
  for (int round = 0; round < 5; ++round) {
    for (int t = 0; t < threads; ++t)
      args[t] = &sinks[t];
    double s = runThreads(threads, fmaThread, args);
    double gflops =
        (double)threads * ITERATIONS * ACCUMULATORS * LANES * 2 / s / 1e9;
    if (gflops > best)
      best = gflops;
  }
  printf("fma_gflops %.1f\n", best);

  struct copyArgs copies[64];
  for (int t = 0; t < threads; ++t) {
    copies[t].a = malloc(kCopyFloats * sizeof(float));
    copies[t].b = malloc(kCopyFloats * sizeof(float));
    memset(copies[t].a, 1, kCopyFloats * sizeof(float));
    memset(copies[t].b, 0, kCopyFloats * sizeof(float));
    args[t] = &copies[t];
  }
  double bw = 0;
  for (int round = 0; round < 5; ++round) {
    double s = runThreads(threads, copyThread, args);
    double gbs = 2.0 * threads * kCopyFloats * sizeof(float) / s / 1e9;
    if (gbs > bw)
      bw = gbs;
  }
  printf("copy_gbs %.1f\n", bw);
  float check = 0;
  for (int t = 0; t < threads; ++t)
    check += sinks[t] + copies[t].b[kCopyFloats / 2];
  if (check == 42)
    printf("%g\n", check);
  return 0;
}
