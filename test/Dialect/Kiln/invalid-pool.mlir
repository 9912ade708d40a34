// RUN: kiln-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// kiln.max_pool2d / kiln.avg_pool2d: attributes
//===----------------------------------------------------------------------===//

func.func @max_pool2d_missing_kernel(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op requires attribute 'kernel'}}
  %0 = kiln.max_pool2d %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

func.func @max_pool2d_kernel_size(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'kernel' must have 2 elements, got 1}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_kernel_zero(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'kernel' element 1 is 0, must be at least 1}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_strides_size(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'strides' must have 2 elements, got 3}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_strides_zero(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'strides' element 0 is 0, must be at least 1}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_dilations_size(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'dilations' must have 2 elements, got 0}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, dilations = array<i64>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_dilations_negative(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'dilations' element 1 is -2, must be at least 1}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, dilations = array<i64: 1, -2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @max_pool2d_padding_size(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x5x5xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'padding' must have 4 elements, got 2}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

func.func @max_pool2d_padding_negative(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'padding' element 3 is -1, must be at least 0}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, -1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @avg_pool2d_strides_zero(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op 'strides' element 1 is 0, must be at least 1}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @avg_pool2d_wrong_attribute_type(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op attribute 'count_include_pad' failed to satisfy constraint: bool attribute}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, count_include_pad = 1 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.max_pool2d / kiln.avg_pool2d: input and shapes
//===----------------------------------------------------------------------===//

func.func @max_pool2d_rank(%x: tensor<2x4x4xf32>) -> tensor<2x3x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op input must be a statically shaped 4-D (NCHW) tensor, got 'tensor<2x4x4xf32>'}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<2x4x4xf32>) -> tensor<2x3x3xf32>
  return %0 : tensor<2x3x3xf32>
}

// -----

func.func @avg_pool2d_rank(%x: tensor<1x2x4x4x4xf32>) -> tensor<1x2x3x3x4xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op input must be a statically shaped 4-D (NCHW) tensor, got 'tensor<1x2x4x4x4xf32>'}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x2x3x3x4xf32>
  return %0 : tensor<1x2x3x3x4xf32>
}

// -----

func.func @max_pool2d_dynamic(%x: tensor<1x2x?x4xf32>) -> tensor<1x2x?x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op operand #0 must be statically shaped tensor}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x?x4xf32>) -> tensor<1x2x?x3xf32>
  return %0 : tensor<1x2x?x3xf32>
}

// -----

func.func @max_pool2d_bool(%x: tensor<1x2x4x4xi1>) -> tensor<1x2x3x3xi1> {
  // expected-error@+1 {{'kiln.max_pool2d' op operand #0 must be statically shaped tensor}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x4xi1>) -> tensor<1x2x3x3xi1>
  return %0 : tensor<1x2x3x3xi1>
}

// -----

func.func @avg_pool2d_integer(%x: tensor<1x2x4x4xi32>) -> tensor<1x2x3x3xi32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op operand #0 must be statically shaped tensor}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x4xi32>) -> tensor<1x2x3x3xi32>
  return %0 : tensor<1x2x3x3xi32>
}

// -----

func.func @max_pool2d_empty_height(%x: tensor<1x2x0x4xf32>) -> tensor<1x2x1x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op input height (dimension 2) is 0, must be at least 1}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>} : (tensor<1x2x0x4xf32>) -> tensor<1x2x1x3xf32>
  return %0 : tensor<1x2x1x3xf32>
}

// -----

func.func @avg_pool2d_empty_width(%x: tensor<1x2x4x0xf32>) -> tensor<1x2x3x1xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op input width (dimension 3) is 0, must be at least 1}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x0xf32>) -> tensor<1x2x3x1xf32>
  return %0 : tensor<1x2x3x1xf32>
}

// -----

func.func @max_pool2d_padding_top_too_large(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x5x3xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'padding' element 0 (top) is 2, must be smaller than the effective kernel height (2)}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 2, 0, 0, 0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x5x3xf32>
  return %0 : tensor<1x2x5x3xf32>
}

// -----

func.func @max_pool2d_padding_right_too_large(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x6xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op 'padding' element 3 (right) is 3, must be smaller than the effective kernel width (3)}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, dilations = array<i64: 1, 2>, padding = array<i64: 0, 0, 0, 3>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x6xf32>
  return %0 : tensor<1x2x3x6xf32>
}

// -----

