// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

// Every kiln folder and canonicalization pattern, each with a case where it
// must not fire. One section per op family.

//===----------------------------------------------------------------------===//
// Elementwise ops and activations
//===----------------------------------------------------------------------===//

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

// -----

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// kiln.conv2d: a splat-zero bias is dropped
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @conv2d_zero_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.conv2d %[[X]], %[[W]] {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @conv2d_zero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %b = kiln.constant dense<0.0> : tensor<4xf32>
  %0 = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// -0.0 adds nothing either.
// CHECK-LABEL: func @conv2d_negative_zero_bias
// CHECK-NOT: kiln.constant
// CHECK: kiln.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16>
func.func @conv2d_negative_zero_bias(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16> {
  %b = kiln.constant dense<-0.0> : tensor<4xf16>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x6x6xf16>
  return %0 : tensor<1x4x6x6xf16>
}

// -----

// CHECK-LABEL: func @conv2d_nonzero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<5.000000e-01> : tensor<4xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
func.func @conv2d_nonzero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %b = kiln.constant dense<0.5> : tensor<4xf32>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.conv2d: a 1x1 convolution of 1x1 images is a gemm
//===----------------------------------------------------------------------===//

// The fully connected layers of a squeeze-excitation block: a gemm of N rows
// with the [F, C] weight (a constant one transposed now, by the gemm's own
// canonicalization), the bias as its addend, reshaped back to [N, F, 1, 1].
// CHECK-LABEL: func @conv2d_one_pixel_gemm
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x1x1xf32>)
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[B:.*]] = kiln.constant dense<[5.000000e-01, 1.500000e+00]> : tensor<2xf32>
// CHECK: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 2, 3>}
// CHECK: %[[G:.*]] = kiln.gemm %[[R]], %[[W]], %[[B]] : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK: %[[Y:.*]] = kiln.reshape %[[G]] {shape = array<i64: 2, 2, 1, 1>}
// CHECK: return %[[Y]]
func.func @conv2d_one_pixel_gemm(%x: tensor<2x3x1x1xf32>) -> tensor<2x2x1x1xf32> {
  %w = kiln.constant dense<[[[[1.0]], [[2.0]], [[5.0]]], [[[3.0]], [[4.0]], [[6.0]]]]> : tensor<2x3x1x1xf32>
  %b = kiln.constant dense<[0.5, 1.5]> : tensor<2xf32>
  %0 = kiln.conv2d %x, %w, %b {strides = array<i64: 2, 2>} : (tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<2xf32>) -> tensor<2x2x1x1xf32>
  return %0 : tensor<2x2x1x1xf32>
}

// -----

