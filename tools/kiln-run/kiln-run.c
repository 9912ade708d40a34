/*===- kiln-run.c - Run or benchmark a compiled Kiln model -----------------===*
 *
 * kiln-run MODEL.so [--input NAME=FILE.npy ...] [--output-dir DIR]
 *          [--bench N] [--warmup N] [--threads N] [--device D] [--profile] ...
 *
 * Loads a model through the Kiln runtime, feeds it .npy files or seeded
 * random data, runs it, prints a preview of every output and optionally
 * writes the outputs as .npy files or times repeated runs. Every failure is
 * one "kiln-run: error: ..." line on stderr and exit status 1.
 *
 *===----------------------------------------------------------------------===*/

#include "npy.h"
#include "values.h"

#include "kiln/runtime/kiln_runtime.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/// Values printed per output.
#define PREVIEW_LIMIT 16
/// Longest file name stem made from a tensor name.
#define STEM_LIMIT 200

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

/// One --input NAME=FILE.
typedef struct input_arg {
  const char *name; // Points into a copy owned by the options.
  const char *file;
  char *storage;
} input_arg_t;

typedef struct options {
  const char *model;
  input_arg_t *inputs;
  size_t numInputs;
  const char *outputDir;
  const char *saveInputsDir;
  uint64_t bench;   // 0: one untimed run.
  int64_t warmup;   // -1: default.
  uint32_t threads; // 0: runtime default.
  uint32_t device;  // A kiln_device_kind.
  uint32_t deviceIndex;
  uint64_t seed;
  bool printSignature;
  bool profile;
  bool help;
} options_t;

__attribute__((format(printf, 1, 2))) static int error(const char *format,
                                                       ...) {
  va_list args;
  va_start(args, format);
  fflush(stdout); // Keep stdout and stderr in order when both are piped.
  fputs("kiln-run: error: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  return 1;
}

static void printHelp(void) {
  printf(
      "usage: kiln-run MODEL.so [options]\n"
      "\n"
      "Loads a model compiled by kiln-compile, runs it once (or benchmarks\n"
      "it) on inputs read from .npy files or generated at random, and\n"
      "prints every output as 'NAME: DTYPE [SHAPE] = [first %d values]'.\n"
      "\n"
      "options:\n"
      "  --input NAME=FILE.npy  read input NAME from FILE.npy (repeatable);\n"
      "                         inputs not given get seeded random values:\n"
      "                         floats uniform in [-1, 1), integers in\n"
      "                         [0, 9], bools 0 or 1\n"
      "  --output-dir DIR       write every output to DIR/NAME.npy (DIR is\n"
      "                         created); in NAME, characters other than\n"
      "                         [A-Za-z0-9._-] and a leading '.' become\n"
      "                         '_', and a name taken by an earlier output\n"
      "                         gets '_2', '_3', ... appended\n"
      "  --save-inputs DIR      write the inputs used, given or random, to\n"
      "                         DIR/NAME.npy\n"
      "  --bench N              time N runs and print min/median/mean/max\n"
      "                         latency in ms\n"
      "  --warmup N             untimed runs before the measured ones\n"
      "                         (default: 1 with --bench, 0 without)\n"
      "  --threads N            thread pool size, 1 to %u (default: the\n"
      "                         number of online CPUs, %u here, for a cpu\n"
      "                         model; 1 for a cuda model)\n"
      "  --device D             where to run: cpu, cuda (device 0) or\n"
      "                         cuda:N; the default is the model's target.\n"
      "                         A model runs only on the target it was\n"
      "                         compiled for: naming another is an error.\n"
      "                         On cuda, inputs and outputs are copied to\n"
      "                         and from the device around each run, except\n"
      "                         with --bench, which keeps them on the device\n"
      "                         and times the model alone. The CUDA driver is\n"
      "                         libcuda.so.1, or the file $KILN_CUDA_DRIVER\n"
      "                         names\n"
      "  --profile              time every kernel of the timed runs (a cpu\n"
      "                         model's thread-tiled ops, named\n"
      "                         main_tiles_<op>_<shape written>) and print\n"
      "                         each one's mean wall time per run and its\n"
      "                         fastest call, in the order they run, and\n"
      "                         the serial code between them\n"
      "  --seed S               seed of the random inputs (default 0); an\n"
      "                         input's values depend on S and its position\n"
      "  --print-signature      print the model's name, target, device, arena,\n"
      "                         weights uploaded to the GPU, inputs and\n"
      "                         outputs, and exit without running it\n"
      "  --help                 print this help and exit\n"
      "\n"
      "Options take their value as the next argument or after '='. .npy\n"
      "files must be C-ordered and little-endian with the exact dtype and\n"
      "shape of the input; bf16 tensors are read and written as uint16 bit\n"
      "patterns ('<u2'). Errors print one line on stderr and exit with\n"
      "status 1.\n"
      "\n"
      "environment (read by the runtime when a model is opened):\n"
      "  KILN_HUGE_PAGES=0      keep a cpu model's weights mapped from its\n"
      "                         file (default: moved to transparent huge\n"
      "                         pages where the kernel has them)\n"
      "  KILN_POOL_SPIN_US=N    microseconds a pool thread spins for the\n"
      "                         next loop before it sleeps (default 100)\n",
      PREVIEW_LIMIT, KILN_MAX_THREADS, kiln_default_threads());
}

/// Parses a decimal integer in [min, max] into `value`.
static bool parseInteger(const char *text, uint64_t min, uint64_t max,
                         uint64_t *value) {
  if (!text[0] || text[0] < '0' || text[0] > '9')
    return false;
  errno = 0;
  char *end;
  unsigned long long parsed = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || parsed < min || parsed > max)
    return false;
  *value = parsed;
  return true;
}

