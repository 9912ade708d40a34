// kiln.rope and kiln.attention in f16 (f32 and f16 side operands), compiled for
// the CPU and compared with a float64 numpy reference; a tolerance that fits
// f16 results, hence a module of its own (the f32 cases: attention.mlir).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/attention-f16.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @attention_ops_f16 {
  func.func @main(%rope_x1: tensor<2x2x9x16xf16> {kiln.name = "rope_x1"}, %rope_x2: tensor<1x2x6x8xf16> {kiln.name = "rope_x2"}, %rope_cos2: tensor<6x4xf32> {kiln.name = "rope_cos2"}, %rope_sin2: tensor<6x4xf32> {kiln.name = "rope_sin2"}, %a1_q: tensor<1x6x4x16xf16> {kiln.name = "a1_q"}, %a1_k: tensor<1x9x2x16xf16> {kiln.name = "a1_k"}, %a1_v: tensor<1x9x2x8xf16> {kiln.name = "a1_v"}, %a1_mask: tensor<1x4x6x9xf16> {kiln.name = "a1_mask"}, %a1s_q: tensor<1x6x4x16xf16> {kiln.name = "a1s_q"}, %a1s_k: tensor<1x9x2x16xf16> {kiln.name = "a1s_k"}, %a1s_v: tensor<1x9x2x8xf16> {kiln.name = "a1s_v"})
      -> (tensor<2x2x9x16xf16> {kiln.name = "rope_f16_interleaved_partial_offset"}, tensor<1x2x6x8xf16> {kiln.name = "rope_f16_f32_tables"}, tensor<1x6x4x8xf16> {kiln.name = "attn_f16_gqa_bshd_causal_mask"}, tensor<1x6x4x8xf16> {kiln.name = "attn_f16_rope_fused"}, tensor<1x6x4x8xf16> {kiln.name = "attn_f16_rope_separate"}) {
    %rope_f16_interleaved_partial_offset = kiln.rope %rope_x1 {pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 12 : i64, position_offset = 5 : i64} : (tensor<2x2x9x16xf16>) -> tensor<2x2x9x16xf16>
    %rope_f16_f32_tables = kiln.rope %rope_x2 tables(%rope_cos2, %rope_sin2) : (tensor<1x2x6x8xf16>, tensor<6x4xf32>, tensor<6x4xf32>) -> tensor<1x2x6x8xf16>
    %attn_f16_gqa_bshd_causal_mask = kiln.attention %a1_q, %a1_k, %a1_v mask(%a1_mask) {causal, layout = #kiln.sequence_layout<bshd>} : (tensor<1x6x4x16xf16>, tensor<1x9x2x16xf16>, tensor<1x9x2x8xf16>, tensor<1x4x6x9xf16>) -> tensor<1x6x4x8xf16>
    // Fused rope against separate kiln.rope ops, on copies of q, k and v with the same values
    // (shared operands lower to the same IR, which CSE merges; see rope.mlir).
    %attn_f16_rope_fused = kiln.attention %a1_q, %a1_k, %a1_v {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<pairing = interleaved, rotary_dim = 10, position_offset = 3>} : (tensor<1x6x4x16xf16>, tensor<1x9x2x16xf16>, tensor<1x9x2x8xf16>) -> tensor<1x6x4x8xf16>
    %a1_qr = kiln.rope %a1s_q {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 10 : i64, position_offset = 3 : i64} : (tensor<1x6x4x16xf16>) -> tensor<1x6x4x16xf16>
    %a1_kr = kiln.rope %a1s_k {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 10 : i64, position_offset = 3 : i64} : (tensor<1x9x2x16xf16>) -> tensor<1x9x2x16xf16>
    %attn_f16_rope_separate = kiln.attention %a1_qr, %a1_kr, %a1s_v {causal, layout = #kiln.sequence_layout<bshd>} : (tensor<1x6x4x16xf16>, tensor<1x9x2x16xf16>, tensor<1x9x2x8xf16>) -> tensor<1x6x4x8xf16>
    return %rope_f16_interleaved_partial_offset, %rope_f16_f32_tables, %attn_f16_gqa_bshd_causal_mask, %attn_f16_rope_fused, %attn_f16_rope_separate
        : tensor<2x2x9x16xf16>, tensor<1x2x6x8xf16>, tensor<1x6x4x8xf16>, tensor<1x6x4x8xf16>, tensor<1x6x4x8xf16>
  }
}
