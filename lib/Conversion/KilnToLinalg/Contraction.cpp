//===- Contraction.cpp - Lower convolutions and matrix products -----------===//
//
// conv2d becomes tensor.pad + linalg.conv_2d_nchw_fchw (groups = 1; a 1x1
// unpadded one becomes a matrix product over the flattened image instead),
// linalg.depthwise_conv_2d_nchw_chw (depthwise, multiplier 1) or
// linalg.conv_2d_ngchw_gfchw (other groups), accumulating into an output
// initialized with the broadcast bias (or zeros). conv_transpose2d is
// decomposed by stride phases into regular convolutions with flipped,
// strided sub-kernels (no zeros are inserted into the input) whose results
// are inserted into the output with strided tensor.insert_slice. matmul
// becomes linalg.matmul / linalg.batch_matmul around reshapes (1-D
// promotion, batch collapsing, materialized batch broadcasts) and gemm
// becomes linalg.transpose + linalg.matmul + an elementwise epilogue.
//
// Float accumulation is at least f32 (f16/bf16 accumulate in f32 and are
// truncated at the end); integers accumulate in their own type.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>
#include <numeric>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Element types and scalar helpers
//===----------------------------------------------------------------------===//

/// The type that reductions over `type` accumulate in: f32 for narrower
/// floats, the type itself otherwise (f32, f64 and integers).
Type getAccumulatorType(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    if (floatType.getWidth() < 32)
      return Float32Type::get(type.getContext());
  return type;
}

/// Converts a float or integer scalar between the element type and its
/// accumulator type (extension or truncation; identity when equal).
Value convertScalar(OpBuilder &b, Location loc, Value x, Type type) {
  Type from = x.getType();
  if (from == type)
    return x;
  if (from.getIntOrFloatBitWidth() < type.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, type, x);
  return arith::TruncFOp::create(b, loc, type, x);
}

Value mulScalar(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MulFOp::create(b, loc, x, y);
  return arith::MulIOp::create(b, loc, x, y);
}

Value addScalar(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, loc, x, y);
  return arith::AddIOp::create(b, loc, x, y);
}

/// A tensor of `shape` and `elementType` filled with zeros.
Value zeroTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                 Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, elementType);
  Value zero = scalarConstant(b, loc, elementType, 0);
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

/// Converts `value` elementwise to `elementType` (identity when equal).
Value convertTensor(OpBuilder &b, Location loc, Value value, Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType() == elementType)
    return value;
  return buildElementwise(b, loc, type.clone(elementType), ValueRange{value},
                          [&](OpBuilder &nb, Location l, ValueRange args) {
                            return convertScalar(nb, l, args[0], elementType);
                          });
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// The accumulator `[N, F, OH, OW]` (or `[N, F, OH * OW]`) of a convolution:
/// the per-channel `bias` broadcast (converted to `accType`), or zeros
/// without a bias.
Value buildConvInit(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                    Type accType, Value bias) {
  if (!bias)
    return zeroTensor(b, loc, shape, accType);
  Value empty = tensor::EmptyOp::create(b, loc, shape, accType);
  auto biasType = cast<RankedTensorType>(bias.getType());
  unsigned rank = shape.size();
  SmallVector<int64_t> broadcastDims = {0};
  for (unsigned d = 2; d < rank; ++d)
    broadcastDims.push_back(d);
  if (biasType.getElementType() == accType)
    return linalg::BroadcastOp::create(b, loc, bias, empty, broadcastDims)
        .getResult()[0];
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank, 0, {getAffineDimExpr(1, ctx)}, ctx),
      b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, ValueRange{bias},
             ValueRange{empty}, maps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l,
                                       convertScalar(nb, l, args[0], accType));
             })
      .getResult(0);
}

/// How a convolution with `groups` maps to a linalg named op.
enum class ConvKind {
  Plain,     // groups == 1: linalg.conv_2d_nchw_fchw
  Depthwise, // groups == C == F: linalg.depthwise_conv_2d_nchw_chw
  Grouped,   // otherwise: linalg.conv_2d_ngchw_gfchw
};

ConvKind getConvKind(int64_t groups, int64_t channels, int64_t outChannels) {
  if (groups == 1)
    return ConvKind::Plain;
  if (groups == channels && outChannels == channels)
    return ConvKind::Depthwise;
  return ConvKind::Grouped;
}

