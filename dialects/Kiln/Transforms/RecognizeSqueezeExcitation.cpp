//===- RecognizeSqueezeExcitation.cpp - Canonical squeeze-excitation ------===//
//
// There is no squeeze-excitation op: a block
//
//   s = global_avg_pool(x)                         [N, C, 1, 1]
//   h = act(conv2d(s, W1 [Cr, C, 1, 1], b1))       [N, Cr, 1, 1]
//   g = gate(conv2d(h, W2 [C, Cr, 1, 1], b2))      [N, C, 1, 1]
//   y = mul(x, g)                                  [N, C, H, W]
//
// (`act` relu, silu, hard_swish...; `gate` sigmoid or hard_sigmoid) is left
// to code generation, which can compute `s` while `x` is produced and apply
// the gate while `y` is consumed. These patterns only bring the forms
// exporters write to that one form:
//
//   - `reduce_mean(x, axes = [2, 3])` of an NCHW tensor (`x.mean((2, 3))`)
//     becomes `global_avg_pool(x)` (and a reshape without `keep_dims`);
//   - `mul(gate(...), x)` puts the gated tensor first: `mul(x, gate(...))`;
//   - `mul(x, expand(g))` (`x * g.expand_as(x)`) becomes `mul(x, g)`: the
//     broadcast on the spatial dimensions is left to the multiplication.
//
// The decomposed gates and activations (`clip(v + 3, 0, 6) / 6`,
// `v * sigmoid(v)`) are recognized by the activation patterns.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "RecognizeUtils.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::recognize;

namespace {

/// reduce_mean(x, axes = [2, 3]) of a rank-4 float tensor
/// -> global_avg_pool(x), reshaped to [N, C] without keep_dims.
struct ReduceMeanToGlobalAvgPool : OpRewritePattern<ReduceMeanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReduceMeanOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getInput().getType());
    if (type.getRank() != 4 || !isa<FloatType>(type.getElementType()))
      return rewriter.notifyMatchFailure(op, "not a float NCHW tensor");
    SmallVector<int64_t> axes;
    for (int64_t axis : op.getAxes())
      axes.push_back(axis < 0 ? axis + 4 : axis);
    llvm::sort(axes);
    if (axes != ArrayRef<int64_t>{2, 3})
      return rewriter.notifyMatchFailure(op, "not a mean over H and W");
    Value pool = GlobalAvgPoolOp::create(rewriter, op.getLoc(), op.getInput());
    if (!op.getKeepDims())
      pool = ReshapeOp::create(rewriter, op.getLoc(), pool,
                               rewriter.getDenseI64ArrayAttr(
                                   {type.getDimSize(0), type.getDimSize(1)}));
    rewriter.replaceOp(op, pool);
    return success();
  }
};

/// Whether `value` is the output of a squeeze-excitation gate.
bool isGate(Value value) {
  return value.getDefiningOp<SigmoidOp>() ||
         value.getDefiningOp<HardSigmoidOp>();
}

/// mul(gate(g), x) -> mul(x, gate(g)) when the gate is broadcast and `x` is
/// not a constant (the folder of commutative ops keeps constants on the
/// right; swapping them back would never end).
struct GatedTensorFirst : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    Value gate = op.getLhs(), x = op.getRhs();
    if (!isGate(gate) || gate.getType() == op.getType() ||
        x.getType() != op.getType() || matchPattern(x, m_Constant()))
      return rewriter.notifyMatchFailure(op, "not mul(broadcast gate, x)");
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperand(0, x);
      op->setOperand(1, gate);
    });
    return success();
  }
};

/// mul(x, expand(g)) -> mul(x, g) (either operand) when g broadcasts to the
/// result as the expansion does.
struct MulOfExpand : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    for (unsigned i = 0; i < 2; ++i) {
      auto expand = op->getOperand(i).getDefiningOp<ExpandOp>();
      Value other = op->getOperand(1 - i);
      if (!expand || other.getType() != type ||
          !broadcastsTo(expand.getInput().getType().getShape(),
                        type.getShape()))
        continue;
      rewriter.modifyOpInPlace(op,
                               [&] { op->setOperand(i, expand.getInput()); });
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no expand that the mul repeats");
  }
};

} // namespace

void mlir::kiln::populateSqueezeExcitationPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReduceMeanToGlobalAvgPool, GatedTensorFirst, MulOfExpand>(
      patterns.getContext());
}
