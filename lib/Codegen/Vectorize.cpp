//===- Vectorize.cpp - Vectorize tiled linalg ops on tensors --------------===//
//
// Turns the small linalg ops that tiling leaves into vector ops: convolution
// and pooling tiles that cover one tap of their window become contractions
// or elementwise ops on (strided) slices, other 2-D windows are decomposed
// into 1-D ones; static shapes vectorize as they are, dynamic ones with masks
// sized to their upper bounds; ops the vectorizer does not support stay for
// the scalar loop lowering. Then vector transfers are folded into the tensors
// they slice and accumulators are hoisted out of reduction loops.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Interfaces/VectorInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_VECTORIZE
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// Largest vector (in elements) a single op may be vectorized to; larger
/// ones are left to the scalar lowering rather than blow up compile time.
static constexpr int64_t kMaxVectorElements = 4096;

/// The static upper bound of dimension `dim` of `value`, or failure.
static FailureOr<int64_t> getUpperBound(Value value, int64_t dim) {
  auto type = cast<ShapedType>(value.getType());
  if (!type.isDynamicDim(dim))
    return type.getDimSize(dim);
  return ValueBoundsConstraintSet::computeConstantBound(
      presburger::BoundType::UB, {value, dim}, /*stopCondition=*/nullptr,
      /*closedUB=*/true);
}

/// Vector sizes for `op`: empty when every loop range is static, else the
/// upper bound of every loop. Fails when a bound is unknown.
static FailureOr<SmallVector<int64_t>> getVectorSizes(linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::none_of(ranges, ShapedType::isDynamic))
    return SmallVector<int64_t>();
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    for (auto [i, expr] : llvm::enumerate(map.getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim || !ShapedType::isDynamic(ranges[dim.getPosition()]))
        continue;
      FailureOr<int64_t> bound = getUpperBound(operand.get(), i);
      if (succeeded(bound))
        ranges[dim.getPosition()] = *bound;
    }
  }
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return failure();
  return ranges;
}

/// Whether `op` reads or writes tensors whose elements must not become
/// vectors:
/// - sub-byte types: such tensors hold one byte per element (a bool is a
///   byte in the runtime's ABI), but LLVM packs vectors of them into bits in
///   memory;
/// - bf16: the x86 back end has no bf16 vector operations and widens every
///   shuffle, select or phi of bf16 vectors element by element through
///   compiler-rt's __truncsfbf2 / __extendbfsf2, which a model must not need
///   (scalar bf16 code, emulated in f32, links without them).
static bool accessesUnvectorizableTensors(Operation *op) {
  auto isUnvectorizable = [](Type type) {
    auto tensor = dyn_cast<TensorType>(type);
    if (!tensor || !tensor.getElementType().isIntOrFloat())
      return false;
    Type element = tensor.getElementType();
    return element.getIntOrFloatBitWidth() < 8 || element.isBF16();
  };
  return llvm::any_of(op->getOperandTypes(), isUnvectorizable) ||
         llvm::any_of(op->getResultTypes(), isUnvectorizable);
}

FailureOr<linalg::GenericOp>
mlir::kiln::rewriteUnitWindowOp(RewriterBase &rewriter, linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasIndexSemantics() ||
      op->getNumRegions() != 1 || op.getNumDpsInits() != 1)
    return failure();
  bool hasWindow = llvm::any_of(op.getIndexingMapsArray(), [](AffineMap map) {
    return llvm::any_of(map.getResults(), [](AffineExpr expr) {
      return !isa<AffineDimExpr, AffineConstantExpr>(expr);
    });
  });
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (!hasWindow || llvm::any_of(ranges, ShapedType::isDynamic))
    return failure();

  // Loops of one iteration disappear: their index is 0. The others are
  // ordered as the output's dimensions (reductions last), so that the
  // innermost vector dimension is the contiguous one of the output; except
  // the output channels of a filter in panels (kiln-conv-channel-vectors:
  // the filter's contiguous dimension, which the input does not index),
  // which go innermost: the tile's vectors run along them and each input
  // value is broadcast.
  MLIRContext *context = op.getContext();
  SmallVector<unsigned> kept;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  std::optional<unsigned> panel;
  if (op.getNumDpsInputs() == 2) {
    AffineMap filterMap = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
    auto last = filterMap.getNumResults() == 0
                    ? nullptr
                    : dyn_cast<AffineDimExpr>(filterMap.getResults().back());
    if (last && ranges[last.getPosition()] != 1 &&
        !op.getMatchingIndexingMap(op.getDpsInputOperand(0))
             .isFunctionOfDim(last.getPosition()) &&
        outputMap.isFunctionOfDim(last.getPosition()))
      panel = last.getPosition();
  }
  for (AffineExpr expr : outputMap.getResults())
    if (auto dim = dyn_cast<AffineDimExpr>(expr);
        dim && ranges[dim.getPosition()] != 1 && dim.getPosition() != panel)
      kept.push_back(dim.getPosition());
  if (panel)
    kept.push_back(*panel);
  for (unsigned d = 0, e = ranges.size(); d < e; ++d)
    if (ranges[d] != 1 && !llvm::is_contained(kept, d))
      kept.push_back(d);
  SmallVector<AffineExpr> replacements(ranges.size(),
                                       getAffineConstantExpr(0, context));
  SmallVector<utils::IteratorType> iterators;
  SmallVector<utils::IteratorType> allIterators = op.getIteratorTypesArray();
  for (auto [i, d] : llvm::enumerate(kept)) {
    replacements[d] = getAffineDimExpr(i, context);
    iterators.push_back(allIterators[d]);
  }
  unsigned numLoops = iterators.size();

  // Each operand becomes a slice indexed by a projected permutation:
  // constant indices are dropped, `stride * i` becomes a strided slice.
  struct Slice {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<int64_t> shape;
    AffineMap map;
  };
  SmallVector<Slice, 4> slices;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.get().getType());
    if (!type)
      return failure();
    Slice slice;
    SmallVector<AffineExpr> results;
    AffineMap map = op.getMatchingIndexingMap(&operand);
    for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
      AffineExpr reduced = simplifyAffineExpr(expr.replaceDims(replacements),
                                              numLoops, /*numSymbols=*/0);
      int64_t stride = 1;
      if (auto mul = dyn_cast<AffineBinaryOpExpr>(reduced);
          mul && mul.getKind() == AffineExprKind::Mul) {
        auto factor = dyn_cast<AffineConstantExpr>(mul.getRHS());
        if (!factor || factor.getValue() <= 0)
          return failure();
        stride = factor.getValue();
        reduced = mul.getLHS();
      }
      if (auto constant = dyn_cast<AffineConstantExpr>(reduced)) {
        slice.offsets.push_back(rewriter.getIndexAttr(constant.getValue()));
        slice.sizes.push_back(rewriter.getIndexAttr(1));
        slice.strides.push_back(rewriter.getIndexAttr(1));
        continue;
      }
      auto loop = dyn_cast<AffineDimExpr>(reduced);
      if (!loop)
        return failure();
      int64_t size = 1;
      for (auto [i, replacement] : llvm::enumerate(replacements))
        if (replacement == loop)
          size = ranges[i];
      slice.offsets.push_back(rewriter.getIndexAttr(0));
      slice.sizes.push_back(rewriter.getIndexAttr(size));
      slice.strides.push_back(rewriter.getIndexAttr(stride));
      slice.shape.push_back(size);
      results.push_back(loop);
    }
    slice.map = AffineMap::get(numLoops, 0, results, context);
    slices.push_back(std::move(slice));
  }

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto extract = [&](OpOperand &operand, const Slice &slice) -> Value {
    auto type = cast<RankedTensorType>(operand.get().getType());
    auto sliceType = RankedTensorType::get(slice.shape, type.getElementType());
    if (sliceType == type && llvm::all_of(slice.offsets, isZeroInteger) &&
        llvm::all_of(slice.strides,
                     [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
      return operand.get();
    return tensor::ExtractSliceOp::create(rewriter, loc, sliceType,
                                          operand.get(), slice.offsets,
                                          slice.sizes, slice.strides);
  };
  SmallVector<Value> inputs, outputs;
  SmallVector<AffineMap> maps;
  for (auto [operand, slice] : llvm::zip_equal(op->getOpOperands(), slices)) {
    (op.isDpsInit(&operand) ? outputs : inputs)
        .push_back(extract(operand, slice));
    maps.push_back(slice.map);
  }
  auto generic = linalg::GenericOp::create(rewriter, loc,
                                           TypeRange{outputs.front().getType()},
                                           inputs, outputs, maps, iterators);
  rewriter.cloneRegionBefore(op->getRegion(0), generic.getRegion(),
                             generic.getRegion().end());
  Value result = generic.getResult(0);
  OpOperand *init = op.getDpsInitOperand(0);
  const Slice &initSlice = slices[init->getOperandNumber()];
  if (result.getType() != init->get().getType())
    result = tensor::InsertSliceOp::create(rewriter, loc, result, init->get(),
                                           initSlice.offsets, initSlice.sizes,
                                           initSlice.strides);
  rewriter.replaceOp(op, result);
  return generic;
}

LogicalResult mlir::kiln::vectorizeOp(RewriterBase &rewriter, Operation *op) {
  if (accessesUnvectorizableTensors(op))
    return failure();
  SmallVector<int64_t> sizes;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (!linalgOp.hasPureTensorSemantics())
      return failure();
    FailureOr<SmallVector<int64_t>> vectorSizes = getVectorSizes(linalgOp);
    if (failed(vectorSizes))
      return failure();
    sizes = std::move(*vectorSizes);
    SmallVector<int64_t> ranges =
        sizes.empty() ? linalgOp.getStaticLoopRanges() : sizes;
    int64_t elements = 1;
    for (int64_t range : ranges)
      elements *= range;
    if (elements > kMaxVectorElements)
      return failure();
  } else {
    return failure();
  }
  if (failed(linalg::vectorizeOpPrecondition(op, sizes)))
    return failure();
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
      rewriter, op, sizes, /*inputScalableVecDims=*/{},
      /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
      /*assumeDynamicDimsMatchVecSizes=*/false,
      /*createNamedContraction=*/true);
  if (failed(result))
    return failure();
  if (result->replacements.empty())
    rewriter.eraseOp(op);
  else
    rewriter.replaceOp(op, result->replacements);
  return success();
}

