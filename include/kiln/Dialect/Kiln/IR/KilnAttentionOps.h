//===- KilnAttentionOps.h - kiln attention op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnAttentionOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H
#define KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h.inc"

namespace mlir::kiln {

/// The sizes and options of a kiln.attention with static shapes, whatever
/// its layout, defaults filled in (what the flash kernels of the CPU and GPU
/// pipelines are built from).
struct AttentionSizes {
  int64_t batch = 0, queryHeads = 0, keyHeads = 0, querySeq = 0, keySeq = 0,
          headDim = 0, valueDim = 0;
  /// [B, H, S, D] operands; else [B, S, H, D].
  bool bhsd = true;
  bool causal = false;
  /// The op's scale, else 1 / sqrt(headDim).
  double scale = 1.0;
  /// Rotary embedding of Q and K (the op's rope attribute), with its
  /// defaults: all features rotated, theta 10000, offset 0.
  bool rope = false, half = true;
  int64_t rotaryDim = 0, positionOffset = 0;
  double theta = 10000.0;
};

/// The sizes and options of `op` (static shapes assumed).
AttentionSizes getAttentionSizes(AttentionOp op);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H
