// Ops made by the recognition passes are marked as fused with the pass that
// made them (their location is fused<"pass">[...]): a decomposed SiLU and a
// reshape-transpose-reshape channel shuffle that no neighbour absorbs (the
// conv's filter is an argument, so kiln-fold-shuffles cannot permute it). The
// ops they replaced are gone from the report; the recognized ops keep the
// name of the op they replaced.

// RUN: kiln-compile %s --emit=kiln -o /dev/null --report | FileCheck %s
// RUN: kiln-compile %s --emit=kiln -o /dev/null --report-graph=- | FileCheck %s --check-prefix=DOT
// RUN: kiln-compile %s --emit=kiln -o - --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

// CHECK: model report of @main (3 layers)
// CHECK-NEXT: layer
// CHECK-NEXT: conv {{ *}}conv2d{{ *}}1x4x6x6{{ *}}5,184{{ *}}0{{ *}}3{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: act_mul {{ *}}silu{{ *}}1x4x6x6{{ *}}144{{ *}}0{{ *}}3{{ *}}1{{ *}}0{{ *}}kiln-recognize-patterns{{$}}
// CHECK-NEXT: shuffle_merge {{ *}}channel_shuffle{{ *}}1x4x6x6{{ *}}0{{ *}}0{{ *}}3{{ *}}1{{ *}}0{{ *}}kiln-recognize-patterns{{$}}

// DOT: n1 [label="act_mul\nsilu 1x4x6x6\n144 FLOPs\nfused: kiln-recognize-patterns", style=filled, fillcolor="#ffd27f"];
// DOT: n2 [label="shuffle_merge\nchannel_shuffle 1x4x6x6\nfused: kiln-recognize-patterns", style=filled, fillcolor="#ffd27f"];
// DOT: in1 -> n0;
// DOT: n0 -> n1;
// DOT: n1 -> n2;
// DOT: n2 -> out0;

// LOC: kiln.silu {{.*}} loc(fused<"kiln-recognize-patterns">["act_mul"

func.func @main(%x: tensor<1x2x6x6xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %c = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x6xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> loc("conv")
  %s = kiln.sigmoid %c : tensor<1x4x6x6xf32> loc("act_sigmoid")
  %m = kiln.mul %c, %s : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32> loc("act_mul")
  %a = kiln.reshape %m {shape = array<i64: 1, 2, 2, 6, 6>} : (tensor<1x4x6x6xf32>) -> tensor<1x2x2x6x6xf32> loc("shuffle_split")
  %t = kiln.transpose %a {permutation = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x2x6x6xf32>) -> tensor<1x2x2x6x6xf32> loc("shuffle_transpose")
  %y = kiln.reshape %t {shape = array<i64: 1, 4, 6, 6>} : (tensor<1x2x2x6x6xf32>) -> tensor<1x4x6x6xf32> loc("shuffle_merge")
  return %y : tensor<1x4x6x6xf32>
}
