// RUN: kiln-opt %s --kiln-deinterleave-strided-convs --split-input-file | FileCheck %s

// A padded 3x3 stride-2 conv: the input is padded once, its even columns
// (0, 2, ..., 14: 8 of them) meet window columns 0 and 2, its odd columns
// (1, ..., 13: 7) window column 1; both convolutions keep the row stride,
// the bias goes with the first, and their results are added.
// CHECK-LABEL: func @stride_2
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x14x14xf32>)
// CHECK-DAG: %[[B:.*]] = kiln.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK-DAG: %[[WE:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0.000000e+00, 2.000000e+00], [3.000000e+00, 5.000000e+00], [6.000000e+00, 8.000000e+00]], {{\[}}[9.000000e+00, 1.100000e+01], {{.*}}]]]> : tensor<1x8x3x2xf32>
// CHECK-DAG: %[[WO:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00], [4.000000e+00], [7.000000e+00]], {{\[}}[1.000000e+01], {{.*}}]]]> : tensor<1x8x3x1xf32>
// CHECK: %[[P:.*]] = kiln.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x8x14x14xf32>) -> tensor<1x8x16x16xf32>
// CHECK: %[[E:.*]] = kiln.slice %[[P]] {ends = array<i64: 1, 8, 16, 15>, starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x8xf32>
// CHECK: %[[A:.*]] = kiln.conv2d %[[E]], %[[WE]], %[[B]] {strides = array<i64: 2, 1>} : (tensor<1x8x16x8xf32>, tensor<1x8x3x2xf32>, tensor<1xf32>) -> tensor<1x1x7x7xf32>
// CHECK: %[[O:.*]] = kiln.slice %[[P]] {ends = array<i64: 1, 8, 16, 14>, starts = array<i64: 0, 0, 0, 1>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x7xf32>
// CHECK: %[[C:.*]] = kiln.conv2d %[[O]], %[[WO]] {strides = array<i64: 2, 1>} : (tensor<1x8x16x7xf32>, tensor<1x8x3x1xf32>) -> tensor<1x1x7x7xf32>
// CHECK: %[[S:.*]] = kiln.add %[[A]], %[[C]]
// CHECK: return %[[S]]
func.func @stride_2(%x: tensor<1x8x14x14xf32>) -> tensor<1x1x7x7xf32> {
  %w = kiln.constant dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], [[9.0, 10.0, 11.0], [12.0, 13.0, 14.0], [15.0, 16.0, 17.0]], [[18.0, 19.0, 20.0], [21.0, 22.0, 23.0], [24.0, 25.0, 26.0]], [[27.0, 28.0, 29.0], [30.0, 31.0, 32.0], [33.0, 34.0, 35.0]], [[36.0, 37.0, 38.0], [39.0, 40.0, 41.0], [42.0, 43.0, 44.0]], [[45.0, 46.0, 47.0], [48.0, 49.0, 50.0], [51.0, 52.0, 53.0]], [[54.0, 55.0, 56.0], [57.0, 58.0, 59.0], [60.0, 61.0, 62.0]], [[63.0, 64.0, 65.0], [66.0, 67.0, 68.0], [69.0, 70.0, 71.0]]]]> : tensor<1x8x3x3xf32>
  %b = kiln.constant dense<1.0> : tensor<1xf32>
  %y = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x8x14x14xf32>, tensor<1x8x3x3xf32>, tensor<1xf32>) -> tensor<1x1x7x7xf32>
  return %y : tensor<1x1x7x7xf32>
}

// -----

// Column stride 3 and a window 5 wide, unpadded, with a row stride of 1 and
// a row dilation of 2: three phases with window columns {0, 3}, {1, 4} and
// {2}.
// CHECK-LABEL: func @stride_3
// CHECK-NOT: kiln.pad
// CHECK: kiln.slice {{.*}}starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 3>} : (tensor<2x4x20x23xf32>) -> tensor<2x4x20x8xf32>
// CHECK: kiln.conv2d {{.*}} {dilations = array<i64: 2, 1>} : (tensor<2x4x20x8xf32>, tensor<6x4x5x2xf32>) -> tensor<2x6x12x7xf32>
// CHECK: kiln.slice {{.*}}starts = array<i64: 0, 0, 0, 1>, steps = array<i64: 1, 1, 1, 3>} : (tensor<2x4x20x23xf32>) -> tensor<2x4x20x8xf32>
// CHECK: kiln.conv2d {{.*}} : (tensor<2x4x20x8xf32>, tensor<6x4x5x2xf32>) -> tensor<2x6x12x7xf32>
// CHECK: kiln.add
// CHECK: kiln.slice {{.*}}starts = array<i64: 0, 0, 0, 2>, steps = array<i64: 1, 1, 1, 3>} : (tensor<2x4x20x23xf32>) -> tensor<2x4x20x7xf32>
// CHECK: kiln.conv2d {{.*}} : (tensor<2x4x20x7xf32>, tensor<6x4x5x1xf32>) -> tensor<2x6x12x7xf32>
// CHECK: kiln.add
// CHECK-NOT: kiln.conv2d
func.func @stride_3(%x: tensor<2x4x20x23xf32>) -> tensor<2x6x12x7xf32> {
  %w = kiln.constant dense<0.5> : tensor<6x4x5x5xf32>
  %y = kiln.conv2d %x, %w {dilations = array<i64: 2, 1>, strides = array<i64: 1, 3>}
      : (tensor<2x4x20x23xf32>, tensor<6x4x5x5xf32>) -> tensor<2x6x12x7xf32>
  return %y : tensor<2x6x12x7xf32>
}

