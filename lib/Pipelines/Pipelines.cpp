//===- Pipelines.cpp - Kiln's named pass pipelines ------------------------===//

#include "kiln/Pipelines/Pipelines.h"

#include "kiln/Codegen/Passes.h"
#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::kiln::buildGraphPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
  funcPm.addPass(createRecognizePatterns());
  funcPm.addPass(createFoldBatchNorm());
  funcPm.addPass(createRecognizeRope());
  funcPm.addPass(createFuseAttention());
  funcPm.addPass(createCanonicalizerPass());
}

void mlir::kiln::buildKilnToLinalgPipeline(OpPassManager &pm) {
  buildGraphPipeline(pm);

  // kiln -> linalg on tensors, fused elementwise chains.
  pm.addNestedPass<func::FuncOp>(createConvertKilnToLinalg());
  pm.addNestedPass<func::FuncOp>(createFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::kiln::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                           const CPUPipelineOptions &options) {
  // Tensors -> buffers. Results become caller-provided out-parameters and
  // the allocation of each result is replaced by its out-parameter (each
  // returned tensor must then be a value of its own).
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
  bufferization::buildBufferDeallocationPipeline(pm);

  // Buffers -> loops -> LLVM.
  pm.addPass(createCopiesToLoops());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  if (options.approximateMath)
    pm.addPass(createApproximateMath());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  // LLVM intrinsics where they exist (fma, sqrt, ...), libm for the rest.
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // bf16 arithmetic in f32 and bf16 conversions as integer arithmetic: the
  // x86 back end would otherwise call compiler-rt helpers for them.
  arith::ArithEmulateUnsupportedFloatsOptions emulate;
  emulate.sourceTypeStrs = {"bf16"};
  emulate.targetTypeStr = "f32";
  pm.addPass(arith::createArithEmulateUnsupportedFloats(emulate));
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createFlattenLLVMGlobals());
}

void mlir::kiln::buildCPUPipeline(OpPassManager &pm,
                                  const CPUPipelineOptions &options) {
  buildKilnToLinalgPipeline(pm);
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
