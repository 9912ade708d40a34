//===- Tensor.cpp - Lower the kiln tensor plumbing ops --------------------===//
//
// Reshapes (reshape, flatten, squeeze, unsqueeze) become
// tensor.collapse_shape / tensor.expand_shape, which are free after
// bufferization; transpose becomes linalg.transpose; split pieces and slices
// a linalg.generic whose input map reads the window (strided, or reversed for
// negative steps; a window that is a plain prefix is an extract_slice copied
// by linalg.copy); concat and constant pads copy each input into its window
// of the result (linalg.copy into a tensor.extract_slice, then
// tensor.insert_slice; a unit-step slice is copied from its source directly;
// the pad's border is a linalg.fill); reflect/edge pads
// and gather a linalg.generic over the output that reads its source with
// tensor.extract; expand a broadcasting linalg.generic.
//
// Nothing here bufferizes to a memref.copy involving a strided buffer (as
// tensor.concat, tensor.pad or a returned tensor.extract_slice view would):
// the LLVM lowering turns such a copy into a call to the MLIR runtime's
// `memrefCopy`, which kiln models are not linked with.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// Maps `axis` in [-rank, rank) to [0, rank) (the verifier checked it).
int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// An empty tensor of `type` (a result without elements needs no data).
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  return llvm::map_to_vector(
      values, [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); });
}

/// `value` converted to the element type `type`: rounded for floats,
/// truncated toward zero and saturated for integers (NaN gives 0), nonzero
/// for i1.
Value convertedConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt bits;
  if (width == 1) {
    bits = APInt(1, value != 0 && !std::isnan(value) ? 1 : 0);
  } else {
    double lo = -std::ldexp(1.0, width - 1);
    double hi = std::ldexp(1.0, width - 1);
    int64_t v = 0;
    if (std::isnan(value))
      v = 0;
    else if (value <= lo)
      v = width == 64 ? std::numeric_limits<int64_t>::min()
                      : -(int64_t(1) << (width - 1));
    else if (value >= hi)
      v = width == 64 ? std::numeric_limits<int64_t>::max()
                      : (int64_t(1) << (width - 1)) - 1;
    else
      v = static_cast<int64_t>(std::trunc(value));
    bits = APInt(width, static_cast<uint64_t>(v), /*isSigned=*/true);
  }
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, bits));
}

