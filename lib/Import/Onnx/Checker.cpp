//===- Checker.cpp - ONNX's checker and shape inference -------------------===//
//
// The only code of the importer that sees C++ exceptions: ONNX's checker,
// shape inference and version converter report problems by throwing. This file
// is compiled with -fexceptions (the rest of the library without) and turns
// every exception into an error message.
//
//===----------------------------------------------------------------------===//

#include "Checker.h"

#include "onnx/checker.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"
#include "onnx/version_converter/convert.h"

#include <exception>
#include <set>

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
mlir::kiln::onnx_import::convertToOpset(::onnx::ModelProto &model, int64_t from,
                                        int64_t to) {
  // The converter checks the model, infers shapes and rewrites every node
  // whose op changed between the opsets with an adapter (Upsample to Resize,
  // attributes that became inputs, legacy broadcasting to numpy broadcasting,
  // ...); it throws when an op has no adapter.
  try {
    ::onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return "invalid ONNX model: " + oneLine(e.what());
  } catch (...) {
    return std::string("invalid ONNX model");
  }
  try {
    // The adapters read the shapes of the values they rewrite, which the
    // converter does not infer itself.
    ::onnx::shape_inference::InferShapes(model);
    model = ::onnx::version_conversion::ConvertVersion(model, to);
  } catch (const std::exception &e) {
    // The converter's failed assertions read "FILE:LINE: FUNCTION: Assertion
    // `COND` failed: MESSAGE"; only MESSAGE means anything to a user.
    std::string message = oneLine(e.what());
    static const char kFailed[] = "` failed: ";
    size_t failed = message.find(kFailed);
    if (message.find("Assertion `") != std::string::npos &&
        failed != std::string::npos)
      message = message.substr(failed + sizeof(kFailed) - 1);
    return "cannot convert the model from ONNX opset " + std::to_string(from) +
           " to " + std::to_string(to) + ": " + message;
  } catch (...) {
    return "cannot convert the model from ONNX opset " + std::to_string(from) +
           " to " + std::to_string(to);
  }
  // Before IR version 4 every initializer must also be a graph input; the
  // adapters add initializers (Pad's pads, Upsample's scales, ...) without
  // listing them as inputs.
  if (model.ir_version() < 4) {
    std::set<std::string> inputs;
    for (const ::onnx::ValueInfoProto &input : model.graph().input())
      inputs.insert(input.name());
    ::onnx::GraphProto &graph = *model.mutable_graph();
    for (const ::onnx::TensorProto &tensor : graph.initializer()) {
      if (inputs.count(tensor.name()))
        continue;
      ::onnx::ValueInfoProto &input = *graph.add_input();
      input.set_name(tensor.name());
      ::onnx::TypeProto::Tensor &type =
          *input.mutable_type()->mutable_tensor_type();
      type.set_elem_type(tensor.data_type());
      ::onnx::TensorShapeProto &shape = *type.mutable_shape();
      for (int64_t dim : tensor.dims())
        shape.add_dim()->set_dim_value(dim);
    }
  }
  return std::nullopt;
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
