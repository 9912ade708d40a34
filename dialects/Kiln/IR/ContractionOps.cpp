//===- ContractionOps.cpp - Convolutions and matrix products --------------===//
//
// conv2d, conv_transpose2d, matmul and gemm: shape inference, verification
// and canonicalization. Each op has one static helper that checks operands
// and attributes and computes the result type; verify() and
// inferReturnTypes() both call it.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"

#include "OpUtils.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//


/// Returns `type` as a statically shaped ranked tensor. Result-type inference
/// may be called by builders with anything; for a constructed op the ODS
/// operand constraints exclude every other type, so there is no message.
static FailureOr<RankedTensorType> getTensor(Type type) {
  auto tensor = dyn_cast_if_present<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return failure(); // Excluded by the ODS operand constraints.
  return tensor;
}

/// Checks that `operands` has between `min` and `max` values (the ODS
/// operand count of a constructed op; inference may be called with anything).
static LogicalResult checkOperandCount(ValueRange operands, size_t min,
                                       size_t max) {
  if (operands.size() < min || operands.size() > max)
    return failure(); // Excluded by the ODS operand count.
  return success();
}

/// Checks that `type` has the element type of `reference`.
static LogicalResult checkElementType(RankedTensorType type, StringRef name,
                                      RankedTensorType reference,
                                      StringRef referenceName,
                                      const Diagnoser &diag) {
  if (type.getElementType() != reference.getElementType())
    return diag.emit() << "'" << name << "' element type "
                       << type.getElementType() << " must match the '"
                       << referenceName << "' element type "
                       << reference.getElementType();
  return success();
}

/// Checks that `type` has rank `rank`; `layout` describes its dimensions.
static LogicalResult checkRank(RankedTensorType type, StringRef name,
                               int64_t rank, StringRef layout,
                               const Diagnoser &diag) {
  if (type.getRank() != rank)
    return diag.emit() << "'" << name << "' must have rank " << rank << " ("
                       << layout << "), got rank " << type.getRank();
  return success();
}

/// The value of a (possibly absent) i64 array attribute, or `defaults`.
static SmallVector<int64_t> arrayOr(DenseI64ArrayAttr attr,
                                    ArrayRef<int64_t> defaults) {
  if (!attr)
    return SmallVector<int64_t>(defaults);
  return SmallVector<int64_t>(attr.asArrayRef());
}

static const char *const kSpatialNames[2] = {"height", "width"};

namespace {
/// The operand types and attribute values of a 2-D convolution, checked.
struct ConvOperands {
  RankedTensorType input, filter, bias; // bias is null when absent
  SmallVector<int64_t> strides, dilations, padding;
  int64_t groups;
};
} // namespace

/// Checks what conv2d and conv_transpose2d have in common: operand ranks and
/// element types, `strides`, `dilations`, `padding` and `groups`, the
/// divisibility of the input channels by `groups`, and non-empty kernels.
/// `operands` holds input, filter and the optional bias; null attributes take
/// their defaults.
static FailureOr<ConvOperands>
checkConvCommon(ValueRange operands, DenseI64ArrayAttr strides,
                DenseI64ArrayAttr dilations, DenseI64ArrayAttr padding,
                IntegerAttr groups, StringRef filterLayout,
                const Diagnoser &diag) {
  if (failed(checkOperandCount(operands, 2, 3)))
    return failure();
  ConvOperands conv;
  FailureOr<RankedTensorType> input = getTensor(operands[0].getType());
  if (failed(input))
    return failure();
  FailureOr<RankedTensorType> filter = getTensor(operands[1].getType());
  if (failed(filter))
    return failure();
  conv.input = *input;
  conv.filter = *filter;
  if (failed(checkRank(conv.input, "input", 4, "N, C, H, W", diag)) ||
      failed(checkRank(conv.filter, "filter", 4, filterLayout, diag)) ||
      failed(checkElementType(conv.filter, "filter", conv.input, "input",
                              diag)))
    return failure();
  if (operands.size() == 3) {
    FailureOr<RankedTensorType> bias = getTensor(operands[2].getType());
    if (failed(bias))
      return failure();
    conv.bias = *bias;
    if (failed(checkRank(conv.bias, "bias", 1, "F", diag)) ||
        failed(checkElementType(conv.bias, "bias", conv.input, "input", diag)))
      return failure();
  }

  conv.strides = arrayOr(strides, {1, 1});
  conv.dilations = arrayOr(dilations, {1, 1});
  conv.padding = arrayOr(padding, {0, 0, 0, 0});
  if (groups && groups.getValue().getSignificantBits() > 64)
    return failure(); // Excluded by the ODS I64Attr constraint.
  conv.groups = groups ? groups.getValue().getSExtValue() : 1;
  if (failed(checkArray(conv.strides, "strides", 2, 1, diag)) ||
      failed(checkArray(conv.dilations, "dilations", 2, 1, diag)) ||
      failed(checkArray(conv.padding, "padding", 4, 0, diag)))
    return failure();
  if (conv.groups < 1)
    return diag.emit() << "'groups' is " << conv.groups
                       << ", must be at least 1";

  int64_t channels = conv.input.getDimSize(1);
  if (channels % conv.groups != 0)
    return diag.emit() << "input channels (" << channels
                       << ") must be divisible by 'groups' (" << conv.groups
                       << ")";
  for (int i = 0; i < 2; ++i) {
    int64_t kernel = conv.filter.getDimSize(2 + i);
    if (kernel < 1)
      return diag.emit() << "filter " << kSpatialNames[i] << " (dimension "
                         << 2 + i << ") is " << kernel
                         << ", must be at least 1";
  }
  return conv;
}

