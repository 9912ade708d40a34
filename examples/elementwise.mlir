// A small elementwise model: y = gelu(a + b) * scale, with b broadcast over
// the rows of a. It already compiles end to end (kiln-compile, kiln-run).
module @elementwise {
  func.func @main(%a: tensor<4x8xf32> {kiln.name = "a"}, %b: tensor<8xf32> {kiln.name = "b"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
    %sum = kiln.add %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %g = kiln.gelu %sum : tensor<4x8xf32>
    %scale = kiln.constant dense<[[0.5], [1.0], [1.5], [2.0]]> : tensor<4x1xf32>
    %y = kiln.mul %g, %scale : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
    return %y : tensor<4x8xf32>
  }
}
