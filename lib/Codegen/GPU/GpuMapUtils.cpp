//===- GpuMapUtils.cpp - Helpers shared by the linalg -> kernel mappers ---===//

#include "GpuMapUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::kiln::gpu_map;

gpu::LaunchOp mlir::kiln::gpu_map::createLaunch(OpBuilder &b, Location loc,
                                                ArrayRef<int64_t> grid,
                                                int64_t block,
                                                TypeRange workgroupBuffers) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value, 3> gridSizes;
  for (unsigned i = 0; i < 3; ++i)
    gridSizes.push_back(i < grid.size()
                            ? arith::ConstantIndexOp::create(b, loc, grid[i])
                            : one);
  Value blockSize = arith::ConstantIndexOp::create(b, loc, block);
  auto launch = gpu::LaunchOp::create(
      b, loc, gridSizes[0], gridSizes[1], gridSizes[2], blockSize, one, one,
      /*dynamicSharedMemorySize=*/nullptr, /*asyncTokenType=*/nullptr,
      /*asyncDependencies=*/{}, workgroupBuffers);
  Block &body = launch.getBody().front();
  if (body.empty() || !body.back().hasTrait<OpTrait::IsTerminator>()) {
    b.setInsertionPointToEnd(&body);
    gpu::TerminatorOp::create(b, loc);
  }
  b.setInsertionPoint(&body.back());
  return launch;
}

SmallVector<Value> mlir::kiln::gpu_map::indicesAt(OpBuilder &b,
                                                  linalg::LinalgOp op,
                                                  OpOperand &operand,
                                                  ArrayRef<Value> ivs) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  SmallVector<Value> result;
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      result.push_back(ivs[dim.getPosition()]);
      continue;
    }
    AffineMap single = AffineMap::get(map.getNumDims(), map.getNumSymbols(),
                                      expr, b.getContext());
    result.push_back(
        affine::AffineApplyOp::create(b, op.getLoc(), single, ivs));
  }
  return result;
}

Value mlir::kiln::gpu_map::loadAt(OpBuilder &b, linalg::LinalgOp op,
                                  OpOperand &operand, ArrayRef<Value> ivs) {
  if (!isa<MemRefType>(operand.get().getType()))
    return operand.get();
  return memref::LoadOp::create(b, op.getLoc(), operand.get(),
                                indicesAt(b, op, operand, ivs));
}

SmallVector<Value>
mlir::kiln::gpu_map::payloadAt(RewriterBase &rewriter, linalg::LinalgOp op,
                               ArrayRef<Value> ivs, ValueRange outputs,
                               const DenseMap<Value, Value> &forwarded) {
  Block &body = op->getRegion(0).front();
  IRMapping mapping;
  unsigned numInputs = op.getNumDpsInputs();
  for (OpOperand *input : op.getDpsInputOperands()) {
    auto found = forwarded.find(input->get());
    mapping.map(body.getArgument(input->getOperandNumber()),
                found != forwarded.end() ? found->second
                                         : loadAt(rewriter, op, *input, ivs));
  }
  for (auto [i, value] : llvm::enumerate(outputs))
    if (value)
      mapping.map(body.getArgument(numInputs + i), value);
  for (Operation &inner : body.without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      mapping.map(index.getResult(), ivs[index.getDim()]);
      continue;
    }
    rewriter.clone(inner, mapping);
  }
  SmallVector<Value> yielded;
  for (Value value : body.getTerminator()->getOperands())
    yielded.push_back(mapping.lookupOrDefault(value));
  return yielded;
}

Value mlir::kiln::gpu_map::rootBuffer(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(def))
      value = view.getViewSource();
    else if (auto expand = dyn_cast<memref::ExpandShapeOp>(def))
      value = expand.getSrc();
    else if (auto collapse = dyn_cast<memref::CollapseShapeOp>(def))
      value = collapse.getSrc();
    else
      break;
  }
  return value;
}

//===----------------------------------------------------------------------===//
// ResultWriter
//===----------------------------------------------------------------------===//

ResultWriter::ResultWriter(linalg::LinalgOp op, ArrayRef<unsigned> parallel,
                           linalg::LinalgOp epilogue)
    : op(op), parallel(parallel), epilogue(epilogue) {
  stored.assign(op.getNumDpsInits(), true);
  if (!epilogue)
    return;
  // An intermediate only the epilogue reads is never stored, nor is an
  // element the epilogue overwrites.
  for (OpOperand &init : op.getDpsInitsMutable()) {
    unsigned i = init.getOperandNumber() - op.getNumDpsInputs();
    if (llvm::is_contained(epilogue.getDpsInits(), init.get())) {
      stored[i] = false;
      continue;
    }
    auto alloc = init.get().getDefiningOp<memref::AllocOp>();
    if (alloc && llvm::all_of(alloc->getUsers(), [&](Operation *user) {
          return user == op || user == epilogue;
        })) {
      stored[i] = false;
      deadBuffers.push_back(alloc);
    }
  }
}

void ResultWriter::writeAt(RewriterBase &rewriter, Location loc,
                           ArrayRef<Value> ivs, ValueRange results) {
  auto storeResults = [&] {
    for (auto [init, value, store] :
         llvm::zip(op.getDpsInitsMutable(), results, stored))
      if (store)
        memref::StoreOp::create(rewriter, loc, value, init.get(),
                                indicesAt(rewriter, op, init, ivs));
  };
  if (!epilogue)
    return storeResults();
  // The epilogue at the same point, reading what was just computed.
  SmallVector<Value> epilogueIvs;
  for (unsigned d : parallel)
    epilogueIvs.push_back(ivs[d]);
  DenseMap<Value, Value> forwarded;
  for (auto [init, value] : llvm::zip(op.getDpsInits(), results))
    forwarded[init] = value;
  Block &body = epilogue->getRegion(0).front();
  SmallVector<Value> outputs;
  for (OpOperand &init : epilogue.getDpsInitsMutable()) {
    auto found = forwarded.find(init.get());
    if (body.getArgument(init.getOperandNumber()).use_empty())
      outputs.push_back(Value());
    else if (found != forwarded.end())
      outputs.push_back(found->second);
    else
      outputs.push_back(loadAt(rewriter, epilogue, init, epilogueIvs));
  }
  SmallVector<Value> epilogueResults =
      payloadAt(rewriter, epilogue, epilogueIvs, outputs, forwarded);
  storeResults();
  for (auto [init, value] :
       llvm::zip(epilogue.getDpsInitsMutable(), epilogueResults))
    memref::StoreOp::create(rewriter, loc, value, init.get(),
                            indicesAt(rewriter, epilogue, init, epilogueIvs));
}

void ResultWriter::finish(RewriterBase &rewriter) {
  if (epilogue)
    rewriter.eraseOp(epilogue);
  for (memref::AllocOp alloc : deadBuffers)
    if (alloc->use_empty())
      rewriter.eraseOp(alloc);
}
