//===- TileAndFuse.cpp - Tile linalg ops for threads and vectors ----------===//
//
// Chooses tile sizes per kind of linalg op (elementwise, contraction,
// convolution/pooling, reduction) and tiles each op on tensors in three
// levels: an scf.forall over thread tiles, an scf.for nest over
// register-sized tiles of the parallel loops, and an scf.for nest over the
// reduction loops. Cheap producers (fills, pads, elementwise ops) are fused
// into the tiles of their consumer.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/ChannelVectors.h"
#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_TILEANDFUSE
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

/// Marks the scf.for loops of the register and reduction levels until they
/// are peeled.
static constexpr llvm::StringLiteral kPeelAttrName = "kiln.peel";

/// Marks the copies of a register tile whose reduction loops are still to be
/// made while its register loops are peeled.
static constexpr llvm::StringLiteral kReduceAttrName = "kiln.reduce";

/// Marks the loop over the input channels of a block of a convolution
/// reduced in blocks, with the block's size (see kiln-prefetch-blocks).
static constexpr llvm::StringLiteral kPrefetchAheadAttrName =
    "kiln.prefetch_ahead";

/// Marks a reduction loop whose steps read rows of an input that is not
/// constant, with how many steps ahead to prefetch them (see
/// kiln-prefetch-blocks).
static constexpr llvm::StringLiteral kPrefetchInputAheadAttrName =
    "kiln.prefetch_input_ahead";

//===----------------------------------------------------------------------===//
// Tile sizes
//===----------------------------------------------------------------------===//

/// Number of elements of the widest element type of `op` in one vector
/// register of `vectorBits` bits.
static int64_t getLanes(linalg::LinalgOp op, int64_t vectorBits) {
  unsigned widest = 8;
  for (OpOperand &operand : op->getOpOperands()) {
    Type element = getElementTypeOrSelf(operand.get().getType());
    if (element.isIntOrFloat())
      widest = std::max(widest, element.getIntOrFloatBitWidth());
  }
  return std::max<int64_t>(1, vectorBits / widest);
}

/// Whether loop `dim` appears in `map` only as a plain dimension.
static bool appearsPlain(AffineMap map, unsigned dim) {
  bool plain = false, composite = false;
  for (AffineExpr expr : map.getResults()) {
    if (auto d = dyn_cast<AffineDimExpr>(expr)) {
      plain |= d.getPosition() == dim;
      continue;
    }
    composite |= expr.isFunctionOfDim(dim);
  }
  return plain && !composite;
}

/// Whether every result of `map` that uses loop `dim` grows by exactly 1 when
/// `dim` does (a convolution's input row read with stride 1).
static bool hasUnitCoefficient(AffineMap map, unsigned dim) {
  MLIRContext *ctx = map.getContext();
  SmallVector<AffineExpr> zero(map.getNumDims(), getAffineConstantExpr(0, ctx));
  SmallVector<AffineExpr> unit = zero;
  unit[dim] = getAffineConstantExpr(1, ctx);
  for (AffineExpr expr : map.getResults()) {
    if (!expr.isFunctionOfDim(dim))
      continue;
    auto at0 = dyn_cast<AffineConstantExpr>(
        simplifyAffineExpr(expr.replaceDims(zero), map.getNumDims(), 0));
    auto at1 = dyn_cast<AffineConstantExpr>(
        simplifyAffineExpr(expr.replaceDims(unit), map.getNumDims(), 0));
    if (!at0 || !at1 || at1.getValue() - at0.getValue() != 1)
      return false;
  }
  return true;
}

/// Whether `expr` never decreases when a loop index grows: sums and positive
/// multiples of loop indices, plus constants. Tiling computes the slice of an
/// operand from the first and last index of a tile, which is only right for
/// such expressions (a reversal `7 - d` would read the wrong end).
static bool isNonDecreasing(AffineExpr expr) {
  switch (expr.getKind()) {
  case AffineExprKind::DimId:
  case AffineExprKind::Constant:
    return true;
  case AffineExprKind::Add: {
    auto add = cast<AffineBinaryOpExpr>(expr);
    return isNonDecreasing(add.getLHS()) && isNonDecreasing(add.getRHS());
  }
  case AffineExprKind::Mul:
  case AffineExprKind::FloorDiv:
  case AffineExprKind::CeilDiv: {
    auto binary = cast<AffineBinaryOpExpr>(expr);
    auto factor = dyn_cast<AffineConstantExpr>(binary.getRHS());
    return factor && factor.getValue() >= 0 && isNonDecreasing(binary.getLHS());
  }
  default:
    return false;
  }
}

/// Whether every operand of `op` can be sliced for a tile of its loops.
static bool hasTileableMaps(linalg::LinalgOp op) {
  return llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
    return llvm::all_of(map.getResults(), isNonDecreasing);
  });
}

/// Chooses thread tiles: splits the parallel loops in `order` until there
/// are about `targetTiles` tiles. A loop is only split into tiles that divide
/// it, so that every thread tile has the same static shape (dynamic edge
/// tiles would need masks, and rank-reducing views of them trip up the
/// lowering of memref views); among those, the largest tiles that are a
/// multiple of the loop's register tile are preferred. When no such count is
/// near the target, a tile of at least one register tile whose remainder is
/// harmless is taken (the most tiles up to the target, else the fewest
/// above it): none, or at most one vector of a tile of two vectors (a
/// remainder of more than one vector and less than two is split into single
/// elements by the x86 back end, see getPixelTile); for smaller register
/// tiles of 4 or more (rows, or one vector of pixels), none or at least 4
/// (128 channels in tiles of 16, 6 + 6 + 4, rather than of 8, 6 + 2), unless
/// `wholeVectors`, where loops of register tiles of two vectors take whole
/// register tiles only. A loop whose divisors only give tiles smaller than
/// its register tile is not split.
static SmallVector<int64_t> splitLoops(ArrayRef<int64_t> ranges,
                                       ArrayRef<int64_t> vectorTiles,
                                       ArrayRef<unsigned> order,
                                       int64_t targetTiles, int64_t lanes,
                                       bool wholeVectors, int64_t &numTiles) {
  SmallVector<int64_t> tiles(ranges.size(), 0);
  numTiles = 1;
  for (unsigned d : order) {
    if (numTiles >= targetTiles)
      break;
    int64_t range = ranges[d];
    int64_t align = std::max<int64_t>(1, vectorTiles[d]);
    int64_t want = llvm::divideCeil(targetTiles, numTiles);
    auto harmless = [&](int64_t size) {
      if (size < align || (wholeVectors && align >= 2 * lanes))
        return false;
      int64_t rest = size % align;
      if (align >= 2 * lanes)
        return rest == 0 || rest <= lanes;
      // A remainder of 1-3 rows of a register tile of rows holds 2-6
      // accumulators: fewer chains of FMAs than the 8 that keep two FMA
      // units busy, at a quarter to three quarters of the rate. (A remainder
      // of 1-3 pixels of a one-vector pixel tile idles most of its lanes.)
      return rest == 0 || align < 4 || rest >= 4;
    };
    // Tile counts that divide the loop, from `want` up: the first whose tile
    // is aligned within 4 * want.
    int64_t chosen = 0;
    for (int64_t count = std::max<int64_t>(std::min(want, range), 2);
         count <= range && count <= 4 * want; ++count) {
      if (range % count == 0 && (range / count) % align == 0) {
        chosen = count;
        break;
      }
    }
    // Else the most tiles up to `want` with a harmless remainder, else the
    // fewest above it.
    if (!chosen) {
      for (int64_t count = 2; count <= range; ++count) {
        if (range % count != 0 || !harmless(range / count))
          continue;
        if (count <= want || !chosen)
          chosen = count;
        if (count >= want)
          break;
      }
    }
    if (!chosen)
      continue;
    tiles[d] = range / chosen;
    numTiles *= chosen;
  }
  return tiles;
}

