/*===- kiln_abi.h - Kiln compiler <-> runtime contract -------------*- C -*-===*
 *
 * The one header shared by the Kiln code generator and the Kiln runtime. A
 * compiled model is a native shared object that exports a single symbol,
 * KILN_QUERY_SYMBOL; the runtime calls it with its own ABI version and gets
 * back a read-only descriptor of the model: names, dtypes and static shapes of
 * its inputs and outputs, the size and alignment of the scratch arena it
 * needs, and the entry function that runs it.
 *
 * This header is dependency-free C99 (only <stddef.h> and <stdint.h>), usable
 * from C++. Every struct here is part of a binary interface: fields are only
 * ever appended, never reordered or removed, and any incompatible change bumps
 * KILN_ABI_VERSION.
 *
 * Rules a model must follow (the runtime relies on them):
 *  - The descriptor and everything it points to are immutable and live as
 *    long as the shared object is loaded.
 *  - The model has no mutable global state. The arena and the output buffers
 *    are the only memory an entry call writes, so that one model can run on
 *    several threads at once and the same file can be loaded twice.
 *  - Entry functions never abort, exit or throw; they report failure by
 *    returning a non-zero code.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_KILN_ABI_H
#define KILN_RUNTIME_KILN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*===----------------------------------------------------------------------===*
 * Versioning and limits
 *===----------------------------------------------------------------------===*/

/** Version of this contract. A runtime only runs models built for the same
 *  version; bumped on every incompatible change. */
#define KILN_ABI_VERSION 1u

/** Name of the one symbol a model shared object exports (see
 *  kiln_query_model_fn_t). */
#define KILN_QUERY_SYMBOL "kiln_query_model"

/** Largest tensor rank a descriptor may declare. */
#define KILN_MAX_RANK 16u

/** Largest number of inputs, and separately of outputs, of one model. */
#define KILN_MAX_TENSORS 4096u

/** Largest arena alignment in bytes (2 MiB, a huge page). */
#define KILN_MAX_ARENA_ALIGNMENT ((uint64_t)1 << 21)

/** Marks the query function as exported from a model built with
 *  -fvisibility=hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define KILN_EXPORT __attribute__((visibility("default")))
#else
#define KILN_EXPORT
#endif

/*===----------------------------------------------------------------------===*
 * Element types
 *===----------------------------------------------------------------------===*/

/** Element type of a tensor; one of the kiln_dtype_code values. Stored as a
 *  fixed-width integer so that the struct layout never depends on the size
 *  the compiler picks for an enum. */
typedef uint32_t kiln_dtype_t;

/** The element types. Values are stable across ABI versions; 0 is never a
 *  valid dtype. Data is little-endian, the host byte order of every
 *  supported target. */
enum kiln_dtype_code {
  KILN_DTYPE_INVALID = 0, /**< Not a dtype; rejected everywhere. */
  KILN_DTYPE_F32 = 1,     /**< IEEE-754 binary32. */
  KILN_DTYPE_F16 = 2,     /**< IEEE-754 binary16. */
  KILN_DTYPE_BF16 = 3,    /**< bfloat16: the upper 16 bits of a binary32. */
  KILN_DTYPE_F64 = 4,     /**< IEEE-754 binary64. */
  KILN_DTYPE_I8 = 5,      /**< Two's complement 8-bit integer. */
  KILN_DTYPE_I16 = 6,     /**< Two's complement 16-bit integer. */
  KILN_DTYPE_I32 = 7,     /**< Two's complement 32-bit integer. */
  KILN_DTYPE_I64 = 8,     /**< Two's complement 64-bit integer. */
  KILN_DTYPE_U8 = 9,      /**< Unsigned 8-bit integer. */
  KILN_DTYPE_BOOL = 10,   /**< One byte per element, 0 or 1. */
  KILN_DTYPE_COUNT_ = 11  /**< One past the last valid dtype. */
};

/** Size in bytes of one element of `dtype`, or 0 if `dtype` is not a valid
 *  kiln_dtype_code. */
