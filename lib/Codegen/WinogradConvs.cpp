//===- WinogradConvs.cpp - 3x3 convolutions by Winograd's F(m x m, 3x3) ---===//
//
// Replaces a kiln.conv2d with a 3x3 constant f32 filter, unit strides and
// dilations and a padding of 0 or 1 on each side by Winograd's minimal
// filtering F(m x m, 3 x 3) (Lavin and Gray, "Fast Algorithms for
// Convolutional Neural Networks", 2016), m = 2, or 4 on large images whose
// sides are multiples of 4: each m x m block of outputs
// of a channel is computed from an alpha x alpha block (alpha = m + 2) of
// the padded input with alpha^2 multiplications per input channel instead
// of 9 m^2.
//
//   U[xy][k][c] = (G g[k][c] G^T)[x][y]                 (at compile time)
//   V[xy][t][c] = (B^T d[t][c] B)[x][y]   d: the input block of block t
//   M[xy][t][k] = sum_c V[xy][t][c] U[xy][k][c]          (alpha^2 products)
//   y[t][k]     = A^T M[..][t][k] A                      (+ bias, ReLU)
//
// with G (alpha x 3), B^T (alpha x alpha) and A^T (m x alpha) the matrices
// of F(m, 3). The input is transposed to channels last (linalg.transpose;
// the padding is read as zeros); the input and output transforms are
// scf.forall kernels on buffers whose vectors run along the channels (no
// shuffles but the output's register transposes into NCHW rows); the
// products are one linalg.contract with a batch dimension over a constant
// packed in column panels of 2L output channels, which kiln-tile-and-fuse
// tiles like any product by a constant.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnDialect.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Matchers.h"

#include "llvm/Support/FormatVariadic.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_WINOGRADCONVS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// The sizes of one convolution computed by F(m x m, 3x3).
struct WinogradShape {
  /// `height` and `width` are the output's.
  int64_t batch, inChannels, outChannels, height, width;
  /// The input's height and width, and its padding at the top and the left
  /// (0 or 1; those at the bottom and the right follow from the sizes).
  int64_t inHeight, inWidth, padTop, padLeft;
  /// F(m x m, 3 x 3): output blocks of m x m, input blocks of alpha x alpha
  /// (alpha = m + 2), alpha^2 products.
  int64_t m, alpha;
  /// Blocks along the rows and the columns, and in all.
  int64_t tileRows, tileColumns, tiles;
  /// f32 lanes of a vector, and output channels of a filter panel (2L).
  int64_t lanes, panel;
};

/// Output pixels of a row that the output transform writes at a time: one
/// vector with AVX-512.
constexpr int64_t kChunkPixels = 16;

/// The matrices of F(m, 3) (Lavin and Gray; the F(4, 3) ones with the
/// points 0, +-1, +-2 and infinity): B^T (alpha x alpha), G (alpha x 3) and
/// A^T (m x alpha), alpha = m + 2, row-major.
struct WinogradMatrices {
  int64_t m, alpha;
  ArrayRef<double> bt, g, at;
};

constexpr double kBT2[] = {1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1};
constexpr double kG2[] = {1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1};
constexpr double kAT2[] = {1, 1, 1, 0, 0, 1, -1, -1};
constexpr double kBT4[] = {4, 0, -5, 0,  1, 0, 0, -4, -4, 1,  1, 0,
                           0, 4, -4, -1, 1, 0, 0, -2, -1, 2,  1, 0,
                           0, 2, -1, -2, 1, 0, 0, 4,  0,  -5, 0, 1};
constexpr double kG4[] = {1.0 / 4,  0,        0,        -1.0 / 6,  -1.0 / 6,
                          -1.0 / 6, -1.0 / 6, 1.0 / 6,  -1.0 / 6,  1.0 / 24,
                          1.0 / 12, 1.0 / 6,  1.0 / 24, -1.0 / 12, 1.0 / 6,
                          0,        0,        1};
constexpr double kAT4[] = {1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0,
                           0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1};

WinogradMatrices getMatrices(int64_t m) {
  if (m == 4)
    return {4, 6, kBT4, kG4, kAT4};
  return {2, 4, kBT2, kG2, kAT2};
}

