//===- HostTarget.cpp - Machine code and shared objects for the host ------===//

#include "kiln/Target/HostTarget.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include <atomic>
#include <thread>
#include <unistd.h>

using namespace mlir;
using namespace mlir::kiln;

std::unique_ptr<llvm::TargetMachine>
mlir::kiln::createHostTargetMachine(const HostCodegenOptions &options,
                                    std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;

  std::string cpu = options.cpu;
  std::string features;
  if (cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures featureSet;
    for (const auto &[feature, enabled] : llvm::sys::getHostCPUFeatures())
      featureSet.AddFeature(feature, enabled);
    features = featureSet.getString();
  } else if (cpu == "generic") {
    cpu = "x86-64";
  } else {
    // LLVM aborts on some unknown CPU names: check the name first.
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target->createMCSubtargetInfo(triple, "", ""));
    if (!info || !info->isCPUStringValid(cpu)) {
      error = "unknown CPU '" + cpu + "' for " + triple.str() +
              " (use native, generic or an LLVM CPU name such as skylake-avx512)";
      return nullptr;
    }
  }

  llvm::CodeGenOptLevel level;
  switch (options.optLevel) {
  case 0:
    level = llvm::CodeGenOptLevel::None;
    break;
  case 1:
    level = llvm::CodeGenOptLevel::Less;
    break;
  case 2:
    level = llvm::CodeGenOptLevel::Default;
    break;
  default:
    level = llvm::CodeGenOptLevel::Aggressive;
    break;
  }
  llvm::TargetOptions targetOptions;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, llvm::Reloc::PIC_, std::nullopt,
      level));
  if (!machine)
    error = "cannot create a target machine for " + triple.str() + " (cpu '" +
            cpu + "')";
  return machine;
}

int64_t mlir::kiln::getVectorRegisterBits(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  if (subtarget && subtarget->checkFeatures("+avx512f"))
    return 512;
  if (subtarget && subtarget->checkFeatures("+avx"))
    return 256;
  return 128;
}

int64_t mlir::kiln::getHostL2CacheKiB() {
#ifdef _SC_LEVEL2_CACHE_SIZE
  long bytes = sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? bytes / 1024 : 0;
#else
  return 0;
#endif
}

void mlir::kiln::configureModule(llvm::Module &module,
                                 llvm::TargetMachine &machine) {
  module.setTargetTriple(machine.getTargetTriple());
  module.setDataLayout(machine.createDataLayout());
}

/// Whether `type` is bfloat or made of bfloat (vectors, arrays, structs).
static bool containsBfloat(llvm::Type *type) {
  if (type->isBFloatTy())
    return true;
  for (llvm::Type *element : type->subtypes())
    if (containsBfloat(element))
      return true;
  return false;
}

void mlir::kiln::defineBf16Helpers(llvm::Module &module) {
  const char *name = "__truncsfbf2";
  llvm::Function *helper = module.getFunction(name);
  if (helper && !helper->isDeclaration())
    return;
  auto usesBfloat = [](const llvm::Instruction &inst) {
    return containsBfloat(inst.getType()) ||
           llvm::any_of(inst.operands(), [](const llvm::Use &use) {
             return containsBfloat(use->getType());
           });
  };
  if (llvm::none_of(module, [&](llvm::Function &function) {
        return llvm::any_of(llvm::instructions(function), usesBfloat);
      }))
    return;
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  auto *type = llvm::FunctionType::get(llvm::Type::getBFloatTy(context),
                                       {llvm::Type::getFloatTy(context)},
                                       /*isVarArg=*/false);
  if (!helper)
    helper = llvm::Function::Create(type, llvm::GlobalValue::WeakAnyLinkage,
                                    name, module);
  helper->setLinkage(llvm::GlobalValue::WeakAnyLinkage);
  helper->setVisibility(llvm::GlobalValue::HiddenVisibility);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", helper));
  llvm::Value *x = helper->getArg(0);
  // Round to nearest even: add 0x7fff plus the lowest kept bit, keep the high
  // half. A NaN keeps its sign and payload's high bits and is made quiet.
  llvm::Value *bits = b.CreateBitCast(x, i32);
  llvm::Value *high = b.CreateLShr(bits, 16);
  llvm::Value *odd = b.CreateAnd(high, 1);
  llvm::Value *rounded = b.CreateLShr(
      b.CreateAdd(bits, b.CreateAdd(odd, b.getInt32(0x7fff))), 16);
  llvm::Value *quiet = b.CreateOr(high, 0x40);
  llvm::Value *isNan = b.CreateFCmpUNO(x, x);
  llvm::Value *result = b.CreateSelect(isNan, quiet, rounded);
  b.CreateRet(b.CreateBitCast(b.CreateTrunc(result, b.getInt16Ty()),
                              llvm::Type::getBFloatTy(context)));
}

