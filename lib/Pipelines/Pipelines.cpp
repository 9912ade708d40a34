//===- Pipelines.cpp - Kiln's named pass pipelines ------------------------===//

#include "kiln/Pipelines/Pipelines.h"

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/PlanArena.h"
#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/TargetParser/Host.h"

#include <limits>

using namespace mlir;
using namespace mlir::kiln;

void mlir::kiln::buildGraphPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createSafeCanonicalizerPass());
  funcPm.addPass(createCSEPass());
  funcPm.addPass(createRecognizePatterns());
  funcPm.addPass(createFoldBatchNorm());
  funcPm.addPass(createFoldShuffles());
  funcPm.addPass(createFoldGates());
  funcPm.addPass(createRecognizeRope());
  funcPm.addPass(createFuseAttention());
  funcPm.addPass(createSafeCanonicalizerPass());
}

void mlir::kiln::buildKilnToLinalgPipeline(OpPassManager &pm) {
  buildGraphPipeline(pm);
  addKilnToLinalgStage(pm);
}

void mlir::kiln::addKilnToLinalgStage(OpPassManager &pm) {
  // kiln -> linalg on tensors, fused elementwise chains.
  pm.addNestedPass<func::FuncOp>(createConvertKilnToLinalg());
  pm.addNestedPass<func::FuncOp>(createFuseElementwise());
  pm.addPass(createSafeCanonicalizerPass());
  pm.addPass(createCSEPass());
}

//===----------------------------------------------------------------------===//
// Stages of the CPU pipeline
//===----------------------------------------------------------------------===//

// Passes that transform one function at a time run nested on the functions
// (func.func, and llvm.func after the conversion of functions): MLIR then runs
// them on the functions in parallel, and adjacent nested passes run as one
// pipeline per function. The module-level ones (bufferization across calls,
// the conversions that add declarations or convert signatures, outlining)
// stay on the module.

/// Canonicalization and CSE of every function.
static void addFunctionCleanup(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(
      createSafeCanonicalizerPass(/*simplifyRegions=*/false));
  pm.addNestedPass<func::FuncOp>(createCSEPass());
}

/// Width of the host CPU's vector registers: 512 with AVX-512, 256 with AVX,
/// 128 otherwise.
static int64_t getHostVectorBits() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return 512;
  if (features.lookup("avx"))
    return 256;
  return 128;
}

/// The vector width the CPU pipeline generates code for.
static int64_t getVectorBits(const CPUPipelineOptions &options) {
  return options.vectorBits > 0 ? options.vectorBits : getHostVectorBits();
}

/// The largest filter panel (KiB) of kiln-conv-channel-vectors, which
/// kiln-deinterleave-strided-convs must know too: half the L2 cache, or the
/// passes' default without `l2-cache-kib`. A negative size stays negative,
/// for the passes to reject.
static std::optional<int64_t>
getChannelVectorMaxPanelKiB(const CPUPipelineOptions &options) {
  if (options.l2CacheKiB == 0)
    return std::nullopt;
  return llvm::divideFloorSigned(int64_t(options.l2CacheKiB), int64_t(2));
}

