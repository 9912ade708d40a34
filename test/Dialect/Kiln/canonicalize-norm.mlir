// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

// A negative axis becomes the equivalent non-negative one; a non-negative
// axis is left as it is.

// CHECK-LABEL: func @softmax_negative_axis
func.func @softmax_negative_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 1 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x {axis = -2 : i64} : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// The default axis (-1) is made explicit.
// CHECK-LABEL: func @softmax_default_axis
func.func @softmax_default_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 2 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func @softmax_nonnegative_axis
func.func @softmax_nonnegative_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 0 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x {axis = 0 : i64} : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_negative_axis
func.func @log_softmax_negative_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 0 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x {axis = -2 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_default_axis
func.func @log_softmax_default_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 1 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_nonnegative_axis
func.func @log_softmax_nonnegative_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 1 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x {axis = 1 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// The operands and epsilon are kept.
// CHECK-LABEL: func @layer_norm_negative_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[G:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @layer_norm_negative_axis(%x: tensor<2x3x4xf32>, %gamma: tensor<3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %[[X]] scale %[[G]] bias %[[B]] {axis = 1 : i64, epsilon = 1.000000e-03 : f64} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma bias %beta {axis = -2 : i64, epsilon = 1.0e-3 : f64} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @layer_norm_default_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @layer_norm_default_axis(%x: tensor<2x3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %[[X]] bias %[[B]] {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x bias %beta : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @layer_norm_nonnegative_axis
func.func @layer_norm_nonnegative_axis(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Batch normalization has no canonicalization (folding it into a convolution
// is a later pass).
// CHECK-LABEL: func @batch_norm_unchanged
func.func @batch_norm_unchanged(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}
