//===- ShuffleOps.cpp - kiln shuffle op family -------------------------------===//
//
// Channel shuffle, pixel shuffle and unshuffle, and resize: shape inference,
// verification and folding.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/Format.h"
#include <cmath>
#include <string>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns `type` as a ranked tensor of rank at least `minRank` (exactly
/// `minRank` when `exact`), or reports why not.
static FailureOr<RankedTensorType> getInputType(Type type, int64_t minRank,
                                                bool exact,
                                                const Diagnoser &diag) {
  auto ranked = dyn_cast_if_present<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return diag.emit() << "expected a statically shaped ranked tensor input";
  if (exact && ranked.getRank() != minRank)
    return diag.emit() << "expected an input of rank " << minRank << ", got "
                       << ranked.getRank();
  if (!exact && ranked.getRank() < minRank)
    return diag.emit() << "expected an input of rank at least " << minRank
                       << ", got " << ranked.getRank();
  return ranked;
}

/// Returns the value of the required integer attribute `name`, which must be
/// at least 1.
static FailureOr<int64_t> getFactor(IntegerAttr attr, StringRef name,
                                    const Diagnoser &diag) {
  if (!attr)
    return diag.emit() << "requires attribute '" << name << "'";
  int64_t value = attr.getValue().getSExtValue();
  if (value < 1)
    return diag.emit() << "'" << name << "' must be at least 1, got " << value;
  return value;
}

/// Prints a double for a diagnostic ("2", "0.5", "1e+30").
static std::string formatDouble(double value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::format("%g", value);
  return text;
}

/// Returns the constant `type` whose element at every multi-index `out` is
/// the element of the constant `input` at the multi-index `inputIndex(out)`
/// of the input shape: the constant folding of a pure permutation of
/// elements. Returns null unless `input` is a dense elements attribute.
static Attribute
permuteConstant(Attribute input, RankedTensorType type,
                function_ref<void(ArrayRef<int64_t> out,
                                  MutableArrayRef<int64_t> in)>
                    inputIndex) {
  auto elements = dyn_cast_if_present<DenseElementsAttr>(input);
  if (!elements || !type.hasStaticShape() ||
      elements.getElementType() != type.getElementType() ||
      elements.getNumElements() != type.getNumElements())
    return {};
  if (elements.isSplat())
    return elements.resizeSplat(type);
  ArrayRef<int64_t> inShape = elements.getType().getShape();
  ArrayRef<int64_t> outShape = type.getShape();
  SmallVector<Attribute> values(elements.getValues<Attribute>());
  SmallVector<Attribute> permuted;
  permuted.reserve(values.size());
  SmallVector<int64_t> out(outShape.size(), 0), in(inShape.size(), 0);
  for (int64_t linear = 0, e = type.getNumElements(); linear < e; ++linear) {
    // Delinearize `linear` over the output shape.
    for (int64_t d = outShape.size() - 1, rest = linear; d >= 0; --d) {
      out[d] = rest % outShape[d];
      rest /= outShape[d];
    }
    inputIndex(out, in);
    int64_t source = 0;
    for (auto [index, size] : llvm::zip_equal(in, inShape))
      source = source * size + index;
    permuted.push_back(values[source]);
  }
  return DenseElementsAttr::get(type, permuted);
}

//===----------------------------------------------------------------------===//
// ChannelShuffleOp
//===----------------------------------------------------------------------===//

/// Checks a channel shuffle of `inputType` into `groups` groups and returns
/// its result type (the input type).
static FailureOr<RankedTensorType>
inferChannelShuffle(Type inputType, IntegerAttr groupsAttr,
                    const Diagnoser &diag) {
  FailureOr<RankedTensorType> type =
      getInputType(inputType, 2, /*exact=*/false, diag);
  if (failed(type))
    return failure();
  FailureOr<int64_t> groups = getFactor(groupsAttr, "groups", diag);
  if (failed(groups))
    return failure();
  int64_t channels = type->getDimSize(1);
  if (channels % *groups != 0)
    return diag.emit() << "input channels (" << channels
                       << ") must be divisible by 'groups' (" << *groups
                       << ")";
  return *type;
}