/// Whether `op` is a pointwise convolution: a 1x1 kernel, one group, no
/// padding, float data (any strides).
bool isPointwiseConv(Conv2dOp op) {
  auto filterType = cast<RankedTensorType>(op.getFilter().getType());
  return op.getGroups() == 1 && filterType.getDimSize(2) == 1 &&
         filterType.getDimSize(3) == 1 &&
         isa<FloatType>(filterType.getElementType()) &&
         llvm::all_of(op.getPadding(), [](int64_t p) { return p == 0; });
}

/// Accumulates the pointwise (1x1, one group, unpadded) convolution of
/// `input` `[N, C, H, W]` with `filter` `[F, C, 1, 1]` into `init`
/// `[N, F, OH * OW]`: a matrix product `out[n, f, p] += w[f, c] * x[n, c, p]`
/// over the pixels `p` of an image flattened into one row, so that register
/// tiles run along whole images rather than rows (a 14x14 image is 12 tiles
/// of 16 pixels and one of 4, not 14 rows of 8 + 6 pixels). With strides the
/// input is first subsampled into `[N, C, OH, OW]`.
Value buildPointwiseConv(OpBuilder &b, Location loc, Value input, Value filter,
                         Value init, ArrayRef<int64_t> strides,
                         ArrayRef<int64_t> outSize) {
  MLIRContext *ctx = b.getContext();
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  ArrayRef<int64_t> in = inputType.getShape();
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  if (in[2] != outSize[0] || in[3] != outSize[1]) {
    // x[n, c, y, x] = input[n, c, y * sh, x * sw]
    SmallVector<int64_t> shape = {in[0], in[1], outSize[0], outSize[1]};
    Value empty =
        tensor::EmptyOp::create(b, loc, shape, inputType.getElementType());
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0,
                       {dim(0), dim(1), dim(2) * strides[0],
                        dim(3) * strides[1]},
                       ctx),
        b.getMultiDimIdentityMap(4)};
    input = linalg::GenericOp::create(
                b, loc, TypeRange{empty.getType()}, ValueRange{input},
                ValueRange{empty}, maps,
                SmallVector<utils::IteratorType>(
                    4, utils::IteratorType::parallel),
                [](OpBuilder &nb, Location l, ValueRange args) {
                  linalg::YieldOp::create(nb, l, args[0]);
                })
                .getResult(0);
    inputType = cast<RankedTensorType>(input.getType());
  }
  Value pixels = tensor::CollapseShapeOp::create(
      b, loc,
      RankedTensorType::get({in[0], in[1], outSize[0] * outSize[1]},
                            inputType.getElementType()),
      input, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  Value weights = tensor::CollapseShapeOp::create(
      b, loc,
      RankedTensorType::get(
          {filterType.getDimSize(0), filterType.getDimSize(1)},
          filterType.getElementType()),
      filter, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  // (n, f, p, c): w[f, c], x[n, c, p] -> out[n, f, p]. The weights are the
  // left operand, as A of a matmul: f are the rows of a register tile and
  // the pixels p its vectors. A linalg.contract (not a generic) vectorizes
  // to vector.contract, whose lowering is a broadcast-FMA per row.
  SmallVector<AffineMap> maps = {
      AffineMap::get(4, 0, {dim(1), dim(3)}, ctx),
      AffineMap::get(4, 0, {dim(0), dim(3), dim(2)}, ctx),
      AffineMap::get(4, 0, {dim(0), dim(1), dim(2)}, ctx)};
  return linalg::ContractOp::create(b, loc, TypeRange{initType},
                                    ValueRange{weights, pixels},
                                    ValueRange{init},
                                    b.getAffineMapArrayAttr(maps))
      .getResult(0);
}

/// Accumulates the convolution of `input` `[N, C, H, W]` with `filter`
/// `[F, C/groups, KH, KW]` (the kiln.conv2d layout) into `init`
/// `[N, F, OH, OW]`, after zero-padding the input by
/// `padding = [top, left, bottom, right]` (each >= 0). For a
/// ConvKind::Grouped convolution, `filter` may already be grouped
/// `[G, F/G, C/G, KH, KW]` and `init` may be grouped `[N, G, F/G, OH, OW]`;
/// the result has the shape of `init`.
Value buildConv(OpBuilder &b, Location loc, Value input, Value filter,
                Value init, ArrayRef<int64_t> strides,
                ArrayRef<int64_t> dilations, ArrayRef<int64_t> padding,
                int64_t groups) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto initType = cast<RankedTensorType>(init.getType());

  if (llvm::any_of(padding, [](int64_t p) { return p != 0; })) {
    SmallVector<int64_t> shape(inputType.getShape());
    shape[2] += padding[0] + padding[2];
    shape[3] += padding[1] + padding[3];
    SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(0),
                                     b.getIndexAttr(padding[0]),
                                     b.getIndexAttr(padding[1])};
    SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(0),
                                      b.getIndexAttr(padding[2]),
                                      b.getIndexAttr(padding[3])};
    Value zero = scalarConstant(b, loc, inputType.getElementType(), 0);
    input = tensor::PadOp::create(b, loc, inputType.clone(shape), input, low,
                                  high, zero);
    inputType = cast<RankedTensorType>(input.getType());
  }

  Attribute stridesAttr = b.getI64TensorAttr(strides);
  Attribute dilationsAttr = b.getI64TensorAttr(dilations);
  int64_t channels = inputType.getDimSize(1);
  bool groupedInit = initType.getRank() == 5;
  int64_t outChannels = groupedInit
                            ? initType.getDimSize(1) * initType.getDimSize(2)
                            : initType.getDimSize(1);
  ConvKind kind = getConvKind(groups, channels, outChannels);

  if (kind == ConvKind::Plain)
    return linalg::Conv2DNchwFchwOp::create(
               b, loc, TypeRange{initType}, ValueRange{input, filter},
               ValueRange{init}, stridesAttr, dilationsAttr)
        .getResult(0);

  if (kind == ConvKind::Depthwise) {
    // Depthwise with multiplier 1: the filter [C, 1, KH, KW] is [C, KH, KW].
    auto depthwiseType = RankedTensorType::get(
        {channels, filterType.getDimSize(2), filterType.getDimSize(3)},
        filterType.getElementType());
    Value depthwise = tensor::CollapseShapeOp::create(
        b, loc, depthwiseType, filter,
        SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
    return linalg::DepthwiseConv2DNchwChwOp::create(
               b, loc, TypeRange{initType}, ValueRange{input, depthwise},
               ValueRange{init}, stridesAttr, dilationsAttr)
        .getResult(0);
  }

  // General groups: [N, G, C/G, H, W] x [G, F/G, C/G, KH, KW]
  //   -> [N, G, F/G, OH, OW].
  int64_t g = groups;
  SmallVector<ReassociationIndices> splitDim1 = {{0}, {1, 2}, {3}, {4}};
  SmallVector<ReassociationIndices> splitDim0 = {{0, 1}, {2}, {3}, {4}};
  ArrayRef<int64_t> in = inputType.getShape();
  Value groupedInput = tensor::ExpandShapeOp::create(
      b, loc, inputType.clone({in[0], g, in[1] / g, in[2], in[3]}), input,
      splitDim1);
  Value groupedFilter = filter;
  if (filterType.getRank() == 4) {
    ArrayRef<int64_t> fl = filterType.getShape();
    groupedFilter = tensor::ExpandShapeOp::create(
        b, loc, filterType.clone({g, fl[0] / g, fl[1], fl[2], fl[3]}), filter,
        splitDim0);
  }
  Value grouped = init;
  if (!groupedInit) {
    ArrayRef<int64_t> out = initType.getShape();
    grouped = tensor::ExpandShapeOp::create(
        b, loc, initType.clone({out[0], g, out[1] / g, out[2], out[3]}), init,
        splitDim1);
  }
  grouped = linalg::Conv2DNgchwGfchwOp::create(
                b, loc, TypeRange{grouped.getType()},
                ValueRange{groupedInput, groupedFilter}, ValueRange{grouped},
                stridesAttr, dilationsAttr)
                .getResult(0);
  if (groupedInit)
    return grouped;
  return tensor::CollapseShapeOp::create(b, loc, initType, grouped, splitDim1);
}

