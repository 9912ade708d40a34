//===- CudaTarget.h - Device code of CUDA models ----------------*- C++ -*-===//
//
// The device half of a "cuda" model: the `gpu.module` that kiln-gpu-pipeline
// leaves becomes PTX through LLVM's NVPTX back end, and a cubin through
// ptxas when the CUDA toolkit is installed.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TARGET_CUDATARGET_H
#define KILN_TARGET_CUDATARGET_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::kiln {

/// Checks that `arch` is an NVIDIA architecture the NVPTX back end knows
/// (sm_80, sm_90, sm_90a, ...) and returns its compute capability as
/// major * 10 + minor, or fails with a message in `error`.
FailureOr<unsigned> parseCudaArch(StringRef arch, std::string &error);

/// The CUDA toolkit directory: $CUDA_PATH, $CUDA_HOME, else /usr/local/cuda
/// when it exists; empty when none is found.
std::string findCudaToolkit();

/// ptxas: `explicitPath` when given, else from the toolkit, else PATH;
/// empty when none is found.
std::string findPtxas(StringRef explicitPath, StringRef toolkit);

/// Serializes the one `gpu.module` of `module` (NVVM dialect, as
/// kiln-gpu-pipeline leaves it) to PTX with LLVM's NVPTX back end, linking
/// libdevice from `toolkit` when calls need it, and removes it from the
/// module. Also returns the kernel names, in kernel index order.
LogicalResult serializeToPtx(ModuleOp module, StringRef toolkit,
                             unsigned optLevel, std::string &ptx,
                             std::vector<std::string> &kernels,
                             std::string &error);

/// Assembles `ptx` for `arch` with `ptxas` into an ELF cubin; `log` gets
/// what ptxas prints with -v (registers, spills, shared memory per kernel).
LogicalResult assembleCubin(StringRef ptx, StringRef arch, StringRef ptxas,
                            unsigned optLevel, std::string &cubin,
                            std::string &log, std::string &error);

} // namespace mlir::kiln

#endif // KILN_TARGET_CUDATARGET_H
