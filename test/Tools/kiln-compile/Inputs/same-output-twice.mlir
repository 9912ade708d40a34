module @m {
  func.func @main(%x: tensor<4xf32> {kiln.name = "x"}) -> (tensor<4xf32> {kiln.name = "a"}, tensor<4xf32> {kiln.name = "b"}) {
    %0 = kiln.relu %x : tensor<4xf32>
    return %0, %0 : tensor<4xf32>, tensor<4xf32>
  }
}
