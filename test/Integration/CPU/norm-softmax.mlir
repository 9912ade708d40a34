// kiln.softmax and kiln.log_softmax compiled for the CPU and compared with a
// numpy reference written from the op descriptions (Inputs/normalization.py):
// every axis form (negative and default included), rank 1 to 4, odd sizes,
// offsets of +-1e4, -inf entries (a slice of -inf only gives NaN, as in
// PyTorch), NaN and +inf inputs, f16, bf16 and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/norm-softmax.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @norm_softmax {
  func.func @main(
      %x: tensor<3x7x5xf32> {kiln.name = "x"},
      %xm: tensor<3x7x5xf32> {kiln.name = "xm"},
      %xd: tensor<3x7x5xf32> {kiln.name = "xd"},
      %x4: tensor<2x3x4x5xf32> {kiln.name = "x4"},
      %x11: tensor<11xf32> {kiln.name = "x11"},
      %x19: tensor<1x9xf32> {kiln.name = "x19"},
      %xbig: tensor<4x13xf32> {kiln.name = "xbig"},
      %xnbig: tensor<4x13xf32> {kiln.name = "xnbig"},
      %xinf: tensor<5x6xf32> {kiln.name = "xinf"},
      %xnan: tensor<3x4xf32> {kiln.name = "xnan"},
      %xh: tensor<3x7x5xf16> {kiln.name = "xh"},
      %xb: tensor<3x7x5xbf16> {kiln.name = "xb"},
      %xd64: tensor<3x7x5xf64> {kiln.name = "xd64"})
    -> (
      tensor<3x7x5xf32> {kiln.name = "softmax_ax0"},
      tensor<3x7x5xf32> {kiln.name = "softmax_ax1"},
      tensor<3x7x5xf32> {kiln.name = "softmax_ax2"},
      tensor<3x7x5xf32> {kiln.name = "softmax_axm1"},
      tensor<3x7x5xf32> {kiln.name = "softmax_axm2"},
      tensor<3x7x5xf32> {kiln.name = "softmax_axm3"},
      tensor<3x7x5xf32> {kiln.name = "softmax_default"},
      tensor<2x3x4x5xf32> {kiln.name = "softmax_4d_ax2"},
      tensor<11xf32> {kiln.name = "softmax_1d"},
      tensor<1x9xf32> {kiln.name = "softmax_1x9"},
      tensor<4x13xf32> {kiln.name = "softmax_big"},
      tensor<4x13xf32> {kiln.name = "softmax_neg_big"},
      tensor<5x6xf32> {kiln.name = "softmax_ninf_rows"},
      tensor<5x6xf32> {kiln.name = "softmax_ninf_cols"},
      tensor<3x4xf32> {kiln.name = "softmax_nan_pinf"},
      tensor<3x7x5xf16> {kiln.name = "softmax_f16"},
      tensor<3x7x5xbf16> {kiln.name = "softmax_bf16"},
      tensor<3x7x5xf64> {kiln.name = "softmax_f64"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_ax0"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_ax1"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_ax2"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_axm1"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_axm2"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_axm3"},
      tensor<3x7x5xf32> {kiln.name = "log_softmax_default"},
      tensor<2x3x4x5xf32> {kiln.name = "log_softmax_4d_ax2"},
      tensor<11xf32> {kiln.name = "log_softmax_1d"},
      tensor<1x9xf32> {kiln.name = "log_softmax_1x9"},
      tensor<4x13xf32> {kiln.name = "log_softmax_big"},
      tensor<4x13xf32> {kiln.name = "log_softmax_neg_big"},
      tensor<5x6xf32> {kiln.name = "log_softmax_ninf_rows"},
      tensor<5x6xf32> {kiln.name = "log_softmax_ninf_cols"},
      tensor<3x4xf32> {kiln.name = "log_softmax_nan_pinf"},
      tensor<3x7x5xf16> {kiln.name = "log_softmax_f16"},
      tensor<3x7x5xbf16> {kiln.name = "log_softmax_bf16"},
      tensor<3x7x5xf64> {kiln.name = "log_softmax_f64"}) {
    %softmax_ax0 = kiln.softmax %x {axis = 0 : i64} : tensor<3x7x5xf32>
    %softmax_ax1 = kiln.softmax %x {axis = 1 : i64} : tensor<3x7x5xf32>
    %softmax_ax2 = kiln.softmax %x {axis = 2 : i64} : tensor<3x7x5xf32>
    %softmax_axm1 = kiln.softmax %xm {axis = -1 : i64} : tensor<3x7x5xf32>
    %softmax_axm2 = kiln.softmax %xm {axis = -2 : i64} : tensor<3x7x5xf32>
    %softmax_axm3 = kiln.softmax %xm {axis = -3 : i64} : tensor<3x7x5xf32>
    %softmax_default = kiln.softmax %xd : tensor<3x7x5xf32>
    %softmax_4d_ax2 = kiln.softmax %x4 {axis = 2 : i64} : tensor<2x3x4x5xf32>
    %softmax_1d = kiln.softmax %x11 {axis = 0 : i64} : tensor<11xf32>
    %softmax_1x9 = kiln.softmax %x19 {axis = 1 : i64} : tensor<1x9xf32>
    %softmax_big = kiln.softmax %xbig {axis = -1 : i64} : tensor<4x13xf32>
    %softmax_neg_big = kiln.softmax %xnbig {axis = 1 : i64} : tensor<4x13xf32>
    %softmax_ninf_rows = kiln.softmax %xinf {axis = -1 : i64} : tensor<5x6xf32>
    %softmax_ninf_cols = kiln.softmax %xinf {axis = 0 : i64} : tensor<5x6xf32>
    %softmax_nan_pinf = kiln.softmax %xnan {axis = 1 : i64} : tensor<3x4xf32>
    %softmax_f16 = kiln.softmax %xh {axis = 1 : i64} : tensor<3x7x5xf16>
    %softmax_bf16 = kiln.softmax %xb {axis = -2 : i64} : tensor<3x7x5xbf16>
    %softmax_f64 = kiln.softmax %xd64 {axis = -1 : i64} : tensor<3x7x5xf64>
    %log_softmax_ax0 = kiln.log_softmax %x {axis = 0 : i64} : tensor<3x7x5xf32>
    %log_softmax_ax1 = kiln.log_softmax %x {axis = 1 : i64} : tensor<3x7x5xf32>
    %log_softmax_ax2 = kiln.log_softmax %x {axis = 2 : i64} : tensor<3x7x5xf32>
    %log_softmax_axm1 = kiln.log_softmax %xm {axis = -1 : i64} : tensor<3x7x5xf32>
    %log_softmax_axm2 = kiln.log_softmax %xm {axis = -2 : i64} : tensor<3x7x5xf32>
    %log_softmax_axm3 = kiln.log_softmax %xm {axis = -3 : i64} : tensor<3x7x5xf32>
    %log_softmax_default = kiln.log_softmax %xd : tensor<3x7x5xf32>
    %log_softmax_4d_ax2 = kiln.log_softmax %x4 {axis = 2 : i64} : tensor<2x3x4x5xf32>
    %log_softmax_1d = kiln.log_softmax %x11 {axis = 0 : i64} : tensor<11xf32>
    %log_softmax_1x9 = kiln.log_softmax %x19 {axis = 1 : i64} : tensor<1x9xf32>
    %log_softmax_big = kiln.log_softmax %xbig {axis = -1 : i64} : tensor<4x13xf32>
    %log_softmax_neg_big = kiln.log_softmax %xnbig {axis = 1 : i64} : tensor<4x13xf32>
    %log_softmax_ninf_rows = kiln.log_softmax %xinf {axis = -1 : i64} : tensor<5x6xf32>
    %log_softmax_ninf_cols = kiln.log_softmax %xinf {axis = 0 : i64} : tensor<5x6xf32>
    %log_softmax_nan_pinf = kiln.log_softmax %xnan {axis = 1 : i64} : tensor<3x4xf32>
    %log_softmax_f16 = kiln.log_softmax %xh {axis = 1 : i64} : tensor<3x7x5xf16>
    %log_softmax_bf16 = kiln.log_softmax %xb {axis = -2 : i64} : tensor<3x7x5xbf16>
    %log_softmax_f64 = kiln.log_softmax %xd64 {axis = -1 : i64} : tensor<3x7x5xf64>
    return %softmax_ax0, %softmax_ax1, %softmax_ax2, %softmax_axm1, %softmax_axm2, %softmax_axm3, %softmax_default, %softmax_4d_ax2, %softmax_1d, %softmax_1x9, %softmax_big, %softmax_neg_big, %softmax_ninf_rows, %softmax_ninf_cols, %softmax_nan_pinf, %softmax_f16, %softmax_bf16, %softmax_f64, %log_softmax_ax0, %log_softmax_ax1, %log_softmax_ax2, %log_softmax_axm1, %log_softmax_axm2, %log_softmax_axm3, %log_softmax_default, %log_softmax_4d_ax2, %log_softmax_1d, %log_softmax_1x9, %log_softmax_big, %log_softmax_neg_big, %log_softmax_ninf_rows, %log_softmax_ninf_cols, %log_softmax_nan_pinf, %log_softmax_f16, %log_softmax_bf16, %log_softmax_f64
        : tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<2x3x4x5xf32>, tensor<11xf32>, tensor<1x9xf32>, tensor<4x13xf32>, tensor<4x13xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<3x4xf32>, tensor<3x7x5xf16>, tensor<3x7x5xbf16>, tensor<3x7x5xf64>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<2x3x4x5xf32>, tensor<11xf32>, tensor<1x9xf32>, tensor<4x13xf32>, tensor<4x13xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<3x4xf32>, tensor<3x7x5xf16>, tensor<3x7x5xbf16>, tensor<3x7x5xf64>
  }
}
