//===- Shuffle.cpp - Lower channel/pixel shuffles and resize --------------===//
//
// The three shuffles are pure permutations of elements: each becomes one
// `linalg.transpose` of the input viewed with the permuted factors split out
// (`tensor.expand_shape`), collapsed back to the result shape
// (`tensor.collapse_shape`).
//
// `kiln.resize` becomes one `linalg.generic` over the output. Per dimension,
// the source coordinate is an exact rational function of the output index
// `x` whenever the scale is a ratio of small integers (always without
// `scales`): `x_in = (x * a + b) / d`, so nearest rounding and the integer
// part of linear/cubic taps are computed exactly with integer division, and
// only the fractional part becomes a floating-point weight. Other scales use
// `x_in = x * (1 / scale) + c` in floating point. A resize that reads one
// in-range element per output element at an affine index (nearest without
// clamping; linear and cubic at integer coordinates) reads the input through
// an affine indexing map (`(x * a + b) floordiv d`); otherwise the generic
// has no input and reads the taps with `tensor.extract` from clamped indices.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <numeric>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Permutations
//===----------------------------------------------------------------------===//

/// Returns `input` reshaped to `expandedShape` (grouped by `expand`),
/// transposed by `permutation` and collapsed (grouped by `collapse`) to
/// `resultType`: one `linalg.transpose` between two reshapes.
Value buildSplitTranspose(OpBuilder &b, Location loc, Value input,
                          ArrayRef<int64_t> expandedShape,
                          ArrayRef<ReassociationIndices> expand,
                          ArrayRef<int64_t> permutation,
                          ArrayRef<ReassociationIndices> collapse,
                          RankedTensorType resultType) {
  Type elementType = resultType.getElementType();
  auto expandedType = RankedTensorType::get(expandedShape, elementType);
  Value expanded =
      tensor::ExpandShapeOp::create(b, loc, expandedType, input, expand);
  SmallVector<int64_t> transposedShape;
  for (int64_t dim : permutation)
    transposedShape.push_back(expandedShape[dim]);
  Value init = tensor::EmptyOp::create(b, loc, transposedShape, elementType);
  Value transposed =
      linalg::TransposeOp::create(b, loc, expanded, init, permutation)
          ->getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, resultType, transposed,
                                         collapse);
}

/// output[n, k * G + g, ...] = input[n, g * K + k, ...]: the input viewed as
/// [N, G, K, ...] is transposed to [N, K, G, ...].
struct ChannelShuffleLowering : OpConversionPattern<ChannelShuffleOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ChannelShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> shape = type.getShape();
    int64_t channels = shape[1];
    int64_t groups = op.getGroups();
    if (groups < 1 || channels % groups != 0)
      return rewriter.notifyMatchFailure(op, "groups must divide channels");
    // One group, or groups of one channel: the identity.
    if (groups == 1 || groups == channels) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    int64_t rank = type.getRank();
    SmallVector<int64_t> expandedShape = {shape[0], groups, channels / groups};
    SmallVector<ReassociationIndices> reassociation = {{0}, {1, 2}};
    SmallVector<int64_t> permutation = {0, 2, 1};
    for (int64_t d = 2; d < rank; ++d) {
      expandedShape.push_back(shape[d]);
      reassociation.push_back({d + 1});
      permutation.push_back(d + 1);
    }
    rewriter.replaceOp(op, buildSplitTranspose(rewriter, op.getLoc(),
                                               adaptor.getInput(),
                                               expandedShape, reassociation,
                                               permutation, reassociation,
                                               type));
    return success();
  }
};

