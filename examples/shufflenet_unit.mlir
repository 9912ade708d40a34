// A ShuffleNetV2 basic unit (stride 1, 116 channels at 28x28), as PyTorch's
// torchvision.models.shufflenet_v2_x1_0 computes it after its stage-2 entry:
//   x1, x2 = x.chunk(2, dim=1)
//   y = concat(x1, relu(bn(conv1x1(bn(dwconv3x3(relu(bn(conv1x1(x2)))))))))
//   out = channel_shuffle(y, groups=2)
// Weights are splat constants here; a real model carries them as
// dense_resource blobs.
module @shufflenet_unit {
  func.func @main(%x: tensor<1x116x28x28xf32> {kiln.name = "x"}) -> (tensor<1x116x28x28xf32> {kiln.name = "y"}) {
    %x1, %x2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 58, 58>} : (tensor<1x116x28x28xf32>) -> (tensor<1x58x28x28xf32>, tensor<1x58x28x28xf32>)

    // Pointwise convolution, batch norm, ReLU.
    %w1 = kiln.constant dense<0.02> : tensor<58x58x1x1xf32>
    %c1 = kiln.conv2d %x2, %w1 : (tensor<1x58x28x28xf32>, tensor<58x58x1x1xf32>) -> tensor<1x58x28x28xf32>
    %g1 = kiln.constant dense<1.0> : tensor<58xf32>
    %b1 = kiln.constant dense<0.1> : tensor<58xf32>
    %m1 = kiln.constant dense<0.05> : tensor<58xf32>
    %v1 = kiln.constant dense<0.9> : tensor<58xf32>
    %n1 = kiln.batch_norm %c1, %g1, %b1, %m1, %v1 : (tensor<1x58x28x28xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>) -> tensor<1x58x28x28xf32>
    %r1 = kiln.relu %n1 : tensor<1x58x28x28xf32>

    // Depthwise 3x3 convolution (groups = channels) and batch norm.
    %w2 = kiln.constant dense<0.1> : tensor<58x1x3x3xf32>
    %c2 = kiln.conv2d %r1, %w2 {groups = 58 : i64, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x58x28x28xf32>, tensor<58x1x3x3xf32>) -> tensor<1x58x28x28xf32>
    %n2 = kiln.batch_norm %c2, %g1, %b1, %m1, %v1 : (tensor<1x58x28x28xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>) -> tensor<1x58x28x28xf32>

    // Pointwise convolution, batch norm, ReLU.
    %w3 = kiln.constant dense<0.02> : tensor<58x58x1x1xf32>
    %c3 = kiln.conv2d %n2, %w3 : (tensor<1x58x28x28xf32>, tensor<58x58x1x1xf32>) -> tensor<1x58x28x28xf32>
    %n3 = kiln.batch_norm %c3, %g1, %b1, %m1, %v1 : (tensor<1x58x28x28xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>, tensor<58xf32>) -> tensor<1x58x28x28xf32>
    %r3 = kiln.relu %n3 : tensor<1x58x28x28xf32>

    // Join the branches and mix them.
    %cat = kiln.concat %x1, %r3 {axis = 1 : i64} : (tensor<1x58x28x28xf32>, tensor<1x58x28x28xf32>) -> tensor<1x116x28x28xf32>
    %y = kiln.channel_shuffle %cat {groups = 2 : i64} : (tensor<1x116x28x28xf32>) -> tensor<1x116x28x28xf32>
    return %y : tensor<1x116x28x28xf32>
  }
}
