//===- FuseAttention.cpp - Fuse attention subgraphs into kiln.attention ---===//
//
// Scaled dot-product attention exported from PyTorch arrives as
//
//   softmax(matmul(Q, transpose(K)) * scale [+ mask], axis = -1) @ V
//
// with the scale applied to the scores, to Q or to K (a product with or a
// quotient by a scalar constant), transposes between [B, S, H, D] and
// [B, H, S, D], and key/value heads repeated for grouped-query attention;
// nn.MultiheadAttention's export is the same on [B * H, S, D] (it is first
// rebuilt on [1, B * H, S, D] views).
// The patterns here replace it with one kiln.attention, then fold the
// kiln.rope ops that produce Q and K into its `rope` attribute, absorb
// scalar scales of Q and K and transposes of all three operands, and turn a
// constant causal mask into `causal`.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <functional>

namespace mlir::kiln {
#define GEN_PASS_DEF_FUSEATTENTION
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

/// The permutation between the bhsd and bshd orders (its own inverse).
static constexpr int64_t kSwapHeadsAndSequence[] = {0, 2, 1, 3};
static constexpr int64_t kIdentity4[] = {0, 1, 2, 3};

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// If `value` is a constant whose elements are all equal, returns that value.
static std::optional<double> readSplat(Value value) {
  std::optional<SmallVector<double>> data = readFloatConstant(value);
  if (!data || data->empty())
    return std::nullopt;
  if (llvm::any_of(*data, [&](double x) { return x != data->front(); }))
    return std::nullopt;
  return data->front();
}

namespace {
/// `value = input * factor` for a scalar constant factor.
struct ScalarScale {
  Value input;
  double factor;
  Operation *op;
};
} // namespace

/// Matches a product with, or a quotient by, a splat constant that does not
/// broadcast the other operand.
static std::optional<ScalarScale> matchScalarScale(Value value) {
  if (auto mul = value.getDefiningOp<MulOp>()) {
    for (auto [input, factor] : {std::pair(mul.getLhs(), mul.getRhs()),
                                 std::pair(mul.getRhs(), mul.getLhs())}) {
      std::optional<double> splat = readSplat(factor);
      if (splat && input.getType() == mul.getType())
        return ScalarScale{input, *splat, mul};
    }
  }
  if (auto div = value.getDefiningOp<DivOp>()) {
    std::optional<double> splat = readSplat(div.getRhs());
    if (splat && *splat != 0.0 && div.getLhs().getType() == div.getType())
      return ScalarScale{div.getLhs(), 1.0 / *splat, div};
  }
  return std::nullopt;
}

namespace {
/// An operand of attention as found in the graph: the bhsd operand is
/// `transpose(value, permutation) * scale`, with every head repeated
/// `groups` times.
struct PeeledOperand {
  Value value;
  SmallVector<int64_t, 4> permutation;
  double scale = 1.0;
  int64_t groups = 1;
};
} // namespace

/// Matches `reshape(expand(unsqueeze(kv)))` that repeats each head of `kv`
/// (dimension `headPos`) `groups` times in a row, as `repeat_kv` in
/// transformers; returns kv.
static Value matchRepeatedHeads(Value value, int64_t headPos, int64_t &groups) {
  auto reshape = value.getDefiningOp<ReshapeOp>();
  if (!reshape)
    return {};
  auto expand = reshape.getInput().getDefiningOp<ExpandOp>();
  if (!expand)
    return {};
  auto expanded = cast<RankedTensorType>(expand.getType());
  auto type = cast<RankedTensorType>(value.getType());
  if (expanded.getRank() != 5 || type.getRank() != 4)
    return {};
  Value source = expand.getInput();
  auto sourceType = cast<RankedTensorType>(source.getType());
  Value kv;
  if (auto unsqueeze = source.getDefiningOp<UnsqueezeOp>())
    kv = unsqueeze.getInput();
  else if (auto inner = source.getDefiningOp<ReshapeOp>())
    kv = inner.getInput();
  if (!kv)
    return {};
  auto kvType = cast<RankedTensorType>(kv.getType());
  if (kvType.getRank() != 4)
    return {};
  // [.., Hkv, 1, ..] -> [.., Hkv, G, ..] -> [.., Hkv * G, ..].
  SmallVector<int64_t> withOne(kvType.getShape());
  withOne.insert(withOne.begin() + headPos + 1, 1);
  if (sourceType.getShape() != ArrayRef<int64_t>(withOne))
    return {};
  int64_t g = expanded.getDimSize(headPos + 1);
  SmallVector<int64_t> withGroups = withOne;
  withGroups[headPos + 1] = g;
  if (expanded.getShape() != ArrayRef<int64_t>(withGroups))
    return {};
  SmallVector<int64_t> merged(kvType.getShape());
  merged[headPos] *= g;
  if (type.getShape() != ArrayRef<int64_t>(merged))
    return {};
  groups = g;
  return kv;
}

/// Peels scalar scales (when `allowScale`), transposes and (when
/// `allowRepeat`) repeated heads off `value`, whose bhsd form is
/// `transpose(value, permutation)`.
static PeeledOperand peelOperand(Value value, ArrayRef<int64_t> permutation,
                                 bool allowScale, bool allowRepeat) {
  PeeledOperand peeled{value, SmallVector<int64_t, 4>(permutation)};
  while (true) {
    if (allowScale) {
      if (std::optional<ScalarScale> scale = matchScalarScale(peeled.value)) {
        peeled.scale *= scale->factor;
        peeled.value = scale->input;
        continue;
      }
    }
    if (auto transpose = peeled.value.getDefiningOp<TransposeOp>()) {
      ArrayRef<int64_t> inner = transpose.getPermutation();
      if (inner.size() != 4)
        break;
      SmallVector<int64_t, 4> composed;
      for (int64_t i : peeled.permutation)
        composed.push_back(inner[i]);
      peeled.permutation = composed;
      peeled.value = transpose.getInput();
      continue;
    }
    if (allowRepeat && peeled.groups == 1) {
      int64_t groups = 1;
      if (Value kv =
              matchRepeatedHeads(peeled.value, peeled.permutation[1], groups)) {
        peeled.groups = groups;
        peeled.value = kv;
        continue;
      }
    }
    break;
  }
  return peeled;
}

/// Returns true if `value` is computed from a kiln.matmul by scalar scales
/// and additions.
static bool reachesProduct(Value value, int depth = 0) {
  if (depth > 8)
    return false;
  if (value.getDefiningOp<MatMulOp>())
    return true;
  if (std::optional<ScalarScale> scale = matchScalarScale(value))
    return reachesProduct(scale->input, depth + 1);
  if (auto add = value.getDefiningOp<AddOp>())
    return reachesProduct(add.getLhs(), depth + 1) ||
           reachesProduct(add.getRhs(), depth + 1);
  return false;
}

static bool isPermutation(ArrayRef<int64_t> permutation,
                          ArrayRef<int64_t> expected) {
  return permutation == expected;
}

/// The shape of a bhsd tensor in `layout`.
static SmallVector<int64_t> toLayout(ArrayRef<int64_t> bhsd,
                                     SequenceLayout layout) {
  if (layout == SequenceLayout::BHSD)
    return SmallVector<int64_t>(bhsd);
  return {bhsd[0], bhsd[2], bhsd[1], bhsd[3]};
}

static Value transpose(PatternRewriter &rewriter, Location loc, Value input,
                       ArrayRef<int64_t> permutation) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  for (int64_t i : permutation)
    shape.push_back(type.getDimSize(i));
  return TransposeOp::create(
      rewriter, loc, RankedTensorType::get(shape, type.getElementType()), input,
      rewriter.getDenseI64ArrayAttr(permutation));
}

