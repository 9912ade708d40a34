//===- Attention.cpp - Lower kiln.rope and kiln.attention -----------------===//
//
// The reference lowering of the attention family (a flash-style tiled kernel
// is a separate codegen path):
//
// - kiln.rope becomes one linalg.generic over the output. Each element finds
//   its pair index and partner feature with linalg.index, reads the partner
//   with tensor.extract, and either computes the angle in f32 (f64 for f64
//   inputs) from a constant table of inverse frequencies or reads cos/sin
//   from the given tables with tensor.extract. Features >= rotary_dim are
//   copied.
// - kiln.attention becomes, in the accumulator type (f32 for f16/bf16):
//     [rope(Q), rope(K)]                  (the kiln.rope generic, same type)
//     S0 = Q.K^T                          (contraction generic, GQA map)
//     S  = S0 * scale + mask, causal      (elementwise generic)
//     M  = max_j S                        (linalg.reduce)
//     E  = exp(S - M)                     (elementwise generic; M = -inf -> 0)
//     L  = sum_j E                        (linalg.reduce)
//     P  = L == 0 ? 0 : E / L             (elementwise generic)
//     O  = P.V                            (contraction generic, GQA map)
//     [truncate O to the element type]
//   The bshd layout and the grouped-query head mapping h -> h / (Hq / Hkv)
//   are expressed by the indexing maps; nothing is transposed or copied.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Rotary embedding
//===----------------------------------------------------------------------===//

/// The parameters of one rotary embedding, defaults filled in.
struct RopeConfig {
  SequenceLayout layout = SequenceLayout::BHSD;
  RopePairing pairing = RopePairing::Half;
  int64_t rotaryDim = 0;
  double theta = 10000.0;
  int64_t positionOffset = 0;
  /// The [rows, rotaryDim / 2] tables (row = sequence position), or null.
  Value cos, sin;
};

/// The type in which the rotation is computed: f64 for f64, f32 otherwise.
Type getRopeComputeType(Type elementType) {
  return elementType.isF64() ? elementType
                             : Float32Type::get(elementType.getContext());
}

/// A constant index.
Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Applies the rotary embedding `config` to the 4-D tensor `input` ([B, H, S,
/// D] or [B, S, H, D]); the result has the type of `input`. One
/// linalg.generic over the result:
///
///   d < r:  out = x[d] * c + x[partner] * (first ? -s : s)
///   d >= r: out = x[d]
///
/// with (n = r / 2)
///   half:        k = d mod n, partner = d < n ? d + n : d - n, first = d < n
///   interleaved: k = d / 2,   partner = d xor 1,               first = d even
/// and c, s the cosine and sine of (p + offset) * theta^(-2k / r) (or the
/// table entries [p, k]).
Value buildRope(OpBuilder &builder, Location loc, Value input,
                const RopeConfig &config) {
  auto type = cast<RankedTensorType>(input.getType());
  Type elementType = type.getElementType();
  Type computeType = getRopeComputeType(elementType);
  int64_t rank = type.getRank();
  unsigned seqPos = config.layout == SequenceLayout::BHSD ? 2 : 1;
  unsigned featurePos = rank - 1;
  int64_t rotaryDim = config.rotaryDim;
  int64_t pairs = rotaryDim / 2;

  // theta^(-2k / r) for every pair k, computed in double and rounded once.
  Value invFreq;
  if (!config.cos) {
    SmallVector<Attribute> values;
    for (int64_t k = 0; k < pairs; ++k)
      values.push_back(builder.getFloatAttr(
          computeType,
          std::pow(config.theta, -2.0 * static_cast<double>(k) /
                                     static_cast<double>(rotaryDim))));
    auto tableType = RankedTensorType::get({pairs}, computeType);
    invFreq = arith::ConstantOp::create(
        builder, loc, DenseElementsAttr::get(tableType, values));
  }

  Value init = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                       elementType);
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{type}, ValueRange{input}, ValueRange{init},
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value x = args[0];
        SmallVector<Value> indices;
        for (int64_t i = 0; i < rank; ++i)
          indices.push_back(linalg::IndexOp::create(b, l, i));
        Value d = indices[featurePos];
        Value p = indices[seqPos];

        // Index math on a feature that is always inside the rotated part
        // (features >= r use 0 and copy x at the end), so that every
        // tensor.extract below stays in bounds.
        Value zero = indexConstant(b, l, 0);
        Value r = indexConstant(b, l, rotaryDim);
        Value rotated =
            arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, d, r);
        Value dr = arith::SelectOp::create(b, l, rotated, d, zero);
        Value k, partner, first;
        if (config.pairing == RopePairing::Half) {
          Value n = indexConstant(b, l, pairs);
          first = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, dr, n);
          Value low = arith::SubIOp::create(b, l, dr, n);
          Value high = arith::AddIOp::create(b, l, dr, n);
          k = arith::SelectOp::create(b, l, first, dr, low);
          partner = arith::SelectOp::create(b, l, first, high, low);
        } else {
          Value one = indexConstant(b, l, 1);
          k = arith::ShRUIOp::create(b, l, dr, one);
          Value parity = arith::AndIOp::create(b, l, dr, one);
          first = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                        parity, zero);
          partner = arith::XOrIOp::create(b, l, dr, one);
        }

        SmallVector<Value> partnerIndices(indices);
        partnerIndices[featurePos] = partner;
        Value xPartner = tensor::ExtractOp::create(b, l, input, partnerIndices);

        Value c, s;
        if (config.cos) {
          c = castFloat(b, l, tensor::ExtractOp::create(b, l, config.cos,
                                                        ValueRange{p, k}),
                        computeType);
          s = castFloat(b, l, tensor::ExtractOp::create(b, l, config.sin,
                                                        ValueRange{p, k}),
                        computeType);
        } else {
          Value position = p;
          if (config.positionOffset != 0)
            position = arith::AddIOp::create(
                b, l, p, indexConstant(b, l, config.positionOffset));
          Value pos = arith::UIToFPOp::create(
              b, l, computeType,
              arith::IndexCastUIOp::create(b, l, b.getI64Type(), position));
          Value freq = tensor::ExtractOp::create(b, l, invFreq, ValueRange{k});
          Value angle = arith::MulFOp::create(b, l, pos, freq);
          c = math::CosOp::create(b, l, angle);
          s = math::SinOp::create(b, l, angle);
        }

        Value xf = castFloat(b, l, x, computeType);
        Value pf = castFloat(b, l, xPartner, computeType);
        Value signedSin = arith::SelectOp::create(
            b, l, first, arith::NegFOp::create(b, l, s), s);
        Value out = arith::AddFOp::create(
            b, l, arith::MulFOp::create(b, l, xf, c),
            arith::MulFOp::create(b, l, pf, signedSin));
        out = castFloat(b, l, out, elementType);
        linalg::YieldOp::create(
            b, l, ValueRange{arith::SelectOp::create(b, l, rotated, out, x)});
      });
  return generic.getResult(0);
}

struct RopeLowering : OpConversionPattern<RopeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(RopeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getInput().getType());
    RopeConfig config;
    config.layout = op.getLayout();
    config.pairing = op.getPairing();
    config.rotaryDim = op.getRotaryDim().value_or(type.getDimSize(3));
    config.theta = op.getTheta().convertToDouble();
    config.positionOffset = op.getPositionOffset();
    config.cos = adaptor.getCos();
    config.sin = adaptor.getSin();
    rewriter.replaceOp(op, buildRope(rewriter, op.getLoc(), adaptor.getInput(),
                                     config));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// Builds a linalg.generic whose body is `body(b, loc, ins...)` yielded into
/// a fresh tensor of `resultType`.
Value buildGeneric(OpBuilder &builder, Location loc,
                   RankedTensorType resultType, ValueRange inputs,
                   ArrayRef<AffineMap> inputMaps, ScalarBodyFn body) {
  Value init = tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{resultType}, inputs, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, body(b, l, args.drop_back()));
             })
      .getResult(0);
}

/// A contraction over the last of five loops (b, h, i, x, red):
/// out[outMap] += lhs[lhsMap] * rhs[rhsMap], operands converted to the
/// element type of `init` (the accumulator, filled with 0).
Value buildContraction(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                       Value init, AffineMap lhsMap, AffineMap rhsMap,
                       AffineMap outMap) {
  using utils::IteratorType;
  SmallVector<IteratorType> iterators(4, IteratorType::parallel);
  iterators.push_back(IteratorType::reduction);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{init.getType()}, ValueRange{lhs, rhs},
             ValueRange{init}, ArrayRef<AffineMap>{lhsMap, rhsMap, outMap},
             iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               Type acc = args[2].getType();
               Value product = arith::MulFOp::create(
                   b, l, castFloat(b, l, args[0], acc),
                   castFloat(b, l, args[1], acc));
               linalg::YieldOp::create(
                   b, l,
                   ValueRange{arith::AddFOp::create(b, l, args[2], product)});
             })
      .getResult(0);
}

/// Reduces the last dimension of the 4-D `input` with `combine`, starting
/// from `initValue`.
Value buildRowReduction(OpBuilder &builder, Location loc, Value input,
                        double initValue,
                        function_ref<Value(OpBuilder &, Location, Value,
                                           Value)>
                            combine) {
  auto type = cast<RankedTensorType>(input.getType());
  Value init = createFilledTensor(builder, loc, type.getShape().drop_back(),
                                  type.getElementType(), initValue);
  return linalg::ReduceOp::create(
             builder, loc, ValueRange{input}, ValueRange{init},
             ArrayRef<int64_t>{type.getRank() - 1},
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(
                   b, l, ValueRange{combine(b, l, args[0], args[1])});
             })
      .getResult(0);
}

struct AttentionLowering : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    auto queryType = cast<RankedTensorType>(op.getQuery().getType());
    auto keyType = cast<RankedTensorType>(op.getKey().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    bool bhsd = op.getLayout() == SequenceLayout::BHSD;
    unsigned headPos = bhsd ? 1 : 2, seqPos = bhsd ? 2 : 1;
    int64_t batch = queryType.getDimSize(0);
    int64_t queryHeads = queryType.getDimSize(headPos);
    int64_t querySeq = queryType.getDimSize(seqPos);
    int64_t headDim = queryType.getDimSize(3);
    int64_t keyHeads = keyType.getDimSize(headPos);
    int64_t keySeq = keyType.getDimSize(seqPos);
    int64_t groupSize = queryHeads / keyHeads;
    Type elementType = queryType.getElementType();
    Type accType = getAccumulatorType(elementType);

    Value query = adaptor.getQuery(), key = adaptor.getKey();
    if (RopeAttr rope = op.getRopeAttr()) {
      RopeConfig config;
      config.layout = op.getLayout();
      config.pairing = rope.getPairing();
      config.rotaryDim = rope.getRotaryDim().value_or(headDim);
      config.theta = rope.getTheta().convertToDouble();
      config.positionOffset = rope.getPositionOffset();
      config.cos = adaptor.getRopeCos();
      config.sin = adaptor.getRopeSin();
      query = buildRope(rewriter, loc, query, config);
      key = buildRope(rewriter, loc, key, config);
    }

    // Loops (b, h, i, x, red): batch, query head, query position, then the
    // key position j (scores) or the value feature e (output), and the
    // reduced dimension. A tensor indexed by (b, head, seq, feature) reads
    // them in the operand layout; key/value read head h / G.
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, context); };
    AffineExpr kvHead = groupSize == 1 ? dim(1) : dim(1).floorDiv(groupSize);
    auto operandMap = [&](AffineExpr head, AffineExpr seq, AffineExpr feature) {
      SmallVector<AffineExpr> exprs = {dim(0), head, seq, feature};
      if (!bhsd)
        std::swap(exprs[1], exprs[2]);
      return AffineMap::get(5, 0, exprs, context);
    };

    // S0[b, h, i, j] = sum_d q[b, h, i, d] * k[b, h / G, j, d]
    SmallVector<int64_t> scoreShape = {batch, queryHeads, querySeq, keySeq};
    auto scoreType = RankedTensorType::get(scoreShape, accType);
    Value scores = buildContraction(
        rewriter, loc, query, key,
        createFilledTensor(rewriter, loc, scoreShape, accType, 0.0),
        operandMap(dim(1), dim(2), dim(4)), operandMap(kvHead, dim(3), dim(4)),
        AffineMap::get(5, 0, {dim(0), dim(1), dim(2), dim(3)}, context));

    // S = S0 * scale + mask; -inf where causal hides the key.
    double scale = op.getScale() ? op.getScale()->convertToDouble()
                                 : 1.0 / std::sqrt(static_cast<double>(headDim));
    SmallVector<Value> inputs = {scores};
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(4)};
    if (Value mask = adaptor.getMask()) {
      inputs.push_back(mask);
      maps.push_back(
          getBroadcastMap(cast<RankedTensorType>(mask.getType()), scoreType));
    }
    bool causal = op.getCausal();
    scores = buildGeneric(
        rewriter, loc, scoreType, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value s = arith::MulFOp::create(
              b, l, args[0], scalarConstant(b, l, accType, scale));
          if (args.size() > 1)
            s = arith::AddFOp::create(b, l, s, castFloat(b, l, args[1], accType));
          if (causal) {
            // Hidden: j > i + Skv - Sq.
            Value i = linalg::IndexOp::create(b, l, 2);
            Value j = linalg::IndexOp::create(b, l, 3);
            Value last = arith::AddIOp::create(
                b, l, i, indexConstant(b, l, keySeq - querySeq));
            Value hidden = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::sgt, j, last);
            s = arith::SelectOp::create(
                b, l, hidden, scalarConstant(b, l, accType, -INFINITY), s);
          }
          return s;
        });

    // Softmax along Skv: M = max_j S, E = exp(S - M), L = sum_j E,
    // P = E / L. A fully masked row has M = -inf: it uses 0 instead (E = 0,
    // L = 0) and P = 0 there, which makes its output row 0.
    Value rowMax = buildRowReduction(
        rewriter, loc, scores, -INFINITY,
        [](OpBuilder &b, Location l, Value in, Value acc) -> Value {
          return arith::MaximumFOp::create(b, l, in, acc);
        });
    AffineMap identity = rewriter.getMultiDimIdentityMap(4);
    AffineMap rowMap = AffineMap::get(4, 0, {dim(0), dim(1), dim(2)}, context);
    Value exps = buildGeneric(
        rewriter, loc, scoreType, {scores, rowMax}, {identity, rowMap},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value m = args[1];
          Value masked =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, m,
                                    scalarConstant(b, l, accType, -INFINITY));
          m = arith::SelectOp::create(b, l, masked,
                                      scalarConstant(b, l, accType, 0.0), m);
          return math::ExpOp::create(b, l,
                                     arith::SubFOp::create(b, l, args[0], m));
        });
    Value rowSum = buildRowReduction(
        rewriter, loc, exps, 0.0,
        [](OpBuilder &b, Location l, Value in, Value acc) -> Value {
          return arith::AddFOp::create(b, l, in, acc);
        });
    Value probs = buildGeneric(
        rewriter, loc, scoreType, {exps, rowSum}, {identity, rowMap},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value zero = scalarConstant(b, l, accType, 0.0);
          Value empty = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::OEQ, args[1], zero);
          return arith::SelectOp::create(
              b, l, empty, zero, arith::DivFOp::create(b, l, args[0], args[1]));
        });

    // O[b, h, i, e] = sum_j P[b, h, i, j] * v[b, h / G, j, e], written in
    // the layout of the result.
    Value output = buildContraction(
        rewriter, loc, probs, adaptor.getValue(),
        createFilledTensor(rewriter, loc, resultType.getShape(), accType, 0.0),
        AffineMap::get(5, 0, {dim(0), dim(1), dim(2), dim(4)}, context),
        operandMap(kvHead, dim(4), dim(3)), operandMap(dim(1), dim(2), dim(3)));
    if (accType != elementType)
      output = buildGeneric(rewriter, loc, resultType, {output},
                            {rewriter.getMultiDimIdentityMap(4)},
                            [&](OpBuilder &b, Location l, ValueRange args) {
                              return castFloat(b, l, args[0], elementType);
                            });
    rewriter.replaceOp(op, output);
    return success();
  }
};

} // namespace

void mlir::kiln::lowering::populateAttentionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<AttentionLowering, RopeLowering>(patterns.getContext());
}
