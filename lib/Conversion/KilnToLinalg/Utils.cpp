//===- Utils.cpp - Helpers shared by the KilnToLinalg families ------------===//

#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

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
