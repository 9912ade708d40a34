//===- Elementwise.cpp - Lower elementwise kiln ops and activations -------===//
//
// Every elementwise op and activation becomes one linalg.generic whose
// indexing maps carry the numpy broadcast; constants become arith.constant.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// Builds the scalar arithmetic of one element.
class Scalar {
public:
  Scalar(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value constant(Type type, double value) {
    return scalarConstant(b, loc, type, value);
  }
  Value constantLike(Value like, double value) {
    return constant(like.getType(), value);
  }
  Value add(Value x, Value y) {
    return isFloat(x) ? Value(arith::AddFOp::create(b, loc, x, y))
                      : Value(arith::AddIOp::create(b, loc, x, y));
  }
  Value sub(Value x, Value y) {
    return isFloat(x) ? Value(arith::SubFOp::create(b, loc, x, y))
                      : Value(arith::SubIOp::create(b, loc, x, y));
  }
  Value mul(Value x, Value y) {
    return isFloat(x) ? Value(arith::MulFOp::create(b, loc, x, y))
                      : Value(arith::MulIOp::create(b, loc, x, y));
  }
  Value div(Value x, Value y) {
    return isFloat(x) ? Value(arith::DivFOp::create(b, loc, x, y))
                      : Value(arith::DivSIOp::create(b, loc, x, y));
  }
  /// Maximum that propagates NaN, as numpy and PyTorch do.
  Value max(Value x, Value y) {
    return isFloat(x) ? Value(arith::MaximumFOp::create(b, loc, x, y))
                      : Value(arith::MaxSIOp::create(b, loc, x, y));
  }
  Value min(Value x, Value y) {
    return isFloat(x) ? Value(arith::MinimumFOp::create(b, loc, x, y))
                      : Value(arith::MinSIOp::create(b, loc, x, y));
  }
  Value mulBy(Value x, double c) { return mul(x, constantLike(x, c)); }
  /// `x > 0` for floats (false for NaN) and signed integers.
  Value isPositive(Value x) {
    if (isFloat(x))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                   constantLike(x, 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x,
                                 constantLike(x, 0));
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value exp(Value x) { return math::ExpOp::create(b, loc, x); }
  Value expm1(Value x) { return math::ExpM1Op::create(b, loc, x); }
  /// 1 / (1 + exp(-x)), with -x clamped to at most 88 (compare and select:
  /// NaN stays NaN) so that the divisor is finite: the division may then be
  /// a reciprocal estimate refined by Newton-Raphson (`arcp`, and `ninf`,
  /// which LLVM requires for it and which holds; the x86 back end emits
  /// vrcpps and one step for f32 vectors, other targets divide). Below
  /// x = -88 the exact result is under 6.1e-39 and the result is 0 (vrcpps
  /// flushes such a reciprocal to 0, AVX-512's vrcp14ps does not), so that
  /// x * sigmoid(x) is -0 for large negative x and NaN at -inf, as
  /// x / (1 + exp(-x)) is. The 0 is the dividend's (0 or 1): LLVM's x86
  /// back end divides exactly where a select or a multiply takes the
  /// quotient (a masked vdivps with AVX-512).
  Value sigmoid(Value x) {
    Value one = constantLike(x, 1);
    Value negX = arith::NegFOp::create(b, loc, x);
    Value limit = constantLike(x, 88);
    Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                        negX, limit);
    Value e = exp(select(above, limit, negX));
    Value divisor = add(one, e);
    Value dividend = select(above, constantLike(x, 0), one);
    return arith::DivFOp::create(b, loc, dividend, divisor,
                                 arith::FastMathFlags::arcp |
                                     arith::FastMathFlags::ninf |
                                     arith::FastMathFlags::contract);
  }
  /// max(0, min(1, alpha * x + beta))
  Value hardSigmoid(Value x, double alpha, double beta) {
    Value y = add(mulBy(x, alpha), constantLike(x, beta));
    return max(constantLike(x, 0), min(constantLike(x, 1), y));
  }
  /// Converts `x` to `type` with ONNX Cast semantics.
  Value convert(Value x, Type type) {
    Type from = x.getType();
    if (from == type)
      return x;
    if (type.isInteger(1)) {
      if (isFloat(x))
        return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                     constantLike(x, 0));
      return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                   constantLike(x, 0));
    }
    auto toFloat = dyn_cast<FloatType>(type);
    if (auto fromFloat = dyn_cast<FloatType>(from)) {
      if (!toFloat)
        return arith::FPToSIOp::create(b, loc, type, x);
      if (fromFloat.getWidth() < toFloat.getWidth())
        return arith::ExtFOp::create(b, loc, type, x);
      if (fromFloat.getWidth() > toFloat.getWidth())
        return arith::TruncFOp::create(b, loc, type, x);
      // f16 <-> bf16: go through f32.
      Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
      return arith::TruncFOp::create(b, loc, type, wide);
    }
    bool fromBool = from.isInteger(1);
    if (toFloat)
      return fromBool ? Value(arith::UIToFPOp::create(b, loc, type, x))
                      : Value(arith::SIToFPOp::create(b, loc, type, x));
    unsigned fromWidth = from.getIntOrFloatBitWidth();
    unsigned toWidth = type.getIntOrFloatBitWidth();
    if (fromWidth < toWidth)
      return fromBool ? Value(arith::ExtUIOp::create(b, loc, type, x))
                      : Value(arith::ExtSIOp::create(b, loc, type, x));
    return arith::TruncIOp::create(b, loc, type, x);
  }

  OpBuilder &b;
  Location loc;