/// Thread tiles of whole register tiles of `2L` pixels or columns where the
/// loops give at least half of `targetTiles` that way, else with harmless
/// remainders (see splitLoops). A remainder column of a thread tile costs
/// about half a register tile for one column of work: a 1x1 1024 -> 256
/// convolution at 14x14 split into 4 x 4 tiles of 49 pixels (3 x 16 + 1) and
/// 64 channels took 1.2x the time of 16 tiles of 16 channels and all 196
/// pixels (12 x 16 + 4). With 116 channels (4 tiles of 29 at most) it is
/// still split into 4 x 49 pixels and 4 x 29 channels.
static SmallVector<int64_t> chooseThreadTiles(ArrayRef<int64_t> ranges,
                                              ArrayRef<int64_t> vectorTiles,
                                              ArrayRef<unsigned> order,
                                              int64_t targetTiles,
                                              int64_t lanes,
                                              int64_t &numTiles) {
  SmallVector<int64_t> whole =
      splitLoops(ranges, vectorTiles, order, targetTiles, lanes,
                 /*wholeVectors=*/true, numTiles);
  if (numTiles * 2 >= targetTiles)
    return whole;
  return splitLoops(ranges, vectorTiles, order, targetTiles, lanes,
                    /*wholeVectors=*/false, numTiles);
}

/// Thread tiles of a matmul-like op (`order`: batch, columns, rows). Those
/// of chooseThreadTiles, unless they leave the columns whole and the right
/// operand (k x columns) does not fit half an L2 cache: every thread tile
/// of rows then reads all of it from L3 or the other core (a 1x1 512 -> 128
/// convolution at 28x28, whose 1.6 MB input the 16 thread tiles of 8 rows
/// each read: 0.56-0.59 ms fastest inside ResNet-50's layer2, 0.41 alone).
/// The columns are split first, into the fewest tiles (2 or more) whose
/// slice fits, with a harmless remainder (see splitLoops) after at least 8
/// whole register tiles (its half a register tile of work then costs at
/// most 6 %; 196 columns in 4 tiles of 3 x 16 + 1 took 1.2x the time, see
/// chooseThreadTiles), and the rows into the rest: consecutive tiles of a
/// thread's share (columns vary slowest, see TilingConfig::threadOrder)
/// then find the slice in L2 (0.47-0.49 ms). A right operand that fits is
/// left to the rows (128 -> 512 at 28x28, 400 KB: 0.35 ms split by rows,
/// 0.41 by columns then rows).
static SmallVector<int64_t> chooseContractionThreadTiles(
    ArrayRef<int64_t> ranges, ArrayRef<int64_t> vectorTiles,
    const linalg::ContractionDimensions &dims, ArrayRef<unsigned> order,
    const TilingHeuristics &heuristics, int64_t lanes, int64_t &numTiles) {
  SmallVector<int64_t> tiles = chooseThreadTiles(
      ranges, vectorTiles, order, heuristics.parallelTiles, lanes, numTiles);
  if (!dims.batch.empty() ||
      llvm::any_of(dims.n, [&](unsigned d) { return tiles[d] != 0; }))
    return tiles;
  // The column loop that vectors run along; the others (a batch of the
  // right operand alone, as in a 1x1 convolution) have its slices.
  unsigned column = dims.n.back();
  int64_t depth = 1;
  for (unsigned d : dims.k)
    depth *= ranges[d];
  for (unsigned d : dims.n)
    if (d != column)
      depth *= ranges[d];
  int64_t elementBytes =
      std::max<int64_t>(1, heuristics.vectorBits / 8 / lanes);
  int64_t budget = heuristics.l2CacheBytes / 2;
  if (depth * ranges[column] * elementBytes <= budget)
    return tiles;
  for (int64_t count = 2; count <= heuristics.parallelTiles; ++count) {
    int64_t columnTiles;
    SmallVector<int64_t> split =
        splitLoops(ranges, vectorTiles, {column}, count, lanes,
                   /*wholeVectors=*/false, columnTiles);
    int64_t tile = split[column], registerTile = vectorTiles[column];
    if (columnTiles < 2 || depth * tile * elementBytes > budget ||
        (registerTile && tile % registerTile != 0 && tile / registerTile < 8))
      continue;
    SmallVector<unsigned> rows(dims.m.begin(), dims.m.end());
    int64_t rowTiles;
    SmallVector<int64_t> rowSplit = chooseThreadTiles(
        ranges, vectorTiles, rows,
        std::max<int64_t>(1, heuristics.parallelTiles / columnTiles), lanes,
        rowTiles);
    rowSplit[column] = split[column];
    numTiles = columnTiles * rowTiles;
    return rowSplit;
  }
  return tiles;
}

/// Half the L2 cache of the machines Kiln is tuned on (512 KB per core on
/// Zen 2 and Zen 3): the largest right-operand slice that a contraction's
/// thread tile re-reads row tile after row tile.
static constexpr int64_t kRightSliceCacheBytes = 256 * 1024;

/// The largest block of a filter panel that a convolution vectorized along
/// output channels reduces at a time (see getOwnTilingConfig): well inside
/// an L1 cache of 48 KB beside the input rows a register tile reads.
static constexpr int64_t kFilterBlockBytes = 32 * 1024;

/// Steps of a product's k loop, or of the input-channel loop of a pointwise
/// convolution along output channels, between the prefetch of an input row
/// and its read (TilingConfig::inputPrefetchSteps): a step is 8-16 FMAs of
/// one register tile (4-8 cycles), so 32 steps are about 150-250 cycles,
/// the latency of a line written by the other core. 16 measured the same,
/// 64 slightly worse (MobileNetV2, EfficientNet-B0).
static constexpr int64_t kInputPrefetchSteps = 32;

/// The register tile along a row of `width` output pixels: two vectors of
/// `lanes`, unless the row (or its remainder after whole tiles) would leave a
/// register tile of more than one and less than two vectors, e.g. 14 or 12
/// pixels with 8 lanes. Such an accumulator (vector<6x14xf32>) is widened and
/// split by the x86 back end across the reduction loop's phis into single
/// elements, spilled and rebuilt with inserts at every step (2-7x slower
/// convolutions in bench/conv_shapes.py). One vector of pixels is used then:
/// every tile, the remainder included, fits one register per channel.
static int64_t getPixelTile(int64_t width, int64_t lanes) {
  int64_t rest = width % (2 * lanes);
  if (width <= lanes || rest == 0 || (width > 2 * lanes && rest <= lanes))
    return std::min(width, 2 * lanes);
  return lanes;
}

