//===- Pool.cpp - Import pooling and reductions ---------------------------===//
//
// MaxPool and AveragePool (2-D, and 1-D as 2-D over [N, C, 1, L]; every
// auto_pad mode, ceil mode), the global pools, and ReduceMean, ReduceSum and
// ReduceMax with their axes as an attribute or (ReduceSum from opset 13) a
// constant input.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

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
  FailureOr<Value> result = node.create<OpTy>(
      {*input},
      {node.i64ArrayAttr("axes", noAxes ? ArrayRef<int64_t>() : **axes),
       node.boolAttr("keep_dims", node.getInt("keepdims", 1) != 0)});
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
}
