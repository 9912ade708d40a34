// kiln-fold-shuffles on a model with its weights as constants (it folds only
// constant weights), compiled to a .so and compared with numpy: a shuffle
// moved past relu, a batch norm, a product with per-channel constants and a
// depthwise conv into a 1x1 conv; a
// reshape-transpose-reshape of channel factors [2, 3, 2] -> [2, 2, 3] (not a
// shuffle) absorbed by the 1x1 conv producing it, through a relu; a split of a
// shuffle, left as two gathers; a padded 3x3 conv of a concat of a channel
// slice and a relu (lowered as one conv per concat input). The FileCheck lines check that the folds
// happened.
// RUN: kiln-compile %s --emit=kiln -o - | FileCheck %s --implicit-check-not=kiln.channel_shuffle --implicit-check-not=kiln.transpose
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/fold-shuffles.py | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: PASS

// CHECK-LABEL: func.func @main
// CHECK: kiln.relu %arg0
// CHECK: kiln.mul
// CHECK: kiln.conv2d %arg0
// CHECK-COUNT-2: kiln.gather %arg0
// CHECK-NOT: kiln.gather

module @fold_shuffles {
  func.func @main(%x: tensor<1x4x5x5xf32> {kiln.name = "x"})
      -> (tensor<1x3x5x5xf32> {kiln.name = "y1"}, tensor<1x12x5x5xf32> {kiln.name = "y2"},
          tensor<1x2x5x5xf32> {kiln.name = "y3"}, tensor<1x2x5x5xf32> {kiln.name = "y4"},
          tensor<1x2x5x5xf32> {kiln.name = "y5"}) {
    %scale = kiln.constant dense<[0.5, 0.75, 1.0, 1.25]> : tensor<4xf32>
    %bias = kiln.constant dense<[0.5, -0.25, 0.125, -1.0]> : tensor<4xf32>
    %mean = kiln.constant dense<[0.1, -0.2, 0.3, -0.4]> : tensor<4xf32>
    %var = kiln.constant dense<[1.0, 2.0, 0.5, 4.0]> : tensor<4xf32>
    %dw = kiln.constant dense<[[[[-1.0, -0.375, 0.25], [0.875, -0.625, 0.0], [0.625, -0.875, -0.25]]], [[[0.375, 1.0, -0.5], [0.125, 0.75, -0.75], [-0.125, 0.5, -1.0]]], [[[-0.375, 0.25, 0.875], [-0.625, 0.0, 0.625], [-0.875, -0.25, 0.375]]], [[[1.0, -0.5, 0.125], [0.75, -0.75, -0.125], [0.5, -1.0, -0.375]]]]> : tensor<4x1x3x3xf32>
    %db = kiln.constant dense<[-2.0, -1.25, -0.5, 0.25]> : tensor<4xf32>
    %pw = kiln.constant dense<[[[[-1.0]], [[-0.125]], [[0.75]], [[-0.5]]], [[[0.375]], [[-0.875]], [[0.0]], [[0.875]]], [[[-0.375]], [[0.5]], [[-0.75]], [[0.125]]]]> : tensor<3x4x1x1xf32>
    %pb = kiln.constant dense<[-2.0, -1.5, -1.0]> : tensor<3xf32>
    %w12 = kiln.constant dense<[[[[-1.0]], [[0.375]], [[-0.375]], [[1.0]]], [[[0.25]], [[-0.5]], [[0.875]], [[0.125]]], [[[-0.625]], [[0.75]], [[0.0]], [[-0.75]]], [[[0.625]], [[-0.125]], [[-0.875]], [[0.5]]], [[[-0.25]], [[-1.0]], [[0.375]], [[-0.375]]], [[[1.0]], [[0.25]], [[-0.5]], [[0.875]]], [[[0.125]], [[-0.625]], [[0.75]], [[0.0]]], [[[-0.75]], [[0.625]], [[-0.125]], [[-0.875]]], [[[0.5]], [[-0.25]], [[-1.0]], [[0.375]]], [[[-0.375]], [[1.0]], [[0.25]], [[-0.5]]], [[[0.875]], [[0.125]], [[-0.625]], [[0.75]]], [[[0.0]], [[-0.75]], [[0.625]], [[-0.125]]]]> : tensor<12x4x1x1xf32>
    %b12 = kiln.constant dense<[-1.0, 0.625, 0.125, -0.375, -0.875, 0.75, 0.25, -0.25, -0.75, 0.875, 0.375, -0.125]> : tensor<12xf32>

    %s = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
    %r = kiln.relu %s : tensor<1x4x5x5xf32>
    %n = kiln.batch_norm %r, %scale, %bias, %mean, %var : (tensor<1x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
    %k = kiln.constant dense<[[[[1.5]], [[-0.5]], [[2.0]], [[0.25]]]]> : tensor<1x4x1x1xf32>
    %nk = kiln.mul %n, %k : (tensor<1x4x5x5xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x5x5xf32>
    %d = kiln.conv2d %nk, %dw, %db {groups = 4 : i64, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
    %y1 = kiln.conv2d %d, %pw, %pb : (tensor<1x4x5x5xf32>, tensor<3x4x1x1xf32>, tensor<3xf32>) -> tensor<1x3x5x5xf32>

    %c = kiln.conv2d %x, %w12, %b12 : (tensor<1x4x5x5xf32>, tensor<12x4x1x1xf32>, tensor<12xf32>) -> tensor<1x12x5x5xf32>
    %cr = kiln.relu %c : tensor<1x12x5x5xf32>
    %a = kiln.reshape %cr {shape = array<i64: 1, 2, 3, 2, 5, 5>} : (tensor<1x12x5x5xf32>) -> tensor<1x2x3x2x5x5xf32>
    %t = kiln.transpose %a {permutation = array<i64: 0, 3, 1, 2, 4, 5>} : (tensor<1x2x3x2x5x5xf32>) -> tensor<1x2x2x3x5x5xf32>
    %y2 = kiln.reshape %t {shape = array<i64: 1, 12, 5, 5>} : (tensor<1x2x2x3x5x5xf32>) -> tensor<1x12x5x5xf32>

    %s2 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
    %p:2 = kiln.split %s2 {axis = 1 : i64, sizes = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>) -> (tensor<1x2x5x5xf32>, tensor<1x2x5x5xf32>)

    %w5 = kiln.constant dense<[[[[-0.5, -0.3125, -0.125], [0.0625, 0.25, 0.4375], [-0.4375, -0.25, -0.0625]], [[0.125, 0.3125, 0.5], [-0.375, -0.1875, 0.0], [0.1875, 0.375, -0.5]], [[-0.3125, -0.125, 0.0625], [0.25, 0.4375, -0.4375], [-0.25, -0.0625, 0.125]], [[0.3125, 0.5, -0.375], [-0.1875, 0.0, 0.1875], [0.375, -0.5, -0.3125]], [[-0.125, 0.0625, 0.25], [0.4375, -0.4375, -0.25], [-0.0625, 0.125, 0.3125]], [[0.5, -0.375, -0.1875], [0.0, 0.1875, 0.375], [-0.5, -0.3125, -0.125]]], [[[0.0625, 0.25, 0.4375], [-0.4375, -0.25, -0.0625], [0.125, 0.3125, 0.5]], [[-0.375, -0.1875, 0.0], [0.1875, 0.375, -0.5], [-0.3125, -0.125, 0.0625]], [[0.25, 0.4375, -0.4375], [-0.25, -0.0625, 0.125], [0.3125, 0.5, -0.375]], [[-0.1875, 0.0, 0.1875], [0.375, -0.5, -0.3125], [-0.125, 0.0625, 0.25]], [[0.4375, -0.4375, -0.25], [-0.0625, 0.125, 0.3125], [0.5, -0.375, -0.1875]], [[0.0, 0.1875, 0.375], [-0.5, -0.3125, -0.125], [0.0625, 0.25, 0.4375]]]]> : tensor<2x6x3x3xf32>
    %xs = kiln.slice %x {starts = array<i64: 0, 1, 0, 0>, ends = array<i64: 1, 3, 5, 5>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x5x5xf32>) -> tensor<1x2x5x5xf32>
    %xr = kiln.relu %x : tensor<1x4x5x5xf32>
    %cat = kiln.concat %xs, %xr {axis = 1 : i64} : (tensor<1x2x5x5xf32>, tensor<1x4x5x5xf32>) -> tensor<1x6x5x5xf32>
    %y5 = kiln.conv2d %cat, %w5 {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x6x5x5xf32>, tensor<2x6x3x3xf32>) -> tensor<1x2x5x5xf32>
    return %y1, %y2, %p#0, %p#1, %y5 : tensor<1x3x5x5xf32>, tensor<1x12x5x5xf32>, tensor<1x2x5x5xf32>, tensor<1x2x5x5xf32>, tensor<1x2x5x5xf32>
  }
}