private:
  static bool isFloat(Value v) { return isa<FloatType>(v.getType()); }
};

/// Each elementwise op's scalar formula; `args` are the operands' elements and
/// `type` the result element type.
Value compute(AddOp, Scalar &s, ValueRange args, Type) {
  return s.add(args[0], args[1]);
}
Value compute(SubOp, Scalar &s, ValueRange args, Type) {
  return s.sub(args[0], args[1]);
}
Value compute(MulOp, Scalar &s, ValueRange args, Type) {
  return s.mul(args[0], args[1]);
}
Value compute(DivOp, Scalar &s, ValueRange args, Type) {
  return s.div(args[0], args[1]);
}
Value compute(MaxOp, Scalar &s, ValueRange args, Type) {
  return s.max(args[0], args[1]);
}
Value compute(MinOp, Scalar &s, ValueRange args, Type) {
  return s.min(args[0], args[1]);
}
Value compute(PowOp, Scalar &s, ValueRange args, Type) {
  if (isa<FloatType>(args[0].getType()))
    return math::PowFOp::create(s.b, s.loc, args[0], args[1]);
  return math::IPowIOp::create(s.b, s.loc, args[0], args[1]);
}
Value compute(EqualOp, Scalar &s, ValueRange args, Type) {
  if (isa<FloatType>(args[0].getType()))
    return arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::OEQ,
                                 args[0], args[1]);
  return arith::CmpIOp::create(s.b, s.loc, arith::CmpIPredicate::eq, args[0],
                               args[1]);
}
Value compute(WhereOp, Scalar &s, ValueRange args, Type) {
  return s.select(args[0], args[1], args[2]);
}
Value compute(NegOp, Scalar &s, ValueRange args, Type) {
  if (isa<FloatType>(args[0].getType()))
    return arith::NegFOp::create(s.b, s.loc, args[0]);
  return s.sub(s.constantLike(args[0], 0), args[0]);
}
Value compute(AbsOp, Scalar &s, ValueRange args, Type) {
  if (isa<FloatType>(args[0].getType()))
    return math::AbsFOp::create(s.b, s.loc, args[0]);
  return math::AbsIOp::create(s.b, s.loc, args[0]);
}
Value compute(ExpOp, Scalar &s, ValueRange args, Type) {
  return s.exp(args[0]);
}
Value compute(LogOp, Scalar &s, ValueRange args, Type) {
  return math::LogOp::create(s.b, s.loc, args[0]);
}
Value compute(SqrtOp, Scalar &s, ValueRange args, Type) {
  return math::SqrtOp::create(s.b, s.loc, args[0]);
}
Value compute(TanhOp, Scalar &s, ValueRange args, Type) {
  return math::TanhOp::create(s.b, s.loc, args[0]);
}
Value compute(ErfOp, Scalar &s, ValueRange args, Type) {
  return math::ErfOp::create(s.b, s.loc, args[0]);
}
Value compute(SinOp, Scalar &s, ValueRange args, Type) {
  return math::SinOp::create(s.b, s.loc, args[0]);
}
Value compute(CosOp, Scalar &s, ValueRange args, Type) {
  return math::CosOp::create(s.b, s.loc, args[0]);
}
Value compute(CastOp, Scalar &s, ValueRange args, Type type) {
  return s.convert(args[0], type);
}

