//===- Checker.cpp - ONNX's checker and shape inference -------------------===//
//
// The only code of the importer that sees C++ exceptions: ONNX's checker and
// shape inference report problems by throwing. This file is compiled with
// -fexceptions (the rest of the library without) and turns every exception
// into an error message.
//
//===----------------------------------------------------------------------===//

#include "Checker.h"

#include "onnx/checker.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"

#include <exception>

using namespace mlir::kiln::onnx_import;

/// `text` on one line: the part before ONNX's "==> Context:" marker, with
/// that context (which names the node) in parentheses, whitespace runs
/// collapsed to single spaces.
static std::string oneLine(const char *text) {
  std::string message(text);
  std::string context;
  static const char kMarker[] = "==> Context:";
  size_t marker = message.find(kMarker);
  if (marker != std::string::npos) {
    context = message.substr(marker + sizeof(kMarker) - 1);
    message.resize(marker);
  }
  auto collapse = [](const std::string &s) {
    std::string out;
    bool space = false;
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = !out.empty();
        continue;
      }
      if (space)
        out.push_back(' ');
      space = false;
      out.push_back(c);
    }
    return out;
  };
  message = collapse(message);
  context = collapse(context);
  if (!context.empty())
    message += " (" + context + ")";
  return message;
}

std::optional<std::string>
mlir::kiln::onnx_import::checkAndInferShapes(::onnx::ModelProto &model) {
  try {
    ::onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return "invalid ONNX model: " + oneLine(e.what());
  } catch (...) {
    return std::string("invalid ONNX model");
  }
  try {
    ::onnx::ShapeInferenceOptions options(/*check_type_val=*/true,
                                          /*strict_mode_val=*/1,
                                          /*data_prop_val=*/true);
    ::onnx::shape_inference::InferShapes(
        model, ::onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &e) {
    return "ONNX shape inference failed: " + oneLine(e.what());
  } catch (...) {
    return std::string("ONNX shape inference failed");
  }
  return std::nullopt;
}
