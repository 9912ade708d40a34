//===- RecognizeShuffles.cpp - reshape/transpose/reshape to shuffle ops ---===//
//
// Channel shuffle, pixel shuffle (depth-to-space) and pixel unshuffle
// (space-to-depth) are exported as a reshape that splits dimensions, a
// transpose and a reshape that merges them again. Each is recognized by the
// exact shapes and permutation its definition uses:
//
//   channel_shuffle [N, C, S...] -> [N, g, C/g, S'...] perm [0, 2, 1, 3, ...]
//                   -> [N, C, S...]                (prod(S') == prod(S))
//   pixel_shuffle   crd: [N, C r r, H, W] -> [N, C, r, r, H, W]
//                        perm [0, 1, 4, 2, 5, 3] -> [N, C, H r, W r]
//                   dcr: [N, C r r, H, W] -> [N, r, r, C, H, W]
//                        perm [0, 3, 4, 1, 5, 2] -> [N, C, H r, W r]
//   pixel_unshuffle crd: [N, C, H r, W r] -> [N, C, H, r, W, r]
//                        perm [0, 1, 3, 5, 2, 4] -> [N, C r r, H, W]
//                   dcr: [N, C, H r, W r] -> [N, C, H, r, W, r]
//                        perm [0, 3, 5, 1, 2, 4] -> [N, C r r, H, W]
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "RecognizeUtils.h"

#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/IR/PatternMatch.h"

#include <array>
#include <functional>
#include <numeric>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::recognize;

namespace {

int64_t product(ArrayRef<int64_t> sizes) {
  return std::accumulate(sizes.begin(), sizes.end(), int64_t(1),
                         std::multiplies<int64_t>());
}

/// The reshape -> transpose -> reshape chain ending at `reshape`, with the
/// first reshape and the transpose used once.
struct ShuffleChain {
  Value input;
  ArrayRef<int64_t> inputShape, splitShape, permutation, outputShape;
};

std::optional<ShuffleChain> getShuffleChain(ReshapeOp reshape) {
  auto transpose = getSingleUseDef<TransposeOp>(reshape.getInput());
  if (!transpose)
    return std::nullopt;
  auto split = getSingleUseDef<ReshapeOp>(transpose.getInput());
  if (!split)
    return std::nullopt;
  ShuffleChain chain;
  chain.input = split.getInput();
  chain.inputShape = split.getInput().getType().getShape();
  chain.splitShape = split.getType().getShape();
  chain.permutation = transpose.getPermutation();
  chain.outputShape = reshape.getType().getShape();
  return chain;
}

/// reshape [N, C, S...] -> [N, g, C/g, S'...], transpose [0, 2, 1, 3, ...],
/// reshape -> [N, C, S...]  ->  channel_shuffle {groups = g}.
struct RecognizeChannelShuffle : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<ShuffleChain> chain = getShuffleChain(op);
    if (!chain)
      return rewriter.notifyMatchFailure(op, "not reshape-transpose-reshape");
    ArrayRef<int64_t> in = chain->inputShape, split = chain->splitShape;
    if (in.size() < 2 || split.size() < 3 || chain->outputShape != in ||
        split[0] != in[0] || split[1] * split[2] != in[1] ||
        product(split.drop_front(3)) != product(in.drop_front(2)))
      return rewriter.notifyMatchFailure(op, "shapes are not a channel split");
    SmallVector<int64_t> expected = {0, 2, 1};
    for (int64_t i = 3, e = split.size(); i < e; ++i)
      expected.push_back(i);
    if (chain->permutation != ArrayRef<int64_t>(expected))
      return rewriter.notifyMatchFailure(op,
                                         "permutation is not [0, 2, 1, ...]");
    rewriter.replaceOpWithNewOp<ChannelShuffleOp>(
        op, chain->input, rewriter.getI64IntegerAttr(split[1]));
    return success();
  }
};

/// One of the four depth-to-space / space-to-depth layouts: the split shape
/// and permutation in terms of the output channels and blocks.
struct PixelLayout {
  bool shuffle;
  PixelShuffleOrder order;
  std::array<int64_t, 6> permutation;
};

constexpr PixelLayout kPixelLayouts[] = {
    {true, PixelShuffleOrder::CRD, {0, 1, 4, 2, 5, 3}},
    {true, PixelShuffleOrder::DCR, {0, 3, 4, 1, 5, 2}},
    {false, PixelShuffleOrder::CRD, {0, 1, 3, 5, 2, 4}},
    {false, PixelShuffleOrder::DCR, {0, 3, 5, 1, 2, 4}},
};

/// The shapes of the chain for `layout` with block size `r`, from the input
/// shape [N, C, H, W]: the split shape and the output shape.
std::pair<SmallVector<int64_t>, SmallVector<int64_t>>
getPixelShapes(const PixelLayout &layout, ArrayRef<int64_t> in, int64_t r) {
  int64_t n = in[0], c = in[1], h = in[2], w = in[3];
  if (layout.shuffle) {
    int64_t cOut = c / (r * r);
    SmallVector<int64_t> split =
        layout.order == PixelShuffleOrder::CRD
            ? SmallVector<int64_t>{n, cOut, r, r, h, w}
            : SmallVector<int64_t>{n, r, r, cOut, h, w};
    return {split, {n, cOut, h * r, w * r}};
  }
  return {{n, c, h / r, r, w / r, r}, {n, c * r * r, h / r, w / r}};
}

/// reshape -> transpose -> reshape in one of the layouts of kPixelLayouts
/// -> pixel_shuffle / pixel_unshuffle with that order.
struct RecognizePixelShuffle : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<ShuffleChain> chain = getShuffleChain(op);
    if (!chain || chain->inputShape.size() != 4 ||
        chain->splitShape.size() != 6)
      return rewriter.notifyMatchFailure(op, "not a rank-4 block shuffle");
    ArrayRef<int64_t> in = chain->inputShape;
    for (const PixelLayout &layout : kPixelLayouts) {
      if (chain->permutation != ArrayRef<int64_t>(layout.permutation))
        continue;
      // Dimension 2 of a shuffle's split shape is a block dimension in both
      // orders; dimension 5 of an unshuffle's.
      int64_t r = chain->splitShape[layout.shuffle ? 2 : 5];
      if (r < 1 ||
          (layout.shuffle ? in[1] % (r * r) : in[2] % r + in[3] % r) != 0)
        continue;
      auto [split, output] = getPixelShapes(layout, in, r);
      if (chain->splitShape != ArrayRef<int64_t>(split) ||
          chain->outputShape != ArrayRef<int64_t>(output))
        continue;
      auto order = PixelShuffleOrderAttr::get(getContext(), layout.order);
      if (layout.shuffle)
        rewriter.replaceOpWithNewOp<PixelShuffleOp>(
            op, chain->input, rewriter.getI64IntegerAttr(r), order);
      else
        rewriter.replaceOpWithNewOp<PixelUnshuffleOp>(
            op, chain->input, rewriter.getI64IntegerAttr(r), order);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a pixel shuffle layout");
  }
};

} // namespace

void mlir::kiln::populateRecognizeShufflePatterns(RewritePatternSet &patterns) {
  patterns.add<RecognizeChannelShuffle, RecognizePixelShuffle>(
      patterns.getContext());
}
