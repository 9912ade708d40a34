//===- Norm.cpp - Lower kiln normalizations and softmax -------------------===//
//
// Batch normalization, layer normalization, softmax and log-softmax become
// chains of linalg.generic ops on tensors: reductions (linalg.generic with
// "reduction" iterators into a linalg.fill'ed accumulator), small generics
// over the reduced shape that compute the per-row (per-channel) constants, and
// one elementwise generic that reads those constants through broadcasting
// indexing maps. Everything is computed in the accumulator type: f32 for
// f16/bf16 (extended on read, truncated on write), the element type otherwise.
//
// Per-row (per-channel) constants that need sqrt, a division or log come from
// a generic with two results, both read by the final elementwise generic:
// linalg's elementwise fusion (in --kiln-cpu-pipeline) fuses only producers
// with a single use, so they stay computed once per row, not once per element.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>
#include <type_traits>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// The type reductions and normalizations compute in: f32 for narrower
/// floats, the element type itself otherwise.
FloatType getAccumulatorType(Type elementType) {
  auto floatType = cast<FloatType>(elementType);
  if (floatType.getWidth() < 32)
    return Float32Type::get(elementType.getContext());
  return floatType;
}

/// Extends `value` to the accumulator type `accType` (no-op when equal).
Value extend(OpBuilder &b, Location loc, Value value, Type accType) {
  if (value.getType() == accType)
    return value;
  return arith::ExtFOp::create(b, loc, accType, value);
}

/// Truncates `value` back to the element type `type` (no-op when equal).
Value truncate(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return arith::TruncFOp::create(b, loc, type, value);
}

/// A tensor of `shape` and `elementType` filled with `value`.
Value buildFilled(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  Type elementType, double value) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, elementType);
  Value scalar = scalarConstant(b, loc, elementType, value);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

/// An uninitialized tensor of `shape` and `elementType`.
Value buildEmpty(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                 Type elementType) {
  return tensor::EmptyOp::create(b, loc, shape, elementType);
}

/// The map from a `rank`-d iteration space to the dimensions not in
/// `dropped` (sorted).
AffineMap getDroppedDimsMap(MLIRContext *context, int64_t rank,
                            ArrayRef<int64_t> dropped) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(dropped, i))
      exprs.push_back(getAffineDimExpr(i, context));
  return AffineMap::get(rank, /*symbolCount=*/0, exprs, context);
}

/// `shape` without the dimensions in `dropped`.
SmallVector<int64_t> dropDims(ArrayRef<int64_t> shape,
                              ArrayRef<int64_t> dropped) {
  SmallVector<int64_t> kept;
  for (auto [i, size] : llvm::enumerate(shape))
    if (!llvm::is_contained(dropped, static_cast<int64_t>(i)))
      kept.push_back(size);
  return kept;
}

/// Computes the values a generic yields from its scalar block arguments
/// (inputs, then outputs).
using GenericBodyFn =
    llvm::function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// Builds a linalg.generic over `inputs` and `inits` and returns its results.
SmallVector<Value> buildGeneric(OpBuilder &b, Location loc, ValueRange inputs,
                                ValueRange inits, ArrayRef<AffineMap> maps,
                                ArrayRef<utils::IteratorType> iterators,
                                GenericBodyFn body) {
  auto generic = linalg::GenericOp::create(
      b, loc, inits.getTypes(), inputs, inits, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc,
                                body(nested, nestedLoc, args));
      });
  return SmallVector<Value>(generic.getResults());
}

/// Combines the scalars of the inputs with the accumulators of a reduction
/// and returns the new accumulators.
using CombineFn = llvm::function_ref<SmallVector<Value>(
    OpBuilder &, Location, ValueRange ins, ValueRange accs)>;

/// Reduces over the dimensions `reduced` (sorted) of the `rank`-d iteration
/// space into the accumulators `inits` (each with the shape of that space
/// without `reduced`); `combine` gets the scalars of `inputs` (read through
/// `inputMaps`) and the accumulators.
SmallVector<Value> buildReductionGeneric(OpBuilder &b, Location loc,
                                         int64_t rank,
                                         ArrayRef<int64_t> reduced,
                                         ValueRange inputs,
                                         ArrayRef<AffineMap> inputMaps,
                                         ValueRange inits, CombineFn combine) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.append(inits.size(), getDroppedDimsMap(b.getContext(), rank, reduced));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  for (int64_t dim : reduced)
    iterators[dim] = utils::IteratorType::reduction;
  size_t numInputs = inputs.size();
  return buildGeneric(b, loc, inputs, inits, maps, iterators,
                      [&](OpBuilder &nb, Location nl, ValueRange args) {
                        return combine(nb, nl, args.take_front(numInputs),
                                       args.drop_front(numInputs));
                      });
}

