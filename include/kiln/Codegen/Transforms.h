//===- Transforms.h - Kiln code generation transformations ------*- C++ -*-===//
//
// The functions behind the passes of lib/Codegen/, usable from other passes
// and pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_TRANSFORMS_H
#define KILN_CODEGEN_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir {
class Operation;
namespace func {
class FuncOp;
} // namespace func
namespace linalg {
class Conv2DNchwFchwOp;
class GenericOp;
class LinalgOp;
} // namespace linalg
namespace scf {
class ForallOp;
} // namespace scf
namespace tensor {
class PadOp;
} // namespace tensor
} // namespace mlir

namespace mlir::kiln {

//===----------------------------------------------------------------------===//
// Tiling
//===----------------------------------------------------------------------===//

/// Target properties and thresholds that tile sizes derive from.
struct TilingHeuristics {
  /// Number of thread tiles aimed at for a kernel that runs in parallel.
  int64_t parallelTiles = 16;
  /// Kernels whose iteration space has fewer points run serially.
  int64_t minParallelWork = 1 << 18;
  /// Width of a vector register in bits.
  int64_t vectorBits = 512;
  /// Rows of the register tile of a matrix multiplication.
  int64_t matmulRows = 8;
  /// L2 cache of one core in bytes.
  int64_t l2CacheBytes = 512 * 1024;
};

/// Tile sizes of one linalg op, one per loop; 0 leaves a loop untiled.
struct TilingConfig {
  enum class Kind { Elementwise, Reduction, Contraction, Convolution };
  Kind kind = Kind::Elementwise;
  /// Tiles of the scf.forall whose iterations run on threads (parallel loops
  /// only); empty when the op runs serially.
  SmallVector<int64_t> threadTiles;
  /// Tiles of the scf.for nest over parallel loops inside a thread tile,
  /// sized for vector registers.
  SmallVector<int64_t> vectorTiles;
  /// The order of the register-tile loops (loop `vectorOrder[i]` is the
  /// i-th of the nest); empty: the op's loop order. Set for a matmul-like op
  /// whose thread tile's right-operand slice does not fit half an L2 cache:
  /// its rows are then iterated inside its columns (see getTilingConfig).
  SmallVector<int64_t> vectorOrder;
  /// The order of the scf.forall's dimensions (loop `threadOrder[i]` is its
  /// i-th, the first varying slowest as the runtime numbers the thread
  /// tiles); empty: the op's loop order. Set so that the image's pixels (or
  /// a product's columns) vary slowest: the runtime's threads each take a
  /// contiguous share of the tiles first, which then covers the same pixels
  /// in consecutive kernels.
  SmallVector<int64_t> threadOrder;
  /// Tiles of the scf.for nest over reduction loops inside a register tile,
  /// over the loops of `producer` when it is set.
  SmallVector<int64_t> reductionTiles;
  /// For an f32 contraction: the lanes of the vectors of partial sums that a
  /// register tile of a single column reduces its k loop in (see
  /// tileAndFuse); 0: never.
  int64_t partialSumLanes = 0;
  /// Reduction loops that stay loops in the machine code (the window of a
  /// convolution vectorized along output channels: neighbouring taps of a
  /// row read the same input values, which LLVM, unrolling the taps, keeps
  /// in registers across them and spills accumulators for). They are
  /// innermost among the reduction loops and get an llvm.loop_annotation
  /// that disables unrolling.
  SmallVector<unsigned> rolledLoops;
  /// Tiles of an scf.for nest over reduction loops between the thread tile
  /// and the register tiles of a convolution vectorized along output
  /// channels (kc blocking), over the loops of `producer` when it is set:
  /// every register tile of the thread tile reduces one block of its filter
  /// panel in turn, so that the block is read from memory once and then from
  /// the cache, instead of the whole panel streaming from memory during the
  /// first register tile (see getOwnTilingConfig). Empty: no blocks.
  SmallVector<int64_t> blockTiles;
  /// With `blockTiles`: the register tiles of that convolution's own loops
  /// (`vectorTiles` are those of `producer`'s consumer when it is set).
  SmallVector<int64_t> blockVectorTiles;
  /// A reduction loop (of `producer` when it is set) whose register tiles
  /// read a value of another row of the input at every step (the input
  /// channels of a pointwise convolution along output channels), and how
  /// many steps ahead each step prefetches what it will read (see
  /// kiln-prefetch-blocks); 0 steps: none.
  unsigned inputPrefetchLoop = 0;
  int64_t inputPrefetchSteps = 0;
  /// For an elementwise op: the matmul-like or convolution op that produces
  /// one of its operands for it alone; the op takes that producer's tiles
  /// and the producer is fused into them.
  Operation *producer = nullptr;
};

/// Chooses the tile sizes of `op` (on tensors, with static loop ranges) by
/// its kind: elementwise, reduction, contraction (matmul-like), convolution
/// or pooling. An elementwise op that reads, and alone uses, the result of a
/// contraction or convolution takes that op's tiles (see
/// TilingConfig::producer). Returns nullopt for ops that are not tiled.
std::optional<TilingConfig> getTilingConfig(linalg::LinalgOp op,
                                            const TilingHeuristics &heuristics);

/// Whether `op` computes on tensors of static shapes, all f32 (what
/// kiln-widen-conv-rows and kiln-conv-channel-vectors rewrite).
bool isStaticF32Conv(linalg::Conv2DNchwFchwOp op);

/// Tiles `root` in three levels as `config` says (scf.forall over thread
/// tiles, scf.for over register tiles, scf.for over reduction tiles of
/// `root` or of `config.producer`), fusing the cheap producers (fills, pads,
/// elementwise ops) only `root` uses, and `config.producer`, into the first
/// two, and peels the scf.for loops so that every tile has a static shape.
/// Returns the tiled `root`.
FailureOr<Operation *> tileAndFuse(RewriterBase &rewriter,
                                   linalg::LinalgOp root,
                                   const TilingConfig &config);

//===----------------------------------------------------------------------===//
// Vectorization
//===----------------------------------------------------------------------===//

/// Rewrites a tile of a convolution or pooling `op` (any linalg op on tensors
/// whose indexing maps have sums such as `oh * stride + kh`) in which every
/// window loop has one iteration into a linalg.generic on slices of its
/// operands indexed by projected permutations: loops of one iteration are
/// dropped, and `stride * i` indices become strided slices. A
/// `conv_2d_nchw_fchw` tile becomes `out[f, ow] += w[f, c] * in[c, ow]` (a
/// matrix multiplication), a depthwise one an elementwise multiply-add, a
/// pooling an elementwise max or sum. Fails without changing anything when a
/// window loop has more than one iteration.
FailureOr<linalg::GenericOp> rewriteUnitWindowOp(RewriterBase &rewriter,
                                                 linalg::LinalgOp op);

/// Vectorizes `op`, a linalg op on tensors: static shapes as
/// they are, dynamic ones with masks sized to their upper bounds, matmul-like
/// contractions to vector.contract. Ops on tensors of i1 (stored one byte per
/// element, but packed into bits by LLVM vector loads and stores) are not
/// vectorized. Fails without changing anything when the
/// upstream vectorizer does not support the op or its vectors would be
/// larger than a few thousand elements.
LogicalResult vectorizeOp(RewriterBase &rewriter, Operation *op);

/// Whether `op` computes each output channel from its own input channel
/// through a 2-D window: an NCHW depthwise convolution
/// (linalg.depthwise_conv_2d_nchw_chw) or pooling (linalg.pooling_nchw_max,
/// linalg.pooling_nchw_sum) of static shape and a window of at most 81 taps
/// whose operands share one float element type with vector arithmetic (f16,
/// f32, f64): the ops whose register tiles cover their whole window
/// (kiln-tile-and-fuse) and are vectorized by vectorizeChannelWindowTile.
bool isChannelWindowOp(linalg::LinalgOp op);

/// Vectorizes a tile of a depthwise convolution or a pooling
/// (isChannelWindowOp) that covers its whole window, up to 32 output rows of
/// up to 64 pixels: one accumulator vector per output row kept across all
/// taps, each input row read once per column shift (stride-s columns: one
/// contiguous read and a shuffle per shift, shared between shifts where
/// they fit) and combined into every output row whose window covers it
/// (an FMA with a weight broadcast once per tile; a pooling's own max or
/// add). Column shifts are taken one group at a time (a shift alone with
/// stride 1; the shifts that share a read with stride s), so that only that
/// group's weights are live next to the accumulators. With `readUnpadded`,
/// a tile whose input is a unit-stride slice of a tensor.pad (static
/// amounts, none on batch and channels, constant padding value) reads the
/// pad's source in place instead, one version of the code per placement of
/// its window (inside the source, across a row border, at each offset
/// across the first columns, across the last columns), and the pad is
/// erased when nothing else reads it; rows of padding that cannot change
/// the result (zeros for a convolution or a sum, -inf for a max) are left
/// out. Tiles that would take more than two versions (dynamic column
/// offsets, some across a border) read in place only when the source plane
/// has at least `versionedMinPixels` pixels.
LogicalResult vectorizeChannelWindowTile(RewriterBase &rewriter,
                                         linalg::LinalgOp op,
                                         bool readUnpadded = true,
                                         int64_t versionedMinPixels = 0);

/// Rewrites a tensor.pad of static shape and constant (or loop-invariant)
/// padding value into a loop nest over the rows of its result that writes
/// each row once with vector transfers: the padding value for rows outside
/// the source, else the padding value left and right of the source row read
/// as one vector. Fails (leaving the pad) for dynamic shapes or low/high
/// amounts, negative amounts, rows longer than 1024 elements, element types
/// that stay scalar (bf16, sub-byte) and empty sources.
LogicalResult vectorizePad(RewriterBase &rewriter, tensor::PadOp pad);

/// Hoists loop-invariant pairs of vector transfers on tensors (the
/// accumulators of reductions) out of the scf.for loops under `root`, so that
/// they live in registers across the loop.
void hoistVectorAccumulators(RewriterBase &rewriter, Operation *root);

//===----------------------------------------------------------------------===//
// Flash attention
//===----------------------------------------------------------------------===//

/// Why the kiln.attention `op` cannot take the CPU flash kernel (dynamic
/// shapes, an element type other than f32, an additive mask, an empty
/// dimension, a head size above 1024, a compile-time rope table over 2^22
/// entries), or an empty
/// string when it can.
std::string getCpuFlashAttentionUnsupportedReason(Operation *op);

/// Replaces the kiln.attention `op` (for which
/// getCpuFlashAttentionUnsupportedReason is empty) by the flash-style CPU
/// kernel of the kiln-cpu-flash-attention pass: an scf.forall over (batch,
/// query head, block of `queryBlock` queries) on buffers read through
/// bufferization.to_buffer, the result a bufferization.to_tensor of a new
/// buffer. Vectors have `vectorBits` / 32 lanes.
void lowerAttentionToCpuFlash(Operation *op, int64_t vectorBits,
                              int64_t queryBlock, int64_t keyBlock);

//===----------------------------------------------------------------------===//
// Winograd convolutions
//===----------------------------------------------------------------------===//

/// Why the kiln.conv2d `op` cannot be computed by Winograd's F(m x m, 3x3)
/// with vectors of `vectorBits` (not static f32, not 3x3 with unit strides
/// and dilations and a padding of 0 or 1 on each side, grouped, input channels not whole
/// vectors or output channels not whole panels of two vectors, fewer than
/// `minChannels` input or output channels, fewer than `minMultiplyAdds`
/// multiply-adds computed directly, a transformed filter over 64 MiB (with
/// F(4x4, 3x3) where `largeBlocksMinPixels` chooses it, see
/// lowerConvToWinograd), a filter that is not a constant), or an empty
/// string when it can.
std::string getWinogradUnsupportedReason(Operation *op, int64_t vectorBits,
                                         int64_t minChannels,
                                         int64_t minMultiplyAdds,
                                         int64_t largeBlocksMinPixels);

/// Replaces the kiln.conv2d `op` (for which getWinogradUnsupportedReason is
/// empty) by the kernels of kiln-winograd-convs: a transpose to channels
/// last, the input transform (an scf.forall on buffers), the
/// alpha^2 products (one linalg.contract by a constant in column panels)
/// and the output transform with the bias and a ReLU that is the
/// convolution's only user (an scf.forall on buffers writing NCHW). F(4x4,
/// 3x3) where the output rows and columns are multiples of 4 and the image
/// has at least `largeBlocksMinPixels` pixels (0: never), else F(2x2, 3x3).
/// `filterWeights` are the constant filter's values ([K, C, 3, 3],
/// row-major; readFloatConstant).
void lowerConvToWinograd(Operation *op, ArrayRef<double> filterWeights,
                         int64_t vectorBits, int64_t largeBlocksMinPixels);

//===----------------------------------------------------------------------===//
// Execution context and threads
//===----------------------------------------------------------------------===//

/// The argument attribute that marks a function's `const kiln_exec_ctx_t *`.
inline constexpr llvm::StringLiteral kExecContextAttrName = "kiln.exec_ctx";

/// The string attribute of an `scf.forall` over thread tiles that names its
/// kernel (`conv_2d_nchw_fchw_1x256x14x14`: the linalg op and the shape of the
/// result it is tiled by); the outlined task is named after it.
inline constexpr llvm::StringLiteral kKernelNameAttrName = "kiln.kernel";

/// Prepends an `!llvm.ptr {kiln.exec_ctx}` argument to `func` unless it has
/// one already; returns it.
FailureOr<Value> addExecContextArgument(func::FuncOp func);

/// The execution-context argument of `func`, or null when it has none.
Value getExecContext(func::FuncOp func);

/// Replaces `forall` (bufferized, no results, static bounds) by a call of
/// `ctx->parallel_for` over its linearized iteration space, with the body
/// outlined into a new private function of type `kiln_task_fn_t` that is
/// returned. Fails without changing anything when the loop does not qualify
/// (see the kiln-forall-to-parallel-for pass).
FailureOr<func::FuncOp> forallToParallelFor(RewriterBase &rewriter,
                                            scf::ForallOp forall, Value ctx,
                                            int64_t minIterations);

} // namespace mlir::kiln

#endif // KILN_CODEGEN_TRANSFORMS_H
