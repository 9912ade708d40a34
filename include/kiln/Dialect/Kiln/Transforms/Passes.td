//===- Passes.td - Graph rewrites of the kiln dialect ----*- tablegen -*-===//

#ifndef KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
#define KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FoldBatchNorm : Pass<"kiln-fold-batch-norm", "::mlir::func::FuncOp"> {
  let summary = "Fold inference batch norms into the convolution before them";
  let description = [{
    A `kiln.batch_norm` whose input is a `kiln.conv2d` used nowhere else, and
    whose filter, bias (if any) and batch-norm parameters are all constants,
    is folded into the convolution: with
    `s[f] = scale[f] / sqrt(variance[f] + epsilon)`,

    ```
    filter'[f, c, i, j] = filter[f, c, i, j] * s[f]
    bias'[f]            = (bias[f] - mean[f]) * s[f] + beta[f]
    ```

    The new weights are computed in double precision and rounded once to the
    element type; large f32 tensors become `dense_resource` blobs.

    ```mlir
    %c = kiln.conv2d %x, %w : (...) -> tensor<1x16x8x8xf32>
    %y = kiln.batch_norm %c, %scale, %beta, %mean, %var : (...) -> ...
    ```
    becomes
    ```mlir
    %y = kiln.conv2d %x, %w2, %b2 : (...) -> tensor<1x16x8x8xf32>
    ```

    Input invariant: verified kiln IR. Output IR: the same computation with
    fewer ops; batch norms that cannot be folded are left unchanged.
  }];
}

#endif // KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
