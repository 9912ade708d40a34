//===- ConstantData.h - Read and build constant tensor data -----*- C++ -*-===//
//
// Graph rewrites that fold weights (batch norm into convolutions, ...) read
// constant tensors as numbers and build new ones. Weights are
// dense_resource blobs or dense literals; both are handled here.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_UTILS_CONSTANTDATA_H
#define KILN_DIALECT_KILN_UTILS_CONSTANTDATA_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::kiln {

/// The elements of a constant float tensor as doubles, in row-major order:
/// from a dense literal of any float type, or from a dense_resource blob of
/// f32 or f64 whose bytes are available. Returns std::nullopt otherwise.
std::optional<SmallVector<double>> readFloatData(ElementsAttr attr);

/// The elements of the constant producing `value` (see readFloatData), or
/// std::nullopt when `value` is not produced by a constant.
std::optional<SmallVector<double>> readFloatConstant(Value value);

/// A constant of float tensor type `type` holding `values` (rounded to the
/// element type): a dense_resource blob named after `blobName` for f32
/// tensors of more than `kMaxDenseLiteral` elements, a dense literal
/// otherwise.
ElementsAttr buildFloatData(RankedTensorType type, ArrayRef<double> values,
                            StringRef blobName);

/// The row-major bytes of a non-splat dense constant or of a dense_resource
/// blob; empty for splats and for blobs whose bytes are not available.
ArrayRef<char> getConstantBytes(ElementsAttr attr);

/// The constant producing `value`, or the constant that a
/// tensor.expand_shape or tensor.collapse_shape producing `value` reshapes
/// (row-major: its bytes are those of `value`), when its bytes are available
/// (getConstantBytes) and exactly `bytes` long; null otherwise.
ElementsAttr getConstantWithBytes(Value value, size_t bytes);

/// `bytes` (row-major) as a constant of `type` in the form of `like`: a
/// dense literal when `like` is one, else a new blob named after `like`'s
/// with `suffix` appended.
ElementsAttr buildConstantBytesLike(ElementsAttr like, RankedTensorType type,
                                    ArrayRef<char> bytes, StringRef suffix);

/// The constant `attr` with its dimensions permuted (result dimension i is
/// dimension `permutation[i]` of `attr`), of type `resultType`: elements are
/// moved as bytes, so any element type of a whole number of bytes works. A
/// dense literal gives a dense literal; a dense_resource blob gives a new
/// blob (named after the old one, with a ".T" suffix). Returns null for
/// splats (resize those instead), i1 and sub-byte elements, blobs whose
/// bytes are not available, and more than `maxBytes` of data.
ElementsAttr permuteConstantData(ElementsAttr attr,
                                 ArrayRef<int64_t> permutation,
                                 RankedTensorType resultType,
                                 int64_t maxBytes = int64_t(1) << 30);

/// Tensors with more elements than this are built as blobs.
constexpr int64_t kMaxDenseLiteral = 256;

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_UTILS_CONSTANTDATA_H
