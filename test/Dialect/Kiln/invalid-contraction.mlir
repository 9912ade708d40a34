// RUN: kiln-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// kiln.conv2d
//===----------------------------------------------------------------------===//

func.func @conv2d_wrong_result_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error@+2 {{'kiln.conv2d' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error@+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv2d_wrong_result_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf16> {
  // expected-error@+2 {{'kiln.conv2d' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf16>'}}
  // expected-error@+1 {{'kiln.conv2d' op failed to infer returned types}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf16>
  return %0 : tensor<1x4x6x6xf16>
}

// -----

func.func @conv2d_input_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'input' must have rank 4 (N, C, H, W), got rank 3}}
  %0 = kiln.conv2d %x, %w : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_filter_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'filter' must have rank 4 (F, C/groups, KH, KW), got rank 3}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'bias' must have rank 1 (F), got rank 2}}
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_filter_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'filter' element type 'f16' must match the 'input' element type 'f32'}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_bias_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xbf16>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'bias' element type 'bf16' must match the 'input' element type 'f32'}}
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xbf16>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// ODS: convolutions take floating-point tensors only.
func.func @conv2d_integer_input(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32> {
  // expected-error@+1 {{'kiln.conv2d' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xi32>, tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

// ODS: static shapes only.
func.func @conv2d_dynamic_input(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.conv2d %x, %w : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// ODS: 'strides' is an i64 dense array.
func.func @conv2d_strides_not_dense_array(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op attribute 'strides' failed to satisfy constraint: i64 dense array attribute}}
  %0 = kiln.conv2d %x, %w {strides = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_strides_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'strides' must have 2 elements, got 3}}
  %0 = kiln.conv2d %x, %w {strides = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_strides_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'strides' element 1 is 0, must be at least 1}}
  %0 = kiln.conv2d %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_dilations_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'dilations' must have 2 elements, got 1}}
  %0 = kiln.conv2d %x, %w {dilations = array<i64: 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_dilations_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'dilations' element 0 is -1, must be at least 1}}
  %0 = kiln.conv2d %x, %w {dilations = array<i64: -1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_padding_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'padding' must have 4 elements, got 2}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv2d_padding_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'padding' element 3 is -1, must be at least 0}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 0, 0, 0, -1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_groups_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'groups' is 0, must be at least 1}}
  %0 = kiln.conv2d %x, %w {groups = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_groups_negative(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'groups' is -1, must be at least 1}}
  %0 = kiln.conv2d %x, %w {groups = -1 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_input_channels_not_divisible(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op input channels (6) must be divisible by 'groups' (4)}}
  %0 = kiln.conv2d %x, %w {groups = 4 : i64} : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv2d_output_channels_not_divisible(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op output channels (filter dimension 0, 6) must be divisible by 'groups' (4)}}
  %0 = kiln.conv2d %x, %w {groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

func.func @conv2d_filter_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op filter dimension 1 (4) must equal input channels / 'groups' (4 / 2 = 2)}}
  %0 = kiln.conv2d %x, %w {groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv2d_filter_height_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x0x3xf32>) -> tensor<1x4x9x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op filter height (dimension 2) is 0, must be at least 1}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x0x3xf32>) -> tensor<1x4x9x6xf32>
  return %0 : tensor<1x4x9x6xf32>
}

// -----

func.func @conv2d_filter_width_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x0xf32>) -> tensor<1x4x6x9xf32> {
  // expected-error@+1 {{'kiln.conv2d' op filter width (dimension 3) is 0, must be at least 1}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x0xf32>) -> tensor<1x4x6x9xf32>
  return %0 : tensor<1x4x6x9xf32>
}

// -----

func.func @conv2d_bias_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op 'bias' size (3) must equal the number of output channels (4)}}
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_kernel_too_high(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op effective kernel height ('dilations' 2 * (3 - 1) + 1 = 5) must not exceed the padded input height (4 + 0 + 0 = 4)}}
  %0 = kiln.conv2d %x, %w {dilations = array<i64: 2, 1>} : (tensor<1x3x4x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  return %0 : tensor<1x4x1x6xf32>
}

