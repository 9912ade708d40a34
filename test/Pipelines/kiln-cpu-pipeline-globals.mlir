// RUN: kiln-opt %s --kiln-cpu-pipeline | FileCheck %s

// A multi-dimensional weight becomes a global of flat array type (one LLVM
// constant when translated, not one per innermost row;
// kiln-flatten-llvm-globals).

// CHECK: llvm.mlir.global private constant @{{.*}}(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<6 x f32>
// CHECK-LABEL: llvm.func @main
func.func @main(%a: tensor<3x2x1xf32>) -> tensor<3x2x1xf32> {
  %c = kiln.constant dense<[[[1.0], [2.0]], [[3.0], [4.0]], [[5.0], [6.0]]]> : tensor<3x2x1xf32>
  %0 = kiln.add %a, %c : (tensor<3x2x1xf32>, tensor<3x2x1xf32>) -> tensor<3x2x1xf32>
  return %0 : tensor<3x2x1xf32>
}
