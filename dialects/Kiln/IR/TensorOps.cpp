//===- TensorOps.cpp - Constants and tensor plumbing ----------------------===//
//
// kiln.constant and the tensor plumbing ops (reshape, flatten, squeeze,
// unsqueeze, transpose, expand, concat, split, slice, pad, gather): shape
// inference, verification, folders and canonicalization.
//
// Every op's shape logic lives in one `infer<Op>` helper, called by the op's
// `verify()` (with a Diagnoser on the op) and by its `inferReturnTypes` (with a
// Diagnoser on the location). The helpers check every operand type and
// attribute themselves: `inferReturnTypes` can be called by builders and
// importers on anything, before the ODS constraints have been verified.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "OpUtils.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the product of `dims`, or nothing when it overflows int64.
static std::optional<int64_t> checkedProduct(ArrayRef<int64_t> dims) {
  int64_t product = 1;
  for (int64_t dim : dims)
    if (llvm::MulOverflow(product, dim, product))
      return std::nullopt;
  return product;
}

/// Checks the operand count handed to `inferReturnTypes`, before the adaptor's
/// accessors index the operands.
static LogicalResult checkOperandCount(ValueRange operands, size_t expected,
                                       const Diagnoser &diag) {
  if (operands.size() != expected)
    return diag.emit() << "expected " << expected << " operands, got "
                       << operands.size();
  return success();
}

/// Returns the type of `value` if it is a statically shaped tensor whose
/// element count fits in int64; otherwise reports `what` (e.g. "'input'").
static FailureOr<RankedTensorType> getTensorType(Value value, const Twine &what,
                                                 const Diagnoser &diag) {
  if (!value)
    return diag.emit() << "missing operand " << what;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return diag.emit() << what << " must be a statically shaped tensor, got "
                       << value.getType();
  if (!checkedProduct(type.getShape()))
    return diag.emit() << what << " has more than 2^63 - 1 elements";
  return type;
}

/// Returns the elements of a required array attribute, or reports it missing.
static FailureOr<ArrayRef<int64_t>> getArray(DenseI64ArrayAttr attr,
                                             StringRef name,
                                             const Diagnoser &diag) {
  if (!attr)
    return diag.emit() << "requires attribute '" << name << "'";
  return attr.asArrayRef();
}

/// Returns the value of an optional integer attribute, `defaultValue` when it
/// is absent.
static FailureOr<int64_t> getInt(IntegerAttr attr, StringRef name,
                                 int64_t defaultValue, const Diagnoser &diag) {
  if (!attr)
    return defaultValue;
  if (attr.getValue().getBitWidth() > 64)
    return diag.emit() << "'" << name << "' must be a 64-bit integer";
  return attr.getValue().getSExtValue();
}

/// Maps `axis` in [-rank, rank) to [0, rank), or reports it as `name`.
static FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                        StringRef name, const Diagnoser &diag) {
  if (axis < -rank || axis >= rank)
    return diag.emit() << "'" << name << "' (" << axis << ") must be in ["
                       << -rank << ", " << rank << ")";
  return axis < 0 ? axis + rank : axis;
}

/// Maps each entry of the array attribute `name` from [-rank, rank) to
/// [0, rank) and rejects repeated entries.
static FailureOr<SmallVector<int64_t>>
normalizeAxes(ArrayRef<int64_t> axes, int64_t rank, StringRef name,
              const Diagnoser &diag) {
  SmallVector<int64_t> result;
  SmallVector<bool> seen(rank, false);
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < -rank || axis >= rank)
      return diag.emit() << "'" << name << "' element " << i << " is " << axis
                         << ", must be in [" << -rank << ", " << rank << ")";
    int64_t normalized = axis < 0 ? axis + rank : axis;
    if (seen[normalized])
      return diag.emit() << "'" << name << "' names dimension " << normalized
                         << " more than once";
    seen[normalized] = true;
    result.push_back(normalized);
  }
  return result;
}

/// Returns true for the ops that only reinterpret the shape of their single
/// operand (row-major order is kept): reshape, flatten, squeeze, unsqueeze.
static bool isReshapeLike(Operation *op) {
  return op && isa<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(op) &&
         op->getNumOperands() == 1;
}

