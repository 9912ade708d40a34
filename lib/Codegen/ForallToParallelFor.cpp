//===- ForallToParallelFor.cpp - scf.forall on the runtime's threads ------===//
//
// Outlines the body of a bufferized scf.forall into a kiln_task_fn_t and
// calls ctx->parallel_for with it (see the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FORALLTOPARALLELFOR
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Index of `kiln_exec_ctx_t::parallel_for` in the LLVM struct
/// `{u32 struct_size, u32 num_threads, ptr parallel_for, ptr runtime_data}`.
static constexpr int32_t kParallelForField = 2;

/// Whether `value` is rematerialized in the outlined body rather than
/// captured: constants and references to globals.
static bool isCloneable(Value value) {
  Operation *def = value.getDefiningOp();
  return def && def->getNumOperands() == 0 && def->getNumRegions() == 0 &&
         (matchPattern(value, m_Constant()) || isa<memref::GetGlobalOp>(def));
}

/// The type a captured value is stored as, or null when it cannot be
/// captured.
static Type getStorageType(const LLVMTypeConverter &converter, Type type) {
  if (isa<IndexType>(type))
    return IntegerType::get(type.getContext(), 64);
  if (isa<IntegerType, FloatType>(type))
    return type;
  if (auto memref = dyn_cast<MemRefType>(type))
    return converter.convertType(memref);
  return {};
}

/// Whether `root` holds a memref.alloca whose allocation scope (the nearest
/// ancestor with the AutomaticAllocationScope trait, such as scf.forall or
/// func.func) is `scope`.
static bool hasAllocasOf(Operation *root, Operation *scope) {
  return root
      ->walk([&](memref::AllocaOp alloca) {
        return alloca->getParentWithTrait<OpTrait::AutomaticAllocationScope>() ==
                       scope
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Moves the operations of `body` (but its terminator) into a new
/// memref.alloca_scope at its end, so that the stack memory of every
/// iteration's memref.alloca is released when the scf.for loops the
/// scf.forall becomes are lowered to blocks (which do not release it).
static void wrapInAllocaScope(RewriterBase &rewriter, Block *body,
                              Location loc) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(body->getTerminator());
  auto scope = memref::AllocaScopeOp::create(rewriter, loc, TypeRange{});
  Block *inner = rewriter.createBlock(&scope.getBodyRegion());
  for (Operation &op : llvm::make_early_inc_range(body->without_terminator()))
    if (&op != scope.getOperation())
      rewriter.moveOpBefore(&op, inner, inner->end());
  rewriter.setInsertionPointToEnd(inner);
  memref::AllocaScopeReturnOp::create(rewriter, loc, ValueRange{});
}

FailureOr<func::FuncOp> mlir::kiln::forallToParallelFor(RewriterBase &rewriter,
                                                        scf::ForallOp forall,
                                                        Value ctx,
                                                        int64_t minIterations) {
  if (forall.getNumResults() != 0 || !forall.getOutputs().empty() ||
      !forall.getTerminator().getYieldingOps().empty())
    return failure();
  std::optional<SmallVector<int64_t>> lbs =
      getConstantIntValues(forall.getMixedLowerBound());
  std::optional<SmallVector<int64_t>> ubs =
      getConstantIntValues(forall.getMixedUpperBound());
  std::optional<SmallVector<int64_t>> steps =
      getConstantIntValues(forall.getMixedStep());
  if (!lbs || !ubs || !steps)
    return failure();
  SmallVector<int64_t> counts;
  int64_t numIterations = 1;
  for (auto [lb, ub, step] : llvm::zip_equal(*lbs, *ubs, *steps)) {
    if (step <= 0)
      return failure();
    counts.push_back(ub > lb ? llvm::divideCeil(ub - lb, step) : 0);
    numIterations *= counts.back();
  }
  if (numIterations < std::max<int64_t>(minIterations, 2))
    return failure();

  // What the body uses from above: constants are cloned, the rest is packed
  // into a struct.
  MLIRContext *context = rewriter.getContext();
  LLVMTypeConverter converter(context);
  SetVector<Value> used;
  getUsedValuesDefinedAbove(forall.getRegion(), used);
  SmallVector<Value> captures, cloned;
  SmallVector<Type> fieldTypes;
  for (Value value : used) {
    if (isCloneable(value)) {
      cloned.push_back(value);
      continue;
    }
    Type storage = getStorageType(converter, value.getType());
    if (!storage)
      return failure();
    captures.push_back(value);
    fieldTypes.push_back(storage);
  }

  auto parent = forall->getParentOfType<func::FuncOp>();
  auto module = parent->getParentOfType<ModuleOp>();
  Location loc = forall.getLoc();
  auto ptrType = LLVM::LLVMPointerType::get(context);
  Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
  auto structType = LLVM::LLVMStructType::getLiteral(context, fieldTypes);
  auto taskType = rewriter.getFunctionType({ptrType, i64, i64, i32}, {});
  OpBuilder::InsertionGuard guard(rewriter);

  // The task: void task(ptr data, i64 begin, i64 end, i32 worker).
  // Named after its kernel where tiling named it (a profile then shows which
  // layer each task is).
  std::string name = (parent.getSymName() + "_tiles").str();
  if (auto kernel = forall->getAttrOfType<StringAttr>(kKernelNameAttrName))
    name += "_" + kernel.str();
  auto task = func::FuncOp::create(loc, name, taskType);
  task.setPrivate();
  // Inserted after `parent`, renamed if the name is taken.
  SymbolTable(module).insert(task, std::next(Block::iterator(parent)));
  Block *entry = task.addEntryBlock();
  rewriter.setInsertionPointToStart(entry);
  IRMapping mapping;
  for (auto [i, value] : llvm::enumerate(captures)) {
    Value slot = LLVM::GEPOp::create(
        rewriter, loc, ptrType, structType, entry->getArgument(0),
        ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
    Value field = LLVM::LoadOp::create(rewriter, loc, fieldTypes[i], slot);
    Type type = value.getType();
    if (isa<IndexType>(type))
      field = arith::IndexCastOp::create(rewriter, loc, type, field);
    else if (isa<MemRefType>(type))
      field = UnrealizedConversionCastOp::create(rewriter, loc, type, field)
                  .getResult(0);
    mapping.map(value, field);
  }
  for (Value value : cloned)
    rewriter.clone(*value.getDefiningOp(), mapping);
  Type index = rewriter.getIndexType();
  Value begin =
      arith::IndexCastOp::create(rewriter, loc, index, entry->getArgument(1));
  Value end =
      arith::IndexCastOp::create(rewriter, loc, index, entry->getArgument(2));
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto loop = scf::ForOp::create(rewriter, loc, begin, end, one);
  rewriter.setInsertionPointToStart(loop.getBody());
  // Delinearize, innermost dimension fastest.
  Value rest = loop.getInductionVar();
  SmallVector<Value> ivs(counts.size());
  for (int64_t d = counts.size() - 1; d >= 0; --d) {
    Value position = rest;
    if (d > 0) {
      Value count = arith::ConstantIndexOp::create(rewriter, loc, counts[d]);
      position = arith::RemUIOp::create(rewriter, loc, rest, count);
      rest = arith::DivUIOp::create(rewriter, loc, rest, count);
    }
    Value scaled = arith::MulIOp::create(
        rewriter, loc, position,
        arith::ConstantIndexOp::create(rewriter, loc, (*steps)[d]));
    ivs[d] = arith::AddIOp::create(
        rewriter, loc, scaled,
        arith::ConstantIndexOp::create(rewriter, loc, (*lbs)[d]));
  }
  mapping.map(forall.getInductionVars(), ivs);
  // Stack buffers of static size the body allocates at its top level are
  // allocated once, before the loop (an alloca's initial contents are
  // undefined, so every iteration may reuse them): the scf.for below is an
  // allocation scope too, but its lowering to blocks does not release the
  // stack of an iteration, which would grow with every tile.
  for (Operation &op : forall.getBody()->without_terminator()) {
    auto alloca = dyn_cast<memref::AllocaOp>(op);
    if (alloca && alloca->getNumOperands() == 0) {
      OpBuilder::InsertionGuard allocaGuard(rewriter);
      rewriter.setInsertionPoint(loop);
      rewriter.clone(op, mapping);
      continue;
    }
    rewriter.clone(op, mapping);
  }
  rewriter.setInsertionPointToEnd(entry);
  func::ReturnOp::create(rewriter, loc);

  // The call: pack the captures, load parallel_for from the context.
  Value data;
  if (captures.empty()) {
    rewriter.setInsertionPoint(forall);
    data = LLVM::ZeroOp::create(rewriter, loc, ptrType);
  } else {
    rewriter.setInsertionPointToStart(&parent.front());
    Value count = LLVM::ConstantOp::create(rewriter, loc, i64,
                                           rewriter.getI64IntegerAttr(1));
    data = LLVM::AllocaOp::create(rewriter, loc, ptrType, structType, count);
    rewriter.setInsertionPoint(forall);
    for (auto [i, value] : llvm::enumerate(captures)) {
      Value field = value;
      if (isa<IndexType>(value.getType()))
        field = arith::IndexCastOp::create(rewriter, loc, i64, value);
      else if (isa<MemRefType>(value.getType()))
        field = UnrealizedConversionCastOp::create(rewriter, loc, fieldTypes[i],
                                                   value)
                    .getResult(0);
      Value slot = LLVM::GEPOp::create(
          rewriter, loc, ptrType, structType, data,
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      LLVM::StoreOp::create(rewriter, loc, field, slot);
    }
  }
  auto ctxType =
      LLVM::LLVMStructType::getLiteral(context, {i32, i32, ptrType, ptrType});
  Value slot =
      LLVM::GEPOp::create(rewriter, loc, ptrType, ctxType, ctx,
                          ArrayRef<LLVM::GEPArg>{0, kParallelForField});
  Value parallelFor = LLVM::LoadOp::create(rewriter, loc, ptrType, slot);
  Value taskRef = func::ConstantOp::create(
      rewriter, loc, taskType,
      FlatSymbolRefAttr::get(context, task.getSymName()));
  Value taskPtr =
      UnrealizedConversionCastOp::create(rewriter, loc, ptrType, taskRef)
          .getResult(0);
  Value n = LLVM::ConstantOp::create(rewriter, loc, i64,
                                     rewriter.getI64IntegerAttr(numIterations));
  auto callType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context),
                                              {ptrType, i64, ptrType, ptrType});
  LLVM::CallOp::create(rewriter, loc, callType,
                       ValueRange{parallelFor, ctx, n, taskPtr, data});
  rewriter.eraseOp(forall);
  return task;
}

namespace {
struct ForallToParallelForPass
    : kiln::impl::ForallToParallelForBase<ForallToParallelForPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<func::FuncOp> funcs(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp func : funcs) {
      if (Value ctx = kiln::getExecContext(func)) {
        SmallVector<scf::ForallOp> outermost;
        func.walk([&](scf::ForallOp forall) {
          if (!forall->getParentOfType<scf::ForallOp>())
            outermost.push_back(forall);
        });
        for (scf::ForallOp forall : outermost)
          (void)kiln::forallToParallelFor(rewriter, forall, ctx, minIterations);
      }
    }
    // Whatever is left runs serially, innermost loops first.
    SmallVector<scf::ForallOp> rest;
    getOperation().walk([&](scf::ForallOp forall) { rest.push_back(forall); });
    for (scf::ForallOp forall : rest) {
      if (hasAllocasOf(forall, forall) &&
          forall.getTerminator().getYieldingOps().empty())
        wrapInAllocaScope(rewriter, forall.getBody(), forall.getLoc());
      rewriter.setInsertionPoint(forall);
      if (failed(scf::forallToForLoop(rewriter, forall))) {
        forall.emitError("cannot turn scf.forall into scf.for loops");
        return signalPassFailure();
      }
    }
    // The marker is not needed after this pass.
    for (func::FuncOp func : getOperation().getOps<func::FuncOp>())
      if (Value ctx = kiln::getExecContext(func))
        func.removeArgAttr(cast<BlockArgument>(ctx).getArgNumber(),
                           kiln::kExecContextAttrName);
  }
};
} // namespace
