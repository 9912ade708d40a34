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

def FoldGates : Pass<"kiln-fold-gates", "::mlir::func::FuncOp"> {
  let summary = "Fold per-channel scales of a convolution's input into its filter";
  let description = [{
    A convolution whose input is a tensor scaled channel by channel, such as
    the output of a squeeze-excitation block,

    ```
    y = mul(x, g)            x [1, C, H, W], g [1, C, 1, 1] (or [C, 1, 1])
    z = conv2d(y, W, b)      W [F, C, KH, KW], groups = 1
    ```

    computes the same as `conv2d(x, W * g, b)` with `W * g` the filter scaled
    along its input channels (`W'[f, c, i, j] = W[f, c, i, j] * g[c]`; the
    zero padding stays zero). The rewrite is made when `y` has no other user
    and scaling the filter moves fewer elements than scaling the input
    (`F * KH * KW < H * W`), or `g` is a constant (the product is then folded
    now); the multiply of the whole input, a pass over memory, then becomes
    one over the (smaller) filter. Batches of more than one image are left
    alone unless `g` is the same for all of them, as are grouped
    convolutions.

    ```mlir
    %y = kiln.mul %x, %g : (tensor<1x96x56x56xf32>, tensor<1x96x1x1xf32>) -> tensor<1x96x56x56xf32>
    %z = kiln.conv2d %y, %w, %b : (...) -> tensor<1x24x56x56xf32>
    ```
    becomes
    ```mlir
    %w2 = kiln.mul %w, %g : (tensor<24x96x1x1xf32>, tensor<1x96x1x1xf32>) -> tensor<24x96x1x1xf32>
    %z = kiln.conv2d %x, %w2, %b : (...) -> tensor<1x24x56x56xf32>
    ```

    Runs after kiln-fold-batch-norm and kiln-fold-shuffles, which need the
    filter constant. Input invariant: verified kiln IR. Output IR: the same
    computation.
  }];
}