/// Folds a reshape-like op of type `type` whose operand is the constant
/// `operand`: a splat becomes the splat of `type`, dense data is reshaped.
static Attribute reshapeConstant(Attribute operand, Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  // A blob is row-major bytes whatever its shape: the reshaped constant
  // shares it (no copy).
  if (auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(operand)) {
    auto resourceType = cast<ShapedType>(resource.getType());
    if (!shaped || !shaped.hasStaticShape() ||
        resourceType.getElementType() != shaped.getElementType() ||
        resourceType.getNumElements() != shaped.getNumElements())
      return {};
    return DenseResourceElementsAttr::get(shaped, resource.getRawHandle());
  }
  auto elements = dyn_cast_if_present<DenseElementsAttr>(operand);
  if (!elements || !shaped ||
      elements.getElementType() != shaped.getElementType())
    return {};
  if (elements.isSplat())
    return elements.resizeSplat(shaped);
  if (elements.getType().getNumElements() != shaped.getNumElements())
    return {};
  return elements.reshape(shaped);
}

/// Folds an op of type `type` whose operand is the splat constant `operand`
/// and whose every result element is an operand element.
static Attribute resizeSplat(Attribute operand, Type type) {
  auto elements = dyn_cast_if_present<SplatElementsAttr>(operand);
  auto shaped = dyn_cast<ShapedType>(type);
  if (!elements || !shaped ||
      elements.getElementType() != shaped.getElementType())
    return {};
  return elements.resizeSplat(shaped);
}

/// The folds shared by flatten, squeeze and unsqueeze.
static OpFoldResult foldReshapeLike(Operation *op, Attribute operand) {
  Value input = op->getOperand(0);
  Type type = op->getResult(0).getType();
  if (input.getType() == type)
    return input;
  if (Attribute folded = reshapeConstant(operand, type))
    return folded;
  // reshape-like(reshape-like(x)) with the type of x is x.
  Operation *producer = input.getDefiningOp();
  if (isReshapeLike(producer) && producer->getOperand(0).getType() == type)
    return producer->getOperand(0);
  return {};
}

namespace {
/// Canonicalization of flatten, squeeze and unsqueeze: a chain of
/// reshape-like ops ending in `OpTy` becomes one kiln.reshape of the chain's
/// input (which the reshape folder may then fold further).
template <typename OpTy>
struct CollapseReshapeChain : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Operation *producer = op->getOperand(0).getDefiningOp();
    auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!isReshapeLike(producer) || !type)
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(
        op, type, producer->getOperand(0),
        rewriter.getDenseI64ArrayAttr(type.getShape()));
    return success();
  }
};
} // namespace

static bool isIdentityPermutation(ArrayRef<int64_t> permutation) {
  for (auto [i, p] : llvm::enumerate(permutation))
    if (p != static_cast<int64_t>(i))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location>,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &results) {
  if (!adaptor.getValue())
    return failure();
  results.push_back(adaptor.getValue().getType());
  return success();
}

