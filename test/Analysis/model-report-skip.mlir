// ResNet-like blocks: the receptive field of an elementwise op with several
// inputs is the hull of theirs (the union of the intervals
// [s - (r - 1) / 2, s + (r - 1) / 2] of input pixels, and the largest jump).
//
// Identity skip: conv a 3x3 p1 -> r 3, conv b 3x3 p1 -> r 5 ([-2, 2]);
// adding x (r 1, [0, 0]) keeps r 5, s 0.
// Downsampling block on that (r 5, j 1, s 0): main path conv 3x3 s2 with
// padding at the bottom/right only: r 7, s = 0 + (1 - 0) * 1 = 1, [-2, 4];
// shortcut conv 3x3 s2 with padding 2 at the top/left:
// s = 0 + (1 - 2) * 1 = -1, [-4, 2]; their sum covers [-4, 4]: r 9, s 0,
// j 2 (either input alone would say r 7).
// FLOPs: convs 2 * outputs * 4 * 3 * 3 (256 and 64 outputs); add and relu 1
// per output element. Then a classifier: global average pool over 4x4 (a
// window of 4 at jump 2: r = 9 + 3 * 2 = 15, s = 0 + 1.5 * 2 = 3; FLOPs
// 64 + 4), a reshape to 1x4 and a gemm, which keep the field of the
// collapsed pixels (FLOPs 2 * 10 * 4 + 10, params 40 + 10). Total
// 2 * 18,432 + 3 * 256 + 2 * 4,608 + 2 * 64 + 68 + 90 = 47,134.

// RUN: kiln-compile %s --emit=kiln -o /dev/null --report | FileCheck %s

// CHECK: model report of @main (12 layers)
// CHECK: a {{ *}}conv2d{{ *}}1x4x8x8{{ *}}18,432{{ *}}144{{ *}}3{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: a_relu {{ *}}relu{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}3{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: b {{ *}}conv2d{{ *}}1x4x8x8{{ *}}18,432{{ *}}144{{ *}}5{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: skip {{ *}}add{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}5{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: out1 {{ *}}relu{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}5{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: main {{ *}}conv2d{{ *}}1x4x4x4{{ *}}4,608{{ *}}144{{ *}}7{{ *}}2{{ *}}1{{$}}
// CHECK-NEXT: shortcut {{ *}}conv2d{{ *}}1x4x4x4{{ *}}4,608{{ *}}144{{ *}}7{{ *}}2{{ *}}-1{{$}}
// CHECK-NEXT: down {{ *}}add{{ *}}1x4x4x4{{ *}}64{{ *}}0{{ *}}9{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: out2 {{ *}}relu{{ *}}1x4x4x4{{ *}}64{{ *}}0{{ *}}9{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: pool {{ *}}global_avg_pool{{ *}}1x4x1x1{{ *}}68{{ *}}0{{ *}}15{{ *}}2{{ *}}3{{$}}
// CHECK-NEXT: flat {{ *}}reshape{{ *}}1x4{{ *}}0{{ *}}0{{ *}}15{{ *}}2{{ *}}3{{$}}
// CHECK-NEXT: fc {{ *}}gemm{{ *}}1x10{{ *}}90{{ *}}50{{ *}}15{{ *}}2{{ *}}3{{$}}
// CHECK-NEXT: total {{ *}}47,134{{ *}}626{{ *}}15{{ *}}2{{ *}}3{{$}}

func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x10xf32> {
  %wa = kiln.constant dense<0.5> : tensor<4x4x3x3xf32>
  %wb = kiln.constant dense<0.25> : tensor<4x4x3x3xf32>
  %wm = kiln.constant dense<0.125> : tensor<4x4x3x3xf32>
  %ws = kiln.constant dense<-0.125> : tensor<4x4x3x3xf32>
  %a = kiln.conv2d %x, %wa {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32> loc("a")
  %ar = kiln.relu %a : tensor<1x4x8x8xf32> loc("a_relu")
  %b = kiln.conv2d %ar, %wb {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32> loc("b")
  %sum = kiln.add %b, %x : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> loc("skip")
  %y = kiln.relu %sum : tensor<1x4x8x8xf32> loc("out1")
  %m = kiln.conv2d %y, %wm {padding = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32> loc("main")
  %s = kiln.conv2d %y, %ws {padding = array<i64: 2, 2, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32> loc("shortcut")
  %d = kiln.add %m, %s : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> loc("down")
  %z = kiln.relu %d : tensor<1x4x4x4xf32> loc("out2")
  %g = kiln.global_avg_pool %z : (tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32> loc("pool")
  %f = kiln.reshape %g {shape = array<i64: 1, 4>} : (tensor<1x4x1x1xf32>) -> tensor<1x4xf32> loc("flat")
  %wf = kiln.constant dense<0.01> : tensor<10x4xf32>
  %bf = kiln.constant dense<0.1> : tensor<10xf32>
  %o = kiln.gemm %f, %wf, %bf {trans_b = true} : (tensor<1x4xf32>, tensor<10x4xf32>, tensor<10xf32>) -> tensor<1x10xf32> loc("fc")
  return %o : tensor<1x10xf32>
}