// Activations.
Value compute(ReluOp, Scalar &s, ValueRange args, Type) {
  return s.max(args[0], s.constantLike(args[0], 0));
}
Value compute(ClipOp op, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  if (std::optional<APFloat> min = op.getMin())
    x = s.max(x, s.constantLike(x, min->convertToDouble()));
  if (std::optional<APFloat> max = op.getMax())
    x = s.min(x, s.constantLike(x, max->convertToDouble()));
  return x;
}
Value compute(LeakyReluOp op, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  return s.select(s.isPositive(x), x,
                  s.mulBy(x, op.getAlpha().convertToDouble()));
}
Value compute(PReluOp, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  return s.select(s.isPositive(x), x, s.mul(x, args[1]));
}
Value compute(EluOp op, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  return s.select(s.isPositive(x), x,
                  s.mulBy(s.expm1(x), op.getAlpha().convertToDouble()));
}
Value compute(SeluOp op, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  Value negative = s.mulBy(s.expm1(x), op.getAlpha().convertToDouble());
  return s.mulBy(s.select(s.isPositive(x), x, negative),
                 op.getGamma().convertToDouble());
}
Value compute(SigmoidOp, Scalar &s, ValueRange args, Type) {
  return s.sigmoid(args[0]);
}
Value compute(HardSigmoidOp op, Scalar &s, ValueRange args, Type) {
  return s.hardSigmoid(args[0], op.getAlpha().convertToDouble(),
                       op.getBeta().convertToDouble());
}
Value compute(HardSwishOp, Scalar &s, ValueRange args, Type) {
  return s.mul(args[0], s.hardSigmoid(args[0], 1.0 / 6.0, 0.5));
}
Value compute(SiluOp, Scalar &s, ValueRange args, Type) {
  return s.mul(args[0], s.sigmoid(args[0]));
}
Value compute(GeluOp op, Scalar &s, ValueRange args, Type) {
  Value x = args[0];
  Value inner;
  if (op.getApproximation() == GeluApproximation::Tanh) {
    // tanh(sqrt(2/pi) * (x + 0.044715 x^3))
    Value cube = s.mul(s.mul(x, x), x);
    Value poly = s.add(x, s.mulBy(cube, 0.044715));
    inner = math::TanhOp::create(s.b, s.loc,
                                 s.mulBy(poly, std::sqrt(2.0 / M_PI)));
  } else {
    inner = math::ErfOp::create(s.b, s.loc, s.mulBy(x, M_SQRT1_2));
  }
  return s.mul(s.mulBy(x, 0.5), s.add(s.constantLike(x, 1), inner));
}
Value compute(SoftplusOp, Scalar &s, ValueRange args, Type) {
  // log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), without overflow.
  Value x = args[0];
  Value absX = math::AbsFOp::create(s.b, s.loc, x);
  Value tail = math::Log1pOp::create(
      s.b, s.loc, s.exp(arith::NegFOp::create(s.b, s.loc, absX)));
  return s.add(s.max(x, s.constantLike(x, 0)), tail);
}

/// Lowers an elementwise op to a broadcasting linalg.generic.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          Scalar scalar(b, loc);
          return compute(op, scalar, args, resultType.getElementType());
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<
      ElementwiseLowering<AddOp>, ElementwiseLowering<SubOp>,
      ElementwiseLowering<MulOp>, ElementwiseLowering<DivOp>,
      ElementwiseLowering<PowOp>, ElementwiseLowering<MaxOp>,
      ElementwiseLowering<MinOp>, ElementwiseLowering<EqualOp>,
      ElementwiseLowering<WhereOp>, ElementwiseLowering<NegOp>,
      ElementwiseLowering<AbsOp>, ElementwiseLowering<ExpOp>,
      ElementwiseLowering<LogOp>, ElementwiseLowering<SqrtOp>,
      ElementwiseLowering<TanhOp>, ElementwiseLowering<ErfOp>,
      ElementwiseLowering<SinOp>, ElementwiseLowering<CosOp>,
      ElementwiseLowering<CastOp>, ElementwiseLowering<ReluOp>,
      ElementwiseLowering<ClipOp>, ElementwiseLowering<LeakyReluOp>,
      ElementwiseLowering<PReluOp>, ElementwiseLowering<EluOp>,
      ElementwiseLowering<SeluOp>, ElementwiseLowering<SigmoidOp>,
      ElementwiseLowering<HardSigmoidOp>, ElementwiseLowering<HardSwishOp>,
      ElementwiseLowering<SiluOp>, ElementwiseLowering<GeluOp>,
      ElementwiseLowering<SoftplusOp>, ConstantLowering>(
      patterns.getContext());
}
