// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-gpu-map-linalg | FileCheck %s

// A fill, a matmul into the same buffer and an elementwise op on its result
// become one kernel with one thread per output element (4x16 = 64 threads,
// the innermost index varying fastest): the reduction runs in the thread
// from the fill value, accumulating in a register, then the elementwise op
// (the epilogue) takes the sum from the register. A top-level store runs in
// a kernel of one thread.

// CHECK-LABEL: func.func @main
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NOT: linalg.fill
// CHECK: gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in ({{.*}} = %[[C1:.*]], {{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in ({{.*}} = %[[C64:.*]], {{.*}})
// CHECK: %[[ID:.*]] = arith.addi %{{.*}}, %[[TX]] : index
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[ID]], %{{.*}} : index
// CHECK: scf.if %[[IN]] {
// CHECK:   %[[J:.*]] = arith.remui %[[ID]], %{{.*}} : index
// CHECK:   %[[I:.*]] = arith.divui %[[ID]], %{{.*}} : index
// CHECK-NOT: memref.load %arg2
// CHECK:   %[[SUM:.*]] = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f32) {
// CHECK:     memref.load %{{.*}}[%[[I]], %[[K]]] : memref<4x8xf32>
// CHECK:     memref.load %{{.*}}[%[[K]], %[[J]]] : memref<8x16xf32>
// CHECK:     arith.mulf
// CHECK:     %[[NEXT:.*]] = arith.addf %[[ACC]], %{{.*}} : f32
// CHECK:     scf.yield %[[NEXT]] : f32
// CHECK-NOT: memref.load
// CHECK:   %[[EXP:.*]] = math.exp %[[SUM]] : f32
// CHECK:   memref.store %[[SUM]], %arg2[%[[I]], %[[J]]] : memref<4x16xf32>
// CHECK:   memref.store %[[EXP]], %arg3[%[[I]], %[[J]]] : memref<4x16xf32>
// CHECK: } {kiln.kernel_kind = "map_epilogue"}

// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %[[ONE:.*]], {{.*}}) threads({{.*}}) in ({{.*}} = %[[ONE2:.*]], {{.*}})
// CHECK-NEXT: memref.store
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: } {kiln.kernel_kind = "serial"}
// CHECK-NOT: linalg.
// CHECK: return
func.func @main(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>, %d: memref<4x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x16xf32>)
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<4x16xf32>) outs(%d : memref<4x16xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  %i = arith.constant 0 : index
  memref.store %zero, %d[%i, %i] : memref<4x16xf32>
  return
}

// -----

// A reduction over the outer loop (d0 reduced, d1 parallel): 16 threads,
// each reducing over d0; large ranges take several blocks of block-size
// threads.

// CHECK-LABEL: func.func @column_sums
// CHECK: %[[GRID:.*]] = arith.constant 40 : index
// CHECK: %[[BLOCK:.*]] = arith.constant 256 : index
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %[[GRID]], {{.*}}) threads({{.*}}) in ({{.*}} = %[[BLOCK]], {{.*}})
// CHECK: scf.for {{.*}} iter_args
// CHECK:   memref.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<3x10000xf32>
func.func @column_sums(%x: memref<3x10000xf32>, %y: memref<10000xf32>) {
  linalg.reduce ins(%x : memref<3x10000xf32>) outs(%y : memref<10000xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return
}

// -----

// An epilogue whose intermediate nothing else reads: the intermediate is not
// stored (and its buffer goes away). An op that reads the intermediate at
// another element (a transpose) is not an epilogue.

// CHECK-LABEL: func.func @epilogues
// CHECK-NOT: memref.alloc
// CHECK: gpu.launch
// CHECK: math.exp
// CHECK-NOT: memref.store %{{.*}}, %alloc
// CHECK: memref.store %{{.*}}, %arg1
// CHECK: } {kiln.kernel_kind = "map_epilogue"}
// CHECK: gpu.launch
// CHECK: } {kiln.kernel_kind = "map"}
// CHECK: gpu.launch
// CHECK: } {kiln.kernel_kind = "map"}
func.func @epilogues(%x: memref<4x4xf32>, %y: memref<4x4xf32>, %z: memref<4x4xf32>) {
  %t = memref.alloc() : memref<4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x4xf32>) outs(%t : memref<4x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = arith.addf %a, %a : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%t : memref<4x4xf32>) outs(%y : memref<4x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x4xf32>) outs(%z : memref<4x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = arith.mulf %a, %a : f32
    linalg.yield %e : f32
  }
  linalg.transpose ins(%z : memref<4x4xf32>) outs(%y : memref<4x4xf32>) permutation = [1, 0]
  return
}

// -----

// A fill whose buffer the reduction also reads is not fused: it stays a
// kernel of its own.

// CHECK-LABEL: func.func @fill_read
// CHECK: gpu.launch
// CHECK: memref.store %{{.*}}, %arg1
// CHECK: gpu.launch
// CHECK: memref.load %arg1
// CHECK: scf.for
func.func @fill_read(%x: memref<4x4xf32>, %y: memref<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<4x4xf32>)
  linalg.matmul ins(%x, %y : memref<4x4xf32>, memref<4x4xf32>) outs(%y : memref<4x4xf32>)
  return
}

// -----

// Memory read on the device cannot feed host code.
func.func @host_use(%x: memref<4xf32>, %y: memref<4xf32>) {
  %i = arith.constant 0 : index
  // expected-error @below {{'memref.load' computes a value on the device that the host uses; the GPU pipeline cannot lower it}}
  %v = memref.load %x[%i] : memref<4xf32>
  %c = arith.cmpf ogt, %v, %v : f32
  scf.if %c {
    memref.store %v, %y[%i] : memref<4xf32>
  }
  return
}
