//===- kiln-compile.cpp - Compile a model to a shared object --------------===//
//
// kiln-compile MODEL.{onnx,mlir} -o MODEL.so [--emit=...] [-O0..-O3]
//              [--mcpu=...] [--input-shape NAME=DIMS ...]
//              [--report[=FILE]] [--report-graph=FILE.dot]
//              [--target=cpu|cuda [--cuda-arch=sm_90] [--ptxas-path=...]]
//              [--codegen-threads=N] [--mlir-timing]
//
// Reads an ONNX model or a model written in the kiln dialect, lowers it for
// the host CPU or for NVIDIA GPUs and writes a shared object that the Kiln
// runtime loads (or an intermediate form). Every error is one diagnostic on stderr and exit
// status 1.
//
//===----------------------------------------------------------------------===//

#include "kiln/Analysis/ModelReport.h"
#include "kiln/Codegen/PlanArena.h"
#include "kiln/Import/Onnx/OnnxImporter.h"
#include "kiln/runtime/kiln_abi.h"
#include "kiln/InitAll.h"
#include "kiln/Pipelines/GpuPipeline.h"
#include "kiln/Pipelines/Pipelines.h"
#include "kiln/Target/CudaTarget.h"
#include "kiln/Target/HostTarget.h"
#include "kiln/Target/ModelInterface.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using mlir::kiln::importOnnxFile;
using mlir::kiln::OnnxImportOptions;
namespace cl = llvm::cl;

namespace {
enum class Emit { Import, Kiln, Linalg, Mlir, Llvm, Asm, Obj, Ptx, Cubin, So };

cl::OptionCategory category("kiln-compile options");

cl::opt<std::string> inputFile(cl::Positional,
                               cl::desc("<model.onnx or model.mlir>"),
                               cl::Required, cl::cat(category));
cl::opt<std::string> outputFile("o",
                                cl::desc("Output file (default: the input's "
                                         "name with the emitted kind's "
                                         "extension; IR written to a .mlirbc "
                                         "file is MLIR bytecode)"),
                                cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> target("target",
                            cl::desc("Target to compile for: cpu (default), "
                                     "cuda, or gpu-emulator (a CPU model "
                                     "that runs the cuda kernels as loops, "
                                     "to test them without a GPU)"),
                            cl::init("cpu"), cl::cat(category));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::So),
    cl::values(clEnumValN(Emit::Import, "import",
                          "kiln IR as imported, before the graph passes"),
               clEnumValN(Emit::Kiln, "kiln", "kiln IR after the graph passes"),
               clEnumValN(Emit::Linalg, "linalg",
                          "linalg on tensors after fusion"),
               clEnumValN(Emit::Mlir, "mlir",
                          "MLIR in the LLVM dialect (for cuda: host code and "
                          "the gpu.module of kernels in NVVM)"),
               clEnumValN(Emit::Llvm, "llvm", "optimized LLVM IR (host code)"),
               clEnumValN(Emit::Asm, "asm", "assembly (host code)"),
               clEnumValN(Emit::Obj, "obj", "an object file (host code)"),
               clEnumValN(Emit::Ptx, "ptx", "the kernels' PTX (cuda)"),
               clEnumValN(Emit::Cubin, "cubin",
                          "the kernels' cubin, assembled by ptxas (cuda)"),
               clEnumValN(Emit::So, "so",
                          "a shared object for the runtime "
                          "(default)")),
    cl::cat(category));
cl::opt<std::string> cudaArch(
    "cuda-arch",
    cl::desc("NVIDIA architecture for --target=cuda (default sm_90; e.g. "
             "sm_80, sm_90a)"),
    cl::init("sm_90"), cl::cat(category));
cl::opt<std::string> ptxasPath(
    "ptxas-path",
    cl::desc("ptxas that assembles the cubin of a cuda model (default: from "
             "$CUDA_PATH, $CUDA_HOME, /usr/local/cuda or PATH; without one, "
             "or with 'none', the model carries PTX only)"),
    cl::init(""), cl::cat(category));
cl::opt<bool> ptxasVerbose(
    "ptxas-verbose",
    cl::desc("Print ptxas's report of registers, spills and shared memory "
             "per kernel"),
    cl::init(false), cl::cat(category));
cl::opt<bool> gpuFlashAttention(
    "gpu-flash-attention",
    cl::desc("Compute bf16/f16 attention in one flash-style kernel on the "
             "tensor cores (cuda; default true)"),
    cl::init(true), cl::cat(category));
