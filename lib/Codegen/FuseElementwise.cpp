//===- FuseElementwise.cpp - Elementwise fusion that never recomputes -----===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Fuses the producer of `operand` into its consumer only when the producer
/// has no other user, the consumer loops over no reduction dimension and
/// reads each element of the operand once: a producer broadcast by its
/// consumer (the gate of a squeeze-excitation block, a sigmoid of [N, C, 1, 1]
/// multiplied into [N, C, H, W]) would be computed again for every element
/// it is broadcast to.
static bool shouldFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  return consumer && consumer.getNumReductionLoops() == 0 &&
         consumer.getMatchingIndexingMap(operand).isPermutation();
}

/// Folds the expand_shape between a contraction and an elementwise consumer
/// into the consumer, which then iterates over the contraction's (collapsed)
/// result: a pointwise convolution computed over flattened images, or a
/// matrix product of a batch of rows, then keeps its bias add or activation
/// as an epilogue computed in its tiles (kiln-tile-and-fuse only fuses a
/// consumer that reads the result directly).
static bool shouldCollapseConsumer(OpOperand *operand) {
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  auto expand = operand->get().getDefiningOp<tensor::ExpandShapeOp>();
  if (!consumer || !expand || consumer.getNumReductionLoops() != 0)
    return false;
  auto producer = expand.getSrc().getDefiningOp<linalg::LinalgOp>();
  return producer && linalg::isaContractionOpInterface(producer) &&
         producer->hasOneUse();
}

namespace {
struct FuseElementwisePass
    : kiln::impl::FuseElementwiseBase<FuseElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    linalg::populateFoldReshapeOpsByCollapsingPatterns(patterns,
                                                       shouldCollapseConsumer);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
