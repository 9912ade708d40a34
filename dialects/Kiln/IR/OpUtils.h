//===- OpUtils.h - Helpers shared by the kiln op families -------*- C++ -*-===//
//
// Private to the dialect library: diagnostics that serve both verifiers and
// result-type inference, broadcasting, and constant matching for folders.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_KILN_IR_OPUTILS_H
#define KILN_DIALECTS_KILN_IR_OPUTILS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlir::kiln::detail {

/// A failed check: streams its message into a diagnostic when there is one to
/// report to, and converts to failure in every case (an inactive
/// InFlightDiagnostic would convert to success).
class CheckFailure {
public:
  explicit CheckFailure(InFlightDiagnostic diagnostic)
      : diagnostic(std::move(diagnostic)) {}

  template <typename T>
  CheckFailure &operator<<(T &&arg) & {
    if (Diagnostic *d = diagnostic.getUnderlyingDiagnostic())
      *d << std::forward<T>(arg);
    return *this;
  }
  template <typename T>
  CheckFailure &&operator<<(T &&arg) && {
    return std::move(*this << std::forward<T>(arg));
  }

  operator LogicalResult() const { return failure(); }
  template <typename T>
  operator FailureOr<T>() const {
    return failure();
  }

private:
  InFlightDiagnostic diagnostic;
};

/// Where shape and attribute checks report a problem. Built from an op, it
/// emits the op's verifier errors ("'kiln.x' op ..."); built from the optional
/// location handed to `inferReturnTypes`, it emits there, or nowhere when no
/// location is known. A check writes `return diag.emit() << "message";`,
/// which fails whether or not a message could be reported.
class Diagnoser {
public:
  explicit Diagnoser(Operation *op) : op(op) {}
  explicit Diagnoser(std::optional<Location> loc) : loc(loc) {}

  CheckFailure emit() const {
    if (op)
      return CheckFailure(op->emitOpError());
    if (loc)
      return CheckFailure(mlir::emitError(*loc));
    return CheckFailure(InFlightDiagnostic());
  }

private:
  Operation *op = nullptr;
  std::optional<Location> loc;
};

/// Returns the numpy broadcast of `shapes`, or reports which dimension of
/// which operands does not broadcast.
FailureOr<SmallVector<int64_t>>
broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes, const Diagnoser &diag);

/// Returns true when `shape` broadcasts to exactly `target` (numpy rules in
/// one direction, as for a PRelu slope or a bias).
bool broadcastsTo(ArrayRef<int64_t> shape, ArrayRef<int64_t> target);

/// If `value` is produced by a constant whose elements are all equal floats,
/// returns that float.
std::optional<llvm::APFloat> getSplatFloat(Value value);

/// If `value` is produced by a constant whose elements are all equal
/// integers, returns that integer.
std::optional<llvm::APInt> getSplatInt(Value value);

/// Returns true if `value` is a constant whose every element equals `x`
/// (compared as a float for float tensors and as an integer otherwise).
bool isSplatOf(Value value, double x);

/// Checks that `values` has `size` elements (when `size` is non-negative) and
/// that each element is at least `min`; otherwise reports `name`.
LogicalResult checkArray(ArrayRef<int64_t> values, StringRef name,
                         int64_t size, int64_t min, const Diagnoser &diag);

} // namespace mlir::kiln::detail

#endif // KILN_DIALECTS_KILN_IR_OPUTILS_H