cl::opt<unsigned> gpuFlashWarps(
    "gpu-flash-warps",
    cl::desc("Warps per block of the flash attention kernel, 16 query rows "
             "each: 4 (default) or 8"),
    cl::init(4), cl::cat(category));
cl::opt<bool> gpuRopeInElementType(
    "gpu-rope-in-element-type",
    cl::desc("Flash attention: rotate K tiles with bf16/f16 arithmetic and "
             "a bf16/f16 cos/sin table instead of f32 (faster, less "
             "precise; default false)"),
    cl::init(false), cl::cat(category));
cl::opt<bool> gpuTiling(
    "gpu-tiling",
    cl::desc("cuda: block-tiled shared-memory kernels for matmuls and "
             "convolutions (default true; false: one thread per output "
             "point); gpu-emulator: default false, true emulates the tiled "
             "kernels (barriers as phases)"),
    cl::init(true), cl::cat(category));
cl::opt<bool> gpuTensorCores(
    "gpu-tensor-cores",
    cl::desc("cuda: tiled bf16/f16 matmuls and convolutions (f32 "
             "accumulation) on tensor cores with mma.sync m16n8k16 (sm_80 and "
             "newer; default false)"),
    cl::init(false), cl::cat(category));
cl::opt<unsigned> optLevel(
    "O",
    cl::desc("Optimization level 0-3 (default 2 for the CPU: LLVM's O3 "
             "pipeline made the models no faster and took 10 % longer to "
             "compile; 3 for cuda)"),
    cl::Prefix, cl::init(2), cl::cat(category));
cl::opt<std::string> mcpu("mcpu",
                          cl::desc("CPU to generate code for: native "
                                   "(default, this machine), generic, or an "
                                   "LLVM CPU name"),
                          cl::init("native"), cl::cat(category));
cl::opt<unsigned> codegenThreads(
    "codegen-threads",
    cl::desc("Threads that optimize and compile the LLVM module of a shared "
             "object, each a part of it (default 0: one per hardware thread; "
             "1: the module whole, as --emit=llvm/asm/obj do)"),
    cl::init(0), cl::cat(category));
cl::opt<std::string> linker("linker",
                            cl::desc("Compiler driver that links the shared "
                                     "object (default: clang-22 or clang)"),
                            cl::init(""), cl::cat(category));
cl::opt<bool> approximateMath(
    "approximate-math",
    cl::desc("Evaluate exp, tanh, erf, ... with polynomial approximations "
             "(default true)"),
    cl::init(true), cl::cat(category));
cl::opt<bool> tile("tile",
                   cl::desc("Tile and vectorize the kernels and run their "
                            "outer tiles on threads (default: true at -O1 "
                            "and above, false at -O0)"),
                   cl::cat(category));
cl::opt<bool> threads("parallel",
                      cl::desc("Run the outer tiles of large kernels on the "
                               "runtime's threads (default true)"),
                      cl::init(true), cl::cat(category));
cl::opt<int64_t> minParallelWork(
    "min-parallel-work",
    cl::desc("Smallest kernel, in iteration points (all of its loops "
             "multiplied; a point of an elementwise kernel or a reduction "
             "counts 8), whose outer tiles run on threads; smaller ones "
             "run on the calling thread (cpu; default 262144)"),
    cl::init(1 << 18), cl::cat(category));
cl::opt<int64_t> depthwiseVersionedMinPixels(
    "depthwise-versioned-min-pixels",
    cl::desc("Smallest input plane, in pixels, on which depthwise and "
             "pooling tiles whose columns cross a border read the unpadded "
             "input in place (a version of the code per placement); on "
             "smaller planes they read a padded copy (cpu; default 3136, "
             "56x56; 0: always in place)"),
    cl::init(3136), cl::cat(category));
cl::opt<bool> convChannelVectors(
    "conv-channel-vectors",
    cl::desc("Vectorize f32 convolutions whose output rows are not whole "
             "vectors (3x3 at 14x14 and 28x28; 1x1 at 14x14 with at least as "
             "many input as output channels, at 7x7 with 512 or more input "
             "channels) along their output channels, with the filter packed "
             "in panels (cpu; default true)"),
    cl::init(true), cl::cat(category));
