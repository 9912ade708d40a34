//===- GpuFlashAttention.cpp - kiln.attention as one flash kernel ---------===//
//
// Replaces a kiln.attention on bf16/f16 tensors by one gpu.launch that
// computes it in the flash style on the tensor cores: a block of 4 (or 8)
// warps owns 16 query rows per warp, walks the keys in tiles of 64, keeps the
// scores of a tile in registers, updates a running row maximum and row sum
// (online softmax) and accumulates the output in registers. Q is loaded once
// into mma fragments; K and V tiles go through shared memory and are read
// with ldmatrix; S = Q K^T and O += P V are mma.sync m16n8k16 with f32
// accumulation. With a rotary embedding, Q is rotated in registers as it is
// loaded and every K tile as it is copied into shared memory, so rotated Q/K
// never reach device memory; the cos/sin table comes from the op's
// rope_tables or from a small kernel that fills it once per call.
//
// The pass runs on tensors, before kiln -> linalg: the kernel reads the
// operands through bufferization.to_buffer and writes a fresh buffer that
// becomes the op's result through bufferization.to_tensor.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cmath>

namespace mlir::kiln {
#define GEN_PASS_DEF_GPUFLASHATTENTION
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Keys per tile (a block owns 16 query rows per warp).
constexpr int64_t kKeyTile = 64;
/// Padding of a shared-memory row, in elements: rows of D + 8 elements put
/// the 8 rows an ldmatrix phase reads in 8 different groups of 4 banks.
constexpr int64_t kRowPad = 8;
/// Elements per 16-byte chunk of a 2-byte type.
constexpr int64_t kChunk = 8;

/// What the kernel needs to know about one attention.
struct FlashShape : AttentionSizes {
  Type element;
  // Warps per block, 16 query rows each.
  int64_t warps = 4;
  // Rotate K tiles in the element type (bf16x2/f16x2 arithmetic, table in
  // the element type) instead of f32.
  bool ropeInElementType = false;
  int64_t blockRows() const { return 16 * warps; }
};

/// Why `op` cannot take the flash kernel, or empty when it can.
std::string unsupportedReason(AttentionOp op, FlashShape &shape) {
  auto query = cast<RankedTensorType>(op.getQuery().getType());
  auto key = cast<RankedTensorType>(op.getKey().getType());
  auto value = cast<RankedTensorType>(op.getValue().getType());
  if (!query.hasStaticShape() || !key.hasStaticShape() ||
      !value.hasStaticShape())
    return "dynamic shapes";
  shape.element = query.getElementType();
  if (!shape.element.isBF16() && !shape.element.isF16())
    return "element type is not bf16 or f16";
  if (op.getMask())
    return "an additive mask";
  static_cast<AttentionSizes &>(shape) = getAttentionSizes(op);
  if (shape.headDim % 16 || shape.valueDim % 16 || shape.headDim > 128 ||
      shape.valueDim > 128)
    return "head sizes must be multiples of 16 up to 128";
  if (shape.querySeq == 0 || shape.keySeq == 0)
    return "empty sequence";
  if (shape.rope && shape.rotaryDim % 16)
    return "rotary_dim must be a multiple of 16";
  return "";
}

/// Builds the kernel body. All register tiles are unrolled here, so their
/// elements are SSA values (never an indexed array in local memory).
class FlashBuilder {
public:
  FlashBuilder(OpBuilder &b, Location loc, const FlashShape &shape)
      : b(b), loc(loc), s(shape), f32(b.getF32Type()), i32(b.getI32Type()) {}

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value f(double v) {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value addi(Value x, int64_t c) { return c ? add(x, idx(c)) : x; }
  Value muli(Value x, int64_t c) { return mul(x, idx(c)); }
  Value divi(Value x, int64_t c) {
    return arith::DivUIOp::create(b, loc, x, idx(c));
  }
  Value remi(Value x, int64_t c) {
    return arith::RemUIOp::create(b, loc, x, idx(c));
  }
  Value minIdx(Value x, Value y) {
    return arith::MinSIOp::create(b, loc, x, y);
  }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, y);
  }
  Value fadd(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value fsub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value fmul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value fmax(Value x, Value y) {
    return arith::MaximumFOp::create(b, loc, x, y);
  }
  Value exp2(Value x) { return math::Exp2Op::create(b, loc, x); }


  /// `x` (a float or vector of floats) converted to element type `to`,
  /// through f32 where no direct conversion exists.
  Value convert(Value x, Type to) {
    auto vec = dyn_cast<VectorType>(x.getType());
    Type from = vec ? vec.getElementType() : x.getType();
    if (from == to)
      return x;
    auto typed = [&](Type t) -> Type {
      return vec ? Type(VectorType::get(vec.getShape(), t)) : t;
    };
    if (to == f32)
      return arith::ExtFOp::create(b, loc, typed(f32), x);
    if (from.getIntOrFloatBitWidth() > to.getIntOrFloatBitWidth() &&
        from == f32)
      return arith::TruncFOp::create(b, loc, typed(to), x);
    return convert(convert(x, f32), to);
  }

  /// The indices of element (batch, head, seq, feature) of a 4-D operand.
  SmallVector<Value> at(Value batch, Value head, Value seq, Value feature) {
    if (s.bhsd)
      return {batch, head, seq, feature};
    return {batch, seq, head, feature};
  }

  /// xor-shuffle within a quad of lanes (the 4 threads of one mma row).
  Value quadShuffle(Value v, int64_t mask) {
    Value offset = arith::ConstantIntOp::create(b, loc, mask, 32);
    Value width = arith::ConstantIntOp::create(b, loc, 32, 32);
    return gpu::ShuffleOp::create(b, loc, v, offset, width,
                                  gpu::ShuffleMode::XOR)
        .getShuffleResult();
  }

  /// A pair of f32 as the operand register of an mma (two packed 16-bit
  /// values: an i32 for bf16, vector<2xf16> for f16).
  Value pack(Value lo, Value hi) {
    Value l = arith::TruncFOp::create(b, loc, s.element, lo);
    Value h = arith::TruncFOp::create(b, loc, s.element, hi);
    Value vec = vector::FromElementsOp::create(
        b, loc, VectorType::get({2}, s.element), ValueRange{l, h});
    return operandRegister(vec);
  }
  Value operandRegister(Value pair) {
    if (s.element.isF16())
      return pair;
    Value word = vector::BitCastOp::create(
        b, loc, VectorType::get({1}, i32), pair);
    return vector::ExtractOp::create(b, loc, word, ArrayRef<int64_t>{0});
  }

  /// The 4 registers of an ldmatrix.x4 from `tile` at (row, col) of this
  /// lane.
  SmallVector<Value, 4> ldmatrix4(Value tile, Value row, Value col,
                                  bool transpose) {
    auto type = VectorType::get({4, 2}, s.element);
    Value regs = nvgpu::LdMatrixOp::create(b, loc, type, tile,
                                           ValueRange{row, col}, transpose,
                                           /*numTiles=*/4);
    SmallVector<Value, 4> result;
    for (int64_t i = 0; i < 4; ++i)
      result.push_back(operandRegister(
          vector::ExtractOp::create(b, loc, regs, ArrayRef<int64_t>{i})));
    return result;
  }

  /// d = a * b + c on one m16n8k16 tile.
  void mma(ArrayRef<Value> a, Value b0, Value b1,
           MutableArrayRef<Value> acc) {
    auto resultType = LLVM::LLVMStructType::getLiteral(
        b.getContext(), {f32, f32, f32, f32});
    NVVM::MMATypes ptx = s.element.isBF16() ? NVVM::MMATypes::bf16
                                            : NVVM::MMATypes::f16;
    Value d = NVVM::MmaOp::create(
        b, loc, resultType, a, ValueRange{b0, b1}, acc,
        ArrayRef<int64_t>{16, 8, 16}, std::nullopt, std::nullopt,
        std::array<NVVM::MMATypes, 2>{ptx, ptx},
        std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                       NVVM::MMALayout::col});
    for (int64_t i = 0; i < 4; ++i)
      acc[i] = LLVM::ExtractValueOp::create(b, loc, d, i);
  }

