// bench: a ResNet-50 stage-4-like 3x3 convolution at batch 1: 256 -> 256
// channels at 14 x 14, f32 (M = 256, N = 196, K = 2304: few output tiles
// for a long reduction). PyTorch: F.conv2d(x, w, padding=1).
module @conv_256_14_n1 {
  func.func @main(%x: tensor<1x256x14x14xf32> {kiln.name = "x"}, %w: tensor<256x256x3x3xf32> {kiln.name = "w"}) -> (tensor<1x256x14x14xf32> {kiln.name = "y"}) {
    %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x256x14x14xf32>, tensor<256x256x3x3xf32>) -> tensor<1x256x14x14xf32>
    return %y : tensor<1x256x14x14xf32>
  }
}
