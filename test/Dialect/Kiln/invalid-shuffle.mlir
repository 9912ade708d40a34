// RUN: kiln-opt %s -split-input-file -verify-diagnostics

func.func @channel_shuffle_rank1(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error@+1 {{'kiln.channel_shuffle' op expected an input of rank at least 2, got 1}}
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @channel_shuffle_zero_groups(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  // expected-error@+1 {{'kiln.channel_shuffle' op 'groups' must be at least 1, got 0}}
  %0 = kiln.channel_shuffle %x {groups = 0 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

func.func @channel_shuffle_negative_groups(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  // expected-error@+1 {{'kiln.channel_shuffle' op 'groups' must be at least 1, got -2}}
  %0 = kiln.channel_shuffle %x {groups = -2 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

func.func @channel_shuffle_indivisible(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  // expected-error@+1 {{'kiln.channel_shuffle' op input channels (6) must be divisible by 'groups' (4)}}
  %0 = kiln.channel_shuffle %x {groups = 4 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

func.func @channel_shuffle_wrong_result(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf16> {
  // expected-error@+2 {{'kiln.channel_shuffle' op inferred type(s) 'tensor<1x6x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x6x4x4xf16>'}}
  // expected-error@+1 {{'kiln.channel_shuffle' op failed to infer returned types}}
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf16>
  return %0 : tensor<1x6x4x4xf16>
}

// -----

func.func @channel_shuffle_missing_groups(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  // expected-error@+1 {{'kiln.channel_shuffle' op requires attribute 'groups'}}
  %0 = kiln.channel_shuffle %x : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

func.func @pixel_shuffle_rank3(%x: tensor<12x4x4xf32>) -> tensor<3x8x8xf32> {
  // expected-error@+1 {{'kiln.pixel_shuffle' op expected an input of rank 4, got 3}}
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<12x4x4xf32>) -> tensor<3x8x8xf32>
  return %0 : tensor<3x8x8xf32>
}

// -----

func.func @pixel_shuffle_zero_factor(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  // expected-error@+1 {{'kiln.pixel_shuffle' op 'upscale_factor' must be at least 1, got 0}}
  %0 = kiln.pixel_shuffle %x {upscale_factor = 0 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// -----

func.func @pixel_shuffle_indivisible(%x: tensor<1x8x4x4xf32>) -> tensor<1x1x12x12xf32> {
  // expected-error@+1 {{'kiln.pixel_shuffle' op input channels (8) must be divisible by 'upscale_factor' squared (9)}}
  %0 = kiln.pixel_shuffle %x {upscale_factor = 3 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x1x12x12xf32>
  return %0 : tensor<1x1x12x12xf32>
}

// -----

// 2^32 squared does not fit in 64 bits.
func.func @pixel_shuffle_factor_too_large(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error@+1 {{'kiln.pixel_shuffle' op 'upscale_factor' (4294967296) is too large for the input shape}}
  %0 = kiln.pixel_shuffle %x {upscale_factor = 4294967296 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @pixel_shuffle_wrong_result(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error@+2 {{'kiln.pixel_shuffle' op inferred type(s) 'tensor<1x3x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x3x4x4xf32>'}}
  // expected-error@+1 {{'kiln.pixel_shuffle' op failed to infer returned types}}
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @pixel_shuffle_bad_order(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+2 {{expected ::mlir::kiln::PixelShuffleOrder to be one of: dcr, crd}}
  // expected-error@+1 {{failed to parse Kiln_PixelShuffleOrderAttr parameter 'value'}}
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<cdr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @pixel_unshuffle_rank5(%x: tensor<1x1x3x8x8xf32>) -> tensor<1x1x12x4x4xf32> {
  // expected-error@+1 {{'kiln.pixel_unshuffle' op expected an input of rank 4, got 5}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x1x3x8x8xf32>) -> tensor<1x1x12x4x4xf32>
  return %0 : tensor<1x1x12x4x4xf32>
}

// -----

func.func @pixel_unshuffle_negative_factor(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{'kiln.pixel_unshuffle' op 'downscale_factor' must be at least 1, got -2}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = -2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @pixel_unshuffle_height(%x: tensor<1x3x9x8xf32>) -> tensor<1x12x4x4xf32> {
  // expected-error@+1 {{'kiln.pixel_unshuffle' op input height (9) must be divisible by 'downscale_factor' (2)}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x9x8xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// -----

func.func @pixel_unshuffle_width(%x: tensor<1x3x8x6xf32>) -> tensor<1x48x2x1xf32> {
  // expected-error@+1 {{'kiln.pixel_unshuffle' op input width (6) must be divisible by 'downscale_factor' (4)}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 4 : i64} : (tensor<1x3x8x6xf32>) -> tensor<1x48x2x1xf32>
  return %0 : tensor<1x48x2x1xf32>
}

// -----

// 3 * 2^31 * 2^31 does not fit in 64 bits.
func.func @pixel_unshuffle_factor_too_large(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{'kiln.pixel_unshuffle' op 'downscale_factor' (2147483648) is too large for the input shape}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2147483648 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @pixel_unshuffle_wrong_result(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+2 {{'kiln.pixel_unshuffle' op inferred type(s) 'tensor<1x12x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x3x16x16xf32>'}}
  // expected-error@+1 {{'kiln.pixel_unshuffle' op failed to infer returned types}}
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

func.func @resize_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'kiln.resize' op expected an input of rank at least 1, got 0}}
  %0 = kiln.resize %x {sizes = array<i64>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @resize_empty_input(%x: tensor<1x3x0x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error@+1 {{'kiln.resize' op input dimension 2 has size 0, must be at least 1}}
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x0x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @resize_missing_sizes(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+1 {{'kiln.resize' op requires attribute 'sizes'}}
  %0 = kiln.resize %x : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @resize_sizes_count(%x: tensor<1x3x8x8xf32>) -> tensor<3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'sizes' must have 4 elements, got 3}}
  %0 = kiln.resize %x {sizes = array<i64: 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<3x16x16xf32>
  return %0 : tensor<3x16x16xf32>
}

// -----

func.func @resize_sizes_zero(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x0x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'sizes' element 2 is 0, must be at least 1}}
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 0, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x0x16xf32>
  return %0 : tensor<1x3x0x16xf32>
}

// -----

func.func @resize_scales_count(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'scales' must have 4 elements, got 2}}
  %0 = kiln.resize %x {scales = array<f64: 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

func.func @resize_scales_negative(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'scales' element 3 is -2, must be a positive finite number}}
  %0 = kiln.resize %x {scales = array<f64: 1.0, 1.0, 2.0, -2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

func.func @resize_scales_zero(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'scales' element 0 is 0, must be a positive finite number}}
  %0 = kiln.resize %x {scales = array<f64: 0.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// 0x7FF0000000000000 is +infinity.
func.func @resize_scales_infinite(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'scales' element 2 is inf, must be a positive finite number}}
  %0 = kiln.resize %x {scales = array<f64: 1.0, 1.0, 0x7FF0000000000000, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

func.func @resize_sizes_disagree_with_scales(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'sizes' element 3 is 16, expected floor(8 * 1.9) = 15 from 'scales'}}
  %0 = kiln.resize %x {scales = array<f64: 1.0, 1.0, 2.0, 1.9>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// Scales on N and C must be 1 too when N and C keep their size.
func.func @resize_sizes_disagree_on_channels(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+1 {{'kiln.resize' op 'sizes' element 1 is 3, expected floor(3 * 2) = 6 from 'scales'}}
  %0 = kiln.resize %x {scales = array<f64: 1.0, 2.0, 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

func.func @resize_linear_i1(%x: tensor<2x3xi1>) -> tensor<4x3xi1> {
  // expected-error@+1 {{'kiln.resize' op 'mode' linear needs a numeric element type, got 'i1'}}
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @resize_cubic_i1(%x: tensor<2x3xi1>) -> tensor<4x3xi1> {
  // expected-error@+1 {{'kiln.resize' op 'mode' cubic needs a numeric element type, got 'i1'}}
  %0 = kiln.resize %x {mode = #kiln.resize_mode<cubic>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

func.func @resize_wrong_result(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x16xf32> {
  // expected-error@+2 {{'kiln.resize' op inferred type(s) 'tensor<1x3x16x16xf32>' are incompatible with return type(s) of operation 'tensor<1x3x8x16xf32>'}}
  // expected-error@+1 {{'kiln.resize' op failed to infer returned types}}
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x16xf32>
  return %0 : tensor<1x3x8x16xf32>
}

// -----

func.func @resize_wrong_result_element(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf16> {
  // expected-error@+2 {{'kiln.resize' op inferred type(s) 'tensor<1x3x16x16xf32>' are incompatible with return type(s) of operation 'tensor<1x3x16x16xf16>'}}
  // expected-error@+1 {{'kiln.resize' op failed to infer returned types}}
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf16>
  return %0 : tensor<1x3x16x16xf16>
}

// -----

func.func @resize_bad_mode(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // expected-error@+2 {{expected ::mlir::kiln::ResizeMode to be one of: nearest, linear, cubic}}
  // expected-error@+1 {{failed to parse Kiln_ResizeModeAttr parameter 'value'}}
  %0 = kiln.resize %x {mode = #kiln.resize_mode<bilinear>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}