/// Checks that the bias, if any, has `outChannels` elements.
static LogicalResult checkBiasSize(const ConvOperands &conv,
                                   int64_t outChannels, const Diagnoser &diag) {
  if (conv.bias && conv.bias.getDimSize(0) != outChannels)
    return diag.emit() << "'bias' size (" << conv.bias.getDimSize(0)
                       << ") must equal the number of output channels ("
                       << outChannels << ")";
  return success();
}

static LogicalResult emitOverflow(StringRef what, const Diagnoser &diag) {
  return diag.emit() << "computing the " << what << " overflows int64";
}

//===----------------------------------------------------------------------===//
// Conv2dOp
//===----------------------------------------------------------------------===//

static LogicalResult inferConv2d(ValueRange operands, DenseI64ArrayAttr strides,
                                 DenseI64ArrayAttr dilations,
                                 DenseI64ArrayAttr padding, IntegerAttr groups,
                                 const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  FailureOr<ConvOperands> conv =
      checkConvCommon(operands, strides, dilations, padding, groups,
                      "F, C/groups, KH, KW", diag);
  if (failed(conv))
    return failure();

  ArrayRef<int64_t> in = conv->input.getShape();
  ArrayRef<int64_t> filter = conv->filter.getShape();
  int64_t g = conv->groups;
  int64_t outChannels = filter[0];
  if (outChannels % g != 0)
    return diag.emit() << "output channels (filter dimension 0, "
                       << outChannels << ") must be divisible by 'groups' ("
                       << g << ")";
  if (filter[1] != in[1] / g)
    return diag.emit() << "filter dimension 1 (" << filter[1]
                       << ") must equal input channels / 'groups' (" << in[1]
                       << " / " << g << " = " << in[1] / g << ")";
  if (failed(checkBiasSize(*conv, outChannels, diag)))
    return failure();

  SmallVector<int64_t> shape = {in[0], outChannels};
  for (int i = 0; i < 2; ++i) {
    int64_t size = in[2 + i], kernel = filter[2 + i];
    int64_t before = conv->padding[i], after = conv->padding[2 + i];
    int64_t stride = conv->strides[i], dilation = conv->dilations[i];
    std::optional<int64_t> padded = llvm::checkedAdd(size, before);
    if (padded)
      padded = llvm::checkedAdd(*padded, after);
    if (!padded)
      return emitOverflow(std::string("padded input ") + kSpatialNames[i],
                          diag);
    std::optional<int64_t> effective =
        llvm::checkedMulAdd(dilation, kernel - 1, int64_t(1));
    if (!effective)
      return emitOverflow(std::string("effective kernel ") + kSpatialNames[i],
                          diag);
    if (*effective > *padded)
      return diag.emit() << "effective kernel " << kSpatialNames[i]
                         << " ('dilations' " << dilation << " * (" << kernel
                         << " - 1) + 1 = " << *effective
                         << ") must not exceed the padded input "
                         << kSpatialNames[i] << " (" << size << " + "
                         << before << " + " << after << " = " << *padded
                         << ")";
    // 0 <= padded - effective < INT64_MAX since effective >= 1.
    shape.push_back((*padded - *effective) / stride + 1);
  }
  results.push_back(
      RankedTensorType::get(shape, conv->input.getElementType()));
  return success();
}