static void freeOptions(options_t *options) {
  for (size_t i = 0; i < options->numInputs; ++i)
    free(options->inputs[i].storage);
  free(options->inputs);
}

/// Parses argv; returns 0 or prints an error and returns 1.
static int parseOptions(int argc, char **argv, options_t *options) {
  memset(options, 0, sizeof(*options));
  options->warmup = -1;
  options->inputs = (input_arg_t *)calloc((size_t)argc, sizeof(input_arg_t));
  if (!options->inputs)
    return error("out of memory");
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      options->help = true;
      return 0;
    }
    if (strcmp(arg, "--print-signature") == 0) {
      options->printSignature = true;
      continue;
    }
    if (strcmp(arg, "--profile") == 0) {
      options->profile = true;
      continue;
    }
    if (arg[0] != '-' || strcmp(arg, "-") == 0) {
      if (options->model)
        return error("unexpected argument '%s'; only one model can be given",
                     arg);
      options->model = arg;
      continue;
    }
    // Options with a value: "--name value" or "--name=value".
    static const char *const valued[] = {
        "--input",  "--output-dir", "--save-inputs", "--bench",
        "--warmup", "--threads",    "--seed",        "--device"};
    const char *name = NULL, *value = NULL;
    for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]); ++k) {
      size_t length = strlen(valued[k]);
      if (strncmp(arg, valued[k], length) != 0)
        continue;
      if (arg[length] == '=') {
        name = valued[k];
        value = arg + length + 1;
      } else if (arg[length] == '\0') {
        name = valued[k];
        if (i + 1 >= argc)
          return error("option '%s' needs a value", name);
        value = argv[++i];
      }
    }
    if (!name)
      return error("unknown option '%s' (see --help)", arg);

    uint64_t number;
    if (strcmp(name, "--input") == 0) {
      const char *equals = strchr(value, '=');
      if (!equals || equals == value || !equals[1])
        return error("invalid --input '%s': expected NAME=FILE.npy", value);
      input_arg_t *input = &options->inputs[options->numInputs++];
      input->storage = strdup(value);
      if (!input->storage)
        return error("out of memory");
      input->storage[equals - value] = '\0';
      input->name = input->storage;
      input->file = input->storage + (equals - value) + 1;
    } else if (strcmp(name, "--output-dir") == 0 ||
               strcmp(name, "--save-inputs") == 0) {
      if (!value[0])
        return error("option '%s' needs a directory", name);
      *(strcmp(name, "--output-dir") == 0 ? &options->outputDir
                                          : &options->saveInputsDir) = value;
    } else if (strcmp(name, "--bench") == 0) {
      if (!parseInteger(value, 1, 100000000, &number))
        return error("invalid value '%s' for --bench: expected an integer in "
                     "[1, 100000000]",
                     value);
      options->bench = number;
    } else if (strcmp(name, "--warmup") == 0) {
      if (!parseInteger(value, 0, 100000000, &number))
        return error("invalid value '%s' for --warmup: expected an integer in "
                     "[0, 100000000]",
                     value);
      options->warmup = (int64_t)number;
    } else if (strcmp(name, "--threads") == 0) {
      if (!parseInteger(value, 1, KILN_MAX_THREADS, &number))
        return error("invalid value '%s' for --threads: expected an integer "
                     "in [1, %u]",
                     value, KILN_MAX_THREADS);
      options->threads = (uint32_t)number;
    } else if (strcmp(name, "--device") == 0) {
      if (strcmp(value, "cpu") == 0) {
        options->device = KILN_DEVICE_CPU;
      } else if (strcmp(value, "cuda") == 0) {
        options->device = KILN_DEVICE_CUDA;
      } else if (strncmp(value, "cuda:", 5) == 0 &&
                 parseInteger(value + 5, 0, 1023, &number)) {
        options->device = KILN_DEVICE_CUDA;
        options->deviceIndex = (uint32_t)number;
      } else {
        return error("invalid value '%s' for --device: expected cpu, cuda or "
                     "cuda:N",
                     value);
      }
    } else {
      if (!parseInteger(value, 0, UINT64_MAX, &number))
        return error("invalid value '%s' for --seed: expected a non-negative "
                     "integer",
                     value);
      options->seed = number;
    }
  }
  if (!options->model)
    return error("no model given (see --help)");
  return 0;
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static void printShape(FILE *stream, uint32_t rank, const int64_t *shape) {
  fputc('[', stream);
  for (uint32_t i = 0; i < rank; ++i)
    fprintf(stream, "%s%" PRId64, i ? ", " : "", shape[i]);
  fputc(']', stream);
}