  /// Rotates the pair (x, partner) of the rotary embedding: x * c - p * s
  /// for the first of a pair, x * c + p * s for the second.
  Value rotate(Value x, Value partner, Value c, Value sn, bool first) {
    Value xc = fmul(x, c), ps = fmul(partner, sn);
    return first ? fsub(xc, ps) : fadd(xc, ps);
  }

  void build(Value query, Value key, Value value, Value output, Value cos,
             Value sin, Value keyTile, Value valueTile, gpu::LaunchOp launch);

private:
  OpBuilder &b;
  Location loc;
  const FlashShape &s;
  Type f32, i32;
};

void FlashBuilder::build(Value query, Value key, Value value, Value output,
                         Value cos, Value sin, Value keyTile, Value valueTile,
                         gpu::LaunchOp launch) {
  const int64_t D = s.headDim, Dv = s.valueDim;
  const int64_t numQueryBlocks = llvm::divideCeil(s.querySeq, s.blockRows());
  const int64_t numKeyTiles = llvm::divideCeil(s.keySeq, kKeyTile);
  const int64_t group = s.queryHeads / s.keyHeads;
  const int64_t offset = s.keySeq - s.querySeq; // causal: j <= i + offset
  const int64_t halfRot = s.rotaryDim / 2;

  // The heaviest causal blocks (last rows) first.
  Value queryBlock = arith::SubIOp::create(b, loc, idx(numQueryBlocks - 1),
                                           launch.getBlockIds().x);
  Value head = launch.getBlockIds().y;
  Value batch = launch.getBlockIds().z;
  Value keyHead = group == 1 ? head : divi(head, group);
  Value tid = launch.getThreadIds().x;
  Value warp = divi(tid, 32), lane = remi(tid, 32);
  Value g = divi(lane, 4), t = remi(lane, 4);
  Value blockRow0 = muli(queryBlock, s.blockRows());
  Value warpRow0 = add(blockRow0, muli(warp, 16));
  Value rows[2] = {add(warpRow0, g), addi(add(warpRow0, g), 8)};
  Value lastQuery = idx(s.querySeq - 1);
  Value rowsClamped[2] = {minIdx(rows[0], lastQuery),
                          minIdx(rows[1], lastQuery)};
  Value t2 = muli(t, 2);

  // cos and sin (vector<n x computeType> each) of table row `pos` for the
  // pair indices k .. k + n - 1: from the op's two tables, or from the
  // packed table (`sin` null) that holds (cos, sin) of pair k at columns
  // 2k, 2k + 1 (f16, or the element type with ropeInElementType).
  // `k` is a multiple of `n` and table rows hold a multiple of n pairs, so
  // every load is aligned to its size (up to 16 bytes): one wide load, not
  // one per element.
  auto alignedLoad = [&](Value table, Value row, Value col, int64_t n) {
    auto type = cast<MemRefType>(table.getType());
    Type element = type.getElementType();
    int64_t bytes = n * element.getIntOrFloatBitWidth() / 8;
    return vector::LoadOp::create(b, loc, VectorType::get({n}, element), table,
                                  ValueRange{row, col}, /*nontemporal=*/false,
                                  llvm::Align(std::min<int64_t>(bytes, 16)));
  };
  auto cosSinAt = [&](Value pos, Value k, int64_t n,
                      Type computeType) -> std::pair<Value, Value> {
    if (sin)
      return {convert(alignedLoad(cos, pos, k, n), computeType),
              convert(alignedLoad(sin, pos, k, n), computeType)};
    Value both =
        convert(alignedLoad(cos, pos, muli(k, 2), 2 * n), computeType);
    SmallVector<int64_t> even, odd;
    for (int64_t i = 0; i < n; ++i) {
      even.push_back(2 * i);
      odd.push_back(2 * i + 1);
    }
    return {vector::ShuffleOp::create(b, loc, both, both, even),
            vector::ShuffleOp::create(b, loc, both, both, odd)};
  };

  //===-------------------------------------------------------------------===//
  // Q fragments: pair (row, 8c + 2t, +1) for c < D / 8, rotated and packed.
  //===-------------------------------------------------------------------===//
  const int64_t qChunks = D / kChunk;
  SmallVector<Value> qPairs[2]; // [row][c] -> vector<2xf32>
  for (int r = 0; r < 2; ++r)
    for (int64_t c = 0; c < qChunks; ++c) {
      Value pair = vector::LoadOp::create(
          b, loc, VectorType::get({2}, s.element), query,
          at(batch, head, rowsClamped[r], add(idx(c * kChunk), t2)),
          /*nontemporal=*/false, llvm::Align(4));
      qPairs[r].push_back(convert(pair, f32));
    }
  auto lane2 = [&](Value v, int64_t i) -> Value {
    return vector::ExtractOp::create(b, loc, v, ArrayRef<int64_t>{i});
  };
  SmallVector<Value> qScalars[2]; // [row][2c + e] as f32
  for (int r = 0; r < 2; ++r)
    for (int64_t c = 0; c < qChunks; ++c)
      for (int64_t e = 0; e < 2; ++e)
        qScalars[r].push_back(lane2(qPairs[r][c], e));
  if (s.rope) {
    for (int r = 0; r < 2; ++r) {
      SmallVector<Value> rotated(qScalars[r]);
      for (int64_t c = 0; c < s.rotaryDim / kChunk; ++c) {
        // Pair index of the thread's two columns 8c + 2t + e.
        Value k, sinV, cosV;
        if (s.half) {
          int64_t cFirst = c % (halfRot / kChunk);
          k = add(idx(cFirst * kChunk), t2);
          std::tie(cosV, sinV) = cosSinAt(rowsClamped[r], k, 2, f32);
          bool first = c < halfRot / kChunk;
          int64_t partnerC = first ? c + halfRot / kChunk : c - halfRot / kChunk;
          for (int64_t e = 0; e < 2; ++e)
            rotated[2 * c + e] = rotate(qScalars[r][2 * c + e],
                                        qScalars[r][2 * partnerC + e],
                                        lane2(cosV, e), lane2(sinV, e), first);
        } else {
          k = add(idx(c * kChunk / 2), t);
          std::tie(cosV, sinV) = cosSinAt(rowsClamped[r], k, 1, f32);
          Value cs = lane2(cosV, 0), sn = lane2(sinV, 0);
          rotated[2 * c] = rotate(qScalars[r][2 * c], qScalars[r][2 * c + 1],
                                  cs, sn, true);
          rotated[2 * c + 1] = rotate(qScalars[r][2 * c + 1],
                                      qScalars[r][2 * c], cs, sn, false);
        }
      }
      qScalars[r] = rotated;
    }
  }
  // A fragments of k-step j: (g, 16j + 2t), (g + 8, 16j + 2t),
  // (g, 16j + 8 + 2t), (g + 8, 16j + 8 + 2t).
  SmallVector<SmallVector<Value, 4>> qFrag;
  for (int64_t j = 0; j < D / 16; ++j) {
    SmallVector<Value, 4> frag;
    for (int64_t half = 0; half < 2; ++half)
      for (int r = 0; r < 2; ++r) {
        int64_t c = 2 * j + half;
        frag.push_back(pack(qScalars[r][2 * c], qScalars[r][2 * c + 1]));
      }
    qFrag.push_back(frag);
  }

  //===-------------------------------------------------------------------===//
  // The loop over key tiles.
  //===-------------------------------------------------------------------===//
  // Causal: the block's last row sees keys up to lastRow + offset.
  Value numTiles = idx(numKeyTiles);
  if (s.causal) {
    Value lastRow = minIdx(addi(blockRow0, s.blockRows() - 1), lastQuery);
    Value seen = addi(lastRow, offset + 1); // keys the last row sees
    seen = arith::MaxSIOp::create(b, loc, seen, idx(0));
    Value tiles = divi(addi(seen, kKeyTile - 1), kKeyTile);
    numTiles = minIdx(tiles, numTiles);
  }

  const int64_t oTiles = Dv / 8, sTiles = kKeyTile / 8;
  Value negInf = f(-INFINITY), zero = f(0.0);
  SmallVector<Value> inits;
  for (int64_t i = 0; i < oTiles * 4; ++i)
    inits.push_back(zero);
  inits.append({negInf, negInf, zero, zero}); // m[2], l[2]

  auto loop = scf::ForOp::create(b, loc, idx(0), numTiles, idx(1), inits);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value tile = loop.getInductionVar();
    SmallVector<Value> carried(loop.getRegionIterArgs().begin(),
                               loop.getRegionIterArgs().end());
    MutableArrayRef<Value> acc(carried.data(), oTiles * 4);
    Value m[2] = {carried[oTiles * 4], carried[oTiles * 4 + 1]};
    Value l[2] = {carried[oTiles * 4 + 2], carried[oTiles * 4 + 3]};
    Value key0 = muli(tile, kKeyTile);

    // Shared tiles are rewritten: everyone is done reading the last ones.
    gpu::BarrierOp::create(b, loc);

    // Copies rows of `width` features of `src` into `dst` in 16-byte chunks,
    // `items` work items per row, rows past the sequence as zeros.
    auto vec8 = VectorType::get({kChunk}, s.element);
    auto copyTile = [&](int64_t items,
                        function_ref<void(Value row, Value keyPos,
                                          Value item)>
                            body) {
      int64_t total = kKeyTile * items;
      int64_t threads = 32 * s.warps;
      for (int64_t it = 0, e = llvm::divideCeil(total, threads); it < e; ++it) {
        Value item = addi(tid, it * threads);
        bool guarded = (it + 1) * threads > total;
        auto emit = [&]() {
          Value row = divi(item, items);
          Value within = remi(item, items);
          body(row, add(key0, row), within);
        };
        if (guarded) {
          auto inRange = scf::IfOp::create(b, loc, lt(item, idx(total)),
                                           /*withElseRegion=*/false);
          OpBuilder::InsertionGuard g2(b);
          b.setInsertionPointToStart(inRange.thenBlock());
          emit();
        } else {
          emit();
        }
      }
    };
    // A 16-byte chunk of `src` at (keyPos, col), zeros past the sequence.
    // Loads are never under a branch (rows are clamped, the zeros selected
    // afterwards), so that all of a thread's loads of a tile can be in
    // flight at once.
    auto loadChunk = [&](Value src, Value srcHead, Value keyPos,
                         Value col) -> Value {
      bool partial = s.keySeq % kKeyTile != 0;
      Value row = partial ? minIdx(keyPos, idx(s.keySeq - 1)) : keyPos;
      Value v = vector::LoadOp::create(b, loc, vec8, src,
                                       at(batch, srcHead, row, col),
                                       /*nontemporal=*/false, llvm::Align(16));
      if (!partial)
        return v;
      Value zeros = arith::ConstantOp::create(
          b, loc, vec8,
          DenseElementsAttr::get(vec8, b.getFloatAttr(s.element, 0.0)));
      return arith::SelectOp::create(b, loc, lt(keyPos, idx(s.keySeq)), v,
                                     zeros);
    };
    auto storeChunk = [&](Value v, Value dst, Value row, Value col) {
      vector::StoreOp::create(b, loc, v, dst, ValueRange{row, col},
                              /*nontemporal=*/false, llvm::Align(16));
    };
    // Table rows past the sequence are never used (their keys are zeros);
    // clamp so the loads stay inside the table.
    auto tableRow = [&](Value keyPos) {
      return minIdx(keyPos, idx(s.keySeq - 1));
    };
    auto select = [&](Value cond, Value x, Value y) -> Value {
      return arith::SelectOp::create(b, loc, cond, x, y);
    };

    // K tile, rotated on the way into shared memory, in f32 or in the
    // element type.
    Type kType = s.ropeInElementType ? s.element : f32;
    if (s.rope && s.half) {
      // Items < pairItems rotate chunk `item` with its partner chunk
      // `item + r/16`; the others (features past rotary_dim) are copied.
      int64_t pairItems = halfRot / kChunk;
      int64_t plainItems = (D - s.rotaryDim) / kChunk;
      copyTile(pairItems + plainItems, [&](Value row, Value keyPos,
                                           Value item) {
        Value col = muli(item, kChunk);
        Value isPair;
        if (plainItems) {
          isPair = lt(item, idx(pairItems));
          Value plainCol = addi(muli(item, kChunk), halfRot);
          col = select(isPair, col, plainCol);
        }
        Value pcol = addi(col, halfRot);
        if (plainItems) // stays inside the row for the copied chunks
          pcol = select(isPair, pcol, col);
        Value kcol = plainItems ? select(isPair, col, idx(0)) : col;
        Value xRaw = loadChunk(key, keyHead, keyPos, col);
        Value pRaw = loadChunk(key, keyHead, keyPos, pcol);
        auto [c, sn] = cosSinAt(tableRow(keyPos), kcol, kChunk, kType);
        Value x = convert(xRaw, kType), p = convert(pRaw, kType);
        Value xr = convert(fsub(fmul(x, c), fmul(p, sn)), s.element);
        Value pr = convert(fadd(fmul(p, c), fmul(x, sn)), s.element);
        storeChunk(plainItems ? select(isPair, xr, xRaw) : xr, keyTile, row,
                   col);
        if (!plainItems) {
          storeChunk(pr, keyTile, row, pcol);
          return;
        }
        auto ifOp = scf::IfOp::create(b, loc, isPair, false);
        OpBuilder::InsertionGuard g2(b);
        b.setInsertionPointToStart(ifOp.thenBlock());
        storeChunk(pr, keyTile, row, pcol);
      });
    } else {
      int64_t rotChunks = s.rope ? s.rotaryDim / kChunk : 0;
      copyTile(D / kChunk, [&](Value row, Value keyPos, Value item) {
        Value col = muli(item, kChunk);
        Value chunk = loadChunk(key, keyHead, keyPos, col);
        if (rotChunks) {
          // Interleaved pairs (2i, 2i + 1) inside the chunk.
          bool all = rotChunks * kChunk == D;
          Value isRot = all ? Value() : lt(item, idx(rotChunks));
          Value k0 = divi(col, 2);
          if (!all)
            k0 = select(isRot, k0, idx(0));
          auto [c, sn] = cosSinAt(tableRow(keyPos), k0, kChunk / 2, kType);
          Value x = convert(chunk, kType);
          SmallVector<Value> out;
          for (int64_t i = 0; i < kChunk / 2; ++i) {
            Value x0 = lane2(x, 2 * i), x1 = lane2(x, 2 * i + 1);
            Value ci = lane2(c, i), si = lane2(sn, i);
            out.push_back(rotate(x0, x1, ci, si, true));
            out.push_back(rotate(x1, x0, ci, si, false));
          }
          Value rotated = convert(
              vector::FromElementsOp::create(
                  b, loc, VectorType::get({kChunk}, kType), out),
              s.element);
          chunk = all ? rotated : select(isRot, rotated, chunk);
        }
        storeChunk(chunk, keyTile, row, col);
      });
    }
    // V tile, as it is.
    copyTile(Dv / kChunk,
             [&](Value row, Value keyPos, Value item) {
               Value col = muli(item, kChunk);
               storeChunk(loadChunk(value, keyHead, keyPos, col), valueTile,
                          row, col);
             });
    gpu::BarrierOp::create(b, loc);

    // S = Q K^T for the warp's 16 rows and the tile's 64 keys: sTiles
    // accumulators of 4 (rows g, g + 8; keys 8n + 2t, +1).
    SmallVector<Value> sAcc(sTiles * 4, zero);
    Value mIdx = divi(lane, 8), rIdx = remi(lane, 8);
    for (int64_t j = 0; j < D / 16; ++j)
      for (int64_t np = 0; np < sTiles / 2; ++np) {
        // Matrices (keys 16np + 8(m/2) .., features 16j + 8(m%2) ..).
        Value row = add(idx(16 * np), add(muli(divi(mIdx, 2), 8), rIdx));
        Value col = add(idx(16 * j), muli(remi(mIdx, 2), 8));
        SmallVector<Value, 4> kb = ldmatrix4(keyTile, row, col, false);
        mma(qFrag[j], kb[0], kb[1],
            MutableArrayRef<Value>(sAcc).slice(8 * np, 4));
        mma(qFrag[j], kb[2], kb[3],
            MutableArrayRef<Value>(sAcc).slice(8 * np + 4, 4));
      }

    // Scale into the exp2 domain, then mask: causal, and keys past the
    // sequence. Only tiles that reach the diagonal or the end need it.
    double toLog2 = s.scale / std::log(2.0);
    for (Value &v : sAcc)
      v = fmul(v, f(toLog2));
    bool partialLast = s.keySeq % kKeyTile != 0;
    if (s.causal || partialLast) {
      Value tileEnd = addi(key0, kKeyTile - 1);
      Value cond;
      if (s.causal) // some key of the tile is hidden from the first row
        cond = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                     tileEnd, addi(blockRow0, offset));
      if (partialLast) {
        Value last = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                           tileEnd, idx(s.keySeq));
        cond = cond ? arith::OrIOp::create(b, loc, cond, last).getResult()
                    : last;
      }
      SmallVector<Type> types(sAcc.size(), f32);
      auto ifOp = scf::IfOp::create(b, loc, types, cond, true);
      {
        OpBuilder::InsertionGuard g2(b);
        b.setInsertionPointToStart(ifOp.thenBlock());
        SmallVector<Value> masked(sAcc);
        for (int64_t n = 0; n < sTiles; ++n)
          for (int64_t e = 0; e < 4; ++e) {
            Value j = add(addi(key0, 8 * n + (e & 1)), t2);
            Value i = rows[e / 2];
            Value hidden;
            if (s.causal)
              hidden = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                             j, addi(i, offset));
            if (partialLast) {
              Value past = arith::CmpIOp::create(
                  b, loc, arith::CmpIPredicate::sge, j, idx(s.keySeq));
              hidden = hidden ? arith::OrIOp::create(b, loc, hidden, past)
                                    .getResult()
                              : past;
            }
            masked[4 * n + e] = arith::SelectOp::create(
                b, loc, hidden, negInf, sAcc[4 * n + e]);
          }
        scf::YieldOp::create(b, loc, masked);
        b.setInsertionPointToStart(ifOp.elseBlock());
        scf::YieldOp::create(b, loc, sAcc);
      }
      for (auto [i, v] : llvm::enumerate(ifOp.getResults()))
        sAcc[i] = v;
    }

    // Online softmax, per row r (elements e = 2r, 2r + 1 of each tile).
    Value newM[2], newL[2], alpha[2];
    for (int r = 0; r < 2; ++r) {
      Value mx = negInf;
      for (int64_t n = 0; n < sTiles; ++n)
        mx = fmax(mx, fmax(sAcc[4 * n + 2 * r], sAcc[4 * n + 2 * r + 1]));
      mx = fmax(mx, quadShuffle(mx, 1));
      mx = fmax(mx, quadShuffle(mx, 2));
      newM[r] = fmax(m[r], mx);
      // A row that has seen only hidden keys keeps -inf: use 0 as the base
      // so that exp2 gives 0, not NaN.
      Value isInf = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                          newM[r], negInf);
      Value base = arith::SelectOp::create(b, loc, isInf, zero, newM[r]);
      alpha[r] = exp2(fsub(m[r], base));
      Value sum = zero;
      for (int64_t n = 0; n < sTiles; ++n)
        for (int64_t e = 0; e < 2; ++e) {
          Value &v = sAcc[4 * n + 2 * r + e];
          v = exp2(fsub(v, base));
          sum = fadd(sum, v);
        }
      newL[r] = fadd(fmul(l[r], alpha[r]), sum);
    }
    for (int64_t n = 0; n < oTiles; ++n)
      for (int64_t e = 0; e < 4; ++e)
        acc[4 * n + e] = fmul(acc[4 * n + e], alpha[e / 2]);

    // O += P V: P's accumulators are the A fragments of the next mma.
    for (int64_t j = 0; j < kKeyTile / 16; ++j) {
      SmallVector<Value, 4> pFrag = {
          pack(sAcc[8 * j + 0], sAcc[8 * j + 1]),
          pack(sAcc[8 * j + 2], sAcc[8 * j + 3]),
          pack(sAcc[8 * j + 4], sAcc[8 * j + 5]),
          pack(sAcc[8 * j + 6], sAcc[8 * j + 7])};
      for (int64_t np = 0; np < oTiles / 2; ++np) {
        // Matrices (keys 16j + 8(m%2) .., features 16np + 8(m/2) ..),
        // transposed.
        Value row = add(idx(16 * j), add(muli(remi(mIdx, 2), 8), rIdx));
        Value col = add(idx(16 * np), muli(divi(mIdx, 2), 8));
        SmallVector<Value, 4> vb = ldmatrix4(valueTile, row, col, true);
        mma(pFrag, vb[0], vb[1], acc.slice(8 * np, 4));
        mma(pFrag, vb[2], vb[3], acc.slice(8 * np + 4, 4));
      }
    }

    SmallVector<Value> next(acc.begin(), acc.end());
    next.append({newM[0], newM[1], newL[0], newL[1]});
    scf::YieldOp::create(b, loc, next);
  }

  // O / l, rows that saw no key are 0; store the pairs (row, 8n + 2t, +1).
  SmallVector<Value> results(loop.getResults().begin(),
                             loop.getResults().end());
  for (int r = 0; r < 2; ++r) {
    Value sum = results[oTiles * 4 + 2 + r];
    sum = fadd(sum, quadShuffle(sum, 1));
    sum = fadd(sum, quadShuffle(sum, 2));
    Value empty = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                        sum, zero);
    Value inv = arith::SelectOp::create(
        b, loc, empty, zero, arith::DivFOp::create(b, loc, f(1.0), sum));
    auto inSeq = scf::IfOp::create(b, loc, lt(rows[r], idx(s.querySeq)),
                                   /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(inSeq.thenBlock());
    for (int64_t n = 0; n < oTiles; ++n) {
      Value lo = fmul(results[4 * n + 2 * r], inv);
      Value hi = fmul(results[4 * n + 2 * r + 1], inv);
      Value pair = vector::FromElementsOp::create(
          b, loc, VectorType::get({2}, s.element),
          ValueRange{arith::TruncFOp::create(b, loc, s.element, lo),
                     arith::TruncFOp::create(b, loc, s.element, hi)});
      vector::StoreOp::create(b, loc, pair, output,
                              at(batch, head, rows[r], add(idx(8 * n), t2)),
                              /*nontemporal=*/false, llvm::Align(4));
    }
  }
}

