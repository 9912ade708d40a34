//===- NormOps.cpp - kiln norm op family -------------------------------===//
//
// Batch normalization, layer normalization, softmax and log-softmax: shape
// inference, verification and the canonicalization of negative axes.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringExtras.h"
#include <string>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnNormOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

/// The default of every `axis` attribute of this family.
static constexpr int64_t kDefaultAxis = -1;
/// The default of every `epsilon` attribute of this family.
static constexpr double kDefaultEpsilon = 1e-5;

/// Checks that a builder handed over `count` operands (the parsers and the
/// verifier always do).
static LogicalResult checkOperandCount(ValueRange operands, size_t count,
                                       const Diagnoser &diag) {
  if (operands.size() == count)
    return success();
  return diag.emit() << "expected " << count << " operand(s), got "
                     << operands.size();
}

/// Returns `type` as a ranked tensor type, or reports operand `name`.
static RankedTensorType getRankedType(Type type, StringRef name,
                                      const Diagnoser &diag) {
  auto ranked = dyn_cast_if_present<RankedTensorType>(type);
  if (!ranked)
    (void)(diag.emit() << "'" << name << "' must be a ranked tensor, got "
                       << type);
  return ranked;
}

/// Checks that operand `name` has the element type of the input.
static LogicalResult checkElementType(RankedTensorType type, StringRef name,
                                      RankedTensorType inputType,
                                      const Diagnoser &diag) {
  if (type.getElementType() == inputType.getElementType())
    return success();
  return diag.emit() << "'" << name << "' element type "
                     << type.getElementType()
                     << " does not match the input element type "
                     << inputType.getElementType();
}

/// Returns the value of the `axis` attribute (its default when absent)
/// normalized to [0, rank), or reports it out of range.
static FailureOr<int64_t> normalizeAxis(IntegerAttr attr, int64_t rank,
                                        const Diagnoser &diag) {
  int64_t axis = kDefaultAxis;
  // An attribute wider than 64 bits (only a builder can make one) that does
  // not fit is out of range like any other.
  bool fits = !attr || attr.getValue().getSignificantBits() <= 64;
  if (attr && fits)
    axis = attr.getValue().getSExtValue();
  if (!fits || axis < -rank || axis >= rank)
    return diag.emit() << "'axis' is "
                       << (fits ? std::to_string(axis)
                                : llvm::toString(attr.getValue(), 10, true))
                       << ", expected a value in [" << -rank << ", " << rank
                       << ") for an input of rank " << rank;
  return axis < 0 ? axis + rank : axis;
}

