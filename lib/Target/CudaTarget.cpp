//===- CudaTarget.cpp - Device code of CUDA models ------------------------===//

#include "kiln/Target/CudaTarget.h"

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

extern "C" {
void LLVMInitializeNVPTXTargetInfo();
void LLVMInitializeNVPTXTarget();
void LLVMInitializeNVPTXTargetMC();
void LLVMInitializeNVPTXAsmPrinter();
}

using namespace mlir;
using namespace mlir::kiln;

FailureOr<unsigned> mlir::kiln::parseCudaArch(StringRef arch,
                                              std::string &error) {
  StringRef digits = arch;
  unsigned sm = 0;
  bool valid = digits.consume_front("sm_");
  if (valid) {
    // sm_90a and sm_100f are architecture-specific variants of sm_90 and
    // sm_100.
    StringRef number = digits.take_while(llvm::isDigit);
    StringRef suffix = digits.drop_front(number.size());
    valid = !number.empty() && number.size() <= 3 &&
            !number.getAsInteger(10, sm) &&
            (suffix.empty() || suffix == "a" || suffix == "f");
  }
  if (valid) {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTarget();
    LLVMInitializeNVPTXTargetMC();
    llvm::Triple triple("nvptx64-nvidia-cuda");
    std::string lookupError;
    const llvm::Target *target =
        llvm::TargetRegistry::lookupTarget(triple, lookupError);
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target ? target->createMCSubtargetInfo(triple, "", "") : nullptr);
    valid = info && info->isCPUStringValid(arch);
  }
  if (!valid) {
    error = "unknown CUDA architecture '" + arch.str() +
            "' (use sm_<major><minor> as NVPTX knows it, e.g. sm_80, sm_90, "
            "sm_90a)";
    return failure();
  }
  return sm;
}

std::string mlir::kiln::findCudaToolkit() {
  for (const char *variable : {"CUDA_PATH", "CUDA_HOME"})
    if (std::optional<std::string> path = llvm::sys::Process::GetEnv(variable))
      if (!path->empty() && llvm::sys::fs::is_directory(*path))
        return *path;
  if (llvm::sys::fs::is_directory("/usr/local/cuda"))
    return "/usr/local/cuda";
  return "";
}

std::string mlir::kiln::findPtxas(StringRef explicitPath, StringRef toolkit) {
  if (!explicitPath.empty())
    return explicitPath.str();
  if (!toolkit.empty()) {
    llvm::SmallString<128> path(toolkit);
    llvm::sys::path::append(path, "bin", "ptxas");
    if (llvm::sys::fs::can_execute(path))
      return path.str().str();
  }
  if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName("ptxas"))
    return *path;
  return "";
}

LogicalResult mlir::kiln::serializeToPtx(ModuleOp module, StringRef toolkit,
                                         unsigned optLevel, std::string &ptx,
                                         std::vector<std::string> &kernels,
                                         std::string &error) {
  auto gpuModules = llvm::to_vector(module.getOps<gpu::GPUModuleOp>());
  if (gpuModules.size() != 1) {
    error = "expected one gpu.module of kernels, found " +
            std::to_string(gpuModules.size());
    return failure();
  }
  gpu::GPUModuleOp device = gpuModules.front();
  std::string name = device.getSymName().str();
  if (auto names = module->getAttrOfType<ArrayAttr>(kGpuKernelsAttr))
    for (Attribute attr : names)
      kernels.push_back(cast<StringAttr>(attr).str());

  // Everything in the device module must be LLVM or NVVM by now.
  Operation *unlowered = nullptr;
  device.walk([&](Operation *op) {
    if (op == device ||
        isa<LLVM::LLVMDialect, NVVM::NVVMDialect>(op->getDialect()))
      return WalkResult::advance();
    unlowered = op;
    return WalkResult::interrupt();
  });
  if (unlowered) {
    std::string kernel;
    if (auto func = unlowered->getParentOfType<LLVM::LLVMFuncOp>())
      kernel = " in kernel '" + func.getName().str() + "'";
    unlowered->emitError() << "the GPU pipeline cannot lower '"
                           << unlowered->getName() << "'" << kernel;
    error.clear(); // Reported.
    return failure();
  }

  // The NVVM target's O level is that of the LLVM pipeline on device code.
  if (ArrayAttr targets = device.getTargetsAttr()) {
    SmallVector<Attribute> updated;
    for (Attribute target : targets) {
      if (auto nvvm = dyn_cast<NVVM::NVVMTargetAttr>(target))
        target = NVVM::NVVMTargetAttr::get(
            module.getContext(), std::min(optLevel, 3u), nvvm.getTriple(),
            nvvm.getChip(), nvvm.getFeatures(), nvvm.getFlags(),
            nvvm.getLink());
      updated.push_back(target);
    }
    device.setTargetsAttr(ArrayAttr::get(module.getContext(), updated));
  }

  PassManager pm(module.getContext());
  GpuModuleToBinaryPassOptions options;
  options.toolkitPath = toolkit.str();
  options.compilationTarget = "isa";
  pm.addPass(createGpuModuleToBinaryPass(options));
  if (failed(pm.run(module))) {
    error = "generating PTX failed";
    return failure();
  }
  auto binary = module.lookupSymbol<gpu::BinaryOp>(name);
  if (!binary || binary.getObjects().size() != 1) {
    error = "the NVVM target produced no PTX";
    return failure();
  }
  auto object = cast<gpu::ObjectAttr>(binary.getObjects()[0]);
  ptx = object.getObject().str();
  binary.erase();
  return success();
}

LogicalResult mlir::kiln::assembleCubin(StringRef ptx, StringRef arch,
                                        StringRef ptxas, unsigned optLevel,
                                        std::string &cubin, std::string &log,
                                        std::string &error) {
  llvm::SmallString<128> ptxPath, cubinPath, logPath;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "kiln-kernels", "ptx", fd, ptxPath)) {
    error = "cannot create a temporary file: " + ec.message();
    return failure();
  }
  llvm::FileRemover removePtx(ptxPath);
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << ptx;
  }
  for (auto [path, suffix] :
       {std::pair{&cubinPath, "cubin"}, std::pair{&logPath, "log"}})
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile("kiln-kernels", suffix, *path)) {
      error = "cannot create a temporary file: " + ec.message();
      return failure();
    }
  llvm::FileRemover removeCubin(cubinPath), removeLog(logPath);

  std::string archOption = ("-arch=" + arch).str();
  std::string level = "-O" + std::to_string(std::min(optLevel, 3u));
  SmallVector<StringRef> args = {ptxas,   archOption, level,    "-v",
                                 ptxPath, "-o",       cubinPath};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(ptxas, args, std::nullopt, redirects,
                                         0, 0, &message);
  if (auto buffer = llvm::MemoryBuffer::getFile(logPath))
    log = (*buffer)->getBuffer().str();
  if (status != 0) {
    error = "ptxas (" + ptxas.str() + ") failed" +
            (message.empty() ? "" : ": " + message) +
            (log.empty() ? "" : "\n" + log);
    return failure();
  }
  auto buffer = llvm::MemoryBuffer::getFile(cubinPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = "ptxas wrote no cubin: " + buffer.getError().message();
    return failure();
  }
  cubin = (*buffer)->getBuffer().str();
  return success();
}
