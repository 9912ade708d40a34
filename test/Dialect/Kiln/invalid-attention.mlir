// RUN: kiln-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

func.func @rope_wrong_result_type(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf16> {
  // expected-error@+2 {{'kiln.rope' op inferred type(s) 'tensor<1x4x8x16xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x16xf16>'}}
  // expected-error@+1 {{'kiln.rope' op failed to infer returned types}}
  %0 = kiln.rope %x : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf16>
  return %0 : tensor<1x4x8x16xf16>
}

// -----

func.func @rope_rank(%x: tensor<4x8x16xf32>) -> tensor<4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'input' must have rank 4, got 3}}
  %0 = kiln.rope %x : (tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  return %0 : tensor<4x8x16xf32>
}

// -----

func.func @rope_integer_input(%x: tensor<1x4x8x16xi32>) -> tensor<1x4x8x16xi32> {
  // expected-error@+1 {{'kiln.rope' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.rope %x : (tensor<1x4x8x16xi32>) -> tensor<1x4x8x16xi32>
  return %0 : tensor<1x4x8x16xi32>
}

// -----

func.func @rope_dynamic_input(%x: tensor<1x4x?x16xf32>) -> tensor<1x4x?x16xf32> {
  // expected-error@+1 {{'kiln.rope' op operand #0 must be statically shaped tensor of}}
  %0 = kiln.rope %x : (tensor<1x4x?x16xf32>) -> tensor<1x4x?x16xf32>
  return %0 : tensor<1x4x?x16xf32>
}

// -----

func.func @rope_rotary_dim_zero(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (0) must be at least 2}}
  %0 = kiln.rope %x {rotary_dim = 0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_negative(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (-4) must be at least 2}}
  %0 = kiln.rope %x {rotary_dim = -4} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_odd(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (7) must be even}}
  %0 = kiln.rope %x {rotary_dim = 7} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_rotary_dim_too_large(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (32) must not exceed the head dimension (16)}}
  %0 = kiln.rope %x {rotary_dim = 32} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// In bshd the head dimension is still the last one, D = 16 (not 4).
func.func @rope_bshd_rotary_dim_too_large(%x: tensor<1x8x16x4xf32>) -> tensor<1x8x16x4xf32> {
  // expected-error@+1 {{'kiln.rope' op 'rotary_dim' (8) must not exceed the head dimension (4)}}
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bshd>, rotary_dim = 8} : (tensor<1x8x16x4xf32>) -> tensor<1x8x16x4xf32>
  return %0 : tensor<1x8x16x4xf32>
}

// -----

func.func @rope_odd_head_dim(%x: tensor<1x4x8x15xf32>) -> tensor<1x4x8x15xf32> {
  // expected-error@+1 {{'kiln.rope' op the head dimension (15) must be even and at least 2 when 'rotary_dim' is absent (it defaults to the head dimension)}}
  %0 = kiln.rope %x : (tensor<1x4x8x15xf32>) -> tensor<1x4x8x15xf32>
  return %0 : tensor<1x4x8x15xf32>
}

// -----

func.func @rope_zero_head_dim(%x: tensor<1x4x8x0xf32>) -> tensor<1x4x8x0xf32> {
  // expected-error@+1 {{'kiln.rope' op the head dimension (0) must be even and at least 2 when 'rotary_dim' is absent}}
  %0 = kiln.rope %x : (tensor<1x4x8x0xf32>) -> tensor<1x4x8x0xf32>
  return %0 : tensor<1x4x8x0xf32>
}

// -----