LogicalResult Conv2dOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  return inferConv2d(adaptor.getOperands(), adaptor.getStridesAttr(),
                     adaptor.getDilationsAttr(), adaptor.getPaddingAttr(),
                     adaptor.getGroupsAttr(), Diagnoser(loc), results);
}

LogicalResult Conv2dOp::verify() {
  SmallVector<Type> types;
  return inferConv2d(getOperands(), getStridesAttr(), getDilationsAttr(),
                     getPaddingAttr(), getGroupsAttr(), Diagnoser(*this),
                     types);
}

//===----------------------------------------------------------------------===//
// ConvTranspose2dOp
//===----------------------------------------------------------------------===//

static LogicalResult
inferConvTranspose2d(ValueRange operands, DenseI64ArrayAttr strides,
                     DenseI64ArrayAttr dilations, DenseI64ArrayAttr padding,
                     DenseI64ArrayAttr outputPaddingAttr, IntegerAttr groups,
                     const Diagnoser &diag, SmallVectorImpl<Type> &results) {
  FailureOr<ConvOperands> conv =
      checkConvCommon(operands, strides, dilations, padding, groups,
                      "C, F/groups, KH, KW", diag);
  if (failed(conv))
    return failure();
  SmallVector<int64_t> outputPadding = arrayOr(outputPaddingAttr, {0, 0});
  if (failed(checkArray(outputPadding, "output_padding", 2, 0, diag)))
    return failure();

  ArrayRef<int64_t> in = conv->input.getShape();
  ArrayRef<int64_t> filter = conv->filter.getShape();
  int64_t g = conv->groups;
  if (filter[0] != in[1])
    return diag.emit() << "filter dimension 0 (" << filter[0]
                       << ") must equal the input channels (" << in[1] << ")";
  std::optional<int64_t> outChannels = llvm::checkedMul(filter[1], g);
  if (!outChannels)
    return emitOverflow("number of output channels", diag);
  if (failed(checkBiasSize(*conv, *outChannels, diag)))
    return failure();

  SmallVector<int64_t> shape = {in[0], *outChannels};
  for (int i = 0; i < 2; ++i) {
    int64_t size = in[2 + i], kernel = filter[2 + i];
    int64_t before = conv->padding[i], after = conv->padding[2 + i];
    int64_t stride = conv->strides[i], dilation = conv->dilations[i];
    int64_t extra = outputPadding[i];
    if (extra >= stride && extra >= dilation)
      return diag.emit() << "'output_padding' element " << i << " is "
                         << extra << ", must be smaller than the stride ("
                         << stride << ") or the dilation (" << dilation
                         << ")";
    // (size - 1) * stride - before - after + dilation * (kernel - 1)
    //   + extra + 1
    std::optional<int64_t> out = llvm::checkedMul(size - 1, stride);
    if (out)
      out = llvm::checkedSub(*out, before);
    if (out)
      out = llvm::checkedSub(*out, after);
    if (out) {
      std::optional<int64_t> span = llvm::checkedMul(dilation, kernel - 1);
      out = span ? llvm::checkedAdd(*out, *span) : std::nullopt;
    }
    if (out)
      out = llvm::checkedAdd(*out, extra);
    if (out)
      out = llvm::checkedAdd(*out, int64_t(1));
    if (!out)
      return emitOverflow(std::string("output ") + kSpatialNames[i], diag);
    if (*out < 1)
      return diag.emit() << "output " << kSpatialNames[i] << " ((" << size
                         << " - 1) * " << stride << " - " << before << " - "
                         << after << " + " << dilation << " * (" << kernel
                         << " - 1) + " << extra << " + 1 = " << *out
                         << ") must be at least 1";
    shape.push_back(*out);
  }
  results.push_back(
      RankedTensorType::get(shape, conv->input.getElementType()));
  return success();
}