/// Returns true if every use of `op` is as query or key of `attention`.
static bool usedOnlyAsQueryOrKey(Operation *op, AttentionOp attention) {
  return llvm::all_of(op->getUses(), [&](OpOperand &use) {
    return use.getOwner() == attention.getOperation() &&
           use.getOperandNumber() < 2;
  });
}

/// Copies `attention` with other operands and attributes.
static AttentionOp rebuildAttention(PatternRewriter &rewriter,
                                    AttentionOp attention, Type type,
                                    Value query, Value key, Value value,
                                    Value mask, Value cos, Value sin,
                                    SequenceLayout layout, FloatAttr scale,
                                    bool causal, RopeAttr rope) {
  return AttentionOp::create(
      rewriter, attention.getLoc(), type, query, key, value, mask, cos, sin,
      SequenceLayoutAttr::get(rewriter.getContext(), layout), scale,
      causal ? rewriter.getUnitAttr() : UnitAttr(), rope);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// The additive mask of where(condition, fill, scores) (`fillOnTrue`; else
/// where(condition, scores, fill)): `fill` where the fill is taken, 0
/// elsewhere, a constant when the condition is one.
static Value buildAdditiveMask(PatternRewriter &rewriter, Location loc,
                               Value condition, double fill, bool fillOnTrue,
                               Type element) {
  auto conditionType = cast<RankedTensorType>(condition.getType());
  auto maskType = RankedTensorType::get(conditionType.getShape(), element);
  DenseElementsAttr flags;
  if (matchPattern(condition, m_Constant(&flags))) {
    SmallVector<double> values;
    for (bool flag : flags.getValues<bool>())
      values.push_back(flag == fillOnTrue ? fill : 0.0);
    return ConstantOp::create(
        rewriter, loc, buildFloatData(maskType, values, "attention_mask"));
  }
  auto scalarType = RankedTensorType::get({}, element);
  Value filled = ConstantOp::create(
      rewriter, loc, scalarType,
      DenseElementsAttr::get(scalarType, rewriter.getFloatAttr(element, fill)));
  Value zero = ConstantOp::create(
      rewriter, loc, scalarType,
      DenseElementsAttr::get(scalarType, rewriter.getFloatAttr(element, 0.0)));
  return WhereOp::create(rewriter, loc, condition, fillOnTrue ? filled : zero,
                         fillOnTrue ? zero : filled);
}

/// The softmax over the last axis, used once, whose product `output` (a
/// float tensor of rank `rank`) is; null otherwise.
static SoftmaxOp matchSoftmaxProduct(MatMulOp output, int64_t rank) {
  auto type = cast<RankedTensorType>(output.getType());
  auto softmax = output.getLhs().getDefiningOp<SoftmaxOp>();
  if (type.getRank() != rank || !isa<FloatType>(type.getElementType()) ||
      !softmax || !softmax->hasOneUse())
    return {};
  int64_t axis = softmax.getAxis();
  return axis == -1 || axis == rank - 1 ? softmax : SoftmaxOp();
}

/// The scores below one step of an attention's score chain, or null when
/// `scores` is no such step: a scalar scale, an additive mask (the operand
/// that reaches Q K^T), or a masked fill (where) with -inf or a fill so
/// negative (-1e30 or below, as torch.finfo(float32).min) that adding any
/// score leaves it as it is, so that it is an additive mask of fill and 0.
static Value getScoresBelow(Value scores) {
  if (std::optional<ScalarScale> s = matchScalarScale(scores))
    return s->input;
  auto carriesScores = [&](Value operand) {
    return operand.getType() == scores.getType() && reachesProduct(operand);
  };
  if (auto add = scores.getDefiningOp<AddOp>()) {
    if (carriesScores(add.getLhs()))
      return add.getLhs();
    if (carriesScores(add.getRhs()))
      return add.getRhs();
    return {};
  }
  if (auto where = scores.getDefiningOp<WhereOp>()) {
    Value onTrue = where.getOnTrue(), onFalse = where.getOnFalse();
    bool trueScores = carriesScores(onTrue),
         falseScores = carriesScores(onFalse);
    std::optional<double> fill = readSplat(trueScores ? onFalse : onTrue);
    if (trueScores == falseScores || !fill || !(*fill <= -1e30))
      return {};
    return trueScores ? onTrue : onFalse;
  }
  return {};
}

/// The steps from the input of a softmax down to the product they scale and
/// mask (getScoresBelow), each value on the way read once; `scores` is set
/// to the value below the last step. Fails when one is read elsewhere.
static FailureOr<SmallVector<Operation *>> getScoreChain(Value &scores) {
  SmallVector<Operation *> chain;
  while (true) {
    if (!scores.hasOneUse())
      return failure();
    Value below = getScoresBelow(scores);
    if (!below)
      return chain;
    chain.push_back(scores.getDefiningOp());
    scores = below;
  }
}

namespace {
/// softmax(matmul(Q, K^T) * scale [+ mask]) @ V -> kiln.attention.
struct FuseSoftmaxAttention : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatMulOp output,
                                PatternRewriter &rewriter) const override {
    auto outType = cast<RankedTensorType>(output.getType());
    SoftmaxOp softmax = matchSoftmaxProduct(output, 4);
    if (!softmax)
      return rewriter.notifyMatchFailure(
          output, "not a 4-D float product of a softmax over the last axis");

    // Scores: scales and masks down to Q K^T. A mask must be added after
    // every scale (a scaled mask is not an attention mask).
    Value scores = softmax.getInput();
    FailureOr<SmallVector<Operation *>> chain = getScoreChain(scores);
    if (failed(chain))
      return rewriter.notifyMatchFailure(output, "scores have other uses");
    double scale = 1.0;
    SmallVector<Value> masks;
    // Masked fills, where(c, fill, scores) (or with the two swapped:
    // `fillOnTrue` false), made additive masks once the pattern matches.
    struct MaskedFill {
      Value condition;
      double fill;
      bool fillOnTrue;
    };
    SmallVector<MaskedFill> fills;
    bool scaled = false;
    for (Operation *step : *chain) {
      Value result = step->getResult(0);
      if (std::optional<ScalarScale> s = matchScalarScale(result)) {
        scale *= s->factor;
        scaled = true;
        continue;
      }
      if (scaled)
        return rewriter.notifyMatchFailure(output, "mask is scaled");
      Value below = getScoresBelow(result);
      if (auto add = dyn_cast<AddOp>(step)) {
        masks.push_back(add.getLhs() == below ? add.getRhs() : add.getLhs());
        continue;
      }
      auto where = cast<WhereOp>(step);
      bool fillOnTrue = where.getOnFalse() == below;
      fills.push_back(
          {where.getCondition(),
           *readSplat(fillOnTrue ? where.getOnTrue() : where.getOnFalse()),
           fillOnTrue});
    }
    auto product = scores.getDefiningOp<MatMulOp>();
    if (!product)
      return rewriter.notifyMatchFailure(output, "scores are not Q K^T");
    auto scoresType = cast<RankedTensorType>(product.getType());
    if (cast<RankedTensorType>(product.getLhs().getType()).getRank() != 4 ||
        cast<RankedTensorType>(product.getRhs().getType()).getRank() != 4 ||
        cast<RankedTensorType>(output.getRhs().getType()).getRank() != 4)
      return rewriter.notifyMatchFailure(output, "operands are not 4-D");

    PeeledOperand query = peelOperand(product.getLhs(), kIdentity4,
                                      /*allowScale=*/true,
                                      /*allowRepeat=*/false);
    PeeledOperand key = peelOperand(product.getRhs(), {0, 1, 3, 2},
                                    /*allowScale=*/true, /*allowRepeat=*/true);
    PeeledOperand value = peelOperand(output.getRhs(), kIdentity4,
                                      /*allowScale=*/false,
                                      /*allowRepeat=*/true);
    scale *= query.scale * key.scale;

    // bshd when every operand is bshd already, bhsd otherwise.
    SequenceLayout layout = SequenceLayout::BSHD;
    for (PeeledOperand *operand : {&query, &key, &value})
      if (!isPermutation(operand->permutation, kSwapHeadsAndSequence))
        layout = SequenceLayout::BHSD;

    // Shapes in bhsd order.
    auto bhsdShape = [](const PeeledOperand &operand) {
      auto type = cast<RankedTensorType>(operand.value.getType());
      SmallVector<int64_t> shape;
      for (int64_t i : operand.permutation)
        shape.push_back(type.getDimSize(i));
      return shape;
    };
    SmallVector<int64_t> q = bhsdShape(query), k = bhsdShape(key),
                         v = bhsdShape(value);
    if (k[0] != q[0] || v[0] != q[0] || k[1] != v[1] || k[1] < 1 ||
        q[1] % k[1] != 0 || k[3] != q[3] || v[2] != k[2] ||
        scoresType.getShape() != ArrayRef<int64_t>{q[0], q[1], q[2], k[2]})
      return rewriter.notifyMatchFailure(output, "shapes are not attention's");
    Type element = outType.getElementType();
    for (PeeledOperand *operand : {&query, &key, &value})
      if (cast<RankedTensorType>(operand->value.getType()).getElementType() !=
          element)
        return rewriter.notifyMatchFailure(output, "element types differ");
    if (outType.getShape() != ArrayRef<int64_t>{q[0], q[1], q[2], v[3]})
      return rewriter.notifyMatchFailure(output, "result is not attention's");

    Location loc = output.getLoc();
    auto operandIn = [&](const PeeledOperand &operand) -> Value {
      if (layout == SequenceLayout::BSHD ||
          isPermutation(operand.permutation, kIdentity4))
        return operand.value;
      return transpose(rewriter, loc, operand.value, operand.permutation);
    };
    for (const MaskedFill &f : fills)
      masks.push_back(buildAdditiveMask(rewriter, loc, f.condition, f.fill,
                                        f.fillOnTrue, element));
    Value mask;
    for (Value m : masks)
      mask = mask ? AddOp::create(rewriter, loc, mask, m).getResult() : m;
    auto resultType =
        RankedTensorType::get(toLayout(outType.getShape(), layout), element);
    Value result = AttentionOp::create(
        rewriter, loc, resultType, operandIn(query), operandIn(key),
        operandIn(value), mask, Value(), Value(),
        SequenceLayoutAttr::get(rewriter.getContext(), layout),
        rewriter.getF64FloatAttr(scale), UnitAttr(), RopeAttr());
    if (layout == SequenceLayout::BSHD)
      result = transpose(rewriter, loc, result, kSwapHeadsAndSequence);
    rewriter.replaceOp(output, result);
    return success();
  }
};

/// The 3-D form [B * H, S, D] that nn.MultiheadAttention exports (heads
/// folded into the batch, Q scaled before the product):
///
///   matmul(softmax(matmul(Q, Kt) [* scale] [+ mask | masked fill],
///                  axis = -1), V)
///
/// rebuilt on [1, B * H, S, D] views of Q, Kt and V, so that
/// FuseSoftmaxAttention makes it one kiln.attention; the result is viewed
/// back as [B * H, S, Dv].
struct LiftAttentionTo4d : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatMulOp output,
                                PatternRewriter &rewriter) const override {
    auto outType = cast<RankedTensorType>(output.getType());
    SoftmaxOp softmax = matchSoftmaxProduct(output, 3);
    if (!softmax)
      return rewriter.notifyMatchFailure(
          output, "not a 3-D float product of a softmax over the last axis");
    // The scales and masks between the scores and the softmax, from the
    // softmax down.
    Value scores = softmax.getInput();
    FailureOr<SmallVector<Operation *>> chain = getScoreChain(scores);
    auto product = scores.getDefiningOp<MatMulOp>();
    if (failed(chain) || !product)
      return rewriter.notifyMatchFailure(output, "scores are not Q K^T");
    for (Value operand : {product.getLhs(), product.getRhs(), output.getRhs()})
      if (cast<RankedTensorType>(operand.getType()).getRank() != 3)
        return rewriter.notifyMatchFailure(output, "operands are not 3-D");

    Location loc = output.getLoc();
    auto lift = [&](Value value) -> Value {
      auto type = cast<RankedTensorType>(value.getType());
      SmallVector<int64_t> shape = {1};
      llvm::append_range(shape, type.getShape());
      return ReshapeOp::create(
          rewriter, loc, RankedTensorType::get(shape, type.getElementType()),
          value, rewriter.getDenseI64ArrayAttr(shape));
    };
    // Transposes (to heads first, K^T from [S, B * H, D]) and scalar scales
    // of the operands stay outside the view, where FuseSoftmaxAttention
    // absorbs them (a bshd layout for operands transposed from it).
    std::function<Value(Value)> liftOperand = [&](Value value) -> Value {
      if (!value.hasOneUse())
        return lift(value);
      if (auto t = value.getDefiningOp<TransposeOp>()) {
        SmallVector<int64_t> permutation = {0};
        for (int64_t d : t.getPermutation())
          permutation.push_back(d + 1);
        return transpose(rewriter, loc, liftOperand(t.getInput()), permutation);
      }
      std::optional<ScalarScale> scale = matchScalarScale(value);
      if (!scale)
        return lift(value);
      Value inner = liftOperand(scale->input);
      if (auto mul = dyn_cast<MulOp>(scale->op))
        return MulOp::create(rewriter, loc, inner,
                             mul.getLhs() == scale->input ? mul.getRhs()
                                                          : mul.getLhs());
      return DivOp::create(rewriter, loc, inner,
                           cast<DivOp>(scale->op).getRhs());
    };
    Value lifted =
        MatMulOp::create(rewriter, loc, liftOperand(product.getLhs()),
                         liftOperand(product.getRhs()));
    // The scales and masks again, on the 4-D scores (a mask of rank 3 or
    // less broadcasts alike: shapes align on the right).
    Value current = scores;
    for (Operation *op : llvm::reverse(*chain)) {
      SmallVector<Value> operands;
      for (Value operand : op->getOperands())
        operands.push_back(operand == current ? lifted : operand);
      current = op->getResult(0);
      if (isa<MulOp>(op))
        lifted = MulOp::create(rewriter, loc, operands[0], operands[1]);
      else if (isa<DivOp>(op))
        lifted = DivOp::create(rewriter, loc, operands[0], operands[1]);
      else if (isa<AddOp>(op))
        lifted = AddOp::create(rewriter, loc, operands[0], operands[1]);
      else
        lifted = WhereOp::create(rewriter, loc, operands[0], operands[1],
                                 operands[2]);
    }
    Value probabilities =
        SoftmaxOp::create(rewriter, loc, lifted, rewriter.getI64IntegerAttr(3));
    Value result = MatMulOp::create(rewriter, loc, probabilities,
                                    liftOperand(output.getRhs()));
    rewriter.replaceOpWithNewOp<ReshapeOp>(
        output, outType, result,
        rewriter.getDenseI64ArrayAttr(outType.getShape()));
    return success();
  }
};

