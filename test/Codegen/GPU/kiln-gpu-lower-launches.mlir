// RUN: kiln-opt %s --kiln-gpu-lower-launches | FileCheck %s

// The function takes the execution context first and returns a status;
// each launch loads ctx->gpu->launch, passes one stack slot per parameter
// (a memref's aligned pointer) in an array, the kernel's index in
// kiln.gpu_kernels, the grid and block sizes as i32 and no shared memory,
// and returns a non-zero status at once.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4xf32>) -> i32
// CHECK: %[[GPUSLOT:.*]] = llvm.getelementptr %[[CTX]][0, 4] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, i32, ptr, ptr, ptr)>
// CHECK: %[[GPU:.*]] = llvm.load %[[GPUSLOT]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[FNSLOT:.*]] = llvm.getelementptr %[[GPU]][0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, i32, ptr, ptr, ptr)>
// CHECK: %[[FN:.*]] = llvm.load %[[FNSLOT]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[SLOT0:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK: %[[SLOT1:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK: %[[ARGS:.*]] = llvm.alloca %{{.*}} x !llvm.array<2 x ptr>
// CHECK: %[[SLOT2:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK: %[[ARGS2:.*]] = llvm.alloca %{{.*}} x !llvm.array<1 x ptr>
// CHECK: memref.extract_aligned_pointer_as_index %[[X]]
// CHECK: llvm.store %{{.*}}, %[[SLOT0]]
// CHECK: llvm.getelementptr %[[ARGS]][0, 0]
// CHECK: llvm.store %[[SLOT0]]
// CHECK: llvm.store %{{.*}}, %[[SLOT1]]
// CHECK: llvm.getelementptr %[[ARGS]][0, 1]
// CHECK: %[[K1:.*]] = arith.constant 1 : i32
// CHECK: %[[STATUS:.*]] = llvm.call %[[FN]](%[[CTX]], %[[K1]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ARGS]]) : !llvm.ptr, (!llvm.ptr, i32, i32, i32, i32, i32, i32, i32, i32, !llvm.ptr) -> i32
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[STATUS]], %{{.*}} : i32
// CHECK: cf.cond_br %[[OK]], ^[[NEXT:.*]], ^[[FAIL:.*]](%[[STATUS]] : i32)
// CHECK: ^[[NEXT]]:
// CHECK: %[[K0:.*]] = arith.constant 0 : i32
// CHECK: llvm.call %[[FN]](%[[CTX]], %[[K0]], {{.*}}, %[[ARGS2]])
// CHECK: cf.cond_br
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: return %[[ZERO]] : i32
// CHECK: ^[[FAIL]](%[[CODE:.*]]: i32):
// CHECK: return %[[CODE]] : i32
module attributes {gpu.container_module, kiln.gpu_kernels = ["first", "second"]} {
  func.func @main(%x: memref<4xf32>, %y: memref<4xf32>) {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    gpu.launch_func @kernels::@second blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%x : memref<4xf32>, %y : memref<4xf32>)
    gpu.launch_func @kernels::@first blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%y : memref<4xf32>)
    return
  }
  gpu.module @kernels {
    gpu.func @first(%y: memref<4xf32>) kernel {
      gpu.return
    }
    gpu.func @second(%x: memref<4xf32>, %y: memref<4xf32>) kernel {
      gpu.return
    }
  }
}
