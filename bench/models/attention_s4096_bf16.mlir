// bench: the attention of attention_rope_s4096_bf16 without the rotary
// position embedding (its baseline: the cost of RoPE is the difference),
// causal, bf16, S = 4096, H = 16, D = 128, bhsd layout. PyTorch equivalent
// (timed by bench/gpu_torch_ref.py):
// F.scaled_dot_product_attention(q, k, v, is_causal=True).
module @attention_s4096_bf16 {
  func.func @main(%q: tensor<1x16x4096x128xbf16> {kiln.name = "q"}, %k: tensor<1x16x4096x128xbf16> {kiln.name = "k"}, %v: tensor<1x16x4096x128xbf16> {kiln.name = "v"}) -> (tensor<1x16x4096x128xbf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {causal} : (tensor<1x16x4096x128xbf16>, tensor<1x16x4096x128xbf16>, tensor<1x16x4096x128xbf16>) -> tensor<1x16x4096x128xbf16>
    return %y : tensor<1x16x4096x128xbf16>
  }
}
