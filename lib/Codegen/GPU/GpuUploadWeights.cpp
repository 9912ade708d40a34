//===- GpuUploadWeights.cpp - Weights as host data, uploaded at load ------===//
//
// An initialized device global puts its bytes into the PTX (as decimal text,
// about four characters per byte) and again into the cubin: ShuffleNetV2's
// 9 MB of weights made a 51 MB model. Here the data moves to the host module
// and the device keeps an uninitialized global of the same size, which the
// runtime fills once when it loads the model (kiln_abi.h, gpu_weights).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <cstring>

namespace mlir::kiln {
#define GEN_PASS_DEF_GPUUPLOADWEIGHTS
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// The global whose address `pointer` is derived from by GEPs and casts, or
/// null.
static LLVM::AddressOfOp getBaseGlobal(Value pointer) {
  while (Operation *def = pointer.getDefiningOp()) {
    if (auto address = dyn_cast<LLVM::AddressOfOp>(def))
      return address;
    if (auto gep = dyn_cast<LLVM::GEPOp>(def))
      pointer = gep.getBase();
    else if (auto cast = dyn_cast<LLVM::AddrSpaceCastOp>(def))
      pointer = cast.getArg();
    else if (auto cast = dyn_cast<LLVM::BitcastOp>(def))
      pointer = cast.getArg();
    else
      return nullptr;
  }
  return nullptr;
}

/// Whether every element of `elements` has the same value: LLVM folds the
/// loads from such a global into the code (and drops the global).
static bool isUniform(ElementsAttr elements) {
  if (elements.isSplat())
    return true;
  auto resource = dyn_cast<DenseResourceElementsAttr>(elements);
  if (!resource)
    return false;
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return false;
  ArrayRef<char> data = blob->getData();
  size_t count = elements.getNumElements();
  if (count == 0 || data.size() % count != 0)
    return false;
  size_t width = data.size() / count;
  for (size_t offset = width; offset < data.size(); offset += width)
    if (std::memcmp(data.data(), data.data() + offset, width) != 0)
      return false;
  return true;
}

/// Whether the device global `global` holds weights to upload: a constant
/// with a non-empty elements initializer, unless its elements are all equal
/// and it has at most `keepUniformBytes` bytes.
static bool isUploadable(LLVM::GlobalOp global, uint64_t keepUniformBytes) {
  auto elements = dyn_cast_or_null<ElementsAttr>(global.getValueOrNull());
  if (!global.getConstant() || !elements || elements.getNumElements() == 0)
    return false;
  Type type = elements.getElementType();
  uint64_t bits = type.isIntOrFloat() ? type.getIntOrFloatBitWidth() : 64;
  uint64_t bytes = elements.getNumElements() * ((bits + 7) / 8);
  return bytes > keepUniformBytes || !isUniform(elements);
}

namespace {
struct GpuUploadWeightsPass
    : kiln::impl::GpuUploadWeightsBase<GpuUploadWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    SymbolTable hostTable(module);
    OpBuilder builder(context);

    // Host globals the data may already be in (the host reads a weight too).
    llvm::DenseMap<std::pair<Attribute, Type>, LLVM::GlobalOp> hostData;
    for (auto global : module.getOps<LLVM::GlobalOp>())
      if (global.getConstant() && global.getValueOrNull())
        hostData.try_emplace({global.getValueOrNull(), global.getGlobalType()},
                             global);

    SmallVector<Attribute> weights;
    unsigned next = 0;
    for (auto device : module.getOps<gpu::GPUModuleOp>()) {
      SymbolTable deviceTable(device);
      llvm::StringSet<> uploaded;
      for (auto global :
           llvm::make_early_inc_range(device.getOps<LLVM::GlobalOp>())) {
        if (!isUploadable(global, keepUniformBytes))
          continue;
        // The data, in the host module.
        Attribute value = global.getValueOrNull();
        LLVM::GlobalOp &host = hostData[{value, global.getGlobalType()}];
        if (!host) {
          host = cast<LLVM::GlobalOp>(global->clone());
          host.setSymName(("kiln.weight." + Twine(weights.size())).str());
          host.setLinkage(LLVM::Linkage::Private);
          host.setAddrSpace(0);
          hostTable.insert(host, module.getBody()->begin());
        }

        // The device global: a name the runtime can look up (PTX
        // identifiers have no dots), visible, mutable, zero-initialized
        // (PTX and cubin carry no data for it).
        std::string name;
        do
          name = "kiln_weight_" + std::to_string(next++);
        while (deviceTable.lookup(name) || hostTable.lookup(name));
        StringAttr nameAttr = StringAttr::get(context, name);
        if (failed(deviceTable.rename(global, nameAttr))) {
          global.emitError("cannot rename the device global to ") << name;
          return signalPassFailure();
        }
        global.removeValueAttr();
        global.setConstant(false);
        global.setLinkage(LLVM::Linkage::External);
        global.removeUnnamedAddrAttr();
        builder.createBlock(&global.getInitializerRegion());
        Value zero = LLVM::ZeroOp::create(builder, global.getLoc(),
                                          global.getGlobalType());
        LLVM::ReturnOp::create(builder, global.getLoc(), zero);

        uploaded.insert(name);
        weights.push_back(ArrayAttr::get(
            context,
            {nameAttr, FlatSymbolRefAttr::get(host.getSymNameAttr())}));
      }

      // Kernels never write weights: their loads may use the read-only data
      // path (ld.global.nc), as they did from constant globals.
      device.walk([&](LLVM::LoadOp load) {
        if (LLVM::AddressOfOp base = getBaseGlobal(load.getAddr()))
          if (uploaded.contains(base.getGlobalName()))
            load.setInvariant(true);
      });
    }
    if (!weights.empty())
      module->setAttr(kiln::kGpuWeightsAttr, ArrayAttr::get(context, weights));

    // Private host globals nothing uses any more, and that hold no uploaded
    // data: the host copy of a weight that only the kernels read (the host
    // code that reshaped it before the kernels were outlined is gone). The
    // shared object would otherwise carry the weight twice (4.5 MB more for
    // ShuffleNetV2, whose pointwise filters kernels read reshaped).
    llvm::StringSet<> sources;
    for (Attribute pair : weights)
      sources.insert(cast<FlatSymbolRefAttr>(cast<ArrayAttr>(pair)[1])
                         .getValue());
    for (auto global :
         llvm::make_early_inc_range(module.getOps<LLVM::GlobalOp>()))
      if (global.getLinkage() == LLVM::Linkage::Private &&
          !sources.contains(global.getSymName()) &&
          SymbolTable::symbolKnownUseEmpty(global, module))
        global.erase();
  }
};
} // namespace
