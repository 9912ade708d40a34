//===- GpuTiledContraction.cpp - Tiled kernels for contractions -----------===//
//
// A contraction (matmul, batch matmul, convolution) is a GEMM over its loops:
// the parallel loops of the output split into batch dimensions (indexing the
// output and both inputs), N dimensions (the output and the input that holds
// the output's innermost dimension, "B") and M dimensions (the output and the
// other input, "A"); the reduction loops are K. A convolution
// conv_2d_nchw_fchw is then an implicit GEMM with M = F, N = N*OH*OW and
// K = C*KH*KW (the image is B, read through the op's own indexing maps, so
// strides and dilations need nothing special); a grouped convolution
// (conv_2d_ngchw_gfchw) has the group as batch dimension. A depthwise
// convolution has no M dimension (the channel indexes everything) and stays
// on the per-point mapping.
//
// The kernel: 256 threads per block as a 16 x 16 grid compute a BM x BN tile
// of the output (one block per tile, grid (N/BN, M/BM, batch)); each thread
// owns a TM x TN register micro-tile (TM = BM/16, TN = BN/16) of rows
// ty + 16 i and columns tx + 16 j, so that the shared-memory reads of a warp
// are broadcasts (A) or consecutive words (B) and its stores are coalesced.
// The K loop stages BK = 8 deep slices of A and B in shared memory (A as
// [BK][BM + 4], B as [BK][BN + 4]: the padding keeps the transposing stores
// free of bank conflicts), loading the next slice into registers while the
// current one is multiplied. Loads outside the op's ranges (sizes that are
// not multiples of the tile) read element 0 and use zero instead; stores are
// guarded. The accumulators are SSA values (the micro-tile is unrolled),
// updated with math.fma, and the fused elementwise epilogue runs on them
// before the store.
//
//===----------------------------------------------------------------------===//

#include "GpuTiledContraction.h"
#include "GpuMapUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::kiln::gpu_map;

namespace {

/// Threads per block of a tiled kernel (a 16 x 16 grid).
constexpr int64_t kThreads = 256;
constexpr int64_t kThreadGrid = 16;
/// Depth of the K slices staged in shared memory.
constexpr int64_t kSliceDepth = 8;
/// Padding of each shared-memory row (elements).
constexpr int64_t kRowPadding = 4;
/// Grids smaller than this (the SM count of an H100/H200) take smaller tiles.
constexpr int64_t kMinBlocks = 132;

/// A linalg op seen as a (batched, implicit) GEMM.
struct Contraction {
  linalg::LinalgOp op;
  OpOperand *a = nullptr, *b = nullptr, *c = nullptr;
  SmallVector<int64_t> ranges;
  /// Loop dimensions of each kind; M and N in the order of the output's
  /// indices (innermost last), K in loop order.
  SmallVector<unsigned> parallel, batchDims, mDims, nDims, kDims;
  int64_t batch = 1, m = 1, n = 1, k = 1;
  /// Whether A's innermost index moves with K (then consecutive threads load
  /// consecutive K), and B's with N.
  bool aKFastest = true, bNFastest = true;
};

/// Whether the payload of `op` is `out + f(in0) * g(in1)` (or with the
/// factors or terms swapped), f and g being identity or arith.extf.
bool isMultiplyAccumulate(linalg::LinalgOp op) {
  Block &body = op->getRegion(0).front();
  if (body.getNumArguments() != 3)
    return false;
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value out = body.getArgument(2);
  Value product = add.getLhs() == out   ? add.getRhs()
                  : add.getRhs() == out ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul)
    return false;
  unsigned extensions = 0;
  auto strip = [&](Value v) {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>()) {
      ++extensions;
      return ext.getIn();
    }
    return v;
  };
  Value x = strip(mul.getLhs()), y = strip(mul.getRhs());
  Value in0 = body.getArgument(0), in1 = body.getArgument(1);
  if (!((x == in0 && y == in1) || (x == in1 && y == in0)))
    return false;
  // Nothing else in the body.
  return static_cast<unsigned>(
             std::distance(body.begin(), body.end())) == 3 + extensions;
}

/// Whether `expr` uses any of `dims`.
bool usesAny(AffineExpr expr, ArrayRef<unsigned> dims) {
  return llvm::any_of(dims,
                      [&](unsigned d) { return expr.isFunctionOfDim(d); });
}

