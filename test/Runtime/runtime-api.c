/*===- runtime-api.c - Exercises the Kiln runtime C API --------------------===*
 *
 * Usage: runtime-api MODEL_DIR
 *
 * Calls the C API the way an embedding application would, including every
 * misuse the runtime must turn into a status and a message, and prints one
 * line per call ("<label>: <status>: <message>") for FileCheck.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char modelDir[4096];

static void report(const char *label, kiln_status_t status) {
  printf("%s: %s: %s\n", label, kiln_status_string(status), kiln_last_error());
}

static kiln_model_t *openModel(const char *name, uint32_t threads) {
  char path[8192];
  snprintf(path, sizeof(path), "%s/%s.so", modelDir, name);
  kiln_open_options_t options = {.struct_size = sizeof(options),
                                 .num_threads = threads};
  kiln_model_t *model = NULL;
  kiln_status_t status = kiln_open(path, &options, &model);
  if (status != KILN_STATUS_OK) {
    // Print the message without the build-specific directory.
    const char *message = kiln_last_error();
    const char *dir = strstr(message, modelDir);
    if (dir)
      printf("open %s: %s: %.*s<dir>%s\n", name, kiln_status_string(status),
             (int)(dir - message), message, dir + strlen(modelDir));
    else
      report(name, status);
    if (model)
      printf("open %s: model not null after failure\n", name);
  }
  return model;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: runtime-api MODEL_DIR\n");
    return 2;
  }
  snprintf(modelDir, sizeof(modelDir), "%s", argv[1]);

  // Helpers.
  printf("abi version: %u\n", kiln_runtime_abi_version());
  for (kiln_dtype_t d = 0; d <= KILN_DTYPE_COUNT_; ++d)
    printf("dtype %u: %s size %zu roundtrip %d\n", d, kiln_dtype_name(d),
           kiln_dtype_size(d), kiln_dtype_from_name(kiln_dtype_name(d)) == d);
  for (int s = 0; s <= 15; ++s)
    printf("status %d: %s\n", s, kiln_status_string((kiln_status_t)s));
  printf("default threads positive: %d\n", kiln_default_threads() >= 1);

  // Misuse of kiln_open.
  kiln_model_t *model = (kiln_model_t *)&model;
  report("open null path", kiln_open(NULL, NULL, &model));
  printf("model reset: %d\n", model == NULL);
  report("open null out", kiln_open("x.so", NULL, NULL));
  kiln_open_options_t tooSmall = {.struct_size = 4, .num_threads = 1};
  report("open small options", kiln_open("x.so", &tooSmall, &model));
  kiln_open_options_t tooMany = {.struct_size = sizeof(tooMany),
                                 .num_threads = KILN_MAX_THREADS + 1};
  report("open too many threads", kiln_open("x.so", &tooMany, &model));
  report("open directory", kiln_open(modelDir, NULL, &model));

  // Descriptor defects.
  static const char *const bad[] = {"bad_desc_duplicate_name",
                                    "bad_desc_negative_dim",
                                    "bad_desc_rank",
                                    "bad_desc_alignment",
                                    "bad_desc_null_entry",
                                    "bad_desc_cuda",
                                    "bad_desc_target",
                                    "bad_desc_null_query",
                                    "bad_desc_no_outputs",
                                    "bad_version",
                                    "no_symbol"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i)
    openModel(bad[i], 1);

  // Introspection.
  model = openModel("two_io", 2);
  if (!model)
    return 1;
  printf("name %s target %s inputs %u outputs %u threads %u\n",
         kiln_model_name(model), kiln_model_target(model),
         kiln_model_num_inputs(model), kiln_model_num_outputs(model),
         kiln_get_threads(model));
  printf("input 1: %s %s rank %u\n", kiln_model_input(model, 1)->name,
         kiln_dtype_name(kiln_model_input(model, 1)->dtype),
         kiln_model_input(model, 1)->rank);
  printf("output 0: %s\n", kiln_model_output(model, 0)->name);
  printf("out of range: %d %d\n", kiln_model_input(model, 2) == NULL,
         kiln_model_output(model, 2) == NULL);
  printf("desc: arena %llu alignment %llu\n",
         (unsigned long long)kiln_model_desc(model)->arena_size,
         (unsigned long long)kiln_model_desc(model)->arena_alignment);

  // Runs: one correct, then one defect at a time.
  static const int64_t matrix[2] = {2, 3}, vector[1] = {3}, flat[1] = {6},
                       wide[2] = {2, 4};
  float a[8] = {1, 2, 3, 4, 5, 6}, sum[8];
  int64_t b[3] = {10, 20, 30}, scaled[3];
  kiln_tensor_t in[2] = {{a, KILN_DTYPE_F32, 2, matrix},
                         {b, KILN_DTYPE_I64, 1, vector}};
  kiln_tensor_t out[2] = {{sum, KILN_DTYPE_F32, 2, matrix},
                          {scaled, KILN_DTYPE_I64, 1, vector}};
  report("run ok", kiln_run(model, in, 2, out, 2));
  printf("sum %g %g %g %g %g %g scaled %lld %lld %lld\n", (double)sum[0],
         (double)sum[1], (double)sum[2], (double)sum[3], (double)sum[4],
         (double)sum[5], (long long)scaled[0], (long long)scaled[1],
         (long long)scaled[2]);

  report("run null model", kiln_run(NULL, in, 2, out, 2));
  report("run one input", kiln_run(model, in, 1, out, 2));
  report("run three outputs", kiln_run(model, in, 2, out, 3));
  report("run null inputs", kiln_run(model, NULL, 2, out, 2));

  kiln_tensor_t saved = in[1];
  in[1].dtype = KILN_DTYPE_I32;
  report("run input dtype", kiln_run(model, in, 2, out, 2));
  in[1].dtype = 99;
  report("run invalid dtype", kiln_run(model, in, 2, out, 2));
  in[1] = saved;

  saved = in[0];
  in[0].shape = flat;
  in[0].rank = 1;
  report("run input rank", kiln_run(model, in, 2, out, 2));
  in[0].shape = wide;
  in[0].rank = 2;
  report("run input shape", kiln_run(model, in, 2, out, 2));
  in[0].shape = NULL;
  report("run null shape", kiln_run(model, in, 2, out, 2));
  in[0] = saved;
  in[0].data = NULL;
  report("run null data", kiln_run(model, in, 2, out, 2));
  in[0] = saved;

  saved = out[1];
  out[1].dtype = KILN_DTYPE_F64;
  report("run output dtype", kiln_run(model, in, 2, out, 2));
  out[1] = saved;
  out[0].data = a + 1;
  report("run output overlaps input", kiln_run(model, in, 2, out, 2));
  out[0].data = sum;
  out[1].data = (char *)sum + 8;
  report("run outputs overlap", kiln_run(model, in, 2, out, 2));
  out[1] = saved;
  report("run ok again", kiln_run(model, in, 2, out, 2));

  // Thread counts.
  report("set threads 0", kiln_set_threads(model, 0));
  printf("threads default: %d\n",
         kiln_get_threads(model) == kiln_default_threads());
  report("set threads too many", kiln_set_threads(model, KILN_MAX_THREADS + 1));
  report("set threads 3", kiln_set_threads(model, 3));
  printf("threads now %u\n", kiln_get_threads(model));
  report("set threads null", kiln_set_threads(NULL, 1));

  // Profiling: off until turned on; the entries are the kernels, then
  // "(serial)".
  const kiln_profile_entry_t *entries = NULL;
  size_t count = 0;
  uint64_t runs = 0;
  report("profile off", kiln_get_profile(model, &entries, &count, &runs));
  report("set profiling null", kiln_set_profiling(NULL, 1));
  report("set profiling on", kiln_set_profiling(model, 1));
  report("profile null model", kiln_get_profile(NULL, &entries, &count, NULL));
  report("profile null entries", kiln_get_profile(model, NULL, &count, NULL));
  report("profile null count", kiln_get_profile(model, &entries, NULL, NULL));
  report("profiled run", kiln_run(model, in, 2, out, 2));
  report("profile", kiln_get_profile(model, &entries, &count, &runs));
  printf("profile: %llu runs, %zu entries, last '%s' %llu calls\n",
         (unsigned long long)runs, count, entries[count - 1].name,
         (unsigned long long)entries[count - 1].calls);
  report("set profiling off", kiln_set_profiling(model, 0));
  kiln_close(model);
  kiln_close(NULL);

  // An entry function that fails.
  model = openModel("failing", 1);
  float x[4] = {0}, y[4];
  static const int64_t four[1] = {4};
  kiln_tensor_t fx = {x, KILN_DTYPE_F32, 1, four};
  kiln_tensor_t fy = {y, KILN_DTYPE_F32, 1, four};
  report("run failing", kiln_run(model, &fx, 1, &fy, 1));
  kiln_close(model);
  return 0;
}
