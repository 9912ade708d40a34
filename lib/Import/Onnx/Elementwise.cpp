//===- Elementwise.cpp - Import elementwise ops and activations -----------===//
//
// Arithmetic with broadcasting (variadic Max, Min and Sum become chains),
// comparisons and selection, unary math, casts, and the activation
// functions. Constant operands of shape arithmetic never get here: the
// evaluator folds them first.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

/// Collects the kiln values of every input of `node`.
static LogicalResult getInputs(const OnnxNode &node,
                               SmallVectorImpl<Value> &values) {
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i) {
    FailureOr<Value> value = node.getInput(i);
    if (failed(value))
      return failure();
    values.push_back(*value);
  }
  return success();
}

/// Combines every input of `node` with `OpTy` from left to right; a single
/// input is the result.
template <typename OpTy>
static FailureOr<Value> buildChain(const OnnxNode &node) {
  SmallVector<Value> inputs;
  if (failed(getInputs(node, inputs)))
    return failure();
  if (inputs.empty())
    return node.emitError() << "needs at least one input";
  Value result = inputs.front();
  for (Value input : llvm::drop_begin(inputs)) {
    FailureOr<Value> next = node.create<OpTy>({result, input});
    if (failed(next))
      return failure();
    result = *next;
  }
  return result;
}