func.func @avg_pool2d_padding_left_too_large(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x4xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op 'padding' element 1 (left) is 1, must be smaller than the effective kernel width (1)}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 1>, padding = array<i64: 0, 1, 0, 0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

func.func @avg_pool2d_padding_bottom_too_large(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op 'padding' element 2 (bottom) is 3, must be smaller than the effective kernel height (3)}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 0, 1, 3, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

func.func @max_pool2d_kernel_too_large(%x: tensor<1x2x2x8xf32>) -> tensor<1x2x1x6xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op padded input height (2 + 0 + 0 = 2) must be at least the effective kernel height (3)}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>} : (tensor<1x2x2x8xf32>) -> tensor<1x2x1x6xf32>
  return %0 : tensor<1x2x1x6xf32>
}

// -----

// Effective width 2 * (3 - 1) + 1 = 5 > 1 + 1 + 2.
func.func @avg_pool2d_dilated_kernel_too_large(%x: tensor<1x2x8x1xf32>) -> tensor<1x2x6x1xf32> {
  // expected-error@+1 {{'kiln.avg_pool2d' op padded input width (1 + 1 + 2 = 4) must be at least the effective kernel width (5)}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, dilations = array<i64: 1, 2>, padding = array<i64: 0, 1, 0, 2>} : (tensor<1x2x8x1xf32>) -> tensor<1x2x6x1xf32>
  return %0 : tensor<1x2x6x1xf32>
}

// -----

// The effective kernel 9223372036854775807 * (2 - 1) + 1 does not fit in 64 bits.
func.func @max_pool2d_huge_dilation(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x4xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op padded input height (4 + 0 + 0 = 4) must be at least the effective kernel height (9223372036854775808)}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 1>, dilations = array<i64: 9223372036854775807, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x4xf32>
  return %0 : tensor<1x2x1x4xf32>
}

// -----

