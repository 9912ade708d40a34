//===- GpuMapLinalg.cpp - Bufferized linalg ops to gpu.launch -------------===//
//
// Every linalg op of a bufferized function becomes one gpu.launch in which a
// thread computes one point of the op's parallel loops and runs the reduction
// loops itself, accumulating in registers. Anything else that touches memory
// on the host runs in a kernel of one thread.
//
//===----------------------------------------------------------------------===//

#include "GpuMapUtils.h"
#include "GpuTiledContraction.h"

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPUMAPLINALG
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln::gpu_map;

/// Whether `op`, at the top level of a host function, stays on the host:
/// allocations, views, constants, globals and pure scalar arithmetic.
static bool staysOnHost(Operation *op) {
  if (op->hasTrait<OpTrait::IsTerminator>())
    return true;
  if (isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp,
          memref::GetGlobalOp, memref::ExpandShapeOp, memref::CollapseShapeOp,
          memref::CastOp, memref::ReinterpretCastOp, memref::SubViewOp,
          memref::ViewOp, memref::ExtractStridedMetadataOp,
          memref::ExtractAlignedPointerAsIndexOp, gpu::LaunchOp,
          gpu::LaunchFuncOp>(op))
    return true;
  if (isa<ViewLikeOpInterface>(op))
    return true;
  return op->getNumRegions() == 0 && isMemoryEffectFree(op);
}

namespace {
/// Maps one linalg op to a kernel with one thread per parallel point.
class ParallelMapper {
public:
  ParallelMapper(linalg::LinalgOp op, unsigned blockSize)
      : op(op), blockSize(blockSize) {}

  /// Whether `next`, the next op of the block that touches memory, can run
  /// in the same threads after the op: an elementwise op over the op's
  /// parallel loops (same ranges, same order) that reads the op's outputs
  /// at the element each thread computes, and writes nothing the op reads.
  bool canFuseEpilogue(linalg::LinalgOp next) {
    ParallelMapper mapper(next, blockSize);
    if (!mapper.canMap() || mapper.hasReduction() ||
        next.getNumLoops() != parallel.size())
      return false;
    for (auto [i, d] : llvm::enumerate(parallel))
      if (mapper.ranges[i] != ranges[d])
        return false;
    // Position of each of this op's loops among the next op's loops.
    DenseMap<unsigned, unsigned> position;
    for (auto [i, d] : llvm::enumerate(parallel))
      position[d] = i;
    DenseMap<Value, AffineMap> written;
    SmallVector<Value> readRoots, writtenRoots;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      written[init.get()] = op.getMatchingIndexingMap(&init);
      writtenRoots.push_back(rootBuffer(init.get()));
    }
    for (OpOperand *input : op.getDpsInputOperands())
      readRoots.push_back(rootBuffer(input->get()));
    for (OpOperand &operand : next->getOpOperands()) {
      if (!isa<MemRefType>(operand.get().getType()))
        continue;
      Value root = rootBuffer(operand.get());
      bool isInit = next.isDpsInit(&operand);
      // The next op writes nothing this op reads.
      if (isInit && llvm::is_contained(readRoots, root))
        return false;
      auto found = written.find(operand.get());
      if (found == written.end()) {
        // Another view of a buffer this op writes: not the same element.
        if (llvm::is_contained(writtenRoots, root))
          return false;
        continue;
      }
      // Read (or written) at the element the thread computed.
      AffineMap map = next.getMatchingIndexingMap(&operand);
      if (map.getNumResults() != found->second.getNumResults())
        return false;
      for (auto [mine, theirs] :
           llvm::zip(found->second.getResults(), map.getResults())) {
        auto dim = dyn_cast<AffineDimExpr>(theirs);
        if (!dim || dim.getPosition() !=
                        position[cast<AffineDimExpr>(mine).getPosition()])
          return false;
      }
    }
    return true;
  }

  /// Runs `next` (see canFuseEpilogue) in the same kernel.
  void setEpilogue(linalg::LinalgOp next) { epilogue = next; }

  /// Whether the op has reduction loops (canMap must have returned true).
  bool hasReduction() const { return !reduction.empty(); }

  /// Starts the accumulator of output `index` from `value` instead of the
  /// output's contents (the value a fill just wrote there).
  void setInitialValue(unsigned index, Value value) {
    initialValues.resize(op.getNumDpsInits());
    initialValues[index] = value;
  }