void mlir::kiln::hoistVectorAccumulators(RewriterBase &rewriter,
                                         Operation *root) {
  // Innermost loops first, so that an accumulator moves out loop by loop.
  SmallVector<scf::ForOp> loops;
  root->walk([&](scf::ForOp loop) { loops.push_back(loop); });
  for (scf::ForOp loop : loops)
    hoistLoopInvariantSubsets(rewriter,
                              cast<LoopLikeOpInterface>(loop.getOperation()));
}

namespace {
/// `addf(x, mulf(a, b))` on vectors, where the product has no other use,
/// becomes `vector.fma(a, b, x)`: one instruction and one rounding instead of
/// two (LLVM does not contract them without fast-math flags).
struct MulAddToFMA : OpRewritePattern<arith::AddFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::AddFOp add,
                                PatternRewriter &rewriter) const override {
    if (!isa<VectorType>(add.getType()))
      return failure();
    for (int i = 0; i < 2; ++i) {
      auto mul = add->getOperand(i).getDefiningOp<arith::MulFOp>();
      if (!mul || !mul->hasOneUse())
        continue;
      rewriter.replaceOpWithNewOp<vector::FMAOp>(
          add, mul.getLhs(), mul.getRhs(), add->getOperand(1 - i));
      return success();
    }
    return failure();
  }
};

