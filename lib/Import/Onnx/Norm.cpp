//===- Norm.cpp - Import normalizations and softmax -----------------------===//
//
// BatchNormalization (inference), LayerNormalization, InstanceNormalization
// (and so torch's GroupNorm), Softmax and LogSoftmax
// (opset 11-12: the input is viewed as a matrix split at `axis`; opset 13:
// one axis). LayerNormalization's Mean and InvStdDev outputs are computed
// with reductions next to kiln.layer_norm; of BatchNormalization only output
// 0 (inference) is imported.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"

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

/// The optional outputs of LayerNormalization: Mean (output 1) and InvStdDev
/// (output 2) of `input` over the dimensions from `axis` on, kept as size-1
/// dimensions: mean(x) and 1 / sqrt(mean((x - mean(x))^2) + epsilon), as
/// kiln reductions and elementwise ops.
static LogicalResult importLayerNormStatistics(OnnxNode &node, Value input,
                                               int64_t axis, double epsilon) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> axes;
  for (int64_t d = axis; d < type.getRank(); ++d)
    axes.push_back(d);
  SmallVector<NamedAttribute> reduce = {node.i64ArrayAttr("axes", axes),
                                        node.boolAttr("keep_dims", true)};
  FailureOr<Value> mean = node.create<ReduceMeanOp>({input}, reduce);
  if (failed(mean))
    return failure();
  if (node.isOutputUsed(1))
    node.setOutput(1, *mean);
  if (!node.isOutputUsed(2))
    return success();
  FailureOr<Value> centered = node.create<SubOp>({input, *mean});
  if (failed(centered))
    return failure();
  FailureOr<Value> squared = node.create<MulOp>({*centered, *centered});
  if (failed(squared))
    return failure();
  FailureOr<Value> variance = node.create<ReduceMeanOp>({*squared}, reduce);
  FailureOr<Value> eps = createScalar(node, type.getElementType(), epsilon);
  FailureOr<Value> one = createScalar(node, type.getElementType(), 1.0);
  if (failed(variance) || failed(eps) || failed(one))
    return failure();
  FailureOr<Value> shifted = node.create<AddOp>({*variance, *eps});
  if (failed(shifted))
    return failure();
  FailureOr<Value> deviation = node.create<SqrtOp>({*shifted});
  if (failed(deviation))
    return failure();
  FailureOr<Value> inverse = node.create<DivOp>({*one, *deviation});
  if (failed(inverse))
    return failure();
  node.setOutput(2, *inverse);
  return success();
}

static LogicalResult importLayerNorm(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0), scale = node.getInput(1);
  FailureOr<Value> bias = node.getOptionalInput(2);
  if (failed(input) || failed(scale) || failed(bias))
    return failure();
  int64_t rank = cast<RankedTensorType>(input->getType()).getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", -1), rank, "axis");
  if (failed(axis))
    return failure();
  double epsilon = node.getFloat("epsilon", 1e-5);
  SmallVector<Value> operands = {*input, *scale};
  if (*bias)
    operands.push_back(*bias);
  FailureOr<Value> result = node.create<LayerNormOp>(
      operands,
      {node.i64Attr("axis", node.getInt("axis", -1)),
       node.f64Attr("epsilon", epsilon),
       node.namedAttr(
           "operandSegmentSizes",
           DenseI32ArrayAttr::get(node.getContext(), {1, 1, *bias ? 1 : 0}))});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  if (node.isOutputUsed(1) || node.isOutputUsed(2))
    return importLayerNormStatistics(node, *input, *axis, epsilon);
  return success();
}

/// Returns true if `value` is an import-time constant whose elements all
/// equal `x`.
static bool isConstantSplat(const OnnxNode &node, unsigned input, double x) {
  const HostTensor *tensor = node.getConstantInput(input);
  if (!tensor)
    return false;
  for (int64_t i = 0, e = tensor->size(); i < e; ++i)
    if (tensor->getDouble(i) != x)
      return false;
  return true;
}

