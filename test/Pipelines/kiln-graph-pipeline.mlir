// RUN: kiln-opt %s --kiln-graph-pipeline | FileCheck %s

// Folds, canonicalizes and removes duplicate computations.
// CHECK-LABEL: func @graph
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x4x4xf32>)
// CHECK-NEXT: %[[R:.*]] = kiln.relu %[[X]]
// CHECK-NEXT: %[[S:.*]] = kiln.add %[[R]], %[[R]]
// CHECK-NEXT: return %[[S]]
func.func @graph(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %zero = kiln.constant dense<0.0> : tensor<8x1x1xf32>
  %0 = kiln.add %x, %zero : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %1 = kiln.channel_shuffle %0 {groups = 1 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %2 = kiln.relu %1 : tensor<1x8x4x4xf32>
  %3 = kiln.relu %1 : tensor<1x8x4x4xf32>
  %4 = kiln.add %2, %3 : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %4 : tensor<1x8x4x4xf32>
}