static inline size_t kiln_dtype_size(kiln_dtype_t dtype) {
  switch (dtype) {
  case KILN_DTYPE_F64:
  case KILN_DTYPE_I64:
    return 8;
  case KILN_DTYPE_F32:
  case KILN_DTYPE_I32:
    return 4;
  case KILN_DTYPE_F16:
  case KILN_DTYPE_BF16:
  case KILN_DTYPE_I16:
    return 2;
  case KILN_DTYPE_I8:
  case KILN_DTYPE_U8:
  case KILN_DTYPE_BOOL:
    return 1;
  default:
    return 0;
  }
}

/*===----------------------------------------------------------------------===*
 * Tensor descriptors
 *===----------------------------------------------------------------------===*/

/** Static description of one model input or output. Tensors are dense,
 *  row-major (C order) and unpadded: element (i0, ..., iN-1) lives at byte
 *  offset ((i0 * d1 + i1) * d2 + ...) * kiln_dtype_size(dtype). */
typedef struct kiln_tensor_desc {
  /** NUL-terminated, non-empty name, unique among the model's inputs (or
   *  among its outputs). Typically the ONNX value name; may contain any
   *  character, so tools sanitize it before using it as a file name. */
  const char *name;
  /** Element type, a kiln_dtype_code. */
  kiln_dtype_t dtype;
  /** Number of dimensions, 0 (a scalar) to KILN_MAX_RANK. */
  uint32_t rank;
  /** `rank` dimension sizes, each >= 0, outermost first; may be NULL when
   *  rank is 0. */
  const int64_t *shape;
} kiln_tensor_desc_t;

/*===----------------------------------------------------------------------===*
 * Execution context (runtime -> model)
 *===----------------------------------------------------------------------===*/

struct kiln_exec_ctx;

/** A unit of parallel work: processes indices [begin, end) of a range.
 *  `worker` is in [0, ctx->num_threads) and no two calls that run at the same
 *  time within one entry call get the same `worker`, so generated code may
 *  use it to pick a per-worker slice of the arena. `data` is the pointer
 *  given to parallel_for. */
typedef void (*kiln_task_fn_t)(void *data, int64_t begin, int64_t end,
                               uint32_t worker);

/** Runs `task` over [0, n) on the runtime's thread pool and returns when every
 *  index has been processed exactly once. The calling thread and the pool's
 *  threads claim contiguous chunks of the range until none is left, so one
 *  worker may run several calls of `task` and which worker runs which index
 *  varies from call to call; the workers are in [0, min(n, num_threads)).
 *  Never fails: when the pool is busy (another thread runs the same model, or
 *  the call is nested inside a task) the whole range runs on the calling
 *  thread as one chunk. Does nothing when n <= 0. */
typedef void (*kiln_parallel_for_fn_t)(const struct kiln_exec_ctx *ctx,
                                       int64_t n, kiln_task_fn_t task,
                                       void *data);

/*===----------------------------------------------------------------------===*
 * GPU execution (target "cuda")
 *===----------------------------------------------------------------------===*/

struct kiln_gpu_api;

/** Launches kernel number `kernel` (an index into desc->gpu_kernel_names) on
 *  the stream of the current entry call with grid (gx, gy, gz), block
 *  (bx, by, bz) and `shared_bytes` of dynamic shared memory. `args` points to
 *  an array with one pointer per kernel parameter, each to that parameter's
 *  value (the cuLaunchKernel kernelParams convention). Asynchronous: returns
 *  once the launch is queued. Returns 0 on success, non-zero on failure (the
 *  runtime records the message; the entry returns the code unchanged). */
typedef int32_t (*kiln_gpu_launch_fn_t)(const struct kiln_exec_ctx *ctx,
                                        uint32_t kernel, uint32_t gx,
                                        uint32_t gy, uint32_t gz, uint32_t bx,
                                        uint32_t by, uint32_t bz,
                                        uint32_t shared_bytes, void **args);

/** Allocates `bytes` of device memory, ordered on the entry call's stream, and
 *  stores its address in *ptr (NULL for 0 bytes). Returns 0 or non-zero. */
typedef int32_t (*kiln_gpu_alloc_fn_t)(const struct kiln_exec_ctx *ctx,
                                       uint64_t bytes, void **ptr);

/** Frees memory from kiln_gpu_alloc_fn_t, ordered on the stream (the memory
 *  may be reused by later work on the same stream only). NULL is a no-op. */
typedef int32_t (*kiln_gpu_free_fn_t)(const struct kiln_exec_ctx *ctx,
                                      void *ptr);

/** What a GPU model may ask of the runtime during an entry call. */
typedef struct kiln_gpu_api {
  /** sizeof(kiln_gpu_api_t) as compiled into the runtime (see
   *  kiln_exec_ctx_t::struct_size for the rule on appended fields). */
  uint32_t struct_size;
  /** Compute capability of the device the call runs on, major * 10 + minor
   *  (90 for sm_90). */
  uint32_t sm;
  kiln_gpu_launch_fn_t launch;
  kiln_gpu_alloc_fn_t alloc;
  kiln_gpu_free_fn_t free;
} kiln_gpu_api_t;

/** Kinds of kiln_gpu_image_t. */
enum kiln_gpu_image_format {
  KILN_GPU_IMAGE_CUBIN = 1, /**< ELF cubin for exactly one architecture. */
  KILN_GPU_IMAGE_PTX = 2    /**< NUL-terminated PTX text; the driver JITs it
                                 for any device of at least `sm`. */
};

/** One device code image of a "cuda" model. The runtime picks, for the device
 *  it runs on, a cubin whose `sm` equals the device's, else a PTX image whose
 *  `sm` is at most the device's, else fails to open the model with a message
 *  naming both architectures. Every image defines all the model's kernels. */
typedef struct kiln_gpu_image {
  /** A kiln_gpu_image_format. */
  uint32_t format;
  /** Target architecture, major * 10 + minor (90 for sm_90 and sm_90a). */
  uint32_t sm;
  /** The bytes of the image. */
  const void *data;
  /** Size of `data` in bytes (for PTX including the terminating NUL). */
  uint64_t size;
} kiln_gpu_image_t;

/** One weight of a "cuda" model: data stored once in the shared object that
 *  the runtime copies into a device global of the loaded image when it opens
 *  the model, before any entry call (so the images carry no copy of it).
 *  Every image defines the global, `size` bytes, in global memory. Kernels
 *  only read it. */
typedef struct kiln_gpu_weight {
  /** NUL-terminated, non-empty symbol name of the device global (what
   *  cuModuleGetGlobal looks up). */
  const char *name;
  /** The bytes to copy, `size` of them; never NULL. */
  const void *data;
  /** Size of the device global and of `data` in bytes, > 0. */
  uint64_t size;
} kiln_gpu_weight_t;

/** What the runtime hands to every entry call. Valid only for the duration of
 *  that call. */
typedef struct kiln_exec_ctx {
  /** sizeof(kiln_exec_ctx_t) as compiled into the runtime. Fields appended
   *  in later versions of this header are present only when
   *  struct_size >= offsetof(field) + sizeof(field); models must check before
   *  reading them. */
  uint32_t struct_size;
  /** Number of workers parallel_for may use, >= 1. */
  uint32_t num_threads;
  /** Parallel loop over the runtime's thread pool; never NULL. */
  kiln_parallel_for_fn_t parallel_for;
  /** Opaque to the model; owned by the runtime (its thread pool). */
  void *runtime_data;
  /** GPU services for a "cuda" model; NULL when the model runs on the CPU.
   *  For a "cuda" model, the entry's inputs, outputs and arena are device
   *  pointers; the runtime synchronizes the stream after the entry returns
   *  and copies host buffers in and out for host-pointer runs. */
  const kiln_gpu_api_t *gpu;
} kiln_exec_ctx_t;

/*===----------------------------------------------------------------------===*
 * Model descriptor (model -> runtime)
 *===----------------------------------------------------------------------===*/

/** Runs the model once. `inputs[i]` points to a buffer laid out as
 *  desc->inputs[i] describes (read only); `outputs[i]` to a caller buffer for
 *  desc->outputs[i] (written); buffers never overlap, and a pointer may be
 *  NULL only when its tensor has zero elements. `arena` is
 *  desc->arena_size bytes of uninitialized scratch memory aligned to
 *  desc->arena_alignment, exclusive to this call (NULL when arena_size is 0).
 *  Returns 0 on success and a model-defined non-zero code on failure. */
typedef int32_t (*kiln_entry_fn_t)(const kiln_exec_ctx_t *ctx,
                                   void *const *inputs, void *const *outputs,
                                   void *arena);

/** Everything the runtime needs to know about a compiled model. Immutable;
 *  lives in the model's read-only data. */
typedef struct kiln_model_desc {
  /** KILN_ABI_VERSION the model was built for. Always the first field, in
   *  every version, so that any runtime can read it; nothing else is read
   *  when it does not match the runtime's version. */
  uint32_t abi_version;
  /** sizeof(kiln_model_desc_t) as compiled into the model; fields appended
   *  later are read only when struct_size covers them. */
  uint32_t struct_size;
  /** NUL-terminated, non-empty model name (for messages and tools). */
  const char *name;
  /** NUL-terminated target the code was generated for: "cpu" or "cuda". */
  const char *target;
  /** Number of inputs, 0 to KILN_MAX_TENSORS. */
  uint32_t num_inputs;
  /** Number of outputs, 1 to KILN_MAX_TENSORS. */
  uint32_t num_outputs;
  /** num_inputs descriptors in entry argument order; may be NULL when
   *  num_inputs is 0. */
  const kiln_tensor_desc_t *inputs;
  /** num_outputs descriptors in entry argument order. */
  const kiln_tensor_desc_t *outputs;
  /** Bytes of scratch memory (weights excluded: they are constant data in
   *  the shared object) one entry call needs; 0 for none. */
  uint64_t arena_size;
  /** Required alignment of the arena in bytes: a power of two, 1 to
   *  KILN_MAX_ARENA_ALIGNMENT. */
  uint64_t arena_alignment;
  /** Runs the model; never NULL. */
  kiln_entry_fn_t entry;
  /* The fields below were appended for target "cuda"; a "cpu" model sets them
   * to 0 / NULL. A runtime reads them only when struct_size covers them. */
  /** Number of device code images, >= 1 for a "cuda" model. */
  uint32_t num_gpu_images;
  /** Number of kernels, the valid `kernel` indices of kiln_gpu_launch_fn_t. */
  uint32_t num_gpu_kernels;
  /** num_gpu_images images, best first. */
  const kiln_gpu_image_t *gpu_images;
  /** num_gpu_kernels NUL-terminated kernel symbol names. */
  const char *const *gpu_kernel_names;
  /* Appended for weights uploaded at load time (same ABI version): a "cuda"
   * descriptor that ends before these fields has no such weights, and a
   * runtime reads them only when struct_size covers them. 0 / NULL for a
   * "cpu" model. */
  /** Number of weights in gpu_weights. */
  uint32_t num_gpu_weights;
  /** num_gpu_weights weights the runtime copies into device globals of the
   *  image it loads, once per opened model; may be NULL when
   *  num_gpu_weights is 0. */
  const kiln_gpu_weight_t *gpu_weights;
} kiln_model_desc_t;

/** Signature of the exported KILN_QUERY_SYMBOL. `runtime_abi_version` is the
 *  KILN_ABI_VERSION of the calling runtime. Returns the model's descriptor
 *  (whose abi_version the runtime checks), or NULL if the model cannot serve a
 *  runtime of that version. Must be cheap, thread-safe and side-effect
 *  free. */
typedef const kiln_model_desc_t *(*kiln_query_model_fn_t)(
    uint32_t runtime_abi_version);

/** The query function every model defines and exports (its name is
 *  KILN_QUERY_SYMBOL). Declared here for model sources; the runtime never
 *  links against it, it looks it up with dlsym. */
KILN_EXPORT const kiln_model_desc_t *
kiln_query_model(uint32_t runtime_abi_version);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RUNTIME_KILN_ABI_H */
