// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func @conv2d_pad_stride_dilation_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x11x9xf32>, %[[W:.*]]: tensor<5x3x3x4xf32>, %[[B:.*]]: tensor<5xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x5x4x5xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<5xf32>) outs(%[[E]] : tensor<1x5x4x5xf32>) dimensions = [0, 2, 3]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 0, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<1x3x11x9xf32> to tensor<1x3x12x12xf32>
// CHECK: %[[R:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[P]], %[[W]] : tensor<1x3x12x12xf32>, tensor<5x3x3x4xf32>) outs(%[[INIT]] : tensor<1x5x4x5xf32>)
// CHECK: return %[[R]]
func.func @conv2d_pad_stride_dilation_bias(%x: tensor<1x3x11x9xf32>, %w: tensor<5x3x3x4xf32>, %b: tensor<5xf32>) -> tensor<1x5x4x5xf32> {
  %0 = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 2, 0, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 2, 1>} : (tensor<1x3x11x9xf32>, tensor<5x3x3x4xf32>, tensor<5xf32>) -> tensor<1x5x4x5xf32>
  return %0 : tensor<1x5x4x5xf32>
}

// -----

// A pointwise conv of a channel concat is one conv per concat input, each
// with its slice of the filter's input channels and accumulating into the
// previous result; a unit-step slice input is read from its source. The
// concat is left unused (the pipeline's canonicalizer erases it). Split
// only when the extra passes over the accumulator (here one of 3 x 9) move
// no more than a copy of the concat (4 x 9). A 1x1
// conv is a linalg.contract over flattened images: weights [F, C] times
// pixels [N, C, H * W], into the bias broadcast to [N, F, H * W].
// CHECK: #[[W2:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK: #[[X3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK: #[[O3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func @conv2d_of_concat
// CHECK-SAME: (%[[A:.*]]: tensor<1x4x3x3xf32>, %[[B:.*]]: tensor<1x2x3x3xf32>, %[[W:.*]]: tensor<3x4x1x1xf32>, %[[BIAS:.*]]: tensor<3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3x9xf32>
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[BIAS]] : tensor<3xf32>) outs(%[[E]] : tensor<1x3x9xf32>) dimensions = [0, 2]
// CHECK: %[[AV:.*]] = tensor.extract_slice %[[A]][0, 1, 0, 0] [1, 2, 3, 3] [1, 1, 1, 1]
// CHECK: %[[WA:.*]] = tensor.extract_slice %[[W]][0, 0, 0, 0] [3, 2, 1, 1] [1, 1, 1, 1]
// CHECK: %[[XA:.*]] = tensor.collapse_shape %[[AV]] {{\[\[}}0], [1], [2, 3]] : tensor<1x2x3x3xf32> into tensor<1x2x9xf32>
// CHECK: %[[WA2:.*]] = tensor.collapse_shape %[[WA]] {{\[\[}}0], [1, 2, 3]] : tensor<3x2x1x1xf32> into tensor<3x2xf32>
// CHECK: %[[R0:.*]] = linalg.contract indexing_maps = [#[[W2]], #[[X3]], #[[O3]]] ins(%[[WA2]], %[[XA]] : tensor<3x2xf32>, tensor<1x2x9xf32>) outs(%[[INIT]] : tensor<1x3x9xf32>)
// CHECK: %[[WB:.*]] = tensor.extract_slice %[[W]][0, 2, 0, 0] [3, 2, 1, 1] [1, 1, 1, 1]
// CHECK: %[[XB:.*]] = tensor.collapse_shape %[[B]] {{\[\[}}0], [1], [2, 3]] : tensor<1x2x3x3xf32> into tensor<1x2x9xf32>
// CHECK: %[[WB2:.*]] = tensor.collapse_shape %[[WB]]
// CHECK: %[[R1:.*]] = linalg.contract indexing_maps = [#[[W2]], #[[X3]], #[[O3]]] ins(%[[WB2]], %[[XB]] : tensor<3x2xf32>, tensor<1x2x9xf32>) outs(%[[R0]] : tensor<1x3x9xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[R1]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 3, 3, 3] : tensor<1x3x9xf32> into tensor<1x3x3x3xf32>
// CHECK: return %[[R]]
func.func @conv2d_of_concat(%a: tensor<1x4x3x3xf32>, %b: tensor<1x2x3x3xf32>, %w: tensor<3x4x1x1xf32>, %bias: tensor<3xf32>) -> tensor<1x3x3x3xf32> {
  %s = kiln.slice %a {starts = array<i64: 0, 1, 0, 0>, ends = array<i64: 1, 3, 3, 3>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x3x3xf32>) -> tensor<1x2x3x3xf32>
  %c = kiln.concat %s, %b {axis = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  %0 = kiln.conv2d %c, %w, %bias : (tensor<1x4x3x3xf32>, tensor<3x4x1x1xf32>, tensor<3xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// -----

// A split would cost more than the copy: 2 extra passes over a 5 x 9
// accumulator against a 6 x 9 concat. One conv reads the concatenation.
// CHECK-LABEL: func @conv2d_of_concat_copied
// CHECK-COUNT-3: linalg.copy
// CHECK: %[[C:.*]] = tensor.insert_slice %{{.*}}[0, 4, 0, 0] [1, 2, 3, 3]
// CHECK-NOT: linalg.contract
// CHECK: %[[X:.*]] = tensor.collapse_shape %[[C]] {{\[\[}}0], [1], [2, 3]] : tensor<1x6x3x3xf32> into tensor<1x6x9xf32>
// CHECK: linalg.contract {{.*}} ins(%{{.*}}, %[[X]] : tensor<5x6xf32>, tensor<1x6x9xf32>)
// CHECK-NOT: linalg.contract
func.func @conv2d_of_concat_copied(%a: tensor<1x2x3x3xf32>, %b: tensor<1x2x3x3xf32>, %c: tensor<1x2x3x3xf32>, %w: tensor<5x6x1x1xf32>) -> tensor<1x5x3x3xf32> {
  %cat = kiln.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x6x3x3xf32>
  %0 = kiln.conv2d %cat, %w : (tensor<1x6x3x3xf32>, tensor<5x6x1x1xf32>) -> tensor<1x5x3x3xf32>
  return %0 : tensor<1x5x3x3xf32>
}

// -----

// A conv with a window reads the concatenation whole, even where a split
// would move fewer elements (1 extra pass over 2 x 2 x 2 against a 4 x 6 x 6
// concat): each piece's conv runs at a fraction of the whole one's rate.
// CHECK-LABEL: func @conv3x3_of_concat
// CHECK-COUNT-2: linalg.copy
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv3x3_of_concat(%a: tensor<1x2x6x6xf32>, %b: tensor<1x2x6x6xf32>, %w: tensor<2x4x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %cat = kiln.concat %a, %b {axis = 1 : i64} : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x4x6x6xf32>
  %0 = kiln.conv2d %cat, %w {strides = array<i64: 2, 2>} : (tensor<1x4x6x6xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// A strided 1x1 conv first subsamples its input (every second row and
// column), then is the same contraction.
// CHECK: #[[SUB:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2, d3 * 3)>
// CHECK-LABEL: func @conv2d_pointwise_strided
// CHECK-SAME: (%[[X:.*]]: tensor<2x6x5x7xf32>, %[[W:.*]]: tensor<4x6x1x1xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x4x9xf32>)
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[SUB]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<2x6x5x7xf32>) outs(%{{.*}} : tensor<2x6x3x3xf32>)
// CHECK: %[[XS:.*]] = tensor.collapse_shape %[[S]] {{\[\[}}0], [1], [2, 3]] : tensor<2x6x3x3xf32> into tensor<2x6x9xf32>
// CHECK: linalg.contract {{.*}} ins(%{{.*}}, %[[XS]] : tensor<4x6xf32>, tensor<2x6x9xf32>) outs(%[[INIT]] : tensor<2x4x9xf32>)
func.func @conv2d_pointwise_strided(%x: tensor<2x6x5x7xf32>, %w: tensor<4x6x1x1xf32>) -> tensor<2x4x3x3xf32> {
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 3>} : (tensor<2x6x5x7xf32>, tensor<4x6x1x1xf32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// -----

// A padded 1x1 conv stays a linalg.conv_2d_nchw_fchw.
// CHECK-LABEL: func @conv2d_pointwise_padded
// CHECK: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw
func.func @conv2d_pointwise_padded(%x: tensor<1x6x5x7xf32>, %w: tensor<4x6x1x1xf32>) -> tensor<1x4x7x9xf32> {
  %0 = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x6x5x7xf32>, tensor<4x6x1x1xf32>) -> tensor<1x4x7x9xf32>
  return %0 : tensor<1x4x7x9xf32>
}

// -----

// CHECK-LABEL: func @conv2d_no_pad_no_bias
// CHECK-SAME: (%[[X:.*]]: tensor<2x6x5x7xf32>, %[[W:.*]]: tensor<4x6x2x1xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4x4x7xf32>)
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<2x6x5x7xf32>, tensor<4x6x2x1xf32>) outs(%[[INIT]] : tensor<2x4x4x7xf32>)
func.func @conv2d_no_pad_no_bias(%x: tensor<2x6x5x7xf32>, %w: tensor<4x6x2x1xf32>) -> tensor<2x4x4x7xf32> {
  %0 = kiln.conv2d %x, %w : (tensor<2x6x5x7xf32>, tensor<4x6x2x1xf32>) -> tensor<2x4x4x7xf32>
  return %0 : tensor<2x4x4x7xf32>
}

// -----

// CHECK-LABEL: func @conv2d_depthwise
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x9x9xf32>, %[[W:.*]]: tensor<8x1x3x3xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<8xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1], [2], [3]] : tensor<8x1x3x3xf32> into tensor<8x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[P]], %[[F]] : tensor<1x8x11x11xf32>, tensor<8x3x3xf32>) outs(%[[INIT]] : tensor<1x8x5x5xf32>)
func.func @conv2d_depthwise(%x: tensor<1x8x9x9xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x5x5xf32> {
  %0 = kiln.conv2d %x, %w, %b {groups = 8 : i64, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x9x9xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// CHECK-LABEL: func @conv2d_depthwise_multiplier2
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x7x8xf32>, %[[W:.*]]: tensor<6x1x3x2xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[GX:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 3, 1, 7, 8]
// CHECK: %[[GW:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [3, 2, 1, 3, 2]
// CHECK: %[[GI:.*]] = tensor.expand_shape %[[INIT]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 3, 2, 5, 7]
// CHECK: %[[R:.*]] = linalg.conv_2d_ngchw_gfchw
// CHECK-SAME: ins(%[[GX]], %[[GW]] : tensor<1x3x1x7x8xf32>, tensor<3x2x1x3x2xf32>) outs(%[[GI]] : tensor<1x3x2x5x7xf32>)
// CHECK: tensor.collapse_shape %[[R]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x3x2x5x7xf32> into tensor<1x6x5x7xf32>
func.func @conv2d_depthwise_multiplier2(%x: tensor<1x3x7x8xf32>, %w: tensor<6x1x3x2xf32>) -> tensor<1x6x5x7xf32> {
  %0 = kiln.conv2d %x, %w {groups = 3 : i64} : (tensor<1x3x7x8xf32>, tensor<6x1x3x2xf32>) -> tensor<1x6x5x7xf32>
  return %0 : tensor<1x6x5x7xf32>
}

// -----

// CHECK-LABEL: func @conv2d_groups2
// CHECK: %[[INIT:.*]] = linalg.broadcast
// CHECK: %[[GX:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 9, 7]
// CHECK: %[[GW:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK: %[[GI:.*]] = tensor.expand_shape %[[INIT]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 3, 7, 5]
// CHECK: %[[R:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[GX]], %[[GW]] : {{.*}}) outs(%[[GI]] : tensor<1x2x3x7x5xf32>)
// CHECK: tensor.collapse_shape %[[R]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x3x7x5xf32> into tensor<1x6x7x5xf32>
func.func @conv2d_groups2(%x: tensor<1x4x9x7xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x7x5xf32> {
  %0 = kiln.conv2d %x, %w, %b {groups = 2 : i64} : (tensor<1x4x9x7xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x7x5xf32>
  return %0 : tensor<1x6x7x5xf32>
}

// -----

// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @conv2d_f16
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x6x7xf16>, %[[W:.*]]: tensor<4x3x3x3xf16>, %[[B:.*]]: tensor<4xf16>)
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID]]]
// CHECK-SAME: ins(%[[B]] : tensor<4xf16>) outs(%{{.*}} : tensor<1x4x4x5xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[ACC:.*]] = linalg.conv_2d_nchw_fchw
// CHECK-SAME: ins(%[[X]], %[[W]] : tensor<1x3x6x7xf16>, tensor<4x3x3x3xf16>) outs(%[[INIT]] : tensor<1x4x4x5xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x4x4x5xf32>) outs(%{{.*}} : tensor<1x4x4x5xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @conv2d_f16(%x: tensor<1x3x6x7xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf16>) -> tensor<1x4x4x5xf16> {
  %0 = kiln.conv2d %x, %w, %b : (tensor<1x3x6x7xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x4x5xf16>
  return %0 : tensor<1x4x4x5xf16>
}

// -----

// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2 + 2, -d3 + 1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @conv_transpose2d_stride1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x4xf32>, %[[W:.*]]: tensor<3x2x3x2xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[F:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #[[ID]]]
// CHECK-SAME: ins(%[[W]] : tensor<3x2x3x2xf32>) outs(%{{.*}} : tensor<2x3x3x2xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 2, 1] high[0, 0, 2, 1]
// CHECK: %[[R:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME: ins(%[[P]], %[[F]] : tensor<2x3x9x6xf32>, tensor<2x3x3x2xf32>) outs(%[[INIT]] : tensor<2x2x7x5xf32>)
// CHECK-NOT: tensor.insert_slice
// CHECK: return %[[R]]
func.func @conv_transpose2d_stride1(%x: tensor<2x3x5x4xf32>, %w: tensor<3x2x3x2xf32>) -> tensor<2x2x7x5xf32> {
  %0 = kiln.conv_transpose2d %x, %w : (tensor<2x3x5x4xf32>, tensor<3x2x3x2xf32>) -> tensor<2x2x7x5xf32>
  return %0 : tensor<2x2x7x5xf32>
}

// -----

// CHECK-DAG: #[[F00:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2 * -2 + 1, d3 * -2 + 1)>
// CHECK-DAG: #[[F01:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2 * -2 + 1, (-d3 + 1) * 2)>
// CHECK-DAG: #[[F10:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, (-d2 + 1) * 2, d3 * -2 + 1)>
// CHECK-DAG: #[[F11:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, (-d2 + 1) * 2, (-d3 + 1) * 2)>
// CHECK-LABEL: func @conv_transpose2d_stride2
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x6xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<3xf32>) outs(%{{.*}} : tensor<1x3x10x12xf32>) dimensions = [0, 2, 3]
// Phase (0, 0): the 1x1 centre tap, no padding.
// CHECK: %[[F0:.*]] = linalg.generic {indexing_maps = [#[[F00]], {{.*}}]} ins(%[[W]] : {{.*}}) outs(%{{.*}} : tensor<3x4x1x1xf32>)
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [1, 3, 5, 6] [1, 1, 2, 2]
// CHECK: %[[C0:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[X]], %[[F0]] : tensor<1x4x5x6xf32>, tensor<3x4x1x1xf32>) outs(%[[S0]] : tensor<1x3x5x6xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[INIT]][0, 0, 0, 0] [1, 3, 5, 6] [1, 1, 2, 2]
// Phase (0, 1): two taps along the width.
// CHECK: %[[F1:.*]] = linalg.generic {indexing_maps = [#[[F01]], {{.*}}]} {{.*}} outs(%{{.*}} : tensor<3x4x1x2xf32>)
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[R0]][0, 0, 0, 1] [1, 3, 5, 6] [1, 1, 2, 2]
// CHECK: %[[P1:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, 0, 1]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[P1]], %[[F1]] : tensor<1x4x5x7xf32>, tensor<3x4x1x2xf32>) outs(%[[S1]] : tensor<1x3x5x6xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][0, 0, 0, 1] [1, 3, 5, 6] [1, 1, 2, 2]
// CHECK: linalg.generic {indexing_maps = [#[[F10]], {{.*}}]} {{.*}} outs(%{{.*}} : tensor<3x4x2x1xf32>)
// CHECK: tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, 1, 0]
// CHECK: %[[R2:.*]] = tensor.insert_slice %{{.*}} into %[[R1]][0, 0, 1, 0] [1, 3, 5, 6] [1, 1, 2, 2]
// CHECK: linalg.generic {indexing_maps = [#[[F11]], {{.*}}]} {{.*}} outs(%{{.*}} : tensor<3x4x2x2xf32>)
// CHECK: tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: %[[R3:.*]] = tensor.insert_slice %{{.*}} into %[[R2]][0, 0, 1, 1] [1, 3, 5, 6] [1, 1, 2, 2]
// CHECK: return %[[R3]]
func.func @conv_transpose2d_stride2(%x: tensor<1x4x5x6xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x10x12xf32> {
  %0 = kiln.conv_transpose2d %x, %w, %b {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x6xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x10x12xf32>
  return %0 : tensor<1x3x10x12xf32>
}

// -----

// CHECK-DAG: #[[F00:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0 * 2 + d2, d1, (-d3 + 1) * 2, (-d4 + 1) * 2)>
// CHECK-LABEL: func @conv_transpose2d_groups2
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x6xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[G:.*]] = tensor.expand_shape %[[INIT]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 3, 11, 13]
// CHECK: %[[F0:.*]] = linalg.generic {indexing_maps = [#[[F00]], {{.*}}]} ins(%[[W]] : {{.*}}) outs(%{{.*}} : tensor<2x3x2x2x2xf32>)
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[G]][0, 0, 0, 0, 0] [1, 2, 3, 6, 7] [1, 1, 1, 2, 2]
// CHECK: %[[P0:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[GX0:.*]] = tensor.expand_shape %[[P0]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 7, 8]
// CHECK: %[[C0:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[GX0]], %[[F0]] : tensor<1x2x2x7x8xf32>, tensor<2x3x2x2x2xf32>) outs(%[[S0]] : tensor<1x2x3x6x7xf32>)
// CHECK: tensor.insert_slice %[[C0]] into %[[G]][0, 0, 0, 0, 0] [1, 2, 3, 6, 7] [1, 1, 1, 2, 2]
// CHECK-COUNT-3: linalg.conv_2d_ngchw_gfchw
// CHECK: %[[R:.*]] = tensor.insert_slice %{{.*}}[0, 0, 0, 1, 1] [1, 2, 3, 5, 6] [1, 1, 1, 2, 2]
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[R]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x3x11x13xf32> into tensor<1x6x11x13xf32>
// CHECK: return %[[OUT]]
func.func @conv_transpose2d_groups2(%x: tensor<1x4x5x6xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x6x11x13xf32> {
  %0 = kiln.conv_transpose2d %x, %w {groups = 2 : i64, strides = array<i64: 2, 2>} : (tensor<1x4x5x6xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x11x13xf32>
  return %0 : tensor<1x6x11x13xf32>
}

// -----

// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, -d2 + 2, -d3 + 2)>
// CHECK-LABEL: func @conv_transpose2d_depthwise
// CHECK: %[[F:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]} {{.*}} outs(%{{.*}} : tensor<3x1x3x3xf32>)
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 0, 2, 2] high[0, 0, 2, 2]
// CHECK: %[[D:.*]] = tensor.collapse_shape %[[F]] {{\[\[}}0, 1], [2], [3]] : tensor<3x1x3x3xf32> into tensor<3x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[P]], %[[D]] : tensor<1x3x8x8xf32>, tensor<3x3x3xf32>)
func.func @conv_transpose2d_depthwise(%x: tensor<1x3x4x4xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<1x3x6x6xf32> {
  %0 = kiln.conv_transpose2d %x, %w {groups = 3 : i64} : (tensor<1x3x4x4xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_inactive_phases
// Stride 3 with a 2x2 kernel: the phases with residue 2 receive no tap and
// keep the bias; only 2 x 2 of the 3 x 3 phases are convolutions.
// CHECK: %[[INIT:.*]] = linalg.broadcast
// CHECK-COUNT-4: linalg.conv_2d_nchw_fchw
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: %[[R:.*]] = tensor.insert_slice %{{.*}}[0, 0, 1, 1] [1, 3, 4, 4] [1, 1, 3, 3]
// CHECK: return %[[R]]
func.func @conv_transpose2d_inactive_phases(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x2x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x11x11xf32> {
  %0 = kiln.conv_transpose2d %x, %w, %b {strides = array<i64: 3, 3>} : (tensor<1x2x4x4xf32>, tensor<2x3x2x2xf32>, tensor<3xf32>) -> tensor<1x3x11x11xf32>
  return %0 : tensor<1x3x11x11xf32>
}

// -----

// CHECK-LABEL: func @conv_transpose2d_f16
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2xf16>) outs(%{{.*}} : tensor<1x2x4x4xf32>)
// CHECK: arith.extf
// CHECK: %[[ACC:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[INIT]] : tensor<1x2x4x4xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x2x4x4xf32>) outs(%{{.*}} : tensor<1x2x4x4xf16>)
// CHECK: arith.truncf
func.func @conv_transpose2d_f16(%x: tensor<1x2x3x3xf16>, %w: tensor<2x2x2x2xf16>, %b: tensor<2xf16>) -> tensor<1x2x4x4xf16> {
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x2x3x3xf16>, tensor<2x2x2x2xf16>, tensor<2xf16>) -> tensor<1x2x4x4xf16>
  return %0 : tensor<1x2x4x4xf16>
}

// -----

// CHECK-LABEL: func @matmul_2d
// CHECK-SAME: (%[[A:.*]]: tensor<7x9xf32>, %[[B:.*]]: tensor<9x5xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<7x5xf32>)
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<7x9xf32>, tensor<9x5xf32>) outs(%[[INIT]] : tensor<7x5xf32>)
// CHECK: return %[[R]]
func.func @matmul_2d(%a: tensor<7x9xf32>, %b: tensor<9x5xf32>) -> tensor<7x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<7x9xf32>, tensor<9x5xf32>) -> tensor<7x5xf32>
  return %0 : tensor<7x5xf32>
}

