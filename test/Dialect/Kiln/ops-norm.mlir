// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of the normalization and softmax ops, in custom and generic form.

// CHECK-LABEL: func @batch_norm_default
func.func @batch_norm_default(%x: tensor<1x16x8x8xf32>, %scale: tensor<16xf32>, %bias: tensor<16xf32>, %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = kiln.batch_norm %x, %scale, %bias, %mean, %var : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func @batch_norm_epsilon
func.func @batch_norm_epsilon(%x: tensor<2x4x5xf16>, %p: tensor<4xf16>) -> tensor<2x4x5xf16> {
  // CHECK: kiln.batch_norm %[[X:.*]], %[[P:.*]], %[[P]], %[[P]], %[[P]] {epsilon = 1.000000e-03 : f64} : (tensor<2x4x5xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x4x5xf16>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<2x4x5xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x4x5xf16>
  return %0 : tensor<2x4x5xf16>
}

// Rank 2 ([N, C]) and a zero epsilon are allowed.
// CHECK-LABEL: func @batch_norm_rank2_zero_epsilon
func.func @batch_norm_rank2_zero_epsilon(%x: tensor<8x3xbf16>, %p: tensor<3xbf16>) -> tensor<8x3xbf16> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 0.000000e+00 : f64} : (tensor<8x3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<8x3xbf16>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 0.0 : f64} : (tensor<8x3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<8x3xbf16>
  return %0 : tensor<8x3xbf16>
}

// CHECK-LABEL: func @layer_norm_scale_bias
func.func @layer_norm_scale_bias(%x: tensor<2x128x768xf32>, %gamma: tensor<768xf32>, %beta: tensor<768xf32>) -> tensor<2x128x768xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} bias %{{.*}} : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x128x768xf32>
  %0 = kiln.layer_norm %x scale %gamma bias %beta : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x128x768xf32>
  return %0 : tensor<2x128x768xf32>
}

// CHECK-LABEL: func @layer_norm_scale_only
func.func @layer_norm_scale_only(%x: tensor<2x3x4xf32>, %gamma: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @layer_norm_bias_only
func.func @layer_norm_bias_only(%x: tensor<2x3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} bias %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x bias %beta : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @layer_norm_no_affine
func.func @layer_norm_no_affine(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// A positive axis, an explicit epsilon, and scale/bias that broadcast to the
// normalized shape [3, 4] with fewer dimensions or size-1 dimensions.
// CHECK-LABEL: func @layer_norm_axis_epsilon
func.func @layer_norm_axis_epsilon(%x: tensor<2x3x4xf64>, %gamma: tensor<3x4xf64>, %beta: tensor<1x4xf64>) -> tensor<2x3x4xf64> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} bias %{{.*}} {axis = 1 : i64, epsilon = 1.000000e-03 : f64} : (tensor<2x3x4xf64>, tensor<3x4xf64>, tensor<1x4xf64>) -> tensor<2x3x4xf64>
  %0 = kiln.layer_norm %x scale %gamma bias %beta {axis = 1 : i64, epsilon = 1.0e-3 : f64} : (tensor<2x3x4xf64>, tensor<3x4xf64>, tensor<1x4xf64>) -> tensor<2x3x4xf64>
  return %0 : tensor<2x3x4xf64>
}

// CHECK-LABEL: func @layer_norm_negative_axis
func.func @layer_norm_negative_axis(%x: tensor<2x3x4xf32>, %gamma: tensor<1xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} {axis = -3 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma {axis = -3 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @softmax_default
func.func @softmax_default(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.softmax %{{.*}} : tensor<2x10xf32>
  %0 = kiln.softmax %x : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// CHECK-LABEL: func @softmax_axis
func.func @softmax_axis(%x: tensor<2x4x8x8xf16>) -> tensor<2x4x8x8xf16> {
  // CHECK: kiln.softmax %{{.*}} {axis = 1 : i64} : tensor<2x4x8x8xf16>
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<2x4x8x8xf16>
  return %0 : tensor<2x4x8x8xf16>
}

// CHECK-LABEL: func @softmax_negative_axis
func.func @softmax_negative_axis(%x: tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = -4 : i64} : tensor<2x4x8x8xf32>
  %0 = kiln.softmax %x {axis = -4 : i64} : tensor<2x4x8x8xf32>
  return %0 : tensor<2x4x8x8xf32>
}

// CHECK-LABEL: func @log_softmax_default
func.func @log_softmax_default(%x: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK: kiln.log_softmax %{{.*}} : tensor<3xf32>
  %0 = kiln.log_softmax %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func @log_softmax_axis
func.func @log_softmax_axis(%x: tensor<2x10xbf16>) -> tensor<2x10xbf16> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 0 : i64} : tensor<2x10xbf16>
  %0 = kiln.log_softmax %x {axis = 0 : i64} : tensor<2x10xbf16>
  return %0 : tensor<2x10xbf16>
}

// CHECK-LABEL: func @log_softmax_negative_axis
func.func @log_softmax_negative_axis(%x: tensor<2x10xf64>) -> tensor<2x10xf64> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = -2 : i64} : tensor<2x10xf64>
  %0 = kiln.log_softmax %x {axis = -2 : i64} : tensor<2x10xf64>
  return %0 : tensor<2x10xf64>
}
