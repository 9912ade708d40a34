//===- Einsum.cpp - Import Einsum; evaluate Einsum and MatMul of constants ===//
//
// Einsum (opset 12) becomes kiln ops: an index that one operand alone has
// and the output lacks is summed first (kiln.reduce_sum); the operands are
// then multiplied pairwise, left to right, each product one kiln.matmul
// over the indices both share and nothing later needs ([batch..., M, K] x
// [batch..., K, N], transposed and reshaped into place), or one
// broadcasting kiln.mul when they share none to sum (an outer product);
// a final transpose puts the indices in the output's order. So
// `bhqd,bhkd->bhqk` is the transpose and matmul that `q @ k.transpose(-2,
// -1)` exports as, and the graph passes see attention either way.
//
// Einsum and MatMul whose inputs are all import-time constants (the
// position x frequency table of a rotary embedding computed in the model's
// forward from torch.arange) are evaluated here instead, in double, so that
// the cos and sin after them fold too and the table reaches the graph
// passes as a constant.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#include "llvm/ADT/StringExtras.h"

#include <cctype>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

namespace {
/// An einsum equation with numbered indices: letters by ASCII order
/// ('A'-'Z' are 0-25, 'a'-'z' 26-51), the dimensions an ellipsis stands for
/// from kFirstEllipsis on (aligned on the right across the operands, as
/// numpy broadcasts them).
struct Equation {
  SmallVector<SmallVector<int64_t>> inputs;
  SmallVector<int64_t> output;
  /// The size of every index (the broadcast size where operands differ).
  DenseMap<int64_t, int64_t> sizes;
};

constexpr int64_t kFirstEllipsis = 52;

/// An operand of the product being built: a value and the index of each of
/// its dimensions.
struct Term {
  Value value;
  SmallVector<int64_t> indices;
};
} // namespace

/// The name of index `index` in diagnostics.
static std::string indexName(int64_t index) {
  if (index >= kFirstEllipsis)
    return "dimension " + std::to_string(index - kFirstEllipsis) + " of '...'";
  char letter = index < 26 ? 'A' + index : 'a' + (index - 26);
  return std::string("'") + letter + "'";
}

/// Parses one side of `->` for an operand of rank `rank` (or, for the
/// output, `rank` < 0), into indices; `ellipsis` is the number of
/// dimensions '...' stands for in the widest operand.
static FailureOr<SmallVector<int64_t>> parseTerm(const OnnxNode &node,
                                                 StringRef term, int64_t rank,
                                                 int64_t &ellipsisRank,
                                                 int64_t maxEllipsis) {
  SmallVector<int64_t> letters;
  int64_t ellipsisAt = -1;
  for (size_t i = 0; i < term.size(); ++i) {
    char c = term[i];
    if (c >= 'A' && c <= 'Z') {
      letters.push_back(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      letters.push_back(26 + (c - 'a'));
    } else if (term.substr(i).starts_with("...") && ellipsisAt < 0) {
      ellipsisAt = letters.size();
      i += 2;
    } else {
      return node.emitError() << "invalid einsum term '" << term << "'";
    }
  }
  ellipsisRank = 0;
  if (rank >= 0) {
    int64_t letterCount = letters.size();
    if (ellipsisAt < 0 ? letterCount != rank : letterCount > rank)
      return node.emitError()
             << "einsum term '" << term << "' has " << letterCount
             << " indices for an input of rank " << rank;
    if (ellipsisAt >= 0)
      ellipsisRank = rank - letterCount;
  } else if (ellipsisAt >= 0) {
    ellipsisRank = maxEllipsis;
  }
  SmallVector<int64_t> indices;
  for (int64_t i = 0, e = letters.size(); i <= e; ++i) {
    if (i == ellipsisAt)
      for (int64_t d = 0; d < ellipsisRank; ++d)
        indices.push_back(kFirstEllipsis + maxEllipsis - ellipsisRank + d);
    if (i < e) {
      if (llvm::is_contained(indices, letters[i])) {
        if (rank < 0)
          return node.emitError()
                 << "einsum output '" << term << "' repeats index "
                 << indexName(letters[i]);
        return node.emitError() << "einsum term '" << term << "' repeats index "
                                << indexName(letters[i])
                                << " (a diagonal), which kiln does not support";
      }
      indices.push_back(letters[i]);
    }
  }
  return indices;
}

/// Parses the `equation` of an Einsum node with inputs of `shapes`.
static FailureOr<Equation> parseEquation(const OnnxNode &node,
                                         StringRef written,
                                         ArrayRef<ArrayRef<int64_t>> shapes) {
  std::string text;
  for (char c : written)
    if (!std::isspace(static_cast<unsigned char>(c)))
      text.push_back(c);
  StringRef equation(text);
  auto [lhs, rhs] = equation.split("->");
  bool explicitOutput = equation.contains("->");
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != shapes.size())
    return node.emitError()
           << "einsum equation '" << text << "' has " << terms.size()
           << " operands, the node " << shapes.size() << " inputs";
  // The widest ellipsis first: the others align with its last dimensions.
  int64_t maxEllipsis = 0;
  for (auto [term, shape] : llvm::zip(terms, shapes)) {
    int64_t letters = llvm::count_if(term, llvm::isAlpha);
    if (term.contains("...") && static_cast<int64_t>(shape.size()) > letters)
      maxEllipsis = std::max<int64_t>(maxEllipsis, shape.size() - letters);
  }
  Equation result;
  for (auto [term, shape] : llvm::zip(terms, shapes)) {
    int64_t ellipsisRank;
    FailureOr<SmallVector<int64_t>> indices =
        parseTerm(node, term, shape.size(), ellipsisRank, maxEllipsis);
    if (failed(indices))
      return failure();
    for (auto [index, size] : llvm::zip(*indices, shape)) {
      auto [it, inserted] = result.sizes.try_emplace(index, size);
      if (inserted || it->second == size || size == 1)
        continue;
      if (it->second != 1)
        return node.emitError()
               << "einsum index " << indexName(index) << " has sizes "
               << it->second << " and " << size;
      it->second = size;
    }
    result.inputs.push_back(std::move(*indices));
  }
  if (explicitOutput) {
    int64_t ellipsisRank;
    FailureOr<SmallVector<int64_t>> output =
        parseTerm(node, rhs, -1, ellipsisRank, maxEllipsis);
    if (failed(output))
      return failure();
    for (int64_t index : *output)
      if (!result.sizes.count(index))
        return node.emitError() << "einsum output index " << indexName(index)
                                << " is in no input";
    result.output = std::move(*output);
  } else {
    // Implicit output: the ellipsis, then the indices that occur once, in
    // alphabetical order.
    for (int64_t d = 0; d < maxEllipsis; ++d)
      result.output.push_back(kFirstEllipsis + d);
    SmallVector<int64_t> once;
    for (auto &[index, size] : result.sizes) {
      int64_t count = 0;
      for (ArrayRef<int64_t> input : result.inputs)
        count += llvm::count(input, index);
      if (index < kFirstEllipsis && count == 1)
        once.push_back(index);
    }
    llvm::sort(once);
    llvm::append_range(result.output, once);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Evaluation of constants
//===----------------------------------------------------------------------===//

/// The most multiply-adds an einsum of constants may take at import.
constexpr int64_t kMaxHostWork = int64_t(1) << 24;

/// Evaluates `equation` on `inputs` (all float or all integer); false when
/// the result or the work is too large for import time.
static FailureOr<bool> evaluate(const OnnxNode &node, const Equation &equation,
                                ArrayRef<const HostTensor *> inputs) {
  SmallVector<int64_t> all(equation.output);
  for (ArrayRef<int64_t> input : equation.inputs)
    for (int64_t index : input)
      if (!llvm::is_contained(all, index))
        all.push_back(index);
  SmallVector<int64_t> sizes, outputShape;
  int64_t work = 1, outputSize = 1;
  for (int64_t index : all) {
    sizes.push_back(equation.sizes.lookup(index));
    work *= sizes.back();
    if (work > kMaxHostWork)
      return false;
  }
  for (int64_t index : equation.output) {
    outputShape.push_back(equation.sizes.lookup(index));
    outputSize *= outputShape.back();
  }
  if (outputSize > kMaxHostElements)
    return false;
  // Per input, the stride of each index of `all` into its elements (0 for
  // an index it lacks or has with size 1).
  SmallVector<SmallVector<int64_t>> strides;
  for (auto [indices, input] : llvm::zip(equation.inputs, inputs)) {
    SmallVector<int64_t> &s = strides.emplace_back(all.size(), 0);
    int64_t stride = 1;
    for (int64_t d = indices.size() - 1; d >= 0; --d) {
      int64_t size = input->getShape()[d];
      if (size != 1)
        s[llvm::find(all, indices[d]) - all.begin()] = stride;
      stride *= size;
    }
  }
  bool isFloat = inputs.front()->isFloat();
  for (const HostTensor *input : inputs)
    if (input->isFloat() != isFloat)
      return node.emitError() << "einsum inputs differ in element type";
  SmallVector<double> floats(isFloat ? outputSize : 0, 0.0);
  SmallVector<int64_t> ints(isFloat ? 0 : outputSize, 0);
  // An odometer over all indices, the output's first (outermost).
  SmallVector<int64_t> position(all.size(), 0);
  for (int64_t step = 0; step < work; ++step) {
    int64_t out = 0;
    for (size_t d = 0; d < equation.output.size(); ++d)
      out = out * sizes[d] + position[d];
    if (isFloat) {
      double product = 1;
      for (auto [input, s] : llvm::zip(inputs, strides)) {
        int64_t offset = 0;
        for (size_t d = 0; d < all.size(); ++d)
          offset += position[d] * s[d];
        product *= input->getDouble(offset);
      }
      floats[out] += product;
    } else {
      uint64_t product = 1;
      for (auto [input, s] : llvm::zip(inputs, strides)) {
        int64_t offset = 0;
        for (size_t d = 0; d < all.size(); ++d)
          offset += position[d] * s[d];
        product *= static_cast<uint64_t>(input->getInt(offset));
      }
      ints[out] =
          static_cast<int64_t>(static_cast<uint64_t>(ints[out]) + product);
    }
    for (int64_t d = all.size() - 1; d >= 0; --d) {
      if (++position[d] < sizes[d])
        break;
      position[d] = 0;
    }
  }
  auto type =
      RankedTensorType::get(outputShape, inputs.front()->getElementType());
  node.setOutput(0, isFloat ? HostTensor::fromDoubles(type, floats)
                            : HostTensor::fromInts(type, ints));
  return true;
}

/// The shapes of the inputs of `node`, all of which must be given.
static SmallVector<ArrayRef<int64_t>> getInputShapes(const OnnxNode &node) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i)
    shapes.push_back(node.getInputType(i).getShape());
  return shapes;
}

