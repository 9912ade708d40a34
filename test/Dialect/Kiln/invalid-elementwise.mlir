// RUN: kiln-opt %s -split-input-file -verify-diagnostics

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