/// Normalizes a possibly negative `axis` to [0, rank); failure when out of
/// range (the verifier rules that out).
FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return failure();
  return axis < 0 ? axis + rank : axis;
}

//===----------------------------------------------------------------------===//
// kiln.batch_norm
//===----------------------------------------------------------------------===//

/// A per-channel generic over [C] computes
///   multiplier = scale / sqrt(variance + epsilon)
///   offset     = bias - mean * multiplier
/// and an elementwise generic computes `input * multiplier + offset` with the
/// [C] tensors read at channel dimension 1.
struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    if (rank < 2)
      return rewriter.notifyMatchFailure(op, "expected an input of rank >= 2");
    Type elementType = type.getElementType();
    FloatType accType = getAccumulatorType(elementType);
    double epsilon = op.getEpsilon().convertToDouble();
    int64_t channels = type.getDimSize(1);
    MLIRContext *context = rewriter.getContext();

    // Per-channel multiplier and offset.
    AffineMap channelId = rewriter.getMultiDimIdentityMap(1);
    SmallVector<Value> coefficients = buildGeneric(
        rewriter, loc,
        {adaptor.getScale(), adaptor.getBias(), adaptor.getMean(),
         adaptor.getVariance()},
        {buildEmpty(rewriter, loc, channels, accType),
         buildEmpty(rewriter, loc, channels, accType)},
        SmallVector<AffineMap>(6, channelId), {utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value scale = extend(b, l, args[0], accType);
          Value bias = extend(b, l, args[1], accType);
          Value mean = extend(b, l, args[2], accType);
          Value variance = extend(b, l, args[3], accType);
          Value eps = scalarConstant(b, l, accType, epsilon);
          Value stddev = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, variance, eps));
          Value multiplier = arith::DivFOp::create(b, l, scale, stddev);
          Value offset = arith::SubFOp::create(
              b, l, bias, arith::MulFOp::create(b, l, mean, multiplier));
          return SmallVector<Value>{multiplier, offset};
        });

    // input * multiplier + offset, channels in dimension 1.
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel =
        AffineMap::get(rank, 0, getAffineDimExpr(1, context), context);
    Value result =
        buildGeneric(
            rewriter, loc,
            {adaptor.getInput(), coefficients[0], coefficients[1]},
            {buildEmpty(rewriter, loc, type.getShape(), elementType)},
            {identity, channel, channel, identity},
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = extend(b, l, args[0], accType);
              Value y = arith::AddFOp::create(
                  b, l, arith::MulFOp::create(b, l, x, args[1]), args[2]);
              return SmallVector<Value>{truncate(b, l, y, elementType)};
            })
            .front();
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// kiln.layer_norm
//===----------------------------------------------------------------------===//

