// bench: a 2048 x 2048 x 2048 matrix product in f32 (PyTorch: a @ b, TF32
// off).
module @matmul_2048_f32 {
  func.func @main(%a: tensor<2048x2048xf32> {kiln.name = "a"}, %b: tensor<2048x2048xf32> {kiln.name = "b"}) -> (tensor<2048x2048xf32> {kiln.name = "y"}) {
    %y = kiln.matmul %a, %b : (tensor<2048x2048xf32>, tensor<2048x2048xf32>) -> tensor<2048x2048xf32>
    return %y : tensor<2048x2048xf32>
  }
}