/// Recognizes `op` as a contraction.
std::optional<Contraction> matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op->getNumRegions() != 1 ||
      op->getRegion(0).empty())
    return std::nullopt;
  Contraction c;
  c.op = op;
  OpOperand *in0 = op.getDpsInputOperand(0), *in1 = op.getDpsInputOperand(1);
  c.c = op.getDpsInitOperand(0);
  for (OpOperand *operand : {in0, in1, c.c})
    if (!isa<MemRefType>(operand->get().getType()) ||
        !isa<FloatType>(getElementTypeOrSelf(operand->get().getType())))
      return std::nullopt;
  if (!isMultiplyAccumulate(op))
    return std::nullopt;
  c.ranges = op.getStaticLoopRanges();
  if (llvm::any_of(c.ranges, ShapedType::isDynamic))
    return std::nullopt;

  AffineMap map0 = op.getMatchingIndexingMap(in0);
  AffineMap map1 = op.getMatchingIndexingMap(in1);
  AffineMap mapC = op.getMatchingIndexingMap(c.c);
  if (!mapC.isProjectedPermutation() || mapC.getNumResults() == 0)
    return std::nullopt;
  // Every parallel loop indexes the output, and the output nothing else.
  SmallVector<unsigned> parallel;
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray())) {
    bool inOutput = mapC.isFunctionOfDim(d);
    if ((type == utils::IteratorType::parallel) != inOutput)
      return std::nullopt;
    if (type == utils::IteratorType::parallel)
      parallel.push_back(d);
    else
      c.kDims.push_back(d);
  }
  if (parallel.size() != mapC.getNumResults())
    return std::nullopt;
  c.parallel = parallel;
  // The input holding the output's innermost index is B.
  unsigned innermost =
      cast<AffineDimExpr>(mapC.getResults().back()).getPosition();
  bool innerIn0 = map0.isFunctionOfDim(innermost);
  bool innerIn1 = map1.isFunctionOfDim(innermost);
  if (innerIn0 == innerIn1)
    return std::nullopt;
  c.b = innerIn0 ? in0 : in1;
  c.a = innerIn0 ? in1 : in0;
  AffineMap mapA = op.getMatchingIndexingMap(c.a);
  AffineMap mapB = op.getMatchingIndexingMap(c.b);
  for (AffineExpr expr : mapC.getResults()) {
    unsigned d = cast<AffineDimExpr>(expr).getPosition();
    bool inA = mapA.isFunctionOfDim(d), inB = mapB.isFunctionOfDim(d);
    if (inA && inB)
      c.batchDims.push_back(d);
    else if (inA)
      c.mDims.push_back(d);
    else if (inB)
      c.nDims.push_back(d);
    else
      return std::nullopt; // an output broadcast over a loop
  }
  // Every reduction loop indexes both inputs.
  for (unsigned d : c.kDims)
    if (!mapA.isFunctionOfDim(d) || !mapB.isFunctionOfDim(d))
      return std::nullopt;
  if (c.mDims.empty() || c.nDims.empty() || c.kDims.empty())
    return std::nullopt;
  for (unsigned d : c.batchDims)
    c.batch *= c.ranges[d];
  for (unsigned d : c.mDims)
    c.m *= c.ranges[d];
  for (unsigned d : c.nDims)
    c.n *= c.ranges[d];
  for (unsigned d : c.kDims)
    c.k *= c.ranges[d];
  if (mapA.getNumResults() > 0)
    c.aKFastest = usesAny(mapA.getResults().back(), c.kDims);
  if (mapB.getNumResults() > 0)
    c.bNFastest = usesAny(mapB.getResults().back(), c.nDims);
  return c;
}

/// Tile sizes of the SIMT kernel.
struct TileSizes {
  int64_t bm, bn;
  int64_t tm() const { return bm / kThreadGrid; }
  int64_t tn() const { return bn / kThreadGrid; }
};

/// 128 x 128 tiles (8 x 8 accumulators per thread: 16 shared-memory loads
/// per 64 FMAs, about 100 registers, two blocks per SM) for large outputs;
/// 64 or 32 rows when M is that small (64 output channels); and halving the
/// tile (down to 32 x 64) while the grid has fewer blocks than SMs.
TileSizes chooseTileSizes(const Contraction &c) {
  TileSizes t{c.m > 64 ? 128 : (c.m > 32 ? 64 : 32), 128};
  auto blocks = [&] {
    return c.batch * static_cast<int64_t>(llvm::divideCeil(c.m, t.bm) *
                                          llvm::divideCeil(c.n, t.bn));
  };
  while (blocks() < kMinBlocks && (t.bn > 64 || t.bm > 32)) {
    if (t.bn > 64)
      t.bn /= 2;
    else
      t.bm /= 2;
  }
  return t;
}

/// Sets `ivs[d]` for `dims` from `linear`, the last dimension varying
/// fastest.
void delinearize(OpBuilder &b, Location loc, Value linear,
                 ArrayRef<unsigned> dims, ArrayRef<int64_t> ranges,
                 MutableArrayRef<Value> ivs) {
  Value rest = linear;
  for (unsigned d : llvm::reverse(dims)) {
    if (d == dims.front()) {
      ivs[d] = rest;
      break;
    }
    Value size = arith::ConstantIndexOp::create(b, loc, ranges[d]);
    ivs[d] = arith::RemUIOp::create(b, loc, rest, size);
    rest = arith::DivUIOp::create(b, loc, rest, size);
  }
}

