// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// kiln.max_pool2d / kiln.avg_pool2d: a 1x1 window without padding
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @max_pool2d_fold_1x1
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x5x5xf32>)
// CHECK-NOT: kiln.max_pool2d
// CHECK: return %[[X]]
func.func @max_pool2d_fold_1x1(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// Dilations and ceil mode do not matter for a 1x1 window; a stride over a
// dimension of size 1 does not either.
// CHECK-LABEL: func @max_pool2d_fold_1x1_dilated_ceil
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x1x6xi8>)
// CHECK-NOT: kiln.max_pool2d
// CHECK: return %[[X]]
func.func @max_pool2d_fold_1x1_dilated_ceil(%x: tensor<2x3x1x6xi8>) -> tensor<2x3x1x6xi8> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>, strides = array<i64: 4, 1>, dilations = array<i64: 3, 2>, ceil_mode = true} : (tensor<2x3x1x6xi8>) -> tensor<2x3x1x6xi8>
  return %0 : tensor<2x3x1x6xi8>
}

// -----

// A stride of 2 subsamples: not the identity.
// CHECK-LABEL: func @max_pool2d_no_fold_1x1_strided
// CHECK: %[[R:.*]] = kiln.max_pool2d
// CHECK: return %[[R]]
func.func @max_pool2d_no_fold_1x1_strided(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// Same shape, but a 3x3 window.
// CHECK-LABEL: func @max_pool2d_no_fold_3x3_same_shape
// CHECK: %[[R:.*]] = kiln.max_pool2d
// CHECK: return %[[R]]
func.func @max_pool2d_no_fold_3x3_same_shape(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// count_include_pad is irrelevant without padding.
// CHECK-LABEL: func @avg_pool2d_fold_1x1
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x5x5xf16>)
// CHECK-NOT: kiln.avg_pool2d
// CHECK: return %[[X]]
func.func @avg_pool2d_fold_1x1(%x: tensor<1x8x5x5xf16>) -> tensor<1x8x5x5xf16> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x8x5x5xf16>) -> tensor<1x8x5x5xf16>
  return %0 : tensor<1x8x5x5xf16>
}

// -----

