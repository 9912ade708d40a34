/*===- kiln_runtime.h - Kiln ahead-of-time runtime C API -----------*- C -*-===*
 *
 * Loads a model shared object produced by kiln-compile, describes its inputs
 * and outputs, and runs it on caller-owned buffers.
 *
 * Error model: every function that can fail returns a kiln_status_t; on
 * failure kiln_last_error() gives a message (lowercase, no trailing period)
 * naming what was wrong. Nothing aborts, exits or throws.
 *
 * Thread safety: kiln_run may be called on one model from any number of
 * threads at once (each call gets its own arena). kiln_set_threads may be
 * called at any time; it waits for running calls to finish. kiln_close must
 * not race with any other use of the same model. Different models are fully
 * independent.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_KILN_RUNTIME_H
#define KILN_RUNTIME_KILN_RUNTIME_H

#include "kiln/runtime/kiln_abi.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define KILN_RUNTIME_API __attribute__((visibility("default")))
#else
#define KILN_RUNTIME_API
#endif

/*===----------------------------------------------------------------------===*
 * Status codes and errors
 *===----------------------------------------------------------------------===*/

/** Result of a runtime call. Values are stable. */
typedef enum kiln_status {
  KILN_STATUS_OK = 0,               /**< Success. */
  KILN_STATUS_INVALID_ARGUMENT = 1, /**< NULL pointer, bad option value. */
  KILN_STATUS_LOAD_FAILED = 2,      /**< File missing or not a shared object. */
  KILN_STATUS_SYMBOL_NOT_FOUND = 3, /**< No KILN_QUERY_SYMBOL exported. */
  KILN_STATUS_VERSION_MISMATCH = 4, /**< Model built for another ABI. */
  KILN_STATUS_INVALID_MODEL = 5,    /**< Descriptor fails sanity checks. */
  KILN_STATUS_UNSUPPORTED = 6,      /**< E.g. a target this build lacks. */
  KILN_STATUS_COUNT_MISMATCH = 7,   /**< Wrong number of inputs/outputs. */
  KILN_STATUS_DTYPE_MISMATCH = 8,   /**< A buffer has the wrong dtype. */
  KILN_STATUS_SHAPE_MISMATCH = 9,   /**< A buffer has the wrong shape. */
  KILN_STATUS_OUT_OF_MEMORY = 10,   /**< Allocation failed. */
  KILN_STATUS_RESOURCE_EXHAUSTED = 11, /**< E.g. a thread could not start. */
  KILN_STATUS_MODEL_FAILED = 12, /**< The entry function returned non-zero. */
  KILN_STATUS_DEVICE_UNAVAILABLE = 13, /**< No CUDA driver, no such device. */
  KILN_STATUS_DEVICE_ERROR = 14 /**< A CUDA driver call failed. */
} kiln_status_t;

/** Short constant name of `status` ("ok", "invalid argument", ...). */
KILN_RUNTIME_API const char *kiln_status_string(kiln_status_t status);

/** Message of the last failed runtime call on the calling thread, or "" if
 *  the last call succeeded. Every status-returning call resets it. The
 *  pointer is thread-local and valid until the next runtime call on this
 *  thread. */
KILN_RUNTIME_API const char *kiln_last_error(void);

/** KILN_ABI_VERSION this runtime was built with. */
KILN_RUNTIME_API uint32_t kiln_runtime_abi_version(void);

/** Short name of `dtype` ("f32", "bf16", "bool", ...), or "invalid". */
KILN_RUNTIME_API const char *kiln_dtype_name(kiln_dtype_t dtype);

/** Parses a name returned by kiln_dtype_name; KILN_DTYPE_INVALID if
 *  unknown. */
KILN_RUNTIME_API kiln_dtype_t kiln_dtype_from_name(const char *name);

/** Number of online CPUs (>= 1): the default thread count. */
KILN_RUNTIME_API uint32_t kiln_default_threads(void);

/*===----------------------------------------------------------------------===*
 * Models
 *===----------------------------------------------------------------------===*/

/** A loaded model: the shared object, its validated descriptor, a thread
 *  pool and a cache of arenas. */
typedef struct kiln_model kiln_model_t;

/** Largest accepted thread count. */
#define KILN_MAX_THREADS 1024u

/** Where a model runs (kiln_open_options_t::device). */
enum kiln_device_kind {
  KILN_DEVICE_DEFAULT = 0, /**< The model's target: "cpu" or "cuda". */
  KILN_DEVICE_CPU = 1,     /**< Only a "cpu" model can run here. */
  KILN_DEVICE_CUDA = 2     /**< Only a "cuda" model can run here. */
};

/** Options of kiln_open. Zero-initialize, then set what you need. */
typedef struct kiln_open_options {
  /** sizeof(kiln_open_options_t) as the caller compiled it; 0 is taken to
   *  mean the current size. Lets later runtimes append fields: a caller
   *  compiled against an older header (struct_size 8) gets the defaults of
   *  the fields it lacks. */
  uint32_t struct_size;
  /** Thread pool size, 1 to KILN_MAX_THREADS; 0 = kiln_default_threads()
   *  for a "cpu" model and 1 for a "cuda" model (whose host side is one
   *  thread enqueuing kernels). */
  uint32_t num_threads;
  /* Appended for CUDA. */
  /** A kiln_device_kind. Code compiled for one target runs only there, so
   *  this asks kiln_open to check that the model's target is the one the
   *  caller expects (KILN_STATUS_UNSUPPORTED otherwise). */
  uint32_t device;
  /** CUDA device ordinal (as the driver numbers the visible devices) for a
   *  "cuda" model; ignored for a "cpu" model. */
  uint32_t device_index;
} kiln_open_options_t;

/** Loads the model shared object at `path` (dlopen with RTLD_NOW |
 *  RTLD_LOCAL), queries its descriptor with this runtime's ABI version,
 *  checks it and starts its thread pool. For a "cuda" model it also loads
 *  the CUDA driver (libcuda.so.1, or the file named by the environment
 *  variable KILN_CUDA_DRIVER, read once per process), retains the primary
 *  context of the chosen device, loads the device code image that fits the
 *  device (see kiln_gpu_image_t) and looks up every kernel; a missing
 *  driver or device fails with KILN_STATUS_DEVICE_UNAVAILABLE, a device of
 *  an architecture the model has no code for with KILN_STATUS_UNSUPPORTED,
 *  and each message names the model's and the device's architectures. `options` may be NULL (defaults).
 *  On success stores a new model in `*model`; on failure stores NULL.
 *
 *  Opening the same file twice shares the loaded code (models are stateless,
 *  so the two handles do not interfere) but gives independent pools and
 *  arenas. Because the dynamic loader reuses an object that is still loaded
 *  under the same path, a file rewritten in place (recompiled) while a handle
 *  to it is open is not reloaded: close every handle first, or write the new
 *  model to a new path. */
KILN_RUNTIME_API kiln_status_t kiln_open(const char *path,
                                         const kiln_open_options_t *options,
                                         kiln_model_t **model);

/** Stops the thread pool, frees the arenas and unloads the shared object.
 *  No call on `model` may be running or start afterwards. NULL is a no-op. */
KILN_RUNTIME_API void kiln_close(kiln_model_t *model);

/** The validated descriptor; valid until kiln_close. */
KILN_RUNTIME_API const kiln_model_desc_t *
kiln_model_desc(const kiln_model_t *model);

/** The model's name and target ("cpu" or "cuda"); valid until
 *  kiln_close. */
KILN_RUNTIME_API const char *kiln_model_name(const kiln_model_t *model);
KILN_RUNTIME_API const char *kiln_model_target(const kiln_model_t *model);