/// Tiles for threads and registers with producers fused into them, then
/// vectors, all on tensors.
static void addTileAndVectorizeStage(OpPassManager &pm,
                                     const CPUPipelineOptions &options) {
  if (!options.tile)
    return;
  TileAndFuseOptions tiling;
  tiling.minParallelWork = options.minParallelWork;
  tiling.vectorBits = getVectorBits(options);
  if (options.l2CacheKiB != 0)
    tiling.l2CacheKiB = options.l2CacheKiB;
  if (options.convChannelVectors) {
    ConvChannelVectorsOptions channelVectors;
    channelVectors.vectorBits = tiling.vectorBits;
    if (std::optional<int64_t> kib = getChannelVectorMaxPanelKiB(options))
      channelVectors.maxPanelKiB = *kib;
    pm.addNestedPass<func::FuncOp>(createConvChannelVectors(channelVectors));
  }
  WidenConvRowsOptions widening;
  widening.vectorBits = tiling.vectorBits;
  pm.addNestedPass<func::FuncOp>(createWidenConvRows(widening));
  PackWeightsOptions packing;
  packing.vectorBits = tiling.vectorBits;
  pm.addNestedPass<func::FuncOp>(createPackWeights(packing));
  AlignContractionRowsOptions aligning;
  aligning.vectorBits = tiling.vectorBits;
  pm.addNestedPass<func::FuncOp>(createAlignContractionRows(aligning));
  pm.addNestedPass<func::FuncOp>(createTileAndFuse(tiling));
  addFunctionCleanup(pm);
  if (!options.vectorize)
    return;
  VectorizeOptions vectorizing;
  vectorizing.depthwiseVersionedMinPixels = options.depthwiseVersionedMinPixels;
  pm.addNestedPass<func::FuncOp>(createVectorize(vectorizing));
  // Masked transfers become transfers with a mask operand: no vector.mask
  // regions are left for bufferization and deallocation to walk into.
  pm.addNestedPass<func::FuncOp>(vector::createLowerVectorMaskPass());
  addFunctionCleanup(pm);
}

/// Tensors -> buffers. Results become caller-provided out-parameters and the
/// allocation of each result is replaced by its out-parameter (each returned
/// tensor must then be a value of its own).
static void addBufferizationStage(OpPassManager &pm,
                                  const CPUPipelineOptions &options) {
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // After empty-tensor elimination: a linalg.copy is a subset insertion, and
  // the elimination would build the repeated result inside the destination of
  // its copy, making the two results one buffer again.
  pm.addNestedPass<func::FuncOp>(createDistinctResults());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Tile loops pass their buffer through iter_args; folding those makes the
  // returned buffer the allocation itself, which the out-parameter replaces.
  pm.addNestedPass<func::FuncOp>(
      createSafeCanonicalizerPass(/*simplifyRegions=*/false));
  pm.addNestedPass<func::FuncOp>(createReturnReshapedAllocs());
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  addFunctionCleanup(pm);
  // Intermediates in the runtime's arena (before deallocation: views of an
  // argument are not freed).
  if (options.arena)
    pm.addPass(createPlanArenaPass());
  pm.addPass(createFreeBuffers());
  pm.addNestedPass<func::FuncOp>(createPrefetchBlocks());
}

/// Outer tile loops call ctx->parallel_for (or run serially).
static void addThreadStage(OpPassManager &pm,
                           const CPUPipelineOptions &options) {
  ForallToParallelForOptions threads;
  threads.minIterations =
      options.parallel ? 2 : std::numeric_limits<int64_t>::max();
  pm.addPass(createForallToParallelFor(threads));
}

/// What was not vectorized becomes scalar loops; copies between strided
/// views become loops too (no runner-library calls).
static void addScalarLoopStage(OpPassManager &pm,
                               const CPUPipelineOptions &options) {
  pm.addPass(createCopiesToLoops());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  if (options.approximateMath)
    pm.addPass(createApproximateMath());
}

/// n-D vectors -> 1-D vectors: multi-reductions, and transfers fully
/// unrolled (unrolling into loops keeps n-D temporaries on the stack).
static void addVectorLoweringStage(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(createLowerMultiReductions());
  VectorTransferToSCFOptions transfers;
  transfers.enableFullUnroll();
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass(transfers));
  pm.addNestedPass<func::FuncOp>(
      createSafeCanonicalizerPass(/*simplifyRegions=*/false));
}

