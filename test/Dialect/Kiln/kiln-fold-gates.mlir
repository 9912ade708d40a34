// RUN: kiln-opt %s --kiln-fold-gates --split-input-file | FileCheck %s

// A squeeze-excitation gate before a pointwise conv: the 4x8 filter is
// scaled instead of the 8x16x16 input (F * KH * KW = 4 < H * W = 256).
// CHECK-LABEL: func @gate_into_filter
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x16x16xf32>, %[[G:.*]]: tensor<1x8x1x1xf32>)
// CHECK: %[[W:.*]] = kiln.constant
// CHECK: %[[B:.*]] = kiln.constant
// (the commutative mul's folder puts the constant on the right.)
// CHECK: %[[WG:.*]] = kiln.mul %[[G]], %[[W]] : (tensor<1x8x1x1xf32>, tensor<4x8x1x1xf32>) -> tensor<4x8x1x1xf32>
// CHECK: %[[C:.*]] = kiln.conv2d %[[X]], %[[WG]], %[[B]] {strides = array<i64: 2, 2>}
// CHECK-NOT: kiln.mul
// CHECK: return %[[C]]
func.func @gate_into_filter(%x: tensor<1x8x16x16xf32>, %g: tensor<1x8x1x1xf32>) -> tensor<1x4x8x8xf32> {
  %w = kiln.constant dense<0.5> : tensor<4x8x1x1xf32>
  %b = kiln.constant dense<1.0> : tensor<4xf32>
  %y = kiln.mul %x, %g : (tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x16x16xf32>
  %c = kiln.conv2d %y, %w, %b {strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<4x8x1x1xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %c : tensor<1x4x8x8xf32>
}

// -----

// The gate first, of shape [C, 1, 1], before a padded 3x3 conv (zero padding
// times the gate is still zero): reshaped to [1, C, 1, 1].
// CHECK-LABEL: func @gate_first_3x3
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x8x8xf32>, %[[G:.*]]: tensor<2x1x1xf32>, %[[W:.*]]: tensor<3x2x3x3xf32>)
// CHECK: %[[R:.*]] = kiln.reshape %[[G]] {shape = array<i64: 1, 2, 1, 1>}
// CHECK: %[[WG:.*]] = kiln.mul %[[W]], %[[R]]
// CHECK: kiln.conv2d %[[X]], %[[WG]] {padding = array<i64: 1, 1, 1, 1>}
func.func @gate_first_3x3(%x: tensor<1x2x8x8xf32>, %g: tensor<2x1x1xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x8x8xf32> {
  %y = kiln.mul %g, %x : (tensor<2x1x1xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c = kiln.conv2d %y, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x8x8xf32>
  return %c : tensor<1x3x8x8xf32>
}

// -----

// A constant per-channel scale is folded into a constant filter now, at any
// size: filter[f, c] * s[c].
// CHECK-LABEL: func @constant_scale
// CHECK: %[[W:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00]], {{\[}}[1.200000e+01]]], {{\[}}{{\[}}[6.000000e+00]], {{\[}}[2.400000e+01]]]]> : tensor<2x2x1x1xf32>
// CHECK: kiln.conv2d %{{.*}}, %[[W]]
// CHECK-NOT: kiln.mul
func.func @constant_scale(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %s = kiln.constant dense<[[[[2.0]], [[3.0]]]]> : tensor<1x2x1x1xf32>
  %w = kiln.constant dense<[[[[1.0]], [[4.0]]], [[[3.0]], [[8.0]]]]> : tensor<2x2x1x1xf32>
  %y = kiln.mul %x, %s : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %c = kiln.conv2d %y, %w : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  return %c : tensor<1x2x2x2xf32>
}

// -----

// Left alone: the filter (16 x 3 x 3 = 144 per channel) is larger than the
// image (8 x 8 = 64); the scaled input has another user; a grouped conv; a
// batch of two images with a gate each; a scale that is not per channel.
// CHECK-LABEL: func @left_alone
// CHECK-COUNT-5: kiln.mul %{{[a-z0-9]+}}, %
func.func @left_alone(%x: tensor<1x2x8x8xf32>, %g: tensor<1x2x1x1xf32>, %w: tensor<16x2x3x3xf32>,
                      %w1: tensor<3x2x1x1xf32>, %wg: tensor<2x1x1x1xf32>,
                      %x2: tensor<2x2x8x8xf32>, %g2: tensor<2x2x1x1xf32>, %p: tensor<1x1x8x8xf32>)
    -> (tensor<1x16x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>, tensor<2x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %y0 = kiln.mul %x, %g : (tensor<1x2x8x8xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x8x8xf32>
  %c0 = kiln.conv2d %y0, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x8x8xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x8x8xf32>
  %y1 = kiln.mul %x, %g : (tensor<1x2x8x8xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x8x8xf32>
  %c1 = kiln.conv2d %y1, %w1 : (tensor<1x2x8x8xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x8x8xf32>
  %y2 = kiln.mul %x, %g : (tensor<1x2x8x8xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x8x8xf32>
  %c2 = kiln.conv2d %y2, %wg {groups = 2 : i64} : (tensor<1x2x8x8xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x8x8xf32>
  %y3 = kiln.mul %x2, %g2 : (tensor<2x2x8x8xf32>, tensor<2x2x1x1xf32>) -> tensor<2x2x8x8xf32>
  %c3 = kiln.conv2d %y3, %w1 : (tensor<2x2x8x8xf32>, tensor<3x2x1x1xf32>) -> tensor<2x3x8x8xf32>
  %y4 = kiln.mul %x, %p : (tensor<1x2x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x2x8x8xf32>
  %c4 = kiln.conv2d %y4, %w1 : (tensor<1x2x8x8xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x8x8xf32>
  return %c0, %c1, %y1, %c2, %c3, %c4 : tensor<1x16x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>, tensor<2x3x8x8xf32>, tensor<1x3x8x8xf32>
}