LogicalResult ChannelShuffleOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = inferChannelShuffle(
      adaptor.getInput().getType(), adaptor.getGroupsAttr(), Diagnoser(loc));
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult ChannelShuffleOp::verify() {
  return inferChannelShuffle(getInput().getType(), getGroupsAttr(),
                             Diagnoser(*this));
}

OpFoldResult ChannelShuffleOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || getInput().getType() != type || type.getRank() < 2)
    return {};
  int64_t channels = type.getDimSize(1);
  int64_t groups = getGroupsAttr().getInt();
  if (groups < 1 || channels % groups != 0)
    return {};
  // One group, or groups of one channel: the identity.
  if (groups == 1 || groups == channels)
    return getInput();
  // With K = C / g, shuffling by g maps output channel k * g + j to input
  // channel j * K + k; shuffling that by K maps output channel k' * K + j'
  // to channel j' * g + k' of the first result, i.e. (k = j', j = k') to
  // input channel k' * K + j': the identity.
  if (auto inner = getInput().getDefiningOp<ChannelShuffleOp>())
    if (inner.getInput().getType() == type &&
        llvm::checkedMul(inner.getGroupsAttr().getInt(), groups) ==
            std::optional<int64_t>(channels))
      return inner.getInput();
  int64_t perGroup = channels / groups;
  return permuteConstant(adaptor.getInput(), type,
                         [&](ArrayRef<int64_t> out,
                             MutableArrayRef<int64_t> in) {
                           llvm::copy(out, in.begin());
                           in[1] = (out[1] % groups) * perGroup +
                                   out[1] / groups;
                         });
}

//===----------------------------------------------------------------------===//
// PixelShuffleOp / PixelUnshuffleOp
//===----------------------------------------------------------------------===//

/// Checks a pixel shuffle (depth-to-space) of `inputType` by the factor in
/// `factorAttr` and returns its result type.
static FailureOr<RankedTensorType>
inferPixelShuffle(Type inputType, IntegerAttr factorAttr,
                  const Diagnoser &diag) {
  FailureOr<RankedTensorType> type =
      getInputType(inputType, 4, /*exact=*/true, diag);
  if (failed(type))
    return failure();
  FailureOr<int64_t> r = getFactor(factorAttr, "upscale_factor", diag);
  if (failed(r))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  std::optional<int64_t> square = llvm::checkedMul(*r, *r);
  std::optional<int64_t> height = llvm::checkedMul(shape[2], *r);
  std::optional<int64_t> width = llvm::checkedMul(shape[3], *r);
  if (!square || !height || !width)
    return diag.emit() << "'upscale_factor' (" << *r
                       << ") is too large for the input shape";
  if (shape[1] % *square != 0)
    return diag.emit() << "input channels (" << shape[1]
                       << ") must be divisible by 'upscale_factor' squared ("
                       << *square << ")";
  return RankedTensorType::get({shape[0], shape[1] / *square, *height, *width},
                               type->getElementType());
}

LogicalResult PixelShuffleOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type =
      inferPixelShuffle(adaptor.getInput().getType(),
                        adaptor.getUpscaleFactorAttr(), Diagnoser(loc));
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult PixelShuffleOp::verify() {
  return inferPixelShuffle(getInput().getType(), getUpscaleFactorAttr(),
                           Diagnoser(*this));
}

