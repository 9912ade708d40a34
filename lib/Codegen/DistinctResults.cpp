//===- DistinctResults.cpp - One value per returned tensor ----------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_DISTINCTRESULTS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct DistinctResultsPass
    : kiln::impl::DistinctResultsBase<DistinctResultsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallDenseSet<Value> seen;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        auto type = dyn_cast<RankedTensorType>(value.getType());
        if (seen.insert(value).second || !type)
          continue;
        Value init = tensor::EmptyOp::create(builder, ret.getLoc(),
                                             type.getShape(),
                                             type.getElementType());
        operand.set(linalg::CopyOp::create(builder, ret.getLoc(), value, init)
                        .getResult(0));
      }
    });
  }
};
} // namespace