/** Where the model runs: "cpu" or "cuda:N". Valid until kiln_close. */
KILN_RUNTIME_API const char *kiln_model_device(const kiln_model_t *model);

/** A longer description of the device, for tools and logs: "cpu", or e.g.
 *  "cuda:0 (NVIDIA H100 80GB HBM3, sm_90), cubin image for sm_90". Valid
 *  until kiln_close. */
KILN_RUNTIME_API const char *
kiln_model_device_description(const kiln_model_t *model);

/** Number of inputs / outputs. */
KILN_RUNTIME_API uint32_t kiln_model_num_inputs(const kiln_model_t *model);
KILN_RUNTIME_API uint32_t kiln_model_num_outputs(const kiln_model_t *model);

/** Descriptor of input / output `index`, or NULL when out of range. */
KILN_RUNTIME_API const kiln_tensor_desc_t *
kiln_model_input(const kiln_model_t *model, uint32_t index);
KILN_RUNTIME_API const kiln_tensor_desc_t *
kiln_model_output(const kiln_model_t *model, uint32_t index);

/** Resizes the model's thread pool: `num_threads` 1 to KILN_MAX_THREADS, or
 *  0 for kiln_default_threads(). Waits for running calls to finish. On
 *  failure the previous pool stays in place. */
KILN_RUNTIME_API kiln_status_t kiln_set_threads(kiln_model_t *model,
                                                uint32_t num_threads);

/** Current thread pool size (>= 1). */
KILN_RUNTIME_API uint32_t kiln_get_threads(const kiln_model_t *model);

/*===----------------------------------------------------------------------===*
 * Running
 *===----------------------------------------------------------------------===*/

/** A caller-owned dense row-major buffer (see kiln_tensor_desc_t for the
 *  layout). */
typedef struct kiln_tensor {
  /** First element; may be NULL only when the tensor has zero elements. */
  void *data;
  /** Element type, a kiln_dtype_code. */
  kiln_dtype_t dtype;
  /** Number of dimensions. */
  uint32_t rank;
  /** `rank` dimension sizes; may be NULL when rank is 0. */
  const int64_t *shape;
} kiln_tensor_t;

/** Runs `model` once. `inputs` and `outputs` list one tensor per model input
 *  and output, in descriptor order. Before calling the model it checks the
 *  counts, every dtype and shape against the descriptor, that data pointers
 *  are present, and that no output overlaps another buffer; the first
 *  mismatch fails the call with a message such as
 *  "input 'x': expected shape [1, 3, 224, 224], got [1, 3, 224, 225]".
 *  Input buffers are only read. Safe to call from several threads at once. */
KILN_RUNTIME_API kiln_status_t kiln_run(kiln_model_t *model,
                                        const kiln_tensor_t *inputs,
                                        size_t num_inputs,
                                        const kiln_tensor_t *outputs,
                                        size_t num_outputs);

/*===----------------------------------------------------------------------===*
 * Profiling ("cpu" models)
 *===----------------------------------------------------------------------===*/

/** One kernel of a profiled model, summed over the profiled runs. */
typedef struct kiln_profile_entry {
  /** The symbol of the kernel's thread task: kiln-compile names them
   *  main_tiles_<op>_<shape of what the kernel writes>[_N], e.g.
   *  "main_tiles_generic_1x16x16x14x14" (see docs/Runtime.md). The last
   *  entry is "(serial)": the rest of each run's wall time, i.e. the ops too
   *  small to split into thread tiles, which run on the calling thread
   *  between kernels. */
  const char *name;
  /** Calls over the profiled runs (runs for "(serial)"). */
  uint64_t calls;
  /** Thread tiles per call (the kernel's parallel range); 0 for
   *  "(serial)". */
  uint64_t tiles;
  /** Wall time summed over the calls, in seconds. */
  double seconds;
  /** The fastest call (for "(serial)": the least serial time of a run), in
   *  seconds: on a machine whose speed varies, less noisy than the mean. */
  double min_seconds;
} kiln_profile_entry_t;

