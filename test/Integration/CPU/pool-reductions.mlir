// kiln.reduce_sum, kiln.reduce_mean and kiln.reduce_max compiled for the CPU and
// compared with a numpy reference written from the op descriptions
// (Inputs/pooling.py): negative, multiple, unsorted and empty axes (empty
// reduces every dimension), with and without keep_dims, rank-0 results,
// reductions over an empty dimension (0, NaN, -inf, INT_MIN), integer means
// that truncate toward zero, integer sums that wrap around, NaN and +-inf
// inputs, f16 (accumulated over 360 elements), bf16 and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool-reductions.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pool_reductions {
  func.func @main(
      %r: tensor<3x4x5x6xf32> {kiln.name = "r"},
      %r3: tensor<3x5x7xf32> {kiln.name = "r3"},
      %rn: tensor<3x4x5x6xf32> {kiln.name = "rn"},
      %rh: tensor<3x4x5x6xf16> {kiln.name = "rh"},
      %rb: tensor<3x4x5x6xbf16> {kiln.name = "rb"},
      %rd: tensor<3x4x5x6xf64> {kiln.name = "rd"},
      %ri: tensor<3x4x5x6xi32> {kiln.name = "ri"},
      %rb8: tensor<3x4x5x6xi8> {kiln.name = "rb8"},
      %rs: tensor<3x4x5x6xi16> {kiln.name = "rs"},
      %rl: tensor<3x4x5x6xi64> {kiln.name = "rl"})
    -> (
      tensor<3x4x5xf32> {kiln.name = "sum_last"},
      tensor<1x4x1x6xf32> {kiln.name = "sum_0_2_keep"},
      tensor<f32> {kiln.name = "sum_all"},
      tensor<1x1x1x1xf32> {kiln.name = "sum_default"},
      tensor<f32> {kiln.name = "sum_all_listed"},
      tensor<3x5xf16> {kiln.name = "sum_f16_neg"},
      tensor<f16> {kiln.name = "sum_f16_all"},
      tensor<3x1x5x6xbf16> {kiln.name = "sum_bf16"},
      tensor<1x4x5x1xf64> {kiln.name = "sum_f64"},
      tensor<4x6xi32> {kiln.name = "sum_i32"},
      tensor<3x1x1x6xi8> {kiln.name = "sum_i8_wrap"},
      tensor<1x1x1x1xi64> {kiln.name = "sum_i64"},
      tensor<3x5x6xf32> {kiln.name = "sum_empty"},
      tensor<3x1x5x1xi32> {kiln.name = "sum_i32_empty"},
      tensor<1x4x1x6xf32> {kiln.name = "mean_neg_keep"},
      tensor<4x6xf32> {kiln.name = "mean_neg"},
      tensor<f32> {kiln.name = "mean_all"},
      tensor<1x1x1xf32> {kiln.name = "mean_default"},
      tensor<3x1x5x1xf16> {kiln.name = "mean_f16"},
      tensor<1x1x1x1xf16> {kiln.name = "mean_f16_all"},
      tensor<3x4x6xbf16> {kiln.name = "mean_bf16"},
      tensor<3x5xf64> {kiln.name = "mean_f64"},
      tensor<3x4x5xi32> {kiln.name = "mean_i32_trunc"},
      tensor<1x4x5x1xi8> {kiln.name = "mean_i8_trunc"},
      tensor<3x6xi16> {kiln.name = "mean_i16_trunc"},
      tensor<3x1x5x1xi64> {kiln.name = "mean_i64_multi"},
      tensor<3x1x5x6xf32> {kiln.name = "mean_empty"},
      tensor<3x1x5x1xf32> {kiln.name = "max_axes_keep"},
      tensor<4x6xf32> {kiln.name = "max_axes"},
      tensor<f32> {kiln.name = "max_all"},
      tensor<1x1x1xf32> {kiln.name = "max_default"},
      tensor<3x4x6xf32> {kiln.name = "max_nan_ninf"},
      tensor<4x5xf16> {kiln.name = "max_f16"},
      tensor<3x4x1x6xf64> {kiln.name = "max_f64"},
      tensor<3x4x5xi8> {kiln.name = "max_i8"},
      tensor<4x5x6xi16> {kiln.name = "max_i16"},
      tensor<3x1x1x1xi32> {kiln.name = "max_i32"},
      tensor<1x1x1x1xi64> {kiln.name = "max_i64_all_keep"},
      tensor<3x5x6xf32> {kiln.name = "max_empty"},
      tensor<3x4x5xi32> {kiln.name = "max_i32_empty"}) {
    %r_empty = kiln.slice %r {starts = array<i64: 0, 2, 0, 0>, ends = array<i64: 3, 2, 5, 6>, steps = array<i64: 1, 1, 1, 1>} : (tensor<3x4x5x6xf32>) -> tensor<3x0x5x6xf32>
    %ri_empty = kiln.slice %ri {starts = array<i64: 0, 0, 0, 6>, ends = array<i64: 3, 4, 5, 6>, steps = array<i64: 1, 1, 1, 1>} : (tensor<3x4x5x6xi32>) -> tensor<3x4x5x0xi32>
    %sum_last = kiln.reduce_sum %r {axes = array<i64: -1>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<3x4x5xf32>
    %sum_0_2_keep = kiln.reduce_sum %r {axes = array<i64: 0, 2>, keep_dims = true} : (tensor<3x4x5x6xf32>) -> tensor<1x4x1x6xf32>
    %sum_all = kiln.reduce_sum %r {axes = array<i64>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<f32>
    %sum_default = kiln.reduce_sum %r : (tensor<3x4x5x6xf32>) -> tensor<1x1x1x1xf32>
    %sum_all_listed = kiln.reduce_sum %r3 {axes = array<i64: 2, -3, 1>, keep_dims = false} : (tensor<3x5x7xf32>) -> tensor<f32>
    %sum_f16_neg = kiln.reduce_sum %rh {axes = array<i64: -3, -1>, keep_dims = false} : (tensor<3x4x5x6xf16>) -> tensor<3x5xf16>
    %sum_f16_all = kiln.reduce_sum %rh {axes = array<i64>, keep_dims = false} : (tensor<3x4x5x6xf16>) -> tensor<f16>
    %sum_bf16 = kiln.reduce_sum %rb {axes = array<i64: 1>, keep_dims = true} : (tensor<3x4x5x6xbf16>) -> tensor<3x1x5x6xbf16>
    %sum_f64 = kiln.reduce_sum %rd {axes = array<i64: 0, -1>, keep_dims = true} : (tensor<3x4x5x6xf64>) -> tensor<1x4x5x1xf64>
    %sum_i32 = kiln.reduce_sum %ri {axes = array<i64: -2, 0>, keep_dims = false} : (tensor<3x4x5x6xi32>) -> tensor<4x6xi32>
    %sum_i8_wrap = kiln.reduce_sum %rb8 {axes = array<i64: 1, 2>, keep_dims = true} : (tensor<3x4x5x6xi8>) -> tensor<3x1x1x6xi8>
    %sum_i64 = kiln.reduce_sum %rl {axes = array<i64>, keep_dims = true} : (tensor<3x4x5x6xi64>) -> tensor<1x1x1x1xi64>
    %sum_empty = kiln.reduce_sum %r_empty {axes = array<i64: 1>, keep_dims = false} : (tensor<3x0x5x6xf32>) -> tensor<3x5x6xf32>
    %sum_i32_empty = kiln.reduce_sum %ri_empty {axes = array<i64: -1, 1>, keep_dims = true} : (tensor<3x4x5x0xi32>) -> tensor<3x1x5x1xi32>
    %mean_neg_keep = kiln.reduce_mean %r {axes = array<i64: -2, 0>, keep_dims = true} : (tensor<3x4x5x6xf32>) -> tensor<1x4x1x6xf32>
    %mean_neg = kiln.reduce_mean %r {axes = array<i64: -2, 0>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<4x6xf32>
    %mean_all = kiln.reduce_mean %r3 {axes = array<i64>, keep_dims = false} : (tensor<3x5x7xf32>) -> tensor<f32>
    %mean_default = kiln.reduce_mean %r3 : (tensor<3x5x7xf32>) -> tensor<1x1x1xf32>
    %mean_f16 = kiln.reduce_mean %rh {axes = array<i64: -1, 1>, keep_dims = true} : (tensor<3x4x5x6xf16>) -> tensor<3x1x5x1xf16>
    %mean_f16_all = kiln.reduce_mean %rh {axes = array<i64>, keep_dims = true} : (tensor<3x4x5x6xf16>) -> tensor<1x1x1x1xf16>
    %mean_bf16 = kiln.reduce_mean %rb {axes = array<i64: 2>, keep_dims = false} : (tensor<3x4x5x6xbf16>) -> tensor<3x4x6xbf16>
    %mean_f64 = kiln.reduce_mean %rd {axes = array<i64: 3, 1>, keep_dims = false} : (tensor<3x4x5x6xf64>) -> tensor<3x5xf64>
    %mean_i32_trunc = kiln.reduce_mean %ri {axes = array<i64: -1>, keep_dims = false} : (tensor<3x4x5x6xi32>) -> tensor<3x4x5xi32>
    %mean_i8_trunc = kiln.reduce_mean %rb8 {axes = array<i64: 0, 3>, keep_dims = true} : (tensor<3x4x5x6xi8>) -> tensor<1x4x5x1xi8>
    %mean_i16_trunc = kiln.reduce_mean %rs {axes = array<i64: 1, -2>, keep_dims = false} : (tensor<3x4x5x6xi16>) -> tensor<3x6xi16>
    %mean_i64_multi = kiln.reduce_mean %rl {axes = array<i64: 1, -1>, keep_dims = true} : (tensor<3x4x5x6xi64>) -> tensor<3x1x5x1xi64>
    %mean_empty = kiln.reduce_mean %r_empty {axes = array<i64: -3>, keep_dims = true} : (tensor<3x0x5x6xf32>) -> tensor<3x1x5x6xf32>
    %max_axes_keep = kiln.reduce_max %r {axes = array<i64: 1, -1>, keep_dims = true} : (tensor<3x4x5x6xf32>) -> tensor<3x1x5x1xf32>
    %max_axes = kiln.reduce_max %r {axes = array<i64: -4, 2>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<4x6xf32>
    %max_all = kiln.reduce_max %r {axes = array<i64>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<f32>
    %max_default = kiln.reduce_max %r3 : (tensor<3x5x7xf32>) -> tensor<1x1x1xf32>
    %max_nan_ninf = kiln.reduce_max %rn {axes = array<i64: 2>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<3x4x6xf32>
    %max_f16 = kiln.reduce_max %rh {axes = array<i64: 0, -1>, keep_dims = false} : (tensor<3x4x5x6xf16>) -> tensor<4x5xf16>
    %max_f64 = kiln.reduce_max %rd {axes = array<i64: -2>, keep_dims = true} : (tensor<3x4x5x6xf64>) -> tensor<3x4x1x6xf64>
    %max_i8 = kiln.reduce_max %rb8 {axes = array<i64: 3>, keep_dims = false} : (tensor<3x4x5x6xi8>) -> tensor<3x4x5xi8>
    %max_i16 = kiln.reduce_max %rs {axes = array<i64: 0>, keep_dims = false} : (tensor<3x4x5x6xi16>) -> tensor<4x5x6xi16>
    %max_i32 = kiln.reduce_max %ri {axes = array<i64: 1, 2, 3>, keep_dims = true} : (tensor<3x4x5x6xi32>) -> tensor<3x1x1x1xi32>
    %max_i64_all_keep = kiln.reduce_max %rl {axes = array<i64>, keep_dims = true} : (tensor<3x4x5x6xi64>) -> tensor<1x1x1x1xi64>
    %max_empty = kiln.reduce_max %r_empty {axes = array<i64: 1>, keep_dims = false} : (tensor<3x0x5x6xf32>) -> tensor<3x5x6xf32>
    %max_i32_empty = kiln.reduce_max %ri_empty {axes = array<i64: 3>, keep_dims = false} : (tensor<3x4x5x0xi32>) -> tensor<3x4x5xi32>
    return %sum_last, %sum_0_2_keep, %sum_all, %sum_default, %sum_all_listed, %sum_f16_neg, %sum_f16_all, %sum_bf16, %sum_f64, %sum_i32, %sum_i8_wrap, %sum_i64, %sum_empty, %sum_i32_empty, %mean_neg_keep, %mean_neg, %mean_all, %mean_default, %mean_f16, %mean_f16_all, %mean_bf16, %mean_f64, %mean_i32_trunc, %mean_i8_trunc, %mean_i16_trunc, %mean_i64_multi, %mean_empty, %max_axes_keep, %max_axes, %max_all, %max_default, %max_nan_ninf, %max_f16, %max_f64, %max_i8, %max_i16, %max_i32, %max_i64_all_keep, %max_empty, %max_i32_empty
        : tensor<3x4x5xf32>, tensor<1x4x1x6xf32>, tensor<f32>, tensor<1x1x1x1xf32>, tensor<f32>, tensor<3x5xf16>, tensor<f16>, tensor<3x1x5x6xbf16>, tensor<1x4x5x1xf64>, tensor<4x6xi32>, tensor<3x1x1x6xi8>, tensor<1x1x1x1xi64>, tensor<3x5x6xf32>, tensor<3x1x5x1xi32>, tensor<1x4x1x6xf32>, tensor<4x6xf32>, tensor<f32>, tensor<1x1x1xf32>, tensor<3x1x5x1xf16>, tensor<1x1x1x1xf16>, tensor<3x4x6xbf16>, tensor<3x5xf64>, tensor<3x4x5xi32>, tensor<1x4x5x1xi8>, tensor<3x6xi16>, tensor<3x1x5x1xi64>, tensor<3x1x5x6xf32>, tensor<3x1x5x1xf32>, tensor<4x6xf32>, tensor<f32>, tensor<1x1x1xf32>, tensor<3x4x6xf32>, tensor<4x5xf16>, tensor<3x4x1x6xf64>, tensor<3x4x5xi8>, tensor<4x5x6xi16>, tensor<3x1x1x1xi32>, tensor<1x1x1x1xi64>, tensor<3x5x6xf32>, tensor<3x4x5xi32>
  }
}
