//===- Fusion.cpp - Mark ops made by fusing others ------------------------===//

#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace mlir::kiln;

Location mlir::kiln::getFusedLocation(MLIRContext *context,
                                      ArrayRef<Location> locs, StringRef pass) {
  return FusedLoc::get(locs, StringAttr::get(context, pass), context);
}

SmallVector<StringRef> mlir::kiln::getFusingPasses(Location loc) {
  SmallVector<StringRef> passes;
  loc->walk([&](Location inner) {
    if (auto fused = dyn_cast<FusedLoc>(inner))
      if (auto name = dyn_cast_or_null<StringAttr>(fused.getMetadata()))
        if (!llvm::is_contained(passes, name.getValue()))
          passes.push_back(name.getValue());
    return WalkResult::advance();
  });
  return passes;
}

void FusionMarker::notifyOperationInserted(Operation *op,
                                           OpBuilder::InsertPoint) {
  created.insert(op);
}

void FusionMarker::notifyOperationErased(Operation *op) { created.erase(op); }

void FusionMarker::notifyOperationReplaced(Operation *op, ValueRange values) {
  // The ops made during this pass that compute the replacement (not
  // constants), found through their operands.
  SmallVector<Operation *> worklist;
  for (Value value : values)
    if (Operation *def = value.getDefiningOp())
      worklist.push_back(def);
  llvm::SmallPtrSet<Operation *, 4> marked;
  while (!worklist.empty()) {
    Operation *def = worklist.pop_back_val();
    if (!created.contains(def) || def->hasTrait<OpTrait::ConstantLike>() ||
        !marked.insert(def).second)
      continue;
    def->setLoc(getFusedLocation(op->getContext(),
                                 {def->getLoc(), op->getLoc()}, pass));
    for (Value operand : def->getOperands())
      if (Operation *producer = operand.getDefiningOp())
        worklist.push_back(producer);
  }
}

LogicalResult mlir::kiln::applyFusingPatterns(Operation *op,
                                              RewritePatternSet &&patterns,
                                              StringRef pass) {
  FusionMarker marker(pass);
  GreedyRewriteConfig config;
  config.setListener(&marker);
  return applyPatternsGreedily(op, std::move(patterns), config);
}
