//===- Contraction.cpp - Import convolutions and matrix products ----------===//
//
// Conv and ConvTranspose (2-D, and 1-D as 2-D over [N, C, 1, L]) with every
// auto_pad mode, MatMul and Gemm. Also the window helpers that pooling
// shares.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

//===----------------------------------------------------------------------===//
// Window helpers
//===----------------------------------------------------------------------===//

LogicalResult onnx_import::checkSpatialRank(const OnnxNode &node,
                                            int64_t rank) {
  if (rank == 3 || rank == 4)
    return success();
  return node.emitError() << "only 1-D and 2-D " << node.getOpType()
                          << " is supported, the input has rank " << rank;
}

FailureOr<Value> onnx_import::expandTo2d(const OnnxNode &node, Value value) {
  return node.create<UnsqueezeOp>({value}, {node.i64ArrayAttr("axes", {2})});
}

FailureOr<Value> onnx_import::collapseFrom2d(const OnnxNode &node,
                                             Value value) {
  return node.create<SqueezeOp>({value}, {node.i64ArrayAttr("axes", {2})});
}

/// The attribute `name` of `node` with `size` values, or `size` copies of
/// `defaultValue` when absent.
static FailureOr<SmallVector<int64_t>> getIntsOfSize(const OnnxNode &node,
                                                     StringRef name,
                                                     size_t size,
                                                     int64_t defaultValue) {
  std::optional<SmallVector<int64_t>> values = node.getInts(name);
  if (!values)
    return SmallVector<int64_t>(size, defaultValue);
  if (values->size() != size)
    return node.emitError() << "'" << name << "' has " << values->size()
                            << " values, expected " << size;
  return *values;
}

/// Pads of auto_pad SAME_UPPER / SAME_LOWER: the output size is
/// ceil(size / stride), and the odd padding element goes at the end (UPPER)
/// or the beginning (LOWER).
static std::pair<int64_t, int64_t>
getSamePads(int64_t size, int64_t stride, int64_t effectiveKernel, bool upper) {
  int64_t out = (size + stride - 1) / stride;
  int64_t total =
      std::max<int64_t>(0, (out - 1) * stride + effectiveKernel - size);
  int64_t begin = upper ? total / 2 : total - total / 2;
  return {begin, total - begin};
}

FailureOr<Window2d> onnx_import::getWindow2d(const OnnxNode &node,
                                             ArrayRef<int64_t> spatialSizes,
                                             ArrayRef<int64_t> kernel,
                                             bool hasDilations) {
  size_t n = kernel.size();
  FailureOr<SmallVector<int64_t>> strides =
      getIntsOfSize(node, "strides", n, 1);
  if (failed(strides))
    return failure();
  FailureOr<SmallVector<int64_t>> dilations =
      hasDilations
          ? getIntsOfSize(node, "dilations", n, 1)
          : FailureOr<SmallVector<int64_t>>(SmallVector<int64_t>(n, 1));
  if (failed(dilations))
    return failure();
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  SmallVector<int64_t> pads(2 * n, 0);
  if (autoPad == "NOTSET") {
    FailureOr<SmallVector<int64_t>> given =
        getIntsOfSize(node, "pads", 2 * n, 0);
    if (failed(given))
      return failure();
    pads = *given;
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t i = 0; i < n; ++i) {
      if ((*strides)[i] < 1)
        return node.emitError() << "'strides' must be positive";
      auto [begin, end] = getSamePads(spatialSizes[i], (*strides)[i],
                                      (*dilations)[i] * (kernel[i] - 1) + 1,
                                      autoPad == "SAME_UPPER");
      pads[i] = begin;
      pads[n + i] = end;
    }
  } else if (autoPad != "VALID") {
    return node.emitError() << "unsupported auto_pad '" << autoPad << "'";
  }

  Window2d window;
  if (n == 2) {
    window.strides = *strides;
    window.dilations = *dilations;
    window.padding = pads;
  } else {
    window.strides = {1, (*strides)[0]};
    window.dilations = {1, (*dilations)[0]};
    window.padding = {0, pads[0], 0, pads[1]};
  }
  return window;
}

//===----------------------------------------------------------------------===//
// Conv and ConvTranspose
//===----------------------------------------------------------------------===//

namespace {
/// The operands of a convolution, expanded to 2-D where needed.
struct ConvOperands {
  Value input, filter, bias;
  SmallVector<int64_t> inputShape, filterShape;
  bool is1d = false;
};
} // namespace

static FailureOr<ConvOperands> getConvOperands(const OnnxNode &node) {
  ConvOperands conv;
  FailureOr<Value> input = node.getInput(0), filter = node.getInput(1);
  FailureOr<Value> bias = node.getOptionalInput(2);
  if (failed(input) || failed(filter) || failed(bias))
    return failure();
  auto inputType = cast<RankedTensorType>(input->getType());
  auto filterType = cast<RankedTensorType>(filter->getType());
  if (failed(checkSpatialRank(node, inputType.getRank())))
    return failure();
  if (filterType.getRank() != inputType.getRank())
    return node.emitError() << "the weight has rank " << filterType.getRank()
                            << ", the input " << inputType.getRank();
  conv.inputShape = SmallVector<int64_t>(inputType.getShape());
  conv.filterShape = SmallVector<int64_t>(filterType.getShape());
  ArrayRef<int64_t> kernel = ArrayRef<int64_t>(conv.filterShape).drop_front(2);
  if (std::optional<SmallVector<int64_t>> kernelShape =
          node.getInts("kernel_shape"))
    if (ArrayRef<int64_t>(*kernelShape) != kernel)
      return node.emitError() << "'kernel_shape' does not match the weight's "
                                 "spatial dimensions";
  conv.input = *input;
  conv.filter = *filter;
  conv.bias = *bias;
  conv.is1d = inputType.getRank() == 3;
  if (conv.is1d) {
    input = expandTo2d(node, conv.input);
    filter = expandTo2d(node, conv.filter);
    if (failed(input) || failed(filter))
      return failure();
    conv.input = *input;
    conv.filter = *filter;
  }
  return conv;
}