/// A pointwise conv of a channel concat sums over the input channels of
/// each concat input separately: one conv per input, each accumulating into
/// the result of the one before with its slice of the filter's input
/// channels, so that the concatenation is never copied (a unit-step channel
/// slice among the inputs is read from its source). Null when the input is
/// not a channel concat, or when the extra passes over the accumulator
/// cost more than copying the concatenation (see below). Convolutions with
/// a window read the concatenation: split, each piece's convolution ran at a
/// fraction of the whole one's rate (Inception-v3's 3x3 stride-2 288 -> 384
/// at 35x35, the concat of 4 branches: 4 convolutions, 6.2 ms inside the
/// network, against 2.4 ms for the one convolution alone and 0.1 ms to copy
/// the concat).
Value buildConvOfConcat(Conv2dOp op, Value filter, Value init,
                        ConversionPatternRewriter &rewriter) {
  auto concat = op.getInput().getDefiningOp<ConcatOp>();
  if (!concat)
    return Value();
  int64_t axis = static_cast<int64_t>(concat.getAxis());
  if (axis < 0)
    axis += 4;
  if (axis != 1)
    return Value();
  // Each conv after the first reads and writes the whole accumulator
  // `[N, F, OH, OW]` once more (and runs its register tiles over a short
  // reduction); the concatenation costs one copy of `[N, C, H, W]`. Split
  // only when the extra accumulator passes move no more than that copy:
  // ShuffleNetV2's last 1x1 conv (464 -> 1024 channels at 7x7, its input
  // the concat of 5 pieces after the shuffles are folded) took 4 extra
  // passes over 1024 channels to save a copy of 464.
  auto concatType = cast<RankedTensorType>(concat.getType());
  auto resultType = cast<RankedTensorType>(op.getType());
  if (!concatType.hasStaticShape() || !resultType.hasStaticShape())
    return Value();
  int64_t pieces = llvm::count_if(concat.getInputs(), [](Value input) {
    return cast<RankedTensorType>(input.getType()).getDimSize(1) != 0;
  });
  if ((pieces - 1) * resultType.getNumElements() >
      concatType.getNumElements())
    return Value();
  Location loc = op.getLoc();
  auto filterType = cast<RankedTensorType>(filter.getType());
  ArrayRef<int64_t> filterShape = filterType.getShape();
  Value result = init;
  int64_t offset = 0;
  for (Value original : concat.getInputs()) {
    auto inputType = cast<RankedTensorType>(original.getType());
    int64_t channels = inputType.getDimSize(1);
    if (channels == 0)
      continue;
    Value input = rewriter.getRemappedValue(original);
    if (!input)
      return Value();
    if (auto slice = original.getDefiningOp<SliceOp>();
        slice && llvm::all_of(slice.getSteps(),
                              [](int64_t step) { return step == 1; })) {
      if (Value source = rewriter.getRemappedValue(slice.getInput()))
        input = tensor::ExtractSliceOp::create(
            rewriter, loc, inputType, source,
            getAsIndexOpFoldResult(rewriter.getContext(), slice.getStarts()),
            getAsIndexOpFoldResult(rewriter.getContext(),
                                   inputType.getShape()),
            getAsIndexOpFoldResult(rewriter.getContext(),
                                   SmallVector<int64_t>(4, 1)));
    }
    SmallVector<int64_t> sliceShape(filterShape);
    sliceShape[1] = channels;
    auto sliceType =
        RankedTensorType::get(sliceShape, filterType.getElementType());
    Value part = tensor::ExtractSliceOp::create(
        rewriter, loc, sliceType, filter,
        getAsIndexOpFoldResult(rewriter.getContext(),
                               ArrayRef<int64_t>{0, offset, 0, 0}),
        getAsIndexOpFoldResult(rewriter.getContext(), sliceShape),
        getAsIndexOpFoldResult(rewriter.getContext(),
                               SmallVector<int64_t>(4, 1)));
    ArrayRef<int64_t> outShape =
        cast<RankedTensorType>(op.getType()).getShape();
    result = buildPointwiseConv(rewriter, loc, input, part, result,
                                op.getStrides(), outShape.drop_front(2));
    offset += channels;
  }
  return result;
}

struct Conv2dLowering : OpConversionPattern<Conv2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type accType = getAccumulatorType(resultType.getElementType());
    ArrayRef<int64_t> shape = resultType.getShape();
    if (isPointwiseConv(op)) {
      // [N, F, OH * OW], reshaped to [N, F, OH, OW] at the end.
      Value init = buildConvInit(rewriter, loc,
                                 {shape[0], shape[1], shape[2] * shape[3]},
                                 accType, adaptor.getBias());
      Value result = buildConvOfConcat(op, adaptor.getFilter(), init, rewriter);
      if (!result)
        result = buildPointwiseConv(rewriter, loc, adaptor.getInput(),
                                    adaptor.getFilter(), init, op.getStrides(),
                                    shape.drop_front(2));
      result = tensor::ExpandShapeOp::create(
          rewriter, loc, resultType.clone(accType), result,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
      rewriter.replaceOp(op, convertTensor(rewriter, loc, result,
                                           resultType.getElementType()));
      return success();
    }
    Value init = buildConvInit(rewriter, loc, shape, accType,
                               adaptor.getBias());
    Value result = buildConv(
        rewriter, loc, adaptor.getInput(), adaptor.getFilter(), init,
        op.getStrides(), op.getDilations(), op.getPadding(), op.getGroups());
    rewriter.replaceOp(
        op, convertTensor(rewriter, loc, result, resultType.getElementType()));
    return success();
  }
};

