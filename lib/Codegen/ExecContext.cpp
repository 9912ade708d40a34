//===- ExecContext.cpp - The runtime's execution context argument ---------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_ADDEXECCONTEXT
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

Value mlir::kiln::getExecContext(func::FuncOp func) {
  if (func.isExternal())
    return {};
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (func.getArgAttr(i, kExecContextAttrName))
      return func.getArgument(i);
  return {};
}

FailureOr<Value> mlir::kiln::addExecContextArgument(func::FuncOp func) {
  if (Value ctx = getExecContext(func))
    return ctx;
  if (func.isExternal())
    return failure();
  MLIRContext *context = func.getContext();
  auto attrs = DictionaryAttr::get(
      context, {NamedAttribute(StringAttr::get(context, kExecContextAttrName),
                               UnitAttr::get(context))});
  if (failed(func.insertArgument(/*argIndex=*/0,
                                 LLVM::LLVMPointerType::get(context), attrs,
                                 func.getLoc())))
    return failure();
  return func.getArgument(0);
}

namespace {
struct AddExecContextPass : kiln::impl::AddExecContextBase<AddExecContextPass> {
  using Base::Base;

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isPrivate() || func.isExternal())
        continue;
      if (failed(kiln::addExecContextArgument(func))) {
        func.emitError("cannot add the execution context argument");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
