// An f16 depthwise convolution (whole-window register tiles in f16
// arithmetic), padded in its thread tiles, against float64 numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/depthwise-f16.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @dwh {
  func.func @main(%x: tensor<1x40x30x30xf16> {kiln.name = "x"}, %w: tensor<40x3x3xf16> {kiln.name = "w"}) -> (tensor<1x40x30x30xf16> {kiln.name = "y"}) {
    %zero = arith.constant 0.0 : f16
    %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f16
    } : tensor<1x40x30x30xf16> to tensor<1x40x32x32xf16>
    %e = tensor.empty() : tensor<1x40x30x30xf16>
    %f = linalg.fill ins(%zero : f16) outs(%e : tensor<1x40x30x30xf16>) -> tensor<1x40x30x30xf16>
    %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w : tensor<1x40x32x32xf16>, tensor<40x3x3xf16>) outs(%f : tensor<1x40x30x30xf16>) -> tensor<1x40x30x30xf16>
    return %c : tensor<1x40x30x30xf16>
  }
}
