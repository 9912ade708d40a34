//===- VectorizeDepthwise.cpp - Depthwise convolution, pooling tiles -----===//
//
// A tile of an NCHW depthwise convolution or pooling that covers several
// output rows of a channel and its whole window becomes straight-line vector
// code: the accumulators (one vector per output row) stay in registers across
// all taps, each input row is read once per column shift and feeds every
// output row whose window covers it, and each weight (of a convolution) is
// broadcast once per tile. Tiles of one tap per reduction step (the generic
// path) read every input row once per tap, broadcast every weight once per
// output row, and are bound by loads on CPUs with 128-bit load ports.
//
// A tile whose input is a slice of a padded tensor (the tensor.pad of a
// 'same' convolution, or of a pooling) reads the unpadded tensor in place:
// interior tiles with plain loads, border tiles with the rows outside the
// source left out and the columns outside it shifted in or masked off in
// registers, so that no padded copy of the input is made.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

/// Most output rows (batch x channels x rows) one tile may hold: each is an
/// accumulator of its own.
static constexpr int64_t kMaxTileRows = 32;
/// Longest output row of a tile.
static constexpr int64_t kMaxTileWidth = 64;
/// Most taps of a window: every tap of every output row is a line of
/// straight-line code (a 9x9 window; larger ones, such as the 60x80 dilated
/// pooling of ONNX's tests, take the generic path, one tap per step).
static constexpr int64_t kMaxWindowTaps = 81;

/// For a pooling op, the op of its body that combines the accumulator with
/// an input element (arith.maximumf, arith.addf), with no other op in the
/// body; null if there is none.
static Operation *getPoolingCombiner(linalg::LinalgOp op) {
  Block &body = op->getRegion(0).front();
  if (body.getOperations().size() != 2)
    return nullptr;
  Operation &combine = body.front();
  if (!isa<arith::MaximumFOp, arith::AddFOp>(combine) ||
      combine.getNumOperands() != 2 ||
      !llvm::is_contained(combine.getOperands(), body.getArgument(0)) ||
      !llvm::is_contained(combine.getOperands(), body.getArgument(2)) ||
      body.getTerminator()->getOperand(0) != combine.getResult(0))
    return nullptr;
  return &combine;
}

bool mlir::kiln::isChannelWindowOp(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() ||
      !(isa<linalg::DepthwiseConv2DNchwChwOp>(op.getOperation()) ||
        (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(
             op.getOperation()) &&
         getPoolingCombiner(op))))
    return false;
  Type element;
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type || !type.hasStaticShape())
      return false;
    if (element && type.getElementType() != element)
      return false;
    element = type.getElementType();
  }
  ArrayRef<int64_t> window =
      cast<ShapedType>(op.getDpsInputOperand(1)->get().getType())
          .getShape()
          .take_back(2);
  if (window[0] * window[1] > kMaxWindowTaps)
    return false;
  // Floats that have vector arithmetic (bf16 stays scalar, see
  // accessesUnvectorizableTensors in Vectorize.cpp).
  return isa<Float16Type, Float32Type, Float64Type>(element);
}

namespace {
/// The input of a depthwise tile as a window of an unpadded tensor: the
/// tile's input is a unit-stride slice of a tensor.pad of `source` (or the
/// pad itself) with static amounts, none on the batch and channel
/// dimensions, and a constant padding value.
struct PaddedInput {
  tensor::PadOp pad;
  Value source;
  /// Offsets of the tile's input in the padded tensor.
  SmallVector<OpFoldResult> offsets;
  int64_t lowRows, lowCols, highCols, rows, cols;
};

/// How the tile's window lies in the source along rows or columns: at a
/// known offset, inside the source, or across its border.
enum class Placement { Static, Inside, Border };

struct Placements {
  Placement rows, cols;
  /// Source row and column of the tile's input element (0, 0): the constant
  /// for Static, else the value.
  int64_t rowBase = 0, colBase = 0;
  Value rowValue, colValue;
};
} // namespace

static std::optional<PaddedInput> getPaddedInput(Value input) {
  PaddedInput result;
  Value padded = input;
  if (auto slice = input.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride())
      return std::nullopt;
    result.offsets = slice.getMixedOffsets();
    padded = slice.getSource();
  }
  auto pad = padded.getDefiningOp<tensor::PadOp>();
  if (!pad || !pad.getConstantPaddingValue())
    return std::nullopt;
  RankedTensorType sourceType = pad.getSourceType();
  if (!sourceType.hasStaticShape() || sourceType.getRank() != 4)
    return std::nullopt;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (llvm::any_of(low, [](int64_t l) { return l < 0; }) ||
      llvm::any_of(high, [](int64_t h) { return h < 0; }) || low[0] || low[1] ||
      high[0] || high[1])
    return std::nullopt;
  if (result.offsets.empty())
    result.offsets.assign(4, OpFoldResult(IntegerAttr::get(
                                 IndexType::get(input.getContext()), 0)));
  result.pad = pad;
  result.source = pad.getSource();
  result.lowRows = low[2];
  result.lowCols = low[3];
  result.highCols = high[3];
  result.rows = sourceType.getShape()[2];
  result.cols = sourceType.getShape()[3];
  return result;
}

/// Every value `value` (an index) can take, where it is a constant, an
/// induction variable of loops with constant bounds, or sums and products of
/// those (affine.apply, arith.addi, arith.muli); nullopt where unknown or more
/// than 4096 values.
static std::optional<llvm::SmallDenseSet<int64_t>>
getPossibleValues(Value value) {
  constexpr size_t kMaxValues = 4096;
  using Set = llvm::SmallDenseSet<int64_t>;
  auto range = [&](OpFoldResult lb, OpFoldResult ub,
                   OpFoldResult step) -> std::optional<Set> {
    std::optional<int64_t> l = getConstantIntValue(lb),
                           u = getConstantIntValue(ub),
                           st = getConstantIntValue(step);
    if (!l || !u || !st || *st <= 0 || (*u - *l) / *st > (int64_t)kMaxValues)
      return std::nullopt;
    Set values;
    for (int64_t v = *l; v < *u; v += *st)
      values.insert(v);
    return values;
  };
  // Combines the values of two operands.
  auto combine =
      [&](const Set &a, const Set &b,
          function_ref<int64_t(int64_t, int64_t)> f) -> std::optional<Set> {
    if (a.size() * b.size() > kMaxValues)
      return std::nullopt;
    Set values;
    for (int64_t x : a)
      for (int64_t y : b)
        values.insert(f(x, y));
    return values;
  };
  if (std::optional<int64_t> c = getConstantIntValue(value))
    return Set{*c};
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    Operation *owner = arg.getOwner()->getParentOp();
    if (auto loop = dyn_cast<scf::ForOp>(owner);
        loop && arg == loop.getInductionVar())
      return range(loop.getLowerBound(), loop.getUpperBound(), loop.getStep());
    if (auto loop = dyn_cast<scf::ForallOp>(owner)) {
      for (auto [i, iv] : llvm::enumerate(loop.getInductionVars()))
        if (iv == arg)
          return range(loop.getMixedLowerBound()[i],
                       loop.getMixedUpperBound()[i], loop.getMixedStep()[i]);
    }
    return std::nullopt;
  }
  Operation *def = value.getDefiningOp();
  if (isa_and_nonnull<arith::AddIOp, arith::MulIOp>(def)) {
    std::optional<Set> a = getPossibleValues(def->getOperand(0));
    std::optional<Set> b =
        a ? getPossibleValues(def->getOperand(1)) : std::nullopt;
    if (!b)
      return std::nullopt;
    if (isa<arith::AddIOp>(def))
      return combine(*a, *b, [](int64_t x, int64_t y) { return x + y; });
    return combine(*a, *b, [](int64_t x, int64_t y) { return x * y; });
  }
  if (auto apply = dyn_cast_or_null<affine::AffineApplyOp>(def)) {
    // The map's result at every combination of its operands' values.
    SmallVector<SmallVector<int64_t>> operands;
    size_t count = 1;
    for (Value operand : apply.getMapOperands()) {
      std::optional<Set> values = getPossibleValues(operand);
      if (!values || (count *= values->size()) > kMaxValues)
        return std::nullopt;
      operands.push_back(SmallVector<int64_t>(values->begin(), values->end()));
    }
    AffineMap map = apply.getAffineMap();
    Set values;
    SmallVector<int64_t> point(operands.size());
    std::function<bool(size_t)> visit = [&](size_t i) -> bool {
      if (i == operands.size()) {
        SmallVector<Attribute> attrs;
        for (int64_t v : point)
          attrs.push_back(
              IntegerAttr::get(IndexType::get(map.getContext()), v));
        SmallVector<Attribute> folded;
        if (failed(map.constantFold(attrs, folded)) || folded.size() != 1)
          return false;
        values.insert(cast<IntegerAttr>(folded[0]).getInt());
        return true;
      }
      for (int64_t v : operands[i]) {
        point[i] = v;
        if (!visit(i + 1))
          return false;
      }
      return true;
    };
    if (!visit(0))
      return std::nullopt;
    return values;
  }
  return std::nullopt;
}