LogicalResult ConvTranspose2dOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  return inferConvTranspose2d(
      adaptor.getOperands(), adaptor.getStridesAttr(),
      adaptor.getDilationsAttr(), adaptor.getPaddingAttr(),
      adaptor.getOutputPaddingAttr(), adaptor.getGroupsAttr(), Diagnoser(loc),
      results);
}

LogicalResult ConvTranspose2dOp::verify() {
  SmallVector<Type> types;
  return inferConvTranspose2d(getOperands(), getStridesAttr(),
                              getDilationsAttr(), getPaddingAttr(),
                              getOutputPaddingAttr(), getGroupsAttr(),
                              Diagnoser(*this), types);
}

//===----------------------------------------------------------------------===//
// Convolution canonicalization
//===----------------------------------------------------------------------===//

namespace {
/// conv(x, w, splat 0) -> conv(x, w): a zero bias adds nothing.
template <typename ConvOp>
struct DropZeroBias : public OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    Value bias = op.getBias();
    if (!bias || !isSplatOf(bias, 0.0))
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getBiasMutable().clear(); });
    return success();
  }
};
} // namespace

namespace {
/// conv2d(x [N, C, 1, 1], w [F, C, 1, 1], b) without padding or groups
/// -> reshape(gemm(reshape(x, [N, C]), reshape(w, [F, C]), b, trans_b),
///            [N, F, 1, 1]):
/// a convolution of single-pixel images (the fully connected layers of a
/// squeeze-excitation block, after its global pool) is a matrix product of
/// N rows. As a gemm its constant weight is transposed at compile time, and
/// code generation reads it as for any fully connected layer (in column
/// panels on the CPU) instead of as a convolution with one pixel per tile.
struct OnePixelConvToGemm : public OpRewritePattern<Conv2dOp> {
  using OpRewritePattern<Conv2dOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto filterType = dyn_cast<RankedTensorType>(op.getFilter().getType());
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !filterType || !type || !inputType.hasStaticShape() ||
        !filterType.hasStaticShape() || !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not static");
    Type element = type.getElementType();
    if (!isa<FloatType>(element) || inputType.getElementType() != element ||
        filterType.getElementType() != element ||
        (op.getBias() &&
         cast<RankedTensorType>(op.getBias().getType()).getElementType() !=
             element))
      return rewriter.notifyMatchFailure(op, "not one float type");
    ArrayRef<int64_t> in = inputType.getShape();
    ArrayRef<int64_t> filter = filterType.getShape();
    if (in[2] != 1 || in[3] != 1 || filter[2] != 1 || filter[3] != 1 ||
        op.getGroups() != 1 ||
        llvm::any_of(op.getPadding(), [](int64_t p) { return p != 0; }))
      return rewriter.notifyMatchFailure(op, "not a 1x1 conv of 1x1 images");
    Location loc = op.getLoc();
    Value rows = ReshapeOp::create(rewriter, loc, op.getInput(),
                                   rewriter.getDenseI64ArrayAttr(
                                       {in[0], in[1]}));
    Value weights = ReshapeOp::create(rewriter, loc, op.getFilter(),
                                      rewriter.getDenseI64ArrayAttr(
                                          {filter[0], filter[1]}));
    Value product =
        GemmOp::create(rewriter, loc, rows, weights, op.getBias(),
                       rewriter.getF32FloatAttr(1.0f),
                       rewriter.getF32FloatAttr(1.0f),
                       rewriter.getBoolAttr(false), rewriter.getBoolAttr(true));
    rewriter.replaceOpWithNewOp<ReshapeOp>(
        op, product, rewriter.getDenseI64ArrayAttr(type.getShape()));
    return success();
  }
};
} // namespace

void Conv2dOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<DropZeroBias<Conv2dOp>, OnePixelConvToGemm>(context);
}

