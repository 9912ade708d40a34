func.func @f(%x: tensor<4xf32>) {
  %0 = kiln.relu %x : tensor<4xf32
