//===- Fusion.h - Mark ops made by fusing others ----------------*- C++ -*-===//
//
// An op that a graph pass makes out of several others (a convolution with a
// folded batch norm, a recognized SiLU, an attention with its rope, ...)
// carries a location `fused<"pass-name">[loc of the replaced op, ...]`. The
// model report (kiln-compile --report) shows such ops as fused and names the
// pass. Marking costs one location per rewrite and nothing at run time.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_UTILS_FUSION_H
#define KILN_DIALECT_KILN_UTILS_FUSION_H

#include "mlir/IR/Location.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln {

/// `fused<"pass">[locs...]`: the location of an op that `pass` made from the
/// ops at `locs`.
Location getFusedLocation(MLIRContext *context, ArrayRef<Location> locs,
                          StringRef pass);

/// The passes named by the fused locations within `loc` (outermost first,
/// without duplicates).
SmallVector<StringRef> getFusingPasses(Location loc);

/// A rewrite listener for greedy pattern drivers: when an op is replaced by
/// values computed by ops created during the pass (not constants), each such
/// op (the producers of the values and, through their operands, the created
/// ops they use) gets the location `fused<pass>[its location, replaced op's
/// location]`. Folds that replace an op by an existing value mark nothing.
class FusionMarker : public RewriterBase::Listener {
public:
  explicit FusionMarker(StringRef pass) : pass(pass) {}
  using RewriterBase::Listener::notifyOperationReplaced;

  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint previous) override;
  void notifyOperationErased(Operation *op) override;
  void notifyOperationReplaced(Operation *op, ValueRange values) override;

private:
  StringRef pass;
  llvm::DenseSet<Operation *> created;
};

/// Applies `patterns` greedily to `op` with a FusionMarker of `pass`: what
/// the graph passes that fuse ops run (their pass argument as `pass`).
LogicalResult applyFusingPatterns(Operation *op, RewritePatternSet &&patterns,
                                  StringRef pass);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_UTILS_FUSION_H