/// attention(rope(q), rope(k), v) with equal rope parameters ->
/// attention(q, k, v) {rope = #kiln.rope<...>}.
struct FoldRopeIntoAttention : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp attention,
                                PatternRewriter &rewriter) const override {
    if (attention.getRope())
      return rewriter.notifyMatchFailure(attention, "has a rope already");
    auto queryRope = attention.getQuery().getDefiningOp<RopeOp>();
    auto keyRope = attention.getKey().getDefiningOp<RopeOp>();
    if (!queryRope || !keyRope)
      return rewriter.notifyMatchFailure(attention, "q or k is not a rope");
    if (!usedOnlyAsQueryOrKey(queryRope, attention) ||
        !usedOnlyAsQueryOrKey(keyRope, attention))
      return rewriter.notifyMatchFailure(attention, "rotated q or k escapes");
    int64_t headDim =
        cast<RankedTensorType>(attention.getQuery().getType()).getDimSize(3);
    if (queryRope.getLayout() != attention.getLayout() ||
        keyRope.getLayout() != attention.getLayout() ||
        queryRope.getPairing() != keyRope.getPairing() ||
        queryRope.getRotaryDim().value_or(headDim) !=
            keyRope.getRotaryDim().value_or(headDim) ||
        queryRope.getTheta() != keyRope.getTheta() ||
        queryRope.getPositionOffset() != keyRope.getPositionOffset() ||
        !queryRope.getCos() != !keyRope.getCos())
      return rewriter.notifyMatchFailure(attention, "ropes differ");

    // Tables: the same values, or constants of which one extends the other.
    Value cos = queryRope.getCos(), sin = queryRope.getSin();
    if (cos && (cos != keyRope.getCos() || sin != keyRope.getSin())) {
      std::optional<SmallVector<double>> tables[2][2] = {
          {readFloatConstant(queryRope.getCos()),
           readFloatConstant(queryRope.getSin())},
          {readFloatConstant(keyRope.getCos()),
           readFloatConstant(keyRope.getSin())}};
      for (auto &pair : tables)
        for (auto &table : pair)
          if (!table)
            return rewriter.notifyMatchFailure(attention, "tables differ");
      bool keyLonger = tables[1][0]->size() > tables[0][0]->size();
      auto &longer = tables[keyLonger ? 1 : 0],
           &shorter = tables[keyLonger ? 0 : 1];
      for (int i = 0; i < 2; ++i)
        if (!std::equal(shorter[i]->begin(), shorter[i]->end(),
                        longer[i]->begin()))
          return rewriter.notifyMatchFailure(attention, "tables differ");
      RopeOp source = keyLonger ? keyRope : queryRope;
      for (Value table :
           {keyRope.getCos(), keyRope.getSin(), queryRope.getSin()})
        if (cast<RankedTensorType>(table.getType()).getElementType() !=
            cast<RankedTensorType>(queryRope.getCos().getType())
                .getElementType())
          return rewriter.notifyMatchFailure(attention, "table types differ");
      cos = source.getCos();
      sin = source.getSin();
    }

    auto rope = RopeAttr::get(rewriter.getContext(), queryRope.getPairing(),
                              queryRope.getRotaryDim(), queryRope.getTheta(),
                              queryRope.getPositionOffset());
    AttentionOp fused = rebuildAttention(
        rewriter, attention, attention.getType(), queryRope.getInput(),
        keyRope.getInput(), attention.getValue(), attention.getMask(), cos, sin,
        attention.getLayout(), attention.getScaleAttr(), attention.getCausal(),
        rope);
    rewriter.replaceOp(attention, fused.getResult());
    return success();
  }
};

