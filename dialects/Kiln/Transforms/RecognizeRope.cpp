//===- RecognizeRope.cpp - Recognize rotary position embeddings -----------===//
//
// A rotary position embedding exported from PyTorch arrives as
//
//   x * cos + rotate(x) * sin
//
// where `rotate(x)` moves every feature's pair partner into its place with one
// sign flipped: `concat(-x[..., n:], x[..., :n])` (half pairing,
// `rotate_half`) or `reshape(stack(-x[..., 1::2], x[..., ::2]))` (interleaved
// pairing, `stack` = `unsqueeze` + `concat`), and `cos`/`sin` are constant
// tables broadcast over batch and heads. The patterns here replace the whole
// expression with one kiln.rope, fold a rope of the first `r` features that is
// concatenated with the untouched rest into a partial rope, and replace
// constant cos/sin tables by `theta` and `position_offset` when the tables are
// exactly those of kiln.rope's formula.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

namespace mlir::kiln {
#define GEN_PASS_DEF_RECOGNIZEROPE
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Matching the pieces of a rotation
//===----------------------------------------------------------------------===//

namespace {
/// A window of the last dimension of `source` that keeps every other
/// dimension whole: features `start, start + step, ...`, `size` of them.
struct LastAxisSlice {
  Value source;
  int64_t start = 0;
  int64_t step = 1;
  int64_t size = 0;
  Operation *op = nullptr;
};

/// `sign * partner(x)`, where partner(x) is the vector kiln.rope multiplies by
/// sin: `rotate_half(x)` or its interleaved counterpart. `ops` are the
/// operations that compute it.
struct Rotation {
  Value x;
  RopePairing pairing = RopePairing::Half;
  bool negated = false;
  llvm::SetVector<Operation *> ops;
};
} // namespace

static int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// If `value` is a constant whose elements are all equal, returns that value.
static std::optional<double> readSplat(Value value) {
  std::optional<SmallVector<double>> data = readFloatConstant(value);
  if (!data || data->empty())
    return std::nullopt;
  if (llvm::any_of(*data, [&](double x) { return x != data->front(); }))
    return std::nullopt;
  return data->front();
}

/// Matches a kiln.slice, or a result of a kiln.split, that cuts only the last
/// dimension with a positive step.
static std::optional<LastAxisSlice> matchLastAxisSlice(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() < 1)
    return std::nullopt;
  int64_t last = type.getRank() - 1;
  if (auto slice = value.getDefiningOp<SliceOp>()) {
    auto inputType = cast<RankedTensorType>(slice.getInput().getType());
    ArrayRef<int64_t> starts = slice.getStarts(), steps = slice.getSteps();
    for (int64_t d = 0; d < last; ++d)
      if (starts[d] != 0 || steps[d] != 1 ||
          type.getDimSize(d) != inputType.getDimSize(d))
        return std::nullopt;
    if (steps[last] <= 0)
      return std::nullopt;
    return LastAxisSlice{slice.getInput(), starts[last], steps[last],
                         type.getDimSize(last), slice};
  }
  auto result = dyn_cast<OpResult>(value);
  auto split = result ? dyn_cast<SplitOp>(result.getOwner()) : SplitOp();
  if (!split || normalizeAxis(split.getAxis(), type.getRank()) != last)
    return std::nullopt;
  ArrayRef<int64_t> sizes = split.getSizes();
  int64_t start = 0;
  for (unsigned i = 0; i < result.getResultNumber(); ++i)
    start += sizes[i];
  return LastAxisSlice{split.getInput(), start, 1,
                       sizes[result.getResultNumber()], split};
}

