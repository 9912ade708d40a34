// bench: matmul_2048_bf16 on tensor cores (mma.sync m16n8k16, bf16 inputs,
// f32 accumulation, bf16 output), which --target=cuda does not use by
// default yet (PyTorch: a @ b).
// kiln-compile-flags: --gpu-tensor-cores
module @matmul_2048_bf16_tc {
  func.func @main(%a: tensor<2048x2048xbf16> {kiln.name = "a"}, %b: tensor<2048x2048xbf16> {kiln.name = "b"}) -> (tensor<2048x2048xbf16> {kiln.name = "y"}) {
    %y = kiln.matmul %a, %b : (tensor<2048x2048xbf16>, tensor<2048x2048xbf16>) -> tensor<2048x2048xbf16>
    return %y : tensor<2048x2048xbf16>
  }
}