def DeinterleaveStridedConvs : Pass<"kiln-deinterleave-strided-convs",
                                    "::mlir::func::FuncOp"> {
  let summary = "Split a convolution with strided columns into convolutions of unit column stride";
  let description = [{
    A convolution with column stride `s > 1` reads every `s`-th input column
    for each tap of its window; vectorized along output columns, each such
    read is a read of `s` times as many elements and a shuffle, for every tap
    and input channel (ResNet-50's three 3x3 stride-2 layers ran at about half
    the speed of the unit-stride ones on the CPU). The columns of the
    (padded) input are split into their `s` phases instead, each phase is
    copied once, and the taps of the window are split with them:

    ```
    conv2d(x, W, b, strides [sh, s], padding p)
      = sum over q < min(s, KW) of
        conv2d(slice(pad(x, p), columns q, q + s, ...), W[:, :, :, q::s],
               b for q = 0 only, strides [sh, 1])
    ```

    Every phase convolution reads consecutive columns (its rows keep their
    stride `sh`, which costs nothing), and the `KW` taps are split without
    zeros, so no multiply-add is added; the copies are `1 / s` of the input
    each and the sums one pass over the output per extra phase (the first is
    fused into a convolution's epilogue). For f32 `kiln.conv2d` without
    groups, with a constant filter (split now), column dilation 1, a window
    of at least two columns and at least 64 multiply-adds per output
    (channels x window: below that, as in a 3x3 stem on 3 channels, the
    copies and the sums cost more than they save: MobileNetV2's stem took
    0.53 instead of 0.48 ms with 2 threads); a 1x1 strided convolution is a
    product of the subsampled input already.

    A CPU pass: `kiln-compile` runs it before the lowering to linalg for CPU
    targets (the GPU kernels read strided columns without shuffles).

    ```mlir
    %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
        : (tensor<1x8x14x14xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x7x7xf32>
    ```
    becomes
    ```mlir
    %p = kiln.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (...) -> tensor<1x8x16x16xf32>
    %e = kiln.slice %p {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 8, 16, 15>, steps = array<i64: 1, 1, 1, 2>}
        : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x8xf32>
    %a = kiln.conv2d %e, %w_even {strides = array<i64: 2, 1>} : (tensor<1x8x16x8xf32>, tensor<16x8x3x2xf32>) -> tensor<1x16x7x7xf32>
    %o = kiln.slice %p {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 8, 16, 14>, steps = array<i64: 1, 1, 1, 2>}
        : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x7xf32>
    %b = kiln.conv2d %o, %w_odd {strides = array<i64: 2, 1>} : (tensor<1x8x16x7xf32>, tensor<16x8x3x1xf32>) -> tensor<1x16x7x7xf32>
    %y = kiln.add %a, %b : (...) -> tensor<1x16x7x7xf32>
    ```

    With `channel-vector-bits` set (the CPU pipeline sets it to its vector
    width when kiln-conv-channel-vectors runs), the convolutions that
    kiln-conv-channel-vectors will compute along their output channels at
    that width are left strided: their tiles broadcast each input value
    from wherever it is, so strided columns cost nothing there, and the
    copies and sums would (3x3 stride 2, 128 -> 128 at 56x56: 3.35 ms split,
    2.53 ms not, 1 thread).
  }];
  let options = [
    Option<"channelVectorBits", "channel-vector-bits", "int64_t",
           /*default=*/"0",
           "Leave strided the convolutions that kiln-conv-channel-vectors "
           "computes along channels with vectors of this many bits (0: "
           "split every one)">,
    Option<"channelVectorMaxPanelKiB", "channel-vector-max-panel-kib",
           "int64_t", /*default=*/"256",
           "The largest filter panel (KiB) kiln-conv-channel-vectors takes, "
           "its max-panel-kib (the CPU pipeline passes the same value to "
           "both)">,
  ];
}

def FoldShuffles : Pass<"kiln-fold-shuffles", "::mlir::func::FuncOp"> {
  let summary = "Fold channel permutations into the ops around them";
  let description = [{
    Removes the copies that only permute channels. A *channel map* is a
    `kiln.channel_shuffle`, a `kiln.gather` on dimension 1 with constant 1-D
    indices, or a reshape -> transpose -> reshape that splits the channel
    dimension into factors, permutes only those and merges them again.
    Output channel `c` of a map reads channel `m[c]` of its source. The
    rewrites (all exact, weights permuted in double precision):

    - `conv2d(map(x), W)`, `groups = 1`, `m` a permutation, `W` constant:
      `conv2d(x, W')` with `W'[f, m[c]] = W[f, c]` (any kernel size).
    - `map2(map1(x))` is one map `m1[m2[c]]`; an identity map is removed.
    - A `kiln.slice` or `kiln.split` of a map that only cuts the channels
      is a map selecting those channels.
    - `map(concat(a, b, ...))` along the channels becomes a map of the
      concat of only the channel ranges of `a`, `b`, ... that it reads
      (nested channel concats flattened, channel slices looked through):
      the concatenation is the only copy left.
    - `concat(.., map(x), ..)` along the channels, `m` a permutation, is
      `map'(concat(.., x, ..))`, so that the map meets the next consumer.
    - `f(map(x))`, the map used only by `f`, `m` a permutation, `f` a unary
      elementwise op or activation, a batch norm with constant parameters,
      or a depthwise conv (one constant filter per channel): `map(f'(x))`
      with `f`'s per-channel parameters permuted. Likewise a binary
      elementwise op (add, sub, mul, div, pow, max, min) whose other operand
      is the same map of a tensor of the same type, or a constant (permuted
      along the channels when it varies along them).
    - `map(f(... f(conv2d(x, W, b))))`, each op used once, `f` as above
      (not a conv), the conv ungrouped with constant weights: the producer
      computes the selected output channels directly (rows of `W` and `b`,
      and `f`'s parameters, taken in the order `m`).

    Maps made by the rewrites are `kiln.gather` ops; those left over that
    equal a channel shuffle become `kiln.channel_shuffle` again.

    On torchvision's ShuffleNetV2 (`concat(x1, branch(x2))`, shuffle with
    2 groups, `chunk(2)` into the next unit) no shuffle is left: each half of
    the next unit's input is a concat of the halves of the two concat inputs
    that it reads, the permutation goes into the 1x1 conv that consumes it,
    and the half that passes through joins the next unit's concat directly
    (the lowering of a conv of a concat and of a concat of slices copies
    nothing more).

    ```mlir
    %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    %y = kiln.conv2d %s, %w : (tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x4x4xf32>
    ```
    becomes
    ```mlir
    %y = kiln.conv2d %x, %w2 : (tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x4x4xf32>
    ```

    Input invariant: verified kiln IR. Output IR: the same computation;
    maps that no neighbour absorbs stay where they are.
  }];
}

def RecognizeRope : Pass<"kiln-recognize-rope", "::mlir::func::FuncOp"> {
  let summary = "Recognize rotary position embeddings written with elementwise ops";
  let description = [{
    Replaces a rotary position embedding spelled out with multiplications,
    slices, negations and concatenations (as a PyTorch export writes it) by
    one `kiln.rope`. On a 4-D `x` with head dimension `D = 2n` (`[B, H, S, D]`
    or `[B, S, H, D]`):

    ```
    x * cos + rotate(x) * sin          (either term first; also
    x * cos - rotate(x) * sin           with the sign of rotate flipped)

    half pairing (rotate_half, GPT-NeoX, LLaMA):
      rotate(x) = concat(-x[..., n:], x[..., :n], axis = -1)
    interleaved pairing (RoFormer, GPT-J):
      rotate(x) = reshape(concat(unsqueeze(-x[..., 1::2], -1),
                                 unsqueeze(x[..., 0::2], -1), axis = -1),
                          shape(x))
    ```

    The halves may be `kiln.slice` or `kiln.split` results, a negation is a
    `kiln.neg` or a product with a splat -1 (before or after the
    unsqueeze), and the unsqueeze may be a `kiln.reshape` appending a 1.
    `cos` and `sin` must be constants, or constants seen through reshapes,
    transposes, slices, expands and gathers with constant indices (a cache
    indexed by constant positions, `cos_cached[position_ids].unsqueeze(1)`),
    that broadcast to `x` from a table that
    depends on the sequence position and the feature only (`[S, D]`,
    `[1, 1, S, D]` for bhsd, `[1, S, 1, D]` for bshd: this decides the
    layout), with the two entries of every pair exactly equal (`cat(f, f)`
    for half, `repeat_interleave(f, 2)` for interleaved). The rotated features,
    the negated partners and the two products must have no other users.

    The tables are then checked numerically: theta is measured from the
    phase advance of each pair between the first and the last row, rounded
    to the fewest significant digits that still fit, and the position offset
    is read from the slowest pair of the first row. When every entry is
    within 2 ulps (of the table type) plus 16 f32 ulps of the angle of
    `cos((p + offset) * theta^(-2k / D))` and the same for `sin` (the
    rounding of computing the angles in f32, as PyTorch does), the rope gets
    `theta` and `position_offset`; otherwise it gets the reduced
    `[S, D / 2]` tables as `tables(%cos, %sin)` constants, which is exact for
    any table values.

    A rotation of the first `r` features joined with the rest,
    `concat(rope(x[..., :r]), x[..., r:], axis = -1)`, becomes
    `rope(x) {rotary_dim = r}`, and a `kiln.rope` whose constant tables fit
    a theta as above loses its tables.

    ```mlir
    %x2 = kiln.slice %x {starts = array<i64: 0, 0, 0, 32>, ends = array<i64: 1, 8, 128, 64>, steps = array<i64: 1, 1, 1, 1>} : ...
    %x1 = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 8, 128, 32>, steps = array<i64: 1, 1, 1, 1>} : ...
    %n = kiln.neg %x2 : tensor<1x8x128x32xf32>
    %r = kiln.concat %n, %x1 {axis = -1 : i64} : ...
    %a = kiln.mul %x, %cos : (tensor<1x8x128x64xf32>, tensor<1x1x128x64xf32>) -> tensor<1x8x128x64xf32>
    %b = kiln.mul %r, %sin : (tensor<1x8x128x64xf32>, tensor<1x1x128x64xf32>) -> tensor<1x8x128x64xf32>
    %y = kiln.add %a, %b : (tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32>
    ```
    becomes, when `%cos` and `%sin` hold the theta-10000 angles of positions
    0 to 127,
    ```mlir
    %y = kiln.rope %x : (tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32>
    ```

    Input invariant: verified kiln IR, best after canonicalization and CSE.
    Output IR: the same computation (up to the float rounding of the angles
    where tables become theta); expressions that do not match, or whose
    intermediate values are used elsewhere, are left unchanged.
  }];
}

def FuseAttention : Pass<"kiln-fuse-attention", "::mlir::func::FuncOp"> {
  let summary = "Fuse softmax attention subgraphs, with their RoPE, into kiln.attention";
  let description = [{
    Replaces scaled dot-product attention written with matrix products by
    one `kiln.attention`, then folds the rotary embeddings of Q and K into it
    so that the rotated Q and K are never values of the program:

    ```
    softmax(matmul(Q, transpose(K)) * s [+ mask ...], axis = -1) @ V
        -> kiln.attention Q, K, V mask(mask) {scale = s}
    ```

    - The scale is any product of scalar constant factors (`* c` or `/ c`)
      on the scores, on Q and on K (or on K^T); `scale` is always written
      explicitly (1.0 when there is none). Masks are additions to the scaled
      scores that broadcast to them (several are summed); a mask inside a
      scale is not recognized.
    - Transposes are peeled off Q, K^T and V: when all three come from
      `[B, S, H, D]` tensors the attention is bshd on them (and its result is
      transposed back), otherwise bhsd.
    - K and V whose heads are repeated with `reshape(expand(unsqueeze(kv)))`
      (`repeat_kv` of transformers), or broadcast by the products from one
      head, give grouped- or multi-query attention on the unrepeated heads.
    - The scores, scaled scores, masked scores and softmax must have no other
      users, and the softmax must be over the last axis.

    Then, on `kiln.attention`:
    - `attention(rope(q), rope(k), v)` whose ropes have the same layout as
      the attention and the same pairing, rotary_dim, theta and offset, and
      are used by this attention only, becomes `attention(q, k, v)
      {rope = #kiln.rope<...>}`; cos/sin tables become `rope_tables` (the
      same tables, or constants of which one is a prefix of the other).
    - Scalar scales of the query or key are absorbed into `scale`.
    - Query, key and value that are all heads/sequence transposes switch the
      attention's layout; a transposed rope feeding an attention swaps with
      the transpose so that it can fold.
    - A constant mask that is 0 on and below the (bottom-right aligned)
      diagonal and -inf above it becomes `causal`.

    ```mlir
    %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : ...
    %s = kiln.matmul %q, %kt : ...
    %d = kiln.div %s, %c8 : (tensor<1x8x128x128xf32>, tensor<f32>) -> tensor<1x8x128x128xf32>
    %p = kiln.softmax %d {axis = -1 : i64} : tensor<1x8x128x128xf32>
    %o = kiln.matmul %p, %v : ...
    ```
    becomes
    ```mlir
    %o = kiln.attention %q, %k, %v {scale = 1.250000e-01 : f64} : ...
    ```

    Input invariant: verified kiln IR; run after `kiln-recognize-rope`.
    Output IR: the same computation, except that a row of scores that is
    -inf everywhere gives a zero row (kiln.attention's convention) instead of
    NaN.
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
