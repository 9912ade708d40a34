func.func @main(%x: tensor<3x0x5xf32>) -> tensor<3x0x5xf32> {
  %0 = kiln.relu %x : tensor<3x0x5xf32>
  return %0 : tensor<3x0x5xf32>
}
