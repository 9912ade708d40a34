// RUN: kiln-opt %s --split-input-file --kiln-free-buffers | FileCheck %s

// A per-tile buffer is freed at the end of the loop body, after the op that
// uses it (or a view of it) last, even when that use is nested in another
// op; a buffer nothing uses is freed where it is allocated.

// CHECK-LABEL: func.func @tile_buffer(
//       CHECK:   scf.for
//       CHECK:     %[[BUF:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8xf32>
//       CHECK:     linalg.fill
//       CHECK:     %[[VIEW:.*]] = memref.subview %[[BUF]][2] [4] [1]
//       CHECK:     scf.if
//       CHECK:       memref.copy %[[VIEW]]
//       CHECK:     }
//  CHECK-NEXT:     memref.dealloc %[[BUF]] : memref<8xf32>
//  CHECK-NEXT:     arith.addi
//       CHECK:   %[[UNUSED:.*]] = memref.alloc() : memref<16xf32>
//  CHECK-NEXT:   memref.dealloc %[[UNUSED]]
//  CHECK-NEXT:   return
func.func @tile_buffer(%in: memref<64xf32>, %out: memref<64xf32>, %cond: i1) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c64 step %c4 {
    %buf = memref.alloc() {alignment = 64 : i64} : memref<8xf32>
    linalg.fill ins(%zero : f32) outs(%buf : memref<8xf32>)
    %view = memref.subview %buf[2] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 2>>
    %src = memref.subview %in[%i] [4] [1] : memref<64xf32> to memref<4xf32, strided<[1], offset: ?>>
    memref.copy %src, %view : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32, strided<[1], offset: 2>>
    %dst = memref.subview %out[%i] [4] [1] : memref<64xf32> to memref<4xf32, strided<[1], offset: ?>>
    scf.if %cond {
      memref.copy %view, %dst : memref<4xf32, strided<[1], offset: 2>> to memref<4xf32, strided<[1], offset: ?>>
    }
    %next = arith.addi %i, %c4 : index
  }
  %unused = memref.alloc() : memref<16xf32>
  return
}

// -----

// The padded tile of a tensor.pad: each branch of an scf.if yields a buffer
// of its own; the scf.if's result owns them and is freed after its last use.

// CHECK-LABEL: func.func @padded_tile(
//       CHECK:   %[[TILE:.*]] = scf.if
//       CHECK:     %[[A:.*]] = memref.alloc()
//   CHECK-NOT:     memref.dealloc
//       CHECK:     scf.yield %[[A]]
//       CHECK:   } else {
//       CHECK:     %[[B:.*]] = memref.alloc()
//   CHECK-NOT:     memref.dealloc
//       CHECK:     scf.yield %[[B]]
//       CHECK:   }
//       CHECK:   memref.copy %[[TILE]], %{{.*}}
//  CHECK-NEXT:   memref.dealloc %[[TILE]] : memref<4xf32>
//  CHECK-NEXT:   return
func.func @padded_tile(%in: memref<4xf32>, %out: memref<4xf32>, %cond: i1) {
  %zero = arith.constant 0.0 : f32
  %tile = scf.if %cond -> (memref<4xf32>) {
    %a = memref.alloc() : memref<4xf32>
    linalg.fill ins(%zero : f32) outs(%a : memref<4xf32>)
    scf.yield %a : memref<4xf32>
  } else {
    %b = memref.alloc() : memref<4xf32>
    memref.copy %in, %b : memref<4xf32> to memref<4xf32>
    scf.yield %b : memref<4xf32>
  }
  memref.copy %tile, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// A buffer that leaves its block (here through a loop's iteration argument)
// makes the pass run MLIR's ownership-based deallocation pipeline on the
// whole module instead: the other buffers are freed too, and the loop
// buffers conditionally, by ownership.

// CHECK-LABEL: func.func @local(
//       CHECK:   %[[L:.*]] = memref.alloc() : memref<4xf32>
//       CHECK:   memref.copy
//       CHECK:   memref.dealloc %[[L]]
func.func @local(%in: memref<4xf32>, %out: memref<4xf32>) {
  %l = memref.alloc() : memref<4xf32>
  memref.copy %in, %l : memref<4xf32> to memref<4xf32>
  memref.copy %l, %out : memref<4xf32> to memref<4xf32>
  return
}

// CHECK-LABEL: func.func @carried(
//       CHECK:   scf.for
//       CHECK:     memref.alloc()
//       CHECK:     scf.if
//       CHECK:       memref.dealloc
//       CHECK:   memref.dealloc
func.func @carried(%in: memref<4xf32>, %out: memref<4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %first = memref.alloc() : memref<4xf32>
  memref.copy %in, %first : memref<4xf32> to memref<4xf32>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%prev = %first) -> (memref<4xf32>) {
    %next = memref.alloc() : memref<4xf32>
    memref.copy %prev, %next : memref<4xf32> to memref<4xf32>
    scf.yield %next : memref<4xf32>
  }
  memref.copy %last, %out : memref<4xf32> to memref<4xf32>
  return
}

// CHECK-LABEL: func.func private @dealloc_helper(

// -----

// An scf.if with one branch yielding a buffer of its own and the other a
// view of an argument hands out a buffer that only sometimes needs freeing:
// the upstream pipeline runs instead: the buffer is freed only where the
// branch that allocates it was taken.

// CHECK-LABEL: func.func @maybe_owned(
//  CHECK-SAME:   %{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>, %[[COND:.*]]: i1)
//       CHECK:   %[[R:.*]] = scf.if %[[COND]]
//       CHECK:     memref.alloc()
//       CHECK:   memref.copy %[[R]]
//   CHECK-NOT:   memref.dealloc %[[R]] :
//       CHECK:   %[[BASE:.*]], %{{.*}}, %{{.*}}, %{{.*}} = memref.extract_strided_metadata %[[R]]
//  CHECK-NEXT:   scf.if %[[COND]] {
//  CHECK-NEXT:     memref.dealloc %[[BASE]]
func.func @maybe_owned(%in: memref<4xf32>, %out: memref<4xf32>, %cond: i1) {
  %tile = scf.if %cond -> (memref<4xf32>) {
    %a = memref.alloc() : memref<4xf32>
    memref.copy %in, %a : memref<4xf32> to memref<4xf32>
    scf.yield %a : memref<4xf32>
  } else {
    scf.yield %in : memref<4xf32>
  }
  memref.copy %tile, %out : memref<4xf32> to memref<4xf32>
  return
}
