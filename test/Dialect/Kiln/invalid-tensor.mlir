// RUN: kiln-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// kiln.constant
//===----------------------------------------------------------------------===//

func.func @constant_vector_value() -> tensor<4xf32> {
  // expected-error@+1 {{'kiln.constant' op 'value' must have a statically shaped tensor type}}
  %0 = "kiln.constant"() <{value = dense<1.0> : vector<4xf32>}> : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @constant_wrong_type() -> tensor<4xf32> {
  // expected-error@+2 {{'kiln.constant' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error@+1 {{'kiln.constant' op failed to infer returned types}}
  %0 = "kiln.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.reshape
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_wrong_type(%x: tensor<6xf32>) -> tensor<3x2xf32> {
  // expected-error@+2 {{'kiln.reshape' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x2xf32>'}}
  // expected-error@+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %x {shape = array<i64: 2, 3>} : (tensor<6xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @reshape_count(%x: tensor<6xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'kiln.reshape' op 'shape' has 8 elements, expected the input's 6}}
  %0 = kiln.reshape %x {shape = array<i64: 2, 4>} : (tensor<6xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @reshape_negative(%x: tensor<6xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'kiln.reshape' op 'shape' element 1 is -1, must be at least 0}}
  %0 = kiln.reshape %x {shape = array<i64: 2, -1>} : (tensor<6xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @reshape_shape_overflow(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error@+1 {{'kiln.reshape' op 'shape' has more than 2^63 - 1 elements}}
  %0 = kiln.reshape %x {shape = array<i64: 4294967296, 4294967296, 6>} : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @reshape_input_overflow(%x: tensor<4294967296x4294967296x6xf32>) -> tensor<6xf32> {
  // expected-error@+1 {{'kiln.reshape' op 'input' has more than 2^63 - 1 elements}}
  %0 = kiln.reshape %x {shape = array<i64: 6>} : (tensor<4294967296x4294967296x6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @reshape_missing_shape(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error@+1 {{'kiln.reshape' op requires attribute 'shape'}}
  %0 = "kiln.reshape"(%x) : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @reshape_element_type(%x: tensor<6xf32>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'kiln.reshape' op failed to verify that all of {input, output} have same element type}}
  %0 = kiln.reshape %x {shape = array<i64: 2, 3>} : (tensor<6xf32>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

//===----------------------------------------------------------------------===//
// kiln.flatten
//===----------------------------------------------------------------------===//

// -----

func.func @flatten_wrong_type(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  // expected-error@+2 {{'kiln.flatten' op inferred type(s) 'tensor<2x12xf32>' are incompatible with return type(s) of operation 'tensor<6x4xf32>'}}
  // expected-error@+1 {{'kiln.flatten' op failed to infer returned types}}
  %0 = kiln.flatten %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

func.func @flatten_axis(%x: tensor<2x3x4xf32>) -> tensor<24x1xf32> {
  // expected-error@+1 {{'kiln.flatten' op 'axis' (4) must be in [0, 3]}}
  %0 = kiln.flatten %x {axis = 4 : i64} : (tensor<2x3x4xf32>) -> tensor<24x1xf32>
  return %0 : tensor<24x1xf32>
}

// -----

func.func @flatten_negative_axis(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  // expected-error@+1 {{'kiln.flatten' op 'axis' (-1) must be in [0, 3]}}
  %0 = kiln.flatten %x {axis = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.squeeze
//===----------------------------------------------------------------------===//

// -----

func.func @squeeze_wrong_type(%x: tensor<1x3x1xf32>) -> tensor<3x1xf32> {
  // Without axes, every dimension of size 1 goes.
  // expected-error@+2 {{'kiln.squeeze' op inferred type(s) 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<3x1xf32>'}}
  // expected-error@+1 {{'kiln.squeeze' op failed to infer returned types}}
  %0 = kiln.squeeze %x : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @squeeze_not_one(%x: tensor<1x3x1xf32>) -> tensor<1x1xf32> {
  // expected-error@+1 {{'kiln.squeeze' op 'axes' element 1 names dimension 1 of size 3, expected size 1}}
  %0 = kiln.squeeze %x {axes = array<i64: 0, -2>} : (tensor<1x3x1xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

func.func @squeeze_out_of_range(%x: tensor<1x3x1xf32>) -> tensor<3x1xf32> {
  // expected-error@+1 {{'kiln.squeeze' op 'axes' element 0 is -4, must be in [-3, 3)}}
  %0 = kiln.squeeze %x {axes = array<i64: -4>} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @squeeze_duplicate(%x: tensor<1x3x1xf32>) -> tensor<3x1xf32> {
  // expected-error@+1 {{'kiln.squeeze' op 'axes' names dimension 0 more than once}}
  %0 = kiln.squeeze %x {axes = array<i64: 0, -3>} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

//===----------------------------------------------------------------------===//
// kiln.unsqueeze
//===----------------------------------------------------------------------===//

// -----

func.func @unsqueeze_wrong_type(%x: tensor<3x4xf32>) -> tensor<3x4x1xf32> {
  // expected-error@+2 {{'kiln.unsqueeze' op inferred type(s) 'tensor<3x1x4xf32>' are incompatible with return type(s) of operation 'tensor<3x4x1xf32>'}}
  // expected-error@+1 {{'kiln.unsqueeze' op failed to infer returned types}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
  return %0 : tensor<3x4x1xf32>
}

// -----

func.func @unsqueeze_out_of_range(%x: tensor<3x4xf32>) -> tensor<3x4x1x1xf32> {
  // Positions are in the output, of rank 2 + 2.
  // expected-error@+1 {{'kiln.unsqueeze' op 'axes' element 1 is 4, must be in [-4, 4)}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 2, 4>} : (tensor<3x4xf32>) -> tensor<3x4x1x1xf32>
  return %0 : tensor<3x4x1x1xf32>
}

// -----

func.func @unsqueeze_duplicate(%x: tensor<3x4xf32>) -> tensor<1x1x3x4xf32> {
  // expected-error@+1 {{'kiln.unsqueeze' op 'axes' names dimension 3 more than once}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 3, -1>} : (tensor<3x4xf32>) -> tensor<1x1x3x4xf32>
  return %0 : tensor<1x1x3x4xf32>
}

// -----

func.func @unsqueeze_missing_axes(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'kiln.unsqueeze' op requires attribute 'axes'}}
  %0 = "kiln.unsqueeze"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.transpose
//===----------------------------------------------------------------------===//

// -----

func.func @transpose_wrong_type(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // expected-error@+2 {{'kiln.transpose' op inferred type(s) 'tensor<4x2x3xf32>' are incompatible with return type(s) of operation 'tensor<4x3x2xf32>'}}
  // expected-error@+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

func.func @transpose_size(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error@+1 {{'kiln.transpose' op 'permutation' must have 3 elements, got 2}}
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_negative(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // expected-error@+1 {{'kiln.transpose' op 'permutation' element 0 is -1, must be at least 0}}
  %0 = kiln.transpose %x {permutation = array<i64: -1, 1, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

func.func @transpose_too_large(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // expected-error@+1 {{'kiln.transpose' op 'permutation' element 2 is 3, must be less than 3}}
  %0 = kiln.transpose %x {permutation = array<i64: 2, 1, 3>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

func.func @transpose_duplicate(%x: tensor<2x3x4xf32>) -> tensor<4x3x4xf32> {
  // expected-error@+1 {{'kiln.transpose' op 'permutation' names dimension 2 more than once}}
  %0 = kiln.transpose %x {permutation = array<i64: 2, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  return %0 : tensor<4x3x4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.expand
//===----------------------------------------------------------------------===//

// -----

func.func @expand_wrong_type(%x: tensor<3x1xf32>) -> tensor<3x1xf32> {
  // expected-error@+2 {{'kiln.expand' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<3x1xf32>'}}
  // expected-error@+1 {{'kiln.expand' op failed to infer returned types}}
  %0 = kiln.expand %x {shape = array<i64: 3, 4>} : (tensor<3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @expand_no_broadcast(%x: tensor<3x1xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'kiln.expand' op operand shapes do not broadcast: dimension 0 of operand #1 has size 2, expected 1 or 3}}
  %0 = kiln.expand %x {shape = array<i64: 2, 4>} : (tensor<3x1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @expand_negative(%x: tensor<3x1xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'kiln.expand' op 'shape' element 0 is -1, must be at least 0}}
  %0 = kiln.expand %x {shape = array<i64: -1, 4>} : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.concat
//===----------------------------------------------------------------------===//

// -----

func.func @concat_wrong_type(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+2 {{'kiln.concat' op inferred type(s) 'tensor<4x3xf32>' are incompatible with return type(s) of operation 'tensor<2x6xf32>'}}
  // expected-error@+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_no_inputs() -> tensor<2xf32> {
  // expected-error@+1 {{'kiln.concat' op expected at least one input}}
  %0 = "kiln.concat"() : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'kiln.concat' op 'axis' (2) must be in [-2, 2)}}
  %0 = kiln.concat %a, %a {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_scalar(%a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'kiln.concat' op 'axis' (0) must be in [0, 0)}}
  %0 = kiln.concat %a : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @concat_element_type(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'kiln.concat' op input #1 has element type 'f16', expected 'f32'}}
  %0 = kiln.concat %a, %b : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'kiln.concat' op input #1 has rank 3, expected 2}}
  %0 = kiln.concat %a, %b : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concat_size(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>, %c: tensor<2x5xf32>) -> tensor<6x3xf32> {
  // expected-error@+1 {{'kiln.concat' op input #2 has size 5 in dimension 1, expected 3}}
  %0 = kiln.concat %a, %a, %c : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// -----

func.func @concat_overflow(%a: tensor<4611686018427387904xi8>) -> tensor<1xi8> {
  // expected-error@+1 {{'kiln.concat' op size of the concatenated dimension 0 overflows int64}}
  %0 = kiln.concat %a, %a : (tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>) -> tensor<1xi8>
  return %0 : tensor<1xi8>
}

// -----

func.func @concat_input_overflow(%a: tensor<2xi8>, %b: tensor<4294967296x4294967296x2xi8>) -> tensor<2xi8> {
  // expected-error@+1 {{'kiln.concat' op input #1 has more than 2^63 - 1 elements}}
  %0 = kiln.concat %a, %b : (tensor<2xi8>, tensor<4294967296x4294967296x2xi8>) -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

//===----------------------------------------------------------------------===//
// kiln.split
//===----------------------------------------------------------------------===//

// -----

func.func @split_wrong_type(%x: tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>) {
  // expected-error@+2 {{'kiln.split' op inferred type(s) 'tensor<2x2xf32>', 'tensor<4x2xf32>' are incompatible with return type(s) of operation 'tensor<2x2xf32>', 'tensor<3x2xf32>'}}
  // expected-error@+1 {{'kiln.split' op failed to infer returned types}}
  %0:2 = kiln.split %x {sizes = array<i64: 2, 4>} : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>)
  return %0#0, %0#1 : tensor<2x2xf32>, tensor<3x2xf32>
}

// -----

func.func @split_result_count(%x: tensor<6x2xf32>) -> tensor<2x2xf32> {
  // expected-error@+2 {{'kiln.split' op inferred type(s) 'tensor<2x2xf32>', 'tensor<4x2xf32>' are incompatible with return type(s) of operation 'tensor<2x2xf32>'}}
  // expected-error@+1 {{'kiln.split' op failed to infer returned types}}
  %0 = kiln.split %x {sizes = array<i64: 2, 4>} : (tensor<6x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @split_axis(%x: tensor<6x2xf32>) -> tensor<6x2xf32> {
  // expected-error@+1 {{'kiln.split' op 'axis' (-3) must be in [-2, 2)}}
  %0 = kiln.split %x {axis = -3 : i64, sizes = array<i64: 6>} : (tensor<6x2xf32>) -> tensor<6x2xf32>
  return %0 : tensor<6x2xf32>
}

// -----

func.func @split_no_sizes(%x: tensor<6x2xf32>) {
  // expected-error@+1 {{'kiln.split' op 'sizes' must have at least one element}}
  kiln.split %x {sizes = array<i64>} : (tensor<6x2xf32>) -> ()
  return
}

// -----

func.func @split_negative(%x: tensor<6x2xf32>) -> (tensor<7x2xf32>, tensor<0x2xf32>) {
  // expected-error@+1 {{'kiln.split' op 'sizes' element 1 is -1, must be at least 0}}
  %0:2 = kiln.split %x {sizes = array<i64: 7, -1>} : (tensor<6x2xf32>) -> (tensor<7x2xf32>, tensor<0x2xf32>)
  return %0#0, %0#1 : tensor<7x2xf32>, tensor<0x2xf32>
}

// -----

func.func @split_sum_small(%x: tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>) {
  // expected-error@+1 {{'kiln.split' op 'sizes' add up to 5, expected the size of dimension 0 (6)}}
  %0:2 = kiln.split %x {sizes = array<i64: 2, 3>} : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>)
  return %0#0, %0#1 : tensor<2x2xf32>, tensor<3x2xf32>
}

// -----

func.func @split_sum_large(%x: tensor<6x2xf32>) -> (tensor<6x1xf32>, tensor<6x9223372036854775807xf32>) {
  // expected-error@+1 {{'kiln.split' op 'sizes' add up to more than the size of dimension 1 (2)}}
  %0:2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 1, 9223372036854775807>} : (tensor<6x2xf32>) -> (tensor<6x1xf32>, tensor<6x9223372036854775807xf32>)
  return %0#0, %0#1 : tensor<6x1xf32>, tensor<6x9223372036854775807xf32>
}

//===----------------------------------------------------------------------===//
// kiln.slice
//===----------------------------------------------------------------------===//

// -----

func.func @slice_wrong_type(%x: tensor<5x8xf32>) -> tensor<2x8xf32> {
  // expected-error@+2 {{'kiln.slice' op inferred type(s) 'tensor<3x8xf32>' are incompatible with return type(s) of operation 'tensor<2x8xf32>'}}
  // expected-error@+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 5, 8>, steps = array<i64: 2, 1>} : (tensor<5x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @slice_starts_size(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'starts' must have 2 elements, got 1}}
  %0 = kiln.slice %x {starts = array<i64: 0>, ends = array<i64: 5, 8>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_ends_size(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'ends' must have 2 elements, got 3}}
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 5, 8, 1>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_steps_size(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'steps' must have 2 elements, got 0}}
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 5, 8>, steps = array<i64>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'steps' element 1 is 0, must be nonzero}}
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 5, 8>, steps = array<i64: 1, 0>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_start_positive_step(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // Bounds are normalized by the importer: no negative starts.
  // expected-error@+1 {{'kiln.slice' op 'starts' element 0 is -1, must be in [0, 5] for step 1}}
  %0 = kiln.slice %x {starts = array<i64: -1, 0>, ends = array<i64: 5, 8>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_end_positive_step(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'ends' element 1 is 9, must be in [2, 8] for step 2}}
  %0 = kiln.slice %x {starts = array<i64: 0, 2>, ends = array<i64: 5, 9>, steps = array<i64: 1, 2>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_end_before_start(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'ends' element 0 is 2, must be in [3, 5] for step 1}}
  %0 = kiln.slice %x {starts = array<i64: 3, 0>, ends = array<i64: 2, 8>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_start_negative_step(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // With a negative step, start is at most the last index.
  // expected-error@+1 {{'kiln.slice' op 'starts' element 1 is 8, must be in [-1, 7] for step -1}}
  %0 = kiln.slice %x {starts = array<i64: 0, 8>, ends = array<i64: 5, -1>, steps = array<i64: 1, -1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_end_negative_step(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'ends' element 1 is 6, must be in [-1, 5] for step -3}}
  %0 = kiln.slice %x {starts = array<i64: 0, 5>, ends = array<i64: 5, 6>, steps = array<i64: 1, -3>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_end_below_minus_one(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  // expected-error@+1 {{'kiln.slice' op 'ends' element 0 is -2, must be in [-1, 4] for step -1}}
  %0 = kiln.slice %x {starts = array<i64: 4, 0>, ends = array<i64: -2, 8>, steps = array<i64: -1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

//===----------------------------------------------------------------------===//
// kiln.pad
//===----------------------------------------------------------------------===//

// -----

func.func @pad_wrong_type(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // Begins first, then ends: this pads dimension 1 by 1 on both sides.
  // expected-error@+2 {{'kiln.pad' op inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error@+1 {{'kiln.pad' op failed to infer returned types}}
  %0 = kiln.pad %x {pads = array<i64: 0, 1, 0, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @pad_size(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'kiln.pad' op 'pads' must have 4 elements, got 2}}
  %0 = kiln.pad %x {pads = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // Cropping is not supported: use kiln.slice.
  // expected-error@+1 {{'kiln.pad' op 'pads' element 3 is -1, must be at least 0}}
  %0 = kiln.pad %x {pads = array<i64: 0, 0, 0, -1>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @pad_reflect_too_large(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'kiln.pad' op 'pads' element 3 (3) must be less than the size of dimension 1 (3) in reflect mode}}
  %0 = kiln.pad %x {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 0, 3>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @pad_edge_empty(%x: tensor<0x3xf32>) -> tensor<1x3xf32> {
  // expected-error@+1 {{'kiln.pad' op 'pads' element 0 (1) pads the empty dimension 0, which has no edge}}
  %0 = kiln.pad %x {mode = #kiln.pad_mode<edge>, pads = array<i64: 1, 0, 0, 0>} : (tensor<0x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @pad_overflow(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'kiln.pad' op padded size of dimension 0 overflows int64}}
  %0 = kiln.pad %x {pads = array<i64: 9223372036854775807, 0>} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @pad_bad_mode(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+2 {{expected ::mlir::kiln::PadMode to be one of: constant, reflect, edge}}
  // expected-error@+1 {{failed to parse Kiln_PadModeAttr parameter 'value'}}
  %0 = kiln.pad %x {mode = #kiln.pad_mode<wrap>, pads = array<i64: 0, 0>} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gather
//===----------------------------------------------------------------------===//

// -----

func.func @gather_wrong_type(%x: tensor<5x3xf32>, %i: tensor<2xi64>) -> tensor<2x5xf32> {
  // expected-error@+2 {{'kiln.gather' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x5xf32>'}}
  // expected-error@+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %x, %i : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @gather_axis(%x: tensor<5x3xf32>, %i: tensor<2xi64>) -> tensor<5x3xf32> {
  // expected-error@+1 {{'kiln.gather' op 'axis' (2) must be in [-2, 2)}}
  %0 = kiln.gather %x, %i {axis = 2 : i64} : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @gather_index_type(%x: tensor<5x3xf32>, %i: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'kiln.gather' op operand #1 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = kiln.gather %x, %i : (tensor<5x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