cl::opt<bool> cpuFlashAttention(
    "cpu-flash-attention",
    cl::desc("Compute f32 attention without a mask in one flash-style kernel "
             "(online softmax, RoPE applied as Q/K tiles are loaded; CPU "
             "targets; default true)"),
    cl::init(true), cl::cat(category));
cl::opt<bool> winograd(
    "winograd",
    cl::desc("Compute f32 3x3 convolutions with unit strides, at least 32 "
             "input and output channels and 2^22 multiply-adds by "
             "Winograd's F(2x2, 3x3) (16 multiplications per 2x2 outputs "
             "and input channel instead of 36), or F(4x4, 3x3) on images of "
             "at least 784 pixels with sides multiples of 4 (cpu; default "
             "true)"),
    cl::init(true), cl::cat(category));
cl::opt<unsigned> vectorBits(
    "vector-bits",
    cl::desc("Vector width in bits that the CPU tiles and kernels are sized "
             "for (default 0: the target CPU's widest registers; LLVM splits "
             "wider vectors into the registers it has)"),
    cl::init(0), cl::cat(category));
cl::opt<unsigned> l2CacheKiB(
    "l2-cache-kib",
    cl::desc("L2 cache of one core in KiB that the CPU tiles are sized for "
             "(filter panels of convolutions along output channels take up "
             "to half of it, as do the slices of a product's right operand "
             "that thread tiles re-read; default 0: this machine's, up to "
             "4096, with --mcpu=native, else 512)"),
    cl::init(0), cl::cat(category));
cl::opt<bool> reportArena(
    "report-arena",
    cl::desc("Print the size of the model's scratch arena next to the sum of "
             "the intermediate buffers planned into it and the most bytes "
             "live at once"),
    cl::init(false), cl::cat(category));
cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Shape of an ONNX model input whose dimensions are symbolic or "
             "unknown, e.g. x=1x3x224x224 (repeatable)"),
    cl::value_desc("name=dims"), cl::cat(category));
cl::opt<std::string> reportFile(
    "report",
    cl::desc("Print a per-layer table of the graph after the graph passes "
             "(name, op, output shape, FLOPs, parameters, receptive field) to "
             "FILE, or to stdout without =FILE or with --report=-"),
    cl::value_desc("file"), cl::ValueOptional, cl::cat(category));
cl::opt<std::string> reportGraphFile(
    "report-graph",
    cl::desc("Write the graph after the graph passes as Graphviz (fused ops "
             "filled) to FILE.dot, and FILE.svg when `dot` is installed"),
    cl::value_desc("file.dot"), cl::cat(category));

StringRef extensionOf(Emit kind) {
  switch (kind) {
  case Emit::Import:
  case Emit::Kiln:
  case Emit::Linalg:
  case Emit::Mlir:
    return ".mlir";
  case Emit::Llvm:
    return ".ll";
  case Emit::Asm:
    return ".s";
  case Emit::Obj:
    return ".o";
  case Emit::Ptx:
    return ".ptx";
  case Emit::Cubin:
    return ".cubin";
  case Emit::So:
    return ".so";
  }
  return "";
}

int fail(const Twine &message) {
  llvm::errs() << "kiln-compile: error: " << message << "\n";
  return 1;
}

/// Parses the --input-shape options into `shapes`.
LogicalResult parseInputShapes(
    SmallVectorImpl<std::pair<std::string, SmallVector<int64_t>>> &shapes) {
  for (StringRef option : inputShapes) {
    StringRef name, dims;
    std::tie(name, dims) = option.rsplit('=');
    bool valid = !name.empty() && !dims.empty() && option.contains('=');
    SmallVector<int64_t> shape;
    SmallVector<StringRef> sizes;
    dims.split(sizes, 'x');
    for (StringRef size : sizes) {
      int64_t value;
      if (size.getAsInteger(10, value) || value < 0)
        valid = false;
      shape.push_back(value);
    }
    if (!valid) {
      fail("--input-shape '" + option +
           "' is not NAME=DIMS (for example x=1x3x224x224)");
      return failure();
    }
    if (llvm::any_of(shapes, [&](const auto &s) { return s.first == name; })) {
      fail("--input-shape gives input '" + name + "' twice");
      return failure();
    }
    shapes.emplace_back(name.str(), std::move(shape));
  }
  return success();
}