void mlir::kiln::setFunctionAttributes(llvm::Module &module,
                                       llvm::TargetMachine &machine) {
  bool wide = getVectorRegisterBits(machine) >= 512;
  for (llvm::Function &function : module) {
    if (function.isDeclaration())
      continue;
    // f32 vector divisions marked `arcp` and `ninf` (the sigmoid of
    // KilnToLinalg, whose divisor is finite and at least 1) become a
    // reciprocal estimate and one Newton-Raphson step where the target has
    // one (x86: vrcpps, vrcp14ps); divisions without the flags stay exact.
    function.addFnAttr("reciprocal-estimates", "vec-divf:1");
    if (!wide)
      continue;
    function.addFnAttr("prefer-vector-width", "512");
    function.addFnAttr("min-legal-vector-width", "512");
  }
}

LogicalResult mlir::kiln::optimizeModule(llvm::Module &module,
                                         llvm::TargetMachine &machine,
                                         const HostCodegenOptions &options,
                                         std::string &error) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // LLVM's pass instrumentation: --time-passes, --print-after=... work.
  llvm::PassInstrumentationCallbacks callbacks;
  llvm::StandardInstrumentations instrumentations(module.getContext(),
                                                  /*DebugLogging=*/false);
  instrumentations.registerCallbacks(callbacks, &mam);
  llvm::PipelineTuningOptions tuning;
  // Unrolling stays on: vector transfers left as loops over elements
  // (dynamic insertelement/extractelement) need it, and ShuffleNetV2 ran 30x
  // slower without it.
  tuning.LoopUnrolling = true;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder builder(&machine, tuning, std::nullopt, &callbacks);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level;
  switch (options.optLevel) {
  case 0:
    level = llvm::OptimizationLevel::O0;
    break;
  case 1:
    level = llvm::OptimizationLevel::O1;
    break;
  case 2:
    level = llvm::OptimizationLevel::O2;
    break;
  default:
    level = llvm::OptimizationLevel::O3;
    break;
  }
  llvm::ModulePassManager passes =
      level == llvm::OptimizationLevel::O0
          ? builder.buildO0DefaultPipeline(level)
          : builder.buildPerModuleDefaultPipeline(level);
  passes.run(module, mam);
  (void)error;
  return success();
}

LogicalResult mlir::kiln::emitMachineCode(llvm::Module &module,
                                          llvm::TargetMachine &machine,
                                          bool assembly,
                                          llvm::raw_pwrite_stream &os,
                                          std::string &error) {
  llvm::legacy::PassManager pm;
  auto type = assembly ? llvm::CodeGenFileType::AssemblyFile
                       : llvm::CodeGenFileType::ObjectFile;
  if (machine.addPassesToEmitFile(pm, os, nullptr, type)) {
    error = "the target cannot emit this kind of file";
    return failure();
  }
  pm.run(module);
  return success();
}

/// Optimizes `module` with `machine` and writes its object file to a new
/// temporary file, whose path is appended to `objectPath`.
static LogicalResult compilePart(llvm::Module &module,
                                 llvm::TargetMachine &machine,
                                 const HostCodegenOptions &options,
                                 TimingScope &timing, std::string &objectPath,
                                 std::string &error) {
  int fd;
  llvm::SmallString<128> path;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("kiln-compile", "o", fd, path)) {
    error = "cannot create a temporary file: " + ec.message();
    return failure();
  }
  objectPath = path.str().str();
  TimingScope optimizeTiming = timing.nest("LLVM optimization");
  if (failed(optimizeModule(module, machine, options, error)))
    return failure();
  optimizeTiming.stop();
  TimingScope emitTiming = timing.nest("Machine code");
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  return emitMachineCode(module, machine, /*assembly=*/false, os, error);
}