/// Binary ops, and the variadic Max, Min and Sum as chains.
template <typename OpTy> static LogicalResult importChain(OnnxNode &node) {
  FailureOr<Value> result = buildChain<OpTy>(node);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Mean: the sum divided by the operand count.
static LogicalResult importMean(OnnxNode &node) {
  FailureOr<Value> sum = buildChain<AddOp>(node);
  if (failed(sum))
    return failure();
  if (node.getNumInputs() > 1) {
    FailureOr<Value> count = createScalar(
        node, cast<RankedTensorType>(sum->getType()).getElementType(),
        node.getNumInputs());
    if (failed(count))
      return failure();
    sum = node.create<DivOp>({*sum, *count});
    if (failed(sum))
      return failure();
  }
  node.setOutput(0, *sum);
  return success();
}

/// Pow: kiln needs equal element types; the exponent is cast to the base's.
static LogicalResult importPow(OnnxNode &node) {
  FailureOr<Value> base = node.getInput(0), exponent = node.getInput(1);
  if (failed(base) || failed(exponent))
    return failure();
  auto baseType = cast<RankedTensorType>(base->getType());
  auto exponentType = cast<RankedTensorType>(exponent->getType());
  if (exponentType.getElementType() != baseType.getElementType()) {
    exponent = node.create<CastOp>(
        {*exponent}, {}, {exponentType.clone(baseType.getElementType())});
    if (failed(exponent))
      return failure();
  }
  FailureOr<Value> result = node.create<PowOp>({*base, *exponent});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Reciprocal: 1 / x.
static LogicalResult importReciprocal(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> one = createScalar(
      node, cast<RankedTensorType>(input->getType()).getElementType(), 1.0);
  if (failed(one))
    return failure();
  FailureOr<Value> result = node.create<DivOp>({*one, *input});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Less, LessOrEqual, Greater and GreaterOrEqual from min and equal:
/// a <= b is min(a, b) == a, a < b is that where a != b (else false), and
/// Greater and GreaterOrEqual swap the operands. A NaN compares false (min
/// propagates it, and NaN equals nothing), as in ONNX.
template <bool strict, bool swap>
static LogicalResult importCompare(OnnxNode &node) {
  FailureOr<Value> a = node.getInput(swap ? 1 : 0),
                   b = node.getInput(swap ? 0 : 1);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<Value> low = node.create<MinOp>({*a, *b});
  if (failed(low))
    return failure();
  FailureOr<Value> result = node.create<EqualOp>({*low, *a});
  if (failed(result))
    return failure();
  if (strict) {
    FailureOr<Value> same = node.create<EqualOp>({*a, *b});
    FailureOr<Value> no =
        createScalar(node, IntegerType::get(node.getContext(), 1), 0.0);
    if (failed(same) || failed(no))
      return failure();
    result = node.create<WhereOp>({*same, *no, *result});
    if (failed(result))
      return failure();
  }
  node.setOutput(0, *result);
  return success();
}

namespace {
enum class Logic { And, Or, Xor };
} // namespace

/// And (where(p, q, false)), Or (where(p, true, q)) and Xor
/// (equal(equal(p, q), false)) of booleans.
template <Logic kind> static LogicalResult importLogic(OnnxNode &node) {
  FailureOr<Value> p = node.getInput(0), q = node.getInput(1);
  if (failed(p) || failed(q))
    return failure();
  Type i1 = IntegerType::get(node.getContext(), 1);
  FailureOr<Value> constant = createScalar(node, i1, kind == Logic::Or);
  if (failed(constant))
    return failure();
  FailureOr<Value> result = failure();
  if (kind == Logic::And) {
    result = node.create<WhereOp>({*p, *q, *constant});
  } else if (kind == Logic::Or) {
    result = node.create<WhereOp>({*p, *constant, *q});
  } else {
    result = node.create<EqualOp>({*p, *q});
    if (succeeded(result))
      result = node.create<EqualOp>({*result, *constant});
  }
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Not(x) as equal(x, false).
static LogicalResult importNot(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> no = createScalar(
      node, cast<RankedTensorType>(input->getType()).getElementType(), 0.0);
  if (failed(no))
    return failure();
  FailureOr<Value> result = node.create<EqualOp>({*input, *no});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Ops whose operands map one to one, with `attributes` computed from the
/// node.
template <typename OpTy>
static LogicalResult importDirect(OnnxNode &node,
                                  ArrayRef<NamedAttribute> attributes = {}) {
  SmallVector<Value> inputs;
  if (failed(getInputs(node, inputs)))
    return failure();
  FailureOr<Value> result = node.create<OpTy>(inputs, attributes);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// PRelu. Before opset 7 the slope did not broadcast numpy-style: a slope of
/// C values applied per channel (dimension 1), as [C, 1, ..., 1] does now.
/// The version converter keeps the node as it is, so that reading is applied
/// here.
static LogicalResult importPRelu(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0), slope = node.getInput(1);
  if (failed(input) || failed(slope))
    return failure();
  auto inputType = cast<RankedTensorType>(input->getType());
  auto slopeType = cast<RankedTensorType>(slope->getType());
  if (node.getOriginalOpset() < 7 && inputType.getRank() > 2 &&
      slopeType.getRank() == 1 && slopeType.getDimSize(0) != 1 &&
      slopeType.getDimSize(0) == inputType.getDimSize(1)) {
    SmallVector<int64_t> shape(inputType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slope = reshapeTo(node, *slope, shape);
    if (failed(slope))
      return failure();
  }
  FailureOr<Value> result = node.create<PReluOp>({*input, *slope});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Activations with float parameters: each ONNX attribute that is present
/// becomes the kiln attribute of the same meaning (absent ones keep kiln's
/// defaults, which are ONNX's).
template <typename OpTy>
static LogicalResult
importActivation(OnnxNode &node,
                 ArrayRef<std::pair<StringRef, StringRef>> names = {}) {
  SmallVector<NamedAttribute> attributes;
  for (auto [onnxName, kilnName] : names)
    if (node.hasAttr(onnxName))
      attributes.push_back(
          node.f64Attr(kilnName, node.getFloat(onnxName, 0.0)));
  return importDirect<OpTy>(node, attributes);
}

/// Cast and CastLike.
static LogicalResult importCast(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  Type elementType;
  if (node.getOpType() == "CastLike") {
    elementType = node.getInputType(1).getElementType();
  } else {
    int64_t to = node.getInt("to", 0);
    elementType = getElementType(node.getContext(), to);
    if (!elementType)
      return node.emitError() << "cast to " << getDataTypeName(to)
                              << ", which kiln does not support";
  }
  if (elementType == type.getElementType()) {
    node.setOutput(0, *input);
    return success();
  }
  FailureOr<Value> result =
      node.create<CastOp>({*input}, {}, {type.clone(elementType)});
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

/// Clip: the bounds are optional constant inputs.
static LogicalResult importClip(OnnxNode &node) {
  FailureOr<Value> input = node.getInput(0);
  if (failed(input))
    return failure();
  SmallVector<NamedAttribute> attributes;
  static const char *const kNames[] = {"min", "max"};
  for (auto [index, name] : llvm::enumerate(kNames)) {
    if (!node.hasInput(index + 1))
      continue;
    FailureOr<const HostTensor *> bound =
        node.requireConstantInput(index + 1, name);
    if (failed(bound))
      return failure();
    if ((*bound)->size() != 1)
      return node.emitError() << "'" << name << "' must be a scalar";
    attributes.push_back(node.f64Attr(name, (*bound)->getDouble(0)));
  }
  // kiln.clip is for floats; integers are clipped with max and min.
  Type elementType = cast<RankedTensorType>(input->getType()).getElementType();
  if (!isa<FloatType>(elementType)) {
    Value result = *input;
    for (NamedAttribute bound : attributes) {
      double value = cast<FloatAttr>(bound.getValue()).getValueAsDouble();
      FailureOr<Value> constant = createScalar(node, elementType, value);
      if (failed(constant))
        return failure();
      FailureOr<Value> clipped = bound.getName() == "min"
                                     ? node.create<MaxOp>({result, *constant})
                                     : node.create<MinOp>({result, *constant});
      if (failed(clipped))
        return failure();
      result = *clipped;
    }
    node.setOutput(0, result);
    return success();
  }
  FailureOr<Value> result = node.create<ClipOp>({*input}, attributes);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void onnx_import::populateElementwiseImporters(NodeImporterTable &table) {
  // Arithmetic and comparisons.
  table["Add"] = importChain<AddOp>;
  table["Sub"] = importChain<SubOp>;
  table["Mul"] = importChain<MulOp>;
  table["Div"] = importChain<DivOp>;
  table["Max"] = importChain<MaxOp>;
  table["Min"] = importChain<MinOp>;
  table["Sum"] = importChain<AddOp>;
  table["Mean"] = importMean;
  table["Pow"] = importPow;
  table["Reciprocal"] = importReciprocal;
  table["Equal"] = [](OnnxNode &node) { return importDirect<EqualOp>(node); };
  table["Where"] = [](OnnxNode &node) { return importDirect<WhereOp>(node); };
  table["Not"] = importNot;
  table["Less"] = importCompare</*strict=*/true, /*swap=*/false>;
  table["LessOrEqual"] = importCompare</*strict=*/false, /*swap=*/false>;
  table["Greater"] = importCompare</*strict=*/true, /*swap=*/true>;
  table["GreaterOrEqual"] = importCompare</*strict=*/false, /*swap=*/true>;
  table["And"] = importLogic<Logic::And>;
  table["Or"] = importLogic<Logic::Or>;
  table["Xor"] = importLogic<Logic::Xor>;

  // Unary math.
  table["Neg"] = [](OnnxNode &node) { return importDirect<NegOp>(node); };
  table["Abs"] = [](OnnxNode &node) { return importDirect<AbsOp>(node); };
  table["Exp"] = [](OnnxNode &node) { return importDirect<ExpOp>(node); };
  table["Log"] = [](OnnxNode &node) { return importDirect<LogOp>(node); };
  table["Sqrt"] = [](OnnxNode &node) { return importDirect<SqrtOp>(node); };
  table["Tanh"] = [](OnnxNode &node) { return importDirect<TanhOp>(node); };
  table["Erf"] = [](OnnxNode &node) { return importDirect<ErfOp>(node); };
  table["Sin"] = [](OnnxNode &node) { return importDirect<SinOp>(node); };
  table["Cos"] = [](OnnxNode &node) { return importDirect<CosOp>(node); };
  table["Cast"] = importCast;
  table["CastLike"] = importCast;

  // Activations.
  table["Relu"] = [](OnnxNode &node) { return importDirect<ReluOp>(node); };
  table["Clip"] = importClip;
  table["LeakyRelu"] = [](OnnxNode &node) {
    return importActivation<LeakyReluOp>(node, {{"alpha", "alpha"}});
  };
  table["PRelu"] = importPRelu;
  table["Elu"] = [](OnnxNode &node) {
    return importActivation<EluOp>(node, {{"alpha", "alpha"}});
  };
  table["Selu"] = [](OnnxNode &node) {
    return importActivation<SeluOp>(node,
                                    {{"alpha", "alpha"}, {"gamma", "gamma"}});
  };
  table["Sigmoid"] = [](OnnxNode &node) {
    return importDirect<SigmoidOp>(node);
  };
  table["HardSigmoid"] = [](OnnxNode &node) {
    return importActivation<HardSigmoidOp>(
        node, {{"alpha", "alpha"}, {"beta", "beta"}});
  };
  table["HardSwish"] = [](OnnxNode &node) {
    return importDirect<HardSwishOp>(node);
  };
  table["Softplus"] = [](OnnxNode &node) {
    return importDirect<SoftplusOp>(node);
  };
}
