//===- FoldBatchNorm.cpp - Fold batch norms into convolutions -------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

namespace mlir::kiln {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {
/// batch_norm(conv2d(x, W, b)) -> conv2d(x, W * s, (b - mean) * s + beta).
struct FoldBatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp norm,
                                PatternRewriter &rewriter) const override {
    auto conv = norm.getInput().getDefiningOp<Conv2dOp>();
    if (!conv || !conv->hasOneUse())
      return rewriter.notifyMatchFailure(norm, "input is not a conv2d used once");
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    int64_t channels = filterType.getDimSize(0);
    std::optional<SmallVector<double>> filter =
        readFloatConstant(conv.getFilter());
    std::optional<SmallVector<double>> scale =
        readFloatConstant(norm.getScale());
    std::optional<SmallVector<double>> beta = readFloatConstant(norm.getBias());
    std::optional<SmallVector<double>> mean = readFloatConstant(norm.getMean());
    std::optional<SmallVector<double>> variance =
        readFloatConstant(norm.getVariance());
    if (!filter || !scale || !beta || !mean || !variance)
      return rewriter.notifyMatchFailure(norm, "weights are not constant");
    SmallVector<double> bias(channels, 0.0);
    if (Value convBias = conv.getBias()) {
      std::optional<SmallVector<double>> data = readFloatConstant(convBias);
      if (!data)
        return rewriter.notifyMatchFailure(norm, "bias is not constant");
      bias = std::move(*data);
    }

    double epsilon = norm.getEpsilon().convertToDouble();
    int64_t perChannel = filterType.getNumElements() / channels;
    SmallVector<double> newFilter(filter->size());
    SmallVector<double> newBias(channels);
    for (int64_t f = 0; f < channels; ++f) {
      double s = (*scale)[f] / std::sqrt((*variance)[f] + epsilon);
      for (int64_t i = 0; i < perChannel; ++i)
        newFilter[f * perChannel + i] = (*filter)[f * perChannel + i] * s;
      newBias[f] = (bias[f] - (*mean)[f]) * s + (*beta)[f];
    }

    Location loc = norm.getLoc();
    auto biasType =
        RankedTensorType::get({channels}, filterType.getElementType());
    Value filterValue = ConstantOp::create(
        rewriter, loc, buildFloatData(filterType, newFilter, "folded_filter"));
    Value biasValue = ConstantOp::create(
        rewriter, loc, buildFloatData(biasType, newBias, "folded_bias"));
    auto folded = Conv2dOp::create(
        rewriter, conv.getLoc(), TypeRange{conv.getType()},
        ValueRange{conv.getInput(), filterValue, biasValue}, conv->getAttrs());
    rewriter.replaceOp(norm, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

struct FoldBatchNormPass
    : kiln::impl::FoldBatchNormBase<FoldBatchNormPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldBatchNormPatterns(patterns);
    if (failed(applyFusingPatterns(getOperation(), std::move(patterns),
                                   getArgument())))
      signalPassFailure();
  }
};
} // namespace

void mlir::kiln::populateFoldBatchNormPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldBatchNormIntoConv>(patterns.getContext());
}
