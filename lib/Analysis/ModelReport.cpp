//===- ModelReport.cpp - Per-layer model statistics -----------------------===//
//
// FLOPs, parameters and receptive fields of the layers of a kiln function,
// printed as a table or as a Graphviz graph. The formulas and rules are those
// of docs/ModelReport.md; keep the two in step.
//
//===----------------------------------------------------------------------===//

#include "kiln/Analysis/ModelReport.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/Kiln/Utils/Fusion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {

int64_t numElements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  return shaped && shaped.hasStaticShape() ? shaped.getNumElements() : 0;
}

int64_t numElements(Value value) { return numElements(value.getType()); }

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<ShapedType>(value.getType()).getShape();
}

//===----------------------------------------------------------------------===//
// FLOPs
//===----------------------------------------------------------------------===//

/// FLOPs of `op` (a multiply-add counts 2), std::nullopt when unknown.
std::optional<int64_t> countFlops(Operation *op) {
  if (op->getNumResults() == 0)
    return std::nullopt;
  int64_t out = numElements(op->getResult(0));
  using Result = std::optional<int64_t>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      // Contractions: 2 per multiply-add, plus one add per output for a
      // bias.
      .Case([&](Conv2dOp conv) -> Result {
        ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
        int64_t perOutput = filter[1] * filter[2] * filter[3];
        return 2 * out * perOutput + (conv.getBias() ? out : 0);
      })
      .Case([&](ConvTranspose2dOp conv) -> Result {
        // Every input element meets F/G * KH * KW filter taps.
        ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
        int64_t taps = filter[1] * filter[2] * filter[3];
        return 2 * numElements(conv.getInput()) * taps +
               (conv.getBias() ? out : 0);
      })
      .Case([&](MatMulOp matmul) -> Result {
        ArrayRef<int64_t> lhs = shapeOf(matmul.getLhs());
        return 2 * out * (lhs.empty() ? 1 : lhs.back());
      })
      .Case([&](GemmOp gemm) -> Result {
        ArrayRef<int64_t> a = shapeOf(gemm.getA());
        int64_t k = gemm.getTransA() ? a[0] : a[1];
        return 2 * out * k + (gemm.getC() ? out : 0);
      })
      .Case([&](AttentionOp attention) -> Result {
        // Q K^T and P V (2 per multiply-add each), softmax 5 per score,
        // scale and mask 1 each per score, rope 3 per rotated element.
        ArrayRef<int64_t> q = shapeOf(attention.getQuery());
        ArrayRef<int64_t> k = shapeOf(attention.getKey());
        bool bshd = attention.getLayout() == SequenceLayout::BSHD;
        int64_t batch = q[0], heads = bshd ? q[2] : q[1];
        int64_t sq = bshd ? q[1] : q[2], skv = bshd ? k[1] : k[2];
        int64_t d = q[3], dv = shapeOf(attention.getValue())[3];
        int64_t scores = batch * heads * sq * skv;
        int64_t flops = 2 * scores * d + 2 * scores * dv + 6 * scores +
                        (attention.getMask() ? scores : 0);
        if (attention.getRope())
          flops += 3 * (numElements(attention.getQuery()) +
                        numElements(attention.getKey()));
        return flops;
      })
      .Case([&](RopeOp) -> Result { return 3 * out; })
      // Normalizations and softmax.
      .Case([&](BatchNormOp) -> Result { return 2 * out; })
      .Case([&](LayerNormOp) -> Result { return 8 * out; })
      .Case<SoftmaxOp, LogSoftmaxOp>([&](auto) -> Result { return 5 * out; })
      // Pools: one operation per window element, plus a division for the
      // average.
      .Case([&](MaxPool2dOp pool) -> Result {
        ArrayRef<int64_t> kernel = pool.getKernel();
        return out * kernel[0] * kernel[1];
      })
      .Case([&](AvgPool2dOp pool) -> Result {
        ArrayRef<int64_t> kernel = pool.getKernel();
        return out * (kernel[0] * kernel[1] + 1);
      })
      .Case<GlobalAvgPoolOp, ReduceMeanOp>([&](auto pool) -> Result {
        return numElements(pool.getInput()) + out;
      })
      .Case<GlobalMaxPoolOp, ReduceSumOp, ReduceMaxOp>(
          [&](auto pool) -> Result { return numElements(pool.getInput()); })
      // Resampling: nearest reads, linear 3 and cubic 7 per element and
      // resized dimension.
      .Case([&](ResizeOp resize) -> Result {
        if (resize.getMode() == ResizeMode::Nearest)
          return 0;
        int64_t resized = 0;
        ArrayRef<int64_t> in = shapeOf(resize.getInput());
        for (auto [from, to] : llvm::zip(in, resize.getSizes()))
          resized += from != to;
        return out * resized * (resize.getMode() == ResizeMode::Linear ? 3 : 7);
      })
      // Elementwise arithmetic and activations: 1 per output element.
      .Case<AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp, EqualOp, WhereOp,
            NegOp, AbsOp, ExpOp, LogOp, SqrtOp, TanhOp, ErfOp, SinOp, CosOp,
            ReluOp, ClipOp, LeakyReluOp, EluOp, SeluOp, SigmoidOp,
            HardSigmoidOp, HardSwishOp, SiluOp, GeluOp, SoftplusOp, PReluOp>(
          [&](Operation *) -> Result { return out; })
      // Data movement: no arithmetic.
      .Case<ConstantOp, CastOp, ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp,
            TransposeOp, ExpandOp, ConcatOp, SplitOp, SliceOp, PadOp, GatherOp,
            ChannelShuffleOp, PixelShuffleOp, PixelUnshuffleOp>(
          [&](Operation *) -> Result { return 0; })
      .Default([&](Operation *) -> Result { return std::nullopt; });
}

//===----------------------------------------------------------------------===//
// Receptive fields
//===----------------------------------------------------------------------===//

/// A window of `kernel` taps, `stride` apart, starting `padBefore` before the
/// first input pixel, with taps `dilation` apart, in spatial dimension `d`.
void applyWindow(ReceptiveField &field, int d, double kernel, double stride,
                 double padBefore, double dilation) {
  double effective = dilation * (kernel - 1) + 1;
  field.size[d] += (effective - 1) * field.jump[d];
  field.start[d] += ((effective - 1) / 2 - padBefore) * field.jump[d];
  field.jump[d] *= stride;
}

/// The smallest field holding the fields of all `inputs` (those that have
/// one): the union of the intervals [start - (size - 1) * jump0 / 2, ...]
/// in input coordinates, with the largest jump.
std::optional<ReceptiveField> hull(ArrayRef<ReceptiveField> inputs) {
  if (inputs.empty())
    return std::nullopt;
  if (inputs.size() == 1)
    return inputs.front();
  ReceptiveField result;
  for (int d = 0; d < 2; ++d) {
    double lo = INFINITY, hi = -INFINITY, jump = 0;
    for (const ReceptiveField &field : inputs) {
      lo = std::min(lo, field.start[d] - (field.size[d] - 1) / 2);
      hi = std::max(hi, field.start[d] + (field.size[d] - 1) / 2);
      jump = std::max(jump, field.jump[d]);
    }
    result.size[d] = hi - lo + 1;
    result.start[d] = (lo + hi) / 2;
    result.jump[d] = jump;
  }
  result.collapsed = llvm::all_of(
      inputs, [](const ReceptiveField &field) { return field.collapsed; });
  return result;
}

/// The receptive field of `op`'s results from those of its operands
/// (`operands[i]` is std::nullopt when operand i has none).
std::optional<ReceptiveField>
propagateField(Operation *op,
               ArrayRef<std::optional<ReceptiveField>> operands) {
  SmallVector<ReceptiveField> known;
  for (const std::optional<ReceptiveField> &field : operands)
    if (field)
      known.push_back(*field);
  if (known.empty())
    return std::nullopt;
  using Result = std::optional<ReceptiveField>;
  // Ops with one spatial input (operand 0): a window in H and W.
  auto window = [&](ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                    ArrayRef<int64_t> padding,
                    ArrayRef<int64_t> dilations) -> Result {
    if (!operands[0])
      return std::nullopt;
    ReceptiveField field = *operands[0];
    for (int d = 0; d < 2; ++d)
      applyWindow(field, d, kernel[d], strides[d], padding[d], dilations[d]);
    return field;
  };
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case([&](Conv2dOp conv) -> Result {
        ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
        return window({filter[2], filter[3]}, conv.getStrides(),
                      conv.getPadding(), conv.getDilations());
      })
      .Case<MaxPool2dOp, AvgPool2dOp>([&](auto pool) -> Result {
        return window(pool.getKernel(), pool.getStrides(), pool.getPadding(),
                      pool.getDilations());
      })
      .Case<GlobalAvgPoolOp, GlobalMaxPoolOp>([&](auto pool) -> Result {
        ArrayRef<int64_t> in = shapeOf(pool.getInput());
        if (in.size() != 4)
          return std::nullopt;
        return window({in[2], in[3]}, {1, 1}, {0, 0}, {1, 1});
      })
      .Case<ReduceMeanOp, ReduceSumOp, ReduceMaxOp>([&](auto reduce) -> Result {
        // Reducing H and W of an NCHW tensor is a global pool; a reduction
        // that keeps them leaves the field as it is.
        ArrayRef<int64_t> in = shapeOf(reduce.getInput());
        if (in.size() != 4)
          return std::nullopt;
        SmallVector<int64_t> axes;
        for (int64_t axis : reduce.getAxes())
          axes.push_back(axis < 0 ? axis + 4 : axis);
        if (axes.empty())
          axes = {0, 1, 2, 3};
        bool h = llvm::is_contained(axes, 2), w = llvm::is_contained(axes, 3);
        if (!h && !w)
          return operands[0];
        return window({h ? in[2] : 1, w ? in[3] : 1}, {1, 1}, {0, 0}, {1, 1});
      })
      .Case([&](ConvTranspose2dOp conv) -> Result {
        // A convolution with stride 1 over the input with stride - 1 zeros
        // inserted between pixels (jump / stride) and padding
        // dilation * (K - 1) - padding.
        ReceptiveField field = *operands[0];
        ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
        for (int d = 0; d < 2; ++d) {
          double stride = conv.getStrides()[d];
          double effective = conv.getDilations()[d] * (filter[2 + d] - 1) + 1;
          field.jump[d] /= stride;
          applyWindow(field, d, effective, 1,
                      effective - 1 - conv.getPadding()[d], 1);
        }
        return field;
      })
      .Case([&](ResizeOp resize) -> Result {
        // Output pixel 0 samples input coordinate x_in(0) of the coordinate
        // transform; linear interpolation reads 2 pixels, cubic 4.
        ArrayRef<int64_t> in = shapeOf(resize.getInput());
        if (in.size() != 4)
          return std::nullopt;
        ReceptiveField field = *operands[0];
        for (int d = 0; d < 2; ++d) {
          double from = in[2 + d], to = resize.getSizes()[2 + d];
          double scale = resize.getScales() ? (*resize.getScales())[2 + d]
                                            : to / from;
          double x0 = 0;
          switch (resize.getCoordinateTransform()) {
          case CoordinateTransform::HalfPixel:
            x0 = 0.5 / scale - 0.5;
            break;
          case CoordinateTransform::PytorchHalfPixel:
            x0 = to > 1 ? 0.5 / scale - 0.5 : 0;
            break;
          case CoordinateTransform::TfHalfPixelForNn:
            x0 = 0.5 / scale;
            break;
          default:
            x0 = 0;
            break;
          }
          // Nearest reads round(x_in(0)) (at least 0); linear reads
          // floor(x) and floor(x) + 1, cubic floor(x) - 1 to floor(x) + 2:
          // both centered on floor(x) + 1/2 (edge clamping is ignored).
          bool nearest = resize.getMode() == ResizeMode::Nearest;
          double taps = nearest                                  ? 1
                        : resize.getMode() == ResizeMode::Linear ? 2
                                                                 : 4;
          field.size[d] += (taps - 1) * field.jump[d];
          field.start[d] +=
              (nearest ? std::max(0.0, std::round(x0)) : std::floor(x0) + 0.5) *
              field.jump[d];
          field.jump[d] /= scale;
        }
        return field;
      })
      .Case([&](PixelShuffleOp shuffle) -> Result {
        // Each output pixel reads one input pixel; r output pixels share it,
        // at sub-pixel offsets (i + 1/2) / r - 1/2.
        ReceptiveField field = *operands[0];
        double r = shuffle.getUpscaleFactor();
        for (int d = 0; d < 2; ++d) {
          field.start[d] += (0.5 / r - 0.5) * field.jump[d];
          field.jump[d] /= r;
        }
        return field;
      })
      .Case([&](PixelUnshuffleOp unshuffle) -> Result {
        double r = unshuffle.getDownscaleFactor();
        return window({int64_t(r), int64_t(r)}, {int64_t(r), int64_t(r)},
                      {0, 0}, {1, 1});
      })
      .Case([&](SliceOp slice) -> Result {
        // Window of one pixel with the slice's step, from its start.
        if (shapeOf(slice.getInput()).size() != 4)
          return std::nullopt;
        ReceptiveField field = *operands[0];
        for (int d = 0; d < 2; ++d) {
          field.start[d] += slice.getStarts()[2 + d] * field.jump[d];
          field.jump[d] *= slice.getSteps()[2 + d];
        }
        return field;
      })
      .Case([&](PadOp pad) -> Result {
        if (shapeOf(pad.getInput()).size() != 4)
          return std::nullopt;
        ReceptiveField field = *operands[0];
        for (int d = 0; d < 2; ++d)
          field.start[d] -= pad.getPads()[2 + d] * field.jump[d];
        return field;
      })
      // Ops that keep every pixel where it is (elementwise, per-channel,
      // channel rearrangements, the channel-wise concat and split): the
      // hull of the operands' fields.
      .Case<AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp, EqualOp, WhereOp,
            NegOp, AbsOp, ExpOp, LogOp, SqrtOp, TanhOp, ErfOp, SinOp, CosOp,
            CastOp, ReluOp, ClipOp, LeakyReluOp, EluOp, SeluOp, SigmoidOp,
            HardSigmoidOp, HardSwishOp, SiluOp, GeluOp, SoftplusOp, PReluOp,
            BatchNormOp, ChannelShuffleOp, ConcatOp, SplitOp, GatherOp,
            ExpandOp>(
          [&](Operation *) -> Result { return hull(known); })
      .Case<SoftmaxOp, LogSoftmaxOp>([&](auto softmax) -> Result {
        // Softmax over the channels keeps pixels apart.
        int64_t axis = softmax.getAxis();
        int64_t rank = shapeOf(softmax.getInput()).size();
        if (rank == 4 && (axis == 1 || axis == -3))
          return hull(known);
        return std::nullopt;
      })
      .Case<ReshapeOp, FlattenOp, SqueezeOp>([&](Operation *) -> Result {
        // Dropping a spatial extent of 1 x 1 (global pool -> classifier).
        ArrayRef<int64_t> in = shapeOf(op->getOperand(0));
        if (!operands[0] ||
            !(operands[0]->collapsed ||
              (in.size() == 4 && in[2] == 1 && in[3] == 1)))
          return std::nullopt;
        ReceptiveField field = *operands[0];
        field.collapsed = true;
        return field;
      })
      .Default([&](Operation *) -> Result {
        // Ops on collapsed values mix features, not pixels.
        if (llvm::all_of(known, [](const ReceptiveField &field) {
              return field.collapsed;
            })) {
          std::optional<ReceptiveField> field = hull(known);
          field->collapsed = true;
          return field;
        }
        return std::nullopt;
      });
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

std::string layerName(Operation *op, int64_t index) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto nameLoc = dyn_cast<NameLoc>(loc)) {
      name = nameLoc.getName().getValue().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!name.empty())
    return name;
  op->getLoc()->walk([&](Location loc) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(loc)) {
      if (fileLoc.getLine() == 0)
        return WalkResult::advance();
      name = (llvm::sys::path::filename(fileLoc.getFilename().getValue()) +
              ":" + Twine(fileLoc.getLine()))
                 .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!name.empty())
    return name;
  return ("op" + Twine(index)).str();
}

std::string shapeString(Operation *op) {
  if (op->getNumResults() == 0)
    return "";
  auto type = dyn_cast<ShapedType>(op->getResult(0).getType());
  if (!type || !type.hasRank())
    return "?";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(type.getShape(), os, "x");
  if (type.getRank() == 0)
    os << "scalar";
  return text;
}

std::string formatCount(int64_t value) {
  // Thousands separated by commas, for legibility of large counts.
  std::string digits = std::to_string(value);
  std::string result;
  int64_t n = digits.size();
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0)
      result += ',';
    result += digits[i];
  }
  return result;
}

std::string formatNumber(double value) {
  if (value == std::floor(value))
    return std::to_string(int64_t(value));
  std::string text = llvm::formatv("{0:F3}", value).str();
  while (text.back() == '0')
    text.pop_back();
  return text;
}

/// "7" for equal dimensions, "7x5" (height x width) otherwise.
std::string formatPair(const std::array<double, 2> &pair, StringRef sep) {
  if (pair[0] == pair[1])
    return formatNumber(pair[0]);
  return formatNumber(pair[0]) + sep.str() + formatNumber(pair[1]);
}

} // namespace

ModelReport mlir::kiln::analyzeModel(func::FuncOp func) {
  ModelReport report;
  report.function = func.getSymName().str();
  llvm::DenseMap<Value, ReceptiveField> fields;
  for (BlockArgument argument : func.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(argument.getType());
    if (type && type.getRank() == 4)
      fields[argument] = ReceptiveField();
  }
  llvm::DenseSet<Operation *> seenConstants;
  int64_t index = 0;
  func.walk([&](Operation *op) {
    if (op == func || isa<ConstantOp>(op) ||
        op->hasTrait<OpTrait::IsTerminator>())
      return;
    LayerReport layer;
    layer.op = op;
    layer.name = layerName(op, index++);
    StringRef fullName = op->getName().getStringRef();
    bool isKiln =
        op->getDialect() && op->getDialect()->getNamespace() == "kiln";
    layer.opName = isKiln ? fullName.drop_front(5).str() : fullName.str();
    layer.shape = shapeString(op);
    layer.flops = countFlops(op);
    SmallVector<std::optional<ReceptiveField>> operandFields;
    for (Value operand : op->getOperands()) {
      if (auto constant = operand.getDefiningOp<ConstantOp>()) {
        layer.params += numElements(operand);
        if (seenConstants.insert(constant).second)
          report.totalParams += numElements(operand);
      }
      auto it = fields.find(operand);
      operandFields.push_back(it == fields.end()
                                  ? std::nullopt
                                  : std::optional<ReceptiveField>(it->second));
    }
    layer.field = propagateField(op, operandFields);
    if (layer.field)
      for (Value result : op->getResults())
        fields[result] = *layer.field;
    for (StringRef pass : getFusingPasses(op->getLoc()))
      layer.fusedBy.push_back(pass.str());
    if (layer.flops)
      report.totalFlops += *layer.flops;
    else
      ++report.unknownFlops;
    report.layers.push_back(std::move(layer));
  });
  Operation *terminator = func.getBody().front().getTerminator();
  if (terminator->getNumOperands() > 0) {
    auto it = fields.find(terminator->getOperand(0));
    if (it != fields.end())
      report.outputField = it->second;
  }
  return report;
}