/// `matrix` (rows x values.size(), row-major) times the column `values`:
/// each row's sum of its nonzero coefficients times the values, with
/// additions and subtractions for +-1 and multiply-adds by splat constants
/// for the others.
SmallVector<Value> applyMatrix(ImplicitLocOpBuilder &b, ArrayRef<double> matrix,
                               int64_t rows, ArrayRef<Value> values) {
  int64_t columns = values.size();
  SmallVector<Value> result;
  auto splat = [&](Value like, double c) -> Value {
    auto type = cast<VectorType>(like.getType());
    return arith::ConstantOp::create(
        b, DenseElementsAttr::get(type, b.getF32FloatAttr(float(c))));
  };
  for (int64_t r = 0; r < rows; ++r) {
    ArrayRef<double> row = matrix.slice(r * columns, columns);
    Value sum;
    // A term of coefficient 1 first, so that no negation is needed.
    SmallVector<int64_t> order;
    for (int64_t c = 0; c < columns; ++c)
      if (row[c] == 1.0)
        order.push_back(c);
    for (int64_t c = 0; c < columns; ++c)
      if (row[c] != 0.0 && row[c] != 1.0)
        order.push_back(c);
    for (int64_t c : order) {
      double coefficient = row[c];
      Value value = values[c];
      if (!sum) {
        sum = coefficient == 1.0
                  ? value
                  : arith::MulFOp::create(b, value, splat(value, coefficient))
                        .getResult();
      } else if (coefficient == 1.0) {
        sum = arith::AddFOp::create(b, sum, value);
      } else if (coefficient == -1.0) {
        sum = arith::SubFOp::create(b, sum, value);
      } else {
        sum = vector::FMAOp::create(b, value, splat(value, coefficient), sum);
      }
    }
    result.push_back(sum);
  }
  return result;
}

/// U = G g G^T of every filter `g` ([K, C, 3, 3], row-major), packed as
/// [alpha^2, K / panel, C, panel]: the alpha^2 matrices of F(m x m, 3 x 3),
/// each in the column panels a product's register tile reads front to back.
SmallVector<double> transformFilter(ArrayRef<double> g,
                                    const WinogradShape &s) {
  WinogradMatrices w = getMatrices(s.m);
  int64_t k = s.outChannels, c = s.inChannels, panels = k / s.panel;
  int64_t alpha = s.alpha;
  SmallVector<double> u(alpha * alpha * k * c);
  SmallVector<double> gw(alpha * 3);
  for (int64_t f = 0; f < k; ++f)
    for (int64_t ch = 0; ch < c; ++ch) {
      const double *filter = g.data() + (f * c + ch) * 9;
      // G g (alpha x 3), then (G g) G^T (alpha x alpha).
      for (int64_t x = 0; x < alpha; ++x)
        for (int64_t j = 0; j < 3; ++j)
          gw[x * 3 + j] = w.g[x * 3] * filter[j] +
                          w.g[x * 3 + 1] * filter[3 + j] +
                          w.g[x * 3 + 2] * filter[6 + j];
      for (int64_t x = 0; x < alpha; ++x)
        for (int64_t y = 0; y < alpha; ++y) {
          double value = gw[x * 3] * w.g[y * 3] +
                         gw[x * 3 + 1] * w.g[y * 3 + 1] +
                         gw[x * 3 + 2] * w.g[y * 3 + 2];
          int64_t xy = x * alpha + y;
          u[((xy * panels + f / s.panel) * c + ch) * s.panel + f % s.panel] =
              value;
        }
    }
  return u;
}

/// Builds the kernels of one convolution in place of `conv`.
class WinogradBuilder {
public:
  WinogradBuilder(ImplicitLocOpBuilder &b, const WinogradShape &s)
      : b(b), s(s), f32(b.getF32Type()),
        vec(VectorType::get({s.lanes}, b.getF32Type())) {}