/// Defines output 0 of `node` as `result`, collapsing a 1-D convolution.
static LogicalResult setConvResult(const OnnxNode &node, bool is1d,
                                   FailureOr<Value> result) {
  if (succeeded(result) && is1d)
    result = collapseFrom2d(node, *result);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

static LogicalResult importConv(OnnxNode &node) {
  FailureOr<ConvOperands> conv = getConvOperands(node);
  if (failed(conv))
    return failure();
  ArrayRef<int64_t> spatial = ArrayRef<int64_t>(conv->inputShape).drop_front(2);
  ArrayRef<int64_t> kernel = ArrayRef<int64_t>(conv->filterShape).drop_front(2);
  FailureOr<Window2d> window =
      getWindow2d(node, spatial, kernel, /*hasDilations=*/true);
  if (failed(window))
    return failure();
  SmallVector<Value> operands = {conv->input, conv->filter};
  if (conv->bias)
    operands.push_back(conv->bias);
  return setConvResult(
      node, conv->is1d,
      node.create<Conv2dOp>(operands,
                            {node.i64ArrayAttr("strides", window->strides),
                             node.i64ArrayAttr("dilations", window->dilations),
                             node.i64ArrayAttr("padding", window->padding),
                             node.i64Attr("groups", node.getInt("group", 1))}));
}

static LogicalResult importConvTranspose(OnnxNode &node) {
  FailureOr<ConvOperands> conv = getConvOperands(node);
  if (failed(conv))
    return failure();
  ArrayRef<int64_t> spatial = ArrayRef<int64_t>(conv->inputShape).drop_front(2);
  ArrayRef<int64_t> kernel = ArrayRef<int64_t>(conv->filterShape).drop_front(2);
  size_t n = kernel.size();
  FailureOr<SmallVector<int64_t>> strides =
      getIntsOfSize(node, "strides", n, 1);
  FailureOr<SmallVector<int64_t>> dilations =
      getIntsOfSize(node, "dilations", n, 1);
  FailureOr<SmallVector<int64_t>> outputPadding =
      getIntsOfSize(node, "output_padding", n, 0);
  if (failed(strides) || failed(dilations) || failed(outputPadding))
    return failure();
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER")
    return node.emitError() << "unsupported auto_pad '" << autoPad << "'";

  // The output shape: given, or implied by SAME_*; the pads follow from it.
  std::optional<SmallVector<int64_t>> outputShape =
      node.getInts("output_shape");
  if (outputShape && outputShape->size() == n + 2)
    outputShape = SmallVector<int64_t>(ArrayRef(*outputShape).drop_front(2));
  if (outputShape && outputShape->size() != n)
    return node.emitError() << "'output_shape' has " << outputShape->size()
                            << " values, expected " << n;
  if (!outputShape && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")) {
    outputShape.emplace();
    for (size_t i = 0; i < n; ++i)
      outputShape->push_back(spatial[i] * (*strides)[i]);
  }
  SmallVector<int64_t> pads(2 * n, 0);
  if (outputShape) {
    for (size_t i = 0; i < n; ++i) {
      int64_t total = (*strides)[i] * (spatial[i] - 1) + (*outputPadding)[i] +
                      (kernel[i] - 1) * (*dilations)[i] + 1 - (*outputShape)[i];
      // An output larger than the full result grows at the end, as with
      // output_padding (ONNX's test_convtranspose_output_shape).
      if (total < 0) {
        (*outputPadding)[i] -= total;
        continue;
      }
      // As the ONNX specification says: the odd element goes at the end for
      // SAME_UPPER, at the beginning otherwise.
      pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[n + i] = total - pads[i];
    }
  } else if (autoPad == "NOTSET") {
    FailureOr<SmallVector<int64_t>> given =
        getIntsOfSize(node, "pads", 2 * n, 0);
    if (failed(given))
      return failure();
    pads = *given;
  }

  SmallVector<int64_t> strides2d = *strides, dilations2d = *dilations,
                       outputPadding2d = *outputPadding, padding = pads;
  if (n == 1) {
    strides2d = {1, (*strides)[0]};
    dilations2d = {1, (*dilations)[0]};
    outputPadding2d = {0, (*outputPadding)[0]};
    padding = {0, pads[0], 0, pads[1]};
  }
  SmallVector<Value> operands = {conv->input, conv->filter};
  if (conv->bias)
    operands.push_back(conv->bias);
  return setConvResult(
      node, conv->is1d,
      node.create<ConvTranspose2dOp>(
          operands, {node.i64ArrayAttr("strides", strides2d),
                     node.i64ArrayAttr("dilations", dilations2d),
                     node.i64ArrayAttr("padding", padding),
                     node.i64ArrayAttr("output_padding", outputPadding2d),
                     node.i64Attr("groups", node.getInt("group", 1))}));
}

//===----------------------------------------------------------------------===//
// MatMul and Gemm
//===----------------------------------------------------------------------===//

static LogicalResult importMatMul(OnnxNode &node) {
  FailureOr<Value> lhs = node.getInput(0), rhs = node.getInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Value> result = node.create<MatMulOp>({*lhs, *rhs});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

static LogicalResult importGemm(OnnxNode &node) {
  FailureOr<Value> a = node.getInput(0), b = node.getInput(1);
  FailureOr<Value> c = node.getOptionalInput(2);
  if (failed(a) || failed(b) || failed(c))
    return failure();
  SmallVector<Value> operands = {*a, *b};
  if (*c)
    operands.push_back(*c);
  Type f32 = Float32Type::get(node.getContext());
  FailureOr<Value> result = node.create<GemmOp>(
      operands,
      {node.namedAttr("alpha",
                      FloatAttr::get(f32, node.getFloat("alpha", 1.0))),
       node.namedAttr("beta", FloatAttr::get(f32, node.getFloat("beta", 1.0))),
       node.boolAttr("trans_a", node.getInt("transA", 0) != 0),
       node.boolAttr("trans_b", node.getInt("transB", 0) != 0)});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void onnx_import::populateContractionImporters(NodeImporterTable &table) {
  table["Conv"] = importConv;
  table["ConvTranspose"] = importConvTranspose;
  table["MatMul"] = importMatMul;
  table["Gemm"] = importGemm;
}
