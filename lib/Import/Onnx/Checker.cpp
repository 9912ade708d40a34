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
#include <map>
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

/// Before opset 7, binary ops with `broadcast` = 1 and an `axis` matched the
/// second operand's dimensions to the first operand's from `axis` on. ONNX
/// 1.12's adapter unsqueezes that operand wrongly unless `axis` is the
/// trailing position, so it is first unsqueezed here (an opset-1 Unsqueeze)
/// to end at the last dimension and `axis` is dropped: the suffix alignment
/// that the adapter handles. Needs the ranks from shape inference.
static void alignLegacyBroadcasts(::onnx::ModelProto &model) {
  static const std::set<std::string> kBinaryOps = {
      "Add", "Sub", "Mul",   "Div",     "Pow", "And",
      "Or",  "Xor", "Equal", "Greater", "Less"};
  ::onnx::GraphProto &graph = *model.mutable_graph();
  std::map<std::string, int> ranks;
  auto addRank = [&](const ::onnx::ValueInfoProto &value) {
    if (value.type().has_tensor_type() &&
        value.type().tensor_type().has_shape())
      ranks[value.name()] = value.type().tensor_type().shape().dim_size();
  };
  for (const ::onnx::ValueInfoProto &value : graph.input())
    addRank(value);
  for (const ::onnx::ValueInfoProto &value : graph.value_info())
    addRank(value);
  for (const ::onnx::ValueInfoProto &value : graph.output())
    addRank(value);
  for (const ::onnx::TensorProto &tensor : graph.initializer())
    ranks[tensor.name()] = tensor.dims_size();

  google::protobuf::RepeatedPtrField<::onnx::NodeProto> nodes;
  int unsqueezed = 0;
  for (::onnx::NodeProto &node : *graph.mutable_node()) {
    int axisIndex = -1;
    bool broadcast = false;
    for (int i = 0; i < node.attribute_size(); ++i) {
      if (node.attribute(i).name() == "axis")
        axisIndex = i;
      if (node.attribute(i).name() == "broadcast" && node.attribute(i).i())
        broadcast = true;
    }
    if (kBinaryOps.count(node.op_type()) && broadcast && axisIndex >= 0 &&
        node.input_size() == 2 && ranks.count(node.input(0)) &&
        ranks.count(node.input(1))) {
      int rankA = ranks[node.input(0)], rankB = ranks[node.input(1)];
      int64_t axis = node.attribute(axisIndex).i();
      if (axis < 0)
        axis += rankA;
      int64_t trailing = rankA - axis - rankB;
      if (trailing > 0 && axis >= 0) {
        ::onnx::NodeProto &unsqueeze = *nodes.Add();
        unsqueeze.set_op_type("Unsqueeze");
        unsqueeze.add_input(node.input(1));
        std::string name =
            node.input(1) + "_kiln_broadcast_" + std::to_string(unsqueezed++);
        unsqueeze.add_output(name);
        ::onnx::AttributeProto &axes = *unsqueeze.add_attribute();
        axes.set_name("axes");
        axes.set_type(::onnx::AttributeProto::INTS);
        for (int64_t d = 0; d < trailing; ++d)
          axes.add_ints(rankB + d);
        node.set_input(1, name);
        ranks[name] = rankB + trailing;
      }
      if (trailing >= 0 && axis >= 0)
        node.mutable_attribute()->DeleteSubrange(axisIndex, 1);
    }
    nodes.Add()->Swap(&node);
  }
  graph.mutable_node()->Swap(&nodes);
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
    if (from < 7) {
      alignLegacyBroadcasts(model);
      ::onnx::shape_inference::InferShapes(model);
    }
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
