//===- Importer.h - Shared state of the ONNX importer -----------*- C++ -*-===//
//
// Private to the ONNX importer: the graph importer that maps ONNX value names
// to kiln values or folded constants, the per-node view through which each op
// family imports a node, constant tensors evaluated at import (HostTensor),
// and one populate function per op family.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LIB_IMPORT_ONNX_IMPORTER_H
#define KILN_LIB_IMPORT_ONNX_IMPORTER_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

#include <optional>
#include <string>

namespace mlir::kiln::onnx_import {

class GraphImporter;

//===----------------------------------------------------------------------===//
// Constants known at import time
//===----------------------------------------------------------------------===//

/// The most elements a constant may have to take part in import-time folding.
constexpr int64_t kMaxHostElements = 1 << 16;

/// A constant tensor known at import time and small enough to compute with:
/// shape tensors, axes, scales and the results of folded shape arithmetic.
/// Integer and boolean elements are held as int64, floating-point elements as
/// double (exact for every kiln float type).
class HostTensor {
public:
  HostTensor(RankedTensorType type, SmallVector<int64_t> ints)
      : type(type), ints(std::move(ints)) {}
  HostTensor(RankedTensorType type, SmallVector<double> floats)
      : type(type), floats(std::move(floats)), isFloatTensor(true) {}

  /// A tensor of `type` whose elements are `values` converted to the element
  /// type (truncated toward zero for integers, `!= 0` for i1).
  static HostTensor fromDoubles(RankedTensorType type, ArrayRef<double> values);
  /// A tensor of `type` whose elements are `values` converted to the element
  /// type.
  static HostTensor fromInts(RankedTensorType type, ArrayRef<int64_t> values);
  /// A 1-D i64 tensor.
  static HostTensor getIndexVector(MLIRContext *context,
                                   ArrayRef<int64_t> values);

  RankedTensorType getType() const { return type; }
  ArrayRef<int64_t> getShape() const { return type.getShape(); }
  Type getElementType() const { return type.getElementType(); }
  int64_t getRank() const { return type.getRank(); }
  bool isFloat() const { return isFloatTensor; }
  int64_t size() const {
    return isFloatTensor ? static_cast<int64_t>(floats.size())
                         : static_cast<int64_t>(ints.size());
  }
  int64_t getInt(int64_t i) const {
    return isFloatTensor ? static_cast<int64_t>(floats[i]) : ints[i];
  }
  double getDouble(int64_t i) const {
    return isFloatTensor ? floats[i] : static_cast<double>(ints[i]);
  }
  /// Every element as an integer (floats truncated toward zero).
  SmallVector<int64_t> toInts() const;
  /// Every element as a double.
  SmallVector<double> toDoubles() const;
  /// The same elements with another shape of equal element count.
  HostTensor reshaped(ArrayRef<int64_t> shape) const;

private:
  RankedTensorType type;
  SmallVector<int64_t> ints;
  SmallVector<double> floats;
  bool isFloatTensor = false;
};

//===----------------------------------------------------------------------===//
// Diagnostics about one node
//===----------------------------------------------------------------------===//

/// An error about a node: streams its message into a diagnostic, appends the
/// node description ("(node 'conv1')") when it is reported, and converts to
/// failure.
class NodeError {
public:
  NodeError(InFlightDiagnostic diagnostic, std::string suffix)
      : diagnostic(std::move(diagnostic)), suffix(std::move(suffix)) {}
  NodeError(NodeError &&) = default;
  NodeError &operator=(NodeError &&) = delete;
  ~NodeError() {
    if (Diagnostic *d = diagnostic.getUnderlyingDiagnostic())
      *d << suffix;
  }

  template <typename T> NodeError &operator<<(T &&arg) & {
    if (Diagnostic *d = diagnostic.getUnderlyingDiagnostic())
      *d << std::forward<T>(arg);
    return *this;
  }
  template <typename T> NodeError &&operator<<(T &&arg) && {
    return std::move(*this << std::forward<T>(arg));
  }

