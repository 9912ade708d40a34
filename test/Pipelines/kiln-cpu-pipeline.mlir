// RUN: kiln-opt %s --split-input-file --kiln-cpu-pipeline="vector-bits=256" | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-cpu-pipeline="vector-bits=256 tile=0" | FileCheck %s --check-prefix=SCALAR
// RUN: kiln-opt %s --split-input-file --kiln-cpu-pipeline="vector-bits=256 depthwise-versioned-min-pixels=0" --mlir-print-ir-after=kiln-copies-to-loops 2>&1 >/dev/null | FileCheck %s --check-prefix=BUFFERS
// A negative L2 size is an error (it would be half a negative panel size).
// RUN: not kiln-opt %s --split-input-file --kiln-cpu-pipeline="vector-bits=256 l2-cache-kib=-1" 2>&1 | FileCheck %s --check-prefix=BADL2
// BADL2: error: kiln-deinterleave-strided-convs: channel-vector-bits and channel-vector-max-panel-kib must be at least 0

// A model function ends up in the LLVM dialect taking the runtime's execution
// context and one bare pointer per input and output, with weights as aligned
// constant globals, no heap allocation for the result, vector arithmetic, and
// no call into MLIR's runner libraries or compiler-rt.

// CHECK: llvm.mlir.global private constant @{{.*}}(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>) {addr_space = 0 : i32, alignment = 64 : i64}
// CHECK-LABEL: llvm.func @main(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: llvm.call @malloc
// CHECK-NOT: memrefCopy
// CHECK-NOT: __truncsfbf2
// CHECK-NOT: erff
// CHECK: llvm.fadd {{.*}} : vector<3xf32>
// CHECK: llvm.return

// Without tiling, the same model is scalar loops.
// SCALAR-LABEL: llvm.func @main(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// SCALAR-NOT: vector<
// SCALAR: llvm.return
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xbf16>) {
  %c = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = kiln.gelu %0 : tensor<2x3xf32>
  %2 = kiln.mul %1, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = kiln.cast %2 : tensor<2x3xf32> to tensor<2x3xbf16>
  return %2, %3 : tensor<2x3xf32>, tensor<2x3xbf16>
}

// -----

// A kernel with enough work runs its thread tiles through ctx->parallel_for:
// the function loads the pointer from the context (field 2), packs the
// buffers it uses into a stack struct and passes an outlined task over the
// tiles, which works on 8-float vectors (256-bit registers). The task is
// named after its kernel (the linalg op and its result's shape).

// CHECK: llvm.func @main(%[[CTX:.*]]: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-DAG: %[[TASK:.*]] = llvm.mlir.addressof @main_tiles_generic_1x64x112x112 : !llvm.ptr
// CHECK-DAG: %[[DATA:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<4 x i64>, array<4 x i64>)>
// CHECK: %[[FIELD:.*]] = llvm.getelementptr %[[CTX]][0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, i32, ptr, ptr)>
// CHECK: %[[PF:.*]] = llvm.load %[[FIELD]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call %[[PF]](%[[CTX]], %{{.*}}, %[[TASK]], %[[DATA]]) : !llvm.ptr, (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.func @main_tiles_generic_1x64x112x112(%{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i32)
// CHECK: llvm.fadd {{.*}} : vector<32xf32>
func.func @main(%a: tensor<1x64x112x112xf32>, %b: tensor<64x1x1xf32>) -> tensor<1x64x112x112xf32> {
  %0 = kiln.add %a, %b : (tensor<1x64x112x112xf32>, tensor<64x1x1xf32>) -> tensor<1x64x112x112xf32>
  %1 = kiln.relu %0 : tensor<1x64x112x112xf32>
  return %1 : tensor<1x64x112x112xf32>
}

// -----

// After bufferization, a depthwise convolution tiled in place leaves no copy
// of a buffer onto itself (one made such a convolution 20x slower), and its
// tiles read the unpadded input in place: no padded buffer (30x30), no fill,
// no copy (with depthwise-versioned-min-pixels=0: a 28x28 plane takes a
// padded copy by default).

// BUFFERS-LABEL: IR Dump After CopiesToLoops
// BUFFERS-NOT: memref.copy
// BUFFERS-NOT: linalg.copy
// BUFFERS-NOT: 30x30
// BUFFERS: vector.transfer_read %arg1{{.*}} : memref<1x32x28x28xf32>, vector<8xf32>
// BUFFERS-NOT: linalg.copy
// BUFFERS-NOT: memref.copy
// BUFFERS-NOT: 30x30
// BUFFERS: return
func.func @main(%x: tensor<1x32x28x28xf32>, %w: tensor<32x3x3xf32>) -> tensor<1x32x28x28xf32> {
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x32x28x28xf32> to tensor<1x32x30x30xf32>
  %e = tensor.empty() : tensor<1x32x28x28xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x32x28x28xf32>) -> tensor<1x32x28x28xf32>
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xp, %w : tensor<1x32x30x30xf32>, tensor<32x3x3xf32>) outs(%f : tensor<1x32x28x28xf32>) -> tensor<1x32x28x28xf32>
  return %c : tensor<1x32x28x28xf32>
}
