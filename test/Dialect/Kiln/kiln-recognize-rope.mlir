// RUN: kiln-opt %s --kiln-recognize-rope --split-input-file | FileCheck %s

// Rotary embeddings as a PyTorch export writes them: x * cos + rotate(x) * sin.
// The tables are what torch computes in f32:
//   inv_freq = 1 / theta ** (arange(0, D, 2) / D);  f = outer(arange(S) + offset, inv_freq)
//   cos/sin = cos/sin(cat(f, f)) (half) or of repeat_interleave(f, 2) (interleaved)

// rotate_half on [B, H, S, D] with theta-10000 tables, as torch computes
// them in f32: one kiln.rope with the default parameters.
// CHECK-LABEL: func @half_bhsd
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.rope %[[X]] : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @half_bhsd(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// [B, S, H, D] (tables [1, S, 1, D]) with theta 500000.
// CHECK-LABEL: func @half_bshd
// CHECK-NEXT: kiln.rope %{{.*}} {layout = #kiln.sequence_layout<bshd>, theta = 5.000000e+05 : f64} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
// CHECK-NEXT: return
func.func @half_bshd(%x: tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]], [[0.540302277, 0.99929297, 0.999998987, 1.0, 0.540302277, 0.99929297, 0.999998987, 1.0]], [[-0.416146815, 0.997172892, 0.999996006, 1.0, -0.416146815, 0.997172892, 0.999996006, 1.0]], [[-0.989992499, 0.993642807, 0.999991, 1.0, -0.989992499, 0.993642807, 0.999991, 1.0]]]]> : tensor<1x4x1x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]], [[0.841471016, 0.0375971682, 0.00141421298, 5.31829573e-05, 0.841471016, 0.0375971682, 0.00141421298, 5.31829573e-05]], [[0.909297407, 0.0751411691, 0.00282842317, 0.000106365915, 0.909297407, 0.0751411691, 0.00282842317, 0.000106365915]], [[0.141120002, 0.112578921, 0.00424262788, 0.000159548872, 0.141120002, 0.112578921, 0.00424262788, 0.000159548872]]]]> : tensor<1x4x1x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 4, 2, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 4, 2, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x4xf32>
  %ng = kiln.neg %hi : tensor<1x4x2x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x4x2x4xf32>, tensor<1x4x2x4xf32>) -> tensor<1x4x2x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x2x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x2x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
  return %y : tensor<1x4x2x8xf32>
}

// -----

