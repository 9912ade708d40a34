//===- Importer.cpp - Import an ONNX model as kiln IR ---------------------===//
//
// The core of the ONNX importer: reads the model file, checks the opset
// (converting opsets below 11 to 11), fixes input shapes given by the user,
// runs ONNX's checker and shape inference,
// then walks the graph in order. Each node is first offered to the
// import-time evaluator (shape folding), then to the importer of its op
// family; constants are materialized as kiln.constant ops on first use.
//
//===----------------------------------------------------------------------===//

#include "kiln/Import/Onnx/OnnxImporter.h"

#include "Checker.h"
#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <cstdio>
#include <cstdlib>
#include <deque>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

/// The opsets of the default ONNX domain the importer handles. Models of
/// opsets kMinConvertedOpset to kMinOpset - 1 are first converted to kMinOpset
/// with ONNX's version converter.
static constexpr int64_t kMinConvertedOpset = 1;
static constexpr int64_t kMinOpset = 11;
static constexpr int64_t kMaxOpset = 17;

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

namespace mlir::kiln::onnx_import {

/// Everything known about one ONNX value.
struct ValueState {
  /// The ONNX name.
  std::string name;
  /// The kiln type.
  RankedTensorType type;
  /// The kiln value, once materialized.
  Value value;
  /// The import-time constant, for small constants.
  std::optional<HostTensor> host;
  /// The tensor of an initializer or a Constant node, until materialized.
  ::onnx::TensorProto *tensor = nullptr;
};

/// Imports the graph of one model into a module.
class GraphImporter {
public:
  GraphImporter(MLIRContext *context, ::onnx::ModelProto &model, StringRef path,
                int64_t opset, int64_t originalOpset)
      : context(context), model(model), path(path.str()), opset(opset),
        originalOpset(originalOpset), builder(context),
        fileLoc(FileLineColLoc::get(context, path, /*line=*/0,
                                    /*column=*/0)) {}

  FailureOr<OwningOpRef<ModuleOp>> run();

  MLIRContext *getContext() const { return context; }
  OpBuilder &getBuilder() { return builder; }
  int64_t getOpset() const { return opset; }
  int64_t getOriginalOpset() const { return originalOpset; }
  Location getFileLoc() const { return fileLoc; }

  /// The state of value `name`, or null when no node, input or initializer
  /// defined it.
  ValueState *lookup(StringRef name) {
    auto it = values.find(name);
    return it == values.end() ? nullptr : it->second;
  }
  /// Returns true if a node or the graph output uses value `name`.
  bool isUsed(StringRef name) const {
    return !name.empty() && useCounts.count(name);
  }

  /// Value `state` as a kiln value; constants become kiln.constant ops here.
  FailureOr<Value> materialize(ValueState &state,
                               function_ref<NodeError()> emitError);
  /// Value `state` as an import-time constant, or null when it is not one.
  const HostTensor *getHostTensor(ValueState &state);

  void define(StringRef name, Value value) {
    ValueState &state = newState(name);
    state.type = cast<RankedTensorType>(value.getType());
    state.value = value;
  }
  void define(StringRef name, HostTensor tensor) {
    ValueState &state = newState(name);
    state.type = tensor.getType();
    state.host = std::move(tensor);
  }
  /// Defines `name` as the (unread) tensor of a Constant node.
  LogicalResult defineTensor(StringRef name, ::onnx::TensorProto &tensor,
                             const OnnxNode &node);
  /// Makes `name` another name of `state`.
  void alias(StringRef name, ValueState &state) { values[name] = &state; }

private:
  ValueState &newState(StringRef name) {
    ValueState &state = states.emplace_back();
    state.name = name.str();
    values[name] = &state;
    return state;
  }
  /// Starts an error about the model as a whole.
  NodeError emitError() const {
    return NodeError(mlir::emitError(fileLoc), "");
  }

  LogicalResult defineInitializers();
  FailureOr<func::FuncOp> createFunction(ModuleOp module);
  LogicalResult importNode(::onnx::NodeProto &node, int64_t index);
  LogicalResult createReturn(func::FuncOp func);