/// A read of a few consecutive elements of a row, each broadcast along the
/// vector's inner dimension (the input values of a convolution tile
/// vectorized along output channels, `[pixels, channels]`), becomes one
/// broadcast read per element. Lowered whole it is one load of the row's
/// elements, which LLVM splits into pieces of 4, 2 and 1 and extracts from
/// with shuffles: a row of 6 took two loads and three shuffles, and a 16th
/// register the tile did not have.
struct SplitBroadcastRowRead : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    VectorType type = read.getVectorType();
    AffineMap map = read.getPermutationMap();
    auto source = dyn_cast<RankedTensorType>(read.getBase().getType());
    if (!source || type.getRank() != 2 || type.isScalable() ||
        read.getMask() || map.getNumResults() != 2 ||
        llvm::any_of(read.getInBoundsValues(), [](bool b) { return !b; }))
      return failure();
    auto row = dyn_cast<AffineDimExpr>(map.getResult(0));
    auto broadcast = dyn_cast<AffineConstantExpr>(map.getResult(1));
    if (!row || !broadcast || broadcast.getValue() != 0 ||
        row.getPosition() != map.getNumDims() - 1 || type.getDimSize(0) < 2)
      return failure();
    Location loc = read.getLoc();
    auto rowType = VectorType::get({type.getDimSize(1)}, type.getElementType());
    Value result =
        vector::BroadcastOp::create(rewriter, loc, type, read.getPadding());
    SmallVector<Value> indices(read.getIndices());
    Value first = indices.back();
    for (int64_t i = 0, e = type.getDimSize(0); i < e; ++i) {
      indices.back() = i == 0 ? first
                              : arith::AddIOp::create(
                                    rewriter, loc, first,
                                    arith::ConstantIndexOp::create(
                                        rewriter, loc, i));
      // A scalar load (any strides of the view, unlike a 0-d transfer)
      // and a broadcast: one vbroadcastss.
      Value value =
          tensor::ExtractOp::create(rewriter, loc, read.getBase(), indices);
      Value values = vector::BroadcastOp::create(rewriter, loc, rowType, value);
      result = vector::InsertOp::create(rewriter, loc, values, result, i);
    }
    rewriter.replaceOp(read, result);
    return success();
  }
};

/// A transfer_read along the innermost dimension of a slice with a stride
/// `s` > 1 there (a tap of a strided convolution or pooling) reads one
/// element at a time once lowered. It becomes a read of the contiguous
/// range that covers the elements, `(n - 1) * s + 1` long, and a shuffle that
/// keeps every `s`-th one.
struct StridedReadToShuffle : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto slice = read.getBase().getDefiningOp<tensor::ExtractSliceOp>();
    if (!slice || read.getMask() || !read.hasPureTensorSemantics() ||
        llvm::any_of(read.getInBoundsValues(), [](bool b) { return !b; }))
      return failure();
    RankedTensorType sliceType = slice.getType();
    int64_t rank = sliceType.getRank();
    std::optional<SmallVector<int64_t>> strides =
        getConstantIntValues(slice.getMixedStrides());
    if (rank == 0 || !strides || !sliceType.hasStaticShape())
      return failure();
    // The innermost source dimension is the one kept last, and only it has a
    // stride.
    int64_t stride = strides->back();
    llvm::SmallBitVector dropped = slice.getDroppedDims();
    if (stride <= 1 || dropped.test(strides->size() - 1) ||
        llvm::any_of(ArrayRef<int64_t>(*strides).drop_back(),
                     [](int64_t s) { return s != 1; }))
      return failure();
    AffineMap map = read.getPermutationMap();
    auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
    VectorType type = read.getVectorType();
    if (!last || last.getPosition() != rank - 1 || type.isScalable())
      return failure();
    // Leading broadcast dimensions are added after the shuffle, which then
    // only moves the elements actually read; a broadcast between read
    // dimensions is not handled. (Checked before anything is created: a
    // pattern that fails after creating ops keeps the greedy driver from
    // converging.)
    unsigned broadcast = 0;
    while (broadcast < map.getNumResults() &&
           isa<AffineConstantExpr>(map.getResult(broadcast)))
      ++broadcast;
    AffineMap readMap =
        map.dropResults(llvm::to_vector(llvm::seq<int64_t>(0, broadcast)));
    if (llvm::any_of(readMap.getResults(),
                     [](AffineExpr expr) { return !isa<AffineDimExpr>(expr); }))
      return failure();

    // The contiguous slice and the read of it.
    Location loc = read.getLoc();
    int64_t n = type.getShape().back();
    int64_t covered = (sliceType.getShape().back() - 1) * stride + 1;
    SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
    sizes.back() = rewriter.getIndexAttr(covered);
    SmallVector<OpFoldResult> unitStrides(strides->size(),
                                          rewriter.getIndexAttr(1));
    SmallVector<int64_t> shape(sliceType.getShape());
    shape.back() = covered;
    auto contiguousType =
        RankedTensorType::get(shape, sliceType.getElementType());
    Value contiguous = tensor::ExtractSliceOp::create(
        rewriter, loc, contiguousType, slice.getSource(),
        slice.getMixedOffsets(), sizes, unitStrides);
    SmallVector<Value> indices(read.getIndices());
    Value scale = arith::ConstantIndexOp::create(rewriter, loc, stride);
    indices.back() =
        arith::MulIOp::create(rewriter, loc, indices.back(), scale);
    SmallVector<int64_t> narrowShape(type.getShape().drop_front(broadcast));
    SmallVector<int64_t> wideShape(narrowShape);
    wideShape.back() = (n - 1) * stride + 1;
    auto wideType = VectorType::get(wideShape, type.getElementType());
    SmallVector<bool> inBounds(wideShape.size(), true);
    Value wide = vector::TransferReadOp::create(
        rewriter, loc, wideType, contiguous, indices, read.getPadding(),
        readMap, inBounds);

    // Every stride-th element of each row, rows flattened into one vector.
    int64_t rows = wideType.getNumElements() / wideShape.back();
    auto flatWide =
        VectorType::get({rows * wideShape.back()}, type.getElementType());
    Value flat = vector::ShapeCastOp::create(rewriter, loc, flatWide, wide);
    SmallVector<int64_t> mask;
    for (int64_t row = 0; row < rows; ++row)
      for (int64_t i = 0; i < n; ++i)
        mask.push_back(row * wideShape.back() + i * stride);
    Value picked = vector::ShuffleOp::create(rewriter, loc, flat, flat, mask);
    Value narrow = vector::ShapeCastOp::create(
        rewriter, loc, VectorType::get(narrowShape, type.getElementType()),
        picked);
    if (broadcast)
      narrow = vector::BroadcastOp::create(rewriter, loc, type, narrow);
    rewriter.replaceOp(read, narrow);
    return success();
  }
};