/// Everything -> the LLVM dialect, with bare-pointer function arguments.
void mlir::kiln::addLLVMStage(OpPassManager &pm, bool perFunction) {
  // A pass of one function at a time, nested on the functions or run on the
  // whole module (kernels in a gpu.module included).
  auto addFunctionPass = [&](std::unique_ptr<Pass> pass) {
    if (perFunction)
      pm.addNestedPass<func::FuncOp>(std::move(pass));
    else
      pm.addPass(std::move(pass));
  };
  addFunctionPass(memref::createExpandStridedMetadataPass());
  addFunctionPass(createLowerAffinePass());
  addFunctionPass(createSCFToControlFlowPass());
  // Contractions as outer products (one FMA per accumulator row), then 1-D
  // vectors to LLVM vectors.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  vectorToLLVM.reassociateFPReductions = true;
  addFunctionPass(createConvertVectorToLLVMPass(vectorToLLVM));
  // LLVM intrinsics where they exist (fma, sqrt, ...), libm for the rest.
  addFunctionPass(createConvertMathToLLVMPass());
  pm.addPass(createMathToLibm());
  // bf16 arithmetic in f32 and bf16 conversions as integer arithmetic: the
  // x86 back end would otherwise call compiler-rt helpers for them.
  arith::ArithEmulateUnsupportedFloatsOptions emulate;
  emulate.sourceTypeStrs = {"bf16"};
  emulate.targetTypeStr = "f32";
  addFunctionPass(arith::createArithEmulateUnsupportedFloats(emulate));
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  addFunctionPass(arith::createArithExpandOpsPass(expand));
  addFunctionPass(createUBToLLVMConversionPass());
  addFunctionPass(createArithToLLVMConversionPass());
  addFunctionPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (perFunction) {
    pm.addNestedPass<LLVM::LLVMFuncOp>(createReconcileUnrealizedCastsPass());
    pm.addNestedPass<LLVM::LLVMFuncOp>(
        createSafeCanonicalizerPass(/*simplifyRegions=*/false));
  } else {
    pm.addPass(createReconcileUnrealizedCastsPass());
    pm.addPass(createSafeCanonicalizerPass());
  }
  pm.addPass(createFlattenLLVMGlobals());
  pm.addPass(createLLVMLoopAnnotations());
}

//===----------------------------------------------------------------------===//
// Named pipelines
//===----------------------------------------------------------------------===//

void mlir::kiln::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                           const CPUPipelineOptions &options) {
  // The runtime's execution context becomes argument 0 of the model.
  pm.addPass(createAddExecContext());
  addTileAndVectorizeStage(pm, options);
  addBufferizationStage(pm, options);
  addThreadStage(pm, options);
  addScalarLoopStage(pm, options);
  addVectorLoweringStage(pm);
  addLLVMStage(pm, /*perFunction=*/true);
}

void mlir::kiln::buildCPUPipeline(OpPassManager &pm,
                                  const CPUPipelineOptions &options) {
  buildGraphPipeline(pm);
  // While kiln ops are still present: attention as one flash-style kernel.
  if (options.flashAttention) {
    CpuFlashAttentionOptions flash;
    flash.vectorBits = getVectorBits(options);
    pm.addNestedPass<func::FuncOp>(createCpuFlashAttention(flash));
  }
  if (options.tile && options.winograd) {
    WinogradConvsOptions winograd;
    winograd.vectorBits = getVectorBits(options);
    pm.addNestedPass<func::FuncOp>(createWinogradConvs(winograd));
  }
  if (options.tile) {
    DeinterleaveStridedConvsOptions deinterleaving;
    if (options.convChannelVectors) {
      deinterleaving.channelVectorBits = getVectorBits(options);
      if (std::optional<int64_t> kib = getChannelVectorMaxPanelKiB(options))
        deinterleaving.channelVectorMaxPanelKiB = *kib;
    }
    pm.addNestedPass<func::FuncOp>(
        createDeinterleaveStridedConvs(deinterleaving));
  }
  addKilnToLinalgStage(pm);
  buildLinalgToLLVMPipeline(pm, options);
}

void mlir::kiln::registerPipelines() {
  PassPipelineRegistration<>(
      "kiln-graph-pipeline",
      "Graph-level optimization of kiln IR (folding, canonicalization, CSE)",
      [](OpPassManager &pm) { buildGraphPipeline(pm); });
  PassPipelineRegistration<CPUPipelineOptions>(
      "kiln-cpu-pipeline",
      "Lower kiln functions on tensors to the LLVM dialect for the host CPU",
      buildCPUPipeline);
}