Value constIndex(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// `value < bound` when `needed`, else null (always true).
Value lessThan(OpBuilder &b, Location loc, Value value, int64_t bound,
               bool needed) {
  if (!needed)
    return Value();
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, value,
                               constIndex(b, loc, bound));
}

/// The conjunction of two conditions (either may be null: true).
Value both(OpBuilder &b, Location loc, Value x, Value y) {
  if (!x)
    return y;
  if (!y)
    return x;
  return arith::AndIOp::create(b, loc, x, y);
}

/// `base + delta`.
Value offset(OpBuilder &b, Location loc, Value base, int64_t delta) {
  if (delta == 0)
    return base;
  return arith::AddIOp::create(b, loc, base, constIndex(b, loc, delta));
}

/// One thing a thread loads per K slice (an element for the SIMT kernel, a
/// 32-bit word of two consecutive K for the tensor-core kernel): at `local`
/// (row of A or column of B within the tile) and `kLocal` within the slice.
struct TileSlot {
  Value local, kLocal;
  /// The loop indices of the slot's M (or N) point (`base` elsewhere);
  /// clamped to 0 where out of range (`valid` false; null: always valid).
  SmallVector<Value> ivs;
  Value valid;
};

/// The slots thread `tid` (of kThreads) loads of a `tileSize` x `depth`
/// slice whose first row (or column) is `first` among `extent`, K fastest
/// across threads or not.
SmallVector<TileSlot> tileSlots(OpBuilder &b, Location loc, const Contraction &c,
                                ArrayRef<Value> base, Value tid, Value first,
                                int64_t tileSize, int64_t depth, int64_t extent,
                                ArrayRef<unsigned> dims, bool kFastest) {
  SmallVector<TileSlot> slots;
  int64_t count = tileSize * depth / kThreads;
  for (int64_t p = 0; p < count; ++p) {
    TileSlot slot;
    int64_t along = kFastest ? depth : tileSize;
    Value fast = arith::RemUIOp::create(b, loc, tid, constIndex(b, loc, along));
    Value slow =
        offset(b, loc,
               arith::DivUIOp::create(b, loc, tid, constIndex(b, loc, along)),
               p * (kThreads / along));
    slot.kLocal = kFastest ? fast : slow;
    slot.local = kFastest ? slow : fast;
    Value global = arith::AddIOp::create(b, loc, first, slot.local);
    slot.valid = lessThan(b, loc, global, extent, extent % tileSize != 0);
    if (slot.valid)
      global = arith::SelectOp::create(b, loc, slot.valid, global,
                                       constIndex(b, loc, 0));
    slot.ivs.assign(base.begin(), base.end());
    delinearize(b, loc, global, dims, c.ranges, slot.ivs);
    slots.push_back(std::move(slot));
  }
  return slots;
}

/// Stores `value`, the result at GEMM point (m, n), through `writer` (which
/// applies the fused epilogue), where `valid` holds (null: always); adds the
/// output's current contents first when the op accumulates into them.
void storeResult(RewriterBase &rewriter, Location loc, linalg::LinalgOp op,
                 const Contraction &c, ArrayRef<Value> base, Value m, Value n,
                 Value valid, Value value, bool accumulate,
                 ResultWriter &writer) {
  OpBuilder::InsertionGuard guard(rewriter);
  if (valid) {
    auto inside =
        scf::IfOp::create(rewriter, loc, valid, /*withElseRegion=*/false);
    rewriter.setInsertionPoint(inside.thenBlock()->getTerminator());
  }
  SmallVector<Value> ivs(base.begin(), base.end());
  delinearize(rewriter, loc, m, c.mDims, c.ranges, ivs);
  delinearize(rewriter, loc, n, c.nDims, c.ranges, ivs);
  if (accumulate) {
    Value old = loadAt(rewriter, op, *c.c, ivs);
    value = arith::AddFOp::create(rewriter, loc, old, value);
  }
  writer.writeAt(rewriter, loc, ivs, value);
}

/// The SIMT tiled kernel (see the file comment).
class SimtKernel {
public:
  SimtKernel(const Contraction &c, TileSizes tile) : c(c), t(tile) {}

