//===- Tensors.cpp - ONNX tensors and data types --------------------------===//
//
// Maps ONNX data types to kiln element types and turns ONNX tensors
// (initializers, Constant values) into kiln.constant attributes: large tensors
// become dense_resource blobs copied once from the protobuf's bytes, small and
// splat tensors dense<...> literals. Also the host representation of small
// constants that import-time folding computes with.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"

#include <cstring>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

using TensorProto = ::onnx::TensorProto;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "ONNX raw data is little-endian; big-endian hosts would need "
              "byte swapping");

/// Alignment of weight blobs: more than any element type needs, and what
/// malloc guarantees, so that the raw bytes of a tensor can become a blob
/// without a copy (and MLIR bytecode holding the blobs reads back from any
/// heap buffer). Code generation chooses the alignment of weights in the
/// shared object itself.
static constexpr size_t kBlobAlignment = 16;

/// Integer tensors with fewer elements than this are dense<...> literals, so
/// that kiln folders see them.
static constexpr int64_t kMaxLiteralInts = 64;

//===----------------------------------------------------------------------===//
// Data types
//===----------------------------------------------------------------------===//

Type onnx_import::getElementType(MLIRContext *context, int32_t dataType) {
  switch (dataType) {
  case TensorProto::FLOAT:
    return Float32Type::get(context);
  case TensorProto::DOUBLE:
    return Float64Type::get(context);
  case TensorProto::FLOAT16:
    return Float16Type::get(context);
  case TensorProto::BFLOAT16:
    return BFloat16Type::get(context);
  case TensorProto::BOOL:
    return IntegerType::get(context, 1);
  case TensorProto::INT8:
    return IntegerType::get(context, 8);
  case TensorProto::INT16:
    return IntegerType::get(context, 16);
  case TensorProto::INT32:
    return IntegerType::get(context, 32);
  case TensorProto::INT64:
    return IntegerType::get(context, 64);
  default:
    return {};
  }
}

std::string onnx_import::getDataTypeName(int32_t dataType) {
  if (dataType == TensorProto::UNDEFINED)
    return "undefined";
  if (!::onnx::TensorProto_DataType_IsValid(dataType))
    return "data type " + std::to_string(dataType);
  return llvm::StringRef(::onnx::TensorProto_DataType_Name(dataType)).lower();
}

int32_t onnx_import::getOnnxDataType(Type elementType) {
  if (elementType.isF32())
    return TensorProto::FLOAT;
  if (elementType.isF64())
    return TensorProto::DOUBLE;
  if (elementType.isF16())
    return TensorProto::FLOAT16;
  if (elementType.isBF16())
    return TensorProto::BFLOAT16;
  switch (elementType.getIntOrFloatBitWidth()) {
  case 1:
    return TensorProto::BOOL;
  case 8:
    return TensorProto::INT8;
  case 16:
    return TensorProto::INT16;
  case 32:
    return TensorProto::INT32;
  default:
    return TensorProto::INT64;
  }
}

/// Bytes per element in ONNX raw data and in kiln blobs (i1: one byte).
static size_t getByteWidth(Type elementType) {
  if (elementType.isInteger(1))
    return 1;
  return elementType.getIntOrFloatBitWidth() / 8;
}

//===----------------------------------------------------------------------===//
// HostTensor
//===----------------------------------------------------------------------===//

/// `value` converted to integer element type `type` (wrapped to its width and
/// sign-extended back; i1 is `value != 0`).
static int64_t truncateInt(Type type, int64_t value) {
  unsigned width = type.getIntOrFloatBitWidth();
  if (width == 1)
    return value != 0;
  if (width >= 64)
    return value;
  return llvm::SignExtend64(static_cast<uint64_t>(value), width);
}