LogicalResult ConstantOp::verify() {
  auto type = dyn_cast<RankedTensorType>(getValue().getType());
  if (!type || !type.hasStaticShape())
    return emitOpError() << "'value' must have a statically shaped tensor type";
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

static LogicalResult inferReshape(Value input, DenseI64ArrayAttr shapeAttr,
                                  const Diagnoser &diag,
                                  SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<ArrayRef<int64_t>> shape = getArray(shapeAttr, "shape", diag);
  if (failed(shape) || failed(checkArray(*shape, "shape", -1, 0, diag)))
    return failure();
  std::optional<int64_t> count = checkedProduct(*shape);
  if (!count)
    return diag.emit() << "'shape' has more than 2^63 - 1 elements";
  int64_t inputCount = type->getNumElements();
  if (*count != inputCount)
    return diag.emit() << "'shape' has " << *count
                       << " elements, expected the input's " << inputCount;
  results.push_back(RankedTensorType::get(*shape, type->getElementType()));
  return success();
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferReshape(adaptor.getInput(), adaptor.getShapeAttr(),
                      Diagnoser(loc), results);
}

LogicalResult ReshapeOp::verify() {
  SmallVector<Type> types;
  return inferReshape(getInput(), getShapeAttr(), Diagnoser(*this), types);
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  Type type = getType();
  if (getInput().getType() == type)
    return getInput();
  if (Attribute folded = reshapeConstant(adaptor.getInput(), type))
    return folded;
  // reshape(reshape-like(x)) is reshape(x): the shape attribute does not
  // depend on the operand.
  Operation *producer = getInput().getDefiningOp();
  if (!isReshapeLike(producer))
    return {};
  Value source = producer->getOperand(0);
  if (source.getType() == type)
    return source;
  getInputMutable().assign(source);
  return getResult();
}

namespace {
/// reshape(transpose(x, p)) where the reshape only drops dimensions of size
/// 1 -> transpose(reshape(x), p'): the transpose can then meet the one
/// before or after it (nn.MultiheadAttention's export: heads transposed to
/// the front in 4-D, a leading 1 dropped, transposed back in 3-D).
struct DropUnitDimsBeforeTranspose : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto transpose = op.getInput().getDefiningOp<TransposeOp>();
    if (!transpose || !transpose->hasOneUse())
      return failure();
    auto from = cast<RankedTensorType>(transpose.getType());
    auto to = cast<RankedTensorType>(op.getType());
    // The transposed dimensions the reshape keeps: every other one is 1.
    SmallVector<int64_t> kept;
    int64_t next = 0;
    for (int64_t i = 0, e = from.getRank(); i < e; ++i) {
      if (next < to.getRank() && from.getDimSize(i) == to.getDimSize(next)) {
        kept.push_back(i);
        ++next;
      } else if (from.getDimSize(i) != 1) {
        return failure();
      }
    }
    if (next != to.getRank() ||
        static_cast<int64_t>(kept.size()) == from.getRank())
      return failure();
    ArrayRef<int64_t> permutation = transpose.getPermutation();
    auto source = cast<RankedTensorType>(transpose.getInput().getType());
    // x without the dropped dimensions, and their new numbers.
    SmallVector<bool> keepSource(source.getRank(), false);
    for (int64_t i : kept)
      keepSource[permutation[i]] = true;
    SmallVector<int64_t> shape, number(source.getRank(), -1);
    for (int64_t d = 0, e = source.getRank(); d < e; ++d)
      if (keepSource[d]) {
        number[d] = shape.size();
        shape.push_back(source.getDimSize(d));
      }
    SmallVector<int64_t> newPermutation;
    for (int64_t i : kept)
      newPermutation.push_back(number[permutation[i]]);
    Value reshaped = ReshapeOp::create(
        rewriter, op.getLoc(),
        RankedTensorType::get(shape, source.getElementType()),
        transpose.getInput(), rewriter.getDenseI64ArrayAttr(shape));
    rewriter.replaceOpWithNewOp<TransposeOp>(
        op, to, reshaped, rewriter.getDenseI64ArrayAttr(newPermutation));
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<DropUnitDimsBeforeTranspose>(context);
}

//===----------------------------------------------------------------------===//
// FlattenOp
//===----------------------------------------------------------------------===//

static LogicalResult inferFlatten(Value input, IntegerAttr axisAttr,
                                  const Diagnoser &diag,
                                  SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<int64_t> axis = getInt(axisAttr, "axis", 1, diag);
  if (failed(axis))
    return failure();
  int64_t rank = type->getRank();
  if (*axis < 0 || *axis > rank)
    return diag.emit() << "'axis' (" << *axis << ") must be in [0, " << rank
                       << "]";
  // The input's element count fits in int64, so do both partial products.
  ArrayRef<int64_t> shape = type->getShape();
  int64_t outer = *checkedProduct(shape.take_front(*axis));
  int64_t inner = *checkedProduct(shape.drop_front(*axis));
  results.push_back(
      RankedTensorType::get({outer, inner}, type->getElementType()));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferFlatten(adaptor.getInput(), adaptor.getAxisAttr(),
                      Diagnoser(loc), results);
}

LogicalResult FlattenOp::verify() {
  SmallVector<Type> types;
  return inferFlatten(getInput(), getAxisAttr(), Diagnoser(*this), types);
}

OpFoldResult FlattenOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}

void FlattenOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<CollapseReshapeChain<FlattenOp>>(context);
}

//===----------------------------------------------------------------------===//
// SqueezeOp
//===----------------------------------------------------------------------===//