  void build(RewriterBase &rewriter, linalg::LinalgOp epilogue,
             Value initialValue) {
    linalg::LinalgOp op = c.op;
    Location loc = op.getLoc();
    MLIRContext *ctx = op->getContext();
    Type aType = getElementTypeOrSelf(c.a->get().getType());
    Type bType = getElementTypeOrSelf(c.b->get().getType());
    Type accType = getElementTypeOrSelf(c.c->get().getType());
    auto workgroup =
        gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
    auto aTileType = MemRefType::get({kSliceDepth, t.bm + kRowPadding}, aType,
                                     MemRefLayoutAttrInterface(), workgroup);
    auto bTileType = MemRefType::get({kSliceDepth, t.bn + kRowPadding}, bType,
                                     MemRefLayoutAttrInterface(), workgroup);

    rewriter.setInsertionPoint(op);
    SmallVector<int64_t> grid = {
        static_cast<int64_t>(llvm::divideCeil(c.n, t.bn)),
        static_cast<int64_t>(llvm::divideCeil(c.m, t.bm)), c.batch};
    gpu::LaunchOp launch = createLaunch(rewriter, loc, grid, kThreads,
                                        TypeRange{aTileType, bTileType});
    launch->setAttr("kiln.kernel_kind",
                    rewriter.getStringAttr(epilogue ? "tiled_epilogue"
                                                    : "tiled"));
    Value aTile = launch.getWorkgroupAttributions()[0];
    Value bTile = launch.getWorkgroupAttributions()[1];

    Value tid = launch.getThreadIds().x;
    Value grid16 = constIndex(rewriter, loc, kThreadGrid);
    Value tx = arith::RemUIOp::create(rewriter, loc, tid, grid16);
    Value ty = arith::DivUIOp::create(rewriter, loc, tid, grid16);
    Value m0 = arith::MulIOp::create(rewriter, loc, launch.getBlockIds().y,
                                     constIndex(rewriter, loc, t.bm));
    Value n0 = arith::MulIOp::create(rewriter, loc, launch.getBlockIds().x,
                                     constIndex(rewriter, loc, t.bn));

    // The loop indices every point of the block shares: batch dimensions
    // from blockIdx.z, others zero until set.
    Value zeroIndex = constIndex(rewriter, loc, 0);
    base.assign(c.ranges.size(), zeroIndex);
    delinearize(rewriter, loc, launch.getBlockIds().z, c.batchDims, c.ranges,
                base);

    // What each thread loads of A and B per K slice.
    aLoads = tileSlots(rewriter, loc, c, base, tid, m0, t.bm, kSliceDepth,
                       c.m, c.mDims, c.aKFastest);
    bLoads = tileSlots(rewriter, loc, c, base, tid, n0, t.bn, kSliceDepth,
                       c.n, c.nDims, c.bNFastest);

    Value zeroAcc =
        arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(accType));
    Value start = initialValue ? initialValue : zeroAcc;
    int64_t numAccs = t.tm() * t.tn();
    SmallVector<Value> iterArgs(numAccs, start);
    // The first slice.
    Value zeroK = constIndex(rewriter, loc, 0);
    for (Value v : loadSlice(rewriter, loc, c.a, aLoads, zeroK))
      iterArgs.push_back(v);
    for (Value v : loadSlice(rewriter, loc, c.b, bLoads, zeroK))
      iterArgs.push_back(v);

    int64_t slices = llvm::divideCeil(c.k, kSliceDepth);
    auto loop = scf::ForOp::create(rewriter, loc, zeroIndex,
                                   constIndex(rewriter, loc, slices),
                                   constIndex(rewriter, loc, 1), iterArgs);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      Value slice = loop.getInductionVar();
      ValueRange args = loop.getRegionIterArgs();
      SmallVector<Value> accs(args.begin(), args.begin() + numAccs);
      ValueRange aValues = args.slice(numAccs, aLoads.size());
      ValueRange bValues =
          args.slice(numAccs + aLoads.size(), bLoads.size());
      // The slice loaded during the previous step goes to shared memory.
      for (auto [slot, value] : llvm::zip(aLoads, aValues))
        memref::StoreOp::create(rewriter, loc, value, aTile,
                                ValueRange{slot.kLocal, slot.local});
      for (auto [slot, value] : llvm::zip(bLoads, bValues))
        memref::StoreOp::create(rewriter, loc, value, bTile,
                                ValueRange{slot.kLocal, slot.local});
      gpu::BarrierOp::create(rewriter, loc);
      // The next slice into registers while this one is multiplied.
      Value kNext = arith::MulIOp::create(
          rewriter, loc,
          arith::AddIOp::create(rewriter, loc, slice,
                                constIndex(rewriter, loc, 1)),
          constIndex(rewriter, loc, kSliceDepth));
      SmallVector<Value> next = loadSlice(rewriter, loc, c.a, aLoads, kNext);
      llvm::append_range(next, loadSlice(rewriter, loc, c.b, bLoads, kNext));
      for (int64_t kk = 0; kk < kSliceDepth; ++kk) {
        Value kkIndex = constIndex(rewriter, loc, kk);
        SmallVector<Value> as, bs;
        for (int64_t i = 0; i < t.tm(); ++i)
          as.push_back(memref::LoadOp::create(
              rewriter, loc, aTile,
              ValueRange{kkIndex,
                         offset(rewriter, loc, ty, i * kThreadGrid)}));
        for (int64_t j = 0; j < t.tn(); ++j)
          bs.push_back(memref::LoadOp::create(
              rewriter, loc, bTile,
              ValueRange{kkIndex,
                         offset(rewriter, loc, tx, j * kThreadGrid)}));
        for (int64_t i = 0; i < t.tm(); ++i)
          for (int64_t j = 0; j < t.tn(); ++j)
            accs[i * t.tn() + j] =
                multiplyAccumulate(rewriter, as[i], bs[j], accs[i * t.tn() + j]);
      }
      gpu::BarrierOp::create(rewriter, loc);
      llvm::append_range(accs, next);
      scf::YieldOp::create(rewriter, loc, accs);
    }

    // The micro-tile: the fused epilogue and the stores.
    ResultWriter writer(op, c.parallel, epilogue);
    SmallVector<Value> ms, ns;
    SmallVector<Value> mValid, nValid;
    for (int64_t i = 0; i < t.tm(); ++i) {
      Value m = arith::AddIOp::create(
          rewriter, loc, m0, offset(rewriter, loc, ty, i * kThreadGrid));
      ms.push_back(m);
      mValid.push_back(lessThan(rewriter, loc, m, c.m, c.m % t.bm != 0));
    }
    for (int64_t j = 0; j < t.tn(); ++j) {
      Value n = arith::AddIOp::create(
          rewriter, loc, n0, offset(rewriter, loc, tx, j * kThreadGrid));
      ns.push_back(n);
      nValid.push_back(lessThan(rewriter, loc, n, c.n, c.n % t.bn != 0));
    }
    for (int64_t i = 0; i < t.tm(); ++i)
      for (int64_t j = 0; j < t.tn(); ++j)
        storeResult(rewriter, loc, op, c, base, ms[i], ns[j],
                    both(rewriter, loc, mValid[i], nValid[j]),
                    loop.getResult(i * t.tn() + j),
                    /*accumulate=*/!initialValue, writer);
    rewriter.eraseOp(op);
    writer.finish(rewriter);
  }