/// `value` rounded to float element type `type` and back to double.
static double roundToFloat(Type type, double value) {
  llvm::APFloat x(value);
  bool losesInfo;
  x.convert(cast<FloatType>(type).getFloatSemantics(),
            llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  x.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return x.convertToDouble();
}

HostTensor HostTensor::fromDoubles(RankedTensorType type,
                                   ArrayRef<double> values) {
  Type elementType = type.getElementType();
  if (isa<FloatType>(elementType))
    return HostTensor(type,
                      llvm::to_vector(llvm::map_range(values, [&](double x) {
                        return roundToFloat(elementType, x);
                      })));
  return HostTensor(type,
                    llvm::to_vector(llvm::map_range(values, [&](double x) {
                      if (elementType.isInteger(1))
                        return static_cast<int64_t>(x != 0);
                      return truncateInt(elementType, static_cast<int64_t>(x));
                    })));
}

HostTensor HostTensor::fromInts(RankedTensorType type,
                                ArrayRef<int64_t> values) {
  Type elementType = type.getElementType();
  if (isa<FloatType>(elementType))
    return HostTensor(type,
                      llvm::to_vector(llvm::map_range(values, [&](int64_t x) {
                        return roundToFloat(elementType, x);
                      })));
  return HostTensor(type,
                    llvm::to_vector(llvm::map_range(values, [&](int64_t x) {
                      return truncateInt(elementType, x);
                    })));
}

HostTensor HostTensor::getIndexVector(MLIRContext *context,
                                      ArrayRef<int64_t> values) {
  return HostTensor(RankedTensorType::get({static_cast<int64_t>(values.size())},
                                          IntegerType::get(context, 64)),
                    SmallVector<int64_t>(values));
}

SmallVector<int64_t> HostTensor::toInts() const {
  if (!isFloatTensor)
    return ints;
  return llvm::to_vector(llvm::map_range(
      floats, [](double x) { return static_cast<int64_t>(x); }));
}

SmallVector<double> HostTensor::toDoubles() const {
  if (isFloatTensor)
    return floats;
  return llvm::to_vector(
      llvm::map_range(ints, [](int64_t x) { return static_cast<double>(x); }));
}

HostTensor HostTensor::reshaped(ArrayRef<int64_t> shape) const {
  HostTensor result = *this;
  result.type = RankedTensorType::get(shape, type.getElementType());
  return result;
}

//===----------------------------------------------------------------------===//
// Tensor bytes
//===----------------------------------------------------------------------===//

/// Calls `fn` with the elements of `tensor` in raw little-endian layout
/// (`getByteWidth` bytes each): the tensor's raw_data as is, a typed field
/// reinterpreted where its layout is already right, or a narrowed copy.
static LogicalResult withTensorBytes(const TensorProto &tensor,
                                     RankedTensorType type,
                                     function_ref<NodeError()> emitError,
                                     function_ref<void(ArrayRef<char>)> fn) {
  if (tensor.data_location() == TensorProto::EXTERNAL)
    return emitError() << "external data is not supported (tensor '"
                       << tensor.name() << "')";
  Type elementType = type.getElementType();
  int64_t numElements = type.getNumElements();
  size_t width = getByteWidth(elementType);
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (raw.size() != static_cast<uint64_t>(numElements) * width)
      return emitError() << "tensor '" << tensor.name() << "' has "
                         << raw.size() << " bytes of data, expected "
                         << numElements * static_cast<int64_t>(width) << " for "
                         << type;
    fn(ArrayRef<char>(raw.data(), raw.size()));
    return success();
  }

  auto checkCount = [&](int64_t count) -> LogicalResult {
    if (count == numElements)
      return success();
    return emitError() << "tensor '" << tensor.name() << "' has " << count
                       << " elements, expected " << numElements << " for "
                       << type;
  };
  auto reinterpret = [&](const auto &field) -> LogicalResult {
    if (failed(checkCount(field.size())))
      return failure();
    fn(ArrayRef<char>(reinterpret_cast<const char *>(field.data()),
                      field.size() * sizeof(*field.data())));
    return success();
  };
  switch (tensor.data_type()) {
  case TensorProto::FLOAT:
    return reinterpret(tensor.float_data());
  case TensorProto::DOUBLE:
    return reinterpret(tensor.double_data());
  case TensorProto::INT64:
    return reinterpret(tensor.int64_data());
  case TensorProto::INT32:
    return reinterpret(tensor.int32_data());
  default:
    break;
  }
  // The other types keep one element (or its bit pattern) per int32_data
  // entry; narrow them.
  const auto &field = tensor.int32_data();
  if (failed(checkCount(field.size())))
    return failure();
  std::vector<char> bytes(numElements * width);
  for (int64_t i = 0; i < numElements; ++i) {
    uint32_t bits = static_cast<uint32_t>(field.Get(i));
    if (elementType.isInteger(1))
      bits = bits != 0;
    std::memcpy(bytes.data() + i * width, &bits, width);
  }
  fn(bytes);
  return success();
}