/// A transposing write of a tile into a rank-reduced slice of a tensor, put
/// back by `tensor.insert_slice`, becomes the same write into the tensor
/// (upstream's fold takes minor-identity writes only). The tile of a
/// convolution vectorized along output channels (kiln-conv-channel-vectors)
/// writes its accumulator `[pixels, channels]` into an NCHW slice
/// `[channels, pixels]`; as one write into the tile, it matches the read of
/// the accumulator, and the pair is hoisted out of the reduction loops.
struct FoldPermutedWriteIntoInsert : OpRewritePattern<tensor::InsertSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::InsertSliceOp insert,
                                PatternRewriter &rewriter) const override {
    auto write = insert.getSource().getDefiningOp<vector::TransferWriteOp>();
    if (!write || !write->hasOneUse() || write.getMask() ||
        write.getPermutationMap().isMinorIdentity())
      return failure();
    auto slice = write.getBase().getDefiningOp<tensor::ExtractSliceOp>();
    if (!slice || slice.getSource() != insert.getDest() ||
        !llvm::all_of(write.getIndices(), isZeroInteger) ||
        slice.getMixedOffsets() != insert.getMixedOffsets() ||
        slice.getMixedSizes() != insert.getMixedSizes() ||
        !llvm::all_of(slice.getMixedStrides(),
                      [](OpFoldResult s) { return isConstantIntValue(s, 1); }) ||
        !llvm::all_of(insert.getMixedStrides(),
                      [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
      return failure();
    // The tensor's dimensions that the slice keeps, in order.
    llvm::SmallBitVector dropped = slice.getDroppedDims();
    SmallVector<unsigned> kept;
    for (unsigned d = 0, e = dropped.size(); d < e; ++d)
      if (!dropped.test(d))
        kept.push_back(d);
    AffineMap map = write.getPermutationMap();
    if (kept.size() != map.getNumDims())
      return failure();
    MLIRContext *context = rewriter.getContext();
    SmallVector<AffineExpr> results;
    for (AffineExpr expr : map.getResults()) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim)
        return failure();
      results.push_back(getAffineDimExpr(kept[dim.getPosition()], context));
    }
    AffineMap full = AffineMap::get(dropped.size(), 0, results, context);
    SmallVector<Value> indices = getValueOrCreateConstantIndexOp(
        rewriter, insert.getLoc(), insert.getMixedOffsets());
    rewriter.replaceOpWithNewOp<vector::TransferWriteOp>(
        insert, write.getVector(), insert.getDest(), indices,
        AffineMapAttr::get(full), write.getInBoundsAttr());
    return success();
  }
};