// Rows 5..8 of the tables (e.g. a slice of a longer cache): position_offset.
// The tables are [S, D], the products are written table first and the
// terms are added the other way round.
// CHECK-LABEL: func @half_offset
// CHECK-NEXT: kiln.rope %{{.*}} {position_offset = 5 : i64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return
func.func @half_offset(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[0.28366217, 0.87758255, 0.998750269, 0.999987483, 0.28366217, 0.87758255, 0.998750269, 0.999987483], [0.960170269, 0.825335622, 0.998200536, 0.999981999, 0.960170269, 0.825335622, 0.998200536, 0.999981999], [0.753902256, 0.764842212, 0.997551024, 0.999975502, 0.753902256, 0.764842212, 0.997551024, 0.999975502], [-0.145500034, 0.696706712, 0.996801734, 0.999967992, -0.145500034, 0.696706712, 0.996801734, 0.999967992]]> : tensor<4x8xf32>
  %sin = kiln.constant dense<[[-0.958924294, 0.47942555, 0.0499791652, 0.0049999794, -0.958924294, 0.47942555, 0.0499791652, 0.0049999794], [-0.279415488, 0.564642489, 0.0599640049, 0.0059999642, -0.279415488, 0.564642489, 0.0599640049, 0.0059999642], [0.656986594, 0.64421767, 0.0699428469, 0.00699994294, 0.656986594, 0.64421767, 0.0699428469, 0.00699994294], [0.989358246, 0.717356086, 0.0799146891, 0.0079999147, 0.989358246, 0.717356086, 0.0799146891, 0.0079999147]]> : tensor<4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %cos, %x : (tensor<4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %sin, %rot : (tensor<4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %rs, %xc : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// The halves from a kiln.split (torch.chunk), the negation as a product
// with -1, and x * cos - rotate(x) * sin with the minus sign on the other
// half: the same rotation.
// CHECK-LABEL: func @half_split_sub
// CHECK-NEXT: kiln.rope %{{.*}} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return
func.func @half_split_sub(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %m1 = kiln.constant dense<-1.0> : tensor<f32>
  %lo, %hi = kiln.split %x {axis = 3 : i64, sizes = array<i64: 4, 4>} : (tensor<1x2x4x8xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>)
  %ng = kiln.mul %lo, %m1 : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %rot = kiln.concat %hi, %ng {axis = 3 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.sub %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Interleaved pairs as RoFormer writes them:
// stack([-x[..., 1::2], x[..., ::2]], -1).reshape_as(x), with
// repeat_interleave'd tables.
// CHECK-LABEL: func @interleaved_bhsd
// CHECK-NEXT: kiln.rope %{{.*}} {pairing = #kiln.rope_pairing<interleaved>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return
func.func @interleaved_bhsd(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.540302277, 0.995004177, 0.995004177, 0.999949992, 0.999949992, 0.999999523, 0.999999523], [-0.416146815, -0.416146815, 0.980066597, 0.980066597, 0.999800026, 0.999800026, 0.999997973, 0.999997973], [-0.989992499, -0.989992499, 0.955336511, 0.955336511, 0.999550045, 0.999550045, 0.99999553, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.841471016, 0.0998334214, 0.0998334214, 0.00999983307, 0.00999983307, 0.000999999931, 0.000999999931], [0.909297407, 0.909297407, 0.198669329, 0.198669329, 0.0199986659, 0.0199986659, 0.0019999987, 0.0019999987], [0.141120002, 0.141120002, 0.295520216, 0.295520216, 0.0299954992, 0.0299954992, 0.0029999956, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %odd = kiln.slice %x {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %even = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 7>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %odd : tensor<1x2x4x4xf32>
  %u1 = kiln.unsqueeze %ng {axes = array<i64: -1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4x1xf32>
  %u2 = kiln.unsqueeze %even {axes = array<i64: -1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4x1xf32>
  %st = kiln.concat %u1, %u2 {axis = -1 : i64} : (tensor<1x2x4x4x1xf32>, tensor<1x2x4x4x1xf32>) -> tensor<1x2x4x4x2xf32>
  %rot = kiln.reshape %st {shape = array<i64: 1, 2, 4, 8>} : (tensor<1x2x4x4x2xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Interleaved on [B, S, H, D] with theta 100; the negation after the
// unsqueeze and the other unsqueeze written as a reshape.
// CHECK-LABEL: func @interleaved_bshd
// CHECK-NEXT: kiln.rope %{{.*}} {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, theta = 1.000000e+02 : f64} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
// CHECK-NEXT: return
func.func @interleaved_bshd(%x: tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]], [[0.540302277, 0.540302277, 0.950415254, 0.950415254, 0.995004177, 0.995004177, 0.999500036, 0.999500036]], [[-0.416146815, -0.416146815, 0.806578398, 0.806578398, 0.980066597, 0.980066597, 0.998000681, 0.998000681]], [[-0.989992499, -0.989992499, 0.582753599, 0.582753599, 0.955336511, 0.955336511, 0.995503366, 0.995503366]]]]> : tensor<1x4x1x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]], [[0.841471016, 0.841471016, 0.310983598, 0.310983598, 0.0998334214, 0.0998334214, 0.0316175073, 0.0316175073]], [[0.909297407, 0.909297407, 0.591127098, 0.591127098, 0.198669329, 0.198669329, 0.0632034019, 0.0632034019]], [[0.141120002, 0.141120002, 0.812648892, 0.812648892, 0.295520216, 0.295520216, 0.0947260931, 0.0947260931]]]]> : tensor<1x4x1x8xf32>
  %odd = kiln.slice %x {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 4, 2, 8>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x4xf32>
  %even = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 4, 2, 7>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x4x2x8xf32>) -> tensor<1x4x2x4xf32>
  %u0 = kiln.unsqueeze %odd {axes = array<i64: 4>} : (tensor<1x4x2x4xf32>) -> tensor<1x4x2x4x1xf32>
  %u1 = kiln.neg %u0 : tensor<1x4x2x4x1xf32>
  %u2 = kiln.reshape %even {shape = array<i64: 1, 4, 2, 4, 1>} : (tensor<1x4x2x4xf32>) -> tensor<1x4x2x4x1xf32>
  %st = kiln.concat %u1, %u2 {axis = -1 : i64} : (tensor<1x4x2x4x1xf32>, tensor<1x4x2x4x1xf32>) -> tensor<1x4x2x4x2xf32>
  %rot = kiln.reshape %st {shape = array<i64: 1, 4, 2, 8>} : (tensor<1x4x2x4x2xf32>) -> tensor<1x4x2x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x2x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x2x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x4x2x8xf32>, tensor<1x4x2x8xf32>) -> tensor<1x4x2x8xf32>
  return %y : tensor<1x4x2x8xf32>
}

// -----

// Position interpolation (angles of p / 2) is not theta's formula: the
// rope keeps the reduced [S, D / 2] tables.
// CHECK-LABEL: func @half_tables
// CHECK-DAG: %[[C:.*]] = kiln.constant dense<{{\[\[}}1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00], [0.87758255, 0.998750269, 0.999987483, 0.99999988]
// CHECK-SAME: tensor<4x4xf32>
// CHECK-DAG: %[[S:.*]] = kiln.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.47942555, 0.0499791689, 0.00499997893, 5.000000e-04]
// CHECK-SAME: tensor<4x4xf32>
// CHECK: kiln.rope %{{.*}} tables(%[[C]], %[[S]]) : (tensor<1x2x4x8xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NOT: kiln.concat
func.func @half_tables(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.87758255, 0.998750269, 0.999987483, 0.999999881, 0.87758255, 0.998750269, 0.999987483, 0.999999881], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [0.070737198, 0.988771081, 0.999887526, 0.999998868, 0.070737198, 0.988771081, 0.999887526, 0.999998868]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.47942555, 0.0499791689, 0.00499997893, 0.000500000024, 0.47942555, 0.0499791689, 0.00499997893, 0.000500000024], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.997494996, 0.149438143, 0.0149994371, 0.00149999943, 0.997494996, 0.149438143, 0.0149994371, 0.00149999943]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Partial rotary (GPT-NeoX): the first 4 of 8 features rotate, the rest
// pass through; theta follows from rotary_dim = 4.
// CHECK-LABEL: func @half_partial
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x4x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.rope %[[X]] {rotary_dim = 4 : i64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @half_partial(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0], [0.540302277, 0.999949992, 0.540302277, 0.999949992], [-0.416146815, 0.999800026, -0.416146815, 0.999800026], [-0.989992499, 0.999550045, -0.989992499, 0.999550045]]]]> : tensor<1x1x4x4xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0], [0.841471016, 0.00999983307, 0.841471016, 0.00999983307], [0.909297407, 0.0199986659, 0.909297407, 0.0199986659], [0.141120002, 0.0299954992, 0.141120002, 0.0299954992]]]]> : tensor<1x1x4x4xf32>
  %xr = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %xp = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %hi = kiln.slice %xr {starts = array<i64: 0, 0, 0, 2>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x2xf32>
  %lo = kiln.slice %xr {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 2>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x2xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x2xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x2x4x4xf32>
  %xc = kiln.mul %xr, %cos : (tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  %yr = kiln.add %xc, %rs : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %y = kiln.concat %yr, %xp {axis = 3 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// f16 tables (and input) fit within the rounding of f16.
// CHECK-LABEL: func @half_f16
// CHECK-NEXT: kiln.rope %{{.*}} : (tensor<1x2x4x8xf16>) -> tensor<1x2x4x8xf16>
// CHECK-NEXT: return
func.func @half_f16(%x: tensor<1x2x4x8xf16>) -> tensor<1x2x4x8xf16> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540527344, 0.995117188, 1.0, 1.0, 0.540527344, 0.995117188, 1.0, 1.0], [-0.416259766, 0.979980469, 1.0, 1.0, -0.416259766, 0.979980469, 1.0, 1.0], [-0.990234375, 0.955566406, 0.999511719, 1.0, -0.990234375, 0.955566406, 0.999511719, 1.0]]]]> : tensor<1x1x4x8xf16>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841308594, 0.0998535156, 0.0100021362, 0.00100040436, 0.841308594, 0.0998535156, 0.0100021362, 0.00100040436], [0.909179688, 0.198608398, 0.0200042725, 0.00200080872, 0.909179688, 0.198608398, 0.0200042725, 0.00200080872], [0.141113281, 0.295410156, 0.0299987793, 0.0030002594, 0.141113281, 0.295410156, 0.0299987793, 0.0030002594]]]]> : tensor<1x1x4x8xf16>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf16>) -> tensor<1x2x4x4xf16>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf16>) -> tensor<1x2x4x4xf16>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf16>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf16>, tensor<1x2x4x4xf16>) -> tensor<1x2x4x8xf16>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf16>, tensor<1x1x4x8xf16>) -> tensor<1x2x4x8xf16>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf16>, tensor<1x1x4x8xf16>) -> tensor<1x2x4x8xf16>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf16>, tensor<1x2x4x8xf16>) -> tensor<1x2x4x8xf16>
  return %y : tensor<1x2x4x8xf16>
}