static LogicalResult inferSqueeze(Value input, DenseI64ArrayAttr axesAttr,
                                  const Diagnoser &diag,
                                  SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  int64_t rank = type->getRank();
  SmallVector<bool> removed(rank, false);
  ArrayRef<int64_t> axes;
  if (axesAttr)
    axes = axesAttr.asArrayRef();
  if (axes.empty()) {
    // As ONNX: without axes, every dimension of size 1 goes.
    for (int64_t d = 0; d < rank; ++d)
      removed[d] = shape[d] == 1;
  } else {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(axes, rank, "axes", diag);
    if (failed(normalized))
      return failure();
    for (auto [i, d] : llvm::enumerate(*normalized)) {
      if (shape[d] != 1)
        return diag.emit() << "'axes' element " << i << " names dimension "
                           << d << " of size " << shape[d]
                           << ", expected size 1";
      removed[d] = true;
    }
  }
  SmallVector<int64_t> result;
  for (int64_t d = 0; d < rank; ++d)
    if (!removed[d])
      result.push_back(shape[d]);
  results.push_back(RankedTensorType::get(result, type->getElementType()));
  return success();
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferSqueeze(adaptor.getInput(), adaptor.getAxesAttr(),
                      Diagnoser(loc), results);
}

LogicalResult SqueezeOp::verify() {
  SmallVector<Type> types;
  return inferSqueeze(getInput(), getAxesAttr(), Diagnoser(*this), types);
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}

void SqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<CollapseReshapeChain<SqueezeOp>>(context);
}

//===----------------------------------------------------------------------===//
// UnsqueezeOp
//===----------------------------------------------------------------------===//

static LogicalResult inferUnsqueeze(Value input, DenseI64ArrayAttr axesAttr,
                                    const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<ArrayRef<int64_t>> axes = getArray(axesAttr, "axes", diag);
  if (failed(axes))
    return failure();
  int64_t rank = type->getRank() + static_cast<int64_t>(axes->size());
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(*axes, rank, "axes", diag);
  if (failed(normalized))
    return failure();
  SmallVector<bool> inserted(rank, false);
  for (int64_t p : *normalized)
    inserted[p] = true;
  SmallVector<int64_t> result;
  ArrayRef<int64_t> shape = type->getShape();
  for (int64_t p = 0; p < rank; ++p) {
    if (inserted[p]) {
      result.push_back(1);
    } else {
      result.push_back(shape.front());
      shape = shape.drop_front();
    }
  }
  results.push_back(RankedTensorType::get(result, type->getElementType()));
  return success();
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferUnsqueeze(adaptor.getInput(), adaptor.getAxesAttr(),
                        Diagnoser(loc), results);
}

LogicalResult UnsqueezeOp::verify() {
  SmallVector<Type> types;
  return inferUnsqueeze(getInput(), getAxesAttr(), Diagnoser(*this), types);
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}

void UnsqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<CollapseReshapeChain<UnsqueezeOp>>(context);
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

