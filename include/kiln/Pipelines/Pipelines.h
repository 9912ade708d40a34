//===- Pipelines.h - Kiln's named pass pipelines ----------------*- C++ -*-===//

#ifndef KILN_PIPELINES_PIPELINES_H
#define KILN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::kiln {

/// Options of the CPU code generation pipeline.
struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Evaluate exp, log, tanh, erf, ... with polynomial "
                     "approximations instead of libm calls"),
      llvm::cl::init(true)};
};

/// Graph-level optimization of kiln IR: folding, canonicalization,
/// common-subexpression elimination, batch norms folded into convolutions.
void buildGraphPipeline(OpPassManager &pm);

/// Graph passes, then kiln -> linalg on tensors with elementwise fusion.
void buildKilnToLinalgPipeline(OpPassManager &pm);

/// Bufferizes linalg on tensors and lowers it to the LLVM dialect for the
/// host CPU (the second half of the CPU pipeline).
void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const CPUPipelineOptions &options);

/// Lowers a module of kiln functions on tensors to the LLVM dialect for the
/// host CPU: buildKilnToLinalgPipeline then buildLinalgToLLVMPipeline. Public functions keep their names; tensor results become
/// out-parameters and every memref argument becomes a bare pointer, so a
/// function `(tensor<A>, tensor<B>) -> tensor<C>` ends up as
/// `void f(ptr a, ptr b, ptr c)`.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Registers the named pipelines (`--kiln-graph-pipeline`,
/// `--kiln-cpu-pipeline`).
void registerPipelines();

} // namespace mlir::kiln

#endif // KILN_PIPELINES_PIPELINES_H
