// bench: a ResNet basic block (batch-norm folded into the convolutions) in
// f32 on a batch of 32 images of 64 channels at 56 x 56:
//   y = relu(x + conv3x3(relu(conv3x3(x, w1)), w2))
// Weights are inputs, so PyTorch (bench/gpu_torch_ref.py) runs the same
// computation with F.conv2d.
module @resnet_block_n32 {
  func.func @main(%x: tensor<32x64x56x56xf32> {kiln.name = "x"}, %w1: tensor<64x64x3x3xf32> {kiln.name = "w1"}, %w2: tensor<64x64x3x3xf32> {kiln.name = "w2"}) -> (tensor<32x64x56x56xf32> {kiln.name = "y"}) {
    %c1 = kiln.conv2d %x, %w1 {padding = array<i64: 1, 1, 1, 1>} : (tensor<32x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<32x64x56x56xf32>
    %r1 = kiln.relu %c1 : tensor<32x64x56x56xf32>
    %c2 = kiln.conv2d %r1, %w2 {padding = array<i64: 1, 1, 1, 1>} : (tensor<32x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<32x64x56x56xf32>
    %s = kiln.add %c2, %x : (tensor<32x64x56x56xf32>, tensor<32x64x56x56xf32>) -> tensor<32x64x56x56xf32>
    %y = kiln.relu %s : tensor<32x64x56x56xf32>
    return %y : tensor<32x64x56x56xf32>
  }
}
