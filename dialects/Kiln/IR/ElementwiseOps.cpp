//===- ElementwiseOps.cpp - Elementwise kiln ops --------------------------===//
//
// Broadcasting binary ops, equal, where, unary math and cast: shape
// inference, verification and folding.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"

#include "OpUtils.h"
#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Broadcasting shape inference
//===----------------------------------------------------------------------===//

/// Infers the broadcast result of `operands`, with element type `elementType`
/// (the first operand's when null).
static LogicalResult inferBroadcast(ValueRange operands, Type elementType,
                                    const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value operand : operands) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type)
      return failure(); // Excluded by the ODS operand constraints.
    shapes.push_back(type.getShape());
  }
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(shapes, diag);
  if (failed(shape))
    return failure();
  if (!elementType)
    elementType = cast<RankedTensorType>(operands.back().getType())
                      .getElementType();
  results.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

#define KILN_BROADCAST_BINARY_OP(OP)                                           \
  LogicalResult OP::inferReturnTypes(                                          \
      MLIRContext *, std::optional<Location> loc, Adaptor adaptor,             \
      SmallVectorImpl<Type> &results) {                                        \
    return inferBroadcast(adaptor.getOperands(), Type(), Diagnoser(loc),       \
                          results);                                            \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    SmallVector<Type> types;                                                   \
    return inferBroadcast(getOperands(), Type(), Diagnoser(*this), types);     \
  }

KILN_BROADCAST_BINARY_OP(AddOp)
KILN_BROADCAST_BINARY_OP(SubOp)
KILN_BROADCAST_BINARY_OP(MulOp)
KILN_BROADCAST_BINARY_OP(DivOp)
KILN_BROADCAST_BINARY_OP(PowOp)
KILN_BROADCAST_BINARY_OP(MaxOp)
KILN_BROADCAST_BINARY_OP(MinOp)
#undef KILN_BROADCAST_BINARY_OP

LogicalResult EqualOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  return inferBroadcast(adaptor.getOperands(), IntegerType::get(context, 1),
                        Diagnoser(loc), results);
}
LogicalResult EqualOp::verify() {
  SmallVector<Type> types;
  return inferBroadcast(getOperands(), IntegerType::get(getContext(), 1),
                        Diagnoser(*this), types);
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  return inferBroadcast(adaptor.getOperands(), Type(), Diagnoser(loc),
                        results);
}
LogicalResult WhereOp::verify() {
  SmallVector<Type> types;
  return inferBroadcast(getOperands(), Type(), Diagnoser(*this), types);
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

/// Returns `lhs` when `rhs` is the splat constant `identity` and the result
/// needs no broadcast of `lhs`.
static OpFoldResult foldIdentityRhs(Operation *op, Value lhs, Value rhs,
                                    double identity) {
  if (lhs.getType() == op->getResult(0).getType() && isSplatOf(rhs, identity))
    return lhs;
  return {};
}

/// Folds a float binary op whose operands are both constants of the result
/// type (splat or dense, same shape).
template <typename Fn>
static OpFoldResult foldFloatConstants(Operation *op,
                                       ArrayRef<Attribute> operands, Fn fn) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (!isa<FloatType>(type.getElementType()))
    return {};
  for (Attribute attr : operands) {
    auto elements = dyn_cast_if_present<DenseElementsAttr>(attr);
    if (!elements ||
        (!elements.isSplat() && elements.getType() != type))
      return {};
  }
  return constFoldBinaryOp<FloatAttr>(
      operands, type,
      [&](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return fn(a, b);
      });
}

