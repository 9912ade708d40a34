// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// Max pooling pads with -inf on all four sides, pools into a -inf fill.
// CHECK-LABEL: func @max_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x11x13xf32>)
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NEG_INF]] : f32
// CHECK: } : tensor<1x3x11x13xf32> to tensor<1x3x13x15xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3x6x7xf32>
// CHECK: %[[INIT:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[INIT]] : f32) outs(%[[E]] : tensor<1x3x6x7xf32>)
// CHECK: %[[W:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[R:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[P]], %[[W]] : tensor<1x3x13x15xf32>, tensor<3x3xf32>) outs(%[[F]] : tensor<1x3x6x7xf32>)
// CHECK: return %[[R]]
func.func @max_pool(%x: tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
  return %0 : tensor<1x3x6x7xf32>
}

// -----

// Ceil mode: one extra bottom/right row/column so that the last window exists.
// CHECK-LABEL: func @max_pool_ceil
// CHECK: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: } : tensor<2x3x7x7xf32> to tensor<2x3x8x8xf32>
// CHECK: linalg.pooling_nchw_max
// CHECK-SAME: outs(%{{.*}} : tensor<2x3x4x4xf32>)
func.func @max_pool_ceil(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x4x4xf32> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<2x3x7x7xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// Integers pad and start with the minimum value; asymmetric padding
// [top, left, bottom, right] = [1, 0, 0, 2] plus a ceil-mode overhang of 2.
// CHECK-LABEL: func @max_pool_i8
// CHECK: %[[MIN:.*]] = arith.constant -128 : i8
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 0, 4]
// CHECK: tensor.yield %[[MIN]] : i8
// CHECK: } : tensor<1x3x11x13xi8> to tensor<1x3x12x17xi8>
// CHECK: linalg.fill ins(%{{.*}} : i8)
// CHECK: linalg.pooling_nchw_max {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 3]> : tensor<2xi64>}
// CHECK-SAME: tensor<1x3x12x17xi8>, tensor<2x3xi8>) outs(%{{.*}} : tensor<1x3x6x5xi8>)
func.func @max_pool_i8(%x: tensor<1x3x11x13xi8>) -> tensor<1x3x6x5xi8> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>, strides = array<i64: 2, 3>, dilations = array<i64: 1, 2>, padding = array<i64: 1, 0, 0, 2>, ceil_mode = true} : (tensor<1x3x11x13xi8>) -> tensor<1x3x6x5xi8>
  return %0 : tensor<1x3x6x5xi8>
}

// -----

// Without padding or overhang the input is pooled directly.
// CHECK-LABEL: func @max_pool_nopad
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x8x8xf16>)
// CHECK-NOT: tensor.pad
// CHECK: arith.constant 0xFC00 : f16
// CHECK: linalg.pooling_nchw_max
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<1x2x8x8xf16>, tensor<2x2xf16>)
func.func @max_pool_nopad(%x: tensor<1x2x8x8xf16>) -> tensor<1x2x4x4xf16> {
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x8x8xf16>) -> tensor<1x2x4x4xf16>
  return %0 : tensor<1x2x4x4xf16>
}

// -----

// Average pooling: zero padding (with the ceil-mode overhang), a sum pool into
// a zero fill, then a division by count_h[oh] * count_w[ow]; without
// count_include_pad only input elements are counted.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func @avg_pool
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x6x7xf32>)
// CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x3x13x15xf32>, tensor<3x3xf32>) outs(%[[F]] : tensor<1x3x6x7xf32>)
// CHECK: %[[CH:.*]] = arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 1.000000e+00]> : tensor<6xf32>
// CHECK: %[[CW:.*]] = arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 1.000000e+00]> : tensor<7xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[H]], #[[W]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[S]], %[[CH]], %[[CW]] : tensor<1x3x6x7xf32>, tensor<6xf32>, tensor<7xf32>)
// CHECK: ^bb0(%[[SUM:.*]]: f32, %[[NH:.*]]: f32, %[[NW:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[N:.*]] = arith.mulf %[[NH]], %[[NW]] : f32
// CHECK: %[[M:.*]] = arith.divf %[[SUM]], %[[N]] : f32
// CHECK: linalg.yield %[[M]] : f32
func.func @avg_pool(%x: tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32>
  return %0 : tensor<1x3x6x7xf32>
}

// -----

// count_include_pad counts the padding but not the ceil-mode overhang: the
// last window (rows 9..11 of a 10-row input with bottom padding 1) counts 2.
// CHECK-LABEL: func @avg_pool_include_pad
// CHECK: linalg.pooling_nchw_sum
// CHECK: arith.constant dense<[3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<6xf32>
// CHECK: arith.constant dense<[3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<7xf32>
// CHECK: linalg.generic
// CHECK: arith.divf
func.func @avg_pool_include_pad(%x: tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x3x10x12xf32>) -> tensor<1x3x6x7xf32>
  return %0 : tensor<1x3x6x7xf32>
}

