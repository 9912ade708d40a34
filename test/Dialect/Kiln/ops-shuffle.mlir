// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of the shuffle and resampling ops, in custom and generic form.

// CHECK-LABEL: func @channel_shuffle_nchw
func.func @channel_shuffle_nchw(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  // CHECK: kiln.channel_shuffle %{{.*}} {groups = 3 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// CHECK-LABEL: func @channel_shuffle_rank2_i8
func.func @channel_shuffle_rank2_i8(%x: tensor<2x6xi8>) -> tensor<2x6xi8> {
  // CHECK: kiln.channel_shuffle %{{.*}} {groups = 2 : i64} : (tensor<2x6xi8>) -> tensor<2x6xi8>
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<2x6xi8>) -> tensor<2x6xi8>
  return %0 : tensor<2x6xi8>
}

// CHECK-LABEL: func @pixel_shuffle_default_crd
func.func @pixel_shuffle_default_crd(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// The default order prints like an absent one.
// CHECK-LABEL: func @pixel_shuffle_explicit_crd
func.func @pixel_shuffle_explicit_crd(%x: tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<crd>, upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  return %0 : tensor<2x2x6x9xf16>
}

// CHECK-LABEL: func @pixel_shuffle_dcr
func.func @pixel_shuffle_dcr(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func @pixel_unshuffle_default_crd
func.func @pixel_unshuffle_default_crd(%x: tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32> {
  // CHECK: kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// CHECK-LABEL: func @pixel_unshuffle_dcr
func.func @pixel_unshuffle_dcr(%x: tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32> {
  // CHECK: kiln.pixel_unshuffle %{{.*}} {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32>
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32>
  return %0 : tensor<2x18x2x3xi32>
}

// Only `sizes`: nearest, half_pixel, round_prefer_floor, a = -0.75, no exclude_outside.
// CHECK-LABEL: func @resize_defaults
func.func @resize_defaults(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32> {
  // CHECK: kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 16, 12>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32>
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 12>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32>
  return %0 : tensor<1x3x16x12xf32>
}

// Defaults written out print like absent ones.
// CHECK-LABEL: func @resize_explicit_defaults
func.func @resize_explicit_defaults(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // CHECK: kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<half_pixel>, cubic_coeff_a = -0.75, exclude_outside = false, mode = #kiln.resize_mode<nearest>, nearest_mode = #kiln.nearest_mode<round_prefer_floor>, sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func @resize_nearest_round_prefer_ceil_pytorch_half_pixel
func.func @resize_nearest_round_prefer_ceil_pytorch_half_pixel(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<pytorch_half_pixel>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 1, 20>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<pytorch_half_pixel>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 1, 20>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32>
  return %0 : tensor<1x3x1x20xf32>
}

// CHECK-LABEL: func @resize_nearest_floor_asymmetric_scales
func.func @resize_nearest_floor_asymmetric_scales(%x: tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8>
  return %0 : tensor<1x3x16x16xi8>
}

// CHECK-LABEL: func @resize_nearest_ceil_tf_half_pixel_for_nn_i1
func.func @resize_nearest_ceil_tf_half_pixel_for_nn_i1(%x: tensor<2x3xi1>) -> tensor<4x3xi1> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// Non-integer scales: floor(5 * 1.5) = 7, floor(7 * 0.5) = 3.
// CHECK-LABEL: func @resize_linear_align_corners_fractional_scales
func.func @resize_linear_align_corners_fractional_scales(%x: tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.500000e+00, 5.000000e-01>, sizes = array<i64: 1, 1, 7, 3>} : (tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 1.5, 0.5>, sizes = array<i64: 1, 1, 7, 3>} : (tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16>
  return %0 : tensor<1x1x7x3xbf16>
}

// CHECK-LABEL: func @resize_cubic_exclude_outside
func.func @resize_cubic_exclude_outside(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // CHECK: kiln.resize %{{.*}} {cubic_coeff_a = -5.000000e-01 : f64, exclude_outside = true, mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  %0 = kiln.resize %x {cubic_coeff_a = -0.5, exclude_outside = true, mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// A rank-1 signal; 45 * 1.4 is 62.99999999999999 in double precision and counts as 63.
// CHECK-LABEL: func @resize_rank1_rounding
func.func @resize_rank1_rounding(%x: tensor<45xf64>) -> tensor<63xf64> {
  // CHECK: kiln.resize %{{.*}} {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.400000e+00>, sizes = array<i64: 63>} : (tensor<45xf64>) -> tensor<63xf64>
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.4>, sizes = array<i64: 63>} : (tensor<45xf64>) -> tensor<63xf64>
  return %0 : tensor<63xf64>
}
