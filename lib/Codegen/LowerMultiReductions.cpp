//===- LowerMultiReductions.cpp - Multi-reductions, strategy per op -------===//
//
// See the description of kiln-lower-multi-reductions in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_LOWERMULTIREDUCTIONS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct LowerMultiReductionsPass
    : kiln::impl::LowerMultiReductionsBase<LowerMultiReductionsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Operation *> innerReductions, innerParallel;
    getOperation().walk([&](vector::MultiDimReductionOp op) {
      ArrayRef<bool> reduced = op.getReductionMask();
      bool innermostReduced = !reduced.empty() && reduced.back();
      (innermostReduced ? innerReductions : innerParallel).push_back(op);
    });
    // The ops each set creates (shape casts, lower-rank multi-reductions,
    // vector.reduction) are lowered by the same set.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    for (auto [ops, strategy] :
         {std::make_pair(&innerReductions,
                         vector::VectorMultiReductionLowering::InnerReduction),
          std::make_pair(&innerParallel,
                         vector::VectorMultiReductionLowering::InnerParallel)}) {
      if (ops->empty())
        continue;
      RewritePatternSet patterns(&getContext());
      vector::populateVectorMultiReductionLoweringPatterns(patterns, strategy);
      if (failed(applyOpPatternsGreedily(*ops, std::move(patterns), config)))
        return signalPassFailure();
    }
  }
};
} // namespace
