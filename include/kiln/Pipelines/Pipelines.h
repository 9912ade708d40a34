//===- Pipelines.h - Kiln's named pass pipelines ----------------*- C++ -*-===//

#ifndef KILN_PIPELINES_PIPELINES_H
#define KILN_PIPELINES_PIPELINES_H

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::kiln {

/// Graph-level optimization of kiln IR: folding, canonicalization and
/// common-subexpression elimination.
void buildGraphPipeline(OpPassManager &pm);

/// Registers the named pipelines (`--kiln-graph-pipeline`, ...).
void registerPipelines();

} // namespace mlir::kiln

#endif // KILN_PIPELINES_PIPELINES_H