/// attention(q * a, k * b, v) {scale = s} -> attention(q, k, v)
/// {scale = s * a * b} (a rotation is linear, so this holds with rope).
struct AbsorbScaleIntoAttention : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp attention,
                                PatternRewriter &rewriter) const override {
    std::optional<ScalarScale> queryScale =
        matchScalarScale(attention.getQuery());
    std::optional<ScalarScale> keyScale = matchScalarScale(attention.getKey());
    if (!queryScale && !keyScale)
      return rewriter.notifyMatchFailure(attention, "no scaled q or k");
    int64_t headDim =
        cast<RankedTensorType>(attention.getQuery().getType()).getDimSize(3);
    double scale = attention.getScale()
                       ? attention.getScale()->convertToDouble()
                       : 1.0 / std::sqrt(double(headDim));
    Value query = attention.getQuery(), key = attention.getKey();
    if (queryScale) {
      scale *= queryScale->factor;
      query = queryScale->input;
    }
    if (keyScale) {
      scale *= keyScale->factor;
      key = keyScale->input;
    }
    AttentionOp fused =
        rebuildAttention(rewriter, attention, attention.getType(), query, key,
                         attention.getValue(), attention.getMask(),
                         attention.getRopeCos(), attention.getRopeSin(),
                         attention.getLayout(), rewriter.getF64FloatAttr(scale),
                         attention.getCausal(), attention.getRopeAttr());
    rewriter.replaceOp(attention, fused.getResult());
    return success();
  }
};

