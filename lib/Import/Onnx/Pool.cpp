//===- Pool.cpp - Import pooling and reductions ---------------------------===//
//
// MaxPool and AveragePool (2-D; 1-D as 2-D over [N, C, 1, L]; 3-D as a 2-D
// pool over (H, W) and one over depth; every auto_pad mode, ceil mode), the
// global pools, and ReduceMean, ReduceSum and ReduceMax with their axes as an
// attribute or (ReduceSum from opset 13) a constant input.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

/// A 3-D MaxPool or AveragePool as two 2-D pools: over (H, W) with depth
/// folded into the channels, then over depth with the pooled planes
/// flattened into the width. Exact because the pooling window (and its part
/// inside the input, which an average without count_include_pad divides by)
/// is a product of per-dimension ranges: the maximum of maxima, and the mean
/// of means over equal-sized sets, are the 3-D results.
template <typename OpTy>
static LogicalResult
importPool3d(OnnxNode &node, Value input, ArrayRef<int64_t> kernel,
             const Window2d &window, ArrayRef<NamedAttribute> common) {
  constexpr bool isMax = std::is_same_v<OpTy, MaxPool2dOp>;
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  int64_t n = shape[0], c = shape[1], depth = shape[2];
  auto pool = [&](Value value, ArrayRef<int64_t> kernel2d,
                  ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                  ArrayRef<int64_t> padding) {
    SmallVector<NamedAttribute> attributes(common);
    attributes.append({node.i64ArrayAttr("kernel", kernel2d),
                       node.i64ArrayAttr("strides", strides),
                       node.i64ArrayAttr("padding", padding)});
    if (isMax)
      attributes.push_back(node.i64ArrayAttr("dilations", dilations));
    return node.create<OpTy>({value}, attributes);
  };
  FailureOr<Value> planes =
      reshapeTo(node, input, {n, c * depth, shape[3], shape[4]});
  if (failed(planes))
    return failure();
  planes = pool(*planes, {kernel[1], kernel[2]},
                {window.strides[1], window.strides[2]},
                {window.dilations[1], window.dilations[2]},
                {window.padding[1], window.padding[2], window.padding[4],
                 window.padding[5]});
  if (failed(planes))
    return failure();
  ArrayRef<int64_t> pooled =
      cast<RankedTensorType>(planes->getType()).getShape();
  int64_t outH = pooled[2], outW = pooled[3];
  FailureOr<Value> columns =
      reshapeTo(node, *planes, {n, c, depth, outH * outW});
  if (failed(columns))
    return failure();
  columns = pool(*columns, {kernel[0], 1}, {window.strides[0], 1},
                 {window.dilations[0], 1},
                 {window.padding[0], 0, window.padding[3], 0});
  if (failed(columns))
    return failure();
  int64_t outD = cast<RankedTensorType>(columns->getType()).getDimSize(2);
  FailureOr<Value> result = reshapeTo(node, *columns, {n, c, outD, outH, outW});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// MaxPool and AveragePool.
template <typename OpTy> static LogicalResult importPool(OnnxNode &node) {
  constexpr bool isMax = std::is_same_v<OpTy, MaxPool2dOp>;
  if (isMax && failed(node.requireUnusedOutputs(1, "the indices of "
                                                   "the maxima")))
    return failure();
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  if (failed(checkSpatialRank(node, type.getRank())))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = node.getInts("kernel_shape");
  if (!kernel || static_cast<int64_t>(kernel->size()) != type.getRank() - 2)
    return node.emitError()
           << "'kernel_shape' must have " << type.getRank() - 2 << " values";
  FailureOr<Window2d> window = getWindow2d(node, type.getShape().drop_front(2),
                                           *kernel, /*hasDilations=*/isMax);
  if (failed(window))
    return failure();
  if (type.getRank() == 5) {
    SmallVector<NamedAttribute> common = {
        node.boolAttr("ceil_mode", node.getInt("ceil_mode", 0) != 0)};
    if (!isMax)
      common.push_back(node.boolAttr("count_include_pad",
                                     node.getInt("count_include_pad", 0) != 0));
    return importPool3d<OpTy>(node, *input, *kernel, *window, common);
  }
  bool is1d = type.getRank() == 3;
  SmallVector<int64_t> kernel2d = *kernel;
  if (is1d) {
    kernel2d = {1, (*kernel)[0]};
    input = expandTo2d(node, *input);
    if (failed(input))
      return failure();
  }
  SmallVector<NamedAttribute> attributes = {
      node.i64ArrayAttr("kernel", kernel2d),
      node.i64ArrayAttr("strides", window->strides),
      node.i64ArrayAttr("padding", window->padding),
      node.boolAttr("ceil_mode", node.getInt("ceil_mode", 0) != 0)};
  if (isMax)
    attributes.push_back(node.i64ArrayAttr("dilations", window->dilations));
  else
    attributes.push_back(node.boolAttr(
        "count_include_pad", node.getInt("count_include_pad", 0) != 0));
  FailureOr<Value> result = node.create<OpTy>({*input}, attributes);
  if (succeeded(result) && is1d)
    result = collapseFrom2d(node, *result);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

template <typename OpTy> static LogicalResult importGlobalPool(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result = node.create<OpTy>({*input});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// ReduceMean, ReduceSum, ReduceMax: `axes` is an attribute, or (ReduceSum
/// from opset 13) the constant input 1, where no axes with
/// noop_with_empty_axes = 1 means the identity.
/// A kiln reduction `OpTy` of `value` over `axes` (all when empty).
template <typename OpTy>
static FailureOr<Value> createReduce(const OnnxNode &node, Value value,
                                     ArrayRef<int64_t> axes, bool keepDims) {
  return node.create<OpTy>({value}, {node.i64ArrayAttr("axes", axes),
                                     node.boolAttr("keep_dims", keepDims)});
}

template <typename OpTy> static LogicalResult importReduce(OnnxNode &node) {
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesParameter(node, 1);
  if (failed(axes))
    return failure();
  bool noAxes = !*axes || (*axes)->empty();
  if (noAxes && node.getInt("noop_with_empty_axes", 0) != 0) {
    node.forwardInput(0, 0);
    return success();
  }
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result = createReduce<OpTy>(
      node, *input, noAxes ? ArrayRef<int64_t>() : ArrayRef<int64_t>(**axes),
      node.getInt("keepdims", 1) != 0);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

namespace {
/// The reductions kiln has no op of its own for, built from reduce_sum and
/// reduce_max and elementwise ops.
enum class Composite { Min, L1, L2, SumSquare, LogSumExp };
} // namespace

/// ReduceMin (-max(-x)), ReduceL1 (sum |x|), ReduceL2 (sqrt(sum x^2)),
/// ReduceSumSquare (sum x^2) and ReduceLogSumExp (log(sum exp(x - max)) +
/// max, with the maximum kept as size-1 dimensions, then dropped unless
/// `keepdims`), over the `axes` attribute (all axes when absent).
template <Composite kind>
static LogicalResult importCompositeReduce(OnnxNode &node) {
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesParameter(node, 1);
  FailureOr<Value> input = node.getInput(0);
  if (failed(axes) || failed(input))
    return failure();
  SmallVector<int64_t> axesList = *axes ? **axes : SmallVector<int64_t>();
  bool keepDims = node.getInt("keepdims", 1) != 0;
  Value x = *input;
  FailureOr<Value> result = failure();
  switch (kind) {
  case Composite::Min: {
    FailureOr<Value> negated = node.create<NegOp>({x});
    if (failed(negated))
      return failure();
    result = createReduce<ReduceMaxOp>(node, *negated, axesList, keepDims);
    if (succeeded(result))
      result = node.create<NegOp>({*result});
    break;
  }
  case Composite::L1: {
    FailureOr<Value> magnitude = node.create<AbsOp>({x});
    if (failed(magnitude))
      return failure();
    result = createReduce<ReduceSumOp>(node, *magnitude, axesList, keepDims);
    break;
  }
  case Composite::L2:
  case Composite::SumSquare: {
    FailureOr<Value> square = node.create<MulOp>({x, x});
    if (failed(square))
      return failure();
    result = createReduce<ReduceSumOp>(node, *square, axesList, keepDims);
    if (succeeded(result) && kind == Composite::L2)
      result = node.create<SqrtOp>({*result});
    break;
  }
  case Composite::LogSumExp: {
    FailureOr<Value> max =
        createReduce<ReduceMaxOp>(node, x, axesList, /*keepDims=*/true);
    if (failed(max))
      return failure();
    FailureOr<Value> shifted = node.create<SubOp>({x, *max});
    if (failed(shifted))
      return failure();
    FailureOr<Value> exp = node.create<ExpOp>({*shifted});
    if (failed(exp))
      return failure();
    FailureOr<Value> sum =
        createReduce<ReduceSumOp>(node, *exp, axesList, /*keepDims=*/true);
    if (failed(sum))
      return failure();
    FailureOr<Value> log = node.create<LogOp>({*sum});
    if (failed(log))
      return failure();
    result = node.create<AddOp>({*log, *max});
    if (succeeded(result) && !keepDims) {
      ArrayRef<int64_t> shape = cast<RankedTensorType>(x.getType()).getShape();
      FailureOr<SmallVector<int64_t>> reduced =
          normalizeAxes(node, axesList, shape.size(), "axes");
      if (failed(reduced))
        return failure();
      SmallVector<int64_t> kept;
      for (auto [d, size] : llvm::enumerate(shape))
        if (!reduced->empty() &&
            !llvm::is_contained(*reduced, static_cast<int64_t>(d)))
          kept.push_back(size);
      result = reshapeTo(node, *result, kept);
    }
    break;
  }
  }
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// ArgMax and ArgMin along `axis` (default 0): the extreme value m (the
/// maximum of x, or of -x), the positions where the values equal it, their
/// indices (a constant [0, n) along the axis; the axis size n elsewhere, or
/// -1 with select_last_index), and the smallest (the largest) of those, as
/// int64. A NaN is not found: its slice's result is n (or -1).
template <bool isMax> static LogicalResult importArgExtreme(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t rank = type.getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", 0), rank, "axis");
  if (failed(axis))
    return failure();
  bool keepDims = node.getInt("keepdims", 1) != 0;
  bool last = node.getInt("select_last_index", 0) != 0;
  int64_t size = type.getDimSize(*axis);
  auto reduceMax = [&](Value value, bool keep) {
    return createReduce<ReduceMaxOp>(node, value, {*axis}, keep);
  };
  FailureOr<Value> values =
      isMax ? FailureOr<Value>(*input) : node.create<NegOp>({*input});
  if (failed(values))
    return failure();
  FailureOr<Value> extreme = reduceMax(*values, true);
  if (failed(extreme))
    return failure();
  FailureOr<Value> found = node.create<EqualOp>({*values, *extreme});
  if (failed(found))
    return failure();
  Type i64 = IntegerType::get(node.getContext(), 64);
  SmallVector<int64_t> iotaShape(rank, 1);
  iotaShape[*axis] = size;
  auto iotaType = RankedTensorType::get(iotaShape, i64);
  SmallVector<APInt> positions;
  for (int64_t i = 0; i < size; ++i)
    positions.push_back(APInt(64, i));
  FailureOr<Value> iota = node.create<ConstantOp>(
      {},
      {node.namedAttr("value", DenseElementsAttr::get(iotaType, positions))});
  FailureOr<Value> other = createScalar(node, i64, last ? -1.0 : double(size));
  if (failed(iota) || failed(other))
    return failure();
  FailureOr<Value> indices = node.create<WhereOp>({*found, *iota, *other});
  if (failed(indices))
    return failure();
  FailureOr<Value> result = failure();
  if (last) {
    result = reduceMax(*indices, keepDims);
  } else {
    FailureOr<Value> negated = node.create<NegOp>({*indices});
    if (failed(negated))
      return failure();
    result = reduceMax(*negated, keepDims);
    if (succeeded(result))
      result = node.create<NegOp>({*result});
  }
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void onnx_import::populatePoolImporters(NodeImporterTable &table) {
  table["MaxPool"] = importPool<MaxPool2dOp>;
  table["AveragePool"] = importPool<AvgPool2dOp>;
  table["GlobalAveragePool"] = importGlobalPool<GlobalAvgPoolOp>;
  table["GlobalMaxPool"] = importGlobalPool<GlobalMaxPoolOp>;
  table["ReduceMean"] = importReduce<ReduceMeanOp>;
  table["ReduceSum"] = importReduce<ReduceSumOp>;
  table["ReduceMax"] = importReduce<ReduceMaxOp>;
  table["ReduceMin"] = importCompositeReduce<Composite::Min>;
  table["ArgMax"] = importArgExtreme<true>;
  table["ArgMin"] = importArgExtreme<false>;
  table["ReduceL1"] = importCompositeReduce<Composite::L1>;
  table["ReduceL2"] = importCompositeReduce<Composite::L2>;
  table["ReduceSumSquare"] = importCompositeReduce<Composite::SumSquare>;
  table["ReduceLogSumExp"] = importCompositeReduce<Composite::LogSumExp>;
}