/// One spatial dimension of a stride phase of a transposed convolution: the
/// output positions `o = phase + stride * j`, `j in [0, count)`, receive the
/// kernel taps `k = first + step * t`, `t in [0, taps)`, from the input
/// positions `i = j + offset + u * dilation` for the flipped tap index
/// `u = taps - 1 - t` (a stride-1 convolution with a flipped sub-kernel).
struct PhaseDim {
  int64_t count = 0;
  int64_t taps = 0;
  int64_t first = 0, step = 1;
  int64_t offset = 0, dilation = 1;
  /// The input rows read, clamped to the input: [begin, end); the padding
  /// supplies the rest.
  int64_t begin = 0, end = 0, padBefore = 0, padAfter = 0;

  /// Whether the phase has output positions and reads some input.
  bool active() const { return count > 0 && taps > 0 && begin < end; }
};

/// The phase `phase` of one dimension of a transposed convolution:
/// `o + before = i * stride + k * dilation`.
PhaseDim getPhaseDim(int64_t phase, int64_t stride, int64_t dilation,
                     int64_t before, int64_t kernel, int64_t inSize,
                     int64_t outSize) {
  PhaseDim d;
  d.count = phase < outSize ? (outSize - phase + stride - 1) / stride : 0;
  // k * dilation == phase + before (mod stride).
  int64_t residue = (phase + before) % stride;
  int64_t first = -1;
  for (int64_t k = 0; k < std::min(kernel, stride); ++k)
    if ((k * dilation) % stride == residue) {
      first = k;
      break;
    }
  if (first < 0 || d.count == 0)
    return d;
  int64_t gcd = std::gcd(dilation, stride);
  d.first = first;
  d.step = stride / gcd;
  d.taps = (kernel - 1 - first) / d.step + 1;
  d.dilation = dilation / gcd;
  // i = j + (phase + before - k * dilation) / stride with k = first + step*t
  //   = j + base - t * d.dilation = j + offset + u * d.dilation.
  int64_t base = (phase + before - first * dilation) / stride; // exact
  d.offset = base - (d.taps - 1) * d.dilation;
  int64_t lo = d.offset;
  int64_t hi = d.count - 1 + d.offset + (d.taps - 1) * d.dilation + 1;
  d.begin = std::max<int64_t>(0, lo);
  d.end = std::min(inSize, hi);
  d.padBefore = std::max<int64_t>(0, -lo);
  d.padAfter = std::max<int64_t>(0, hi - inSize);
  return d;
}

