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

Value kiln::lowering::reshapeTo(OpBuilder &builder, Location loc, Value value,
                                RankedTensorType type) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  ArrayRef<int64_t> src = sourceType.getShape(), dst = type.getShape();
  if (src == dst)
    return value;

  // Group consecutive dimensions of both shapes into blocks of equal size.
  SmallVector<ReassociationIndices> srcGroups, dstGroups;
  bool grouped = !llvm::is_contained(src, 0) && !llvm::is_contained(dst, 0);
  size_t i = 0, j = 0;
  while (grouped && i < src.size() && j < dst.size()) {
    ReassociationIndices s = {int64_t(i)}, d = {int64_t(j)};
    int64_t ps = src[i++], pd = dst[j++];
    while (ps != pd) {
      if (ps < pd && i < src.size()) {
        s.push_back(i);
        ps *= src[i++];
      } else if (pd < ps && j < dst.size()) {
        d.push_back(j);
        pd *= dst[j++];
      } else {
        grouped = false;
        break;
      }
    }
    srcGroups.push_back(s);
    dstGroups.push_back(d);
  }
  // Trailing size-1 dimensions join the last block.
  for (; grouped && i < src.size(); ++i) {
    if (src[i] != 1 || srcGroups.empty())
      grouped = false;
    else
      srcGroups.back().push_back(i);
  }
  for (; grouped && j < dst.size(); ++j) {
    if (dst[j] != 1 || dstGroups.empty())
      grouped = false;
    else
      dstGroups.back().push_back(j);
  }
  SmallVector<int64_t> mid;
  if (grouped) {
    for (const ReassociationIndices &g : srcGroups) {
      int64_t size = 1;
      for (int64_t d : g)
        size *= src[d];
      mid.push_back(size);
    }
  } else if (!src.empty() && !dst.empty()) {
    // Through one dimension: always valid.
    int64_t size = 1;
    for (int64_t s : src)
      size *= s;
    mid = {size};
    srcGroups = {llvm::to_vector(llvm::seq<int64_t>(0, src.size()))};
    dstGroups = {llvm::to_vector(llvm::seq<int64_t>(0, dst.size()))};
  } else {
    // To or from a 0-D tensor: every other dimension has size 1.
    srcGroups.clear();
    dstGroups.clear();
  }

  Value collapsed = value;
  if (src != ArrayRef<int64_t>(mid))
    collapsed = tensor::CollapseShapeOp::create(
        builder, loc, sourceType.clone(mid), value, srcGroups);
  if (dst == ArrayRef<int64_t>(mid))
    return collapsed;
  return tensor::ExpandShapeOp::create(builder, loc, type, collapsed,
                                       dstGroups);
}
