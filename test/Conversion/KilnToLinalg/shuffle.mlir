// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// Output channel k * 2 + g reads input channel g * 3 + k: [N, G, K, H, W] is
// transposed to [N, K, G, H, W].
// CHECK-LABEL: func @channel_shuffle
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x3x5xf32>)
// CHECK: %[[E:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 3, 3, 5] : tensor<1x6x3x5xf32> into tensor<1x2x3x3x5xf32>
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x3x2x3x5xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[E]] : tensor<1x2x3x3x5xf32>) outs(%[[INIT]] : tensor<1x3x2x3x5xf32>) permutation = [0, 2, 1, 3, 4]
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x3x2x3x5xf32> into tensor<1x6x3x5xf32>
// CHECK: return %[[C]]
func.func @channel_shuffle(%x: tensor<1x6x3x5xf32>) -> tensor<1x6x3x5xf32> {
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x6x3x5xf32>) -> tensor<1x6x3x5xf32>
  return %0 : tensor<1x6x3x5xf32>
}

// -----

// CHECK-LABEL: func @channel_shuffle_rank2
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [3, 3, 2] : tensor<3x6xi32> into tensor<3x3x2xi32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<3x3x2xi32>) outs(%{{.*}} : tensor<3x2x3xi32>) permutation = [0, 2, 1]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<3x2x3xi32> into tensor<3x6xi32>
func.func @channel_shuffle_rank2(%x: tensor<3x6xi32>) -> tensor<3x6xi32> {
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<3x6xi32>) -> tensor<3x6xi32>
  return %0 : tensor<3x6xi32>
}

// -----

// One group and groups of one channel are the identity.
// CHECK-LABEL: func @channel_shuffle_identity
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x3x5xf32>)
// CHECK-NOT: linalg
// CHECK: return %[[X]], %[[X]]
func.func @channel_shuffle_identity(%x: tensor<1x6x3x5xf32>) -> (tensor<1x6x3x5xf32>, tensor<1x6x3x5xf32>) {
  %0 = kiln.channel_shuffle %x {groups = 1 : i64} : (tensor<1x6x3x5xf32>) -> tensor<1x6x3x5xf32>
  %1 = kiln.channel_shuffle %x {groups = 6 : i64} : (tensor<1x6x3x5xf32>) -> tensor<1x6x3x5xf32>
  return %0, %1 : tensor<1x6x3x5xf32>, tensor<1x6x3x5xf32>
}

// -----

// crd: channels split as (c, i, j); (n, c, i, j, h, w) -> (n, c, h, i, w, j).
// CHECK-LABEL: func @pixel_shuffle_crd
// CHECK: %[[E:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [1, 3, 2, 2, 3, 5] : tensor<1x12x3x5xf32> into tensor<1x3x2x2x3x5xf32>
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x3x3x2x5x2xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[E]] : tensor<1x3x2x2x3x5xf32>) outs(%[[INIT]] : tensor<1x3x3x2x5x2xf32>) permutation = [0, 1, 4, 2, 5, 3]
// CHECK: tensor.collapse_shape %[[T]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<1x3x3x2x5x2xf32> into tensor<1x3x6x10xf32>
func.func @pixel_shuffle_crd(%x: tensor<1x12x3x5xf32>) -> tensor<1x3x6x10xf32> {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x3x5xf32>) -> tensor<1x3x6x10xf32>
  return %0 : tensor<1x3x6x10xf32>
}

// -----

// dcr: channels split as (i, j, c); (n, i, j, c, h, w) -> (n, c, h, i, w, j).
// CHECK-LABEL: func @pixel_shuffle_dcr
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [2, 3, 3, 2, 3, 2] : tensor<2x18x3x2xf32> into tensor<2x3x3x2x3x2xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x3x2x3x2xf32>) outs(%{{.*}} : tensor<2x2x3x3x2x3xf32>) permutation = [0, 3, 4, 1, 5, 2]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<2x2x3x3x2x3xf32> into tensor<2x2x9x6xf32>
func.func @pixel_shuffle_dcr(%x: tensor<2x18x3x2xf32>) -> tensor<2x2x9x6xf32> {
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 3 : i64} : (tensor<2x18x3x2xf32>) -> tensor<2x2x9x6xf32>
  return %0 : tensor<2x2x9x6xf32>
}

