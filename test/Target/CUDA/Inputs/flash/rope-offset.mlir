// Flash attention: f16, RoPE (half pairing) on the first 64 of 128
// features with theta 5e5 and the positions starting at 7, causal, one
// 64-row tile exactly.
module @flash_rope_offset {
  func.func @main(%q: tensor<1x2x64x128xf16> {kiln.name = "q"}, %k: tensor<1x2x64x128xf16> {kiln.name = "k"}, %v: tensor<1x2x64x128xf16> {kiln.name = "v"}) -> (tensor<1x2x64x128xf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<rotary_dim = 64, theta = 5.0e+05, position_offset = 7>} : (tensor<1x2x64x128xf16>, tensor<1x2x64x128xf16>, tensor<1x2x64x128xf16>) -> tensor<1x2x64x128xf16>
    return %y : tensor<1x2x64x128xf16>
  }
}
