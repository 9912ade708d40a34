// RUN: kiln-opt %s --kiln-copies-to-loops --split-input-file | FileCheck %s

// CHECK-LABEL: func @strided_copy
// CHECK-SAME: (%[[SRC:.*]]: memref<4x4xf32>, %[[DST:.*]]: memref<6x6xf32>)
// CHECK: %[[VIEW:.*]] = memref.subview %[[DST]]
// CHECK: linalg.copy ins(%[[SRC]] : memref<4x4xf32>) outs(%[[VIEW]] : memref<4x4xf32, strided<[6, 1], offset: 7>>)
// CHECK-NOT: memref.copy
func.func @strided_copy(%src: memref<4x4xf32>, %dst: memref<6x6xf32>) {
  %view = memref.subview %dst[1, 1] [4, 4] [1, 1] : memref<6x6xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
  memref.copy %src, %view : memref<4x4xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
  return
}

// -----

// Dynamic shapes too: the interior of a pad fused into a border tile.
// CHECK-LABEL: func @dynamic_copy
// CHECK: linalg.copy ins(%{{.*}} : memref<?xf32>) outs(%{{.*}} : memref<?xf32, strided<[1], offset: 1>>)
// CHECK-NOT: memref.copy
func.func @dynamic_copy(%src: memref<?xf32>, %dst: memref<8xf32>, %n: index) {
  %view = memref.subview %dst[1] [%n] [1] : memref<8xf32> to memref<?xf32, strided<[1], offset: 1>>
  memref.copy %src, %view : memref<?xf32> to memref<?xf32, strided<[1], offset: 1>>
  return
}

// -----

// Unranked memrefs are left alone.
// CHECK-LABEL: func @unranked_copy
// CHECK: memref.copy
func.func @unranked_copy(%src: memref<*xf32>, %dst: memref<*xf32>) {
  memref.copy %src, %dst : memref<*xf32> to memref<*xf32>
  return
}

// -----

// Copies of a buffer onto itself are erased: the same value, or equal views
// of one buffer.
// CHECK-LABEL: func @self_copies
// CHECK-NOT: memref.copy
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @self_copies(%buffer: memref<8x8xf32>, %i: index) {
  memref.copy %buffer, %buffer : memref<8x8xf32> to memref<8x8xf32>
  %a = memref.subview %buffer[%i, 0] [2, 8] [1, 1] : memref<8x8xf32> to memref<2x8xf32, strided<[8, 1], offset: ?>>
  %b = memref.subview %buffer[%i, 0] [2, 8] [1, 1] : memref<8x8xf32> to memref<2x8xf32, strided<[8, 1], offset: ?>>
  memref.copy %a, %b : memref<2x8xf32, strided<[8, 1], offset: ?>> to memref<2x8xf32, strided<[8, 1], offset: ?>>
  return
}

// -----

// Different views of one buffer are a real copy.
// CHECK-LABEL: func @shifted_copy
// CHECK: linalg.copy
func.func @shifted_copy(%buffer: memref<8x8xf32>) {
  %a = memref.subview %buffer[0, 0] [2, 8] [1, 1] : memref<8x8xf32> to memref<2x8xf32, strided<[8, 1]>>
  %b = memref.subview %buffer[2, 0] [2, 8] [1, 1] : memref<8x8xf32> to memref<2x8xf32, strided<[8, 1], offset: 16>>
  memref.copy %a, %b : memref<2x8xf32, strided<[8, 1]>> to memref<2x8xf32, strided<[8, 1], offset: 16>>
  return
}
