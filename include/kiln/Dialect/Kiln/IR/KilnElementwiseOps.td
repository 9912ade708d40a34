//===- KilnElementwiseOps.td - Elementwise kiln ops -------*- tablegen -*-===//
//
// Binary arithmetic with numpy broadcasting, comparisons, selection, unary
// math functions and casts.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD
#define KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// Broadcasting binary operations
//===----------------------------------------------------------------------===//

/// `out = f(lhs, rhs)` with numpy broadcasting: shapes are aligned on their
/// trailing dimensions and every pair of sizes must be equal or contain a 1.
class Kiln_BroadcastBinaryOp<string mnemonic, string math,
                             list<Trait> traits = []>
    : Kiln_InferOp<mnemonic, !listconcat(traits, [
          AllElementTypesMatch<["lhs", "rhs", "output"]>])> {
  let summary = "elementwise " # math # " with broadcasting";
  let description = [{
    Computes `output = }] # math # [{` elementwise. The operand shapes
    broadcast as in numpy: they are aligned on their trailing dimensions, a
    missing leading dimension counts as 1, and each pair of sizes must be equal
    or contain a 1. Both operands have the element type of the result.

    Example:

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$lhs, Kiln_NumericTensor:$rhs);
  let results = (outs Kiln_NumericTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_AddOp : Kiln_BroadcastBinaryOp<"add", "lhs + rhs", [Commutative]>;
def Kiln_SubOp : Kiln_BroadcastBinaryOp<"sub", "lhs - rhs">;
def Kiln_MulOp : Kiln_BroadcastBinaryOp<"mul", "lhs * rhs", [Commutative]>;
def Kiln_DivOp : Kiln_BroadcastBinaryOp<"div", "lhs / rhs">;
def Kiln_PowOp : Kiln_BroadcastBinaryOp<"pow", "pow(lhs, rhs)">;
def Kiln_MaxOp : Kiln_BroadcastBinaryOp<"max", "max(lhs, rhs)", [Commutative]>;
def Kiln_MinOp : Kiln_BroadcastBinaryOp<"min", "min(lhs, rhs)", [Commutative]>;

def Kiln_EqualOp : Kiln_InferOp<"equal", [Commutative,
    AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = "elementwise equality with broadcasting";
  let description = [{
    Computes `output[i] = (lhs[i] == rhs[i])` as an `i1` tensor, with numpy
    broadcasting of the operand shapes (see `kiln.add`).

    ```mlir
    %0 = kiln.equal %a, %b : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs);
  let results = (outs Kiln_BoolTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_WhereOp : Kiln_InferOp<"where", [
    AllElementTypesMatch<["on_true", "on_false", "output"]>]> {
  let summary = "elementwise selection with broadcasting";
  let description = [{
    Computes `output[i] = condition[i] ? on_true[i] : on_false[i]`, with numpy
    broadcasting of all three operand shapes (see `kiln.add`).

    ```mlir
    %0 = kiln.where %c, %x, %y
        : (tensor<4x1xi1>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Kiln_BoolTensor:$condition, Kiln_Tensor:$on_true,
                       Kiln_Tensor:$on_false);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$condition `,` $on_true `,` $on_false attr-dict `:` "
                       "functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unary operations
//===----------------------------------------------------------------------===//

/// `out = f(input)` elementwise; the result has the operand's type.
class Kiln_UnaryOp<string mnemonic, string math, Type tensorType,
                   list<Trait> traits = []>
    : Kiln_Op<mnemonic, !listconcat(traits,
                                    [SameOperandsAndResultType,
                                     InferTypeOpInterface])> {
  let summary = "elementwise " # math;
  let description = [{
    Computes `output = }] # math # [{` elementwise. The result has the type
    of the operand.

    ```mlir
    %0 = kiln.}] # mnemonic # [{ %x : tensor<1x8x16x16xf32>
    ```
  }];
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Kiln_NegOp : Kiln_UnaryOp<"neg", "-input", Kiln_NumericTensor> {
  let hasFolder = 1;
}
def Kiln_AbsOp : Kiln_UnaryOp<"abs", "|input|", Kiln_NumericTensor> {
  let hasFolder = 1;
}
def Kiln_ExpOp : Kiln_UnaryOp<"exp", "exp(input)", Kiln_FloatTensor>;
def Kiln_LogOp : Kiln_UnaryOp<"log", "log(input)", Kiln_FloatTensor>;
def Kiln_SqrtOp : Kiln_UnaryOp<"sqrt", "sqrt(input)", Kiln_FloatTensor>;
def Kiln_TanhOp : Kiln_UnaryOp<"tanh", "tanh(input)", Kiln_FloatTensor>;
def Kiln_ErfOp : Kiln_UnaryOp<"erf", "erf(input)", Kiln_FloatTensor>;
def Kiln_SinOp : Kiln_UnaryOp<"sin", "sin(input)", Kiln_FloatTensor>;
def Kiln_CosOp : Kiln_UnaryOp<"cos", "cos(input)", Kiln_FloatTensor>;

def Kiln_CastOp : Kiln_Op<"cast", [SameOperandsAndResultShape]> {
  let summary = "elementwise conversion to another element type";
  let description = [{
    Converts every element to the result's element type, with ONNX `Cast`
    semantics: float to integer truncates toward zero, integer to float rounds
    to nearest, any value to `i1` is `value != 0`, `i1` to a number is 0 or 1.
    Integers are treated as signed.

    ```mlir
    %0 = kiln.cast %x : tensor<2x3xf32> to tensor<2x3xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($output)";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::mlir::Type":$elementType)>
  ];
  let hasFolder = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD
