//===- RecognizePatterns.cpp - Recognize decomposed subgraphs -------------===//
//
// The kiln-recognize-patterns pass: assembles the recognizers of decomposed
// activations, layer norms, shuffles and the canonical form of
// squeeze-excitation blocks (one file per group) and applies them greedily.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_RECOGNIZEPATTERNS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {
struct RecognizePatternsPass
    : kiln::impl::RecognizePatternsBase<RecognizePatternsPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateRecognizePatterns(patterns);
    if (failed(applyFusingPatterns(getOperation(), std::move(patterns),
                                   getArgument())))
      signalPassFailure();
  }
};
} // namespace

void mlir::kiln::populateRecognizePatterns(RewritePatternSet &patterns) {
  populateRecognizeActivationPatterns(patterns);
  populateRecognizeNormalizationPatterns(patterns);
  populateRecognizeShufflePatterns(patterns);
  populateSqueezeExcitationPatterns(patterns);
}