/// Fills the [rows, r] f16 table of a rotary embedding with (cos, sin) of
/// pair k at columns (2k, 2k + 1), for the angles (p + offset) *
/// theta^(-2k / r) computed as kiln.rope computes them (frequencies in
/// double rounded to f32, angle and cos/sin in f32), then rounded to f16
/// (relative error at most 2^-11, below the bf16/f16 rounding of the
/// rotated values).
void buildRopeTables(OpBuilder &b, Location loc, const FlashShape &s,
                     int64_t rows, Value table) {
  int64_t pairs = s.rotaryDim / 2, total = rows * pairs, threads = 256;
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto launch = gpu::LaunchOp::create(
      b, loc, arith::ConstantIndexOp::create(b, loc, llvm::divideCeil(total, threads)),
      one, one, arith::ConstantIndexOp::create(b, loc, threads), one, one);
  launch->setAttr("kiln.kernel_kind", b.getStringAttr("rope_table"));
  Block &body = launch.getBody().front();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(&body);
  auto terminator = gpu::TerminatorOp::create(b, loc);
  b.setInsertionPoint(terminator);
  Value id = arith::AddIOp::create(
      b, loc,
      arith::MulIOp::create(b, loc, launch.getBlockIds().x,
                            arith::ConstantIndexOp::create(b, loc, threads)),
      launch.getThreadIds().x);
  Value inRange = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::slt, id,
      arith::ConstantIndexOp::create(b, loc, total));
  auto ifOp = scf::IfOp::create(b, loc, inRange, false);
  b.setInsertionPointToStart(ifOp.thenBlock());
  Value pIdx = arith::DivUIOp::create(
      b, loc, id, arith::ConstantIndexOp::create(b, loc, pairs));
  Value kIdx = arith::RemUIOp::create(
      b, loc, id, arith::ConstantIndexOp::create(b, loc, pairs));
  SmallVector<float> invFreq;
  for (int64_t k = 0; k < pairs; ++k)
    invFreq.push_back(static_cast<float>(
        std::pow(s.theta, -2.0 * double(k) / double(s.rotaryDim))));
  auto freqType = VectorType::get({pairs}, b.getF32Type());
  Value freqs = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(freqType, ArrayRef<float>(invFreq)));
  Value freq =
      vector::ExtractOp::create(b, loc, freqs, ArrayRef<OpFoldResult>{kIdx});
  Value pos = arith::AddIOp::create(
      b, loc, pIdx, arith::ConstantIndexOp::create(b, loc, s.positionOffset));
  Value posF = arith::UIToFPOp::create(
      b, loc, b.getF32Type(),
      arith::IndexCastUIOp::create(b, loc, b.getI64Type(), pos));
  Value angle = arith::MulFOp::create(b, loc, posF, freq);
  Type f16 = cast<MemRefType>(table.getType()).getElementType();
  Value pair = vector::FromElementsOp::create(
      b, loc, VectorType::get({2}, f16),
      ValueRange{arith::TruncFOp::create(b, loc, f16,
                                         math::CosOp::create(b, loc, angle)),
                 arith::TruncFOp::create(b, loc, f16,
                                         math::SinOp::create(b, loc, angle))});
  Value col = arith::MulIOp::create(
      b, loc, kIdx, arith::ConstantIndexOp::create(b, loc, 2));
  vector::StoreOp::create(b, loc, pair, table, ValueRange{pIdx, col},
                          /*nontemporal=*/false, llvm::Align(4));
}

/// The identity-layout memref type of a tensor type.
MemRefType bufferType(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

void rewrite(AttentionOp op, const FlashShape &shape) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto toBuffer = [&](Value tensor) -> Value {
    return bufferization::ToBufferOp::create(
        b, loc, bufferType(tensor.getType()), tensor, /*readOnly=*/true);
  };
  Value query = toBuffer(op.getQuery());
  Value key = toBuffer(op.getKey());
  Value value = toBuffer(op.getValue());
  auto resultType = cast<RankedTensorType>(op.getType());
  Value output = memref::AllocOp::create(b, loc, bufferType(resultType));

  Value cos, sin;
  if (shape.rope) {
    if (op.getRopeCos()) {
      cos = toBuffer(op.getRopeCos());
      sin = toBuffer(op.getRopeSin());
    } else {
      int64_t rows = std::max(shape.querySeq, shape.keySeq);
      auto tableType =
          MemRefType::get({rows, shape.rotaryDim},
                          shape.ropeInElementType ? shape.element
                                                  : b.getF16Type());
      cos = memref::AllocOp::create(b, loc, tableType);
      buildRopeTables(b, loc, shape, rows, cos);
    }
  }

  // Shared memory as NVPTX's address space 3 (nvgpu.ldmatrix lowers only
  // integer memory spaces).
  Attribute workgroup = b.getI64IntegerAttr(3);
  auto keyTileType = MemRefType::get({kKeyTile, shape.headDim + kRowPad},
                                     shape.element, nullptr, workgroup);
  auto valueTileType = MemRefType::get({kKeyTile, shape.valueDim + kRowPad},
                                       shape.element, nullptr, workgroup);
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  auto launch = gpu::LaunchOp::create(
      b, loc, c(llvm::divideCeil(shape.querySeq, shape.blockRows())),
      c(shape.queryHeads), c(shape.batch), c(shape.warps * 32), c(1), c(1),
      /*dynamicSharedMemorySize=*/nullptr, /*asyncTokenType=*/nullptr,
      /*asyncDependencies=*/{}, TypeRange{keyTileType, valueTileType});
  launch->setAttr("kiln.kernel_kind", b.getStringAttr("flash_attention"));
  {
    OpBuilder::InsertionGuard guard(b);
    Block &body = launch.getBody().front();
    b.setInsertionPointToEnd(&body);
    auto terminator = gpu::TerminatorOp::create(b, loc);
    b.setInsertionPoint(terminator);
    FlashBuilder builder(b, loc, shape);
    builder.build(query, key, value, output, cos, sin,
                  launch.getWorkgroupAttributions()[0],
                  launch.getWorkgroupAttributions()[1], launch);
  }
  Value result = bufferization::ToTensorOp::create(
      b, loc, resultType, output, /*restrict=*/true, /*writable=*/true);
  op.getResult().replaceAllUsesWith(result);
  op.erase();
}

struct GpuFlashAttentionPass
    : kiln::impl::GpuFlashAttentionBase<GpuFlashAttentionPass> {
  using GpuFlashAttentionBase::GpuFlashAttentionBase;

  void runOnOperation() override {
    if (warps != 4 && warps != 8) {
      getOperation().emitError()
          << "kiln-gpu-flash-attention: warps must be 4 or 8, not "
          << static_cast<int64_t>(warps);
      return signalPassFailure();
    }
    SmallVector<std::pair<AttentionOp, FlashShape>> todo;
    getOperation().walk([&](AttentionOp op) {
      FlashShape shape;
      std::string reason = unsupportedReason(op, shape);
      shape.warps = warps;
      shape.ropeInElementType = ropeInElementType;
      if (reason.empty()) {
        todo.push_back({op, shape});
        return;
      }
      if (remarks)
        op.emitRemark() << "attention keeps the unfused lowering: " << reason;
    });
    for (auto &[op, shape] : todo)
      rewrite(op, shape);
  }
};

} // namespace
