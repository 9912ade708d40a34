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

namespace mlir::kiln {
#define GEN_PASS_DEF_PREFETCHBLOCKS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kAheadAttrName = "kiln.prefetch_ahead";

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

/// `index` with `iv` advanced by `ahead`, built before `before`: `iv` itself
/// or an affine.apply of it and values defined outside `loop`. Null when
/// `index` is another expression.
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
    auto type = dyn_cast<MemRefType>(read.getBase().getType());
    if (!type || !isConstantGlobal(read.getBase()) ||
        loop->isAncestor(read.getBase().getParentRegion()->getParentOp()))
      return;
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (elementBytes <= 0 || failed(type.getStridesAndOffset(strides, offset)))
      return;
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

struct PrefetchBlocksPass : kiln::impl::PrefetchBlocksBase<PrefetchBlocksPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kAheadAttrName))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      auto ahead = loop->getAttrOfType<IntegerAttr>(kAheadAttrName);
      loop->removeAttr(kAheadAttrName);
      if (ahead && ahead.getInt() > 0)
        prefetchAhead(loop, ahead.getInt());
    }
  }
};
} // namespace
