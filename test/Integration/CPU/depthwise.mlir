// Depthwise convolutions (kiln.conv2d with groups = channels) as models
// have them: 3x3 and 5x5 windows, strides 1 and 2, dilation 2, symmetric,
// asymmetric and no padding, odd and non-square sizes, rows of 7 to 57
// pixels, batch 2, with bias and ReLU6 fused as epilogues, and kernels both
// large enough for thread tiles (the pad fused into them) and small enough to
// run whole. Their register tiles hold several output rows of one channel and
// the whole window (kiln-tile-and-fuse, kiln-vectorize) and read the unpadded
// input in place: tiles inside it, across its top and bottom rows, and at
// each offset across its first and last columns (a last full tile that
// crosses the right border at 64 and 112, rows of 5 and 7 shorter than a
// read of stride 2, rows of 2 under a 5x5 window of stride 3, padding wider
// than the window reaches, asymmetric on both axes). Compared with numpy in float64.
// By default the tiles of planes under 56x56 whose columns cross a border
// read a padded copy instead (fewer versions to compile); the second run
// reads every plane in place.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/depthwise.py | FileCheck %s
// RUN: kiln-compile %s --depthwise-versioned-min-pixels=0 -o %t.inplace.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.inplace.so %S/Inputs/depthwise.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @depthwise {
  func.func @main(%x_s1_56: tensor<1x144x56x56xf32> {kiln.name = "x_s1_56"},
                  %w_s1_56: tensor<144x1x3x3xf32> {kiln.name = "w_s1_56"},
                  %b_s1_56: tensor<144xf32> {kiln.name = "b_s1_56"},
                  %x_s2_odd: tensor<1x32x113x113xf32> {kiln.name = "x_s2_odd"},
                  %w_s2_odd: tensor<32x1x3x3xf32> {kiln.name = "w_s2_odd"},
                  %b_s2_odd: tensor<32xf32> {kiln.name = "b_s2_odd"},
                  %x_k5_14: tensor<1x40x14x14xf32> {kiln.name = "x_k5_14"},
                  %w_k5_14: tensor<40x1x5x5xf32> {kiln.name = "w_k5_14"},
                  %b_k5_14: tensor<40xf32> {kiln.name = "b_k5_14"},
                  %x_k5_s2_odd: tensor<1x24x15x15xf32> {kiln.name = "x_k5_s2_odd"},
                  %w_k5_s2_odd: tensor<24x1x5x5xf32> {kiln.name = "w_k5_s2_odd"},
                  %x_s1_7: tensor<1x960x7x7xf32> {kiln.name = "x_s1_7"},
                  %w_s1_7: tensor<960x1x3x3xf32> {kiln.name = "w_s1_7"},
                  %b_s1_7: tensor<960xf32> {kiln.name = "b_s1_7"},
                  %x_valid_odd: tensor<1x16x13x11xf32> {kiln.name = "x_valid_odd"},
                  %w_valid_odd: tensor<16x1x3x3xf32> {kiln.name = "w_valid_odd"},
                  %x_asym_s2: tensor<1x48x28x28xf32> {kiln.name = "x_asym_s2"},
                  %w_asym_s2: tensor<48x1x3x3xf32> {kiln.name = "w_asym_s2"},
                  %b_asym_s2: tensor<48xf32> {kiln.name = "b_asym_s2"},
                  %x_dilated: tensor<1x8x20x20xf32> {kiln.name = "x_dilated"},
                  %w_dilated: tensor<8x1x3x3xf32> {kiln.name = "w_dilated"},
                  %x_batch2: tensor<2x8x10x10xf32> {kiln.name = "x_batch2"},
                  %w_batch2: tensor<8x1x3x3xf32> {kiln.name = "w_batch2"},
                  %b_batch2: tensor<8xf32> {kiln.name = "b_batch2"},
                  %x_small: tensor<1x4x6x6xf32> {kiln.name = "x_small"},
                  %w_small: tensor<4x1x3x3xf32> {kiln.name = "w_small"},
                  %x_s1_64: tensor<1x8x64x64xf32> {kiln.name = "x_s1_64"},
                  %w_s1_64: tensor<8x1x3x3xf32> {kiln.name = "w_s1_64"},
                  %b_s1_64: tensor<8xf32> {kiln.name = "b_s1_64"},
                  %x_s2_7: tensor<1x8x7x7xf32> {kiln.name = "x_s2_7"},
                  %w_s2_7: tensor<8x1x3x3xf32> {kiln.name = "w_s2_7"},
                  %x_k5_7: tensor<1x32x7x7xf32> {kiln.name = "x_k5_7"},
                  %w_k5_7: tensor<32x1x5x5xf32> {kiln.name = "w_k5_7"},
                  %b_k5_7: tensor<32xf32> {kiln.name = "b_k5_7"},
                  %x_k5_s2_14: tensor<1x16x14x14xf32> {kiln.name = "x_k5_s2_14"},
                  %w_k5_s2_14: tensor<16x1x5x5xf32> {kiln.name = "w_k5_s2_14"},
                  %x_k5_asym: tensor<1x8x20x30xf32> {kiln.name = "x_k5_asym"},
                  %w_k5_asym: tensor<8x1x5x5xf32> {kiln.name = "w_k5_asym"},
                  %x_k5_s2_112: tensor<1x8x112x112xf32> {kiln.name = "x_k5_s2_112"},
                  %w_k5_s2_112: tensor<8x1x5x5xf32> {kiln.name = "w_k5_s2_112"},
                  %b_k5_s2_112: tensor<8xf32> {kiln.name = "b_k5_s2_112"},
                  %x_s1_5: tensor<1x4x5x5xf32> {kiln.name = "x_s1_5"},
                  %w_s1_5: tensor<4x1x3x3xf32> {kiln.name = "w_s1_5"},
                  %x_k3_wide_pad: tensor<1x8x9x12xf32> {kiln.name = "x_k3_wide_pad"},
                  %w_k3_wide_pad: tensor<8x1x3x3xf32> {kiln.name = "w_k3_wide_pad"},
                  %x_tiny_s3: tensor<1x2x2x2xf32> {kiln.name = "x_tiny_s3"},
                  %w_tiny_s3: tensor<2x1x5x5xf32> {kiln.name = "w_tiny_s3"})
      -> (tensor<1x144x56x56xf32> {kiln.name = "y_s1_56"}, tensor<1x32x57x57xf32> {kiln.name = "y_s2_odd"}, tensor<1x40x14x14xf32> {kiln.name = "y_k5_14"}, tensor<1x24x8x8xf32> {kiln.name = "y_k5_s2_odd"}, tensor<1x960x7x7xf32> {kiln.name = "y_s1_7"}, tensor<1x16x11x9xf32> {kiln.name = "y_valid_odd"}, tensor<1x48x14x14xf32> {kiln.name = "y_asym_s2"}, tensor<1x8x20x20xf32> {kiln.name = "y_dilated"}, tensor<2x8x10x10xf32> {kiln.name = "y_batch2"}, tensor<1x4x6x6xf32> {kiln.name = "y_small"}, tensor<1x8x64x64xf32> {kiln.name = "y_s1_64"}, tensor<1x8x4x4xf32> {kiln.name = "y_s2_7"}, tensor<1x32x7x7xf32> {kiln.name = "y_k5_7"}, tensor<1x16x7x7xf32> {kiln.name = "y_k5_s2_14"}, tensor<1x8x17x29xf32> {kiln.name = "y_k5_asym"}, tensor<1x8x56x56xf32> {kiln.name = "y_k5_s2_112"}, tensor<1x4x5x5xf32> {kiln.name = "y_s1_5"}, tensor<1x8x12x17xf32> {kiln.name = "y_k3_wide_pad"}, tensor<1x2x1x1xf32> {kiln.name = "y_tiny_s3"}) {
    %c_s1_56 = kiln.conv2d %x_s1_56, %w_s1_56, %b_s1_56 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 144 : i64} : (tensor<1x144x56x56xf32>, tensor<144x1x3x3xf32>, tensor<144xf32>) -> tensor<1x144x56x56xf32>
    %r_s1_56 = kiln.clip %c_s1_56 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x144x56x56xf32>
    %c_s2_odd = kiln.conv2d %x_s2_odd, %w_s2_odd, %b_s2_odd {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 32 : i64} : (tensor<1x32x113x113xf32>, tensor<32x1x3x3xf32>, tensor<32xf32>) -> tensor<1x32x57x57xf32>
    %r_s2_odd = kiln.clip %c_s2_odd {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x32x57x57xf32>
    %c_k5_14 = kiln.conv2d %x_k5_14, %w_k5_14, %b_k5_14 {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 40 : i64} : (tensor<1x40x14x14xf32>, tensor<40x1x5x5xf32>, tensor<40xf32>) -> tensor<1x40x14x14xf32>
    %r_k5_14 = kiln.clip %c_k5_14 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x40x14x14xf32>
    %c_k5_s2_odd = kiln.conv2d %x_k5_s2_odd, %w_k5_s2_odd {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 24 : i64} : (tensor<1x24x15x15xf32>, tensor<24x1x5x5xf32>) -> tensor<1x24x8x8xf32>
    %c_s1_7 = kiln.conv2d %x_s1_7, %w_s1_7, %b_s1_7 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 960 : i64} : (tensor<1x960x7x7xf32>, tensor<960x1x3x3xf32>, tensor<960xf32>) -> tensor<1x960x7x7xf32>
    %r_s1_7 = kiln.clip %c_s1_7 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x960x7x7xf32>
    %c_valid_odd = kiln.conv2d %x_valid_odd, %w_valid_odd {padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 16 : i64} : (tensor<1x16x13x11xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x11x9xf32>
    %c_asym_s2 = kiln.conv2d %x_asym_s2, %w_asym_s2, %b_asym_s2 {padding = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 48 : i64} : (tensor<1x48x28x28xf32>, tensor<48x1x3x3xf32>, tensor<48xf32>) -> tensor<1x48x14x14xf32>
    %r_asym_s2 = kiln.clip %c_asym_s2 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x48x14x14xf32>
    %c_dilated = kiln.conv2d %x_dilated, %w_dilated {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, groups = 8 : i64} : (tensor<1x8x20x20xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x20x20xf32>
    %c_batch2 = kiln.conv2d %x_batch2, %w_batch2, %b_batch2 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<2x8x10x10xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<2x8x10x10xf32>
    %r_batch2 = kiln.clip %c_batch2 {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x8x10x10xf32>
    %c_small = kiln.conv2d %x_small, %w_small {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 4 : i64} : (tensor<1x4x6x6xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
    %c_s1_64 = kiln.conv2d %x_s1_64, %w_s1_64, %b_s1_64 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<1x8x64x64xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x64x64xf32>
    %r_s1_64 = kiln.clip %c_s1_64 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x8x64x64xf32>
    %c_s2_7 = kiln.conv2d %x_s2_7, %w_s2_7 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<1x8x7x7xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32>
    %c_k5_7 = kiln.conv2d %x_k5_7, %w_k5_7, %b_k5_7 {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 32 : i64} : (tensor<1x32x7x7xf32>, tensor<32x1x5x5xf32>, tensor<32xf32>) -> tensor<1x32x7x7xf32>
    %r_k5_7 = kiln.clip %c_k5_7 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x32x7x7xf32>
    %c_k5_s2_14 = kiln.conv2d %x_k5_s2_14, %w_k5_s2_14 {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 16 : i64} : (tensor<1x16x14x14xf32>, tensor<16x1x5x5xf32>) -> tensor<1x16x7x7xf32>
    %c_k5_asym = kiln.conv2d %x_k5_asym, %w_k5_asym {padding = array<i64: 1, 2, 0, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<1x8x20x30xf32>, tensor<8x1x5x5xf32>) -> tensor<1x8x17x29xf32>
    %c_k5_s2_112 = kiln.conv2d %x_k5_s2_112, %w_k5_s2_112, %b_k5_s2_112 {padding = array<i64: 1, 2, 2, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<1x8x112x112xf32>, tensor<8x1x5x5xf32>, tensor<8xf32>) -> tensor<1x8x56x56xf32>
    %r_k5_s2_112 = kiln.clip %c_k5_s2_112 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x8x56x56xf32>
    %c_s1_5 = kiln.conv2d %x_s1_5, %w_s1_5 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 4 : i64} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x5x5xf32>
    %c_k3_wide_pad = kiln.conv2d %x_k3_wide_pad, %w_k3_wide_pad {padding = array<i64: 3, 3, 2, 4>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 8 : i64} : (tensor<1x8x9x12xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x12x17xf32>
    %c_tiny_s3 = kiln.conv2d %x_tiny_s3, %w_tiny_s3 {padding = array<i64: 2, 2, 2, 2>, strides = array<i64: 3, 3>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x2x2x2xf32>, tensor<2x1x5x5xf32>) -> tensor<1x2x1x1xf32>
    return %r_s1_56, %r_s2_odd, %r_k5_14, %c_k5_s2_odd, %r_s1_7, %c_valid_odd, %r_asym_s2, %c_dilated, %r_batch2, %c_small, %r_s1_64, %c_s2_7, %r_k5_7, %c_k5_s2_14, %c_k5_asym, %r_k5_s2_112, %c_s1_5, %c_k3_wide_pad, %c_tiny_s3 : tensor<1x144x56x56xf32>, tensor<1x32x57x57xf32>, tensor<1x40x14x14xf32>, tensor<1x24x8x8xf32>, tensor<1x960x7x7xf32>, tensor<1x16x11x9xf32>, tensor<1x48x14x14xf32>, tensor<1x8x20x20xf32>, tensor<2x8x10x10xf32>, tensor<1x4x6x6xf32>, tensor<1x8x64x64xf32>, tensor<1x8x4x4xf32>, tensor<1x32x7x7xf32>, tensor<1x16x7x7xf32>, tensor<1x8x17x29xf32>, tensor<1x8x56x56xf32>, tensor<1x4x5x5xf32>, tensor<1x8x12x17xf32>, tensor<1x2x1x1xf32>
  }
}
