//===- FoldShuffles.cpp - Fold channel permutations into their neighbours -===//
//
// The kiln-fold-shuffles pass. A channel permutation (kiln.channel_shuffle,
// a kiln.gather of constant indices on dimension 1, or a reshape ->
// transpose -> reshape that only reorders factors of the channel dimension)
// is a copy whose only job is to move data. The patterns below move such
// "channel maps" through the graph until a neighbour absorbs them:
//
//   conv2d(map(x), W)            -> conv2d(x, W with permuted input channels)
//   map(map(x))                  -> map(x)                  (composed)
//   slice/split(map(x)) on C     -> map(x) selecting those channels
//   map(concat(a, b, ...))       -> map'(concat(the channel ranges of a, b,
//                                   ... it selects))         (nested concats
//                                   flattened, slices of slices composed)
//   concat(map(x), y)            -> map'(concat(x, y))
//   f(map(x)), f elementwise, a batch norm or a depthwise conv
//                                -> map(f'(x))              (f's per-channel
//                                   constants permuted)
//   map(x) + map(y), map(x) * c  -> map(x + y), map(x * c') (likewise for
//                                   the other binary elementwise ops)
//   map(f(...f(conv2d(x, W, b)))) -> f(...f(conv2d(x, W', b')))  (output
//                                   channels of the producing conv permuted)
//
// Maps the patterns create are kiln.gather ops; those left at the end that
// equal a channel shuffle become kiln.channel_shuffle again.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <numeric>

namespace mlir::kiln {
#define GEN_PASS_DEF_FOLDSHUFFLES
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

constexpr StringLiteral kPassName = "kiln-fold-shuffles";

/// Output channel c of a map is channel `indices[c]` of `source` (dimension
/// 1); every other dimension is unchanged.
struct ChannelMap {
  Value source;
  SmallVector<int64_t> indices;

