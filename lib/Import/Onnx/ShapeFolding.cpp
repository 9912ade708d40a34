//===- ShapeFolding.cpp - Evaluate shape computations at import -----------===//
//
// PyTorch's exporter writes view, chunk and channel shuffle as small graphs
// that compute shapes at run time: Shape, Gather, Unsqueeze, Concat,
// arithmetic. All shapes are static in kiln, so these graphs are evaluated
// here, on HostTensors, whenever their inputs are constants; the parameters of
// Reshape, Expand, Slice, Resize, Pad, Split and the reductions then become
// static attributes. A node whose inputs are not all constant is left to the
// importer of its op family.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

//===----------------------------------------------------------------------===//
// Shared shape helpers
//===----------------------------------------------------------------------===//

FailureOr<std::optional<SmallVector<int64_t>>>
onnx_import::getAxesParameter(const OnnxNode &node, unsigned inputIndex) {
  if (std::optional<SmallVector<int64_t>> axes = node.getInts("axes"))
    return std::optional<SmallVector<int64_t>>(std::move(*axes));
  if (!node.hasInput(inputIndex))
    return std::optional<SmallVector<int64_t>>();
  FailureOr<const HostTensor *> axes =
      node.requireConstantInput(inputIndex, "axes");
  if (failed(axes))
    return failure();
  return std::optional<SmallVector<int64_t>>((*axes)->toInts());
}

FailureOr<SmallVector<int64_t>>
onnx_import::resolveReshape(const OnnxNode &node, ArrayRef<int64_t> inputShape,
                            ArrayRef<int64_t> requested, bool allowZero) {
  SmallVector<int64_t> shape;
  std::optional<size_t> inferred;
  int64_t known = 1;
  for (const auto &[i, size] : llvm::enumerate(requested)) {
    if (size == -1) {
      if (inferred)
        return node.emitError() << "'shape' has more than one -1";
      inferred = i;
      shape.push_back(1);
      continue;
    }
    if (size < -1)
      return node.emitError() << "'shape' has invalid size " << size;
    int64_t resolved = size;
    if (size == 0 && !allowZero) {
      if (i >= inputShape.size())
        return node.emitError()
               << "'shape' copies dimension " << i << " (0) of a rank-"
               << inputShape.size() << " input";
      resolved = inputShape[i];
    }
    shape.push_back(resolved);
  }
  // With the -1 as 1, the product of the sizes must not overflow.
  if (!isValidShape(shape))
    return node.emitError() << "'shape' has too many elements";
  for (int64_t size : shape)
    known *= size;
  int64_t numElements = 1;
  for (int64_t size : inputShape)
    numElements *= size;
  if (inferred) {
    if (known == 0 || numElements % known != 0)
      return node.emitError() << "cannot infer the -1 of 'shape' for an input "
                                 "of "
                              << numElements << " elements";
    shape[*inferred] = numElements / known;
  } else if (known != numElements) {
    return node.emitError()
           << "'shape' has " << known << " elements, the input " << numElements;
  }
  return shape;
}

FailureOr<SmallVector<int64_t>>
onnx_import::getSqueezedShape(const OnnxNode &node, ArrayRef<int64_t> shape,
                              const std::optional<SmallVector<int64_t>> &axes) {
  SmallVector<int64_t> squeezed;
  if (!axes) {
    for (int64_t size : shape)
      if (size != 1)
        squeezed.push_back(size);
    return squeezed;
  }
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(node, *axes, shape.size(), "axes");
  if (failed(normalized))
    return failure();
  for (const auto &[i, size] : llvm::enumerate(shape)) {
    if (!llvm::is_contained(*normalized, static_cast<int64_t>(i))) {
      squeezed.push_back(size);
      continue;
    }
    if (size != 1)
      return node.emitError()
             << "cannot squeeze dimension " << i << " of size " << size;
  }
  return squeezed;
}

FailureOr<SmallVector<int64_t>>
onnx_import::getUnsqueezedShape(const OnnxNode &node, ArrayRef<int64_t> shape,
                                ArrayRef<int64_t> axes) {
  int64_t rank = shape.size() + axes.size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(node, axes, rank, "axes");
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> result;
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i)
    result.push_back(llvm::is_contained(*normalized, i) ? 1 : shape[next++]);
  return result;
}

