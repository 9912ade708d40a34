// kiln.rope in f32, compiled for the CPU and compared with a float64 numpy
// reference written from the op definition: half and interleaved pairing,
// partial rotary, theta, position offsets, cos/sin tables, bhsd and bshd; and
// kiln.attention with a fused rope = #kiln.rope<...> against the same
// kiln.rope ops applied before it. Plain attention: attention.mlir; f16:
// attention-f16.mlir; large positions: rope-large-offset.mlir.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/rope.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @rope_ops {
  func.func @main(%rope_x1: tensor<2x3x5x8xf32> {kiln.name = "rope_x1"}, %rope_x2: tensor<2x3x5x10xf32> {kiln.name = "rope_x2"}, %rope_x3: tensor<1x7x2x7xf32> {kiln.name = "rope_x3"}, %rope_x4: tensor<2x6x3x9xf32> {kiln.name = "rope_x4"}, %rope_x5: tensor<2x5x3x10xf32> {kiln.name = "rope_x5"}, %rope_cos5: tensor<5x4xf32> {kiln.name = "rope_cos5"}, %rope_sin5: tensor<5x4xf32> {kiln.name = "rope_sin5"}, %rope_x6: tensor<1x2x6x12xf32> {kiln.name = "rope_x6"}, %rope_cos6: tensor<6x4xf64> {kiln.name = "rope_cos6"}, %rope_sin6: tensor<6x4xf64> {kiln.name = "rope_sin6"}, %rope_x7: tensor<1x2x3x2xf32> {kiln.name = "rope_x7"}, %rope_x8: tensor<1x4x2x5xf32> {kiln.name = "rope_x8"}, %f1_q: tensor<1x4x5x8xf32> {kiln.name = "f1_q"}, %f1_k: tensor<1x2x7x8xf32> {kiln.name = "f1_k"}, %f1_v: tensor<1x2x7x8xf32> {kiln.name = "f1_v"}, %f1s_q: tensor<1x4x5x8xf32> {kiln.name = "f1s_q"}, %f1s_k: tensor<1x2x7x8xf32> {kiln.name = "f1s_k"}, %f1s_v: tensor<1x2x7x8xf32> {kiln.name = "f1s_v"}, %f2_q: tensor<2x5x4x10xf32> {kiln.name = "f2_q"}, %f2_k: tensor<2x6x2x10xf32> {kiln.name = "f2_k"}, %f2_v: tensor<2x6x2x4xf32> {kiln.name = "f2_v"}, %f2_cos: tensor<8x4xf32> {kiln.name = "f2_cos"}, %f2_sin: tensor<8x4xf32> {kiln.name = "f2_sin"}, %f2s_q: tensor<2x5x4x10xf32> {kiln.name = "f2s_q"}, %f2s_k: tensor<2x6x2x10xf32> {kiln.name = "f2s_k"}, %f2s_v: tensor<2x6x2x4xf32> {kiln.name = "f2s_v"})
      -> (tensor<2x3x5x8xf32> {kiln.name = "rope_half"}, tensor<2x3x5x10xf32> {kiln.name = "rope_interleaved_partial_offset"}, tensor<1x7x2x7xf32> {kiln.name = "rope_half_partial_bshd_odd_d"}, tensor<2x6x3x9xf32> {kiln.name = "rope_interleaved_partial_bshd"}, tensor<2x5x3x10xf32> {kiln.name = "rope_tables_interleaved_bshd"}, tensor<1x2x6x12xf32> {kiln.name = "rope_tables_f64_half_partial"}, tensor<1x2x3x2xf32> {kiln.name = "rope_interleaved_d2"}, tensor<1x4x2x5xf32> {kiln.name = "rope_half_r2_bshd"}, tensor<1x4x5x8xf32> {kiln.name = "attn_rope_fused"}, tensor<1x4x5x8xf32> {kiln.name = "attn_rope_separate"}, tensor<2x5x4x4xf32> {kiln.name = "attn_rope_tables_fused"}, tensor<2x5x4x4xf32> {kiln.name = "attn_rope_tables_separate"}) {
    // kiln.rope: half and interleaved pairing, partial rotary (odd D too), theta,
    // position offsets, cos/sin tables (f32 and f64), bhsd and bshd.
    %rope_half = kiln.rope %rope_x1 : (tensor<2x3x5x8xf32>) -> tensor<2x3x5x8xf32>
    %rope_interleaved_partial_offset = kiln.rope %rope_x2 {pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 6 : i64, theta = 5.000000e+02 : f64, position_offset = 3 : i64} : (tensor<2x3x5x10xf32>) -> tensor<2x3x5x10xf32>
    %rope_half_partial_bshd_odd_d = kiln.rope %rope_x3 {layout = #kiln.sequence_layout<bshd>, rotary_dim = 4 : i64, position_offset = 11 : i64} : (tensor<1x7x2x7xf32>) -> tensor<1x7x2x7xf32>
    %rope_interleaved_partial_bshd = kiln.rope %rope_x4 {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 6 : i64, theta = 1.000000e+06 : f64, position_offset = 1 : i64} : (tensor<2x6x3x9xf32>) -> tensor<2x6x3x9xf32>
    %rope_tables_interleaved_bshd = kiln.rope %rope_x5 tables(%rope_cos5, %rope_sin5) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8 : i64} : (tensor<2x5x3x10xf32>, tensor<5x4xf32>, tensor<5x4xf32>) -> tensor<2x5x3x10xf32>
    %rope_tables_f64_half_partial = kiln.rope %rope_x6 tables(%rope_cos6, %rope_sin6) {rotary_dim = 8 : i64} : (tensor<1x2x6x12xf32>, tensor<6x4xf64>, tensor<6x4xf64>) -> tensor<1x2x6x12xf32>
    %rope_interleaved_d2 = kiln.rope %rope_x7 {pairing = #kiln.rope_pairing<interleaved>} : (tensor<1x2x3x2xf32>) -> tensor<1x2x3x2xf32>
    %rope_half_r2_bshd = kiln.rope %rope_x8 {layout = #kiln.sequence_layout<bshd>, rotary_dim = 2 : i64, position_offset = 9 : i64} : (tensor<1x4x2x5xf32>) -> tensor<1x4x2x5xf32>

    // Fused rope = #kiln.rope<...> against the same kiln.rope ops applied to q and k first (same
    // reference), with computed angles and with rope_tables (the separate ops get the first Sq
    // and Skv rows of the tables). The separate variants read their own copies of q, k and v
    // (make_inputs gives them the same values): on shared operands both lower to the same IR,
    // CSE merges them, and a model returning one value twice does not compile yet. A
    // position_offset shifts q and k alike and cancels in q.k, so the kiln.rope cases above
    // are what check it.
    %attn_rope_fused = kiln.attention %f1_q, %f1_k, %f1_v {causal, rope = #kiln.rope<rotary_dim = 6, theta = 1.000000e+03, position_offset = 2>} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>) -> tensor<1x4x5x8xf32>
    %f1_qr = kiln.rope %f1s_q {rotary_dim = 6 : i64, theta = 1.000000e+03 : f64, position_offset = 2 : i64} : (tensor<1x4x5x8xf32>) -> tensor<1x4x5x8xf32>
    %f1_kr = kiln.rope %f1s_k {rotary_dim = 6 : i64, theta = 1.000000e+03 : f64, position_offset = 2 : i64} : (tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32>
    %attn_rope_separate = kiln.attention %f1_qr, %f1_kr, %f1s_v {causal} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>) -> tensor<1x4x5x8xf32>
    %attn_rope_tables_fused = kiln.attention %f2_q, %f2_k, %f2_v rope_tables(%f2_cos, %f2_sin) {layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<pairing = interleaved, rotary_dim = 8>} : (tensor<2x5x4x10xf32>, tensor<2x6x2x10xf32>, tensor<2x6x2x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<2x5x4x4xf32>
    %f2_cos_q = kiln.slice %f2_cos {starts = array<i64: 0, 0>, ends = array<i64: 5, 4>, steps = array<i64: 1, 1>} : (tensor<8x4xf32>) -> tensor<5x4xf32>
    %f2_sin_q = kiln.slice %f2_sin {starts = array<i64: 0, 0>, ends = array<i64: 5, 4>, steps = array<i64: 1, 1>} : (tensor<8x4xf32>) -> tensor<5x4xf32>
    %f2_cos_k = kiln.slice %f2_cos {starts = array<i64: 0, 0>, ends = array<i64: 6, 4>, steps = array<i64: 1, 1>} : (tensor<8x4xf32>) -> tensor<6x4xf32>
    %f2_sin_k = kiln.slice %f2_sin {starts = array<i64: 0, 0>, ends = array<i64: 6, 4>, steps = array<i64: 1, 1>} : (tensor<8x4xf32>) -> tensor<6x4xf32>
    %f2_qr = kiln.rope %f2s_q tables(%f2_cos_q, %f2_sin_q) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8 : i64} : (tensor<2x5x4x10xf32>, tensor<5x4xf32>, tensor<5x4xf32>) -> tensor<2x5x4x10xf32>
    %f2_kr = kiln.rope %f2s_k tables(%f2_cos_k, %f2_sin_k) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8 : i64} : (tensor<2x6x2x10xf32>, tensor<6x4xf32>, tensor<6x4xf32>) -> tensor<2x6x2x10xf32>
    %attn_rope_tables_separate = kiln.attention %f2_qr, %f2_kr, %f2s_v {layout = #kiln.sequence_layout<bshd>} : (tensor<2x5x4x10xf32>, tensor<2x6x2x10xf32>, tensor<2x6x2x4xf32>) -> tensor<2x5x4x4xf32>
    return %rope_half, %rope_interleaved_partial_offset, %rope_half_partial_bshd_odd_d, %rope_interleaved_partial_bshd, %rope_tables_interleaved_bshd, %rope_tables_f64_half_partial, %rope_interleaved_d2, %rope_half_r2_bshd, %attn_rope_fused, %attn_rope_separate, %attn_rope_tables_fused, %attn_rope_tables_separate
        : tensor<2x3x5x8xf32>, tensor<2x3x5x10xf32>, tensor<1x7x2x7xf32>, tensor<2x6x3x9xf32>, tensor<2x5x3x10xf32>, tensor<1x2x6x12xf32>, tensor<1x2x3x2xf32>, tensor<1x4x2x5xf32>, tensor<1x4x5x8xf32>, tensor<1x4x5x8xf32>, tensor<2x5x4x4xf32>, tensor<2x5x4x4xf32>
  }
}