/// Like foldFloatConstants for signless integers (shape arithmetic).
template <typename Fn>
static OpFoldResult foldIntConstants(Operation *op,
                                     ArrayRef<Attribute> operands, Fn fn) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (!type.getElementType().isSignlessInteger() ||
      type.getElementType().isInteger(1))
    return {};
  for (Attribute attr : operands) {
    auto elements = dyn_cast_if_present<DenseElementsAttr>(attr);
    if (!elements ||
        (!elements.isSplat() && elements.getType() != type))
      return {};
  }
  return constFoldBinaryOp<IntegerAttr>(
      operands, type,
      [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return fn(a, b);
      });
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentityRhs(*this, getLhs(), getRhs(), 0.0))
    return r;
  if (OpFoldResult r = foldIdentityRhs(*this, getRhs(), getLhs(), 0.0))
    return r;
  if (OpFoldResult r = foldFloatConstants(
          *this, adaptor.getOperands(),
          [](APFloat a, const APFloat &b) {
            a.add(b, APFloat::rmNearestTiesToEven);
            return a;
          }))
    return r;
  return foldIntConstants(*this, adaptor.getOperands(),
                          [](const APInt &a, const APInt &b) { return a + b; });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentityRhs(*this, getLhs(), getRhs(), 0.0))
    return r;
  if (OpFoldResult r = foldFloatConstants(
          *this, adaptor.getOperands(),
          [](APFloat a, const APFloat &b) {
            a.subtract(b, APFloat::rmNearestTiesToEven);
            return a;
          }))
    return r;
  return foldIntConstants(*this, adaptor.getOperands(),
                          [](const APInt &a, const APInt &b) { return a - b; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentityRhs(*this, getLhs(), getRhs(), 1.0))
    return r;
  if (OpFoldResult r = foldIdentityRhs(*this, getRhs(), getLhs(), 1.0))
    return r;
  if (OpFoldResult r = foldFloatConstants(
          *this, adaptor.getOperands(),
          [](APFloat a, const APFloat &b) {
            a.multiply(b, APFloat::rmNearestTiesToEven);
            return a;
          }))
    return r;
  return foldIntConstants(*this, adaptor.getOperands(),
                          [](const APInt &a, const APInt &b) { return a * b; });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentityRhs(*this, getLhs(), getRhs(), 1.0))
    return r;
  if (OpFoldResult r = foldFloatConstants(
          *this, adaptor.getOperands(),
          [](APFloat a, const APFloat &b) {
            a.divide(b, APFloat::rmNearestTiesToEven);
            return a;
          }))
    return r;
  return foldIntConstants(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (b.isZero())
          return std::nullopt;
        return a.sdiv(b);
      });
}

OpFoldResult PowOp::fold(FoldAdaptor) {
  return foldIdentityRhs(*this, getLhs(), getRhs(), 1.0);
}

OpFoldResult MaxOp::fold(FoldAdaptor) {
  if (getLhs() == getRhs() && getLhs().getType() == getType())
    return getLhs();
  return {};
}

OpFoldResult MinOp::fold(FoldAdaptor) {
  if (getLhs() == getRhs() && getLhs().getType() == getType())
    return getLhs();
  return {};
}

OpFoldResult EqualOp::fold(FoldAdaptor adaptor) {
  // x == x is true for integers (floats may hold NaN).
  auto lhsType = cast<RankedTensorType>(getLhs().getType());
  if (getLhs() == getRhs() && lhsType.getElementType().isInteger())
    return DenseElementsAttr::get(getType(), true);
  return {};
}

OpFoldResult WhereOp::fold(FoldAdaptor) {
  if (getOnTrue() == getOnFalse() && getOnTrue().getType() == getType())
    return getOnTrue();
  std::optional<APInt> condition = getSplatInt(getCondition());
  if (!condition)
    return {};
  Value chosen = condition->isZero() ? getOnFalse() : getOnTrue();
  if (chosen.getType() == getType())
    return chosen;
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return {};
}

OpFoldResult AbsOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<AbsOp>())
    return inner.getResult();
  if (auto inner = getInput().getDefiningOp<NegOp>())
    if (auto abs = inner.getInput().getDefiningOp<AbsOp>())
      return abs.getResult();
  return {};
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

void CastOp::build(OpBuilder &builder, OperationState &state, Value input,
                   Type elementType) {
  auto type = cast<RankedTensorType>(input.getType());
  build(builder, state, type.clone(elementType), input);
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}
