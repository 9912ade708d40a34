//===- Passes.td - Kiln code generation passes -----------*- tablegen -*-===//
//
// Passes that run on upstream dialects while a kiln program is turned into
// machine code.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_PASSES_TD
#define KILN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ApproximateMath : Pass<"kiln-approximate-math"> {
  let summary = "Replace math functions by polynomial approximations";
  let description = [{
    Rewrites `math.exp`, `math.expm1`, `math.log`, `math.log1p`, `math.tanh`,
    `math.erf` and friends on f32 (scalars and vectors) into arithmetic with
    polynomial approximations accurate to a few ulp, so that they vectorize
    and the generated code calls no libm function for them. Math on other
    element types is first computed in f32. What remains (`math.powf`, ...)
    is left for `convert-math-to-libm`.

    Input invariant: any IR. Output IR: the functions above are gone for f32.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // KILN_CODEGEN_PASSES_TD
