// bench: a 2048 x 2048 x 2048 matrix product in bf16 (PyTorch: a @ b).
module @matmul_2048_bf16 {
  func.func @main(%a: tensor<2048x2048xbf16> {kiln.name = "a"}, %b: tensor<2048x2048xbf16> {kiln.name = "b"}) -> (tensor<2048x2048xbf16> {kiln.name = "y"}) {
    %y = kiln.matmul %a, %b : (tensor<2048x2048xbf16>, tensor<2048x2048xbf16>) -> tensor<2048x2048xbf16>
    return %y : tensor<2048x2048xbf16>
  }
}
