//===- ConstantData.cpp - Read and build constant tensor data -------------===//

#include "kiln/Dialect/Kiln/Utils/ConstantData.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

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
