//===- GpuTiledContraction.h - Tiled kernels for contractions --*- C++ -*-===//
//
// Private to lib/Codegen/GPU: the block-tiled, shared-memory kernels that
// kiln-gpu-map-linalg generates for matmuls and convolutions (implicit GEMM)
// instead of one thread per output point.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LIB_CODEGEN_GPU_GPUTILEDCONTRACTION_H
#define KILN_LIB_CODEGEN_GPU_GPUTILEDCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln::gpu_map {

/// Maps `op`, a contraction with static shapes (a matmul, batch matmul or
/// convolution, named or generic: a multiply-accumulate body whose loops
/// split into batch, M, N and K dimensions), to one tiled gpu.launch, with
/// `epilogue` (may be null; it must have passed the per-point mapper's
/// epilogue check) fused on the register tile and `initialValue` (may be
/// null) as the accumulators' start instead of the output's contents.
/// With `tensorCores`, bf16/f16 products accumulated in f32 use
/// nvvm.mma.sync (m16n8k16) instead of FMAs. Returns failure, changing
/// nothing, when `op` is not such a contraction or tiling does not pay (too
/// few rows or columns); the caller then maps it one thread per output
/// point.
LogicalResult mapTiledContraction(RewriterBase &rewriter, linalg::LinalgOp op,
                                  linalg::LinalgOp epilogue,
                                  Value initialValue, bool tensorCores);

} // namespace mlir::kiln::gpu_map

#endif // KILN_LIB_CODEGEN_GPU_GPUTILEDCONTRACTION_H
