//===- GpuLaunchToLoops.cpp - gpu.launch as loops on the host -------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPULAUNCHTOLOOPS
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
/// Runs the body of a launch with barriers or shared memory: the body is cut
/// at its barriers into phases, each a loop over the block's threads, so
/// that every thread finishes a phase before any starts the next. A value a
/// thread computes in one phase and uses in another lives in an array with
/// one element per thread; so do the iteration arguments of a loop that
/// contains barriers (its bounds must be the same for every thread).
/// Shared memory is one host buffer per workgroup attribution, which the
/// blocks, running one after the other, reuse.
class PhasedLaunch {
public:
  PhasedLaunch(RewriterBase &rewriter, gpu::LaunchOp launch,
               int64_t numThreads)
      : rewriter(rewriter), launch(launch), loc(launch.getLoc()),
        numThreads(numThreads) {}

  LogicalResult run() {
    Block &kernel = launch.getBody().front();
    rewriter.setInsertionPoint(launch);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    for (BlockArgument buffer : launch.getWorkgroupAttributions()) {
      auto type = cast<MemRefType>(buffer.getType());
      auto host = MemRefType::get(type.getShape(), type.getElementType());
      Value alloc = memref::AllocOp::create(rewriter, loc, host);
      uniform.map(buffer, alloc);
    }
    gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
    gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
    Value sizes[] = {grid.z, grid.y, grid.x};
    Value ivs[3];
    scf::ForOp outer;
    for (int i = 0; i < 3; ++i) {
      auto loop = scf::ForOp::create(rewriter, loc, zero, sizes[i], one);
      if (!outer)
        outer = loop;
      ivs[i] = loop.getInductionVar();
      rewriter.setInsertionPoint(loop.getBody()->getTerminator());
    }
    spillPoint = outer;
    // Block ids, thread ids (x per phase; y and z are 0), sizes.
    Value replacements[] = {ivs[2],  ivs[1],  ivs[0],  Value(),
                            zero,    zero,    grid.x,  grid.y,
                            grid.z,  block.x, block.y, block.z};
    if (kernel.getNumArguments() <
        std::size(replacements) + launch.getNumWorkgroupAttributions())
      return launch.emitError("unexpected launch body arguments");
    for (auto [arg, value] : llvm::zip(kernel.getArguments(), replacements))
      if (value)
        uniform.map(arg, value);
    threadId = launch.getThreadIds().x;
    SmallVector<Operation *> ops;
    for (Operation &op : kernel.without_terminator())
      ops.push_back(&op);
    if (failed(lowerOps(ops)))
      return failure();
    // The host pipeline's buffer deallocation frees the buffers.
    rewriter.eraseOp(launch);
    return success();
  }

private:
  static bool containsBarrier(Operation *op) {
    return op
        ->walk([](gpu::BarrierOp) { return WalkResult::interrupt(); })
        .wasInterrupted();
  }

  /// The per-thread array of `value` (created on first use).
  Value spillOf(Value value) {
    Value &spill = spills[value];
    if (spill)
      return spill;
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(spillPoint);
    auto type = MemRefType::get({numThreads}, value.getType());
    spill = memref::AllocOp::create(rewriter, loc, type);
    return spill;
  }

  /// Makes `value` available in the phase being built (thread `tid`).
  void bring(Value value, IRMapping &mapping, Value tid) {
    if (mapping.contains(value))
      return;
    if (uniform.contains(value))
      return mapping.map(value, uniform.lookup(value));
    if (value == threadId)
      return mapping.map(value, tid);
    Region *body = &launch.getBody();
    if (!body->isAncestor(value.getParentRegion()))
      return; // defined on the host
    if (Operation *def = value.getDefiningOp(); def && isa<arith::ConstantOp>(def)) {
      mapping.map(value, rewriter.clone(*def)->getResult(0));
      return;
    }
    mapping.map(value, memref::LoadOp::create(rewriter, loc, spillOf(value),
                                              ValueRange{tid}));
  }