static uint64_t elementCount(uint32_t rank, const int64_t *shape) {
  uint64_t count = 1;
  for (uint32_t i = 0; i < rank; ++i)
    count *= (uint64_t)shape[i];
  return count;
}

/// Creates `path` and its missing parents, like mkdir -p.
static int makeDirectories(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return error("out of memory");
  for (char *p = copy + 1;; ++p) {
    if (*p != '/' && *p != '\0')
      continue;
    char saved = *p;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      int savedErrno = errno;
      free(copy);
      return error("cannot create directory '%s': %s", path,
                   strerror(savedErrno));
    }
    *p = saved;
    if (saved == '\0')
      break;
  }
  free(copy);
  struct stat info;
  if (stat(path, &info) != 0 || !S_ISDIR(info.st_mode))
    return error("cannot create directory '%s': not a directory", path);
  return 0;
}

/// Turns tensor names into distinct file name stems: bytes outside
/// [A-Za-z0-9._-] and a leading '.' become '_', long names are cut, and a
/// name that collides with an earlier one gets "_2", "_3", ... appended.
static char **makeFileStems(const kiln_tensor_desc_t *const *descs,
                            uint32_t count) {
  char **stems = (char **)calloc(count ? count : 1, sizeof(char *));
  if (!stems)
    return NULL;
  for (uint32_t i = 0; i < count; ++i) {
    char base[STEM_LIMIT + 1];
    size_t length = 0;
    for (const char *c = descs[i]->name; *c && length < STEM_LIMIT; ++c) {
      bool safe = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' ||
                  *c == '-';
      if (length == 0 && *c == '.')
        safe = false;
      base[length++] = safe ? *c : '_';
    }
    base[length] = '\0';
    char candidate[STEM_LIMIT + 32];
    snprintf(candidate, sizeof(candidate), "%s", base);
    for (unsigned suffix = 2;; ++suffix) {
      bool taken = false;
      for (uint32_t j = 0; j < i && !taken; ++j)
        taken = strcmp(stems[j], candidate) == 0;
      if (!taken)
        break;
      snprintf(candidate, sizeof(candidate), "%s_%u", base, suffix);
    }
    stems[i] = strdup(candidate);
    if (!stems[i]) {
      for (uint32_t j = 0; j < i; ++j)
        free(stems[j]);
      free(stems);
      return NULL;
    }
  }
  return stems;
}

