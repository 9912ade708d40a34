// Convolutions as the conv2d lowering produces them (tensor.pad, then
// linalg.conv_2d_nchw_fchw, depthwise_conv_2d_nchw_chw or
// conv_2d_ngchw_gfchw on tensors), with strides 1 and 2, odd sizes, and
// sizes large enough for thread tiles (with the pad fused into them).
// Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/conv.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @convs {
  func.func @main(%x: tensor<1x7x15x17xf32> {kiln.name = "x"}, %w: tensor<11x7x3x3xf32> {kiln.name = "w"},
                  %y: tensor<2x32x28x30xf32> {kiln.name = "y"}, %v: tensor<24x32x3x3xf32> {kiln.name = "v"},
                  %d: tensor<1x16x13x13xf32> {kiln.name = "d"}, %dw: tensor<16x3x3xf32> {kiln.name = "dw"},
                  %e: tensor<1x40x30x30xf32> {kiln.name = "e"}, %ew: tensor<40x3x3xf32> {kiln.name = "ew"},
                  %g: tensor<2x4x8x30x30xf32> {kiln.name = "g"}, %gw: tensor<4x8x8x3x3xf32> {kiln.name = "gw"})
      -> (tensor<1x11x15x17xf32> {kiln.name = "conv"}, tensor<2x24x14x15xf32> {kiln.name = "conv_s2"},
          tensor<1x16x7x7xf32> {kiln.name = "dwconv_s2"}, tensor<1x40x30x30xf32> {kiln.name = "dwconv"},
          tensor<2x4x8x28x28xf32> {kiln.name = "grouped"}) {
    %zero = arith.constant 0.0 : f32

    %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x7x15x17xf32> to tensor<1x7x17x19xf32>
    %e0 = tensor.empty() : tensor<1x11x15x17xf32>
    %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x11x15x17xf32>) -> tensor<1x11x15x17xf32>
    %c0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x7x17x19xf32>, tensor<11x7x3x3xf32>) outs(%f0 : tensor<1x11x15x17xf32>) -> tensor<1x11x15x17xf32>

    %yp = tensor.pad %y low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<2x32x28x30xf32> to tensor<2x32x30x32xf32>
    %e1 = tensor.empty() : tensor<2x24x14x15xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<2x24x14x15xf32>) -> tensor<2x24x14x15xf32>
    %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%yp, %v : tensor<2x32x30x32xf32>, tensor<24x32x3x3xf32>) outs(%f1 : tensor<2x24x14x15xf32>) -> tensor<2x24x14x15xf32>

    %dp = tensor.pad %d low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x16x13x13xf32> to tensor<1x16x15x15xf32>
    %e2 = tensor.empty() : tensor<1x16x7x7xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>
    %c2 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%dp, %dw : tensor<1x16x15x15xf32>, tensor<16x3x3xf32>) outs(%f2 : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>

    %ep = tensor.pad %e low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x40x30x30xf32> to tensor<1x40x32x32xf32>
    %e3 = tensor.empty() : tensor<1x40x30x30xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x40x30x30xf32>) -> tensor<1x40x30x30xf32>
    %c3 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%ep, %ew : tensor<1x40x32x32xf32>, tensor<40x3x3xf32>) outs(%f3 : tensor<1x40x30x30xf32>) -> tensor<1x40x30x30xf32>

    %e4 = tensor.empty() : tensor<2x4x8x28x28xf32>
    %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<2x4x8x28x28xf32>) -> tensor<2x4x8x28x28xf32>
    %c4 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%g, %gw : tensor<2x4x8x30x30xf32>, tensor<4x8x8x3x3xf32>) outs(%f4 : tensor<2x4x8x28x28xf32>) -> tensor<2x4x8x28x28xf32>

    return %c0, %c1, %c2, %c3, %c4 : tensor<1x11x15x17xf32>, tensor<2x24x14x15xf32>, tensor<1x16x7x7xf32>, tensor<1x40x30x30xf32>, tensor<2x4x8x28x28xf32>
  }
}
