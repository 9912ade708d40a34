// RUN: kiln-opt %s --kiln-gpu-pipeline | FileCheck %s
// RUN: kiln-opt %s --kiln-gpu-pipeline=cuda-arch=sm_80 | FileCheck %s --check-prefix=SM80

// A matmul (its zero fill fused) followed by a bias + GELU (fused into one
// elementwise op, then run as the matmul's epilogue): one kernel in one
// gpu.module in NVVM (the weight in it), and a host function
// `i32 main(ctx, a, y, arena)` that launches it through ctx->gpu->launch.
// Nothing is stored but the output: the arena is empty.

// CHECK: module attributes {gpu.container_module, kiln.arena_size = 0 : i64, kiln.gpu_kernels = ["main_0_map_epilogue"]}
// CHECK-NOT: llvm.mlir.global
// CHECK-LABEL: llvm.func @main
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %[[ARENA:.*]]: !llvm.ptr) -> i32
// CHECK: %[[GPU:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[LAUNCH:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call %[[LAUNCH]](%[[CTX]], {{.*}}) : !llvm.ptr, (!llvm.ptr, i32, i32, i32, i32, i32, i32, i32, i32, !llvm.ptr) -> i32
// CHECK-NOT: llvm.call
// CHECK: llvm.return
// CHECK: gpu.module @kiln_kernels [#nvvm.target<chip = "sm_90">] {
// CHECK: llvm.mlir.global private constant @{{.*}}(dense<5.000000e-01> : tensor<16x16xf32>)
// CHECK: llvm.func @main_0_map_epilogue(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes {gpu.kernel, gpu.known_block_size = array<i32: 256, 1, 1>, gpu.known_grid_size = array<i32: 1, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 256, 1, 1>}
// CHECK: nvvm.read.ptx.sreg.ctaid.x
// CHECK: nvvm.read.ptx.sreg.tid.x
// CHECK: llvm.fmul
// CHECK: llvm.fadd
// The epilogue after the reduction loop: bias, GELU, one store.
// CHECK: llvm.fadd {{.*}} : f32
// CHECK: llvm.store
// CHECK-NOT: llvm.store
// CHECK: llvm.return
// CHECK-NOT: gpu.launch
// CHECK-NOT: memref.

// SM80: gpu.module @kiln_kernels [#nvvm.target<chip = "sm_80">]
func.func @main(%a: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %w = kiln.constant dense<0.5> : tensor<16x16xf32>
  %b = kiln.constant dense<0.25> : tensor<16xf32>
  %0 = kiln.matmul %a, %w : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
  %1 = kiln.add %0, %b : (tensor<16x16xf32>, tensor<16xf32>) -> tensor<16x16xf32>
  %2 = kiln.gelu %1 : tensor<16x16xf32>
  return %2 : tensor<16x16xf32>
}
