// RUN: kiln-opt %s --kiln-gpu-launch-to-loops | FileCheck %s

// The launch runs as loops over the grid (z, y, x) and the block (z, y, x),
// block and thread ids replaced by the loop indices.

// CHECK-LABEL: func.func @main
// CHECK-NOT: gpu.launch
// CHECK: scf.for %{{.*}} = %[[ZERO:.*]] to %[[ONE:.*]] step
// CHECK: scf.for %{{.*}} = %[[ZERO]] to %[[ONE]] step
// CHECK: scf.for %[[BX:.*]] = %[[ZERO]] to %[[GRID:.*]] step
// CHECK: scf.for %{{.*}} = %[[ZERO]] to %[[ONE]] step
// CHECK: scf.for %{{.*}} = %[[ZERO]] to %[[ONE]] step
// CHECK: scf.for %[[TX:.*]] = %[[ZERO]] to %[[BLOCK:.*]] step
// CHECK: %[[T:.*]] = arith.muli %[[BX]], %[[BLOCK]] : index
// CHECK: %[[ID:.*]] = arith.addi %[[T]], %[[TX]] : index
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[ID]]] : memref<8xf32>
func.func @main(%x: memref<8xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %t = arith.muli %bx, %sx : index
    %i = arith.addi %t, %tx : index
    %v = arith.constant 1.0 : f32
    memref.store %v, %x[%i] : memref<8xf32>
    gpu.terminator
  }
  return
}