// -----

// A kiln.rope with constant tables of theta 10000 loses its tables.
// CHECK-LABEL: func @rope_theta_tables
// CHECK-NEXT: kiln.rope %{{.*}} {pairing = #kiln.rope_pairing<interleaved>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return
func.func @rope_theta_tables(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553]]> : tensor<4x4xf32>
  %sin = kiln.constant dense<[[0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]> : tensor<4x4xf32>
  %y = kiln.rope %x tables(%cos, %sin) {pairing = #kiln.rope_pairing<interleaved>} : (tensor<1x2x4x8xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// LLaMA's cache indexed by constant positions 2..5
// (cos_cached[position_ids].unsqueeze(1)): the gathered rows are
// evaluated, giving position_offset 2.
// CHECK-LABEL: func @half_gathered_cache
// CHECK-NOT: kiln.gather
// CHECK: kiln.rope %{{.*}} {position_offset = 2 : i64} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
// CHECK-NEXT: return
func.func @half_gathered_cache(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cc = kiln.constant dense<[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553], [-0.653643608, 0.921060979, 0.999200106, 0.999992013, -0.653643608, 0.921060979, 0.999200106, 0.999992013], [0.28366217, 0.87758255, 0.998750269, 0.999987483, 0.28366217, 0.87758255, 0.998750269, 0.999987483], [0.960170269, 0.825335622, 0.998200536, 0.999981999, 0.960170269, 0.825335622, 0.998200536, 0.999981999], [0.753902256, 0.764842212, 0.997551024, 0.999975502, 0.753902256, 0.764842212, 0.997551024, 0.999975502]]> : tensor<8x8xf32>
  %sc = kiln.constant dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956], [-0.756802499, 0.389418334, 0.0399893336, 0.00399998948, -0.756802499, 0.389418334, 0.0399893336, 0.00399998948], [-0.958924294, 0.47942555, 0.0499791652, 0.0049999794, -0.958924294, 0.47942555, 0.0499791652, 0.0049999794], [-0.279415488, 0.564642489, 0.0599640049, 0.0059999642, -0.279415488, 0.564642489, 0.0599640049, 0.0059999642], [0.656986594, 0.64421767, 0.0699428469, 0.00699994294, 0.656986594, 0.64421767, 0.0699428469, 0.00699994294]]> : tensor<8x8xf32>
  %pos = kiln.constant dense<[[2, 3, 4, 5]]> : tensor<1x4xi64>
  %g1 = kiln.gather %cc, %pos {axis = 0 : i64} : (tensor<8x8xf32>, tensor<1x4xi64>) -> tensor<1x4x8xf32>
  %cos = kiln.unsqueeze %g1 {axes = array<i64: 1>} : (tensor<1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %g2 = kiln.gather %sc, %pos {axis = 0 : i64} : (tensor<8x8xf32>, tensor<1x4xi64>) -> tensor<1x4x8xf32>
  %sin = kiln.unsqueeze %g2 {axes = array<i64: 1>} : (tensor<1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: positions known only at run time (position_ids input).
// CHECK-LABEL: func @positions_not_constant
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @positions_not_constant(%x: tensor<1x2x4x8xf32>, %pos: tensor<1x4xi64>) -> tensor<1x2x4x8xf32> {
  %cc = kiln.constant dense<[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553], [-0.653643608, 0.921060979, 0.999200106, 0.999992013, -0.653643608, 0.921060979, 0.999200106, 0.999992013], [0.28366217, 0.87758255, 0.998750269, 0.999987483, 0.28366217, 0.87758255, 0.998750269, 0.999987483], [0.960170269, 0.825335622, 0.998200536, 0.999981999, 0.960170269, 0.825335622, 0.998200536, 0.999981999], [0.753902256, 0.764842212, 0.997551024, 0.999975502, 0.753902256, 0.764842212, 0.997551024, 0.999975502]]> : tensor<8x8xf32>
  %sc = kiln.constant dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956], [-0.756802499, 0.389418334, 0.0399893336, 0.00399998948, -0.756802499, 0.389418334, 0.0399893336, 0.00399998948], [-0.958924294, 0.47942555, 0.0499791652, 0.0049999794, -0.958924294, 0.47942555, 0.0499791652, 0.0049999794], [-0.279415488, 0.564642489, 0.0599640049, 0.0059999642, -0.279415488, 0.564642489, 0.0599640049, 0.0059999642], [0.656986594, 0.64421767, 0.0699428469, 0.00699994294, 0.656986594, 0.64421767, 0.0699428469, 0.00699994294]]> : tensor<8x8xf32>
  %g1 = kiln.gather %cc, %pos {axis = 0 : i64} : (tensor<8x8xf32>, tensor<1x4xi64>) -> tensor<1x4x8xf32>
  %cos = kiln.unsqueeze %g1 {axes = array<i64: 1>} : (tensor<1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %g2 = kiln.gather %sc, %pos {axis = 0 : i64} : (tensor<8x8xf32>, tensor<1x4xi64>) -> tensor<1x4x8xf32>
  %sin = kiln.unsqueeze %g2 {axes = array<i64: 1>} : (tensor<1x4x8xf32>) -> tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: the two halves of the cos table differ (no pair shares one
// angle), so this is not a rotation.
// CHECK-LABEL: func @wrong_tables
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @wrong_tables(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.950415254, 0.995004177, 0.999500036], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.806578398, 0.980066597, 0.998000681], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.582753599, 0.955336511, 0.995503366]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: tables that differ between heads.
// CHECK-LABEL: func @tables_per_head
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @tables_per_head(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]], [[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.270151138, 0.497502089, 0.499974996, 0.499999762, 0.270151138, 0.497502089, 0.499974996, 0.499999762], [-0.208073407, 0.490033299, 0.499900013, 0.499998987, -0.208073407, 0.490033299, 0.499900013, 0.499998987], [-0.49499625, 0.477668256, 0.499775022, 0.499997765, -0.49499625, 0.477668256, 0.499775022, 0.499997765]]]]> : tensor<1x2x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]], [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x2x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: tables that are not constants.
// CHECK-LABEL: func @tables_not_constant
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @tables_not_constant(%x: tensor<1x2x4x8xf32>, %cos: tensor<1x1x4x8xf32>, %sin: tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: the halves are split at 3, not at D / 2.
// CHECK-LABEL: func @wrong_split
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @wrong_split(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 3>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x5xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 3>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x3xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x5xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x5xf32>, tensor<1x2x4x3xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: concat(x2, x1) without a negation swaps the halves.
// CHECK-LABEL: func @no_negation
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @no_negation(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.relu %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: stack([-x[..., ::2], x[..., 1::2]]) is not a rotation.
// CHECK-LABEL: func @interleaved_wrong_order
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @interleaved_wrong_order(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.540302277, 0.995004177, 0.995004177, 0.999949992, 0.999949992, 0.999999523, 0.999999523], [-0.416146815, -0.416146815, 0.980066597, 0.980066597, 0.999800026, 0.999800026, 0.999997973, 0.999997973], [-0.989992499, -0.989992499, 0.955336511, 0.955336511, 0.999550045, 0.999550045, 0.99999553, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.841471016, 0.0998334214, 0.0998334214, 0.00999983307, 0.00999983307, 0.000999999931, 0.000999999931], [0.909297407, 0.909297407, 0.198669329, 0.198669329, 0.0199986659, 0.0199986659, 0.0019999987, 0.0019999987], [0.141120002, 0.141120002, 0.295520216, 0.295520216, 0.0299954992, 0.0299954992, 0.0029999956, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %odd = kiln.slice %x {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %even = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 7>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %even : tensor<1x2x4x4xf32>
  %u1 = kiln.unsqueeze %ng {axes = array<i64: -1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4x1xf32>
  %u2 = kiln.unsqueeze %odd {axes = array<i64: -1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4x1xf32>
  %st = kiln.concat %u1, %u2 {axis = -1 : i64} : (tensor<1x2x4x4x1xf32>, tensor<1x2x4x4x1xf32>) -> tensor<1x2x4x4x2xf32>
  %rot = kiln.reshape %st {shape = array<i64: 1, 2, 4, 8>} : (tensor<1x2x4x4x2xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}

// -----

// Negative: the rotated x is also returned, so the expression stays.
// CHECK-LABEL: func @extra_use
// CHECK-NOT: kiln.rope
// CHECK: kiln.add
func.func @extra_use(%x: tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) {
  %cos = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553]]]]> : tensor<1x1x4x8xf32>
  %sin = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956]]]]> : tensor<1x1x4x8xf32>
  %hi = kiln.slice %x {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 4, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %lo = kiln.slice %x {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 4, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  %ng = kiln.neg %hi : tensor<1x2x4x4xf32>
  %rot = kiln.concat %ng, %lo {axis = -1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x8xf32>
  %xc = kiln.mul %x, %cos : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %rs = kiln.mul %rot, %sin : (tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x2x4x8xf32>
  %y = kiln.add %xc, %rs : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %y, %rot : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
}

// -----

// Negative: a kiln.rope whose tables are not theta's keeps them.
// CHECK-LABEL: func @rope_other_tables
// CHECK: kiln.rope %{{.*}} tables(
func.func @rope_other_tables(%x: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %cos = kiln.constant dense<[[1.0, 1.0, 1.0, 1.0], [0.87758255, 0.998750269, 0.999987483, 0.999999881], [0.540302277, 0.995004177, 0.999949992, 0.999999523], [0.070737198, 0.988771081, 0.999887526, 0.999998868]]> : tensor<4x4xf32>
  %sin = kiln.constant dense<[[0.0, 0.0, 0.0, 0.0], [0.47942555, 0.0499791689, 0.00499997893, 0.000500000024], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.997494996, 0.149438143, 0.0149994371, 0.00149999943]]> : tensor<4x4xf32>
  %y = kiln.rope %x tables(%cos, %sin) : (tensor<1x2x4x8xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4x8xf32>
  return %y : tensor<1x2x4x8xf32>
}