private:
  /// Loads the slots of `operand` for the K slice starting at `k0`: zero
  /// outside the op's ranges.
  SmallVector<Value> loadSlice(OpBuilder &b, Location loc, OpOperand *operand,
                               ArrayRef<TileSlot> slots, Value k0) {
    Type type = getElementTypeOrSelf(operand->get().getType());
    SmallVector<Value> values;
    for (const TileSlot &slot : slots) {
      Value k = arith::AddIOp::create(b, loc, k0, slot.kLocal);
      // The next slice past the end is loaded too (and never used).
      Value kValid = lessThan(b, loc, k, c.k, /*needed=*/true);
      k = arith::SelectOp::create(b, loc, kValid, k, constIndex(b, loc, 0));
      SmallVector<Value> ivs(slot.ivs);
      delinearize(b, loc, k, c.kDims, c.ranges, ivs);
      Value value = loadAt(b, c.op, *operand, ivs);
      Value valid = both(b, loc, slot.valid, kValid);
      value = arith::SelectOp::create(
          b, loc, valid, value,
          arith::ConstantOp::create(b, loc, b.getZeroAttr(type)));
      values.push_back(value);
    }
    return values;
  }

  /// The op's payload on one pair of factors and an accumulator, its
  /// multiply and add as one math.fma (arith.mulf + arith.addf would become
  /// separately rounded mul.rn + add.rn, which ptxas may not contract).
  Value multiplyAccumulate(RewriterBase &rewriter, Value a, Value b,
                           Value acc) {
    Block &body = c.op->getRegion(0).front();
    Operation *add = body.getTerminator()->getOperand(0).getDefiningOp();
    auto mul = cast<arith::MulFOp>(
        (add->getOperand(0) == body.getArgument(2) ? add->getOperand(1)
                                                    : add->getOperand(0))
            .getDefiningOp());
    IRMapping mapping;
    mapping.map(body.getArgument(c.a->getOperandNumber()), a);
    mapping.map(body.getArgument(c.b->getOperandNumber()), b);
    for (Operation &inner : body.without_terminator())
      if (&inner != add && &inner != mul)
        rewriter.clone(inner, mapping);
    return math::FmaOp::create(rewriter, mul.getLoc(),
                               mapping.lookupOrDefault(mul.getLhs()),
                               mapping.lookupOrDefault(mul.getRhs()), acc);
  }

  const Contraction &c;
  TileSizes t;
  SmallVector<Value> base;
  SmallVector<TileSlot> aLoads, bLoads;
};

//===----------------------------------------------------------------------===//
// Tensor cores
//===----------------------------------------------------------------------===//

/// K per shared-memory slice of the tensor-core kernel (two m16n8k16 steps)
/// and the padding of its rows (32-bit words).
constexpr int64_t kMmaSlice = 32;
constexpr int64_t kMmaWords = kMmaSlice / 2;
constexpr int64_t kMmaRowPadding = 4;

/// Tile sizes of the tensor-core kernel: 8 warps as 2 (M) x 4 (N), each
/// computing a (BM/2) x (BN/4) warp tile of 16 x 8 fragments.
struct MmaTileSizes {
  int64_t bm, bn;
  int64_t warpRows() const { return bm / 2; }
  int64_t warpCols() const { return bn / 4; }
  int64_t mFrags() const { return warpRows() / 16; }
  int64_t nFrags() const { return warpCols() / 8; }
};

/// 128 x 128 (4 x 4 fragments per warp, 64 f32 accumulators per thread),
/// halving BN then BM to 64 while the grid has fewer blocks than SMs.
MmaTileSizes chooseMmaTileSizes(const Contraction &c) {
  MmaTileSizes t{128, 128};
  auto blocks = [&] {
    return c.batch * static_cast<int64_t>(llvm::divideCeil(c.m, t.bm) *
                                          llvm::divideCeil(c.n, t.bn));
  };
  while (blocks() < kMinBlocks && (t.bn > 64 || t.bm > 64)) {
    if (t.bn > 64)
      t.bn = 64;
    else
      t.bm = 64;
  }
  return t;
}

/// Whether `c` multiplies bf16 or f16 into f32 (what mma.sync m16n8k16
/// does).
bool isTensorCoreContraction(const Contraction &c) {
  Type a = getElementTypeOrSelf(c.a->get().getType());
  Type b = getElementTypeOrSelf(c.b->get().getType());
  Type acc = getElementTypeOrSelf(c.c->get().getType());
  return a == b && (a.isBF16() || a.isF16()) && acc.isF32() && c.m >= 32 &&
         c.n >= 32 && c.k >= 16;
}

/// The tensor-core kernel: like SimtKernel, but the slices of A and B are
/// staged as 32-bit words holding pairs of consecutive K (A as [BM][K/2],
/// B transposed as [BN][K/2], rows padded by 4 words so that the fragment
/// loads of a warp hit 32 different banks), and each warp multiplies its
/// fragments with nvvm.mma.sync m16n8k16 (A row-major, B column-major,
/// f32 accumulators). With g = lane / 4 and t = lane % 4, a thread holds A
/// words (row g, k 2t), (row g + 8, k 2t), (row g, k 2t + 8),
/// (row g + 8, k 2t + 8), B words (k 2t, col g), (k 2t + 8, col g), and the
/// results (row g, cols 2t and 2t + 1), (row g + 8, the same cols).
class MmaKernel {
public:
  MmaKernel(const Contraction &c, MmaTileSizes tile) : c(c), t(tile) {}

