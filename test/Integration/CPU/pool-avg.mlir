// kiln.avg_pool2d compiled for the CPU and compared with a numpy reference
// written from the op description (Inputs/pooling.py):
// with and without count_include_pad, odd sizes, ceil mode (the overhang past
// the trailing padding is never counted), dilations, asymmetric padding,
// windows of padding only (NaN without count_include_pad), default
// attributes, f16, bf16 and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-avg.py | FileCheck %s
// Thread tiles on these small planes (their row offsets dynamic), every
// tile reading the unpadded input in place (a version per placement):
// RUN: kiln-compile %s --min-parallel-work=1 --depthwise-versioned-min-pixels=0 -o %t.inplace.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.inplace.so %S/Inputs/pool-avg.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_avg {
  func.func @main(
      %x: tensor<1x3x11x13xf32> {kiln.name = "x"},
      %xe: tensor<1x3x10x12xf32> {kiln.name = "xe"},
      %x7: tensor<2x3x7x7xf32> {kiln.name = "x7"},
      %xs: tensor<1x2x3x2xf32> {kiln.name = "xs"},
      %xh: tensor<1x3x10x12xf16> {kiln.name = "xh"},
      %xb: tensor<1x3x10x12xbf16> {kiln.name = "xb"},
      %xd: tensor<1x3x11x13xf64> {kiln.name = "xd"})
    -> (
      tensor<1x3x6x7xf32> {kiln.name = "avg_k3s2p1_nocip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_k3s2p1_ceil_nocip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_asym_ceil_nocip"},
      tensor<1x3x6x12xf32> {kiln.name = "avg_dil2_ceil_nocip"},
      tensor<1x2x3x3xf32> {kiln.name = "avg_allpad_nocip"},
      tensor<1x3x6x7xf16> {kiln.name = "avg_f16_nocip"},
      tensor<1x3x6x7xbf16> {kiln.name = "avg_bf16_nocip"},
      tensor<1x3x6x7xf64> {kiln.name = "avg_f64_nocip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_k3s2p1_cip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_k3s2p1_ceil_cip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_asym_ceil_cip"},
      tensor<1x3x6x12xf32> {kiln.name = "avg_dil2_ceil_cip"},
      tensor<1x2x3x3xf32> {kiln.name = "avg_allpad_cip"},
      tensor<1x3x6x7xf16> {kiln.name = "avg_f16_cip"},
      tensor<1x3x6x7xbf16> {kiln.name = "avg_bf16_cip"},
      tensor<1x3x6x7xf64> {kiln.name = "avg_f64_cip"},
      tensor<2x3x4x4xf32> {kiln.name = "avg_k2s2_ceil_7x7_nocip"},
      tensor<1x3x6x7xf32> {kiln.name = "avg_k2s2_ceil_odd_cip"},
      tensor<1x3x10x11xf32> {kiln.name = "avg_default"}) {
    %avg_k3s2p1_nocip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, count_include_pad = false} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %avg_k3s2p1_ceil_nocip = kiln.avg_pool2d %xe {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32>
    %avg_asym_ceil_nocip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %avg_dil2_ceil_nocip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 1>, dilations = array<i64: 2, 2>, padding = array<i64: 2, 1, 1, 2>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x12xf32>
    %avg_allpad_nocip = kiln.avg_pool2d %xs {kernel = array<i64: 1, 2>, dilations = array<i64: 1, 3>, padding = array<i64: 0, 1, 0, 3>, count_include_pad = false} : (tensor<1x2x3x2xf32>) -> tensor<1x2x3x3xf32>
    %avg_f16_nocip = kiln.avg_pool2d %xh {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x10x12xf16>) -> tensor<1x3x6x7xf16>
    %avg_bf16_nocip = kiln.avg_pool2d %xb {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x10x12xbf16>) -> tensor<1x3x6x7xbf16>
    %avg_f64_nocip = kiln.avg_pool2d %xd {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x11x13xf64>) -> tensor<1x3x6x7xf64>
    %avg_k3s2p1_cip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, count_include_pad = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %avg_k3s2p1_ceil_cip = kiln.avg_pool2d %xe {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32>
    %avg_asym_ceil_cip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %avg_dil2_ceil_cip = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 1>, dilations = array<i64: 2, 2>, padding = array<i64: 2, 1, 1, 2>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x12xf32>
    %avg_allpad_cip = kiln.avg_pool2d %xs {kernel = array<i64: 1, 2>, dilations = array<i64: 1, 3>, padding = array<i64: 0, 1, 0, 3>, count_include_pad = true} : (tensor<1x2x3x2xf32>) -> tensor<1x2x3x3xf32>
    %avg_f16_cip = kiln.avg_pool2d %xh {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x10x12xf16>) -> tensor<1x3x6x7xf16>
    %avg_bf16_cip = kiln.avg_pool2d %xb {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x10x12xbf16>) -> tensor<1x3x6x7xbf16>
    %avg_f64_cip = kiln.avg_pool2d %xd {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x11x13xf64>) -> tensor<1x3x6x7xf64>
    %avg_k2s2_ceil_7x7_nocip = kiln.avg_pool2d %x7 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<2x3x7x7xf32>) -> tensor<2x3x4x4xf32>
    %avg_k2s2_ceil_odd_cip = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %avg_default = kiln.avg_pool2d %x {kernel = array<i64: 2, 3>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x10x11xf32>
    return %avg_k3s2p1_nocip, %avg_k3s2p1_ceil_nocip, %avg_asym_ceil_nocip, %avg_dil2_ceil_nocip, %avg_allpad_nocip, %avg_f16_nocip, %avg_bf16_nocip, %avg_f64_nocip, %avg_k3s2p1_cip, %avg_k3s2p1_ceil_cip, %avg_asym_ceil_cip, %avg_dil2_ceil_cip, %avg_allpad_cip, %avg_f16_cip, %avg_bf16_cip, %avg_f64_cip, %avg_k2s2_ceil_7x7_nocip, %avg_k2s2_ceil_odd_cip, %avg_default
        : tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>, tensor<1x3x6x12xf32>, tensor<1x2x3x3xf32>, tensor<1x3x6x7xf16>, tensor<1x3x6x7xbf16>, tensor<1x3x6x7xf64>, tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>, tensor<1x3x6x7xf32>, tensor<1x3x6x12xf32>, tensor<1x2x3x3xf32>, tensor<1x3x6x7xf16>, tensor<1x3x6x7xbf16>, tensor<1x3x6x7xf64>, tensor<2x3x4x4xf32>, tensor<1x3x6x7xf32>, tensor<1x3x10x11xf32>
  }
}
