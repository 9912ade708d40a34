// 1x1 convolutions, which the conv2d lowering computes as matrix products
// over flattened images (docs/CPUCodegen.md, "Pointwise convolutions"):
// batch 2 with a bias and a ReLU (196 pixels: 12 tiles of 16 and one of 4),
// stride 2 on odd sizes (the input is subsampled first), 7x7 images (49
// pixels), a 56x56 one large enough for thread tiles followed by a residual
// add, and two over a channel concat of a slice and a tensor: to 12 channels
// one product per concat input (one more pass over 12 channels costs less
// than a copy of the 16), to 30 channels one product over the copied
// concat. Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pointwise_conv.py | FileCheck %s
// RUN: kiln-compile %s --emit=linalg -o - | FileCheck %s --check-prefix=LINALG
// CHECK-NOT: FAIL
// CHECK: PASS
// LINALG-COUNT-7: linalg.contract
// LINALG-NOT: linalg.contract
// LINALG-NOT: linalg.conv_2d

module @pointwise {
  func.func @main(%a: tensor<2x24x14x14xf32> {kiln.name = "a"}, %aw: tensor<40x24x1x1xf32> {kiln.name = "aw"},
                  %ab: tensor<40xf32> {kiln.name = "ab"},
                  %s: tensor<1x32x15x13xf32> {kiln.name = "s"}, %sw: tensor<48x32x1x1xf32> {kiln.name = "sw"},
                  %sb: tensor<48xf32> {kiln.name = "sb"},
                  %q: tensor<1x96x7x7xf32> {kiln.name = "q"}, %qw: tensor<100x96x1x1xf32> {kiln.name = "qw"},
                  %r: tensor<1x64x56x56xf32> {kiln.name = "r"}, %rw: tensor<64x64x1x1xf32> {kiln.name = "rw"},
                  %c: tensor<1x20x9x9xf32> {kiln.name = "c"}, %d: tensor<1x6x9x9xf32> {kiln.name = "d"},
                  %cw: tensor<30x16x1x1xf32> {kiln.name = "cw"}, %cb: tensor<30xf32> {kiln.name = "cb"},
                  %kw: tensor<12x16x1x1xf32> {kiln.name = "kw"})
      -> (tensor<2x40x14x14xf32> {kiln.name = "batch_relu"}, tensor<1x48x8x7xf32> {kiln.name = "strided"},
          tensor<1x100x7x7xf32> {kiln.name = "small"}, tensor<1x64x56x56xf32> {kiln.name = "residual"},
          tensor<1x30x9x9xf32> {kiln.name = "of_concat"},
          tensor<1x12x9x9xf32> {kiln.name = "of_concat_split"}) {
    %0 = kiln.conv2d %a, %aw, %ab : (tensor<2x24x14x14xf32>, tensor<40x24x1x1xf32>, tensor<40xf32>) -> tensor<2x40x14x14xf32>
    %1 = kiln.relu %0 : tensor<2x40x14x14xf32>
    %2 = kiln.conv2d %s, %sw, %sb {strides = array<i64: 2, 2>} : (tensor<1x32x15x13xf32>, tensor<48x32x1x1xf32>, tensor<48xf32>) -> tensor<1x48x8x7xf32>
    %3 = kiln.conv2d %q, %qw : (tensor<1x96x7x7xf32>, tensor<100x96x1x1xf32>) -> tensor<1x100x7x7xf32>
    %4 = kiln.conv2d %r, %rw : (tensor<1x64x56x56xf32>, tensor<64x64x1x1xf32>) -> tensor<1x64x56x56xf32>
    %5 = kiln.add %4, %r : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
    %sl = kiln.slice %c {starts = array<i64: 0, 3, 0, 0>, ends = array<i64: 1, 13, 9, 9>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x20x9x9xf32>) -> tensor<1x10x9x9xf32>
    %cat = kiln.concat %sl, %d {axis = 1 : i64} : (tensor<1x10x9x9xf32>, tensor<1x6x9x9xf32>) -> tensor<1x16x9x9xf32>
    %6 = kiln.conv2d %cat, %cw, %cb : (tensor<1x16x9x9xf32>, tensor<30x16x1x1xf32>, tensor<30xf32>) -> tensor<1x30x9x9xf32>
    %7 = kiln.conv2d %cat, %kw : (tensor<1x16x9x9xf32>, tensor<12x16x1x1xf32>) -> tensor<1x12x9x9xf32>
    return %1, %2, %3, %5, %6, %7 : tensor<2x40x14x14xf32>, tensor<1x48x8x7xf32>, tensor<1x100x7x7xf32>, tensor<1x64x56x56xf32>, tensor<1x30x9x9xf32>, tensor<1x12x9x9xf32>
  }
}
