// RUN: kiln-opt %s --kiln-forall-to-parallel-for --split-input-file | FileCheck %s
// RUN: kiln-opt %s --kiln-forall-to-parallel-for=min-iterations=100 --split-input-file | FileCheck %s --check-prefix=SERIAL

// The loop body becomes a kiln_task_fn_t over the linearized iterations; its
// captures (two memrefs as LLVM descriptors, a scalar) go through a stack
// struct; the constant is cloned; ctx->parallel_for (field 2) runs it over
// 4 x 4 = 16 tiles.

// CHECK-LABEL: func.func @scale
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[A:.*]]: memref<64x32xf32>, %[[B:.*]]: memref<64x32xf32>, %[[S:.*]]: f32)
// CHECK: %[[DATA:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, f32)>
// CHECK: %[[DA:.*]] = builtin.unrealized_conversion_cast %[[A]] : memref<64x32xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[SLOT0:.*]] = llvm.getelementptr %[[DATA]][0, 0]
// CHECK: llvm.store %[[DA]], %[[SLOT0]]
// CHECK: llvm.getelementptr %[[DATA]][0, 1]
// CHECK: %[[SLOT2:.*]] = llvm.getelementptr %[[DATA]][0, 2]
// CHECK: llvm.store %[[S]], %[[SLOT2]] : f32, !llvm.ptr
// CHECK: %[[FIELD:.*]] = llvm.getelementptr %[[CTX]][0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, i32, ptr, ptr)>
// CHECK: %[[PF:.*]] = llvm.load %[[FIELD]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[TASK:.*]] = constant @scale_tiles : (!llvm.ptr, i64, i64, i32) -> ()
// CHECK: %[[TASKPTR:.*]] = builtin.unrealized_conversion_cast %[[TASK]] : (!llvm.ptr, i64, i64, i32) -> () to !llvm.ptr
// CHECK: %[[N:.*]] = llvm.mlir.constant(16 : i64) : i64
// CHECK: llvm.call %[[PF]](%[[CTX]], %[[N]], %[[TASKPTR]], %[[DATA]]) : !llvm.ptr, (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> ()
// CHECK-NOT: scf.forall

// CHECK-LABEL: func.func private @scale_tiles
// CHECK-SAME: (%[[ARG:.*]]: !llvm.ptr, %[[BEGIN:.*]]: i64, %[[END:.*]]: i64, %{{.*}}: i32)
// CHECK: %[[F0:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[MA:.*]] = builtin.unrealized_conversion_cast %[[F0]] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<64x32xf32>
// CHECK: %[[SV:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[LB:.*]] = arith.index_cast %[[BEGIN]] : i64 to index
// CHECK: %[[UB:.*]] = arith.index_cast %[[END]] : i64 to index
// CHECK: scf.for %[[L:.*]] = %[[LB]] to %[[UB]]
// CHECK: arith.remui %[[L]], %c4
// CHECK: arith.divui %[[L]], %c4
// CHECK: memref.subview %[[MA]]
// CHECK: arith.mulf %{{.*}}, %[[TWO]]
// CHECK: arith.addf %{{.*}}, %[[SV]]
// CHECK: return

// Too few iterations: a serial loop nest.
// SERIAL-LABEL: func.func @scale
// SERIAL-NOT: llvm.call
// SERIAL: scf.for
// SERIAL: scf.for
// SERIAL-NOT: scf.forall
// SERIAL-NOT: func.func private @scale_tiles
func.func @scale(%ctx: !llvm.ptr {kiln.exec_ctx}, %a: memref<64x32xf32>, %b: memref<64x32xf32>, %s: f32) {
  %two = arith.constant 2.0 : f32
  scf.forall (%i, %j) = (0, 0) to (64, 32) step (16, 8) {
    %va = memref.subview %a[%i, %j] [16, 8] [1, 1] : memref<64x32xf32> to memref<16x8xf32, strided<[32, 1], offset: ?>>
    %vb = memref.subview %b[%i, %j] [16, 8] [1, 1] : memref<64x32xf32> to memref<16x8xf32, strided<[32, 1], offset: ?>>
    linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%va : memref<16x8xf32, strided<[32, 1], offset: ?>>) outs(%vb : memref<16x8xf32, strided<[32, 1], offset: ?>>) {
    ^bb0(%x: f32, %y: f32):
      %m = arith.mulf %x, %two : f32
      %r = arith.addf %m, %s : f32
      linalg.yield %r : f32
    }
  }
  return
}