/// The tensor dimensions of more than one element that `transfer` covers, in
/// the order of its vector's dimensions, when it reads or writes the whole
/// static tensor (any permutation, unit dimensions anywhere); nullopt
/// otherwise.
static std::optional<SmallVector<int64_t>>
getWholeTensorDims(VectorTransferOpInterface transfer) {
  auto tensor = dyn_cast<RankedTensorType>(transfer.getBase().getType());
  if (!tensor || !tensor.hasStaticShape() || transfer.getMask() ||
      llvm::any_of(transfer.getIndices(),
                   [](Value index) { return !isZeroInteger(index); }) ||
      llvm::any_of(transfer.getInBoundsValues(), [](bool b) { return !b; }))
    return std::nullopt;
  ArrayRef<int64_t> vectorShape = transfer.getVectorType().getShape();
  SmallVector<int64_t> dims;
  llvm::SmallBitVector covered(tensor.getRank());
  for (auto [i, expr] : llvm::enumerate(transfer.getPermutationMap().getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim || vectorShape[i] != tensor.getDimSize(dim.getPosition()))
      return std::nullopt;
    covered.set(dim.getPosition());
    if (vectorShape[i] != 1)
      dims.push_back(dim.getPosition());
  }
  for (int64_t d = 0, e = tensor.getRank(); d < e; ++d)
    if (!covered.test(d) && tensor.getDimSize(d) != 1)
      return std::nullopt;
  return dims;
}

/// A read of a whole register tile just written whole (a fill, a bias, an
/// accumulator), with other unit dimensions, is the written vector in
/// another shape; read in another order of its dimensions, the written
/// vector transposed (the bias of a convolution vectorized along output
/// channels is written as [channels, pixels] and read as [pixels,
/// channels]). Upstream folding needs identical vector types, which the
/// fill of a convolution tile (written as 6x1x16) and its read by the
/// convolution (read as 6x16) are not.
struct ForwardWholeTileWrite : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto write = read.getBase().getDefiningOp<vector::TransferWriteOp>();
    if (!write || write.getVectorType().getElementType() !=
                      read.getVectorType().getElementType())
      return failure();
    std::optional<SmallVector<int64_t>> written = getWholeTensorDims(write);
    std::optional<SmallVector<int64_t>> wanted = getWholeTensorDims(read);
    if (!written || !wanted || written->size() != wanted->size())
      return failure();
    if (*written == *wanted) {
      rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(
          read, read.getVectorType(), write.getVector());
      return success();
    }
    // The written vector without its unit dimensions, transposed into the
    // order of the read.
    SmallVector<int64_t> permutation, shape;
    auto tensor = cast<RankedTensorType>(write.getBase().getType());
    for (int64_t d : *written)
      shape.push_back(tensor.getDimSize(d));
    for (int64_t d : *wanted) {
      auto it = llvm::find(*written, d);
      if (it == written->end())
        return failure();
      permutation.push_back(it - written->begin());
    }
    Location loc = read.getLoc();
    Type element = read.getVectorType().getElementType();
    Value dense = vector::ShapeCastOp::create(
        rewriter, loc, VectorType::get(shape, element), write.getVector());
    Value transposed =
        vector::TransposeOp::create(rewriter, loc, dense, permutation);
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(read, read.getVectorType(),
                                                     transposed);
    return success();
  }
};

/// A whole register tile written whole over another whole write of it: the
/// first write is dead.
struct DropOverwrittenWholeTile : OpRewritePattern<vector::TransferWriteOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferWriteOp write,
                                PatternRewriter &rewriter) const override {
    auto previous = write.getBase().getDefiningOp<vector::TransferWriteOp>();
    if (!previous || !previous->hasOneUse() || !getWholeTensorDims(write) ||
        !getWholeTensorDims(previous))
      return failure();
    rewriter.modifyOpInPlace(
        write, [&] { write.getBaseMutable().assign(previous.getBase()); });
    return success();
  }
};