/// The tile sizes of `op` by its own kind.
static std::optional<TilingConfig>
getOwnTilingConfig(linalg::LinalgOp op, const TilingHeuristics &heuristics) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0 ||
      !hasTileableMaps(op))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  // An empty loop (a reduction over a dimension of size 0): no work to
  // split, and the tiler cannot slice a tensor of size 0 (it crashed).
  if (llvm::is_contained(ranges, 0))
    return std::nullopt;
  unsigned numLoops = ranges.size();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t lanes = getLanes(op, heuristics.vectorBits);

  TilingConfig config;
  config.vectorTiles.assign(numLoops, 0);
  config.reductionTiles.assign(numLoops, 0);
  // Parallel loops in the order thread tiles split them.
  SmallVector<unsigned> order;
  auto clamp = [&](unsigned d, int64_t size) {
    return std::min(size, ranges[d]);
  };

  FailureOr<linalg::ContractionDimensions> contraction =
      linalg::inferContractionDims(op);
  bool isMatmulLike = linalg::isaContractionOpInterface(op) &&
                      succeeded(contraction) && !contraction->m.empty() &&
                      !contraction->n.empty() && !contraction->k.empty();
  bool isConvLike = !isMatmulLike && op.getNumDpsInputs() == 2 &&
                    linalg::isaConvolutionOpInterface(op);
  // The loops along an image's pixels (or a product's columns), and the
  // batch, for TilingConfig::threadOrder.
  SmallVector<int64_t> pixelLoops, batchLoops;
  // A convolution vectorized along output channels whose thread tiles split
  // the panels: its input-channel loop (the one that blocks of the filter
  // panels split) and the bytes of a panel per input channel.
  std::optional<unsigned> blockLoop;
  int64_t panelBytesPerChannel = 0;
  if (isMatmulLike) {
    // Register tile: heuristics.matmulRows x (2 * lanes) accumulators, one
    // step of k at a time (an outer product per step).
    config.kind = TilingConfig::Kind::Contraction;
    for (unsigned d : contraction->batch) {
      config.vectorTiles[d] = 1;
      order.push_back(d);
      batchLoops.push_back(d);
    }
    llvm::append_range(pixelLoops, contraction->n);
    // Threads split columns before rows: column tiles are multiples of the
    // vector width and usually divide the matrix, and each thread tile then
    // holds whole columns, whose row remainder is static. One vector of
    // columns where two would leave a remainder of more than one vector and
    // less than two (getPixelTile: 49 columns with 16 lanes).
    for (unsigned d : contraction->n) {
      config.vectorTiles[d] =
          d == contraction->n.back() ? getPixelTile(ranges[d], lanes) : 1;
      order.push_back(d);
    }
    for (unsigned d : contraction->m) {
      config.vectorTiles[d] =
          d == contraction->m.back() ? clamp(d, heuristics.matmulRows) : 1;
      order.push_back(d);
    }
    for (unsigned d : contraction->k)
      config.reductionTiles[d] = 1;
    // Each step of k reads a row of the right operand (see the pointwise
    // convolutions below).
    if (contraction->k.size() == 1 &&
        ranges[contraction->k.front()] > kInputPrefetchSteps) {
      config.inputPrefetchLoop = contraction->k.front();
      config.inputPrefetchSteps = kInputPrefetchSteps;
    }
    bool allF32 = llvm::all_of(op->getOperandTypes(), [](Type type) {
      return getElementTypeOrSelf(type).isF32();
    });
    if (allF32)
      config.partialSumLanes = lanes;
  } else if (isConvLike) {
    // Loops of a convolution or pooling, told apart by how they index the
    // input (operand 0) and the filter or window (operand 1).
    config.kind = TilingConfig::Kind::Convolution;
    AffineMap input = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
    AffineMap filter = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
    SmallVector<unsigned> plain, image, channels, window, inputChannels;
    bool panelsFirst = false;
    for (unsigned d = 0; d < numLoops; ++d) {
      bool inInput = input.isFunctionOfDim(d);
      bool inFilter = filter.isFunctionOfDim(d);
      bool sliding = inInput && !appearsPlain(input, d);
      if (linalg::isParallelIterator(iterators[d])) {
        if (sliding)
          image.push_back(d);
        else if (!inInput && inFilter)
          channels.push_back(d);
        else
          plain.push_back(d);
      } else {
        (sliding ? window : inputChannels).push_back(d);
      }
    }
    // One tap of the window per step of the reduction loops, so that the
    // tile is a matrix multiplication of a tile of channels by a row of
    // output pixels (see kiln::rewriteUnitWindowOp): matmulRows channels x 2
    // vectors of pixels of accumulators, like a matmul (one vector for some
    // row widths, see getPixelTile). The first plain loop is the batch;
    // others are the channels of a depthwise convolution or a pooling, or
    // the groups of a grouped convolution, whose output channels take the
    // matmulRows instead (6 groups x 6 channels x 2 rows of pixels were 36
    // registers of accumulators: spilled, and 19K ops per task).
    for (unsigned d : plain)
      config.vectorTiles[d] = d == plain.front() || !channels.empty()
                                  ? 1
                                  : clamp(d, heuristics.matmulRows);
    for (unsigned d : channels)
      config.vectorTiles[d] = clamp(d, heuristics.matmulRows);
    for (unsigned d : image)
      config.vectorTiles[d] =
          d == image.back() ? getPixelTile(ranges[d], lanes) : 1;
    // A convolution whose pixel tile is one vector (rows of 7, 14 or 28)
    // takes two output rows per tile: each broadcast of a weight then feeds
    // two FMAs, as in a tile of two vectors (3x3 convolutions at 14x14 and
    // 7x7: 10-20 % faster). Not with a strided row: its reads are
    // shuffles, and two rows of them spill.
    if (!channels.empty() && image.size() >= 2 &&
        config.vectorTiles[image.back()] <= lanes &&
        hasUnitCoefficient(input, image.back()))
      config.vectorTiles[image[image.size() - 2]] =
          clamp(image[image.size() - 2], 2);
    for (unsigned d : window)
      config.reductionTiles[d] = 1;
    for (unsigned d : inputChannels)
      config.reductionTiles[d] = 1;
    // A convolution whose innermost loop is an output channel (the panels of
    // kiln-conv-channel-vectors): vectors along 2L output channels, one per
    // input value broadcast to them, for a few pixels of one output row.
    if (!channels.empty() && !image.empty() && channels.back() > image.back()) {
      for (unsigned d : plain)
        config.vectorTiles[d] = 1;
      for (unsigned d : channels)
        config.vectorTiles[d] =
            d == channels.back() ? clamp(d, 2 * lanes) : 1;
      for (unsigned d : image) {
        int64_t pixels =
            kiln::getChannelVectorPixelTile(ranges[d], heuristics.vectorBits);
        config.vectorTiles[d] =
            d != image.back() ? 1 : clamp(d, pixels ? pixels : 4);
      }
      config.rolledLoops.assign(window.begin(), window.end());
      // Thread tiles split the rows, each reading every panel, or the
      // panels, each reading the whole input (which then is padded once,
      // not in the tiles): whichever re-reads fewer bytes. 3x3 256 -> 256 at
      // 14x14 (2.4 MB of panels, a 262 KB input) took 0.82-0.95x the time
      // split by panels inside ResNet-50, on 1 and 2 threads; the stride-2
      // 128 -> 128 from 56x56 (590 KB of panels, 1.7 MB of input) 1.23x.
      auto bytes = [](Value value) {
        auto type = cast<ShapedType>(value.getType());
        return type.getNumElements() *
               std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
      };
      panelsFirst = bytes(op.getDpsInputOperand(1)->get()) >=
                    2 * bytes(op.getDpsInputOperand(0)->get());
      int64_t taps = 1;
      for (unsigned d : window)
        taps *= ranges[d];
      // A pointwise one reads, at each step of its input channels, a few
      // pixels of another input row: rows a channel apart, hundreds of
      // streams that the hardware prefetchers do not follow. When the
      // previous kernel wrote that input on the other core (its thread
      // tiles split channels, these split pixels: the projections after
      // depthwise convolutions, ResNet-50's 1x1 1024 -> 256), every line is
      // a miss to that core at a latency that the FMAs of a step do not
      // cover; each step prefetches the row that a later one reads.
      if (taps == 1 && inputChannels.size() == 1 &&
          ranges[inputChannels.front()] > kInputPrefetchSteps) {
        config.inputPrefetchLoop = inputChannels.front();
        config.inputPrefetchSteps = kInputPrefetchSteps;
      }
      // (rewriteForBlocks takes f32 generics with one result.)
      if (panelsFirst && inputChannels.size() == 1 &&
          isa<linalg::GenericOp>(op.getOperation()) &&
          op.getNumDpsInits() == 1 &&
          getElementTypeOrSelf(op.getDpsInits()[0].getType()).isF32()) {
        blockLoop = inputChannels.front();
        panelBytesPerChannel =
            taps * 2 * lanes *
            std::max<int64_t>(1, heuristics.vectorBits / 8 / lanes);
      }
    }
    // A depthwise convolution or a pooling has no reduction but its window:
    // its register tile is one channel, several output rows x the pixel
    // tile, and covers the whole window (kiln::vectorizeChannelWindowTile
    // keeps the accumulators in registers across all taps and reads each
    // input row once per column shift, instead of once per tap and output
    // row).
    if (isChannelWindowOp(op) && image.size() == 2) {
      for (unsigned d : plain)
        config.vectorTiles[d] = 1;
      int64_t pixels = config.vectorTiles[image.back()];
      int64_t vectorsPerRow = llvm::divideCeil(pixels, lanes);
      config.vectorTiles[image.front()] = clamp(
          image.front(),
          std::max<int64_t>(1, (heuristics.matmulRows + 2) / vectorsPerRow));
      for (unsigned d : window)
        config.reductionTiles[d] = 0;
    }
    if (!plain.empty())
      batchLoops.push_back(plain.front());
    llvm::append_range(pixelLoops, image);
    // Threads split images (batch, then rows), then channels; or the
    // channels first (panelsFirst above).
    llvm::append_range(order, plain);
    if (panelsFirst)
      llvm::append_range(order, channels);
    if (!image.empty())
      order.append(image.begin(), image.end() - 1);
    if (!panelsFirst)
      llvm::append_range(order, channels);
    if (!image.empty())
      order.push_back(image.back());
  } else {
    // Elementwise ops and reductions: vectors along the innermost loop.
    config.kind = op.getNumReductionLoops() == 0
                      ? TilingConfig::Kind::Elementwise
                      : TilingConfig::Kind::Reduction;
    unsigned last = numLoops - 1;
    for (unsigned d = 0; d < numLoops; ++d) {
      bool parallel = linalg::isParallelIterator(iterators[d]);
      if (parallel)
        order.push_back(d);
      int64_t size = d == last ? clamp(d, 4 * lanes) : 1;
      (parallel ? config.vectorTiles : config.reductionTiles)[d] = size;
    }
    // A transpose (an input whose innermost dimension another loop than
    // the innermost one walks): square tiles of L x L, read along the
    // input's rows and transposed in registers, instead of L elements
    // gathered one by one from rows apart for every vector written.
    if (config.kind == TilingConfig::Kind::Elementwise) {
      for (OpOperand *input : op.getDpsInputOperands()) {
        AffineMap map = op.getMatchingIndexingMap(input);
        if (map.getNumResults() == 0 || !map.isPermutation())
          continue;
        unsigned inner =
            cast<AffineDimExpr>(map.getResults().back()).getPosition();
        if (inner != last && ranges[inner] >= lanes && ranges[last] >= lanes) {
          config.vectorTiles[last] = lanes;
          config.vectorTiles[inner] = lanes;
          break;
        }
      }
    }
  }

  // Thread tiles for kernels with enough work. An iteration point of a
  // contraction or convolution is one multiply-add, 1/16 of a cycle at the
  // FMA peak of an AVX2 core; one of an elementwise kernel or a reduction
  // moves 4-12 bytes through memory, about 8 times as long.
  int64_t work = 1;
  for (int64_t range : ranges)
    work *= range;
  if (config.kind == TilingConfig::Kind::Elementwise ||
      config.kind == TilingConfig::Kind::Reduction)
    work *= 8;
  if (work >= heuristics.minParallelWork) {
    int64_t numTiles;
    SmallVector<int64_t> tiles =
        isMatmulLike
            ? chooseContractionThreadTiles(ranges, config.vectorTiles,
                                           *contraction, order, heuristics,
                                           lanes, numTiles)
            : chooseThreadTiles(ranges, config.vectorTiles, order,
                                heuristics.parallelTiles, lanes, numTiles);
    if (numTiles > 1)
      config.threadTiles = std::move(tiles);
  }
  // The forall's dimensions: the batch, then pixels or columns, then the
  // rest in loop order (see TilingConfig::threadOrder).
  if (!config.threadTiles.empty() && !pixelLoops.empty()) {
    config.threadOrder = batchLoops;
    llvm::append_range(config.threadOrder, pixelLoops);
    for (int64_t d = 0; d < numLoops; ++d)
      if (!llvm::is_contained(batchLoops, d) &&
          !llvm::is_contained(pixelLoops, d))
        config.threadOrder.push_back(d);
  }
  // A contraction's register tiles walk the columns inside the rows: a row
  // tile of the left operand (R x k) stays in L1 while the thread's slice of
  // the right operand (k x its columns) streams past it once per R rows.
  // When that slice is larger than half an L2 cache (256 KB), it comes from
  // L3 every time: the rows are then walked inside the columns instead, so
  // that each column panel (k x 2L) serves all row tiles in turn and the
  // left operand's rows (R per step of k, a quarter of the bytes) stream.
  // A 1x1 convolution 1024 -> 256 at 14x14 read its 800 KB input three times
  // per thread tile (1 thread, Zen 3: 1.8-2.8 -> 1.5-2.1 ms).
  if (isMatmulLike) {
    int64_t depth = 1, columns = 1;
    for (unsigned d : contraction->k)
      depth *= ranges[d];
    for (unsigned d : contraction->n)
      columns *= config.threadTiles.empty() || config.threadTiles[d] == 0
                     ? ranges[d]
                     : config.threadTiles[d];
    int64_t bytes = depth * columns *
                    std::max<int64_t>(1, heuristics.vectorBits / 8 / lanes);
    if (bytes > kRightSliceCacheBytes) {
      for (unsigned d = 0; d < numLoops; ++d)
        if (!llvm::is_contained(contraction->m, d) &&
            linalg::isParallelIterator(iterators[d]))
          config.vectorOrder.push_back(d);
      llvm::append_range(config.vectorOrder, contraction->m);
      for (unsigned d = 0; d < numLoops; ++d)
        if (!linalg::isParallelIterator(iterators[d]))
          config.vectorOrder.push_back(d);
    }
  }
  // A tile as large as its loop is no tile.
  for (unsigned d = 0; d < numLoops; ++d) {
    if (config.vectorTiles[d] >= ranges[d])
      config.vectorTiles[d] = 0;
    if (config.reductionTiles[d] >= ranges[d])
      config.reductionTiles[d] = 0;
  }
  // A convolution along output channels whose thread tiles split the filter
  // panels (panelsFirst: each panel is read by one thread tile, once per
  // register tile of pixels) takes the first of those reads from memory, as
  // the filter of a layer inside a network is not in the cache: 128 bytes of
  // panel per 7 cycles of FMAs on AVX-512 (a tile of 7 pixels), about 55
  // GB/s, while a core streams 30 GB/s from L3 and 16 from DRAM (2026-11
  // Xeon). The first tile stalls on memory, the others find the panel in the
  // cache (3x3 512 -> 512 at 7x7: 1.18-1.22 ms inside ResNet-50, 0.82
  // alone). Reduced in blocks of input channels, with the next block
  // prefetched while the register tiles of this one compute
  // (kiln-prefetch-blocks), memory is read at the rate of all the tiles
  // together: 0.98-1.04 ms inside ResNet-50. Where threads split the rows,
  // every thread tile reads all panels and only the first finds them out of
  // the cache; blocks there measured 2-4 % slower (3x3 at 28x28).
  if (blockLoop && ranges[*blockLoop] > 1) {
    int64_t passes = 1;
    for (int64_t d : pixelLoops) {
      int64_t extent = config.threadTiles.empty() || !config.threadTiles[d]
                           ? ranges[d]
                           : config.threadTiles[d];
      int64_t tile = config.vectorTiles[d] ? config.vectorTiles[d] : extent;
      passes *= llvm::divideCeil(extent, tile);
    }
    int64_t channels = ranges[*blockLoop];
    int64_t block = 0;
    for (int64_t size = channels / 2; size >= 2 && !block; --size)
      if (channels % size == 0 &&
          size * panelBytesPerChannel <= kFilterBlockBytes)
        block = size;
    if (passes >= 2 && block &&
        channels * panelBytesPerChannel > 2 * kFilterBlockBytes) {
      config.blockTiles.assign(numLoops, 0);
      config.blockTiles[*blockLoop] = block;
      config.blockVectorTiles = config.vectorTiles;
    }
  }
  return config;
}