void mlir::kiln::printModelReport(const ModelReport &report, raw_ostream &os) {
  SmallVector<std::string> header = {"layer", "op",  "output", "FLOPs",
                                     "params", "RF", "jump",   "start",
                                     "fused"};
  SmallVector<SmallVector<std::string>> rows;
  for (const LayerReport &layer : report.layers) {
    SmallVector<std::string> row = {
        layer.name, layer.opName, layer.shape,
        layer.flops ? formatCount(*layer.flops) : "?",
        formatCount(layer.params)};
    if (layer.field) {
      row.push_back(formatPair(layer.field->size, "x"));
      row.push_back(formatPair(layer.field->jump, "x"));
      row.push_back(formatPair(layer.field->start, ","));
    } else {
      row.append({"-", "-", "-"});
    }
    row.push_back(layer.fusedBy.empty() ? "" : llvm::join(layer.fusedBy, ","));
    rows.push_back(std::move(row));
  }
  SmallVector<std::string> total = {
      "total", "", "",
      formatCount(report.totalFlops) + (report.unknownFlops ? " + ?" : ""),
      formatCount(report.totalParams)};
  if (report.outputField) {
    total.push_back(formatPair(report.outputField->size, "x"));
    total.push_back(formatPair(report.outputField->jump, "x"));
    total.push_back(formatPair(report.outputField->start, ","));
  } else {
    total.append({"-", "-", "-"});
  }
  total.push_back("");

  SmallVector<size_t> widths;
  for (const std::string &cell : header)
    widths.push_back(cell.size());
  for (const auto &row : llvm::concat<const SmallVector<std::string>>(
           rows, ArrayRef<SmallVector<std::string>>(total)))
    for (auto [i, cell] : llvm::enumerate(row))
      widths[i] = std::max(widths[i], cell.size());
  // Numbers right-aligned, text left-aligned; no trailing spaces.
  auto printRow = [&](ArrayRef<std::string> row) {
    std::string line;
    for (auto [i, cell] : llvm::enumerate(row)) {
      bool right = i >= 3 && i <= 7;
      std::string pad(widths[i] - cell.size(), ' ');
      if (i > 0)
        line += "  ";
      line += right ? pad + cell : cell + (i + 1 < row.size() ? pad : "");
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    os << line << "\n";
  };
  os << "model report of @" << report.function << " ("
     << report.layers.size() << " layers)\n";
  printRow(header);
  for (const auto &row : rows)
    printRow(row);
  printRow(total);
}

static std::string dotEscape(StringRef text) {
  std::string result;
  for (char c : text) {
    if (c == '"' || c == '\\')
      result += '\\';
    result += c;
  }
  return result;
}

void mlir::kiln::printModelGraph(const ModelReport &report, func::FuncOp func,
                                 raw_ostream &os) {
  os << "digraph \"" << dotEscape(report.function) << "\" {\n"
     << "  rankdir=TB;\n"
     << "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n";
  llvm::DenseMap<Value, std::string> nodeOf;
  for (auto [i, argument] : llvm::enumerate(func.getArguments())) {
    std::string node = "in" + std::to_string(i);
    std::string name = "input" + std::to_string(i);
    if (auto attr = func.getArgAttrOfType<StringAttr>(i, "kiln.name"))
      name = attr.getValue().str();
    std::string shape;
    if (auto type = dyn_cast<ShapedType>(argument.getType()))
      if (type.hasRank())
        shape = llvm::join(llvm::map_range(type.getShape(),
                                           [](int64_t s) {
                                             return std::to_string(s);
                                           }),
                           "x");
    os << "  " << node << " [shape=ellipse, label=\"" << dotEscape(name)
       << "\\n" << shape << "\"];\n";
    nodeOf[argument] = node;
  }
  for (auto [i, layer] : llvm::enumerate(report.layers)) {
    std::string node = "n" + std::to_string(i);
    for (Value result : layer.op->getResults())
      nodeOf[result] = node;
    os << "  " << node << " [label=\"" << dotEscape(layer.name) << "\\n"
       << dotEscape(layer.opName) << " " << layer.shape;
    if (layer.flops && *layer.flops)
      os << "\\n" << formatCount(*layer.flops) << " FLOPs";
    if (!layer.fusedBy.empty())
      os << "\\nfused: " << dotEscape(llvm::join(layer.fusedBy, ", "))
         << "\", style=filled, fillcolor=\"#ffd27f";
    os << "\"];\n";
  }
  for (auto [i, layer] : llvm::enumerate(report.layers))
    for (Value operand : layer.op->getOperands()) {
      auto it = nodeOf.find(operand);
      if (it != nodeOf.end())
        os << "  " << it->second << " -> n" << i << ";\n";
    }
  Operation *terminator = func.getBody().front().getTerminator();
  for (auto [i, operand] : llvm::enumerate(terminator->getOperands())) {
    std::string name = "output" + std::to_string(i);
    if (auto attr = func.getResultAttrOfType<StringAttr>(i, "kiln.name"))
      name = attr.getValue().str();
    os << "  out" << i << " [shape=ellipse, label=\"" << dotEscape(name)
       << "\"];\n";
    auto it = nodeOf.find(operand);
    if (it != nodeOf.end())
      os << "  " << it->second << " -> out" << i << ";\n";
  }
  os << "}\n";
}