/// A linalg.generic over `resultType` (all loops parallel, identity output
/// map) reading `inputs` through `inputMaps`; its body yields
/// `body(ivs, args)`, with `ivs` the output indices (linalg.index) and `args`
/// the input elements.
Value buildIndexGeneric(
    OpBuilder &builder, Location loc, RankedTensorType resultType,
    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange ivs, ValueRange args)>
        body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, inputs,
      ValueRange{emptyTensor(builder, loc, resultType)}, maps, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        SmallVector<Value> ivs;
        for (int64_t d = 0; d < rank; ++d)
          ivs.push_back(linalg::IndexOp::create(b, l, d));
        linalg::YieldOp::create(b, l, body(b, l, ivs, args.drop_back()));
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// reshape, flatten, squeeze and unsqueeze only reinterpret the shape.
template <typename OpTy>
struct ReshapeLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    rewriter.replaceOp(op, buildReshape(rewriter, op.getLoc(),
                                        adaptor.getInput(), resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Transpose and expand
//===----------------------------------------------------------------------===//

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Location loc = op.getLoc();
    Value init = emptyTensor(rewriter, loc, resultType);
    auto transpose = linalg::TransposeOp::create(
        rewriter, loc, adaptor.getInput(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

struct ExpandLowering : OpConversionPattern<ExpandOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput();
    if (input.getType() == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, input,
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Concat, split, slice
//===----------------------------------------------------------------------===//

/// Copies `input` into the window of `dest` at `offsets` (unit strides):
/// extract_slice + linalg.copy + insert_slice, which bufferizes to a copy loop
/// into a subview of `dest`'s buffer. (A plain tensor.insert_slice, and
/// tensor.concat / tensor.pad, bufferize to a memref.copy into a strided
/// subview, which the LLVM lowering turns into a call to the `memrefCopy`
/// runtime function that kiln's links do not provide.)
Value insertByCopy(OpBuilder &b, Location loc, Value input, Value dest,
                   ArrayRef<int64_t> offsets) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<OpFoldResult> offsetAttrs = indexAttrs(b, offsets);
  SmallVector<OpFoldResult> sizeAttrs = indexAttrs(b, inputType.getShape());
  SmallVector<OpFoldResult> strideAttrs =
      indexAttrs(b, SmallVector<int64_t>(inputType.getRank(), 1));
  Value window = tensor::ExtractSliceOp::create(
      b, loc, inputType, dest, offsetAttrs, sizeAttrs, strideAttrs);
  Value copied = linalg::CopyOp::create(b, loc, input, window).getResult(0);
  return tensor::InsertSliceOp::create(b, loc, copied, dest, offsetAttrs,
                                       sizeAttrs, strideAttrs);
}

/// Copies the window of `input` that starts at `starts[d]` and advances by
/// `steps[d]` (nonzero, possibly negative) in each dimension into a new tensor
/// of `resultType` (non-empty): a linalg.generic reading
/// `input[starts + steps * j]` through its indexing map. A bare loop dimension
/// in an indexing map must span the whole operand, so the dimensions read as
/// a proper prefix (start 0, step 1) are first cropped with a unit-stride
/// tensor.extract_slice; when that leaves an identity map, the copy is a
/// linalg.copy (an identity linalg.generic folds away, which would leave a
/// strided view that is copied with `memrefCopy` when returned or reshaped).
Value copyWindow(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> starts, ArrayRef<int64_t> steps,
                 RankedTensorType resultType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rank = resultType.getRank();
  SmallVector<int64_t> cropSizes(inputType.getShape());
  bool crop = false;
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = resultType.getDimSize(d);
    if (size == 1) {
      exprs.push_back(b.getAffineConstantExpr(starts[d]));
      continue;
    }
    if (starts[d] == 0 && steps[d] == 1) {
      crop |= size != cropSizes[d];
      cropSizes[d] = size;
      exprs.push_back(b.getAffineDimExpr(d));
      continue;
    }
    exprs.push_back(b.getAffineDimExpr(d) * steps[d] + starts[d]);
  }
  if (crop) {
    auto cropType =
        RankedTensorType::get(cropSizes, inputType.getElementType());
    input = tensor::ExtractSliceOp::create(
        b, loc, cropType, input, indexAttrs(b, SmallVector<int64_t>(rank, 0)),
        indexAttrs(b, cropSizes), indexAttrs(b, SmallVector<int64_t>(rank, 1)));
  }
  Value init = emptyTensor(b, loc, resultType);
  AffineMap inputMap = AffineMap::get(rank, 0, exprs, b.getContext());
  if (inputMap.isIdentity())
    return linalg::CopyOp::create(b, loc, input, init).getResult(0);
  SmallVector<AffineMap> maps = {inputMap, b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{input}, ValueRange{init}, maps,
      iterators, [](OpBuilder &nb, Location l, ValueRange args) {
        linalg::YieldOp::create(nb, l, args[0]);
      });
  return generic.getResult(0);
}

/// Returns true if `a` and `b` concatenate along the same axis in the same
/// block and `a`'s inputs are a proper prefix of `b`'s.
static bool isPrefixOf(ConcatOp a, ConcatOp b) {
  if (a == b || a->getBlock() != b->getBlock() ||
      a.getInputs().size() >= b.getInputs().size())
    return false;
  int64_t rank = cast<RankedTensorType>(a.getType()).getRank();
  if (normalizeAxis(a.getAxis(), rank) != normalizeAxis(b.getAxis(), rank))
    return false;
  return llvm::equal(a.getInputs(),
                     b.getInputs().take_front(a.getInputs().size()));
}

/// The concats that `op`'s inputs begin: the users of its first input that
/// concatenate it and more along the same axis, before (`before`) or after
/// `op` in its block, and whose inputs `op`'s extend or are extended by.
static SmallVector<ConcatOp> getChainNeighbours(ConcatOp op, bool before) {
  SmallVector<ConcatOp> result;
  if (op.getInputs().empty())
    return result;
  for (Operation *user : op.getInputs().front().getUsers()) {
    auto other = dyn_cast<ConcatOp>(user);
    if (!other || other->getBlock() != op->getBlock() ||
        other->isBeforeInBlock(op) != before ||
        !(before ? isPrefixOf(other, op) : isPrefixOf(op, other)))
      continue;
    if (!llvm::is_contained(result, other))
      result.push_back(other);
  }
  return result;
}

/// The last concat of the chain that `op` begins or continues: the one
/// after `op` with the most inputs, when every concat after `op` that
/// extends `op`'s inputs is a prefix of it (the chain does not branch); null
/// otherwise.
static ConcatOp getChainEnd(ConcatOp op) {
  SmallVector<ConcatOp> later = getChainNeighbours(op, /*before=*/false);
  ConcatOp end;
  for (ConcatOp other : later)
    if (!end || other.getInputs().size() > end.getInputs().size())
      end = other;
  for (ConcatOp other : later)
    if (other != end && !isPrefixOf(other, end))
      return {};
  return end;
}

/// Returns true if the result of `op` may be a view of a larger buffer
/// (an extract_slice): not returned, and not reshaped (a view of a prefix
/// along the channels is not contiguous for a batch of several images).
static bool mayBeView(ConcatOp op) {
  return llvm::none_of(op->getUsers(), [](Operation *user) {
    return isa<func::ReturnOp, ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(
        user);
  });
}

/// Concatenation writes each non-empty input into its window of the result.
///
/// Concats that extend one another (DenseNet: each layer concatenates every
/// feature map before it, cat(x0..xk) then cat(x0..xk+1)) share one buffer
/// of the last one's size: the first concat of such a chain writes its
/// inputs into a new tensor of that size and is the view of its prefix, and
/// each later one writes only the inputs it adds into the tensor of the one
/// before, then is the view of its own prefix (the last, the whole tensor).
/// Bufferization writes them in place (what a concat reads was read before
/// the next input is computed), so every feature map is copied once, or
/// written there by its producer, instead of once per later layer.
struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Location loc = op.getLoc();
    int64_t rank = resultType.getRank();
    int64_t axis = normalizeAxis(op.getAxis(), rank);
    ValueRange inputs = adaptor.getInputs();
    // An input of the result's type is the only one with elements (the
    // others have size 0 on `axis`).
    for (Value input : inputs) {
      if (input.getType() == resultType) {
        rewriter.replaceOp(op, input);
        return success();
      }
    }
    // The chain's tensor and the inputs already in it.
    ConcatOp end = mayBeView(op) ? getChainEnd(op) : ConcatOp();
    auto bufferType = end ? cast<RankedTensorType>(end.getType()) : resultType;
    Value result;
    size_t first = 0;
    for (ConcatOp previous : getChainNeighbours(op, /*before=*/true)) {
      auto view = rewriter.getRemappedValue(previous.getResult())
                      .getDefiningOp<tensor::ExtractSliceOp>();
      if (view && view.getSourceType() == bufferType &&
          previous.getInputs().size() > first) {
        result = view.getSource();
        first = previous.getInputs().size();
      }
    }
    if (!result)
      result = emptyTensor(rewriter, loc, bufferType);
    SmallVector<int64_t> offsets(rank, 0);
    for (auto [i, input, original] : llvm::enumerate(inputs, op.getInputs())) {
      if (i < first) {
        offsets[axis] +=
            cast<RankedTensorType>(input.getType()).getDimSize(axis);
        continue;
      }
      auto inputType = cast<RankedTensorType>(input.getType());
      // A unit-step slice is copied from its source in place of the slice's
      // own copy (which is then dead): one copy instead of two.
      if (auto slice = original.getDefiningOp<SliceOp>();
          slice && llvm::all_of(slice.getSteps(),
                                [](int64_t step) { return step == 1; })) {
        if (Value source = rewriter.getRemappedValue(slice.getInput()))
          input = tensor::ExtractSliceOp::create(
              rewriter, loc, inputType, source,
              indexAttrs(rewriter, slice.getStarts()),
              indexAttrs(rewriter, inputType.getShape()),
              indexAttrs(rewriter, SmallVector<int64_t>(rank, 1)));
      }
      if (inputType.getNumElements() != 0)
        result = insertByCopy(rewriter, loc, input, result, offsets);
      offsets[axis] += inputType.getDimSize(axis);
    }
    if (bufferType != resultType)
      result = tensor::ExtractSliceOp::create(
          rewriter, loc, resultType, result,
          indexAttrs(rewriter, SmallVector<int64_t>(rank, 0)),
          indexAttrs(rewriter, resultType.getShape()),
          indexAttrs(rewriter, SmallVector<int64_t>(rank, 1)));
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Each piece is a copy of its window of the input (see copyWindow).
struct SplitLowering : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Location loc = op.getLoc();
    int64_t rank = inputType.getRank();
    int64_t axis = normalizeAxis(op.getAxis(), rank);
    int64_t offset = 0;
    SmallVector<Value> results;
    for (auto [size, result] : llvm::zip(op.getSizes(), op.getResults())) {
      auto resultType = cast<RankedTensorType>(result.getType());
      if (resultType == inputType) {
        results.push_back(input);
      } else if (resultType.getNumElements() == 0) {
        results.push_back(emptyTensor(rewriter, loc, resultType));
      } else {
        SmallVector<int64_t> starts(rank, 0), steps(rank, 1);
        starts[axis] = offset;
        results.push_back(
            copyWindow(rewriter, loc, input, starts, steps, resultType));
      }
      offset += size;
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A slice is a copy of its window (see copyWindow); negative steps read in
/// reverse through the same affine map.
struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput();
    Location loc = op.getLoc();
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
    if (input.getType() == resultType &&
        llvm::all_of(steps, [](int64_t step) { return step == 1; })) {
      rewriter.replaceOp(op, input);
      return success();
    }
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, loc, resultType));
      return success();
    }
    rewriter.replaceOp(
        op, copyWindow(rewriter, loc, input, starts, steps, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

struct PadLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Location loc = op.getLoc();
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    ArrayRef<int64_t> low = pads.take_front(rank), high = pads.drop_front(rank);
    Type elementType = resultType.getElementType();

    if (op.getMode() == PadMode::Constant) {
      // linalg.fill with the value, then the input copied into the interior.
      Value value = convertedConstant(rewriter, loc, elementType,
                                      op.getValue().convertToDouble());
      Value result =
          linalg::FillOp::create(rewriter, loc, value,
                                 emptyTensor(rewriter, loc, resultType))
              .getResult(0);
      if (inputType.getNumElements() != 0)
        result = insertByCopy(rewriter, loc, input, result, low);
      rewriter.replaceOp(op, result);
      return success();
    }
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, loc, resultType));
      return success();
    }

    // Reflect and edge: every output element reads one input element whose
    // index is computed per dimension from the output index.
    bool reflect = op.getMode() == PadMode::Reflect;
    Value result = buildIndexGeneric(
        rewriter, loc, resultType, /*inputs=*/{}, /*inputMaps=*/{},
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
          auto cst = [&](int64_t v) -> Value {
            return arith::ConstantIndexOp::create(b, l, v);
          };
          Value zero = cst(0);
          SmallVector<Value> indices;
          for (int64_t d = 0; d < rank; ++d) {
            int64_t n = inputType.getDimSize(d);
            if (low[d] == 0 && high[d] == 0) {
              indices.push_back(ivs[d]);
              continue;
            }
            // The index into the input before reflecting or clamping.
            Value i = ivs[d];
            if (low[d] != 0)
              i = arith::SubIOp::create(b, l, i, cst(low[d]));
            if (reflect) {
              // i < 0 -> -i; i >= n -> 2n-2-i (pads < n: one mirror is
              // enough).
              if (low[d] != 0) {
                Value isLow = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::slt, i, zero);
                Value neg = arith::SubIOp::create(b, l, zero, i);
                i = arith::SelectOp::create(b, l, isLow, neg, i);
              }
              if (high[d] != 0) {
                Value isHigh = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::sge, i, cst(n));
                Value mirrored = arith::SubIOp::create(b, l, cst(2 * n - 2), i);
                i = arith::SelectOp::create(b, l, isHigh, mirrored, i);
              }
            } else {
              // Edge: clamp to [0, n-1].
              if (low[d] != 0)
                i = arith::MaxSIOp::create(b, l, i, zero);
              if (high[d] != 0)
                i = arith::MinSIOp::create(b, l, i, cst(n - 1));
            }
            indices.push_back(i);
          }
          return tensor::ExtractOp::create(b, l, input, indices).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Gather