/// The matmul-like or convolution op that produces an operand of the
/// elementwise op `op`, is used by nothing else, and whose result `op` reads
/// elementwise (identity map, same shape): the producer whose tiles `op`
/// takes so that it is computed inside them (a bias or an activation after a
/// convolution then costs no pass over memory). Null when there is none.
static linalg::LinalgOp getHeavyProducer(linalg::LinalgOp op,
                                         const TilingHeuristics &heuristics) {
  if (op.getNumReductionLoops() != 0 || !op.hasPureTensorSemantics())
    return {};
  for (OpOperand *operand : op.getDpsInputOperands()) {
    auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
    if (!producer || producer->getNumResults() != 1 ||
        !producer->getResult(0).hasOneUse() ||
        !producer.hasPureTensorSemantics() ||
        !op.getMatchingIndexingMap(operand).isIdentity() ||
        !producer.getIndexingMapMatchingResult(producer->getResult(0))
             .isProjectedPermutation())
      continue;
    std::optional<TilingConfig> config =
        getOwnTilingConfig(producer, heuristics);
    if (config && (config->kind == TilingConfig::Kind::Contraction ||
                   config->kind == TilingConfig::Kind::Convolution))
      return producer;
  }
  return {};
}

std::optional<TilingConfig>
mlir::kiln::getTilingConfig(linalg::LinalgOp op,
                            const TilingHeuristics &heuristics) {
  std::optional<TilingConfig> own = getOwnTilingConfig(op, heuristics);
  linalg::LinalgOp producer = getHeavyProducer(op, heuristics);
  if (!own || !producer)
    return own;
  // The producer's parallel tiles, indexed by the loops of `op` (loop d of
  // `op` is dimension d of the producer's result).
  std::optional<TilingConfig> config = getOwnTilingConfig(producer, heuristics);
  AffineMap result =
      producer.getIndexingMapMatchingResult(producer->getResult(0));
  auto mapTiles = [&](ArrayRef<int64_t> tiles) {
    SmallVector<int64_t> mapped;
    for (unsigned d = 0; d < result.getNumResults(); ++d)
      mapped.push_back(tiles[result.getDimPosition(d)]);
    return mapped;
  };
  config->vectorTiles = mapTiles(config->vectorTiles);
  // The loops of `op` in the order of the producer's loops they map to.
  auto mapOrder = [&](SmallVector<int64_t> &producerOrder) {
    if (producerOrder.empty())
      return;
    SmallVector<int64_t> rank(producer.getNumLoops());
    for (auto [i, d] : llvm::enumerate(producerOrder))
      rank[d] = i;
    SmallVector<int64_t> order =
        llvm::to_vector(llvm::seq<int64_t>(0, result.getNumResults()));
    llvm::stable_sort(order, [&](int64_t a, int64_t b) {
      return rank[result.getDimPosition(a)] < rank[result.getDimPosition(b)];
    });
    producerOrder = std::move(order);
  };
  mapOrder(config->vectorOrder);
  mapOrder(config->threadOrder);
  if (!config->threadTiles.empty())
    config->threadTiles = mapTiles(config->threadTiles);
  config->producer = producer;
  return config;
}