  /// The profiler's name of a kernel: winograd_<stage>_<C>x<K>x<H>x<W>.
  std::string kernelName(StringRef stage) {
    return llvm::formatv("winograd_{0}_{1}x{2}x{3}x{4}", stage, s.inChannels,
                         s.outChannels, s.height, s.width)
        .str();
  }

  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, value);
  }

  /// `value` * `scale` + `offset` on indices.
  Value affine(Value value, int64_t scale, int64_t offset) {
    Value scaled =
        scale == 1 ? value : arith::MulIOp::create(b, value, index(scale));
    return offset == 0 ? scaled
                       : arith::AddIOp::create(b, scaled, index(offset));
  }

  Value read(Value buffer, ArrayRef<Value> indices) {
    Value zero = arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f));
    return vector::TransferReadOp::create(b, vec, buffer, indices, zero,
                                          ArrayRef<bool>{true});
  }

  void write(Value value, Value buffer, ArrayRef<Value> indices) {
    vector::TransferWriteOp::create(b, value, buffer, indices,
                                    ArrayRef<bool>{true});
  }

  /// An scf.forall over (batch, tile row, tile column), named `name` for
  /// the profiler, whose body `body` builds with the three induction
  /// variables.
  void forallTiles(StringRef name,
                   function_ref<void(Value, Value, Value)> body) {
    SmallVector<OpFoldResult> ubs = {b.getIndexAttr(s.batch),
                                     b.getIndexAttr(s.tileRows),
                                     b.getIndexAttr(s.tileColumns)};
    auto forall = scf::ForallOp::create(b, ubs, ValueRange{}, std::nullopt);
    forall->setAttr(kKernelNameAttrName, b.getStringAttr(kernelName(name)));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getBody()->getTerminator());
    SmallVector<Value> ivs(forall.getInductionVars());
    body(ivs[0], ivs[1], ivs[2]);
  }

  /// An scf.for from 0 to `ub` by `step` whose body `body` builds.
  void loop(int64_t ub, int64_t step, function_ref<void(Value)> body) {
    auto forOp = scf::ForOp::create(b, index(0), index(ub), index(step));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forOp.getBody()->getTerminator());
    body(forOp.getInductionVar());
  }

  /// The tile index of (n, i, j): (n * tileRows + i) * tileColumns + j.
  Value tileIndex(Value n, Value i, Value j) {
    Value row = arith::AddIOp::create(b, affine(n, s.tileRows, 0), i);
    return arith::AddIOp::create(b, affine(row, s.tileColumns, 0), j);
  }

  /// V [alpha^2, tiles, C] from the channels-last input [N, H, W, C]: per
  /// block and vector of channels, the alpha x alpha input block d (zero
  /// outside the image: the padding, and past the image's end where the
  /// last blocks reach beyond it), B^T d B.
  Value buildInputTransform(Value input) {
    WinogradMatrices w = getMatrices(s.m);
    int64_t alpha = s.alpha;
    auto vType = MemRefType::get({alpha * alpha, s.tiles, s.inChannels}, f32);
    Value v = memref::AllocOp::create(b, vType, b.getI64IntegerAttr(64));
    forallTiles("input", [&](Value n, Value i, Value j) {
      Value tile = tileIndex(n, i, j);
      // Row and column r of the block, clamped into the image, and whether
      // they lie inside it.
      SmallVector<Value> rows, columns, rowInside, columnInside;
      auto clamp = [&](Value at, int64_t size, SmallVector<Value> &clamped,
                       SmallVector<Value> &inside) {
        Value low =
            arith::CmpIOp::create(b, arith::CmpIPredicate::sge, at, index(0));
        Value high = arith::CmpIOp::create(b, arith::CmpIPredicate::slt, at,
                                           index(size));
        inside.push_back(arith::AndIOp::create(b, low, high));
        clamped.push_back(arith::MinSIOp::create(
            b, arith::MaxSIOp::create(b, at, index(0)), index(size - 1)));
      };
      for (int64_t r = 0; r < alpha; ++r) {
        clamp(affine(i, s.m, r - s.padTop), s.inHeight, rows, rowInside);
        clamp(affine(j, s.m, r - s.padLeft), s.inWidth, columns,
              columnInside);
      }
      // inside[r][col]: whether input pixel (r, col) of the block is.
      SmallVector<SmallVector<Value>> inside(alpha);
      for (int64_t r = 0; r < alpha; ++r)
        for (int64_t col = 0; col < alpha; ++col)
          inside[r].push_back(
              arith::AndIOp::create(b, rowInside[r], columnInside[col]));
      Value zeroVector = arith::ConstantOp::create(
          b, DenseElementsAttr::get(vec, b.getF32FloatAttr(0.0f)));
      loop(s.inChannels, s.lanes, [&](Value c) {
        // t[x][col] = (B^T d)[x][col], then v[x][y] = (t B)[x][y].
        SmallVector<SmallVector<Value>> t(alpha, SmallVector<Value>(alpha));
        for (int64_t col = 0; col < alpha; ++col) {
          SmallVector<Value> d;
          for (int64_t r = 0; r < alpha; ++r)
            d.push_back(arith::SelectOp::create(
                b, inside[r][col], read(input, {n, rows[r], columns[col], c}),
                zeroVector));
          SmallVector<Value> transformed = applyMatrix(b, w.bt, alpha, d);
          for (int64_t x = 0; x < alpha; ++x)
            t[x][col] = transformed[x];
        }
        for (int64_t x = 0; x < alpha; ++x) {
          SmallVector<Value> transformed = applyMatrix(b, w.bt, alpha, t[x]);
          for (int64_t y = 0; y < alpha; ++y)
            write(transformed[y], v, {index(x * alpha + y), tile, c});
        }
      });
    });
    return bufferization::ToTensorOp::create(
        b, RankedTensorType::get(vType.getShape(), f32), v, /*restrict=*/true,
        /*writable=*/true);
  }

  /// M [alpha^2, tiles, K / panel, panel] = V [alpha^2, tiles, C] x U
  /// [alpha^2, K / panel, C, panel] (batch, rows, panel, column, reduction).
  Value buildProducts(Value v, Value u) {
    int64_t panels = s.outChannels / s.panel;
    auto mType = RankedTensorType::get(
        {s.alpha * s.alpha, s.tiles, panels, s.panel}, f32);
    Value empty = tensor::EmptyOp::create(b, mType.getShape(), f32);
    Value zero = arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f));
    Value init = linalg::FillOp::create(b, zero, empty).getResult(0);
    MLIRContext *ctx = b.getContext();
    auto dim = [&](unsigned d) { return getAffineDimExpr(d, ctx); };
    // (batch, row, panel, column, reduction)
    SmallVector<AffineMap> maps = {
        AffineMap::get(5, 0, {dim(0), dim(1), dim(4)}, ctx),
        AffineMap::get(5, 0, {dim(0), dim(2), dim(4), dim(3)}, ctx),
        AffineMap::get(5, 0, {dim(0), dim(1), dim(2), dim(3)}, ctx)};
    auto contract = linalg::ContractOp::create(
        b, TypeRange{mType}, ValueRange{v, u}, ValueRange{init},
        b.getAffineMapArrayAttr(maps));
    // The profiler's name of the products' kernel (kiln-tile-and-fuse).
    contract->setAttr(kKernelNameAttrName,
                      b.getStringAttr(kernelName("products")));
    return contract.getResult(0);
  }

  /// The NCHW output [N, K, H, W]: per row of m x m blocks, chunk of
  /// kChunkPixels / m blocks along it, panel of output channels (the forall)
  /// and vector of output channels in the panel, A^T M A of each block (+ the
  /// bias, then max(., 0) with `relu`) as vectors along the channels,
  /// gathered per output row into a kChunkPixels x L register tile,
  /// transposed in registers and written as L rows of kChunkPixels pixels
  /// (masked past the row's end; the blocks past it recompute the last one
  /// and are not written).
  Value buildOutputTransform(Value m, Value bias, bool relu) {
    WinogradMatrices w = getMatrices(s.m);
    int64_t alpha = s.alpha;
    auto yType =
        MemRefType::get({s.batch, s.outChannels, s.height, s.width}, f32);
    Value y = memref::AllocOp::create(b, yType, b.getI64IntegerAttr(64));
    int64_t panels = s.outChannels / s.panel;
    int64_t chunkBlocks = kChunkPixels / s.m;
    int64_t chunks = llvm::divideCeil(s.tileColumns, chunkBlocks);
    auto tileType = VectorType::get({kChunkPixels, s.lanes}, f32);
    bool wholeRows = s.width % kChunkPixels == 0;
    SmallVector<OpFoldResult> ubs = {
        b.getIndexAttr(s.batch), b.getIndexAttr(s.tileRows),
        b.getIndexAttr(chunks), b.getIndexAttr(panels)};
    auto forall = scf::ForallOp::create(b, ubs, ValueRange{}, std::nullopt);
    forall->setAttr(kKernelNameAttrName, b.getStringAttr(kernelName("output")));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getBody()->getTerminator());
    SmallVector<Value> ivs(forall.getInductionVars());
    Value n = ivs[0], i = ivs[1], chunk = ivs[2], p = ivs[3];
    // The blocks of the chunk, the last one repeated past the row's end.
    SmallVector<Value> tiles;
    Value lastColumn = index(s.tileColumns - 1);
    for (int64_t j = 0; j < chunkBlocks; ++j) {
      Value column =
          arith::MinUIOp::create(b, affine(chunk, chunkBlocks, j), lastColumn);
      tiles.push_back(tileIndex(n, i, column));
    }
    Value firstPixel = affine(chunk, kChunkPixels, 0);
    Value zeroTile = arith::ConstantOp::create(
        b, DenseElementsAttr::get(tileType, b.getF32FloatAttr(0.0f)));
    Value zeroVector = arith::ConstantOp::create(
        b, DenseElementsAttr::get(vec, b.getF32FloatAttr(0.0f)));
    loop(s.panel, s.lanes, [&](Value q) {
      Value channel = arith::AddIOp::create(b, affine(p, s.panel, 0), q);
      Value biasVector = bias ? read(bias, {channel}) : Value();
      SmallVector<Value> rows(s.m, zeroTile);
      for (int64_t j = 0; j < chunkBlocks; ++j) {
        // r[a][y] = (A^T M)[a][y], then out[a][c] = (r A)[a][c].
        SmallVector<SmallVector<Value>> r(s.m, SmallVector<Value>(alpha));
        for (int64_t col = 0; col < alpha; ++col) {
          SmallVector<Value> column;
          for (int64_t x = 0; x < alpha; ++x)
            column.push_back(read(m, {index(x * alpha + col), tiles[j], p, q}));
          SmallVector<Value> transformed = applyMatrix(b, w.at, s.m, column);
          for (int64_t a = 0; a < s.m; ++a)
            r[a][col] = transformed[a];
        }
        for (int64_t a = 0; a < s.m; ++a) {
          SmallVector<Value> out = applyMatrix(b, w.at, s.m, r[a]);
          for (int64_t c = 0; c < s.m; ++c) {
            Value value = out[c];
            if (biasVector)
              value = arith::AddFOp::create(b, value, biasVector);
            if (relu)
              value = arith::MaximumFOp::create(b, value, zeroVector);
            rows[a] = vector::InsertOp::create(b, value, rows[a],
                                               ArrayRef<int64_t>{s.m * j + c});
          }
        }
      }
      for (int64_t a = 0; a < s.m; ++a) {
        Value transposed =
            vector::TransposeOp::create(b, rows[a], ArrayRef<int64_t>{1, 0});
        Value row = affine(i, s.m, a);
        auto writeRow = [&] {
          for (int64_t c = 0; c < s.lanes; ++c) {
            Value pixelsOfChannel =
                vector::ExtractOp::create(b, transposed, ArrayRef<int64_t>{c});
            Value at = arith::AddIOp::create(b, channel, index(c));
            vector::TransferWriteOp::create(b, pixelsOfChannel, y,
                                            ValueRange{n, at, row, firstPixel},
                                            ArrayRef<bool>{wholeRows});
          }
        };
        // Row a of the last row of blocks may lie past the image.
        if (a < s.m - (s.m * s.tileRows - s.height)) {
          writeRow();
          continue;
        }
        Value inside = arith::CmpIOp::create(b, arith::CmpIPredicate::ult, row,
                                             index(s.height));
        auto ifOp = scf::IfOp::create(b, inside, /*withElseRegion=*/false);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
        writeRow();
      }
    });
    b.setInsertionPointAfter(forall);
    return bufferization::ToTensorOp::create(
        b, RankedTensorType::get(yType.getShape(), f32), y, /*restrict=*/true,
        /*writable=*/true);
  }

  Value toBuffer(Value tensor) {
    return bufferization::ToBufferOp::create(
        b,
        bufferization::getMemRefTypeWithStaticIdentityLayout(
            cast<TensorType>(tensor.getType())),
        tensor, /*readOnly=*/true);
  }

