// RUN: kiln-opt %s --kiln-vectorize --canonicalize --cse | FileCheck %s

// A pad of the two inner dimensions (a convolution's input in a thread tile):
// a loop over the result rows; rows inside the source are the padding value,
// the source row read as one vector, the padding value; the others are one
// row of the padding value. Every element is written once: no fill, no copy.
// CHECK-LABEL: func.func @pad_rows
// CHECK-DAG: %[[ROW:.*]] = arith.constant dense<0.000000e+00> : vector<19xf32>
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<0.000000e+00> : vector<1xf32>
// CHECK-DAG: %[[TWO:.*]] = arith.constant dense<0.000000e+00> : vector<2xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x16x19xf32>
// CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A:.*]] = %[[EMPTY]])
// CHECK:   scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[B:.*]] = %[[A]])
// CHECK:     %[[GE:.*]] = arith.cmpi sge, %[[H]], %{{.*}} : index
// CHECK:     %[[LT:.*]] = arith.cmpi slt, %[[H]], %{{.*}} : index
// CHECK:     %[[IN:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK:     scf.if %[[IN]]
// CHECK:       %[[SH:.*]] = arith.subi %[[H]], %{{.*}} : index
// CHECK:       %[[W0:.*]] = vector.transfer_write %[[ONE]], %[[B]][%[[C]], %[[H]], %{{.*}}] {in_bounds = [true]} : vector<1xf32>, tensor<2x16x19xf32>
// CHECK:       %[[R:.*]] = vector.transfer_read %{{.*}}[%[[C]], %[[SH]], %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<2x13x16xf32>, vector<16xf32>
// CHECK:       %[[W1:.*]] = vector.transfer_write %[[R]], %[[W0]][%[[C]], %[[H]], %{{.*}}] {in_bounds = [true]} : vector<16xf32>, tensor<2x16x19xf32>
// CHECK:       %[[W2:.*]] = vector.transfer_write %[[TWO]], %[[W1]][%[[C]], %[[H]], %{{.*}}] {in_bounds = [true]} : vector<2xf32>, tensor<2x16x19xf32>
// CHECK:       scf.yield %[[W2]]
// CHECK:     } else {
// CHECK:       %[[Z:.*]] = vector.transfer_write %[[ROW]], %[[B]][%[[C]], %[[H]], %{{.*}}] {in_bounds = [true]} : vector<19xf32>, tensor<2x16x19xf32>
// CHECK:       scf.yield %[[Z]]
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.fill
func.func @pad_rows(%x: tensor<2x13x16xf32>) -> tensor<2x16x19xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1] high[0, 2, 2] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<2x13x16xf32> to tensor<2x16x19xf32>
  return %p : tensor<2x16x19xf32>
}

// Padding along the innermost dimension only: no test per row. The padding
// value is a function argument (max pooling pads with -inf this way too).
// CHECK-LABEL: func.func @pad_columns
// CHECK-SAME: (%[[X:.*]]: tensor<3x5xi32>, %[[V:.*]]: i32)
// CHECK: %[[LEFT:.*]] = vector.broadcast %[[V]] : i32 to vector<3xi32>
// CHECK: scf.for %[[I:.*]] = {{.*}} iter_args(%[[A:.*]] = %{{.*}}) -> (tensor<3x8xi32>)
// CHECK-NOT: scf.if
// CHECK:   %[[W0:.*]] = vector.transfer_write %[[LEFT]], %[[A]][%[[I]], %{{.*}}] {in_bounds = [true]} : vector<3xi32>, tensor<3x8xi32>
// CHECK:   %[[R:.*]] = vector.transfer_read %[[X]][%[[I]], %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<3x5xi32>, vector<5xi32>
// CHECK:   vector.transfer_write %[[R]], %[[W0]][%[[I]], %{{.*}}] {in_bounds = [true]} : vector<5xi32>, tensor<3x8xi32>
// CHECK-NOT: tensor.pad
func.func @pad_columns(%x: tensor<3x5xi32>, %v: i32) -> tensor<3x8xi32> {
  %p = tensor.pad %x low[0, 3] high[0, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %v : i32
  } : tensor<3x5xi32> to tensor<3x8xi32>
  return %p : tensor<3x8xi32>
}

// A 1-D pad: three writes, no loop.
// CHECK-LABEL: func.func @pad_vector
// CHECK-NOT: scf.for
// CHECK-COUNT-3: vector.transfer_write
// CHECK-NOT: tensor.pad
func.func @pad_vector(%x: tensor<6xf32>) -> tensor<9xf32> {
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %x low[1] high[2] {
  ^bb0(%i: index):
    tensor.yield %one : f32
  } : tensor<6xf32> to tensor<9xf32>
  return %p : tensor<9xf32>
}

// Pads that keep the generic lowering: dynamic sizes, bf16 elements (scalar
// code, see docs/CPUCodegen.md), rows longer than 1024 elements, and a
// padding value that depends on the index.
// CHECK-LABEL: func.func @pads_kept
// CHECK-COUNT-4: tensor.pad
func.func @pads_kept(%d: tensor<?x8xf32>, %b: tensor<4x8xbf16>, %l: tensor<2x1100xf32>, %s: tensor<4x8xf32>)
    -> (tensor<?x10xf32>, tensor<4x10xbf16>, tensor<2x1102xf32>, tensor<4x10xf32>) {
  %zero = arith.constant 0.0 : f32
  %zb = arith.constant 0.0 : bf16
  %0 = tensor.pad %d low[0, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<?x8xf32> to tensor<?x10xf32>
  %1 = tensor.pad %b low[0, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zb : bf16
  } : tensor<4x8xbf16> to tensor<4x10xbf16>
  %2 = tensor.pad %l low[0, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<2x1100xf32> to tensor<2x1102xf32>
  %3 = tensor.pad %s low[0, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    tensor.yield %f : f32
  } : tensor<4x8xf32> to tensor<4x10xf32>
  return %0, %1, %2, %3 : tensor<?x10xf32>, tensor<4x10xbf16>, tensor<2x1102xf32>, tensor<4x10xf32>
}

// A padding value yielded by a constant inside the pad's region is created
// again outside it, before the loops.
// CHECK-LABEL: func.func @pad_value_inside
// CHECK: %[[V:.*]] = arith.constant dense<-1.000000e+00> : vector<2xf32>
// CHECK: scf.for
// CHECK:   vector.transfer_write %[[V]]
// CHECK-NOT: tensor.pad
func.func @pad_value_inside(%x: tensor<4x6xf32>) -> tensor<4x8xf32> {
  %p = tensor.pad %x low[0, 2] high[0, 0] {
  ^bb0(%i: index, %j: index):
    %m = arith.constant -1.0 : f32
    tensor.yield %m : f32
  } : tensor<4x6xf32> to tensor<4x8xf32>
  return %p : tensor<4x8xf32>
}
