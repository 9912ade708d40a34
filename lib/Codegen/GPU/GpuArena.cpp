//===- GpuArena.cpp - Intermediates of a GPU model in its arena -----------===//
//
// A GPU model allocates nothing: its intermediates are views into the arena,
// the device scratch memory the runtime passes to every entry call. Buffers
// whose lifetimes do not overlap share memory (first fit, largest first).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/GPU/Passes.h"
#include "kiln/Codegen/PlanArena.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPUARENA
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Alignment of every buffer in the arena (the largest alignment a CUDA
/// allocation guarantees).
static constexpr int64_t kAlignment = 256;

namespace {
struct Buffer {
  memref::AllocOp alloc;
  int64_t size = 0;
  unsigned first = 0, last = 0;
  int64_t offset = -1;
};

struct GpuArenaPass : kiln::impl::GpuArenaBase<GpuArenaPass> {
  using Base::Base;

  LogicalResult placeBuffers(func::FuncOp func) {
    Region &body = func.getBody();
    if (!body.hasOneBlock())
      return func.emitError("the GPU arena needs a function of one block");
    Block &block = body.front();
    DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    SmallVector<Buffer> buffers;
    WalkResult walk = func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (alloc->getBlock() != &block || !type.hasStaticShape() ||
          !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat()) {
        alloc.emitError() << "the GPU pipeline places only static, "
                             "top-level buffers of scalars in the arena, got "
                          << type;
        return WalkResult::interrupt();
      }
      Buffer buffer;
      buffer.alloc = alloc;
      int64_t bits = type.getElementType().getIntOrFloatBitWidth();
      buffer.size = type.getNumElements() * llvm::divideCeil(bits, 8);
      // The lifetime runs from the first to the last top-level op that uses
      // the buffer, directly or through views (allocations are hoisted to
      // the top of the function, so the allocation itself does not count).
      buffer.first = std::numeric_limits<unsigned>::max();
      buffer.last = 0;
      SmallVector<Value> worklist = {alloc.getResult()};
      while (!worklist.empty()) {
        Value value = worklist.pop_back_val();
        for (Operation *user : value.getUsers()) {
          Operation *top = block.findAncestorOpInBlock(*user);
          if (top && !isa<memref::DeallocOp>(user) &&
              !isa<ViewLikeOpInterface, memref::ExpandShapeOp,
                   memref::CollapseShapeOp>(user)) {
            buffer.first = std::min(buffer.first, position[top]);
            buffer.last = std::max(buffer.last, position[top]);
          }
          if (isa<ViewLikeOpInterface, memref::ExpandShapeOp,
                  memref::CollapseShapeOp>(user))
            for (Value result : user->getResults())
              if (isa<BaseMemRefType>(result.getType()))
                worklist.push_back(result);
        }
      }
      if (buffer.first > buffer.last)
        buffer.first = buffer.last = position[alloc];
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();
    // Nothing frees arena memory.
    for (Buffer &buffer : buffers)
      for (Operation *user :
           llvm::make_early_inc_range(buffer.alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();

    // Largest first, each at the lowest offset free over its lifetime.
    SmallVector<Buffer *> order;
    for (Buffer &buffer : buffers)
      order.push_back(&buffer);
    llvm::sort(order, [](Buffer *a, Buffer *b) { return a->size > b->size; });
    int64_t arenaSize = 0;
    SmallVector<Buffer *> placed;
    for (Buffer *buffer : order) {
      SmallVector<std::pair<int64_t, int64_t>> busy;
      for (Buffer *other : placed)
        if (other->first <= buffer->last && buffer->first <= other->last)
          busy.push_back({other->offset, other->offset + other->size});
      llvm::sort(busy);
      int64_t offset = 0;
      for (auto [begin, end] : busy) {
        if (offset + buffer->size <= begin)
          break;
        offset = std::max<int64_t>(offset, llvm::alignTo(end, kAlignment));
      }
      buffer->offset = offset;
      arenaSize = std::max(arenaSize, offset + buffer->size);
      placed.push_back(buffer);
    }
    arenaSize = static_cast<int64_t>(llvm::alignTo(arenaSize, kAlignment));

    OpBuilder builder(func.getContext());
    auto arenaType = MemRefType::get({arenaSize}, builder.getI8Type());
    if (failed(func.insertArgument(func.getNumArguments(), arenaType, {},
                                   func.getLoc())))
      return failure();
    Value arena = func.getArgument(func.getNumArguments() - 1);
    for (Buffer &buffer : buffers) {
      builder.setInsertionPoint(buffer.alloc);
      Value offset = arith::ConstantIndexOp::create(
          builder, buffer.alloc.getLoc(), buffer.offset);
      Value view = memref::ViewOp::create(builder, buffer.alloc.getLoc(),
                                          buffer.alloc.getType(), arena, offset,
                                          ValueRange{});
      buffer.alloc.replaceAllUsesWith(view);
      buffer.alloc.erase();
    }
    func->setAttr(kiln::kArenaSizeAttrName,
                  builder.getI64IntegerAttr(arenaSize));
    return success();
  }

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isDeclaration() || func.isPrivate())
        continue;
      if (failed(placeBuffers(func)))
        return signalPassFailure();
      // The model's arena size, for the descriptor.
      getOperation()->setAttr(kiln::kArenaSizeAttrName,
                              func->getAttr(kiln::kArenaSizeAttrName));
    }
  }
};
} // namespace