/// Strips negations (kiln.neg, or a product with a splat -1 that does not
/// broadcast) from `value`, flipping `negated` for each, and records them.
static Value stripNegations(Value value, bool &negated,
                            llvm::SetVector<Operation *> &ops) {
  while (true) {
    if (auto neg = value.getDefiningOp<NegOp>()) {
      ops.insert(neg);
      negated = !negated;
      value = neg.getInput();
      continue;
    }
    if (auto mul = value.getDefiningOp<MulOp>()) {
      Value other;
      if (readSplat(mul.getRhs()) == -1.0)
        other = mul.getLhs();
      else if (readSplat(mul.getLhs()) == -1.0)
        other = mul.getRhs();
      if (other && other.getType() == mul.getType()) {
        ops.insert(mul);
        negated = !negated;
        value = other;
        continue;
      }
    }
    return value;
  }
}

/// Matches `concat(-x[..., n:], x[..., :n])` on the last axis, with `x` of
/// last dimension 2n (negated: `concat(x[..., n:], -x[..., :n])`).
static std::optional<Rotation> matchHalfRotation(Value value) {
  auto concat = value.getDefiningOp<ConcatOp>();
  if (!concat || concat.getInputs().size() != 2)
    return std::nullopt;
  auto type = cast<RankedTensorType>(concat.getType());
  if (normalizeAxis(concat.getAxis(), type.getRank()) != type.getRank() - 1)
    return std::nullopt;
  Rotation rotation;
  rotation.ops.insert(concat);
  bool negHigh = false, negLow = false;
  std::optional<LastAxisSlice> high = matchLastAxisSlice(
      stripNegations(concat.getInputs()[0], negHigh, rotation.ops));
  std::optional<LastAxisSlice> low = matchLastAxisSlice(
      stripNegations(concat.getInputs()[1], negLow, rotation.ops));
  if (!high || !low || negHigh == negLow || high->source != low->source)
    return std::nullopt;
  Value x = high->source;
  if (x.getType() != type)
    return std::nullopt;
  int64_t n = type.getShape().back() / 2;
  if (n < 1 || type.getShape().back() != 2 * n)
    return std::nullopt;
  if (high->start != n || high->step != 1 || high->size != n ||
      low->start != 0 || low->step != 1 || low->size != n)
    return std::nullopt;
  rotation.ops.insert(high->op);
  rotation.ops.insert(low->op);
  rotation.x = x;
  rotation.pairing = RopePairing::Half;
  rotation.negated = negLow;
  return rotation;
}

/// Strips a new trailing dimension of size 1 (kiln.unsqueeze at the last
/// position, or the equivalent kiln.reshape).
static Value stripTrailingUnsqueeze(Value value,
                                    llvm::SetVector<Operation *> &ops) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  if (rank < 1 || type.getShape().back() != 1)
    return {};
  if (auto unsqueeze = value.getDefiningOp<UnsqueezeOp>()) {
    ArrayRef<int64_t> axes = unsqueeze.getAxes();
    if (axes.size() != 1 || normalizeAxis(axes[0], rank) != rank - 1)
      return {};
    ops.insert(unsqueeze);
    return unsqueeze.getInput();
  }
  if (auto reshape = value.getDefiningOp<ReshapeOp>()) {
    auto inputType = cast<RankedTensorType>(reshape.getInput().getType());
    if (inputType.getShape() != type.getShape().drop_back())
      return {};
    ops.insert(reshape);
    return reshape.getInput();
  }
  return {};
}

