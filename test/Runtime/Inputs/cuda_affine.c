/*===- cuda_affine.c - Test "cuda" model: y = 2 * x + 1 -------------------===*
 *
 * A hand-written model for target "cuda" following kiln_abi.h, standing in
 * for generated code: one f32 [16, 128] input, one output of the same shape.
 * Its device code is real PTX (two 1-D kernels, y = x * s and y = x + s),
 * so the model runs on any GPU of sm_75 or newer, and on the fake driver
 * of fake_cuda.c, which implements the same kernels in C. The entry
 * exercises every GPU service: a = 2 * x into the arena (with 64 KiB of
 * dynamic shared memory, which needs the runtime to raise the kernel's
 * limit), t = a + 0.5 into memory from ctx->gpu->alloc, y = t + 0.5, then
 * frees t. Returns 2 when the context lacks the GPU services and 3 when the
 * arena is misaligned; a launch failure is returned unchanged.
 *
 * Variants (-D): CUDA_MULTI adds fake cubins for sm_80 and sm_90 in front
 * of the PTX (image choice), CUDA_BAD_LAUNCH launches a kernel index out of
 * range, CUDA_MISSING_KERNEL names a kernel the image lacks, CUDA_SHORT_DESC
 * declares a descriptor that ends before the device code fields,
 * CUDA_FALLBACK puts a cubin the driver refuses before the PTX, CUDA_BAD_PTX
 * has PTX the JIT rejects, and CUDA_PTX_NO_NUL, CUDA_BAD_FORMAT and
 * CUDA_EMPTY_KERNEL_NAME break the descriptor's device code fields.
 * CUDA_V1_DESC ends the descriptor before the weight fields (a model built
 * before they were appended).
 *
 * Weights: CUDA_WEIGHTS computes a = x * w[i % 64] instead of a = 2 * x,
 * where w is a device global of 64 floats (kiln_w, uninitialized in the
 * PTX) that the runtime fills from the descriptor's weight table, all 2.0:
 * the result is the same only when the upload happened with the right
 * bytes. CUDA_WEIGHT_MISSING names a global the image lacks,
 * CUDA_WEIGHT_SIZE declares the wrong size, CUDA_WEIGHT_NO_DATA has no
 * data pointer.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

#include <stddef.h>
#include <stdint.h>

#define ROWS 16
#define COLS 128
#define N (ROWS * COLS)
#define ARENA_ALIGNMENT 4096

static const int64_t shape[2] = {ROWS, COLS};
static const kiln_tensor_desc_t inputs[1] = {{"x", KILN_DTYPE_F32, 2, shape}};
static const kiln_tensor_desc_t outputs[1] = {{"y", KILN_DTYPE_F32, 2, shape}};

/* Checked with ptxas -arch=sm_75 and -arch=sm_90. */
static const char ptx[] =
    ".version 7.0\n"
    ".target sm_75\n"
    ".address_size 64\n"
    "\n"
    ".visible .entry kiln_scale(\n"
    "\t.param .u64 x,\n"
    "\t.param .u64 y,\n"
    "\t.param .f32 s,\n"
    "\t.param .u32 n)\n"
    "{\n"
    "\t.reg .pred %p;\n"
    "\t.reg .b32 %r<6>;\n"
    "\t.reg .f32 %f<3>;\n"
    "\t.reg .b64 %rd<7>;\n"
    "\tld.param.u64 %rd1, [x];\n"
    "\tld.param.u64 %rd2, [y];\n"
    "\tld.param.f32 %f1, [s];\n"
    "\tld.param.u32 %r1, [n];\n"
    "\tmov.u32 %r2, %ctaid.x;\n"
    "\tmov.u32 %r3, %ntid.x;\n"
    "\tmov.u32 %r4, %tid.x;\n"
    "\tmad.lo.s32 %r5, %r2, %r3, %r4;\n"
    "\tsetp.ge.u32 %p, %r5, %r1;\n"
    "\t@%p bra DONE;\n"
    "\tcvta.to.global.u64 %rd3, %rd1;\n"
    "\tcvta.to.global.u64 %rd4, %rd2;\n"
    "\tmul.wide.u32 %rd5, %r5, 4;\n"
    "\tadd.s64 %rd6, %rd3, %rd5;\n"
    "\tld.global.f32 %f2, [%rd6];\n"
    "\tmul.f32 %f2, %f2, %f1;\n"
    "\tadd.s64 %rd6, %rd4, %rd5;\n"
    "\tst.global.f32 [%rd6], %f2;\n"
    "DONE:\n"
    "\tret;\n"
    "}\n"
    "\n"
    ".visible .entry kiln_add_scalar(\n"
    "\t.param .u64 x,\n"
    "\t.param .u64 y,\n"
    "\t.param .f32 s,\n"
    "\t.param .u32 n)\n"
    "{\n"
    "\t.reg .pred %p;\n"
    "\t.reg .b32 %r<6>;\n"
    "\t.reg .f32 %f<3>;\n"
    "\t.reg .b64 %rd<7>;\n"
    "\tld.param.u64 %rd1, [x];\n"
    "\tld.param.u64 %rd2, [y];\n"
    "\tld.param.f32 %f1, [s];\n"
    "\tld.param.u32 %r1, [n];\n"
    "\tmov.u32 %r2, %ctaid.x;\n"
    "\tmov.u32 %r3, %ntid.x;\n"
    "\tmov.u32 %r4, %tid.x;\n"
    "\tmad.lo.s32 %r5, %r2, %r3, %r4;\n"
    "\tsetp.ge.u32 %p, %r5, %r1;\n"
    "\t@%p bra DONE;\n"
    "\tcvta.to.global.u64 %rd3, %rd1;\n"
    "\tcvta.to.global.u64 %rd4, %rd2;\n"
    "\tmul.wide.u32 %rd5, %r5, 4;\n"
    "\tadd.s64 %rd6, %rd3, %rd5;\n"
    "\tld.global.f32 %f2, [%rd6];\n"
    "\tadd.f32 %f2, %f2, %f1;\n"
    "\tadd.s64 %rd6, %rd4, %rd5;\n"
    "\tst.global.f32 [%rd6], %f2;\n"
    "DONE:\n"
    "\tret;\n"
    "}\n"
