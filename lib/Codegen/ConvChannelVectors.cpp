//===- ConvChannelVectors.cpp - Convolutions vectorized along channels ----===//
//
// See the description of kiln-conv-channel-vectors in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/ChannelVectors.h"
#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <vector>

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVCHANNELVECTORS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

/// `w` `[F, C, KH, KW]` (row-major f32 bytes) as `[F / panel, C, KH, KW,
/// panel]`: the `panel` output channels of a register tile next to each
/// other, one tap after the other, in the order the tile reads them.
static std::vector<char> packFilter(ArrayRef<char> w, int64_t f,
                                    int64_t window, int64_t panel) {
  std::vector<char> packed(f * window * sizeof(float));
  auto *from = reinterpret_cast<const float *>(w.data());
  auto *to = reinterpret_cast<float *>(packed.data());
  for (int64_t o = 0; o < f; ++o)
    for (int64_t k = 0; k < window; ++k)
      to[((o / panel) * window + k) * panel + o % panel] = from[o * window + k];
  return packed;
}

/// Whether `operand` of an elementwise op is the collapsed result of a
/// convolution in panels (a generic convolution with a 5-D filter into a
/// 5-D accumulator, as this pass makes them), used by nothing else.
static bool isPanelResult(OpOperand *operand) {
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  auto collapse = operand->get().getDefiningOp<tensor::CollapseShapeOp>();
  if (!consumer || !collapse || consumer.getNumReductionLoops() != 0 ||
      !collapse->hasOneUse())
    return false;
  auto producer = collapse.getSrc().getDefiningOp<linalg::GenericOp>();
  return producer && producer->hasOneUse() && producer.getNumDpsInputs() == 2 &&
         producer.getNumReductionLoops() == 3 &&
         producer.getRank(producer.getDpsInputOperand(1)) == 5 &&
         producer.getRank(producer.getDpsInitOperand(0)) == 5 &&
         linalg::isaConvolutionOpInterface(producer);
}

/// The accumulator `init` remade at `shape`, to which `reassociation`
/// expands it: a broadcast of a bias along `biasDims` as a broadcast of the
/// bias (expanded to `biasShape`) along `newBiasDims`, a fill as a fill, so
/// that kiln-tile-and-fuse computes either in the tiles; else a view.
static Value remakeAccumulator(PatternRewriter &rewriter, Location loc,
                               Value init, ArrayRef<int64_t> shape,
                               ArrayRef<ReassociationIndices> reassociation,
                               ArrayRef<int64_t> biasDims,
                               ArrayRef<int64_t> biasShape,
                               ArrayRef<int64_t> newBiasDims) {
  Type element = getElementTypeOrSelf(init.getType());
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>();
      broadcast && broadcast.hasPureTensorSemantics() &&
      broadcast.getDimensions() == biasDims) {
    Value bias = broadcast.getInput();
    if (cast<RankedTensorType>(bias.getType()).getShape() != biasShape)
      bias = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(biasShape, element), bias,
          SmallVector<ReassociationIndices>{
              llvm::to_vector(llvm::seq<int64_t>(0, biasShape.size()))});
    Value empty = tensor::EmptyOp::create(rewriter, loc, shape, element);
    return linalg::BroadcastOp::create(rewriter, loc, bias, empty,
                                       newBiasDims)
        ->getResult(0);
  }
  if (auto fill = init.getDefiningOp<linalg::FillOp>();
      fill && fill.hasPureTensorSemantics()) {
    Value empty = tensor::EmptyOp::create(rewriter, loc, shape, element);
    return linalg::FillOp::create(rewriter, loc,
                                  fill.getDpsInputOperand(0)->get(), empty)
        .getResult(0);
  }
  return tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get(shape, element), init,
      reassociation);
}

/// The constant f32 data of `value` (getConstantWithBytes), `elements`
/// values long.
static ElementsAttr getConstantData(Value value, int64_t elements) {
  return kiln::getConstantWithBytes(value, elements * sizeof(float));
}

/// The constant weights (data available) of a convolution's f32 `filter`
/// `[F, C, KH, KW]`: the filter itself (or a reshaped constant), or the
/// constant that `gate` (set then) multiplies by a tensor that does not vary
/// along the output channels, such as a squeeze-excitation gate that
/// kiln-fold-gates moved into the weights of the convolution after it
/// (EfficientNet's projections). Null otherwise.
static ElementsAttr getFilterWeights(Value filter, linalg::GenericOp &gate) {
  int64_t elements = cast<RankedTensorType>(filter.getType()).getNumElements();
  if (ElementsAttr weights = getConstantData(filter, elements))
    return weights;
  auto generic = filter.getDefiningOp<linalg::GenericOp>();
  if (!generic || !generic.hasPureTensorSemantics() ||
      generic.getNumDpsInputs() != 2 || generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != 4 || generic.getNumLoops() != 4 ||
      !generic.getIndexingMapsArray().back().isIdentity())
    return nullptr;
  // The body: one multiplication of the two inputs.
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto mul = yield.getValues().front().getDefiningOp<arith::MulFOp>();
  if (body.getOperations().size() != 2 || !mul ||
      !llvm::is_contained(body.getArguments().take_front(2), mul.getLhs()) ||
      !llvm::is_contained(body.getArguments().take_front(2), mul.getRhs()) ||
      mul.getLhs() == mul.getRhs())
    return nullptr;
  for (unsigned i = 0; i < 2; ++i) {
    OpOperand *constant = generic.getDpsInputOperand(i);
    OpOperand *other = generic.getDpsInputOperand(1 - i);
    if (!generic.getMatchingIndexingMap(constant).isIdentity() ||
        generic.getMatchingIndexingMap(other).isFunctionOfDim(0))
      continue;
    if (ElementsAttr weights = getConstantData(constant->get(), elements)) {
      gate = generic;
      return weights;
    }
  }
  return nullptr;
}

/// `gate` (see getFilterWeights) remade for the filter packed in `panels`
/// `[F / 2L, C, KH, KW, 2L]`: the same product over loops (fo, c, kh, kw, fi),
/// its other operand indexed as before (it does not use the output channel).
static Value gatePanels(PatternRewriter &rewriter, linalg::GenericOp gate,
                        Value panels) {
  Location loc = gate.getLoc();
  auto type = cast<RankedTensorType>(panels.getType());
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *operand : gate.getDpsInputOperands()) {
    AffineMap map = gate.getMatchingIndexingMap(operand);
    if (map.isIdentity()) {
      inputs.push_back(panels);
      maps.push_back(rewriter.getMultiDimIdentityMap(5));
    } else {
      inputs.push_back(operand->get());
      maps.push_back(AffineMap::get(5, 0, map.getResults(),
                                    rewriter.getContext()));
    }
  }
  maps.push_back(rewriter.getMultiDimIdentityMap(5));
  Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                        type.getElementType());
  auto mul = cast<arith::MulFOp>(
      gate.getRegion().front().getTerminator()->getOperand(0).getDefiningOp());
  bool swapped = mul.getLhs() != gate.getRegion().front().getArgument(0);
  return linalg::GenericOp::create(
             rewriter, loc, TypeRange{type}, inputs, ValueRange{empty}, maps,
             SmallVector<utils::IteratorType>(5,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &b, Location l, ValueRange args) {
               Value product = arith::MulFOp::create(
                   b, l, swapped ? args[1] : args[0],
                   swapped ? args[0] : args[1], mul.getFastmathAttr());
               linalg::YieldOp::create(b, l, product);
             })
      .getResult(0);
}