/// Statistics over the normalized dimensions a..r-1 (M elements) with the
/// corrected two-pass algorithm (Chan, Golub and LeVeque), which keeps the
/// mean and the biased variance accurate when the mean is large against the
/// spread. Reductions:
///   sum     = sum(x)
///   sd, sd2 = sum(x - mean0), sum((x - mean0)^2)
/// generics over the outer shape:
///   mean0   = sum / M
///   mean    = mean0 + sd / M
///   rstd    = 1 / sqrt(max((sd2 - sd * sd / M) / M, 0) + eps)
/// and the elementwise generic
///   output  = (x - mean) * rstd [* scale] [+ bias]
/// with scale and bias broadcast to the trailing dimensions.
struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    FailureOr<int64_t> axis = normalizeAxis(op.getAxis(), rank);
    if (failed(axis))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    Type elementType = type.getElementType();
    FloatType accType = getAccumulatorType(elementType);
    double epsilon = op.getEpsilon().convertToDouble();
    MLIRContext *context = rewriter.getContext();

    SmallVector<int64_t> normalizedDims =
        llvm::to_vector(llvm::seq<int64_t>(*axis, rank));
    ArrayRef<int64_t> outerShape = type.getShape().take_front(*axis);
    int64_t count = 1;
    for (int64_t size : type.getShape().drop_front(*axis))
      count *= size;

    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outer = getDroppedDimsMap(context, rank, normalizedDims);
    AffineMap outerId = rewriter.getMultiDimIdentityMap(*axis);
    SmallVector<utils::IteratorType> outerIterators(
        *axis, utils::IteratorType::parallel);
    Value input = adaptor.getInput();

    // First pass: the mean, up to rounding.
    auto zeros = [&] {
      return buildFilled(rewriter, loc, outerShape, accType, 0.0);
    };
    Value sum =
        buildReductionGeneric(
            rewriter, loc, rank, normalizedDims, input, {identity}, zeros(),
            [&](OpBuilder &b, Location l, ValueRange ins, ValueRange accs) {
              return SmallVector<Value>{arith::AddFOp::create(
                  b, l, extend(b, l, ins[0], accType), accs[0])};
            })
            .front();
    Value mean0 = buildGeneric(rewriter, loc, sum,
                               buildEmpty(rewriter, loc, outerShape, accType),
                               {outerId, outerId}, outerIterators,
                               [&](OpBuilder &b, Location l, ValueRange args) {
                                 Value m = scalarConstant(b, l, accType, count);
                                 return SmallVector<Value>{
                                     arith::DivFOp::create(b, l, args[0], m)};
                               })
                      .front();

    // Second pass: sums of the deviations from mean0 and of their squares.
    SmallVector<Value> deviations = buildReductionGeneric(
        rewriter, loc, rank, normalizedDims, {input, mean0}, {identity, outer},
        {zeros(), zeros()},
        [&](OpBuilder &b, Location l, ValueRange ins, ValueRange accs) {
          Value d = arith::SubFOp::create(b, l, extend(b, l, ins[0], accType),
                                          ins[1]);
          return SmallVector<Value>{
              arith::AddFOp::create(b, l, d, accs[0]),
              arith::AddFOp::create(b, l, arith::MulFOp::create(b, l, d, d),
                                    accs[1])};
        });

    // Corrected mean and reciprocal standard deviation.
    SmallVector<Value> stats = buildGeneric(
        rewriter, loc, {mean0, deviations[0], deviations[1]},
        {buildEmpty(rewriter, loc, outerShape, accType),
         buildEmpty(rewriter, loc, outerShape, accType)},
        SmallVector<AffineMap>(5, outerId), outerIterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value m = scalarConstant(b, l, accType, count);
          Value correction = arith::DivFOp::create(b, l, args[1], m);
          Value mean = arith::AddFOp::create(b, l, args[0], correction);
          Value squares = arith::SubFOp::create(
              b, l, args[2], arith::MulFOp::create(b, l, args[1], correction));
          // Rounding can make a zero variance slightly negative; NaN stays.
          Value variance = arith::MaximumFOp::create(
              b, l, arith::DivFOp::create(b, l, squares, m),
              scalarConstant(b, l, accType, 0.0));
          Value eps = scalarConstant(b, l, accType, epsilon);
          Value stddev = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, variance, eps));
          Value rstd = arith::DivFOp::create(
              b, l, scalarConstant(b, l, accType, 1.0), stddev);
          return SmallVector<Value>{mean, rstd};
        });

    // Normalize, scale and shift.
    SmallVector<Value> inputs = {input, stats[0], stats[1]};
    SmallVector<AffineMap> maps = {identity, outer, outer};
    Value scale = adaptor.getScale(), bias = adaptor.getBias();
    for (Value param : {scale, bias}) {
      if (!param)
        continue;
      inputs.push_back(param);
      maps.push_back(
          getBroadcastMap(cast<RankedTensorType>(param.getType()), type));
    }
    maps.push_back(identity);
    Value result =
        buildGeneric(
            rewriter, loc, inputs,
            buildEmpty(rewriter, loc, type.getShape(), elementType), maps,
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = extend(b, l, args[0], accType);
              Value y = arith::MulFOp::create(
                  b, l, arith::SubFOp::create(b, l, x, args[1]), args[2]);
              unsigned next = 3;
              if (scale)
                y = arith::MulFOp::create(b, l, y,
                                          extend(b, l, args[next++], accType));
              if (bias)
                y = arith::AddFOp::create(b, l, y,
                                          extend(b, l, args[next++], accType));
              return SmallVector<Value>{truncate(b, l, y, elementType)};
            })
            .front();
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// kiln.softmax / kiln.log_softmax
//===----------------------------------------------------------------------===//