//===----------------------------------------------------------------------===//
// Tiling and fusion
//===----------------------------------------------------------------------===//

/// Whether `op` is cheap enough to recompute inside the tiles of its
/// consumer: fills, pads (when `pads`), and linalg ops without reductions.
static bool isFusable(Operation *op, bool pads) {
  if (isa<linalg::FillOp>(op))
    return true;
  if (isa<tensor::PadOp>(op))
    return pads;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.hasPureTensorSemantics() &&
         linalgOp.getNumReductionLoops() == 0 && hasTileableMaps(linalgOp) &&
         isa<TilingInterface>(op);
}

/// The producers to fuse into the tiles of `root` when its loops are tiled
/// with `tiles`: fusable producers whose every use is in the group, reached
/// through operands that every tiled loop indexes (so no two tiles compute
/// the same slice of the producer, halos aside), and, behind them, the
/// producers of elementwise ops through permutation maps.
static llvm::SmallDenseSet<Operation *> getFusionGroup(linalg::LinalgOp root,
                                                       ArrayRef<int64_t> tiles,
                                                       bool pads,
                                                       linalg::LinalgOp heavy) {
  llvm::SmallDenseSet<Operation *> group;
  group.insert(root);
  SmallVector<std::pair<Operation *, OpOperand *>> worklist;
  // Tiles whose pad would be fused with amounts that depend on the tile: the
  // input of a depthwise convolution or pooling whose rows or columns are
  // tiled. Left whole, its amounts stay static and the op's register tiles
  // read the unpadded input in place (kiln::vectorizeChannelWindowTile), so
  // the pad is never materialized.
  llvm::SmallDenseSet<OpOperand *> unfusedPads;
  auto addCovering = [&](linalg::LinalgOp op, ArrayRef<int64_t> opTiles) {
    if (isChannelWindowOp(op)) {
      OpOperand *input = op.getDpsInputOperand(0);
      AffineMap map = op.getMatchingIndexingMap(input);
      for (auto [d, tile] : llvm::enumerate(opTiles))
        if (tile != 0 && (map.getResult(2).isFunctionOfDim(d) ||
                          map.getResult(3).isFunctionOfDim(d)))
          unfusedPads.insert(input);
    }
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      bool covers = llvm::all_of(llvm::enumerate(opTiles), [&](auto tile) {
        return tile.value() == 0 || map.isFunctionOfDim(tile.index());
      });
      if (covers)
        worklist.push_back({op, &operand});
    }
  };
  addCovering(root, tiles);
  if (heavy) {
    // The heavy producer is tiled like the result it gives `root`; its
    // reduction loops are whole.
    group.insert(heavy);
    AffineMap result = heavy.getIndexingMapMatchingResult(heavy->getResult(0));
    SmallVector<int64_t> heavyTiles(heavy.getNumLoops(), 0);
    for (unsigned d = 0; d < result.getNumResults(); ++d)
      heavyTiles[result.getDimPosition(d)] = tiles[d];
    addCovering(heavy, heavyTiles);
  }
  while (!worklist.empty()) {
    auto [consumer, operand] = worklist.pop_back_val();
    Operation *producer = operand->get().getDefiningOp();
    if (!producer || group.contains(producer) || !isFusable(producer, pads) ||
        (isa<tensor::PadOp>(producer) && unfusedPads.contains(operand)))
      continue;
    bool used = llvm::all_of(producer->getUsers(), [&](Operation *user) {
      return group.contains(user);
    });
    if (!used)
      continue;
    group.insert(producer);
    auto linalgProducer = dyn_cast<linalg::LinalgOp>(producer);
    if (!linalgProducer)
      continue;
    for (OpOperand &next : producer->getOpOperands())
      if (linalgProducer.getMatchingIndexingMap(&next).isPermutation())
        worklist.push_back({producer, &next});
  }
  return group;
}

/// Replaces the results of `op` by `replacements` and erases `op` and the
/// members of `group` that are left without uses.
static void replaceAndErase(RewriterBase &rewriter, Operation *op,
                            ValueRange replacements,
                            const llvm::SmallDenseSet<Operation *> &group) {
  SmallVector<Operation *> members;
  for (Operation *member : group)
    if (member != op)
      members.push_back(member);
  rewriter.replaceOp(op, replacements);
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation *&member : members) {
      if (!member || !member->use_empty())
        continue;
      rewriter.eraseOp(member);
      member = nullptr;
      changed = true;
    }
  }
}

/// Tiles `op` with `tiles` using loops of `loopType`, fusing the producers of
/// its fusion group when `fuse`. Pads are only fused into thread tiles:
/// those have static sizes, while the sizes of a pad fused into a register
/// tile stay dynamic after peeling. Returns the tiled op, or `op` itself when
/// no loop is tiled.
static FailureOr<Operation *>
tileLevel(RewriterBase &rewriter, linalg::LinalgOp op, ArrayRef<int64_t> tiles,
          scf::SCFTilingOptions::LoopType loopType, bool fuse,
          SmallVectorImpl<LoopLikeOpInterface> &loops,
          linalg::LinalgOp *heavy = nullptr, ArrayRef<int64_t> order = {}) {
  if (llvm::all_of(tiles, [](int64_t t) { return t == 0; }))
    return op.getOperation();
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), tiles));
  if (!order.empty())
    tiling.setInterchange(order);
  tiling.setLoopType(loopType);
  rewriter.setInsertionPoint(op);
  if (!fuse) {
    FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), tiling);
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, result->replacements);
    loops.append(result->loops.begin(), result->loops.end());
    return result->tiledOps.back();
  }
  llvm::SmallDenseSet<Operation *> group = getFusionGroup(
      op, tiles, /*pads=*/loopType == scf::SCFTilingOptions::LoopType::ForallOp,
      heavy ? *heavy : linalg::LinalgOp());
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!group.contains(producer.getOwner()))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(result))
    return failure();
  SmallVector<Value> replacements;
  for (Value value : op->getResults())
    replacements.push_back(result->replacements.lookup(value));
  Operation *tiled = result->tiledAndFusedOps.front();
  if (heavy && *heavy) {
    // The tiled copy of the heavy producer: the fused op of its name with
    // as many reduction loops.
    linalg::LinalgOp tiledHeavy;
    for (Operation *fused : result->tiledAndFusedOps) {
      auto linalgOp = dyn_cast<linalg::LinalgOp>(fused);
      if (fused != tiled && linalgOp &&
          fused->getName() == (*heavy)->getName() &&
          linalgOp.getNumReductionLoops() == heavy->getNumReductionLoops())
        tiledHeavy = linalgOp;
    }
    if (!tiledHeavy)
      return failure();
    *heavy = tiledHeavy;
  }
  replaceAndErase(rewriter, op, replacements, group);
  loops.append(result->loops.begin(), result->loops.end());
  return tiled;
}

/// The k loop that the register tile `op` of a contraction configured by
/// `config` reduces in partial sums of `config.partialSumLanes` (see
/// tileReductionLoops), or nullopt for one step of k at a time.
static std::optional<unsigned>
getPartialSumLoop(linalg::LinalgOp op, const TilingConfig &config) {
  int64_t lanes = config.partialSumLanes;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (lanes <= 0 || failed(dims) || dims->k.size() != 1 || dims->n.empty())
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (unsigned d : dims->n)
    if (ranges[d] != 1)
      return std::nullopt;
  int64_t depth = ranges[dims->k.front()];
  if (ShapedType::isDynamic(depth) || depth % lanes != 0 || depth < 2 * lanes)
    return std::nullopt;
  return dims->k.front();
}

