//===- ModelReport.h - Per-layer model statistics ---------------*- C++ -*-===//
//
// The model report of `kiln-compile --report`: one row per operation of a
// kiln function (constants excluded) with its name, output shape, FLOPs,
// parameters and receptive field, and the function as a Graphviz graph. The
// formulas are documented in docs/ModelReport.md.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_ANALYSIS_MODELREPORT_H
#define KILN_ANALYSIS_MODELREPORT_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <array>
#include <optional>
#include <string>

namespace mlir {
namespace func {
class FuncOp;
} // namespace func

namespace kiln {

/// The receptive field of a value's pixel (0, 0) in the model input, per
/// spatial dimension (height, width): its size in input pixels, the jump
/// (distance in input pixels between adjacent pixels of the value) and the
/// input coordinate of its center (input pixel i has its center at i).
struct ReceptiveField {
  std::array<double, 2> size = {1, 1};
  std::array<double, 2> jump = {1, 1};
  std::array<double, 2> start = {0, 0};
  /// The value has no spatial extent left (its H and W were reduced to 1
  /// and reshaped away, as before a classifier): every op on it keeps the
  /// field.
  bool collapsed = false;
};

/// One row of the report.
struct LayerReport {
  Operation *op = nullptr;
  /// The ONNX node name (the innermost NameLoc of the location), else
  /// `file:line` of the source, else `op<i>`.
  std::string name;
  /// The op name without the dialect prefix ("conv2d", "func.call").
  std::string opName;
  /// The shape of the first result, e.g. "1x16x8x8" ("" without results).
  std::string shape;
  /// FLOPs (a multiply-add counts 2); std::nullopt for an op whose cost is
  /// not known.
  std::optional<int64_t> flops;
  /// Elements of the operands produced by kiln.constant.
  int64_t params = 0;
  /// The receptive field of the first result, when it descends from a model
  /// input of rank 4 through ops whose spatial effect is known.
  std::optional<ReceptiveField> field;
  /// The passes that made this op by fusing others (the metadata of the
  /// fused locations around it), e.g. "kiln-fold-batch-norm".
  SmallVector<std::string> fusedBy;
};

struct ModelReport {
  std::string function;
  SmallVector<LayerReport> layers;
  /// The sum of the known FLOPs, and the number of layers whose FLOPs are not
  /// known.
  int64_t totalFlops = 0;
  int64_t unknownFlops = 0;
  /// Elements of all distinct kiln.constant values used by the layers.
  int64_t totalParams = 0;
  /// The receptive field of the (first) model output, if known.
  std::optional<ReceptiveField> outputField;
};

/// Analyses the body of `func` (a kiln model function).
ModelReport analyzeModel(func::FuncOp func);

/// Prints the report as an aligned text table followed by the totals.
void printModelReport(const ModelReport &report, raw_ostream &os);

/// Writes the function as a Graphviz digraph: one node per layer (inputs and
/// outputs as ellipses, fused layers filled and labelled with the pass that
/// fused them), one edge per use.
void printModelGraph(const ModelReport &report, func::FuncOp func,
                     raw_ostream &os);

} // namespace kiln
} // namespace mlir

#endif // KILN_ANALYSIS_MODELREPORT_H
