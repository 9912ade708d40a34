// The RoFormer block of examples/rope_attention_block.mlir with its weights as
// inputs, compiled for the CPU and compared with a numpy transcription of the
// PyTorch code it stands for (random weights, 2 heads of 32 features).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/rope-attention-block.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @rope_attention_block {
  func.func @main(%x: tensor<1x16x64xf32> {kiln.name = "x"},
                  %gamma: tensor<64xf32> {kiln.name = "gamma"}, %beta: tensor<64xf32> {kiln.name = "beta"},
                  %wq: tensor<64x64xf32> {kiln.name = "wq"}, %wk: tensor<64x64xf32> {kiln.name = "wk"},
                  %wv: tensor<64x64xf32> {kiln.name = "wv"}, %wo: tensor<64x64xf32> {kiln.name = "wo"})
      -> (tensor<1x16x64xf32> {kiln.name = "y"}) {
    %h = kiln.layer_norm %x scale %gamma bias %beta : (tensor<1x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %q2 = kiln.matmul %h, %wq : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %k2 = kiln.matmul %h, %wk : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %v2 = kiln.matmul %h, %wv : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %q = kiln.reshape %q2 {shape = array<i64: 1, 16, 2, 32>} : (tensor<1x16x64xf32>) -> tensor<1x16x2x32xf32>
    %k = kiln.reshape %k2 {shape = array<i64: 1, 16, 2, 32>} : (tensor<1x16x64xf32>) -> tensor<1x16x2x32xf32>
    %v = kiln.reshape %v2 {shape = array<i64: 1, 16, 2, 32>} : (tensor<1x16x64xf32>) -> tensor<1x16x2x32xf32>
    %a = kiln.attention %q, %k, %v {layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<pairing = interleaved>} : (tensor<1x16x2x32xf32>, tensor<1x16x2x32xf32>, tensor<1x16x2x32xf32>) -> tensor<1x16x2x32xf32>
    %a2 = kiln.reshape %a {shape = array<i64: 1, 16, 64>} : (tensor<1x16x2x32xf32>) -> tensor<1x16x64xf32>
    %o = kiln.matmul %a2, %wo : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %y = kiln.add %x, %o : (tensor<1x16x64xf32>, tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
    return %y : tensor<1x16x64xf32>
  }
}
