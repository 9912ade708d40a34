// RUN: kiln-opt %s --kiln-flatten-llvm-globals | FileCheck %s

// Constant globals of nested array type get a flat array type and a flat
// value; their users (addressof, getelementptr with its own element type) are
// untouched.

// CHECK-LABEL: module
// CHECK: llvm.mlir.global private constant @weights(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<6 x f32>
llvm.mlir.global private constant @weights(dense<[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]]]> : tensor<2x3x1xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<3 x array<1 x f32>>>

// A dense resource keeps its blob, with a flat type.
// CHECK: llvm.mlir.global private constant @blob(dense_resource<blob1> : tensor<4xi32>) {addr_space = 0 : i32} : !llvm.array<4 x i32>
llvm.mlir.global private constant @blob(dense_resource<blob1> : tensor<2x2xi32>) {addr_space = 0 : i32} : !llvm.array<2 x array<2 x i32>>

// A splat becomes a flat splat.
// CHECK: llvm.mlir.global private constant @splat(dense<5.000000e-01> : tensor<8xf32>) {addr_space = 0 : i32} : !llvm.array<8 x f32>
llvm.mlir.global private constant @splat(dense<0.5> : tensor<2x4xf32>) {addr_space = 0 : i32} : !llvm.array<2 x array<4 x f32>>

// Not rewritten: a flat array, a global without a value (initializer region).
// CHECK: llvm.mlir.global private constant @flat(dense<[1, 2]> : tensor<2xi64>) {addr_space = 0 : i32} : !llvm.array<2 x i64>
llvm.mlir.global private constant @flat(dense<[1, 2]> : tensor<2xi64>) {addr_space = 0 : i32} : !llvm.array<2 x i64>
// CHECK: llvm.mlir.global internal @zeros() {addr_space = 0 : i32} : !llvm.array<2 x array<2 x f32>>
llvm.mlir.global internal @zeros() {addr_space = 0 : i32} : !llvm.array<2 x array<2 x f32>> {
  %0 = llvm.mlir.zero : !llvm.array<2 x array<2 x f32>>
  llvm.return %0 : !llvm.array<2 x array<2 x f32>>
}

// CHECK-LABEL: llvm.func @load
// CHECK: %[[ADDR:.*]] = llvm.mlir.addressof @weights : !llvm.ptr
// CHECK: llvm.getelementptr %[[ADDR]][0, 1, 2, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<3 x array<1 x f32>>>
llvm.func @load() -> f32 {
  %0 = llvm.mlir.addressof @weights : !llvm.ptr
  %1 = llvm.getelementptr %0[0, 1, 2, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<3 x array<1 x f32>>>
  %2 = llvm.load %1 : !llvm.ptr -> f32
  llvm.return %2 : f32
}

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x0400000001000000020000000300000004000000"
    }
  }
#-}
