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

/// The lowest value of the float or integer type `type`: `-inf` for floats,
/// the minimum signed value for integers (the identity of a max reduction).
TypedAttr lowestValueAttr(Type type);

/// Combines one input element `in` into the accumulator `acc` of a reduction.
using ReduceCombineFn = llvm::function_ref<Value(OpBuilder &, Location,
                                                 Value in, Value acc)>;

/// Reduces `input` over `dims` (sorted, distinct) with a `linalg.reduce`
/// whose accumulator starts at `init` (a fill of the init tensor); the result
/// has the input's shape without `dims` and the type of `init`, which may
/// differ from the input element type (`combine` converts as needed).
Value buildReduction(OpBuilder &builder, Location loc, Value input,
                     ArrayRef<int64_t> dims, TypedAttr init,
                     ReduceCombineFn combine);

/// Reinserts reduced dimensions of size 1: `tensor.expand_shape` from `value`
/// (the shape of `resultType` without `dims`, which must all have size 1 in
/// `resultType`) to `resultType`. Returns `value` when `dims` is empty.
Value expandReducedDims(OpBuilder &builder, Location loc, Value value,
                        RankedTensorType resultType, ArrayRef<int64_t> dims);

/// The type in which reductions over `elementType` accumulate: f32 for f16
/// and bf16 (and other floats narrower than 32 bits), the type itself
/// otherwise.
Type getAccumulatorType(Type elementType);

/// Converts the float scalar `value` to the float type `type` (arith.extf,
/// arith.truncf, or through f32 between types of the same width); returns it
/// unchanged when it already has that type.
Value castFloat(OpBuilder &builder, Location loc, Value value, Type type);

/// A tensor of `shape` and `elementType` filled with `value`:
/// tensor.empty + linalg.fill (the init of a reduction).
Value createFilledTensor(OpBuilder &builder, Location loc,
                         ArrayRef<int64_t> shape, Type elementType,
                         double value);

/// `value` reshaped (row-major, same number of elements) to the static
/// `type`: a tensor.collapse_shape to the coarsest common grouping of both
/// shapes followed by a tensor.expand_shape, either omitted when it would be
/// the identity (all of them views after bufferization). Returns `value`
/// itself when the shapes are equal and a tensor.empty when there are no
/// elements.
Value buildReshape(OpBuilder &builder, Location loc, Value value,
                   RankedTensorType type);

} // namespace mlir::kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_UTILS_H