  /// Whether the op can be mapped: buffers, static loop ranges, and every
  /// output indexed by exactly the parallel loops (each output element is
  /// written by one thread).
  bool canMap() {
    if (!op.hasPureBufferSemantics() || op->getNumRegions() != 1 ||
        op->getRegion(0).empty())
      return false;
    ranges = op.getStaticLoopRanges();
    if (llvm::any_of(ranges, ShapedType::isDynamic))
      return false;
    for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray())) {
      if (type == utils::IteratorType::parallel)
        parallel.push_back(d);
      else
        reduction.push_back(d);
    }
    for (OpOperand &init : op.getDpsInitsMutable()) {
      AffineMap map = op.getMatchingIndexingMap(&init);
      if (!map.isProjectedPermutation())
        return false;
      llvm::SmallDenseSet<unsigned> dims;
      for (AffineExpr expr : map.getResults())
        dims.insert(cast<AffineDimExpr>(expr).getPosition());
      if (dims.size() != parallel.size() ||
          llvm::any_of(parallel, [&](unsigned d) { return !dims.count(d); }))
        return false;
    }
    return true;
  }

  void map(RewriterBase &rewriter) {
    Location loc = op.getLoc();
    int64_t points = 1;
    for (unsigned d : parallel)
      points *= ranges[d];
    if (points == 0) {
      rewriter.eraseOp(op);
      return;
    }
    int64_t block =
        std::min<int64_t>(blockSize, llvm::alignTo(points, /*Align=*/32));
    int64_t grid = llvm::divideCeil(points, block);
    rewriter.setInsertionPoint(op);
    gpu::LaunchOp launch = createLaunch(rewriter, loc, {grid}, block);
    launch->setAttr("kiln.kernel_kind", rewriter.getStringAttr("map"));

    // id = blockIdx.x * blockDim.x + threadIdx.x; threads past the end idle.
    Value blockDim = arith::ConstantIndexOp::create(rewriter, loc, block);
    Value id = arith::AddIOp::create(
        rewriter, loc,
        arith::MulIOp::create(rewriter, loc, launch.getBlockIds().x, blockDim),
        launch.getThreadIds().x);
    Value count = arith::ConstantIndexOp::create(rewriter, loc, points);
    Value inRange = arith::CmpIOp::create(rewriter, loc,
                                          arith::CmpIPredicate::ult, id, count);
    auto guard = scf::IfOp::create(rewriter, loc, inRange,
                                   /*withElseRegion=*/false);
    rewriter.setInsertionPoint(guard.thenBlock()->getTerminator());

    // Delinearize: the innermost parallel loop varies fastest.
    ivs.assign(ranges.size(), Value());
    Value rest = id;
    for (unsigned d : llvm::reverse(parallel)) {
      if (d == parallel.front()) {
        ivs[d] = rest; // id < points: the outermost index needs no modulo.
        break;
      }
      Value size = arith::ConstantIndexOp::create(rewriter, loc, ranges[d]);
      ivs[d] = arith::RemUIOp::create(rewriter, loc, rest, size);
      rest = arith::DivUIOp::create(rewriter, loc, rest, size);
    }

    SmallVector<OpOperand *> inits;
    for (OpOperand &init : op.getDpsInitsMutable())
      inits.push_back(&init);
    SmallVector<Value> results;
    if (reduction.empty()) {
      // An output is read only when the payload uses its old value.
      Block &body = op->getRegion(0).front();
      SmallVector<Value> outputs;
      for (OpOperand *init : inits)
        outputs.push_back(body.getArgument(init->getOperandNumber()).use_empty()
                              ? Value()
                              : load(rewriter, *init));
      results = payload(rewriter, outputs);
    } else {
      // Accumulators start from the outputs' current values.
      SmallVector<Value> accs;
      for (auto [i, init] : llvm::enumerate(inits))
        accs.push_back(i < initialValues.size() && initialValues[i]
                           ? initialValues[i]
                           : load(rewriter, *init));
      results = reduce(rewriter, accs, 0);
    }
    ResultWriter writer(op, parallel, epilogue);
    writer.writeAt(rewriter, loc, ivs, results);
    if (epilogue)
      launch->setAttr("kiln.kernel_kind",
                      rewriter.getStringAttr("map_epilogue"));
    rewriter.eraseOp(op);
    writer.finish(rewriter);
  }

private:
  /// Nested reduction loops from reduction loop number `depth` on.
  SmallVector<Value> reduce(RewriterBase &rewriter, ValueRange accs,
                            unsigned depth) {
    if (depth == reduction.size())
      return payload(rewriter, accs);
    Location loc = op.getLoc();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value upper =
        arith::ConstantIndexOp::create(rewriter, loc, ranges[reduction[depth]]);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, upper, one, accs,
        [&](OpBuilder &b, Location loc, Value iv, ValueRange iterArgs) {
          ivs[reduction[depth]] = iv;
          OpBuilder::InsertionGuard guard(rewriter);
          rewriter.setInsertionPoint(b.getInsertionBlock(),
                                     b.getInsertionPoint());
          SmallVector<Value> next = reduce(rewriter, iterArgs, depth + 1);
          scf::YieldOp::create(rewriter, loc, next);
        });
    return loop.getResults();
  }

  SmallVector<Value> indices(OpBuilder &b, OpOperand &operand) {
    return indicesAt(b, op, operand, ivs);
  }
  Value load(OpBuilder &b, OpOperand &operand) {
    return loadAt(b, op, operand, ivs);
  }
  SmallVector<Value> payload(RewriterBase &rewriter, ValueRange outputs) {
    return payloadAt(rewriter, op, ivs, outputs);
  }

  linalg::LinalgOp op;
  unsigned blockSize;
  SmallVector<int64_t> ranges;
  SmallVector<unsigned> parallel, reduction;
  SmallVector<Value> ivs;
  SmallVector<Value> initialValues;
  linalg::LinalgOp epilogue;
};

