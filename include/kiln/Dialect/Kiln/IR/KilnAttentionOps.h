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

/// The sizes of a kiln.attention with static shapes, whatever its layout
/// (what the flash kernels of the CPU and GPU pipelines are built from).
struct AttentionSizes {
  int64_t batch = 0, queryHeads = 0, keyHeads = 0, querySeq = 0, keySeq = 0,
          headDim = 0, valueDim = 0;
  /// [B, H, S, D] operands; else [B, S, H, D].
  bool bhsd = true;
};

/// The sizes of `op`, read from its operand types (static shapes assumed).
AttentionSizes getAttentionSizes(AttentionOp op);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H
