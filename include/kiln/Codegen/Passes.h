//===- Passes.h - Kiln code generation passes -------------------*- C++ -*-===//

#ifndef KILN_CODEGEN_PASSES_H
#define KILN_CODEGEN_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace affine {
class AffineDialect;
} // namespace affine
namespace arith {
class ArithDialect;
} // namespace arith
namespace bufferization {
class BufferizationDialect;
} // namespace bufferization
namespace func {
class FuncDialect;
} // namespace func
namespace LLVM {
class LLVMDialect;
} // namespace LLVM
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace func {
class FuncOp;
} // namespace func
namespace math {
class MathDialect;
} // namespace math
namespace memref {
class MemRefDialect;
} // namespace memref
namespace scf {
class SCFDialect;
} // namespace scf
namespace tensor {
class TensorDialect;
} // namespace tensor
namespace ub {
class UBDialect;
} // namespace ub
namespace vector {
class VectorDialect;
} // namespace vector
} // namespace mlir

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "kiln/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Codegen/Passes.h.inc"

/// Debug names of upstream canonicalization patterns that miscompile in the
/// IR Kiln's CPU pipeline produces (see Canonicalize.cpp); Kiln's pattern
/// applications and canonicalizer passes leave them out.
ArrayRef<std::string> getUnsafeCanonicalizationPatterns();

/// The canonicalizer without getUnsafeCanonicalizationPatterns(). Without
/// `simplifyRegions` it leaves the regions' control flow alone (no block
/// merging, no dead block arguments or unreachable blocks erased): the code
/// generation stages, whose functions are large and whose LLVM IR came out
/// identical without it on the five benchmark models, save 0.3 s of
/// ShuffleNetV2's compile.
std::unique_ptr<Pass> createSafeCanonicalizerPass(bool simplifyRegions = true);

} // namespace mlir::kiln

#endif // KILN_CODEGEN_PASSES_H
