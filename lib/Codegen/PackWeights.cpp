//===- PackWeights.cpp - Column panels for products of a few rows ---------===//
//
// See the description of kiln-pack-weights in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"

#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cstring>
#include <vector>

namespace mlir::kiln {
#define GEN_PASS_DEF_PACKWEIGHTS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// `w` `[K, N]` (row-major f32 bytes) as `[ceil(N / panel), K, panel]`
/// panels, the columns past N zero.
static std::vector<char> packPanels(ArrayRef<char> w, int64_t k, int64_t n,
                                    int64_t panel) {
  int64_t panels = llvm::divideCeil(n, panel);
  std::vector<char> packed(panels * k * panel * sizeof(float), 0);
  for (int64_t j = 0; j < panels; ++j) {
    int64_t width = std::min(panel, n - j * panel);
    for (int64_t r = 0; r < k; ++r)
      std::memcpy(packed.data() + ((j * k + r) * panel) * sizeof(float),
                  w.data() + (r * n + j * panel) * sizeof(float),
                  width * sizeof(float));
  }
  return packed;
}

namespace {
struct PackMatmulWeights : OpRewritePattern<linalg::MatmulOp> {
  PackMatmulWeights(MLIRContext *context, int64_t panel, int64_t maxRows)
      : OpRewritePattern(context), panel(panel), maxRows(maxRows) {}

  LogicalResult matchAndRewrite(linalg::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.hasUserDefinedMaps() ||
        op.getNumDpsInputs() != 2)
      return rewriter.notifyMatchFailure(op, "not a plain matmul on tensors");
    Value a = op.getDpsInputOperand(0)->get();
    Value b = op.getDpsInputOperand(1)->get();
    Value acc = op.getDpsInitOperand(0)->get();
    auto aType = cast<RankedTensorType>(a.getType());
    auto bType = cast<RankedTensorType>(b.getType());
    auto accType = cast<RankedTensorType>(acc.getType());
    if (!aType.hasStaticShape() || !bType.hasStaticShape() ||
        !aType.getElementType().isF32() || !bType.getElementType().isF32() ||
        !accType.getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "not static f32");
    int64_t m = aType.getDimSize(0), k = aType.getDimSize(1);
    int64_t n = bType.getDimSize(1);
    if ((maxRows > 0 && m > maxRows) || n < panel || k < 2)
      return rewriter.notifyMatchFailure(op, "too many rows, or too small");
    ElementsAttr weights = kiln::getConstantWithBytes(b, k * n * sizeof(float));
    if (!weights)
      return rewriter.notifyMatchFailure(
          op, "right operand not a constant with its data available");
    ArrayRef<char> bytes = kiln::getConstantBytes(weights);

    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    int64_t panels = llvm::divideCeil(n, panel);
    int64_t padded = panels * panel;
    auto packedType = RankedTensorType::get({panels, k, panel},
                                            rewriter.getF32Type());
    std::vector<char> packed = packPanels(bytes, k, n, panel);
    ElementsAttr packedAttr =
        kiln::buildConstantBytesLike(weights, packedType, packed, ".panels");
    Value w = arith::ConstantOp::create(rewriter, loc, packedType,
                                        cast<TypedAttr>(packedAttr));

    // The accumulator, padded to whole panels and split into them.
    Value init = acc;
    if (padded != n) {
      Value zero = arith::ConstantOp::create(rewriter, loc,
                                             rewriter.getF32FloatAttr(0.0f));
      init = tensor::PadOp::create(
          rewriter, loc,
          RankedTensorType::get({m, padded}, rewriter.getF32Type()), init,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                 rewriter.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                 rewriter.getIndexAttr(padded - n)},
          zero);
    }
    SmallVector<ReassociationIndices> split = {{0}, {1, 2}};
    auto panelAccType =
        RankedTensorType::get({m, panels, panel}, rewriter.getF32Type());
    // A filled accumulator is filled in panels (a fill behind a reshape is
    // not fused into the product's tiles: a pass of its own over memory).
    if (auto fill = acc.getDefiningOp<linalg::FillOp>(); fill && padded == n) {
      Value empty = tensor::EmptyOp::create(
          rewriter, loc, panelAccType.getShape(), rewriter.getF32Type());
      init = linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
                 .getResult(0);
    } else {
      init = tensor::ExpandShapeOp::create(rewriter, loc, panelAccType, init,
                                           split);
    }
    // (m, j, i, kk): a[m, kk] * w[j, kk, i] -> out[m, j, i]
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, {dim(0), dim(3)}, ctx),
        AffineMap::get(4, 0, {dim(1), dim(3), dim(2)}, ctx),
        AffineMap::get(4, 0, {dim(0), dim(1), dim(2)}, ctx)};
    Value product =
        linalg::ContractOp::create(rewriter, loc, TypeRange{panelAccType},
                                   ValueRange{a, w}, ValueRange{init},
                                   rewriter.getAffineMapArrayAttr(maps))
            .getResult(0);
    Value result = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({m, padded}, rewriter.getF32Type()),
        product, split);
    if (padded != n)
      result = tensor::ExtractSliceOp::create(
          rewriter, loc, accType, result,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                 rewriter.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(m),
                                 rewriter.getIndexAttr(n)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1),
                                 rewriter.getIndexAttr(1)});
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  int64_t panel, maxRows;
};

/// Whether `operand` of an elementwise op reads, through the collapse of
/// its panels, the result of a product whose weights were packed (and
/// nothing else reads that result): the op is then rewritten over the panels
/// (fusion by expansion), reads the product's result directly, and
/// kiln-tile-and-fuse computes it (a bias, an activation, a residual add) in
/// the product's register tiles instead of a pass of its own over memory.
static bool isPackedProductResult(OpOperand *operand) {
  auto consumer = dyn_cast<linalg::GenericOp>(operand->getOwner());
  auto collapse = operand->get().getDefiningOp<tensor::CollapseShapeOp>();
  if (!consumer || !collapse || consumer.getNumReductionLoops() != 0 ||
      !collapse->hasOneUse())
    return false;
  auto producer = collapse.getSrc().getDefiningOp<linalg::ContractOp>();
  return producer && producer->hasOneUse() && producer.getNumDpsInputs() == 2 &&
         producer.getRank(producer.getDpsInitOperand(0)) == 3 &&
         producer.getRank(producer.getDpsInputOperand(1)) == 3;
}

struct PackWeightsPass : kiln::impl::PackWeightsBase<PackWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBits < 64 || maxRows < 0) {
      getOperation().emitError()
          << "kiln-pack-weights: vector-bits must be at least 64 and max-rows "
             "at least 0";
      return signalPassFailure();
    }
    {
      RewritePatternSet patterns(&getContext());
      patterns.add<PackMatmulWeights>(&getContext(), 2 * vectorBits / 32,
                                      maxRows);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns,
                                                      isPackedProductResult);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
