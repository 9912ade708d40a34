// RUN: kiln-opt %s --split-input-file --kiln-gpu-launch-to-loops | FileCheck %s

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

// -----

// A kernel with shared memory and barriers: the workgroup buffer becomes a
// host buffer; the body is cut at the barriers into phases, each a loop over
// the 4 threads; a value a thread carries across a barrier (%v, the loop's
// iteration argument) lives in an array of one element per thread. The loop
// with barriers runs once for all threads.

// CHECK-LABEL: func.func @barriers
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// Phase 1: each thread loads its element and keeps it.
// CHECK: scf.for %[[T1:[a-z0-9_]+]] =
// CHECK:   %[[X:.*]] = memref.load %arg0[%[[T1]]] : memref<4xf32>
// CHECK:   memref.store %[[X]], %[[V:[a-z0-9_]+]][%[[T1]]] : memref<4xf32>
// The loop's initial value, per thread.
// CHECK: scf.for %[[T2:[a-z0-9_]+]] =
// CHECK:   memref.store %{{.*}}, %[[ACC:[a-z0-9_]+]][%[[T2]]] : memref<4xf32>
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step
// CHECK:   scf.for %[[T3:[a-z0-9_]+]] =
// CHECK:     %[[VX:.*]] = memref.load %[[V]][%[[T3]]] : memref<4xf32>
// CHECK:     memref.store %[[VX]], %[[SHARED:[a-z0-9_]+]][%[[T3]]] : memref<4xf32>
// CHECK:   scf.for %[[T4:[a-z0-9_]+]] =
// CHECK:     %[[OTHER:.*]] = memref.load %[[SHARED]][%{{.*}}] : memref<4xf32>
// CHECK:     %[[A:.*]] = memref.load %[[ACC]][%[[T4]]] : memref<4xf32>
// CHECK:     %[[S:.*]] = arith.addf %[[A]], %[[OTHER]] : f32
// CHECK:     memref.store %[[S]], %[[NEXT:[a-z0-9_]+]][%[[T4]]] : memref<4xf32>
// The iteration argument takes the yielded value once every thread is done.
// CHECK:   scf.for %[[T5:[a-z0-9_]+]] =
// CHECK:     %[[N:.*]] = memref.load %[[NEXT]][%[[T5]]] : memref<4xf32>
// CHECK:     memref.store %[[N]], %[[ACC]][%[[T5]]] : memref<4xf32>
// CHECK: scf.for %[[T6:[a-z0-9_]+]] =
// CHECK:   %[[R:.*]] = memref.load %[[ACC]][%[[T6]]] : memref<4xf32>
// CHECK:   memref.store %[[R]], %arg1[%[[T6]]] : memref<4xf32>
// CHECK-NOT: gpu.
func.func @barriers(%x: memref<4xf32>, %y: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) workgroup(%shared : memref<4xf32, #gpu.address_space<workgroup>>) {
    %v = memref.load %x[%tx] : memref<4xf32>
    %zero = arith.constant 0.0 : f32
    %sum = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %zero) -> (f32) {
      memref.store %v, %shared[%tx] : memref<4xf32, #gpu.address_space<workgroup>>
      gpu.barrier
      %j = arith.addi %tx, %i : index
      %k = arith.remui %j, %c4 : index
      %other = memref.load %shared[%k] : memref<4xf32, #gpu.address_space<workgroup>>
      %next = arith.addf %acc, %other : f32
      gpu.barrier
      scf.yield %next : f32
    }
    memref.store %sum, %y[%tx] : memref<4xf32>
    gpu.terminator
  }
  return
}