/// The linalg.fill that last wrote `buffer` if it is the previous op of the
/// block that touches memory (so nothing read or wrote `buffer` since) and
/// `op` reads nothing but `buffer`'s old contents from it.
static linalg::FillOp findFillOfInit(linalg::LinalgOp op, Value buffer) {
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode()) {
    if (staysOnHost(prev))
      continue;
    auto fill = dyn_cast<linalg::FillOp>(prev);
    if (!fill || !fill.hasPureBufferSemantics() ||
        fill.getDpsInits()[0] != buffer)
      return nullptr;
    for (OpOperand *input : op.getDpsInputOperands())
      if (input->get() == buffer)
        return nullptr;
    return fill;
  }
  return nullptr;
}

struct GpuMapLinalgPass : kiln::impl::GpuMapLinalgBase<GpuMapLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isDeclaration())
      return;
    if (blockSize == 0 || blockSize > 1024 || blockSize % 32 != 0) {
      func.emitError() << "block-size must be a multiple of 32 up to 1024, "
                          "got "
                       << blockSize;
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    // A fill of a reduction's output just before it becomes the initial
    // value of the reduction's accumulators: one kernel and one pass over
    // the output less (every matmul, convolution and reduction starts so).
    DenseMap<Operation *, SmallVector<Value>> initialValues;
    func.walk([&](linalg::LinalgOp op) {
      if (op->getParentOp() != func)
        return;
      ParallelMapper mapper(op, blockSize);
      if (!mapper.canMap() || !mapper.hasReduction())
        return;
      for (auto [i, init] : llvm::enumerate(op.getDpsInits())) {
        if (linalg::FillOp fill = findFillOfInit(op, init)) {
          auto &values = initialValues[op];
          values.resize(op.getNumDpsInits());
          values[i] = fill.getInputs()[0];
          rewriter.eraseOp(fill);
        }
      }
    });
    SmallVector<gpu::LaunchOp> serial;
    for (Block &block : func.getBody()) {
      SmallVector<Operation *> ops;
      for (Operation &op : block)
        ops.push_back(&op);
      DenseSet<Operation *> erased;
      for (Operation *opPtr : ops) {
        if (erased.contains(opPtr))
          continue;
        Operation &op = *opPtr;
        if (staysOnHost(&op))
          continue;
        if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op)) {
          ParallelMapper mapper(linalgOp, blockSize);
          if (mapper.canMap()) {
            // The next op that touches memory may run in the same threads.
            Operation *next = op.getNextNode();
            while (next && staysOnHost(next))
              next = next->getNextNode();
            auto nextLinalg = dyn_cast_or_null<linalg::LinalgOp>(next);
            linalg::LinalgOp epilogue;
            if (fuseEpilogues && nextLinalg &&
                mapper.canFuseEpilogue(nextLinalg)) {
              // The host ops in between (views, constants) go first: the
              // kernel uses them.
              for (Operation *between = op.getNextNode(); between != next;) {
                Operation *following = between->getNextNode();
                between->moveBefore(&op);
                between = following;
              }
              mapper.setEpilogue(nextLinalg);
              epilogue = nextLinalg;
              erased.insert(next);
            }
            auto fused = initialValues.find(linalgOp);
            if (fused != initialValues.end())
              for (auto [i, value] : llvm::enumerate(fused->second))
                if (value)
                  mapper.setInitialValue(i, value);
            // Matmuls and convolutions: tiled through shared memory.
            if (tileContractions && mapper.hasReduction()) {
              Value initialValue;
              if (fused != initialValues.end() && !fused->second.empty())
                initialValue = fused->second.front();
              if (succeeded(mapTiledContraction(rewriter, linalgOp, epilogue,
                                                initialValue, tensorCores)))
                continue;
            }
            mapper.map(rewriter);
            continue;
          }
        }
        // Anything else runs in one thread.
        for (Value result : op.getResults()) {
          if (!result.use_empty()) {
            op.emitError() << "'" << op.getName()
                           << "' computes a value on the device that the host "
                              "uses; the GPU pipeline cannot lower it";
            return signalPassFailure();
          }
        }
        rewriter.setInsertionPoint(&op);
        gpu::LaunchOp launch = createLaunch(rewriter, op.getLoc(), {1}, 1);
        launch->setAttr("kiln.kernel_kind", rewriter.getStringAttr("serial"));
        op.moveBefore(&launch.getBody().front().back());
        serial.push_back(launch);
      }
    }
    // Linalg ops of one-thread kernels become sequential loops.
    for (gpu::LaunchOp launch : serial) {
      SmallVector<linalg::LinalgOp> ops;
      launch.walk([&](linalg::LinalgOp op) { ops.push_back(op); });
      for (linalg::LinalgOp op : ops) {
        rewriter.setInsertionPoint(op);
        if (failed(linalg::linalgOpToLoops(rewriter, op))) {
          op.emitError() << "'" << op->getName()
                         << "' cannot be lowered to loops for the GPU";
          return signalPassFailure();
        }
        rewriter.eraseOp(op);
      }
    }
  }
};
} // namespace
