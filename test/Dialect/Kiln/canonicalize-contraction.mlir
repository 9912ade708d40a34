// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// kiln.conv2d: a splat-zero bias is dropped
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @conv2d_zero_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.conv2d %[[X]], %[[W]] {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @conv2d_zero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %b = kiln.constant dense<0.0> : tensor<4xf32>
  %0 = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// -0.0 adds nothing either.
// CHECK-LABEL: func @conv2d_negative_zero_bias
// CHECK-NOT: kiln.constant
// CHECK: kiln.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16>
func.func @conv2d_negative_zero_bias(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16> {
  %b = kiln.constant dense<-0.0> : tensor<4xf16>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x6x6xf16>
  return %0 : tensor<1x4x6x6xf16>
}

// -----

// CHECK-LABEL: func @conv2d_nonzero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<5.000000e-01> : tensor<4xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
func.func @conv2d_nonzero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %b = kiln.constant dense<0.5> : tensor<4xf32>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// A bias that is zero only in some channels stays.
// CHECK-LABEL: func @conv2d_partly_zero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x6x6xf32>
func.func @conv2d_partly_zero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %b = kiln.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

// CHECK-LABEL: func @conv2d_argument_bias
// CHECK-SAME: %[[B:[^:]*]]: tensor<4xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
func.func @conv2d_argument_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// kiln.conv_transpose2d: a splat-zero bias is dropped
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @conv_transpose2d_zero_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5xf32>, %[[W:.*]]: tensor<4x2x3x3xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.conv_transpose2d %[[X]], %[[W]] {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x12x12xf32>
// CHECK-NEXT: return %[[R]]
func.func @conv_transpose2d_zero_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x12x12xf32> {
  %b = kiln.constant dense<0.0> : tensor<2xf32>
  %0 = kiln.conv_transpose2d %x, %w, %b {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x12x12xf32>
  return %0 : tensor<1x2x12x12xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_nonzero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<-1.000000e+00> : tensor<2xf32>
// CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
func.func @conv_transpose2d_nonzero_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  %b = kiln.constant dense<-1.0> : tensor<2xf32>
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_argument_bias
// CHECK-SAME: %[[B:[^:]*]]: tensor<2xf32>
// CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
func.func @conv_transpose2d_argument_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x7x7xf32> {
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gemm: a splat-zero addend is dropped when beta is finite
//===----------------------------------------------------------------------===//

// -----

// The attributes stay as they are (beta no longer matters).
// CHECK-LABEL: func @gemm_zero_addend
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<5x4xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.gemm %[[A]], %[[B]] {alpha = 2.000000e+00 : f32, beta = 5.000000e-01 : f32, trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x5xf32>
// CHECK-NEXT: return %[[R]]
func.func @gemm_zero_addend(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_b = true}
      : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @gemm_zero_addend_integer
// CHECK-NOT: kiln.constant
// CHECK: kiln.gemm %{{.*}}, %{{.*}} : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
func.func @gemm_zero_addend_integer(%a: tensor<3x4xi32>, %b: tensor<4x5xi32>) -> tensor<3x5xi32> {
  %c = kiln.constant dense<0> : tensor<3x5xi32>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xi32>, tensor<4x5xi32>, tensor<3x5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// -----

// beta = inf: inf * 0 is NaN, so the zero addend is not a no-op.
// CHECK-LABEL: func @gemm_zero_addend_infinite_beta
// CHECK: %[[C:.*]] = kiln.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0x7F800000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_addend_infinite_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {beta = 0x7F800000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// beta = NaN: NaN * 0 is NaN.
// CHECK-LABEL: func @gemm_zero_addend_nan_beta
// CHECK: %[[C:.*]] = kiln.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0x7FC00000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_addend_nan_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {beta = 0x7FC00000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @gemm_nonzero_addend
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+00> : tensor<3x5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
func.func @gemm_nonzero_addend(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<1.0> : tensor<3x5xf32>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// beta = 0 does not drop an addend that is not a constant zero (0 * inf is NaN).
// CHECK-LABEL: func @gemm_zero_beta
// CHECK-SAME: %[[C:[^:]*]]: tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0.000000e+00 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b, %c {beta = 0.0 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

//===----------------------------------------------------------------------===//
// kiln.matmul: no folders
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @matmul_unchanged
// CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
func.func @matmul_unchanged(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
