//===- ApproximateMath.cpp - Polynomial approximations of math ops --------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct ApproximateMathPass
    : kiln::impl::ApproximateMathBase<ApproximateMathPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Compute f16/bf16 math in f32, then expand and approximate the f32
    // functions. sin and cos stay with libm: the upstream approximation
    // reduces the argument with a single-precision pi/2 and loses accuracy at
    // the large angles of rotary embeddings (positions in the thousands).
    populateMathF32ExpansionPatterns(patterns, [](StringRef) { return true; });
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef name) {
          return llvm::is_contained(
              {"math.atan", "math.atan2", "math.tanh", "math.log",
               "math.log2", "math.log1p", "math.erf", "math.erfc",
               "math.asin", "math.acos", "math.exp", "math.expm1",
               "math.cbrt"},
              name);
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
