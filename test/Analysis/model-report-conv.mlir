// The model report of a convolution stack, with receptive fields computed by
// hand (size r, jump j, start s: r += (k_eff - 1) * j, s += ((k_eff - 1) / 2
// - pad_before) * j, j *= stride, with k_eff = dilation * (k - 1) + 1):
//
//   input                    r = 1   j = 1  s = 0
//   conv1 3x3 p1             r = 3   j = 1  s = 0
//   conv2 3x3 s2 p1 (+BN)    r = 5   j = 2  s = 0
//   relu                     unchanged
//   pool 2x2 s2              r = 7   j = 4  s = 0 + 0.5 * 2 = 1
//   conv3 3x3 d2 p2          r = 7 + 4 * 4 = 23, j = 4, s = 1 + (2 - 2) * 4 = 1
//   conv4 5x3 p(2, 1)        r = 23 + 4 * 4 = 39 (H) and 23 + 2 * 4 = 31 (W)
//
// FLOPs = 2 * outputs * (C/G * KH * KW) + outputs for a bias:
//   conv1: 1x4x16x16 = 1024 outputs, 2 * 1024 * 9 + 1024 = 19,456
//   conv2: 512 outputs, 2 * 512 * 36 + 512 (the folded batch norm's bias) = 37,376
//   relu: 512; max pool: 128 * 4 = 512
//   conv3: 128 outputs, 2 * 128 * 72 = 18,432
//   conv4: 32 outputs, 2 * 32 * 8 * 15 = 7,680
//   total 83,968. Params: 36 + 4, 288 + 8, 576, 240 = 1,152.

// RUN: kiln-compile %s --emit=kiln -o /dev/null --report | FileCheck %s
// RUN: kiln-compile %s --emit=kiln -o /dev/null --report=%t.txt && FileCheck %s < %t.txt
// RUN: kiln-compile %s --emit=kiln -o /dev/null --report-graph=%t.dot && FileCheck %s --check-prefix=DOT < %t.dot

// CHECK: model report of @main (6 layers)
// CHECK-NEXT: layer {{ *}}op{{ *}}output{{ *}}FLOPs{{ *}}params{{ *}}RF{{ *}}jump{{ *}}start{{ *}}fused
// CHECK-NEXT: conv1 {{ *}}conv2d{{ *}}1x4x16x16{{ *}}19,456{{ *}}40{{ *}}3{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: conv2 {{ *}}conv2d{{ *}}1x8x8x8{{ *}}37,376{{ *}}296{{ *}}5{{ *}}2{{ *}}0{{ *}}kiln-fold-batch-norm{{$}}
// CHECK-NEXT: relu2 {{ *}}relu{{ *}}1x8x8x8{{ *}}512{{ *}}0{{ *}}5{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: pool {{ *}}max_pool2d{{ *}}1x8x4x4{{ *}}512{{ *}}0{{ *}}7{{ *}}4{{ *}}1{{$}}
// CHECK-NEXT: conv3 {{ *}}conv2d{{ *}}1x8x4x4{{ *}}18,432{{ *}}576{{ *}}23{{ *}}4{{ *}}1{{$}}
// CHECK-NEXT: model-report-conv.mlir:{{[0-9]+}} {{ *}}conv2d{{ *}}1x2x4x4{{ *}}7,680{{ *}}240{{ *}}39x31{{ *}}4{{ *}}1{{$}}
// CHECK-NEXT: total {{ *}}83,968{{ *}}1,152{{ *}}39x31{{ *}}4{{ *}}1{{$}}

// DOT: digraph "main" {
// DOT: in0 [shape=ellipse, label="x\n1x1x16x16"];
// DOT: n0 [label="conv1\nconv2d 1x4x16x16\n19,456 FLOPs"];
// DOT: n1 [label="conv2\nconv2d 1x8x8x8\n37,376 FLOPs\nfused: kiln-fold-batch-norm", style=filled, fillcolor="#ffd27f"];
// DOT: in0 -> n0;
// DOT: n0 -> n1;
// DOT: n5 -> out0;
// DOT: }

func.func @main(%x: tensor<1x1x16x16xf32> {kiln.name = "x"}) -> tensor<1x2x4x4xf32> {
  %w1 = kiln.constant dense<0.5> : tensor<4x1x3x3xf32>
  %b1 = kiln.constant dense<0.1> : tensor<4xf32>
  %w2 = kiln.constant dense<0.25> : tensor<8x4x3x3xf32>
  %s = kiln.constant dense<2.0> : tensor<8xf32>
  %t = kiln.constant dense<0.5> : tensor<8xf32>
  %m = kiln.constant dense<0.0> : tensor<8xf32>
  %v = kiln.constant dense<1.0> : tensor<8xf32>
  %w3 = kiln.constant dense<0.125> : tensor<8x8x3x3xf32>
  %w4 = kiln.constant dense<1.0> : tensor<2x8x5x3xf32>
  %c1 = kiln.conv2d %x, %w1, %b1 {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x1x16x16xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x16x16xf32> loc("conv1")
  %c2 = kiln.conv2d %c1, %w2 {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x16x16xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> loc("conv2")
  %n2 = kiln.batch_norm %c2, %s, %t, %m, %v : (tensor<1x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32> loc("bn2")
  %r2 = kiln.relu %n2 : tensor<1x8x8x8xf32> loc("relu2")
  %p = kiln.max_pool2d %r2 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x8x8x8xf32>) -> tensor<1x8x4x4xf32> loc("pool")
  %c3 = kiln.conv2d %p, %w3 {dilations = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x4x4xf32> loc("conv3")
  %c4 = kiln.conv2d %c3, %w4 {padding = array<i64: 2, 1, 2, 1>} : (tensor<1x8x4x4xf32>, tensor<2x8x5x3xf32>) -> tensor<1x2x4x4xf32>
  return %c4 : tensor<1x2x4x4xf32>
}
