// RUN: kiln-opt %s --kiln-plan-arena 2>&1 | FileCheck %s
// RUN: kiln-opt %s --kiln-plan-arena="report=1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT

// Four intermediate buffers of 64, 128, 256 and 64 bytes: a dies before c is
// allocated, b before d; largest first, c goes at 0, b (live with c) at 256,
// a (live with b only) at 0, d (live with c only) at 256. The arena is 384
// bytes, the peak of live bytes (b and c), against 512 for all four.

// REPORT: remark: arena of 384 bytes for 4 buffers of 512 bytes in all, at most 384 bytes live at once
// CHECK: module attributes {kiln.arena_buffers_bytes = 512 : i64, kiln.arena_peak_live_bytes = 384 : i64, kiln.arena_size = 384 : i64}
// CHECK-LABEL: func.func @main(
//  CHECK-SAME:   %{{.*}}: !llvm.ptr {kiln.exec_ctx}, %[[X:.*]]: memref<16xf32>, %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<384xi8>)
//   CHECK-NOT:   memref.alloc()
//       CHECK:   %[[OA:.*]] = arith.constant 0 : index
//       CHECK:   %[[A:.*]] = memref.view %[[ARENA]][%[[OA]]][] : memref<384xi8> to memref<16xf32>
//       CHECK:   memref.copy %[[X]], %[[A]]
//       CHECK:   %[[OB:.*]] = arith.constant 256 : index
//       CHECK:   memref.view %[[ARENA]][%[[OB]]][] : memref<384xi8> to memref<32xf32>
//       CHECK:   %[[OC:.*]] = arith.constant 0 : index
//       CHECK:   memref.view %[[ARENA]][%[[OC]]][] : memref<384xi8> to memref<64xf32>
//       CHECK:   %[[OD:.*]] = arith.constant 256 : index
//       CHECK:   memref.view %[[ARENA]][%[[OD]]][] : memref<384xi8> to memref<16xf32>
// A buffer allocated inside a loop stays on the heap.
//       CHECK:   scf.for
//       CHECK:     memref.alloc() : memref<4xf32>
func.func @main(%ctx: !llvm.ptr {kiln.exec_ctx}, %x: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  memref.copy %x, %a : memref<16xf32> to memref<16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  %bs = memref.subview %b[0] [16] [1] : memref<32xf32> to memref<16xf32, strided<[1]>>
  memref.copy %a, %bs : memref<16xf32> to memref<16xf32, strided<[1]>>
  %c = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
  %cs = memref.subview %c[0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1]>>
  memref.copy %bs, %cs : memref<16xf32, strided<[1]>> to memref<16xf32, strided<[1]>>
  %d = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  memref.copy %cs, %d : memref<16xf32, strided<[1]>> to memref<16xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %t = memref.alloc() : memref<4xf32>
    %ds = memref.subview %d[0] [4] [1] : memref<16xf32> to memref<4xf32, strided<[1]>>
    memref.copy %ds, %t : memref<4xf32, strided<[1]>> to memref<4xf32>
    memref.dealloc %t : memref<4xf32>
  }
  memref.copy %d, %out : memref<16xf32> to memref<16xf32>
  return
}

// Functions without the execution context (not the model) are left alone.
// CHECK-LABEL: func.func @helper(
//       CHECK:   memref.alloc()
func.func @helper(%x: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  memref.copy %x, %a : memref<16xf32> to memref<16xf32>
  return
}

// Every function that takes the execution context gets its own arena; the
// module records the largest (kiln-compile has one model function).
// CHECK-LABEL: func.func @second(
//  CHECK-SAME:   %{{.*}}: memref<64xi8>)
//       CHECK:   memref.view
func.func @second(%ctx: !llvm.ptr {kiln.exec_ctx}, %x: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  memref.copy %x, %a : memref<16xf32> to memref<16xf32>
  memref.copy %a, %out : memref<16xf32> to memref<16xf32>
  return
}
