//===- GpuMapUtils.h - Helpers shared by the linalg -> kernel mappers -*- C++ -*-===//
//
// Private to lib/Codegen/GPU: building launches, evaluating a linalg op's
// operands and payload at a point of its loops, and the elementwise epilogue
// that the per-point and the tiled mappers run on the values they computed.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LIB_CODEGEN_GPU_GPUMAPUTILS_H
#define KILN_LIB_CODEGEN_GPU_GPUMAPUTILS_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln::gpu_map {

/// Creates an empty gpu.launch before the insertion point with the given
/// grid and (1-D) block sizes and workgroup (shared memory) buffers, and
/// leaves the builder's insertion point at the end of its body (before the
/// terminator).
gpu::LaunchOp createLaunch(OpBuilder &b, Location loc,
                           ArrayRef<int64_t> grid, int64_t block,
                           TypeRange workgroupBuffers = {});

/// The indices of `operand` of `op` at the point `ivs` of its loops.
SmallVector<Value> indicesAt(OpBuilder &b, linalg::LinalgOp op,
                             OpOperand &operand, ArrayRef<Value> ivs);

/// The element of `operand` at `ivs` (the operand itself when it is a
/// scalar).
Value loadAt(OpBuilder &b, linalg::LinalgOp op, OpOperand &operand,
             ArrayRef<Value> ivs);

/// Clones the payload of `op` at `ivs` with `outputs` as the values of its
/// output block arguments (null: unused) and returns the yielded values.
/// Inputs found in `forwarded` take the value there instead of a load (the
/// element the same thread has just computed).
SmallVector<Value>
payloadAt(RewriterBase &rewriter, linalg::LinalgOp op, ArrayRef<Value> ivs,
          ValueRange outputs,
          const DenseMap<Value, Value> &forwarded = DenseMap<Value, Value>());

/// The buffer a memref value is a view of.
Value rootBuffer(Value value);

/// Stores the results of a mapped op and runs its fused elementwise
/// epilogue (if any) on them, at one point of the op's parallel loops.
class ResultWriter {
public:
  /// `parallel`: the op's parallel loops, in order (the epilogue's loops).
  ResultWriter(linalg::LinalgOp op, ArrayRef<unsigned> parallel,
               linalg::LinalgOp epilogue);

  /// Emits, at the point `ivs` of the op's loops, the stores of `results`
  /// (one per output) and the epilogue on them.
  void writeAt(RewriterBase &rewriter, Location loc, ArrayRef<Value> ivs,
               ValueRange results);

  /// Erases the epilogue and the buffers only the op and its epilogue
  /// used (never stored); call after the last writeAt, once `op` is gone.
  void finish(RewriterBase &rewriter);

  bool hasEpilogue() const { return static_cast<bool>(epilogue); }

private:
  linalg::LinalgOp op;
  SmallVector<unsigned> parallel;
  linalg::LinalgOp epilogue;
  /// Per output of op: whether it is stored.
  SmallVector<bool> stored;
  SmallVector<memref::AllocOp> deadBuffers;
};

} // namespace mlir::kiln::gpu_map

#endif // KILN_LIB_CODEGEN_GPU_GPUMAPUTILS_H
