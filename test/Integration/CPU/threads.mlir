// Kernels that run on thread tiles give bit-identical results with 1, 2 and
// 3 threads (tiles are static and each is computed the same way whichever
// worker runs it): an elementwise chain, a matmul, a padded convolution and
// a pooling, all large enough to be split.
// RUN: kiln-compile %s --emit=mlir -o - | FileCheck %s --check-prefix=IR
// RUN: kiln-compile %s -o %t.so
// RUN: rm -rf %t.1 %t.2 %t.3
// RUN: kiln-run %t.so --threads 1 --output-dir %t.1 > /dev/null
// RUN: kiln-run %t.so --threads 2 --output-dir %t.2 > /dev/null
// RUN: kiln-run %t.so --threads 3 --output-dir %t.3 > /dev/null
// RUN: cmp %t.1/ew.npy %t.2/ew.npy
// RUN: cmp %t.1/mm.npy %t.2/mm.npy
// RUN: cmp %t.1/conv.npy %t.2/conv.npy
// RUN: cmp %t.1/pool.npy %t.2/pool.npy
// RUN: cmp %t.1/ew.npy %t.3/ew.npy
// RUN: cmp %t.1/mm.npy %t.3/mm.npy
// RUN: cmp %t.1/conv.npy %t.3/conv.npy
// RUN: cmp %t.1/pool.npy %t.3/pool.npy

// Four kernels, four calls of ctx->parallel_for, four tasks.
// IR-COUNT-4: llvm.call %{{.*}}(%arg0, %{{.*}}, %{{.*}}, %{{.*}}) : !llvm.ptr, (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> ()
// IR-COUNT-4: llvm.func @main_tiles{{.*}}(%{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i32)

module @threads {
  func.func @main(%a: tensor<1x64x64x64xf32> {kiln.name = "a"}, %b: tensor<1x64x64x64xf32> {kiln.name = "b"},
                  %m: tensor<192x160xf32> {kiln.name = "m"}, %n: tensor<160x144xf32> {kiln.name = "n"},
                  %w: tensor<32x64x3x3xf32> {kiln.name = "w"})
      -> (tensor<1x64x64x64xf32> {kiln.name = "ew"}, tensor<192x144xf32> {kiln.name = "mm"},
          tensor<1x32x64x64xf32> {kiln.name = "conv"}, tensor<1x64x32x32xf32> {kiln.name = "pool"}) {
    %zero = arith.constant 0.0 : f32
    %s = kiln.add %a, %b : (tensor<1x64x64x64xf32>, tensor<1x64x64x64xf32>) -> tensor<1x64x64x64xf32>
    %ew = kiln.tanh %s : tensor<1x64x64x64xf32>

    %e0 = tensor.empty() : tensor<192x144xf32>
    %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<192x144xf32>) -> tensor<192x144xf32>
    %mm = linalg.matmul ins(%m, %n : tensor<192x160xf32>, tensor<160x144xf32>) outs(%f0 : tensor<192x144xf32>) -> tensor<192x144xf32>

    %ap = tensor.pad %a low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x64x64x64xf32> to tensor<1x64x66x66xf32>
    %e1 = tensor.empty() : tensor<1x32x64x64xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>
    %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%ap, %w : tensor<1x64x66x66xf32>, tensor<32x64x3x3xf32>) outs(%f1 : tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32>

    %pool = kiln.max_pool2d %b {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x64x64x64xf32>) -> tensor<1x64x32x32xf32>
    return %ew, %mm, %conv, %pool : tensor<1x64x64x64xf32>, tensor<192x144xf32>, tensor<1x32x64x64xf32>, tensor<1x64x32x32xf32>
  }
}
