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

// Dynamic shapes are left alone.
// CHECK-LABEL: func @dynamic_copy
// CHECK: memref.copy
func.func @dynamic_copy(%src: memref<?xf32>, %dst: memref<?xf32>) {
  memref.copy %src, %dst : memref<?xf32> to memref<?xf32>
  return
}