  void build(RewriterBase &rewriter, linalg::LinalgOp epilogue,
             Value initialValue) {
    linalg::LinalgOp op = c.op;
    Location loc = op.getLoc();
    MLIRContext *ctx = op->getContext();
    Type i32 = rewriter.getI32Type();
    Type f32 = rewriter.getF32Type();
    elementType = getElementTypeOrSelf(c.a->get().getType());
    auto workgroup =
        gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
    auto aTileType =
        MemRefType::get({t.bm, kMmaWords + kMmaRowPadding}, i32,
                        MemRefLayoutAttrInterface(), workgroup);
    auto bTileType =
        MemRefType::get({t.bn, kMmaWords + kMmaRowPadding}, i32,
                        MemRefLayoutAttrInterface(), workgroup);

    rewriter.setInsertionPoint(op);
    SmallVector<int64_t> grid = {
        static_cast<int64_t>(llvm::divideCeil(c.n, t.bn)),
        static_cast<int64_t>(llvm::divideCeil(c.m, t.bm)), c.batch};
    gpu::LaunchOp launch = createLaunch(rewriter, loc, grid, kThreads,
                                        TypeRange{aTileType, bTileType});
    launch->setAttr("kiln.kernel_kind",
                    rewriter.getStringAttr(epilogue ? "mma_epilogue" : "mma"));
    Value aTile = launch.getWorkgroupAttributions()[0];
    Value bTile = launch.getWorkgroupAttributions()[1];

    Value tid = launch.getThreadIds().x;
    Value lane = arith::RemUIOp::create(rewriter, loc, tid,
                                        constIndex(rewriter, loc, 32));
    Value warp = arith::DivUIOp::create(rewriter, loc, tid,
                                        constIndex(rewriter, loc, 32));
    Value g = arith::DivUIOp::create(rewriter, loc, lane,
                                     constIndex(rewriter, loc, 4));
    Value t4 = arith::RemUIOp::create(rewriter, loc, lane,
                                      constIndex(rewriter, loc, 4));
    Value warpRow = arith::MulIOp::create(
        rewriter, loc,
        arith::DivUIOp::create(rewriter, loc, warp,
                               constIndex(rewriter, loc, 4)),
        constIndex(rewriter, loc, t.warpRows()));
    Value warpCol = arith::MulIOp::create(
        rewriter, loc,
        arith::RemUIOp::create(rewriter, loc, warp,
                               constIndex(rewriter, loc, 4)),
        constIndex(rewriter, loc, t.warpCols()));
    Value m0 = arith::MulIOp::create(rewriter, loc, launch.getBlockIds().y,
                                     constIndex(rewriter, loc, t.bm));
    Value n0 = arith::MulIOp::create(rewriter, loc, launch.getBlockIds().x,
                                     constIndex(rewriter, loc, t.bn));
    Value zeroIndex = constIndex(rewriter, loc, 0);
    base.assign(c.ranges.size(), zeroIndex);
    delinearize(rewriter, loc, launch.getBlockIds().z, c.batchDims, c.ranges,
                base);
    aSlots = tileSlots(rewriter, loc, c, base, tid, m0, t.bm, kMmaWords, c.m,
                       c.mDims, c.aKFastest);
    bSlots = tileSlots(rewriter, loc, c, base, tid, n0, t.bn, kMmaWords, c.n,
                       c.nDims, c.bNFastest);

    Value zeroAcc = arith::ConstantOp::create(rewriter, loc,
                                              rewriter.getZeroAttr(f32));
    Value start = initialValue ? initialValue : zeroAcc;
    int64_t numAccs = t.mFrags() * t.nFrags() * 4;
    SmallVector<Value> iterArgs(numAccs, start);
    llvm::append_range(iterArgs, loadPairs(rewriter, loc, c.a, aSlots,
                                           zeroIndex));
    llvm::append_range(iterArgs, loadPairs(rewriter, loc, c.b, bSlots,
                                           zeroIndex));
    int64_t slices = llvm::divideCeil(c.k, kMmaSlice);
    auto loop = scf::ForOp::create(rewriter, loc, zeroIndex,
                                   constIndex(rewriter, loc, slices),
                                   constIndex(rewriter, loc, 1), iterArgs);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      Value slice = loop.getInductionVar();
      ValueRange args = loop.getRegionIterArgs();
      SmallVector<Value> accs(args.begin(), args.begin() + numAccs);
      ValueRange aWords = args.slice(numAccs, aSlots.size());
      ValueRange bWords = args.slice(numAccs + aSlots.size(), bSlots.size());
      for (auto [slot, word] : llvm::zip(aSlots, aWords))
        memref::StoreOp::create(rewriter, loc, word, aTile,
                                ValueRange{slot.local, slot.kLocal});
      for (auto [slot, word] : llvm::zip(bSlots, bWords))
        memref::StoreOp::create(rewriter, loc, word, bTile,
                                ValueRange{slot.local, slot.kLocal});
      gpu::BarrierOp::create(rewriter, loc);
      Value kNext = arith::MulIOp::create(
          rewriter, loc,
          arith::AddIOp::create(rewriter, loc, slice,
                                constIndex(rewriter, loc, 1)),
          constIndex(rewriter, loc, kMmaSlice));
      SmallVector<Value> next = loadPairs(rewriter, loc, c.a, aSlots, kNext);
      llvm::append_range(next, loadPairs(rewriter, loc, c.b, bSlots, kNext));
      auto word = [&](Value tile, Value row, int64_t rowOffset,
                      int64_t wordOffset) -> Value {
        Value r = offset(rewriter, loc, row, rowOffset);
        Value w = offset(rewriter, loc, t4, wordOffset);
        Value loaded = memref::LoadOp::create(rewriter, loc, tile,
                                              ValueRange{r, w});
        return multiplicand(rewriter, loc, loaded);
      };
      auto resultType = LLVM::LLVMStructType::getLiteral(
          ctx, SmallVector<Type>(4, f32));
      NVVM::MMATypes ptxType =
          elementType.isBF16() ? NVVM::MMATypes::bf16 : NVVM::MMATypes::f16;
      for (int64_t step = 0; step < kMmaSlice / 16; ++step) {
        int64_t w0 = step * 8;
        SmallVector<SmallVector<Value, 4>> aFrags, bFrags;
        for (int64_t mi = 0; mi < t.mFrags(); ++mi) {
          Value row = arith::AddIOp::create(
              rewriter, loc, warpRow,
              offset(rewriter, loc, g, mi * 16));
          aFrags.push_back({word(aTile, row, 0, w0), word(aTile, row, 8, w0),
                            word(aTile, row, 0, w0 + 4),
                            word(aTile, row, 8, w0 + 4)});
        }
        for (int64_t ni = 0; ni < t.nFrags(); ++ni) {
          Value col = arith::AddIOp::create(
              rewriter, loc, warpCol, offset(rewriter, loc, g, ni * 8));
          bFrags.push_back(
              {word(bTile, col, 0, w0), word(bTile, col, 0, w0 + 4)});
        }
        for (int64_t mi = 0; mi < t.mFrags(); ++mi) {
          for (int64_t ni = 0; ni < t.nFrags(); ++ni) {
            int64_t first = (mi * t.nFrags() + ni) * 4;
            ValueRange acc(ArrayRef<Value>(accs).slice(first, 4));
            auto mma = NVVM::MmaOp::create(
                rewriter, loc, resultType, aFrags[mi], bFrags[ni], acc,
                ArrayRef<int64_t>{16, 8, 16}, std::nullopt, std::nullopt,
                std::array<NVVM::MMATypes, 2>{ptxType, ptxType},
                std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                               NVVM::MMALayout::col});
            for (int64_t q = 0; q < 4; ++q)
              accs[first + q] = LLVM::ExtractValueOp::create(
                  rewriter, loc, mma.getRes(), ArrayRef<int64_t>{q});
          }
        }
      }
      gpu::BarrierOp::create(rewriter, loc);
      llvm::append_range(accs, next);
      scf::YieldOp::create(rewriter, loc, accs);
    }

    // The accumulators: the fused epilogue and the stores.
    ResultWriter writer(op, c.parallel, epilogue);
    for (int64_t mi = 0; mi < t.mFrags(); ++mi) {
      for (int64_t ni = 0; ni < t.nFrags(); ++ni) {
        for (int64_t q = 0; q < 4; ++q) {
          Value row = arith::AddIOp::create(
              rewriter, loc, warpRow,
              offset(rewriter, loc, g, mi * 16 + (q >= 2 ? 8 : 0)));
          Value col = arith::AddIOp::create(
              rewriter, loc, warpCol,
              offset(rewriter, loc,
                     arith::MulIOp::create(rewriter, loc, t4,
                                           constIndex(rewriter, loc, 2)),
                     ni * 8 + (q & 1)));
          Value m = arith::AddIOp::create(rewriter, loc, m0, row);
          Value n = arith::AddIOp::create(rewriter, loc, n0, col);
          Value valid =
              both(rewriter, loc,
                   lessThan(rewriter, loc, m, c.m, c.m % t.bm != 0),
                   lessThan(rewriter, loc, n, c.n, c.n % t.bn != 0));
          storeResult(rewriter, loc, op, c, base, m, n, valid,
                      loop.getResult((mi * t.nFrags() + ni) * 4 + q),
                      /*accumulate=*/!initialValue, writer);
        }
      }
    }
    rewriter.eraseOp(op);
    writer.finish(rewriter);
  }