/// Prints the diagnostics of an ONNX model's compilation as
/// `model.onnx: error: message (node 'conv1')`: the location of an imported
/// op is a NameLoc naming its node (or "<op_type> node #<i>") around the
/// file; the node is appended unless the message names it already (as the
/// importer's own messages do). There is no source text to show.
LogicalResult printOnnxDiagnostic(Diagnostic &diag) {
  auto print = [](Location loc, DiagnosticSeverity severity,
                  const std::string &message) {
    llvm::raw_ostream &os = llvm::errs();
    if (auto fileLoc = loc->findInstanceOf<FileLineColLoc>()) {
      os << fileLoc.getFilename().getValue();
      if (fileLoc.getLine() != 0)
        os << ":" << fileLoc.getLine() << ":" << fileLoc.getColumn();
      os << ": ";
    } else {
      os << "kiln-compile: ";
    }
    switch (severity) {
    case DiagnosticSeverity::Error:
      os << "error: ";
      break;
    case DiagnosticSeverity::Warning:
      os << "warning: ";
      break;
    case DiagnosticSeverity::Note:
      os << "note: ";
      break;
    case DiagnosticSeverity::Remark:
      os << "remark: ";
      break;
    }
    os << message;
    if (auto nameLoc = loc->findInstanceOf<NameLoc>()) {
      StringRef node = nameLoc.getName().getValue();
      if (!StringRef(message).contains(node)) {
        if (node.contains(" node #"))
          os << " (" << node << ")";
        else
          os << " (node '" << node << "')";
      }
    }
    os << "\n";
  };
  print(diag.getLocation(), diag.getSeverity(), diag.str());
  for (Diagnostic &note : diag.getNotes())
    print(note.getLocation(), note.getSeverity(), note.str());
  return success();
}

/// Runs the graph pipeline on a copy of `module` and writes the model report
/// (--report) and graph (--report-graph) of its model function.
int writeReports(ModuleOp module) {
  OwningOpRef<ModuleOp> copy = module.clone();
  PassManager pm(module.getContext());
  kiln::buildGraphPipeline(pm);
  if (failed(pm.run(*copy)))
    return 1;
  func::FuncOp func;
  for (auto candidate : copy->getOps<func::FuncOp>())
    if (candidate.isPublic() && !candidate.isExternal()) {
      func = candidate;
      break;
    }
  if (!func)
    return fail("--report needs a public function with a body");
  kiln::ModelReport report = kiln::analyzeModel(func);
  std::string error;
  if (reportFile.getNumOccurrences()) {
    std::string path = reportFile.empty() ? "-" : reportFile.getValue();
    std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
    if (!output)
      return fail(error);
    kiln::printModelReport(report, output->os());
    output->keep();
  }
  if (!reportGraphFile.empty()) {
    std::unique_ptr<llvm::ToolOutputFile> output =
        openOutputFile(reportGraphFile, &error);
    if (!output)
      return fail(error);
    kiln::printModelGraph(report, func, output->os());
    output->os().flush();
    output->keep();
    // An SVG next to it when Graphviz is installed; its absence is no error.
    if (reportGraphFile != "-") {
      llvm::ErrorOr<std::string> dot = llvm::sys::findProgramByName("dot");
      if (dot) {
        llvm::SmallString<128> svg(reportGraphFile);
        llvm::sys::path::replace_extension(svg, ".svg");
        std::string svgArg = ("-o" + svg).str();
        StringRef args[] = {*dot, "-Tsvg", reportGraphFile, svgArg};
        if (llvm::sys::ExecuteAndWait(*dot, args, std::nullopt, {},
                                      /*SecondsToWait=*/60, 0, &error) != 0)
          return fail("dot could not write " + svg + ": " +
                      (error.empty() ? "it failed" : error));
      }
    }
  }
  return 0;
}

/// Writes `text` to the output file.
template <typename WriteFn>
int writeOutput(StringRef path, WriteFn write) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return fail(error);
  if (failed(write(output->os())))
    return 1;
  output->keep();
  return 0;
}
/// Writes `module` to `path`: MLIR bytecode when the name ends in .mlirbc
/// (weights stay binary, which suits large models), text otherwise.
int writeModule(ModuleOp module, StringRef path) {
  return writeOutput(path, [&](llvm::raw_ostream &os) {
    if (path.ends_with(".mlirbc"))
      return writeBytecodeToFile(module, os);
    module.print(os);
    return success();
  });
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // The printer's options (--mlir-elide-resource-strings-if-larger,
  // --mlir-print-debuginfo, ...) work but stay out of --help.
  registerAsmPrinterCLOptions();
  // --mlir-timing[-display=list|tree]: the time of each MLIR pass and of the
  // stages around them (import, translation, LLVM optimization, machine
  // code, link), listed in --help.
  registerDefaultTimingManagerCLOptions();
  for (StringRef name : {"mlir-timing", "mlir-timing-display"})
    if (cl::Option *option = cl::getRegisteredOptions().lookup(name))
      option->addCategory(category);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln model compiler\n\n"
      "Compiles an ONNX model (.onnx) or a model written in the kiln dialect "
      "(.mlir)\nto a shared object that the Kiln runtime, kiln-run and the "
      "Python package load,\nfor the host CPU or (--target=cuda) NVIDIA "
      "GPUs.\n");

  bool cuda = target == "cuda";
  bool emulator = target == "gpu-emulator";
  if (target != "cpu" && !cuda && !emulator)
    return fail("unknown target '" + target +
                "'; use cpu, cuda or gpu-emulator");
  if (vectorBits % 32 || vectorBits > 4096)
    return fail("--vector-bits must be 0 (the target's) or a multiple of 32 "
                "up to 4096, not " +
                Twine(vectorBits.getValue()));
  if (minParallelWork < 0)
    return fail("--min-parallel-work must be at least 0, not " +
                Twine(minParallelWork.getValue()));
  if (depthwiseVersionedMinPixels < 0)
    return fail("--depthwise-versioned-min-pixels must be at least 0, not " +
                Twine(depthwiseVersionedMinPixels.getValue()));
  std::string error;
  unsigned sm = 0;
  if (cuda) {
    FailureOr<unsigned> parsed = kiln::parseCudaArch(cudaArch, error);
    if (failed(parsed))
      return fail(error);
    sm = *parsed;
    if (gpuFlashWarps != 4 && gpuFlashWarps != 8)
      return fail("--gpu-flash-warps must be 4 or 8, not " +
                  Twine(gpuFlashWarps.getValue()));
  } else if (emit == Emit::Ptx || emit == Emit::Cubin) {
    return fail("--emit=ptx and --emit=cubin need --target=cuda");
  }
  if (optLevel > 3)
    return fail("-O" + Twine(optLevel.getValue()) +
                " is not a level; use -O0 to -O3");
  // PTX and ptxas keep their own default, -O3.
  if (cuda && !optLevel.getNumOccurrences())
    optLevel = 3;
  bool isOnnx = llvm::sys::path::extension(inputFile) == ".onnx";
  OnnxImportOptions importOptions;
  if (failed(parseInputShapes(importOptions.inputShapes)))
    return 1;
  if (!isOnnx && !inputShapes.empty())
    return fail("--input-shape applies to ONNX models only");

  std::string output = outputFile;
  if (output.empty()) {
    llvm::SmallString<128> path(inputFile);
    llvm::sys::path::replace_extension(path, extensionOf(emit));
    if (path == inputFile)
      return fail("give an output file with -o");
    output = path.str().str();
  }

  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope rootTiming = timing.getRootScope();

  DialectRegistry registry;
  kiln::registerAllDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  MLIRContext context(registry);
  // Errors are one line (and a note where it helps), not an IR dump.
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  std::optional<SourceMgrDiagnosticHandler> mlirDiagnostics;
  std::optional<ScopedDiagnosticHandler> onnxDiagnostics;
  OwningOpRef<ModuleOp> module;
  TimingScope importTiming = rootTiming.nest(isOnnx ? "ONNX import" : "Parse");
  if (isOnnx) {
    onnxDiagnostics.emplace(&context, printOnnxDiagnostic);
    FailureOr<OwningOpRef<ModuleOp>> imported =
        importOnnxFile(inputFile, &context, importOptions);
    if (failed(imported))
      return 1;
    module = std::move(*imported);
  } else {
    mlirDiagnostics.emplace(sourceMgr, &context);
    std::unique_ptr<llvm::MemoryBuffer> input =
        openInputFile(inputFile, &error);
    if (!input)
      return fail(error);
    sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      return 1;
  }
  importTiming.stop();
  if (reportFile.getNumOccurrences() || !reportGraphFile.empty())
    if (int status = writeReports(*module))
      return status;
  if (emit == Emit::Import)
    return writeModule(*module, output);

  // Code generation needs more of the signature than the IR stages do.
  bool generatesCode = emit != Emit::Kiln && emit != Emit::Linalg;
  FailureOr<kiln::ModelSignature> signature =
      kiln::getModelSignature(*module, /*forCodegen=*/generatesCode);
  if (failed(signature))
    return 1;
  if (generatesCode)
    kiln::removeNameAttributes(*module);

  // The target machine first: the pipeline sizes tiles for its registers.
  kiln::HostCodegenOptions codegen;
  codegen.optLevel = optLevel;
  codegen.cpu = mcpu;
  std::unique_ptr<llvm::TargetMachine> machine =
      kiln::createHostTargetMachine(codegen, error);
  if (!machine)
    return fail(error);

  // MLIR pipelines.
  PassManager pm(&context);
  if (emit == Emit::Kiln) {
    kiln::buildGraphPipeline(pm);
  } else if (emit == Emit::Linalg) {
    kiln::buildKilnToLinalgPipeline(pm);
  } else if (cuda) {
    // Each target's pipeline starts from kiln IR (its flash attention
    // replaces kiln.attention before kiln -> linalg).
    kiln::GPUPipelineOptions options;
    options.cudaArch = cudaArch;
    options.approximateMath = approximateMath;
    options.flashAttention = gpuFlashAttention;
    options.flashWarps = gpuFlashWarps;
    options.flashRopeInElementType = gpuRopeInElementType;
    options.tileContractions = gpuTiling;
    options.tensorCores = gpuTensorCores;
    kiln::buildGPUPipeline(pm, options);
  } else if (emulator) {
    kiln::GPUPipelineOptions options;
    options.approximateMath = approximateMath;
    // The emulator maps one thread per point unless asked to tile.
    options.tileContractions = gpuTiling.getNumOccurrences() && gpuTiling;
    kiln::buildGPUEmulatorPipeline(pm, options);
  } else {
    kiln::CPUPipelineOptions options;
    options.approximateMath = approximateMath;
    options.vectorBits = vectorBits ? static_cast<int64_t>(vectorBits)
                                    : kiln::getVectorRegisterBits(*machine);
    // The host's L2, up to 4 MiB (a virtual machine may report another
    // cache as its L2).
    options.l2CacheKiB =
        l2CacheKiB ? static_cast<int64_t>(l2CacheKiB)
        : mcpu == "native"
            ? std::min<int64_t>(kiln::getHostL2CacheKiB(), 4096)
            : 0;
    options.tile = tile.getNumOccurrences() ? tile : optLevel > 0;
    options.parallel = threads;
    options.minParallelWork = minParallelWork;
    options.depthwiseVersionedMinPixels = depthwiseVersionedMinPixels;
    options.flashAttention = cpuFlashAttention;
    options.convChannelVectors = convChannelVectors;
    options.winograd = winograd;
    kiln::buildCPUPipeline(pm, options);
  }
  TimingScope pipelineTiming = rootTiming.nest("MLIR pipeline");
  pm.enableTiming(pipelineTiming);
  if (failed(pm.run(*module)))
    return 1;
  pipelineTiming.stop();
  if (auto size =
          (*module)->getAttrOfType<IntegerAttr>(kiln::kArenaSizeAttrName))
    signature->arenaSize = size.getInt();
  if (reportArena && generatesCode) {
    auto bytes = [&](StringRef name) -> int64_t {
      auto attr = (*module)->getAttrOfType<IntegerAttr>(name);
      return attr ? attr.getInt() : 0;
    };
    llvm::errs() << "kiln-compile: arena " << signature->arenaSize
                 << " bytes; intermediate buffers "
                 << bytes(kiln::kArenaBuffersAttrName) << " bytes in all, "
                 << bytes(kiln::kArenaPeakLiveAttrName)
                 << " bytes live at most\n";
  }
  if (emit != Emit::Mlir)
    for (StringRef name :
         {kiln::kArenaSizeAttrName, kiln::kArenaBuffersAttrName,
          kiln::kArenaPeakLiveAttrName})
      (*module)->removeAttr(name);
  if (emit == Emit::Kiln || emit == Emit::Linalg || emit == Emit::Mlir) {
    TimingScope writeTiming = rootTiming.nest("Write output");
    return writeModule(*module, output);
  }

  // Device code of a cuda model: PTX, then a cubin when ptxas is found.
  kiln::GpuModelInfo gpu;
  if (cuda) {
    std::string toolkit = kiln::findCudaToolkit();
    std::string ptx;
    kiln::takeGpuWeights(*module, gpu);
    if (failed(kiln::serializeToPtx(*module, toolkit, optLevel, ptx,
                                    gpu.kernels, error)))
      return error.empty() ? 1 : fail(error);
    if (emit == Emit::Ptx)
      return writeOutput(output, [&](llvm::raw_ostream &os) {
        os << ptx;
        return success();
      });
    bool noCubin = ptxasPath == "none";
    std::string ptxas = noCubin ? "" : kiln::findPtxas(ptxasPath, toolkit);
    if (!ptxas.empty()) {
      std::string cubin, log;
      if (failed(kiln::assembleCubin(ptx, cudaArch, ptxas, optLevel, cubin,
                                     log, error)))
        return fail(error);
      if (ptxasVerbose)
        llvm::errs() << log;
      if (emit == Emit::Cubin)
        return writeOutput(output, [&](llvm::raw_ostream &os) {
          os << cubin;
          return success();
        });
      gpu.images.push_back({KILN_GPU_IMAGE_CUBIN, sm, std::move(cubin)});
    } else if (emit == Emit::Cubin) {
      return fail("ptxas not found: install the CUDA toolkit, set CUDA_PATH "
                  "or pass --ptxas-path=PATH");
    } else if (!noCubin) {
      llvm::errs() << "kiln-compile: note: ptxas not found (set CUDA_PATH or "
                      "pass --ptxas-path); the model carries PTX only, which "
                      "the driver compiles when it loads the model\n";
    }
    gpu.images.push_back({KILN_GPU_IMAGE_PTX, sm, std::move(ptx)});
    // The GPU arena pass records its size in the same module attribute as the
    // CPU's kiln-plan-arena; it was read into the signature above.
    gpu.arenaSize = signature->arenaSize;
  }

  // LLVM IR.
  llvm::LLVMContext llvmContext;
  TimingScope translateTiming = rootTiming.nest("Translate to LLVM IR");
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*module, llvmContext, signature->name);
  if (!llvmModule)
    return fail("translation to LLVM IR failed");
  // The MLIR module is no longer needed (its weights are in the LLVM module).
  module = nullptr;
  kiln::configureModule(*llvmModule, *machine);
  if (failed(kiln::addModelInterface(*llvmModule, *signature, error,
                                     cuda ? &gpu : nullptr)))
    return fail(error);
  kiln::defineBf16Helpers(*llvmModule);
  kiln::setFunctionAttributes(*llvmModule, *machine);
  translateTiming.stop();
  // The shared object: the module optimized and compiled in parts on threads,
  // each into an object file in a temporary directory, then the link.
  if (emit == Emit::So) {
    unsigned threads = codegenThreads;
    if (threads == 0)
      threads = llvm::hardware_concurrency().compute_thread_count();
    TimingScope compileTiming = rootTiming.nest(
        ("LLVM optimization and machine code (" + Twine(threads) +
         (threads == 1 ? " thread)" : " threads)"))
            .str());
    SmallVector<std::string> objectPaths;
    LogicalResult compiled = kiln::compileToObjects(
        *llvmModule, codegen, threads, compileTiming, objectPaths, error);
    SmallVector<std::unique_ptr<llvm::FileRemover>> removeObjects;
    for (const std::string &path : objectPaths)
      removeObjects.push_back(std::make_unique<llvm::FileRemover>(path));
    if (failed(compiled))
      return fail(error);
    llvmModule.reset();
    compileTiming.stop();
    TimingScope linkTiming = rootTiming.nest("Link");
    if (failed(kiln::linkSharedObject(objectPaths, output, linker, error)))
      return fail(error);
    return 0;
  }

  TimingScope optimizeTiming = rootTiming.nest("LLVM optimization");
  if (failed(kiln::optimizeModule(*llvmModule, *machine, codegen, error)))
    return fail(error);
  optimizeTiming.stop();
  TimingScope emitTiming = rootTiming.nest(
      emit == Emit::Llvm ? "Write output" : "Machine code");
  if (emit == Emit::Llvm)
    return writeOutput(output, [&](llvm::raw_ostream &os) {
      llvmModule->print(os, nullptr);
      return success();
    });
  return writeOutput(output, [&](llvm::raw_pwrite_stream &os) {
    if (failed(kiln::emitMachineCode(*llvmModule, *machine, emit == Emit::Asm,
                                     os, error))) {
      fail(error);
      return failure();
    }
    return success();
  });
}