// -----

// CHECK-LABEL: func @matmul_vector_matrix
// CHECK-SAME: (%[[A:.*]]: tensor<5xf32>, %[[B:.*]]: tensor<5x7xf32>)
// CHECK: %[[L:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1]] output_shape [1, 5] : tensor<5xf32> into tensor<1x5xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[L]], %[[B]] : tensor<1x5xf32>, tensor<5x7xf32>)
// CHECK: tensor.collapse_shape %[[M]] {{\[\[}}0, 1]] : tensor<1x7xf32> into tensor<7xf32>
func.func @matmul_vector_matrix(%a: tensor<5xf32>, %b: tensor<5x7xf32>) -> tensor<7xf32> {
  %0 = kiln.matmul %a, %b : (tensor<5xf32>, tensor<5x7xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// CHECK-LABEL: func @matmul_matrix_vector
// CHECK-SAME: (%[[A:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<5xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [5, 1] : tensor<5xf32> into tensor<5x1xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[A]], %[[R]] : tensor<4x5xf32>, tensor<5x1xf32>)
// CHECK: tensor.collapse_shape %[[M]] {{\[\[}}0, 1]] : tensor<4x1xf32> into tensor<4xf32>
func.func @matmul_matrix_vector(%a: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<4xf32> {
  %0 = kiln.matmul %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @matmul_dot
// CHECK: tensor.expand_shape %{{.*}} output_shape [1, 5]
// CHECK: tensor.expand_shape %{{.*}} output_shape [5, 1]
// CHECK: %[[M:.*]] = linalg.matmul {{.*}} -> tensor<1x1xf32>
// CHECK: tensor.collapse_shape %[[M]] [] : tensor<1x1xf32> into tensor<f32>
func.func @matmul_dot(%a: tensor<5xf32>, %b: tensor<5xf32>) -> tensor<f32> {
  %0 = kiln.matmul %a, %b : (tensor<5xf32>, tensor<5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func @matmul_batch
// CHECK-SAME: (%[[A:.*]]: tensor<4x3x5xf32>, %[[B:.*]]: tensor<4x5x2xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK: %[[R:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<4x3x5xf32>, tensor<4x5x2xf32>) outs(%{{.*}} : tensor<4x3x2xf32>)
// CHECK: return %[[R]]
func.func @matmul_batch(%a: tensor<4x3x5xf32>, %b: tensor<4x5x2xf32>) -> tensor<4x3x2xf32> {
  %0 = kiln.matmul %a, %b : (tensor<4x3x5xf32>, tensor<4x5x2xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func @matmul_shared_rhs
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4x6xf32>)
// CHECK: %[[L:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[L]], %[[B]] : tensor<6x4xf32>, tensor<4x6xf32>)
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 6] : tensor<6x6xf32> into tensor<2x3x6xf32>
func.func @matmul_shared_rhs(%a: tensor<2x3x4xf32>, %b: tensor<4x6xf32>) -> tensor<2x3x6xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x6xf32>) -> tensor<2x3x6xf32>
  return %0 : tensor<2x3x6xf32>
}

// -----

// CHECK-LABEL: func @matmul_broadcast_batch
// CHECK-SAME: (%[[A:.*]]: tensor<2x1x3x4xf32>, %[[B:.*]]: tensor<5x4x6xf32>)
// CHECK: %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0], [1, 2], [3]] : tensor<2x1x3x4xf32> into tensor<2x3x4xf32>
// CHECK: %[[AB:.*]] = linalg.broadcast ins(%[[A3]] : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2x5x3x4xf32>) dimensions = [1]
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] : tensor<5x4x6xf32>) outs(%{{.*}} : tensor<2x5x4x6xf32>) dimensions = [0]
// CHECK: %[[L:.*]] = tensor.collapse_shape %[[AB]] {{\[\[}}0, 1], [2], [3]] : tensor<2x5x3x4xf32> into tensor<10x3x4xf32>
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[BB]] {{\[\[}}0, 1], [2], [3]] : tensor<2x5x4x6xf32> into tensor<10x4x6xf32>
// CHECK: %[[M:.*]] = linalg.batch_matmul ins(%[[L]], %[[R]] : tensor<10x3x4xf32>, tensor<10x4x6xf32>)
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 5, 3, 6] : tensor<10x3x6xf32> into tensor<2x5x3x6xf32>
func.func @matmul_broadcast_batch(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  return %0 : tensor<2x5x3x6xf32>
}