// -----

func.func @conv2d_kernel_too_wide(%x: tensor<1x3x8x2xf32>, %w: tensor<4x3x3x5xf32>) -> tensor<1x4x6x1xf32> {
  // expected-error@+1 {{'kiln.conv2d' op effective kernel width ('dilations' 1 * (5 - 1) + 1 = 5) must not exceed the padded input width (2 + 1 + 1 = 4)}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 0, 1, 0, 1>} : (tensor<1x3x8x2xf32>, tensor<4x3x3x5xf32>) -> tensor<1x4x6x1xf32>
  return %0 : tensor<1x4x6x1xf32>
}

// -----

func.func @conv2d_padding_overflow(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op computing the padded input height overflows int64}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 9223372036854775807, 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_dilation_overflow(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'kiln.conv2d' op computing the effective kernel width overflows int64}}
  %0 = kiln.conv2d %x, %w {dilations = array<i64: 1, 9223372036854775807>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// kiln.conv_transpose2d
//===----------------------------------------------------------------------===//

// -----

func.func @conv_transpose2d_wrong_result_type(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x7x7xf32> {
  // expected-error@+2 {{'kiln.conv_transpose2d' op inferred type(s) 'tensor<1x2x7x7xf32>' are incompatible with return type(s) of operation 'tensor<1x4x7x7xf32>'}}
  // expected-error@+1 {{'kiln.conv_transpose2d' op failed to infer returned types}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

func.func @conv_transpose2d_input_rank(%x: tensor<1x4x5x5x1xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'input' must have rank 4 (N, C, H, W), got rank 5}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5x1xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_filter_rank(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'filter' must have rank 4 (C, F/groups, KH, KW), got rank 3}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_bias_rank(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<f32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'bias' must have rank 1 (F), got rank 0}}
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<f32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_filter_element_type(%x: tensor<1x4x5x5xf16>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf16> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'filter' element type 'f32' must match the 'input' element type 'f16'}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5xf16>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf16>
  return %0 : tensor<1x2x7x7xf16>
}

// -----

func.func @conv_transpose2d_bias_element_type(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf64>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'bias' element type 'f64' must match the 'input' element type 'f32'}}
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf64>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_strides_size(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'strides' must have 2 elements, got 0}}
  %0 = kiln.conv_transpose2d %x, %w {strides = array<i64>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_strides_zero(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'strides' element 0 is 0, must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w {strides = array<i64: 0, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_dilations_size(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'dilations' must have 2 elements, got 4}}
  %0 = kiln.conv_transpose2d %x, %w {dilations = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_dilations_zero(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'dilations' element 1 is 0, must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w {dilations = array<i64: 1, 0>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_padding_size(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'padding' must have 4 elements, got 5}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 0, 0, 0, 0, 0>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_padding_negative(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'padding' element 0 is -2, must be at least 0}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: -2, 0, 0, 0>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_output_padding_size(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'output_padding' must have 2 elements, got 4}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 0, 0, 0, 0>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_output_padding_negative(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'output_padding' element 1 is -1, must be at least 0}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 0, -1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

// PyTorch: output padding must be smaller than either the stride or the dilation.
func.func @conv_transpose2d_output_padding_too_large(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x11x13xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'output_padding' element 1 is 2, must be smaller than the stride (2) or the dilation (1)}}
  %0 = kiln.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 2>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x11x13xf32>
  return %0 : tensor<1x2x11x13xf32>
}

// -----

func.func @conv_transpose2d_output_padding_unit_stride(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x8x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'output_padding' element 0 is 1, must be smaller than the stride (1) or the dilation (1)}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 1, 0>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x8x7xf32>
  return %0 : tensor<1x2x8x7xf32>
}

// -----

func.func @conv_transpose2d_groups_zero(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'groups' is 0, must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 0 : i64} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose2d_input_channels_not_divisible(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x6x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op input channels (4) must be divisible by 'groups' (3)}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 3 : i64} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x6x7x7xf32>
  return %0 : tensor<1x6x7x7xf32>
}

// -----