OpFoldResult PixelShuffleOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || type.getRank() != 4)
    return {};
  int64_t r = getUpscaleFactorAttr().getInt();
  if (r == 1 && getInput().getType() == type)
    return getInput();
  // Depth-to-space undoes space-to-depth with the same factor and order.
  if (auto inner = getInput().getDefiningOp<PixelUnshuffleOp>())
    if (inner.getDownscaleFactorAttr().getInt() == r &&
        inner.getOrder() == getOrder() && inner.getInput().getType() == type)
      return inner.getInput();
  if (r < 1)
    return {};
  int64_t channels = type.getDimSize(1);
  bool crd = getOrder() == PixelShuffleOrder::CRD;
  return permuteConstant(
      adaptor.getInput(), type,
      [&](ArrayRef<int64_t> out, MutableArrayRef<int64_t> in) {
        int64_t c = out[1], i = out[2] % r, j = out[3] % r;
        in[0] = out[0];
        in[1] = crd ? c * r * r + i * r + j : (i * r + j) * channels + c;
        in[2] = out[2] / r;
        in[3] = out[3] / r;
      });
}

/// Checks a pixel unshuffle (space-to-depth) of `inputType` by the factor in
/// `factorAttr` and returns its result type.
static FailureOr<RankedTensorType>
inferPixelUnshuffle(Type inputType, IntegerAttr factorAttr,
                    const Diagnoser &diag) {
  FailureOr<RankedTensorType> type =
      getInputType(inputType, 4, /*exact=*/true, diag);
  if (failed(type))
    return failure();
  FailureOr<int64_t> r = getFactor(factorAttr, "downscale_factor", diag);
  if (failed(r))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  std::optional<int64_t> square = llvm::checkedMul(*r, *r);
  std::optional<int64_t> channels =
      square ? llvm::checkedMul(shape[1], *square) : std::nullopt;
  if (!channels)
    return diag.emit() << "'downscale_factor' (" << *r
                       << ") is too large for the input shape";
  if (shape[2] % *r != 0)
    return diag.emit() << "input height (" << shape[2]
                       << ") must be divisible by 'downscale_factor' (" << *r
                       << ")";
  if (shape[3] % *r != 0)
    return diag.emit() << "input width (" << shape[3]
                       << ") must be divisible by 'downscale_factor' (" << *r
                       << ")";
  return RankedTensorType::get(
      {shape[0], *channels, shape[2] / *r, shape[3] / *r},
      type->getElementType());
}

LogicalResult PixelUnshuffleOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type =
      inferPixelUnshuffle(adaptor.getInput().getType(),
                          adaptor.getDownscaleFactorAttr(), Diagnoser(loc));
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult PixelUnshuffleOp::verify() {
  return inferPixelUnshuffle(getInput().getType(), getDownscaleFactorAttr(),
                             Diagnoser(*this));
}

OpFoldResult PixelUnshuffleOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || type.getRank() != 4)
    return {};
  int64_t r = getDownscaleFactorAttr().getInt();
  if (r == 1 && getInput().getType() == type)
    return getInput();
  // Space-to-depth undoes depth-to-space with the same factor and order.
  if (auto inner = getInput().getDefiningOp<PixelShuffleOp>())
    if (inner.getUpscaleFactorAttr().getInt() == r &&
        inner.getOrder() == getOrder() && inner.getInput().getType() == type)
      return inner.getInput();
  if (r < 1)
    return {};
  int64_t square = r * r;
  if (type.getDimSize(1) % square != 0)
    return {};
  int64_t channels = type.getDimSize(1) / square;
  bool crd = getOrder() == PixelShuffleOrder::CRD;
  return permuteConstant(
      adaptor.getInput(), type,
      [&](ArrayRef<int64_t> out, MutableArrayRef<int64_t> in) {
        int64_t c, block;
        if (crd) {
          c = out[1] / square;
          block = out[1] % square;
        } else {
          c = out[1] % channels;
          block = out[1] / channels;
        }
        in[0] = out[0];
        in[1] = c;
        in[2] = out[2] * r + block / r;
        in[3] = out[3] * r + block % r;
      });
}

