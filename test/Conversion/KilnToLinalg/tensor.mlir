// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// Reshapes are views: expand_shape/collapse_shape with the computed
// reassociation, through 1-D when the dimensions do not regroup.

// CHECK-LABEL: func @reshape_expand
// CHECK-SAME: (%[[X:.*]]: tensor<6x4xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[X]] {{\[}}[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_expand(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 2, 3, 4>} : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @reshape_regroup
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<2x3x5xf32> into tensor<30xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [5, 6] : tensor<30xf32> into tensor<5x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_regroup(%x: tensor<2x3x5xf32>) -> tensor<5x6xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 5, 6>} : (tensor<2x3x5xf32>) -> tensor<5x6xf32>
  return %0 : tensor<5x6xf32>
}

// -----

// CHECK-LABEL: func @reshape_to_rank0
// CHECK: %[[R:.*]] = tensor.collapse_shape %{{.*}} [] : tensor<1x1xi64> into tensor<i64>
// CHECK-NEXT: return %[[R]]
func.func @reshape_to_rank0(%x: tensor<1x1xi64>) -> tensor<i64> {
  %0 = kiln.reshape %x {shape = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func @reshape_from_rank0
// CHECK: %[[R:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1, 1, 1] : tensor<i64> into tensor<1x1x1xi64>
// CHECK-NEXT: return %[[R]]
func.func @reshape_from_rank0(%x: tensor<i64>) -> tensor<1x1x1xi64> {
  %0 = kiln.reshape %x {shape = array<i64: 1, 1, 1>} : (tensor<i64>) -> tensor<1x1x1xi64>
  return %0 : tensor<1x1x1xi64>
}

// -----

// Without elements there is nothing to reinterpret.
// CHECK-LABEL: func @reshape_empty
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0x5xf32>
// CHECK-NEXT: return %[[E]]
func.func @reshape_empty(%x: tensor<2x0xf32>) -> tensor<0x5xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 0, 5>} : (tensor<2x0xf32>) -> tensor<0x5xf32>
  return %0 : tensor<0x5xf32>
}

// -----

// CHECK-LABEL: func @flatten
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2, 3]] : tensor<2x3x4x5xf32> into tensor<6x20xf32>
func.func @flatten(%x: tensor<2x3x4x5xf32>) -> tensor<6x20xf32> {
  %0 = kiln.flatten %x {axis = 2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<6x20xf32>
  return %0 : tensor<6x20xf32>
}

// -----

// CHECK-LABEL: func @squeeze_unsqueeze
// CHECK: %[[S:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2, 3]] : tensor<1x3x1x5xf16> into tensor<3x5xf16>
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0], [1, 2, 3]] output_shape [3, 1, 5, 1] : tensor<3x5xf16> into tensor<3x1x5x1xf16>
func.func @squeeze_unsqueeze(%x: tensor<1x3x1x5xf16>) -> tensor<3x1x5x1xf16> {
  %0 = kiln.squeeze %x : (tensor<1x3x1x5xf16>) -> tensor<3x5xf16>
  %1 = kiln.unsqueeze %0 {axes = array<i64: 1, -1>} : (tensor<3x5xf16>) -> tensor<3x1x5x1xf16>
  return %1 : tensor<3x1x5x1xf16>
}

// -----

// CHECK-LABEL: func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x5xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x8x5x3xf32>
// CHECK: linalg.transpose ins(%[[X]] : tensor<1x3x8x5xf32>) outs(%[[E]] : tensor<1x8x5x3xf32>) permutation = [0, 2, 3, 1]
func.func @transpose(%x: tensor<1x3x8x5xf32>) -> tensor<1x8x5x3xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x5xf32>) -> tensor<1x8x5x3xf32>
  return %0 : tensor<1x8x5x3xf32>
}

// -----

