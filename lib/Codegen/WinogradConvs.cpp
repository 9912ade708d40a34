//===- WinogradConvs.cpp - 3x3 convolutions by Winograd F(2x2, 3x3) -------===//
//
// Replaces a kiln.conv2d with a 3x3 constant f32 filter, unit strides and
// dilations, a padding of 1 on every side and even output rows and columns
// by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, "Fast
// Algorithms for Convolutional Neural Networks", 2016): each 2x2 block of
// outputs of a channel is computed from a 4x4 block of the padded input with
// 16 multiplications per input channel instead of 36.
//
//   U[xy][k][c] = (G g[k][c] G^T)[x][y]                 (at compile time)
//   V[xy][t][c] = (B^T d[t][c] B)[x][y]   d: the 4x4 input block of tile t
//   M[xy][t][k] = sum_c V[xy][t][c] U[xy][k][c]          (16 products)
//   y[t][k]     = A^T M[..][t][k] A                      (+ bias)
//
// with G (4x3), B^T (4x4) and A^T (2x4) the matrices of F(2, 3). The input
// is transposed to channels last and padded (linalg.transpose, tensor.pad);
// the input and output transforms are scf.forall kernels on buffers whose
// vectors run along the channels (only additions and subtractions, no
// shuffles); the 16 products are one linalg.contract with a batch dimension
// over a constant packed in column panels of 2L output channels, which
// kiln-tile-and-fuse tiles like any product by a constant; the output,
// channels last, is transposed back to NCHW (a following activation is
// computed in that transpose's tiles).
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnDialect.h"
#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include "llvm/Support/FormatVariadic.h"

#include <array>

