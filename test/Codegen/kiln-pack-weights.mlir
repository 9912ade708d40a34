// RUN: kiln-opt %s --kiln-pack-weights="vector-bits=64" --split-input-file | FileCheck %s
// RUN: not kiln-opt %s --kiln-pack-weights="vector-bits=32" --split-input-file 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: kiln-pack-weights: vector-bits must be at least 64 and max-rows at least 0
// RUN: not kiln-opt %s --kiln-pack-weights="vector-bits=64 max-rows=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: kiln-opt %s --kiln-pack-weights="vector-bits=64 max-rows=4" --split-input-file | FileCheck %s --check-prefix=ROWS4

// With 64-bit vectors a panel is 4 columns: the [3, 5] constant becomes two
// panels [2, 3, 4], the second holding column 4 and three zero columns; the
// accumulator is padded to 8 columns, split into panels, and the result
// reshaped and sliced back to [1, 5].
// CHECK-LABEL: func @one_row
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00], [5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00], [1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01]], {{\[}}[4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [9.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [1.400000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]> : tensor<2x3x4xf32>
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 0] high[0, 3]
// CHECK: } : tensor<1x5xf32> to tensor<1x8xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2]] output_shape [1, 2, 4] : tensor<1x8xf32> into tensor<1x2x4xf32>
// CHECK: %[[C:.*]] = linalg.contract indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%{{.*}}, %[[W]] : tensor<1x3xf32>, tensor<2x3x4xf32>) outs(%[[E]] : tensor<1x2x4xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[C]] {{\[\[}}0], [1, 2]] : tensor<1x2x4xf32> into tensor<1x8xf32>
// CHECK: %[[R:.*]] = tensor.extract_slice %[[F]][0, 0] [1, 5] [1, 1] : tensor<1x8xf32> to tensor<1x5xf32>
// CHECK: return %[[R]]
func.func @one_row(%x: tensor<1x3xf32>, %acc: tensor<1x5xf32>) -> tensor<1x5xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 9.0], [10.0, 11.0, 12.0, 13.0, 14.0]]> : tensor<3x5xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<1x3xf32>, tensor<3x5xf32>) outs(%acc : tensor<1x5xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

// Whole panels: no pad, no slice. A weight blob gives a blob named after it.
// CHECK-LABEL: func @whole_panels
// CHECK: %[[W:.*]] = arith.constant dense_resource<w.panels> : tensor<1x2x4xf32>
// CHECK-NOT: tensor.pad
// CHECK: linalg.contract {{.*}} ins(%{{.*}}, %[[W]] : tensor<2x2xf32>, tensor<1x2x4xf32>)
// CHECK-NOT: tensor.extract_slice
// CHECK: w.panels: "0x10000000000080BF00000040000040400000803F000000C000000000000080400000A040"
func.func @whole_panels(%x: tensor<2x2xf32>, %acc: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense_resource<w> : tensor<2x4xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x04000000000080BF00000040000040400000803F000000C000000000000080400000A040"
    }
  }
#-}

// -----

// Any number of rows by default (a transformer's projection of 128 tokens
// reads its weight rows 4 KiB apart otherwise); max-rows=4 leaves 5 rows
// alone.
// CHECK-LABEL: func @many_rows
// CHECK: linalg.contract
// CHECK-NOT: linalg.matmul
// ROWS4-LABEL: func @many_rows
// ROWS4: linalg.matmul
// ROWS4-NOT: linalg.contract
func.func @many_rows(%x5: tensor<5x3xf32>, %acc5: tensor<5x8xf32>) -> tensor<5x8xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]]> : tensor<3x8xf32>
  %0 = linalg.matmul ins(%x5, %w : tensor<5x3xf32>, tensor<3x8xf32>) outs(%acc5 : tensor<5x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

// A reshaped constant (row-major: the same bytes) is packed as the constant
// would be: [2, 2, 4] collapsed to [4, 4] is one panel of 4 columns.
// CHECK-LABEL: func @reshaped
// ROWS4-LABEL: func @reshaped
// ROWS4: linalg.contract
// CHECK: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00], [8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01], [1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01]]]> : tensor<1x4x4xf32>
// CHECK-NOT: linalg.matmul
// CHECK: linalg.contract {{.*}} ins(%{{.*}}, %[[W]] : tensor<1x4xf32>, tensor<1x4x4xf32>)
func.func @reshaped(%x: tensor<1x4xf32>, %acc: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %c = arith.constant dense<[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]], [[8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]]> : tensor<2x2x4xf32>
  %w = tensor.collapse_shape %c [[0, 1], [2]] : tensor<2x2x4xf32> into tensor<4x4xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<1x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<1x4xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Left alone: a right operand that is not a constant, a splat, and a
// product narrower than one panel.
// CHECK-LABEL: func @left_alone
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: linalg.contract
func.func @left_alone(%x: tensor<1x3xf32>, %b: tensor<3x8xf32>, %acc: tensor<1x8xf32>, %acc2: tensor<1x2xf32>) -> (tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x2xf32>) {
  %s = arith.constant dense<1.0> : tensor<3x8xf32>
  %n = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %1 = linalg.matmul ins(%x, %b : tensor<1x3xf32>, tensor<3x8xf32>) outs(%acc : tensor<1x8xf32>) -> tensor<1x8xf32>
  %2 = linalg.matmul ins(%x, %s : tensor<1x3xf32>, tensor<3x8xf32>) outs(%acc : tensor<1x8xf32>) -> tensor<1x8xf32>
  %3 = linalg.matmul ins(%x, %n : tensor<1x3xf32>, tensor<3x2xf32>) outs(%acc2 : tensor<1x2xf32>) -> tensor<1x2xf32>
  return %1, %2, %3 : tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x2xf32>
}

// -----

// A filled accumulator is filled in panels, and an elementwise op that alone
// reads the product (a bias add, an activation) is rewritten over the panels
// to read the product's result directly (fusion by expansion; its bias is
// expanded to [2, 4]): kiln-tile-and-fuse then computes both in the
// product's register tiles. The result is collapsed after the elementwise op.
// CHECK-LABEL: func @epilogue
// CHECK: %[[Z:.*]] = tensor.empty() : tensor<2x2x4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[Z]] : tensor<2x2x4xf32>)
// CHECK: %[[C:.*]] = linalg.contract {{.*}} outs(%[[F]] : tensor<2x2x4xf32>)
// CHECK: %[[B:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
// CHECK: %[[G:.*]] = linalg.generic {{.*}} ins(%[[C]], %[[B]] : tensor<2x2x4xf32>, tensor<2x4xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[G]] {{\[\[}}0], [1, 2]] : tensor<2x2x4xf32> into tensor<2x8xf32>
// CHECK: return %[[R]]
func.func @epilogue(%x: tensor<2x3xf32>, %bias: tensor<8xf32>) -> tensor<2x8xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0]]> : tensor<3x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x8xf32>) outs(%f : tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%0, %bias : tensor<2x8xf32>, tensor<8xf32>) outs(%e : tensor<2x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// -----

// The product's result read by two ops: the elementwise one is left over
// the collapsed result (it could not take the product's tiles).
// CHECK-LABEL: func @two_readers
// CHECK: %[[C:.*]] = linalg.contract
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[C]]
// CHECK: linalg.generic {{.*}} ins(%[[R]] : tensor<2x8xf32>)
func.func @two_readers(%x: tensor<2x3xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0]]> : tensor<3x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x8xf32>) outs(%f : tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%0 : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.maximumf %a, %zero : f32
    linalg.yield %s : f32
  } -> tensor<2x8xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}
