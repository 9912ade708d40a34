// Convolutions whose output rows leave a remainder of an odd size after whole
// vectors (14 and 7 pixels with AVX2's 8 lanes), which kiln-widen-conv-rows
// computes on wider rows and copies out: with a bias and ReLU (ResNet's 14x14
// stage), feeding a residual add (7x7), strided (14 -> 7), and without
// padding, feeding a reshape. Compared with numpy; the WIDE check shows that
// the four were widened at vector-bits=256 and the rows of 16 left alone.
// RUN: kiln-compile %s -o %t.so --vector-bits=256
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/conv_odd_rows.py | FileCheck %s
// RUN: kiln-opt %s --kiln-graph-pipeline --convert-kiln-to-linalg --kiln-widen-conv-rows="vector-bits=256" | FileCheck %s --check-prefix=WIDE
// CHECK-NOT: FAIL
// CHECK: PASS
// WIDE: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x24x14x16xf32>
// WIDE: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x40x7x8xf32>
// WIDE: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x16x7x8xf32>
// WIDE: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x8x7x8xf32>
// WIDE: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x8x16x16xf32>
// WIDE-NOT: linalg.conv_2d_nchw_fchw

module @odd_rows {
  func.func @main(%x: tensor<1x32x14x14xf32> {kiln.name = "x"}, %w: tensor<24x32x3x3xf32> {kiln.name = "w"},
                  %b: tensor<24xf32> {kiln.name = "b"},
                  %r: tensor<1x40x7x7xf32> {kiln.name = "r"}, %rw: tensor<40x40x3x3xf32> {kiln.name = "rw"},
                  %sw: tensor<16x32x3x3xf32> {kiln.name = "sw"},
                  %u: tensor<1x12x9x9xf32> {kiln.name = "u"}, %uw: tensor<8x12x3x3xf32> {kiln.name = "uw"},
                  %v: tensor<1x6x16x16xf32> {kiln.name = "v"}, %vw: tensor<8x6x3x3xf32> {kiln.name = "vw"})
      -> (tensor<1x24x14x14xf32> {kiln.name = "relu14"}, tensor<1x40x7x7xf32> {kiln.name = "residual7"},
          tensor<1x16x7x7xf32> {kiln.name = "strided"}, tensor<1x392xf32> {kiln.name = "unpadded"},
          tensor<1x8x16x16xf32> {kiln.name = "rows16"}) {
    %c = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x32x14x14xf32>, tensor<24x32x3x3xf32>, tensor<24xf32>) -> tensor<1x24x14x14xf32>
    %relu = kiln.relu %c : tensor<1x24x14x14xf32>
    %rc = kiln.conv2d %r, %rw {padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x40x7x7xf32>, tensor<40x40x3x3xf32>) -> tensor<1x40x7x7xf32>
    %rs = kiln.add %rc, %r : (tensor<1x40x7x7xf32>, tensor<1x40x7x7xf32>) -> tensor<1x40x7x7xf32>
    %s = kiln.conv2d %x, %sw {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
        : (tensor<1x32x14x14xf32>, tensor<16x32x3x3xf32>) -> tensor<1x16x7x7xf32>
    %uc = kiln.conv2d %u, %uw : (tensor<1x12x9x9xf32>, tensor<8x12x3x3xf32>) -> tensor<1x8x7x7xf32>
    %vc = kiln.conv2d %v, %vw {padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x6x16x16xf32>, tensor<8x6x3x3xf32>) -> tensor<1x8x16x16xf32>
    %flat = kiln.flatten %uc {axis = 1 : i64} : (tensor<1x8x7x7xf32>) -> tensor<1x392xf32>
    return %relu, %rs, %s, %flat, %vc
        : tensor<1x24x14x14xf32>, tensor<1x40x7x7xf32>, tensor<1x16x7x7xf32>, tensor<1x392xf32>, tensor<1x8x16x16xf32>
  }
}
