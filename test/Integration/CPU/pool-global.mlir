// kiln.global_max_pool and kiln.global_avg_pool compiled for the CPU and
// compared with a numpy reference written from the op descriptions
// (Inputs/pooling.py): rank 3 to 5, NaN and +-inf inputs, i32 and i8 (down to
// the lowest value), f16, bf16 (average; bf16 maximum: pool-bf16-max.mlir)
// and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-global.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_global {
  func.func @main(
      %g: tensor<2x5x7x9xf32> {kiln.name = "g"},
      %g3: tensor<2x3x11xf32> {kiln.name = "g3"},
      %gn: tensor<1x4x5x3xf32> {kiln.name = "gn"},
      %gi: tensor<2x5x3x3xi32> {kiln.name = "gi"},
      %gb8: tensor<2x3x4x3xi8> {kiln.name = "gb8"},
      %gh: tensor<2x5x7x9xf16> {kiln.name = "gh"},
      %gb: tensor<2x5x7x9xbf16> {kiln.name = "gb"},
      %g5: tensor<1x3x3x4x5xf64> {kiln.name = "g5"},
      %g5h: tensor<1x3x3x4x5xf16> {kiln.name = "g5h"})
    -> (
      tensor<2x5x1x1xf32> {kiln.name = "gmax_f32"},
      tensor<2x3x1xf32> {kiln.name = "gmax_3d"},
      tensor<1x4x1x1xf32> {kiln.name = "gmax_nan_ninf"},
      tensor<2x5x1x1xi32> {kiln.name = "gmax_i32"},
      tensor<2x3x1x1xi8> {kiln.name = "gmax_i8"},
      tensor<1x3x1x1x1xf16> {kiln.name = "gmax_f16_5d"},
      tensor<2x5x1x1xf32> {kiln.name = "gavg_f32"},
      tensor<2x3x1xf32> {kiln.name = "gavg_3d"},
      tensor<1x4x1x1xf32> {kiln.name = "gavg_nan_ninf"},
      tensor<2x5x1x1xf16> {kiln.name = "gavg_f16"},
      tensor<2x5x1x1xbf16> {kiln.name = "gavg_bf16"},
      tensor<1x3x1x1x1xf64> {kiln.name = "gavg_5d_f64"}) {
    %gmax_f32 = kiln.global_max_pool %g : (tensor<2x5x7x9xf32>) -> tensor<2x5x1x1xf32>
    %gmax_3d = kiln.global_max_pool %g3 : (tensor<2x3x11xf32>) -> tensor<2x3x1xf32>
    %gmax_nan_ninf = kiln.global_max_pool %gn : (tensor<1x4x5x3xf32>) -> tensor<1x4x1x1xf32>
    %gmax_i32 = kiln.global_max_pool %gi : (tensor<2x5x3x3xi32>) -> tensor<2x5x1x1xi32>
    %gmax_i8 = kiln.global_max_pool %gb8 : (tensor<2x3x4x3xi8>) -> tensor<2x3x1x1xi8>
    %gmax_f16_5d = kiln.global_max_pool %g5h : (tensor<1x3x3x4x5xf16>) -> tensor<1x3x1x1x1xf16>
    %gavg_f32 = kiln.global_avg_pool %g : (tensor<2x5x7x9xf32>) -> tensor<2x5x1x1xf32>
    %gavg_3d = kiln.global_avg_pool %g3 : (tensor<2x3x11xf32>) -> tensor<2x3x1xf32>
    %gavg_nan_ninf = kiln.global_avg_pool %gn : (tensor<1x4x5x3xf32>) -> tensor<1x4x1x1xf32>
    %gavg_f16 = kiln.global_avg_pool %gh : (tensor<2x5x7x9xf16>) -> tensor<2x5x1x1xf16>
    %gavg_bf16 = kiln.global_avg_pool %gb : (tensor<2x5x7x9xbf16>) -> tensor<2x5x1x1xbf16>
    %gavg_5d_f64 = kiln.global_avg_pool %g5 : (tensor<1x3x3x4x5xf64>) -> tensor<1x3x1x1x1xf64>
    return %gmax_f32, %gmax_3d, %gmax_nan_ninf, %gmax_i32, %gmax_i8, %gmax_f16_5d, %gavg_f32, %gavg_3d, %gavg_nan_ninf, %gavg_f16, %gavg_bf16, %gavg_5d_f64
        : tensor<2x5x1x1xf32>, tensor<2x3x1xf32>, tensor<1x4x1x1xf32>, tensor<2x5x1x1xi32>, tensor<2x3x1x1xi8>, tensor<1x3x1x1x1xf16>, tensor<2x5x1x1xf32>, tensor<2x3x1xf32>, tensor<1x4x1x1xf32>, tensor<2x5x1x1xf16>, tensor<2x5x1x1xbf16>, tensor<1x3x1x1x1xf64>
  }
}
