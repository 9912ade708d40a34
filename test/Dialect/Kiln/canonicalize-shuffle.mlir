// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @channel_shuffle_one_group
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_one_group(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 1 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_groups_equal_channels
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_groups_equal_channels(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 6 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_kept
// CHECK: %[[R:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: return %[[R]]
func.func @channel_shuffle_kept(%x: tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x6x4x4xf32>) -> tensor<1x6x4x4xf32>
  return %0 : tensor<1x6x4x4xf32>
}

// -----

// groups 3 then 12 / 3 = 4: the identity.
// CHECK-LABEL: func @channel_shuffle_inverse_pair
// CHECK-SAME: (%[[X:.*]]: tensor<2x12x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_inverse_pair(%x: tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32> {
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32>
  %1 = kiln.channel_shuffle %0 {groups = 4 : i64} : (tensor<2x12x3x3xf32>) -> tensor<2x12x3x3xf32>
  return %1 : tensor<2x12x3x3xf32>
}

// -----

// The usual ShuffleNet pair in the other order: groups 6 then 2 on 12 channels.
// CHECK-LABEL: func @channel_shuffle_inverse_pair_swapped
// CHECK-SAME: (%[[X:.*]]: tensor<1x12xi8>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_inverse_pair_swapped(%x: tensor<1x12xi8>) -> tensor<1x12xi8> {
  %0 = kiln.channel_shuffle %x {groups = 6 : i64} : (tensor<1x12xi8>) -> tensor<1x12xi8>
  %1 = kiln.channel_shuffle %0 {groups = 2 : i64} : (tensor<1x12xi8>) -> tensor<1x12xi8>
  return %1 : tensor<1x12xi8>
}

// -----

// groups 2 then 3 on 12 channels is a different permutation (2 * 3 != 12):
// both shuffles stay.
// CHECK-LABEL: func @channel_shuffle_pair_not_inverse
// CHECK: %[[A:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.channel_shuffle %[[A]] {groups = 3 : i64}
// CHECK-NEXT: return %[[B]]
func.func @channel_shuffle_pair_not_inverse(%x: tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32>
  %1 = kiln.channel_shuffle %0 {groups = 3 : i64} : (tensor<1x12x2x2xf32>) -> tensor<1x12x2x2xf32>
  return %1 : tensor<1x12x2x2xf32>
}

// -----

// The same shuffle twice is not the identity unless groups * groups == C.
// CHECK-LABEL: func @channel_shuffle_same_twice
// CHECK: %[[A:.*]] = kiln.channel_shuffle %{{.*}} {groups = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.channel_shuffle %[[A]] {groups = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @channel_shuffle_same_twice(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %1 = kiln.channel_shuffle %0 {groups = 2 : i64} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %1 : tensor<1x8xf32>
}

// -----

// groups * groups == C: a shuffle by 3 of 9 channels is its own inverse.
// CHECK-LABEL: func @channel_shuffle_self_inverse
// CHECK-SAME: (%[[X:.*]]: tensor<1x9xf32>)
// CHECK-NEXT: return %[[X]]
func.func @channel_shuffle_self_inverse(%x: tensor<1x9xf32>) -> tensor<1x9xf32> {
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<1x9xf32>) -> tensor<1x9xf32>
  %1 = kiln.channel_shuffle %0 {groups = 3 : i64} : (tensor<1x9xf32>) -> tensor<1x9xf32>
  return %1 : tensor<1x9xf32>
}

// -----

// Constant folding evaluates the index formula: output channel c reads input
// channel (c % 3) * 4 + c / 3.
// CHECK-LABEL: func @channel_shuffle_constant
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}[0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]]> : tensor<1x12xi32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant() -> tensor<1x12xi32> {
  %c = kiln.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]> : tensor<1x12xi32>
  %0 = kiln.channel_shuffle %c {groups = 3 : i64} : (tensor<1x12xi32>) -> tensor<1x12xi32>
  return %0 : tensor<1x12xi32>
}

// -----

// Proof of the inverse-pair fold by evaluation: shuffling the result of
// @channel_shuffle_constant by 12 / 3 = 4 gives back 0, 1, ..., 11.
// CHECK-LABEL: func @channel_shuffle_constant_inverse
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]> : tensor<1x12xi32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant_inverse() -> tensor<1x12xi32> {
  %c = kiln.constant dense<[[0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]]> : tensor<1x12xi32>
  %0 = kiln.channel_shuffle %c {groups = 4 : i64} : (tensor<1x12xi32>) -> tensor<1x12xi32>
  return %0 : tensor<1x12xi32>
}

// -----

// Batches shuffle independently; trailing dimensions move with their channel.
// CHECK-LABEL: func @channel_shuffle_constant_batched
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}[0.000000e+00, 5.000000e-01], [3.000000e+00, 3.500000e+00], [1.000000e+00, 1.500000e+00], [4.000000e+00, 4.500000e+00], [2.000000e+00, 2.500000e+00], [5.000000e+00, 5.500000e+00]], {{\[}}[1.000000e+01, 1.050000e+01], [1.300000e+01, 1.350000e+01], [1.100000e+01, 1.150000e+01], [1.400000e+01, 1.450000e+01], [1.200000e+01, 1.250000e+01], [1.500000e+01, 1.550000e+01]]]> : tensor<2x6x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_constant_batched() -> tensor<2x6x2xf32> {
  %c = kiln.constant dense<[[[0.0, 0.5], [1.0, 1.5], [2.0, 2.5], [3.0, 3.5], [4.0, 4.5], [5.0, 5.5]],
                            [[10.0, 10.5], [11.0, 11.5], [12.0, 12.5], [13.0, 13.5], [14.0, 14.5], [15.0, 15.5]]]> : tensor<2x6x2xf32>
  %0 = kiln.channel_shuffle %c {groups = 2 : i64} : (tensor<2x6x2xf32>) -> tensor<2x6x2xf32>
  return %0 : tensor<2x6x2xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<7> : tensor<1x6xi64>
// CHECK-NEXT: return %[[C]]
func.func @channel_shuffle_splat() -> tensor<1x6xi64> {
  %c = kiln.constant dense<7> : tensor<1x6xi64>
  %0 = kiln.channel_shuffle %c {groups = 2 : i64} : (tensor<1x6xi64>) -> tensor<1x6xi64>
  return %0 : tensor<1x6xi64>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_factor_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_factor_one(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_kept
// CHECK: %[[R:.*]] = kiln.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64}
// CHECK-NEXT: return %[[R]]
func.func @pixel_shuffle_kept(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_of_unshuffle_crd(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %1 = kiln.pixel_shuffle %0 {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %1 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<2x2x6x9xf16>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_shuffle_of_unshuffle_dcr(%x: tensor<2x2x6x9xf16>) -> tensor<2x2x6x9xf16> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xf16>) -> tensor<2x18x2x3xf16>
  %1 = kiln.pixel_shuffle %0 {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  return %1 : tensor<2x2x6x9xf16>
}

// -----

// Different orders are different permutations: nothing folds.
// CHECK-LABEL: func @pixel_shuffle_of_unshuffle_other_order
// CHECK: %[[A:.*]] = kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.pixel_shuffle %[[A]] {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @pixel_shuffle_of_unshuffle_other_order(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %1 = kiln.pixel_shuffle %0 {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %1 : tensor<1x3x8x8xf32>
}

// -----

// Input element [0, ch, 0, w] holds ch * 2 + w. CRD: output [0, c, i, w * 2 + j]
// reads channel c * 4 + i * 2 + j.
// CHECK-LABEL: func @pixel_shuffle_constant_crd
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2, 1, 3], [4, 6, 5, 7]], {{\[}}[8, 10, 9, 11], [12, 14, 13, 15]]]]> : tensor<1x2x2x4xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_constant_crd() -> tensor<1x2x2x4xi32> {
  %c = kiln.constant dense<[[[[0, 1]], [[2, 3]], [[4, 5]], [[6, 7]], [[8, 9]], [[10, 11]], [[12, 13]], [[14, 15]]]]> : tensor<1x8x1x2xi32>
  %0 = kiln.pixel_shuffle %c {upscale_factor = 2 : i64} : (tensor<1x8x1x2xi32>) -> tensor<1x2x2x4xi32>
  return %0 : tensor<1x2x2x4xi32>
}

// -----

