// The ShuffleNetV2 unit of examples/shufflenet_unit.mlir (at 24 channels,
// 9x9) with its weights as inputs, compiled for the CPU and compared with a
// numpy transcription of torchvision's InvertedResidual (stride 1).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/shufflenet-unit.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @shufflenet_unit {
  func.func @main(%x: tensor<1x24x9x9xf32> {kiln.name = "x"},
                  %w1: tensor<12x12x1x1xf32> {kiln.name = "w1"}, %w2: tensor<12x1x3x3xf32> {kiln.name = "w2"},
                  %w3: tensor<12x12x1x1xf32> {kiln.name = "w3"},
                  %g: tensor<3x12xf32> {kiln.name = "bn_scale"}, %b: tensor<3x12xf32> {kiln.name = "bn_bias"},
                  %m: tensor<3x12xf32> {kiln.name = "bn_mean"}, %v: tensor<3x12xf32> {kiln.name = "bn_var"})
      -> (tensor<1x24x9x9xf32> {kiln.name = "y"}) {
    %x1, %x2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 12, 12>} : (tensor<1x24x9x9xf32>) -> (tensor<1x12x9x9xf32>, tensor<1x12x9x9xf32>)
    %gs:3 = kiln.split %g {axis = 0 : i64, sizes = array<i64: 1, 1, 1>} : (tensor<3x12xf32>) -> (tensor<1x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>)
    %bs:3 = kiln.split %b {axis = 0 : i64, sizes = array<i64: 1, 1, 1>} : (tensor<3x12xf32>) -> (tensor<1x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>)
    %ms:3 = kiln.split %m {axis = 0 : i64, sizes = array<i64: 1, 1, 1>} : (tensor<3x12xf32>) -> (tensor<1x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>)
    %vs:3 = kiln.split %v {axis = 0 : i64, sizes = array<i64: 1, 1, 1>} : (tensor<3x12xf32>) -> (tensor<1x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>)
    %g0 = kiln.squeeze %gs#0 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %g1 = kiln.squeeze %gs#1 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %g2 = kiln.squeeze %gs#2 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %b0 = kiln.squeeze %bs#0 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %b1 = kiln.squeeze %bs#1 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %b2 = kiln.squeeze %bs#2 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %m0 = kiln.squeeze %ms#0 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %m1 = kiln.squeeze %ms#1 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %m2 = kiln.squeeze %ms#2 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %v0 = kiln.squeeze %vs#0 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %v1 = kiln.squeeze %vs#1 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>
    %v2 = kiln.squeeze %vs#2 {axes = array<i64: 0>} : (tensor<1x12xf32>) -> tensor<12xf32>

    %c1 = kiln.conv2d %x2, %w1 : (tensor<1x12x9x9xf32>, tensor<12x12x1x1xf32>) -> tensor<1x12x9x9xf32>
    %n1 = kiln.batch_norm %c1, %g0, %b0, %m0, %v0 : (tensor<1x12x9x9xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>) -> tensor<1x12x9x9xf32>
    %r1 = kiln.relu %n1 : tensor<1x12x9x9xf32>
    %c2 = kiln.conv2d %r1, %w2 {groups = 12 : i64, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x12x9x9xf32>, tensor<12x1x3x3xf32>) -> tensor<1x12x9x9xf32>
    %n2 = kiln.batch_norm %c2, %g1, %b1, %m1, %v1 : (tensor<1x12x9x9xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>) -> tensor<1x12x9x9xf32>
    %c3 = kiln.conv2d %n2, %w3 : (tensor<1x12x9x9xf32>, tensor<12x12x1x1xf32>) -> tensor<1x12x9x9xf32>
    %n3 = kiln.batch_norm %c3, %g2, %b2, %m2, %v2 : (tensor<1x12x9x9xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>) -> tensor<1x12x9x9xf32>
    %r3 = kiln.relu %n3 : tensor<1x12x9x9xf32>

    %cat = kiln.concat %x1, %r3 {axis = 1 : i64} : (tensor<1x12x9x9xf32>, tensor<1x12x9x9xf32>) -> tensor<1x24x9x9xf32>
    %y = kiln.channel_shuffle %cat {groups = 2 : i64} : (tensor<1x24x9x9xf32>) -> tensor<1x24x9x9xf32>
    return %y : tensor<1x24x9x9xf32>
  }
}
