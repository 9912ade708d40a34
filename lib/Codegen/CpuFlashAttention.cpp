//===- CpuFlashAttention.cpp - kiln.attention as a flash-style CPU kernel -===//
//
// Replaces a kiln.attention on f32 tensors (no additive mask, static shapes)
// by an scf.forall over (batch, query head, block of BQ queries) whose body is
// written with vector ops on buffers: the flash-attention loop with an online
// softmax, in which the S x S scores never reach memory (only a BK x BQ tile
// of them, in a stack buffer) and, with a rotary embedding, rotated Q and K
// never reach memory either (Q is rotated once per query block, each key
// block of K as it is loaded).
//
// The kernel works with the queries along the vector lanes:
//
//   QT[d][q]  = scale * rope(Q)[i0 + q][d]          (once per query block)
//   for each key block [j0, j0 + BK), j0 < kEnd (causal: blocks entirely
//   above the diagonal are skipped):
//     Kr[j][d] = rope(K)[j0 + j][d]                 (rope only)
//     ST[j][q] = sum_d K(r)[j][d] * QT[d][q]        (broadcast-FMA)
//                -inf where causal hides the key
//     m' = max(m, max_j ST[j][q]), alpha = exp(m - m'), P = exp(ST - m')
//     l = l * alpha + sum_j P[j][q],  OT[e][q] = OT[e][q] * alpha
//     OT[e][q] += sum_j V[j0 + j][e] * P[j][q]      (broadcast-FMA)
//   out[i0 + q][e] = OT[e][q] / l[q]                (0 when l = 0)
//
// Both products are rank-1 updates of a register tile of R rows x Cq vectors
// of queries by a broadcast scalar (K or V) times a vector (of QT or P): the
// row maximum, the exponentials and the rescaling of the output are all
// elementwise across query lanes (no horizontal reduction), K and V are read
// in their own row-major layout (no transpose), and only Q and the output are
// transposed, once per query block. Head sizes need not be multiples of the
// vector width.
//
// Operands are read through bufferization.to_buffer and the result is a new
// buffer returned through bufferization.to_tensor, as in the GPU flash pass;
// the body's scratch buffers are memref.alloca in a memref.alloca_scope (the
// stack is released after every tile). kiln-forall-to-parallel-for turns the
// scf.forall into thread tasks.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Passes.h"
#include "kiln/Codegen/Transforms.h"

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <cmath>

namespace mlir::kiln {
#define GEN_PASS_DEF_CPUFLASHATTENTION
#include "kiln/Codegen/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// What the kernel needs to know about one attention.
struct FlashShape : AttentionSizes {
  // Blocking.
  int64_t lanes, queryBlock, keyBlock;
};

} // namespace

/// The largest number of (position, pair) entries of a compile-time rope
/// table (two f32 tables of this many entries are embedded in the model).
static constexpr int64_t kMaxRopeTableEntries = int64_t(1) << 22;
/// The largest head size (D or Dv) the kernel takes.
static constexpr int64_t kMaxHeadSize = 1024;

std::string mlir::kiln::getCpuFlashAttentionUnsupportedReason(Operation *op) {
  auto attention = dyn_cast<AttentionOp>(op);
  if (!attention)
    return "not a kiln.attention";
  auto query = cast<RankedTensorType>(attention.getQuery().getType());
  auto key = cast<RankedTensorType>(attention.getKey().getType());
  auto value = cast<RankedTensorType>(attention.getValue().getType());
  if (!query.hasStaticShape() || !key.hasStaticShape() ||
      !value.hasStaticShape())
    return "dynamic shapes";
  if (!query.getElementType().isF32())
    return "element type is not f32";
  if (attention.getMask())
    return "an additive mask";
  if (llvm::is_contained(query.getShape(), 0) ||
      llvm::is_contained(key.getShape(), 0) ||
      llvm::is_contained(value.getShape(), 0))
    return "an empty dimension";
  // The scratch buffers of a tile (about 4 * 64 * (3 D + 2 Dv) bytes) live
  // on the stack of a worker thread.
  if (query.getDimSize(3) > kMaxHeadSize || value.getDimSize(3) > kMaxHeadSize)
    return "a head size above 1024";
  if (RopeAttr rope = attention.getRopeAttr()) {
    if (!attention.getRopeCos()) {
      bool bhsd = attention.getLayout() == SequenceLayout::BHSD;
      unsigned seqPos = bhsd ? 2 : 1;
      int64_t rows =
          std::max(query.getDimSize(seqPos), key.getDimSize(seqPos));
      int64_t pairs = rope.getRotaryDim().value_or(query.getDimSize(3)) / 2;
      if (rows * pairs > kMaxRopeTableEntries)
        return "the rope table would have more than 2^22 entries";
    }
  }
  return "";
}

namespace {

FlashShape getShape(AttentionOp op, int64_t lanes, int64_t queryBlock,
                    int64_t keyBlock) {
  FlashShape s;
  static_cast<AttentionSizes &>(s) = getAttentionSizes(op);
  s.lanes = lanes;
  // A query block of a whole number of vectors, no larger than needed.
  s.queryBlock =
      std::min<int64_t>(queryBlock, llvm::alignTo(s.querySeq, lanes));
  s.keyBlock = std::min(keyBlock, s.keySeq);
  return s;
}

/// Builds the body of one tile of the kernel.
class FlashBuilder {
public:
  FlashBuilder(ImplicitLocOpBuilder &b, const FlashShape &shape)
      : b(b), s(shape), f32(b.getF32Type()),
        vec(VectorType::get({shape.lanes}, b.getF32Type())) {}

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value minIdx(Value x, Value y) { return arith::MinSIOp::create(b, x, y); }
  Value maxIdx(Value x, Value y) { return arith::MaxSIOp::create(b, x, y); }
  Value fconst(Type type, double v) {
    if (auto vt = dyn_cast<VectorType>(type))
      return arith::ConstantOp::create(
          b, DenseElementsAttr::get(vt, b.getFloatAttr(f32, v)));
    return arith::ConstantOp::create(b, b.getFloatAttr(type, v));
  }
  Value fadd(Value x, Value y) { return arith::AddFOp::create(b, x, y); }
  Value fsub(Value x, Value y) { return arith::SubFOp::create(b, x, y); }
  Value fmul(Value x, Value y) { return arith::MulFOp::create(b, x, y); }
  Value fma(Value x, Value y, Value acc) {
    return vector::FMAOp::create(b, x, y, acc);
  }
  Value splat(Value scalar, VectorType type) {
    return vector::BroadcastOp::create(b, type, scalar);
  }

  /// `x` (a float or a vector of floats) as f32.
  Value toF32(Value x) {
    auto vt = dyn_cast<VectorType>(x.getType());
    Type from = vt ? vt.getElementType() : x.getType();
    if (from.isF32())
      return x;
    Type to = vt ? Type(VectorType::get(vt.getShape(), f32)) : f32;
    if (from.getIntOrFloatBitWidth() < 32)
      return arith::ExtFOp::create(b, to, x);
    return arith::TruncFOp::create(b, to, x);
  }

  /// Indices of element (batch, head, seq, feature) of a 4-D operand.
  SmallVector<Value> at(Value batch, Value head, Value seq, Value feature) {
    if (s.bhsd)
      return {batch, head, seq, feature};
    return {batch, seq, head, feature};
  }

  /// A static-step scf.for from `lb` to `ub`; `body(iv)`.
  void loop(Value lb, Value ub, int64_t step,
            function_ref<void(Value)> body) {
    scf::ForOp::create(b, lb, ub, idx(step), ValueRange{},
                       [&](OpBuilder &nested, Location loc, Value iv,
                           ValueRange) {
                         OpBuilder::InsertionGuard guard(b);
                         b.setInsertionPoint(nested.getInsertionBlock(),
                                             nested.getInsertionPoint());
                         body(iv);
                         scf::YieldOp::create(b);
                       });
  }

  /// A static-step scf.for carrying `init`; `body(iv, args)` returns the
  /// next values.
  ValueRange loopCarry(Value lb, Value ub, int64_t step, ValueRange init,
                       function_ref<SmallVector<Value>(Value, ValueRange)>
                           body) {
    auto op = scf::ForOp::create(
        b, lb, ub, idx(step), init,
        [&](OpBuilder &nested, Location loc, Value iv, ValueRange args) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          scf::YieldOp::create(b, body(iv, args));
        });
    return op.getResults();
  }

  /// Runs `chunk(d, w)` over [lo, hi) (static) in chunks of `width`
  /// features, then the rest in chunks of `tail` features.
  void chunks(int64_t lo, int64_t hi, int64_t width, int64_t tail,
              function_ref<void(Value, int64_t)> chunk) {
    if (hi <= lo)
      return;
    int64_t full = lo + (hi - lo) / width * width;
    if (full > lo)
      loop(idx(lo), idx(full), width, [&](Value d) { chunk(d, width); });
    if (hi > full)
      loop(idx(full), idx(hi), tail, [&](Value d) { chunk(d, tail); });
  }

  /// A vector of `w` elements of table row `pos` from column `k`, as f32.
  Value tableLoad(Value table, Value pos, Value k, int64_t w) {
    auto type = cast<MemRefType>(table.getType());
    return toF32(vector::LoadOp::create(
        b, VectorType::get({w}, type.getElementType()), table,
        ValueRange{pos, k}));
  }

  /// Writes rope(src[b, head, seq, :]) (or the row itself without rope) at
  /// sequence position `seq` into dst[row, :] (a [rows, D] buffer).
  void rotateRow(Value src, Value batch, Value head, Value seq, Value dst,
                 Value row, Value cos, Value sin) {
    int64_t w = s.lanes, depth = s.headDim;
    auto vecOf = [&](int64_t n) { return VectorType::get({n}, f32); };
    auto load = [&](Value d, int64_t n) -> Value {
      return vector::LoadOp::create(b, vecOf(n), src, at(batch, head, seq, d));
    };
    auto store = [&](Value v, Value d) {
      vector::StoreOp::create(b, v, dst, ValueRange{row, d});
    };
    int64_t r = s.rope ? s.rotaryDim : 0, n = r / 2;
    if (s.rope && s.half) {
      // First half: x[d] c[d] - x[d + n] s[d]; second: x[d] c[d - n] +
      // x[d - n] s[d - n].
      chunks(0, n, w, 1, [&](Value d, int64_t cw) {
        Value x = load(d, cw), y = load(add(d, idx(n)), cw);
        Value c = tableLoad(cos, seq, d, cw), sn = tableLoad(sin, seq, d, cw);
        store(fsub(fmul(x, c), fmul(y, sn)), d);
      });
      chunks(n, r, w, 1, [&](Value d, int64_t cw) {
        Value k = sub(d, idx(n));
        Value x = load(d, cw), y = load(k, cw);
        Value c = tableLoad(cos, seq, k, cw), sn = tableLoad(sin, seq, k, cw);
        store(fadd(fmul(x, c), fmul(y, sn)), d);
      });
    } else if (s.rope) {
      // Pairs (2k, 2k + 1): x * c2 + swap(x) * (-s, s), c2 / s2 the table
      // values duplicated into both lanes of a pair.
      // Chunks of whole pairs: an even width.
      chunks(0, r, std::max<int64_t>(w - w % 2, 2), 2, [&](Value d, int64_t cw) {
        Value x = load(d, cw);
        SmallVector<int64_t> swapMask, dupMask;
        SmallVector<float> signs;
        for (int64_t i = 0; i < cw; ++i) {
          swapMask.push_back(i ^ 1);
          dupMask.push_back(i / 2);
          signs.push_back(i % 2 ? 1.0f : -1.0f);
        }
        Value k = arith::DivUIOp::create(b, d, idx(2));
        Value c = tableLoad(cos, seq, k, cw / 2);
        Value sn = tableLoad(sin, seq, k, cw / 2);
        c = vector::ShuffleOp::create(b, c, c, dupMask);
        sn = vector::ShuffleOp::create(b, sn, sn, dupMask);
        Value y = vector::ShuffleOp::create(b, x, x, swapMask);
        Value sign = arith::ConstantOp::create(
            b, DenseElementsAttr::get(vecOf(cw), ArrayRef<float>(signs)));
        store(fadd(fmul(x, c), fmul(y, fmul(sn, sign))), d);
      });
    }
    chunks(r, depth, w, 1, [&](Value d, int64_t cw) { store(load(d, cw), d); });
  }

  /// Register tiles of rank-1 updates, for rows a in [aBegin, aEnd):
  ///   acc[a][q..] = init(a, q) + sum_{k < kEnd} A(a, k) * B(k, q..)
  ///   finish(a, q, acc)
  /// over every query vector q of the block, R rows x Cq vectors at a time
  /// (the remainder in tiles of R / 2, R / 4, ... rows).
  void rankUpdates(Value aBegin, Value aEnd, Value kEnd,
                   function_ref<Value(Value, Value)> scalarA,
                   function_ref<Value(Value, Value)> vectorB,
                   function_ref<Value(Value, Value)> init,
                   function_ref<void(Value, Value, Value)> finish) {
    // Cq vectors of queries (a divisor of the block's vectors) x R rows of
    // accumulators, with the Cq vectors of B and one broadcast also in
    // registers (16 vector registers, 32 with AVX-512): the most FMAs per
    // load.
    int64_t vectors = s.queryBlock / s.lanes;
    int64_t registers = s.lanes >= 16 ? 32 : 16;
    int64_t cq = 1, rows = 1;
    for (int64_t c = 1; c <= vectors; ++c) {
      if (vectors % c)
        continue;
      int64_t r = std::min<int64_t>((registers - 1 - c) / c, 8);
      if (r < 1)
        break;
      // FMAs per load: r * c / (r + c); ties go to more rows.
      if (r * c * (rows + cq) > rows * cq * (r + c))
        cq = c, rows = r;
    }
    auto tile = [&](Value a0, int64_t nr) {
      loop(idx(0), idx(s.queryBlock), cq * s.lanes, [&](Value q0) {
        SmallVector<Value> qs, as, accs;
        for (int64_t c = 0; c < cq; ++c)
          qs.push_back(add(q0, idx(c * s.lanes)));
        for (int64_t r = 0; r < nr; ++r)
          as.push_back(add(a0, idx(r)));
        for (int64_t r = 0; r < nr; ++r)
          for (int64_t c = 0; c < cq; ++c)
            accs.push_back(init(as[r], qs[c]));
        ValueRange result = loopCarry(
            idx(0), kEnd, 1, accs,
            [&](Value k, ValueRange args) -> SmallVector<Value> {
              SmallVector<Value> bs, next;
              for (int64_t c = 0; c < cq; ++c)
                bs.push_back(vectorB(k, qs[c]));
              for (int64_t r = 0; r < nr; ++r) {
                Value a = splat(scalarA(as[r], k), vec);
                for (int64_t c = 0; c < cq; ++c)
                  next.push_back(fma(a, bs[c], args[r * cq + c]));
              }
              return next;
            });
        for (int64_t r = 0; r < nr; ++r)
          for (int64_t c = 0; c < cq; ++c)
            finish(as[r], qs[c], result[r * cq + c]);
      });
    };
    // Tiles of R rows, then of R / 2 rows, ..., then single rows (a single
    // row loads as many vectors per FMA as it multiplies).
    Value begin = aBegin;
    for (int64_t r = rows; r > 1; r /= 2) {
      Value count = sub(aEnd, begin);
      Value end =
          add(begin, mul(arith::DivUIOp::create(b, count, idx(r)), idx(r)));
      loop(begin, end, r, [&](Value a0) { tile(a0, r); });
      begin = end;
    }
    loop(begin, aEnd, 1, [&](Value a0) { tile(a0, 1); });
  }

