//===- FreeBuffers.cpp - Free heap buffers after their last use -----------===//
//
// A buffer that stays in its block (its views followed) is freed right after
// the op of that block that uses it last; when any buffer escapes, MLIR's
// ownership-based deallocation pipeline frees them all instead.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FREEBUFFERS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
/// What happens to a buffer (a `memref.alloc`, or the result of an `scf.if`
/// each of whose branches yields a buffer of its own there).
struct Fate {
  enum Kind { Local, Yielded, Escapes } kind;
  /// Local: the op of the buffer's block after which it is dead (its
  /// definition when nothing uses it).
  Operation *last = nullptr;
  /// Yielded: its use by the `scf.yield` of an `scf.if` branch that hands
  /// it out, unviewed, as the `scf.if`'s result of the same number.
  OpOperand *yield = nullptr;
};
} // namespace

/// The fate of `buffer`: it stays in its block unless it or a view of it is
/// taken by a terminator (other than the yield of an `scf.if` branch that
/// hands the buffer itself out) or a call, or by an op that is not a view
/// of it and gives back a memref (a loop's iteration argument, a select
/// between buffers).
static Fate getFate(Value buffer) {
  Operation *def = buffer.getDefiningOp();
  Block *block = def->getBlock();
  Operation *last = def;
  OpOperand *yield = nullptr;
  SmallVector<Value> worklist{buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (isa<scf::YieldOp>(user) && isa<scf::IfOp>(user->getParentOp()) &&
          value == buffer && user->getBlock() == block && !yield) {
        yield = &use;
        continue;
      }
      if (user->hasTrait<OpTrait::IsTerminator>() || isa<CallOpInterface>(user))
        return {Fate::Escapes};
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      if (view && view.getViewSource() == value) {
        worklist.append(user->result_begin(), user->result_end());
      } else if (llvm::any_of(user->getResultTypes(),
                              llvm::IsaPred<BaseMemRefType>)) {
        return {Fate::Escapes};
      }
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      if (!ancestor)
        return {Fate::Escapes};
      if (last->isBeforeInBlock(ancestor))
        last = ancestor;
    }
  }
  if (yield)
    return {Fate::Yielded, nullptr, yield};
  if (last->hasTrait<OpTrait::IsTerminator>())
    return {Fate::Escapes};
  return {Fate::Local, last};
}

namespace {
struct FreeBuffersPass : kiln::impl::FreeBuffersBase<FreeBuffersPass> {
  using Base::Base;

  /// Buffers to free, each after an op.
  SmallVector<std::pair<Value, Operation *>> frees;
  /// Results of `scf.if`s (op, result number) and how many of their
  /// branches yield a buffer there.
  llvm::DenseMap<std::pair<Operation *, unsigned>, unsigned> yieldingBranches;

  /// Plans the deallocation of `buffer`; false when it escapes.
  bool place(Value buffer) {
    Fate fate = getFate(buffer);
    switch (fate.kind) {
    case Fate::Local:
      frees.emplace_back(buffer, fate.last);
      return true;
    case Fate::Yielded: {
      // The scf.if's result owns the buffers once each branch yields one.
      auto ifOp = cast<scf::IfOp>(fate.yield->getOwner()->getParentOp());
      unsigned index = fate.yield->getOperandNumber();
      if (++yieldingBranches[{ifOp, index}] == 2)
        return place(ifOp.getResult(index));
      return true;
    }
    case Fate::Escapes:
      return false;
    }
    llvm_unreachable("unknown fate");
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    frees.clear();
    yieldingBranches.clear();
    bool allLocal = !module
                         .walk([&](memref::AllocOp alloc) {
                           return place(alloc.getResult())
                                      ? WalkResult::advance()
                                      : WalkResult::interrupt();
                         })
                         .wasInterrupted();
    // An scf.if with one branch yielding a buffer of its own and the other
    // something else (a view of an argument) hands out a buffer that only
    // sometimes needs freeing.
    allLocal &= llvm::all_of(yieldingBranches,
                             [](auto &entry) { return entry.second == 2; });
    if (allLocal) {
      OpBuilder builder(&getContext());
      for (auto [buffer, last] : frees) {
        builder.setInsertionPointAfter(last);
        memref::DeallocOp::create(builder, buffer.getLoc(), buffer);
      }
      return;
    }
    OpPassManager pipeline(ModuleOp::getOperationName());
    bufferization::buildBufferDeallocationPipeline(pipeline);
    if (failed(runPipeline(pipeline, module)))
      signalPassFailure();
  }
};
} // namespace
