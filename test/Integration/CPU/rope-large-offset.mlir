// kiln.rope at large positions (300 and 4000): the angle is evaluated in f32
// as the op defines it (and PyTorch computes it), then cos and sin are exact;
// the approximate-math pass must not approximate them (its sin/cos
// approximation is not accurate at these angles).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/rope-large-offset.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @rope_large_offset {
  func.func @main(%x: tensor<1x2x16x64xf32> {kiln.name = "x"})
      -> (tensor<1x2x16x64xf32> {kiln.name = "rope_offset_300"}, tensor<1x2x16x64xf32> {kiln.name = "rope_offset_4000"}) {
    %rope_offset_300 = kiln.rope %x {position_offset = 300 : i64} : (tensor<1x2x16x64xf32>) -> tensor<1x2x16x64xf32>
    %rope_offset_4000 = kiln.rope %x {position_offset = 4000 : i64} : (tensor<1x2x16x64xf32>) -> tensor<1x2x16x64xf32>
    return %rope_offset_300, %rope_offset_4000
        : tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
  }
}