#if defined(CUDA_WEIGHTS) || defined(CUDA_WEIGHT_MISSING) ||                   \
    defined(CUDA_WEIGHT_SIZE) || defined(CUDA_WEIGHT_NO_DATA)
#define CUDA_ANY_WEIGHTS
    "\n"
    ".visible .global .align 4 .b8 kiln_w[256];\n"
    "\n"
    ".visible .entry kiln_scale_w(\n"
    "\t.param .u64 x,\n"
    "\t.param .u64 y,\n"
    "\t.param .f32 s,\n"
    "\t.param .u32 n)\n"
    "{\n"
    "\t.reg .pred %p;\n"
    "\t.reg .b32 %r<7>;\n"
    "\t.reg .f32 %f<3>;\n"
    "\t.reg .b64 %rd<9>;\n"
    "\tld.param.u64 %rd1, [x];\n"
    "\tld.param.u64 %rd2, [y];\n"
    "\tld.param.u32 %r1, [n];\n"
    "\tmov.u32 %r2, %ctaid.x;\n"
    "\tmov.u32 %r3, %ntid.x;\n"
    "\tmov.u32 %r4, %tid.x;\n"
    "\tmad.lo.s32 %r5, %r2, %r3, %r4;\n"
    "\tsetp.ge.u32 %p, %r5, %r1;\n"
    "\t@%p bra DONE;\n"
    "\tcvta.to.global.u64 %rd3, %rd1;\n"
    "\tcvta.to.global.u64 %rd4, %rd2;\n"
    "\tmul.wide.u32 %rd5, %r5, 4;\n"
    "\tadd.s64 %rd6, %rd3, %rd5;\n"
    "\tld.global.f32 %f1, [%rd6];\n"
    "\tand.b32 %r6, %r5, 63;\n"
    "\tmul.wide.u32 %rd7, %r6, 4;\n"
    "\tmov.u64 %rd8, kiln_w;\n"
    "\tadd.s64 %rd8, %rd8, %rd7;\n"
    "\tld.global.f32 %f2, [%rd8];\n"
    "\tmul.f32 %f1, %f1, %f2;\n"
    "\tadd.s64 %rd6, %rd4, %rd5;\n"
    "\tst.global.f32 [%rd6], %f1;\n"
    "DONE:\n"
    "\tret;\n"
    "}\n"
#endif
    ;

#ifdef CUDA_MULTI
/* Not real cubins: fake_cuda.c loads them only on a device of exactly their
 * architecture, as the driver does with real ones. */
static const char cubin80[] =
    "KILN-FAKE-CUBIN sm_80\n.entry kiln_scale\n.entry kiln_add_scalar\n";
static const char cubin90[] =
    "KILN-FAKE-CUBIN sm_90\n.entry kiln_scale\n.entry kiln_add_scalar\n";
static const kiln_gpu_image_t images[] = {
    {KILN_GPU_IMAGE_CUBIN, 80, cubin80, sizeof(cubin80)},
    {KILN_GPU_IMAGE_CUBIN, 90, cubin90, sizeof(cubin90)},
    {KILN_GPU_IMAGE_PTX, 75, ptx, sizeof(ptx)},
};
#define MODEL_NAME "cuda_multi"
#elif defined(CUDA_FALLBACK)
/* A cubin for the right architecture that the driver refuses (fake_cuda.c
 * rejects "corrupt" ones): the runtime must fall back to the PTX. */
static const char cubin90[] =
    "KILN-FAKE-CUBIN sm_90 corrupt\n.entry kiln_scale\n.entry kiln_add_scalar\n";
static const kiln_gpu_image_t images[] = {
    {KILN_GPU_IMAGE_CUBIN, 90, cubin90, sizeof(cubin90)},
    {KILN_GPU_IMAGE_PTX, 75, ptx, sizeof(ptx)},
};
#define MODEL_NAME "cuda_fallback"
#elif defined(CUDA_BAD_PTX)
/* PTX the JIT rejects (fake_cuda.c reports a syntax error with a log). */
static const char badPtx[] = ".version 7.0\n.target sm_75\n.address_size 64\n"
                             "KILN-FAKE-PTX-ERROR\n";