/// attention(transpose(q), transpose(k), transpose(v)) with the heads and
/// sequence swapped -> transpose(attention(q, k, v)) in the other layout.
struct AbsorbLayoutTransposes : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp attention,
                                PatternRewriter &rewriter) const override {
    SmallVector<Value, 3> inputs;
    for (Value operand :
         {attention.getQuery(), attention.getKey(), attention.getValue()}) {
      auto transpose = operand.getDefiningOp<TransposeOp>();
      if (!transpose ||
          transpose.getPermutation() != ArrayRef(kSwapHeadsAndSequence))
        return rewriter.notifyMatchFailure(attention, "operand not swapped");
      inputs.push_back(transpose.getInput());
    }
    SequenceLayout layout = attention.getLayout() == SequenceLayout::BHSD
                                ? SequenceLayout::BSHD
                                : SequenceLayout::BHSD;
    auto type = cast<RankedTensorType>(attention.getType());
    SmallVector<int64_t> shape(type.getShape());
    std::swap(shape[1], shape[2]);
    AttentionOp fused = rebuildAttention(
        rewriter, attention,
        RankedTensorType::get(shape, type.getElementType()), inputs[0],
        inputs[1], inputs[2], attention.getMask(), attention.getRopeCos(),
        attention.getRopeSin(), layout, attention.getScaleAttr(),
        attention.getCausal(), attention.getRopeAttr());
    rewriter.replaceOp(attention,
                       transpose(rewriter, attention.getLoc(),
                                 fused.getResult(), kSwapHeadsAndSequence));
    return success();
  }
};