// Same shape, but every window is one element and one padding tap, which
// count_include_pad makes divide by 2.
// CHECK-LABEL: func @avg_pool2d_no_fold_padded
// CHECK: %[[R:.*]] = kiln.avg_pool2d
// CHECK: return %[[R]]
func.func @avg_pool2d_no_fold_padded(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 1, 2>, padding = array<i64: 0, 0, 0, 1>, count_include_pad = true} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.global_avg_pool / kiln.global_max_pool: spatial dimensions all 1
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @global_avg_pool_fold
// CHECK-SAME: (%[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK-NOT: kiln.global_avg_pool
// CHECK: return %[[X]]
func.func @global_avg_pool_fold(%x: tensor<1x512x1x1xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.global_avg_pool %x : (tensor<1x512x1x1xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func @global_avg_pool_no_fold
// CHECK: %[[R:.*]] = kiln.global_avg_pool
// CHECK: return %[[R]]
func.func @global_avg_pool_no_fold(%x: tensor<1x512x1x2xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.global_avg_pool %x : (tensor<1x512x1x2xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func @global_max_pool_fold
// CHECK-SAME: (%[[X:.*]]: tensor<4x3x1xi32>)
// CHECK-NOT: kiln.global_max_pool
// CHECK: return %[[X]]
func.func @global_max_pool_fold(%x: tensor<4x3x1xi32>) -> tensor<4x3x1xi32> {
  %0 = kiln.global_max_pool %x : (tensor<4x3x1xi32>) -> tensor<4x3x1xi32>
  return %0 : tensor<4x3x1xi32>
}

// -----

// CHECK-LABEL: func @global_max_pool_no_fold
// CHECK: %[[R:.*]] = kiln.global_max_pool
// CHECK: return %[[R]]
func.func @global_max_pool_no_fold(%x: tensor<1x1x3x1x1xf32>) -> tensor<1x1x1x1x1xf32> {
  %0 = kiln.global_max_pool %x : (tensor<1x1x3x1x1xf32>) -> tensor<1x1x1x1x1xf32>
  return %0 : tensor<1x1x1x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: folding when every reduced dimension already has size 1
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_sum_fold_unit_dim
// CHECK-SAME: (%[[X:.*]]: tensor<2x1x3xf32>)
// CHECK-NOT: kiln.reduce_sum
// CHECK: return %[[X]]
func.func @reduce_sum_fold_unit_dim(%x: tensor<2x1x3xf32>) -> tensor<2x1x3xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x1x3xf32>) -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}

// -----

// CHECK-LABEL: func @reduce_mean_fold_all_unit
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x1xf32>)
// CHECK-NOT: kiln.reduce_mean
// CHECK: return %[[X]]
func.func @reduce_mean_fold_all_unit(%x: tensor<1x1x1xf32>) -> tensor<1x1x1xf32> {
  %0 = kiln.reduce_mean %x : (tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

// CHECK-LABEL: func @reduce_max_fold_negative_axes
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x1xi32>)
// CHECK-NOT: kiln.reduce_max
// CHECK: return %[[X]]
func.func @reduce_max_fold_negative_axes(%x: tensor<1x4x1xi32>) -> tensor<1x4x1xi32> {
  %0 = kiln.reduce_max %x {axes = array<i64: -1, 0>} : (tensor<1x4x1xi32>) -> tensor<1x4x1xi32>
  return %0 : tensor<1x4x1xi32>
}

// -----

// Reducing every dimension of a rank-0 tensor reduces nothing.
// CHECK-LABEL: func @reduce_max_fold_rank0
// CHECK-SAME: (%[[X:.*]]: tensor<f32>)
// CHECK-NOT: kiln.reduce_max
// CHECK: return %[[X]]
func.func @reduce_max_fold_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = kiln.reduce_max %x {keep_dims = false} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A size-4 dimension is reduced.
// CHECK-LABEL: func @reduce_sum_no_fold
// CHECK: %[[R:.*]] = kiln.reduce_sum
// CHECK: return %[[R]]
func.func @reduce_sum_no_fold(%x: tensor<1x4x1xf32>) -> tensor<1x1x1xf32> {
  %0 = kiln.reduce_sum %x : (tensor<1x4x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

// Without keep_dims the unit dimension is removed: the type changes.
// CHECK-LABEL: func @reduce_mean_no_fold_drop_dims
// CHECK: %[[R:.*]] = kiln.reduce_mean %{{.*}} {axes = array<i64: 1>, keep_dims = false}
// CHECK: return %[[R]]
func.func @reduce_mean_no_fold_drop_dims(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A reduced dimension of size 0 becomes 1 (the sum of nothing is 0).
// CHECK-LABEL: func @reduce_sum_no_fold_empty_dim
// CHECK: %[[R:.*]] = kiln.reduce_sum
// CHECK: return %[[R]]
func.func @reduce_sum_no_fold_empty_dim(%x: tensor<2x0xf32>) -> tensor<2x1xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x0xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: axes become non-negative and sorted
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_mean_canonical_axes
// CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
func.func @reduce_mean_canonical_axes(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: -1, 0>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// CHECK-LABEL: func @reduce_sum_canonical_axes_sorted
// CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: 0, 1, 3>, keep_dims = false} : (tensor<2x3x4x5xi64>) -> tensor<4xi64>
func.func @reduce_sum_canonical_axes_sorted(%x: tensor<2x3x4x5xi64>) -> tensor<4xi64> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 3, 0, -3>, keep_dims = false} : (tensor<2x3x4x5xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-LABEL: func @reduce_max_canonical_axes
// CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 1>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
func.func @reduce_max_canonical_axes(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = kiln.reduce_max %x {axes = array<i64: -1>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Already canonical, and the empty list (every dimension) stays empty.
// CHECK-LABEL: func @reduce_max_axes_unchanged
// CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
// CHECK: kiln.reduce_max %{{.*}} : (tensor<2x3xf32>) -> tensor<1x1xf32>
func.func @reduce_max_axes_unchanged(%x: tensor<2x3xf32>) -> (tensor<1x1xf32>, tensor<1x1xf32>) {
  %0 = kiln.reduce_max %x {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  %1 = kiln.reduce_max %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<1x1xf32>, tensor<1x1xf32>
}