static LogicalResult inferTranspose(Value input, DenseI64ArrayAttr permAttr,
                                    const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<ArrayRef<int64_t>> permutation =
      getArray(permAttr, "permutation", diag);
  int64_t rank = type->getRank();
  if (failed(permutation) ||
      failed(checkArray(*permutation, "permutation", rank, 0, diag)))
    return failure();
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> shape;
  for (auto [i, p] : llvm::enumerate(*permutation)) {
    if (p >= rank)
      return diag.emit() << "'permutation' element " << i << " is " << p
                         << ", must be less than " << rank;
    if (seen[p])
      return diag.emit() << "'permutation' names dimension " << p
                         << " more than once";
    seen[p] = true;
    shape.push_back(type->getDimSize(p));
  }
  results.push_back(RankedTensorType::get(shape, type->getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferTranspose(adaptor.getInput(), adaptor.getPermutationAttr(),
                        Diagnoser(loc), results);
}

LogicalResult TransposeOp::verify() {
  SmallVector<Type> types;
  return inferTranspose(getInput(), getPermutationAttr(), Diagnoser(*this),
                        types);
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> outer = getPermutation();
  if (isIdentityPermutation(outer) && getInput().getType() == getType())
    return getInput();
  if (Attribute folded = resizeSplat(adaptor.getInput(), getType()))
    return folded;
  // Weights are transposed once, here, instead of at every run.
  if (auto elements = dyn_cast_if_present<ElementsAttr>(adaptor.getInput()))
    if (Attribute folded = permuteConstantData(
            elements, outer, cast<RankedTensorType>(getType())))
      return folded;
  // transpose(transpose(x, p), q): output dim i is the inner result's dim
  // q[i], which is x's dim p[q[i]].
  auto inner = getInput().getDefiningOp<TransposeOp>();
  if (!inner || inner.getPermutation().size() != outer.size())
    return {};
  ArrayRef<int64_t> first = inner.getPermutation();
  SmallVector<int64_t> composed;
  for (int64_t q : outer)
    composed.push_back(first[q]);
  if (isIdentityPermutation(composed) &&
      inner.getInput().getType() == getType())
    return inner.getInput();
  setPermutation(composed);
  getInputMutable().assign(inner.getInput());
  return getResult();
}

namespace {
/// A transpose that moves only dimensions of size 1 (the others keep their
/// order) is a reshape: [1, S, D] -> [S, 1, D] as nn.MultiheadAttention's
/// batch_first export writes it.
struct UnitTransposeToReshape : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getInput().getType());
    int64_t last = -1;
    for (int64_t d : op.getPermutation()) {
      if (type.getDimSize(d) == 1)
        continue;
      if (d < last)
        return failure();
      last = d;
    }
    auto resultType = cast<RankedTensorType>(op.getType());
    rewriter.replaceOpWithNewOp<ReshapeOp>(
        op, resultType, op.getInput(),
        rewriter.getDenseI64ArrayAttr(resultType.getShape()));
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<UnitTransposeToReshape>(context);
}

//===----------------------------------------------------------------------===//
// ExpandOp
//===----------------------------------------------------------------------===//

static LogicalResult inferExpand(Value input, DenseI64ArrayAttr shapeAttr,
                                 const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<ArrayRef<int64_t>> shape = getArray(shapeAttr, "shape", diag);
  if (failed(shape) || failed(checkArray(*shape, "shape", -1, 0, diag)))
    return failure();
  FailureOr<SmallVector<int64_t>> result =
      broadcastShapes({type->getShape(), *shape}, diag);
  if (failed(result))
    return failure();
  results.push_back(RankedTensorType::get(*result, type->getElementType()));
  return success();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferExpand(adaptor.getInput(), adaptor.getShapeAttr(),
                     Diagnoser(loc), results);
}

LogicalResult ExpandOp::verify() {
  SmallVector<Type> types;
  return inferExpand(getInput(), getShapeAttr(), Diagnoser(*this), types);
}

OpFoldResult ExpandOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return resizeSplat(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

static LogicalResult inferConcat(ValueRange inputs, IntegerAttr axisAttr,
                                 const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  if (inputs.empty())
    return diag.emit() << "expected at least one input";
  SmallVector<RankedTensorType> types;
  for (auto [k, input] : llvm::enumerate(inputs)) {
    FailureOr<RankedTensorType> type =
        getTensorType(input, "input #" + Twine(k), diag);
    if (failed(type))
      return failure();
    types.push_back(*type);
  }
  RankedTensorType first = types.front();
  int64_t rank = first.getRank();
  FailureOr<int64_t> axisValue = getInt(axisAttr, "axis", 0, diag);
  if (failed(axisValue))
    return failure();
  FailureOr<int64_t> axis = normalizeAxis(*axisValue, rank, "axis", diag);
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(first.getShape());
  for (auto [k, type] : llvm::enumerate(types)) {
    if (k == 0)
      continue;
    if (type.getElementType() != first.getElementType())
      return diag.emit() << "input #" << k << " has element type "
                         << type.getElementType() << ", expected "
                         << first.getElementType();
    if (type.getRank() != rank)
      return diag.emit() << "input #" << k << " has rank " << type.getRank()
                         << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == *axis)
        continue;
      if (type.getDimSize(d) != shape[d])
        return diag.emit() << "input #" << k << " has size "
                           << type.getDimSize(d) << " in dimension " << d
                           << ", expected " << shape[d];
    }
    if (llvm::AddOverflow(shape[*axis], type.getDimSize(*axis), shape[*axis]))
      return diag.emit() << "size of the concatenated dimension " << *axis
                         << " overflows int64";
  }
  results.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  return inferConcat(adaptor.getInputs(), adaptor.getAxisAttr(),
                     Diagnoser(loc), results);
}