private:
  ImplicitLocOpBuilder &b;
  const WinogradShape &s;
  Type f32;
  VectorType vec;
};

} // namespace

/// The output block size m of F(m x m, 3x3) for an output image of `height`
/// x `width`: 4 on images of at least `largeBlocksMinPixels` pixels (0:
/// never) whose sides are multiples of 4, else 2.
static int64_t getBlockSize(int64_t height, int64_t width,
                            int64_t largeBlocksMinPixels) {
  return largeBlocksMinPixels > 0 && height % 4 == 0 && width % 4 == 0 &&
                 height * width >= largeBlocksMinPixels
             ? 4
             : 2;
}

/// The largest transformed filter (alpha^2 x K x C floats) computed at
/// compile time: its doubles and the constant are built in memory, and a
/// layer reads it once per run (ResNet-50's largest, 512 -> 512 at 7x7, is
/// 16 MiB).
static constexpr int64_t kMaxTransformedFilterBytes = int64_t(64) << 20;

std::string mlir::kiln::getWinogradUnsupportedReason(
    Operation *op, int64_t vectorBits, int64_t minChannels,
    int64_t minMultiplyAdds, int64_t largeBlocksMinPixels) {
  auto conv = dyn_cast<Conv2dOp>(op);
  if (!conv)
    return "not a kiln.conv2d";
  auto inputType = dyn_cast<RankedTensorType>(conv.getInput().getType());
  auto filterType = dyn_cast<RankedTensorType>(conv.getFilter().getType());
  auto type = dyn_cast<RankedTensorType>(conv.getType());
  if (!inputType || !filterType || !type || !inputType.hasStaticShape() ||
      !filterType.hasStaticShape() || !type.hasStaticShape() ||
      !type.getElementType().isF32() ||
      inputType.getElementType() != type.getElementType() ||
      filterType.getElementType() != type.getElementType())
    return "not static f32";
  if (conv.getGroups() != 1 || filterType.getDimSize(2) != 3 ||
      filterType.getDimSize(3) != 3 ||
      llvm::any_of(conv.getStrides(), [](int64_t v) { return v != 1; }) ||
      llvm::any_of(conv.getDilations(), [](int64_t v) { return v != 1; }) ||
      llvm::any_of(conv.getPadding(),
                   [](int64_t v) { return v != 0 && v != 1; }))
    return "not a 3x3 convolution with unit strides and dilations, padded by "
           "0 or 1, without groups";
  int64_t lanes = vectorBits / 32;
  int64_t c = inputType.getDimSize(1), k = type.getDimSize(1);
  if (c % lanes != 0 || k % (2 * lanes) != 0)
    return "input channels not whole vectors, or output channels not whole "
           "panels of two vectors";
  if (c < minChannels || k < minChannels)
    return "fewer channels than min-channels";
  if (type.getNumElements() * c * 9 < minMultiplyAdds)
    return "fewer multiply-adds than min-multiply-adds";
  int64_t alpha = getBlockSize(type.getDimSize(2), type.getDimSize(3),
                               largeBlocksMinPixels) +
                  2;
  if (alpha * alpha * k * c * int64_t(sizeof(float)) >
      kMaxTransformedFilterBytes)
    return "transformed filter over 64 MiB";
  if (!matchPattern(conv.getFilter(), m_Constant()))
    return "filter not constant";
  return "";
}