FailureOr<SliceBounds>
onnx_import::normalizeSlice(const OnnxNode &node, ArrayRef<int64_t> shape,
                            ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
                            std::optional<ArrayRef<int64_t>> axes,
                            std::optional<ArrayRef<int64_t>> steps) {
  int64_t rank = shape.size();
  SliceBounds bounds;
  bounds.starts.assign(rank, 0);
  bounds.ends.assign(shape.begin(), shape.end());
  bounds.steps.assign(rank, 1);
  if (starts.size() != ends.size() || (axes && axes->size() != starts.size()) ||
      (steps && steps->size() != starts.size()))
    return node.emitError() << "'starts', 'ends', 'axes' and 'steps' must "
                               "have the same length";
  SmallVector<int64_t> seen;
  for (size_t k = 0; k < starts.size(); ++k) {
    int64_t axis = axes ? (*axes)[k] : static_cast<int64_t>(k);
    FailureOr<int64_t> a = normalizeAxis(node, axis, rank, "axes");
    if (failed(a))
      return failure();
    if (llvm::is_contained(seen, *a))
      return node.emitError() << "'axes' names axis " << *a << " twice";
    seen.push_back(*a);
    int64_t size = shape[*a];
    int64_t step = steps ? (*steps)[k] : 1;
    if (step == 0)
      return node.emitError() << "'steps' has a 0 for axis " << *a;
    int64_t start = starts[k], end = ends[k];
    if (start < 0)
      start += size;
    if (end < 0)
      end += size;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, size);
      end = std::clamp<int64_t>(end, 0, size);
      end = std::max(end, start);
    } else if (size == 0) {
      start = end = -1;
    } else {
      start = std::clamp<int64_t>(start, 0, size - 1);
      end = std::clamp<int64_t>(end, -1, size - 1);
      end = std::min(end, start);
    }
    bounds.starts[*a] = start;
    bounds.ends[*a] = end;
    bounds.steps[*a] = step;
  }
  return bounds;
}

SmallVector<int64_t> onnx_import::getSliceShape(const SliceBounds &bounds) {
  SmallVector<int64_t> shape;
  for (size_t d = 0; d < bounds.starts.size(); ++d) {
    int64_t span = bounds.ends[d] - bounds.starts[d];
    int64_t step = bounds.steps[d];
    // ceil(span / step), where span and step have the same sign (or span 0).
    int64_t size =
        step > 0 ? (span + step - 1) / step : (span + step + 1) / step;
    shape.push_back(std::max<int64_t>(size, 0));
  }
  return shape;
}

//===----------------------------------------------------------------------===//
// Evaluation helpers
//===----------------------------------------------------------------------===//

/// The row-major strides of `shape`.
static SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

static int64_t getNumElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t size : shape)
    n *= size;
  return n;
}

/// The numpy broadcast of `shapes`, or nullopt when they do not broadcast.
static std::optional<SmallVector<int64_t>>
broadcast(ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  SmallVector<int64_t> result(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (size_t i = 0; i < shape.size(); ++i) {
      int64_t &r = result[offset + i];
      if (shape[i] == r || shape[i] == 1)
        continue;
      if (r != 1)
        return std::nullopt;
      r = shape[i];
    }
  }
  return result;
}

/// The linear index into a tensor of `shape` broadcast to `resultShape` that
/// result element `linear` reads.
static int64_t broadcastIndex(ArrayRef<int64_t> resultShape,
                              ArrayRef<int64_t> shape, int64_t linear) {
  size_t offset = resultShape.size() - shape.size();
  int64_t index = 0, stride = 1;
  for (int64_t d = static_cast<int64_t>(resultShape.size()) - 1; d >= 0; --d) {
    int64_t coordinate = linear % resultShape[d];
    linear /= resultShape[d];
    if (d < static_cast<int64_t>(offset))
      continue;
    int64_t size = shape[d - offset];
    if (size != 1)
      index += coordinate * stride;
    stride *= size;
  }
  return index;
}

/// Collects the constant values of every given input of `node`; returns false
/// when one of them is not constant.
static bool getConstantInputs(const OnnxNode &node,
                              SmallVectorImpl<const HostTensor *> &inputs) {
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i) {
    if (!node.hasInput(i)) {
      inputs.push_back(nullptr);
      continue;
    }
    const HostTensor *tensor = node.getConstantInput(i);
    if (!tensor)
      return false;
    inputs.push_back(tensor);
  }
  return true;
}

static RankedTensorType withShape(Type elementType, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, elementType);
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

/// Constant: the value attribute, or one of the value_* shorthands.
static FailureOr<bool> foldConstant(OnnxNode &node) {
  MLIRContext *context = node.getContext();
  if (node.hasAttr("value")) {
    if (failed(node.setOutputTensor(0, "value")))
      return failure();
    return true;
  }
  Type f32 = Float32Type::get(context), i64 = IntegerType::get(context, 64);
  if (const ::onnx::AttributeProto *attr = node.getAttr("value_float")) {
    node.setOutput(
        0, HostTensor(withShape(f32, {}), SmallVector<double>{attr->f()}));
    return true;
  }
  if (const ::onnx::AttributeProto *attr = node.getAttr("value_floats")) {
    SmallVector<double> values(attr->floats().begin(), attr->floats().end());
    int64_t size = values.size();
    node.setOutput(0, HostTensor(withShape(f32, {size}), std::move(values)));
    return true;
  }
  if (const ::onnx::AttributeProto *attr = node.getAttr("value_int")) {
    node.setOutput(
        0, HostTensor(withShape(i64, {}), SmallVector<int64_t>{attr->i()}));
    return true;
  }
  if (std::optional<SmallVector<int64_t>> values = node.getInts("value_ints")) {
    node.setOutput(0, HostTensor::getIndexVector(context, *values));
    return true;
  }
  if (node.hasAttr("sparse_value"))
    return node.emitError() << "sparse constants are not supported";
  return node.emitError() << "constant of element type string, which kiln "
                             "does not support";
}

