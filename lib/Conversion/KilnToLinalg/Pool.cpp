//===- Pool.cpp - Lower kiln pooling ops and reductions -------------------===//
//
// Windowed pooling pads the input explicitly (tensor.pad, including the extra
// trailing rows/columns that ceil-mode windows need) and runs the upstream
// linalg.pooling_nchw_max / linalg.pooling_nchw_sum; average pooling then
// divides by a per-position count. Global pooling and the reductions become
// linalg.reduce (f16/bf16 sums accumulate in f32, integer means in i64),
// followed by tensor.expand_shape for the kept unit dimensions.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

bool isFloat(Type type) { return isa<FloatType>(type); }

/// Converts `x` to the wider or equal type `type` (float or signed integer).
Value widen(OpBuilder &b, Location loc, Value x, Type type) {
  if (x.getType() == type)
    return x;
  if (isFloat(type))
    return arith::ExtFOp::create(b, loc, type, x);
  return arith::ExtSIOp::create(b, loc, type, x);
}

/// Converts `x` to the narrower or equal type `type` (float or integer).
Value narrow(OpBuilder &b, Location loc, Value x, Type type) {
  if (x.getType() == type)
    return x;
  if (isFloat(type))
    return arith::TruncFOp::create(b, loc, type, x);
  return arith::TruncIOp::create(b, loc, type, x);
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x.getType()) ? Value(arith::AddFOp::create(b, loc, x, y))
                              : Value(arith::AddIOp::create(b, loc, x, y));
}

/// NaN-propagating maximum for floats (as PyTorch and numpy).
Value max(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x.getType()) ? Value(arith::MaximumFOp::create(b, loc, x, y))
                              : Value(arith::MaxSIOp::create(b, loc, x, y));
}

/// The type sums are accumulated in: f32 for f16/bf16, the element type for
/// wider floats and integers.
Type sumAccumulatorType(Type elementType) {
  if (auto floatType = dyn_cast<FloatType>(elementType))
    if (floatType.getWidth() < 32)
      return Float32Type::get(elementType.getContext());
  return elementType;
}

/// A `linalg.fill` of `value` into a new tensor of `shape` x `type`.
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   TypedAttr value) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, value.getType());
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

//===----------------------------------------------------------------------===//
// Windowed 2-D pooling
//===----------------------------------------------------------------------===//

/// The window geometry of a 2-D pooling op, per spatial dimension `i` (0 for
/// H, 1 for W).
struct Pool2dGeometry {
  int64_t size[2]; // input H, W
  int64_t out[2];  // output OH, OW
  int64_t kernel[2];
  int64_t stride[2];
  int64_t dilation[2];
  int64_t padBefore[2]; // top, left
  int64_t padAfter[2];  // bottom, right (the op's padding)
  int64_t overhang[2];  // extra trailing rows/columns read by ceil mode

  template <typename OpTy> static Pool2dGeometry get(OpTy op) {
    Pool2dGeometry g;
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto outType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> padding = op.getPadding();
    for (int i = 0; i < 2; ++i) {
      g.size[i] = inType.getDimSize(2 + i);
      g.out[i] = outType.getDimSize(2 + i);
      g.kernel[i] = op.getKernel()[i];
      g.stride[i] = op.getStrides()[i];
      g.dilation[i] = op.getDilations()[i];
      g.padBefore[i] = padding[i];
      g.padAfter[i] = padding[2 + i];
      // The last window ends at (out - 1) * stride + ek in padded
      // coordinates; in ceil mode that may lie past the trailing padding.
      int64_t needed = (g.out[i] - 1) * g.stride[i] + g.effectiveKernel(i);
      int64_t padded = g.size[i] + g.padBefore[i] + g.padAfter[i];
      g.overhang[i] = std::max<int64_t>(0, needed - padded);
    }
    return g;
  }

  int64_t effectiveKernel(int i) const {
    return dilation[i] * (kernel[i] - 1) + 1;
  }

  /// The number of taps of window `o` in dimension `i` that lie in
  /// `[lo, hi)` (input coordinates).
  int64_t countTaps(int i, int64_t o, int64_t lo, int64_t hi) const {
    int64_t count = 0;
    for (int64_t k = 0; k < kernel[i]; ++k) {
      int64_t pos = o * stride[i] + k * dilation[i] - padBefore[i];
      count += lo <= pos && pos < hi;
    }
    return count;
  }
};

/// Pads the spatial dimensions of `input` with `padValue`: the op's padding
/// plus the ceil-mode overhang at the end.
Value padInput(OpBuilder &b, Location loc, Value input, const Pool2dGeometry &g,
               TypedAttr padValue) {
  int64_t low[4] = {0, 0, g.padBefore[0], g.padBefore[1]};
  int64_t high[4] = {0, 0, g.padAfter[0] + g.overhang[0],
                     g.padAfter[1] + g.overhang[1]};
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (int d = 0; d < 4; ++d)
    shape[d] += low[d] + high[d];
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int d = 0; d < 4; ++d) {
    lowOfr.push_back(b.getIndexAttr(low[d]));
    highOfr.push_back(b.getIndexAttr(high[d]));
  }
  Value value = arith::ConstantOp::create(b, loc, padValue);
  return tensor::PadOp::create(b, loc, type.clone(shape), input, lowOfr,
                               highOfr, value);
}

/// Builds `PoolOpTy` (linalg.pooling_nchw_max or _sum) over the padded input
/// into `init`.
template <typename PoolOpTy>
Value buildPooling(OpBuilder &b, Location loc, Value padded, Value init,
                   const Pool2dGeometry &g) {
  auto inType = cast<RankedTensorType>(padded.getType());
  Value window = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{g.kernel[0], g.kernel[1]},
      inType.getElementType());
  NamedAttribute attrs[] = {
      b.getNamedAttr("strides", b.getI64TensorAttr({g.stride[0], g.stride[1]})),
      b.getNamedAttr("dilations",
                     b.getI64TensorAttr({g.dilation[0], g.dilation[1]}))};
  auto pool =
      PoolOpTy::create(b, loc, TypeRange{init.getType()},
                       ValueRange{padded, window}, ValueRange{init}, attrs);
  return pool->getResult(0);
}

/// max_pool2d: pad with the lowest value, then linalg.pooling_nchw_max into a
/// fill of the lowest value (padding never wins; an all-padding window gives
/// the lowest value).
struct MaxPool2dLowering : OpConversionPattern<MaxPool2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Pool2dGeometry g = Pool2dGeometry::get(op);
    TypedAttr lowest = lowestValueAttr(resultType.getElementType());
    Value padded = padInput(rewriter, loc, adaptor.getInput(), g, lowest);
    Value init = filledTensor(rewriter, loc, resultType.getShape(), lowest);
    rewriter.replaceOp(op, buildPooling<linalg::PoolingNchwMaxOp>(
                               rewriter, loc, padded, init, g));
    return success();
  }
};

