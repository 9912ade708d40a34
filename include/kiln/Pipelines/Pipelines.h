//===- Pipelines.h - Kiln's named pass pipelines ----------------*- C++ -*-===//

#ifndef KILN_PIPELINES_PIPELINES_H
#define KILN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::kiln {

/// Options of the CPU code generation pipeline.
struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Evaluate exp, log, tanh, erf, ... with polynomial "
                     "approximations instead of libm calls"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> tile{
      *this, "tile",
      llvm::cl::desc("Tile linalg ops for threads and registers and fuse "
                     "their producers (off: one loop nest per op)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Vectorize the register tiles (off: scalar loops)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Width of the target's vector registers in bits, which "
                     "tile sizes derive from (0: the host CPU's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> l2CacheKiB{
      *this, "l2-cache-kib",
      llvm::cl::desc("L2 cache of one core in KiB that tiles are sized for: "
                     "the filter panels of kiln-conv-channel-vectors and the "
                     "right-operand slices of kiln-tile-and-fuse's thread "
                     "tiles take up to half of it (0: 512, the Zen 2 and Zen 3 cores the "
                     "defaults were measured on; negative: an error)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> minParallelWork{
      *this, "min-parallel-work",
      llvm::cl::desc("Kernels with fewer iteration points than this run "
                     "serially"),
      llvm::cl::init(1 << 18)};
  PassOptions::Option<int64_t> depthwiseVersionedMinPixels{
      *this, "depthwise-versioned-min-pixels",
      llvm::cl::desc("Depthwise and pooling tiles that need more than two "
                     "versions of their code to read their unpadded input "
                     "in place do so only on planes of at least this many "
                     "pixels (kiln-vectorize)"),
      llvm::cl::init(3136)};
  PassOptions::Option<bool> convChannelVectors{
      *this, "conv-channel-vectors",
      llvm::cl::desc("Vectorize convolutions whose rows are not whole "
                     "vectors along their output channels, with the filter "
                     "packed in panels (kiln-conv-channel-vectors)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> arena{
      *this, "arena",
      llvm::cl::desc("Place the model function's intermediate buffers in the "
                     "runtime's arena by liveness (kiln-plan-arena) instead "
                     "of allocating them per run"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> flashAttention{
      *this, "flash-attention",
      llvm::cl::desc("Lower f32 kiln.attention without a mask to the "
                     "flash-style kernel of kiln-cpu-flash-attention (off: "
                     "the reference lowering of convert-kiln-to-linalg)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> winograd{
      *this, "winograd",
      llvm::cl::desc("Compute f32 3x3 convolutions with unit strides by "
                     "Winograd's F(2x2, 3x3) or F(4x4, 3x3) "
                     "(kiln-winograd-convs)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Run the outer tile loops of large kernels on the "
                     "runtime's threads (ctx->parallel_for)"),
      llvm::cl::init(true)};
};

/// Graph-level optimization of kiln IR: folding, canonicalization,
/// common-subexpression elimination, batch norms folded into convolutions.
void buildGraphPipeline(OpPassManager &pm);

/// Graph passes, then kiln -> linalg on tensors with elementwise fusion.
void buildKilnToLinalgPipeline(OpPassManager &pm);

/// The second half of buildKilnToLinalgPipeline: kiln -> linalg on tensors
/// and elementwise fusion (without the graph passes).
void addKilnToLinalgStage(OpPassManager &pm);

/// Lowers linalg on tensors to the LLVM dialect for the host CPU (the second
/// half of the CPU pipeline), in named stages:
///  1. execution context: public functions take the runtime's
///     `const kiln_exec_ctx_t *` (kiln-add-exec-context);
///  2. tile and vectorize, on tensors: thread tiles (scf.forall), register
///     tiles and reduction tiles with cheap producers fused
///     (kiln-tile-and-fuse), then vector ops (kiln-vectorize);
///  3. bufferization: one-shot, results as out-parameters, deallocation;
///  4. threads: thread tiles become ctx->parallel_for calls of outlined
///     tasks (kiln-forall-to-parallel-for);
///  5. scalar loops for what was not vectorized, copies as loops, polynomial
///     math;
///  6. vector lowering: multi-reductions, transfers unrolled to 1-D;
///  7. LLVM dialect with bare-pointer arguments.
void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const CPUPipelineOptions &options);

/// Lowers a module of kiln functions on tensors to the LLVM dialect for the
/// host CPU: the graph passes, kiln-cpu-flash-attention (with
/// `flash-attention`), addKilnToLinalgStage, then buildLinalgToLLVMPipeline.
/// Public functions keep their names and get the runtime's
/// `const kiln_exec_ctx_t *` as first argument; tensor results become
/// out-parameters and every memref argument becomes a bare pointer, so a
/// function `(tensor<A>, tensor<B>) -> tensor<C>` ends up as
/// `void f(ptr ctx, ptr a, ptr b, ptr c)`.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// The last stage of every host lowering: memrefs, affine, SCF, vectors, math
/// (intrinsics, then libm), bf16 emulated in f32, arith, index, func (bare
/// pointers) and cf to the LLVM dialect, then flat constant globals. With
/// `perFunction`, the passes that transform one function at a time run
/// nested on the module's functions (in parallel; the CPU pipeline);
/// without, on the whole module, nested modules (a gpu.module) included.
void addLLVMStage(OpPassManager &pm, bool perFunction = false);

/// Registers the named pipelines (`--kiln-graph-pipeline`,
/// `--kiln-cpu-pipeline`).
void registerPipelines();

} // namespace mlir::kiln

#endif // KILN_PIPELINES_PIPELINES_H