func.func @conv_transpose2d_filter_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<2x4x3x3xf32>) -> tensor<1x8x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op filter dimension 0 (2) must equal the input channels (4)}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<2x4x3x3xf32>) -> tensor<1x8x7x7xf32>
  return %0 : tensor<1x8x7x7xf32>
}

// -----

func.func @conv_transpose2d_filter_height_zero(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x0x3xf32>) -> tensor<1x2x5x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op filter height (dimension 2) is 0, must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5xf32>, tensor<4x2x0x3xf32>) -> tensor<1x2x5x7xf32>
  return %0 : tensor<1x2x5x7xf32>
}

// -----

// With groups = 2 there are 2 * 2 = 4 output channels.
func.func @conv_transpose2d_bias_size(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x4x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op 'bias' size (2) must equal the number of output channels (4)}}
  %0 = kiln.conv_transpose2d %x, %w, %b {groups = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

// OH = (2 - 1) * 1 - 2 - 2 + 1 * (3 - 1) + 0 + 1 = 0.
func.func @conv_transpose2d_empty_output(%x: tensor<1x4x2x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x1x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op output height ((2 - 1) * 1 - 2 - 2 + 1 * (3 - 1) + 0 + 1 = 0) must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 2, 0, 2, 0>} : (tensor<1x4x2x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x1x7xf32>
  return %0 : tensor<1x2x1x7xf32>
}

// -----

func.func @conv_transpose2d_negative_output_width(%x: tensor<1x4x5x1xf32>, %w: tensor<4x2x3x1xf32>) -> tensor<1x2x7x1xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op output width ((1 - 1) * 1 - 3 - 0 + 1 * (1 - 1) + 0 + 1 = -2) must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 0, 3, 0, 0>} : (tensor<1x4x5x1xf32>, tensor<4x2x3x1xf32>) -> tensor<1x2x7x1xf32>
  return %0 : tensor<1x2x7x1xf32>
}

// -----

