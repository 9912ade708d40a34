//===- Checker.h - ONNX's checker and shape inference -----------*- C++ -*-===//
//
// Private to the ONNX importer: a wrapper that runs ONNX's checker and shape
// inference, which throw C++ exceptions, and returns their complaint as a
// message instead. Only Checker.cpp is compiled with exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LIB_IMPORT_ONNX_CHECKER_H
#define KILN_LIB_IMPORT_ONNX_CHECKER_H

#include "onnx/onnx_pb.h"

#include <optional>
#include <string>

namespace mlir::kiln::onnx_import {

/// Runs ONNX's model checker and then ONNX's shape inference (strict, with
/// data propagation) on `model`, which adds the inferred value types to the
/// graph. Returns a one-line description of the first problem, or nullopt.
std::optional<std::string> checkAndInferShapes(::onnx::ModelProto &model);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_CHECKER_H
