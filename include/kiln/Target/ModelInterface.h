//===- ModelInterface.h - The interface a compiled model exports -*- C++ -*-===//
//
// A compiled model's shared object exports one query function that returns a
// descriptor of the model (runtime/include/kiln/runtime/kiln_abi.h). This file
// finds the model function of a kiln module, records its signature, and adds
// the descriptor, the entry wrapper and the query function to the LLVM module
// generated from it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TARGET_MODELINTERFACE_H
#define KILN_TARGET_MODELINTERFACE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace llvm {
class Module;
} // namespace llvm

namespace mlir::kiln {

/// Name, element type (a KILN_DTYPE_* code) and shape of one model input or
/// output.
struct TensorSignature {
  std::string name;
  uint32_t dtype = 0;
  SmallVector<int64_t> shape;
};

/// What the runtime needs to know about a model function.
struct ModelSignature {
  /// The model's name (the module's `sym_name`, else the function's).
  std::string name;
  /// The public function that computes the model.
  std::string function;
  SmallVector<TensorSignature> inputs;
  SmallVector<TensorSignature> outputs;
  /// Bytes of scratch arena the model needs (kiln-plan-arena); when not 0,
  /// the model function takes the arena as its last argument.
  uint64_t arenaSize = 0;
};

/// The device code of a "cuda" model.
struct GpuModelInfo {
  /// One device code image (a kiln_gpu_image_t).
  struct Image {
    /// KILN_GPU_IMAGE_CUBIN or KILN_GPU_IMAGE_PTX.
    uint32_t format = 0;
    /// major * 10 + minor.
    uint32_t sm = 0;
    /// The bytes; PTX gets its terminating NUL in the descriptor.
    std::string data;
  };
  /// Best first.
  SmallVector<Image> images;
  /// Kernel symbol names in kernel index order.
  std::vector<std::string> kernels;
  /// One weight the runtime uploads (a kiln_gpu_weight_t).
  struct Weight {
    /// The device global's symbol name.
    std::string device;
    /// The host global (in the LLVM module) that holds the data.
    std::string host;
  };
  std::vector<Weight> weights;
  /// Bytes of device scratch memory the model function takes last.
  uint64_t arenaSize = 0;
};

/// Finds the model function of `module` (its only public `func.func`) and
/// returns its signature. Names come from the `kiln.name` argument and result
/// attributes, else `input<i>` / `output<i>`. Reports a diagnostic and fails
/// when there is no such function, when there are several, or when an
/// argument or result is not a statically shaped tensor of a supported
/// element type; with `forCodegen`, also when one has no elements (code
/// generation does not support those yet).
FailureOr<ModelSignature> getModelSignature(ModuleOp module,
                                            bool forCodegen = true);

/// Reads the weights kiln-gpu-upload-weights recorded on `module` (the
/// `kiln.gpu_weights` attribute, which it then removes) into `gpu.weights`.
void takeGpuWeights(ModuleOp module, GpuModelInfo &gpu);

/// Removes the `kiln.name` argument and result attributes that
/// getModelSignature reads, so that lowering does not carry them.
void removeNameAttributes(ModuleOp module);

/// Adds to `module` (the LLVM IR of the lowered model, in which the model
/// function takes the `const kiln_exec_ctx_t *` of the entry call followed by
/// bare pointers to its inputs, then its outputs, then the arena when
/// `signature.arenaSize` is not 0) the
/// model descriptor, the entry wrapper and the exported query function, and
/// makes every other definition internal.
///
/// With `gpu`, the model is a "cuda" model: the function is
/// `i32 f(ctx, in..., out..., arena)` (what kiln-gpu-pipeline makes), the
/// entry passes the runtime's context and arena and returns the function's
/// status, and the descriptor lists the device images, the kernel names and
/// the weights the runtime uploads (each host global must be in `module`).
LogicalResult addModelInterface(llvm::Module &module,
                                const ModelSignature &signature,
                                std::string &error,
                                const GpuModelInfo *gpu = nullptr);

} // namespace mlir::kiln

#endif // KILN_TARGET_MODELINTERFACE_H