/// Depth-to-space. With the input channels split as [C, r, r] (crd) or
/// [r, r, C] (dcr) and the output rows and columns as [H, r] and [W, r], the
/// expanded input [N, <channels>, H, W] is transposed to [N, C, H, r, W, r].
struct PixelShuffleLowering : OpConversionPattern<PixelShuffleOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PixelShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t r = op.getUpscaleFactor();
    if (r == 1) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    ArrayRef<int64_t> in = inputType.getShape();
    int64_t n = in[0], c = type.getDimSize(1), h = in[2], w = in[3];
    SmallVector<ReassociationIndices> channelSplit = {
        {0}, {1, 2, 3}, {4}, {5}};
    SmallVector<ReassociationIndices> spatialSplit = {{0}, {1}, {2, 3}, {4, 5}};
    SmallVector<int64_t> expandedShape, permutation;
    if (op.getOrder() == PixelShuffleOrder::CRD) {
      // (n, c, i, j, h, w) -> (n, c, h, i, w, j)
      expandedShape = {n, c, r, r, h, w};
      permutation = {0, 1, 4, 2, 5, 3};
    } else {
      // (n, i, j, c, h, w) -> (n, c, h, i, w, j)
      expandedShape = {n, r, r, c, h, w};
      permutation = {0, 3, 4, 1, 5, 2};
    }
    rewriter.replaceOp(
        op, buildSplitTranspose(rewriter, op.getLoc(), adaptor.getInput(),
                                expandedShape, channelSplit, permutation,
                                spatialSplit, type));
    return success();
  }
};