/// Shape (with the start and end attributes of opset 15).
static FailureOr<bool> foldShape(OnnxNode &node) {
  ArrayRef<int64_t> shape = node.getInputType(0).getShape();
  int64_t rank = shape.size();
  auto clampIndex = [&](int64_t index) {
    if (index < 0)
      index += rank;
    return std::clamp<int64_t>(index, 0, rank);
  };
  int64_t start = clampIndex(node.getInt("start", 0));
  int64_t end = clampIndex(node.getInt("end", rank));
  SmallVector<int64_t> values;
  for (int64_t i = start; i < end; ++i)
    values.push_back(shape[i]);
  node.setOutput(0, HostTensor::getIndexVector(node.getContext(), values));
  return true;
}

static FailureOr<bool> foldSize(OnnxNode &node) {
  int64_t size = node.getInputType(0).getNumElements();
  node.setOutput(
      0, HostTensor(withShape(IntegerType::get(node.getContext(), 64), {}),
                    SmallVector<int64_t>{size}));
  return true;
}

/// ConstantOfShape: a splat of `value` (default float 0). Large results are
/// splat constants, which kiln keeps compact.
static FailureOr<bool> foldConstantOfShape(OnnxNode &node) {
  FailureOr<const HostTensor *> shapeTensor =
      node.requireConstantInput(0, "input");
  if (failed(shapeTensor))
    return failure();
  SmallVector<int64_t> shape = (*shapeTensor)->toInts();
  if (!isValidShape(shape))
    return node.emitError() << "invalid shape";
  Type elementType = Float32Type::get(node.getContext());
  double value = 0;
  if (const ::onnx::AttributeProto *attr = node.getAttr("value")) {
    const ::onnx::TensorProto &tensor = attr->t();
    elementType = getElementType(node.getContext(), tensor.data_type());
    if (!elementType)
      return node.emitError()
             << "element type " << getDataTypeName(tensor.data_type())
             << ", which kiln does not support";
    RankedTensorType scalarType = RankedTensorType::get(
        SmallVector<int64_t>(tensor.dims_size(), 1), elementType);
    FailureOr<HostTensor> scalar =
        readHostTensor(tensor, scalarType, [&] { return node.emitError(); });
    if (failed(scalar))
      return failure();
    value = scalar->getDouble(0);
  }
  RankedTensorType type = withShape(elementType, shape);
  if (type.getNumElements() <= kMaxHostElements) {
    node.setOutput(
        0, HostTensor::fromDoubles(
               type, SmallVector<double>(type.getNumElements(), value)));
    return true;
  }
  HostTensor element = HostTensor::fromDoubles(withShape(elementType, {}),
                                               SmallVector<double>{value});
  Attribute splat;
  if (element.isFloat())
    splat = FloatAttr::get(elementType, element.getDouble(0));
  else
    splat = IntegerAttr::get(elementType, element.getInt(0));
  FailureOr<Value> constant = node.create<ConstantOp>(
      {}, {node.namedAttr("value", DenseElementsAttr::get(type, splat))});
  if (failed(constant))
    return failure();
  node.setOutput(0, *constant);
  return true;
}

/// Range: start, limit, delta scalars.
static FailureOr<bool> foldRange(OnnxNode &node) {
  SmallVector<const HostTensor *, 3> inputs;
  static const char *const kNames[] = {"start", "limit", "delta"};
  for (auto [i, name] : llvm::enumerate(kNames)) {
    FailureOr<const HostTensor *> input = node.requireConstantInput(i, name);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  RankedTensorType scalarType = inputs[0]->getType();
  double start = inputs[0]->getDouble(0), limit = inputs[1]->getDouble(0),
         delta = inputs[2]->getDouble(0);
  if (delta == 0)
    return node.emitError() << "'delta' is 0";
  double count = std::max(std::ceil((limit - start) / delta), 0.0);
  if (!std::isfinite(count) || count > kMaxHostElements)
    return node.emitError() << "Range of " << count
                            << " elements is too large to evaluate at import";
  RankedTensorType type =
      withShape(scalarType.getElementType(), {static_cast<int64_t>(count)});
  if (!inputs[0]->isFloat()) {
    int64_t s = inputs[0]->getInt(0), d = inputs[2]->getInt(0);
    SmallVector<int64_t> values;
    for (int64_t i = 0; i < static_cast<int64_t>(count); ++i)
      values.push_back(s + i * d);
    node.setOutput(0, HostTensor::fromInts(type, values));
    return true;
  }
  SmallVector<double> values;
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i)
    values.push_back(start + i * delta);
  node.setOutput(0, HostTensor::fromDoubles(type, values));
  return true;
}