/// `op` with the sizes that peeling made constant in the types of its
/// operands and results (they are values until a canonicalization folds
/// them), its results cast back for their users.
static linalg::LinalgOp castToStaticShapes(RewriterBase &rewriter,
                                           linalg::LinalgOp op) {
  bool changed = false;
  SmallVector<Value> operands;
  rewriter.setInsertionPoint(op);
  for (OpOperand &operand : op->getOpOperands()) {
    Value value = operand.get();
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || type.hasStaticShape()) {
      operands.push_back(value);
      continue;
    }
    SmallVector<int64_t> shape(type.getShape());
    for (auto [i, size] : llvm::enumerate(shape)) {
      if (!ShapedType::isDynamic(size))
        continue;
      FailureOr<int64_t> bound = ValueBoundsConstraintSet::computeConstantBound(
          presburger::BoundType::EQ, {value, static_cast<int64_t>(i)});
      if (succeeded(bound))
        size = *bound;
    }
    auto staticType = RankedTensorType::get(shape, type.getElementType());
    if (staticType != type) {
      value = tensor::CastOp::create(rewriter, op.getLoc(), staticType, value);
      changed = true;
    }
    operands.push_back(value);
  }
  if (!changed)
    return op;
  SmallVector<Type> resultTypes;
  for (Value init : ValueRange(operands).take_back(op.getNumDpsInits()))
    resultTypes.push_back(init.getType());
  Operation *copy = mlir::clone(rewriter, op, resultTypes, operands);
  SmallVector<Value> results;
  for (auto [result, old] : llvm::zip(copy->getResults(), op->getResults()))
    results.push_back(result.getType() == old.getType()
                          ? Value(result)
                          : tensor::CastOp::create(rewriter, op.getLoc(),
                                                   old.getType(), result)
                                .getResult());
  rewriter.replaceOp(op, results);
  return cast<linalg::LinalgOp>(copy);
}

/// Tiles the reduction loops of `op`, a register tile of the op `config`
/// describes. A contraction tile of one column (the last pixel of a thread
/// tile of 49 pixels, 3 x 16 + 1) would take one scalar FMA per row and step
/// of k, 6 chains of dependent FMAs that run at 3/4 of the rate of a full
/// tile's 12 vector FMAs: about 2/3 of the time of a 16-column tile for 1/16
/// of its work. Reduced in vectors of partial sums along k instead (`lanes`
/// values of k per step: a vector of each row of the left operand, one
/// gathered column of the right one), it takes 1/8 of those FMAs, and the
/// partial sums are added up once after the loop.
static FailureOr<Operation *>
tileReductionLoops(RewriterBase &rewriter, linalg::LinalgOp op,
                   const TilingConfig &config,
                   SmallVectorImpl<LoopLikeOpInterface> &loops) {
  op = castToStaticShapes(rewriter, op);
  std::optional<unsigned> k = getPartialSumLoop(op, config);
  auto partial = dyn_cast<PartialReductionOpInterface>(op.getOperation());
  if (!k || !partial)
    return tileLevel(rewriter, op, config.reductionTiles,
                     scf::SCFTilingOptions::LoopType::ForOp, /*fuse=*/false,
                     loops);
  SmallVector<OpFoldResult> sizes(op.getNumLoops(), rewriter.getIndexAttr(0));
  sizes[*k] = rewriter.getIndexAttr(config.partialSumLanes);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result =
      scf::tileReductionUsingScf(rewriter, partial, sizes);
  if (failed(result))
    return failure();
  rewriter.replaceOp(op, result->replacements);
  loops.append(result->loops.begin(), result->loops.end());
  return result->tiledOps.front();
}

/// Peels every loop marked for peeling under `root` (and the copies peeling
/// makes), so that all but the last iteration of each have static tile
/// sizes.
static void peelMarkedLoops(RewriterBase &rewriter, Operation *root) {
  while (true) {
    SmallVector<scf::ForOp> marked;
    root->walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kPeelAttrName))
        marked.push_back(loop);
    });
    if (marked.empty())
      return;
    for (scf::ForOp loop : marked) {
      loop->removeAttr(kPeelAttrName);
      scf::ForOp remainder;
      if (succeeded(
              scf::peelForLoopAndSimplifyBounds(rewriter, loop, remainder)) &&
          remainder)
        remainder->removeAttr(kPeelAttrName);
    }
  }
}

/// `<op>_<shape>`: the name of `op` without its dialect and the shape of
/// `root`'s first result, e.g. `conv_2d_nchw_fchw_1x256x14x14`.
static std::string getKernelName(Operation *op, Operation *root) {
  // A name its maker gave the op (kiln-winograd-convs' products).
  if (auto given = op->getAttrOfType<StringAttr>(kKernelNameAttrName))
    return given.str();
  std::string name = op->getName().stripDialect().str();
  if (root->getNumResults() > 0)
    if (auto type = dyn_cast<ShapedType>(root->getResult(0).getType()))
      for (auto [i, size] : llvm::enumerate(type.getShape()))
        name += (i ? "x" : "_") + std::to_string(size);
  return name;
}

/// Keeps the rolled loops of `config` (the innermost reduction loops: the
/// last of `loops`) loops in the machine code.
static void annotateRolledLoops(RewriterBase &rewriter,
                                const TilingConfig &config,
                                ArrayRef<LoopLikeOpInterface> loops) {
  size_t rolled = llvm::count_if(config.rolledLoops, [&](unsigned d) {
    return config.reductionTiles[d] != 0;
  });
  if (rolled == 0 || rolled > loops.size())
    return;
  MLIRContext *context = rewriter.getContext();
  auto unroll = LLVM::LoopUnrollAttr::get(
      context, /*disable=*/rewriter.getBoolAttr(true), /*count=*/{},
      /*runtimeDisable=*/{}, /*full=*/{}, {}, {}, {});
  auto annotation = LLVM::LoopAnnotationAttr::get(
      context, /*disableNonforced=*/{}, /*vectorize=*/{}, /*interleave=*/{},
      unroll, {}, {}, {}, {}, {}, {}, /*mustProgress=*/{},
      /*isVectorized=*/{}, /*startLoc=*/{}, /*endLoc=*/{},
      /*parallelAccesses=*/{});
  // scf-to-cf puts it on the loop's back edge (kiln-llvm-loop-annotations
  // makes it the branch's metadata).
  for (LoopLikeOpInterface loop :
       llvm::drop_begin(loops, loops.size() - rolled))
    loop->setAttr("llvm.loop_annotation", annotation);
}

/// Sets `attrName` = `value` on the loop of reduction dimension `dim` among
/// `loops`, those of one reduction level (made in the order of the
/// dimensions with a reduction tile); nothing when `dim` has no tile.
static void markReductionLoop(RewriterBase &rewriter,
                              const TilingConfig &config,
                              ArrayRef<LoopLikeOpInterface> loops,
                              unsigned dim, StringRef attrName,
                              int64_t value) {
  if (config.reductionTiles[dim] == 0)
    return;
  size_t position = llvm::count_if(
      ArrayRef(config.reductionTiles).take_front(dim),
      [](int64_t tile) { return tile != 0; });
  if (position < loops.size())
    loops[position]->setAttr(attrName, rewriter.getI64IntegerAttr(value));
}

/// A convolution's thread tile that reduces in blocks, with its results
/// (see rewriteForBlocks).
struct BlockedConv {
  /// The fill of the scratch accumulator, the convolution into it, and the
  /// elementwise op that adds it (transposed) to the initial value.
  linalg::LinalgOp fill, conv, combine;
};

