// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-gpu-outline-kernels | FileCheck %s

// Both launches become kernels of one gpu.module, named after the function,
// their launch index and kind; constants and the weight are sunk into the
// kernels, the weight moves to the device module, views are passed as they
// are, and the module lists the kernels in index order.

// CHECK: module attributes {gpu.container_module, kiln.gpu_kernels = ["main_0_map", "main_1_serial"]}
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @main
// CHECK: %[[VIEW:.*]] = memref.collapse_shape
// CHECK: gpu.launch_func @kiln_kernels::@main_0_map blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) args(%{{.*}} : memref<4xf32>, %[[VIEW]] : memref<4xf32>)
// CHECK: gpu.launch_func @kiln_kernels::@main_1_serial
// CHECK: gpu.module @kiln_kernels {
// CHECK:   memref.global "private" constant @weight : memref<4xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK:   gpu.func @main_0_map(%{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>) kernel
// CHECK:     memref.get_global @weight
// CHECK:   gpu.func @main_1_serial(%{{.*}}: memref<4xf32>) kernel
memref.global "private" constant @weight : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
func.func @main(%x: memref<4xf32>, %y: memref<2x2xf32>) {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %w = memref.get_global @weight : memref<4xf32>
  %flat = memref.collapse_shape %y [[0, 1]] : memref<2x2xf32> into memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %a = memref.load %x[%tx] : memref<4xf32>
    %b = memref.load %w[%tx] : memref<4xf32>
    %s = arith.addf %a, %b : f32
    memref.store %s, %flat[%tx] : memref<4xf32>
    gpu.terminator
  } {kiln.kernel_kind = "map"}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %z = arith.constant 0.0 : f32
    %c0 = arith.constant 0 : index
    memref.store %z, %x[%c0] : memref<4xf32>
    gpu.terminator
  } {kiln.kernel_kind = "serial"}
  return
}

// -----

func.func private @helper(f32) -> f32

func.func @calls(%x: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  // expected-error @below {{kernel 'calls_0_map' uses '@helper' (in 'func.call'); the GPU pipeline cannot lower calls or other symbols than constant globals in kernels}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %c0 = arith.constant 0 : index
    %a = memref.load %x[%c0] : memref<4xf32>
    %b = func.call @helper(%a) : (f32) -> f32
    memref.store %b, %x[%c0] : memref<4xf32>
    gpu.terminator
  } {kiln.kernel_kind = "map"}
  return
}
