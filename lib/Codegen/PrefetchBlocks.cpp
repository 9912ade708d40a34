//===- PrefetchBlocks.cpp - Prefetch the next block of a filter -----------===//
//
// See the description of kiln-prefetch-blocks in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_PREFETCHBLOCKS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kAheadAttrName = "kiln.prefetch_ahead";
constexpr llvm::StringLiteral kInputAheadAttrName = "kiln.prefetch_input_ahead";

/// Bytes of a cache line.
constexpr int64_t kLineBytes = 64;

/// Whether `value` is a constant global (weights), seen through views.
bool isConstantGlobal(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (auto get = dyn_cast<memref::GetGlobalOp>(def)) {
      auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
          get, get.getNameAttr());
      return global && global.getConstant();
    }
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      return false;
    value = view.getViewSource();
  }
  return false;
}

/// The strides (in elements) and the element size of `base`, a memref
/// defined outside `loop`; false for another value or a layout without
/// strides.
bool getOuterStrides(scf::ForOp loop, Value base,
                     SmallVectorImpl<int64_t> &strides, int64_t &elementBytes) {
  auto type = dyn_cast<MemRefType>(base.getType());
  if (!type || loop->isAncestor(base.getParentRegion()->getParentOp()))
    return false;
  elementBytes = type.getElementTypeBitWidth() / 8;
  int64_t offset;
  return elementBytes > 0 &&
         succeeded(type.getStridesAndOffset(strides, offset));
}

/// `index` with `iv` advanced by `ahead`, built at `builder`'s insertion
/// point: `iv` itself or an affine.apply of it and values defined outside
/// `loop`. Null when `index` is another expression.
Value advance(OpBuilder &builder, scf::ForOp loop, Value index, int64_t ahead) {
  Value iv = loop.getInductionVar();
  Location loc = loop.getLoc();
  auto shifted = [&]() -> Value {
    Value step = arith::ConstantIndexOp::create(builder, loc, ahead);
    return arith::AddIOp::create(builder, loc, iv, step);
  };
  if (index == iv)
    return shifted();
  auto apply = index.getDefiningOp<affine::AffineApplyOp>();
  if (!apply || !llvm::is_contained(apply.getOperands(), iv))
    return nullptr;
  for (Value operand : apply.getOperands())
    if (operand != iv &&
        loop->isAncestor(operand.getParentRegion()->getParentOp()))
      return nullptr;
  Value next = shifted();
  SmallVector<Value> operands;
  for (Value operand : apply.getOperands())
    operands.push_back(operand == iv ? next : operand);
  return affine::AffineApplyOp::create(builder, loc, apply.getAffineMap(),
                                       operands);
}

/// Prefetches, at the start of each iteration of `loop`, the rows of
/// constant operands that iteration `ahead` steps further reads.
void prefetchAhead(scf::ForOp loop, int64_t ahead) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!step || *step <= 0)
    return;
  OpBuilder builder(loop.getBody(), loop.getBody()->begin());
  Value iv = loop.getInductionVar();
  llvm::SmallDenseSet<std::pair<Value, unsigned>> done;
  loop.getBody()->walk([&](vector::TransferReadOp read) {
    SmallVector<int64_t> strides;
    int64_t elementBytes;
    if (!isConstantGlobal(read.getBase()) ||
        !getOuterStrides(loop, read.getBase(), strides, elementBytes))
      return;
    auto type = cast<MemRefType>(read.getBase().getType());
    ValueRange indices = read.getIndices();
    for (auto [dim, index] : llvm::enumerate(indices)) {
      bool usesIv = index == iv;
      if (auto apply = index.getDefiningOp<affine::AffineApplyOp>())
        usesIv = llvm::is_contained(apply.getOperands(), iv);
      if (!usesIv || !done.insert({read.getBase(), dim}).second)
        continue;
      // The rows behind `dim` must be contiguous and static; the indices
      // before it defined outside the loop.
      ArrayRef<int64_t> shape = type.getShape();
      int64_t elements = 1;
      bool contiguous = true;
      for (int64_t d = type.getRank() - 1; d > static_cast<int64_t>(dim); --d) {
        if (ShapedType::isDynamic(shape[d]) || strides[d] != elements)
          contiguous = false;
        elements *= shape[d];
      }
      bool outside = llvm::all_of(indices.take_front(dim), [&](Value v) {
        return !loop->isAncestor(v.getParentRegion()->getParentOp());
      });
      if (!contiguous || !outside)
        continue;
      Value next = advance(builder, loop, index, ahead * *step);
      if (!next)
        continue;
      int64_t perLine = std::max<int64_t>(1, kLineBytes / elementBytes);
      for (int64_t first = 0; first < elements; first += perLine) {
        SmallVector<Value> at(indices.take_front(dim));
        at.push_back(next);
        // `first` as indices of the dimensions behind `dim`.
        SmallVector<int64_t> inner(type.getRank() - dim - 1);
        int64_t rest = first;
        for (int64_t d = type.getRank() - 1, i = inner.size() - 1;
             d > static_cast<int64_t>(dim); --d, --i) {
          inner[i] = rest % shape[d];
          rest /= shape[d];
        }
        for (int64_t value : inner)
          at.push_back(
              arith::ConstantIndexOp::create(builder, loop.getLoc(), value));
        memref::PrefetchOp::create(builder, loop.getLoc(), read.getBase(), at,
                                   /*isWrite=*/false, /*localityHint=*/2,
                                   /*isDataCache=*/true);
      }
    }
  });
}