void mlir::kiln::lowerConvToWinograd(Operation *op,
                                     ArrayRef<double> filterWeights,
                                     int64_t vectorBits,
                                     int64_t largeBlocksMinPixels) {
  auto conv = cast<Conv2dOp>(op);
  auto inputType = cast<RankedTensorType>(conv.getInput().getType());
  auto type = cast<RankedTensorType>(conv.getType());
  WinogradShape s;
  s.batch = type.getDimSize(0);
  s.inChannels = inputType.getDimSize(1);
  s.outChannels = type.getDimSize(1);
  s.height = type.getDimSize(2);
  s.width = type.getDimSize(3);
  s.inHeight = inputType.getDimSize(2);
  s.inWidth = inputType.getDimSize(3);
  s.padTop = conv.getPadding()[0];
  s.padLeft = conv.getPadding()[1];
  s.m = getBlockSize(s.height, s.width, largeBlocksMinPixels);
  s.alpha = s.m + 2;
  s.tileRows = llvm::divideCeil(s.height, s.m);
  s.tileColumns = llvm::divideCeil(s.width, s.m);
  s.tiles = s.batch * s.tileRows * s.tileColumns;
  s.lanes = vectorBits / 32;
  s.panel = 2 * s.lanes;
  Type f32 = type.getElementType();

  ImplicitLocOpBuilder b(op->getLoc(), op);
  WinogradBuilder builder(b, s);

  // The filter's alpha^2 transforms, in panels.
  SmallVector<double> u = transformFilter(filterWeights, s);
  auto uType = RankedTensorType::get(
      {s.alpha * s.alpha, s.outChannels / s.panel, s.inChannels, s.panel}, f32);
  Value filter = arith::ConstantOp::create(
      b, uType, cast<TypedAttr>(buildFloatData(uType, u, "winograd_filter")));

  // The input channels last.
  Value input = conv.getInput();
  Value transposedInit = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{s.batch, s.inHeight, s.inWidth, s.inChannels}, f32);
  auto transpose = linalg::TransposeOp::create(b, input, transposedInit,
                                               ArrayRef<int64_t>{0, 2, 3, 1});
  transpose->setAttr(kKernelNameAttrName,
                     b.getStringAttr(builder.kernelName("transpose")));
  Value transposed = transpose->getResult(0);

  Value v = builder.buildInputTransform(builder.toBuffer(transposed));
  Value m = builder.buildProducts(v, filter);
  Value bias = conv.getBias() ? builder.toBuffer(conv.getBias()) : Value();
  // A ReLU that is the convolution's only user is applied in the kernel.
  Operation *replaced = conv;
  if (conv->hasOneUse())
    if (auto relu = dyn_cast<ReluOp>(*conv->user_begin());
        relu && relu.getType() == conv.getType())
      replaced = relu;
  Value result =
      builder.buildOutputTransform(builder.toBuffer(m), bias, replaced != conv);
  replaced->getResult(0).replaceAllUsesWith(result);
  if (replaced != conv)
    replaced->erase();
  conv.erase();
}

