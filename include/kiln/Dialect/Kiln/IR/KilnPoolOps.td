//===- KilnPoolOps.td - Pooling and reductions -*- tablegen -*-===//
//
// Windowed and global pooling, and reductions over chosen dimensions.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD
#define KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// Windowed 2-D pooling
//===----------------------------------------------------------------------===//

/// A 2-D pooling window slid over the spatial dimensions of an NCHW tensor.
/// `reduction` describes how a window is reduced, `extraArgs` adds
/// op-specific attributes, `example` is the (4-space indented) MLIR example.
class Kiln_Pool2dOp<string mnemonic, string what, Type tensorType,
                    string reduction, dag extraArgs = (ins),
                    string example = "">
    : Kiln_InferOp<mnemonic> {
  let summary = "2-D " # what # " pooling over the H and W dimensions of NCHW";
  let description = [{
    Slides a `kernel[0] x kernel[1]` window over the spatial dimensions of the
    `[N, C, H, W]` input and reduces every window independently per batch
    entry and channel: the result is `[N, C, OH, OW]`.

    Attributes (`i` is 0 for the height and 1 for the width):

    * `kernel` (required): the window size `[kH, kW]`, each at least 1.
    * `strides` (default `[1, 1]`): the step between windows, each at least 1.
    * `dilations` (default `[1, 1]`): the step between the window's taps, each
      at least 1. The effective kernel size is
      `ek[i] = dilations[i] * (kernel[i] - 1) + 1`.
    * `padding` (default `[0, 0, 0, 0]`): implicit padding in ONNX order
      `[top, left, bottom, right]`, each at least 0 and smaller than the
      effective kernel size of its dimension (as in PyTorch and ONNX).
    * `ceil_mode` (default `false`): round the number of windows up instead
      of down.

    Output size, with `S = H, pb = top, pe = bottom` for `i = 0` and
    `S = W, pb = left, pe = right` for `i = 1`:

    ```
    n   = S + pb + pe - ek[i]             (must be >= 0)
    out = floor(n / strides[i]) + 1       if not ceil_mode
    out = ceil(n / strides[i]) + 1        if ceil_mode, and then
          if (out - 1) * strides[i] >= S + pb: out = out - 1
    ```

    The ceil-mode correction is PyTorch's rule: the last window must start
    inside the input or inside the leading padding, never in the trailing
    padding. Every spatial input dimension must be at least 1, so `out >= 1`.

    Window `(oh, ow)` reads the taps

    ```
    h(oh, kh) = oh * strides[0] + kh * dilations[0] - top,   0 <= kh < kH
    w(ow, kw) = ow * strides[1] + kw * dilations[1] - left,  0 <= kw < kW
    ```

    of which only those with `0 <= h < H` and `0 <= w < W` are input elements;
    the others lie in the padding (or, in ceil mode, past it) and are
    treated as follows:

}] # reduction # [{

    Example:

    ```mlir
}] # example # [{
    ```
  }];
  let arguments = !con(
      (ins tensorType:$input,
           DenseI64ArrayAttr:$kernel,
           DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
           DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
           DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
           DefaultValuedAttr<BoolAttr, "false">:$ceil_mode),
      extraArgs);
  let results = (outs tensorType:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_MaxPool2dOp : Kiln_Pool2dOp<"max_pool2d", "max", Kiln_NumericTensor,
  [{    ```
    output[n, c, oh, ow] = max over kh, kw of x(n, c, h(oh, kh), w(ow, kw))
    ```

    where `x` is the input inside the input bounds and `-inf` (the lowest
    value of the element type for integers) elsewhere, so padding never wins.
    With dilations a window may consist of padding only; its result is
    `-inf` (the lowest value for integers). NaN inputs propagate.}],
  (ins), [{    %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>,
                             strides = array<i64: 2, 2>,
                             padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>}]>;

def Kiln_AvgPool2dOp : Kiln_Pool2dOp<"avg_pool2d", "average", Kiln_FloatTensor,
  [{    ```
    output[n, c, oh, ow] = sum over kh, kw of x(n, c, h(oh, kh), w(ow, kw))
                           / (count_h(oh) * count_w(ow))
    ```

    where `x` is the input inside the input bounds and 0 elsewhere. The
    divisor depends on `count_include_pad` (default `false`):

    * `false`: `count_h(oh)` is the number of taps `kh` with `0 <= h < H`
      (and likewise for `w`), i.e. only input elements are counted;
    * `true`: `count_h(oh)` is the number of taps `kh` with
      `-top <= h < H + bottom`, i.e. taps in the padding are counted too,
      but taps in the ceil-mode overhang past the trailing padding never are
      (PyTorch's rule).

    With dilations and `count_include_pad = false` a window may consist of
    padding only; its divisor is then 0 and its result NaN.}],
  (ins DefaultValuedAttr<BoolAttr, "false">:$count_include_pad),
  [{    %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>,
                             strides = array<i64: 2, 2>,
                             ceil_mode = true, count_include_pad = true}
        : (tensor<1x8x7x7xf32>) -> tensor<1x8x4x4xf32>}]>;

//===----------------------------------------------------------------------===//
// Global pooling
//===----------------------------------------------------------------------===//

/// Reduces all spatial dimensions of an `[N, C, D1, ..., Dk]` tensor.
class Kiln_GlobalPoolOp<string mnemonic, string what, Type tensorType,
                        string math>
    : Kiln_InferOp<mnemonic> {
  let summary = "global " # what # " pooling over all spatial dimensions";
  let description = [{
    Reduces every spatial dimension of an `[N, C, D1, ..., Dk]` input
    (rank at least 3; dimension 0 is the batch, dimension 1 the channels):

    ```
    output[n, c, 0, ..., 0] = }] # math # [{
    ```

    The result has shape `[N, C, 1, ..., 1]` (same rank as the input) and the
    input's element type.

    Example:

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_GlobalAvgPoolOp : Kiln_GlobalPoolOp<"global_avg_pool", "average",
    Kiln_FloatTensor,
    "sum(input[n, c, d1, ..., dk] for all d1..dk) / (D1 * ... * Dk)">;

def Kiln_GlobalMaxPoolOp : Kiln_GlobalPoolOp<"global_max_pool", "max",
    Kiln_NumericTensor,
    "max(input[n, c, d1, ..., dk] for all d1..dk)">;

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// An ONNX-style reduction over the dimensions listed in `axes`.
class Kiln_ReduceOp<string mnemonic, string what, string onnxName,
                    string math, string empty>
    : Kiln_InferOp<mnemonic> {
  let summary = what # " over the given dimensions";
  let description = [{
    Reduces the input over the dimensions listed in `axes`, with the
    semantics of ONNX `}] # onnxName # [{`:

    ```
    output[j] = }] # math # [{
    ```

    where `i` ranges over all input indices that agree with the output index
    `j` on every dimension that is not reduced (with `keep_dims`, `j` is 0 in
    every reduced dimension).

    * `axes` (default empty): the dimensions to reduce. Each entry must be in
      `[-rank, rank)`; a negative entry counts from the back (`a + rank`).
      No dimension may be listed twice (after that normalization). An empty
      list reduces every dimension.
    * `keep_dims` (default `true`): keep each reduced dimension as a
      dimension of size 1; otherwise the reduced dimensions are removed (and
      reducing every dimension gives a rank-0 tensor).

    The result has the input's element type.

}] # empty # [{

    Example:

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %x {axes = array<i64: -1>, keep_dims = false}
        : (tensor<2x8x16xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$input,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keep_dims);
  let results = (outs Kiln_NumericTensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_ReduceMeanOp : Kiln_ReduceOp<"reduce_mean", "mean", "ReduceMean",
    "sum(input[i]) / (number of elements reduced into j)",
    [{    For integers the quotient is truncated toward zero. A reduction over
    no elements (a reduced dimension of size 0) gives NaN (0 / 0) for
    floats and an unspecified value for integers.}]>;

def Kiln_ReduceSumOp : Kiln_ReduceOp<"reduce_sum", "sum", "ReduceSum",
    "sum(input[i])",
    [{    A reduction over no elements (a reduced dimension of size 0) gives
    0.}]>;

def Kiln_ReduceMaxOp : Kiln_ReduceOp<"reduce_max", "maximum", "ReduceMax",
    "max(input[i])",
    [{    NaN inputs propagate. A reduction over no elements (a reduced
    dimension of size 0) gives `-inf` (the lowest value of the type for
    integers).}]>;

#endif // KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD
