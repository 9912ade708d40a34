//===- ConstantData.cpp - Read and build constant tensor data -------------===//

#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

using namespace mlir;

std::optional<SmallVector<double>> mlir::kiln::readFloatData(ElementsAttr attr) {
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return std::nullopt;
  int64_t count = type.getNumElements();
  SmallVector<double> values;
  values.reserve(count);
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    for (const APFloat &value : dense.getValues<APFloat>()) {
      bool lost;
      APFloat wide = value;
      wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(wide.convertToDouble());
    }
    return values;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    ArrayRef<char> data = resource.getData();
    Type element = type.getElementType();
    if (element.isF32() && data.size() == count * sizeof(float)) {
      for (int64_t i = 0; i < count; ++i) {
        float x;
        std::memcpy(&x, data.data() + i * sizeof(float), sizeof(float));
        values.push_back(x);
      }
      return values;
    }
    if (element.isF64() && data.size() == count * sizeof(double)) {
      values.resize(count);
      std::memcpy(values.data(), data.data(), data.size());
      return values;
    }
  }
  return std::nullopt;
}

std::optional<SmallVector<double>> mlir::kiln::readFloatConstant(Value value) {
  ElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return readFloatData(attr);
}

ElementsAttr mlir::kiln::buildFloatData(RankedTensorType type,
                                        ArrayRef<double> values,
                                        StringRef blobName) {
  auto element = cast<FloatType>(type.getElementType());
  if (element.isF32() && type.getNumElements() > kMaxDenseLiteral) {
    SmallVector<float> data(values.begin(), values.end());
    return DenseResourceElementsAttr::get(
        type, blobName,
        HeapAsmResourceBlob::allocateAndCopyInferAlign(ArrayRef<float>(data)));
  }
  SmallVector<APFloat> data;
  data.reserve(values.size());
  for (double value : values) {
    APFloat x(value);
    bool lost;
    x.convert(element.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &lost);
    data.push_back(x);
  }
  return DenseElementsAttr::get(type, data);
}

ElementsAttr mlir::kiln::permuteConstantData(ElementsAttr attr,
                                             ArrayRef<int64_t> permutation,
                                             RankedTensorType resultType,
                                             int64_t maxBytes) {
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape() || !resultType.hasStaticShape() ||
      type.getElementType() != resultType.getElementType() ||
      permutation.size() != static_cast<size_t>(type.getRank()))
    return {};
  Type element = type.getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return {};
  int64_t size = element.getIntOrFloatBitWidth() / 8;
  int64_t count = type.getNumElements();
  if (count * size > maxBytes)
    return {};
  ArrayRef<char> data = getConstantBytes(attr);
  if (data.size() != static_cast<size_t>(count * size))
    return {};

  // Walk the result in row-major order; `offset` follows the source element.
  int64_t rank = type.getRank();
  ArrayRef<int64_t> shape = type.getShape();
  for (int64_t d = 0; d < rank; ++d)
    if (resultType.getDimSize(d) != shape[permutation[d]])
      return {};
  SmallVector<int64_t> sourceStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    sourceStrides[d] = sourceStrides[d + 1] * shape[d + 1];
  SmallVector<int64_t> strides, extents;
  for (int64_t d = 0; d < rank; ++d) {
    strides.push_back(sourceStrides[permutation[d]]);
    extents.push_back(shape[permutation[d]]);
  }
  std::vector<char> result(data.size());
  SmallVector<int64_t> index(rank, 0);
  int64_t offset = 0;
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(result.data() + i * size, data.data() + offset * size, size);
    for (int64_t d = rank - 1; d >= 0; --d) {
      offset += strides[d];
      if (++index[d] < extents[d])
        break;
      offset -= strides[d] * extents[d];
      index[d] = 0;
    }
  }
  return buildConstantBytesLike(attr, resultType, result, ".T");
}

ArrayRef<char> mlir::kiln::getConstantBytes(ElementsAttr attr) {
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense.isSplat() ? ArrayRef<char>() : dense.getRawData();
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr))
    return resource.getData();
  return {};
}

ElementsAttr mlir::kiln::buildConstantBytesLike(ElementsAttr like,
                                                RankedTensorType type,
                                                ArrayRef<char> bytes,
                                                StringRef suffix) {
  auto resource = dyn_cast<DenseResourceElementsAttr>(like);
  if (!resource)
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  std::string name = (resource.getRawHandle().getKey() + suffix).str();
  return DenseResourceElementsAttr::get(
      type, name,
      HeapAsmResourceBlob::allocateAndCopyWithAlign(
          bytes, alignof(std::max_align_t), /*dataIsMutable=*/false));
}

ElementsAttr mlir::kiln::getConstantWithBytes(Value value, size_t bytes) {
  if (auto expand = value.getDefiningOp<tensor::ExpandShapeOp>())
    value = expand.getSrc();
  else if (auto collapse = value.getDefiningOp<tensor::CollapseShapeOp>())
    value = collapse.getSrc();
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      getConstantBytes(attr).size() != bytes)
    return nullptr;
  return attr;
}