/// transpose(rope(x)) with the heads and sequence swapped, used as the query
/// or key of attentions -> rope(transpose(x)) in the other layout, so that
/// the rope can fold into the attention.
struct SwapRopeAndTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getPermutation() != ArrayRef(kSwapHeadsAndSequence))
      return rewriter.notifyMatchFailure(op, "not a heads/sequence swap");
    auto rope = op.getInput().getDefiningOp<RopeOp>();
    if (!rope || !rope->hasOneUse())
      return rewriter.notifyMatchFailure(op, "input is not a rope used once");
    if (!llvm::all_of(op->getUses(), [](OpOperand &use) {
          return isa<AttentionOp>(use.getOwner()) && use.getOperandNumber() < 2;
        }))
      return rewriter.notifyMatchFailure(op, "not an attention's q or k");
    Value swapped = transpose(rewriter, op.getLoc(), rope.getInput(),
                              kSwapHeadsAndSequence);
    SequenceLayout layout = rope.getLayout() == SequenceLayout::BHSD
                                ? SequenceLayout::BSHD
                                : SequenceLayout::BHSD;
    rewriter.replaceOpWithNewOp<RopeOp>(
        op, op.getType(), swapped, rope.getCos(), rope.getSin(),
        SequenceLayoutAttr::get(rewriter.getContext(), layout),
        rope.getPairingAttr(), rope.getRotaryDimAttr(), rope.getThetaAttr(),
        rope.getPositionOffsetAttr());
    return success();
  }
};

/// attention with a constant mask that is 0 where key j <= i + Skv - Sq and
/// -inf elsewhere (the same for every batch and head) -> attention {causal}.
struct CausalMaskToAttribute : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp attention,
                                PatternRewriter &rewriter) const override {
    Value mask = attention.getMask();
    if (!mask)
      return rewriter.notifyMatchFailure(attention, "no mask");
    auto maskType = cast<RankedTensorType>(mask.getType());
    auto queryType = cast<RankedTensorType>(attention.getQuery().getType());
    auto keyType = cast<RankedTensorType>(attention.getKey().getType());
    unsigned seqPos = attention.getLayout() == SequenceLayout::BHSD ? 2 : 1;
    int64_t sq = queryType.getDimSize(seqPos), skv = keyType.getDimSize(seqPos);
    int64_t rank = maskType.getRank();
    if (rank < 2 || maskType.getDimSize(rank - 2) != sq ||
        maskType.getDimSize(rank - 1) != skv ||
        maskType.getNumElements() != sq * skv)
      return rewriter.notifyMatchFailure(attention, "mask is not [Sq, Skv]");
    std::optional<SmallVector<double>> data = readFloatConstant(mask);
    if (!data)
      return rewriter.notifyMatchFailure(attention, "mask is not constant");
    for (int64_t i = 0; i < sq; ++i)
      for (int64_t j = 0; j < skv; ++j) {
        double x = (*data)[i * skv + j];
        bool visible = j <= i + skv - sq;
        if (visible ? x != 0.0 : !(std::isinf(x) && x < 0.0))
          return rewriter.notifyMatchFailure(attention, "mask is not causal");
      }
    AttentionOp fused = rebuildAttention(
        rewriter, attention, attention.getType(), attention.getQuery(),
        attention.getKey(), attention.getValue(), Value(),
        attention.getRopeCos(), attention.getRopeSin(), attention.getLayout(),
        attention.getScaleAttr(), /*causal=*/true, attention.getRopeAttr());
    rewriter.replaceOp(attention, fused.getResult());
    return success();
  }
};

struct FuseAttentionPass : kiln::impl::FuseAttentionBase<FuseAttentionPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFuseAttentionPatterns(patterns);
    if (failed(applyFusingPatterns(getOperation(), std::move(patterns),
                                   getArgument())))
      signalPassFailure();
  }
};
} // namespace

void mlir::kiln::populateFuseAttentionPatterns(RewritePatternSet &patterns) {
  patterns.add<FuseSoftmaxAttention, LiftAttentionTo4d, FoldRopeIntoAttention,
               AbsorbScaleIntoAttention, AbsorbLayoutTransposes,
               SwapRopeAndTranspose, CausalMaskToAttribute>(
      patterns.getContext());
}
