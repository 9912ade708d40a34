//===- Passes.h - Kiln GPU code generation passes ---------------*- C++ -*-===//

#ifndef KILN_CODEGEN_GPU_PASSES_H
#define KILN_CODEGEN_GPU_PASSES_H

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
namespace cf {
class ControlFlowDialect;
} // namespace cf
namespace func {
class FuncOp;
} // namespace func
namespace gpu {
class GPUDialect;
} // namespace gpu
namespace LLVM {
class LLVMDialect;
} // namespace LLVM
namespace math {
class MathDialect;
} // namespace math
namespace memref {
class MemRefDialect;
} // namespace memref
namespace NVVM {
class NVVMDialect;
} // namespace NVVM
namespace nvgpu {
class NVGPUDialect;
} // namespace nvgpu
namespace scf {
class SCFDialect;
} // namespace scf
namespace vector {
class VectorDialect;
} // namespace vector
} // namespace mlir

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "kiln/Codegen/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Codegen/GPU/Passes.h.inc"

/// The module attribute that lists the kernel names of a GPU model, in the
/// order of their kernel indices.
inline constexpr const char *kGpuKernelsAttr = "kiln.gpu_kernels";

/// The module attribute that lists the weights the runtime uploads to the
/// device (kiln-gpu-upload-weights): an array of [device global name, host
/// global symbol] pairs.
inline constexpr const char *kGpuWeightsAttr = "kiln.gpu_weights";

} // namespace mlir::kiln

#endif // KILN_CODEGEN_GPU_PASSES_H
