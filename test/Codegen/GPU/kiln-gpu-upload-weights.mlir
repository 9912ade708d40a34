// RUN: kiln-opt %s --kiln-gpu-upload-weights | FileCheck %s
// RUN: kiln-opt %s --kiln-gpu-upload-weights=keep-uniform-bytes=0 | FileCheck %s --check-prefix=NOKEEP
// RUN: kiln-opt %s --kiln-gpu-upload-weights | FileCheck %s --check-prefix=DEAD
// DEAD-NOT: @dead_host

// Every constant global of the device module with data becomes a visible,
// mutable, zero-initialized global named kiln_weight_<i> (uses renamed, loads
// from it marked invariant); its data moves to a private constant global of
// the host module (reused when the host already has the same data), and
// kiln.gpu_weights pairs them. Uniform globals of at most 4096 bytes (a
// splat, or a resource blob whose elements are all equal) stay: LLVM folds
// their loads. A uniform one above the limit is uploaded too. Private host
// globals that nothing uses and that hold no uploaded data are dropped (a
// weight's host copy left behind by kernel outlining); used ones stay.

// CHECK: module attributes {gpu.container_module, kiln.gpu_weights = {{\[}}["kiln_weight_0", @host_copy], ["kiln_weight_1", @kiln.weight.1], ["kiln_weight_2", @kiln.weight.2]]}
// CHECK-DAG: llvm.mlir.global private constant @kiln.weight.1(dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<2 x f32>>
// CHECK-DAG: llvm.mlir.global private constant @kiln.weight.2(dense<5.000000e-01> : tensor<2048xf32>) {addr_space = 0 : i32} : !llvm.array<2048 x f32>
// CHECK-DAG: llvm.mlir.global private constant @host_copy(dense<[7, 8, 9]> : tensor<3xi32>) {addr_space = 0 : i32} : !llvm.array<3 x i32>
// CHECK-DAG: llvm.mlir.global private constant @host_used(dense<1.000000e+00> : tensor<2xf32>)
// CHECK-LABEL: gpu.module @kiln_kernels
// CHECK: llvm.mlir.global external @kiln_weight_0() {addr_space = 0 : i32} : !llvm.array<3 x i32> {
// CHECK-NEXT:   %[[Z:.*]] = llvm.mlir.zero : !llvm.array<3 x i32>
// CHECK-NEXT:   llvm.return %[[Z]]
// CHECK: llvm.mlir.global external @kiln_weight_1() {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<2 x f32>> {
// CHECK: llvm.mlir.global private constant @splat(dense<2.500000e-01> : tensor<4xf32>)
// CHECK: llvm.mlir.global private constant @uniform_blob(dense_resource<uniform> : tensor<4xf32>)
// CHECK: llvm.mlir.global external @kiln_weight_2() {addr_space = 0 : i32} : !llvm.array<2048 x f32> {
// CHECK-LABEL: llvm.func @kernel
// CHECK: %[[W:.*]] = llvm.mlir.addressof @kiln_weight_1 : !llvm.ptr
// CHECK: %[[P:.*]] = llvm.getelementptr %[[W]][0, 1, 1]
// CHECK: llvm.load %[[P]] invariant : !llvm.ptr -> f32
// CHECK: %[[S:.*]] = llvm.mlir.addressof @splat : !llvm.ptr
// CHECK: llvm.load %[[S]] : !llvm.ptr -> f32
// CHECK: llvm.mlir.addressof @kiln_weight_0
// CHECK: llvm.load %{{.*}} invariant : !llvm.ptr<1> -> i32
// CHECK: llvm.mlir.addressof @kiln_weight_2
// CHECK-NEXT: llvm.load %{{.*}} invariant : !llvm.ptr -> f32
// CHECK: llvm.mlir.addressof @uniform_blob
// CHECK-NEXT: llvm.load %{{.*}} : !llvm.ptr -> f32

// NOKEEP: kiln.gpu_weights = {{\[}}["kiln_weight_0", @host_copy], ["kiln_weight_1", @kiln.weight.1], ["kiln_weight_2", @kiln.weight.2], ["kiln_weight_3", @kiln.weight.3], ["kiln_weight_4", @kiln.weight.4]]
// NOKEEP-NOT: llvm.mlir.global private constant @splat
module attributes {gpu.container_module} {
  llvm.mlir.global private constant @host_copy(dense<[7, 8, 9]> : tensor<3xi32>) {addr_space = 0 : i32} : !llvm.array<3 x i32>
  llvm.mlir.global private constant @dead_host(dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>) {addr_space = 0 : i32} : !llvm.array<4 x f32>
  llvm.mlir.global private constant @host_used(dense<1.0> : tensor<2xf32>) {addr_space = 0 : i32} : !llvm.array<2 x f32>
  llvm.func @host(%out: !llvm.ptr) {
    %g = llvm.mlir.addressof @host_used : !llvm.ptr
    %v = llvm.load %g : !llvm.ptr -> f32
    llvm.store %v, %out : f32, !llvm.ptr
    llvm.return
  }
  gpu.module @kiln_kernels {
    llvm.mlir.global private constant @ints(dense<[7, 8, 9]> : tensor<3xi32>) {addr_space = 0 : i32} : !llvm.array<3 x i32>
    llvm.mlir.global private constant @weight(dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<2 x f32>>
    llvm.mlir.global private constant @splat(dense<0.25> : tensor<4xf32>) {addr_space = 0 : i32} : !llvm.array<4 x f32>
    llvm.mlir.global private constant @uniform_blob(dense_resource<uniform> : tensor<4xf32>) {addr_space = 0 : i32} : !llvm.array<4 x f32>
    llvm.mlir.global private constant @big_splat(dense<0.5> : tensor<2048xf32>) {addr_space = 0 : i32} : !llvm.array<2048 x f32>
    llvm.func @kernel(%out: !llvm.ptr) attributes {gpu.kernel, nvvm.kernel} {
      %w = llvm.mlir.addressof @weight : !llvm.ptr
      %p = llvm.getelementptr %w[0, 1, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<2 x f32>>
      %v = llvm.load %p : !llvm.ptr -> f32
      %s = llvm.mlir.addressof @splat : !llvm.ptr
      %u = llvm.load %s : !llvm.ptr -> f32
      %sum = llvm.fadd %v, %u : f32
      llvm.store %sum, %out : f32, !llvm.ptr
      %i = llvm.mlir.addressof @ints : !llvm.ptr
      %c = llvm.addrspacecast %i : !llvm.ptr to !llvm.ptr<1>
      %iv = llvm.load %c : !llvm.ptr<1> -> i32
      %b = llvm.mlir.addressof @big_splat : !llvm.ptr
      %bv = llvm.load %b : !llvm.ptr -> f32
      %r = llvm.mlir.addressof @uniform_blob : !llvm.ptr
      %rv = llvm.load %r : !llvm.ptr -> f32
      llvm.return
    }
  }
}

{-#
  dialect_resources: {
    builtin: {
      uniform: "0x040000000000803F0000803F0000803F0000803F"
    }
  }
#-}