/// Space-to-depth: the inverse permutation of `PixelShuffleLowering`.
struct PixelUnshuffleLowering : OpConversionPattern<PixelUnshuffleOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PixelUnshuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t r = op.getDownscaleFactor();
    if (r == 1) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    ArrayRef<int64_t> out = type.getShape();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t n = out[0], c = inputType.getDimSize(1), h = out[2], w = out[3];
    SmallVector<ReassociationIndices> spatialSplit = {{0}, {1}, {2, 3}, {4, 5}};
    SmallVector<ReassociationIndices> channelSplit = {
        {0}, {1, 2, 3}, {4}, {5}};
    // The input expanded to (n, c, h, i, w, j).
    SmallVector<int64_t> expandedShape = {n, c, h, r, w, r};
    SmallVector<int64_t> permutation;
    if (op.getOrder() == PixelShuffleOrder::CRD)
      permutation = {0, 1, 3, 5, 2, 4}; // -> (n, c, i, j, h, w)
    else
      permutation = {0, 3, 5, 1, 2, 4}; // -> (n, i, j, c, h, w)
    rewriter.replaceOp(
        op, buildSplitTranspose(rewriter, op.getLoc(), adaptor.getInput(),
                                expandedShape, spatialSplit, permutation,
                                channelSplit, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

/// Returns p / q with q <= 2^20 and p <= 2^20 within a relative 1e-12 of
/// `value` (> 0), from its continued fraction, or nothing.
std::optional<std::pair<int64_t, int64_t>> rationalApproximation(double value) {
  constexpr int64_t limit = int64_t(1) << 20;
  int64_t h0 = 0, h1 = 1, k0 = 1, k1 = 0;
  double x = value;
  for (int iteration = 0; iteration < 64; ++iteration) {
    double whole = std::floor(x);
    if (whole > static_cast<double>(limit))
      return std::nullopt;
    auto a = static_cast<int64_t>(whole);
    int64_t h2 = a * h1 + h0, k2 = a * k1 + k0;
    if (h2 > limit || k2 > limit)
      return std::nullopt;
    h0 = h1, h1 = h2, k0 = k1, k1 = k2;
    if (k1 > 0 && std::abs(static_cast<double>(h1) / static_cast<double>(k1) -
                           value) <= 1e-12 * value)
      return std::make_pair(h1, k1);
    double fraction = x - whole;
    if (!(fraction > 0.0))
      return std::nullopt;
    x = 1.0 / fraction;
  }
  return std::nullopt;
}

/// How one resized dimension maps the output index `x` to the input
/// coordinate: `x_in = (x * a + b) / d` exactly (`exact`, d > 0, a >= 0),
/// or `x_in = x * fa + fb` in floating point.
struct Coordinate {
  bool exact = true;
  int64_t a = 0, b = 0, d = 1;
  double fa = 0.0, fb = 0.0;

  bool isIdentity() const { return exact && a == d && b == 0; }
};

Coordinate makeExact(int64_t a, int64_t b, int64_t d) {
  int64_t g = std::gcd(std::gcd(a, std::abs(b)), d);
  if (g > 1)
    a /= g, b /= g, d /= g;
  Coordinate c;
  c.a = a, c.b = b, c.d = d;
  return c;
}

/// The coordinate transform of a dimension from `in` to `out` elements with
/// the scale `scale` (out / in when absent).
Coordinate getCoordinate(CoordinateTransform transform, int64_t in,
                         int64_t out, std::optional<double> scale) {
  if (transform == CoordinateTransform::AlignCorners)
    return out > 1 ? makeExact(in - 1, 0, out - 1) : makeExact(0, 0, 1);
  if (transform == CoordinateTransform::PytorchHalfPixel && out == 1)
    return makeExact(0, 0, 1);
  // 1 / scale = p / q, exactly or to a relative 1e-12.
  std::optional<std::pair<int64_t, int64_t>> ratio;
  if (!scale) {
    int64_t g = std::gcd(in, out);
    ratio = std::make_pair(in / g, out / g);
  } else {
    ratio = rationalApproximation(1.0 / *scale);
  }
  if (ratio) {
    auto [p, q] = *ratio;
    switch (transform) {
    case CoordinateTransform::HalfPixel:
    case CoordinateTransform::PytorchHalfPixel:
      // (x + 0.5) * p / q - 0.5
      return makeExact(2 * p, p - q, 2 * q);
    case CoordinateTransform::Asymmetric:
      return makeExact(p, 0, q);
    case CoordinateTransform::TfHalfPixelForNn:
      // (x + 0.5) * p / q
      return makeExact(2 * p, p, 2 * q);
    case CoordinateTransform::AlignCorners:
      break;
    }
    llvm_unreachable("handled above");
  }
  Coordinate c;
  c.exact = false;
  double inverse = 1.0 / *scale;
  c.fa = inverse;
  switch (transform) {
  case CoordinateTransform::HalfPixel:
  case CoordinateTransform::PytorchHalfPixel:
    c.fb = 0.5 * inverse - 0.5;
    break;
  case CoordinateTransform::Asymmetric:
    c.fb = 0.0;
    break;
  case CoordinateTransform::TfHalfPixelForNn:
    c.fb = 0.5 * inverse;
    break;
  case CoordinateTransform::AlignCorners:
    llvm_unreachable("handled above");
  }
  return c;
}

/// `floor((x * a + b) / d)` with d > 0, a >= 0.
struct FloorDiv {
  int64_t a, b, d;
  int64_t at(int64_t x) const { return llvm::divideFloorSigned(x * a + b, d); }
};

/// The nearest source index of an exact coordinate, before clamping.
FloorDiv getNearestIndex(const Coordinate &c, NearestMode mode) {
  FloorDiv f{c.a, c.b, c.d};
  switch (mode) {
  case NearestMode::Floor:
    break;
  case NearestMode::Ceil: // ceil(n / d) = floor((n + d - 1) / d)
    f = {c.a, c.b + c.d - 1, c.d};
    break;
  case NearestMode::RoundPreferFloor: // ceil(n / d - 1/2)
    f = {2 * c.a, 2 * c.b + c.d - 1, 2 * c.d};
    break;
  case NearestMode::RoundPreferCeil: // floor(n / d + 1/2)
    f = {2 * c.a, 2 * c.b + c.d, 2 * c.d};
    break;
  }
  // floor((x * a + b) / d) = floor((x * a/g + floor(b / g)) / (d/g)).
  int64_t g = std::gcd(f.a, f.d);
  if (g > 1)
    f = {f.a / g, llvm::divideFloorSigned(f.b, g), f.d / g};
  return f;
}

/// Builds the scalar code of a resize inside its linalg.generic.
class ResizeBuilder {
public:
  ResizeBuilder(OpBuilder &b, Location loc, Type computeType)
      : b(b), loc(loc), ct(computeType) {}

  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  Value real(double value) { return scalarConstant(b, loc, ct, value); }
  Value addf(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value subf(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mulf(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value divf(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }

  /// `x * a + c` on indices.
  Value affine(Value x, int64_t a, int64_t c) {
    Value result = x;
    if (a != 1)
      result = arith::MulIOp::create(b, loc, result, index(a));
    if (c != 0)
      result = arith::AddIOp::create(b, loc, result, index(c));
    return result;
  }
  Value floorDiv(Value x, int64_t d) {
    if (d == 1)
      return x;
    return arith::FloorDivSIOp::create(b, loc, x, index(d));
  }
  /// `x` clamped to [0, size - 1].
  Value clamp(Value x, int64_t size) {
    Value low = arith::MaxSIOp::create(b, loc, x, index(0));
    return arith::MinSIOp::create(b, loc, low, index(size - 1));
  }
  Value indexToReal(Value x) {
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), x);
    return arith::SIToFPOp::create(b, loc, ct, i64);
  }
  Value realToIndex(Value x) {
    Value i64 = arith::FPToSIOp::create(b, loc, b.getI64Type(), x);
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), i64);
  }
  /// The inexact coordinate `x * fa + fb`.
  Value realCoordinate(Value x, const Coordinate &c) {
    return addf(mulf(indexToReal(x), real(c.fa)), real(c.fb));
  }

  /// Converts an input element to the compute type.
  Value toCompute(Value v) {
    Type type = v.getType();
    if (type == ct)
      return v;
    if (auto floatType = dyn_cast<FloatType>(type))
      return floatType.getWidth() < cast<FloatType>(ct).getWidth()
                 ? Value(arith::ExtFOp::create(b, loc, ct, v))
                 : Value(arith::TruncFOp::create(b, loc, ct, v));
    return arith::SIToFPOp::create(b, loc, ct, v);
  }
  /// Converts an interpolated value back to the element type; integers are
  /// rounded half away from zero and saturated.
  Value fromCompute(Value v, Type type) {
    if (type == ct)
      return v;
    if (auto floatType = dyn_cast<FloatType>(type))
      return floatType.getWidth() < cast<FloatType>(ct).getWidth()
                 ? Value(arith::TruncFOp::create(b, loc, type, v))
                 : Value(arith::ExtFOp::create(b, loc, type, v));
    unsigned width = type.getIntOrFloatBitWidth();
    APInt min = APInt::getSignedMinValue(width);
    APInt max = APInt::getSignedMaxValue(width);
    Value rounded = math::RoundOp::create(b, loc, v);
    // The largest value of the compute type not above the maximum: the
    // maximum itself where it is exact, else the one below 2^(width - 1).
    double maxReal = static_cast<double>(max.getSExtValue());
    double top = std::ldexp(1.0, width - 1);
    if (cast<FloatType>(ct).getWidth() == 32) {
      if (width > 24)
        maxReal = std::nextafter(static_cast<float>(top), 0.0f);
    } else if (width > 53) {
      maxReal = std::nextafter(top, 0.0);
    }
    double minReal = static_cast<double>(min.getSExtValue());
    Value low = arith::MaximumFOp::create(b, loc, rounded, real(minReal));
    Value high = arith::MinimumFOp::create(b, loc, low, real(maxReal));
    return arith::FPToSIOp::create(b, loc, type, high);
  }

  OpBuilder &b;
  Location loc;
  Type ct;
};

/// The taps of one dimension: source indices (already clamped) and their
/// weights (none for a single tap of weight 1).
struct Taps {
  SmallVector<Value> indices;
  SmallVector<Value> weights;
};

/// Cubic convolution weights (Keys, coefficient `a`) of the taps at
/// x0 - 1, x0, x0 + 1, x0 + 2 for the fraction `t` = x_in - x0, in the
/// Horner form of the ONNX reference.
SmallVector<Value> cubicWeights(ResizeBuilder &rb, Value t, double a) {
  Value one = rb.real(1.0), two = rb.real(2.0);
  Value ca = rb.real(a), ca2 = rb.real(a + 2.0), ca3 = rb.real(a + 3.0);
  Value ca5 = rb.real(5.0 * a), ca8 = rb.real(8.0 * a), ca4 = rb.real(4.0 * a);
  // 1 < |s| < 2: ((a * s - 5a) * s + 8a) * s - 4a
  auto outer = [&](Value s) {
    Value w = rb.subf(rb.mulf(ca, s), ca5);
    w = rb.addf(rb.mulf(w, s), ca8);
    return rb.subf(rb.mulf(w, s), ca4);
  };
  // |s| <= 1: ((a + 2) * s - (a + 3)) * s * s + 1
  auto inner = [&](Value s) {
    Value w = rb.subf(rb.mulf(ca2, s), ca3);
    return rb.addf(rb.mulf(rb.mulf(w, s), s), one);
  };
  Value oneMinusT = rb.subf(one, t);
  return {outer(rb.addf(t, one)), inner(t), inner(oneMinusT),
          outer(rb.subf(two, t))};
}

struct ResizeLowering : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    ArrayRef<int64_t> inShape = inputType.getShape();
    ArrayRef<int64_t> outShape = type.getShape();
    int64_t rank = type.getRank();
    std::optional<ArrayRef<double>> scales = op.getScales();
    ResizeMode mode = op.getMode();
    CoordinateTransform transform = op.getCoordinateTransform();
    NearestMode nearestMode = op.getNearestMode();

    // Per dimension: the coordinate, or nothing where the index is kept
    // (the identity) or the input has one element (every tap reads it).
    SmallVector<std::optional<Coordinate>> coordinates;
    for (int64_t d = 0; d < rank; ++d) {
      std::optional<double> scale;
      if (scales)
        scale = (*scales)[d];
      Coordinate c =
          getCoordinate(transform, inShape[d], outShape[d], scale);
      if (inShape[d] == 1 || c.isIdentity())
        coordinates.push_back(std::nullopt);
      else
        coordinates.push_back(c);
    }

    // Where every dimension reads one element at an in-range index that is
    // affine in the output index (nearest without clamping, linear or cubic
    // at integer coordinates, kept dimensions), the resize is a gather with
    // an affine indexing map; the identity is the input itself.
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < rank; ++d) {
      AffineExpr x = rewriter.getAffineDimExpr(d);
      if (!coordinates[d]) {
        exprs.push_back(inShape[d] == 1 ? rewriter.getAffineConstantExpr(0)
                                        : x);
        continue;
      }
      const Coordinate &c = *coordinates[d];
      if (!c.exact || (mode != ResizeMode::Nearest && c.d != 1))
        break;
      FloorDiv f = mode == ResizeMode::Nearest
                       ? getNearestIndex(c, nearestMode)
                       : FloorDiv{c.a, c.b, c.d};
      if (f.at(0) < 0 || f.at(outShape[d] - 1) > inShape[d] - 1)
        break;
      exprs.push_back((x * f.a + f.b).floorDiv(f.d));
    }
    if (static_cast<int64_t>(exprs.size()) == rank) {
      AffineMap map = AffineMap::get(rank, 0, exprs, rewriter.getContext());
      bool isIdentity = inputType == type;
      for (int64_t d = 0; d < rank; ++d)
        isIdentity &= exprs[d] == rewriter.getAffineDimExpr(d) ||
                      outShape[d] == 1;
      if (isIdentity) {
        rewriter.replaceOp(op, input);
        return success();
      }
      Value init =
          tensor::EmptyOp::create(rewriter, loc, outShape, elementType);
      auto generic = linalg::GenericOp::create(
          rewriter, loc, TypeRange{type}, ValueRange{input}, ValueRange{init},
          ArrayRef<AffineMap>{map, identity}, iterators,
          [](OpBuilder &b, Location l, ValueRange args) {
            linalg::YieldOp::create(b, l, args[0]);
          });
      rewriter.replaceOp(op, generic.getResult(0));
      return success();
    }

    // Compute in f64 for f64 and integers of 32 bits or more, else f32.
    Type computeType = rewriter.getF32Type();
    if (elementType.isF64() ||
        (isa<IntegerType>(elementType) &&
         elementType.getIntOrFloatBitWidth() >= 32))
      computeType = rewriter.getF64Type();
    double cubicA = op.getCubicCoeffA().convertToDouble();
    bool excludeOutside = op.getExcludeOutside();

    auto body = [&](OpBuilder &b, Location l, ValueRange) {
      ResizeBuilder rb(b, l, computeType);
      SmallVector<Taps> taps(rank);
      for (int64_t d = 0; d < rank; ++d) {
        int64_t size = inShape[d];
        if (size == 1) {
          taps[d].indices.push_back(rb.index(0));
          continue;
        }
        Value x = linalg::IndexOp::create(b, l, d);
        if (!coordinates[d]) {
          taps[d].indices.push_back(x);
          continue;
        }
        const Coordinate &c = *coordinates[d];
        if (mode == ResizeMode::Nearest) {
          Value source;
          if (c.exact) {
            FloorDiv f = getNearestIndex(c, nearestMode);
            source = rb.floorDiv(rb.affine(x, f.a, f.b), f.d);
          } else {
            Value xIn = rb.realCoordinate(x, c);
            switch (nearestMode) {
            case NearestMode::RoundPreferFloor:
              xIn = math::CeilOp::create(b, l, rb.subf(xIn, rb.real(0.5)));
              break;
            case NearestMode::RoundPreferCeil:
              xIn = math::FloorOp::create(b, l, rb.addf(xIn, rb.real(0.5)));
              break;
            case NearestMode::Floor:
              xIn = math::FloorOp::create(b, l, xIn);
              break;
            case NearestMode::Ceil:
              xIn = math::CeilOp::create(b, l, xIn);
              break;
            }
            source = rb.realToIndex(xIn);
          }
          taps[d].indices.push_back(rb.clamp(source, size));
          continue;
        }
        // Linear and cubic: x0 = floor(x_in), t = x_in - x0.
        Value x0, t;
        if (c.exact) {
          Value numerator = rb.affine(x, c.a, c.b);
          x0 = rb.floorDiv(numerator, c.d);
          if (c.d == 1) {
            // An integer coordinate: one tap of weight 1.
            taps[d].indices.push_back(rb.clamp(x0, size));
            continue;
          }
          Value remainder = arith::SubIOp::create(
              b, l, numerator, arith::MulIOp::create(b, l, x0, rb.index(c.d)));
          t = rb.divf(rb.indexToReal(remainder),
                      rb.real(static_cast<double>(c.d)));
        } else {
          Value xIn = rb.realCoordinate(x, c);
          Value floor = math::FloorOp::create(b, l, xIn);
          x0 = rb.realToIndex(floor);
          t = rb.subf(xIn, floor);
        }
        if (mode == ResizeMode::Linear) {
          taps[d].indices = {rb.clamp(x0, size),
                             rb.clamp(rb.affine(x0, 1, 1), size)};
          taps[d].weights = {rb.subf(rb.real(1.0), t), t};
          continue;
        }
        SmallVector<Value> weights = cubicWeights(rb, t, cubicA);
        SmallVector<Value> indices;
        for (int64_t k = -1; k <= 2; ++k)
          indices.push_back(rb.affine(x0, 1, k));
        if (excludeOutside) {
          // Taps outside [0, size - 1] get weight 0; renormalize.
          Value zero = rb.real(0.0);
          Value sum;
          for (auto [i, index] : llvm::enumerate(indices)) {
            Value inside = arith::AndIOp::create(
                b, l,
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, index,
                                      rb.index(0)),
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, index,
                                      rb.index(size)));
            weights[i] =
                arith::SelectOp::create(b, l, inside, weights[i], zero);
            sum = sum ? rb.addf(sum, weights[i]) : weights[i];
          }
          for (Value &weight : weights)
            weight = rb.divf(weight, sum);
        }
        for (Value &index : indices)
          index = rb.clamp(index, size);
        taps[d].indices = std::move(indices);
        taps[d].weights = std::move(weights);
      }

      // Sum over every combination of taps (one per dimension).
      SmallVector<int64_t> choice(rank, 0);
      Value result;
      while (true) {
        SmallVector<Value> indices;
        Value weight;
        for (int64_t d = 0; d < rank; ++d) {
          indices.push_back(taps[d].indices[choice[d]]);
          if (!taps[d].weights.empty())
            weight = weight ? rb.mulf(weight, taps[d].weights[choice[d]])
                            : taps[d].weights[choice[d]];
        }
        Value element = tensor::ExtractOp::create(b, l, input, indices);
        if (!weight) {
          result = element; // A single tap: no arithmetic.
          break;
        }
        Value term = rb.mulf(weight, rb.toCompute(element));
        result = result ? rb.addf(result, term) : term;
        // Next combination (odometer, last dimension fastest).
        int64_t d = rank - 1;
        for (; d >= 0; --d) {
          if (++choice[d] < static_cast<int64_t>(taps[d].indices.size()))
            break;
          choice[d] = 0;
        }
        if (d < 0) {
          result = rb.fromCompute(result, elementType);
          break;
        }
      }
      linalg::YieldOp::create(b, l, result);
    };

    Value init = tensor::EmptyOp::create(rewriter, loc, outShape, elementType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        ArrayRef<AffineMap>{identity}, iterators, body);
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateShufflePatterns(
    RewritePatternSet &patterns) {
  patterns.add<ChannelShuffleLowering, PixelShuffleLowering,
               PixelUnshuffleLowering, ResizeLowering>(patterns.getContext());
}
