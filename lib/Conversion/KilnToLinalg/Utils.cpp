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