/// The convolution of `input` by `filter` `[F, C, KH, KW]` (a constant, or
/// a gated one, see getFilterWeights) accumulated into `init` `[N, F, OH,
/// OW]`, computed along output channels in panels of `panel`: the filter
/// packed into `[F / panel, C, KH, KW, panel]`, a generic over loops (n, fo,
/// oh, ow, fi, c, kh, kw) into the accumulator viewed as `[N, F / panel,
/// panel, OH, OW]`, and its result collapsed back to `[N, F, OH, OW]`. The
/// input is NCHW, or `[N, H, W, C]` when `channelsLast`. Null when the
/// filter's constant data is not available (getFilterWeights).
static Value buildPanelConv(PatternRewriter &rewriter, Location loc,
                            Value input, bool channelsLast,
                            ArrayRef<int64_t> strides,
                            ArrayRef<int64_t> dilations, Value filter,
                            Value init, int64_t panel) {
  linalg::GenericOp gate;
  ElementsAttr weights = getFilterWeights(filter, gate);
  if (!weights)
    return nullptr;
  auto type = cast<RankedTensorType>(init.getType());
  Type element = type.getElementType();
  ArrayRef<int64_t> fshape =
      cast<RankedTensorType>(filter.getType()).getShape();
  int64_t f = fshape[0], window = fshape[1] * fshape[2] * fshape[3];
  ArrayRef<char> bytes = kiln::getConstantBytes(weights);

  MLIRContext *ctx = rewriter.getContext();
  auto packedType = RankedTensorType::get(
      {f / panel, fshape[1], fshape[2], fshape[3], panel}, element);
  ElementsAttr packedAttr = kiln::buildConstantBytesLike(
      weights, packedType, packFilter(bytes, f, window, panel), ".panels");
  Value w = arith::ConstantOp::create(rewriter, loc, packedType,
                                      cast<TypedAttr>(packedAttr));
  if (gate)
    w = gatePanels(rewriter, gate, w);
  // The accumulator [N, F / panel, panel, OH, OW]: the bias broadcast or
  // the fill at that shape (kiln-tile-and-fuse computes it in the tiles),
  // else a view of the accumulator.
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<ReassociationIndices> split = {{0}, {1, 2}, {3}, {4}};
  SmallVector<int64_t> panelShape = {shape[0], f / panel, panel, shape[2],
                                     shape[3]};
  auto panelType = RankedTensorType::get(panelShape, element);
  Value acc = remakeAccumulator(rewriter, loc, init, panelShape, split,
                                {0, 2, 3}, {f / panel, panel}, {0, 3, 4});
  // Loops (n, fo, oh, ow, fi, c, kh, kw): the channels of a panel
  // innermost among the parallel loops, so that the register tile's
  // vectors run along them; the taps of one input channel innermost among
  // the reductions, so that they read the same few input rows, from L1.
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineExpr row = d(2) * strides[0] + d(6) * dilations[0];
  AffineExpr column = d(3) * strides[1] + d(7) * dilations[1];
  SmallVector<AffineMap> maps = {
      AffineMap::get(8, 0,
                     channelsLast
                         ? SmallVector<AffineExpr>{d(0), row, column, d(5)}
                         : SmallVector<AffineExpr>{d(0), d(5), row, column},
                     ctx),
      AffineMap::get(8, 0, {d(1), d(5), d(6), d(7), d(4)}, ctx),
      AffineMap::get(8, 0, {d(0), d(1), d(4), d(2), d(3)}, ctx)};
  SmallVector<utils::IteratorType> iterators(5,
                                             utils::IteratorType::parallel);
  iterators.append(3, utils::IteratorType::reduction);
  auto product = linalg::GenericOp::create(
      rewriter, loc, TypeRange{panelType}, ValueRange{input, w},
      ValueRange{acc}, maps, iterators,
      [](OpBuilder &b, Location loc, ValueRange args) {
        Value mul = arith::MulFOp::create(b, loc, args[0], args[1]);
        Value add = arith::AddFOp::create(b, loc, args[2], mul);
        linalg::YieldOp::create(b, loc, add);
      });
  return tensor::CollapseShapeOp::create(rewriter, loc, type,
                                         product.getResult(0), split);
}

