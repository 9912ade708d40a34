//===- PlanArena.cpp - Plan intermediate buffers into one arena -----------===//
//
// The runtime hands every model call a scratch arena of the size the model
// descriptor asks for (kiln_abi.h). This pass places the intermediate buffers
// of the model function in it instead of allocating them on the heap:
//
// - candidates: `memref.alloc`s of static shape and identity layout in the
//   top-level block of each function that takes the execution context
//   (kiln-add-exec-context), whose buffer (or any view of it) is neither
//   returned nor passed to a call; allocations inside loops (per-tile
//   buffers of thread tiles) stay heap allocations;
// - liveness: a buffer lives from its allocation to the last top-level op
//   that uses it or a value derived from it (views, loop results);
// - placement: largest buffers first, each at the lowest 64-byte aligned
//   offset that overlaps no placed buffer whose live range meets its own;
// - the function takes the arena as one more argument, `memref<Nxi8>`
//   after the outputs, and each planned allocation becomes a `memref.view`
//   of it at its offset.
//
// The arena size, the sum of the planned buffers and the peak of live bytes
// are recorded as module attributes (kArenaSizeAttrName, ...; the largest
// over the module's functions), which kiln-compile writes into the model
// descriptor, and reported per function as a remark with `report`.
//
// Runs on bufferized IR before the deallocation pipeline (views of an
// argument are not freed).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/PlanArena.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <algorithm>

using namespace mlir;

namespace {
struct Buffer {
  memref::AllocOp alloc;
  int64_t size;       // bytes, rounded up to the alignment
  unsigned begin;     // position of the allocation in the block
  unsigned end;       // position of the last top-level use
  int64_t offset = 0; // in the arena
};

/// The op of `block` that contains `op`, or null.
Operation *getTopLevelAncestor(Block &block, Operation *op) {
  while (op && op->getBlock() != &block)
    op = op->getParentOp();
  return op;
}

/// Position of the last op of `block` that uses the buffer of `alloc` or a
/// value derived from it (an op result of memref type that one of its
/// operands reaches). Fails when the buffer escapes: returned, or an
/// operand of a call.
FailureOr<unsigned>
getLastUse(Block &block, memref::AllocOp alloc,
           const DenseMap<Operation *, unsigned> &positions) {
  unsigned last = positions.lookup(alloc);
  SmallVector<Value> worklist = {alloc.getResult()};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!seen.insert(value).second)
      continue;
    for (Operation *user : value.getUsers()) {
      if (isa<func::ReturnOp, func::CallOp, func::CallIndirectOp>(user))
        return failure();
      Operation *top = getTopLevelAncestor(block, user);
      if (!top)
        return failure();
      last = std::max(last, positions.lookup(top));
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          worklist.push_back(result);
      // A region op may yield the buffer out through a result of its
      // ancestor (scf.for iter_args): those results alias it too.
      if (top != user)
        for (Value result : top->getResults())
          if (isa<BaseMemRefType>(result.getType()))
            worklist.push_back(result);
    }
  }
  return last;
}

/// Places `buffers` (live ranges and sizes set) and returns the arena size.
int64_t placeBuffers(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    order.push_back(&buffer);
  llvm::stable_sort(order,
                    [](Buffer *a, Buffer *b) { return a->size > b->size; });
  SmallVector<Buffer *> placed;
  int64_t arenaSize = 0;
  for (Buffer *buffer : order) {
    // Placed buffers live at the same time, by offset.
    SmallVector<Buffer *> conflicts;
    for (Buffer *other : placed)
      if (other->begin <= buffer->end && buffer->begin <= other->end)
        conflicts.push_back(other);
    llvm::sort(conflicts,
               [](Buffer *a, Buffer *b) { return a->offset < b->offset; });
    int64_t offset = 0;
    for (Buffer *other : conflicts) {
      if (offset + buffer->size <= other->offset)
        break;
      offset = std::max(offset, other->offset + other->size);
    }
    buffer->offset = offset;
    arenaSize = std::max(arenaSize, offset + buffer->size);
    placed.push_back(buffer);
  }
  return arenaSize;
}

