// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per verifier message of every kiln op. One section per op family.

//===----------------------------------------------------------------------===//
// Elementwise ops and activations
//===----------------------------------------------------------------------===//

func.func @add_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.add' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @add_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @sub_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.sub' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.sub %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @sub_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.sub' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.sub' op failed to infer returned types}}
  %0 = kiln.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @mul_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.mul' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.mul %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @mul_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.mul' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.mul' op failed to infer returned types}}
  %0 = kiln.mul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @div_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.div' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.div %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @div_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.div' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.div' op failed to infer returned types}}
  %0 = kiln.div %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @pow_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.pow' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.pow %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @pow_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.pow' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.pow' op failed to infer returned types}}
  %0 = kiln.pow %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @max_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.max' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.max %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @max_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.max' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.max' op failed to infer returned types}}
  %0 = kiln.max %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @min_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.min' op operand shapes do not broadcast: dimension 0 of operand #1 has size 4, expected 1 or 3}}
  %0 = kiln.min %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @min_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.min' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error@+1 {{'kiln.min' op failed to infer returned types}}
  %0 = kiln.min %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @add_element_types(%a: tensor<2xf32>, %b: tensor<2xf16>) {
  // expected-error@+1 {{'kiln.add' op failed to verify that all of {lhs, rhs, output} have same element type}}
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return
}

// -----

func.func @add_bool(%a: tensor<2xi1>, %b: tensor<2xi1>) {
  // expected-error@+1 {{'kiln.add' op operand #0 must be statically shaped tensor}}
  %0 = kiln.add %a, %b : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

func.func @add_dynamic(%a: tensor<?xf32>, %b: tensor<2xf32>) {
  // expected-error@+1 {{'kiln.add' op operand #0 must be statically shaped tensor}}
  %0 = kiln.add %a, %b : (tensor<?xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @equal_no_broadcast(%a: tensor<2x3xi64>, %b: tensor<2xi64>) {
  // expected-error@+1 {{'kiln.equal' op operand shapes do not broadcast: dimension 0 of operand #1 has size 2, expected 1 or 3}}
  %0 = kiln.equal %a, %b : (tensor<2x3xi64>, tensor<2xi64>) -> tensor<2x3xi1>
  return
}

// -----

func.func @equal_result_type(%a: tensor<3xi64>, %b: tensor<3xi64>) {
  // expected-error@+1 {{'kiln.equal' op result #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = kiln.equal %a, %b : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return
}

// -----

func.func @equal_wrong_result(%a: tensor<3xi64>, %b: tensor<3xi64>) {
  // expected-error@+2 {{'kiln.equal' op inferred type(s) 'tensor<3xi1>' are incompatible with return type(s) of operation 'tensor<4xi1>'}}
  // expected-error@+1 {{'kiln.equal' op failed to infer returned types}}
  %0 = kiln.equal %a, %b : (tensor<3xi64>, tensor<3xi64>) -> tensor<4xi1>
  return
}

// -----

func.func @where_no_broadcast(%c: tensor<4xi1>, %a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'kiln.where' op operand shapes do not broadcast: dimension 1 of operand #1 has size 3, expected 1 or 4}}
  %0 = kiln.where %c, %a, %b : (tensor<4xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @where_wrong_result(%c: tensor<3xi1>, %a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+2 {{'kiln.where' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error@+1 {{'kiln.where' op failed to infer returned types}}
  %0 = kiln.where %c, %a, %b : (tensor<3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_condition_type(%c: tensor<3xf32>, %a: tensor<3xf32>) {
  // expected-error@+1 {{'kiln.where' op operand #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = kiln.where %c, %a, %a : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @neg_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.neg' op requires the same type for all operands and results}}
  %0 = "kiln.neg"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @abs_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.abs' op requires the same type for all operands and results}}
  %0 = "kiln.abs"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @exp_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.exp' op requires the same type for all operands and results}}
  %0 = "kiln.exp"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @log_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.log' op requires the same type for all operands and results}}
  %0 = "kiln.log"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @sqrt_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.sqrt' op requires the same type for all operands and results}}
  %0 = "kiln.sqrt"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @tanh_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.tanh' op requires the same type for all operands and results}}
  %0 = "kiln.tanh"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @erf_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.erf' op requires the same type for all operands and results}}
  %0 = "kiln.erf"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @exp_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.exp' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.exp %x : tensor<4xi32>
  return
}

// -----

func.func @log_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.log' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.log %x : tensor<4xi32>
  return
}

// -----

func.func @sqrt_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.sqrt' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.sqrt %x : tensor<4xi32>
  return
}

// -----

func.func @tanh_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.tanh' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.tanh %x : tensor<4xi32>
  return
}

// -----

func.func @erf_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.erf' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.erf %x : tensor<4xi32>
  return
}

// -----

func.func @cast_shape(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.cast' op requires the same shape for all operands and results}}
  %0 = kiln.cast %x : tensor<4xf32> to tensor<5xi32>
  return
}

// -----

func.func @relu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.relu' op requires the same type for all operands and results}}
  %0 = "kiln.relu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @relu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.relu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.relu %x : tensor<4xi32>
  return
}

// -----

func.func @leaky_relu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.leaky_relu' op requires the same type for all operands and results}}
  %0 = "kiln.leaky_relu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @leaky_relu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.leaky_relu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.leaky_relu %x : tensor<4xi32>
  return
}

// -----

func.func @elu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.elu' op requires the same type for all operands and results}}
  %0 = "kiln.elu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @elu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.elu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.elu %x : tensor<4xi32>
  return
}

// -----

func.func @selu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.selu' op requires the same type for all operands and results}}
  %0 = "kiln.selu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @selu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.selu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.selu %x : tensor<4xi32>
  return
}

// -----

func.func @sigmoid_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.sigmoid' op requires the same type for all operands and results}}
  %0 = "kiln.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @sigmoid_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.sigmoid' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.sigmoid %x : tensor<4xi32>
  return
}

// -----

func.func @hard_sigmoid_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.hard_sigmoid' op requires the same type for all operands and results}}
  %0 = "kiln.hard_sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @hard_sigmoid_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.hard_sigmoid' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.hard_sigmoid %x : tensor<4xi32>
  return
}

// -----

func.func @hard_swish_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.hard_swish' op requires the same type for all operands and results}}
  %0 = "kiln.hard_swish"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @hard_swish_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.hard_swish' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.hard_swish %x : tensor<4xi32>
  return
}

// -----

func.func @silu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.silu' op requires the same type for all operands and results}}
  %0 = "kiln.silu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @silu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.silu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.silu %x : tensor<4xi32>
  return
}

// -----

func.func @gelu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.gelu' op requires the same type for all operands and results}}
  %0 = "kiln.gelu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @gelu_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.gelu' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.gelu %x : tensor<4xi32>
  return
}

// -----

func.func @softplus_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.softplus' op requires the same type for all operands and results}}
  %0 = "kiln.softplus"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @softplus_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.softplus' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.softplus %x : tensor<4xi32>
  return
}

// -----

func.func @clip_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.clip' op requires the same type for all operands and results}}
  %0 = "kiln.clip"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @clip_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.clip' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.clip %x : tensor<4xi32>
  return
}

// -----

func.func @clip_bounds(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.clip' op 'min' (6.000000e+00) must not be greater than 'max' (0.000000e+00)}}
  %0 = kiln.clip %x {min = 6.0, max = 0.0} : tensor<4xf32>
  return
}

// -----

func.func @clip_attr_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.clip' op attribute 'min' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.clip %x {min = 1 : i32} : tensor<4xf32>
  return
}

// -----

func.func @gelu_bad_approximation(%x: tensor<4xf32>) {
  // expected-error@+2 {{expected ::mlir::kiln::GeluApproximation to be one of: none, tanh}}
  // expected-error@+1 {{failed to parse Kiln_GeluApproximationAttr parameter 'value'}}
  %0 = kiln.gelu %x {approximation = #kiln.gelu_approximation<erf>} : tensor<4xf32>
  return
}

// -----

func.func @prelu_slope(%x: tensor<1x16x8x8xf32>, %s: tensor<8x1x1xf32>) {
  // expected-error@+1 {{'kiln.prelu' op 'slope' of shape [8, 1, 1] does not broadcast to the input shape [1, 16, 8, 8]}}
  %0 = kiln.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<8x1x1xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @prelu_wrong_result(%x: tensor<1x16x8x8xf32>, %s: tensor<16x1x1xf32>) {
  // expected-error@+2 {{'kiln.prelu' op inferred type(s) 'tensor<1x16x8x8xf32>' are incompatible with return type(s) of operation 'tensor<16x1x1xf32>'}}
  // expected-error@+1 {{'kiln.prelu' op failed to infer returned types}}
  %0 = kiln.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<16x1x1xf32>
  return
}

//

// -----

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

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

// -----

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

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

// -----

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

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

// -----

//===----------------------------------------------------------------------===//
// Shuffles and resampling
//===----------------------------------------------------------------------===//

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

// -----

//===----------------------------------------------------------------------===//
// Rotary embedding and attention
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

func.func @rope_wrong_result_type(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf16> {
  // expected-error@+2 {{'kiln.rope' op inferred type(s) 'tensor<1x4x8x16xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x16xf16>'}}
  // expected-error@+1 {{'kiln.rope' op failed to infer returned types}}
  %0 = kiln.rope %x : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf16>
  return %0 : tensor<1x4x8x16xf16>
}

// -----

func.func @rope_rank(%x: tensor<4x8x16xf32>) -> tensor<4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'input' must have rank 4, got 3}}
  %0 = kiln.rope %x : (tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  return %0 : tensor<4x8x16xf32>
}

// -----

func.func @rope_integer_input(%x: tensor<1x4x8x16xi32>) -> tensor<1x4x8x16xi32> {
  // expected-error@+1 {{'kiln.rope' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.rope %x : (tensor<1x4x8x16xi32>) -> tensor<1x4x8x16xi32>
  return %0 : tensor<1x4x8x16xi32>
}

// -----

func.func @rope_dynamic_input(%x: tensor<1x4x?x16xf32>) -> tensor<1x4x?x16xf32> {
  // expected-error@+1 {{'kiln.rope' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.rope %x : (tensor<1x4x?x16xf32>) -> tensor<1x4x?x16xf32>
  return %0 : tensor<1x4x?x16xf32>
}

// -----

func.func @rope_rotary_dim_zero(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (0) must be at least 2}}
  %0 = kiln.rope %x {rotary_dim = 0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_negative(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (-4) must be at least 2}}
  %0 = kiln.rope %x {rotary_dim = -4} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_odd(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (7) must be even}}
  %0 = kiln.rope %x {rotary_dim = 7} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_too_large(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (32) must not exceed the head dimension (16)}}
  %0 = kiln.rope %x {rotary_dim = 32} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// In bshd the head dimension is still the last one, D = 16 (not 4).
func.func @rope_bshd_rotary_dim_too_large(%x: tensor<1x8x16x4xf32>) -> tensor<1x8x16x4xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (8) must not exceed the head dimension (4)}}
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bshd>, rotary_dim = 8} : (tensor<1x8x16x4xf32>) -> tensor<1x8x16x4xf32>
  return %0 : tensor<1x8x16x4xf32>
}

// -----

func.func @rope_odd_head_dim(%x: tensor<1x4x8x15xf32>) -> tensor<1x4x8x15xf32> {
  // expected-error@+1 {{'kiln.rope' op the head dimension (15) must be even and at least 2 when 'rotary_dim' is absent (it defaults to the head dimension)}}
  %0 = kiln.rope %x : (tensor<1x4x8x15xf32>) -> tensor<1x4x8x15xf32>
  return %0 : tensor<1x4x8x15xf32>
}

// -----

func.func @rope_zero_head_dim(%x: tensor<1x4x8x0xf32>) -> tensor<1x4x8x0xf32> {
  // expected-error@+1 {{'kiln.rope' op the head dimension (0) must be even and at least 2 when 'rotary_dim' is absent}}
  %0 = kiln.rope %x : (tensor<1x4x8x0xf32>) -> tensor<1x4x8x0xf32>
  return %0 : tensor<1x4x8x0xf32>
}

// -----

func.func @rope_theta_zero(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (0.000000e+00) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0.0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_negative(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (-1.000000e+04) must be finite and positive}}
  %0 = kiln.rope %x {theta = -10000.0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_inf(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (INF) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0x7FF0000000000000 : f64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_nan(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (nan) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0x7FF8000000000000 : f64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_f32(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op attribute 'theta' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.rope %x {theta = 10000.0 : f32} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_negative_offset(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'position_offset' (-1) must be non-negative}}
  %0 = kiln.rope %x {position_offset = -1} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_cos_only(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' and 'sin' must be given together}}
  %0 = "kiln.rope"(%x, %cos) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x4x8x16xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_sin_only(%x: tensor<1x4x8x16xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' and 'sin' must be given together}}
  %0 = "kiln.rope"(%x, %sin) <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (tensor<1x4x8x16xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_tables_with_offset(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'position_offset' (4) must be 0 when cos/sin tables are given}}
  %0 = kiln.rope %x tables(%cos, %sin) {position_offset = 4} : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_rank(%x: tensor<1x4x8x16xf32>, %cos: tensor<1x8x8xf32>, %sin: tensor<1x8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have rank 2, got 3}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<1x8x8xf32>, tensor<1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// [S, r] tables with duplicated halves are not accepted: one angle per pair.
func.func @rope_table_columns(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x16xf32>, %sin: tensor<8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have rotary_dim / 2 = 8 columns, got 16}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_columns_partial(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x4xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'sin' must have rotary_dim / 2 = 4 columns, got 8}}
  %0 = kiln.rope %x tables(%cos, %sin) {rotary_dim = 8} : (tensor<1x4x8x16xf32>, tensor<8x4xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_rows(%x: tensor<1x4x8x16xf32>, %cos: tensor<16x8xf32>, %sin: tensor<16x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have S = 8 rows, got 16}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// In bshd, S is dimension 1.
func.func @rope_table_rows_bshd(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have S = 4 rows, got 8}}
  %0 = kiln.rope %x tables(%cos, %sin) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_integer_tables(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xi32>, %sin: tensor<8x8xi32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op operand #1 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_bad_layout(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+2 {{expected ::mlir::kiln::SequenceLayout to be one of: bhsd, bshd}}
  // expected-error@+1 {{failed to parse Kiln_SequenceLayoutAttr parameter 'value'}}
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<sbhd>} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// #kiln.rope
//===----------------------------------------------------------------------===//

// expected-error@+1 {{'rotary_dim' (0) must be at least 2}}
func.func @rope_attr_rotary_dim_zero() attributes {a = #kiln.rope<rotary_dim = 0>} {
  return
}

// -----

// expected-error@+1 {{'rotary_dim' (5) must be even}}
func.func @rope_attr_rotary_dim_odd() attributes {a = #kiln.rope<rotary_dim = 5>} {
  return
}

// -----

// expected-error@+1 {{'theta' (-5.000000e+00) must be finite and positive}}
func.func @rope_attr_theta_negative() attributes {a = #kiln.rope<theta = -5.0>} {
  return
}

// -----

// expected-error@+1 {{'position_offset' (-3) must be non-negative}}
func.func @rope_attr_negative_offset() attributes {a = #kiln.rope<position_offset = -3>} {
  return
}

// -----

// expected-error@+2 {{expected ::mlir::kiln::RopePairing to be one of: half, interleaved}}
// expected-error@+1 {{failed to parse Kiln_RopeAttr parameter 'pairing'}}
func.func @rope_attr_bad_pairing() attributes {a = #kiln.rope<pairing = neox>} {
  return
}

// -----

// expected-error@+1 {{duplicate or unknown struct parameter name: base}}
func.func @rope_attr_unknown_parameter() attributes {a = #kiln.rope<base = 10000.0>} {
  return
}

// -----

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

func.func @attention_wrong_result_type(%q: tensor<2x8x16x64xf32>, %v: tensor<2x8x16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+2 {{'kiln.attention' op inferred type(s) 'tensor<2x8x16x32xf32>' are incompatible with return type(s) of operation 'tensor<2x8x16x64xf32>'}}
  // expected-error@+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// bshd keeps [B, Sq, Hq, Dv]: the bhsd order is wrong.
func.func @attention_wrong_result_type_bshd(%q: tensor<1x4x8x16xf32>) -> tensor<1x8x4x16xf32> {
  // expected-error@+2 {{'kiln.attention' op inferred type(s) 'tensor<1x4x8x16xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4x16xf32>'}}
  // expected-error@+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = kiln.attention %q, %q, %q {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

// -----

func.func @attention_element_types(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x64xf16>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op failed to verify that all of {query, key, value, output} have same element type}}
  %0 = kiln.attention %q, %k, %q : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf16>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_query_rank(%q: tensor<8x16x64xf32>, %k: tensor<2x8x16x64xf32>) -> tensor<8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'query' must have rank 4, got 3}}
  %0 = kiln.attention %q, %k, %k : (tensor<8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<8x16x64xf32>
  return %0 : tensor<8x16x64xf32>
}

// -----

func.func @attention_key_rank(%q: tensor<2x8x16x64xf32>, %k: tensor<1x2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'key' must have rank 4, got 5}}
  %0 = kiln.attention %q, %k, %q : (tensor<2x8x16x64xf32>, tensor<1x2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_rank(%q: tensor<2x8x16x64xf32>, %v: tensor<16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'value' must have rank 4, got 2}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_key_batch(%q: tensor<2x8x16x64xf32>, %k: tensor<3x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op key batch size (3) must equal the query batch size (2)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<3x8x16x64xf32>, tensor<3x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_batch(%q: tensor<2x8x16x64xf32>, %v: tensor<1x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value batch size (1) must equal the query batch size (2)}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<1x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x4x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value head count (4) must equal the key head count (2)}}
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_zero_key_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x0x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op key head count (0) must be positive}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x0x16x64xf32>, tensor<2x0x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_gqa_divisibility(%q: tensor<2x8x16x64xf32>, %k: tensor<2x3x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (8) must be a multiple of the key head count (3)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x3x16x64xf32>, tensor<2x3x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// More key heads than query heads.
func.func @attention_more_key_heads(%q: tensor<2x2x16x64xf32>, %k: tensor<2x4x16x64xf32>) -> tensor<2x2x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (2) must be a multiple of the key head count (4)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x2x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x2x16x64xf32>
  return %0 : tensor<2x2x16x64xf32>
}

// -----

// In bshd the heads are dimension 2: [B, S, H, D].
func.func @attention_gqa_divisibility_bshd(%q: tensor<1x16x8x64xf32>, %k: tensor<1x16x3x64xf32>) -> tensor<1x16x8x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (8) must be a multiple of the key head count (3)}}
  %0 = kiln.attention %q, %k, %k {layout = #kiln.sequence_layout<bshd>} : (tensor<1x16x8x64xf32>, tensor<1x16x3x64xf32>, tensor<1x16x3x64xf32>) -> tensor<1x16x8x64xf32>
  return %0 : tensor<1x16x8x64xf32>
}