namespace mlir::kiln {
#define GEN_PASS_DEF_WINOGRADCONVS
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// The sizes of one convolution computed by F(2x2, 3x3).
struct WinogradShape {
  int64_t batch, inChannels, outChannels, height, width;
  /// Tiles of 2x2 outputs along the rows and the columns, and in all.
  int64_t tileRows, tileColumns, tiles;
  /// f32 lanes of a vector, and output channels of a filter panel (2L).
  int64_t lanes, panel;
};

/// 2x2 blocks of a row that the output transform writes at a time: 16
/// output pixels, one vector with AVX-512.
constexpr int64_t kChunkBlocks = 8;

/// G of F(2, 3): the filter transform.
constexpr double kG[4][3] = {
    {1.0, 0.0, 0.0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0.0, 0.0, 1.0}};

/// B^T d for a column d of 4 values: [d0 - d2, d1 + d2, d2 - d1, d1 - d3].
std::array<Value, 4> transformInput(ImplicitLocOpBuilder &b,
                                    const std::array<Value, 4> &d) {
  return {arith::SubFOp::create(b, d[0], d[2]),
          arith::AddFOp::create(b, d[1], d[2]),
          arith::SubFOp::create(b, d[2], d[1]),
          arith::SubFOp::create(b, d[1], d[3])};
}

/// A^T m for a column m of 4 values: [m0 + m1 + m2, m1 - m2 - m3].
std::array<Value, 2> transformOutput(ImplicitLocOpBuilder &b,
                                     const std::array<Value, 4> &m) {
  Value sum = arith::AddFOp::create(b, m[1], m[2]);
  Value difference = arith::SubFOp::create(b, m[1], m[2]);
  return {arith::AddFOp::create(b, m[0], sum),
          arith::SubFOp::create(b, difference, m[3])};
}

/// The identity-layout memref type of a tensor type.
MemRefType bufferType(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

/// U = G g G^T of every filter `g` ([K, C, 3, 3], row-major), packed as
/// [16, K / panel, C, panel]: the 16 matrices of F(2x2, 3x3), each in the
/// column panels a product's register tile reads front to back.
SmallVector<double> transformFilter(ArrayRef<double> g,
                                    const WinogradShape &s) {
  int64_t k = s.outChannels, c = s.inChannels, panels = k / s.panel;
  SmallVector<double> u(16 * k * c);
  for (int64_t f = 0; f < k; ++f)
    for (int64_t ch = 0; ch < c; ++ch) {
      const double *w = g.data() + (f * c + ch) * 9;
      // G w (4 x 3), then (G w) G^T (4 x 4).
      double gw[4][3];
      for (int x = 0; x < 4; ++x)
        for (int j = 0; j < 3; ++j)
          gw[x][j] =
              kG[x][0] * w[j] + kG[x][1] * w[3 + j] + kG[x][2] * w[6 + j];
      for (int x = 0; x < 4; ++x)
        for (int y = 0; y < 4; ++y) {
          double value =
              gw[x][0] * kG[y][0] + gw[x][1] * kG[y][1] + gw[x][2] * kG[y][2];
          int64_t xy = x * 4 + y;
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

  /// An scf.forall over (batch, tile row, tile column) whose body `body`
  /// builds with the three induction variables; the stack of each tile is
  /// released after it.
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

  /// V [16, tiles, C] from the padded channels-last input [N, H + 2, W + 2,
  /// C]: per tile and vector of channels, the 4x4 block d, B^T d B.
  Value buildInputTransform(Value padded) {
    auto vType = MemRefType::get({16, s.tiles, s.inChannels}, f32);
    Value v = memref::AllocOp::create(b, vType, b.getI64IntegerAttr(64));
    forallTiles("input", [&](Value n, Value i, Value j) {
      Value tile = tileIndex(n, i, j);
      std::array<Value, 4> rows, columns;
      for (int64_t r = 0; r < 4; ++r) {
        rows[r] = affine(i, 2, r);
        columns[r] = affine(j, 2, r);
      }
      loop(s.inChannels, s.lanes, [&](Value c) {
        // t[x][col] = (B^T d)[x][col], then v[x][y] = (t B)[x][y].
        std::array<std::array<Value, 4>, 4> t;
        for (int64_t col = 0; col < 4; ++col) {
          std::array<Value, 4> d;
          for (int64_t r = 0; r < 4; ++r)
            d[r] = read(padded, {n, rows[r], columns[col], c});
          std::array<Value, 4> transformed = transformInput(b, d);
          for (int64_t x = 0; x < 4; ++x)
            t[x][col] = transformed[x];
        }
        for (int64_t x = 0; x < 4; ++x) {
          std::array<Value, 4> transformed = transformInput(b, t[x]);
          for (int64_t y = 0; y < 4; ++y)
            write(transformed[y], v, {index(x * 4 + y), tile, c});
        }
      });
    });
    return bufferization::ToTensorOp::create(
        b, RankedTensorType::get(vType.getShape(), f32), v, /*restrict=*/true,
        /*writable=*/true);
  }

  /// M [16, tiles, K / panel, panel] = V [16, tiles, C] x U [16, K / panel,
  /// C, panel] (batch, rows, panel, column, reduction).
  Value buildProducts(Value v, Value u) {
    int64_t panels = s.outChannels / s.panel;
    auto mType = RankedTensorType::get({16, s.tiles, panels, s.panel}, f32);
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
    return linalg::ContractOp::create(b, TypeRange{mType}, ValueRange{v, u},
                                      ValueRange{init},
                                      b.getAffineMapArrayAttr(maps))
        .getResult(0);
  }

  /// The NCHW output [N, K, H, W]: per row of 2x2 blocks, chunk of
  /// `kChunkBlocks` blocks along it, panel of output channels (the forall)
  /// and vector of output channels in the panel, A^T m A of
  /// each block (+ the bias, then max(., 0) with `relu`) as vectors along the
  /// channels, gathered per output row into a (2 * kChunkBlocks) x L
  /// register tile, transposed in registers and written as L rows of 2 *
  /// kChunkBlocks pixels (masked past the row's end; the blocks past it
  /// recompute the last one and are not written).
  Value buildOutputTransform(Value m, Value bias, bool relu) {
    auto yType =
        MemRefType::get({s.batch, s.outChannels, s.height, s.width}, f32);
    Value y = memref::AllocOp::create(b, yType, b.getI64IntegerAttr(64));
    int64_t panels = s.outChannels / s.panel;
    int64_t chunks = llvm::divideCeil(s.tileColumns, kChunkBlocks);
    int64_t pixels = 2 * kChunkBlocks;
    auto tileType = VectorType::get({pixels, s.lanes}, f32);
    bool wholeRows = s.width % pixels == 0;
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
    for (int64_t j = 0; j < kChunkBlocks; ++j) {
      Value column =
          arith::MinUIOp::create(b, affine(chunk, kChunkBlocks, j), lastColumn);
      tiles.push_back(tileIndex(n, i, column));
    }
    Value firstPixel = affine(chunk, pixels, 0);
    Value zeroTile = arith::ConstantOp::create(
        b, DenseElementsAttr::get(tileType, b.getF32FloatAttr(0.0f)));
    Value zeroVector = arith::ConstantOp::create(
        b, DenseElementsAttr::get(vec, b.getF32FloatAttr(0.0f)));
    {
      loop(s.panel, s.lanes, [&](Value q) {
        Value channel = arith::AddIOp::create(b, affine(p, s.panel, 0), q);
        Value biasVector = bias ? read(bias, {channel}) : Value();
        std::array<Value, 2> rows = {zeroTile, zeroTile};
        for (int64_t j = 0; j < kChunkBlocks; ++j) {
          // r[a][y] = (A^T m)[a][y], then out[a][c] = (r A)[a][c].
          std::array<std::array<Value, 4>, 2> r;
          for (int64_t col = 0; col < 4; ++col) {
            std::array<Value, 4> column;
            for (int64_t x = 0; x < 4; ++x)
              column[x] = read(m, {index(x * 4 + col), tiles[j], p, q});
            std::array<Value, 2> transformed = transformOutput(b, column);
            r[0][col] = transformed[0];
            r[1][col] = transformed[1];
          }
          for (int64_t a = 0; a < 2; ++a) {
            std::array<Value, 2> out = transformOutput(b, r[a]);
            for (int64_t c = 0; c < 2; ++c) {
              Value value = out[c];
              if (biasVector)
                value = arith::AddFOp::create(b, value, biasVector);
              if (relu)
                value = arith::MaximumFOp::create(b, value, zeroVector);
              rows[a] = vector::InsertOp::create(b, value, rows[a],
                                                 ArrayRef<int64_t>{2 * j + c});
            }
          }
        }
        for (int64_t a = 0; a < 2; ++a) {
          Value transposed =
              vector::TransposeOp::create(b, rows[a], ArrayRef<int64_t>{1, 0});
          Value row = affine(i, 2, a);
          for (int64_t c = 0; c < s.lanes; ++c) {
            Value pixelsOfChannel =
                vector::ExtractOp::create(b, transposed, ArrayRef<int64_t>{c});
            Value at = arith::AddIOp::create(b, channel, index(c));
            vector::TransferWriteOp::create(b, pixelsOfChannel, y,
                                            ValueRange{n, at, row, firstPixel},
                                            ArrayRef<bool>{wholeRows});
          }
        }
      });
    }
    b.setInsertionPointAfter(forall);
    return bufferization::ToTensorOp::create(
        b, RankedTensorType::get(yType.getShape(), f32), y, /*restrict=*/true,
        /*writable=*/true);
  }

  Value toBuffer(Value tensor) {
    return bufferization::ToBufferOp::create(b, bufferType(tensor.getType()),
                                             tensor, /*readOnly=*/true);
  }

private:
  ImplicitLocOpBuilder &b;
  const WinogradShape &s;
  Type f32;
  VectorType vec;
};

} // namespace

std::string mlir::kiln::getWinogradUnsupportedReason(Operation *op,
                                                     int64_t vectorBits,
                                                     int64_t minChannels) {
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
      llvm::any_of(conv.getPadding(), [](int64_t v) { return v != 1; }))
    return "not a 3x3 convolution with unit strides and dilations, padded by "
           "1, without groups";
  int64_t lanes = vectorBits / 32;
  int64_t c = inputType.getDimSize(1), k = type.getDimSize(1);
  if (type.getDimSize(2) % 2 != 0 || type.getDimSize(3) % 2 != 0)
    return "odd output rows or columns";
  if (c % lanes != 0 || k % (2 * lanes) != 0)
    return "input channels not whole vectors, or output channels not whole "
           "panels of two vectors";
  if (c < minChannels || k < minChannels)
    return "fewer channels than min-channels";
  if (!readFloatConstant(conv.getFilter()))
    return "filter not constant";
  return "";
}

void mlir::kiln::lowerConvToWinograd(Operation *op, int64_t vectorBits) {
  auto conv = cast<Conv2dOp>(op);
  auto inputType = cast<RankedTensorType>(conv.getInput().getType());
  auto type = cast<RankedTensorType>(conv.getType());
  WinogradShape s;
  s.batch = type.getDimSize(0);
  s.inChannels = inputType.getDimSize(1);
  s.outChannels = type.getDimSize(1);
  s.height = type.getDimSize(2);
  s.width = type.getDimSize(3);
  s.tileRows = s.height / 2;
  s.tileColumns = s.width / 2;
  s.tiles = s.batch * s.tileRows * s.tileColumns;
  s.lanes = vectorBits / 32;
  s.panel = 2 * s.lanes;
  Type f32 = type.getElementType();

  ImplicitLocOpBuilder b(op->getLoc(), op);
  WinogradBuilder builder(b, s);

  // The filter's 16 transforms, in panels.
  SmallVector<double> u =
      transformFilter(*readFloatConstant(conv.getFilter()), s);
  auto uType = RankedTensorType::get(
      {16, s.outChannels / s.panel, s.inChannels, s.panel}, f32);
  Value filter = arith::ConstantOp::create(
      b, uType, cast<TypedAttr>(buildFloatData(uType, u, "winograd_filter")));

  // The input channels last, padded by 1.
  Value input = conv.getInput();
  Value transposedInit = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{s.batch, s.height, s.width, s.inChannels}, f32);
  Value transposed = linalg::TransposeOp::create(b, input, transposedInit,
                                                 ArrayRef<int64_t>{0, 2, 3, 1})
                         ->getResult(0);
  Value zero = arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f));
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(1),
                                   b.getIndexAttr(1), b.getIndexAttr(0)};
  Value padded = tensor::PadOp::create(
      b,
      RankedTensorType::get({s.batch, s.height + 2, s.width + 2, s.inChannels},
                            f32),
      transposed, low, low, zero);

  Value v = builder.buildInputTransform(builder.toBuffer(padded));
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
    if (vectorBits < 64 || vectorBits % 64 != 0 || minChannels < 1) {
      getOperation().emitError()
          << "kiln-winograd-convs: vector-bits must be a positive multiple of "
             "64 and min-channels at least 1";
      return signalPassFailure();
    }
    SmallVector<Operation *> todo;
    getOperation().walk([&](Conv2dOp op) {
      std::string reason =
          getWinogradUnsupportedReason(op, vectorBits, minChannels);
      if (reason.empty()) {
        todo.push_back(op);
        return;
      }
      if (remarks)
        op.emitRemark() << "convolution not computed by Winograd: " << reason;
    });
    for (Operation *op : todo)
      lowerConvToWinograd(op, vectorBits);
  }
};

} // namespace
