//===- Pipelines.cpp - Kiln's named pass pipelines ------------------------===//

#include "kiln/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::kiln::buildGraphPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
}

void mlir::kiln::registerPipelines() {
  PassPipelineRegistration<>(
      "kiln-graph-pipeline",
      "Graph-level optimization of kiln IR (folding, canonicalization, CSE)",
      [](OpPassManager &pm) { buildGraphPipeline(pm); });
}
