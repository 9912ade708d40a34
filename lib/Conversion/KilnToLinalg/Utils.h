//===- Utils.h - Helpers shared by the KilnToLinalg families ----*- C++ -*-===//

#ifndef KILN_LIB_CONVERSION_KILNTOLINALG_UTILS_H
#define KILN_LIB_CONVERSION_KILNTOLINALG_UTILS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::kiln::lowering {

/// Computes one element of an elementwise op from the operands' scalars.
using ScalarBodyFn = llvm::function_ref<Value(
    OpBuilder &, Location, ValueRange)>;

/// The indexing map that reads `operandType` broadcast (numpy rules) to the
/// iteration space of `resultType`: missing leading dimensions are dropped and
/// size-1 dimensions that broadcast read index 0.
AffineMap getBroadcastMap(RankedTensorType operandType,
                                RankedTensorType resultType);

/// Builds a `linalg.generic` that computes `body` over `operands` broadcast
/// to `resultType`.
Value buildElementwise(OpBuilder &builder, Location loc,
                             RankedTensorType resultType,
                             ValueRange operands, ScalarBodyFn body);

/// A scalar constant `value` of the float or integer type `type`.
Value scalarConstant(OpBuilder &builder, Location loc,
                           Type type, double value);

/// `value` reshaped (row-major, same number of elements) to the static
/// `type`: a tensor.collapse_shape to the coarsest common grouping of both
/// shapes followed by a tensor.expand_shape, either omitted when it would be
/// the identity. Returns `value` itself when the shapes are equal.
Value reshapeTo(OpBuilder &builder, Location loc, Value value,
                RankedTensorType type);

} // namespace mlir::kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_UTILS_H