/// The flipped sub-kernel of a phase, gathered from the transposed-
/// convolution filter `[C, F/G, KH, KW]` with
/// `sub[g, f, c, u, v] = filter[g * C/G + c, f, kh(u), kw(v)]`: grouped
/// `[G, F/G, C/G, TH, TW]` for ConvKind::Grouped, else in the kiln.conv2d
/// layout `[F, C/G, TH, TW]` (G = 1, or depthwise where C/G = F/G = 1).
Value buildPhaseFilter(OpBuilder &b, Location loc, Value filter, int64_t groups,
                       ConvKind kind, const PhaseDim &h, const PhaseDim &w) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  MLIRContext *ctx = b.getContext();
  int64_t cg = filterType.getDimSize(0) / groups;
  int64_t fg = filterType.getDimSize(1);
  auto tap = [&](AffineExpr u, const PhaseDim &d) {
    return d.first + (d.taps - 1 - u) * d.step;
  };
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> exprs;
  if (kind == ConvKind::Grouped) {
    // (g, f, c, u, v) -> (g * C/G + c, f, kh(u), kw(v))
    shape = {groups, fg, cg, h.taps, w.taps};
    exprs = {dim(0) * cg + dim(2), dim(1), tap(dim(3), h), tap(dim(4), w)};
  } else if (kind == ConvKind::Plain) {
    // (f, c, u, v) -> (c, f, kh(u), kw(v))
    shape = {fg, cg, h.taps, w.taps};
    exprs = {dim(1), dim(0), tap(dim(2), h), tap(dim(3), w)};
  } else {
    // Depthwise, g = f and c = 0: (f, c, u, v) -> (f, c, kh(u), kw(v))
    shape = {groups, 1, h.taps, w.taps};
    exprs = {dim(0), dim(1), tap(dim(2), h), tap(dim(3), w)};
  }
  int64_t rank = shape.size();
  Value empty =
      tensor::EmptyOp::create(b, loc, shape, filterType.getElementType());
  SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, ctx),
                                 b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, ValueRange{filter},
             ValueRange{empty}, maps, iterators,
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

