//===- KilnAttentionOps.td - Rotary embedding and attention -*- tablegen -*-===//
//
// Rotary position embedding (RoPE) and scaled dot-product attention with optional fused RoPE.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

def Kiln_RopeOp : Kiln_InferOp<"rope", [AttrSizedOperandSegments]> {
  let summary = "rotary position embedding (RoFormer)";
  let description = [{
    Rotates pairs of features of every head vector by an angle that depends
    on the vector's sequence position. `input` is `[B, H, S, D]` when
    `layout = bhsd` (the default) and `[B, S, H, D]` when `layout = bshd`;
    the result has the type of the input.

    With `r = rotary_dim` (default `D`; even, `2 <= r <= D`) and `n = r / 2`,
    pair `k` (`0 <= k < n`) of the vector `x = input[b, h, p, :]`
    (`input[b, p, h, :]` in bshd) at sequence position `p` (`0 <= p < S`)
    turns by the angle

    ```
    a(p, k) = (p + position_offset) * theta^(-2k / r)     (no tables)
    cos(a(p, k)) = cos[p, k],  sin(a(p, k)) = sin[p, k]   (tables)
    ```

    Without tables the angle is evaluated as PyTorch computes it: the inverse
    frequency `theta^(-2k / r)` and the position are each rounded to f32
    (f64 for f64 inputs) and so is their product; cos and sin of that angle
    are then computed accurately.

    and, writing `c = cos(a(p, k))`, `s = sin(a(p, k))`:

    ```
    pairing = half (GPT-NeoX, LLaMA `rotate_half`): pair k is (x[k], x[k + n])
      out[k]      = x[k]      * c - x[k + n]  * s
      out[k + n]  = x[k + n]  * c + x[k]      * s
    pairing = interleaved (RoFormer, GPT-J): pair k is (x[2k], x[2k + 1])
      out[2k]     = x[2k]     * c - x[2k + 1] * s
      out[2k + 1] = x[2k + 1] * c + x[2k]     * s
    partial rotary, r < D:
      out[i]      = x[i]   for r <= i < D
    ```

    The optional tables `cos` and `sin` (both or neither) have shape
    `[S, r / 2]`, one value per position and pair (not the `[S, r]` tables
    with duplicated halves that some frameworks keep), and may have any float
    element type. When they are given they replace `theta` and
    `position_offset`: `theta` is ignored and `position_offset` must be 0.

    ```mlir
    %0 = kiln.rope %x {rotary_dim = 64 : i64, theta = 5.000000e+05 : f64}
        : (tensor<1x32x128x128xbf16>) -> tensor<1x32x128x128xbf16>
    %1 = kiln.rope %x tables(%cos, %sin) {pairing = #kiln.rope_pairing<interleaved>}
        : (tensor<1x32x128x128xbf16>, tensor<128x64xf32>, tensor<128x64xf32>)
        -> tensor<1x32x128x128xbf16>
    ```
  }];
  let arguments = (ins
    Kiln_FloatTensor:$input,
    Optional<Kiln_FloatTensor>:$cos,
    Optional<Kiln_FloatTensor>:$sin,
    DefaultValuedAttr<Kiln_SequenceLayoutAttr,
                      "::mlir::kiln::SequenceLayout::BHSD">:$layout,
    DefaultValuedAttr<Kiln_RopePairingAttr,
                      "::mlir::kiln::RopePairing::Half">:$pairing,
    OptionalAttr<I64Attr>:$rotary_dim,
    DefaultValuedAttr<F64Attr, "10000.0">:$theta,
    DefaultValuedAttr<I64Attr, "0">:$position_offset
  );
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`tables` `(` $cos^ `,` $sin `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

def Kiln_AttentionOp : Kiln_InferOp<"attention", [AttrSizedOperandSegments,
    AllElementTypesMatch<["query", "key", "value", "output"]>]> {
  let summary = "scaled dot-product attention with optional fused RoPE";
  let description = [{
    Multi-head, grouped-query or multi-query attention. With `layout = bhsd`
    (the default) the operands are `query` `[B, Hq, Sq, D]`, `key`
    `[B, Hkv, Skv, D]`, `value` `[B, Hkv, Skv, Dv]` and the result is
    `[B, Hq, Sq, Dv]`; with `layout = bshd` all four are `[B, S, H, D]`
    (`[B, Sq, Hq, D]`, ...). `Hq` must be a multiple of `Hkv`; with
    `G = Hq / Hkv`, query head `h` uses key/value head `h / G` (`G = 1`:
    multi-head, `Hkv = 1`: multi-query). Query, key, value and result share
    their element type. Written in the bhsd order:

    ```
    q[b, h, i, :] = rope(query)[b, h, i, :]                  0 <= i < Sq
    k[b, g, j, :] = rope(key)[b, g, j, :]                    0 <= j < Skv
    s[b, h, i, j] = scale * sum_d q[b, h, i, d] * k[b, h / G, j, d]
                    + mask[b, h, i, j]                       (numpy broadcast)
    s[b, h, i, j] = -inf              if causal and j > i + Skv - Sq
    p[b, h, i, j] = exp(s[b, h, i, j]) / sum_j' exp(s[b, h, i, j'])
    output[b, h, i, e] = sum_j p[b, h, i, j] * value[b, h / G, j, e]
    ```

    - `scale` defaults to `1 / sqrt(D)`.
    - `mask` is additive (e.g. 0 and -inf), of any float element type, and
      broadcasts in one direction (numpy rules) to the score shape
      `[B, Hq, Sq, Skv]`; that order does not depend on `layout`.
    - `causal`: query `i` sees the keys `j <= i + Skv - Sq`, i.e. the causal
      mask is aligned to the bottom-right corner of the score matrix (the
      last query sees every key; with `Sq == Skv` it is the usual lower
      triangle). It applies on top of `mask`.
    - A row whose scores are all `-inf` (possible with a mask, or when causal
      and `Sq > Skv`) gives a zero output row.
    - `rope`: when present, a rotary embedding with the parameters of the
      `#kiln.rope` attribute (see `kiln.rope` for the math; an absent
      `rotary_dim` means `D`) is applied to `query` and `key` before the
      product: `rope(query)` and `rope(key)` equal `kiln.rope` with the same
      pairing, rotary_dim, theta and position_offset applied to each operand
      on its own. Query `i` and key `j` are therefore at positions
      `i + position_offset` and `j + position_offset`. Without `rope`,
      `rope(x) = x`.
    - `rope_tables(%cos, %sin)` (both or neither, only with `rope`) give the
      angles explicitly, as in `kiln.rope`: both have shape `[T, r / 2]`
      with `T >= max(Sq, Skv)`; query `i` uses row `i` and key `j` uses row
      `j` (the first `Sq` rows rotate the queries, the first `Skv` rows the
      keys). The rope's `theta` is then ignored and its `position_offset`
      must be 0.

    Canonicalization drops a `mask` that is a constant splat of 0 (adding 0
    to a score changes nothing) and drops `causal` when `Sq == 1` (the only
    query sees every key).

    ```mlir
    %0 = kiln.attention %q, %k, %v mask(%m) {causal, scale = 1.250000e-01 : f64}
        : (tensor<2x32x128x64xf16>, tensor<2x8x128x64xf16>, tensor<2x8x128x64xf16>,
           tensor<2x1x128x128xf16>) -> tensor<2x32x128x64xf16>
    %1 = kiln.attention %q, %k, %v rope_tables(%cos, %sin)
        {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 32>}
        : (tensor<1x128x32x64xbf16>, tensor<1x128x8x64xbf16>, tensor<1x128x8x64xbf16>,
           tensor<128x16xf32>, tensor<128x16xf32>) -> tensor<1x128x32x64xbf16>
    ```
  }];
  let arguments = (ins
    Kiln_FloatTensor:$query,
    Kiln_FloatTensor:$key,
    Kiln_FloatTensor:$value,
    Optional<Kiln_FloatTensor>:$mask,
    Optional<Kiln_FloatTensor>:$rope_cos,
    Optional<Kiln_FloatTensor>:$rope_sin,
    DefaultValuedAttr<Kiln_SequenceLayoutAttr,
                      "::mlir::kiln::SequenceLayout::BHSD">:$layout,
    OptionalAttr<F64Attr>:$scale,
    UnitAttr:$causal,
    OptionalAttr<Kiln_RopeAttr>:$rope
  );
  let results = (outs Kiln_FloatTensor:$output);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` `(` $mask^ `)`)?
    (`rope_tables` `(` $rope_cos^ `,` $rope_sin `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD
