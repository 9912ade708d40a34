// RUN: kiln-opt %s --kiln-fuse-attention --split-input-file | FileCheck %s

// Attention as a PyTorch export writes it, on [B, H, S, D]:
// softmax(q @ k.transpose(-1, -2) / sqrt(D), dim=-1) @ v.
// CHECK-LABEL: func @bhsd
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.attention %[[Q]], %[[K]], %[[V]] {scale = 0.35355339{{[0-9]*}} : f64} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return %[[A]]
func.func @bhsd(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<2.82842708> : tensor<f32>
  %d = kiln.div %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d {axis = -1 : i64} : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// A product with the scale, then an additive mask (and a second one, which
// is added to the first), with scores and mask swapped in the additions.
// CHECK-LABEL: func @scale_and_masks
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>, %[[M1:.*]]: tensor<1x1x4x4xf32>, %[[M2:.*]]: tensor<4xf32>)
// CHECK: %[[M:.*]] = kiln.add %[[M2]], %[[M1]] : (tensor<4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
// CHECK: kiln.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]]) {scale = 2.500000e-01 : f64}
// CHECK-NOT: kiln.softmax
func.func @scale_and_masks(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>, %m1: tensor<1x1x4x4xf32>, %m2: tensor<4xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<0.25> : tensor<1xf32>
  %d = kiln.mul %s, %c : (tensor<1x2x4x4xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  %a1 = kiln.add %m1, %d : (tensor<1x1x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %a2 = kiln.add %a1, %m2 : (tensor<1x2x4x4xf32>, tensor<4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %a2 {axis = 3 : i64} : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// The scale split between Q and K^T (as torch 2 exports SDPA), no scale on
// the scores.
// CHECK-LABEL: func @scale_on_q_and_k
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: kiln.attention %[[Q]], %[[K]], %[[V]] {scale = 1.250000e-01 : f64}
// CHECK-NEXT: return
func.func @scale_on_q_and_k(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %c = kiln.constant dense<0.5> : tensor<f32>
  %c4 = kiln.constant dense<4.0> : tensor<f32>
  %qs = kiln.mul %c, %q : (tensor<f32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %ks = kiln.div %kt, %c4 : (tensor<1x2x8x4xf32>, tensor<f32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %qs, %ks : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// No scale at all: scale = 1 is written (the default would be 1 / sqrt(D)).
// CHECK-LABEL: func @no_scale
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.000000e+00 : f64}
func.func @no_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Q, K and V come from [B, S, H, D] projections through transposes (K
// straight to K^T with one transpose): the attention is bshd on them and
// the transposes back and forth cancel.
// CHECK-LABEL: func @bshd
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x2x8xf32>, %[[K:.*]]: tensor<1x4x2x8xf32>, %[[V:.*]]: tensor<1x4x2x8xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.attention %[[Q]], %[[K]], %[[V]] {layout = #kiln.sequence_layout<bshd>, scale = 0.35355339{{[0-9]*}} : f64} : (tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
// CHECK-NEXT: %[[R:.*]] = kiln.reshape %[[A]] {shape = array<i64: 1, 4, 16>}
// CHECK-NEXT: return %[[R]]
func.func @bshd(%q: tensor<1x4x2x8xf32>, %k: tensor<1x4x2x8xf32>, %v: tensor<1x4x2x8xf32>) -> tensor<1x4x16xf32> {
  %qt = kiln.transpose %q {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %k {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x8x4xf32>
  %vt = kiln.transpose %v {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x4x8xf32>
  %s = kiln.matmul %qt, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<2.82842708> : tensor<f32>
  %d = kiln.div %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d {axis = -1 : i64} : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %vt : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %ot = kiln.transpose %o {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x2x4x8xf32>) -> tensor<1x4x2x8xf32>
  %r = kiln.reshape %ot {shape = array<i64: 1, 4, 16>} : (tensor<1x4x2x8xf32>) -> tensor<1x4x16xf32>
  return %r : tensor<1x4x16xf32>
}

// -----

// Grouped-query attention: 4 query heads, 2 key/value heads repeated with
// repeat_kv (unsqueeze, expand, reshape).
// CHECK-LABEL: func @grouped_query
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.attention %[[Q]], %[[K]], %[[V]] {scale = 0.3535533{{[0-9]*}} : f64} : (tensor<1x4x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x4x4x8xf32>
// CHECK-NEXT: return %[[A]]
func.func @grouped_query(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %k1 = kiln.unsqueeze %k {axes = array<i64: 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x1x4x8xf32>
  %k2 = kiln.expand %k1 {shape = array<i64: 1, 2, 2, 4, 8>} : (tensor<1x2x1x4x8xf32>) -> tensor<1x2x2x4x8xf32>
  %k3 = kiln.reshape %k2 {shape = array<i64: 1, 4, 4, 8>} : (tensor<1x2x2x4x8xf32>) -> tensor<1x4x4x8xf32>
  %v1 = kiln.unsqueeze %v {axes = array<i64: 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x1x4x8xf32>
  %v2 = kiln.expand %v1 {shape = array<i64: 1, 2, 2, 4, 8>} : (tensor<1x2x1x4x8xf32>) -> tensor<1x2x2x4x8xf32>
  %v3 = kiln.reshape %v2 {shape = array<i64: 1, 4, 4, 8>} : (tensor<1x2x2x4x8xf32>) -> tensor<1x4x4x8xf32>
  %kt = kiln.transpose %k3 {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x4x4x8xf32>, tensor<1x4x8x4xf32>) -> tensor<1x4x4x4xf32>
  %c = kiln.constant dense<0.353553385> : tensor<f32>
  %d = kiln.mul %s, %c : (tensor<1x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %p = kiln.softmax %d : tensor<1x4x4x4xf32>
  %o = kiln.matmul %p, %v3 : (tensor<1x4x4x4xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// -----

// Multi-query attention by broadcasting one key/value head in the products.
// CHECK-LABEL: func @multi_query_broadcast
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.000000e+00 : f64} : (tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32>
func.func @multi_query_broadcast(%q: tensor<1x4x4x8xf32>, %k: tensor<1x1x4x8xf32>, %v: tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x1x4x8xf32>) -> tensor<1x1x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x4x4x8xf32>, tensor<1x1x8x4xf32>) -> tensor<1x4x4x4xf32>
  %p = kiln.softmax %s : tensor<1x4x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x4x4x4xf32>, tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// -----

// Q and K rotated by ropes with equal parameters: the ropes fold into the
// attention.
// CHECK-LABEL: func @rope
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.attention %[[Q]], %[[K]], %[[V]] {rope = #kiln.rope<pairing = interleaved, theta = 5.000000e+05>, scale = 0.35355339{{[0-9]*}} : f64}
// CHECK-NEXT: return %[[A]]
func.func @rope(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %rq = kiln.rope %q {pairing = #kiln.rope_pairing<interleaved>, theta = 5.0e+05 : f64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rk = kiln.rope %k {pairing = #kiln.rope_pairing<interleaved>, theta = 5.0e+05 : f64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<2.82842708> : tensor<f32>
  %d = kiln.div %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// RoFormer's order: [B, S, H, D] projections transposed to [B, H, S, D],
// rotated there (bhsd ropes of partial rotary dimension), V transposed too.
// The ropes fold, then the attention takes the projections in bshd.
// CHECK-LABEL: func @rope_bshd_projections
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x2x8xf32>, %[[K:.*]]: tensor<1x4x2x8xf32>, %[[V:.*]]: tensor<1x4x2x8xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.attention %[[Q]], %[[K]], %[[V]] {layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 4>, scale = 0.35355339{{[0-9]*}} : f64} : (tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
// CHECK-NEXT: return %[[A]]
func.func @rope_bshd_projections(%q: tensor<1x4x2x8xf32>, %k: tensor<1x4x2x8xf32>, %v: tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32> {
  %qt = kiln.transpose %q {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x4x8xf32>
  %kt0 = kiln.transpose %k {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x4x8xf32>
  %vt = kiln.transpose %v {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x8xf32>) -> tensor<1x2x4x8xf32>
  %rq = kiln.rope %qt {rotary_dim = 4 : i64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rk = kiln.rope %kt0 {rotary_dim = 4 : i64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<2.82842708> : tensor<f32>
  %d = kiln.div %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %vt : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %ot = kiln.transpose %o {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x2x4x8xf32>) -> tensor<1x4x2x8xf32>
  return %ot : tensor<1x4x2x8xf32>
}

// -----

// Ropes with explicit tables fold into rope_tables.
// CHECK-LABEL: func @rope_tables
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>, %[[V:.*]]: tensor<1x2x4x8xf32>, %[[C:.*]]: tensor<4x4xf32>, %[[S:.*]]: tensor<4x4xf32>)
// CHECK-NEXT: kiln.attention %[[Q]], %[[K]], %[[V]] rope_tables(%[[C]], %[[S]]) {rope = #kiln.rope<>, scale = 1.000000e+00 : f64}
// CHECK-NEXT: return
func.func @rope_tables(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>, %cos: tensor<4x4xf32>, %sin: tensor<4x4xf32>) -> tensor<1x2x4x8xf32> {
  %rq = kiln.rope %q tables(%cos, %sin) : (tensor<1x2x4x8xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  %rk = kiln.rope %k tables(%cos, %sin) : (tensor<1x2x4x8xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Constant tables of different lengths (2 queries, 4 keys) of which one
// extends the other: the longer ones.
// CHECK-LABEL: func @rope_tables_prefix
// CHECK-DAG: %[[C:.*]] = kiln.constant dense<{{\[\[}}1.000000e+00], [5.000000e-01], [2.500000e-01], [1.250000e-01]]> : tensor<4x1xf32>
// CHECK-DAG: %[[S:.*]] = kiln.constant dense<{{\[\[}}0.000000e+00], [1.000000e+00], [2.000000e+00], [3.000000e+00]]> : tensor<4x1xf32>
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} rope_tables(%[[C]], %[[S]]) {rope = #kiln.rope<>, scale = 1.000000e+00 : f64}
func.func @rope_tables_prefix(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x4x2xf32>, %v: tensor<1x1x4x2xf32>) -> tensor<1x1x2x2xf32> {
  %qc = kiln.constant dense<[[1.0], [0.5]]> : tensor<2x1xf32>
  %qs = kiln.constant dense<[[0.0], [1.0]]> : tensor<2x1xf32>
  %kc = kiln.constant dense<[[1.0], [0.5], [0.25], [0.125]]> : tensor<4x1xf32>
  %ks = kiln.constant dense<[[0.0], [1.0], [2.0], [3.0]]> : tensor<4x1xf32>
  %rq = kiln.rope %q tables(%qc, %qs) : (tensor<1x1x2x2xf32>, tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<1x1x2x2xf32>
  %rk = kiln.rope %k tables(%kc, %ks) : (tensor<1x1x4x2xf32>, tensor<4x1xf32>, tensor<4x1xf32>) -> tensor<1x1x4x2xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x1x4x2xf32>) -> tensor<1x1x2x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x1x2x2xf32>, tensor<1x1x2x4xf32>) -> tensor<1x1x2x4xf32>
  %p = kiln.softmax %s : tensor<1x1x2x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x1x2x4xf32>, tensor<1x1x4x2xf32>) -> tensor<1x1x2x2xf32>
  return %o : tensor<1x1x2x2xf32>
}

// -----

// A constant causal mask (torch.triu(full(-inf), 1)) becomes 'causal'.
// CHECK-LABEL: func @causal_mask
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 1.000000e+00 : f64}
// CHECK-NOT: mask(
func.func @causal_mask(%q: tensor<1x2x3x8xf32>, %k: tensor<1x2x3x8xf32>, %v: tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32> {
  %m = kiln.constant dense<[[0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0]]> : tensor<3x3xf32>
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x2x8x3xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x3x8xf32>, tensor<1x2x8x3xf32>) -> tensor<1x2x3x3xf32>
  %a = kiln.add %s, %m : (tensor<1x2x3x3xf32>, tensor<3x3xf32>) -> tensor<1x2x3x3xf32>
  %p = kiln.softmax %a : tensor<1x2x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x3x3xf32>, tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %o : tensor<1x2x3x8xf32>
}

// -----

// Negative: a mask that is not causal stays a mask.
// CHECK-LABEL: func @mask_not_causal
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) {scale = 1.000000e+00 : f64}
func.func @mask_not_causal(%q: tensor<1x2x3x8xf32>, %k: tensor<1x2x3x8xf32>, %v: tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32> {
  %m = kiln.constant dense<[[0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000], [0xFF800000, 0.0, 0.0]]> : tensor<3x3xf32>
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x2x8x3xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x3x8xf32>, tensor<1x2x8x3xf32>) -> tensor<1x2x3x3xf32>
  %a = kiln.add %s, %m : (tensor<1x2x3x3xf32>, tensor<3x3xf32>) -> tensor<1x2x3x3xf32>
  %p = kiln.softmax %a : tensor<1x2x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x3x3xf32>, tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %o : tensor<1x2x3x8xf32>
}

// -----

// Negative: softmax over the queries (axis 2), not the keys.
// CHECK-LABEL: func @softmax_wrong_axis
// CHECK-NOT: kiln.attention
// CHECK: kiln.softmax
func.func @softmax_wrong_axis(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s {axis = 2 : i64} : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Negative: the probabilities are also returned.
// CHECK-LABEL: func @probabilities_used
// CHECK-NOT: kiln.attention
// CHECK: kiln.softmax
func.func @probabilities_used(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>) {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o, %p : tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
}

// -----

// Negative: the mask is added before the scale (it would be scaled too).
// CHECK-LABEL: func @mask_inside_scale
// CHECK-NOT: kiln.attention
// CHECK: kiln.softmax
func.func @mask_inside_scale(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x4x4xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %a = kiln.add %s, %m : (tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<0.25> : tensor<f32>
  %d = kiln.mul %a, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Negative: a scale per head is not a scalar.
// CHECK-LABEL: func @scale_per_head
// CHECK-NOT: kiln.attention
// CHECK: kiln.softmax
func.func @scale_per_head(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = kiln.constant dense<[[[0.25]], [[0.5]]]> : tensor<2x1x1xf32>
  %d = kiln.mul %s, %c : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %d : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Negative: ropes with different theta are not folded (the attention is
// still formed).
// CHECK-LABEL: func @rope_params_differ
// CHECK-DAG: %[[RQ:.*]] = kiln.rope %{{.*}} {theta = 5.000000e+05 : f64}
// CHECK-DAG: %[[RK:.*]] = kiln.rope %{{.*}} :
// CHECK: kiln.attention %[[RQ]], %[[RK]], %{{.*}} {scale = 1.000000e+00 : f64}
func.func @rope_params_differ(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %rq = kiln.rope %q {theta = 5.0e+05 : f64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rk = kiln.rope %k : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// Negative: the rotated K is also returned, so its rope stays.
// CHECK-LABEL: func @rope_extra_use
// CHECK-SAME: (%{{.*}}: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x4x8xf32>,
// CHECK: %[[RK:.*]] = kiln.rope %[[K]]
// CHECK: kiln.attention %{{.*}}, %[[RK]], %{{.*}} {scale = 1.000000e+00 : f64}
// CHECK-NOT: rope =
func.func @rope_extra_use(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) {
  %rq = kiln.rope %q : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rk = kiln.rope %k : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %kt = kiln.transpose %rk {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x8x4xf32>
  %s = kiln.matmul %rq, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %p = kiln.softmax %s : tensor<1x2x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o, %rk : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
}

// -----

// nn.MultiheadAttention's export: heads folded into the batch ([B * H, S, D]),
// Q scaled before the product, K^T made from [S, B * H, D]. It is rebuilt on
// [1, B * H, S, D] views and fused; the scale of Q is absorbed.
// CHECK-LABEL: func @heads_in_batch
// CHECK-SAME: (%[[Q:.*]]: tensor<6x4x8xf32>, %[[K:.*]]: tensor<4x6x8xf32>, %[[V:.*]]: tensor<6x4x8xf32>, %[[M:.*]]: tensor<4x4xf32>)
// CHECK-DAG: %[[Q4:.*]] = kiln.reshape %[[Q]] {shape = array<i64: 1, 6, 4, 8>}
// CHECK-DAG: %[[V4:.*]] = kiln.reshape %[[V]] {shape = array<i64: 1, 6, 4, 8>}
// CHECK-DAG: %[[K4:.*]] = kiln.reshape %[[K]] {shape = array<i64: 1, 4, 6, 8>}
// CHECK: %[[KT:.*]] = kiln.transpose %[[K4]] {permutation = array<i64: 0, 2, 1, 3>}
// CHECK-NOT: kiln.transpose
// CHECK: %[[A:.*]] = kiln.attention %[[Q4]], %[[KT]], %[[V4]] mask(%[[M]]) {scale = 1.250000e-01 : f64} : (tensor<1x6x4x8xf32>, tensor<1x6x4x8xf32>, tensor<1x6x4x8xf32>, tensor<4x4xf32>) -> tensor<1x6x4x8xf32>
// CHECK: %[[R:.*]] = kiln.reshape %[[A]] {shape = array<i64: 6, 4, 8>}
// CHECK-NOT: kiln.softmax
// CHECK: return %[[R]]
func.func @heads_in_batch(%q: tensor<6x4x8xf32>, %k: tensor<4x6x8xf32>, %v: tensor<6x4x8xf32>, %m: tensor<4x4xf32>) -> tensor<6x4x8xf32> {
  %c = kiln.constant dense<8.0> : tensor<f32>
  %qs = kiln.div %q, %c : (tensor<6x4x8xf32>, tensor<f32>) -> tensor<6x4x8xf32>
  %kt = kiln.transpose %k {permutation = array<i64: 1, 2, 0>} : (tensor<4x6x8xf32>) -> tensor<6x8x4xf32>
  %s = kiln.matmul %qs, %kt : (tensor<6x4x8xf32>, tensor<6x8x4xf32>) -> tensor<6x4x4xf32>
  %a = kiln.add %s, %m : (tensor<6x4x4xf32>, tensor<4x4xf32>) -> tensor<6x4x4xf32>
  %p = kiln.softmax %a {axis = 2 : i64} : tensor<6x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<6x4x4xf32>, tensor<6x4x8xf32>) -> tensor<6x4x8xf32>
  return %o : tensor<6x4x8xf32>
}

// -----

// The 3-D form with a masked fill (nn.MultiheadAttention with a boolean
// mask): the same chain of steps as the 4-D form, rebuilt on the views.
// CHECK-LABEL: func @heads_in_batch_masked_fill
// CHECK: %[[A:.*]] = kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 1.000000e+00 : f64} : (tensor<1x6x3x8xf32>
// CHECK-NOT: kiln.softmax
// CHECK: kiln.reshape %[[A]] {shape = array<i64: 6, 3, 8>}
func.func @heads_in_batch_masked_fill(%q: tensor<6x3x8xf32>, %kt: tensor<6x8x3xf32>, %v: tensor<6x3x8xf32>) -> tensor<6x3x8xf32> {
  %s = kiln.matmul %q, %kt : (tensor<6x3x8xf32>, tensor<6x8x3xf32>) -> tensor<6x3x3xf32>
  %hidden = kiln.constant dense<[[false, true, true], [false, false, true], [false, false, false]]> : tensor<3x3xi1>
  %inf = kiln.constant dense<0xFF800000> : tensor<f32>
  %m = kiln.where %hidden, %inf, %s : (tensor<3x3xi1>, tensor<f32>, tensor<6x3x3xf32>) -> tensor<6x3x3xf32>
  %p = kiln.softmax %m {axis = 2 : i64} : tensor<6x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<6x3x3xf32>, tensor<6x3x8xf32>) -> tensor<6x3x8xf32>
  return %o : tensor<6x3x8xf32>
}

// -----

// Not attention: a 3-D softmax over the middle axis stays as it is.
// CHECK-LABEL: func @heads_in_batch_other_axis
// CHECK: kiln.softmax
// CHECK-NOT: kiln.attention
func.func @heads_in_batch_other_axis(%q: tensor<6x4x8xf32>, %kt: tensor<6x8x4xf32>, %v: tensor<6x4x8xf32>) -> tensor<6x4x8xf32> {
  %s = kiln.matmul %q, %kt : (tensor<6x4x8xf32>, tensor<6x8x4xf32>) -> tensor<6x4x4xf32>
  %p = kiln.softmax %s {axis = 1 : i64} : tensor<6x4x4xf32>
  %o = kiln.matmul %p, %v : (tensor<6x4x4xf32>, tensor<6x4x8xf32>) -> tensor<6x4x8xf32>
  return %o : tensor<6x4x8xf32>
}

// -----

// masked_fill(mask, -inf) of the scores, as nanoGPT writes a causal mask:
// a constant condition becomes an additive mask of -inf and 0, which is
// causal here. A run-time condition becomes a where of -inf and 0.
// CHECK-LABEL: func @masked_fill
// CHECK: %[[A:.*]] = kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 1.250000e-01 : f64}
// CHECK-NOT: kiln.softmax
// CHECK: return %[[A]]
func.func @masked_fill(%q: tensor<1x2x3x8xf32>, %k: tensor<1x2x3x8xf32>, %v: tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32> {
  %kt = kiln.transpose %k {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x2x8x3xf32>
  %s = kiln.matmul %q, %kt : (tensor<1x2x3x8xf32>, tensor<1x2x8x3xf32>) -> tensor<1x2x3x3xf32>
  %c = kiln.constant dense<0.125> : tensor<f32>
  %d = kiln.mul %s, %c : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %hidden = kiln.constant dense<[[[[false, true, true], [false, false, true], [false, false, false]]]]> : tensor<1x1x3x3xi1>
  %inf = kiln.constant dense<0xFF800000> : tensor<f32>
  %m = kiln.where %hidden, %inf, %d : (tensor<1x1x3x3xi1>, tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %p = kiln.softmax %m {axis = -1 : i64} : tensor<1x2x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x3x3xf32>, tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %o : tensor<1x2x3x8xf32>
}

// CHECK-LABEL: func @masked_fill_runtime
// CHECK-SAME: %[[KEEP:[^:]*]]: tensor<1x1x1x3xi1>
// CHECK-DAG: %[[INF:.*]] = kiln.constant dense<0xFF800000> : tensor<f32>
// CHECK-DAG: %[[ZERO:.*]] = kiln.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[MASK:.*]] = kiln.where %[[KEEP]], %[[ZERO]], %[[INF]]
// CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[MASK]]) {scale = 1.000000e+00 : f64}
// CHECK-NOT: kiln.softmax
func.func @masked_fill_runtime(%q: tensor<1x2x3x8xf32>, %kt: tensor<1x2x8x3xf32>, %v: tensor<1x2x3x8xf32>, %keep: tensor<1x1x1x3xi1>) -> tensor<1x2x3x8xf32> {
  %s = kiln.matmul %q, %kt : (tensor<1x2x3x8xf32>, tensor<1x2x8x3xf32>) -> tensor<1x2x3x3xf32>
  %inf = kiln.constant dense<0xFF800000> : tensor<f32>
  %m = kiln.where %keep, %s, %inf : (tensor<1x1x1x3xi1>, tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %p = kiln.softmax %m {axis = -1 : i64} : tensor<1x2x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x3x3xf32>, tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %o : tensor<1x2x3x8xf32>
}

// A fill of -1e9 is not an additive mask (a fully masked row would differ):
// left alone.
// CHECK-LABEL: func @masked_fill_finite
// CHECK: kiln.softmax
// CHECK-NOT: kiln.attention
func.func @masked_fill_finite(%q: tensor<1x2x3x8xf32>, %kt: tensor<1x2x8x3xf32>, %v: tensor<1x2x3x8xf32>, %keep: tensor<1x1x1x3xi1>) -> tensor<1x2x3x8xf32> {
  %s = kiln.matmul %q, %kt : (tensor<1x2x3x8xf32>, tensor<1x2x8x3xf32>) -> tensor<1x2x3x3xf32>
  %big = kiln.constant dense<-1.0e9> : tensor<f32>
  %m = kiln.where %keep, %s, %big : (tensor<1x1x1x3xi1>, tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %p = kiln.softmax %m {axis = -1 : i64} : tensor<1x2x3x3xf32>
  %o = kiln.matmul %p, %v : (tensor<1x2x3x3xf32>, tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %o : tensor<1x2x3x8xf32>
}
