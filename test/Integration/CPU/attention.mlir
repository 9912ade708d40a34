// kiln.attention in f32, compiled for the CPU and compared with a float64
// numpy reference written from the op definition: MHA, GQA and MQA; causal
// with Sq < Skv and Sq > Skv; additive masks with -inf and fully masked rows
// (zeros by definition); default and explicit scale; bhsd and bshd. Fused
// RoPE: rope.mlir; f16: attention-f16.mlir.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/attention.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @attention_ops {
  func.func @main(%a1_q: tensor<2x3x5x8xf32> {kiln.name = "a1_q"}, %a1_k: tensor<2x3x5x8xf32> {kiln.name = "a1_k"}, %a1_v: tensor<2x3x5x6xf32> {kiln.name = "a1_v"}, %a2_q: tensor<2x3x4x8xf32> {kiln.name = "a2_q"}, %a2_k: tensor<2x7x2x8xf32> {kiln.name = "a2_k"}, %a2_v: tensor<2x7x2x5xf32> {kiln.name = "a2_v"}, %a3_q: tensor<2x4x4x8xf32> {kiln.name = "a3_q"}, %a3_k: tensor<2x2x6x8xf32> {kiln.name = "a3_k"}, %a3_v: tensor<2x2x6x3xf32> {kiln.name = "a3_v"}, %a3_mask: tensor<2x1x4x6xf32> {kiln.name = "a3_mask"}, %a4_q: tensor<1x2x6x4xf32> {kiln.name = "a4_q"}, %a4_k: tensor<1x2x4x4xf32> {kiln.name = "a4_k"}, %a4_v: tensor<1x2x4x4xf32> {kiln.name = "a4_v"}, %a5_q: tensor<1x3x4x8xf32> {kiln.name = "a5_q"}, %a5_k: tensor<1x7x2x8xf32> {kiln.name = "a5_k"}, %a5_v: tensor<1x7x2x8xf32> {kiln.name = "a5_v"}, %a5_mask: tensor<3x7xf16> {kiln.name = "a5_mask"}, %a6_q: tensor<2x5x4x6xf32> {kiln.name = "a6_q"}, %a6_k: tensor<2x5x1x6xf32> {kiln.name = "a6_k"}, %a6_v: tensor<2x5x1x3xf32> {kiln.name = "a6_v"}, %a6_mask: tensor<4x1x5xf32> {kiln.name = "a6_mask"}, %a7_q: tensor<2x4x3x6xf32> {kiln.name = "a7_q"}, %a7_k: tensor<2x5x1x6xf32> {kiln.name = "a7_k"}, %a7_v: tensor<2x5x1x2xf32> {kiln.name = "a7_v"}, %a7_mask: tensor<2x3x4x5xf64> {kiln.name = "a7_mask"}, %a8_q: tensor<1x2x3x4xf32> {kiln.name = "a8_q"}, %a8_k: tensor<1x2x5x4xf32> {kiln.name = "a8_k"}, %a8_v: tensor<1x2x5x3xf32> {kiln.name = "a8_v"}, %a8_mask: tensor<1x1x3x5xf32> {kiln.name = "a8_mask"}, %a9_q: tensor<1x2x1x4xf32> {kiln.name = "a9_q"}, %a9_k: tensor<1x1x6x4xf32> {kiln.name = "a9_k"}, %a9_v: tensor<1x1x6x3xf32> {kiln.name = "a9_v"}, %a10_q: tensor<2x2x3x4xf32> {kiln.name = "a10_q"}, %a10_k: tensor<2x2x1x4xf32> {kiln.name = "a10_k"}, %a10_v: tensor<2x2x1x3xf32> {kiln.name = "a10_v"})
      -> (tensor<2x3x5x6xf32> {kiln.name = "attn_mha_default_scale"}, tensor<2x3x4x5xf32> {kiln.name = "attn_gqa_bshd_causal_sq_lt_skv_scale"}, tensor<2x4x4x3xf32> {kiln.name = "attn_gqa_mask_inf_full_row"}, tensor<1x2x6x4xf32> {kiln.name = "attn_causal_sq_gt_skv"}, tensor<1x3x4x8xf32> {kiln.name = "attn_bshd_f16_mask_2d_causal"}, tensor<2x5x4x3xf32> {kiln.name = "attn_mqa_bshd_head_mask_scale"}, tensor<2x4x3x2xf32> {kiln.name = "attn_gqa_bshd_f64_mask_full_row"}, tensor<1x2x3x3xf32> {kiln.name = "attn_all_masked"}, tensor<1x2x1x3xf32> {kiln.name = "attn_mqa_sq1_causal"}, tensor<2x2x3x3xf32> {kiln.name = "attn_skv1_causal"}) {
    // kiln.attention: MHA, GQA, MQA; causal with Sq < Skv, Sq > Skv (rows with no key are zero),
    // Sq = 1 and Skv = 1; additive masks (f32, f16, f64, broadcast) with -inf and fully masked rows;
    // default and explicit scale; bhsd and bshd.
    %attn_mha_default_scale = kiln.attention %a1_q, %a1_k, %a1_v : (tensor<2x3x5x8xf32>, tensor<2x3x5x8xf32>, tensor<2x3x5x6xf32>) -> tensor<2x3x5x6xf32>
    %attn_gqa_bshd_causal_sq_lt_skv_scale = kiln.attention %a2_q, %a2_k, %a2_v {causal, layout = #kiln.sequence_layout<bshd>, scale = 3.000000e-01 : f64} : (tensor<2x3x4x8xf32>, tensor<2x7x2x8xf32>, tensor<2x7x2x5xf32>) -> tensor<2x3x4x5xf32>
    %attn_gqa_mask_inf_full_row = kiln.attention %a3_q, %a3_k, %a3_v mask(%a3_mask) : (tensor<2x4x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<2x1x4x6xf32>) -> tensor<2x4x4x3xf32>
    %attn_causal_sq_gt_skv = kiln.attention %a4_q, %a4_k, %a4_v {causal} : (tensor<1x2x6x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x6x4xf32>
    %attn_bshd_f16_mask_2d_causal = kiln.attention %a5_q, %a5_k, %a5_v mask(%a5_mask) {causal, layout = #kiln.sequence_layout<bshd>} : (tensor<1x3x4x8xf32>, tensor<1x7x2x8xf32>, tensor<1x7x2x8xf32>, tensor<3x7xf16>) -> tensor<1x3x4x8xf32>
    %attn_mqa_bshd_head_mask_scale = kiln.attention %a6_q, %a6_k, %a6_v mask(%a6_mask) {layout = #kiln.sequence_layout<bshd>, scale = 7.000000e-01 : f64} : (tensor<2x5x4x6xf32>, tensor<2x5x1x6xf32>, tensor<2x5x1x3xf32>, tensor<4x1x5xf32>) -> tensor<2x5x4x3xf32>
    %attn_gqa_bshd_f64_mask_full_row = kiln.attention %a7_q, %a7_k, %a7_v mask(%a7_mask) {layout = #kiln.sequence_layout<bshd>} : (tensor<2x4x3x6xf32>, tensor<2x5x1x6xf32>, tensor<2x5x1x2xf32>, tensor<2x3x4x5xf64>) -> tensor<2x4x3x2xf32>
    %attn_all_masked = kiln.attention %a8_q, %a8_k, %a8_v mask(%a8_mask) : (tensor<1x2x3x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x3xf32>, tensor<1x1x3x5xf32>) -> tensor<1x2x3x3xf32>
    %attn_mqa_sq1_causal = kiln.attention %a9_q, %a9_k, %a9_v {causal} : (tensor<1x2x1x4xf32>, tensor<1x1x6x4xf32>, tensor<1x1x6x3xf32>) -> tensor<1x2x1x3xf32>
    %attn_skv1_causal = kiln.attention %a10_q, %a10_k, %a10_v {causal, scale = 2.500000e+00 : f64} : (tensor<2x2x3x4xf32>, tensor<2x2x1x4xf32>, tensor<2x2x1x3xf32>) -> tensor<2x2x3x3xf32>
    return %attn_mha_default_scale, %attn_gqa_bshd_causal_sq_lt_skv_scale, %attn_gqa_mask_inf_full_row, %attn_causal_sq_gt_skv, %attn_bshd_f16_mask_2d_causal, %attn_mqa_bshd_head_mask_scale, %attn_gqa_bshd_f64_mask_full_row, %attn_all_masked, %attn_mqa_sq1_causal, %attn_skv1_causal
        : tensor<2x3x5x6xf32>, tensor<2x3x4x5xf32>, tensor<2x4x4x3xf32>, tensor<1x2x6x4xf32>, tensor<1x3x4x8xf32>, tensor<2x5x4x3xf32>, tensor<2x4x3x2xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x3xf32>, tensor<2x2x3x3xf32>
  }
}