func.func @rope_theta_zero(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (0.000000e+00) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0.0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_negative(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (-1.000000e+04) must be finite and positive}}
  %0 = kiln.rope %x {theta = -10000.0} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_inf(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (INF) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0x7FF0000000000000 : f64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_nan(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'theta' (nan) must be finite and positive}}
  %0 = kiln.rope %x {theta = 0x7FF8000000000000 : f64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_theta_f32(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op attribute 'theta' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.rope %x {theta = 10000.0 : f32} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_negative_offset(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'position_offset' (-1) must be non-negative}}
  %0 = kiln.rope %x {position_offset = -1} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_cos_only(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' and 'sin' must be given together}}
  %0 = "kiln.rope"(%x, %cos) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<1x4x8x16xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_sin_only(%x: tensor<1x4x8x16xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' and 'sin' must be given together}}
  %0 = "kiln.rope"(%x, %sin) <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (tensor<1x4x8x16xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_tables_with_offset(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'position_offset' (4) must be 0 when cos/sin tables are given}}
  %0 = kiln.rope %x tables(%cos, %sin) {position_offset = 4} : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_rank(%x: tensor<1x4x8x16xf32>, %cos: tensor<1x8x8xf32>, %sin: tensor<1x8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have rank 2, got 3}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<1x8x8xf32>, tensor<1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// [S, r] tables with duplicated halves are not accepted: one angle per pair.
func.func @rope_table_columns(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x16xf32>, %sin: tensor<8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have rotary_dim / 2 = 8 columns, got 16}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_columns_partial(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x4xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'sin' must have rotary_dim / 2 = 4 columns, got 8}}
  %0 = kiln.rope %x tables(%cos, %sin) {rotary_dim = 8} : (tensor<1x4x8x16xf32>, tensor<8x4xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_table_rows(%x: tensor<1x4x8x16xf32>, %cos: tensor<16x8xf32>, %sin: tensor<16x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have S = 8 rows, got 16}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// In bshd, S is dimension 1.
func.func @rope_table_rows_bshd(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op 'cos' must have S = 4 rows, got 8}}
  %0 = kiln.rope %x tables(%cos, %sin) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_integer_tables(%x: tensor<1x4x8x16xf32>, %cos: tensor<8x8xi32>, %sin: tensor<8x8xi32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+1 {{'kiln.rope' op operand #1 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @rope_bad_layout(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error@+2 {{expected ::mlir::kiln::SequenceLayout to be one of: bhsd, bshd}}
  // expected-error@+1 {{failed to parse Kiln_SequenceLayoutAttr parameter 'value'}}
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<sbhd>} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// #kiln.rope
//===----------------------------------------------------------------------===//

// expected-error@+1 {{'rotary_dim' (0) must be at least 2}}
func.func @rope_attr_rotary_dim_zero() attributes {a = #kiln.rope<rotary_dim = 0>} {
  return
}

// -----

// expected-error@+1 {{'rotary_dim' (5) must be even}}
func.func @rope_attr_rotary_dim_odd() attributes {a = #kiln.rope<rotary_dim = 5>} {
  return
}

// -----

// expected-error@+1 {{'theta' (-5.000000e+00) must be finite and positive}}
func.func @rope_attr_theta_negative() attributes {a = #kiln.rope<theta = -5.0>} {
  return
}

// -----

// expected-error@+1 {{'position_offset' (-3) must be non-negative}}
func.func @rope_attr_negative_offset() attributes {a = #kiln.rope<position_offset = -3>} {
  return
}

// -----

// expected-error@+2 {{expected ::mlir::kiln::RopePairing to be one of: half, interleaved}}
// expected-error@+1 {{failed to parse Kiln_RopeAttr parameter 'pairing'}}
func.func @rope_attr_bad_pairing() attributes {a = #kiln.rope<pairing = neox>} {
  return
}

// -----

// expected-error@+1 {{duplicate or unknown struct parameter name: base}}
func.func @rope_attr_unknown_parameter() attributes {a = #kiln.rope<base = 10000.0>} {
  return
}

// -----

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

func.func @attention_wrong_result_type(%q: tensor<2x8x16x64xf32>, %v: tensor<2x8x16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+2 {{'kiln.attention' op inferred type(s) 'tensor<2x8x16x32xf32>' are incompatible with return type(s) of operation 'tensor<2x8x16x64xf32>'}}
  // expected-error@+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// bshd keeps [B, Sq, Hq, Dv]: the bhsd order is wrong.
func.func @attention_wrong_result_type_bshd(%q: tensor<1x4x8x16xf32>) -> tensor<1x8x4x16xf32> {
  // expected-error@+2 {{'kiln.attention' op inferred type(s) 'tensor<1x4x8x16xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4x16xf32>'}}
  // expected-error@+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = kiln.attention %q, %q, %q {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

// -----

func.func @attention_element_types(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x64xf16>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op failed to verify that all of {query, key, value, output} have same element type}}
  %0 = kiln.attention %q, %k, %q : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf16>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_query_rank(%q: tensor<8x16x64xf32>, %k: tensor<2x8x16x64xf32>) -> tensor<8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'query' must have rank 4, got 3}}
  %0 = kiln.attention %q, %k, %k : (tensor<8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<8x16x64xf32>
  return %0 : tensor<8x16x64xf32>
}

// -----

func.func @attention_key_rank(%q: tensor<2x8x16x64xf32>, %k: tensor<1x2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'key' must have rank 4, got 5}}
  %0 = kiln.attention %q, %k, %q : (tensor<2x8x16x64xf32>, tensor<1x2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_rank(%q: tensor<2x8x16x64xf32>, %v: tensor<16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'value' must have rank 4, got 2}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_key_batch(%q: tensor<2x8x16x64xf32>, %k: tensor<3x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op key batch size (3) must equal the query batch size (2)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<3x8x16x64xf32>, tensor<3x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_batch(%q: tensor<2x8x16x64xf32>, %v: tensor<1x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value batch size (1) must equal the query batch size (2)}}
  %0 = kiln.attention %q, %q, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<1x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_value_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>, %v: tensor<2x4x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value head count (4) must equal the key head count (2)}}
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_zero_key_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x0x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op key head count (0) must be positive}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x0x16x64xf32>, tensor<2x0x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_gqa_divisibility(%q: tensor<2x8x16x64xf32>, %k: tensor<2x3x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (8) must be a multiple of the key head count (3)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x3x16x64xf32>, tensor<2x3x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// More key heads than query heads.
func.func @attention_more_key_heads(%q: tensor<2x2x16x64xf32>, %k: tensor<2x4x16x64xf32>) -> tensor<2x2x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (2) must be a multiple of the key head count (4)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x2x16x64xf32>, tensor<2x4x16x64xf32>, tensor<2x4x16x64xf32>) -> tensor<2x2x16x64xf32>
  return %0 : tensor<2x2x16x64xf32>
}