  int64_t sourceChannels() const {
    return cast<RankedTensorType>(source.getType()).getDimSize(1);
  }
  /// Every source channel exactly once.
  bool isPermutation() const {
    int64_t n = sourceChannels();
    if (int64_t(indices.size()) != n)
      return false;
    SmallVector<bool> seen(n, false);
    for (int64_t i : indices) {
      if (seen[i])
        return false;
      seen[i] = true;
    }
    return true;
  }
  bool isIdentity() const {
    if (int64_t(indices.size()) != sourceChannels())
      return false;
    for (auto [c, i] : llvm::enumerate(indices))
      if (int64_t(c) != i)
        return false;
    return true;
  }
};

SmallVector<int64_t> shuffleIndices(int64_t channels, int64_t groups) {
  int64_t k = channels / groups;
  SmallVector<int64_t> indices(channels);
  for (int64_t c = 0; c < channels; ++c)
    indices[c] = (c % groups) * k + c / groups;
  return indices;
}

/// reshape [N, C, S...] -> [N, c_1, ..., c_k, S...], a transpose that
/// permutes only the dimensions 1..k, reshape back to [N, C, S...].
std::optional<ChannelMap> getTransposeChain(ReshapeOp merge) {
  auto transpose = merge.getInput().getDefiningOp<TransposeOp>();
  if (!transpose)
    return std::nullopt;
  auto split = transpose.getInput().getDefiningOp<ReshapeOp>();
  if (!split)
    return std::nullopt;
  ArrayRef<int64_t> in = split.getInput().getType().getShape();
  ArrayRef<int64_t> mid = split.getType().getShape();
  if (in.size() < 2 || merge.getType().getShape() != in ||
      mid.size() < in.size() || mid[0] != in[0])
    return std::nullopt;
  int64_t k = mid.size() - in.size() + 1;
  if (mid.drop_front(1 + k) != in.drop_front(2))
    return std::nullopt;
  ArrayRef<int64_t> factors = mid.slice(1, k);
  int64_t product = std::accumulate(factors.begin(), factors.end(), int64_t(1),
                                    std::multiplies<int64_t>());
  ArrayRef<int64_t> perm = transpose.getPermutation();
  if (product != in[1] || perm[0] != 0)
    return std::nullopt;
  for (int64_t d = 1; d <= k; ++d)
    if (perm[d] < 1 || perm[d] > k)
      return std::nullopt;
  for (int64_t d = k + 1, e = perm.size(); d < e; ++d)
    if (perm[d] != d)
      return std::nullopt;
  // Output channel c has digits o_j over the transposed factors
  // factors[perm[j] - 1]; input digit perm[j] - 1 is o_j.
  ChannelMap map{split.getInput(), SmallVector<int64_t>(in[1])};
  SmallVector<int64_t> inStrides(k, 1);
  for (int64_t j = k - 2; j >= 0; --j)
    inStrides[j] = inStrides[j + 1] * factors[j + 1];
  for (int64_t c = 0; c < in[1]; ++c) {
    int64_t rest = c, index = 0;
    for (int64_t j = k - 1; j >= 0; --j) {
      int64_t factor = factors[perm[1 + j] - 1];
      index += (rest % factor) * inStrides[perm[1 + j] - 1];
      rest /= factor;
    }
    map.indices[c] = index;
  }
  return map;
}

/// The channel map that produces `value`, if any.
std::optional<ChannelMap> getChannelMap(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() < 2)
    return std::nullopt;
  Operation *op = value.getDefiningOp();
  if (auto shuffle = dyn_cast_or_null<ChannelShuffleOp>(op))
    return ChannelMap{shuffle.getInput(),
                      shuffleIndices(type.getDimSize(1), shuffle.getGroups())};
  if (auto gather = dyn_cast_or_null<GatherOp>(op)) {
    int64_t rank = gather.getData().getType().getRank();
    int64_t axis = static_cast<int64_t>(gather.getAxis());
    if (axis < 0)
      axis += rank;
    DenseIntElementsAttr indices;
    if (axis != 1 || rank != type.getRank() ||
        gather.getIndices().getType().getRank() != 1 ||
        !matchPattern(gather.getIndices(), m_Constant(&indices)))
      return std::nullopt;
    int64_t channels = gather.getData().getType().getDimSize(1);
    ChannelMap map{gather.getData(), {}};
    for (const APInt &index : indices.getValues<APInt>()) {
      int64_t i = index.getSExtValue();
      if (i < 0)
        i += channels;
      if (i < 0 || i >= channels)
        return std::nullopt;
      map.indices.push_back(i);
    }
    return map;
  }
  if (auto reshape = dyn_cast_or_null<ReshapeOp>(op))
    return getTransposeChain(reshape);
  return std::nullopt;
}

/// kiln.gather(source, indices) on dimension 1 (or `source` for the
/// identity).
Value buildMap(PatternRewriter &rewriter, Location loc, Value source,
               ArrayRef<int64_t> indices) {
  ChannelMap map{source, SmallVector<int64_t>(indices)};
  if (map.isIdentity())
    return source;
  auto indexType = RankedTensorType::get({int64_t(indices.size())},
                                         rewriter.getI64Type());
  Value constant = ConstantOp::create(
      rewriter, loc, DenseIntElementsAttr::get(indexType, indices));
  return GatherOp::create(rewriter, loc, source, constant,
                          rewriter.getI64IntegerAttr(1));
}

Location fusedLoc(PatternRewriter &rewriter, ArrayRef<Location> locs) {
  return getFusedLocation(rewriter.getContext(), locs, kPassName);
}

/// The elements of a constant float tensor, or std::nullopt.
std::optional<SmallVector<double>> readConstant(Value value) {
  if (!value)
    return std::nullopt;
  return readFloatConstant(value);
}

/// `data` of shape [C, rest...] with its rows taken in the order `rows`.
SmallVector<double> takeRows(ArrayRef<double> data, int64_t rowSize,
                             ArrayRef<int64_t> rows) {
  SmallVector<double> result;
  result.reserve(rows.size() * rowSize);
  for (int64_t r : rows)
    result.append(data.begin() + r * rowSize, data.begin() + (r + 1) * rowSize);
  return result;
}

