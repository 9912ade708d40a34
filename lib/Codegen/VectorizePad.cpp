//===- VectorizePad.cpp - tensor.pad as row copies in vector registers ----===//
//
// A tensor.pad of static shape becomes a loop nest over the rows of its
// result that writes every element once: zero rows (the padding value) above
// and below, and in between the source row, read as one vector, with the
// padding value on its left and right. Bufferized as it is, a pad would be a
// fill of the whole result followed by an element-by-element copy of the
// source: a convolution's thread tile that pads its own input spent more time
// on that than on the convolution (docs/CPUCodegen.md).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <functional>

using namespace mlir;

/// Longest row (in elements) copied as one vector; longer rows keep the
/// generic lowering of the pad rather than unroll into hundreds of
/// registers.
static constexpr int64_t kMaxRowElements = 1024;

LogicalResult mlir::kiln::vectorizePad(RewriterBase &rewriter,
                                       tensor::PadOp pad) {
  RankedTensorType sourceType = pad.getSourceType();
  RankedTensorType resultType = pad.getResultType();
  Type element = resultType.getElementType();
  int64_t rank = resultType.getRank();
  if (rank == 0 || !sourceType.hasStaticShape() ||
      !resultType.hasStaticShape() || !element.isIntOrFloat() ||
      element.getIntOrFloatBitWidth() < 8 || element.isBF16() ||
      llvm::is_contained(sourceType.getShape(), 0) ||
      resultType.getShape().back() > kMaxRowElements)
    return failure();
  Value padValue = pad.getConstantPaddingValue();
  if (!padValue)
    return failure();
  Operation *padDef = padValue.getDefiningOp();
  bool padInside =
      padDef && pad.getRegion().isAncestor(padDef->getParentRegion());
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (llvm::any_of(low, ShapedType::isDynamic) ||
      llvm::any_of(high, ShapedType::isDynamic) ||
      llvm::any_of(low, [](int64_t l) { return l < 0; }) ||
      llvm::any_of(high, [](int64_t h) { return h < 0; }))
    return failure();

  Location loc = pad.getLoc();
  rewriter.setInsertionPoint(pad);
  // A constant yielded from inside the pad's region goes with the pad.
  if (padInside)
    padValue = rewriter.clone(*padDef)->getResult(0);
  ArrayRef<int64_t> sourceShape = sourceType.getShape();
  ArrayRef<int64_t> resultShape = resultType.getShape();
  int64_t width = sourceShape.back(), lowWidth = low.back(),
          highWidth = high.back();
  auto constant = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, v);
  };
  // Rows of the padding value, one per width that is written.
  llvm::SmallDenseMap<int64_t, Value> padRows;
  auto padRow = [&](OpBuilder &b, int64_t n) {
    Value &row = padRows[n];
    if (!row)
      row = vector::BroadcastOp::create(b, loc, VectorType::get({n}, element),
                                        padValue);
    return row;
  };
  // Created before the loops: the padding value is defined above the pad.
  padRow(rewriter, resultShape.back());
  if (lowWidth)
    padRow(rewriter, lowWidth);
  if (highWidth)
    padRow(rewriter, highWidth);

  Value init = tensor::EmptyOp::create(rewriter, loc, resultShape, element);
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t d = 0; d + 1 < rank; ++d) {
    lbs.push_back(constant(0));
    ubs.push_back(constant(resultShape[d]));
    steps.push_back(constant(1));
  }
  Value zero = constant(0);
  auto writeRow = [&](OpBuilder &b, Value row, Value dest, ValueRange outer,
                      int64_t column) -> Value {
    SmallVector<Value> indices(outer);
    indices.push_back(column ? arith::ConstantIndexOp::create(b, loc, column)
                             : zero);
    return vector::TransferWriteOp::create(b, loc, row, dest, indices,
                                           ArrayRef<bool>{true})
        .getResult();
  };
  // The row at `outer` (indices of the result's outer dimensions) of a
  // result row inside the source: padding, source row, padding.
  auto copyRow = [&](OpBuilder &b, ValueRange outer, Value dest) -> Value {
    SmallVector<Value> sourceIndices;
    for (int64_t d = 0; d + 1 < rank; ++d) {
      Value index = outer[d];
      if (low[d])
        index = arith::SubIOp::create(
            b, loc, index, arith::ConstantIndexOp::create(b, loc, low[d]));
      sourceIndices.push_back(index);
    }
    sourceIndices.push_back(zero);
    if (lowWidth)
      dest = writeRow(b, padRows[lowWidth], dest, outer, 0);
    Value row = vector::TransferReadOp::create(
        b, loc, VectorType::get({width}, element), pad.getSource(),
        sourceIndices, padValue, ArrayRef<bool>{true});
    dest = writeRow(b, row, dest, outer, lowWidth);
    if (highWidth)
      dest = writeRow(b, padRows[highWidth], dest, outer, lowWidth + width);
    return dest;
  };

  auto body = [&](OpBuilder &b, Location, ValueRange outer,
                  ValueRange iterArgs) -> scf::ValueVector {
    Value dest = iterArgs.front();
    // Whether the row lies inside the source along every padded outer
    // dimension.
    Value inside;
    for (int64_t d = 0; d + 1 < rank; ++d) {
      if (!low[d] && !high[d])
        continue;
      Value first = arith::ConstantIndexOp::create(b, loc, low[d]);
      Value end =
          arith::ConstantIndexOp::create(b, loc, low[d] + sourceShape[d]);
      Value cond = arith::AndIOp::create(
          b, loc,
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, outer[d],
                                first),
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, outer[d],
                                end));
      inside = inside ? arith::AndIOp::create(b, loc, inside, cond) : cond;
    }
    if (!inside)
      return {copyRow(b, outer, dest)};
    auto branch = scf::IfOp::create(
        b, loc, inside,
        [&](OpBuilder &tb, Location) {
          scf::YieldOp::create(tb, loc, copyRow(tb, outer, dest));
        },
        [&](OpBuilder &eb, Location) {
          scf::YieldOp::create(
              eb, loc,
              writeRow(eb, padRows[resultShape.back()], dest, outer, 0));
        });
    return {branch.getResult(0)};
  };

  // The loop nest over the result's outer dimensions, built outside in.
  SmallVector<Value> outer;
  std::function<Value(OpBuilder &, unsigned, Value)> build =
      [&](OpBuilder &b, unsigned d, Value dest) -> Value {
    if (d + 1 == static_cast<unsigned>(rank))
      return body(b, loc, outer, dest).front();
    auto loop =
        scf::ForOp::create(b, loc, lbs[d], ubs[d], steps[d], ValueRange{dest});
    OpBuilder inner = OpBuilder::atBlockBegin(loop.getBody());
    outer.push_back(loop.getInductionVar());
    Value next = build(inner, d + 1, loop.getRegionIterArgs().front());
    outer.pop_back();
    scf::YieldOp::create(inner, loc, next);
    return loop.getResult(0);
  };
  Value result = build(rewriter, 0, init);
  rewriter.replaceOp(pad, result);
  return success();
}
