//===- MathToLibm.cpp - convert-math-to-libm where math is left ----------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_MATHTOLIBM
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct MathToLibmPass : kiln::impl::MathToLibmBase<MathToLibmPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool mathLeft =
        module
            .walk([](Operation *op) {
              return isa_and_nonnull<math::MathDialect>(op->getDialect())
                         ? WalkResult::interrupt()
                         : WalkResult::advance();
            })
            .wasInterrupted();
    if (!mathLeft)
      return;
    OpPassManager pipeline(ModuleOp::getOperationName());
    pipeline.addPass(createConvertMathToLibmPass());
    if (failed(runPipeline(pipeline, module)))
      signalPassFailure();
  }
};
} // namespace