/// Prefetches, before the first and the last of the reads of each buffer in
/// the body of `loop` that index one dimension of at least a cache line's
/// stride with the loop's induction variable (the values of a few
/// neighbouring pixels of one input row, or the panel of 2L output channels
/// of a constant filter), what those reads read `ahead` steps further
/// (clamped to the last step).
void prefetchInputAhead(scf::ForOp loop, int64_t ahead) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!step || *step <= 0)
    return;
  Value iv = loop.getInductionVar();
  // The reads of each buffer, in the body's order: the read, its indices,
  // the dimension the induction variable indexes and the elements the read
  // spans along the innermost dimension.
  struct Read {
    Operation *op;
    ValueRange indices;
    unsigned dim;
    int64_t span;
  };
  llvm::MapVector<Value, SmallVector<Read>> reads;
  auto add = [&](Operation *op, Value base, ValueRange indices, int64_t span) {
    SmallVector<int64_t> strides;
    int64_t elementBytes;
    if (!getOuterStrides(loop, base, strides, elementBytes))
      return;
    for (auto [dim, index] : llvm::enumerate(indices))
      if (index == iv && dim + 1 < indices.size() &&
          !ShapedType::isDynamic(strides[dim]) &&
          strides[dim] * elementBytes >= kLineBytes) {
        reads[base].push_back({op, indices, static_cast<unsigned>(dim), span});
        return;
      }
  };
  for (Operation &op : *loop.getBody()) {
    if (auto load = dyn_cast<memref::LoadOp>(op))
      add(load, load.getMemRef(), load.getIndices(), 1);
    // A read of vectors: its span is what its vector covers along the
    // memref's innermost dimension (a panel of 2L output channels read as
    // one row of a register tile's accumulators, vector<7x32xf32> with the
    // map (0, d4)), 1 if it only broadcasts along it.
    if (auto read = dyn_cast<vector::TransferReadOp>(op)) {
      AffineMap map = read.getPermutationMap();
      unsigned innermost = map.getNumDims() - 1;
      int64_t span = 1;
      bool plain = true;
      for (auto [i, result] : llvm::enumerate(map.getResults())) {
        if (auto dim = dyn_cast<AffineDimExpr>(result)) {
          if (dim.getPosition() == innermost)
            span = read.getVectorType().getDimSize(i);
        } else if (!isa<AffineConstantExpr>(result)) {
          plain = false;
        }
      }
      if (plain)
        add(read, read.getBase(), read.getIndices(), span);
    }
  }
  if (reads.empty())
    return;
  // The step `ahead` steps further, at most the last one, once per
  // iteration.
  OpBuilder builder(loop.getBody(), loop.getBody()->begin());
  Location loc = loop.getLoc();
  Value last = arith::SubIOp::create(
      builder, loc, loop.getUpperBound(),
      arith::ConstantIndexOp::create(builder, loc, 1));
  Value next = arith::MinSIOp::create(
      builder, loc,
      arith::AddIOp::create(
          builder, loc, iv,
          arith::ConstantIndexOp::create(builder, loc, ahead * *step)),
      last);
  for (auto &[base, group] : reads) {
    // The first and the last element read (a line apart at most for the
    // few pixels of a register tile).
    SmallVector<std::pair<Read, int64_t>> ends = {{group.front(), 0}};
    if (group.size() > 1 || group.front().span > 1)
      ends.push_back({group.back(), group.back().span - 1});
    // Rows of an activation into L1 (the next steps read them); the panel
    // of a constant filter, which the tile's next register tiles read
    // again, into L2: into L1 as well, ResNet-50's 1x1 1024 -> 256 at 14x14
    // ran 8 % faster but its 256 -> 1024 two kernels later 12 % slower
    // (fastest calls, 4 alternating rounds).
    int64_t locality = isConstantGlobal(base) ? 2 : 3;
    for (auto [read, shift] : ends) {
      builder.setInsertionPoint(read.op);
      SmallVector<Value> at(read.indices);
      at[read.dim] = next;
      if (shift > 0)
        at.back() = arith::AddIOp::create(
            builder, loc, at.back(),
            arith::ConstantIndexOp::create(builder, loc, shift));
      memref::PrefetchOp::create(builder, loc, base, at, /*isWrite=*/false,
                                 /*localityHint=*/locality,
                                 /*isDataCache=*/true);
    }
  }
}

struct PrefetchBlocksPass : kiln::impl::PrefetchBlocksBase<PrefetchBlocksPass> {
  using Base::Base;

  void runOnOperation() override {
    prefetchMarked(kAheadAttrName, prefetchAhead);
    prefetchMarked(kInputAheadAttrName, prefetchInputAhead);
  }

  /// Calls `prefetch` on every loop marked with a positive `attrName`, and
  /// drops the marks.
  void prefetchMarked(StringRef attrName,
                      function_ref<void(scf::ForOp, int64_t)> prefetch) {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(attrName))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      auto ahead = loop->getAttrOfType<IntegerAttr>(attrName);
      loop->removeAttr(attrName);
      if (ahead && ahead.getInt() > 0)
        prefetch(loop, ahead.getInt());
    }
  }
};
} // namespace
