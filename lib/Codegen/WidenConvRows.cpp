//===- WidenConvRows.cpp - Whole vectors for rows of odd widths -----------===//
//
// See the description of kiln-widen-conv-rows in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_WIDENCONVROWS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// The width that rows of `width` output pixels are computed at with
/// `lanes`-wide vectors: the remainder after whole vectors rounded up to a
/// power of two (one load), when that adds at most one pixel in eight;
/// `width` itself otherwise.
static int64_t getWideRow(int64_t width, int64_t lanes) {
  int64_t rest = width % lanes;
  if (rest == 0 || llvm::isPowerOf2_64(rest))
    return width;
  int64_t wide = width - rest + static_cast<int64_t>(llvm::PowerOf2Ceil(rest));
  return (wide - width) * 8 <= wide ? wide : width;
}

/// `value` [.., W] padded with `extra` more columns of zeros on the high
/// side of its last dimension.
static Value padColumns(OpBuilder &b, Location loc, Value value,
                        int64_t extra) {
  auto type = cast<RankedTensorType>(value.getType());
  Value zero = arith::ConstantOp::create(
      b, loc, b.getZeroAttr(type.getElementType()));
  SmallVector<int64_t> shape(type.getShape());
  shape.back() += extra;
  SmallVector<OpFoldResult> low(shape.size(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> high(shape.size(), b.getIndexAttr(0));
  high.back() = b.getIndexAttr(extra);
  return tensor::PadOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value, low,
      high, zero);
}

bool mlir::kiln::isStaticF32Conv(linalg::Conv2DNchwFchwOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return false;
  return llvm::all_of(op->getOperandTypes(), [](Type type) {
    auto tensor = cast<RankedTensorType>(type);
    return tensor.hasStaticShape() && tensor.getElementType().isF32();
  });
}

namespace {
struct WidenConvRows : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  WidenConvRows(MLIRContext *context, int64_t vectorBits)
      : OpRewritePattern(context), vectorBits(vectorBits) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp op,
                                PatternRewriter &rewriter) const override {
    if (!kiln::isStaticF32Conv(op))
      return rewriter.notifyMatchFailure(op, "not static f32 on tensors");
    Value input = op.getDpsInputOperand(0)->get();
    Value filter = op.getDpsInputOperand(1)->get();
    Value init = op.getDpsInitOperand(0)->get();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto type = cast<RankedTensorType>(init.getType());
    Type element = type.getElementType();
    // Worth a copy of the result only for a long enough reduction.
    ArrayRef<int64_t> window = filterType.getShape();
    if (window[1] * window[2] * window[3] < 32)
      return rewriter.notifyMatchFailure(op, "short reduction");
    int64_t width = type.getDimSize(3);
    int64_t wide = getWideRow(width, vectorBits / 32);
    if (wide == width)
      return rewriter.notifyMatchFailure(op, "rows split into whole loads");
    int64_t strideW = *(op.getStrides().getValues<int64_t>().begin() + 1);

    Location loc = op.getLoc();
    // The input with (wide - width) * stride more columns: those of the
    // padding when it is a pad's result, else zeros.
    int64_t extra = (wide - width) * strideW;
    Value wideInput;
    if (auto pad = input.getDefiningOp<tensor::PadOp>();
        pad && pad->hasOneUse() && pad.getConstantPaddingValue() &&
        pad.getResultType().hasStaticShape()) {
      SmallVector<OpFoldResult> high = pad.getMixedHighPad();
      std::optional<int64_t> last = getConstantIntValue(high.back());
      if (last) {
        high.back() = rewriter.getIndexAttr(*last + extra);
        SmallVector<int64_t> shape(inputType.getShape());
        shape.back() += extra;
        wideInput = tensor::PadOp::create(
            rewriter, loc, RankedTensorType::get(shape, element),
            pad.getSource(), pad.getMixedLowPad(), high,
            pad.getConstantPaddingValue(), pad.getNofold());
      }
    }
    if (!wideInput)
      wideInput = padColumns(rewriter, loc, input, extra);
    // The accumulator, wider: the bias broadcast or the fill again, else a
    // pad of it.
    SmallVector<int64_t> shape(type.getShape());
    shape.back() = wide;
    auto wideType = RankedTensorType::get(shape, element);
    Value wideInit;
    if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>();
        broadcast && broadcast.hasPureTensorSemantics()) {
      Value empty = tensor::EmptyOp::create(rewriter, loc, shape, element);
      wideInit = linalg::BroadcastOp::create(rewriter, loc,
                                             broadcast.getInput(), empty,
                                             broadcast.getDimensions())
                     ->getResult(0);
    } else if (auto fill = init.getDefiningOp<linalg::FillOp>();
               fill && fill.hasPureTensorSemantics()) {
      Value empty = tensor::EmptyOp::create(rewriter, loc, shape, element);
      wideInit = linalg::FillOp::create(rewriter, loc,
                                        fill.getDpsInputOperand(0)->get(),
                                        empty)
                     .getResult(0);
    } else {
      wideInit = padColumns(rewriter, loc, init, wide - width);
    }
    Value product =
        linalg::Conv2DNchwFchwOp::create(
            rewriter, loc, TypeRange{wideType}, ValueRange{wideInput, filter},
            ValueRange{wideInit}, op.getStrides(), op.getDilations())
            .getResult(0);
    // The columns of the result, copied out whole (a view of them would be
    // copied anyway by a reshape, and fused into an elementwise consumer).
    SmallVector<OpFoldResult> zeros(4, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes;
    for (int64_t size : type.getShape())
      sizes.push_back(rewriter.getIndexAttr(size));
    Value columns = tensor::ExtractSliceOp::create(rewriter, loc, type,
                                                   product, zeros, sizes, ones);
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, type.getShape(), element);
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, columns, empty);
    return success();
  }

private:
  int64_t vectorBits;
};

struct WidenConvRowsPass
    : kiln::impl::WidenConvRowsBase<WidenConvRowsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBits < 64) {
      getOperation().emitError()
          << "kiln-widen-conv-rows: vector-bits must be at least 64";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    patterns.add<WidenConvRows>(&getContext(), vectorBits);
    // One rewrite per convolution: the widened one has whole rows.
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};
} // namespace