  /// Emits a loop over the threads and calls `body` in it.
  void threadLoop(function_ref<void(Value tid, IRMapping &mapping)> body) {
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value count = arith::ConstantIndexOp::create(rewriter, loc, numThreads);
    auto loop = scf::ForOp::create(rewriter, loc, zero, count, one);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(loop.getBody()->getTerminator());
    IRMapping mapping;
    body(loop.getInductionVar(), mapping);
  }

  /// One phase: `ops` (no barrier among them) for every thread.
  void lowerPhase(ArrayRef<Operation *> ops) {
    if (ops.empty())
      return;
    llvm::SmallPtrSet<Operation *, 16> inPhase(ops.begin(), ops.end());
    threadLoop([&](Value tid, IRMapping &mapping) {
      for (Operation *op : ops) {
        op->walk([&](Operation *inner) {
          for (Value operand : inner->getOperands())
            if (!op->isAncestor(operand.getParentRegion()->getParentOp()))
              bring(operand, mapping, tid);
        });
        Operation *clone = rewriter.clone(*op, mapping);
        // Results used in another phase (or by a terminator) are kept;
        // constants are cloned where they are used.
        if (isa<arith::ConstantOp>(op))
          continue;
        for (auto [result, copy] :
             llvm::zip(op->getResults(), clone->getResults())) {
          bool escapes = llvm::any_of(result.getUsers(), [&](Operation *user) {
            Operation *ancestor =
                op->getBlock()->findAncestorOpInBlock(*user);
            return !ancestor || !inPhase.contains(ancestor);
          });
          if (escapes)
            memref::StoreOp::create(rewriter, loc, copy, spillOf(result),
                                    ValueRange{tid});
        }
      }
    });
  }

  /// A loop with barriers: the loop runs once for all threads, its
  /// iteration arguments in per-thread arrays.
  LogicalResult lowerLoop(scf::ForOp loop) {
    SmallVector<Value> bounds;
    for (Value bound : {loop.getLowerBound(), loop.getUpperBound(),
                        loop.getStep()}) {
      if (uniform.contains(bound)) {
        bounds.push_back(uniform.lookup(bound));
      } else if (!launch.getBody().isAncestor(bound.getParentRegion())) {
        bounds.push_back(bound);
      } else if (auto def = bound.getDefiningOp<arith::ConstantOp>()) {
        bounds.push_back(rewriter.clone(*def)->getResult(0));
      } else {
        return loop.emitError("a loop with barriers must have the same "
                              "bounds in every thread to be emulated");
      }
    }
    for (auto [arg, result] :
         llvm::zip(loop.getRegionIterArgs(), loop.getResults())) {
      Value array = spillOf(arg);
      spills[result] = array;
    }
    threadLoop([&](Value tid, IRMapping &mapping) {
      for (auto [init, arg] : llvm::zip(loop.getInitArgs(),
                                        loop.getRegionIterArgs())) {
        bring(init, mapping, tid);
        memref::StoreOp::create(rewriter, loc, mapping.lookupOrDefault(init),
                                spills[arg], ValueRange{tid});
      }
    });
    auto emulated =
        scf::ForOp::create(rewriter, loc, bounds[0], bounds[1], bounds[2]);
    uniform.map(loop.getInductionVar(), emulated.getInductionVar());
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(emulated.getBody()->getTerminator());
    SmallVector<Operation *> ops;
    for (Operation &op : loop.getBody()->without_terminator())
      ops.push_back(&op);
    if (failed(lowerOps(ops)))
      return failure();
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    threadLoop([&](Value tid, IRMapping &mapping) {
      SmallVector<Value> values;
      for (Value value : yield.getOperands()) {
        bring(value, mapping, tid);
        values.push_back(mapping.lookupOrDefault(value));
      }
      for (auto [value, arg] : llvm::zip(values, loop.getRegionIterArgs()))
        memref::StoreOp::create(rewriter, loc, value, spills[arg],
                                ValueRange{tid});
    });
    return success();
  }

