//===- ModelInterface.cpp - The interface a compiled model exports --------===//

#include "kiln/Target/ModelInterface.h"

#include "kiln/Codegen/GPU/Passes.h"
#include "kiln/runtime/kiln_abi.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

using namespace mlir;
using namespace mlir::kiln;

/// The KILN_DTYPE_* code of a tensor element type, or 0 when the runtime has
/// none.
static uint32_t getDtype(Type type) {
  if (type.isF32())
    return KILN_DTYPE_F32;
  if (type.isF16())
    return KILN_DTYPE_F16;
  if (type.isBF16())
    return KILN_DTYPE_BF16;
  if (type.isF64())
    return KILN_DTYPE_F64;
  if (type.isInteger(1))
    return KILN_DTYPE_BOOL;
  if (type.isSignlessInteger(8))
    return KILN_DTYPE_I8;
  if (type.isSignlessInteger(16))
    return KILN_DTYPE_I16;
  if (type.isSignlessInteger(32))
    return KILN_DTYPE_I32;
  if (type.isSignlessInteger(64))
    return KILN_DTYPE_I64;
  return 0;
}

static FailureOr<TensorSignature> getTensorSignature(func::FuncOp func,
                                                     Type type,
                                                     StringAttr name,
                                                     StringRef what,
                                                     unsigned index,
                                                     bool forCodegen) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return func.emitError() << what << " #" << index
                            << " must be a statically shaped tensor, got "
                            << type;
  if (forCodegen && tensor.getNumElements() == 0)
    return func.emitError() << what << " #" << index << " has no elements ("
                            << type
                            << "); tensors of size 0 cannot be model inputs "
                               "or outputs yet";
  uint32_t dtype = getDtype(tensor.getElementType());
  if (!dtype)
    return func.emitError() << what << " #" << index
                            << " has an element type the runtime does not "
                               "support: "
                            << tensor.getElementType();
  TensorSignature signature;
  signature.name = name && !name.getValue().empty()
                       ? name.str()
                       : (what + Twine(index)).str();
  signature.dtype = dtype;
  signature.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return signature;
}

FailureOr<ModelSignature> mlir::kiln::getModelSignature(ModuleOp module,
                                                       bool forCodegen) {
  func::FuncOp model;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isPrivate() || func.isDeclaration())
      continue;
    if (model) {
      InFlightDiagnostic diag = func.emitError()
                                << "a model has one public function, found '"
                                << model.getSymName() << "' and '"
                                << func.getSymName() << "'";
      diag.attachNote(model.getLoc()) << "first public function here";
      return failure();
    }
    model = func;
  }
  if (!model)
    return module.emitError()
           << "no public function to compile: a model is one public "
              "func.func on tensors";

  ModelSignature signature;
  std::optional<StringRef> moduleName = module.getSymName();
  signature.name = moduleName ? moduleName->str() : model.getSymName().str();
  signature.function = model.getSymName().str();
  FunctionType type = model.getFunctionType();
  for (auto [i, input] : llvm::enumerate(type.getInputs())) {
    FailureOr<TensorSignature> tensor = getTensorSignature(
        model, input, model.getArgAttrOfType<StringAttr>(i, "kiln.name"),
        "input", i, forCodegen);
    if (failed(tensor))
      return failure();
    signature.inputs.push_back(std::move(*tensor));
  }
  for (auto [i, output] : llvm::enumerate(type.getResults())) {
    FailureOr<TensorSignature> tensor = getTensorSignature(
        model, output, model.getResultAttrOfType<StringAttr>(i, "kiln.name"),
        "output", i, forCodegen);
    if (failed(tensor))
      return failure();
    signature.outputs.push_back(std::move(*tensor));
  }
  if (signature.outputs.empty())
    return model.emitError() << "a model must have at least one output";
  return signature;
}

void mlir::kiln::removeNameAttributes(ModuleOp module) {
  for (auto func : module.getOps<func::FuncOp>()) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      func.removeArgAttr(i, "kiln.name");
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
      func.removeResultAttr(i, StringAttr::get(func.getContext(), "kiln.name"));
  }
}

void mlir::kiln::takeGpuWeights(ModuleOp module, GpuModelInfo &gpu) {
  auto weights = module->getAttrOfType<ArrayAttr>(kGpuWeightsAttr);
  if (!weights)
    return;
  for (Attribute weight : weights) {
    auto pair = cast<ArrayAttr>(weight);
    gpu.weights.push_back({cast<StringAttr>(pair[0]).str(),
                           cast<FlatSymbolRefAttr>(pair[1]).getValue().str()});
  }
  module->removeAttr(kGpuWeightsAttr);
}