// DCR: output [0, c, i, w * 2 + j] reads channel (i * 2 + j) * 2 + c.
// CHECK-LABEL: func @pixel_shuffle_constant_dcr
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 4, 1, 5], [8, 12, 9, 13]], {{\[}}[2, 6, 3, 7], [10, 14, 11, 15]]]]> : tensor<1x2x2x4xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_constant_dcr() -> tensor<1x2x2x4xi32> {
  %c = kiln.constant dense<[[[[0, 1]], [[2, 3]], [[4, 5]], [[6, 7]], [[8, 9]], [[10, 11]], [[12, 13]], [[14, 15]]]]> : tensor<1x8x1x2xi32>
  %0 = kiln.pixel_shuffle %c {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x8x1x2xi32>) -> tensor<1x2x2x4xi32>
  return %0 : tensor<1x2x2x4xi32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<true> : tensor<1x1x2x2xi1>
// CHECK-NEXT: return %[[C]]
func.func @pixel_shuffle_splat() -> tensor<1x1x2x2xi1> {
  %c = kiln.constant dense<true> : tensor<1x4x1x1xi1>
  %0 = kiln.pixel_shuffle %c {upscale_factor = 2 : i64} : (tensor<1x4x1x1xi1>) -> tensor<1x1x2x2xi1>
  return %0 : tensor<1x1x2x2xi1>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_factor_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_factor_one(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_kept
// CHECK: %[[R:.*]] = kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>}
// CHECK-NEXT: return %[[R]]
func.func @pixel_unshuffle_kept(%x: tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x12x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_of_shuffle_crd(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<1x12x4x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @pixel_unshuffle_of_shuffle_dcr(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// CHECK-LABEL: func @pixel_unshuffle_of_shuffle_other_order
// CHECK: %[[A:.*]] = kiln.pixel_shuffle %{{.*}} {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64}
// CHECK-NEXT: %[[B:.*]] = kiln.pixel_unshuffle %[[A]] {downscale_factor = 2 : i64}
// CHECK-NEXT: return %[[B]]
func.func @pixel_unshuffle_of_shuffle_other_order(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.pixel_unshuffle %0 {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %1 : tensor<1x12x4x4xf32>
}

// -----

// Input element [0, c, y, x] holds c * 8 + y * 4 + x. CRD: output channel
// c * 4 + i * 2 + j at [0, _, 0, w] reads [0, c, i, w * 2 + j].
// CHECK-LABEL: func @pixel_unshuffle_constant_crd
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2]], {{\[}}[1, 3]], {{\[}}[4, 6]], {{\[}}[5, 7]], {{\[}}[8, 10]], {{\[}}[9, 11]], {{\[}}[12, 14]], {{\[}}[13, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_crd() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11], [12, 13, 14, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// DCR (ONNX SpaceToDepth): output channel (i * 2 + j) * 2 + c reads [0, c, i, w * 2 + j].
// CHECK-LABEL: func @pixel_unshuffle_constant_dcr
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 2]], {{\[}}[8, 10]], {{\[}}[1, 3]], {{\[}}[9, 11]], {{\[}}[4, 6]], {{\[}}[12, 14]], {{\[}}[5, 7]], {{\[}}[13, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_dcr() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11], [12, 13, 14, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// Evaluation agrees with the inverse-pair fold: unshuffling the DCR result
// of @pixel_shuffle_constant_dcr gives back the input 0, 1, ..., 15.
// CHECK-LABEL: func @pixel_unshuffle_constant_inverts_shuffle
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[0, 1]], {{\[}}[2, 3]], {{\[}}[4, 5]], {{\[}}[6, 7]], {{\[}}[8, 9]], {{\[}}[10, 11]], {{\[}}[12, 13]], {{\[}}[14, 15]]]]> : tensor<1x8x1x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @pixel_unshuffle_constant_inverts_shuffle() -> tensor<1x8x1x2xi32> {
  %c = kiln.constant dense<[[[[0, 4, 1, 5], [8, 12, 9, 13]], [[2, 6, 3, 7], [10, 14, 11, 15]]]]> : tensor<1x2x2x4xi32>
  %0 = kiln.pixel_unshuffle %c {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x2x2x4xi32>) -> tensor<1x8x1x2xi32>
  return %0 : tensor<1x8x1x2xi32>
}

// -----

// CHECK-LABEL: func @resize_same_size
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @resize_same_size(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @resize_same_size_unit_scales
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @resize_same_size_unit_scales(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<cubic>, scales = array<f64: 1.0, 1.0, 1.0, 1.0>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// tf_half_pixel_for_nn samples at x + 0.5, which round_prefer_floor and floor
// round back to x.
// CHECK-LABEL: func @resize_same_size_tf_half_pixel_for_nn_floor
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[Y:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NEXT: return %[[X]], %[[Y]]
func.func @resize_same_size_tf_half_pixel_for_nn_floor(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x8x8xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.resize %y {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<floor>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0, %1 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// ... but round_prefer_ceil and ceil read x + 1, and linear interpolates
// between x and x + 1: no fold.
// CHECK-LABEL: func @resize_same_size_tf_half_pixel_for_nn_kept
// CHECK: kiln.resize {{.*}}nearest_mode = #kiln.nearest_mode<round_prefer_ceil>
// CHECK: kiln.resize {{.*}}nearest_mode = #kiln.nearest_mode<ceil>
// CHECK: kiln.resize {{.*}}mode = #kiln.resize_mode<linear>
func.func @resize_same_size_tf_half_pixel_for_nn_kept(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %1 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %2 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, mode = #kiln.resize_mode<linear>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0, %1, %2 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// floor(8 * 1.1) = 8, but half_pixel samples at (x + 0.5) / 1.1 - 0.5: no fold.
// CHECK-LABEL: func @resize_same_size_other_scales
// CHECK: %[[R:.*]] = kiln.resize
// CHECK-NEXT: return %[[R]]
func.func @resize_same_size_other_scales(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 1.1, 1.1>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func @resize_kept
// CHECK: %[[R:.*]] = kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 16, 16>}
// CHECK-NEXT: return %[[R]]
func.func @resize_kept(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func @resize_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<2.500000e+00> : tensor<1x1x4x6xf32>
// CHECK-NEXT: return %[[C]]
func.func @resize_splat() -> tensor<1x1x4x6xf32> {
  %c = kiln.constant dense<2.5> : tensor<1x1x2x3xf32>
  %0 = kiln.resize %c {mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 1, 4, 6>} : (tensor<1x1x2x3xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// A non-splat constant is not evaluated.
// CHECK-LABEL: func @resize_constant_kept
// CHECK: %[[C:.*]] = kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[R:.*]] = kiln.resize %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @resize_constant_kept() -> tensor<4xf32> {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = kiln.resize %c {sizes = array<i64: 4>} : (tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
