//===- Shuffle.cpp - Import depth/space rearrangements and Resize ---------===//
//
// DepthToSpace (DCR and CRD) and SpaceToDepth become kiln.pixel_shuffle and
// kiln.pixel_unshuffle; Resize (opsets 11 and 13: roi, scales and sizes
// inputs, every attribute but tf_crop_and_resize) becomes kiln.resize with
// static sizes.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

static LogicalResult importDepthToSpace(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  std::string mode = node.getString("mode", "DCR");
  if (mode != "DCR" && mode != "CRD")
    return node.emitError() << "unsupported mode '" << mode << "'";
  PixelShuffleOrder order =
      mode == "DCR" ? PixelShuffleOrder::DCR : PixelShuffleOrder::CRD;
  FailureOr<Value> result = node.create<PixelShuffleOp>(
      {*input}, {node.i64Attr("upscale_factor", node.getInt("blocksize", 0)),
                 node.namedAttr("order", PixelShuffleOrderAttr::get(
                                             node.getContext(), order))});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

static LogicalResult importSpaceToDepth(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result = node.create<PixelUnshuffleOp>(
      {*input}, {node.i64Attr("downscale_factor", node.getInt("blocksize", 0)),
                 node.namedAttr(
                     "order", PixelShuffleOrderAttr::get(
                                  node.getContext(), PixelShuffleOrder::DCR))});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// floor(size * scale), where a product within a relative 1e-9 of an integer
/// counts as that integer (the rule of kiln.resize).
static int64_t getScaledSize(int64_t size, double scale) {
  double product = static_cast<double>(size) * scale;
  double nearest = std::round(product);
  if (std::fabs(product - nearest) <= 1e-9 * std::fabs(product))
    return static_cast<int64_t>(nearest);
  return static_cast<int64_t>(std::floor(product));
}

static LogicalResult importResize(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  int64_t rank = type.getRank();
  MLIRContext *context = node.getContext();

  // Attributes.
  std::string modeName = node.getString("mode", "nearest");
  std::optional<ResizeMode> mode =
      llvm::StringSwitch<std::optional<ResizeMode>>(modeName)
          .Case("nearest", ResizeMode::Nearest)
          .Case("linear", ResizeMode::Linear)
          .Case("cubic", ResizeMode::Cubic)
          .Default(std::nullopt);
  if (!mode)
    return node.emitError() << "unsupported mode '" << modeName << "'";
  std::string transformName =
      node.getString("coordinate_transformation_mode", "half_pixel");
  std::optional<CoordinateTransform> transform =
      llvm::StringSwitch<std::optional<CoordinateTransform>>(transformName)
          .Case("half_pixel", CoordinateTransform::HalfPixel)
          .Case("pytorch_half_pixel", CoordinateTransform::PytorchHalfPixel)
          .Case("align_corners", CoordinateTransform::AlignCorners)
          .Case("asymmetric", CoordinateTransform::Asymmetric)
          .Case("tf_half_pixel_for_nn", CoordinateTransform::TfHalfPixelForNn)
          .Default(std::nullopt);
  if (!transform)
    return node.emitError() << "unsupported coordinate_transformation_mode '"
                            << transformName << "'";
  std::string nearestName =
      node.getString("nearest_mode", "round_prefer_floor");
  std::optional<NearestMode> nearest =
      llvm::StringSwitch<std::optional<NearestMode>>(nearestName)
          .Case("round_prefer_floor", NearestMode::RoundPreferFloor)
          .Case("round_prefer_ceil", NearestMode::RoundPreferCeil)
          .Case("floor", NearestMode::Floor)
          .Case("ceil", NearestMode::Ceil)
          .Default(std::nullopt);
  if (!nearest)
    return node.emitError()
           << "unsupported nearest_mode '" << nearestName << "'";

  // Output sizes: the `sizes` input, or the `scales` input applied to the
  // input shape. An input of zero elements counts as absent (opset 11 needs
  // an empty `scales` when `sizes` is given).
  auto getParameter = [&](unsigned i,
                          StringRef name) -> FailureOr<const HostTensor *> {
    if (!node.hasInput(i))
      return static_cast<const HostTensor *>(nullptr);
    FailureOr<const HostTensor *> tensor = node.requireConstantInput(i, name);
    if (failed(tensor))
      return failure();
    if ((*tensor)->size() == 0)
      return static_cast<const HostTensor *>(nullptr);
    if ((*tensor)->size() != rank)
      return node.emitError() << "'" << name << "' has " << (*tensor)->size()
                              << " values, the input has rank " << rank;
    return tensor;
  };
  FailureOr<const HostTensor *> scales = getParameter(2, "scales");
  FailureOr<const HostTensor *> sizes = getParameter(3, "sizes");
  if (failed(scales) || failed(sizes))
    return failure();
  SmallVector<NamedAttribute> attributes;
  SmallVector<int64_t> outputSizes;
  if (*sizes) {
    outputSizes = (*sizes)->toInts();
  } else if (*scales) {
    SmallVector<double> scaleValues = (*scales)->toDoubles();
    if (llvm::any_of(scaleValues, [](double scale) {
          return !std::isfinite(scale) || scale <= 0;
        }))
      return node.emitError() << "'scales' must be positive";
    for (int64_t d = 0; d < rank; ++d)
      outputSizes.push_back(getScaledSize(type.getDimSize(d), scaleValues[d]));
    attributes.push_back(
        node.namedAttr("scales", DenseF64ArrayAttr::get(context, scaleValues)));
  } else {
    return node.emitError() << "needs 'scales' or 'sizes'";
  }

  attributes.push_back(node.i64ArrayAttr("sizes", outputSizes));
  attributes.push_back(
      node.namedAttr("mode", ResizeModeAttr::get(context, *mode)));
  attributes.push_back(
      node.namedAttr("coordinate_transform",
                     CoordinateTransformAttr::get(context, *transform)));
  attributes.push_back(
      node.namedAttr("nearest_mode", NearestModeAttr::get(context, *nearest)));
  attributes.push_back(
      node.f64Attr("cubic_coeff_a", node.getFloat("cubic_coeff_a", -0.75)));
  attributes.push_back(
      node.boolAttr("exclude_outside", node.getInt("exclude_outside", 0) != 0));
  FailureOr<Value> result = node.create<ResizeOp>({*input}, attributes);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void onnx_import::populateShuffleImporters(NodeImporterTable &table) {
  table["DepthToSpace"] = importDepthToSpace;
  table["SpaceToDepth"] = importSpaceToDepth;
  table["Resize"] = importResize;
}
