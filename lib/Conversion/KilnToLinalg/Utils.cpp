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
  // Adjacent reduced dimensions are one run of contiguous elements (the H and
  // W of a global pool): reduce them as one dimension, so that the kernel
  // reads whole vectors of it rather than one short row at a time.
  SmallVector<int64_t> collapsedDims;
  if (inputType.hasStaticShape()) {
    SmallVector<ReassociationIndices> groups;
    for (int64_t i = 0, e = inputType.getRank(); i < e; ++i) {
      bool reduced = llvm::is_contained(dims, i);
      if (reduced && i > 0 && llvm::is_contained(dims, i - 1)) {
        groups.back().push_back(i);
        continue;
      }
      if (reduced)
        collapsedDims.push_back(groups.size());
      groups.push_back({i});
    }
    if (groups.size() < static_cast<size_t>(inputType.getRank())) {
      input = tensor::CollapseShapeOp::create(builder, loc, input, groups);
      dims = collapsedDims;
    }
  }
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
                                   Value value, RankedTensorType type) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  ArrayRef<int64_t> src = sourceType.getShape(), dst = type.getShape();
  if (src == dst)
    return value;
  // Without elements there is nothing to move.
  if (type.getNumElements() == 0)
    return tensor::EmptyOp::create(builder, loc, dst, type.getElementType());

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
