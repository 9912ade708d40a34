// Receptive-field rules of the resampling ops, computed by hand (size r,
// jump j, start s; the same in height and width unless noted):
//
//   input                                     r 1    j 1    s 0
//   conv 3x3 s2 p1 -> 4x4                     r 3    j 2    s 0
//   conv_transpose 4x4 s2 p1 -> 8x8: j = 2 / 2 = 1 first, then a stride-1
//     window of 4 taps with padding 4 - 1 - 1 = 2:
//                                             r 3 + 3 = 6, j 1,
//                                             s 0 + (1.5 - 2) * 1 = -0.5
//   pixel_unshuffle 2 (a 2x2 window, stride 2) r 7    j 2    s 0
//   relu (between the two, so that they do not cancel)
//   pixel_shuffle 2: j / 2, s + (1/4 - 1/2) * 2 r 7    j 1    s -0.5
//   resize nearest asymmetric x2: x0 = 0      r 7    j 0.5  s -0.5
//   resize linear half_pixel x0.5: x0 = 0.5 / 0.5 - 0.5 = 0.5, 2 taps
//     centered on floor(x0) + 1/2 = 0.5:      r 7.5  j 1    s -0.5 + 0.25 = -0.25
//   pad 2 rows, 1 column before: s - pads     s -2.25 (H), -1.25 (W)
//   slice rows from 1 step 2, columns step 3: s + 1 (H), j 2 (H), 3 (W)
//                                             r 7.5  j 2x3  s -1.25
// FLOPs: conv 2 * 64 outputs * 4 * 3 * 3 = 4,608; relu 256;
// conv_transpose 2 * 64 inputs * 4 * 4 * 4 taps = 8,192; nearest
// resize 0; linear 256 outputs * 2 resized dimensions * 3 = 1,536.

// RUN: kiln-compile %s --emit=kiln -o /dev/null --report | FileCheck %s

// CHECK: conv {{ *}}conv2d{{ *}}1x4x4x4{{ *}}4,608{{ *}}144{{ *}}3{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: up {{ *}}conv_transpose2d{{ *}}1x4x8x8{{ *}}8,192{{ *}}256{{ *}}6{{ *}}1{{ *}}-0.5{{$}}
// CHECK-NEXT: unshuffle {{ *}}pixel_unshuffle{{ *}}1x16x4x4{{ *}}0{{ *}}0{{ *}}7{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: relu {{ *}}relu{{ *}}1x16x4x4{{ *}}256{{ *}}0{{ *}}7{{ *}}2{{ *}}0{{$}}
// CHECK-NEXT: shuffle {{ *}}pixel_shuffle{{ *}}1x4x8x8{{ *}}0{{ *}}0{{ *}}7{{ *}}1{{ *}}-0.5{{$}}
// CHECK-NEXT: nearest {{ *}}resize{{ *}}1x4x16x16{{ *}}0{{ *}}0{{ *}}7{{ *}}0.5{{ *}}-0.5{{$}}
// CHECK-NEXT: linear {{ *}}resize{{ *}}1x4x8x8{{ *}}1,536{{ *}}0{{ *}}7.5{{ *}}1{{ *}}-0.25{{$}}
// CHECK-NEXT: pad {{ *}}pad{{ *}}1x4x10x9{{ *}}0{{ *}}0{{ *}}7.5{{ *}}1{{ *}}-2.25,-1.25{{$}}
// CHECK-NEXT: slice {{ *}}slice{{ *}}1x4x5x3{{ *}}0{{ *}}0{{ *}}7.5{{ *}}2x3{{ *}}-1.25{{$}}
// CHECK-NEXT: total {{ *}}14,592{{ *}}400{{ *}}7.5{{ *}}2x3{{ *}}-1.25{{$}}

func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x5x3xf32> {
  %w = kiln.constant dense<0.5> : tensor<4x4x3x3xf32>
  %wt = kiln.constant dense<0.25> : tensor<4x4x4x4xf32>
  %c = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32> loc("conv")
  %u = kiln.conv_transpose2d %c, %wt {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xf32>, tensor<4x4x4x4xf32>) -> tensor<1x4x8x8xf32> loc("up")
  %pu = kiln.pixel_unshuffle %u {downscale_factor = 2 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x16x4x4xf32> loc("unshuffle")
  %r = kiln.relu %pu : tensor<1x16x4x4xf32> loc("relu")
  %ps = kiln.pixel_shuffle %r {upscale_factor = 2 : i64} : (tensor<1x16x4x4xf32>) -> tensor<1x4x8x8xf32> loc("shuffle")
  %n = kiln.resize %ps {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 4, 16, 16>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x16x16xf32> loc("nearest")
  %l = kiln.resize %n {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 0.5, 0.5>, sizes = array<i64: 1, 4, 8, 8>} : (tensor<1x4x16x16xf32>) -> tensor<1x4x8x8xf32> loc("linear")
  %p = kiln.pad %l {pads = array<i64: 0, 0, 2, 1, 0, 0, 0, 0>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x10x9xf32> loc("pad")
  %s = kiln.slice %p {starts = array<i64: 0, 0, 1, 0>, ends = array<i64: 1, 4, 10, 9>, steps = array<i64: 1, 1, 2, 3>} : (tensor<1x4x10x9xf32>) -> tensor<1x4x5x3xf32> loc("slice")
  return %s : tensor<1x4x5x3xf32>
}
