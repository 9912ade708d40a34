//===- FlattenLLVMGlobals.cpp - Flat array types for constant globals -----===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FLATTENLLVMGLOBALS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
/// The value of a global of type `type` as a flat elements attribute of
/// `count` elements, or null when it is not an elements attribute.
Attribute flatValue(Attribute value, int64_t count) {
  auto elements = dyn_cast_or_null<ElementsAttr>(value);
  if (!elements || elements.getNumElements() != count)
    return {};
  auto flatType = RankedTensorType::get({count}, elements.getElementType());
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense.reshape(flatType);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    return DenseResourceElementsAttr::get(flatType, resource.getRawHandle());
  return {};
}

struct FlattenLLVMGlobalsPass
    : kiln::impl::FlattenLLVMGlobalsBase<FlattenLLVMGlobalsPass> {
  using Base::Base;

  void runOnOperation() override {
    for (auto global : getOperation().getOps<LLVM::GlobalOp>()) {
      auto outer = dyn_cast<LLVM::LLVMArrayType>(global.getGlobalType());
      if (!outer || !isa<LLVM::LLVMArrayType>(outer.getElementType()))
        continue;
      Type element = outer;
      int64_t count = 1;
      while (auto array = dyn_cast<LLVM::LLVMArrayType>(element)) {
        count *= array.getNumElements();
        element = array.getElementType();
      }
      Attribute value = flatValue(global.getValueAttr(), count);
      if (!value)
        continue;
      global.setGlobalType(LLVM::LLVMArrayType::get(element, count));
      global.setValueAttr(value);
    }
  }
};
} // namespace
