//===- RecognizeNormalization.cpp - Decomposed layer norm to kiln.layer_norm =//
//
// PyTorch exports `torch.nn.LayerNorm` before ONNX opset 17, and hand-written
// layer norms at every opset, as
//
//   mean = ReduceMean(x, axes, keepdims = 1)
//   d    = x - mean
//   var  = ReduceMean(Pow(d, 2), axes, keepdims = 1)     (or d * d)
//   y    = d / Sqrt(var + eps)                           (or without + eps)
//   y    = y * gamma + beta                              (both optional)
//
// which is `kiln.layer_norm` when `axes` are the trailing dimensions.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "RecognizeUtils.h"

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::recognize;

namespace {

/// The first axis of `axes` when they are `a, a + 1, ..., rank - 1`.
std::optional<int64_t> getTrailingAxis(ArrayRef<int64_t> axes, int64_t rank) {
  if (axes.empty() || axes.back() != rank - 1)
    return std::nullopt;
  for (size_t i = 1; i < axes.size(); ++i)
    if (axes[i] != axes[i - 1] + 1)
      return std::nullopt;
  return axes.front();
}

/// The variance `mean(d^2)` over `axes` of the value `var` (used once):
/// returns the op that squares `d` (`kiln.pow(d, 2)` or `kiln.mul(d, d)`).
Operation *getSquareOfVariance(Value var, Value d, ArrayRef<int64_t> axes) {
  if (!var.hasOneUse())
    return nullptr;
  Operation *mean = var.getDefiningOp();
  if (!mean || mean->getNumOperands() != 1)
    return nullptr;
  Value square = mean->getOperand(0);
  std::optional<SmallVector<int64_t>> varAxes = getMeanAxes(var, square);
  if (!varAxes || *varAxes != axes || !square.hasOneUse() ||
      square.getType() != d.getType())
    return nullptr;
  if (auto pow = square.getDefiningOp<PowOp>())
    if (pow.getLhs() == d && isSplatConstant(pow.getRhs(), 2.0))
      return pow;
  if (auto mul = square.getDefiningOp<MulOp>())
    if (mul.getLhs() == d && mul.getRhs() == d)
      return mul;
  return nullptr;
}

/// Whether `value` can be the scale or bias of a layer norm of `type` over
/// dimensions `axis..`: after dropping leading 1s it broadcasts to the
/// normalized shape. Returns the shape it must be reshaped to (empty when it
/// fits as is).
std::optional<SmallVector<int64_t>>
getAffineShape(Value value, RankedTensorType type, int64_t axis) {
  auto valueType = dyn_cast<RankedTensorType>(value.getType());
  if (!valueType || valueType.getElementType() != type.getElementType())
    return std::nullopt;
  ArrayRef<int64_t> shape = valueType.getShape();
  while (!shape.empty() && shape.front() == 1 &&
         static_cast<int64_t>(shape.size()) > type.getRank() - axis)
    shape = shape.drop_front();
  if (!broadcastsTo(shape, type.getShape().drop_front(axis)))
    return std::nullopt;
  if (shape.size() == valueType.getShape().size())
    return SmallVector<int64_t>();
  return SmallVector<int64_t>(shape);
}

/// If the only user of `value` is `OpTy(value, other)` or
/// `OpTy(other, value)` with the type of `value`, where `other` fits a
/// layer norm over `axis..`, returns that op and `other`.
template <typename OpTy>
std::pair<OpTy, Value> getAffineUser(Value value, int64_t axis) {
  if (!value.hasOneUse())
    return {};
  auto op = dyn_cast<OpTy>(*value.user_begin());
  if (!op || op.getType() != value.getType() || op.getLhs() == op.getRhs())
    return {};
  Value other = op.getLhs() == value ? op.getRhs() : op.getLhs();
  if (!getAffineShape(other, cast<RankedTensorType>(value.getType()), axis))
    return {};
  return {op, other};
}

/// Reshapes `value` to the shape getAffineShape asks for, if any.
Value fitAffine(PatternRewriter &rewriter, Value value, RankedTensorType type,
                int64_t axis) {
  if (!value)
    return value;
  SmallVector<int64_t> shape = *getAffineShape(value, type, axis);
  if (shape.empty())
    return value;
  return ReshapeOp::create(rewriter, value.getLoc(), value,
                           rewriter.getDenseI64ArrayAttr(shape));
}

/// (x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps) [* gamma] [+ beta]
/// -> layer_norm(x) [scale gamma] [bias beta], rooted at the division.
struct RecognizeLayerNorm : OpRewritePattern<DivOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DivOp div,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(div.getType());
    if (!isa<FloatType>(type.getElementType()))
      return rewriter.notifyMatchFailure(div, "not a float division");
    auto sub = div.getLhs().getDefiningOp<SubOp>();
    if (!sub || sub.getType() != type || sub.getLhs().getType() != type)
      return rewriter.notifyMatchFailure(div, "numerator is not x - mean");
    Value x = sub.getLhs(), mean = sub.getRhs(), d = sub.getResult();
    std::optional<SmallVector<int64_t>> axes = getMeanAxes(mean, x);
    if (!axes || !mean.hasOneUse())
      return rewriter.notifyMatchFailure(div, "not x - mean(x) used once");
    std::optional<int64_t> axis = getTrailingAxis(*axes, type.getRank());
    if (!axis)
      return rewriter.notifyMatchFailure(div, "axes are not the trailing ones");

    // The denominator: sqrt(var + eps) or sqrt(var).
    auto sqrt = getSingleUseDef<SqrtOp>(div.getRhs());
    if (!sqrt)
      return rewriter.notifyMatchFailure(div, "denominator is not a sqrt");
    Value var = sqrt.getInput();
    double epsilon = 0.0;
    if (auto add = getSingleUseDef<AddOp>(var)) {
      Value other = add.getLhs();
      std::optional<double> eps = getSplatFloat(add.getRhs());
      if (!eps) {
        other = add.getRhs();
        eps = getSplatFloat(add.getLhs());
      }
      if (!eps || *eps < 0.0 || other.getType() != add.getType())
        return rewriter.notifyMatchFailure(div, "not var + epsilon");
      var = other;
      epsilon = *eps;
    }
    Operation *square = getSquareOfVariance(var, d, *axes);
    if (!square)
      return rewriter.notifyMatchFailure(div, "not the variance of x - mean");
    // d feeds the square and the division only.
    for (Operation *user : d.getUsers())
      if (user != square && user != div.getOperation())
        return rewriter.notifyMatchFailure(div, "x - mean has another use");

    // Absorb a following scale and bias.
    Operation *last = div;
    auto [mul, scale] = getAffineUser<MulOp>(div.getResult(), *axis);
    if (mul)
      last = mul;
    auto [add, bias] = getAffineUser<AddOp>(last->getResult(0), *axis);
    if (add)
      last = add;

    rewriter.setInsertionPoint(last);
    scale = fitAffine(rewriter, scale, type, *axis);
    bias = fitAffine(rewriter, bias, type, *axis);
    auto norm = LayerNormOp::create(rewriter, div.getLoc(), x, scale, bias,
                                    rewriter.getI64IntegerAttr(*axis),
                                    rewriter.getF64FloatAttr(epsilon));
    rewriter.replaceOp(last, norm.getResult());
    return success();
  }
};

} // namespace

void mlir::kiln::populateRecognizeNormalizationPatterns(
    RewritePatternSet &patterns) {
  patterns.add<RecognizeLayerNorm>(patterns.getContext());
}
