//===- Norm.cpp - Import normalizations and softmax -----------------------===//
//
// BatchNormalization (inference), LayerNormalization, Softmax and LogSoftmax
// (opset 11-12: the input is viewed as a matrix split at `axis`; opset 13:
// one axis). Only output 0 of the normalizations may be used.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

static LogicalResult importBatchNorm(OnnxNode &node) {
  if (node.getInt("training_mode", 0) != 0)
    return node.emitError() << "training mode is not supported";
  if (failed(node.requireUnusedOutputs(1, "the statistics of training "
                                          "mode")))
    return failure();
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> operand = node.getInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  FailureOr<Value> result = node.create<BatchNormOp>(
      operands, {node.f64Attr("epsilon", node.getFloat("epsilon", 1e-5))});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

static LogicalResult importLayerNorm(OnnxNode &node) {
  if (failed(node.requireUnusedOutputs(1, "the mean and inverse standard "
                                          "deviation")))
    return failure();
  FailureOr<Value> input = node.getInput(0), scale = node.getInput(1);
  FailureOr<Value> bias = node.getOptionalInput(2);
  if (failed(input) || failed(scale) || failed(bias))
    return failure();
  SmallVector<Value> operands = {*input, *scale};
  if (*bias)
    operands.push_back(*bias);
  FailureOr<Value> result = node.create<LayerNormOp>(
      operands,
      {node.i64Attr("axis", node.getInt("axis", -1)),
       node.f64Attr("epsilon", node.getFloat("epsilon", 1e-5)),
       node.namedAttr(
           "operandSegmentSizes",
           DenseI32ArrayAttr::get(node.getContext(), {1, 1, *bias ? 1 : 0}))});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Softmax and LogSoftmax.
template <typename OpTy> static LogicalResult importSoftmax(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t rank = type.getRank();
  bool coerced = node.getOpset() < 13;
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", coerced ? 1 : -1), rank, "axis");
  if (failed(axis))
    return failure();

  // Opset 11-12: softmax over all dimensions from `axis` on, i.e. over the
  // rows of the input viewed as a [outer, inner] matrix. With `axis` the last
  // dimension this is the single-axis softmax.
  if (!coerced || *axis == rank - 1) {
    FailureOr<Value> result =
        node.create<OpTy>({*input}, {node.i64Attr("axis", *axis)});
    if (failed(result))
      return failure();
    node.setOutput(0, *result);
    return success();
  }
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < *axis ? outer : inner) *= type.getDimSize(d);
  FailureOr<Value> matrix = reshapeTo(node, *input, {outer, inner});
  if (failed(matrix))
    return failure();
  FailureOr<Value> result =
      node.create<OpTy>({*matrix}, {node.i64Attr("axis", 1)});
  if (failed(result))
    return failure();
  result = reshapeTo(node, *result, type.getShape());
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void onnx_import::populateNormImporters(NodeImporterTable &table) {
  table["BatchNormalization"] = importBatchNorm;
  table["LayerNormalization"] = importLayerNorm;
  table["Softmax"] = importSoftmax<SoftmaxOp>;
  table["LogSoftmax"] = importSoftmax<LogSoftmaxOp>;
}