/// Cast and CastLike of a constant.
static FailureOr<bool> foldCast(OnnxNode &node) {
  const HostTensor *input = node.getConstantInput(0);
  if (!input)
    return false;
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
  RankedTensorType type = withShape(elementType, input->getShape());
  if (input->isFloat())
    node.setOutput(0, HostTensor::fromDoubles(type, input->toDoubles()));
  else
    node.setOutput(0, HostTensor::fromInts(type, input->toInts()));
  return true;
}

namespace {
/// Elementwise operations the evaluator knows.
enum class Arith {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Min,
  Max,
  Equal,
  Less,
  Greater,
  LessOrEqual,
  GreaterOrEqual,
  And,
  Or,
  Neg,
  Abs,
  Not,
  Floor,
  Ceil,
  Sqrt,
  // Float only (rotary embedding tables computed from torch.arange).
  Sin,
  Cos,
  Exp,
  Log,
  Reciprocal,
  Pow
};
} // namespace

static bool isComparison(Arith op) {
  switch (op) {
  case Arith::Equal:
  case Arith::Less:
  case Arith::Greater:
  case Arith::LessOrEqual:
  case Arith::GreaterOrEqual:
    return true;
  default:
    return false;
  }
}

/// Operations evaluated for floats only; on integers they are imported.
static bool isFloatOnly(Arith op) {
  switch (op) {
  case Arith::Sin:
  case Arith::Cos:
  case Arith::Exp:
  case Arith::Log:
  case Arith::Reciprocal:
  case Arith::Pow:
    return true;
  default:
    return false;
  }
}

static std::optional<Arith> getArith(StringRef opType) {
  return llvm::StringSwitch<std::optional<Arith>>(opType)
      .Case("Add", Arith::Add)
      .Case("Sub", Arith::Sub)
      .Case("Mul", Arith::Mul)
      .Case("Div", Arith::Div)
      .Case("Mod", Arith::Mod)
      .Case("Min", Arith::Min)
      .Case("Max", Arith::Max)
      .Case("Equal", Arith::Equal)
      .Case("Less", Arith::Less)
      .Case("Greater", Arith::Greater)
      .Case("LessOrEqual", Arith::LessOrEqual)
      .Case("GreaterOrEqual", Arith::GreaterOrEqual)
      .Case("And", Arith::And)
      .Case("Or", Arith::Or)
      .Case("Neg", Arith::Neg)
      .Case("Abs", Arith::Abs)
      .Case("Not", Arith::Not)
      .Case("Floor", Arith::Floor)
      .Case("Ceil", Arith::Ceil)
      .Case("Sqrt", Arith::Sqrt)
      .Case("Sin", Arith::Sin)
      .Case("Cos", Arith::Cos)
      .Case("Exp", Arith::Exp)
      .Case("Log", Arith::Log)
      .Case("Reciprocal", Arith::Reciprocal)
      .Case("Pow", Arith::Pow)
      .Default(std::nullopt);
}

/// Applies `op` to integers; reports division by zero.
static FailureOr<int64_t> applyInt(const OnnxNode &node, Arith op, int64_t a,
                                   int64_t b, bool fmod) {
  // Integer arithmetic wraps around, as at run time, instead of overflowing.
  auto wrap = [](uint64_t x) { return static_cast<int64_t>(x); };
  auto ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (op) {
  case Arith::Add:
    return wrap(ua + ub);
  case Arith::Sub:
    return wrap(ua - ub);
  case Arith::Mul:
    return wrap(ua * ub);
  case Arith::Div:
  case Arith::Mod:
    if (b == 0)
      return node.emitError() << "division by zero in a constant";
    if (b == -1)
      return op == Arith::Div ? wrap(0 - ua) : 0;
    if (op == Arith::Div)
      return a / b;
    if (fmod)
      return a % b;
    // Integer Mod with fmod = 0 takes the sign of the divisor (Python).
    return ((a % b) + b) % b;
  case Arith::Min:
    return std::min(a, b);
  case Arith::Max:
    return std::max(a, b);
  case Arith::Equal:
    return a == b;
  case Arith::Less:
    return a < b;
  case Arith::Greater:
    return a > b;
  case Arith::LessOrEqual:
    return a <= b;
  case Arith::GreaterOrEqual:
    return a >= b;
  case Arith::And:
    return a && b;
  case Arith::Or:
    return a || b;
  case Arith::Neg:
    return wrap(0 - ua);
  case Arith::Abs:
    return a < 0 ? wrap(0 - ua) : a;
  case Arith::Not:
    return !a;
  case Arith::Floor:
  case Arith::Ceil:
    return a;
  case Arith::Sqrt:
    return static_cast<int64_t>(std::sqrt(static_cast<double>(a)));
  case Arith::Sin:
  case Arith::Cos:
  case Arith::Exp:
  case Arith::Log:
  case Arith::Reciprocal:
  case Arith::Pow:
    llvm_unreachable("foldArith imports float-only operations on integers");
  }
  llvm_unreachable("unknown operation");
}

static double applyFloat(Arith op, double a, double b, bool fmod) {
  switch (op) {
  case Arith::Add:
    return a + b;
  case Arith::Sub:
    return a - b;
  case Arith::Mul:
    return a * b;
  case Arith::Div:
    return a / b;
  case Arith::Mod:
    return fmod ? std::fmod(a, b) : a - b * std::floor(a / b);
  case Arith::Min:
    return std::min(a, b);
  case Arith::Max:
    return std::max(a, b);
  case Arith::Equal:
    return a == b;
  case Arith::Less:
    return a < b;
  case Arith::Greater:
    return a > b;
  case Arith::LessOrEqual:
    return a <= b;
  case Arith::GreaterOrEqual:
    return a >= b;
  case Arith::And:
    return a != 0 && b != 0;
  case Arith::Or:
    return a != 0 || b != 0;
  case Arith::Neg:
    return -a;
  case Arith::Abs:
    return std::fabs(a);
  case Arith::Not:
    return a == 0;
  case Arith::Floor:
    return std::floor(a);
  case Arith::Ceil:
    return std::ceil(a);
  case Arith::Sqrt:
    return std::sqrt(a);
  case Arith::Sin:
    return std::sin(a);
  case Arith::Cos:
    return std::cos(a);
  case Arith::Exp:
    return std::exp(a);
  case Arith::Log:
    return std::log(a);
  case Arith::Reciprocal:
    return 1 / a;
  case Arith::Pow:
    return std::pow(a, b);
  }
  llvm_unreachable("unknown operation");
}

/// Unary and (variadic) binary elementwise operations with broadcasting.
static FailureOr<bool> foldArith(OnnxNode &node) {
  Arith op = *getArith(node.getOpType());
  SmallVector<const HostTensor *> inputs;
  if (!getConstantInputs(node, inputs) || inputs.empty() ||
      llvm::is_contained(inputs, nullptr))
    return false;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (const HostTensor *input : inputs)
    shapes.push_back(input->getShape());
  std::optional<SmallVector<int64_t>> shape = broadcast(shapes);
  if (!shape)
    return node.emitError() << "the operand shapes do not broadcast";
  int64_t numElements = getNumElements(*shape);
  if (numElements > kMaxHostElements)
    return false;
  bool fmod = node.getInt("fmod", 0) != 0;
  bool isFloat = inputs[0]->isFloat();
  if (!isFloat && isFloatOnly(op))
    return false;
  Type resultElement = isComparison(op) ? IntegerType::get(node.getContext(), 1)
                                        : inputs[0]->getElementType();
  RankedTensorType type = withShape(resultElement, *shape);

  auto element = [&](const HostTensor *input, int64_t i) {
    return broadcastIndex(*shape, input->getShape(), i);
  };
  if (isFloat) {
    SmallVector<double> values;
    for (int64_t i = 0; i < numElements; ++i) {
      double acc = inputs[0]->getDouble(element(inputs[0], i));
      if (inputs.size() == 1)
        acc = applyFloat(op, acc, 0, fmod);
      for (const HostTensor *input : llvm::drop_begin(inputs))
        acc = applyFloat(op, acc, input->getDouble(element(input, i)), fmod);
      values.push_back(acc);
    }
    node.setOutput(0, HostTensor::fromDoubles(type, values));
    return true;
  }
  SmallVector<int64_t> values;
  for (int64_t i = 0; i < numElements; ++i) {
    int64_t acc = inputs[0]->getInt(element(inputs[0], i));
    FailureOr<int64_t> result = acc;
    if (inputs.size() == 1)
      result = applyInt(node, op, acc, 0, fmod);
    for (const HostTensor *input : llvm::drop_begin(inputs)) {
      if (failed(result))
        break;
      result =
          applyInt(node, op, *result, input->getInt(element(input, i)), fmod);
    }
    if (failed(result))
      return failure();
    values.push_back(*result);
  }
  node.setOutput(0, HostTensor::fromInts(type, values));
  return true;
}

/// Where(condition, x, y).
static FailureOr<bool> foldWhere(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs;
  if (!getConstantInputs(node, inputs) || inputs.size() != 3)
    return false;
  std::optional<SmallVector<int64_t>> shape = broadcast(
      {inputs[0]->getShape(), inputs[1]->getShape(), inputs[2]->getShape()});
  if (!shape)
    return node.emitError() << "the operand shapes do not broadcast";
  int64_t numElements = getNumElements(*shape);
  if (numElements > kMaxHostElements)
    return false;
  RankedTensorType type = withShape(inputs[1]->getElementType(), *shape);
  // The input and the position in it that result element `i` reads.
  auto select = [&](int64_t i) {
    bool condition =
        inputs[0]->getInt(broadcastIndex(*shape, inputs[0]->getShape(), i));
    const HostTensor *chosen = condition ? inputs[1] : inputs[2];
    return std::make_pair(chosen,
                          broadcastIndex(*shape, chosen->getShape(), i));
  };
  if (inputs[1]->isFloat()) {
    SmallVector<double> values;
    for (int64_t i = 0; i < numElements; ++i) {
      auto [chosen, position] = select(i);
      values.push_back(chosen->getDouble(position));
    }
    node.setOutput(0, HostTensor::fromDoubles(type, values));
    return true;
  }
  SmallVector<int64_t> values;
  for (int64_t i = 0; i < numElements; ++i) {
    auto [chosen, position] = select(i);
    values.push_back(chosen->getInt(position));
  }
  node.setOutput(0, HostTensor::fromInts(type, values));
  return true;
}

