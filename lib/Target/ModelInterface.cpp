//===- ModelInterface.cpp - The interface a compiled model exports --------===//

#include "kiln/Target/ModelInterface.h"

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
  llvm::StructType *tensorDescType, *modelDescType;
};
} // namespace

/// Defines `int32_t kiln.entry(ctx, inputs, outputs, arena)`, which loads the
/// buffer pointers and calls `model(ctx, in_0, ..., out_0, ...)`.
static llvm::Function *buildEntry(llvm::Module &module, llvm::Function *model,
                                  const ModelSignature &signature) {
  llvm::LLVMContext &context = module.getContext();
  auto *ptrType = llvm::PointerType::getUnqual(context);
  auto *i32 = llvm::Type::getInt32Ty(context);
  auto *type = llvm::FunctionType::get(
      i32, {ptrType, ptrType, ptrType, ptrType}, /*isVarArg=*/false);
  auto *entry = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                       "kiln.entry", module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "", entry));
  SmallVector<llvm::Value *> args = {entry->getArg(0)};
  auto loadPointers = [&](llvm::Value *array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      llvm::Value *slot = builder.CreateConstInBoundsGEP1_64(ptrType, array, i);
      args.push_back(builder.CreateLoad(ptrType, slot));
    }
  };
  loadPointers(entry->getArg(1), signature.inputs.size());
  loadPointers(entry->getArg(2), signature.outputs.size());
  if (signature.arenaSize != 0)
    args.push_back(entry->getArg(3));
  builder.CreateCall(model->getFunctionType(), model, args);
  builder.CreateRet(llvm::ConstantInt::get(i32, 0));
  return entry;
}

LogicalResult mlir::kiln::addModelInterface(llvm::Module &module,
                                            const ModelSignature &signature,
                                            std::string &error) {
  llvm::Function *model = module.getFunction(signature.function);
  if (!model || model->isDeclaration()) {
    error = "the lowered module has no function '" + signature.function + "'";
    return failure();
  }
  size_t numArgs = 1 + signature.inputs.size() + signature.outputs.size() +
                   (signature.arenaSize != 0 ? 1 : 0);
  if (model->arg_size() != numArgs ||
      !model->getReturnType()->isVoidTy() ||
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
  llvm::Function *entry = buildEntry(module, model, signature);
  const llvm::DataLayout &layout = module.getDataLayout();
  llvm::Constant *fields[] = {
      llvm::ConstantInt::get(builder.i32, KILN_ABI_VERSION),
      llvm::ConstantInt::get(
          builder.i32, layout.getTypeAllocSize(builder.modelDescType)),
      builder.string(signature.name, "kiln.model.name"),
      builder.string("cpu", "kiln.model.target"),
      llvm::ConstantInt::get(builder.i32, signature.inputs.size()),
      llvm::ConstantInt::get(builder.i32, signature.outputs.size()),
      builder.tensors(signature.inputs, "inputs"),
      builder.tensors(signature.outputs, "outputs"),
      llvm::ConstantInt::get(builder.i64, signature.arenaSize), // arena_size
      llvm::ConstantInt::get(builder.i64, 64), // arena_alignment
      entry};
  llvm::Constant *descriptor = builder.global(
      llvm::ConstantStruct::get(builder.modelDescType, fields),
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
