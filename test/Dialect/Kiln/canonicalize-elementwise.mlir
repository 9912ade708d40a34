// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @add_zero
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @add_zero(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<3xf32>
  %0 = kiln.add %zero, %x : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Adding zero that broadcasts the other operand to a larger shape is kept.
// CHECK-LABEL: func @add_zero_broadcasting
// CHECK: kiln.add
func.func @add_zero_broadcasting(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<2x3xf32>
  %0 = kiln.add %x, %zero : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @add_nonzero
// CHECK: kiln.add
func.func @add_nonzero(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = kiln.constant dense<0.5> : tensor<3xf32>
  %0 = kiln.add %x, %c : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @sub_zero
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @sub_zero(%x: tensor<3xf32>) -> tensor<3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<3xf32>
  %0 = kiln.sub %x, %zero : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// 0 - x is not x.
// CHECK-LABEL: func @zero_sub
// CHECK: kiln.sub
func.func @zero_sub(%x: tensor<3xf32>) -> tensor<3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<3xf32>
  %0 = kiln.sub %zero, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @mul_one
// CHECK-SAME: (%[[X:.*]]: tensor<3xi64>)
// CHECK-NEXT: return %[[X]]
func.func @mul_one(%x: tensor<3xi64>) -> tensor<3xi64> {
  %one = kiln.constant dense<1> : tensor<1xi64>
  %0 = kiln.mul %one, %x : (tensor<1xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-LABEL: func @div_one
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @div_one(%x: tensor<3xf32>) -> tensor<3xf32> {
  %one = kiln.constant dense<1.0> : tensor<f32>
  %0 = kiln.div %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// 1 / x is not x.
// CHECK-LABEL: func @one_div
// CHECK: kiln.div
func.func @one_div(%x: tensor<3xf32>) -> tensor<3xf32> {
  %one = kiln.constant dense<1.0> : tensor<3xf32>
  %0 = kiln.div %one, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @pow_one
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pow_one(%x: tensor<3xf32>) -> tensor<3xf32> {
  %one = kiln.constant dense<1.0> : tensor<3xf32>
  %0 = kiln.pow %x, %one : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @pow_two
// CHECK: kiln.pow
func.func @pow_two(%x: tensor<3xf32>) -> tensor<3xf32> {
  %two = kiln.constant dense<2.0> : tensor<3xf32>
  %0 = kiln.pow %x, %two : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Constant operands fold (shape arithmetic in float and integer).
// CHECK-LABEL: func @constant_arithmetic
// CHECK-DAG: %[[F:.*]] = kiln.constant dense<[2.500000e+00, 4.500000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[I:.*]] = kiln.constant dense<[3, 2]> : tensor<2xi64>
// CHECK: return %[[F]], %[[I]]
func.func @constant_arithmetic() -> (tensor<2xf32>, tensor<2xi64>) {
  %a = kiln.constant dense<[1.0, 3.0]> : tensor<2xf32>
  %b = kiln.constant dense<1.5> : tensor<2xf32>
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %c = kiln.constant dense<[6, 4]> : tensor<2xi64>
  %d = kiln.constant dense<2> : tensor<2xi64>
  %1 = kiln.div %c, %d : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %2 = kiln.mul %1, %d : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %3 = kiln.sub %2, %d : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %4 = kiln.sub %3, %1 : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %5 = kiln.add %4, %d : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0, %5 : tensor<2xf32>, tensor<2xi64>
}

// -----

// Integer division by zero is left for run time.
// CHECK-LABEL: func @div_by_zero
// CHECK: kiln.div
func.func @div_by_zero() -> tensor<2xi64> {
  %c = kiln.constant dense<[6, 4]> : tensor<2xi64>
  %d = kiln.constant dense<[2, 0]> : tensor<2xi64>
  %0 = kiln.div %c, %d : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Constants of different shapes (a broadcast) are not folded.
// CHECK-LABEL: func @constant_broadcast_not_folded
// CHECK: kiln.add
func.func @constant_broadcast_not_folded() -> tensor<2x2xf32> {
  %a = kiln.constant dense<[1.0, 3.0]> : tensor<2xf32>
  %b = kiln.constant dense<[[1.0, 3.0], [2.0, 4.0]]> : tensor<2x2xf32>
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func @max_min_self
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @max_min_self(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = kiln.max %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = kiln.min %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @equal_self
// CHECK: %[[T:.*]] = kiln.constant dense<true> : tensor<3xi1>
// CHECK: kiln.equal
// CHECK: return %[[T]]
func.func @equal_self(%x: tensor<3xi64>, %f: tensor<3xf32>) -> (tensor<3xi1>, tensor<3xi1>) {
  %0 = kiln.equal %x, %x : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
  // NaN != NaN: a float compared with itself stays.
  %1 = kiln.equal %f, %f : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0, %1 : tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func @where_constant_condition
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[Y:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[Y]], %[[X]]
func.func @where_constant_condition(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %f = kiln.constant dense<false> : tensor<3xi1>
  %0 = kiln.where %f, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = kiln.where %f, %x, %x : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @where_unknown_condition
// CHECK: kiln.where
func.func @where_unknown_condition(%c: tensor<3xi1>, %x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @neg_neg
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @neg_neg(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.neg %x : tensor<3xf32>
  %1 = kiln.neg %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @abs_abs
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.abs %[[X]]
// CHECK-NEXT: return %[[A]], %[[A]]
func.func @abs_abs(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = kiln.abs %x : tensor<3xf32>
  %1 = kiln.abs %0 : tensor<3xf32>
  %2 = kiln.neg %0 : tensor<3xf32>
  %3 = kiln.abs %2 : tensor<3xf32>
  return %1, %3 : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @abs_neg
// CHECK: kiln.neg
// CHECK: kiln.abs
func.func @abs_neg(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.neg %x : tensor<3xf32>
  %1 = kiln.abs %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @cast_same
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.*]] = kiln.cast %[[X]] : tensor<3xf32> to tensor<3xf16>
// CHECK-NEXT: return %[[X]], %[[C]]
func.func @cast_same(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf16>) {
  %0 = kiln.cast %x : tensor<3xf32> to tensor<3xf32>
  %1 = kiln.cast %x : tensor<3xf32> to tensor<3xf16>
  return %0, %1 : tensor<3xf32>, tensor<3xf16>
}

// -----

// CHECK-LABEL: func @relu_relu
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[R:.*]] = kiln.relu %[[X]]
// CHECK-NEXT: return %[[R]]
func.func @relu_relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.relu %x : tensor<3xf32>
  %1 = kiln.relu %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @clip_unbounded
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.*]] = kiln.clip %[[X]] {max = 6.000000e+00 : f64}
// CHECK-NEXT: return %[[X]], %[[C]]
func.func @clip_unbounded(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = kiln.clip %x : tensor<3xf32>
  %1 = kiln.clip %x {max = 6.0} : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