//===----------------------------------------------------------------------===//
// ResizeOp
//===----------------------------------------------------------------------===//

/// Checks a resize of `inputType` to `sizes` (with optional `scales`) in
/// `mode` and returns its result type.
static FailureOr<RankedTensorType>
inferResize(Type inputType, DenseI64ArrayAttr sizesAttr,
            DenseF64ArrayAttr scalesAttr, ResizeMode mode,
            const Diagnoser &diag) {
  FailureOr<RankedTensorType> type =
      getInputType(inputType, 1, /*exact=*/false, diag);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  int64_t rank = type->getRank();
  for (auto [d, size] : llvm::enumerate(shape))
    if (size < 1)
      return diag.emit() << "input dimension " << d << " has size " << size
                         << ", must be at least 1";
  if (!sizesAttr)
    return diag.emit() << "requires attribute 'sizes'";
  ArrayRef<int64_t> sizes = sizesAttr.asArrayRef();
  if (failed(checkArray(sizes, "sizes", rank, 1, diag)))
    return failure();
  if (scalesAttr) {
    ArrayRef<double> scales = scalesAttr.asArrayRef();
    if (static_cast<int64_t>(scales.size()) != rank)
      return diag.emit() << "'scales' must have " << rank << " elements, got "
                         << scales.size();
    for (auto [d, scale] : llvm::enumerate(scales)) {
      if (!(scale > 0.0) || !std::isfinite(scale))
        return diag.emit() << "'scales' element " << d << " is "
                           << formatDouble(scale)
                           << ", must be a positive finite number";
      // ONNX: out = floor(in * scale); a product within a relative 1e-9 of
      // an integer counts as that integer (45 * 1.4 is 63).
      double product = static_cast<double>(shape[d]) * scale;
      double expected = std::floor(product);
      double nearest = std::round(product);
      if (std::abs(product - nearest) <= 1e-9 * std::max(1.0, product))
        expected = nearest;
      if (expected != static_cast<double>(sizes[d]))
        return diag.emit() << "'sizes' element " << d << " is " << sizes[d]
                           << ", expected floor(" << shape[d] << " * "
                           << formatDouble(scale)
                           << ") = " << formatDouble(expected)
                           << " from 'scales'";
    }
  }
  if (mode != ResizeMode::Nearest && type->getElementType().isInteger(1))
    return diag.emit() << "'mode' " << stringifyResizeMode(mode)
                       << " needs a numeric element type, got "
                       << type->getElementType();
  return RankedTensorType::get(sizes, type->getElementType());
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = inferResize(
      adaptor.getInput().getType(), adaptor.getSizesAttr(),
      adaptor.getScalesAttr(), adaptor.getMode(), Diagnoser(loc));
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult ResizeOp::verify() {
  return inferResize(getInput().getType(), getSizesAttr(), getScalesAttr(),
                     getMode(), Diagnoser(*this));
}

OpFoldResult ResizeOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return {};
  // Every interpolation of a splat gives the splat (the weights of linear
  // and cubic interpolation sum to 1).
  if (auto splat = dyn_cast_if_present<SplatElementsAttr>(adaptor.getInput()))
    if (splat.getElementType() == type.getElementType())
      return splat.resizeSplat(type);
  if (getInput().getType() != type)
    return {};
  if (std::optional<ArrayRef<double>> scales = getScales())
    if (llvm::any_of(*scales, [](double scale) { return scale != 1.0; }))
      return {};
  // With scale 1 every coordinate transform maps x to x, except
  // tf_half_pixel_for_nn, which maps x to x + 0.5: only a nearest resize
  // that rounds that down is the identity then.
  if (getCoordinateTransform() == CoordinateTransform::TfHalfPixelForNn &&
      (getMode() != ResizeMode::Nearest ||
       (getNearestMode() != NearestMode::RoundPreferFloor &&
        getNearestMode() != NearestMode::Floor)))
    return {};
  return getInput();
}
