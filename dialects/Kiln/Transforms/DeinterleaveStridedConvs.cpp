//===- DeinterleaveStridedConvs.cpp - Unit-stride columns for convs -------===//
//
// See the description of kiln-deinterleave-strided-convs in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Codegen/ChannelVectors.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_DEINTERLEAVESTRIDEDCONVS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {
/// conv2d(x, W) with column stride s -> the sum over q < s of
/// conv2d(x[..., q::s], W[..., q::s]) with column stride 1, see Passes.td.
struct DeinterleaveColumns : OpRewritePattern<Conv2dOp> {
  DeinterleaveColumns(MLIRContext *context, int64_t channelVectorBits,
                      int64_t channelVectorMaxPanelBytes)
      : OpRewritePattern(context), channelVectorBits(channelVectorBits),
        channelVectorMaxPanelBytes(channelVectorMaxPanelBytes) {}

  LogicalResult matchAndRewrite(Conv2dOp conv,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(conv.getInput().getType());
    auto filterType = dyn_cast<RankedTensorType>(conv.getFilter().getType());
    auto type = dyn_cast<RankedTensorType>(conv.getType());
    if (!inputType || !filterType || !type || !inputType.hasStaticShape() ||
        !filterType.hasStaticShape() || !type.hasStaticShape() ||
        !type.getElementType().isF32() ||
        filterType.getElementType() != type.getElementType())
      return rewriter.notifyMatchFailure(conv, "not static f32");
    ArrayRef<int64_t> strides = conv.getStrides();
    ArrayRef<int64_t> dilations = conv.getDilations();
    ArrayRef<int64_t> filter = filterType.getShape();
    int64_t stride = strides[1], kw = filter[3];
    if (conv.getGroups() != 1 || stride < 2 || kw < 2 || dilations[1] != 1)
      return rewriter.notifyMatchFailure(
          conv, "not an ungrouped conv with strided, undilated columns");
    // Few multiply-adds per output (a 3x3 stem on 3 channels: 27) cost less
    // than the copies and the extra pass over the output.
    if (filter[1] * filter[2] * filter[3] < 64)
      return rewriter.notifyMatchFailure(conv, "short reduction");
    if (channelVectorBits > 0 &&
        isChannelVectorConv(filter[0], filter[1] * filter[2] * filter[3],
                            type.getDimSize(3), channelVectorBits,
                            channelVectorMaxPanelBytes))
      return rewriter.notifyMatchFailure(
          conv, "computed along output channels, strided columns and all");
    std::optional<SmallVector<double>> weights =
        readFloatConstant(conv.getFilter());
    if (!weights)
      return rewriter.notifyMatchFailure(conv, "filter not constant");

    Location loc = conv.getLoc();
    // The padded input, then each phase q of its columns with the taps of
    // the filter that read it (kw = q, q + s, ...).
    Value input = conv.getInput();
    ArrayRef<int64_t> padding = conv.getPadding(); // top, left, bottom, right
    if (llvm::any_of(padding, [](int64_t p) { return p != 0; }))
      input = PadOp::create(
          rewriter, loc, input,
          rewriter.getDenseI64ArrayAttr(
              {0, 0, padding[0], padding[1], 0, 0, padding[2], padding[3]}),
          PadModeAttr::get(rewriter.getContext(), PadMode::Constant),
          rewriter.getF64FloatAttr(0.0));
    ArrayRef<int64_t> padded = cast<RankedTensorType>(input.getType()).getShape();
    int64_t width = type.getDimSize(3);
    int64_t rows = filter[0] * filter[1] * filter[2];
    Value sum;
    for (int64_t q = 0; q < std::min(stride, kw); ++q) {
      int64_t taps = (kw - q + stride - 1) / stride;
      int64_t columns = width + taps - 1;
      Value phase = SliceOp::create(
          rewriter, loc, input, rewriter.getDenseI64ArrayAttr({0, 0, 0, q}),
          rewriter.getDenseI64ArrayAttr({padded[0], padded[1], padded[2],
                                         q + (columns - 1) * stride + 1}),
          rewriter.getDenseI64ArrayAttr({1, 1, 1, stride}));
      SmallVector<double> part;
      part.reserve(rows * taps);
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t t = 0; t < taps; ++t)
          part.push_back((*weights)[r * kw + q + t * stride]);
      auto partType = RankedTensorType::get(
          {filter[0], filter[1], filter[2], taps}, type.getElementType());
      Value partFilter = ConstantOp::create(
          rewriter, loc,
          buildFloatData(partType, part, "filter_columns_" + std::to_string(q)));
      Value product = Conv2dOp::create(
          rewriter, loc, phase, partFilter, q == 0 ? conv.getBias() : Value(),
          rewriter.getDenseI64ArrayAttr({strides[0], 1}),
          rewriter.getDenseI64ArrayAttr({dilations[0], 1}),
          rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}),
          rewriter.getI64IntegerAttr(1));
      sum = sum ? AddOp::create(rewriter, loc, sum, product).getResult()
                : product;
    }
    rewriter.replaceOp(conv, sum);
    return success();
  }

private:
  int64_t channelVectorBits, channelVectorMaxPanelBytes;
};

struct DeinterleaveStridedConvsPass
    : kiln::impl::DeinterleaveStridedConvsBase<DeinterleaveStridedConvsPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (channelVectorBits < 0 || channelVectorMaxPanelKiB < 0) {
      getOperation().emitError(
          "kiln-deinterleave-strided-convs: channel-vector-bits and "
          "channel-vector-max-panel-kib must be at least 0");
      return signalPassFailure();
    }
    patterns.add<DeinterleaveColumns>(&getContext(), channelVectorBits,
                                      channelVectorMaxPanelKiB * 1024);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
