//===- FoldGates.cpp - Per-channel input scales into convolution filters --===//
//
// See the description of kiln-fold-gates in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FOLDGATES
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {
/// Whether `shape`, aligned on the trailing side with an [N, C, H, W] tensor
/// of `channels` channels, holds one value per channel for every image: [C,
/// 1, 1] or [1, C, 1, 1].
bool isPerChannel(ArrayRef<int64_t> shape, int64_t channels) {
  if (shape.size() == 3)
    return shape[0] == channels && shape[1] == 1 && shape[2] == 1;
  return shape.size() == 4 && shape[0] == 1 && shape[1] == channels &&
         shape[2] == 1 && shape[3] == 1;
}

/// conv2d(mul(x, g), W, b) -> conv2d(x, W * g, b), see Passes.td.
struct FoldGateIntoConv : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp conv,
                                PatternRewriter &rewriter) const override {
    auto mul = conv.getInput().getDefiningOp<MulOp>();
    if (!mul || !mul->hasOneUse())
      return rewriter.notifyMatchFailure(conv, "input is not a mul used once");
    auto type = cast<RankedTensorType>(mul.getType());
    auto filterType = dyn_cast<RankedTensorType>(conv.getFilter().getType());
    if (conv.getGroups() != 1 || !type.hasStaticShape() || !filterType ||
        !filterType.hasStaticShape() ||
        filterType.getElementType() != type.getElementType() ||
        !isa<FloatType>(type.getElementType()))
      return rewriter.notifyMatchFailure(conv, "not a static float conv");
    int64_t channels = type.getDimSize(1);
    Value x, gate;
    for (unsigned i = 0; i < 2; ++i) {
      Value lhs = mul->getOperand(i), rhs = mul->getOperand(1 - i);
      if (lhs.getType() == type &&
          isPerChannel(cast<RankedTensorType>(rhs.getType()).getShape(),
                       channels)) {
        x = lhs;
        gate = rhs;
        break;
      }
    }
    if (!x)
      return rewriter.notifyMatchFailure(conv, "not a per-channel scale");

    // [F, C, KH, KW] * [1, C, 1, 1]: the scale of input channel c.
    Location loc = mul.getLoc();
    ArrayRef<int64_t> filterShape = filterType.getShape();
    auto gateType = RankedTensorType::get({1, channels, 1, 1},
                                          type.getElementType());
    std::optional<SmallVector<double>> gateData = readFloatConstant(gate);
    std::optional<SmallVector<double>> filterData =
        gateData ? readFloatConstant(conv.getFilter()) : std::nullopt;
    Value filter;
    if (gateData && filterData) {
      int64_t window = filterShape[2] * filterShape[3];
      SmallVector<double> scaled(*filterData);
      for (int64_t i = 0, e = scaled.size(); i < e; ++i)
        scaled[i] *= (*gateData)[(i / window) % channels];
      filter = ConstantOp::create(
          rewriter, loc, buildFloatData(filterType, scaled, "gated_filter"));
    } else {
      // At run time: only where the filter is the smaller tensor.
      if (filterShape[0] * filterShape[2] * filterShape[3] >=
          type.getDimSize(2) * type.getDimSize(3))
        return rewriter.notifyMatchFailure(
            conv, "scaling the filter moves more than scaling the input");
      if (cast<RankedTensorType>(gate.getType()) != gateType)
        gate = ReshapeOp::create(rewriter, loc, gate,
                                 rewriter.getDenseI64ArrayAttr(
                                     gateType.getShape()));
      filter = MulOp::create(rewriter, loc, conv.getFilter(), gate);
    }
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getInputMutable().assign(x);
      conv.getFilterMutable().assign(filter);
    });
    rewriter.eraseOp(mul);
    return success();
  }
};

struct FoldGatesPass : kiln::impl::FoldGatesBase<FoldGatesPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldGatePatterns(patterns);
    if (failed(applyFusingPatterns(getOperation(), std::move(patterns),
                                   getArgument())))
      signalPassFailure();
  }
};
} // namespace

void mlir::kiln::populateFoldGatePatterns(RewritePatternSet &patterns) {
  patterns.add<FoldGateIntoConv>(patterns.getContext());
}