// -----

// The input rows and columns split as (h, i) and (w, j);
// crd: (n, c, h, i, w, j) -> (n, c, i, j, h, w).
// CHECK-LABEL: func @pixel_unshuffle_crd
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4, 5]] output_shape [1, 3, 3, 2, 5, 2] : tensor<1x3x6x10xf32> into tensor<1x3x3x2x5x2xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x3x3x2x5x2xf32>) outs(%{{.*}} : tensor<1x3x2x2x3x5xf32>) permutation = [0, 1, 3, 5, 2, 4]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] : tensor<1x3x2x2x3x5xf32> into tensor<1x12x3x5xf32>
func.func @pixel_unshuffle_crd(%x: tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32> {
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32>
  return %0 : tensor<1x12x3x5xf32>
}

// -----

// dcr: (n, c, h, i, w, j) -> (n, i, j, c, h, w).
// CHECK-LABEL: func @pixel_unshuffle_dcr
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4, 5]] output_shape [2, 2, 3, 3, 2, 3] : tensor<2x2x9x6xf32> into tensor<2x2x3x3x2x3xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x2x3x3x2x3xf32>) outs(%{{.*}} : tensor<2x3x3x2x3x2xf32>) permutation = [0, 3, 5, 1, 2, 4]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4], [5]] : tensor<2x3x3x2x3x2xf32> into tensor<2x18x3x2xf32>
func.func @pixel_unshuffle_dcr(%x: tensor<2x2x9x6xf32>) -> tensor<2x18x3x2xf32> {
  %0 = kiln.pixel_unshuffle %x {order = #kiln.pixel_shuffle_order<dcr>, downscale_factor = 3 : i64} : (tensor<2x2x9x6xf32>) -> tensor<2x18x3x2xf32>
  return %0 : tensor<2x18x3x2xf32>
}

// -----

// CHECK-LABEL: func @pixel_shuffle_identity
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NOT: linalg
// CHECK: return %[[X]], %[[X]]
func.func @pixel_shuffle_identity(%x: tensor<1x4x3x3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %0 = kiln.pixel_shuffle %x {upscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %1 = kiln.pixel_unshuffle %x {downscale_factor = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0, %1 : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// -----

// Nearest, asymmetric, floor (torch "nearest"), 2x: source index x floordiv 2
// as an affine indexing map; the size-1 batch reads index 0.
// CHECK-DAG: #[[SRC:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d2 floordiv 2, d3 floordiv 2)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @resize_nearest_floor
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x3x16x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[SRC]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<1x3x8x8xf32>) outs(%[[INIT]] : tensor<1x3x16x16xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
func.func @resize_nearest_floor(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// Default nearest (half_pixel, round_prefer_floor) downsampling 9 -> 4 and
// 7 -> 3: ceil((x + 0.5) * 9/4 - 1) = (9x + 4) floordiv 4.
// CHECK-DAG: #[[SRC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, (d2 * 9) floordiv 4 + 1, (d3 * 7) floordiv 3 + 1)>
// CHECK-LABEL: func @resize_nearest_down
// CHECK: linalg.generic {indexing_maps = [#[[SRC]], #{{.*}}]
func.func @resize_nearest_down(%x: tensor<2x3x9x7xf32>) -> tensor<2x3x4x3xf32> {
  %0 = kiln.resize %x {sizes = array<i64: 2, 3, 4, 3>} : (tensor<2x3x9x7xf32>) -> tensor<2x3x4x3xf32>
  return %0 : tensor<2x3x4x3xf32>
}

// -----

// Nearest with ceil reads past the last row: exact integer source indices
// (ceil(x / 2) = (x + 1) floordiv 2), clamped, read with tensor.extract.
// CHECK-LABEL: func @resize_nearest_clamped
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5x6xi1>)
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<1x2x10x9xi1>)
// CHECK: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[H:.*]] = linalg.index 2 : index
// CHECK: %[[H1:.*]] = arith.addi %[[H]], %{{.*}} : index
// CHECK: %[[HD:.*]] = arith.floordivsi %[[H1]], %{{.*}} : index
// CHECK: %[[HLO:.*]] = arith.maxsi %[[HD]], %{{.*}} : index
// CHECK: %[[HC:.*]] = arith.minsi %[[HLO]], %{{.*}} : index
// CHECK: linalg.index 3 : index
// CHECK: arith.floordivsi
// CHECK: arith.maxsi
// CHECK: %[[WC:.*]] = arith.minsi
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[ZERO]], %[[C]], %[[HC]], %[[WC]]] : tensor<1x2x5x6xi1>
// CHECK: linalg.yield %[[V]] : i1
func.func @resize_nearest_clamped(%x: tensor<1x2x5x6xi1>) -> tensor<1x2x10x9xi1> {
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 1, 2, 10, 9>} : (tensor<1x2x5x6xi1>) -> tensor<1x2x10x9xi1>
  return %0 : tensor<1x2x10x9xi1>
}