  MLIRContext *context;
  ::onnx::ModelProto &model;
  std::string path;
  int64_t opset;
  /// The opset the model file imports (before version conversion).
  int64_t originalOpset;
  OpBuilder builder;
  Location fileLoc;

  std::deque<ValueState> states;
  llvm::StringMap<ValueState *> values;
  llvm::StringMap<unsigned> useCounts;
  NodeImporterTable importers;
  NodeFolderTable folders;
};

} // namespace mlir::kiln::onnx_import

/// The kiln type of an ONNX tensor with data type `dataType` and `dims`, or
/// null when kiln has no such element type.
static RankedTensorType getTensorType(MLIRContext *context, int32_t dataType,
                                      ArrayRef<int64_t> dims) {
  Type elementType = getElementType(context, dataType);
  if (!elementType || !isValidShape(dims))
    return {};
  return RankedTensorType::get(dims, elementType);
}

static SmallVector<int64_t> getDims(const ::onnx::TensorProto &tensor) {
  return SmallVector<int64_t>(tensor.dims().begin(), tensor.dims().end());
}

const HostTensor *GraphImporter::getHostTensor(ValueState &state) {
  if (state.host)
    return &*state.host;
  if (!state.tensor || state.type.getNumElements() > kMaxHostElements)
    return nullptr;
  // The tensor's size was checked when it was defined; reading cannot fail.
  FailureOr<HostTensor> host =
      readHostTensor(*state.tensor, state.type, [&] { return emitError(); });
  if (failed(host))
    return nullptr;
  state.host = std::move(*host);
  return &*state.host;
}

FailureOr<Value>
GraphImporter::materialize(ValueState &state,
                           function_ref<NodeError()> emitError) {
  if (state.value)
    return state.value;
  std::string blobName = sanitizeName(state.name);
  ElementsAttr attr;
  if (state.host) {
    attr = makeHostTensorAttr(*state.host, blobName);
  } else if (state.tensor) {
    // Large tensors are never read again: their bytes move into the blob.
    bool release = state.type.getNumElements() > kMaxHostElements;
    FailureOr<ElementsAttr> tensorAttr =
        makeTensorAttr(*state.tensor, state.type, blobName, release, emitError);
    if (failed(tensorAttr))
      return failure();
    attr = *tensorAttr;
  } else {
    return emitError() << "internal error: value '" << state.name
                       << "' has no definition";
  }
  state.value = ConstantOp::create(builder, fileLoc, attr.getType(), attr);
  return state.value;
}

LogicalResult GraphImporter::defineTensor(StringRef name,
                                          ::onnx::TensorProto &tensor,
                                          const OnnxNode &node) {
  if (tensor.data_location() == ::onnx::TensorProto::EXTERNAL)
    return node.emitError() << "external data is not supported";
  RankedTensorType type =
      getTensorType(context, tensor.data_type(), getDims(tensor));
  if (!isValidShape(getDims(tensor)))
    return node.emitError() << "the constant has an invalid shape";
  if (!type)
    return node.emitError()
           << "constant of element type " << getDataTypeName(tensor.data_type())
           << ", which kiln does not support";
  // Check the data size now so that later reads cannot fail.
  if (failed(checkTensorData(tensor, type, [&] { return node.emitError(); })))
    return failure();
  ValueState &state = newState(name);
  state.type = type;
  state.tensor = &tensor;
  return success();
}

LogicalResult GraphImporter::defineInitializers() {
  ::onnx::GraphProto &graph = *model.mutable_graph();
  if (graph.sparse_initializer_size() > 0)
    return emitError() << "sparse initializers are not supported (initializer '"
                       << graph.sparse_initializer(0).values().name() << "')";
  for (::onnx::TensorProto &tensor : *graph.mutable_initializer()) {
    RankedTensorType type =
        getTensorType(context, tensor.data_type(), getDims(tensor));
    if (!isValidShape(getDims(tensor)))
      return emitError() << "initializer '" << tensor.name()
                         << "' has an invalid shape";
    if (!type)
      return emitError() << "initializer '" << tensor.name()
                         << "' has element type "
                         << getDataTypeName(tensor.data_type())
                         << ", which kiln does not support";
    if (failed(checkTensorData(tensor, type, [&] { return emitError(); })))
      return failure();
    ValueState &state = newState(tensor.name());
    state.type = type;
    state.tensor = &tensor;
  }
  return success();
}

/// The kiln type of graph input `input`, or an error saying why it has none.
static FailureOr<RankedTensorType>
getInputType(MLIRContext *context, const ::onnx::ValueInfoProto &input,
             function_ref<NodeError()> emitError) {
  const std::string &name = input.name();
  if (!input.type().has_tensor_type())
    return emitError() << "input '" << name
                       << "' is not a tensor (sequences, maps and optional "
                          "values are not supported)";
  const ::onnx::TypeProto::Tensor &tensorType = input.type().tensor_type();
  Type elementType = getElementType(context, tensorType.elem_type());
  if (!elementType)
    return emitError() << "input '" << name << "' has element type "
                       << getDataTypeName(tensorType.elem_type())
                       << ", which kiln does not support";
  if (!tensorType.has_shape())
    return emitError() << "input '" << name
                       << "' has no shape; give it with --input-shape " << name
                       << "=DIMS";
  SmallVector<int64_t> shape;
  for (const auto &[i, dim] : llvm::enumerate(tensorType.shape().dim())) {
    if (dim.has_dim_value() && dim.dim_value() >= 0) {
      shape.push_back(dim.dim_value());
      continue;
    }
    auto error = emitError();
    error << "input '" << name << "' has dynamic dimension " << i;
    if (dim.has_dim_param() && !dim.dim_param().empty())
      error << " ('" << dim.dim_param() << "')";
    error << "; give its shape with --input-shape " << name << "=DIMS";
    return failure();
  }
  if (!isValidShape(shape))
    return emitError() << "input '" << name << "' has an invalid shape";
  return RankedTensorType::get(shape, elementType);
}

FailureOr<func::FuncOp> GraphImporter::createFunction(ModuleOp module) {
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const ::onnx::ValueInfoProto &input : model.graph().input()) {
    // Initializers listed as inputs (as IR version 3 requires) are weights.
    if (lookup(input.name()))
      continue;
    FailureOr<RankedTensorType> type =
        getInputType(context, input, [&] { return emitError(); });
    if (failed(type))
      return failure();
    argTypes.push_back(*type);
    argNames.push_back(input.name());
  }

  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *entry = &func.getBody().emplaceBlock();
  for (const auto &[i, name] : llvm::enumerate(argNames)) {
    BlockArgument arg = entry->addArgument(argTypes[i], fileLoc);
    define(name, arg);
    func.setArgAttr(i, "kiln.name", builder.getStringAttr(name));
  }
  builder.setInsertionPointToEnd(entry);
  return func;
}

LogicalResult GraphImporter::importNode(::onnx::NodeProto &proto,
                                        int64_t index) {
  OnnxNode node(*this, proto, index);
  if (!proto.domain().empty() && proto.domain() != "ai.onnx")
    return node.emitError() << "unsupported ONNX op '" << proto.domain() << "."
                            << proto.op_type() << "'";

  bool done = false;
  if (NodeFoldFn fold = folders.lookup(proto.op_type())) {
    FailureOr<bool> folded = fold(node);
    if (failed(folded))
      return failure();
    done = *folded;
  }
  if (!done) {
    NodeImportFn import = importers.lookup(proto.op_type());
    if (!import)
      return node.emitError()
             << "unsupported ONNX op '" << proto.op_type() << "'";
    if (failed(import(node)))
      return failure();
  }

  // Every output that is used must have been defined.
  for (const auto &[i, name] : llvm::enumerate(proto.output()))
    if (isUsed(name) && !lookup(name))
      return node.emitError() << "output #" << i << " ('" << name << "') of "
                              << proto.op_type() << " is not supported";
  return success();
}

LogicalResult GraphImporter::createReturn(func::FuncOp func) {
  SmallVector<Value> results;
  for (const ::onnx::ValueInfoProto &output : model.graph().output()) {
    ValueState *state = lookup(output.name());
    if (!state)
      return emitError() << "graph output '" << output.name()
                         << "' is not defined";
    FailureOr<Value> value = materialize(*state, [&] { return emitError(); });
    if (failed(value))
      return failure();
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
  for (const auto &[i, output] : llvm::enumerate(model.graph().output()))
    func.setResultAttr(i, "kiln.name", builder.getStringAttr(output.name()));
  return success();
}

FailureOr<OwningOpRef<ModuleOp>> GraphImporter::run() {
  const ::onnx::GraphProto &graph = model.graph();
  for (const ::onnx::NodeProto &node : graph.node())
    for (const std::string &input : node.input())
      if (!input.empty())
        ++useCounts[input];
  for (const ::onnx::ValueInfoProto &output : graph.output())
    ++useCounts[output.name()];

  populateShapeFolders(folders);
  populateElementwiseImporters(importers);
  populateContractionImporters(importers);
  populateNormImporters(importers);
  populatePoolImporters(importers);
  populateShuffleImporters(importers);
  populateTensorImporters(importers);
  populateEinsum(folders, importers);

  std::string symName = graph.name();
  if (symName.empty())
    symName = llvm::sys::path::stem(path).str();
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(fileLoc, StringRef(sanitizeName(symName)));

  if (failed(defineInitializers()))
    return failure();
  FailureOr<func::FuncOp> func = createFunction(*module);
  if (failed(func))
    return failure();
  for (const auto &[i, node] :
       llvm::enumerate(*model.mutable_graph()->mutable_node()))
    if (failed(importNode(node, i)))
      return failure();
  if (failed(createReturn(*func)) || failed(mlir::verify(*module)))
    return failure();
  return module;
}

//===----------------------------------------------------------------------===//
// OnnxNode
//===----------------------------------------------------------------------===//

OnnxNode::OnnxNode(GraphImporter &importer, ::onnx::NodeProto &proto,
                   int64_t index)
    : importer(importer), proto(proto), loc(importer.getFileLoc()) {
  std::string label;
  if (!proto.name().empty()) {
    label = proto.name();
    suffix = " (node '" + label + "')";
  } else {
    label = proto.op_type() + " node #" + std::to_string(index);
    suffix = " (" + label + ")";
  }
  loc = NameLoc::get(StringAttr::get(importer.getContext(), label),
                     importer.getFileLoc());
}

int64_t OnnxNode::getOpset() const { return importer.getOpset(); }
int64_t OnnxNode::getOriginalOpset() const {
  return importer.getOriginalOpset();
}

OpBuilder &OnnxNode::getBuilder() const { return importer.getBuilder(); }

NodeError OnnxNode::emitError() const {
  return NodeError(mlir::emitError(loc), suffix);
}

const ::onnx::AttributeProto *OnnxNode::getAttr(StringRef name) const {
  for (const ::onnx::AttributeProto &attr : proto.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t OnnxNode::getInt(StringRef name, int64_t defaultValue) const {
  const ::onnx::AttributeProto *attr = getAttr(name);
  return attr ? attr->i() : defaultValue;
}

/// The double nearest to the shortest decimal that reads back as `value`
/// (0.01f gives 0.01, not 0.0099999997764825821), so that attributes print
/// as they were written.
static double toShortestDouble(float value) {
  char text[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(text, sizeof(text), "%.*g", precision, value);
    if (std::strtof(text, nullptr) == value)
      return std::strtod(text, nullptr);
  }
  return value;
}

double OnnxNode::getFloat(StringRef name, double defaultValue) const {
  const ::onnx::AttributeProto *attr = getAttr(name);
  return attr ? toShortestDouble(attr->f()) : defaultValue;
}

std::string OnnxNode::getString(StringRef name, StringRef defaultValue) const {
  const ::onnx::AttributeProto *attr = getAttr(name);
  return attr ? attr->s() : defaultValue.str();
}

std::optional<SmallVector<int64_t>> OnnxNode::getInts(StringRef name) const {
  const ::onnx::AttributeProto *attr = getAttr(name);
  if (!attr)
    return std::nullopt;
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

FailureOr<Value> OnnxNode::getInput(unsigned i) const {
  if (!hasInput(i))
    return emitError() << "input #" << i << " is missing";
  ValueState *state = importer.lookup(getInputName(i));
  if (!state)
    return emitError() << "input '" << getInputName(i) << "' is not defined";
  return importer.materialize(*state, [&] { return emitError(); });
}

FailureOr<Value> OnnxNode::getOptionalInput(unsigned i) const {
  if (!hasInput(i))
    return Value();
  return getInput(i);
}

RankedTensorType OnnxNode::getInputType(unsigned i) const {
  ValueState *state = hasInput(i) ? importer.lookup(getInputName(i)) : nullptr;
  assert(state && state->type && "input without a type");
  return state->type;
}

const HostTensor *OnnxNode::getConstantInput(unsigned i) const {
  ValueState *state = hasInput(i) ? importer.lookup(getInputName(i)) : nullptr;
  return state ? importer.getHostTensor(*state) : nullptr;
}

FailureOr<const HostTensor *>
OnnxNode::requireConstantInput(unsigned i, StringRef what) const {
  if (const HostTensor *tensor = getConstantInput(i))
    return tensor;
  if (!hasInput(i))
    return emitError() << "input '" << what << "' is missing";
  NodeError error = emitError();
  error << "input '" << what << "'";
  if (getInputName(i) != what)
    error << " (value '" << getInputName(i) << "')";
  return error << " is computed at run time; kiln needs it to be constant "
                  "after shape folding";
}

bool OnnxNode::isOutputUsed(unsigned i) const {
  return static_cast<int>(i) < proto.output_size() &&
         importer.isUsed(proto.output(i));
}

LogicalResult OnnxNode::requireUnusedOutputs(unsigned first,
                                             StringRef what) const {
  for (unsigned i = first, e = getNumOutputs(); i < e; ++i)
    if (isOutputUsed(i))
      return emitError() << "output #" << i << " ('" << proto.output(i)
                         << "') of " << getOpType()
                         << " is not supported: " << what;
  return success();
}

void OnnxNode::setOutput(unsigned i, Value value) const {
  if (static_cast<int>(i) < proto.output_size() && !proto.output(i).empty())
    importer.define(proto.output(i), value);
}

void OnnxNode::setOutput(unsigned i, HostTensor tensor) const {
  if (static_cast<int>(i) < proto.output_size() && !proto.output(i).empty())
    importer.define(proto.output(i), std::move(tensor));
}

void OnnxNode::forwardInput(unsigned i, unsigned j) const {
  if (static_cast<int>(i) >= proto.output_size() || proto.output(i).empty())
    return;
  ValueState *state = importer.lookup(getInputName(j));
  assert(state && "forwarding an undefined input");
  importer.alias(proto.output(i), *state);
}

LogicalResult OnnxNode::setOutputTensor(unsigned i, StringRef name) const {
  for (::onnx::AttributeProto &attr : *proto.mutable_attribute())
    if (attr.name() == name)
      return importer.defineTensor(proto.output(i), *attr.mutable_t(), *this);
  return emitError() << "attribute '" << name << "' is missing";
}

NamedAttribute OnnxNode::i64Attr(StringRef name, int64_t value) const {
  return namedAttr(name,
                   IntegerAttr::get(IntegerType::get(getContext(), 64), value));
}

NamedAttribute OnnxNode::f64Attr(StringRef name, double value) const {
  return namedAttr(name, FloatAttr::get(Float64Type::get(getContext()), value));
}

NamedAttribute OnnxNode::boolAttr(StringRef name, bool value) const {
  return namedAttr(name, BoolAttr::get(getContext(), value));
}

NamedAttribute OnnxNode::i64ArrayAttr(StringRef name,
                                      ArrayRef<int64_t> values) const {
  return namedAttr(name, DenseI64ArrayAttr::get(getContext(), values));
}

LogicalResult
OnnxNode::reportBuildFailure(StringRef opName, ValueRange operands,
                             const std::optional<std::string> &message) const {
  if (message) {
    std::string prefix = ("'" + opName + "' op").str();
    if (StringRef(*message).starts_with(prefix))
      return emitError() << *message;
    return emitError() << prefix << " " << *message;
  }
  std::string types;
  llvm::raw_string_ostream os(types);
  llvm::interleaveComma(operands.getTypes(), os);
  return emitError() << "cannot build '" << opName
                     << "' from operands of type (" << types << ")";
}

//===----------------------------------------------------------------------===//
// Helpers shared by the families
//===----------------------------------------------------------------------===//

bool onnx_import::isValidShape(ArrayRef<int64_t> shape) {
  constexpr int64_t kMaxElements = int64_t(1) << 48;
  int64_t count = 1;
  for (int64_t size : shape) {
    if (size < 0 || (size > 0 && count > kMaxElements / size))
      return false;
    count *= size;
  }
  return true;
}

FailureOr<int64_t> onnx_import::normalizeAxis(const OnnxNode &node,
                                              int64_t axis, int64_t rank,
                                              StringRef what) {
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank)
    return node.emitError() << "'" << what << "' " << axis
                            << " is out of range for rank " << rank;
  return normalized;
}

FailureOr<SmallVector<int64_t>>
onnx_import::normalizeAxes(const OnnxNode &node, ArrayRef<int64_t> axes,
                           int64_t rank, StringRef what) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = normalizeAxis(node, axis, rank, what);
    if (failed(normalized))
      return failure();
    if (llvm::is_contained(result, *normalized))
      return node.emitError()
             << "'" << what << "' names axis " << *normalized << " twice";
    result.push_back(*normalized);
  }
  llvm::sort(result);
  return result;
}

FailureOr<Value> onnx_import::createScalar(const OnnxNode &node,
                                           Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (isa<FloatType>(elementType))
    element = FloatAttr::get(elementType, value);
  else
    element = IntegerAttr::get(elementType, static_cast<int64_t>(value));
  return node.create<ConstantOp>(
      {}, {node.namedAttr("value", DenseElementsAttr::get(type, element))});
}

FailureOr<Value> onnx_import::reshapeTo(const OnnxNode &node, Value value,
                                        ArrayRef<int64_t> shape) {
  if (cast<RankedTensorType>(value.getType()).getShape() == shape)
    return value;
  return node.create<ReshapeOp>({value}, {node.i64ArrayAttr("shape", shape)});
}

//===----------------------------------------------------------------------===//
// Reading the model
//===----------------------------------------------------------------------===//

/// Parses the ModelProto in `path`.
static LogicalResult readModel(StringRef path, ::onnx::ModelProto &model,
                               Location fileLoc) {
  int fd;
  if (std::error_code ec = llvm::sys::fs::openFileForRead(path, fd))
    return mlir::emitError(fileLoc)
           << "cannot open '" << path << "': " << ec.message();
  bool parsed;
  {
    google::protobuf::io::FileInputStream stream(fd);
    stream.SetCloseOnDelete(true);
    parsed = model.ParseFromZeroCopyStream(&stream);
  }
  // Protobuf accepts many byte strings as a message with unknown fields: a
  // model must have a graph and an IR version too.
  if (!parsed || !model.has_graph() || model.ir_version() <= 0)
    return mlir::emitError(fileLoc)
           << "not an ONNX model (the file is truncated or is not an ONNX "
              "protobuf)";
  return success();
}

/// The opset of the default domain that `model` imports, checked.
static FailureOr<int64_t> getOpset(const ::onnx::ModelProto &model,
                                   Location fileLoc) {
  std::optional<int64_t> opset;
  for (const ::onnx::OperatorSetIdProto &import : model.opset_import())
    if (import.domain().empty() || import.domain() == "ai.onnx")
      opset = import.version();
  if (!opset)
    return mlir::emitError(fileLoc)
           << "the model imports no opset of the default ONNX domain";
  if (*opset < kMinConvertedOpset || *opset > kMaxOpset)
    return mlir::emitError(fileLoc)
           << "ONNX opset " << *opset << " is not supported; kiln imports "
           << "opsets " << kMinConvertedOpset << " to " << kMaxOpset;
  return *opset;
}

/// Reports initializers whose data lives in external files, before ONNX's
/// checker looks for those files.
static LogicalResult checkNoExternalData(const ::onnx::ModelProto &model,
                                         Location fileLoc) {
  for (const ::onnx::TensorProto &tensor : model.graph().initializer())
    if (tensor.data_location() == ::onnx::TensorProto::EXTERNAL)
      return mlir::emitError(fileLoc)
             << "external data is not supported (initializer '" << tensor.name()
             << "')";
  return success();
}

/// Writes the shapes the user gave into the graph inputs, so that ONNX's
/// shape inference sees them too.
static LogicalResult applyInputShapes(::onnx::ModelProto &model,
                                      const OnnxImportOptions &options,
                                      Location fileLoc) {
  ::onnx::GraphProto &graph = *model.mutable_graph();
  llvm::StringSet<> initializers;
  for (const ::onnx::TensorProto &tensor : graph.initializer())
    initializers.insert(tensor.name());
  for (const auto &[name, dims] : options.inputShapes) {
    ::onnx::ValueInfoProto *input = nullptr;
    for (::onnx::ValueInfoProto &candidate : *graph.mutable_input())
      if (candidate.name() == name && !initializers.contains(name))
        input = &candidate;
    std::string given =
        "--input-shape " + name + "=" +
        llvm::join(
            llvm::map_range(dims, [](int64_t d) { return std::to_string(d); }),
            "x");
    if (!input) {
      SmallVector<StringRef> inputs;
      for (const ::onnx::ValueInfoProto &candidate : graph.input())
        if (!initializers.contains(candidate.name()))
          inputs.push_back(candidate.name());
      return mlir::emitError(fileLoc)
             << given << ": the model has no input '" << name
             << "' (inputs: " << llvm::join(inputs, ", ") << ")";
    }
    if (!input->type().has_tensor_type())
      return mlir::emitError(fileLoc)
             << given << ": input '" << name << "' is not a tensor";
    ::onnx::TypeProto::Tensor &tensorType =
        *input->mutable_type()->mutable_tensor_type();
    ::onnx::TensorShapeProto &shape = *tensorType.mutable_shape();
    if (tensorType.has_shape() && shape.dim_size() != 0 &&
        shape.dim_size() != static_cast<int>(dims.size()))
      return mlir::emitError(fileLoc)
             << given << ": input '" << name << "' has rank "
             << shape.dim_size() << ", not " << dims.size();
    if (shape.dim_size() == 0)
      for (size_t i = 0; i < dims.size(); ++i)
        shape.add_dim();
    for (const auto &[i, size] : llvm::enumerate(dims)) {
      ::onnx::TensorShapeProto::Dimension &dim = *shape.mutable_dim(i);
      if (dim.has_dim_value() && dim.dim_value() != size)
        return mlir::emitError(fileLoc)
               << given << ": dimension " << i << " of input '" << name
               << "' is " << dim.dim_value() << " in the model, not " << size;
      dim.set_dim_value(size);
    }
  }
  return success();
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::kiln::importOnnxFile(StringRef path, MLIRContext *context,
                           const OnnxImportOptions &options) {
  context->loadDialect<KilnDialect, func::FuncDialect>();
  Location fileLoc = FileLineColLoc::get(context, path, /*line=*/0,
                                         /*column=*/0);
  ::onnx::ModelProto model;
  if (failed(readModel(path, model, fileLoc)))
    return failure();
  FailureOr<int64_t> opset = getOpset(model, fileLoc);
  if (failed(opset) || failed(checkNoExternalData(model, fileLoc)) ||
      failed(applyInputShapes(model, options, fileLoc)))
    return failure();
  int64_t originalOpset = *opset;
  if (*opset < kMinOpset) {
    if (std::optional<std::string> error =
            convertToOpset(model, *opset, kMinOpset))
      return mlir::emitError(fileLoc) << *error;
    opset = kMinOpset;
  }
  if (std::optional<std::string> error = checkAndInferShapes(model))
    return mlir::emitError(fileLoc) << *error;
  return GraphImporter(context, model, path, *opset, originalOpset).run();
}