func.func @conv_transpose2d_output_overflow(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op computing the output height overflows int64}}
  %0 = kiln.conv_transpose2d %x, %w {strides = array<i64: 9223372036854775807, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

// With no input channels 'groups' may be any positive number; F = 2 * groups overflows.
func.func @conv_transpose2d_output_channels_overflow(%x: tensor<1x0x5x5xf32>, %w: tensor<0x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error@+1 {{'kiln.conv_transpose2d' op computing the number of output channels overflows int64}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 9223372036854775807 : i64} : (tensor<1x0x5x5xf32>, tensor<0x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

//===----------------------------------------------------------------------===//
// kiln.matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_wrong_result_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x4xf32> {
  // expected-error@+2 {{'kiln.matmul' op inferred type(s) 'tensor<3x5xf32>' are incompatible with return type(s) of operation 'tensor<3x4xf32>'}}
  // expected-error@+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// The dimension added to a 1-D operand is removed from the result.
func.func @matmul_vector_keeps_unit_dim(%v: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<1x5xf32> {
  // expected-error@+2 {{'kiln.matmul' op inferred type(s) 'tensor<5xf32>' are incompatible with return type(s) of operation 'tensor<1x5xf32>'}}
  // expected-error@+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %v, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

func.func @matmul_lhs_rank_zero(%a: tensor<f32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{'kiln.matmul' op 'lhs' must have rank at least 1, got rank 0}}
  %0 = kiln.matmul %a, %b : (tensor<f32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @matmul_rhs_rank_zero(%a: tensor<3x4xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  // expected-error@+1 {{'kiln.matmul' op 'rhs' must have rank at least 1, got rank 0}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @matmul_element_type(%a: tensor<3x4xf32>, %b: tensor<4x5xi32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.matmul' op 'rhs' element type 'i32' must match the 'lhs' element type 'f32'}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xi32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// ODS: no boolean matrix products.
func.func @matmul_bool(%a: tensor<3x4xi1>, %b: tensor<4x5xi1>) -> tensor<3x5xi1> {
  // expected-error@+1 {{'kiln.matmul' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xi1>, tensor<4x5xi1>) -> tensor<3x5xi1>
  return %0 : tensor<3x5xi1>
}

// -----

func.func @matmul_contraction(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error@+1 {{'kiln.matmul' op contraction sizes must match: 'lhs' dimension 1 has size 4, 'rhs' dimension 0 has size 5}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @matmul_contraction_batched(%a: tensor<2x3x4xf32>, %b: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.matmul' op contraction sizes must match: 'lhs' dimension 2 has size 4, 'rhs' dimension 1 has size 3}}
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @matmul_contraction_vector_rhs(%a: tensor<3x4xf32>, %v: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'kiln.matmul' op contraction sizes must match: 'lhs' dimension 1 has size 4, 'rhs' dimension 0 has size 3}}
  %0 = kiln.matmul %a, %v : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @matmul_contraction_vector_lhs(%v: tensor<4xf32>, %b: tensor<2x5x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'kiln.matmul' op contraction sizes must match: 'lhs' dimension 0 has size 4, 'rhs' dimension 1 has size 5}}
  %0 = kiln.matmul %v, %b : (tensor<4xf32>, tensor<2x5x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @matmul_batch_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) -> tensor<2x3x5xf32> {
  // expected-error@+1 {{'kiln.matmul' op operand shapes do not broadcast: dimension 0 of operand #1 has size 3, expected 1 or 2}}
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gemm
//===----------------------------------------------------------------------===//

// -----

func.func @gemm_wrong_result_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<5x3xf32> {
  // expected-error@+2 {{'kiln.gemm' op inferred type(s) 'tensor<3x5xf32>' are incompatible with return type(s) of operation 'tensor<5x3xf32>'}}
  // expected-error@+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @gemm_a_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'a' must have rank 2 (M, K), got rank 3}}
  %0 = kiln.gemm %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_a_rank_transposed(%a: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<1x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'a' must have rank 2 (K, M), got rank 1}}
  %0 = kiln.gemm %a, %b {trans_a = true} : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

func.func @gemm_b_rank(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3x1xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'b' must have rank 2 (K, N), got rank 1}}
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @gemm_b_rank_transposed(%a: tensor<3x4xf32>, %b: tensor<1x5x4xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'b' must have rank 2 (N, K), got rank 3}}
  %0 = kiln.gemm %a, %b {trans_b = true} : (tensor<3x4xf32>, tensor<1x5x4xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_b_element_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf16>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'b' element type 'f16' must match the 'a' element type 'f32'}}
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4x5xf16>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_c_element_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xi64>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'c' element type 'i64' must match the 'a' element type 'f32'}}
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xi64>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// ODS: 'alpha' is an f32 attribute.
func.func @gemm_alpha_f64(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op attribute 'alpha' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.gemm %a, %b {alpha = 2.0 : f64} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// ODS: 'trans_a' is a bool attribute.
func.func @gemm_trans_a_not_bool(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op attribute 'trans_a' failed to satisfy constraint: bool attribute}}
  %0 = kiln.gemm %a, %b {trans_a = 1 : i64} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_contraction(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'kiln.gemm' op contraction sizes must match: 'a' dimension 1 has size 4, 'b' dimension 0 has size 5}}
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @gemm_contraction_transposed(%a: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'kiln.gemm' op contraction sizes must match: 'a' dimension 0 has size 3, 'b' dimension 1 has size 4}}
  %0 = kiln.gemm %a, %b {trans_a = true, trans_b = true} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @gemm_c_shape(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'c' of shape [3] does not broadcast to the result shape [3, 5]}}
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// 'c' broadcasts in one direction only: it cannot make the result larger.
func.func @gemm_c_larger(%a: tensor<1x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3x5xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'c' of shape [3, 5] does not broadcast to the result shape [1, 5]}}
  %0 = kiln.gemm %a, %b, %c : (tensor<1x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_c_rank(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<1x3x5xf32>) -> tensor<3x5xf32> {
  // expected-error@+1 {{'kiln.gemm' op 'c' of shape [1, 3, 5] does not broadcast to the result shape [3, 5]}}
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<1x3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