// -----

// A scale that is no ratio of small integers: x_in = x / scale - c in f32,
// then round_prefer_ceil = floor(x_in + 0.5).
// CHECK-LABEL: func @resize_nearest_inexact_scale
// CHECK: %[[X:.*]] = linalg.index 0 : index
// CHECK: %[[I:.*]] = arith.index_cast %[[X]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I]] : i64 to f32
// CHECK: %[[R:.*]] = arith.constant 8.100000e-01 : f32
// CHECK: arith.mulf %[[F]], %[[R]] : f32
// CHECK: arith.addf
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.addf
// CHECK: math.floor
// CHECK: arith.fptosi
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract
func.func @resize_nearest_inexact_scale(%x: tensor<5xf32>) -> tensor<6xf32> {
  %0 = kiln.resize %x {nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, scales = array<f64: 1.23456789>, sizes = array<i64: 6>} : (tensor<5xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// Bilinear, half_pixel, 2x: x_in = (2x - 1) / 4; x0 = floordiv, t = rem / 4;
// two clamped taps per resized axis, four tensor.extract in all; N and C
// are not interpolated.
// CHECK-LABEL: func @resize_linear
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<1x3x16x16xf32>)
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[H:.*]] = linalg.index 2 : index
// CHECK: %[[TWO:.*]] = arith.constant 2 : index
// CHECK: %[[H2:.*]] = arith.muli %[[H]], %[[TWO]] : index
// CHECK: %[[M1:.*]] = arith.constant -1 : index
// CHECK: %[[N:.*]] = arith.addi %[[H2]], %[[M1]] : index
// CHECK: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK: %[[H0:.*]] = arith.floordivsi %[[N]], %[[FOUR]] : index
// CHECK: arith.muli %[[H0]]
// CHECK: %[[REM:.*]] = arith.subi %[[N]]
// CHECK: arith.sitofp
// CHECK: %[[T:.*]] = arith.divf %{{.*}}, %{{.*}} : f32
// CHECK: %[[LO:.*]] = arith.maxsi %[[H0]]
// CHECK: %[[TOP:.*]] = arith.minsi %[[LO]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[H0]]
// CHECK: arith.maxsi %[[NEXT]]
// CHECK: %[[BOTTOM:.*]] = arith.minsi
// CHECK: %[[ONEMT:.*]] = arith.subf %{{.*}}, %[[T]] : f32
// CHECK: linalg.index 3 : index
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[C]], %[[TOP]], %{{.*}}]
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[C]], %[[TOP]], %{{.*}}]
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[C]], %[[BOTTOM]], %{{.*}}]
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[C]], %[[BOTTOM]], %{{.*}}]
// CHECK-NOT: tensor.extract
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK-NEXT: linalg.yield %[[SUM]] : f32
func.func @resize_linear(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// Linear at integer coordinates (asymmetric 2x downsampling) reads one
// element: an affine gather.
// CHECK-DAG: #[[SRC:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d2 * 2, d3 * 2)>
// CHECK-LABEL: func @resize_linear_integer_coordinates
// CHECK: linalg.generic {indexing_maps = [#[[SRC]], #{{.*}}]
// CHECK-NOT: arith.
func.func @resize_linear_integer_coordinates(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, coordinate_transform = #kiln.coordinate_transform<asymmetric>, sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Same sizes and scale 1: nothing is interpolated.
// CHECK-LABEL: func @resize_identity
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK-NOT: linalg
// CHECK: return %[[X]]
func.func @resize_identity(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<cubic>, scales = array<f64: 1.0, 1.0, 1.0, 1.0>, sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// Bicubic (a = -0.5) on the last axis only, f16 computed in f32, with
// exclude_outside: taps x0-1..x0+2 outside [0, 4] get weight 0 and the
// weights are divided by their sum.
// CHECK-LABEL: func @resize_cubic_exclude_outside
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x5x7xf16>)
// CHECK: ^bb0(%{{.*}}: f16):
// CHECK: %[[H:.*]] = linalg.index 2 : index
// CHECK: linalg.index 3 : index
// CHECK: %[[X0:.*]] = arith.floordivsi
// CHECK: arith.constant -5.000000e-01 : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: %[[M0:.*]] = arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : f32
// CHECK: %[[M1:.*]] = arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : f32
// CHECK: %[[S1:.*]] = arith.addf %[[M0]], %[[M1]] : f32
// CHECK: %[[M2:.*]] = arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : f32
// CHECK: %[[S2:.*]] = arith.addf %[[S1]], %[[M2]] : f32
// CHECK: %[[M3:.*]] = arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[S2]], %[[M3]] : f32
// CHECK: arith.divf %[[M0]], %[[S]] : f32
// CHECK: arith.divf %[[M3]], %[[S]] : f32
// CHECK-COUNT-4: tensor.extract %{{.*}}[%{{.*}}, %{{.*}}, %[[H]], %{{.*}}] : tensor<1x1x5x5xf16>
// CHECK-NOT: tensor.extract
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
func.func @resize_cubic_exclude_outside(%x: tensor<1x1x5x5xf16>) -> tensor<1x1x5x7xf16> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<cubic>, cubic_coeff_a = -5.000000e-01 : f64, exclude_outside = true, sizes = array<i64: 1, 1, 5, 7>} : (tensor<1x1x5x5xf16>) -> tensor<1x1x5x7xf16>
  return %0 : tensor<1x1x5x7xf16>
}