// -----

// f16 sums accumulate in f32; the mean is truncated at the end. Dilation 2
// in H with top padding 2: the first window has only 2 input taps.
// CHECK-LABEL: func @avg_pool_f16
// CHECK: tensor.pad %{{.*}} low[0, 0, 2, 0] high[0, 0, 0, 1]
// CHECK: tensor.yield %{{.*}} : f16
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x8x3x3xf32>)
// CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x8x9x8xf16>, tensor<3x3xf16>) outs(%[[F]] : tensor<1x8x3x3xf32>)
// CHECK: arith.constant dense<[2.000000e+00, 3.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: arith.constant dense<3.000000e+00> : tensor<3xf32>
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x8x3x3xf16>)
// CHECK: arith.divf %{{.*}}, %{{.*}} : f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @avg_pool_f16(%x: tensor<1x8x7x7xf16>) -> tensor<1x8x3x3xf16> {
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 2, 1>, padding = array<i64: 2, 0, 0, 1>} : (tensor<1x8x7x7xf16>) -> tensor<1x8x3x3xf16>
  return %0 : tensor<1x8x3x3xf16>
}

// -----

// CHECK-LABEL: func @global_avg_pool
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x7x9xf32>)
// The adjacent reduced dimensions are reduced as one.
// CHECK: %[[XC:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : tensor<2x5x7x9xf32> into tensor<2x5x63xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x5xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%[[XC]] : tensor<2x5x63xf32>) outs(%[[F]] : tensor<2x5xf32>) dimensions = [2]
// CHECK: arith.addf
// CHECK: %[[M:.*]] = linalg.generic
// CHECK-SAME: ins(%[[R]] : tensor<2x5xf32>)
// CHECK: arith.constant 6.300000e+01 : f32
// CHECK: arith.divf
// CHECK: %[[E:.*]] = tensor.expand_shape %[[M]] {{\[}}[0], [1, 2, 3]] output_shape [2, 5, 1, 1] : tensor<2x5xf32> into tensor<2x5x1x1xf32>
// CHECK: return %[[E]]
func.func @global_avg_pool(%x: tensor<2x5x7x9xf32>) -> tensor<2x5x1x1xf32> {
  %0 = kiln.global_avg_pool %x : (tensor<2x5x7x9xf32>) -> tensor<2x5x1x1xf32>
  return %0 : tensor<2x5x1x1xf32>
}

// -----

// CHECK-LABEL: func @global_avg_pool_bf16
// CHECK: linalg.reduce ins(%{{.*}} : tensor<2x5x11xbf16>) outs(%{{.*}} : tensor<2x5xf32>) dimensions = [2]
// CHECK: (%[[IN:.*]]: bf16, %[[ACC:.*]]: f32) {
// CHECK: %[[W:.*]] = arith.extf %[[IN]] : bf16 to f32
// CHECK: arith.addf %[[W]], %[[ACC]] : f32
// CHECK: arith.constant 1.100000e+01 : f32
// CHECK: arith.divf
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [2, 5, 1] : tensor<2x5xbf16> into tensor<2x5x1xbf16>
func.func @global_avg_pool_bf16(%x: tensor<2x5x11xbf16>) -> tensor<2x5x1xbf16> {
  %0 = kiln.global_avg_pool %x : (tensor<2x5x11xbf16>) -> tensor<2x5x1xbf16>
  return %0 : tensor<2x5x1xbf16>
}

// -----

// CHECK-LABEL: func @global_max_pool
// CHECK: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[MIN]] : i32) outs(%{{.*}} : tensor<2x5xi32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<2x5x60xi32>) outs(%[[F]] : tensor<2x5xi32>) dimensions = [2]
// CHECK: arith.maxsi
// CHECK: tensor.expand_shape %[[R]] {{\[}}[0], [1, 2, 3, 4]] output_shape [2, 5, 1, 1, 1]
func.func @global_max_pool(%x: tensor<2x5x3x4x5xi32>) -> tensor<2x5x1x1x1xi32> {
  %0 = kiln.global_max_pool %x : (tensor<2x5x3x4x5xi32>) -> tensor<2x5x1x1x1xi32>
  return %0 : tensor<2x5x1x1x1xi32>
}

// -----