namespace {

struct WinogradConvsPass : kiln::impl::WinogradConvsBase<WinogradConvsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBits < 64 || vectorBits % 64 != 0 || minChannels < 1 ||
        minMultiplyAdds < 0 || largeBlocksMinPixels < 0) {
      getOperation().emitError()
          << "kiln-winograd-convs: vector-bits must be a positive multiple of "
             "64, min-channels at least 1, min-multiply-adds and "
             "large-blocks-min-pixels at least 0";
      return signalPassFailure();
    }
    SmallVector<std::pair<Operation *, SmallVector<double>>> todo;
    getOperation().walk([&](Conv2dOp op) {
      std::string reason = getWinogradUnsupportedReason(
          op, vectorBits, minChannels, minMultiplyAdds, largeBlocksMinPixels);
      // The weights, read once (a constant whose data is not available, a
      // resource blob of another element type, is left alone too).
      std::optional<SmallVector<double>> weights;
      if (reason.empty() && !(weights = readFloatConstant(op.getFilter())))
        reason = "filter not constant";
      if (reason.empty()) {
        todo.emplace_back(op, std::move(*weights));
        return;
      }
      if (remarks)
        op.emitRemark() << "convolution not computed by Winograd: " << reason;
    });
    for (auto &[op, weights] : todo)
      lowerConvToWinograd(op, weights, vectorBits, largeBlocksMinPixels);
  }
};

} // namespace
