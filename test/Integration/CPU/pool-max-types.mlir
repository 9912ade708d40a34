// kiln.max_pool2d on i8, i16, i32, i64, f16 and f64 compiled for the CPU and
// compared with a numpy reference written from the op description
// (Inputs/pooling.py): windows of padding only and windows holding only the
// lowest value of the type (padding never wins), ceil mode, asymmetric
// padding, NaN and -inf inputs.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-max-types.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_max_types {
  func.func @main(
      %xi: tensor<1x3x11x13xi32> {kiln.name = "xi"},
      %xb8: tensor<1x3x11x13xi8> {kiln.name = "xb8"},
      %xl: tensor<1x2x3x2xi64> {kiln.name = "xl"},
      %xs16: tensor<2x2x5x4xi16> {kiln.name = "xs16"},
      %xh: tensor<1x3x10x12xf16> {kiln.name = "xh"},
      %xd: tensor<1x3x11x13xf64> {kiln.name = "xd"})
    -> (
      tensor<1x3x6x7xi32> {kiln.name = "max_i32_ceil"},
      tensor<1x3x6x7xi8> {kiln.name = "max_i8_asym"},
      tensor<1x2x3x3xi64> {kiln.name = "max_i64_allpad"},
      tensor<2x2x3x3xi16> {kiln.name = "max_i16_ceil"},
      tensor<1x3x6x7xf16> {kiln.name = "max_f16"},
      tensor<1x3x6x7xf64> {kiln.name = "max_f64"}) {
    %max_i32_ceil = kiln.max_pool2d %xi {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x3x11x13xi32>) -> tensor<1x3x6x7xi32>
    %max_i8_asym = kiln.max_pool2d %xb8 {kernel = array<i64: 2, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true} : (tensor<1x3x11x13xi8>) -> tensor<1x3x6x7xi8>
    %max_i64_allpad = kiln.max_pool2d %xl {kernel = array<i64: 1, 2>, dilations = array<i64: 1, 3>, padding = array<i64: 0, 1, 0, 3>} : (tensor<1x2x3x2xi64>) -> tensor<1x2x3x3xi64>
    %max_i16_ceil = kiln.max_pool2d %xs16 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 0>, ceil_mode = true} : (tensor<2x2x5x4xi16>) -> tensor<2x2x3x3xi16>
    %max_f16 = kiln.max_pool2d %xh {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x3x10x12xf16>) -> tensor<1x3x6x7xf16>
    %max_f64 = kiln.max_pool2d %xd {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true} : (tensor<1x3x11x13xf64>) -> tensor<1x3x6x7xf64>
    return %max_i32_ceil, %max_i8_asym, %max_i64_allpad, %max_i16_ceil, %max_f16, %max_f64
        : tensor<1x3x6x7xi32>, tensor<1x3x6x7xi8>, tensor<1x2x3x3xi64>, tensor<2x2x3x3xi16>, tensor<1x3x6x7xf16>, tensor<1x3x6x7xf64>
  }
}