/** Turns per-kernel timing of a "cpu" model's runs on (`enabled` != 0,
 *  which also clears what was recorded) or off. While it is on, each kernel
 *  of each run is timed (two clock reads and a short lock per kernel). Waits
 *  for running calls to finish. A "cuda" model fails with
 *  KILN_STATUS_UNSUPPORTED. */
KILN_RUNTIME_API kiln_status_t kiln_set_profiling(kiln_model_t *model,
                                                  int enabled);

/** What was recorded since profiling was turned on: *entries points to
 *  *count entries in the order the kernels first ran, the "(serial)" entry
 *  last, valid until the next kiln_get_profile, kiln_set_profiling or
 *  kiln_close on the model; *runs (may be NULL) is the number of runs. Fails
 *  with KILN_STATUS_INVALID_ARGUMENT when profiling is off. */
KILN_RUNTIME_API kiln_status_t
kiln_get_profile(kiln_model_t *model, const kiln_profile_entry_t **entries,
                 size_t *count, uint64_t *runs);

/*===----------------------------------------------------------------------===*
 * CUDA models: device-pointer runs and device memory
 *===----------------------------------------------------------------------===*/

/* kiln_run works for "cuda" models too: it copies the host inputs to
 * device buffers it keeps per concurrent call, runs the model on a stream of
 * its own, copies the outputs back and returns when they are in the caller's
 * buffers. The functions below let callers keep data on the device. Each
 * fails with KILN_STATUS_UNSUPPORTED on a "cpu" model. */

/** A caller-owned dense row-major buffer in device memory of the model's
 *  device (a CUdeviceptr, e.g. from kiln_device_alloc, cuMemAlloc or a
 *  framework's tensor). */
typedef struct kiln_device_tensor {
  /** Device address of the first element; 0 only when the tensor has zero
   *  elements. */
  uint64_t address;
  /** Element type, a kiln_dtype_code. */
  kiln_dtype_t dtype;
  /** Number of dimensions. */
  uint32_t rank;
  /** `rank` dimension sizes; may be NULL when rank is 0. */
  const int64_t *shape;
} kiln_device_tensor_t;

/** Runs a "cuda" model on device buffers, with the checks of kiln_run
 *  (counts, dtypes, shapes, null addresses, overlapping outputs). `stream`
 *  is a CUstream of the model's device in its primary context (the context
 *  CUDA frameworks use), or 0 for a stream of the runtime's own; the work is
 *  queued on it after whatever the caller queued there before, and the call
 *  returns once that stream has finished the model's work. Safe to call from
 *  several threads at once. */
KILN_RUNTIME_API kiln_status_t
kiln_run_device(kiln_model_t *model, const kiln_device_tensor_t *inputs,
                size_t num_inputs, const kiln_device_tensor_t *outputs,
                size_t num_outputs, uint64_t stream);

/** Allocates `bytes` of device memory on the model's device (in its primary
 *  context) and stores the address in *address (0 for 0 bytes). */
KILN_RUNTIME_API kiln_status_t kiln_device_alloc(kiln_model_t *model,
                                                 uint64_t bytes,
                                                 uint64_t *address);

/** Frees memory from kiln_device_alloc; 0 is a no-op. */
KILN_RUNTIME_API kiln_status_t kiln_device_free(kiln_model_t *model,
                                                uint64_t address);

/** Copies `bytes` from host memory to device memory, and back. Both return
 *  once the copy is complete. */
KILN_RUNTIME_API kiln_status_t kiln_device_upload(kiln_model_t *model,
                                                  uint64_t device_dst,
                                                  const void *host_src,
                                                  uint64_t bytes);
KILN_RUNTIME_API kiln_status_t kiln_device_download(kiln_model_t *model,
                                                    void *host_dst,
                                                    uint64_t device_src,
                                                    uint64_t bytes);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RUNTIME_KILN_RUNTIME_H */