// -----

// In bshd the heads are dimension 2: [B, S, H, D].
func.func @attention_gqa_divisibility_bshd(%q: tensor<1x16x8x64xf32>, %k: tensor<1x16x3x64xf32>) -> tensor<1x16x8x64xf32> {
  // expected-error@+1 {{'kiln.attention' op query head count (8) must be a multiple of the key head count (3)}}
  %0 = kiln.attention %q, %k, %k {layout = #kiln.sequence_layout<bshd>} : (tensor<1x16x8x64xf32>, tensor<1x16x3x64xf32>, tensor<1x16x3x64xf32>) -> tensor<1x16x8x64xf32>
  return %0 : tensor<1x16x8x64xf32>
}

// -----

func.func @attention_head_dim(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x32xf32>) -> tensor<2x8x16x32xf32> {
  // expected-error@+1 {{'kiln.attention' op key head dimension (32) must equal the query head dimension (64)}}
  %0 = kiln.attention %q, %k, %k : (tensor<2x8x16x64xf32>, tensor<2x8x16x32xf32>, tensor<2x8x16x32xf32>) -> tensor<2x8x16x32xf32>
  return %0 : tensor<2x8x16x32xf32>
}

// -----

func.func @attention_value_seq(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x32x64xf32>, %v: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op value sequence length (16) must equal the key sequence length (32)}}
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_mask_shape(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x32x64xf32>, %m: tensor<16x16xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [16, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [2, 8, 16, 32]}}
  %0 = kiln.attention %q, %k, %k mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32>, tensor<2x8x32x64xf32>, tensor<16x16xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// Broadcasting is one-directional: the mask cannot have more dimensions.
func.func @attention_mask_rank(%q: tensor<2x8x16x64xf32>, %m: tensor<1x2x8x16x16xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [1, 2, 8, 16, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [2, 8, 16, 16]}}
  %0 = kiln.attention %q, %q, %q mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<1x2x8x16x16xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// The mask is [B, Hq, Sq, Skv] even in bshd: a [B, Sq, Hq, Skv] mask is wrong.
func.func @attention_mask_bshd(%q: tensor<1x16x8x64xf32>, %m: tensor<1x16x8x16xf32>) -> tensor<1x16x8x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'mask' of shape [1, 16, 8, 16] does not broadcast to the score shape [B, Hq, Sq, Skv] = [1, 8, 16, 16]}}
  %0 = kiln.attention %q, %q, %q mask(%m) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x16x8x64xf32>, tensor<1x16x8x64xf32>, tensor<1x16x8x64xf32>, tensor<1x16x8x16xf32>) -> tensor<1x16x8x64xf32>
  return %0 : tensor<1x16x8x64xf32>
}

// -----

func.func @attention_integer_mask(%q: tensor<2x8x16x64xf32>, %m: tensor<16x16xi1>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op operand #3 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = kiln.attention %q, %q, %q mask(%m) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x16xi1>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_scale_f32(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op attribute 'scale' failed to satisfy constraint: 64-bit float attribute}}
  %0 = kiln.attention %q, %q, %q {scale = 0.125 : f32} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_not_an_attr(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op attribute 'rope' failed to satisfy constraint}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope_pairing<half>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_tables_without_rope(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_tables' need a 'rope' attribute}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_cos_only(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' and 'rope_sin' must be given together}}
  %0 = "kiln.attention"(%q, %q, %q, %cos) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>, rope = #kiln.rope<>}> : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_rotary_dim_too_large(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op rotary_dim of 'rope' (128) must not exceed the head dimension (64)}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<rotary_dim = 128>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_odd_head_dim(%q: tensor<2x8x16x63xf32>) -> tensor<2x8x16x63xf32> {
  // expected-error@+1 {{'kiln.attention' op the head dimension (63) must be even and at least 2 when rotary_dim of 'rope' is absent (it defaults to the head dimension)}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<>} : (tensor<2x8x16x63xf32>, tensor<2x8x16x63xf32>, tensor<2x8x16x63xf32>) -> tensor<2x8x16x63xf32>
  return %0 : tensor<2x8x16x63xf32>
}

// -----

func.func @attention_rope_rotary_dim_odd(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'rotary_dim' (33) must be even}}
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<rotary_dim = 33>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_tables_with_offset(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op position_offset of 'rope' (16) must be 0 when cos/sin tables are given}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<position_offset = 16>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_table_rank(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<1x16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_sin' must have rank 2, got 3}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<1x16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @attention_rope_table_columns(%q: tensor<2x8x16x64xf32>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have rotary_dim / 2 = 16 columns, got 32}}
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<rotary_dim = 32>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

// Sq = 4, Skv = 16: the tables need max(Sq, Skv) = 16 rows.
func.func @attention_rope_table_rows(%q: tensor<1x8x4x64xf32>, %k: tensor<1x8x16x64xf32>, %cos: tensor<8x32xf32>, %sin: tensor<8x32xf32>) -> tensor<1x8x4x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have at least max(Sq, Skv) = 16 rows, got 8}}
  %0 = kiln.attention %q, %k, %k rope_tables(%cos, %sin) {causal, rope = #kiln.rope<>} : (tensor<1x8x4x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<1x8x4x64xf32>
  return %0 : tensor<1x8x4x64xf32>
}

// -----

// Sq = 16, Skv = 4.
func.func @attention_rope_table_rows_query(%q: tensor<1x8x16x64xf32>, %k: tensor<1x8x4x64xf32>, %cos: tensor<8x32xf32>, %sin: tensor<8x32xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error@+1 {{'kiln.attention' op 'rope_cos' must have at least max(Sq, Skv) = 16 rows, got 8}}
  %0 = kiln.attention %q, %k, %k rope_tables(%cos, %sin) {rope = #kiln.rope<>} : (tensor<1x8x16x64xf32>, tensor<1x8x4x64xf32>, tensor<1x8x4x64xf32>, tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<1x8x16x64xf32>
  return %0 : tensor<1x8x16x64xf32>
}