/// Matches `reshape(concat(unsqueeze(-x[..., 1::2]), unsqueeze(x[..., ::2])))`
/// (torch.stack on a new last axis, flattened back to the shape of `x`);
/// negated: the minus sign on the second half.
static std::optional<Rotation> matchInterleavedRotation(Value value) {
  auto reshape = value.getDefiningOp<ReshapeOp>();
  if (!reshape)
    return std::nullopt;
  auto concat = reshape.getInput().getDefiningOp<ConcatOp>();
  if (!concat || concat.getInputs().size() != 2)
    return std::nullopt;
  auto stacked = cast<RankedTensorType>(concat.getType());
  int64_t rank = stacked.getRank();
  if (rank < 2 || normalizeAxis(concat.getAxis(), rank) != rank - 1 ||
      stacked.getShape().back() != 2)
    return std::nullopt;
  Rotation rotation;
  rotation.ops.insert(reshape);
  rotation.ops.insert(concat);
  std::optional<LastAxisSlice> halves[2];
  bool negated[2] = {false, false};
  for (int i = 0; i < 2; ++i) {
    Value piece =
        stripNegations(concat.getInputs()[i], negated[i], rotation.ops);
    piece = stripTrailingUnsqueeze(piece, rotation.ops);
    if (!piece)
      return std::nullopt;
    halves[i] =
        matchLastAxisSlice(stripNegations(piece, negated[i], rotation.ops));
    if (!halves[i])
      return std::nullopt;
  }
  const LastAxisSlice &odd = *halves[0], &even = *halves[1];
  if (negated[0] == negated[1] || odd.source != even.source)
    return std::nullopt;
  Value x = odd.source;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t n = stacked.getDimSize(rank - 2);
  if (reshape.getType() != type || type.getShape().back() != 2 * n)
    return std::nullopt;
  if (odd.start != 1 || odd.step != 2 || odd.size != n || even.start != 0 ||
      even.step != 2 || even.size != n)
    return std::nullopt;
  rotation.ops.insert(odd.op);
  rotation.ops.insert(even.op);
  rotation.x = x;
  rotation.pairing = RopePairing::Interleaved;
  rotation.negated = negated[1];
  return rotation;
}

static std::optional<Rotation> matchRotation(Value value) {
  if (std::optional<Rotation> half = matchHalfRotation(value))
    return half;
  return matchInterleavedRotation(value);
}

//===----------------------------------------------------------------------===//
// Tables
//===----------------------------------------------------------------------===//

namespace {
/// A float tensor known at compile time, row-major.
struct ConstantTensor {
  SmallVector<int64_t> shape;
  SmallVector<double> values;
};
} // namespace

/// Tensors of more elements than this are not evaluated.
constexpr int64_t kMaxEvaluatedElements = int64_t(1) << 24;

static SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Calls `fn(index, linear)` for every index of `shape` in row-major order.
template <typename Fn>
static void forEachIndex(ArrayRef<int64_t> shape, Fn fn) {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    fn(ArrayRef<int64_t>(index), linear);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// The integer elements of a constant, or std::nullopt.
static std::optional<SmallVector<int64_t>> readIntConstant(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &x : attr.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

/// Evaluates `value` when it is a float constant viewed through data
/// movement only (reshapes, transposes, slices, expands, and gathers with
/// constant indices), as cos/sin tables are when a cache is indexed by
/// constant positions (`cos_cached[position_ids].unsqueeze(1)`).
static std::optional<ConstantTensor> evaluateConstant(Value value,
                                                      int depth = 0) {
  auto type = cast<RankedTensorType>(value.getType());
  if (depth > 16 || type.getNumElements() > kMaxEvaluatedElements)
    return std::nullopt;
  SmallVector<int64_t> shape(type.getShape());
  if (std::optional<SmallVector<double>> data = readFloatConstant(value))
    return ConstantTensor{shape, std::move(*data)};
  Operation *op = value.getDefiningOp();
  if (!op)
    return std::nullopt;
  if (isa<ReshapeOp, UnsqueezeOp, SqueezeOp, FlattenOp>(op)) {
    std::optional<ConstantTensor> input =
        evaluateConstant(op->getOperand(0), depth + 1);
    if (!input)
      return std::nullopt;
    return ConstantTensor{shape, std::move(input->values)};
  }
  if (auto transpose = dyn_cast<TransposeOp>(op)) {
    std::optional<ConstantTensor> input =
        evaluateConstant(transpose.getInput(), depth + 1);
    if (!input)
      return std::nullopt;
    SmallVector<int64_t> strides = getStrides(input->shape);
    ArrayRef<int64_t> permutation = transpose.getPermutation();
    ConstantTensor result{shape, SmallVector<double>(type.getNumElements())};
    forEachIndex(shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      int64_t source = 0;
      for (size_t d = 0; d < index.size(); ++d)
        source += index[d] * strides[permutation[d]];
      result.values[linear] = input->values[source];
    });
    return result;
  }
  if (auto slice = dyn_cast<SliceOp>(op)) {
    std::optional<ConstantTensor> input =
        evaluateConstant(slice.getInput(), depth + 1);
    if (!input)
      return std::nullopt;
    SmallVector<int64_t> strides = getStrides(input->shape);
    ArrayRef<int64_t> starts = slice.getStarts(), steps = slice.getSteps();
    ConstantTensor result{shape, SmallVector<double>(type.getNumElements())};
    forEachIndex(shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      int64_t source = 0;
      for (size_t d = 0; d < index.size(); ++d)
        source += (starts[d] + index[d] * steps[d]) * strides[d];
      result.values[linear] = input->values[source];
    });
    return result;
  }
  if (auto expand = dyn_cast<ExpandOp>(op)) {
    std::optional<ConstantTensor> input =
        evaluateConstant(expand.getInput(), depth + 1);
    if (!input)
      return std::nullopt;
    int64_t offset = type.getRank() - static_cast<int64_t>(input->shape.size());
    SmallVector<int64_t> strides = getStrides(input->shape);
    ConstantTensor result{shape, SmallVector<double>(type.getNumElements())};
    forEachIndex(shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      int64_t source = 0;
      for (size_t d = 0; d < input->shape.size(); ++d)
        if (input->shape[d] != 1)
          source += index[d + offset] * strides[d];
      result.values[linear] = input->values[source];
    });
    return result;
  }
  if (auto gather = dyn_cast<GatherOp>(op)) {
    std::optional<ConstantTensor> data =
        evaluateConstant(gather.getData(), depth + 1);
    std::optional<SmallVector<int64_t>> indices =
        readIntConstant(gather.getIndices());
    if (!data || !indices)
      return std::nullopt;
    int64_t rank = static_cast<int64_t>(data->shape.size());
    int64_t axis = normalizeAxis(gather.getAxis(), rank);
    int64_t size = data->shape[axis];
    for (int64_t &i : *indices) {
      if (i < 0)
        i += size;
      if (i < 0 || i >= size)
        return std::nullopt;
    }
    // output[a.., j.., b..] = data[a.., indices[j..], b..]
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= data->shape[d];
    for (int64_t d = axis + 1; d < rank; ++d)
      inner *= data->shape[d];
    ConstantTensor result{shape, {}};
    result.values.reserve(type.getNumElements());
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i : *indices)
        for (int64_t n = 0; n < inner; ++n)
          result.values.push_back(data->values[(o * size + i) * inner + n]);
    return result;
  }
  return std::nullopt;
}

namespace {
/// cos and sin per (position, pair): `rows` x `pairs`, row-major.
struct RopeTables {
  SmallVector<double> cos, sin;
  int64_t rows = 0, pairs = 0;
};
} // namespace

/// Evaluates `table` (see evaluateConstant), broadcast against the 4-D
/// `input` of layout `layout`, as an [S, D] matrix. Fails unless the table
/// depends on the position and the feature only (size 1 in the batch and head
/// dimensions).
static std::optional<SmallVector<double>>
readPositionTable(Value table, RankedTensorType input, SequenceLayout layout) {
  auto type = cast<RankedTensorType>(table.getType());
  if (type.getRank() > 4)
    return std::nullopt;
  SmallVector<int64_t> shape(4 - type.getRank(), 1);
  llvm::append_range(shape, type.getShape());
  unsigned seqPos = layout == SequenceLayout::BHSD ? 2 : 1;
  unsigned headPos = layout == SequenceLayout::BHSD ? 1 : 2;
  int64_t seqLen = input.getDimSize(seqPos), dim = input.getDimSize(3);
  if (shape[0] != 1 || shape[headPos] != 1 || shape[3] != dim ||
      (shape[seqPos] != 1 && shape[seqPos] != seqLen))
    return std::nullopt;
  std::optional<ConstantTensor> data = evaluateConstant(table);
  if (!data)
    return std::nullopt;
  if (shape[seqPos] == seqLen)
    return std::move(data->values);
  SmallVector<double> rows;
  for (int64_t p = 0; p < seqLen; ++p)
    llvm::append_range(rows, data->values);
  return rows;
}

/// Reduces an [S, D] table whose two entries of every pair are equal
/// (duplicated halves for `half`, repeated entries for `interleaved`) to the
/// [S, D / 2] table kiln.rope takes.
static std::optional<SmallVector<double>> reducePairs(ArrayRef<double> table,
                                                      int64_t rows, int64_t dim,
                                                      RopePairing pairing) {
  int64_t pairs = dim / 2;
  SmallVector<double> reduced;
  reduced.reserve(rows * pairs);
  for (int64_t p = 0; p < rows; ++p) {
    const double *row = table.data() + p * dim;
    for (int64_t k = 0; k < pairs; ++k) {
      bool half = pairing == RopePairing::Half;
      double first = row[half ? k : 2 * k];
      double second = row[half ? k + pairs : 2 * k + 1];
      if (first != second)
        return std::nullopt;
      reduced.push_back(first);
    }
  }
  return reduced;
}

/// `theta` and `position_offset` of a kiln.rope whose angles are the tables'.
struct RopeAngles {
  double theta;
  int64_t positionOffset;
};

/// The largest difference allowed between a table entry and the cosine or
/// sine of the exact angle `angle`: 2 ulps of the table's element type for
/// the rounding of the value, plus 16 ulps (in f32) of the angle for computing
/// the angle in single precision, as PyTorch does.
static double tableTolerance(double angle, double epsilon) {
  return 2.0 * epsilon + 16.0 * std::ldexp(1.0, -23) * (1.0 + std::fabs(angle));
}

/// Checks every entry of `tables` against the angles of `theta` and `offset`.
static bool matchesAngles(const RopeTables &tables, double theta,
                          int64_t offset, double epsilon) {
  int64_t rotaryDim = 2 * tables.pairs;
  for (int64_t k = 0; k < tables.pairs; ++k) {
    double invFreq = std::pow(theta, -2.0 * static_cast<double>(k) /
                                         static_cast<double>(rotaryDim));
    for (int64_t p = 0; p < tables.rows; ++p) {
      double angle = static_cast<double>(p + offset) * invFreq;
      double tolerance = tableTolerance(angle, epsilon);
      int64_t i = p * tables.pairs + k;
      if (!(std::fabs(tables.cos[i] - std::cos(angle)) <= tolerance) ||
          !(std::fabs(tables.sin[i] - std::sin(angle)) <= tolerance))
        return false;
    }
  }
  return true;
}

/// Finds `theta` and a position offset whose angles reproduce `tables`
/// within float rounding (see tableTolerance), or fails.
///
/// The angle of pair k at row p is (p + offset) * f_k with f_k =
/// theta^(-2k / r). Each frequency f_k is measured as the unwrapped phase
/// advance from the first row to the last divided by the row count; theta
/// follows from a weighted fit of log f_k = -(2k / r) log theta, rounded to
/// the fewest significant digits that still reproduce every entry. The offset
/// is read from the slowest pair of the first row. Every candidate is checked
/// against every entry.
static std::optional<RopeAngles> fitAngles(const RopeTables &tables,
                                           double epsilon) {
  int64_t rows = tables.rows, pairs = tables.pairs;
  if (rows < 1 || pairs < 1)
    return std::nullopt;
  double rotaryDim = 2.0 * static_cast<double>(pairs);
  auto phase = [&](int64_t p, int64_t k) {
    int64_t i = p * pairs + k;
    return std::atan2(tables.sin[i], tables.cos[i]);
  };

  SmallVector<double> thetas;
  if (rows >= 2 && pairs >= 2) {
    double sum = 0.0, weights = 0.0;
    for (int64_t k = 1; k < pairs; ++k) {
      double advance = 0.0;
      for (int64_t p = 1; p < rows; ++p)
        advance += std::remainder(phase(p, k) - phase(p - 1, k),
                                  2.0 * llvm::numbers::pi);
      if (!(advance > 0.0))
        continue;
      double freq = advance / static_cast<double>(rows - 1);
      double logTheta = -rotaryDim / (2.0 * k) * std::log(freq);
      double weight = static_cast<double>(k) * advance / (1.0 + advance);
      sum += weight * weight * logTheta;
      weights += weight * weight;
    }
    double estimate = weights > 0.0 ? std::exp(sum / weights) : 0.0;
    if (std::isfinite(estimate) && estimate > 0.0) {
      int exponent = static_cast<int>(std::floor(std::log10(estimate)));
      for (int digits = 1; digits <= 8; ++digits) {
        double unit = std::pow(10.0, exponent - digits + 1);
        double rounded = std::round(estimate / unit) * unit;
        if (std::fabs(rounded - estimate) <= 1e-2 * estimate &&
            !llvm::is_contained(thetas, rounded))
          thetas.push_back(rounded);
      }
      thetas.push_back(estimate);
    }
  }
  // Without two rows and two pairs theta cannot be measured; the default
  // may still reproduce the tables.
  thetas.push_back(10000.0);

  for (double theta : thetas) {
    double slowest =
        std::pow(theta, -2.0 * static_cast<double>(pairs - 1) / rotaryDim);
    double offset = std::round(phase(0, pairs - 1) / slowest);
    if (!(offset >= 0.0) || offset > 1e9)
      continue;
    if (matchesAngles(tables, theta, static_cast<int64_t>(offset), epsilon))
      return RopeAngles{theta, static_cast<int64_t>(offset)};
  }
  return std::nullopt;
}

/// The machine epsilon of a float element type.
static double getEpsilon(Type type) {
  auto floatType = cast<FloatType>(type);
  return std::ldexp(1.0, 1 - static_cast<int>(llvm::APFloat::semanticsPrecision(
                                 floatType.getFloatSemantics())));
}

