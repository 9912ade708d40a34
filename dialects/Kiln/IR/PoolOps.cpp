//===- PoolOps.cpp - kiln pool op family -------------------------------===//
//
// Windowed 2-D pooling, global pooling and reductions: shape inference,
// verification, folding and axes canonicalization.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"

#include <limits>
#include <string>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Attribute access
//===----------------------------------------------------------------------===//

// inferReturnTypes can be handed properties in which a defaulted (or even a
// required) attribute is missing, e.g. by a builder given a null attribute;
// the generated value getters would dereference null there, so every helper
// reads the attributes through these.

static ArrayRef<int64_t> arrayOr(DenseI64ArrayAttr attr,
                                 ArrayRef<int64_t> fallback) {
  return attr ? attr.asArrayRef() : fallback;
}

static bool boolOr(BoolAttr attr, bool fallback) {
  return attr ? attr.getValue() : fallback;
}

/// Every op of the family has one operand; an importer may still hand
/// inferReturnTypes another number.
static LogicalResult checkOneOperand(ValueRange operands,
                                     const Diagnoser &diag) {
  if (operands.size() != 1)
    return diag.emit() << "expected 1 operand, got " << operands.size();
  return success();
}

static constexpr int64_t kUnitPair[2] = {1, 1};
static constexpr int64_t kZeroPadding[4] = {0, 0, 0, 0};

//===----------------------------------------------------------------------===//
// Windowed 2-D pooling
//===----------------------------------------------------------------------===//

/// Window arithmetic is done in 128 bits: every attribute and dimension is a
/// 64-bit value, so products and sums of two of them cannot overflow.
using Wide = __int128;

/// Formats a 128-bit value for a diagnostic.
static std::string formatWide(Wide value) {
  auto bits = static_cast<unsigned __int128>(value);
  uint64_t words[2] = {static_cast<uint64_t>(bits),
                       static_cast<uint64_t>(bits >> 64)};
  SmallString<40> text;
  llvm::APInt(128, words).toStringSigned(text);
  return std::string(text);
}

/// Checks the attributes and input of a 2-D pooling op and infers its result
/// type `[N, C, OH, OW]` (see the op description for the formula).
static LogicalResult inferPool2d(Type inputType, ArrayRef<int64_t> kernel,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> dilations,
                                 ArrayRef<int64_t> padding, bool ceilMode,
                                 const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  if (failed(checkArray(kernel, "kernel", 2, 1, diag)) ||
      failed(checkArray(strides, "strides", 2, 1, diag)) ||
      failed(checkArray(dilations, "dilations", 2, 1, diag)) ||
      failed(checkArray(padding, "padding", 4, 0, diag)))
    return failure();

  auto type = dyn_cast<RankedTensorType>(inputType);
  if (!type || type.getRank() != 4 || !type.hasStaticShape())
    return diag.emit()
           << "input must be a statically shaped 4-D (NCHW) tensor, got "
           << inputType;

  static constexpr const char *kDimName[2] = {"height", "width"};
  static constexpr const char *kPadName[4] = {"top", "left", "bottom",
                                              "right"};
  SmallVector<int64_t> shape(type.getShape());
  for (int i = 0; i < 2; ++i) {
    int64_t size = shape[2 + i];
    int64_t before = padding[i], after = padding[2 + i];
    if (size < 1)
      return diag.emit() << "input " << kDimName[i] << " (dimension " << 2 + i
                         << ") is " << size << ", must be at least 1";

    Wide effectiveKernel = Wide(dilations[i]) * (kernel[i] - 1) + 1;
    for (int p : {i, 2 + i})
      if (padding[p] >= effectiveKernel)
        return diag.emit()
               << "'padding' element " << p << " (" << kPadName[p] << ") is "
               << padding[p] << ", must be smaller than the effective kernel "
               << kDimName[i] << " (" << formatWide(effectiveKernel) << ")";

    Wide padded = Wide(size) + before + after;
    if (padded < effectiveKernel)
      return diag.emit() << "padded input " << kDimName[i] << " (" << size
                         << " + " << before << " + " << after << " = "
                         << formatWide(padded)
                         << ") must be at least the effective kernel "
                         << kDimName[i] << " (" << formatWide(effectiveKernel)
                         << ")";

    Wide span = padded - effectiveKernel, stride = strides[i];
    Wide out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
    // PyTorch: the last window must start inside the input or the leading
    // padding.
    if (ceilMode && (out - 1) * stride >= Wide(size) + before)
      --out;
    if (out > std::numeric_limits<int64_t>::max())
      return diag.emit() << "output " << kDimName[i] << " ("
                         << formatWide(out)
                         << ") does not fit in a 64-bit dimension size";
    shape[2 + i] = static_cast<int64_t>(out);
  }
  results.push_back(type.clone(shape));
  return success();
}

