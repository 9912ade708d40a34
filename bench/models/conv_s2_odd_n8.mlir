// bench: a stride-2 3x3 convolution with bias and ReLU whose implicit-GEMM
// sizes are not multiples of the GPU tiles: 8 images of 64 channels at
// 57 x 57 -> 96 channels at 29 x 29 (M = 96, N = 8*29*29 = 6728,
// K = 576), f32. PyTorch: relu(F.conv2d(x, w, b, stride=2, padding=1)).
module @conv_s2_odd_n8 {
  func.func @main(%x: tensor<8x64x57x57xf32> {kiln.name = "x"}, %w: tensor<96x64x3x3xf32> {kiln.name = "w"}, %b: tensor<96xf32> {kiln.name = "b"}) -> (tensor<8x96x29x29xf32> {kiln.name = "y"}) {
    %c = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<8x64x57x57xf32>, tensor<96x64x3x3xf32>, tensor<96xf32>) -> tensor<8x96x29x29xf32>
    %y = kiln.relu %c : tensor<8x96x29x29xf32>
    return %y : tensor<8x96x29x29xf32>
  }
}