static const kiln_gpu_image_t images[] = {
    {KILN_GPU_IMAGE_PTX, 75, badPtx, sizeof(badPtx)},
    {KILN_GPU_IMAGE_PTX, 100, ptx, sizeof(ptx)}, /* Newer than the device. */
};
#define MODEL_NAME "cuda_bad_ptx"
#else
static const kiln_gpu_image_t images[] = {
#if defined(CUDA_PTX_NO_NUL)
    {KILN_GPU_IMAGE_PTX, 75, ptx, sizeof(ptx) - 1},
#elif defined(CUDA_BAD_FORMAT)
    {7, 75, ptx, sizeof(ptx)},
#else
    {KILN_GPU_IMAGE_PTX, 75, ptx, sizeof(ptx)},
#endif
};
#define MODEL_NAME "cuda_affine"
#endif

enum { KERNEL_SCALE, KERNEL_ADD_SCALAR };
static const char *const kernelNames[] = {
#ifdef CUDA_ANY_WEIGHTS
    "kiln_scale_w",
#else
    "kiln_scale",
#endif
#if defined(CUDA_MISSING_KERNEL)
    "kiln_missing",
#elif defined(CUDA_EMPTY_KERNEL_NAME)
    "",
#else
    "kiln_add_scalar",
#endif
};

#ifdef CUDA_ANY_WEIGHTS
#ifndef CUDA_WEIGHT_NO_DATA
static const float weightData[64] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
#endif
static const kiln_gpu_weight_t weights[] = {
#if defined(CUDA_WEIGHT_MISSING)
    {"kiln_missing_w", weightData, sizeof(weightData)},
#elif defined(CUDA_WEIGHT_SIZE)
    {"kiln_w", weightData, sizeof(weightData) / 2},
#elif defined(CUDA_WEIGHT_NO_DATA)
    {"kiln_w", NULL, 64 * sizeof(float)},
#else
    {"kiln_w", weightData, sizeof(weightData)},
#endif
};
#define NUM_WEIGHTS 1
#define WEIGHTS weights
#else
#define NUM_WEIGHTS 0
#define WEIGHTS NULL
#endif

static int32_t entry(const kiln_exec_ctx_t *ctx, void *const *in,
                     void *const *out, void *arena) {
  if (!ctx || ctx->struct_size < offsetof(kiln_exec_ctx_t, gpu) +
                                     sizeof(const kiln_gpu_api_t *) ||
      !ctx->gpu || ctx->gpu->struct_size < sizeof(kiln_gpu_api_t) ||
      ctx->gpu->sm == 0)
    return 2;
  if (!arena || (uintptr_t)arena % ARENA_ALIGNMENT != 0)
    return 3;
  const kiln_gpu_api_t *gpu = ctx->gpu;
  void *x = in[0], *y = out[0], *t = NULL;
  uint32_t n = N;
  float two = 2.0f, half = 0.5f;
  int32_t code = gpu->alloc(ctx, N * sizeof(float), &t);
  if (code != 0)
    return code;
  void *scaleArgs[4] = {&x, &arena, &two, &n};
  void *addArgs[4] = {&arena, &t, &half, &n};
  void *finalArgs[4] = {&t, &y, &half, &n};
#ifdef CUDA_BAD_LAUNCH
  code = gpu->launch(ctx, 5, 1, 1, 1, 1, 1, 1, 0, scaleArgs);
#else
  code = gpu->launch(ctx, KERNEL_SCALE, (N + 127) / 128, 1, 1, 128, 1, 1,
                     64 * 1024, scaleArgs);
#endif
  if (code == 0)
    code = gpu->launch(ctx, KERNEL_ADD_SCALAR, N / 64, 1, 1, 64, 1, 1, 0,
                       addArgs);
  if (code == 0)
    code = gpu->launch(ctx, KERNEL_ADD_SCALAR, (N + 255) / 256, 1, 1, 256, 1,
                       1, 0, finalArgs);
  int32_t freed = gpu->free(ctx, t);
  return code != 0 ? code : freed;
}

static const kiln_model_desc_t desc = {
    KILN_ABI_VERSION,
#if defined(CUDA_SHORT_DESC)
    offsetof(kiln_model_desc_t, num_gpu_images),
#elif defined(CUDA_V1_DESC)
    offsetof(kiln_model_desc_t, num_gpu_weights),
#else
    sizeof(kiln_model_desc_t),
#endif
    MODEL_NAME,
    "cuda",
    1,
    1,
    inputs,
    outputs,
    N * sizeof(float),
    ARENA_ALIGNMENT,
    entry,
    sizeof(images) / sizeof(images[0]),
    sizeof(kernelNames) / sizeof(kernelNames[0]),
    images,
    kernelNames,
    NUM_WEIGHTS,
    WEIGHTS,
};

const kiln_model_desc_t *kiln_query_model(uint32_t runtime_abi_version) {
  (void)runtime_abi_version;
  return &desc;
}