Value buildConstant(PatternRewriter &rewriter, Location loc, Value like,
                    ArrayRef<int64_t> shape, ArrayRef<double> data,
                    StringRef name) {
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(like.getType()).getElementType());
  return ConstantOp::create(rewriter, loc, buildFloatData(type, data, name));
}

//===----------------------------------------------------------------------===//
// Absorbing consumers
//===----------------------------------------------------------------------===//

/// conv2d(map(x), W) with groups = 1, a permutation and a constant filter
/// -> conv2d(x, W') with W'[f, map[c]] = W[f, c].
struct AbsorbIntoConvInput : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp conv,
                                PatternRewriter &rewriter) const override {
    std::optional<ChannelMap> map = getChannelMap(conv.getInput());
    if (!map || !map->isPermutation() || conv.getGroups() != 1)
      return rewriter.notifyMatchFailure(conv, "input is not a permutation "
                                               "of an ungrouped conv");
    std::optional<SmallVector<double>> filter = readConstant(conv.getFilter());
    if (!filter)
      return rewriter.notifyMatchFailure(conv, "filter is not constant");
    ArrayRef<int64_t> shape = conv.getFilter().getType().getShape();
    int64_t f = shape[0], c = shape[1], window = shape[2] * shape[3];
    SmallVector<double> permuted(filter->size());
    for (int64_t o = 0; o < f; ++o)
      for (int64_t i = 0; i < c; ++i)
        std::copy_n(filter->begin() + (o * c + i) * window, window,
                    permuted.begin() + (o * c + map->indices[i]) * window);
    Location loc =
        fusedLoc(rewriter, {conv.getLoc(), conv.getInput().getLoc()});
    Value newFilter = buildConstant(rewriter, loc, conv.getFilter(), shape,
                                    permuted, "permuted_filter");
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getInputMutable().assign(map->source);
      conv.getFilterMutable().assign(newFilter);
      conv->setLoc(loc);
    });
    return success();
  }
};

/// map(map(x)) -> one map of x (nothing for the identity).
struct ComposeMaps : RewritePattern {
  ComposeMaps(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1)
      return failure();
    std::optional<ChannelMap> outer = getChannelMap(op->getResult(0));
    if (!outer)
      return failure();
    if (outer->isIdentity()) {
      rewriter.replaceOp(op, outer->source);
      return success();
    }
    std::optional<ChannelMap> inner = getChannelMap(outer->source);
    if (!inner)
      return failure();
    SmallVector<int64_t> indices;
    for (int64_t i : outer->indices)
      indices.push_back(inner->indices[i]);
    rewriter.replaceOp(op, buildMap(rewriter, op->getLoc(), inner->source,
                                    indices));
    return success();
  }
};

/// Whether `sliceOp` takes the whole of every dimension but dimension 1.
bool slicesOnlyChannels(SliceOp slice) {
  ArrayRef<int64_t> shape = slice.getInput().getType().getShape();
  for (int64_t d = 0, e = shape.size(); d < e; ++d)
    if (d != 1 &&
        (slice.getStarts()[d] != 0 || slice.getEnds()[d] != shape[d] ||
         slice.getSteps()[d] != 1))
      return false;
  return true;
}

/// slice(map(x)) on the channels -> map(x) of the sliced indices.
struct SliceOfMap : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SliceOp slice,
                                PatternRewriter &rewriter) const override {
    std::optional<ChannelMap> map = getChannelMap(slice.getInput());
    if (!map || !slicesOnlyChannels(slice))
      return rewriter.notifyMatchFailure(slice, "not a channel slice of a map");
    SmallVector<int64_t> indices;
    int64_t step = slice.getSteps()[1];
    int64_t count = slice.getType().getDimSize(1);
    for (int64_t j = 0; j < count; ++j)
      indices.push_back(map->indices[slice.getStarts()[1] + j * step]);
    rewriter.replaceOp(slice, buildMap(rewriter, slice.getLoc(), map->source,
                                       indices));
    return success();
  }
};