/// Reads element `i` of `bytes` as an integer of `type`.
static int64_t readInt(Type type, const char *bytes, int64_t i) {
  switch (getByteWidth(type)) {
  case 1:
    if (type.isInteger(1))
      return bytes[i] != 0;
    return static_cast<int8_t>(bytes[i]);
  case 2:
    return static_cast<int16_t>(llvm::support::endian::read16le(bytes + 2 * i));
  case 4:
    return static_cast<int32_t>(llvm::support::endian::read32le(bytes + 4 * i));
  default:
    return static_cast<int64_t>(llvm::support::endian::read64le(bytes + 8 * i));
  }
}

/// Reads element `i` of `bytes` as a float of `type`.
static llvm::APFloat readFloat(FloatType type, const char *bytes, int64_t i) {
  unsigned width = type.getWidth();
  uint64_t bits = 0;
  std::memcpy(&bits, bytes + i * (width / 8), width / 8);
  return llvm::APFloat(type.getFloatSemantics(), llvm::APInt(width, bits));
}

static double toDouble(llvm::APFloat x) {
  bool losesInfo;
  x.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return x.convertToDouble();
}

/// The elements of `bytes` as a HostTensor of `type`.
static HostTensor hostTensorFromBytes(RankedTensorType type,
                                      ArrayRef<char> bytes) {
  Type elementType = type.getElementType();
  int64_t numElements = type.getNumElements();
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    SmallVector<double> values;
    values.reserve(numElements);
    for (int64_t i = 0; i < numElements; ++i)
      values.push_back(toDouble(readFloat(floatType, bytes.data(), i)));
    return HostTensor(type, std::move(values));
  }
  SmallVector<int64_t> values;
  values.reserve(numElements);
  for (int64_t i = 0; i < numElements; ++i)
    values.push_back(readInt(elementType, bytes.data(), i));
  return HostTensor(type, std::move(values));
}

FailureOr<HostTensor>
onnx_import::readHostTensor(const TensorProto &tensor, RankedTensorType type,
                            function_ref<NodeError()> emitError) {
  std::optional<HostTensor> result;
  if (failed(withTensorBytes(tensor, type, emitError, [&](ArrayRef<char> b) {
        result = hostTensorFromBytes(type, b);
      })))
    return failure();
  return std::move(*result);
}

/// The bytes of `tensor`'s elements in raw layout.
static std::vector<char> hostTensorToBytes(const HostTensor &tensor) {
  Type elementType = tensor.getElementType();
  size_t width = getByteWidth(elementType);
  std::vector<char> bytes(tensor.size() * width);
  for (int64_t i = 0, e = tensor.size(); i < e; ++i) {
    uint64_t bits;
    if (auto floatType = dyn_cast<FloatType>(elementType)) {
      llvm::APFloat x(tensor.getDouble(i));
      bool losesInfo;
      x.convert(floatType.getFloatSemantics(),
                llvm::APFloat::rmNearestTiesToEven, &losesInfo);
      bits = x.bitcastToAPInt().getZExtValue();
    } else {
      bits = static_cast<uint64_t>(tensor.getInt(i));
    }
    std::memcpy(bytes.data() + i * width, &bits, width);
  }
  return bytes;
}

//===----------------------------------------------------------------------===//
// Constant attributes
//===----------------------------------------------------------------------===//

/// Element `i` of `bytes` as an attribute of `elementType`.
static Attribute getElementAttr(Type elementType, ArrayRef<char> bytes,
                                int64_t i) {
  if (auto floatType = dyn_cast<FloatType>(elementType))
    return FloatAttr::get(floatType, readFloat(floatType, bytes.data(), i));
  if (elementType.isInteger(1))
    return BoolAttr::get(elementType.getContext(), bytes[i] != 0);
  return IntegerAttr::get(elementType, readInt(elementType, bytes.data(), i));
}

