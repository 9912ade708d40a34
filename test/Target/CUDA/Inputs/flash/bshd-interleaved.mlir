// Flash attention: bshd layout, f16, RoPE with interleaved pairs on the
// first 32 of 128 features, an explicit scale, not causal.
module @flash_bshd_interleaved {
  func.func @main(%q: tensor<1x130x2x128xf16> {kiln.name = "q"}, %k: tensor<1x130x2x128xf16> {kiln.name = "k"}, %v: tensor<1x130x2x128xf16> {kiln.name = "v"}) -> (tensor<1x130x2x128xf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {layout = #kiln.sequence_layout<bshd>, scale = 5.000000e-02 : f64, rope = #kiln.rope<pairing = interleaved, rotary_dim = 32>} : (tensor<1x130x2x128xf16>, tensor<1x130x2x128xf16>, tensor<1x130x2x128xf16>) -> tensor<1x130x2x128xf16>
    return %y : tensor<1x130x2x128xf16>
  }
}
