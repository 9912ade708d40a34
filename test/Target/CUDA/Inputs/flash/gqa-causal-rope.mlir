// Flash attention: grouped-query (4 query heads on 2 key/value heads),
// causal, RoPE with half pairing, sequences that are not a multiple of the
// 64-row tiles, D = 64, bf16.
module @flash_gqa_causal_rope {
  func.func @main(%q: tensor<2x4x200x64xbf16> {kiln.name = "q"}, %k: tensor<2x2x200x64xbf16> {kiln.name = "k"}, %v: tensor<2x2x200x64xbf16> {kiln.name = "v"}) -> (tensor<2x4x200x64xbf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<>} : (tensor<2x4x200x64xbf16>, tensor<2x2x200x64xbf16>, tensor<2x2x200x64xbf16>) -> tensor<2x4x200x64xbf16>
    return %y : tensor<2x4x200x64xbf16>
  }
}
