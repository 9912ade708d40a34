// RUN: kiln-opt %s -split-input-file -verify-diagnostics

func.func @batch_norm_rank1(%x: tensor<16xf32>, %p: tensor<16xf32>) -> tensor<16xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op input must have rank at least 2 ([N, C, ...]), got rank 1}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p : (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

func.func @batch_norm_scale_size(%x: tensor<1x16x8x8xf32>, %s: tensor<8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'scale' must have shape [16] (the input channels), got [8]}}
  %0 = kiln.batch_norm %x, %s, %p, %p, %p : (tensor<1x16x8x8xf32>, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_bias_size(%x: tensor<1x16x8x8xf32>, %b: tensor<1xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'bias' must have shape [16] (the input channels), got [1]}}
  %0 = kiln.batch_norm %x, %p, %b, %p, %p : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_mean_rank(%x: tensor<1x16x8x8xf32>, %m: tensor<16x1xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'mean' must have shape [16] (the input channels), got [16, 1]}}
  %0 = kiln.batch_norm %x, %p, %p, %m, %p : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_variance_scalar(%x: tensor<1x16x8x8xf32>, %v: tensor<f32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'variance' must have shape [16] (the input channels), got []}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %v : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_element_type(%x: tensor<1x16x8x8xf32>, %v: tensor<16xf16>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'variance' element type 'f16' does not match the input element type 'f32'}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %v : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf16>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_negative_epsilon(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'epsilon' must be non-negative, got -1.000000e-03}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = -1.0e-3 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_nan_epsilon(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op 'epsilon' must be non-negative, got nan}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 0x7FF8000000000000 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_epsilon_type(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error@+1 {{'kiln.batch_norm' op attribute 'epsilon' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @batch_norm_integer_input(%x: tensor<1x16x8x8xi32>, %p: tensor<16xi32>) -> tensor<1x16x8x8xi32> {
  // expected-error@+1 {{'kiln.batch_norm' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p : (tensor<1x16x8x8xi32>, tensor<16xi32>, tensor<16xi32>, tensor<16xi32>, tensor<16xi32>) -> tensor<1x16x8x8xi32>
  return %0 : tensor<1x16x8x8xi32>
}

// -----

func.func @batch_norm_result_type(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf16> {
  // expected-error@+2 {{'kiln.batch_norm' op failed to infer returned types}}
  // expected-error@+1 {{'kiln.batch_norm' op inferred type(s) 'tensor<1x16x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x16x8x8xf16>'}}
  %0 = kiln.batch_norm %x, %p, %p, %p, %p : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf16>
  return %0 : tensor<1x16x8x8xf16>
}

// -----

func.func @layer_norm_axis_too_large(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'axis' is 3, expected a value in [-3, 3) for an input of rank 3}}
  %0 = kiln.layer_norm %x {axis = 3 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_axis_too_small(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'axis' is -4, expected a value in [-3, 3) for an input of rank 3}}
  %0 = kiln.layer_norm %x {axis = -4 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_axis_type(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.layer_norm %x {axis = 1 : i32} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_scale_shape(%x: tensor<2x3x4xf32>, %gamma: tensor<3xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'scale' of shape [3] does not broadcast to the normalized shape [4] (input dimension 2)}}
  %0 = kiln.layer_norm %x scale %gamma : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// The scale must not have more dimensions than the normalized shape.
func.func @layer_norm_scale_rank(%x: tensor<2x3x4xf32>, %gamma: tensor<1x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'scale' of shape [1, 3, 4] does not broadcast to the normalized shape [3, 4] (input dimensions 1 to 2)}}
  %0 = kiln.layer_norm %x scale %gamma {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<1x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_bias_shape(%x: tensor<2x3x4xf32>, %beta: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'bias' of shape [3, 1] does not broadcast to the normalized shape [4] (input dimension 2)}}
  %0 = kiln.layer_norm %x bias %beta {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_element_type(%x: tensor<2x3x4xf32>, %beta: tensor<4xbf16>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'bias' element type 'bf16' does not match the input element type 'f32'}}
  %0 = kiln.layer_norm %x bias %beta : (tensor<2x3x4xf32>, tensor<4xbf16>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_negative_epsilon(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op 'epsilon' must be non-negative, got -1.000000e+00}}
  %0 = kiln.layer_norm %x {epsilon = -1.0 : f64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_segments(%x: tensor<2x3x4xf32>, %gamma: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'kiln.layer_norm' op operand count (2) does not match with the total size (3) specified in attribute 'operandSegmentSizes'}}
  %0 = "kiln.layer_norm"(%x, %gamma) <{axis = -1 : i64, epsilon = 1.0e-5 : f64, operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_result_type(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  // expected-error@+2 {{'kiln.layer_norm' op failed to infer returned types}}
  // expected-error@+1 {{'kiln.layer_norm' op inferred type(s) 'tensor<2x3x4xf32>' are incompatible with return type(s) of operation 'tensor<2x12xf32>'}}
  %0 = kiln.layer_norm %x : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// The custom form infers the result type while parsing, so the axis is
// reported at the op's location.
func.func @softmax_axis_too_large(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // expected-error@+1 {{'axis' is 2, expected a value in [-2, 2) for an input of rank 2}}
  %0 = kiln.softmax %x {axis = 2 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

func.func @softmax_axis_too_small(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // expected-error@+1 {{'kiln.softmax' op 'axis' is -3, expected a value in [-2, 2) for an input of rank 2}}
  %0 = "kiln.softmax"(%x) <{axis = -3 : i64}> : (tensor<2x10xf32>) -> tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

func.func @softmax_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'kiln.softmax' op 'axis' is -1, expected a value in [0, 0) for an input of rank 0}}
  %0 = "kiln.softmax"(%x) <{axis = -1 : i64}> : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @softmax_integer(%x: tensor<2x10xi32>) -> tensor<2x10xi32> {
  // expected-error@+1 {{'kiln.softmax' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.softmax %x : tensor<2x10xi32>
  return %0 : tensor<2x10xi32>
}

// -----

func.func @softmax_result_type(%x: tensor<2x10xf32>) -> tensor<10x2xf32> {
  // expected-error@+2 {{'kiln.softmax' op failed to infer returned types}}
  // expected-error@+1 {{'kiln.softmax' op inferred type(s) 'tensor<2x10xf32>' are incompatible with return type(s) of operation 'tensor<10x2xf32>'}}
  %0 = "kiln.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x10xf32>) -> tensor<10x2xf32>
  return %0 : tensor<10x2xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // expected-error@+1 {{'axis' is 5, expected a value in [-2, 2) for an input of rank 2}}
  %0 = kiln.log_softmax %x {axis = 5 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

func.func @log_softmax_axis_generic(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // expected-error@+1 {{'kiln.log_softmax' op 'axis' is -3, expected a value in [-2, 2) for an input of rank 2}}
  %0 = "kiln.log_softmax"(%x) <{axis = -3 : i64}> : (tensor<2x10xf32>) -> tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

func.func @log_softmax_axis_type(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // expected-error@+1 {{'kiln.log_softmax' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.log_softmax %x {axis = 1.0 : f64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

func.func @log_softmax_result_type(%x: tensor<2x10xf32>) -> tensor<2x10xf16> {
  // expected-error@+2 {{'kiln.log_softmax' op failed to infer returned types}}
  // expected-error@+1 {{'kiln.log_softmax' op inferred type(s) 'tensor<2x10xf32>' are incompatible with return type(s) of operation 'tensor<2x10xf16>'}}
  %0 = "kiln.log_softmax"(%x) <{axis = -1 : i64}> : (tensor<2x10xf32>) -> tensor<2x10xf16>
  return %0 : tensor<2x10xf16>
}
