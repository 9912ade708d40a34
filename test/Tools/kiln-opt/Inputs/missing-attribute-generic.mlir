func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "kiln.gelu"(%x) {approximation = 3 : i32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
