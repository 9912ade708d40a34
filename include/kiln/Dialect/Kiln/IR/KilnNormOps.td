//===- KilnNormOps.td - Normalizations and softmax -*- tablegen -*-===//
//
// Batch normalization (inference form), layer normalization, softmax and log-softmax.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNNORMOPS_TD
#define KILN_DIALECT_KILN_IR_KILNNORMOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// kiln.batch_norm
//===----------------------------------------------------------------------===//

def Kiln_BatchNormOp : Kiln_InferOp<"batch_norm"> {
  let summary = "batch normalization with running statistics (inference form)";
  let description = [{
    Normalizes every channel of `input` with fixed statistics, as ONNX
    `BatchNormalization` with `training_mode = 0`. The input has shape
    `[N, C, D1, ..., Dk]` (rank at least 2, channels in dimension 1); `scale`,
    `bias`, `mean` and `variance` are 1-D tensors of size `C`:

    ```
    output[n, c, d1, ..., dk] = (input[n, c, d1, ..., dk] - mean[c])
                                / sqrt(variance[c] + epsilon)
                                * scale[c] + bias[c]
    ```

    `epsilon` (default `1e-5`) must be non-negative. All operands have the
    same floating-point element type, and the result has the type of the
    input. Folding the op into
    a preceding convolution is the job of a later pass.

    ```mlir
    %0 = kiln.batch_norm %x, %scale, %bias, %mean, %var {epsilon = 1.0e-03 : f64}
        : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
           tensor<16xf32>) -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$scale,
                       Kiln_FloatTensor:$bias, Kiln_FloatTensor:$mean,
                       Kiln_FloatTensor:$variance,
                       DefaultValuedAttr<F64Attr, "1e-5">:$epsilon);
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = "$input `,` $scale `,` $bias `,` $mean `,` $variance "
                       "attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// kiln.layer_norm
//===----------------------------------------------------------------------===//

def Kiln_LayerNormOp : Kiln_InferOp<"layer_norm", [AttrSizedOperandSegments]> {
  let summary = "layer normalization over the trailing dimensions";
  let description = [{
    Normalizes `input` (rank `r`) over its dimensions `a, ..., r - 1`, where
    `a` is `axis` (default -1, the last dimension), or `axis + r` when `axis`
    is negative (`-r <= axis < r`).
    Writing an input index as `[o, i]` with `o` the outer index (dimensions
    `0 .. a-1`) and `i` the normalized index (dimensions `a .. r-1`), and
    `M = input.shape[a] * ... * input.shape[r-1]`:

    ```
    mean[o]      = 1/M * sum_i input[o, i]
    var[o]       = 1/M * sum_i (input[o, i] - mean[o])^2      (biased variance)
    output[o, i] = (input[o, i] - mean[o]) / sqrt(var[o] + epsilon)
                   * scale[i] + bias[i]
    ```

    `scale` and `bias` are optional (an absent `scale` is 1, an absent `bias`
    is 0) and each may be given without the other, after the keywords `scale`
    and `bias`. Each must broadcast (numpy rules, one direction) to the
    normalized shape `input.shape[a:]`, so it has at most `r - a` dimensions.
    `epsilon` (default `1e-5`) must be non-negative. All operands have the
    same floating-point element type, and the result has the type of the
    input. Canonicalization rewrites a negative `axis` to the equivalent
    non-negative one.

    ```mlir
    %0 = kiln.layer_norm %x scale %gamma bias %beta {axis = 2 : i64}
        : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>)
        -> tensor<2x128x768xf32>
    %1 = kiln.layer_norm %x bias %beta
        : (tensor<2x128x768xf32>, tensor<768xf32>) -> tensor<2x128x768xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input,
                       Optional<Kiln_FloatTensor>:$scale,
                       Optional<Kiln_FloatTensor>:$bias,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F64Attr, "1e-5">:$epsilon);
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = "$input (`scale` $scale^)? (`bias` $bias^)? attr-dict "
                       "`:` functional-type(operands, results)";
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// kiln.softmax / kiln.log_softmax
//===----------------------------------------------------------------------===//

/// A softmax-like op along one axis; the result has the input's type.
class Kiln_SoftmaxLikeOp<string mnemonic, string what, string math>
    : Kiln_InferOp<mnemonic> {
  let summary = what # " along one axis";
  let description = [{
    Computes the }] # what # [{ of `input` (rank `r`) along the single
    dimension `a`, where `a` is `axis` (default -1, the last dimension), or
    `axis + r` when `axis` is negative (`-r <= axis < r`), with ONNX opset-13
    semantics. Writing an index as
    `[..., k, ...]` with `k` in dimension `a`, and `m = max_j input[..., j, ...]`
    over the same slice:

    ```
    }] # math # [{
    ```

    The result has the type of the input. Canonicalization rewrites a negative
    `axis` to the equivalent non-negative one.

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %x {axis = 1 : i64} : tensor<2x10xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasCanonicalizer = 1;
}

def Kiln_SoftmaxOp : Kiln_SoftmaxLikeOp<"softmax", "softmax",
    "output[..., k, ...] = exp(input[..., k, ...] - m) / sum_j exp(input[..., j, ...] - m)">;

def Kiln_LogSoftmaxOp : Kiln_SoftmaxLikeOp<"log_softmax", "logarithm of the softmax",
    "output[..., k, ...] = input[..., k, ...] - m - log(sum_j exp(input[..., j, ...] - m))">;

#endif // KILN_DIALECT_KILN_IR_KILNNORMOPS_TD