namespace {
struct ConvChannelVectors : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  ConvChannelVectors(MLIRContext *context, int64_t vectorBits,
                     int64_t maxPanelBytes)
      : OpRewritePattern(context), vectorBits(vectorBits),
        maxPanelBytes(maxPanelBytes) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp op,
                                PatternRewriter &rewriter) const override {
    if (!kiln::isStaticF32Conv(op))
      return rewriter.notifyMatchFailure(op, "not static f32 on tensors");
    Value input = op.getDpsInputOperand(0)->get();
    Value filter = op.getDpsInputOperand(1)->get();
    Value init = op.getDpsInitOperand(0)->get();
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto type = cast<RankedTensorType>(init.getType());
    int64_t panel = 2 * (vectorBits / 32);
    ArrayRef<int64_t> fshape = filterType.getShape();
    int64_t f = fshape[0], window = fshape[1] * fshape[2] * fshape[3];
    if (!kiln::isChannelVectorConv(f, window, type.getDimSize(3), vectorBits,
                                   maxPanelBytes))
      return rewriter.notifyMatchFailure(
          op, "rows of whole vectors, channels not whole panels, or a window "
              "too short or too long");
    auto strides = llvm::to_vector(op.getStrides().getValues<int64_t>());
    auto dilations = llvm::to_vector(op.getDilations().getValues<int64_t>());
    Value product = buildPanelConv(rewriter, op.getLoc(), input,
                                   /*channelsLast=*/false, strides, dilations,
                                   filter, init, panel);
    if (!product)
      return rewriter.notifyMatchFailure(
          op, "filter neither a constant nor a constant times a gate, with "
              "its data available");
    rewriter.replaceOp(op, product);
    return success();
  }

private:
  int64_t vectorBits, maxPanelBytes;
};

/// A pointwise convolution as kiln-convert-kiln-to-linalg makes it, a
/// product over flattened images (`out[n, f, p] += w[f, c] * x[n, c, p]`,
/// loops (n, f, p, c)), written back as a 1x1 convolution of a one-row image
/// `[N, C, 1, H * W]`, which ConvChannelVectors then computes along its
/// output channels, where kiln::isChannelVectorPointwise says so: images
/// whose pixels are not whole vectors (14x14 = 196 pixels are 32 tiles of 6
/// pixels and one of 4 along channels, against 12 tiles of 16 pixels and one
/// of 4, padded to 8, across them), a long enough reduction and enough
/// pixels.
struct PointwiseChannelVectors : OpRewritePattern<linalg::ContractOp> {
  PointwiseChannelVectors(MLIRContext *context, int64_t vectorBits,
                          int64_t maxPanelBytes,
                          int64_t channelsLastMinChannels)
      : OpRewritePattern(context), vectorBits(vectorBits),
        maxPanelBytes(maxPanelBytes),
        channelsLastMinChannels(channelsLastMinChannels) {}

  LogicalResult matchAndRewrite(linalg::ContractOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
        op.getNumDpsInits() != 1 ||
        !llvm::all_of(op->getOperandTypes(), [](Type type) {
          auto tensor = cast<RankedTensorType>(type);
          return tensor.hasStaticShape() && tensor.getElementType().isF32();
        }))
      return rewriter.notifyMatchFailure(op, "not static f32 on tensors");
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineMap> pointwise = {
        AffineMap::get(4, 0, {d(1), d(3)}, ctx),
        AffineMap::get(4, 0, {d(0), d(3), d(2)}, ctx),
        AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx)};
    if (op.getIndexingMapsArray() != ArrayRef<AffineMap>(pointwise))
      return rewriter.notifyMatchFailure(op, "not w[f, c] * x[n, c, p]");
    Value w = op.getDpsInputOperand(0)->get();
    Value x = op.getDpsInputOperand(1)->get();
    Value init = op.getDpsInitOperand(0)->get();
    auto type = cast<RankedTensorType>(init.getType());
    int64_t n = type.getDimSize(0), f = type.getDimSize(1),
            pixels = type.getDimSize(2);
    int64_t c = cast<RankedTensorType>(x.getType()).getDimSize(1);
    bool channelsLast = kiln::isChannelsLastPointwise(
        c, f, pixels, vectorBits, maxPanelBytes, channelsLastMinChannels);
    if (!channelsLast && !kiln::isChannelVectorPointwise(
                             c, f, pixels, vectorBits, maxPanelBytes))
      return rewriter.notifyMatchFailure(
          op, "pixels in whole vectors or too few, channels not whole "
              "panels, too few or too many input channels");
    // The filter [F, C, 1, 1]: what the weights were collapsed from (a
    // constant, or a gated one), else the weights viewed at that shape.
    Value filter = w;
    if (auto collapse = w.getDefiningOp<tensor::CollapseShapeOp>();
        collapse && collapse.getSrcType().getRank() == 4)
      filter = collapse.getSrc();
    linalg::GenericOp gate;
    if (!getFilterWeights(filter, gate))
      return rewriter.notifyMatchFailure(
          op, "weights neither a constant nor a constant times a gate, with "
              "their data available");
    Location loc = op.getLoc();
    Type element = type.getElementType();
    SmallVector<ReassociationIndices> row = {{0}, {1}, {2, 3}};
    if (filter == w)
      filter = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({f, c, 1, 1}, element), w,
          SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
    // The accumulator as an image of one row; a bias broadcast or a fill
    // made at that shape, so that buildPanelConv finds it.
    SmallVector<int64_t> outShape = {n, f, 1, pixels};
    Value acc = remakeAccumulator(rewriter, loc, init, outShape, row, {0, 2},
                                  {f}, {0, 2, 3});
    if (channelsLast) {
      // The input transposed to [N, 1, P, C], and the panels' product
      // computed from it directly.
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, {n, pixels, c}, element);
      Value transposed = linalg::TransposeOp::create(
                             rewriter, loc, x, empty, ArrayRef<int64_t>{0, 2, 1})
                             ->getResult(0);
      Value rows = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({n, 1, pixels, c}, element),
          transposed, SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}});
      Value product = buildPanelConv(rewriter, loc, rows,
                                     /*channelsLast=*/true, {1, 1}, {1, 1},
                                     filter, acc, 2 * (vectorBits / 32));
      assert(product && "the filter's weights were found above");
      rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, type, product,
                                                           row);
      return success();
    }
    // Else the input as an image of one row, and the 1x1 convolution that
    // ConvChannelVectors computes in panels.
    Value image = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, c, 1, pixels}, element), x,
        row);
    Attribute ones = rewriter.getI64TensorAttr({1, 1});
    Value conv = linalg::Conv2DNchwFchwOp::create(
                     rewriter, loc,
                     TypeRange{RankedTensorType::get(outShape, element)},
                     ValueRange{image, filter}, ValueRange{acc}, ones, ones)
                     .getResult(0);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, type, conv, row);
    return success();
  }

private:
  int64_t vectorBits, maxPanelBytes, channelsLastMinChannels;
};

struct ConvChannelVectorsPass
    : kiln::impl::ConvChannelVectorsBase<ConvChannelVectorsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBits < 64 || maxPanelKiB < 0 || channelsLastMinChannels < 0) {
      getOperation().emitError()
          << "kiln-conv-channel-vectors: vector-bits must be at least 64, "
             "max-panel-kib and channels-last-min-channels at least 0";
      return signalPassFailure();
    }
    {
      RewritePatternSet patterns(&getContext());
      patterns.add<ConvChannelVectors>(&getContext(), vectorBits,
                                       maxPanelKiB * 1024);
      patterns.add<PointwiseChannelVectors>(&getContext(), vectorBits,
                                            maxPanelKiB * 1024,
                                            channelsLastMinChannels);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    // An elementwise consumer (the activation, a residual add) iterates
    // over the panels too and reads the convolution's result directly:
    // kiln-tile-and-fuse then computes it as the tiles' epilogue.
    // (A pointwise convolution's result is collapsed twice, from panels to
    // a row and from the row to the product's shape: composed into one.)
    RewritePatternSet patterns(&getContext());
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns,
                                                      isPanelResult);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns,
                                                         &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