/// Copies the elements of `input` at the linear indices `indices` into a
/// tensor of `type`.
static HostTensor gatherElements(const HostTensor &input, RankedTensorType type,
                                 ArrayRef<int64_t> indices) {
  if (input.isFloat()) {
    SmallVector<double> values;
    for (int64_t index : indices)
      values.push_back(input.getDouble(index));
    return HostTensor(type, std::move(values));
  }
  SmallVector<int64_t> values;
  for (int64_t index : indices)
    values.push_back(input.getInt(index));
  return HostTensor(type, std::move(values));
}

/// Gather(data, indices) along `axis`.
static FailureOr<bool> foldGather(OnnxNode &node) {
  const HostTensor *data = node.getConstantInput(0);
  const HostTensor *indices = node.getConstantInput(1);
  if (!data || !indices)
    return false;
  ArrayRef<int64_t> dataShape = data->getShape();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", 0), dataShape.size(), "axis");
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(dataShape.take_front(*axis));
  llvm::append_range(shape, indices->getShape());
  llvm::append_range(shape, dataShape.drop_front(*axis + 1));
  int64_t outer = getNumElements(dataShape.take_front(*axis));
  int64_t inner = getNumElements(dataShape.drop_front(*axis + 1));
  int64_t axisSize = dataShape[*axis];
  if (outer * indices->size() * inner > kMaxHostElements)
    return false;
  SmallVector<int64_t> positions;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < indices->size(); ++j) {
      int64_t index = indices->getInt(j);
      if (index < -axisSize || index >= axisSize)
        return node.emitError() << "index " << index << " is out of range for "
                                << "a dimension of size " << axisSize;
      if (index < 0)
        index += axisSize;
      for (int64_t i = 0; i < inner; ++i)
        positions.push_back((o * axisSize + index) * inner + i);
    }
  node.setOutput(0,
                 gatherElements(*data, withShape(data->getElementType(), shape),
                                positions));
  return true;
}

/// Squeeze, Unsqueeze and Reshape of a constant, and Flatten.
static FailureOr<bool> foldReshapeLike(OnnxNode &node) {
  const HostTensor *data = node.getConstantInput(0);
  if (!data)
    return false;
  StringRef opType = node.getOpType();
  FailureOr<SmallVector<int64_t>> shape = failure();
  if (opType == "Reshape") {
    const HostTensor *requested = node.getConstantInput(1);
    if (!requested)
      return false;
    shape = resolveReshape(node, data->getShape(), requested->toInts(),
                           node.getInt("allowzero", 0) != 0);
  } else if (opType == "Flatten") {
    int64_t rank = data->getRank();
    int64_t axis = node.getInt("axis", 1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return node.emitError() << "'axis' is out of range for rank " << rank;
    shape =
        SmallVector<int64_t>{getNumElements(data->getShape().take_front(axis)),
                             getNumElements(data->getShape().drop_front(axis))};
  } else {
    FailureOr<std::optional<SmallVector<int64_t>>> axes =
        getAxesParameter(node, 1);
    if (failed(axes))
      return failure();
    if (opType == "Squeeze") {
      shape = getSqueezedShape(node, data->getShape(), *axes);
    } else {
      if (!*axes)
        return node.emitError() << "'axes' is missing";
      shape = getUnsqueezedShape(node, data->getShape(), **axes);
    }
  }
  if (failed(shape))
    return failure();
  node.setOutput(0, data->reshaped(*shape));
  return true;
}

/// Concat of constants.
static FailureOr<bool> foldConcat(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs;
  if (!getConstantInputs(node, inputs) || inputs.empty() ||
      llvm::is_contained(inputs, nullptr))
    return false;
  int64_t rank = inputs[0]->getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.getInt("axis", 0), rank, "axis");
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(inputs[0]->getShape());
  shape[*axis] = 0;
  for (const HostTensor *input : inputs) {
    ArrayRef<int64_t> inputShape = input->getShape();
    if (input->getRank() != rank || input->isFloat() != inputs[0]->isFloat())
      return node.emitError() << "the inputs differ in rank or element type";
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && inputShape[d] != shape[d])
        return node.emitError() << "the inputs differ in dimension " << d;
    shape[*axis] += inputShape[*axis];
  }
  if (getNumElements(shape) > kMaxHostElements)
    return false;
  int64_t outer = getNumElements(ArrayRef<int64_t>(shape).take_front(*axis));
  int64_t inner =
      getNumElements(ArrayRef<int64_t>(shape).drop_front(*axis + 1));
  RankedTensorType type = withShape(inputs[0]->getElementType(), shape);
  if (inputs[0]->isFloat()) {
    SmallVector<double> values;
    for (int64_t o = 0; o < outer; ++o)
      for (const HostTensor *input : inputs) {
        int64_t chunk = input->getShape()[*axis] * inner;
        for (int64_t i = 0; i < chunk; ++i)
          values.push_back(input->getDouble(o * chunk + i));
      }
    node.setOutput(0, HostTensor(type, std::move(values)));
    return true;
  }
  SmallVector<int64_t> values;
  for (int64_t o = 0; o < outer; ++o)
    for (const HostTensor *input : inputs) {
      int64_t chunk = input->getShape()[*axis] * inner;
      for (int64_t i = 0; i < chunk; ++i)
        values.push_back(input->getInt(o * chunk + i));
    }
  node.setOutput(0, HostTensor(type, std::move(values)));
  return true;
}