/// InstanceNormalization(x [N, C, D...], scale [C], bias [C]): each image's
/// channel normalized over D... (a kiln.layer_norm from axis 2, without its
/// own scale and bias), then scaled and shifted per channel. torch.onnx
/// exports GroupNorm as this on x viewed as [N, groups, -1] with a scale of
/// ones and a bias of zeros (the affine parameters follow as Mul and Add):
/// those constants are left out.
static LogicalResult importInstanceNorm(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t rank = type.getRank();
  if (rank < 3)
    return node.emitError() << "InstanceNormalization needs an input of rank "
                               "3 or more, not "
                            << rank;
  FailureOr<Value> result = node.create<LayerNormOp>(
      {*input},
      {node.i64Attr("axis", 2),
       node.f64Attr("epsilon", node.getFloat("epsilon", 1e-5)),
       node.namedAttr("operandSegmentSizes",
                      DenseI32ArrayAttr::get(node.getContext(), {1, 0, 0}))});
  if (failed(result))
    return failure();
  // The per-channel parameters as [C, 1, ...] against [N, C, D...].
  SmallVector<int64_t> channelShape(rank - 1, 1);
  channelShape[0] = type.getDimSize(1);
  for (auto [i, identity] : {std::pair<unsigned, double>{1, 1.0}, {2, 0.0}}) {
    if (isConstantSplat(node, i, identity))
      continue;
    FailureOr<Value> parameter = node.getInput(i);
    if (failed(parameter))
      return failure();
    parameter = reshapeTo(node, *parameter, channelShape);
    if (failed(parameter))
      return failure();
    result = i == 1 ? node.create<MulOp>({*result, *parameter})
                    : node.create<AddOp>({*result, *parameter});
    if (failed(result))
      return failure();
  }
  node.setOutput(0, *result);
  return success();
}

/// LRN (AlexNet- and GoogLeNet-era exports): x / (bias + alpha / size *
/// sum of x^2 over the `size` channels around c)^beta. The sum is an
/// average pool (padding counted) of x^2 viewed as [N, 1, C, D...] with a
/// window of `size` channels, times `size`.
static LogicalResult importLrn(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t size = node.getInt("size", 0);
  if (type.getRank() < 3)
    return node.emitError() << "LRN needs an input of rank 3 or more";
  if (size < 1)
    return node.emitError() << "'size' must be positive, not " << size;
  ArrayRef<int64_t> shape = type.getShape();
  int64_t pixels = 1;
  for (int64_t d : shape.drop_front(2))
    pixels *= d;
  Type element = type.getElementType();
  FailureOr<Value> square = node.create<MulOp>({*input, *input});
  if (failed(square))
    return failure();
  FailureOr<Value> planes =
      reshapeTo(node, *square, {shape[0], 1, shape[1], pixels});
  if (failed(planes))
    return failure();
  FailureOr<Value> window = node.create<AvgPool2dOp>(
      {*planes},
      {node.i64ArrayAttr("kernel", {size, 1}),
       node.i64ArrayAttr("strides", {1, 1}),
       node.i64ArrayAttr("padding", {(size - 1) / 2, 0, size / 2, 0}),
       node.boolAttr("ceil_mode", false),
       node.boolAttr("count_include_pad", true)});
  if (failed(window))
    return failure();
  FailureOr<Value> mean = reshapeTo(node, *window, shape);
  FailureOr<Value> alpha =
      createScalar(node, element, node.getFloat("alpha", 1e-4));
  FailureOr<Value> bias =
      createScalar(node, element, node.getFloat("bias", 1.0));
  FailureOr<Value> beta =
      createScalar(node, element, node.getFloat("beta", 0.75));
  if (failed(mean) || failed(alpha) || failed(bias) || failed(beta))
    return failure();
  FailureOr<Value> scaled = node.create<MulOp>({*mean, *alpha});
  if (failed(scaled))
    return failure();
  FailureOr<Value> base = node.create<AddOp>({*scaled, *bias});
  if (failed(base))
    return failure();
  FailureOr<Value> divisor = node.create<PowOp>({*base, *beta});
  if (failed(divisor))
    return failure();
  FailureOr<Value> result = node.create<DivOp>({*input, *divisor});
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
  table["InstanceNormalization"] = importInstanceNorm;
  table["LRN"] = importLrn;
  table["Softmax"] = importSoftmax<SoftmaxOp>;
  table["LogSoftmax"] = importSoftmax<LogSoftmaxOp>;
}