/// Rewrites `conv`, the thread tile of a convolution vectorized along output
/// channels, to accumulate into a zero-filled scratch tensor whose innermost
/// dimension is the panel's output channels, followed by an elementwise op
/// that adds it to `conv`'s initial value (a bias) in `conv`'s layout. A
/// register tile of the convolution then reads and writes its accumulators
/// once per block as whole vectors; in `conv`'s NCHW layout, each was a
/// transposition (200-600 cycles a time: blocks of a 3x3 512 -> 512
/// convolution at 7x7 took 1.2-1.7x the time of no blocks). The transposed
/// write happens once, in the elementwise op.
static FailureOr<BlockedConv> rewriteForBlocks(RewriterBase &rewriter,
                                               linalg::LinalgOp conv) {
  auto generic = dyn_cast<linalg::GenericOp>(conv.getOperation());
  if (!generic || conv.getNumDpsInputs() != 2 || conv.getNumDpsInits() != 1)
    return failure();
  OpOperand *init = conv.getDpsInitOperand(0);
  auto initType = dyn_cast<RankedTensorType>(init->get().getType());
  AffineMap filter = conv.getMatchingIndexingMap(conv.getDpsInputOperand(1));
  AffineMap output = conv.getMatchingIndexingMap(init);
  if (!initType || !initType.hasStaticShape() ||
      !initType.getElementType().isF32() || filter.getNumResults() == 0 ||
      !output.isProjectedPermutation())
    return failure();
  unsigned panel = filter.getDimPosition(filter.getNumResults() - 1);
  std::optional<unsigned> position =
      output.getResultPosition(getAffineDimExpr(panel, rewriter.getContext()));
  if (!position)
    return failure();
  // The scratch's dimensions: the output's, the panel's channels last.
  SmallVector<int64_t> order;
  for (unsigned i = 0, e = output.getNumResults(); i < e; ++i)
    if (i != *position)
      order.push_back(i);
  order.push_back(*position);
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> results;
  for (int64_t i : order) {
    shape.push_back(initType.getDimSize(i));
    results.push_back(output.getResult(i));
  }
  Location loc = conv.getLoc();
  MLIRContext *context = rewriter.getContext();
  rewriter.setInsertionPoint(conv);
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, shape, initType.getElementType());
  Value zero =
      arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0.0f));
  auto fill = linalg::FillOp::create(rewriter, loc, zero, empty);
  SmallVector<AffineMap> maps = conv.getIndexingMapsArray();
  maps.back() = AffineMap::get(output.getNumDims(), 0, results, context);
  auto blocked = linalg::GenericOp::create(
      rewriter, loc, TypeRange{fill.getResult(0).getType()},
      conv.getDpsInputs(), ValueRange{fill.getResult(0)}, maps,
      generic.getIteratorTypesArray());
  rewriter.cloneRegionBefore(generic.getRegion(), blocked.getRegion(),
                             blocked.getRegion().begin());
  // initial value + scratch, in the initial value's layout: the scratch is
  // read through the inverse of `order`.
  SmallVector<AffineExpr> scratchResults;
  for (int64_t i : order)
    scratchResults.push_back(getAffineDimExpr(i, context));
  unsigned rank = initType.getRank();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  auto combine = linalg::GenericOp::create(
      rewriter, loc, TypeRange{initType}, ValueRange{blocked.getResult(0)},
      ValueRange{init->get()},
      SmallVector<AffineMap>{AffineMap::get(rank, 0, scratchResults, context),
                             identity},
      parallel, [](OpBuilder &b, Location nested, ValueRange args) {
        Value sum = arith::AddFOp::create(b, nested, args[1], args[0]);
        linalg::YieldOp::create(b, nested, sum);
      });
  rewriter.replaceOp(conv, combine.getResults());
  return BlockedConv{cast<linalg::LinalgOp>(fill.getOperation()),
                     cast<linalg::LinalgOp>(blocked.getOperation()),
                     cast<linalg::LinalgOp>(combine.getOperation())};
}

/// The levels below the thread tile of a convolution reduced in blocks
/// (TilingConfig::blockTiles): `conv` (the thread tile of the convolution,
/// fused into that of `epilogue` when that is set) accumulates into a
/// scratch tile (rewriteForBlocks), tiled by blocks of its reduction, each
/// block by register tiles and those by their reduction loops; the scratch's
/// fill before, and after the blocks `epilogue` (or, without one, the op
/// that adds the scratch to the initial value), with the cheap ops before it
/// fused, by register tiles of the convolution's result. Returns the
/// register tile of the convolution.
static FailureOr<Operation *> tileInBlocks(RewriterBase &rewriter,
                                           linalg::LinalgOp conv,
                                           linalg::LinalgOp epilogue,
                                           const TilingConfig &config) {
  using LoopType = scf::SCFTilingOptions::LoopType;
  AffineMap result = conv.getIndexingMapMatchingResult(conv->getResult(0));
  Operation *parent = conv->getParentOp();
  FailureOr<BlockedConv> blocked = rewriteForBlocks(rewriter, conv);
  if (failed(blocked))
    return failure();
  AffineMap scratch =
      blocked->conv.getIndexingMapMatchingResult(blocked->conv->getResult(0));
  SmallVector<LoopLikeOpInterface> blockLoops, registerLoops, reductionLoops;
  FailureOr<Operation *> tiled =
      tileLevel(rewriter, blocked->conv, config.blockTiles, LoopType::ForOp,
                /*fuse=*/false, blockLoops);
  if (succeeded(tiled))
    tiled = tileLevel(rewriter, cast<linalg::LinalgOp>(*tiled),
                      config.blockVectorTiles, LoopType::ForOp, /*fuse=*/false,
                      registerLoops);
  if (succeeded(tiled))
    tiled = tileLevel(rewriter, cast<linalg::LinalgOp>(*tiled),
                      config.reductionTiles, LoopType::ForOp, /*fuse=*/false,
                      reductionLoops);
  if (failed(tiled))
    return failure();
  annotateRolledLoops(rewriter, config, reductionLoops);
  // The loop over the input channels of a block prefetches the next block
  // (kiln-prefetch-blocks).
  unsigned blockLoop = 0;
  for (auto [d, tile] : llvm::enumerate(config.blockTiles))
    if (tile != 0)
      blockLoop = d;
  markReductionLoop(rewriter, config, reductionLoops, blockLoop,
                    kPrefetchAheadAttrName, config.blockTiles[blockLoop]);
  SmallVector<LoopLikeOpInterface> loops(registerLoops);
  llvm::append_range(loops, reductionLoops);
  // The fill and the epilogue take the register tiles of the convolution's
  // result (the fill's in its order).
  SmallVector<int64_t> resultTiles, scratchTiles;
  for (unsigned d = 0; d < result.getNumResults(); ++d) {
    resultTiles.push_back(config.blockVectorTiles[result.getDimPosition(d)]);
    scratchTiles.push_back(config.blockVectorTiles[scratch.getDimPosition(d)]);
  }
  if (failed(tileLevel(rewriter, blocked->fill, scratchTiles, LoopType::ForOp,
                       /*fuse=*/false, loops)) ||
      failed(tileLevel(rewriter, epilogue ? epilogue : blocked->combine,
                       resultTiles, LoopType::ForOp, /*fuse=*/true, loops)))
    return failure();
  for (LoopLikeOpInterface loop : loops)
    loop->setAttr(kPeelAttrName, rewriter.getUnitAttr());
  peelMarkedLoops(rewriter, parent);
  return *tiled;
}

/// Marks, among `loops` (those of one reduction level, in the order of the
/// dimensions they tile), the loop of TilingConfig::inputPrefetchLoop for
/// kiln-prefetch-blocks.
static void markInputPrefetch(RewriterBase &rewriter,
                              const TilingConfig &config,
                              ArrayRef<LoopLikeOpInterface> loops) {
  if (config.inputPrefetchSteps > 0)
    markReductionLoop(rewriter, config, loops, config.inputPrefetchLoop,
                      kPrefetchInputAheadAttrName, config.inputPrefetchSteps);
}