static void freeStems(char **stems, uint32_t count) {
  if (!stems)
    return;
  for (uint32_t i = 0; i < count; ++i)
    free(stems[i]);
  free(stems);
}

/// Writes tensors to DIR/<stem>.npy and reports each file on stdout.
static int writeTensors(const char *dir, const kiln_tensor_desc_t *const *descs,
                        const kiln_tensor_t *tensors, uint32_t count) {
  if (makeDirectories(dir) != 0)
    return 1;
  char **stems = makeFileStems(descs, count);
  if (!stems)
    return error("out of memory");
  int result = 0;
  for (uint32_t i = 0; i < count && result == 0; ++i) {
    size_t size = strlen(dir) + strlen(stems[i]) + 6;
    char *path = (char *)malloc(size);
    if (!path) {
      result = error("out of memory");
      break;
    }
    snprintf(path, size, "%s/%s.npy", dir, stems[i]);
    uint64_t bytes = elementCount(tensors[i].rank, tensors[i].shape) *
                     kiln_dtype_size(tensors[i].dtype);
    char message[1024];
    if (npy_write(path, tensors[i].dtype, tensors[i].rank, tensors[i].shape,
                  tensors[i].data, bytes, message, sizeof(message)) != 0)
      result = error("%s", message);
    else
      printf("wrote %s\n", path);
    free(path);
  }
  freeStems(stems, count);
  return result;
}

static double nowMs(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec * 1e3 + (double)now.tv_nsec * 1e-6;
}

static int compareDoubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void printSignature(const kiln_model_t *model) {
  const kiln_model_desc_t *desc = kiln_model_desc(model);
  printf("model: %s\n", desc->name);
  printf("target: %s\n", desc->target);
  printf("device: %s\n", kiln_model_device_description(model));
  printf("abi version: %u\n", desc->abi_version);
  printf("arena: %" PRIu64 " bytes, alignment %" PRIu64 "\n", desc->arena_size,
         desc->arena_alignment);
  if (strcmp(desc->target, "cuda") == 0 &&
      desc->struct_size >=
          offsetof(kiln_model_desc_t, gpu_weights) + sizeof(desc->gpu_weights)) {
    uint64_t bytes = 0;
    for (uint32_t i = 0; i < desc->num_gpu_weights; ++i)
      bytes += desc->gpu_weights[i].size;
    printf("weights: %u uploaded to the device at open, %" PRIu64 " bytes\n",
           desc->num_gpu_weights, bytes);
  }
  printf("threads: %u\n", kiln_get_threads(model));
  printf("inputs:%s\n", desc->num_inputs ? "" : " none");
  for (uint32_t i = 0; i < desc->num_inputs; ++i) {
    printf("  %s: %s ", desc->inputs[i].name,
           kiln_dtype_name(desc->inputs[i].dtype));
    printShape(stdout, desc->inputs[i].rank, desc->inputs[i].shape);
    fputc('\n', stdout);
  }
  printf("outputs:\n");
  for (uint32_t i = 0; i < desc->num_outputs; ++i) {
    printf("  %s: %s ", desc->outputs[i].name,
           kiln_dtype_name(desc->outputs[i].dtype));
    printShape(stdout, desc->outputs[i].rank, desc->outputs[i].shape);
    fputc('\n', stdout);
  }
}

//===----------------------------------------------------------------------===//
// Main
//===----------------------------------------------------------------------===//

/// Everything main allocates, released in one place.
typedef struct session {
  kiln_model_t *model;
  uint32_t numInputs, numOutputs;
  kiln_tensor_t *inputs, *outputs;
  const kiln_tensor_desc_t **inputDescs, **outputDescs;
  /// KILN_MAX_RANK dimensions per input, for shapes read from files.
  int64_t *shapeStorage;
  double *latencies;
  /// Device copies of the inputs then the outputs, for benchmarks of cuda
  /// models (NULL otherwise).
  kiln_device_tensor_t *deviceTensors;
} session_t;

static void freeSession(session_t *s) {
  for (uint32_t i = 0; s->inputs && i < s->numInputs; ++i)
    free(s->inputs[i].data);
  for (uint32_t i = 0; s->outputs && i < s->numOutputs; ++i)
    free(s->outputs[i].data);
  free(s->inputs);
  free(s->outputs);
  free(s->inputDescs);
  free(s->outputDescs);
  free(s->shapeStorage);
  free(s->latencies);
  for (uint32_t i = 0;
       s->deviceTensors && i < s->numInputs + s->numOutputs; ++i)
    kiln_device_free(s->model, s->deviceTensors[i].address);
  free(s->deviceTensors);
  kiln_close(s->model);
}

