// bench: a grouped 3x3 convolution, 4 groups of 32 channels, on 32 images
// of 128 channels at 28 x 28, f32 (per group M = 32, N = 32*28*28,
// K = 288). PyTorch: F.conv2d(x, w, padding=1, groups=4).
module @grouped_conv_n32 {
  func.func @main(%x: tensor<32x128x28x28xf32> {kiln.name = "x"}, %w: tensor<128x32x3x3xf32> {kiln.name = "w"}) -> (tensor<32x128x28x28xf32> {kiln.name = "y"}) {
    %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, groups = 4 : i64} : (tensor<32x128x28x28xf32>, tensor<128x32x3x3xf32>) -> tensor<32x128x28x28xf32>
    return %y : tensor<32x128x28x28xf32>
  }
}
