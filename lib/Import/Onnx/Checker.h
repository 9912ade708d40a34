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

#include <cstdint>
#include <optional>
#include <string>

namespace mlir::kiln::onnx_import {

/// Runs ONNX's model checker and then ONNX's shape inference (strict, with
/// data propagation) on `model`, which adds the inferred value types to the
/// graph. Returns a one-line description of the first problem, or nullopt.
std::optional<std::string> checkAndInferShapes(::onnx::ModelProto &model);

/// Checks `model`, which imports opset `from` of the default domain, and
/// rewrites it in place for opset `to` with ONNX's version converter. Returns
/// a one-line description of the first problem (an invalid model, an op the
/// converter has no adapter for), or nullopt.
std::optional<std::string> convertToOpset(::onnx::ModelProto &model,
                                          int64_t from, int64_t to);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_CHECKER_H
