//===- Passes.td - Kiln conversion passes ----------------*- tablegen -*-===//

#ifndef KILN_CONVERSION_PASSES_TD
#define KILN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertKilnToLinalg : Pass<"convert-kiln-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower kiln ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every kiln op into upstream ops on tensors (value semantics are
    kept): elementwise ops and activations become `linalg.generic` ops whose
    indexing maps express numpy broadcasting; `kiln.constant` becomes
    `arith.constant`.
    Shuffle: `kiln.channel_shuffle`, `kiln.pixel_shuffle` and `kiln.pixel_unshuffle` become one `linalg.transpose` between `tensor.expand_shape` and `tensor.collapse_shape`; `kiln.resize` becomes one `linalg.generic` over the output (one in-range tap per element, e.g. most nearest resizes: an affine `floordiv` input map; else exact source coordinates from `linalg.index`, clamped taps read with `tensor.extract` and weighted in f32).

    Input invariant: verified kiln IR with static shapes.
    Output IR: no kiln op is left; an op without a lowering is reported as
    "failed to legalize operation" and the pass fails.

    ```mlir
    %0 = kiln.relu %x : tensor<4xf32>
    ```
    becomes
    ```mlir
    %e = tensor.empty() : tensor<4xf32>
    %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %zero = arith.constant 0.0 : f32
      %r = arith.maximumf %in, %zero : f32
      linalg.yield %r : f32
    } -> tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // KILN_CONVERSION_PASSES_TD
