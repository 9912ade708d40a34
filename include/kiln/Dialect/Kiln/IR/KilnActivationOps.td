//===- KilnActivationOps.td - Activation functions -------*- tablegen -*-===//
//
// Pointwise activation functions of CNNs and transformers. Every one keeps
// the shape and element type of its input.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

/// A floating-point activation `output = f(input)` with optional parameters.
class Kiln_ActivationOp<string mnemonic, string math, dag params = (ins),
                        list<Trait> traits = []>
    : Kiln_Op<mnemonic, !listconcat(traits,
                                    [SameOperandsAndResultType,
                                     InferTypeOpInterface])> {
  let summary = mnemonic # " activation";
  let description = [{
    Computes, elementwise:

    ```
    }] # math # [{
    ```

    The result has the type of the input.

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %x : tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = !con((ins Kiln_FloatTensor:$input), params);
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Kiln_ReluOp : Kiln_ActivationOp<"relu", "output = max(input, 0)"> {
  let hasFolder = 1;
}

def Kiln_ClipOp : Kiln_ActivationOp<"clip",
    "output = min(max(input, min), max)   (a missing bound is no bound)",
    (ins OptionalAttr<F64Attr>:$min, OptionalAttr<F64Attr>:$max)> {
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_LeakyReluOp : Kiln_ActivationOp<"leaky_relu",
    "output = input >= 0 ? input : alpha * input",
    (ins DefaultValuedAttr<F64Attr, "0.01">:$alpha)>;

def Kiln_EluOp : Kiln_ActivationOp<"elu",
    "output = input >= 0 ? input : alpha * (exp(input) - 1)",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)>;

def Kiln_SeluOp : Kiln_ActivationOp<"selu",
    "output = gamma * (input > 0 ? input : alpha * (exp(input) - 1))",
    (ins DefaultValuedAttr<F64Attr, "1.6732632423543772">:$alpha,
         DefaultValuedAttr<F64Attr, "1.0507009873554805">:$gamma)>;

def Kiln_SigmoidOp : Kiln_ActivationOp<"sigmoid",
    "output = 1 / (1 + exp(-input))">;

def Kiln_HardSigmoidOp : Kiln_ActivationOp<"hard_sigmoid",
    "output = max(0, min(1, alpha * input + beta))",
    (ins DefaultValuedAttr<F64Attr, "0.2">:$alpha,
         DefaultValuedAttr<F64Attr, "0.5">:$beta)>;

def Kiln_HardSwishOp : Kiln_ActivationOp<"hard_swish",
    "output = input * max(0, min(1, input / 6 + 1/2))">;

def Kiln_SiluOp : Kiln_ActivationOp<"silu",
    "output = input * sigmoid(input)   (also called swish)">;

def Kiln_GeluOp : Kiln_ActivationOp<"gelu", [{
    approximation = none: output = input / 2 * (1 + erf(input / sqrt(2)))
    approximation = tanh: output = input / 2 * (1 + tanh(sqrt(2 / pi) * (input + 0.044715 * input^3)))
    }],
    (ins DefaultValuedAttr<Kiln_GeluApproximationAttr,
                           "::mlir::kiln::GeluApproximation::None">:$approximation)>;

def Kiln_SoftplusOp : Kiln_ActivationOp<"softplus",
    "output = log(1 + exp(input))">;

def Kiln_PReluOp : Kiln_InferOp<"prelu", [
    AllElementTypesMatch<["input", "slope", "output"]>]> {
  let summary = "parametric leaky relu with a learned slope";
  let description = [{
    Computes `output = input >= 0 ? input : slope * input` elementwise, where
    `slope` broadcasts to the input's shape in one direction (numpy rules, the
    result always has the input's shape). The usual per-channel slope of an
    NCHW activation has shape `[C, 1, 1]`.

    ```mlir
    %0 = kiln.prelu %x, %slope
        : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$slope);
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $slope attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_TD