namespace {
/// The versions of a tile whose input columns start at a dynamic offset:
/// one per offset whose reads cross the source's first or last column,
/// [0, lowCols) and (lastInside, lastOffset] (those the tile loops can
/// reach, where their bounds are known), and one for the offsets that read
/// inside the source, if any is reachable.
struct ColumnVersions {
  SmallVector<int64_t> borders;
  bool insideReachable = false;
};
} // namespace

static ColumnVersions getColumnVersions(const PaddedInput &padded,
                                        int64_t readCols, int64_t inWidth) {
  ColumnVersions result;
  int64_t lastInside = padded.cols - readCols + padded.lowCols;
  int64_t lastOffset = padded.lowCols + padded.cols + padded.highCols - inWidth;
  std::optional<llvm::SmallDenseSet<int64_t>> reachable;
  if (auto offset = dyn_cast<Value>(padded.offsets[3]))
    reachable = getPossibleValues(offset);
  result.insideReachable = !reachable;
  for (int64_t k = 0; k <= lastOffset; ++k) {
    if (reachable && !reachable->contains(k))
      continue;
    if (k < padded.lowCols || k > lastInside)
      result.borders.push_back(k);
    else
      result.insideReachable = true;
  }
  return result;
}

LogicalResult
mlir::kiln::vectorizeChannelWindowTile(RewriterBase &rewriter,
                                       linalg::LinalgOp op, bool readUnpadded,
                                       int64_t versionedMinPixels) {
  if (!isChannelWindowOp(op))
    return failure();
  // A depthwise convolution multiplies by a weight per channel and tap; a
  // pooling combines the input elements themselves.
  bool isConv = isa<linalg::DepthwiseConv2DNchwChwOp>(op.getOperation());
  Operation *combiner = isConv ? nullptr : getPoolingCombiner(op);
  Value input = op.getDpsInputOperand(0)->get();
  Value filter = op.getDpsInputOperand(1)->get();
  Value output = op.getDpsInitOperand(0)->get();
  auto inputType = cast<RankedTensorType>(input.getType());
  auto outputType = cast<RankedTensorType>(output.getType());
  ArrayRef<int64_t> in = inputType.getShape();
  ArrayRef<int64_t> out = outputType.getShape();
  // The filter [C, KH, KW] of a convolution, the window [KH, KW] of a
  // pooling.
  ArrayRef<int64_t> window =
      cast<RankedTensorType>(filter.getType()).getShape().take_back(2);
  int64_t batch = out[0], channels = out[1], rows = out[2], width = out[3];
  int64_t inWidth = in[3], kh = window[0], kw = window[1];
  auto strideAttr = op->getAttrOfType<DenseIntElementsAttr>("strides");
  auto dilationAttr = op->getAttrOfType<DenseIntElementsAttr>("dilations");
  if (!strideAttr || !dilationAttr)
    return failure();
  SmallVector<int64_t> strides =
      llvm::to_vector(strideAttr.getValues<int64_t>());
  SmallVector<int64_t> dilations =
      llvm::to_vector(dilationAttr.getValues<int64_t>());
  int64_t sh = strides[0], sw = strides[1], dh = dilations[0],
          dw = dilations[1];
  if (batch * channels * rows > kMaxTileRows || width > kMaxTileWidth ||
      sh <= 0 || sw <= 0 || dh <= 0 || dw <= 0)
    return failure();

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Type element = outputType.getElementType();
  auto rowType = VectorType::get({width}, element);
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, v);
  };
  Value zero = index(0);
  Value padding = ub::PoisonOp::create(rewriter, loc, element);

  // The whole output tile (its initial value: zeros, or a bias) as one
  // vector, so that the write of a fill or a bias broadcast before it is
  // forwarded in registers; then one accumulator per output row.
  auto tileType = VectorType::get(out, element);
  SmallVector<bool> allInBounds(4, true);
  Value initialTile = vector::TransferReadOp::create(
      rewriter, loc, tileType, output, ValueRange{zero, zero, zero, zero},
      padding, allInBounds);

  // The order of the pixels in the accumulators. With stride 2, every
  // other element of a pair of registers is one `shufps` if the pixels may
  // come out interleaved by 128-bit lane ([0, 1, 4, 5, 2, 3, 6, 7] for f32
  // in 256-bit registers), against a shuffle and a lane-crossing permute
  // (3 uops on Zen 1) for each vector of each tap in order. The
  // accumulators then hold that order, permuted once on the way in and out.
  SmallVector<int64_t> order = llvm::to_vector(llvm::seq<int64_t>(0, width));
  unsigned bits = element.getIntOrFloatBitWidth();
  int64_t group = 256 / bits, quad = 128 / bits, half = quad / 2;
  bool permuted = sw == 2 && half > 0 && width >= group;
  if (permuted) {
    for (int64_t g = 0; g + group <= width; g += group)
      for (int64_t j = 0; j < group; ++j) {
        int64_t k = j / quad, p = j % quad;
        order[g + j] =
            g + (p < half ? k * half + p : group / 2 + k * half + (p - half));
      }
  }
  SmallVector<int64_t> inverse(width);
  for (int64_t j = 0; j < width; ++j)
    inverse[order[j]] = j;

  // Column shifts grouped by the contiguous read of an input row that
  // serves them: each shift alone with stride 1; with stride s, the shifts
  // whose every s-th element falls in one read of whole vectors (width * s
  // elements, where the tile's input row has room), e.g. 0 and 1 of a
  // stride-2 3x3 window (even and odd elements). One group at a time, so
  // that only its weights (a window column or two) are live next to the
  // accumulators: a 5x5 window's 25 weights would not fit in the registers.
  int64_t span = (width - 1) * sw + 1;
  int64_t wide = sw == 1 ? width : (inWidth >= width * sw ? width * sw : span);
  SmallVector<std::pair<int64_t, SmallVector<int64_t>>> groups;
  for (int64_t j = 0; j < kw; ++j) {
    int64_t col0 = j * dw;
    auto *found = llvm::find_if(groups, [&](const auto &g) {
      return g.first <= col0 && col0 - g.first + span <= wide;
    });
    if (found == groups.end()) {
      groups.push_back({std::min(col0, inWidth - wide), {}});
      found = std::prev(groups.end());
    }
    found->second.push_back(j);
  }
  // Columns of the tile's input row that the reads cover.
  int64_t readCols = 0;
  for (const auto &g : groups)
    readCols = std::max(readCols, g.first + wide);

  // Adds input row `row` into accumulator `acc`: times `weight()` for a
  // convolution, with the body's combining op (its fastmath flags kept) for
  // a pooling.
  auto combine = [&](Value acc, Value row,
                     function_ref<Value()> weight) -> Value {
    if (isConv)
      return vector::FMAOp::create(rewriter, loc, row, weight(), acc);
    OperationState state(loc, combiner->getName());
    state.addOperands({acc, row});
    state.addTypes(acc.getType());
    state.addAttributes(combiner->getAttrs());
    return rewriter.create(state)->getResult(0);
  };

  // Reads `wide` elements of input row `ir` from column `start` (of the
  // tile's input) for batch `n` and channel `c`; null where they are all
  // padding that leaves the accumulators as they are (zeros for a
  // convolution or a sum, -inf for a max), whose combines are left out.
  using RowReader =
      function_ref<Value(int64_t n, int64_t c, int64_t ir, int64_t start)>;
  // The tile's code for one way of reading its input rows: returns the
  // output tile.
  auto emitTile = [&](RowReader read) -> Value {
    Value tile = initialTile;
    for (int64_t n = 0; n < batch; ++n) {
      for (int64_t c = 0; c < channels; ++c) {
        SmallVector<Value> acc;
        for (int64_t r = 0; r < rows; ++r) {
          Value row = vector::ExtractOp::create(rewriter, loc, tile,
                                                ArrayRef<int64_t>{n, c, r});
          if (permuted)
            row = vector::ShuffleOp::create(rewriter, loc, row, row, order);
          acc.push_back(row);
        }
        // Weights, broadcast once each (convolutions).
        DenseMap<std::pair<int64_t, int64_t>, Value> weights;
        auto weight = [&](int64_t i, int64_t j) {
          Value &w = weights[{i, j}];
          if (!w) {
            Value scalar = tensor::ExtractOp::create(
                rewriter, loc, filter,
                ValueRange{index(c), index(i), index(j)});
            w = vector::BroadcastOp::create(rewriter, loc, rowType, scalar);
          }
          return w;
        };
        for (const auto &[start, shifts] : groups) {
          for (int64_t ir = 0; ir < in[2]; ++ir) {
            Value contiguous;
            bool loaded = false;
            for (int64_t j : shifts) {
              // Output rows whose window row i reads input row `ir`.
              SmallVector<std::pair<int64_t, int64_t>> targets;
              for (int64_t r = 0; r < rows; ++r)
                for (int64_t i = 0; i < kh; ++i)
                  if (r * sh + i * dh == ir)
                    targets.push_back({r, i});
              if (targets.empty())
                continue;
              if (!loaded) {
                contiguous = read(n, c, ir, start);
                loaded = true;
              }
              if (!contiguous)
                continue;
              // Input columns j * dw + sw * x for the pixels x of the tile.
              Value row = contiguous;
              if (sw != 1) {
                SmallVector<int64_t> mask;
                for (int64_t x = 0; x < width; ++x)
                  mask.push_back(j * dw - start + order[x] * sw);
                row = vector::ShuffleOp::create(rewriter, loc, contiguous,
                                                contiguous, mask);
              }
              for (auto [r, i] : targets) {
                int64_t tap = i;
                acc[r] = combine(acc[r], row, [&] { return weight(tap, j); });
              }
            }
          }
        }
        for (int64_t r = 0; r < rows; ++r) {
          if (permuted)
            acc[r] = vector::ShuffleOp::create(rewriter, loc, acc[r], acc[r],
                                               inverse);
          tile = vector::InsertOp::create(rewriter, loc, acc[r], tile,
                                          ArrayRef<int64_t>{n, c, r});
        }
      }
    }
    return tile;
  };

  auto wideType = VectorType::get({wide}, element);
  std::optional<PaddedInput> padded;
  if (readUnpadded)
    padded = getPaddedInput(input);
  // Reading in place takes a version of the tile per placement; more than
  // two (columns across a border) only on planes large enough that copying
  // the pad costs more than compiling them.
  ColumnVersions columns;
  if (padded) {
    bool dynamicRows = !getConstantIntValue(padded->offsets[2]);
    bool dynamicCols = !getConstantIntValue(padded->offsets[3]);
    if (dynamicCols)
      columns = getColumnVersions(*padded, readCols, inWidth);
    int64_t versions =
        (dynamicRows ? 2 : 1) *
        (dynamicCols ? columns.borders.size() + columns.insideReachable : 1);
    if (versions > 2 && padded->rows * padded->cols < versionedMinPixels)
      padded.reset();
  }
  Value result;
  if (!padded) {
    result = emitTile([&](int64_t n, int64_t c, int64_t ir, int64_t start) {
      return vector::TransferReadOp::create(
                 rewriter, loc, wideType, input,
                 ValueRange{index(n), index(c), index(ir), index(start)},
                 padding, ArrayRef<bool>{true})
          .getResult();
    });
  } else {
    // The padding value, defined above the tile (a constant yielded inside
    // the pad's region is copied out).
    Value padValue = padded->pad.getConstantPaddingValue();
    if (Operation *def = padValue.getDefiningOp();
        def && padded->pad.getRegion().isAncestor(def->getParentRegion()))
      padValue = rewriter.clone(*def)->getResult(0);
    bool identityPadding = combiner && isa<arith::MaximumFOp>(combiner)
                               ? matchPattern(padValue, m_NegInfFloat())
                               : matchPattern(padValue, m_AnyZeroFloat());
    Value padRow =
        vector::BroadcastOp::create(rewriter, loc, wideType, padValue);
    Value source = padded->source;
    int64_t srcRows = padded->rows, srcCols = padded->cols;
    auto offsetValue = [&](OpFoldResult offset, int64_t extra) -> Value {
      Value v = getValueOrCreateConstantIndexOp(rewriter, loc, offset);
      return extra ? arith::AddIOp::create(rewriter, loc, v, index(extra))
                         .getResult()
                   : v;
    };
    // Reads of the source for given placements.
    auto readSource = [&](const Placements &p, int64_t n, int64_t c, int64_t ir,
                          int64_t start) -> Value {
      Value allPadding = identityPadding ? Value() : padRow;
      Value rowIndex, inside;
      switch (p.rows) {
      case Placement::Static: {
        int64_t r = p.rowBase + ir;
        if (r < 0 || r >= srcRows)
          return allPadding;
        rowIndex = index(r);
        break;
      }
      case Placement::Inside:
        rowIndex = arith::AddIOp::create(rewriter, loc, p.rowValue, index(ir));
        break;
      case Placement::Border: {
        // Rows outside the source read row 0 and take the padding value.
        Value r = arith::AddIOp::create(rewriter, loc, p.rowValue, index(ir));
        inside = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ult,
                                       r, index(srcRows));
        rowIndex = arith::SelectOp::create(rewriter, loc, inside, r, zero);
        break;
      }
      }
      Value n0 = offsetValue(padded->offsets[0], n);
      Value c0 = offsetValue(padded->offsets[1], c);
      Value row;
      switch (p.cols) {
      case Placement::Static: {
        // Elements [lo, hi) of the read lie in the source row: one read of
        // `wide` elements inside the row that holds them (at `at`), its
        // elements moved into place and the padding value around them.
        int64_t col = p.colBase + start;
        int64_t lo = std::max<int64_t>(0, -col);
        int64_t hi = std::min(wide, srcCols - col);
        if (lo >= hi)
          return allPadding;
        if (lo == 0 && hi == wide) {
          row = vector::TransferReadOp::create(
              rewriter, loc, wideType, source,
              ValueRange{n0, c0, rowIndex, index(col)}, padValue,
              ArrayRef<bool>{true});
          break;
        }
        // (Rows of 7 read as one masked vector of 8 instead of 4 + 2 + 1
        // loads measured 15-45 % slower on Zen 1: vmaskmovps.)
        int64_t count = srcCols >= wide ? wide : hi - lo;
        int64_t at = srcCols >= wide
                         ? std::clamp<int64_t>(col + lo, 0, srcCols - wide)
                         : col + lo;
        Value part = vector::TransferReadOp::create(
            rewriter, loc, VectorType::get({count}, element), source,
            ValueRange{n0, c0, rowIndex, index(at)}, padValue,
            ArrayRef<bool>{true});
        if (count != wide) {
          // Widened to `wide` lanes (those past `count` are not used).
          SmallVector<int64_t> take;
          for (int64_t x = 0; x < wide; ++x)
            take.push_back(x < count ? x : 0);
          part = vector::ShuffleOp::create(rewriter, loc, part, part, take);
        }
        SmallVector<int64_t> mask;
        for (int64_t x = 0; x < wide; ++x)
          mask.push_back(x < lo || x >= hi ? wide : col + x - at);
        row = vector::ShuffleOp::create(rewriter, loc, part, padRow, mask);
        break;
      }
      case Placement::Inside: {
        Value col =
            arith::AddIOp::create(rewriter, loc, p.colValue, index(start));
        row = vector::TransferReadOp::create(rewriter, loc, wideType, source,
                                             ValueRange{n0, c0, rowIndex, col},
                                             padValue, ArrayRef<bool>{true});
        break;
      }
      case Placement::Border:
        llvm_unreachable("columns across a border have known offsets");
      }
      if (inside)
        row = arith::SelectOp::create(rewriter, loc, inside, row, padRow);
      return row;
    };
    auto emitFor = [&](const Placements &p) {
      return emitTile([&](int64_t n, int64_t c, int64_t ir, int64_t start) {
        return readSource(p, n, c, ir, start);
      });
    };
    // One tile per placement, chosen by scf.if on the tile's offsets.
    auto branch = [&](Value cond, function_ref<Value()> then,
                      function_ref<Value()> otherwise) -> Value {
      auto ifOp = scf::IfOp::create(rewriter, loc, TypeRange{tileType}, cond,
                                    /*addThenBlock=*/true,
                                    /*addElseBlock=*/true);
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(ifOp.thenBlock());
      scf::YieldOp::create(rewriter, loc, then());
      rewriter.setInsertionPointToStart(ifOp.elseBlock());
      scf::YieldOp::create(rewriter, loc, otherwise());
      return ifOp.getResult(0);
    };
    auto cmp = [&](arith::CmpIPredicate predicate, Value a, int64_t b) {
      return arith::CmpIOp::create(rewriter, loc, predicate, a, index(b))
          .getResult();
    };
    Placements p;
    OpFoldResult rowOffset = padded->offsets[2], colOffset = padded->offsets[3];
    std::optional<int64_t> rowConst = getConstantIntValue(rowOffset);
    std::optional<int64_t> colConst = getConstantIntValue(colOffset);
    // Columns: at a known offset, else one tile per offset left of the
    // source's first column (offsets below the left padding, each with its
    // columns known), else inside the source or across its right end.
    std::function<Value(Placements)> emitColumns = [&](Placements p) -> Value {
      if (colConst) {
        p.cols = Placement::Static;
        p.colBase = *colConst - padded->lowCols;
        return emitFor(p);
      }
      Value colOffsetValue =
          getValueOrCreateConstantIndexOp(rewriter, loc, colOffset);
      ArrayRef<int64_t> borders = columns.borders;
      bool insideReachable = columns.insideReachable;
      auto atOffset = [&](int64_t k) {
        Placements q = p;
        q.cols = Placement::Static;
        q.colBase = k - padded->lowCols;
        return emitFor(q);
      };
      auto inside = [&]() -> Value {
        Placements q = p;
        q.cols = Placement::Inside;
        q.colValue = arith::SubIOp::create(rewriter, loc, colOffsetValue,
                                           index(padded->lowCols));
        return emitFor(q);
      };
      std::function<Value(size_t)> chain = [&](size_t i) -> Value {
        if (i == borders.size())
          return inside();
        if (i + 1 == borders.size() && !insideReachable)
          return atOffset(borders[i]);
        return branch(
            cmp(arith::CmpIPredicate::eq, colOffsetValue, borders[i]),
            [&] { return atOffset(borders[i]); }, [&] { return chain(i + 1); });
      };
      return chain(0);
    };
    // Rows: at a known offset, else inside the source or across a border.
    if (rowConst) {
      p.rows = Placement::Static;
      p.rowBase = *rowConst - padded->lowRows;
      result = emitColumns(p);
    } else {
      p.rowValue = arith::SubIOp::create(
          rewriter, loc,
          getValueOrCreateConstantIndexOp(rewriter, loc, rowOffset),
          index(padded->lowRows));
      Value inside = arith::AndIOp::create(
          rewriter, loc, cmp(arith::CmpIPredicate::sge, p.rowValue, 0),
          cmp(arith::CmpIPredicate::sle, p.rowValue, srcRows - in[2]));
      result = branch(
          inside,
          [&] {
            Placements q = p;
            q.rows = Placement::Inside;
            return emitColumns(q);
          },
          [&] {
            Placements q = p;
            q.rows = Placement::Border;
            return emitColumns(q);
          });
    }
  }
  Value written = vector::TransferWriteOp::create(
                      rewriter, loc, result, output,
                      ValueRange{zero, zero, zero, zero}, allInBounds)
                      .getResult();
  rewriter.replaceOp(op, written);
  // The padded input, when nothing else reads it.
  if (auto slice = input.getDefiningOp<tensor::ExtractSliceOp>();
      slice && slice->use_empty()) {
    input = slice.getSource();
    rewriter.eraseOp(slice);
  }
  if (auto pad = input.getDefiningOp<tensor::PadOp>(); pad && pad->use_empty())
    rewriter.eraseOp(pad);
  return success();
}