// (9223372036854775807 + 1 + 1 - 2) / 1 + 1 = 2^63.
func.func @max_pool2d_output_overflow(%x: tensor<1x1x9223372036854775807x1xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error@+1 {{'kiln.max_pool2d' op output height (9223372036854775808) does not fit in a 64-bit dimension size}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 1>, padding = array<i64: 1, 0, 1, 0>} : (tensor<1x1x9223372036854775807x1xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// -----

func.func @max_pool2d_wrong_result(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  // expected-error@+2 {{'kiln.max_pool2d' op inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x2x2x2xf32>'}}
  // expected-error@+1 {{'kiln.max_pool2d' op failed to infer returned types}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// Ceil mode drops the window that would start in the trailing padding:
// ceil((5 + 1 + 1 - 2) / 2) + 1 = 4, but 3 * 2 >= 5 + 1, so 3.
func.func @max_pool2d_wrong_result_ceil(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+2 {{'kiln.max_pool2d' op inferred type(s) 'tensor<1x1x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x4x4xf32>'}}
  // expected-error@+1 {{'kiln.max_pool2d' op failed to infer returned types}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x1x5x5xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool2d_wrong_result_element(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf16> {
  // expected-error@+2 {{'kiln.max_pool2d' op inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x2x3x3xf16>'}}
  // expected-error@+1 {{'kiln.max_pool2d' op failed to infer returned types}}
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf16>
  return %0 : tensor<1x2x3x3xf16>
}

// -----

// Floor mode: (7 - 2) / 2 + 1 = 3.
func.func @avg_pool2d_wrong_result(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error@+2 {{'kiln.avg_pool2d' op inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x2x4x4xf32>'}}
  // expected-error@+1 {{'kiln.avg_pool2d' op failed to infer returned types}}
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.global_avg_pool / kiln.global_max_pool
//===----------------------------------------------------------------------===//

func.func @global_avg_pool_rank(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  // expected-error@+1 {{'kiln.global_avg_pool' op input must be a statically shaped tensor of rank at least 3 (N, C, spatial dimensions), got 'tensor<2x16xf32>'}}
  %0 = kiln.global_avg_pool %x : (tensor<2x16xf32>) -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

func.func @global_max_pool_rank(%x: tensor<2x16xi32>) -> tensor<2x16xi32> {
  // expected-error@+1 {{'kiln.global_max_pool' op input must be a statically shaped tensor of rank at least 3 (N, C, spatial dimensions), got 'tensor<2x16xi32>'}}
  %0 = kiln.global_max_pool %x : (tensor<2x16xi32>) -> tensor<2x16xi32>
  return %0 : tensor<2x16xi32>
}

// -----

func.func @global_avg_pool_integer(%x: tensor<1x2x4x4xi32>) -> tensor<1x2x1x1xi32> {
  // expected-error@+1 {{'kiln.global_avg_pool' op operand #0 must be statically shaped tensor}}
  %0 = kiln.global_avg_pool %x : (tensor<1x2x4x4xi32>) -> tensor<1x2x1x1xi32>
  return %0 : tensor<1x2x1x1xi32>
}

// -----

func.func @global_avg_pool_wrong_result(%x: tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  // expected-error@+2 {{'kiln.global_avg_pool' op inferred type(s) 'tensor<1x2x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x2xf32>'}}
  // expected-error@+1 {{'kiln.global_avg_pool' op failed to infer returned types}}
  %0 = kiln.global_avg_pool %x : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

func.func @global_max_pool_wrong_result(%x: tensor<1x2x4x4x4xf32>) -> tensor<1x2x1x1xf32> {
  // expected-error@+2 {{'kiln.global_max_pool' op inferred type(s) 'tensor<1x2x1x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x2x1x1xf32>'}}
  // expected-error@+1 {{'kiln.global_max_pool' op failed to infer returned types}}
  %0 = kiln.global_max_pool %x : (tensor<1x2x4x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.reduce_mean / kiln.reduce_sum / kiln.reduce_max
//===----------------------------------------------------------------------===//

func.func @reduce_mean_axis_too_large(%x: tensor<2x3x4xf32>) -> tensor<2x3x1xf32> {
  // expected-error@+1 {{'kiln.reduce_mean' op 'axes' element 1 is 3, must be in [-3, 3)}}
  %0 = kiln.reduce_mean %x {axes = array<i64: 2, 3>} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  return %0 : tensor<2x3x1xf32>
}

// -----

func.func @reduce_sum_axis_too_small(%x: tensor<2x3x4xf32>) -> tensor<1x3x4xf32> {
  // expected-error@+1 {{'kiln.reduce_sum' op 'axes' element 0 is -4, must be in [-3, 3)}}
  %0 = kiln.reduce_sum %x {axes = array<i64: -4>} : (tensor<2x3x4xf32>) -> tensor<1x3x4xf32>
  return %0 : tensor<1x3x4xf32>
}

// -----

func.func @reduce_max_axis_of_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'kiln.reduce_max' op 'axes' element 0 is 0, must be in [0, 0)}}
  %0 = kiln.reduce_max %x {axes = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @reduce_max_duplicate_axes(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  // expected-error@+1 {{'kiln.reduce_max' op 'axes' elements 0 and 2 both refer to dimension 1}}
  %0 = kiln.reduce_max %x {axes = array<i64: 1, 0, -2>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

func.func @reduce_sum_bool(%x: tensor<2x3xi1>) -> tensor<1x1xi1> {
  // expected-error@+1 {{'kiln.reduce_sum' op operand #0 must be statically shaped tensor}}
  %0 = kiln.reduce_sum %x : (tensor<2x3xi1>) -> tensor<1x1xi1>
  return %0 : tensor<1x1xi1>
}

// -----

func.func @reduce_mean_wrong_result(%x: tensor<2x3x4xf32>) -> tensor<2x3xf32> {
  // expected-error@+2 {{'kiln.reduce_mean' op inferred type(s) 'tensor<2x3x1xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error@+1 {{'kiln.reduce_mean' op failed to infer returned types}}
  %0 = kiln.reduce_mean %x {axes = array<i64: -1>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @reduce_sum_wrong_result(%x: tensor<2x3x4xi32>) -> tensor<1x1x1xi32> {
  // expected-error@+2 {{'kiln.reduce_sum' op inferred type(s) 'tensor<i32>' are incompatible with return type(s) of operation 'tensor<1x1x1xi32>'}}
  // expected-error@+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = kiln.reduce_sum %x {keep_dims = false} : (tensor<2x3x4xi32>) -> tensor<1x1x1xi32>
  return %0 : tensor<1x1x1xi32>
}

// -----

func.func @reduce_max_wrong_result(%x: tensor<2x3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'kiln.reduce_max' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error@+1 {{'kiln.reduce_max' op failed to infer returned types}}
  %0 = kiln.reduce_max %x {axes = array<i64: 0>, keep_dims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