private:
  /// The words of `operand` for the K slice starting at `k0`: the element
  /// at the even K in the low half, zero outside the op's ranges.
  SmallVector<Value> loadPairs(OpBuilder &b, Location loc, OpOperand *operand,
                               ArrayRef<TileSlot> slots, Value k0) {
    Type i16 = b.getI16Type(), i32 = b.getI32Type();
    Value zero = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
    SmallVector<Value> words;
    for (const TileSlot &slot : slots) {
      Value halves[2];
      for (int64_t e = 0; e < 2; ++e) {
        Value k = arith::AddIOp::create(
            b, loc, k0,
            offset(b, loc,
                   arith::MulIOp::create(b, loc, slot.kLocal,
                                         constIndex(b, loc, 2)),
                   e));
        Value kValid = lessThan(b, loc, k, c.k, /*needed=*/true);
        k = arith::SelectOp::create(b, loc, kValid, k, constIndex(b, loc, 0));
        SmallVector<Value> ivs(slot.ivs);
        delinearize(b, loc, k, c.kDims, c.ranges, ivs);
        Value value = loadAt(b, c.op, *operand, ivs);
        Value bits = arith::ExtUIOp::create(
            b, loc, i32, arith::BitcastOp::create(b, loc, i16, value));
        halves[e] = arith::SelectOp::create(
            b, loc, both(b, loc, slot.valid, kValid), bits, zero);
      }
      Value high = arith::ShLIOp::create(
          b, loc, halves[1],
          arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(16)));
      words.push_back(arith::OrIOp::create(b, loc, halves[0], high));
    }
    return words;
  }

  /// A word as the mma operand: i32 for bf16, two f16 for f16.
  Value multiplicand(OpBuilder &b, Location loc, Value word) {
    if (elementType.isBF16())
      return word;
    return LLVM::BitcastOp::create(
        b, loc, VectorType::get({2}, b.getF16Type()), word);
  }

  const Contraction &c;
  MmaTileSizes t;
  Type elementType;
  SmallVector<Value> base;
  SmallVector<TileSlot> aSlots, bSlots;
};

} // namespace

LogicalResult mlir::kiln::gpu_map::mapTiledContraction(
    RewriterBase &rewriter, linalg::LinalgOp op, linalg::LinalgOp epilogue,
    Value initialValue, bool tensorCores) {
  std::optional<Contraction> c = matchContraction(op);
  if (!c)
    return failure();
  // Too small to fill the smallest tile's rows or columns (or one K
  // slice): one thread per point.
  if (c->m < 16 || c->n < 32 || c->k < kSliceDepth)
    return failure();
  TileSizes tile = chooseTileSizes(*c);
  if (llvm::divideCeil(c->m, tile.bm) > 65535 || c->batch > 65535 ||
      llvm::divideCeil(c->n, tile.bn) > (uint64_t(1) << 31) - 1)
    return failure();
  if (tensorCores && isTensorCoreContraction(*c)) {
    MmaTileSizes mmaTile = chooseMmaTileSizes(*c);
    if (llvm::divideCeil(c->m, mmaTile.bm) <= 65535) {
      MmaKernel(*c, mmaTile).build(rewriter, epilogue, initialValue);
      return success();
    }
  }
  SimtKernel(*c, tile).build(rewriter, epilogue, initialValue);
  return success();
}