  /// `ops` of one block, cut into phases at barriers.
  LogicalResult lowerOps(ArrayRef<Operation *> ops) {
    SmallVector<Operation *> phase;
    for (Operation *op : ops) {
      if (isa<gpu::BarrierOp>(op)) {
        lowerPhase(phase);
        phase.clear();
        continue;
      }
      if (!containsBarrier(op)) {
        phase.push_back(op);
        continue;
      }
      lowerPhase(phase);
      phase.clear();
      auto loop = dyn_cast<scf::ForOp>(op);
      if (!loop)
        return op->emitError("a barrier inside '")
               << op->getName() << "' cannot be emulated";
      if (failed(lowerLoop(loop)))
        return failure();
    }
    lowerPhase(phase);
    return success();
  }

  RewriterBase &rewriter;
  gpu::LaunchOp launch;
  Location loc;
  int64_t numThreads;
  Operation *spillPoint = nullptr;
  Value threadId;
  IRMapping uniform;
  DenseMap<Value, Value> spills;
};
} // namespace

namespace {
struct GpuLaunchToLoopsPass
    : kiln::impl::GpuLaunchToLoopsBase<GpuLaunchToLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk(
        [&](gpu::LaunchOp launch) { launches.push_back(launch); });
    IRRewriter rewriter(&getContext());
    for (gpu::LaunchOp launch : launches) {
      Region &body = launch.getBody();
      if (!body.hasOneBlock() || launch.getAsyncToken() ||
          launch.getNumPrivateAttributions()) {
        launch.emitError("only synchronous launches of one block without "
                         "private memory attributions run as loops");
        return signalPassFailure();
      }
      bool barriers =
          launch.getBody()
              .walk([](gpu::BarrierOp) { return WalkResult::interrupt(); })
              .wasInterrupted();
      if (barriers || launch.getNumWorkgroupAttributions()) {
        gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
        std::optional<int64_t> x = getConstantIntValue(block.x);
        std::optional<int64_t> y = getConstantIntValue(block.y);
        std::optional<int64_t> z = getConstantIntValue(block.z);
        if (!x || y != 1 || z != 1) {
          launch.emitError("a launch with barriers or shared memory runs as "
                           "loops only with constant 1-D blocks");
          return signalPassFailure();
        }
        if (failed(PhasedLaunch(rewriter, launch, *x).run()))
          return signalPassFailure();
        continue;
      }
      Location loc = launch.getLoc();
      rewriter.setInsertionPoint(launch);
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
      gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
      // Block ids outermost (z, y, x), then thread ids (z, y, x).
      Value sizes[] = {grid.z, grid.y, grid.x, block.z, block.y, block.x};
      Value ivs[6];
      for (int i = 0; i < 6; ++i) {
        auto loop = scf::ForOp::create(rewriter, loc, zero, sizes[i], one);
        ivs[i] = loop.getInductionVar();
        rewriter.setInsertionPoint(loop.getBody()->getTerminator());
      }
      Block &kernel = body.front();
      rewriter.eraseOp(kernel.getTerminator());
      // Block arguments: block ids, thread ids, grid size, block size.
      SmallVector<Value> replacements = {ivs[2], ivs[1],  ivs[0],  ivs[5],
                                         ivs[4], ivs[3],  grid.x,  grid.y,
                                         grid.z, block.x, block.y, block.z};
      if (kernel.getNumArguments() != replacements.size()) {
        launch.emitError("unexpected launch body arguments");
        return signalPassFailure();
      }
      rewriter.inlineBlockBefore(&kernel, rewriter.getInsertionBlock(),
                                 rewriter.getInsertionPoint(), replacements);
      rewriter.eraseOp(launch);
    }
  }
};
} // namespace
