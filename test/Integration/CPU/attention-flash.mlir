// kiln.attention in f32 without a mask, which kiln-compile lowers to the
// flash-style kernel of kiln-cpu-flash-attention (blocks of 64 queries and
// 128 keys), compared with the float64 numpy reference of attention.py:
// sequence lengths that are not multiples of the blocks (up to 3 key blocks,
// a partial last one; causal blocks above the diagonal skipped), head sizes
// that are not multiples of 8, bhsd and bshd, MHA, GQA and MQA, causal with
// Sq < Skv and Sq > Skv (the first 100 queries see no key: zero rows),
// explicit scale, and fused RoPE: half and
// interleaved pairing, partial rotary_dim (12: pairs not a whole vector; 20),
// theta, position offsets, rope_tables in f32 (more rows than positions) and
// f16, a decoding step (Sq = 1 at position 99, 260 keys). The second run compiles the
// same model with the reference lowering (--cpu-flash-attention=false).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/attention-flash.py | FileCheck %s
// The kernel sized for 16 lanes (AVX-512 tiles, split by LLVM into the
// registers this machine has) and for 4 lanes (SSE):
// RUN: kiln-compile %s --vector-bits=512 -o %t.512.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.512.so %S/Inputs/attention-flash.py | FileCheck %s
// RUN: kiln-compile %s --vector-bits=128 -o %t.128.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.128.so %S/Inputs/attention-flash.py | FileCheck %s
// RUN: kiln-compile %s --cpu-flash-attention=false -o %t.ref.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.ref.so %S/Inputs/attention-flash.py | FileCheck %s
// The kernel's scratch buffers (stack buffers of f32, 5 per kernel and 2
// more with RoPE) are in the tasks of the default compilation only:
// RUN: kiln-compile %s --emit=mlir -o - | FileCheck %s --check-prefix=IR
// RUN: kiln-compile %s --cpu-flash-attention=false --emit=mlir -o - | FileCheck %s --check-prefix=REF
// CHECK-NOT: FAIL
// CHECK: PASS
// IR-COUNT-57: llvm.alloca {{.*}} x f32 {alignment = 64 : i64}
// REF-NOT: llvm.alloca {{.*}} x f32 {alignment = 64 : i64}

module @attention_flash {
  func.func @main(%mha_s200_q: tensor<1x2x200x64xf32> {kiln.name = "mha_s200_q"}, %mha_s200_k: tensor<1x2x200x64xf32> {kiln.name = "mha_s200_k"}, %mha_s200_v: tensor<1x2x200x64xf32> {kiln.name = "mha_s200_v"}, %gqa_bshd_causal_sq_lt_skv_q: tensor<2x70x4x40xf32> {kiln.name = "gqa_bshd_causal_sq_lt_skv_q"}, %gqa_bshd_causal_sq_lt_skv_k: tensor<2x150x2x40xf32> {kiln.name = "gqa_bshd_causal_sq_lt_skv_k"}, %gqa_bshd_causal_sq_lt_skv_v: tensor<2x150x2x24xf32> {kiln.name = "gqa_bshd_causal_sq_lt_skv_v"}, %mqa_causal_sq_gt_skv_q: tensor<1x3x300x12xf32> {kiln.name = "mqa_causal_sq_gt_skv_q"}, %mqa_causal_sq_gt_skv_k: tensor<1x1x200x12xf32> {kiln.name = "mqa_causal_sq_gt_skv_k"}, %mqa_causal_sq_gt_skv_v: tensor<1x1x200x8xf32> {kiln.name = "mqa_causal_sq_gt_skv_v"}, %rope_half_causal_q: tensor<1x2x300x64xf32> {kiln.name = "rope_half_causal_q"}, %rope_half_causal_k: tensor<1x2x300x64xf32> {kiln.name = "rope_half_causal_k"}, %rope_half_causal_v: tensor<1x2x300x64xf32> {kiln.name = "rope_half_causal_v"}, %rope_interleaved_partial_offset_bshd_q: tensor<1x65x4x36xf32> {kiln.name = "rope_interleaved_partial_offset_bshd_q"}, %rope_interleaved_partial_offset_bshd_k: tensor<1x90x2x36xf32> {kiln.name = "rope_interleaved_partial_offset_bshd_k"}, %rope_interleaved_partial_offset_bshd_v: tensor<1x90x2x20xf32> {kiln.name = "rope_interleaved_partial_offset_bshd_v"}, %rope_half_partial_causal_q: tensor<2x2x33x24xf32> {kiln.name = "rope_half_partial_causal_q"}, %rope_half_partial_causal_k: tensor<2x1x33x24xf32> {kiln.name = "rope_half_partial_causal_k"}, %rope_half_partial_causal_v: tensor<2x1x33x24xf32> {kiln.name = "rope_half_partial_causal_v"}, %rope_tables_interleaved_q: tensor<1x2x50x20xf32> {kiln.name = "rope_tables_interleaved_q"}, %rope_tables_interleaved_k: tensor<1x2x129x20xf32> {kiln.name = "rope_tables_interleaved_k"}, %rope_tables_interleaved_v: tensor<1x2x129x16xf32> {kiln.name = "rope_tables_interleaved_v"}, %rope_tables_interleaved_cos: tensor<140x8xf32> {kiln.name = "rope_tables_interleaved_cos"}, %rope_tables_interleaved_sin: tensor<140x8xf32> {kiln.name = "rope_tables_interleaved_sin"}, %rope_tables_f16_half_bshd_q: tensor<1x64x2x32xf32> {kiln.name = "rope_tables_f16_half_bshd_q"}, %rope_tables_f16_half_bshd_k: tensor<1x64x2x32xf32> {kiln.name = "rope_tables_f16_half_bshd_k"}, %rope_tables_f16_half_bshd_v: tensor<1x64x2x32xf32> {kiln.name = "rope_tables_f16_half_bshd_v"}, %rope_tables_f16_half_bshd_cos: tensor<64x16xf16> {kiln.name = "rope_tables_f16_half_bshd_cos"}, %rope_tables_f16_half_bshd_sin: tensor<64x16xf16> {kiln.name = "rope_tables_f16_half_bshd_sin"}, %rope_decode_gqa_q: tensor<1x8x1x64xf32> {kiln.name = "rope_decode_gqa_q"}, %rope_decode_gqa_k: tensor<1x2x260x64xf32> {kiln.name = "rope_decode_gqa_k"}, %rope_decode_gqa_v: tensor<1x2x260x64xf32> {kiln.name = "rope_decode_gqa_v"})
      -> (tensor<1x2x200x64xf32> {kiln.name = "mha_s200"}, tensor<2x70x4x24xf32> {kiln.name = "gqa_bshd_causal_sq_lt_skv"}, tensor<1x3x300x8xf32> {kiln.name = "mqa_causal_sq_gt_skv"}, tensor<1x2x300x64xf32> {kiln.name = "rope_half_causal"}, tensor<1x65x4x20xf32> {kiln.name = "rope_interleaved_partial_offset_bshd"}, tensor<2x2x33x24xf32> {kiln.name = "rope_half_partial_causal"}, tensor<1x2x50x16xf32> {kiln.name = "rope_tables_interleaved"}, tensor<1x64x2x32xf32> {kiln.name = "rope_tables_f16_half_bshd"}, tensor<1x8x1x64xf32> {kiln.name = "rope_decode_gqa"}) {
    %mha_s200 = kiln.attention %mha_s200_q, %mha_s200_k, %mha_s200_v : (tensor<1x2x200x64xf32>, tensor<1x2x200x64xf32>, tensor<1x2x200x64xf32>) -> tensor<1x2x200x64xf32>
    %gqa_bshd_causal_sq_lt_skv = kiln.attention %gqa_bshd_causal_sq_lt_skv_q, %gqa_bshd_causal_sq_lt_skv_k, %gqa_bshd_causal_sq_lt_skv_v {causal, scale = 2.000000e-01 : f64, layout = #kiln.sequence_layout<bshd>} : (tensor<2x70x4x40xf32>, tensor<2x150x2x40xf32>, tensor<2x150x2x24xf32>) -> tensor<2x70x4x24xf32>
    %mqa_causal_sq_gt_skv = kiln.attention %mqa_causal_sq_gt_skv_q, %mqa_causal_sq_gt_skv_k, %mqa_causal_sq_gt_skv_v {causal} : (tensor<1x3x300x12xf32>, tensor<1x1x200x12xf32>, tensor<1x1x200x8xf32>) -> tensor<1x3x300x8xf32>
    %rope_half_causal = kiln.attention %rope_half_causal_q, %rope_half_causal_k, %rope_half_causal_v {causal, rope = #kiln.rope<>} : (tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32>
    %rope_interleaved_partial_offset_bshd = kiln.attention %rope_interleaved_partial_offset_bshd_q, %rope_interleaved_partial_offset_bshd_k, %rope_interleaved_partial_offset_bshd_v {rope = #kiln.rope<pairing = interleaved, rotary_dim = 20, theta = 5.000000e+02, position_offset = 5>, layout = #kiln.sequence_layout<bshd>} : (tensor<1x65x4x36xf32>, tensor<1x90x2x36xf32>, tensor<1x90x2x20xf32>) -> tensor<1x65x4x20xf32>
    %rope_half_partial_causal = kiln.attention %rope_half_partial_causal_q, %rope_half_partial_causal_k, %rope_half_partial_causal_v {causal, rope = #kiln.rope<rotary_dim = 12, position_offset = 3>} : (tensor<2x2x33x24xf32>, tensor<2x1x33x24xf32>, tensor<2x1x33x24xf32>) -> tensor<2x2x33x24xf32>
    %rope_tables_interleaved = kiln.attention %rope_tables_interleaved_q, %rope_tables_interleaved_k, %rope_tables_interleaved_v rope_tables(%rope_tables_interleaved_cos, %rope_tables_interleaved_sin) {causal, rope = #kiln.rope<pairing = interleaved, rotary_dim = 16>} : (tensor<1x2x50x20xf32>, tensor<1x2x129x20xf32>, tensor<1x2x129x16xf32>, tensor<140x8xf32>, tensor<140x8xf32>) -> tensor<1x2x50x16xf32>
    %rope_tables_f16_half_bshd = kiln.attention %rope_tables_f16_half_bshd_q, %rope_tables_f16_half_bshd_k, %rope_tables_f16_half_bshd_v rope_tables(%rope_tables_f16_half_bshd_cos, %rope_tables_f16_half_bshd_sin) {rope = #kiln.rope<>, layout = #kiln.sequence_layout<bshd>} : (tensor<1x64x2x32xf32>, tensor<1x64x2x32xf32>, tensor<1x64x2x32xf32>, tensor<64x16xf16>, tensor<64x16xf16>) -> tensor<1x64x2x32xf32>
    %rope_decode_gqa = kiln.attention %rope_decode_gqa_q, %rope_decode_gqa_k, %rope_decode_gqa_v {causal, rope = #kiln.rope<position_offset = 99>} : (tensor<1x8x1x64xf32>, tensor<1x2x260x64xf32>, tensor<1x2x260x64xf32>) -> tensor<1x8x1x64xf32>
    return %mha_s200, %gqa_bshd_causal_sq_lt_skv, %mqa_causal_sq_gt_skv, %rope_half_causal, %rope_interleaved_partial_offset_bshd, %rope_half_partial_causal, %rope_tables_interleaved, %rope_tables_f16_half_bshd, %rope_decode_gqa
        : tensor<1x2x200x64xf32>, tensor<2x70x4x24xf32>, tensor<1x3x300x8xf32>, tensor<1x2x300x64xf32>, tensor<1x65x4x20xf32>, tensor<2x2x33x24xf32>, tensor<1x2x50x16xf32>, tensor<1x64x2x32xf32>, tensor<1x8x1x64xf32>
  }
}