struct VectorizePass : kiln::impl::VectorizeBase<VectorizePass> {
  using Base::Base;

  /// Applies `patterns` to the function; a rewrite that does not converge
  /// is reported with `stage` and fails the pass.
  LogicalResult apply(FrozenRewritePatternSet patterns, StringRef stage) {
    if (succeeded(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return success();
    getOperation()->emitError()
        << "kiln-vectorize: " << stage << " did not converge";
    return failure();
  }

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    Operation *func = getOperation();

    // Tiles that cover one tap of a window become contractions or
    // elementwise ops on slices, which the vectorizer supports.
    IRRewriter rewriter(context);
    SmallVector<linalg::LinalgOp> windows;
    func->walk([&](linalg::LinalgOp op) { windows.push_back(op); });
    for (linalg::LinalgOp op : windows) {
      // Depthwise and pooling tiles with their whole window: all taps in
      // registers.
      if (succeeded(kiln::vectorizeChannelWindowTile(
              rewriter, op, depthwiseUnpadded, depthwiseVersionedMinPixels)))
        continue;
      (void)kiln::rewriteUnitWindowOp(rewriter, op);
    }

    // Other 2-D windows with one output row and one window row become 1-D
    // ones, which the vectorizer supports too.
    {
      RewritePatternSet patterns(context);
      linalg::populateDecomposeConvolutionPatterns(patterns);
      if (failed(apply(std::move(patterns), "decomposing 2-D windows")))
        return signalPassFailure();
    }

    SmallVector<Operation *> candidates;
    func->walk([&](Operation *op) {
      if (isa<linalg::LinalgOp>(op))
        candidates.push_back(op);
    });
    for (Operation *op : candidates)
      (void)kiln::vectorizeOp(rewriter, op);

    // Pads (a thread tile padding its convolution's input rows) become row
    // copies in vector registers.
    SmallVector<tensor::PadOp> pads;
    func->walk([&](tensor::PadOp pad) { pads.push_back(pad); });
    for (tensor::PadOp pad : pads)
      (void)kiln::vectorizePad(rewriter, pad);

    // Transfers read and write the tensors they slice; masks fold where the
    // shapes are static.
    {
      RewritePatternSet patterns(context);
      tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
      patterns.add<StridedReadToShuffle, FoldPermutedWriteIntoInsert>(context);
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
      tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, context);
      tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, context);
      if (failed(apply(std::move(patterns), "folding transfers into slices")))
        return signalPassFailure();
    }
    // Unit dimensions of tiles are dropped: vectors become as 1-D as the
    // tile allows.
    {
      RewritePatternSet patterns(context);
      vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
      vector::populateVectorTransferDropUnitDimsPatterns(patterns);
      vector::populateDropUnitDimWithShapeCastPatterns(patterns);
      vector::ShapeCastOp::getCanonicalizationPatterns(patterns, context);
      patterns.add<MulAddToFMA>(context);
      if (failed(apply(FrozenRewritePatternSet(
                           std::move(patterns),
                           kiln::getUnsafeCanonicalizationPatterns()),
                       "dropping unit dimensions")))
        return signalPassFailure();
    }
    kiln::hoistVectorAccumulators(rewriter, func);
    // Tiles initialized whole (fills, biases) and read whole go through
    // registers only; the loops that carried them fold away.
    {
      RewritePatternSet patterns(context);
      patterns.add<ForwardWholeTileWrite, DropOverwrittenWholeTile,
                   SplitBroadcastRowRead>(context);
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
      vector::ShapeCastOp::getCanonicalizationPatterns(patterns, context);
      scf::ForOp::getCanonicalizationPatterns(patterns, context);
      if (failed(apply(FrozenRewritePatternSet(
                           std::move(patterns),
                           kiln::getUnsafeCanonicalizationPatterns()),
                       "forwarding whole tiles")))
        return signalPassFailure();
    }
  }
};
} // namespace
