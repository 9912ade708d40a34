// Grouped convolutions with strided columns (ResNeXt's and RegNet's
// downsampling blocks). Their register tiles read every other input column
// through a broadcast along the group's output channels, which the
// vectorizer's strided-read rewrite does not handle; it used to create ops
// before giving up, so that kiln-vectorize never converged and the model did
// not compile. Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/conv_grouped_strided.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @grouped_strided {
  func.func @main(%x: tensor<1x32x28x28xf32> {kiln.name = "x"}, %w: tensor<32x4x3x3xf32> {kiln.name = "w"},
                  %b: tensor<32xf32> {kiln.name = "b"},
                  %y: tensor<2x16x15x15xf32> {kiln.name = "y"}, %v: tensor<24x2x3x3xf32> {kiln.name = "v"})
      -> (tensor<1x32x14x14xf32> {kiln.name = "groups8"}, tensor<2x24x7x7xf32> {kiln.name = "groups8_unpadded"}) {
    %c = kiln.conv2d %x, %w, %b {groups = 8 : i64, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
        : (tensor<1x32x28x28xf32>, tensor<32x4x3x3xf32>, tensor<32xf32>) -> tensor<1x32x14x14xf32>
    %r = kiln.relu %c : tensor<1x32x14x14xf32>
    %d = kiln.conv2d %y, %v {groups = 8 : i64, strides = array<i64: 2, 2>}
        : (tensor<2x16x15x15xf32>, tensor<24x2x3x3xf32>) -> tensor<2x24x7x7xf32>
    return %r, %d : tensor<1x32x14x14xf32>, tensor<2x24x7x7xf32>
  }
}
