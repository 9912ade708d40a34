// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.rope, kiln.attention and the #kiln.rope attribute.

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @rope_default
func.func @rope_default(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.rope %{{.*}} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.rope %x : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Explicit defaults are elided when printed.
// CHECK-LABEL: func @rope_explicit_defaults
func.func @rope_explicit_defaults(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.rope %{{.*}} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bhsd>, pairing = #kiln.rope_pairing<half>, theta = 10000.0, position_offset = 0}
      : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// CHECK-LABEL: func @rope_interleaved_partial
func.func @rope_interleaved_partial(%x: tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16> {
  // CHECK: kiln.rope %{{.*}} {pairing = #kiln.rope_pairing<interleaved>, position_offset = 5 : i64, rotary_dim = 32 : i64, theta = 5.000000e+05 : f64} : (tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16>
  %0 = kiln.rope %x {pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 32, theta = 5.0e5, position_offset = 5}
      : (tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16>
  return %0 : tensor<2x8x32x64xbf16>
}

// The smallest rotary dimension.
// CHECK-LABEL: func @rope_rotary_dim_2
func.func @rope_rotary_dim_2(%x: tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16> {
  // CHECK: kiln.rope %{{.*}} {rotary_dim = 2 : i64} : (tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16>
  %0 = kiln.rope %x {rotary_dim = 2} : (tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16>
  return %0 : tensor<1x1x3x5xf16>
}

// [B, S, H, D]: S = 8.
// CHECK-LABEL: func @rope_bshd
func.func @rope_bshd(%x: tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32> {
  // CHECK: kiln.rope %{{.*}} {layout = #kiln.sequence_layout<bshd>} : (tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bshd>} : (tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

// Tables [S, r/2] with another float element type than the input.
// CHECK-LABEL: func @rope_tables
func.func @rope_tables(%x: tensor<1x4x8x16xbf16>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xbf16> {
  // CHECK: kiln.rope %{{.*}} tables(%{{.*}}, %{{.*}}) : (tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  return %0 : tensor<1x4x8x16xbf16>
}

// Tables with partial rotary and bshd: [S, r/2] = [8, 4].
// CHECK-LABEL: func @rope_tables_bshd_partial
func.func @rope_tables_bshd_partial(%x: tensor<1x8x4x16xf32>, %cos: tensor<8x4xf32>, %sin: tensor<8x4xf32>) -> tensor<1x8x4x16xf32> {
  // CHECK: kiln.rope %{{.*}} tables(%{{.*}}, %{{.*}}) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8 : i64} : (tensor<1x8x4x16xf32>, tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<1x8x4x16xf32>
  %0 = kiln.rope %x tables(%cos, %sin) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8}
      : (tensor<1x8x4x16xf32>, tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

//===----------------------------------------------------------------------===//
// #kiln.rope
//===----------------------------------------------------------------------===//

// Parameters equal to their default are omitted when printed; the rest print
// in declaration order whatever order they were written in.
// CHECK-LABEL: func @rope_attr
// CHECK-SAME: a = #kiln.rope<>
// CHECK-SAME: b = #kiln.rope<>
// CHECK-SAME: c = #kiln.rope<pairing = interleaved, rotary_dim = 64, theta = 5.000000e+05, position_offset = 3>
// CHECK-SAME: d = #kiln.rope<rotary_dim = 2>
// CHECK-SAME: e = #kiln.rope<theta = 1.000050e+04>
// CHECK-SAME: f = #kiln.rope<position_offset = 1024>
func.func @rope_attr() attributes {
    a = #kiln.rope<>,
    b = #kiln.rope<pairing = half, theta = 10000.0, position_offset = 0>,
    c = #kiln.rope<position_offset = 3, theta = 5.0e5, rotary_dim = 64, pairing = interleaved>,
    d = #kiln.rope<rotary_dim = 2>,
    e = #kiln.rope<theta = 10000.5>,
    f = #kiln.rope<position_offset = 1024>} {
  return
}

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @attention_plain
func.func @attention_plain(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x64xf32>, %v: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// The explicit default layout is elided.
// CHECK-LABEL: func @attention_explicit_layout
func.func @attention_explicit_layout(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  %0 = kiln.attention %q, %q, %q {layout = #kiln.sequence_layout<bhsd>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// Grouped-query heads (Hq = 8, Hkv = 2), Sq != Skv, Dv != D, causal, scale.
// CHECK-LABEL: func @attention_gqa_causal
func.func @attention_gqa_causal(%q: tensor<1x8x4x64xf16>, %k: tensor<1x2x16x64xf16>, %v: tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 1.250000e-01 : f64} : (tensor<1x8x4x64xf16>, tensor<1x2x16x64xf16>, tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16>
  %0 = kiln.attention %q, %k, %v {causal, scale = 0.125}
      : (tensor<1x8x4x64xf16>, tensor<1x2x16x64xf16>, tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16>
  return %0 : tensor<1x8x4x32xf16>
}

// Multi-query (Hkv = 1) with a full mask [B, Hq, Sq, Skv].
// CHECK-LABEL: func @attention_mqa_mask
func.func @attention_mqa_mask(%q: tensor<2x4x8x16xf32>, %k: tensor<2x1x8x16xf32>, %v: tensor<2x1x8x16xf32>, %m: tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) : (tensor<2x4x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32>
  %0 = kiln.attention %q, %k, %v mask(%m)
      : (tensor<2x4x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32>
  return %0 : tensor<2x4x8x16xf32>
}

// A broadcasting mask of lower rank and another float element type.
// CHECK-LABEL: func @attention_mask_broadcast
func.func @attention_mask_broadcast(%q: tensor<2x4x8x16xbf16>, %m: tensor<1x8xf32>) -> tensor<2x4x8x16xbf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) {causal} : (tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<1x8xf32>) -> tensor<2x4x8x16xbf16>
  %0 = kiln.attention %q, %q, %q mask(%m) {causal}
      : (tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<1x8xf32>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// [B, S, H, D] operands and result, with GQA and Sq != Skv.
// CHECK-LABEL: func @attention_bshd
func.func @attention_bshd(%q: tensor<1x4x8x64xf32>, %k: tensor<1x16x2x64xf32>, %v: tensor<1x16x2x32xf32>, %m: tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x32xf32>, tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32>
  %0 = kiln.attention %q, %k, %v mask(%m) {layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x4x8x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x32xf32>, tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32>
  return %0 : tensor<1x4x8x32xf32>
}

// Fused RoPE from theta, with every parameter at its default.
// CHECK-LABEL: func @attention_rope_default
func.func @attention_rope_default(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, rope = #kiln.rope<>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q {causal, rope = #kiln.rope<>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Fused RoPE from theta with every parameter set.
// CHECK-LABEL: func @attention_rope_params
func.func @attention_rope_params(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {rope = #kiln.rope<pairing = interleaved, rotary_dim = 8, theta = 5.000000e+05, position_offset = 12>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<pairing = interleaved, rotary_dim = 8, theta = 5.0e5, position_offset = 12>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Fused RoPE from tables [T, r/2] with T = max(Sq, Skv) = 16, plus every
// other optional operand and attribute.
// CHECK-LABEL: func @attention_everything
func.func @attention_everything(%q: tensor<1x8x4x64xbf16>, %k: tensor<1x16x2x64xbf16>, %v: tensor<1x16x2x64xbf16>,
                                %m: tensor<1x1x8x16xbf16>, %cos: tensor<16x16xf32>, %sin: tensor<16x16xf32>) -> tensor<1x8x4x64xbf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) rope_tables(%{{.*}}, %{{.*}}) {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 32>, scale = 1.250000e-01 : f64} : (tensor<1x8x4x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x1x8x16xbf16>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x8x4x64xbf16>
  %0 = kiln.attention %q, %k, %v mask(%m) rope_tables(%cos, %sin)
      {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 32>, scale = 0.125}
      : (tensor<1x8x4x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x1x8x16xbf16>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x8x4x64xbf16>
  return %0 : tensor<1x8x4x64xbf16>
}

// Tables longer than max(Sq, Skv) are fine (the first rows are used).
// CHECK-LABEL: func @attention_rope_long_tables
func.func @attention_rope_long_tables(%q: tensor<1x4x8x16xf32>, %cos: tensor<32x8xf32>, %sin: tensor<32x8xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} rope_tables(%{{.*}}, %{{.*}}) {rope = #kiln.rope<pairing = interleaved>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<32x8xf32>, tensor<32x8xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<pairing = interleaved>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<32x8xf32>, tensor<32x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}
