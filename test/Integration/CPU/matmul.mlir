// Matrix multiplications as the contraction lowering produces them (linalg
// on tensors), of odd sizes: register tiles leave static remainders in both
// dimensions; the larger ones run on thread tiles. Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/matmul.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @matmuls {
  func.func @main(%a: tensor<37x61xf32> {kiln.name = "a"}, %b: tensor<61x53xf32> {kiln.name = "b"},
                  %c: tensor<131x97xf32> {kiln.name = "c"}, %d: tensor<97x67xf32> {kiln.name = "d"},
                  %e: tensor<3x37x29xf32> {kiln.name = "e"}, %f: tensor<3x29x45xf32> {kiln.name = "f"},
                  %g: tensor<4x96x80xf32> {kiln.name = "g"}, %h: tensor<4x80x112xf32> {kiln.name = "h"},
                  %m: tensor<300x200xf32> {kiln.name = "m"}, %v: tensor<200xf32> {kiln.name = "v"})
      -> (tensor<37x53xf32> {kiln.name = "mm"}, tensor<131x67xf32> {kiln.name = "mm_large"}, tensor<3x37x45xf32> {kiln.name = "bmm"}, tensor<4x96x112xf32> {kiln.name = "bmm_large"}, tensor<300xf32> {kiln.name = "mv"}) {
    %zero = arith.constant 0.0 : f32
    %e0 = tensor.empty() : tensor<37x53xf32>
    %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<37x53xf32>) -> tensor<37x53xf32>
    %0 = linalg.matmul ins(%a, %b : tensor<37x61xf32>, tensor<61x53xf32>) outs(%f0 : tensor<37x53xf32>) -> tensor<37x53xf32>
    %e1 = tensor.empty() : tensor<131x67xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<131x67xf32>) -> tensor<131x67xf32>
    %1 = linalg.matmul ins(%c, %d : tensor<131x97xf32>, tensor<97x67xf32>) outs(%f1 : tensor<131x67xf32>) -> tensor<131x67xf32>
    %e2 = tensor.empty() : tensor<3x37x45xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<3x37x45xf32>) -> tensor<3x37x45xf32>
    %2 = linalg.batch_matmul ins(%e, %f : tensor<3x37x29xf32>, tensor<3x29x45xf32>) outs(%f2 : tensor<3x37x45xf32>) -> tensor<3x37x45xf32>
    %e3 = tensor.empty() : tensor<4x96x112xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<4x96x112xf32>) -> tensor<4x96x112xf32>
    %3 = linalg.batch_matmul ins(%g, %h : tensor<4x96x80xf32>, tensor<4x80x112xf32>) outs(%f3 : tensor<4x96x112xf32>) -> tensor<4x96x112xf32>
    %e4 = tensor.empty() : tensor<300xf32>
    %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<300xf32>) -> tensor<300xf32>
    %4 = linalg.matvec ins(%m, %v : tensor<300x200xf32>, tensor<200xf32>) outs(%f4 : tensor<300xf32>) -> tensor<300xf32>
    return %0, %1, %2, %3, %4 : tensor<37x53xf32>, tensor<131x67xf32>, tensor<3x37x45xf32>, tensor<4x96x112xf32>, tensor<300xf32>
  }
}
