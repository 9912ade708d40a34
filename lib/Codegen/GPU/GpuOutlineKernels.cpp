//===- GpuOutlineKernels.cpp - gpu.launch bodies into one gpu.module ------===//
//
// Upstream gpu-kernel-outlining makes one gpu.module per kernel, and so one
// device image per kernel with its own copy of every weight it reads. A Kiln
// model is one image: every kernel goes into `gpu.module @kiln_kernels`.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/GPU/Utils/GPUUtils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPUOUTLINEKERNELS
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Ops worth recomputing inside a kernel rather than passing their results:
/// constants, globals, and views of buffers the kernel receives anyway.
static bool isSinkingBeneficiary(Operation *op) {
  return isa<arith::ConstantOp, memref::GetGlobalOp, memref::SubViewOp,
             memref::ExpandShapeOp, memref::CollapseShapeOp, memref::CastOp,
             memref::ReinterpretCastOp>(op);
}

namespace {
struct GpuOutlineKernelsPass
    : kiln::impl::GpuOutlineKernelsBase<GpuOutlineKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    SmallVector<gpu::LaunchOp> launches;
    module.walk([&](gpu::LaunchOp launch) { launches.push_back(launch); });

    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    UnitAttr::get(context));
    OpBuilder builder(context);
    builder.setInsertionPointToEnd(module.getBody());
    auto kernels =
        gpu::GPUModuleOp::create(builder, module.getLoc(), "kiln_kernels");
    SymbolTable moduleTable(module);
    SymbolTable kernelTable(kernels);

    for (auto [index, launchOp] : llvm::enumerate(launches)) {
      gpu::LaunchOp launch = launchOp;
      auto func = launch->getParentOfType<FunctionOpInterface>();
      std::string kind = "kernel";
      if (auto attr = launch->getAttrOfType<StringAttr>("kiln.kernel_kind"))
        kind = attr.str();
      std::string name = ((func ? func.getName() : StringRef("model")) + "_" +
                          Twine(index) + "_" + kind)
                             .str();
      if (failed(sinkOperationsIntoLaunchOp(launch, isSinkingBeneficiary))) {
        launch.emitError("cannot sink values into the kernel");
        return signalPassFailure();
      }
      SmallVector<Value> operands;
      gpu::GPUFuncOp kernel = outlineKernelFunc(launch, name, operands);
      kernelTable.insert(kernel);
      // Shared-memory buffers are accessed 16 bytes at a time (vector
      // stores, ldmatrix rows).
      for (unsigned i = 0, e = kernel.getNumWorkgroupAttributions(); i < e;
           ++i)
        kernel.setWorkgroupAttributionAttr(
            i, LLVM::LLVMDialect::getAlignAttrName(),
            IntegerAttr::get(IntegerType::get(kernel.getContext(), 64), 16));

      // Kernels reference no host symbol other than constant globals.
      WalkResult symbols = kernel.walk([&](Operation *op) {
        if (isa<memref::GetGlobalOp>(op) || op == kernel)
          return WalkResult::advance();
        for (NamedAttribute attr : op->getAttrs()) {
          auto ref = dyn_cast<SymbolRefAttr>(attr.getValue());
          if (!ref)
            continue;
          launch.emitError() << "kernel '" << name << "' uses '" << ref
                             << "' (in '" << op->getName()
                             << "'); the GPU pipeline cannot lower calls or "
                                "other symbols than constant globals in "
                                "kernels";
          return WalkResult::interrupt();
        }
        return WalkResult::advance();
      });
      if (symbols.wasInterrupted())
        return signalPassFailure();

      // The weights the kernel reads live in the device module.
      WalkResult walk = kernel.walk([&](memref::GetGlobalOp get) {
        if (kernelTable.lookup(get.getName()))
          return WalkResult::advance();
        auto global = moduleTable.lookup<memref::GlobalOp>(get.getName());
        if (!global) {
          get.emitError() << "global '" << get.getName() << "' not found";
          return WalkResult::interrupt();
        }
        if (!global.getConstant()) {
          get.emitError() << "the GPU pipeline supports only constant "
                             "globals, '"
                          << get.getName() << "' is mutable";
          return WalkResult::interrupt();
        }
        auto copy = cast<memref::GlobalOp>(global->clone());
        kernelTable.insert(copy, kernels.getBody()->begin());
        return WalkResult::advance();
      });
      if (walk.wasInterrupted())
        return signalPassFailure();

      builder.setInsertionPoint(launch);
      gpu::LaunchFuncOp::create(builder, launch.getLoc(), kernel,
                                launch.getGridSizeOperandValues(),
                                launch.getBlockSizeOperandValues(),
                                launch.getDynamicSharedMemorySize(), operands);
      launch.erase();
    }

    // What was sunk into kernels is dead on the host, and so are globals
    // only kernels read.
    for (auto func : module.getOps<FunctionOpInterface>()) {
      SmallVector<Operation *> dead;
      func.walk([&](Operation *op) {
        if (op != func && isOpTriviallyDead(op))
          dead.push_back(op);
      });
      for (Operation *op : llvm::reverse(dead))
        if (isOpTriviallyDead(op))
          op->erase();
    }
    for (auto global :
         llvm::make_early_inc_range(module.getOps<memref::GlobalOp>()))
      if (llvm::all_of(module.getOps<FunctionOpInterface>(),
                       [&](FunctionOpInterface func) {
                         return SymbolTable::symbolKnownUseEmpty(global, func);
                       }))
        global.erase();

    SmallVector<Attribute> names;
    for (auto kernel : kernels.getOps<gpu::GPUFuncOp>())
      if (kernel.isKernel())
        names.push_back(StringAttr::get(context, kernel.getName()));
    module->setAttr(kiln::kGpuKernelsAttr, ArrayAttr::get(context, names));
  }
};
} // namespace