/// The constants of every input of `node`, or an empty list when one is not
/// constant.
static SmallVector<const HostTensor *> getConstants(const OnnxNode &node) {
  SmallVector<const HostTensor *> inputs;
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i) {
    const HostTensor *input = node.getConstantInput(i);
    if (!input)
      return {};
    inputs.push_back(input);
  }
  return inputs;
}

static FailureOr<bool> foldEinsum(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs = getConstants(node);
  if (inputs.empty())
    return false;
  FailureOr<Equation> equation =
      parseEquation(node, node.getString("equation", ""), getInputShapes(node));
  if (failed(equation))
    return failure();
  return evaluate(node, *equation, inputs);
}

/// MatMul of two constants, as the einsum of numpy's matmul: '...' the
/// broadcast batch, 'a' and 'b' the rows and columns, 'k' the summed index
/// (a 1-D operand has only 'k').
static FailureOr<bool> foldMatMul(OnnxNode &node) {
  SmallVector<const HostTensor *> inputs = getConstants(node);
  if (inputs.size() != 2)
    return false;
  int64_t lhsRank = inputs[0]->getRank(), rhsRank = inputs[1]->getRank();
  if (lhsRank == 0 || rhsRank == 0)
    return node.emitError() << "MatMul of a scalar";
  std::string equation = (lhsRank > 1 ? "...ak," : "k,") +
                         std::string(rhsRank > 1 ? "...kb" : "k") + "->..." +
                         (lhsRank > 1 ? "a" : "") + (rhsRank > 1 ? "b" : "");
  FailureOr<Equation> parsed = parseEquation(
      node, equation, {inputs[0]->getShape(), inputs[1]->getShape()});
  if (failed(parsed))
    return failure();
  return evaluate(node, *parsed, inputs);
}

//===----------------------------------------------------------------------===//
// Import as kiln ops
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> getShape(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// `term` with its dimensions in the order `indices`.
static FailureOr<Term> transposeTo(const OnnxNode &node, const Term &term,
                                   ArrayRef<int64_t> indices) {
  if (ArrayRef<int64_t>(term.indices) == indices)
    return term;
  SmallVector<int64_t> permutation;
  for (int64_t index : indices)
    permutation.push_back(llvm::find(term.indices, index) -
                          term.indices.begin());
  FailureOr<Value> value = node.create<TransposeOp>(
      {term.value}, {node.i64ArrayAttr("permutation", permutation)});
  if (failed(value))
    return failure();
  return Term{*value, SmallVector<int64_t>(indices)};
}

/// Sums `term` over `indices`, keeping them as dimensions of size 1 when
/// `keepDims`.
static FailureOr<Term> sumOver(const OnnxNode &node, const Term &term,
                               ArrayRef<int64_t> indices, bool keepDims) {
  if (indices.empty())
    return term;
  SmallVector<int64_t> axes, kept;
  for (auto [d, index] : llvm::enumerate(term.indices)) {
    if (llvm::is_contained(indices, index))
      axes.push_back(d);
    if (keepDims || !llvm::is_contained(indices, index))
      kept.push_back(index);
  }
  FailureOr<Value> value = node.create<ReduceSumOp>(
      {term.value},
      {node.i64ArrayAttr("axes", axes), node.boolAttr("keep_dims", keepDims)});
  if (failed(value))
    return failure();
  return Term{*value, kept};
}

/// The size of `term`'s dimension of `index`.
static int64_t sizeOf(const Term &term, int64_t index) {
  return getShape(
      term.value)[llvm::find(term.indices, index) - term.indices.begin()];
}

static int64_t product(ArrayRef<int64_t> sizes) {
  int64_t n = 1;
  for (int64_t size : sizes)
    n *= size;
  return n;
}

/// The product of `lhs` and `rhs` summed over the indices they share that
/// `keep` lacks: [batch..., M..., N...], batch the shared indices `keep`
/// has (in `lhs`'s order), M and N those of one operand alone.
static FailureOr<Term> multiply(const OnnxNode &node, Term lhs, Term rhs,
                                ArrayRef<int64_t> keep) {
  SmallVector<int64_t> batch, summed, rows, columns;
  for (int64_t index : lhs.indices) {
    if (!llvm::is_contained(rhs.indices, index))
      rows.push_back(index);
    else if (llvm::is_contained(keep, index))
      batch.push_back(index);
    else
      summed.push_back(index);
  }
  for (int64_t index : rhs.indices)
    if (!llvm::is_contained(lhs.indices, index))
      columns.push_back(index);
  // A summed index that one side broadcasts (size 1): sum the other side
  // over it first.
  SmallVector<int64_t> lhsOnes, rhsOnes;
  for (int64_t index : summed) {
    int64_t l = sizeOf(lhs, index), r = sizeOf(rhs, index);
    if (l != r && l == 1)
      rhsOnes.push_back(index);
    else if (l != r && r == 1)
      lhsOnes.push_back(index);
  }
  FailureOr<Term> l = sumOver(node, lhs, lhsOnes, /*keepDims=*/true);
  FailureOr<Term> r = sumOver(node, rhs, rhsOnes, /*keepDims=*/true);
  if (failed(l) || failed(r))
    return failure();
  SmallVector<int64_t> lhsOrder(batch), rhsOrder(batch);
  llvm::append_range(lhsOrder, rows);
  llvm::append_range(lhsOrder, summed);
  llvm::append_range(rhsOrder, summed);
  llvm::append_range(rhsOrder, columns);
  l = transposeTo(node, *l, lhsOrder);
  r = transposeTo(node, *r, rhsOrder);
  if (failed(l) || failed(r))
    return failure();
  auto sizes = [](const Term &term, ArrayRef<int64_t> indices) {
    SmallVector<int64_t> result;
    for (int64_t index : indices)
      result.push_back(sizeOf(term, index));
    return result;
  };
  SmallVector<int64_t> lhsBatch = sizes(*l, batch), rhsBatch = sizes(*r, batch);
  int64_t m = product(sizes(*l, rows)), n = product(sizes(*r, columns)),
          k = product(sizes(*l, summed));
  SmallVector<int64_t> lhsShape(lhsBatch), rhsShape(rhsBatch);
  lhsShape.append({m, summed.empty() ? 1 : k});
  rhsShape.append({summed.empty() ? 1 : k, n});
  FailureOr<Value> lhsMatrix = reshapeTo(node, l->value, lhsShape);
  FailureOr<Value> rhsMatrix = reshapeTo(node, r->value, rhsShape);
  if (failed(lhsMatrix) || failed(rhsMatrix))
    return failure();
  // No index to sum: an outer product, [.., M, 1] * [.., 1, N].
  FailureOr<Value> result =
      summed.empty() ? node.create<MulOp>({*lhsMatrix, *rhsMatrix})
                     : node.create<MatMulOp>({*lhsMatrix, *rhsMatrix});
  if (failed(result))
    return failure();
  SmallVector<int64_t> shape;
  for (auto [lb, rb] : llvm::zip(lhsBatch, rhsBatch))
    shape.push_back(std::max(lb, rb));
  llvm::append_range(shape, sizes(*l, rows));
  llvm::append_range(shape, sizes(*r, columns));
  result = reshapeTo(node, *result, shape);
  if (failed(result))
    return failure();
  SmallVector<int64_t> indices(batch);
  llvm::append_range(indices, rows);
  llvm::append_range(indices, columns);
  return Term{*result, indices};
}

static LogicalResult importEinsum(OnnxNode &node) {
  FailureOr<Equation> equation =
      parseEquation(node, node.getString("equation", ""), getInputShapes(node));
  if (failed(equation))
    return failure();
  SmallVector<Term> terms;
  for (unsigned i = 0, e = node.getNumInputs(); i < e; ++i) {
    FailureOr<Value> value = node.getInput(i);
    if (failed(value))
      return failure();
    terms.push_back({*value, equation->inputs[i]});
  }
  // Indices that one operand alone has and the output lacks: summed first.
  for (auto [i, term] : llvm::enumerate(terms)) {
    SmallVector<int64_t> alone;
    for (int64_t index : term.indices) {
      bool elsewhere = llvm::is_contained(equation->output, index);
      for (auto [j, other] : llvm::enumerate(terms))
        elsewhere |= j != i && llvm::is_contained(other.indices, index);
      if (!elsewhere)
        alone.push_back(index);
    }
    FailureOr<Term> summed = sumOver(node, term, alone, /*keepDims=*/false);
    if (failed(summed))
      return failure();
    term = *summed;
  }
  Term result = terms.front();
  for (size_t j = 1; j < terms.size(); ++j) {
    SmallVector<int64_t> keep(equation->output);
    for (size_t later = j + 1; later < terms.size(); ++later)
      llvm::append_range(keep, terms[later].indices);
    FailureOr<Term> next = multiply(node, result, terms[j], keep);
    if (failed(next))
      return failure();
    result = *next;
  }
  // An index of the output that broadcasts (size 1 here, larger in the
  // output) cannot occur: every output index is in some operand, and the
  // products keep the broadcast sizes.
  FailureOr<Term> ordered = transposeTo(node, result, equation->output);
  if (failed(ordered))
    return failure();
  node.setOutput(0, ordered->value);
  return success();
}

void onnx_import::populateEinsum(NodeFolderTable &folders,
                                 NodeImporterTable &importers) {
  folders["Einsum"] = foldEinsum;
  folders["MatMul"] = foldMatMul;
  importers["Einsum"] = importEinsum;
}
