//===- AttentionOps.cpp - kiln attention op family -------------------------------===//
//
// kiln.rope and kiln.attention: shape inference and verification, and the
// verifier of the #kiln.rope attribute.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <string>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared RoPE checks
//===----------------------------------------------------------------------===//

namespace {
/// The parameters of a rotary embedding, defaults filled in, and how the
/// diagnostics name them: on kiln.rope they are attributes of the op
/// ("'rotary_dim'"), on kiln.attention parameters of its 'rope' attribute
/// ("rotary_dim of 'rope'").
struct RopeParams {
  std::optional<int64_t> rotaryDim;
  double theta = 10000.0;
  int64_t positionOffset = 0;
  /// Empty for kiln.rope, "rope" for kiln.attention.
  StringRef owner;

  std::string name(StringRef param) const {
    if (owner.empty())
      return ("'" + param + "'").str();
    return (param + " of '" + owner + "'").str();
  }
};
} // namespace

/// Checks the shape-independent constraints of the RoPE parameters; `emit`
/// returns the diagnostic to write to. Used by kiln.rope and by the verifier
/// of #kiln.rope.
template <typename EmitFn>
static LogicalResult checkRopeParameters(EmitFn emit,
                                         std::optional<int64_t> rotaryDim,
                                         double theta, int64_t positionOffset,
                                         const RopeParams &names) {
  if (rotaryDim && *rotaryDim < 2)
    return emit() << names.name("rotary_dim") << " (" << *rotaryDim
                  << ") must be at least 2";
  if (rotaryDim && *rotaryDim % 2 != 0)
    return emit() << names.name("rotary_dim") << " (" << *rotaryDim
                  << ") must be even";
  if (!(theta > 0.0) || std::isinf(theta))
    return emit() << names.name("theta") << " (" << theta
                  << ") must be finite and positive";
  if (positionOffset < 0)
    return emit() << names.name("position_offset") << " (" << positionOffset
                  << ") must be non-negative";
  return success();
}

/// Returns the type as a static ranked tensor of rank `rank` (any rank when
/// negative), or reports operand `name`. (The verifier's operand constraints
/// already require static shapes; inferReturnTypes may see anything.)
static FailureOr<RankedTensorType> getStaticTensor(Type type, StringRef name,
                                                   int64_t rank,
                                                   const Diagnoser &diag) {
  auto tensor = dyn_cast_if_present<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return diag.emit() << "'" << name
                       << "' must be a statically shaped ranked tensor";
  if (rank >= 0 && tensor.getRank() != rank)
    return diag.emit() << "'" << name << "' must have rank " << rank
                       << ", got " << tensor.getRank();
  return tensor;
}

/// Checks a rotary embedding applied to vectors of `headDim` features, with
/// optional cos/sin tables (null types when absent) named `cosName` and
/// `sinName`. The tables must have `rows` rows exactly (`exactRows`, where
/// `rowsText` names the size, e.g. "S") or at least `rows` rows.
static LogicalResult checkRope(const RopeParams &params, int64_t headDim,
                               Type cos, Type sin, StringRef cosName,
                               StringRef sinName, int64_t rows, bool exactRows,
                               StringRef rowsText, const Diagnoser &diag) {
  if (failed(checkRopeParameters([&] { return diag.emit(); },
                                 params.rotaryDim, params.theta,
                                 params.positionOffset, params)))
    return failure();

  int64_t rotaryDim = params.rotaryDim.value_or(headDim);
  if (!params.rotaryDim && (headDim < 2 || headDim % 2 != 0))
    return diag.emit() << "the head dimension (" << headDim
                       << ") must be even and at least 2 when "
                       << params.name("rotary_dim")
                       << " is absent (it defaults to the head dimension)";
  if (rotaryDim > headDim)
    return diag.emit() << params.name("rotary_dim") << " (" << rotaryDim
                       << ") must not exceed the head dimension (" << headDim
                       << ")";

  if (!cos && !sin)
    return success();
  if (!cos || !sin)
    return diag.emit() << "'" << cosName << "' and '" << sinName
                       << "' must be given together";
  if (params.positionOffset != 0)
    return diag.emit() << params.name("position_offset") << " ("
                       << params.positionOffset
                       << ") must be 0 when cos/sin tables are given";
  for (auto [type, name] : {std::pair(cos, cosName), std::pair(sin, sinName)}) {
    FailureOr<RankedTensorType> table = getStaticTensor(type, name, 2, diag);
    if (failed(table))
      return failure();
    int64_t tableRows = table->getDimSize(0), columns = table->getDimSize(1);
    if (columns != rotaryDim / 2)
      return diag.emit() << "'" << name << "' must have rotary_dim / 2 = "
                         << rotaryDim / 2 << " columns, got " << columns;
    if (exactRows && tableRows != rows)
      return diag.emit() << "'" << name << "' must have " << rowsText
                         << " = " << rows << " rows, got " << tableRows;
    if (!exactRows && tableRows < rows)
      return diag.emit() << "'" << name << "' must have at least "
                         << rowsText << " = " << rows << " rows, got "
                         << tableRows;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// #kiln.rope
//===----------------------------------------------------------------------===//

LogicalResult RopeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               RopePairing, std::optional<int64_t> rotaryDim,
                               APFloat theta, int64_t positionOffset) {
  return checkRopeParameters(emitError, rotaryDim, theta.convertToDouble(),
                             positionOffset,
                             RopeParams());
}

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

/// Checks a kiln.rope and infers its result type (the input type).
static LogicalResult inferRope(Type inputType, Type cos, Type sin,
                               SequenceLayout layout, IntegerAttr rotaryDim,
                               FloatAttr theta, IntegerAttr positionOffset,
                               const Diagnoser &diag,
                               SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> input =
      getStaticTensor(inputType, "input", 4, diag);
  if (failed(input))
    return failure();
  int64_t seqLen = input->getDimSize(layout == SequenceLayout::BHSD ? 2 : 1);
  int64_t headDim = input->getDimSize(3);

  RopeParams params;
  if (rotaryDim)
    params.rotaryDim = rotaryDim.getInt();
  if (theta)
    params.theta = theta.getValueAsDouble();
  if (positionOffset)
    params.positionOffset = positionOffset.getInt();
  if (failed(checkRope(params, headDim, cos, sin, "cos", "sin", seqLen,
                       /*exactRows=*/true, "S", diag)))
    return failure();

  results.push_back(*input);
  return success();
}

static Type typeOrNull(Value value) {
  return value ? value.getType() : Type();
}

LogicalResult RopeOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  return inferRope(typeOrNull(adaptor.getInput()),
                   typeOrNull(adaptor.getCos()), typeOrNull(adaptor.getSin()),
                   adaptor.getLayout(), adaptor.getRotaryDimAttr(),
                   adaptor.getThetaAttr(), adaptor.getPositionOffsetAttr(),
                   Diagnoser(loc), results);
}

LogicalResult RopeOp::verify() {
  SmallVector<Type> results;
  return inferRope(getInput().getType(), typeOrNull(getCos()),
                   typeOrNull(getSin()), getLayout(), getRotaryDimAttr(),
                   getThetaAttr(), getPositionOffsetAttr(), Diagnoser(*this),
                   results);
}

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

/// Checks a kiln.attention and infers its result type.
static LogicalResult inferAttention(Type queryType, Type keyType,
                                    Type valueType, Type maskType, Type cos,
                                    Type sin, SequenceLayout layout,
                                    RopeAttr rope, const Diagnoser &diag,
                                    SmallVectorImpl<Type> &results) {
  FailureOr<RankedTensorType> query =
      getStaticTensor(queryType, "query", 4, diag);
  if (failed(query))
    return failure();
  FailureOr<RankedTensorType> key = getStaticTensor(keyType, "key", 4, diag);
  if (failed(key))
    return failure();
  FailureOr<RankedTensorType> value =
      getStaticTensor(valueType, "value", 4, diag);
  if (failed(value))
    return failure();

  // Positions of the head and sequence dimensions; batch is 0, features 3.
  bool bhsd = layout == SequenceLayout::BHSD;
  unsigned headPos = bhsd ? 1 : 2, seqPos = bhsd ? 2 : 1;
  int64_t batch = query->getDimSize(0);
  int64_t queryHeads = query->getDimSize(headPos);
  int64_t querySeq = query->getDimSize(seqPos);
  int64_t headDim = query->getDimSize(3);
  int64_t keyHeads = key->getDimSize(headPos);
  int64_t keySeq = key->getDimSize(seqPos);
  int64_t valueDim = value->getDimSize(3);

  if (key->getDimSize(0) != batch)
    return diag.emit() << "key batch size (" << key->getDimSize(0)
                       << ") must equal the query batch size (" << batch
                       << ")";
  if (value->getDimSize(0) != batch)
    return diag.emit() << "value batch size (" << value->getDimSize(0)
                       << ") must equal the query batch size (" << batch
                       << ")";
  if (value->getDimSize(headPos) != keyHeads)
    return diag.emit() << "value head count (" << value->getDimSize(headPos)
                       << ") must equal the key head count (" << keyHeads
                       << ")";
  if (keyHeads < 1)
    return diag.emit() << "key head count (" << keyHeads
                       << ") must be positive";
  if (queryHeads % keyHeads != 0)
    return diag.emit() << "query head count (" << queryHeads
                       << ") must be a multiple of the key head count ("
                       << keyHeads << ")";
  if (key->getDimSize(3) != headDim)
    return diag.emit() << "key head dimension (" << key->getDimSize(3)
                       << ") must equal the query head dimension (" << headDim
                       << ")";
  if (value->getDimSize(seqPos) != keySeq)
    return diag.emit() << "value sequence length ("
                       << value->getDimSize(seqPos)
                       << ") must equal the key sequence length (" << keySeq
                       << ")";

  if (maskType) {
    FailureOr<RankedTensorType> mask =
        getStaticTensor(maskType, "mask", /*rank=*/-1, diag);
    if (failed(mask))
      return failure();
    SmallVector<int64_t> scores = {batch, queryHeads, querySeq, keySeq};
    if (!broadcastsTo(mask->getShape(), scores))
      return diag.emit() << "'mask' of shape [" << mask->getShape()
                         << "] does not broadcast to the score shape "
                            "[B, Hq, Sq, Skv] = ["
                         << ArrayRef<int64_t>(scores) << "]";
  }

  if (!rope && (cos || sin))
    return diag.emit() << "'rope_tables' need a 'rope' attribute";
  if (rope) {
    RopeParams params;
    params.rotaryDim = rope.getRotaryDim();
    params.theta = rope.getTheta().convertToDouble();
    params.positionOffset = rope.getPositionOffset();
    params.owner = "rope";
    if (failed(checkRope(params, headDim, cos, sin, "rope_cos", "rope_sin",
                         std::max(querySeq, keySeq), /*exactRows=*/false,
                         "max(Sq, Skv)", diag)))
      return failure();
  }

  SmallVector<int64_t> shape =
      bhsd ? SmallVector<int64_t>{batch, queryHeads, querySeq, valueDim}
           : SmallVector<int64_t>{batch, querySeq, queryHeads, valueDim};
  results.push_back(RankedTensorType::get(shape, query->getElementType()));
  return success();
}

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  return inferAttention(
      typeOrNull(adaptor.getQuery()), typeOrNull(adaptor.getKey()),
      typeOrNull(adaptor.getValue()), typeOrNull(adaptor.getMask()),
      typeOrNull(adaptor.getRopeCos()), typeOrNull(adaptor.getRopeSin()),
      adaptor.getLayout(), adaptor.getRopeAttr(), Diagnoser(loc), results);
}

LogicalResult AttentionOp::verify() {
  SmallVector<Type> results;
  return inferAttention(getQuery().getType(), getKey().getType(),
                        getValue().getType(), typeOrNull(getMask()),
                        typeOrNull(getRopeCos()), typeOrNull(getRopeSin()),
                        getLayout(), getRopeAttr(), Diagnoser(*this), results);
}

namespace {
/// Drops what cannot change the result of a kiln.attention: a mask that is a
/// constant splat of 0, and `causal` when Sq == 1 (query 0 sees the keys
/// j <= 0 + Skv - 1, i.e. all of them).
struct SimplifyAttention : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    bool dropMask = op.getMask() && isSplatOf(op.getMask(), 0.0);
    auto queryType = dyn_cast<RankedTensorType>(op.getQuery().getType());
    bool dropCausal = false;
    if (op.getCausal() && queryType && queryType.getRank() == 4) {
      unsigned seqPos = op.getLayout() == SequenceLayout::BHSD ? 2 : 1;
      dropCausal = queryType.getDimSize(seqPos) == 1;
    }
    if (!dropMask && !dropCausal)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (dropMask)
        op.getMaskMutable().clear();
      if (dropCausal)
        op.setCausal(false);
    });
    return success();
  }
};
} // namespace

void AttentionOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<SimplifyAttention>(context);
}

AttentionSizes mlir::kiln::getAttentionSizes(AttentionOp op) {
  auto query = cast<RankedTensorType>(op.getQuery().getType());
  auto key = cast<RankedTensorType>(op.getKey().getType());
  auto value = cast<RankedTensorType>(op.getValue().getType());
  AttentionSizes s;
  s.bhsd = op.getLayout() == SequenceLayout::BHSD;
  unsigned headPos = s.bhsd ? 1 : 2, seqPos = s.bhsd ? 2 : 1;
  s.batch = query.getDimSize(0);
  s.queryHeads = query.getDimSize(headPos);
  s.querySeq = query.getDimSize(seqPos);
  s.headDim = query.getDimSize(3);
  s.keyHeads = key.getDimSize(headPos);
  s.keySeq = key.getDimSize(seqPos);
  s.valueDim = value.getDimSize(3);
  s.causal = op.getCausal();
  s.scale = op.getScale() ? op.getScale()->convertToDouble()
                          : 1.0 / std::sqrt(double(s.headDim));
  if (RopeAttr rope = op.getRopeAttr()) {
    s.rope = true;
    s.half = rope.getPairing() == RopePairing::Half;
    s.rotaryDim = rope.getRotaryDim().value_or(s.headDim);
    s.theta = rope.getTheta().convertToDouble();
    s.positionOffset = rope.getPositionOffset();
  }
  return s;
}
