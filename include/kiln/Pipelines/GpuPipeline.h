//===- GpuPipeline.h - Kiln's CUDA pass pipeline ----------------*- C++ -*-===//

#ifndef KILN_PIPELINES_GPUPIPELINE_H
#define KILN_PIPELINES_GPUPIPELINE_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::kiln {

/// Options of the CUDA code generation pipeline.
struct GPUPipelineOptions : public PassPipelineOptions<GPUPipelineOptions> {
  PassOptions::Option<std::string> cudaArch{
      *this, "cuda-arch",
      llvm::cl::desc("NVIDIA architecture to generate code for (sm_80, "
                     "sm_90, ...)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<unsigned> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block of the mapped kernels"),
      llvm::cl::init(256)};
  PassOptions::Option<bool> tileContractions{
      *this, "tile-contractions",
      llvm::cl::desc("Block-tiled shared-memory kernels for matmuls and "
                     "convolutions (off: one thread per output point)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> tensorCores{
      *this, "tensor-cores",
      llvm::cl::desc("Tiled bf16/f16 contractions on tensor cores "
                     "(nvvm.mma.sync; ignored by the emulator pipeline)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Evaluate exp, log, tanh, erf, ... with polynomial "
                     "approximations instead of libdevice calls"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> flashAttention{
      *this, "flash-attention",
      llvm::cl::desc("Compute bf16/f16 attention in one flash-style kernel "
                     "on the tensor cores (kiln-gpu-flash-attention)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> flashWarps{
      *this, "flash-warps",
      llvm::cl::desc("Warps per block of the flash attention kernels (16 "
                     "query rows each): 4 or 8"),
      llvm::cl::init(4)};
  PassOptions::Option<bool> flashRopeInElementType{
      *this, "flash-rope-in-element-type",
      llvm::cl::desc("Rotate K tiles of the flash kernels in the element "
                     "type instead of f32"),
      llvm::cl::init(false)};
};

/// Lowers a module of kiln functions on tensors for NVIDIA GPUs: the graph
/// passes and kiln -> linalg (as for the CPU), bufferization, one kernel per
/// linalg op in one `gpu.module @kiln_kernels` lowered to NVVM (LLVM dialect
/// with nvvm ops, #nvvm.target of `cudaArch`), intermediates in the arena,
/// and host code in the LLVM dialect that launches the kernels through the
/// runtime: the model function becomes
/// `i32 f(ptr ctx, ptr in..., ptr out..., ptr arena)`.
void buildGPUPipeline(OpPassManager &pm, const GPUPipelineOptions &options);

/// The kernels of buildGPUPipeline run as loops on the host: a CPU model
/// (lowered as buildCPUPipeline lowers one) whose code is the mapped kernels,
/// every (block, thread) in order. Checks the kernel mapping numerically
/// without a GPU.
void buildGPUEmulatorPipeline(OpPassManager &pm,
                              const GPUPipelineOptions &options);

/// Registers `--kiln-gpu-pipeline` and `--kiln-gpu-emulator-pipeline`.
void registerGPUPipeline();

} // namespace mlir::kiln

#endif // KILN_PIPELINES_GPUPIPELINE_H
