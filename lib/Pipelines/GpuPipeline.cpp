//===- GpuPipeline.cpp - Kiln's CUDA pass pipeline ------------------------===//

#include "kiln/Pipelines/GpuPipeline.h"

#include "kiln/Codegen/GPU/Passes.h"
#include "kiln/Codegen/Passes.h"
#include "kiln/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::kiln;

/// Graph passes, kiln -> linalg, bufferization, and every linalg op (or
/// other memory access) in a gpu.launch.
static void buildKernelMapping(OpPassManager &pm,
                               const GPUPipelineOptions &options,
                               bool emulated) {
  buildGraphPipeline(pm);
  // Attention in bf16/f16 becomes one flash kernel on the tensor cores (warp
  // collectives and shared memory: not for the emulator).
  if (!emulated && options.flashAttention) {
    GpuFlashAttentionOptions flash;
    flash.warps = options.flashWarps;
    flash.ropeInElementType = options.flashRopeInElementType;
    pm.addNestedPass<func::FuncOp>(createGpuFlashAttention(flash));
  }
  addKilnToLinalgStage(pm);

  // Tensors -> buffers, as for the CPU: results become out-parameters.
  // Nothing is deallocated: kiln-gpu-arena places every intermediate in the
  // arena.
  pm.addNestedPass<func::FuncOp>(createDistinctResults());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCopiesToLoops());

  // Kernels: one per linalg op, outlined into one device module.
  GpuMapLinalgOptions map;
  map.blockSize = options.blockSize;
  // The emulator runs a block's threads one after the other (barriers cut
  // the kernel into phases, see kiln-gpu-launch-to-loops): it can run the
  // tiled kernels, but no warp-level operations such as mma.sync.
  map.tileContractions = options.tileContractions;
  map.tensorCores = options.tensorCores && !emulated;
  pm.addNestedPass<func::FuncOp>(createGpuMapLinalg(map));
}

void mlir::kiln::buildGPUPipeline(OpPassManager &pm,
                                  const GPUPipelineOptions &options) {
  buildKernelMapping(pm, options, /*emulated=*/false);
  pm.addPass(createGpuOutlineKernels());
  pm.addPass(createGpuArena());

  // Device code -> NVVM.
  GpuNVVMAttachTargetOptions attach;
  attach.chip = options.cudaArch;
  pm.addPass(createGpuNVVMAttachTarget(attach));
  OpPassManager &device = pm.nest<gpu::GPUModuleOp>();
  device.addPass(createLowerAffinePass());
  device.addPass(memref::createExpandStridedMetadataPass());
  device.addPass(createLowerAffinePass());
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());
  device.addPass(createSCFToControlFlowPass());
  if (options.approximateMath)
    device.addPass(createApproximateMath());
  // ldmatrix of the flash kernels.
  device.addPass(createConvertNVGPUToNVVMPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.useBarePtrCallConv = true;
  nvvm.indexBitwidth = 64;
  device.addPass(createConvertGpuOpsToNVVMOps(nvvm));
  // Math that libdevice does not cover (integer abs, bit counts): LLVM
  // intrinsics the NVPTX back end knows.
  device.addPass(createConvertMathToLLVMPass());
  device.addPass(createReconcileUnrealizedCastsPass());
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());

  // Host code: launches through ctx->gpu, then LLVM.
  pm.addPass(createGpuLowerLaunches());
  addLLVMStage(pm);

  // Weights: host data the runtime uploads when it loads the model, not
  // initialized device globals.
  pm.addPass(createGpuUploadWeights());
}

void mlir::kiln::buildGPUEmulatorPipeline(OpPassManager &pm,
                                          const GPUPipelineOptions &options) {
  buildKernelMapping(pm, options, /*emulated=*/true);
  pm.addNestedPass<func::FuncOp>(createGpuLaunchToLoops());
  // The CPU lowering of what is left (loops on buffers); it also frees the
  // intermediates, which the arena holds on the GPU.
  CPUPipelineOptions cpu;
  cpu.approximateMath = options.approximateMath;
  buildLinalgToLLVMPipeline(pm, cpu);
}

void mlir::kiln::registerGPUPipeline() {
  PassPipelineRegistration<GPUPipelineOptions>(
      "kiln-gpu-emulator-pipeline",
      "Lower kiln functions as --kiln-gpu-pipeline maps them to kernels, but "
      "run the kernels as loops on the host CPU (checks the mapping without "
      "a GPU)",
      buildGPUEmulatorPipeline);
  PassPipelineRegistration<GPUPipelineOptions>(
      "kiln-gpu-pipeline",
      "Lower kiln functions on tensors to NVVM kernels in one gpu.module and "
      "host code in the LLVM dialect that launches them through the runtime",
      buildGPUPipeline);
}