//===----------------------------------------------------------------------===//

/// A linalg.generic over the output: the indices tensor is an input read at
/// the output dimensions it spans, and the body extracts the data element.
struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Location loc = op.getLoc();
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, loc, resultType));
      return success();
    }
    Value data = adaptor.getData();
    Value indices = adaptor.getIndices();
    auto dataType = cast<RankedTensorType>(data.getType());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    int64_t rank = resultType.getRank();
    int64_t axis = normalizeAxis(op.getAxis(), dataType.getRank());
    int64_t indicesRank = indicesType.getRank();
    int64_t axisSize = dataType.getDimSize(axis);

    SmallVector<AffineExpr> exprs;
    for (int64_t k = 0; k < indicesRank; ++k)
      exprs.push_back(rewriter.getAffineDimExpr(axis + k));
    AffineMap indicesMap =
        AffineMap::get(rank, 0, exprs, rewriter.getContext());

    Value result = buildIndexGeneric(
        rewriter, loc, resultType, indices, indicesMap,
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
          // Negative indices count from the end: i < 0 ? i + n : i.
          Value i = arith::IndexCastOp::create(b, l, b.getIndexType(), args[0]);
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          Value isNegative =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, i, zero);
          Value wrapped = arith::AddIOp::create(
              b, l, i, arith::ConstantIndexOp::create(b, l, axisSize));
          i = arith::SelectOp::create(b, l, isNegative, wrapped, i);
          SmallVector<Value> dataIndices(ivs.take_front(axis));
          dataIndices.push_back(i);
          llvm::append_range(dataIndices, ivs.drop_front(axis + indicesRank));
          return tensor::ExtractOp::create(b, l, data, dataIndices).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeLikeLowering<ReshapeOp>, ReshapeLikeLowering<FlattenOp>,
               ReshapeLikeLowering<SqueezeOp>, ReshapeLikeLowering<UnsqueezeOp>,
               TransposeLowering, ExpandLowering, ConcatLowering, SplitLowering,
               SliceLowering, PadLowering, GatherLowering>(
      patterns.getContext());
}