// Broadcast in both directions: the input's 1 against 4, the shape's 1
// against 3, and a new leading dimension.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func @expand
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}} : tensor<3x1xf32>) outs(%[[E]] : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[A]] : f32
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.expand %x {shape = array<i64: 2, 1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Concat copies each input into its window of the result (linalg.copy into
// an extract_slice, then insert_slice), never a memref.copy after
// bufferization.
// CHECK-LABEL: func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<2x1x3xf32>, %[[B:.*]]: tensor<2x4x3xf32>, %[[C:.*]]: tensor<2x2x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x7x3xf32>
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[E]][0, 0, 0] [2, 1, 3] [1, 1, 1]
// CHECK: %[[C0:.*]] = linalg.copy ins(%[[A]] : tensor<2x1x3xf32>) outs(%[[W0]] : tensor<2x1x3xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[E]][0, 0, 0] [2, 1, 3] [1, 1, 1]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[R0]][0, 1, 0] [2, 4, 3] [1, 1, 1]
// CHECK: %[[C1:.*]] = linalg.copy ins(%[[B]] : tensor<2x4x3xf32>) outs(%[[W1]] : tensor<2x4x3xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][0, 1, 0] [2, 4, 3] [1, 1, 1]
// CHECK: %[[W2:.*]] = tensor.extract_slice %[[R1]][0, 5, 0] [2, 2, 3] [1, 1, 1]
// CHECK: %[[C2:.*]] = linalg.copy ins(%[[C]] : tensor<2x2x3xf32>) outs(%[[W2]] : tensor<2x2x3xf32>)
// CHECK: %[[R2:.*]] = tensor.insert_slice %[[C2]] into %[[R1]][0, 5, 0] [2, 2, 3] [1, 1, 1]
// CHECK-NEXT: return %[[R2]]
func.func @concat(%a: tensor<2x1x3xf32>, %b: tensor<2x4x3xf32>, %c: tensor<2x2x3xf32>) -> tensor<2x7x3xf32> {
  %0 = kiln.concat %a, %b, %c {axis = -2 : i64} : (tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>) -> tensor<2x7x3xf32>
  return %0 : tensor<2x7x3xf32>
}

// -----

// A unit-step slice is copied into the concat straight from its source (an
// extract_slice view of it), not through a copy of its own; a strided slice
// keeps its copy (a linalg.generic reading through a strided map). The
// unit-step slice's own copy is left unused (the pipeline's canonicalizer
// erases it).
// CHECK-LABEL: func @concat_of_slices
// CHECK-SAME: (%[[A:.*]]: tensor<1x8x2xf32>, %[[B:.*]]: tensor<1x8x2xf32>)
// CHECK: %[[DEAD:.*]] = linalg.generic {{.*}} ins(%[[A]]
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[B]]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x7x2xf32>
// CHECK: %[[V:.*]] = tensor.extract_slice %[[A]][0, 2, 0] [1, 3, 2] [1, 1, 1] : tensor<1x8x2xf32> to tensor<1x3x2xf32>
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[E]][0, 0, 0] [1, 3, 2] [1, 1, 1]
// CHECK: %[[C0:.*]] = linalg.copy ins(%[[V]] : tensor<1x3x2xf32>) outs(%[[W0]] : tensor<1x3x2xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[E]][0, 0, 0] [1, 3, 2] [1, 1, 1]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[R0]][0, 3, 0] [1, 4, 2] [1, 1, 1]
// CHECK: %[[C1:.*]] = linalg.copy ins(%[[S]] : tensor<1x4x2xf32>) outs(%[[W1]] : tensor<1x4x2xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][0, 3, 0] [1, 4, 2] [1, 1, 1]
// CHECK-NOT: %[[DEAD]]
// CHECK: return %[[R1]]
func.func @concat_of_slices(%a: tensor<1x8x2xf32>, %b: tensor<1x8x2xf32>) -> tensor<1x7x2xf32> {
  %0 = kiln.slice %a {starts = array<i64: 0, 2, 0>, ends = array<i64: 1, 5, 2>, steps = array<i64: 1, 1, 1>} : (tensor<1x8x2xf32>) -> tensor<1x3x2xf32>
  %1 = kiln.slice %b {starts = array<i64: 0, 0, 0>, ends = array<i64: 1, 8, 2>, steps = array<i64: 1, 2, 1>} : (tensor<1x8x2xf32>) -> tensor<1x4x2xf32>
  %2 = kiln.concat %0, %1 {axis = 1 : i64} : (tensor<1x3x2xf32>, tensor<1x4x2xf32>) -> tensor<1x7x2xf32>
  return %2 : tensor<1x7x2xf32>
}

// -----

// Concats that extend one another (DenseNet's cat of every earlier feature
// map) share the last one's tensor: the first writes its inputs into it and
// is a view of its prefix, each later one writes only the input it adds and
// is a view of its own prefix, the last is the whole tensor.
// CHECK-LABEL: func @concat_chain
// CHECK-SAME: (%[[X0:.*]]: tensor<1x2x3xf32>, %[[X1:.*]]: tensor<1x1x3xf32>, %[[X2:.*]]: tensor<1x1x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x3xf32>
// CHECK: linalg.copy ins(%[[X0]] : tensor<1x2x3xf32>)
// CHECK: %[[B0:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0, 0] [1, 2, 3] [1, 1, 1]
// CHECK: linalg.copy ins(%[[X1]] : tensor<1x1x3xf32>)
// CHECK: %[[B1:.*]] = tensor.insert_slice %{{.*}} into %[[B0]][0, 2, 0] [1, 1, 3] [1, 1, 1]
// CHECK: %[[C1:.*]] = tensor.extract_slice %[[B1]][0, 0, 0] [1, 3, 3] [1, 1, 1] : tensor<1x4x3xf32> to tensor<1x3x3xf32>
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[C1]]
// CHECK-NOT: tensor.empty() : tensor<1x4x3xf32>
// CHECK-NOT: linalg.copy ins(%[[X0]]
// CHECK-NOT: linalg.copy ins(%[[X1]]
// CHECK: linalg.copy ins(%[[X2]] : tensor<1x1x3xf32>)
// CHECK: %[[B2:.*]] = tensor.insert_slice %{{.*}} into %[[B1]][0, 3, 0] [1, 1, 3] [1, 1, 1]
// CHECK: return %[[Y]], %[[B2]]
func.func @concat_chain(%x0: tensor<1x2x3xf32>, %x1: tensor<1x1x3xf32>, %x2: tensor<1x1x3xf32>) -> (tensor<1x3x3xf32>, tensor<1x4x3xf32>) {
  %0 = kiln.concat %x0, %x1 {axis = 1 : i64} : (tensor<1x2x3xf32>, tensor<1x1x3xf32>) -> tensor<1x3x3xf32>
  %1 = kiln.relu %0 : tensor<1x3x3xf32>
  %2 = kiln.concat %x0, %x1, %x2 {axis = 1 : i64} : (tensor<1x2x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x4x3xf32>
  return %1, %2 : tensor<1x3x3xf32>, tensor<1x4x3xf32>
}

// -----

// No chain: a concat that is returned or reshaped cannot be a view (it is
// copied whole), and two concats that extend a third differently do not
// share its tensor.
// CHECK-LABEL: func @concat_not_chained
// CHECK: tensor.empty() : tensor<1x2x3xf32>
// CHECK-NOT: tensor.extract_slice %{{.*}}[0, 0, 0] [1, 2, 3]
// CHECK-COUNT-2: tensor.empty() : tensor<1x3x3xf32>
// CHECK-NOT: tensor.extract_slice %{{.*}}[0, 0, 0] [1, 2, 3]
// CHECK: return
func.func @concat_not_chained(%x0: tensor<1x1x3xf32>, %x1: tensor<1x1x3xf32>, %x2: tensor<1x1x3xf32>, %x3: tensor<1x1x3xf32>) -> (tensor<1x2x3xf32>, tensor<6xf32>, tensor<1x3x3xf32>, tensor<1x3x3xf32>) {
  %0 = kiln.concat %x0, %x1 {axis = 1 : i64} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x2x3xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 6>} : (tensor<1x2x3xf32>) -> tensor<6xf32>
  %2 = kiln.concat %x0, %x1, %x2 {axis = 1 : i64} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x3x3xf32>
  %3 = kiln.concat %x0, %x1, %x3 {axis = 1 : i64} : (tensor<1x1x3xf32>, tensor<1x1x3xf32>, tensor<1x1x3xf32>) -> tensor<1x3x3xf32>
  return %0, %1, %2, %3 : tensor<1x2x3xf32>, tensor<6xf32>, tensor<1x3x3xf32>, tensor<1x3x3xf32>
}

// -----

// The one input with elements is the result.
// CHECK-LABEL: func @concat_one_nonempty
// CHECK-SAME: (%{{.*}}: tensor<0x3xi1>, %[[B:.*]]: tensor<4x3xi1>)
// CHECK-NEXT: return %[[B]]
func.func @concat_one_nonempty(%a: tensor<0x3xi1>, %b: tensor<4x3xi1>) -> tensor<4x3xi1> {
  %0 = kiln.concat %a, %b, %a {axis = 0 : i64} : (tensor<0x3xi1>, tensor<4x3xi1>, tensor<0x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// -----

// Empty inputs are skipped.
// CHECK-LABEL: func @concat_skips_empty
// CHECK-SAME: (%{{.*}}: tensor<0x3xi1>, %[[B:.*]]: tensor<4x3xi1>, %[[C:.*]]: tensor<2x3xi1>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<6x3xi1>
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[E]][0, 0] [4, 3] [1, 1]
// CHECK: %[[C0:.*]] = linalg.copy ins(%[[B]] : tensor<4x3xi1>) outs(%[[W0]] : tensor<4x3xi1>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[E]][0, 0] [4, 3] [1, 1]
// CHECK: %[[W1:.*]] = tensor.extract_slice %[[R0]][4, 0] [2, 3] [1, 1]
// CHECK: %[[C1:.*]] = linalg.copy ins(%[[C]] : tensor<2x3xi1>) outs(%[[W1]] : tensor<2x3xi1>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][4, 0] [2, 3] [1, 1]
// CHECK-NEXT: return %[[R1]]
func.func @concat_skips_empty(%a: tensor<0x3xi1>, %b: tensor<4x3xi1>, %c: tensor<2x3xi1>) -> tensor<6x3xi1> {
  %0 = kiln.concat %b, %a, %c {axis = 0 : i64} : (tensor<4x3xi1>, tensor<0x3xi1>, tensor<2x3xi1>) -> tensor<6x3xi1>
  return %0 : tensor<6x3xi1>
}

// -----

// Split pieces are copies that read the input through an offset map (a piece
// of size 1 reads a constant index).
// CHECK-DAG: #[[P0:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[P1:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 + 1, d2)>
// CHECK-DAG: #[[P2:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 + 5, d2)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func @split
// CHECK-SAME: (%[[X:.*]]: tensor<2x7x3xf32>)
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<2x1x3xf32>
// CHECK: %[[R0:.*]] = linalg.generic {indexing_maps = [#[[P0]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x7x3xf32>) outs(%[[E0]] : tensor<2x1x3xf32>)
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<2x4x3xf32>
// CHECK: %[[R1:.*]] = linalg.generic {indexing_maps = [#[[P1]], #[[ID]]]
// CHECK-SAME: ins(%[[X]] : tensor<2x7x3xf32>) outs(%[[E1]] : tensor<2x4x3xf32>)
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<2x2x3xf32>
// CHECK: %[[R2:.*]] = linalg.generic {indexing_maps = [#[[P2]], #[[ID]]]
// CHECK-SAME: ins(%[[X]] : tensor<2x7x3xf32>) outs(%[[E2]] : tensor<2x2x3xf32>)
// CHECK: return %[[R0]], %[[R1]], %[[R2]]
func.func @split(%x: tensor<2x7x3xf32>) -> (tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>) {
  %0:3 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 1, 4, 2>} : (tensor<2x7x3xf32>) -> (tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>
}

// -----

// A prefix window cannot be an indexing map (a bare dimension spans the
// operand): it is cropped with extract_slice and copied with linalg.copy. An
// empty piece is an empty tensor.
// CHECK-DAG: #[[P2:.*]] = affine_map<(d0, d1) -> (d0 + 3, d1)>
// CHECK-LABEL: func @split_prefix
// CHECK-SAME: (%[[X:.*]]: tensor<6x4xi64>)
// CHECK: %[[W:.*]] = tensor.extract_slice %[[X]][0, 0] [3, 4] [1, 1] : tensor<6x4xi64> to tensor<3x4xi64>
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<3x4xi64>
// CHECK: %[[R0:.*]] = linalg.copy ins(%[[W]] : tensor<3x4xi64>) outs(%[[E0]] : tensor<3x4xi64>)
// CHECK: %[[R1:.*]] = tensor.empty() : tensor<0x4xi64>
// CHECK: %[[R2:.*]] = linalg.generic {indexing_maps = [#[[P2]], #{{.*}}]
// CHECK-SAME: ins(%[[X]] : tensor<6x4xi64>)
// CHECK: return %[[R0]], %[[R1]], %[[R2]]
func.func @split_prefix(%x: tensor<6x4xi64>) -> (tensor<3x4xi64>, tensor<0x4xi64>, tensor<3x4xi64>) {
  %0:3 = kiln.split %x {axis = 0 : i64, sizes = array<i64: 3, 0, 3>} : (tensor<6x4xi64>) -> (tensor<3x4xi64>, tensor<0x4xi64>, tensor<3x4xi64>)
  return %0#0, %0#1, %0#2 : tensor<3x4xi64>, tensor<0x4xi64>, tensor<3x4xi64>
}

// -----

// input[starts + steps * j]: negative steps read in reverse.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0 * 2, -d1 + 7)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @slice_negative
// CHECK-SAME: (%[[X:.*]]: tensor<5x8xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<5x8xf32>) outs(%[[E]] : tensor<2x8xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[A]] : f32
func.func @slice_negative(%x: tensor<5x8xf32>) -> tensor<2x8xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 7>, ends = array<i64: 4, -1>, steps = array<i64: 2, -1>} : (tensor<5x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// A prefix dimension is cropped first; a dimension of size 1 reads a
// constant index.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, 4, d2 * -3 + 6)>
// CHECK-LABEL: func @slice_mixed
// CHECK-SAME: (%[[X:.*]]: tensor<5x9x7xf32>)
// CHECK: %[[W:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [3, 9, 7] [1, 1, 1] : tensor<5x9x7xf32> to tensor<3x9x7xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.*}}]
// CHECK-SAME: ins(%[[W]] : tensor<3x9x7xf32>)
func.func @slice_mixed(%x: tensor<5x9x7xf32>) -> tensor<3x1x3xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 4, 6>, ends = array<i64: 3, 5, -1>, steps = array<i64: 1, 1, -3>} : (tensor<5x9x7xf32>) -> tensor<3x1x3xf32>
  return %0 : tensor<3x1x3xf32>
}

// -----

// CHECK-LABEL: func @slice_prefix
// CHECK-SAME: (%[[X:.*]]: tensor<5x6xf32>)
// CHECK: %[[W:.*]] = tensor.extract_slice %[[X]][0, 0] [3, 6] [1, 1] : tensor<5x6xf32> to tensor<3x6xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x6xf32>
// CHECK: linalg.copy ins(%[[W]] : tensor<3x6xf32>) outs(%[[E]] : tensor<3x6xf32>)
func.func @slice_prefix(%x: tensor<5x6xf32>) -> tensor<3x6xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 3, 6>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// CHECK-LABEL: func @slice_empty
// CHECK: %[[E:.*]] = tensor.empty() : tensor<5x0xf32>
// CHECK-NEXT: return %[[E]]
func.func @slice_empty(%x: tensor<5x6xf32>) -> tensor<5x0xf32> {
  %0 = kiln.slice %x {starts = array<i64: 0, 3>, ends = array<i64: 5, 3>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<5x0xf32>
  return %0 : tensor<5x0xf32>
}

// -----

// Constant pad: fill with the value, copy the input into the interior at the
// begin pads (ONNX order: begins, then ends).
// CHECK-LABEL: func @pad_constant
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x5x5xf32>)
// CHECK: %[[V:.*]] = arith.constant -1.500000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3x8x7xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<1x3x8x7xf32>)
// CHECK: %[[W:.*]] = tensor.extract_slice %[[F]][0, 0, 1, 1] [1, 3, 5, 5] [1, 1, 1, 1]
// CHECK: %[[C:.*]] = linalg.copy ins(%[[X]] : tensor<1x3x5x5xf32>) outs(%[[W]] : tensor<1x3x5x5xf32>)
// CHECK: %[[R:.*]] = tensor.insert_slice %[[C]] into %[[F]][0, 0, 1, 1] [1, 3, 5, 5] [1, 1, 1, 1]
// CHECK-NEXT: return %[[R]]
func.func @pad_constant(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32> {
  %0 = kiln.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 2, 1>, value = -1.5 : f64} : (tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32>
  return %0 : tensor<1x3x8x7xf32>
}

// -----

// The value is converted to the element type: integers truncate toward zero
// and saturate, i1 is "nonzero", floats round (-inf stays -inf).
// CHECK-LABEL: func @pad_value_conversion
// CHECK: arith.constant 127 : i8
// CHECK: arith.constant -7 : i32
// CHECK: arith.constant -9223372036854775808 : i64
// CHECK: arith.constant true
// CHECK: arith.constant 0xFC00 : f16
// CHECK: arith.constant 0 : i16
func.func @pad_value_conversion(%a: tensor<3xi8>, %b: tensor<3xi32>, %c: tensor<3xi64>, %d: tensor<3xi1>, %e: tensor<3xf16>, %f: tensor<3xi16>) -> (tensor<4xi8>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xf16>, tensor<4xi16>) {
  %0 = kiln.pad %a {pads = array<i64: 1, 0>, value = 300.0 : f64} : (tensor<3xi8>) -> tensor<4xi8>
  %1 = kiln.pad %b {pads = array<i64: 1, 0>, value = -7.9 : f64} : (tensor<3xi32>) -> tensor<4xi32>
  %2 = kiln.pad %c {pads = array<i64: 1, 0>, value = -1.0e30 : f64} : (tensor<3xi64>) -> tensor<4xi64>
  %3 = kiln.pad %d {pads = array<i64: 1, 0>, value = 0.5 : f64} : (tensor<3xi1>) -> tensor<4xi1>
  %4 = kiln.pad %e {pads = array<i64: 1, 0>, value = 0xFFF0000000000000 : f64} : (tensor<3xf16>) -> tensor<4xf16>
  %5 = kiln.pad %f {pads = array<i64: 1, 0>, value = 0x7FF8000000000000 : f64} : (tensor<3xi16>) -> tensor<4xi16>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi8>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xf16>, tensor<4xi16>
}

// -----

// Reflect: a generic over the output computes the source index per padded
// dimension (i = o - begin; i < 0 -> -i; i >= n -> 2n-2-i) and extracts it.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @pad_reflect
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x5x5xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3x8x7xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[E]] : tensor<1x3x8x7xf32>)
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[I1:.*]] = linalg.index 1 : index
// CHECK: %[[I2:.*]] = linalg.index 2 : index
// CHECK: %[[I3:.*]] = linalg.index 3 : index
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[S2:.*]] = arith.subi %[[I2]], %[[C1]] : index
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[S2]], %[[C0]] : index
// CHECK: %[[NEG:.*]] = arith.subi %[[C0]], %[[S2]] : index
// CHECK: %[[L2:.*]] = arith.select %[[LT]], %[[NEG]], %[[S2]] : index
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[GE:.*]] = arith.cmpi sge, %[[L2]], %[[C5]] : index
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[M2:.*]] = arith.subi %[[C8]], %[[L2]] : index
// CHECK: %[[H2:.*]] = arith.select %[[GE]], %[[M2]], %[[L2]] : index
// CHECK: %[[GE3:.*]] = arith.cmpi sge, %[[I3]]
// CHECK: %[[M3:.*]] = arith.subi %{{.*}}, %[[I3]] : index
// CHECK: %[[H3:.*]] = arith.select %[[GE3]], %[[M3]], %[[I3]] : index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[I0]], %[[I1]], %[[H2]], %[[H3]]] : tensor<1x3x5x5xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @pad_reflect(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32> {
  %0 = kiln.pad %x {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 2>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32>
  return %0 : tensor<1x3x8x7xf32>
}

