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
    Pool: `tensor.pad` + `linalg.pooling_nchw_max`/`_sum` (avg: / counts); reductions: `linalg.reduce`.
    Norm: `linalg.generic` reductions (f32 accumulation) into per-row/per-channel statistics, then one elementwise `linalg.generic`.
    Attention: `kiln.rope` becomes one `linalg.generic` (partner feature and cos/sin tables read with `tensor.extract`); `kiln.attention` becomes rope, a Q.K^T contraction generic (GQA head and layout in the indexing maps), scale/mask/causal, a max-subtracted softmax (`linalg.reduce`, fully masked rows give 0) and a P.V contraction generic, in f32 for f16/bf16.
    Tensor plumbing: reshapes become `tensor.collapse_shape`/`expand_shape`,
    transpose `linalg.transpose`, expand/slice/split/gather/reflect and edge
    pads `linalg.generic`, concat and constant pads `linalg.copy` into
    `tensor.insert_slice` windows (nothing that needs `memrefCopy`).

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
