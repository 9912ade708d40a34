//===- ApproximateMath.cpp - Polynomial approximations of math ops --------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
/// A splat of `value` shaped like `like` (a scalar or a vector of f32/i32).
static Value constantLike(OpBuilder &b, Location loc, Type like,
                          double value) {
  Type element = getElementTypeOrSelf(like);
  TypedAttr scalar =
      isa<FloatType>(element)
          ? TypedAttr(b.getFloatAttr(element, value))
          : TypedAttr(b.getIntegerAttr(element, static_cast<int64_t>(value)));
  if (auto vector = dyn_cast<VectorType>(like))
    return arith::ConstantOp::create(b, loc,
                                     SplatElementsAttr::get(vector, scalar));
  return arith::ConstantOp::create(b, loc, scalar);
}

/// max(x, bound) and min(x, bound) as compare and select, which keep NaN
/// (x86: one vmaxps / vminps).
static Value clampBelow(ImplicitLocOpBuilder &b, Value x, Value bound) {
  Value below = arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, x, bound);
  return arith::SelectOp::create(b, below, bound, x);
}
static Value clampAbove(ImplicitLocOpBuilder &b, Value x, Value bound) {
  Value above = arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, x, bound);
  return arith::SelectOp::create(b, above, bound, x);
}

/// The polynomial with `coefficients` (highest degree first) at `x`, by
/// Horner's rule in FMAs.
static Value horner(ImplicitLocOpBuilder &b, Value x,
                    ArrayRef<double> coefficients) {
  Type type = x.getType();
  Value p = constantLike(b, b.getLoc(), type, coefficients.front());
  for (double c : coefficients.drop_front())
    p = math::FmaOp::create(b, p, x, constantLike(b, b.getLoc(), type, c));
  return p;
}

/// Rewrites an f32 math op (scalar or vector) of one operand into
/// `Derived::approximate` of that operand clamped to [Derived::kLow,
/// Derived::kHigh].
template <typename MathOp, typename Derived>
struct F32Approximation : public OpRewritePattern<MathOp> {
  using OpRewritePattern<MathOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(MathOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return rewriter.notifyMatchFailure(op, "not f32");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value x = clampBelow(b, op.getOperand(),
                         constantLike(b, b.getLoc(), type, Derived::kLow));
    x = clampAbove(b, x, constantLike(b, b.getLoc(), type, Derived::kHigh));
    rewriter.replaceOp(op, Derived::approximate(b, x));
    return success();
  }
};

/// f32 exp as 2^n * p(r): n = floor(x log2(e)), r = x - n ln(2) in [0, ln 2)
/// (two-constant Cody-Waite), p a degree-5 polynomial fitted for the least
/// maximum relative error on [0, ln 2] (Lawson's iteration, coefficients
/// rounded to f32): at most 1.7e-7 relative error over the normal range
/// (upstream's approximation: 2.6e-7), in 14 vector operations against
/// upstream's 25 or so.
///
/// floor and the conversion to an integer are one trick: adding 1.5 * 2^23
/// rounds to an integer, which then sits in the low mantissa bits, and with
/// the exponent bias 127 folded into the constant, the float's bits shifted
/// left by 23 are those of 2^n. The argument is first clamped to [-88, 89],
/// so that n + 127 stays in [0, 255]: below about -87.34 (outputs under the
/// smallest normal float) n + 127 reaches 0 and the result is +0 (denormal
/// outputs are flushed to zero, as upstream's approximation does), at the top
/// it reaches 255 and 2^n is +inf. Hence exp(-inf) = 0 (flash attention's
/// masked scores rely on it), exp(+inf) = exp(large) = +inf, and NaN
/// propagates (the clamps are compare-and-select, which keep NaN, and the
/// polynomial of NaN is NaN).
struct ExpApproximation
    : public F32Approximation<math::ExpOp, ExpApproximation> {
  using F32Approximation::F32Approximation;
  static constexpr double kLow = -88.0, kHigh = 89.0;

  static Value approximate(ImplicitLocOpBuilder &b, Value x) {
    Type type = x.getType();
    Location loc = b.getLoc();
    auto cst = [&](double value) {
      return constantLike(b, loc, type, value);
    };
    auto fma = [&](Value a, Value x, Value c) -> Value {
      return math::FmaOp::create(b, a, x, c);
    };

    // floor(x log2(e)): x log2(e) - 0.49999997 rounded to nearest (the
    // largest float below 1/2, so that exp(0) finds n = 0, r = 0 exactly).
    const double magic = 12582912.0 + 127.0; // 1.5 * 2^23 + bias
    Value t = fma(x, cst(1.44269504088896341), cst(-0.4999999701976776));
    Value v = arith::AddFOp::create(b, t, cst(magic));
    Value n = arith::SubFOp::create(b, v, cst(magic));
    Type intType = b.getI32Type();
    if (auto vector = dyn_cast<VectorType>(type))
      intType = vector.clone(intType);
    Value bits = arith::BitcastOp::create(b, intType, v);
    Value scale = arith::BitcastOp::create(
        b, type,
        arith::ShLIOp::create(b, bits, constantLike(b, loc, intType, 23)));

    // r = x - n ln(2); ln(2)'s high part has 9 significant bits, so n * hi is
    // exact for |n| < 2^15 whether or not the target fuses.
    Value r = fma(n, cst(-0.693359375), x);
    r = fma(n, cst(2.12194440054690583e-4), r);

    // 1 + r (c1 + r (c2 + r (c3 + r (c4 + r c5)))).
    const double coefficients[] = {0.011669366620481014, 0.03906264901161194,
                                   0.16755490005016327, 0.49987083673477173,
                                   1.0000059604644775, 1.0};
    return arith::MulFOp::create(b, horner(b, r, coefficients), scale);
  }
};

/// f32 erf as x P(x^2) / Q(x^2) on x clamped to [-4, 4] (erf(4) rounds to 1
/// in f32), with the degree-13/8 rational approximation of Eigen and XLA:
/// at most 3.7e-7 absolute and relative error against float64 (upstream's
/// piecewise approximation: 2.4e-7), in about 17 vector operations against
/// upstream's 40 (its three intervals select every coefficient). Q is
/// negative and bounded away from 0 on [-4, 4], so the division may be a
/// reciprocal estimate refined by Newton-Raphson (`arcp`, `ninf`).
/// erf(+-inf) = +-1, NaN stays NaN (the clamps are compare-and-select).
struct ErfApproximation
    : public F32Approximation<math::ErfOp, ErfApproximation> {
  using F32Approximation::F32Approximation;
  static constexpr double kLow = -4.0, kHigh = 4.0;

  static Value approximate(ImplicitLocOpBuilder &b, Value x) {
    Value x2 = arith::MulFOp::create(b, x, x);
    const double alpha[] = {-2.72614225801306e-10, 2.77068142495902e-08,
                            -2.10102402082508e-06, -5.69250639462346e-05,
                            -7.34990630326855e-04, -2.95459980854025e-03,
                            -1.60960333262415e-02};
    const double beta[] = {-1.45660718464996e-05, -2.13374055278905e-04,
                           -1.68282697438203e-03, -7.37332916720468e-03,
                           -1.42647390514189e-02};
    Value p = arith::MulFOp::create(b, x, horner(b, x2, alpha));
    Value q = horner(b, x2, beta);
    return arith::DivFOp::create(b, p, q,
                                 arith::FastMathFlags::arcp |
                                     arith::FastMathFlags::ninf |
                                     arith::FastMathFlags::contract);
  }
};

struct ApproximateMathPass
    : kiln::impl::ApproximateMathBase<ApproximateMathPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Compute f16/bf16 math in f32, then expand and approximate the f32
    // functions. sin and cos stay with libm: the upstream approximation
    // reduces the argument with a single-precision pi/2 and loses accuracy at
    // the large angles of rotary embeddings (positions in the thousands).
    populateMathF32ExpansionPatterns(patterns, [](StringRef) { return true; });
    // Kiln's exp and erf before upstream's (which stays for what builds on it).
    patterns.add<ExpApproximation, ErfApproximation>(&getContext(),
                                                     /*benefit=*/2);
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef name) {
          return llvm::is_contained(
              {"math.atan", "math.atan2", "math.tanh", "math.log",
               "math.log2", "math.log1p", "math.erf", "math.erfc",
               "math.asin", "math.acos", "math.exp", "math.expm1",
               "math.cbrt"},
              name);
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
