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
    is left for `convert-math-to-libm`, and so are `math.sin` and
    `math.cos`, whose upstream approximation is not accurate at the large
    angles of rotary position embeddings.

    Input invariant: any IR. Output IR: the functions above are gone for f32.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def CopiesToLoops : Pass<"kiln-copies-to-loops"> {
  let summary = "Turn memref.copy into linalg.copy so it becomes loops";
  let description = [{
    Bufferization copies buffers with `memref.copy`. Between contiguous
    buffers the LLVM lowering turns it into `memcpy`, but a copy into or out
    of a strided view (a padded interior, a slice) becomes a call to the
    `memrefCopy` function of MLIR's C runner library, which a compiled model
    must not depend on. This pass rewrites every `memref.copy` between
    memrefs of equal static shape into `linalg.copy`, which
    `convert-linalg-to-loops` (or vectorization) turns into loops; LLVM still
    recognises the contiguous ones as `memcpy`.

    Input invariant: bufferized IR. Output IR: no `memref.copy` of static
    shape is left.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def DistinctResults : Pass<"kiln-distinct-results", "::mlir::func::FuncOp"> {
  let summary = "Give every returned tensor its own value";
  let description = [{
    A model may return the same tensor twice (two outputs that are the same
    computation, often only after CSE). Each output is written into its own
    caller buffer, so before bufferization every repeated `func.return`
    operand after the first becomes a `linalg.copy` of it into a new tensor.

    Input invariant: functions on tensors. Output IR: no value appears twice
    among the operands of a `func.return`.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def FlattenLLVMGlobals : Pass<"kiln-flatten-llvm-globals", "::mlir::ModuleOp"> {
  let summary = "Give constant LLVM globals of nested array type a flat array type";
  let description = [{
    `finalize-memref-to-llvm` gives the global of a constant memref of shape
    64x64x1x1 the type `!llvm.array<64 x array<64 x array<1 x array<1 x
    f32>>>>`. The translation to LLVM IR builds one LLVM constant per
    innermost array (here one per weight) and uniques each one: a model
    with 25 M weights (ResNet-50) took more than 5 minutes and 4 GB to
    translate. This pass gives every `llvm.mlir.global` whose type is a
    nested array and whose value is a dense or dense-resource elements
    attribute the flat type `!llvm.array<N x elt>` and reshapes its value
    to `tensor<Nxelt>` (the blob is shared, not copied), so that the
    translation emits one constant per global. Accesses are unaffected: with
    opaque pointers, `llvm.mlir.addressof` gives a `!llvm.ptr` and every
    `getelementptr`, load and store names its own element type.

    Input invariant: the LLVM dialect. Output IR: no global with an elements
    value has a nested array type.
  }];
}

def FuseElementwise : Pass<"kiln-fuse-elementwise"> {
  let summary = "Fuse elementwise linalg producers into their consumers";
  let description = [{
    Fuses a `linalg.generic` (or named elementwise op) on tensors into the
    `linalg.generic` that consumes it, as upstream
    `linalg-fuse-elementwise-ops` does, with two rules: the producer has no
    other user (nothing is computed twice), and the consumer has no
    reduction loop. A producer fused into a reduction is recomputed for every
    reduced element: rotating Q or K inside Q.K^T recomputes the rotation for
    every multiply-add (measured 5x slower on an attention with RoPE), and a
    sigmoid fused into a matmul would run once per multiply.

    Input invariant: linalg on tensors. Output IR: fewer generic ops, each
    reduction reading materialized operands.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // KILN_CODEGEN_PASSES_TD