/// split(map(x)) on the channels -> one map of x per piece.
struct SplitOfMap : OpRewritePattern<SplitOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SplitOp split,
                                PatternRewriter &rewriter) const override {
    std::optional<ChannelMap> map = getChannelMap(split.getInput());
    int64_t rank = split.getInput().getType().getRank();
    int64_t axis = static_cast<int64_t>(split.getAxis());
    if (axis < 0)
      axis += rank;
    if (!map || axis != 1)
      return rewriter.notifyMatchFailure(split, "not a channel split of a map");
    SmallVector<Value> pieces;
    int64_t offset = 0;
    for (int64_t size : split.getSizes()) {
      ArrayRef<int64_t> indices(map->indices);
      pieces.push_back(buildMap(rewriter, split.getLoc(), map->source,
                                indices.slice(offset, size)));
      offset += size;
    }
    rewriter.replaceOp(split, pieces);
    return success();
  }
};

/// A contiguous channel range [begin, end) of `value`.
struct ChannelRange {
  Value value;
  int64_t begin, end;
};

/// The inputs of `concat` (along dimension 1) as channel ranges, with nested
/// concats along dimension 1 flattened and unit-step channel slices looked
/// through; `flattened` says whether anything was.
void getConcatRanges(Value value, SmallVectorImpl<ChannelRange> &ranges,
                     bool &flattened, bool top) {
  if (auto concat = value.getDefiningOp<ConcatOp>()) {
    int64_t rank = concat.getType().getRank();
    int64_t axis = static_cast<int64_t>(concat.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis == 1) {
      flattened |= !top;
      for (Value input : concat.getInputs())
        getConcatRanges(input, ranges, flattened, /*top=*/false);
      return;
    }
  }
  int64_t channels = cast<RankedTensorType>(value.getType()).getDimSize(1);
  if (auto slice = value.getDefiningOp<SliceOp>();
      slice && !top && slicesOnlyChannels(slice) && slice.getSteps()[1] == 1) {
    ranges.push_back({slice.getInput(), slice.getStarts()[1],
                      slice.getStarts()[1] + channels});
    return;
  }
  ranges.push_back({value, 0, channels});
}

Value buildRange(PatternRewriter &rewriter, Location loc,
                 const ChannelRange &range) {
  auto type = cast<RankedTensorType>(range.value.getType());
  if (range.begin == 0 && range.end == type.getDimSize(1))
    return range.value;
  int64_t rank = type.getRank();
  SmallVector<int64_t> starts(rank, 0), ends(type.getShape()), steps(rank, 1);
  starts[1] = range.begin;
  ends[1] = range.end;
  return SliceOp::create(rewriter, loc, range.value,
                         rewriter.getDenseI64ArrayAttr(starts),
                         rewriter.getDenseI64ArrayAttr(ends),
                         rewriter.getDenseI64ArrayAttr(steps));
}

/// map(concat(a, b, ...)) -> map'(concat(the ranges of a, b, ... that the
/// map reads)): only the channels the map selects are concatenated, nested
/// concats are flattened and slices of slices composed, so that the
/// concatenation is the only copy.
struct MapOfConcat : RewritePattern {
  MapOfConcat(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1)
      return failure();
    std::optional<ChannelMap> map = getChannelMap(op->getResult(0));
    if (!map || !map->source.getDefiningOp<ConcatOp>())
      return failure();
    SmallVector<ChannelRange> ranges;
    bool flattened = false;
    getConcatRanges(map->source, ranges, flattened, /*top=*/true);
    // The concat channel of each range element, and what the map reads.
    int64_t total = map->sourceChannels();
    SmallVector<bool> read(total, false);
    for (int64_t i : map->indices)
      read[i] = true;
    SmallVector<ChannelRange> kept;
    SmallVector<int64_t> newIndexOf(total, -1);
    int64_t offset = 0, newOffset = 0;
    for (const ChannelRange &range : ranges) {
      int64_t size = range.end - range.begin;
      int64_t lo = -1, hi = -1;
      for (int64_t c = 0; c < size; ++c)
        if (read[offset + c]) {
          if (lo < 0)
            lo = c;
          hi = c;
        }
      if (lo >= 0) {
        kept.push_back({range.value, range.begin + lo, range.begin + hi + 1});
        for (int64_t c = lo; c <= hi; ++c)
          newIndexOf[offset + c] = newOffset + c - lo;
        newOffset += hi - lo + 1;
      }
      offset += size;
    }
    if (newOffset == total && !flattened)
      return rewriter.notifyMatchFailure(op, "the map reads the whole concat");
    Location loc = map->source.getLoc();
    SmallVector<Value> pieces;
    for (const ChannelRange &range : kept)
      pieces.push_back(buildRange(rewriter, loc, range));
    Value concat =
        pieces.size() == 1
            ? pieces.front()
            : ConcatOp::create(rewriter, loc, pieces,
                               rewriter.getI64IntegerAttr(1))
                  .getResult();
    SmallVector<int64_t> indices;
    for (int64_t i : map->indices)
      indices.push_back(newIndexOf[i]);
    rewriter.replaceOp(op, buildMap(rewriter, op->getLoc(), concat, indices));
    return success();
  }
};

/// concat(.., map(x), ..) along the channels, with permutations
/// -> map'(concat(.., x, ..)).
struct ConcatOfMaps : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConcatOp concat,
                                PatternRewriter &rewriter) const override {
    int64_t rank = concat.getType().getRank();
    int64_t axis = static_cast<int64_t>(concat.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis != 1)
      return rewriter.notifyMatchFailure(concat, "not a channel concat");
    SmallVector<Value> inputs;
    SmallVector<int64_t> indices;
    bool any = false;
    int64_t offset = 0;
    for (Value input : concat.getInputs()) {
      int64_t channels = cast<RankedTensorType>(input.getType()).getDimSize(1);
      std::optional<ChannelMap> map = getChannelMap(input);
      if (map && map->isPermutation()) {
        any = true;
        inputs.push_back(map->source);
        for (int64_t i : map->indices)
          indices.push_back(offset + i);
      } else {
        inputs.push_back(input);
        for (int64_t c = 0; c < channels; ++c)
          indices.push_back(offset + c);
      }
      offset += channels;
    }
    if (!any)
      return rewriter.notifyMatchFailure(concat, "no input is a permutation");
    auto newConcat = ConcatOp::create(rewriter, concat.getLoc(), inputs,
                                      concat.getAxisAttr());
    rewriter.replaceOp(concat, buildMap(rewriter, concat.getLoc(),
                                        newConcat.getResult(), indices));
    return success();
  }
};

/// concat(.., concat(a, b), ..) along the same axis -> concat(.., a, b, ..):
/// the inputs are copied once, into the outer result (the inner concat stays
/// for its other users).
struct FlattenConcat : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConcatOp concat,
                                PatternRewriter &rewriter) const override {
    int64_t rank = concat.getType().getRank();
    auto axisOf = [&](ConcatOp op) {
      int64_t axis = static_cast<int64_t>(op.getAxis());
      return axis < 0 ? axis + rank : axis;
    };
    SmallVector<Value> inputs;
    bool nested = false;
    for (Value input : concat.getInputs()) {
      auto inner = input.getDefiningOp<ConcatOp>();
      if (inner && axisOf(inner) == axisOf(concat)) {
        llvm::append_range(inputs, inner.getInputs());
        nested = true;
      } else {
        inputs.push_back(input);
      }
    }
    if (!nested)
      return rewriter.notifyMatchFailure(concat, "no nested concat");
    rewriter.modifyOpInPlace(
        concat, [&] { concat.getInputsMutable().assign(inputs); });
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Moving maps past per-channel ops
//===----------------------------------------------------------------------===//

/// A kiln op that applies the same function to every element (one operand,
/// one result of the operand's type).
bool isUnaryElementwise(Operation *op) {
  Dialect *dialect = op->getDialect();
  return dialect &&
         dialect->getNamespace() == KilnDialect::getDialectNamespace() &&
         op->getNumOperands() == 1 && op->getNumResults() == 1 &&
         op->hasTrait<OpTrait::SameOperandsAndResultType>();
}

/// Per-channel constants of `op` (batch norm parameters, depthwise filter
/// and bias) taken in the order `indices`; std::nullopt when one is not
/// constant. `build` then makes the op on a new input.
using Rebuild = std::function<Value(PatternRewriter &, Value)>;

std::optional<Rebuild> getPerChannelRebuild(Operation *op,
                                            ArrayRef<int64_t> indices) {
  SmallVector<int64_t> rows(indices);
  if (isUnaryElementwise(op))
    return Rebuild([op](PatternRewriter &rewriter, Value input) {
      Operation *clone = rewriter.clone(*op);
      clone->setOperand(0, input);
      clone->getResult(0).setType(input.getType());
      return clone->getResult(0);
    });
  if (auto norm = dyn_cast<BatchNormOp>(op)) {
    SmallVector<SmallVector<double>> params;
    for (Value v : {norm.getScale(), norm.getBias(), norm.getMean(),
                    norm.getVariance()}) {
      std::optional<SmallVector<double>> data = readConstant(v);
      if (!data || cast<RankedTensorType>(v.getType()).getRank() != 1)
        return std::nullopt;
      params.push_back(takeRows(*data, 1, rows));
    }
    return Rebuild([norm, params](PatternRewriter &rewriter,
                                   Value input) mutable {
      Location loc = norm.getLoc();
      int64_t c = params[0].size();
      SmallVector<Value> values;
      for (auto [v, data] : llvm::zip(
               SmallVector<Value>{norm.getScale(), norm.getBias(),
                                  norm.getMean(), norm.getVariance()},
               params))
        values.push_back(
            buildConstant(rewriter, loc, v, {c}, data, "permuted_param"));
      auto clone = cast<BatchNormOp>(rewriter.clone(*norm));
      clone->setOperands({input, values[0], values[1], values[2], values[3]});
      clone.getResult().setType(cast<RankedTensorType>(input.getType()));
      return clone.getResult();
    });
  }
  if (auto conv = dyn_cast<Conv2dOp>(op)) {
    // A depthwise conv with one filter per channel.
    ArrayRef<int64_t> shape = conv.getFilter().getType().getShape();
    int64_t channels = conv.getInput().getType().getDimSize(1);
    if (int64_t(conv.getGroups()) != channels || shape[0] != channels ||
        shape[1] != 1)
      return std::nullopt;
    std::optional<SmallVector<double>> filter = readConstant(conv.getFilter());
    if (!filter)
      return std::nullopt;
    SmallVector<double> newFilter =
        takeRows(*filter, shape[2] * shape[3], rows);
    std::optional<SmallVector<double>> bias;
    if (conv.getBias()) {
      bias = readConstant(conv.getBias());
      if (!bias)
        return std::nullopt;
      bias = takeRows(*bias, 1, rows);
    }
    SmallVector<int64_t> filterShape(shape);
    return Rebuild([conv, newFilter, bias, filterShape](
                       PatternRewriter &rewriter, Value input) mutable {
      Location loc = conv.getLoc();
      Value filter = buildConstant(rewriter, loc, conv.getFilter(),
                                   filterShape, newFilter, "permuted_filter");
      SmallVector<Value> operands = {input, filter};
      if (bias)
        operands.push_back(buildConstant(rewriter, loc, conv.getBias(),
                                         {filterShape[0]}, *bias,
                                         "permuted_bias"));
      auto clone = cast<Conv2dOp>(rewriter.clone(*conv));
      clone->setOperands(operands);
      return clone.getResult();
    });
  }
  return std::nullopt;
}

/// The other operand of a binary elementwise op on a map of `x`, as an
/// operand of the op on `x`: the same map of another tensor of `x`'s type
/// gives that tensor; a constant that does not vary along the channels is
/// itself; one that does is permuted along them. Otherwise null.
Value unmapOperand(PatternRewriter &rewriter, Value other,
                   const ChannelMap &map, ArrayRef<int64_t> inverse,
                   int64_t rank) {
  if (std::optional<ChannelMap> otherMap = getChannelMap(other))
    return otherMap->indices == map.indices &&
                   otherMap->source.getType() == map.source.getType()
               ? otherMap->source
               : Value();
  auto type = cast<RankedTensorType>(other.getType());
  int64_t axis = 1 - (rank - type.getRank());
  if (axis < 0 || type.getDimSize(axis) == 1)
    return other;
  std::optional<SmallVector<double>> data = readConstant(other);
  if (!data)
    return Value();
  ArrayRef<int64_t> shape = type.getShape();
  int64_t outer = 1, inner = 1, channels = shape[axis];
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (int64_t d = axis + 1, e = shape.size(); d < e; ++d)
    inner *= shape[d];
  SmallVector<double> permuted;
  for (int64_t o = 0; o < outer; ++o) {
    ArrayRef<double> block =
        ArrayRef<double>(*data).slice(o * channels * inner, channels * inner);
    llvm::append_range(permuted, takeRows(block, inner, inverse));
  }
  return buildConstant(rewriter, other.getLoc(), other, shape, permuted,
                       "permuted_operand");
}

/// lhs op rhs with `mapped` (a permutation map of `map.source`) as one
/// operand -> map(source op other') (see unmapOperand).
LogicalResult sinkThroughBinary(Operation *user, Value mapped,
                                const ChannelMap &map,
                                PatternRewriter &rewriter) {
  auto resultType = cast<RankedTensorType>(user->getResult(0).getType());
  if (resultType != mapped.getType())
    return failure(); // the other operand broadcasts the map's result
  SmallVector<int64_t> inverse(map.indices.size());
  for (auto [c, i] : llvm::enumerate(map.indices))
    inverse[i] = c;
  rewriter.setInsertionPoint(user);
  SmallVector<Value> operands;
  for (Value operand : user->getOperands()) {
    Value unmapped =
        operand == mapped
            ? map.source
            : unmapOperand(rewriter, operand, map, inverse,
                           resultType.getRank());
    if (!unmapped)
      return failure();
    operands.push_back(unmapped);
  }
  Operation *clone = rewriter.clone(*user);
  clone->setOperands(operands);
  rewriter.replaceOp(user, buildMap(rewriter, user->getLoc(),
                                    clone->getResult(0), map.indices));
  return success();
}

/// f(map(x)) -> map(f'(x)) for a map used only by f, a permutation, and f
/// elementwise, a batch norm or a depthwise conv with constant parameters
/// (permuted as the channels are), or a binary elementwise op whose other
/// operand is the same map of another tensor or a constant. The map moves
/// towards a consumer that absorbs it.
struct SinkMap : RewritePattern {
  SinkMap(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || !op->getResult(0).hasOneUse())
      return failure();
    std::optional<ChannelMap> map = getChannelMap(op->getResult(0));
    if (!map || !map->isPermutation())
      return failure();
    Operation *user = *op->getResult(0).getUsers().begin();
    if (isa<AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp>(user))
      return sinkThroughBinary(user, op->getResult(0), *map, rewriter);
    if (user->getNumResults() != 1 || user->getOperand(0) != op->getResult(0))
      return failure();
    // Per-channel parameters are indexed by the map's output channel; the
    // new op on the unmapped input needs them in source order.
    SmallVector<int64_t> inverse(map->indices.size());
    for (auto [c, i] : llvm::enumerate(map->indices))
      inverse[i] = c;
    std::optional<Rebuild> rebuild = getPerChannelRebuild(user, inverse);
    if (!rebuild)
      return failure();
    rewriter.setInsertionPoint(user);
    Value moved = (*rebuild)(rewriter, map->source);
    rewriter.replaceOp(user,
                       buildMap(rewriter, user->getLoc(), moved, map->indices));
    return success();
  }
};

/// map(f(...f(conv2d(x, W, b)))), every op used once, f elementwise or a
/// batch norm with constant parameters, the conv ungrouped with constant
/// weights -> the same chain on conv2d(x, W', b') whose output channels are
/// those the map selects.
struct AbsorbIntoProducer : RewritePattern {
  AbsorbIntoProducer(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1)
      return failure();
    std::optional<ChannelMap> map = getChannelMap(op->getResult(0));
    if (!map)
      return failure();
    SmallVector<Operation *> chain;
    Value value = map->source;
    Conv2dOp conv;
    while (Operation *def = value.getDefiningOp()) {
      if (!value.hasOneUse())
        return failure();
      if ((conv = dyn_cast<Conv2dOp>(def)))
        break;
      if (!getPerChannelRebuild(def, map->indices) || isa<Conv2dOp>(def))
        return failure();
      chain.push_back(def);
      value = def->getOperand(0);
    }
    if (!conv || conv.getGroups() != 1)
      return failure();
    std::optional<SmallVector<double>> filter = readConstant(conv.getFilter());
    std::optional<SmallVector<double>> bias = readConstant(conv.getBias());
    if (!filter || (conv.getBias() && !bias))
      return failure();
    ArrayRef<int64_t> shape = conv.getFilter().getType().getShape();
    int64_t rowSize = shape[1] * shape[2] * shape[3];
    int64_t f = map->indices.size();
    Location loc = fusedLoc(rewriter, {conv.getLoc(), op->getLoc()});
    rewriter.setInsertionPoint(conv);
    SmallVector<Value> operands = {
        conv.getInput(),
        buildConstant(rewriter, loc, conv.getFilter(),
                      {f, shape[1], shape[2], shape[3]},
                      takeRows(*filter, rowSize, map->indices),
                      "permuted_filter")};
    if (bias)
      operands.push_back(buildConstant(rewriter, loc, conv.getBias(), {f},
                                       takeRows(*bias, 1, map->indices),
                                       "permuted_bias"));
    auto newConv = Conv2dOp::create(rewriter, loc, operands, conv->getAttrs());
    Value result = newConv.getResult();
    for (Operation *def : llvm::reverse(chain)) {
      rewriter.setInsertionPoint(def);
      result = (*getPerChannelRebuild(def, map->indices))(rewriter, result);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A map left as kiln.gather that is a channel shuffle becomes one again.
struct GatherToShuffle : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherOp gather,
                                PatternRewriter &rewriter) const override {
    std::optional<ChannelMap> map = getChannelMap(gather.getResult());
    if (!map || !map->isPermutation())
      return failure();
    int64_t channels = map->sourceChannels();
    for (int64_t groups = 2; groups < channels; ++groups) {
      if (channels % groups != 0 ||
          map->indices != shuffleIndices(channels, groups))
        continue;
      rewriter.replaceOpWithNewOp<ChannelShuffleOp>(
          gather, map->source, rewriter.getI64IntegerAttr(groups));
      return success();
    }
    return failure();
  }
};

struct FoldShufflesPass : kiln::impl::FoldShufflesBase<FoldShufflesPass> {
  using Base::Base;

  void runOnOperation() override {
    // Every rewrite leaves valid IR: a driver that stops before the fixed
    // point (its iteration limit) leaves some maps unfolded, not an error.
    RewritePatternSet patterns(&getContext());
    populateFoldShufflePatterns(patterns);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    RewritePatternSet cleanup(&getContext());
    cleanup.add<GatherToShuffle>(&getContext());
    (void)applyPatternsGreedily(getOperation(), std::move(cleanup));
    // Users of one map each slice and concatenate the same ranges: keep one.
    IRRewriter rewriter(&getContext());
    eliminateCommonSubExpressions(rewriter, getAnalysis<DominanceInfo>(),
                                  getOperation());
  }
};
} // namespace

void mlir::kiln::populateFoldShufflePatterns(RewritePatternSet &patterns) {
  patterns.add<AbsorbIntoConvInput, ComposeMaps, SliceOfMap, SplitOfMap,
               MapOfConcat, ConcatOfMaps, FlattenConcat, SinkMap,
               AbsorbIntoProducer>(
      patterns.getContext());
}
