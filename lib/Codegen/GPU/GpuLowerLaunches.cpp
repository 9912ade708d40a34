//===- GpuLowerLaunches.cpp - gpu.launch_func through kiln_gpu_api_t ------===//
//
// The host side of a GPU model launches its kernels through the runtime:
// `ctx->gpu->launch(ctx, kernel, gx, gy, gz, bx, by, bz, shared, args)`
// (runtime/include/kiln/runtime/kiln_abi.h), with `args` an array of pointers
// to the parameter values, as cuLaunchKernel takes them.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPULOWERLAUNCHES
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct GpuLowerLaunchesPass
    : kiln::impl::GpuLowerLaunchesBase<GpuLowerLaunchesPass> {
  using Base::Base;

  LogicalResult lowerFunction(func::FuncOp func,
                              const llvm::StringMap<unsigned> &kernelIndex) {
    SmallVector<gpu::LaunchFuncOp> launches;
    func.walk([&](gpu::LaunchFuncOp launch) { launches.push_back(launch); });
    if (launches.empty())
      return success();
    if (func.getNumResults() != 0)
      return func.emitError("a function that launches kernels must return "
                            "its results through out-parameters");
    if (!func.getBody().hasOneBlock())
      return func.emitError("a function that launches kernels must have one "
                            "block");
    for (gpu::LaunchFuncOp launch : launches)
      if (launch->getBlock() != &func.getBody().front())
        return launch.emitError("kernels must be launched from the top level "
                                "of the function");

    MLIRContext *context = func.getContext();
    Location loc = func.getLoc();
    auto ptrType = LLVM::LLVMPointerType::get(context);
    auto i32 = IntegerType::get(context, 32);
    auto i64 = IntegerType::get(context, 64);

    // void f(...) -> i32 f(ctx, ...).
    if (failed(func.insertArgument(0, ptrType, {}, loc)))
      return failure();
    func.setType(FunctionType::get(context, func.getArgumentTypes(), {i32}));
    Value ctx = func.getArgument(0);
    Block *entry = &func.getBody().front();
    OpBuilder builder(context);
    func.walk([&](func::ReturnOp ret) {
      builder.setInsertionPoint(ret);
      Value zero = arith::ConstantIntOp::create(builder, ret.getLoc(), 0, 32);
      func::ReturnOp::create(builder, ret.getLoc(), ValueRange{zero});
      ret.erase();
    });

    // A failed launch returns its status.
    Block *failBlock = builder.createBlock(&func.getBody(),
                                           func.getBody().end(), {i32}, {loc});
    func::ReturnOp::create(builder, loc, failBlock->getArgument(0));

    // launch = ctx->gpu->launch; kiln_exec_ctx_t is {u32, u32, ptr, ptr, ptr}
    // and kiln_gpu_api_t {u32, u32, ptr launch, ptr alloc, ptr free}.
    builder.setInsertionPointToStart(entry);
    auto structType = LLVM::LLVMStructType::getLiteral(
        context, {i32, i32, ptrType, ptrType, ptrType});
    Value gpuSlot = LLVM::GEPOp::create(builder, loc, ptrType, structType, ctx,
                                        ArrayRef<LLVM::GEPArg>{0, 4});
    Value gpuApi = LLVM::LoadOp::create(builder, loc, ptrType, gpuSlot);
    Value launchSlot =
        LLVM::GEPOp::create(builder, loc, ptrType, structType, gpuApi,
                            ArrayRef<LLVM::GEPArg>{0, 2});
    Value launchFn = LLVM::LoadOp::create(builder, loc, ptrType, launchSlot);
    Value one = LLVM::ConstantOp::create(builder, loc, i64,
                                         builder.getI64IntegerAttr(1));
    Block::iterator allocaPoint = builder.getInsertionPoint();
    auto launchType = LLVM::LLVMFunctionType::get(
        i32, {ptrType, i32, i32, i32, i32, i32, i32, i32, i32, ptrType});

    for (gpu::LaunchFuncOp launch : launches) {
      Location launchLoc = launch.getLoc();
      auto found = kernelIndex.find(launch.getKernelName().getValue());
      if (found == kernelIndex.end())
        return launch.emitError()
               << "kernel '" << launch.getKernelName() << "' is not listed in "
               << kiln::kGpuKernelsAttr;

      // One stack slot per parameter, allocated in the entry block.
      SmallVector<Value> values;
      builder.setInsertionPoint(launch);
      for (Value operand : launch.getKernelOperands()) {
        Type type = operand.getType();
        if (isa<MemRefType>(type)) {
          Value address = memref::ExtractAlignedPointerAsIndexOp::create(
              builder, launchLoc, operand);
          Value integer =
              arith::IndexCastUIOp::create(builder, launchLoc, i64, address);
          values.push_back(
              LLVM::IntToPtrOp::create(builder, launchLoc, ptrType, integer));
        } else if (type.isIndex()) {
          values.push_back(
              arith::IndexCastOp::create(builder, launchLoc, i64, operand));
        } else if (type.isIntOrFloat()) {
          values.push_back(operand);
        } else {
          return launch.emitError()
                 << "cannot pass a kernel parameter of type " << type;
        }
      }
      SmallVector<Value> slots;
      builder.setInsertionPoint(entry, allocaPoint);
      for (Value value : values)
        slots.push_back(LLVM::AllocaOp::create(builder, launchLoc, ptrType,
                                               value.getType(), one));
      Value args;
      auto arrayType = LLVM::LLVMArrayType::get(ptrType, slots.size());
      if (!slots.empty())
        args =
            LLVM::AllocaOp::create(builder, launchLoc, ptrType, arrayType, one);

      builder.setInsertionPoint(launch);
      for (auto [i, value, slot] : llvm::enumerate(values, slots)) {
        LLVM::StoreOp::create(builder, launchLoc, value, slot);
        Value element = LLVM::GEPOp::create(
            builder, launchLoc, ptrType, arrayType, args,
            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
        LLVM::StoreOp::create(builder, launchLoc, slot, element);
      }
      if (!args)
        args = LLVM::ZeroOp::create(builder, launchLoc, ptrType);

      auto toI32 = [&](Value index) -> Value {
        return arith::IndexCastOp::create(builder, launchLoc, i32, index);
      };
      gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
      gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
      Value kernel =
          arith::ConstantIntOp::create(builder, launchLoc, found->second, 32);
      Value shared = launch.getDynamicSharedMemorySize();
      if (!shared)
        shared = arith::ConstantIntOp::create(builder, launchLoc, 0, 32);
      SmallVector<Value> callArgs = {launchFn,
                                     ctx,
                                     kernel,
                                     toI32(grid.x),
                                     toI32(grid.y),
                                     toI32(grid.z),
                                     toI32(block.x),
                                     toI32(block.y),
                                     toI32(block.z),
                                     shared,
                                     args};
      Value status =
          LLVM::CallOp::create(builder, launchLoc, launchType, callArgs)
              .getResult();

      // if (status != 0) return status;
      Block *before = launch->getBlock();
      Block *after = before->splitBlock(launch->getNextNode());
      builder.setInsertionPointToEnd(before);
      Value zero = arith::ConstantIntOp::create(builder, launchLoc, 0, 32);
      Value ok = arith::CmpIOp::create(builder, launchLoc,
                                       arith::CmpIPredicate::eq, status, zero);
      cf::CondBranchOp::create(builder, launchLoc, ok, after, ValueRange{},
                               failBlock, ValueRange{status});
      launch.erase();
    }
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::StringMap<unsigned> kernelIndex;
    if (auto names = module->getAttrOfType<ArrayAttr>(kiln::kGpuKernelsAttr))
      for (auto [i, name] : llvm::enumerate(names))
        if (auto string = dyn_cast<StringAttr>(name))
          kernelIndex[string.getValue()] = i;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isDeclaration())
        continue;
      if (failed(lowerFunction(func, kernelIndex)))
        return signalPassFailure();
    }
  }
};
} // namespace