struct PlanArenaPass : PassWrapper<PlanArenaPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(PlanArenaPass)

  PlanArenaPass() = default;
  PlanArenaPass(const PlanArenaPass &other) : PassWrapper(other) {}

  StringRef getArgument() const override { return "kiln-plan-arena"; }
  StringRef getDescription() const override {
    return "Place the intermediate buffers of the model function in the "
           "runtime's arena by liveness";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<arith::ArithDialect, memref::MemRefDialect>();
  }

  Option<bool> report{*this, "report",
                      llvm::cl::desc("Report the arena size, the sum of the "
                                     "planned buffers and the peak of live "
                                     "bytes as a remark"),
                      llvm::cl::init(false)};

  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t totalArena = 0, totalBuffers = 0, totalPeak = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal() || func.getNumArguments() == 0 ||
          !func.getArgAttr(0, kiln::kExecContextAttrName))
        continue;
      Block &block = func.getBody().front();
      DenseMap<Operation *, unsigned> positions;
      unsigned position = 0;
      for (Operation &op : block)
        positions[&op] = position++;
      SmallVector<Buffer> buffers;
      for (auto alloc : block.getOps<memref::AllocOp>()) {
        MemRefType type = alloc.getType();
        if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
            !type.getElementType().isIntOrFloat() || type.getMemorySpace())
          continue;
        int64_t bits = type.getElementTypeBitWidth();
        int64_t bytes = type.getNumElements() * ((bits + 7) / 8);
        if (bytes == 0)
          continue;
        FailureOr<unsigned> last = getLastUse(block, alloc, positions);
        if (failed(last))
          continue;
        Buffer buffer;
        buffer.alloc = alloc;
        buffer.size = llvm::alignTo(bytes, kiln::kArenaAlignment);
        buffer.begin = positions.lookup(alloc);
        buffer.end = *last;
        buffers.push_back(buffer);
      }
      if (buffers.empty())
        continue;
      int64_t arenaSize = placeBuffers(buffers);
      int64_t sum = 0, peak = 0;
      for (Buffer &buffer : buffers) {
        sum += buffer.size;
        int64_t live = 0;
        for (Buffer &other : buffers)
          if (other.begin <= buffer.begin && buffer.begin <= other.end)
            live += other.size;
        peak = std::max(peak, live);
      }

      // The arena argument, after every other one.
      MLIRContext *context = &getContext();
      auto arenaType =
          MemRefType::get({arenaSize}, IntegerType::get(context, 8));
      unsigned index = func.getNumArguments();
      if (failed(func.insertArgument(index, arenaType, {}, func.getLoc())))
        return signalPassFailure();
      Value arena = func.getArgument(index);
      for (Buffer &buffer : buffers) {
        OpBuilder builder(buffer.alloc);
        Value offset = arith::ConstantIndexOp::create(
            builder, buffer.alloc.getLoc(), buffer.offset);
        Value view = memref::ViewOp::create(builder, buffer.alloc.getLoc(),
                                            buffer.alloc.getType(), arena,
                                            offset, ValueRange());
        buffer.alloc.replaceAllUsesWith(view);
        buffer.alloc.erase();
      }
      // One model function per module in kiln-compile; for several, the
      // module records the largest.
      totalArena = std::max(totalArena, arenaSize);
      totalBuffers = std::max(totalBuffers, sum);
      totalPeak = std::max(totalPeak, peak);
      if (report)
        func.emitRemark() << "arena of " << arenaSize << " bytes for "
                          << buffers.size() << " buffers of " << sum
                          << " bytes in all, at most " << peak
                          << " bytes live at once";
    }
    if (totalArena == 0)
      return;
    Builder builder(&getContext());
    module->setAttr(kiln::kArenaSizeAttrName,
                    builder.getI64IntegerAttr(totalArena));
    module->setAttr(kiln::kArenaBuffersAttrName,
                    builder.getI64IntegerAttr(totalBuffers));
    module->setAttr(kiln::kArenaPeakLiveAttrName,
                    builder.getI64IntegerAttr(totalPeak));
  }
};
} // namespace

std::unique_ptr<Pass> mlir::kiln::createPlanArenaPass() {
  return std::make_unique<PlanArenaPass>();
}

void mlir::kiln::registerPlanArenaPass() { PassRegistration<PlanArenaPass>(); }
