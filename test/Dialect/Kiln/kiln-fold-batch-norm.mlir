// RUN: kiln-opt %s --kiln-fold-batch-norm --split-input-file | FileCheck %s

// s = scale / sqrt(var + eps) = [1, 2, 2]; filter rows scale by s, and
// bias' = (bias - mean) * s + beta.
// CHECK-LABEL: func @fold
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x4x4xf32>)
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[6.000000e+00]], {{\[}}[8.000000e+00]]], {{\[}}{{\[}}[1.000000e+01]], {{\[}}[1.200000e+01]]]]> : tensor<3x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = kiln.constant dense<[0.000000e+00, 3.000000e+00, 0.000000e+00]> : tensor<3xf32>
// CHECK: %[[C:.*]] = kiln.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 2, 2>}
// CHECK-NOT: kiln.batch_norm
// CHECK: return %[[C]]
func.func @fold(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %w = kiln.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %b = kiln.constant dense<[0.5, 1.0, 1.5]> : tensor<3xf32>
  %s = kiln.constant dense<[1.0, 2.0, 4.0]> : tensor<3xf32>
  %t = kiln.constant dense<[0.0, 1.0, -1.0]> : tensor<3xf32>
  %m = kiln.constant dense<[0.5, 0.0, 1.0]> : tensor<3xf32>
  %v = kiln.constant dense<[1.0, 1.0, 4.0]> : tensor<3xf32>
  %c = kiln.conv2d %x, %w, %b {dilations = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  %y = kiln.batch_norm %c, %s, %t, %m, %v {epsilon = 0.0 : f64} : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// Without a bias the folded bias is beta - mean * s.
// CHECK-LABEL: func @fold_no_bias
// CHECK: %[[B:.*]] = kiln.constant dense<[-1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] {groups = 2 : i64}
// CHECK-NOT: kiln.batch_norm
func.func @fold_no_bias(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = kiln.constant dense<1.0> : tensor<2x1x1x1xf32>
  %one = kiln.constant dense<1.0> : tensor<2xf32>
  %zero = kiln.constant dense<0.0> : tensor<2xf32>
  %m = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %c = kiln.conv2d %x, %w {groups = 2 : i64} : (tensor<1x2x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %y = kiln.batch_norm %c, %one, %zero, %m, %one {epsilon = 0.0 : f64} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// A convolution with another user keeps its batch norm.
// CHECK-LABEL: func @conv_used_twice
// CHECK: kiln.batch_norm
func.func @conv_used_twice(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = kiln.constant dense<1.0> : tensor<2x2x1x1xf32>
  %p = kiln.constant dense<1.0> : tensor<2xf32>
  %c = kiln.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %y = kiln.batch_norm %c, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y, %c : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Weights that are not constants are not folded.
// CHECK-LABEL: func @runtime_filter
// CHECK: kiln.batch_norm
func.func @runtime_filter(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %p = kiln.constant dense<1.0> : tensor<2xf32>
  %c = kiln.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %y = kiln.batch_norm %c, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// A batch norm after something other than a convolution stays.
// CHECK-LABEL: func @not_after_conv
// CHECK: kiln.batch_norm
func.func @not_after_conv(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %p = kiln.constant dense<1.0> : tensor<2xf32>
  %r = kiln.relu %x : tensor<1x2x4x4xf32>
  %y = kiln.batch_norm %r, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}
