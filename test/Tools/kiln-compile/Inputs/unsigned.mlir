func.func @main(%x: tensor<4xf32>, %y: tensor<4xui8>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