FailureOr<Operation *> mlir::kiln::tileAndFuse(RewriterBase &rewriter,
                                               linalg::LinalgOp root,
                                               const TilingConfig &config) {
  using LoopType = scf::SCFTilingOptions::LoopType;
  SmallVector<LoopLikeOpInterface> threadLoops, loops;
  linalg::LinalgOp heavy = config.producer
                               ? cast<linalg::LinalgOp>(config.producer)
                               : linalg::LinalgOp();
  FailureOr<Operation *> tiled = root.getOperation();
  if (!config.threadTiles.empty()) {
    std::string name = getKernelName(heavy ? heavy : root, root);
    tiled = tileLevel(rewriter, root, config.threadTiles, LoopType::ForallOp,
                      /*fuse=*/true, threadLoops, &heavy, config.threadOrder);
    if (succeeded(tiled) && !threadLoops.empty())
      threadLoops.front()->setAttr(kKernelNameAttrName,
                                   rewriter.getStringAttr(name));
  }
  // A convolution reduced in blocks (alone, or fused into the thread tile
  // of its consumer) takes levels of its own below the thread tile.
  if (succeeded(tiled) && !config.blockTiles.empty()) {
    if (!config.producer)
      return tileInBlocks(rewriter, cast<linalg::LinalgOp>(*tiled),
                          linalg::LinalgOp(), config);
    if (heavy.getOperation() != config.producer)
      return tileInBlocks(rewriter, heavy, cast<linalg::LinalgOp>(*tiled),
                          config);
  }
  if (succeeded(tiled))
    tiled =
        tileLevel(rewriter, cast<linalg::LinalgOp>(*tiled), config.vectorTiles,
                  LoopType::ForOp, /*fuse=*/true, loops, &heavy,
                  config.vectorOrder);
  if (failed(tiled))
    return failure();
  // The reduction loops are those of the heavy producer when it was fused
  // (it is not when no parallel loop was tiled: it then stays a kernel of
  // its own, tiled when its turn comes); else those of `root`.
  bool fusedHeavy = heavy && heavy.getOperation() != config.producer;
  if ((!config.producer || fusedHeavy) && config.partialSumLanes > 0 &&
      !loops.empty()) {
    // A contraction whose register tiles may reduce in partial sums: the
    // register loops are peeled first, so that each copy of the tile has a
    // static shape and takes its own reduction loops.
    linalg::LinalgOp reduced =
        fusedHeavy ? heavy : cast<linalg::LinalgOp>(*tiled);
    reduced->setAttr(kReduceAttrName, rewriter.getUnitAttr());
    Operation *parent = loops.front()->getParentOp();
    for (LoopLikeOpInterface loop : loops)
      loop->setAttr(kPeelAttrName, rewriter.getUnitAttr());
    peelMarkedLoops(rewriter, loops.front());
    SmallVector<linalg::LinalgOp> copies;
    parent->walk([&](linalg::LinalgOp op) {
      if (op->removeAttr(kReduceAttrName))
        copies.push_back(op);
    });
    SmallVector<LoopLikeOpInterface> reductionLoops;
    for (linalg::LinalgOp copy : copies) {
      size_t first = reductionLoops.size();
      FailureOr<Operation *> tiledCopy =
          tileReductionLoops(rewriter, copy, config, reductionLoops);
      if (failed(tiledCopy))
        return failure();
      markInputPrefetch(rewriter, config,
                        ArrayRef(reductionLoops).drop_front(first));
      if (!fusedHeavy && copy == reduced)
        tiled = tiledCopy;
    }
    for (LoopLikeOpInterface loop : reductionLoops)
      loop->setAttr(kPeelAttrName, rewriter.getUnitAttr());
    peelMarkedLoops(rewriter, parent);
    return *tiled;
  }
  if (!config.producer || fusedHeavy) {
    size_t first = loops.size();
    FailureOr<Operation *> reduced = tileLevel(
        rewriter, fusedHeavy ? heavy : cast<linalg::LinalgOp>(*tiled),
        config.reductionTiles, LoopType::ForOp, /*fuse=*/false, loops);
    if (failed(reduced))
      return failure();
    if (!fusedHeavy)
      tiled = reduced;
    markInputPrefetch(rewriter, config, ArrayRef(loops).drop_front(first));
  }
  if (loops.empty())
    return *tiled;
  annotateRolledLoops(rewriter, config, loops);
  for (LoopLikeOpInterface loop : loops)
    loop->setAttr(kPeelAttrName, rewriter.getUnitAttr());
  peelMarkedLoops(rewriter, loops.front());
  return *tiled;
}

/// Splits a tensor.pad of the function body that is read through slices (a
/// copy of a whole tensor into rows aligned to vectors,
/// kiln-align-contraction-rows) into thread tiles along its first
/// unpadded dimension that divides into `parallelTiles` or fewer tiles of
/// the same size, when it has `minParallelWork` / 8 elements or more (an
/// element is a move through memory, as for elementwise kernels). Each
/// thread then pads a slice of the source (kiln-vectorize copies it row by
/// row). Leaves the pad whole otherwise.
static LogicalResult tilePad(RewriterBase &rewriter, tensor::PadOp pad,
                             const TilingHeuristics &heuristics) {
  RankedTensorType type = pad.getResultType();
  // Only pads read through slices beside them (rows aligned by
  // kiln-align-contraction-rows): a depthwise convolution's tiles read their
  // padded input in place, unpadded, from a pad that must stay whole.
  bool sliced = llvm::all_of(pad->getUsers(), [&](Operation *user) {
    return isa<tensor::ExtractSliceOp>(user) &&
           user->getBlock() == pad->getBlock();
  });
  if (!sliced || !type.hasStaticShape() ||
      !pad.getSourceType().hasStaticShape() ||
      type.getNumElements() * 8 < heuristics.minParallelWork)
    return success();
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  SmallVector<int64_t> tiles(type.getRank(), 0);
  bool split = false;
  for (int64_t d = 0, e = type.getRank() - 1; d < e && !split; ++d) {
    int64_t size = type.getDimSize(d);
    if (low[d] != 0 || high[d] != 0 || size < 2)
      continue;
    for (int64_t count = std::min(size, heuristics.parallelTiles); count >= 2;
         --count) {
      if (size % count == 0) {
        tiles[d] = size / count;
        split = true;
        break;
      }
    }
  }
  if (!split)
    return success();
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), tiles));
  tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  rewriter.setInsertionPoint(pad);
  FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(pad.getOperation()), tiling);
  if (failed(result))
    return failure();
  if (!result->loops.empty())
    result->loops.front()->setAttr(
        kKernelNameAttrName, rewriter.getStringAttr(getKernelName(pad, pad)));
  rewriter.replaceOp(pad, result->replacements);
  return success();
}

namespace {
/// Records the ops a rewriter erases.
struct ErasedOps : RewriterBase::Listener {
  void notifyOperationErased(Operation *op) override { ops.insert(op); }
  llvm::SmallDenseSet<Operation *> ops;
};

struct TileAndFusePass : kiln::impl::TileAndFuseBase<TileAndFusePass> {
  using Base::Base;

  void runOnOperation() override {
    TilingHeuristics heuristics;
    heuristics.parallelTiles = parallelTiles;
    heuristics.minParallelWork = minParallelWork;
    heuristics.vectorBits = vectorBits;
    // Accumulators fill about half the registers: 32 with AVX-512, 16
    // otherwise.
    heuristics.matmulRows =
        matmulRows > 0 ? matmulRows : (vectorBits >= 512 ? 8 : 6);
    if (l2CacheKiB <= 0) {
      getOperation().emitError("kiln-tile-and-fuse: l2-cache-kib must be "
                               "positive, got ")
          << static_cast<int64_t>(l2CacheKiB);
      return signalPassFailure();
    }
    heuristics.l2CacheBytes = l2CacheKiB * 1024;

    // A fill that several ops take as their initial value (CSE merges the
    // zero accumulators of equal shapes, e.g. the products of
    // kiln-winograd-convs) is fused into none of their tiles, each of which
    // would compute it, but stays a pass of its own over memory: each user
    // gets its own copy.
    getOperation().walk([](linalg::FillOp fill) {
      if (!fill.hasPureTensorSemantics() || fill->hasOneUse())
        return;
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : fill->getResult(0).getUses())
        uses.push_back(&use);
      OpBuilder builder(fill);
      for (OpOperand *use : llvm::drop_begin(uses)) {
        builder.setInsertionPoint(use->getOwner());
        use->set(builder.clone(*fill)->getResult(0));
      }
    });

    // Roots are the linalg ops of the function body, last first, so that
    // consumers are tiled before their producers are considered.
    SmallVector<linalg::LinalgOp> roots;
    for (Block &block : getOperation().getFunctionBody())
      for (Operation &op : llvm::reverse(block))
        if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
          roots.push_back(linalgOp);
    ErasedOps erased;
    IRRewriter rewriter(&getContext(), &erased);
    for (linalg::LinalgOp root : roots) {
      // Producers fused into an earlier root are gone.
      if (erased.ops.contains(root))
        continue;
      std::optional<TilingConfig> config =
          kiln::getTilingConfig(root, heuristics);
      if (!config)
        continue;
      if (failed(kiln::tileAndFuse(rewriter, root, *config))) {
        root.emitError("cannot tile this op");
        return signalPassFailure();
      }
    }
    // Pads left in the function body (those fused into tiles are gone).
    SmallVector<tensor::PadOp> pads;
    for (Block &block : getOperation().getFunctionBody())
      for (Operation &op : block)
        if (auto pad = dyn_cast<tensor::PadOp>(op))
          pads.push_back(pad);
    for (tensor::PadOp pad : pads) {
      if (failed(tilePad(rewriter, pad, heuristics))) {
        pad.emitError("cannot tile this pad");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