// Negative axes are normalized and sorted; no keep_dims, no expand_shape.
// CHECK-LABEL: func @reduce_sum
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<4x6xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<3x4x5x6xf32>) outs(%[[F]] : tensor<4x6xf32>) dimensions = [0, 2]
// CHECK: arith.addf
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[R]] : tensor<4x6xf32>
func.func @reduce_sum(%x: tensor<3x4x5x6xf32>) -> tensor<4x6xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: -2, 0>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// Empty axes reduce everything; keep_dims expands the rank-0 sum.
// CHECK-LABEL: func @reduce_sum_all_keep
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<12xi32>) outs(%{{.*}} : tensor<i32>) dimensions = [0]
// CHECK: arith.addi
// CHECK: tensor.expand_shape %[[R]] [] output_shape [1, 1] : tensor<i32> into tensor<1x1xi32>
func.func @reduce_sum_all_keep(%x: tensor<3x4xi32>) -> tensor<1x1xi32> {
  %0 = kiln.reduce_sum %x : (tensor<3x4xi32>) -> tensor<1x1xi32>
  return %0 : tensor<1x1xi32>
}

// -----

// CHECK-LABEL: func @reduce_sum_f16
// CHECK: linalg.reduce ins(%{{.*}} : tensor<3x4x5xf16>) outs(%{{.*}} : tensor<4x5xf32>) dimensions = [0]
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK-NOT: arith.divf
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [1, 4, 5] : tensor<4x5xf16> into tensor<1x4x5xf16>
func.func @reduce_sum_f16(%x: tensor<3x4x5xf16>) -> tensor<1x4x5xf16> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 0>} : (tensor<3x4x5xf16>) -> tensor<1x4x5xf16>
  return %0 : tensor<1x4x5xf16>
}

// -----

// CHECK-LABEL: func @reduce_mean
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<3x4x5x6xf32>) outs(%{{.*}} : tensor<3x5xf32>) dimensions = [1, 3]
// CHECK: %[[M:.*]] = linalg.generic
// CHECK-SAME: ins(%[[R]] : tensor<3x5xf32>)
// CHECK: %[[N:.*]] = arith.constant 2.400000e+01 : f32
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
// CHECK: tensor.expand_shape %[[M]] {{\[}}[0, 1], [2, 3]] output_shape [3, 1, 5, 1] : tensor<3x5xf32> into tensor<3x1x5x1xf32>
func.func @reduce_mean(%x: tensor<3x4x5x6xf32>) -> tensor<3x1x5x1xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: -1, 1>} : (tensor<3x4x5x6xf32>) -> tensor<3x1x5x1xf32>
  return %0 : tensor<3x1x5x1xf32>
}

// -----

// Integer means sum in i64 and truncate toward zero (divsi).
// CHECK-LABEL: func @reduce_mean_i8
// CHECK: linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<4xi64>)
// CHECK: linalg.reduce ins(%{{.*}} : tensor<3x4x5xi8>) outs(%{{.*}} : tensor<4xi64>) dimensions = [0, 2]
// CHECK: arith.extsi %{{.*}} : i8 to i64
// CHECK: arith.addi
// CHECK: linalg.generic
// CHECK: %[[N:.*]] = arith.constant 15 : i64
// CHECK: arith.divsi %{{.*}}, %[[N]] : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @reduce_mean_i8(%x: tensor<3x4x5xi8>) -> tensor<4xi8> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 0, 2>, keep_dims = false} : (tensor<3x4x5xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// An integer mean over no elements does not divide by zero.
// CHECK-LABEL: func @reduce_mean_i32_empty
// CHECK: linalg.reduce
// CHECK-NOT: arith.divsi
// CHECK: arith.trunci %{{.*}} : i64 to i32
func.func @reduce_mean_i32_empty(%x: tensor<2x0x4xi32>) -> tensor<2x4xi32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x0x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// CHECK-LABEL: func @reduce_max
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<f32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<60xf32>) outs(%[[F]] : tensor<f32>) dimensions = [0]
// CHECK: arith.maximumf
// CHECK: return %[[R]] : tensor<f32>
func.func @reduce_max(%x: tensor<3x4x5xf32>) -> tensor<f32> {
  %0 = kiln.reduce_max %x {keep_dims = false} : (tensor<3x4x5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func @reduce_max_i64
// CHECK: arith.constant -9223372036854775808 : i64
// CHECK: %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<3x4x5xi64>) outs(%{{.*}} : tensor<3x5xi64>) dimensions = [1]
// CHECK: arith.maxsi
// CHECK: tensor.expand_shape %[[R]] {{\[}}[0, 1], [2]] output_shape [3, 1, 5] : tensor<3x5xi64> into tensor<3x1x5xi64>
func.func @reduce_max_i64(%x: tensor<3x4x5xi64>) -> tensor<3x1x5xi64> {
  %0 = kiln.reduce_max %x {axes = array<i64: -2>} : (tensor<3x4x5xi64>) -> tensor<3x1x5xi64>
  return %0 : tensor<3x1x5xi64>
}
