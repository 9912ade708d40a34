//===- RecognizeUtils.h - Matching helpers for kiln-recognize-patterns ----===//
//
// Private to the kiln transforms library: the pieces the recognizers of
// decomposed activations, normalizations, shuffles and squeeze-excitation
// blocks share. Constants are compared exactly, after rounding the expected
// value to the element type of the tensor; products of `kiln.mul` and
// `kiln.div`-by-constant are flattened so that the orders exporters write
// (`x * 0.5 * y`, `(x * y) * 0.5`, `x * y / 2`, ...) look alike.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_KILN_TRANSFORMS_RECOGNIZEUTILS_H
#define KILN_DIALECTS_KILN_TRANSFORMS_RECOGNIZEUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::kiln::recognize {

/// The element value of a float constant whose elements are all equal (a
/// splat literal, or a small constant of equal elements), as a double.
std::optional<double> getSplatFloat(Value value);

/// Whether `value` and `target`, each rounded to the float type `type`
/// (round to nearest, ties to even), are the same number. This is how a
/// constant written by an exporter (`1.4142135381698608` for `sqrt(2)` in
/// f32) is compared with the exact value it stands for.
bool equalsInType(double value, double target, Type type);

/// Whether `value` is a float constant all of whose elements equal `target`
/// rounded to its element type.
bool isSplatConstant(Value value, double target);

/// The op of type `OpTy` that defines `value`, provided `value` has no other
/// use; null otherwise. Intermediate values of a recognized pattern must be
/// used once, so that the rewrite computes nothing twice.
template <typename OpTy> OpTy getSingleUseDef(Value value) {
  if (!value || !value.hasOneUse())
    return nullptr;
  return value.getDefiningOp<OpTy>();
}

/// A product `f1 * f2 * ... * c1 * c2 / c3 ...` read off a tree of
/// `kiln.mul` and `kiln.div` by a splat constant.
struct Product {
  /// The factors that are not splat constants, in operand order.
  SmallVector<Value> factors;
  /// The splat constants: their value and whether they divide.
  SmallVector<std::pair<double, bool>> constants;
};

/// Flattens the product rooted at `root` (used any number of times). Inner
/// `kiln.mul` / `kiln.div` ops are flattened only when they are used once
/// and have the root's type; a `kiln.div` whose divisor is not a splat
/// constant is a factor. Returns std::nullopt when a non-constant factor
/// does not have the root's type (it would be broadcast).
std::optional<Product> collectProduct(Value root);

/// Whether the product has exactly one constant, which multiplies by
/// `multiplier` or divides by `divisor` (when given), each compared in the
/// element type `type` (see equalsInType).
bool hasConstantFactor(const Product &product, double multiplier,
                       std::optional<double> divisor, Type type);

/// The dimensions a `kiln.reduce_mean` (with `keep_dims`) or a
/// `kiln.global_avg_pool` producing `mean` averages `input` over, sorted and
/// non-negative; std::nullopt when `mean` is neither or does not read
/// `input`.
std::optional<SmallVector<int64_t>> getMeanAxes(Value mean, Value input);

/// Whether `shape` broadcasts to exactly `target` (numpy rules, one
/// direction).
bool broadcastsTo(ArrayRef<int64_t> shape, ArrayRef<int64_t> target);

} // namespace mlir::kiln::recognize

#endif // KILN_DIALECTS_KILN_TRANSFORMS_RECOGNIZEUTILS_H
