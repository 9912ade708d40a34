// A RoFormer-style self-attention block: pre-norm, Q/K/V projections, rotary
// position embedding on Q and K fused into the attention, output projection
// and residual. 128 tokens of width 256, 4 heads of 64 features.
//
//   h = layer_norm(x)
//   q, k, v = h @ Wq, h @ Wk, h @ Wv            (viewed as [1, 128, 4, 64])
//   a = softmax(rope(q) rope(k)^T / 8) v         (per head)
//   y = x + a @ Wo
module @rope_attention_block {
  func.func @main(%x: tensor<1x128x256xf32> {kiln.name = "x"}) -> (tensor<1x128x256xf32> {kiln.name = "y"}) {
    %gamma = kiln.constant dense<1.0> : tensor<256xf32>
    %beta = kiln.constant dense<0.0> : tensor<256xf32>
    %h = kiln.layer_norm %x scale %gamma bias %beta : (tensor<1x128x256xf32>, tensor<256xf32>, tensor<256xf32>) -> tensor<1x128x256xf32>

    %wq = kiln.constant dense<0.01> : tensor<256x256xf32>
    %wk = kiln.constant dense<0.02> : tensor<256x256xf32>
    %wv = kiln.constant dense<0.03> : tensor<256x256xf32>
    %q2 = kiln.matmul %h, %wq : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
    %k2 = kiln.matmul %h, %wk : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
    %v2 = kiln.matmul %h, %wv : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
    %q = kiln.reshape %q2 {shape = array<i64: 1, 128, 4, 64>} : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>
    %k = kiln.reshape %k2 {shape = array<i64: 1, 128, 4, 64>} : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>
    %v = kiln.reshape %v2 {shape = array<i64: 1, 128, 4, 64>} : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>

    // RoFormer pairs features 2i and 2i+1 (interleaved) with base 10000.
    %a = kiln.attention %q, %k, %v {layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<pairing = interleaved>} : (tensor<1x128x4x64xf32>, tensor<1x128x4x64xf32>, tensor<1x128x4x64xf32>) -> tensor<1x128x4x64xf32>

    %a2 = kiln.reshape %a {shape = array<i64: 1, 128, 256>} : (tensor<1x128x4x64xf32>) -> tensor<1x128x256xf32>
    %wo = kiln.constant dense<0.01> : tensor<256x256xf32>
    %o = kiln.matmul %a2, %wo : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
    %y = kiln.add %x, %o : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
    return %y : tensor<1x128x256xf32>
  }
}