namespace {
/// Builds the constant data of the descriptor.
class DescriptorBuilder {
public:
  explicit DescriptorBuilder(llvm::Module &module)
      : module(module), context(module.getContext()),
        ptrType(llvm::PointerType::getUnqual(context)),
        i32(llvm::Type::getInt32Ty(context)),
        i64(llvm::Type::getInt64Ty(context)) {
    // kiln_tensor_desc_t
    tensorDescType = llvm::StructType::create(
        context, {ptrType, i32, i32, ptrType}, "kiln_tensor_desc_t");
    // kiln_model_desc_t
    modelDescType = llvm::StructType::create(
        context,
        {i32, i32, ptrType, ptrType, i32, i32, ptrType, ptrType, i64, i64,
         ptrType},
        "kiln_model_desc_t");
    // kiln_model_desc_t with the fields appended for "cuda" models (a "cpu"
    // model keeps the v1 core fields, which the runtime accepts).
    gpuModelDescType = llvm::StructType::create(
        context,
        {i32, i32, ptrType, ptrType, i32, i32, ptrType, ptrType, i64, i64,
         ptrType, i32, i32, ptrType, ptrType, i32, ptrType},
        "kiln_model_desc_gpu_t");
    // kiln_gpu_image_t
    gpuImageType = llvm::StructType::create(context, {i32, i32, ptrType, i64},
                                            "kiln_gpu_image_t");
    // kiln_gpu_weight_t
    gpuWeightType = llvm::StructType::create(context, {ptrType, ptrType, i64},
                                             "kiln_gpu_weight_t");
  }

  llvm::Constant *string(StringRef value, const Twine &symbol) {
    llvm::Constant *data =
        llvm::ConstantDataArray::getString(context, value, /*AddNull=*/true);
    return global(data, symbol, /*alignment=*/1);
  }

  llvm::Constant *tensors(ArrayRef<TensorSignature> tensors,
                          StringRef kind) {
    if (tensors.empty())
      return llvm::ConstantPointerNull::get(ptrType);
    SmallVector<llvm::Constant *> descs;
    for (auto [i, tensor] : llvm::enumerate(tensors)) {
      std::string prefix = ("kiln." + kind + "." + Twine(i)).str();
      llvm::Constant *shape = llvm::ConstantPointerNull::get(ptrType);
      if (!tensor.shape.empty())
        shape = global(llvm::ConstantDataArray::get(
                           context, ArrayRef<int64_t>(tensor.shape)),
                       prefix + ".shape", /*alignment=*/8);
      descs.push_back(llvm::ConstantStruct::get(
          tensorDescType,
          {string(tensor.name, prefix + ".name"),
           llvm::ConstantInt::get(i32, tensor.dtype),
           llvm::ConstantInt::get(i32, tensor.shape.size()), shape}));
    }
    auto *array = llvm::ArrayType::get(tensorDescType, descs.size());
    return global(llvm::ConstantArray::get(array, descs),
                  "kiln." + kind, /*alignment=*/8);
  }

  llvm::Constant *global(llvm::Constant *init, const Twine &symbol,
                         unsigned alignment) {
    auto *var = new llvm::GlobalVariable(module, init->getType(),
                                         /*isConstant=*/true,
                                         llvm::GlobalValue::PrivateLinkage,
                                         init, symbol);
    var->setAlignment(llvm::Align(alignment));
    var->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    return var;
  }

  llvm::Module &module;
  llvm::LLVMContext &context;
  llvm::PointerType *ptrType;
  llvm::IntegerType *i32, *i64;
  llvm::Constant *gpuImages(ArrayRef<GpuModelInfo::Image> images) {
    if (images.empty())
      return llvm::ConstantPointerNull::get(ptrType);
    SmallVector<llvm::Constant *> descs;
    for (auto [i, image] : llvm::enumerate(images)) {
      bool text = image.format == KILN_GPU_IMAGE_PTX;
      llvm::Constant *bytes = llvm::ConstantDataArray::getString(
          context, image.data, /*AddNull=*/text);
      llvm::Constant *data =
          global(bytes, "kiln.gpu_image." + Twine(i), /*alignment=*/16);
      descs.push_back(llvm::ConstantStruct::get(
          gpuImageType,
          {llvm::ConstantInt::get(i32, image.format),
           llvm::ConstantInt::get(i32, image.sm), data,
           llvm::ConstantInt::get(i64, image.data.size() + (text ? 1 : 0))}));
    }
    auto *array = llvm::ArrayType::get(gpuImageType, descs.size());
    return global(llvm::ConstantArray::get(array, descs), "kiln.gpu_images",
                  /*alignment=*/8);
  }

  /// The kiln_gpu_weight_t array, or null with a message in `error`.
  llvm::Constant *gpuWeights(ArrayRef<GpuModelInfo::Weight> weights,
                             std::string &error) {
    if (weights.empty())
      return llvm::ConstantPointerNull::get(ptrType);
    const llvm::DataLayout &layout = module.getDataLayout();
    SmallVector<llvm::Constant *> descs;
    for (auto [i, weight] : llvm::enumerate(weights)) {
      llvm::GlobalVariable *data =
          module.getGlobalVariable(weight.host, /*AllowInternal=*/true);
      if (!data || !data->hasInitializer()) {
        error = "the weight of device global '" + weight.device +
                "' has no host data '" + weight.host + "'";
        return nullptr;
      }
      uint64_t size = layout.getTypeAllocSize(data->getValueType());
      descs.push_back(llvm::ConstantStruct::get(
          gpuWeightType,
          {string(weight.device, "kiln.gpu_weight_names." + Twine(i)), data,
           llvm::ConstantInt::get(i64, size)}));
    }
    auto *array = llvm::ArrayType::get(gpuWeightType, descs.size());
    return global(llvm::ConstantArray::get(array, descs), "kiln.gpu_weights",
                  /*alignment=*/8);
  }

  llvm::Constant *strings(ArrayRef<std::string> values, StringRef kind) {
    if (values.empty())
      return llvm::ConstantPointerNull::get(ptrType);
    SmallVector<llvm::Constant *> pointers;
    for (auto [i, value] : llvm::enumerate(values))
      pointers.push_back(string(value, "kiln." + kind + "." + Twine(i)));
    auto *array = llvm::ArrayType::get(ptrType, pointers.size());
    return global(llvm::ConstantArray::get(array, pointers), "kiln." + kind,
                  /*alignment=*/8);
  }

  llvm::StructType *tensorDescType, *modelDescType, *gpuModelDescType,
      *gpuImageType, *gpuWeightType;
};
} // namespace

/// Defines `int32_t kiln.entry(ctx, inputs, outputs, arena)`, which loads the
/// buffer pointers and calls `model(ctx, in_0, ..., out_0, ...[, arena])`
/// (the arena only when the model has one), or for a "cuda" model checks that
/// the context has GPU services (else returns -1) and returns
/// `model(ctx, in_0, ..., out_0, ..., arena)`.
static llvm::Function *buildEntry(llvm::Module &module, llvm::Function *model,
                                  const ModelSignature &signature,
                                  bool cuda) {
  llvm::LLVMContext &context = module.getContext();
  auto *ptrType = llvm::PointerType::getUnqual(context);
  auto *i32 = llvm::Type::getInt32Ty(context);
  auto *type = llvm::FunctionType::get(
      i32, {ptrType, ptrType, ptrType, ptrType}, /*isVarArg=*/false);
  auto *entry = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                       "kiln.entry", module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "", entry));
  SmallVector<llvm::Value *> args;
  if (cuda) {
    // ctx->struct_size covers ctx->gpu (kiln_exec_ctx_t: u32, u32, ptr, ptr,
    // ptr) and ctx->gpu is not NULL.
    auto *ctxType = llvm::StructType::get(
        context, {i32, i32, ptrType, ptrType, ptrType});
    const llvm::DataLayout &layout = module.getDataLayout();
    uint64_t needed = layout.getStructLayout(ctxType)->getElementOffset(4) +
                      layout.getPointerSize();
    llvm::Value *ctx = entry->getArg(0);
    llvm::Value *size = builder.CreateLoad(i32, ctx);
    llvm::Value *covers =
        builder.CreateICmpUGE(size, llvm::ConstantInt::get(i32, needed));
    auto *check = llvm::BasicBlock::Create(context, "", entry);
    auto *run = llvm::BasicBlock::Create(context, "", entry);
    auto *noGpu = llvm::BasicBlock::Create(context, "", entry);
    builder.CreateCondBr(covers, check, noGpu);
    builder.SetInsertPoint(check);
    llvm::Value *gpu = builder.CreateLoad(
        ptrType, builder.CreateStructGEP(ctxType, ctx, 4));
    builder.CreateCondBr(builder.CreateIsNotNull(gpu), run, noGpu);
    builder.SetInsertPoint(noGpu);
    builder.CreateRet(llvm::ConstantInt::getSigned(i32, -1));
    builder.SetInsertPoint(run);
    args.push_back(ctx);
  } else {
    args.push_back(entry->getArg(0));
  }
  auto loadPointers = [&](llvm::Value *array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      llvm::Value *slot = builder.CreateConstInBoundsGEP1_64(ptrType, array, i);
      args.push_back(builder.CreateLoad(ptrType, slot));
    }
  };
  loadPointers(entry->getArg(1), signature.inputs.size());
  loadPointers(entry->getArg(2), signature.outputs.size());
  if (cuda) {
    args.push_back(entry->getArg(3));
    builder.CreateRet(
        builder.CreateCall(model->getFunctionType(), model, args));
    return entry;
  }
  if (signature.arenaSize != 0)
    args.push_back(entry->getArg(3));
  builder.CreateCall(model->getFunctionType(), model, args);
  builder.CreateRet(llvm::ConstantInt::get(i32, 0));
  return entry;
}

LogicalResult mlir::kiln::addModelInterface(llvm::Module &module,
                                            const ModelSignature &signature,
                                            std::string &error,
                                            const GpuModelInfo *gpu) {
  llvm::Function *model = module.getFunction(signature.function);
  if (!model || model->isDeclaration()) {
    error = "the lowered module has no function '" + signature.function + "'";
    return failure();
  }
  size_t numArgs = 1 + signature.inputs.size() + signature.outputs.size();
  if (gpu) {
    // ctx, buffers, arena -> status.
    numArgs += 1;
    if (!model->getReturnType()->isIntegerTy(32)) {
      error = "the lowered function '" + signature.function +
              "' of a cuda model does not return an i32 status";
      return failure();
    }
  } else if (signature.arenaSize != 0) {
    numArgs += 1;
  }
  if (model->arg_size() != numArgs ||
      (!gpu && !model->getReturnType()->isVoidTy()) ||
      llvm::any_of(model->args(), [](llvm::Argument &arg) {
        return !arg.getType()->isPointerTy();
      })) {
    error = "the lowered function '" + signature.function +
            "' does not take the execution context and one pointer per "
            "input and output";
    return failure();
  }
  if (module.getNamedValue(KILN_QUERY_SYMBOL)) {
    error = std::string("the model already defines '") + KILN_QUERY_SYMBOL +
            "'";
    return failure();
  }

  // Only the query function is exported.
  for (llvm::Function &function : module.functions())
    if (!function.isDeclaration())
      function.setLinkage(llvm::GlobalValue::InternalLinkage);

  DescriptorBuilder builder(module);
  llvm::Function *entry = buildEntry(module, model, signature, gpu);
  const llvm::DataLayout &layout = module.getDataLayout();
  llvm::StructType *descType =
      gpu ? builder.gpuModelDescType : builder.modelDescType;
  SmallVector<llvm::Constant *> fields = {
      llvm::ConstantInt::get(builder.i32, KILN_ABI_VERSION),
      llvm::ConstantInt::get(builder.i32, layout.getTypeAllocSize(descType)),
      builder.string(signature.name, "kiln.model.name"),
      builder.string(gpu ? "cuda" : "cpu", "kiln.model.target"),
      llvm::ConstantInt::get(builder.i32, signature.inputs.size()),
      llvm::ConstantInt::get(builder.i32, signature.outputs.size()),
      builder.tensors(signature.inputs, "inputs"),
      builder.tensors(signature.outputs, "outputs"),
      llvm::ConstantInt::get(builder.i64,
                             gpu ? gpu->arenaSize : signature.arenaSize),
      // arena_alignment: a GPU model's buffers are 256-byte aligned in it.
      llvm::ConstantInt::get(builder.i64, gpu ? 256 : 64),
      entry};
  if (gpu) {
    fields.push_back(llvm::ConstantInt::get(builder.i32, gpu->images.size()));
    fields.push_back(llvm::ConstantInt::get(builder.i32, gpu->kernels.size()));
    fields.push_back(builder.gpuImages(gpu->images));
    fields.push_back(builder.strings(gpu->kernels, "gpu_kernel_names"));
    llvm::Constant *weights = builder.gpuWeights(gpu->weights, error);
    if (!weights)
      return failure();
    fields.push_back(llvm::ConstantInt::get(builder.i32, gpu->weights.size()));
    fields.push_back(weights);
  }
  llvm::Constant *descriptor = builder.global(
      llvm::ConstantStruct::get(descType, fields),
      "kiln.model", /*alignment=*/8);

  // const kiln_model_desc_t *kiln_query_model(uint32_t runtime_abi_version)
  auto *queryType = llvm::FunctionType::get(builder.ptrType, {builder.i32},
                                            /*isVarArg=*/false);
  auto *query =
      llvm::Function::Create(queryType, llvm::GlobalValue::ExternalLinkage,
                             KILN_QUERY_SYMBOL, module);
  query->setVisibility(llvm::GlobalValue::DefaultVisibility);
  llvm::IRBuilder<> ir(llvm::BasicBlock::Create(builder.context, "", query));
  ir.CreateRet(descriptor);
  return success();
}