// -----

// Bicubic on two axes: 4 x 4 taps, edge taps clamped, no renormalization.
// CHECK-LABEL: func @resize_cubic
// CHECK-NOT: arith.select
// CHECK-COUNT-16: tensor.extract
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield
func.func @resize_cubic(%x: tensor<1x1x4x5xf32>) -> tensor<1x1x8x10xf32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 1, 8, 10>} : (tensor<1x1x4x5xf32>) -> tensor<1x1x8x10xf32>
  return %0 : tensor<1x1x8x10xf32>
}

// -----

// align_corners 4 -> 7: x_in = x / 2. Integers are interpolated in f32,
// rounded half away from zero and saturated.
// CHECK-LABEL: func @resize_linear_align_corners_i8
// CHECK: %[[R:.*]] = linalg.index 0 : index
// CHECK: arith.floordivsi %[[R]], %{{.*}} : index
// CHECK: arith.sitofp %{{.*}} : i8 to f32
// CHECK: arith.sitofp %{{.*}} : i8 to f32
// CHECK: %[[ROUND:.*]] = math.round %{{.*}} : f32
// CHECK: %[[MIN:.*]] = arith.constant -1.280000e+02 : f32
// CHECK: %[[LO:.*]] = arith.maximumf %[[ROUND]], %[[MIN]] : f32
// CHECK: %[[MAX:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: %[[HI:.*]] = arith.minimumf %[[LO]], %[[MAX]] : f32
// CHECK: %[[I:.*]] = arith.fptosi %[[HI]] : f32 to i8
// CHECK: linalg.yield %[[I]] : i8
func.func @resize_linear_align_corners_i8(%x: tensor<4x6xi8>) -> tensor<7x6xi8> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, coordinate_transform = #kiln.coordinate_transform<align_corners>, sizes = array<i64: 7, 6>} : (tensor<4x6xi8>) -> tensor<7x6xi8>
  return %0 : tensor<7x6xi8>
}

// -----

// i32 is interpolated in f64.
// CHECK-LABEL: func @resize_linear_i32
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: math.round %{{.*}} : f64
// CHECK: arith.fptosi %{{.*}} : f64 to i32
func.func @resize_linear_i32(%x: tensor<4xi32>) -> tensor<7xi32> {
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, sizes = array<i64: 7>} : (tensor<4xi32>) -> tensor<7xi32>
  return %0 : tensor<7xi32>
}