/// Lists the model's input names for "unknown input" messages.
static void inputNames(const session_t *s, char *buffer, size_t size) {
  size_t used = 0;
  buffer[0] = '\0';
  for (uint32_t i = 0; i < s->numInputs && used < size; ++i)
    used += (size_t)snprintf(buffer + used, size - used, "%s%s", i ? ", " : "",
                             s->inputDescs[i]->name);
}

/// Fills s->inputs from the --input files and random data.
static int prepareInputs(const options_t *options, session_t *s) {
  for (size_t a = 0; a < options->numInputs; ++a) {
    const input_arg_t *arg = &options->inputs[a];
    uint32_t index = 0;
    while (index < s->numInputs &&
           strcmp(s->inputDescs[index]->name, arg->name))
      ++index;
    if (index == s->numInputs) {
      char names[512];
      inputNames(s, names, sizeof(names));
      return error("unknown input '%s'; model '%s' has %s%s", arg->name,
                   kiln_model_name(s->model),
                   s->numInputs ? "inputs: " : "no inputs", names);
    }
    if (s->inputs[index].data || s->inputs[index].shape)
      return error("input '%s' is given twice", arg->name);
    npy_array_t array;
    char message[1024];
    if (npy_read(arg->file, &array, message, sizeof(message)) != 0)
      return error("input '%s': %s", arg->name, message);
    // Pass the file's own dtype and shape: the runtime reports any mismatch
    // with the model.
    int64_t *shape = s->shapeStorage + (size_t)index * KILN_MAX_RANK;
    memcpy(shape, array.shape, sizeof(array.shape));
    kiln_tensor_t *tensor = &s->inputs[index];
    tensor->dtype = array.dtype;
    tensor->rank = array.rank;
    tensor->shape = shape;
    tensor->data = array.data;
  }
  for (uint32_t i = 0; i < s->numInputs; ++i) {
    kiln_tensor_t *tensor = &s->inputs[i];
    if (tensor->shape)
      continue;
    const kiln_tensor_desc_t *desc = s->inputDescs[i];
    uint64_t count = elementCount(desc->rank, desc->shape);
    tensor->dtype = desc->dtype;
    tensor->rank = desc->rank;
    tensor->shape = desc->shape;
    uint64_t bytes = count * kiln_dtype_size(desc->dtype);
    tensor->data = npy_alloc(bytes);
    if (!tensor->data)
      return error("input '%s': cannot allocate %" PRIu64 " bytes", desc->name,
                   bytes);
    random_state_t random = {options->seed * 0x100000001b3ull + i};
    fill_random(&random, desc->dtype, tensor->data, count);
  }
  return 0;
}

/// Allocates one buffer per output, shaped as the descriptor says.
static int prepareOutputs(session_t *s) {
  for (uint32_t i = 0; i < s->numOutputs; ++i) {
    const kiln_tensor_desc_t *desc = s->outputDescs[i];
    uint64_t bytes =
        elementCount(desc->rank, desc->shape) * kiln_dtype_size(desc->dtype);
    kiln_tensor_t *tensor = &s->outputs[i];
    tensor->dtype = desc->dtype;
    tensor->rank = desc->rank;
    tensor->shape = desc->shape;
    tensor->data = npy_alloc(bytes);
    if (!tensor->data)
      return error("output '%s': cannot allocate %" PRIu64 " bytes", desc->name,
                   bytes);
  }
  return 0;
}

/// Runs the model `count` times, recording latencies when `latencies` is
/// set.
static int runModel(session_t *s, uint64_t count, double *latencies) {
  for (uint64_t i = 0; i < count; ++i) {
    double start = nowMs();
    kiln_status_t status =
        s->deviceTensors
            ? kiln_run_device(s->model, s->deviceTensors, s->numInputs,
                              s->deviceTensors + s->numInputs, s->numOutputs,
                              0)
            : kiln_run(s->model, s->inputs, s->numInputs, s->outputs,
                       s->numOutputs);
    double end = nowMs();
    if (status != KILN_STATUS_OK)
      return error("%s", kiln_last_error());
    if (latencies)
      latencies[i] = end - start;
  }
  return 0;
}

