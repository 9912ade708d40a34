//===- OnnxImporter.h - Import an ONNX model as kiln IR ---------*- C++ -*-===//
//
// Reads an ONNX model file with the ONNX C++ library, runs ONNX's checker and
// shape inference, folds the shape computations, and builds a module with one
// public `func.func @main` of kiln ops on statically shaped tensors.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_ONNX_ONNXIMPORTER_H
#define KILN_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <utility>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace mlir::kiln {

/// Options of the ONNX importer.
struct OnnxImportOptions {
  /// Shapes of graph inputs given by the user, overriding symbolic or unknown
  /// dimensions (`kiln-compile --input-shape NAME=1x3x224x224`). Every name
  /// must be a graph input, the rank must match the model's, and dimensions
  /// the model fixes must agree.
  SmallVector<std::pair<std::string, SmallVector<int64_t>>> inputShapes;
};

/// Imports the ONNX model at `path` into a new module in `context`, which must
/// have the kiln and func dialects registered (they are loaded here). The
/// module's `sym_name` is the graph name (sanitized), else the file stem; its
/// only public function `@main` has `kiln.name` argument and result attributes
/// holding the graph input and output names. Initializers become
/// `kiln.constant` ops holding `dense_resource` blobs (small integer tensors
/// and scalars: `dense<...>` literals).
///
/// Every problem (an unreadable, truncated or invalid file, an unsupported
/// opset, op, data type or dynamic dimension) is reported as one error
/// diagnostic whose location is a `FileLineColLoc` of `path`, wrapped in a
/// `NameLoc` naming the node (its name, or "<op_type> node #<i>") where there
/// is one; the message names the node too. Returns failure after reporting.
FailureOr<OwningOpRef<ModuleOp>>
importOnnxFile(StringRef path, MLIRContext *context,
               const OnnxImportOptions &options = {});

} // namespace mlir::kiln

#endif // KILN_IMPORT_ONNX_ONNXIMPORTER_H
