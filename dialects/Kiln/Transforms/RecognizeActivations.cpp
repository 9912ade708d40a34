//===- RecognizeActivations.cpp - Decomposed activations to kiln ops ------===//
//
// Exporters write SiLU, hard-swish, hard-sigmoid and GELU as chains of
// elementwise ops. These patterns turn each chain back into its activation
// op when the chain computes exactly that function: every constant must be
// the function's constant rounded to the element type, and every value
// inside the chain must be used by the chain only.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "RecognizeUtils.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"

#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::recognize;

namespace {

/// 1 / 6, the slope of the hard sigmoid in hard-swish.
constexpr double kOneSixth = 1.0 / 6.0;
/// sqrt(2 / pi) and the cubic coefficient of the tanh approximation of GELU.
constexpr double kSqrt2OverPi = 0.7978845608028654;
constexpr double kGeluCubic = 0.044715;

/// Finds the factor `x` of a two-factor product whose other factor `gate`
/// satisfies `isGateOf(gate, x)`.
template <typename Fn>
Value findGatedFactor(const Product &product, Fn isGateOf) {
  if (product.factors.size() != 2)
    return {};
  for (int i = 0; i < 2; ++i)
    if (isGateOf(product.factors[1 - i], product.factors[i]))
      return product.factors[i];
  return {};
}

/// If `value` (used once) is `kiln.add` of a splat constant `constant` and
/// another operand, in either order, returns that operand.
Value getAddendOf(Value value, double constant) {
  auto add = getSingleUseDef<AddOp>(value);
  if (!add || add.getType() != value.getType())
    return {};
  if (isSplatConstant(add.getRhs(), constant) &&
      add.getLhs().getType() == add.getType())
    return add.getLhs();
  if (isSplatConstant(add.getLhs(), constant) &&
      add.getRhs().getType() == add.getType())
    return add.getRhs();
  return {};
}

/// Whether `value` (used once) is `clip(x + 3, 0, 6)`, i.e. `relu6(x + 3)`.
bool isRelu6OfPlus3(Value value, Value x) {
  auto clip = getSingleUseDef<ClipOp>(value);
  if (!clip || !clip.getMin() || !clip.getMax() ||
      clip.getMin()->convertToDouble() != 0.0 ||
      clip.getMax()->convertToDouble() != 6.0)
    return false;
  return getAddendOf(clip.getInput(), 3.0) == x;
}

/// Whether `value` (used once) is `hard_sigmoid(x)` with the slope 1/6 and
/// offset 1/2 of hard-swish.
bool isHardSigmoidOfHardSwish(Value value, Value x) {
  auto sigmoid = getSingleUseDef<HardSigmoidOp>(value);
  Type element = getElementTypeOrSelf(value);
  return sigmoid && sigmoid.getInput() == x &&
         equalsInType(sigmoid.getAlpha().convertToDouble(), kOneSixth,
                      element) &&
         equalsInType(sigmoid.getBeta().convertToDouble(), 0.5, element);
}

/// x * sigmoid(x) -> silu(x).
struct RecognizeSilu : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<Product> product = collectProduct(op.getResult());
    if (!product || !product->constants.empty())
      return rewriter.notifyMatchFailure(op, "not a product of two values");
    Value x = findGatedFactor(*product, [](Value gate, Value x) {
      auto sigmoid = getSingleUseDef<SigmoidOp>(gate);
      return sigmoid && sigmoid.getInput() == x;
    });
    if (!x)
      return rewriter.notifyMatchFailure(op, "not x * sigmoid(x)");
    rewriter.replaceOpWithNewOp<SiluOp>(op, x);
    return success();
  }
};

/// x * hard_sigmoid(x, 1/6, 1/2), x * clip(x + 3, 0, 6) / 6 and
/// x * clip(x + 3, 0, 6) * (1/6), in any order -> hard_swish(x).
template <typename RootOp>
struct RecognizeHardSwish : OpRewritePattern<RootOp> {
  using OpRewritePattern<RootOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(RootOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<Product> product = collectProduct(op.getResult());
    if (!product)
      return rewriter.notifyMatchFailure(op, "operands are broadcast");
    Type element = getElementTypeOrSelf(op.getType());
    Value x;
    if (product->constants.empty())
      x = findGatedFactor(*product, isHardSigmoidOfHardSwish);
    else if (hasConstantFactor(*product, kOneSixth, 6.0, element))
      x = findGatedFactor(*product, isRelu6OfPlus3);
    if (!x)
      return rewriter.notifyMatchFailure(op, "not a hard-swish");
    rewriter.replaceOpWithNewOp<HardSwishOp>(op, x);
    return success();
  }
};