// -----

// Left alone: 1x1 (one window column), unit column stride, grouped, a
// filter computed at run time, fewer than 64 multiply-adds per output (a
// 3x3 stem on 3 channels), dilated columns.
// CHECK-LABEL: func @left_alone
// CHECK-NOT: kiln.slice
// CHECK-NOT: kiln.add
// CHECK: return
func.func @left_alone(%x: tensor<1x8x16x16xf32>, %s: tensor<1x3x16x16xf32>, %wr: tensor<8x8x3x3xf32>)
    -> (tensor<1x8x8x8xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>) {
  %w1 = kiln.constant dense<0.5> : tensor<8x8x1x1xf32>
  %w3 = kiln.constant dense<0.5> : tensor<8x8x3x3xf32>
  %wg = kiln.constant dense<0.5> : tensor<8x4x3x3xf32>
  %ws = kiln.constant dense<0.5> : tensor<8x3x3x3xf32>
  %a = kiln.conv2d %x, %w1 {strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %b = kiln.conv2d %x, %w3 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 1>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x16xf32>
  %c = kiln.conv2d %x, %wg {groups = 2 : i64, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32>
  %d = kiln.conv2d %x, %wr {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
  %e = kiln.conv2d %s, %ws {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  %f = kiln.conv2d %x, %w3 {dilations = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %a, %b, %c, %d, %e, %f : tensor<1x8x8x8xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>
}

// -----

// With channel-vector-bits, a convolution that kiln-conv-channel-vectors
// computes along its output channels at that width (16 channels, rows of 15
// pixels) stays strided; one with rows of whole vectors (16 pixels) is
// split. Without the option both are split.
// RUN: kiln-opt %s --kiln-deinterleave-strided-convs="channel-vector-bits=256" --split-input-file | FileCheck %s --check-prefix=CV
// CV-LABEL: func @channel_vectors
// CV: kiln.conv2d %{{.*}} {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} {{.*}} -> tensor<1x16x15x15xf32>
// CV-COUNT-2: kiln.conv2d {{.*}} -> tensor<1x16x16x16xf32>
// CV-NOT: kiln.conv2d
// CHECK-LABEL: func @channel_vectors
// CHECK-COUNT-4: kiln.conv2d {{.*}}strides = array<i64: 2, 1>
func.func @channel_vectors(%x: tensor<1x16x30x30xf32>, %y: tensor<1x16x32x32xf32>)
    -> (tensor<1x16x15x15xf32>, tensor<1x16x16x16xf32>) {
  %w = kiln.constant dense<0.5> : tensor<16x16x3x3xf32>
  %a = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x16x30x30xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x15x15xf32>
  %b = kiln.conv2d %y, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x16x32x32xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %a, %b : tensor<1x16x15x15xf32>, tensor<1x16x16x16xf32>
}

// -----

// A panel of 16 channels x 512 x 3 x 3 taps is 288 KiB: over the default
// limit of 256 KiB kiln-conv-channel-vectors would not take it, so it is
// split; with the limit the pipeline gives both passes for a 2 MiB L2 cache
// (1024 KiB) it stays strided.
// RUN: kiln-opt %s --kiln-deinterleave-strided-convs="channel-vector-bits=256" --split-input-file | FileCheck %s --check-prefix=PANEL256
// RUN: kiln-opt %s --kiln-deinterleave-strided-convs="channel-vector-bits=256 channel-vector-max-panel-kib=1024" --split-input-file | FileCheck %s --check-prefix=PANEL1024
// CV-LABEL: func @large_panel
// CHECK-LABEL: func @large_panel
// PANEL256-LABEL: func @large_panel
// PANEL256-COUNT-2: kiln.conv2d {{.*}}strides = array<i64: 2, 1>
// PANEL1024-LABEL: func @large_panel
// PANEL1024: kiln.conv2d %{{.*}} {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} {{.*}} -> tensor<1x16x15x15xf32>
// PANEL1024-NOT: kiln.conv2d
func.func @large_panel(%x: tensor<1x512x30x30xf32>) -> tensor<1x16x15x15xf32> {
  %w = kiln.constant dense<0.5> : tensor<16x512x3x3xf32>
  %a = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x512x30x30xf32>, tensor<16x512x3x3xf32>) -> tensor<1x16x15x15xf32>
  return %a : tensor<1x16x15x15xf32>
}

// RUN: not kiln-opt %s --kiln-deinterleave-strided-convs="channel-vector-max-panel-kib=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: kiln-deinterleave-strided-convs: channel-vector-bits and channel-vector-max-panel-kib must be at least 0
