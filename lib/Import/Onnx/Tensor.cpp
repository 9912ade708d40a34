//===- Tensor.cpp - Import tensor plumbing --------------------------------===//
//
// Reshape, Transpose, Concat, Split, Slice, Pad, Gather, Expand, Flatten,
// Squeeze, Unsqueeze, Identity and Dropout. Parameters that ONNX passes as
// inputs (shapes, pads, slice bounds, split sizes, axes) must be constants
// after shape folding; they become static attributes in the conventions of
// the kiln ops (resolved -1 and 0 in shapes, clamped slice bounds, negative
// pads as slices).
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

/// Defines output 0 of `node` as `result` unless it failed.
static LogicalResult setResult(const OnnxNode &node, FailureOr<Value> result) {
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

static LogicalResult importReshape(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<const HostTensor *> requested =
      node.requireConstantInput(1, "shape");
  if (failed(input) || failed(requested))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      resolveReshape(node, cast<RankedTensorType>(input->getType()).getShape(),
                     (*requested)->toInts(), node.getInt("allowzero", 0) != 0);
  if (failed(shape))
    return failure();
  return setResult(node, node.create<ReshapeOp>(
                             {*input}, {node.i64ArrayAttr("shape", *shape)}));
}

static LogicalResult importTranspose(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  int64_t rank = cast<RankedTensorType>(input->getType()).getRank();
  SmallVector<int64_t> permutation;
  if (std::optional<SmallVector<int64_t>> perm = node.getInts("perm"))
    permutation = *perm;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      permutation.push_back(d);
  return setResult(
      node, node.create<TransposeOp>(
                {*input}, {node.i64ArrayAttr("permutation", permutation)}));
}

static LogicalResult importConcat(OnnxNode &node) {
  SmallVector<Value> inputs;
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i) {
    FailureOr<Value> input = node.getInput(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  return setResult(node,
                   node.create<ConcatOp>(
                       inputs, {node.i64Attr("axis", node.getInt("axis", 0))}));
}

static LogicalResult importSplit(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", 0), type.getRank(), "axis");
  if (failed(axis))
    return failure();
  // The sizes: the `split` attribute (opset 11-12) or constant input
  // (opset 13), else equal parts, one per output.
  SmallVector<int64_t> sizes;
  if (std::optional<SmallVector<int64_t>> split = node.getInts("split")) {
    sizes = *split;
  } else if (node.hasInput(1)) {
    FailureOr<const HostTensor *> split = node.requireConstantInput(1, "split");
    if (failed(split))
      return failure();
    sizes = (*split)->toInts();
  } else {
    int64_t parts = node.getNumOutputs();
    int64_t size = type.getDimSize(*axis);
    if (parts == 0 || size % parts != 0)
      return node.emitError()
             << "cannot split dimension " << *axis << " of size " << size
             << " into " << parts << " equal parts";
    sizes.assign(parts, size / parts);
  }
  if (static_cast<int64_t>(sizes.size()) != node.getNumOutputs())
    return node.emitError() << "'split' has " << sizes.size() << " sizes for "
                            << node.getNumOutputs() << " outputs";
  FailureOr<Operation *> split =
      node.createOp<SplitOp>({*input}, {node.i64Attr("axis", *axis),
                                        node.i64ArrayAttr("sizes", sizes)});
  if (failed(split))
    return failure();
  for (auto [i, result] : llvm::enumerate((*split)->getResults()))
    node.setOutput(i, result);
  return success();
}

static LogicalResult importSlice(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<const HostTensor *> starts = node.requireConstantInput(1, "starts");
  FailureOr<const HostTensor *> ends = node.requireConstantInput(2, "ends");
  if (failed(starts) || failed(ends))
    return failure();
  std::optional<SmallVector<int64_t>> axes, steps;
  if (node.hasInput(3)) {
    FailureOr<const HostTensor *> tensor = node.requireConstantInput(3, "axes");
    if (failed(tensor))
      return failure();
    axes = (*tensor)->toInts();
  }
  if (node.hasInput(4)) {
    FailureOr<const HostTensor *> tensor =
        node.requireConstantInput(4, "steps");
    if (failed(tensor))
      return failure();
    steps = (*tensor)->toInts();
  }
  FailureOr<SliceBounds> bounds = normalizeSlice(
      node, cast<RankedTensorType>(input->getType()).getShape(),
      (*starts)->toInts(), (*ends)->toInts(),
      axes ? std::optional<ArrayRef<int64_t>>(*axes) : std::nullopt,
      steps ? std::optional<ArrayRef<int64_t>>(*steps) : std::nullopt);
  if (failed(bounds))
    return failure();
  return setResult(
      node, node.create<SliceOp>({*input},
                                 {node.i64ArrayAttr("starts", bounds->starts),
                                  node.i64ArrayAttr("ends", bounds->ends),
                                  node.i64ArrayAttr("steps", bounds->steps)}));
}

static LogicalResult importPad(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<const HostTensor *> padsTensor =
      node.requireConstantInput(1, "pads");
  if (failed(input) || failed(padsTensor))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> pads = (*padsTensor)->toInts();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return node.emitError()
           << "'pads' has " << pads.size() << " values, expected " << 2 * rank;
  double value = 0;
  if (node.hasInput(2)) {
    FailureOr<const HostTensor *> constant =
        node.requireConstantInput(2, "constant_value");
    if (failed(constant))
      return failure();
    if ((*constant)->size() > 0)
      value = (*constant)->getDouble(0);
  }
  std::string modeName = node.getString("mode", "constant");
  std::optional<PadMode> mode =
      llvm::StringSwitch<std::optional<PadMode>>(modeName)
          .Case("constant", PadMode::Constant)
          .Case("reflect", PadMode::Reflect)
          .Case("edge", PadMode::Edge)
          .Default(std::nullopt);
  if (!mode)
    return node.emitError() << "unsupported mode '" << modeName << "'";

  // Negative pads crop: a slice first, then the non-negative pads.
  if (llvm::any_of(pads, [](int64_t pad) { return pad < 0; })) {
    SliceBounds bounds;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      int64_t cropped = std::max<int64_t>(0, -pads[d]) +
                        std::max<int64_t>(0, -pads[rank + d]);
      if (cropped > size)
        return node.emitError()
               << "'pads' crop " << cropped << " elements from dimension " << d
               << " of size " << size;
      int64_t begin = std::min(std::max<int64_t>(0, -pads[d]), size);
      int64_t end =
          std::max(size - std::max<int64_t>(0, -pads[rank + d]), begin);
      bounds.starts.push_back(begin);
      bounds.ends.push_back(end);
      bounds.steps.push_back(1);
    }
    input = node.create<SliceOp>({*input},
                                 {node.i64ArrayAttr("starts", bounds.starts),
                                  node.i64ArrayAttr("ends", bounds.ends),
                                  node.i64ArrayAttr("steps", bounds.steps)});
    if (failed(input))
      return failure();
    for (int64_t &pad : pads)
      pad = std::max<int64_t>(pad, 0);
  }
  return setResult(
      node,
      node.create<PadOp>(
          {*input},
          {node.i64ArrayAttr("pads", pads),
           node.namedAttr("mode", PadModeAttr::get(node.getContext(), *mode)),
           node.f64Attr("value", value)}));
}

static LogicalResult importGather(OnnxNode &node) {
  FailureOr<Value> data = node.getInput(0), indices = node.getInput(1);
  if (failed(data) || failed(indices))
    return failure();
  return setResult(node, node.create<GatherOp>(
                             {*data, *indices},
                             {node.i64Attr("axis", node.getInt("axis", 0))}));
}

static LogicalResult importExpand(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<const HostTensor *> shape = node.requireConstantInput(1, "shape");
  if (failed(input) || failed(shape))
    return failure();
  return setResult(
      node, node.create<ExpandOp>(
                {*input}, {node.i64ArrayAttr("shape", (*shape)->toInts())}));
}

static LogicalResult importFlatten(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  int64_t rank = cast<RankedTensorType>(input->getType()).getRank();
  int64_t axis = node.getInt("axis", 1);
  if (axis < 0)
    axis += rank;
  return setResult(
      node, node.create<FlattenOp>({*input}, {node.i64Attr("axis", axis)}));
}

static LogicalResult importSqueeze(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesParameter(node, 1);
  if (failed(input) || failed(axes))
    return failure();
  SmallVector<int64_t> axesValue;
  if (*axes)
    axesValue = **axes;
  return setResult(node, node.create<SqueezeOp>(
                             {*input}, {node.i64ArrayAttr("axes", axesValue)}));
}

static LogicalResult importUnsqueeze(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesParameter(node, 1);
  if (failed(input) || failed(axes))
    return failure();
  if (!*axes)
    return node.emitError() << "'axes' is missing";
  return setResult(node, node.create<UnsqueezeOp>(
                             {*input}, {node.i64ArrayAttr("axes", **axes)}));
}

static LogicalResult importIdentity(OnnxNode &node) {
  node.forwardInput(0, 0);
  return success();
}

/// Dropout in inference is the identity, and so is training mode with ratio
/// 0 (nothing dropped, a scale of 1 / (1 - 0)). Training mode with another
/// ratio draws a random mask, and the mask output is not supported.
static LogicalResult importDropout(OnnxNode &node) {
  if (failed(node.requireUnusedOutputs(1, "the mask of training mode")))
    return failure();
  if (node.hasInput(2)) {
    FailureOr<const HostTensor *> training =
        node.requireConstantInput(2, "training_mode");
    if (failed(training))
      return failure();
    if ((*training)->size() > 0 && (*training)->getInt(0) != 0) {
      // The ratio: input 1 from opset 12 (default 0.5).
      double ratio = 0.5;
      if (node.hasInput(1)) {
        FailureOr<const HostTensor *> given =
            node.requireConstantInput(1, "ratio");
        if (failed(given))
          return failure();
        if ((*given)->size() != 1)
          return node.emitError() << "'ratio' must be a scalar";
        ratio = (*given)->getDouble(0);
      }
      if (ratio != 0.0)
        return node.emitError()
               << "training mode with ratio " << llvm::formatv("{0}", ratio)
               << " (a random mask) is not supported; only inference, or "
                  "ratio 0";
    }
  }
  node.forwardInput(0, 0);
  return success();
}

/// Tile: x [d0, d1, ...] viewed as [1, d0, 1, d1, ...], expanded to
/// [r0, d0, r1, d1, ...] and viewed as [r0 * d0, r1 * d1, ...].
static LogicalResult importTile(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  FailureOr<const HostTensor *> repeats =
      node.requireConstantInput(1, "repeats");
  if (failed(input) || failed(repeats))
    return failure();
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input->getType()).getShape();
  SmallVector<int64_t> counts = (*repeats)->toInts();
  if (counts.size() != shape.size())
    return node.emitError() << "'repeats' has " << counts.size()
                            << " values for an input of rank " << shape.size();
  if (llvm::all_of(counts, [](int64_t r) { return r == 1; })) {
    node.forwardInput(0, 0);
    return success();
  }
  SmallVector<int64_t> spread, expanded, tiled;
  for (auto [size, count] : llvm::zip(shape, counts)) {
    if (count < 0)
      return node.emitError() << "'repeats' has a negative value " << count;
    spread.append({1, size});
    expanded.append({count, size});
    tiled.push_back(count * size);
  }
  if (!isValidShape(tiled))
    return node.emitError() << "the tiled tensor is too large";
  FailureOr<Value> result = reshapeTo(node, *input, spread);
  if (failed(result))
    return failure();
  result =
      node.create<ExpandOp>({*result}, {node.i64ArrayAttr("shape", expanded)});
  if (failed(result))
    return failure();
  return setResult(node, reshapeTo(node, *result, tiled));
}

