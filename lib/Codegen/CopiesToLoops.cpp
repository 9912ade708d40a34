//===- CopiesToLoops.cpp - memref.copy to linalg.copy ---------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_COPIESTOLOOPS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Whether `copy` copies a buffer onto itself: the same value, or the same
/// view (equal subviews of one buffer), which bufferization leaves behind
/// where a tile is written in place.
static bool isSelfCopy(memref::CopyOp copy) {
  Value source = copy.getSource(), target = copy.getTarget();
  if (source == target)
    return true;
  auto sourceView = source.getDefiningOp<memref::SubViewOp>();
  auto targetView = target.getDefiningOp<memref::SubViewOp>();
  return sourceView && targetView &&
         sourceView.getSource() == targetView.getSource() &&
         sourceView.getType() == targetView.getType() &&
         sourceView.getMixedOffsets() == targetView.getMixedOffsets() &&
         sourceView.getMixedSizes() == targetView.getMixedSizes() &&
         sourceView.getMixedStrides() == targetView.getMixedStrides();
}

namespace {
struct CopiesToLoopsPass : kiln::impl::CopiesToLoopsBase<CopiesToLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies, selfCopies;
    getOperation()->walk([&](memref::CopyOp copy) {
      if (isSelfCopy(copy)) {
        selfCopies.push_back(copy);
        return;
      }
      auto source = dyn_cast<MemRefType>(copy.getSource().getType());
      auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (source && target && source.getRank() == target.getRank())
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : selfCopies)
      rewriter.eraseOp(copy);
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
  }
};
} // namespace
