//===- HostTarget.h - Machine code and shared objects for the host -*- C++ -*-===//

#ifndef KILN_TARGET_HOSTTARGET_H
#define KILN_TARGET_HOSTTARGET_H

#include "mlir/Support/LLVM.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace llvm {
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace mlir::kiln {

/// Options of host code generation.
struct HostCodegenOptions {
  /// LLVM optimization level, 0 to 3.
  unsigned optLevel = 3;
  /// CPU to generate code for; "native" is the machine the compiler runs on,
  /// "generic" any x86-64.
  std::string cpu = "native";
};

/// Creates a target machine for the host triple and `options.cpu`.
std::unique_ptr<llvm::TargetMachine>
createHostTargetMachine(const HostCodegenOptions &options, std::string &error);

/// Width in bits of the vector registers the code for `machine` may use:
/// 512 with AVX-512, 256 with AVX, 128 otherwise.
int64_t getVectorRegisterBits(const llvm::TargetMachine &machine);

/// Size of one core's L2 cache on the machine the compiler runs on, in KiB
/// (sysconf), or 0 where the system does not say.
int64_t getHostL2CacheKiB();

/// Sets the module's target triple and data layout to the machine's.
void configureModule(llvm::Module &module, llvm::TargetMachine &machine);

/// Defines, in a module that uses bf16 (LLVM's `bfloat`), the conversion
/// helper that the x86 back end calls where it keeps a bf16 value in an f32
/// register (a `select` of bf16 values, as the bf16 expansion of
/// `arith.truncf` makes): `__truncsfbf2`, round to nearest even, NaNs quiet.
/// It is a compiler-rt builtin, in libgcc only from GCC 13 on; without it a
/// bf16 model does not link on Debian 12. Defined weak and hidden, so the
/// module's parts (compileToObjects) share one copy and a library's own
/// definition is not overridden outside the shared object.
void defineBf16Helpers(llvm::Module &module);

/// Sets the code generation attributes of every function defined in the
/// module (call it once all functions exist: the model function is inlined
/// into the entry wrapper, whose attributes then apply). Vector f32
/// divisions marked `arcp` may become a reciprocal estimate and one
/// Newton-Raphson step; on AVX-512 machines every function may use 512-bit
/// registers (LLVM prefers 256-bit ones on most of them, which halves the
/// width of the vectors the code generator chose).
void setFunctionAttributes(llvm::Module &module, llvm::TargetMachine &machine);

/// Runs LLVM's optimization pipeline at `options.optLevel` (the new pass
/// manager's default pipeline, with LLVM's pass instrumentation options).
LogicalResult optimizeModule(llvm::Module &module,
                             llvm::TargetMachine &machine,
                             const HostCodegenOptions &options,
                             std::string &error);

/// Writes the module as an object file (`assembly` false) or as assembly.
LogicalResult emitMachineCode(llvm::Module &module,
                              llvm::TargetMachine &machine, bool assembly,
                              llvm::raw_pwrite_stream &os, std::string &error);

/// Optimizes `module` and writes it as object files on up to `threads`
/// threads: the module is split (llvm::SplitModule) into that many parts
/// whose functions and the globals only they use go together, each part is
/// copied into a context of its own through bitcode, optimized and compiled
/// on a thread, and the object files are written to new temporary files
/// whose paths are appended to `objectPaths` (also when it fails, for the
/// caller to remove). One thread compiles the module as it is. The machines
/// are made from `options`; `module` is left split. The stages are timed
/// under `timing` (added up over the threads).
LogicalResult compileToObjects(llvm::Module &module,
                               const HostCodegenOptions &options,
                               unsigned threads, TimingScope &timing,
                               SmallVectorImpl<std::string> &objectPaths,
                               std::string &error);

/// Links `objectPaths` into the shared object `outputPath` with the system
/// compiler driver (`linker`, or clang-22/clang found on PATH and in
/// /usr/lib/llvm-22/bin when empty), refusing undefined symbols other than
/// libc's and libm's.
LogicalResult linkSharedObject(ArrayRef<std::string> objectPaths,
                               StringRef outputPath, StringRef linker,
                               std::string &error);

} // namespace mlir::kiln

#endif // KILN_TARGET_HOSTTARGET_H
