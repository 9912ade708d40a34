// Flash attention: 100 queries on 40 keys, causal (the first 60 queries see
// no key: zero rows), RoPE from explicit cos/sin tables, bf16.
module @flash_short_keys_tables {
  func.func @main(%q: tensor<1x1x100x64xbf16> {kiln.name = "q"}, %k: tensor<1x1x40x64xbf16> {kiln.name = "k"}, %v: tensor<1x1x40x64xbf16> {kiln.name = "v"}, %cos: tensor<100x32xf32> {kiln.name = "cos"}, %sin: tensor<100x32xf32> {kiln.name = "sin"}) -> (tensor<1x1x100x64xbf16> {kiln.name = "y"}) {
    %y = kiln.attention %q, %k, %v rope_tables(%cos, %sin) {causal, rope = #kiln.rope<>} : (tensor<1x1x100x64xbf16>, tensor<1x1x40x64xbf16>, tensor<1x1x40x64xbf16>, tensor<100x32xf32>, tensor<100x32xf32>) -> tensor<1x1x100x64xbf16>
    return %y : tensor<1x1x100x64xbf16>
  }
}
