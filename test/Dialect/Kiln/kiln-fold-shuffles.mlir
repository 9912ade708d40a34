// RUN: kiln-opt %s --kiln-fold-shuffles --split-input-file | FileCheck %s

// A shuffle of 4 channels in 2 groups reads channels [0, 2, 1, 3]; the 1x1
// conv after it takes its input channel c from x channel m[c], so column
// m[c] of the new filter is column c of the old: [1, 2, 3, 4] -> [1, 3, 2, 4].
// CHECK-LABEL: func @into_conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK: %[[W:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[3.000000e+00]], {{\[}}[2.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<1x4x1x1xf32>
// CHECK: %[[C:.*]] = kiln.conv2d %[[X]], %[[W]] :
// CHECK-NOT: kiln.channel_shuffle
// CHECK: return %[[C]]
func.func @into_conv(%x: tensor<1x4x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %w = kiln.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %c = kiln.conv2d %s, %w : (tensor<1x4x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x1x3x3xf32>
  return %c : tensor<1x1x3x3xf32>
}

// -----

// Negative: a filter that is not a constant, and a grouped conv, keep the
// shuffle.
// CHECK-LABEL: func @conv_not_foldable
// CHECK: %[[S:.*]] = kiln.channel_shuffle
// CHECK: kiln.conv2d %[[S]], %arg1
// CHECK: kiln.conv2d %[[S]], %{{.*}} {groups = 2 : i64}
func.func @conv_not_foldable(%x: tensor<1x4x3x3xf32>, %w: tensor<1x4x1x1xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) {
  %g = kiln.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %c = kiln.conv2d %s, %w : (tensor<1x4x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x1x3x3xf32>
  %d = kiln.conv2d %s, %g {groups = 2 : i64} : (tensor<1x4x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %c, %d : tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Two shuffles compose: groups 2 then groups 3 on 6 channels read
// [0, 3, 1, 4, 2, 5] then [0, 2, 4, 1, 3, 5] of that: [0, 1, 2, 3, 4, 5],
// the identity; groups 2 twice on 6 channels give [0, 4, 3, 2, 1, 5].
// CHECK-LABEL: func @compose
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x2x2xf32>)
// CHECK: %[[I:.*]] = kiln.constant dense<[0, 4, 3, 2, 1, 5]> : tensor<6xi64>
// CHECK: %[[G:.*]] = kiln.gather %[[X]], %[[I]] {axis = 1 : i64}
// CHECK: return %[[X]], %[[G]]
func.func @compose(%x: tensor<1x6x2x2xf32>) -> (tensor<1x6x2x2xf32>, tensor<1x6x2x2xf32>) {
  %a = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x6x2x2xf32>
  %b = kiln.channel_shuffle %a {groups = 3 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x6x2x2xf32>
  %c = kiln.channel_shuffle %a {groups = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x6x2x2xf32>
  return %b, %c : tensor<1x6x2x2xf32>, tensor<1x6x2x2xf32>
}

// -----

// ShuffleNetV2: concat(a, b) -> shuffle(2) -> halves. The first half is
// [a0, b0, a1, b1] (a permutation of concat(a[0:2], b[0:2])), the second
// [a2, b2, a3, b3]; the second half goes into a 1x1 conv (the permutation
// [0, 2, 1, 3] goes into its filter), the first half into the next unit's
// concat with c, and the next shuffle meets it there. No shuffle is left.
// CHECK-LABEL: func @shufflenet_units
// CHECK-SAME: (%[[A:.*]]: tensor<1x4x2x2xf32>, %[[B:.*]]: tensor<1x4x2x2xf32>, %[[C:.*]]: tensor<1x4x2x2xf32>)
// CHECK-NOT: kiln.channel_shuffle
// CHECK-DAG: %[[A1:.*]] = kiln.slice %[[A]] {ends = array<i64: 1, 4, 2, 2>, starts = array<i64: 0, 2, 0, 0>
// CHECK-DAG: %[[B1:.*]] = kiln.slice %[[B]] {ends = array<i64: 1, 4, 2, 2>, starts = array<i64: 0, 2, 0, 0>
// CHECK-DAG: %[[H1:.*]] = kiln.concat %[[A1]], %[[B1]] {axis = 1 : i64}
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[3.000000e+00]], {{\[}}[2.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<1x4x1x1xf32>
// CHECK-DAG: %[[CONV:.*]] = kiln.conv2d %[[H1]], %[[W]]
// CHECK-DAG: %[[A0:.*]] = kiln.slice %[[A]] {ends = array<i64: 1, 2, 2, 2>, starts = array<i64: 0, 0, 0, 0>
// CHECK-DAG: %[[B0:.*]] = kiln.slice %[[B]] {ends = array<i64: 1, 2, 2, 2>, starts = array<i64: 0, 0, 0, 0>
// CHECK-DAG: %[[CAT:.*]] = kiln.concat %[[A0]], %[[B0]], %[[C]] {axis = 1 : i64}
// The next unit's output is shuffle(concat([a0, b0, a1, b1], c)):
// [a0, c0, b0, c1, a1, c2, b1, c3] = channels [0, 4, 2, 5, 1, 6, 3, 7] of
// concat(a0, a1, b0, b1, c), left as a gather (no neighbour absorbs it).
// CHECK-DAG: %[[I:.*]] = kiln.constant dense<[0, 4, 2, 5, 1, 6, 3, 7]> : tensor<8xi64>
// CHECK-DAG: %[[OUT:.*]] = kiln.gather %[[CAT]], %[[I]] {axis = 1 : i64}
// CHECK: return %[[CONV]], %[[OUT]]
func.func @shufflenet_units(%a: tensor<1x4x2x2xf32>, %b: tensor<1x4x2x2xf32>, %c: tensor<1x4x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x8x2x2xf32>) {
  %w = kiln.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %cat = kiln.concat %a, %b {axis = 1 : i64} : (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x8x2x2xf32>
  %s = kiln.channel_shuffle %cat {groups = 2 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %x1 = kiln.slice %s {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 4, 2, 2>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x8x2x2xf32>) -> tensor<1x4x2x2xf32>
  %x2 = kiln.slice %s {starts = array<i64: 0, 4, 0, 0>, ends = array<i64: 1, 8, 2, 2>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x8x2x2xf32>) -> tensor<1x4x2x2xf32>
  %conv = kiln.conv2d %x2, %w : (tensor<1x4x2x2xf32>, tensor<1x4x1x1xf32>) -> tensor<1x1x2x2xf32>
  %cat2 = kiln.concat %x1, %c {axis = 1 : i64} : (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x8x2x2xf32>
  %s2 = kiln.channel_shuffle %cat2 {groups = 2 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  return %conv, %s2 : tensor<1x1x2x2xf32>, tensor<1x8x2x2xf32>
}

// -----

// A split of the channels of a shuffle is a selection of each piece.
// CHECK-LABEL: func @split
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x2x2xf32>)
// CHECK-DAG: %[[I0:.*]] = kiln.constant dense<[0, 2]> : tensor<2xi64>
// CHECK-DAG: %[[I1:.*]] = kiln.constant dense<[1, 3]> : tensor<2xi64>
// CHECK-DAG: %[[P0:.*]] = kiln.gather %[[X]], %[[I0]] {axis = 1 : i64}
// CHECK-DAG: %[[P1:.*]] = kiln.gather %[[X]], %[[I1]] {axis = 1 : i64}
// CHECK: return %[[P0]], %[[P1]]
func.func @split(%x: tensor<1x4x2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %p:2 = kiln.split %s {axis = 1 : i64, sizes = array<i64: 2, 2>} : (tensor<1x4x2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>)
  return %p#0, %p#1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// Negative: a slice that also cuts a spatial dimension, and a split along
// the height, keep the shuffle.
// CHECK-LABEL: func @spatial_slice
// CHECK: %[[S:.*]] = kiln.channel_shuffle
// CHECK: kiln.slice %[[S]]
// CHECK: kiln.split %[[S]] {axis = 2 : i64
func.func @spatial_slice(%x: tensor<1x4x2x2xf32>) -> (tensor<1x2x1x2xf32>, tensor<1x4x1x2xf32>) {
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %a = kiln.slice %s {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 1, 2>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x2x2xf32>) -> tensor<1x2x1x2xf32>
  %p:2 = kiln.split %s {axis = 2 : i64, sizes = array<i64: 1, 1>} : (tensor<1x4x2x2xf32>) -> (tensor<1x4x1x2xf32>, tensor<1x4x1x2xf32>)
  return %a, %p#0 : tensor<1x2x1x2xf32>, tensor<1x4x1x2xf32>
}

// -----

// The shuffle moves past relu, a batch norm and a depthwise conv (their
// per-channel constants permuted: channel m[c] of x gets the parameter of
// channel c) into the 1x1 conv. m = [0, 2, 1, 3].
// CHECK-LABEL: func @sink
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NOT: kiln.channel_shuffle
// CHECK-NOT: kiln.gather
// CHECK-DAG: %[[BS:.*]] = kiln.constant dense<[1.000000e+00, 3.000000e+00, 2.000000e+00, 4.000000e+00]>
// CHECK-DAG: %[[DW:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+01]]], {{\[}}{{\[}}[3.000000e+01]]], {{\[}}{{\[}}[2.000000e+01]]], {{\[}}{{\[}}[4.000000e+01]]]]>
// CHECK: %[[R:.*]] = kiln.relu %[[X]]
// CHECK: %[[N:.*]] = kiln.batch_norm %[[R]], %[[BS]]
// CHECK: %[[D:.*]] = kiln.conv2d %[[N]], %[[DW]] {groups = 4 : i64}
// CHECK: %[[C:.*]] = kiln.conv2d %[[D]], %{{.*}} :
// CHECK: return %[[C]]
func.func @sink(%x: tensor<1x4x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %r = kiln.relu %s : tensor<1x4x3x3xf32>
  %scale = kiln.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %zero = kiln.constant dense<0.0> : tensor<4xf32>
  %one = kiln.constant dense<1.0> : tensor<4xf32>
  %n = kiln.batch_norm %r, %scale, %zero, %zero, %one : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %dw = kiln.constant dense<[[[[10.0]]], [[[20.0]]], [[[30.0]]], [[[40.0]]]]> : tensor<4x1x1x1xf32>
  %d = kiln.conv2d %n, %dw {groups = 4 : i64} : (tensor<1x4x3x3xf32>, tensor<4x1x1x1xf32>) -> tensor<1x4x3x3xf32>
  %w = kiln.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %c = kiln.conv2d %d, %w : (tensor<1x4x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x1x3x3xf32>
  return %c : tensor<1x1x3x3xf32>
}

// -----

// Negative: a shuffle used by a relu and by the result does not move (it
// would then be computed twice).
// CHECK-LABEL: func @no_sink_shared
// CHECK: %[[S:.*]] = kiln.channel_shuffle
// CHECK: kiln.relu %[[S]]
func.func @no_sink_shared(%x: tensor<1x4x3x3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %r = kiln.relu %s : tensor<1x4x3x3xf32>
  return %r, %s : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// -----

// A pointwise conv that produces the shuffled tensor (through a relu)
// computes its output channels in the shuffled order: rows [0, 2, 1, 3] of
// the filter and bias.
// CHECK-LABEL: func @into_producer
// CHECK-SAME: (%[[X:.*]]: tensor<1x1x3x3xf32>)
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]]], {{\[}}{{\[}}[2.000000e+00]]], {{\[}}{{\[}}[4.000000e+00]]]]> : tensor<4x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = kiln.constant dense<[5.000000e+00, 7.000000e+00, 6.000000e+00, 8.000000e+00]>
// CHECK: %[[C:.*]] = kiln.conv2d %[[X]], %[[W]], %[[B]]
// CHECK: %[[R:.*]] = kiln.relu %[[C]]
// CHECK: return %[[R]]
func.func @into_producer(%x: tensor<1x1x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]], [[[3.0]]], [[[4.0]]]]> : tensor<4x1x1x1xf32>
  %b = kiln.constant dense<[5.0, 6.0, 7.0, 8.0]> : tensor<4xf32>
  %c = kiln.conv2d %x, %w, %b : (tensor<1x1x3x3xf32>, tensor<4x1x1x1xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %r = kiln.relu %c : tensor<1x4x3x3xf32>
  %s = kiln.channel_shuffle %r {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %s : tensor<1x4x3x3xf32>
}

// -----

// Negative: the producer's result is used twice.
// CHECK-LABEL: func @producer_shared
// CHECK: %[[C:.*]] = kiln.conv2d
// CHECK: kiln.channel_shuffle %[[C]]
func.func @producer_shared(%x: tensor<1x1x3x3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]], [[[3.0]]], [[[4.0]]]]> : tensor<4x1x1x1xf32>
  %c = kiln.conv2d %x, %w : (tensor<1x1x3x3xf32>, tensor<4x1x1x1xf32>) -> tensor<1x4x3x3xf32>
  %s = kiln.channel_shuffle %c {groups = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %s, %c : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// -----

// A reshape -> transpose -> reshape that permutes factors of the channels
// ([2, 3] -> [3, 2]: a shuffle with 2 groups) is a channel map too; the
// conv absorbs it. One that moves a spatial dimension is not.
// CHECK-LABEL: func @transpose_chain
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x2x2xf32>)
// CHECK: %[[C:.*]] = kiln.conv2d %[[X]]
// CHECK: kiln.transpose %{{.*}} {permutation = array<i64: 0, 1, 3, 2>}
// CHECK: return %[[C]]
func.func @transpose_chain(%x: tensor<1x6x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x6x2x2xf32>) {
  %a = kiln.reshape %x {shape = array<i64: 1, 2, 3, 2, 2>} : (tensor<1x6x2x2xf32>) -> tensor<1x2x3x2x2xf32>
  %t = kiln.transpose %a {permutation = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x3x2x2xf32>) -> tensor<1x3x2x2x2xf32>
  %b = kiln.reshape %t {shape = array<i64: 1, 6, 2, 2>} : (tensor<1x3x2x2x2xf32>) -> tensor<1x6x2x2xf32>
  %w = kiln.constant dense<1.0> : tensor<1x6x1x1xf32>
  %c = kiln.conv2d %b, %w : (tensor<1x6x2x2xf32>, tensor<1x6x1x1xf32>) -> tensor<1x1x2x2xf32>
  %t2 = kiln.transpose %x {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x6x2x2xf32>) -> tensor<1x6x2x2xf32>
  return %c, %t2 : tensor<1x1x2x2xf32>, tensor<1x6x2x2xf32>
}

// -----

// A binary op whose operands are the same map of two tensors, or a map and
// a constant (per-channel constants permuted as the channels: entry m[c] of
// the new constant is entry c of the old, m = [0, 2, 1, 3]; a splat is kept),
// applies to the unmapped tensors; the conv absorbs the map.
// CHECK-LABEL: func @sink_binary
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x2x2xf32>, %[[Y:.*]]: tensor<1x4x2x2xf32>)
// CHECK-NOT: kiln.channel_shuffle
// CHECK-NOT: kiln.gather
// CHECK-DAG: %[[K:.*]] = kiln.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[3.000000e+00]], {{\[}}[2.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<1x4x1x1xf32>
// CHECK-DAG: %[[H:.*]] = kiln.constant dense<5.000000e-01> : tensor<f32>
// CHECK: %[[A:.*]] = kiln.add %[[X]], %[[Y]]
// CHECK: %[[M:.*]] = kiln.mul %[[A]], %[[K]]
// CHECK: %[[S:.*]] = kiln.sub %[[H]], %[[M]]
// CHECK: kiln.conv2d %[[S]]
func.func @sink_binary(%x: tensor<1x4x2x2xf32>, %y: tensor<1x4x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %sx = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %sy = kiln.channel_shuffle %y {groups = 2 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %a = kiln.add %sx, %sy : (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %k = kiln.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %m = kiln.mul %a, %k : (tensor<1x4x2x2xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x2x2xf32>
  %h = kiln.constant dense<0.5> : tensor<f32>
  %s = kiln.sub %h, %m : (tensor<f32>, tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %w = kiln.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]]> : tensor<1x4x1x1xf32>
  %c = kiln.conv2d %s, %w : (tensor<1x4x2x2xf32>, tensor<1x4x1x1xf32>) -> tensor<1x1x2x2xf32>
  return %c : tensor<1x1x2x2xf32>
}

// -----

// Negative: the other operand is a different map, or not a constant.
// CHECK-LABEL: func @no_sink_binary
// CHECK: %[[S2:.*]] = kiln.channel_shuffle %arg0 {groups = 2 : i64}
// CHECK: %[[S4:.*]] = kiln.channel_shuffle %arg1 {groups = 4 : i64}
// CHECK: kiln.add %[[S2]], %[[S4]]
// CHECK: %[[T:.*]] = kiln.channel_shuffle %arg0 {groups = 4 : i64}
// CHECK: kiln.mul %[[T]], %arg2
func.func @no_sink_binary(%x: tensor<1x8x2x2xf32>, %y: tensor<1x8x2x2xf32>, %z: tensor<1x8x2x2xf32>) -> (tensor<1x8x2x2xf32>, tensor<1x8x2x2xf32>) {
  %sx = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %sy = kiln.channel_shuffle %y {groups = 4 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %a = kiln.add %sx, %sy : (tensor<1x8x2x2xf32>, tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %t = kiln.channel_shuffle %x {groups = 4 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %m = kiln.mul %t, %z : (tensor<1x8x2x2xf32>, tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  return %a, %m : tensor<1x8x2x2xf32>, tensor<1x8x2x2xf32>
}