LogicalResult ConcatOp::verify() {
  SmallVector<Type> types;
  return inferConcat(getInputs(), getAxisAttr(), Diagnoser(*this), types);
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

//===----------------------------------------------------------------------===//
// SplitOp
//===----------------------------------------------------------------------===//

static LogicalResult inferSplit(Value input, IntegerAttr axisAttr,
                                DenseI64ArrayAttr sizesAttr,
                                const Diagnoser &diag,
                                SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  FailureOr<int64_t> axisValue = getInt(axisAttr, "axis", 0, diag);
  if (failed(axisValue))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(*axisValue, type->getRank(), "axis", diag);
  FailureOr<ArrayRef<int64_t>> sizes = getArray(sizesAttr, "sizes", diag);
  if (failed(axis) || failed(sizes))
    return failure();
  if (sizes->empty())
    return diag.emit() << "'sizes' must have at least one element";
  if (failed(checkArray(*sizes, "sizes", -1, 0, diag)))
    return failure();
  int64_t dimSize = type->getDimSize(*axis);
  int64_t sum = 0;
  for (int64_t size : *sizes) {
    if (size > dimSize - sum)
      return diag.emit() << "'sizes' add up to more than the size of "
                         << "dimension " << *axis << " (" << dimSize << ")";
    sum += size;
  }
  if (sum != dimSize)
    return diag.emit() << "'sizes' add up to " << sum
                       << ", expected the size of dimension " << *axis << " ("
                       << dimSize << ")";
  SmallVector<int64_t> shape(type->getShape());
  for (int64_t size : *sizes) {
    shape[*axis] = size;
    results.push_back(RankedTensorType::get(shape, type->getElementType()));
  }
  return success();
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferSplit(adaptor.getInput(), adaptor.getAxisAttr(),
                    adaptor.getSizesAttr(), Diagnoser(loc), results);
}

LogicalResult SplitOp::verify() {
  SmallVector<Type> types;
  return inferSplit(getInput(), getAxisAttr(), getSizesAttr(),
                    Diagnoser(*this), types);
}

LogicalResult SplitOp::fold(FoldAdaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  if (getNumResults() != 1 || getInput().getType() != getResult(0).getType())
    return failure();
  results.push_back(getInput());
  return success();
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

static LogicalResult inferSlice(Value input, DenseI64ArrayAttr startsAttr,
                                DenseI64ArrayAttr endsAttr,
                                DenseI64ArrayAttr stepsAttr,
                                const Diagnoser &diag,
                                SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  int64_t rank = type->getRank();
  constexpr int64_t any = std::numeric_limits<int64_t>::min();
  FailureOr<ArrayRef<int64_t>> starts = getArray(startsAttr, "starts", diag);
  if (failed(starts) || failed(checkArray(*starts, "starts", rank, any, diag)))
    return failure();
  FailureOr<ArrayRef<int64_t>> ends = getArray(endsAttr, "ends", diag);
  if (failed(ends) || failed(checkArray(*ends, "ends", rank, any, diag)))
    return failure();
  FailureOr<ArrayRef<int64_t>> steps = getArray(stepsAttr, "steps", diag);
  if (failed(steps) || failed(checkArray(*steps, "steps", rank, any, diag)))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t n = type->getDimSize(d);
    int64_t start = (*starts)[d], end = (*ends)[d], step = (*steps)[d];
    if (step == 0)
      return diag.emit() << "'steps' element " << d << " is 0, must be nonzero";
    // Bounds of start and end for this step's direction.
    int64_t startMin = step > 0 ? 0 : -1;
    int64_t startMax = step > 0 ? n : n - 1;
    if (start < startMin || start > startMax)
      return diag.emit() << "'starts' element " << d << " is " << start
                         << ", must be in [" << startMin << ", " << startMax
                         << "] for step " << step;
    int64_t endMin = step > 0 ? start : -1;
    int64_t endMax = step > 0 ? n : start;
    if (end < endMin || end > endMax)
      return diag.emit() << "'ends' element " << d << " is " << end
                         << ", must be in [" << endMin << ", " << endMax
                         << "] for step " << step;
    // ceil(|end - start| / |step|); both differences are in [0, n].
    uint64_t distance = step > 0 ? end - start : start - end;
    uint64_t magnitude = step > 0 ? static_cast<uint64_t>(step)
                                  : 0 - static_cast<uint64_t>(step);
    shape.push_back(distance == 0 ? 0 : (distance - 1) / magnitude + 1);
  }
  results.push_back(RankedTensorType::get(shape, type->getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferSlice(adaptor.getInput(), adaptor.getStartsAttr(),
                    adaptor.getEndsAttr(), adaptor.getStepsAttr(),
                    Diagnoser(loc), results);
}

LogicalResult SliceOp::verify() {
  SmallVector<Type> types;
  return inferSlice(getInput(), getStartsAttr(), getEndsAttr(), getStepsAttr(),
                    Diagnoser(*this), types);
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  // With steps 1 and the input's shape, starts are 0 and ends the sizes.
  if (getInput().getType() == getType() &&
      llvm::all_of(getSteps(), [](int64_t step) { return step == 1; }))
    return getInput();
  return resizeSplat(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

static LogicalResult inferPad(Value input, DenseI64ArrayAttr padsAttr,
                              PadModeAttr modeAttr, const Diagnoser &diag,
                              SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> type = getTensorType(input, "'input'", diag);
  if (failed(type))
    return failure();
  int64_t rank = type->getRank();
  FailureOr<ArrayRef<int64_t>> pads = getArray(padsAttr, "pads", diag);
  if (failed(pads) || failed(checkArray(*pads, "pads", 2 * rank, 0, diag)))
    return failure();
  PadMode mode = modeAttr ? modeAttr.getValue() : PadMode::Constant;
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t n = type->getDimSize(d);
    for (int64_t i : {d, rank + d}) {
      int64_t pad = (*pads)[i];
      if (mode == PadMode::Reflect && pad > 0 && pad >= n)
        return diag.emit() << "'pads' element " << i << " (" << pad
                           << ") must be less than the size of dimension " << d
                           << " (" << n << ") in reflect mode";
      if (mode == PadMode::Edge && pad > 0 && n == 0)
        return diag.emit() << "'pads' element " << i << " (" << pad
                           << ") pads the empty dimension " << d
                           << ", which has no edge";
    }
    int64_t size = n;
    if (llvm::AddOverflow(size, (*pads)[d], size) ||
        llvm::AddOverflow(size, (*pads)[rank + d], size))
      return diag.emit() << "padded size of dimension " << d
                         << " overflows int64";
    shape.push_back(size);
  }
  results.push_back(RankedTensorType::get(shape, type->getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 1, Diagnoser(loc))))
    return failure();
  return inferPad(adaptor.getInput(), adaptor.getPadsAttr(),
                  adaptor.getModeAttr(), Diagnoser(loc), results);
}

LogicalResult PadOp::verify() {
  SmallVector<Type> types;
  return inferPad(getInput(), getPadsAttr(), getModeAttr(), Diagnoser(*this),
                  types);
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType() &&
      llvm::all_of(getPads(), [](int64_t pad) { return pad == 0; }))
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

static LogicalResult inferGather(Value data, Value indices,
                                 IntegerAttr axisAttr, const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> dataType = getTensorType(data, "'data'", diag);
  if (failed(dataType))
    return failure();
  FailureOr<RankedTensorType> indicesType =
      getTensorType(indices, "'indices'", diag);
  if (failed(indicesType))
    return failure();
  Type indexElement = indicesType->getElementType();
  if (!indexElement.isSignlessInteger(32) &&
      !indexElement.isSignlessInteger(64))
    return diag.emit() << "'indices' must have i32 or i64 elements, got "
                       << indexElement;
  FailureOr<int64_t> axisValue = getInt(axisAttr, "axis", 0, diag);
  if (failed(axisValue))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(*axisValue, dataType->getRank(), "axis", diag);
  if (failed(axis))
    return failure();
  ArrayRef<int64_t> shape = dataType->getShape();
  SmallVector<int64_t> result(shape.take_front(*axis));
  llvm::append_range(result, indicesType->getShape());
  llvm::append_range(result, shape.drop_front(*axis + 1));
  results.push_back(RankedTensorType::get(result, dataType->getElementType()));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(adaptor.getOperands(), 2, Diagnoser(loc))))
    return failure();
  return inferGather(adaptor.getData(), adaptor.getIndices(),
                     adaptor.getAxisAttr(), Diagnoser(loc), results);
}

LogicalResult GatherOp::verify() {
  SmallVector<Type> types;
  return inferGather(getData(), getIndices(), getAxisAttr(), Diagnoser(*this),
                     types);
}