/// avg_pool2d: pad with zeros, linalg.pooling_nchw_sum into a zero-filled
/// accumulator (f32 for f16/bf16), then a linalg.generic that divides every
/// sum by count_h[oh] * count_w[ow]. The divisor factorizes per dimension,
/// so it is computed here and materialized as two small constant vectors
/// (OH and OW entries) read through the maps (d2) and (d3).
struct AvgPool2dLowering : OpConversionPattern<AvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AvgPool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Type accType = sumAccumulatorType(elementType);
    Pool2dGeometry g = Pool2dGeometry::get(op);

    Value padded = padInput(rewriter, loc, adaptor.getInput(), g,
                            rewriter.getZeroAttr(elementType));
    Value init = filledTensor(rewriter, loc, resultType.getShape(),
                              rewriter.getZeroAttr(accType));
    Value sums =
        buildPooling<linalg::PoolingNchwSumOp>(rewriter, loc, padded, init, g);

    // Taps counted in the divisor: inside the input, or (count_include_pad)
    // inside the padded extent but never in the ceil-mode overhang.
    bool includePad = op.getCountIncludePad();
    Value counts[2];
    for (int i = 0; i < 2; ++i) {
      int64_t lo = includePad ? -g.padBefore[i] : 0;
      int64_t hi = includePad ? g.size[i] + g.padAfter[i] : g.size[i];
      SmallVector<Attribute> values;
      for (int64_t o = 0; o < g.out[i]; ++o)
        values.push_back(rewriter.getFloatAttr(
            accType, static_cast<double>(g.countTaps(i, o, lo, hi))));
      auto type = RankedTensorType::get({g.out[i]}, accType);
      counts[i] = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(type, values));
    }

    MLIRContext *ctx = rewriter.getContext();
    AffineMap identity = rewriter.getMultiDimIdentityMap(4);
    AffineMap hMap = AffineMap::get(4, 0, getAffineDimExpr(2, ctx), ctx);
    AffineMap wMap = AffineMap::get(4, 0, getAffineDimExpr(3, ctx), ctx);
    Value empty = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                          elementType);
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    auto divide = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType},
        ValueRange{sums, counts[0], counts[1]}, ValueRange{empty},
        ArrayRef<AffineMap>{identity, hMap, wMap, identity}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value divisor = arith::MulFOp::create(b, l, args[1], args[2]);
          Value mean = arith::DivFOp::create(b, l, args[0], divisor);
          linalg::YieldOp::create(b, l, narrow(b, l, mean, elementType));
        });
    rewriter.replaceOp(op, divide.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Global pooling and reductions
//===----------------------------------------------------------------------===//

enum class ReduceKind { Sum, Mean, Max };

/// Reduces `input` over `dims` (sorted, distinct) and converts the result to
/// `resultType` (with or without the reduced unit dimensions, `keepDims`).
Value lowerReduction(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> dims, bool keepDims,
                     RankedTensorType resultType, ReduceKind kind) {
  // Nothing reduced (a rank-0 input with empty axes): the identity.
  if (dims.empty())
    return input;
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elementType = inputType.getElementType();

  // Max is exact in any type; sums use f32 for f16/bf16; integer means sum
  // in i64 so that the quotient is right for narrow types (integer sums
  // wrap like the result type does anyway).
  Type accType = elementType;
  TypedAttr init;
  if (kind == ReduceKind::Max) {
    init = lowestValueAttr(elementType);
  } else {
    accType = sumAccumulatorType(elementType);
    if (kind == ReduceKind::Mean && !isFloat(elementType))
      accType = b.getI64Type();
    init = b.getZeroAttr(accType);
  }
  Value reduced =
      buildReduction(b, loc, input, dims, init,
                     [&](OpBuilder &nb, Location l, Value in, Value acc) {
                       if (kind == ReduceKind::Max)
                         return max(nb, l, in, acc);
                       return add(nb, l, widen(nb, l, in, accType), acc);
                     });

  // Mean: divide by the number of reduced elements; integers truncate toward
  // zero (arith.divsi). An integer mean over no elements is unspecified: the
  // sum (0) is kept rather than dividing by zero.
  int64_t count = 1;
  for (int64_t d : dims)
    count *= inputType.getDimSize(d);
  bool divide = kind == ReduceKind::Mean && (isFloat(elementType) || count);
  if (divide || accType != elementType) {
    auto reducedType = cast<RankedTensorType>(reduced.getType());
    reduced = buildElementwise(
        b, loc, reducedType.clone(elementType), ValueRange{reduced},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value x = args[0];
          if (divide) {
            Value n =
                scalarConstant(nb, l, accType, static_cast<double>(count));
            x = isFloat(accType) ? Value(arith::DivFOp::create(nb, l, x, n))
                                 : Value(arith::DivSIOp::create(nb, l, x, n));
          }
          return narrow(nb, l, x, elementType);
        });
  }
  if (!keepDims)
    return reduced;
  return expandReducedDims(b, loc, reduced, resultType, dims);
}

/// global_avg_pool / global_max_pool: a mean / max over dimensions 2..rank-1
/// that keeps them as unit dimensions.
template <typename OpTy, ReduceKind Kind>
struct GlobalPoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> dims;
    for (int64_t d = 2, e = resultType.getRank(); d < e; ++d)
      dims.push_back(d);
    rewriter.replaceOp(op, lowerReduction(rewriter, op.getLoc(),
                                          adaptor.getInput(), dims,
                                          /*keepDims=*/true, resultType, Kind));
    return success();
  }
};

/// reduce_sum / reduce_mean / reduce_max over `axes` (negative entries count
/// from the back; empty reduces every dimension).
template <typename OpTy, ReduceKind Kind>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> dims;
    for (int64_t axis : op.getAxes())
      dims.push_back(axis < 0 ? axis + rank : axis);
    if (op.getAxes().empty())
      for (int64_t d = 0; d < rank; ++d)
        dims.push_back(d);
    llvm::sort(dims);
    rewriter.replaceOp(op, lowerReduction(rewriter, op.getLoc(),
                                          adaptor.getInput(), dims,
                                          op.getKeepDims(), resultType, Kind));
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populatePoolPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPool2dLowering, AvgPool2dLowering,
               GlobalPoolLowering<GlobalAvgPoolOp, ReduceKind::Mean>,
               GlobalPoolLowering<GlobalMaxPoolOp, ReduceKind::Max>,
               ReduceLowering<ReduceMeanOp, ReduceKind::Mean>,
               ReduceLowering<ReduceSumOp, ReduceKind::Sum>,
               ReduceLowering<ReduceMaxOp, ReduceKind::Max>>(
      patterns.getContext());
}
