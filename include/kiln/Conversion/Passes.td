//===- Passes.td - Kiln conversion passes ----------------*- tablegen -*-===//

#ifndef KILN_CONVERSION_PASSES_TD
#define KILN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertKilnToLinalg : Pass<"convert-kiln-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower kiln ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every kiln op into upstream ops on tensors (value semantics are
    kept), one pattern set per op family:

    - elementwise ops and activations: one `linalg.generic` each, whose
      indexing maps express numpy broadcasting; `kiln.constant` becomes
      `arith.constant`;
    - contraction: zero `tensor.pad` (when padded) + the linalg convolution
      named ops (`conv_2d_nchw_fchw`, `depthwise_conv_2d_nchw_chw`,
      `conv_2d_ngchw_gfchw`) into a bias-initialized output; transposed
      convolution as one stride-1 convolution per stride phase (no zeros
      inserted); `linalg.matmul` / `linalg.batch_matmul`;
    - normalization: `linalg.generic` reductions (f32 accumulation for
      16-bit floats) into per-row or per-channel statistics, then one
      elementwise `linalg.generic`;
    - pooling: `tensor.pad` + `linalg.pooling_nchw_max` / `_sum` (average:
      divided by the per-position window counts); reductions:
      `linalg.reduce`;
    - attention: `kiln.rope` is one `linalg.generic`; `kiln.attention` is
      rope, a Q.K^T contraction (grouped heads and layout in the indexing
      maps), scale, mask and causal mask, a max-subtracted softmax (fully
      masked rows give 0) and a P.V contraction;
    - tensor plumbing: reshapes become `tensor.collapse_shape` /
      `expand_shape`, transpose `linalg.transpose`, expand, slice, split,
      gather and reflect/edge pads `linalg.generic`, concat and constant pads
      `linalg.copy` into `tensor.insert_slice` windows;
    - shuffles: `kiln.channel_shuffle`, `kiln.pixel_shuffle` and
      `kiln.pixel_unshuffle` are one `linalg.transpose` between
      `tensor.expand_shape` and `tensor.collapse_shape`; `kiln.resize` is one
      `linalg.generic` over the output (an affine input map where each output
      reads one input element, otherwise source coordinates from
      `linalg.index` with clamped taps weighted in f32).

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
