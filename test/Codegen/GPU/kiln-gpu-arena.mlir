// RUN: kiln-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect --kiln-gpu-arena | FileCheck %s

// %a (1024 bytes) lives until the second launch, %b (400 bytes) from the
// second to the third, %c (64 bytes) only in the third: %b cannot share
// %a's memory, %c takes %a's place once %a is dead. Offsets are 256-byte
// aligned and the arena is the last argument.

// CHECK: module attributes {kiln.arena_size = 1536 : i64}
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: memref<4xf32>, %[[ARENA:.*]]: memref<1536xi8>) attributes {kiln.arena_size = 1536 : i64}
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[C0]]][] : memref<1536xi8> to memref<256xf32>
// CHECK: %[[C1024:.*]] = arith.constant 1024 : index
// CHECK: memref.view %[[ARENA]][%[[C1024]]][] : memref<1536xi8> to memref<100xf32>
// CHECK: %[[C0B:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[C0B]]][] : memref<1536xi8> to memref<16xf32>
// CHECK-NOT: memref.alloc
func.func @main(%x: memref<4xf32>) {
  %a = memref.alloc() : memref<256xf32>
  %b = memref.alloc() : memref<100xf32>
  %c = memref.alloc() : memref<16xf32>
  "test.use"(%a) : (memref<256xf32>) -> ()
  "test.use"(%a, %b) : (memref<256xf32>, memref<100xf32>) -> ()
  %v = memref.subview %c[0] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1]>>
  "test.use"(%b, %v) : (memref<100xf32>, memref<8xf32, strided<[1]>>) -> ()
  return
}

// -----

func.func @dynamic(%n: index) {
  // expected-error @below {{the GPU pipeline places only static, top-level buffers of scalars in the arena, got 'memref<?xf32>'}}
  %a = memref.alloc(%n) : memref<?xf32>
  "test.use"(%a) : (memref<?xf32>) -> ()
  return
}
