// Two squeeze-excitation blocks (global pool, 1x1 conv, SiLU, 1x1 conv,
// sigmoid gate, gated features into a 1x1 projection): one on a single
// image, whose gate the graph passes fold into the projection's filter
// (kiln-fold-gates: 4 output channels < 6 x 6 pixels), and one on a batch of
// two images, whose per-image gates stay a multiply of the features. The
// 1x1 convolutions of the pooled [N, C, 1, 1] tensors become gemms of N rows.
// RUN: kiln-compile %s --emit=kiln -o %t.mlir
// RUN: FileCheck %s --input-file=%t.mlir --check-prefix=GEMM
// RUN: FileCheck %s --input-file=%t.mlir --check-prefix=GRAPH
// GEMM-COUNT-4: kiln.gemm
// GEMM-NOT: kiln.gemm
// GRAPH: kiln.mul %{{.*}} -> tensor<4x8x1x1xf32>
// GRAPH: kiln.conv2d %arg0, %{{.*}} -> tensor<1x4x6x6xf32>
// GRAPH: kiln.mul %{{.*}} : (tensor<2x8x6x6xf32>, tensor<2x8x1x1xf32>) -> tensor<2x8x6x6xf32>
// GRAPH-NOT: kiln.mul
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/squeeze-excitation.py | FileCheck %s
// RUN: kiln-compile %s --tile=false -o %t1.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t1.so %S/Inputs/squeeze-excitation.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @squeeze_excitation {
  func.func @main(%x: tensor<1x8x6x6xf32> {kiln.name = "x"}, %x2: tensor<2x8x6x6xf32> {kiln.name = "x2"})
      -> (tensor<1x4x6x6xf32> {kiln.name = "y"}, tensor<2x16x6x6xf32> {kiln.name = "y2"}) {
    %f1 = kiln.constant dense<[[[[0.025]], [[0.204]], [[0.355]], [[0.458]], [[0.5]], [[0.473]], [[0.383]], [[0.24]]], [[[0.066]], [[-0.118]], [[-0.286]], [[-0.415]], [[-0.488]], [[-0.495]], [[-0.435]], [[-0.316]]]]> : tensor<2x8x1x1xf32>
    %fb1 = kiln.constant dense<[0.171, 0.33]> : tensor<2xf32>
    %f2 = kiln.constant dense<[[[[0.303]], [[0.426]]], [[[0.492]], [[0.491]]], [[[0.424]], [[0.299]]], [[[0.134]], [[-0.049]]], [[[-0.226]], [[-0.372]]], [[[-0.468]], [[-0.5]]], [[[-0.465]], [[-0.367]]], [[[-0.219]], [[-0.042]]]]> : tensor<8x2x1x1xf32>
    %fb2 = kiln.constant dense<[0.407, 0.484, 0.496, 0.441, 0.327, 0.167, -0.014, -0.194]> : tensor<8xf32>
    %p = kiln.constant dense<[[[[0.474]], [[0.499]], [[0.457]], [[0.352]], [[0.2]], [[0.021]], [[-0.161]], [[-0.321]]], [[[-0.438]], [[-0.496]], [[-0.486]], [[-0.411]], [[-0.28]], [[-0.111]], [[0.073]], [[0.247]]], [[[0.388]], [[0.476]], [[0.499]], [[0.455]], [[0.35]], [[0.197]], [[0.017]], [[-0.164]]], [[[-0.324]], [[-0.44]], [[-0.496]], [[-0.485]], [[-0.409]], [[-0.277]], [[-0.107]], [[0.077]]]]> : tensor<4x8x1x1xf32>
    %pb = kiln.constant dense<[0.5, 0.47, 0.376, 0.232]> : tensor<4xf32>
    %q = kiln.constant dense<[[[[0.481]], [[0.398]], [[0.262]], [[0.09]], [[-0.094]], [[-0.265]], [[-0.4]], [[-0.482]]], [[[-0.498]], [[-0.446]], [[-0.335]], [[-0.178]], [[0.003]], [[0.184]], [[0.34]], [[0.449]]], [[[0.498]], [[0.48]], [[0.396]], [[0.259]], [[0.087]], [[-0.097]], [[-0.268]], [[-0.402]]], [[[-0.482]], [[-0.497]], [[-0.445]], [[-0.332]], [[-0.174]], [[0.007]], [[0.187]], [[0.342]]], [[[0.451]], [[0.499]], [[0.479]], [[0.394]], [[0.256]], [[0.084]], [[-0.1]], [[-0.271]]], [[[-0.404]], [[-0.483]], [[-0.497]], [[-0.443]], [[-0.33]], [[-0.171]], [[0.01]], [[0.19]]], [[[0.345]], [[0.452]], [[0.499]], [[0.478]], [[0.392]], [[0.253]], [[0.08]], [[-0.104]]], [[[-0.274]], [[-0.406]], [[-0.484]], [[-0.497]], [[-0.442]], [[-0.327]], [[-0.168]], [[0.014]]], [[[0.193]], [[0.347]], [[0.454]], [[0.499]], [[0.477]], [[0.39]], [[0.25]], [[0.077]]], [[[-0.107]], [[-0.276]], [[-0.408]], [[-0.485]], [[-0.496]], [[-0.44]], [[-0.324]], [[-0.165]]], [[[0.017]], [[0.197]], [[0.35]], [[0.455]], [[0.499]], [[0.476]], [[0.388]], [[0.247]]], [[[0.073]], [[-0.11]], [[-0.279]], [[-0.41]], [[-0.486]], [[-0.496]], [[-0.438]], [[-0.322]]], [[[-0.162]], [[0.02]], [[0.2]], [[0.352]], [[0.457]], [[0.499]], [[0.475]], [[0.386]]], [[[0.244]], [[0.07]], [[-0.114]], [[-0.282]], [[-0.412]], [[-0.487]], [[-0.495]], [[-0.437]]], [[[-0.319]], [[-0.158]], [[0.024]], [[0.203]], [[0.354]], [[0.458]], [[0.5]], [[0.474]]], [[[0.383]], [[0.241]], [[0.067]], [[-0.117]], [[-0.285]], [[-0.414]], [[-0.487]], [[-0.495]]]]> : tensor<16x8x1x1xf32>
    %s = kiln.global_avg_pool %x : (tensor<1x8x6x6xf32>) -> tensor<1x8x1x1xf32>
    %c1 = kiln.conv2d %s, %f1, %fb1 : (tensor<1x8x1x1xf32>, tensor<2x8x1x1xf32>, tensor<2xf32>) -> tensor<1x2x1x1xf32>
    %h = kiln.silu %c1 : tensor<1x2x1x1xf32>
    %c2 = kiln.conv2d %h, %f2, %fb2 : (tensor<1x2x1x1xf32>, tensor<8x2x1x1xf32>, tensor<8xf32>) -> tensor<1x8x1x1xf32>
    %g = kiln.sigmoid %c2 : tensor<1x8x1x1xf32>
    %m = kiln.mul %x, %g : (tensor<1x8x6x6xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x6x6xf32>
    %y = kiln.conv2d %m, %p, %pb : (tensor<1x8x6x6xf32>, tensor<4x8x1x1xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
    %s2 = kiln.global_avg_pool %x2 : (tensor<2x8x6x6xf32>) -> tensor<2x8x1x1xf32>
    %d1 = kiln.conv2d %s2, %f1, %fb1 : (tensor<2x8x1x1xf32>, tensor<2x8x1x1xf32>, tensor<2xf32>) -> tensor<2x2x1x1xf32>
    %h2 = kiln.silu %d1 : tensor<2x2x1x1xf32>
    %d2 = kiln.conv2d %h2, %f2, %fb2 : (tensor<2x2x1x1xf32>, tensor<8x2x1x1xf32>, tensor<8xf32>) -> tensor<2x8x1x1xf32>
    %g2 = kiln.sigmoid %d2 : tensor<2x8x1x1xf32>
    %m2 = kiln.mul %x2, %g2 : (tensor<2x8x6x6xf32>, tensor<2x8x1x1xf32>) -> tensor<2x8x6x6xf32>
    %y2 = kiln.conv2d %m2, %q : (tensor<2x8x6x6xf32>, tensor<16x8x1x1xf32>) -> tensor<2x16x6x6xf32>
    return %y, %y2 : tensor<1x4x6x6xf32>, tensor<2x16x6x6xf32>
  }
}
