//===- KilnToLinalg.cpp - Lower kiln to linalg on tensors -----------------===//
//
// Assembles the per-family patterns into the convert-kiln-to-linalg pass.
//
//===----------------------------------------------------------------------===//

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"

#include "PopulatePatterns.h"
#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTKILNTOLINALG
#include "kiln/Conversion/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

void mlir::kiln::populateKilnToLinalgConversionPatterns(RewritePatternSet &patterns) {
  lowering::populateAttentionPatterns(patterns);
  lowering::populateContractionPatterns(patterns);
  lowering::populateElementwisePatterns(patterns);
  lowering::populateNormPatterns(patterns);
  lowering::populatePoolPatterns(patterns);
  lowering::populateShufflePatterns(patterns);
  lowering::populateTensorPatterns(patterns);
}

void mlir::kiln::configureKilnToLinalgTarget(ConversionTarget &target) {
  target.addIllegalDialect<KilnDialect>();
  target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                         math::MathDialect, tensor::TensorDialect>();
}

namespace {
struct ConvertKilnToLinalgPass
    : mlir::kiln::impl::ConvertKilnToLinalgBase<ConvertKilnToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    ConversionTarget target(getContext());
    mlir::kiln::configureKilnToLinalgTarget(target);
    RewritePatternSet patterns(&getContext());
    mlir::kiln::populateKilnToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