/// Builds the kiln.rope that replaces `root`: theta and offset when the
/// tables are those of some theta, the [S, r / 2] tables otherwise.
static Value buildRope(PatternRewriter &rewriter, Location loc, Value input,
                       SequenceLayout layout, RopePairing pairing,
                       IntegerAttr rotaryDim, const RopeTables &tables,
                       Type tableElementType) {
  MLIRContext *ctx = rewriter.getContext();
  double epsilon = getEpsilon(tableElementType);
  std::optional<RopeAngles> angles = fitAngles(tables, epsilon);
  Value cos, sin;
  if (!angles) {
    auto type =
        RankedTensorType::get({tables.rows, tables.pairs}, tableElementType);
    cos = ConstantOp::create(rewriter, loc,
                             buildFloatData(type, tables.cos, "rope_cos"));
    sin = ConstantOp::create(rewriter, loc,
                             buildFloatData(type, tables.sin, "rope_sin"));
  }
  return RopeOp::create(
      rewriter, loc, input.getType(), input, cos, sin,
      SequenceLayoutAttr::get(ctx, layout), RopePairingAttr::get(ctx, pairing),
      rotaryDim, rewriter.getF64FloatAttr(angles ? angles->theta : 10000.0),
      rewriter.getI64IntegerAttr(angles ? angles->positionOffset : 0));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {
/// x * cos + rotate(x) * sin (or x * cos - rotate(x) * sin with the sign of
/// the rotation flipped) -> kiln.rope.
template <typename OpTy>
struct RecognizeRotaryEmbedding : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  static constexpr bool kSubtract = std::is_same_v<OpTy, SubOp>;

  LogicalResult matchAndRewrite(OpTy root,
                                PatternRewriter &rewriter) const override {
    Value lhs = root.getLhs(), rhs = root.getRhs();
    if (succeeded(matchTerms(root, lhs, rhs, rewriter)))
      return success();
    if (!kSubtract && succeeded(matchTerms(root, rhs, lhs, rewriter)))
      return success();
    return rewriter.notifyMatchFailure(root, "not x * cos + rotate(x) * sin");
  }

private:
  /// Matches `plain` = x * cos and `rotated` = rotate(x) * sin.
  LogicalResult matchTerms(OpTy root, Value plain, Value rotated,
                           PatternRewriter &rewriter) const {
    auto rotatedMul = rotated.getDefiningOp<MulOp>();
    auto plainMul = plain.getDefiningOp<MulOp>();
    if (!rotatedMul || !plainMul || rotatedMul == plainMul ||
        !rotatedMul->hasOneUse() || !plainMul->hasOneUse())
      return failure();

    std::optional<Rotation> rotation;
    Value sinTable;
    for (auto [candidate, other] :
         {std::pair(rotatedMul.getLhs(), rotatedMul.getRhs()),
          std::pair(rotatedMul.getRhs(), rotatedMul.getLhs())}) {
      if ((rotation = matchRotation(candidate))) {
        sinTable = other;
        break;
      }
    }
    if (!rotation)
      return failure();
    Value x = rotation->x;
    Value cosTable;
    if (plainMul.getLhs() == x)
      cosTable = plainMul.getRhs();
    else if (plainMul.getRhs() == x)
      cosTable = plainMul.getLhs();
    else
      return failure();

    auto type = cast<RankedTensorType>(x.getType());
    if (type.getRank() != 4 || root.getType() != type ||
        plainMul.getType() != type || rotatedMul.getType() != type)
      return failure();

    // Every intermediate value is used by the expression only.
    llvm::SetVector<Operation *> ops = rotation->ops;
    ops.insert(rotatedMul);
    for (Operation *op : rotation->ops)
      for (Operation *user : op->getUsers())
        if (!ops.contains(user))
          return failure();

    int64_t dim = type.getDimSize(3);
    for (SequenceLayout layout : {SequenceLayout::BHSD, SequenceLayout::BSHD}) {
      std::optional<SmallVector<double>> cos =
          readPositionTable(cosTable, type, layout);
      std::optional<SmallVector<double>> sin =
          readPositionTable(sinTable, type, layout);
      if (!cos || !sin)
        continue;
      int64_t rows = type.getDimSize(layout == SequenceLayout::BHSD ? 2 : 1);
      RopeTables tables;
      std::optional<SmallVector<double>> cosPairs =
          reducePairs(*cos, rows, dim, rotation->pairing);
      std::optional<SmallVector<double>> sinPairs =
          reducePairs(*sin, rows, dim, rotation->pairing);
      if (!cosPairs || !sinPairs)
        return failure();
      tables.cos = std::move(*cosPairs);
      tables.sin = std::move(*sinPairs);
      tables.rows = rows;
      tables.pairs = dim / 2;
      // kiln.rope adds partner * sin; the expression adds
      // (+-1) * (+-partner) * sin.
      if (rotation->negated != kSubtract)
        for (double &s : tables.sin)
          s = -s;
      Type tableElement =
          cast<RankedTensorType>(cosTable.getType()).getElementType();
      Value rope =
          buildRope(rewriter, root.getLoc(), x, layout, rotation->pairing,
                    /*rotaryDim=*/nullptr, tables, tableElement);
      rewriter.replaceOp(root, rope);
      return success();
    }
    return failure();
  }
};

/// concat(rope(x[..., :r]), x[..., r:]) -> rope(x) {rotary_dim = r}.
struct RecognizePartialRope : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConcatOp concat,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(concat.getType());
    if (concat.getInputs().size() != 2 || type.getRank() != 4 ||
        normalizeAxis(concat.getAxis(), 4) != 3)
      return rewriter.notifyMatchFailure(concat, "not a join of two 4-D parts");
    auto rope = concat.getInputs()[0].getDefiningOp<RopeOp>();
    if (!rope || !rope->hasOneUse())
      return rewriter.notifyMatchFailure(concat, "first part is not a rope");
    std::optional<LastAxisSlice> rotated = matchLastAxisSlice(rope.getInput());
    std::optional<LastAxisSlice> rest =
        matchLastAxisSlice(concat.getInputs()[1]);
    if (!rotated || !rest || rotated->source != rest->source ||
        rotated->source.getType() != type)
      return rewriter.notifyMatchFailure(concat, "parts are not slices of x");
    int64_t dim = type.getDimSize(3), r = rotated->size;
    if (rotated->start != 0 || rotated->step != 1 || rest->start != r ||
        rest->step != 1 || rest->size != dim - r)
      return rewriter.notifyMatchFailure(concat, "slices do not split x at r");

    int64_t rotaryDim = rope.getRotaryDim().value_or(r);
    auto partial = RopeOp::create(
        rewriter, rope.getLoc(), type, rotated->source, rope.getCos(),
        rope.getSin(), rope.getLayoutAttr(), rope.getPairingAttr(),
        rewriter.getI64IntegerAttr(rotaryDim), rope.getThetaAttr(),
        rope.getPositionOffsetAttr());
    rewriter.replaceOp(concat, partial.getResult());
    return success();
  }
};