// -----

// Edge: the source index is clamped to [0, n-1].
// CHECK-LABEL: func @pad_edge
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x5x5xf32>)
// CHECK: linalg.generic
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[I1:.*]] = linalg.index 1 : index
// CHECK: %[[I2:.*]] = linalg.index 2 : index
// CHECK: %[[I3:.*]] = linalg.index 3 : index
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[S2:.*]] = arith.subi %[[I2]], %[[C1]] : index
// CHECK: %[[L2:.*]] = arith.maxsi %[[S2]], %[[C0]] : index
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[H2:.*]] = arith.minsi %[[L2]], %[[C4]] : index
// CHECK: %[[H3:.*]] = arith.minsi %[[I3]], %{{.*}} : index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[I0]], %[[I1]], %[[H2]], %[[H3]]] : tensor<1x3x5x5xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @pad_edge(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32> {
  %0 = kiln.pad %x {mode = #kiln.pad_mode<edge>, pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 2>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x8x7xf32>
  return %0 : tensor<1x3x8x7xf32>
}

// -----

// Gather: the indices are read at the output dimensions they span; a
// negative index wraps by the size of the gathered dimension.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func @gather_axis0
// CHECK-SAME: (%[[T:.*]]: tensor<10x5xf32>, %[[I:.*]]: tensor<2x3xi64>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[I]] : tensor<2x3xi64>) outs(%[[E]] : tensor<2x3x5xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[J2:.*]] = linalg.index 2 : index
// CHECK: %[[K:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[K]], %[[C0]] : index
// CHECK: %[[C10:.*]] = arith.constant 10 : index
// CHECK: %[[W:.*]] = arith.addi %[[K]], %[[C10]] : index
// CHECK: %[[S:.*]] = arith.select %[[NEG]], %[[W]], %[[K]] : index
// CHECK: %[[V:.*]] = tensor.extract %[[T]][%[[S]], %[[J2]]] : tensor<10x5xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @gather_axis0(%t: tensor<10x5xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x5xf32> {
  %0 = kiln.gather %t, %i {axis = 0 : i64} : (tensor<10x5xf32>, tensor<2x3xi64>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// A rank-0 index removes the dimension; the map of the indices is empty.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func @gather_axis1_scalar
// CHECK-SAME: (%[[T:.*]]: tensor<4x6x2xf32>, %[[I:.*]]: tensor<i32>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.*}}]
// CHECK-SAME: ins(%[[I]] : tensor<i32>)
// CHECK: %[[J0:.*]] = linalg.index 0 : index
// CHECK: %[[J1:.*]] = linalg.index 1 : index
// CHECK: %[[K:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK: arith.constant 6 : index
// CHECK: %[[S:.*]] = arith.select
// CHECK: tensor.extract %[[T]][%[[J0]], %[[S]], %[[J1]]] : tensor<4x6x2xf32>
func.func @gather_axis1_scalar(%t: tensor<4x6x2xf32>, %i: tensor<i32>) -> tensor<4x2xf32> {
  %0 = kiln.gather %t, %i {axis = -2 : i64} : (tensor<4x6x2xf32>, tensor<i32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