/// clip(x + 3, 0, 6) / 6 and clip(x + 3, 0, 6) * (1/6)
/// -> hard_sigmoid(x) {alpha = 1/6, beta = 0.5}.
template <typename RootOp>
struct RecognizeHardSigmoid : OpRewritePattern<RootOp> {
  using OpRewritePattern<RootOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(RootOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<Product> product = collectProduct(op.getResult());
    Type element = getElementTypeOrSelf(op.getType());
    if (!product || product->factors.size() != 1 ||
        !hasConstantFactor(*product, kOneSixth, 6.0, element))
      return rewriter.notifyMatchFailure(op, "not relu6(...) / 6");
    auto clip = product->factors.front().template getDefiningOp<ClipOp>();
    Value x = clip ? getAddendOf(clip.getInput(), 3.0) : Value();
    if (!x || !isRelu6OfPlus3(clip.getResult(), x))
      return rewriter.notifyMatchFailure(op, "not relu6(x + 3) / 6");
    rewriter.replaceOpWithNewOp<HardSigmoidOp>(
        op, x, rewriter.getF64FloatAttr(kOneSixth),
        rewriter.getF64FloatAttr(0.5));
    return success();
  }
};

/// Whether `value` (used once) is `x / sqrt(2)` or `x * sqrt(1/2)`.
bool isXOverSqrt2(Value value, Value x) {
  if (!value.hasOneUse())
    return false;
  std::optional<Product> product = collectProduct(value);
  return product && product->factors.size() == 1 &&
         product->factors.front() == x &&
         hasConstantFactor(*product, M_SQRT1_2, M_SQRT2,
                           getElementTypeOrSelf(value));
}

/// The power of `x` that `value` is: x, pow(x, 2) or pow(x, 3) (used once).
int64_t powerOf(Value value, Value x) {
  if (value == x)
    return 1;
  auto pow = getSingleUseDef<PowOp>(value);
  if (!pow || pow.getLhs() != x || pow.getType() != x.getType())
    return 0;
  if (isSplatConstant(pow.getRhs(), 2.0))
    return 2;
  if (isSplatConstant(pow.getRhs(), 3.0))
    return 3;
  return 0;
}

/// Whether `value` (used once) is `sqrt(2/pi) * (x + 0.044715 * x^3)`, the
/// cube written as pow(x, 3) or a product of x and powers of x.
bool isGeluTanhArgument(Value value, Value x) {
  Type element = getElementTypeOrSelf(value);
  if (!value.hasOneUse())
    return false;
  std::optional<Product> outer = collectProduct(value);
  if (!outer || outer->factors.size() != 1 ||
      !hasConstantFactor(*outer, kSqrt2OverPi, std::nullopt, element))
    return false;
  auto add = getSingleUseDef<AddOp>(outer->factors.front());
  if (!add || add.getLhs().getType() != add.getType() ||
      add.getRhs().getType() != add.getType())
    return false;
  Value cubic = add.getLhs() == x ? add.getRhs() : add.getLhs();
  if ((add.getLhs() != x && add.getRhs() != x) || !cubic.hasOneUse())
    return false;
  std::optional<Product> term = collectProduct(cubic);
  if (!term || !hasConstantFactor(*term, kGeluCubic, std::nullopt, element))
    return false;
  int64_t power = 0;
  for (Value factor : term->factors) {
    int64_t p = powerOf(factor, x);
    if (p == 0)
      return false;
    power += p;
  }
  return power == 3;
}

/// x * 0.5 * (1 + erf(x / sqrt(2))) in the orders exporters write (also
/// with x * sqrt(1/2) and / 2) -> gelu(x); the tanh form
/// x * 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))
/// -> gelu(x) {approximation = tanh}.
template <typename RootOp> struct RecognizeGelu : OpRewritePattern<RootOp> {
  using OpRewritePattern<RootOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(RootOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<Product> product = collectProduct(op.getResult());
    Type element = getElementTypeOrSelf(op.getType());
    if (!product || !hasConstantFactor(*product, 0.5, 2.0, element))
      return rewriter.notifyMatchFailure(op, "not a product with 1/2");
    Value x = findGatedFactor(*product, [](Value gate, Value x) {
      Value erf = getAddendOf(gate, 1.0);
      auto erfOp = getSingleUseDef<ErfOp>(erf);
      return erfOp && isXOverSqrt2(erfOp.getInput(), x);
    });
    if (x) {
      rewriter.replaceOpWithNewOp<GeluOp>(op, x, GeluApproximation::None);
      return success();
    }
    x = findGatedFactor(*product, [](Value gate, Value x) {
      Value tanh = getAddendOf(gate, 1.0);
      auto tanhOp = getSingleUseDef<TanhOp>(tanh);
      return tanhOp && isGeluTanhArgument(tanhOp.getInput(), x);
    });
    if (!x)
      return rewriter.notifyMatchFailure(op, "not a GELU");
    rewriter.replaceOpWithNewOp<GeluOp>(op, x, GeluApproximation::Tanh);
    return success();
  }
};

} // namespace

void mlir::kiln::populateRecognizeActivationPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns
      .add<RecognizeSilu, RecognizeHardSwish<MulOp>, RecognizeHardSwish<DivOp>,
           RecognizeHardSigmoid<MulOp>, RecognizeHardSigmoid<DivOp>,
           RecognizeGelu<MulOp>, RecognizeGelu<DivOp>>(context);
}