// -----

// Without an execution context, and for nested loops, the iterations run
// serially; index captures travel as i64.
// CHECK-LABEL: func.func @no_context
// CHECK-NOT: llvm.call
// CHECK: scf.for
// CHECK-NOT: scf.forall
func.func @no_context(%a: memref<64xf32>) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (64) step (16) {
    %v = memref.subview %a[%i] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    linalg.fill ins(%one : f32) outs(%v : memref<16xf32, strided<[1], offset: ?>>)
  }
  return
}

// CHECK-LABEL: func.func @nested
// CHECK: llvm.call
// CHECK-LABEL: func.func private @nested_tiles
// CHECK: %[[N:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: arith.index_cast %[[N]] : i64 to index
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: scf.forall
func.func @nested(%ctx: !llvm.ptr {kiln.exec_ctx}, %a: memref<64x64xf32>, %n: index) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (64) step (16) {
    scf.forall (%j) = (0) to (64) step (16) {
      %v = memref.subview %a[%i, %j] [16, %n] [1, 1] : memref<64x64xf32> to memref<16x?xf32, strided<[64, 1], offset: ?>>
      linalg.fill ins(%one : f32) outs(%v : memref<16x?xf32, strided<[64, 1], offset: ?>>)
    }
  }
  return
}

// -----

// Each loop gets its own task, with a unique name.
// CHECK-LABEL: func.func @two_loops
// CHECK: constant @two_loops_tiles :
// CHECK: constant @[[SECOND:two_loops_tiles_[0-9]+]] :
// CHECK-DAG: func.func private @two_loops_tiles(
// CHECK-DAG: func.func private @[[SECOND]](
func.func @two_loops(%ctx: !llvm.ptr {kiln.exec_ctx}, %a: memref<64xf32>, %b: memref<64xf32>) {
  %one = arith.constant 1.0 : f32
  scf.forall (%i) = (0) to (64) step (16) {
    %v = memref.subview %a[%i] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    linalg.fill ins(%one : f32) outs(%v : memref<16xf32, strided<[1], offset: ?>>)
  }
  scf.forall (%i) = (0) to (64) step (16) {
    %v = memref.subview %b[%i] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    linalg.fill ins(%one : f32) outs(%v : memref<16xf32, strided<[1], offset: ?>>)
  }
  return
}

// -----

// Stack buffers: a static alloca at the top of the body is allocated once,
// in the task's entry block, and reused by every iteration (the lowering of
// the task's scf.for to blocks would not release an iteration's stack); a
// dynamic one stays in the loop. In a serial nest the body goes into a
// memref.alloca_scope.

// CHECK-LABEL: func.func private @scratch_tiles
// CHECK: %[[BUF:.*]] = memref.alloca() : memref<16xf32>
// CHECK: scf.for
// CHECK:   memref.alloca(%{{.*}}) : memref<?xf32>
// CHECK:   memref.store %{{.*}}, %[[BUF]]
// CHECK: return

// SERIAL-LABEL: func.func @scratch
// SERIAL: scf.for
// SERIAL:   memref.alloca_scope {
// SERIAL:     memref.alloca() : memref<16xf32>
// SERIAL:     memref.alloca(%{{.*}}) : memref<?xf32>
// SERIAL:   }
func.func @scratch(%ctx: !llvm.ptr {kiln.exec_ctx}, %out: memref<64xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  scf.forall (%i) = (0) to (64) step (16) {
    %buf = memref.alloca() : memref<16xf32>
    %dyn = memref.alloca(%n) : memref<?xf32>
    %x = memref.load %out[%i] : memref<64xf32>
    memref.store %x, %buf[%c0] : memref<16xf32>
    memref.store %x, %dyn[%c0] : memref<?xf32>
    %y = memref.load %buf[%c0] : memref<16xf32>
    memref.store %y, %out[%i] : memref<64xf32>
  }
  return
}
