// The maximum ops on bf16 (kiln.max_pool2d, kiln.global_max_pool,
// kiln.reduce_max) compiled for the CPU and compared with a numpy reference
// (Inputs/pooling.py).
// bf16 arithmetic is emulated in f32 by the CPU pipeline, so the comparisons
// of a maximum need no compiler-rt helper.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-bf16-max.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_bf16_max {
  func.func @main(
      %xb: tensor<1x3x11x13xbf16> {kiln.name = "xb"},
      %gb: tensor<2x3x11xbf16> {kiln.name = "gb"},
      %rb: tensor<3x4x5x6xbf16> {kiln.name = "rb"})
    -> (
      tensor<1x3x6x7xbf16> {kiln.name = "max_pool_bf16"},
      tensor<2x3x1xbf16> {kiln.name = "gmax_bf16"},
      tensor<3x4x5x1xbf16> {kiln.name = "reduce_max_bf16"}) {
    %max_pool_bf16 = kiln.max_pool2d %xb {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x13xbf16>) -> tensor<1x3x6x7xbf16>
    %gmax_bf16 = kiln.global_max_pool %gb : (tensor<2x3x11xbf16>) -> tensor<2x3x1xbf16>
    %reduce_max_bf16 = kiln.reduce_max %rb {axes = array<i64: -1>, keep_dims = true} : (tensor<3x4x5x6xbf16>) -> tensor<3x4x5x1xbf16>
    return %max_pool_bf16, %gmax_bf16, %reduce_max_bf16
        : tensor<1x3x6x7xbf16>, tensor<2x3x1xbf16>, tensor<3x4x5x1xbf16>
  }
}
