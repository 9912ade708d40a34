//===- ReturnReshapedAllocs.cpp - Results written in place through reshapes ===//
//
// A model whose last op computes a flattened view of its result (a 1x1
// convolution is a product over [N, C, H * W], expanded back to
// [N, C, H, W]) returns a reshape of an allocation. Out-parameters replace
// only returned allocations (buffer-results-to-out-params, hoisted static
// allocs), so the result was computed into the arena and copied into the
// caller's buffer by a serial loop after the last kernel: 0.23 ms of a
// 3 ms ResNet-50 bottleneck block's output of 3.2 MB on 2 threads. Here the
// allocation is made at the returned shape instead and the kernels write
// into the inverse reshape of it.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_RETURNRESHAPEDALLOCS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

static bool isReshape(Operation *op) {
  return isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(op);
}

/// A static, contiguous (identity layout) allocation.
static memref::AllocOp getPlainAlloc(Value value) {
  auto alloc = value.getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return {};
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity())
    return {};
  return alloc;
}

/// Makes `value`, a reshape of a plain allocation (or of such a reshape,
/// made an allocation first), an allocation of its own type, which the
/// allocation's other users see through the inverse reshape. Returns the new
/// allocation, or null when `value` is not such a reshape.
static Value allocateReturnedShape(OpBuilder &builder, Value value) {
  Operation *reshape = value.getDefiningOp();
  if (!reshape || !isReshape(reshape))
    return {};
  allocateReturnedShape(builder, reshape->getOperand(0));
  memref::AllocOp source = getPlainAlloc(reshape->getOperand(0));
  auto resultType = dyn_cast<MemRefType>(value.getType());
  if (!source || !resultType || !resultType.hasStaticShape() ||
      !resultType.getLayout().isIdentity())
    return {};
  builder.setInsertionPoint(source);
  Location loc = source.getLoc();
  auto alloc = memref::AllocOp::create(builder, loc, resultType,
                                       source.getAlignmentAttr());
  Value inverse;
  if (auto expand = dyn_cast<memref::ExpandShapeOp>(reshape))
    inverse = memref::CollapseShapeOp::create(
        builder, loc, source.getType(), alloc,
        expand.getReassociationIndices());
  else
    inverse = memref::ExpandShapeOp::create(
        builder, loc, source.getType(), alloc,
        cast<memref::CollapseShapeOp>(reshape).getReassociationIndices());
  source.getResult().replaceUsesWithIf(inverse, [&](OpOperand &use) {
    return use.getOwner() != reshape;
  });
  value.replaceAllUsesWith(alloc.getResult());
  reshape->erase();
  if (source->use_empty())
    source->erase();
  return alloc;
}

namespace {
struct ReturnReshapedAllocsPass
    : kiln::impl::ReturnReshapedAllocsBase<ReturnReshapedAllocsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands())
        allocateReturnedShape(builder, operand.get());
    });
  }
};
} // namespace
