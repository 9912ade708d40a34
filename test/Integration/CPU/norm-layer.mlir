// kiln.layer_norm compiled for the CPU and compared with a numpy reference
// written from the op description (Inputs/normalization.py): every axis form
// (negative and default included) with scale and bias, scale only, bias only
// and neither, parameters that broadcast to the normalized shape (rank 0
// included), ranks 1 to 4, odd sizes, epsilon 0 and 1e-3, constant rows
// (variance 0), a large common offset, f16, bf16 and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/norm-layer.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @norm_layer {
  func.func @main(
      %l: tensor<3x7x5xf32> {kiln.name = "l"},
      %lm: tensor<3x7x5xf32> {kiln.name = "lm"},
      %ld: tensor<3x7x5xf32> {kiln.name = "ld"},
      %s5: tensor<5xf32> {kiln.name = "s5"},
      %b5: tensor<5xf32> {kiln.name = "b5"},
      %s75: tensor<7x5xf32> {kiln.name = "s75"},
      %b75: tensor<7x5xf32> {kiln.name = "b75"},
      %s375: tensor<3x7x5xf32> {kiln.name = "s375"},
      %b375: tensor<3x7x5xf32> {kiln.name = "b375"},
      %s71: tensor<7x1xf32> {kiln.name = "s71"},
      %s15: tensor<1x5xf32> {kiln.name = "s15"},
      %b1: tensor<1xf32> {kiln.name = "b1"},
      %s0: tensor<f32> {kiln.name = "s0"},
      %l4: tensor<2x3x4x5xf32> {kiln.name = "l4"},
      %s45: tensor<4x5xf32> {kiln.name = "s45"},
      %b45: tensor<4x5xf32> {kiln.name = "b45"},
      %l11: tensor<11xf32> {kiln.name = "l11"},
      %s11: tensor<11xf32> {kiln.name = "s11"},
      %b11: tensor<11xf32> {kiln.name = "b11"},
      %l633: tensor<6x33xf32> {kiln.name = "l633"},
      %s33: tensor<33xf32> {kiln.name = "s33"},
      %b33: tensor<33xf32> {kiln.name = "b33"},
      %loff: tensor<3x7x5xf32> {kiln.name = "loff"},
      %lconst: tensor<3x8xf32> {kiln.name = "lconst"},
      %b8: tensor<8xf32> {kiln.name = "b8"},
      %lh: tensor<3x7x5xf16> {kiln.name = "lh"},
      %sh75: tensor<7x5xf16> {kiln.name = "sh75"},
      %bh75: tensor<7x5xf16> {kiln.name = "bh75"},
      %sh5: tensor<5xf16> {kiln.name = "sh5"},
      %lb: tensor<3x7x5xbf16> {kiln.name = "lb"},
      %sb5: tensor<5xbf16> {kiln.name = "sb5"},
      %bb5: tensor<5xbf16> {kiln.name = "bb5"},
      %ld64: tensor<3x7x5xf64> {kiln.name = "ld64"},
      %sd75: tensor<7x5xf64> {kiln.name = "sd75"},
      %bd75: tensor<7x5xf64> {kiln.name = "bd75"})
    -> (
      tensor<3x7x5xf32> {kiln.name = "ln_ax2_sb"},
      tensor<3x7x5xf32> {kiln.name = "ln_ax2"},
      tensor<3x7x5xf32> {kiln.name = "ln_ax1_s"},
      tensor<3x7x5xf32> {kiln.name = "ln_ax1_b"},
      tensor<3x7x5xf32> {kiln.name = "ln_ax0_sb"},
      tensor<3x7x5xf32> {kiln.name = "ln_ax0_s"},
      tensor<3x7x5xf32> {kiln.name = "ln_axm1_s"},
      tensor<3x7x5xf32> {kiln.name = "ln_axm2_b"},
      tensor<3x7x5xf32> {kiln.name = "ln_axm3_sb"},
      tensor<3x7x5xf32> {kiln.name = "ln_default_sb"},
      tensor<3x7x5xf32> {kiln.name = "ln_bcast_71_5"},
      tensor<3x7x5xf32> {kiln.name = "ln_bcast_15_1"},
      tensor<3x7x5xf32> {kiln.name = "ln_bcast_1_75"},
      tensor<3x7x5xf32> {kiln.name = "ln_bcast_rank0"},
      tensor<2x3x4x5xf32> {kiln.name = "ln_4d_axm2"},
      tensor<11xf32> {kiln.name = "ln_1d_eps"},
      tensor<6x33xf32> {kiln.name = "ln_eps0"},
      tensor<3x8xf32> {kiln.name = "ln_const"},
      tensor<3x7x5xf32> {kiln.name = "ln_offset300"},
      tensor<3x7x5xf16> {kiln.name = "ln_f16"},
      tensor<3x7x5xf16> {kiln.name = "ln_f16_s"},
      tensor<3x7x5xbf16> {kiln.name = "ln_bf16"},
      tensor<3x7x5xf64> {kiln.name = "ln_f64"}) {
    %ln_ax2_sb = kiln.layer_norm %l scale %s5 bias %b5 {axis = 2 : i64} : (tensor<3x7x5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
    %ln_ax2 = kiln.layer_norm %l {axis = 2 : i64} : (tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
    %ln_ax1_s = kiln.layer_norm %l scale %s75 {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<7x5xf32>) -> tensor<3x7x5xf32>
    %ln_ax1_b = kiln.layer_norm %l bias %b75 {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<7x5xf32>) -> tensor<3x7x5xf32>
    %ln_ax0_sb = kiln.layer_norm %l scale %s375 bias %b375 {axis = 0 : i64} : (tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
    %ln_ax0_s = kiln.layer_norm %l scale %s375 {axis = 0 : i64} : (tensor<3x7x5xf32>, tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
    %ln_axm1_s = kiln.layer_norm %lm scale %s5 {axis = -1 : i64} : (tensor<3x7x5xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
    %ln_axm2_b = kiln.layer_norm %lm bias %b75 {axis = -2 : i64} : (tensor<3x7x5xf32>, tensor<7x5xf32>) -> tensor<3x7x5xf32>
    %ln_axm3_sb = kiln.layer_norm %lm scale %s375 bias %b375 {axis = -3 : i64} : (tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
    %ln_default_sb = kiln.layer_norm %ld scale %s5 bias %b5 : (tensor<3x7x5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
    %ln_bcast_71_5 = kiln.layer_norm %l scale %s71 bias %b5 {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<7x1xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
    %ln_bcast_15_1 = kiln.layer_norm %l scale %s15 bias %b1 {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<1x5xf32>, tensor<1xf32>) -> tensor<3x7x5xf32>
    %ln_bcast_1_75 = kiln.layer_norm %l scale %b1 bias %b75 {axis = 0 : i64} : (tensor<3x7x5xf32>, tensor<1xf32>, tensor<7x5xf32>) -> tensor<3x7x5xf32>
    %ln_bcast_rank0 = kiln.layer_norm %l scale %s0 bias %b1 {axis = -1 : i64} : (tensor<3x7x5xf32>, tensor<f32>, tensor<1xf32>) -> tensor<3x7x5xf32>
    %ln_4d_axm2 = kiln.layer_norm %l4 scale %s45 bias %b45 {axis = -2 : i64} : (tensor<2x3x4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<2x3x4x5xf32>
    %ln_1d_eps = kiln.layer_norm %l11 scale %s11 bias %b11 {epsilon = 0.001 : f64} : (tensor<11xf32>, tensor<11xf32>, tensor<11xf32>) -> tensor<11xf32>
    %ln_eps0 = kiln.layer_norm %l633 scale %s33 bias %b33 {epsilon = 0.0 : f64} : (tensor<6x33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<6x33xf32>
    %ln_const = kiln.layer_norm %lconst bias %b8 : (tensor<3x8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
    %ln_offset300 = kiln.layer_norm %loff {axis = 1 : i64} : (tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
    %ln_f16 = kiln.layer_norm %lh scale %sh75 bias %bh75 {axis = 1 : i64} : (tensor<3x7x5xf16>, tensor<7x5xf16>, tensor<7x5xf16>) -> tensor<3x7x5xf16>
    %ln_f16_s = kiln.layer_norm %lh scale %sh5 {axis = -1 : i64} : (tensor<3x7x5xf16>, tensor<5xf16>) -> tensor<3x7x5xf16>
    %ln_bf16 = kiln.layer_norm %lb scale %sb5 bias %bb5 {axis = -1 : i64} : (tensor<3x7x5xbf16>, tensor<5xbf16>, tensor<5xbf16>) -> tensor<3x7x5xbf16>
    %ln_f64 = kiln.layer_norm %ld64 scale %sd75 bias %bd75 {axis = -2 : i64} : (tensor<3x7x5xf64>, tensor<7x5xf64>, tensor<7x5xf64>) -> tensor<3x7x5xf64>
    return %ln_ax2_sb, %ln_ax2, %ln_ax1_s, %ln_ax1_b, %ln_ax0_sb, %ln_ax0_s, %ln_axm1_s, %ln_axm2_b, %ln_axm3_sb, %ln_default_sb, %ln_bcast_71_5, %ln_bcast_15_1, %ln_bcast_1_75, %ln_bcast_rank0, %ln_4d_axm2, %ln_1d_eps, %ln_eps0, %ln_const, %ln_offset300, %ln_f16, %ln_f16_s, %ln_bf16, %ln_f64
        : tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf32>, tensor<2x3x4x5xf32>, tensor<11xf32>, tensor<6x33xf32>, tensor<3x8xf32>, tensor<3x7x5xf32>, tensor<3x7x5xf16>, tensor<3x7x5xf16>, tensor<3x7x5xbf16>, tensor<3x7x5xf64>
  }
}