  /// The kernel body for tile (batch, head, query block `qb`).
  void build(Value query, Value key, Value value, Value output, Value cos,
             Value sin, Value batch, Value head, Value qb) {
    int64_t bq = s.queryBlock, bk = s.keyBlock, w = s.lanes;
    int64_t group = s.queryHeads / s.keyHeads;
    Value kvHead = group == 1 ? head : arith::DivUIOp::create(b, head, idx(group));
    Value zero = idx(0);
    Value i0 = mul(qb, idx(bq));
    Value queries = minIdx(idx(bq), sub(idx(s.querySeq), i0));

    auto buffer = [&](ArrayRef<int64_t> shape) -> Value {
      return memref::AllocaOp::create(b, MemRefType::get(shape, f32),
                                      b.getI64IntegerAttr(64));
    };
    Value qt = buffer({s.headDim, bq});
    Value st = buffer({bk, bq});
    Value ot = buffer({s.valueDim, bq});
    Value rowMax = buffer({bq});
    Value rowSum = buffer({bq});
    Value rotated = s.rope ? buffer({bk, s.headDim}) : Value();
    Value qRow = s.rope ? buffer({1, s.headDim}) : Value();

    Value vZero = fconst(vec, 0.0), vNegInf = fconst(vec, -INFINITY);
    loop(zero, idx(bq), w, [&](Value q) {
      vector::StoreOp::create(b, vNegInf, rowMax, ValueRange{q});
      vector::StoreOp::create(b, vZero, rowSum, ValueRange{q});
      loop(zero, idx(s.valueDim), 1, [&](Value e) {
        vector::StoreOp::create(b, vZero, ot, ValueRange{e, q});
      });
    });

    // QT[d][q] = scale * rope(Q)[i0 + q][d]; 0 for queries past the end.
    Value scale = fconst(f32, s.scale);
    loop(zero, queries, 1, [&](Value q) {
      Value i = add(i0, q);
      if (s.rope)
        rotateRow(query, batch, head, i, qRow, zero, cos, sin);
      loop(zero, idx(s.headDim), 1, [&](Value d) {
        Value x = s.rope
                      ? memref::LoadOp::create(b, qRow, ValueRange{zero, d})
                            .getResult()
                      : memref::LoadOp::create(b, query, at(batch, head, i, d))
                            .getResult();
        memref::StoreOp::create(b, fmul(x, scale), qt, ValueRange{d, q});
      });
    });
    loop(queries, idx(bq), 1, [&](Value q) {
      Value zeroF = fconst(f32, 0.0);
      loop(zero, idx(s.headDim), 1, [&](Value d) {
        memref::StoreOp::create(b, zeroF, qt, ValueRange{d, q});
      });
    });

    // Keys [0, kEnd): causal hides key j from query i when
    // j > i + Skv - Sq; the last query of the block sees the most.
    int64_t shift = s.keySeq - s.querySeq;
    Value kEnd = idx(s.keySeq);
    if (s.causal)
      kEnd = maxIdx(zero, minIdx(kEnd, add(add(i0, queries), idx(shift))));

    loop(zero, kEnd, bk, [&](Value j0) {
      Value keys = minIdx(idx(bk), sub(kEnd, j0));
      if (s.rope)
        loop(zero, keys, 1, [&](Value j) {
          rotateRow(key, batch, kvHead, add(j0, j), rotated, j, cos, sin);
        });

      // ST[j][q] = sum_d K[j0 + j][d] * QT[d][q], -inf where hidden.
      auto scalarK = [&](Value j, Value d) -> Value {
        if (s.rope)
          return memref::LoadOp::create(b, rotated, ValueRange{j, d});
        return memref::LoadOp::create(b, key, at(batch, kvHead, add(j0, j), d));
      };
      auto vectorQ = [&](Value d, Value q) -> Value {
        return vector::LoadOp::create(b, vec, qt, ValueRange{d, q});
      };
      auto zeroAcc = [&](Value, Value) -> Value { return vZero; };
      auto storeScores = [&](Value j, Value q, Value acc) {
        if (s.causal) {
          // Hidden: j0 + j > i0 + q + lane + shift, i.e.
          // lane < j0 + j - i0 - q - shift.
          Value limit = sub(sub(add(j0, j), add(i0, q)), idx(shift));
          auto i32Vec = VectorType::get({w}, b.getI32Type());
          SmallVector<int32_t> iota;
          for (int64_t l = 0; l < w; ++l)
            iota.push_back(l);
          Value lanes = arith::ConstantOp::create(
              b, DenseElementsAttr::get(i32Vec, ArrayRef<int32_t>(iota)));
          Value bound = splat(
              arith::IndexCastOp::create(b, b.getI32Type(), limit), i32Vec);
          Value hidden = arith::CmpIOp::create(b, arith::CmpIPredicate::slt,
                                               lanes, bound);
          acc = arith::SelectOp::create(b, hidden, vNegInf, acc);
        }
        vector::StoreOp::create(b, acc, st, ValueRange{j, q});
      };
      rankUpdates(zero, keys, idx(s.headDim), scalarK, vectorQ, zeroAcc,
                  storeScores);

      // Online softmax, one vector of queries at a time.
      loop(zero, idx(bq), w, [&](Value q) {
        Value mOld = vector::LoadOp::create(b, vec, rowMax, ValueRange{q});
        Value mNew = loopCarry(zero, keys, 1, mOld,
                               [&](Value j, ValueRange args) {
                                 Value x = vector::LoadOp::create(
                                     b, vec, st, ValueRange{j, q});
                                 return SmallVector<Value>{
                                     arith::MaximumFOp::create(b, args[0], x)};
                               })[0];
        // Rows that saw no key yet keep -inf; exponentials then use 0.
        Value none = arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, mNew,
                                           vNegInf);
        Value mSafe = arith::SelectOp::create(b, none, vZero, mNew);
        Value alpha = math::ExpOp::create(b, fsub(mOld, mSafe));
        Value sum = loopCarry(zero, keys, 1, vZero,
                              [&](Value j, ValueRange args) {
                                Value x = vector::LoadOp::create(
                                    b, vec, st, ValueRange{j, q});
                                Value p = math::ExpOp::create(b, fsub(x, mSafe));
                                vector::StoreOp::create(b, p, st,
                                                        ValueRange{j, q});
                                return SmallVector<Value>{fadd(args[0], p)};
                              })[0];
        Value lOld = vector::LoadOp::create(b, vec, rowSum, ValueRange{q});
        vector::StoreOp::create(b, fma(lOld, alpha, sum), rowSum,
                                ValueRange{q});
        vector::StoreOp::create(b, mNew, rowMax, ValueRange{q});
        loop(zero, idx(s.valueDim), 1, [&](Value e) {
          Value o = vector::LoadOp::create(b, vec, ot, ValueRange{e, q});
          vector::StoreOp::create(b, fmul(o, alpha), ot, ValueRange{e, q});
        });
      });

      // OT[e][q] += sum_j V[j0 + j][e] * P[j][q].
      auto scalarV = [&](Value e, Value j) -> Value {
        return memref::LoadOp::create(b, value,
                                      at(batch, kvHead, add(j0, j), e));
      };
      auto vectorP = [&](Value j, Value q) -> Value {
        return vector::LoadOp::create(b, vec, st, ValueRange{j, q});
      };
      auto loadO = [&](Value e, Value q) -> Value {
        return vector::LoadOp::create(b, vec, ot, ValueRange{e, q});
      };
      auto storeO = [&](Value e, Value q, Value acc) {
        vector::StoreOp::create(b, acc, ot, ValueRange{e, q});
      };
      rankUpdates(zero, idx(s.valueDim), keys, scalarV, vectorP, loadO, storeO);
    });

    // out[i0 + q][e] = OT[e][q] / l[q], 0 for a query that saw no key.
    loop(zero, queries, 1, [&](Value q) {
      Value l = memref::LoadOp::create(b, rowSum, ValueRange{q});
      Value zeroF = fconst(f32, 0.0);
      Value empty = arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, l,
                                          zeroF);
      Value inv = arith::SelectOp::create(
          b, empty, zeroF, arith::DivFOp::create(b, fconst(f32, 1.0), l));
      Value i = add(i0, q);
      loop(zero, idx(s.valueDim), 1, [&](Value e) {
        Value o = memref::LoadOp::create(b, ot, ValueRange{e, q});
        memref::StoreOp::create(b, fmul(o, inv), output,
                                at(batch, head, i, e));
      });
    });
  }

private:
  ImplicitLocOpBuilder &b;
  const FlashShape &s;
  Type f32;
  VectorType vec;
};

/// The identity-layout memref type of a tensor type.
MemRefType bufferType(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

/// The [rows, r / 2] cos and sin tables of kiln.rope's computed angles:
/// inverse frequency, position and their product each rounded to f32, cos
/// and sin of that angle computed in double and rounded to f32.
std::pair<Value, Value> buildRopeTables(ImplicitLocOpBuilder &b,
                                        const FlashShape &s, int64_t rows) {
  int64_t pairs = s.rotaryDim / 2;
  SmallVector<float> cosValues, sinValues;
  cosValues.reserve(rows * pairs);
  sinValues.reserve(rows * pairs);
  SmallVector<float> invFreq;
  for (int64_t k = 0; k < pairs; ++k)
    invFreq.push_back(static_cast<float>(
        std::pow(s.theta, -2.0 * double(k) / double(s.rotaryDim))));
  for (int64_t p = 0; p < rows; ++p) {
    float position = static_cast<float>(p + s.positionOffset);
    for (int64_t k = 0; k < pairs; ++k) {
      float angle = position * invFreq[k];
      cosValues.push_back(static_cast<float>(std::cos(double(angle))));
      sinValues.push_back(static_cast<float>(std::sin(double(angle))));
    }
  }
  auto type = RankedTensorType::get({rows, pairs}, b.getF32Type());
  Value cos = arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, ArrayRef<float>(cosValues)));
  Value sin = arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, ArrayRef<float>(sinValues)));
  return {cos, sin};
}

} // namespace

void mlir::kiln::lowerAttentionToCpuFlash(Operation *op, int64_t vectorBits,
                                          int64_t queryBlock,
                                          int64_t keyBlock) {
  auto attention = cast<AttentionOp>(op);
  int64_t lanes = std::max<int64_t>(1, vectorBits / 32);
  FlashShape shape = getShape(attention, lanes,
                              llvm::alignTo(std::max<int64_t>(queryBlock, 1),
                                            lanes),
                              std::max<int64_t>(keyBlock, 1));
  ImplicitLocOpBuilder b(op->getLoc(), op);
  auto toBuffer = [&](Value tensor) -> Value {
    return bufferization::ToBufferOp::create(b, bufferType(tensor.getType()),
                                             tensor, /*readOnly=*/true);
  };
  Value query = toBuffer(attention.getQuery());
  Value key = toBuffer(attention.getKey());
  Value value = toBuffer(attention.getValue());
  Value cos, sin;
  if (shape.rope) {
    if (attention.getRopeCos()) {
      cos = toBuffer(attention.getRopeCos());
      sin = toBuffer(attention.getRopeSin());
    } else {
      auto [cosTable, sinTable] =
          buildRopeTables(b, shape, std::max(shape.querySeq, shape.keySeq));
      cos = toBuffer(cosTable);
      sin = toBuffer(sinTable);
    }
  }
  auto resultType = cast<RankedTensorType>(attention.getType());
  Value output = memref::AllocOp::create(b, bufferType(resultType),
                                         b.getI64IntegerAttr(64));

  SmallVector<OpFoldResult> ubs = {
      b.getIndexAttr(shape.batch), b.getIndexAttr(shape.queryHeads),
      b.getIndexAttr(llvm::divideCeil(shape.querySeq, shape.queryBlock))};
  auto forall = scf::ForallOp::create(b, ubs, ValueRange{}, std::nullopt);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getBody()->getTerminator());
    auto scope = memref::AllocaScopeOp::create(b, TypeRange{});
    Block *body = b.createBlock(&scope.getBodyRegion());
    b.setInsertionPointToEnd(body);
    auto terminator = memref::AllocaScopeReturnOp::create(b, ValueRange{});
    b.setInsertionPoint(terminator);
    SmallVector<Value> ivs(forall.getInductionVars());
    FlashBuilder builder(b, shape);
    builder.build(query, key, value, output, cos, sin, ivs[0], ivs[1], ivs[2]);
  }
  Value result = bufferization::ToTensorOp::create(
      b, resultType, output, /*restrict=*/true, /*writable=*/true);
  attention.getResult().replaceAllUsesWith(result);
  attention.erase();
}

namespace {

struct CpuFlashAttentionPass
    : kiln::impl::CpuFlashAttentionBase<CpuFlashAttentionPass> {
  using CpuFlashAttentionBase::CpuFlashAttentionBase;

  void runOnOperation() override {
    if (vectorBits < 32 || vectorBits % 32) {
      getOperation().emitError()
          << "kiln-cpu-flash-attention: vector-bits must be a positive "
             "multiple of 32, not "
          << static_cast<int64_t>(vectorBits);
      return signalPassFailure();
    }
    if (queryBlock < 1 || keyBlock < 1) {
      getOperation().emitError()
          << "kiln-cpu-flash-attention: query-block and key-block must be "
             "positive";
      return signalPassFailure();
    }
    SmallVector<Operation *> todo;
    getOperation().walk([&](AttentionOp op) {
      std::string reason = getCpuFlashAttentionUnsupportedReason(op);
      if (reason.empty()) {
        todo.push_back(op);
        return;
      }
      if (remarks)
        op.emitRemark() << "attention keeps the reference lowering: "
                        << reason;
    });
    for (Operation *op : todo)
      lowerAttentionToCpuFlash(op, vectorBits, queryBlock, keyBlock);
  }
};

} // namespace