/// Copies the inputs to device buffers (and allocates the outputs there) so
/// that benchmark runs of a cuda model time the model, not the copies.
static int prepareDeviceBuffers(session_t *s) {
  uint32_t count = s->numInputs + s->numOutputs;
  s->deviceTensors =
      (kiln_device_tensor_t *)calloc(count, sizeof(kiln_device_tensor_t));
  if (!s->deviceTensors)
    return error("out of memory");
  for (uint32_t i = 0; i < count; ++i) {
    bool isInput = i < s->numInputs;
    const kiln_tensor_t *host =
        isInput ? &s->inputs[i] : &s->outputs[i - s->numInputs];
    uint64_t bytes =
        elementCount(host->rank, host->shape) * kiln_dtype_size(host->dtype);
    kiln_device_tensor_t *device = &s->deviceTensors[i];
    device->dtype = host->dtype;
    device->rank = host->rank;
    device->shape = host->shape;
    if (kiln_device_alloc(s->model, bytes, &device->address) !=
            KILN_STATUS_OK ||
        (isInput && kiln_device_upload(s->model, device->address, host->data,
                                       bytes) != KILN_STATUS_OK))
      return error("%s", kiln_last_error());
  }
  return 0;
}

/// Copies the outputs of device-resident runs back to the host buffers.
static int downloadOutputs(session_t *s) {
  for (uint32_t i = 0; i < s->numOutputs; ++i) {
    const kiln_tensor_t *host = &s->outputs[i];
    uint64_t bytes =
        elementCount(host->rank, host->shape) * kiln_dtype_size(host->dtype);
    if (kiln_device_download(s->model, host->data,
                             s->deviceTensors[s->numInputs + i].address,
                             bytes) != KILN_STATUS_OK)
      return error("%s", kiln_last_error());
  }
  return 0;
}

/// Prints the kernels' wall time per run (--profile).
static int printProfile(session_t *s) {
  const kiln_profile_entry_t *entries;
  size_t count;
  uint64_t runs;
  if (kiln_get_profile(s->model, &entries, &count, &runs) != KILN_STATUS_OK)
    return error("%s", kiln_last_error());
  double total = 0;
  for (size_t i = 0; i < count; ++i)
    total += entries[i].seconds;
  double perRun = runs ? 1e3 / (double)runs : 0;
  printf("profile: %" PRIu64 " runs, %u threads, %zu kernels; wall time per "
         "run, in the order the kernels run\n",
         runs, kiln_get_threads(s->model), count - 1);
  printf("%10s %7s %10s %9s %7s  %s\n", "ms/run", "share", "fastest ms",
         "calls/run", "tiles", "kernel");
  for (size_t i = 0; i < count; ++i) {
    const kiln_profile_entry_t *e = &entries[i];
    char tiles[24] = "-";
    if (e->tiles)
      snprintf(tiles, sizeof(tiles), "%" PRIu64, e->tiles);
    printf("%10.4f %6.2f%% %10.4f %9.2f %7s  %s\n", e->seconds * perRun,
           total > 0 ? 100.0 * e->seconds / total : 0.0, e->min_seconds * 1e3,
           runs ? (double)e->calls / (double)runs : 0.0, tiles, e->name);
  }
  printf("%10.4f %6.2f%% %10s %9s %7s  total\n", total * perRun, 100.0, "", "",
         "");
  return 0;
}