/// Trilu: the elements on and above (`upper`, default) or on and below
/// diagonal `k` (input 1, default 0) of the last two dimensions, zeros
/// elsewhere: a kiln.where with a constant mask.
static LogicalResult importTrilu(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  int64_t k = 0;
  if (node.hasInput(1)) {
    FailureOr<const HostTensor *> diagonal = node.requireConstantInput(1, "k");
    if (failed(diagonal))
      return failure();
    k = (*diagonal)->getInt(0);
  }
  auto type = cast<RankedTensorType>(input->getType());
  if (type.getRank() < 2)
    return node.emitError() << "Trilu needs an input of rank 2 or more";
  int64_t rows = type.getDimSize(type.getRank() - 2),
          columns = type.getDimSize(type.getRank() - 1);
  bool upper = node.getInt("upper", 1) != 0;
  SmallVector<bool> keep;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < columns; ++j)
      keep.push_back(upper ? j - i >= k : j - i <= k);
  auto maskType = RankedTensorType::get({rows, columns},
                                        IntegerType::get(node.getContext(), 1));
  FailureOr<Value> mask = node.create<ConstantOp>(
      {}, {node.namedAttr("value", DenseElementsAttr::get(maskType, keep))});
  FailureOr<Value> zero = createScalar(node, type.getElementType(), 0.0);
  if (failed(mask) || failed(zero))
    return failure();
  return setResult(node, node.create<WhereOp>({*mask, *input, *zero}));
}

void onnx_import::populateTensorImporters(NodeImporterTable &table) {
  table["Reshape"] = importReshape;
  table["Transpose"] = importTranspose;
  table["Concat"] = importConcat;
  table["Split"] = importSplit;
  table["Slice"] = importSlice;
  table["Pad"] = importPad;
  table["Gather"] = importGather;
  table["Expand"] = importExpand;
  table["Flatten"] = importFlatten;
  table["Squeeze"] = importSqueeze;
  table["Unsqueeze"] = importUnsqueeze;
  table["Identity"] = importIdentity;
  table["Dropout"] = importDropout;
  table["Tile"] = importTile;
  table["Trilu"] = importTrilu;
}
