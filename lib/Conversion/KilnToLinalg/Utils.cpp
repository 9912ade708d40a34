//===- Utils.cpp - Helpers shared by the KilnToLinalg families ------------===//

#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

AffineMap kiln::lowering::getBroadcastMap(RankedTensorType operandType,
                                        RankedTensorType resultType) {
  MLIRContext *context = resultType.getContext();
  int64_t rank = resultType.getRank();
  int64_t offset = rank - operandType.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0, e = operandType.getRank(); i < e; ++i) {
    if (operandType.getDimSize(i) == 1 &&
        resultType.getDimSize(i + offset) != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(i + offset, context));
  }
  return AffineMap::get(rank, /*symbolCount=*/0, exprs, context);
}

Value kiln::lowering::buildElementwise(OpBuilder &builder, Location loc,
                                     RankedTensorType resultType,
                                     ValueRange operands, ScalarBodyFn body) {
  Value init = tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(
        getBroadcastMap(cast<RankedTensorType>(operand.getType()), resultType));
  maps.push_back(builder.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, operands, ValueRange{init}, maps,
      iterators, [&](OpBuilder &b, Location l, ValueRange args) {
        linalg::YieldOp::create(b, l, body(b, l, args.drop_back()));
      });
  return generic.getResult(0);
}

Value kiln::lowering::scalarConstant(OpBuilder &builder, Location loc, Type type,
                                   double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(builder, loc,
                                     builder.getFloatAttr(floatType, value));
  return arith::ConstantOp::create(
      builder, loc, builder.getIntegerAttr(type, static_cast<int64_t>(value)));
}

TypedAttr kiln::lowering::lowestValueAttr(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return FloatAttr::get(floatType,
                          APFloat::getInf(floatType.getFloatSemantics(),
                                          /*Negative=*/true));
  return IntegerAttr::get(
      type, APInt::getSignedMinValue(type.getIntOrFloatBitWidth()));
}

Value kiln::lowering::buildReduction(OpBuilder &builder, Location loc,
                                     Value input, ArrayRef<int64_t> dims,
                                     TypedAttr init, ReduceCombineFn combine) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  for (int64_t i = 0, e = inputType.getRank(); i < e; ++i)
    if (!llvm::is_contained(dims, i))
      shape.push_back(inputType.getDimSize(i));
  Value empty = tensor::EmptyOp::create(builder, loc, shape, init.getType());
  Value initValue = arith::ConstantOp::create(builder, loc, init);
  Value filled =
      linalg::FillOp::create(builder, loc, initValue, empty).getResult(0);
  auto reduce = linalg::ReduceOp::create(
      builder, loc, input, filled, dims,
      [&](OpBuilder &b, Location l, ValueRange args) {
        linalg::YieldOp::create(b, l, combine(b, l, args[0], args[1]));
      });
  return reduce.getResult(0);
}

Value kiln::lowering::expandReducedDims(OpBuilder &builder, Location loc,
                                        Value value,
                                        RankedTensorType resultType,
                                        ArrayRef<int64_t> dims) {
  if (dims.empty())
    return value;
  // Every kept dimension opens a group; a reduced (unit) dimension joins the
  // group before it, or the first group when it leads. Without kept
  // dimensions the source is rank 0 and the reassociation is empty.
  SmallVector<ReassociationIndices> groups;
  SmallVector<int64_t> leading;
  for (int64_t i = 0, e = resultType.getRank(); i < e; ++i) {
    if (llvm::is_contained(dims, i)) {
      if (groups.empty())
        leading.push_back(i);
      else
        groups.back().push_back(i);
      continue;
    }
    ReassociationIndices group;
    if (groups.empty())
      group.append(leading.begin(), leading.end());
    group.push_back(i);
    groups.push_back(group);
  }
  return tensor::ExpandShapeOp::create(builder, loc, resultType, value, groups);
}

Type kiln::lowering::getAccumulatorType(Type elementType) {
  auto floatType = dyn_cast<FloatType>(elementType);
  if (floatType && floatType.getWidth() < 32)
    return Float32Type::get(elementType.getContext());
  return elementType;
}

Value kiln::lowering::castFloat(OpBuilder &builder, Location loc, Value value,
                                Type type) {
  auto from = cast<FloatType>(value.getType());
  auto to = cast<FloatType>(type);
  if (from == to)
    return value;
  if (from.getWidth() < to.getWidth())
    return arith::ExtFOp::create(builder, loc, to, value);
  if (from.getWidth() > to.getWidth())
    return arith::TruncFOp::create(builder, loc, to, value);
  // Same width (f16 <-> bf16): go through f32.
  Value wide = arith::ExtFOp::create(builder, loc, builder.getF32Type(), value);
  return arith::TruncFOp::create(builder, loc, to, wide);
}

Value kiln::lowering::createFilledTensor(OpBuilder &builder, Location loc,
                                         ArrayRef<int64_t> shape,
                                         Type elementType, double value) {
  Value empty = tensor::EmptyOp::create(builder, loc, shape, elementType);
  Value fill = scalarConstant(builder, loc, elementType, value);
  return linalg::FillOp::create(builder, loc, ValueRange{fill},
                                ValueRange{empty})
      .getResult(0);
}

Value kiln::lowering::buildReshape(OpBuilder &builder, Location loc,
                                   Value value, RankedTensorType resultType) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  if (sourceType == resultType)
    return value;
  // Without elements there is nothing to move.
  if (resultType.getNumElements() == 0)
    return tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                   resultType.getElementType());
  int64_t sourceRank = sourceType.getRank();
  int64_t resultRank = resultType.getRank();
  // Rank 0 <-> all-ones shapes: the empty reassociation.
  if (sourceRank == 0)
    return tensor::ExpandShapeOp::create(builder, loc, resultType, value,
                                         ArrayRef<ReassociationIndices>{});
  if (resultRank == 0)
    return tensor::CollapseShapeOp::create(builder, loc, resultType, value,
                                           ArrayRef<ReassociationIndices>{});
  if (std::optional<SmallVector<ReassociationIndices>> reassociation =
          getReassociationIndicesForReshape(sourceType, resultType)) {
    if (sourceRank > resultRank)
      return tensor::CollapseShapeOp::create(builder, loc, resultType, value,
                                             *reassociation);
    return tensor::ExpandShapeOp::create(builder, loc, resultType, value,
                                         *reassociation);
  }
  // No regrouping (e.g. 2x3 -> 3x2): through a 1-D tensor.
  auto flatType = RankedTensorType::get({sourceType.getNumElements()},
                                        sourceType.getElementType());
  Value flat = value;
  if (sourceRank != 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < sourceRank; ++d)
      all.push_back(d);
    flat = tensor::CollapseShapeOp::create(builder, loc, flatType, value,
                                           ArrayRef<ReassociationIndices>{all});
  }
  if (resultRank == 1)
    return flat;
  ReassociationIndices all;
  for (int64_t d = 0; d < resultRank; ++d)
    all.push_back(d);
  return tensor::ExpandShapeOp::create(builder, loc, resultType, flat,
                                       ArrayRef<ReassociationIndices>{all});
}