/// A 1x1 window without padding reads exactly one input element per output
/// element; when the output has the input's shape (unit strides, or
/// dimensions of size 1) it is the identity, whatever the dilations and
/// ceil_mode.
template <typename OpTy>
static OpFoldResult foldPool2d(OpTy op) {
  if (op.getInput().getType() != op.getType() || !op.getKernelAttr())
    return {};
  if (!llvm::all_of(op.getKernel(), [](int64_t k) { return k == 1; }) ||
      !llvm::all_of(arrayOr(op.getPaddingAttr(), kZeroPadding),
                    [](int64_t p) { return p == 0; }))
    return {};
  return op.getInput();
}

/// Runs inferPool2d on the attributes of an op or of an adaptor.
template <typename OpOrAdaptor>
static LogicalResult inferPool2dOf(OpOrAdaptor op, const Diagnoser &diag,
                                   SmallVectorImpl<Type> &results) {
  return inferPool2d(op.getInput().getType(), arrayOr(op.getKernelAttr(), {}),
                     arrayOr(op.getStridesAttr(), kUnitPair),
                     arrayOr(op.getDilationsAttr(), kUnitPair),
                     arrayOr(op.getPaddingAttr(), kZeroPadding),
                     boolOr(op.getCeilModeAttr(), false), diag, results);
}

#define KILN_POOL2D_OP(OP)                                                     \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    if (failed(checkOneOperand(adaptor.getOperands(), Diagnoser(loc))))        \
      return failure();                                                        \
    return inferPool2dOf(adaptor, Diagnoser(loc), results);                    \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    SmallVector<Type> types;                                                   \
    return inferPool2dOf(*this, Diagnoser(*this), types);                      \
  }                                                                            \
  OpFoldResult OP::fold(FoldAdaptor) { return foldPool2d(*this); }

KILN_POOL2D_OP(MaxPool2dOp)
KILN_POOL2D_OP(AvgPool2dOp)
#undef KILN_POOL2D_OP

//===----------------------------------------------------------------------===//
// Global pooling
//===----------------------------------------------------------------------===//

/// Infers `[N, C, 1, ..., 1]` from an `[N, C, D1, ..., Dk]` input.
static LogicalResult inferGlobalPool(Type inputType, const Diagnoser &diag,
                                     SmallVectorImpl<Type> &results) {
  auto type = dyn_cast<RankedTensorType>(inputType);
  if (!type || type.getRank() < 3 || !type.hasStaticShape())
    return diag.emit() << "input must be a statically shaped tensor of rank "
                          "at least 3 (N, C, spatial dimensions), got "
                       << inputType;
  SmallVector<int64_t> shape(type.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  results.push_back(type.clone(shape));
  return success();
}

/// Pooling a 1 x ... x 1 spatial extent returns the input.
template <typename OpTy>
static OpFoldResult foldGlobalPool(OpTy op) {
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type || type != op.getType() || type.getRank() < 3)
    return {};
  if (!llvm::all_of(type.getShape().drop_front(2),
                    [](int64_t size) { return size == 1; }))
    return {};
  return op.getInput();
}

#define KILN_GLOBAL_POOL_OP(OP)                                                \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    if (failed(checkOneOperand(adaptor.getOperands(), Diagnoser(loc))))        \
      return failure();                                                        \
    return inferGlobalPool(adaptor.getInput().getType(), Diagnoser(loc),       \
                           results);                                           \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    SmallVector<Type> types;                                                   \
    return inferGlobalPool(getInput().getType(), Diagnoser(*this), types);     \
  }                                                                            \
  OpFoldResult OP::fold(FoldAdaptor) { return foldGlobalPool(*this); }