/// Along dimension a:
///   max  = reduce_max(input)              (from -inf, NaN-propagating)
///   sum  = reduce_sum(exp(input - max))
///   softmax:     output = exp(input - max) / sum
///   log_softmax: max, logsum = max, log(sum)      (two-result generic)
///                output = (input - max) - logsum
/// An all -inf slice gives NaN, as in PyTorch (-inf - -inf).
template <typename OpTy> struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  static constexpr bool isLog = std::is_same_v<OpTy, LogSoftmaxOp>;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    FailureOr<int64_t> axis = normalizeAxis(op.getAxis(), rank);
    if (failed(axis))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    Type elementType = type.getElementType();
    FloatType accType = getAccumulatorType(elementType);
    MLIRContext *context = rewriter.getContext();

    SmallVector<int64_t> reduced = {*axis};
    SmallVector<int64_t> outerShape = dropDims(type.getShape(), reduced);
    int64_t outerRank = rank - 1;
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outer = getDroppedDimsMap(context, rank, reduced);
    Value input = adaptor.getInput();

    // NaN-propagating maximum, so that a NaN makes the whole slice NaN.
    Value max =
        buildReductionGeneric(
            rewriter, loc, rank, reduced, input, {identity},
            buildFilled(rewriter, loc, outerShape, accType,
                        -std::numeric_limits<double>::infinity()),
            [&](OpBuilder &b, Location l, ValueRange ins, ValueRange accs) {
              return SmallVector<Value>{arith::MaximumFOp::create(
                  b, l, extend(b, l, ins[0], accType), accs[0])};
            })
            .front();
    Value sum =
        buildReductionGeneric(
            rewriter, loc, rank, reduced, {input, max}, {identity, outer},
            buildFilled(rewriter, loc, outerShape, accType, 0.0),
            [&](OpBuilder &b, Location l, ValueRange ins, ValueRange accs) {
              Value shifted = arith::SubFOp::create(
                  b, l, extend(b, l, ins[0], accType), ins[1]);
              return SmallVector<Value>{arith::AddFOp::create(
                  b, l, math::ExpOp::create(b, l, shifted), accs[0])};
            })
            .front();

    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);
    Value init = buildEmpty(rewriter, loc, type.getShape(), elementType);
    Value result;
    if constexpr (isLog) {
      AffineMap outerId = rewriter.getMultiDimIdentityMap(outerRank);
      SmallVector<Value> stats =
          buildGeneric(rewriter, loc, {max, sum},
                       {buildEmpty(rewriter, loc, outerShape, accType),
                        buildEmpty(rewriter, loc, outerShape, accType)},
                       SmallVector<AffineMap>(4, outerId),
                       SmallVector<utils::IteratorType>(
                           outerRank, utils::IteratorType::parallel),
                       [&](OpBuilder &b, Location l, ValueRange args) {
                         // The max passes through so that both per-row values
                         // come from one two-result op (see the file comment).
                         return SmallVector<Value>{
                             args[0], math::LogOp::create(b, l, args[1])};
                       });
      result =
          buildGeneric(
              rewriter, loc, {input, stats[0], stats[1]}, init,
              {identity, outer, outer, identity}, parallel,
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value x = extend(b, l, args[0], accType);
                Value y = arith::SubFOp::create(
                    b, l, arith::SubFOp::create(b, l, x, args[1]), args[2]);
                return SmallVector<Value>{truncate(b, l, y, elementType)};
              })
              .front();
    } else {
      result = buildGeneric(
                   rewriter, loc, {input, max, sum}, init,
                   {identity, outer, outer, identity}, parallel,
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     Value x = extend(b, l, args[0], accType);
                     Value e = math::ExpOp::create(
                         b, l, arith::SubFOp::create(b, l, x, args[1]));
                     Value y = arith::DivFOp::create(b, l, e, args[2]);
                     return SmallVector<Value>{truncate(b, l, y, elementType)};
                   })
                   .front();
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateNormPatterns(RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, LayerNormLowering, SoftmaxLowering<SoftmaxOp>,
               SoftmaxLowering<LogSoftmaxOp>>(patterns.getContext());
}
