// bench: causal self-attention with fused rotary position embedding (half
// pairing, theta 10000) in bf16, one sequence of S = 4096 tokens, H = 16
// heads of D = 128 features, bhsd layout. PyTorch equivalent (timed by
// bench/gpu_torch_ref.py): rope on q and k, then
// F.scaled_dot_product_attention(q, k, v, is_causal=True).
module @attention_rope_s4096_bf16 {
  func.func @main(%q: tensor<1x16x4096x128xbf16> {kiln.name = "q"}, %k: tensor<1x16x4096x128xbf16> {kiln.name = "k"}, %v: tensor<1x16x4096x128xbf16> {kiln.name = "v"}) -> (tensor<1x16x4096x128xbf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<pairing = half>} : (tensor<1x16x4096x128xbf16>, tensor<1x16x4096x128xbf16>, tensor<1x16x4096x128xbf16>) -> tensor<1x16x4096x128xbf16>
    return %y : tensor<1x16x4096x128xbf16>
  }
}