struct ConvTranspose2dLowering : OpConversionPattern<ConvTranspose2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConvTranspose2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type accType = getAccumulatorType(resultType.getElementType());
    Value input = adaptor.getInput(), filter = adaptor.getFilter();
    Value bias = adaptor.getBias();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    ArrayRef<int64_t> in = inputType.getShape();
    ArrayRef<int64_t> out = resultType.getShape();
    ArrayRef<int64_t> strides = op.getStrides();
    ArrayRef<int64_t> dilations = op.getDilations();
    ArrayRef<int64_t> padding = op.getPadding();
    int64_t groups = op.getGroups();

    // The phases of each dimension.
    SmallVector<PhaseDim> phases[2];
    for (int i = 0; i < 2; ++i)
      for (int64_t p = 0; p < strides[i]; ++p)
        phases[i].push_back(getPhaseDim(p, strides[i], dilations[i], padding[i],
                                        filterType.getDimSize(2 + i), in[2 + i],
                                        out[2 + i]));

    // The output starts as the bias (or zeros); each active phase then
    // accumulates its convolution into its strided slice of the output, in
    // destination-passing style (extract_slice -> conv -> insert_slice) so
    // that bufferization writes in place. Pixels of inactive phases (no
    // kernel tap reaches them) keep the bias. A grouped convolution works on
    // the grouped output [N, G, F/G, OH, OW] throughout.
    ConvKind kind = getConvKind(groups, in[1], out[1]);
    bool grouped = kind == ConvKind::Grouped;
    Value result = buildConvInit(rewriter, loc, out, accType, bias);
    SmallVector<ReassociationIndices> splitDim1 = {{0}, {1, 2}, {3}, {4}};
    if (grouped)
      result = tensor::ExpandShapeOp::create(
          rewriter, loc,
          RankedTensorType::get(
              {out[0], groups, out[1] / groups, out[2], out[3]}, accType),
          result, splitDim1);
    auto indices = [&](ArrayRef<int64_t> values) {
      SmallVector<OpFoldResult> attrs;
      for (int64_t v : values)
        attrs.push_back(rewriter.getIndexAttr(v));
      return attrs;
    };
    for (int64_t ph = 0; ph < strides[0]; ++ph) {
      for (int64_t pw = 0; pw < strides[1]; ++pw) {
        const PhaseDim &h = phases[0][ph], &w = phases[1][pw];
        if (!h.active() || !w.active())
          continue;
        // The input window that the phase reads, then its own padding.
        Value window = input;
        if (h.begin != 0 || h.end != in[2] || w.begin != 0 || w.end != in[3])
          window = tensor::ExtractSliceOp::create(
              rewriter, loc, input, indices({0, 0, h.begin, w.begin}),
              indices({in[0], in[1], h.end - h.begin, w.end - w.begin}),
              indices({1, 1, 1, 1}));
        Value subFilter =
            buildPhaseFilter(rewriter, loc, filter, groups, kind, h, w);
        bool whole = strides[0] == 1 && strides[1] == 1;
        SmallVector<int64_t> offsets = {0, 0, ph, pw};
        SmallVector<int64_t> sizes = {out[0], out[1], h.count, w.count};
        SmallVector<int64_t> steps = {1, 1, strides[0], strides[1]};
        if (grouped) {
          offsets.insert(offsets.begin() + 1, 0);
          sizes = {out[0], groups, out[1] / groups, h.count, w.count};
          steps.insert(steps.begin() + 1, 1);
        }
        Value phaseInit = whole ? result
                                : tensor::ExtractSliceOp::create(
                                      rewriter, loc, result, indices(offsets),
                                      indices(sizes), indices(steps))
                                      .getResult();
        Value phase = buildConv(
            rewriter, loc, window, subFilter, phaseInit, {1, 1},
            {h.dilation, w.dilation},
            {h.padBefore, w.padBefore, h.padAfter, w.padAfter}, groups);
        result = whole ? phase
                       : tensor::InsertSliceOp::create(
                             rewriter, loc, phase, result, indices(offsets),
                             indices(sizes), indices(steps))
                             .getResult();
      }
    }
    if (grouped)
      result = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get(out, accType), result,
          splitDim1);
    rewriter.replaceOp(
        op, convertTensor(rewriter, loc, result, resultType.getElementType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

/// `value` `[b..., X, Y]` broadcast (numpy rules) to `[batch..., X, Y]` with
/// linalg.broadcast, after dropping its size-1 dimensions that broadcast.
Value broadcastBatch(OpBuilder &b, Location loc, Value value,
                     ArrayRef<int64_t> batch) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  int64_t outRank = batch.size() + 2;
  SmallVector<int64_t> outShape(batch);
  outShape.push_back(type.getDimSize(rank - 2));
  outShape.push_back(type.getDimSize(rank - 1));
  if (llvm::equal(type.getShape(), outShape))
    return value;
  // Output dimensions that the operand provides; the others are added.
  SmallVector<int64_t> keptShape, added;
  int64_t offset = outRank - rank;
  for (int64_t d = 0; d < outRank; ++d) {
    int64_t src = d - offset;
    if (src >= 0 && (type.getDimSize(src) == outShape[d] || d >= outRank - 2))
      keptShape.push_back(outShape[d]);
    else
      added.push_back(d);
  }
  Value kept = buildReshape(b, loc, value, type.clone(keptShape));
  Value empty =
      tensor::EmptyOp::create(b, loc, outShape, type.getElementType());
  return linalg::BroadcastOp::create(b, loc, kept, empty, added).getResult()[0];
}

struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Type accType = getAccumulatorType(elementType);
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());

    // 1-D promotion: [K] -> [1, K] on the left, [K] -> [K, 1] on the right.
    if (lhsType.getRank() == 1)
      lhs = buildReshape(rewriter, loc, lhs,
                      lhsType.clone({1, lhsType.getDimSize(0)}));
    if (rhsType.getRank() == 1)
      rhs = buildReshape(rewriter, loc, rhs,
                      rhsType.clone({rhsType.getDimSize(0), 1}));
    lhsType = cast<RankedTensorType>(lhs.getType());
    rhsType = cast<RankedTensorType>(rhs.getType());
    ArrayRef<int64_t> lhsShape = lhsType.getShape();
    ArrayRef<int64_t> rhsShape = rhsType.getShape();
    ArrayRef<int64_t> lhsBatch = lhsShape.drop_back(2);
    ArrayRef<int64_t> rhsBatch = rhsShape.drop_back(2);
    int64_t m = lhsShape[lhsShape.size() - 2], k = lhsShape.back();
    int64_t n = rhsShape.back();

    // The broadcast batch shape.
    size_t batchRank = std::max(lhsBatch.size(), rhsBatch.size());
    SmallVector<int64_t> batch(batchRank, 1);
    for (size_t i = 0; i < batchRank; ++i) {
      auto dim = [&](ArrayRef<int64_t> shape) -> int64_t {
        int64_t j = int64_t(i) - int64_t(batchRank - shape.size());
        return j >= 0 ? shape[j] : 1;
      };
      batch[i] = dim(lhsBatch) == 1 ? dim(rhsBatch) : dim(lhsBatch);
    }
    int64_t batchSize = 1;
    for (int64_t s : batch)
      batchSize *= s;
    auto isOne = [](int64_t s) { return s == 1; };

    Value product;
    if (batchRank == 0) {
      Value init = zeroTensor(rewriter, loc, {m, n}, accType);
      product =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                   ValueRange{lhs, rhs}, ValueRange{init})
              .getResult(0);
    } else if (llvm::all_of(rhsBatch, isOne)) {
      // A shared rhs (the batch is the lhs batch): fold the lhs batch into
      // its rows, [B * M, K] x [K, N].
      Value rows =
          buildReshape(rewriter, loc, lhs, lhsType.clone({batchSize * m, k}));
      Value weight = buildReshape(rewriter, loc, rhs, rhsType.clone({k, n}));
      Value init = zeroTensor(rewriter, loc, {batchSize * m, n}, accType);
      product =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                                   ValueRange{rows, weight}, ValueRange{init})
              .getResult(0);
    } else {
      // [B, M, K] x [B, K, N] after broadcasting and collapsing the batch.
      Value l = broadcastBatch(rewriter, loc, lhs, batch);
      Value r = broadcastBatch(rewriter, loc, rhs, batch);
      l = buildReshape(rewriter, loc, l, lhsType.clone({batchSize, m, k}));
      r = buildReshape(rewriter, loc, r, rhsType.clone({batchSize, k, n}));
      Value init = zeroTensor(rewriter, loc, {batchSize, m, n}, accType);
      product = linalg::BatchMatmulOp::create(
                    rewriter, loc, TypeRange{init.getType()}, ValueRange{l, r},
                    ValueRange{init})
                    .getResult(0);
    }
    product = buildReshape(rewriter, loc, product, resultType.clone(accType));
    rewriter.replaceOp(op, convertTensor(rewriter, loc, product, elementType));
    return success();
  }
};

struct GemmLowering : OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Type accType = getAccumulatorType(elementType);
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    Value c = adaptor.getC();
    if (isa<IntegerType>(elementType)) {
      auto integral = [](double v) {
        return std::trunc(v) == v && std::fabs(v) < 0x1p62;
      };
      if (!integral(alpha) || (c && !integral(beta)))
        return rewriter.notifyMatchFailure(
            op, "integer gemm needs integral 'alpha' and 'beta'");
    }

    auto transpose = [&](Value value) -> Value {
      auto type = cast<RankedTensorType>(value.getType());
      Value empty = tensor::EmptyOp::create(
          rewriter, loc, {type.getDimSize(1), type.getDimSize(0)},
          type.getElementType());
      return linalg::TransposeOp::create(rewriter, loc, value, empty,
                                         ArrayRef<int64_t>{1, 0})
          .getResult()[0];
    };
    Value a = op.getTransA() ? transpose(adaptor.getA()) : adaptor.getA();
    Value b = op.getTransB() ? transpose(adaptor.getB()) : adaptor.getB();

    auto accResultType = resultType.clone(accType);
    bool scaleProduct = alpha != 1.0;
    // With alpha == 1 the product accumulates onto beta * C directly.
    Value init;
    if (c && !scaleProduct) {
      if (beta == 1.0 && c.getType() == accResultType)
        init = c;
      else
        init = buildElementwise(
            rewriter, loc, accResultType, ValueRange{c},
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value x = convertScalar(nb, l, args[0], accType);
              if (beta != 1.0)
                x = mulScalar(nb, l, x, scalarConstant(nb, l, accType, beta));
              return x;
            });
    } else {
      init = zeroTensor(rewriter, loc, resultType.getShape(), accType);
    }
    Value product =
        linalg::MatmulOp::create(rewriter, loc, TypeRange{accResultType},
                                 ValueRange{a, b}, ValueRange{init})
            .getResult(0);

    if (!scaleProduct) {
      rewriter.replaceOp(op,
                         convertTensor(rewriter, loc, product, elementType));
      return success();
    }
    // alpha * product (+ beta * C), in the accumulator type.
    SmallVector<Value> operands = {product};
    if (c)
      operands.push_back(c);
    Value result = buildElementwise(
        rewriter, loc, resultType, operands,
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value x =
              mulScalar(nb, l, args[0], scalarConstant(nb, l, accType, alpha));
          if (args.size() > 1) {
            Value y = convertScalar(nb, l, args[1], accType);
            if (beta != 1.0)
              y = mulScalar(nb, l, y, scalarConstant(nb, l, accType, beta));
            x = addScalar(nb, l, x, y);
          }
          return convertScalar(nb, l, x, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateContractionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, ConvTranspose2dLowering, MatMulLowering,
               GemmLowering>(patterns.getContext());
}
