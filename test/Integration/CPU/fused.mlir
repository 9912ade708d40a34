// Contractions with their epilogue fused into their tiles, as the conv2d,
// gemm and activation lowerings produce them: a convolution initialized with
// its broadcast bias then a ReLU, a matmul then bias + x * tanh(x), a
// depthwise convolution then ReLU6. Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/fused.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
module @fused {
  func.func @main(%x: tensor<1x32x40x40xf32> {kiln.name = "x"}, %w: tensor<48x32x3x3xf32> {kiln.name = "w"}, %b: tensor<48xf32> {kiln.name = "b"},
                  %m: tensor<200x96xf32> {kiln.name = "m"}, %n: tensor<96x120xf32> {kiln.name = "n"}, %c: tensor<120xf32> {kiln.name = "c"},
                  %d: tensor<1x64x30x30xf32> {kiln.name = "d"}, %dw: tensor<64x3x3xf32> {kiln.name = "dw"})
      -> (tensor<1x48x40x40xf32> {kiln.name = "conv_relu"}, tensor<200x120xf32> {kiln.name = "gemm_gelu"}, tensor<1x64x30x30xf32> {kiln.name = "dw_relu6"}) {
    %zero = arith.constant 0.0 : f32
    %six = arith.constant 6.0 : f32
    %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x32x40x40xf32> to tensor<1x32x42x42xf32>
    %e = tensor.empty() : tensor<1x48x40x40xf32>
    %init = linalg.broadcast ins(%b : tensor<48xf32>) outs(%e : tensor<1x48x40x40xf32>) dimensions = [0, 2, 3]
    %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x32x42x42xf32>, tensor<48x32x3x3xf32>) outs(%init : tensor<1x48x40x40xf32>) -> tensor<1x48x40x40xf32>
    %relu = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%conv : tensor<1x48x40x40xf32>) outs(%e : tensor<1x48x40x40xf32>) {
    ^bb0(%v: f32, %o: f32):
      %r = arith.maximumf %v, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x48x40x40xf32>

    %e2 = tensor.empty() : tensor<200x120xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<200x120xf32>) -> tensor<200x120xf32>
    %mm = linalg.matmul ins(%m, %n : tensor<200x96xf32>, tensor<96x120xf32>) outs(%f2 : tensor<200x120xf32>) -> tensor<200x120xf32>
    %gelu = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%mm, %c : tensor<200x120xf32>, tensor<120xf32>) outs(%e2 : tensor<200x120xf32>) {
    ^bb0(%v: f32, %bias: f32, %o: f32):
      %s = arith.addf %v, %bias : f32
      %t = math.tanh %s : f32
      %u = arith.mulf %s, %t : f32
      linalg.yield %u : f32
    } -> tensor<200x120xf32>

    %dp = tensor.pad %d low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x64x30x30xf32> to tensor<1x64x32x32xf32>
    %e3 = tensor.empty() : tensor<1x64x30x30xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x64x30x30xf32>) -> tensor<1x64x30x30xf32>
    %dwc = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%dp, %dw : tensor<1x64x32x32xf32>, tensor<64x3x3xf32>) outs(%f3 : tensor<1x64x30x30xf32>) -> tensor<1x64x30x30xf32>
    %r6 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%dwc : tensor<1x64x30x30xf32>) outs(%e3 : tensor<1x64x30x30xf32>) {
    ^bb0(%v: f32, %o: f32):
      %r = arith.maximumf %v, %zero : f32
      %q = arith.minimumf %r, %six : f32
      linalg.yield %q : f32
    } -> tensor<1x64x30x30xf32>
    return %relu, %gelu, %r6 : tensor<1x48x40x40xf32>, tensor<200x120xf32>, tensor<1x64x30x30xf32>
  }
}
