//===- Contraction.cpp - Import convolutions and matrix products ----------===//
//
// Conv and ConvTranspose (2-D; 1-D as 2-D over [N, C, 1, L]; 3-D as one 2-D
// op per depth tap of the kernel, summed) with every auto_pad mode,
// MatMul and Gemm. Also the window helpers that pooling shares.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

//===----------------------------------------------------------------------===//
// Window helpers
//===----------------------------------------------------------------------===//

LogicalResult onnx_import::checkSpatialRank(const OnnxNode &node,
                                            int64_t rank) {
  if (rank >= 3 && rank <= 5)
    return success();
  return node.emitError() << "only 1-D, 2-D and 3-D " << node.getOpType()
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
  if (n != 1) {
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

/// A 3-D convolution as 2-D ones: the depth dimension joins the batch, and
/// each of the KD depth taps of the kernel is one 2-D convolution over the
/// input depth slices it reads (strided by the depth stride, offset by the
/// tap times the depth dilation, over the depth-padded input); the KD results
/// are summed. Same arithmetic as the 3-D convolution, KD smaller ops.
/// `sum + term`, or `term` when `sum` is still empty: the running sum of the
/// per-depth 2-D ops that a 3-D convolution is imported as.
static FailureOr<Value> accumulate(OnnxNode &node, Value sum, Value term) {
  if (!sum)
    return term;
  return node.create<AddOp>({sum, term});
}

static LogicalResult importConv3d(OnnxNode &node, const ConvOperands &conv,
                                  const Window2d &window) {
  ArrayRef<int64_t> in = conv.inputShape, filter = conv.filterShape;
  int64_t n = in[0], c = in[1], depth = in[2], h = in[3], w = in[4];
  int64_t f = filter[0], kd = filter[2];
  int64_t strideD = window.strides[0], dilationD = window.dilations[0];
  int64_t padBegin = window.padding[0], padEnd = window.padding[3];
  if (strideD < 1 || dilationD < 1 || padBegin < 0 || padEnd < 0)
    return node.emitError()
           << "'strides' and 'dilations' must be positive, 'pads' not "
              "negative";
  int64_t padded = depth + padBegin + padEnd;
  int64_t outDepth = (padded - dilationD * (kd - 1) - 1) / strideD + 1;
  if (padded - dilationD * (kd - 1) - 1 < 0)
    return node.emitError() << "the kernel is deeper than the padded input";

  Value input = conv.input;
  if (padBegin || padEnd) {
    FailureOr<Value> result = node.create<PadOp>(
        {input}, {node.i64ArrayAttr(
                     "pads", {0, 0, padBegin, 0, 0, 0, 0, padEnd, 0, 0})});
    if (failed(result))
      return failure();
    input = *result;
  }
  // [N, C, Dp, H, W] -> [N, Dp, C, H, W].
  FailureOr<Value> depthMajor = node.create<TransposeOp>(
      {input}, {node.i64ArrayAttr("permutation", {0, 2, 1, 3, 4})});
  if (failed(depthMajor))
    return failure();
  SmallVector<int64_t> strides = {window.strides[1], window.strides[2]};
  SmallVector<int64_t> dilations = {window.dilations[1], window.dilations[2]};
  SmallVector<int64_t> padding = {window.padding[1], window.padding[2],
                                  window.padding[4], window.padding[5]};
  int64_t groups = node.getInt("group", 1);
  Value sum;
  for (int64_t tap = 0; tap < kd; ++tap) {
    int64_t start = tap * dilationD;
    FailureOr<Value> slice = node.create<SliceOp>(
        {*depthMajor},
        {node.i64ArrayAttr("starts", {0, start, 0, 0, 0}),
         node.i64ArrayAttr("ends",
                           {n, start + strideD * (outDepth - 1) + 1, c, h, w}),
         node.i64ArrayAttr("steps", {1, strideD, 1, 1, 1})});
    if (failed(slice))
      return failure();
    FailureOr<Value> batch = reshapeTo(node, *slice, {n * outDepth, c, h, w});
    FailureOr<Value> kernel = node.create<SliceOp>(
        {conv.filter}, {node.i64ArrayAttr("starts", {0, 0, tap, 0, 0}),
                        node.i64ArrayAttr("ends", {f, filter[1], tap + 1,
                                                   filter[3], filter[4]}),
                        node.i64ArrayAttr("steps", {1, 1, 1, 1, 1})});
    if (failed(batch) || failed(kernel))
      return failure();
    kernel = reshapeTo(node, *kernel, {f, filter[1], filter[3], filter[4]});
    if (failed(kernel))
      return failure();
    SmallVector<Value> operands = {*batch, *kernel};
    if (tap == 0 && conv.bias)
      operands.push_back(conv.bias);
    FailureOr<Value> partial = node.create<Conv2dOp>(
        operands, {node.i64ArrayAttr("strides", strides),
                   node.i64ArrayAttr("dilations", dilations),
                   node.i64ArrayAttr("padding", padding),
                   node.i64Attr("groups", groups)});
    if (failed(partial) || failed(partial = accumulate(node, sum, *partial)))
      return failure();
    sum = *partial;
  }
  // [N * OD, F, OH, OW] -> [N, OD, F, OH, OW] -> [N, F, OD, OH, OW].
  auto planes = cast<RankedTensorType>(sum.getType()).getShape();
  FailureOr<Value> result =
      reshapeTo(node, sum, {n, outDepth, f, planes[2], planes[3]});
  if (failed(result))
    return failure();
  result = node.create<TransposeOp>(
      {*result}, {node.i64ArrayAttr("permutation", {0, 2, 1, 3, 4})});
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
  if (kernel.size() == 3)
    return importConv3d(node, *conv, *window);
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

/// A 3-D transposed convolution as 2-D ones: the depth dimension joins the
/// batch, and each of the KD depth taps of the kernel is one 2-D transposed
/// convolution of every input plane. Input plane i feeds output plane
/// i * stride + tap * dilation (before the depth pads are cropped): each
/// tap's planes are spread by the depth stride (zero planes between them),
/// shifted to their offset and summed; then the depth pads are cropped and
/// the bias added.
static LogicalResult
importConvTranspose3d(OnnxNode &node, const ConvOperands &conv,
                      ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                      ArrayRef<int64_t> outputPadding, ArrayRef<int64_t> pads) {
  ArrayRef<int64_t> in = conv.inputShape, filter = conv.filterShape;
  int64_t n = in[0], c = in[1], depth = in[2], h = in[3], w = in[4];
  int64_t groups = node.getInt("group", 1);
  int64_t kd = filter[2], f = filter[1] * groups;
  int64_t strideD = strides[0], dilationD = dilations[0];
  if (strideD < 1 || dilationD < 1 || pads[0] < 0 || pads[3] < 0 ||
      outputPadding[0] < 0)
    return node.emitError() << "'strides' and 'dilations' must be positive, "
                               "'pads' and 'output_padding' not negative";
  int64_t spread = (depth - 1) * strideD + 1;
  int64_t full = spread + (kd - 1) * dilationD + outputPadding[0];
  if (pads[0] + pads[3] >= full)
    return node.emitError() << "the depth pads leave no output";

  FailureOr<Value> depthMajor = node.create<TransposeOp>(
      {conv.input}, {node.i64ArrayAttr("permutation", {0, 2, 1, 3, 4})});
  if (failed(depthMajor))
    return failure();
  FailureOr<Value> batch = reshapeTo(node, *depthMajor, {n * depth, c, h, w});
  if (failed(batch))
    return failure();
  Value sum;
  int64_t plane = 0, outH = 0, outW = 0;
  for (int64_t tap = 0; tap < kd; ++tap) {
    FailureOr<Value> kernel = node.create<SliceOp>(
        {conv.filter}, {node.i64ArrayAttr("starts", {0, 0, tap, 0, 0}),
                        node.i64ArrayAttr("ends", {c, filter[1], tap + 1,
                                                   filter[3], filter[4]}),
                        node.i64ArrayAttr("steps", {1, 1, 1, 1, 1})});
    if (failed(kernel))
      return failure();
    kernel = reshapeTo(node, *kernel, {c, filter[1], filter[3], filter[4]});
    if (failed(kernel))
      return failure();
    FailureOr<Value> planes = node.create<ConvTranspose2dOp>(
        {*batch, *kernel},
        {node.i64ArrayAttr("strides", {strides[1], strides[2]}),
         node.i64ArrayAttr("dilations", {dilations[1], dilations[2]}),
         node.i64ArrayAttr("padding", {pads[1], pads[2], pads[4], pads[5]}),
         node.i64ArrayAttr("output_padding",
                           {outputPadding[1], outputPadding[2]}),
         node.i64Attr("groups", groups)});
    if (failed(planes))
      return failure();
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(planes->getType()).getShape();
    outH = shape[2];
    outW = shape[3];
    plane = f * outH * outW;
    // [N * D, F, OH, OW] -> [N, (D - 1) * stride + 1, F * OH * OW] with
    // stride - 1 zero planes after each input plane but the last.
    FailureOr<Value> rows = reshapeTo(node, *planes, {n, depth, 1, plane});
    if (failed(rows))
      return failure();
    if (strideD > 1) {
      rows = node.create<PadOp>(
          {*rows},
          {node.i64ArrayAttr("pads", {0, 0, 0, 0, 0, 0, strideD - 1, 0})});
      if (failed(rows))
        return failure();
      rows = reshapeTo(node, *rows, {n, depth * strideD, plane});
      if (failed(rows))
        return failure();
      rows = node.create<SliceOp>(
          {*rows}, {node.i64ArrayAttr("starts", {0, 0, 0}),
                    node.i64ArrayAttr("ends", {n, spread, plane}),
                    node.i64ArrayAttr("steps", {1, 1, 1})});
    } else {
      rows = reshapeTo(node, *rows, {n, depth, plane});
    }
    if (failed(rows))
      return failure();
    int64_t offset = tap * dilationD;
    FailureOr<Value> placed = node.create<PadOp>(
        {*rows}, {node.i64ArrayAttr(
                     "pads", {0, offset, 0, 0, full - spread - offset, 0})});
    if (failed(placed) || failed(placed = accumulate(node, sum, *placed)))
      return failure();
    sum = *placed;
  }
  int64_t outD = full - pads[0] - pads[3];
  FailureOr<Value> result = node.create<SliceOp>(
      {sum}, {node.i64ArrayAttr("starts", {0, pads[0], 0}),
              node.i64ArrayAttr("ends", {n, pads[0] + outD, plane}),
              node.i64ArrayAttr("steps", {1, 1, 1})});
  if (failed(result))
    return failure();
  result = reshapeTo(node, *result, {n, outD, f, outH, outW});
  if (failed(result))
    return failure();
  result = node.create<TransposeOp>(
      {*result}, {node.i64ArrayAttr("permutation", {0, 2, 1, 3, 4})});
  if (failed(result))
    return failure();
  if (conv.bias) {
    FailureOr<Value> bias = reshapeTo(node, conv.bias, {f, 1, 1, 1});
    if (failed(bias))
      return failure();
    result = node.create<AddOp>({*result, *bias});
    if (failed(result))
      return failure();
  }
  node.setOutput(0, *result);
  return success();
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

  if (n == 3)
    return importConvTranspose3d(node, *conv, *strides, *dilations,
                                 *outputPadding, pads);
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