/// The dense literal of a constant of `type` holding `bytes` (raw layout)
/// when it is a splat, a boolean tensor or a short integer vector; null when
/// the constant should be a blob.
static ElementsAttr getLiteralAttr(RankedTensorType type,
                                   ArrayRef<char> bytes) {
  Type elementType = type.getElementType();
  int64_t numElements = type.getNumElements();
  size_t width = getByteWidth(elementType);

  // A splat (including a single element) is a dense literal.
  bool isSplat = numElements > 0;
  for (int64_t i = 1; isSplat && i < numElements; ++i)
    isSplat = std::memcmp(bytes.data(), bytes.data() + i * width, width) == 0;
  if (isSplat)
    return DenseElementsAttr::get(type, getElementAttr(elementType, bytes, 0));

  // Booleans and short integer vectors (shapes, axes) are literals too.
  if (numElements == 0 || elementType.isInteger(1) ||
      (elementType.isInteger() && numElements < kMaxLiteralInts)) {
    SmallVector<Attribute> elements;
    elements.reserve(numElements);
    for (int64_t i = 0; i < numElements; ++i)
      elements.push_back(getElementAttr(elementType, bytes, i));
    return DenseElementsAttr::get(type, elements);
  }
  return {};
}

/// The attribute of a constant of `type` holding `bytes`: a literal, or a
/// blob holding an aligned copy of the bytes.
static ElementsAttr makeAttrFromBytes(RankedTensorType type,
                                      ArrayRef<char> bytes,
                                      StringRef blobName) {
  if (ElementsAttr literal = getLiteralAttr(type, bytes))
    return literal;
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      bytes, kBlobAlignment, /*dataIsMutable=*/false);
  return DenseResourceElementsAttr::get(type, blobName, std::move(blob));
}

LogicalResult
onnx_import::checkTensorData(const TensorProto &tensor, RankedTensorType type,
                             function_ref<NodeError()> emitError) {
  return withTensorBytes(tensor, type, emitError, [](ArrayRef<char>) {});
}

FailureOr<ElementsAttr>
onnx_import::makeTensorAttr(TensorProto &tensor, RankedTensorType type,
                            StringRef blobName, bool releaseData,
                            function_ref<NodeError()> emitError) {
  if (failed(checkTensorData(tensor, type, emitError)))
    return failure();
  // A tensor that is read no more hands its raw bytes to the blob, without a
  // copy, when malloc aligned them enough for any element type.
  if (releaseData && tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    ArrayRef<char> bytes(raw.data(), raw.size());
    if (ElementsAttr literal = getLiteralAttr(type, bytes)) {
      TensorProto().Swap(&tensor);
      return literal;
    }
    if (reinterpret_cast<uintptr_t>(raw.data()) % kBlobAlignment == 0) {
      std::string *owned = tensor.release_raw_data();
      AsmResourceBlob blob(
          ArrayRef<char>(owned->data(), owned->size()), kBlobAlignment,
          [owned](void *, size_t, size_t) { delete owned; },
          /*dataIsMutable=*/false);
      return ElementsAttr(
          DenseResourceElementsAttr::get(type, blobName, std::move(blob)));
    }
  }
  ElementsAttr attr;
  if (failed(withTensorBytes(tensor, type, emitError, [&](ArrayRef<char> b) {
        attr = makeAttrFromBytes(type, b, blobName);
      })))
    return failure();
  // Free the tensor's data (raw or in typed fields) once copied.
  if (releaseData)
    TensorProto().Swap(&tensor);
  return attr;
}

ElementsAttr onnx_import::makeHostTensorAttr(const HostTensor &tensor,
                                             StringRef blobName) {
  return makeAttrFromBytes(tensor.getType(), hostTensorToBytes(tensor),
                           blobName);
}

std::string onnx_import::sanitizeName(StringRef name) {
  std::string result;
  result.reserve(name.size() + 1);
  if (name.empty() || !(llvm::isAlpha(name.front()) || name.front() == '_'))
    result.push_back('_');
  for (char c : name)
    result.push_back(llvm::isAlnum(c) || c == '_' || c == '.' ? c : '_');
  return result;
}
