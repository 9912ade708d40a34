// kiln.max_pool2d on f32 compiled for the CPU and compared with a numpy
// reference written from the op description (Inputs/pooling.py): odd sizes,
// ceil mode, dilations, asymmetric padding, windows of padding only (-inf),
// default attributes, NaN and -inf inputs. Other element types:
// pool-max-types.mlir, pool-bf16-max.mlir.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-max.py | FileCheck %s
// Thread tiles on these small planes (their row offsets dynamic), every
// tile reading the unpadded input in place (a version per placement):
// RUN: kiln-compile %s --min-parallel-work=1 --depthwise-versioned-min-pixels=0 -o %t.inplace.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.inplace.so %S/Inputs/pool-max.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_max {
  func.func @main(
      %x: tensor<1x3x11x13xf32> {kiln.name = "x"},
      %xe: tensor<1x3x10x12xf32> {kiln.name = "xe"},
      %x7: tensor<2x3x7x7xf32> {kiln.name = "x7"},
      %xs: tensor<1x2x3x2xf32> {kiln.name = "xs"},
      %xn: tensor<1x4x11x13xf32> {kiln.name = "xn"})
    -> (
      tensor<1x3x6x7xf32> {kiln.name = "max_k3s2p1"},
      tensor<1x3x10x11xf32> {kiln.name = "max_default"},
      tensor<1x3x6x7xf32> {kiln.name = "max_k3s2p1_ceil"},
      tensor<2x3x4x4xf32> {kiln.name = "max_k2s2_ceil_7x7"},
      tensor<1x3x6x7xf32> {kiln.name = "max_k2s2_ceil_odd"},
      tensor<1x3x11x13xf32> {kiln.name = "max_dil2"},
      tensor<1x3x5x5xf32> {kiln.name = "max_dil2_s2_ceil"},
      tensor<1x3x6x7xf32> {kiln.name = "max_asym_ceil"},
      tensor<1x3x4x7xf32> {kiln.name = "max_asym_floor"},
      tensor<1x2x3x3xf32> {kiln.name = "max_allpad"},
      tensor<1x4x6x7xf32> {kiln.name = "max_nan_ninf"}) {
    %max_k3s2p1 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %max_default = kiln.max_pool2d %x {kernel = array<i64: 2, 3>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x10x11xf32>
    %max_k3s2p1_ceil = kiln.max_pool2d %xe {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32>
    %max_k2s2_ceil_7x7 = kiln.max_pool2d %x7 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<2x3x7x7xf32>) -> tensor<2x3x4x4xf32>
    %max_k2s2_ceil_odd = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %max_dil2 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, dilations = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x11x13xf32>
    %max_dil2_s2_ceil = kiln.max_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 3>, dilations = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 0>, ceil_mode = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x5x5xf32>
    %max_asym_ceil = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 2, 0>, ceil_mode = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %max_asym_floor = kiln.max_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 3, 2>, padding = array<i64: 2, 0, 0, 1>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x4x7xf32>
    %max_allpad = kiln.max_pool2d %xs {kernel = array<i64: 1, 2>, dilations = array<i64: 1, 3>, padding = array<i64: 0, 1, 0, 3>} : (tensor<1x2x3x2xf32>) -> tensor<1x2x3x3xf32>
    %max_nan_ninf = kiln.max_pool2d %xn {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x11x13xf32>) -> tensor<1x4x6x7xf32>
    return %max_k3s2p1, %max_default, %max_k3s2p1_ceil, %max_k2s2_ceil_7x7, %max_k2s2_ceil_odd, %max_dil2, %max_dil2_s2_ceil, %max_asym_ceil, %max_asym_floor, %max_allpad, %max_nan_ninf
        : tensor<1x3x6x7xf32>, tensor<1x3x10x11xf32>, tensor<1x3x6x7xf32>, tensor<2x3x4x4xf32>, tensor<1x3x6x7xf32>, tensor<1x3x11x13xf32>, tensor<1x3x5x5xf32>, tensor<1x3x6x7xf32>, tensor<1x3x4x7xf32>, tensor<1x2x3x3xf32>, tensor<1x4x6x7xf32>
  }
}