static int runSession(const options_t *options, session_t *s) {
  kiln_open_options_t openOptions = {sizeof(kiln_open_options_t),
                                     options->threads, options->device,
                                     options->deviceIndex};
  if (kiln_open(options->model, &openOptions, &s->model) != KILN_STATUS_OK)
    return error("%s", kiln_last_error());
  if (options->printSignature) {
    printSignature(s->model);
    return 0;
  }

  s->numInputs = kiln_model_num_inputs(s->model);
  s->numOutputs = kiln_model_num_outputs(s->model);
  s->inputs = (kiln_tensor_t *)calloc(s->numInputs + 1, sizeof(kiln_tensor_t));
  s->outputs =
      (kiln_tensor_t *)calloc(s->numOutputs + 1, sizeof(kiln_tensor_t));
  s->inputDescs = (const kiln_tensor_desc_t **)calloc(
      s->numInputs + 1, sizeof(kiln_tensor_desc_t *));
  s->outputDescs = (const kiln_tensor_desc_t **)calloc(
      s->numOutputs + 1, sizeof(kiln_tensor_desc_t *));
  s->shapeStorage = (int64_t *)calloc(
      (size_t)(s->numInputs + 1) * KILN_MAX_RANK, sizeof(int64_t));
  if (!s->inputs || !s->outputs || !s->inputDescs || !s->outputDescs ||
      !s->shapeStorage)
    return error("out of memory");
  for (uint32_t i = 0; i < s->numInputs; ++i)
    s->inputDescs[i] = kiln_model_input(s->model, i);
  for (uint32_t i = 0; i < s->numOutputs; ++i)
    s->outputDescs[i] = kiln_model_output(s->model, i);

  if (prepareInputs(options, s) != 0 || prepareOutputs(s) != 0)
    return 1;
  // Fail on an unusable output directory before spending time running.
  if (options->outputDir && makeDirectories(options->outputDir) != 0)
    return 1;
  if (options->saveInputsDir &&
      writeTensors(options->saveInputsDir, s->inputDescs, s->inputs,
                   s->numInputs) != 0)
    return 1;

  bool onDevice = strcmp(kiln_model_device(s->model), "cpu") != 0;
  if (onDevice && options->bench && prepareDeviceBuffers(s) != 0)
    return 1;
  uint64_t warmup = options->warmup >= 0 ? (uint64_t)options->warmup
                                         : (options->bench ? 1 : 0);
  if (runModel(s, warmup, NULL) != 0)
    return 1;
  if (options->profile && kiln_set_profiling(s->model, 1) != KILN_STATUS_OK)
    return error("--profile: %s", kiln_last_error());
  uint64_t timed = options->bench ? options->bench : 1;
  s->latencies = (double *)calloc((size_t)timed, sizeof(double));
  if (!s->latencies)
    return error("out of memory");
  if (runModel(s, timed, s->latencies) != 0)
    return 1;
  if (s->deviceTensors && downloadOutputs(s) != 0)
    return 1;

  for (uint32_t i = 0; i < s->numOutputs; ++i) {
    const kiln_tensor_t *tensor = &s->outputs[i];
    printf("%s: %s ", s->outputDescs[i]->name, kiln_dtype_name(tensor->dtype));
    printShape(stdout, tensor->rank, tensor->shape);
    fputs(" = ", stdout);
    print_values(stdout, tensor->dtype, tensor->data,
                 elementCount(tensor->rank, tensor->shape), PREVIEW_LIMIT);
    fputc('\n', stdout);
  }
  if (options->outputDir && writeTensors(options->outputDir, s->outputDescs,
                                         s->outputs, s->numOutputs) != 0)
    return 1;

  if (options->bench) {
    qsort(s->latencies, (size_t)timed, sizeof(double), compareDoubles);
    double sum = 0;
    for (uint64_t i = 0; i < timed; ++i)
      sum += s->latencies[i];
    double median =
        timed % 2 ? s->latencies[timed / 2]
                  : (s->latencies[timed / 2 - 1] + s->latencies[timed / 2]) / 2;
    if (onDevice)
      printf("bench: %" PRIu64 " runs after %" PRIu64
             " warmup, on %s, inputs and outputs resident on the device\n",
             timed, warmup, kiln_model_device_description(s->model));
    else
      printf("bench: %" PRIu64 " runs after %" PRIu64 " warmup, %u threads\n",
             timed, warmup, kiln_get_threads(s->model));
    printf("latency ms: min %.4f median %.4f mean %.4f max %.4f\n",
           s->latencies[0], median, sum / (double)timed,
           s->latencies[timed - 1]);
  }
  return options->profile ? printProfile(s) : 0;
}

int main(int argc, char **argv) {
  options_t options;
  int result = parseOptions(argc, argv, &options);
  if (result == 0 && options.help) {
    printHelp();
  } else if (result == 0) {
    session_t session;
    memset(&session, 0, sizeof(session));
    result = runSession(&options, &session);
    freeSession(&session);
  }
  freeOptions(&options);
  return result;
}