// -----

func.func @attention_head_dim(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x32xf32>) -> tensor<2x8x16x32xf32> {
  // expected-error@+1 {{'kiln.attention' op key head dimension (32) must equal the query head dimension (64)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x8x16x32xf32>, tensor<2x8x16x32xf32>) -> tensor<2x8x16x32xf32>
  return %0 : tensor<2x8x16x32xf32>
}

// -----

func.func @attention_value_seq(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x32x64xf32>, %v: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value sequence length (16) must equal the key sequence length (32)}}
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_mask_shape(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x32x64xf32>, %m: tensor<16x16xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [16, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [2, 8, 16, 32]}}
  %0 = kiln.attention %q, %k, %k mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32>, tensor<2x8x32x64xf32>, tensor<16x16xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// Broadcasting is one-directional: the mask cannot have more dimensions.
func.func @attention_mask_rank(%q: tensor<2x8x16x64xf32>, %m: tensor<1x2x8x16x16xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [1, 2, 8, 16, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [2, 8, 16, 16]}}
  %0 = kiln.attention %q, %q, %q mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<1x2x8x16x16xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// The mask is [B, Hq, Sq, Skv] even in bshd: a [B, Sq, Hq, Skv] mask is wrong.
func.func @attention_mask_bshd(%q: tensor<1x16x8x64xf32>, %m: tensor<1x16x8x16xf32>) -> tensor<1x16x8x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [1, 16, 8, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [1, 8, 16, 16]}}
  %0 = kiln.attention %q, %q, %q mask(%m) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x16x8x64xf32>, tensor<1x16x8x64xf32>, tensor<1x16x8x64xf32>, tensor<1x16x8x16xf32>) -> tensor<1x16x8x64xf32>
  return %0 : tensor<1x16x8x64xf32>
}

