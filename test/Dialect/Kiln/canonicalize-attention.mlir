// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// kiln.attention: a constant splat 0 mask is dropped
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @attention_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: %[[R:.*]] = kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @attention_zero_mask(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %m = kiln.constant dense<0.0> : tensor<1x1x8x8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m) {causal}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// -0.0, another element type than the operands, rope tables kept.
// CHECK-LABEL: func @attention_negative_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} rope_tables(%{{.*}}, %{{.*}}) {rope = #kiln.rope<>} : (tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
func.func @attention_negative_zero_mask(%q: tensor<1x4x8x16xbf16>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xbf16> {
  %m = kiln.constant dense<-0.0> : tensor<8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m) rope_tables(%cos, %sin) {rope = #kiln.rope<>}
      : (tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>, tensor<8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  return %0 : tensor<1x4x8x16xbf16>
}

// -----

// A non-zero splat mask shifts every score; it stays.
// CHECK-LABEL: func @attention_nonzero_mask
// CHECK: %[[M:.*]] = kiln.constant dense<-1.000000e+00> : tensor<1x1x8x8xf32>
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]]) : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
func.func @attention_nonzero_mask(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %m = kiln.constant dense<-1.0> : tensor<1x1x8x8xf32>
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

// A constant mask that is not all zeros stays.
// CHECK-LABEL: func @attention_padding_mask
// CHECK: %[[M:.*]] = kiln.constant dense<[0.000000e+00, 0.000000e+00, 0xFF800000, 0xFF800000]> : tensor<4xf32>
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]]) : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4xf32>) -> tensor<1x2x4x8xf32>
func.func @attention_padding_mask(%q: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %m = kiln.constant dense<[0.0, 0.0, 0xFF800000, 0xFF800000]> : tensor<4xf32>
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4xf32>) -> tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

// A mask that is not a constant stays.
// CHECK-LABEL: func @attention_argument_mask
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x4x8xf32>, %[[M:.*]]: tensor<4x4xf32>
// CHECK: kiln.attention %[[Q]], %[[Q]], %[[Q]] mask(%[[M]]) : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
func.func @attention_argument_mask(%q: tensor<1x2x4x8xf32>, %m: tensor<4x4xf32>) -> tensor<1x2x4x8xf32> {
  %0 = kiln.attention %q, %q, %q mask(%m)
      : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.attention: causal is dropped when Sq == 1
//===----------------------------------------------------------------------===//

// A decoding step: the single query is the last position and sees every key.
// CHECK-LABEL: func @attention_causal_single_query
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : (tensor<2x8x1x64xf16>, tensor<2x2x37x64xf16>, tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16>
func.func @attention_causal_single_query(%q: tensor<2x8x1x64xf16>, %k: tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16> {
  %0 = kiln.attention %q, %k, %k {causal, scale = 0.125}
      : (tensor<2x8x1x64xf16>, tensor<2x2x37x64xf16>, tensor<2x2x37x64xf16>) -> tensor<2x8x1x64xf16>
  return %0 : tensor<2x8x1x64xf16>
}

// -----

// In bshd Sq is dimension 1; the mask (not zero) stays.
// CHECK-LABEL: func @attention_causal_single_query_bshd
// CHECK-SAME: %[[Q:.*]]: tensor<1x1x4x16xf32>, %[[K:.*]]: tensor<1x9x4x16xf32>, %[[M:.*]]: tensor<1x9xf32>
// CHECK: kiln.attention %[[Q]], %[[K]], %[[K]] mask(%[[M]]) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x1x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9xf32>) -> tensor<1x1x4x16xf32>
func.func @attention_causal_single_query_bshd(%q: tensor<1x1x4x16xf32>, %k: tensor<1x9x4x16xf32>, %m: tensor<1x9xf32>) -> tensor<1x1x4x16xf32> {
  %0 = kiln.attention %q, %k, %k mask(%m) {causal, layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x1x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9x4x16xf32>, tensor<1x9xf32>) -> tensor<1x1x4x16xf32>
  return %0 : tensor<1x1x4x16xf32>
}

// -----

// Both at once.
// CHECK-LABEL: func @attention_causal_and_zero_mask
// CHECK-NOT: kiln.constant
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x4x1x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x1x16xf32>
func.func @attention_causal_and_zero_mask(%q: tensor<1x4x1x16xf32>, %k: tensor<1x4x8x16xf32>) -> tensor<1x4x1x16xf32> {
  %m = kiln.constant dense<0.0> : tensor<1x8xf32>
  %0 = kiln.attention %q, %k, %k mask(%m) {causal}
      : (tensor<1x4x1x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x8xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

// Sq = 4 (bhsd dimension 2): causal stays, even though the head count is 1.
// CHECK-LABEL: func @attention_causal_kept
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal} : (tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
func.func @attention_causal_kept(%q: tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32> {
  %0 = kiln.attention %q, %q, %q {causal}
      : (tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
  return %0 : tensor<1x1x4x16xf32>
}

// -----

// [B, S, H, D] = [1, 4, 1, 16]: H = 1 but Sq = 4, so causal stays.
// CHECK-LABEL: func @attention_causal_kept_bshd
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
func.func @attention_causal_kept_bshd(%q: tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32> {
  %0 = kiln.attention %q, %q, %q {causal, layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// kiln.rope: no folds (negative tests)
//===----------------------------------------------------------------------===//

// With S = 1 and position_offset = 0 every angle is 0, but x * 1 - y * 0 is
// not x in IEEE arithmetic when y is inf or NaN (or for signed zeros): the op
// stays.
// CHECK-LABEL: func @rope_single_position
// CHECK: %[[R:.*]] = kiln.rope %{{.*}} : (tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @rope_single_position(%x: tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32> {
  %0 = kiln.rope %x : (tensor<1x4x1x16xf32>) -> tensor<1x4x1x16xf32>
  return %0 : tensor<1x4x1x16xf32>
}

// -----

// Two rotations are not merged into one.
// CHECK-LABEL: func @rope_twice
// CHECK: %[[A:.*]] = kiln.rope %{{.*}} {position_offset = 3 : i64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK: %[[B:.*]] = kiln.rope %[[A]] {position_offset = 5 : i64} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK: return %[[B]]
func.func @rope_twice(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %0 = kiln.rope %x {position_offset = 3} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %1 = kiln.rope %0 {position_offset = 5} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %1 : tensor<1x4x8x16xf32>
}

// -----

// Constant tables are kept as they are.
// CHECK-LABEL: func @rope_constant_tables
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+00> : tensor<8x8xf32>
// CHECK: %[[S:.*]] = kiln.constant dense<0.000000e+00> : tensor<8x8xf32>
// CHECK: kiln.rope %{{.*}} tables(%[[C]], %[[S]]) : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
func.func @rope_constant_tables(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %cos = kiln.constant dense<1.0> : tensor<8x8xf32>
  %sin = kiln.constant dense<0.0> : tensor<8x8xf32>
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}
