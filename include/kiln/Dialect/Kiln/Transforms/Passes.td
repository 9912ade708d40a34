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

def RecognizePatterns
    : Pass<"kiln-recognize-patterns", "::mlir::func::FuncOp"> {
  let summary = "Recognize decomposed activations, layer norms and shuffles";
  let description = [{
    Exporters (PyTorch to ONNX in particular) write several operations as
    chains of elementwise ops and reshapes, which the ONNX importer maps one
    to one onto kiln ops. This pass rewrites each chain that computes exactly
    one kiln op into that op:

    | chain (any operand order of `add` / `mul`)                   | becomes |
    | ------------------------------------------------------------ | ------- |
    | `x * sigmoid(x)`                                             | `kiln.silu` |
    | `x * hard_sigmoid(x) {alpha = 1/6, beta = 1/2}`, `x * clip(x + 3, 0, 6) / 6`, `x * clip(x + 3, 0, 6) * (1/6)` | `kiln.hard_swish` |
    | `clip(x + 3, 0, 6) / 6`, `clip(x + 3, 0, 6) * (1/6)`         | `kiln.hard_sigmoid {alpha = 1/6, beta = 0.5}` |
    | `x * (1 + erf(x / sqrt(2))) * 0.5` and its reorderings, `x * sqrt(1/2)` inside `erf`, `/ 2` for `* 0.5` | `kiln.gelu` |
    | `x * 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))`, cube as `pow(x, 3)`, `x * x * x` or `x * pow(x, 2)` | `kiln.gelu {approximation = tanh}` |
    | `d = x - mean(x)`, `d / sqrt(mean(d^2) + eps)` (`pow(d, 2)` or `d * d`, `+ eps` optional), means over the trailing axes with `keep_dims`, then optionally `* gamma` and `+ beta` | `kiln.layer_norm {axis, epsilon} scale gamma bias beta` |
    | `reshape [N, C, S..] -> [N, g, C/g, S..]`, `transpose [0, 2, 1, 3, ..]`, `reshape -> [N, C, S..]` | `kiln.channel_shuffle {groups = g}` |
    | `reshape -> [N, C, r, r, H, W]`, `transpose [0, 1, 4, 2, 5, 3]`, `reshape -> [N, C, H r, W r]` | `kiln.pixel_shuffle` (crd) |
    | `reshape -> [N, r, r, C, H, W]`, `transpose [0, 3, 4, 1, 5, 2]`, `reshape -> [N, C, H r, W r]` | `kiln.pixel_shuffle` (dcr) |
    | `reshape -> [N, C, H, r, W, r]`, `transpose [0, 1, 3, 5, 2, 4]` / `[0, 3, 5, 1, 2, 4]`, `reshape -> [N, C r r, H, W]` | `kiln.pixel_unshuffle` (crd / dcr) |

    A chain is rewritten only when it is exactly the op:

    - every constant is a splat whose value, in the tensor's element type,
      equals the op's constant rounded to that type (`1.4142135` for
      `sqrt(2)` in f32; `0.1666666` does not stand for 1/6);
    - no value inside the chain is used outside it, so nothing is computed
      twice (the input `x` may have any number of uses);
    - no operand is broadcast to a larger shape, except the splat constants
      and a layer norm's `gamma` / `beta`, which must broadcast to the
      normalized trailing dimensions (leading 1s are reshaped away);
    - shapes and permutations match the op's definition exactly.

    Squeeze-excitation blocks have no op of their own: code generation
    recognizes `mul(x, gate(conv2d(act(conv2d(global_avg_pool(x))))))`
    with 1x1 filters, `gate` a sigmoid or hard sigmoid and the gate broadcast
    over the spatial dimensions. This pass brings the exported forms to that
    shape: `reduce_mean(x, axes = [2, 3])` of an NCHW tensor becomes
    `global_avg_pool(x)`, the gated tensor becomes the first operand of the
    `mul`, an `expand` of the gate before the `mul` is dropped, and the
    decomposed gates and activations become their ops (above).

    Run it after canonicalization and CSE: the matchers expect the duplicate
    subtractions of a hand-written layer norm merged into one value.

    ```mlir
    %c3 = kiln.constant dense<3.0> : tensor<f32>
    %c6 = kiln.constant dense<6.0> : tensor<f32>
    %a = kiln.add %x, %c3 : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
    %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x16x8x8xf32>
    %m = kiln.mul %x, %r : (tensor<1x16x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
    %y = kiln.div %m, %c6 : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
    ```
    becomes
    ```mlir
    %y = kiln.hard_swish %x : tensor<1x16x8x8xf32>
    ```

    Input invariant: verified kiln IR. Output IR: the same computation; the
    recognized chains are single ops, everything else is unchanged (the
    replaced ops are erased once dead).
  }];
}

#endif // KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
