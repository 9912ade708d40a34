//===- AlignContractionRows.cpp - Vector-aligned rows for products --------===//
//
// See the description of kiln-align-contraction-rows in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_ALIGNCONTRACTIONROWS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// The right operand of the matmul-like `op` whose rows its register tiles
/// load as vectors (its innermost dimension is the innermost column loop),
/// when those rows are misaligned, or null.
static OpOperand *getMisalignedRightOperand(linalg::LinalgOp op,
                                            int64_t vectorBytes,
                                            int64_t rows) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return nullptr;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() || dims->k.empty())
    return nullptr;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return nullptr;
  int64_t numRows = 1;
  for (unsigned d : dims->m)
    numRows *= ranges[d];
  if (numRows < 2 * rows)
    return nullptr;
  unsigned column = dims->n.back();
  for (OpOperand *operand : op.getDpsInputOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand->get().getType());
    AffineMap map = op.getMatchingIndexingMap(operand);
    if (!type || !type.hasStaticShape() || map.getNumResults() == 0 ||
        !type.getElementType().isIntOrFloat())
      continue;
    auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
    if (!last || last.getPosition() != column)
      continue;
    int64_t bits = type.getElementType().getIntOrFloatBitWidth();
    if (bits % 8 != 0 || (vectorBytes * 8) % bits != 0)
      return nullptr;
    int64_t lanes = vectorBytes * 8 / bits;
    int64_t width = type.getShape().back();
    if (width <= lanes || width % lanes == 0)
      return nullptr;
    return operand;
  }
  return nullptr;
}

namespace {
struct AlignContractionRowsPass
    : kiln::impl::AlignContractionRowsBase<AlignContractionRowsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBits < 64 || vectorBits % 8 != 0 || rows < 1) {
      getOperation().emitError()
          << "kiln-align-contraction-rows: vector-bits must be a multiple of "
             "8 and at least 64, rows at least 1";
      return signalPassFailure();
    }
    int64_t vectorBytes = vectorBits / 8;
    SmallVector<std::pair<linalg::LinalgOp, OpOperand *>> targets;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (OpOperand *operand =
              getMisalignedRightOperand(op, vectorBytes, rows))
        targets.push_back({op, operand});
    });
    OpBuilder builder(&getContext());
    for (auto [op, operand] : targets) {
      Value value = operand->get();
      auto type = cast<RankedTensorType>(value.getType());
      int64_t lanes = vectorBytes * 8 /
                      type.getElementType().getIntOrFloatBitWidth();
      int64_t width = type.getShape().back();
      int64_t padded = llvm::alignTo(width, lanes);
      Location loc = op.getLoc();
      builder.setInsertionPoint(op);
      int64_t rank = type.getRank();
      SmallVector<OpFoldResult> zeros(rank, builder.getIndexAttr(0));
      SmallVector<OpFoldResult> high = zeros;
      high.back() = builder.getIndexAttr(padded - width);
      SmallVector<int64_t> shape(type.getShape());
      shape.back() = padded;
      // The columns past the row are never read; zeros keep them defined.
      Value zero = arith::ConstantOp::create(
          builder, loc, builder.getZeroAttr(type.getElementType()));
      Value pad = tensor::PadOp::create(
          builder, loc, RankedTensorType::get(shape, type.getElementType()),
          value, zeros, high, zero);
      SmallVector<OpFoldResult> sizes, strides(rank, builder.getIndexAttr(1));
      for (int64_t size : type.getShape())
        sizes.push_back(builder.getIndexAttr(size));
      Value slice = tensor::ExtractSliceOp::create(builder, loc, type, pad,
                                                   zeros, sizes, strides);
      operand->set(slice);
    }
  }
};
} // namespace