LogicalResult mlir::kiln::compileToObjects(
    llvm::Module &module, const HostCodegenOptions &options, unsigned threads,
    TimingScope &timing, SmallVectorImpl<std::string> &objectPaths,
    std::string &error) {
  threads = std::max(threads, 1u);
  // LLVM's contexts and target machines are not shared between threads:
  // one machine per thread, made here.
  SmallVector<std::unique_ptr<llvm::TargetMachine>> machines;
  for (unsigned i = 0; i < threads; ++i) {
    machines.push_back(createHostTargetMachine(options, error));
    if (!machines.back())
      return failure();
  }
  if (threads == 1) {
    objectPaths.emplace_back();
    return compilePart(module, *machines[0], options, timing,
                       objectPaths.back(), error);
  }

  // More parts than threads, taken largest first: SplitModule balances the
  // number of globals per part, not their size, and one function (the model
  // function, with every kernel that is not split into thread tiles) may be
  // a good part of the module.
  struct Part {
    SmallVector<char, 0> bitcode;
    size_t size = 0, index = 0;
    std::string objectPath, error;
    bool failed = false;
  };
  SmallVector<Part> parts;
  TimingScope splitTiming = timing.nest("Split module");
  llvm::SplitModule(module, threads * 4,
                    [&](std::unique_ptr<llvm::Module> split) {
                      Part part;
                      for (llvm::Function &function : *split)
                        part.size += function.getInstructionCount();
                      if (part.size == 0 && split->global_empty())
                        return;
                      part.index = parts.size();
                      llvm::raw_svector_ostream os(part.bitcode);
                      llvm::WriteBitcodeToFile(*split, os);
                      parts.push_back(std::move(part));
                    });
  splitTiming.stop();
  std::sort(parts.begin(), parts.end(), [](const Part &a, const Part &b) {
    return a.size != b.size ? a.size > b.size : a.index < b.index;
  });

  std::atomic<size_t> next{0};
  auto work = [&](llvm::TargetMachine &machine) {
    for (size_t i = next++; i < parts.size(); i = next++) {
      Part &p = parts[i];
      llvm::LLVMContext context;
      TimingScope readTiming = timing.nest("Read part");
      llvm::Expected<std::unique_ptr<llvm::Module>> parsed =
          llvm::parseBitcodeFile(
              llvm::MemoryBufferRef(
                  StringRef(p.bitcode.data(), p.bitcode.size()), "part"),
              context);
      readTiming.stop();
      if (!parsed) {
        p.error = llvm::toString(parsed.takeError());
        p.failed = true;
        continue;
      }
      p.bitcode = {};
      p.failed = failed(
          compilePart(**parsed, machine, options, timing, p.objectPath,
                      p.error));
    }
  };
  SmallVector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i)
    workers.emplace_back(work, std::ref(*machines[i]));
  work(*machines[0]);
  for (std::thread &worker : workers)
    worker.join();

  bool ok = true;
  for (Part &part : parts) {
    if (!part.objectPath.empty())
      objectPaths.push_back(part.objectPath);
    if (part.failed && ok) {
      error = part.error;
      ok = false;
    }
  }
  return success(ok);
}

/// The compiler driver used to link: `linker` when given, else clang-22 or
/// clang from PATH or the LLVM 22 installation.
static std::string findLinker(StringRef linker) {
  if (!linker.empty())
    return linker.str();
  for (StringRef name : {"clang-22", "clang"}) {
    if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName(name))
      return *path;
    if (llvm::ErrorOr<std::string> path =
            llvm::sys::findProgramByName(name, {"/usr/lib/llvm-22/bin"}))
      return *path;
  }
  return "";
}

LogicalResult mlir::kiln::linkSharedObject(ArrayRef<std::string> objectPaths,
                                           StringRef outputPath,
                                           StringRef linker,
                                           std::string &error) {
  std::string driver = findLinker(linker);
  if (driver.empty()) {
    error = "no linker found: install clang-22 or pass --linker=PATH";
    return failure();
  }
  SmallVector<StringRef> args = {driver, "-shared", "-o", outputPath};
  for (const std::string &objectPath : objectPaths)
    args.push_back(objectPath);
  args.append({"-Wl,-z,defs", "-Wl,-z,noexecstack", "-lm"});
  // Prefer lld when the driver can find it.
  std::string lld;
  if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName(
          "ld.lld", {"/usr/lib/llvm-22/bin"}))
    lld = "--ld-path=" + *path;
  if (!lld.empty())
    args.push_back(lld);
  std::string message;
  int status = llvm::sys::ExecuteAndWait(driver, args, /*Env=*/std::nullopt,
                                         /*Redirects=*/{}, /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &message);
  if (status != 0) {
    error = "linking " + outputPath.str() + " with " + driver + " failed" +
            (message.empty() ? "" : ": " + message);
    return failure();
  }
  return success();
}