KILN_GLOBAL_POOL_OP(GlobalAvgPoolOp)
KILN_GLOBAL_POOL_OP(GlobalMaxPoolOp)
#undef KILN_GLOBAL_POOL_OP

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Returns which of the `rank` dimensions `axes` reduces (all of them when
/// `axes` is empty), or reports an entry out of range or a repeated
/// dimension.
static FailureOr<SmallVector<bool>>
getReducedDims(ArrayRef<int64_t> axes, int64_t rank, const Diagnoser &diag) {
  SmallVector<bool> reduced(rank, axes.empty());
  SmallVector<int64_t> firstEntry(rank, -1);
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < -rank || axis >= rank)
      return diag.emit() << "'axes' element " << i << " is " << axis
                         << ", must be in [" << -rank << ", " << rank << ")";
    int64_t dim = axis < 0 ? axis + rank : axis;
    if (reduced[dim])
      return diag.emit() << "'axes' elements " << firstEntry[dim] << " and "
                         << i << " both refer to dimension " << dim;
    reduced[dim] = true;
    firstEntry[dim] = i;
  }
  return reduced;
}

/// Infers the result of reducing `inputType` over `axes`.
static LogicalResult inferReduce(Type inputType, ArrayRef<int64_t> axes,
                                 bool keepDims, const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  auto type = dyn_cast<RankedTensorType>(inputType);
  if (!type)
    return diag.emit() << "input must be a ranked tensor, got " << inputType;
  FailureOr<SmallVector<bool>> reduced =
      getReducedDims(axes, type.getRank(), diag);
  if (failed(reduced))
    return failure();
  SmallVector<int64_t> shape;
  for (auto [size, isReduced] : llvm::zip_equal(type.getShape(), *reduced)) {
    if (!isReduced)
      shape.push_back(size);
    else if (keepDims)
      shape.push_back(1);
  }
  results.push_back(type.clone(shape));
  return success();
}

/// A reduction whose reduced dimensions all have size 1 and that keeps them
/// returns its input.
template <typename OpTy>
static OpFoldResult foldReduce(OpTy op) {
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!type || type != op.getType())
    return {};
  FailureOr<SmallVector<bool>> reduced =
      getReducedDims(arrayOr(op.getAxesAttr(), {}), type.getRank(),
                     Diagnoser(std::nullopt));
  if (failed(reduced))
    return {};
  for (auto [size, isReduced] : llvm::zip_equal(type.getShape(), *reduced))
    if (isReduced && size != 1)
      return {};
  return op.getInput();
}

namespace {
/// Rewrites `axes` to non-negative, sorted dimensions.
template <typename OpTy>
struct CanonicalizeReduceAxes : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!type)
      return failure();
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes;
    ArrayRef<int64_t> current = arrayOr(op.getAxesAttr(), {});
    for (int64_t axis : current) {
      if (axis < -rank || axis >= rank)
        return failure();
      axes.push_back(axis < 0 ? axis + rank : axis);
    }
    llvm::sort(axes);
    if (ArrayRef<int64_t>(axes) == current)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.setAxes(axes); });
    return success();
  }
};
} // namespace

#define KILN_REDUCE_OP(OP)                                                     \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    if (failed(checkOneOperand(adaptor.getOperands(), Diagnoser(loc))))        \
      return failure();                                                        \
    return inferReduce(adaptor.getInput().getType(),                           \
                       arrayOr(adaptor.getAxesAttr(), {}),                     \
                       boolOr(adaptor.getKeepDimsAttr(), true), Diagnoser(loc), \
                       results);                                               \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    SmallVector<Type> types;                                                   \
    return inferReduce(getInput().getType(), arrayOr(getAxesAttr(), {}),       \
                       boolOr(getKeepDimsAttr(), true), Diagnoser(*this),      \
                       types);                                                 \
  }                                                                            \
  OpFoldResult OP::fold(FoldAdaptor) { return foldReduce(*this); }             \
  void OP::getCanonicalizationPatterns(RewritePatternSet &patterns,           \
                                       MLIRContext *context) {                 \
    patterns.add<CanonicalizeReduceAxes<OP>>(context);                         \
  }

KILN_REDUCE_OP(ReduceMeanOp)
KILN_REDUCE_OP(ReduceSumOp)
KILN_REDUCE_OP(ReduceMaxOp)
#undef KILN_REDUCE_OP
