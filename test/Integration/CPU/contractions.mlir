// Matmuls and convolutions with the shapes the GPU pipeline's tiled kernels
// must get right: sizes that are not multiples of the tiles (M, N and K),
// stride 2, dilation 2, padding, groups, a bias, and an activation and a
// residual add after the convolution (fused into the tiled kernel on the
// GPU). Compared with numpy; test/Integration/GPU/emulated-tiled.test runs it
// through the tiled GPU kernels.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/contractions.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @contractions {
  func.func @main(%x: tensor<2x24x13x11xf32> {kiln.name = "x"}, %w: tensor<40x24x3x3xf32> {kiln.name = "w"},
                  %b: tensor<40xf32> {kiln.name = "b"},
                  %g: tensor<1x32x10x10xf32> {kiln.name = "g"}, %gw: tensor<64x16x3x3xf32> {kiln.name = "gw"},
                  %r: tensor<1x48x9x9xf32> {kiln.name = "r"}, %rw: tensor<48x48x3x3xf32> {kiln.name = "rw"},
                  %ma: tensor<70x45xf32> {kiln.name = "ma"}, %mb: tensor<45x100xf32> {kiln.name = "mb"},
                  %ba: tensor<3x33x20xf32> {kiln.name = "ba"}, %bb: tensor<3x20x40xf32> {kiln.name = "bb"})
      -> (tensor<2x40x7x6xf32> {kiln.name = "conv_s2"}, tensor<1x64x10x10xf32> {kiln.name = "grouped"},
          tensor<1x48x9x9xf32> {kiln.name = "residual"}, tensor<70x100xf32> {kiln.name = "mm"},
          tensor<3x33x40xf32> {kiln.name = "bmm"}) {
    %c = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<2x24x13x11xf32>, tensor<40x24x3x3xf32>, tensor<40xf32>) -> tensor<2x40x7x6xf32>
    %c1 = kiln.relu %c : tensor<2x40x7x6xf32>
    %gc = kiln.conv2d %g, %gw {padding = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>, groups = 2 : i64} : (tensor<1x32x10x10xf32>, tensor<64x16x3x3xf32>) -> tensor<1x64x10x10xf32>
    %rc = kiln.conv2d %r, %rw {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x48x9x9xf32>, tensor<48x48x3x3xf32>) -> tensor<1x48x9x9xf32>
    %rs = kiln.add %rc, %r : (tensor<1x48x9x9xf32>, tensor<1x48x9x9xf32>) -> tensor<1x48x9x9xf32>
    %ry = kiln.relu %rs : tensor<1x48x9x9xf32>
    %mm = kiln.matmul %ma, %mb : (tensor<70x45xf32>, tensor<45x100xf32>) -> tensor<70x100xf32>
    %bmm = kiln.matmul %ba, %bb : (tensor<3x33x20xf32>, tensor<3x20x40xf32>) -> tensor<3x33x40xf32>
    return %c1, %gc, %ry, %mm, %bmm : tensor<2x40x7x6xf32>, tensor<1x64x10x10xf32>, tensor<1x48x9x9xf32>, tensor<70x100xf32>, tensor<3x33x40xf32>
  }
}
