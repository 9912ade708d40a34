//===- OpUtils.cpp - Helpers shared by the kiln op families ---------------===//

#include "OpUtils.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln::detail;

FailureOr<SmallVector<int64_t>>
mlir::kiln::detail::broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                                    const Diagnoser &diag) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  SmallVector<int64_t> result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    // Dimension i of the result, counted from the front of the result.
    for (auto [operand, shape] : llvm::enumerate(shapes)) {
      int64_t offset = rank - shape.size();
      if (static_cast<int64_t>(i) < offset)
        continue;
      int64_t size = shape[i - offset];
      if (size == 1 || size == result[i])
        continue;
      if (result[i] == 1) {
        result[i] = size;
        continue;
      }
      return diag.emit() << "operand shapes do not broadcast: dimension "
                         << (i - offset) << " of operand #" << operand
                         << " has size " << size << ", expected 1 or "
                         << result[i];
    }
  }
  return result;
}

bool mlir::kiln::detail::broadcastsTo(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> target) {
  if (shape.size() > target.size())
    return false;
  int64_t offset = target.size() - shape.size();
  for (auto [i, size] : llvm::enumerate(shape))
    if (size != 1 && size != target[i + offset])
      return false;
  return true;
}

std::optional<APFloat> mlir::kiln::detail::getSplatFloat(Value value) {
  SplatElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  return attr.getSplatValue<APFloat>();
}

std::optional<APInt> mlir::kiln::detail::getSplatInt(Value value) {
  SplatElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      !isa<IntegerType>(attr.getElementType()))
    return std::nullopt;
  return attr.getSplatValue<APInt>();
}

bool mlir::kiln::detail::isSplatOf(Value value, double x) {
  if (std::optional<APFloat> f = getSplatFloat(value))
    return f->convertToDouble() == x;
  if (std::optional<APInt> i = getSplatInt(value))
    return static_cast<double>(i->getSExtValue()) == x;
  return false;
}

LogicalResult mlir::kiln::detail::checkArray(ArrayRef<int64_t> values,
                                             StringRef name, int64_t size,
                                             int64_t min,
                                             const Diagnoser &diag) {
  if (size >= 0 && static_cast<int64_t>(values.size()) != size)
    return diag.emit() << "'" << name << "' must have " << size
                       << " elements, got " << values.size();
  for (auto [i, v] : llvm::enumerate(values))
    if (v < min)
      return diag.emit() << "'" << name << "' element " << i << " is " << v
                         << ", must be at least " << min;
  return success();
}
