//===- InitAll.h - Register everything Kiln's tools use ---------*- C++ -*-===//

#ifndef KILN_INITALL_H
#define KILN_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::kiln {

/// Adds the kiln dialect and the upstream dialects Kiln's pipelines use.
void registerAllDialects(DialectRegistry &registry);

/// Registers Kiln's passes and pipelines and the upstream passes they use.
void registerAllPasses();

} // namespace mlir::kiln

#endif // KILN_INITALL_H
