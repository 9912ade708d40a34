// RUN: kiln-opt %s --kiln-cpu-pipeline | FileCheck %s

// A model function ends up in the LLVM dialect taking the runtime's execution
// context and one bare pointer per input and output, with weights as aligned
// constant globals, no heap allocation for the result, and no call into
// MLIR's runner libraries or compiler-rt.

// CHECK: llvm.mlir.global private constant @{{.*}}(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>) {addr_space = 0 : i32, alignment = 64 : i64}
// CHECK-LABEL: llvm.func @main(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: llvm.call @malloc
// CHECK-NOT: memrefCopy
// CHECK-NOT: __truncsfbf2
// CHECK-NOT: erff
// CHECK: llvm.return
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xbf16>) {
  %c = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = kiln.gelu %0 : tensor<2x3xf32>
  %2 = kiln.mul %1, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = kiln.cast %2 : tensor<2x3xf32> to tensor<2x3xbf16>
  return %2, %3 : tensor<2x3xf32>, tensor<2x3xbf16>
}