  operator LogicalResult() const { return failure(); }
  template <typename T> operator FailureOr<T>() const { return failure(); }

private:
  InFlightDiagnostic diagnostic;
  std::string suffix;
};

//===----------------------------------------------------------------------===//
// ONNX tensors and data types (Tensors.cpp)
//===----------------------------------------------------------------------===//

/// The kiln element type of ONNX data type `dataType`, or null when kiln has
/// none (strings, complex numbers, unsigned integers, ...).
Type getElementType(MLIRContext *context, int32_t dataType);

/// The ONNX name of data type `dataType` in lower case ("float", "string").
std::string getDataTypeName(int32_t dataType);

/// The ONNX data type of a kiln element type.
int32_t getOnnxDataType(Type elementType);

/// Reads the elements of `tensor` (of kiln type `type`) into a HostTensor, or
/// reports through `emitError` why it cannot.
FailureOr<HostTensor> readHostTensor(const ::onnx::TensorProto &tensor,
                                     RankedTensorType type,
                                     function_ref<NodeError()> emitError);

/// Checks that `tensor` holds its data (not in an external file) and as many
/// elements as `type` has.
LogicalResult checkTensorData(const ::onnx::TensorProto &tensor,
                              RankedTensorType type,
                              function_ref<NodeError()> emitError);

/// Makes the attribute a `kiln.constant` holds for the elements of `tensor`:
/// a `dense_resource` blob copied once from the tensor's bytes, aligned, or a
/// `dense<...>` literal for splats, scalars, booleans and integer tensors of
/// fewer than 64 elements. `blobName` names the blob. When `releaseData` is
/// set the tensor is never read again: its raw bytes move into the blob
/// without a copy where their alignment allows, and its data is freed.
FailureOr<ElementsAttr> makeTensorAttr(::onnx::TensorProto &tensor,
                                       RankedTensorType type,
                                       StringRef blobName, bool releaseData,
                                       function_ref<NodeError()> emitError);

/// Makes the attribute a `kiln.constant` holds for `tensor`, with the rules
/// of makeTensorAttr.
ElementsAttr makeHostTensorAttr(const HostTensor &tensor, StringRef blobName);

/// Turns an ONNX name into a resource blob key or symbol name: characters
/// other than letters, digits, '_' and '.' become '_', and a name that does not
/// start with a letter or '_' gets a '_' in front.
std::string sanitizeName(StringRef name);

//===----------------------------------------------------------------------===//
// OnnxNode
//===----------------------------------------------------------------------===//

/// The view of one ONNX node that the op families import through: its
/// attributes, its inputs as kiln values or import-time constants, its
/// outputs, checked construction of kiln ops and diagnostics that name the
/// node.
class OnnxNode {
public:
  OnnxNode(GraphImporter &importer, ::onnx::NodeProto &proto, int64_t index);

  const ::onnx::NodeProto &getProto() const { return proto; }
  StringRef getOpType() const { return proto.op_type(); }
  /// The ONNX opset of the default domain (after version conversion).
  int64_t getOpset() const;
  /// The opset the model file imports: below 11 the model was converted to
  /// opset 11, and ops whose semantics the converter keeps unchanged may
  /// need their old reading (PRelu before opset 7).
  int64_t getOriginalOpset() const;
  Location getLoc() const { return loc; }
  MLIRContext *getContext() const { return loc.getContext(); }
  OpBuilder &getBuilder() const;

  //===--------------------------------------------------------------------===//
  // Diagnostics
  //===--------------------------------------------------------------------===//

  /// Starts an error about this node; the node description is appended.
  NodeError emitError() const;
  /// The description appended to errors: " (node 'name')" or
  /// " (Conv node #3)" for an unnamed node.
  StringRef getSuffix() const { return suffix; }

  //===--------------------------------------------------------------------===//
  // Attributes
  //===--------------------------------------------------------------------===//

  const ::onnx::AttributeProto *getAttr(StringRef name) const;
  bool hasAttr(StringRef name) const { return getAttr(name) != nullptr; }
  int64_t getInt(StringRef name, int64_t defaultValue) const;
  double getFloat(StringRef name, double defaultValue) const;
  std::string getString(StringRef name, StringRef defaultValue) const;
  /// The `ints` attribute `name`, or nullopt when absent.
  std::optional<SmallVector<int64_t>> getInts(StringRef name) const;

  //===--------------------------------------------------------------------===//
  // Inputs
  //===--------------------------------------------------------------------===//

  unsigned getNumInputs() const { return proto.input_size(); }
  /// Returns true if input `i` is given (present and not the empty name).
  bool hasInput(unsigned i) const {
    return static_cast<int>(i) < proto.input_size() && !proto.input(i).empty();
  }
  StringRef getInputName(unsigned i) const { return proto.input(i); }
  /// Input `i` as a kiln value (constants are materialized on first use).
  FailureOr<Value> getInput(unsigned i) const;
  /// Input `i` as a kiln value, or a null value when it is not given.
  FailureOr<Value> getOptionalInput(unsigned i) const;
  /// The type of input `i`, which must be given.
  RankedTensorType getInputType(unsigned i) const;
  /// Input `i` as an import-time constant, or null when it is not given or
  /// not constant.
  const HostTensor *getConstantInput(unsigned i) const;
  /// Input `i` as an import-time constant; reports an error naming `what`
  /// (the ONNX input name, e.g. "shape") when it is not constant.
  FailureOr<const HostTensor *> requireConstantInput(unsigned i,
                                                     StringRef what) const;

  //===--------------------------------------------------------------------===//
  // Outputs
  //===--------------------------------------------------------------------===//

  unsigned getNumOutputs() const { return proto.output_size(); }
  /// Returns true if output `i` exists and a node or the graph uses it.
  bool isOutputUsed(unsigned i) const;
  /// Reports an error when any output from `first` on is used; `what` says
  /// which outputs those are.
  LogicalResult requireUnusedOutputs(unsigned first, StringRef what) const;
  void setOutput(unsigned i, Value value) const;
  void setOutput(unsigned i, HostTensor tensor) const;
  /// Makes output `i` another name of input `j` (Identity, Dropout).
  void forwardInput(unsigned i, unsigned j) const;
  /// Defines output `i` as the tensor held by attribute `name` (Constant),
  /// read when first used.
  LogicalResult setOutputTensor(unsigned i, StringRef name) const;

  //===--------------------------------------------------------------------===//
  // Building kiln ops
  //===--------------------------------------------------------------------===//

  NamedAttribute namedAttr(StringRef name, Attribute value) const {
    return NamedAttribute(StringAttr::get(getContext(), name), value);
  }
  NamedAttribute i64Attr(StringRef name, int64_t value) const;
  NamedAttribute f64Attr(StringRef name, double value) const;
  NamedAttribute boolAttr(StringRef name, bool value) const;
  NamedAttribute i64ArrayAttr(StringRef name, ArrayRef<int64_t> values) const;

  /// Builds an `OpTy` with `operands` and inherent attributes `attributes`,
  /// after checking them the way the op's verifier and result-type inference
  /// do: a problem is reported as an error about this node (never an abort).
  /// `resultTypes` is needed only by ops without type inference.
  template <typename OpTy>
  FailureOr<Operation *> createOp(ValueRange operands,
                                  ArrayRef<NamedAttribute> attributes = {},
                                  TypeRange resultTypes = {}) const;

  /// createOp for an op with one result; returns that result.
  template <typename OpTy>
  FailureOr<Value> create(ValueRange operands,
                          ArrayRef<NamedAttribute> attributes = {},
                          TypeRange resultTypes = {}) const {
    FailureOr<Operation *> op =
        createOp<OpTy>(operands, attributes, resultTypes);
    if (failed(op))
      return failure();
    return (*op)->getResult(0);
  }

private:
  /// Reports the failure to build `opName`: the first error captured while
  /// checking it, or a generic message naming the operand types.
  LogicalResult
  reportBuildFailure(StringRef opName, ValueRange operands,
                     const std::optional<std::string> &message) const;

  GraphImporter &importer;
  ::onnx::NodeProto &proto;
  Location loc;
  std::string suffix;
};

/// Captures the first error reported in `context` while it lives, so that a
/// failed check of a kiln op becomes an error about an ONNX node.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(MLIRContext *context)
      : handler(context, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error && !message)
            message = diag.str();
          return success();
        }) {}
  const std::optional<std::string> &getMessage() const { return message; }

private:
  std::optional<std::string> message;
  ScopedDiagnosticHandler handler;
};

template <typename OpTy>
FailureOr<Operation *> OnnxNode::createOp(ValueRange operands,
                                          ArrayRef<NamedAttribute> attributes,
                                          TypeRange resultTypes) const {
  MLIRContext *context = getContext();
  StringRef opName = OpTy::getOperationName();
  std::optional<std::string> message;
  Operation *op = nullptr;
  {
    // Diagnostics of the checks below are captured and reported afterwards
    // as one error about this node.
    DiagnosticCapture capture(context);
    op = [&]() -> Operation * {
      // An attribute the op does not have is an importer bug; report it
      // rather than dropping the attribute silently.
      for (NamedAttribute attr : attributes)
        if (!llvm::is_contained(OpTy::getAttributeNames(),
                                attr.getName().getValue())) {
          mlir::emitError(loc)
              << "internal error: '" << opName << "' has no attribute '"
              << attr.getName() << "'";
          return nullptr;
        }
      OperationState state(loc, opName);
      state.addOperands(operands);
      DictionaryAttr dict = DictionaryAttr::get(context, attributes);
      auto &properties = state.getOrAddProperties<typename OpTy::Properties>();
      if (failed(OpTy::setPropertiesFromAttr(
              properties, dict, [&] { return mlir::emitError(loc); })))
        return nullptr;
      SmallVector<Type> types(resultTypes);
      if constexpr (OpTy::template hasTrait<InferTypeOpInterface::Trait>()) {
        if (failed(OpTy::inferReturnTypes(context, loc, state.operands, dict,
                                          state.getRawProperties(),
                                          state.regions, types)))
          return nullptr;
      }
      state.addTypes(types);
      Operation *created = getBuilder().create(state);
      if (succeeded(mlir::verify(created, /*verifyRecursively=*/false)))
        return created;
      created->erase();
      return nullptr;
    }();
    message = capture.getMessage();
  }
  if (op)
    return op;
  return reportBuildFailure(opName, operands, message);
}

//===----------------------------------------------------------------------===//
// Op families
//===----------------------------------------------------------------------===//

/// Imports one node whose op type the function is registered for; defines
/// every used output of the node or reports an error.
using NodeImportFn = LogicalResult (*)(OnnxNode &node);
using NodeImporterTable = llvm::StringMap<NodeImportFn>;

/// Evaluates one node at import time when its inputs are constants. Returns
/// true when it defined the node's outputs as constants, false when the node
/// must be imported as kiln ops instead, and failure after an error.
using NodeFoldFn = FailureOr<bool> (*)(OnnxNode &node);
using NodeFolderTable = llvm::StringMap<NodeFoldFn>;

/// Shape computations: Shape, Size, Gather, Unsqueeze, Squeeze, Concat, Slice,
/// Cast, arithmetic, Equal, Where, Range, ConstantOfShape, Reshape, ...
void populateShapeFolders(NodeFolderTable &table);

/// Elementwise arithmetic, comparisons, unary math, casts and activations.
void populateElementwiseImporters(NodeImporterTable &table);
/// Conv, ConvTranspose, MatMul, Gemm.
void populateContractionImporters(NodeImporterTable &table);
/// BatchNormalization, LayerNormalization, Softmax, LogSoftmax.
void populateNormImporters(NodeImporterTable &table);
/// Pooling and reductions.
void populatePoolImporters(NodeImporterTable &table);
/// DepthToSpace, SpaceToDepth, Resize.
void populateShuffleImporters(NodeImporterTable &table);
/// Einsum, and the evaluation of Einsum and MatMul of constants.
void populateEinsum(NodeFolderTable &folders, NodeImporterTable &importers);
/// Constants and tensor plumbing: Reshape, Transpose, Concat, Split, Slice,
/// Pad, Gather, Expand, Flatten, Squeeze, Unsqueeze, Identity, Dropout, ...
void populateTensorImporters(NodeImporterTable &table);

//===----------------------------------------------------------------------===//
// Helpers shared by the families
//===----------------------------------------------------------------------===//

/// Returns `axis` + `rank` when `axis` is negative; reports an error when the
/// result is outside [0, rank).
FailureOr<int64_t> normalizeAxis(const OnnxNode &node, int64_t axis,
                                 int64_t rank, StringRef what);

/// The normalized (sorted, non-negative, unique) form of `axes`.
FailureOr<SmallVector<int64_t>> normalizeAxes(const OnnxNode &node,
                                              ArrayRef<int64_t> axes,
                                              int64_t rank, StringRef what);

/// Inserts a `kiln.constant` holding the scalar `value` of `elementType`.
FailureOr<Value> createScalar(const OnnxNode &node, Type elementType,
                              double value);

/// Inserts a `kiln.reshape` of `value` to `shape` (nothing when it has that
/// shape already).
FailureOr<Value> reshapeTo(const OnnxNode &node, Value value,
                           ArrayRef<int64_t> shape);

/// Window parameters of a 1-D, 2-D or 3-D convolution or pooling, as the
/// attributes of the 2-D kiln op: a 1-D op is imported as a 2-D one over
/// [N, C, 1, L]. A 3-D op keeps its 3 strides and dilations and 6 pads (all
/// begins, then all ends) for the importer to split.
struct Window2d {
  SmallVector<int64_t> strides, dilations, padding;
};

/// Reads `strides`, `dilations` (when `hasDilations`), `pads` and `auto_pad`
/// of a node whose spatial input sizes are `spatialSizes` and whose kernel is
/// `kernel` (1, 2 or 3 values), resolving SAME_UPPER, SAME_LOWER and VALID.
FailureOr<Window2d> getWindow2d(const OnnxNode &node,
                                ArrayRef<int64_t> spatialSizes,
                                ArrayRef<int64_t> kernel, bool hasDilations);

/// Checks that a conv or pool input of rank `rank` is 1-D, 2-D or 3-D.
LogicalResult checkSpatialRank(const OnnxNode &node, int64_t rank);

/// [N, C, L] -> [N, C, 1, L] (1-D ops are imported as 2-D ones).
FailureOr<Value> expandTo2d(const OnnxNode &node, Value value);
/// [N, C, 1, L] -> [N, C, L].
FailureOr<Value> collapseFrom2d(const OnnxNode &node, Value value);

/// Returns true if `shape` has no negative dimension and fewer than 2^48
/// elements (so that element counts and byte sizes cannot overflow).
bool isValidShape(ArrayRef<int64_t> shape);

/// The axes of Squeeze, Unsqueeze and the reductions: the `axes` attribute
/// (older opsets), else constant input `inputIndex` (newer opsets), else
/// nullopt when neither is given.
FailureOr<std::optional<SmallVector<int64_t>>>
getAxesParameter(const OnnxNode &node, unsigned inputIndex);

/// The output shape of ONNX Reshape of `inputShape` to `requested`: 0 copies
/// the input dimension (unless `allowZero`), -1 is inferred.
FailureOr<SmallVector<int64_t>> resolveReshape(const OnnxNode &node,
                                               ArrayRef<int64_t> inputShape,
                                               ArrayRef<int64_t> requested,
                                               bool allowZero);

/// The output shape of ONNX Squeeze of `shape`: without `axes`, every
/// dimension of size 1 is removed.
FailureOr<SmallVector<int64_t>>
getSqueezedShape(const OnnxNode &node, ArrayRef<int64_t> shape,
                 const std::optional<SmallVector<int64_t>> &axes);

/// The output shape of ONNX Unsqueeze of `shape` with `axes`.
FailureOr<SmallVector<int64_t>> getUnsqueezedShape(const OnnxNode &node,
                                                   ArrayRef<int64_t> shape,
                                                   ArrayRef<int64_t> axes);

/// Per-dimension bounds of a slice in the convention of kiln.slice.
struct SliceBounds {
  SmallVector<int64_t> starts, ends, steps;
};

/// Normalizes the inputs of ONNX Slice on a tensor of `shape` to kiln.slice
/// bounds: negative indices resolved, bounds clamped, omitted axes filled in.
FailureOr<SliceBounds> normalizeSlice(const OnnxNode &node,
                                      ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> starts,
                                      ArrayRef<int64_t> ends,
                                      std::optional<ArrayRef<int64_t>> axes,
                                      std::optional<ArrayRef<int64_t>> steps);

/// The shape kiln.slice gives for `bounds`.
SmallVector<int64_t> getSliceShape(const SliceBounds &bounds);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_IMPORTER_H
