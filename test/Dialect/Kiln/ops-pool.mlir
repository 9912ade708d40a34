// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of the pooling and reduction ops, in custom and generic form.
// Attributes equal to their default are not printed.

//===----------------------------------------------------------------------===//
// kiln.max_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @max_pool2d_defaults
func.func @max_pool2d_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  return %0 : tensor<1x8x5x4xf32>
}

// CHECK-LABEL: func @max_pool2d_explicit_defaults
func.func @max_pool2d_explicit_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>, strides = array<i64: 1, 1>,
                           dilations = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>,
                           ceil_mode = false} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  return %0 : tensor<1x8x5x4xf32>
}

// (112 + 1 + 1 - 3) / 2 + 1 = 56
// CHECK-LABEL: func @max_pool2d_resnet_stem
func.func @max_pool2d_resnet_stem(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// Height: effective kernel 2 * (3 - 1) + 1 = 5, (10 + 2 + 0 - 5) / 1 + 1 = 8.
// Width: effective kernel 3 * (2 - 1) + 1 = 4, (9 + 0 + 3 - 4) / 3 + 1 = 3.
// CHECK-LABEL: func @max_pool2d_dilated_asymmetric
func.func @max_pool2d_dilated_asymmetric(%x: tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16> {
  // CHECK: kiln.max_pool2d %{{.*}} {dilations = array<i64: 2, 3>, kernel = array<i64: 3, 2>, padding = array<i64: 2, 0, 0, 3>, strides = array<i64: 1, 3>} : (tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 1, 3>, dilations = array<i64: 2, 3>, padding = array<i64: 2, 0, 0, 3>} : (tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16>
  return %0 : tensor<2x3x8x3xf16>
}

// Floor: (7 - 2) / 2 + 1 = 3; ceil: ceil(5 / 2) + 1 = 4, last window starts at
// 6 < 7, kept.
// CHECK-LABEL: func @max_pool2d_ceil_mode
func.func @max_pool2d_ceil_mode(%x: tensor<1x4x7x7xi8>) -> (tensor<1x4x3x3xi8>, tensor<1x4x4x4xi8>) {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x3x3xi8>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x3x3xi8>
  // CHECK: kiln.max_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x4x4xi8>
  %1 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x4x7x7xi8>) -> tensor<1x4x4x4xi8>
  return %0, %1 : tensor<1x4x3x3xi8>, tensor<1x4x4x4xi8>
}

// Ceil mode, PyTorch's correction: H = 5, pad 1 + 1, kernel 2, stride 2:
// ceil((5 + 2 - 2) / 2) + 1 = 4, but window 3 would start at 3 * 2 = 6 >= 5 + 1
// (in the trailing padding), so 3 windows.
// CHECK-LABEL: func @max_pool2d_ceil_mode_last_window
func.func @max_pool2d_ceil_mode_last_window(%x: tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32> {
  // CHECK: kiln.max_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
  return %0 : tensor<1x1x3x3xi32>
}

//===----------------------------------------------------------------------===//
// kiln.avg_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @avg_pool2d_defaults
func.func @avg_pool2d_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32> {
  // CHECK: kiln.avg_pool2d %{{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, count_include_pad = false} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// CHECK-LABEL: func @avg_pool2d_all_attributes
func.func @avg_pool2d_all_attributes(%x: tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16> {
  // CHECK: kiln.avg_pool2d %{{.*}} {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 2>, kernel = array<i64: 3, 2>, padding = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 2>, padding = array<i64: 1, 0, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16>
  return %0 : tensor<1x8x4x4xbf16>
}

// CHECK-LABEL: func @avg_pool2d_f64
func.func @avg_pool2d_f64(%x: tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64> {
  // CHECK: kiln.avg_pool2d %{{.*}} {kernel = array<i64: 4, 4>} : (tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 4, 4>} : (tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64>
  return %0 : tensor<0x3x1x1xf64>
}

//===----------------------------------------------------------------------===//
// kiln.global_avg_pool / kiln.global_max_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @global_avg_pool_2d
func.func @global_avg_pool_2d(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  %0 = kiln.global_avg_pool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// CHECK-LABEL: func @global_avg_pool_1d_3d
func.func @global_avg_pool_1d_3d(%x: tensor<2x16x9xf16>, %y: tensor<2x4x3x5x6xf32>) -> (tensor<2x16x1xf16>, tensor<2x4x1x1x1xf32>) {
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<2x16x9xf16>) -> tensor<2x16x1xf16>
  %0 = kiln.global_avg_pool %x : (tensor<2x16x9xf16>) -> tensor<2x16x1xf16>
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<2x4x3x5x6xf32>) -> tensor<2x4x1x1x1xf32>
  %1 = kiln.global_avg_pool %y : (tensor<2x4x3x5x6xf32>) -> tensor<2x4x1x1x1xf32>
  return %0, %1 : tensor<2x16x1xf16>, tensor<2x4x1x1x1xf32>
}

// CHECK-LABEL: func @global_max_pool_float_and_int
func.func @global_max_pool_float_and_int(%x: tensor<1x64x8x8xf32>, %y: tensor<3x2x5xi64>) -> (tensor<1x64x1x1xf32>, tensor<3x2x1xi64>) {
  // CHECK: kiln.global_max_pool %{{.*}} : (tensor<1x64x8x8xf32>) -> tensor<1x64x1x1xf32>
  %0 = kiln.global_max_pool %x : (tensor<1x64x8x8xf32>) -> tensor<1x64x1x1xf32>
  // CHECK: kiln.global_max_pool %{{.*}} : (tensor<3x2x5xi64>) -> tensor<3x2x1xi64>
  %1 = kiln.global_max_pool %y : (tensor<3x2x5xi64>) -> tensor<3x2x1xi64>
  return %0, %1 : tensor<1x64x1x1xf32>, tensor<3x2x1xi64>
}

//===----------------------------------------------------------------------===//
// kiln.reduce_mean / kiln.reduce_sum / kiln.reduce_max
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_mean_defaults
func.func @reduce_mean_defaults(%x: tensor<2x8x16xf32>) -> tensor<1x1x1xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  %0 = kiln.reduce_mean %x : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// CHECK-LABEL: func @reduce_mean_explicit_defaults
func.func @reduce_mean_explicit_defaults(%x: tensor<2x8x16xf32>) -> tensor<1x1x1xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  %0 = kiln.reduce_mean %x {axes = array<i64>, keep_dims = true} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// CHECK-LABEL: func @reduce_mean_negative_axis_drop
func.func @reduce_mean_negative_axis_drop(%x: tensor<2x8x16xf32>) -> tensor<2x8xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: -1>, keep_dims = false} : (tensor<2x8x16xf32>) -> tensor<2x8xf32>
  %0 = kiln.reduce_mean %x {axes = array<i64: -1>, keep_dims = false} : (tensor<2x8x16xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func @reduce_mean_int
func.func @reduce_mean_int(%x: tensor<4x6xi32>) -> tensor<4x1xi32> {
  // CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: 1>} : (tensor<4x6xi32>) -> tensor<4x1xi32>
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>} : (tensor<4x6xi32>) -> tensor<4x1xi32>
  return %0 : tensor<4x1xi32>
}

// CHECK-LABEL: func @reduce_sum_axes
func.func @reduce_sum_axes(%x: tensor<2x3x4x5xf16>) -> (tensor<2x1x4x1xf16>, tensor<2x4xf16>) {
  // CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: 3, 1>} : (tensor<2x3x4x5xf16>) -> tensor<2x1x4x1xf16>
  %0 = kiln.reduce_sum %x {axes = array<i64: 3, 1>} : (tensor<2x3x4x5xf16>) -> tensor<2x1x4x1xf16>
  // CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: -3, 3>, keep_dims = false} : (tensor<2x3x4x5xf16>) -> tensor<2x4xf16>
  %1 = kiln.reduce_sum %x {axes = array<i64: -3, 3>, keep_dims = false} : (tensor<2x3x4x5xf16>) -> tensor<2x4xf16>
  return %0, %1 : tensor<2x1x4x1xf16>, tensor<2x4xf16>
}

// CHECK-LABEL: func @reduce_sum_all_to_scalar
func.func @reduce_sum_all_to_scalar(%x: tensor<3x4xi64>) -> tensor<i64> {
  // CHECK: kiln.reduce_sum %{{.*}} {keep_dims = false} : (tensor<3x4xi64>) -> tensor<i64>
  %0 = kiln.reduce_sum %x {keep_dims = false} : (tensor<3x4xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// CHECK-LABEL: func @reduce_sum_rank0
func.func @reduce_sum_rank0(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: kiln.reduce_sum %{{.*}} : (tensor<f32>) -> tensor<f32>
  %0 = kiln.reduce_sum %x : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func @reduce_max_float
func.func @reduce_max_float(%x: tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16> {
  // CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: -2>} : (tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16>
  %0 = kiln.reduce_max %x {axes = array<i64: -2>} : (tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16>
  return %0 : tensor<2x1x16xbf16>
}

// CHECK-LABEL: func @reduce_max_int
func.func @reduce_max_int(%x: tensor<5x7xi8>) -> tensor<7xi8> {
  // CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 0>, keep_dims = false} : (tensor<5x7xi8>) -> tensor<7xi8>
  %0 = kiln.reduce_max %x {axes = array<i64: 0>, keep_dims = false} : (tensor<5x7xi8>) -> tensor<7xi8>
  return %0 : tensor<7xi8>
}