void ConvTranspose2dOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                    MLIRContext *context) {
  results.add<DropZeroBias<ConvTranspose2dOp>>(context);
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

static LogicalResult inferMatMul(ValueRange operands, const Diagnoser &diag,
                                 SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(operands, 2, 2)))
    return failure();
  FailureOr<RankedTensorType> lhs = getTensor(operands[0].getType());
  if (failed(lhs))
    return failure();
  FailureOr<RankedTensorType> rhs = getTensor(operands[1].getType());
  if (failed(rhs))
    return failure();
  if (lhs->getRank() < 1)
    return diag.emit() << "'lhs' must have rank at least 1, got rank 0";
  if (rhs->getRank() < 1)
    return diag.emit() << "'rhs' must have rank at least 1, got rank 0";
  if (failed(checkElementType(*rhs, "rhs", *lhs, "lhs", diag)))
    return failure();

  ArrayRef<int64_t> lhsShape = lhs->getShape(), rhsShape = rhs->getShape();
  int64_t lhsRank = lhsShape.size(), rhsRank = rhsShape.size();
  // A 1-D lhs [K] is [1, K]; a 1-D rhs [K] is [K, 1].
  int64_t lhsK = lhsRank - 1;
  int64_t rhsK = rhsRank == 1 ? 0 : rhsRank - 2;
  if (lhsShape[lhsK] != rhsShape[rhsK])
    return diag.emit() << "contraction sizes must match: 'lhs' dimension "
                       << lhsK << " has size " << lhsShape[lhsK]
                       << ", 'rhs' dimension " << rhsK << " has size "
                       << rhsShape[rhsK];

  ArrayRef<int64_t> lhsBatch = lhsRank > 2 ? lhsShape.drop_back(2)
                                           : ArrayRef<int64_t>();
  ArrayRef<int64_t> rhsBatch = rhsRank > 2 ? rhsShape.drop_back(2)
                                           : ArrayRef<int64_t>();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes({lhsBatch, rhsBatch}, diag);
  if (failed(shape))
    return failure();
  if (lhsRank >= 2)
    shape->push_back(lhsShape[lhsRank - 2]);
  if (rhsRank >= 2)
    shape->push_back(rhsShape[rhsRank - 1]);
  results.push_back(RankedTensorType::get(*shape, lhs->getElementType()));
  return success();
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  return inferMatMul(adaptor.getOperands(), Diagnoser(loc), results);
}

LogicalResult MatMulOp::verify() {
  SmallVector<Type> types;
  return inferMatMul(getOperands(), Diagnoser(*this), types);
}

//===----------------------------------------------------------------------===//
// GemmOp
//===----------------------------------------------------------------------===//

static LogicalResult inferGemm(ValueRange operands, BoolAttr transAAttr,
                               BoolAttr transBAttr, const Diagnoser &diag,
                               SmallVectorImpl<Type> &results) {
  if (failed(checkOperandCount(operands, 2, 3)))
    return failure();
  bool transA = transAAttr && transAAttr.getValue();
  bool transB = transBAttr && transBAttr.getValue();
  FailureOr<RankedTensorType> a = getTensor(operands[0].getType());
  if (failed(a))
    return failure();
  FailureOr<RankedTensorType> b = getTensor(operands[1].getType());
  if (failed(b))
    return failure();
  if (failed(checkRank(*a, "a", 2, transA ? "K, M" : "M, K", diag)) ||
      failed(checkRank(*b, "b", 2, transB ? "N, K" : "K, N", diag)) ||
      failed(checkElementType(*b, "b", *a, "a", diag)))
    return failure();
  RankedTensorType c;
  if (operands.size() == 3) {
    FailureOr<RankedTensorType> cType = getTensor(operands[2].getType());
    if (failed(cType))
      return failure();
    c = *cType;
    if (failed(checkElementType(c, "c", *a, "a", diag)))
      return failure();
  }

  // A' = trans_a ? a^T : a is [M, K]; B' = trans_b ? b^T : b is [K, N].
  int64_t aK = transA ? 0 : 1, bK = transB ? 1 : 0;
  int64_t m = a->getDimSize(1 - aK), n = b->getDimSize(1 - bK);
  if (a->getDimSize(aK) != b->getDimSize(bK))
    return diag.emit() << "contraction sizes must match: 'a' dimension " << aK
                       << " has size " << a->getDimSize(aK)
                       << ", 'b' dimension " << bK << " has size "
                       << b->getDimSize(bK);
  SmallVector<int64_t> shape = {m, n};
  if (c && !broadcastsTo(c.getShape(), shape))
    return diag.emit() << "'c' of shape [" << c.getShape()
                       << "] does not broadcast to the result shape [" << shape
                       << "]";
  results.push_back(RankedTensorType::get(shape, a->getElementType()));
  return success();
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  return inferGemm(adaptor.getOperands(), adaptor.getTransAAttr(),
                   adaptor.getTransBAttr(), Diagnoser(loc), results);
}

