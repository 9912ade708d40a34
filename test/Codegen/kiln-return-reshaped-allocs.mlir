// RUN: kiln-opt %s --split-input-file --kiln-return-reshaped-allocs | FileCheck %s
// The whole bufferization stage: the result is the caller's buffer, no copy.
// RUN: kiln-opt %s --split-input-file --kiln-return-reshaped-allocs \
// RUN:   --buffer-results-to-out-params="hoist-static-allocs=true modify-public-functions=true" \
// RUN:   | FileCheck %s --check-prefix=OUT

// A product over [1, 8, 16] returned as [1, 8, 4, 4]: allocated at the
// returned shape, written through its collapse.
// CHECK-LABEL: func @expanded
// CHECK: %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x8x4x4xf32>
// CHECK: %[[V:.*]] = memref.collapse_shape %[[A]] {{\[}}[0], [1], [2, 3]] : memref<1x8x4x4xf32> into memref<1x8x16xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[V]] : memref<1x8x16xf32>)
// CHECK: return %[[A]] : memref<1x8x4x4xf32>
// OUT-LABEL: func @expanded
// OUT-SAME: %[[OUT:[^:]*]]: memref<1x8x4x4xf32>
// OUT-NOT: memref.copy
// OUT-NOT: memref.alloc
// OUT: memref.collapse_shape %[[OUT]]
// OUT-NOT: memref.copy
// OUT: return
func.func @expanded(%x: f32) -> memref<1x8x4x4xf32> {
  %a = memref.alloc() {alignment = 64 : i64} : memref<1x8x16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<1x8x16xf32>)
  %e = memref.expand_shape %a [[0], [1], [2, 3]] output_shape [1, 8, 4, 4] : memref<1x8x16xf32> into memref<1x8x4x4xf32>
  return %e : memref<1x8x4x4xf32>
}

// -----

// A collapse of an allocation, through two reshapes: the innermost first.
// CHECK-LABEL: func @collapsed_twice
// CHECK: %[[A:.*]] = memref.alloc() : memref<32xf32>
// CHECK: %[[M:.*]] = memref.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [8, 4] : memref<32xf32> into memref<8x4xf32>
// CHECK: %[[V:.*]] = memref.expand_shape %[[M]] {{\[}}[0], [1, 2]] output_shape [8, 2, 2] : memref<8x4xf32> into memref<8x2x2xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[V]] : memref<8x2x2xf32>)
// CHECK: return %[[A]] : memref<32xf32>
func.func @collapsed_twice(%x: f32) -> memref<32xf32> {
  %a = memref.alloc() : memref<8x2x2xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<8x2x2xf32>)
  %c = memref.collapse_shape %a [[0], [1, 2]] : memref<8x2x2xf32> into memref<8x4xf32>
  %d = memref.collapse_shape %c [[0, 1]] : memref<8x4xf32> into memref<32xf32>
  return %d : memref<32xf32>
}

// -----

// The allocation returned both as itself and reshaped: the reshaped result
// gets the allocation, the other sees it through the inverse (and gets its
// own copy from buffer-results-to-out-params).
// CHECK-LABEL: func @both
// CHECK: %[[A:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK: %[[V:.*]] = memref.collapse_shape %[[A]] {{\[}}[0, 1]] : memref<2x3xf32> into memref<6xf32>
// CHECK: return %[[V]], %[[A]] : memref<6xf32>, memref<2x3xf32>
// OUT-LABEL: func @both
// OUT-SAME: %[[O0:[^:]*]]: memref<6xf32>, %[[O1:[^:]*]]: memref<2x3xf32>
// OUT: %[[V:.*]] = memref.collapse_shape %[[O1]]
// OUT: memref.copy %[[V]], %[[O0]]
func.func @both(%x: f32) -> (memref<6xf32>, memref<2x3xf32>) {
  %a = memref.alloc() : memref<6xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<6xf32>)
  %e = memref.expand_shape %a [[0, 1]] output_shape [2, 3] : memref<6xf32> into memref<2x3xf32>
  return %a, %e : memref<6xf32>, memref<2x3xf32>
}

// -----

// Left alone: a reshape of an argument (the copy is needed).
// CHECK-LABEL: func @argument
// CHECK: %[[E:.*]] = memref.expand_shape %arg0
// CHECK: return %[[E]]
func.func @argument(%arg0: memref<6xf32>) -> memref<2x3xf32> {
  %e = memref.expand_shape %arg0 [[0, 1]] output_shape [2, 3] : memref<6xf32> into memref<2x3xf32>
  return %e : memref<2x3xf32>
}

