//===- LLVMLoopAnnotations.cpp - Loop annotations as LLVM metadata --------===//
//
// See the description of kiln-llvm-loop-annotations in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_LLVMLOOPANNOTATIONS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kDiscardableName = "llvm.loop_annotation";

struct LLVMLoopAnnotationsPass
    : kiln::impl::LLVMLoopAnnotationsBase<LLVMLoopAnnotationsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      auto annotation =
          op->getAttrOfType<LLVM::LoopAnnotationAttr>(kDiscardableName);
      if (!annotation)
        return;
      op->removeAttr(kDiscardableName);
      if (auto br = dyn_cast<LLVM::BrOp>(op))
        br.setLoopAnnotationAttr(annotation);
      else if (auto condBr = dyn_cast<LLVM::CondBrOp>(op))
        condBr.setLoopAnnotationAttr(annotation);
    });
  }
};
} // namespace
