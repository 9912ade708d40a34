// Flash attention: 70 queries on 300 keys (causal mask aligned to the
// bottom-right corner), value size 64 different from the key size 128, bf16.
module @flash_cross_causal {
  func.func @main(%q: tensor<1x2x70x128xbf16> {kiln.name = "q"}, %k: tensor<1x2x300x128xbf16> {kiln.name = "k"}, %v: tensor<1x2x300x64xbf16> {kiln.name = "v"}) -> (tensor<1x2x70x64xbf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v {causal} : (tensor<1x2x70x128xbf16>, tensor<1x2x300x128xbf16>, tensor<1x2x300x64xbf16>) -> tensor<1x2x70x64xbf16>
    return %y : tensor<1x2x70x64xbf16>
  }
}