/// Slice of a constant.
static FailureOr<bool> foldSlice(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs;
  if (!getConstantInputs(node, inputs) || inputs.size() < 3 || !inputs[0] ||
      !inputs[1] || !inputs[2])
    return false;
  const HostTensor &data = *inputs[0];
  SmallVector<int64_t> axes, steps;
  if (inputs.size() > 3 && inputs[3])
    axes = inputs[3]->toInts();
  if (inputs.size() > 4 && inputs[4])
    steps = inputs[4]->toInts();
  FailureOr<SliceBounds> bounds = normalizeSlice(
      node, data.getShape(), inputs[1]->toInts(), inputs[2]->toInts(),
      inputs.size() > 3 && inputs[3] ? std::optional<ArrayRef<int64_t>>(axes)
                                     : std::nullopt,
      inputs.size() > 4 && inputs[4] ? std::optional<ArrayRef<int64_t>>(steps)
                                     : std::nullopt);
  if (failed(bounds))
    return failure();
  SmallVector<int64_t> shape = getSliceShape(*bounds);
  int64_t numElements = getNumElements(shape);
  SmallVector<int64_t> inputStrides = getStrides(data.getShape());
  SmallVector<int64_t> positions;
  for (int64_t i = 0; i < numElements; ++i) {
    int64_t linear = i, position = 0;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      int64_t coordinate = linear % shape[d];
      linear /= shape[d];
      position +=
          (bounds->starts[d] + coordinate * bounds->steps[d]) * inputStrides[d];
    }
    positions.push_back(position);
  }
  node.setOutput(
      0,
      gatherElements(data, withShape(data.getElementType(), shape), positions));
  return true;
}

/// Transpose of a constant (PyTorch writes the pads of F.pad this way).
static FailureOr<bool> foldTranspose(OnnxNode &node) {
  const HostTensor *data = node.getConstantInput(0);
  if (!data)
    return false;
  int64_t rank = data->getRank();
  SmallVector<int64_t> permutation;
  if (std::optional<SmallVector<int64_t>> perm = node.getInts("perm"))
    permutation = *perm;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      permutation.push_back(d);
  SmallVector<int64_t> sorted(permutation);
  llvm::sort(sorted);
  if (static_cast<int64_t>(permutation.size()) != rank ||
      sorted != llvm::to_vector(llvm::seq<int64_t>(0, rank)))
    return node.emitError()
           << "'perm' is not a permutation of the " << rank << " dimensions";
  ArrayRef<int64_t> inputShape = data->getShape();
  SmallVector<int64_t> inputStrides = getStrides(inputShape);
  SmallVector<int64_t> shape;
  for (int64_t d : permutation)
    shape.push_back(inputShape[d]);
  SmallVector<int64_t> positions;
  for (int64_t i = 0, e = data->size(); i < e; ++i) {
    int64_t linear = i, position = 0;
    for (int64_t d = rank - 1; d >= 0; --d) {
      position += (linear % shape[d]) * inputStrides[permutation[d]];
      linear /= shape[d];
    }
    positions.push_back(position);
  }
  node.setOutput(0,
                 gatherElements(*data, withShape(data->getElementType(), shape),
                                positions));
  return true;
}

/// Expand of an integer constant, or of a float one whose elements are all
/// equal (a ConstantOfShape: Swin's attention mask is built from them), to a
/// constant shape. Other float constants are weights: kiln.expand keeps them
/// at their size.
static FailureOr<bool> foldExpand(OnnxNode &node) {
  const HostTensor *data = node.getConstantInput(0);
  const HostTensor *target = node.getConstantInput(1);
  if (!data || !target)
    return false;
  if (data->isFloat())
    for (int64_t i = 1, e = data->size(); i < e; ++i)
      if (data->getDouble(i) != data->getDouble(0))
        return false;
  SmallVector<int64_t> targetShape = target->toInts();
  std::optional<SmallVector<int64_t>> shape =
      broadcast({data->getShape(), targetShape});
  if (!shape || !isValidShape(*shape))
    return node.emitError() << "cannot expand the input to 'shape'";
  int64_t numElements = getNumElements(*shape);
  if (numElements > kMaxHostElements)
    return false;
  SmallVector<int64_t> positions;
  for (int64_t i = 0; i < numElements; ++i)
    positions.push_back(broadcastIndex(*shape, data->getShape(), i));
  node.setOutput(0, gatherElements(*data,
                                   withShape(data->getElementType(), *shape),
                                   positions));
  return true;
}

/// ScatterND of constants (Swin Transformer's shifted-window attention mask,
/// written as slice assignments into a zero tensor): `updates` written into
/// `data` at the positions `indices` names, replacing (or, with `reduction`
/// add or mul, combined with) what is there.
static FailureOr<bool> foldScatterND(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs;
  if (!getConstantInputs(node, inputs) || inputs.size() != 3 ||
      llvm::is_contained(inputs, nullptr))
    return false;
  const HostTensor &data = *inputs[0], &indices = *inputs[1],
                   &updates = *inputs[2];
  std::string reduction = node.getString("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul")
    return node.emitError()
           << "unsupported ScatterND reduction '" << reduction << "'";
  ArrayRef<int64_t> dataShape = data.getShape(),
                    indexShape = indices.getShape();
  int64_t depth = indexShape.empty() ? 0 : indexShape.back();
  if (indexShape.empty() || depth > data.getRank())
    return node.emitError() << "the last dimension of 'indices' must be at "
                               "most the rank of 'data'";
  SmallVector<int64_t> updateShape(indexShape.drop_back());
  llvm::append_range(updateShape, dataShape.drop_front(depth));
  if (updates.getShape() != ArrayRef<int64_t>(updateShape) ||
      updates.isFloat() != data.isFloat())
    return node.emitError() << "'updates' does not match 'data' and 'indices'";
  int64_t slice = getNumElements(dataShape.drop_front(depth));
  SmallVector<int64_t> strides = getStrides(dataShape);
  SmallVector<double> floats =
      data.isFloat() ? data.toDoubles() : SmallVector<double>();
  SmallVector<int64_t> ints =
      data.isFloat() ? SmallVector<int64_t>() : data.toInts();
  for (int64_t i = 0, e = getNumElements(indexShape.drop_back()); i < e; ++i) {
    int64_t offset = 0;
    for (int64_t d = 0; d < depth; ++d) {
      int64_t index = indices.getInt(i * depth + d), size = dataShape[d];
      if (index < -size || index >= size)
        return node.emitError() << "index " << index << " is out of range for "
                                << "a dimension of size " << size;
      offset += (index < 0 ? index + size : index) * strides[d];
    }
    for (int64_t j = 0; j < slice; ++j) {
      int64_t from = i * slice + j, to = offset + j;
      if (data.isFloat()) {
        double value = updates.getDouble(from);
        floats[to] = reduction == "add"   ? floats[to] + value
                     : reduction == "mul" ? floats[to] * value
                                          : value;
      } else {
        uint64_t value = updates.getInt(from),
                 old = static_cast<uint64_t>(ints[to]);
        ints[to] = static_cast<int64_t>(reduction == "add"   ? old + value
                                        : reduction == "mul" ? old * value
                                                             : value);
      }
    }
  }
  node.setOutput(0, data.isFloat()
                        ? HostTensor::fromDoubles(data.getType(), floats)
                        : HostTensor::fromInts(data.getType(), ints));
  return true;
}

void onnx_import::populateShapeFolders(NodeFolderTable &table) {
  table["Constant"] = foldConstant;
  table["Shape"] = foldShape;
  table["Size"] = foldSize;
  table["ConstantOfShape"] = foldConstantOfShape;
  table["Range"] = foldRange;
  table["Cast"] = foldCast;
  table["CastLike"] = foldCast;
  for (StringRef opType :
       {"Add",        "Sub",     "Mul",         "Div",
        "Mod",        "Min",     "Max",         "Equal",
        "Less",       "Greater", "LessOrEqual", "GreaterOrEqual",
        "And",        "Or",      "Neg",         "Abs",
        "Not",        "Floor",   "Ceil",        "Sqrt",
        "Sin",        "Cos",     "Exp",         "Log",
        "Reciprocal", "Pow"})
    table[opType] = foldArith;
  table["Where"] = foldWhere;
  table["Gather"] = foldGather;
  table["Reshape"] = foldReshapeLike;
  table["Flatten"] = foldReshapeLike;
  table["Squeeze"] = foldReshapeLike;
  table["Unsqueeze"] = foldReshapeLike;
  table["Concat"] = foldConcat;
  table["Slice"] = foldSlice;
  table["Transpose"] = foldTranspose;
  table["Expand"] = foldExpand;
  table["ScatterND"] = foldScatterND;
}