/// kiln.rope with constant tables that are exactly the angles of some theta
/// and position offset -> kiln.rope with theta and position_offset.
struct RopeTablesToTheta : OpRewritePattern<RopeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RopeOp rope,
                                PatternRewriter &rewriter) const override {
    if (!rope.getCos())
      return rewriter.notifyMatchFailure(rope, "no tables");
    auto tableType = cast<RankedTensorType>(rope.getCos().getType());
    auto sinType = cast<RankedTensorType>(rope.getSin().getType());
    std::optional<ConstantTensor> cos = evaluateConstant(rope.getCos());
    std::optional<ConstantTensor> sin = evaluateConstant(rope.getSin());
    if (!cos || !sin)
      return rewriter.notifyMatchFailure(rope, "tables are not constant");
    RopeTables tables{std::move(cos->values), std::move(sin->values),
                      tableType.getDimSize(0), tableType.getDimSize(1)};
    double epsilon = std::max(getEpsilon(tableType.getElementType()),
                              getEpsilon(sinType.getElementType()));
    std::optional<RopeAngles> angles = fitAngles(tables, epsilon);
    if (!angles)
      return rewriter.notifyMatchFailure(rope, "tables are not theta's");
    rewriter.replaceOpWithNewOp<RopeOp>(
        rope, rope.getType(), rope.getInput(), Value(), Value(),
        rope.getLayoutAttr(), rope.getPairingAttr(), rope.getRotaryDimAttr(),
        rewriter.getF64FloatAttr(angles->theta),
        rewriter.getI64IntegerAttr(angles->positionOffset));
    return success();
  }
};

struct RecognizeRopePass : kiln::impl::RecognizeRopeBase<RecognizeRopePass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateRecognizeRopePatterns(patterns);
    if (failed(applyFusingPatterns(getOperation(), std::move(patterns),
                                   getArgument())))
      signalPassFailure();
  }
};
} // namespace

void mlir::kiln::populateRecognizeRopePatterns(RewritePatternSet &patterns) {
  patterns.add<RecognizeRotaryEmbedding<AddOp>, RecognizeRotaryEmbedding<SubOp>,
               RecognizePartialRope, RopeTablesToTheta>(patterns.getContext());
}
