// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

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

// Weights held as resources are not copied by folding.
// CHECK-LABEL: func @reshape_resource
// CHECK: %[[C:.*]] = kiln.constant dense_resource<blob> : tensor<2xf32>
// CHECK: %[[R:.*]] = kiln.reshape %[[C]]
// CHECK: return %[[R]]
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
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x4xf32>)
// CHECK: %[[T:.*]] = kiln.transpose %[[X]] {permutation = array<i64: 1, 0, 2, 3>} : (tensor<1x2x3x4xf32>) -> tensor<2x1x3x4xf32>
// CHECK-NOT: kiln.transpose
// CHECK: return %[[T]]
func.func @transpose_transpose_4d(%x: tensor<1x2x3x4xf32>) -> tensor<2x1x3x4xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 3, 0, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<2x1x3x4xf32>
  return %1 : tensor<2x1x3x4xf32>
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

// Transposing dense data is not folded.
// CHECK-LABEL: func @transpose_dense
// CHECK: %[[C:.*]] = kiln.constant
// CHECK: %[[T:.*]] = kiln.transpose %[[C]]
// CHECK: return %[[T]]
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
