//===- RecognizeUtils.cpp - Matching helpers for kiln-recognize-patterns --===//

#include "RecognizeUtils.h"

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APFloat.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::kiln;

/// Constants with more elements than this are not read to find out whether
/// they are splats in disguise (exporters write scalars as rank-0 or
/// one-element tensors).
static constexpr int64_t kMaxScannedConstant = 64;

std::optional<double> recognize::getSplatFloat(Value value) {
  ElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !isa<FloatType>(type.getElementType()) ||
      type.getNumElements() == 0)
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr); dense && dense.isSplat())
    return dense.getSplatValue<APFloat>().convertToDouble();
  if (type.getNumElements() > kMaxScannedConstant)
    return std::nullopt;
  std::optional<SmallVector<double>> values = readFloatData(attr);
  if (!values || !llvm::all_equal(*values))
    return std::nullopt;
  return values->front();
}

bool recognize::equalsInType(double value, double target, Type type) {
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType)
    return false;
  APFloat a(value), b(target);
  bool lost;
  a.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  b.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  return a.bitwiseIsEqual(b);
}

bool recognize::isSplatConstant(Value value, double target) {
  std::optional<double> splat = getSplatFloat(value);
  return splat && equalsInType(*splat, target, getElementTypeOrSelf(value));
}

/// Adds `value` to `product`: a splat constant as a constant, a single-use
/// product of the root's type flattened, anything else as a factor.
static LogicalResult collectInto(Value value, Type rootType, bool isRoot,
                                 recognize::Product &product) {
  if (std::optional<double> splat = recognize::getSplatFloat(value)) {
    product.constants.push_back({*splat, /*divides=*/false});
    return success();
  }
  if (value.getType() != rootType)
    return failure();
  Operation *op = value.getDefiningOp();
  bool inner = op && (isRoot || value.hasOneUse());
  if (auto mul = dyn_cast_if_present<MulOp>(op); inner && mul) {
    if (failed(collectInto(mul.getLhs(), rootType, false, product)))
      return failure();
    return collectInto(mul.getRhs(), rootType, false, product);
  }
  if (auto div = dyn_cast_if_present<DivOp>(op); inner && div) {
    if (std::optional<double> divisor =
            recognize::getSplatFloat(div.getRhs())) {
      if (failed(collectInto(div.getLhs(), rootType, false, product)))
        return failure();
      product.constants.push_back({*divisor, /*divides=*/true});
      return success();
    }
  }
  product.factors.push_back(value);
  return success();
}

std::optional<recognize::Product> recognize::collectProduct(Value root) {
  Product product;
  if (failed(collectInto(root, root.getType(), /*isRoot=*/true, product)))
    return std::nullopt;
  return product;
}

bool recognize::hasConstantFactor(const Product &product, double multiplier,
                                  std::optional<double> divisor, Type type) {
  if (product.constants.size() != 1)
    return false;
  auto [value, divides] = product.constants.front();
  if (divides)
    return divisor && equalsInType(value, *divisor, type);
  return equalsInType(value, multiplier, type);
}

std::optional<SmallVector<int64_t>> recognize::getMeanAxes(Value mean,
                                                           Value input) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!type)
    return std::nullopt;
  int64_t rank = type.getRank();
  SmallVector<int64_t> axes;
  if (auto reduce = mean.getDefiningOp<ReduceMeanOp>()) {
    if (reduce.getInput() != input || !reduce.getKeepDims())
      return std::nullopt;
    for (int64_t axis : reduce.getAxes()) {
      if (axis < -rank || axis >= rank)
        return std::nullopt;
      axes.push_back(axis < 0 ? axis + rank : axis);
    }
    if (axes.empty())
      for (int64_t axis = 0; axis < rank; ++axis)
        axes.push_back(axis);
    llvm::sort(axes);
    if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
      return std::nullopt;
    return axes;
  }
  if (auto pool = mean.getDefiningOp<GlobalAvgPoolOp>()) {
    if (pool.getInput() != input)
      return std::nullopt;
    for (int64_t axis = 2; axis < rank; ++axis)
      axes.push_back(axis);
    return axes;
  }
  return std::nullopt;
}

bool recognize::broadcastsTo(ArrayRef<int64_t> shape,
                             ArrayRef<int64_t> target) {
  if (shape.size() > target.size())
    return false;
  size_t offset = target.size() - shape.size();
  for (auto [i, size] : llvm::enumerate(shape))
    if (size != 1 && size != target[offset + i])
      return false;
  return true;
}
