//===- Transforms.h - Kiln code generation transformations ------*- C++ -*-===//
//
// The functions behind the passes of lib/Codegen/, usable from other passes
// and pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_TRANSFORMS_H
#define KILN_CODEGEN_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

namespace mlir {
class Operation;
namespace func {
class FuncOp;
} // namespace func
namespace scf {
class ForallOp;
} // namespace scf
} // namespace mlir

namespace mlir::kiln {

//===----------------------------------------------------------------------===//
// Execution context and threads
//===----------------------------------------------------------------------===//

/// The argument attribute that marks a function's `const kiln_exec_ctx_t *`.
inline constexpr llvm::StringLiteral kExecContextAttrName = "kiln.exec_ctx";

/// Prepends an `!llvm.ptr {kiln.exec_ctx}` argument to `func` unless it has
/// one already; returns it.
FailureOr<Value> addExecContextArgument(func::FuncOp func);

/// The execution-context argument of `func`, or null when it has none.
Value getExecContext(func::FuncOp func);

/// Replaces `forall` (bufferized, no results, static bounds) by a call of
/// `ctx->parallel_for` over its linearized iteration space, with the body
/// outlined into a new private function of type `kiln_task_fn_t` that is
/// returned. Fails without changing anything when the loop does not qualify
/// (see the kiln-forall-to-parallel-for pass).
FailureOr<func::FuncOp> forallToParallelFor(RewriterBase &rewriter,
                                            scf::ForallOp forall, Value ctx,
                                            int64_t minIterations);

} // namespace mlir::kiln

#endif // KILN_CODEGEN_TRANSFORMS_H
