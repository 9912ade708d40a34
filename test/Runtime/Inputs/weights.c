/*===- weights.c - Test model: 6.4 MB of read-only weights -----------------===*
 *
 * A hand-written model following kiln_abi.h whose weights, like a compiled
 * model's, are read-only data of the shared object: a table of 1.6 M floats
 * (6.4 MB, table[i] = i % 1000). Input x: f32 [2], two indices into the
 * table. Outputs: y (f32 [2], the table at those indices) and anonymous
 * (i32 [1]: 1 when the page holding the middle of the table is anonymous
 * memory, 0 when it is mapped from the file, -1 when /proc/self/maps cannot
 * be read). The runtime moves the table to huge pages when it opens the
 * model (runtime/lib/weights.c), so anonymous is 1 unless KILN_HUGE_PAGES=0
 * or the kernel has transparent huge pages off.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stdint.h>
#include <stdio.h>

#define ENTRIES 1600000

/* A table whose values are written out in full, so that it is data of the
   object (not zeros the loader makes up). */
#define R10(i) (float)(i), (float)((i) + 1), (float)((i) + 2), (float)((i) + 3), \
  (float)((i) + 4), (float)((i) + 5), (float)((i) + 6), (float)((i) + 7),     \
  (float)((i) + 8), (float)((i) + 9)
#define R100(i) R10(i), R10((i) + 10), R10((i) + 20), R10((i) + 30),          \
  R10((i) + 40), R10((i) + 50), R10((i) + 60), R10((i) + 70), R10((i) + 80),  \
  R10((i) + 90)
#define R1000 R100(0), R100(100), R100(200), R100(300), R100(400), R100(500), \
  R100(600), R100(700), R100(800), R100(900)
#define R10000 R1000, R1000, R1000, R1000, R1000, R1000, R1000, R1000, R1000, \
  R1000
#define R100000 R10000, R10000, R10000, R10000, R10000, R10000, R10000,       \
  R10000, R10000, R10000
static const float table[ENTRIES] = {
    R100000, R100000, R100000, R100000, R100000, R100000, R100000, R100000,
    R100000, R100000, R100000, R100000, R100000, R100000, R100000, R100000,
};

static const int64_t two[1] = {2};
static const int64_t one[1] = {1};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 1, two}};
static const kiln_tensor_desc_t outputs[2] = {
    {"y", KILN_DTYPE_F32, 1, two}, {"anonymous", KILN_DTYPE_I32, 1, one}};

/* 1 when the mapping holding `address` has no file (inode 0), 0 when it
   has one, -1 when /proc/self/maps cannot be read. */
static int32_t isAnonymous(const void *address) {
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  int32_t result = -1;
  if (!maps)
    return -1;
  while (fgets(line, sizeof(line), maps)) {
    unsigned long start, end, inode;
    if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &start, &end, &inode) != 3)
      continue;
    if ((uintptr_t)address >= start && (uintptr_t)address < end) {
      result = inode == 0 ? 1 : 0;
      break;
    }
  }
  fclose(maps);
  return result;
}

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  const float *x = (const float *)in[0];
  float *y = (float *)out[0];
  int i;
  (void)ctx;
  (void)arena;
  for (i = 0; i < 2; ++i) {
    if (!(x[i] >= 0.0f && x[i] < (float)ENTRIES))
      return 2;
    y[i] = table[(int64_t)x[i]];
  }
  *(int32_t *)out[1] = isAnonymous(&table[ENTRIES / 2]);
  return 0;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
    sizeof(kiln_model_desc_t),
    "weights",
    "cpu",
    1,
    2,
    inputs,
    outputs,
    0,
    1,
    entry,
    0,
    0,
    NULL,
    NULL,
    0,
    NULL,
};

const kiln_model_desc_t *kiln_query_model(uint32_t runtime_abi_version) {
  (void)runtime_abi_version;
  return &desc;
}