/// Checks the `epsilon` attribute (its default when absent).
static LogicalResult checkEpsilon(FloatAttr attr, const Diagnoser &diag) {
  double epsilon = attr ? attr.getValueAsDouble() : kDefaultEpsilon;
  // Written so that NaN fails too.
  if (!(epsilon >= 0.0))
    return diag.emit() << "'epsilon' must be non-negative, got " << epsilon;
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormOp
//===----------------------------------------------------------------------===//

/// Checks a batch normalization and infers its result type (the input's).
static LogicalResult inferBatchNorm(Type inputType, Type scaleType,
                                    Type biasType, Type meanType,
                                    Type varianceType, FloatAttr epsilon,
                                    const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  RankedTensorType input = getRankedType(inputType, "input", diag);
  if (!input)
    return failure();
  if (input.getRank() < 2)
    return diag.emit() << "input must have rank at least 2 ([N, C, ...]), "
                          "got rank "
                       << input.getRank();
  int64_t channels = input.getDimSize(1);
  std::pair<Type, StringRef> params[] = {{scaleType, "scale"},
                                         {biasType, "bias"},
                                         {meanType, "mean"},
                                         {varianceType, "variance"}};
  for (auto [type, name] : params) {
    RankedTensorType param = getRankedType(type, name, diag);
    if (!param || failed(checkElementType(param, name, input, diag)))
      return failure();
    if (param.getRank() != 1 || param.getDimSize(0) != channels)
      return diag.emit() << "'" << name << "' must have shape [" << channels
                         << "] (the input channels), got [" << param.getShape()
                         << "]";
  }
  if (failed(checkEpsilon(epsilon, diag)))
    return failure();
  results.push_back(input);
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  ValueRange operands = adaptor.getOperands();
  if (failed(checkOperandCount(operands, 5, Diagnoser(loc))))
    return failure();
  return inferBatchNorm(operands[0].getType(), operands[1].getType(),
                        operands[2].getType(), operands[3].getType(),
                        operands[4].getType(), adaptor.getEpsilonAttr(),
                        Diagnoser(loc), results);
}

LogicalResult BatchNormOp::verify() {
  SmallVector<Type> types;
  return inferBatchNorm(getInput().getType(), getScale().getType(),
                        getBias().getType(), getMean().getType(),
                        getVariance().getType(), getEpsilonAttr(),
                        Diagnoser(*this), types);
}

//===----------------------------------------------------------------------===//
// LayerNormOp
//===----------------------------------------------------------------------===//

/// Checks a layer normalization and infers its result type (the input's).
/// `scaleType` and `biasType` are null when the operand is absent.
static LogicalResult inferLayerNorm(Type inputType, Type scaleType,
                                    Type biasType, IntegerAttr axisAttr,
                                    FloatAttr epsilon, const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  RankedTensorType input = getRankedType(inputType, "input", diag);
  if (!input)
    return failure();
  FailureOr<int64_t> axis = normalizeAxis(axisAttr, input.getRank(), diag);
  if (failed(axis))
    return failure();
  ArrayRef<int64_t> normalized = input.getShape().drop_front(*axis);
  std::pair<Type, StringRef> params[] = {{scaleType, "scale"},
                                         {biasType, "bias"}};
  for (auto [type, name] : params) {
    if (!type)
      continue;
    RankedTensorType param = getRankedType(type, name, diag);
    if (!param || failed(checkElementType(param, name, input, diag)))
      return failure();
    if (broadcastsTo(param.getShape(), normalized))
      continue;
    int64_t last = input.getRank() - 1;
    CheckFailure d = diag.emit();
    d << "'" << name << "' of shape [" << param.getShape()
      << "] does not broadcast to the normalized shape [" << normalized
      << "] (input ";
    if (*axis == last)
      d << "dimension " << last << ")";
    else
      d << "dimensions " << *axis << " to " << last << ")";
    return d;
  }
  if (failed(checkEpsilon(epsilon, diag)))
    return failure();
  results.push_back(input);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  // Read the operands through the segment sizes only once they are known to
  // describe them: a generic builder may hand over anything.
  ArrayRef<int32_t> segments = adaptor.getProperties().operandSegmentSizes;
  ValueRange operands = adaptor.getOperands();
  if (segments.size() != 3 || segments[0] != 1 || segments[1] < 0 ||
      segments[1] > 1 || segments[2] < 0 || segments[2] > 1 ||
      static_cast<size_t>(segments[0] + segments[1] + segments[2]) !=
          operands.size())
    return Diagnoser(loc).emit()
           << "'operandSegmentSizes' must be [1, 0 or 1, 0 or 1] and add up "
              "to the number of operands ("
           << operands.size() << ")";
  Type scale = segments[1] ? operands[1].getType() : Type();
  Type bias = segments[2] ? operands[1 + segments[1]].getType() : Type();
  return inferLayerNorm(operands[0].getType(), scale, bias,
                        adaptor.getAxisAttr(), adaptor.getEpsilonAttr(),
                        Diagnoser(loc), results);
}

LogicalResult LayerNormOp::verify() {
  SmallVector<Type> types;
  Value scale = getScale(), bias = getBias();
  return inferLayerNorm(getInput().getType(), scale ? scale.getType() : Type(),
                        bias ? bias.getType() : Type(), getAxisAttr(),
                        getEpsilonAttr(), Diagnoser(*this), types);
}

//===----------------------------------------------------------------------===//
// SoftmaxOp / LogSoftmaxOp
//===----------------------------------------------------------------------===//

/// Checks a softmax-like op and infers its result type (the input's).
static LogicalResult inferSoftmax(Type inputType, IntegerAttr axisAttr,
                                  const Diagnoser &diag,
                                  SmallVectorImpl<Type> &results) {
  RankedTensorType input = getRankedType(inputType, "input", diag);
  if (!input || failed(normalizeAxis(axisAttr, input.getRank(), diag)))
    return failure();
  results.push_back(input);
  return success();
}

/// Infers the result type of a single-operand op from `operands`.
static LogicalResult inferSoftmax(ValueRange operands, IntegerAttr axisAttr,
                                  std::optional<Location> loc,
                                  SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(operands, 1, Diagnoser(loc))))
    return failure();
  return inferSoftmax(operands[0].getType(), axisAttr, Diagnoser(loc), results);
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  return inferSoftmax(adaptor.getOperands(), adaptor.getAxisAttr(), loc,
                      results);
}

LogicalResult SoftmaxOp::verify() {
  SmallVector<Type> types;
  return inferSoftmax(getInput().getType(), getAxisAttr(), Diagnoser(*this),
                      types);
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  return inferSoftmax(adaptor.getOperands(), adaptor.getAxisAttr(), loc,
                      results);
}

LogicalResult LogSoftmaxOp::verify() {
  SmallVector<Type> types;
  return inferSoftmax(getInput().getType(), getAxisAttr(), Diagnoser(*this),
                      types);
}

//===----------------------------------------------------------------------===//
// Canonicalization
//===----------------------------------------------------------------------===//

namespace {
/// Rewrites a negative `axis` to the equivalent non-negative one, so that
/// later passes see one form: `axis = -1` on a rank-3 input becomes 2.
template <typename OpTy> struct NormalizeNegativeAxis : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    IntegerAttr attr = op.getAxisAttr();
    if (!type)
      return failure();
    int64_t rank = type.getRank();
    if (attr && attr.getValue().getSignificantBits() > 64)
      return failure();
    int64_t axis = attr ? attr.getValue().getSExtValue() : kDefaultAxis;
    // Leave a non-negative or (invalid) out-of-range axis alone.
    if (axis >= 0 || axis < -rank)
      return failure();
    rewriter.modifyOpInPlace(
        op, [&] { op.setAxisAttr(rewriter.getI64IntegerAttr(axis + rank)); });
    return success();
  }
};
} // namespace

void LayerNormOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<NormalizeNegativeAxis<LayerNormOp>>(context);
}

void SoftmaxOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<NormalizeNegativeAxis<SoftmaxOp>>(context);
}

void LogSoftmaxOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<NormalizeNegativeAxis<LogSoftmaxOp>>(context);
}