// Not a gemm: a padded one-pixel image, a grouped conv, a 2x1 image, a
// 3x3 filter over a 1x1 image with padding.
// CHECK-LABEL: func @conv2d_one_pixel_not_gemm
// CHECK-NOT: kiln.gemm
// CHECK-COUNT-4: kiln.conv2d
// CHECK-NOT: kiln.gemm
func.func @conv2d_one_pixel_not_gemm(%x: tensor<1x4x1x1xf32>, %w: tensor<2x4x1x1xf32>, %wg: tensor<2x2x1x1xf32>,
                                     %x2: tensor<1x4x2x1xf32>, %w3: tensor<2x4x3x3xf32>)
    -> (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>, tensor<1x2x2x1xf32>, tensor<1x2x1x1xf32>) {
  %0 = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x1x1xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = kiln.conv2d %x, %wg {groups = 2 : i64} : (tensor<1x4x1x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %2 = kiln.conv2d %x2, %w : (tensor<1x4x2x1xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x2x1xf32>
  %3 = kiln.conv2d %x, %w3 {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x1x1xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x1x1xf32>
  return %0, %1, %2, %3 : tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>, tensor<1x2x2x1xf32>, tensor<1x2x1x1xf32>
}

// -----

// A bias that is zero only in some channels stays.
// CHECK-LABEL: func @conv2d_partly_zero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x6x6xf32>
func.func @conv2d_partly_zero_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %b = kiln.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

// CHECK-LABEL: func @conv2d_argument_bias
// CHECK-SAME: %[[B:[^:]*]]: tensor<4xf32>
// CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
func.func @conv2d_argument_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// kiln.conv_transpose2d: a splat-zero bias is dropped
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @conv_transpose2d_zero_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5xf32>, %[[W:.*]]: tensor<4x2x3x3xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.conv_transpose2d %[[X]], %[[W]] {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x12x12xf32>
// CHECK-NEXT: return %[[R]]
func.func @conv_transpose2d_zero_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x12x12xf32> {
  %b = kiln.constant dense<0.0> : tensor<2xf32>
  %0 = kiln.conv_transpose2d %x, %w, %b {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x12x12xf32>
  return %0 : tensor<1x2x12x12xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_nonzero_bias
// CHECK: %[[B:.*]] = kiln.constant dense<-1.000000e+00> : tensor<2xf32>
// CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
func.func @conv_transpose2d_nonzero_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  %b = kiln.constant dense<-1.0> : tensor<2xf32>
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_argument_bias
// CHECK-SAME: %[[B:[^:]*]]: tensor<2xf32>
// CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %[[B]] : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
func.func @conv_transpose2d_argument_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x7x7xf32> {
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gemm: a splat-zero addend is dropped when beta is finite
//===----------------------------------------------------------------------===//

// -----

// The attributes stay as they are (beta no longer matters).
// CHECK-LABEL: func @gemm_zero_addend
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<5x4xf32>)
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.gemm %[[A]], %[[B]] {alpha = 2.000000e+00 : f32, beta = 5.000000e-01 : f32, trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x5xf32>
// CHECK-NEXT: return %[[R]]
func.func @gemm_zero_addend(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_b = true}
      : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// A constant `b` with trans_b (a fully connected layer's [out, in] weight)
// is transposed at compile time; a `b` that is an argument is not.
// CHECK-LABEL: func @gemm_pretranspose_b
// CHECK: %[[W:.*]] = kiln.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK: kiln.gemm %{{.*}}, %[[W]], %{{.*}} {alpha = 2.000000e+00 : f32} : (tensor<4x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}} {trans_b = true} : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
func.func @gemm_pretranspose_b(%x: tensor<4x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %w = kiln.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = kiln.gemm %x, %w, %c {alpha = 2.0 : f32, trans_b = true} : (tensor<4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %1 = kiln.gemm %x, %b {trans_b = true} : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  return %0, %1 : tensor<4x2xf32>, tensor<4x2xf32>
}

// -----

// The same for a constant `a` with trans_a; a splat is resized.
// CHECK-LABEL: func @gemm_pretranspose_a
// CHECK: %[[A:.*]] = kiln.constant dense<5.000000e-01> : tensor<2x3xf32>
// CHECK: kiln.gemm %[[A]], %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
func.func @gemm_pretranspose_a(%b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %a = kiln.constant dense<0.5> : tensor<3x2xf32>
  %0 = kiln.gemm %a, %b {trans_a = true} : (tensor<3x2xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func @gemm_zero_addend_integer
// CHECK-NOT: kiln.constant
// CHECK: kiln.gemm %{{.*}}, %{{.*}} : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
func.func @gemm_zero_addend_integer(%a: tensor<3x4xi32>, %b: tensor<4x5xi32>) -> tensor<3x5xi32> {
  %c = kiln.constant dense<0> : tensor<3x5xi32>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xi32>, tensor<4x5xi32>, tensor<3x5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// -----

// beta = inf: inf * 0 is NaN, so the zero addend is not a no-op.
// CHECK-LABEL: func @gemm_zero_addend_infinite_beta
// CHECK: %[[C:.*]] = kiln.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0x7F800000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_addend_infinite_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {beta = 0x7F800000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// beta = NaN: NaN * 0 is NaN.
// CHECK-LABEL: func @gemm_zero_addend_nan_beta
// CHECK: %[[C:.*]] = kiln.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0x7FC00000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_addend_nan_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<0.0> : tensor<5xf32>
  %0 = kiln.gemm %a, %b, %c {beta = 0x7FC00000 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @gemm_nonzero_addend
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+00> : tensor<3x5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
func.func @gemm_nonzero_addend(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %c = kiln.constant dense<1.0> : tensor<3x5xf32>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// beta = 0 does not drop an addend that is not a constant zero (0 * inf is NaN).
// CHECK-LABEL: func @gemm_zero_beta
// CHECK-SAME: %[[C:[^:]*]]: tensor<5xf32>
// CHECK: kiln.gemm %{{.*}}, %{{.*}}, %[[C]] {beta = 0.000000e+00 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
func.func @gemm_zero_beta(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b, %c {beta = 0.0 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

//===----------------------------------------------------------------------===//
// kiln.matmul: no folders
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @matmul_unchanged
// CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
func.func @matmul_unchanged(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

// A negative axis becomes the equivalent non-negative one; a non-negative
// axis is left as it is.

// CHECK-LABEL: func @softmax_negative_axis
func.func @softmax_negative_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 1 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x {axis = -2 : i64} : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// The default axis (-1) is made explicit.
// CHECK-LABEL: func @softmax_default_axis
func.func @softmax_default_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 2 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func @softmax_nonnegative_axis
func.func @softmax_nonnegative_axis(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = 0 : i64} : tensor<2x4x8xf32>
  %0 = kiln.softmax %x {axis = 0 : i64} : tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_negative_axis
func.func @log_softmax_negative_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 0 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x {axis = -2 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_default_axis
func.func @log_softmax_default_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 1 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// CHECK-LABEL: func @log_softmax_nonnegative_axis
func.func @log_softmax_nonnegative_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 1 : i64} : tensor<2x10xf32>
  %0 = kiln.log_softmax %x {axis = 1 : i64} : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// The operands and epsilon are kept.
// CHECK-LABEL: func @layer_norm_negative_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[G:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @layer_norm_negative_axis(%x: tensor<2x3x4xf32>, %gamma: tensor<3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %[[X]] scale %[[G]] bias %[[B]] {axis = 1 : i64, epsilon = 1.000000e-03 : f64} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma bias %beta {axis = -2 : i64, epsilon = 1.0e-3 : f64} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @layer_norm_default_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @layer_norm_default_axis(%x: tensor<2x3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %[[X]] bias %[[B]] {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x bias %beta : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @layer_norm_nonnegative_axis
func.func @layer_norm_nonnegative_axis(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Batch normalization has no canonicalization (folding it into a convolution
// is a later pass).
// CHECK-LABEL: func @batch_norm_unchanged
func.func @batch_norm_unchanged(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// kiln.max_pool2d / kiln.avg_pool2d: a 1x1 window without padding
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @max_pool2d_fold_1x1
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x5x5xf32>)
// CHECK-NOT: kiln.max_pool2d
// CHECK: return %[[X]]
func.func @max_pool2d_fold_1x1(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// Dilations and ceil mode do not matter for a 1x1 window; a stride over a
// dimension of size 1 does not either.
// CHECK-LABEL: func @max_pool2d_fold_1x1_dilated_ceil
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x1x6xi8>)
// CHECK-NOT: kiln.max_pool2d
// CHECK: return %[[X]]
func.func @max_pool2d_fold_1x1_dilated_ceil(%x: tensor<2x3x1x6xi8>) -> tensor<2x3x1x6xi8> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>, strides = array<i64: 4, 1>, dilations = array<i64: 3, 2>, ceil_mode = true} : (tensor<2x3x1x6xi8>) -> tensor<2x3x1x6xi8>
  return %0 : tensor<2x3x1x6xi8>
}

// -----

// A stride of 2 subsamples: not the identity.
// CHECK-LABEL: func @max_pool2d_no_fold_1x1_strided
// CHECK: %[[R:.*]] = kiln.max_pool2d
// CHECK: return %[[R]]
func.func @max_pool2d_no_fold_1x1_strided(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// Same shape, but a 3x3 window.
// CHECK-LABEL: func @max_pool2d_no_fold_3x3_same_shape
// CHECK: %[[R:.*]] = kiln.max_pool2d
// CHECK: return %[[R]]
func.func @max_pool2d_no_fold_3x3_same_shape(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// count_include_pad is irrelevant without padding.
// CHECK-LABEL: func @avg_pool2d_fold_1x1
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x5x5xf16>)
// CHECK-NOT: kiln.avg_pool2d
// CHECK: return %[[X]]
func.func @avg_pool2d_fold_1x1(%x: tensor<1x8x5x5xf16>) -> tensor<1x8x5x5xf16> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x8x5x5xf16>) -> tensor<1x8x5x5xf16>
  return %0 : tensor<1x8x5x5xf16>
}

// -----

// Same shape, but every window is one element and one padding tap, which
// count_include_pad makes divide by 2.
// CHECK-LABEL: func @avg_pool2d_no_fold_padded
// CHECK: %[[R:.*]] = kiln.avg_pool2d
// CHECK: return %[[R]]
func.func @avg_pool2d_no_fold_padded(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 1, 2>, padding = array<i64: 0, 0, 0, 1>, count_include_pad = true} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.global_avg_pool / kiln.global_max_pool: spatial dimensions all 1
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @global_avg_pool_fold
// CHECK-SAME: (%[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK-NOT: kiln.global_avg_pool
// CHECK: return %[[X]]
func.func @global_avg_pool_fold(%x: tensor<1x512x1x1xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.global_avg_pool %x : (tensor<1x512x1x1xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func @global_avg_pool_no_fold
// CHECK: %[[R:.*]] = kiln.global_avg_pool
// CHECK: return %[[R]]
func.func @global_avg_pool_no_fold(%x: tensor<1x512x1x2xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.global_avg_pool %x : (tensor<1x512x1x2xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func @global_max_pool_fold
// CHECK-SAME: (%[[X:.*]]: tensor<4x3x1xi32>)
// CHECK-NOT: kiln.global_max_pool
// CHECK: return %[[X]]
func.func @global_max_pool_fold(%x: tensor<4x3x1xi32>) -> tensor<4x3x1xi32> {
  %0 = kiln.global_max_pool %x : (tensor<4x3x1xi32>) -> tensor<4x3x1xi32>
  return %0 : tensor<4x3x1xi32>
}

// -----

// CHECK-LABEL: func @global_max_pool_no_fold
// CHECK: %[[R:.*]] = kiln.global_max_pool
// CHECK: return %[[R]]
func.func @global_max_pool_no_fold(%x: tensor<1x1x3x1x1xf32>) -> tensor<1x1x1x1x1xf32> {
  %0 = kiln.global_max_pool %x : (tensor<1x1x3x1x1xf32>) -> tensor<1x1x1x1x1xf32>
  return %0 : tensor<1x1x1x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: folding when every reduced dimension already has size 1
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_sum_fold_unit_dim
// CHECK-SAME: (%[[X:.*]]: tensor<2x1x3xf32>)
// CHECK-NOT: kiln.reduce_sum
// CHECK: return %[[X]]
func.func @reduce_sum_fold_unit_dim(%x: tensor<2x1x3xf32>) -> tensor<2x1x3xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x1x3xf32>) -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}

// -----

// CHECK-LABEL: func @reduce_mean_fold_all_unit
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x1xf32>)
// CHECK-NOT: kiln.reduce_mean
// CHECK: return %[[X]]
func.func @reduce_mean_fold_all_unit(%x: tensor<1x1x1xf32>) -> tensor<1x1x1xf32> {
  %0 = kiln.reduce_mean %x : (tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

// CHECK-LABEL: func @reduce_max_fold_negative_axes
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x1xi32>)
// CHECK-NOT: kiln.reduce_max
// CHECK: return %[[X]]
func.func @reduce_max_fold_negative_axes(%x: tensor<1x4x1xi32>) -> tensor<1x4x1xi32> {
  %0 = kiln.reduce_max %x {axes = array<i64: -1, 0>} : (tensor<1x4x1xi32>) -> tensor<1x4x1xi32>
  return %0 : tensor<1x4x1xi32>
}

// -----

// Reducing every dimension of a rank-0 tensor reduces nothing.
// CHECK-LABEL: func @reduce_max_fold_rank0
// CHECK-SAME: (%[[X:.*]]: tensor<f32>)
// CHECK-NOT: kiln.reduce_max
// CHECK: return %[[X]]
func.func @reduce_max_fold_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = kiln.reduce_max %x {keep_dims = false} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A size-4 dimension is reduced.
// CHECK-LABEL: func @reduce_sum_no_fold
// CHECK: %[[R:.*]] = kiln.reduce_sum
// CHECK: return %[[R]]
func.func @reduce_sum_no_fold(%x: tensor<1x4x1xf32>) -> tensor<1x1x1xf32> {
  %0 = kiln.reduce_sum %x : (tensor<1x4x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

// Without keep_dims the unit dimension is removed: the type changes.
// CHECK-LABEL: func @reduce_mean_no_fold_drop_dims
// CHECK: %[[R:.*]] = kiln.reduce_mean %{{.*}} {axes = array<i64: 1>, keep_dims = false}
// CHECK: return %[[R]]
func.func @reduce_mean_no_fold_drop_dims(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x1x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A reduced dimension of size 0 becomes 1 (the sum of nothing is 0).
// CHECK-LABEL: func @reduce_sum_no_fold_empty_dim
// CHECK: %[[R:.*]] = kiln.reduce_sum
// CHECK: return %[[R]]
func.func @reduce_sum_no_fold_empty_dim(%x: tensor<2x0xf32>) -> tensor<2x1xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x0xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: axes become non-negative and sorted
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_mean_canonical_axes
// CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
func.func @reduce_mean_canonical_axes(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: -1, 0>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// CHECK-LABEL: func @reduce_sum_canonical_axes_sorted
// CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: 0, 1, 3>, keep_dims = false} : (tensor<2x3x4x5xi64>) -> tensor<4xi64>
func.func @reduce_sum_canonical_axes_sorted(%x: tensor<2x3x4x5xi64>) -> tensor<4xi64> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 3, 0, -3>, keep_dims = false} : (tensor<2x3x4x5xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-LABEL: func @reduce_max_canonical_axes
// CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 1>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
func.func @reduce_max_canonical_axes(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = kiln.reduce_max %x {axes = array<i64: -1>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Already canonical, and the empty list (every dimension) stays empty.
// CHECK-LABEL: func @reduce_max_axes_unchanged
// CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
// CHECK: kiln.reduce_max %{{.*}} : (tensor<2x3xf32>) -> tensor<1x1xf32>
func.func @reduce_max_axes_unchanged(%x: tensor<2x3xf32>) -> (tensor<1x1xf32>, tensor<1x1xf32>) {
  %0 = kiln.reduce_max %x {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  %1 = kiln.reduce_max %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<1x1xf32>, tensor<1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Shuffles and resampling
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @channel_shuffle_one_group
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_one_group(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 1 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_groups_equal_channels
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_groups_equal_channels(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 6 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_kept
// CHECK: %[[R:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: return %[[R]]
func.func @channel_shuffle_kept(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// groups 3 then 12 / 3 = 4: the identity.
// CHECK-LABEL: func @channel_shuffle_inverse_pair
// CHECK-SAME: (%[[X:.*]]: tensor<2x12x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_inverse_pair(%x: tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32> {
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32>
  %1 = kiln.channel_shuffle %0 {groups = 4 : i64} : (tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32>
  return %1 : tensor<2x12x3x3xf32>
}

// -----

// The usual ShuffleNet pair in the other order: groups 6 then 2 on 12 channels.
// CHECK-LABEL: func @channel_shuffle_inverse_pair_swapped
// CHECK-SAME: (%[[X:.*]]: tensor<1x12xi8>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_inverse_pair_swapped(%x: tensor<1x12xi8>) -> tensor<1x12xi8> {
  %0 = kiln.channel_shuffle %x {groups = 6 : i64} : (tensor<1x12xi8>) -> tensor<1x12xi8>
  %1 = kiln.channel_shuffle %0 {groups = 2 : i64} : (tensor<1x12xi8>) -> tensor<1x12xi8>
  return %1 : tensor<1x12xi8>
}

// -----

// groups 2 then 3 on 12 channels is a different permutation (2 * 3 != 12):
// both shuffles stay.
// CHECK-LABEL: func @channel_shuffle_pair_not_inverse
// CHECK: %[[A:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.channel_shuffle %[[A]] {groups = 3 : i64}
// CHECK-NEXT: return %[[B]]
func.func @channel_shuffle_pair_not_inverse(%x: tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32>
  %1 = kiln.channel_shuffle %0 {groups = 3 : i64} : (tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32>
  return %1 : tensor<1x12x2x2xf32>
}

// -----

// The same shuffle twice is not the identity unless groups * groups == C.
// CHECK-LABEL: func @channel_shuffle_same_twice
// CHECK: %[[A:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.channel_shuffle %[[A]] {groups = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @channel_shuffle_same_twice(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %1 = kiln.channel_shuffle %0 {groups = 2 : i64} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %1 : tensor<1x8xf32>
}

// -----

// groups * groups == C: a shuffle by 3 of 9 channels is its own inverse.
// CHECK-LABEL: func @channel_shuffle_self_inverse
// CHECK-SAME: (%[[X:.*]]: tensor<1x9xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_self_inverse(%x: tensor<1x9xf32>) -> tensor<1x9xf32> {
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<1x9xf32>) -> tensor<1x9xf32>
  %1 = kiln.channel_shuffle %0 {groups = 3 : i64} : (tensor<1x9xf32>) -> tensor<1x9xf32>
  return %1 : tensor<1x9xf32>
}

// -----

// Constant folding evaluates the index formula: output channel c reads input
// channel (c % 3) * 4 + c / 3.
// CHECK-LABEL: func @channel_shuffle_constant
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}[0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]]> : tensor<1x12xi32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant() -> tensor<1x12xi32> {
  %c = kiln.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]> : tensor<1x12xi32>
  %0 = kiln.channel_shuffle %c {groups = 3 : i64} : (tensor<1x12xi32>) -> tensor<1x12xi32>
  return %0 : tensor<1x12xi32>
}

// -----

// Proof of the inverse-pair fold by evaluation: shuffling the result of
// @channel_shuffle_constant by 12 / 3 = 4 gives back 0, 1, ..., 11.
// CHECK-LABEL: func @channel_shuffle_constant_inverse
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]> : tensor<1x12xi32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant_inverse() -> tensor<1x12xi32> {
  %c = kiln.constant dense<[[0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]]> : tensor<1x12xi32>
  %0 = kiln.channel_shuffle %c {groups = 4 : i64} : (tensor<1x12xi32>) -> tensor<1x12xi32>
  return %0 : tensor<1x12xi32>
}

// -----

// Batches shuffle independently; trailing dimensions move with their channel.
// CHECK-LABEL: func @channel_shuffle_constant_batched
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}[0.000000e+00, 5.000000e-01], [3.000000e+00, 3.500000e+00], [1.000000e+00, 1.500000e+00], [4.000000e+00, 4.500000e+00], [2.000000e+00, 2.500000e+00], [5.000000e+00, 5.500000e+00]], {{\[}}[1.000000e+01, 1.050000e+01], [1.300000e+01, 1.350000e+01], [1.100000e+01, 1.150000e+01], [1.400000e+01, 1.450000e+01], [1.200000e+01, 1.250000e+01], [1.500000e+01, 1.550000e+01]]]> : tensor<2x6x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant_batched() -> tensor<2x6x2xf32> {
  %c = kiln.constant dense<[[[0.0, 0.5], [1.0, 1.5], [2.0, 2.5], [3.0, 3.5], [4.0, 4.5], [5.0, 5.5]],
                            [[10.0, 10.5], [11.0, 11.5], [12.0, 12.5], [13.0, 13.5], [14.0, 14.5], [15.0, 15.5]]]> : tensor<2x6x2xf32>
  %0 = kiln.channel_shuffle %c {groups = 2 : i64} : (tensor<2x6x2xf32>) -> tensor<2x6x2xf32>
  return %0 : tensor<2x6x2xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<7> : tensor<1x6xi64>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_splat() -> tensor<1x6xi64> {
  %c = kiln.constant dense<7> : tensor<1x6xi64>
  %0 = kiln.channel_shuffle %c {groups = 2 : i64} : (tensor<1x6xi64>) -> tensor<1x6xi64>
  return %0 : tensor<1x6xi64>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_factor_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_factor_one(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_kept
// CHECK: %[[R:.*]] = kiln.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64}
// CHECK-NEXT: return %[[R]]
func.func @pixel_shuffle_kept(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_of_unshuffle_crd(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %1 = kiln.pixel_shuffle %0 {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %1 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<2x2x6x9xf16>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_of_unshuffle_dcr(%x: tensor<2x2x6x9xf16>) -> tensor<2x2x6x9xf16> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xf16>) -> tensor<2x18x2x3xf16>
  %1 = kiln.pixel_shuffle %0 {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  return %1 : tensor<2x2x6x9xf16>
}

// -----

// Different orders are different permutations: nothing folds.
// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_other_order
// CHECK: %[[A:.*]] = kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.pixel_shuffle %[[A]] {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @pixel_shuffle_of_unshuffle_other_order(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %1 = kiln.pixel_shuffle %0 {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %1 : tensor<1x3x8x8xf32>
}

// -----

// Input element [0, ch, 0, w] holds ch * 2 + w. CRD: output [0, c, i, w * 2 + j]
// reads channel c * 4 + i * 2 + j.
// CHECK-LABEL: func @pixel_shuffle_constant_crd
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2, 1, 3], [4, 6, 5, 7]], {{\[}}[8, 10, 9, 11], [12, 14, 13, 15]]]]> : tensor<1x2x2x4xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_constant_crd() -> tensor<1x2x2x4xi32> {
  %c = kiln.constant dense<[[[[0, 1]], [[2, 3]], [[4, 5]], [[6, 7]], [[8, 9]], [[10, 11]], [[12, 13]], [[14, 15]]]]> : tensor<1x8x1x2xi32>
  %0 = kiln.pixel_shuffle %c {upscale_factor = 2 : i64} : (tensor<1x8x1x2xi32>) -> tensor<1x2x2x4xi32>
  return %0 : tensor<1x2x2x4xi32>
}

// -----

// DCR: output [0, c, i, w * 2 + j] reads channel (i * 2 + j) * 2 + c.
// CHECK-LABEL: func @pixel_shuffle_constant_dcr
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 4, 1, 5], [8, 12, 9, 13]], {{\[}}[2, 6, 3, 7], [10, 14, 11, 15]]]]> : tensor<1x2x2x4xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_constant_dcr() -> tensor<1x2x2x4xi32> {
  %c = kiln.constant dense<[[[[0, 1]], [[2, 3]], [[4, 5]], [[6, 7]], [[8, 9]], [[10, 11]], [[12, 13]], [[14, 15]]]]> : tensor<1x8x1x2xi32>
  %0 = kiln.pixel_shuffle %c {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x8x1x2xi32>) -> tensor<1x2x2x4xi32>
  return %0 : tensor<1x2x2x4xi32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<true> : tensor<1x1x2x2xi1>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_splat() -> tensor<1x1x2x2xi1> {
  %c = kiln.constant dense<true> : tensor<1x4x1x1xi1>
  %0 = kiln.pixel_shuffle %c {upscale_factor = 2 : i64} : (tensor<1x4x1x1xi1>) -> tensor<1x1x2x2xi1>
  return %0 : tensor<1x1x2x2xi1>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_factor_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_factor_one(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_kept
// CHECK: %[[R:.*]] = kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>}
// CHECK-NEXT: return %[[R]]
func.func @pixel_unshuffle_kept(%x: tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x12x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_of_shuffle_crd(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<1x12x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_of_shuffle_dcr(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_other_order
// CHECK: %[[A:.*]] = kiln.pixel_shuffle %{{.*}} {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.pixel_unshuffle %[[A]] {downscale_factor = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @pixel_unshuffle_of_shuffle_other_order(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// Input element [0, c, y, x] holds c * 8 + y * 4 + x. CRD: output channel
// c * 4 + i * 2 + j at [0, _, 0, w] reads [0, c, i, w * 2 + j].
// CHECK-LABEL: func @pixel_unshuffle_constant_crd
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2]], {{\[}}[1, 3]], {{\[}}[4, 6]], {{\[}}[5, 7]], {{\[}}[8, 10]], {{\[}}[9, 11]], {{\[}}[12, 14]], {{\[}}[13, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_crd() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11], [12, 13, 14, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// DCR (ONNX SpaceToDepth): output channel (i * 2 + j) * 2 + c reads [0, c, i, w * 2 + j].
// CHECK-LABEL: func @pixel_unshuffle_constant_dcr
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2]], {{\[}}[8, 10]], {{\[}}[1, 3]], {{\[}}[9, 11]], {{\[}}[4, 6]], {{\[}}[12, 14]], {{\[}}[5, 7]], {{\[}}[13, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_dcr() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11], [12, 13, 14, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// Evaluation agrees with the inverse-pair fold: unshuffling the DCR result
// of @pixel_shuffle_constant_dcr gives back the input 0, 1, ..., 15.
// CHECK-LABEL: func @pixel_unshuffle_constant_inverts_shuffle
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 1]], {{\[}}[2, 3]], {{\[}}[4, 5]], {{\[}}[6, 7]], {{\[}}[8, 9]], {{\[}}[10, 11]], {{\[}}[12, 13]], {{\[}}[14, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_inverts_shuffle() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 4, 1, 5], [8, 12, 9, 13]], [[2, 6, 3, 7], [10, 14, 11, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// CHECK-LABEL: func @resize_same_size
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @resize_same_size(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @resize_same_size_unit_scales
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @resize_same_size_unit_scales(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<cubic>, scales = array<f64: 1.0, 1.0, 1.0, 1.0>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// tf_half_pixel_for_nn samples at x + 0.5, which round_prefer_floor and floor
// round back to x.
// CHECK-LABEL: func @resize_same_size_tf_half_pixel_for_nn_floor
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[Y:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]], %[[Y]]
func.func @resize_same_size_tf_half_pixel_for_nn_floor(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x8x8xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.resize %y {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<floor>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0, %1 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// ... but round_prefer_ceil and ceil read x + 1, and linear interpolates
// between x and x + 1: no fold.
// CHECK-LABEL: func @resize_same_size_tf_half_pixel_for_nn_kept
// CHECK: kiln.resize {{.*}}nearest_mode = #kiln.nearest_mode<round_prefer_ceil>
// CHECK: kiln.resize {{.*}}nearest_mode = #kiln.nearest_mode<ceil>
// CHECK: kiln.resize {{.*}}mode = #kiln.resize_mode<linear>
func.func @resize_same_size_tf_half_pixel_for_nn_kept(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %2 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, mode = #kiln.resize_mode<linear>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0, %1, %2 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// floor(8 * 1.1) = 8, but half_pixel samples at (x + 0.5) / 1.1 - 0.5: no fold.
// CHECK-LABEL: func @resize_same_size_other_scales
// CHECK: %[[R:.*]] = kiln.resize
// CHECK-NEXT: return %[[R]]
func.func @resize_same_size_other_scales(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 1.1, 1.1>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @resize_kept
// CHECK: %[[R:.*]] = kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 16, 16>}
// CHECK-NEXT: return %[[R]]
func.func @resize_kept(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func @resize_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<2.500000e+00> : tensor<1x1x4x6xf32>
// CHECK-NEXT: return %[[C]]
func.func @resize_splat() -> tensor<1x1x4x6xf32> {
  %c = kiln.constant dense<2.5> : tensor<1x1x2x3xf32>
  %0 = kiln.resize %c {mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 1, 4, 6>} : (tensor<1x1x2x3xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// A non-splat constant is not evaluated.
// CHECK-LABEL: func @resize_constant_kept
// CHECK: %[[C:.*]] = kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[R:.*]] = kiln.resize %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @resize_constant_kept() -> tensor<4xf32> {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = kiln.resize %c {sizes = array<i64: 4>} : (tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Rotary embedding and attention
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// kiln.attention: a constant splat 0 mask is dropped
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @attention_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @attention_zero_mask(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %m = kiln.constant dense<0.0> : tensor<1x1x8x8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m) {causal}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// -0.0, another element type than the operands, rope tables kept.
// CHECK-LABEL: func @attention_negative_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} rope_tables(%{{.*}}, %{{.*}}) {rope = #kiln.rope<>} : (tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
func.func @attention_negative_zero_mask(%q: tensor<1x4x8x16xbf16>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xbf16> {
  %m = kiln.constant dense<-0.0> : tensor<8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m) rope_tables(%cos, %sin) {rope = #kiln.rope<>}
      : (tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  return %0 : tensor<1x4x8x16xbf16>
}

// -----

// A non-zero splat mask shifts every score; it stays.
// CHECK-LABEL: func @attention_nonzero_mask
// CHECK: %[[M:.*]] = kiln.constant dense<-1.000000e+00> : tensor<1x1x8x8xf32>
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]]) : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
func.func @attention_nonzero_mask(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %m = kiln.constant dense<-1.0> : tensor<1x1x8x8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// A constant mask that is not all zeros stays.
// CHECK-LABEL: func @attention_padding_mask
// CHECK: %[[M:.*]] = kiln.constant dense<[0.000000e+00, 0.000000e+00, 0xFF800000, 0xFF800000]> : tensor<4xf32>
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]]) : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4xf32>) -> tensor<1x2x4x8xf32>
func.func @attention_padding_mask(%q: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %m = kiln.constant dense<[0.0, 0.0, 0xFF800000, 0xFF800000]> : tensor<4xf32>
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4xf32>) -> tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

// A mask that is not a constant stays.
// CHECK-LABEL: func @attention_argument_mask
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x4x8xf32>, %[[M:.*]]: tensor<4x4xf32>
// CHECK: kiln.attention %[[Q]], %[[Q]], %[[Q]] mask(%[[M]]) : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
func.func @attention_argument_mask(%q: tensor<1x2x4x8xf32>, %m: tensor<4x4xf32>) -> tensor<1x2x4x8xf32> {
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.attention: causal is dropped when Sq == 1
//===----------------------------------------------------------------------===//

// A decoding step: the single query is the last position and sees every key.
// CHECK-LABEL: func @attention_causal_single_query
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : (tensor<2x8x1x64xf16>, tensor<2x2x37x64xf16>, tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16>
func.func @attention_causal_single_query(%q: tensor<2x8x1x64xf16>, %k: tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16> {
  %0 = kiln.attention %q, %k, %k {causal, scale = 0.125}
      : (tensor<2x8x1x64xf16>, tensor<2x2x37x64xf16>, tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16>
  return %0 : tensor<2x8x1x64xf16>
}

// -----

// In bshd Sq is dimension 1; the mask (not zero) stays.
// CHECK-LABEL: func @attention_causal_single_query_bshd
// CHECK-SAME: %[[Q:.*]]: tensor<1x1x4x16xf32>, %[[K:.*]]: tensor<1x9x4x16xf32>, %[[M:.*]]: tensor<1x9xf32>
// CHECK: kiln.attention %[[Q]], %[[K]], %[[K]] mask(%[[M]]) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x1x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9xf32>) -> tensor<1x1x4x16xf32>
func.func @attention_causal_single_query_bshd(%q: tensor<1x1x4x16xf32>, %k: tensor<1x9x4x16xf32>, %m: tensor<1x9xf32>) -> tensor<1x1x4x16xf32> {
  %0 = kiln.attention %q, %k, %k mask(%m) {causal, layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x1x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9xf32>) -> tensor<1x1x4x16xf32>
  return %0 : tensor<1x1x4x16xf32>
}

// -----

// Both at once.
// CHECK-LABEL: func @attention_causal_and_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x4x1x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x1x16xf32>
func.func @attention_causal_and_zero_mask(%q: tensor<1x4x1x16xf32>, %k: tensor<1x4x8x16xf32>) -> tensor<1x4x1x16xf32> {
  %m = kiln.constant dense<0.0> : tensor<1x8xf32>
  %0 = kiln.attention %q, %k, %k mask(%m) {causal}
      : (tensor<1x4x1x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x8xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

// Sq = 4 (bhsd dimension 2): causal stays, even though the head count is 1.
// CHECK-LABEL: func @attention_causal_kept
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal} : (tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
func.func @attention_causal_kept(%q: tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32> {
  %0 = kiln.attention %q, %q, %q {causal}
      : (tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
  return %0 : tensor<1x1x4x16xf32>
}

// -----

// [B, S, H, D] = [1, 4, 1, 16]: H = 1 but Sq = 4, so causal stays.
// CHECK-LABEL: func @attention_causal_kept_bshd
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
func.func @attention_causal_kept_bshd(%q: tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32> {
  %0 = kiln.attention %q, %q, %q {causal, layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.rope: no folds (negative tests)
//===----------------------------------------------------------------------===//

// With S = 1 and position_offset = 0 every angle is 0, but x * 1 - y * 0 is
// not x in IEEE arithmetic when y is inf or NaN (or for signed zeros): the op
// stays.
// CHECK-LABEL: func @rope_single_position
// CHECK: %[[R:.*]] = kiln.rope %{{.*}} : (tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @rope_single_position(%x: tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32> {
  %0 = kiln.rope %x : (tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

// Two rotations are not merged into one.
// CHECK-LABEL: func @rope_twice
// CHECK: %[[A:.*]] = kiln.rope %{{.*}} {position_offset = 3 : i64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK: %[[B:.*]] = kiln.rope %[[A]] {position_offset = 5 : i64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK: return %[[B]]
func.func @rope_twice(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %0 = kiln.rope %x {position_offset = 3} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %1 = kiln.rope %0 {position_offset = 5} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %1 : tensor<1x4x8x16xf32>
}

// -----

// Constant tables are kept as they are.
// CHECK-LABEL: func @rope_constant_tables
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+00> : tensor<8x8xf32>
// CHECK: %[[S:.*]] = kiln.constant dense<0.000000e+00> : tensor<8x8xf32>
// CHECK: kiln.rope %{{.*}} tables(%[[C]], %[[S]]) : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
func.func @rope_constant_tables(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %cos = kiln.constant dense<1.0> : tensor<8x8xf32>
  %sin = kiln.constant dense<0.0> : tensor<8x8xf32>
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Constants and tensor plumbing
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// kiln.reshape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reshape_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.reshape
// CHECK: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @reshape_other_type
// CHECK: %[[R:.*]] = kiln.reshape %{{.*}} {shape = array<i64: 3, 2>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: return %[[R]]
func.func @reshape_other_type(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 3, 2>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func @reshape_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 4, 6>} : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
// CHECK-NOT: kiln.reshape
// CHECK: return %[[R]]
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 4, 6>} : (tensor<6x4xf32>) -> tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// The first reshape stays for its other use.
// CHECK-LABEL: func @reshape_reshape_shared
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-DAG: %[[A:.*]] = kiln.reshape %[[X]] {shape = array<i64: 6, 4>}
// CHECK-DAG: %[[B:.*]] = kiln.reshape %[[X]] {shape = array<i64: 24>}
// CHECK: return %[[A]], %[[B]]
func.func @reshape_reshape_shared(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<24xf32>) {
  %0 = kiln.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 24>} : (tensor<6x4xf32>) -> tensor<24xf32>
  return %0, %1 : tensor<6x4xf32>, tensor<24xf32>
}

// -----

// CHECK-LABEL: func @reshape_reshape_back
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: kiln.reshape
// CHECK: return %[[X]]
func.func @reshape_reshape_back(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 24>} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 2, 3, 4>} : (tensor<24xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// A reshape of a transpose is not a chain of reshapes.
// CHECK-LABEL: func @reshape_of_transpose
// CHECK: %[[T:.*]] = kiln.transpose
// CHECK: %[[R:.*]] = kiln.reshape %[[T]] {shape = array<i64: 6>}
// CHECK: return %[[R]]
func.func @reshape_of_transpose(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 6>} : (tensor<3x2xf32>) -> tensor<6xf32>
  return %1 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func @reshape_splat
// CHECK: %[[C:.*]] = kiln.constant dense<1.500000e+00> : tensor<3x2xf32>
// CHECK-NOT: kiln.reshape
// CHECK: return %[[C]]
func.func @reshape_splat() -> tensor<3x2xf32> {
  %c = kiln.constant dense<1.5> : tensor<6xf32>
  %0 = kiln.reshape %c {shape = array<i64: 3, 2>} : (tensor<6xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func @reshape_dense
// CHECK: %[[C:.*]] = kiln.constant dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
// CHECK-NOT: kiln.reshape
// CHECK: return %[[C]]
func.func @reshape_dense() -> tensor<2x3xi64> {
  %c = kiln.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi64>
  %0 = kiln.reshape %c {shape = array<i64: 2, 3>} : (tensor<6xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// Weights held as resources are not copied by folding: the reshaped
// constant shares the blob.
// CHECK-LABEL: func @reshape_resource
// CHECK: %[[C:.*]] = kiln.constant dense_resource<blob> : tensor<1x2xf32>
// CHECK-NOT: kiln.reshape
// CHECK: return %[[C]]
func.func @reshape_resource() -> tensor<1x2xf32> {
  %c = kiln.constant dense_resource<blob> : tensor<2xf32>
  %0 = kiln.reshape %c {shape = array<i64: 1, 2>} : (tensor<2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}

//===----------------------------------------------------------------------===//
// kiln.flatten, kiln.squeeze, kiln.unsqueeze
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @flatten_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.flatten
// CHECK: return %[[X]]
func.func @flatten_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.flatten %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @flatten_other_type
// CHECK: %[[F:.*]] = kiln.flatten %{{.*}} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
// CHECK: return %[[F]]
func.func @flatten_other_type(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  %0 = kiln.flatten %x : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// CHECK-LABEL: func @flatten_splat
// CHECK: %[[C:.*]] = kiln.constant dense<0> : tensor<2x12xi32>
// CHECK-NOT: kiln.flatten
// CHECK: return %[[C]]
func.func @flatten_splat() -> tensor<2x12xi32> {
  %c = kiln.constant dense<0> : tensor<2x3x4xi32>
  %0 = kiln.flatten %c : (tensor<2x3x4xi32>) -> tensor<2x12xi32>
  return %0 : tensor<2x12xi32>
}

// -----

// CHECK-LABEL: func @flatten_dense
// CHECK: %[[C:.*]] = kiln.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]]> : tensor<1x4xf32>
// CHECK-NOT: kiln.flatten
// CHECK: return %[[C]]
func.func @flatten_dense() -> tensor<1x4xf32> {
  %c = kiln.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %0 = kiln.flatten %c {axis = 0 : i64} : (tensor<2x2xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: func @squeeze_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.squeeze
// CHECK: return %[[X]]
func.func @squeeze_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.squeeze %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @squeeze_other_type
// CHECK: %[[S:.*]] = kiln.squeeze %{{.*}} {axes = array<i64: 0>} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
// CHECK: return %[[S]]
func.func @squeeze_other_type(%x: tensor<1x3x1xf32>) -> tensor<3x1xf32> {
  %0 = kiln.squeeze %x {axes = array<i64: 0>} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// CHECK-LABEL: func @squeeze_splat
// CHECK: %[[C:.*]] = kiln.constant dense<true> : tensor<3xi1>
// CHECK-NOT: kiln.squeeze
// CHECK: return %[[C]]
func.func @squeeze_splat() -> tensor<3xi1> {
  %c = kiln.constant dense<true> : tensor<1x3xi1>
  %0 = kiln.squeeze %c : (tensor<1x3xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// CHECK-LABEL: func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK-NOT: kiln.
// CHECK: return %[[X]]
func.func @squeeze_unsqueeze(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = kiln.unsqueeze %x {axes = array<i64: 0, -1>} : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
  %1 = kiln.squeeze %0 {axes = array<i64: 3, 0>} : (tensor<1x3x4x1xf32>) -> tensor<3x4xf32>
  return %1 : tensor<3x4xf32>
}

// -----

// Other axes: not the identity, but still one reshape.
// CHECK-LABEL: func @squeeze_unsqueeze_other_axes
// CHECK-SAME: (%[[X:.*]]: tensor<3x1xf32>)
// CHECK: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 1, 3>} : (tensor<3x1xf32>) -> tensor<1x3xf32>
// CHECK-NOT: kiln.squeeze
// CHECK-NOT: kiln.unsqueeze
// CHECK: return %[[R]]
func.func @squeeze_unsqueeze_other_axes(%x: tensor<3x1xf32>) -> tensor<1x3xf32> {
  %0 = kiln.unsqueeze %x {axes = array<i64: 0>} : (tensor<3x1xf32>) -> tensor<1x3x1xf32>
  %1 = kiln.squeeze %0 {axes = array<i64: 2>} : (tensor<1x3x1xf32>) -> tensor<1x3xf32>
  return %1 : tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func @unsqueeze_no_axes
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.unsqueeze
// CHECK: return %[[X]]
func.func @unsqueeze_no_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.unsqueeze %x {axes = array<i64>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @unsqueeze_other_type
// CHECK: %[[U:.*]] = kiln.unsqueeze %{{.*}} {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1x3xf32>
// CHECK: return %[[U]]
func.func @unsqueeze_other_type(%x: tensor<2x3xf32>) -> tensor<2x1x3xf32> {
  %0 = kiln.unsqueeze %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}

// -----

// CHECK-LABEL: func @unsqueeze_splat
// CHECK: %[[C:.*]] = kiln.constant dense<2.000000e+00> : tensor<1x2x1xf16>
// CHECK-NOT: kiln.unsqueeze
// CHECK: return %[[C]]
func.func @unsqueeze_splat() -> tensor<1x2x1xf16> {
  %c = kiln.constant dense<2.0> : tensor<2xf16>
  %0 = kiln.unsqueeze %c {axes = array<i64: 0, 2>} : (tensor<2xf16>) -> tensor<1x2x1xf16>
  return %0 : tensor<1x2x1xf16>
}

// -----

// CHECK-LABEL: func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x4xf32>)
// CHECK: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 12, 1>} : (tensor<1x3x4xf32>) -> tensor<12x1xf32>
// CHECK-NOT: kiln.
// CHECK: return %[[R]]
func.func @reshape_chain(%x: tensor<1x3x4xf32>) -> tensor<12x1xf32> {
  %0 = kiln.squeeze %x : (tensor<1x3x4xf32>) -> tensor<3x4xf32>
  %1 = kiln.flatten %0 {axis = 0 : i64} : (tensor<3x4xf32>) -> tensor<1x12xf32>
  %2 = kiln.reshape %1 {shape = array<i64: 12>} : (tensor<1x12xf32>) -> tensor<12xf32>
  %3 = kiln.unsqueeze %2 {axes = array<i64: 1>} : (tensor<12xf32>) -> tensor<12x1xf32>
  return %3 : tensor<12x1xf32>
}

// -----

// A flatten of something other than a reshape stays a flatten.
// CHECK-LABEL: func @flatten_of_transpose
// CHECK: %[[T:.*]] = kiln.transpose
// CHECK: %[[F:.*]] = kiln.flatten %[[T]]
// CHECK: return %[[F]]
func.func @flatten_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<3x8xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %1 = kiln.flatten %0 : (tensor<3x2x4xf32>) -> tensor<3x8xf32>
  return %1 : tensor<3x8xf32>
}

//===----------------------------------------------------------------------===//
// kiln.transpose
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @transpose_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]]
func.func @transpose_identity(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Swapping two dimensions of size 2 keeps the type but is not the identity.
// CHECK-LABEL: func @transpose_same_type
// CHECK: %[[T:.*]] = kiln.transpose %{{.*}} {permutation = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK: return %[[T]]
func.func @transpose_same_type(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Output dim i of the outer transpose is x's dim p[q[i]]:
// p = [1, 2, 0], q = [0, 2, 1] gives [1, 0, 2] (not q[p[i]] = [2, 1, 0]).
// CHECK-LABEL: func @transpose_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {permutation = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[T]]
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 0, 2, 1>} : (tensor<3x4x2xf32>) -> tensor<3x2x4xf32>
  return %1 : tensor<3x2x4xf32>
}

// -----

// A 4-D case, as NCHW -> NHWC -> CNHW: p = [0, 2, 3, 1], q = [3, 0, 1, 2]
// gives [1, 0, 2, 3].
// CHECK-LABEL: func @transpose_transpose_4d
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x3x4xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {permutation = array<i64: 1, 0, 2, 3>} : (tensor<5x2x3x4xf32>) -> tensor<2x5x3x4xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[T]]
func.func @transpose_transpose_4d(%x: tensor<5x2x3x4xf32>) -> tensor<2x5x3x4xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : (tensor<5x2x3x4xf32>) -> tensor<5x3x4x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 3, 0, 1, 2>} : (tensor<5x3x4x2xf32>) -> tensor<2x5x3x4xf32>
  return %1 : tensor<2x5x3x4xf32>
}

// -----

// A transpose that moves only dimensions of size 1 copies nothing: it is a
// reshape ([1, S, D] -> [S, 1, D], nn.MultiheadAttention's batch_first).
// CHECK-LABEL: func @transpose_of_unit_dims
// CHECK-SAME: (%[[X:.*]]: tensor<1x5x8xf32>)
// CHECK-NEXT: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 5, 1, 8>} : (tensor<1x5x8xf32>) -> tensor<5x1x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @transpose_of_unit_dims(%x: tensor<1x5x8xf32>) -> tensor<5x1x8xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0, 2>} : (tensor<1x5x8xf32>) -> tensor<5x1x8xf32>
  return %0 : tensor<5x1x8xf32>
}

// -----

// A reshape that drops a dimension of size 1 moves above the transpose it
// reads, which then meets the next transpose: heads moved to the front in
// 4-D, the leading 1 dropped, moved back in 3-D is a reshape.
// CHECK-LABEL: func @reshape_between_transposes
// CHECK-SAME: (%[[X:.*]]: tensor<1x5x4x8xf32>)
// CHECK-NEXT: %[[R:.*]] = kiln.reshape %[[X]] {shape = array<i64: 5, 4, 8>} : (tensor<1x5x4x8xf32>) -> tensor<5x4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_between_transposes(%x: tensor<1x5x4x8xf32>) -> tensor<5x4x8xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x5x4x8xf32>) -> tensor<1x4x5x8xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 4, 5, 8>} : (tensor<1x4x5x8xf32>) -> tensor<4x5x8xf32>
  %2 = kiln.transpose %1 {permutation = array<i64: 1, 0, 2>} : (tensor<4x5x8xf32>) -> tensor<5x4x8xf32>
  return %2 : tensor<5x4x8xf32>
}

// -----

// Slices of the columns of a product by a constant (and its bias) -- the
// fused Q, K, V projection -- become one product per slice, by those
// columns; a slice that is not along the last dimension keeps the product.
// CHECK-LABEL: func @sliced_product
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>)
// CHECK-DAG: %[[W0:.*]] = kiln.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [7.000000e+00, 8.000000e+00], [1.300000e+01, 1.400000e+01], [1.900000e+01, 2.000000e+01]]> : tensor<4x2xf32>
// CHECK-DAG: %[[B0:.*]] = kiln.constant dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[W1:.*]] = kiln.constant dense<{{\[}}[3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00], [9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01], [1.500000e+01, 1.600000e+01, 1.700000e+01, 1.800000e+01], [2.100000e+01, 2.200000e+01, 2.300000e+01, 2.400000e+01]]> : tensor<4x4xf32>
// CHECK-DAG: %[[B1:.*]] = kiln.constant dense<[3.000000e-01, 4.000000e-01, 5.000000e-01, 6.000000e-01]> : tensor<4xf32>
// CHECK-DAG: %[[P0:.*]] = kiln.matmul %[[X]], %[[W0]] : (tensor<5x4xf32>, tensor<4x2xf32>) -> tensor<5x2xf32>
// CHECK-DAG: %[[P1:.*]] = kiln.matmul %[[X]], %[[W1]] : (tensor<5x4xf32>, tensor<4x4xf32>) -> tensor<5x4xf32>
// CHECK-DAG: kiln.add %[[P0]], %[[B0]]
// CHECK-DAG: kiln.add %[[P1]], %[[B1]]
// CHECK-NOT: kiln.slice
func.func @sliced_product(%x: tensor<5x4xf32>) -> (tensor<5x2xf32>, tensor<5x4xf32>) {
  %w = kiln.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0, 17.0, 18.0], [19.0, 20.0, 21.0, 22.0, 23.0, 24.0]]> : tensor<4x6xf32>
  %b = kiln.constant dense<[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]> : tensor<6xf32>
  %p = kiln.matmul %x, %w : (tensor<5x4xf32>, tensor<4x6xf32>) -> tensor<5x6xf32>
  %y = kiln.add %p, %b : (tensor<5x6xf32>, tensor<6xf32>) -> tensor<5x6xf32>
  %s0 = kiln.slice %y {starts = array<i64: 0, 0>, ends = array<i64: 5, 2>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<5x2xf32>
  %s1 = kiln.slice %y {starts = array<i64: 0, 2>, ends = array<i64: 5, 6>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<5x4xf32>
  return %s0, %s1 : tensor<5x2xf32>, tensor<5x4xf32>
}

// A split along the last dimension (torch's qkv.split(d, dim=-1), chunk)
// is read the same way: one product per piece.
// CHECK-LABEL: func @split_product
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>)
// CHECK-DAG: %[[W0:.*]] = kiln.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [7.000000e+00, 8.000000e+00, 9.000000e+00], [1.300000e+01, 1.400000e+01, 1.500000e+01], [1.900000e+01, 2.000000e+01, 2.100000e+01]]> : tensor<4x3xf32>
// CHECK-DAG: %[[W1:.*]] = kiln.constant dense<{{\[}}[4.000000e+00, 5.000000e+00, 6.000000e+00], [1.000000e+01, 1.100000e+01, 1.200000e+01], [1.600000e+01, 1.700000e+01, 1.800000e+01], [2.200000e+01, 2.300000e+01, 2.400000e+01]]> : tensor<4x3xf32>
// CHECK-DAG: %[[P0:.*]] = kiln.matmul %[[X]], %[[W0]]
// CHECK-DAG: %[[P1:.*]] = kiln.matmul %[[X]], %[[W1]]
// CHECK-NOT: kiln.split
// CHECK: return %[[P0]], %[[P1]]
func.func @split_product(%x: tensor<5x4xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>) {
  %w = kiln.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0, 17.0, 18.0], [19.0, 20.0, 21.0, 22.0, 23.0, 24.0]]> : tensor<4x6xf32>
  %p = kiln.matmul %x, %w : (tensor<5x4xf32>, tensor<4x6xf32>) -> tensor<5x6xf32>
  %s:2 = kiln.split %p {axis = -1 : i64, sizes = array<i64: 3, 3>} : (tensor<5x6xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>)
  return %s#0, %s#1 : tensor<5x3xf32>, tensor<5x3xf32>
}

// CHECK-LABEL: func @sliced_product_rows
// CHECK: kiln.matmul
// CHECK: kiln.slice
func.func @sliced_product_rows(%x: tensor<5x4xf32>) -> tensor<2x6xf32> {
  %w = kiln.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0, 17.0, 18.0], [19.0, 20.0, 21.0, 22.0, 23.0, 24.0]]> : tensor<4x6xf32>
  %p = kiln.matmul %x, %w : (tensor<5x4xf32>, tensor<4x6xf32>) -> tensor<5x6xf32>
  %s = kiln.slice %p {starts = array<i64: 0, 0>, ends = array<i64: 2, 6>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<2x6xf32>
  return %s : tensor<2x6xf32>
}

// -----

// CHECK-LABEL: func @transpose_transpose_inverse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]]
func.func @transpose_transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 2, 0, 1>} : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @transpose_splat
// CHECK: %[[C:.*]] = kiln.constant dense<3.000000e+00> : tensor<3x2xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[C]]
func.func @transpose_splat() -> tensor<3x2xf32> {
  %c = kiln.constant dense<3.0> : tensor<2x3xf32>
  %0 = kiln.transpose %c {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Constant data is transposed at compile time: result element (i, j, k) is
// input element (j, k, i) for permutation [1, 2, 0].
// CHECK-LABEL: func @transpose_constant_3d
// CHECK: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}[0, 6], [1, 7]], {{\[}}[2, 8], [3, 9]], {{\[}}[4, 10], [5, 11]]]> : tensor<3x2x2xi8>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[C]]
func.func @transpose_constant_3d() -> tensor<3x2x2xi8> {
  %c = kiln.constant dense<[[[0, 1], [2, 3], [4, 5]], [[6, 7], [8, 9], [10, 11]]]> : tensor<2x3x2xi8>
  %0 = kiln.transpose %c {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x2xi8>) -> tensor<3x2x2xi8>
  return %0 : tensor<3x2x2xi8>
}

// -----

// A dense_resource blob (how weights are imported) gives a new blob.
// CHECK-LABEL: func @transpose_resource
// CHECK: %[[C:.*]] = kiln.constant dense_resource<w.T> : tensor<3x2xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[C]]
// CHECK: w.T: "0x10000000000080BF0000803F00000040000000C00000404000000000"
func.func @transpose_resource() -> tensor<3x2xf32> {
  %c = kiln.constant dense_resource<w> : tensor<2x3xf32>
  %0 = kiln.transpose %c {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x04000000000080BF00000040000040400000803F000000C000000000"
    }
  }
#-}

// -----

// i1 data is bit-packed: left to the run time.
// CHECK-LABEL: func @transpose_constant_i1
// CHECK: kiln.transpose
func.func @transpose_constant_i1() -> tensor<3x2xi1> {
  %c = kiln.constant dense<[[true, false, true], [false, false, true]]> : tensor<2x3xi1>
  %0 = kiln.transpose %c {permutation = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// -----

// Transposing dense data is folded.
// CHECK-LABEL: func @transpose_dense
// CHECK: %[[C:.*]] = kiln.constant dense<{{\[}}[1.000000e+00], [2.000000e+00]]> : tensor<2x1xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[C]]
func.func @transpose_dense() -> tensor<2x1xf32> {
  %c = kiln.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %0 = kiln.transpose %c {permutation = array<i64: 1, 0>} : (tensor<1x2xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

//===----------------------------------------------------------------------===//
// kiln.expand
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @expand_same_shape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.expand
// CHECK: return %[[X]]
func.func @expand_same_shape(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.expand %x {shape = array<i64: 1, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @expand_broadcast
// CHECK: %[[E:.*]] = kiln.expand %{{.*}} {shape = array<i64: 4, 2, 3>} : (tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK: return %[[E]]
func.func @expand_broadcast(%x: tensor<2x1xf32>) -> tensor<4x2x3xf32> {
  %0 = kiln.expand %x {shape = array<i64: 4, 2, 3>} : (tensor<2x1xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func @expand_splat
// CHECK: %[[C:.*]] = kiln.constant dense<-1> : tensor<4x2x3xi64>
// CHECK-NOT: kiln.expand
// CHECK: return %[[C]]
func.func @expand_splat() -> tensor<4x2x3xi64> {
  %c = kiln.constant dense<-1> : tensor<2x1xi64>
  %0 = kiln.expand %c {shape = array<i64: 4, 2, 3>} : (tensor<2x1xi64>) -> tensor<4x2x3xi64>
  return %0 : tensor<4x2x3xi64>
}

// -----

// CHECK-LABEL: func @expand_dense
// CHECK: %[[C:.*]] = kiln.constant
// CHECK: %[[E:.*]] = kiln.expand %[[C]]
// CHECK: return %[[E]]
func.func @expand_dense() -> tensor<2x2xi64> {
  %c = kiln.constant dense<[1, 2]> : tensor<2xi64>
  %0 = kiln.expand %c {shape = array<i64: 2, 1>} : (tensor<2xi64>) -> tensor<2x2xi64>
  return %0 : tensor<2x2xi64>
}

//===----------------------------------------------------------------------===//
// kiln.concat, kiln.split
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @concat_single
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.concat
// CHECK: return %[[X]]
func.func @concat_single(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.concat %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @concat_two
// CHECK: %[[C:.*]] = kiln.concat %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: return %[[C]]
func.func @concat_two(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %0 = kiln.concat %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func @split_single
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.split
// CHECK: return %[[X]]
func.func @split_single(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @split_two
// CHECK: %[[S:.*]]:2 = kiln.split %{{.*}} {axis = 1 : i64, sizes = array<i64: 1, 2>} : (tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>)
// CHECK: return %[[S]]#0, %[[S]]#1
func.func @split_two(%x: tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>) {
  %0:2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 1, 2>} : (tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>)
  return %0#0, %0#1 : tensor<2x1xf32>, tensor<2x2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.slice, kiln.pad
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @slice_whole
// CHECK-SAME: (%[[X:.*]]: tensor<5x8xf32>)
// CHECK-NOT: kiln.slice
// CHECK: return %[[X]]
func.func @slice_whole(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 5, 8>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

// Reversing keeps the type but moves the elements.
// CHECK-LABEL: func @slice_reverse
// CHECK: %[[S:.*]] = kiln.slice %{{.*}} {ends = array<i64: 5, -1>, starts = array<i64: 0, 7>, steps = array<i64: 1, -1>}
// CHECK: return %[[S]]
func.func @slice_reverse(%x: tensor<5x8xf32>) -> tensor<5x8xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 7>, ends = array<i64: 5, -1>, steps = array<i64: 1, -1>} : (tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

// CHECK-LABEL: func @slice_part
// CHECK: %[[S:.*]] = kiln.slice %{{.*}} {ends = array<i64: 5, 4>, starts = array<i64: 0, 1>, steps = array<i64: 1, 1>}
// CHECK: return %[[S]]
func.func @slice_part(%x: tensor<5x8xf32>) -> tensor<5x3xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 1>, ends = array<i64: 5, 4>, steps = array<i64: 1, 1>} : (tensor<5x8xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// CHECK-LABEL: func @slice_splat
// CHECK: %[[C:.*]] = kiln.constant dense<4> : tensor<2xi32>
// CHECK-NOT: kiln.slice
// CHECK: return %[[C]]
func.func @slice_splat() -> tensor<2xi32> {
  %c = kiln.constant dense<4> : tensor<5xi32>
  %0 = kiln.slice %c {starts = array<i64: 4>, ends = array<i64: 0>, steps = array<i64: -2>} : (tensor<5xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func @pad_zero
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.pad
// CHECK: return %[[X]]
func.func @pad_zero(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.pad %x {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @pad_nonzero
// CHECK: %[[P:.*]] = kiln.pad %{{.*}} {pads = array<i64: 0, 1, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x4xf32>
// CHECK: return %[[P]]
func.func @pad_nonzero(%x: tensor<2x3xf32>) -> tensor<2x4xf32> {
  %0 = kiln.pad %x {pads = array<i64: 0, 1, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
