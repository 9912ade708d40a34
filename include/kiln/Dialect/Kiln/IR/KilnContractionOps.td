//===- KilnContractionOps.td - Convolutions and matrix products -*- tablegen -*-===//
//
// Convolutions (regular, grouped, depthwise, pointwise, dilated, transposed) and matrix products.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

// The attribute values are checked by the ops' verifiers (and by result-type
// inference), not by ODS constraints, so that every violation reports the
// attribute, the element and the expected range.

def Kiln_Conv2dOp : Kiln_InferOp<"conv2d"> {
  let summary = "2-D convolution (regular, grouped, depthwise, pointwise, dilated)";
  let description = [{
    A 2-D cross-correlation of an NCHW `input` with a `filter`, as ONNX `Conv`
    and `torch.nn.Conv2d` compute it, plus an optional per-channel `bias`.

    Shapes, with `G = groups`:

    - `input`: `[N, C, H, W]`
    - `filter`: `[F, C/G, KH, KW]`
    - `bias` (optional): `[F]`
    - `output`: `[N, F, OH, OW]`

    `C` and `F` must both be divisible by `G`. The input channels and the
    filters are split into `G` consecutive groups; output channel `f` belongs
    to group `g = f / (F/G)` and reads only the `C/G` input channels of that
    group. With `padding = [top, left, bottom, right]` (ONNX order),
    `strides = [sh, sw]` and `dilations = [dh, dw]`:

    ```
    output[n, f, oh, ow] = bias[f]
        + sum over c in [0, C/G), kh in [0, KH), kw in [0, KW) of
            in(n, g * (C/G) + c, oh * sh + kh * dh - top, ow * sw + kw * dw - left)
            * filter[f, c, kh, kw]
    ```

    where `in(...)` is the input element, or 0 outside `[0, H) x [0, W)` (the
    zero padding). A missing bias counts as 0. The output size is

    ```
    OH = floor((H + top + bottom - dh * (KH - 1) - 1) / sh) + 1
    OW = floor((W + left + right - dw * (KW - 1) - 1) / sw) + 1
    ```

    and the effective kernel `dh * (KH - 1) + 1` (likewise for the width)
    must fit in the padded input, so that `OH, OW >= 1`.

    Special cases carry no separate op:

    - *depthwise*: `groups = C` (each input channel is convolved with its own
      `F/C` filters; the filter is `[F, 1, KH, KW]`);
    - *pointwise*: a `1x1` filter (`KH = KW = 1`), usually with unit strides
      and no padding: a matrix product over the channels at every pixel;
    - *dilated* (atrous): `dilations` greater than 1.

    Attributes: `strides` (2 values, each >= 1, default `[1, 1]`), `dilations`
    (2 values, each >= 1, default `[1, 1]`), `padding` (4 values
    `[top, left, bottom, right]`, each >= 0, default zeros), `groups`
    (>= 1, default 1). All operands and the result have the same element type.

    Example (a strided, padded convolution with bias, and a depthwise one
    without):

    ```mlir
    %0 = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
        : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<1x32x112x112xf32>
    %1 = kiln.conv2d %0, %dw {groups = 32 : i64, padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x112x112xf32>
    ```
  }];
  let arguments = (ins
    Kiln_FloatTensor:$input,
    Kiln_FloatTensor:$filter,
    Optional<Kiln_FloatTensor>:$bias,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
    DefaultValuedAttr<I64Attr, "1">:$groups
  );
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

def Kiln_ConvTranspose2dOp : Kiln_InferOp<"conv_transpose2d"> {
  let summary = "2-D transposed convolution (fractionally strided convolution)";
  let description = [{
    The transpose (gradient with respect to its input) of `kiln.conv2d`, as
    ONNX `ConvTranspose` and `torch.nn.ConvTranspose2d` compute it, plus an
    optional per-channel `bias`. The filter has the PyTorch/ONNX layout, input
    channels first.

    Shapes, with `G = groups`:

    - `input`: `[N, C, H, W]`
    - `filter`: `[C, F/G, KH, KW]`
    - `bias` (optional): `[F]`
    - `output`: `[N, F, OH, OW]` with `F = G * filter dimension 1`

    `C` must be divisible by `G`. Input channel `g * (C/G) + c` scatters into
    the `F/G` output channels of group `g`. With `padding = [top, left,
    bottom, right]` (ONNX order), `strides = [sh, sw]` and
    `dilations = [dh, dw]`, every input element contributes

    ```
    output[n, g * (F/G) + f, h * sh + kh * dh - top, w * sw + kw * dw - left]
        += input[n, g * (C/G) + c, h, w] * filter[g * (C/G) + c, f, kh, kw]
    ```

    for `c in [0, C/G)`, `f in [0, F/G)`, `kh in [0, KH)`, `kw in [0, KW)`;
    contributions that land outside the output are dropped (the padding
    crops the full result). Every output element starts at `bias[f]` (0
    without a bias). The output size is

    ```
    OH = (H - 1) * sh - top - bottom + dh * (KH - 1) + output_padding[0] + 1
    OW = (W - 1) * sw - left - right + dw * (KW - 1) + output_padding[1] + 1
    ```

    and must be at least 1. `output_padding` only enlarges the output at the
    bottom and right, to choose among the input sizes that a strided
    `kiln.conv2d` maps to the same output size; as in PyTorch each of its
    elements must be smaller than the stride or the dilation of its
    dimension.

    Attributes: `strides` (2 values, each >= 1, default `[1, 1]`), `dilations`
    (2 values, each >= 1, default `[1, 1]`), `padding` (4 values
    `[top, left, bottom, right]`, each >= 0, default zeros), `output_padding`
    (2 values, each >= 0, default zeros), `groups` (>= 1, default 1). All
    operands and the result have the same element type.

    Example (2x upsampling):

    ```mlir
    %0 = kiln.conv_transpose2d %x, %w, %b {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
        : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
    ```
  }];
  let arguments = (ins
    Kiln_FloatTensor:$input,
    Kiln_FloatTensor:$filter,
    Optional<Kiln_FloatTensor>:$bias,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$output_padding,
    DefaultValuedAttr<I64Attr, "1">:$groups
  );
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

def Kiln_MatMulOp : Kiln_InferOp<"matmul"> {
  let summary = "matrix product with numpy semantics (batched, broadcasting)";
  let description = [{
    The matrix product of `numpy.matmul` and ONNX `MatMul`. Both operands
    have rank at least 1.

    - A 1-D `lhs` of shape `[K]` is treated as `[1, K]`, and the added
      dimension is removed from the result.
    - A 1-D `rhs` of shape `[K]` is treated as `[K, 1]`, and the added
      dimension is removed from the result.
    - After that, `lhs` is `[..., M, K]` and `rhs` is `[..., K, N]`; the
      leading (batch) dimensions broadcast as in numpy (aligned on the
      trailing side, sizes equal or 1), and the contraction sizes `K` must be
      equal.

    ```
    output[b..., m, n] = sum over k in [0, K) of lhs[b..., m, k] * rhs[b..., k, n]
    ```

    where `b...` indexes the broadcast batch dimensions (an operand with size
    1 or no such dimension is read at index 0). The result shape is the
    broadcast batch shape followed by `[M, N]`, without `M` for a 1-D `lhs`
    and without `N` for a 1-D `rhs` (two 1-D operands give a 0-D result).
    Both operands and the result have the same element type.

    Canonicalization: a product by a constant `[K, N]` matrix whose result
    (or whose sum with a constant that varies along the last dimension
    only, a bias) is only read by slices of column ranges (the fused Q, K, V
    projection of `nn.MultiheadAttention`) becomes one product per slice, by
    those columns of the matrix (and of the bias), sliced at compile time.

    ```mlir
    %0 = kiln.matmul %q, %k : (tensor<2x8x128x64xf32>, tensor<2x8x64x128xf32>) -> tensor<2x8x128x128xf32>
    %1 = kiln.matmul %x, %w : (tensor<4x16x512xf32>, tensor<512x1024xf32>) -> tensor<4x16x1024xf32>
    %2 = kiln.matmul %v, %w : (tensor<512xf32>, tensor<512x1024xf32>) -> tensor<1024xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$lhs, Kiln_NumericTensor:$rhs);
  let results = (outs Kiln_NumericTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasCanonicalizer = 1;
}

def Kiln_GemmOp : Kiln_InferOp<"gemm"> {
  let summary = "general matrix multiplication with scaling and addend (ONNX Gemm)";
  let description = [{
    Computes, as ONNX `Gemm`,

    ```
    output = alpha * A' * B' + beta * C
    output[m, n] = alpha * (sum over k in [0, K) of A'[m, k] * B'[k, n]) + beta * C'[m, n]
    ```

    where `A' = trans_a ? transpose(a) : a` has shape `[M, K]`,
    `B' = trans_b ? transpose(b) : b` has shape `[K, N]`, and `C'` is the
    optional `c` broadcast to `[M, N]`. `a` and `b` are 2-D; `c` must
    broadcast to `[M, N]` in one direction (numpy rules: aligned on the
    trailing side, each of its sizes equal or 1, rank at most 2, e.g. `[N]`,
    `[M, 1]`, `[1]` or a scalar `[]`). Without `c` the `beta` term is absent.
    The result is `[M, N]`. All operands and the result have the same element
    type.

    Attributes: `alpha` (f32, default 1.0), `beta` (f32, default 1.0),
    `trans_a`, `trans_b` (bool, default false).

    Example (a fully connected layer with a PyTorch `[out, in]` weight):

    ```mlir
    %0 = kiln.gemm %x, %w, %b {trans_b = true}
        : (tensor<8x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<8x1000xf32>
    ```
  }];
  let arguments = (ins
    Kiln_NumericTensor:$a,
    Kiln_NumericTensor:$b,
    Optional<Kiln_NumericTensor>:$c,
    DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
    DefaultValuedAttr<F32Attr, "1.0f">:$beta,
    DefaultValuedAttr<BoolAttr, "false">:$trans_a,
    DefaultValuedAttr<BoolAttr, "false">:$trans_b
  );
  let results = (outs Kiln_NumericTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD
