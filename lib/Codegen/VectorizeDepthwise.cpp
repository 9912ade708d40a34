//===- VectorizeDepthwise.cpp - Depthwise convolution register tiles ------===//
//
// A tile of an NCHW depthwise convolution that covers several output rows of
// a channel and its whole window becomes straight-line vector code: the
// accumulators (one vector per output row) stay in registers across all taps,
// each input row is read once per column shift and feeds every output row
// whose window covers it, and each weight is broadcast once per tile. Tiles
// of one tap per reduction step (the generic path) read every input row once
// per tap, broadcast every weight once per output row, and are bound by
// loads on CPUs with 128-bit load ports.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

/// Most output rows (batch x channels x rows) one tile may hold: each is an
/// accumulator of its own.
static constexpr int64_t kMaxTileRows = 32;
/// Longest output row of a tile.
static constexpr int64_t kMaxTileWidth = 64;

bool mlir::kiln::isDepthwiseConvOp(linalg::LinalgOp op) {
  auto conv = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(op.getOperation());
  if (!conv || !conv.hasPureTensorSemantics())
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
  // Floats that have vector arithmetic (bf16 stays scalar, see
  // accessesUnvectorizableTensors in Vectorize.cpp).
  return isa<Float16Type, Float32Type, Float64Type>(element);
}

LogicalResult mlir::kiln::vectorizeDepthwiseTile(RewriterBase &rewriter,
                                                 linalg::LinalgOp op) {
  if (!isDepthwiseConvOp(op))
    return failure();
  auto conv = cast<linalg::DepthwiseConv2DNchwChwOp>(op.getOperation());
  Value input = conv.getDpsInputOperand(0)->get();
  Value filter = conv.getDpsInputOperand(1)->get();
  Value output = conv.getDpsInitOperand(0)->get();
  auto inputType = cast<RankedTensorType>(input.getType());
  auto outputType = cast<RankedTensorType>(output.getType());
  ArrayRef<int64_t> in = inputType.getShape();
  ArrayRef<int64_t> out = outputType.getShape();
  ArrayRef<int64_t> window =
      cast<RankedTensorType>(filter.getType()).getShape();
  int64_t batch = out[0], channels = out[1], rows = out[2], width = out[3];
  int64_t inWidth = in[3], kh = window[1], kw = window[2];
  SmallVector<int64_t> strides =
      llvm::to_vector(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations =
      llvm::to_vector(conv.getDilations().getValues<int64_t>());
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
  Value tile = vector::TransferReadOp::create(
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
      // Weights, broadcast once each.
      DenseMap<std::pair<int64_t, int64_t>, Value> weights;
      auto weight = [&](int64_t i, int64_t j) {
        Value &w = weights[{i, j}];
        if (!w) {
          Value scalar = tensor::ExtractOp::create(
              rewriter, loc, filter, ValueRange{index(c), index(i), index(j)});
          w = vector::BroadcastOp::create(rewriter, loc, rowType, scalar);
        }
        return w;
      };
      // Column shifts grouped by the contiguous read of an input row that
      // serves them: each shift alone with stride 1; with stride s, the
      // shifts whose every s-th element falls in one read of whole vectors
      // (width * s elements, where the tile's input row has room), e.g. 0
      // and 1 of a stride-2 3x3 window (even and odd elements). One group
      // at a time, so that only its weights (a window column or two) are
      // live next to the accumulators: a 5x5 window's 25 weights would not
      // fit in the registers.
      int64_t span = (width - 1) * sw + 1;
      int64_t wide =
          sw == 1 ? width : (inWidth >= width * sw ? width * sw : span);
      SmallVector<std::pair<int64_t, SmallVector<int64_t>>> groups;
      for (int64_t j = 0; j < kw; ++j) {
        int64_t col0 = j * dw;
        auto *group = llvm::find_if(groups, [&](const auto &g) {
          return g.first <= col0 && col0 - g.first + span <= wide;
        });
        if (group == groups.end()) {
          groups.push_back({std::min(col0, inWidth - wide), {}});
          group = std::prev(groups.end());
        }
        group->second.push_back(j);
      }
      for (const auto &[start, shifts] : groups) {
        for (int64_t ir = 0; ir < in[2]; ++ir) {
          Value contiguous;
          for (int64_t j : shifts) {
            // Output rows whose window row i reads input row `ir`.
            SmallVector<std::pair<int64_t, int64_t>> targets;
            for (int64_t r = 0; r < rows; ++r)
              for (int64_t i = 0; i < kh; ++i)
                if (r * sh + i * dh == ir)
                  targets.push_back({r, i});
            if (targets.empty())
              continue;
            if (!contiguous)
              contiguous = vector::TransferReadOp::create(
                  rewriter, loc, VectorType::get({wide}, element), input,
                  ValueRange{index(n), index(c), index(ir), index(start)},
                  padding, ArrayRef<bool>{true});
            // Input columns j * dw + sw * x for the pixels x of the tile.
            Value row = contiguous;
            if (sw != 1) {
              SmallVector<int64_t> mask;
              for (int64_t x = 0; x < width; ++x)
                mask.push_back(j * dw - start + order[x] * sw);
              row = vector::ShuffleOp::create(rewriter, loc, contiguous,
                                              contiguous, mask);
            }
            for (auto [r, i] : targets)
              acc[r] = vector::FMAOp::create(rewriter, loc, row, weight(i, j),
                                             acc[r]);
          }
        }
      }
      for (int64_t r = 0; r < rows; ++r) {
        if (permuted)
          acc[r] =
              vector::ShuffleOp::create(rewriter, loc, acc[r], acc[r], inverse);
        tile = vector::InsertOp::create(rewriter, loc, acc[r], tile,
                                        ArrayRef<int64_t>{n, c, r});
      }
    }
  }
  Value result = vector::TransferWriteOp::create(
                     rewriter, loc, tile, output,
                     ValueRange{zero, zero, zero, zero}, allInBounds)
                     .getResult();
  rewriter.replaceOp(op, result);
  return success();
}