// -----

func.func @attention_integer_mask(%q: tensor<2x8x16x64xf32>, %m: tensor<16x16xi1>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op operand #3 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = kiln.attention %q, %q, %q mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x16xi1>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_scale_f32(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op attribute 'scale' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.attention %q, %q, %q {scale = 0.125 : f32} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_not_an_attr(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op attribute 'rope' failed to satisfy constraint}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope_pairing<half>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_tables_without_rope(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_tables' need a 'rope' attribute}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_cos_only(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' and 'rope_sin' must be given together}}
  %0 = "kiln.attention"(%q, %q, %q, %cos) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>, rope = #kiln.rope<>}> : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_rotary_dim_too_large(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op rotary_dim of 'rope' (128) must not exceed the head dimension (64)}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<rotary_dim = 128>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_odd_head_dim(%q: tensor<2x8x16x63xf32>) -> tensor<2x8x16x63xf32> {
  // expected-error@+1 {{'kiln.attention' op the head dimension (63) must be even and at least 2 when rotary_dim of 'rope' is absent (it defaults to the head dimension)}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<>} : (tensor<2x8x16x63xf32>, tensor<2x8x16x63xf32>, tensor<2x8x16x63xf32>) -> tensor<2x8x16x63xf32>
  return %0 : tensor<2x8x16x63xf32>
}

// -----

func.func @attention_rope_rotary_dim_odd(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'rotary_dim' (33) must be even}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<rotary_dim = 33>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_tables_with_offset(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op position_offset of 'rope' (16) must be 0 when cos/sin tables are given}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<position_offset = 16>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_table_rank(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<1x16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_sin' must have rank 2, got 3}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<1x16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_table_columns(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have rotary_dim / 2 = 16 columns, got 32}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<rotary_dim = 32>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// Sq = 4, Skv = 16: the tables need max(Sq, Skv) = 16 rows.
func.func @attention_rope_table_rows(%q: tensor<1x8x4x64xf32>, %k: tensor<1x8x16x64xf32>, %cos: tensor<8x32xf32>, %sin: tensor<8x32xf32>) -> tensor<1x8x4x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have at least max(Sq, Skv) = 16 rows, got 8}}
  %0 = kiln.attention %q, %k, %k rope_tables(%cos, %sin) {causal, rope = #kiln.rope<>} : (tensor<1x8x4x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<1x8x4x64xf32>
  return %0 : tensor<1x8x4x64xf32>
}

// -----

// Sq = 16, Skv = 4.
func.func @attention_rope_table_rows_query(%q: tensor<1x8x16x64xf32>, %k: tensor<1x8x4x64xf32>, %cos: tensor<8x32xf32>, %sin: tensor<8x32xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have at least max(Sq, Skv) = 16 rows, got 8}}
  %0 = kiln.attention %q, %k, %k rope_tables(%cos, %sin) {rope = #kiln.rope<>} : (tensor<1x8x16x64xf32>, tensor<1x8x4x64xf32>, tensor<1x8x4x64xf32>, tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<1x8x16x64xf32>
  return %0 : tensor<1x8x16x64xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Constants and tensor plumbing
//===----------------------------------------------------------------------===//

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

// -----

func.func @sin_integer(%x: tensor<4xi32>) {
  // expected-error@+1 {{'kiln.sin' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.sin %x : tensor<4xi32>
  return
}

// -----

func.func @cos_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'kiln.cos' op requires the same type for all operands and results}}
  %0 = "kiln.cos"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return
}