LogicalResult GemmOp::verify() {
  SmallVector<Type> types;
  return inferGemm(getOperands(), getTransAAttr(), getTransBAttr(),
                   Diagnoser(*this), types);
}

namespace {
/// gemm(a, b, splat 0) -> gemm(a, b): beta * 0 adds nothing, provided beta
/// is finite (inf * 0 and NaN * 0 are NaN).
struct DropZeroGemmAddend : public OpRewritePattern<GemmOp> {
  using OpRewritePattern<GemmOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    Value c = op.getC();
    if (!c || !isSplatOf(c, 0.0))
      return failure();
    FloatAttr beta = op.getBetaAttr();
    if (beta && !beta.getValue().isFinite())
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getCMutable().clear(); });
    return success();
  }
};

/// gemm(a, constant b, transB) -> gemm(a, transpose(b)) with the transpose
/// done now (and the same for a constant `a` with transA): an ONNX Gemm
/// exported from a fully connected layer carries its weight as [N, K], which
/// would otherwise be transposed at every run.
struct PretransposeConstantGemmOperand : public OpRewritePattern<GemmOp> {
  using OpRewritePattern<GemmOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    auto pretranspose = [&](Value operand) -> Value {
      ElementsAttr elements;
      if (!matchPattern(operand, m_Constant(&elements)))
        return {};
      auto type = cast<RankedTensorType>(operand.getType());
      auto transposed = RankedTensorType::get(
          {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
      ElementsAttr data =
          elements.isSplat()
              ? ElementsAttr(cast<SplatElementsAttr>(elements).resizeSplat(
                    transposed))
              : permuteConstantData(elements, {1, 0}, transposed);
      if (!data)
        return {};
      return ConstantOp::create(rewriter, operand.getLoc(), transposed, data);
    };
    Value a = op.getTransA() ? pretranspose(op.getA()) : Value();
    Value b = op.getTransB() ? pretranspose(op.getB()) : Value();
    if (!a && !b)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (a) {
        op.getAMutable().assign(a);
        op.setTransA(false);
      }
      if (b) {
        op.getBMutable().assign(b);
        op.setTransB(false);
      }
    });
    return success();
  }
};
} // namespace

namespace {
/// The columns [start, end) of the constant `attr` of type `type`, whose
/// last dimension is `columns` wide (bytes moved as they are).
static ElementsAttr sliceColumns(ElementsAttr attr, RankedTensorType type,
                                 int64_t start, int64_t end) {
  ArrayRef<char> bytes = getConstantBytes(attr);
  int64_t columns = type.getShape().back();
  int64_t rows = type.getNumElements() / std::max<int64_t>(columns, 1);
  if (bytes.empty() || columns == 0 ||
      static_cast<int64_t>(bytes.size()) % (rows * columns) != 0)
    return {};
  int64_t width = bytes.size() / (rows * columns);
  SmallVector<char> sliced;
  for (int64_t r = 0; r < rows; ++r)
    llvm::append_range(sliced, bytes.slice((r * columns + start) * width,
                                           (end - start) * width));
  SmallVector<int64_t> shape(type.getShape());
  shape.back() = end - start;
  return buildConstantBytesLike(
      attr, RankedTensorType::get(shape, type.getElementType()), sliced,
      (".cols" + Twine(start)).str());
}

/// Returns the column range that `slice` takes of the last dimension of a
/// tensor of `shape` (unit steps, every other dimension whole), or nullopt.
static std::optional<std::pair<int64_t, int64_t>>
getColumnRange(SliceOp slice, ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> starts = slice.getStarts(), ends = slice.getEnds(),
                    steps = slice.getSteps();
  int64_t last = shape.size() - 1;
  for (int64_t d = 0; d < last; ++d)
    if (starts[d] != 0 || ends[d] != shape[d] || steps[d] != 1)
      return std::nullopt;
  if (steps[last] != 1 || starts[last] >= ends[last])
    return std::nullopt;
  return std::make_pair(starts[last], ends[last]);
}

/// slice(x @ W [+ b]) over columns [s, e) of a constant W [K, N] (and a
/// constant b of shape [..., N] with 1s before N) -> x @ W[:, s:e] [+
/// b[..., s:e]], when slices of columns, and splits along the last
/// dimension (torch's qkv.split(d, dim=-1) and chunk), are all that read the
/// product.
struct SplitProductBySlices : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    ElementsAttr weights;
    if (rhsType.getRank() != 2 ||
        !matchPattern(op.getRhs(), m_Constant(&weights)) ||
        isa<SplatElementsAttr>(weights))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    // The value the slices read: the product, or its sum with a bias.
    Value sliced = op.getResult();
    AddOp biasAdd;
    ElementsAttr bias;
    RankedTensorType biasType;
    if (op->hasOneUse())
      if (auto add = dyn_cast<AddOp>(*op->user_begin())) {
        Value other = add.getLhs() == op.getResult() ? add.getRhs()
                                                     : add.getLhs();
        biasType = cast<RankedTensorType>(other.getType());
        ArrayRef<int64_t> shape = biasType.getShape();
        if (add.getType() == type && matchPattern(other, m_Constant(&bias)) &&
            !isa<SplatElementsAttr>(bias) && !shape.empty() &&
            shape.back() == type.getShape().back() &&
            llvm::all_of(shape.drop_back(),
                         [](int64_t size) { return size == 1; })) {
          biasAdd = add;
          sliced = add.getResult();
        }
      }
    // Each value to replace and the columns it holds.
    SmallVector<std::pair<Value, std::pair<int64_t, int64_t>>> slices;
    int64_t last = type.getRank() - 1;
    for (Operation *user : sliced.getUsers()) {
      if (auto split = dyn_cast<SplitOp>(user)) {
        int64_t axis = split.getAxis();
        if (axis != last && axis != -1)
          return failure();
        int64_t start = 0;
        for (Value piece : split.getOutputs()) {
          int64_t size =
              cast<RankedTensorType>(piece.getType()).getShape()[last];
          slices.push_back({piece, {start, start + size}});
          start += size;
        }
        continue;
      }
      auto slice = dyn_cast<SliceOp>(user);
      std::optional<std::pair<int64_t, int64_t>> range;
      if (slice)
        range = getColumnRange(slice, type.getShape());
      if (!range)
        return failure();
      slices.push_back({slice.getResult(), *range});
    }
    if (slices.empty())
      return failure();
    // The columns of the weight and bias for each piece, all before the IR
    // changes.
    SmallVector<std::pair<ElementsAttr, ElementsAttr>> parts;
    for (auto [piece, range] : slices) {
      auto [start, end] = range;
      ElementsAttr part = sliceColumns(weights, rhsType, start, end);
      ElementsAttr biasPart =
          biasAdd ? sliceColumns(bias, biasType, start, end) : ElementsAttr();
      if (!part || (biasAdd && !biasPart))
        return failure();
      parts.push_back({part, biasPart});
    }
    for (auto [slice, columns] : llvm::zip(slices, parts)) {
      Value piece = slice.first;
      auto [part, biasPart] = columns;
      rewriter.setInsertionPoint(piece.getDefiningOp());
      Value w = ConstantOp::create(rewriter, op.getLoc(),
                                   cast<RankedTensorType>(part.getType()), part);
      Value result = MatMulOp::create(rewriter, op.getLoc(), op.getLhs(), w);
      if (biasAdd)
        result = AddOp::create(
            rewriter, biasAdd.getLoc(), result,
            ConstantOp::create(rewriter, biasAdd.getLoc(),
                               cast<RankedTensorType>(biasPart.getType()),
                               biasPart));
      rewriter.replaceAllUsesWith(piece, result);
    }
    for (Operation *user : llvm::make_early_inc_range(sliced.getUsers()))
      rewriter.eraseOp(user);
    return success();
  }
};
} // namespace

void MatMulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<SplitProductBySlices>(context);
}

void GemmOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<DropZeroGemmAddend, PretransposeConstantGemmOperand>(context);
}