// -----

// CHECK-LABEL: func @matmul_i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : i32) outs(%{{.*}} : tensor<3x5xi32>)
// CHECK: %[[R:.*]] = linalg.matmul {{.*}} outs(%[[INIT]] : tensor<3x5xi32>)
// CHECK-NEXT: return %[[R]]
func.func @matmul_i32(%a: tensor<3x4xi32>, %b: tensor<4x5xi32>) -> tensor<3x5xi32> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// -----

// CHECK-LABEL: func @matmul_bf16
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x5xf32>)
// CHECK: %[[ACC:.*]] = linalg.matmul ins(%{{.*}} : tensor<3x4xbf16>, tensor<4x5xbf16>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<3x5xf32>) outs(%{{.*}} : tensor<3x5xbf16>)
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @matmul_bf16(%a: tensor<3x4xbf16>, %b: tensor<4x5xbf16>) -> tensor<3x5xbf16> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xbf16>, tensor<4x5xbf16>) -> tensor<3x5xbf16>
  return %0 : tensor<3x5xbf16>
}

// -----

// CHECK-LABEL: func @gemm_plain
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[R]]
func.func @gemm_plain(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @gemm_transposed_scaled
// CHECK-SAME: (%[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<5x4xf32>, %[[C:.*]]: tensor<5xf32>)
// CHECK: %[[AT:.*]] = linalg.transpose ins(%[[A]] : tensor<4x3xf32>) outs(%{{.*}} : tensor<3x4xf32>) permutation = [1, 0]
// CHECK: %[[BT:.*]] = linalg.transpose ins(%[[B]] : tensor<5x4xf32>) outs(%{{.*}} : tensor<4x5xf32>) permutation = [1, 0]
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[AT]], %[[BT]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[M]], %[[C]] : tensor<3x5xf32>, tensor<5xf32>)
// CHECK: ^bb0(%[[P:.*]]: f32, %[[Q:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[X:.*]] = arith.mulf %[[P]], %[[ALPHA]] : f32
// CHECK: %[[BETA:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[Y:.*]] = arith.mulf %[[Q]], %[[BETA]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[S]]
func.func @gemm_transposed_scaled(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b, %c {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true} : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @gemm_alpha1_column_addend
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>, %[[C:.*]]: tensor<3x1xf32>)
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[COL]], #[[ID]]], {{.*}}} ins(%[[C]] : tensor<3x1xf32>) outs(%{{.*}} : tensor<3x5xf32>)
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK: arith.mulf
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[R]]
func.func @gemm_alpha1_column_addend(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3x1xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b, %c {beta = 2.000000e+00 : f32} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @gemm_full_addend
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>, %[[C:.*]]: tensor<3x5xf32>)
// CHECK-NEXT: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[C]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[R]]
func.func @gemm_full_addend(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @gemm_i32
// CHECK: linalg.transpose
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[ZERO]] : i32)
// CHECK: linalg.matmul {{.*}} -> tensor<3x5xi32>
// CHECK: linalg.generic
// CHECK: arith.constant 2 : i32
// CHECK: arith.muli
// CHECK: arith.constant 3 : i32
// CHECK: arith.muli
// CHECK: arith.addi
func.func @gemm_i32(%a: tensor<3x4xi32>, %b: tensor<5x4xi32>, %c: tensor<5xi32>) -> tensor<3x5xi32> {
  %0 = kiln.gemm %a, %b, %c {alpha = 2.000000e+00 : f32, beta = 3.000000e+00 : f32, trans_b = true} : (tensor<3x4xi32>, tensor<5x4xi32>, tensor<5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// -----

// CHECK-LABEL: func @gemm_f16
// CHECK: %[[M:.*]] = linalg.matmul ins(%{{.*}} : tensor<3x4xf16>, tensor<4x5xf16>) outs(%{{.*}} : tensor<3x5xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[M]], %{{.*}} : tensor<3x5xf32>, tensor<5xf16>) outs(%{{.*}} : tensor<3x5xf16>)
// CHECK: ^bb0(%[[P:.*]]: f32, %[[Q:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[X:.*]] = arith.mulf %[[P]], %{{.*}} : f32
// CHECK: %[[Y:.*]] = arith.extf %[[Q]] : f16 to f32
// CHECK-NOT: arith.mulf
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @gemm_f16(%a: tensor<3x4xf16>, %b: tensor<4x5xf16>, %c: tensor<5xf16>) -> tensor<3x5xf16> {
  %0 = kiln.gemm %a, %b, %c {alpha = 5.000000e-01 : f32} : (tensor<3x4xf16>, tensor<4x5xf16>, tensor<5xf16>) -> tensor<3x5xf16>
  return %0 : tensor<3x5xf16>
}
